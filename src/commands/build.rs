//! `folio build`: load, parse, resolve, render, and write the site atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Diagnostics, settle_notes};
use crate::load;
use crate::model::Pos;
use crate::output::Sink;
use crate::parse;
use crate::render;
use crate::write;

use super::site;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub out: Option<PathBuf>,
    /// Only these locales (all configured ones when empty).
    pub locales: Vec<String>,
    /// Warnings fail the build too.
    pub strict: bool,
    /// The website only, no PDF (faster while iterating).
    pub no_pdf: bool,
    /// Pages marked `draft` are published too.
    pub drafts: bool,
    /// The pseudo-locale too (`--pseudo`).
    pub pseudo: bool,
}

/// Told the name of each stage as it starts (the CLI shows it in a spinner).
pub type Progress<'a> = &'a (dyn Fn(&'static str) + Sync);

/// What a build did, for the CLI to report.
#[derive(Debug)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    /// The output folder when the site was written.
    pub written: Option<PathBuf>,
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    /// How long each stage took, in order.
    pub stages: Timings,
}

/// Stage names and durations.
pub type Timings = Vec<(&'static str, Duration)>;

pub fn run(options: &BuildOptions, progress: Progress) -> BuildReport {
    let started = Instant::now();
    let diagnostics = Diagnostics::new();
    let mut stages = Timings::new();
    let step = if options.no_pdf {
        PdfStep::Skip
    } else {
        PdfStep::Render
    };
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let mut report = BuildReport {
        diagnostics: Vec::new(),
        written: None,
        pages: 0,
        files: 0,
        elapsed: Duration::ZERO,
        stages: Timings::new(),
    };
    match write::Staging::begin(&out) {
        Ok(staging) => {
            let select = site::Select {
                locales: options.locales.clone(),
                drafts: options.drafts,
                for_edits: false,
                translator: false,
                pseudo: options.pseudo,
            };
            let compiled = compile(
                &options.root,
                &select,
                &diagnostics,
                &mut stages,
                step,
                progress,
                &staging,
            );
            report.files = staging.files();
            let blocked = diagnostics.has_errors() || (options.strict && !diagnostics.is_empty());
            match compiled {
                Some(compiled) if !blocked => {
                    report.pages = compiled.loaded.site.pages.len();
                    progress("writing");
                    let writing = Instant::now();
                    let committed = staging.commit();
                    stages.push(("write", writing.elapsed()));
                    match committed {
                        Ok(()) => report.written = Some(out.clone()),
                        Err(err) => diagnostics.push(cannot_write(&out, &err)),
                    }
                    // A build is the last thing its process does: freeing a large
                    // site's model allocation by allocation took a twentieth of the
                    // build, for memory the process is about to hand back whole.
                    std::mem::forget(compiled);
                }
                _ => staging.abandon(),
            }
        }
        Err(err) => diagnostics.push(cannot_write(&out, &err)),
    }
    report.diagnostics = settle_notes(diagnostics.into_sorted(), false, options.strict);
    report.elapsed = started.elapsed();
    report.stages = stages;
    report
}

fn cannot_write(out: &Path, err: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        out.display().to_string(),
        Pos { line: 1, column: 1 },
        format!("cannot write the site: {err}"),
    )
    .with_hint("check that the output folder's parent exists and is writable; the previous output was kept")
}

/// What to do about the PDFs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PdfStep {
    /// Typeset them with the site.
    #[default]
    Render,
    /// Neither PDFs nor links to them (`build --no-pdf`).
    Skip,
    /// Link to them, but leave their typesetting and the search index to a later call
    /// (`serve` shows pages first and adds those when they are ready).
    Later,
}

/// A compiled site: the model and what rendered it, kept by `serve` to re-render
/// single pages after an edit.
pub struct Compiled {
    pub loaded: site::Loaded,
    /// Each locale's guide in the output, for download links.
    pub pdf_files: BTreeMap<String, String>,
    /// Each locale's fonts, when its guide is typeset.
    fonts: BTreeMap<String, render::pdf::fonts::Fonts>,
}

