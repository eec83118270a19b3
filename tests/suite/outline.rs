//! A locale ordered by its `SUMMARY.md` (mdBook's outline): sidebar entries (parts,
//! chapters at their depth, drafts as text), previous/next, a translation borrowing
//! the source's outline, the PDF's chapter order, and the mistakes reported.

use std::path::Path;

use scraper::{Html, Selector};

use crate::common;

/// The `outline` fixture (English with a SUMMARY.md, French without) built without PDFs.
fn built() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixtures().join("outline"), dir.path());
    let assert = common::folio()
        .args(["build", "--no-pdf", "--root"])
        .arg(dir.path())
        .assert()
        .success();
    let stderr = common::stderr(&assert);
    (dir, stderr)
}

fn page(public: &Path, path: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(public.join(path)).unwrap())
}

fn pager(doc: &Html) -> (Option<String>, Option<String>) {
    let title = |class: &str| {
        let selector = Selector::parse(&format!("a.{class} .pager-title")).unwrap();
        doc.select(&selector).next().map(|e| e.text().collect())
    };
    (title("pager-previous"), title("pager-next"))
}

#[test]
fn the_sidebar_follows_summary_md() {
    let (dir, stderr) = built();
    let public = dir.path().join("public");
    assert_eq!(
        common::sidebar(&page(&public, "en/setup/linux/index.html")),
        [
            "1 Welcome",
            "# Basics",
            "1 Setup",
            "2 [On Linux]",
            "3 Packages",
            "2 (On Mac)",
            "1 Usage",
            "# Reference",
            "1 Options",
            "1 Credits",
            "1 Extra",
        ]
    );
    // As in mdBook, prefix and suffix chapters have no number.
    let html = std::fs::read_to_string(public.join("en/usage/index.html")).unwrap();
    let unnumbered: Vec<&str> = html
        .split("<li class=\"nav-unnumbered\"><a href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(
        unnumbered,
        ["../welcome/index.html", "../credits/index.html"]
    );
    // Another top-level chapter's children stay folded.
    assert_eq!(
        common::sidebar(&page(&public, "en/usage/index.html")),
        [
            "1 Welcome",
            "# Basics",
            "1 Setup",
            "1 [Usage]",
            "# Reference",
            "1 Options",
            "1 Credits",
            "1 Extra",
        ]
    );
    // The outline is no page of its own.
    assert!(!public.join("en/SUMMARY").exists());
    // The unlisted page is published, last, and reported once.
    assert_eq!(
        stderr.matches("not listed in SUMMARY.md").count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr.contains("content/en/extra.md:1:1: warning: not listed in SUMMARY.md"),
        "{stderr}"
    );
}

#[test]
fn previous_and_next_follow_the_outline() {
    let (dir, _) = built();
    let public = dir.path().join("public");
    let order = [
        ("welcome", "Welcome"),
        ("setup", "Setup"),
        ("setup/linux", "On Linux"),
        ("setup/linux/packages", "Packages"),
        ("usage", "Usage"),
        ("reference/options", "Options"),
        ("credits", "Credits"),
        ("extra", "Extra"),
    ];
    for (i, (path, _)) in order.iter().enumerate() {
        let (previous, next) = pager(&page(&public, &format!("en/{path}/index.html")));
        let expected_previous = i.checked_sub(1).map(|p| order[p].1.to_string());
        let expected_next = order.get(i + 1).map(|n| n.1.to_string());
        assert_eq!(
            (previous, next),
            (expected_previous, expected_next),
            "{path}"
        );
    }
}

#[test]
fn a_translation_without_its_own_outline_borrows_the_source_one() {
    let (dir, _) = built();
    let public = dir.path().join("public");
    assert_eq!(
        common::sidebar(&page(&public, "fr/setup/index.html")),
        [
            "1 Bienvenue",
            "# Basics",
            "1 [Installation]",
            "2 On Linux",
            "3 Packages",
            "2 (On Mac)",
            "1 Usage",
            "# Reference",
            "1 Options",
            "1 Credits",
            "1 Extra",
        ]
    );
    // The lent outline's own words keep their language.
    let html = std::fs::read_to_string(public.join("fr/setup/index.html")).unwrap();
    assert!(
        html.contains("<li class=\"nav-part\" lang=\"en\">Basics</li>"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"nav-draft\" lang=\"en\">On Mac</span>"),
        "{html}"
    );
    let own = std::fs::read_to_string(public.join("en/setup/index.html")).unwrap();
    assert!(own.contains("<li class=\"nav-part\">Basics</li>"), "{own}");
    // Untranslated chapters are fallback pages in their place.
    let fallback = std::fs::read_to_string(public.join("fr/setup/linux/index.html")).unwrap();
    assert!(fallback.contains("l10n-banner"), "{fallback}");
    assert_eq!(
        pager(&page(&public, "fr/setup/linux/index.html")),
        (Some("Installation".into()), Some("Packages".into()))
    );
}

