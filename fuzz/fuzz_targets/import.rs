//! A translated PO or XLIFF file handed to `folio l10n import`: read, or reported
//! at line and column, never a panic. The same bytes as a page and as a Fluent file
//! go through the exchange's splitting (block slots, inline codes, message entries),
//! which slices text by byte offsets.
#![no_main]

use folio::l10n::exchange::{fluent, inline, po, slots, xliff};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = po::read(text, "units.po");
        let _ = xliff::read(text, "units.xlf");
        for block in slots::of(text) {
            for slot in block.slots.unwrap_or_default() {
                let pieces = inline::markdown(&slot.text);
                assert_eq!(inline::flatten(&pieces), slot.text);
                let _ = slots::written(&slot, &slot.text);
            }
        }
        for entry in fluent::entries(text) {
            if let Some(value) = entry.value {
                assert_eq!(inline::flatten(&inline::fluent(&value)), value);
            }
        }
    }
});
