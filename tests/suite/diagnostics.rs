//! Bad input, one fixture per class: the exact diagnostics (file, line, column,
//! message, hint), exit code 1, and the previous output left exactly as it was.

use crate::common::{self, folio, site};

/// Builds the fixture over a `public/` holding one old file, and returns stderr.
fn build_failing(fixture: &str) -> String {
    let dir = site(fixture);
    let public = dir.path().join("public");
    std::fs::create_dir_all(public.join("fr")).unwrap();
    std::fs::write(public.join("fr/index.html"), "previous build").unwrap();
    let assert = folio()
        .arg("build")
        .arg("--root")
        .arg(dir.path())
        .assert()
        .code(1);
    let stderr = common::stderr(&assert);
    assert_eq!(
        common::files_below(&public),
        ["fr/index.html"],
        "a failed build must leave the previous output alone"
    );
    assert_eq!(
        std::fs::read_to_string(public.join("fr/index.html")).unwrap(),
        "previous build"
    );
    assert!(!dir.path().join("public.folio-new").exists());
    stderr
}

#[test]
fn front_matter_syntax_error() {
    insta::assert_snapshot!(build_failing("bad-front-matter"));
}

#[test]
fn unknown_front_matter_key() {
    insta::assert_snapshot!(build_failing("unknown-key"));
}

#[test]
fn unknown_yaml_front_matter_key() {
    insta::assert_snapshot!(build_failing("yaml-unknown-key"));
}

#[test]
fn invalid_utf8() {
    insta::assert_snapshot!(build_failing("invalid-utf8"));
}

#[test]
fn missing_locale_folder() {
    insta::assert_snapshot!(build_failing("missing-locale-folder"));
}

#[test]
fn fluent_syntax_error() {
    insta::assert_snapshot!(build_failing("ftl-syntax"));
}

#[test]
fn template_syntax_error() {
    insta::assert_snapshot!(build_failing("template-syntax"));
}

#[test]
fn message_defined_nowhere() {
    insta::assert_snapshot!(build_failing("unknown-message"));
}

#[test]
fn dead_links_and_anchors() {
    insta::assert_snapshot!(build_failing("dead-links"));
}

#[test]
fn every_mistake_of_a_run_is_reported_together() {
    let stderr = build_failing("many-errors");
    assert!(
        stderr.contains("content/en/guide.md:8:5: error"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/fr/guide.md:3:1: error"),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn unknown_code_language_is_a_warning_that_fails_only_under_strict() {
    let dir = site("unknown-language");
    let out = dir.path().join("out");
    let assert = folio()
        .args(["build", "-q", "--root"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let stderr = common::stderr(&assert);
    insta::assert_snapshot!(stderr);
    assert!(out.join("en/guide-en/index.html").is_file());
    folio()
        .args(["build", "--strict", "--root"])
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("strict"))
        .assert()
        .code(1);
    assert!(!dir.path().join("strict").exists());
}

#[test]
fn missing_config_is_reported_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let assert = folio()
        .arg("build")
        .arg("--root")
        .arg(dir.path())
        .assert()
        .code(1);
    let stderr = common::stderr(&assert);
    assert!(
        stderr.starts_with("folio.toml:1:1: error: no folio.toml in the site root"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    folio().args(["build", "--no-such-flag"]).assert().code(2);
}

#[test]
fn tree_texts_missing_in_the_source_locale_are_errors_elsewhere_warnings() {
    insta::assert_snapshot!(build_failing("tree-messages"));
}

#[test]
fn tree_outcome_links_must_reach_a_page_and_anchor() {
    insta::assert_snapshot!(build_failing("tree-links"));
}

#[test]
fn an_embedded_tree_must_exist() {
    insta::assert_snapshot!(build_failing("tree-embed"));
}

#[test]
fn a_character_no_pdf_font_has_is_a_warning_at_its_page() {
    let dir = site("pdf-glyph");
    let assert = folio()
        // What the machine has installed must not change the warning.
        .env("FOLIO_NO_SYSTEM_FONTS", "1")
        .args(["build", "-q", "--root"])
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("out"))
        .assert()
        .success();
    let stderr = common::stderr(&assert);
    insta::assert_snapshot!(stderr);
    assert!(
        dir.path().join("out/en/guide-en.pdf").is_file(),
        "the PDF is still written"
    );
}

#[test]
fn a_missing_cjk_font_skips_that_pdf_only_and_says_how_to_get_one() {
    let dir = site("cjk-font-missing");
    let out = dir.path().join("out");
    let assert = folio()
        .args(["build", "--root"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let stderr = common::stderr(&assert);
    assert!(
        stderr.contains("warning: no PDF for `ja`: the font fonts/missing-font.otf cannot be read"),
        "{stderr}"
    );
    assert!(
        stderr.contains("apt-get install fonts-noto-cjk"),
        "{stderr}"
    );
    assert!(
        out.join("ja/index.html").is_file(),
        "the Japanese pages are built"
    );
    assert!(
        out.join("fr/guide-fr.pdf").is_file() && out.join("en/guide-en.pdf").is_file(),
        "the other PDFs are built"
    );
    assert!(
        !common::files_below(&out)
            .iter()
            .any(|f| f.starts_with("ja/") && f.ends_with(".pdf"))
    );
    let page = std::fs::read_to_string(out.join("ja/index.html")).unwrap();
    assert!(
        !page.contains(".pdf"),
        "no link to a PDF that does not exist"
    );
}
