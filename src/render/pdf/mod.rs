//! The printable guide: one PDF per locale, typeset by Folio itself from the same
//! document model as the website. `layout` is pure (pages of positioned boxes, dumped
//! as text in tests); `embed` subsets the fonts and decodes the pictures the pages
//! use; `paint` turns each page into its content stream, pages side by side;
//! `assemble` writes the file in one pass (page tree, outline, language, labels);
//! `tags` makes it a tagged PDF (structure tree from the roles layout gives its
//! boxes) and `xmp` writes its metadata (PDF/UA, and PDF/A when asked).
//! Only `embed`, `operators`, `paint`, `tags`, `xmp` and `assemble` know the PDF format.

mod assemble;
pub mod boxes;
mod embed;
mod figures;
pub mod fonts;
pub mod layout;
pub mod linebreak;
mod operators;
mod pack;
mod paint;
mod raster;
mod svg;
mod tags;
pub mod text;
mod xmp;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics, guard};
use crate::locale::{Messages, Texts};
use crate::model::{BinaryFile, Block, Inline, PdfStyle, Pos, Site};
use crate::output::Output;

use boxes::Document;
use text::Shaper;

/// Fluent ids the PDF asks for by name.
pub const MESSAGE_IDS: &[&str] = &[
    "pdf-file-name",
    "pdf-contents",
    "pdf-page-footer",
    "pdf-version",
    "pdf-tree-step",
    "pdf-tree-outcome",
    "pdf-tree-page",
    "pdf-page-ref",
];

/// The file a locale's guide is published as: `<locale>/<pdf-file-name>.pdf`.
pub fn file_path(messages: &Messages, locale: &str) -> String {
    let name = messages
        .get(locale, "pdf-file-name")
        .unwrap_or_else(|| "guide".to_string());
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{locale}/{safe}.pdf")
}

/// The date printed on the cover and stored in the metadata: the configured one, or
/// SOURCE_DATE_EPOCH's day (reproducible builds), or none.
pub fn document_date(site: &Site) -> Option<String> {
    if let Some(date) = &site.config.pdf.date {
        return Some(date.clone());
    }
    let seconds: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(civil_date(seconds.div_euclid(86_400)))
}

/// Days since 1970-01-01 to `YYYY-MM-DD` (Howard Hinnant's civil-from-days).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Lays out the guide of `locale`.
pub fn layout_document(
    site: &Site,
    messages: &Messages,
    locale: &str,
    style: &PdfStyle,
    pictures: &Pictures,
    shaper: &Shaper,
) -> Document {
    layout_document_with(site, messages, locale, style, pictures, shaper, true)
}

/// As `layout_document`, every pass laid out from scratch when `remember` is false: to
/// check that taking blocks back from the pass before changes nothing.
pub fn layout_document_with(
    site: &Site,
    messages: &Messages,
    locale: &str,
    style: &PdfStyle,
    pictures: &Pictures,
    shaper: &Shaper,
    remember: bool,
) -> Document {
    let texts = Texts::new(messages, locale);
    let meta = layout::Meta {
        // A site that names itself nowhere in Fluent is called by its folio.toml title.
        title: texts
            .find("site-title")
            .unwrap_or_else(|| site.config.title.clone()),
        subtitle: texts.find("site-description").unwrap_or_default(),
        language_name: texts.get("language-name"),
        author: site.config.pdf.author.clone(),
        version: site.config.pdf.version.clone(),
        date: document_date(site),
    };
    let input = layout::Input {
        site,
        images: &pictures.sizes,
        locale,
        texts: &texts,
        style,
        meta,
        remember,
    };
    layout::layout(&input, shaper)
}

/// The first page (and the nearest known line) whose text has `c`.
fn locate(site: &Site, c: char) -> (String, Pos) {
    for page in &site.pages {
        let mut last = Pos { line: 1, column: 1 };
        for block in &page.blocks {
            let (text, pos) = match block {
                Block::Heading { content, pos, .. } => (Inline::plain_text(content), Some(*pos)),
                Block::Paragraph(content) => (Inline::plain_text(content), first_link_pos(content)),
                Block::Code { code, pos, .. } => (code.to_string(), Some(*pos)),
                Block::List { .. } | Block::Quote { .. } | Block::Table(_) => {
                    (format!("{block:?}"), None)
                }
                _ => (String::new(), None),
            };
            if text.contains(c) {
                return (page.source.clone(), pos.unwrap_or(last));
            }
            last = pos.unwrap_or(last);
        }
        if page.front.title.contains(c) || page.front.description.contains(c) {
            return (page.source.clone(), Pos { line: 2, column: 1 });
        }
    }
    ("locales".to_string(), Pos { line: 1, column: 1 })
}

fn first_link_pos(inlines: &[Inline]) -> Option<Pos> {
    inlines.iter().find_map(|i| match i {
        Inline::Link(link) => Some(link.pos),
        Inline::Image(image) => Some(image.pos),
        _ => None,
    })
}

