//! The term files of a locale's index, from its stems: `t<key>.json`, the stems and
//! words whose folded form starts with the key's characters, with their postings and,
//! for a stem of several words, the sections of each word; and `e<key>.json`, the
//! words filed by what follows their first letter, for a query word whose first
//! letter is wrong (its own shard cannot hold what was meant).

use compact_str::CompactString;
use rayon::prelude::*;

use super::{Postings, SectionList, read_varint, terms};
use crate::output::Sink;

/// A locale's index terms: stems in order with their postings, and the folded words
/// whose stem differs (with that stem's index), so a query word found verbatim gets
/// its stem.
#[derive(Default)]
pub(super) struct Terms {
    pub(super) stems: Vec<(CompactString, Postings)>,
    pub(super) variants: Vec<(CompactString, u32)>,
    /// Per stem, in `stems`' order: each of its words with the sections that hold
    /// it, words in order, when the stem has several words (`gardens`,
    /// `gardening`); empty otherwise. The browser ranks a section holding the
    /// query word as written above one holding another word of its stem.
    pub(super) exact: Vec<Vec<(CompactString, SectionList)>>,
    /// The locale's words as written (folded), of three letters or more, without
    /// code identifiers or CJK pairs: what a typo in a first letter may have meant.
    pub(super) words: Vec<CompactString>,
}

impl Terms {
    /// Writes the `t<key>.json` and `e<key>.json` files, in key order; returns the
    /// key width and the keys. Every key listed has both files (empty where it
    /// files nothing), so that `meta.json` lists the keys once.
    pub(super) fn write_shards(self, folder: &str, sink: &dyn Sink) -> (usize, Vec<String>) {
        let width = if self.stems.len() < super::NARROW_SHARDS {
            1
        } else {
            2
        };
        let stems = self.stems_by_shard(width);
        let variants = self.variants_by_shard(width);
        let tails = self.tails_by_shard(width);
        // The lists are in key order: their keys are few once repeats are dropped.
        let mut keys: Vec<&str> = (stems.iter().map(|(key, _)| key.as_str()))
            .chain(variants.iter().map(|(key, ..)| key.as_str()))
            .chain(tails.iter().map(|(key, _)| key.as_str()))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let (mut s, mut v, mut e) = (0, 0, 0);
        let shards: Vec<_> = (keys.iter())
            .map(|key| {
                let s_end = s + stems[s..].iter().take_while(|(k, _)| k == key).count();
                let v_end = v + variants[v..].iter().take_while(|(k, ..)| k == key).count();
                let e_end = e + tails[e..].iter().take_while(|(k, _)| k == key).count();
                let shard = (key, &stems[s..s_end], &variants[v..v_end], &tails[e..e_end]);
                (s, v, e) = (s_end, v_end, e_end);
                shard
            })
            .collect();
        // The last locale to finish writes its shards alone: on every core.
        shards.par_iter().for_each(|(key, stems, variants, tails)| {
            sink.put(
                format!("{folder}t{key}.json"),
                self.shard_json(stems, variants),
            );
            sink.put(format!("{folder}e{key}.json"), tails_json(tails));
        });
        (width, keys.into_iter().map(String::from).collect())
    }

    /// Stem indexes by shard key, then stem. Stems are in order already, so sorting
    /// on the key and the index keeps them so within a shard (in place: a stable
    /// sort's buffer is half the list).
    fn stems_by_shard(&self, width: usize) -> Vec<(CompactString, usize)> {
        let mut stems: Vec<(CompactString, usize)> = (self.stems.iter().enumerate())
            .map(|(id, (stem, _))| (terms::shard_key(stem, width), id))
            .collect();
        stems.sort_unstable();
        stems
    }

    /// `(shard key, word, stem)` by key, then word.
    fn variants_by_shard(&self, width: usize) -> Vec<(CompactString, &str, &str)> {
        let mut variants: Vec<(CompactString, &str, &str)> = (self.variants.iter())
            .map(|(word, id)| {
                let stem = &*self.stems[*id as usize].0;
                (terms::shard_key(word, width), word.as_str(), stem)
            })
            .collect();
        // Two spellings may fold alike ("évite", "evite"): the first in order wins.
        variants.par_sort_unstable();
        variants.dedup_by(|a, b| a.1 == b.1);
        variants
    }

