//! Layout: the document model to pages of positioned boxes, as a pure function (no
//! PDF library here), so it can be tested as a text dump.
//!
//! The guide is the cover, the contents (roman page numbers), then one chapter per page
//! of the site in its navigation order (arabic numbers from 1). Decision trees refer to
//! their outcomes' pages and links to their targets' pages, so the body is laid out
//! twice (or until the numbers settle): the second pass knows where every anchor
//! landed. A pass takes back from the one before it every block whose page numbers did
//! not change, or only changed digits (`memo`); the first pass prints references with
//! guessed numbers of about the right width for that (`estimate`). Printed on both
//! sides, chapters open on right-hand pages and margins mirror.

mod diagram;
mod direction;
mod estimate;
pub(crate) mod figure;
mod flow;
mod index;
mod inline;
mod links;
mod memo;
mod paginate;
mod table;
mod tree;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::locale::Texts;
use crate::model::PdfStyle;
use crate::model::{Block, Inline, Site};
use crate::render::pdf::boxes::{
    Color, Document, Item, OutlineEntry, PageBox, Role, Target, tagged,
};
use crate::render::pdf::fonts::FontId;
use crate::render::pdf::text::{Glyph, Segment, Segments, Shaper, width_em};

use flow::{Context, Slice};
use inline::{Align, Span, SpanStyle};
use paginate::{Area, Notes, paginate};

/// What the cover and the metadata say.
#[derive(Debug, Clone)]
pub struct Meta {
    pub title: String,
    pub subtitle: String,
    pub language_name: String,
    pub author: String,
    pub version: Option<String>,
    pub date: Option<String>,
}

pub struct Input<'a> {
    pub site: &'a Site,
    /// Pixel sizes of the site's pictures, by output path.
    pub images: &'a HashMap<String, (u32, u32)>,
    pub locale: &'a str,
    pub texts: &'a Texts<'a>,
    pub style: &'a PdfStyle,
    pub meta: Meta,
    /// Passes after the first take back the blocks whose page numbers did not move
    /// (`memo`); off only to check that this changes nothing.
    pub remember: bool,
}

