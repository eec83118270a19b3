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
    for priority in ["(p1)", "(p2)", "(p3)", "(p4)"] {
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

#[test]
fn a_tree_on_another_scale_lists_its_paths_and_outcomes_by_rank() {
    let dir = common::site("severity");
    let by_ids = folio()
        .args(["trees", "paths", "severity", "--root"])
        .arg(dir.path())
        .assert()
        .success();
    let by_ids = String::from_utf8(by_ids.get_output().stdout.clone()).unwrap();
    // sev-a is reached by two paths, and the four-way question leads to every outcome.
    assert!(
        by_ids.contains("2. scope=everyone workaround=no -> blocked (sev-a)"),
        "{by_ids}"
    );
    assert!(
        by_ids.contains("4. scope=team workaround=no -> blocked (sev-a)"),
        "{by_ids}"
    );
    insta::assert_snapshot!("severity_by_id", by_ids);
    for locale in ["fr", "en"] {
        let assert = folio()
            .args(["trees", "paths", "severity", "--locale", locale, "--root"])
            .arg(dir.path())
            .assert()
            .success();
        let table = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
        insta::assert_snapshot!(format!("severity_{locale}"), table);
    }
}
