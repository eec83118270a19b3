//! Front matter keys of other tools. Pages copied from Hugo or Docusaurus carry keys
//! that Folio has no use for (`tags`, `date`, `menu`...): they are read past, each with
//! a note of what Folio does instead, and the site warns once per key. So are keys no
//! tool listed here knows (a preprocessor's own, such as `minutes`), unless they look
//! like a typo of one of Folio's: `tittle` is an error, as it must not silently drop a
//! title.

use crate::diagnostic::{Diagnostic, Diagnostics, suggest};
use crate::model::{FrontMatter, Pos};

/// `(key in lower case, tools that use it, what Folio does instead)`. Hugo reads keys
/// whatever their case, so they are compared in lower case.
const IGNORED: &[(&str, &str, &str)] = &[
    ("tags", "Hugo, Docusaurus", "Folio makes no tag pages"),
    ("categories", "Hugo", "Folio makes no taxonomy pages"),
    ("series", "Hugo", "Folio makes no taxonomy pages"),
    (
        "keywords",
        "Hugo, Docusaurus",
        "Folio writes no keywords; search engines read `description`",
    ),
    ("date", "Hugo, Docusaurus", "Folio shows no dates"),
    ("lastmod", "Hugo", "Folio shows no dates"),
    (
        "publishdate",
        "Hugo",
        "Folio publishes every page that is not a draft",
    ),
    (
        "pubdate",
        "Hugo",
        "Folio publishes every page that is not a draft",
    ),
    (
        "expirydate",
        "Hugo",
        "Folio publishes every page that is not a draft",
    ),
    ("last_update", "Docusaurus", "Folio shows no dates"),
    ("author", "Hugo, Docusaurus", "Folio shows no authors"),
    ("authors", "Hugo, Docusaurus", "Folio shows no authors"),
    (
        "summary",
        "Hugo",
        "Folio describes a page with `description`",
    ),
    ("images", "Hugo", "Folio adds no social-card images"),
    ("image", "Docusaurus", "Folio adds no social-card images"),
    (
        "toc",
        "Hugo",
        "every page lists its second- and third-level headings",
    ),
    (
        "hide_table_of_contents",
        "Docusaurus",
        "every page lists its second- and third-level headings",
    ),
    (
        "toc_min_heading_level",
        "Docusaurus",
        "every page lists its second- and third-level headings",
    ),
    (
        "toc_max_heading_level",
        "Docusaurus",
        "every page lists its second- and third-level headings",
    ),
    ("hide_title", "Docusaurus", "every page shows its title"),
    ("type", "Hugo", "every page uses the theme's page template"),
    (
        "layout",
        "Hugo",
        "every page uses the theme's page template",
    ),
    (
        "menu",
        "Hugo",
        "the navigation follows folders and `weight`",
    ),
    (
        "menus",
        "Hugo",
        "the navigation follows folders and `weight`",
    ),
    (
        "sidebar_class_name",
        "Docusaurus",
        "the navigation follows folders and `weight`",
    ),
    (
        "sidebar_custom_props",
        "Docusaurus",
        "the navigation follows folders and `weight`",
    ),
    (
        "displayed_sidebar",
        "Docusaurus",
        "the navigation follows folders and `weight`",
    ),
    (
        "pagination_label",
        "Docusaurus",
        "previous and next links follow the reading order",
    ),
    (
        "pagination_next",
        "Docusaurus",
        "previous and next links follow the reading order",
    ),
    (
        "pagination_prev",
        "Docusaurus",
        "previous and next links follow the reading order",
    ),
    ("custom_edit_url", "Docusaurus", "Folio shows no edit link"),
    (
        "unlisted",
        "Docusaurus",
        "every published page is listed; use `draft` to leave one out",
    ),
    (
        "parse_number_prefixes",
        "Docusaurus",
        "file names are used as they are",
    ),
    (
        "translationkey",
        "Hugo",
        "a translation is the page at the same path in another locale",
    ),
    (
        "iscjklanguage",
        "Hugo",
        "each locale's language sets its typography",
    ),
    (
        "headless",
        "Hugo",
        "every page below content/<locale>/ is published",
    ),
    (
        "build",
        "Hugo",
        "every page below content/<locale>/ is published",
    ),
    (
        "cascade",
        "Hugo",
        "front matter applies to its own page only",
    ),
    ("params", "Hugo", "templates see no page parameters"),
    (
        "outputs",
        "Hugo",
        "Folio publishes HTML, the search index and the PDF guide",
    ),
    (
        "resources",
        "Hugo",
        "files beside a page are published as they are",
    ),
    ("sitemap", "Hugo", "every published page is in sitemap.xml"),
    ("markup", "Hugo", "every page is Markdown"),
];