pub fn layout(input: &Input, shaper: &Shaper) -> Document {
    let pdf = &input.site.config.pdf;
    let (width, height) = pdf.paper_for(input.locale).size();
    let style = input.style;
    let area = Area {
        left: style.margin_left,
        top: style.margin_top,
        bottom: height - style.margin_bottom,
        width: width - style.margin_left - style.margin_right,
    };
    let column = width - style.margin_left - style.margin_right;
    let memo: memo::Memo = (input.site.pages_of(input.locale))
        .filter(|_| input.remember)
        .map(|_| memo::ChapterMemo::default())
        .collect();
    // From the third pass on, blocks taken back leave the memo (see `memo`).
    let lay_out = |page_of: &PageOf<'_>, pass: usize, guesses: Option<&estimate::Guesses>| {
        let numbers = Numbers { page_of, guesses };
        let (mut slices, notes) = body_slices(input, shaper, column, &numbers, &memo, pass >= 3);
        slices.extend(index::slices(
            input,
            shaper,
            column,
            area.bottom - area.top,
            page_of,
        ));
        let pages = paginate(slices, area, &notes);
        if pdf.duplex {
            open_on_the_right(pages)
        } else {
            pages
        }
    };

    // Decision trees and cross-references print page numbers inside the text; without
    // them one pass is enough.
    let has_trees = input.site.pages_of(input.locale).any(|p| {
        p.blocks
            .iter()
            .any(|b| matches!(b, Block::DecisionTree { .. }))
    });
    let has_index = !crate::render::index::gather(input.site, input.locale).is_empty();
    let numbered = has_trees || pdf.page_refs || has_index;
    let guesses = pdf.page_refs.then(|| {
        let chapters: Vec<&crate::model::Page> = input.site.pages_of(input.locale).collect();
        estimate::guesses(&chapters, style, column, area.bottom - area.top, pdf.duplex)
    });
    let no_pages = |_: &str| None;
    let mut body = lay_out(&no_pages, 1, guesses.as_ref());
    drop(guesses);
    let mut labels = anchor_pages(&body);
    // Printing the numbers can move an anchor; a pass or two more settles it.
    for pass in 2..6 {
        if !numbered {
            break;
        }
        let known = |name: &str| labels.get(name).cloned();
        // Only the labels are needed from the last pass: its pages go before the next.
        drop(std::mem::take(&mut body));
        body = lay_out(&known, pass, None);
        let now = anchor_pages(&body);
        let settled = now == labels;
        labels = now;
        if settled {
            break;
        }
    }

    let outline = outline(input);
    let chapters = chapter_of_pages(&body, input);
    let total = body.len();
    let mut pages: Vec<PageBox> = Vec::new();
    let cover = cover(input, shaper, width, height);
    let contents = paginate(
        contents_slices(input, shaper, column, &labels),
        area,
        &Notes::new(),
    );
    pages.push(PageBox {
        label: roman(1),
        items: cover,
    });
    let blank = |pages: &Vec<PageBox>| PageBox {
        label: roman(pages.len() + 1),
        items: Vec::new(),
    };
    // Printed on both sides, the contents start on a right-hand page, and so does the body.
    if pdf.duplex {
        pages.push(blank(&pages));
    }
    for items in contents {
        let mut items = items;
        let label = roman(pages.len() + 1);
        items.extend(footer(&label, input, shaper, width, height));
        pages.push(PageBox { label, items });
    }
    if pdf.duplex && pages.len() % 2 == 1 {
        pages.push(blank(&pages));
    }
    let front = pages.len();
    for (i, mut items) in body.into_iter().enumerate() {
        let number = (i + 1).to_string();
        if items.is_empty() {
            // The blank left-hand page before a chapter: no header, no footer.
            pages.push(PageBox {
                label: number,
                items,
            });
            continue;
        }
        if !opens_chapter(&items) {
            let side = pdf.duplex.then_some(i % 2 == 0);
            items.extend(header(&chapters[i], input, shaper, width, side));
        }
        let text = input.texts.with_args(
            "pdf-page-footer",
            ("page", &number),
            ("total", &total.to_string()),
        );
        items.extend(footer(&text, input, shaper, width, height));
        pages.push(PageBox {
            label: number,
            items,
        });
    }
    if pdf.duplex {
        mirror(&mut pages, style.binding / 2.0, width);
    }
    if direction::is_rtl(input.locale) {
        direction::mirror_pages(&mut pages, width);
    }
    Document {
        title: input.meta.title.clone(),
        author: input.meta.author.clone(),
        subject: input.meta.subtitle.clone(),
        lang: input.locale.to_string(),
        date: input.meta.date.clone(),
        width,
        height,
        pages,
        front_pages: front,
        outline,
        standard: pdf.standard,
    }
}

/// Whether a body page starts a chapter (it holds the anchor of a page of the site).
fn opens_chapter(items: &[Item]) -> bool {
    items.iter().any(|it| {
        matches!(it, Item::Anchor { name, .. } if !name.contains('#') && !name.starts_with("tree:"))
    })
}

/// A blank page before each chapter that would open on a left-hand page (body page 1
/// is a right-hand one, so chapters open on odd pages).
fn open_on_the_right(pages: Vec<Vec<Item>>) -> Vec<Vec<Item>> {
    let mut out = Vec::with_capacity(pages.len());
    for page in pages {
        if opens_chapter(&page) && out.len() % 2 == 1 {
            out.push(Vec::new());
        }
        out.push(page);
    }
    out
}

/// Mirrored margins: right-hand pages (odd, counting the cover as 1) move `shift`
/// away from the binding on the left, left-hand pages as much away from it on the
/// right. What spans the whole page width (the cover's band) stays.
fn mirror(pages: &mut [PageBox], shift: f32, width: f32) {
    for (i, page) in pages.iter_mut().enumerate() {
        let dx = if i % 2 == 0 { shift } else { -shift };
        for item in std::mem::take(&mut page.items) {
            let full_width =
                matches!(item, Item::Rect { x, width: w, .. } if x <= 0.0 && w >= width);
            page.items.push(if full_width {
                item
            } else {
                item.shifted(dx, 0.0)
            });
        }
    }
}

