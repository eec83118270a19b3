//! Code from files: mdBook's `{{#include}}` and `{{#rustdoc_include}}` in a book whose
//! examples live in `listings/` (tests/fixtures/includes): the code blocks hold exactly
//! the lines each form selects, hidden rustdoc lines reach neither the website nor the
//! PDF, listings are not published, and every broken include is reported at its place.

use std::path::Path;

use scraper::{Html, Selector};

use crate::common;

/// The includes fixture in a temporary folder, with the files of `overlay` over it.
fn book(overlay: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    common::copy_tree(&common::fixtures().join("includes"), dir.path());
    if let Some(overlay) = overlay {
        common::copy_tree(&common::fixtures().join(overlay), dir.path());
    }
    dir
}

/// The text of each code block of an output page, in order.
fn code_blocks(out: &Path, page: &str) -> Vec<String> {
    let html = std::fs::read_to_string(out.join(page)).unwrap();
    let doc = Html::parse_document(&html);
    doc.select(&Selector::parse("pre code").unwrap())
        .map(|code| code.text().collect())
        .collect()
}

#[test]
fn code_blocks_hold_the_lines_each_form_selects() {
    let dir = book(None);
    let out = common::build(dir.path(), &["--no-pdf"]);
    let blocks = code_blocks(&out, "en/index.html");
    let expected = [
        // hello.rs:main, without the `greet` anchor lines inside it
        "fn main() {\n    let name = env::args().nth(1).unwrap_or_else(|| \"world\".into());\n    println!(\"Hello, {name}!\");\n}\n",
        // hello.rs:greet
        "    let name = env::args().nth(1).unwrap_or_else(|| \"world\".into());\n    println!(\"Hello, {name}!\");\n",
        // stats.py:mean, a Python comment anchor
        "def mean(values):\n    return sum(values) / len(values)\n",
        // stats.py:9:10
        "def spread(values):\n    return max(values) - min(values)\n",
        // setup.sh:2:, included by an included Markdown file
        "cargo install folio\nfolio init book\n",
        // rustdoc_include words.rs:count: the lines outside the anchor are hidden
        "pub fn count_words(text: &str) -> BTreeMap<&str, usize> {\n    let mut counts = BTreeMap::new();\n    for word in text.split_whitespace() {\n        *counts.entry(word).or_insert(0) += 1;\n    }\n    counts\n}\n",
        // rustdoc_include snippet.rs: `# ` lines and a lone `#` hidden, `##` shown as `#`
        "let mut stock = BTreeMap::new();\nstock.insert(\"apples\", 3);\n#[allow(unused_variables)]\nlet unused = 0;\nassert_eq!(stock[\"apples\"], 3);\n",
    ];
    assert_eq!(blocks, expected);

    let html = std::fs::read_to_string(out.join("en/index.html")).unwrap();
    assert!(
        html.contains("Its first line, <code>use std::env;</code>, names"),
        "a one-line include in a code span"
    );
    assert!(
        html.contains("Install the tool, then make a book:"),
        "the included Markdown is part of the page"
    );
    assert!(
        html.contains("<code>{{#include ../../listings/hello.rs}}</code>"),
        "an escaped directive is kept as written, without its backslash"
    );
}

#[test]
fn paths_are_relative_to_the_including_page() {
    let dir = book(None);
    let out = common::build(dir.path(), &["--no-pdf"]);
    assert_eq!(
        code_blocks(&out, "en/chapter/ranges/index.html"),
        [
            "def spread(values):\n    return max(values) - min(values)\n",
            "\"\"\"Small statistics for the examples.\"\"\"\n",
            "#!/bin/sh\ncargo install folio\nfolio init book\n",
        ]
    );
}

#[test]
fn listings_are_read_not_published() {
    let dir = book(None);
    let out = common::build(dir.path(), &["--no-pdf"]);
    let published = common::files_below(&out);
    assert!(
        !published
            .iter()
            .any(|f| f.contains("listings") || f.ends_with(".rs") || f.ends_with(".py")),
        "{published:?}"
    );
}

#[test]
fn hidden_rustdoc_lines_are_not_in_the_pdf() {
    let dir = book(None);
    let out = common::build(dir.path(), &[]);
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(out.join("en/examples.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext is required (apt-get install poppler-utils)");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("stock.insert(\"apples\", 3);"), "{text}");
    assert!(text.contains("#[allow(unused_variables)]"), "{text}");
    for hidden in ["use std::collections::BTreeMap;", "counts_repeated_words"] {
        assert!(!text.contains(hidden), "`{hidden}` is hidden: {text}");
    }
}

/// Each broken include at the directive's file, line and column (in the included file
/// for a nested one), with its did-you-mean; and the line map at work: a dead link after
/// a seven-line listing is reported at its own line of the page, one in included
/// Markdown at its line of the included file.
#[test]
fn broken_includes_are_reported_where_they_are() {
    let dir = book(Some("include-errors"));
    let assert = common::folio()
        .args(["build", "--no-pdf", "--root"])
        .arg(dir.path())
        .assert()
        .code(1);
    insta::assert_snapshot!(common::stderr(&assert));
}

/// A translation records the hash of its source as a build reads it, included files
/// and all: synced, it is up to date; when a file the source includes changes, what
/// the source shows changed and the translation is outdated.
#[test]
fn translations_follow_what_their_source_includes() {
    let dir = common::site("base");
    let root = dir.path();
    std::fs::create_dir_all(root.join("listings")).unwrap();
    std::fs::write(root.join("listings/exemple.py"), "print('bonjour')\n").unwrap();
    let page = |title: &str| {
        format!(
            "+++\ntitle = \"{title}\"\nweight = 5\n+++\n\n```python\n{{{{#include ../../listings/exemple.py}}}}\n```\n"
        )
    };
    std::fs::write(root.join("content/fr/code.md"), page("Code")).unwrap();
    std::fs::write(root.join("content/en/code.md"), page("Code en")).unwrap();
    common::folio()
        .args(["l10n", "sync", "content/en/code.md", "--root"])
        .arg(root)
        .assert()
        .success();
    let out = common::build(root, &["--no-pdf"]);
    let html = std::fs::read_to_string(out.join("en/code/index.html")).unwrap();
    assert!(!html.contains("Outdated en"), "synced: up to date");
    std::fs::write(root.join("listings/exemple.py"), "print('salut')\n").unwrap();
    let out = common::build(root, &["--no-pdf"]);
    let html = std::fs::read_to_string(out.join("en/code/index.html")).unwrap();
    assert!(html.contains("Outdated en"), "the included file changed");
}
