//! The PDF layout of the default guide, as a text dump.

mod common;

use folio::diagnostic::Diagnostics;
use folio::model::PdfStyle;
use folio::render::pdf::{layout_document, text::Shaper};

#[test]
fn dump_default_guide() {
    let diagnostics = Diagnostics::new();
    let loaded = folio::commands::site::load(&common::repo_root(), &[], &diagnostics).unwrap();
    let shaper = Shaper::default();
    let doc = layout_document(
        &loaded.site,
        &loaded.messages,
        "fr",
        &PdfStyle::default(),
        &shaper,
    );
    std::fs::write("/tmp/fr-dump.txt", doc.dump()).unwrap();
}
