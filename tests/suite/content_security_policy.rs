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

#[test]
fn images_from_hosts_the_policy_blocks_are_reported() {
    let dir = site("base");
    let page = dir.path().join("content/en/guide.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!("{text}\n![Badge](https://img.example.test/a.svg) ![B](https://img.example.test/b.svg)\n\n![Cdn](https://cdn.example.test/c.png)\n"),
    )
    .unwrap();
    let stderr = |root: &Path| {
        let assert = common::folio()
            .args(["build", "--no-pdf", "--root"])
            .arg(root)
            .arg("--out")
            .arg(root.join("public"))
            .assert()
            .success();
        common::stderr(&assert)
    };
    let reported = stderr(dir.path());
    assert!(reported.contains("content/en/guide.md:11:1: warning: images from https://img.example.test are blocked by the pages' Content Security Policy (2 images in all)\n  hint: allow them in folio.toml: [html] csp_extra = \"img-src https://img.example.test\" (or csp = false)"), "{reported}");
    assert!(
        reported.contains("warning: images from https://cdn.example.test are blocked"),
        "{reported}"
    );
    // Allowed hosts are not reported.
    with_html_table(
        dir.path(),
        "csp_extra = \"img-src https://cdn.example.test *.example.test\"",
    );
    let reported = stderr(dir.path());
    assert!(!reported.contains("blocked"), "{reported}");
}
