//! The back-of-book index: the terms a locale's pages mark (`[escalade]{.index}`,
//! front matter `index = [...]`), gathered in reading order, sorted by the Unicode
//! Collation Algorithm (feruca, CLDR root order: French accents and German umlauts
//! sort with their base letter, kana in gojūon order) and grouped by initial. A
//! Japanese term sorts and groups by its reading (`優先度|ゆうせんど`), by the kana
//! row of its first sound (あ か さ た な は ま や ら わ). The PDF and the website
//! typeset the same groups.

use std::cmp::Ordering;

use feruca::Collator;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Block, Inline, Page, Pos, Site};

/// One place a term is marked.
#[derive(Debug, Clone, PartialEq)]
pub struct Place<'a> {
    pub page: &'a Page,
    /// The mark's id in the page; `None` for a term of the front matter (the page's top).
    pub id: Option<&'a str>,
    /// The heading the mark falls under (id and text), if any.
    pub section: Option<(&'a str, String)>,
    /// Where the mark (or the front matter's `index`) is written.
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    pub term: String,
    /// What the entry sorts by: the reading when it has one, else the term.
    pub sort_key: String,
    pub places: Vec<Place<'a>>,
}

/// The entries under one heading letter (or kana row).
#[derive(Debug, Clone, PartialEq)]
pub struct Group<'a> {
    pub label: String,
    pub entries: Vec<Entry<'a>>,
}

/// The index of `locale`: empty when its pages mark no term.
pub fn gather<'a>(site: &'a Site, locale: &'a str) -> Vec<Group<'a>> {
    let mut entries: Vec<Entry<'a>> = Vec::new();
    // A page shown in another locale's words (a fallback) files nothing in this one's index.
    let pages = site.pages_of(locale).filter(|p| p.fallback.is_none());
    for page in pages.filter(|p| p.may_mark_terms || !p.front.index.is_empty()) {
        for term in &page.front.index {
            let (term, reading) = split(term);
            add(
                &mut entries,
                term,
                reading,
                Place {
                    page,
                    id: None,
                    section: None,
                    pos: page.front.index_pos,
                },
            );
        }
        let mut section = None;
        let mut marks = Vec::new();
        walk_blocks(&page.blocks, &mut section, &mut marks);
        for note in &page.footnotes {
            walk_blocks(&note.blocks, &mut section, &mut marks);
        }
        for (mark, section) in marks {
            add(
                &mut entries,
                mark.term.clone(),
                mark.reading.clone(),
                Place {
                    page,
                    id: Some(&mark.id),
                    section,
                    pos: mark.pos,
                },
            );
        }
    }
    group(entries)
}

/// Sorts `entries` by collation and groups them by initial.
pub fn group(mut entries: Vec<Entry<'_>>) -> Vec<Group<'_>> {
    let mut collator = Collator::default();
    entries.sort_by(|a, b| compare(&mut collator, a, b));
    let mut groups: Vec<Group> = Vec::new();
    for entry in entries {
        let label = initial(&mut collator, &entry.sort_key);
        match groups.iter_mut().find(|g| g.label == label) {
            Some(group) => group.entries.push(entry),
            None => groups.push(Group {
                label,
                entries: vec![entry],
            }),
        }
    }
    groups
}

/// Warns about a Japanese term written in kanji without its reading: it would sort
/// after every kana word, under a heading of its own first character.
pub fn check_readings(locale: &str, groups: &[Group], diagnostics: &Diagnostics) {
    if locale.split(['-', '_']).next() != Some("ja") {
        return;
    }
    let han = |c: char| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}');
    for entry in groups.iter().flat_map(|g| &g.entries) {
        if !entry.sort_key.chars().any(han) {
            continue;
        }
        let Some(place) = entry.places.first() else {
            continue;
        };
        let message = format!(
            "the index term `{}` has no reading: it sorts after every kana word",
            entry.term
        );
        diagnostics.push(
            Diagnostic::warning(&place.page.source, place.pos, message).with_hint(format!(
                "give its reading in kana after a `|`: `{}|よみ`",
                entry.term
            )),
        );
    }
}

fn compare(collator: &mut Collator, a: &Entry, b: &Entry) -> Ordering {
    collator
        .collate(a.sort_key.as_str(), b.sort_key.as_str())
        .then_with(|| collator.collate(a.term.as_str(), b.term.as_str()))
        .then_with(|| a.term.cmp(&b.term))
}

