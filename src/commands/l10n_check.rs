//! `folio l10n check`: the QA gate run before translations are published. It reads
//! every page and Fluent file once, hands each translated page with its source to
//! `l10n::qa`, turns what it finds into diagnostics at the translation's file, line
//! and column, and measures how much of each locale is current (the share of source
//! blocks whose fingerprint the translation recorded) for `--min-complete`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use super::l10n::Format;
use crate::config;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity, pos_at, settle_notes};
use crate::l10n::blocks::{align, blocks};
use crate::l10n::hash::body_hash;
use crate::l10n::messages::{self, Problem};
use crate::l10n::qa::{self, Finding, Outline};
use crate::load::{self, CONFIG_FILE};
use crate::model::{L10nRecord, Pos, SourceFile};
use crate::parse::front_matter;

pub struct CheckOptions {
    pub root: PathBuf,
    /// Only these locales; all but the source locale when empty.
    pub locales: Vec<String>,
    /// Fail a locale with fewer than this percentage of its source blocks current.
    pub min_complete: Option<u32>,
    pub format: Format,
}

pub struct CheckReport {
    /// The summary (text) or the whole report (JSON), for stdout.
    pub output: String,
    /// What to print on stderr: every problem in text mode, only those that are not
    /// in the JSON otherwise.
    pub diagnostics: Vec<Diagnostic>,
    /// True when anything was found: the exit code is 1.
    pub failed: bool,
}

/// One locale's result; the JSON output is a list of these.
#[derive(Debug, Serialize)]
pub struct LocaleCheck {
    pub locale: String,
    pub summary: CheckSummary,
    pub problems: Vec<Found>,
}

#[derive(Debug, Serialize, Default)]
pub struct CheckSummary {
    /// Blocks of the source pages.
    pub blocks: usize,
    /// Of those, recorded as current in the locale's translations.
    pub current: usize,
    pub complete_percent: u32,
    pub problems: usize,
}

/// A problem as the JSON lists it: a diagnostic with the name of its check.
#[derive(Debug, Serialize)]
pub struct Found {
    pub check: &'static str,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub hint: String,
}

/// A source page as the check needs it.
struct SourcePage<'a> {
    body: &'a str,
    outline: Outline,
    /// The fingerprint of each block, as translations record them.
    fingerprints: Vec<String>,
}

/// A translated page: where its body starts, its record and its units.
struct TranslatedPage<'a> {
    file: &'a str,
    body: &'a str,
    line_offset: usize,
    record: Option<L10nRecord>,
}

