//! Block fingerprints of a source page and their alignment: a translation records
//! one short hash per source block (heading, paragraph, list item, table row, quote,
//! code block, tree embed) when it is synced, and `l10n status` aligns that sequence
//! with the source's blocks now (a diff over the two sequences) to say which blocks
//! are current, changed, new, removed or only moved. Prose is hashed with its
//! whitespace collapsed, so re-wrapping a paragraph changes no fingerprint.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use sha2::{Digest, Sha256};
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff, capture_diff_slices};

use crate::model::WordChange;

/// One block of a source body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: &'static str,
    /// The normalised text the fingerprint is made from.
    pub text: String,
    pub fingerprint: String,
    /// 1-based line in the body.
    pub line: usize,
    /// Where the block's Markdown is in the body (what exchange formats replace).
    pub range: Range<usize>,
}

/// The blocks of a Markdown body, in order.
pub fn blocks(body: &str) -> Vec<Block> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    options.insert(Options::ENABLE_FOOTNOTES);
    let mut out = Vec::new();
    // The container being taken whole (quote, code, item, row...) swallows what is
    // inside it; an item stops where a nested list starts, whose items count apart.
    let mut open: Option<(&'static str, Range<usize>, usize)> = None;
    let mut depth = 0usize;
    // Lines are counted on from the last block: blocks come in order.
    let (mut counted_to, mut line) = (0, 1);
    let mut push = |kind: &'static str, range: Range<usize>| {
        let raw = &body[range.clone()];
        let text = if kind == "code" || kind == "tree" {
            code_text(raw)
        } else {
            let mut text = String::with_capacity(raw.len());
            for word in raw.split_whitespace() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(word);
            }
            text
        };
        if text.is_empty() {
            return;
        }
        if range.start >= counted_to {
            line += body[counted_to..range.start].matches('\n').count();
            counted_to = range.start;
        }
        out.push(Block {
            kind,
            fingerprint: fingerprint(kind, &text),
            text,
            line,
            range,
        });
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if let Some((kind, start, at_depth)) = &open {
                    if *kind == "item" && matches!(tag, Tag::List(_)) && depth == at_depth + 1 {
                        push("item", start.start..range.start);
                        open = None;
                    } else {
                        depth += 1;
                        continue;
                    }
                }
                let kind = match &tag {
                    Tag::Heading { .. } => Some("heading"),
                    Tag::Paragraph => Some("paragraph"),
                    Tag::Item => Some("item"),
                    Tag::BlockQuote(_) => Some("quote"),
                    Tag::TableHead | Tag::TableRow => Some("row"),
                    Tag::CodeBlock(CodeBlockKind::Fenced(info))
                        if info.split_whitespace().next() == Some("decision-tree") =>
                    {
                        Some("tree")
                    }
                    Tag::CodeBlock(_) => Some("code"),
                    Tag::HtmlBlock => Some("html"),
                    Tag::FootnoteDefinition(_) => Some("footnote"),
                    _ => None,
                };
                if let Some(kind) = kind {
                    open = Some((kind, range.clone(), depth));
                }
                depth += 1;
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                if let Some((kind, start, at_depth)) = &open
                    && depth == *at_depth
                {
                    let end = if matches!(tag, TagEnd::Item) {
                        range.end
                    } else {
                        start.end.max(range.end)
                    };
                    push(kind, start.start..end);
                    open = None;
                }
            }
            _ => {}
        }
    }
    out
}

