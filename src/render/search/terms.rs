//! Terms: how text becomes index terms, the one place the rule lives on the build side.
//! `static/search.js` applies the same rule to queries (split on letters and digits,
//! lowercase, strip accents from Latin letters, CJK as overlapping character pairs),
//! so both must change together.
//!
//! Stems come from Snowball at build time only. The browser has no stemmer: it matches
//! a query word to the longest indexed stem it starts with, which is what a suffix
//! stemmer would have produced for the languages Snowball covers.

use std::sync::LazyLock;

use compact_str::CompactString;
use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// Calls `found` with each term of `text`, in order: words lowercased but not yet
/// folded (Snowball wants the accents), CJK as character pairs. `scratch` holds a
/// lowercased word, so a page's thousands of words cost no allocation.
pub fn each_term(text: &str, scratch: &mut String, found: &mut impl FnMut(&str)) {
    // What the scan learns of the current run of letters and digits, so the run is
    // not read again to find it out. Bytes, not chars: most text is ASCII, and only
    // the rest needs decoding.
    let bytes = text.as_bytes();
    let mut start = None;
    let mut seen = Seen::default();
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let c = if byte.is_ascii() {
            char::from(byte)
        } else {
            text[i..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER)
        };
        let width = c.len_utf8();
        let is_word = if byte.is_ascii() {
            byte.is_ascii_alphanumeric()
        } else {
            is_word_char(c)
        };
        if !is_word {
            if let Some(from) = start.take() {
                run(&text[from..i], seen, scratch, found);
            }
            i += width;
            continue;
        }
        if start.is_none() {
            start = Some(i);
            seen = Seen::default();
        }
        if byte.is_ascii() {
            seen.upper |= byte.is_ascii_uppercase();
        } else {
            seen.ascii = false;
            seen.upper |= c.is_uppercase();
            seen.cjk |= is_cjk(c);
        }
        i += width;
    }
    if let Some(from) = start {
        run(&text[from..], seen, scratch, found);
    }
}

/// A run's letters: all ASCII, any uppercase, any CJK.
#[derive(Clone, Copy)]
struct Seen {
    ascii: bool,
    upper: bool,
    cjk: bool,
}

impl Default for Seen {
    fn default() -> Self {
        Seen {
            ascii: true,
            upper: false,
            cjk: false,
        }
    }
}

/// Letters and digits. Accented Latin letters (all of U+00C0 to U+024F but `×` and
/// `÷`) are answered without Unicode's tables: they are most non-ASCII text here.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{C0}'..='\u{24F}').contains(&c) {
        c != '×' && c != '÷'
    } else {
        c.is_alphanumeric()
    }
}

/// A run of letters and digits: CJK stretches become pairs, the rest words.
fn run(run: &str, seen: Seen, scratch: &mut String, found: &mut impl FnMut(&str)) {
    if !seen.cjk {
        return word(run, seen, scratch, found);
    }
    let mut start = 0;
    let mut cjk_from: Option<usize> = None;
    for (i, c) in run.char_indices() {
        if is_cjk(c) {
            if cjk_from.is_none() {
                if start < i {
                    let part = &run[start..i];
                    word(part, seen_in(part), scratch, found);
                }
                cjk_from = Some(i);
            }
            start = i + c.len_utf8();
        } else if let Some(from) = cjk_from.take() {
            pairs(&run[from..i], found);
            start = i;
        }
    }
    if let Some(from) = cjk_from {
        pairs(&run[from..], found);
    }
    if start < run.len() {
        let part = &run[start..];
        word(part, seen_in(part), scratch, found);
    }
}

/// What `each_term` would have seen of a word cut out of a mixed run.
fn seen_in(word: &str) -> Seen {
    Seen {
        ascii: word.is_ascii(),
        upper: word.chars().any(char::is_uppercase),
        cjk: false,
    }
}

fn word(word: &str, seen: Seen, scratch: &mut String, found: &mut impl FnMut(&str)) {
    // Single letters ("l'", "d'", "a") carry no meaning on their own; digits do ("P1").
    let single = if seen.ascii {
        word.len() < 2
    } else {
        word.chars().nth(1).is_none()
    };
    if single && !word.chars().all(|c| c.is_numeric()) {
        return;
    }
    if !seen.upper {
        return found(word);
    }
    scratch.clear();
    if seen.ascii {
        scratch.push_str(word);
        scratch.make_ascii_lowercase();
    } else {
        // `str::to_lowercase` knows the Greek final sigma, as the browser does.
        scratch.push_str(&word.to_lowercase());
    }
    found(scratch);
}

/// Overlapping pairs of a CJK stretch (a lone character stands for itself).
fn pairs(stretch: &str, found: &mut impl FnMut(&str)) {
    let bounds: Vec<usize> = stretch
        .char_indices()
        .map(|(i, _)| i)
        .chain([stretch.len()])
        .collect();
    if bounds.len() == 2 {
        return found(stretch);
    }
    for window in bounds.windows(3) {
        found(&stretch[window[0]..window[2]]);
    }
}

/// Han, kana and hangul: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x2FA1F)
}