pub fn check(options: &CheckOptions) -> CheckReport {
    let diagnostics = Diagnostics::new();
    let failed_report = |diagnostics: Diagnostics| CheckReport {
        output: String::new(),
        diagnostics: settle_notes(diagnostics.into_sorted(), false, false),
        failed: true,
    };
    let Some(config_file) = load::config(&options.root, &diagnostics) else {
        return failed_report(diagnostics);
    };
    let Some(config) = config::parse(&config_file, &diagnostics) else {
        return failed_report(diagnostics);
    };
    for unknown in options
        .locales
        .iter()
        .filter(|l| !config.locales.contains(l))
    {
        diagnostics.push(
            Diagnostic::error(
                CONFIG_FILE,
                Pos { line: 1, column: 1 },
                format!("--locale {unknown}: not a configured locale"),
            )
            .with_hint(format!("configured locales: {}", config.locales.join(", "))),
        );
    }
    let source_locale = config.source_locale.as_str();
    let locales: Vec<&str> = config
        .locales
        .iter()
        .map(String::as_str)
        .filter(|l| {
            *l != source_locale
                && !crate::locale::pseudo::is_pseudo(l)
                && (options.locales.is_empty() || options.locales.iter().any(|o| o == l))
        })
        .collect();
    let sources = load::site(&options.root, &config.theme, &diagnostics);
    let wanted: Vec<load::PagePath> = sources
        .pages
        .iter()
        .filter(|p| locale_of(&p.shown).is_some_and(|l| l == source_locale || locales.contains(&l)))
        .cloned()
        .collect();
    let files = load::pages(&options.root, &wanted, &diagnostics);
    let split: Vec<(&str, &str, TranslatedPage)> = files
        .par_iter()
        .filter_map(|file| {
            let (locale, path) = locale_and_path(&file.path)?;
            let split = front_matter::parse(file, &diagnostics)?;
            Some((
                locale,
                path,
                TranslatedPage {
                    file: file.path.as_str(),
                    body: split.body,
                    line_offset: split.body_line_offset as usize,
                    record: split.front.l10n,
                },
            ))
        })
        .collect();
    let source_pages: BTreeMap<&str, SourcePage> = split
        .par_iter()
        .filter(|(locale, _, _)| *locale == source_locale)
        .map(|(_, path, page)| {
            (
                *path,
                SourcePage {
                    body: page.body,
                    outline: qa::outline(page.body),
                    fingerprints: blocks(page.body)
                        .into_iter()
                        .map(|b| b.fingerprint)
                        .collect(),
                },
            )
        })
        .collect();
    let total_blocks: usize = source_pages.values().map(|p| p.fingerprints.len()).sum();
    let mut results = Vec::new();
    for locale in &locales {
        let mut problems: Vec<Found> = split
            .par_iter()
            .filter(|(l, _, _)| l == locale)
            .flat_map_iter(|(_, path, page)| {
                let Some(source) = source_pages.get(path) else {
                    return Vec::new();
                };
                let source_file = format!("content/{source_locale}/{path}");
                qa::compare(&source.outline, &qa::outline(page.body), &source_file)
                    .into_iter()
                    .map(|finding| page_problem(page, finding))
                    .collect()
            })
            .collect();
        problems.extend(fluent_problems(&sources.messages, source_locale, locale));
        problems.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        let current: usize = split
            .iter()
            .filter(|(l, _, _)| l == locale)
            .filter_map(|(_, path, page)| Some(current_blocks(source_pages.get(path)?, page)))
            .sum();
        let complete_percent = (current * 100)
            .checked_div(total_blocks)
            .map_or(100, |p| p as u32);
        if let Some(minimum) = options.min_complete
            && complete_percent < minimum
        {
            diagnostics.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    config::key_pos(&config_file.text, "locales"),
                    format!(
                        "locale `{locale}` has {complete_percent} % of its source blocks current ({current} of {total_blocks}), below --min-complete {minimum}"
                    ),
                )
                .with_hint(format!(
                    "translate and sync what `folio l10n status --locale {locale}` lists, or leave the locale out of this release"
                )),
            );
        }
        results.push(LocaleCheck {
            locale: locale.to_string(),
            summary: CheckSummary {
                blocks: total_blocks,
                current,
                complete_percent,
                problems: problems.len(),
            },
            problems,
        });
    }
    let found = results.iter().any(|r| !r.problems.is_empty());
    let mut shown = settle_notes(diagnostics.into_sorted(), false, false);
    let failed = found || shown.iter().any(|d| d.severity == Severity::Error);
    let output = match options.format {
        Format::Json => serde_json::to_string_pretty(&results).unwrap_or_default() + "\n",
        Format::Text => {
            shown.extend(results.iter().flat_map(|r| {
                r.problems.iter().map(|p| {
                    Diagnostic::error(
                        p.file.clone(),
                        Pos {
                            line: p.line,
                            column: p.column,
                        },
                        p.message.clone(),
                    )
                    .with_hint(p.hint.clone())
                })
            }));
            summary(&results)
        }
    };
    CheckReport {
        output,
        diagnostics: shown,
        failed,
    }
}

fn locale_of(shown: &str) -> Option<&str> {
    shown.strip_prefix("content/")?.split('/').next()
}

/// `content/<locale>/<path>` split in two.
fn locale_and_path(file: &str) -> Option<(&str, &str)> {
    file.strip_prefix("content/")?.split_once('/')
}

