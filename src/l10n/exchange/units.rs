//! The units of a source page and of a Fluent file, with the locale's current text
//! of each: a translated page gives its text block for block when its blocks align
//! with the source's (same kinds in the same order), a translated Fluent file gives
//! each message it defines.

use std::collections::{BTreeMap, BTreeSet};

use super::slots::{self, BlockSlots};
use super::{Unit, UnitKind, fluent};
use crate::l10n::blocks;
use crate::l10n::hash::body_hash;
use crate::model::L10nRecord;

/// A page of the source locale, as the export reads it.
pub struct SourcePage<'a> {
    pub body: &'a str,
    /// Lines before the body in its file.
    pub line_offset: usize,
    pub title: &'a str,
    pub description: &'a str,
    /// Lines of `title` and `description` in the file (1-based).
    pub title_line: usize,
    pub description_line: usize,
}

/// The locale's translation of a page.
pub struct TranslatedPage<'a> {
    pub body: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub record: Option<&'a L10nRecord>,
}

/// A block that could not be made a unit, for a warning at `line`.
pub struct Skipped {
    pub line: usize,
    pub reason: &'static str,
}

/// True when two pages' blocks are of the same kinds in the same order, with the
/// same number of slots each: the translation's block `i` translates the source's.
pub fn aligned(source: &[BlockSlots], translation: &[BlockSlots]) -> bool {
    source.len() == translation.len()
        && source.iter().zip(translation).all(|(s, t)| {
            s.block.kind == t.block.kind
                && s.slots.as_ref().map(Vec::len).ok() == t.slots.as_ref().map(Vec::len).ok()
        })
}

/// Which source blocks the translation is current with, by what its record says.
pub fn current_blocks(record: Option<&L10nRecord>, body: &str, blocks: &[BlockSlots]) -> Vec<bool> {
    let Some(record) = record else {
        return vec![false; blocks.len()];
    };
    if record.blocks.is_empty() {
        return vec![record.source_hash == body_hash(body); blocks.len()];
    }
    let now: Vec<String> = blocks.iter().map(|b| b.block.fingerprint.clone()).collect();
    let alignment = blocks::align(&record.blocks, &now);
    let stale: BTreeSet<usize> = alignment
        .changed
        .iter()
        .map(|(_, new)| *new)
        .chain(alignment.new.iter().copied())
        .collect();
    (0..blocks.len()).map(|i| !stale.contains(&i)).collect()
}

/// The units of a source page, and the blocks left out.
pub fn page_units(
    source: &SourcePage,
    translation: Option<&TranslatedPage>,
) -> (Vec<Unit>, Vec<Skipped>) {
    let blocks = slots::of(source.body);
    let translated = translation.map(|t| slots::of(t.body));
    let aligned_blocks = translated.as_ref().filter(|t| aligned(&blocks, t));
    let current = current_blocks(translation.and_then(|t| t.record), source.body, &blocks);
    let untracked = translation.is_none_or(|t| t.record.is_none());
    let mut units = Vec::new();
    let mut skipped = Vec::new();
    let front = |id: &str, text: &str, target: Option<&str>, line: usize| Unit {
        id: id.to_string(),
        fingerprint: blocks::fingerprint(id, text),
        source: text.to_string(),
        target: target.filter(|t| !t.is_empty()).map(str::to_string),
        outdated: untracked && target.is_some_and(|t| !t.is_empty()),
        line,
        context: String::new(),
        notes: Vec::new(),
        kind: UnitKind::Markdown,
    };
    if !source.title.is_empty() {
        units.push(front(
            "title",
            source.title,
            translation.map(|t| t.title),
            source.title_line,
        ));
    }
    if !source.description.is_empty() {
        units.push(front(
            "description",
            source.description,
            translation.map(|t| t.description),
            source.description_line,
        ));
    }
    let mut headings: Vec<(usize, String)> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if block.block.kind == "html" {
            notes.extend(translator_note(&source.body[block.block.range.clone()]));
            continue;
        }
        let line = block.block.line + source.line_offset;
        let slots = match &block.slots {
            Ok(slots) => slots,
            Err(reason) => {
                skipped.push(Skipped { line, reason });
                notes.clear();
                continue;
            }
        };
        if block.level > 0 {
            headings.retain(|(level, _)| *level < block.level);
        }
        let mut path: Vec<&str> = vec![source.title];
        path.extend(headings.iter().map(|(_, h)| h.as_str()));
        let context = path
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" › ");
        let targets = aligned_blocks
            .and_then(|t| t[i].slots.as_ref().ok())
            .filter(|t| t.len() == slots.len());
        for (n, slot) in slots.iter().enumerate() {
            let id = if block.block.kind == "row" {
                format!("{i}.{}", n + 1)
            } else {
                i.to_string()
            };
            let target = targets.map(|t| t[n].text.clone());
            units.push(Unit {
                id,
                fingerprint: block.block.fingerprint.clone(),
                source: slot.text.clone(),
                outdated: target.is_some() && !current[i],
                target,
                line,
                context: context.clone(),
                notes: notes.clone(),
                kind: UnitKind::Markdown,
            });
        }
        if !slots.is_empty() {
            notes.clear();
        }
        if block.level > 0
            && let Some(slot) = slots.first()
        {
            headings.push((block.level, super::inline::plain(&slot.text)));
        }
    }
    (units, skipped)
}

