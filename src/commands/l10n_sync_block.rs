//! `folio l10n sync PAGE --block LINE...`: re-stamps single blocks of a translation.
//! A translator who brought one changed paragraph up to date records that block's new
//! fingerprint, and only it: the page stays outdated for the blocks still to do. A
//! block is named by its line in the source file, as `l10n status` prints it.

use std::path::Path;

use crate::config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::l10n::blocks::{align, blocks};
use crate::load;
use crate::model::{Pos, SourceFile};
use crate::parse::front_matter;

/// Re-stamps the blocks of `page` (a translation) whose source starts at `lines`;
/// returns what it did, one line per block.
pub fn sync_blocks(
    root: &Path,
    page: &Path,
    lines: &[usize],
    diagnostics: &Diagnostics,
) -> Vec<String> {
    match restamp(root, page, lines) {
        Ok(done) => done,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            Vec::new()
        }
    }
}

fn restamp(root: &Path, page: &Path, lines: &[usize]) -> Result<Vec<String>, Diagnostic> {
    let scratch = Diagnostics::new();
    let relative = page.strip_prefix(root).unwrap_or(page);
    let shown = relative.to_string_lossy().replace('\\', "/");
    let top = Pos { line: 1, column: 1 };
    let fail = |message: String, hint: String| {
        Diagnostic::error(shown.as_str(), top, message).with_hint(hint)
    };
    let config = load::config(root, &scratch)
        .and_then(|f| config::parse(&f, &scratch))
        .ok_or_else(|| {
            fail(
                "the site's folio.toml cannot be read".into(),
                "run folio build to see why".into(),
            )
        })?;
    let (_, path) = shown
        .strip_prefix("content/")
        .and_then(|rest| rest.split_once('/'))
        .filter(|(locale, _)| *locale != config.source_locale)
        .ok_or_else(|| {
            fail(
                "not a translated page of content/<locale>/".into(),
                "name a translation, e.g. content/en/escalade.md".into(),
            )
        })?;
    let source_file = format!("content/{}/{path}", config.source_locale);
    let source = load::page(root, &root.join(&source_file), &scratch)
        .map(|e| e.file)
        .ok_or_else(|| {
            fail(
                format!("no source page {source_file}"),
                "a translation keeps its source's file name".into(),
            )
        })?;
    let source_split = front_matter::parse(&source, &scratch).ok_or_else(|| {
        fail(
            "the source page's front matter is broken".into(),
            "run folio build to see why".into(),
        )
    })?;
    let offset = source_split.body_line_offset as usize;
    let now = blocks(source_split.body);
    let fingerprints: Vec<String> = now.iter().map(|b| b.fingerprint.clone()).collect();
    let text = std::fs::read_to_string(root.join(relative)).map_err(|e| {
        fail(
            format!("cannot read the page: {e}"),
            "check the path".into(),
        )
    })?;
    let file = SourceFile {
        path: shown.clone(),
        text: text.clone(),
    };
    let record = front_matter::parse(&file, &scratch)
        .and_then(|s| s.front.l10n)
        .filter(|r| !r.blocks.is_empty())
        .ok_or_else(|| {
            fail(
                "the page records no block fingerprints".into(),
                format!("sync the whole page first: folio l10n sync {shown}"),
            )
        })?;
    let alignment = align(&record.blocks, &fingerprints);
    let mut recorded = record.blocks.clone();
    let mut inserted: Vec<usize> = Vec::new();
    let mut done = Vec::new();
    for &line in lines {
        // The block that starts at the line, or holds it.
        let Some(at) = now.iter().rposition(|b| b.line + offset <= line) else {
            return Err(fail(
                format!("{source_file}:{line} is before the source's first block"),
                "name a block by the line `folio l10n status` shows".into(),
            ));
        };
        let block = &now[at];
        let place = format!("{source_file}:{}", block.line + offset);
        if let Some(&(old, _)) = alignment.changed.iter().find(|(_, new)| *new == at) {
            recorded[old] = fingerprints[at].clone();
            done.push(format!("{place}: changed {} re-stamped", block.kind));
        } else if alignment.new.contains(&at) {
            inserted.push(at);
            done.push(format!("{place}: new {} stamped", block.kind));
        } else {
            return Err(fail(
                format!("{place}: the {} is current already", block.kind),
                format!(
                    "the blocks to re-stamp: {}",
                    changed_lines(&alignment, &now, offset, &source_file)
                ),
            ));
        }
    }
    // A new block goes where it stands among the source's blocks: after as many
    // recorded blocks as precede it (the alignment finds it there next time).
    inserted.sort_unstable();
    for (n, at) in inserted.into_iter().enumerate() {
        let position = (at.saturating_sub(alignment.new.iter().filter(|i| **i < at).count()) + n)
            .min(recorded.len());
        recorded.insert(position, fingerprints[at].clone());
    }
    let updated = with_blocks(&text, &recorded).ok_or_else(|| {
        fail(
            "only TOML front matter (+++) can be synced".into(),
            "convert the front matter to TOML between +++ lines".into(),
        )
    })?;
    std::fs::write(root.join(relative), updated).map_err(|e| {
        fail(
            format!("cannot write the page: {e}"),
            "check permissions".into(),
        )
    })?;
    Ok(done)
}

fn changed_lines(
    alignment: &crate::l10n::blocks::Alignment,
    now: &[crate::l10n::blocks::Block],
    offset: usize,
    file: &str,
) -> String {
    let mut lines: Vec<usize> = alignment
        .changed
        .iter()
        .map(|(_, at)| *at)
        .chain(alignment.new.iter().copied())
        .map(|at| now[at].line + offset)
        .collect();
    lines.sort_unstable();
    if lines.is_empty() {
        return "none: the page is current".into();
    }
    lines
        .iter()
        .map(|l| format!("{file}:{l}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The page with its `[l10n] blocks` list replaced; the rest kept byte for byte.
fn with_blocks(text: &str, blocks: &[String]) -> Option<String> {
    let open = if text.starts_with("+++\r\n") {
        "+++\r\n"
    } else {
        "+++\n"
    };
    let after_open = text.strip_prefix(open)?;
    let end = after_open.find("\n+++").map(|i| i + 1)?;
    let mut document: toml_edit::DocumentMut = after_open[..end].parse().ok()?;
    let list: toml_edit::Array = blocks.iter().map(String::as_str).collect();
    document
        .get_mut("l10n")?
        .as_table_like_mut()?
        .insert("blocks", toml_edit::value(list));
    let mut header = document.to_string();
    if !header.ends_with('\n') {
        header.push('\n');
    }
    Some(format!("{open}{header}{}", &after_open[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_blocks_list_changes() {
        let page = "+++\ntitle = \"X\" # kept\n\n[l10n]\nsource_hash = \"1\"\nblocks = [\"a\", \"b\"]\n\n[l10n.sections]\nx = \"2\"\n+++\n\nBody.\n";
        let out = with_blocks(page, &["a".into(), "c".into()]).unwrap();
        assert!(out.contains("blocks = [\"a\", \"c\"]"), "{out}");
        assert!(out.starts_with("+++\ntitle = \"X\" # kept\n"));
        assert!(out.ends_with("+++\n\nBody.\n"));
        assert!(out.contains("source_hash = \"1\""));
    }
}
