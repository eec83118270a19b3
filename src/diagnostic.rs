//! Diagnostics: every mistake found in a run, as data, printed together at the end.
//!
//! Stages never print and never stop at the first problem: they push a `Diagnostic`
//! (file, line, column, message, hint) and go on, so a writer fixes everything in one
//! pass. The CLI edge renders them, GCC style, so editors can jump to each place.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use crate::model::{LineMap, Pos};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    /// Said by `folio check`, not by a build: what Folio publishes but cannot verify
    /// (a link that leaves the site). `--strict` makes it a warning.
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Relative to the site root, with `/` separators.
    pub file: String,
    pub pos: Pos,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            pos,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(file: impl Into<String>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, pos, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// A thread-safe collector, so parallel stages can report into one place.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
    /// Pages whose text was expanded with included files: every stage reports places
    /// in the expanded text, and they are moved here, in one place, to the file and
    /// line a writer can open.
    line_maps: Mutex<HashMap<String, Arc<LineMap>>>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, diagnostic: Diagnostic) {
        let diagnostic = self.relocate(diagnostic);
        self.items
            .lock()
            .expect("diagnostics lock")
            .push(diagnostic);
    }

    pub fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        let relocated: Vec<Diagnostic> =
            diagnostics.into_iter().map(|d| self.relocate(d)).collect();
        self.items
            .lock()
            .expect("diagnostics lock")
            .extend(relocated);
    }

    /// From now on, places reported in `file` are places of its expanded text, which
    /// `map` moves back to their own files. Problems found while expanding are reported
    /// before, at their own places.
    pub fn map_lines(&self, file: impl Into<String>, map: Arc<LineMap>) {
        self.line_maps
            .lock()
            .expect("line maps lock")
            .insert(file.into(), map);
    }

    fn relocate(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        let maps = self.line_maps.lock().expect("line maps lock");
        if let Some((file, pos)) = maps
            .get(&diagnostic.file)
            .and_then(|map| map.locate(diagnostic.pos))
        {
            diagnostic.file = file.to_string();
            diagnostic.pos = pos;
        }
        diagnostic
    }

    pub fn is_empty(&self) -> bool {
        self.items.lock().expect("diagnostics lock").is_empty()
    }

    pub fn has_errors(&self) -> bool {
        self.items
            .lock()
            .expect("diagnostics lock")
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Everything reported, sorted by file and place so output does not depend on
    /// thread scheduling; exact duplicates are dropped.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut items = self.items.into_inner().expect("diagnostics lock");
        items.sort_by(|a, b| {
            (&a.file, a.pos, a.severity, &a.message).cmp(&(&b.file, b.pos, b.severity, &b.message))
        });
        items.dedup();
        items
    }
}

/// What a command shows of its notes: none for a build (they are `folio check`'s
/// business), all for a check; under `--strict` notes are warnings.
pub fn settle_notes(diagnostics: Vec<Diagnostic>, show: bool, strict: bool) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter_map(|mut d| {
            if d.severity == Severity::Note {
                if strict {
                    d.severity = Severity::Warning;
                } else if !show {
                    return None;
                }
            }
            Some(d)
        })
        .collect()
}

/// Runs `f`, one page's (or guide's) share of a stage; a panic in it (a bug in Folio)
/// becomes an error naming `file` instead of ending the run, so the writer learns
/// which page to look at and the previous output stays as it was.
pub fn guard<T>(
    file: &str,
    doing: &str,
    diagnostics: &Diagnostics,
    f: impl FnOnce() -> T,
) -> Option<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(value) => Some(value),
        Err(payload) => {
            let reason = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string());
            diagnostics.push(
                Diagnostic::error(
                    file,
                    Pos { line: 1, column: 1 },
                    format!("internal error while {doing} {file}: {reason}"),
                )
                .with_hint("this is a bug in Folio, not in the page: please report it with the page attached; the rest of the site was checked"),
            );
            None
        }
    }
}

/// The position of byte `offset` in `text`, 1-based, columns in characters.
pub fn pos_at(text: &str, offset: usize) -> Pos {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Pos {
        line: line as u32,
        column: column as u32,
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Colours only on a terminal, and never with NO_COLOR set.
pub fn stderr_wants_color() -> bool {
    std::io::IsTerminal::is_terminal(&std::io::stderr()) && std::env::var_os("NO_COLOR").is_none()
}

/// Writes diagnostics the way compilers do: `file:line:column: error: message`, then
/// the hint, then a summary line.
pub fn render(diagnostics: &[Diagnostic], color: bool) -> String {
    let mut out = String::new();
    let style = |s: anstyle::Style| {
        if color {
            (s.render().to_string(), s.render_reset().to_string())
        } else {
            (String::new(), String::new())
        }
    };
    let bold = anstyle::Style::new().bold();
    for d in diagnostics {
        let (label, color_style) = match d.severity {
            Severity::Error => ("error", anstyle::AnsiColor::Red.on_default().bold()),
            Severity::Warning => ("warning", anstyle::AnsiColor::Yellow.on_default().bold()),
            Severity::Note => ("note", anstyle::AnsiColor::Blue.on_default().bold()),
        };
        let (b, b_end) = style(bold);
        let (c, c_end) = style(color_style);
        let _ = writeln!(
            out,
            "{b}{}:{}:{}:{b_end} {c}{label}:{c_end} {}",
            d.file, d.pos.line, d.pos.column, d.message
        );
        if let Some(hint) = &d.hint {
            let (h, h_end) = style(anstyle::AnsiColor::Cyan.on_default());
            let _ = writeln!(out, "  {h}hint:{h_end} {hint}");
        }
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let notes = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .count();
    let warnings = diagnostics.len() - errors - notes;
    if !diagnostics.is_empty() {
        let _ = write!(
            out,
            "{} error{}, {} warning{}",
            errors,
            plural(errors),
            warnings,
            plural(warnings)
        );
        if notes > 0 {
            let _ = write!(out, ", {} note{}", notes, plural(notes));
        }
        out.push('\n');
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The closest of `known` to `word`, when it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(word, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\ncdé\nf";
        assert_eq!(pos_at(text, 0), Pos { line: 1, column: 1 });
        assert_eq!(pos_at(text, 3), Pos { line: 2, column: 1 });
        assert_eq!(pos_at(text, 8), Pos { line: 3, column: 1 });
        // Inside a multi-byte character, the column is that character's.
        assert_eq!(pos_at(text, 6), Pos { line: 2, column: 3 });
    }

    #[test]
    fn suggests_close_keys_only() {
        assert_eq!(suggest("tittle", &["title", "weight"]), Some("title"));
        assert_eq!(suggest("colour", &["title", "weight"]), None);
    }

    #[test]
    fn renders_plain_text_with_summary() {
        let d = Diagnostic::error("content/fr/a.md", Pos { line: 2, column: 1 }, "bad")
            .with_hint("fix it");
        assert_eq!(
            render(&[d], false),
            "content/fr/a.md:2:1: error: bad\n  hint: fix it\n1 error, 0 warnings\n"
        );
    }
}
