//! `content/<locale>/SUMMARY.md`, mdBook's table of contents, to an `Outline`.
//!
//! The format is mdBook's: an optional title (`# Summary`), prefix chapters as bare
//! links, `# Part` titles, numbered chapters as nested lists of links, `---`
//! separators, draft chapters with an empty target (`- [Title]()`) and suffix chapters
//! after the list. Books moved from mdBook keep their file unchanged, so the reading
//! is lenient where mdBook is: anything else in the file is ignored, with a warning.

use std::collections::HashMap;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, Diagnostics, pos_at};
use crate::model::{Chapter, Outline, OutlineEntry, Pos, SourceFile};

const FORMAT_HINT: &str = "SUMMARY.md holds links to pages (`[Intro](intro.md)`), lists of them (`- [Chapter](chapter.md)`), `# Part` titles and `---`";

/// Reads `file` (`content/<locale>/SUMMARY.md`); problems are reported, and the entries
/// that could be read are kept.
pub fn parse(file: &SourceFile, diagnostics: &Diagnostics) -> Outline {
    let mut reader = Reader {
        file,
        diagnostics,
        entries: Vec::new(),
        listed: HashMap::new(),
        depth: 0,
        items: Vec::new(),
        link: None,
        heading: None,
        skipping: 0,
        blocks_seen: 0,
        in_suffix: false,
    };
    for (event, range) in Parser::new(&file.text).into_offset_iter() {
        reader.event(event, range.start);
    }
    Outline {
        source: file.path.clone(),
        entries: reader.entries,
    }
}

struct Reader<'a> {
    file: &'a SourceFile,
    diagnostics: &'a Diagnostics,
    entries: Vec<OutlineEntry>,
    /// Each listed page and where it was first listed.
    listed: HashMap<String, Pos>,
    /// How many lists are open: a chapter's depth.
    depth: u8,
    /// For each open list item: whether it has its chapter link yet.
    items: Vec<bool>,
    /// The open link: its target, where it starts, its text so far.
    link: Option<(String, usize, String)>,
    /// The open heading: level, start, text so far.
    heading: Option<(HeadingLevel, usize, String)>,
    /// Inside a block that an outline does not use, how deep.
    skipping: usize,
    /// Top-level blocks started so far: only the first heading is the title.
    blocks_seen: usize,
    /// A bare link came after the numbered list: what follows are suffix chapters.
    in_suffix: bool,
}

