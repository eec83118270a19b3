//! Typography per language, applied to the model's text after parsing.
//!
//! French sets a narrow no-break space (U+202F) before `; ! ?` and inside « », and a
//! no-break space (U+00A0) before `:`. Only text nodes change: code, URLs and
//! attributes live in other fields of the model and are never touched, and a colon
//! between digits (10:30) or before `/` (https://) is left alone.

use std::borrow::Cow;

use crate::model::{Block, Inline, Page, Table};

const NNBSP: char = '\u{202F}';
const NBSP: char = '\u{A0}';

/// Applies the typography of `lang` to a page's title, description and body.
pub fn apply(page: &mut Page, lang: &str) {
    // Markdown's smart punctuation covers the body; front matter needs it too.
    page.front.title = apostrophes(&page.front.title);
    page.front.description = apostrophes(&page.front.description);
    if let Some(nav_title) = &mut page.front.nav_title {
        *nav_title = apostrophes(nav_title);
    }
    if super::line_breaks::applies_to(lang) {
        super::line_breaks::remove_cjk_soft_breaks(&mut page.blocks);
        for footnote in &mut page.footnotes {
            super::line_breaks::remove_cjk_soft_breaks(&mut footnote.blocks);
        }
    }
    let Some(rule) = rule_for(lang) else { return };
    if let Some(nav_title) = &mut page.front.nav_title {
        *nav_title = rule(nav_title, None).into_owned();
    }
    page.front.title = rule(&page.front.title, None).into_owned();
    page.front.description = rule(&page.front.description, None).into_owned();
    for entry in &mut page.toc {
        entry.title = rule(&entry.title, None).into();
    }
    blocks(&mut page.blocks, rule);
    for footnote in &mut page.footnotes {
        blocks(&mut footnote.blocks, rule);
    }
}

/// The typography of `lang` for one string (UI messages, tree texts).
pub fn apply_text(text: &str, lang: &str) -> String {
    let text = apostrophes(text);
    match rule_for(lang) {
        Some(rule) => rule(&text, None).into_owned(),
        None => text,
    }
}

/// A straight apostrophe between letters is a typographic one: l'accès, you're.
fn apostrophes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_letters = i > 0
                && chars[i - 1].is_alphabetic()
                && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
            if c == '\'' && between_letters {
                '’'
            } else {
                c
            }
        })
        .collect()
}

/// A language's rule: the text as it should read, borrowed when it is already so.
type Rule = fn(&str, Option<char>) -> Cow<'_, str>;

fn rule_for(lang: &str) -> Option<Rule> {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    match primary {
        "fr" => Some(french),
        _ => None,
    }
}

fn blocks(blocks: &mut [Block], rule: Rule) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => inlines(content, rule),
            Block::List { items, .. } => {
                for item in items {
                    self::blocks(&mut item.blocks, rule);
                }
            }
            Block::Quote {
                blocks: inner,
                title,
                ..
            } => {
                if let Some(title) = title {
                    *title = rule(title, None).into_owned();
                }
                self::blocks(inner, rule)
            }
            Block::Table(table) => {
                let Table { head, rows, .. } = &mut **table;
                for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                    inlines(cell, rule);
                }
            }
            Block::Image(figure) => {
                figure.alt = rule(&figure.alt, None).into_owned();
                if let Some(caption) = &mut figure.caption {
                    inlines(caption, rule);
                }
            }
            Block::Code { .. } | Block::Rule | Block::Html(..) | Block::DecisionTree { .. } => {}
        }
    }
}

/// Text nodes in order; each knows the character before it, so " ?" after
/// `**gras**` or `code` is still treated as punctuation after a word.
fn inlines(list: &mut [Inline], rule: Rule) {
    let mut before: Option<char> = None;
    for inline in list.iter_mut() {
        match inline {
            Inline::Text(text) => {
                // Most texts have nothing to change: they keep their allocation.
                if let Cow::Owned(changed) = rule(text, before) {
                    *text = changed.into();
                }
                before = text.chars().last();
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                inlines(c, rule);
                before = Some('x');
            }
            Inline::Link(link) => {
                inlines(&mut link.content, rule);
                before = Some('x');
            }
            Inline::Indexed(mark) => {
                inlines(&mut mark.content, rule);
                before = mark.content.last().map_or(before, |_| Some('x'));
            }
            Inline::Image(image) => image.alt = rule(&image.alt, None).into_owned(),
            Inline::Code(_) | Inline::FootnoteRef { .. } => before = Some('x'),
            Inline::SoftBreak | Inline::LineBreak | Inline::Html(..) => before = Some(' '),
        }
    }
}

