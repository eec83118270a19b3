//! Input that once crashed the whole build: pages nested thousands deep. Parsing keeps
//! them flat past a bound, so every later stage (typography, links, HTML, search, the
//! PDF) walks a model of bounded depth; the build goes on with a warning.

use crate::common;

#[test]
fn pages_nested_thousands_deep_build_with_a_warning() {
    let dir = common::site("base");
    let pages = [
        (
            "quotes.md",
            format!("# Quotes\n\n{} deep\n", ">".repeat(5000)),
        ),
        (
            "lists.md",
            (0..3000)
                .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
                .fold("# Lists\n\n".to_string(), |page, line| page + &line),
        ),
        (
            "emphasis.md",
            format!("# Emphasis\n\n{}x{}\n", "*".repeat(4000), "*".repeat(4000)),
        ),
        (
            "links.md",
            format!(
                "# Links\n\n{}x{}\n",
                "[".repeat(3000),
                "](guide.md)".repeat(3000)
            ),
        ),
    ];
    for (name, text) in &pages {
        std::fs::write(dir.path().join("content/en").join(name), text).unwrap();
    }
    let out = dir.path().join("public");
    let assert = common::folio()
        .args(["build", "--root"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let stderr = common::stderr(&assert);
    // Where the 33rd level opens; links cannot nest in links, so that page is shallow.
    for place in ["quotes.md:3:32", "lists.md:34:63", "emphasis.md:3:"] {
        assert!(
            stderr.contains(&format!("content/en/{place}")),
            "{place}: {stderr}"
        );
    }
    for (name, _) in &pages {
        let page = name.trim_end_matches(".md");
        let html = std::fs::read_to_string(out.join(format!("en/{page}/index.html"))).unwrap();
        assert!(html.contains("</html>"), "{page}");
    }
    assert_eq!(
        stderr.matches("nesting deeper than 32 levels").count(),
        3,
        "{stderr}"
    );
    assert!(out.join("en").read_dir().unwrap().count() > 4);
}

/// A bug in one page's pipeline (a panic, injected here in debug builds) is an error
/// naming that page; the build exits 1 and the previous output stays untouched.
#[test]
fn a_panic_in_one_page_is_an_error_naming_it_and_the_output_is_kept() {
    let dir = common::site("base");
    let out = common::build(dir.path(), &["--no-pdf"]);
    let before = std::fs::read(out.join("en/guide-en/index.html")).unwrap();
    std::fs::write(
        dir.path().join("content/en/guide.md"),
        "+++\ntitle = \"Changed\"\n+++\nChanged.\n",
    )
    .unwrap();
    let assert = common::folio()
        .env("FOLIO_TEST_PANIC", "content/en/guide.md")
        .args(["build", "--no-pdf", "--root"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = common::stderr(&assert);
    assert!(
        stderr.contains(
            "content/en/guide.md:1:1: error: internal error while reading content/en/guide.md: injected by FOLIO_TEST_PANIC"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("this is a bug in Folio"), "{stderr}");
    assert_eq!(
        std::fs::read(out.join("en/guide-en/index.html")).unwrap(),
        before
    );
}
