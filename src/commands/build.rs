//! `folio build`: load, parse, resolve, render, and write the site atomically.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::highlight;
use crate::load::{self, CONFIG_FILE};
use crate::locale::{Messages, apply_typography};
use crate::model::{Page, Pos, Site};
use crate::output::Output;
use crate::parse;
use crate::render;
use crate::resolve::{Targets, resolve};
use crate::write;

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

impl BuildReport {
    pub fn failed(&self, strict: bool) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error || strict)
    }
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
    let config_file = load::config(root, diagnostics)?;
    let mut config = config::parse(&config_file, diagnostics)?;
    let sources = load::site(root, &config.theme, diagnostics);
    check_locale_folders(&config_file.text, &config.locales, &sources, diagnostics);
    if !only.is_empty() {
        for locale in only {
            if !config.locales.contains(locale) {
                diagnostics.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        config::key_pos(&config_file.text, "locales"),
                        format!("--locale {locale}: not a configured locale"),
                    )
                    .with_hint(format!("configured locales: {}", config.locales.join(", "))),
                );
            }
        }
        config.locales.retain(|l| only.contains(l));
    }

    let message_files = sources
        .messages
        .iter()
        .filter_map(|f| parse::messages::parse(f, diagnostics))
        .collect();
    let messages = Messages::build(&config, message_files, diagnostics);

    let mut pages: Vec<Page> = sources
        .pages
        .par_iter()
        .filter_map(|file| parse::page::parse(file, diagnostics))
        .filter(|page| config.locales.contains(&page.locale))
        .collect();
    pages.par_iter_mut().for_each(|page| {
        let lang = page.locale.clone();
        apply_typography(page, &lang);
        highlight::check_languages(page, diagnostics);
    });
    check_unique_urls(&pages, diagnostics);
    let assets = sources
        .assets
        .iter()
        .filter_map(|a| a.path.strip_prefix("content/").map(str::to_string));
    let parsed: HashSet<&str> = pages.iter().map(|p| p.source.as_str()).collect();
    let unparsed: Vec<String> = sources
        .pages
        .iter()
        .map(|f| &f.path)
        .chain(&sources.unreadable_pages)
        .filter(|path| !parsed.contains(path.as_str()))
        .filter_map(|path| path.strip_prefix("content/"))
        .map(str::to_string)
        .collect();
    let targets = Targets::new(&pages, &unparsed, assets);
    resolve(&mut pages, &targets, diagnostics);

    let site = Site::new(config, pages);
    let assets: Vec<_> = sources
        .assets
        .into_iter()
        .filter(|a| {
            site.config
                .locales
                .iter()
                .any(|l| a.path.starts_with(&format!("content/{l}/")))
        })
        .collect();
    let output = render::html::render(&site, &messages, &sources.theme, &assets, diagnostics);
    Some((site, output))
}

fn check_locale_folders(
    config_text: &str,
    locales: &[String],
    sources: &load::SiteSources,
    diagnostics: &Diagnostics,
) {
    let pos = config::key_pos(config_text, "locales");
    for locale in locales {
        if !sources.content_locales.contains(locale) {
            diagnostics.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    pos,
                    format!("locale `{locale}` has no content/{locale}/ folder"),
                )
                .with_hint(format!(
                    "create content/{locale}/ with its pages, or remove \"{locale}\" from `locales`"
                )),
            );
        }
        let has_messages = sources
            .messages
            .iter()
            .any(|m| m.path.starts_with(&format!("locales/{locale}/")));
        if !has_messages {
            diagnostics.push(
                Diagnostic::warning(CONFIG_FILE, pos, format!("locale `{locale}` has no locales/{locale}/*.ftl files; its interface falls back"))
                    .with_hint(format!("create locales/{locale}/ui.ftl with the interface strings")),
            );
        }
    }
    for found in &sources.content_locales {
        if !locales.contains(found) {
            diagnostics.push(
                Diagnostic::warning(
                    format!("content/{found}"),
                    Pos { line: 1, column: 1 },
                    format!("content/{found}/ is not a configured locale and is skipped"),
                )
                .with_hint(format!(
                    "add \"{found}\" to `locales` in folio.toml to publish it"
                )),
            );
        }
    }
}

fn check_unique_urls(pages: &[Page], diagnostics: &Diagnostics) {
    let mut seen: std::collections::HashMap<&str, &Page> = std::collections::HashMap::new();
    for page in pages {
        if let Some(first) = seen.insert(&page.url, page) {
            diagnostics.push(
                Diagnostic::error(
                    &page.source,
                    Pos { line: 1, column: 1 },
                    format!(
                        "this page and {} both publish to /{}",
                        first.source, page.url
                    ),
                )
                .with_hint("give one of them another `slug`"),
            );
        }
    }
}
