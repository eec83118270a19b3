//! Paragraphs: styled spans of text to justified (or ragged) lines of positioned
//! words, through hyphenation and Knuth–Plass line breaking. Lines are broken in
//! logical order and their words then put in visual order (see `direction`).

use std::cell::Cell;

use crate::render::pdf::boxes::{Color, Item, Target};
use crate::render::pdf::fonts::FontId;
use crate::render::pdf::linebreak;
use crate::render::pdf::text::{Gap, Segment, Segments, Shaper, hyphenation_points, width_em};

use super::direction;

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: SpanStyle,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SpanStyle {
    pub font: FontId,
    pub size: f32,
    pub color: Color,
    pub link: Option<Target>,
    pub strike: bool,
    /// Upwards shift of the baseline (superscripts), in points.
    pub raise: f32,
    /// An anchor set where the span's text starts (once, however many spans share it):
    /// a cross-reference learns its own page from it in the next layout pass.
    pub mark: Option<String>,
    /// A web address: it breaks only after its own separators, never with a hyphen.
    pub url: bool,
}

impl SpanStyle {
    pub fn new(font: FontId, size: f32) -> Self {
        SpanStyle {
            font,
            size,
            color: Color::TEXT,
            link: None,
            strike: false,
            raise: 0.0,
            mark: None,
            url: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Justify,
    Left,
    /// Ragged, but hyphenated: a narrow table cell whose words would not fit otherwise.
    LeftHyphenated,
}

/// A set line: items relative to the line's top, and its height.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub items: Vec<Item>,
    pub height: f32,
    pub baseline: f32,
}

/// What a box of the paragraph shows.
#[derive(Clone)]
struct Piece {
    span: usize,
    segments: Segments,
}

pub struct Paragraph<'a> {
    pub spans: &'a [Span],
    pub width: f32,
    pub leading: f32,
    pub align: Align,
    pub lang: &'a str,
    /// A right-to-left document: the paragraph's base direction, and its lines are
    /// set mirrored inside their width, for the page to be mirrored back.
    pub rtl: bool,
}

/// Sets a paragraph into lines.
pub fn set(paragraph: &Paragraph, shaper: &Shaper) -> Vec<Line> {
    let (items, pieces, hyphens, levels) = build_items(paragraph, shaper);
    if pieces.iter().all(Option::is_none) {
        return Vec::new();
    }
    let breaks = linebreak::breaks(&items, paragraph.width);
    let marks = marks(paragraph.spans, &pieces);
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for brk in &breaks {
        let ratio = match paragraph.align {
            Align::Justify => brk.ratio.min(3.0),
            Align::Left | Align::LeftHyphenated => brk.ratio.min(0.0),
        };
        let run = Run {
            items: &items,
            pieces: &pieces,
            hyphens: &hyphens,
            marks: &marks,
            levels: levels.as_deref(),
        };
        lines.push(set_line(paragraph, &run, start, brk.at, ratio));
        start = linebreak::line_start(&items, brk.at);
    }
    lines
}

/// The first box of each distinct mark, by item index.
fn marks<'a>(spans: &'a [Span], pieces: &[Option<Piece>]) -> Vec<Option<&'a str>> {
    let mut seen = std::collections::HashSet::new();
    pieces
        .iter()
        .map(|piece| {
            let mark = spans[piece.as_ref()?.span].style.mark.as_deref()?;
            seen.insert(mark).then_some(mark)
        })
        .collect()
}

/// A paragraph's items and what each shows, for setting its lines.
struct Run<'a> {
    items: &'a [linebreak::Item],
    pieces: &'a [Option<Piece>],
    hyphens: &'a [Option<Piece>],
    marks: &'a [Option<&'a str>],
    /// Each item's bidi level, when the paragraph has any right-to-left text.
    levels: Option<&'a [u8]>,
}

type Built = (
    Vec<linebreak::Item>,
    Vec<Option<Piece>>,
    Vec<Option<Piece>>,
    Option<Vec<u8>>,
);

