//! `folio l10n export | import`: a locale's units of translation out to a PO or
//! XLIFF file for a CAT tool, and the translated file back into the locale's
//! Markdown pages and Fluent files, with their fingerprints re-stamped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::l10n::{Loaded, git_head, load_site, messages_of, pages_of, with_record};
use crate::config::key_pos;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::l10n::blocks;
use crate::l10n::exchange::apply::{self, PageImport};
use crate::l10n::exchange::units::{self, SourcePage, TranslatedPage};
use crate::l10n::exchange::{Exchange, FileUnits, ImportFile, Imported, fluent, po, xliff};
use crate::l10n::hash::{body_hash, section_hashes};
use crate::load::CONFIG_FILE;
use crate::model::{Pos, SourceFile};
use crate::parse::front_matter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExchangeFormat {
    Po,
    Xliff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    All,
    /// Units without a translation, and those whose translation predates a change
    /// of the source.
    Outdated,
    /// Units without a translation.
    Missing,
}

pub struct ExportOptions {
    pub root: PathBuf,
    pub locale: String,
    pub format: ExchangeFormat,
    pub only: Only,
}

const TOP: Pos = Pos { line: 1, column: 1 };

/// The export file's text, or `None` when the site or the locale is wrong.
pub fn export(options: &ExportOptions, diagnostics: &Diagnostics) -> Option<String> {
    let Loaded {
        config,
        sources,
        pages,
    } = load_site(&options.root, diagnostics)?;
    let source_locale = config.source_locale.clone();
    let locale = &options.locale;
    if !config.locales.contains(locale) || *locale == source_locale {
        diagnostics.push(
            Diagnostic::error(
                CONFIG_FILE,
                TOP,
                format!("`{locale}` is not a locale to translate into"),
            )
            .with_hint(format!(
                "configured locales besides the source ({source_locale}): {}",
                config
                    .locales
                    .iter()
                    .filter(|l| **l != source_locale)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
        return None;
    }
    let source_files: BTreeMap<&str, &SourceFile> =
        pages.iter().map(|p| (p.path.as_str(), p)).collect();
    let translated: BTreeMap<String, (&str, crate::model::FrontMatter)> =
        pages_of(&pages, locale, diagnostics)
            .into_iter()
            .map(|(path, body, front, _)| (path, (body, front)))
            .collect();
    let mut files = Vec::new();
    let mut source_pages = pages_of(&pages, &source_locale, diagnostics);
    source_pages.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, body, front, line_offset) in &source_pages {
        let original = format!("content/{source_locale}/{path}");
        let text = source_files
            .get(original.as_str())
            .map_or("", |f| f.text.as_str());
        let source = SourcePage {
            body,
            line_offset: *line_offset,
            title: &front.title,
            description: &front.description,
            title_line: key_pos(text, "title").line as usize,
            description_line: key_pos(text, "description").line as usize,
        };
        let translation = translated.get(path).map(|(body, front)| TranslatedPage {
            body,
            title: &front.title,
            description: &front.description,
            record: front.l10n.as_ref(),
        });
        let (page_units, skipped) = units::page_units(&source, translation.as_ref());
        for skip in skipped {
            diagnostics.push(
                Diagnostic::warning(
                    &original,
                    Pos {
                        line: skip.line as u32,
                        column: 1,
                    },
                    format!("not exported: {}", skip.reason),
                )
                .with_hint(format!(
                    "translate this block in content/{locale}/{path} itself"
                )),
            );
        }
        files.push(FileUnits {
            original,
            units: page_units,
        });
    }
    let target_messages = messages_of(&sources, locale);
    for file in messages_of(&sources, &source_locale) {
        let name = file.path.rsplit('/').next().unwrap_or_default();
        let target_path = format!("locales/{locale}/{name}");
        let target = target_messages.iter().find(|m| m.path == target_path);
        files.push(FileUnits {
            original: file.path.clone(),
            units: units::fluent_units(&file.text, target.map(|t| t.text.as_str())),
        });
    }
    for file in &mut files {
        file.units.retain(|u| match options.only {
            Only::All => true,
            Only::Missing => u.target.is_none(),
            Only::Outdated => u.target.is_none() || u.outdated,
        });
    }
    files.retain(|f| !f.units.is_empty());
    let exchange = Exchange {
        source_locale,
        target_locale: locale.clone(),
        files,
    };
    Some(match options.format {
        ExchangeFormat::Po => po::write(&exchange),
        ExchangeFormat::Xliff => xliff::write(&exchange),
    })
}

/// Reads an exchange file: XLIFF when its name or its first bytes say so, PO
/// otherwise.
pub fn read_exchange(text: &str, name: &str) -> (ImportFile, Vec<Diagnostic>) {
    let lower = name.to_ascii_lowercase();
    let is_xml = lower.ends_with(".xlf")
        || lower.ends_with(".xliff")
        || lower.ends_with(".xml")
        || text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<');
    if is_xml {
        xliff::read(text, name)
    } else {
        po::read(text, name)
    }
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// `(file written, units applied)`.
    pub written: Vec<(String, usize)>,
    pub stale: usize,
}

/// `folio l10n import FILE`.
pub fn import(root: &Path, file: &Path, diagnostics: &Diagnostics) -> ImportReport {
    let mut report = ImportReport::default();
    let shown = file.to_string_lossy().replace('\\', "/");
    let text = match std::fs::read(file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error(&shown, TOP, format!("not UTF-8 text: {e}"))
                        .with_hint("save the file as UTF-8"),
                );
                return report;
            }
        },
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(&shown, TOP, format!("cannot read it: {e}"))
                    .with_hint("check the path"),
            );
            return report;
        }
    };
    let (read, problems) = read_exchange(&text, &shown);
    let broken = problems.iter().any(|d| d.severity == Severity::Error);
    for problem in problems {
        diagnostics.push(problem);
    }
    if broken {
        return report;
    }
    let Some(Loaded {
        config,
        sources,
        pages,
    }) = load_site(root, diagnostics)
    else {
        return report;
    };
    let source_locale = config.source_locale.clone();
    if read
        .source_locale
        .as_ref()
        .is_some_and(|l| *l != source_locale)
    {
        diagnostics.push(
            Diagnostic::error(
                &shown,
                TOP,
                format!(
                    "the file translates from `{}`, the site's source locale is `{source_locale}`",
                    read.source_locale.unwrap_or_default()
                ),
            )
            .with_hint("export again from this site"),
        );
        return report;
    }
    let locale = match read.target_locale.clone() {
        Some(l) if config.locales.contains(&l) && l != source_locale => l,
        other => {
            diagnostics.push(
                Diagnostic::error(
                    &shown,
                    TOP,
                    format!(
                        "the file's target language `{}` is not a locale to translate into",
                        other.unwrap_or_default()
                    ),
                )
                .with_hint(format!(
                    "PO: the header's Language; XLIFF: trgLang; configured: {}",
                    config.locales.join(", ")
                )),
            );
            return report;
        }
    };
    let mut by_file: BTreeMap<&str, Vec<&Imported>> = BTreeMap::new();
    for unit in &read.units {
        by_file
            .entry(unit.original.as_str())
            .or_default()
            .push(unit);
    }
    let source_pages: BTreeMap<String, (&str, crate::model::FrontMatter, usize)> =
        pages_of(&pages, &source_locale, diagnostics)
            .into_iter()
            .map(|(path, body, front, offset)| (path, (body, front, offset)))
            .collect();
    let source_files: BTreeMap<&str, &SourceFile> =
        pages.iter().map(|p| (p.path.as_str(), p)).collect();
    let commit = git_head(root);
    let run = Run {
        root,
        commit: commit.as_deref(),
        shown: &shown,
        diagnostics,
    };
    let content_prefix = format!("content/{source_locale}/");
    let locales_prefix = format!("locales/{source_locale}/");
    for (original, units) in by_file {
        let unknown = |diagnostics: &Diagnostics| {
            for unit in &units {
                diagnostics.push(
                    Diagnostic::warning(
                        &shown,
                        Pos {
                            line: unit.line,
                            column: unit.column,
                        },
                        format!("not applied: {original} is no source file of the site now"),
                    )
                    .with_hint("export again"),
                );
            }
        };
        if let Some(path) = original.strip_prefix(&content_prefix) {
            let (Some((body, front, offset)), Some(file)) =
                (source_pages.get(path), source_files.get(original))
            else {
                unknown(diagnostics);
                continue;
            };
            let target = format!("content/{locale}/{path}");
            let page = PageSource {
                original,
                file,
                body,
                front,
                line_offset: *offset,
            };
            import_page(&run, &page, &target, &units, &mut report);
        } else if let Some(name) = original.strip_prefix(&locales_prefix) {
            let Some(source) = messages_of(&sources, &source_locale)
                .into_iter()
                .find(|m| m.path == original)
            else {
                unknown(diagnostics);
                continue;
            };
            let target = format!("locales/{locale}/{name}");
            import_messages(&run, &source, &target, &units, &mut report);
        } else {
            unknown(diagnostics);
        }
    }
    report
}

