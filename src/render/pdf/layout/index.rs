//! The index at the end of the guide: the locale's marked terms (see
//! `render::index`), a heading letter per group, each entry followed by the pages its
//! marks landed on in the previous layout pass (the same pass that numbers the
//! trees' and cross-references' "page 9"), each number a link to the first mark on
//! that page. Set in two columns: entries are set at half width, then stacked into
//! page-high pairs of columns, the last pair balanced. It comes after every chapter,
//! so its own length moves no anchor of the body.

use crate::render::index::{self, Group};
use crate::render::pdf::boxes::{Color, Item, Role, Target};

use super::flow::tagged;
use crate::render::pdf::fonts::FontId;
use crate::render::pdf::text::Shaper;

use super::flow::Slice;
use super::inline::{Align, Span, SpanStyle};
use super::{Input, PageOf, context};

/// The anchor the index opens with: the outline and the contents lead to it.
pub const ANCHOR: &str = "index:terms";

/// The Fluent message that names the index, in the PDF and on the site.
pub const TITLE: &str = "index-title";

/// The space between the two columns.
const GUTTER: f32 = 18.0;

/// The index's slices, or none when the locale marks no term. `height` is the height
/// of a page's text area.
pub fn slices(
    input: &Input,
    shaper: &Shaper,
    column: f32,
    height: f32,
    page_of: &PageOf<'_>,
) -> Vec<Slice> {
    let groups = index::gather(input.site, input.locale);
    let Some(first_page) = input.site.pages_of(input.locale).next() else {
        return Vec::new();
    };
    if groups.is_empty() {
        return Vec::new();
    }
    let ctx = context(input, shaper, first_page, page_of);
    let style = input.style;
    let mut out = vec![Slice {
        height: style.h1_size * 1.4,
        keep_with_next: true,
        page_break_before: true,
        ..Slice::default()
    }];
    let mut title = ctx.paragraph(
        &[Span {
            text: input.texts.get(TITLE),
            style: SpanStyle::new(FontId::SerifBold, style.h1_size),
        }],
        column,
        Align::Left,
        style.h1_size * 1.18,
    );
    if let Some(first) = title.first_mut() {
        first.items.insert(
            0,
            Item::Anchor {
                name: ANCHOR.to_string(),
                y: 0.0,
            },
        );
    }
    out.extend(tagged(Role::Heading(1), title));
    out.push(super::title_rule(style, column));
    let opening: f32 = out.iter().map(|s| s.height).sum();
    let half = (column - GUTTER) / 2.0;
    let entries = entry_slices(&ctx, &groups, half, page_of);
    out.extend(two_columns(entries, half, height - opening, height));
    tagged(Role::Sect { lang: None }, out)
}

/// Each group's letter and entries, set in a column of `width`.
fn entry_slices(
    ctx: &super::flow::Context,
    groups: &[Group],
    width: f32,
    page_of: &PageOf<'_>,
) -> Vec<Slice> {
    let style = ctx.style;
    let size = style.body_size * 0.95;
    let leading = style.body_leading * 0.92;
    let indent = size * 1.2;
    let mut out = Vec::new();
    for group in groups {
        out.push(Slice::space(leading * 0.6));
        let mut letter = ctx.paragraph(
            &[Span {
                text: group.label.clone(),
                style: SpanStyle {
                    color: Color::LINK,
                    ..SpanStyle::new(FontId::SerifBold, size * 1.2)
                },
            }],
            width,
            Align::Left,
            leading * 1.25,
        );
        letter.iter_mut().for_each(|s| s.keep_with_next = true);
        out.extend(tagged(Role::Heading(2), letter));
        for entry in &group.entries {
            let mut spans = vec![Span {
                text: entry.term.clone(),
                style: SpanStyle::new(FontId::Serif, size),
            }];
            // Each page once, linked to the first mark on it.
            let mut pages: Vec<(usize, String)> = Vec::new();
            for place in &entry.places {
                let anchor = ctx.anchor(&place.page.path, place.id);
                let page = page_of(&anchor).and_then(|p| p.parse::<usize>().ok());
                if let Some(page) = page
                    && !pages.iter().any(|(p, _)| *p == page)
                {
                    pages.push((page, anchor));
                }
            }
            let numbers: Vec<usize> = pages.iter().map(|(p, _)| *p).collect();
            for (n, (text, first)) in index::page_runs(&numbers).into_iter().enumerate() {
                let anchor = pages.iter().find(|(p, _)| *p == first).map(|(_, a)| a);
                spans.push(Span {
                    text: if n == 0 { ",\u{A0}" } else { ", " }.to_string(),
                    style: SpanStyle::new(FontId::Serif, size),
                });
                spans.push(Span {
                    text,
                    style: SpanStyle {
                        color: Color::LINK,
                        link: anchor.map(|a| Target::Anchor(a.clone())),
                        ..SpanStyle::new(FontId::Serif, size)
                    },
                });
            }
            // Lines after the first hang under the term.
            let mut lines = ctx.paragraph(&spans, width - indent, Align::Left, leading);
            for line in lines.iter_mut().skip(1) {
                *line = std::mem::take(line).shifted(indent);
            }
            out.extend(tagged(Role::Paragraph, lines));
        }
    }
    out
}

