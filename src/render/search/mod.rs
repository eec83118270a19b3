//! Search: a static full-text index per language, read by the theme's `search.js`.
//!
//! Built from the model (not by re-reading the HTML), one index per locale under
//! `search/<locale>/`:
//! - `meta.json`: the pages (link and title), where each page's sections start, and
//!   the list of term shards;
//! - `t<hex>.json`: the shard of terms whose folded form starts with those characters
//!   (the first one on small sites, two on large ones): stems with their postings
//!   (section, weight; sections delta-coded), and the words whose stem differs, so a
//!   query word found verbatim gets its stem; for a stem of several words, the
//!   sections of each (`shards`), so that the word as written ranks above its stem;
//! - `e<hex>.json`: the words filed by what follows their first letter, fetched only
//!   for a query word that finds nothing in its own shard (a typo in a first letter);
//! - `d<n>.json`: sections by chunk (page, anchor, heading, text), fetched only for
//!   the results shown. A chunk holds consecutive sections up to `CHUNK_BYTES`
//!   (`BIG_CHUNK_BYTES` in a locale of thousands of pages; one section at least), so
//!   the browser can cut an excerpt around the best match anywhere in a section while
//!   a result costs a few kilobytes; `meta.json` lists the first section of each
//!   chunk.
//!
//! A search downloads the metadata once, then one shard per query word: a site of
//! thousands of pages answers with a few dozen kilobytes. Fallback pages are left out:
//! they would answer a search in one language with another's text.
//!
//! How it is built, for speed on large sites: a locale's pages are indexed in parts
//! on every core, each part keeping its distinct words with their postings in one
//! table; parts merge in page order as they complete, and each word is stemmed once,
//! at the end.

mod code;
mod sections;
mod shards;
mod terms;
mod words;

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use serde::Serialize;

use crate::locale::{Messages, Texts};
use crate::model::{Page, Site};
use crate::output::Sink;
use crate::render::html::UrlMap;

use compact_str::CompactString;
use rust_stemmers::Stemmer;
use sections::Section;
use shards::{Terms, push_json, separate};
use smallvec::SmallVec;

/// Bytes of rows per `d<n>.json` file, past which the next section starts a new file
/// (a longer section is a file of its own): small enough that the few results shown
/// fetch little beyond their own text.
const CHUNK_BYTES: usize = 1024;
/// The same for a locale of more than `BIG_LOCALE` pages: about one block of the file
/// system. Every file takes a whole 4 KiB block on disk (a 4 KiB page on tmpfs), and
/// at 20,000 x 3 the 1 KiB files were 530,000, three quarters of their room empty: the
/// build's system time fell from 10.8 to 5-8 s with this budget. On such a site a cold
/// query's `meta.json` is hundreds of kilobytes, so the larger excerpts it fetches
/// weigh little; on a small one they would have made a cold query's index bytes 59 %
/// heavier (search evaluation: 4.4 KB to 7.0 KB) for no gain.
const BIG_CHUNK_BYTES: usize = 4000;
const BIG_LOCALE: usize = 4000;
/// Characters of a section's text kept for its excerpt: a section longer than this
/// (a long listing under one heading) is cut, and a match past it shows the start.
const TEXT_KEPT: usize = 6000;
/// Below this many distinct stems a locale's terms are filed by their first character
/// (a few dozen files), above it by their first two (shards stay small on big sites).
const NARROW_SHARDS: usize = 4000;
/// A posting's weight is `count << 2 | fields`: how often the stem occurs in the
/// section's text, and whether it is in the page title (on the page's first section)
/// or the section's heading. Fields are flags, not extra occurrences, so that the
/// browser weighs them on their own (BM25 on the text's count, then a field bonus).
const TEXT: u32 = 1 << 2;
const IN_TITLE: u32 = 2;
const IN_HEADING: u32 = 1;
const FIELDS: u32 = IN_TITLE | IN_HEADING;

/// Pages per indexing task. A locale's pages are indexed in parts on every core,
/// then the parts' words are merged (a few lookups per distinct word): one locale
/// on one thread would finish long after the website on a big site.
const PAGES_PER_PART: usize = 256;

