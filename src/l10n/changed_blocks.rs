//! Which blocks of an outdated translation stand for source blocks that changed,
//! appeared or went since the sync, for a discreet marker on each in the site (and,
//! under `serve --translator`, the source's text now beside it).
//!
//! The record's fingerprints say which source blocks the translation was made from;
//! the translation itself holds no fingerprint of its own text, so its blocks are
//! paired with the recorded ones by structure: the kinds of the two sequences are
//! aligned (a longest common subsequence, a recorded block gone from the source
//! matching any kind). A translation made block for block pairs one to one. A new
//! source block has no counterpart: the translated block before it (after it at the
//! page's top) carries its marker. A translated block whose source block is gone is
//! marked too: the translator has a passage to remove.

use std::collections::HashMap;

use crate::model::{ChangedBlock, Numbered, Page, SourceChange, SourceText};

use super::blocks::{Alignment, Block, word_changes};

/// Past this many cells the alignment table is not built and blocks pair by order.
const MAX_TABLE: usize = 4_000_000;

/// The changed blocks of `page`. `recorded` is its record's fingerprints, `now` the
/// source's blocks and `alignment` the two aligned; `sources` carries the source's
/// texts (`serve --translator`), with `old` the text of each recorded fingerprint at
/// the sync when git has it, for word diffs.
pub fn find(
    page: &Page,
    recorded: &[String],
    now: &[Block],
    alignment: &Alignment,
    sources: Option<&HashMap<String, String>>,
) -> Vec<ChangedBlock> {
    let mut recorded_kinds: Vec<Option<&str>> = vec![None; recorded.len()];
    let mut recorded_of = vec![None; now.len()];
    for &(r, c) in alignment.same.iter().chain(&alignment.changed) {
        if let Some(kind) = recorded_kinds.get_mut(r) {
            *kind = Some(now[c].kind);
        }
        recorded_of[c] = Some(r);
    }
    // The heading that gave the page its title is no block of the body any more, but
    // the record counts it: a unit without a number stands in for it.
    let numbered = Numbered::new(page);
    let mut units: Vec<(&str, Option<usize>)> = Vec::with_capacity(numbered.kinds.len() + 1);
    if page.title_id.is_some() {
        units.push(("heading", None));
    }
    units.extend(
        numbered
            .kinds
            .iter()
            .enumerate()
            .map(|(number, kind)| (kind.name(), Some(number))),
    );
    let unit_of = pair(&recorded_kinds, &units);
    let number_of = |c: usize| {
        recorded_of[c]
            .and_then(|r| unit_of[r])
            .and_then(|u| units[u].1)
    };
    // (number, place among the source's blocks now, the source's text): a removed
    // block, with no place now, comes after the others of its translated block.
    let mut found: Vec<(usize, usize, SourceText)> = Vec::new();
    let old = |r: usize| {
        sources
            .and_then(|s| s.get(&recorded[r]))
            .map(String::as_str)
    };
    let text = |c: usize, change, old: Option<&str>| SourceText {
        change,
        text: now[c].text.clone(),
        diff: old
            .map(|o| word_changes(o, &now[c].text))
            .unwrap_or_default(),
    };
    for &(r, c) in &alignment.changed {
        if let Some(number) = number_of(c) {
            found.push((number, c, text(c, SourceChange::Changed, old(r))));
        }
    }
    for &c in &alignment.new {
        let before = (0..c).rev().find_map(number_of);
        if let Some(number) = before.or_else(|| (c + 1..now.len()).find_map(number_of)) {
            found.push((number, c, text(c, SourceChange::Added, None)));
        }
    }
    for &r in &alignment.removed {
        if let Some(number) = unit_of[r].and_then(|u| units[u].1) {
            let source = SourceText {
                change: SourceChange::Removed,
                text: old(r).unwrap_or_default().to_string(),
                diff: Vec::new(),
            };
            found.push((number, usize::MAX, source));
        }
    }
    found.sort_by_key(|(number, c, _)| (*number, *c));
    let mut out: Vec<ChangedBlock> = Vec::new();
    for (number, _, source) in found {
        if out.last().is_none_or(|last| last.number != number) {
            out.push(ChangedBlock {
                number,
                sources: Vec::new(),
            });
        }
        if sources.is_some()
            && let Some(last) = out.last_mut()
        {
            last.sources.push(source);
        }
    }
    out
}

