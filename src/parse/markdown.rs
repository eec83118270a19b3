//! Markdown bodies to the owned document model, through pulldown-cmark.
//!
//! This is the only place that sees pulldown-cmark's event stream: renderers work from
//! the `Block`/`Inline` tree built here, so HTML and PDF cannot drift apart. Positions
//! are kept on headings, links, images and code blocks for later diagnostics.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::iter::Peekable;
use std::ops::Range;

use compact_str::CompactString;
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, Event, LinkType, Options, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{
    Align, Block, Callout, Figure, Footnote, HeadingIds, Href, Inline, InlineImage, InlineLink,
    ListItem, Pos, Table, TocEntry,
};

use super::{admonitions, fence, foreign_syntax, heading_id, index_marks};
use lines::LineIndex;

/// A parsed body: blocks, footnotes in reference order, and the headings for the toc.
#[derive(Debug, Default, PartialEq)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub footnotes: Vec<Footnote>,
    pub toc: Vec<TocEntry>,
}

/// How deep containers (quotes, lists, footnotes) and inline spans (emphasis, links,
/// images) may nest in the model. Deeper ones are kept flat at this depth: every stage
/// after parsing walks the model recursively, and a 5 KB line of `>` would otherwise
/// overflow the stack. Real documents stay far below.
pub const MAX_NESTING: u32 = 32;

/// The fence language that embeds a decision tree.
pub const DECISION_TREE_FENCE: &str = "decision-tree";

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_GFM
}

/// Parses `body`, which starts `line_offset` lines into `file`, with GitHub's heading ids.
pub fn parse<'a>(
    file: &'a str,
    body: &'a str,
    line_offset: u32,
    diagnostics: &'a Diagnostics,
) -> Body {
    parse_with(file, body, line_offset, HeadingIds::default(), diagnostics)
}

/// `parse`, with headings' ids made in the `heading_ids` style.
pub fn parse_with<'a>(
    file: &'a str,
    body: &'a str,
    line_offset: u32,
    heading_ids: HeadingIds,
    diagnostics: &'a Diagnostics,
) -> Body {
    // Docusaurus and MkDocs admonitions are GitHub alerts once rewritten, line for line.
    let rewritten = admonitions::may_hold(body)
        .then(|| admonitions::rewrite(file, body, line_offset, diagnostics))
        .flatten();
    let (text, shifts, titles) = match &rewritten {
        Some(r) => (r.text.as_str(), r.shifts.as_slice(), r.titles.as_slice()),
        None => (body, &[][..], &[][..]),
    };
    let events = pulldown_cmark::Parser::new_ext(text, options()).into_offset_iter();
    let mut builder = Builder {
        file,
        lines: LineIndex::new(text, line_offset, shifts),
        titles,
        foreign: foreign_syntax::Found::default(),
        events: events.peekable(),
        footnote_numbers: HashMap::new(),
        footnotes: Vec::new(),
        ids: BTreeSet::new(),
        heading_ids,
        pending_task: None,
        depth: 0,
        inline_depth: 0,
        flattened: Vec::new(),
        flattened_warned: false,
        index_at: VecDeque::new(),
        marker: index_marks::Marker {
            file,
            diagnostics,
            ids: BTreeSet::new(),
        },
        diagnostics,
    };
    let mut blocks = builder.blocks(None);
    builder.assign_heading_ids(&mut blocks);
    std::mem::take(&mut builder.foreign).report(file, diagnostics);
    let mut footnotes = std::mem::take(&mut builder.footnotes);
    footnotes.sort_by_key(|f| f.number);
    let toc = toc(&blocks);
    Body {
        blocks,
        footnotes,
        toc,
    }
}

struct Builder<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> {
    file: &'a str,
    lines: LineIndex<'a>,
    /// Lines that open an admonition with a title of its own, and that title.
    titles: &'a [(u32, String)],
    /// Other tools' syntax met so far (reported once per kind).
    foreign: foreign_syntax::Found,
    events: Peekable<I>,
    footnote_numbers: HashMap<String, usize>,
    footnotes: Vec<Footnote>,
    ids: BTreeSet<String>,
    heading_ids: HeadingIds,
    /// Containers and inline spans open around the current event.
    depth: u32,
    inline_depth: u32,
    /// Ends of the containers opened past `MAX_NESTING`, kept flat: their end events
    /// are skipped, innermost last.
    flattened: Vec<TagEnd>,
    flattened_warned: bool,
    /// A task marker met inside a loose list item's paragraph.
    pending_task: Option<bool>,
    /// Where the `{.index` openers of the paragraph being read start.
    index_at: VecDeque<Pos>,
    marker: index_marks::Marker<'a>,
    diagnostics: &'a Diagnostics,
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Builder<'a, I> {
    /// Blocks until the end of the enclosing container (`None`: the whole body).
    fn blocks(&mut self, end: Option<TagEnd>) -> Vec<Block> {
        self.blocks_telling(end).0
    }

