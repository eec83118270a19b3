//! `folio l10n status | sync | add`: what each locale lacks, recording that a
//! translation matches its source, and scaffolding a new locale.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;
use unic_langid::LanguageIdentifier;

use super::l10n_history::{self, History};
use crate::config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::l10n::blocks::fingerprints;
use crate::l10n::hash::{body_hash, section_hashes};
use crate::l10n::messages::{self, Counts, Issue};
use crate::l10n::pages::{self, PageState, PageStatus, Source, Translation};
use crate::load::{self, CONFIG_FILE, SiteSources};
use crate::model::{FrontMatter, L10nRecord, Pos, SiteConfig, SourceFile};
use crate::parse::front_matter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
}

pub struct StatusOptions {
    pub root: PathBuf,
    pub locales: Vec<String>,
    pub format: Format,
}

/// The status of one locale; the JSON output is a list of these (see the README).
#[derive(Debug, Serialize)]
pub struct LocaleStatus {
    pub locale: String,
    pub pages: Vec<PageStatus>,
    pub messages: Vec<Issue>,
    pub summary: Summary,
}

#[derive(Debug, Serialize, Default)]
pub struct Summary {
    pub pages: usize,
    pub ok: usize,
    pub outdated: usize,
    pub untracked: usize,
    pub missing: usize,
    pub orphan: usize,
    pub messages: Counts,
    pub message_issues: usize,
    /// Percentage of source pages whose translation is ok.
    pub pages_ok_percent: u32,
    /// Percentage of source messages that the locale defines.
    pub messages_percent: u32,
}

pub struct StatusReport {
    pub output: String,
    /// True when anything is not ok (for `--strict`).
    pub incomplete: bool,
    pub diagnostics: Vec<Diagnostic>,
}

pub(super) struct Loaded {
    pub(super) config: SiteConfig,
    pub(super) sources: SiteSources,
    pub(super) pages: Vec<SourceFile>,
}

pub(super) fn load_site(root: &Path, diagnostics: &Diagnostics) -> Option<Loaded> {
    let config_file = load::config(root, diagnostics)?;
    let config = config::parse(&config_file, diagnostics)?;
    let sources = load::site(root, &config.theme, diagnostics);
    let pages = load::pages(root, &sources.pages, diagnostics);
    Some(Loaded {
        config,
        sources,
        pages,
    })
}

/// `(path below content/<locale>/, body, front matter, lines before the body)` of a
/// locale's pages.
pub(super) fn pages_of<'a>(
    pages: &'a [SourceFile],
    locale: &str,
    diagnostics: &Diagnostics,
) -> Vec<(String, &'a str, FrontMatter, usize)> {
    let prefix = format!("content/{locale}/");
    pages
        .iter()
        .filter_map(|file| {
            let path = file.path.strip_prefix(&prefix)?;
            let split = front_matter::parse(file, diagnostics)?;
            Some((
                path.to_string(),
                split.body,
                split.front,
                split.body_line_offset as usize,
            ))
        })
        .collect()
}

pub(super) fn messages_of(sources: &SiteSources, locale: &str) -> Vec<SourceFile> {
    let prefix = format!("locales/{locale}/");
    sources
        .messages
        .iter()
        .filter(|m| m.path.starts_with(&prefix))
        .cloned()
        .collect()
}

