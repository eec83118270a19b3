//! Gettext PO, as Weblate and Poedit read it: one entry per unit, the Markdown
//! inline syntax kept verbatim in `msgid` (as mdbook-i18n-helpers does), the unit's
//! file, id and source fingerprint in `msgctxt` (which every PO tool keeps), its
//! location as a `#:` reference, its heading path and notes as `#.` comments, and
//! `#, fuzzy` on a translation made from an older source.
//!
//! Written by hand: the format is small, and the `polib` crate (0.3) reports
//! errors without a position, where an import must say line and column.

use std::fmt::Write as _;

use super::{Exchange, ImportFile, Imported, split_key, unit_key};
use crate::diagnostic::Diagnostic;
use crate::model::Pos;

/// The exchange as a PO file.
pub fn write(exchange: &Exchange) -> String {
    let mut out = String::new();
    out.push_str("# Folio translation units: translate each msgstr, then `folio l10n import`.\n");
    out.push_str("# msgctxt says which source block a unit translates: keep it.\n");
    out.push_str("msgid \"\"\nmsgstr \"\"\n");
    for field in [
        "Project-Id-Version: folio\\n".to_string(),
        "Language-Team: none\\n".to_string(),
        format!("Language: {}\\n", exchange.target_locale),
        "MIME-Version: 1.0\\n".to_string(),
        "Content-Type: text/plain; charset=UTF-8\\n".to_string(),
        "Content-Transfer-Encoding: 8bit\\n".to_string(),
        format!("X-Source-Language: {}\\n", exchange.source_locale),
    ] {
        let _ = writeln!(out, "\"{field}\"");
    }
    for file in &exchange.files {
        for unit in &file.units {
            out.push('\n');
            if !unit.context.is_empty() {
                let _ = writeln!(out, "#. {}", unit.context);
            }
            for note in &unit.notes {
                let _ = writeln!(out, "#. {note}");
            }
            let _ = writeln!(out, "#: {}:{}", file.original, unit.line);
            if unit.outdated {
                out.push_str("#, fuzzy\n");
            }
            string(
                &mut out,
                "msgctxt",
                &format!("{}#{}", file.original, unit_key(unit)),
            );
            string(&mut out, "msgid", &unit.source);
            string(&mut out, "msgstr", unit.target.as_deref().unwrap_or(""));
        }
    }
    out
}

/// `keyword "text"`, lines apart after each `\n` as gettext writes them.
fn string(out: &mut String, keyword: &str, text: &str) {
    let escaped = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\t', "\\t")
            .replace('\r', "\\r")
            .replace('\n', "\\n")
    };
    if !text.contains('\n') {
        let _ = writeln!(out, "{keyword} \"{}\"", escaped(text));
        return;
    }
    let _ = writeln!(out, "{keyword} \"\"");
    for line in text.split_inclusive('\n') {
        let _ = writeln!(out, "\"{}\"", escaped(line));
    }
}

/// An entry being read.
#[derive(Default)]
struct Entry {
    fuzzy: bool,
    context: Option<String>,
    id: Option<String>,
    strs: Vec<String>,
    /// Where the entry starts.
    pos: Option<Pos>,
    /// The string that continuation lines add to.
    last: Option<Field>,
    /// A string of it could not be read (and was reported).
    broken: bool,
}

#[derive(Clone, Copy)]
enum Field {
    Context,
    Id,
    Plural,
    Str(usize),
}

