//! The pseudo-locale `qps-ploc`, a development tool for theme and site authors: the
//! source locale's messages and pages, every ASCII letter accented and each message
//! about 30 % longer between brackets (`[Ŝéàŕçĥ ~~]`). A string that does not come
//! from Fluent shows up unaccented and unbracketed; text that a layout truncates
//! loses its closing bracket. It is derived in memory from the model (data to data):
//! nothing is written into `content/` or `locales/`.
//!
//! It lives beside typography because it is the same kind of step: a page's and a
//! message's text rewritten for one locale, which `locale::Messages` applies when it
//! formats and renderers only need to recognise (no sitemap entry).

use std::borrow::Cow;

use crate::model::{Block, Inline, Page, Table};

/// The pseudo-locale's tag (the private-use region Windows and Mozilla use for it).
pub const LOCALE: &str = "qps-ploc";

/// Messages that name a file or an address rather than say something: the
/// pseudo-locale keeps the source locale's (a URL or a file name stays ASCII).
pub const NAMES: [&str; 2] = ["index-slug", "pdf-file-name"];

/// Whether `locale` is the pseudo-locale.
pub fn is_pseudo(locale: &str) -> bool {
    locale == LOCALE
}

/// The accented form of an ASCII letter; every other character as it is.
fn accent_char(c: char) -> char {
    const LOWER: [char; 26] = [
        'á', 'ƀ', 'ç', 'ð', 'é', 'ƒ', 'ĝ', 'ĥ', 'î', 'ĵ', 'ķ', 'ļ', 'ɱ', 'ñ', 'ö', 'þ', 'ǫ', 'ŕ',
        'š', 'ţ', 'û', 'ṽ', 'ŵ', 'ẋ', 'ý', 'ž',
    ];
    const UPPER: [char; 26] = [
        'Å', 'Ɓ', 'Ç', 'Đ', 'É', 'Ƒ', 'Ĝ', 'Ĥ', 'Î', 'Ĵ', 'Ķ', 'Ļ', 'Ṁ', 'Ñ', 'Ö', 'Þ', 'Ǫ', 'Ŕ',
        'Š', 'Ţ', 'Û', 'Ṽ', 'Ŵ', 'Ẋ', 'Ý', 'Ž',
    ];
    match c {
        'a'..='z' => LOWER[c as usize - 'a' as usize],
        'A'..='Z' => UPPER[c as usize - 'A' as usize],
        _ => c,
    }
}

/// Accents the letters of `text`, leaving markup alone: HTML tags (`<a href="x">`),
/// character references (`&amp;`) and Fluent placeables (`{ $count }`) keep their
/// bytes, so a message or raw HTML block still means what it meant.
pub fn accent(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let closing = match c {
            '<' if text[i + 1..]
                .starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!') =>
            {
                Some('>')
            }
            '{' => Some('}'),
            '&' if is_reference(&text[i..]) => Some(';'),
            _ => None,
        };
        match closing {
            Some(end) => {
                out.push(c);
                for (_, n) in chars.by_ref() {
                    out.push(n);
                    if n == end {
                        break;
                    }
                }
            }
            None => out.push(accent_char(c)),
        }
    }
    Cow::Owned(out)
}

/// `&name;` or `&#123;`, not a lone ampersand.
fn is_reference(text: &str) -> bool {
    let body = &text[1..];
    let end = body.find(';').unwrap_or(0);
    end > 0
        && end <= 32
        && body[..end]
            .trim_start_matches('#')
            .bytes()
            .all(|b| b.is_ascii_alphanumeric())
}

/// The tildes that make a text of `len` characters about 30 % longer, in words of
/// four at most so that a long paragraph's padding still wraps like text.
fn padding(len: usize) -> String {
    let tildes = (len * 3).div_ceil(10).max(1);
    let mut out = String::with_capacity(tildes * 5 / 4 + 1);
    for i in 0..tildes {
        if i % 4 == 0 {
            out.push(' ');
        }
        out.push('~');
    }
    out
}

/// A whole message as the pseudo-locale shows it: accented, lengthened and between
/// brackets. An empty message stays empty (it means "nothing to show").
pub fn message(text: &str) -> String {
    if text.trim().is_empty() {
        return text.to_string();
    }
    bracket(&accent(text))
}

/// A message the bundle already accented (its text elements, not its variables'
/// values), lengthened and between brackets.
pub fn bracket(text: &str) -> String {
    if text.trim().is_empty() {
        return text.to_string();
    }
    format!("[{text}{}]", padding(text.chars().count()))
}

/// The bundle transform Fluent applies to each text element of a pattern: variables'
/// values (page titles, counts) pass through it unchanged.
pub fn transform(text: &str) -> Cow<'_, str> {
    accent(text)
}

