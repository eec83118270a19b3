//! Fluent messages are text wherever they land: a vendor's `.ftl` holding
//! `<script>` and quotes (`tests/fixtures/hostile-messages`) stays inert in the HTML
//! text, in attributes, in the strings the theme's scripts read, in the search
//! index and in the PDF.

use std::path::Path;

use crate::common::{self, site};

/// UI strings of the English fixture locale replaced by hostile ones.
const UI: &[(&str, &str)] = &[
    ("site-title", "Site <script>alert(4)</script> \"name\""),
    ("nav-label", "Nav \"><script>alert(5)</script>"),
    ("search-placeholder", "Find \" onfocus=\"alert(6)"),
    (
        "search-none",
        "None <img src=x onerror=alert(7)> for { $query }",
    ),
];

fn hostile_site() -> tempfile::TempDir {
    let dir = site("hostile-messages");
    let ftl = dir.path().join("locales/en/ui.ftl");
    let mut text: String = std::fs::read_to_string(&ftl)
        .unwrap()
        .lines()
        .filter(|l| !UI.iter().any(|(id, _)| l.starts_with(&format!("{id} ="))))
        .map(|l| format!("{l}\n"))
        .collect();
    for (id, value) in UI {
        text.push_str(&format!("{id} = {value}\n"));
    }
    std::fs::write(&ftl, text).unwrap();
    dir
}

/// Every `<script>` of a page is the theme's own, loaded from a file.
fn assert_no_injected_script(html: &str) {
    let doc = scraper::Html::parse_document(html);
    let scripts = scraper::Selector::parse("script").unwrap();
    for script in doc.select(&scripts) {
        assert!(
            script.value().attr("src").is_some() && script.inner_html().is_empty(),
            "{}",
            script.html()
        );
    }
    let handlers = scraper::Selector::parse("[onerror], [onfocus], img[src=x]").unwrap();
    assert_eq!(doc.select(&handlers).count(), 0, "{html}");
}

fn attr(html: &str, selector: &str, name: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).unwrap();
    (doc.select(&selector).next())
        .and_then(|e| e.value().attr(name))
        .unwrap_or_else(|| panic!("{selector:?} [{name}] in {html}"))
        .to_string()
}

fn text(html: &str, selector: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).unwrap();
    (doc.select(&selector).next())
        .map(|e| e.text().collect::<String>())
        .unwrap_or_else(|| panic!("{selector:?} in {html}"))
}

#[test]
fn messages_stay_text_in_html_attributes_and_script_strings() {
    let dir = hostile_site();
    let out = common::build(dir.path(), &["--no-pdf"]);
    let html = std::fs::read_to_string(out.join("en/tree/index.html")).unwrap();
    assert_no_injected_script(&html);
    // HTML text: as written, once parsed.
    assert!(
        text(&html, ".brand").contains("Site <script>alert(4)</script> \"name\""),
        "{html}"
    );
    assert!(text(&html, ".decision-tree").contains("Help <script>alert(1)</script> \"title\""));
    assert!(text(&html, ".decision-tree").contains("Outcome <script>alert(3)</script>."));
    // Attributes: the whole message is the value, quotes included.
    assert_eq!(
        attr(&html, "nav.sidebar", "aria-label"),
        "Nav \"><script>alert(5)</script>"
    );
    assert_eq!(
        attr(&html, ".search-input", "placeholder"),
        "Find \" onfocus=\"alert(6)"
    );
    // Strings the theme's scripts read (and put in place as text, never as HTML).
    assert!(
        attr(&html, "form.search", "data-none")
            .starts_with("None <img src=x onerror=alert(7)> for "),
        "{html}"
    );
    for script in ["search.js", "decision-tree.js", "nav.js"] {
        let code = std::fs::read_to_string(out.join("static").join(script)).unwrap();
        for sink in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
        ] {
            assert!(!code.contains(sink), "{script} uses {sink}");
        }
    }
}

#[test]
fn messages_stay_text_in_the_search_index() {
    let dir = hostile_site();
    let out = common::build(dir.path(), &["--no-pdf"]);
    let mut found = false;
    for file in common::files_below(&out.join("search/en")) {
        let path = out.join("search/en").join(&file);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if text.contains("alert(") {
            found = true;
            // JSON, whose strings hold the text as written.
            let value: serde_json::Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{file} is not JSON ({e}): {text}"));
            assert!(value.to_string().contains("alert("), "{file}");
        }
    }
    assert!(found, "the tree's texts are indexed");
}

#[test]
fn messages_are_printed_as_written_in_the_pdf() {
    let dir = hostile_site();
    let out = common::build(dir.path(), &[]);
    let pdf = find_pdf(&out.join("en"));
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext is required (apt-get install poppler-utils)");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("<script>alert(1)</script>"), "{text}");
    assert!(
        text.contains("Outcome <script>alert(3)</script>."),
        "{text}"
    );
}

fn find_pdf(dir: &Path) -> std::path::PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("a PDF")
}
