//! A decision tree's rules file: parsed and validated, or reported, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let file = folio::model::SourceFile {
            path: "content/decision-trees/t.toml".into(),
            text: text.into(),
        };
        let diagnostics = folio::diagnostic::Diagnostics::new();
        let _ = folio::parse::decision_tree::parse(&file, &diagnostics);
    }
});
