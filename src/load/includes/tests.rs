use std::collections::BTreeMap;

use super::directive::{Directive, Selection, What, find};
use super::lines::{Unselected, select};
use super::*;

/// Files in memory, by their path from the site root.
struct Memory(BTreeMap<&'static str, &'static str>);

impl Files for Memory {
    fn read(&self, path: &str) -> Read {
        match self.0.get(path) {
            Some(text) => Read::Text(text.to_string()),
            None if self.0.keys().any(|k| k.starts_with(&format!("{path}/"))) => Read::Folder,
            None => Read::Missing,
        }
    }

    fn names(&self, folder: &str) -> Vec<String> {
        let prefix = if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        };
        self.0
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix))
            .filter(|rest| !rest.contains('/'))
            .map(str::to_string)
            .collect()
    }
}

const LISTING: &str = "\
use std::io;
// ANCHOR: all
// ANCHOR: main
fn main() {
    run();
}
// ANCHOR_END: main

fn run() {}
// ANCHOR_END: all
";

fn site() -> Memory {
    Memory(BTreeMap::from([
        ("listings/main.rs", LISTING),
        (
            "listings/hidden.rs",
            "# use std::fmt;\n#\n#[derive(Debug)]\nstruct A;\n    # let x = 1;\n## not hidden\n",
        ),
        ("listings/empty.py", ""),
        (
            "content/en/part.md",
            "Part line 1.\n\n{{#include ../../listings/main.rs:main}}\n",
        ),
        ("content/en/loop-a.md", "A\n{{#include loop-b.md}}\n"),
        ("content/en/loop-b.md", "B\n{{#include loop-a.md}}\n"),
    ]))
}

fn expand_page(text: &str) -> (Expanded, Vec<Diagnostic>) {
    let diagnostics = Diagnostics::new();
    let file = SourceFile {
        path: "content/en/page.md".into(),
        text: text.into(),
    };
    let expanded = expand(file, &site(), &diagnostics);
    (expanded, diagnostics.into_sorted())
}

fn directive(text: &str) -> Directive<'_> {
    match find(text).into_iter().next().map(|f| f.what) {
        Some(What::Include(directive)) => directive,
        other => panic!("{text}: {other:?}"),
    }
}

fn lines(first: u32, last: Option<u32>) -> Selection<'static> {
    Selection::Lines { first, last }
}

#[test]
fn every_form_of_the_directive_is_read() {
    let cases = [
        ("{{#include a.rs}}", lines(1, None)),
        ("{{#include a.rs:}}", lines(1, None)),
        ("{{#include a.rs:10:20}}", lines(10, Some(20))),
        ("{{#include a.rs:10:}}", lines(10, None)),
        ("{{#include a.rs::20}}", lines(1, Some(20))),
        ("{{#include a.rs:10}}", lines(10, Some(10))),
        ("{{#include a.rs:0}}", lines(1, Some(1))),
        ("{{#include a.rs:main}}", Selection::Anchor("main")),
        (
            "{{ #include\n  a.rs:my-anchor_2 }}",
            Selection::Anchor("my-anchor_2"),
        ),
    ];
    for (text, selection) in cases {
        let found = directive(text);
        assert_eq!(found.path, "a.rs", "{text}");
        assert_eq!(found.selection, Ok(selection), "{text}");
        assert!(!found.rustdoc);
    }
    let rustdoc = directive("x {{#rustdoc_include ../b.rs:3:4}} y");
    assert!(rustdoc.rustdoc);
    assert_eq!(rustdoc.path, "../b.rs");
    assert_eq!(find("x {{#rustdoc_include ../b.rs:3:4}} y")[0].range, 2..34);
}

#[test]
fn bad_ranges_are_reported() {
    assert_eq!(
        directive("{{#include a.rs:10:x}}").selection,
        Err("`x` is not a line number".into())
    );
    assert_eq!(
        directive("{{#include a.rs:20:10}}").selection,
        Err("line 10 comes before line 20".into())
    );
    assert_eq!(
        directive("{{#include :3}}").selection,
        Err("no file named".into())
    );
    assert_eq!(directive("{{#include a.rs extra}}").extra, ["extra"]);
    assert!(find("`{{ #include }}` and `{{ #rustdoc_include }}`").is_empty());
}

