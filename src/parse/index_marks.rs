//! Index marks: `[escalade]{.index}` and `[P1]{.index key="P1 (priorité)"}` in a
//! paragraph, heading or table cell become `Inline::Indexed` spans, and a page's
//! `index = [...]` terms are checked here too.
//!
//! pulldown-cmark knows no attributes on spans: `[escalade]` without a link definition
//! is text, and so is `{.index}`. The builder notes where each `{.index` starts in the
//! source (text events keep their places), and this pass, run on a whole paragraph's
//! inlines, finds the bracketed span before each one, in the same order, so every
//! warning has its line and column. The markup never reaches the page as text.

use std::collections::{BTreeSet, VecDeque};

use crate::diagnostic::{Diagnostic, Diagnostics};
pub use crate::model::split_reading;
use crate::model::{HeadingIds, IndexMark, Inline, Pos};

use super::heading_id;

/// What opens an index attribute block.
pub const OPENER: &str = "{.index";

/// The hint every malformed reading gets.
const READING_HINT: &str = "write the term, one `|`, then its reading in kana: `優先度|ゆうせんど` (the reading sorts the index and is never shown)";

/// What marking a page needs: its file, the ids taken so far.
pub struct Marker<'a> {
    pub file: &'a str,
    pub diagnostics: &'a Diagnostics,
    pub ids: BTreeSet<String>,
}