pub fn status(options: &StatusOptions) -> StatusReport {
    let diagnostics = Diagnostics::new();
    let Some(Loaded {
        config,
        sources,
        pages,
    }) = load_site(&options.root, &diagnostics)
    else {
        return StatusReport {
            output: String::new(),
            incomplete: true,
            diagnostics: crate::diagnostic::settle_notes(diagnostics.into_sorted(), false, false),
        };
    };
    let source_locale = config.source_locale.clone();
    let source_pages = pages_of(&pages, &source_locale, &diagnostics);
    let source_messages = messages_of(&sources, &source_locale);
    let locales: Vec<&String> = config
        .locales
        .iter()
        .filter(|l| {
            // The pseudo-locale is made from the source: it has nothing to translate.
            **l != source_locale
                && !crate::locale::pseudo::is_pseudo(l)
                && (options.locales.is_empty() || options.locales.contains(l))
        })
        .collect();
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
    let sources_list: Vec<Source> = source_pages
        .iter()
        .map(|(path, body, _, line_offset)| Source::new(path, body, *line_offset))
        .collect();
    let mut compared: Vec<(&String, Vec<PageStatus>, BTreeMap<String, L10nRecord>)> = locales
        .into_iter()
        .map(|locale| {
            let translated = pages_of(&pages, locale, &diagnostics);
            let translations: Vec<Translation> = translated
                .iter()
                .map(|(path, _, front, _)| Translation {
                    path,
                    record: front.l10n.as_ref(),
                })
                .collect();
            let statuses = pages::statuses(&sources_list, &translations);
            let records = translated
                .into_iter()
                .filter_map(|(path, _, front, _)| Some((path, front.l10n?)))
                .collect();
            (locale, statuses, records)
        })
        .collect();
    let history = with_history(&options.root, &source_locale, &mut compared);
    let statuses: Vec<LocaleStatus> = compared
        .into_iter()
        .map(|(locale, pages, _)| {
            let (messages, counts) =
                messages::compare(&source_messages, &messages_of(&sources, locale), locale);
            let summary = summarize(&pages, &messages, counts);
            LocaleStatus {
                locale: locale.clone(),
                pages,
                messages,
                summary,
            }
        })
        .collect();
    let incomplete = statuses.iter().any(|s| {
        s.summary.ok < s.summary.pages || s.summary.orphan > 0 || s.summary.message_issues > 0
    });
    let output = match options.format {
        Format::Json => serde_json::to_string_pretty(&statuses).unwrap_or_default() + "\n",
        Format::Text => text_report(&statuses, &source_locale, &history),
    };
    StatusReport {
        output,
        incomplete,
        diagnostics: crate::diagnostic::settle_notes(diagnostics.into_sorted(), false, false),
    }
}

fn summarize(pages: &[PageStatus], messages: &[Issue], counts: Counts) -> Summary {
    let count = |state: PageState| pages.iter().filter(|p| p.state == state).count();
    let total = pages.len() - count(PageState::Orphan);
    let ok = count(PageState::Ok);
    let percent =
        |part: usize, whole: usize| (part * 100).checked_div(whole).map_or(100, |p| p as u32);
    Summary {
        pages: total,
        ok,
        outdated: count(PageState::Outdated),
        untracked: count(PageState::Untracked),
        missing: count(PageState::Missing),
        orphan: count(PageState::Orphan),
        messages: counts,
        message_issues: messages.len(),
        pages_ok_percent: percent(ok, total),
        messages_percent: percent(counts.translated, counts.total),
    }
}

fn text_report(statuses: &[LocaleStatus], source_locale: &str, history: &History) -> String {
    let mut out = String::new();
    for status in statuses {
        let s = &status.summary;
        let _ = writeln!(
            out,
            "{}: pages {}/{} ok ({}%): {} outdated, {} untracked, {} missing, {} orphan; messages {}/{} ({}%), {} issue{}",
            status.locale,
            s.ok,
            s.pages,
            s.pages_ok_percent,
            s.outdated,
            s.untracked,
            s.missing,
            s.orphan,
            s.messages.translated,
            s.messages.total,
            s.messages_percent,
            s.message_issues,
            if s.message_issues == 1 { "" } else { "s" }
        );
        let file_of = |path: &str| format!("content/{source_locale}/{path}");
        for page in status.pages.iter().filter(|p| p.state != PageState::Ok) {
            let file = format!("content/{}/{}", status.locale, page.path);
            let state = match page.state {
                PageState::Missing => "missing",
                PageState::Untracked => "untracked",
                PageState::Outdated => "outdated",
                PageState::Orphan => "orphan",
                PageState::Ok => "ok",
            };
            let _ = write!(out, "  {state:<9} {file}");
            if !page.changed_sections.is_empty() {
                let _ = write!(out, "  changed: {}", page.changed_sections.join(", "));
            }
            if let Some(commit) = &page.source_commit
                && let Some(diff) = history.stat(commit, &file_of(&page.path))
            {
                let _ = write!(out, "  ({commit}..HEAD: {diff})");
            }
            if let Some(b) = &page.blocks {
                let _ = write!(
                    out,
                    "\n            blocks: {} current, {} changed, {} new, {} removed, {} moved",
                    b.current, b.changed, b.new, b.removed, b.moved
                );
            }
            for block in &page.changed_blocks {
                let _ = write!(
                    out,
                    "\n            {}:{}: {} {}",
                    file_of(&page.path),
                    block.line,
                    block.change,
                    block.kind
                );
                if let Some(diff) = &block.diff {
                    let _ = write!(out, ": {diff}");
                }
            }
            out.push('\n');
        }
        for issue in &status.messages {
            let problem = serde_json::to_value(&issue.problem)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let id = if issue.id.is_empty() {
                String::new()
            } else {
                format!(" `{}`", issue.id)
            };
            let _ = writeln!(
                out,
                "  {}:{}:{}: {problem}{id}: {}",
                issue.file, issue.line, issue.column, issue.detail
            );
        }
    }
    if statuses.is_empty() {
        out.push_str("no locale to check besides the source locale\n");
    }
    out
}