/// Accents off Latin letters (`é` -> `e`), so `priorites` finds `priorités`; other
/// scripts keep their marks (a kana's voicing mark changes the word).
pub fn fold(term: &str) -> CompactString {
    if term.is_ascii() {
        return term.into();
    }
    if term.chars().all(is_latin) {
        // Each letter decomposes to a Latin base and marks: the base alone is the
        // answer, with no normalization pass over the word.
        // Built in a `String`: `CompactString::push` checks its layout on every char.
        let out: String = term.chars().map(latin_base).collect();
        return CompactString::from(out);
    }
    let mut out = String::with_capacity(term.len());
    let mut after_latin = false;
    for c in term.nfd() {
        let is_mark = unicode_normalization::char::is_combining_mark(c);
        if is_mark && after_latin {
            continue;
        }
        if !is_mark {
            after_latin = is_latin(c);
        }
        out.push(c);
    }
    out.nfc().collect()
}

/// Latin letters, up to the IPA block: the ones whose accents `fold` takes off.
fn is_latin(c: char) -> bool {
    (c as u32) < LATIN_END
}

const LATIN_END: u32 = 0x0250;

/// The base letter of a Latin letter (`é` -> `e`, ASCII as it is): the first char of
/// its canonical decomposition, looked up in a table made once (every accented word
/// of a site and its stem are folded).
fn latin_base(c: char) -> char {
    static BASES: LazyLock<Vec<char>> = LazyLock::new(|| {
        (0x80..LATIN_END)
            .filter_map(char::from_u32)
            .map(|c| {
                let mut base = None;
                unicode_normalization::char::decompose_canonical(c, |d| {
                    base.get_or_insert(d);
                });
                base.unwrap_or(c)
            })
            .collect()
    });
    (BASES.get((c as usize).wrapping_sub(0x80))).map_or(c, |&base| base)
}

/// The Snowball stemmer of a language, when it has one.
pub fn stemmer(lang: &str) -> Option<Stemmer> {
    let primary = lang.split('-').next().unwrap_or(lang);
    let algorithm = match primary {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "en" => Algorithm::English,
        "es" => Algorithm::Spanish,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "nl" => Algorithm::Dutch,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// Which shard file holds a folded term: its first `width` characters, in hex so any
/// script makes a safe name. CJK terms are pairs already: they go by their first
/// character, or on a small site (width 1) by its block of 64 code points, so a
/// short Japanese guide is not cut into hundreds of files.
pub fn shard_key(term: &str, width: usize) -> CompactString {
    let first = term.chars().next().unwrap_or(' ');
    if is_cjk(first) && width == 1 {
        return compact_str::format_compact!("c{:x}", first as u32 >> 6);
    }
    let take = if is_cjk(first) { 1 } else { width };
    let end = term.char_indices().nth(take).map_or(term.len(), |(i, _)| i);
    // Called once per term and per variant: hex digits by hand, not through `fmt`.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut key = [0u8; 24];
    let mut length = 0;
    for byte in term[..end].bytes().take(key.len() / 2) {
        key[length] = HEX[usize::from(byte >> 4)];
        key[length + 1] = HEX[usize::from(byte & 0xf)];
        length += 2;
    }
    CompactString::from_utf8(&key[..length]).expect("hex digits are ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_term(text, &mut String::new(), &mut |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn splits_on_anything_but_letters_and_digits() {
        assert_eq!(
            words("L'escalade\u{202f}: ouvrez un P1, puis 2 appels."),
            ["escalade", "ouvrez", "un", "p1", "puis", "2", "appels"]
        );
    }

    #[test]
    fn accented_letters_are_word_letters_and_signs_are_not() {
        assert_eq!(words("Échéance×2÷ÀÖøÿ"), ["échéance", "2", "àöøÿ"]);
        assert!(
            (0xC0..=0x24F)
                .filter_map(char::from_u32)
                .all(|c| is_word_char(c) == c.is_alphanumeric())
        );
    }

    #[test]
    fn cjk_becomes_overlapping_pairs_beside_latin_words() {
        assert_eq!(
            words("優先度P1を選ぶ"),
            ["優先", "先度", "p1", "を選", "選ぶ"]
        );
        assert_eq!(words("本 API"), ["本", "api"]);
    }

    #[test]
    fn folds_latin_accents_only() {
        assert_eq!(fold("priorités"), "priorites");
        assert_eq!(fold("übergabe"), "ubergabe");
        assert_eq!(fold("が"), "が");
        assert_eq!(fold("straße"), "straße");
        // Marks written apart, and a Latin word beside another script.
        assert_eq!(fold("e\u{301}te\u{301}"), "ete");
        assert_eq!(fold("écoleが"), "ecoleが");
    }

    #[test]
    fn stems_per_language() {
        let french = stemmer("fr").unwrap();
        assert_eq!(french.stem("escalades"), french.stem("escalade"));
        assert!(stemmer("ja").is_none());
        assert!("escalating".starts_with(&*stemmer("en-GB").unwrap().stem("escalation")));
    }

    #[test]
    fn shard_keys_are_hex_prefixes() {
        assert_eq!(shard_key("priorite", 2), "7072");
        assert_eq!(shard_key("priorite", 1), "70");
        assert_eq!(shard_key("優先", 2), "e584aa");
        assert_eq!(shard_key("優先", 1), "c144");
        assert_eq!(shard_key("2", 2), "32");
    }
}