/// Reads a PO file; every problem is a diagnostic at its line and column, and the
/// entries that could be read are returned all the same.
pub fn read(text: &str, file: &str) -> (ImportFile, Vec<Diagnostic>) {
    let mut out = ImportFile::default();
    let mut diagnostics = Vec::new();
    let mut entry = Entry::default();
    let finish = |entry: &mut Entry, out: &mut ImportFile, diagnostics: &mut Vec<Diagnostic>| {
        let done = std::mem::take(entry);
        if done.broken {
            return;
        }
        let Some(id) = done.id else {
            if let Some(pos) = done
                .pos
                .filter(|_| done.context.is_some() || !done.strs.is_empty())
            {
                diagnostics.push(
                    Diagnostic::error(file, pos, "an entry without msgid")
                        .with_hint("each entry needs msgid and msgstr"),
                );
            }
            return;
        };
        let pos = done.pos.unwrap_or(Pos { line: 1, column: 1 });
        let target = done.strs.into_iter().next().unwrap_or_default();
        let Some(context) = done.context else {
            if id.is_empty() {
                for line in target.lines() {
                    if let Some((name, value)) = line.split_once(':') {
                        match name.trim() {
                            "Language" => out.target_locale = Some(value.trim().to_string()),
                            "X-Source-Language" => {
                                out.source_locale = Some(value.trim().to_string())
                            }
                            _ => {}
                        }
                    }
                }
            } else {
                diagnostics.push(
                    Diagnostic::warning(file, pos, "an entry without msgctxt was not imported")
                        .with_hint(
                            "msgctxt names the block a unit translates: export again and keep it",
                        ),
                );
            }
            return;
        };
        let parsed = context
            .rsplit_once('#')
            .and_then(|(original, key)| Some((original, split_key(key)?)));
        let Some((original, (unit_id, fingerprint))) = parsed else {
            diagnostics.push(
                Diagnostic::warning(
                    file,
                    pos,
                    format!("msgctxt `{context}` names no Folio unit"),
                )
                .with_hint("msgctxt reads FILE#ID-FINGERPRINT, as `folio l10n export` wrote it"),
            );
            return;
        };
        out.units.push(Imported {
            original: original.to_string(),
            id: unit_id.to_string(),
            fingerprint: fingerprint.to_string(),
            target,
            confirmed: !done.fuzzy,
            line: pos.line,
            column: pos.column,
        });
    };
    for (n, line) in text.lines().enumerate() {
        let line_no = n as u32 + 1;
        let pos = |column: usize| Pos {
            line: line_no,
            column: column as u32 + 1,
        };
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            // A comment after strings starts the next entry.
            if entry.id.is_some() && entry.last.is_some() {
                finish(&mut entry, &mut out, &mut diagnostics);
            }
            if let Some(flags) = comment.strip_prefix(',')
                && flags.split(',').any(|f| f.trim() == "fuzzy")
            {
                entry.fuzzy = true;
            }
            entry.pos.get_or_insert(pos(indent));
            entry.last = None;
            continue;
        }
        if trimmed.starts_with('"') {
            let Some(field) = entry.last else {
                diagnostics.push(
                    Diagnostic::error(file, pos(indent), "a string continues no keyword")
                        .with_hint("a quoted line follows msgctxt, msgid or msgstr"),
                );
                continue;
            };
            match unquote(trimmed) {
                Ok(s) => append(&mut entry, field, &s),
                Err((at, message)) => {
                    entry.broken = true;
                    diagnostics.push(bad_string(file, pos(indent + at), message));
                }
            }
            continue;
        }
        let (keyword, rest) =
            trimmed.split_at(trimmed.find([' ', '\t', '"']).unwrap_or(trimmed.len()));
        let field = match keyword {
            "msgctxt" => Field::Context,
            "msgid" => Field::Id,
            "msgid_plural" => Field::Plural,
            "msgstr" => Field::Str(0),
            _ => {
                match keyword
                    .strip_prefix("msgstr[")
                    .and_then(|r| r.strip_suffix(']'))
                    .and_then(|n| n.parse::<usize>().ok())
                {
                    Some(n) if n < 16 => Field::Str(n),
                    _ => {
                        diagnostics.push(
                        Diagnostic::error(file, pos(indent), format!("unknown keyword `{keyword}`"))
                            .with_hint("PO lines are comments (#), msgctxt, msgid, msgstr or quoted strings"),
                    );
                        entry.last = None;
                        continue;
                    }
                }
            }
        };
        // msgctxt or msgid after a msgstr starts the next entry.
        if matches!(field, Field::Context | Field::Id)
            && (!entry.strs.is_empty() || (matches!(field, Field::Context) && entry.id.is_some()))
        {
            finish(&mut entry, &mut out, &mut diagnostics);
        }
        entry.pos.get_or_insert(pos(indent));
        let string_at = indent + keyword.len() + (rest.len() - rest.trim_start().len());
        match unquote(rest.trim_start()) {
            Ok(s) => {
                match field {
                    Field::Context => entry.context = Some(String::new()),
                    Field::Id => entry.id = Some(String::new()),
                    Field::Plural => {}
                    Field::Str(n) => {
                        if entry.strs.len() <= n {
                            entry.strs.resize(n + 1, String::new());
                        }
                    }
                }
                entry.last = Some(field);
                append(&mut entry, field, &s);
            }
            Err((at, message)) => {
                entry.last = None;
                entry.broken = true;
                match field {
                    Field::Context => entry.context = Some(String::new()),
                    Field::Id => entry.id = Some(String::new()),
                    _ => {}
                }
                diagnostics.push(bad_string(file, pos(string_at + at), message));
            }
        }
    }
    finish(&mut entry, &mut out, &mut diagnostics);
    (out, diagnostics)
}