/// What git knows of outdated pages' sources since their sync: a page whose source
/// changed since then only in commits saying `l10n: trivial` is current; each
/// changed block of the others gets the word diff of its source, read from the
/// recorded commit.
fn with_history(
    root: &Path,
    source_locale: &str,
    compared: &mut [(&String, Vec<PageStatus>, BTreeMap<String, L10nRecord>)],
) -> History {
    let dir = format!("content/{source_locale}");
    let key = |page: &PageStatus| {
        let commit = page.source_commit.clone()?;
        (page.state == PageState::Outdated).then(|| (commit, format!("{dir}/{}", page.path)))
    };
    let wanted: BTreeSet<(String, String)> = compared
        .iter()
        .flat_map(|(_, pages, _)| pages.iter().filter_map(key))
        .collect();
    let history = History::gather(root, &dir, &wanted);
    let mut old_wanted = BTreeSet::new();
    for (_, pages, _) in compared.iter_mut() {
        for page in pages.iter_mut() {
            let Some((commit, file)) = key(page) else {
                continue;
            };
            if history.is_trivial(&commit, &file) {
                page.state = PageState::Ok;
                page.changed_sections.clear();
                page.changed_blocks.clear();
                page.trivial = true;
            } else if page.changed_blocks.iter().any(|b| b.change == "changed") {
                old_wanted.insert((commit, file));
            }
        }
    }
    let old = l10n_history::old_texts(root, &old_wanted);
    for (_, pages, records) in compared.iter_mut() {
        for page in pages.iter_mut() {
            let (Some(key), Some(record)) = (key(page), records.get(&page.path)) else {
                continue;
            };
            let Some(text) = old.get(&key) else {
                continue;
            };
            let old_file = SourceFile {
                path: key.1.clone(),
                text: text.clone(),
            };
            if let Some(split) = front_matter::parse(&old_file, &Diagnostics::new()) {
                pages::fill_diff(page, record, split.body);
            }
        }
    }
    history
}

pub(super) fn git_head(root: &Path) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// `folio l10n sync PAGE...`: records in each translation's front matter the hashes of
/// its source as it is now; the rest of the file is kept byte for byte.
///
/// With `trivial`, a source page may be named: every translation of it that exists is
/// re-stamped, for a change of the source that asks nothing of translators.
pub fn sync(
    root: &Path,
    files: &[PathBuf],
    trivial: bool,
    diagnostics: &Diagnostics,
) -> Vec<String> {
    let Some(config) = load::config(root, diagnostics).and_then(|f| config::parse(&f, diagnostics))
    else {
        return Vec::new();
    };
    let commit = git_head(root);
    let mut synced = Vec::new();
    let source_prefix = PathBuf::from("content").join(&config.source_locale);
    let files: Vec<PathBuf> = files
        .iter()
        .flat_map(|file| {
            let relative = file.strip_prefix(root).unwrap_or(file);
            match relative.strip_prefix(&source_prefix) {
                Ok(path) if trivial => config
                    .locales
                    .iter()
                    .filter(|l| **l != config.source_locale)
                    .map(|l| PathBuf::from("content").join(l).join(path))
                    .filter(|t| root.join(t).is_file())
                    .collect(),
                _ => vec![file.clone()],
            }
        })
        .collect();
    for file in &files {
        let absolute = if file.is_absolute() {
            file.clone()
        } else {
            root.join(file)
        };
        let shown = absolute
            .strip_prefix(root)
            .unwrap_or(&absolute)
            .to_string_lossy()
            .replace('\\', "/");
        match sync_one(root, &absolute, &shown, &config, commit.as_deref()) {
            Ok(()) => synced.push(shown),
            Err(d) => diagnostics.push(d),
        }
    }
    synced
}

