//! axe-core (npm, pinned by package-lock.json) run in headless Chromium on every page
//! type and state of the default theme, in the light and the dark colour scheme: the
//! language chooser, home pages, every block, both decision trees at the start, mid-way
//! and at an outcome, search with and without results, the translation banners (and a
//! translation's changed blocks for translators), the 404 page over HTTP, a
//! right-to-left locale, and a phone-width window. Any violation of the WCAG
//! 2.0/2.1/2.2 A and AA rules or axe's best practices fails, naming the rule, the
//! element and the page.
//!
//! One browser and one tab serve every check, and both schemes are checked on each load:
//! a load costs far more than a run of axe.

use super::{Page, launch, search, url};
use crate::common;
use std::path::Path;

/// The rule sets the issue names: WCAG A and AA of each version, and best practices.
const TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']";

const PHONE: (u32, u32) = (390, 844);
const DESKTOP: (u32, u32) = (1280, 900);

/// axe's script, read once from `node_modules` (`npm ci` installs it).
fn axe_source() -> String {
    let file = common::repo_root().join("node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&file).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `npm ci` at the repository's root (.ci/run does)",
            file.display()
        )
    })
}

/// Runs the checks and gathers every violation, so that one run names them all.
struct Auditor {
    axe: String,
    violations: Vec<String>,
    checks: usize,
}

impl Auditor {
    fn new() -> Auditor {
        Auditor {
            axe: axe_source(),
            violations: Vec::new(),
            checks: 0,
        }
    }

    /// axe on the page as it is now, in the light and then the dark scheme.
    fn check(&mut self, page: &Page, state: &str) {
        for scheme in ["light", "dark"] {
            scheme_of(page, scheme);
            self.run(page, &format!("{state} ({scheme})"));
        }
        scheme_of(page, "light");
    }

    fn run(&mut self, page: &Page, state: &str) {
        if page.eval("typeof window.axe") != serde_json::json!("object") {
            page.tab
                .evaluate(&self.axe, false)
                .expect("inject axe-core");
        }
        let js = format!(
            "axe.run(document, {{ runOnly: {{ type: 'tag', values: {TAGS} }}, resultTypes: ['violations'] }})\
             .then(r => JSON.stringify(r.violations.map(v => ({{ id: v.id, help: v.help, nodes: v.nodes.map(n => \
             ({{ target: n.target.join(' '), summary: n.failureSummary }})) }}))))"
        );
        let result = page
            .tab
            .evaluate(&js, true)
            .unwrap_or_else(|e| panic!("axe on {state}: {e}"));
        let text = result
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| panic!("axe gave no result on {state}"));
        let found: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        for violation in found {
            for node in violation["nodes"].as_array().into_iter().flatten() {
                self.violations.push(format!(
                    "{} on {state} at `{}`: {} ({})",
                    violation["id"].as_str().unwrap_or_default(),
                    node["target"].as_str().unwrap_or_default(),
                    violation["help"].as_str().unwrap_or_default(),
                    node["summary"]
                        .as_str()
                        .unwrap_or_default()
                        .replace('\n', " ")
                ));
            }
        }
        self.checks += 1;
    }

    fn assert_none(&self) {
        assert!(
            self.violations.is_empty(),
            "{} axe-core violation(s) in {} checks:\n{}",
            self.violations.len(),
            self.checks,
            self.violations.join("\n")
        );
    }
}

/// Emulates `prefers-color-scheme`; the page restyles without a reload.
fn scheme_of(page: &Page, scheme: &str) {
    let media = serde_json::json!({
        "features": [{ "name": "prefers-color-scheme", "value": scheme }]
    });
    page.tab.call("Emulation.setEmulatedMedia", media).unwrap();
    // Two frames, so that styles and any transition have settled before axe reads colours.
    let settled = page.tab.evaluate(
        "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))",
        true,
    );
    settled.unwrap();
}

/// The window's size; a phone is a touch device with a narrow layout.
fn window_of(page: &Page, (width, height): (u32, u32), mobile: bool) {
    let metrics = serde_json::json!({
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile
    });
    (page.tab)
        .call("Emulation.setDeviceMetricsOverride", metrics)
        .unwrap();
}

/// Unfolds every tree's flowchart, so that axe checks it too.
fn open_diagrams(page: &Page) {
    page.eval(
        "document.querySelectorAll('details.tree-diagram-panel').forEach(d => d.open = true)",
    );
}

/// Waits for a selector to match (scripts draw trees and results after load).
fn wait_for(page: &Page, selector: &str) {
    page.tab
        .wait_for_element(selector)
        .unwrap_or_else(|e| panic!("{selector}: {e}"));
}