/// What every file of an import needs.
#[derive(Clone, Copy)]
struct Run<'a> {
    root: &'a Path,
    /// The site's git commit, for the records.
    commit: Option<&'a str>,
    /// The exchange file, as diagnostics name it.
    shown: &'a str,
    diagnostics: &'a Diagnostics,
}

struct PageSource<'a> {
    original: &'a str,
    file: &'a SourceFile,
    body: &'a str,
    front: &'a crate::model::FrontMatter,
    line_offset: usize,
}

fn import_page(
    run: &Run,
    source: &PageSource,
    target: &str,
    units: &[&Imported],
    report: &mut ImportReport,
) {
    let Run {
        root,
        commit,
        shown,
        diagnostics,
    } = *run;
    let existing = std::fs::read_to_string(root.join(target))
        .ok()
        .map(|text| SourceFile {
            path: target.to_string(),
            text,
        });
    let split = existing
        .as_ref()
        .and_then(|f| front_matter::parse(f, diagnostics));
    let translation = split.as_ref().map(|s| {
        (
            s.body,
            s.front.title.as_str(),
            s.front.description.as_str(),
            s.front.l10n.as_ref(),
        )
    });
    let applied = match apply::page(&PageImport {
        source_body: source.body,
        source_title: &source.front.title,
        source_description: &source.front.description,
        translation,
        units: units.to_vec(),
    }) {
        Ok(applied) => applied,
        Err(reason) => {
            diagnostics.push(
                Diagnostic::warning(target, TOP, format!("left as it is: {reason}"))
                    .with_hint("translate every unit of the page, or bring its blocks in line with the source's by hand"),
            );
            return;
        }
    };
    for (unit, line) in &applied.stale {
        let line = if *line == 0 {
            1
        } else {
            line + source.line_offset
        };
        diagnostics.push(
            Diagnostic::warning(
                source.original,
                Pos {
                    line: line as u32,
                    column: 1,
                },
                format!(
                    "unit {} of {shown}:{}:{} not applied: its source changed since the export",
                    unit.id, unit.line, unit.column
                ),
            )
            .with_hint(format!(
                "export {} again and translate the new text",
                target.split('/').nth(1).unwrap_or_default()
            )),
        );
    }
    report.stale += applied.stale.len();
    if applied.applied == 0 {
        return;
    }
    // The page's front matter and body separator come from the page the body was
    // made from.
    let (skeleton_text, skeleton_body) = match (&existing, &split) {
        (Some(file), Some(split)) if !applied.from_source => (file.text.as_str(), split.body),
        _ => (source.file.text.as_str(), source.body),
    };
    let head = &skeleton_text[..skeleton_text.len() - skeleton_body.len()];
    let title = applied
        .title
        .clone()
        .or_else(|| split.as_ref().map(|s| s.front.title.clone()));
    let description = applied
        .description
        .clone()
        .or_else(|| split.as_ref().map(|s| s.front.description.clone()));
    let Some(head) = with_front(head, title.as_deref(), description.as_deref()) else {
        diagnostics.push(
            Diagnostic::warning(
                target,
                TOP,
                "left as it is: only pages with TOML front matter (+++) can be imported into",
            )
            .with_hint("convert the front matter to TOML between +++ lines"),
        );
        return;
    };
    let hash = if applied.all_current {
        body_hash(source.body)
    } else {
        String::new()
    };
    let text = format!("{head}{}", applied.body);
    let Some(text) = with_record(
        &text,
        &hash,
        commit,
        &section_hashes(source.body),
        &applied.fingerprints,
    ) else {
        return;
    };
    if write(root, target, &text, diagnostics) {
        report.written.push((target.to_string(), applied.applied));
    }
}