impl Reader<'_> {
    fn pos(&self, offset: usize) -> Pos {
        pos_at(&self.file.text, offset)
    }

    fn warn(&self, offset: usize, message: impl Into<String>) {
        self.diagnostics.push(
            Diagnostic::warning(&self.file.path, self.pos(offset), message).with_hint(FORMAT_HINT),
        );
    }

    fn event(&mut self, event: Event, offset: usize) {
        if self.skipping > 0 {
            match event {
                Event::Start(_) => self.skipping += 1,
                Event::End(_) => self.skipping -= 1,
                _ => {}
            }
            return;
        }
        let top_level = self.depth == 0 && self.heading.is_none() && self.link.is_none();
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.blocks_seen += 1;
                self.heading = Some((level, offset, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Start(Tag::List(_)) => {
                if self.depth == 0 {
                    self.blocks_seen += 1;
                }
                self.depth = self.depth.saturating_add(1);
            }
            Event::End(TagEnd::List(_)) => self.depth = self.depth.saturating_sub(1),
            Event::Start(Tag::Item) => self.items.push(false),
            Event::End(TagEnd::Item) => {
                if self.items.pop() == Some(false) {
                    self.warn(offset, "a list item without a link is not a chapter");
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.link = Some((dest_url.into_string(), offset, String::new()));
            }
            Event::End(TagEnd::Link) => self.end_link(),
            Event::Start(Tag::Paragraph) => {
                if top_level {
                    self.blocks_seen += 1;
                }
            }
            Event::End(TagEnd::Paragraph) => {}
            // Formatting inside a title or a link keeps its text.
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {}
            Event::Text(text) | Event::Code(text) => self.text(&text, offset),
            Event::SoftBreak | Event::HardBreak => self.text(" ", offset),
            Event::Rule => {
                self.blocks_seen += 1;
                self.entries.push(OutlineEntry::Separator {
                    pos: self.pos(offset),
                });
            }
            // Comments, as mdBook allows.
            Event::Start(Tag::HtmlBlock)
            | Event::End(TagEnd::HtmlBlock)
            | Event::Html(_)
            | Event::InlineHtml(_) => {}
            Event::Start(tag) => {
                self.blocks_seen += 1;
                self.warn(offset, format!("{} ignored", describe(&tag)));
                self.skipping = 1;
            }
            Event::End(_) => {}
            other => self.warn(offset, format!("{other:?} ignored")),
        }
    }

    fn text(&mut self, text: &str, offset: usize) {
        if let Some((_, _, title)) = &mut self.link {
            title.push_str(text);
        } else if let Some((_, _, title)) = &mut self.heading {
            title.push_str(text);
        } else if !text.trim().is_empty() {
            self.warn(
                offset,
                format!("text outside a link is ignored: `{}`", text.trim()),
            );
        }
    }

    fn end_heading(&mut self) {
        let Some((level, offset, title)) = self.heading.take() else {
            return;
        };
        let title = title.trim().to_string();
        if level != HeadingLevel::H1 {
            self.warn(
                offset,
                format!("heading `{title}` ignored: part titles are `# Title`"),
            );
        } else if self.blocks_seen == 1 {
            // The book's title (`# Summary`): mdBook ignores it too.
        } else {
            self.in_suffix = false;
            self.entries.push(OutlineEntry::Part {
                title,
                pos: self.pos(offset),
            });
        }
    }

    fn end_link(&mut self) {
        let Some((target, offset, title)) = self.link.take() else {
            return;
        };
        let pos = self.pos(offset);
        let title = title.trim().to_string();
        let numbered = self.depth > 0;
        if let Some(has_link) = self.items.last_mut() {
            if *has_link {
                self.warn(
                    offset,
                    format!("`{title}` ignored: a list item is one chapter, its first link"),
                );
                return;
            }
            *has_link = true;
        }
        if numbered && self.in_suffix {
            self.warn(
                offset,
                "a numbered chapter after suffix chapters: mdBook refuses this order",
            );
        }
        if !numbered && self.entries.iter().any(is_numbered) {
            self.in_suffix = true;
        }
        let path = if target.is_empty() {
            None
        } else {
            match self.page_path(&target, offset) {
                Some(path) => Some(path),
                None => return,
            }
        };
        if let Some(path) = &path
            && let Some(first) = self.listed.insert(path.clone(), pos)
        {
            self.diagnostics.push(
                Diagnostic::error(&self.file.path, pos, format!("`{path}` is listed twice"))
                    .with_hint(format!(
                        "a page has one place in the outline; it is first listed at line {}",
                        first.line
                    )),
            );
            self.listed.insert(path.clone(), first);
            return;
        }
        self.entries.push(OutlineEntry::Chapter(Chapter {
            title,
            path,
            depth: self.depth.max(1),
            numbered,
            pos,
        }));
    }

    /// A link's target as a page path below the locale's folder; `None` (reported)
    /// when it is no page of the locale.
    fn page_path(&self, target: &str, offset: usize) -> Option<String> {
        let error = |message: String, hint: &str| {
            self.diagnostics.push(
                Diagnostic::error(&self.file.path, self.pos(offset), message).with_hint(hint),
            );
            None
        };
        if target.contains("://") || target.starts_with("mailto:") {
            return error(
                format!("`{target}` is not a page of the book"),
                "a chapter is a Markdown file beside SUMMARY.md or below it",
            );
        }
        let without_anchor = target.split('#').next().unwrap_or("");
        let decoded = percent_encoding::percent_decode_str(without_anchor).decode_utf8_lossy();
        let mut parts: Vec<&str> = Vec::new();
        for part in decoded.split(['/', '\\']) {
            match part {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return error(
                            format!("`{target}` is outside the locale's folder"),
                            "chapters are Markdown files beside SUMMARY.md or below it",
                        );
                    }
                }
                other => parts.push(other),
            }
        }
        let path = parts.join("/");
        if !path.ends_with(".md") {
            return error(
                format!("`{target}` is not a Markdown file"),
                "a chapter links to its page's `.md` file; `[Title]()` is a draft chapter",
            );
        }
        Some(path)
    }
}

fn is_numbered(entry: &OutlineEntry) -> bool {
    matches!(entry, OutlineEntry::Chapter(c) if c.numbered)
}

