//! The command line around the build: a new site from `folio init`, shell completions,
//! quiet and verbose output, colours off when piped.

use crate::common::{self, folio};

#[test]
fn init_makes_a_site_that_builds_without_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("guide");
    folio().arg("init").arg(&site).assert().success();
    let assert = folio()
        .arg("build")
        .arg("--root")
        .arg(&site)
        .assert()
        .success();
    let stderr = common::stderr(&assert);
    assert!(!stderr.contains("warning"), "{stderr}");
    for file in [
        "public/en/index.html",
        "public/en/getting-started/index.html",
        "public/en/my-guide.pdf",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    let page = std::fs::read_to_string(site.join("public/en/index.html")).unwrap();
    assert!(
        page.contains("data-tree=\"choose\""),
        "the example tree is embedded"
    );
    let paths = folio()
        .args(["trees", "paths", "choose", "--root"])
        .arg(&site)
        .assert()
        .success();
    assert_eq!(
        String::from_utf8(paths.get_output().stdout.clone())
            .unwrap()
            .lines()
            .count(),
        // The header, two paths, and the outcomes by rank.
        4
    );
}

#[test]
fn init_refuses_a_folder_with_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let assert = folio().arg("init").arg(dir.path()).assert().code(1);
    let stderr = common::stderr(&assert);
    assert!(
        stderr.contains("error: the folder is not empty"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "_folio()"),
        ("zsh", "#compdef folio"),
        ("fish", "complete -c folio"),
    ] {
        let assert = folio().args(["completions", shell]).assert().success();
        let script = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
        assert!(script.contains(marker), "{shell}");
        assert!(script.contains("l10n"), "{shell} completes subcommands");
    }
}

#[test]
fn quiet_verbose_and_no_colour_when_piped() {
    let dir = common::site("base");
    let quiet = folio()
        .args(["build", "-q", "--root"])
        .arg(dir.path())
        .assert()
        .success();
    assert!(quiet.get_output().stderr.is_empty());
    let verbose = folio()
        .args(["build", "-v", "--root"])
        .arg(dir.path())
        .assert()
        .success();
    let stderr = common::stderr(&verbose);
    for stage in ["load and check", "website", "PDF", "write"] {
        assert!(stderr.contains(stage), "{stage} timing in {stderr}");
    }
    assert!(!stderr.contains('\u{1b}'), "no colour codes when piped");
}

#[test]
fn no_pdf_builds_the_website_alone_without_links_to_pdfs() {
    let dir = common::site("base");
    let out = dir.path().join("out");
    folio()
        .args(["build", "-q", "--no-pdf", "--root"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let files = common::files_below(&out);
    assert!(files.iter().any(|f| f == "fr/guide/index.html"));
    assert!(!files.iter().any(|f| f.ends_with(".pdf")), "{files:?}");
    assert!(
        !std::fs::read_to_string(out.join("fr/guide/index.html"))
            .unwrap()
            .contains(".pdf")
    );
}

/// The body is spliced into the rendered page only when the theme prints it raw; a
/// theme that escapes or measures it gets it through the template, as written.
#[test]
fn a_theme_that_transforms_the_body_gets_the_real_body() {
    let dir = common::site("base");
    let templates = dir.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("page.html"),
        "<pre>{{ content }}</pre><main>{{ content | safe }}</main><i>{{ content | length }}</i>",
    )
    .unwrap();
    let out = common::build(dir.path(), &["--no-pdf"]);
    let page = std::fs::read_to_string(out.join("en/guide-en/index.html")).unwrap();
    let between = |open: &str, close: &str| {
        let start = page.find(open).unwrap() + open.len();
        page[start..start + page[start..].find(close).unwrap()].to_string()
    };
    let raw = between("<main>", "</main>");
    assert!(raw.contains("<h2") && raw.contains("Steps"), "{page}");
    let escaped = between("<pre>", "</pre>");
    assert!(
        escaped.contains("&lt;h2") && !escaped.contains('<'),
        "{page}"
    );
    assert_eq!(between("<i>", "</i>"), raw.chars().count().to_string());
    assert!(!page.contains("folio-content"), "{page}");
}

/// `folio l10n status | head -1`: the reader closes the pipe before the command has
/// written; the command still ends as it would have, without a panic.
#[test]
fn a_reader_that_closes_the_pipe_early_does_not_make_it_panic() {
    let root = common::repo_root();
    let root = root.to_str().unwrap();
    for args in [
        vec!["l10n", "status", "--root", root],
        vec!["completions", "bash"],
        vec!["trees", "paths", "priority", "--root", root],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("folio"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            output.status.code().is_some(),
            "{args:?}: killed by a signal"
        );
    }
}
