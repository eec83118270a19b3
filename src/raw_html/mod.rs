//! The raw-HTML policy: a step between parsing and resolving that rewrites a page's
//! `Block::Html` and `Inline::Html` nodes as its locale's policy says (`[markdown]
//! raw_html` in folio.toml), so that no renderer has a policy of its own.
//!
//! Only raw HTML goes through the policy: Folio's own markup (heading ids, task-list
//! boxes, figures, callouts) is made by the renderers later and never meets it.
//! Sanitizing works on runs, not on single tags: pulldown-cmark gives `<kbd>`, `Ctrl`
//! and `</kbd>` as three events, and an HTML block that wraps Markdown (`<details>`
//! ... `</details>`) as two blocks, and a lone `</details>` cleans to nothing. So a
//! list's raw HTML from its first piece to its last goes through the sanitizer as
//! one fragment, with each Markdown block or inline in between replaced by a mark
//! that the sanitizer keeps as text; the cleaned fragment is then cut at the marks
//! and the Markdown put back in place.

mod icons;
mod sanitize;

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Block, Href, Inline, Page, Pos, RawHtml, Table};

pub use sanitize::{Removal, clean};

/// Applies `policy` to `page`'s raw HTML, warning about every removal, and about
/// icon-font elements that would show nothing (unless the policy shows them as text).
pub fn apply(page: &mut Page, policy: RawHtml, diagnostics: &Diagnostics) {
    if policy != RawHtml::Escape {
        icons::warn(&page.blocks, &page.source, diagnostics);
        for footnote in &page.footnotes {
            icons::warn(&footnote.blocks, &page.source, diagnostics);
        }
    }
    if policy == RawHtml::Allow {
        return;
    }
    let ctx = Ctx {
        file: &page.source,
        locale: &page.locale,
        policy,
        diagnostics,
    };
    blocks(&mut page.blocks, &ctx);
    for footnote in &mut page.footnotes {
        blocks(&mut footnote.blocks, &ctx);
    }
}

struct Ctx<'a> {
    file: &'a str,
    locale: &'a str,
    policy: RawHtml,
    diagnostics: &'a Diagnostics,
}

fn blocks(list: &mut Vec<Block>, ctx: &Ctx) {
    apply_to_list(list, ctx);
    for block in list {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => inlines(content, ctx),
            Block::List { items, .. } => {
                for item in items {
                    blocks(&mut item.blocks, ctx);
                }
            }
            Block::Quote { blocks: inner, .. } => blocks(inner, ctx),
            Block::Table(table) => {
                let Table { head, rows, .. } = &mut **table;
                for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                    inlines(cell, ctx);
                }
            }
            Block::Image(figure) => {
                if let Some(caption) = &mut figure.caption {
                    inlines(caption, ctx);
                }
            }
            Block::Code { .. } | Block::Rule | Block::Html(..) | Block::DecisionTree { .. } => {}
        }
    }
}

fn inlines(list: &mut Vec<Inline>, ctx: &Ctx) {
    if ctx.policy == RawHtml::Sanitize {
        unlink_unsafe(list, ctx);
    }
    apply_to_list(list, ctx);
    for inline in list {
        match inline {
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => inlines(c, ctx),
            Inline::Link(link) => inlines(&mut link.content, ctx),
            Inline::Indexed(mark) => inlines(&mut mark.content, ctx),
            Inline::Text(_)
            | Inline::Code(_)
            | Inline::Image(_)
            | Inline::SoftBreak
            | Inline::LineBreak
            | Inline::FootnoteRef { .. }
            | Inline::Html(..) => {}
        }
    }
}

