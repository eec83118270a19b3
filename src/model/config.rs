//! The site's settings from `folio.toml`.

/// How internal links are written in the HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkStyle {
    /// `../escalade/index.html`: works from the file system and on any host.
    #[default]
    File,
    /// `../escalade/`: needs a server that maps folders to `index.html`.
    Pretty,
}

/// How ids are made from heading text (an explicit `{#id}` always wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadingIds {
    /// As GitHub and mdBook make them (`#dépannage`, `#the--operator`, `#rct`): anchors
    /// copied from a Git host keep working.
    #[default]
    Github,
    /// Transliterated ASCII words (`#depannage`), for sites that want ASCII URLs.
    Ascii,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Shown where no locale applies (the language chooser); pages use `site-title`.
    pub title: String,
    /// Absolute URL the site is published under; used for canonical links and the sitemap.
    pub base_url: String,
    pub source_locale: String,
    /// Every published locale, the source locale included, in menu order.
    pub locales: Vec<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub links: LinkStyle,
    #[serde(default)]
    pub heading_ids: HeadingIds,
    #[serde(default)]
    pub pdf: PdfConfig,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub html: HtmlConfig,
}

/// What becomes of raw HTML written in Markdown (`<details>`, `<kbd>`, `<script>`...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Published as written: the site's own authors are trusted, as on GitHub or mdBook.
    #[default]
    Allow,
    /// Kept through an allow-list (ammonia): scripts, event handlers, `javascript:`
    /// URLs, iframes, forms and `style` attributes are removed, each with a warning.
    Sanitize,
    /// Shown as text, as written.
    Escape,
}

impl RawHtml {
    pub fn name(self) -> &'static str {
        match self {
            RawHtml::Allow => "allow",
            RawHtml::Sanitize => "sanitize",
            RawHtml::Escape => "escape",
        }
    }
}

/// The `[markdown]` table.
#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// The raw-HTML policy of every locale...
    pub raw_html: RawHtml,
    /// ...but these, e.g. `raw_html_locales = { ja = "sanitize" }` for a locale that
    /// a vendor translates.
    pub raw_html_locales: std::collections::BTreeMap<String, RawHtml>,
}

impl MarkdownConfig {
    /// The raw-HTML policy of `locale`'s pages.
    pub fn raw_html_for(&self, locale: &str) -> RawHtml {
        self.raw_html_locales
            .get(locale)
            .copied()
            .unwrap_or(self.raw_html)
    }
}

/// The `[html]` table: the website's own settings.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HtmlConfig {
    /// Whether pages carry the default theme's Content Security Policy.
    pub csp: bool,
    /// Sources added to the policy, as CSP directives: `"img-src https://cdn.example.com"`
    /// (several separated by `;`). Each extends the directive of that name.
    pub csp_extra: String,
}

impl Default for HtmlConfig {
    fn default() -> Self {
        HtmlConfig {
            csp: true,
            csp_extra: String::new(),
        }
    }
}

/// The `[pdf]` table: the printable guide of each locale.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PdfConfig {
    pub enabled: bool,
    /// Every locale's paper, unless `[pdf.locales.<locale>]` says otherwise; unset,
    /// A4, or US Letter for the United States and Canada (`en-US`, `fr-CA`).
    pub paper: Option<Paper>,
    /// Settings of one locale's guide: `[pdf.locales.en-US] paper = "letter"`.
    pub locales: std::collections::BTreeMap<String, LocalePdf>,
    pub author: String,
    /// Shown on the cover, e.g. "2.1".
    pub version: Option<String>,
    /// `YYYY-MM-DD`: the cover's date and the document's creation date. Without it,
    /// SOURCE_DATE_EPOCH is used when set; otherwise the PDF carries no date.
    pub date: Option<String>,
    /// Fonts per locale for characters the embedded fonts lack (Japanese, Chinese,
    /// Korean...), tried in order before the machine's: a path relative to the site (or
    /// absolute), `#N` for the N-th face of a collection, or a list of them (a family's
    /// regular and bold faces): `ja = ["fonts/Jp-Regular.otf", "fonts/Jp-Bold.otf"]`.
    /// The key `all` gives fonts for every locale, tried after the locale's own.
    pub fonts: std::collections::BTreeMap<String, FontList>,
    /// A link to another part of the guide prints the page it leads to ("page 9"),
    /// unless that is the link's own page (or, in duplex, the facing one).
    pub page_refs: bool,
    /// Printed on both sides of the sheet: mirrored margins with the wider one at the
    /// binding, chapters opening on a right-hand page.
    pub duplex: bool,
    /// Where an external link's address is printed.
    pub urls: PrintedUrls,
    /// The standard the file follows: tagged for accessibility (PDF/UA-1) always, and
    /// archivable (PDF/A-2) when asked.
    pub standard: PdfStandard,
}