#[test]
fn escapes_other_directives_and_lookalikes() {
    let text = r"\{{#include a.rs}} {{#playground b.rs}} {{#if x}} {{< hugo >}} {{ x }} {{{#include c.rs}}";
    let found: Vec<_> = find(text).into_iter().map(|f| (f.range, f.what)).collect();
    assert_eq!(found[0], (0..18, What::Escaped));
    assert_eq!(found[1], (19..39, What::Unsupported("playground")));
    let What::Include(last) = &found[2].1 else {
        panic!("{found:?}")
    };
    assert_eq!(last.path, "c.rs");
    assert_eq!(found.len(), 3);
}

#[test]
fn line_ranges_select_lines() {
    let text = "one\ntwo\nthree\nfour\n";
    let pick = |first, last| select(text, &lines(first, last), false).unwrap();
    assert_eq!(pick(2, Some(3)).text, "two\nthree");
    assert_eq!(pick(2, Some(3)).lines, [2, 3]);
    assert_eq!(pick(3, None).text, "three\nfour");
    assert_eq!(pick(1, Some(1)).text, "one");
    assert_eq!(pick(1, None).text, "one\ntwo\nthree\nfour");
    assert_eq!(pick(3, Some(99)).text, "three\nfour");
    assert_eq!(pick(9, None).past_end, Some(4));
    assert_eq!(pick(9, None).text, "");
    assert_eq!(select("", &lines(1, None), false).unwrap().past_end, None);
}

#[test]
fn anchors_select_their_lines_without_the_anchor_lines_inside() {
    let main = select(LISTING, &Selection::Anchor("main"), false).unwrap();
    assert_eq!(main.text, "fn main() {\n    run();\n}");
    assert_eq!(main.lines, [4, 5, 6]);
    let all = select(LISTING, &Selection::Anchor("all"), false).unwrap();
    assert_eq!(all.text, "fn main() {\n    run();\n}\n\nfn run() {}");
    let unclosed = select("# ANCHOR: a\nx\ny\n", &Selection::Anchor("a"), false).unwrap();
    assert_eq!(unclosed.text.as_str(), "x\ny");
    assert_eq!(
        select(LISTING, &Selection::Anchor("mian"), false),
        Err(Unselected::NoAnchor {
            anchors: vec!["all".into(), "main".into()]
        })
    );
}

#[test]
fn rustdoc_includes_leave_out_hidden_lines() {
    let text = "# use std::fmt;\n#\n#[derive(Debug)]\nstruct A;\n    # let x = 1;\n## not hidden\n";
    let shown = select(text, &lines(1, None), true).unwrap();
    assert_eq!(shown.text, "#[derive(Debug)]\nstruct A;\n# not hidden");
    assert_eq!(shown.lines, [3, 4, 6]);
    // Every part an anchor marks, as mdBook shows them.
    let parts = "a\n// ANCHOR: x\nb\n// ANCHOR_END: x\nc\n// ANCHOR: x\nd\n// ANCHOR_END: x\n";
    let shown = select(parts, &Selection::Anchor("x"), true).unwrap();
    assert_eq!(shown.text, "b\nd");
    let plain = select(parts, &Selection::Anchor("x"), false).unwrap();
    assert_eq!(plain.text, "b");
}

#[test]
fn nested_includes_expand_with_a_line_map() {
    let (expanded, diagnostics) = expand_page(
        "# Title\n\n{{#include part.md}}\nAfter.\n\nSee `{{#include ../../listings/main.rs:1}}` here.\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        expanded.file.text,
        "# Title\n\nPart line 1.\n\nfn main() {\n    run();\n}\nAfter.\n\nSee `use std::io;` here.\n"
    );
    assert_eq!(expanded.read, ["content/en/part.md", "listings/main.rs"]);
    let map = expanded.lines.unwrap();
    let at = |line, column| map.locate(Pos { line, column }).unwrap();
    assert_eq!(at(1, 3), ("content/en/page.md", Pos { line: 1, column: 3 }));
    assert_eq!(at(3, 1), ("content/en/part.md", Pos { line: 1, column: 1 }));
    assert_eq!(at(6, 5), ("listings/main.rs", Pos { line: 5, column: 5 }));
    assert_eq!(at(8, 1), ("content/en/page.md", Pos { line: 4, column: 1 }));
    assert_eq!(at(10, 6), ("listings/main.rs", Pos { line: 1, column: 1 }));
    assert_eq!(
        at(10, 20),
        (
            "content/en/page.md",
            Pos {
                line: 6,
                column: 45
            }
        )
    );
}

