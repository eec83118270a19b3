//! `folio import mdbook`: an mdBook of ours (`mdbook-small`, with a prefix chapter,
//! parts, chapters nested three deep, a draft and a suffix chapter, an image, a listing
//! included from outside src/, and settings Folio does not carry) becomes a site; its
//! partial French translation (`mdbook-small-fr`) becomes the site's second locale.
//! The report and the written folio.toml are golden; the site is then built.

use std::path::Path;

use scraper::{Html, Selector};

use crate::common;

/// A folder holding copies of both books, `book` and `book-fr`, where the commands run
/// (so the report shows short relative paths).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(
        &common::fixtures().join("mdbook-small"),
        &dir.path().join("book"),
    );
    common::copy_tree(
        &common::fixtures().join("mdbook-small-fr"),
        &dir.path().join("book-fr"),
    );
    dir
}

/// Runs `folio import mdbook ARGS...` in `dir`; returns (exit code, stdout, stderr).
fn import(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = common::folio()
        .current_dir(dir)
        .args(["import", "mdbook"])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The sidebar of a built page (see `common::sidebar`).
fn sidebar(file: &Path) -> Vec<String> {
    common::sidebar(&Html::parse_document(&read(file)))
}

#[test]
fn a_book_becomes_a_site_with_a_report_of_what_is_not_carried() {
    let dir = workspace();
    let (code, stdout, stderr) = import(dir.path(), &["book", "--into", "site"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    insta::assert_snapshot!("report", stdout);
    insta::assert_snapshot!("folio_toml", read(&dir.path().join("site/folio.toml")));
    let site = dir.path().join("site");
    assert_eq!(
        read(&site.join("locales/en/ui.ftl")),
        "# From the book's book.toml (`folio import mdbook`).\nsite-title = Kiln Handbook\nsite-description = Firing pottery with the kiln command.\n"
    );
    // Every file of src/ under its own name, byte for byte; the one page whose
    // {{#include}} climbs out of src/ points at the copy beside content/.
    for file in common::files_below(&dir.path().join("book/src")) {
        let copied = std::fs::read(site.join("content/en").join(&file)).unwrap();
        let original = std::fs::read(dir.path().join("book/src").join(&file)).unwrap();
        if file == "install/source.md" {
            assert_eq!(
                String::from_utf8(copied).unwrap(),
                String::from_utf8(original)
                    .unwrap()
                    .replace("../../listings/", "../../../listings/")
            );
        } else {
            assert_eq!(copied, original, "{file}");
        }
    }
    assert_eq!(
        read(&site.join("listings/build.sh")),
        read(&dir.path().join("book/listings/build.sh"))
    );
    // The playground's file is not included, so not copied.
    assert!(!site.join("listings/ramp.rs").exists());
}

#[test]
fn the_book_and_its_translation_build_as_a_bilingual_site() {
    let dir = workspace();
    let (code, _, stderr) = import(dir.path(), &["book", "--into", "site"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = import(dir.path(), &["book-fr", "--into", "site"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("report_fr", stdout);
    let site = dir.path().join("site");
    assert!(
        read(&site.join("folio.toml"))
            .contains("source_locale = \"en\"\nlocales = [\"en\", \"fr\"]\n")
    );

    let assert = common::folio()
        .args(["build", "--no-pdf", "--root"])
        .arg(&site)
        .assert()
        .success();
    let stderr = common::stderr(&assert);
    assert!(stderr.contains("0 errors"), "{stderr}");
    let public = site.join("public");

    assert_eq!(
        sidebar(&public.join("en/install/debian/index.html")),
        [
            "1 Introduction",
            "# Getting started",
            "1 Installing kiln",
            "2 From packages",
            "3 [Debian and Ubuntu]",
            "2 From source",
            "1 Your first batch",
            "# Going further",
            "1 Glazes",
            "1 (Firing schedules)",
            "1 Glossary",
        ]
    );
    // The French sidebar has SUMMARY.md's French words, translated or not yet.
    assert_eq!(
        sidebar(&public.join("fr/first-batch/index.html")),
        [
            "1 Introduction",
            "# Premiers pas",
            "1 Installer kiln",
            "1 [Votre première fournée]",
            "# Aller plus loin",
            "1 Émaux",
            "1 (Programmes de cuisson)",
            "1 Glossaire",
        ]
    );
    // Previous and next say what the sidebar says.
    let doc = Html::parse_document(&read(&public.join("fr/install/debian/index.html")));
    let pager: Vec<String> = doc
        .select(&Selector::parse(".pager .pager-title").unwrap())
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(pager, ["Par les paquets", "Depuis les sources"]);
    // Chapters not yet translated are the English pages, marked so, in their place.
    let banner = |path: &str| read(&public.join(path)).contains("class=\"l10n-banner\"");
    for untranslated in [
        "fr/install/packages/index.html",
        "fr/install/debian/index.html",
        "fr/install/source/index.html",
        "fr/glazes/index.html",
        "fr/glossary/index.html",
    ] {
        assert!(banner(untranslated), "{untranslated}");
    }
    for translated in [
        "fr/index.html",
        "fr/install/index.html",
        "fr/first-batch/index.html",
    ] {
        assert!(!banner(translated), "{translated}");
    }
    // The listing from outside src/ is included from its copy at the site's root.
    assert!(read(&public.join("en/install/source/index.html")).contains("a C compiler is needed"));
    // The picture is published beside its page; the outline is no page.
    assert!(public.join("en/images/loop.png").is_file());
    assert!(!public.join("en/SUMMARY").exists());
    // The language chooser leads to each locale's first chapter.
    assert!(read(&public.join("index.html")).contains("href=\"fr/index.html\""));
}

#[test]
fn the_locale_is_added_to_an_existing_site_with_its_comments() {
    let dir = workspace();
    common::folio()
        .current_dir(dir.path())
        .args(["init", "site"])
        .assert()
        .success();
    let before = read(&dir.path().join("site/folio.toml"));
    let (code, _, stderr) = import(dir.path(), &["book-fr", "--into", "site"]);
    assert_eq!(code, 0, "{stderr}");
    let after = read(&dir.path().join("site/folio.toml"));
    assert_eq!(
        after,
        before.replace("locales = [\"en\"]", "locales = [\"en\", \"fr\"]")
    );
    assert!(after.contains('#'), "{after}");
}

#[test]
fn a_folder_without_book_toml_or_summary_is_refused() {
    let dir = workspace();
    std::fs::remove_file(dir.path().join("book-fr/src/SUMMARY.md")).unwrap();
    let (code, stdout, stderr) = import(dir.path(), &["book-fr/src", "--into", "site"]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert!(
        stderr.starts_with("book-fr/src/book.toml:1:1: error: no book.toml in book-fr/src\n"),
        "{stderr}"
    );
    let (code, _, stderr) = import(dir.path(), &["book-fr", "--into", "site"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("book-fr/src/SUMMARY.md:1:1: error: no SUMMARY.md in book-fr/src/\n"),
        "{stderr}"
    );
    assert!(!dir.path().join("site").exists());
}

#[test]
fn a_different_file_is_never_overwritten_without_force() {
    let dir = workspace();
    let (code, _, _) = import(dir.path(), &["book", "--into", "site"]);
    assert_eq!(code, 0);
    // Importing again changes nothing and says so.
    let (code, stdout, _) = import(dir.path(), &["book", "--into", "site"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("; 10 already there"), "{stdout}");

    let edited = dir.path().join("site/content/en/glazes.md");
    std::fs::write(&edited, "# Glazes\n\nRewritten on the site.\n").unwrap();
    std::fs::write(
        dir.path().join("book/src/glossary.md"),
        "# Glossary\n\nChanged in the book.\n",
    )
    .unwrap();
    let (code, stdout, stderr) = import(dir.path(), &["book", "--into", "site"]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert_eq!(
        stderr
            .matches("error: exists and differs from the book's file")
            .count(),
        2,
        "{stderr}"
    );
    assert!(
        stderr.contains("site/content/en/glazes.md:1:1: error"),
        "{stderr}"
    );
    // Nothing was written: the changed glossary did not come in either.
    assert!(read(&edited).contains("Rewritten on the site."));
    assert!(!read(&dir.path().join("site/content/en/glossary.md")).contains("Changed"));

    let (code, stdout, _) = import(dir.path(), &["book", "--into", "site", "--force"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("8 already there, 2 overwritten"),
        "{stdout}"
    );
    assert!(read(&edited).contains("A glaze matures"));
}

/// The tally books (`mdbook-book`, and `mdbook-book-fr` whose SUMMARY.md lists only
/// its ten translated chapters): imported one after the other, built without an error.
#[test]
fn a_partial_translation_s_outline_is_followed_by_the_chapters_it_lacks() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(
        &common::fixtures().join("mdbook-book"),
        &dir.path().join("book"),
    );
    common::copy_tree(
        &common::fixtures().join("mdbook-book-fr"),
        &dir.path().join("book-fr"),
    );
    for book in ["book", "book-fr"] {
        let (code, _, stderr) = import(dir.path(), &[book, "--into", "site"]);
        assert_eq!(code, 0, "{stderr}");
    }
    let site = dir.path().join("site");
    let assert = common::folio()
        .args(["build", "--no-pdf", "--root"])
        .arg(&site)
        .assert()
        .success();
    let stderr = common::stderr(&assert);
    assert!(stderr.contains("0 errors"), "{stderr}");
    let public = site.join("public");
    // The French outline, then the English chapters it lacks, in the English order
    // and nesting (the Python helper under Reports).
    assert_eq!(
        sidebar(&public.join("fr/reports/python-helper/index.html")),
        [
            "1 Introduction",
            "# Premiers pas",
            "1 Installation",
            "1 Votre premier comptage",
            "1 Les bases de la configuration",
            "# Référence",
            "1 Référence de la ligne de commande",
            "1 Référence de la configuration",
            "1 (Extensions)",
            "1 Reports",
            "2 [The Python report helper]",
            "1 Caching and performance",
            "1 Triage rules",
            "1 Importing tickets",
            "1 Troubleshooting",
            "1 Reference overview",
            "1 Contributors",
            "1 Glossary",
        ]
    );
    // mdBook's `index.html` is the first chapter: `../index.html` leads there.
    for (locale, text) in [("en", "start of the book"), ("fr", "début du livre")] {
        let page = read(&public.join(format!("{locale}/install/linux/index.html")));
        let link = format!("<a href=\"../../introduction/index.html\">{text}</a>");
        assert!(page.contains(&link), "{page}");
    }
}
