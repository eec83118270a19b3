//! Paint: each laid-out page becomes its content stream, deflated, and the links it
//! holds. Pages paint side by side and independently (a locale typeset alone, the last
//! of a build, still uses every core), and each page's boxes are dropped as soon as
//! its stream is written. A line's words become one text object, each font's glyphs
//! one TJ whose numbers put every glyph where layout chose.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use super::boxes::{Anchors, Color, Item, PageBox, Target};
use super::embed::{Picture, Subsets};
use super::fonts::FontId;
use super::operators::Operators;
use super::tags::{Event, Kind, Marker};
use super::text::{Gap, Segment};

/// One page, painted.
pub struct Painted {
    /// The content stream, deflated.
    pub content: Vec<u8>,
    /// The fonts and pictures (by output path) its stream names.
    pub fonts: BTreeSet<FontId>,
    pub pictures: BTreeSet<String>,
    pub links: Vec<Link>,
    /// Its structure, for the tagged PDF's tree.
    pub events: Vec<Event>,
}

/// A link area, in PDF coordinates (origin at the bottom left).
pub struct Link {
    pub rect: [f32; 4],
    pub target: LinkTarget,
    /// What it says, for a reader that does not see it (the annotation's `/Contents`).
    pub contents: String,
}

pub enum LinkTarget {
    Uri(String),
    /// A page of this document (by index) and the height to show at the top.
    Page {
        index: usize,
        top: f32,
    },
}

/// What every page needs to paint itself.
pub struct Painter<'a> {
    pub height: f32,
    pub subsets: &'a Subsets,
    pub pictures: &'a HashMap<String, Picture>,
    pub anchors: &'a Anchors,
}

