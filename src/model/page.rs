//! A page: front matter, body blocks, footnotes and its place in the site.

use super::block::{Block, Inline, Pos};

/// What a writer may say about a page between the `+++` (or `---`) lines.
/// Unknown keys are reported by the parser (not serde's `deny_unknown_fields`): the keys of
/// Hugo and Docusaurus that Folio reads past are warnings, a misspelt key an error.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
pub struct FrontMatter {
    /// Empty when the page has no front matter (or no title in it): the page's first
    /// heading gives it then.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub weight: i64,
    /// The URL segment; the file name without `.md` when absent.
    #[serde(default)]
    pub slug: Option<String>,
    /// What a translation was made from (written by `folio l10n sync`).
    #[serde(default)]
    pub l10n: Option<L10nRecord>,
    /// Hugo, Docusaurus: a page kept out of the build (`build --drafts` and `serve`
    /// include it).
    #[serde(default)]
    pub draft: bool,
    /// Hugo: former addresses of the page, each published as a redirect to it. With a
    /// leading `/` from the locale's root, otherwise from the page's folder.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Where `aliases` is written, for diagnostics about them.
    #[serde(skip)]
    pub aliases_pos: Pos,
    /// Docusaurus: the page's place in its folder, read as `weight` when that is 0.
    #[serde(default)]
    pub sidebar_position: Option<f64>,
    /// Hugo `linkTitle`, Docusaurus `sidebar_label`: a shorter title for the navigation.
    #[serde(
        default,
        rename = "linkTitle",
        alias = "linktitle",
        alias = "sidebar_label"
    )]
    pub nav_title: Option<String>,
    /// Docusaurus: the page's id, which names its URL in its folder when `slug` is absent.
    #[serde(default)]
    pub id: Option<String>,
    /// Hugo: the page's whole URL below the locale's root (wins over `slug`).
    #[serde(default)]
    pub url: Option<String>,
    /// Terms of the back-of-book index that apply to the page as a whole (its top).
    #[serde(default)]
    pub index: Vec<String>,
    /// Where `index` is written, for diagnostics about its terms.
    #[serde(skip)]
    pub index_pos: Pos,
    /// Keys of other tools that Folio reads past, with their place in the file: the
    /// site reports each key once, not once per page.
    #[serde(skip)]
    pub ignored: Vec<(String, Pos)>,
    /// The title as inline Markdown (`` `Rc<T>` `` is code in the page's `<h1>` and the
    /// navigation); `title` is then its plain text, for `<title>`, meta tags, the search
    /// index and the PDF outline. Empty for a title given as plain text by a renderer.
    #[serde(skip)]
    pub title_inlines: Vec<Inline>,
}

impl FrontMatter {
    pub const KEYS: &'static [&'static str] =
        &["title", "description", "weight", "slug", "l10n", "index"];

    /// The keys of other tools that Folio understands (`KEYS` are its own).
    pub const UNDERSTOOD_KEYS: &'static [&'static str] = &[
        "draft",
        "aliases",
        "sidebar_position",
        "linkTitle",
        "sidebar_label",
        "id",
        "url",
    ];

    /// The page's name in the navigation: `linkTitle` / `sidebar_label`, else its title.
    pub fn nav_title(&self) -> &str {
        self.nav_title.as_deref().unwrap_or(&self.title)
    }
}

/// A translation's record of its source: hashes of the source's normalized body and
/// of each of its sections, as they were when the translation was last synced.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct L10nRecord {
    pub source_hash: String,
    #[serde(default)]
    pub source_commit: Option<String>,
    #[serde(default)]
    pub sections: std::collections::BTreeMap<String, String>,
    /// One fingerprint per source block (`l10n::blocks`); empty in records written
    /// before blocks were tracked, which are compared page by page.
    #[serde(default)]
    pub blocks: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub locale: String,
    /// The path below `content/<locale>/`, with `/` separators: `escalade.md`. The same
    /// path in another locale is this page's translation.
    pub path: String,
    /// The source file, relative to the site root, for diagnostics.
    pub source: String,
    pub front: FrontMatter,
    /// The id of the heading that gave the page its title (and is shown as the page's
    /// own `<h1>`, not a second time in the body): links to it still land.
    pub title_id: Option<String>,
    /// The page's URL below the site root, always ending in `/`: `fr/escalade/`.
    pub url: String,
    pub blocks: Vec<Block>,
    pub footnotes: Vec<Footnote>,
    pub toc: Vec<TocEntry>,
    /// Set on a page shown in a locale that has no translation of it: the locale whose
    /// content it carries (the source locale).
    pub fallback: Option<String>,
    /// A translation whose source changed since it was last synced.
    pub outdated: bool,
    /// `(heading id, source heading id)`: a translated heading answers to the id of
    /// the source heading it translates too, so `page.md#source-id` lands in every
    /// locale. Empty on source pages and fallbacks, whose ids are the source's.
    pub anchor_aliases: Vec<(String, String)>,
    /// On an outdated translation, the ids of its headings whose sections hold a
    /// source block that changed or appeared since the sync, in page order.
    pub changed_sections: Vec<String>,
    /// On an outdated translation, its blocks whose source changed or appeared since
    /// the sync, by number, in page order.
    pub changed_blocks: Vec<super::changes::ChangedBlock>,
    /// Hash of the normalized Markdown body, which translations record. A site
    /// build leaves it empty on translations: only a source's hash is compared.
    pub body_hash: String,
    /// The body may mark index terms (its text holds `.index`): the index, gathered
    /// again on every render, skips the many pages that cannot.
    pub may_mark_terms: bool,
}

