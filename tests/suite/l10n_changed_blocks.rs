//! Each block of an outdated translation whose source changed or appeared since the
//! sync carries a discreet marker, and nothing else in a normal build: the banner
//! says how many. `serve --translator` adds the source's text now, with its word
//! diff when git knows the text at the sync; the PDF shows nothing of either.

use std::path::Path;

use crate::common::{build, outdated_translation, site};
use crate::serve::{get, serve_with};

const FRONT: &str = "+++\ntitle = \"Astreinte\"\nweight = 3\n+++\n\n";

const BEFORE: &str = "Introduction.\n\n## Avant l'appel\n\nCharger le téléphone.\n\nVérifier le réseau.\n\n## Pendant l'appel\n\nNoter l'heure.\n\n- Rester calme.\n- Prendre des notes.\n\n| Étape | Durée |\n|---|---|\n| Appel | 5 min |\n| Suivi | 1 jour |\n\n## Après l'appel\n\nRédiger un compte rendu.\n\n## Contacts\n\nLe support.\n\nL'astreinte de nuit.\n";

const TRANSLATION: &str = "+++\ntitle = \"On call\"\nweight = 3\n+++\n\nIntroduction.\n\n## Before the call\n\nCharge the phone.\n\nCheck the network.\n\n## During the call\n\nNote the time.\n\n- Stay calm.\n- Take notes.\n\n| Step | Time |\n|---|---|\n| Call | 5 min |\n| Follow-up | 1 day |\n\n## After the call\n\nWrite a report.\n\n## Contacts\n\nSupport.\n\nThe night on-call.\n";

/// A paragraph, a list item and a table row changed; a paragraph added after
/// "Rédiger un compte rendu.", the last one removed; the rest as it was.
const AFTER: &str = "Introduction.\n\n## Avant l'appel\n\nCharger le téléphone.\n\nVérifier le réseau mobile.\n\n## Pendant l'appel\n\nNoter l'heure.\n\n- Rester calme.\n- Prendre des notes datées.\n\n| Étape | Durée |\n|---|---|\n| Appel | 10 min |\n| Suivi | 1 jour |\n\n## Après l'appel\n\nRédiger un compte rendu.\n\nL'envoyer à l'équipe.\n\n## Contacts\n\nLe support.\n";

/// The base site with `astreinte.md` translated into English and outdated as above;
/// `in_git`: in a repository, so the source's text at the sync is known.
pub(crate) fn outdated_site(in_git: bool) -> tempfile::TempDir {
    let dir = site("base");
    outdated_translation(
        dir.path(),
        "astreinte.md",
        [
            &format!("{FRONT}{BEFORE}"),
            TRANSLATION,
            &format!("{FRONT}{AFTER}"),
        ],
        in_git,
    );
    dir
}