/// A key Folio reads past: who uses it and what Folio does instead.
pub fn ignored(key: &str) -> Option<(&'static str, &'static str)> {
    let lower = key.to_ascii_lowercase();
    IGNORED
        .iter()
        .find(|(k, ..)| *k == lower)
        .map(|&(_, tools, instead)| (tools, instead))
}

/// Sorts out the keys that deserializing `front` skipped: other tools' keys are kept in
/// `front.ignored` with their place, any other is an error. Then Docusaurus's
/// `sidebar_position` gives the weight when `weight` does not. `header` is the front
/// matter's text, starting at `base` in `file`. False when a key is unknown.
pub fn sort_out(
    front: &mut FrontMatter,
    skipped: &[String],
    header: &str,
    base: Pos,
    file: &str,
    diagnostics: &Diagnostics,
) -> bool {
    let mut ok = true;
    for key in skipped {
        let pos = key_pos(header, key, base);
        if ignored(key).is_some() {
            front.ignored.push((key.clone(), pos));
            continue;
        }
        // A suggestion may be a key of another tool that Folio understands; the list
        // names Folio's own.
        let known: Vec<&str> = (FrontMatter::KEYS.iter())
            .chain(FrontMatter::UNDERSTOOD_KEYS)
            .copied()
            .collect();
        let own = FrontMatter::KEYS.join(", ");
        let Some(close) = suggest(key, &known) else {
            // Another tool's key (a preprocessor's, a theme's): read past, warned once.
            front.ignored.push((key.clone(), pos));
            continue;
        };
        let hint = format!("did you mean `{close}`? Known keys: {own}");
        diagnostics
            .push(Diagnostic::error(file, pos, format!("unknown field `{key}`")).with_hint(hint));
        ok = false;
    }
    if !front.aliases.is_empty() {
        front.aliases_pos = key_pos(header, "aliases", base);
    }
    if !front.index.is_empty() {
        front.index_pos = key_pos(header, "index", base);
        for term in &front.index {
            let hint = match super::index_marks::split_reading(term) {
                Err(crate::model::MalformedReading) => {
                    "write the term, one `|`, then its reading in kana: `優先度|ゆうせんど`"
                }
                Ok((term, _)) if term.is_empty() => {
                    "give each term of `index` its text, or leave it out"
                }
                Ok(_) => continue,
            };
            let message = format!("cannot read {term:?} as an index term");
            diagnostics.push(Diagnostic::warning(file, front.index_pos, message).with_hint(hint));
        }
    }
    if front.weight == 0
        && let Some(position) = front.sidebar_position
    {
        front.weight = position.floor() as i64;
        if position.fract() != 0.0 {
            let pos = key_pos(header, "sidebar_position", base);
            diagnostics.push(
                Diagnostic::warning(file, pos, format!("sidebar_position {position} is read as weight {}: Folio orders pages by whole numbers", front.weight))
                    .with_hint("give whole numbers (or `weight`); pages of equal weight follow their file names"),
            );
        }
    }
    ok
}

