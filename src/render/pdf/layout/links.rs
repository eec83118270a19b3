//! Links on paper, where a reader cannot click. A cross-reference prints the page it
//! leads to ("page 9"): its number comes from the previous layout pass, as the decision
//! trees' do, and the link marks its own place so that the next pass can leave out a
//! reference to the page the reader already has in front of them. A link leaving the
//! guide prints its address, in a lettered note at the foot of the page (pagination
//! places the notes whose marks a page holds) or in parentheses after its text.

use crate::model::{Href, Inline, InlineLink, PrintedUrls};
use crate::render::pdf::boxes::{Color, Target};
use crate::render::pdf::fonts::FontId;

use crate::render::pdf::boxes::Item;
use crate::render::pdf::text::{Segments, width_em};

use super::PageOf;
use super::flow::{Context, Slice};
use super::inline::{Align, Span, SpanStyle};
use super::memo::Question;

/// The anchor a cross-reference sets where it starts: `ref#` while it prints no page,
/// `ref+#` once it does (a reference printed in one pass stays printed, so the passes
/// settle instead of taking it in and out).
fn marks(ctx: &Context, link: &InlineLink) -> (String, String) {
    let id = format!("{}@{}:{}", ctx.page.path, link.pos.line, link.pos.column);
    (format!("ref#{id}"), format!("ref+#{id}"))
}

/// The page a cross-reference to `target` prints after its link, if any: none when
/// the target was not placed yet or is in view from the link (its `plain` mark), but
/// always once it printed (its `printed` mark was placed), so that the passes settle.
pub fn printed_page(
    page_of: &PageOf<'_>,
    target: &str,
    plain: &str,
    printed: &str,
    duplex: bool,
) -> Option<String> {
    let page = page_of(target)?;
    let was_printed = page_of(printed).is_some();
    let from = page_of(plain);
    let print = was_printed || from.is_some_and(|from| !in_view(&from, &page, duplex));
    print.then_some(page)
}

/// Pages a reader sees together: the same page, or in a duplex guide the two pages of
/// a spread (body page 1 is a right-hand page, so 2|3, 4|5...).
pub fn in_view(from: &str, to: &str, duplex: bool) -> bool {
    if from == to {
        return true;
    }
    match (from.parse::<usize>(), to.parse::<usize>()) {
        (Ok(a), Ok(b)) => duplex && a / 2 == b / 2,
        _ => false,
    }
}

/// Characters a printed address breaks after.
const URL_SEPARATORS: &str = "/.-?&";

/// Where a web address may break: after `/ . - ? &`, but not inside `//` or a run of
/// separators, and never before its last character.
pub fn url_breaks(url: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut chars = url.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let Some(&(next_at, next)) = chars.peek() else {
            break;
        };
        if URL_SEPARATORS.contains(c)
            && !URL_SEPARATORS.contains(next)
            && next_at + next.len_utf8() < url.len()
            && i > 0
        {
            cuts.push(next_at);
        }
    }
    cuts
}

/// The address as a reader would type it: an e-mail link prints its address alone.
pub fn printed_url(url: &str) -> &str {
    url.strip_prefix("mailto:").unwrap_or(url)
}

/// Whether a link's text already shows its address (`<https://…>`, a pasted URL).
pub fn shows_its_url(text: &str, url: &str) -> bool {
    let bare = |s: &str| {
        let s = s.trim();
        let s = s
            .strip_prefix("mailto:")
            .or_else(|| s.strip_prefix("https://"))
            .or_else(|| s.strip_prefix("http://"))
            .unwrap_or(s);
        s.trim_end_matches('/').to_lowercase()
    };
    bare(text) == bare(url)
}