#[test]
fn a_page_without_directives_is_left_alone() {
    let (expanded, _) = expand_page("# Title\n\n{{< hugo >}}\n");
    assert!(expanded.lines.is_none());
    assert_eq!(expanded.file.text, "# Title\n\n{{< hugo >}}\n");
    let (expanded, _) = expand_page("Write `\\{{#include file.rs}}`.\n");
    assert_eq!(expanded.file.text, "Write `{{#include file.rs}}`.\n");
}

fn problems(text: &str) -> Vec<String> {
    let (expanded, diagnostics) = expand_page(text);
    // A directive that cannot be followed stays as written.
    assert!(expanded.file.text.contains("{{#"), "{}", expanded.file.text);
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {} ({})",
                d.file,
                d.pos.line,
                d.pos.column,
                d.message,
                d.hint.as_deref().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn cycles_escapes_and_missing_files_are_errors_at_the_directive() {
    assert_eq!(
        problems("x\n  {{#include loop-a.md}}\n"),
        [
            "content/en/loop-b.md:2:1: include cycle: content/en/loop-a.md → content/en/loop-b.md → content/en/loop-a.md (a file cannot include itself, directly or through others: remove one of these includes)"
        ]
    );
    assert_eq!(
        problems("{{#include ../../../secret.txt}}"),
        [
            "content/en/page.md:1:1: cannot include `../../../secret.txt`: it leads outside the site (included files must be inside the site's folder (listings/ beside content/, for instance); this path is relative to content/en/)"
        ]
    );
    assert_eq!(
        problems("{{#include ../listings/main.rs}}"),
        [
            "content/en/page.md:1:1: cannot include `../listings/main.rs`: content/listings/main.rs does not exist (did you mean `../../listings/main.rs`? (paths are relative to the including file's folder, content/en/))"
        ]
    );
    assert_eq!(
        problems("{{#include ../../listings/mian.rs}}"),
        [
            "content/en/page.md:1:1: cannot include `../../listings/mian.rs`: listings/mian.rs does not exist (did you mean `../../listings/main.rs`? (paths are relative to the including file's folder, content/en/))"
        ]
    );
    assert_eq!(
        problems("{{#include ../../listings}}"),
        [
            "content/en/page.md:1:1: cannot include `../../listings`: listings is a folder (name a file in it)"
        ]
    );
}

#[test]
fn missing_anchors_list_the_file_s_anchors() {
    assert_eq!(
        problems("Text {{#include ../../listings/main.rs:mian}}"),
        [
            "content/en/page.md:1:6: no anchor `mian` in listings/main.rs (did you mean `main`? Anchors in listings/main.rs: all, main)"
        ]
    );
    assert_eq!(
        problems("{{#include ../../listings/empty.py:setup}}"),
        [
            "content/en/page.md:1:1: no anchor `setup` in listings/empty.py (listings/empty.py has no anchors: mark the lines with `ANCHOR: setup` and `ANCHOR_END: setup` comments)"
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_site_is_an_escape_too() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("listings")).unwrap();
    std::fs::write(site.path().join("listings/ok.rs"), "fn ok() {}\n").unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path().join("listings/elsewhere")).unwrap();
    let diagnostics = Diagnostics::new();
    let disk = Disk::new(site.path(), &diagnostics);
    assert!(matches!(
        disk.read("listings/elsewhere/secret.txt"),
        Read::Outside
    ));
    assert!(matches!(disk.read("listings/ok.rs"), Read::Text(t) if t == "fn ok() {}\n"));
    assert!(matches!(disk.read("listings/nothing.rs"), Read::Missing));
    assert!(matches!(disk.read("listings"), Read::Folder));
    assert_eq!(disk.names("listings"), ["ok.rs"]);
}