/// The index files of every locale, handed to `sink` as they are complete. Every
/// part of every locale is a task of its own, so the cores share them however the
/// website leaves them free; the task that merges a locale's last part finishes that
/// locale (its terms and shards), while the other parts and the website go on.
pub fn index(site: &Site, messages: &Messages, sink: &dyn Sink) {
    let urls = UrlMap::new(site);
    let shared = Shared {
        site,
        urls: &urls,
        tables: &Tables::default(),
        sink,
    };
    let locales: Vec<LocaleIndex> = (site.config.locales.iter())
        .map(|locale| LocaleIndex::new(&shared, messages, locale))
        .collect();
    // Parts are handed out in order (`par_bridge`), not split among the threads as
    // `par_iter` splits them (the second thread starting halfway down the list): a
    // part done before its turn waits, with its words and rows, for those before it.
    (locales.iter())
        .flat_map(|locale| (0..locale.parts).map(move |part| (locale, part)))
        .par_bridge()
        .for_each(|(locale, part)| locale.index_part(part));
}

/// What every locale's index reads or hands back.
struct Shared<'a> {
    site: &'a Site,
    urls: &'a UrlMap<'a>,
    tables: &'a Tables,
    sink: &'a dyn Sink,
}

/// Emptied word tables, kept for the next part: each part's table grows to about the
/// same size, and growing a new one means fresh memory that the kernel must zero
/// first (perf: a tenth of the build's CPU time went to that for these tables).
#[derive(Default)]
struct Tables(Mutex<Vec<Words>>);

type Words = words::Words<Postings>;

impl Tables {
    fn take(&self) -> Words {
        let mut tables = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        tables.pop().unwrap_or_default()
    }

    fn give(&self, words: Words) {
        debug_assert!(words.is_empty());
        let mut tables = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        tables.push(words);
    }
}

/// One locale's index in the making: its pages, cut into parts of `PAGES_PER_PART`
/// (one at least, so a locale without pages still gets its empty index).
struct LocaleIndex<'a> {
    shared: &'a Shared<'a>,
    locale: &'a str,
    texts: Texts<'a>,
    pages: Vec<&'a Page>,
    parts: usize,
    merger: Mutex<Merger<'a>>,
}

impl<'a> LocaleIndex<'a> {
    fn new(shared: &'a Shared<'a>, messages: &'a Messages, locale: &'a str) -> Self {
        let pages: Vec<&Page> = (shared.site.pages_of(locale))
            .filter(|p| p.fallback.is_none())
            .collect();
        let budget = if pages.len() > BIG_LOCALE {
            BIG_CHUNK_BYTES
        } else {
            CHUNK_BYTES
        };
        LocaleIndex {
            shared,
            locale,
            texts: Texts::new(messages, locale),
            parts: pages.len().div_ceil(PAGES_PER_PART).max(1),
            pages,
            merger: Mutex::new(Merger::new(format!("search/{locale}/"), budget, shared)),
        }
    }

    /// Indexes part `number` and merges it; the last part merged finishes the locale.
    fn index_part(&self, number: usize) {
        let shared = self.shared;
        let start = (number * PAGES_PER_PART).min(self.pages.len());
        let end = (start + PAGES_PER_PART).min(self.pages.len());
        let words = shared.tables.take();
        let part = Part::index(
            &self.pages[start..end],
            start,
            words,
            shared.site,
            shared.urls,
            &self.texts,
        );
        let mut merger = self.merger.lock().unwrap_or_else(PoisonError::into_inner);
        merger.take(number, part);
        if merger.next == self.parts {
            let whole = merger.finish();
            let folder = std::mem::take(&mut merger.folder);
            let chunks = std::mem::take(&mut merger.chunk_starts);
            drop(merger);
            finish_locale(whole, chunks, self.locale, &folder, shared.sink);
        }
    }
}

/// A locale's terms and shards, and its `meta.json`.
fn finish_locale(whole: Part, chunks: Vec<u32>, locale: &str, folder: &str, sink: &dyn Sink) {
    let Part {
        vocabulary,
        pages,
        starts,
        sections,
        lengths,
        ..
    } = whole;
    let terms = vocabulary.into_terms(terms::stemmer(locale).as_ref());
    let (width, shards) = terms.write_shards(folder, sink);
    let meta = Meta {
        pages: pages
            .iter()
            .map(|(href, page)| [href.as_str(), page.front.title.as_str()])
            .collect(),
        title_code: (pages.iter().enumerate())
            .filter_map(|(n, (_, page))| {
                let spans = code::title_spans(&page.front.title, &page.front.title_inlines);
                (!spans.is_empty()).then_some((n, spans))
            })
            .collect(),
        starts,
        sections: sections as usize,
        lengths: &lengths,
        chunks,
        width,
        shards: shards.iter().map(String::as_str).collect(),
    };
    sink.put(format!("{folder}meta.json"), json(&meta));
}

