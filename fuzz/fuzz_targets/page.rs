//! A page as a writer saves it (front matter, Markdown) through parse, typography,
//! resolution, HTML and the PDF layout: nothing may panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = folio::commands::fragment::page_through_pipeline(text);
    }
});