fn context<'a>(
    input: &'a Input,
    shaper: &'a Shaper,
    page: &'a crate::model::Page,
    page_of: &'a PageOf<'a>,
) -> Context<'a> {
    Context {
        site: input.site,
        page,
        style: input.style,
        shaper,
        texts: input.texts,
        page_of,
        asked: Default::default(),
        images: input.images,
        notes: Default::default(),
        notes_used: Default::default(),
        guesses: None,
    }
}

/// A chapter's notes for the foot of its pages, by the key their marks carry.
type ChapterNotes = Vec<(String, Vec<Slice>)>;

/// Where an anchor is printed (its page label), once a first pass knows.
pub type PageOf<'a> = dyn Fn(&str) -> Option<String> + Sync + 'a;

/// What a pass knows of page numbers: the last pass's labels, and in the first pass
/// the guesses its references print.
struct Numbers<'a> {
    page_of: &'a PageOf<'a>,
    guesses: Option<&'a estimate::Guesses>,
}

/// Every chapter: its opening (title, lead), its blocks, its notes; and the notes
/// printed at the foot of the pages that mark them (addresses). Chapters are laid out
/// side by side (only pagination needs them in order): a locale typeset alone, the
/// last of a build, still uses every core.
fn body_slices(
    input: &Input,
    shaper: &Shaper,
    column: f32,
    numbers: &Numbers<'_>,
    memo: &memo::Memo,
    take: bool,
) -> (Vec<Slice>, Notes) {
    let pages: Vec<&crate::model::Page> = input.site.pages_of(input.locale).collect();
    let chapters: Vec<(Vec<Slice>, ChapterNotes)> = pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            let recall = memo.get(i).map(|memo| memo::Recall { memo, take });
            chapter_slices(input, shaper, column, numbers, page, recall)
        })
        .collect();
    let mut notes = Notes::new();
    let mut slices = Vec::new();
    for (chapter, chapter_notes) in chapters {
        slices.extend(chapter);
        notes.extend(chapter_notes);
    }
    (slices, notes)
}

/// One chapter's slices, from the top of its first page.
fn chapter_slices(
    input: &Input,
    shaper: &Shaper,
    column: f32,
    numbers: &Numbers<'_>,
    page: &crate::model::Page,
    memo: Option<memo::Recall<'_>>,
) -> (Vec<Slice>, ChapterNotes) {
    let mut slices = Vec::new();
    let ctx = Context {
        guesses: numbers.guesses,
        ..context(input, shaper, page, numbers.page_of)
    };
    let style = input.style;
    let title_style = SpanStyle::new(FontId::SerifBold, style.h1_size);
    let mut title = ctx.paragraph(
        &[Span {
            text: page.front.title.clone(),
            style: title_style,
        }],
        column,
        Align::Left,
        style.h1_size * 1.18,
    );
    title.iter_mut().for_each(|s| s.keep_with_next = true);
    let mut title = flow::tagged(Role::Heading(1), title);
    if let Some(first) = title.first_mut() {
        first.items.insert(
            0,
            Item::Anchor {
                name: ctx.anchor(&page.path, None),
                y: 0.0,
            },
        );
        // The heading that gave the page its title: links to its id land here too.
        if let Some(id) = &page.title_id {
            first.items.insert(
                1,
                Item::Anchor {
                    name: ctx.anchor(&page.path, Some(id)),
                    y: 0.0,
                },
            );
        }
    }
    slices.push(Slice {
        height: style.h1_size * 1.4,
        keep_with_next: true,
        page_break_before: true,
        ..Slice::default()
    });
    slices.extend(title);
    if !page.front.description.is_empty() {
        slices.push(Slice {
            height: style.paragraph_space,
            keep_with_next: true,
            ..Slice::default()
        });
        let lead = SpanStyle {
            color: Color::MUTED,
            ..SpanStyle::new(FontId::SerifItalic, style.body_size * 1.12)
        };
        let mut lines = ctx.paragraph(
            &[Span {
                text: page.front.description.clone(),
                style: lead,
            }],
            column,
            Align::Left,
            style.body_leading * 1.1,
        );
        lines.iter_mut().for_each(|s| s.keep_with_next = true);
        slices.extend(flow::tagged(Role::Paragraph, lines));
    }
    slices.push(title_rule(style, column));
    slices.extend(ctx.chapter_blocks(&page.blocks, column, memo));
    slices.extend(ctx.footnotes(&page.footnotes, column));
    // A page shown in its source language (its translation missing) says so.
    let lang = (ctx.lang() != input.locale).then(|| ctx.lang().to_string());
    (
        flow::tagged(Role::Sect { lang }, slices),
        ctx.address_notes(column),
    )
}