fn build_items(paragraph: &Paragraph, shaper: &Shaper) -> Built {
    let mut items = Vec::new();
    let mut pieces: Vec<Option<Piece>> = Vec::new();
    let mut hyphens: Vec<Option<Piece>> = Vec::new();
    // Most paragraphs of a left-to-right guide have no right-to-left letter: their
    // text is not even gathered.
    let levels = (paragraph.rtl || paragraph.spans.iter().any(|s| direction::has_rtl(&s.text)))
        .then(|| {
            let text: String = paragraph.spans.iter().map(|s| s.text.as_str()).collect();
            direction::levels(&text, paragraph.rtl)
        })
        .flatten();
    // Where in `text` each item stands, for its level.
    let mut offsets: Vec<usize> = Vec::new();
    let offset = Cell::new(0);
    // Set once spacing that is not a word space is pushed: the next word says so to
    // paint, which would otherwise take a gap that wide for a word space.
    let spacing = Cell::new(false);
    let mut push = |item: linebreak::Item, mut piece: Option<Piece>, hyphen: Option<Piece>| {
        if let Some(piece) = piece.as_mut()
            && spacing.replace(false)
            && let Some(first) = reading_first(&mut piece.segments)
        {
            first.gap = Gap::Spacing;
        }
        items.push(item);
        pieces.push(piece);
        hyphens.push(hyphen);
        offsets.push(offset.get());
    };
    let mut span_start = 0;
    // The last character set, across spans, for the space between Japanese and Latin.
    let mut last: Option<char> = None;
    for (index, span) in paragraph.spans.iter().enumerate() {
        let style = &span.style;
        let space = width_em(&shaper.shape(style.font, " ")) * style.size;
        let mut word = String::new();
        let mut word_start = span_start;
        let flush =
            |word: &mut String,
             word_start: usize,
             push: &mut dyn FnMut(linebreak::Item, Option<Piece>, Option<Piece>)| {
                if word.is_empty() {
                    return;
                }
                // Ragged text (headings, cells, the cover) reads better unhyphenated.
                let lang = if paragraph.align != Align::Left {
                    paragraph.lang
                } else {
                    ""
                };
                let place = Place {
                    start: word_start,
                    levels: levels.as_deref(),
                    offset: &offset,
                    spacing: &spacing,
                };
                // The item after the word (a space) stands where it was.
                let after = offset.get();
                push_word(word, index, style, lang, shaper, &place, push);
                offset.set(after);
                word.clear();
            };
        for (i, c) in span.text.char_indices() {
            if word.is_empty() {
                word_start = span_start + i;
            }
            offset.set(span_start + i);
            if !matches!(c, '\n' if span.text == "\n") && (c.is_whitespace() || c == '\u{2028}') {
                last = None;
            }
            match c {
                '\n' if span.text == "\n" => {}
                ' ' | '\t' | '\n' => {
                    flush(&mut word, word_start, &mut push);
                    push(linebreak::Item::space(space), None, None);
                }
                '\u{A0}' => {
                    flush(&mut word, word_start, &mut push);
                    push(linebreak::Item::forbid(), None, None);
                    push(linebreak::Item::space(space), None, None);
                }
                '\u{202F}' => {
                    flush(&mut word, word_start, &mut push);
                    push(linebreak::Item::forbid(), None, None);
                    push(
                        linebreak::Item::Glue {
                            width: style.size * 0.17,
                            stretch: 0.0,
                            shrink: 0.0,
                        },
                        None,
                        None,
                    );
                }
                '\u{2028}' => {
                    // A hard line break inside the paragraph.
                    flush(&mut word, word_start, &mut push);
                    push(linebreak::Item::fill(), None, None);
                    push(linebreak::Item::force(), None, None);
                }
                c => {
                    if last.is_some_and(|before| ideographic_gap(before, c)) {
                        flush(&mut word, word_start, &mut push);
                        word_start = span_start + i;
                        push(quarter_em(style.size), None, None);
                        spacing.set(true);
                    }
                    word.push(c);
                    last = Some(c);
                }
            }
        }
        flush(&mut word, word_start, &mut push);
        span_start += span.text.len();
    }
    push(linebreak::Item::fill(), None, None);
    push(linebreak::Item::force(), None, None);
    let levels = levels.map(|levels| {
        let base = u8::from(paragraph.rtl);
        offsets
            .iter()
            .map(|at| levels.get(*at).copied().unwrap_or(base))
            .collect()
    });
    (items, pieces, hyphens, levels)
}

