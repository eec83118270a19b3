//! A page body (blocks, inlines, footnotes) as an HTML fragment.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use pulldown_cmark_escape::{escape_href, escape_html};

use crate::highlight;
use crate::model::CodeAttrs;
use crate::model::{
    Align, Block, Callout, ChangedBlock, Figure, Footnote, Href, Inline, Length, ListItem,
    Numbered, Page, Table,
};

use super::links::UrlMap;
use super::tree::TreeRenderer;

mod marks;

/// UI strings the body needs, from the locale's Fluent table.
pub struct Labels {
    callouts: [String; 5],
    anchor: String,
    footnotes: String,
    footnote_back: String,
    /// `serve --translator`'s headings over a source text: optional, as only that
    /// mode shows them (the default theme has them).
    source_changed: String,
    source_new: String,
    source_removed: String,
}

/// Fluent ids used by the body renderer (templates use the rest of the table).
pub const LABEL_IDS: &[&str] = &[
    "callout-note",
    "callout-tip",
    "callout-important",
    "callout-warning",
    "callout-caution",
    "heading-anchor",
    "footnotes-title",
    "footnote-back",
];

/// Fluent ids of `serve --translator`'s headings over a changed block's source text.
const SOURCE_CHANGED: &str = "l10n-source-changed";
const SOURCE_NEW: &str = "l10n-source-new";
const SOURCE_REMOVED: &str = "l10n-source-removed";

impl Labels {
    /// The labels of one locale; `Err` lists the ids that no locale defines.
    pub fn from_table(table: &BTreeMap<String, String>) -> Result<Labels, Vec<&'static str>> {
        let missing: Vec<&'static str> = LABEL_IDS
            .iter()
            .copied()
            .filter(|id| !table.contains_key(*id))
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let get = |id: &str| table[id].clone();
        Ok(Labels {
            callouts: [
                get("callout-note"),
                get("callout-tip"),
                get("callout-important"),
                get("callout-warning"),
                get("callout-caution"),
            ],
            anchor: get("heading-anchor"),
            footnotes: get("footnotes-title"),
            footnote_back: get("footnote-back"),
            source_changed: table.get(SOURCE_CHANGED).cloned().unwrap_or_default(),
            source_new: table.get(SOURCE_NEW).cloned().unwrap_or_default(),
            source_removed: table.get(SOURCE_REMOVED).cloned().unwrap_or_default(),
        })
    }

    fn callout(&self, callout: Callout) -> &str {
        &self.callouts[callout as usize]
    }
}

pub fn render(page: &Page, urls: &UrlMap, labels: &Labels, trees: &TreeRenderer) -> String {
    let mut writer = Writer {
        page,
        urls,
        labels,
        trees,
        out: String::with_capacity(16 * 1024),
        refs_seen: HashSet::new(),
        tasks: 0,
        code_dir: if trees.messages.is_rtl(&page.locale) {
            " dir=\"ltr\""
        } else {
            ""
        },
        // Numbering blocks costs a walk of the page: only pages with marks pay it.
        numbered: (!page.changed_blocks.is_empty()).then(|| Numbered::new(page)),
    };
    writer.blocks(&page.blocks);
    writer.footnotes(&page.footnotes);
    writer.out
}

/// A page's name as HTML, for its `<h1>` and the navigation: its title's code and
/// emphasis kept when `name` is that title, else `name` as text. Whatever else a
/// title taken from a heading holds (a link, a footnote mark) is shown as its text: a
/// title is itself a link in the navigation.
pub fn title_html(page: &Page, name: &str) -> String {
    let mut out = String::new();
    if page.front.title_inlines.is_empty() || name != page.front.title {
        let _ = escape_html(&mut out, name);
    } else {
        title_inlines(&page.front.title_inlines, &mut out);
    }
    out
}