/// `[pdf] standard`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
pub enum PdfStandard {
    /// PDF/UA-1: tagged, with a structure tree, alt texts and languages.
    #[default]
    #[serde(rename = "ua-1")]
    Ua1,
    /// PDF/A-2b (and PDF/UA-1): archivable, looks the same forever.
    #[serde(rename = "a-2b")]
    A2b,
    /// PDF/A-2u (and PDF/UA-1): archivable, and its text is Unicode.
    #[serde(rename = "a-2u")]
    A2u,
}

impl PdfStandard {
    /// PDF/A's conformance level (`B`, `U`), when the file is PDF/A.
    pub fn archive_conformance(self) -> Option<&'static str> {
        match self {
            PdfStandard::Ua1 => None,
            PdfStandard::A2b => Some("B"),
            PdfStandard::A2u => Some("U"),
        }
    }
}

/// One font file or several, in the order they are tried.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FontList(pub Vec<String>);

impl<'de> serde::Deserialize<'de> for FontList {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged, expecting = "a font file's path or a list of them")]
        enum OneOrMany {
            One(String),
            Many(Vec<String>),
        }
        Ok(FontList(match OneOrMany::deserialize(deserializer)? {
            OneOrMany::One(path) => vec![path],
            OneOrMany::Many(paths) => paths,
        }))
    }
}

/// `[pdf] urls`: how the guide prints the address of a link leaving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PrintedUrls {
    /// A lettered note at the bottom of the page, once per page.
    #[default]
    Footnote,
    /// In parentheses after the link's text.
    Inline,
    /// Not at all.
    #[serde(alias = "none")]
    Off,
}

impl Default for PdfConfig {
    fn default() -> Self {
        PdfConfig {
            enabled: true,
            paper: None,
            locales: Default::default(),
            author: String::new(),
            version: None,
            date: None,
            fonts: Default::default(),
            page_refs: true,
            duplex: false,
            urls: PrintedUrls::Footnote,
            standard: PdfStandard::Ua1,
        }
    }
}

/// `[pdf.locales.<locale>]`: what one locale's guide does differently.
#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LocalePdf {
    pub paper: Option<Paper>,
}

impl PdfConfig {
    /// The paper of `locale`'s guide: its own setting, the site's, or its region's.
    pub fn paper_for(&self, locale: &str) -> Paper {
        if let Some(paper) = self.locales.get(locale).and_then(|l| l.paper) {
            return paper;
        }
        if let Some(paper) = self.paper {
            return paper;
        }
        // North America prints on Letter.
        let region = locale.rsplit(['-', '_']).next().unwrap_or("");
        if locale.contains(['-', '_']) && matches!(region, "US" | "CA") {
            Paper::Letter
        } else {
            Paper::A4
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    A5,
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.276, 841.89),
            Paper::A5 => (419.528, 595.276),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

impl SiteConfig {
    pub const KEYS: &'static [&'static str] = &[
        "title",
        "base_url",
        "source_locale",
        "locales",
        "theme",
        "links",
        "heading_ids",
        "pdf",
        "markdown",
        "html",
    ];

    /// `base_url` with exactly one trailing slash.
    pub fn base(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }
}

fn default_theme() -> String {
    "default".to_string()
}
