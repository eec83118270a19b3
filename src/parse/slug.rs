//! Heading ids and URL segments from visible text.
//!
//! Two styles: GitHub's (the default: writers copy anchors from a Git host or an mdBook
//! site, and those must land) and transliterated ASCII words (`heading_ids = "ascii"`).

use crate::model::HeadingIds;

/// The id `style` makes of a heading's visible text (before any de-duplication).
pub fn heading_id(text: &str, style: HeadingIds) -> String {
    match style {
        HeadingIds::Github => github_slugger::slug(text),
        HeadingIds::Ascii => slugify(text),
    }
}

/// Lowercase ASCII words joined by `-`: "Quand escalader ?" gives `quand-escalader`.
/// Text with no Latin transliteration (e.g. only punctuation) keeps its letters as they are.
pub fn slugify(text: &str) -> String {
    // Transliterating Japanese or Chinese gives unreadable ids; keep their own letters.
    if text.chars().any(|c| matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)) {
        return join_words(text);
    }
    let slug = if text.is_ascii() {
        join_words(text)
    } else {
        join_words(&deunicode::deunicode(text))
    };
    if slug.is_empty() {
        join_words(text)
    } else {
        slug
    }
}

/// Built in one string: every heading of a big site goes through here.
fn join_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let words = text.split(|c: char| !c.is_alphanumeric());
    for word in words.filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        if word.is_ascii() {
            let start = out.len();
            out.push_str(word);
            out[start..].make_ascii_lowercase();
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{heading_id, slugify};
    use crate::model::HeadingIds;

    /// Ids as GitHub shows them for these headings (github-slugger's algorithm):
    /// lowercase, punctuation and symbols dropped, each space a `-`, nothing collapsed.
    #[test]
    fn github_ids() {
        let cases = [
            ("Dépannage", "dépannage"),
            ("The -- operator", "the----operator"),
            ("The `--` operator", "the----operator"),
            ("macro_rules", "macro_rules"),
            ("Rc<T>", "rct"),
            ("Rc<T> and friends", "rct-and-friends"),
            ("What's new in 2.0?", "whats-new-in-20"),
            ("Quand escalader ?", "quand-escalader-"),
            ("  Leading and trailing  ", "--leading-and-trailing--"),
            ("C++ & C#", "c--c"),
            ("Foo.Bar", "foobar"),
            ("優先度の選び方", "優先度の選び方"),
            ("Emoji 🎉 party", "emoji--party"),
            ("Schöne Grüße", "schöne-grüße"),
            ("«\u{202f}Citation\u{202f}»", "citation"),
            ("1. Introduction", "1-introduction"),
            ("API v2 (beta)", "api-v2-beta"),
        ];
        for (text, id) in cases {
            assert_eq!(heading_id(text, HeadingIds::Github), id, "{text:?}");
        }
        assert_eq!(heading_id("Dépannage", HeadingIds::Ascii), "depannage");
    }

    #[test]
    fn ascii_words() {
        assert_eq!(slugify("Quand escalader ?"), "quand-escalader");
        assert_eq!(
            slugify("Après l'ouverture d'un P1"),
            "apres-l-ouverture-d-un-p1"
        );
        assert_eq!(slugify("  C'est   «  fini » "), "c-est-fini");
        assert_eq!(slugify("優先度の選び方"), "優先度の選び方");
    }
}
