//! The flowchart under each decision tree in real Chromium: the reader's path is
//! marked on it as they answer, its boxes open their step in the widget, and on a
//! phone it scrolls inside its own frame while the page does not.

use super::{Page, answer_selector, continue_selector, launch, url};

/// Node ids marked on the path, the current one, and the answers marked.
fn marked(page: &Page, tree: &str) -> (Vec<String>, String, Vec<String>) {
    let list = |css: &str, attr: &str| -> Vec<String> {
        let js = format!(
            "JSON.stringify(Array.from(document.querySelectorAll('#dt-{tree}-diagram {css}')).map(e => e.getAttribute('{attr}')))"
        );
        serde_json::from_str(page.eval(&js).as_str().unwrap_or("[]")).unwrap()
    };
    let mut nodes = list(".tree-diagram-node.is-on-path", "data-node");
    nodes.sort();
    let current = list(".tree-diagram-node.is-current", "data-node");
    let mut arrows = list(".tree-diagram-arrow.is-on-path", "data-edge");
    arrows.sort();
    assert!(current.len() <= 1, "{current:?}");
    (nodes, current.concat(), arrows)
}

fn strings(items: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

fn answer(page: &Page, tree: &str, node: &str, answer: &str) {
    page.click(&answer_selector(tree, node, answer));
    page.click(&continue_selector(tree));
}

#[test]
fn the_highlighted_path_follows_the_answers() {
    let browser = launch();
    let page = Page::open(&browser);
    page.go("en/priorities/");
    page.tab
        .wait_for_element("#dt-priority .tree-widget input[type=radio]")
        .unwrap();
    // The disclosure follows the widget, closed; the chart marks the first question.
    assert_eq!(
        page.eval("!!document.querySelector('#dt-priority .tree-widget + details.tree-diagram-panel:not([open])')"),
        serde_json::json!(true)
    );
    page.click("#dt-priority .tree-diagram-panel > summary");
    assert_eq!(
        marked(&page, "priority"),
        (strings(&["production"]), "production".into(), vec![])
    );

    answer(&page, "priority", "production", "yes");
    page.poll(
        || (marked(&page, "priority").1 == "situation").then_some(()),
        "the chart to follow the first answer",
    );
    assert_eq!(
        marked(&page, "priority"),
        (
            strings(&["production", "situation"]),
            "situation".into(),
            strings(&["production:yes"])
        )
    );
    answer(&page, "priority", "situation", "degraded");
    answer(&page, "priority", "workaround", "no");
    page.poll(
        || (marked(&page, "priority").1 == "p2-degraded").then_some(()),
        "the chart to reach the outcome",
    );
    assert_eq!(
        marked(&page, "priority"),
        (
            strings(&["production", "situation", "workaround", "p2-degraded"]),
            "p2-degraded".into(),
            strings(&["production:yes", "situation:degraded", "workaround:no"])
        )
    );
    // The marked path is drawn in the accent colour, the rest is not.
    let stroke = |edge: &str| {
        page.eval(&format!(
            "getComputedStyle(document.querySelector('#dt-priority-diagram [data-edge=\"{edge}\"] .tree-diagram-line')).strokeWidth"
        ))
    };
    assert_eq!(stroke("workaround:no"), serde_json::json!("3px"));
    assert_eq!(stroke("workaround:yes"), serde_json::json!("1.5px"));

    // Back one step: the chart steps back too.
    page.click(
        "#dt-priority .tree-widget .tree-actions button:not(.tree-primary):not(.tree-quiet)",
    );
    page.poll(
        || (marked(&page, "priority").1 == "workaround").then_some(()),
        "the chart to step back",
    );

    // A box of the chart opens its step in the widget, with the path that leads there.
    page.click("#dt-priority-diagram a[data-node=\"p1-critical\"]");
    page.poll(
        || {
            page.eval("!!document.querySelector('#dt-priority .tree-result[data-verdict=\"p1\"]')")
                .as_bool()
                .filter(|b| *b)
        },
        "the P1 result after clicking its box",
    );
    page.wait_for_url("the path to P1", |u| {
        u.contains("priority=production:yes/situation:down/business:yes")
    });
    assert_eq!(
        marked(&page, "priority"),
        (
            strings(&["production", "situation", "business", "p1-critical"]),
            "p1-critical".into(),
            strings(&["production:yes", "situation:down", "business:yes"])
        )
    );
    assert_eq!(
        page.eval("document.querySelector('#dt-priority-diagram a[aria-current=step]').getAttribute('data-node')"),
        serde_json::json!("p1-critical")
    );
    page.assert_no_errors();
}

#[test]
fn on_a_phone_the_chart_scrolls_in_its_own_frame() {
    let browser = launch();
    let page = Page::open(&browser);
    let metrics = serde_json::json!({
        "width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true
    });
    (page.tab)
        .call("Emulation.setDeviceMetricsOverride", metrics)
        .unwrap();
    page.go_to(&url("fr/priorites/"));
    page.tab
        .wait_for_element("#dt-priority .tree-widget input[type=radio]")
        .unwrap();
    page.click("#dt-priority .tree-diagram-panel > summary");
    let frame = page.eval(
        "(() => { const f = document.querySelector('#dt-priority .tree-diagram-scroll'); \
         return JSON.stringify([f.scrollWidth > f.clientWidth, f.getBoundingClientRect().right <= window.innerWidth, \
         document.documentElement.scrollWidth <= window.innerWidth, \
         parseFloat(getComputedStyle(document.querySelector('#dt-priority-diagram .tree-diagram-text')).fontSize), \
         Math.round(document.querySelector('#dt-priority-diagram').getBoundingClientRect().width) === \
         document.querySelector('#dt-priority-diagram').width.baseVal.value]); })()",
    );
    // It keeps its drawn size (14 px text, not shrunk) and scrolls; the page never does.
    let frame: serde_json::Value = serde_json::from_str(frame.as_str().unwrap()).unwrap();
    assert_eq!(frame, serde_json::json!([true, true, true, 14, true]));
    // Opening it scrolls the frame to the reader's box (the first question, here
    // right of the middle). The scroll answers the details' toggle event, which comes
    // in a task of its own after the click: asked at once, it had not always run.
    let seen = "(() => { const f = document.querySelector('#dt-priority .tree-diagram-scroll').getBoundingClientRect(); \
         const b = document.querySelector('#dt-priority-diagram .is-current').getBoundingClientRect(); \
         return b.left >= f.left && b.right <= f.right; })()";
    page.poll(
        || (page.eval(seen) == serde_json::json!(true)).then_some(()),
        "the chart's frame to scroll to the reader's box",
    );
    page.assert_no_errors();
}
