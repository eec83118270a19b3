//! Code identifiers as whole terms: `should_panic`, `std::io::Result` and `Vec<T>`
//! are indexed as written (lowercased, spaces dropped inside `<>`), beside the words
//! `terms::each_term` splits them into, so that a query for the identifier finds
//! only the sections that hold it. `static/search.js` reads identifiers out of a
//! query by the same rule (`identifiers` there); keep the two in step.
//!
//! The rule, on ASCII only: a run of letters, digits and `_` joined by `::`, holding
//! a `_` between two letters or digits or a `::`, or followed straight away by a
//! `<...>` of at most `GENERIC` characters without another `<`.
//!
//! Also where a page title's code stands (`title_spans`), for search.js to show it as
//! code in a result's title.

use crate::model::Inline;

/// Longest `<...>` part taken into an identifier.
const GENERIC: usize = 40;

/// Calls `found` with each identifier of `text`, lowercased, in order.
pub fn each_identifier(text: &str, found: &mut impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let special = |b: &u8| matches!(b, b'_' | b':' | b'<');
    // Most text has no `_`, `:` or `<` at all: one fast look, and nothing more.
    if !bytes.iter().any(special) {
        return;
    }
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if !is_ident(bytes[i]) || (i > 0 && is_ident(bytes[i - 1])) {
            // An identifier holds a `_` or `:` or is followed by a `<`: go straight to
            // the start of the run of letters, digits, `_` and `:` around the next one.
            // Code-heavy text has one of them somewhere, and words one by one cost a
            // twentieth of the search index's time.
            let Some(at) = bytes[i..].iter().position(special) else {
                return;
            };
            let mut start = i + at;
            while start > i && (is_ident(bytes[start - 1]) || bytes[start - 1] == b':') {
                start -= 1;
            }
            i = if start == i { i + 1 } else { start };
            continue;
        }
        let (end, taken) = identifier_at(text, i, &mut out);
        if taken {
            found(&out);
        }
        i = end;
    }
}

/// The word starting at `start` with what `::` joins to it, and where it ends (past
/// its `<...>` when it has one); whether it is an identifier, then written to `out`,
/// lowercased.
fn identifier_at(text: &str, start: usize, out: &mut String) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut joined = false;
    loop {
        while i < bytes.len() && is_ident(bytes[i]) {
            i += 1;
        }
        let more = bytes.get(i + 2).is_some_and(|&b| is_ident(b));
        if bytes[i..].starts_with(b"::") && more {
            joined = true;
            i += 2;
        } else {
            break;
        }
    }
    joined |= inner_underscore(&bytes[start..i]);
    let generic = generic_at(&text[i..]);
    if !joined && generic.is_none() {
        return (i, false);
    }
    out.clear();
    out.push_str(&text[start..i]);
    if let Some(generic) = generic {
        out.extend(generic.chars().filter(|c| !c.is_whitespace()));
        i += generic.len();
    }
    out.make_ascii_lowercase();
    (i, true)
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A `_` with a letter or digit on each side.
fn inner_underscore(name: &[u8]) -> bool {
    name.windows(3)
        .any(|w| w[1] == b'_' && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphanumeric())
}

/// `<...>` at the start of `rest`, of identifier characters, `::`, commas, spaces
/// and `&'`, with at least one letter or digit.
fn generic_at(rest: &str) -> Option<&str> {
    let body = rest.strip_prefix('<')?;
    let end = body.find('>')?;
    let inner = &body[..end];
    let allowed = |c: char| c.is_ascii_alphanumeric() || "_:, &'".contains(c);
    (end <= GENERIC
        && inner.chars().all(allowed)
        && inner.chars().any(|c| c.is_ascii_alphanumeric()))
    .then(|| &rest[..end + 2])
}

/// Whether an index term is an identifier (it is indexed as written, not stemmed).
pub fn is_identifier(term: &str) -> bool {
    term.contains(['_', ':', '<'])
}

/// Where the code of a title's inlines stands in its plain text `title`, as
/// `[start, end)` in UTF-16 units (search.js's string indexes), in order.
pub fn title_spans(title: &str, inlines: &[Inline]) -> Vec<[usize; 2]> {
    fn codes<'i>(inlines: &'i [Inline], out: &mut Vec<&'i str>) {
        for inline in inlines {
            match inline {
                Inline::Code(code) => out.push(code),
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => codes(c, out),
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    codes(inlines, &mut found);
    let mut spans = Vec::new();
    let mut from = 0;
    for code in found.into_iter().filter(|c| !c.is_empty()) {
        let Some(at) = title[from..].find(code).map(|i| i + from) else {
            continue;
        };
        let start = title[..at].encode_utf16().count();
        spans.push([start, start + code.encode_utf16().count()]);
        from = at + code.len();
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_titles_code_is_found_in_utf16_units() {
        let inlines = [
            Inline::Text("Été: ".into()),
            Inline::Emphasis(vec![Inline::Code("Rc<T>".into())]),
            Inline::Text(" 𝄞 ".into()),
            Inline::Code("T".into()),
        ];
        // "Été: " is 5 units; the clef takes 2.
        assert_eq!(title_spans("Été: Rc<T> 𝄞 T", &inlines), [[5, 10], [14, 15]]);
        assert!(title_spans("Plain", &[Inline::Text("Plain".into())]).is_empty());
    }

    fn identifiers(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_identifier(text, &mut |i| out.push(i.to_string()));
        out
    }

    #[test]
    fn snake_case_paths_and_generics_are_whole() {
        assert_eq!(
            identifiers("Mark it #[should_panic] or use macro_rules! here."),
            ["should_panic", "macro_rules"]
        );
        assert_eq!(
            identifiers("It returns Result<T, E> from std::io::Read, or Vec<u8>."),
            ["result<t,e>", "std::io::read", "vec<u8>"]
        );
        assert_eq!(identifiers("HashMap<&'a str, Vec<u8>>"), ["vec<u8>"]);
    }

    /// The rule tried at every word: the jump to the next `_`, `:` or `<` must find
    /// the same identifiers.
    fn every_word(text: &str) -> Vec<String> {
        let (bytes, mut out, mut name, mut i) = (text.as_bytes(), Vec::new(), String::new(), 0);
        while i < bytes.len() {
            if !is_ident(bytes[i]) || (i > 0 && is_ident(bytes[i - 1])) {
                i += 1;
                continue;
            }
            let (end, taken) = identifier_at(text, i, &mut name);
            if taken {
                out.push(name.clone());
            }
            i = end;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_jump_finds_what_every_word_finds(text in "[ab1_:<>, &'é.]{0,40}") {
            proptest::prop_assert_eq!(identifiers(&text), every_word(&text));
        }
    }

    #[test]
    fn prose_is_left_alone() {
        assert!(identifiers("Note: a < b, and c > d; __ or _x_ alone.").is_empty());
        assert!(identifiers("Plain words without any code.").is_empty());
        assert!(identifiers("Time 10:30, ratio 3::").is_empty());
    }
}