impl Painter<'_> {
    /// Paints every page, in parallel; the boxes are consumed page by page.
    pub fn paint(&self, pages: Vec<PageBox>) -> Vec<Painted> {
        pages.into_par_iter().map(|page| self.page(page)).collect()
    }

    fn page(&self, page: PageBox) -> Painted {
        let mut painted = Painted {
            content: Vec::new(),
            fonts: BTreeSet::new(),
            pictures: BTreeSet::new(),
            links: Vec::new(),
            events: Vec::new(),
        };
        let mut content = Operators::with_capacity(4096);
        let mut marker = Marker::default();
        let mut rest = page.items.as_slice();
        while let Some(first) = rest.first() {
            let run = text_run(rest);
            if run > 0 {
                marker.mark(Kind::Content, &mut content);
                if marker.in_link() {
                    for item in &rest[..run] {
                        if let Item::Text { segments, .. } = item {
                            marker.link_words(&super::boxes::segments_text(segments));
                        }
                    }
                }
                let spaced = space_after(&rest[..run], &rest[run..]);
                self.text(&mut content, &rest[..run], spaced, &mut painted);
            } else {
                match first {
                    Item::Begin(role) => marker.begin(role.clone(), &mut content),
                    Item::End => marker.end(&mut content),
                    Item::Rect { .. } | Item::Line { .. } => {
                        marker.mark(Kind::Decoration, &mut content)
                    }
                    Item::Image { .. } => marker.mark(Kind::Content, &mut content),
                    Item::Text { .. } | Item::Link { .. } | Item::Anchor { .. } => {}
                }
                let links = painted.links.len();
                self.other(&mut content, first, &mut painted);
                if let Some(link) = painted.links.get_mut(links)
                    && let Some(words) = marker.annotation(links)
                {
                    link.contents = words;
                }
            }
            rest = &rest[run.max(1)..];
        }
        marker.close(&mut content);
        painted.events = marker.events;
        painted.content = super::deflate(&content.into_bytes());
        painted
    }

    /// Paints text items of one baseline, size and colour (see `text_run`): a line's
    /// words go into one text object, the words of one font into one TJ, the space
    /// between them written as the font's space glyph and a TJ adjustment (the glyph
    /// makes the words' text whole for extraction; the adjustment puts the next word
    /// where layout chose). Room that layout says is not a word space (the quarter em
    /// between Japanese and Latin) is an adjustment alone. Right-to-left segments are
    /// shown from the right, glyph by glyph, so that the stream reads in logical order
    /// as the structure tree does. `spaced`: a space ends the run (its line, or its
    /// words before a gap).
    fn text(&self, content: &mut Operators, run: &[Item], spaced: bool, painted: &mut Painted) {
        let Some(Item::Text {
            baseline,
            size,
            color,
            ..
        }) = run.first()
        else {
            return;
        };
        let (baseline, size) = (*baseline, *size);
        let y = self.height - baseline;
        content.begin_text();
        fill(content, *color);
        let mut current: Option<FontId> = None;
        let mut pending: Option<Pending> = None;
        // Where the segment painted last ends in its direction (its left edge when
        // right to left), and whether it was.
        let mut end: Option<(f32, bool)> = None;
        for item in run {
            let Item::Text { x, segments, .. } = item else {
                continue;
            };
            let mut lefts: smallvec::SmallVec<[f32; 2]> = smallvec::SmallVec::new();
            let mut left = *x;
            for segment in segments {
                lefts.push(left);
                left += segment.width * size;
            }
            for k in reading_order(segments) {
                let segment = &segments[k];
                let left = lefts[k];
                let right = left + segment.width * size;
                let room = match end {
                    Some((e, false)) if !segment.rtl() => left - e,
                    Some((e, true)) if segment.rtl() => e - right,
                    _ => 0.0,
                };
                let word = end.is_some()
                    && match segment.gap {
                        Gap::Measured => room > WORD_GAP * size,
                        Gap::Spacing => false,
                        Gap::Word => true,
                    };
                end = Some(if segment.rtl() {
                    (left, true)
                } else {
                    (right, false)
                });
                let Some(subset) = self.subsets.get(segment.font) else {
                    continue;
                };
                let mut word = word;
                if current != Some(segment.font) {
                    if word && let Some(p) = &mut pending {
                        self.space(p, 0.0, size);
                        word = false;
                    }
                    flush(content, &mut pending);
                    content.set_font(&subset.name, size);
                    painted.fonts.insert(segment.font);
                    current = Some(segment.font);
                }
                if !is_plain(segment) {
                    flush(content, &mut pending);
                    self.positioned(content, segment, left, y, size, word);
                    continue;
                }
                // Where its first glyph shown stands.
                let first = match segment.glyphs.last() {
                    Some(glyph) if segment.rtl() => right - glyph.advance * size,
                    _ => left,
                };
                let p = match &mut pending {
                    // The gap from the previous word moves the pen: an adjustment, in
                    // thousandths of the font size (negative to the right).
                    Some(p) if p.font == segment.font => {
                        if !(word && self.space(p, first - p.pen, size)) {
                            p.move_to(first, size);
                        }
                        p.pen = first;
                        p
                    }
                    _ => {
                        flush(content, &mut pending);
                        content.set_text_position(round(first), round(y));
                        let mut p = Pending {
                            font: segment.font,
                            glyphs: Vec::new(),
                            pen: first,
                        };
                        if word && let Some((space, written)) = subset.space_glyph() {
                            // Shown where the word starts, then taken back: the
                            // text has its space, the page no mark.
                            p.glyphs.push((space, written));
                        }
                        pending.insert(p)
                    }
                };
                if segment.rtl() {
                    // From the right: each glyph after the one on its right, over
                    // it by a hair (a hundredth of a point at 10 pt, far below what
                    // can be seen): poppler's text extraction measures glyphs by
                    // their rounded /W widths, and glyphs that all stand that little
                    // apart are read as widely spaced letters.
                    let mut at = right;
                    for (n, glyph) in segment.glyphs.iter().rev().enumerate() {
                        at -= glyph.advance * size;
                        let hair = if n > 0 { HAIR * size } else { 0.0 };
                        p.move_to(at + hair, size);
                        let (number, written) = subset.glyph(glyph.id);
                        p.glyphs.push((number, written - glyph.advance * 1000.0));
                        p.pen = at + hair + glyph.advance * size;
                    }
                } else {
                    // Each glyph's number corrects the advance /W states to the shaped one.
                    p.glyphs.extend(segment.glyphs.iter().map(|glyph| {
                        let (number, written) = subset.glyph(glyph.id);
                        (number, written - glyph.advance * 1000.0)
                    }));
                    p.pen = right;
                }
            }
        }
        if spaced && let Some(p) = &mut pending {
            self.space(p, 0.0, size);
        }
        flush(content, &mut pending);
        content.end_text();
    }

    /// Adds the font's space to `p`, followed by the adjustment that makes the pen
    /// move by `gap` in all (none for a space that ends a line); false when the font
    /// has no space.
    fn space(&self, p: &mut Pending, gap: f32, size: f32) -> bool {
        let Some((number, written)) = self.subsets.get(p.font).and_then(|s| s.space_glyph()) else {
            return false;
        };
        p.glyphs.push((number, written - gap / size * 1000.0));
        true
    }

    /// A segment whose glyphs are offset (combining marks), placed glyph by glyph
    /// from `left`, from the right when it is right to left; after a word space when
    /// `word` (the font's space, shown and taken back).
    fn positioned(
        &self,
        content: &mut Operators,
        segment: &Segment,
        left: f32,
        y: f32,
        size: f32,
        word: bool,
    ) {
        let Some(subset) = self.subsets.get(segment.font) else {
            return;
        };
        let mut lefts = Vec::with_capacity(segment.glyphs.len());
        let mut pen = left;
        for glyph in segment.glyphs.iter() {
            lefts.push(pen);
            pen += glyph.advance * size;
        }
        let order: Box<dyn Iterator<Item = usize>> = if segment.rtl() {
            Box::new((0..lefts.len()).rev())
        } else {
            Box::new(0..lefts.len())
        };
        for (n, i) in order.enumerate() {
            let glyph = &segment.glyphs[i];
            let gx = lefts[i] + glyph.x_offset * size;
            let gy = y + glyph.y_offset * size;
            content.set_text_position(round(gx), round(gy));
            let (number, _) = subset.glyph(glyph.id);
            match subset.space_glyph() {
                Some((space, written)) if word && n == 0 => content.show_adjusted([
                    (&space.to_be_bytes()[..], round(written)),
                    (&number.to_be_bytes()[..], 0.0),
                ]),
                _ => content.show(&number.to_be_bytes()),
            }
        }
    }

    /// Everything but text: rules, backgrounds, pictures and link areas.
    fn other(&self, content: &mut Operators, item: &Item, painted: &mut Painted) {
        let flip = |y: f32| round(self.height - y);
        match item {
            // Painted a run at a time, by `text`; anchors are only places; marks are
            // the tagger's.
            Item::Text { .. } | Item::Anchor { .. } | Item::Begin(_) | Item::End => {}
            Item::Rect {
                x,
                y,
                width,
                height,
                color,
            } => {
                content.save_state();
                fill(content, *color);
                content.rect(round(*x), flip(y + height), round(*width), round(*height));
                content.fill_nonzero();
                content.restore_state();
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
            } => {
                content.save_state();
                content.set_stroke_rgb(rgb(*color));
                content.set_line_width(round(*width));
                content.move_to(round(*x1), flip(*y1));
                content.line_to(round(*x2), flip(*y2));
                content.stroke();
                content.restore_state();
            }
            Item::Image {
                x,
                y,
                width,
                height,
                path,
            } => {
                let Some(picture) = self.pictures.get(path) else {
                    return;
                };
                content.save_state();
                content.transform([
                    round(*width),
                    0.0,
                    0.0,
                    round(*height),
                    round(*x),
                    flip(y + height),
                ]);
                content.x_object(&picture.name);
                content.restore_state();
                painted.pictures.insert(path.clone());
            }
            Item::Link {
                x,
                y,
                width,
                height,
                target,
            } => {
                // Until its words are known: where it leads.
                let (target, contents) = match target {
                    Target::Url(url) => (LinkTarget::Uri(url.clone()), url.clone()),
                    Target::Anchor(name) => match self.anchors.get(name.as_str()) {
                        Some(&(index, ay)) => (
                            LinkTarget::Page {
                                index,
                                top: round(self.height - ay + 4.0),
                            },
                            format!("p. {}", index + 1),
                        ),
                        None => return,
                    },
                };
                painted.links.push(Link {
                    rect: [round(*x), flip(y + height), round(x + width), flip(*y)],
                    target,
                    contents,
                });
            }
        }
    }
}

