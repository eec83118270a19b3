use super::*;
use crate::model::{HeadingIds, SourceFile};

fn page(path: &str, text: &str) -> Page {
    let file = SourceFile {
        path: format!("content/en/{path}"),
        text: text.into(),
    };
    crate::parse::page::parse(&file, HeadingIds::Github, &Diagnostics::new()).unwrap()
}

/// Resolves `link` written in `from`, in a small book: the targets it reached, or
/// the diagnostic it gave.
fn link(from: &str, link: &str) -> Result<Href, Diagnostic> {
    let mut pages = vec![
        page("intro.md", "# Intro\n\n## The `--` operator\n"),
        page("guide/index.md", "# Guide\n"),
        page("hugo/_index.md", "# Section\n"),
        page("guide/install.md", "## Install\n\n### On Linux\n"),
        page(from, &format!("# From\n\n[x]({link})\n")),
    ];
    let targets = Targets::new(&pages, &[], ["en/img/a.svg".to_string()])
        .with_base_url("https://docs.example.com/book/");
    let diagnostics = Diagnostics::new();
    resolve(&mut pages, &targets, &diagnostics);
    let mut found = None;
    visit_blocks(&mut pages[4].blocks, &mut |href, _| {
        found = Some(href.clone())
    });
    match diagnostics.into_sorted().pop() {
        Some(d) if d.severity != Severity::Note => Err(d),
        _ => Ok(found.unwrap()),
    }
}

fn page_href(path: &str, anchor: Option<&str>) -> Href {
    Href::Page {
        locale: "en".into(),
        path: path.into(),
        anchor: anchor.map(Into::into),
    }
}

#[test]
fn the_book_home_is_the_outline_s_first_chapter() {
    let mut pages = vec![
        page("intro.md", "# Intro\n\n## Start\n"),
        page(
            "guide/a.md",
            "# A\n\n[home](../index.html#start) [root](../)\n",
        ),
    ];
    let targets = Targets::new(&pages, &[], Vec::new())
        .with_homes([("en".to_string(), "intro.md".to_string())]);
    let diagnostics = Diagnostics::new();
    resolve(&mut pages, &targets, &diagnostics);
    assert!(diagnostics.is_empty(), "{:?}", diagnostics.into_sorted());
    let mut found = Vec::new();
    visit_blocks(&mut pages[1].blocks, &mut |href, _| {
        found.push(href.clone())
    });
    assert_eq!(
        found,
        [
            page_href("intro.md", Some("start")),
            page_href("intro.md", None)
        ]
    );
}

#[test]
fn html_links_reach_their_markdown_page_with_anchors_checked() {
    assert_eq!(link("a.md", "intro.html"), Ok(page_href("intro.md", None)));
    assert_eq!(
        link("a.md", "intro.html#the----operator"),
        Ok(page_href("intro.md", Some("the----operator")))
    );
    assert_eq!(
        link("guide/x.md", "install.html#on-linux"),
        Ok(page_href("guide/install.md", Some("on-linux")))
    );
    let err = link("a.md", "intro.html#the-operator").unwrap_err();
    assert_eq!(err.message, "no heading `#the-operator` in intro.md");
    assert_eq!(
        err.hint.as_deref(),
        Some("did you mean `#the----operator`?")
    );
    // The title heading's id still lands.
    assert_eq!(
        link("a.md", "intro.md#intro"),
        Ok(page_href("intro.md", Some("intro")))
    );
}

#[test]
fn folders_reach_their_index_or_hugo_section_page() {
    for target in [
        "guide/",
        "guide/index.md",
        "guide/index.html",
        "guide/_index.md",
    ] {
        assert_eq!(
            link("a.md", target),
            Ok(page_href("guide/index.md", None)),
            "{target}"
        );
    }
    for target in ["hugo/", "hugo/index.md", "hugo/index.html"] {
        assert_eq!(
            link("a.md", target),
            Ok(page_href("hugo/_index.md", None)),
            "{target}"
        );
    }
    assert_eq!(
        link("guide/x.md", "../intro.html"),
        Ok(page_href("intro.md", None))
    );
    assert_eq!(
        link("guide/x.md", "../img/a.svg"),
        Ok(Href::Asset("en/img/a.svg".into()))
    );
}