/// A page's front matter with `title` and `description` set and no `[l10n]` table
/// (the record is written anew); `None` unless it is TOML. A page without front
/// matter gets one.
fn with_front(head: &str, title: Option<&str>, description: Option<&str>) -> Option<String> {
    let (inner, close) = if head.trim().is_empty() {
        ("", "+++\n\n".to_string())
    } else {
        let after_open = head
            .strip_prefix("+++\n")
            .or_else(|| head.strip_prefix("+++\r\n"))?;
        let end = after_open.find("\n+++").map(|i| i + 1)?;
        (&after_open[..end], after_open[end..].to_string())
    };
    let mut document: toml_edit::DocumentMut = inner.parse().ok()?;
    for (key, value) in [("title", title), ("description", description)] {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            document.insert(key, toml_edit::value(value));
        }
    }
    document.remove("l10n");
    let mut header = document.to_string();
    if !header.is_empty() && !header.ends_with('\n') {
        header.push('\n');
    }
    Some(format!("+++\n{header}{close}"))
}

fn import_messages(
    run: &Run,
    source: &SourceFile,
    target: &str,
    units: &[&Imported],
    report: &mut ImportReport,
) {
    let Run {
        root,
        shown,
        diagnostics,
        ..
    } = *run;
    let source_entries = fluent::entries(&source.text);
    let original_text = std::fs::read_to_string(root.join(target)).unwrap_or_default();
    let mut text = original_text.clone();
    let mut applied = 0;
    let errors = |t: &str| match fluent_syntax::parser::parse(t) {
        Ok(_) => Vec::new(),
        Err((_, errors)) => errors
            .into_iter()
            .map(|e| e.kind.to_string())
            .collect::<Vec<_>>(),
    };
    let at = |unit: &Imported| Pos {
        line: unit.line,
        column: unit.column,
    };
    // Units by message, in the order of the file.
    let mut by_message: BTreeMap<&str, Vec<&Imported>> = BTreeMap::new();
    for unit in units {
        let message = unit.id.split_once('.').map_or(unit.id.as_str(), |(m, _)| m);
        by_message.entry(message).or_default().push(unit);
    }
    for (message, units) in by_message {
        let Some(entry) = source_entries.iter().find(|e| e.id == message) else {
            for unit in units {
                diagnostics.push(
                    Diagnostic::warning(
                        shown,
                        at(unit),
                        format!("not applied: `{message}` is no longer in {}", source.path),
                    )
                    .with_hint("export again"),
                );
            }
            continue;
        };
        let current = fluent::entries(&text).into_iter().find(|e| e.id == message);
        let mut value = current.as_ref().and_then(|c| c.value.clone());
        let mut attributes = current
            .as_ref()
            .map(|c| c.attributes.clone())
            .unwrap_or_default();
        let mut changed = false;
        for unit in &units {
            let (source_pattern, existing) = match unit.id.split_once('.') {
                None => (entry.value.as_deref(), value.clone()),
                Some((_, name)) => (
                    entry
                        .attributes
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, p)| p.as_str()),
                    attributes
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, p)| p.clone()),
                ),
            };
            if source_pattern.is_none_or(|p| blocks::fingerprint("message", p) != unit.fingerprint)
            {
                report.stale += 1;
                diagnostics.push(
                    Diagnostic::warning(
                        &source.path,
                        Pos { line: entry.line as u32, column: 1 },
                        format!("unit {} of {shown}:{}:{} not applied: its source changed since the export", unit.id, unit.line, unit.column),
                    )
                    .with_hint("export again and translate the new text"),
                );
                continue;
            }
            let translation = unit.target.trim();
            if translation.is_empty()
                || (!unit.confirmed && existing.as_deref() == Some(translation))
            {
                continue;
            }
            match unit.id.split_once('.') {
                None => value = Some(translation.to_string()),
                Some((_, name)) => match attributes.iter_mut().find(|(n, _)| n == name) {
                    Some(attribute) => attribute.1 = translation.to_string(),
                    None => attributes.push((name.to_string(), translation.to_string())),
                },
            }
            changed = true;
        }
        if !changed {
            continue;
        }
        // A message needs its value when the source has one.
        if value.is_none() {
            value = entry.value.clone();
        }
        let before = errors(&text);
        let updated = fluent::set_entry(
            &text,
            message,
            &fluent::write_entry(message, value.as_deref(), &attributes),
        );
        let after = errors(&updated);
        if after.len() > before.len() {
            for unit in units {
                diagnostics.push(
                    Diagnostic::error(
                        shown,
                        at(unit),
                        format!(
                            "`{}` is not valid Fluent once translated: {}",
                            unit.id,
                            after.last().cloned().unwrap_or_default()
                        ),
                    )
                    .with_hint("keep the placeables ({ ... }) of the source as they are"),
                );
            }
            continue;
        }
        text = updated;
        applied += units.len();
    }
    if text != original_text && write(root, target, &text, diagnostics) {
        report.written.push((target.to_string(), applied));
    }
}

fn write(root: &Path, path: &str, text: &str, diagnostics: &Diagnostics) -> bool {
    let target = root.join(path);
    if let Some(parent) = target.parent()
        && let Err(e) = std::fs::create_dir_all(parent)
    {
        diagnostics.push(
            Diagnostic::error(path, TOP, format!("cannot create its folder: {e}"))
                .with_hint("check permissions"),
        );
        return false;
    }
    match std::fs::write(&target, text) {
        Ok(()) => true,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(path, TOP, format!("cannot write it: {e}"))
                    .with_hint("check permissions"),
            );
            false
        }
    }
}
