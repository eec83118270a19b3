//! Translation exchange: a locale's work as units of translation that CAT tools
//! read (XLIFF 2.0 for Trados, memoQ, OmegaT; PO for Weblate and Poedit), and the
//! translated units back into the locale's Markdown pages and Fluent files.
//!
//! A unit is one translatable piece of a source block (a heading's text, a
//! paragraph, a list item, a table cell, a quote) or of a Fluent message. It
//! carries the fingerprint of its source block, so that an import can tell a unit
//! whose source changed since the export. Code blocks, tree embeds, raw HTML, front
//! matter keys other than `title` and `description`, and `{#id}` attributes are not
//! units: an import copies them from the page it rebuilds.
//!
//! Everything here works on text: `commands::l10n_exchange` reads and writes the files.

pub mod apply;
pub mod fluent;
pub mod inline;
pub mod po;
pub mod slots;
pub mod units;
pub mod xliff;

/// One unit of translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Its name inside its file: a block index (`7`), a table cell (`7.2`), `title`
    /// or `description` for a page; a message id (`nav`, `nav.title`) for Fluent.
    pub id: String,
    /// The fingerprint of the source block (or message) when it was exported.
    pub fingerprint: String,
    /// Markdown inline text, or a Fluent pattern.
    pub source: String,
    /// The locale's current text of the unit, when it has one.
    pub target: Option<String>,
    /// The target predates a change of its source (or nothing says what it was made
    /// from): a CAT tool shows it as fuzzy, to be reviewed.
    pub outdated: bool,
    /// 1-based line of the unit in its source file.
    pub line: usize,
    /// The headings above it, `Page title › Section › Subsection`.
    pub context: String,
    /// From `<!-- l10n: ... -->` comments before the block, or the comment above a
    /// Fluent message.
    pub notes: Vec<String>,
    pub kind: UnitKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Markdown,
    Fluent,
}

/// The units of one source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileUnits {
    /// The source file below the site's root: `content/fr/escalade.md`,
    /// `locales/fr/ui.ftl`.
    pub original: String,
    pub units: Vec<Unit>,
}

/// What an export holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub source_locale: String,
    pub target_locale: String,
    pub files: Vec<FileUnits>,
}

/// A unit read back from an exchange file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub original: String,
    pub id: String,
    pub fingerprint: String,
    /// The translation; empty when the unit was left untranslated.
    pub target: String,
    /// The translator confirmed it (PO: not fuzzy; XLIFF: a state past `initial`).
    pub confirmed: bool,
    /// Where the unit is in the exchange file.
    pub line: u32,
    pub column: u32,
}

/// What a reader found: the locales it names and its units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportFile {
    pub source_locale: Option<String>,
    pub target_locale: Option<String>,
    pub units: Vec<Imported>,
}

/// A unit's key in both formats: its id and its source's fingerprint, `7-1a2b3c4d`
/// (an XML name token, so XLIFF can use it as the unit's id, which every CAT tool
/// keeps).
pub fn unit_key(unit: &Unit) -> String {
    format!("{}-{}", unit.id, unit.fingerprint)
}

/// The id and fingerprint of a key; `None` when it is not one of ours.
pub fn split_key(key: &str) -> Option<(&str, &str)> {
    let (id, fingerprint) = key.rsplit_once('-')?;
    (!id.is_empty() && fingerprint.len() == 8 && fingerprint.bytes().all(|b| b.is_ascii_hexdigit()))
        .then_some((id, fingerprint))
}
