//! Blocks to slices: the vertical units pagination works with. A slice is a line of a
//! paragraph, a row of a table, a line of code, a heading: it is never split, and it
//! says whether a page may end after it (keep-with-next for headings, the first line
//! against orphans, the line before the last against widows).

use std::collections::HashMap;
use std::sync::Arc;

use crate::highlight;
use crate::locale::Texts;
use crate::model::CodeAttrs;
use crate::model::PdfStyle;
use crate::model::{Block, Callout, Footnote, Href, Inline, ListItem, Page, Site};
use crate::render::pdf::boxes::{Color, Item, Role, Target};
use crate::render::pdf::fonts::FontId;
use crate::render::pdf::text::{Segments, Shaper, width_em};

use super::inline::{self, Align, Line, Paragraph, Span, SpanStyle};
use super::memo::{Entry, Question, Recall};

/// A code block's title bar, a shade darker than the block.
const CODE_TITLE_BG: Color = Color(0xe2, 0xe7, 0xee);
/// Emphasised lines of code: a light amber tint, and a bar in the margin that still
/// shows when the page is printed in grey.
const CODE_MARK_BG: Color = Color(0xfc, 0xf0, 0xc8);
const CODE_MARK_BAR: Color = Color(0xd9, 0xa4, 0x1e);

/// The tint behind an emphasised line of code (or a row of one that wraps).
fn emphasis_tint(width: f32, height: f32) -> [Item; 2] {
    let rect = |width: f32, color: Color| Item::Rect {
        x: 0.0,
        y: 0.0,
        width,
        height,
        color,
    };
    [rect(width, CODE_MARK_BG), rect(1.6, CODE_MARK_BAR)]
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Slice {
    pub height: f32,
    /// Positioned relative to the slice's top-left corner of the page's text area.
    pub items: Vec<Item>,
    /// No page break between this slice and the next.
    pub keep_with_next: bool,
    /// Vertical space that disappears at the top of a page.
    pub discardable: bool,
    /// Starts a new page (chapters).
    pub page_break_before: bool,
    /// Shown again at the top of a page that this slice starts (table headers).
    pub repeat: Option<Arc<Slice>>,
    /// Where the first line's baseline is, for list markers.
    pub first_baseline: Option<f32>,
}

impl Slice {
    pub fn space(height: f32) -> Slice {
        Slice {
            height,
            discardable: true,
            ..Slice::default()
        }
    }

    fn from_line(line: Line) -> Slice {
        Slice {
            height: line.height,
            first_baseline: Some(line.baseline),
            items: line.items,
            ..Slice::default()
        }
    }

    pub fn shifted(mut self, dx: f32) -> Slice {
        self.items = std::mem::take(&mut self.items)
            .into_iter()
            .map(|i| i.shifted(dx, 0.0))
            .collect();
        self
    }
}

/// `slices` as one element of the structure: its beginning before the first slice
/// that pagination keeps, its end after the last (spacing dropped at a page's edge
/// must not take a mark with it).
pub fn tagged(role: Role, mut slices: Vec<Slice>) -> Vec<Slice> {
    let kept = |s: &Slice| !s.discardable;
    let (Some(first), Some(last)) = (slices.iter().position(kept), slices.iter().rposition(kept))
    else {
        return slices;
    };
    slices[first].items.insert(0, Item::Begin(role));
    slices[last].items.push(Item::End);
    slices
}

/// A set line's link areas made elements of their own: each `Link` goes right after
/// the text it covers, both inside a `Link` element, so the structure holds the link's
/// words and its annotation together. A link whose text is not found keeps its place
/// (painting gives it an element of its own).
pub fn tag_links(items: Vec<Item>) -> Vec<Item> {
    let links: Vec<(f32, f32)> = items
        .iter()
        .filter_map(|i| match i {
            Item::Link { x, width, .. } => Some((*x, *width)),
            _ => None,
        })
        .collect();
    if links.is_empty() {
        return items;
    }
    let owner = |item: &Item| match item {
        Item::Text { x, .. } => links
            .iter()
            .position(|(lx, lw)| *x >= lx - 0.01 && *x < lx + lw - 0.01),
        _ => None,
    };
    let owners: Vec<Option<usize>> = items.iter().map(owner).collect();
    let mut areas: Vec<Option<Item>> = items
        .iter()
        .filter(|i| matches!(i, Item::Link { .. }))
        .cloned()
        .map(Some)
        .collect();
    let mut out = Vec::with_capacity(items.len() + links.len() * 2);
    let mut open: Option<usize> = None;
    for (item, owned) in items.into_iter().zip(owners) {
        if matches!(item, Item::Link { .. }) {
            continue;
        }
        if open.is_some() && owned != open {
            if let Some(area) = open.and_then(|k| areas[k].take()) {
                out.push(area);
            }
            out.push(Item::End);
            open = None;
        }
        if owned.is_some() && open.is_none() {
            out.push(Item::Begin(Role::Link));
            open = owned;
        }
        out.push(item);
    }
    if let Some(area) = open.and_then(|k| areas[k].take()) {
        out.push(area);
        out.push(Item::End);
    } else if open.is_some() {
        out.push(Item::End);
    }
    out.extend(areas.into_iter().flatten());
    out
}

/// What every block needs to lay itself out.
pub struct Context<'a> {
    pub site: &'a Site,
    pub page: &'a Page,
    pub style: &'a PdfStyle,
    pub shaper: &'a Shaper,
    pub texts: &'a Texts<'a>,
    /// Page labels of anchors from an earlier pass, for "(page 12)" references: asked
    /// through `page_label`, which keeps what was asked.
    pub page_of: &'a super::PageOf<'a>,
    /// Every label asked so far, with its answer: what a block's layout depended on.
    pub asked: std::cell::RefCell<super::memo::Asked>,
    /// Pixel sizes of the site's pictures, by output path.
    pub images: &'a HashMap<String, (u32, u32)>,
    /// The addresses this chapter prints as notes, in order: a note's letter is its place.
    pub notes: std::cell::RefCell<Vec<String>>,
    /// Whether the block being set read or added address notes.
    pub notes_used: std::cell::Cell<bool>,
    /// In the first pass, where references probably lead (see `estimate`).
    pub guesses: Option<&'a super::estimate::Guesses>,
}