/// The rule under a chapter's (or the index's) title, kept with what follows it.
fn title_rule(style: &PdfStyle, column: f32) -> Slice {
    let rule_y = style.body_leading * 0.9;
    Slice {
        height: style.body_leading * 1.8,
        items: vec![Item::Line {
            x1: 0.0,
            y1: rule_y,
            x2: column,
            y2: rule_y,
            width: 0.6,
            color: Color::RULE,
        }],
        keep_with_next: true,
        ..Slice::default()
    }
}

/// Anchor name -> page label, for a body laid out as `pages` (numbered from 1).
fn anchor_pages(pages: &[Vec<Item>]) -> HashMap<String, String> {
    let mut found = HashMap::new();
    for (i, items) in pages.iter().enumerate() {
        for item in items {
            if let Item::Anchor { name, .. } = item {
                found
                    .entry(name.clone())
                    .or_insert_with(|| (i + 1).to_string());
            }
        }
    }
    found
}

/// The chapter title shown in each body page's running header.
fn chapter_of_pages(pages: &[Vec<Item>], input: &Input) -> Vec<String> {
    let titles: HashMap<&str, &str> = input
        .site
        .pages_of(input.locale)
        .map(|p| (p.path.as_str(), p.front.title.as_str()))
        .collect();
    let mut current = String::new();
    pages
        .iter()
        .map(|items| {
            for item in items {
                if let Item::Anchor { name, .. } = item
                    && let Some(title) = titles.get(name.as_str())
                {
                    current = title.to_string();
                }
                if matches!(item, Item::Anchor { name, .. } if name == index::ANCHOR) {
                    current = input.texts.get(index::TITLE);
                }
            }
            current.clone()
        })
        .collect()
}

/// Chapters, and their second-level headings beneath them.
fn outline(input: &Input) -> Vec<OutlineEntry> {
    let mut entries = Vec::new();
    for page in input.site.pages_of(input.locale) {
        entries.push(OutlineEntry {
            title: page.front.title.clone(),
            level: 1,
            anchor: page.path.clone(),
        });
        for block in &page.blocks {
            if let Block::Heading {
                level: 2,
                id,
                content,
                ..
            } = block
            {
                entries.push(OutlineEntry {
                    title: Inline::plain_text(content),
                    level: 2,
                    anchor: format!("{}#{id}", page.path),
                });
            }
        }
    }
    if !crate::render::index::gather(input.site, input.locale).is_empty() {
        entries.push(OutlineEntry {
            title: input.texts.get(index::TITLE),
            level: 1,
            anchor: index::ANCHOR.to_string(),
        });
    }
    entries
}

fn contents_slices(
    input: &Input,
    shaper: &Shaper,
    column: f32,
    pages: &HashMap<String, String>,
) -> Vec<Slice> {
    let style = input.style;
    let mut slices = vec![Slice {
        height: style.h1_size * 1.4,
        ..Slice::default()
    }];
    let title = SpanStyle::new(FontId::SerifBold, style.h1_size);
    let first_page = input.site.pages_of(input.locale).next();
    let Some(first_page) = first_page else {
        return slices;
    };
    let ctx = context(input, shaper, first_page, &|_| None);
    slices.extend(flow::tagged(
        Role::Heading(1),
        ctx.paragraph(
            &[Span {
                text: input.texts.get("pdf-contents"),
                style: title,
            }],
            column,
            Align::Left,
            style.h1_size * 1.3,
        ),
    ));
    slices.push(Slice {
        height: style.body_leading * 1.2,
        ..Slice::default()
    });
    let mut entries = Vec::new();
    for (n, entry) in outline(input).iter().enumerate() {
        let (font, size, indent) = if entry.level == 1 {
            (FontId::SerifBold, style.body_size * 1.04, 0.0)
        } else {
            (FontId::Serif, style.body_size, style.body_size * 1.8)
        };
        if entry.level == 1 && n > 0 {
            entries.push(Slice::space(style.body_leading * 0.45));
        }
        let page = pages.get(&entry.anchor).cloned().unwrap_or_default();
        entries.push(contents_line(
            shaper,
            &entry.title,
            &page,
            font,
            size,
            indent,
            column,
            style.body_leading,
            Target::Anchor(entry.anchor.clone()),
        ));
    }
    slices.extend(flow::tagged(Role::Contents, entries));
    slices
}