/// Markdown links to `javascript:` (or any scheme but http, https and mailto) are what
/// the sanitizer removes from `<a href>`: the same rule holds for them, their text kept.
fn unlink_unsafe(list: &mut Vec<Inline>, ctx: &Ctx) {
    let unsafe_href = |href: &Href| matches!(href, Href::External(url) if !safe_scheme(url));
    if !(list.iter()).any(|i| matches!(i, Inline::Link(link) if unsafe_href(&link.href))) {
        return;
    }
    for inline in std::mem::take(list) {
        match inline {
            Inline::Link(link) if unsafe_href(&link.href) => {
                if let Href::External(url) = &link.href {
                    ctx.diagnostics.push(
                        Diagnostic::warning(
                            ctx.file,
                            link.pos,
                            format!(
                                "removed the link to `{url}`, its text kept: only http, https, mailto and relative URLs are kept"
                            ),
                        )
                        .with_hint(format!(
                            "pages of locale `{}` are sanitized (raw_html = \"sanitize\" in folio.toml): link to an http(s) or mailto URL, or to a page of the site",
                            ctx.locale
                        )),
                    );
                }
                list.extend(link.content);
            }
            other => list.push(other),
        }
    }
}

/// Whether an absolute URL's scheme is one the policy keeps. Browsers skip ASCII
/// white space and control characters in a scheme (`java\tscript:`): so does this.
fn safe_scheme(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    let scheme: String = url
        .split(':')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(scheme.as_str(), "http" | "https" | "mailto")
}

fn hint(ctx: &Ctx) -> String {
    format!(
        "raw HTML of locale `{}` is sanitized (raw_html = \"sanitize\" in folio.toml): write it in Markdown, or keep to the tags the sanitizer allows",
        ctx.locale
    )
}

/// A block or an inline: what the policy needs to know of either.
trait Node: Sized {
    fn html(&self) -> Option<(&str, Pos)>;
    fn from_html(html: String, pos: Pos) -> Self;
    /// The raw HTML shown as text.
    fn escaped(html: &str) -> Option<Self>;
}

impl Node for Block {
    fn html(&self) -> Option<(&str, Pos)> {
        match self {
            Block::Html(html, pos) => Some((html, *pos)),
            _ => None,
        }
    }

    fn from_html(html: String, pos: Pos) -> Self {
        Block::Html(html, pos)
    }

    /// A paragraph, line for line.
    fn escaped(html: &str) -> Option<Self> {
        let html = html.trim_end();
        if html.is_empty() {
            return None;
        }
        let mut content = Vec::new();
        for (i, line) in html.lines().enumerate() {
            if i > 0 {
                content.push(Inline::LineBreak);
            }
            content.push(Inline::Text(line.into()));
        }
        Some(Block::Paragraph(content))
    }
}

impl Node for Inline {
    fn html(&self) -> Option<(&str, Pos)> {
        match self {
            Inline::Html(html, pos) => Some((&**html, *pos)),
            _ => None,
        }
    }

    fn from_html(html: String, pos: Pos) -> Self {
        Inline::Html(html.into_boxed_str(), pos)
    }

    fn escaped(html: &str) -> Option<Self> {
        Some(Inline::Text(html.into()))
    }
}

fn apply_to_list<T: Node>(list: &mut Vec<T>, ctx: &Ctx) {
    match ctx.policy {
        RawHtml::Allow => {}
        RawHtml::Escape => {
            if list.iter().any(|n| n.html().is_some()) {
                let old = std::mem::take(list);
                list.extend(old.into_iter().filter_map(|n| match n.html() {
                    Some((html, _)) => T::escaped(html),
                    None => Some(n),
                }));
            }
        }
        RawHtml::Sanitize => sanitize_run(list, ctx),
    }
}

/// Opens and closes the mark that stands for a Markdown node inside a run: private-use
/// characters, which the sanitizer keeps as text.
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

