//! The state of each page's translation in a locale.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::L10nRecord;

use super::blocks::{self, BlockCounts};
use super::hash::{body_hash, section_hashes};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageState {
    /// No translation: the build shows the source page with a notice.
    Missing,
    /// A translation without an `[l10n]` record: nobody said what it was made from.
    Untracked,
    /// The source changed since the translation was synced.
    Outdated,
    /// A translation whose source page no longer exists.
    Orphan,
    Ok,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageStatus {
    /// Below `content/<locale>/`.
    pub path: String,
    pub state: PageState,
    /// For outdated pages whose record has no block fingerprints: the source
    /// sections that changed, were added or removed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed_sections: Vec<String>,
    /// The source commit the translation was made from, when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_commit: Option<String>,
    /// Block by block, for translations whose record has fingerprints.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocks: Option<BlockCounts>,
    /// The changed and new source blocks, in source order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed_blocks: Vec<BlockChange>,
    /// Ok because every source commit since the sync says `l10n: trivial`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub trivial: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockChange {
    /// `changed` or `new`.
    pub change: &'static str,
    pub kind: &'static str,
    /// Line of the block in the source file now.
    pub line: usize,
    /// For a changed block, a word diff of its source since the sync, when the old
    /// source could be found (see [`fill_diff`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
    /// The index of the changed block in the record, and its text now.
    #[serde(skip)]
    recorded: Option<usize>,
    #[serde(skip)]
    text: String,
}

/// A source page: its path and Markdown body.
pub struct Source<'a> {
    pub path: &'a str,
    pub body: &'a str,
    /// Lines before the body in its file (the front matter's).
    pub line_offset: usize,
    /// The body's blocks, split once for every locale that needs them.
    blocks: std::cell::OnceCell<Vec<blocks::Block>>,
}

impl<'a> Source<'a> {
    pub fn new(path: &'a str, body: &'a str, line_offset: usize) -> Self {
        Source {
            path,
            body,
            line_offset,
            blocks: std::cell::OnceCell::new(),
        }
    }

    fn blocks(&self) -> &[blocks::Block] {
        self.blocks.get_or_init(|| blocks::blocks(self.body))
    }
}

/// A translated page: its path and what it records of its source.
pub struct Translation<'a> {
    pub path: &'a str,
    pub record: Option<&'a L10nRecord>,
}

/// True when the translation was synced with this very source body.
pub fn is_current(record: &L10nRecord, source_body: &str) -> bool {
    record.source_hash == body_hash(source_body)
        || (!record.blocks.is_empty()
            && blocks::align(&record.blocks, &blocks::fingerprints(source_body))
                .counts
                .is_current())
}

/// The block counts and changes of a translation whose record has fingerprints.
fn block_changes(record: &L10nRecord, source: &Source) -> (BlockCounts, Vec<BlockChange>) {
    let now = source.blocks();
    let fingerprints: Vec<String> = now.iter().map(|b| b.fingerprint.clone()).collect();
    let alignment = blocks::align(&record.blocks, &fingerprints);
    let change = |change, recorded, at: usize| {
        let block = &now[at];
        BlockChange {
            change,
            kind: block.kind,
            line: block.line + source.line_offset,
            diff: None,
            recorded,
            text: block.text.clone(),
        }
    };
    let mut changes: Vec<BlockChange> = alignment
        .changed
        .iter()
        .map(|&(old, at)| change("changed", Some(old), at))
        .chain(alignment.new.iter().map(|&at| change("new", None, at)))
        .collect();
    changes.sort_by_key(|c| c.line);
    (alignment.counts, changes)
}

/// Adds to each changed block the word diff of its source since the sync, given the
/// source body as it was then (read from git by the caller); blocks whose old text
/// is not in that body keep their counts only.
pub fn fill_diff(status: &mut PageStatus, record: &L10nRecord, old_body: &str) {
    let old: BTreeMap<String, String> = blocks::blocks(old_body)
        .into_iter()
        .map(|b| (b.fingerprint, b.text))
        .collect();
    for change in &mut status.changed_blocks {
        if let Some(text) = change
            .recorded
            .and_then(|i| record.blocks.get(i))
            .and_then(|fp| old.get(fp))
        {
            change.diff = Some(blocks::word_diff(text, &change.text));
        }
    }
}