fn append(entry: &mut Entry, field: Field, s: &str) {
    let target = match field {
        Field::Context => entry.context.as_mut(),
        Field::Id => entry.id.as_mut(),
        Field::Plural => None,
        Field::Str(n) => entry.strs.get_mut(n),
    };
    if let Some(target) = target {
        target.push_str(s);
    }
}

fn bad_string(file: &str, pos: Pos, message: &str) -> Diagnostic {
    Diagnostic::error(file, pos, message.to_string())
        .with_hint("PO strings are in double quotes, with \\\" \\\\ \\n \\t escapes")
}

/// A quoted PO string's text, or where (byte in `s`) and what is wrong.
fn unquote(s: &str) -> Result<String, (usize, &'static str)> {
    let Some(body) = s.strip_prefix('"') else {
        return Err((0, "a string must start with a double quote"));
    };
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let rest = body[i + 1..].trim();
                return if rest.is_empty() || rest.starts_with('#') {
                    Ok(out)
                } else {
                    Err((i + 2, "text after the closing quote"))
                };
            }
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, 'r')) => out.push('\r'),
                Some((_, 'a')) => out.push('\u{7}'),
                Some((_, 'b')) => out.push('\u{8}'),
                Some((_, 'f')) => out.push('\u{c}'),
                Some((_, 'v')) => out.push('\u{b}'),
                Some((_, e @ ('\\' | '"' | '\''))) => out.push(e),
                _ => return Err((i + 1, "an unknown escape in a string")),
            },
            c => out.push(c),
        }
    }
    Err((s.len(), "a string without its closing quote"))
}

#[cfg(test)]
mod tests {
    use super::super::{FileUnits, Unit, UnitKind};
    use super::*;

    fn exchange() -> Exchange {
        let unit = |id: &str, source: &str, target: Option<&str>, outdated| Unit {
            id: id.into(),
            fingerprint: "0a1b2c3d".into(),
            source: source.into(),
            target: target.map(str::to_string),
            outdated,
            line: 7,
            context: "Titre › Section".into(),
            notes: vec!["garder P1".into()],
            kind: UnitKind::Markdown,
        };
        Exchange {
            source_locale: "fr".into(),
            target_locale: "en".into(),
            files: vec![FileUnits {
                original: "content/fr/p.md".into(),
                units: vec![
                    unit("3", "Un \"P1\" **grave**\\", Some("A \"P1\""), true),
                    unit("4.1", "un\n\ndeux", None, false),
                ],
            }],
        }
    }

    #[test]
    fn written_entries_read_back() {
        let text = write(&exchange());
        assert!(text.contains("#. Titre › Section\n#. garder P1\n#: content/fr/p.md:7\n#, fuzzy\nmsgctxt \"content/fr/p.md#3-0a1b2c3d\"\nmsgid \"Un \\\"P1\\\" **grave**\\\\\"\n"));
        assert!(text.contains("msgid \"\"\n\"un\\n\"\n\"\\n\"\n\"deux\"\n"));
        let (read, diagnostics) = read(&text, "x.po");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(read.target_locale.as_deref(), Some("en"));
        assert_eq!(read.source_locale.as_deref(), Some("fr"));
        assert_eq!(read.units.len(), 2);
        assert_eq!(read.units[0].target, "A \"P1\"");
        assert!(!read.units[0].confirmed);
        assert_eq!(
            (
                read.units[1].id.as_str(),
                read.units[1].fingerprint.as_str()
            ),
            ("4.1", "0a1b2c3d")
        );
        assert_eq!(read.units[1].target, "");
    }

    #[test]
    fn malformed_files_give_positions() {
        let (read, diagnostics) = read(
            "msgctxt \"a.md#1-0a1b2c3d\"\nmsgid \"x\"\nmsgstr \"y\\q\"\nbogus \"z\"\n  \"orphan\"\nmsgctxt \"b.md#2-0a1b2c3d\"\nmsgid \"unterminated\nmsgstr \"ok\"\n",
            "x.po",
        );
        let at: Vec<(u32, u32)> = diagnostics
            .iter()
            .map(|d| (d.pos.line, d.pos.column))
            .collect();
        assert_eq!(at, [(3, 10), (4, 1), (5, 3), (7, 20)], "{diagnostics:?}");
        // Entries with a string that could not be read are left out, not guessed.
        assert!(read.units.is_empty());
    }
}
