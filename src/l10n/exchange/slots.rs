//! Where the translatable text of a block sits in the Markdown: the heading's text
//! without its `#`s and `{#id}`, an item without its marker, a quote without its
//! `>`s and callout marker, each cell of a table row. An export reads a slot's text
//! (soft line breaks joined, so re-wrapping changes nothing); an import writes the
//! translation over the slot's bytes and leaves the rest of the page as it is.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::l10n::blocks::{self, Block};

/// The translatable text of a block, or of one table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Bytes of the body to replace.
    pub range: Range<usize>,
    /// The text as a unit shows it: lines of a paragraph joined by spaces,
    /// paragraphs apart by a blank line.
    pub text: String,
    /// What each written line after the first starts with (`> ` in a quote, the
    /// marker's width in spaces in a list item).
    pub continuation: String,
    /// A heading or a table cell holds one line.
    pub single_line: bool,
    /// A table cell: `|` in the translation must be escaped.
    pub cell: bool,
}

/// A block with its slots.
#[derive(Debug, Clone)]
pub struct BlockSlots {
    pub block: Block,
    /// Empty for blocks that are not units (code, tree embeds, raw HTML); an error
    /// saying why for a block too complex to be one (a list item holding a code block).
    pub slots: Result<Vec<Slot>, &'static str>,
    /// Heading level for a heading.
    pub level: usize,
}

/// The blocks of a body with their slots.
pub fn of(body: &str) -> Vec<BlockSlots> {
    blocks::blocks(body)
        .into_iter()
        .map(|block| {
            let (slots, level) = slots(body, &block);
            BlockSlots {
                block,
                slots,
                level,
            }
        })
        .collect()
}

fn slots(body: &str, block: &Block) -> (Result<Vec<Slot>, &'static str>, usize) {
    let range = trimmed(body, block.range.clone());
    match block.kind {
        "heading" => heading(body, range),
        "paragraph" => (
            Ok(prose(body, range, "", Strip::Indent, false)
                .into_iter()
                .collect()),
            0,
        ),
        "item" => (item(body, range), 0),
        "quote" => (quote(body, range), 0),
        "footnote" => (footnote(body, range), 0),
        "row" => (Ok(cells(body, range)), 0),
        _ => (Ok(Vec::new()), 0),
    }
}

/// The range without the blank space around it.
fn trimmed(body: &str, range: Range<usize>) -> Range<usize> {
    let text = &body[range.clone()];
    let start = range.start + (text.len() - text.trim_start().len());
    let end = range.start + text.trim_end().len();
    start..end.max(start)
}

/// What continuation lines of a slot start with in the Markdown, taken off to read
/// the text.
#[derive(Clone, Copy)]
enum Strip {
    Indent,
    Quote,
}

/// A prose slot from `start` to the range's end; `None` when it is empty.
fn prose(
    body: &str,
    range: Range<usize>,
    continuation: &str,
    strip: Strip,
    single_line: bool,
) -> Option<Slot> {
    let raw = &body[range.clone()];
    let mut paragraphs: Vec<String> = vec![String::new()];
    for line in raw.split('\n') {
        let line = match strip {
            Strip::Indent => line.trim_start(),
            Strip::Quote => {
                let rest = line.trim_start();
                rest.strip_prefix('>')
                    .map(|r| r.strip_prefix(' ').unwrap_or(r))
                    .unwrap_or(rest)
            }
        };
        let current = paragraphs.last_mut().expect("one paragraph");
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(String::new());
            }
            continue;
        }
        // A hard break (two spaces or a backslash at the end) stays a line break.
        if !current.is_empty() && !current.ends_with('\n') {
            current.push(' ');
        }
        let hard = line.ends_with("  ") || line.ends_with('\\');
        if line.ends_with('\\') {
            current.push_str(line);
            current.push('\n');
        } else if hard {
            current.push_str(line.trim_end());
            current.push_str("  \n");
        } else {
            current.push_str(line.trim_end());
        }
    }
    let text = paragraphs
        .iter()
        .map(|p| p.trim_end_matches(['\n', ' ', '\\']).to_string())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    // A hard break at the very end is no break: put back what was taken.
    let text = if raw.trim_end().ends_with('\\') && !text.ends_with('\\') {
        text + "\\"
    } else {
        text
    };
    (!text.is_empty()).then(|| Slot {
        range,
        text,
        continuation: continuation.to_string(),
        single_line,
        cell: false,
    })
}