/// Sanitizes `list`'s raw HTML from its first piece to its last as one fragment.
fn sanitize_run<T: Node>(list: &mut Vec<T>, ctx: &Ctx) {
    let Some(first) = list.iter().position(|n| n.html().is_some()) else {
        return;
    };
    let last = list
        .iter()
        .rposition(|n| n.html().is_some())
        .unwrap_or(first);
    let run: Vec<T> = list.drain(first..=last).collect();
    let mut fragment = String::new();
    // Where each raw piece starts in `fragment`, and in the source.
    let mut pieces: Vec<(usize, Pos)> = Vec::new();
    let mut marked: Vec<Option<T>> = Vec::new();
    for node in run {
        match node.html() {
            Some((html, pos)) => {
                pieces.push((fragment.len(), pos));
                // A writer's own private-use marks would be taken for Folio's.
                fragment.extend(html.chars().map(|c| match c {
                    MARK_OPEN | MARK_CLOSE => char::REPLACEMENT_CHARACTER,
                    c => c,
                }));
            }
            None => {
                let _ = write!(fragment, "{MARK_OPEN}{}{MARK_CLOSE}", marked.len());
                marked.push(Some(node));
            }
        }
    }
    let (cleaned, removals) = clean(&fragment);
    for removal in &removals {
        report(removal, &fragment, &pieces, ctx);
    }
    let pos = pieces.first().map_or_else(Pos::default, |p| p.1);
    let mut out = Vec::new();
    let mut rest = cleaned.as_str();
    while let Some(at) = rest.find(MARK_OPEN) {
        push_html(&mut out, &rest[..at], pos);
        let after = &rest[at + MARK_OPEN.len_utf8()..];
        let Some(close) = after.find(MARK_CLOSE) else {
            rest = after;
            break;
        };
        if let Some(node) = after[..close]
            .parse::<usize>()
            .ok()
            .and_then(|i| marked.get_mut(i))
            .and_then(Option::take)
        {
            out.push(node);
        }
        rest = &after[close + MARK_CLOSE.len_utf8()..];
    }
    push_html(&mut out, rest, pos);
    list.splice(first..first, out);
}

fn push_html<T: Node>(out: &mut Vec<T>, html: &str, pos: Pos) {
    if !html.is_empty() {
        out.push(T::from_html(html.to_string(), pos));
    }
}

/// The place of byte `offset` of raw HTML read as one `fragment` made of `pieces`
/// (each starting at a byte with its place in the file): the piece it falls in, then
/// the line and column within it.
pub(crate) fn place_in(fragment: &str, pieces: &[(usize, Pos)], offset: usize) -> Pos {
    let i = pieces
        .partition_point(|&(start, _)| start <= offset)
        .saturating_sub(1);
    let (start, pos) = pieces.get(i).copied().unwrap_or_default();
    let before = fragment.get(start..offset).unwrap_or_default();
    match before.rfind('\n') {
        None => Pos {
            line: pos.line,
            column: pos.column + before.chars().count() as u32,
        },
        Some(nl) => Pos {
            line: pos.line + before.matches('\n').count() as u32,
            column: before[nl + 1..].chars().count() as u32 + 1,
        },
    }
}