/// A locale's parts, merged in page order as they complete (few wait at once); the
/// rows of each `d<n>.json` file are written as soon as the file is complete.
struct Merger<'a> {
    whole: Part<'a>,
    /// The number of the next part to merge; parts done before their turn wait.
    next: usize,
    waiting: BTreeMap<usize, Part<'a>>,
    /// The first section of each `d<n>.json` file written, and of the one being filled.
    chunk_starts: Vec<u32>,
    /// Rows of the file being filled, and their bytes.
    pending: Vec<Vec<u8>>,
    pending_bytes: usize,
    /// Bytes of rows per file: `CHUNK_BYTES` or `BIG_CHUNK_BYTES`.
    budget: usize,
    /// Sections taken into chunks so far.
    rows: u32,
    folder: String,
    shared: &'a Shared<'a>,
}

impl<'a> Merger<'a> {
    fn new(folder: String, budget: usize, shared: &'a Shared<'a>) -> Self {
        Merger {
            whole: Part::default(),
            next: 0,
            waiting: BTreeMap::new(),
            chunk_starts: Vec::new(),
            pending: Vec::new(),
            pending_bytes: 0,
            budget,
            rows: 0,
            folder,
            shared,
        }
    }

    fn take(&mut self, number: usize, part: Part<'a>) {
        self.waiting.insert(number, part);
        while let Some(part) = self.waiting.remove(&self.next) {
            if let Some(emptied) = self.whole.append(part) {
                self.shared.tables.give(emptied);
            }
            self.next += 1;
        }
        let rows = std::mem::take(&mut self.whole.docs);
        for row in rows {
            self.pack(row);
        }
    }

    /// Adds a row to the file being filled, writing that file first if the row
    /// would take it past its budget.
    fn pack(&mut self, row: Vec<u8>) {
        if !self.pending.is_empty() && self.pending_bytes + row.len() > self.budget {
            self.put_chunk();
        }
        if self.pending.is_empty() {
            self.chunk_starts.push(self.rows);
        }
        self.pending_bytes += row.len() + 1;
        self.pending.push(row);
        self.rows += 1;
    }

    /// The whole locale, once every part was taken.
    fn finish(&mut self) -> Part<'a> {
        debug_assert!(self.waiting.is_empty());
        if !self.pending.is_empty() {
            self.put_chunk();
        }
        std::mem::take(&mut self.whole)
    }

    /// `d<n>.json`: the rows waiting, as one file.
    fn put_chunk(&mut self) {
        let rows = std::mem::take(&mut self.pending);
        self.pending_bytes = 0;
        let mut out = Vec::with_capacity(rows.iter().map(|row| row.len() + 1).sum::<usize>() + 1);
        out.push(b'[');
        for (i, row) in rows.iter().enumerate() {
            separate(&mut out, i);
            out.extend_from_slice(row);
        }
        out.push(b']');
        let number = self.chunk_starts.len() - 1;
        (self.shared.sink).put(format!("{}d{number}.json", self.folder), out);
    }
}

/// The index of a run of a locale's pages, sections numbered from the run's start.
#[derive(Default)]
struct Part<'a> {
    vocabulary: Vocabulary,
    /// Each section's row of `d<n>.json`, as JSON.
    docs: Vec<Vec<u8>>,
    /// `(link from the site root, page)` per page.
    pages: Vec<(String, &'a Page)>,
    /// The first section of each page.
    starts: Vec<u32>,
    sections: u32,
    /// Each section's length class (`length_class`), as a character.
    lengths: String,
}

impl<'a> Part<'a> {
    /// `first_page`: the locale's number of `pages[0]`, which rows name; `words`: an
    /// empty table to fill.
    fn index(
        pages: &[&'a Page],
        first_page: usize,
        words: Words,
        site: &Site,
        urls: &UrlMap,
        texts: &Texts,
    ) -> Part<'a> {
        let mut part = Part::default();
        part.vocabulary.words = words;
        for (n, page) in pages.iter().enumerate() {
            part.starts.push(part.sections);
            for (i, section) in sections::sections(page, site, texts)
                .into_iter()
                .enumerate()
            {
                let vocabulary = &mut part.vocabulary;
                if i == 0 {
                    vocabulary.add_text(&page.front.title, part.sections, IN_TITLE);
                }
                vocabulary.add_text(&section.heading, part.sections, IN_HEADING);
                let words = vocabulary.add_text(&section.text, part.sections, TEXT);
                part.lengths.push(length_class(words));
                part.docs.push(doc_json((first_page + n) as u32, &section));
                part.sections += 1;
            }
            part.pages.push((urls.to_folder("", &page.url), page));
        }
        part
    }