impl Context<'_> {
    /// The language of the text being set (a fallback page keeps its source's).
    pub fn lang(&self) -> &str {
        self.page.content_lang()
    }

    /// Whether the document runs right to left (its pages are mirrored at the end).
    pub fn rtl(&self) -> bool {
        super::direction::is_rtl(&self.page.locale)
    }

    /// The anchor name of a heading (or the page itself) in this document.
    pub fn anchor(&self, path: &str, id: Option<&str>) -> String {
        match id {
            Some(id) => format!("{path}#{id}"),
            None => path.to_string(),
        }
    }

    /// The page label of anchor `name` from the last pass, if it was printed.
    pub fn page_label(&self, name: &str) -> Option<String> {
        self.ask(Question::Label(name.to_string()))
    }

    /// The answer to `question` from the last pass, kept with it (see `memo`).
    pub fn ask(&self, question: Question) -> Option<String> {
        self.ask_or(question, None).0
    }

    /// The answer to `question`, else `guess` (kept as if it were the answer, for the
    /// next pass to see what moved); and whether the guess was taken.
    pub fn ask_or(&self, question: Question, guess: Option<String>) -> (Option<String>, bool) {
        let answer = question.answer(self.page_of);
        let guessed = answer.is_none() && guess.is_some();
        let answer = answer.or(guess);
        (self.asked.borrow_mut()).push((question, answer.clone()));
        (answer, guessed)
    }

    fn target(&self, href: &Href) -> Option<Target> {
        match href {
            Href::External(url) => Some(Target::Url(url.clone())),
            Href::Page { path, anchor, .. } => {
                Some(Target::Anchor(self.anchor(path, anchor.as_deref())))
            }
            Href::Fragment(id) => Some(Target::Anchor(self.anchor(&self.page.path, Some(id)))),
            Href::Asset(path) => Some(Target::Url(format!("{}{path}", self.site.config.base()))),
            Href::Unresolved(_) => None,
        }
    }

    /// A paragraph of `spans` set into slices, with orphan and widow control.
    pub fn paragraph(&self, spans: &[Span], width: f32, align: Align, leading: f32) -> Vec<Slice> {
        let lines = inline::set(
            &Paragraph {
                spans,
                width,
                leading,
                align,
                lang: self.lang(),
                rtl: self.rtl(),
            },
            self.shaper,
        );
        let count = lines.len();
        lines
            .into_iter()
            .enumerate()
            .map(|(i, mut line)| {
                line.items = tag_links(std::mem::take(&mut line.items));
                let mut slice = Slice::from_line(line);
                // Never one line alone at the bottom (orphan) or top (widow) of a page.
                slice.keep_with_next = count > 1 && (i == 0 || i + 2 == count);
                slice
            })
            .collect()
    }

    pub fn body_spans(&self, inlines: &[Inline], base: &SpanStyle) -> Vec<Span> {
        let mut spans = Vec::new();
        self.collect_spans(inlines, base, &mut spans);
        spans
    }

    fn collect_spans(&self, inlines: &[Inline], style: &SpanStyle, out: &mut Vec<Span>) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => out.push(Span {
                    text: text.to_string(),
                    style: style.clone(),
                }),
                Inline::Emphasis(c) => self.collect_spans(
                    c,
                    &SpanStyle {
                        font: style.font.italic(),
                        ..style.clone()
                    },
                    out,
                ),
                Inline::Strong(c) => self.collect_spans(
                    c,
                    &SpanStyle {
                        font: style.font.bold(),
                        ..style.clone()
                    },
                    out,
                ),
                Inline::Strikethrough(c) => self.collect_spans(
                    c,
                    &SpanStyle {
                        strike: true,
                        ..style.clone()
                    },
                    out,
                ),
                Inline::Code(code) => {
                    let font = if matches!(style.font, FontId::SerifBold | FontId::SerifBoldItalic)
                    {
                        FontId::MonoBold
                    } else {
                        FontId::Mono
                    };
                    out.push(Span {
                        text: code.to_string(),
                        style: SpanStyle {
                            font,
                            size: style.size * 0.86,
                            ..style.clone()
                        },
                    });
                }
                Inline::Link(inline) => {
                    let (href, content) = (&inline.href, &inline.content);
                    let link = self.target(href);
                    let color = if link.is_some() {
                        Color::LINK
                    } else {
                        style.color
                    };
                    let style = SpanStyle {
                        link,
                        color,
                        ..style.clone()
                    };
                    let (style, after) = self.link_on_paper(inline, style);
                    self.collect_spans(content, &style, out);
                    out.extend(after);
                }
                Inline::Image(image) => out.push(Span {
                    text: format!("[{}]", image.alt),
                    style: SpanStyle {
                        font: style.font.italic(),
                        ..style.clone()
                    },
                }),
                Inline::SoftBreak => out.push(Span {
                    text: " ".into(),
                    style: style.clone(),
                }),
                Inline::LineBreak => out.push(Span {
                    text: "\u{2028}".into(),
                    style: style.clone(),
                }),
                Inline::FootnoteRef { number, .. } => out.push(Span {
                    text: number.to_string(),
                    style: SpanStyle {
                        size: style.size * 0.68,
                        raise: style.size * 0.36,
                        link: Some(Target::Anchor(
                            self.anchor(&self.page.path, Some(&format!("fn-{number}"))),
                        )),
                        ..style.clone()
                    },
                }),
                Inline::Html(..) => {}
                // The index's page numbers lead to the term's first box.
                Inline::Indexed(mark) => self.collect_spans(
                    &mark.content,
                    &SpanStyle {
                        mark: Some(self.anchor(&self.page.path, Some(&mark.id))),
                        ..style.clone()
                    },
                    out,
                ),
            }
        }
    }

    fn body_style(&self) -> SpanStyle {
        SpanStyle::new(FontId::Serif, self.style.body_size)
    }

    /// Every block of a page body, in a column of `width`.
    pub fn blocks(&self, blocks: &[Block], width: f32) -> Vec<Slice> {
        self.chapter_blocks(blocks, width, None)
    }

    /// As `blocks`, for a chapter's own blocks: each taken back from the last pass
    /// when it would come out the same (see `memo`).
    pub fn chapter_blocks(
        &self,
        blocks: &[Block],
        width: f32,
        memo: Option<Recall<'_>>,
    ) -> Vec<Slice> {
        let mut slices = Vec::new();
        for (i, block) in blocks.iter().enumerate() {
            let mut laid = match memo {
                Some(memo) => self.remembered(block, width, memo),
                None => self.block(block, width),
            };
            if laid.is_empty() {
                continue;
            }
            if i > 0 && !slices.is_empty() {
                // The space after a heading binds like the heading itself.
                let keep = slices.last().is_some_and(|s: &Slice| s.keep_with_next);
                slices.push(Slice {
                    keep_with_next: keep,
                    ..Slice::space(self.space_before(block))
                });
            }
            slices.append(&mut laid);
        }
        slices
    }

    fn remembered(&self, block: &Block, width: f32, recall: Recall<'_>) -> Vec<Slice> {
        let memo = recall.memo;
        let reused = memo.reuse(
            block,
            width,
            self.page_of,
            &self.notes.borrow(),
            &|slices, old, new, count| self.renumber(slices, old, new, count),
            recall.take,
        );
        if let Some((slices, asked, notes)) = reused {
            self.asked.borrow_mut().extend(asked);
            if let Some(notes) = notes {
                *self.notes.borrow_mut() = notes;
                self.notes_used.set(true);
            }
            return slices;
        }
        let asked_from = self.asked.borrow().len();
        let notes_from = self.notes.borrow().len();
        let outer = self.notes_used.replace(false);
        let slices = self.block(block, width);
        let used = self.notes_used.replace(outer);
        self.notes_used.set(outer || used);
        let asked = self.asked.borrow()[asked_from..].to_vec();
        // Nothing known: the first pass, which printed no number; the next one will,
        // so keeping the block would only cost its copy.
        if !asked.is_empty() && asked.iter().all(|(_, label)| label.is_none()) {
            return slices;
        }
        let entry = Entry {
            asked,
            notes: used.then(|| (notes_from, self.notes.borrow().clone())),
            slices: slices.clone(),
        };
        memo.keep(block, width, entry);
        slices
    }

    fn space_before(&self, block: &Block) -> f32 {
        match block {
            Block::Heading { level: 2, .. } => self.style.body_leading * 1.4,
            Block::Heading { .. } => self.style.body_leading * 0.9,
            Block::Code { .. }
            | Block::Table(_)
            | Block::Quote { .. }
            | Block::DecisionTree { .. } => self.style.paragraph_space * 1.6,
            _ => self.style.paragraph_space,
        }
    }

    fn block(&self, block: &Block, width: f32) -> Vec<Slice> {
        match block {
            Block::Heading {
                level, id, content, ..
            } => self.heading(*level, id, content, width),
            Block::Paragraph(inlines) => tagged(
                Role::Paragraph,
                self.paragraph(
                    &self.body_spans(inlines, &self.body_style()),
                    width,
                    Align::Justify,
                    self.style.body_leading,
                ),
            ),
            Block::List { start, items, .. } => tagged(Role::List, self.list(*start, items, width)),
            Block::Quote {
                callout,
                title,
                blocks,
            } => tagged(
                Role::Quote,
                self.quote(*callout, title.as_deref(), blocks, width),
            ),
            Block::Code {
                lang, code, attrs, ..
            } => self.code(lang.as_deref(), code, attrs.as_deref(), width),
            Block::Table(table) => tagged(
                Role::Table,
                self.table(&table.align, &table.head, &table.rows, width),
            ),
            Block::Rule => {
                let y = self.style.body_leading / 2.0;
                vec![Slice {
                    height: self.style.body_leading,
                    items: vec![Item::Line {
                        x1: width * 0.35,
                        y1: y,
                        x2: width * 0.65,
                        y2: y,
                        width: 0.6,
                        color: Color::RULE,
                    }],
                    ..Slice::default()
                }]
            }
            Block::Image(figure) => super::figure::slices(self, figure, width),
            Block::Html(..) => Vec::new(),
            Block::DecisionTree { tree, .. } => match self.site.tree(tree) {
                Some(tree) => super::tree::slices(self, tree, width),
                None => Vec::new(),
            },
        }
    }

    fn heading(&self, level: u8, id: &str, content: &[Inline], width: f32) -> Vec<Slice> {
        let size = match level {
            2 => self.style.h2_size,
            3 => self.style.h3_size,
            _ => self.style.h4_size,
        };
        let font = if level >= 4 {
            FontId::SerifBoldItalic
        } else {
            FontId::SerifBold
        };
        let style = SpanStyle {
            color: Color::TEXT,
            ..SpanStyle::new(font, size)
        };
        let mut slices = tagged(
            Role::Heading(level),
            self.paragraph(
                &self.body_spans(content, &style),
                width,
                Align::Left,
                size * 1.25,
            ),
        );
        if let Some(first) = slices.first_mut() {
            first.items.insert(
                0,
                Item::Anchor {
                    name: self.anchor(&self.page.path, Some(id)),
                    y: 0.0,
                },
            );
        }
        for slice in &mut slices {
            slice.keep_with_next = true;
        }
        slices.push(Slice {
            height: self.style.paragraph_space * 0.6,
            keep_with_next: true,
            ..Slice::default()
        });
        slices
    }

    fn list(&self, start: Option<u64>, items: &[ListItem], width: f32) -> Vec<Slice> {
        let indent = self.style.body_size * 1.7;
        let mut slices = Vec::new();
        for (n, item) in items.iter().enumerate() {
            let marker = match (item.task, start) {
                (Some(true), _) => "☑".to_string(),
                (Some(false), _) => "☐".to_string(),
                (None, Some(first)) => format!("{}.", first + n as u64),
                (None, None) => "•".to_string(),
            };
            let body = self.blocks(&item.blocks, width - indent);
            let mut body = tagged(
                Role::ListBody,
                body.into_iter().map(|s| s.shifted(indent)).collect(),
            );
            let Some(first) = body.iter().position(|s| !s.discardable) else {
                continue;
            };
            // The marker is the item's label, before its body in reading order; it
            // stands on the baseline of the body's first line.
            let mut label = vec![Item::Begin(Role::ListItem)];
            let lined = body[first..]
                .iter()
                .position(|s| s.first_baseline.is_some());
            if let Some(lined) = lined.map(|l| first + l) {
                let font = if item.task.is_some() {
                    FontId::Mono
                } else {
                    FontId::Serif
                };
                let rtl = self.rtl() && font == FontId::Serif;
                let shaped = super::direction::shape_line_in(self.shaper, font, &marker, rtl);
                let marker_width = width_em(&shaped) * self.style.body_size;
                let x = indent - marker_width - self.style.body_size * 0.45;
                let above: f32 = body[first..lined].iter().map(|s| s.height).sum();
                let baseline = above + body[lined].first_baseline.unwrap_or(0.0);
                label.push(Item::Begin(Role::Label));
                label.push(Item::Text {
                    x,
                    baseline,
                    size: self.style.body_size,
                    color: if start.is_some() {
                        Color::TEXT
                    } else {
                        Color::MUTED
                    },
                    segments: shaped,
                });
                label.push(Item::End);
            }
            body[first].items.splice(0..0, label);
            if let Some(last) = body.iter().rposition(|s| !s.discardable) {
                body[last].items.push(Item::End);
            }
            if n > 0 {
                slices.push(Slice::space(self.style.paragraph_space * 0.35));
            }
            slices.append(&mut body);
        }
        slices
    }

    /// `title`: a callout's own, shown instead of its name.
    fn quote(
        &self,
        callout: Option<Callout>,
        title: Option<&str>,
        blocks: &[Block],
        width: f32,
    ) -> Vec<Slice> {
        let (bar, background) = match callout {
            Some(Callout::Note) => (Color(0x1f, 0x5f, 0xbf), Color(0xee, 0xf3, 0xfb)),
            Some(Callout::Tip) => (Color(0x1d, 0x7a, 0x4f), Color(0xec, 0xf6, 0xf0)),
            Some(Callout::Important) => (Color(0x70, 0x48, 0xc2), Color(0xf3, 0xef, 0xfa)),
            Some(Callout::Warning) => (Color(0xa3, 0x5f, 0x00), Color(0xfb, 0xf3, 0xe6)),
            Some(Callout::Caution) => (Color(0xc0, 0x36, 0x2c), Color(0xfb, 0xee, 0xed)),
            None => (Color::RULE, Color(0xff, 0xff, 0xff)),
        };
        let pad = self.style.body_size * 0.9;
        let inner = width - pad * 2.0 - 3.0;
        let mut body: Vec<Slice> = Vec::new();
        if let Some(kind) = callout {
            let title = match title {
                Some(own) => own.to_string(),
                None => self
                    .texts
                    .get(&format!("callout-{}", kind.name()))
                    .to_uppercase(),
            };
            let style = SpanStyle {
                color: bar,
                ..SpanStyle::new(FontId::SerifBold, self.style.small_size)
            };
            let mut title_slices = self.paragraph(
                &[Span { text: title, style }],
                inner,
                Align::Left,
                self.style.small_size * 1.5,
            );
            title_slices
                .iter_mut()
                .for_each(|s| s.keep_with_next = true);
            body.extend(tagged(Role::Paragraph, title_slices));
            body.extend(self.blocks(blocks, inner));
        } else {
            // A plain quote is set in italics.
            let italic = blocks.iter().map(italicize).collect::<Vec<_>>();
            body.extend(self.blocks(&italic, inner));
        }
        let mut slices = vec![Slice {
            height: pad * 0.7,
            keep_with_next: true,
            ..Slice::default()
        }];
        slices.extend(body.into_iter().map(|s| s.shifted(pad + 3.0)));
        slices.push(Slice {
            height: pad * 0.7,
            ..Slice::default()
        });
        let last = slices.len() - 1;
        for (i, slice) in slices.iter_mut().enumerate() {
            let mut decoration = Vec::new();
            if callout.is_some() {
                decoration.push(Item::Rect {
                    x: 0.0,
                    y: 0.0,
                    width,
                    height: slice.height,
                    color: background,
                });
            }
            decoration.push(Item::Rect {
                x: 0.0,
                y: 0.0,
                width: if callout.is_some() { 2.6 } else { 1.6 },
                height: slice.height,
                color: bar,
            });
            decoration.append(&mut slice.items);
            slice.items = decoration;
            if i == last - 1 {
                slice.keep_with_next = true;
            }
        }
        slices
    }

    fn code(
        &self,
        lang: Option<&str>,
        code: &str,
        attrs: Option<&CodeAttrs>,
        width: f32,
    ) -> Vec<Slice> {
        let size = self.style.code_size;
        let leading = self.style.code_leading;
        let pad = size * 0.9;
        let inner = width - pad * 2.0;
        let char_width = width_em(&self.shaper.shape(FontId::Mono, "0")) * size;
        let columns = ((inner / char_width).floor() as usize).max(8);
        let mut slices = vec![Slice {
            height: pad,
            keep_with_next: true,
            ..Slice::default()
        }];
        for (n, line) in highlight::styled_lines(code, lang).into_iter().enumerate() {
            let emphasised = attrs.is_some_and(|a| a.emphasised(n + 1));
            for (row, runs) in wrap_runs(&line, columns).into_iter().enumerate() {
                let baseline = leading * 0.5 + size * 0.32;
                let mut items = Vec::new();
                if emphasised {
                    items.extend(emphasis_tint(width, leading));
                }
                let mut x = pad;
                if row > 0 {
                    // A wrapped line starts with a marker in the margin of the block.
                    let marker = Segments::from(&self.shaper.shape(FontId::Mono, "↪")[..]);
                    items.extend(crate::render::pdf::boxes::tagged(
                        Role::Artifact,
                        [Item::Text {
                            x: pad * 0.15,
                            baseline,
                            size: size * 0.8,
                            color: Color::MUTED,
                            segments: marker,
                        }],
                    ));
                }
                for (color, text) in runs {
                    let segments = Segments::from(&self.shaper.shape(FontId::Mono, &text)[..]);
                    let advance = width_em(&segments) * size;
                    items.push(Item::Text {
                        x,
                        baseline,
                        size,
                        color: Color(color.0, color.1, color.2),
                        segments,
                    });
                    x += advance;
                }
                if self.rtl() {
                    // Code reads left to right, from the block's left edge, on a
                    // mirrored page too.
                    super::direction::mirror(&mut items, width);
                }
                slices.push(Slice {
                    height: leading,
                    items,
                    first_baseline: Some(baseline),
                    ..Slice::default()
                });
            }
        }
        slices.push(Slice {
            height: pad,
            ..Slice::default()
        });
        // Pages break only between lines, and never right after the first or before the last.
        let count = slices.len();
        for (i, slice) in slices.iter_mut().enumerate() {
            slice.items.insert(
                0,
                Item::Rect {
                    x: 0.0,
                    y: 0.0,
                    width,
                    height: slice.height,
                    color: Color::CODE_BG,
                },
            );
            if i <= 1 || i + 3 >= count {
                slice.keep_with_next = i + 1 < count;
            }
        }
        let mut slices = tagged(Role::Code, slices);
        match attrs.map(|a| a.title.as_str()).filter(|t| !t.is_empty()) {
            Some(title) => {
                let mut captioned = tagged(Role::Caption, self.code_title(title, width, pad));
                captioned.append(&mut slices);
                captioned
            }
            None => slices,
        }
    }

    /// A code block's title, as a bar over the block that it keeps with.
    fn code_title(&self, title: &str, width: f32, pad: f32) -> Vec<Slice> {
        let size = self.style.code_size * 0.92;
        let style = SpanStyle {
            color: Color::TEXT,
            ..SpanStyle::new(FontId::MonoBold, size)
        };
        let span = Span {
            text: title.to_string(),
            style,
        };
        let mut slices = vec![Slice {
            height: pad * 0.6,
            ..Slice::default()
        }];
        slices.extend(
            self.paragraph(&[span], width - pad * 2.0, Align::Left, size * 1.35)
                .into_iter()
                .map(|s| s.shifted(pad)),
        );
        slices.push(Slice {
            height: pad * 0.5,
            ..Slice::default()
        });
        for slice in &mut slices {
            slice.keep_with_next = true;
            slice.items.insert(
                0,
                Item::Rect {
                    x: 0.0,
                    y: 0.0,
                    width,
                    height: slice.height,
                    color: CODE_TITLE_BG,
                },
            );
        }
        slices
    }

    /// Notes at the end of a chapter, numbered as in the text.
    pub fn footnotes(&self, footnotes: &[Footnote], width: f32) -> Vec<Slice> {
        if footnotes.is_empty() {
            return Vec::new();
        }
        let size = self.style.small_size;
        let mut slices = vec![Slice::space(self.style.body_leading)];
        slices.push(Slice {
            height: self.style.body_leading,
            items: vec![Item::Line {
                x1: 0.0,
                y1: self.style.body_leading * 0.5,
                x2: width * 0.25,
                y2: self.style.body_leading * 0.5,
                width: 0.5,
                color: Color::RULE,
            }],
            keep_with_next: true,
            ..Slice::default()
        });
        for note in footnotes {
            let style = SpanStyle::new(FontId::Serif, size);
            let mut spans = vec![Span {
                text: format!("{}.\u{A0}", note.number),
                style: SpanStyle {
                    font: FontId::SerifBold,
                    ..style.clone()
                },
            }];
            for block in &note.blocks {
                if let Block::Paragraph(inlines) = block {
                    spans.extend(self.body_spans(inlines, &style));
                    spans.push(Span {
                        text: " ".into(),
                        style: style.clone(),
                    });
                }
            }
            let mut lines = self.paragraph(&spans, width, Align::Justify, size * 1.35);
            if let Some(first) = lines.first_mut() {
                first.items.insert(
                    0,
                    Item::Anchor {
                        name: self.anchor(&self.page.path, Some(&format!("fn-{}", note.number))),
                        y: 0.0,
                    },
                );
            }
            slices.append(&mut tagged(Role::Note, lines));
            slices.push(Slice::space(size * 0.4));
        }
        slices
    }
}

