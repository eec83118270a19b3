//! The marks of an outdated translation's blocks whose source changed (see
//! `model::changes`): a class for a bar in the margin and, under `serve --translator`,
//! the source's text inside the block, shown on hover and focus by the theme's CSS.

use std::fmt::Write as _;

use pulldown_cmark_escape::escape_html;

use crate::model::{ChangedBlock, Page, SourceChange, WordChange};

use super::Writer;

impl<'a> Writer<'a> {
    /// The mark of a block, list item, table row or footnote whose source changed.
    pub(super) fn mark_of<T>(&self, part: &T) -> Option<&'a ChangedBlock> {
        let number = self.numbered.as_ref()?.of(part)?;
        let page: &'a Page = self.page;
        let marks = &page.changed_blocks;
        let at = marks.binary_search_by_key(&number, |m| m.number).ok()?;
        Some(&marks[at])
    }

    /// The attributes of a marked element, its own classes (`class`, may be empty)
    /// first: a bar in the margin (CSS, nothing for screen readers: the banner says
    /// how many) and, under `serve --translator`, focus to show the source's text.
    pub(super) fn mark_attrs(&mut self, class: &str, mark: Option<&ChangedBlock>) {
        let Some(mark) = mark else {
            if !class.is_empty() {
                let _ = write!(self.out, " class=\"{class}\"");
            }
            return;
        };
        let space = if class.is_empty() { "" } else { " " };
        let _ = write!(self.out, " class=\"{class}{space}l10n-changed\"");
        if !mark.sources.is_empty() {
            let _ = write!(
                self.out,
                " tabindex=\"0\" aria-describedby=\"l10n-source-{}\"",
                mark.number
            );
        }
    }

    /// `serve --translator`: the source's text of a marked element, inside it, shown
    /// while it is hovered or focused (and read as its description).
    pub(super) fn mark_source(&mut self, mark: Option<&ChangedBlock>) {
        let Some(mark) = mark.filter(|m| !m.sources.is_empty()) else {
            return;
        };
        let (trees, labels) = (self.trees, self.labels);
        let lang = &trees.site.config.source_locale;
        let _ = write!(
            self.out,
            "<span class=\"l10n-source\" role=\"tooltip\" id=\"l10n-source-{}\">",
            mark.number
        );
        for source in &mark.sources {
            let label = match source.change {
                SourceChange::Changed => &labels.source_changed,
                SourceChange::Added => &labels.source_new,
                SourceChange::Removed => &labels.source_removed,
            };
            self.out.push_str("<span class=\"l10n-source-label\">");
            let _ = escape_html(&mut self.out, label);
            self.out.push_str("</span>");
            // A removed block's text is known only from git.
            if source.text.is_empty() {
                continue;
            }
            self.out
                .push_str("<span class=\"l10n-source-text\" lang=\"");
            self.text(lang);
            self.out.push_str("\">");
            if source.diff.is_empty() {
                self.text(&source.text);
            }
            for change in &source.diff {
                match change {
                    WordChange::Same(words) => self.text(words),
                    WordChange::Gone(words) => {
                        self.out.push_str("<del>");
                        self.text(words);
                        self.out.push_str("</del>");
                    }
                    WordChange::Added(words) => {
                        self.out.push_str("<ins>");
                        self.text(words);
                        self.out.push_str("</ins>");
                    }
                }
            }
            self.out.push_str("</span>");
        }
        self.out.push_str("</span>");
    }

    /// A marked block the Markdown gives no element of its own (raw HTML, a tree
    /// embed) is wrapped in one.
    pub(super) fn wrapped(&mut self, mark: Option<&ChangedBlock>, html: &str) {
        if mark.is_none() {
            self.out.push_str(html);
            return;
        }
        self.out.push_str("<div");
        self.mark_attrs("", mark);
        self.out.push_str(">\n");
        self.out.push_str(html);
        self.mark_source(mark);
        self.out.push_str("</div>\n");
    }
}
