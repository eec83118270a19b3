//! Benchmark (not a test): PDF throughput on a large guide, in typeset pages per
//! second, per locale and for all locales in parallel (layout + paint + assemble).
//!
//! The guide is the default site's chapters repeated (`FOLIO_BENCH_COPIES`, default 40)
//! so the text is real prose with every block type, trees included.
//!
//!     cargo bench --bench pdf

use std::time::Instant;

use folio::diagnostic::Diagnostics;
use folio::model::Site;
use folio::render::pdf::{self, Pictures};

fn main() {
    let copies: usize = std::env::var("FOLIO_BENCH_COPIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let diagnostics = Diagnostics::new();
    let loaded =
        folio::commands::site::load(root, &[], &diagnostics).expect("the default site loads");
    let mut pages = Vec::new();
    for copy in 0..copies {
        for page in &loaded.site.pages {
            let mut page = page.clone();
            page.front.weight += (copy * 100) as i64;
            if copy > 0 {
                page.path = format!("copy{copy}/{}", page.path);
                page.url = format!("{}copy{copy}/", page.url);
            }
            pages.push(page);
        }
    }
    let site = Site::new(loaded.site.config.clone(), pages, loaded.site.trees.clone());
    let style = folio::parse::pdf_style::parse(loaded.theme.pdf_style.as_ref(), &diagnostics);
    let mut files: std::collections::BTreeMap<String, String> = site
        .config
        .locales
        .iter()
        .map(|l| (l.clone(), pdf::file_path(&loaded.messages, l)))
        .collect();
    let fonts = folio::commands::build::pdf_fonts(root, &site.config, &mut files, &diagnostics);
    let pictures = Pictures::new(&loaded.assets);

    println!(
        "{} chapters per locale, {} locales",
        site.pages_of(&site.config.source_locale).count(),
        site.config.locales.len()
    );
    for locale in site
        .config
        .locales
        .iter()
        .filter(|l| files.contains_key(*l))
    {
        let shaper = pdf::text::Shaper::new(
            fonts
                .get(locale)
                .cloned()
                .unwrap_or_else(|| pdf::fonts::Fonts::embedded().clone()),
        );
        let started = Instant::now();
        let doc = pdf::layout_document(&site, &loaded.messages, locale, &style, &pictures, &shaper);
        let laid = started.elapsed();
        let pages = doc.pages.len();
        let bytes = pdf::paint_and_finish(doc, &pictures, shaper.fonts()).expect("paints");
        let total = started.elapsed();
        println!(
            "{locale}: {} pages, {:.1} MB, layout {:.2} s, paint+assemble {:.2} s, {:.0} pages/s",
            pages,
            bytes.len() as f64 / 1e6,
            laid.as_secs_f64(),
            (total - laid).as_secs_f64(),
            pages as f64 / total.as_secs_f64()
        );
    }
    let started = Instant::now();
    let output = pdf::render(
        &site,
        &loaded.messages,
        &style,
        &loaded.assets,
        &files,
        &fonts,
        &diagnostics,
    );
    let elapsed = started.elapsed().as_secs_f64();
    let pages: usize = output
        .iter()
        .map(|(_, bytes)| {
            lopdf::Document::load_mem(bytes)
                .map(|d| d.get_pages().len())
                .unwrap_or(0)
        })
        .sum();
    println!(
        "all locales in parallel: {pages} pages in {elapsed:.2} s, {:.0} pages/s on {} threads",
        pages as f64 / elapsed,
        rayon::current_num_threads()
    );
}
