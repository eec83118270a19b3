//! Right-to-left PDFs: the `rtl` fixture's Arabic guide, with a page mixing Arabic,
//! digits, Latin words, inline code, a list, a table and a Hebrew line. Its layout is
//! read as boxes (lines start on the right, runs reordered, lists, tables and the
//! contents mirrored) and its PDF as text (`pdftotext` gives the words back in logical
//! order). Arabic and Hebrew come from the machine's fonts: `fonts-dejavu-core` has
//! both (`.ci/run` installs it), with poppler-utils and qpdf.

use crate::common;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use folio::diagnostic::Diagnostics;
use folio::render::pdf::boxes::{Document, Item, segments_text};
use folio::render::pdf::text::{Shaper, width_em};
use folio::render::pdf::{Pictures, layout_document};

/// The fixture's Arabic guide laid out with the fonts a build gives it.
fn arabic_document() -> Document {
    arabic_document_with(|_| {})
}

/// The same, once `edit` has changed the site.
fn arabic_document_with(edit: impl Fn(&Path)) -> Document {
    let dir = common::site("rtl");
    edit(dir.path());
    let diagnostics = Diagnostics::new();
    let loaded = folio::commands::site::load(dir.path(), &[], &diagnostics).expect("loads");
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.into_sorted());
    let style = folio::parse::pdf_style::parse(loaded.theme.pdf_style.as_ref(), &diagnostics);
    let fonts = folio::commands::build::pdf_fonts(
        dir.path(),
        &loaded.site.config,
        &mut BTreeMap::new(),
        &diagnostics,
    );
    layout_document(
        &loaded.site,
        &loaded.messages,
        "ar",
        &style,
        &Pictures::new(&loaded.assets),
        &Shaper::new(fonts["ar"].clone()),
    )
}

/// A page's texts: (left, right, baseline, text).
fn texts(items: &[Item]) -> Vec<(f32, f32, f32, String)> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Text {
                x,
                baseline,
                size,
                segments,
                ..
            } => Some((
                *x,
                x + width_em(segments) * size,
                *baseline,
                segments_text(segments),
            )),
            _ => None,
        })
        .collect()
}

/// The text containing `needle`, on the page. Right-to-left words are laid out in
/// visual order, their glyphs (and so the text they carry) from the left: `needle`
/// reversed is found too (words without ligatures or marks reverse letter by letter).
fn find<'a>(texts: &'a [(f32, f32, f32, String)], needle: &str) -> &'a (f32, f32, f32, String) {
    let reversed: String = needle.chars().rev().collect();
    texts
        .iter()
        .find(|t| t.3.contains(needle) || t.3.contains(&reversed))
        .unwrap_or_else(|| panic!("no {needle:?} in {texts:?}"))
}

#[test]
fn arabic_lines_start_on_the_right_with_left_to_right_runs_inside() {
    let doc = arabic_document();
    let index = (doc.pages.iter())
        .position(|p| texts(&p.items).iter().any(|t| t.3.contains("Folio")))
        .expect("the mixed page");
    let page = &doc.pages[index];
    let dump = doc.dump();
    let from = dump.find(&format!("page {} label=", index + 1)).unwrap();
    let end = dump[from + 1..]
        .find("\npage ")
        .map_or(dump.len(), |e| from + 1 + e);
    insta::assert_snapshot!(&dump[from..end]);

    let texts = texts(&page.items);
    let right_margin = texts.iter().map(|t| t.1).fold(0.0f32, f32::max);
    // "يبني Folio الدليل في 3 ملفات منذ عام 2024، …": the first word ends at the right
    // margin, and each following word stands left of the one before, Latin or digits.
    let words = ["يبني", "Folio", "الدليل", "3", "ملفات", "2024"];
    let placed: Vec<_> = words.iter().map(|w| find(&texts, w)).collect();
    assert!(
        placed[0].1 > right_margin - 1.0,
        "the line starts on the right: {placed:?}"
    );
    for pair in placed.windows(2) {
        assert!(pair[1].1 <= pair[0].0 + 0.01, "{pair:?}");
    }
    // The number keeps its digits left to right, its comma right after it on its
    // left (a text of its own: a line's texts are in reading order, one direction
    // each).
    let number = (texts.iter()).find(|t| t.3 == "2024").expect("2024");
    assert!(
        (texts.iter()).any(|t| t.3 == "،" && (t.1 - number.0).abs() < 0.01 && t.2 == number.2),
        "{texts:?}"
    );

    // The list's bullets on the right of their items.
    let item = find(&texts, "الخطوة");
    let bullet = (texts.iter())
        .find(|t| t.3 == "•" && (t.2 - item.2).abs() < 0.5)
        .expect("a bullet on the item's line");
    assert!(bullet.0 > item.1, "{bullet:?} {item:?}");

    // A numbered list's numbers too, their full stop on the left.
    let second = find(&texts, "انتظر");
    let number = (texts.iter())
        .find(|t| t.3 == ".2")
        .unwrap_or_else(|| panic!("\".2\" in {texts:?}"));
    assert!(
        (number.2 - second.2).abs() < 0.5 && number.0 > second.1,
        "{number:?}"
    );

    // The table's first column on the right.
    let columns = ["القناة", "المدة", "P3"].map(|w| find(&texts, w).0);
    assert!(
        columns[0] > columns[1] && columns[1] > columns[2],
        "{columns:?}"
    );

    // A Hebrew line, its number and the Latin word inside, read from the right.
    let baseline = find(&texts, "שלום").2;
    let line: Vec<_> = (texts.iter())
        .filter(|t| (t.2 - baseline).abs() < 0.5)
        .cloned()
        .collect();
    let hebrew = ["שלום", "זמינה", "24", "Folio"].map(|w| find(&line, w));
    assert!(hebrew[0].1 > right_margin - 1.0, "{hebrew:?}");
    for pair in hebrew.windows(2) {
        assert!(pair[1].1 <= pair[0].0 + 0.01, "{pair:?}");
    }
    // Code stays left to right.
    assert!(texts.iter().any(|t| t.3.contains("folio")), "{texts:?}");
}