fn describe(tag: &Tag) -> &'static str {
    match tag {
        Tag::BlockQuote(_) => "a quote",
        Tag::CodeBlock(_) => "a code block",
        Tag::Table(_) => "a table",
        Tag::Image { .. } => "an image",
        _ => "this element",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn read(text: &str) -> (Outline, Vec<Diagnostic>) {
        let diagnostics = Diagnostics::new();
        let file = SourceFile {
            path: "content/en/SUMMARY.md".into(),
            text: text.into(),
        };
        let outline = parse(&file, &diagnostics);
        (outline, diagnostics.into_sorted())
    }

    /// Each entry as a short line: `1 intro.md`, `2 * guide/a.md`, `# Part`, `---`,
    /// `1 * (draft) Later`.
    fn lines(outline: &Outline) -> Vec<String> {
        outline
            .entries
            .iter()
            .map(|e| match e {
                OutlineEntry::Part { title, .. } => format!("# {title}"),
                OutlineEntry::Separator { .. } => "---".into(),
                OutlineEntry::Chapter(c) => format!(
                    "{}{} {}",
                    c.depth,
                    if c.numbered { " *" } else { "" },
                    c.path
                        .clone()
                        .unwrap_or_else(|| format!("(draft) {}", c.title))
                ),
            })
            .collect()
    }

    #[test]
    fn every_kind_of_entry_in_order() {
        let (outline, diags) = read(
            "# Summary\n\n[Welcome](welcome.md)\n[Preface](./preface.md)\n\n\
             # Getting started\n\n- [Setup](setup/index.md)\n  - [On Linux](setup/linux.md)\n    \
             - [Packages](setup/linux/packages.md)\n  - [Later]()\n- [Use](use.md)\n\n---\n\n\
             # Reference\n\n* [Options](ref/options.md)\n\n[Credits](credits.md)\n",
        );
        assert_eq!(diags, []);
        assert_eq!(
            lines(&outline),
            [
                "1 welcome.md",
                "1 preface.md",
                "# Getting started",
                "1 * setup/index.md",
                "2 * setup/linux.md",
                "3 * setup/linux/packages.md",
                "2 * (draft) Later",
                "1 * use.md",
                "---",
                "# Reference",
                "1 * ref/options.md",
                "1 credits.md",
            ]
        );
        let OutlineEntry::Chapter(packages) = &outline.entries[5] else {
            panic!("a chapter");
        };
        assert_eq!(packages.title, "Packages");
        assert_eq!(
            packages.pos,
            Pos {
                line: 10,
                column: 7
            }
        );
    }

    #[test]
    fn titles_keep_their_text_and_targets_are_decoded() {
        let (outline, diags) =
            read("- [The *`folio`* tool](the%20tool.md#top)\n- [Two\n  lines](<with space.md>)\n");
        assert_eq!(diags, []);
        let titles: Vec<(&str, Option<&str>)> = outline
            .chapters()
            .map(|c| (c.title.as_str(), c.path.as_deref()))
            .collect();
        assert_eq!(
            titles,
            [
                ("The folio tool", Some("the tool.md")),
                ("Two lines", Some("with space.md"))
            ]
        );
    }

    #[test]
    fn without_a_title_line_the_first_part_still_counts_after_a_chapter() {
        let (outline, _) = read("[Intro](intro.md)\n\n# Part one\n\n- [A](a.md)\n");
        assert_eq!(lines(&outline), ["1 intro.md", "# Part one", "1 * a.md"]);
    }

    #[test]
    fn comments_are_skipped_and_other_content_is_reported() {
        let (outline, diags) = read(
            "# Summary\n\n<!-- later: more -->\n\n- [A](a.md)\n\n## Notes\n\nSome words.\n\n```\ncode\n```\n\n- just text\n",
        );
        assert_eq!(lines(&outline), ["1 * a.md"]);
        let found: Vec<(u32, &str)> = diags
            .iter()
            .map(|d| (d.pos.line, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (7, "heading `Notes` ignored: part titles are `# Title`"),
                (9, "text outside a link is ignored: `Some words.`"),
                (11, "a code block ignored"),
                (15, "a list item without a link is not a chapter"),
                (15, "text outside a link is ignored: `just text`"),
            ]
        );
        assert!(diags.iter().all(|d| d.severity == Severity::Warning));
    }

    #[test]
    fn bad_targets_and_duplicates_are_errors_at_their_link() {
        let (outline, diags) = read(
            "- [A](a.md)\n- [Out](../x.md)\n- [Site](https://example.com/)\n- [Pic](pic.png)\n- [Again](./a.md)\n",
        );
        assert_eq!(lines(&outline), ["1 * a.md"]);
        let found: Vec<(u32, u32, &str)> = diags
            .iter()
            .map(|d| (d.pos.line, d.pos.column, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (2, 3, "`../x.md` is outside the locale's folder"),
                (3, 3, "`https://example.com/` is not a page of the book"),
                (4, 3, "`pic.png` is not a Markdown file"),
                (5, 3, "`a.md` is listed twice"),
            ]
        );
        assert!(diags.iter().all(|d| d.severity == Severity::Error));
        assert!(diags[3].hint.as_deref().unwrap().contains("line 1"));
    }

    #[test]
    fn suffix_chapters_follow_the_list() {
        let (outline, diags) = read("- [A](a.md)\n\n[End](end.md)\n\n- [B](b.md)\n");
        assert_eq!(lines(&outline), ["1 * a.md", "1 end.md", "1 * b.md"]);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("after suffix chapters"));
    }
}
