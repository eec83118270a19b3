//! Admonitions of Docusaurus (`:::tip Title` ... `:::`) and MkDocs (`!!! tip "Title"`
//! over an indented body; `???` folds, shown open here), rewritten line for line into
//! GitHub alerts (`> [!TIP]`) before the Markdown parser sees the body, so they become
//! the model's callouts. Every line keeps its number; how far the rewrite moved each
//! line's text is recorded, so positions are still reported where the writer wrote them.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Pos;

/// A body with its admonitions rewritten.
#[derive(Debug, Default, PartialEq)]
pub struct Rewritten {
    pub text: String,
    /// Per line of the body: characters the rewrite put before the text, and
    /// characters of indentation it took away.
    pub shifts: Vec<(u32, u32)>,
    /// The lines (0-based) that open an admonition with a title of its own.
    pub titles: Vec<(u32, String)>,
}

/// What an admonition's type becomes, in GitHub's words. Types of both tools are
/// understood; `None` for an unknown one.
fn alert(kind: &str) -> Option<&'static str> {
    Some(match kind.to_ascii_lowercase().as_str() {
        "note" | "info" | "abstract" | "summary" | "tldr" | "todo" | "question" | "help"
        | "faq" | "example" | "quote" | "cite" | "seealso" => "NOTE",
        "tip" | "hint" | "success" | "check" | "done" | "secondary" | "success-tip" => "TIP",
        "important" => "IMPORTANT",
        // Docusaurus's caution is its yellow one, as GitHub's warning is.
        "warning" | "caution" | "attention" => "WARNING",
        "danger" | "error" | "failure" | "fail" | "missing" | "bug" => "CAUTION",
        _ => return None,
    })
}

