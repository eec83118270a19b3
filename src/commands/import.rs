//! `folio import mdbook BOOK [--into SITE] [--locale L] [--force]`: an mdBook becomes a
//! Folio site, or one more locale of one, its files as they are (only the paths of
//! `{{#include}}` directives that leave `src/` change, to reach the copies).
//!
//! The book's `src/` is copied whole into `content/<locale>/` under the same names (so
//! every link between pages, and every picture, keeps working), `SUMMARY.md` included:
//! it is the locale's outline. Files that `{{#include}}` reaches outside `src/` are
//! copied with the same layout relative to the site (`BOOK/listings` to
//! `SITE/listings`, and a file above the book's folder to the site's root under the
//! rest of its path), the directives pointed at the copies. Then `folio.toml` and
//! `locales/<locale>/ui.ftl` are written, or into an existing site the locale is added
//! to its `folio.toml` (comments kept). What Folio cannot carry (custom preprocessors,
//! theme overrides, extra CSS and scripts, MathJax, the playground, some directives)
//! is listed with its place. Nothing is written when a file would overwrite a
//! different one, unless `--force`.
//!
//! Like `init` and `l10n add`, this command reads and writes the disk itself: it works
//! on another tool's layout, before Folio's own pipeline ever runs.

mod book;
mod directives;
mod report;
mod site_files;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{CONFIG_FILE, OUTLINE_FILE};
use crate::model::Pos;

use report::{Note, Report, not_carried, report};
use site_files::{add_locale, base_url, book_title, new_config, ui_messages};

/// Top-level names of a Folio site that a book's file must not take.
const SITE_NAMES: &[&str] = &["content", "locales", "themes", "public", CONFIG_FILE];

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The book's folder (with `book.toml`).
    pub book: PathBuf,
    /// The site's folder: a new site when it has no `folio.toml`.
    pub into: PathBuf,
    /// The locale the book becomes (else its `language`, else `en`).
    pub locale: Option<String>,
    /// Overwrite files that differ.
    pub force: bool,
}

/// What an import did: the report to print, and the problems that stopped it.
#[derive(Debug)]
pub struct ImportReport {
    pub output: String,
    pub diagnostics: Vec<crate::diagnostic::Diagnostic>,
}

pub fn mdbook(options: &ImportOptions) -> ImportReport {
    let diagnostics = Diagnostics::new();
    let output = import(options, &diagnostics).unwrap_or_default();
    ImportReport {
        output,
        diagnostics: diagnostics.into_sorted(),
    }
}

/// A file to write, relative to the site.
struct Planned {
    bytes: Vec<u8>,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Page,
    Outline,
    /// Another file of `src/`.
    Asset,
    /// A file `{{#include}}` reaches outside `src/`.
    Outside,
    /// `folio.toml`, new or with one more locale.
    Config,
    Messages,
}

/// What the pages of `src/` hold beyond their text.
#[derive(Default)]
struct Scan {
    notes: Vec<Note>,
    /// Files outside `src/` to copy: their path in the site, and in the book (which
    /// starts with `../` for a file above the book's folder).
    outside: BTreeMap<String, String>,
    /// How many include directives now point at those copies.
    redirected: usize,
    /// How many of them reach above the book's folder.
    climbed: usize,
    /// The first runnable Rust example (its place) and how many pages have one.
    rust: Option<(String, usize)>,
}