fn heading(body: &str, range: Range<usize>) -> (Result<Vec<Slot>, &'static str>, usize) {
    let raw = &body[range.clone()];
    let line_end = raw.find('\n').unwrap_or(raw.len());
    let first = &raw[..line_end];
    let indent = first.len() - first.trim_start().len();
    let hashes = first[indent..].bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 {
        // Setext: the text above the underline.
        let level = if raw.trim_end().ends_with('=') { 1 } else { 2 };
        let text_end = raw.trim_end().rfind('\n').unwrap_or(0);
        let text = trimmed(body, range.start..range.start + text_end);
        return (
            Ok(prose(body, text, "", Strip::Indent, false)
                .into_iter()
                .collect()),
            level,
        );
    }
    let mut start = indent + hashes;
    start += first[start..].len() - first[start..].trim_start().len();
    let mut end = first.trim_end().len();
    // `{#id .class}` at the end stays where it is (after a space: `[term]{.index}`
    // is an index mark of the text).
    if first[..end].ends_with('}')
        && let Some(open) = first[start..end].rfind('{')
        && (open == 0 || first[start..start + open].ends_with([' ', '\t']))
    {
        end = start + open;
        end = start + first[start..end].trim_end().len();
    }
    // Closing `#`s, when a space parts them from the text.
    let without = first[start..end].trim_end_matches('#');
    if without.len() < end - start && (without.is_empty() || without.ends_with(' ')) {
        end = start + without.trim_end().len();
    }
    let slot = (end > start).then(|| Slot {
        range: range.start + start..range.start + end,
        text: first[start..end].to_string(),
        continuation: String::new(),
        single_line: true,
        cell: false,
    });
    (Ok(slot.into_iter().collect()), hashes)
}

/// A list item: the text after its marker (and task box).
fn item(body: &str, range: Range<usize>) -> Result<Vec<Slot>, &'static str> {
    let raw = &body[range.clone()];
    let bytes = raw.as_bytes();
    let mut at = raw.len() - raw.trim_start().len();
    let marker_start = at;
    if matches!(bytes.get(at), Some(b'-' | b'*' | b'+')) {
        at += 1;
    } else {
        let digits = raw[at..].bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || !matches!(bytes.get(at + digits), Some(b'.' | b')')) {
            return Err("a list item whose marker was not understood");
        }
        at += digits + 1;
    }
    let after_marker = at;
    at += raw[at..].len() - raw[at..].trim_start_matches([' ', '\t']).len();
    let width = if at == after_marker || at - after_marker > 4 {
        after_marker - marker_start + 1
    } else {
        at - marker_start
    };
    for task in ["[ ] ", "[x] ", "[X] "] {
        if raw[at..].starts_with(task) {
            at += task.len();
            at += raw[at..].len() - raw[at..].trim_start_matches(' ').len();
        }
    }
    inner_prose(
        body,
        range.start + at..range.end,
        &" ".repeat(width),
        Strip::Indent,
    )
}

/// A quote: its text without the `>`s and a callout's `[!NOTE]` line.
fn quote(body: &str, range: Range<usize>) -> Result<Vec<Slot>, &'static str> {
    let raw = &body[range.clone()];
    let mut at = 0;
    let mut first = true;
    loop {
        let line_end = raw[at..].find('\n').map_or(raw.len(), |e| at + e);
        let line = &raw[at..line_end];
        let after = line.trim_start();
        let Some(rest) = after.strip_prefix('>') else {
            break;
        };
        let content_at = line_end - rest.len() + usize::from(rest.starts_with(' '));
        let content = rest.trim();
        let callout = first && content.starts_with("[!") && content.ends_with(']');
        if !content.is_empty() && !callout {
            at = content_at;
            break;
        }
        first = false;
        if line_end >= raw.len() {
            return Ok(Vec::new());
        }
        at = line_end + 1;
    }
    inner_prose(body, range.start + at..range.end, "> ", Strip::Quote)
}

/// A footnote's definition: the text after `[^label]:`.
fn footnote(body: &str, range: Range<usize>) -> Result<Vec<Slot>, &'static str> {
    let raw = &body[range.clone()];
    let Some(colon) = raw.find("]:") else {
        return Err("a footnote definition that was not understood");
    };
    let mut at = colon + 2;
    at += raw[at..].len() - raw[at..].trim_start_matches([' ', '\t']).len();
    inner_prose(body, range.start + at..range.end, "    ", Strip::Indent)
}

/// The prose inside a container; an error when it holds more than paragraphs.
fn inner_prose(
    body: &str,
    range: Range<usize>,
    continuation: &str,
    strip: Strip,
) -> Result<Vec<Slot>, &'static str> {
    // Blocks inside show in the lines without their container's prefix.
    let lines: Vec<&str> = body[range.clone()]
        .split('\n')
        .enumerate()
        .map(|(i, line)| match strip {
            _ if i == 0 => line,
            Strip::Quote => {
                let rest = line.trim_start();
                rest.strip_prefix('>')
                    .map_or(rest, |r| r.strip_prefix(' ').unwrap_or(r))
            }
            Strip::Indent => {
                let indent = line.len() - line.trim_start_matches(' ').len();
                &line[indent.min(continuation.len())..]
            }
        })
        .collect();
    let inner = lines.join("\n");
    let Some(slot) = prose(body, range, continuation, strip, false) else {
        return Ok(Vec::new());
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_GFM;
    for event in Parser::new_ext(&inner, options) {
        if let Event::Start(tag) = event
            && matches!(
                tag,
                Tag::List(_)
                    | Tag::CodeBlock(_)
                    | Tag::BlockQuote(_)
                    | Tag::Table(_)
                    | Tag::HtmlBlock
                    | Tag::Heading { .. }
                    | Tag::FootnoteDefinition(_)
            )
        {
            return Err("a block holding a list, code, quote, table or raw HTML");
        }
    }
    Ok(vec![slot])
}

