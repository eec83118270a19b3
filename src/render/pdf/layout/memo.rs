//! What a chapter's blocks came to in the last layout pass, kept for the next one.
//!
//! Page references make the body be laid out two or three times (see `layout`), but
//! most blocks print no page number: a paragraph without a link to another chapter, a
//! code block, a table. A block's slices depend only on the block, the column's width,
//! the page labels it asked for and the address notes its chapter had gathered before
//! it; so each block is kept with the labels it asked for (and their answers) and the
//! notes it found and left, and the next pass takes it back when every answer and the
//! notes are the same, or when only printed numbers moved to others as wide, whose
//! digits are then put right in the kept block. The first pass prints guesses (see
//! `estimate`), so the second sets again only the blocks whose guess had the wrong
//! width or whose reference stops printing. The output is the same as without the
//! memo, byte for byte.
//!
//! A block taken back is a copy, since the next pass may want it again; but the
//! numbers nearly always settle by the third pass, so from then on it is moved out
//! (`Recall::take`), and a rare pass after that sets such blocks again.

use std::collections::BTreeMap;
use std::sync::Mutex;

use rustc_hash::FxHashMap;

use crate::model::Block;
use crate::render::pdf::boxes::Item;

use super::PageOf;
use super::flow::Slice;

/// What a layout asked of the last pass.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// An anchor's page label.
    Label(String),
    /// The page a cross-reference prints after its link, if any (see
    /// `links::printed_page`). Only the number's digits depend on it when it prints
    /// either way, so a block can keep its lines and take the new digits.
    Reference {
        target: String,
        plain: String,
        printed: String,
        duplex: bool,
    },
}

impl Question {
    pub fn answer(&self, page_of: &PageOf<'_>) -> Option<String> {
        match self {
            Question::Label(name) => page_of(name),
            Question::Reference {
                target,
                plain,
                printed,
                duplex,
            } => super::links::printed_page(page_of, target, plain, printed, *duplex),
        }
    }
}

/// What a layout asked, in order, with the answers it got.
pub type Asked = Vec<(Question, Option<String>)>;

/// Puts `count` printed references to page `old` in `slices` to page `new`, when that
/// leaves every line as it was; false (the block is then set again) otherwise.
pub type Renumber<'r> = dyn Fn(&mut [Slice], &str, &str, usize) -> bool + 'r;

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

/// A chapter's memo as one pass consults it.
#[derive(Clone, Copy)]
pub struct Recall<'m> {
    pub memo: &'m ChapterMemo,
    /// Whether a block taken back leaves the memo rather than being copied out.
    pub take: bool,
}

fn key(block: &Block, width: f32) -> (usize, u32) {
    (std::ptr::from_ref(block) as usize, width.to_bits())
}

/// The printed page numbers that moved between `asked` and `answers`, each old number
/// with its new one and how many references print it; `None` when anything else
/// changed, or a number moved in one reference and not in another, or to two places.
fn moved_numbers(
    asked: &Asked,
    answers: &[Option<String>],
) -> Option<BTreeMap<String, (String, usize)>> {
    let mut moved: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut kept: Vec<&str> = Vec::new();
    for ((question, had), answer) in asked.iter().zip(answers) {
        match (question, had, answer) {
            (_, had, answer) if had == answer => {
                if let (Question::Reference { .. }, Some(page)) = (question, had) {
                    kept.push(page);
                }
            }
            (Question::Reference { .. }, Some(old), Some(new)) => {
                let (to, count) = moved.entry(old.clone()).or_insert((new.clone(), 0));
                if to != new {
                    return None;
                }
                *count += 1;
            }
            _ => return None,
        }
    }
    if kept.iter().any(|page| moved.contains_key(*page)) {
        return None;
    }
    Some(moved)
}

/// A reference printed from a guess (the first pass, see `estimate`) carries its plain
/// mark; printing now, it takes the mark of a printed reference, as a block set again
/// would.
fn settle_marks(slices: &mut [Slice], asked: &Asked, answers: &[Option<String>]) {
    let renamed: Vec<(&str, &str)> = (asked.iter().zip(answers))
        .filter_map(|((question, _), answer)| match (question, answer) {
            (Question::Reference { plain, printed, .. }, Some(_)) => {
                Some((plain.as_str(), printed.as_str()))
            }
            _ => None,
        })
        .collect();
    if renamed.is_empty() {
        return;
    }
    for item in slices.iter_mut().flat_map(|s| s.items.iter_mut()) {
        if let Item::Anchor { name, .. } = item
            && let Some((_, printed)) = renamed.iter().find(|(plain, _)| plain == name)
        {
            *name = (*printed).to_string();
        }
    }
}

