//! A unit's text as runs of prose and inline codes, for XLIFF's `<ph>` and `<pc>`:
//! a link's `[`...`](url)`, emphasis, strikethrough and index marks
//! (`[`...`]{.index}`) enclose prose; code spans, images' targets, raw HTML, footnote
//! references, attribute blocks, entities, bare URLs and Fluent placeables stand
//! alone. The codes hold the Markdown as written, so putting the pieces back
//! together gives the text byte for byte.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// A code standing alone.
    Ph(String),
    /// A code around prose: its opening and closing Markdown.
    Pc {
        open: String,
        close: String,
        inner: Vec<Piece>,
    },
}

/// The pieces back as text.
pub fn flatten(pieces: &[Piece]) -> String {
    let mut out = String::new();
    fn put(out: &mut String, pieces: &[Piece]) {
        for piece in pieces {
            match piece {
                Piece::Text(t) | Piece::Ph(t) => out.push_str(t),
                Piece::Pc { open, close, inner } => {
                    out.push_str(open);
                    put(out, inner);
                    out.push_str(close);
                }
            }
        }
    }
    put(&mut out, pieces);
    out
}

/// The words of Markdown inline text, for a heading path: the prose, link texts
/// and code spans, without the markup.
pub fn plain(text: &str) -> String {
    fn put(out: &mut String, pieces: &[Piece]) {
        for piece in pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Ph(code) if code.starts_with('`') => out.push_str(code.trim_matches('`')),
                Piece::Ph(_) => {}
                Piece::Pc { inner, .. } => put(out, inner),
            }
        }
    }
    let mut out = String::new();
    put(&mut out, &markdown(text));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown inline text as pieces; the whole text as prose when it cannot be split
/// faithfully.
pub fn markdown(text: &str) -> Vec<Piece> {
    let pieces = tree(text)
        .map(|nodes| emit(text, &nodes, 0..text.len()))
        .filter(|pieces| flatten(pieces) == text);
    match pieces {
        Some(pieces) => with_marks(merge(pieces)),
        None => with_marks(vec![Piece::Text(text.to_string())]),
    }
}

/// A Fluent pattern as pieces: each placeable (`{ ... }`, select expressions
/// whole) is a code.
pub fn fluent(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let (mut start, mut quoted) = (0, false);
    for (i, c) in text.char_indices() {
        match c {
            '"' if depth > 0 => quoted = !quoted,
            '{' if !quoted => {
                if depth == 0 {
                    if i > start {
                        out.push(Piece::Text(text[start..i].to_string()));
                    }
                    start = i;
                }
                depth += 1;
            }
            '}' if !quoted && depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(Piece::Ph(text[start..=i].to_string()));
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    if start < text.len() {
        let rest = text[start..].to_string();
        // An unclosed placeable stays a code: translating inside it breaks it.
        out.push(if depth > 0 {
            Piece::Ph(rest)
        } else {
            Piece::Text(rest)
        });
    }
    out
}

struct Node {
    range: Range<usize>,
    kind: NodeKind,
    children: Vec<Node>,
}

#[derive(PartialEq)]
enum NodeKind {
    /// A paragraph: its children only.
    Transparent,
    Container,
    Text,
    Atom,
}

/// The inline events of `text` as a tree; `None` when it holds blocks other than
/// paragraphs (a unit's text starting with `# ` or `- ` reads as such alone).
fn tree(text: &str) -> Option<Vec<Node>> {
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_GFM;
    let mut stack: Vec<Node> = vec![Node {
        range: 0..text.len(),
        kind: NodeKind::Transparent,
        children: Vec::new(),
    }];
    // Inside an atom's tags (an autolink's text), events are skipped.
    let mut skipping = 0usize;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        if skipping > 0 {
            match event {
                Event::Start(_) => skipping += 1,
                Event::End(_) => skipping -= 1,
                _ => {}
            }
            if skipping == 0 {
                let node = Node {
                    range,
                    kind: NodeKind::Atom,
                    children: Vec::new(),
                };
                stack.last_mut()?.children.push(node);
            }
            continue;
        }
        let leaf = |kind| Node {
            range: range.clone(),
            kind,
            children: Vec::new(),
        };
        match event {
            Event::Start(Tag::Paragraph) => stack.push(leaf(NodeKind::Transparent)),
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => skipping = 1,
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. },
            ) => stack.push(leaf(NodeKind::Container)),
            Event::Start(_) => return None,
            Event::End(_) => {
                let node = stack.pop()?;
                stack.last_mut()?.children.push(node);
            }
            Event::Text(_) | Event::SoftBreak => {
                stack.last_mut()?.children.push(leaf(NodeKind::Text))
            }
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::Html(_)
            | Event::HardBreak
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::TaskListMarker(_) => stack.last_mut()?.children.push(leaf(NodeKind::Atom)),
            Event::Rule => return None,
        }
    }
    (stack.len() == 1).then(|| stack.pop().map(|n| n.children))?
}

fn emit(text: &str, nodes: &[Node], within: Range<usize>) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut cursor = within.start;
    for node in nodes {
        let range = node.range.start.max(cursor)..node.range.end.min(within.end).max(cursor);
        if range.start > cursor {
            out.push(Piece::Text(text[cursor..range.start].to_string()));
        }
        match node.kind {
            NodeKind::Transparent => out.extend(emit(text, &node.children, range.clone())),
            NodeKind::Text => out.push(Piece::Text(text[range.clone()].to_string())),
            NodeKind::Atom => out.push(Piece::Ph(text[range.clone()].to_string())),
            NodeKind::Container => match (node.children.first(), node.children.last()) {
                (Some(first), Some(last))
                    if first.range.start >= range.start && last.range.end <= range.end =>
                {
                    out.push(Piece::Pc {
                        open: text[range.start..first.range.start].to_string(),
                        close: text[last.range.end..range.end].to_string(),
                        inner: emit(text, &node.children, first.range.start..last.range.end),
                    });
                }
                _ => out.push(Piece::Ph(text[range.clone()].to_string())),
            },
        }
        cursor = range.end;
    }
    if cursor < within.end {
        out.push(Piece::Text(text[cursor..within.end].to_string()));
    }
    out
}

