//! The whole of issue "existing docs come in unchanged", on a realistic book of our own:
//! the tally field guide (25 chapters in English, ten of them translated into French,
//! as two mdBook folders) is imported one locale after the other and built with its
//! PDFs. No error, and no warning but what Folio says it cannot carry; every heading
//! id a writer would copy from GitHub exists; links in mdBook's `.html` spelling,
//! includes, raw HTML figures and fence attributes arrive in the HTML.

use std::path::Path;

use crate::common;

/// Warnings a build of the tally books may give: each names something the import
/// report and the README list as not carried.
const NOT_CARRIED: &[&str] = &[
    // SVG in the PDF (the PDF frames the alt text in its place).
    "the PDF cannot print SVG pictures yet",
    // Characters outside the embedded fonts (CJK words in an English chapter).
    "no font of the PDF has",
    // mdBook's playground and tab-title directives.
    "`{{#playground}}` is not supported",
    "`{{#title}}` names only mdBook's browser tab",
    // The admonish preprocessor's fences.
    "no syntax highlighting for language `admonish`",
];

fn imported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (book, args) in [
        ("mdbook-book", vec![]),
        ("mdbook-book-fr", vec!["--locale", "fr"]),
    ] {
        common::folio()
            .args(["import", "mdbook"])
            .arg(common::fixtures().join(book))
            .arg("--into")
            .arg(dir.path().join("site"))
            .args(args)
            .assert()
            .success();
    }
    dir
}

fn page(public: &Path, url: &str) -> String {
    std::fs::read_to_string(public.join(url).join("index.html"))
        .unwrap_or_else(|e| panic!("{url}: {e}"))
}

#[test]
fn the_tally_books_import_and_build_with_nothing_but_what_cannot_be_carried() {
    let dir = imported();
    let site = dir.path().join("site");
    let out = site.join("public");
    let assert = common::folio()
        .args(["build", "--root"])
        .arg(&site)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let stderr = common::stderr(&assert);
    assert!(stderr.contains("0 errors"), "{stderr}");
    for line in stderr.lines().filter(|l| l.contains(": warning: ")) {
        assert!(
            NOT_CARRIED.iter().any(|known| line.contains(known)),
            "a warning outside the not-carried list: {line}\n{stderr}"
        );
    }
    assert!(has_pdf(&out, "en"));
    assert!(has_pdf(&out, "fr"));

    // Every heading keeps the id GitHub gives it (accents, `--`, `Rc<T>`, duplicates).
    for (locale, fixture) in [("en", "mdbook-book"), ("fr", "mdbook-book-fr")] {
        let expected = std::fs::read_to_string(
            common::fixtures()
                .join(fixture)
                .join("EXPECTED_ANCHORS.txt"),
        )
        .unwrap();
        let mut checked = 0;
        for line in expected.lines().filter(|l| !l.trim().is_empty()) {
            let fields: Vec<&str> = line.split('\t').collect();
            let (file, id) = (fields[0], fields[2]);
            let url = format!("{locale}/{}", file.trim_end_matches(".md"));
            let url = url.trim_end_matches("/index");
            let html = page(&out, url);
            assert!(
                html.contains(&format!(" id=\"{id}\"")),
                "{locale}/{file}: no heading id `{id}` ({})",
                fields[1]
            );
            checked += 1;
        }
        assert!(checked > 50, "{locale}: {checked}");
    }

    // `.html` links reach the pages; a link out of the book becomes a URL on its host.
    let intro = page(&out, "en/introduction");
    assert!(
        intro.contains("href=\"../installation/index.html\""),
        "{intro}"
    );
    let reports = page(&out, "en/reports");
    assert!(
        reports.contains("href=\"https://example.invalid/api/tally_core/index.html\""),
        "{reports}"
    );
    // Anchored and ranged includes hold the listing's lines, without ANCHOR comments.
    let first = page(&out, "en/first-count");
    assert!(first.contains("parse_args"), "{first}");
    // Raw HTML pictures are figures of the site, their files published beside.
    assert!(intro.contains("<figure"), "{intro}");
    assert!(out.join("en/img/flow.svg").is_file());
    // A titled fence shows its title; a page without front matter has its heading as title.
    assert!(
        std::fs::read_dir(out.join("en"))
            .unwrap()
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path().join("index.html")).ok())
            .any(|html| html.contains("class=\"code-title\"")),
        "no titled code block"
    );
    assert!(intro.contains("<h1 id=\"introduction\""), "{intro}");
    // The French book falls back to English for the chapters it lacks.
    let fallback = page(&out, "fr/caching");
    assert!(fallback.contains("l10n-banner"), "{fallback}");
}

fn has_pdf(out: &Path, locale: &str) -> bool {
    std::fs::read_dir(out.join(locale))
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.path().extension().is_some_and(|x| x == "pdf"))
}

/// `heading_ids = "ascii"` keeps the older transliterated ids for sites that want ASCII
/// URLs; the default is GitHub's.
#[test]
fn heading_ids_follow_the_configured_style() {
    for (style, id) in [
        (None, "dépannage-rapide"),
        (Some("ascii"), "depannage-rapide"),
    ] {
        let dir = common::site("base");
        if let Some(style) = style {
            let config = dir.path().join("folio.toml");
            let text = std::fs::read_to_string(&config).unwrap();
            std::fs::write(&config, format!("heading_ids = \"{style}\"\n{text}")).unwrap();
        }
        std::fs::write(
            dir.path().join("content/fr/aide.md"),
            "# Aide\n\n## Dépannage rapide\n\nVoir [ici](#".to_string() + id + ").\n",
        )
        .unwrap();
        let out = common::build(dir.path(), &["--no-pdf"]);
        let html = page(&out, "fr/aide");
        assert!(
            html.contains(&format!("<h2 id=\"{id}\"")),
            "{style:?}: {html}"
        );
    }
}
