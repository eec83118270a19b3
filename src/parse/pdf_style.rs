//! The theme's `pdf.toml` to `PdfStyle`.

use crate::diagnostic::Diagnostics;
use crate::model::{PdfStyle, Pos, SourceFile};

use super::toml_diagnostic;

/// Defaults for what the file omits, and for a broken file (reported).
pub fn parse(file: Option<&SourceFile>, diagnostics: &Diagnostics) -> PdfStyle {
    let Some(file) = file else {
        return PdfStyle::default();
    };
    match toml::from_str(&file.text) {
        Ok(style) => style,
        Err(err) => {
            diagnostics.push(toml_diagnostic(
                &file.path,
                &file.text,
                Pos { line: 1, column: 1 },
                &err,
                PdfStyle::KEYS,
            ));
            PdfStyle::default()
        }
    }
}
