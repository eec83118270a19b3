//! Where an outdated translation lags: the sections of the translated page whose
//! source blocks changed or appeared since the sync, for the outdated banner's links
//! and a discreet marker on those sections' headings (site only: the PDF is left
//! clean). A source block belongs to the section of the heading before it; that
//! heading is paired with the translation's through the alias anchors (`anchors`).

use std::collections::{BTreeSet, HashMap};

use crate::model::{Block, Page};

use super::blocks::{align, blocks};

/// Sets `changed_sections` on each outdated translation whose record has block
/// fingerprints; `source_body` gives a source page's Markdown body by path.
/// With `translator`, each changed section also gets the source's changed text.
pub fn mark(
    pages: &mut [Page],
    source_locale: &str,
    translator: bool,
    source_body: impl Fn(&str) -> Option<String>,
) {
    let sources: HashMap<String, Vec<String>> = pages
        .iter()
        .filter(|p| p.locale == source_locale && p.fallback.is_none())
        .map(|p| (p.path.clone(), heading_ids(&p.blocks)))
        .collect();
    let mut bodies: HashMap<String, Option<String>> = HashMap::new();
    for page in pages
        .iter_mut()
        .filter(|p| p.outdated && p.fallback.is_none())
    {
        let Some(record) = page.front.l10n.as_ref().filter(|r| !r.blocks.is_empty()) else {
            continue;
        };
        let Some(source_ids) = sources.get(&page.path) else {
            continue;
        };
        let body = bodies
            .entry(page.path.clone())
            .or_insert_with(|| source_body(&page.path));
        let Some(body) = body else {
            continue;
        };
        let ours = heading_ids(&page.blocks);
        let mut changed = Vec::new();
        let mut texts: Vec<(String, String)> = Vec::new();
        for (section, text) in changed_headings(&record.blocks, body) {
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
            if translator {
                match texts.iter_mut().find(|(id, _)| *id == own) {
                    Some((_, all)) => {
                        all.push_str("\n\n");
                        all.push_str(&text);
                    }
                    None => texts.push((own.clone(), text)),
                }
            }
            if !changed.contains(&own) {
                changed.push(own);
            }
        }
        page.changed_sections = changed;
        page.changed_source = texts;
    }
}

/// For each changed or new source block, in source order, the index (among the
/// source's headings) of the heading whose section holds it (`None` before the first
/// heading) and the block's text.
fn changed_headings(recorded: &[String], body: &str) -> Vec<(Option<usize>, String)> {
    let now = blocks(body);
    let fingerprints: Vec<String> = now.iter().map(|b| b.fingerprint.clone()).collect();
    let alignment = align(recorded, &fingerprints);
    let mut section_of = Vec::with_capacity(now.len());
    let mut heading: Option<usize> = None;
    for block in &now {
        if block.kind == "heading" {
            heading = Some(heading.map_or(0, |h| h + 1));
        }
        section_of.push(heading);
    }
    let mut changed: BTreeSet<usize> = alignment.changed.iter().map(|(_, at)| *at).collect();
    changed.extend(alignment.new.iter().copied());
    changed
        .into_iter()
        .map(|at| (section_of[at], now[at].text.clone()))
        .collect()
}

/// The ids of a page's headings, in order.
fn heading_ids(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Heading { id, .. } => out.push(id.clone()),
            Block::Quote { blocks, .. } => out.extend(heading_ids(blocks)),
            Block::List { items, .. } => {
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
        let old = "Intro.\n\n## A\n\nUn.\n\n## B\n\nDeux.\n";
        let new = "Intro changée.\n\n## A\n\nUn.\n\n## B\n\nDeux, modifié.\n\nTrois.\n";
        let found: Vec<Option<usize>> = changed_headings(&fingerprints(old), new)
            .into_iter()
            .map(|(section, _)| section)
            .collect();
        assert_eq!(found, [None, Some(1), Some(1)]);
    }
}
