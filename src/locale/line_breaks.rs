//! Soft line breaks in Chinese and Japanese text. Those scripts put no space between
//! words, so a line break that a writer typed inside a sentence must vanish rather than
//! become a space (CSS Text 3's segment break rule, which browsers do not apply and
//! the PDF layout would not either): a soft break between two CJK characters is taken
//! out of the model, for HTML and PDF alike. Hangul is left alone: Korean spaces words.

use crate::model::{Block, Inline, Table};

/// True for languages written without spaces between words.
pub fn applies_to(lang: &str) -> bool {
    matches!(lang.split(['-', '_']).next().unwrap_or(lang), "ja" | "zh")
}

/// Removes soft breaks between two CJK characters in every block.
pub fn remove_cjk_soft_breaks(blocks: &mut [Block]) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => inlines(content),
            Block::List { items, .. } => {
                for item in items {
                    remove_cjk_soft_breaks(&mut item.blocks);
                }
            }
            Block::Quote { blocks: inner, .. } => remove_cjk_soft_breaks(inner),
            Block::Table(table) => {
                let Table { head, rows, .. } = &mut **table;
                for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                    inlines(cell);
                }
            }
            Block::Image(figure) => {
                if let Some(caption) = &mut figure.caption {
                    inlines(caption);
                }
            }
            Block::Code { .. } | Block::Rule | Block::Html(..) | Block::DecisionTree { .. } => {}
        }
    }
}

fn inlines(list: &mut Vec<Inline>) {
    for inline in list.iter_mut() {
        match inline {
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => inlines(c),
            Inline::Link(link) => inlines(&mut link.content),
            Inline::Indexed(mark) => inlines(&mut mark.content),
            _ => {}
        }
    }
    let mut i = 0;
    while i < list.len() {
        let between_cjk = matches!(list[i], Inline::SoftBreak)
            && i > 0
            && last_char(&list[i - 1]).is_some_and(is_cjk)
            && list.get(i + 1).and_then(first_char).is_some_and(is_cjk);
        if between_cjk {
            list.remove(i);
        } else {
            i += 1;
        }
    }
}

fn last_char(inline: &Inline) -> Option<char> {
    match inline {
        Inline::Text(text) => text.chars().last(),
        Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
            c.last().and_then(last_char)
        }
        Inline::Link(link) => link.content.last().and_then(last_char),
        Inline::Indexed(mark) => mark.content.last().and_then(last_char),
        _ => None,
    }
}

fn first_char(inline: &Inline) -> Option<char> {
    match inline {
        Inline::Text(text) => text.chars().next(),
        Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
            c.first().and_then(first_char)
        }
        Inline::Link(link) => link.content.first().and_then(first_char),
        Inline::Indexed(mark) => mark.content.first().and_then(first_char),
        _ => None,
    }
}

/// Han, kana, CJK punctuation and full-width forms (not Hangul).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // hiragana, katakana
        | 0x31F0..=0x31FF    // katakana extensions
        | 0x3400..=0x4DBF    // Han extension A
        | 0x4E00..=0x9FFF    // Han
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF00..=0xFF60    // full-width forms
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFF) // Han extensions B and later
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn a_break_between_two_cjk_characters_goes() {
        let mut line = vec![text("日本語の文は"), Inline::SoftBreak, text("続きます。")];
        inlines(&mut line);
        assert_eq!(line, [text("日本語の文は"), text("続きます。")]);
        let mut emphasis = vec![
            text("これは"),
            Inline::SoftBreak,
            Inline::Strong(vec![text("重要")]),
        ];
        inlines(&mut emphasis);
        assert_eq!(emphasis.len(), 2);
    }

    #[test]
    fn other_breaks_stay() {
        for (before, after) in [("Folio の", "build"), ("build", "する"), ("한국어", "문장")]
        {
            let mut line = vec![text(before), Inline::SoftBreak, text(after)];
            inlines(&mut line);
            assert_eq!(line.len(), 3, "{before} / {after}");
        }
    }
}