fn import(options: &ImportOptions, diagnostics: &Diagnostics) -> Option<String> {
    let book_shown = shown(&options.book);
    let site_shown = shown(&options.into);
    let book_toml = options.book.join("book.toml");
    let book_toml_shown = below(&book_shown, "book.toml");
    if !book_toml.is_file() {
        diagnostics.push(
            Diagnostic::error(
                &book_toml_shown,
                START,
                format!("no book.toml in {book_shown}"),
            )
            .with_hint("give the mdBook's folder: the one with book.toml and src/SUMMARY.md"),
        );
        return None;
    }
    let text = read_text(&book_toml, &book_toml_shown, diagnostics)?;
    let book = book::read(&text, &book_toml_shown, diagnostics)?;
    let src_rel = normalized(&book.src);
    let src = options.book.join(&book.src);
    let src_shown = below(&book_shown, &src_rel);
    if !src.join(OUTLINE_FILE).is_file() {
        diagnostics.push(
            Diagnostic::error(
                below(&src_shown, OUTLINE_FILE),
                START,
                format!("no {OUTLINE_FILE} in {src_shown}/"),
            )
            .with_hint("an mdBook lists its chapters in src/SUMMARY.md (or in the `src` folder book.toml names); Folio reads it as the locale's outline"),
        );
        return None;
    }
    let locale = options
        .locale
        .clone()
        .or_else(|| book.language.clone())
        .unwrap_or_else(|| "en".to_string());
    if locale.parse::<unic_langid::LanguageIdentifier>().is_err() {
        diagnostics.push(
            Diagnostic::error(
                &book_toml_shown,
                START,
                format!("`{locale}` is not a BCP 47 language tag"),
            )
            .with_hint("pass --locale with a tag such as en, fr or pt-BR"),
        );
        return None;
    }

    let mut plan: BTreeMap<String, Planned> = BTreeMap::new();
    let mut scan = Scan::default();
    for file in files_below(&src) {
        let rel = slash(file.strip_prefix(&src).unwrap_or(&file));
        let file_shown = below(&src_shown, &rel);
        let Some(mut bytes) = read_bytes(&file, &file_shown, diagnostics) else {
            continue;
        };
        let kind = if rel == OUTLINE_FILE {
            Kind::Outline
        } else if rel.ends_with(".md") {
            Kind::Page
        } else {
            Kind::Asset
        };
        if kind == Kind::Page
            && let Ok(text) = std::str::from_utf8(&bytes)
        {
            let rewritten = scan_page(text, &rel, &src_rel, &file_shown, &options.book, &mut scan);
            if let Some(text) = rewritten {
                bytes = text.into_bytes();
            }
        }
        plan.insert(format!("content/{locale}/{rel}"), Planned { bytes, kind });
    }
    for (path, source) in &scan.outside {
        let from = options.book.join(source);
        if let Some(bytes) = read_bytes(&from, &below(&book_shown, source), diagnostics) {
            plan.insert(
                path.clone(),
                Planned {
                    bytes,
                    kind: Kind::Outside,
                },
            );
        }
    }

    let config_path = options.into.join(CONFIG_FILE);
    let existing = config_path.is_file();
    let mut lines = Vec::new();
    let mut base_url_note = None;
    if existing {
        let text = read_text(&config_path, &below(&site_shown, CONFIG_FILE), diagnostics)?;
        match add_locale(&text, &locale) {
            Ok(Some(edited)) => {
                plan.insert(
                    CONFIG_FILE.to_string(),
                    Planned {
                        bytes: edited.into_bytes(),
                        kind: Kind::Config,
                    },
                );
                lines.push(format!("{CONFIG_FILE}: locales += \"{locale}\""));
            }
            Ok(None) => lines.push(format!("{CONFIG_FILE}: already lists \"{locale}\"")),
            Err(problem) => {
                diagnostics.push(
                    Diagnostic::error(below(&site_shown, CONFIG_FILE), START, problem)
                        .with_hint("folio.toml needs `locales = [...]`, as `folio init` writes it"),
                );
                return None;
            }
        }
    } else {
        let (base_url, note) = base_url(&book, &book_toml_shown);
        base_url_note = note;
        let title = book_title(&book, &options.book);
        plan.insert(
            CONFIG_FILE.to_string(),
            Planned {
                bytes: new_config(
                    &title,
                    &base_url,
                    base_url_note.is_some(),
                    &locale,
                    &book.authors,
                )
                .into_bytes(),
                kind: Kind::Config,
            },
        );
        lines.push(format!(
            "{CONFIG_FILE}: a new site (source_locale = \"{locale}\", base_url = \"{base_url}\")"
        ));
    }
    let messages = format!("locales/{locale}/ui.ftl");
    if existing && options.into.join(&messages).exists() {
        lines.push(format!("{messages}: kept as it was"));
    } else {
        let title = book_title(&book, &options.book);
        plan.insert(
            messages.clone(),
            Planned {
                bytes: ui_messages(&title, book.description.as_deref()).into_bytes(),
                kind: Kind::Messages,
            },
        );
        lines.push(format!("{messages}: site-title = {title}"));
    }

    let outcome = check_targets(&plan, options, &site_shown, diagnostics)?;
    for (path, planned) in &plan {
        if outcome.unchanged.contains(path) {
            continue;
        }
        let target = options.into.join(path);
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, &planned.bytes));
        if let Err(err) = written {
            diagnostics.push(
                Diagnostic::error(
                    below(&site_shown, path),
                    START,
                    format!("cannot write: {err}"),
                )
                .with_hint("check that the site's folder is writable"),
            );
        }
    }
    if diagnostics.has_errors() {
        return None;
    }

    let notes = not_carried(
        &book,
        &book_toml_shown,
        &book_shown,
        &options.book,
        scan.notes,
        scan.rust,
    );
    Some(report(Report {
        book: &book,
        book_shown: &book_shown,
        site_shown: &site_shown,
        src_shown: &src_shown,
        locale: &locale,
        plan: &plan,
        outcome: &outcome,
        redirected: scan.redirected,
        climbed: scan.climbed,
        lines,
        base_url_note,
        notes,
    }))
}