/// The cells of a table row, each a slot; the delimiter row has none.
fn cells(body: &str, range: Range<usize>) -> Vec<Slot> {
    let raw = &body[range.clone()];
    let line = &raw[..raw.find('\n').unwrap_or(raw.len())];
    let mut bounds = Vec::new();
    let (mut escaped, mut ticks) = (false, 0usize);
    let mut run = 0usize;
    for (i, b) in line.bytes().enumerate() {
        if b == b'`' {
            run += 1;
            continue;
        }
        if run > 0 {
            // A run of backticks opens a code span or closes the one it matches.
            ticks = if ticks == 0 {
                run
            } else if ticks == run {
                0
            } else {
                ticks
            };
            run = 0;
        }
        if escaped {
            escaped = false;
        } else if b == b'\\' {
            escaped = true;
        } else if b == b'|' && ticks == 0 {
            bounds.push(i);
        }
    }
    let mut edges = vec![0];
    edges.extend(bounds.iter().flat_map(|&b| [b, b + 1]));
    edges.push(line.len());
    let mut out = Vec::new();
    for pair in edges.chunks(2) {
        let cell = trimmed(body, range.start + pair[0]..range.start + pair[1]);
        let text = &body[cell.clone()];
        if text.is_empty() || text.bytes().all(|b| matches!(b, b'-' | b':' | b' ')) {
            continue;
        }
        out.push(Slot {
            range: cell,
            text: text.to_string(),
            continuation: String::new(),
            single_line: true,
            cell: true,
        });
    }
    out
}

/// The Markdown to write over a slot: continuation lines get their prefix back.
pub fn written(slot: &Slot, translation: &str) -> String {
    let mut text = translation.trim().to_string();
    if slot.single_line {
        text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    if slot.cell {
        let mut escaped = String::with_capacity(text.len());
        let mut backslash = false;
        for c in text.chars() {
            if c == '|' && !backslash {
                escaped.push('\\');
            }
            backslash = c == '\\' && !backslash;
            escaped.push(c);
        }
        text = escaped;
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if line.is_empty() {
                out.push_str(slot.continuation.trim_end());
            } else {
                out.push_str(&slot.continuation);
            }
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<Vec<String>> {
        of(body)
            .into_iter()
            .map(|b| {
                b.slots
                    .unwrap_or_default()
                    .into_iter()
                    .map(|s| s.text)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn each_block_shows_its_text_without_its_syntax() {
        let body = "# Titre {#t}\n\nUn paragraphe\nsur deux lignes.\n\n- un\n- [x] fait\n  encore\n\n12. douze\n\n> [!NOTE]\n> cité\n> encore\n\n| a | b `x\\|y` |\n|---|---|\n| 1 |  |\n\n```sh\nls\n```\n\n## Fin ##\n";
        assert_eq!(
            texts(body),
            [
                vec!["Titre".to_string()],
                vec!["Un paragraphe sur deux lignes.".into()],
                vec!["un".into()],
                vec!["fait encore".into()],
                vec!["douze".into()],
                vec!["cité encore".into()],
                vec!["a".into(), "b `x\\|y`".into()],
                vec!["1".into()],
                vec![],
                vec!["Fin".into()],
            ]
        );
    }

    #[test]
    fn translations_go_over_the_slots_only() {
        let body = "## Quand ? {#quand}\n\n> [!NOTE]\n> un\n> deux\n\n- item\n  suite\n";
        let mut out = body.to_string();
        let blocks = of(body);
        for (block, translation) in blocks
            .iter()
            .zip(["When?", "one\n\ntwo", "an item that | wraps"])
            .rev()
        {
            let slot = &block.slots.as_ref().unwrap()[0];
            out.replace_range(slot.range.clone(), &written(slot, translation));
        }
        assert_eq!(
            out,
            "## When? {#quand}\n\n> [!NOTE]\n> one\n>\n> two\n\n- an item that | wraps\n"
        );
    }

    #[test]
    fn containers_with_blocks_inside_are_no_units() {
        let body = "- un\n\n  ```sh\n  ls\n  ```\n";
        assert!(of(body)[0].slots.is_err());
    }
}
