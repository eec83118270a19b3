//! mdBook's `{{#name args}}` directives in a page's raw text, as the import needs them:
//! the files `{{#include}}` reaches (to copy those outside the book's `src/` and point
//! the directive at the copy) and the directives Folio does not carry, by line.
//!
//! As in mdBook, the text is not read as Markdown (a directive inside a code fence
//! counts too) and `\{{#...}}` is an escape, not a directive.

use std::ops::Range;

/// One directive: its name, its arguments and where they are.
#[derive(Debug, PartialEq, Eq)]
pub struct Directive<'t> {
    pub name: &'t str,
    /// The arguments, trimmed (`../listings/a.rs:anchor`); empty when there are none.
    pub args: &'t str,
    /// Where `args` is in the text.
    pub args_range: Range<usize>,
    /// 1-based.
    pub line: u32,
}

impl Directive<'_> {
    /// For `include` and `rustdoc_include`: the file's path as written (before any
    /// `:anchor` or `:lines` part) and its place in the text.
    pub fn include_path(&self) -> Option<(&str, Range<usize>)> {
        if !matches!(self.name, "include" | "rustdoc_include") {
            return None;
        }
        let word = self.args.split_whitespace().next()?;
        let path = word.split(':').next().unwrap_or(word);
        let start = self.args_range.start;
        (!path.is_empty()).then(|| (path, start..start + path.len()))
    }
}

/// Every directive of `text`, in order.
pub fn find(text: &str) -> Vec<Directive<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = text[from..].find("{{") {
        let at = from + offset;
        from = at + 2;
        if at > 0 && text.as_bytes()[at - 1] == b'\\' {
            continue;
        }
        let Some(directive) = directive_at(text, at) else {
            continue;
        };
        from = directive.args_range.end;
        found.push(directive);
    }
    found
}

/// `{{`, spaces, `#name`, then arguments up to `}}` on the same line.
fn directive_at(text: &str, at: usize) -> Option<Directive<'_>> {
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let inside = &text[at + 2..line_end];
    let close = inside.find("}}")?;
    let inside = &inside[..close];
    let hash = inside.len() - inside.trim_start().len();
    let rest = inside[hash..].strip_prefix('#')?;
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let name = &rest[..name_len];
    let after = &rest[name_len..];
    if name.is_empty() || !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let args = after.trim();
    let args_start = if args.is_empty() {
        at + 2 + close
    } else {
        at + 2 + hash + 1 + name_len + (after.len() - after.trim_start().len())
    };
    Some(Directive {
        name,
        args,
        args_range: args_start..args_start + args.len(),
        line: text[..at].matches('\n').count() as u32 + 1,
    })
}

/// The line of the first fenced code block in Rust (which mdBook makes runnable), if any.
pub fn first_rust_fence(text: &str) -> Option<u32> {
    text.lines().enumerate().find_map(|(i, line)| {
        let fence = line.trim_start();
        let info = fence
            .strip_prefix("```")
            .or_else(|| fence.strip_prefix("~~~"))?
            .trim_start_matches(['`', '~']);
        let runnable = info.starts_with("rust") && !info.contains("noplayground");
        (runnable && line.len() - fence.len() < 4).then_some(i as u32 + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_with_and_without_arguments() {
        let text = "# T\n{{#title Other title}}\n\n```rust\n{{ #include ../../listings/a.rs:setup }}\n```\n\\{{#include escaped.rs}} {{#if x}} {{#playground x.rs editable}}\n";
        let found = find(text);
        let summary: Vec<(&str, &str, u32)> =
            found.iter().map(|d| (d.name, d.args, d.line)).collect();
        assert_eq!(
            summary,
            [
                ("title", "Other title", 2),
                ("include", "../../listings/a.rs:setup", 5),
                ("if", "x", 7),
                ("playground", "x.rs editable", 7),
            ]
        );
        let (path, range) = found[1].include_path().unwrap();
        assert_eq!(path, "../../listings/a.rs");
        assert_eq!(&text[range], "../../listings/a.rs");
        assert_eq!(found[0].include_path(), None);
        assert_eq!(find("{{#title}}")[0].args, "");
    }

    #[test]
    fn rust_fences_are_found_by_line() {
        assert_eq!(
            first_rust_fence("a\n```text\nx\n```\n\n```rust,editable\nfn main() {}\n```\n"),
            Some(6)
        );
        assert_eq!(first_rust_fence("```rust,noplayground\n```\n"), None);
        assert_eq!(first_rust_fence("    ```rust\n"), None);
    }
}
