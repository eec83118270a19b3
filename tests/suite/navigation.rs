//! The sidebar of a site with many sections: each page carries its own section and the
//! sections on either side; the full list is written once per locale and put in place
//! by `nav.js` (checked in headless Chromium), so output grows linearly with the site.

use crate::common;

fn built() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::many_sections(dir.path());
    common::build(dir.path(), &["--no-pdf"]);
    dir
}

#[test]
fn pages_carry_their_neighbourhood_and_the_full_list_is_shared() {
    let dir = built();
    let public = dir.path().join("public");
    let shared: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("nav/en.json")).unwrap()).unwrap();
    let entries = shared.as_array().unwrap();
    assert_eq!(entries.len(), 40);
    assert_eq!(entries[19][0], "Section 20");
    assert_eq!(entries[19][1], "en/s20/index.html");
    assert_eq!(entries[19][2], "s20");

    let page = std::fs::read_to_string(public.join("en/s20/p2/index.html")).unwrap();
    assert!(page.contains("data-nav=\"../../../nav/en.json\""), "{page}");
    let sidebar = page.split("<nav class=\"sidebar\"").nth(1).unwrap();
    let sidebar = sidebar.split("</nav>").next().unwrap();
    let titles: Vec<&str> = sidebar
        .split("\">")
        .skip(1)
        .filter_map(|s| s.split("</a>").next())
        .filter(|s| s.starts_with("Section") || s.starts_with("Page"))
        .collect();
    assert_eq!(
        titles,
        [
            "Section 1",
            "Section 19",
            "Section 20",
            "Page 20.1",
            "Page 20.2",
            "Page 20.3",
            "Section 21"
        ]
    );
}
