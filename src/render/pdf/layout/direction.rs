//! Right-to-left text and pages. A paragraph's bidi levels come from the Unicode
//! bidirectional algorithm (unicode-bidi) over its whole text, lines are broken in
//! logical order, and each line's boxes are then put in visual order. A right-to-left
//! document is laid out as if it ran left to right, its lines already reversed inside
//! their boxes, and every page is mirrored at the end: the text's start is then on the
//! right, and lists' markers, tables' first columns, the contents' titles and the
//! headers follow it without each block knowing.

use unicode_bidi::{Level, ParagraphBidiInfo};

use crate::render::pdf::boxes::{Item, PageBox};
use crate::render::pdf::fonts::{FontId, right_to_left_script};
use crate::render::pdf::text::{Segment, Segments, Shaper, width_em};

/// Whether `lang` (a BCP 47 tag) is written right to left.
pub fn is_rtl(lang: &str) -> bool {
    lang.parse::<unic_langid::LanguageIdentifier>()
        .is_ok_and(|l| l.character_direction() == unic_langid::CharacterDirection::RTL)
}

/// The embedding level of each byte of `text`, or `None` when every level is 0 (a
/// left-to-right paragraph without a right-to-left letter: nothing to reorder).
pub fn levels(text: &str, rtl: bool) -> Option<Vec<u8>> {
    if !rtl && !has_rtl(text) {
        return None;
    }
    // One bidi paragraph: a hard break inside a block is a line, not a new paragraph.
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let info = ParagraphBidiInfo::new(&flat, Some(base));
    Some(info.levels.iter().map(Level::number).collect())
}

/// Whether `text` may need reordering: it has a right-to-left letter or mark.
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(may_be_rtl)
}

/// Characters of the right-to-left scripts and the marks that set a direction: a
/// quick test before the full algorithm.
fn may_be_rtl(c: char) -> bool {
    right_to_left_script(c) || matches!(c, '\u{200F}' | '\u{202B}' | '\u{202E}' | '\u{2067}')
}

/// The order in which a line's boxes are seen, left to right, from their levels in
/// logical order (rule L2: every run at level k or above reversed, from the highest).
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let levels: Vec<Level> = levels
        .iter()
        .map(|l| Level::new(*l).unwrap_or_else(|_| Level::rtl()))
        .collect();
    ParagraphBidiInfo::reorder_visual(&levels)
}

/// A single line (a header, a contents entry, a chart's label) shaped in visual
/// order: its direction from its first letter, each run at its own level shaped in
/// its direction, the runs then reordered.
pub fn shape_line(shaper: &Shaper, font: FontId, text: &str) -> Segments {
    shape_line_in(shaper, font, text, false)
}

/// The same, in a right-to-left context when `rtl` (a list's number: "1." reads with
/// its full stop on the left), else from its first letter.
pub fn shape_line_in(shaper: &Shaper, font: FontId, text: &str, rtl: bool) -> Segments {
    if !rtl && !has_rtl(text) {
        return Segments::from(&shaper.shape(font, text)[..]);
    }
    let info = ParagraphBidiInfo::new(text, rtl.then(Level::rtl));
    let mut runs: Vec<(usize, usize, u8)> = Vec::new();
    for (i, c) in text.char_indices() {
        let level = info.levels[i].number();
        match runs.last_mut() {
            Some((_, end, l)) if *l == level => *end = i + c.len_utf8(),
            _ => runs.push((i, i + c.len_utf8(), level)),
        }
    }
    let levels: Vec<u8> = runs.iter().map(|r| r.2).collect();
    let mut segments = Segments::new();
    for k in visual_order(&levels) {
        let (start, end, level) = runs[k];
        let shaped = if level % 2 == 1 {
            shaper.shape_rtl(font, &text[start..end])
        } else {
            shaper.shape(font, &text[start..end])
        };
        // Their levels, for paint to show them in reading order.
        segments.extend(shaped.iter().map(|s| Segment { level, ..s.clone() }));
    }
    segments
}

/// The horizontal extent of an item, for mirroring: (left, right).
fn extent(item: &Item) -> Option<(f32, f32)> {
    match item {
        Item::Text {
            x, size, segments, ..
        } => Some((*x, x + width_em(segments) * size)),
        Item::Rect { x, width, .. }
        | Item::Link { x, width, .. }
        | Item::Image { x, width, .. } => Some((*x, x + width)),
        Item::Line { x1, x2, .. } => Some((*x1, *x2)),
        Item::Anchor { .. } | Item::Begin(_) | Item::End => None,
    }
}

/// Items mirrored inside `[0, width]`: what was `d` from the left edge ends `d` from
/// the right one. A text keeps its glyphs in their order: only its place moves.
pub fn mirror(items: &mut [Item], width: f32) {
    for item in items {
        let Some((left, right)) = extent(item) else {
            continue;
        };
        match item {
            Item::Text { x, .. }
            | Item::Rect { x, .. }
            | Item::Link { x, .. }
            | Item::Image { x, .. } => *x = width - right,
            Item::Line { x1, x2, .. } => {
                *x1 = width - left;
                *x2 = width - right;
            }
            Item::Anchor { .. } | Item::Begin(_) | Item::End => {}
        }
    }
}

/// Every page of a right-to-left document mirrored across its width.
pub fn mirror_pages(pages: &mut [PageBox], width: f32) {
    for page in pages {
        mirror(&mut page.items, width);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_with_digits_and_a_latin_word_reorders_by_runs() {
        let text = "رقم 42 في Folio";
        let found = levels(text, true).unwrap();
        // Arabic at 1, the digits and the Latin word at 2.
        let at = |s: &str| found[text.find(s).unwrap()];
        assert_eq!((at("رقم"), at("42"), at("Folio")), (1, 2, 2));
        // Four words, three spaces, in logical order: the visual order reverses the
        // line but keeps each left-to-right run's inside.
        assert_eq!(
            visual_order(&[1, 1, 2, 1, 1, 1, 2]),
            vec![6, 5, 4, 3, 2, 1, 0]
        );
        assert_eq!(
            visual_order(&[1, 1, 2, 2, 2, 1, 1]),
            vec![6, 5, 2, 3, 4, 1, 0]
        );
        assert_eq!(levels("plain English", false), None);
        assert!(levels("English with עברית", false).is_some());
    }

    #[test]
    fn a_line_with_a_number_keeps_the_number_left_to_right() {
        let shaper = Shaper::default();
        let text = "صفحة 12 من 30";
        let shaped = shape_line(&shaper, FontId::Serif, text);
        let seen = crate::render::pdf::boxes::segments_text(&shaped);
        // Visual order, left to right: the last number first, each number unreversed.
        assert!(seen.starts_with("30"), "{seen}");
        assert!(seen.contains("12"), "{seen}");
        assert_eq!(seen.chars().count(), text.chars().count());
    }

    #[test]
    fn mirroring_keeps_widths_and_flips_places() {
        let mut items = vec![Item::Line {
            x1: 10.0,
            y1: 0.0,
            x2: 30.0,
            y2: 0.0,
            width: 1.0,
            color: crate::render::pdf::boxes::Color::RULE,
        }];
        mirror(&mut items, 100.0);
        assert!(matches!(items[0], Item::Line { x1, x2, .. } if x1 == 90.0 && x2 == 70.0));
        assert!(is_rtl("ar") && is_rtl("he") && !is_rtl("fr"));
    }
}
