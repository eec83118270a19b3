//! Block-level translation tracking: `l10n status` on a page whose source gets one
//! paragraph changed, one added, one removed and two swapped after the sync (with the
//! word diff read from git), re-wrapping that changes nothing, `sync --trivial` and
//! `l10n: trivial` commits, and records written before blocks were tracked.

use std::path::Path;

use crate::common::{commit, git, run, site, write};

const FRONT: &str = "+++\ntitle = \"Astreinte\"\nweight = 3\n+++\n\n";

const BEFORE: &str = "## Avant l'appel {#avant}\n\nVérifier que le téléphone est chargé\net que le son est activé.\n\nGarder le numéro du support à portée de main.\n\n## Pendant l'appel\n\nNoter l'heure de début.\n\n- Rester calme.\n- Parler lentement.\n\n```sh\nfolio build\n```\n";

/// One paragraph changed, one added, one removed, two list items swapped; another
/// paragraph only re-wrapped.
const AFTER: &str = "## Avant l'appel {#avant}\n\nVérifier que le téléphone\nest chargé et que le son est activé.\n\nGarder le numéro du support technique à portée de main.\n\n## Pendant l'appel\n\n- Parler lentement.\n- Rester calme.\n\nRaccrocher poliment.\n\n```sh\nfolio build\n```\n";

/// The base site in git, with a translation synced to `BEFORE` and committed.
fn synced_site() -> tempfile::TempDir {
    let dir = site("base");
    synced(dir.path(), dir.path());
    dir
}

/// Writes the page and its translation in the site at `root`, in the repository at
/// `repo`, and syncs the translation.
fn synced(repo: &Path, root: &Path) {
    write(root, "content/fr/astreinte.md", &format!("{FRONT}{BEFORE}"));
    write(
        root,
        "content/en/astreinte.md",
        "+++\ntitle = \"On call\"\nweight = 3\n+++\n\n## Before the call {#avant}\n\nCheck that the phone is charged and its sound on.\n\nKeep the support number at hand.\n\n## During the call\n\nNote the starting time.\n\n- Stay calm.\n- Speak slowly.\n\n```sh\nfolio build\n```\n",
    );
    git(repo, &["init", "-q"]);
    commit(repo, "Astreinte");
    let (out, err, code) = run(root, &["l10n", "sync", "content/en/astreinte.md"]);
    assert_eq!(code, 0, "{out}{err}");
    commit(repo, "Sync");
}

fn page_status(root: &Path) -> serde_json::Value {
    let (out, err, _) = run(
        root,
        &["l10n", "status", "--format", "json", "--locale", "en"],
    );
    let parsed: serde_json::Value = serde_json::from_str(&out).expect(&err);
    parsed[0]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == "astreinte.md")
        .unwrap()
        .clone()
}

#[test]
fn sync_records_one_fingerprint_per_block() {
    let dir = synced_site();
    let page = std::fs::read_to_string(dir.path().join("content/en/astreinte.md")).unwrap();
    let line = page.lines().find(|l| l.starts_with("blocks = [")).unwrap();
    // Two headings, three paragraphs, two items, one code block.
    assert_eq!(line.matches('"').count(), 2 * 8, "{line}");
    assert_eq!(page_status(dir.path())["state"], "ok");
}