/// Adjacent prose runs as one.
fn merge(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for piece in pieces {
        let piece = match piece {
            Piece::Pc { open, close, inner } => Piece::Pc {
                open,
                close,
                inner: merge(inner),
            },
            other => other,
        };
        if let (Some(Piece::Text(last)), Piece::Text(next)) = (out.last_mut(), &piece) {
            last.push_str(next);
        } else if !matches!(&piece, Piece::Text(t) if t.is_empty()) {
            out.push(piece);
        }
    }
    out
}

/// Prose runs with Folio's marks and what must not be translated taken out:
/// `[term]{.index}` encloses its term; `{#id .class}`, `&entities;` and bare URLs
/// stand alone.
fn with_marks(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.extend(marks(&text)),
            Piece::Pc { open, close, inner } => out.push(Piece::Pc {
                open,
                close,
                inner: with_marks(inner),
            }),
            ph => out.push(ph),
        }
    }
    out
}

fn marks(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut prose = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let found: Option<(usize, Piece)> = match bytes[i] {
            b'[' => text[i + 1..].find(']').and_then(|close| {
                let close = i + 1 + close;
                let term = &text[i + 1..close];
                let attrs = attributes(&text[close + 1..])?;
                (!term.contains('[')).then(|| {
                    let end = close + 1 + attrs;
                    let piece = Piece::Pc {
                        open: "[".into(),
                        close: text[close..end].to_string(),
                        inner: vec![Piece::Text(term.to_string())],
                    };
                    (end, piece)
                })
            }),
            b'{' => attributes(&text[i..]).map(|len| (i + len, Piece::Ph(text[i..i + len].into()))),
            b'&' => {
                let name = text[i + 1..]
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
                    .count();
                (name > 0 && text[i + 1 + name..].starts_with(';'))
                    .then(|| (i + name + 2, Piece::Ph(text[i..i + name + 2].into())))
            }
            b'h' if text[i..].starts_with("https://") || text[i..].starts_with("http://") => {
                let len = text[i..]
                    .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"'))
                    .unwrap_or(text.len() - i);
                let len = text[i..i + len]
                    .trim_end_matches(['.', ',', ';', ':'])
                    .len();
                Some((i + len, Piece::Ph(text[i..i + len].into())))
            }
            _ => None,
        };
        match found {
            Some((end, piece)) => {
                if i > prose {
                    out.push(Piece::Text(text[prose..i].to_string()));
                }
                out.push(piece);
                i = end;
                prose = end;
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if prose < text.len() {
        out.push(Piece::Text(text[prose..].to_string()));
    }
    out
}

/// The length of an attribute block (`{.index key="x"}`, `{#id}`) at the start.
fn attributes(text: &str) -> Option<usize> {
    let rest = text.strip_prefix('{')?;
    if !rest.starts_with(['.', '#']) {
        return None;
    }
    let end = rest.find('}')?;
    (!rest[..end].contains(['{', '\n'])).then_some(end + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ph(s: &str) -> Piece {
        Piece::Ph(s.into())
    }
    fn text(s: &str) -> Piece {
        Piece::Text(s.into())
    }

    #[test]
    fn markdown_codes_hold_the_markup() {
        let source =
            "Voir **la [page](a.md#x)** et `ls`, l'[escalade]{.index} &amp; https://example.com.";
        let pieces = markdown(source);
        assert_eq!(flatten(&pieces), source);
        assert_eq!(
            pieces,
            [
                text("Voir "),
                Piece::Pc {
                    open: "**".into(),
                    close: "**".into(),
                    inner: vec![
                        text("la "),
                        Piece::Pc {
                            open: "[".into(),
                            close: "](a.md#x)".into(),
                            inner: vec![text("page")]
                        }
                    ]
                },
                text(" et "),
                ph("`ls`"),
                text(", l'"),
                Piece::Pc {
                    open: "[".into(),
                    close: "]{.index}".into(),
                    inner: vec![text("escalade")]
                },
                text(" "),
                ph("&amp;"),
                text(" "),
                ph("https://example.com"),
                text("."),
            ]
        );
    }

    #[test]
    fn plain_words_for_heading_paths() {
        assert_eq!(
            plain("[Suivi continu]{.index key=\"x\"} ou `curl` {#id}"),
            "Suivi continu ou curl"
        );
    }

    #[test]
    fn odd_text_round_trips() {
        for source in [
            "# pas un titre",
            "- pas une liste",
            "a\\*b* [x] <b>gras</b> ![alt](i.png) <https://x.y> [^1] `a``b",
            "[**P1**]{.index} ~~barré~~ {#id}",
            "",
        ] {
            assert_eq!(flatten(&markdown(source)), source, "{source}");
        }
    }

    #[test]
    fn fluent_placeables_are_codes() {
        let pieces = fluent("Page { $n } sur { $total ->\n  *[other] { $total }\n} \"{\"");
        assert_eq!(
            pieces,
            [
                text("Page "),
                ph("{ $n }"),
                text(" sur "),
                ph("{ $total ->\n  *[other] { $total }\n}"),
                text(" \""),
                ph("{\"")
            ]
        );
    }
}
