//! Every integration test in one binary: each file below was its own test crate, and
//! thirteen of them each linked all of Folio and its dependencies (a 4 GiB target folder
//! that once filled CI's disk). One binary also shares the default site built once.

mod common;

mod browser;
mod check;
mod cli;
mod commonmark;
mod content_security_policy;
mod default_site;
mod diagnostics;
mod diagrams;
mod fences;
mod html_figures;
mod import;
mod imported_docs;
mod includes;
mod index;
mod l10n;
mod l10n_anchors;
mod l10n_blocks;
mod l10n_changed_blocks;
mod l10n_changed_sections;
mod l10n_check;
mod l10n_exchange;
mod l10n_sync_block;
mod mdbook_book;
mod message_escaping;
mod navigation;
mod outcomes;
mod outline;
mod pdf;
mod pdf_images;
mod pdf_layout;
mod pdf_paper;
mod pdf_rtl;
mod pdf_scripts;
mod pdf_tags;
mod properties;
mod pseudo_locale;
mod raw_html_policy;
mod robustness;
mod script_text;
mod search;
mod serve;
mod title_markup;
mod tree_faults;
mod tree_rules;
mod trees_cli;
