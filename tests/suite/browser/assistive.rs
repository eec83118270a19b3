//! What axe cannot see: both trees walked with the keyboard alone while the live region
//! is read after every answer, focus kept inside the widget after Back and Start again,
//! `prefers-reduced-motion` stopping every transition, animation and smooth scroll, and
//! the print stylesheet giving the article alone with external link targets spelled out.

use super::{Page, launch, page_of, trees};
use crate::common;

use folio::model::NodeKind;

/// Presses Tab until the focused element matches `selector` (a reader tabbing along).
fn tab_to(page: &Page, selector: &str) {
    let matches = format!("document.activeElement.matches({selector:?})");
    for _ in 0..12 {
        if page.eval(&matches).as_bool() == Some(true) {
            return;
        }
        page.tab.press_key("Tab").unwrap();
    }
    panic!(
        "Tab never reached {selector}; focus on {}",
        page.eval("document.activeElement.outerHTML.slice(0, 120)")
    );
}

/// The focused element is the heading of what the widget shows now, inside the widget.
fn assert_focus_on(page: &Page, tree: &str, heading_class: &str, after: &str) {
    let js = format!(
        "(() => {{ const a = document.activeElement; \
         return !!a && !!a.closest('#dt-{tree} .tree-widget') && a.classList.contains({heading_class:?}); }})()"
    );
    // The widget draws synchronously, but the key press may still be in flight.
    page.poll(
        || page.eval(&js).as_bool().filter(|ok| *ok),
        &format!(
            "focus on .{heading_class} after {after}, got {}",
            page.eval("document.activeElement.outerHTML.slice(0, 120)")
        ),
    );
}

fn live_text(page: &Page, tree: &str) -> String {
    page.text(&format!("#dt-{tree} [aria-live]"))
}

