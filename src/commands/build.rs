//! `folio build`: load, parse, resolve, render, and write the site atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Pos, Site};
use crate::output::Output;
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
}

/// What a build did, for the CLI to report.
#[derive(Debug)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    /// The output folder when the site was written.
    pub written: Option<PathBuf>,
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
}

pub fn run(options: &BuildOptions) -> BuildReport {
    let started = Instant::now();
    let diagnostics = Diagnostics::new();
    let compiled = compile(&options.root, &options.locales, &diagnostics);
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
    };
    if let Some((site, output)) = compiled {
        report.pages = site.pages.len();
        report.files = output.len();
        let blocked = diagnostics.has_errors() || (options.strict && !diagnostics.is_empty());
        if !blocked {
            match write::write(&output, &out) {
                Ok(()) => report.written = Some(out.clone()),
                Err(err) => diagnostics.push(
                    Diagnostic::error(out.display().to_string(), Pos { line: 1, column: 1 }, format!("cannot write the site: {err}"))
                        .with_hint("check that the output folder's parent exists and is writable; the previous output was kept"),
                ),
            }
        }
    }
    report.diagnostics = diagnostics.into_sorted();
    report.elapsed = started.elapsed();
    report
}

/// Everything up to the in-memory output; `None` when the site cannot even be read.
pub fn compile(root: &Path, only: &[String], diagnostics: &Diagnostics) -> Option<(Site, Output)> {
    let loaded = site::load(root, only, diagnostics)?;
    let pdf_files: BTreeMap<String, String> = if loaded.site.config.pdf.enabled {
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
    let mut output = render::html::render(
        &loaded.site,
        &loaded.messages,
        &loaded.theme,
        &loaded.assets,
        &pdf_files,
        diagnostics,
    );
    if loaded.site.config.pdf.enabled {
        let style = parse::pdf_style::parse(loaded.theme.pdf_style.as_ref(), diagnostics);
        output.extend(render::pdf::render(
            &loaded.site,
            &loaded.messages,
            &style,
            &loaded.assets,
            &pdf_files,
            diagnostics,
        ));
    }
    Some((loaded.site, output))
}
