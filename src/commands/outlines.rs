//! Each locale's outline (`content/<locale>/SUMMARY.md`): parsed, checked against the
//! page files found, and lent by the source locale to a locale that has none, so a
//! translation keeps the book's order while fallback pages fill its gaps.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Diagnostics, suggest};
use crate::load::{OUTLINE_FILE, PagePath};
use crate::model::{Outline, Pos, SiteConfig, SourceFile};
use crate::parse;

/// The outline ordering each configured locale that has one, by locale. `included`
/// are the files other pages `{{#include}}`: unlisted, they are fragments shared by
/// chapters (as mdBook books keep them), not pages waiting for a place.
pub fn outlines(
    files: &[SourceFile],
    pages: &[PagePath],
    included: &BTreeSet<&str>,
    config: &SiteConfig,
    diagnostics: &Diagnostics,
) -> BTreeMap<String, Outline> {
    let wanted =
        |locale: &str| locale == config.source_locale || config.locales.iter().any(|l| l == locale);
    let own: BTreeMap<String, Outline> = files
        .iter()
        .filter_map(|file| {
            let locale = file.path.strip_prefix("content/")?.split_once('/')?.0;
            wanted(locale).then(|| (locale.to_string(), parse::outline::parse(file, diagnostics)))
        })
        .collect();
    let source = own.get(&config.source_locale);
    let original = page_paths(pages, &config.source_locale);
    for (locale, outline) in &own {
        let found = page_paths(pages, locale);
        // A chapter not yet translated is there all the same: its fallback page.
        let available: BTreeSet<&str> = found.union(&original).copied().collect();
        check_listed(outline, locale, &available, diagnostics);
        report_unlisted(outline, &found, included, locale, diagnostics);
    }
    let mut result = BTreeMap::new();
    for locale in &config.locales {
        match (own.get(locale), source) {
            (Some(outline), _) => {
                result.insert(locale.clone(), outline.clone());
            }
            (None, Some(source)) => {
                // Pages the source lists are there (translated or falling back); a
                // translation the source does not have is the one thing to report.
                let found = page_paths(pages, locale);
                let own_only: BTreeSet<&str> = found.difference(&original).copied().collect();
                report_unlisted(source, &own_only, included, locale, diagnostics);
                result.insert(locale.clone(), source.clone());
            }
            (None, None) => {}
        }
    }
    result
}

/// Paths below `content/<locale>/` of that locale's page files.
fn page_paths<'a>(pages: &'a [PagePath], locale: &str) -> BTreeSet<&'a str> {
    let prefix = format!("content/{locale}/");
    pages
        .iter()
        .filter_map(|p| p.shown.strip_prefix(&prefix))
        .collect()
}

/// Every listed page must exist.
fn check_listed(
    outline: &Outline,
    locale: &str,
    found: &BTreeSet<&str>,
    diagnostics: &Diagnostics,
) {
    let known: Vec<&str> = found.iter().copied().collect();
    for chapter in outline.chapters() {
        let Some(path) = &chapter.path else {
            continue;
        };
        if found.contains(path.as_str()) {
            continue;
        }
        let hint = match suggest(path, &known) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "create content/{locale}/{path}, or write `[{}]()` for a chapter still to come",
                chapter.title
            ),
        };
        diagnostics.push(
            Diagnostic::error(
                &outline.source,
                chapter.pos,
                format!("no page `{path}` in content/{locale}/"),
            )
            .with_hint(hint),
        );
    }
}

/// Pages of `candidates` that `outline` does not list: published after the listed
/// ones, and reported once each.
fn report_unlisted(
    outline: &Outline,
    candidates: &BTreeSet<&str>,
    included: &BTreeSet<&str>,
    locale: &str,
    diagnostics: &Diagnostics,
) {
    let listed = listed(outline);
    for path in candidates.difference(&listed) {
        if included.contains(format!("content/{locale}/{path}").as_str()) {
            continue;
        }
        diagnostics.push(
            Diagnostic::warning(
                format!("content/{locale}/{path}"),
                Pos { line: 1, column: 1 },
                format!("not listed in {OUTLINE_FILE}"),
            )
            .with_hint(format!(
                "add `- [Title]({path})` to {}: until then the page is published after the listed chapters",
                outline.source
            )),
        );
    }
}

/// The page paths `outline` lists.
pub fn listed(outline: &Outline) -> BTreeSet<&str> {
    (outline.chapters())
        .filter_map(|c| c.path.as_deref())
        .collect()
}

/// Each outlined locale's first chapter that has a page: the book's home, which
/// mdBook also publishes as `index.html`.
pub fn homes(outlines: &BTreeMap<String, Outline>) -> Vec<(String, String)> {
    (outlines.iter())
        .filter_map(|(locale, outline)| {
            let first = outline.chapters().find_map(|c| c.path.clone())?;
            Some((locale.clone(), first))
        })
        .collect()
}