/// `count` dots `pitch` ems apart, as one run of text: a table of contents is
/// thousands of leaders, and a text object per dot made its pages the bulk of a long
/// guide's PDF data.
fn leader(dot: &[Segment], count: usize, pitch: f32) -> Option<Segment> {
    let [segment] = dot else { return None };
    let [glyph] = &*segment.glyphs else {
        return None;
    };
    let spaced = Glyph {
        advance: pitch,
        ..glyph.clone()
    };
    (count > 0).then(|| Segment {
        font: segment.font,
        glyphs: vec![spaced; count].into(),
        width: pitch * count as f32,
        level: segment.level,
        gap: segment.gap,
    })
}

/// "Title ........ 12": the title, dot leaders aligned on a grid, the page number flush right.
#[allow(clippy::too_many_arguments)]
fn contents_line(
    shaper: &Shaper,
    title: &str,
    page: &str,
    font: FontId,
    size: f32,
    indent: f32,
    column: f32,
    leading: f32,
    target: Target,
) -> Slice {
    let baseline = leading / 2.0 + size * 0.3;
    let number = direction::shape_line(shaper, FontId::Serif, page);
    let number_width = width_em(&number) * size;
    let mut title_segments = direction::shape_line(shaper, font, title);
    let max_title = column - indent - number_width - size * 3.0;
    let mut title_text = title.to_string();
    while width_em(&title_segments) * size > max_title && title_text.chars().count() > 4 {
        title_text = format!(
            "{}…",
            title_text
                .chars()
                .take(title_text.chars().count().saturating_sub(3))
                .collect::<String>()
                .trim_end()
        );
        title_segments = direction::shape_line(shaper, font, &title_text);
    }
    let title_end = indent + width_em(&title_segments) * size;
    let dot = Segments::from(&shaper.shape(FontId::Serif, ".")[..]);
    let step = size * 0.55;
    let mut items = vec![
        Item::Begin(Role::ContentsItem),
        Item::Begin(Role::Link),
        Item::Text {
            x: indent,
            baseline,
            size,
            color: Color::TEXT,
            segments: title_segments,
        },
    ];
    let first = ((title_end + size * 0.6) / step).ceil() * step;
    let last = column - number_width - size * 0.6;
    let (mut count, mut x) = (0, first);
    while x + step <= last {
        count += 1;
        x += step;
    }
    if let Some(leader) = leader(&dot, count, step / size) {
        items.extend(tagged(
            Role::Artifact,
            [Item::Text {
                x: first,
                baseline,
                size,
                color: Color::MUTED,
                segments: smallvec::smallvec![leader],
            }],
        ));
    }
    items.push(Item::Text {
        x: column - number_width,
        baseline,
        size,
        color: Color::TEXT,
        segments: number,
    });
    items.push(Item::Link {
        x: indent,
        y: 0.0,
        width: column - indent,
        height: leading,
        target,
    });
    items.extend([Item::End, Item::End]);
    Slice {
        height: leading,
        items,
        ..Slice::default()
    }
}

