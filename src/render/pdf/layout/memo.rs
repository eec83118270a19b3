//! What a chapter's blocks came to in the last layout pass, kept for the next one.
//!
//! Page references make the body be laid out two or three times (see `layout`), but
//! most blocks print no page number: a paragraph without a link to another chapter, a
//! code block, a table. A block's slices depend only on the block, the column's width,
//! the page labels it asked for and the address notes its chapter had gathered before
//! it; so each block is kept with the labels it asked for (and their answers) and the
//! notes it found and left, and the next pass takes it back when every answer and the
//! notes are the same. Passes after the first then set again only the blocks whose
//! printed numbers moved. The output is the same as without the memo, byte for byte.

use std::sync::Mutex;

use rustc_hash::FxHashMap;

use crate::model::Block;

use super::flow::Slice;

/// The page labels a layout asked for, in order, with the answers it got.
pub type Asked = Vec<(String, Option<String>)>;

/// One block as the last pass set it.
pub struct Entry {
    pub asked: Asked,
    /// When the block read or added address notes: how many there were before it,
    /// and the list it left.
    pub notes: Option<(usize, Vec<String>)>,
    pub slices: Vec<Slice>,
}

/// One chapter's blocks, by the block's address in the model (stable for as long as
/// the site is borrowed, which outlives every pass) and the column's width.
#[derive(Default)]
pub struct ChapterMemo(Mutex<FxHashMap<(usize, u32), Entry>>);

/// A memo per chapter, in navigation order. Each chapter's is used by the one thread
/// laying it out, so its lock is never contended.
pub type Memo = Vec<ChapterMemo>;

fn key(block: &Block, width: f32) -> (usize, u32) {
    (std::ptr::from_ref(block) as usize, width.to_bits())
}

impl ChapterMemo {
    /// The block's slices from the last pass, when `answer` gives each label the answer
    /// it had and `notes` are those the block found: with the labels it asked and the
    /// notes it left.
    pub fn reuse(
        &self,
        block: &Block,
        width: f32,
        answer: impl Fn(&str) -> Option<String>,
        notes: &[String],
    ) -> Option<(Vec<Slice>, Asked, Option<Vec<String>>)> {
        let memo = self.0.lock().expect("layout memo");
        let entry = memo.get(&key(block, width))?;
        if !entry.asked.iter().all(|(name, had)| answer(name) == *had) {
            return None;
        }
        let left = match &entry.notes {
            Some((before, after)) if after.get(..*before) == Some(notes) => Some(after.clone()),
            Some(_) => return None,
            None => None,
        };
        Some((entry.slices.clone(), entry.asked.clone(), left))
    }

    pub fn keep(&self, block: &Block, width: f32, entry: Entry) {
        (self.0.lock().expect("layout memo")).insert(key(block, width), entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(asked: &[(&str, Option<&str>)], notes: Option<(usize, &[&str])>) -> Entry {
        Entry {
            asked: (asked.iter())
                .map(|(n, l)| (n.to_string(), l.map(str::to_string)))
                .collect(),
            notes: notes.map(|(n, v)| (n, v.iter().map(|s| s.to_string()).collect())),
            slices: vec![Slice::space(3.0)],
        }
    }

    #[test]
    fn a_block_comes_back_only_with_the_same_answers_and_notes() {
        let (block, other) = (Block::Rule, Block::Rule);
        let memo = ChapterMemo::default();
        memo.keep(&block, 100.0, entry(&[("a", Some("4")), ("b", None)], None));
        let labels = |a: &'static str| move |n: &str| (n == "a").then(|| a.to_string());
        let (slices, asked, notes) = memo.reuse(&block, 100.0, labels("4"), &[]).unwrap();
        assert_eq!(slices, [Slice::space(3.0)]);
        assert_eq!(asked.len(), 2);
        assert_eq!(notes, None);
        assert!(memo.reuse(&block, 100.0, labels("5"), &[]).is_none());
        // Another block, or the same in another column, was never kept.
        assert!(memo.reuse(&other, 100.0, labels("4"), &[]).is_none());
        assert!(memo.reuse(&block, 90.0, labels("4"), &[]).is_none());

        let with_notes = ChapterMemo::default();
        with_notes.keep(&block, 100.0, entry(&[], Some((1, &["u1", "u2"]))));
        let before = ["u1".to_string()];
        let (_, _, left) = with_notes
            .reuse(&block, 100.0, labels("4"), &before)
            .unwrap();
        assert_eq!(left.unwrap(), ["u1", "u2"]);
        let other_notes = ["u9".to_string()];
        assert!(
            with_notes
                .reuse(&block, 100.0, labels("4"), &other_notes)
                .is_none()
        );
        assert!(with_notes.reuse(&block, 100.0, labels("4"), &[]).is_none());
    }
}
