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

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::locale::{Messages, Texts};
use crate::model::Site;
use crate::output::Sink;
use crate::render::html::UrlMap;

use compact_str::CompactString;
use rust_stemmers::Stemmer;
use sections::Section;

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

/// The index files of every locale. Each locale indexes its pages in one pass on one
/// thread (a word costs one hash lookup; nothing to merge afterwards) and hands each
/// file to `sink` as soon as it is complete; locales run side by side, and beside the
/// website.
pub fn index(site: &Site, messages: &Messages, sink: &dyn Sink) {
    let urls = UrlMap::new(site);
    site.config
        .locales
        .par_iter()
        .for_each(|locale| locale_index(site, messages, &urls, locale, sink));
}

fn locale_index(site: &Site, messages: &Messages, urls: &UrlMap, locale: &str, sink: &dyn Sink) {
    let texts = Texts::new(messages, locale);
    let folder = format!("search/{locale}/");
    let mut vocabulary = Vocabulary::new(terms::stemmer(locale));
    let mut pages: Vec<(String, &str)> = Vec::new();
    let mut starts = Vec::new();
    let mut chunk: Vec<Doc> = Vec::with_capacity(CHUNK);
    let mut chunks = 0;
    let mut put_chunk = |chunk: &mut Vec<Doc>| {
        sink.put(format!("{folder}d{chunks}.json"), docs_json(chunk));
        chunks += 1;
        chunk.clear();
    };
    let mut sections_total = 0u32;
    for page in site.pages_of(locale).filter(|p| p.fallback.is_none()) {
        let index = pages.len() as u32;
        starts.push(sections_total);
        for (i, section) in sections::sections(page, site, &texts)
            .into_iter()
            .enumerate()
        {
            if i == 0 {
                vocabulary.add_text(&page.front.title, sections_total, TITLE_WEIGHT);
            }
            vocabulary.add_text(&section.heading, sections_total, HEADING_WEIGHT);
            vocabulary.add_text(&section.text, sections_total, 1);
            chunk.push(doc(index, section));
            sections_total += 1;
            if chunk.len() == CHUNK {
                put_chunk(&mut chunk);
            }
        }
        pages.push((urls.to_folder("", &page.url), &page.front.title));
    }
    if !chunk.is_empty() {
        put_chunk(&mut chunk);
    }
    let (width, shards) = vocabulary.write_shards(&folder, sink);
    let meta = Meta {
        pages: pages
            .iter()
            .map(|(href, title)| [href.as_str(), title])
            .collect(),
        starts,
        sections: sections_total as usize,
        chunk: CHUNK,
        width,
        shards: shards.iter().map(String::as_str).collect(),
    };
    sink.put(format!("{folder}meta.json"), json(&meta));
}

/// A stem's `(section, weight)` pairs, sections ascending, as LEB128 varints of the
/// gap from the previous section and the weight: a tenth of the memory of the pairs
/// themselves on a big site. The last pair stays open while its section may still
/// add weight.
#[derive(Default)]
struct Postings {
    closed: Vec<u8>,
    /// The section of the last closed pair (gaps count from it).
    closed_section: u32,
    open: Option<(u32, u32)>,
}

impl Postings {
    fn add(&mut self, section: u32, weight: u32) {
        match &mut self.open {
            Some((s, total)) if *s == section => *total += weight,
            _ => {
                if let Some((s, w)) = self.open.replace((section, weight)) {
                    push_varint(&mut self.closed, s - self.closed_section);
                    push_varint(&mut self.closed, w);
                    self.closed_section = s;
                }
            }
        }
    }

    /// `(gap from the previous section, weight)` pairs, in order.
    fn gaps(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut bytes = self.closed.as_slice();
        let closed = std::iter::from_fn(move || {
            let gap = read_varint(&mut bytes)?;
            Some((gap, read_varint(&mut bytes)?))
        });
        let open = (self.open).map(|(s, w)| (s - self.closed_section, w));
        closed.chain(open)
    }
}

fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_varint(bytes: &mut &[u8]) -> Option<u32> {
    let mut value = 0u32;
    for shift in (0..35).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(value);
        }
    }
    None
}

/// A locale's terms as its pages are read: every distinct lowercased word leads to its
/// stem (stemmed and folded once, when first met), and postings are kept per stem, so
/// words that share a stem share a list from the start.
struct Vocabulary {
    stemmer: Option<Stemmer>,
    /// Lowercased word -> stem id. Short words are kept inline in the table: the
    /// lookup, once per word of the locale, then reads no second cache line.
    words: HashMap<CompactString, u32>,
    stem_ids: HashMap<CompactString, u32>,
    /// Per stem id: the folded stem and its postings (sections come in order).
    stems: Vec<(CompactString, Postings)>,
    /// Folded words whose stem differs, with that stem's id: a query word found
    /// verbatim gets its stem.
    variants: Vec<(CompactString, u32)>,
    scratch: String,
}

impl Vocabulary {
    fn new(stemmer: Option<Stemmer>) -> Self {
        Vocabulary {
            stemmer,
            words: HashMap::default(),
            stem_ids: HashMap::default(),
            stems: Vec::new(),
            variants: Vec::new(),
            scratch: String::new(),
        }
    }

    fn add_text(&mut self, text: &str, section: u32, weight: u32) {
        let mut scratch = std::mem::take(&mut self.scratch);
        terms::each_term(text, &mut scratch, &mut |word| {
            self.add(word, section, weight)
        });
        self.scratch = scratch;
    }

    fn add(&mut self, word: &str, section: u32, weight: u32) {
        let id = match self.words.get(word) {
            Some(&id) => id,
            None => {
                let id = self.stem_of(word);
                self.words.insert(word.into(), id);
                id
            }
        };
        self.stems[id as usize].1.add(section, weight);
    }

    /// The id of a new word's stem; notes the word if it differs from its stem.
    fn stem_of(&mut self, word: &str) -> u32 {
        let is_cjk = word.chars().next().is_some_and(terms::is_cjk);
        let folded = terms::fold(word);
        let stem = match &self.stemmer {
            Some(stemmer) if !is_cjk => terms::fold(&stemmer.stem(word)),
            _ => folded.clone(),
        };
        let id = match self.stem_ids.get(stem.as_str()) {
            Some(&id) => id,
            None => {
                let id = self.stems.len() as u32;
                self.stem_ids.insert(stem.clone(), id);
                self.stems.push((stem.clone(), Postings::default()));
                id
            }
        };
        if folded != stem {
            self.variants.push((folded, id));
        }
        id
    }

    /// Writes the `t<key>.json` shards, in key order; returns the key width and the
    /// keys.
    fn write_shards(self, folder: &str, sink: &dyn Sink) -> (usize, Vec<String>) {
        let width = if self.stems.len() < NARROW_SHARDS {
            1
        } else {
            2
        };
        let stems = self.stems_by_shard(width);
        let variants = self.variants_by_shard(width);
        let mut keys: Vec<&str> = (stems.iter().map(|(key, _)| key.as_str()))
            .chain(variants.iter().map(|(key, ..)| key.as_str()))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let (mut s, mut v) = (0, 0);
        for key in &keys {
            let s_end = s + stems[s..].iter().take_while(|(k, _)| k == key).count();
            let v_end = v + variants[v..].iter().take_while(|(k, ..)| k == key).count();
            let json = self.shard_json(&stems[s..s_end], &variants[v..v_end]);
            sink.put(format!("{folder}t{key}.json"), json);
            (s, v) = (s_end, v_end);
        }
        (width, keys.into_iter().map(String::from).collect())
    }

