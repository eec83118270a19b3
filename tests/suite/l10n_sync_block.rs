//! `folio l10n sync PAGE --block LINE`: a translator re-stamps the one block they
//! brought up to date; the page stays outdated for the others until each is done.

use std::path::Path;

use crate::common::{run, site, write};

const FRONT: &str = "+++\ntitle = \"Astreinte\"\nweight = 3\n+++\n\n";

fn changed_lines(root: &Path) -> (String, Vec<u64>) {
    let (out, err, _) = run(
        root,
        &["l10n", "status", "--format", "json", "--locale", "en"],
    );
    let parsed: serde_json::Value = serde_json::from_str(&out).expect(&err);
    let page = parsed[0]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == "astreinte.md")
        .unwrap()
        .clone();
    let lines = page["changed_blocks"]
        .as_array()
        .map(|b| b.iter().map(|c| c["line"].as_u64().unwrap()).collect())
        .unwrap_or_default();
    (page["state"].as_str().unwrap().to_string(), lines)
}

#[test]
fn single_blocks_are_re_stamped_one_by_one() {
    let dir = site("base");
    let root = dir.path();
    write(
        root,
        "content/fr/astreinte.md",
        &format!(
            "{FRONT}## Avant l'appel\n\nCharger le téléphone.\n\nGarder le numéro.\n\nNoter l'heure.\n"
        ),
    );
    write(
        root,
        "content/en/astreinte.md",
        "+++\ntitle = \"On call\"\nweight = 3\n+++\n\n## Before the call\n\nCharge the phone.\n\nKeep the number.\n\nNote the time.\n",
    );
    let (out, err, code) = run(root, &["l10n", "sync", "content/en/astreinte.md"]);
    assert_eq!(code, 0, "{out}{err}");
    // Two paragraphs change in the source (lines 8 and 10 of the file), one is added.
    write(
        root,
        "content/fr/astreinte.md",
        &format!(
            "{FRONT}## Avant l'appel\n\nCharger le téléphone la veille.\n\nGarder le numéro du support.\n\nNoter l'heure.\n\nRaccrocher.\n"
        ),
    );
    assert_eq!(changed_lines(root), ("outdated".into(), vec![8, 10, 14]));
    let page = "content/en/astreinte.md";
    let (out, err, code) = run(root, &["l10n", "sync", page, "--block", "8"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out,
        "content/fr/astreinte.md:8: changed paragraph re-stamped\n"
    );
    assert_eq!(changed_lines(root), ("outdated".into(), vec![10, 14]));
    // A block already current is named back with the ones left to do.
    let (_, err, code) = run(root, &["l10n", "sync", page, "--block", "12"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("content/fr/astreinte.md:12: the paragraph is current already")
            && err.contains("content/fr/astreinte.md:10, content/fr/astreinte.md:14"),
        "{err}"
    );
    let (out, err, code) = run(
        root,
        &["l10n", "sync", page, "--block", "10", "--block", "14"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(changed_lines(root), ("ok".into(), vec![]));
    // The rest of the page is as it was.
    let text = std::fs::read_to_string(root.join(page)).unwrap();
    assert!(
        text.starts_with("+++\ntitle = \"On call\"\nweight = 3\n"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "+++\n\n## Before the call\n\nCharge the phone.\n\nKeep the number.\n\nNote the time.\n"
        ),
        "{text}"
    );
}
