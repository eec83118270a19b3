//! Load: the only stage that reads the disk.
//!
//! It gathers the site's sources (config, pages, assets, message files, theme) as text
//! or bytes, in a sorted and therefore deterministic order. The default theme is
//! embedded in the binary; a site's own `themes/<name>/` overrides it file by file.
//! Pages are read with the files their include directives name (`includes`).

mod includes;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, pos_at};
use crate::model::{BinaryFile, Pos, SourceFile, Theme};

pub use includes::{Expanded, join_relative};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub const CONFIG_FILE: &str = "folio.toml";
/// A locale's outline, `content/<locale>/SUMMARY.md` (mdBook's name for it).
pub const OUTLINE_FILE: &str = "SUMMARY.md";

#[derive(Debug, Default)]
pub struct SiteSources {
    /// Markdown pages, `content/<locale>/**/*.md`, found but not read: a large site's
    /// pages are read one by one as they are parsed (`page`), so their texts never all
    /// sit in memory at once.
    pub pages: Vec<PagePath>,
    /// Outlines, `content/<locale>/SUMMARY.md`: a locale's reading order, not a page.
    pub outlines: Vec<SourceFile>,
    /// Other files under `content/<locale>/`, published beside the pages.
    pub assets: Vec<BinaryFile>,
    /// Decision-tree rules, `content/decision-trees/*.toml`.
    pub trees: Vec<SourceFile>,
    /// Fluent files, `locales/<locale>/*.ftl`.
    pub messages: Vec<SourceFile>,
    /// Locales that have a `content/<locale>/` folder.
    pub content_locales: Vec<String>,
    pub theme: Theme,
}

/// Reads `folio.toml`; `None` (with a diagnostic) when it is absent or unreadable.
pub fn config(root: &Path, diagnostics: &Diagnostics) -> Option<SourceFile> {
    let path = root.join(CONFIG_FILE);
    if !path.is_file() {
        diagnostics.push(
            Diagnostic::error(CONFIG_FILE, Pos { line: 1, column: 1 }, "no folio.toml in the site root")
                .with_hint(format!(
                    "run folio in the site's folder, pass --root DIR, or create a site with `folio init DIR` (looked in {})",
                    root.display()
                )),
        );
        return None;
    }
    read_text(root, &path, diagnostics)
}

/// A font file named in folio.toml (relative to the site or absolute); `None` when it
/// cannot be read, which the caller reports with what to install.
pub fn font(root: &Path, path: &str) -> Option<Vec<u8>> {
    std::fs::read(root.join(path)).ok()
}

/// Reads everything else, once the config has named the theme.
pub fn site(root: &Path, theme: &str, diagnostics: &Diagnostics) -> SiteSources {
    let mut sources = SiteSources::default();
    let content = root.join("content");
    // Each locale's folder is listed on a core of its own: a big site's listing
    // was a fiftieth of its build, alone at the start.
    let listed: Vec<(PathBuf, Vec<PathBuf>)> = {
        use rayon::prelude::*;
        (sorted_dirs(&content).into_par_iter())
            .map(|dir| {
                let files = files_below(&dir);
                (dir, files)
            })
            .collect()
    };
    for (locale_dir, files) in listed {
        let name = file_name(&locale_dir);
        if name == "decision-trees" {
            for path in files {
                if path.extension().is_some_and(|e| e == "toml") {
                    sources.trees.extend(read_text(root, &path, diagnostics));
                }
            }
            continue;
        }
        sources.content_locales.push(name);
        let outline = locale_dir.join(OUTLINE_FILE);
        for path in files {
            if path == outline {
                sources.outlines.extend(read_text(root, &path, diagnostics));
            } else if path.extension().is_some_and(|e| e == "md") {
                sources.pages.push(PagePath {
                    shown: relative(root, &path),
                    path,
                });
            } else {
                sources.assets.extend(read_bytes(root, &path, diagnostics));
            }
        }
    }
    for path in files_below(&root.join("locales")) {
        if path.extension().is_some_and(|e| e == "ftl") {
            sources.messages.extend(read_text(root, &path, diagnostics));
        }
    }
    sources.theme = theme_sources(root, theme, diagnostics);
    sources
}

