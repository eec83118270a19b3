//! Declared outcomes on a site of another organization: the `severity` fixture (three
//! severities shared through `_outcomes.toml`, an outcome of the tree's own, a four-way
//! question, results reached by two paths) builds without a warning and shows its
//! declared labels, badges and classes in the widget's markup and in the PDF steps;
//! a shared outcome no tree names is reported where it is declared, a label missing
//! in a locale as any tree text is.

use crate::common::{self, folio};

fn pdf_text(pdf: &std::path::Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is required (apt-get install poppler-utils)");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_tree_on_another_scale_builds_with_its_declared_outcomes() {
    let dir = common::site("severity");
    let assert = folio()
        .args(["build", "--strict", "--root"])
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("public"))
        .assert()
        .success();
    let stderr = common::stderr(&assert);
    assert!(!stderr.contains("warning"), "{stderr}");
    let public = dir.path().join("public");

    for (locale, severity_a, forum) in [
        ("fr", "Sévérité A", "Poser la question sur le forum"),
        ("en", "Severity A", "Ask on the forum"),
    ] {
        let html =
            std::fs::read_to_string(public.join(format!("{locale}/severite/index.html"))).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let select = |css: &str| -> Vec<String> {
            let selector = scraper::Selector::parse(css).unwrap();
            doc.select(&selector)
                .map(|e| e.text().collect::<String>())
                .collect()
        };
        // A shared outcome: its badge, its class's colour and its label.
        assert_eq!(
            select(
                "#dt-severity-blocked[data-verdict=sev-a][data-class=critical] .tree-badge.tree-badge-critical"
            ),
            ["A"]
        );
        assert_eq!(
            select("#dt-severity-blocked .tree-verdict-text"),
            [severity_a]
        );
        assert_eq!(
            select("#dt-severity-slowed .tree-badge.tree-badge-high"),
            ["B"]
        );
        // The tree's own outcome has no badge: only its label, in its class.
        assert!(select("#dt-severity-question .tree-badge").is_empty());
        assert_eq!(
            select("#dt-severity-question[data-class=info] .tree-verdict-text"),
            [forum]
        );
        // The four-way question keeps its four answers.
        assert_eq!(select("#dt-severity-scope .tree-answers a").len(), 4);
    }

    let fr = pdf_text(&public.join("fr/guide-fr.pdf"));
    for expected in [
        "Quelle sévérité donner",
        "Step 1 — Qui ne peut plus travailler ?",
        "Toute l’entreprise → Step 2",
        "Une équipe → Step 2",
        "— Sévérité A",
        "— Sévérité B",
        "— Sévérité C",
        "— Poser la question sur le forum",
    ] {
        assert!(fr.contains(expected), "`{expected}` in:\n{fr}");
    }
    let en = pdf_text(&public.join("en/guide-en.pdf"));
    assert!(en.contains("— Severity A"), "{en}");
}

#[test]
fn an_unused_shared_outcome_and_a_missing_label_are_reported() {
    let dir = common::site("severity");
    let shared = dir.path().join("content/decision-trees/_outcomes.toml");
    let mut text = std::fs::read_to_string(&shared).unwrap();
    text.push_str("\n[[outcome]]\nid = \"sev-d\"\nlabel = \"outcome-sev-d\"\nrank = 4\n");
    std::fs::write(&shared, text).unwrap();
    let en = dir.path().join("locales/en/decision-trees.ftl");
    let ftl = std::fs::read_to_string(&en)
        .unwrap()
        .replace("outcome-sev-b = Severity B\n", "");
    std::fs::write(&en, ftl).unwrap();
    // `check` fails on warnings.
    let assert = folio()
        .args(["check", "--root"])
        .arg(dir.path())
        .assert()
        .code(1);
    let stderr = common::stderr(&assert);
    assert!(
        stderr.contains(
            "content/decision-trees/_outcomes.toml:24:6: warning: outcome `sev-d` is declared but no tree uses it"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "locales/fr/decision-trees.ftl:17:1: warning: message `outcome-sev-b` is missing in locale `en`; using `fr`"
        ),
        "{stderr}"
    );
}

#[test]
fn an_outcome_of_no_declaration_fails_the_build_with_a_did_you_mean() {
    let dir = common::site("severity");
    let tree = dir.path().join("content/decision-trees/severity.toml");
    let text = std::fs::read_to_string(&tree)
        .unwrap()
        .replace("outcome = \"sev-c\"", "outcome = \"sev-cc\"");
    std::fs::write(&tree, text).unwrap();
    let stderr = common::failed_build(dir.path());
    assert!(
        stderr.contains(
            "content/decision-trees/severity.toml:46:11: error: outcome `sev-cc` is not declared"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `sev-c`?"), "{stderr}");
}

#[test]
fn a_label_missing_in_the_source_locale_is_an_error_at_the_declaration() {
    let dir = common::site("severity");
    let fr = dir.path().join("locales/fr/decision-trees.ftl");
    let ftl = std::fs::read_to_string(&fr)
        .unwrap()
        .replace("outcome-sev-a = Sévérité A\n", "");
    std::fs::write(&fr, ftl).unwrap();
    let stderr = common::failed_build(dir.path());
    assert!(
        stderr.contains(
            "content/decision-trees/_outcomes.toml:3:6: error: Fluent message `outcome-sev-a` is missing in the source locale `fr`"
        ),
        "{stderr}"
    );
}

#[test]
fn a_broken_shared_file_is_reported_once_not_at_every_result() {
    let dir = common::site("severity");
    let shared = dir.path().join("content/decision-trees/_outcomes.toml");
    let text = std::fs::read_to_string(&shared)
        .unwrap()
        .replace("class = \"high\"", "colour = \"high\"");
    std::fs::write(&shared, text).unwrap();
    let tree = dir.path().join("content/decision-trees/severity.toml");
    let text = std::fs::read_to_string(&tree)
        .unwrap()
        .replace("outcome = \"forum\"", "priority = \"p3\"");
    std::fs::write(&tree, text).unwrap();
    let assert = folio()
        .args(["check", "--root"])
        .arg(dir.path())
        .assert()
        .code(1);
    let stderr = common::stderr(&assert);
    assert!(
        stderr
            .contains("content/decision-trees/_outcomes.toml:13:1: error: unknown field `colour`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("known keys: id, label, rank, class, badge"),
        "{stderr}"
    );
    // The results naming shared outcomes are not reported as well.
    assert!(!stderr.contains("is not declared"), "{stderr}");
    // The shorthand's values are case-sensitive, and the hint says which was meant.
    assert!(
        stderr.contains("severity.toml:51:12: error: unknown priority `p3`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `P3`?"), "{stderr}");
}
