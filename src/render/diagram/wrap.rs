//! Texts wrapped into a diagram's boxes: greedy lines over the Unicode line-break
//! opportunities (UAX #14: spaces in Latin scripts, between ideographs in CJK, never
//! before 。or 」), measured by the renderer's own `Measure`. A box holds a sentence
//! or two, where a greedy fill reads as well as a total-fit one.

use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::Measure;

/// `text` in lines no wider than `max` (a word wider than `max` gets a line of its
/// own), each with its measured width, trailing spaces left out.
pub fn wrap(text: &str, max: f32, width: impl Fn(&str) -> f32) -> Vec<(String, f32)> {
    let text = text.trim();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut last_fit: Option<usize> = None;
    for (at, opportunity) in linebreaks(text) {
        let candidate = text[start..at].trim_end();
        let fits = width(candidate) <= max;
        if !fits && let Some(cut) = last_fit {
            let line = text[start..cut].trim_end();
            lines.push((line.to_string(), width(line)));
            start = cut;
        }
        last_fit = Some(at);
        if opportunity == BreakOpportunity::Mandatory && at < text.len() {
            let line = text[start..at].trim_end();
            lines.push((line.to_string(), width(line)));
            start = at;
            last_fit = None;
        }
    }
    let rest = text[start..].trim_end();
    if !rest.is_empty() || lines.is_empty() {
        lines.push((rest.to_string(), width(rest)));
    }
    lines
}

/// A conservative estimate of a sans-serif text's width for the site, where the
/// reader's font is unknown: generous per-character widths, so a line measured here
/// fits its box in common system fonts rather than overflowing it.
pub struct Estimate;

impl Measure for Estimate {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let ems: f32 = text.chars().map(char_em).sum();
        ems * size * if bold { 1.08 } else { 1.0 }
    }
}

fn char_em(c: char) -> f32 {
    match c {
        ' ' => 0.32,
        'i' | 'j' | 'l' | 'I' | '\'' | '’' | '.' | ',' | ':' | ';' | '!' | '|' => 0.32,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '«' | '»' | '\u{a0}' | '\u{202f}' => 0.45,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.95,
        'A'..='Z' => 0.74,
        '0'..='9' => 0.64,
        c if is_wide(c) => 1.02,
        c if c.is_ascii() => 0.62,
        // Accented Latin, Greek, Cyrillic, Arabic letters: about a lower-case letter.
        _ => 0.66,
    }
}

/// Ideographs, kana, Hangul and full-width forms take a full em.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3040..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(t: &str) -> f32 {
        t.chars().count() as f32
    }

    #[test]
    fn latin_text_breaks_at_spaces() {
        let lines = wrap("Is the service down for everyone?", 12.0, chars);
        let texts: Vec<&str> = lines.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["Is the", "service down", "for", "everyone?"]);
        assert!(lines.iter().all(|(_, w)| *w <= 12.0));
    }

    #[test]
    fn a_long_word_gets_a_line_of_its_own() {
        let lines = wrap("a incomprehensibilities b", 6.0, chars);
        let texts: Vec<&str> = lines.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["a", "incomprehensibilities", "b"]);
    }

    #[test]
    fn japanese_breaks_between_ideographs_but_not_before_closing_marks() {
        let lines = wrap("本番環境が停止していますか。", 4.0, chars);
        let texts: Vec<&str> = lines.iter().map(|(t, _)| t.as_str()).collect();
        assert!(texts.len() > 2, "{texts:?}");
        assert!(texts.iter().all(|t| !t.starts_with('。')), "{texts:?}");
        assert_eq!(texts.concat(), "本番環境が停止していますか。");
    }

    #[test]
    fn the_estimate_is_wider_for_ideographs_and_bold() {
        let e = Estimate;
        assert!(e.width("本番", 10.0, false) > e.width("ab", 10.0, false));
        assert!(e.width("ab", 10.0, true) > e.width("ab", 10.0, false));
    }
}