/// Glyphs waiting to be shown in one TJ (number in the subset, adjustment after it),
/// and where the pen stands after them.
struct Pending {
    font: FontId,
    glyphs: Vec<(u16, f32)>,
    pen: f32,
}

impl Pending {
    /// Moves the pen to `to` after the glyphs so far: an adjustment after the last.
    fn move_to(&mut self, to: f32, size: f32) {
        if let Some(last) = self.glyphs.last_mut() {
            last.1 -= (to - self.pen) / size * 1000.0;
        }
        self.pen = to;
    }
}

/// Writes the pending glyphs as one TJ: runs of glyphs that need no adjustment
/// share a string.
fn flush(content: &mut Operators, pending: &mut Option<Pending>) {
    let Some(p) = pending.take().filter(|p| !p.glyphs.is_empty()) else {
        return;
    };
    // Glyph codes, cut after each glyph whose adjustment is not zero.
    let codes: Vec<u8> = p.glyphs.iter().flat_map(|g| g.0.to_be_bytes()).collect();
    let mut runs = Vec::new();
    let mut start = 0;
    for (i, (_, adjustment)) in p.glyphs.iter().enumerate() {
        let adjustment = round(*adjustment);
        if adjustment != 0.0 || i + 1 == p.glyphs.len() {
            runs.push((&codes[start..(i + 1) * 2], adjustment));
            start = (i + 1) * 2;
        }
    }
    content.show_adjusted(runs);
}

