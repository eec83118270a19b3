//! Words: the distinct words of a part of a locale, each with a value (its postings),
//! kept as a dense list in first-seen order plus a hash table of positions in it.
//!
//! A plain hash map of the same entries holds an eighth to a half of its slots empty,
//! each the size of an entry; on a big site the tables of a locale's words were most
//! of the search index's memory, and fresh memory is zeroed by the kernel before use
//! (perf: a twentieth of the build's time as the locales' tables grew). Here the
//! empty slots are four bytes, the list grows by half at a time, and draining the
//! words walks the list rather than every slot.

use compact_str::CompactString;
use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

pub struct Words<V> {
    slots: HashTable<u32>,
    entries: Vec<(CompactString, V)>,
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

impl<V> Words<V> {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get_mut(&mut self, word: &str) -> Option<&mut V> {
        let entries = &self.entries;
        let at = *self
            .slots
            .find(hash(word), |&at| entries[at as usize].0 == word)?;
        Some(&mut self.entries[at as usize].1)
    }

    /// Adds a word known to be absent.
    pub fn insert_new(&mut self, word: CompactString, value: V) {
        debug_assert!(self.get_mut(&word).is_none());
        let at = u32::try_from(self.entries.len()).expect("fewer than 4 billion words");
        let entries = &self.entries;
        (self.slots).insert_unique(hash(&word), at, |&at| hash(&entries[at as usize].0));
        if self.entries.len() == self.entries.capacity() {
            // By half, not double: the last doubling of a big list is mostly unused.
            self.entries.reserve_exact((self.entries.len() / 2).max(64));
        }
        self.entries.push((word, value));
    }

    /// The value of `word`, added by `value` when the word is new.
    pub fn entry(&mut self, word: &str, value: impl FnOnce() -> V) -> &mut V {
        let entries = &self.entries;
        let found = (self.slots)
            .find(hash(word), |&at| entries[at as usize].0 == word)
            .copied();
        let at = match found {
            Some(at) => at as usize,
            None => {
                self.insert_new(word.into(), value());
                self.entries.len() - 1
            }
        };
        &mut self.entries[at].1
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_added_and_drains_in_order() {
        let mut words: Words<u32> = Words::default();
        for (i, word) in ["escalade", "priorité", "p1", "escalade"]
            .iter()
            .enumerate()
        {
            *words.entry(word, || 0) += i as u32;
        }
        assert_eq!(words.get_mut("escalade"), Some(&mut 3));
        assert_eq!(words.get_mut("absent"), None);
        let drained: Vec<_> = words.drain().map(|(w, v)| (w.to_string(), v)).collect();
        assert_eq!(
            drained,
            [
                ("escalade".into(), 3),
                ("priorité".into(), 1),
                ("p1".into(), 2)
            ]
        );
        assert!(words.is_empty());
        words.insert_new("again".into(), 7);
        assert_eq!(words.get_mut("again"), Some(&mut 7));
    }

    #[test]
    fn many_words_survive_the_table_growing() {
        let mut words: Words<usize> = Words::default();
        for i in 0..10_000 {
            words.insert_new(format!("w{i}").into(), i);
        }
        assert!((0..10_000).all(|i| words.get_mut(&format!("w{i}")) == Some(&mut i.clone())));
    }
}