/// The site's pictures that the PDF can embed (PNG, JPEG, GIF, WebP), decoded once
/// for every locale, by output path (or, for a picture given inline, by its `data:`
/// URI); and why each one that could not be decoded was not.
#[derive(Default)]
pub struct Pictures {
    pub sizes: HashMap<String, (u32, u32)>,
    decoded: HashMap<String, embed::Art>,
    /// Output path (or `data:` URI) -> the reason it cannot be printed.
    pub failed: HashMap<String, String>,
    /// Output path -> what of an SVG the PDF leaves out (`clip paths, masks`).
    pub partial: HashMap<String, String>,
}

impl Pictures {
    pub fn new(assets: &[BinaryFile]) -> Self {
        let candidates: Vec<(&str, &[u8])> = assets
            .iter()
            .filter_map(|asset| {
                let path = asset.path.strip_prefix("content/").unwrap_or(&asset.path);
                let lower = path.to_ascii_lowercase();
                let (_, ext) = lower.rsplit_once('.')?;
                (raster::EXTENSIONS.contains(&ext) || ext == "svg" || ext == "svgz")
                    .then_some((path, asset.bytes.as_slice()))
            })
            .collect();
        let mut pictures = Pictures::default();
        let decoded: Vec<_> = candidates
            .par_iter()
            .map(|(path, bytes)| (*path, decode(path, bytes)))
            .collect();
        for (path, result) in decoded {
            pictures.add(path.to_string(), result);
        }
        pictures
    }

    fn add(&mut self, key: String, result: Result<embed::Art, String>) {
        match result {
            Ok(art) => {
                let size = match &art {
                    embed::Art::Raster(raster) => (raster.width, raster.height),
                    embed::Art::Vector(tree) => {
                        let left_out = svg::unsupported(tree);
                        if !left_out.is_empty() {
                            self.partial.insert(key.clone(), left_out.join(", "));
                        }
                        svg::size(tree)
                    }
                };
                self.sizes.insert(key.clone(), size);
                self.decoded.insert(key, art);
            }
            Err(reason) => {
                self.failed.insert(key, reason);
            }
        }
    }

    /// Adds the base64 `data:` pictures of the site's figures.
    pub fn with_data_uris(mut self, site: &Site) -> Self {
        for (key, bytes) in figures::data_pictures(site) {
            let result = decode(&key, &bytes);
            self.add(key, result);
        }
        self
    }
}

/// Decodes a picture: an SVG (by its name or its `data:` type) into its simplified
/// tree, any other by its signature into pixels.
fn decode(key: &str, bytes: &[u8]) -> Result<embed::Art, String> {
    let lower = key.to_ascii_lowercase();
    if lower.ends_with(".svg") || lower.ends_with(".svgz") || lower.starts_with("data:image/svg") {
        svg::parse(bytes).map(|tree| embed::Art::Vector(Arc::new(tree)))
    } else {
        raster::decode(bytes).map(|raster| embed::Art::Raster(Arc::new(raster)))
    }
}

/// Paints a laid-out guide and writes the file. The layout is consumed page by page
/// as it is painted: a long guide's boxes and its content streams never coexist whole.
pub fn paint_and_finish(
    mut doc: Document,
    pictures: &Pictures,
    fonts: &fonts::Fonts,
) -> Result<Vec<u8>, embed::FontError> {
    let anchors = doc.anchors();
    let subsets = embed::Subsets::collect(&doc, fonts);
    let decoded = embed::collect_pictures(&doc, &pictures.decoded);
    let painter = paint::Painter {
        height: doc.height,
        subsets: &subsets,
        pictures: &decoded,
        anchors: &anchors,
    };
    let painted = painter.paint(std::mem::take(&mut doc.pages));
    assemble::assemble(&doc, painted, &subsets, &decoded, fonts, &anchors)
}

/// Deflates a stream at level 5. On a 12,800-page build, level 6 (zlib's default)
/// made files 0.8 % smaller for 6 % more build time, and level 9 took a third of it.
fn deflate(data: &[u8]) -> Vec<u8> {
    use flate2::{Compression, write::ZlibEncoder};
    use std::io::Write;
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(data.len() / 3), Compression::new(5));
    encoder
        .write_all(data)
        .and_then(|()| encoder.finish())
        .expect("writing to memory cannot fail")
}

