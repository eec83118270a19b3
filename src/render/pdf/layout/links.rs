//! Links on paper: a cross-reference prints the page it leads to ("page 9"), since a
//! reader cannot click. Its number comes from the previous layout pass, as the decision
//! trees' do; the link marks its own place too, so that the next pass can leave out a
//! reference to the page the reader already has in front of them.

use crate::model::{Href, InlineLink};
use crate::render::pdf::boxes::Target;

use super::flow::Context;
use super::inline::{Span, SpanStyle};

/// The anchor a cross-reference sets where it starts: `ref#` while it prints no page,
/// `ref+#` once it does (a reference printed in one pass stays printed, so the passes
/// settle instead of taking it in and out).
fn marks(ctx: &Context, link: &InlineLink) -> (String, String) {
    let id = format!("{}@{}:{}", ctx.page.path, link.pos.line, link.pos.column);
    (format!("ref#{id}"), format!("ref+#{id}"))
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

impl Context<'_> {
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
        let Some(page) = (self.page_of)(name) else {
            return (Some(plain), None);
        };
        let was_printed = (self.page_of)(&printed).is_some();
        let from = (self.page_of)(&plain);
        let print = was_printed || from.is_some_and(|from| !in_view(&from, &page, pdf.duplex));
        if !print {
            return (Some(plain), None);
        }
        let words = self
            .texts
            .with_arg("pdf-page-ref", "page", &page)
            .replace(' ', "\u{A0}");
        // Latin text keeps the reference with the link's last word; CJK needs no space.
        let joined = if words.starts_with(|c: char| c as u32 >= 0x3000) {
            words
        } else {
            format!("\u{A0}{words}")
        };
        let span = Span {
            text: joined,
            style: SpanStyle {
                mark: None,
                ..style.clone()
            },
        };
        (Some(printed), Some(span))
    }
}

#[cfg(test)]
mod tests {
    use super::in_view;

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