fn italicize(block: &Block) -> Block {
    match block {
        Block::Paragraph(inlines) => Block::Paragraph(vec![Inline::Emphasis(inlines.clone())]),
        other => other.clone(),
    }
}

type Run = ((u8, u8, u8), String);

/// Splits a line of coloured runs into rows of at most `columns` characters,
/// preferring to break after a space.
fn wrap_runs(line: &[Run], columns: usize) -> Vec<Vec<Run>> {
    let chars: Vec<(char, (u8, u8, u8))> = line
        .iter()
        .flat_map(|(color, text)| text.chars().map(move |c| (c, *color)))
        .collect();
    let mut rows = Vec::new();
    let mut start = 0;
    while start < chars.len() || rows.is_empty() {
        let room = if rows.is_empty() {
            columns
        } else {
            columns - 2
        };
        let mut end = (start + room).min(chars.len());
        if end < chars.len()
            && let Some(space) = chars[start..end].iter().rposition(|(c, _)| *c == ' ')
            && space > room / 2
        {
            end = start + space + 1;
        }
        let mut row: Vec<Run> = Vec::new();
        for (c, color) in &chars[start..end] {
            match row.last_mut() {
                Some((last, text)) if last == color => text.push(*c),
                _ => row.push((*color, c.to_string())),
            }
        }
        rows.push(row);
        if end == start {
            break;
        }
        start = end;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_code_lines_wrap_at_spaces() {
        let line = vec![(
            (0, 0, 0),
            "curl -X POST https://api.example.com/v1/cases -H 'Authorization: Bearer x'"
                .to_string(),
        )];
        let rows = wrap_runs(&line, 30);
        assert!(rows.len() >= 3);
        let joined: String = rows
            .iter()
            .flat_map(|r| r.iter().map(|(_, t)| t.as_str()))
            .collect();
        assert_eq!(joined, line[0].1);
        assert!(
            rows.iter()
                .all(|r| r.iter().map(|(_, t)| t.chars().count()).sum::<usize>() <= 30)
        );
    }
}