impl ChapterMemo {
    /// The block's slices from the last pass, when `page_of` gives each question the
    /// answer it had (or moves only printed page numbers, which `renumber` puts right)
    /// and `notes` are those the block found: with what it asked and the notes it left.
    pub fn reuse(
        &self,
        block: &Block,
        width: f32,
        page_of: &PageOf<'_>,
        notes: &[String],
        renumber: &Renumber<'_>,
        take: bool,
    ) -> Option<(Vec<Slice>, Asked, Option<Vec<String>>)> {
        let mut memo = self.0.lock().expect("layout memo");
        let key = key(block, width);
        let entry = memo.get_mut(&key)?;
        let left = match &entry.notes {
            Some((before, after)) if after.get(..*before) == Some(notes) => Some(after.clone()),
            Some(_) => return None,
            None => None,
        };
        let answers: Vec<Option<String>> = (entry.asked.iter())
            .map(|(question, _)| question.answer(page_of))
            .collect();
        let moved = moved_numbers(&entry.asked, &answers)?;
        let renumbered =
            (moved.iter()).all(|(old, (new, count))| renumber(&mut entry.slices, old, new, *count));
        if !renumbered {
            // Partly put right: the block is set again, and kept anew.
            memo.remove(&key);
            return None;
        }
        settle_marks(&mut entry.slices, &entry.asked, &answers);
        for ((_, had), answer) in entry.asked.iter_mut().zip(answers) {
            *had = answer;
        }
        if take {
            let entry = memo.remove(&key)?;
            return Some((entry.slices, entry.asked, left));
        }
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
                .map(|(n, l)| (Question::Label(n.to_string()), l.map(str::to_string)))
                .collect(),
            notes: notes.map(|(n, v)| (n, v.iter().map(|s| s.to_string()).collect())),
            slices: vec![Slice::space(3.0)],
        }
    }

    /// Never called: the blocks of these tests print no moved number.
    fn no_renumber(_: &mut [Slice], _: &str, _: &str, _: usize) -> bool {
        unreachable!("no number moved")
    }

    #[test]
    fn a_block_comes_back_only_with_the_same_answers_and_notes() {
        let (block, other) = (Block::Rule, Block::Rule);
        let memo = ChapterMemo::default();
        memo.keep(&block, 100.0, entry(&[("a", Some("4")), ("b", None)], None));
        let labels = |a: &'static str| move |n: &str| (n == "a").then(|| a.to_string());
        let reuse = |memo: &ChapterMemo, block, width, a, notes: &[String]| {
            memo.reuse(block, width, &labels(a), notes, &no_renumber, false)
        };
        let (slices, asked, notes) = reuse(&memo, &block, 100.0, "4", &[]).unwrap();
        assert_eq!(slices, [Slice::space(3.0)]);
        assert_eq!(asked.len(), 2);
        assert_eq!(notes, None);
        assert!(reuse(&memo, &block, 100.0, "5", &[]).is_none());
        // Another block, or the same in another column, was never kept.
        assert!(reuse(&memo, &other, 100.0, "4", &[]).is_none());
        assert!(reuse(&memo, &block, 90.0, "4", &[]).is_none());

        // Taken rather than copied: it is then gone.
        let taken = memo.reuse(&block, 100.0, &labels("4"), &[], &no_renumber, true);
        assert_eq!(taken.unwrap().0, [Slice::space(3.0)]);
        assert!(reuse(&memo, &block, 100.0, "4", &[]).is_none());

        let with_notes = ChapterMemo::default();
        with_notes.keep(&block, 100.0, entry(&[], Some((1, &["u1", "u2"]))));
        let before = ["u1".to_string()];
        let (_, _, left) = reuse(&with_notes, &block, 100.0, "4", &before).unwrap();
        assert_eq!(left.unwrap(), ["u1", "u2"]);
        let other_notes = ["u9".to_string()];
        assert!(reuse(&with_notes, &block, 100.0, "4", &other_notes).is_none());
        assert!(reuse(&with_notes, &block, 100.0, "4", &[]).is_none());
    }

    fn reference(target: &str) -> Question {
        Question::Reference {
            target: target.to_string(),
            plain: format!("ref#{target}"),
            printed: format!("ref+#{target}"),
            duplex: false,
        }
    }

    #[test]
    fn a_printed_number_that_moved_is_put_right_in_the_kept_block() {
        let block = Block::Rule;
        let memo = ChapterMemo::default();
        // Two references to page 12 (one target), one to page 30, all printed.
        let asked = vec![
            (reference("t1"), Some("12".to_string())),
            (reference("t1"), Some("12".to_string())),
            (reference("t2"), Some("30".to_string())),
        ];
        let slices = vec![Slice::space(3.0)];
        let kept = |asked: &Asked| Entry {
            asked: asked.clone(),
            notes: None,
            slices: slices.clone(),
        };
        memo.keep(&block, 100.0, kept(&asked));
        let pages = |t1: &'static str| {
            move |n: &str| match n {
                "t1" => Some(t1.to_string()),
                "t2" => Some("30".to_string()),
                "ref+#t1" | "ref+#t2" => Some("9".to_string()),
                _ => None,
            }
        };
        let calls = std::cell::RefCell::new(Vec::new());
        let renumber = |_: &mut [Slice], old: &str, new: &str, count: usize| {
            calls
                .borrow_mut()
                .push((old.to_string(), new.to_string(), count));
            true
        };
        let (_, asked_now, _) = memo
            .reuse(&block, 100.0, &pages("13"), &[], &renumber, false)
            .unwrap();
        assert_eq!(*calls.borrow(), [("12".to_string(), "13".to_string(), 2)]);
        assert_eq!(asked_now[0].1.as_deref(), Some("13"));
        // The entry now holds the new number: asked again, nothing moves.
        calls.borrow_mut().clear();
        assert!(
            memo.reuse(&block, 100.0, &pages("13"), &[], &renumber, false)
                .is_some()
        );
        assert!(calls.borrow().is_empty());
        // A block that cannot take the new digits is set again.
        let refuse = |_: &mut [Slice], _: &str, _: &str, _: usize| false;
        assert!(
            memo.reuse(&block, 100.0, &pages("14"), &[], &refuse, false)
                .is_none()
        );
    }

    #[test]
    fn a_guessed_reference_that_prints_takes_the_printed_mark() {
        let block = Block::Rule;
        let memo = ChapterMemo::default();
        let anchor = |name: &str| Item::Anchor {
            name: name.to_string(),
            y: 0.0,
        };
        // As the first pass leaves it: guessed pages printed under the plain marks.
        let slices = vec![Slice {
            items: vec![anchor("ref#t1"), anchor("ref#t2"), anchor("h")],
            ..Slice::default()
        }];
        let asked = vec![
            (reference("t1"), Some("12".to_string())),
            (reference("t2"), Some("30".to_string())),
        ];
        memo.keep(
            &block,
            100.0,
            Entry {
                asked,
                notes: None,
                slices,
            },
        );
        // t1 is where it was guessed and prints; t2 moved and prints.
        let pages = |n: &str| match n {
            "t1" => Some("12".to_string()),
            "t2" => Some("31".to_string()),
            "ref#t1" | "ref#t2" => Some("2".to_string()),
            _ => None,
        };
        let renumber = |_: &mut [Slice], old: &str, new: &str, _: usize| old == "30" && new == "31";
        let (slices, _, _) = memo
            .reuse(&block, 100.0, &pages, &[], &renumber, true)
            .unwrap();
        let names: Vec<&str> = (slices[0].items.iter())
            .filter_map(|i| match i {
                Item::Anchor { name, .. } => Some(name.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["ref+#t1", "ref+#t2", "h"]);

        // A guess whose reference does not print (its target in view): set again.
        let in_view = |n: &str| (n == "t1" || n == "ref#t1").then(|| "2".to_string());
        memo.keep(
            &block,
            100.0,
            Entry {
                asked: vec![(reference("t1"), Some("12".to_string()))],
                notes: None,
                slices: vec![Slice::space(1.0)],
            },
        );
        assert!(
            memo.reuse(&block, 100.0, &in_view, &[], &renumber, true)
                .is_none()
        );
    }

    #[test]
    fn only_printed_numbers_moving_together_can_be_put_right() {
        let page = |p: &str| Some(p.to_string());
        let asked = vec![
            (reference("t1"), page("12")),
            (reference("t2"), page("12")),
            (Question::Label("h".into()), page("3")),
        ];
        // Both references to 12 move to 13: one renumbering of two.
        let moved = moved_numbers(&asked, &[page("13"), page("13"), page("3")]).unwrap();
        assert_eq!(moved["12"], ("13".to_string(), 2));
        // One moves and the other stays: the digits alone cannot tell them apart.
        assert!(moved_numbers(&asked, &[page("13"), page("12"), page("3")]).is_none());
        // To two places, or a plain label moving, or a reference ceasing to print.
        assert!(moved_numbers(&asked, &[page("13"), page("14"), page("3")]).is_none());
        assert!(moved_numbers(&asked, &[page("12"), page("12"), page("4")]).is_none());
        assert!(moved_numbers(&asked, &[None, page("12"), page("3")]).is_none());
        // Nothing moved.
        let still = moved_numbers(&asked, &[page("12"), page("12"), page("3")]).unwrap();
        assert!(still.is_empty());
    }
}