/// Both trees, their longest path, by keyboard alone: after each answer the live region
/// says the new question (or the outcome) and focus is on its heading. Then Back and
/// Start again, from the outcome and from a question, each keep focus in the widget.
#[test]
fn the_live_region_announces_each_question_and_focus_survives_back_and_restart() {
    let browser = launch();
    let page = Page::open(&browser);
    for tree in trees() {
        let id = tree.id.clone();
        page.go(page_of(&id, "en"));
        page.tab
            .wait_for_element(&format!("#dt-{id} .tree-widget input[type=radio]"))
            .unwrap();
        let longest = tree
            .paths()
            .into_iter()
            .max_by_key(|p| p.steps.len())
            .unwrap();
        // Each question's wording, as the page's static markup has it.
        let question_text = |node: &str| page.text(&format!("#dt-{id}-{node} .tree-text"));
        page.eval(&format!(
            "document.querySelector('#dt-{id} .tree-widget .tree-question').focus()"
        ));
        for (index, (node, answer)) in longest.steps.iter().enumerate() {
            let NodeKind::Question { answers } = &node.kind else {
                unreachable!()
            };
            let position = answers.iter().position(|a| a.id == answer.id).unwrap();
            tab_to(&page, &format!("input[name=\"dt-{id}-w-{}\"]", node.id));
            // Space checks the first radio; each arrow moves the choice one down.
            page.tab.press_key(" ").unwrap();
            for _ in 0..position {
                page.tab.press_key("ArrowDown").unwrap();
            }
            tab_to(&page, &format!("#dt-{id} .tree-widget button[type=submit]"));
            page.tab.press_key("Enter").unwrap();
            let after = format!("{} = {}", node.id, answer.id);
            match longest.steps.get(index + 1) {
                Some((next, _)) => {
                    page.tab
                        .wait_for_element(&format!("input[name=\"dt-{id}-w-{}\"]", next.id))
                        .unwrap();
                    assert_focus_on(&page, &id, "tree-question", &after);
                    let said = live_text(&page, &id);
                    let expected = question_text(&next.id);
                    assert!(
                        !expected.is_empty() && said.contains(&expected),
                        "after {after} the live region says {said:?}, not {expected:?}"
                    );
                    assert!(said.contains(&(index + 2).to_string()), "{said:?}");
                }
                None => {
                    page.tab
                        .wait_for_element(&format!("#dt-{id} .tree-result"))
                        .unwrap();
                    assert_focus_on(&page, &id, "tree-result-title", &after);
                    let said = live_text(&page, &id);
                    let verdict = page.text(&format!(
                        "#dt-{id}-{} .tree-verdict-text",
                        longest.outcome.id
                    ));
                    assert!(
                        !verdict.is_empty() && said.contains(verdict.trim()),
                        "the outcome: the live region says {said:?}, not {verdict:?}"
                    );
                }
            }
        }

        // Back from the outcome: the last question again, focused and announced.
        let back =
            format!("#dt-{id} .tree-widget .tree-button:not(.tree-primary):not(.tree-quiet)");
        tab_to(&page, &back);
        page.tab.press_key("Enter").unwrap();
        let (last, _) = longest.steps.last().unwrap();
        page.tab
            .wait_for_element(&format!("input[name=\"dt-{id}-w-{}\"]", last.id))
            .unwrap();
        assert_focus_on(&page, &id, "tree-question", "Back from the outcome");
        assert!(live_text(&page, &id).contains(&question_text(&last.id)));

        // Back from a question, then Start again from a question.
        if longest.steps.len() > 1 {
            tab_to(&page, &back);
            page.tab.press_key("Enter").unwrap();
            let (before, _) = &longest.steps[longest.steps.len() - 2];
            page.tab
                .wait_for_element(&format!("input[name=\"dt-{id}-w-{}\"]", before.id))
                .unwrap();
            assert_focus_on(&page, &id, "tree-question", "Back from a question");
        }
        tab_to(&page, &format!("#dt-{id} .tree-widget .tree-quiet"));
        page.tab.press_key("Enter").unwrap();
        page.tab
            .wait_for_element(&format!("input[name=\"dt-{id}-w-{}\"]", tree.start))
            .unwrap();
        assert_focus_on(&page, &id, "tree-question", "Start again from a question");
        assert!(live_text(&page, &id).contains(&question_text(&tree.start)));

        // Start again from an outcome (reached by its address).
        let first = &longest.steps[0];
        page.go(&format!(
            "{}?{id}={}",
            page_of(&id, "en"),
            longest
                .steps
                .iter()
                .map(|(n, a)| format!("{}:{}", n.id, a.id))
                .collect::<Vec<_>>()
                .join("/")
        ));
        page.tab
            .wait_for_element(&format!("#dt-{id} .tree-result"))
            .unwrap();
        page.eval(&format!(
            "document.querySelector('#dt-{id} .tree-result-title').focus()"
        ));
        tab_to(&page, &format!("#dt-{id} .tree-widget .tree-quiet"));
        page.tab.press_key("Enter").unwrap();
        page.tab
            .wait_for_element(&format!("input[name=\"dt-{id}-w-{}\"]", first.0.id))
            .unwrap();
        assert_focus_on(&page, &id, "tree-question", "Start again from the outcome");
        assert!(live_text(&page, &id).contains(&question_text(&tree.start)));
    }
    page.assert_no_errors();
}

fn emulate(page: &Page, media: &str, features: serde_json::Value) {
    let media = serde_json::json!({ "media": media, "features": features });
    page.tab.call("Emulation.setEmulatedMedia", media).unwrap();
}

/// Computed timing of an element's transition, animation and the page's scrolling, on
/// an element of the theme (the heading anchor fades in) and on one given motion of its
/// own (any later rule must be stopped too).
fn motion(page: &Page) -> serde_json::Value {
    let js = "(() => { \
        let probe = document.getElementById('motion-probe'); \
        if (!probe) { probe = document.createElement('div'); probe.id = 'motion-probe'; \
          probe.style.cssText = 'transition: opacity 2s; animation: motion-probe 3s infinite'; \
          document.querySelector('main').appendChild(probe); } \
        const anchor = getComputedStyle(document.querySelector('.anchor')); \
        const own = getComputedStyle(probe); \
        return JSON.stringify([anchor.transitionDuration, own.transitionDuration, \
          own.animationDuration, \
          getComputedStyle(document.documentElement).scrollBehavior]); })()";
    serde_json::from_str(page.eval(js).as_str().unwrap()).unwrap()
}

