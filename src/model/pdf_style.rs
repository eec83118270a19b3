//! Page geometry and type sizes of the printable guide: plain data, read from the
//! theme's `pdf.toml` (every key optional).

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PdfStyle {
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    pub margin_right: f32,
    pub body_size: f32,
    pub body_leading: f32,
    pub paragraph_space: f32,
    pub h1_size: f32,
    pub h2_size: f32,
    pub h3_size: f32,
    pub h4_size: f32,
    pub code_size: f32,
    pub code_leading: f32,
    pub table_size: f32,
    pub small_size: f32,
    /// In a duplex guide, how much wider the inner (bound) margin is than the outer one.
    pub binding: f32,
}

impl Default for PdfStyle {
    fn default() -> Self {
        PdfStyle {
            margin_top: 76.0,
            margin_bottom: 78.0,
            margin_left: 82.0,
            margin_right: 82.0,
            body_size: 10.8,
            body_leading: 15.0,
            paragraph_space: 6.0,
            h1_size: 25.0,
            h2_size: 15.0,
            h3_size: 12.3,
            h4_size: 11.0,
            code_size: 8.2,
            code_leading: 11.2,
            table_size: 9.4,
            small_size: 8.6,
            binding: 20.0,
        }
    }
}

impl PdfStyle {
    pub const KEYS: &'static [&'static str] = &[
        "margin_top",
        "margin_bottom",
        "margin_left",
        "margin_right",
        "body_size",
        "body_leading",
        "paragraph_space",
        "h1_size",
        "h2_size",
        "h3_size",
        "h4_size",
        "code_size",
        "code_leading",
        "table_size",
        "small_size",
        "binding",
    ];
}
