//! A page: front matter, body blocks, footnotes and its place in the site.

use super::block::{Block, Pos};

/// What a writer may say about a page between the `+++` (or `---`) lines.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
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
}

impl FrontMatter {
    pub const KEYS: &'static [&'static str] = &["title", "description", "weight", "slug", "l10n"];
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
}

#[derive(Debug, Clone, PartialEq)]
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
    /// Hash of the normalized Markdown body, which translations record. A site
    /// build leaves it empty on translations: only a source's hash is compared.
    pub body_hash: String,
}

impl Page {
    /// The first folder of the page's path: its section (`None` at the top level).
    pub fn section(&self) -> Option<&str> {
        self.path.split_once('/').map(|(section, _)| section)
    }

    /// A section's own page: `<section>/index.md` or Hugo's `<section>/_index.md`.
    pub fn is_section_index(&self) -> bool {
        self.path.ends_with("/index.md") || self.path.ends_with("/_index.md")
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

/// One heading of "on this page".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}
