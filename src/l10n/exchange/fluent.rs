//! Fluent messages as units: each message's and term's value and each attribute is
//! a unit holding its pattern as written (placeables and select expressions
//! included), with the comment above the message as the translator's note. An
//! import edits the locale's file in place: a message it translates replaces the
//! one there (or the `# UNTRANSLATED` copy `l10n add` left), the rest of the file
//! is kept; the result must parse.

use std::ops::Range;

/// One message or term of a file, found by its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `nav`, or `-brand` for a term.
    pub id: String,
    /// The value's pattern, dedented; `None` for a message with attributes only.
    pub value: Option<String>,
    pub attributes: Vec<(String, String)>,
    /// 1-based line of the entry.
    pub line: usize,
    /// The comment lines right above it.
    pub comment: Vec<String>,
    /// Bytes of the entry in the file, comment excluded.
    pub range: Range<usize>,
}

fn is_entry_start(line: &str) -> bool {
    let first = line.chars().next();
    first.is_some_and(|c| c.is_ascii_alphabetic() || c == '-')
        && line.split_once('=').is_some_and(|(id, _)| {
            let id = id.trim_end();
            !id.is_empty()
                && id
                    .trim_start_matches('-')
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

/// The entries of a Fluent file, in order. Lines that are no entry (comments,
/// blank lines, junk) are skipped: the parser reports junk elsewhere.
pub fn entries(text: &str) -> Vec<Entry> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        lines.push((offset, line.trim_end_matches(['\n', '\r'])));
        offset += line.len();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (start, line) = lines[i];
        if !is_entry_start(line) {
            i += 1;
            continue;
        }
        let mut comment = Vec::new();
        for (_, above) in lines[..i].iter().rev() {
            match above.strip_prefix('#') {
                Some(rest) if !rest.starts_with('#') => {
                    comment.push(rest.strip_prefix(' ').unwrap_or(rest).to_string())
                }
                _ => break,
            }
        }
        comment.reverse();
        let (id, first) = line.split_once('=').expect("an entry has `=`");
        // Continuation lines are indented; blank lines inside count when an indented
        // one follows.
        let mut end = i + 1;
        let mut last = i;
        while end < lines.len() {
            let next = lines[end].1;
            // A select expression's closing brace may start its line.
            if (next.starts_with([' ', '\t']) && !next.trim().is_empty()) || next.starts_with('}') {
                last = end;
            } else if !next.trim().is_empty() {
                break;
            }
            end += 1;
        }
        let mut value_lines = vec![first.trim_start().to_string()];
        let mut attributes: Vec<(String, Vec<String>)> = Vec::new();
        for (_, next) in &lines[i + 1..=last] {
            let trimmed = next.trim_start();
            if let Some(rest) = trimmed.strip_prefix('.')
                && let Some((name, value)) = rest.split_once('=')
                && !name.trim().is_empty()
                && name
                    .trim()
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                attributes.push((
                    name.trim().to_string(),
                    vec![value.trim_start().to_string()],
                ));
            } else if let Some((_, attribute)) = attributes.last_mut() {
                attribute.push(next.to_string());
            } else {
                value_lines.push(next.to_string());
            }
        }
        let value = pattern(&value_lines);
        let end_byte = lines[last].0 + lines[last].1.len();
        out.push(Entry {
            id: id.trim().to_string(),
            value: (!value.is_empty()).then_some(value),
            attributes: attributes
                .iter()
                .map(|(name, lines)| (name.clone(), pattern(lines)))
                .collect(),
            line: i + 1,
            comment,
            range: start..end_byte,
        });
        i = last + 1;
    }
    out
}

/// A pattern from its lines: the first as written after `=`, the others without
/// their common indentation; blank lines at the ends go.
fn pattern(lines: &[String]) -> String {
    let indent = lines[1..]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut parts: Vec<&str> = Vec::new();
    if !lines[0].trim().is_empty() {
        parts.push(lines[0].trim_end());
    }
    for line in &lines[1..] {
        parts.push(if line.trim().is_empty() {
            ""
        } else {
            line[indent..].trim_end()
        });
    }
    while parts.last() == Some(&"") {
        parts.pop();
    }
    while parts.first() == Some(&"") {
        parts.remove(0);
    }
    parts.join("\n")
}