/// The note of an `<!-- l10n: ... -->` comment.
fn translator_note(html: &str) -> Option<String> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let note = inner.strip_prefix("l10n:")?.trim();
    Some(note.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The units of a source Fluent file, with the locale's messages as targets.
pub fn fluent_units(source: &str, translation: Option<&str>) -> Vec<Unit> {
    let targets: BTreeMap<String, fluent::Entry> = translation
        .map(fluent::entries)
        .unwrap_or_default()
        .into_iter()
        .map(|e| (e.id.clone(), e))
        .collect();
    let mut units = Vec::new();
    for entry in fluent::entries(source) {
        let target = targets.get(&entry.id);
        let notes: Vec<String> = (!entry.comment.is_empty())
            .then(|| entry.comment.join(" "))
            .into_iter()
            .collect();
        let mut push = |id: String, pattern: &str, target: Option<&String>| {
            units.push(Unit {
                fingerprint: blocks::fingerprint("message", pattern),
                id,
                source: pattern.to_string(),
                target: target.cloned(),
                outdated: false,
                line: entry.line,
                context: String::new(),
                notes: notes.clone(),
                kind: UnitKind::Fluent,
            });
        };
        if let Some(value) = &entry.value {
            push(
                entry.id.clone(),
                value,
                target.and_then(|t| t.value.as_ref()),
            );
        }
        for (name, pattern) in &entry.attributes {
            let translated =
                target.and_then(|t| t.attributes.iter().find(|(n, _)| n == name).map(|(_, p)| p));
            push(format!("{}.{name}", entry.id), pattern, translated);
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(body: &str) -> SourcePage<'_> {
        SourcePage {
            body,
            line_offset: 4,
            title: "Titre",
            description: "",
            title_line: 2,
            description_line: 0,
        }
    }

    #[test]
    fn units_carry_context_notes_and_aligned_targets() {
        let body = "## Section {#s}\n\n<!-- l10n: garder « P1 » tel quel -->\nUn P1.\n\n```sh\nls\n```\n\n| a | b |\n|---|---|\n";
        let translated = "## Section EN {#s}\n\nA P1.\n\n```sh\nls\n```\n\n| A | B |\n|---|---|\n";
        let t = TranslatedPage {
            body: translated,
            title: "Title",
            description: "",
            record: None,
        };
        // The comment is a block of the source only: the pages do not align.
        let (units, _) = page_units(&source(body), Some(&t));
        assert!(units[1..].iter().all(|u| u.target.is_none()));
        assert_eq!(units[0].target.as_deref(), Some("Title"));
        assert_eq!(units[2].notes, ["garder « P1 » tel quel"]);
        assert_eq!(units[2].context, "Titre › Section");
        assert_eq!(units[2].line, 8);
        assert_eq!(
            units.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
            ["title", "0", "2", "4.1", "4.2"]
        );
        let aligned_body = body.replace("<!-- l10n: garder « P1 » tel quel -->\n", "");
        let (units, _) = page_units(&source(&aligned_body), Some(&t));
        assert_eq!(
            units
                .iter()
                .map(|u| u.target.as_deref().unwrap_or(""))
                .collect::<Vec<_>>(),
            ["Title", "Section EN", "A P1.", "A", "B"]
        );
        assert!(units.iter().all(|u| u.outdated), "no record: to review");
    }

    #[test]
    fn fluent_units_per_value_and_attribute() {
        let units = fluent_units(
            "# Le bouton.\nnav = Suivant\n    .title = Page suivante\n",
            Some("nav = Next\n"),
        );
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].target.as_deref(), Some("Next"));
        assert_eq!(units[1].id, "nav.title");
        assert_eq!(units[1].target, None);
        assert_eq!(units[1].notes, ["Le bouton."]);
    }
}