impl Marker<'_> {
    /// Turns the marked spans of `list` (a paragraph's inlines) into index marks;
    /// `places` are where the `{.index` openers of the list start, in order.
    pub fn apply(&mut self, list: &mut Vec<Inline>, places: &mut VecDeque<Pos>) {
        let mut i = 0;
        while i < list.len() {
            match &mut list[i] {
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                    self.apply(c, places)
                }
                Inline::Link(link) => self.apply(&mut link.content, places),
                Inline::Indexed(mark) => self.apply(&mut mark.content, places),
                Inline::Text(text) if text.contains(OPENER) => {
                    i = self.split(list, i, places);
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// Handles the first opener in the text at `list[i]`; returns the index to look
    /// at next (the rest of the text, which may hold more).
    fn split(&mut self, list: &mut Vec<Inline>, i: usize, places: &mut VecDeque<Pos>) -> usize {
        let Inline::Text(text) = &list[i] else {
            return i + 1;
        };
        let text = text.clone();
        let at = text.find(OPENER).unwrap_or(0);
        let pos = places.pop_front().unwrap_or_default();
        let Some(close) = text[at..].find('}').map(|c| at + c) else {
            self.warn(
                pos,
                "`{.index` is never closed",
                "close the attributes with `}`: [term]{.index}",
            );
            list[i] = Inline::Text(text.replacen(OPENER, "", 1).into());
            return i;
        };
        let attrs = &text[at + OPENER.len()..close];
        let rest = text[close + 1..].to_string();
        let key = match attribute_key(attrs) {
            Ok(key) => key,
            Err(()) => {
                self.warn(
                    pos,
                    format!("cannot read `{{.index{attrs}}}`"),
                    "the index takes `{.index}` or `{.index key=\"term in the index\"}`",
                );
                None
            }
        };
        let before = &text[..at];
        // The span: from the last `[` before the `]` that ends right before the opener,
        // in this text or an earlier one of the same paragraph.
        let opening = before.strip_suffix(']').and_then(|inner| {
            if let Some(b) = inner.rfind('[') {
                return Some((i, b, inner.to_string()));
            }
            (0..i).rev().find_map(|j| match &list[j] {
                Inline::Text(t) => t.rfind('[').map(|b| (j, b, inner.to_string())),
                _ => None,
            })
        });
        let Some((j, b, tail)) = opening else {
            let what = match i.checked_sub(1).map(|k| &list[k]) {
                Some(Inline::Link(_)) if before.is_empty() => "a link",
                Some(Inline::Image(_)) if before.is_empty() => "an image",
                Some(Inline::Code(_)) if before.is_empty() => "inline code",
                _ => "no span",
            };
            let hint = match what {
                "a link" => {
                    "mark the link's text inside the link: [[escalade]{.index}](escalade.md)"
                }
                "inline code" => "put the code in the brackets: [`P1`]{.index}",
                _ => {
                    "mark a span of text in brackets: [escalade]{.index}; a heading takes `{.index}` after its text; a whole page, `index = [\"term\"]` in its front matter"
                }
            };
            self.warn(
                pos,
                format!("`{{.index}}` marks {what}: nothing is indexed"),
                hint,
            );
            list[i] = Inline::Text(format!("{before}{rest}").into());
            return i;
        };
        // What the span holds: the end of list[j] after `[`, list[j+1..i], the text
        // before `]`.
        let mut content: Vec<Inline> = Vec::new();
        let head;
        if j == i {
            head = tail[..b].to_string();
            push_text(&mut content, &tail[b + 1..]);
        } else {
            let Inline::Text(first) = &list[j] else {
                return i + 1;
            };
            head = first[..b].to_string();
            push_text(&mut content, &first[b + 1..]);
            content.extend(list[j + 1..i].iter().cloned());
            push_text(&mut content, &tail);
        }
        let mut replacement = Vec::new();
        push_text(&mut replacement, &head);
        match self.mark(content.clone(), key, pos) {
            Some(mark) => replacement.push(Inline::Indexed(Box::new(mark))),
            None => replacement.extend(content),
        }
        let before_rest = replacement.len();
        push_text(&mut replacement, &rest);
        // The rest may hold more openers: look at it next, merged or not.
        let next = if replacement.len() > before_rest {
            j + before_rest
        } else {
            j + before_rest.saturating_sub(1)
        };
        list.splice(j..=i, replacement);
        next
    }

    /// The mark for a span (or a heading's text), or `None` (with a warning) when it
    /// names no term.
    pub fn mark(
        &mut self,
        mut content: Vec<Inline>,
        key: Option<String>,
        pos: Pos,
    ) -> Option<IndexMark> {
        let from_text = key.is_none();
        let written = key.unwrap_or_else(|| Inline::plain_text(&content));
        let (term, reading) = self.term(&written, pos)?;
        // A reading written in the span itself is for sorting only: the page shows the term.
        if from_text
            && reading.is_some()
            && let [Inline::Text(text)] = content.as_mut_slice()
            && let Some((shown, _)) = text.split_once('|')
        {
            *text = shown.trim_end().into();
        }
        // ASCII ids (`ix-impact-metier`, `ix-yuusendo` from a reading): an index link
        // is copied and shared as it is.
        let spoken = deunicode::deunicode(reading.as_deref().unwrap_or(&term));
        let base = match heading_id(&spoken, HeadingIds::Ascii) {
            s if s.is_empty() => "ix".to_string(),
            s => format!("ix-{s}"),
        };
        let mut id = base.clone();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        Some(IndexMark {
            term,
            reading,
            content,
            id,
            pos,
        })
    }

    /// A written term (`escalade`, `優先度|ゆうせんど`) checked and split into the
    /// term and its reading; `None` for an empty one.
    pub fn term(&self, written: &str, pos: Pos) -> Option<(String, Option<String>)> {
        let (term, reading) = match split_reading(written) {
            Ok(split) => split,
            Err(crate::model::MalformedReading) => {
                self.warn(
                    pos,
                    format!("cannot read `{written}` as a term and its reading"),
                    READING_HINT,
                );
                let term = written.split('|').next().unwrap_or("").trim().to_string();
                (term, None)
            }
        };
        if term.is_empty() {
            self.warn(
                pos,
                "an index term is empty",
                "put the term in the brackets, [escalade]{.index}, or give it as key=\"escalade\"",
            );
            return None;
        }
        Some((term, reading))
    }

    fn warn(&self, pos: Pos, message: impl Into<String>, hint: &str) {
        self.diagnostics
            .push(Diagnostic::warning(self.file, pos, message.into()).with_hint(hint));
    }
}

/// The `key` of `{.index key="..."}` (what follows `.index`), straight or curly quotes
/// (smart punctuation has turned them already); `Err` for anything else.
fn attribute_key(attrs: &str) -> Result<Option<String>, ()> {
    let attrs = attrs.trim();
    if attrs.is_empty() {
        return Ok(None);
    }
    let value = attrs.strip_prefix("key").ok_or(())?.trim_start();
    let value = value.strip_prefix('=').ok_or(())?.trim();
    let quotes = [('"', '"'), ('“', '”'), ('\'', '\''), ('‘', '’'), ('«', '»')];
    for (open, close) in quotes {
        if let Some(inner) = value.strip_prefix(open).and_then(|v| v.strip_suffix(close)) {
            return Ok(Some(
                inner.trim_matches(['\u{202F}', '\u{A0}', ' ']).to_string(),
            ));
        }
    }
    if !value.is_empty() && !value.contains(char::is_whitespace) {
        return Ok(Some(value.to_string()));
    }
    Err(())
}

fn push_text(list: &mut Vec<Inline>, text: &str) {
    if text.is_empty() {
        return;
    }
    match list.last_mut() {
        Some(Inline::Text(last)) => last.push_str(text),
        _ => list.push(Inline::Text(text.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> (Vec<Inline>, Vec<String>) {
        let diagnostics = Diagnostics::new();
        let mut marker = Marker {
            file: "p.md",
            diagnostics: &diagnostics,
            ids: BTreeSet::new(),
        };
        let mut places: VecDeque<Pos> = text
            .match_indices(OPENER)
            .map(|(i, _)| Pos {
                line: 1,
                column: text[..i].chars().count() as u32 + 1,
            })
            .collect();
        let mut list = vec![Inline::Text(text.into())];
        marker.apply(&mut list, &mut places);
        let messages = diagnostics
            .into_sorted()
            .into_iter()
            .map(|d| format!("{}:{} {}", d.pos.line, d.pos.column, d.message))
            .collect();
        (list, messages)
    }

    fn mark(inline: &Inline) -> &IndexMark {
        match inline {
            Inline::Indexed(mark) => mark,
            other => panic!("not a mark: {other:?}"),
        }
    }

    #[test]
    fn a_bracketed_span_is_marked_and_the_markup_goes() {
        let (list, warnings) = marked("Voir l'[escalade]{.index} ici.");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(list.len(), 3);
        assert_eq!(list[0], Inline::Text("Voir l'".into()));
        let m = mark(&list[1]);
        assert_eq!(m.term, "escalade");
        assert_eq!(m.id, "ix-escalade");
        assert_eq!(m.content, [Inline::Text("escalade".into())]);
        assert_eq!(list[2], Inline::Text(" ici.".into()));
        assert_eq!(Inline::plain_text(&list), "Voir l'escalade ici.");
    }

    #[test]
    fn a_key_names_the_entry_and_a_reading_is_never_shown() {
        let (list, _) =
            marked("[P1]{.index key=“P1 (priorité)”} et [P1]{.index key=\"P1 (priorité)\"}");
        assert_eq!(mark(&list[0]).term, "P1 (priorité)");
        assert_eq!(mark(&list[2]).id, "ix-p1-priorite-2");
        let (list, warnings) = marked("[優先度|ゆうせんど]{.index}を選ぶ");
        assert!(warnings.is_empty(), "{warnings:?}");
        let m = mark(&list[0]);
        assert_eq!(
            (m.term.as_str(), m.reading.as_deref()),
            ("優先度", Some("ゆうせんど"))
        );
        assert_eq!(Inline::plain_text(&list), "優先度を選ぶ");
    }

    #[test]
    fn misplaced_empty_and_malformed_marks_are_located_warnings() {
        let (list, warnings) = marked("Rien {.index} ici, []{.index} et [緊急|kinkyu]{.index}.");
        assert_eq!(
            warnings,
            [
                "1:6 `{.index}` marks no span: nothing is indexed",
                "1:22 an index term is empty",
                "1:45 cannot read `緊急|kinkyu` as a term and its reading",
            ]
        );
        let text = Inline::plain_text(&list);
        assert!(!text.contains("{.index"), "{text}");
        assert_eq!(mark(&list[1]).term, "緊急");
    }

    #[test]
    fn a_span_may_hold_emphasis() {
        let mut list = vec![
            Inline::Text("la [".into()),
            Inline::Emphasis(vec![Inline::Text("follow-the-sun".into())]),
            Inline::Text("]{.index} suit".into()),
        ];
        let diagnostics = Diagnostics::new();
        let mut marker = Marker {
            file: "p.md",
            diagnostics: &diagnostics,
            ids: BTreeSet::new(),
        };
        marker.apply(&mut list, &mut VecDeque::from([Pos::default()]));
        assert_eq!(list.len(), 3, "{list:?}");
        assert_eq!(mark(&list[1]).term, "follow-the-sun");
        assert_eq!(list[2], Inline::Text(" suit".into()));
    }

    /// Marks as (term, id, line, column).
    type Marks = Vec<(String, String, u32, u32)>;

    /// The marks of a Markdown body, and its warnings.
    fn parsed(body: &str) -> (Marks, Vec<String>) {
        fn walk(list: &[Inline], out: &mut Vec<(String, String, u32, u32)>) {
            for inline in list {
                match inline {
                    Inline::Indexed(m) => {
                        out.push((m.term.clone(), m.id.clone(), m.pos.line, m.pos.column))
                    }
                    Inline::Strong(c) | Inline::Emphasis(c) => walk(c, out),
                    Inline::Link(link) => walk(&link.content, out),
                    _ => {}
                }
            }
        }
        fn blocks(list: &[crate::model::Block], out: &mut Vec<(String, String, u32, u32)>) {
            use crate::model::Block;
            for block in list {
                match block {
                    Block::Heading { content, .. } | Block::Paragraph(content) => {
                        walk(content, out)
                    }
                    Block::List { items, .. } => items.iter().for_each(|i| blocks(&i.blocks, out)),
                    Block::Table(t) => t.rows.iter().flatten().for_each(|c| walk(c, out)),
                    _ => {}
                }
            }
        }
        let diagnostics = Diagnostics::new();
        let body = super::super::markdown::parse("p.md", body, 0, &diagnostics);
        let mut out = Vec::new();
        blocks(&body.blocks, &mut out);
        let warnings = diagnostics
            .into_sorted()
            .into_iter()
            .map(|d| format!("{}:{} {}", d.pos.line, d.pos.column, d.message))
            .collect();
        (out, warnings)
    }

    #[test]
    fn marks_in_headings_lists_and_tables_keep_their_places() {
        let body = "## Escalade {.index}\n\nVoir [[l'escalade]{.index}](escalade.md).\n\n## Suivi ou [fuseau horaire]{.index}\n\n- **Les [journaux]{.index}**\n- rien\n\n| a |\n|---|\n| [**P1**]{.index} |\n\nEt {.index} seul.\n";
        let (marks, warnings) = parsed(body);
        let terms: Vec<&str> = marks.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(
            terms,
            ["Escalade", "l’escalade", "fuseau horaire", "journaux", "P1"]
        );
        assert_eq!((marks[3].2, marks[3].3), (7, 19));
        assert_eq!((marks[4].2, marks[4].3), (12, 11));
        assert_eq!(
            warnings,
            ["14:4 `{.index}` marks no span: nothing is indexed"]
        );
    }

    #[test]
    fn readings_are_kana() {
        assert_eq!(
            split_reading("緊急度|きんきゅうど"),
            Ok(("緊急度".into(), Some("きんきゅうど".into())))
        );
        assert_eq!(split_reading("escalade"), Ok(("escalade".into(), None)));
        assert!(split_reading("a|b|c").is_err());
        assert!(split_reading("|かな").is_err());
        assert!(split_reading("漢字|").is_err());
    }
}
