//! The raw-HTML policy on a site whose English pages come from a vendor
//! (`tests/fixtures/raw-html-policy`): French raw HTML is published as written, English
//! raw HTML is sanitized with a warning at the place of each removal, and `escape`
//! shows it as text.

use std::path::Path;

use crate::common::{self, folio, site};

/// Builds `root` without PDFs and returns its standard error; the build succeeds.
fn build(root: &Path) -> String {
    let assert = folio()
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(root.join("public"))
        .arg("--no-pdf")
        .assert()
        .success();
    common::stderr(&assert)
}

fn page(root: &Path, locale: &str) -> String {
    std::fs::read_to_string(
        root.join("public")
            .join(locale)
            .join("fournisseur/index.html"),
    )
    .expect("page built")
}

/// The `<main>` of a page, where the body is.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("main");
    let end = html.find("</main>").expect("main end");
    &html[start..end]
}

#[test]
fn a_vendor_locale_is_sanitized_and_the_source_is_not() {
    let dir = site("raw-html-policy");
    let stderr = build(dir.path());
    // The diagnostics, without the summary line's timing and temporary folder.
    let diagnostics: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("built "))
        .collect();
    insta::assert_snapshot!(diagnostics.join("\n"));

    let fr = page(dir.path(), "fr");
    assert!(fr.contains("<script>alert(\"fr\")</script>"), "{fr}");
    assert!(fr.contains("<kbd onclick=\"steal()\">C</kbd>"), "{fr}");

    let en = page(dir.path(), "en");
    let body = main_of(&en);
    for gone in [
        "<script",
        "alert(",
        "onclick",
        "onerror",
        "style=",
        "javascript:",
        "<iframe",
        "<form",
        "<input name=\"password\"",
    ] {
        assert!(!body.contains(gone), "{gone} in {body}");
    }
    for kept in [
        "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O.",
        "<details class=\"faq\">\n<summary>More</summary>",
        "<p>Some <em>Markdown</em> in a block.</p>",
        "</details>",
        "<img src=\"https://cdn.example.test/a.png\" alt=\"A diagram\">",
        "<figcaption>A <span class=\"note\">caption</span></figcaption>",
        "<a>a trap</a> and <a href=\"https://example.test/\" title=\"ok\">a link</a>",
        "<p>A Markdown trap too.</p>",
    ] {
        assert!(body.contains(kept), "{kept} not in {body}");
    }
}

#[test]
fn escape_shows_raw_html_as_text() {
    let dir = site("raw-html-policy");
    let config = dir.path().join("folio.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("en = \"sanitize\"", "en = \"escape\""),
    )
    .unwrap();
    let stderr = build(dir.path());
    assert!(!stderr.contains("removed"), "{stderr}");
    let en = page(dir.path(), "en");
    let body = main_of(&en);
    assert!(!body.contains("<script"), "{body}");
    assert!(
        body.contains("&lt;script&gt;alert(&quot;en&quot;)&lt;/script&gt;"),
        "{body}"
    );
    assert!(body.contains("Press &lt;kbd&gt;Ctrl&lt;/kbd&gt;"), "{body}");
    // Markdown between raw HTML blocks is still Markdown.
    assert!(
        body.contains("<p>Some <em>Markdown</em> in a block.</p>"),
        "{body}"
    );
}

#[test]
fn a_policy_for_an_unknown_locale_is_reported() {
    let dir = site("raw-html-policy");
    let config = dir.path().join("folio.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("en = \"sanitize\"", "en = \"sanitize\", de = \"escape\""),
    )
    .unwrap();
    let stderr = build(dir.path());
    assert!(
        stderr.contains("raw_html_locales names `de`, which is not in `locales`"),
        "{stderr}"
    );
}

/// Icon-font elements, as mdBook guides write them (`<i class="fa fa-github"></i>`),
/// show nothing in the site or the PDF: each is a warning at its place, with a hint,
/// whatever the policy but `escape` (which shows them as text); the build goes on.
#[test]
fn empty_icon_font_elements_are_warned_about() {
    let dir = site("raw-html-policy");
    let page = "+++\ntitle = \"Icons\"\n+++\n\nSource on <i class=\"fa fa-github\"></i> GitHub.\n\n\
                > <span class=\"fa fa-warning\"> </span> Check the fuse first.\n";
    common::write(dir.path(), "content/fr/icones.md", page);
    common::write(dir.path(), "content/en/icones.md", page);
    let stderr = build(dir.path());
    for file in ["content/fr/icones.md", "content/en/icones.md"] {
        assert!(
            stderr.contains(&format!(
                "{file}:5:11: warning: `<i class=\"fa fa-github\">` is an empty icon-font element: \
                 it shows nothing in the site or the PDF (Folio loads no icon font)"
            )),
            "{stderr}"
        );
        assert!(
            stderr.contains(&format!(
                "{file}:7:3: warning: `<span class=\"fa fa-warning\">` is an empty icon-font element"
            )),
            "{stderr}"
        );
    }
    assert!(
        stderr.contains(
            "hint: say what the icon meant in words, or use a Unicode symbol or an image"
        ),
        "{stderr}"
    );
}
