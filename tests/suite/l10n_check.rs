//! `folio l10n check`, the QA gate: the default site passes; a fixture with one fault
//! of each kind (link, image, URL, inline code, headings, footnotes, tree embed, and
//! in Fluent missing and obsolete messages and attributes, variables, plural
//! variants, syntax) gets one diagnostic each (golden output); JSON names each
//! problem's check; `--min-complete` fails a locale with too few current blocks.

use std::collections::BTreeSet;

use crate::common::{repo_root, run, site, write};

#[test]
fn the_default_site_passes() {
    let (out, err, code) = run(&repo_root(), &["l10n", "check", "--min-complete", "100"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(err, "");
    for locale in ["en", "de", "ja"] {
        assert!(out.contains(&format!("{locale}: ")), "{out}");
        assert!(out.contains("(100%), 0 problems"), "{out}");
    }
}

#[test]
fn one_diagnostic_per_fault_with_golden_output() {
    let dir = site("l10n-check");
    let (out, err, code) = run(dir.path(), &["l10n", "check"]);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(out, "en: 0/13 blocks current (0%), 18 problems\n");
    insta::assert_snapshot!(err);
}

#[test]
fn json_names_the_check_of_each_problem() {
    let dir = site("l10n-check");
    let (out, err, code) = run(dir.path(), &["l10n", "check", "--format", "json"]);
    assert_eq!(code, 1, "{out}{err}");
    let parsed: serde_json::Value = serde_json::from_str(&out).expect(&err);
    let en = &parsed[0];
    assert_eq!(en["locale"], "en");
    assert_eq!(en["summary"]["problems"], 18);
    let checks: BTreeSet<&str> = en["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["check"].as_str().unwrap())
        .collect();
    assert_eq!(
        checks.into_iter().collect::<Vec<_>>(),
        [
            "code",
            "fluent-attribute",
            "fluent-missing",
            "fluent-obsolete",
            "fluent-plural",
            "fluent-syntax",
            "fluent-variable",
            "footnote",
            "headings",
            "image",
            "link",
            "tree",
            "url"
        ]
    );
    let first = &en["problems"][0];
    assert_eq!(first["file"], "content/en/court.md");
    assert_eq!(first["line"], 6);
    assert!(
        first["hint"]
            .as_str()
            .unwrap()
            .contains("content/fr/court.md")
    );
    // The problems are in the JSON, not said again on stderr.
    assert_eq!(err, "");
}

#[test]
fn min_complete_fails_a_locale_with_too_few_current_blocks() {
    let dir = site("base");
    let root = dir.path();
    let (out, err, code) = run(
        root,
        &["l10n", "sync", "content/en/index.md", "content/en/guide.md"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let (out, err, code) = run(root, &["l10n", "check", "--min-complete", "70"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "en: 3/3 blocks current (100%), 0 problems\n"),
        "{err}"
    );
    // One of the three source blocks changes: 66 % current.
    write(
        root,
        "content/fr/guide.md",
        "+++\ntitle = \"Guide\"\ndescription = \"Un guide.\"\nweight = 2\n+++\n\n## Étapes {#etapes}\n\nTexte : « citation » et autre question ?\n",
    );
    let (out, err, code) = run(root, &["l10n", "check", "--min-complete", "70"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("en: 2/3 blocks current (66%), 0 problems"),
        "{out}"
    );
    assert!(
        err.contains("folio.toml:4:1: error: locale `en` has 66 % of its source blocks current (2 of 3), below --min-complete 70"),
        "{err}"
    );
    let (_, err, code) = run(root, &["l10n", "check", "--min-complete", "60"]);
    assert_eq!(code, 0, "{err}");
}