    /// `blocks`, and whether any of them was a paragraph of its own in the source: in a
    /// list item, that makes the list loose (its items' paragraphs keep their `<p>`).
    fn blocks_telling(&mut self, end: Option<TagEnd>) -> (Vec<Block>, bool) {
        let mut blocks = Vec::new();
        let mut loose: Vec<Inline> = Vec::new();
        let mut paragraphs = false;
        self.depth += 1;
        while let Some((event, range)) = self.events.next() {
            match event {
                Event::End(tag) if self.flattened.last() == Some(&tag) => {
                    self.flush(&mut loose, &mut blocks);
                    self.flattened.pop();
                }
                Event::End(tag) if Some(tag) == end => break,
                Event::Start(tag) if self.depth >= MAX_NESTING && is_container(&tag) => {
                    self.flush(&mut loose, &mut blocks);
                    self.flatten(tag, range);
                }
                Event::Start(Tag::HtmlBlock) => {
                    self.flush(&mut loose, &mut blocks);
                    self.html_block(&mut blocks);
                }
                Event::Start(tag) if is_block(&tag) => {
                    paragraphs |= matches!(tag, Tag::Paragraph);
                    self.flush(&mut loose, &mut blocks);
                    if let Some(block) = self.block(tag, range) {
                        blocks.push(block);
                    }
                }
                Event::Rule => {
                    self.flush(&mut loose, &mut blocks);
                    blocks.push(Block::Rule);
                }
                Event::Html(html) => {
                    self.flush(&mut loose, &mut blocks);
                    self.note_component(&html, range.start);
                    let pos = self.lines.pos(range.start);
                    blocks.push(Block::Html(html.into_string(), pos));
                }
                // Tight list items hold inlines directly: gather them into a paragraph.
                other => self.inline_event(other, range, &mut loose),
            }
        }
        self.flush(&mut loose, &mut blocks);
        blocks.shrink_to_fit();
        self.depth -= 1;
        (blocks, paragraphs)
    }

    /// A container or span opened past `MAX_NESTING`: its content joins the enclosing
    /// one, said once per page.
    fn flatten(&mut self, tag: Tag<'a>, range: Range<usize>) {
        self.flattened.push(tag.to_end());
        if !self.flattened_warned {
            self.flattened_warned = true;
            self.diagnostics.push(
                Diagnostic::warning(
                    self.file,
                    self.lines.pos(range.start),
                    format!("nesting deeper than {MAX_NESTING} levels: what is deeper is kept at that level"),
                )
                .with_hint("quotes, lists and emphasis this deep are usually a typo (a long run of `>` or `*`)"),
            );
        }
    }

