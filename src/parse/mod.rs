//! Parse: source text to model data. Front matter, Markdown bodies, Fluent files.
//!
//! Parsers are pure functions of text: they never touch the disk and report every
//! problem as a `Diagnostic` with the exact place in the source file.

pub mod admonitions;
pub mod decision_tree;
pub mod fence;
pub mod foreign_keys;
pub mod foreign_syntax;
pub mod front_matter;
mod html_figure;
pub mod index_marks;
pub mod markdown;
pub mod messages;
pub mod outcomes;
pub mod outline;
pub mod page;
pub mod pdf_style;
mod slug;

pub use slug::{heading_id, slugify};

use crate::diagnostic::{Diagnostic, pos_at, suggest};
use crate::model::Pos;

/// A TOML error as a diagnostic: `deserialize_diagnostic` with the error's own span.
pub(crate) fn toml_diagnostic(
    file: &str,
    text: &str,
    base: Pos,
    err: &toml::de::Error,
    known: &[&str],
) -> Diagnostic {
    deserialize_diagnostic(
        file,
        text,
        base,
        err.span().map(|s| s.start),
        err.message(),
        known,
    )
}

/// A serde error from TOML or YAML, as a diagnostic at the right place in `file`.
/// `text` is the parsed text; `base` is where it starts in the file.
pub(crate) fn deserialize_diagnostic(
    file: &str,
    text: &str,
    base: Pos,
    offset: Option<usize>,
    message: &str,
    known: &[&str],
) -> Diagnostic {
    let local = offset.map_or(Pos { line: 1, column: 1 }, |o| pos_at(text, o));
    let pos = Pos {
        line: base.line + local.line - 1,
        column: if local.line == 1 {
            base.column + local.column - 1
        } else {
            local.column
        },
    };
    let message = clean_message(message);
    let hint = match unknown_field(&message) {
        Some(field) => match suggest(field, known) {
            Some(close) => format!("did you mean `{close}`? Known keys: {}", known.join(", ")),
            None => format!("known keys: {}", known.join(", ")),
        },
        None if message.contains("missing field") => {
            format!("add the key; known keys: {}", known.join(", "))
        }
        // `standard = "a-3b"`: serde lists the values the key takes.
        None if message.starts_with("unknown variant") => match message.split_once("expected ") {
            Some((_, values)) => format!("write {values}, in double quotes"),
            None => "use one of the values the key takes".to_string(),
        },
        None => {
            "check the syntax: strings in double quotes, one `key = value` per line".to_string()
        }
    };
    Diagnostic::error(file, pos, message).with_hint(hint)
}

/// The first line, without serde's list of expected keys (the hint has them) and
/// without serde_yaml's own position (relative to the header, so misleading).
fn clean_message(message: &str) -> String {
    let mut message = message.trim().lines().next().unwrap_or("").to_string();
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    if message.starts_with("unknown field")
        && let Some(i) = message.find(", expected")
    {
        message.truncate(i);
    }
    message
}

fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.split("unknown field `").nth(1)?;
    rest.split('`').next()
}
