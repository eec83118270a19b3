//! What an import says: what it wrote, and each thing it could not carry with its
//! place (`book.toml:12`, `src/page.md:3`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::load::{CONFIG_FILE, OUTLINE_FILE};

use super::book::Book;
use super::{Kind, Outcome, Planned, below, files_below, normalized, slash};

/// Where something the import could not carry is, and what it is.
pub(super) struct Note {
    pub place: String,
    pub what: String,
}

/// The notes from `book.toml`, the theme folder and the pages, in that order.
pub(super) fn not_carried(
    book: &Book,
    book_toml: &str,
    book_shown: &str,
    book_dir: &Path,
    page_notes: Vec<Note>,
    rust: Option<(String, usize)>,
) -> Vec<Note> {
    let mut notes: Vec<Note> = (book.notes.iter())
        .map(|(line, what)| Note {
            place: format!("{book_toml}:{line}"),
            what: what.clone(),
        })
        .collect();
    let (theme, theme_line) = &book.theme;
    let overrides: Vec<String> = files_below(&book_dir.join(theme))
        .iter()
        .filter_map(|f| f.strip_prefix(book_dir.join(theme)).ok().map(slash))
        .collect();
    if !overrides.is_empty() {
        notes.push(Note {
            place: match theme_line {
                Some(line) => format!("{book_toml}:{line}"),
                None => format!("{}/", below(book_shown, &normalized(theme))),
            },
            what: format!(
                "mdBook theme overrides ({}): Folio's theme is its own; a site's themes/<name>/ overrides it file by file",
                overrides.join(", ")
            ),
        });
    }
    let (playground_line, runnable) = book.playground;
    if runnable && (playground_line.is_some() || rust.is_some()) {
        let pages = rust.as_ref().map_or(0, |r| r.1);
        notes.push(Note {
            place: match (playground_line, &rust) {
                (Some(line), _) => format!("{book_toml}:{line}"),
                (None, Some((place, _))) => place.clone(),
                (None, None) => book_toml.to_string(),
            },
            what: format!(
                "the playground: Rust examples ({pages} page{}) are shown highlighted, without mdBook's Run button",
                if pages == 1 { "" } else { "s" }
            ),
        });
    }
    notes.extend(page_notes);
    // book.toml first, by line; then the other files, by path and line.
    notes.sort_by_cached_key(|note| {
        let (path, line) = note
            .place
            .rsplit_once(':')
            .map_or((note.place.as_str(), 0), |(path, line)| {
                (path, line.parse::<u32>().unwrap_or(0))
            });
        (path != book_toml, path.to_string(), line)
    });
    notes
}

pub(super) struct Report<'a> {
    pub book: &'a Book,
    pub book_shown: &'a str,
    pub site_shown: &'a str,
    pub src_shown: &'a str,
    pub locale: &'a str,
    pub plan: &'a BTreeMap<String, Planned>,
    pub outcome: &'a Outcome,
    pub redirected: usize,
    /// How many of those directives reach above the book's folder.
    pub climbed: usize,
    pub lines: Vec<String>,
    pub base_url_note: Option<String>,
    pub notes: Vec<Note>,
}

pub(super) fn report(r: Report) -> String {
    let mut out = String::new();
    let title = r.book.title.as_deref().unwrap_or("(untitled)");
    let _ = writeln!(
        out,
        "Imported \"{title}\" ({}) as locale {} into {}",
        r.book_shown, r.locale, r.site_shown
    );
    let count = |kind: Kind| r.plan.values().filter(|p| p.kind == kind).count();
    let (pages, others) = (count(Kind::Page), count(Kind::Asset));
    let _ = writeln!(
        out,
        "  content/{}/: {} from {}/ ({pages} page{}, {OUTLINE_FILE}, {others} other file{}){}",
        r.locale,
        files(pages + others + count(Kind::Outline)),
        r.src_shown,
        plural(pages),
        plural(others),
        states(r.outcome, |p| p.starts_with("content/")),
    );
    let outside: Vec<&String> = (r.plan.iter())
        .filter(|(_, p)| p.kind == Kind::Outside)
        .map(|(path, _)| path)
        .collect();
    if !outside.is_empty() {
        let mut folders: Vec<&str> = outside
            .iter()
            .map(|p| p.split_once('/').map_or(p.as_str(), |(dir, _)| dir))
            .collect();
        folders.dedup();
        let _ = writeln!(
            out,
            "  {}: {} that {{{{#include}}}} reaches outside src/, copied with the same layout; {} directive{} now point{} there{}{}",
            folders
                .iter()
                .map(
                    |f| if outside.iter().any(|p| p.starts_with(&format!("{f}/"))) {
                        format!("{f}/")
                    } else {
                        f.to_string()
                    }
                )
                .collect::<Vec<_>>()
                .join(", "),
            files(outside.len()),
            r.redirected,
            plural(r.redirected),
            if r.redirected == 1 { "s" } else { "" },
            match r.climbed {
                0 => String::new(),
                n => format!(" ({n} from above the book's folder, placed at the site's root)"),
            },
            states(r.outcome, |p| outside.iter().any(|o| *o == p)),
        );
    }
    for line in &r.lines {
        let _ = writeln!(out, "  {line}");
    }
    if let Some(why) = &r.base_url_note {
        let _ = writeln!(
            out,
            "  base_url is a placeholder ({why}): set the site's address in {CONFIG_FILE} before publishing"
        );
    }
    if r.notes.is_empty() {
        out.push_str("Everything was carried.\n");
    } else {
        let _ = writeln!(out, "Not carried ({}):", r.notes.len());
        for note in &r.notes {
            let _ = writeln!(out, "  {}: {}", note.place, note.what);
        }
    }
    let root = if r.site_shown == "." {
        String::new()
    } else {
        format!(" --root {}", r.site_shown)
    };
    let _ = writeln!(out, "Next: folio build{root}");
    out
}

fn files(n: usize) -> String {
    format!("{n} file{}", plural(n))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `; 2 already there, 1 overwritten` for the planned paths `which` selects.
fn states(outcome: &Outcome, which: impl Fn(&str) -> bool) -> String {
    let unchanged = outcome.unchanged.iter().filter(|p| which(p)).count();
    let overwritten = outcome.overwritten.iter().filter(|p| which(p)).count();
    let mut parts = Vec::new();
    if unchanged > 0 {
        parts.push(format!("{unchanged} already there"));
    }
    if overwritten > 0 {
        parts.push(format!("{overwritten} overwritten"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("; {}", parts.join(", "))
    }
}