/// Stacks column slices into pairs of columns: a slice per page, `first` high on the
/// first page (below the title), `full` on the next ones; the last page's columns
/// are balanced. A letter never ends a column.
fn two_columns(slices: Vec<Slice>, width: f32, first: f32, full: f32) -> Vec<Slice> {
    let mut pages = Vec::new();
    let mut rest = &slices[..];
    let mut room = first;
    while !rest.is_empty() {
        let total: f32 = rest.iter().map(|s| s.height).sum();
        let (left, right) = if total <= 2.0 * room {
            balanced(rest, room)
        } else {
            let left = fill(rest, room);
            (left, fill(&rest[left..], room))
        };
        let left_part = &rest[..left];
        let right_part = &rest[left..left + right];
        pages.push(page(left_part, right_part, width, !pages.is_empty()));
        rest = &rest[left + right..];
        room = full;
    }
    pages
}

/// How many of `slices` fill a column of `room` (at least one), not ending on a
/// letter nor starting with space.
fn fill(slices: &[Slice], room: f32) -> usize {
    let mut y = 0.0;
    let mut n = 0;
    while n < slices.len() && (n == 0 || y + slices[n].height <= room + 0.01) {
        y += slices[n].height;
        n += 1;
    }
    while n > 1 && n < slices.len() && slices[n - 1].keep_with_next {
        n -= 1;
    }
    n
}

/// The split of what is left into two columns of about equal height, both within
/// `room`, at the start of a group when that costs little.
fn balanced(slices: &[Slice], room: f32) -> (usize, usize) {
    let total: f32 = slices.iter().map(|s| s.height).sum();
    let mut best = (fill(slices, room), 0);
    best.1 = slices.len() - best.0;
    let mut best_height = f32::MAX;
    let mut y = 0.0;
    for k in 1..=slices.len() {
        y += slices[k - 1].height;
        if y > room + 0.01 {
            break;
        }
        let after = total - y;
        if after > room + 0.01 || (k < slices.len() && slices[k - 1].keep_with_next) {
            continue;
        }
        // A column had better start with a letter: a split inside a group costs a line or two.
        let inside_group = k < slices.len() && !slices[k].discardable;
        let penalty = if inside_group {
            slices[k].height * 1.5
        } else {
            0.0
        };
        let tallest = y.max(after) + penalty;
        if tallest < best_height - 0.01 {
            best_height = tallest;
            best = (k, slices.len() - k);
        }
    }
    best
}

/// One page's pair of columns as a slice; leading space at a column's top goes.
fn page(left: &[Slice], right: &[Slice], width: f32, break_before: bool) -> Slice {
    let mut items = Vec::new();
    let mut column = |slices: &[Slice], x: f32| {
        let mut y = 0.0;
        let start = slices.iter().take_while(|s| s.discardable).count();
        for slice in &slices[start..] {
            items.extend(slice.items.iter().cloned().map(|i| i.shifted(x, y)));
            y += slice.height;
        }
        y
    };
    let left_height = column(left, 0.0);
    let right_height = column(right, width + GUTTER);
    let height = left_height.max(right_height);
    if !right.is_empty() {
        let x = width + GUTTER / 2.0;
        items.push(Item::Line {
            x1: x,
            y1: 0.0,
            x2: x,
            y2: height,
            width: 0.4,
            color: Color::RULE,
        });
    }
    Slice {
        height,
        items,
        page_break_before: break_before,
        ..Slice::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(h: f32, keep: bool) -> Slice {
        Slice {
            height: h,
            keep_with_next: keep,
            ..Slice::default()
        }
    }

    #[test]
    fn columns_fill_pages_and_the_last_is_balanced() {
        // 30 lines of 10 pt in columns of 100: a full page (10 + 10), then 10 lines as 5 + 5.
        let slices: Vec<Slice> = (0..30).map(|_| line(10.0, false)).collect();
        let pages = two_columns(slices, 50.0, 100.0, 100.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].height, 100.0);
        assert!(!pages[0].page_break_before && pages[1].page_break_before);
        assert_eq!(pages[1].height, 50.0);
    }

    #[test]
    fn a_letter_never_ends_a_column() {
        let mut slices: Vec<Slice> = (0..9).map(|_| line(10.0, false)).collect();
        slices.push(line(10.0, true));
        slices.extend((0..12).map(|_| line(10.0, false)));
        assert_eq!(fill(&slices, 100.0), 9);
    }
}
