//! Script-aware text: a soft line break between two CJK characters adds no space in
//! Japanese, in the HTML and in the PDF (read back with pdftotext), while French and a
//! break next to Latin keep theirs; code is set left to right in right-to-left pages.

use std::path::Path;
use std::process::Command;

use crate::common;

fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-raw"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is required (apt-get install poppler-utils)");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_soft_break_between_cjk_characters_adds_no_space() {
    let dir = common::site_with_japanese_fonts("script-text");
    let out = common::build(dir.path(), &[]);
    let html = std::fs::read_to_string(out.join("ja/index.html")).unwrap();
    assert!(html.contains("日本語の文は途中で改行しても"), "{html}");
    assert!(
        html.contains("<strong>強調した語</strong>の後でも同じです。"),
        "{html}"
    );
    assert!(
        html.contains("Folio の\nbuild コマンド"),
        "a break next to Latin stays: {html}"
    );
    let french = std::fs::read_to_string(out.join("fr/index.html")).unwrap();
    assert!(french.contains("coupée\nen deux lignes"), "{french}");

    let pdfs: Vec<_> = walk(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf") && p.to_string_lossy().contains("ja"))
        .collect();
    assert!(!pdfs.is_empty(), "a Japanese PDF is built");
    let text: String = pdfs.iter().map(|p| pdf_text(p)).collect();
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("途中で改行しても"), "{flat}");
    assert!(flat.contains("の後でも同じです"), "{flat}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn code_is_left_to_right_in_right_to_left_pages() {
    let dir = common::site("rtl");
    std::fs::write(
        dir.path().join("content/ar/code.md"),
        "+++\ntitle = \"الشيفرة\"\nweight = 5\n+++\n\nشغّل `folio build` ثم انشر.\n\n```sh\nfolio build --out public\n```\n",
    )
    .unwrap();
    let out = common::build(dir.path(), &[]);
    let html = std::fs::read_to_string(out.join("ar/code/index.html")).unwrap();
    assert!(
        html.contains("<code dir=\"ltr\">folio build</code>"),
        "{html}"
    );
    assert!(
        html.contains("<pre tabindex=\"0\" dir=\"ltr\"><code"),
        "{html}"
    );
}