/// An entry written out: single-line patterns after `=`, longer ones indented below.
pub fn write_entry(id: &str, value: Option<&str>, attributes: &[(String, String)]) -> String {
    fn put(out: &mut String, head: &str, pattern: &str, indent: &str) {
        out.push_str(head);
        if pattern.contains('\n') || pattern.starts_with(['[', '*', '.', '{']) {
            out.push_str(" =");
            for line in pattern.split('\n') {
                out.push('\n');
                if !line.is_empty() {
                    out.push_str(indent);
                    out.push_str(line);
                }
            }
        } else {
            out.push_str(" = ");
            out.push_str(pattern);
        }
        out.push('\n');
    }
    let mut out = String::new();
    match value {
        Some(value) => put(&mut out, id, value, "    "),
        None => {
            out.push_str(id);
            out.push_str(" =\n");
        }
    }
    for (name, pattern) in attributes {
        put(&mut out, &format!("    .{name}"), pattern, "        ");
    }
    out
}

/// The file with `entry` set: it replaces the entry of that id, or the commented-out
/// copy `folio l10n add` wrote, or goes at the end.
pub fn set_entry(text: &str, id: &str, entry: &str) -> String {
    if let Some(existing) = entries(text).into_iter().find(|e| e.id == id) {
        let mut out = text.to_string();
        let end = if text[existing.range.end..].starts_with("\r\n") {
            existing.range.end + 2
        } else if text[existing.range.end..].starts_with('\n') {
            existing.range.end + 1
        } else {
            existing.range.end
        };
        out.replace_range(existing.range.start..end, entry);
        return out;
    }
    if let Some(range) = commented_out(text, id) {
        let mut out = text.to_string();
        out.replace_range(range, entry);
        return out;
    }
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(entry);
    out
}

/// `# UNTRANSLATED` and the commented-out lines of `id` below it.
fn commented_out(text: &str, id: &str) -> Option<Range<usize>> {
    let marker = "# UNTRANSLATED\n";
    let mut search = 0;
    while let Some(found) = text[search..].find(marker) {
        let start = search + found;
        let after = start + marker.len();
        let head = text[after..].strip_prefix("# ")?;
        if head
            .split_once('=')
            .is_some_and(|(name, _)| name.trim() == id)
        {
            let mut end = after;
            let mut first = true;
            for line in text[after..].split_inclusive('\n') {
                let continued = line.starts_with("#  ") || line.starts_with("# \t");
                if !(first || continued) {
                    break;
                }
                first = false;
                end += line.len();
            }
            return Some(start..end);
        }
        search = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_their_patterns_and_comments() {
        let text = "## Groupe\n# Le bouton suivant.\nnav = Suivant\nlong =\n    Deux\n      lignes\n    .title = Titre\n-brand = Folio\ncount = { $n ->\n    [one] un\n   *[other] { $n }\n}\n";
        let found = entries(text);
        assert_eq!(found.len(), 4);
        assert_eq!(found[0].comment, ["Le bouton suivant."]);
        assert_eq!(found[1].value.as_deref(), Some("Deux\n  lignes"));
        assert_eq!(found[1].attributes, [("title".into(), "Titre".into())]);
        assert_eq!(found[2].id, "-brand");
        assert_eq!(
            found[3].value.as_deref(),
            Some("{ $n ->\n    [one] un\n   *[other] { $n }\n}")
        );
    }

    #[test]
    fn written_entries_parse_and_replace_the_old_ones() {
        let text = "# c\nnav = Suivant\nother = x\n# UNTRANSLATED\n# long =\n#     Deux\nend = y\n";
        let entry = write_entry(
            "long",
            Some("Two\nlines"),
            &[("title".into(), "{ $n ->\n   *[other] n\n}".into())],
        );
        let out = set_entry(&set_entry(text, "nav", "nav = Next\n"), "long", &entry);
        assert_eq!(
            out,
            "# c\nnav = Next\nother = x\nlong =\n    Two\n    lines\n    .title =\n        { $n ->\n           *[other] n\n        }\nend = y\n"
        );
        assert!(fluent_syntax::parser::parse(out.as_str()).is_ok());
        let again = entries(&out);
        assert_eq!(again[2].value.as_deref(), Some("Two\nlines"));
        assert_eq!(again[2].attributes[0].1, "{ $n ->\n   *[other] n\n}");
    }
}