/// Rewrites a page of the source locale (already cloned into the pseudo-locale) as the
/// pseudo-locale shows it: titles, headings, paragraphs, list items, table cells,
/// captions and alternative texts, each a bracketed unit. Code, URLs, ids and
/// attributes are left as they are.
pub fn page(page: &mut Page) {
    page.front.title = message(&page.front.title);
    page.front.description = message(&page.front.description);
    if let Some(nav_title) = &mut page.front.nav_title {
        *nav_title = message(nav_title);
    }
    for entry in &mut page.toc {
        entry.title = message(&entry.title).into();
    }
    blocks(&mut page.blocks);
    for footnote in &mut page.footnotes {
        blocks(&mut footnote.blocks);
    }
}

fn blocks(blocks: &mut [Block]) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => unit(content),
            Block::List { items, .. } => {
                for item in items {
                    self::blocks(&mut item.blocks);
                }
            }
            Block::Quote { blocks, title, .. } => {
                if let Some(title) = title {
                    *title = message(title);
                }
                self::blocks(blocks);
            }
            Block::Table(table) => {
                let Table { head, rows, .. } = &mut **table;
                for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                    unit(cell);
                }
            }
            Block::Image(figure) => {
                figure.alt = message(&figure.alt);
                if let Some(caption) = &mut figure.caption {
                    unit(caption);
                }
            }
            Block::Html(html, _) => {
                if let Cow::Owned(accented) = accent(html) {
                    *html = accented;
                }
            }
            Block::Code { .. } | Block::Rule | Block::DecisionTree { .. } => {}
        }
    }
}

/// One block's inline text as one bracketed unit: `[` before its first inline, the
/// padding and `]` after its last.
fn unit(content: &mut Vec<Inline>) {
    let len = inlines(content);
    if len == 0 {
        return;
    }
    content.insert(0, Inline::Text("[".into()));
    content.push(Inline::Text(format!("{}]", padding(len)).into()));
}

/// Accents text nodes in place; returns how many characters of text they hold.
fn inlines(list: &mut [Inline]) -> usize {
    let mut len = 0;
    for inline in list {
        match inline {
            Inline::Text(text) => {
                len += text.chars().count();
                if let Cow::Owned(accented) = accent(text) {
                    *text = accented.into();
                }
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => len += inlines(c),
            Inline::Link(link) => len += inlines(&mut link.content),
            Inline::Indexed(mark) => len += inlines(&mut mark.content),
            Inline::Image(image) => image.alt = accent(&image.alt).into_owned(),
            Inline::Code(code) => len += code.chars().count(),
            Inline::SoftBreak
            | Inline::LineBreak
            | Inline::FootnoteRef { .. }
            | Inline::Html(..) => {}
        }
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_every_ascii_letter_and_nothing_else() {
        let all: String = ('a'..='z').chain('A'..='Z').collect();
        let accented = accent(&all);
        assert!(!accented.chars().any(|c| c.is_ascii_alphabetic()));
        assert_eq!(accented.chars().count(), 52);
        assert_eq!(accent("12 : 30 — ?"), "12 : 30 — ?");
        assert_eq!(accent("Search"), "Šéáŕçĥ");
    }

    #[test]
    fn keeps_placeables_and_markup() {
        assert_eq!(
            accent("Page { $n } of <a href=\"x.html\">all</a> &amp; more"),
            "Þáĝé { $n } öƒ <a href=\"x.html\">áļļ</a> &amp; ɱöŕé"
        );
        // A lone `<` or `&` is text, and the rest of the string is still accented.
        assert_eq!(accent("a < b & c"), "á < ƀ & ç");
    }

    #[test]
    fn messages_are_bracketed_and_about_a_third_longer() {
        assert_eq!(message("Search"), "[Šéáŕçĥ ~~]");
        let long = "Choose the priority of your request";
        let shown = message(long);
        let (start, end) = (shown.starts_with('['), shown.ends_with(']'));
        assert!(start && end, "{shown}");
        let growth = shown.chars().count() as f32 / long.chars().count() as f32;
        assert!((1.3..1.5).contains(&growth), "{growth}");
        assert_eq!(message(""), "");
    }

    #[test]
    fn deterministic() {
        let text = "Une page à <em>lire</em> { $title } &nbsp; !";
        assert_eq!(message(text), message(text));
        assert_eq!(
            message(text),
            "[Ûñé þáĝé à <em>ļîŕé</em> { $title } &nbsp; ! ~~~~ ~~~~ ~~~~ ~~]"
        );
    }

    #[test]
    fn a_block_is_one_unit_and_code_stays() {
        let mut content = vec![
            Inline::Text("Run ".into()),
            Inline::Code("folio build".into()),
            Inline::Strong(vec![Inline::Text("now".into())]),
        ];
        unit(&mut content);
        assert_eq!(
            content,
            vec![
                Inline::Text("[".into()),
                Inline::Text("Ŕûñ ".into()),
                Inline::Code("folio build".into()),
                Inline::Strong(vec![Inline::Text("ñöŵ".into())]),
                Inline::Text(" ~~~~ ~~]".into()),
            ]
        );
    }
}
