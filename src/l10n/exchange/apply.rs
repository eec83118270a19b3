//! Imported units written into a page: each translation goes over its slot in the
//! locale's page when that page's blocks align with the source's, or in a copy of
//! the source page otherwise (so code blocks, URLs and ids come from the source byte
//! for byte). A unit whose source block changed since the export is not applied.
//! The fingerprints to record say which blocks the page is now current with.

use std::ops::Range;

use super::Imported;
use super::slots::{self, BlockSlots};
use super::units::{aligned, current_blocks};
use crate::l10n::blocks;
use crate::model::L10nRecord;

/// Recorded for a block the page is not current with: no source block has it.
pub const NOT_CURRENT: &str = "00000000";

pub struct PageImport<'a> {
    pub source_body: &'a str,
    pub source_title: &'a str,
    pub source_description: &'a str,
    /// The locale's page, when it exists: its body, title, description and record.
    pub translation: Option<(&'a str, &'a str, &'a str, Option<&'a L10nRecord>)>,
    pub units: Vec<&'a Imported>,
}

#[derive(Debug, Default)]
pub struct Applied<'a> {
    /// The new body.
    pub body: String,
    /// True when the body was made from the source page (the locale's page is missing
    /// or does not align).
    pub from_source: bool,
    pub title: Option<String>,
    pub description: Option<String>,
    /// One per source block, for the record.
    pub fingerprints: Vec<String>,
    pub all_current: bool,
    pub applied: usize,
    /// Units whose source changed since the export, with the source block's line in
    /// the body now (0 when it is gone).
    pub stale: Vec<(&'a Imported, usize)>,
}

/// A slot of the page being written, and what goes over it.
struct Write {
    range: Range<usize>,
    text: String,
}

/// Applies the units; an error (why the page is left as it is) when the locale's
/// page does not align with the source and the units do not translate all of it.
pub fn page<'a>(import: &PageImport<'a>) -> Result<Applied<'a>, String> {
    let source = slots::of(import.source_body);
    let translated = import.translation.map(|(body, ..)| slots::of(body));
    let aligned_page = translated.as_ref().filter(|t| aligned(&source, t));
    let (skeleton_body, skeleton): (&str, &[BlockSlots]) = match (import.translation, aligned_page)
    {
        (Some((body, ..)), Some(t)) => (body, t),
        _ => (import.source_body, &source),
    };
    let from_source = aligned_page.is_none();
    let current = match (import.translation, aligned_page) {
        (Some((_, _, _, record)), Some(_)) => current_blocks(record, import.source_body, &source),
        _ => vec![false; source.len()],
    };
    let mut out = Applied {
        from_source,
        ..Applied::default()
    };
    // Per source block, which slots got a translation.
    let mut done: Vec<Vec<bool>> = source
        .iter()
        .map(|b| vec![false; b.slots.as_ref().map_or(0, Vec::len)])
        .collect();
    let mut writes = Vec::new();
    for unit in &import.units {
        let front = match unit.id.as_str() {
            "title" => Some((import.source_title, import.translation.map(|t| t.1))),
            "description" => Some((import.source_description, import.translation.map(|t| t.2))),
            _ => None,
        };
        if let Some((source_text, existing)) = front {
            if blocks::fingerprint(&unit.id, source_text) != unit.fingerprint {
                out.stale.push((unit, 0));
            } else if wanted(unit, existing.unwrap_or(source_text)) {
                let text = Some(unit.target.split_whitespace().collect::<Vec<_>>().join(" "));
                if unit.id == "title" {
                    out.title = text;
                } else {
                    out.description = text;
                }
                out.applied += 1;
            }
            continue;
        }
        let Some((block, cell)) = locate(unit, &source) else {
            let line = block_index(&unit.id)
                .and_then(|(i, _)| source.get(i))
                .map_or(0, |b| b.block.line);
            out.stale.push((unit, line));
            continue;
        };
        let Some(slot) = skeleton[block]
            .slots
            .as_ref()
            .ok()
            .and_then(|s| s.get(cell))
        else {
            continue;
        };
        if !wanted(unit, &slot.text) {
            continue;
        }
        done[block][cell] = true;
        writes.push(Write {
            range: slot.range.clone(),
            text: slots::written(slot, &unit.target),
        });
        out.applied += 1;
    }
    let untranslated = done.iter().flatten().filter(|d| !**d).count();
    if import.translation.is_some() && from_source && untranslated > 0 {
        return Err(format!(
            "its blocks do not align with the source's and {untranslated} unit{} of it are not translated in the import",
            if untranslated == 1 { "" } else { "s" }
        ));
    }
    writes.sort_by_key(|w| std::cmp::Reverse(w.range.start));
    let mut body = skeleton_body.to_string();
    for write in writes {
        body.replace_range(write.range, &write.text);
    }
    out.body = body;
    out.fingerprints = source
        .iter()
        .enumerate()
        .map(|(i, block)| {
            let is_current = match &block.slots {
                Ok(slots) if slots.is_empty() => from_source || current[i],
                Ok(_) => done[i].iter().all(|d| *d) || (!from_source && current[i]),
                Err(_) => !from_source && current[i],
            };
            if is_current {
                block.block.fingerprint.clone()
            } else {
                NOT_CURRENT.to_string()
            }
        })
        .collect();
    out.all_current = out.fingerprints.iter().all(|f| f != NOT_CURRENT);
    Ok(out)
}

