//! Folio turns localized Markdown into a static website (and, later, a PDF guide per
//! locale) from one source. Data flows one way:
//!
//! ```text
//! load      folio.toml, content/, locales/, theme      (the only disk reader)
//! parse     front matter, Markdown -> model, .ftl -> Fluent resources
//! model     plain data: Site, Page, Block, Inline
//! raw_html  each page's raw HTML under its locale's policy (allow, sanitize, escape)
//! resolve   cross-page: .md links -> page URLs, anchors checked
//! render    html: tera templates over the model
//! write     Output (path -> bytes) to disk, atomically
//! ```
//!
//! Only `commands` calls several stages. Diagnostics are collected across the whole
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