/// Loads, renders and hands every output file to `sink` as it is made; `None` when the
/// site cannot even be read.
pub fn compile(
    root: &Path,
    select: &site::Select,
    diagnostics: &Diagnostics,
    stages: &mut Timings,
    pdf: PdfStep,
    progress: Progress,
    sink: &dyn Sink,
) -> Option<Compiled> {
    super::allocator::return_unused_memory();
    let compiled = prepare(root, select, diagnostics, stages, pdf)?;
    render(&compiled, diagnostics, stages, pdf, progress, sink);
    Some(compiled)
}

/// The model and what rendering needs besides it (the guides' paths and fonts), with
/// nothing rendered yet: `serve` answers the first requests from it while the site
/// renders. `None` when the site cannot even be read.
pub fn prepare(
    root: &Path,
    select: &site::Select,
    diagnostics: &Diagnostics,
    stages: &mut Timings,
    pdf: PdfStep,
) -> Option<Compiled> {
    let mut clock = Instant::now();
    let loaded = site::load_selected(root, select, diagnostics)?;
    stages.push(("load and check", clock.elapsed()));
    clock = Instant::now();
    let pdf_enabled = loaded.site.config.pdf.enabled && pdf != PdfStep::Skip;
    let mut pdf_files: BTreeMap<String, String> = if pdf_enabled {
        loaded
            .site
            .config
            .locales
            .iter()
            .map(|l| (l.clone(), render::pdf::file_path(&loaded.messages, l)))
            .collect()
    } else {
        BTreeMap::new()
    };
    let fonts = if pdf_enabled {
        let fonts = pdf_fonts(root, &loaded.site.config, &mut pdf_files, diagnostics);
        stages.push(("fonts", clock.elapsed()));
        fonts
    } else {
        BTreeMap::new()
    };
    Some(Compiled {
        loaded,
        pdf_files,
        fonts,
    })
}

/// Renders a prepared site, handing every output file to `sink` as it is made.
pub fn render(
    compiled: &Compiled,
    diagnostics: &Diagnostics,
    stages: &mut Timings,
    pdf: PdfStep,
    progress: Progress,
    sink: &dyn Sink,
) {
    let Compiled {
        loaded,
        pdf_files,
        fonts,
    } = compiled;
    let clock = Instant::now();
    progress("rendering pages");
    // The search index reads the model, not the HTML: both render side by side, and
    // each reports its own time (they overlap).
    let (website, search) = rayon::join(
        || {
            timed(|| {
                render::html::render(
                    &loaded.site,
                    &loaded.messages,
                    &loaded.theme,
                    &loaded.assets,
                    pdf_files,
                    diagnostics,
                    sink,
                    render::html::Scope::Site,
                )
            })
        },
        || {
            timed(|| {
                if pdf != PdfStep::Later {
                    render::search::index(&loaded.site, &loaded.messages, sink)
                }
            })
        },
    );
    stages.push(("  website", website));
    stages.push(("  search index", search));
    stages.push(("website and search", clock.elapsed()));
    let pdf_enabled = loaded.site.config.pdf.enabled && pdf != PdfStep::Skip;
    if pdf_enabled && pdf == PdfStep::Render {
        super::allocator::keep_freed_memory();
        let clock = Instant::now();
        progress("typesetting the PDF guides");
        let style = parse::pdf_style::parse(loaded.theme.pdf_style.as_ref(), diagnostics);
        sink.put_all(render::pdf::render(
            &loaded.site,
            &loaded.messages,
            &style,
            &loaded.assets,
            pdf_files,
            fonts,
            diagnostics,
        ));
        stages.push(("PDF", clock.elapsed()));
    }
}

fn timed(work: impl FnOnce()) -> Duration {
    let started = Instant::now();
    work();
    started.elapsed()
}

/// Languages whose text the embedded fonts cannot show.
const NEEDS_OWN_FONT: &[&str] = &["ja", "zh", "ko"];

