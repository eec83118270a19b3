//! The Content Security Policy in the published HTML: on every page by default,
//! extended by `[html] csp_extra`, left out with `csp = false`.

use std::path::Path;

use crate::common::{self, site};

const META: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

fn with_html_table(root: &Path, table: &str) {
    let config = root.join("folio.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\n[html]\n{table}\n")).unwrap();
}

#[test]
fn every_page_carries_the_policy() {
    let dir = site("base");
    let out = common::build(dir.path(), &["--no-pdf"]);
    for page in [
        "index.html",
        "fr/index.html",
        "en/guide-en/index.html",
        "404.html",
    ] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(
            html.contains(&format!("{META}default-src &#39;self&#39;; img-src &#39;self&#39; data:; object-src &#39;none&#39;; base-uri &#39;self&#39;; form-action &#39;self&#39;\">")),
            "{page}: {html}"
        );
    }
}

#[test]
fn csp_extra_extends_the_policy() {
    let dir = site("base");
    with_html_table(
        dir.path(),
        "csp_extra = \"img-src https://cdn.example.test\"",
    );
    let out = common::build(dir.path(), &["--no-pdf"]);
    let html = std::fs::read_to_string(out.join("fr/index.html")).unwrap();
    assert!(
        html.contains("img-src &#39;self&#39; data: https://cdn.example.test;"),
        "{html}"
    );
}

#[test]
fn csp_false_leaves_it_out() {
    let dir = site("base");
    with_html_table(dir.path(), "csp = false");
    let out = common::build(dir.path(), &["--no-pdf"]);
    let html = std::fs::read_to_string(out.join("fr/index.html")).unwrap();
    assert!(!html.contains("Content-Security-Policy"), "{html}");
}