/// Code keeps its indentation: only trailing spaces and outer blank lines go.
fn code_text(raw: &str) -> String {
    let lines: Vec<&str> = raw.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// Eight hex digits: compact enough for a front matter list, and a clash between
/// two blocks of one page is what it would take to miss a change.
pub(crate) fn fingerprint(kind: &str, text: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(kind.as_bytes());
    hasher.update([0]);
    hasher.update(text.as_bytes());
    hasher.finalize()[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The fingerprints of a body's blocks, as a translation records them.
pub fn fingerprints(body: &str) -> Vec<String> {
    blocks(body).into_iter().map(|b| b.fingerprint).collect()
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BlockCounts {
    pub current: usize,
    pub changed: usize,
    pub new: usize,
    pub removed: usize,
    /// Blocks found unchanged elsewhere in the page (one for two swapped blocks:
    /// the other kept its place in the common order).
    pub moved: usize,
}

impl BlockCounts {
    /// Only moves (or nothing): the translation needs no work.
    pub fn is_current(&self) -> bool {
        self.changed == 0 && self.new == 0 && self.removed == 0
    }
}

/// How the recorded fingerprints map onto the current ones (indices into each).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Alignment {
    pub counts: BlockCounts,
    /// `(recorded, current)` pairs of a block whose text changed.
    pub changed: Vec<(usize, usize)>,
    pub new: Vec<usize>,
    pub removed: Vec<usize>,
    /// `(recorded, current)` pairs of a block found unchanged, in place or moved.
    pub same: Vec<(usize, usize)>,
}

/// Aligns the fingerprints recorded at sync with the source's now.
pub fn align(recorded: &[String], current: &[String]) -> Alignment {
    let ops = capture_diff_slices(Algorithm::Myers, recorded, current);
    let mut alignment = Alignment::default();
    // Deleted and inserted runs, kept per diff op so that a replaced run pairs up
    // its blocks as changed ones.
    let mut runs: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                alignment.counts.current += len;
                alignment
                    .same
                    .extend((0..len).map(|k| (old_index + k, new_index + k)));
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => runs.push(((old_index..old_index + old_len).collect(), Vec::new())),
            DiffOp::Insert {
                new_index, new_len, ..
            } => runs.push((Vec::new(), (new_index..new_index + new_len).collect())),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => runs.push((
                (old_index..old_index + old_len).collect(),
                (new_index..new_index + new_len).collect(),
            )),
        }
    }
    // A block that left one place and shows up unchanged in another moved.
    let mut inserted: HashMap<&str, Vec<usize>> = HashMap::new();
    for (_, new) in &runs {
        for &i in new {
            inserted.entry(current[i].as_str()).or_default().push(i);
        }
    }
    let mut moved_to = Vec::new();
    for (old, _) in &mut runs {
        old.retain(|&i| {
            let Some(places) = inserted.get_mut(recorded[i].as_str()) else {
                return true;
            };
            if places.is_empty() {
                return true;
            }
            let to = places.remove(0);
            moved_to.push(to);
            alignment.same.push((i, to));
            false
        });
    }
    alignment.counts.moved = moved_to.len();
    for (old, mut new) in runs {
        new.retain(|i| !moved_to.contains(i));
        let paired = old.len().min(new.len());
        alignment
            .changed
            .extend(old.iter().copied().zip(new.iter().copied()));
        alignment.removed.extend(&old[paired..]);
        alignment.new.extend(&new[paired..]);
    }
    alignment.same.sort_unstable();
    alignment.counts.changed = alignment.changed.len();
    alignment.counts.new = alignment.new.len();
    alignment.counts.removed = alignment.removed.len();
    alignment
}

/// A word-level diff, `[-gone-]{+added+}` as `git diff --word-diff` writes it.
pub fn word_diff(old: &str, new: &str) -> String {
    let mut out = String::new();
    for change in word_changes(old, new) {
        let _ = match change {
            WordChange::Same(words) => write!(out, "{words}"),
            WordChange::Gone(words) => write!(out, "[-{words}-]"),
            WordChange::Added(words) => write!(out, "{{+{words}+}}"),
        };
    }
    out
}

/// A word-level diff as runs of words kept, gone and added.
pub fn word_changes(old: &str, new: &str) -> Vec<WordChange> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<WordChange> = Vec::new();
    for change in diff.iter_all_changes() {
        let value = change.value();
        match (change.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(WordChange::Same(run)))
            | (ChangeTag::Delete, Some(WordChange::Gone(run)))
            | (ChangeTag::Insert, Some(WordChange::Added(run))) => run.push_str(value),
            (ChangeTag::Equal, _) => out.push(WordChange::Same(value.to_string())),
            (ChangeTag::Delete, _) => out.push(WordChange::Gone(value.to_string())),
            (ChangeTag::Insert, _) => out.push(WordChange::Added(value.to_string())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(body: &str) -> Vec<(&'static str, String)> {
        blocks(body).into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn every_kind_of_block() {
        let body = "# Titre {#t}\n\nUn paragraphe\nsur deux lignes.\n\n- un\n- deux\n  - dedans\n\n> cité\n> encore\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```sh\n  ls  \n```\n\n```decision-tree\nid = \"x\"\n```\n";
        assert_eq!(
            kinds(body),
            [
                ("heading", "# Titre {#t}".to_string()),
                ("paragraph", "Un paragraphe sur deux lignes.".into()),
                ("item", "- un".into()),
                ("item", "- deux".into()),
                ("item", "- dedans".into()),
                ("quote", "> cité > encore".into()),
                ("row", "| a | b |".into()),
                ("row", "| 1 | 2 |".into()),
                ("code", "```sh\n  ls\n```".into()),
                ("tree", "```decision-tree\nid = \"x\"\n```".into()),
            ]
        );
        assert_eq!(blocks(body)[1].line, 3);
    }

    #[test]
    fn rewrapping_changes_no_fingerprint() {
        let one = "Un long paragraphe qui\ntient sur deux lignes.\n\n- un item  \n  continué\n";
        let two = "Un long   paragraphe\nqui tient sur\ndeux lignes.\n\n\n- un item continué\n";
        assert_eq!(fingerprints(one), fingerprints(two));
        assert_ne!(fingerprints(one), fingerprints("Un autre paragraphe.\n"));
    }

    #[test]
    fn alignment_counts_each_kind_of_change() {
        let fp = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        // b changed, e added, c removed, f and g swapped.
        let old = fp(&["a", "b", "c", "d", "f", "g"]);
        let new = fp(&["a", "B", "d", "e", "g", "f"]);
        let alignment = align(&old, &new);
        assert_eq!(
            alignment.counts,
            BlockCounts {
                current: 3,
                changed: 1,
                new: 1,
                removed: 1,
                moved: 1
            }
        );
        assert_eq!(alignment.changed, [(1, 1)]);
        let swapped = align(&fp(&["a", "b", "c"]), &fp(&["a", "c", "b"]));
        assert!(swapped.counts.is_current());
        assert_eq!(swapped.counts.moved, 1);
    }

    #[test]
    fn word_diffs_mark_what_changed() {
        assert_eq!(
            word_diff("Appeler le support.", "Appeler le support technique."),
            "Appeler le [-support.-]{+support technique.+}"
        );
    }
}