/// Each locale's fonts: its own from `[pdf.fonts]`, then those for `all`, then the
/// machine's (unless FOLIO_NO_SYSTEM_FONTS=1). A configured font that cannot be read
/// costs that locale its PDF, with a warning that says how to fix it; a locale whose
/// script needs a font and has none configured too; everything else is still built.
pub fn pdf_fonts(
    root: &Path,
    config: &crate::model::SiteConfig,
    pdf_files: &mut BTreeMap<String, String>,
    diagnostics: &Diagnostics,
) -> BTreeMap<String, render::pdf::fonts::Fonts> {
    use render::pdf::fonts::{Font, Fonts};
    let mut fonts = BTreeMap::new();
    let top = Pos { line: 1, column: 1 };
    let system = super::system_fonts::source();
    let everywhere = config.pdf.fonts.get("all").map_or(&[][..], |l| &l.0[..]);
    for locale in &config.locales {
        let primary = locale.split('-').next().unwrap_or(locale);
        let own = config.pdf.fonts.get(locale).map_or(&[][..], |l| &l.0[..]);
        if own.is_empty() && NEEDS_OWN_FONT.contains(&primary) {
            pdf_files.remove(locale);
            diagnostics.push(
                Diagnostic::warning(load::CONFIG_FILE, top, format!("no PDF for `{locale}`: its script needs a font that Folio does not embed"))
                    .with_hint(format!("install one (Debian: apt-get install fonts-noto-cjk) and set it in folio.toml: [pdf.fonts] {locale} = \"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc#0\"")),
            );
            continue;
        }
        let mut faces: Vec<&'static Font> = Vec::new();
        let mut unreadable = None;
        for setting in own.iter().chain(everywhere) {
            let (path, index) = match setting.rsplit_once('#') {
                Some((path, index)) => (path, index.parse().unwrap_or(0)),
                None => (setting.as_str(), 0),
            };
            match font_bytes(root, path).and_then(|bytes| font_face(bytes, index)) {
                Some(face) => faces.push(face),
                None => unreadable = unreadable.or(Some(path)),
            }
        }
        if let Some(path) = unreadable {
            pdf_files.remove(locale);
            diagnostics.push(
                Diagnostic::warning(load::CONFIG_FILE, top, format!("no PDF for `{locale}`: the font {path} cannot be read"))
                    .with_hint("install it (for CJK on Debian: apt-get install fonts-noto-cjk) or fix [pdf.fonts] in folio.toml; the website and the other PDFs are built"),
            );
            continue;
        }
        // A CJK locale's own fonts set its text, Latin included.
        let lead = NEEDS_OWN_FONT.contains(&primary) && !own.is_empty();
        let mut set = Fonts::embedded().clone().with_configured(faces, lead);
        if let Some(system) = &system {
            set = set.with_system(system.clone());
        }
        fonts.insert(locale.clone(), set);
    }
    fonts
}

/// A configured face, parsed once per process like its bytes.
fn font_face(bytes: &'static [u8], index: u32) -> Option<&'static render::pdf::fonts::Font> {
    type Faces = BTreeMap<(usize, u32), Option<&'static render::pdf::fonts::Font>>;
    static PARSED: std::sync::OnceLock<std::sync::Mutex<Faces>> = std::sync::OnceLock::new();
    let key = (bytes.as_ptr() as usize, index);
    let mut parsed = PARSED.get_or_init(Default::default).lock().ok()?;
    *parsed.entry(key).or_insert_with(|| {
        render::pdf::fonts::Font::parse(bytes, index).map(|f| &*Box::leak(Box::new(f)))
    })
}

/// A configured font's bytes, read once per process: faces borrow them for as long as
/// the process lives, and rebuilds (as in `serve`) must not read them again.
fn font_bytes(root: &Path, path: &str) -> Option<&'static [u8]> {
    static READ: std::sync::OnceLock<std::sync::Mutex<BTreeMap<PathBuf, &'static [u8]>>> =
        std::sync::OnceLock::new();
    let key = root.join(path);
    let mut read = READ.get_or_init(Default::default).lock().ok()?;
    if let Some(bytes) = read.get(&key) {
        return Some(bytes);
    }
    let bytes: &'static [u8] = Box::leak(load::font(root, path)?.into_boxed_slice());
    read.insert(key, bytes);
    Some(bytes)
}