    /// `(key of the word after its first letter, word)`, by key, then word.
    fn tails_by_shard(&self, width: usize) -> Vec<(CompactString, &str)> {
        let mut tails: Vec<(CompactString, &str)> = (self.words.iter())
            .filter_map(|word| {
                let (first, _) = word.char_indices().nth(1)?;
                Some((terms::shard_key(&word[first..], width), word.as_str()))
            })
            .collect();
        tails.par_sort_unstable();
        tails.dedup();
        tails
    }

    /// `{"s":{stem:[postings]},"w":{word:stem},"x":{stem:{ending:[sections]}}}`,
    /// written as it goes: the biggest files of the index, not worth building a
    /// JSON tree for. `x` is there when a stem of the shard has several words; each
    /// word is named by what follows the stem in it (`"s"` for `gardens` under
    /// `garden`), or by `=` and the word when it does not begin with the stem.
    fn shard_json(
        &self,
        stems: &[(CompactString, usize)],
        variants: &[(CompactString, &str, &str)],
    ) -> Vec<u8> {
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
        out.push(b'}');
        let mut several = (stems.iter())
            .filter(|(_, id)| !self.exact[*id].is_empty())
            .peekable();
        if several.peek().is_some() {
            out.extend_from_slice(b",\"x\":{");
            for (i, (_, id)) in several.enumerate() {
                separate(&mut out, i);
                push_json(&mut out, &self.stems[*id].0);
                out.extend_from_slice(b":{");
                let stem = self.stems[*id].0.as_str();
                for (j, (word, sections)) in self.exact[*id].iter().enumerate() {
                    separate(&mut out, j);
                    // The word's ending after its stem (most words begin with it),
                    // or `=` and the whole word.
                    match word.strip_prefix(stem) {
                        Some(ending) => push_json(&mut out, ending),
                        None => push_json(&mut out, &format!("={word}")),
                    }
                    out.push(b':');
                    push_sections(&mut out, sections);
                }
                out.push(b'}');
            }
            out.push(b'}');
        }
        out.push(b'}');
        out
    }
}

/// `["word", ...]`: a tail file.
fn tails_json(tails: &[(CompactString, &str)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(tails.iter().map(|(_, w)| w.len() + 3).sum::<usize>() + 2);
    out.push(b'[');
    for (i, (_, word)) in tails.iter().enumerate() {
        separate(&mut out, i);
        push_json(&mut out, word);
    }
    out.push(b']');
    out
}

/// Sections ascending, each as the gap from the one before.
fn push_sections(out: &mut Vec<u8>, sections: &SectionList) {
    let mut numbers = itoa::Buffer::new();
    out.push(b'[');
    for (i, gap) in sections.gaps().enumerate() {
        separate(out, i);
        push_number(out, gap, &mut numbers);
    }
    out.push(b']');
}

/// `[doc, weight, ...]` with each doc as the gap from the previous one: the closed
/// pairs are that list already, as varints, so their bytes are read straight through.
pub(super) fn push_postings(out: &mut Vec<u8>, postings: &Postings) {
    let mut numbers = itoa::Buffer::new();
    out.reserve(postings.closed.len() * 2 + 16);
    out.push(b'[');
    let mut first = true;
    let mut push = |out: &mut Vec<u8>, number: u32| {
        if !std::mem::take(&mut first) {
            out.push(b',');
        }
        push_number(out, number, &mut numbers);
    };
    let mut bytes = postings.closed.as_slice();
    while let Some(number) = read_varint(&mut bytes) {
        push(out, number);
    }
    if let Some((section, weight)) = postings.open {
        push(out, section - postings.closed_section);
        push(out, weight);
    }
    out.push(b']');
}

/// Weights and most gaps are a digit or two (the shards are millions of them), so
/// those skip the formatter.
fn push_number(out: &mut Vec<u8>, number: u32, numbers: &mut itoa::Buffer) {
    match number {
        0..10 => out.push(b'0' + number as u8),
        10..100 => out.extend_from_slice(&[b'0' + (number / 10) as u8, b'0' + (number % 10) as u8]),
        _ => out.extend_from_slice(numbers.format(number).as_bytes()),
    }
}

pub(super) fn push_json(out: &mut Vec<u8>, text: &str) {
    serde_json::to_writer(out, text).expect("a string serializes");
}

/// A comma before every item of a JSON list or object but the first.
pub(super) fn separate(out: &mut Vec<u8>, item: usize) {
    if item > 0 {
        out.push(b',');
    }
}