fn sync_one(
    root: &Path,
    absolute: &Path,
    shown: &str,
    config: &SiteConfig,
    commit: Option<&str>,
) -> Result<(), Diagnostic> {
    let top = Pos { line: 1, column: 1 };
    let fail = |message: String, hint: &str| {
        Diagnostic::error(shown, top, message).with_hint(hint.to_string())
    };
    let rest = shown.strip_prefix("content/").ok_or_else(|| {
        fail(
            "not a page of content/".into(),
            "name a translated page, e.g. content/en/escalade.md",
        )
    })?;
    let (locale, path) = rest.split_once('/').ok_or_else(|| {
        fail(
            "not a page of content/<locale>/".into(),
            "name a translated page, e.g. content/en/escalade.md",
        )
    })?;
    if locale == config.source_locale {
        return Err(fail(
            format!("`{locale}` is the source locale"),
            "sync translations, not source pages",
        ));
    }
    let text = std::fs::read_to_string(absolute)
        .map_err(|e| fail(format!("cannot read the page: {e}"), "check the path"))?;
    let source_path = root.join("content").join(&config.source_locale).join(path);
    // The source as a build reads it, with its included files: builds compare the
    // hash recorded here with that text's.
    let scratch = Diagnostics::new();
    let source = load::page(root, &source_path, &scratch)
        .map(|expanded| expanded.file)
        .ok_or_else(|| {
            fail(
                format!("no source page content/{}/{path}", config.source_locale),
                "a translation keeps its source's file name",
            )
        })?;
    let split = front_matter::parse(&source, &scratch).ok_or_else(|| {
        fail(
            "the source page's front matter is broken".into(),
            "run folio build to see why",
        )
    })?;
    let updated = with_record(
        &text,
        &body_hash(split.body),
        commit,
        &section_hashes(split.body),
        &fingerprints(split.body),
    )
    .ok_or_else(|| {
        fail(
            "only TOML front matter (+++) can be synced".into(),
            "convert the front matter to TOML between +++ lines",
        )
    })?;
    std::fs::write(absolute, updated)
        .map_err(|e| fail(format!("cannot write the page: {e}"), "check permissions"))
}

/// The page with its `[l10n]` table set; `None` unless the front matter is TOML.
pub fn with_record(
    text: &str,
    hash: &str,
    commit: Option<&str>,
    sections: &BTreeMap<String, String>,
    blocks: &[String],
) -> Option<String> {
    let after_open = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))?;
    let end = after_open.find("\n+++").map(|i| i + 1)?;
    let header = &after_open[..end];
    let rest = &after_open[end..];
    let mut document: toml_edit::DocumentMut = header.parse().ok()?;
    let mut table = toml_edit::Table::new();
    table.insert("source_hash", toml_edit::value(hash));
    if let Some(commit) = commit {
        table.insert("source_commit", toml_edit::value(commit));
    }
    let mut section_table = toml_edit::Table::new();
    for (id, hash) in sections {
        section_table.insert(id, toml_edit::value(hash.as_str()));
    }
    table.insert("sections", toml_edit::Item::Table(section_table));
    if !blocks.is_empty() {
        let list: toml_edit::Array = blocks.iter().map(String::as_str).collect();
        table.insert("blocks", toml_edit::value(list));
    }
    document.insert("l10n", toml_edit::Item::Table(table));
    let mut header = document.to_string();
    if !header.ends_with('\n') {
        header.push('\n');
    }
    let open = if text.starts_with("+++\r\n") {
        "+++\r\n"
    } else {
        "+++\n"
    };
    Some(format!("{open}{header}{rest}"))
}

