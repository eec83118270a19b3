//! Stable anchors across locales: each translated heading is paired with the source
//! heading it translates (by order when both pages have as many headings, else by a
//! diff over their levels) and answers to that heading's id as well as its own, so a
//! link or a shared URL naming `page.md#source-id` lands in every locale, and the
//! language switcher can keep a reader's place. Fallback pages carry the source's
//! headings and need nothing.

use std::collections::{BTreeSet, HashMap};

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::model::{Block, Page};

/// Sets `anchor_aliases` on every translation of a source page.
pub fn alias_source_ids(pages: &mut [Page], source_locale: &str) {
    let sources: HashMap<String, Vec<(u8, String)>> = pages
        .iter()
        .filter(|p| p.locale == source_locale && p.fallback.is_none())
        .map(|p| (p.path.clone(), headings(&p.blocks)))
        .collect();
    for page in pages
        .iter_mut()
        .filter(|p| p.locale != source_locale && p.fallback.is_none())
    {
        if let Some(source) = sources.get(&page.path) {
            page.anchor_aliases = aliases(source, &headings(&page.blocks));
        }
    }
}

/// `(level, id)` of each heading, in order, inside quotes and lists too.
fn headings(blocks: &[Block]) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Heading { level, id, .. } => out.push((*level, id.to_string())),
            Block::Quote { blocks, .. } => out.extend(headings(blocks)),
            Block::List { items, .. } => {
                for item in items {
                    out.extend(headings(&item.blocks));
                }
            }
            _ => {}
        }
    }
    out
}

/// `(translation id, source id)` for each paired heading whose ids differ; a source
/// id the translation already uses for a heading of its own is left out (ids stay
/// unique in the page).
pub fn aliases(source: &[(u8, String)], translation: &[(u8, String)]) -> Vec<(String, String)> {
    let pairs: Vec<(usize, usize)> = if source.len() == translation.len() {
        (0..source.len()).map(|i| (i, i)).collect()
    } else {
        let levels = |h: &[(u8, String)]| h.iter().map(|(l, _)| *l).collect::<Vec<_>>();
        capture_diff_slices(Algorithm::Myers, &levels(source), &levels(translation))
            .into_iter()
            .flat_map(|op| match op {
                DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => (0..len).map(|i| (old_index + i, new_index + i)).collect(),
                _ => Vec::new(),
            })
            .collect()
    };
    let mut taken: BTreeSet<&str> = translation.iter().map(|(_, id)| id.as_str()).collect();
    let mut out = Vec::new();
    for (s, t) in pairs {
        let (ours, theirs) = (&translation[t].1, &source[s].1);
        if taken.insert(theirs.as_str()) {
            out.push((ours.clone(), theirs.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(list: &[(u8, &str)]) -> Vec<(u8, String)> {
        list.iter().map(|(l, id)| (*l, id.to_string())).collect()
    }

    #[test]
    fn translated_headings_answer_to_the_source_ids() {
        let source = h(&[(2, "avant"), (2, "pendant"), (3, "details")]);
        let translation = h(&[(2, "avant"), (2, "during"), (3, "details-1")]);
        assert_eq!(
            aliases(&source, &translation),
            [
                ("during".to_string(), "pendant".to_string()),
                ("details-1".into(), "details".into())
            ]
        );
    }

    #[test]
    fn no_id_twice_and_extra_headings_skipped() {
        // The translation's second heading is already called `b`: no alias `b`.
        let source = h(&[(2, "a"), (2, "b")]);
        let translation = h(&[(2, "b"), (2, "x")]);
        assert_eq!(
            aliases(&source, &translation),
            [("b".to_string(), "a".into())]
        );
        // One heading more in the translation: pairs follow the levels.
        let source = h(&[(2, "a"), (3, "b")]);
        let translation = h(&[(2, "one"), (2, "extra"), (3, "two")]);
        let found = aliases(&source, &translation);
        assert!(
            found.contains(&("two".to_string(), "b".to_string())),
            "{found:?}"
        );
    }
}