/// For each recorded block, the unit of the translation paired with it: the longest
/// common subsequence of the two kind sequences, a kind match weighing more than a
/// recorded block of unknown kind (gone from the source) matching anything.
fn pair(recorded: &[Option<&str>], units: &[(&str, Option<usize>)]) -> Vec<Option<usize>> {
    let (n, m) = (recorded.len(), units.len());
    let weight = |r: usize, u: usize| match recorded[r] {
        Some(kind) if kind == units[u].0 => 2,
        Some(_) => 0,
        None => 1,
    };
    let in_order = || {
        (0..n)
            .map(|r| (r < m && weight(r, r) > 0).then_some(r))
            .collect()
    };
    if n == m && (0..n).all(|r| weight(r, r) > 0) {
        return in_order();
    }
    if (n + 1) * (m + 1) > MAX_TABLE {
        return in_order();
    }
    // best[i][j]: the best weight pairing recorded[i..] with units[j..].
    let width = m + 1;
    let mut best = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let w = weight(i, j);
            let mut score = best[(i + 1) * width + j].max(best[i * width + j + 1]);
            if w > 0 {
                score = score.max(best[(i + 1) * width + j + 1] + w);
            }
            best[i * width + j] = score;
        }
    }
    let mut out = vec![None; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        let w = weight(i, j);
        if w > 0 && best[i * width + j] == best[(i + 1) * width + j + 1] + w {
            out[i] = Some(j);
            i += 1;
            j += 1;
        } else if best[i * width + j] == best[(i + 1) * width + j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::l10n::blocks::{align, blocks, fingerprints};

    fn page(markdown: &str) -> Page {
        let diagnostics = crate::diagnostic::Diagnostics::new();
        let file = crate::model::SourceFile {
            path: "content/en/p.md".into(),
            text: format!("+++\ntitle = \"T\"\n+++\n{markdown}"),
        };
        crate::parse::page::parse(&file, Default::default(), &diagnostics).unwrap()
    }

    /// The numbers marked in `translation` once the source went from `old` to `new`.
    fn marked(old: &str, new: &str, translation: &str) -> Vec<usize> {
        let recorded = fingerprints(old);
        let now = blocks(new);
        let current: Vec<String> = now.iter().map(|b| b.fingerprint.clone()).collect();
        let alignment = align(&recorded, &current);
        find(&page(translation), &recorded, &now, &alignment, None)
            .into_iter()
            .map(|b| b.number)
            .collect()
    }

    #[test]
    fn a_changed_block_marks_its_translation() {
        let old = "## A\n\nUn.\n\n- x\n- y\n\n## B\n\nDeux.\n";
        let new = "## A\n\nUn.\n\n- x\n- y changé\n\n## B\n\nDeux changé.\n";
        let translation = "## A\n\nOne.\n\n- x\n- y\n\n## B\n\nTwo.\n";
        // heading 0, paragraph 1, items 2 and 3, heading 4, paragraph 5.
        assert_eq!(marked(old, new, translation), [3, 5]);
    }

    #[test]
    fn a_new_block_marks_the_one_before_it() {
        let old = "Intro.\n\n## A\n\nUn.\n";
        let new = "Nouveau début.\n\nIntro.\n\n## A\n\nUn.\n\nDeux.\n";
        let translation = "Intro.\n\n## A\n\nOne.\n";
        // At the top, the block after it; later, the one before.
        assert_eq!(marked(old, new, translation), [0, 2]);
    }

    #[test]
    fn a_block_gone_from_the_source_marks_its_translation() {
        let old = "Un.\n\nDeux.\n\n## A\n\nTrois.\n";
        let new = "Un.\n\n## A\n\nTrois.\n";
        let translation = "One.\n\nTwo.\n\n## A\n\nThree.\n";
        assert_eq!(marked(old, new, translation), [1]);
    }

    #[test]
    fn a_translation_with_a_block_less_still_pairs_the_rest() {
        let old = "Un.\n\nDeux.\n\n## A\n\nTrois.\n";
        let new = "Un.\n\nDeux.\n\n## A\n\nTrois changé.\n";
        // The translator merged the first two paragraphs.
        let translation = "One and two.\n\n## A\n\nThree.\n";
        assert_eq!(marked(old, new, translation), [2]);
    }

    #[test]
    fn the_title_heading_counts_in_the_record() {
        let old = "# Titre\n\nUn.\n";
        let new = "# Titre\n\nUn changé.\n";
        let diagnostics = crate::diagnostic::Diagnostics::new();
        let file = crate::model::SourceFile {
            path: "content/en/p.md".into(),
            text: "# Title\n\nOne.\n".into(),
        };
        let translation = crate::parse::page::parse(&file, Default::default(), &diagnostics);
        let translation = translation.unwrap();
        assert!(translation.title_id.is_some());
        let recorded = fingerprints(old);
        let now = blocks(new);
        let current: Vec<String> = now.iter().map(|b| b.fingerprint.clone()).collect();
        let found = find(
            &translation,
            &recorded,
            &now,
            &align(&recorded, &current),
            None,
        );
        assert_eq!(found.iter().map(|b| b.number).collect::<Vec<_>>(), [0]);
    }

    /// The model numbers a page's blocks as `l10n::blocks` cuts its Markdown: a
    /// translation made block for block pairs one to one.
    #[test]
    fn the_model_numbers_blocks_as_markdown_is_cut() {
        let body = "## Titre\n\nUn paragraphe[^n].\n\n- un\n- deux\n  - dedans\n\n> [!NOTE]\n> Une note.\n\n\
            | a | b |\n|---|---|\n| 1 | 2 |\n\n```sh\nls\n```\n\n```decision-tree\ntree = \"priority\"\n```\n\n\
            <div>brut</div>\n\n![Schéma](schema.png)\n\n---\n\n1. premier\n\n[^n]: Note.\n";
        let cut: Vec<&str> = blocks(body).iter().map(|b| b.kind).collect();
        let numbered: Vec<&str> = (Numbered::new(&page(body)).kinds.iter())
            .map(|k| k.name())
            .collect();
        assert_eq!(numbered, cut);
    }
}