fn theme_sources(root: &Path, theme: &str, diagnostics: &Diagnostics) -> Theme {
    let mut files: std::collections::BTreeMap<String, Vec<u8>> = std::collections::BTreeMap::new();
    collect_embedded(&DEFAULT_THEME, &mut files);
    let theme_dir = root.join("themes").join(theme);
    if theme != "default" && !theme_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error(
                CONFIG_FILE,
                Pos { line: 1, column: 1 },
                format!("theme `{theme}` not found"),
            )
            .with_hint(format!(
                "create themes/{theme}/ or remove `theme` to use the default theme"
            )),
        );
    }
    for path in files_below(&theme_dir) {
        if let Some(file) = read_bytes(&theme_dir, &path, diagnostics) {
            files.insert(file.path, file.bytes);
        }
    }
    theme_from_files(theme, files, diagnostics)
}

/// The default theme as the binary carries it, with no site's overrides (for what
/// runs outside a site: the fuzz targets, the conformance tests).
pub fn embedded_theme() -> Theme {
    let mut files = std::collections::BTreeMap::new();
    collect_embedded(&DEFAULT_THEME, &mut files);
    theme_from_files("default", files, &Diagnostics::new())
}

fn theme_from_files(
    theme: &str,
    files: std::collections::BTreeMap<String, Vec<u8>>,
    diagnostics: &Diagnostics,
) -> Theme {
    let mut sources = Theme {
        name: theme.to_string(),
        ..Theme::default()
    };
    for (path, bytes) in files {
        if let Some(name) = path.strip_prefix("templates/") {
            let shown = format!("themes/{theme}/{path}");
            match decode(&shown, bytes, diagnostics) {
                Some(text) => sources.templates.push(SourceFile {
                    path: name.to_string(),
                    text,
                }),
                None => continue,
            }
        } else if path.starts_with("locales/") && path.ends_with(".ftl") {
            let shown = format!("themes/{theme}/{path}");
            if let Some(text) = decode(&shown, bytes, diagnostics) {
                sources.messages.push(SourceFile { path: shown, text });
            }
        } else if path == "pdf.toml" {
            let shown = format!("themes/{theme}/pdf.toml");
            if let Some(text) = decode(&shown, bytes, diagnostics) {
                sources.pdf_style = Some(SourceFile { path: shown, text });
            }
        } else if let Some(name) = path.strip_prefix("static/") {
            sources.static_files.push(BinaryFile {
                path: name.to_string(),
                bytes,
            });
        }
    }
    sources
}

fn collect_embedded(dir: &Dir<'static>, files: &mut std::collections::BTreeMap<String, Vec<u8>>) {
    for file in dir.files() {
        files.insert(slash_path(file.path()), file.contents().to_vec());
    }
    for sub in dir.dirs() {
        collect_embedded(sub, files);
    }
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !is_hidden(p))
        .collect();
    dirs.sort();
    dirs
}

fn files_below(dir: &Path) -> Vec<PathBuf> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn relative(root: &Path, path: &Path) -> String {
    slash_path(path.strip_prefix(root).unwrap_or(path))
}

fn read_bytes(root: &Path, path: &Path, diagnostics: &Diagnostics) -> Option<BinaryFile> {
    let shown = relative(root, path);
    match std::fs::read(path) {
        Ok(bytes) => Some(BinaryFile { path: shown, bytes }),
        Err(err) => {
            diagnostics.push(
                Diagnostic::error(
                    &shown,
                    Pos { line: 1, column: 1 },
                    format!("cannot read file: {err}"),
                )
                .with_hint("check the file's permissions"),
            );
            None
        }
    }
}

/// A page file found by `site` (read with `page`): where it is, and its path as
/// diagnostics show it.
#[derive(Debug, Clone)]
pub struct PagePath {
    pub path: PathBuf,
    /// Relative to the site root, with `/` separators: `content/fr/escalade.md`.
    pub shown: String,
}

/// Reads every page found by `site`, side by side, in order, with the files they
/// include; those that cannot be read are reported and left out.
pub fn pages(root: &Path, pages: &[PagePath], diagnostics: &Diagnostics) -> Vec<SourceFile> {
    use rayon::prelude::*;
    pages
        .par_iter()
        .filter_map(|p| page(root, &p.path, diagnostics).map(|e| e.file))
        .collect()
}

