//! The default guide's PDFs, opened as a reader's tools would: structure with lopdf
//! (fonts embedded and subset, nested outline, links with valid destinations, /Lang,
//! page labels), `qpdf --check`, `pdffonts`, and `pdftotext` giving back every word of
//! the source. qpdf and poppler-utils are required: `.ci/run` installs them.

use crate::common;
use std::collections::BTreeSet;
use std::path::Path;

use lopdf::{Document, Object};

use folio::diagnostic::Diagnostics;
use folio::model::{Block, Inline};

const GUIDES: [(&str, &str); 2] = [
    ("fr", "fr/guide-support-premium.pdf"),
    ("en", "en/premium-support-guide.pdf"),
];

fn built() -> &'static Path {
    common::built_default_site()
}

/// Runs `name args... file after...` and returns its standard output.
fn tool(name: &str, args: &[&str], file: &Path, after: &[&str]) -> String {
    common::pdf_tool(name, args, file, after)
}

fn dict<'a>(doc: &'a Document, object: &'a Object) -> &'a lopdf::Dictionary {
    match object {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

#[test]
fn the_structure_of_each_guide() {
    for (lang, file) in GUIDES {
        let doc = Document::load(built().join(file)).unwrap();
        let pages = doc.get_pages();
        assert!(
            (12..=80).contains(&pages.len()),
            "{file}: {} pages",
            pages.len()
        );
        let catalog = doc.catalog().unwrap();
        assert_eq!(
            catalog.get(b"Lang").unwrap().as_str().unwrap(),
            lang.as_bytes()
        );
        assert_eq!(
            catalog.get(b"PageMode").unwrap().as_name().unwrap(),
            b"UseOutlines"
        );
        assert!(catalog.get(b"PageLabels").is_ok(), "page labels");

        // A nested outline: the first chapter has sections beneath it.
        let outlines = dict(&doc, catalog.get(b"Outlines").unwrap());
        let first = dict(&doc, outlines.get(b"First").unwrap());
        assert!(first.get(b"First").is_ok(), "{file}: the outline is nested");

        // Every font is embedded and subset.
        let mut fonts = BTreeSet::new();
        for page in pages.values() {
            for (_, font) in doc.get_page_fonts(*page).unwrap() {
                let name =
                    String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap())
                        .into_owned();
                assert!(name.contains('+'), "{name} is subset");
                fonts.insert(name);
            }
        }
        assert!(fonts.len() >= 3, "{fonts:?}");

        // Every link has no border and a destination on a page of this document.
        let page_ids: BTreeSet<_> = pages.values().copied().collect();
        let mut internal = 0;
        for page in pages.values() {
            for annotation in doc.get_page_annotations(*page).unwrap() {
                if annotation.get(b"Subtype").unwrap().as_name().unwrap() != b"Link" {
                    continue;
                }
                let border = annotation.get(b"Border").unwrap().as_array().unwrap();
                assert!(
                    border.iter().all(|b| b.as_float().unwrap_or(0.0) == 0.0),
                    "borderless link"
                );
                let action = dict(&doc, annotation.get(b"A").unwrap());
                match action.get(b"S").unwrap().as_name().unwrap() {
                    b"GoTo" => {
                        let destination = action.get(b"D").unwrap().as_array().unwrap();
                        let target = destination[0].as_reference().unwrap();
                        assert!(page_ids.contains(&target), "destination on a page");
                        internal += 1;
                    }
                    b"URI" => {}
                    other => panic!("unexpected action {}", String::from_utf8_lossy(other)),
                }
            }
        }
        assert!(
            internal > 30,
            "{file}: contents, cross-references and tree steps link inside ({internal})"
        );
    }
}

#[test]
fn qpdf_finds_no_error_and_pdffonts_shows_embedded_subsets() {
    for (_, file) in GUIDES {
        let path = built().join(file);
        let check = tool("qpdf", &["--check"], &path, &[]);
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{check}"
        );
        let fonts = tool("pdffonts", &[], &path, &[]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(rows.len() >= 3, "{fonts}");
        for row in rows {
            let columns: Vec<&str> = row.split_whitespace().collect();
            // name type... encoding emb sub uni object ID
            let flags = &columns[columns.len() - 5..columns.len() - 2];
            assert_eq!(flags, ["yes", "yes", "yes"], "{row}");
        }
    }
}

/// Lower-case letters and digits only: spacing, hyphenation and punctuation differ
/// between source and extraction, the words do not.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[test]
fn extracted_text_gives_back_every_word_of_the_source() {
    let diagnostics = Diagnostics::new();
    let loaded = folio::commands::site::load(&common::repo_root(), &[], &diagnostics).unwrap();
    for (lang, file) in GUIDES {
        let extracted = letters(
            &tool("pdftotext", &["-enc", "UTF-8"], &built().join(file), &["-"]).replace("-\n", ""),
        );
        let mut checked = 0;
        let mut missing = Vec::new();
        for page in loaded.site.pages_of(lang) {
            let mut words = Vec::new();
            collect_words(&page.blocks, &mut words);
            words.push(page.front.title.clone());
            for word in words
                .iter()
                .flat_map(|w| w.split(|c: char| c.is_whitespace() || "、。「」（）：".contains(c)))
                .map(letters)
            {
                // Japanese has no spaces: check its runs in pieces of a few characters.
                let chars: Vec<char> = word.chars().collect();
                for piece in chars
                    .chunks(6)
                    .map(|c| c.iter().collect::<String>())
                    .filter(|w| w.chars().count() > 1)
                {
                    if !extracted.contains(&piece) {
                        missing.push(format!("{}: {piece}", page.source));
                    }
                    checked += 1;
                }
            }
        }
        // A page break may split a Japanese piece; nothing else may be lost.
        assert!(
            missing.len() * 100 <= checked,
            "{file}: {} of {checked} missing: {missing:?}",
            missing.len()
        );
        assert!(checked > 1000, "{file}: {checked} words");
    }
}

fn collect_words(blocks: &[Block], out: &mut Vec<String>) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => {
                out.push(Inline::plain_text(content))
            }
            Block::List { items, .. } => items.iter().for_each(|i| collect_words(&i.blocks, out)),
            Block::Quote { blocks, .. } => collect_words(blocks, out),
            Block::Code { code, .. } => out.push(code.to_string()),
            Block::Table(table) => {
                out.extend(table.head.iter().map(|c| Inline::plain_text(c)));
                out.extend(table.rows.iter().flatten().map(|c| Inline::plain_text(c)));
            }
            _ => {}
        }
    }
}