/// The heads of the kana rows a Japanese index groups by.
const KANA_ROWS: [&str; 10] = ["あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ"];

/// The heading an entry sorting by `key` files under: its first letter without
/// accents, upper-case (`é` → E, `ä` → A); for kana, the head of its row (`ゆ` → や,
/// `ガ` → か); `0–9` for a number; the character itself for other scripts.
pub fn initial(collator: &mut Collator, key: &str) -> String {
    let Some(c) = key.chars().find(|c| c.is_alphanumeric()) else {
        return "#".to_string();
    };
    if c.is_numeric() {
        return "0–9".to_string();
    }
    if is_kana(c) {
        let mut one = [0u8; 4];
        let c = &*c.encode_utf8(&mut one);
        let row = KANA_ROWS
            .iter()
            .rev()
            .find(|row| collator.collate(**row, c) != Ordering::Greater);
        return row.unwrap_or(&KANA_ROWS[0]).to_string();
    }
    if c.is_ascii() || is_latin(c) {
        let base = deunicode::deunicode_char(c).unwrap_or("");
        if let Some(letter) = base.chars().find(|c| c.is_ascii_alphabetic()) {
            return letter.to_ascii_uppercase().to_string();
        }
    }
    c.to_uppercase().collect()
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9D}')
}

/// Latin letters with diacritics (Latin-1 Supplement to Latin Extended Additional).
fn is_latin(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// A front matter term into the term and its reading (a malformed reading was
/// reported when the page was read; the term alone is kept then).
fn split(written: &str) -> (String, Option<String>) {
    crate::model::split_reading(written).unwrap_or_else(|_| {
        let term = written.split('|').next().unwrap_or("").trim();
        (term.to_string(), None)
    })
}

/// Adds a place to its term's entry. Terms that differ only by case are one entry
/// (a sentence's first word is capitalised), shown in lower case when written so once;
/// so are terms that differ by their apostrophe (front matter keeps a straight one,
/// smart punctuation curls the text's).
fn add<'a>(entries: &mut Vec<Entry<'a>>, term: String, reading: Option<String>, place: Place<'a>) {
    if term.is_empty() {
        return;
    }
    let fold = |t: &str| t.to_lowercase().replace('\'', "’");
    let folded = fold(&term);
    if let Some(entry) = entries.iter_mut().find(|e| fold(&e.term) == folded) {
        if term.to_lowercase() == term && !term.contains('\'') {
            entry.term = term;
        }
        if let Some(reading) = reading
            && fold(&entry.sort_key) == folded
        {
            entry.sort_key = reading;
        }
        entry.places.push(place);
        return;
    }
    entries.push(Entry {
        sort_key: reading.unwrap_or_else(|| term.clone()),
        term,
        places: vec![place],
    });
}

type Found<'a> = Vec<(&'a crate::model::IndexMark, Option<(&'a str, String)>)>;

/// The heading a walk is under: its id and text, made plain only for the marks under it.
type Section<'a> = Option<(&'a str, &'a [Inline])>;

fn walk_blocks<'a>(blocks: &'a [Block], section: &mut Section<'a>, out: &mut Found<'a>) {
    for block in blocks {
        match block {
            Block::Heading { id, content, .. } => {
                *section = Some((id, content));
                walk_inlines(content, section, out);
            }
            Block::Paragraph(content) => walk_inlines(content, section, out),
            Block::List { items, .. } => {
                for item in items {
                    walk_blocks(&item.blocks, section, out);
                }
            }
            Block::Quote { blocks, .. } => walk_blocks(blocks, section, out),
            Block::Table(table) => {
                for cell in table.head.iter().chain(table.rows.iter().flatten()) {
                    walk_inlines(cell, section, out);
                }
            }
            Block::Image(figure) => {
                if let Some(caption) = &figure.caption {
                    walk_inlines(caption, section, out);
                }
            }
            Block::Code { .. } | Block::Rule | Block::Html(..) | Block::DecisionTree { .. } => {}
        }
    }
}

fn walk_inlines<'a>(inlines: &'a [Inline], section: &Section<'a>, out: &mut Found<'a>) {
    for inline in inlines {
        match inline {
            Inline::Indexed(mark) => {
                let heading = section.map(|(id, content)| (id, Inline::plain_text(content)));
                out.push((mark, heading));
                walk_inlines(&mark.content, section, out);
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                walk_inlines(c, section, out)
            }
            Inline::Link(link) => walk_inlines(&link.content, section, out),
            _ => {}
        }
    }
}

