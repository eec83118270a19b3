//! The guide as read on paper: cross-references print the page they lead to, and that
//! page is where the target is; read back from the layout and from the built PDF.

use crate::common;
use folio::diagnostic::Diagnostics;
use folio::render::pdf::boxes::{Document, Item, segments_text};
use folio::render::pdf::{Pictures, layout_document, text::Shaper};

/// The default guide of `locale`, laid out with `edit` applied to its settings.
fn default_guide(locale: &str, edit: impl Fn(&mut folio::model::PdfConfig)) -> Document {
    let diagnostics = Diagnostics::new();
    let mut loaded =
        folio::commands::site::load(&common::repo_root(), &[], &diagnostics).expect("loads");
    edit(&mut loaded.site.config.pdf);
    let style = folio::parse::pdf_style::parse(loaded.theme.pdf_style.as_ref(), &diagnostics);
    let pictures = Pictures::new(&loaded.assets);
    layout_document(
        &loaded.site,
        &loaded.messages,
        locale,
        &style,
        &pictures,
        &Shaper::default(),
    )
}

/// Every printed cross-reference: (its page label, the label it prints, where its
/// target really is). The reference's words are the first `pattern` after its mark.
fn references(doc: &Document, words: &str) -> Vec<(String, String, String)> {
    let anchors = doc.anchors();
    let label_of = |name: &str| {
        anchors
            .get(name)
            .map(|(page, _)| doc.pages[*page].label.clone())
    };
    let mut found = Vec::new();
    for page in &doc.pages {
        for (i, item) in page.items.iter().enumerate() {
            let Item::Anchor { name, .. } = item else {
                continue;
            };
            if !name.starts_with("ref+#") {
                continue;
            }
            // The link right after the mark is this reference's; its target is its anchor.
            let target = page.items[i..].iter().find_map(|it| match it {
                Item::Link {
                    target: folio::render::pdf::boxes::Target::Anchor(t),
                    ..
                } => Some(t.clone()),
                _ => None,
            });
            let following: Vec<String> = page.items[i..]
                .iter()
                .filter_map(|it| match it {
                    Item::Text { segments, .. } => Some(segments_text(segments)),
                    _ => None,
                })
                .take(40)
                .collect();
            let text = following.join(" ");
            let at = text
                .find(words)
                .unwrap_or_else(|| panic!("{name}: no `{words}` after it in {text}"));
            let number: String = text[at + words.len()..]
                .trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let target = target.expect("a link follows the mark");
            found.push((
                page.label.clone(),
                number,
                label_of(&target).expect("the target is in the guide"),
            ));
        }
    }
    found
}

#[test]
fn cross_references_print_the_page_of_their_target() {
    for (locale, words) in [("fr", "(page"), ("en", "(p."), ("de", "(S.")] {
        let doc = default_guide(locale, |_| {});
        let refs = references(&doc, words);
        assert!(refs.len() >= 8, "{locale}: {refs:?}");
        for (from, printed, target) in &refs {
            assert_eq!(
                printed, target,
                "{locale}: a reference on page {from} prints {printed}, its target is on {target}"
            );
        }
    }
}

#[test]
fn page_refs_can_be_turned_off() {
    let doc = default_guide("fr", |pdf| pdf.page_refs = false);
    assert!(references(&doc, "(page").is_empty());
    let text = doc.dump();
    assert!(!text.contains("ref+#"), "no reference is printed");
}

/// The page of a built guide whose footer says `footer`, as pdftotext gives it.
fn page_with_footer<'a>(pages: &'a [&'a str], footer: &str) -> &'a str {
    pages
        .iter()
        .find(|p| p.contains(footer))
        .unwrap_or_else(|| panic!("no page says {footer}"))
}

#[test]
fn the_french_guide_sends_the_reader_to_page_9_to_change_a_priority() {
    let file = common::built_default_site().join("fr/guide-support-premium.pdf");
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is required");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Changer la priorité d’un dossier (page 9)"),
        "the reference is printed"
    );
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let page = page_with_footer(&pages, "Page 9 sur");
    assert!(
        page.trim_start()
            .starts_with("Changer la priorité d’un dossier"),
        "page 9 opens that chapter: {page}"
    );
}