    /// Stem ids by shard key, then stem.
    fn stems_by_shard(&self, width: usize) -> Vec<(String, usize)> {
        let mut stems: Vec<(String, usize)> = (self.stems.iter().enumerate())
            .map(|(id, (stem, _))| (terms::shard_key(stem, width), id))
            .collect();
        stems.sort_unstable_by(|(a_key, a), (b_key, b)| {
            (a_key, &self.stems[*a].0).cmp(&(b_key, &self.stems[*b].0))
        });
        stems
    }

    /// `(shard key, word, stem)` by key, then word.
    fn variants_by_shard(&self, width: usize) -> Vec<(String, &str, &str)> {
        let mut variants: Vec<(String, &str, &str)> = (self.variants.iter())
            .map(|(word, id)| {
                let stem = &*self.stems[*id as usize].0;
                (terms::shard_key(word, width), word.as_str(), stem)
            })
            .collect();
        // Two spellings may fold alike ("évite", "evite"): the first in order wins.
        variants.sort_unstable();
        variants.dedup_by(|a, b| a.1 == b.1);
        variants
    }

    /// `{"s":{stem:[postings]},"w":{word:stem}}`, written as it goes: the biggest
    /// files of the index, not worth building a JSON tree for.
    fn shard_json(&self, stems: &[(String, usize)], variants: &[(String, &str, &str)]) -> Vec<u8> {
        let mut out = Vec::with_capacity(stems.len() * 24 + variants.len() * 20);
        out.extend_from_slice(b"{\"s\":{");
        for (i, (_, id)) in stems.iter().enumerate() {
            let (stem, list) = &self.stems[*id];
            separate(&mut out, i);
            push_json(&mut out, stem);
            out.push(b':');
            push_postings(&mut out, list);
        }
        out.extend_from_slice(b"},\"w\":{");
        for (i, (_, word, stem)) in variants.iter().enumerate() {
            separate(&mut out, i);
            push_json(&mut out, word);
            out.push(b':');
            push_json(&mut out, stem);
        }
        out.extend_from_slice(b"}}");
        out
    }
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

fn doc(page: u32, section: Section) -> Doc {
    Doc {
        page,
        excerpt: excerpt(&section.text),
        anchor: section.anchor,
        heading: section.heading,
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

/// `[[page, anchor, heading, excerpt], ...]` for one `d<n>.json` file.
fn docs_json(docs: &[Doc]) -> Vec<u8> {
    let rows: Vec<(u32, &str, &str, &str)> = docs
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
    json(&rows)
}

/// `[doc, weight, ...]` with each doc as the gap from the previous one.
fn push_postings(out: &mut Vec<u8>, postings: &Postings) {
    let mut numbers = itoa::Buffer::new();
    out.push(b'[');
    for (i, (gap, weight)) in postings.gaps().enumerate() {
        separate(out, i);
        out.extend_from_slice(numbers.format(gap).as_bytes());
        out.push(b',');
        out.extend_from_slice(numbers.format(weight).as_bytes());
    }
    out.push(b']');
}

fn push_json(out: &mut Vec<u8>, text: &str) {
    serde_json::to_writer(out, text).expect("a string serializes");
}

/// A comma before every item of a JSON list or object but the first.
fn separate(out: &mut Vec<u8>, item: usize) {
    if item > 0 {
        out.push(b',');
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
        let mut vocabulary = Vocabulary::new(terms::stemmer("en"));
        vocabulary.add_text("escalate", 2, 1);
        vocabulary.add_text("escalation", 2, 3);
        vocabulary.add_text("escalated", 5, 1);
        vocabulary.add_text("Escalate", 9, 6);
        vocabulary.add_text("escalates", 300, 2);
        let [(stem, list)] = vocabulary.stems.as_slice() else {
            panic!("one stem")
        };
        let mut out = Vec::new();
        push_postings(&mut out, list);
        assert_eq!(&**stem, "escal");
        assert_eq!(String::from_utf8(out).unwrap(), "[2,4,3,1,4,6,291,2]");
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