/// Where a word stands in its paragraph: its start in the paragraph's text, the
/// text's bidi levels, and the offset the next item pushed is recorded at.
struct Place<'a> {
    start: usize,
    levels: Option<&'a [u8]>,
    offset: &'a Cell<usize>,
    /// Set when the next word follows spacing rather than a word space.
    spacing: &'a Cell<bool>,
}

impl Place<'_> {
    /// `word[from..to]` split where its bidi level changes: (start, end, right to left).
    fn runs(&self, from: usize, to: usize) -> Vec<(usize, usize, bool)> {
        let Some(levels) = self.levels else {
            return vec![(from, to, false)];
        };
        let level = |i: usize| levels.get(self.start + i).copied().unwrap_or(0);
        let mut runs: Vec<(usize, usize, bool)> = Vec::new();
        let mut at = from;
        while at < to {
            let here = level(at);
            let mut end = at + 1;
            while end < to && level(end) == here {
                end += 1;
            }
            runs.push((at, end, here % 2 == 1));
            at = end;
        }
        runs
    }
}

/// A word becomes boxes separated by hyphenation penalties (and breaks after an
/// explicit hyphen or slash).
fn push_word(
    word: &str,
    span: usize,
    style: &SpanStyle,
    lang: &str,
    shaper: &Shaper,
    place: &Place,
    push: &mut dyn FnMut(linebreak::Item, Option<Piece>, Option<Piece>),
) {
    if style.url {
        place.offset.set(place.start);
        return push_url(word, span, style, shaper, push);
    }
    // A word without right-to-left letters is one run: its pieces come cut and shaped.
    if place.levels.is_none() {
        let cuts = |word: &str| word_cuts(word, lang);
        return shaper.word(style.font, lang, word, cuts, |cut| {
            let mut start = 0;
            for (end, with_hyphen, segments) in &cut.pieces {
                push_box(segments.clone(), start, span, style, place, push);
                if *end < word.len() {
                    let hyphen = cut.hyphen.as_ref().filter(|_| *with_hyphen).cloned();
                    push_break(cut.cjk, hyphen, span, style, place, push);
                }
                start = *end;
            }
        });
    }
    let (cuts, cjk) = word_cuts(word, lang);
    let mut start = 0;
    for (cut, with_hyphen) in cuts.into_iter().chain([(word.len(), false)]) {
        if cut <= start {
            continue;
        }
        // A word whose direction changes inside ("P1،") is a box per direction, with
        // no break between them.
        for (from, to, rtl) in place.runs(start, cut) {
            let fragment = &word[from..to];
            let shaped = if rtl {
                shaper.shape_rtl(style.font, fragment)
            } else {
                shaper.shape(style.font, fragment)
            };
            push_box(Segments::from(&shaped[..]), from, span, style, place, push);
        }
        if cut < word.len() {
            let hyphen = with_hyphen.then(|| Segments::from(&shaper.shape(style.font, "-")[..]));
            push_break(cjk, hyphen, span, style, place, push);
        }
        start = cut;
    }
}

/// A piece of a word, `at` bytes into it, as a box of its width.
fn push_box(
    segments: Segments,
    at: usize,
    span: usize,
    style: &SpanStyle,
    place: &Place,
    push: &mut dyn FnMut(linebreak::Item, Option<Piece>, Option<Piece>),
) {
    let width = width_em(&segments) * style.size;
    place.offset.set(place.start + at);
    push(
        linebreak::Item::Box { width },
        Some(Piece { span, segments }),
        None,
    );
}

