//! Words: the distinct words of a part of a locale, each with a value (its postings),
//! kept as a dense list in first-seen order plus a hash table of positions in it.
//!
//! A plain hash map of the same entries holds an eighth to a half of its slots empty,
//! each the size of an entry; on a big site the tables of a locale's words were most
//! of the search index's memory, and fresh memory is zeroed by the kernel before use
//! (perf: a twentieth of the build's time as the locales' tables grew). Here an
//! empty slot is twelve bytes, the list grows by half at a time, and draining the
//! words walks the list rather than every slot.

use compact_str::CompactString;
use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

pub struct Words<V> {
    slots: HashTable<Slot>,
    entries: Vec<(CompactString, V)>,
}

/// A word's place in `entries`, and its hash: a batch is looked up on hashes alone,
/// each word compared once its entry is in the cache, and a table that grows
/// rehashes without reading the entries.
#[derive(Clone, Copy)]
struct Slot {
    at: u32,
    hash: [u32; 2],
}

impl Slot {
    fn hash(&self) -> u64 {
        (u64::from(self.hash[0]) << 32) | u64::from(self.hash[1])
    }
}

fn halves(hash: u64) -> [u32; 2] {
    [(hash >> 32) as u32, hash as u32]
}

impl<V> Default for Words<V> {
    fn default() -> Self {
        Words {
            slots: HashTable::new(),
            entries: Vec::new(),
        }
    }
}

fn hash(word: &str) -> u64 {
    FxBuildHasher.hash_one(word)
}

/// Words of a text waiting to be looked up together (`Words::each_value`). Most
/// lookups of a big site's words miss the processor's caches; one at a time, each
/// waits for memory in turn, while a batch's waits overlap.
#[derive(Default)]
pub struct Batch {
    text: String,
    words: Vec<Pending>,
}

struct Pending {
    start: u32,
    end: u32,
    hash: u64,
    /// The entry with the same hash, if any (the word is compared later).
    candidate: Option<u32>,
}

impl Batch {
    /// Words looked up together.
    pub const SIZE: usize = 32;

    pub fn push(&mut self, word: &str) {
        let start = self.text.len() as u32;
        self.text.push_str(word);
        self.words.push(Pending {
            start,
            end: self.text.len() as u32,
            hash: hash(word),
            candidate: None,
        });
    }

    pub fn is_full(&self) -> bool {
        self.words.len() >= Self::SIZE
    }
}

impl<V> Words<V> {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    #[cfg(test)]
    pub fn get_mut(&mut self, word: &str) -> Option<&mut V> {
        let at = self.find(word, hash(word))?;
        Some(&mut self.entries[at].1)
    }

    fn find(&self, word: &str, hash: u64) -> Option<usize> {
        let entries = &self.entries;
        let halves = halves(hash);
        let slot = (self.slots).find(hash, |slot| {
            slot.hash == halves && entries[slot.at as usize].0 == word
        })?;
        Some(slot.at as usize)
    }

    fn insert_hashed(&mut self, word: CompactString, hash: u64, value: V) -> usize {
        let at = u32::try_from(self.entries.len()).expect("fewer than 4 billion words");
        let slot = Slot {
            at,
            hash: halves(hash),
        };
        (self.slots).insert_unique(hash, slot, Slot::hash);
        if self.entries.len() == self.entries.capacity() {
            // By half, not double: the last doubling of a big list is mostly unused.
            self.entries.reserve_exact((self.entries.len() / 2).max(64));
        }
        self.entries.push((word, value));
        self.entries.len() - 1
    }

    /// Calls `found` with the value of each word of `batch`, in order, adding the
    /// words not seen yet with `value()`; empties the batch. The table is probed for
    /// every word first, on hashes alone, and the entries found are fetched ahead.
    pub fn each_value(
        &mut self,
        batch: &mut Batch,
        value: impl Fn() -> V,
        mut found: impl FnMut(&mut V),
    ) {
        for pending in &mut batch.words {
            let halves = halves(pending.hash);
            pending.candidate = (self.slots)
                .find(pending.hash, |slot| slot.hash == halves)
                .map(|slot| slot.at);
            if let Some(at) = pending.candidate {
                prefetch(self.entries.as_ptr().wrapping_add(at as usize));
            }
        }
        for pending in &batch.words {
            let word = &batch.text[pending.start as usize..pending.end as usize];
            let at = match pending.candidate {
                Some(at) if self.entries[at as usize].0 == word => at as usize,
                // A word first met earlier in this batch, another word with the same
                // hash, or a new word.
                _ => match self.find(word, pending.hash) {
                    Some(at) => at,
                    None => self.insert_hashed(word.into(), pending.hash, value()),
                },
            };
            found(&mut self.entries[at].1);
        }
        batch.text.clear();
        batch.words.clear();
    }

    /// Every word with its value, in first-seen order; the table keeps its room.
    pub fn drain(&mut self) -> std::vec::Drain<'_, (CompactString, V)> {
        self.slots.clear();
        self.entries.drain(..)
    }

    /// Every word with its value, in first-seen order.
    pub fn into_entries(self) -> Vec<(CompactString, V)> {
        self.entries
    }
}

/// Asks the processor to bring `item`'s cache line in: a hint, which never faults.
#[inline]
fn prefetch<T>(item: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program sees and cannot fault, whatever
    // the address.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(item.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add_all(words: &mut Words<u32>, text: &[&str]) {
        let mut batch = Batch::default();
        for (i, word) in text.iter().enumerate() {
            batch.push(word);
            if batch.is_full() || i + 1 == text.len() {
                words.each_value(&mut batch, || 0, |count| *count += 1);
            }
        }
    }

    #[test]
    fn finds_what_was_added_and_drains_in_order() {
        let mut words: Words<u32> = Words::default();
        add_all(&mut words, &["escalade", "priorité", "p1", "escalade"]);
        assert_eq!(words.get_mut("escalade"), Some(&mut 2));
        assert_eq!(words.get_mut("absent"), None);
        let drained: Vec<_> = words.drain().map(|(w, v)| (w.to_string(), v)).collect();
        assert_eq!(
            drained,
            [
                ("escalade".into(), 2),
                ("priorité".into(), 1),
                ("p1".into(), 1)
            ]
        );
        assert!(words.is_empty());
        add_all(&mut words, &["again"]);
        assert_eq!(words.get_mut("again"), Some(&mut 1));
    }

    #[test]
    fn batches_count_words_met_twice_in_one_batch_and_across_growth() {
        let text: Vec<String> = (0..10_000).map(|i| format!("w{}", i % 3_000)).collect();
        let text: Vec<&str> = text.iter().map(String::as_str).collect();
        let mut words: Words<u32> = Words::default();
        add_all(&mut words, &text);
        let counts: Vec<u32> = words.drain().map(|(_, count)| count).collect();
        assert_eq!(counts.len(), 3_000);
        assert_eq!(counts.iter().sum::<u32>(), 10_000);
        assert!(counts.iter().all(|&count| count == 3 || count == 4));
    }
}
