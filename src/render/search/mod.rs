//! Search: a static full-text index per language, read by the theme's `search.js`.
//!
//! Built from the model (not by re-reading the HTML), one index per locale under
//! `search/<locale>/`:
//! - `meta.json`: the pages (link and title), where each page's sections start, and
//!   the list of term shards;
//! - `t<hex>.json`: the shard of terms whose folded form starts with those characters
//!   (the first one on small sites, two on large ones): stems with their postings
//!   (section, weight; sections delta-coded), and the words whose stem differs, so a
//!   query word found verbatim gets its stem;
//! - `d<n>.json`: sections by chunk (page, anchor, heading, excerpt), fetched only for
//!   the results shown.
//!
//! A search downloads the metadata once, then one shard per query word: a site of
//! thousands of pages answers with a few dozen kilobytes. Fallback pages are left out:
//! they would answer a search in one language with another's text.

mod sections;
mod terms;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::locale::{Messages, Texts};
use crate::model::{Page, Site};
use crate::output::{Output, Sink};
use crate::render::html::UrlMap;

use sections::Section;
use terms::Token;

/// Sections per `d<n>.json` file.
const CHUNK: usize = 128;
/// Below this many distinct stems a locale's terms are filed by their first character
/// (a few dozen files), above it by their first two (shards stay small on big sites).
const NARROW_SHARDS: usize = 4000;
/// Characters of section text shown under a result.
const EXCERPT: usize = 180;
/// Extra weight of a word in the page title (on the page's first section) and in a
/// section's heading, over one occurrence in the text.
const TITLE_WEIGHT: u32 = 6;
const HEADING_WEIGHT: u32 = 3;

/// The index files of every locale. Locales go one after another (each indexes its
/// pages in parallel): side by side they took as long and held more memory.
pub fn index(site: &Site, messages: &Messages, sink: &dyn Sink) {
    let urls = UrlMap::new(site);
    for locale in &site.config.locales {
        sink.put_all(locale_index(site, messages, &urls, locale));
    }
}

/// Pages indexed together before their words join the locale's index: enough to
/// keep both cores busy, few enough that a big site's per-page maps never all
/// exist at once.
const BATCH: usize = 64;

/// One page's part of the index, computed on its own (pages are indexed in parallel).
struct PageTerms {
    href: String,
    title: String,
    docs: Vec<Doc>,
    /// Each lowercased word with its `(section within the page, weight)` list, in
    /// section order: one map per page keeps allocations few.
    words: HashMap<String, Vec<(u32, u32)>>,
}

struct Doc {
    page: u32,
    anchor: String,
    heading: String,
    excerpt: String,
}

#[derive(Serialize)]
struct Meta<'a> {
    /// `[link from the site root, title]` per page.
    pages: Vec<[&'a str; 2]>,
    /// The first section of each page; sections of a page are consecutive.
    starts: Vec<u32>,
    sections: usize,
    chunk: usize,
    /// How many leading characters name a term's shard (CJK: always one).
    width: usize,
    /// Shard names (hex keys) that exist, so the browser never asks for a missing one.
    shards: Vec<&'a str>,
}

/// One shard file's content, sorted: stems with their postings, and words whose stem
/// differs with that stem.
#[derive(Default)]
struct Shard {
    stems: Vec<(String, Vec<u32>)>,
    words: Vec<(String, String)>,
}

fn locale_index(site: &Site, messages: &Messages, urls: &UrlMap, locale: &str) -> Output {
    let texts = Texts::new(messages, locale);
    let pages: Vec<&Page> = site
        .pages_of(locale)
        .filter(|p| p.fallback.is_none())
        .collect();
    let mut starts = Vec::with_capacity(pages.len());
    let mut docs = Vec::new();
    let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::default();
    let mut lists = Vec::with_capacity(pages.len());
    for (batch, chunk) in pages.chunks(BATCH).enumerate() {
        let indexed: Vec<PageTerms> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, page)| {
                let href = urls.to_folder("", &page.url);
                page_terms((batch * BATCH + i) as u32, href, page, site, &texts)
            })
            .collect();
        add_pages(indexed, &mut starts, &mut docs, &mut postings, &mut lists);
    }
    let (width, shards) = shards(postings, locale);
    write_locale(locale, &lists, &starts, &docs, width, &shards)
}

