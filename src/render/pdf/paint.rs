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
use super::text::Segment;

/// One page, painted.
pub struct Painted {
    /// The content stream, deflated.
    pub content: Vec<u8>,
    /// The fonts and pictures (by output path) its stream names.
    pub fonts: BTreeSet<FontId>,
    pub pictures: BTreeSet<String>,
    pub links: Vec<Link>,
}

/// A link area, in PDF coordinates (origin at the bottom left).
pub struct Link {
    pub rect: [f32; 4],
    pub target: LinkTarget,
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
        };
        let mut content = Operators::with_capacity(4096);
        let mut rest = page.items.as_slice();
        while let Some(first) = rest.first() {
            let run = text_run(rest);
            if run > 0 {
                self.text(&mut content, &rest[..run], &mut painted);
            } else {
                self.other(&mut content, first, &mut painted);
            }
            rest = &rest[run.max(1)..];
        }
        painted.content = super::deflate(&content.into_bytes());
        painted
    }

    /// Paints text items of one baseline, size and colour (see `text_run`): a line's
    /// words go into one text object, the words of one font into one TJ, the space
    /// between them written as a TJ adjustment.
    fn text(&self, content: &mut Operators, run: &[Item], painted: &mut Painted) {
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
        for item in run {
            let Item::Text { x, segments, .. } = item else {
                continue;
            };
            let mut pen = *x;
            for segment in segments {
                let Some(subset) = self.subsets.get(segment.font) else {
                    pen += segment.width * size;
                    continue;
                };
                if current != Some(segment.font) {
                    flush(content, &mut pending);
                    content.set_font(&subset.name, size);
                    painted.fonts.insert(segment.font);
                    current = Some(segment.font);
                }
                if !is_plain(segment) {
                    flush(content, &mut pending);
                    pen = self.positioned(content, segment, pen, y, size);
                    continue;
                }
                let p = match &mut pending {
                    // The gap from the previous word moves the pen right: a negative
                    // adjustment, in thousandths of the font size.
                    Some(p) if p.font == segment.font => {
                        if let Some(last) = p.glyphs.last_mut() {
                            last.1 -= (pen - p.pen) / size * 1000.0;
                        }
                        p
                    }
                    _ => {
                        flush(content, &mut pending);
                        content.set_text_position(round(pen), round(y));
                        pending.insert(Pending {
                            font: segment.font,
                            glyphs: Vec::new(),
                            pen,
                        })
                    }
                };
                // Each glyph's number corrects the advance /W states to the shaped one.
                p.glyphs.extend(segment.glyphs.iter().map(|glyph| {
                    let (number, written) = subset.glyph(glyph.id);
                    (number, written - glyph.advance * 1000.0)
                }));
                pen += segment.width * size;
                p.pen = pen;
            }
        }
        flush(content, &mut pending);
        content.end_text();
    }

    /// A segment whose glyphs are offset (combining marks), placed glyph by glyph;
    /// returns the pen after it.
    fn positioned(
        &self,
        content: &mut Operators,
        segment: &Segment,
        mut pen: f32,
        y: f32,
        size: f32,
    ) -> f32 {
        let Some(subset) = self.subsets.get(segment.font) else {
            return pen + segment.width * size;
        };
        for glyph in segment.glyphs.iter() {
            let gx = pen + glyph.x_offset * size;
            let gy = y + glyph.y_offset * size;
            content.set_text_position(round(gx), round(gy));
            let (number, _) = subset.glyph(glyph.id);
            content.show(&number.to_be_bytes());
            pen += glyph.advance * size;
        }
        pen
    }

    /// Everything but text: rules, backgrounds, pictures and link areas.
    fn other(&self, content: &mut Operators, item: &Item, painted: &mut Painted) {
        let flip = |y: f32| round(self.height - y);
        match item {
            // Painted a run at a time, by `text`; anchors are only places.
            Item::Text { .. } | Item::Anchor { .. } => {}
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
                let target = match target {
                    Target::Url(url) => LinkTarget::Uri(url.clone()),
                    Target::Anchor(name) => match self.anchors.get(name.as_str()) {
                        Some(&(index, ay)) => LinkTarget::Page {
                            index,
                            top: round(self.height - ay + 4.0),
                        },
                        None => return,
                    },
                };
                painted.links.push(Link {
                    rect: [round(*x), flip(y + height), round(x + width), flip(*y)],
                    target,
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
