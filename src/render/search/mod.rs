//! Search: a static full-text index per language, read by the theme's `search.js`.
//!
//! Built from the model (not by re-reading the HTML), one index per locale under
//! `search/<locale>/`:
//! - `meta.json`: the pages (link and title), where each page's sections start, and
//!   the list of term shards;
//! - `t<hex>.json`: the shard of terms whose folded form starts with those two
//!   characters: stems with their postings (section, weight; sections delta-coded),
//!   and the words whose stem differs, so a query word found verbatim gets its stem;
//! - `d<n>.json`: sections by chunk (page, anchor, heading, excerpt), fetched only for
//!   the results shown.
//!
//! A search downloads the metadata once, then one shard per query word: a site of
//! thousands of pages answers with a few dozen kilobytes. Fallback pages are left out:
//! they would answer a search in one language with another's text.

mod sections;
mod terms;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::locale::{Messages, Texts};
use crate::model::{LinkStyle, Page, Site};
use crate::output::Output;

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

/// The index files of every locale.
pub fn index(site: &Site, messages: &Messages) -> Output {
    let built: Vec<Output> = site
        .config
        .locales
        .par_iter()
        .map(|locale| locale_index(site, messages, locale))
        .collect();
    let mut output = Output::default();
    for files in built {
        output.extend(files);
    }
    output
}

/// One page's part of the index, computed on its own (pages are indexed in parallel).
struct PageTerms {
    href: String,
    title: String,
    docs: Vec<Doc>,
    /// Per section, the weight of each lowercased word.
    weights: Vec<HashMap<String, u32>>,
}

#[derive(Serialize)]
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

#[derive(Default, Serialize)]
struct Shard {
    /// Stem -> `[section delta, weight, ...]`.
    s: BTreeMap<String, Vec<u32>>,
    /// Word -> stem, for words whose stem differs.
    w: BTreeMap<String, String>,
}

fn locale_index(site: &Site, messages: &Messages, locale: &str) -> Output {
    let texts = Texts::new(messages, locale);
    let pages: Vec<&Page> = site
        .pages_of(locale)
        .filter(|p| p.fallback.is_none())
        .collect();
    let indexed: Vec<PageTerms> = pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| page_terms(i as u32, page, site, &texts))
        .collect();

    let mut starts = Vec::with_capacity(indexed.len());
    let mut docs = Vec::new();
    let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
    for page in &indexed {
        starts.push(docs.len() as u32);
        for (j, weights) in page.weights.iter().enumerate() {
            let doc = (docs.len() + j) as u32;
            for (word, weight) in weights {
                postings
                    .entry(word.clone())
                    .or_default()
                    .push((doc, *weight));
            }
        }
        docs.extend(page.docs.iter());
    }
    let (width, shards) = shards(postings, locale);
    write_locale(locale, &indexed, &starts, &docs, width, &shards)
}

fn page_terms(index: u32, page: &Page, site: &Site, texts: &Texts) -> PageTerms {
    let href = match site.config.links {
        LinkStyle::File => format!("{}index.html", page.url),
        LinkStyle::Pretty => page.url.clone(),
    };
    let sections = sections::sections(page, site, texts);
    let mut docs = Vec::with_capacity(sections.len());
    let mut weights = Vec::with_capacity(sections.len());
    for (i, section) in sections.iter().enumerate() {
        let mut counts: HashMap<String, u32> = HashMap::new();
        add_words(&section.text, 1, &mut counts);
        add_words(&section.heading, HEADING_WEIGHT, &mut counts);
        if i == 0 {
            add_words(&page.front.title, TITLE_WEIGHT, &mut counts);
        }
        weights.push(counts);
        docs.push(doc(index, section));
    }
    PageTerms {
        href,
        title: page.front.title.clone(),
        docs,
        weights,
    }
}

fn add_words(text: &str, weight: u32, counts: &mut HashMap<String, u32>) {
    for token in terms::tokens(text) {
        let word = match token {
            Token::Word(w) => w,
            Token::Cjk(pair) => pair.into(),
        };
        match counts.get_mut(word.as_ref()) {
            Some(total) => *total += weight,
            None => {
                counts.insert(word.into_owned(), weight);
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
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() > EXCERPT {
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
        }
        out.push_str(word);
    }
    out
}

/// Stems every distinct word once, merges the postings of words that share a stem,
/// and files stems and words by shard.
fn shards(
    postings: HashMap<String, Vec<(u32, u32)>>,
    locale: &str,
) -> (usize, BTreeMap<String, Shard>) {
    let mut words: Vec<(String, Vec<(u32, u32)>)> = postings.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
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

    let mut by_stem: BTreeMap<&str, Vec<(u32, u32)>> = BTreeMap::new();
    for ((_, stem), (_, list)) in stemmed.iter().zip(&words) {
        by_stem.entry(stem).or_default().extend_from_slice(list);
    }
    let width = if by_stem.len() < NARROW_SHARDS { 1 } else { 2 };
    let mut shards: BTreeMap<String, Shard> = BTreeMap::new();
    for (folded, stem) in &stemmed {
        if folded != stem {
            shards
                .entry(terms::shard_key(folded, width))
                .or_default()
                .w
                .entry(folded.clone())
                .or_insert_with(|| stem.clone());
        }
    }
    for (stem, mut list) in by_stem {
        list.sort_unstable_by_key(|&(doc, _)| doc);
        shards
            .entry(terms::shard_key(stem, width))
            .or_default()
            .s
            .insert(stem.to_string(), delta_coded(&list));
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
    pages: &[PageTerms],
    starts: &[u32],
    docs: &[&Doc],
    width: usize,
    shards: &BTreeMap<String, Shard>,
) -> Output {
    let mut output = Output::default();
    let folder = format!("search/{locale}/");
    let meta = Meta {
        pages: pages
            .iter()
            .map(|p| [p.href.as_str(), p.title.as_str()])
            .collect(),
        starts: starts.to_vec(),
        sections: docs.len(),
        chunk: CHUNK,
        width,
        shards: shards.keys().map(String::as_str).collect(),
    };
    output.insert(format!("{folder}meta.json"), json(&meta));
    for (key, shard) in shards {
        output.insert(format!("{folder}t{key}.json"), json(shard));
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