fn french(text: &str, before: Option<char>) -> Cow<'_, str> {
    // Bytes that start none of ; ! ? : « » “ ” rule the text out at once.
    if !text.bytes().any(starts_punctuation) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    // Runs without any of those bytes are copied whole: a French guide's paragraphs
    // are long, their punctuation rare.
    while let Some(at) = rest.bytes().position(starts_punctuation) {
        out.push_str(&rest[..at]);
        let c = rest[at..]
            .chars()
            .next()
            .expect("a char starts at a found byte");
        rest = &rest[at + c.len_utf8()..];
        let next = rest.chars().next();
        let prev = out.chars().last().or(before);
        match c {
            ';' | '!' | '?' if ends_word(prev) && !next.is_some_and(char::is_alphanumeric) => {
                space_before(&mut out, NNBSP, prev);
                out.push(c);
            }
            ':' if ends_word(prev) && next.is_none_or(char::is_whitespace) => {
                space_before(&mut out, NBSP, prev);
                out.push(c);
            }
            '«' | '“' => {
                out.push('«');
                out.push(NNBSP);
                rest = rest.trim_start_matches(char::is_whitespace);
            }
            '»' | '”' => {
                space_before(&mut out, NNBSP, prev);
                out.push('»');
            }
            _ => out.push(c),
        }
    }
    out.push_str(rest);
    if out == text {
        return Cow::Borrowed(text);
    }
    Cow::Owned(out)
}

/// Whether `byte` may start one of ; ! ? : « » “ ” (« and » start with 0xC2, the
/// curly quotes with 0xE2). A table: every byte of a French site's text is asked.
fn starts_punctuation(byte: u8) -> bool {
    static STARTS: [bool; 256] = {
        let mut table = [false; 256];
        let mut i = 0;
        while i < 256 {
            table[i] = matches!(i as u8, b';' | b'!' | b'?' | b':' | 0xC2 | 0xE2);
            i += 1;
        }
        table
    };
    STARTS[usize::from(byte)]
}

/// True when the punctuation follows a word or a space (not `?!`, not `(?`).
fn ends_word(prev: Option<char>) -> bool {
    prev.is_some_and(|p| p.is_alphanumeric() || p.is_whitespace() || ")]»’'\"%…".contains(p))
}

/// Replaces trailing spaces of `out` by `space`, or adds it after a word.
fn space_before(out: &mut String, space: char, prev: Option<char>) {
    let trimmed = out.trim_end_matches([' ', NBSP, NNBSP, '\t']).len();
    if trimmed < out.len() {
        out.truncate(trimmed);
        out.push(space);
    } else if prev.is_some() && !prev.is_some_and(char::is_whitespace) {
        out.push(space);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(s: &str) -> String {
        french(s, None).replace(NNBSP, "_").replace(NBSP, "~")
    }

    #[test]
    fn spaces_before_double_punctuation() {
        assert_eq!(
            fr("Quand ? Maintenant ! Oui ; non"),
            "Quand_? Maintenant_! Oui_; non"
        );
        assert_eq!(fr("Quand? Vite!"), "Quand_? Vite_!");
        assert_eq!(fr("Note : ceci"), "Note~: ceci");
        assert_eq!(fr("Vraiment ?!"), "Vraiment_?!");
    }

    #[test]
    fn guillemets_and_curly_quotes() {
        assert_eq!(fr("« bonjour »"), "«_bonjour_»");
        assert_eq!(fr("«bonjour»"), "«_bonjour_»");
        assert_eq!(fr("“bonjour”"), "«_bonjour_»");
    }

    #[test]
    fn leaves_times_urls_and_tokens_alone() {
        assert_eq!(
            fr("à 10:30 sur https://x.test/?a=1"),
            "à 10:30 sur https://x.test/?a=1"
        );
        assert_eq!(fr("a?b"), "a?b");
    }

    #[test]
    fn punctuation_after_another_node() {
        // " ?" that follows **gras**: the leading space becomes the narrow one.
        assert_eq!(french(" ?", Some('x')), format!("{NNBSP}?"));
        assert_eq!(french("?", Some('x')), format!("{NNBSP}?"));
    }

    #[test]
    fn other_languages_are_untouched() {
        assert_eq!(
            apply_text("When? Now! It's 'here'", "en"),
            "When? Now! It’s 'here'"
        );
        assert_eq!(apply_text("Quand ?", "fr-CA"), format!("Quand{NNBSP}?"));
    }
}
