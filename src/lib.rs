//! Folio turns localized Markdown into a static website and a PDF guide per locale,
//! from one source. Data flows one way:
//!
//! ```text
//! load      folio.toml, content/, locales/, theme; pages with the files their
//!           {{#include}}s name, and each locale's SUMMARY.md (the only disk reader)
//! parse     front matter, Markdown (admonitions, fences, raw HTML pictures) -> model,
//!           outlines, decision trees and their outcomes, .ftl -> Fluent resources
//! model     plain data: Site, Page, Block, Inline, Outline, DecisionTree; a loaded
//!           body shrunk to its size (shrink), an outdated translation's lagging
//!           blocks by number (changes, set by l10n, marked by html)
//! raw_html  each page's raw HTML under its locale's policy (allow, sanitize, escape)
//! resolve   cross-page: .md, .html and folder links -> pages, anchors checked;
//!           links leaving the locale folder -> URLs on base_url's host
//! render    html (tera), search (our index), pdf: layout (pure) -> paint ->
//!           assemble -> pack (small objects into compressed object streams);
//!           diagram: a tree's flowchart as geometry, shared by html and pdf;
//!           index: the marked terms, collated and grouped, for both as well
//! write     files to a staging folder as they are rendered, swapped in whole
//! ```
//!
//! Only `commands` calls several stages (`commands::import` writes a site from another
//! tool's book before the pipeline runs; `commands::system_fonts` reads the machine's
//! fonts for the PDF's fallback chain when a character needs one). Diagnostics are collected across the whole
//! run and printed together by the binary.

pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod external;
pub mod highlight;
pub mod l10n;
pub mod load;
pub mod locale;
pub mod model;
pub mod output;
pub mod parse;
pub mod raw_html;
pub mod render;
pub mod resolve;
pub mod write;
