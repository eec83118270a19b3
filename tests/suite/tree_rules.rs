//! Decision-tree rules files: one fixture per validation, with the exact diagnostics
//! (file, line, column, message, hint) as snapshots.

use crate::common;
use folio::diagnostic::{Diagnostics, render};
use folio::model::SourceFile;
use folio::parse::{decision_tree, outcomes};

/// Parses `tests/fixtures/trees/<name>.toml` as `content/decision-trees/<name>.toml`.
fn diagnostics_of(name: &str) -> String {
    let text =
        std::fs::read_to_string(common::fixtures().join(format!("trees/{name}.toml"))).unwrap();
    let file = SourceFile {
        path: format!("content/decision-trees/{name}.toml"),
        text,
    };
    let diagnostics = Diagnostics::new();
    decision_tree::parse(&file, Some(&[]), &diagnostics);
    render(&diagnostics.into_sorted(), false)
}

macro_rules! rule {
    ($test:ident, $fixture:literal, $expect:literal) => {
        #[test]
        fn $test() {
            let output = diagnostics_of($fixture);
            assert!(
                output.contains($expect),
                "expected `{}` in:\n{output}",
                $expect
            );
            insta::assert_snapshot!(output);
        }
    };
}

rule!(
    unknown_key,
    "unknown-key",
    "content/decision-trees/unknown-key.toml:10:28: error: unknown field `nxt`"
);
rule!(
    duplicate_node_id,
    "duplicate-node",
    ":19:6: error: node id `o` is used twice"
);
rule!(
    duplicate_answer_id,
    "duplicate-answer",
    ":10:10: error: answer id `yes` is used twice in `q`"
);
rule!(
    missing_start,
    "missing-start",
    ":1:1: error: the tree has no `start`"
);
rule!(
    unknown_start,
    "unknown-start",
    ":3:9: error: start node `qestion` does not exist"
);
rule!(
    next_pointing_nowhere,
    "next-nowhere",
    ":10:35: error: answer `b` of `q` leads to `outcom`, which does not exist"
);
rule!(
    unreachable_node,
    "unreachable",
    ":19:6: error: node `orphan` cannot be reached from the start `q`"
);
rule!(
    cycle,
    "cycle",
    ":17:39: error: answer `again` of `second` leads back to `first`"
);
rule!(
    question_with_one_answer,
    "one-answer",
    ":6:6: error: question `q` has 1 answer"
);
rule!(
    outcome_with_answers,
    "outcome-with-answers",
    ":8:12: error: node `q` has both answers and an outcome"
);
rule!(
    leaf_that_is_not_an_outcome,
    "leaf-not-outcome",
    ":19:6: error: node `maybe` is a leaf but not an outcome"
);
rule!(
    unknown_priority,
    "unknown-priority",
    ":16:12: error: unknown priority `P5`"
);
rule!(
    unknown_action,
    "unknown-action",
    ":16:10: error: unknown action `escalte`"
);
rule!(
    ids_fit_in_urls,
    "bad-ids",
    ":6:6: error: node id `Question_1` has characters other than a-z, 0-9 and -"
);

#[test]
fn the_default_trees_are_valid() {
    let shared = outcomes::parse_shared(
        &SourceFile {
            path: "content/decision-trees/_outcomes.toml".into(),
            text: std::fs::read_to_string(
                common::repo_root().join("content/decision-trees/_outcomes.toml"),
            )
            .unwrap(),
        },
        &Diagnostics::new(),
    )
    .expect("the shared outcomes parse");
    assert_eq!(shared.len(), 4);
    for name in ["priority", "escalation"] {
        let path = common::repo_root().join(format!("content/decision-trees/{name}.toml"));
        let file = SourceFile {
            path: format!("content/decision-trees/{name}.toml"),
            text: std::fs::read_to_string(path).unwrap(),
        };
        let diagnostics = Diagnostics::new();
        let tree = decision_tree::parse(&file, Some(&shared), &diagnostics).expect("parses");
        assert!(diagnostics.into_sorted().is_empty());
        assert!(tree.paths().len() >= 5);
    }
}

rule!(
    unknown_outcome_has_a_did_you_mean,
    "unknown-outcome",
    ":30:11: error: outcome `sev-bb` is not declared"
);
rule!(
    an_outcome_nothing_declares_says_how_to_declare_it,
    "undeclared-outcome",
    ":16:11: error: outcome `sev-a` is not declared"
);
rule!(
    a_declared_outcome_no_result_uses_is_a_warning,
    "unused-outcome",
    ":14:6: warning: outcome `maybe-plan` is declared but no result uses it"
);
rule!(
    bad_outcome_declarations_are_errors_at_their_place,
    "bad-outcome",
    ":8:8: error: outcome rank `-1` is not 1 or more"
);

fn source(path: &str, text: &str) -> SourceFile {
    SourceFile {
        path: path.into(),
        text: text.into(),
    }
}

const TWO_RESULTS: &str = "id = \"plan\"\ntitle = \"t\"\nstart = \"q\"\n\n[[node]]\nid = \"q\"\ntext = \"q\"\nanswers = [\n  { id = \"a\", label = \"a\", next = \"o1\" },\n  { id = \"b\", label = \"b\", next = \"o2\" },\n]\n\n[[node]]\nid = \"o1\"\ntext = \"o\"\noutcome = \"gold\"\n\n[[node]]\nid = \"o2\"\ntext = \"o\"\npriority = \"P1\"\n";

#[test]
fn a_tree_s_own_declaration_wins_over_the_shared_one_and_the_shorthand_maps_onto_them() {
    let diagnostics = Diagnostics::new();
    let shared = outcomes::parse_shared(
        &source(
            "content/decision-trees/_outcomes.toml",
            "[[outcome]]\nid = \"gold\"\nlabel = \"shared-gold\"\nrank = 1\nclass = \"critical\"\n\n[[outcome]]\nid = \"p1\"\nlabel = \"our-p1\"\nrank = 1\nclass = \"high\"\n",
        ),
        &diagnostics,
    )
    .expect("parses");
    let shared_only = decision_tree::parse(
        &source("content/decision-trees/plan.toml", TWO_RESULTS),
        Some(&shared),
        &diagnostics,
    )
    .expect("parses");
    let own = format!(
        "{}\n[[outcome]]\nid = \"gold\"\nlabel = \"own-gold\"\nclass = \"low\"\n",
        TWO_RESULTS
    );
    let with_own = decision_tree::parse(
        &source("content/decision-trees/plan.toml", &own),
        Some(&shared),
        &diagnostics,
    )
    .expect("parses");
    assert!(diagnostics.into_sorted().is_empty());
    let labels = |tree: &folio::model::DecisionTree| -> Vec<String> {
        tree.outcomes().iter().map(|o| o.label.clone()).collect()
    };
    // `priority = "P1"` names the site's `p1` when it declares one.
    assert_eq!(labels(&shared_only), ["shared-gold", "our-p1"]);
    // Unranked outcomes come after ranked ones.
    assert_eq!(labels(&with_own), ["our-p1", "own-gold"]);
    let without_shared = decision_tree::parse(
        &source("content/decision-trees/plan.toml", &own),
        Some(&[]),
        &Diagnostics::new(),
    )
    .expect("parses");
    // Without a declaration, the shorthand names the built-in outcome, labelled by the theme.
    assert_eq!(labels(&without_shared), ["tree-priority-p1", "own-gold"]);
}
