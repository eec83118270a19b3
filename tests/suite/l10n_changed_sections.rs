//! The outdated banner says where: an outdated translation's banner links to the
//! sections whose source blocks changed since the sync, and those sections' headings
//! carry a class (the blocks themselves carry the marker: `l10n_changed_blocks`);
//! sections left alone carry none.

use crate::common::{build, outdated_translation, site};

const FRONT: &str = "+++\ntitle = \"Astreinte\"\nweight = 3\n+++\n\n";

#[test]
fn the_banner_links_to_the_changed_sections() {
    let dir = site("base");
    let root = dir.path();
    // One paragraph changes in the first section, one is added to the third.
    outdated_translation(
        root,
        "astreinte.md",
        [
            &format!(
                "{FRONT}Introduction.\n\n## Avant l'appel\n\nCharger le téléphone.\n\n## Pendant l'appel\n\nNoter l'heure.\n\n## Après l'appel\n\nRédiger un compte rendu.\n"
            ),
            "+++\ntitle = \"On call\"\nweight = 3\n+++\n\nIntroduction.\n\n## Before the call\n\nCharge the phone.\n\n## During the call\n\nNote the time.\n\n## After the call\n\nWrite a report.\n",
            &format!(
                "{FRONT}Introduction.\n\n## Avant l'appel\n\nCharger le téléphone la veille.\n\n## Pendant l'appel\n\nNoter l'heure.\n\n## Après l'appel\n\nRédiger un compte rendu.\n\nL'envoyer à l'équipe.\n"
            ),
        ],
        false,
    );
    let out = build(root, &["--no-pdf"]);
    let html = std::fs::read_to_string(out.join("en/astreinte/index.html")).unwrap();
    assert!(
        html.contains("<span class=\"l10n-changed-sections\"><a href=\"#before-the-call\">Before the call</a>, <a href=\"#after-the-call\">After the call</a></span>"),
        "{html}"
    );
    assert!(
        html.contains("<h2 id=\"before-the-call\" class=\"l10n-changed-section\">"),
        "{html}"
    );
    assert!(html.contains("<h2 id=\"after-the-call\" class=\"l10n-changed-section\">"));
    assert!(html.contains("<h2 id=\"during-the-call\"><span"), "{html}");
    // The source page carries no marker.
    let fr = std::fs::read_to_string(out.join("fr/astreinte/index.html")).unwrap();
    assert!(!fr.contains("l10n-changed"));
}
