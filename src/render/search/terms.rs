//! Terms: how text becomes index terms, the one place the rule lives on the build side.
//! `static/search.js` applies the same rule to queries (split on letters and digits,
//! lowercase, strip accents from Latin letters, CJK as overlapping character pairs),
//! so both must change together.
//!
//! Stems come from Snowball at build time only. The browser has no stemmer: it matches
//! a query word to the longest indexed stem it starts with, which is what a suffix
//! stemmer would have produced for the languages Snowball covers.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// One word of a text, lowercased but not yet folded (Snowball wants the accents).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    Word(std::borrow::Cow<'a, str>),
    /// Two CJK characters in a row, or one standing alone.
    Cjk(String),
}

/// The words of `text`, in order.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for run in text.split(|c: char| !c.is_alphanumeric()) {
        if run.is_empty() {
            continue;
        }
        if !run.is_ascii() && run.chars().any(is_cjk) {
            mixed_run(run, &mut out);
        } else {
            push_word(run, &mut out);
        }
    }
    out
}

/// A run that mixes CJK with other letters: CJK stretches become pairs, the rest words.
fn mixed_run<'a>(run: &'a str, out: &mut Vec<Token<'a>>) {
    let mut start = 0;
    let mut cjk: Vec<char> = Vec::new();
    for (i, c) in run.char_indices() {
        if is_cjk(c) {
            if cjk.is_empty() && start < i {
                push_word(&run[start..i], out);
            }
            cjk.push(c);
            start = i + c.len_utf8();
        } else if !cjk.is_empty() {
            push_pairs(&cjk, out);
            cjk.clear();
            start = i;
        }
    }
    push_pairs(&cjk, out);
    if start < run.len() {
        push_word(&run[start..], out);
    }
}

fn push_word<'a>(word: &'a str, out: &mut Vec<Token<'a>>) {
    // Single letters ("l'", "d'", "a") carry no meaning on their own; digits do ("P1").
    if word.chars().count() < 2 && !word.chars().all(|c| c.is_numeric()) {
        return;
    }
    let lower = if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    };
    out.push(Token::Word(lower));
}

fn push_pairs(chars: &[char], out: &mut Vec<Token<'_>>) {
    match chars {
        [] => {}
        [one] => out.push(Token::Cjk(one.to_string())),
        _ => out.extend(
            chars
                .windows(2)
                .map(|pair| Token::Cjk(pair.iter().collect())),
        ),
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
pub fn fold(term: &str) -> String {
    if term.is_ascii() {
        return term.to_string();
    }
    let mut out = String::with_capacity(term.len());
    let mut after_latin = false;
    for c in term.nfd() {
        let is_mark = unicode_normalization::char::is_combining_mark(c);
        if is_mark && after_latin {
            continue;
        }
        if !is_mark {
            after_latin = (c as u32) < 0x0250;
        }
        out.push(c);
    }
    out.nfc().collect()
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
pub fn shard_key(term: &str, width: usize) -> String {
    let first = term.chars().next().unwrap_or(' ');
    if is_cjk(first) && width == 1 {
        return format!("c{:x}", first as u32 >> 6);
    }
    let take = if is_cjk(first) { 1 } else { width };
    term.chars()
        .take(take)
        .collect::<String>()
        .bytes()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokens(text)
            .into_iter()
            .map(|t| match t {
                Token::Word(w) => w.into_owned(),
                Token::Cjk(p) => p,
            })
            .collect()
    }

    #[test]
    fn splits_on_anything_but_letters_and_digits() {
        assert_eq!(
            words("L'escalade\u{202f}: ouvrez un P1, puis 2 appels."),
            ["escalade", "ouvrez", "un", "p1", "puis", "2", "appels"]
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