/// The break after a piece of a word: free between CJK characters, else a penalty,
/// printing `hyphen` when the break is at a hyphenation point.
fn push_break(
    cjk: bool,
    hyphen: Option<Segments>,
    span: usize,
    style: &SpanStyle,
    place: &Place,
    push: &mut dyn FnMut(linebreak::Item, Option<Piece>, Option<Piece>),
) {
    if cjk && hyphen.is_none() {
        // Between CJK characters: a break costs nothing, and a hair of stretch
        // spreads justification evenly along the line.
        push(
            linebreak::Item::Glue {
                width: 0.0,
                stretch: style.size * 0.08,
                shrink: 0.0,
            },
            None,
            None,
        );
        place.spacing.set(true);
    } else if let Some(segments) = hyphen {
        let hyphen = Piece { span, segments };
        push(
            linebreak::Item::Penalty {
                width: width_em(&hyphen.segments) * style.size,
                cost: 50.0,
                flagged: true,
            },
            None,
            Some(hyphen),
        );
    } else {
        push(
            linebreak::Item::Penalty {
                width: 0.0,
                cost: 50.0,
                flagged: true,
            },
            None,
            None,
        );
    }
}

/// Where a word may break: (byte offset, whether a hyphen is printed there), and
/// whether it is CJK text. `lang` empty: no hyphenation.
pub(super) fn word_cuts(word: &str, lang: &str) -> (Vec<(usize, bool)>, bool) {
    // Hypher alone is quicker than a lookup in a table of every word; `Shaper::word`
    // keeps a word's shaped pieces with its cuts, which spares that lookup per piece.
    let mut cuts: Vec<(usize, bool)> = hyphenation_points(word, lang)
        .into_iter()
        .map(|p| (p, true))
        .collect();
    for (i, c) in word.char_indices() {
        let end = i + c.len_utf8();
        let followed_by_letter = word[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        if (c == '-' || c == '/' || c == '—') && i > 0 && followed_by_letter {
            cuts.push((end, false));
        }
    }
    let cjk_cuts = cjk_breaks(word);
    let cjk = !cjk_cuts.is_empty();
    cuts.extend(cjk_cuts.into_iter().map(|p| (p, false)));
    cuts.sort_unstable();
    cuts.dedup_by_key(|c| c.0);
    (cuts, cjk)
}

/// A web address: pieces between its break points, a break after each costing a
/// little more than a space and printing no hyphen.
fn push_url(
    word: &str,
    span: usize,
    style: &SpanStyle,
    shaper: &Shaper,
    push: &mut dyn FnMut(linebreak::Item, Option<Piece>, Option<Piece>),
) {
    let mut start = 0;
    for cut in super::links::url_breaks(word)
        .into_iter()
        .chain([word.len()])
    {
        let segments = Segments::from(&shaper.shape(style.font, &word[start..cut])[..]);
        let width = width_em(&segments) * style.size;
        push(
            linebreak::Item::Box { width },
            Some(Piece { span, segments }),
            None,
        );
        if cut < word.len() {
            push(
                linebreak::Item::Penalty {
                    width: 0.0,
                    cost: 30.0,
                    flagged: false,
                },
                None,
                None,
            );
        }
        start = cut;
    }
}

/// Closing punctuation and small kana never start a line (kinsoku)…
const NO_LINE_START: &str = "、。，．・：；？！ゝゞヽヾーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ」』）］｝〕〉》】〙〗〟’”｠»…‥";
/// …and opening brackets never end one.
const NO_LINE_END: &str = "「『（［｛〔〈《【〘〖〝‘“｟«";

/// Whether Japanese typesetting puts a quarter em between these two characters: a
/// kana or kanji beside a Latin letter or a digit, either way round (JIS X 4051).
/// Punctuation on either side takes none: its own shape carries the space.
fn ideographic_gap(before: char, after: char) -> bool {
    (is_ideographic_letter(before) && is_latin(after))
        || (is_latin(before) && is_ideographic_letter(after))
}

fn is_ideographic_letter(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x3096 | 0x309D..=0x309F | 0x30A1..=0x30FA | 0x30FC..=0x30FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x3FFFF)
}

