//! The pseudo-locale `qps-ploc` (`build --pseudo`, or `locales` listing it): made in
//! memory from the source locale, pages and messages accented and bracketed, kept out
//! of the sitemap, and nothing written into the site's sources.

use crate::common::{self, build, site, write};

#[test]
fn build_pseudo_on_the_default_site_has_no_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let assert = common::folio()
        .args(["build", "--pseudo", "--strict", "--root"])
        .arg(common::repo_root())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let stderr = common::stderr(&assert);
    assert!(
        !stderr.contains("error") && !stderr.contains("warning"),
        "{stderr}"
    );
    let home = std::fs::read_to_string(out.join("qps-ploc/index.html")).unwrap();
    assert!(home.contains("<html lang=\"qps-ploc\""), "{home}");
    // The site's title (a Fluent message) and the page's title (Markdown).
    assert!(home.contains("[Ĝûîðé ðû šûþþöŕţ Þŕéɱîûɱ ~~"), "{home}");
    // The guide is typeset too (its file name is the source's, not accented).
    let pdf = std::fs::read(out.join("qps-ploc/guide-support-premium.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        !sitemap.contains("qps-ploc"),
        "a development tool, not a language"
    );
    // Made in memory: no folder of its own in the sources.
    let root = common::repo_root();
    assert!(!root.join("content/qps-ploc").exists());
    assert!(!root.join("locales/qps-ploc").exists());
}

#[test]
fn listing_it_in_locales_builds_it_from_the_source_locale() {
    let dir = site("base");
    let root = dir.path();
    write(
        root,
        "folio.toml",
        "title = \"Fixture\"\nbase_url = \"https://docs.example.test/\"\nsource_locale = \"fr\"\nlocales = [\"fr\", \"en\", \"qps-ploc\"]\n",
    );
    write(
        root,
        "content/fr/code.md",
        "+++\ntitle = \"Code\"\n+++\n\nLancez `folio build` puis [la suite](guide.md#etapes).\n",
    );
    let out = build(root, &["--no-pdf", "--strict"]);
    let guide = std::fs::read_to_string(out.join("qps-ploc/guide/index.html")).unwrap();
    // French typography came with the source's text; the heading keeps its id.
    assert!(
        guide.contains("<h2 id=\"etapes\">[Éţáþéš ~~]<a class="),
        "{guide}"
    );
    assert!(
        guide.contains(
            "[Ţéẋţé\u{a0}: «\u{202f}çîţáţîöñ\u{202f}» éţ ǫûéšţîöñ\u{202f}? ~~~~ ~~~~ ~~~]"
        ),
        "{guide}"
    );
    // A message of the site's own locales/fr/ui.ftl.
    assert!(guide.contains("[Ļáñĝ-ƒŕ ~~~]"), "{guide}");
    // Code and link targets are left as they are.
    let code = std::fs::read_to_string(out.join("qps-ploc/code/index.html")).unwrap();
    assert!(code.contains("<code>folio build</code>"), "{code}");
    assert!(
        code.contains("href=\"../guide/index.html#etapes\">ļá šûîţé</a>"),
        "{code}"
    );
    assert!(!root.join("content/qps-ploc").exists());
    assert!(!root.join("locales/qps-ploc").exists());
    // Search engines are not told of it, and translators have nothing to do for it.
    let fr = std::fs::read_to_string(out.join("fr/guide/index.html")).unwrap();
    assert!(
        fr.contains("hreflang=\"en\" href=") && !fr.contains("hreflang=\"qps-ploc\" href=\"https"),
        "{fr}"
    );
    let chooser = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        chooser.contains("qps-ploc/index.html"),
        "the chooser lists it: {chooser}"
    );
    assert!(
        !chooser.contains("hreflang=\"qps-ploc\" href=\"https"),
        "{chooser}"
    );
    let (stdout, stderr, code) = common::run(root, &["l10n", "status"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        !stdout.contains("qps") && !stderr.contains("qps"),
        "{stdout}{stderr}"
    );
    let (stdout, stderr, code) = common::run(root, &["check"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn asking_for_the_pseudo_locale_alone_builds_it_from_its_source() {
    let dir = site("base");
    let out = build(
        dir.path(),
        &["--pseudo", "--locale", "qps-ploc", "--no-pdf", "--strict"],
    );
    let guide = std::fs::read_to_string(out.join("qps-ploc/guide/index.html")).unwrap();
    assert!(guide.contains("[Éţáþéš ~~]"), "{guide}");
    assert!(!out.join("en").exists(), "only what it is made of");
}