/// A page as parse sees it: its text with its include directives replaced, what the
/// expanded text came from, and the files it read. Files outside `content/` (a book's
/// `listings/`) are read for the pages that include them, never published.
pub fn page(root: &Path, path: &Path, diagnostics: &Diagnostics) -> Option<Expanded> {
    let file = read_text(root, path, diagnostics)?;
    Some(includes::expand(
        file,
        &includes::Disk::new(root, diagnostics),
        diagnostics,
    ))
}

fn read_text(root: &Path, path: &Path, diagnostics: &Diagnostics) -> Option<SourceFile> {
    let file = read_bytes(root, path, diagnostics)?;
    let text = decode(&file.path, file.bytes, diagnostics)?;
    Some(SourceFile {
        path: file.path,
        text,
    })
}

/// UTF-8 text, without a byte-order mark; invalid bytes are reported where they start.
fn decode(shown: &str, bytes: Vec<u8>, diagnostics: &Diagnostics) -> Option<String> {
    // The standard check reads accented text at about a gigabyte a second, simdutf8's
    // at several: on a big site the check was a tenth of loading the pages.
    let checked = match simdutf8::basic::from_utf8(&bytes) {
        // SAFETY: simdutf8 has just found the bytes to be valid UTF-8.
        Ok(_) => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
        // The standard check says where the bad byte is.
        Err(_) => String::from_utf8(bytes),
    };
    match checked {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Some(text)
        }
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let pos = pos_at(&prefix, valid);
            diagnostics.push(
                Diagnostic::error(
                    shown,
                    pos,
                    format!("invalid UTF-8 (byte 0x{:02X})", bytes[valid]),
                )
                .with_hint("save the file as UTF-8; most editors have an \"encoding\" setting"),
            );
            None
        }
    }
}

/// Asks the kernel to read the page files ahead (`posix_fadvise`, WILLNEED) while they
/// are parsed one by one: on a cold cache each parser thread otherwise waits on the
/// disk for every file it opens, and 15,750 pages took 1.0 s longer to load (2.6 s
/// instead of 1.5 s; with the hints, 1.5 to 1.7 s). A few threads only open each file
/// and hint, in order, so the data is on its way before a parser asks for it.
/// Dropping it stops them: on a warm cache the hints cost nothing measurable.
pub struct Readahead {
    stop: Arc<AtomicBool>,
}

/// Threads that hint: opening a file whose folder and inode are not cached blocks.
const READAHEAD_THREADS: usize = 4;

impl Readahead {
    pub fn start(pages: &[PagePath]) -> Readahead {
        let stop = Arc::new(AtomicBool::new(false));
        if cfg!(target_os = "linux") {
            let paths: Arc<[PathBuf]> = pages.iter().map(|p| p.path.clone()).collect();
            for first in 0..READAHEAD_THREADS {
                let (paths, stop) = (paths.clone(), stop.clone());
                // A thread that cannot start only costs its share of the hints.
                let _ = std::thread::Builder::new()
                    .name("readahead".into())
                    .spawn(move || hint(&paths, first, &stop));
            }
        }
        Readahead { stop }
    }
}

impl Drop for Readahead {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Hints every `READAHEAD_THREADS`-th file from `first` on, until told to stop.
fn hint(paths: &[PathBuf], first: usize, stop: &AtomicBool) {
    for path in paths.iter().skip(first).step_by(READAHEAD_THREADS) {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        #[cfg(target_os = "linux")]
        if let Ok(file) = std::fs::File::open(path) {
            use std::os::fd::AsRawFd;
            // SAFETY: a hint about a descriptor this thread holds open.
            unsafe {
                libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED);
            }
        }
        #[cfg(not(target_os = "linux"))]
        let _ = path;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readahead_passes_over_missing_files_and_stops_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("a.md");
        std::fs::write(&page, "# A\n").unwrap();
        let pages: Vec<PagePath> = [page, dir.path().join("missing.md")]
            .into_iter()
            .map(|path| PagePath {
                path,
                shown: String::new(),
            })
            .collect();
        let readahead = Readahead::start(&pages);
        let stop = readahead.stop.clone();
        drop(readahead);
        assert!(stop.load(Ordering::Relaxed));
    }
}