/// Letters and digits of the Latin, Greek and Cyrillic scripts (not their full-width forms).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphabetic() && ('\u{C0}'..'\u{530}').contains(&c))
}

/// The space between Japanese and Latin: a quarter em, which may shrink to an eighth
/// and stretch a little when the line is justified; a line may break there, and then
/// it is dropped, so no line starts or ends with it.
fn quarter_em(size: f32) -> linebreak::Item {
    linebreak::Item::Glue {
        width: size * 0.25,
        stretch: size * 0.08,
        shrink: size * 0.125,
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0xAC00..=0xD7AF)
}

/// Break opportunities inside a run of CJK text (which has no spaces), from the Unicode
/// line-breaking algorithm, with the kinsoku rules enforced on top.
pub(super) fn cjk_breaks(word: &str) -> Vec<usize> {
    if !word.chars().any(is_cjk) {
        return Vec::new();
    }
    unicode_linebreak::linebreaks(word)
        .filter(|(at, opportunity)| {
            *at < word.len() && *opportunity == unicode_linebreak::BreakOpportunity::Allowed
        })
        .map(|(at, _)| at)
        .filter(|&at| {
            let next = word[at..].chars().next();
            let previous = word[..at].chars().next_back();
            !next.is_some_and(|c| NO_LINE_START.contains(c))
                && !previous.is_some_and(|c| NO_LINE_END.contains(c))
        })
        .collect()
}

/// The segment read first: the right-most of right-to-left ones.
fn reading_first(segments: &mut Segments) -> Option<&mut Segment> {
    if segments.iter().all(|s| s.rtl()) {
        segments.last_mut()
    } else {
        segments.first_mut()
    }
}

/// Writes a word of a reordered line, in reading order after the words read before
/// it, where it stands on the page. It joins the text before it when it continues it
/// in its own direction: on its right left to right, on its left right to left (that
/// text's segments stay in visual order, as a text's always are).
fn in_reading_order(piece: &Piece, style: &SpanStyle, x: f32, baseline: f32, out: &mut Vec<Item>) {
    let rtl = piece.segments.iter().all(|s| s.rtl());
    let width = width_em(&piece.segments) * style.size;
    if let Some(Item::Text {
        x: tx,
        baseline: tb,
        size,
        color,
        segments,
    }) = out.last_mut()
        && (*tb - (baseline - style.raise)).abs() < 0.01
        && *size == style.size
        && *color == style.color
        && segments.iter().all(|s| s.rtl()) == rtl
    {
        let end = *tx + width_em(segments) * *size;
        if !rtl && (end - x).abs() < 0.01 {
            segments.extend(piece.segments.iter().cloned());
            return;
        }
        if rtl && (x + width - *tx).abs() < 0.01 {
            let mut joined = piece.segments.clone();
            joined.extend(segments.drain(..));
            *segments = joined;
            *tx = x;
            return;
        }
    }
    out.push(Item::Text {
        x,
        baseline: baseline - style.raise,
        size: style.size,
        color: style.color,
        segments: piece.segments.clone(),
    });
}