fn title_inlines(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        let (tag, content) = match inline {
            Inline::Code(code) => {
                out.push_str("<code>");
                let _ = escape_html(&mut *out, code);
                out.push_str("</code>");
                continue;
            }
            Inline::Emphasis(c) => ("em", c),
            Inline::Strong(c) => ("strong", c),
            Inline::Strikethrough(c) => ("del", c),
            other => {
                let _ = escape_html(&mut *out, &Inline::plain_text(std::slice::from_ref(other)));
                continue;
            }
        };
        out.push_str(&format!("<{tag}>"));
        title_inlines(content, out);
        out.push_str(&format!("</{tag}>"));
    }
}

struct Writer<'a> {
    page: &'a Page,
    urls: &'a UrlMap<'a>,
    labels: &'a Labels,
    trees: &'a TreeRenderer<'a>,
    out: String,
    /// Footnotes referenced so far: only the first reference gets the back-link id.
    refs_seen: HashSet<usize>,
    /// Task-list items so far: each checkbox is named by its item's text (`task-item-N`).
    tasks: usize,
    /// Code is set left to right in a right-to-left page: ` dir="ltr"` on `<pre>` and
    /// `<code>`, or nothing.
    code_dir: &'static str,
    /// The page's block numbers, when some of its blocks lag behind their source.
    numbered: Option<Numbered>,
}

