//! A decision tree validation rejects, drawn for its writer: `folio trees graph` prints
//! the broken tree with its faults in red and exits 1 with the diagnostics, and
//! `folio serve` shows the same drawing in its error overlay beside them.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{self, folio};
use crate::diagrams::served;

/// The severity tree with the three faults a writer makes: `nobody` leads to a
/// misspelt id, `yes` back up to the start, and a result no answer reaches.
fn break_rules(root: &Path) {
    let rules = root.join("content/decision-trees/severity.toml");
    let text = std::fs::read_to_string(&rules).unwrap();
    let broken = text
        .replace(
            "label = \"severity-scope-nobody\", next = \"question\" }",
            "label = \"severity-scope-nobody\", next = \"questoin\" }",
        )
        .replace(
            "{ id = \"yes\", label = \"severity-yes\", next = \"slowed\" }",
            "{ id = \"yes\", label = \"severity-yes\", next = \"scope\" }",
        );
    assert_ne!(broken, text, "the fixture changed: update the replacements");
    std::fs::write(&rules, broken).unwrap();
}

/// What each fault looks like in the SVG.
const FAULTS: [&str; 3] = [
    "data-edge=\"scope:nobody\" data-to=\"questoin\" data-fault=\"missing\"",
    "data-edge=\"workaround:yes\" data-to=\"scope\" data-fault=\"cycle\"",
    "data-node=\"slowed\" data-path=\"\" data-fault=\"unreachable\"",
];

#[test]
fn trees_graph_draws_a_broken_tree_and_fails_with_its_diagnostics() {
    let dir = common::site("severity");
    break_rules(dir.path());
    let run = |format: &str| {
        let output = folio()
            .args([
                "trees", "graph", "severity", "--locale", "en", "--format", format,
            ])
            .arg("--root")
            .arg(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        (
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    let (svg, stderr) = run("svg");
    for said in [
        "leads to `questoin`, which does not exist",
        "node `slowed` cannot be reached",
        "leads back to `scope`: the tree has a cycle",
    ] {
        assert!(stderr.contains(said), "{said} in {stderr}");
    }
    assert!(svg.starts_with("<svg "), "{svg}");
    for fault in FAULTS {
        assert!(svg.contains(fault), "{fault} in {svg}");
    }
    assert!(svg.contains(">missing: questoin</tspan>"), "{svg}");
    assert!(svg.contains(">unreachable</tspan>"), "{svg}");
    // Its description fits a file of its own: no boxes to choose, no steps beside it.
    assert!(!svg.contains("Choose a box"), "{svg}");
    assert!(
        svg.contains("each arrow an answer leading to the next box"),
        "{svg}"
    );

    let (dot, _) = run("dot");
    assert!(
        dot.contains("\"workaround\" -> \"scope\" [label=\"Yes\", color=\"#b42318\""),
        "{dot}"
    );
    assert!(
        dot.contains("\"questoin\" [label=\"missing: questoin\", style=\"rounded,dashed\""),
        "{dot}"
    );
    let (mermaid, _) = run("mermaid");
    assert!(
        mermaid.contains("  classDef fault stroke:#b42318"),
        "{mermaid}"
    );
    assert!(mermaid.contains("  linkStyle "), "{mermaid}");
}

#[test]
fn serve_draws_a_broken_tree_in_red_in_its_error_overlay() {
    let dir = common::site("severity");
    let server = crate::serve::serve(dir.path());
    let wait = |what: &str, probe: &dyn Fn(&str) -> bool| {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(8) {
            let page = served(&server.address, "/en/severite/");
            if probe(&page) {
                return page;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("{what} did not show within 8 s");
    };
    wait("the page", &|page| page.contains("class=\"tree-diagram"));
    break_rules(dir.path());
    let page = wait("the overlay's diagram", &|page| {
        page.contains("class=\"folio-errors-diagram\"")
    });
    let overlay = &page[page.find("<div id=\"folio-errors\"").expect("overlay")..];
    assert!(overlay.contains("which does not exist"), "{overlay}");
    assert!(
        overlay.contains("<figcaption>content/decision-trees/severity.toml: what parsed, the faults in red</figcaption><svg "),
        "{overlay}"
    );
    for fault in FAULTS {
        assert!(overlay.contains(fault), "{fault} in {overlay}");
    }
    assert!(overlay.contains("stroke=\"#b42318\""), "{overlay}");
    // Red in both schemes, whatever the theme says about the chart.
    let css = served(&server.address, "/__folio/errors.css");
    assert!(css.contains("#folio-errors .tree-diagram-fault .tree-diagram-line{stroke:#b42318}"));
    assert!(css.contains("@media (prefers-color-scheme:dark){"));
    assert!(css.contains("#folio-errors .tree-diagram-fault .tree-diagram-line{stroke:#ff8a80}"));

    // Mended, the overlay and its diagram go.
    let rules = dir.path().join("content/decision-trees/severity.toml");
    let text = std::fs::read_to_string(&rules).unwrap();
    std::fs::write(
        &rules,
        text.replace("next = \"questoin\"", "next = \"question\"")
            .replace("next = \"scope\" }", "next = \"slowed\" }"),
    )
    .unwrap();
    wait("the mended page", &|page| {
        !page.contains("folio-errors") && page.contains("class=\"tree-diagram")
    });
}