#[test]
fn hugo_folder_links_are_read_from_the_page_s_url() {
    // `guide/x.md` is published at `guide/x/`: Hugo's `../install/` is its sibling.
    assert_eq!(
        link("guide/x.md", "../install/"),
        Ok(page_href("guide/install.md", None))
    );
    assert_eq!(
        link("guide/x.md", "../../intro/#intro"),
        Ok(page_href("intro.md", Some("intro")))
    );
    assert_eq!(
        link("guide/x.md", "../../hugo/"),
        Ok(page_href("hugo/_index.md", None))
    );
    // From the file, the same link still wins; a section page's URL is its folder.
    assert_eq!(
        link("a.md", "guide/"),
        Ok(page_href("guide/index.md", None))
    );
    assert!(link("guide/index.md", "../install/").is_err());
}

#[test]
fn a_query_on_this_page_is_left_as_written() {
    assert_eq!(
        link("a.md", "?show=all"),
        Ok(Href::Unresolved("?show=all".into()))
    );
}

#[test]
fn an_empty_link_stays_empty_with_a_warning() {
    let mut pages = vec![page("index.md", "# Home\n\n[here]()\n")];
    let targets = Targets::new(&pages, &[], []);
    let diagnostics = Diagnostics::new();
    resolve(&mut pages, &targets, &diagnostics);
    let mut found = None;
    visit_blocks(&mut pages[0].blocks, &mut |href, _| {
        found = Some(href.clone())
    });
    assert_eq!(found, Some(Href::Unresolved(String::new())));
    let diags = diagnostics.into_sorted();
    assert_eq!(diags[0].severity, Severity::Warning);
    assert_eq!(diags[0].message, "link with an empty target");
}

#[test]
fn links_climbing_out_become_urls_on_the_same_host() {
    assert_eq!(
        link("a.md", "../std/index.html"),
        Ok(Href::External(
            "https://docs.example.com/std/index.html".into()
        ))
    );
    assert_eq!(
        link("guide/x.md", "../../api/#top"),
        Ok(Href::External("https://docs.example.com/api/#top".into()))
    );
    let err = link("a.md", "../../etc/passwd").unwrap_err();
    assert_eq!(
        err.message,
        "link `../../etc/passwd` climbs past the root of https://docs.example.com/"
    );
    assert_eq!(err.severity, Severity::Error);
}

#[test]
fn a_link_leaving_the_site_is_a_note_check_shows() {
    let mut pages = vec![page("a.md", "# A\n\n[std](../std/)\n")];
    let targets = Targets::new(&pages, &[], []).with_base_url("https://x.test/book/");
    let diagnostics = Diagnostics::new();
    resolve(&mut pages, &targets, &diagnostics);
    let diags = diagnostics.into_sorted();
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].severity, Severity::Note);
    assert_eq!(diags[0].pos, Pos { line: 3, column: 1 });
    assert!(
        diags[0].message.contains("https://x.test/std/"),
        "{diags:?}"
    );
    let shown = crate::diagnostic::settle_notes(diags.clone(), false, false);
    assert!(shown.is_empty());
    let strict = crate::diagnostic::settle_notes(diags, false, true);
    assert_eq!(strict[0].severity, Severity::Warning);
}

#[test]
fn suggestions_are_written_from_the_page() {
    assert_eq!(relative("figures.md", "img/flux.svg"), "img/flux.svg");
    assert_eq!(relative("guide/figures.md", "guide/img/a.png"), "img/a.png");
    assert_eq!(relative("guide/deep/b.md", "img/a.png"), "../../img/a.png");
}