    /// Adds the part that comes next; returns its emptied word table, if any.
    fn append(&mut self, next: Part<'a>) -> Option<Words> {
        if self.pages.is_empty() {
            // The first part becomes the whole: its table is not copied entry by entry.
            *self = next;
            return None;
        }
        let offset = self.sections;
        let emptied = self.vocabulary.append(next.vocabulary, offset);
        self.docs.extend(next.docs);
        self.pages.extend(next.pages);
        (self.starts).extend(next.starts.iter().map(|start| start + offset));
        self.lengths.push_str(&next.lengths);
        self.sections += next.sections;
        Some(emptied)
    }
}

/// A stem's `(section, weight)` pairs, sections ascending, as LEB128 varints of the
/// gap from the previous section and the weight: a tenth of the memory of the pairs
/// themselves on a big site. The last pair stays open while its section may still
/// add weight.
#[derive(Default)]
struct Postings {
    /// Inline up to 16 bytes (most words of a site are rare), in a `Vec`'s size.
    closed: SmallVec<[u8; 16]>,
    /// The section of the last closed pair (gaps count from it).
    closed_section: u32,
    open: Option<(u32, u32)>,
}

impl Postings {
    fn add(&mut self, section: u32, weight: u32) {
        match &mut self.open {
            Some((s, total)) if *s == section => *total = combine(*total, weight),
            _ => {
                if let Some((s, w)) = self.open.replace((section, weight)) {
                    self.close(s, w);
                }
            }
        }
    }

    /// Adds `next`, whose sections count from `offset` and all come after this
    /// list's: its gaps stay as they are but the first.
    fn append(&mut self, next: Postings, offset: u32) {
        if let Some((section, weight)) = self.open.take() {
            self.close(section, weight);
        }
        let mut bytes = next.closed.as_slice();
        if let Some(first) = read_varint(&mut bytes) {
            push_varint(&mut self.closed, first + offset - self.closed_section);
            self.closed.extend_from_slice(bytes);
            self.closed_section = next.closed_section + offset;
        }
        self.open = next
            .open
            .map(|(section, weight)| (section + offset, weight));
    }

    fn close(&mut self, section: u32, weight: u32) {
        push_varint(&mut self.closed, section - self.closed_section);
        push_varint(&mut self.closed, weight);
        self.closed_section = section;
    }

    /// The postings of several words of one stem, as one list.
    fn merged(lists: impl Iterator<Item = Postings>) -> Postings {
        let mut lists = lists.peekable();
        let Some(first) = lists.next() else {
            return Postings::default();
        };
        if lists.peek().is_none() {
            return first;
        }
        let mut pairs: Vec<(u32, u32)> = first.sections().collect();
        for list in lists {
            pairs.extend(list.sections());
        }
        // Each list is in section order: a stable sort merges these runs rather than
        // sorting the pairs afresh.
        pairs.sort_by_key(|&(section, _)| section);
        let mut out = Postings::default();
        for (section, weight) in pairs {
            out.add(section, weight);
        }
        out
    }