    fn block(&mut self, tag: Tag<'a>, range: Range<usize>) -> Option<Block> {
        let pos = self.lines.pos(range.start);
        Some(match tag {
            Tag::Paragraph if self.is_esm(&range) => {
                self.inlines(TagEnd::Paragraph);
                let source = &self.lines.text[range.clone()];
                for (i, line) in source.lines().enumerate() {
                    let at = Pos {
                        line: pos.line + i as u32,
                        ..pos
                    };
                    (self.foreign).note(foreign_syntax::Kind::Esm, at, line.trim());
                }
                return None;
            }
            Tag::Paragraph => paragraph(self.marked_inlines(TagEnd::Paragraph)),
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                let mut content = self.marked_inlines(TagEnd::Heading(level));
                // `## Escalade {.index}`: the heading's text is a term of the index.
                if classes.iter().any(|c| &**c == "index") {
                    let key = attrs.iter().find(|(k, _)| &**k == "key");
                    let key = key.and_then(|(_, v)| v.as_ref());
                    // Heading attributes are not quoted; a writer may quote them anyway.
                    let unquoted = |v: &str| v.trim_matches(['"', '\'', '“', '”']).to_string();
                    let key = key.map(|v| unquoted(v));
                    self.mark_heading(&mut content, key, pos);
                }
                Block::Heading {
                    level: level as u8,
                    // Empty until every heading is known, so generated ids can avoid explicit ones.
                    id: id.map(|i| format!("={i}")).unwrap_or_default().into(),
                    content,
                    pos,
                }
            }
            Tag::BlockQuote(kind) => Block::Quote {
                callout: kind.map(callout),
                title: kind.and_then(|_| self.title_at(range.start)),
                blocks: self.blocks(Some(TagEnd::BlockQuote(kind))),
            },
            Tag::CodeBlock(kind) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => fence::parse(&info),
                    CodeBlockKind::Indented => fence::Info::default(),
                };
                let code = self.text_until(TagEnd::CodeBlock);
                if info.lang.as_deref() == Some(DECISION_TREE_FENCE) {
                    return self.decision_tree(&code, pos);
                }
                self.check_fence(&info, &code, pos);
                Block::Code {
                    lang: info.lang.map(String::into_boxed_str),
                    code: code.into(),
                    pos,
                    attrs: info.attrs,
                }
            }
            Tag::HtmlBlock => {
                let html = self.text_until(TagEnd::HtmlBlock);
                self.note_component(&html, range.start);
                Block::Html(html, pos)
            }
            Tag::List(start) => {
                let (items, tight) = self.items();
                Block::List {
                    start,
                    tight,
                    items,
                }
            }
            Tag::Table(align) => self.table(align.into_iter().map(alignment).collect()),
            Tag::FootnoteDefinition(label) => {
                let label = label.into_string();
                let blocks = self.blocks(Some(TagEnd::FootnoteDefinition));
                let number = self.footnote_number(&label);
                self.footnotes.push(Footnote {
                    label,
                    number,
                    blocks,
                    pos,
                });
                return None;
            }
            // Not enabled: definition lists, metadata blocks, math; skip their content.
            other => {
                let end = other.to_end();
                self.blocks(Some(end));
                return None;
            }
        })
    }

    /// Warns about emphasised lines that cannot be shown: unreadable, or past the end.
    fn check_fence(&self, info: &fence::Info, code: &str, pos: Pos) {
        let hint = "number lines from 1 in the block, e.g. {2,4-5} or hl_lines=\"2 4-5\"";
        for bad in &info.bad_lines {
            self.diagnostics.push(
                Diagnostic::warning(
                    self.file,
                    pos,
                    format!("cannot read `{bad}` as lines to emphasise; ignored"),
                )
                .with_hint(hint),
            );
        }
        let Some(last) = info
            .attrs
            .iter()
            .flat_map(|a| &a.emphasis)
            .map(|e| e.1)
            .max()
        else {
            return;
        };
        let count = code.lines().count();
        if last as usize > count {
            self.diagnostics.push(
                Diagnostic::warning(
                    self.file,
                    pos,
                    format!("line {last} is to be emphasised but the block has {count} lines"),
                )
                .with_hint(hint),
            );
        }
    }

    /// A raw HTML block: figures when it holds pictures only (see `html_figure`),
    /// else raw HTML as written.
    fn html_block(&mut self, blocks: &mut Vec<Block>) {
        let mut html = String::new();
        // Where each line starts, in `html` and in the body: inside a quote or a
        // list the lines are not contiguous in the source.
        let mut starts: Vec<(usize, usize)> = Vec::new();
        for (event, range) in self.events.by_ref() {
            match event {
                Event::End(TagEnd::HtmlBlock) => break,
                Event::Text(t) | Event::Html(t) | Event::Code(t) => {
                    starts.push((html.len(), range.start));
                    html.push_str(&t);
                }
                _ => {}
            }
        }
        let pos_of = |offset: usize| {
            let i = starts
                .partition_point(|&(at, _)| at <= offset)
                .saturating_sub(1);
            let (at, body) = starts.get(i).copied().unwrap_or_default();
            self.lines.pos(body + offset - at)
        };
        let components: Vec<(Pos, String)> = (foreign_syntax::components(&html).into_iter())
            .map(|(offset, what)| (pos_of(offset), what))
            .collect();
        match super::html_figure::figures(&html, &pos_of) {
            Some(figures) => blocks.extend(figures.into_iter().map(|f| Block::Image(Box::new(f)))),
            None => blocks.push(Block::Html(html, pos_of(0))),
        }
        for (pos, what) in components {
            (self.foreign).note(foreign_syntax::Kind::Component, pos, &what);
        }
    }

    /// The body of a ```` ```decision-tree ```` fence: `tree = "<id>"`. Whether the tree
    /// exists is checked once all trees are parsed.
    fn decision_tree(&mut self, body: &str, pos: Pos) -> Option<Block> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Embed {
            tree: String,
        }
        match toml::from_str::<Embed>(body) {
            Ok(embed) => Some(Block::DecisionTree {
                tree: embed.tree,
                pos,
            }),
            Err(err) => {
                let body_start = Pos {
                    line: pos.line + 1,
                    column: 1,
                };
                self.diagnostics.push(super::toml_diagnostic(
                    self.file,
                    body,
                    body_start,
                    &err,
                    &["tree"],
                ));
                None
            }
        }
    }

    /// The items of a list, and whether it is tight (no item holds a paragraph of its
    /// own: CommonMark's blank lines between items or their blocks).
    fn items(&mut self) -> (Vec<ListItem>, bool) {
        let mut items = Vec::new();
        let mut tight = true;
        while let Some((event, _)) = self.events.next() {
            match event {
                Event::Start(Tag::Item) => {
                    let task = match self.events.peek() {
                        Some((Event::TaskListMarker(done), _)) => Some(*done),
                        _ => None,
                    };
                    if task.is_some() {
                        self.events.next();
                    }
                    let (blocks, paragraphs) = self.blocks_telling(Some(TagEnd::Item));
                    tight &= !paragraphs;
                    // In a loose list the marker comes inside the item's paragraph.
                    let task = task.or(self.pending_task.take());
                    items.push(ListItem { task, blocks });
                }
                Event::End(TagEnd::List(_)) => break,
                _ => {}
            }
        }
        (items, tight)
    }

    fn table(&mut self, align: Vec<Align>) -> Block {
        let mut head = Vec::new();
        let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
        let mut in_head = false;
        while let Some((event, _)) = self.events.next() {
            match event {
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => {
                    let cell = self.marked_inlines(TagEnd::TableCell);
                    match rows.last_mut() {
                        Some(row) if !in_head => row.push(cell),
                        _ => head.push(cell),
                    }
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        Block::Table(Box::new(Table { align, head, rows }))
    }

    fn inlines(&mut self, end: TagEnd) -> Vec<Inline> {
        let mut out = Vec::new();
        self.inline_depth += 1;
        while let Some((event, range)) = self.events.next() {
            match event {
                Event::End(tag) if self.flattened.last() == Some(&tag) => {
                    self.flattened.pop();
                }
                Event::End(tag) if tag == end => break,
                other => self.inline_event(other, range, &mut out),
            }
        }
        self.inline_depth -= 1;
        // The model of a large site is mostly inline lists and texts grown by appending:
        // no growth slack is kept.
        for inline in &mut out {
            if let Inline::Text(text) = inline {
                text.shrink_to_fit();
            }
        }
        out.shrink_to_fit();
        out
    }

    fn inline_event(&mut self, event: Event<'a>, range: Range<usize>, out: &mut Vec<Inline>) {
        let inline = match event {
            Event::Start(tag) if self.inline_depth >= MAX_NESTING && is_span(&tag) => {
                self.flatten(tag, range);
                return;
            }
            Event::Text(text) => {
                if text.contains("{{") {
                    self.note_shortcode(range.clone());
                }
                for (at, _) in text.match_indices(index_marks::OPENER) {
                    self.index_at.push_back(self.lines.pos(range.start + at));
                }
                if let Some(Inline::Text(last)) = out.last_mut() {
                    last.push_str(&text);
                    return;
                }
                Inline::Text(CompactString::new(&text))
            }
            Event::Code(code) => Inline::Code(CompactString::new(&code)),
            Event::InlineHtml(html) | Event::Html(html) => {
                self.note_component(&html, range.start);
                match super::html_figure::inline_image(&html, self.lines.pos(range.start)) {
                    Some(image) => Inline::Image(Box::new(image)),
                    None => Inline::Html(html.as_ref().into(), self.lines.pos(range.start)),
                }
            }
            Event::TaskListMarker(done) => {
                self.pending_task = Some(done);
                return;
            }
            Event::SoftBreak => Inline::SoftBreak,
            Event::HardBreak => Inline::LineBreak,
            Event::FootnoteReference(label) => {
                let number = self.footnote_number(&label);
                Inline::FootnoteRef {
                    label: label.as_ref().into(),
                    number,
                }
            }
            Event::Start(Tag::Emphasis) => Inline::Emphasis(self.inlines(TagEnd::Emphasis)),
            Event::Start(Tag::Strong) => Inline::Strong(self.inlines(TagEnd::Strong)),
            Event::Start(Tag::Strikethrough) => {
                Inline::Strikethrough(self.inlines(TagEnd::Strikethrough))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => Inline::Link(Box::new(InlineLink {
                // `<someone@example.com>` is a mail address: CommonMark links it as mailto.
                href: match link_type {
                    LinkType::Email => Href::External(format!("mailto:{dest_url}")),
                    _ => classify(&dest_url),
                },
                title: title.into_string(),
                content: self.inlines(TagEnd::Link),
                pos: self.lines.pos(range.start),
            })),
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => Inline::Image(Box::new(InlineImage {
                src: classify(&dest_url),
                alt: Inline::plain_text(&self.inlines(TagEnd::Image)),
                title: title.into_string(),
                pos: self.lines.pos(range.start),
                width: None,
                height: None,
            })),
            Event::Start(other) => {
                // Superscript and the like are not enabled; keep their text.
                let end = other.to_end();
                out.extend(self.inlines(end));
                return;
            }
            _ => return,
        };
        out.push(inline);
    }

    fn text_until(&mut self, end: TagEnd) -> String {
        let mut text = String::new();
        for (event, _) in self.events.by_ref() {
            match event {
                Event::End(tag) if tag == end => break,
                Event::Text(t) | Event::Html(t) | Event::Code(t) => text.push_str(&t),
                _ => {}
            }
        }
        text
    }

    /// The title of the admonition that opens at this byte, if it has one.
    fn title_at(&self, byte: usize) -> Option<String> {
        let line = self.lines.line(byte) as u32;
        let i = self.titles.binary_search_by_key(&line, |(l, _)| *l).ok()?;
        Some(self.titles[i].1.clone())
    }

    /// A paragraph of MDX `import`/`export` lines.
    fn is_esm(&self, range: &Range<usize>) -> bool {
        let source = self.lines.text.get(range.clone()).unwrap_or("");
        (source.starts_with("import ") || source.starts_with("export "))
            && foreign_syntax::is_esm(source)
    }

    /// A Hugo shortcode that starts in a text event holding `{{` (code never comes
    /// here). The parser may end the event before the `<` (a tag could start there):
    /// the source is read a little past it.
    fn note_shortcode(&mut self, range: Range<usize>) {
        let text = self.lines.text;
        let window = text.get(range.start..(range.end + 3).min(text.len()));
        let found = window.and_then(foreign_syntax::shortcode);
        let Some((offset, _)) = found.filter(|(o, _)| *o < range.len()) else {
            return;
        };
        let at = range.start + offset;
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        if let Some((_, what)) = foreign_syntax::shortcode(&text[at..line_end]) {
            (self.foreign).note(foreign_syntax::Kind::Shortcode, self.lines.pos(at), &what);
        }
    }

    /// JSX components' tags in raw HTML that starts at byte `start` of the body.
    fn note_component(&mut self, html: &str, start: usize) {
        if !html.contains('<') {
            return;
        }
        for (offset, what) in foreign_syntax::components(html) {
            let pos = self.lines.pos(start + offset);
            (self.foreign).note(foreign_syntax::Kind::Component, pos, &what);
        }
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnote_numbers.len() + 1;
        *self
            .footnote_numbers
            .entry(label.to_string())
            .or_insert(next)
    }

    /// Explicit `{#id}`s win; others come from the heading text, made unique.
    fn assign_heading_ids(&mut self, blocks: &mut [Block]) {
        visit_headings(blocks, &mut |id, _, pos| {
            if let Some(explicit) = id.strip_prefix('=') {
                if !self.ids.insert(explicit.to_string()) {
                    self.diagnostics.push(
                        Diagnostic::warning(
                            self.file,
                            pos,
                            format!("heading id `{explicit}` is used twice"),
                        )
                        .with_hint(
                            "give each heading a distinct {#id}; links can reach only the first",
                        ),
                    );
                }
                *id = explicit.into();
            }
        });
        visit_headings(blocks, &mut |id, content, _| {
            if id.is_empty() {
                let base = match heading_id(&Inline::plain_text(content), self.heading_ids) {
                    s if s.is_empty() => "section".to_string(),
                    s => s,
                };
                let mut candidate = base.clone();
                let mut n = 1;
                while self.ids.contains(&candidate) {
                    candidate = format!("{base}-{n}");
                    n += 1;
                }
                *id = candidate.as_str().into();
                self.ids.insert(candidate);
            }
        });
    }
}

fn visit_headings(blocks: &mut [Block], f: &mut impl FnMut(&mut Box<str>, &[Inline], Pos)) {
    for block in blocks {
        match block {
            Block::Heading {
                id, content, pos, ..
            } => f(id, content, *pos),
            Block::Quote { blocks, .. } => visit_headings(blocks, f),
            Block::List { items, .. } => {
                for item in items {
                    visit_headings(&mut item.blocks, f);
                }
            }
            _ => {}
        }
    }
}

/// "On this page": the page's second and third heading levels, also those inside
/// block quotes, callouts and lists (they have their anchors like any other).
pub(crate) fn toc(blocks: &[Block]) -> Vec<TocEntry> {
    let mut entries = Vec::new();
    toc_into(blocks, &mut entries);
    entries
}

fn toc_into(blocks: &[Block], entries: &mut Vec<TocEntry>) {
    for block in blocks {
        match block {
            Block::Heading {
                level, id, content, ..
            } if (2..=3).contains(level) => entries.push(TocEntry {
                level: *level,
                id: id.clone(),
                title: Inline::plain_text(content).into(),
            }),
            Block::Quote { blocks, .. } => toc_into(blocks, entries),
            Block::List { items, .. } => {
                for item in items {
                    toc_into(&item.blocks, entries);
                }
            }
            _ => {}
        }
    }
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::DefinitionList
            | Tag::MetadataBlock(_)
    )
}

/// Blocks that hold blocks: what nests without bound in Markdown.
fn is_container(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_)
    )
}