fn page_problem(page: &TranslatedPage, finding: Finding) -> Found {
    let pos = pos_at(page.body, finding.offset);
    Found {
        check: finding.check,
        file: page.file.to_string(),
        line: pos.line + page.line_offset as u32,
        column: pos.column,
        message: finding.message,
        hint: finding.hint,
    }
}

/// How many of the source's blocks the translation's record says are current: all
/// when it was synced with this very source, those aligned unchanged (or moved) when
/// it records fingerprints, none otherwise.
fn current_blocks(source: &SourcePage, page: &TranslatedPage) -> usize {
    let Some(record) = &page.record else {
        return 0;
    };
    if record.source_hash == body_hash(source.body) {
        return source.fingerprints.len();
    }
    if record.blocks.is_empty() {
        return 0;
    }
    let counts = align(&record.blocks, &source.fingerprints).counts;
    counts.current + counts.moved
}

/// The status comparison's message problems (missing, obsolete, attributes, syntax),
/// then variables one by one and plural variants.
fn fluent_problems(all: &[SourceFile], source_locale: &str, locale: &str) -> Vec<Found> {
    let of = |l: &str| -> Vec<SourceFile> {
        let prefix = format!("locales/{l}/");
        all.iter()
            .filter(|m| m.path.starts_with(&prefix))
            .cloned()
            .collect()
    };
    let (source, target) = (of(source_locale), of(locale));
    let (issues, _) = messages::compare(&source, &target, locale);
    let mut out: Vec<Found> = issues
        .into_iter()
        .filter(|i| i.problem != Problem::Variables)
        .map(|issue| {
            let id = &issue.id;
            let (check, message, hint) = match issue.problem {
                Problem::Missing => (
                    "fluent-missing",
                    format!("message `{id}` is missing ({})", issue.detail),
                    "translate it in this file; until then the source text is shown".into(),
                ),
                Problem::Obsolete => (
                    "fluent-obsolete",
                    format!("message `{id}` is obsolete: {}", issue.detail),
                    "remove it, or give it the id the source uses now".into(),
                ),
                Problem::MissingAttribute => (
                    "fluent-attribute",
                    format!("`{id}` lacks the attribute `{}`", issue.detail),
                    format!("add `{}` as the source's message has it", issue.detail),
                ),
                Problem::ObsoleteAttribute => (
                    "fluent-attribute",
                    format!(
                        "`{id}` has the attribute `{}`, which the source's has not",
                        issue.detail
                    ),
                    "remove it: nothing reads it".into(),
                ),
                Problem::ParseError | Problem::Variables => (
                    "fluent-syntax",
                    format!("Fluent syntax error: {}", issue.detail),
                    "see https://projectfluent.org/fluent/guide/ for the syntax; the build leaves this entry out".into(),
                ),
            };
            Found {
                check,
                file: issue.file,
                line: issue.line,
                column: issue.column,
                message,
                hint,
            }
        })
        .collect();
    let categories = qa::plural_categories(locale);
    let name = |f: &SourceFile| f.path.rsplit('/').next().unwrap_or_default().to_string();
    for file in &target {
        let Some(source_file) = source.iter().find(|s| name(s) == name(file)) else {
            continue;
        };
        let findings = qa::compare_fluent(
            &qa::fluent_entries(&source_file.text),
            &qa::fluent_entries(&file.text),
            categories.as_ref(),
        );
        out.extend(findings.into_iter().map(|f| Found {
            check: f.check,
            file: file.path.clone(),
            line: f.offset as u32,
            column: 1,
            message: f.message,
            hint: f.hint,
        }));
    }
    out
}

fn summary(results: &[LocaleCheck]) -> String {
    let mut out = String::new();
    for result in results {
        let s = &result.summary;
        let _ = writeln!(
            out,
            "{}: {}/{} blocks current ({}%), {} problem{}",
            result.locale,
            s.current,
            s.blocks,
            s.complete_percent,
            s.problems,
            if s.problems == 1 { "" } else { "s" }
        );
    }
    if results.is_empty() {
        out.push_str("no locale to check besides the source locale\n");
    }
    out
}