/// a, b, … z, aa, ab…: the marks of a chapter's address notes (its own notes are numbered).
pub fn note_letter(n: usize) -> String {
    let mut n = n;
    let mut out = String::new();
    while n > 0 {
        n -= 1;
        out.insert(0, (b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    out
}

/// The mark a page holds for each address note it must print at its foot.
pub fn note_key(chapter: &str, letter: &str) -> String {
    format!("url#{chapter}#{letter}")
}

impl Context<'_> {
    /// What a link prints on paper: the style of its text (an address shown as the text
    /// breaks as an address) and what follows it (a page, an address, a note's mark).
    pub fn link_on_paper(&self, link: &InlineLink, style: SpanStyle) -> (SpanStyle, Vec<Span>) {
        let url = match (&link.href, &style.link) {
            (Href::External(_) | Href::Asset(_), Some(Target::Url(url))) => url.clone(),
            _ => {
                let (mark, reference) = self.page_reference(link, style.link.as_ref(), &style);
                return (SpanStyle { mark, ..style }, reference.into_iter().collect());
            }
        };
        if shows_its_url(&Inline::plain_text(&link.content), &url) {
            return (SpanStyle { url: true, ..style }, Vec::new());
        }
        let after = match self.site.config.pdf.urls {
            PrintedUrls::Off => Vec::new(),
            PrintedUrls::Inline => vec![Span {
                text: format!(" ({})", printed_url(&url)),
                style: SpanStyle {
                    url: true,
                    color: Color::MUTED,
                    ..style.clone()
                },
            }],
            PrintedUrls::Footnote => {
                let letter = {
                    self.notes_used.set(true);
                    let mut notes = self.notes.borrow_mut();
                    let n = match notes.iter().position(|u| *u == url) {
                        Some(n) => n,
                        None => {
                            notes.push(url.clone());
                            notes.len() - 1
                        }
                    };
                    note_letter(n + 1)
                };
                vec![Span {
                    text: letter.clone(),
                    style: SpanStyle {
                        size: style.size * 0.68,
                        raise: style.size * 0.36,
                        mark: Some(note_key(&self.page.path, &letter)),
                        ..style.clone()
                    },
                }]
            }
        };
        (style, after)
    }

    /// The notes of this chapter's addresses, by the key their marks carry: each a few
    /// lines in the small size, its letter hanging in the margin of the note.
    pub fn address_notes(&self, width: f32) -> Vec<(String, Vec<Slice>)> {
        let size = self.style.small_size;
        let indent = size * 1.6;
        let notes = self.notes.borrow().clone();
        notes
            .iter()
            .enumerate()
            .map(|(n, url)| {
                let letter = note_letter(n + 1);
                let url_style = SpanStyle {
                    url: true,
                    link: Some(Target::Url(url.clone())),
                    ..SpanStyle::new(FontId::Serif, size)
                };
                let mut lines: Vec<Slice> = self
                    .paragraph(
                        &[Span {
                            text: printed_url(url).to_string(),
                            style: url_style,
                        }],
                        width - indent,
                        Align::Left,
                        size * 1.3,
                    )
                    .into_iter()
                    .map(|s| s.shifted(indent))
                    .collect();
                if let Some(first) = lines.first_mut() {
                    let label = Segments::from(&self.shaper.shape(FontId::Serif, &letter)[..]);
                    first.items.push(Item::Text {
                        x: 0.0,
                        baseline: first.first_baseline.unwrap_or(size),
                        size,
                        color: Color::MUTED,
                        segments: label,
                    });
                }
                (note_key(&self.page.path, &letter), lines)
            })
            .collect()
    }

    /// For a link inside the guide: the mark its text carries, and the page reference
    /// to print after it, if any.
    pub fn page_reference(
        &self,
        link: &InlineLink,
        target: Option<&Target>,
        style: &SpanStyle,
    ) -> (Option<String>, Option<Span>) {
        let pdf = &self.site.config.pdf;
        let Some(Target::Anchor(name)) = target else {
            return (None, None);
        };
        if !pdf.page_refs || !matches!(link.href, Href::Page { .. } | Href::Fragment(_)) {
            return (None, None);
        }
        let (plain, printed) = marks(self, link);
        let question = Question::Reference {
            target: name.clone(),
            plain: plain.clone(),
            printed: printed.clone(),
            duplex: pdf.duplex,
        };
        // The first pass prints a guess where it knows no page yet, but keeps the
        // plain mark: the next pass decides whether the reference prints, as it
        // would have without the guess.
        let guess = self.guesses.and_then(|g| {
            let chapter = name.split_once('#').map_or(name.as_str(), |(path, _)| path);
            g.get(name).or_else(|| g.get(chapter)).cloned()
        });
        let (answer, guessed) = self.ask_or(question, guess);
        let Some(page) = answer else {
            return (Some(plain), None);
        };
        let span = Span {
            text: self.reference_text(&page),
            style: SpanStyle {
                mark: None,
                ..style.clone()
            },
        };
        (Some(if guessed { plain } else { printed }), Some(span))
    }

    /// What a reference to `page` prints after its link's text.
    fn reference_text(&self, page: &str) -> String {
        let words = self
            .texts
            .with_arg("pdf-page-ref", "page", page)
            .replace(' ', "\u{A0}");
        // Latin text keeps the reference with the link's last word; CJK needs no space.
        if words.starts_with(|c: char| c as u32 >= 0x3000) {
            words
        } else {
            format!("\u{A0}{words}")
        }
    }

    /// Puts the `count` references to page `old` in `slices` to page `new`, when the
    /// new number is as wide as the old (the body fonts' digits all are): each is the
    /// start of a text item, shaped as the word alone, as a word after a no-break space
    /// is. Anything else (a number sharing its word with CJK text, or the same word
    /// elsewhere in the block) leaves the block to be set again.
    pub fn renumber(&self, slices: &mut [Slice], old: &str, new: &str, count: usize) -> bool {
        let (old_text, new_text) = (self.reference_text(old), self.reference_text(new));
        let is_space = |c: char| c == ' ' || c == '\u{A0}';
        let (old_words, new_words): (Vec<&str>, Vec<&str>) = (
            old_text.split(is_space).collect(),
            new_text.split(is_space).collect(),
        );
        let changed: Vec<(usize, &str, &str)> = (old_words.iter().zip(&new_words))
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| (i, *a, *b))
            .collect();
        // The number's word must follow a space of the reference's own: the first word
        // (CJK's, with no space) shares its text item with the link before it.
        let ([(at, old_word, new_word)], true) =
            (changed.as_slice(), old_words.len() == new_words.len())
        else {
            return false;
        };
        if *at == 0 {
            return false;
        }
        let mut found = 0;
        for item in slices.iter_mut().flat_map(|s| s.items.iter_mut()) {
            let Item::Text { segments, .. } = item else {
                continue;
            };
            let Some(font) = segments.first().map(|s| s.font) else {
                continue;
            };
            let was = self.shaper.shape(font, old_word);
            if !segments.starts_with(&was) {
                continue;
            }
            let now = self.shaper.shape(font, new_word);
            if width_em(&now) != width_em(&was) || now.len() != was.len() {
                return false;
            }
            segments[..was.len()].clone_from_slice(&now);
            found += 1;
        }
        found == count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(url: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        for cut in url_breaks(url).into_iter().chain([url.len()]) {
            out.push(&url[start..cut]);
            start = cut;
        }
        out
    }

    #[test]
    fn urls_break_after_their_separators() {
        assert_eq!(
            pieces("https://support.example.com/v1/cases?id=12&lang=fr"),
            [
                "https://", "support.", "example.", "com/", "v1/", "cases?", "id=12&", "lang=fr"
            ]
        );
        // Not inside `//`, not before the last character, not at the start.
        assert_eq!(pieces("http://a.b/"), ["http://", "a.", "b/"]);
        assert_eq!(pieces("/docs"), ["/docs"]);
        assert_eq!(pieces("name@example.org"), ["name@example.", "org"]);
        assert_eq!(
            pieces("https://x.test/a-bc/d"),
            ["https://", "x.", "test/", "a-", "bc/d"]
        );
    }

    #[test]
    fn a_link_that_shows_its_url_prints_nothing_more() {
        assert!(shows_its_url("https://example.com/", "https://example.com"));
        assert!(shows_its_url("example.com", "https://example.com/"));
        assert!(shows_its_url(
            "support@example.com",
            "mailto:support@example.com"
        ));
        assert!(!shows_its_url(
            "the documentation",
            "https://example.com/doc"
        ));
        assert_eq!(
            printed_url("mailto:support@example.com"),
            "support@example.com"
        );
        assert_eq!([1, 2, 26, 27].map(note_letter), ["a", "b", "z", "aa"]);
    }

    #[test]
    fn facing_pages_are_in_view_only_in_duplex() {
        assert!(in_view("9", "9", false));
        assert!(!in_view("9", "10", false));
        assert!(in_view("2", "3", true));
        assert!(in_view("3", "2", true));
        assert!(!in_view("3", "4", true));
        assert!(!in_view("1", "2", true));
        assert!(!in_view("ii", "iii", true));
    }
}
