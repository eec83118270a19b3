//! Where an outdated translation lags: the sections of the translated page whose
//! source blocks changed or appeared since the sync, for the outdated banner's links
//! and a discreet marker on those sections' headings, and the blocks themselves
//! (`changed_blocks`), each marked too (site only: the PDF is left clean). A source
//! block belongs to the section of the heading before it; that heading is paired
//! with the translation's through the alias anchors (`anchors`).

use std::collections::{BTreeSet, HashMap};

use crate::model::{Block as ModelBlock, Page};

use super::blocks::{Alignment, Block, align, blocks};

/// Where `mark` reads the source pages: their Markdown bodies now by path, and for
/// `serve --translator` (`then` given) as they were at a commit, `(path, commit)`,
/// for word diffs (`None` outside git).
pub struct SourceBodies<'a> {
    pub now: &'a dyn Fn(&str) -> Option<String>,
    pub then: Option<&'a BodyAt<'a>>,
}

/// A source page's body as it was at a commit: `(path, commit)`.
pub type BodyAt<'a> = dyn Fn(&str, &str) -> Option<String> + 'a;

/// Sets `changed_sections` and `changed_blocks` on each outdated translation that
/// `only` accepts and whose record has block fingerprints. Under `serve --translator`
/// (`bodies.then` given) each changed block also carries the source's text.
pub fn mark(
    pages: &mut [Page],
    source_locale: &str,
    only: impl Fn(&Page) -> bool,
    bodies: &SourceBodies,
) {
    let sources: HashMap<String, Vec<String>> = pages
        .iter()
        .filter(|p| p.locale == source_locale && p.fallback.is_none())
        .map(|p| (p.path.clone(), heading_ids(&p.blocks)))
        .collect();
    let mut read: HashMap<String, Option<String>> = HashMap::new();
    for page in pages.iter_mut().filter(|p| p.fallback.is_none() && only(p)) {
        page.changed_sections.clear();
        page.changed_blocks.clear();
        if !page.outdated {
            continue;
        }
        let Some(record) = page.front.l10n.as_ref().filter(|r| !r.blocks.is_empty()) else {
            continue;
        };
        let Some(source_ids) = sources.get(&page.path) else {
            continue;
        };
        let body = read
            .entry(page.path.clone())
            .or_insert_with(|| (bodies.now)(&page.path));
        let Some(body) = body else {
            continue;
        };
        let now = blocks(body);
        let fingerprints: Vec<String> = now.iter().map(|b| b.fingerprint.clone()).collect();
        let alignment = align(&record.blocks, &fingerprints);
        // The source's texts at the sync, by fingerprint, for word diffs.
        let old: Option<HashMap<String, String>> = bodies.then.map(|then| {
            let old_body = (record.source_commit.as_deref())
                .filter(|_| !alignment.changed.is_empty())
                .and_then(|commit| then(&page.path, commit))
                .unwrap_or_default();
            blocks(&old_body)
                .into_iter()
                .map(|b| (b.fingerprint, b.text))
                .collect()
        });
        let changed_blocks =
            super::changed_blocks::find(page, &record.blocks, &now, &alignment, old.as_ref());
        let ours = heading_ids(&page.blocks);
        let mut changed = Vec::new();
        for section in changed_headings(&now, &alignment) {
            // Before the first heading: the page's top, shown by the banner itself.
            let Some(id) = section.and_then(|k| source_ids.get(k)) else {
                continue;
            };
            let own = page
                .anchor_aliases
                .iter()
                .find(|(_, alias)| alias == id)
                .map(|(own, _)| own.clone())
                .or_else(|| ours.contains(id).then(|| id.clone()));
            let Some(own) = own else {
                continue;
            };
            if !changed.contains(&own) {
                changed.push(own);
            }
        }
        page.changed_sections = changed;
        page.changed_blocks = changed_blocks;
    }
}

/// For each changed or new source block, in source order, then each removed one, the
/// index (among the source's headings) of the heading whose section holds it (`None`
/// before the first heading).
fn changed_headings(now: &[Block], alignment: &Alignment) -> Vec<Option<usize>> {
    let mut section_of = Vec::with_capacity(now.len());
    let mut heading: Option<usize> = None;
    for block in now {
        if block.kind == "heading" {
            heading = Some(heading.map_or(0, |h| h + 1));
        }
        section_of.push(heading);
    }
    let mut changed: BTreeSet<usize> = alignment.changed.iter().map(|(_, at)| *at).collect();
    changed.extend(alignment.new.iter().copied());
    let mut sections: Vec<Option<usize>> = changed.into_iter().map(|at| section_of[at]).collect();
    // A removed block was where the block before it (still in the source) is now.
    let mut now_of = HashMap::new();
    for &(recorded, at) in alignment.same.iter().chain(&alignment.changed) {
        now_of.insert(recorded, at);
    }
    for &gone in &alignment.removed {
        let before = (0..gone).rev().find_map(|r| now_of.get(&r));
        sections.push(before.and_then(|&at| section_of[at]));
    }
    sections
}

/// The ids of a page's headings, in order.
fn heading_ids(blocks: &[ModelBlock]) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            ModelBlock::Heading { id, .. } => out.push(id.to_string()),
            ModelBlock::Quote { blocks, .. } => out.extend(heading_ids(blocks)),
            ModelBlock::List { items, .. } => {
                for item in items {
                    out.extend(heading_ids(&item.blocks));
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::l10n::blocks::fingerprints;

    #[test]
    fn changes_belong_to_the_section_before_them() {
        let old = "Intro.\n\n## A\n\nUn.\n\n## B\n\nDeux.\n\n## C\n\nQuatre.\n\nCinq.\n";
        let new = "Intro changée.\n\n## A\n\nUn.\n\n## B\n\nDeux, modifié.\n\nTrois.\n\n## C\n\nQuatre.\n";
        let now = blocks(new);
        let current: Vec<String> = now.iter().map(|b| b.fingerprint.clone()).collect();
        let found = changed_headings(&now, &align(&fingerprints(old), &current));
        assert_eq!(found, [None, Some(1), Some(1), Some(2)]);
    }
}