const START: Pos = Pos { line: 1, column: 1 };

/// Finds what a page holds for the import, and returns its text with include paths
/// that leave `src/` pointed at the copies, when there are such.
fn scan_page(
    text: &str,
    rel: &str,
    src_rel: &str,
    file_shown: &str,
    book_dir: &Path,
    scan: &mut Scan,
) -> Option<String> {
    let folder = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
    let book_folder = [src_rel, folder]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("/");
    // From the page's folder in the site (content/<locale>/<folder>) to the site root.
    let depth = 2 + folder.split('/').filter(|p| !p.is_empty()).count();
    let mut replacements = Vec::new();
    for directive in directives::find(text) {
        let place = format!("{file_shown}:{}", directive.line);
        match directive.name {
            "playground" | "playpen" => scan.notes.push(Note {
                place: place.clone(),
                what: format!(
                    "`{{{{#{}{}{}}}}}`: Folio embeds no runnable files; the directive stays as written",
                    directive.name,
                    if directive.args.is_empty() { "" } else { " " },
                    directive.args
                ),
            }),
            "title" => scan.notes.push(Note {
                place: place.clone(),
                what: "`{{#title}}`: the browser tab shows the page's title (its first heading or front matter `title`)".to_string(),
            }),
            _ => {}
        }
        let Some((path, range)) = directive.include_path() else {
            continue;
        };
        // A file above the book's folder (a repository's examples beside its book)
        // comes to the site's root under the rest of its path.
        let Some((climbs, target)) = join_climbing(&book_folder, path) else {
            scan.notes.push(Note {
                place,
                what: format!("`{path}`: an absolute path, so not copied"),
            });
            continue;
        };
        let source = format!("{}{target}", "../".repeat(climbs));
        let inside =
            climbs == 0 && (src_rel.is_empty() || target.starts_with(&format!("{src_rel}/")));
        if inside {
            continue;
        }
        let first = target.split('/').next().unwrap_or("");
        if SITE_NAMES.contains(&first) {
            scan.notes.push(Note {
                place,
                what: format!("`{path}`: would land in the site's own `{first}`, so not copied"),
            });
            continue;
        }
        if !book_dir.join(&source).is_file() {
            scan.notes.push(Note {
                place,
                what: format!("`{path}`: no such file, so not copied"),
            });
            continue;
        }
        if let Some(taken) = scan.outside.get(&target).filter(|t| **t != source) {
            scan.notes.push(Note {
                place,
                what: format!("`{path}`: not copied, {target} is already the copy of {taken}"),
            });
            continue;
        }
        if climbs > 0 {
            scan.climbed += 1;
        }
        scan.outside.insert(target.clone(), source);
        replacements.push((range, format!("{}{target}", "../".repeat(depth))));
    }
    if let Some(line) = directives::first_rust_fence(text) {
        let rust = scan
            .rust
            .get_or_insert_with(|| (format!("{file_shown}:{line}"), 0));
        rust.1 += 1;
    }
    if replacements.is_empty() {
        return None;
    }
    scan.redirected += replacements.len();
    let mut text = text.to_string();
    for (range, path) in replacements.into_iter().rev() {
        text.replace_range(range, &path);
    }
    Some(text)
}

/// What the targets hold already: files with the same bytes are left alone; a
/// different file stops the import (nothing written) unless `--force`.
struct Outcome {
    unchanged: Vec<String>,
    overwritten: Vec<String>,
}

fn check_targets(
    plan: &BTreeMap<String, Planned>,
    options: &ImportOptions,
    site_shown: &str,
    diagnostics: &Diagnostics,
) -> Option<Outcome> {
    let mut outcome = Outcome {
        unchanged: Vec::new(),
        overwritten: Vec::new(),
    };
    let mut refused = false;
    for (path, planned) in plan {
        let target = options.into.join(path);
        if !target.exists() {
            continue;
        }
        match std::fs::read(&target) {
            Ok(bytes) if bytes == planned.bytes => outcome.unchanged.push(path.clone()),
            // An existing site's folio.toml is edited on purpose.
            _ if planned.kind == Kind::Config && target.is_file() => {}
            _ if options.force && target.is_file() => outcome.overwritten.push(path.clone()),
            _ => {
                refused = true;
                diagnostics.push(
                    Diagnostic::error(
                        below(site_shown, path),
                        START,
                        "exists and differs from the book's file",
                    )
                    .with_hint("nothing was written; pass --force to overwrite, or import into another folder"),
                );
            }
        }
    }
    (!refused).then_some(outcome)
}