#[test]
fn the_pdf_follows_the_outline() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixtures().join("outline"), dir.path());
    let public = common::build(dir.path(), &["--locale", "en"]);
    let pdf = std::fs::read_dir(public.join("en"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("a PDF");
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(out.stdout).unwrap();
    // Each chapter's opening line, past the table of contents.
    let body = &text[text.find("Start with the setup").expect("first chapter")..];
    let openings = [
        "How to set things up.",
        "Setting up on Linux.",
        "The packages to install.",
        "Day to day use.",
        "Every option.",
        "Who wrote this.",
        "A page the outline does not list.",
    ];
    let places: Vec<usize> = openings
        .iter()
        .map(|o| body.find(o).unwrap_or_else(|| panic!("{o} in {body}")))
        .collect();
    assert!(places.is_sorted(), "{places:?}");
}

#[test]
fn a_listed_page_without_a_file_is_an_error_at_its_link() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixtures().join("outline"), dir.path());
    let summary = dir.path().join("content/en/SUMMARY.md");
    let text = std::fs::read_to_string(&summary).unwrap();
    std::fs::write(&summary, text.replace("(usage.md)", "(usge.md)")).unwrap();
    let assert = common::folio()
        .args(["build", "--no-pdf", "--root"])
        .arg(dir.path())
        .assert()
        .code(1);
    let stderr = common::stderr(&assert);
    assert!(
        stderr.contains(
            "content/en/SUMMARY.md:11:3: error: no page `usge.md` in content/en/\n  hint: did you mean `usage.md`?"
        ),
        "{stderr}"
    );
    // The page it meant is now unlisted, and said so.
    assert!(
        stderr.contains("content/en/usage.md:1:1: warning: not listed in SUMMARY.md"),
        "{stderr}"
    );
}

#[test]
fn a_long_outline_shares_its_list_with_parts_and_drafts_marked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::long_outline(root);
    let public = common::build(root, &["--no-pdf"]);
    let shared: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("nav/en.json")).unwrap()).unwrap();
    let entries = shared.as_array().unwrap();
    // Two parts, 40 chapters and a draft; sections stay on their chapter's pages.
    assert_eq!(entries.len(), 43);
    assert_eq!(
        entries[0],
        serde_json::json!(["First part", "", "", "part"])
    );
    assert_eq!(
        entries[1],
        serde_json::json!(["Chapter 1", "en/c1/index.html", "c1.md"])
    );
    assert_eq!(
        entries[21],
        serde_json::json!(["Coming soon", "", "Coming soon", "draft"])
    );
    assert_eq!(
        entries[22],
        serde_json::json!(["Second part", "", "", "part"])
    );

    let doc = page(&public, "en/c30-1/index.html");
    let nav = Selector::parse("nav.sidebar").unwrap();
    let nav = doc.select(&nav).next().unwrap();
    assert_eq!(nav.value().attr("data-section"), Some("c30.md"));
    assert_eq!(
        common::sidebar(&doc),
        [
            "1 Chapter 1",
            "1 Chapter 29",
            "1 Chapter 30",
            "2 [Section 30.1]",
            "1 Chapter 31"
        ]
    );
}

/// A Markdown file that chapters `{{#include}}` and SUMMARY.md does not list is a
/// fragment they share (mdBook's guide keeps its common options so): not a page of its
/// own, not warned about; a listed chapter that includes it shows its text.
#[test]
fn an_included_fragment_is_not_a_page() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixtures().join("outline"), dir.path());
    let en = dir.path().join("content/en");
    std::fs::write(
        en.join("shared-options.md"),
        "## Common options\n\n`--quiet` says nothing on success.\n",
    )
    .unwrap();
    let setup = std::fs::read_to_string(en.join("setup.md")).unwrap();
    std::fs::write(
        en.join("setup.md"),
        format!("{setup}\n{{{{#include shared-options.md}}}}\n"),
    )
    .unwrap();
    let assert = common::folio()
        .args(["build", "--no-pdf", "--root"])
        .arg(dir.path())
        .assert()
        .success();
    let stderr = common::stderr(&assert);
    assert!(!stderr.contains("shared-options.md"), "{stderr}");
    let public = dir.path().join("public");
    assert!(!public.join("en/shared-options").exists());
    let html = std::fs::read_to_string(public.join("en/setup/index.html")).unwrap();
    assert!(html.contains("says nothing on success"), "{html}");
}

/// A chapter without a heading or front matter is named by its SUMMARY.md link, as in
/// mdBook; an unlisted one (published last, with its warning) by its file.
#[test]
fn a_page_without_a_title_takes_its_outline_words() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixtures().join("outline"), dir.path());
    let en = dir.path().join("content/en");
    let summary = std::fs::read_to_string(en.join("SUMMARY.md")).unwrap();
    std::fs::write(
        en.join("SUMMARY.md"),
        summary.replace(
            "[Credits](credits.md)",
            "[Credits](credits.md)\n[Plain notes](plain.md)",
        ),
    )
    .unwrap();
    std::fs::write(en.join("plain.md"), "Only a paragraph.\n").unwrap();
    std::fs::create_dir_all(en.join("loose")).unwrap();
    std::fs::write(en.join("loose/README.md"), "No heading here.\n").unwrap();
    let assert = common::folio()
        .args(["build", "--no-pdf", "--root"])
        .arg(dir.path())
        .assert()
        .success();
    let stderr = common::stderr(&assert);
    assert!(!stderr.contains("has no title"), "{stderr}");
    let public = dir.path().join("public");
    let title = |path: &str| {
        let html = std::fs::read_to_string(public.join(path)).unwrap();
        html.split("<h1")
            .nth(1)
            .unwrap()
            .split("</h1>")
            .next()
            .unwrap()
            .to_string()
    };
    assert!(title("en/plain/index.html").ends_with(">Plain notes"));
    assert!(title("en/loose/index.html").ends_with(">loose"));
}
