//! Stable anchors across locales: a translated heading answers to its source
//! heading's id too (an empty span inside it), so links naming the source's id
//! resolve in every locale; source pages and fallbacks carry the source ids already.

use crate::common::{build, site, write};

#[test]
fn a_translated_heading_answers_to_its_source_id() {
    let dir = site("base");
    let root = dir.path();
    // The English heading gets its own id, `steps`; index.md still links to
    // guide.md#etapes, the French heading's id.
    write(
        root,
        "content/en/guide.md",
        "+++\ntitle = \"Guide\"\nweight = 2\nslug = \"guide-en\"\n+++\n\n## Steps\n\nText.\n",
    );
    let out = build(root, &["--no-pdf", "--strict"]);
    let en = std::fs::read_to_string(out.join("en/guide-en/index.html")).unwrap();
    assert!(
        en.contains("<h2 id=\"steps\"><span class=\"anchor-alias\" id=\"etapes\"></span>"),
        "{en}"
    );
    let fr = std::fs::read_to_string(out.join("fr/guide/index.html")).unwrap();
    assert!(!fr.contains("anchor-alias"));
    // The switcher on the French page tells which ids the English page has.
    assert!(fr.contains("data-anchors=\"steps etapes\""), "{fr}");
    let index = std::fs::read_to_string(out.join("en/index.html")).unwrap();
    assert!(index.contains("guide-en/index.html#etapes"), "{index}");
}

#[test]
fn a_fallback_page_keeps_the_source_ids() {
    let dir = site("base");
    let root = dir.path();
    std::fs::remove_file(root.join("content/en/guide.md")).unwrap();
    let out = build(root, &["--no-pdf"]);
    let en = std::fs::read_to_string(out.join("en/guide/index.html")).unwrap();
    assert!(en.contains("<h2 id=\"etapes\">"), "{en}");
    assert!(!en.contains("anchor-alias"));
}