fn cover(input: &Input, shaper: &Shaper, width: f32, height: f32) -> Vec<Item> {
    let style = input.style;
    let meta = &input.meta;
    let left = style.margin_left;
    let column = width - style.margin_left - style.margin_right;
    let mut items = vec![
        Item::Rect {
            x: 0.0,
            y: 0.0,
            width,
            height: height * 0.018,
            color: Color::LINK,
        },
        Item::Rect {
            x: left,
            y: height * 0.30,
            width: 42.0,
            height: 3.0,
            color: Color::LINK,
        },
    ];
    let first_page = input.site.pages_of(input.locale).next();
    let Some(first_page) = first_page else {
        return items;
    };
    let ctx = context(input, shaper, first_page, &|_| None);
    let mut y = height * 0.30 + 22.0;
    let add = |spans: Vec<Span>, leading: f32, y: &mut f32, items: &mut Vec<Item>| {
        items.push(Item::Begin(Role::Paragraph));
        for slice in ctx.paragraph(&spans, column, Align::Left, leading) {
            items.extend(slice.items.into_iter().map(|i| i.shifted(left, *y)));
            *y += slice.height;
        }
        items.push(Item::End);
    };
    add(
        vec![Span {
            text: meta.title.clone(),
            style: SpanStyle::new(FontId::SerifBold, 34.0),
        }],
        40.0,
        &mut y,
        &mut items,
    );
    y += 12.0;
    let subtitle = SpanStyle {
        color: Color::MUTED,
        ..SpanStyle::new(FontId::SerifItalic, 14.5)
    };
    add(
        vec![Span {
            text: meta.subtitle.clone(),
            style: subtitle,
        }],
        20.0,
        &mut y,
        &mut items,
    );
    let mut details = vec![meta.language_name.clone()];
    details.extend(
        meta.version
            .as_ref()
            .map(|v| input.texts.with_arg("pdf-version", "version", v)),
    );
    details.extend(meta.date.clone());
    let mut y_bottom = height - style.margin_bottom - 30.0;
    let small = SpanStyle {
        color: Color::MUTED,
        ..SpanStyle::new(FontId::Serif, style.body_size)
    };
    add(
        vec![Span {
            text: details.join("  ·  "),
            style: small.clone(),
        }],
        16.0,
        &mut y_bottom,
        &mut items,
    );
    if !meta.author.is_empty() {
        add(
            vec![Span {
                text: meta.author.clone(),
                style: SpanStyle::new(FontId::SerifBold, style.body_size),
            }],
            16.0,
            &mut y_bottom,
            &mut items,
        );
    }
    items
}

/// The running header: the guide's title on the left, the chapter's on the right; in a
/// duplex guide (`right_hand` set) one of them, on the outer side of the page.
fn header(
    chapter: &str,
    input: &Input,
    shaper: &Shaper,
    width: f32,
    right_hand: Option<bool>,
) -> Vec<Item> {
    let style = input.style;
    let size = style.small_size;
    let y = style.margin_top - 26.0;
    let left = direction::shape_line(shaper, FontId::SerifItalic, &input.meta.title);
    let right = direction::shape_line(shaper, FontId::Serif, chapter);
    let right_width = width_em(&right) * size;
    let mut items = Vec::new();
    if right_hand != Some(true) {
        items.push(Item::Text {
            x: style.margin_left,
            baseline: y,
            size,
            color: Color::MUTED,
            segments: left,
        });
    }
    if right_hand != Some(false) {
        items.push(Item::Text {
            x: width - style.margin_right - right_width,
            baseline: y,
            size,
            color: Color::MUTED,
            segments: right,
        });
    }
    items.push(Item::Line {
        x1: style.margin_left,
        y1: y + 6.0,
        x2: width - style.margin_right,
        y2: y + 6.0,
        width: 0.4,
        color: Color::RULE,
    });
    tagged(Role::Artifact, items)
}

fn footer(text: &str, input: &Input, shaper: &Shaper, width: f32, height: f32) -> Vec<Item> {
    let style = input.style;
    let size = style.small_size;
    let segments = direction::shape_line(shaper, FontId::Serif, text);
    let text_width = width_em(&segments) * size;
    let y = height - style.margin_bottom + 34.0;
    tagged(
        Role::Artifact,
        [Item::Text {
            x: (width - text_width) / 2.0,
            baseline: y,
            size,
            color: Color::MUTED,
            segments,
        }],
    )
}

/// Lower-case roman numerals for the front matter.
pub fn roman(mut n: usize) -> String {
    let table = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in table {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::roman;

    #[test]
    fn roman_numerals() {
        assert_eq!(
            [1, 2, 4, 9, 14, 40].map(roman),
            ["i", "ii", "iv", "ix", "xiv", "xl"]
        );
    }
}
