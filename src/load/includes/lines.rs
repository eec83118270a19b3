//! The lines a directive selects from a file: a range, or the lines an anchor marks;
//! for `rustdoc_include`, without rustdoc's hidden lines.

use std::borrow::Cow;

use super::directive::Selection;

/// The lines a selection keeps, with their line numbers.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Selected {
    /// The lines joined by `\n`, without a final one (the directive's own line ends).
    pub text: String,
    pub lines: Vec<u32>,
    /// A range that starts after the file's last line: the file's line count.
    pub past_end: Option<usize>,
}

#[derive(Debug, PartialEq)]
pub(super) enum Unselected {
    /// The anchor is not in the file, which has these.
    NoAnchor { anchors: Vec<String> },
}

pub(super) fn select(
    text: &str,
    selection: &Selection,
    rustdoc: bool,
) -> Result<Selected, Unselected> {
    let mut selected = Selected::default();
    let mut keep = |number: usize, line: &str| {
        let line = if rustdoc {
            match shown_rustdoc_line(line) {
                Some(line) => line,
                None => return,
            }
        } else {
            Cow::Borrowed(line)
        };
        if !selected.lines.is_empty() {
            selected.text.push('\n');
        }
        selected.text.push_str(&line);
        selected.lines.push(number as u32 + 1);
    };
    match selection {
        Selection::Lines { first, last } => {
            let first = *first as usize;
            let mut count = 0;
            for (index, line) in text.lines().enumerate() {
                count = index + 1;
                if count >= first && last.is_none_or(|last| count <= last as usize) {
                    keep(index, line);
                }
            }
            // An empty file included whole is no mistake.
            if first > count.max(1) {
                selected.past_end = Some(count);
            }
        }
        Selection::Anchor(anchor) => {
            let mut inside = false;
            let mut found = false;
            for (index, line) in text.lines().enumerate() {
                if inside {
                    if let Some(name) = anchor_mark(line, "ANCHOR_END:") {
                        if name == *anchor {
                            inside = false;
                            // rustdoc_include shows every part the anchor marks, as
                            // mdBook does (it hides the lines between them).
                            if !rustdoc {
                                break;
                            }
                        }
                    } else if anchor_mark(line, "ANCHOR:").is_none() {
                        keep(index, line);
                    }
                } else if anchor_mark(line, "ANCHOR:") == Some(anchor) {
                    inside = true;
                    found = true;
                }
            }
            if !found {
                let mut anchors: Vec<String> = Vec::new();
                for line in text.lines() {
                    if let Some(name) = anchor_mark(line, "ANCHOR:")
                        && !anchors.iter().any(|a| a == name)
                    {
                        anchors.push(name.to_string());
                    }
                }
                return Err(Unselected::NoAnchor { anchors });
            }
            // An anchor without its `ANCHOR_END` runs to the end of the file, as in
            // mdBook: books such as Comprehensive Rust rely on it for a last section.
        }
    }
    Ok(selected)
}

/// The anchor named after `mark` (`ANCHOR:` or `ANCHOR_END:`) on `line`, in whatever
/// comment it sits.
fn anchor_mark<'l>(line: &'l str, mark: &str) -> Option<&'l str> {
    line.match_indices(mark).find_map(|(at, _)| {
        let rest = line[at + mark.len()..].trim_start();
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        (len > 0).then(|| &rest[..len])
    })
}

/// A line as rustdoc shows it: `None` when hidden (`# ...` or a lone `#`), `##...`
/// unescaped to `#...`.
fn shown_rustdoc_line(line: &str) -> Option<Cow<'_, str>> {
    let code = line.trim_start();
    if code == "#" || code.starts_with("# ") {
        return None;
    }
    if code.starts_with("##") {
        let indent = line.len() - code.len();
        return Some(Cow::Owned(format!("{}{}", &line[..indent], &code[1..])));
    }
    Some(Cow::Borrowed(line))
}