/// Page numbers as printed after an entry: each once, in order, runs of three or
/// more consecutive pages joined (`3, 7–9, 12`); each item is its text and the
/// page it links to (the first of a run).
pub fn page_runs(pages: &[usize]) -> Vec<(String, usize)> {
    let mut pages = pages.to_vec();
    pages.sort_unstable();
    pages.dedup();
    let mut out = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let mut j = i;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        if j >= i + 2 {
            out.push((format!("{}–{}", pages[i], pages[j]), pages[i]));
        } else {
            for &p in &pages[i..=j] {
                out.push((p.to_string(), p));
            }
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(terms: &[&str]) -> Vec<(String, Vec<String>)> {
        let entries = terms
            .iter()
            .map(|t| {
                let (term, reading) = split(t);
                Entry {
                    sort_key: reading.unwrap_or_else(|| term.clone()),
                    term,
                    places: Vec::new(),
                }
            })
            .collect();
        group(entries)
            .into_iter()
            .map(|g| (g.label, g.entries.into_iter().map(|e| e.term).collect()))
            .collect()
    }

    fn owned(groups: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        groups
            .iter()
            .map(|(l, e)| (l.to_string(), e.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn french_accents_sort_with_their_letter() {
        assert_eq!(
            sorted(&[
                "escalade",
                "été",
                "équipe",
                "Élévation",
                "effet",
                "fuseau",
                "P1",
                "écart"
            ]),
            owned(&[
                (
                    "E",
                    &["écart", "effet", "Élévation", "équipe", "escalade", "été"]
                ),
                ("F", &["fuseau"]),
                ("P", &["P1"]),
            ])
        );
    }

    #[test]
    fn german_umlauts_sort_with_their_vowel() {
        assert_eq!(
            sorted(&[
                "Übergabe",
                "Ablauf",
                "Ärger",
                "Zuständigkeit",
                "Uhrzeit",
                "Äußerung",
                "Sitzung",
                "Störung"
            ]),
            owned(&[
                ("A", &["Ablauf", "Ärger", "Äußerung"]),
                ("S", &["Sitzung", "Störung"]),
                ("U", &["Übergabe", "Uhrzeit"]),
                ("Z", &["Zuständigkeit"]),
            ])
        );
    }

    #[test]
    fn japanese_sorts_and_groups_by_reading() {
        assert_eq!(
            sorted(&[
                "優先度|ゆうせんど",
                "緊急|きんきゅう",
                "エスカレーション",
                "担当者|たんとうしゃ",
                "営業時間|えいぎょうじかん",
                "ライブセッション",
                "P1",
                "引き継ぎ|ひきつぎ",
                "技術サポート|ぎじゅつさぽーと",
            ]),
            owned(&[
                ("P", &["P1"]),
                ("あ", &["営業時間", "エスカレーション"]),
                ("か", &["技術サポート", "緊急"]),
                ("た", &["担当者"]),
                ("は", &["引き継ぎ"]),
                ("や", &["優先度"]),
                ("ら", &["ライブセッション"]),
            ])
        );
    }

    #[test]
    fn one_entry_whatever_the_case_or_the_apostrophe() {
        let page = Page {
            locale: "fr".into(),
            path: "p.md".into(),
            source: String::new(),
            front: Default::default(),
            title_id: None,
            url: "fr/p/".into(),
            blocks: Vec::new(),
            footnotes: Vec::new(),
            toc: Vec::new(),
            fallback: None,
            outdated: false,
            body_hash: String::new(),
            may_mark_terms: false,
            anchor_aliases: Vec::new(),
            changed_sections: Vec::new(),
            changed_blocks: Vec::new(),
        };
        let mut entries = Vec::new();
        for term in ["Canal d'escalade", "canal d’escalade", "canal d'escalade"] {
            let place = Place {
                page: &page,
                id: None,
                section: None,
                pos: Pos::default(),
            };
            add(&mut entries, term.to_string(), None, place);
        }
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].term, "canal d’escalade");
    }

    #[test]
    fn consecutive_pages_join_in_ranges() {
        let texts = |p: &[usize]| page_runs(p).into_iter().map(|r| r.0).collect::<Vec<_>>();
        assert_eq!(texts(&[31, 12, 15, 12]), ["12", "15", "31"]);
        assert_eq!(texts(&[12, 13, 14, 20, 21]), ["12–14", "20", "21"]);
        assert_eq!(page_runs(&[4, 5, 6])[0].1, 4);
    }
}