/// Adds pages (in order) to the locale's index.
fn add_pages(
    indexed: Vec<PageTerms>,
    starts: &mut Vec<u32>,
    docs: &mut Vec<Doc>,
    postings: &mut HashMap<String, Vec<(u32, u32)>>,
    lists: &mut Vec<(String, String)>,
) {
    for page in indexed {
        let first = docs.len() as u32;
        starts.push(first);
        // Pages come in order, so every word's sections stay sorted; keys and lists
        // move into the index rather than being copied.
        for (word, mut list) in page.words {
            for entry in &mut list {
                entry.0 += first;
            }
            match postings.get_mut(&word) {
                Some(all) => all.extend_from_slice(&list),
                None => {
                    postings.insert(word, list);
                }
            }
        }
        docs.extend(page.docs);
        lists.push((page.href, page.title));
    }
}

fn page_terms(index: u32, href: String, page: &Page, site: &Site, texts: &Texts) -> PageTerms {
    let sections = sections::sections(page, site, texts);
    let mut docs = Vec::with_capacity(sections.len());
    let mut words = HashMap::default();
    for (i, section) in sections.iter().enumerate() {
        let i = i as u32;
        if i == 0 {
            add_words(&page.front.title, i, TITLE_WEIGHT, &mut words);
        }
        add_words(&section.heading, i, HEADING_WEIGHT, &mut words);
        add_words(&section.text, i, 1, &mut words);
        docs.push(doc(index, section));
    }
    PageTerms {
        href,
        title: page.front.title.clone(),
        docs,
        words,
    }
}

fn add_words(text: &str, section: u32, weight: u32, words: &mut HashMap<String, Vec<(u32, u32)>>) {
    for token in terms::tokens(text) {
        let word = match token {
            Token::Word(w) => w,
            Token::Cjk(pair) => pair.into(),
        };
        match words.get_mut(word.as_ref()) {
            Some(list) => match list.last_mut() {
                Some((s, total)) if *s == section => *total += weight,
                _ => list.push((section, weight)),
            },
            None => {
                words.insert(word.into_owned(), vec![(section, weight)]);
            }
        }
    }
}

fn doc(page: u32, section: &Section) -> Doc {
    Doc {
        page,
        anchor: section.anchor.clone(),
        heading: section.heading.clone(),
        excerpt: excerpt(&section.text),
    }
}

/// The start of `text`, whitespace collapsed, cut after a word.
fn excerpt(text: &str) -> String {
    let mut out = String::with_capacity(EXCERPT + 8);
    let mut chars = 0;
    for word in text.split_whitespace() {
        let length = word.chars().count();
        if chars + length > EXCERPT {
            if out.is_empty() {
                out.extend(word.chars().take(EXCERPT));
            }
            // "…" ends the cut; a full stop or comma before it would be noise.
            let kept = out.trim_end_matches(['.', ',', ';', ':']).len();
            out.truncate(kept);
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += length;
    }
    out
}

/// Stems every distinct word once, merges the postings of words that share a stem,
/// and files stems and words by shard.
fn shards(
    postings: HashMap<String, Vec<(u32, u32)>>,
    locale: &str,
) -> (usize, BTreeMap<String, Shard>) {
    let words: Vec<(String, Vec<(u32, u32)>)> = postings.into_iter().collect();
    let stemmer = terms::stemmer(locale);
    let stemmed: Vec<(String, String)> = words
        .par_iter()
        .map(|(word, _)| {
            let is_cjk = word.chars().next().is_some_and(terms::is_cjk);
            let stem = match &stemmer {
                Some(stemmer) if !is_cjk => terms::fold(&stemmer.stem(word)),
                _ => terms::fold(word),
            };
            (terms::fold(word), stem)
        })
        .collect();

    let mut by_stem: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, (_, stem)) in stemmed.iter().enumerate() {
        by_stem.entry(stem).or_default().push(i);
    }
    let width = if by_stem.len() < NARROW_SHARDS { 1 } else { 2 };
    let mut shards: BTreeMap<String, Shard> = BTreeMap::new();
    for (stem, members) in by_stem {
        let list = match members.as_slice() {
            [one] => delta_coded(&words[*one].1),
            _ => {
                let mut all: Vec<(u32, u32)> = members
                    .iter()
                    .flat_map(|&i| words[i].1.iter().copied())
                    .collect();
                all.sort_unstable_by_key(|&(doc, _)| doc);
                delta_coded(&all)
            }
        };
        shards
            .entry(terms::shard_key(stem, width))
            .or_default()
            .stems
            .push((stem.to_string(), list));
    }
    for (folded, stem) in stemmed {
        if folded != stem {
            shards
                .entry(terms::shard_key(&folded, width))
                .or_default()
                .words
                .push((folded, stem));
        }
    }
    for shard in shards.values_mut() {
        shard.stems.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Two spellings may fold alike ("évite", "evite"): the first in order wins.
        shard.words.sort_unstable();
        shard.words.dedup_by(|a, b| a.0 == b.0);
    }
    (width, shards)
}