#[test]
fn reduced_motion_stops_transitions_animations_and_smooth_scrolling() {
    let browser = launch();
    let page = Page::open(&browser);
    page.go("en/getting-started/");
    page.eval("document.documentElement.style.scrollBehavior = 'smooth'");
    assert_eq!(
        motion(&page),
        serde_json::json!(["0.15s", "2s", "3s", "smooth"]),
        "without the preference, motion is as styled"
    );
    emulate(
        &page,
        "",
        serde_json::json!([{ "name": "prefers-reduced-motion", "value": "reduce" }]),
    );
    let reduced = motion(&page);
    assert_eq!(
        reduced,
        serde_json::json!(["0s", "0s", "0s", "auto"]),
        "with prefers-reduced-motion: reduce"
    );
    page.assert_no_errors();
}

/// Whether an element takes up any room when printed (itself or through an ancestor).
fn printed(page: &Page, selector: &str) -> bool {
    page.eval(&format!(
        "(() => {{ const e = document.querySelector({selector:?}); \
         if (!e) throw new Error('no ' + {selector:?}); return e.getClientRects().length > 0; }})()"
    ))
    .as_bool()
    .unwrap()
}

/// The print stylesheet, under print media emulation and in a real printout: the
/// article alone (no header, sidebar, search, language switcher, contents, pager or
/// footer), an external link followed by its address, an internal one not.
#[test]
fn the_printed_page_has_no_navigation_and_spells_out_external_links() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixtures().join("accessibility"), dir.path());
    // The fixture's home page links to this page, as the axe audit provides it.
    std::fs::copy(
        common::fixtures().join("fence-languages/content/en/index.md"),
        dir.path().join("content/en/languages.md"),
    )
    .unwrap();
    let port = common::server::serve(common::build(dir.path(), &["--no-pdf"]));
    let browser = launch();
    let page = Page::open(&browser);
    page.go_to(&format!("http://127.0.0.1:{port}/en/blocks/"));
    let navigation = [
        ".site-header",
        ".sidebar",
        "form.search",
        ".languages",
        ".menu-link",
        ".toc",
        ".site-footer",
        ".skip-link",
    ];
    // On screen the navigation is there (the search form shows once its script runs).
    page.tab
        .wait_for_element("form.search:not([hidden])")
        .unwrap();
    for selector in [
        ".site-header",
        ".sidebar",
        "form.search",
        ".languages",
        ".toc",
    ] {
        assert!(printed(&page, selector), "{selector} on screen");
    }
    let after = |selector: &str| {
        page.eval(&format!(
            "getComputedStyle(document.querySelector({selector:?}), '::after').content"
        ))
        .as_str()
        .unwrap_or_default()
        .to_string()
    };
    let external = ".content a[href^=\"http\"]";
    let internal = ".content a[href=\"../\"], .content a[href^=\"../\"]";
    assert_eq!(after(external), "none", "no address after links on screen");

    emulate(&page, "print", serde_json::json!([]));
    for selector in navigation {
        assert!(!printed(&page, selector), "{selector} is printed");
    }
    assert!(printed(&page, ".content"), "the article is printed");
    let spelled = after(external);
    assert!(
        spelled.contains("attr(href)") || spelled.contains("https://example.com/"),
        "an external link's address follows it in print: {spelled}"
    );
    assert_eq!(after(internal), "none", "internal links print as text");

    // The real printout, read back as text.
    let pdf = page
        .tab
        .print_to_pdf(serde_json::json!({ "printBackground": false }))
        .unwrap();
    let file = dir.path().join("printed.pdf");
    std::fs::write(&file, pdf).unwrap();
    let output = std::process::Command::new("pdftotext")
        .args([file.as_os_str(), std::ffi::OsStr::new("-")])
        .output()
        .expect("pdftotext (poppler-utils) is required");
    // Lines break anywhere: compare words.
    let text = String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Every block"), "{text}");
    assert!(
        text.contains("external link (https://example.com/)"),
        "the address after the external link: {text}"
    );
    let label = |key: &str| {
        page.eval(&format!(
            "document.querySelector({key:?}).textContent.trim()"
        ))
        .as_str()
        .unwrap_or_default()
        .to_string()
    };
    for (selector, what) in [
        (".sidebar-title", "the sidebar's title"),
        (".languages li:last-child a", "the language switcher"),
        (".site-footer .generator", "the footer"),
    ] {
        let words = label(selector);
        assert!(!words.is_empty(), "{what} has text on screen");
        assert!(
            !text.contains(&words),
            "{what} ({words:?}) is printed:\n{text}"
        );
    }
    page.assert_no_errors();
}