#[test]
fn the_contents_page_has_its_numbers_on_the_left() {
    let doc = arabic_document();
    let contents = (doc.pages.iter())
        .find(|p| p.label == "ii")
        .expect("the contents page");
    let texts = texts(&contents.items);
    let numbers: Vec<_> = (texts.iter())
        .filter(|t| !t.3.is_empty() && t.3.chars().all(|c| c.is_ascii_digit()))
        .collect();
    assert!(numbers.len() >= 4, "{texts:?}");
    for number in numbers {
        let title = (texts.iter())
            .filter(|t| (t.2 - number.2).abs() < 0.5 && !t.3.contains('.') && t.3 != number.3)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap_or_else(|| panic!("no title beside {number:?}"));
        assert!(number.1 < title.0, "{number:?} left of {title:?}");
        assert!(title.1 > doc.width / 2.0, "{title:?} on the right half");
    }
    // The page's title on the right too.
    let right = texts.iter().map(|t| t.1).fold(0.0f32, f32::max);
    let title = find(&texts, "المحتويات");
    assert!(title.1 > right - 1.0, "{title:?}");
}

#[test]
fn a_long_chapter_has_its_running_header_mirrored() {
    let doc = arabic_document_with(|root| {
        let page = root.join("content/ar/mixed.md");
        let mut text = std::fs::read_to_string(&page).unwrap();
        for _ in 0..40 {
            text.push_str(
                "\nاختر الأولوية المناسبة لطلب الدعم، ثم صف تأثير المشكلة على عملك بوضوح.\n",
            );
        }
        std::fs::write(&page, text).unwrap();
    });
    let headed = (doc.pages.iter())
        .map(|p| texts(&p.items))
        .find(|t| t.iter().any(|t| t.3 == "معدلا ليلد"))
        .expect("a page with a running header");
    // The guide's title on the right, the chapter's on the left: the other way round
    // from a left-to-right guide.
    let title = find(&headed, "دليل الدعم");
    let chapter = find(&headed, "نص مختلط");
    assert!((title.2 - chapter.2).abs() < 0.5, "{title:?} {chapter:?}");
    assert!(chapter.1 < title.0, "{title:?} {chapter:?}");
    assert!(title.1 > doc.width / 2.0 && chapter.0 < doc.width / 2.0);
}

/// Letters and digits only: pdftotext places spaces and punctuation next to a change
/// of direction by its own guesses; what matters is the order of the words.
fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// `root` built into its `public/` with the machine's fonts (the Arabic letters come
/// from them); the output folder and what the build said.
fn build_with_machine_fonts(root: &std::path::Path) -> (std::path::PathBuf, String) {
    let out = root.join("public");
    let assert = common::folio()
        .env_remove("FOLIO_NO_SYSTEM_FONTS")
        .args(["build", "-q", "--root"])
        .arg(root)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    (out, common::stderr(&assert))
}

/// The fixture's Arabic guide built with the machine's fonts: the site and the PDF.
fn arabic_pdf() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = common::site("rtl");
    let (out, stderr) = build_with_machine_fonts(dir.path());
    assert!(!stderr.contains("no font"), "{stderr}");
    let pdf = out.join("ar/guide-ar.pdf");
    assert!(pdf.is_file(), "the Arabic fixture builds its PDF");
    (dir, pdf)
}

