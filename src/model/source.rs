//! Source files as loaded: text or bytes with a path relative to the site root.

/// A text file, its path relative to the site root with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// A file published as it is (images, stylesheets, scripts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinaryFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The theme in use: the embedded default overlaid by the site's own files.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// The theme's folder name, for diagnostics (`themes/<name>/templates/...`).
    pub name: String,
    /// Paths relative to `templates/`: `page.html`.
    pub templates: Vec<SourceFile>,
    /// Paths relative to `static/`: `folio.css`.
    pub static_files: Vec<BinaryFile>,
    /// `pdf.toml`: page geometry and type sizes of the printable guide.
    pub pdf_style: Option<SourceFile>,
    /// The theme's interface strings, `locales/<locale>/*.ftl`, which sites may override.
    pub messages: Vec<SourceFile>,
}
