//! A Fluent file of interface strings: parsed, or reported, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let file = folio::model::SourceFile {
            path: "locales/en/ui.ftl".into(),
            text: text.into(),
        };
        let diagnostics = folio::diagnostic::Diagnostics::new();
        let _ = folio::parse::messages::parse(&file, &diagnostics);
    }
});