/// Whether `body` may hold an admonition (a cheap test before the line-by-line pass).
pub fn may_hold(body: &str) -> bool {
    body.contains(":::") || body.contains("!!!") || body.contains("???")
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Open {
    /// Docusaurus: closed by a line of at least this many colons.
    Colons(usize),
    /// MkDocs: its body is indented by four spaces more.
    Indented,
}

/// Rewrites `body` (which starts `line_offset` lines into `file`); `None` when it holds
/// no admonition. Unknown types and unclosed admonitions are warnings.
pub fn rewrite(
    file: &str,
    body: &str,
    line_offset: u32,
    diagnostics: &Diagnostics,
) -> Option<Rewritten> {
    let mut out = Rewritten {
        text: String::with_capacity(body.len() + 256),
        ..Rewritten::default()
    };
    let mut stack: Vec<(Open, u32)> = Vec::new();
    // An open code fence: its character, length, and how many admonitions hold it.
    let mut fence: Option<(char, usize, usize)> = None;
    let mut found = false;
    for (n, line) in body.split_inclusive('\n').enumerate() {
        let n = n as u32;
        let (content, ending) = match line.strip_suffix('\n') {
            Some(rest) => match rest.strip_suffix('\r') {
                Some(rest) => (rest, "\r\n"),
                None => (rest, "\n"),
            },
            None => (line, ""),
        };
        // MkDocs bodies end at the first line that is not blank and less indented.
        let mut inner = content;
        let mut removed = 0;
        for depth in 0..stack.len() {
            if stack[depth].0 != Open::Indented || inner.trim().is_empty() {
                continue;
            }
            match strip_indent(inner) {
                Some((rest, chars)) => {
                    inner = rest;
                    removed += chars;
                }
                None => {
                    for (open, line) in stack.drain(depth..) {
                        warn_unclosed(open, line, file, line_offset, diagnostics);
                    }
                    break;
                }
            }
        }
        if fence.is_some_and(|(_, _, depth)| depth > stack.len()) {
            fence = None;
        }
        let mut replacement: Option<String> = None;
        let mut depth = stack.len();
        if let Some((ch, len, _)) = fence {
            if is_fence_close(inner, ch, len) {
                fence = None;
            }
        } else if let Some((ch, len)) = fence_open(inner) {
            fence = Some((ch, len, stack.len()));
        } else if let Some(colons) = colon_close(inner) {
            if let Some((Open::Colons(open), _)) = stack.last()
                && colons >= *open
            {
                stack.pop();
                depth = stack.len();
                replacement = Some(String::new());
            }
        } else if let Some((open, kind, title, column)) = opener(inner) {
            found = true;
            let name = alert(kind).unwrap_or_else(|| {
                let pos = Pos {
                    line: n + 1 + line_offset,
                    column: (removed + column) as u32,
                };
                diagnostics.push(
                    Diagnostic::warning(file, pos, format!("admonition type `{kind}` is not known: shown as a note"))
                        .with_hint("use note, tip, info, important, caution, warning or danger (Docusaurus), or a type of MkDocs"),
                );
                "NOTE"
            });
            if let Some(title) = title.filter(|t| !t.is_empty()) {
                out.titles.push((n, title.to_string()));
            }
            stack.push((open, n));
            replacement = Some(format!("> [!{name}]"));
        }
        let prefix = "> ".repeat(depth);
        out.text.push_str(&prefix);
        out.text.push_str(replacement.as_deref().unwrap_or(inner));
        out.text.push_str(ending);
        let added = if replacement.is_some() {
            // The opener's own text is gone: its columns point at the line's start.
            prefix.len() as u32 + content.chars().count() as u32
        } else {
            prefix.len() as u32
        };
        out.shifts.push((added, removed as u32));
    }
    for (open, line) in stack {
        warn_unclosed(open, line, file, line_offset, diagnostics);
    }
    found.then_some(out)
}

fn warn_unclosed(open: Open, line: u32, file: &str, line_offset: u32, diagnostics: &Diagnostics) {
    let Open::Colons(colons) = open else {
        // An MkDocs body ends where its indentation does: nothing to close.
        return;
    };
    let pos = Pos {
        line: line + 1 + line_offset,
        column: 1,
    };
    diagnostics.push(
        Diagnostic::warning(
            file,
            pos,
            "this admonition is never closed: it runs to the end of its container",
        )
        .with_hint(format!("end it with a line of {}", ":".repeat(colons))),
    );
}

/// Four spaces (or a tab) of indentation taken off, with how many characters that was.
fn strip_indent(line: &str) -> Option<(&str, usize)> {
    if let Some(rest) = line.strip_prefix('\t') {
        return Some((rest, 1));
    }
    line.strip_prefix("    ").map(|rest| (rest, 4))
}

/// Up to three spaces, as CommonMark allows before a block's marker.
fn unindented(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches(' ');
    (line.len() - rest.len() <= 3).then_some(rest)
}

fn fence_open(line: &str) -> Option<(char, usize)> {
    let rest = unindented(line)?;
    let ch = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = rest.chars().take_while(|c| *c == ch).count();
    (len >= 3).then_some((ch, len))
}

fn is_fence_close(line: &str, ch: char, len: usize) -> bool {
    unindented(line).is_some_and(|rest| {
        let run = rest.chars().take_while(|c| *c == ch).count();
        run >= len && rest[run * ch.len_utf8()..].trim().is_empty()
    })
}

/// A line of only colons (three or more): how many.
fn colon_close(line: &str) -> Option<usize> {
    let rest = unindented(line)?.trim_end();
    (rest.len() >= 3 && rest.bytes().all(|b| b == b':')).then_some(rest.len())
}

/// An opening line: `(kind of container, type, title, column of the type)`.
fn opener(line: &str) -> Option<(Open, &str, Option<&str>, usize)> {
    let rest = unindented(line)?;
    let indent = line.len() - rest.len();
    if rest.starts_with(":::") {
        let colons = rest.bytes().take_while(|b| *b == b':').count();
        let after = rest[colons..].trim_start();
        let kind_len = type_len(after)?;
        let (kind, tail) = after.split_at(kind_len);
        let column = indent + (rest.len() - after.len()) + 1;
        // `:::tip[My title]` or `:::tip My title`; attributes (`{#id}`) are left out.
        let tail = tail.split('{').next().unwrap_or("").trim();
        let title = match tail.strip_prefix('[') {
            Some(bracketed) => bracketed.strip_suffix(']').unwrap_or(bracketed),
            None => tail,
        };
        return Some((Open::Colons(colons), kind, Some(title.trim()), column));
    }
    let marker = ["???+", "!!!", "???"]
        .into_iter()
        .find(|m| rest.starts_with(m))?;
    let after_marker = &rest[marker.len()..];
    let after = after_marker.trim_start();
    if after.len() == after_marker.len() {
        return None;
    }
    let kind_len = type_len(after)?;
    let (kind, tail) = after.split_at(kind_len);
    let column = indent + (rest.len() - after.len()) + 1;
    // `!!! note "Title"`; other words before it are CSS classes of MkDocs.
    let title = tail
        .split_once('"')
        .map(|(_, quoted)| quoted.rsplit_once('"').map_or(quoted, |(t, _)| t));
    // Prose may start with `???` too: an unknown type needs a quoted title to count.
    if alert(kind).is_none() && title.is_none() {
        return None;
    }
    Some((Open::Indented, kind, title, column))
}

/// The length of an admonition type at the start of `text`: letters, digits, `-`, `_`.
fn type_len(text: &str) -> Option<usize> {
    let len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(text.len());
    (len > 0 && text.starts_with(|c: char| c.is_ascii_alphabetic())).then_some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(body: &str) -> (Option<Rewritten>, Vec<Diagnostic>) {
        let diagnostics = Diagnostics::new();
        let out = rewrite("content/en/a.md", body, 3, &diagnostics);
        (out, diagnostics.into_sorted())
    }

    #[test]
    fn docusaurus_admonitions_become_alerts_line_for_line() {
        let body = "Intro\n\n:::tip[Use it]\nBody **bold**\n\n```\n:::\n```\n:::\nAfter\n";
        let (out, diags) = run(body);
        let out = out.unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            out.text,
            "Intro\n\n> [!TIP]\n> Body **bold**\n> \n> ```\n> :::\n> ```\n\nAfter\n"
        );
        assert_eq!(out.titles, [(2, "Use it".to_string())]);
        assert_eq!(out.shifts[3], (2, 0));
        assert_eq!(out.text.lines().count(), body.lines().count());
    }

    #[test]
    fn nested_and_titled_with_a_space() {
        let (out, _) = run("::::info Outer\n:::danger\nIn\n:::\n::::\n");
        let out = out.unwrap();
        assert_eq!(out.text, "> [!NOTE]\n> > [!CAUTION]\n> > In\n> \n\n");
        assert_eq!(out.titles, [(0, "Outer".to_string())]);
    }

    #[test]
    fn mkdocs_bodies_are_indented() {
        let (out, diags) =
            run("!!! warning \"Careful\"\n    Text\n\n    More\nOut\n??? note\n    Folded\n");
        assert!(diags.is_empty(), "{diags:?}");
        let out = out.unwrap();
        assert_eq!(
            out.text,
            "> [!WARNING]\n> Text\n> \n> More\nOut\n> [!NOTE]\n> Folded\n"
        );
        assert_eq!(out.titles, [(0, "Careful".to_string())]);
        assert_eq!(out.shifts[1], (2, 4));
    }

    #[test]
    fn unknown_types_and_unclosed_admonitions_warn_at_their_line() {
        let (out, diags) = run("Text\n:::spoiler\nHidden\n");
        assert!(out.unwrap().text.starts_with("Text\n> [!NOTE]\n> Hidden"));
        let found: Vec<_> = diags.iter().map(|d| (d.pos, d.message.as_str())).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, Pos { line: 5, column: 1 });
        assert!(found[0].1.contains("never closed"));
        assert_eq!(found[1].0, Pos { line: 5, column: 4 });
        assert!(found[1].1.contains("`spoiler`"));
    }

    #[test]
    fn text_without_admonitions_is_left_alone() {
        assert_eq!(run("a ::: b\n\n    :::note\n").0, None);
        // Prose that starts with `???` is not an MkDocs admonition of an unknown type.
        assert_eq!(run("??? what now\n").0, None);
        assert!(!may_hold("plain"));
    }
}