/// Warns about `removal` at its place in the source: the raw piece it falls in, and
/// the line and column within it.
fn report(removal: &Removal, fragment: &str, pieces: &[(usize, Pos)], ctx: &Ctx) {
    let pos = place_in(fragment, pieces, removal.offset);
    ctx.diagnostics
        .push(Diagnostic::warning(ctx.file, pos, removal.message.clone()).with_hint(hint(ctx)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HeadingIds;
    use crate::parse::markdown;

    fn run(policy: RawHtml, body: &str) -> (Vec<Block>, Vec<Diagnostic>) {
        let diagnostics = Diagnostics::new();
        let parsed =
            markdown::parse_with("content/ja/p.md", body, 0, HeadingIds::Github, &diagnostics);
        let mut blocks = parsed.blocks;
        let ctx = Ctx {
            file: "content/ja/p.md",
            locale: "ja",
            policy,
            diagnostics: &diagnostics,
        };
        super::blocks(&mut blocks, &ctx);
        (blocks, diagnostics.into_sorted())
    }

    fn html_of(blocks: &[Block]) -> String {
        let mut out = String::new();
        for block in blocks {
            match block {
                Block::Html(h, _) => out.push_str(h),
                Block::Paragraph(inlines) => {
                    for inline in inlines {
                        match inline {
                            Inline::Html(h, _) => out.push_str(h),
                            Inline::Text(t) => out.push_str(t),
                            other => out.push_str(&format!("{other:?}")),
                        }
                    }
                }
                other => out.push_str(&format!("[{other:?}]")),
            }
        }
        out
    }

    #[test]
    fn allow_leaves_the_model_untouched() {
        let body = "<div onclick=\"x()\">a</div>\n\nText <script>x</script>\n";
        let diagnostics = Diagnostics::new();
        let before = markdown::parse("content/ja/p.md", body, 0, &diagnostics).blocks;
        let (after, diags) = run(RawHtml::Allow, body);
        assert_eq!(before, after);
        assert!(diags.is_empty());
    }

    #[test]
    fn details_around_markdown_stay_whole() {
        let body = "<details>\n<summary>More</summary>\n\nSome *Markdown*.\n\n</details>\n";
        let (blocks, diags) = run(RawHtml::Sanitize, body);
        assert!(diags.is_empty(), "{diags:?}");
        assert!(matches!(&blocks[0], Block::Html(h, _) if h.starts_with("<details>")));
        assert!(matches!(&blocks[1], Block::Paragraph(_)));
        assert!(matches!(&blocks[2], Block::Html(h, _) if h.trim() == "</details>"));
    }

    #[test]
    fn inline_runs_are_cleaned_together() {
        let (blocks, diags) = run(
            RawHtml::Sanitize,
            "Press <kbd>Ctrl</kbd>+<kbd onclick=\"x()\">C</kbd> **now**.\n",
        );
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].message,
            "removed the event handler `onclick` from `<kbd>`"
        );
        assert_eq!((diags[0].pos.line, diags[0].pos.column), (1, 28));
        assert_eq!(
            html_of(&blocks),
            "Press <kbd>Ctrl</kbd>+<kbd>C</kbd> Strong([Text(\"now\")])."
        );
    }

    #[test]
    fn markdown_inside_a_script_goes_with_it() {
        let (blocks, diags) = run(RawHtml::Sanitize, "a <script>*x*</script> b\n");
        assert_eq!(html_of(&blocks), "a  b");
        assert_eq!(diags[0].message, "removed `<script>` and what it holds");
        assert_eq!((diags[0].pos.line, diags[0].pos.column), (1, 3));
    }

    #[test]
    fn removals_in_blocks_are_placed_on_their_line() {
        let (blocks, diags) = run(
            RawHtml::Sanitize,
            "Intro.\n\n<div class=\"k\">\n<iframe src=\"https://x.test/\"></iframe>\n</div>\n",
        );
        assert_eq!(html_of(&blocks), "Intro.<div class=\"k\">\n\n</div>\n");
        assert_eq!(diags[0].message, "removed `<iframe>`");
        assert_eq!((diags[0].pos.line, diags[0].pos.column), (4, 1));
    }

    #[test]
    fn markdown_links_to_javascript_lose_their_link() {
        let (blocks, diags) = run(
            RawHtml::Sanitize,
            "[ok](https://x.test/), [mail](mailto:a@x.test) and [trap](JavaScript:alert(1)).\n",
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!((diags[0].pos.line, diags[0].pos.column), (1, 52));
        assert!(
            diags[0]
                .message
                .starts_with("removed the link to `JavaScript:alert(1)`")
        );
        let Block::Paragraph(inlines) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(
            inlines
                .iter()
                .filter(|i| matches!(i, Inline::Link(_)))
                .count(),
            2
        );
        assert!(inlines.contains(&Inline::Text("trap".into())));
        assert!(!safe_scheme("java\tscript:x") && safe_scheme("//cdn.test/x"));
    }

    #[test]
    fn escape_shows_html_as_text() {
        let (blocks, diags) = run(
            RawHtml::Escape,
            "<div>\n<script>x()</script>\n</div>\n\nText <b>bold</b>.\n",
        );
        assert!(diags.is_empty());
        assert_eq!(
            blocks[0],
            Block::Paragraph(vec![
                Inline::Text("<div>".into()),
                Inline::LineBreak,
                Inline::Text("<script>x()</script>".into()),
                Inline::LineBreak,
                Inline::Text("</div>".into()),
            ])
        );
        assert_eq!(html_of(&blocks[1..]), "Text <b>bold</b>.");
        assert!(
            matches!(&blocks[1], Block::Paragraph(i) if !i.iter().any(|n| matches!(n, Inline::Html(..))))
        );
    }
}