/// Every locale's guide, typeset in parallel; characters no font covers are warned
/// about once per locale.
pub fn render(
    site: &Site,
    messages: &Messages,
    style: &PdfStyle,
    assets: &[BinaryFile],
    files: &BTreeMap<String, String>,
    locale_fonts: &BTreeMap<String, fonts::Fonts>,
    diagnostics: &Diagnostics,
) -> Output {
    let pictures = Pictures::new(assets).with_data_uris(site);
    let guides = site
        .config
        .locales
        .iter()
        .filter(|l| files.contains_key(*l));
    for warning in figures::unprintable(site, guides.map(String::as_str), &pictures) {
        diagnostics.push(warning);
    }
    let rendered: Vec<(String, Result<Vec<u8>, embed::FontError>, Shaper)> = site
        .config
        .locales
        .par_iter()
        .filter_map(|locale| Some((locale, files.get(locale)?)))
        .filter_map(|(locale, path)| {
            // A bug met while typesetting one guide costs that guide, not the build.
            guard(
                &format!("public/{path}"),
                "typesetting",
                diagnostics,
                || {
                    let fonts = locale_fonts
                        .get(locale)
                        .cloned()
                        .unwrap_or_else(|| fonts::Fonts::embedded().clone());
                    let shaper = Shaper::new(fonts);
                    let doc = layout_document(site, messages, locale, style, &pictures, &shaper);
                    let bytes = paint_and_finish(doc, &pictures, shaper.fonts());
                    (path.clone(), bytes, shaper)
                },
            )
        })
        .collect();
    let mut missing = std::collections::BTreeSet::new();
    let mut output = Output::default();
    let searched = if rendered.iter().any(|(_, _, s)| s.fonts().has_system()) {
        " (nor has any font installed on this machine)"
    } else {
        ""
    };
    for (path, bytes, shaper) in rendered {
        missing.extend(shaper.take_missing());
        match bytes {
            Ok(bytes) => output.insert(path, bytes),
            Err(error) if error.configured => diagnostics.push(
                Diagnostic::error(
                    crate::load::CONFIG_FILE,
                    Pos { line: 1, column: 1 },
                    format!("no PDF `public/{path}`: {}", error.message),
                )
                .with_hint("set a static OpenType or TrueType font (.otf, .ttf, .ttc) in [pdf.fonts]: variable fonts with CFF2 outlines cannot be embedded"),
            ),
            Err(error) => diagnostics.push(
                Diagnostic::error(
                    format!("public/{path}"),
                    Pos { line: 1, column: 1 },
                    format!("cannot write the PDF: {}", error.message),
                )
                .with_hint(
                    "this is a bug in Folio; please report it with the site that triggers it",
                ),
            ),
        }
    }
    // One warning per file, at the first place, listing its characters.
    let mut by_file: BTreeMap<String, (Pos, Vec<char>)> = BTreeMap::new();
    for c in missing {
        let (file, pos) = locate(site, c);
        let entry = by_file.entry(file).or_insert((pos, Vec::new()));
        entry.0 = entry.0.min(pos);
        entry.1.push(c);
    }
    for (file, (pos, chars)) in by_file {
        let shown: Vec<String> = chars
            .iter()
            .take(12)
            .map(|c| format!("`{c}` (U+{:04X})", *c as u32))
            .collect();
        let more = if chars.len() > 12 {
            format!(" and {} more", chars.len() - 12)
        } else {
            String::new()
        };
        let mut packages: Vec<&str> = chars.iter().filter_map(|c| debian_package(*c)).collect();
        packages.sort_unstable();
        packages.dedup();
        let install = if packages.is_empty() {
            "install a font that has them".to_string()
        } else {
            format!(
                "install a font that has them (Debian: apt-get install {})",
                packages.join(" ")
            )
        };
        diagnostics.push(
            Diagnostic::warning(file, pos, format!("no font of the PDF has {}{more}{searched}; the PDF shows empty boxes", shown.join(", ")))
                .with_hint(format!("{install}, or set one in folio.toml: [pdf.fonts] <locale> = \"path/to/font.ttf\" (colour-only emoji fonts cannot be embedded)")),
        );
    }
    output
}

/// The Debian package whose fonts have `c`, where one is known.
fn debian_package(c: char) -> Option<&'static str> {
    Some(match c as u32 {
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3000..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF => "fonts-noto-cjk",
        // Emoji and pictographs: Symbola draws them in outlines, which a PDF embeds.
        0x2600..=0x27BF | 0x1F000..=0x1FAFF => "fonts-symbola",
        // Arrows, mathematical and technical symbols, box drawing, shapes.
        0x2190..=0x23FF | 0x2500..=0x25FF | 0x27F0..=0x27FF | 0x2900..=0x2BFF => {
            "fonts-dejavu-core"
        }
        // Hebrew, Arabic, Syriac, Thaana, the scripts of India and South-East Asia,
        // Georgian, Ethiopic and more.
        0x0590..=0x1CFF | 0xA800..=0xABFF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF => "fonts-noto-core",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::civil_date;

    #[test]
    fn characters_name_the_package_that_brings_them() {
        use super::debian_package;
        assert_eq!(debian_package('漢'), Some("fonts-noto-cjk"));
        assert_eq!(debian_package('क'), Some("fonts-noto-core"));
        assert_eq!(debian_package('🚀'), Some("fonts-symbola"));
        assert_eq!(debian_package('┌'), Some("fonts-dejavu-core"));
        assert_eq!(debian_package('a'), None);
    }

    #[test]
    fn days_to_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_418), "2025-11-26");
    }
}
