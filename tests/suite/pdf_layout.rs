//! The PDF layout as a text dump: a fixture page with every kind of block, in a short
//! text area so that page breaks, keep-with-next, widows and orphans, a table across
//! pages and a long code block all happen; and structural checks on it.

use crate::common;
use folio::diagnostic::Diagnostics;
use folio::render::pdf::boxes::{Document, Item, segments_text};
use folio::render::pdf::{Pictures, layout_document, text::Shaper};

fn fixture_document() -> Document {
    fixture_with(|_| {})
}

/// The fixture laid out with `edit` applied to its `[pdf]` settings.
fn fixture_with(edit: impl Fn(&mut folio::model::PdfConfig)) -> Document {
    let dir = common::site("pdf-blocks");
    let diagnostics = Diagnostics::new();
    let mut loaded =
        folio::commands::site::load(dir.path(), &[], &diagnostics).expect("fixture loads");
    edit(&mut loaded.site.config.pdf);
    let style = folio::parse::pdf_style::parse(loaded.theme.pdf_style.as_ref(), &diagnostics);
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.into_sorted());
    let pictures = Pictures::new(&loaded.assets);
    layout_document(
        &loaded.site,
        &loaded.messages,
        "fr",
        &style,
        &pictures,
        &Shaper::default(),
    )
}

/// The texts of a page, top to bottom.
fn texts(items: &[Item]) -> Vec<(f32, String)> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Text {
                baseline, segments, ..
            } => Some((*baseline, segments_text(segments))),
            _ => None,
        })
        .collect()
}

#[test]
fn layout_dump_of_every_block_type() {
    insta::assert_snapshot!(fixture_document().dump());
}

#[test]
fn a_table_header_is_repeated_after_a_page_break() {
    let doc = fixture_document();
    let pages_with_header: Vec<usize> = doc
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| texts(&p.items).iter().any(|(_, t)| t == "Impact"))
        .map(|(i, _)| i)
        .collect();
    assert!(
        pages_with_header.len() >= 2,
        "the table crosses a page and repeats its header: {pages_with_header:?}"
    );
}

#[test]
fn a_code_block_breaks_between_lines_with_its_background_on_both_pages() {
    let doc = fixture_document();
    let code_pages: Vec<&folio::render::pdf::boxes::PageBox> = doc
        .pages
        .iter()
        .filter(|p| {
            texts(&p.items)
                .iter()
                .any(|(_, t)| t.starts_with("# ligne"))
        })
        .collect();
    assert!(code_pages.len() >= 2, "the code block crosses a page");
    for page in code_pages {
        assert!(
            page.items
                .iter()
                .any(|i| matches!(i, Item::Rect { color, .. } if color.hex() == "#f3f5f8"))
        );
    }
}

#[test]
fn pictures_are_scaled_into_the_column_with_their_caption() {
    let doc = fixture_document();
    let image = doc
        .pages
        .iter()
        .flat_map(|p| p.items.iter())
        .find_map(|i| match i {
            Item::Image {
                width,
                height,
                path,
                ..
            } => Some((*width, *height, path.clone())),
            _ => None,
        });
    let (width, height, path) = image.expect("the picture is laid out");
    assert_eq!(path, "fr/niveaux.png");
    assert!(width <= doc.width - 164.0 + 0.01, "fits the column");
    assert!(
        (width / height - 480.0 / 200.0).abs() < 0.01,
        "keeps its proportions"
    );
}

#[test]
fn no_page_ends_with_a_heading() {
    let doc = fixture_document();
    let heading_sizes = [15.0f32, 12.3, 25.0];
    for page in &doc.pages[doc.front_pages..] {
        let body: Vec<(f32, f32)> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { baseline, size, .. }
                    if *baseline > 200.0 && *baseline < doc.height - 230.0 =>
                {
                    Some((*baseline, *size))
                }
                _ => None,
            })
            .collect();
        if let Some((_, size)) = body.iter().max_by(|a, b| a.0.total_cmp(&b.0)) {
            assert!(
                !heading_sizes.contains(size),
                "page {} ends with a heading",
                page.label
            );
        }
    }
}

#[test]
fn long_words_are_hyphenated_and_lines_never_overflow() {
    let doc = fixture_document();
    let right = doc.width - 82.0;
    let mut hyphenated = 0;
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text {
                x, size, segments, ..
            } = item
            {
                let end = x + segments.iter().map(|s| s.width).sum::<f32>() * size;
                assert!(
                    end <= right + 0.5,
                    "{:?} overflows to {end}",
                    segments_text(segments)
                );
                if segments_text(segments).ends_with('-') && segments_text(segments).len() > 2 {
                    hyphenated += 1;
                }
            }
        }
    }
    assert!(hyphenated > 0, "some word is hyphenated at a line end");
}

#[test]
fn a_cross_reference_prints_its_page_unless_the_target_is_on_the_same_page() {
    let dump = fixture_document().dump();
    // `guide.md#etapes` is on page 2, the link on page 3: printed.
    assert!(dump.contains("anchor ref+#blocs.md@7:"), "{dump}");
    assert!(dump.contains("\"(page\""), "{dump}");
    // The list below is on the link's own page: nothing printed.
    assert!(dump.contains("anchor ref#blocs.md@7:"), "{dump}");
}

/// Every text of a page, in reading order, as one string.
fn page_text(items: &[Item]) -> String {
    texts(items)
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn external_addresses_are_printed_once_per_page_at_its_foot() {
    let doc = fixture_document();
    let page = doc
        .pages
        .iter()
        .find(|p| page_text(&p.items).contains("lien externe"))
        .expect("the page with the links");
    let notes: Vec<(f32, String)> = texts(&page.items)
        .into_iter()
        .filter(|(_, t)| t.contains("example.com") || t.starts_with("format="))
        .collect();
    let lines: Vec<&str> = notes.iter().map(|(_, t)| t.as_str()).collect();
    // The same address twice on the page gives one note; an e-mail prints its address;
    // a long address breaks after `&`, without a hyphen; the link written as its
    // address prints nothing more (its text is split after `/`).
    assert_eq!(
        lines,
        [
            "https://example.com/",
            "https://example.com/documentation",
            "support@example.com",
            "https://docs.example.com/guides/premium-support/escalation-procedures/contacting-the-duty-manager?lang=fr&",
            "format=print",
        ],
        "{}",
        page_text(&page.items)
    );
    // The notes sit at the foot of the text area, below every line of text.
    let foot = notes[1].0;
    assert!(foot > doc.height - 250.0 - 60.0, "at the foot: {foot}");
}

#[test]
fn addresses_can_be_printed_after_the_text_or_not_at_all() {
    let inline = fixture_with(|pdf| pdf.urls = folio::model::PrintedUrls::Inline);
    let all: String = inline.pages.iter().map(|p| page_text(&p.items)).collect();
    assert!(all.contains("(support@example.com)"), "{all}");
    assert!(all.contains("(https://example.com/"), "{all}");
    assert!(!inline.dump().contains("anchor url#"), "no notes");
    let off = fixture_with(|pdf| pdf.urls = folio::model::PrintedUrls::Off);
    let all: String = off.pages.iter().map(|p| page_text(&p.items)).collect();
    assert!(!all.contains("support@example.com"), "{all}");
    assert!(!all.contains("(https://"), "{all}");
}