/// Where `key` is in the file (the header's first line when it cannot be found).
fn key_pos(header: &str, key: &str, base: Pos) -> Pos {
    let local = key_offset(header, key).map_or(Pos { line: 1, column: 1 }, |o| {
        crate::diagnostic::pos_at(header, o)
    });
    Pos {
        line: base.line + local.line - 1,
        column: local.column,
    }
}

/// Reports the keys of other tools once per key for the whole site: how many pages use
/// it, at the first one (by file, then line).
pub fn report<'a>(
    uses: impl IntoIterator<Item = (&'a str, &'a str, Pos)>,
    diagnostics: &Diagnostics,
) {
    // key in lower case -> (pages, first use as written)
    let mut keys: std::collections::BTreeMap<String, (usize, (&str, Pos, &str))> =
        std::collections::BTreeMap::new();
    for (file, key, pos) in uses {
        let entry = keys
            .entry(key.to_ascii_lowercase())
            .or_insert((0, (file, pos, key)));
        entry.0 += 1;
        entry.1 = entry.1.min((file, pos, key));
    }
    for (lower, (count, (file, pos, key))) in keys {
        let pages = if count == 1 {
            "1 page".to_string()
        } else {
            format!("{count} pages, the first here")
        };
        let message = match ignored(&lower) {
            Some((tools, instead)) => {
                format!("front matter key `{key}` ({tools}) is ignored: {instead} ({pages})")
            }
            None => format!(
                "front matter key `{key}` is not Folio's: ignored ({pages}); known keys: {}",
                FrontMatter::KEYS.join(", ")
            ),
        };
        diagnostics.push(Diagnostic::warning(file, pos, message).with_hint(format!(
            "the pages build without it; remove `{key}` to silence this warning"
        )));
    }
}

/// Where a top-level key is written in a TOML or YAML header: a `key =` or `key:` line,
/// or a `[key]` table. `None` when it cannot be found (the caller points at the header).
pub(crate) fn key_offset(header: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    let mut in_table = false;
    let mut in_string: Option<&str> = None;
    for line in header.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        // TOML's multi-line strings may hold anything, `key = value` lines too.
        let was_in_string = in_string.is_some();
        for quotes in ["\"\"\"", "'''"] {
            if trimmed.matches(quotes).count() % 2 == 1 {
                in_string = match in_string {
                    Some(open) if open == quotes => None,
                    None => Some(quotes),
                    other => other,
                };
            }
        }
        if was_in_string {
            continue;
        }
        let name = if let Some(table) = trimmed.strip_prefix('[') {
            in_table = true;
            table.trim_start_matches('[').split(['.', ']']).next()
        } else if in_table || indent > 0 && !trimmed.contains('=') {
            None
        } else {
            trimmed.split(['=', ':', '.']).next()
        };
        let Some(name) = name else { continue };
        let name = name.trim().trim_matches(['"', '\'']);
        if name == key {
            return Some(start + indent);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_in_toml_and_yaml() {
        let toml = "title = \"A\"\ndescription = \"\"\"\ntags = no\n\"\"\"\ntags = [\"a\"]\n[menu.main]\nweight = 2\n";
        assert_eq!(
            key_offset(toml, "tags").map(|o| crate::diagnostic::pos_at(toml, o).line),
            Some(5)
        );
        assert_eq!(
            key_offset(toml, "menu").map(|o| crate::diagnostic::pos_at(toml, o).line),
            Some(6)
        );
        assert_eq!(
            key_offset(toml, "weight"),
            None,
            "a table's key is not top level"
        );
        let yaml = "title: A\nkeywords:\n  - date: 1\ndate: 2024-01-02\n";
        assert_eq!(
            key_offset(yaml, "date").map(|o| crate::diagnostic::pos_at(yaml, o).line),
            Some(4)
        );
    }

    #[test]
    fn other_tools_keys_are_known_whatever_their_case() {
        assert!(ignored("lastMod").is_some());
        assert!(ignored("custom_edit_url").is_some());
        assert!(ignored("tittle").is_none());
    }
}
