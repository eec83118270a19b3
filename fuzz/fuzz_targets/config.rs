//! folio.toml: read and checked, or reported, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let file = folio::model::SourceFile {
            path: "folio.toml".into(),
            text: text.into(),
        };
        let diagnostics = folio::diagnostic::Diagnostics::new();
        let _ = folio::config::parse(&file, &diagnostics);
    }
});