    /// `(section, weight)` pairs, in order.
    fn sections(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut section = 0;
        self.gaps().map(move |(gap, weight)| {
            section += gap;
            (section, weight)
        })
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

/// Two weights of one section: counts add up, fields are flags.
fn combine(a: u32, b: u32) -> u32 {
    ((a & !FIELDS) + (b & !FIELDS)) | ((a | b) & FIELDS)
}

/// A section's length in words as one base-36 character: twice its binary logarithm,
/// so each class is about 1.4 times the one before (BM25 needs lengths only roughly,
/// and a character per section keeps `meta.json` small).
fn length_class(words: usize) -> char {
    let class = (2.0 * ((words + 1) as f64).log2()).round() as u32;
    char::from_digit(class.min(35), 36).expect("below 36")
}

fn push_varint(out: &mut SmallVec<[u8; 16]>, mut value: u32) {
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

/// A locale's words as its pages are read: every distinct lowercased word with its
/// postings. A word costs one hash lookup, its postings living beside it; stems come
/// at the end, once per distinct word.
#[derive(Default)]
struct Vocabulary {
    /// Short words are kept inline beside their postings: a lookup, once per word of
    /// the locale, reads one slot and one entry.
    words: Words,
    scratch: String,
    batch: words::Batch,
}

impl Vocabulary {
    /// Adds the terms of `text` to `section` with `weight` each; returns how many.
    fn add_text(&mut self, text: &str, section: u32, weight: u32) -> usize {
        let mut scratch = std::mem::take(&mut self.scratch);
        let mut batch = std::mem::take(&mut self.batch);
        let words = &mut self.words;
        let add = |postings: &mut Postings| postings.add(section, weight);
        let mut count = 0;
        terms::each_term(text, &mut scratch, &mut |word| {
            count += 1;
            batch.push(word);
            if batch.is_full() {
                words.each_value(&mut batch, Postings::default, add);
            }
        });
        // Identifiers count as terms of their own, not as words of the text's length.
        code::each_identifier(text, &mut |identifier| {
            batch.push(identifier);
            if batch.is_full() {
                words.each_value(&mut batch, Postings::default, add);
            }
        });
        words.each_value(&mut batch, Postings::default, add);
        self.scratch = scratch;
        self.batch = batch;
        count
    }

    /// Adds the words of the pages that come next, whose sections count from
    /// `offset`; returns their table, emptied but with its room. Their words are
    /// looked up in batches, as the pages' were: most miss the caches.
    fn append(&mut self, mut next: Vocabulary, offset: u32) -> Words {
        let mut batch = std::mem::take(&mut self.batch);
        let mut lists: Vec<Postings> = Vec::with_capacity(words::Batch::SIZE);
        let words = &mut self.words;
        let mut add = |batch: &mut words::Batch, lists: &mut Vec<Postings>| {
            let mut lists = lists.drain(..);
            words.each_value(batch, Postings::default, |postings| {
                postings.append(lists.next().expect("a list per word"), offset);
            });
        };
        for (word, postings) in next.words.drain() {
            batch.push(&word);
            lists.push(postings);
            if batch.is_full() {
                add(&mut batch, &mut lists);
            }
        }
        add(&mut batch, &mut lists);
        self.batch = batch;
        next.words
    }

    /// Stems every word (on every core) and merges the postings of words that share
    /// a stem.
    fn into_terms(self, stemmer: Option<&Stemmer>) -> Terms {
        let words = self.words.into_entries();
        let mut stemmed: Vec<Stemmed> = (words.into_par_iter())
            .map(|(word, postings)| Stemmed::new(stemmer, &word, postings))
            .collect();
        stemmed
            .par_sort_unstable_by(|a, b| (a.order.cmp(&b.order)).then_with(|| a.stem.cmp(&b.stem)));
        let mut variants = Vec::new();
        let mut words = Vec::new();
        for (id, group) in stemmed.chunk_by(|a, b| a.stem == b.stem).enumerate() {
            let group_words = group.iter().filter_map(|word| word.variant.clone());
            variants.extend(group_words.map(|variant| (variant, id as u32)));
            words.extend(group.iter().filter_map(Stemmed::typo_target));
        }
        // Merging the postings of a stem's words is most of the rest: on every core
        // (the last locale to finish has the cores to itself).
        let (stems, exact) = (stemmed.par_chunk_by_mut(|a, b| a.stem == b.stem))
            .map(|group| {
                let exact = sections_per_word(group);
                let stem = std::mem::take(&mut group[0].stem);
                let lists = group.iter_mut().map(|w| std::mem::take(&mut w.postings));
                ((stem, Postings::merged(lists)), exact)
            })
            .unzip();
        words.sort_unstable();
        words.dedup();
        Terms {
            stems,
            variants,
            exact,
            words,
        }
    }
}

/// One distinct word of a locale, stemmed.
struct Stemmed {
    /// The stem's first bytes as a number: the sort by stem compares these, and the
    /// stems themselves only when they are equal.
    order: u64,
    /// The folded stem.
    stem: CompactString,
    /// The folded word, when it differs from its stem.
    variant: Option<CompactString>,
    postings: Postings,
}

impl Stemmed {
    fn new(stemmer: Option<&Stemmer>, word: &str, postings: Postings) -> Self {
        let is_cjk = word.chars().next().is_some_and(terms::is_cjk);
        let folded = terms::fold(word);
        let stem = match stemmer {
            Some(stemmer) if !is_cjk && !code::is_identifier(word) => {
                terms::fold(&stemmer.stem(word))
            }
            _ => folded.clone(),
        };
        let variant = (folded != stem).then_some(folded);
        Stemmed {
            order: leading_bytes(&stem),
            stem,
            variant,
            postings,
        }
    }
}

impl Stemmed {
    /// The word as written (folded), if a typo in its first letter may be forgiven:
    /// three letters or more (a query word needs four), not code, not CJK.
    fn typo_target(&self) -> Option<CompactString> {
        let word = self.variant.as_ref().unwrap_or(&self.stem);
        let first = word.chars().next()?;
        let plain = !terms::is_cjk(first) && !code::is_identifier(word);
        (plain && word.chars().nth(2).is_some()).then(|| word.clone())
    }
}

/// The sections of each word of a stem (folded, in order), when it has several:
/// `gardens` and `gardening` of `garden`. A word in every section of its stem is
/// left out (all of them hold it as written), so a stem of one word, or whose words
/// all share its sections, has none.
fn sections_per_word(group: &[Stemmed]) -> Vec<(CompactString, Vec<u32>)> {
    let word = |w: &Stemmed| w.variant.clone().unwrap_or_else(|| w.stem.clone());
    if group.iter().all(|w| word(w) == word(&group[0])) {
        return Vec::new();
    }
    let mut words: Vec<(CompactString, Vec<u32>)> = (group.iter())
        .map(|w| (word(w), w.postings.sections().map(|(s, _)| s).collect()))
        .collect();
    words.sort_by(|a, b| a.0.cmp(&b.0));
    // Spellings that fold alike ("évite", "evite") are one word.
    words.dedup_by(|later, first| {
        let same = later.0 == first.0;
        if same {
            first.1.append(&mut later.1);
            first.1.sort_unstable();
            first.1.dedup();
        }
        same
    });
    let mut all: Vec<u32> = words.iter().flat_map(|(_, s)| s.iter().copied()).collect();
    all.sort_unstable();
    all.dedup();
    words.retain(|(_, sections)| sections.len() < all.len());
    words
}

/// The first eight bytes of `text`, zero-padded, as a number that sorts as they do.
fn leading_bytes(text: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let length = text.len().min(8);
    bytes[..length].copy_from_slice(&text.as_bytes()[..length]);
    u64::from_be_bytes(bytes)
}

#[derive(Serialize)]
struct Meta<'a> {
    /// `[link from the site root, title]` per page.
    pages: Vec<[&'a str; 2]>,
    /// Page number -> the stretches of its title that are code (`` `Rc<T>` ``), as
    /// `[start, end)` in UTF-16 units of the title, as search.js indexes strings.
    /// Only pages whose title has code are listed.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    title_code: BTreeMap<usize, Vec<[usize; 2]>>,
    /// The first section of each page; sections of a page are consecutive.
    starts: Vec<u32>,
    sections: usize,
    /// Each section's length class, a base-36 digit: twice the binary logarithm of
    /// its number of words plus one, rounded.
    lengths: &'a str,
    /// The first section of each `d<n>.json` file, ascending.
    chunks: Vec<u32>,
    /// How many leading characters name a term's shard (CJK: always one).
    width: usize,
    /// Shard names (hex keys) that exist, so the browser never asks for a missing one.
    shards: Vec<&'a str>,
}

/// `[page, anchor, heading, text]`: a section's row of `d<n>.json`.
fn doc_json(page: u32, section: &Section) -> Vec<u8> {
    let excerpt = kept_text(&section.text);
    // Written as it goes, one row per section of the site, in serde_json's spelling.
    let (anchor, heading) = (&section.anchor, &section.heading);
    let mut out = Vec::with_capacity(anchor.len() + heading.len() + excerpt.len() + 24);
    out.push(b'[');
    out.extend_from_slice(itoa::Buffer::new().format(page).as_bytes());
    for text in [anchor.as_str(), heading, &excerpt] {
        out.push(b',');
        push_json(&mut out, text);
    }
    out.push(b']');
    out
}

/// A section's text for excerpts, whitespace collapsed, cut after a word past
/// `TEXT_KEPT` characters.
fn kept_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(TEXT_KEPT + 8));
    let mut chars = 0;
    for word in text.split_whitespace() {
        let length = word.chars().count();
        if chars + length > TEXT_KEPT {
            if out.is_empty() {
                out.extend(word.chars().take(TEXT_KEPT));
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

fn json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("plain maps and strings serialize")
}

#[cfg(test)]
mod tests;