/// Files below `dir`, sorted, through symbolic links (books link pictures and listings
/// from elsewhere in their repository, and mdBook follows them), version control's
/// folders left out. Other hidden files stay: chapters include `.cargo/config.toml`.
fn files_below(dir: &Path) -> Vec<PathBuf> {
    const SKIPPED: &[&str] = &[".git", ".hg", ".svn", ".DS_Store"];
    WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !SKIPPED.contains(&e.file_name().to_string_lossy().as_ref())
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

fn read_bytes(path: &Path, shown: &str, diagnostics: &Diagnostics) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(err) => {
            diagnostics.push(
                Diagnostic::error(shown, START, format!("cannot read: {err}"))
                    .with_hint("check the file's permissions"),
            );
            None
        }
    }
}

fn read_text(path: &Path, shown: &str, diagnostics: &Diagnostics) -> Option<String> {
    let bytes = read_bytes(path, shown, diagnostics)?;
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(_) => {
            diagnostics.push(
                Diagnostic::error(shown, START, "invalid UTF-8")
                    .with_hint("save the file as UTF-8"),
            );
            None
        }
    }
}

/// A path as the user wrote it, with `/`, without a trailing one.
fn shown(path: &Path) -> String {
    let text = slash(path);
    let trimmed = text.trim_end_matches('/');
    if trimmed.is_empty() {
        text
    } else {
        trimmed.to_string()
    }
}

/// `rel` below the shown folder `base`.
fn below(base: &str, rel: &str) -> String {
    if base == "." || base.is_empty() {
        rel.to_string()
    } else {
        format!("{base}/{rel}")
    }
}

fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// `./src/` as `src`, `.` as the empty path.
fn normalized(path: &str) -> String {
    crate::load::join_relative("", path).unwrap_or_else(|| path.to_string())
}

/// `written` relative to the book-relative folder `folder`, as the number of folders
/// it climbs above the book's and the path below that; `None` when it is absolute.
fn join_climbing(folder: &str, written: &str) -> Option<(usize, String)> {
    if written.starts_with('/') || written.starts_with('\\') {
        return None;
    }
    let mut climbs = 0;
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in written.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." if parts.pop().is_none() => climbs += 1,
            ".." => {}
            part => parts.push(part),
        }
    }
    Some((climbs, parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_paths_leaving_src_point_at_the_copies() {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book");
        std::fs::create_dir_all(book.join("listings")).unwrap();
        std::fs::create_dir_all(dir.path().join("examples")).unwrap();
        std::fs::write(book.join("listings/a.rs"), "fn main() {}\n").unwrap();
        std::fs::write(dir.path().join("examples/e.rs"), "fn e() {}\n").unwrap();
        let mut scan = Scan::default();
        let text = "{{#include ../../listings/a.rs:main}}\n{{#include local.rs}}\n\
                    {{#include ../../../examples/e.rs}}\n{{#include ../../../x.rs}}\n{{#include /etc/x.rs}}\n";
        let rewritten = scan_page(
            text,
            "part/page.md",
            "src",
            "book/src/part/page.md",
            &book,
            &mut scan,
        );
        assert_eq!(
            rewritten.as_deref(),
            Some(
                "{{#include ../../../listings/a.rs:main}}\n{{#include local.rs}}\n\
                 {{#include ../../../examples/e.rs}}\n{{#include ../../../x.rs}}\n{{#include /etc/x.rs}}\n"
            )
        );
        let outside: Vec<(&str, &str)> = (scan.outside.iter())
            .map(|(site, book)| (site.as_str(), book.as_str()))
            .collect();
        assert_eq!(
            outside,
            [
                ("examples/e.rs", "../examples/e.rs"),
                ("listings/a.rs", "listings/a.rs")
            ]
        );
        assert_eq!((scan.redirected, scan.climbed), (2, 1));
        let notes: Vec<(&str, &str)> = (scan.notes.iter())
            .map(|n| (n.place.as_str(), n.what.as_str()))
            .collect();
        assert_eq!(
            notes,
            [
                (
                    "book/src/part/page.md:4",
                    "`../../../x.rs`: no such file, so not copied"
                ),
                (
                    "book/src/part/page.md:5",
                    "`/etc/x.rs`: an absolute path, so not copied"
                ),
            ]
        );
    }
}