/// How far, in ems, a right-to-left glyph reaches over the one on its right.
const HAIR: f32 = 0.001;

/// A gap wider than this many ems between two words of a line is a word space (a
/// justified line's narrowest is about a sixth of an em; kerning and a font change
/// inside a word are far below).
const WORD_GAP: f32 = 0.1;

/// Whether a space ends a run of text: it ends its line, or a gap follows it before
/// the next words of its line (a link, a word in another colour). Not after a
/// hyphen, nor after Chinese or Japanese, which are written without spaces.
fn space_after(run: &[Item], rest: &[Item]) -> bool {
    let Some(Item::Text {
        x,
        baseline,
        size,
        segments,
        ..
    }) = run.last()
    else {
        return false;
    };
    // Read last: the left-most glyph of a right-to-left text.
    let last = if segments.iter().all(|s| s.rtl()) {
        (segments.iter().flat_map(|s| s.glyphs.iter())).find_map(|g| g.text.chars().next_back())
    } else {
        (segments.iter().rev().flat_map(|s| s.glyphs.iter().rev()))
            .find_map(|g| g.text.chars().next_back())
    };
    if last.is_none_or(|c| c == '-' || c == '\u{ad}' || c == ' ' || c >= '\u{2e80}') {
        return false;
    }
    let end = x + segments.iter().map(|s| s.width).sum::<f32>() * size;
    let next = rest.iter().find_map(|i| match i {
        Item::Text {
            x,
            baseline: b,
            segments,
            ..
        } => {
            // The gap before the segment read first.
            let first = if segments.iter().all(|s| s.rtl()) {
                segments.last()
            } else {
                segments.first()
            };
            Some((*x, *b, first.map(|s| s.gap)))
        }
        Item::Begin(_) | Item::End | Item::Link { .. } | Item::Anchor { .. } => None,
        // A rule or a picture between: the line is over.
        _ => Some((f32::INFINITY, f32::INFINITY, None)),
    });
    match next {
        // Layout knows: the next words follow spacing, or a word space.
        Some((_, _, Some(Gap::Spacing))) => false,
        Some((_, _, Some(Gap::Word))) => true,
        Some((next_x, next_baseline, _)) if (next_baseline - baseline).abs() < 0.01 => {
            next_x - end > WORD_GAP * size
        }
        _ => true,
    }
}

/// The order in which a text's segments are read: their visual order undone by
/// their levels (reordering by the bidi algorithm's rule L2 is its own inverse), so
/// a right-to-left text is read from its right-most segment.
fn reading_order(segments: &[Segment]) -> smallvec::SmallVec<[usize; 4]> {
    if segments.iter().all(|s| s.level == 0) {
        return (0..segments.len()).collect();
    }
    let levels: Vec<unicode_bidi::Level> = segments
        .iter()
        .map(|s| unicode_bidi::Level::new(s.level).unwrap_or_else(|_| unicode_bidi::Level::rtl()))
        .collect();
    unicode_bidi::ParagraphBidiInfo::reorder_visual(&levels).into()
}

/// Glyphs that sit on the baseline, one after another (no mark positioning).
fn is_plain(segment: &Segment) -> bool {
    segment
        .glyphs
        .iter()
        .all(|g| g.x_offset == 0.0 && g.y_offset == 0.0)
}

/// How many items from the start of `items` are text on one baseline, in one size
/// and colour (the words of a line): one text object paints them all.
fn text_run(items: &[Item]) -> usize {
    let key = |item: &Item| match item {
        Item::Text {
            baseline,
            size,
            color,
            ..
        } => Some((*baseline, *size, *color)),
        _ => None,
    };
    match items.first().and_then(key) {
        Some(first) => items.iter().take_while(|i| key(i) == Some(first)).count(),
        None => 0,
    }
}

fn rgb(color: Color) -> [f32; 3] {
    [color.0, color.1, color.2].map(|c| (f32::from(c) / 255.0 * 1000.0).round() / 1000.0)
}

fn fill(content: &mut Operators, color: Color) {
    content.set_fill_rgb(rgb(color));
}

/// A hundredth of a point is far below what print or screen can show, and shortest
/// numbers keep the streams small.
fn round(value: f32) -> f32 {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_rounded_to_hundredths_without_negative_zero() {
        assert_eq!(round(12.3456), 12.35);
        assert_eq!(round(-0.001), 0.0);
        assert!(round(-0.001).is_sign_positive());
    }
}
