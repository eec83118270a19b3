//! A page: front matter, body blocks, footnotes and its place in the site.

use super::block::{Block, Pos};

/// What a writer may say about a page between the `+++` (or `---`) lines.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub weight: i64,
    /// The URL segment; the file name without `.md` when absent.
    #[serde(default)]
    pub slug: Option<String>,
}

impl FrontMatter {
    pub const KEYS: &'static [&'static str] = &["title", "description", "weight", "slug"];
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
    /// The page's URL below the site root, always ending in `/`: `fr/escalade/`.
    pub url: String,
    pub blocks: Vec<Block>,
    pub footnotes: Vec<Footnote>,
    pub toc: Vec<TocEntry>,
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
