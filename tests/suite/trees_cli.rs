//! `folio trees paths`: golden tables of every path of the default trees.

use crate::common::{self, folio, repo_root};

fn paths(args: &[&str]) -> String {
    let assert = folio()
        .args(["trees", "paths"])
        .args(args)
        .arg("--root")
        .arg(repo_root())
        .assert()
        .success();
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

#[test]
fn priority_paths_by_id() {
    insta::assert_snapshot!(paths(&["priority"]));
}

#[test]
fn escalation_paths_by_id() {
    insta::assert_snapshot!(paths(&["escalation"]));
}

#[test]
fn priority_paths_in_french_and_english() {
    insta::assert_snapshot!("priority_fr", paths(&["priority", "--locale", "fr"]));
    insta::assert_snapshot!("priority_en", paths(&["priority", "--locale", "en"]));
}

#[test]
fn escalation_paths_in_french_and_english() {
    insta::assert_snapshot!("escalation_fr", paths(&["escalation", "--locale", "fr"]));
    insta::assert_snapshot!("escalation_en", paths(&["escalation", "--locale", "en"]));
}

#[test]
fn every_outcome_of_the_priority_tree_is_reached() {
    let table = paths(&["priority"]);
    for priority in ["(P1)", "(P2)", "(P3)", "(P4)"] {
        assert!(table.contains(priority), "{priority} missing:\n{table}");
    }
}

#[test]
fn an_unknown_tree_is_an_error() {
    let assert = folio()
        .args(["trees", "paths", "nope", "--root"])
        .arg(repo_root())
        .assert()
        .code(1);
    let stderr = common::stderr(&assert);
    assert!(
        stderr.contains("error: no decision tree `nope`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("trees of this site: escalation, priority"),
        "{stderr}"
    );
}