/// Every page of the source and of the translation, in path order.
pub fn statuses(sources: &[Source], translations: &[Translation]) -> Vec<PageStatus> {
    let translated: BTreeMap<&str, &Translation> =
        translations.iter().map(|t| (t.path, t)).collect();
    let source_paths: BTreeSet<&str> = sources.iter().map(|s| s.path).collect();
    let mut out: Vec<PageStatus> = sources
        .iter()
        .map(|source| {
            let status = |state| PageStatus {
                path: source.path.to_string(),
                state,
                changed_sections: Vec::new(),
                source_commit: None,
                blocks: None,
                changed_blocks: Vec::new(),
                trivial: false,
            };
            match translated.get(source.path) {
                None => status(PageState::Missing),
                Some(Translation { record: None, .. }) => status(PageState::Untracked),
                Some(Translation {
                    record: Some(record),
                    ..
                }) if record.source_hash == body_hash(source.body) => PageStatus {
                    blocks: (!record.blocks.is_empty()).then(|| BlockCounts {
                        current: record.blocks.len(),
                        ..BlockCounts::default()
                    }),
                    ..status(PageState::Ok)
                },
                Some(Translation {
                    record: Some(record),
                    ..
                }) if record.blocks.is_empty() => PageStatus {
                    changed_sections: changed_sections(&record.sections, source.body),
                    source_commit: record.source_commit.clone(),
                    ..status(PageState::Outdated)
                },
                Some(Translation {
                    record: Some(record),
                    ..
                }) => {
                    let (counts, changes) = block_changes(record, source);
                    if counts.is_current() {
                        PageStatus {
                            blocks: Some(counts),
                            ..status(PageState::Ok)
                        }
                    } else {
                        // The blocks say where: sections would also name those
                        // only re-wrapped.
                        PageStatus {
                            source_commit: record.source_commit.clone(),
                            blocks: Some(counts),
                            changed_blocks: changes,
                            ..status(PageState::Outdated)
                        }
                    }
                }
            }
        })
        .collect();
    out.extend(
        translations
            .iter()
            .filter(|t| !source_paths.contains(t.path))
            .map(|t| PageStatus {
                path: t.path.to_string(),
                state: PageState::Orphan,
                changed_sections: Vec::new(),
                source_commit: None,
                blocks: None,
                changed_blocks: Vec::new(),
                trivial: false,
            }),
    );
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn changed_sections(recorded: &BTreeMap<String, String>, source_body: &str) -> Vec<String> {
    let current = section_hashes(source_body);
    let mut changed: Vec<String> = current
        .iter()
        .filter(|(id, hash)| recorded.get(*id) != Some(*hash))
        .map(|(id, _)| {
            if recorded.contains_key(id) {
                id.clone()
            } else {
                format!("{id} (new)")
            }
        })
        .collect();
    changed.extend(
        recorded
            .keys()
            .filter(|id| !current.contains_key(*id))
            .map(|id| format!("{id} (removed)")),
    );
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::l10n::hash::section_hashes;

    fn record(body: &str) -> L10nRecord {
        L10nRecord {
            source_hash: body_hash(body),
            source_commit: None,
            sections: section_hashes(body),
            blocks: Vec::new(),
        }
    }

    #[test]
    fn every_state() {
        let old = "Intro.\n\n## A {#a}\nUn.\n\n## B {#b}\nDeux.\n";
        let new = "Intro.\n\n## A {#a}\nUn, modifié.\n\n## C {#c}\nTrois.\n";
        let current = record("Texte.\n");
        let synced_old = record(old);
        let sources = [
            Source::new("a.md", "Texte.\n", 0),
            Source::new("b.md", new, 0),
            Source::new("c.md", "", 0),
            Source::new("d.md", "", 0),
        ];
        let translations = [
            Translation {
                path: "a.md",
                record: Some(&current),
            },
            Translation {
                path: "b.md",
                record: Some(&synced_old),
            },
            Translation {
                path: "c.md",
                record: None,
            },
            Translation {
                path: "z.md",
                record: None,
            },
        ];
        let states: Vec<(String, PageState, Vec<String>)> = statuses(&sources, &translations)
            .into_iter()
            .map(|s| (s.path, s.state, s.changed_sections))
            .collect();
        assert_eq!(
            states,
            [
                ("a.md".into(), PageState::Ok, vec![]),
                (
                    "b.md".into(),
                    PageState::Outdated,
                    vec!["a".to_string(), "c (new)".into(), "b (removed)".into()]
                ),
                ("c.md".into(), PageState::Untracked, vec![]),
                ("d.md".into(), PageState::Missing, vec![]),
                ("z.md".into(), PageState::Orphan, vec![]),
            ]
        );
    }
}