impl Page {
    /// Every id a link may name in the page: its title heading's, its headings' and
    /// their aliases.
    pub fn anchor_ids(&self) -> Vec<&str> {
        fn collect<'a>(blocks: &'a [Block], ids: &mut Vec<&'a str>) {
            for block in blocks {
                match block {
                    Block::Heading { id, .. } => ids.push(id),
                    Block::Quote { blocks, .. } => collect(blocks, ids),
                    Block::List { items, .. } => items.iter().for_each(|i| collect(&i.blocks, ids)),
                    _ => {}
                }
            }
        }
        let mut ids: Vec<&str> = self.title_id.iter().map(String::as_str).collect();
        collect(&self.blocks, &mut ids);
        ids.extend(self.anchor_aliases.iter().map(|(_, alias)| alias.as_str()));
        ids
    }

    /// The first folder of the page's path: its section (`None` at the top level).
    pub fn section(&self) -> Option<&str> {
        self.path.split_once('/').map(|(section, _)| section)
    }

    /// A section's own page: `<section>/index.md` or Hugo's `<section>/_index.md`.
    pub fn is_section_index(&self) -> bool {
        ["/index.md", "/_index.md", "/README.md"]
            .iter()
            .any(|name| self.path.ends_with(name))
    }

    /// Where each of the page's `aliases` is published, as a file below the site root:
    /// `/old/` from the locale's root (`fr/old/index.html`), `old.html` beside the page
    /// (`fr/guide/old.html`). `Err` holds an alias that cannot be a file of the locale.
    pub fn alias_files(&self) -> Vec<Result<String, &str>> {
        self.front
            .aliases
            .iter()
            .map(|alias| alias_file(&self.locale, &self.url, alias).ok_or(alias.as_str()))
            .collect()
    }

    /// The language the body is written in.
    pub fn content_lang(&self) -> &str {
        self.fallback.as_deref().unwrap_or(&self.locale)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    pub label: String,
    pub number: usize,
    pub blocks: Vec<Block>,
    pub pos: Pos,
}

/// One heading of "on this page". Boxed `str`s, not `String`s: set once, and a
/// large site's pages hold half a million of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: Box<str>,
    pub title: Box<str>,
}

/// See [`Page::alias_files`]; `url` is the page's own (`fr/guide/acces/`).
fn alias_file(locale: &str, url: &str, alias: &str) -> Option<String> {
    let alias = alias.trim();
    if alias.is_empty()
        || alias.contains("://")
        || alias.starts_with("//")
        || alias.contains(['?', '#', '\\'])
    {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    let relative = match alias.strip_prefix('/') {
        // Hugo writers may name the language too: `/fr/old/` is the same as `/old/`.
        Some(rest) => rest
            .strip_prefix(locale)
            .and_then(|r| r.strip_prefix('/'))
            .unwrap_or(rest),
        None => {
            // Beside the page: in the folder that holds the page's own folder.
            let folder = url.trim_end_matches('/');
            let parent = folder.rsplit_once('/').map_or("", |(parent, _)| parent);
            parts.extend(parent.split('/').skip(1).filter(|s| !s.is_empty()));
            alias
        }
    };
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let is_file = parts
        .last()
        .is_some_and(|last| last.ends_with(".html") || last.ends_with(".htm"))
        && !alias.ends_with('/');
    let mut file = format!("{locale}/");
    for part in &parts {
        file.push_str(part);
        file.push('/');
    }
    if is_file {
        file.pop();
    } else {
        file.push_str("index.html");
    }
    Some(file)
}

#[cfg(test)]
mod tests {
    use super::alias_file;

    #[test]
    fn aliases_are_files_of_the_locale() {
        let file = |alias| alias_file("fr", "fr/guide/acces/", alias);
        assert_eq!(
            file("/old/path/").as_deref(),
            Some("fr/old/path/index.html")
        );
        assert_eq!(file("/old/path").as_deref(), Some("fr/old/path/index.html"));
        assert_eq!(file("/fr/old/").as_deref(), Some("fr/old/index.html"));
        assert_eq!(file("old.html").as_deref(), Some("fr/guide/old.html"));
        assert_eq!(file("../top/").as_deref(), Some("fr/top/index.html"));
        assert_eq!(file("/").as_deref(), Some("fr/index.html"));
        assert_eq!(file("../../out/"), None);
        assert_eq!(file("https://x.test/a/"), None);
        assert_eq!(file(""), None);
        assert_eq!(
            alias_file("fr", "fr/", "old.html").as_deref(),
            Some("fr/old.html")
        );
    }
}
