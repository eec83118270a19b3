//! Page titles as inline Markdown (issue 20, item 11): a front matter title
//! `` Sharing with `Rc<T>` and *weak* links `` shows its code and emphasis in the
//! page's `<h1>`, the sidebar and the pager, and is plain text where only text fits:
//! `<title>`, the search index and the PDF outline.

use crate::common;

/// The built fixture, and the temporary site that holds it.
fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = common::site("code-titles");
    let out = common::build(dir.path(), &[]);
    (dir, out)
}

#[test]
fn a_titles_code_shows_in_the_page_and_the_navigation_and_is_plain_elsewhere() {
    let (_dir, out) = built();
    let page = std::fs::read_to_string(out.join("en/sharing/index.html")).unwrap();
    assert!(
        page.contains("<h1>Sharing with <code>Rc&lt;T&gt;</code> and <em>weak</em> links</h1>"),
        "{page}"
    );
    assert!(
        page.contains("<title>Sharing with Rc&lt;T&gt; and weak links · "),
        "{page}"
    );
    assert!(!page.contains('`'), "no backtick is left: {page}");

    // Another page's sidebar and pager link to it with its code; in the sidebar's
    // link, a flex box, it is one item beside the chapter's number.
    let guide = std::fs::read_to_string(out.join("en/guide-en/index.html")).unwrap();
    let link = "Sharing with <code>Rc&lt;T&gt;</code> and <em>weak</em> links";
    assert!(
        guide.contains(&format!("><span>{link}</span></a>")),
        "the sidebar: {guide}"
    );
    assert!(
        guide.contains(&format!("<span class=\"pager-title\">{link}</span>")),
        "the pager: {guide}"
    );

    // The search index: the plain title, and where its code stands.
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("search/en/meta.json")).unwrap()).unwrap();
    let pages = meta["pages"].as_array().unwrap();
    let n = (pages.iter())
        .position(|p| p[1] == "Sharing with Rc<T> and weak links")
        .expect("the plain title in meta.json");
    assert_eq!(
        meta["title_code"][n.to_string()],
        serde_json::json!([[13, 18]])
    );
}

#[test]
fn the_pdf_outline_holds_the_plain_title() {
    let (_dir, out) = built();
    let pdf = out.join("en/guide-en.pdf");
    let json = std::process::Command::new("qpdf")
        .args(["--json", "--json-key=outlines"])
        .arg(&pdf)
        .output()
        .expect("qpdf runs");
    let text = String::from_utf8_lossy(&json.stdout);
    assert!(
        text.contains("\"title\": \"Sharing with Rc<T> and weak links\""),
        "{text}"
    );
    assert!(!text.contains('`'), "{text}");
}