/// The default site: the chooser, home pages, every block it has, both trees in each
/// state, and search, at desktop width and on a phone.
fn audit_default_site(page: &Page, auditor: &mut Auditor) {
    for (path, what) in [
        ("", "the language chooser"),
        ("en/", "the English home page"),
        ("ja/", "the Japanese home page"),
        (
            "en/getting-started/",
            "a page with code, callouts and a task list",
        ),
        ("fr/apres-p1/", "a page with footnotes"),
        ("ja/sakuin/", "the Japanese index of terms"),
        (
            "fr/apres-p1/#ix-follow-the-sun",
            "a marked term, targeted by the index",
        ),
    ] {
        page.go(path);
        auditor.check(page, &format!("{what} /{path}"));
    }
    for (tree, page_path, mid, outcome, result) in [
        (
            "priority",
            "en/priorities/",
            "production:yes/situation:degraded",
            "production:yes/situation:degraded/workaround:yes",
            "p3",
        ),
        (
            "escalation",
            "fr/escalade/",
            "production:yes",
            "production:yes/already-p1:no",
            "raise-to-p1",
        ),
    ] {
        page.go(page_path);
        wait_for(page, &format!("#dt-{tree} .tree-widget input[type=radio]"));
        auditor.check(page, &format!("the {tree} tree at its start /{page_path}"));
        let mid_way = format!("{page_path}?{tree}={mid}");
        page.go(&mid_way);
        wait_for(page, &format!("#dt-{tree} .tree-summary li"));
        open_diagrams(page);
        auditor.check(page, &format!("the {tree} tree mid-way /{mid_way}"));
        let answered = format!("{page_path}?{tree}={outcome}");
        page.go(&answered);
        wait_for(
            page,
            &format!("#dt-{tree} .tree-result[data-verdict=\"{result}\"]"),
        );
        auditor.check(page, &format!("the {tree} tree at an outcome /{answered}"));
    }
    page.go("en/priorities/");
    assert!(!search(page, "escalation").is_empty());
    auditor.check(page, "search with results on /en/priorities/");
    assert!(search(page, "zzzxq").is_empty());
    auditor.check(page, "search with no result on /en/priorities/");
    page.go("en/escalation/?h=escal%20priorit");
    wait_for(page, "main article mark.search-hit");
    auditor.check(
        page,
        "a page opened from a search result /en/escalation/?h=",
    );

    window_of(page, PHONE, true);
    for path in ["", "en/", "en/priorities/?priority=production:no"] {
        page.go(path);
        auditor.check(page, &format!("a phone-width window on /{path}"));
    }
    page.go("en/getting-started/");
    page.click(".menu-link");
    auditor.check(page, "the menu on a phone /en/getting-started/#site-nav");
    window_of(page, DESKTOP, false);
}

/// The accessibility fixture (every block, images, both translation banners, a page of
/// forty highlighted languages and the 404 page) and the right-to-left fixture.
fn audit_fixtures(page: &Page, auditor: &mut Auditor) {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixtures().join("accessibility"), dir.path());
    std::fs::copy(
        common::fixtures().join("fence-languages/content/en/index.md"),
        dir.path().join("content/en/languages.md"),
    )
    .unwrap();
    let port = common::server::serve(common::build(dir.path(), &[]));
    let at = |path: &str| format!("http://127.0.0.1:{port}/{path}");
    for (path, what) in [
        ("en/", "a home page"),
        (
            "en/blocks/",
            "tables, code, callouts, footnotes, tasks and images",
        ),
        ("en/languages/", "code in forty languages"),
        ("fr/untranslated/", "the fallback banner"),
        ("fr/blocks/", "the outdated banner"),
        ("en/nowhere/", "the 404 page over HTTP"),
        ("nowhere", "the root 404 page over HTTP"),
    ] {
        page.go_to(&at(path));
        auditor.check(page, &format!("{what} /{path} (accessibility fixture)"));
    }
    window_of(page, PHONE, true);
    page.go_to(&at("en/blocks/"));
    auditor.check(
        page,
        "a phone-width window on /en/blocks/ (accessibility fixture)",
    );
    window_of(page, DESKTOP, false);

    let rtl = common::site("rtl");
    let port = common::server::serve(common::build(rtl.path(), &[]));
    for path in ["ar/", "ar/guide-ar/"] {
        page.go_to(&format!("http://127.0.0.1:{port}/{path}"));
        open_diagrams(page);
        auditor.check(page, &format!("right to left /{path} (rtl fixture)"));
    }
}

/// An outdated translation's marked blocks under `serve --translator`, a source text
/// shown by focus.
fn audit_changed_blocks(page: &Page, auditor: &mut Auditor) {
    let site = crate::l10n_changed_blocks::outdated_site(true);
    let server = crate::serve::serve_with(site.path(), &["--translator"]);
    page.go_to(&format!("http://{}/en/astreinte/", server.address));
    auditor.check(
        page,
        "changed blocks marked for translators (serve --translator)",
    );
    page.eval("document.querySelector('[aria-describedby=\"l10n-source-3\"]').focus()");
    auditor.check(
        page,
        "a changed block's source text shown (serve --translator)",
    );
}

#[test]
fn no_page_type_or_state_has_an_axe_core_violation_in_either_scheme() {
    assert!(
        Path::new(&common::repo_root().join("node_modules/axe-core")).is_dir(),
        "node_modules/axe-core is missing: run `npm ci` at the repository root"
    );
    let browser = launch();
    let page = Page::open(&browser);
    // Built first, so that the site's own port is ready before the fixtures build.
    let _ = url("");
    let mut auditor = Auditor::new();
    audit_default_site(&page, &mut auditor);
    audit_fixtures(&page, &mut auditor);
    audit_changed_blocks(&page, &mut auditor);
    auditor.assert_none();
    assert!(auditor.checks >= 40, "{} checks", auditor.checks);
    println!("axe-core: {} checks, no violation", auditor.checks);
    // The 404 pages were asked for on purpose; Chromium logs their status.
    page.errors
        .lock()
        .unwrap()
        .retain(|e| !(e.contains("404 (Not Found)") && e.contains("/nowhere")));
    page.assert_no_errors();
}