/// A translation is applied when there is one, and the translator confirmed it or
/// changed it from what the page has.
fn wanted(unit: &Imported, existing: &str) -> bool {
    !unit.target.trim().is_empty() && (unit.confirmed || unit.target.trim() != existing.trim())
}

/// `7` or `7.2` (block 7, its second cell).
fn block_index(id: &str) -> Option<(usize, usize)> {
    match id.split_once('.') {
        Some((block, cell)) => Some((
            block.parse().ok()?,
            cell.parse::<usize>().ok()?.checked_sub(1)?,
        )),
        None => Some((id.parse().ok()?, 0)),
    }
}

/// The source block (and slot) a unit translates now: the block at its index when
/// its fingerprint is the same, else the one block of the page with that
/// fingerprint (it moved); `None` when its source changed.
fn locate(unit: &Imported, source: &[BlockSlots]) -> Option<(usize, usize)> {
    let (index, cell) = block_index(&unit.id)?;
    let fits = |b: &BlockSlots| {
        b.block.fingerprint == unit.fingerprint && b.slots.as_ref().is_ok_and(|s| cell < s.len())
    };
    if source.get(index).is_some_and(fits) {
        return Some((index, cell));
    }
    let mut found = source.iter().enumerate().filter(|(_, b)| fits(b));
    match (found.next(), found.next()) {
        (Some((i, _)), None) => Some((i, cell)),
        _ => None,
    }
}

/// Whether a unit's key names a page's block, title or description.
pub fn is_page_unit(id: &str) -> bool {
    id == "title" || id == "description" || block_index(id).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: &str, fingerprint: &str, target: &str) -> Imported {
        Imported {
            original: "content/fr/p.md".into(),
            id: id.into(),
            fingerprint: fingerprint.into(),
            target: target.into(),
            confirmed: true,
            line: 1,
            column: 1,
        }
    }

    const SOURCE: &str =
        "## Titre {#t}\n\nUn *paragraphe*.\n\n```sh\nls\n```\n\n| a | b |\n|---|---|\n";

    fn fp(i: usize) -> String {
        slots::of(SOURCE)[i].block.fingerprint.clone()
    }

    #[test]
    fn a_missing_page_is_made_from_the_source() {
        let units = [
            unit("0", &fp(0), "Title"),
            unit("1", &fp(1), "A *paragraph*."),
            unit("3.1", &fp(3), "A | B"),
            unit("3.2", "0a1b2c3d", "stale"),
            unit("title", &blocks::fingerprint("title", "Page"), "The page"),
        ];
        let applied = page(&PageImport {
            source_body: SOURCE,
            source_title: "Page",
            source_description: "",
            translation: None,
            units: units.iter().collect(),
        })
        .unwrap();
        assert_eq!(
            applied.body,
            "## Title {#t}\n\nA *paragraph*.\n\n```sh\nls\n```\n\n| A \\| B | b |\n|---|---|\n"
        );
        assert_eq!(applied.title.as_deref(), Some("The page"));
        assert_eq!(applied.applied, 4);
        assert_eq!(applied.stale.len(), 1);
        assert_eq!(applied.stale[0].1, 9);
        assert_eq!(applied.fingerprints[..3], [fp(0), fp(1), fp(2)]);
        assert_eq!(applied.fingerprints[3], NOT_CURRENT);
        assert!(!applied.all_current);
    }

    #[test]
    fn an_aligned_page_keeps_what_is_not_imported() {
        let translated =
            "## Title {#t}\n\nA paragraph.\n\n```sh\n# list\nls\n```\n\n| A | B |\n|---|---|\n";
        let units = [unit("1", &fp(1), "A *new* paragraph.")];
        let applied = page(&PageImport {
            source_body: SOURCE,
            source_title: "Page",
            source_description: "",
            translation: Some((translated, "Page", "", None)),
            units: units.iter().collect(),
        })
        .unwrap();
        assert_eq!(
            applied.body,
            translated.replace("A paragraph.", "A *new* paragraph.")
        );
        // No record: only the imported block is known to be current.
        assert_eq!(applied.fingerprints[1], fp(1));
        assert_eq!(applied.fingerprints[0], NOT_CURRENT);
        let unaligned = page(&PageImport {
            source_body: SOURCE,
            source_title: "Page",
            source_description: "",
            translation: Some(("Other text.\n", "Page", "", None)),
            units: units.iter().collect(),
        });
        assert!(unaligned.unwrap_err().contains("3 units"));
    }
}