fn set_line(paragraph: &Paragraph, run: &Run, start: usize, end: usize, ratio: f32) -> Line {
    let (items, pieces, hyphens) = (run.items, run.pieces, run.hyphens);
    let spans = paragraph.spans;
    let size = (start..=end)
        .filter_map(|i| pieces[i].as_ref().map(|p| spans[p.span].style.size))
        .fold(0.0f32, f32::max)
        .max(1.0);
    let height = paragraph.leading.max(size * 1.2);
    // The text's body is centred in the line's height.
    let baseline = height / 2.0 + size * 0.3;
    let mut x = 0.0;
    let mut out: Vec<Item> = Vec::new();
    let mut links: Vec<(f32, f32, Target)> = Vec::new();
    // A piece's text, joined to the text before it when it continues it.
    let put_text = |piece: &Piece, x: f32, out: &mut Vec<Item>| {
        let style = &spans[piece.span].style;
        let merged = match out.last_mut() {
            Some(Item::Text {
                x: tx,
                baseline: tb,
                size: ts,
                color,
                segments,
            }) if (*tb - (baseline - style.raise)).abs() < 0.01
                && *ts == style.size
                && *color == style.color
                && (*tx + segments.iter().map(|s| s.width).sum::<f32>() * *ts - x).abs() < 0.01 =>
            {
                segments.extend(piece.segments.iter().cloned());
                true
            }
            _ => false,
        };
        if !merged {
            out.push(Item::Text {
                x,
                baseline: baseline - style.raise,
                size: style.size,
                color: style.color,
                segments: piece.segments.clone(),
            });
        }
    };
    // Its strike-through and link area; returns its width.
    let decorate =
        |piece: &Piece, x: f32, out: &mut Vec<Item>, links: &mut Vec<(f32, f32, Target)>| -> f32 {
            let style = &spans[piece.span].style;
            let width = width_em(&piece.segments) * style.size;
            if style.strike {
                let y = baseline - style.size * 0.28;
                out.push(Item::Line {
                    x1: x,
                    y1: y,
                    x2: x + width,
                    y2: y,
                    width: style.size * 0.06,
                    color: style.color,
                });
            }
            if let Some(target) = &style.link {
                match links.last_mut() {
                    Some((lx, lw, t)) if t == target && (*lx + *lw - x).abs() < style.size => {
                        *lw = x + width - *lx
                    }
                    _ => links.push((x, width, target.clone())),
                }
            }
            width
        };
    let place =
        |piece: &Piece, x: f32, out: &mut Vec<Item>, links: &mut Vec<(f32, f32, Target)>| -> f32 {
            put_text(piece, x, out);
            decorate(piece, x, out, links)
        };
    let placed = (start..end).filter(|&i| match (&items[i], &pieces[i]) {
        (linebreak::Item::Box { .. }, Some(_)) => true,
        (linebreak::Item::Glue { .. }, _) => i > start,
        _ => false,
    });
    let order: Vec<usize> = match run.levels {
        Some(levels) => {
            let placed: Vec<usize> = placed.collect();
            let line_levels: Vec<u8> = placed.iter().map(|&i| levels[i]).collect();
            (direction::visual_order(&line_levels).into_iter())
                .map(|k| placed[k])
                .collect()
        }
        None => placed.collect(),
    };
    // A reordered line is placed in visual order and its words then written in
    // reading order (see `in_reading_order`).
    let reordered = run.levels.is_some();
    let mut words: Vec<(usize, f32)> = Vec::new();
    for i in order {
        match (&items[i], &pieces[i]) {
            (linebreak::Item::Box { .. }, Some(piece)) => {
                if let Some(name) = run.marks[i] {
                    out.push(Item::Anchor {
                        name: name.to_string(),
                        y: 0.0,
                    });
                }
                x += if reordered {
                    words.push((i, x));
                    decorate(piece, x, &mut out, &mut links)
                } else {
                    place(piece, x, &mut out, &mut links)
                }
            }
            (
                linebreak::Item::Glue {
                    width,
                    stretch,
                    shrink,
                },
                _,
            ) if i > start => {
                x += if ratio >= 0.0 {
                    width + ratio * stretch
                } else {
                    width + ratio * shrink
                };
            }
            _ => {}
        }
    }
    if reordered {
        words.sort_unstable_by_key(|w| w.0);
        for (k, &(i, x)) in words.iter().enumerate() {
            let Some(piece) = &pieces[i] else { continue };
            let mut piece = piece.clone();
            if k > 0 {
                // Whether a word space separates it from the word read before it.
                let spaced = items[words[k - 1].0 + 1..i].iter().any(
                    |item| matches!(item, linebreak::Item::Glue { width, .. } if *width > 0.0),
                );
                if let Some(first) = reading_first(&mut piece.segments)
                    && first.gap != Gap::Spacing
                {
                    first.gap = if spaced { Gap::Word } else { Gap::Spacing };
                }
            }
            in_reading_order(&piece, &spans[piece.span].style, x, baseline, &mut out);
        }
    }
    if let Some(hyphen) = &hyphens[end] {
        x += place(hyphen, x, &mut out, &mut links);
    }
    for (lx, lw, target) in links {
        out.push(Item::Link {
            x: lx,
            y: 0.0,
            width: lw,
            height,
            target,
        });
    }
    if paragraph.rtl {
        // Its start on the left, for the mirrored page to put it on the right.
        direction::mirror(&mut out, x);
    }
    Line {
        items: out,
        height,
        baseline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<Span> {
        vec![Span {
            text: text.into(),
            style: SpanStyle::new(FontId::Serif, 10.0),
        }]
    }

    fn line_texts(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| {
                l.items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Text { segments, .. } => {
                            Some(crate::render::pdf::boxes::segments_text(segments))
                        }
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn justified_lines_fill_the_width_except_the_last() {
        let text = "Le support Premium est un service payant destiné aux organisations qui font tourner des charges de travail critiques pour leur activité, avec des experts disponibles à toute heure.";
        let shaper = Shaper::default();
        let lines = set(
            &Paragraph {
                spans: &spans(text),
                width: 180.0,
                leading: 13.0,
                align: Align::Justify,
                lang: "fr",
                rtl: false,
            },
            &shaper,
        );
        assert!(lines.len() >= 4, "{:?}", line_texts(&lines));
        for line in &lines[..lines.len() - 1] {
            let Some(Item::Text {
                x, size, segments, ..
            }) = line
                .items
                .iter()
                .rev()
                .find(|i| matches!(i, Item::Text { .. }))
            else {
                panic!()
            };
            let right = x + segments.iter().map(|s| s.width).sum::<f32>() * size;
            assert!(
                (right - 180.0).abs() < 0.5,
                "line ends at {right}: {:?}",
                line_texts(&lines)
            );
        }
        let words: String = line_texts(&lines)
            .join(" ")
            .replace("- ", "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(words.replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn a_quarter_em_parts_japanese_from_latin_but_not_from_punctuation() {
        assert!(ideographic_gap('は', 'P') && ideographic_gap('1', 'を'));
        assert!(ideographic_gap('間', 'E') && ideographic_gap('2', 'ペ'));
        assert!(!ideographic_gap('「', 'P') && !ideographic_gap('2', '」'));
        assert!(!ideographic_gap('、', '2') && !ideographic_gap('a', 'b'));
        assert!(!ideographic_gap('日', '本') && !ideographic_gap('Ｐ', 'を'));
        // Across spans too (a bold "P1" in Japanese prose), at 10 pt.
        let mut spans = spans("場合は");
        spans.push(Span {
            text: "P1".into(),
            style: SpanStyle::new(FontId::SerifBold, 10.0),
        });
        spans.push(spans[0].clone());
        spans[2].text = "を選ぶ「P2」".into();
        let paragraph = Paragraph {
            spans: &spans,
            width: 400.0,
            leading: 14.0,
            align: Align::Left,
            lang: "ja",
            rtl: false,
        };
        let (items, pieces, _, _) = build_items(&paragraph, &Shaper::default());
        let quarter = |i: &linebreak::Item| matches!(i, linebreak::Item::Glue { width, .. } if (*width - 2.5).abs() < 1e-4);
        let quarters = items.iter().filter(|i| quarter(i)).count();
        assert_eq!(quarters, 2, "before and after P1, none inside 「P2」");
        // The word after each says it follows spacing, not a word space.
        for (i, _) in items.iter().enumerate().filter(|(_, i)| quarter(i)) {
            let next = pieces[i + 1..].iter().flatten().next().unwrap();
            assert_eq!(next.segments[0].gap, Gap::Spacing);
        }
    }

    #[test]
    fn japanese_breaks_between_characters_but_never_before_closing_punctuation() {
        let text = "本番環境が停止し、業務に重大な影響が出ている場合は「P1」を選択してください。エキスパートがすぐに対応します。";
        assert!(!cjk_breaks(text).is_empty());
        for at in cjk_breaks(text) {
            let next = text[at..].chars().next().unwrap();
            let previous = text[..at].chars().next_back().unwrap();
            assert!(!"、。」".contains(next), "break before {next}");
            assert!(previous != '「', "break after 「");
        }
        let shaper = Shaper::default();
        for width in [60.0, 75.0, 90.0, 120.0] {
            let lines = set(
                &Paragraph {
                    spans: &spans(text),
                    width,
                    leading: 14.0,
                    align: Align::Justify,
                    lang: "ja",
                    rtl: false,
                },
                &shaper,
            );
            assert!(lines.len() > 1);
            if width == 90.0 {
                insta::assert_snapshot!(
                    "japanese_lines_at_90pt",
                    line_texts(&lines)
                        .iter()
                        .map(|l| l.replace(' ', ""))
                        .collect::<Vec<_>>()
                        .join("\n")
                );
            }
            for line in line_texts(&lines) {
                let first = line.chars().next().unwrap();
                assert!(
                    !NO_LINE_START.contains(first),
                    "a line starts with {first}: {line}"
                );
                assert!(!line.ends_with('「'));
                assert!(!line.contains('-'), "no hyphenation in Japanese");
            }
        }
    }

    #[test]
    fn a_reordered_line_is_written_in_reading_order_where_it_stands() {
        let shaper = Shaper::default();
        let lines = set(
            &Paragraph {
                spans: &spans("يبني Folio الدليل P1، ثم"),
                width: 400.0,
                leading: 14.0,
                align: Align::Left,
                lang: "ar",
                rtl: true,
            },
            &shaper,
        );
        let texts: Vec<(f32, String, Gap)> = lines[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, segments, .. } => {
                    let first = if segments.iter().all(|s| s.rtl()) {
                        segments.last()
                    } else {
                        segments.first()
                    };
                    Some((
                        *x,
                        crate::render::pdf::boxes::segments_text(segments),
                        first.unwrap().gap,
                    ))
                }
                _ => None,
            })
            .collect();
        let read: Vec<&str> = texts.iter().map(|t| t.1.as_str()).collect();
        // Logical order; each Arabic word's glyphs from the left (its text reversed).
        assert_eq!(read, ["ينبي", "Folio", "ليلدلا", "P1", "،", "مث"]);
        // Where they stand: the line starts on the left (mirrored later with its
        // page), read from the right.
        assert!(
            texts[0].0 < texts[1].0 && texts[1].0 < texts[2].0,
            "{texts:?}"
        );
        let gaps: Vec<Gap> = texts.iter().skip(1).map(|t| t.2).collect();
        assert_eq!(
            gaps,
            [Gap::Word, Gap::Word, Gap::Word, Gap::Spacing, Gap::Word],
            "a word space before each word but the comma"
        );
    }

    #[test]
    fn narrow_no_break_spaces_never_break() {
        let shaper = Shaper::default();
        let text = "mot mot mot mot mot mot mot mot mot Quand\u{202F}? mot mot mot mot";
        for width in [40.0, 55.0, 70.0, 90.0] {
            let lines = set(
                &Paragraph {
                    spans: &spans(text),
                    width,
                    leading: 12.0,
                    align: Align::Left,
                    lang: "fr",
                    rtl: false,
                },
                &shaper,
            );
            assert!(
                line_texts(&lines).iter().all(|l| !l.starts_with('?')),
                "{:?}",
                line_texts(&lines)
            );
        }
    }
}