/// The text of each marked element of `html`, its source text (if any) left out.
fn marked(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(".l10n-changed").unwrap();
    doc.select(&selector)
        .map(|element| {
            let mut text = String::new();
            for node in element.descendants() {
                let inside_source = node.ancestors().any(|a| {
                    a.value().as_element().is_some_and(|e| {
                        e.has_class("l10n-source", scraper::CaseSensitivity::CaseSensitive)
                    })
                });
                if let Some(t) = node.value().as_text()
                    && !inside_source
                {
                    text.push_str(t);
                    text.push(' ');
                }
            }
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn page(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path).join("index.html")).unwrap()
}

/// The blocks the fixture's edits mark: three changed, the one before an added
/// paragraph, and the table row.
const MARKED: [&str; 5] = [
    "Check the network.",
    "Take notes.",
    "Call 5 min",
    "Write a report.",
    "The night on-call.",
];

#[test]
fn exactly_the_changed_blocks_are_marked() {
    let dir = outdated_site(false);
    let out = build(dir.path(), &["--no-pdf"]);
    let html = page(&out, "en/astreinte");
    // The added paragraph marks the one it follows.
    assert_eq!(marked(&html), MARKED, "{html}");
    assert!(
        html.contains("<p class=\"l10n-changed\">Check the network.</p>"),
        "{html}"
    );
    assert!(
        html.contains("<tr class=\"l10n-changed\"><td>Call</td>"),
        "{html}"
    );
    // The banner says how many, and still links to the sections.
    assert!(
        html.contains("<span class=\"l10n-changed-count\">5 passages of this translation are behind the original.</span>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"#before-the-call\">Before the call</a>, <a href=\"#during-the-call\">During the call</a>, <a href=\"#after-the-call\">After the call</a>, <a href=\"#contacts\">Contacts</a>"), "{html}");
    // A normal build carries no source text.
    assert!(!html.contains("l10n-source"), "{html}");
    assert!(!html.contains("réseau"), "{html}");
    assert!(!html.contains("tabindex=\"0\" aria-describedby"), "{html}");
    // Neither the source page nor an up-to-date translation is marked.
    assert!(!page(&out, "fr/astreinte").contains("l10n-changed"));
    assert!(!page(&out, "en/guide-en").contains("l10n-changed"));
}

#[test]
fn translator_mode_shows_each_changed_block_s_source_text() {
    let dir = outdated_site(true);
    let server = serve_with(dir.path(), &["--translator"]);
    let html = get(&server, "/en/astreinte/").2;
    assert_eq!(marked(&html), MARKED, "{html}");
    // The paragraph is focusable and described by the source's text, with its word
    // diff from git.
    let start = html.find("Check the network.").unwrap();
    let paragraph = &html[html[..start].rfind("<p").unwrap()..];
    let paragraph = &paragraph[..paragraph.find("</p>").unwrap()];
    assert!(
        paragraph.starts_with(
            "<p class=\"l10n-changed\" tabindex=\"0\" aria-describedby=\"l10n-source-3\">"
        ),
        "{paragraph}"
    );
    assert!(
        paragraph.contains("<span class=\"l10n-source\" role=\"tooltip\" id=\"l10n-source-3\"><span class=\"l10n-source-label\">The original now reads:</span><span class=\"l10n-source-text\" lang=\"fr\">Vérifier le <del>réseau.</del><ins>réseau mobile.</ins></span></span>"),
        "{paragraph}"
    );
    // An added block's text, beside the one it follows.
    assert!(
        html.contains("The original added, next to this passage:</span><span class=\"l10n-source-text\" lang=\"fr\">L&#39;envoyer à l&#39;équipe.</span>"),
        "{html}"
    );
    // A removed block's text at the sync.
    assert!(
        html.contains("The original no longer has this passage. It read:</span><span class=\"l10n-source-text\" lang=\"fr\">L&#39;astreinte de nuit.</span>"),
        "{html}"
    );
    // With the script that lets Escape hide it.
    assert!(html.contains("l10n-source.js\" defer></script>"), "{html}");
    // A row holds its source's text in its first cell.
    assert!(
        html.contains("<td>Call<span class=\"l10n-source\""),
        "{html}"
    );
}

/// The markers are the site's: the PDF of an outdated translation is the same, byte
/// for byte, as once it is synced again.
#[test]
fn the_pdf_shows_nothing_of_the_markers() {
    let dir = outdated_site(false);
    let root = dir.path();
    let guide = |out: &Path| {
        let pdfs: Vec<_> = std::fs::read_dir(out.join("en"))
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        assert_eq!(pdfs.len(), 1, "{pdfs:?}");
        // The page is in the guide, so the comparison below says something.
        let text = crate::common::pdf_tool("pdftotext", &["-q"], &pdfs[0], &["-"]);
        assert!(text.contains("Check the network."), "{text}");
        std::fs::read(&pdfs[0]).unwrap()
    };
    let out = build(root, &[]);
    assert!(page(&out, "en/astreinte").contains("l10n-changed"));
    let outdated = guide(&out);
    let (stdout, stderr, code) =
        crate::common::run(root, &["l10n", "sync", "content/en/astreinte.md"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let out = build(root, &[]);
    assert!(!page(&out, "en/astreinte").contains("l10n-changed"));
    assert!(outdated == guide(&out), "the PDF changed with the markers");
}
