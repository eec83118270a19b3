//! The directives' grammar, after mdBook: `{{#include path}}`, `{{#rustdoc_include
//! path}}` with their line ranges and anchors, and `\{{#...}}` escapes. Pure text in,
//! places out: reading the files is the expander's business.

use std::ops::Range;

/// Something found in a text.
#[derive(Debug, PartialEq)]
pub(super) struct Found<'t> {
    /// Bytes of the text it spans, braces (and backslash) included.
    pub range: Range<usize>,
    pub what: What<'t>,
}

#[derive(Debug, PartialEq)]
pub(super) enum What<'t> {
    /// `\{{#...}}`: kept as written, without the backslash.
    Escaped,
    Include(Directive<'t>),
    /// One of mdBook's other directives (`playground`, `title`...), kept as text.
    Unsupported(&'t str),
}

#[derive(Debug, PartialEq)]
pub(super) struct Directive<'t> {
    /// `rustdoc_include` rather than `include`.
    pub rustdoc: bool,
    /// What follows the directive's name: `path:10:20`.
    pub spec: &'t str,
    pub path: &'t str,
    pub selection: Result<Selection<'t>, String>,
    /// Words after the path (mdBook's `playground` options), which includes ignore.
    pub extra: Vec<&'t str>,
}

impl Directive<'_> {
    pub(super) fn name(&self) -> &'static str {
        if self.rustdoc {
            "rustdoc_include"
        } else {
            "include"
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Selection<'t> {
    /// From line `first` to line `last` (the end of the file when `None`), counted
    /// from 1, both included.
    Lines {
        first: u32,
        last: Option<u32>,
    },
    Anchor(&'t str),
}

/// Every directive and escape of `text`, in order. As with mdBook, the text is not read
/// as Markdown: a directive in a code fence or a code span is replaced too.
pub(super) fn find(text: &str) -> Vec<Found<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = text[from..].find("{{") {
        let at = from + offset;
        if at > 0 && text.as_bytes()[at - 1] == b'\\' {
            if let Some(end) = escaped_end(text, at) {
                found.push(Found {
                    range: at - 1..end,
                    what: What::Escaped,
                });
                from = end;
                continue;
            }
        } else if let Some((end, what)) = directive(text, at) {
            found.push(Found {
                range: at..end,
                what,
            });
            from = end;
            continue;
        }
        from = at + 1;
    }
    found
}

/// The end of `{{#...}}` escaped at `at`: the first `}}` on the same line.
fn escaped_end(text: &str, at: usize) -> Option<usize> {
    let rest = text[at + 2..].strip_prefix('#')?;
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let close = line.find("}}")?;
    Some(at + 3 + close + 2)
}

/// mdBook's grammar: `{{`, spaces, `#name`, spaces, arguments without `}`, `}}`.
fn directive(text: &str, at: usize) -> Option<(usize, What<'_>)> {
    let after_braces = &text[at + 2..];
    let name_start = after_braces.trim_start().strip_prefix('#')?;
    let name_len = name_start
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(name_start.len());
    let (name, after_name) = name_start.split_at(name_len);
    if name.is_empty() || !after_name.starts_with(char::is_whitespace) {
        return None;
    }
    let close = after_name.find('}')?;
    if !after_name[close..].starts_with("}}") {
        return None;
    }
    let args = &after_name[..close];
    let end = text.len() - after_name.len() + close + 2;
    let rustdoc = match name {
        // `{{ #include }}` with nothing to include is a page naming the syntax (mdBook's
        // own guide does, in inline code): text, as mdBook leaves it.
        "include" | "rustdoc_include" if args.trim().is_empty() => return None,
        "include" => false,
        "rustdoc_include" => true,
        "playground" | "playpen" | "title" | "doc_comment_include" => {
            return Some((end, What::Unsupported(name)));
        }
        // Not mdBook's: `{{#if x}}` in a page about templates is text.
        _ => return None,
    };
    let mut words = args.split_whitespace();
    let spec = words.next().unwrap_or("");
    let (path, range) = match spec.split_once(':') {
        Some((path, range)) => (path, Some(range)),
        None => (spec, None),
    };
    let selection = if path.is_empty() {
        Err("no file named".to_string())
    } else {
        selection(range)
    };
    Some((
        end,
        What::Include(Directive {
            rustdoc,
            spec,
            path,
            selection,
            extra: words.collect(),
        }),
    ))
}

/// What follows the path's `:`, after mdBook: a number starts a range, anything else
/// names an anchor.
fn selection(range: Option<&str>) -> Result<Selection<'_>, String> {
    let whole = Selection::Lines {
        first: 1,
        last: None,
    };
    let Some(range) = range else {
        return Ok(whole);
    };
    let mut parts = range.splitn(3, ':');
    let first = parts.next().unwrap_or("");
    let last = parts.next();
    let number = |s: &str| {
        s.parse::<u32>()
            .map_err(|_| format!("`{s}` is not a line number"))
    };
    let first = if first.is_empty() {
        1
    } else if first.bytes().all(|b| b.is_ascii_digit()) {
        // mdBook reads line 0 as line 1.
        number(first)?.max(1)
    } else {
        return Ok(Selection::Anchor(first));
    };
    let last = match last {
        // `path:10` is one line; `path:` the whole file.
        None if range.is_empty() => None,
        None => Some(first),
        Some("") => None,
        Some(last) => Some(number(last)?),
    };
    if let Some(last) = last
        && last < first
    {
        return Err(format!("line {last} comes before line {first}"));
    }
    Ok(Selection::Lines { first, last })
}
