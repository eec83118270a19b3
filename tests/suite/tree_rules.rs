//! Decision-tree rules files: one fixture per validation, with the exact diagnostics
//! (file, line, column, message, hint) as snapshots.

use crate::common;
use folio::diagnostic::{Diagnostics, render};
use folio::model::SourceFile;
use folio::parse::decision_tree;

/// Parses `tests/fixtures/trees/<name>.toml` as `content/decision-trees/<name>.toml`.
fn diagnostics_of(name: &str) -> String {
    let text =
        std::fs::read_to_string(common::fixtures().join(format!("trees/{name}.toml"))).unwrap();
    let file = SourceFile {
        path: format!("content/decision-trees/{name}.toml"),
        text,
    };
    let diagnostics = Diagnostics::new();
    decision_tree::parse(&file, &diagnostics);
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
    for name in ["priority", "escalation"] {
        let path = common::repo_root().join(format!("content/decision-trees/{name}.toml"));
        let file = SourceFile {
            path: format!("content/decision-trees/{name}.toml"),
            text: std::fs::read_to_string(path).unwrap(),
        };
        let diagnostics = Diagnostics::new();
        let tree = decision_tree::parse(&file, &diagnostics).expect("parses");
        assert!(diagnostics.into_sorted().is_empty());
        assert!(tree.paths().len() >= 5);
    }
}