#[test]
fn the_arabic_pdf_reads_back_in_logical_order() {
    let (_dir, pdf) = arabic_pdf();
    let text = run("pdftotext", &[&pdf, Path::new("-")]);
    let read = letters(&text);
    for sentence in [
        "يبني Folio الدليل في 3 ملفات منذ عام 2024، ثم يكتب 12 صفحة.",
        "الأرقام والكلمات اللاتينية",
        "شغّل الأمر",
        "الخطوة الثانية: اختر الأولوية P1 أو P2.",
        "שלום, התמיכה זמינה 24 שעות ביממה דרך Folio.",
        "مرحبا. راجع الدليل",
    ] {
        assert!(
            read.contains(&letters(sentence)),
            "{sentence} not in logical order in:\n{text}"
        );
    }
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&pdf)
        .output()
        .expect("qpdf is required (apt-get install qpdf)");
    assert!(check.status.success(), "{check:?}");
    let fonts = run("pdffonts", &[&pdf]);
    assert!(
        fonts.contains("DejaVuSans"),
        "Arabic from the machine: {fonts}"
    );
    for line in fonts.lines().skip(2) {
        let columns: Vec<&str> = line.split_whitespace().collect();
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "every font embedded: {line}");
    }
}

fn run(name: &str, args: &[&Path]) -> String {
    let output = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is required (apt-get install poppler-utils): {e}"));
    assert!(output.status.success(), "{name}: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Whitespace runs as one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_structure_tree_reads_the_mixed_page_in_logical_order() {
    let (dir, pdf) = arabic_pdf();
    // What poppler reads from each marked sequence, element by element.
    let tree = run("pdfinfo", &[Path::new("-struct-text"), &pdf]);
    let read = squeeze(
        &tree
            .lines()
            .filter_map(|l| l.trim().strip_prefix('"')?.strip_suffix('"'))
            .collect::<Vec<_>>()
            .join(" "),
    );
    // The page's source, block by block, without its Markdown: a heading, paragraphs
    // mixing Arabic with digits, Latin words, code and brackets, list items, table
    // cells, a Hebrew paragraph.
    let source = std::fs::read_to_string(dir.path().join("content/ar/mixed.md")).unwrap();
    let body = source.split("+++").nth(2).expect("front matter");
    let mut blocks: Vec<String> = Vec::new();
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with('|') {
            blocks.extend(
                (line.split('|').map(str::trim))
                    .filter(|c| !c.is_empty() && !c.starts_with("--"))
                    .map(String::from),
            );
            continue;
        }
        let line = line.trim_start_matches("## ").trim_start_matches("- ");
        let line = line.split(" {#").next().unwrap_or(line);
        let line = match line.split_once(". ") {
            Some((number, rest)) if number.chars().all(|c| c.is_ascii_digit()) => rest,
            _ => line,
        };
        blocks.push(line.replace('`', ""));
    }
    assert!(blocks.len() > 12, "{blocks:?}");
    // Lam-alef ligatures among them (one glyph for two letters): read in order too.
    assert!(
        (blocks.iter()).any(|b| b.contains("الأرقام") && b.contains("اللاتينية")),
        "{blocks:?}"
    );
    let page = letters(&run("pdftotext", &[&pdf, Path::new("-")]));
    for block in &blocks {
        let expected = squeeze(block);
        assert!(
            read.contains(&expected),
            "{block:?} is not read in logical order from the tree:\n{read}"
        );
        // pdftotext finds the same words by where they stand: its spaces and
        // punctuation next to a change of direction are its own guesses.
        let words = letters(&expected);
        if words.chars().all(|c| !c.is_ascii()) {
            assert!(page.contains(&words), "{block:?} in pdftotext's text");
        }
    }
    // And the tree is whole: every marked sequence met once, nothing a checker finds.
    crate::pdf_tags::assert_structure_covers_every_sequence_once("guide-ar.pdf", &pdf);
    crate::pdf_tags::assert_pdf_ua_checker_finds_nothing("guide-ar.pdf", &pdf);
}

/// Lam-alef words anywhere on a line (after another word, before a full stop, at the
/// end, with a shadda before them in the same word) read in logical order in the
/// structure tree and in `pdftotext`, with their word spaces: the ligature's hidden
/// earlier letter must stay inside it, or extraction takes the space for the word.
#[test]
fn lam_alef_words_read_in_order_wherever_they_stand() {
    let dir = common::site("rtl");
    let sentence = "قال الفريق لا ثم كتب السَّلام على الألواح ولا.";
    common::write(
        dir.path(),
        "content/ar/lam.md",
        &format!("+++\ntitle = \"لام ألف\"\nweight = 4\n+++\n\n{sentence}\n"),
    );
    let (out, _) = build_with_machine_fonts(dir.path());
    let pdf = out.join("ar/guide-ar.pdf");
    // Both tools drop the shadda, which rides on its letter's glyph.
    let bare = |text: &str| -> String {
        (text.chars())
            .filter(|c| !('\u{64b}'..='\u{65f}').contains(c))
            .collect()
    };
    let expected = bare(sentence);
    let tree = bare(&run("pdfinfo", &[Path::new("-struct-text"), &pdf]));
    assert!(tree.contains(&expected), "{expected} in the tree:\n{tree}");
    let page = bare(&run("pdftotext", &[&pdf, Path::new("-")]));
    let words = expected.trim_end_matches('.');
    assert!(page.contains(words), "{words} in pdftotext's text:\n{page}");
}