/// `[doc, weight, ...]` with each doc as the gap from the previous one, and the
/// weights of a doc reached through several words summed.
fn delta_coded(list: &[(u32, u32)]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(list.len() * 2);
    let mut previous: Option<u32> = None;
    for &(doc, weight) in list {
        if previous == Some(doc) {
            *out.last_mut().expect("a weight follows each doc") += weight;
            continue;
        }
        out.push(doc - previous.unwrap_or(0));
        out.push(weight);
        previous = Some(doc);
    }
    out
}

fn write_locale(
    locale: &str,
    pages: &[(String, String)],
    starts: &[u32],
    docs: &[Doc],
    width: usize,
    shards: &BTreeMap<String, Shard>,
) -> Output {
    let mut output = Output::default();
    let folder = format!("search/{locale}/");
    let meta = Meta {
        pages: pages
            .iter()
            .map(|(href, title)| [href.as_str(), title.as_str()])
            .collect(),
        starts: starts.to_vec(),
        sections: docs.len(),
        chunk: CHUNK,
        width,
        shards: shards.keys().map(String::as_str).collect(),
    };
    output.insert(format!("{folder}meta.json"), json(&meta));
    for (key, shard) in shards {
        output.insert(format!("{folder}t{key}.json"), shard.to_json());
    }
    for (n, chunk) in docs.chunks(CHUNK).enumerate() {
        let rows: Vec<(u32, &str, &str, &str)> = chunk
            .iter()
            .map(|d| {
                (
                    d.page,
                    d.anchor.as_str(),
                    d.heading.as_str(),
                    d.excerpt.as_str(),
                )
            })
            .collect();
        output.insert(format!("{folder}d{n}.json"), json(&rows));
    }
    output
}

impl Shard {
    /// `{"s":{stem:[postings]},"w":{word:stem}}`, written as it goes: the biggest
    /// files of the index, not worth building a JSON tree for.
    fn to_json(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.stems.len() * 24 + self.words.len() * 20);
        out.extend_from_slice(b"{\"s\":{");
        for (i, (stem, postings)) in self.stems.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(&json(stem));
            out.push(b':');
            out.extend_from_slice(&json(postings));
        }
        out.extend_from_slice(b"},\"w\":{");
        for (i, (word, stem)) in self.words.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(&json(word));
            out.push(b':');
            out.extend_from_slice(&json(stem));
        }
        out.extend_from_slice(b"}}");
        out
    }
}

fn json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("plain maps and strings serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_gaps_with_weights_summed_per_section() {
        assert_eq!(
            delta_coded(&[(2, 1), (2, 3), (5, 1), (9, 6)]),
            [2, 4, 3, 1, 4, 6]
        );
    }

    #[test]
    fn excerpts_stop_after_a_word() {
        let long = "mot ".repeat(100);
        let cut = excerpt(&long);
        assert!(cut.ends_with("mot…"), "{cut}");
        assert!(cut.chars().count() <= EXCERPT + 1);
        assert_eq!(
            excerpt("Deux  phrases.\nCourtes."),
            "Deux phrases. Courtes."
        );
        assert_eq!(
            excerpt(&format!("{} fin.", "a".repeat(178))).chars().last(),
            Some('…')
        );
    }
}
