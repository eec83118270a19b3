//! `folio check`: one fixture site with one of each problem, golden output; external
//! links checked against a local server.

use crate::common::{self, folio, site};

fn write(root: &std::path::Path, path: &str, text: &str) {
    std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
    std::fs::write(root.join(path), text).unwrap();
}

#[test]
fn one_of_each_problem_with_golden_output() {
    let dir = site("base");
    let root = dir.path();
    let web = tempfile::tempdir().unwrap();
    std::fs::write(web.path().join("ok.html"), "fine").unwrap();
    let port = common::server::serve(web.path().to_path_buf());
    write(
        root,
        "content/fr/liens.md",
        &format!(
            "+++\ntitle = \"Liens\"\nweight = 3\n+++\n\nVers [l'anglais](../en/guide.md), une [image](schema.png),\n\
             un [bon site](http://127.0.0.1:{port}/ok.html) et un [site disparu](http://127.0.0.1:{port}/disparu.html).\n\n\
             ![Schéma](absent.png)\n"
        ),
    );
    let ui = std::fs::read_to_string(root.join("locales/fr/ui.ftl")).unwrap();
    write(
        root,
        "locales/fr/ui.ftl",
        &format!("{ui}forgotten-message = Jamais utilisé\n"),
    );
    let assert = folio()
        .args(["check", "--external", "--root"])
        .arg(root)
        .assert()
        .code(1);
    let stderr = common::stderr(&assert).replace(&port.to_string(), "PORT");
    insta::assert_snapshot!(stderr);
    assert!(!root.join("public").exists(), "check writes nothing");
}

#[test]
fn a_clean_site_passes() {
    let dir = site("base");
    let assert = folio()
        .args(["check", "--root"])
        .arg(dir.path())
        .assert()
        .success();
    assert_eq!(common::stderr(&assert), "no problem found\n");
}