/// Inline spans that hold inlines.
fn is_span(tag: &Tag) -> bool {
    !is_block(tag)
}

fn flush_paragraph(loose: &mut Vec<Inline>, blocks: &mut Vec<Block>) {
    if !loose.is_empty() {
        blocks.push(paragraph(std::mem::take(loose)));
    }
}

/// A paragraph holding only an image is a figure.
fn paragraph(inlines: Vec<Inline>) -> Block {
    if let [Inline::Image(image)] = inlines.as_slice() {
        return Block::Image(Box::new(Figure {
            src: image.src.clone(),
            alt: image.alt.clone(),
            title: image.title.clone(),
            pos: image.pos,
            caption: None,
            width: image.width,
            height: image.height,
            align: Align::None,
            sources: Vec::new(),
        }));
    }
    Block::Paragraph(inlines)
}

fn callout(kind: BlockQuoteKind) -> Callout {
    match kind {
        BlockQuoteKind::Note => Callout::Note,
        BlockQuoteKind::Tip => Callout::Tip,
        BlockQuoteKind::Important => Callout::Important,
        BlockQuoteKind::Warning => Callout::Warning,
        BlockQuoteKind::Caution => Callout::Caution,
    }
}

fn alignment(a: pulldown_cmark::Alignment) -> Align {
    match a {
        pulldown_cmark::Alignment::None => Align::None,
        pulldown_cmark::Alignment::Left => Align::Left,
        pulldown_cmark::Alignment::Center => Align::Center,
        pulldown_cmark::Alignment::Right => Align::Right,
    }
}

/// External when it has a scheme (`https:`, `mailto:`) or is protocol-relative.
pub(super) fn classify(url: &str) -> Href {
    if let Some(fragment) = url.strip_prefix('#') {
        return Href::Fragment(fragment.to_string());
    }
    let scheme_end = url.find(':');
    let has_scheme = scheme_end.is_some_and(|i| {
        i > 0
            && url[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme || url.starts_with("//") {
        Href::External(url.to_string())
    } else {
        Href::Unresolved(url.to_string())
    }
}

mod index;
mod lines;
#[cfg(test)]
mod tests;
