//! Translators' workflow on a fixture site: every page state of `folio l10n status`
//! (text and JSON), `l10n sync` keeping the rest of a page intact, fallback and outdated
//! pages in the build, and a new locale right after `folio l10n add`.

use crate::common::{self, run, site, write};

/// The base fixture in every state: ok, outdated (one section changed), untracked,
/// missing, orphan; and an English message file the source locale lacks.
fn site_in_every_state() -> tempfile::TempDir {
    let dir = site("base");
    let root = dir.path();
    write(
        root,
        "content/fr/suivi.md",
        "+++\ntitle = \"Suivi\"\nweight = 3\n+++\n\nIntro.\n\n## Un {#un}\nPremier.\n\n## Deux {#deux}\nSecond.\n",
    );
    write(
        root,
        "content/en/suivi.md",
        "+++\ntitle = \"Follow-up\"\nweight = 3\n+++\n\nIntro.\n\n## One {#un}\nFirst.\n\n## Two {#deux}\nSecond.\n",
    );
    let (out, err, code) = run(
        root,
        &["l10n", "sync", "content/en/index.md", "content/en/suivi.md"],
    );
    assert_eq!(code, 0, "{out}{err}");
    // The source changes in one section after the sync.
    write(
        root,
        "content/fr/suivi.md",
        "+++\ntitle = \"Suivi\"\nweight = 3\n+++\n\nIntro.\n\n## Un {#un}\nPremier.\n\n## Deux {#deux}\nSecond, corrigé.\n",
    );
    write(
        root,
        "content/fr/nouveau.md",
        "+++\ntitle = \"Nouveau\"\nweight = 4\n+++\n\nUne page pas encore traduite, qui renvoie au [guide](guide.md#etapes).\n",
    );
    write(
        root,
        "content/en/ancien.md",
        "+++\ntitle = \"Old\"\nweight = 9\n+++\n\nIts source is gone.\n",
    );
    write(
        root,
        "locales/en/extra.ftl",
        "leftover = Not in the source\n",
    );
    dir
}

#[test]
fn status_names_every_state_in_text() {
    let dir = site_in_every_state();
    let (out, err, code) = run(dir.path(), &["l10n", "status"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!(out);
}

#[test]
fn status_in_json_is_stable() {
    let dir = site_in_every_state();
    let (out, _, _) = run(
        dir.path(),
        &["l10n", "status", "--format", "json", "--locale", "en"],
    );
    let parsed: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(parsed[0]["locale"], "en");
    insta::assert_snapshot!(out);
}

#[test]
fn strict_status_fails_on_anything_not_ok() {
    let dir = site_in_every_state();
    assert_eq!(run(dir.path(), &["l10n", "status", "--strict"]).2, 1);
    let clean = site("base");
    run(
        clean.path(),
        &["l10n", "sync", "content/en/index.md", "content/en/guide.md"],
    );
    let (out, err, code) = run(clean.path(), &["l10n", "status", "--strict"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("en: pages 2/2 ok (100%)"), "{out}");
}

#[test]
fn sync_keeps_the_rest_of_the_page_byte_for_byte() {
    let dir = site("base");
    let page = dir.path().join("content/en/guide.md");
    let before = std::fs::read_to_string(&page).unwrap();
    run(dir.path(), &["l10n", "sync", "content/en/guide.md"]);
    let after = std::fs::read_to_string(&page).unwrap();
    let (front, body) = before.split_at(before.find("\n+++\n").unwrap());
    assert!(after.starts_with(front), "front matter lines kept");
    assert!(after.ends_with(body.trim_start_matches('\n')), "body kept");
    assert!(after.contains("[l10n]\nsource_hash = "));
    // Syncing twice changes nothing more.
    run(dir.path(), &["l10n", "sync", "content/en/guide.md"]);
    assert_eq!(std::fs::read_to_string(&page).unwrap(), after);
}

#[test]
fn an_untranslated_page_falls_back_to_the_source_with_a_notice() {
    let dir = site_in_every_state();
    let out = common::build(dir.path(), &[]);
    let html = std::fs::read_to_string(out.join("en/nouveau/index.html")).unwrap();
    assert!(
        html.contains("<html lang=\"en\""),
        "the page is in the English site"
    );
    assert!(
        html.contains("<div class=\"content\" lang=\"fr\">"),
        "its text is marked French"
    );
    assert!(
        html.contains("Not translated en"),
        "the notice is in the reader's language"
    );
    assert!(
        html.contains("href=\"../../fr/nouveau/index.html\""),
        "it links to the original"
    );
    assert!(
        html.contains("href=\"../guide-en/index.html#etapes\""),
        "its links stay in the English site"
    );
    let source = std::fs::read_to_string(out.join("fr/nouveau/index.html")).unwrap();
    for page in [&html, &source] {
        assert!(
            !page.contains("<link rel=\"alternate\" hreflang=\"en\""),
            "the fallback is not advertised as a translation"
        );
    }
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://docs.example.test/fr/nouveau/\">"),
        "its canonical page is the original"
    );
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        !sitemap.contains("en/nouveau/"),
        "the sitemap leaves the fallback out"
    );
    let outdated = std::fs::read_to_string(out.join("en/suivi/index.html")).unwrap();
    assert!(
        outdated.contains("Outdated en"),
        "an outdated translation says so"
    );
}

#[test]
fn a_new_locale_builds_at_once() {
    let dir = site("base");
    let (out, err, code) = run(dir.path(), &["l10n", "add", "it"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("add_output", out);
    let config = std::fs::read_to_string(dir.path().join("folio.toml")).unwrap();
    assert!(
        config.contains("locales = [\"fr\", \"en\", \"it\"]"),
        "{config}"
    );
    let ui = std::fs::read_to_string(dir.path().join("locales/it/ui.ftl")).unwrap();
    assert!(
        ui.contains("# UNTRANSLATED\n# nav-next = Next fr")
            || ui.contains("# UNTRANSLATED\n# nav-next ="),
        "{ui}"
    );
    let public = common::build(dir.path(), &[]);
    let html = std::fs::read_to_string(public.join("it/guide/index.html")).unwrap();
    assert!(html.contains("<html lang=\"it\""));
    let (status, _, _) = run(dir.path(), &["l10n", "status", "--locale", "it"]);
    assert!(
        status.starts_with("it: pages 0/2 ok (0%): 0 outdated, 0 untracked, 2 missing"),
        "{status}"
    );
    assert_eq!(
        run(dir.path(), &["l10n", "add", "it"]).2,
        1,
        "adding twice is an error"
    );
    assert_eq!(run(dir.path(), &["l10n", "add", "not a tag"]).2, 1);
}

#[test]
fn a_translated_page_may_link_to_one_not_yet_translated() {
    let dir = site("base");
    std::fs::remove_file(dir.path().join("content/en/guide.md")).unwrap();
    let (_, stderr, code) = run(dir.path(), &["build", "--no-pdf"]);
    assert_eq!(code, 0, "{stderr}");
    // The English home page links to the French guide shown in English (its fallback).
    let home = std::fs::read_to_string(dir.path().join("public/en/index.html")).unwrap();
    assert!(home.contains("href=\"guide/index.html#etapes\""), "{home}");
    assert!(dir.path().join("public/en/guide/index.html").is_file());
}