#[test]
fn status_says_what_changed_block_by_block() {
    let dir = synced_site();
    write(
        dir.path(),
        "content/fr/astreinte.md",
        &format!("{FRONT}{AFTER}"),
    );
    let (out, err, code) = run(dir.path(), &["l10n", "status", "--locale", "en"]);
    assert_eq!(code, 0, "{err}");
    let ours: String = out
        .lines()
        .skip_while(|l| !l.contains("astreinte.md"))
        .take_while(|l| {
            !l.starts_with("  ") || l.starts_with("            ") || l.contains("astreinte.md")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let json = page_status(dir.path());
    // The commit's hash changes with the time of the test run.
    let commit = json["source_commit"].as_str().unwrap();
    insta::assert_snapshot!(ours.replace(commit, "SYNCED"));
    assert_eq!(json["state"], "outdated");
    assert_eq!(
        json["blocks"],
        serde_json::json!({"current": 5, "changed": 1, "new": 1, "removed": 1, "moved": 1})
    );
    assert_eq!(
        json["changed_blocks"][0]["diff"],
        "Garder le numéro du support {+technique +}à portée de main."
    );
}

#[test]
fn rewrapping_and_moving_blocks_leave_a_page_current() {
    let dir = synced_site();
    let moved_and_rewrapped = BEFORE
        .replace(
            "Vérifier que le téléphone est chargé\net que",
            "Vérifier que le téléphone\nest   chargé et que",
        )
        .replace(
            "- Rester calme.\n- Parler lentement.",
            "- Parler lentement.\n- Rester calme.",
        );
    write(
        dir.path(),
        "content/fr/astreinte.md",
        &format!("{FRONT}{moved_and_rewrapped}"),
    );
    let json = page_status(dir.path());
    assert_eq!(json["state"], "ok", "{json}");
    assert_eq!(json["blocks"]["moved"], 1);
    assert_eq!(json["blocks"]["changed"], 0);
    // The built page agrees: no outdated banner.
    assert!(!built_page_is_outdated(dir.path()));
    write(
        dir.path(),
        "content/fr/astreinte.md",
        &format!("{FRONT}{}", moved_and_rewrapped.replace("calme", "serein")),
    );
    assert!(built_page_is_outdated(dir.path()));
}

/// Whether the English page, built, carries the outdated-translation banner.
fn built_page_is_outdated(root: &Path) -> bool {
    let out = tempfile::tempdir().unwrap();
    let (_, err, code) = run(
        root,
        &["build", "--no-pdf", "--out", out.path().to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(out.path().join("en/astreinte/index.html")).unwrap();
    html.contains("l10n-outdated")
}

#[test]
fn trivial_changes_flag_no_translation() {
    // With --trivial on the source page, every translation is re-stamped.
    let dir = synced_site();
    let typo = BEFORE.replace("Noter l'heure", "Noter  l'heure de début.\nNoter l'heure");
    write(
        dir.path(),
        "content/fr/astreinte.md",
        &format!("{FRONT}{typo}"),
    );
    assert_eq!(page_status(dir.path())["state"], "outdated");
    let (out, err, code) = run(
        dir.path(),
        &["l10n", "sync", "--trivial", "content/fr/astreinte.md"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "synced content/en/astreinte.md\n");
    assert_eq!(page_status(dir.path())["state"], "ok");
    // Without it, naming a source page is still an error.
    assert_eq!(
        run(dir.path(), &["l10n", "sync", "content/fr/astreinte.md"]).2,
        1
    );

    // A commit that says `l10n: trivial` flags nothing either; a later one does.
    let dir = synced_site();
    write(
        dir.path(),
        "content/fr/astreinte.md",
        &format!("{FRONT}{typo}"),
    );
    commit(dir.path(), "Typo\n\nl10n: trivial");
    let json = page_status(dir.path());
    assert_eq!(json["state"], "ok", "{json}");
    assert_eq!(json["trivial"], true);
    write(
        dir.path(),
        "content/fr/astreinte.md",
        &format!("{FRONT}{AFTER}"),
    );
    commit(dir.path(), "Rewrite");
    assert_eq!(page_status(dir.path())["state"], "outdated");
}

#[test]
fn records_without_blocks_are_compared_page_by_page() {
    let dir = synced_site();
    let path = dir.path().join("content/en/astreinte.md");
    let page = std::fs::read_to_string(&path).unwrap();
    let old_record: String = page
        .lines()
        .filter(|l| !l.starts_with("blocks = ["))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, old_record).unwrap();
    assert_eq!(page_status(dir.path())["state"], "ok");
    let moved = BEFORE.replace(
        "- Rester calme.\n- Parler lentement.",
        "- Parler lentement.\n- Rester calme.",
    );
    write(
        dir.path(),
        "content/fr/astreinte.md",
        &format!("{FRONT}{moved}"),
    );
    let json = page_status(dir.path());
    assert_eq!(json["state"], "outdated");
    assert!(json.get("blocks").is_none());
    assert_eq!(
        json["changed_sections"],
        serde_json::json!(["pendant-l-appel"])
    );
}

#[test]
fn a_site_in_a_folder_of_its_repository_gets_its_diffs() {
    let repo = tempfile::tempdir().unwrap();
    let root = repo.path().join("docs");
    crate::common::copy_tree(site("base").path(), &root);
    synced(repo.path(), &root);
    write(&root, "content/fr/astreinte.md", &format!("{FRONT}{AFTER}"));
    let json = page_status(&root);
    assert_eq!(
        json["changed_blocks"][0]["diff"],
        "Garder le numéro du support {+technique +}à portée de main."
    );
    write(
        &root,
        "content/fr/astreinte.md",
        &format!("{FRONT}{BEFORE}"),
    );
    let typo = BEFORE.replace("Noter l'heure", "Noter  l'heure de début.\nNoter l'heure");
    write(&root, "content/fr/astreinte.md", &format!("{FRONT}{typo}"));
    commit(repo.path(), "Typo\n\nl10n: trivial");
    assert_eq!(page_status(&root)["state"], "ok");
}