/// `folio l10n add LOCALE`: the locale added to folio.toml, its Fluent files created
/// with every source message commented out as untranslated, and an empty content
/// folder; the site builds at once, every page falling back to the source.
pub fn add(root: &Path, locale: &str, diagnostics: &Diagnostics) -> Vec<String> {
    let top = Pos { line: 1, column: 1 };
    if locale.parse::<LanguageIdentifier>().is_err() || locale.contains('_') {
        diagnostics.push(
            Diagnostic::error(
                CONFIG_FILE,
                top,
                format!("`{locale}` is not a BCP 47 language tag"),
            )
            .with_hint("use a tag such as it, pt-BR, zh-Hant"),
        );
        return Vec::new();
    }
    let Some(config_file) = load::config(root, diagnostics) else {
        return Vec::new();
    };
    let Some(config) = config::parse(&config_file, diagnostics) else {
        return Vec::new();
    };
    if config.locales.iter().any(|l| l == locale) {
        diagnostics.push(
            Diagnostic::error(
                CONFIG_FILE,
                config::key_pos(&config_file.text, "locales"),
                format!("locale `{locale}` is already configured"),
            )
            .with_hint("see `folio l10n status` for what it lacks"),
        );
        return Vec::new();
    }
    let Ok(mut document) = config_file.text.parse::<toml_edit::DocumentMut>() else {
        return Vec::new();
    };
    if let Some(array) = document.get_mut("locales").and_then(|l| l.as_array_mut()) {
        array.push(locale);
    }
    let mut created = Vec::new();
    let sources = load::site(root, &config.theme, diagnostics);
    for file in messages_of(&sources, &config.source_locale) {
        let name = file.path.rsplit('/').next().unwrap_or("ui.ftl");
        let path = format!("locales/{locale}/{name}");
        let text = untranslated(&file.text, &config.source_locale, locale);
        if write_new(root, &path, &text, diagnostics) {
            created.push(path);
        }
    }
    let content = root.join("content").join(locale);
    if std::fs::create_dir_all(&content).is_ok() {
        created.push(format!("content/{locale}/"));
    }
    if std::fs::write(root.join(CONFIG_FILE), document.to_string()).is_ok() {
        created.push(format!("{CONFIG_FILE} (locales += \"{locale}\")"));
    }
    created
}

fn write_new(root: &Path, path: &str, text: &str, diagnostics: &Diagnostics) -> bool {
    let target = root.join(path);
    if target.exists() {
        diagnostics.push(
            Diagnostic::warning(
                path,
                Pos { line: 1, column: 1 },
                "already exists; left as it is",
            )
            .with_hint("remove it to scaffold it again"),
        );
        return false;
    }
    if let Some(parent) = target.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    std::fs::write(target, text).is_ok()
}

/// The source file with every message and term commented out under a marker, so the
/// translator sees the text to translate and the build falls back until it is done.
fn untranslated(source: &str, source_locale: &str, locale: &str) -> String {
    let mut out = format!(
        "# Interface strings for `{locale}`, scaffolded from `{source_locale}` by `folio l10n add`.\n# Each message below is commented out and marked UNTRANSLATED: translate it and\n# remove the `# ` before it. Until then the {source_locale} text is shown.\n\n"
    );
    for line in source.lines() {
        let is_entry = line
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '-');
        let is_continuation = line.starts_with(' ') && !line.trim().is_empty();
        if is_entry {
            out.push_str("# UNTRANSLATED\n");
        }
        if is_entry || is_continuation {
            out.push_str("# ");
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_is_added_and_the_rest_kept_byte_for_byte() {
        let page = "+++\n# Traduit par Anne\ntitle = \"Escalation\"   # keep me\nweight = 5\n+++\n\nBody *stays*  \r\nas it was.\n";
        let sections = BTreeMap::from([("quand".to_string(), "abc".to_string())]);
        let synced = with_record(page, "1234", Some("deadbeef"), &sections, &[]).unwrap();
        assert!(synced.starts_with(
            "+++\n# Traduit par Anne\ntitle = \"Escalation\"   # keep me\nweight = 5\n"
        ));
        assert!(synced.ends_with("+++\n\nBody *stays*  \r\nas it was.\n"));
        assert!(synced.contains("[l10n]\nsource_hash = \"1234\"\nsource_commit = \"deadbeef\""));
        // Syncing again replaces the record, nothing else.
        let again = with_record(&synced, "5678", None, &sections, &[]).unwrap();
        assert_eq!(again.matches("[l10n]").count(), 1);
        assert!(again.contains("source_hash = \"5678\""));
        assert!(with_record("---\ntitle: x\n---\n", "1", None, &sections, &[]).is_none());
    }

    #[test]
    fn scaffolded_messages_are_commented_out() {
        let text = untranslated(
            "# Comment\nnav = Suivant\nlong =\n    Deux lignes\n-brand = Folio\n",
            "fr",
            "it",
        );
        assert!(text.contains("# UNTRANSLATED\n# nav = Suivant\n"));
        assert!(text.contains("# long =\n#     Deux lignes\n"));
        assert!(text.contains("# UNTRANSLATED\n# -brand = Folio\n"));
        assert!(
            fluent_syntax::parser::parse(text.as_str())
                .unwrap()
                .body
                .iter()
                .all(|e| !matches!(e, fluent_syntax::ast::Entry::Message(_)))
        );
    }
}