impl<'a> Writer<'a> {
    fn text(&mut self, text: &str) {
        let _ = escape_html(&mut self.out, text);
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            self.block(block);
        }
    }

    fn block(&mut self, block: &Block) {
        let mark = self.mark_of(block);
        match block {
            Block::Heading {
                level, id, content, ..
            } => {
                // A page's own title is its <h1>: its body starts at h2 (parse shifts
                // levels); a fragment rendered alone keeps the levels it was written with.
                let level = (*level).clamp(1, 6);
                let _ = write!(self.out, "<h{level} id=\"");
                self.text(id);
                self.out.push('"');
                // A section whose source changed since the translation was synced.
                let section = if self.page.changed_sections.iter().any(|s| **s == **id) {
                    "l10n-changed-section"
                } else {
                    ""
                };
                self.mark_attrs(section, mark);
                self.out.push('>');
                // The source heading's id, for links and the language switcher.
                for (_, alias) in self
                    .page
                    .anchor_aliases
                    .iter()
                    .filter(|(own, _)| **own == **id)
                {
                    self.out.push_str("<span class=\"anchor-alias\" id=\"");
                    self.text(alias);
                    self.out.push_str("\"></span>");
                }
                self.inlines(content);
                self.out.push_str("<a class=\"anchor\" href=\"#");
                self.text(id);
                self.out.push_str("\" aria-label=\"");
                let label = format!("{}: {}", self.labels.anchor, Inline::plain_text(content));
                self.text(&label);
                self.out.push_str("\">#</a>");
                self.mark_source(mark);
                let _ = writeln!(self.out, "</h{level}>");
            }
            Block::Paragraph(inlines) => {
                self.out.push_str("<p");
                self.mark_attrs("", mark);
                self.out.push('>');
                self.inlines(inlines);
                self.mark_source(mark);
                self.out.push_str("</p>\n");
            }
            Block::List {
                start,
                tight,
                items,
            } => self.list(*start, *tight, items),
            Block::Quote {
                callout: Some(kind),
                title,
                blocks,
            } => {
                let class = format!("callout callout-{}", kind.name());
                self.out.push_str("<aside");
                self.mark_attrs(&class, mark);
                self.out
                    .push_str(" role=\"note\">\n<p class=\"callout-title\">");
                let title = match title {
                    Some(own) => own.clone(),
                    None => self.labels.callout(*kind).to_string(),
                };
                self.text(&title);
                self.out.push_str("</p>\n");
                self.blocks(blocks);
                self.mark_source(mark);
                self.out.push_str("</aside>\n");
            }
            Block::Quote {
                callout: None,
                blocks,
                ..
            } => {
                self.out.push_str("<blockquote");
                self.mark_attrs("", mark);
                self.out.push_str(">\n");
                self.blocks(blocks);
                self.mark_source(mark);
                self.out.push_str("</blockquote>\n");
            }
            Block::Code {
                lang, code, attrs, ..
            } => self.code(lang.as_deref(), code, attrs.as_deref(), mark),
            Block::Table(table) => self.table(table),
            Block::Rule => self.out.push_str("<hr>\n"),
            Block::Image(figure) => self.figure(figure, mark),
            Block::Html(html, _) => self.wrapped(mark, html),
            Block::DecisionTree { tree, .. } => {
                let html = self.trees.html(tree, self.page);
                self.wrapped(mark, &html);
            }
        }
    }

    fn list(&mut self, start: Option<u64>, tight: bool, items: &[ListItem]) {
        let tag = match start {
            Some(1) => {
                self.out.push_str("<ol>\n");
                "ol"
            }
            Some(n) => {
                let _ = writeln!(self.out, "<ol start=\"{n}\">");
                "ol"
            }
            None if items.iter().any(|i| i.task.is_some()) => {
                self.out.push_str("<ul class=\"tasks\">\n");
                "ul"
            }
            None => {
                self.out.push_str("<ul>\n");
                "ul"
            }
        };
        for item in items {
            let mark = self.mark_of(item);
            self.out.push_str("<li");
            self.mark_attrs("", mark);
            self.out.push('>');
            // A checkbox needs an accessible name: its item's first paragraph.
            let mut label = None;
            if let Some(done) = item.task {
                let checked = if done { " checked" } else { "" };
                if matches!(item.blocks.first(), Some(Block::Paragraph(_))) {
                    self.tasks += 1;
                    let _ = write!(
                        self.out,
                        "<input type=\"checkbox\" disabled{checked} aria-labelledby=\"task-item-{}\"> ",
                        self.tasks
                    );
                    label = Some(self.tasks);
                } else {
                    let _ = write!(self.out, "<input type=\"checkbox\" disabled{checked}> ");
                }
            }
            // A tight list's paragraphs have no <p>, as in CommonMark's own output.
            for (i, block) in item.blocks.iter().enumerate() {
                match block {
                    Block::Paragraph(inlines) if i == 0 && label.is_some() => {
                        let number = label.unwrap_or_default();
                        let tag = if tight { "span" } else { "p" };
                        let _ = write!(self.out, "<{tag} id=\"task-item-{number}\">");
                        self.inlines(inlines);
                        let _ = write!(self.out, "</{tag}>");
                        if !tight {
                            self.out.push('\n');
                        }
                    }
                    Block::Paragraph(inlines) if tight => {
                        if i > 0 && !self.out.ends_with('\n') {
                            self.out.push('\n');
                        }
                        self.inlines(inlines)
                    }
                    other => {
                        if !self.out.ends_with('\n') {
                            self.out.push('\n');
                        }
                        self.block(other)
                    }
                }
            }
            self.mark_source(mark);
            self.out.push_str("</li>\n");
        }
        let _ = writeln!(self.out, "</{tag}>");
    }

    /// A code block; with a title, a figure captioned by it.
    fn code(
        &mut self,
        lang: Option<&str>,
        code: &str,
        attrs: Option<&CodeAttrs>,
        mark: Option<&ChangedBlock>,
    ) {
        let title = attrs.map_or("", |a| a.title.as_str());
        let tag = if title.is_empty() { "div" } else { "figure" };
        self.out.push('<');
        self.out.push_str(tag);
        self.mark_attrs("code", mark);
        if let Some(lang) = lang {
            self.out.push_str(" data-lang=\"");
            self.text(lang);
            self.out.push('"');
        }
        self.out.push('>');
        if !title.is_empty() {
            self.out.push_str("<figcaption class=\"code-title\">");
            self.text(title);
            self.out.push_str("</figcaption>");
        }
        self.out.push_str("<pre tabindex=\"0\"");
        self.out.push_str(self.code_dir);
        self.out.push_str("><code");
        if let Some(lang) = lang {
            self.out.push_str(" class=\"language-");
            self.text(lang);
            self.out.push('"');
        }
        self.out.push('>');
        self.out.push_str(&highlight::to_html(code, lang, attrs));
        self.out.push_str("</code></pre>");
        self.mark_source(mark);
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    fn table(&mut self, table: &Table) {
        self.out
            .push_str("<div class=\"table-wrap\" tabindex=\"0\"><table>\n<thead>");
        self.row(&table.head, &table.align, "th scope=\"col\"", "th");
        self.out.push_str("</thead>\n<tbody>\n");
        for row in &table.rows {
            self.row(row, &table.align, "td", "td");
            self.out.push('\n');
        }
        self.out.push_str("</tbody>\n</table></div>\n");
    }

    /// A row; a marked one holds its source's text in its first cell (a row holds
    /// nothing but cells).
    fn row(&mut self, row: &Vec<Vec<Inline>>, align: &[Align], open: &str, close: &str) {
        let mark = self.mark_of(row);
        self.out.push_str("<tr");
        self.mark_attrs("", mark);
        self.out.push('>');
        for (i, cell) in row.iter().enumerate() {
            self.cell(
                open,
                close,
                align.get(i),
                cell,
                if i == 0 { mark } else { None },
            );
        }
        self.out.push_str("</tr>");
    }

    fn cell(
        &mut self,
        open: &str,
        close: &str,
        align: Option<&Align>,
        content: &[Inline],
        mark: Option<&ChangedBlock>,
    ) {
        let class = match align {
            Some(Align::Left) => " class=\"align-left\"",
            Some(Align::Center) => " class=\"align-center\"",
            Some(Align::Right) => " class=\"align-right\"",
            _ => "",
        };
        self.out.push('<');
        self.out.push_str(open);
        self.out.push_str(class);
        self.out.push('>');
        self.inlines(content);
        self.mark_source(mark);
        self.out.push_str("</");
        self.out.push_str(close);
        self.out.push('>');
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(text) => self.text(text),
            Inline::Emphasis(c) => self.wrap("em", c),
            Inline::Strong(c) => self.wrap("strong", c),
            Inline::Strikethrough(c) => self.wrap("del", c),
            Inline::Code(code) => {
                self.out.push_str("<code");
                self.out.push_str(self.code_dir);
                self.out.push('>');
                self.text(code);
                self.out.push_str("</code>");
            }
            Inline::Link(link) => {
                self.out.push_str("<a href=\"");
                self.href(&link.href);
                self.out.push('"');
                if !link.title.is_empty() {
                    self.out.push_str(" title=\"");
                    self.text(&link.title);
                    self.out.push('"');
                }
                if matches!(link.href, Href::External(_)) {
                    self.out.push_str(" class=\"external\"");
                }
                self.out.push('>');
                self.inlines(&link.content);
                self.out.push_str("</a>");
            }
            Inline::Image(image) => {
                self.image(&image.src, &image.alt, &image.title);
                self.size(image.width, image.height);
                self.out.push_str(" loading=\"lazy\">");
            }
            Inline::SoftBreak => self.out.push('\n'),
            Inline::LineBreak => self.out.push_str("<br>\n"),
            Inline::FootnoteRef { number, .. } => {
                let id = if self.refs_seen.insert(*number) {
                    format!(" id=\"fnref-{number}\"")
                } else {
                    String::new()
                };
                let _ = write!(
                    self.out,
                    "<sup class=\"footnote-ref\"><a href=\"#fn-{number}\"{id} role=\"doc-noteref\">{number}</a></sup>"
                );
            }
            Inline::Html(html, _) => self.out.push_str(html),
            Inline::Indexed(mark) => {
                // The index page links here.
                self.out.push_str("<span id=\"");
                self.text(&mark.id);
                self.out.push_str("\" class=\"index-term\">");
                self.inlines(&mark.content);
                self.out.push_str("</span>");
            }
        }
    }

    /// Pieces pushed in turn, not `write!`: emphasis is in every paragraph, and the
    /// formatting machinery cost more than the copying.
    fn wrap(&mut self, tag: &str, content: &[Inline]) {
        self.out.push('<');
        self.out.push_str(tag);
        self.out.push('>');
        self.inlines(content);
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    fn href(&mut self, href: &Href) {
        let url = self.urls.href(self.page, href);
        let _ = escape_href(&mut self.out, &url);
    }

    /// An `<img` tag's source and texts; the caller adds the rest and closes it.
    fn image(&mut self, src: &Href, alt: &str, title: &str) {
        self.out.push_str("<img src=\"");
        self.href(src);
        self.out.push_str("\" alt=\"");
        self.text(alt);
        self.out.push('"');
        if !title.is_empty() {
            self.out.push_str(" title=\"");
            self.text(title);
            self.out.push('"');
        }
    }

    /// The size a raw HTML `<img>` stated, kept as it was written.
    fn size(&mut self, width: Option<Length>, height: Option<Length>) {
        if let Some(width) = width {
            let _ = write!(self.out, " width=\"{width}\"");
        }
        if let Some(height) = height {
            let _ = write!(self.out, " height=\"{height}\"");
        }
    }

    /// A figure; a Markdown image's title is its caption, a raw HTML one's caption is
    /// its `<figcaption>`.
    fn figure(&mut self, figure: &Figure, mark: Option<&ChangedBlock>) {
        // The classes of table cells: `.align-center` centres a figure's picture too.
        self.out.push_str("<figure");
        self.mark_attrs(
            match figure.align {
                Align::None => "",
                Align::Left => "align-left",
                Align::Center => "align-center",
                Align::Right => "align-right",
            },
            mark,
        );
        self.out.push('>');
        if !figure.sources.is_empty() {
            self.out.push_str("<picture>");
            for source in &figure.sources {
                self.out.push_str("<source srcset=\"");
                self.href(&source.srcset);
                self.out.push('"');
                for (name, value) in [("media", &source.media), ("type", &source.mime)] {
                    if !value.is_empty() {
                        let _ = write!(self.out, " {name}=\"");
                        self.text(value);
                        self.out.push('"');
                    }
                }
                self.out.push('>');
            }
        }
        self.image(&figure.src, &figure.alt, &figure.title);
        self.size(figure.width, figure.height);
        self.out.push_str(" loading=\"lazy\">");
        if !figure.sources.is_empty() {
            self.out.push_str("</picture>");
        }
        match &figure.caption {
            Some(caption) if !caption.is_empty() => {
                self.out.push_str("<figcaption>");
                self.inlines(caption);
                self.out.push_str("</figcaption>");
            }
            None if !figure.title.is_empty() => {
                self.out.push_str("<figcaption>");
                self.text(&figure.title);
                self.out.push_str("</figcaption>");
            }
            _ => {}
        }
        self.mark_source(mark);
        self.out.push_str("</figure>\n");
    }

    fn back_link(&mut self, number: usize) {
        let back = self.labels.footnote_back.clone();
        let _ = write!(
            self.out,
            " <a class=\"footnote-back\" href=\"#fnref-{number}\" role=\"doc-backlink\" aria-label=\""
        );
        self.text(&back);
        self.out.push_str("\">↩</a>");
    }

    fn footnotes(&mut self, footnotes: &[Footnote]) {
        if footnotes.is_empty() {
            return;
        }
        self.out.push_str("<section class=\"footnotes\" role=\"doc-endnotes\" aria-labelledby=\"footnotes-title\">\n<h2 id=\"footnotes-title\">");
        let title = self.labels.footnotes.clone();
        self.text(&title);
        self.out.push_str("</h2>\n<ol>\n");
        for note in footnotes {
            let mark = self.mark_of(note);
            let _ = write!(self.out, "<li id=\"fn-{}\"", note.number);
            self.mark_attrs("", mark);
            self.out.push('>');
            // The back link ends the note's last paragraph, as readers expect.
            match note.blocks.split_last() {
                Some((Block::Paragraph(last), before)) => {
                    self.blocks(before);
                    self.out.push_str("<p>");
                    self.inlines(last);
                    self.back_link(note.number);
                    self.out.push_str("</p>");
                }
                _ => {
                    self.blocks(&note.blocks);
                    self.back_link(note.number);
                }
            }
            self.mark_source(mark);
            self.out.push_str("</li>\n");
        }
        self.out.push_str("</ol>\n</section>\n");
    }
}

#[cfg(test)]
mod tests;
