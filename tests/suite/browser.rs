//! The decision-tree widget in real headless Chromium (Debian's `chromium`): every
//! path of both default trees walked by clicking, one by keyboard only, deep links,
//! the back button, the no-script version, and no console errors anywhere.
//!
//! These tests fail, rather than skip, when Chromium is missing: `.ci/run` installs it.

mod accessibility;
mod assistive;
mod changed_blocks;
mod languages;
mod pseudo_locale;
mod search_eval;
mod search_results;

use crate::common;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use common::cdp::{Browser, Tab};

use folio::diagnostic::Diagnostics;
use folio::model::{DecisionTree, NodeKind};

const CHROMIUM: &str = "/usr/bin/chromium";

mod csp;
mod diagram;

/// The default site, built once per test binary and served on a free local port.
fn site_port() -> u16 {
    static PORT: OnceLock<u16> = OnceLock::new();
    *PORT.get_or_init(|| common::server::serve(common::built_default_site().to_path_buf()))
}

fn url(path: &str) -> String {
    format!("http://127.0.0.1:{}/{path}", site_port())
}

fn trees() -> Vec<DecisionTree> {
    let diagnostics = Diagnostics::new();
    let loaded = folio::commands::site::load(&common::repo_root(), &[], &diagnostics)
        .expect("default site loads");
    loaded.site.trees
}

fn launch() -> Browser {
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does"
    );
    Browser::launch(
        CHROMIUM,
        &[
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--no-sandbox",
            "--disable-setuid-sandbox",
            "--window-size=1280,900",
            // Puppeteer's defaults, which headless_chrome passed before this client:
            // no extensions, no throttling of timers or renderers, colours as authored.
            "--disable-extensions",
            "--disable-default-apps",
            "--disable-background-timer-throttling",
            "--disable-backgrounding-occluded-windows",
            "--disable-renderer-backgrounding",
            "--disable-ipc-flooding-protection",
            "--disable-hang-monitor",
            "--disable-popup-blocking",
            "--disable-prompt-on-repost",
            "--disable-breakpad",
            "--disable-client-side-phishing-detection",
            "--disable-component-extensions-with-background-pages",
            "--disable-dev-shm-usage",
            "--disable-features=TranslateUI",
            "--force-color-profile=srgb",
            "--metrics-recording-only",
            "--password-store=basic",
            "--use-mock-keychain",
            "--enable-automation",
        ],
    )
    .expect("start headless chromium")
}

/// A tab that records console errors and uncaught exceptions.
struct Page {
    tab: Tab,
    errors: Arc<Mutex<Vec<String>>>,
}

impl Page {
    fn open(browser: &Browser) -> Page {
        let tab = browser.new_tab().expect("new tab");
        let errors = Arc::new(Mutex::new(Vec::new()));
        let sink = errors.clone();
        tab.listen(move |method, params| {
            let problem = match method {
                "Runtime.exceptionThrown" => {
                    let details = &params["exceptionDetails"];
                    Some(format!(
                        "exception: {} {}",
                        details["text"], details["exception"]["description"]
                    ))
                }
                "Runtime.consoleAPICalled" if params["type"] == "error" => Some(format!(
                    "console.error: {}",
                    params["args"][0]
                        .get("value")
                        .unwrap_or(&params["args"][0]["description"])
                )),
                "Log.entryAdded" if params["entry"]["level"] == "error" => Some(format!(
                    "log: {} {}",
                    params["entry"]["text"].as_str().unwrap_or_default(),
                    params["entry"]["url"]
                )),
                _ => None,
            };
            if let Some(problem) = problem {
                sink.lock().unwrap().push(problem);
            }
        });
        tab.call("Runtime.enable", serde_json::json!({})).unwrap();
        tab.call("Log.enable", serde_json::json!({})).unwrap();
        Page { tab, errors }
    }

    fn go(&self, path: &str) {
        self.go_to(&url(path));
    }

    fn go_to(&self, address: &str) {
        self.tab
            .navigate_to(address)
            .unwrap_or_else(|e| panic!("opening {address}: {e}"));
    }

    fn eval(&self, js: &str) -> serde_json::Value {
        self.tab
            .evaluate(js, false)
            .unwrap_or_else(|e| panic!("{e}\nin {js}"))
    }

    /// `eval` for a page that may be between documents (a link followed, a reload):
    /// a script that throws on a half-parsed document, or finds none to run in, gives
    /// `None`, to be asked again.
    fn probe(&self, js: &str) -> Option<serde_json::Value> {
        self.tab.evaluate(js, false).ok()
    }

    fn text(&self, selector: &str) -> String {
        let js = format!("(document.querySelector({selector:?}) || {{}}).textContent || ''");
        self.eval(&js).as_str().unwrap_or_default().to_string()
    }

    /// A real mouse click on the element's centre, once the element is there: one
    /// script scrolls it into view and measures it.
    fn click(&self, selector: &str) {
        let js = format!(
            "(() => {{ const e = document.querySelector({selector:?}); if (!e) return ''; \
             e.scrollIntoView({{block: 'center', behavior: 'instant'}}); \
             const r = e.getBoundingClientRect(); return (r.x + r.width / 2) + ',' + (r.y + r.height / 2); }})()"
        );
        let centre = self.poll(
            || Some(self.eval(&js).as_str()?.to_string()).filter(|c| !c.is_empty()),
            selector,
        );
        let (x, y) = centre.split_once(',').unwrap();
        self.tab
            .click_point(x.parse().unwrap(), y.parse().unwrap())
            .unwrap();
    }

    /// Polls `probe` until it gives a value (5 s at most).
    fn poll<T>(&self, mut probe: impl FnMut() -> Option<T>, what: &str) -> T {
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        loop {
            if let Some(value) = probe() {
                return value;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "timed out waiting for {what}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the address satisfies `test` (it updates asynchronously).
    fn wait_for_url(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        self.poll(
            || Some(self.tab.get_url().unwrap()).filter(|u| test(u)),
            what,
        )
    }

    /// A real mouse click that needs no script in the page (scripts may be off).
    fn click_without_scripts(&self, selector: &str) {
        let element = self
            .tab
            .wait_for_element(selector)
            .unwrap_or_else(|e| panic!("{selector}: {e}"));
        element.scroll_into_view().unwrap();
        let (x, y) = element.midpoint().unwrap();
        self.tab.click_point(x, y).unwrap();
    }

    fn assert_no_errors(&self) {
        let errors = self.errors.lock().unwrap();
        assert!(errors.is_empty(), "console errors: {errors:#?}");
    }
}

/// The page each default tree is embedded in, per locale.
fn page_of(tree: &str, locale: &str) -> &'static str {
    match (tree, locale) {
        ("priority", "fr") => "fr/priorites/",
        ("priority", _) => "en/priorities/",
        ("escalation", "fr") => "fr/escalade/",
        _ => "en/escalation/",
    }
}

fn answer_selector(tree: &str, node: &str, answer: &str) -> String {
    format!("#dt-{tree} .tree-widget input[name=\"dt-{tree}-w-{node}\"][value=\"{answer}\"]")
}

fn continue_selector(tree: &str) -> String {
    format!("#dt-{tree} .tree-widget button[type=submit]")
}

/// Walks `path` by clicking answers and Continue, from the first question.
fn walk(page: &Page, tree: &DecisionTree, path: &folio::model::Path) {
    for (node, answer) in &path.steps {
        page.click(&answer_selector(&tree.id, &node.id, &answer.id));
        page.click(&continue_selector(&tree.id));
    }
    let NodeKind::Outcome { outcome, .. } = &path.outcome.kind else {
        unreachable!()
    };
    let result = format!(
        "#dt-{} .tree-result[data-verdict=\"{}\"]",
        tree.id, outcome.id
    );
    let steps: Vec<String> = path
        .steps
        .iter()
        .map(|(n, a)| format!("{}:{}", n.id, a.id))
        .collect();
    page.poll(
        || {
            page.eval(&format!("!!document.querySelector({result:?})"))
                .as_bool()
                .filter(|found| *found)
        },
        &format!("{result} after {steps:?}"),
    );
    // The address holds the path, and the summary lists every answer.
    let expected = format!("{}={}", tree.id, steps.join("/"));
    page.wait_for_url(&expected, |u| u.contains(&expected));
    let listed = page.eval(&format!(
        "document.querySelectorAll('#dt-{} .tree-summary li').length",
        tree.id
    ));
    assert_eq!(listed, serde_json::json!(path.steps.len()));
}

#[test]
fn every_path_of_both_trees_leads_to_its_outcome_by_clicking() {
    let browser = launch();
    let page = Page::open(&browser);
    let mut walked = 0;
    for tree in trees() {
        // Every path in French, starting again with the widget's own button.
        page.go(page_of(&tree.id, "fr"));
        for path in tree.paths() {
            walk(&page, &tree, &path);
            page.click(&format!("#dt-{} .tree-result .tree-quiet", tree.id));
            page.poll(
                || {
                    page.eval(&format!(
                        "!!document.querySelector('input[name=\"dt-{}-w-{}\"]')",
                        tree.id, tree.start
                    ))
                    .as_bool()
                    .filter(|f| *f)
                },
                "the first question again",
            );
            walked += 1;
        }
        // And the English page, on its longest path.
        page.go(page_of(&tree.id, "en"));
        let longest = tree
            .paths()
            .into_iter()
            .max_by_key(|p| p.steps.len())
            .unwrap();
        walk(&page, &tree, &longest);
    }
    assert_eq!(walked, 7 + 9, "every path of both trees");
    page.assert_no_errors();
}

#[test]
fn a_path_can_be_completed_with_the_keyboard_alone() {
    let browser = launch();
    let page = Page::open(&browser);
    page.go("en/priorities/");
    // Where a reader tabbing through the page arrives: the first question.
    page.eval("document.querySelector('#dt-priority .tree-widget .tree-question').focus()");

    let focused_class = || {
        page.eval("document.activeElement.className")
            .as_str()
            .unwrap_or_default()
            .to_string()
    };

    // Continue with nothing chosen: an error, and focus on the first answer.
    page.tab.press_key("Tab").unwrap(); // the first radio
    page.tab.press_key("Tab").unwrap(); // Continue
    page.tab.press_key("Enter").unwrap();
    assert!(
        page.eval("!document.querySelector('#dt-priority .tree-error').hidden")
            .as_bool()
            .unwrap()
    );
    assert_eq!(
        page.eval("document.activeElement.type"),
        serde_json::json!("radio")
    );

    // production = yes: Space checks the focused radio, Enter on Continue submits.
    page.tab.press_key(" ").unwrap();
    page.tab.press_key("Tab").unwrap();
    page.tab.press_key("Enter").unwrap();
    page.tab
        .wait_for_element("input[name=\"dt-priority-w-situation\"]")
        .unwrap();
    assert!(
        focused_class().contains("tree-question"),
        "focus on the new question, got {}",
        focused_class()
    );

    // situation = degraded: arrow keys move the choice within the group.
    page.tab.press_key("Tab").unwrap();
    page.tab.press_key("ArrowDown").unwrap();
    page.tab.press_key("Tab").unwrap();
    page.tab.press_key("Enter").unwrap();
    page.tab
        .wait_for_element("input[name=\"dt-priority-w-workaround\"]")
        .unwrap();

    // workaround = yes.
    page.tab.press_key("Tab").unwrap();
    page.tab.press_key(" ").unwrap();
    page.tab.press_key("Tab").unwrap();
    page.tab.press_key("Enter").unwrap();
    page.tab
        .wait_for_element("#dt-priority .tree-result[data-verdict=\"p3\"]")
        .unwrap();
    assert!(
        focused_class().contains("tree-result-title"),
        "focus on the outcome, got {}",
        focused_class()
    );
    page.wait_for_url("the path", |u| {
        u.contains("priority=production:yes/situation:degraded/workaround:yes")
    });
    // The polite live region announced the outcome.
    assert!(page.text("#dt-priority [aria-live]").contains("P3"));
    page.assert_no_errors();
}

#[test]
fn a_deep_link_lands_on_the_same_step_after_a_reload() {
    let browser = launch();
    let page = Page::open(&browser);
    page.go("fr/priorites/?priority=production:yes/situation:degraded#dt-priority");
    page.tab
        .wait_for_element("input[name=\"dt-priority-w-workaround\"]")
        .unwrap();
    let question = page.text("#dt-priority .tree-widget .tree-question .tree-text");
    assert!(question.contains("contournement"), "{question}");
    assert_eq!(
        page.eval("document.querySelectorAll('#dt-priority .tree-summary li').length"),
        serde_json::json!(2)
    );
    page.tab.reload().unwrap();
    page.tab
        .wait_for_element("input[name=\"dt-priority-w-workaround\"]")
        .unwrap();
    assert_eq!(
        page.text("#dt-priority .tree-widget .tree-question .tree-text"),
        question
    );

    // A link to an outcome shows the outcome; a broken link falls back to its valid part.
    page.go("en/escalation/?escalation=production:yes/already-p1:no");
    page.tab
        .wait_for_element("#dt-escalation .tree-result[data-verdict=\"raise-to-p1\"]")
        .unwrap();
    page.go("en/escalation/?escalation=production:yes/already-p1:perhaps");
    page.tab
        .wait_for_element("input[name=\"dt-escalation-w-already-p1\"]")
        .unwrap();
    page.assert_no_errors();
}

#[test]
fn the_back_button_walks_back_through_the_answers() {
    let browser = launch();
    let page = Page::open(&browser);
    page.go("en/priorities/");
    page.click(&answer_selector("priority", "production", "yes"));
    page.click(&continue_selector("priority"));
    page.click(&answer_selector("priority", "situation", "down"));
    page.click(&continue_selector("priority"));
    page.tab
        .wait_for_element("input[name=\"dt-priority-w-business\"]")
        .unwrap();

    page.eval("history.back()");
    page.tab
        .wait_for_element("input[name=\"dt-priority-w-situation\"]")
        .unwrap();
    // The answer given before is still selected.
    assert_eq!(
        page.eval(
            "document.querySelector('input[name=\"dt-priority-w-situation\"]:checked').value"
        ),
        serde_json::json!("down")
    );
    page.eval("history.back()");
    page.tab
        .wait_for_element("input[name=\"dt-priority-w-production\"]")
        .unwrap();
    page.wait_for_url("no path", |u| !u.contains("priority="));
    page.eval("history.forward()");
    page.tab
        .wait_for_element("input[name=\"dt-priority-w-situation\"]")
        .unwrap();

    // The widget's own Back and Start again buttons.
    page.click(&answer_selector("priority", "situation", "minor"));
    page.click(&continue_selector("priority"));
    page.tab
        .wait_for_element("#dt-priority .tree-result[data-verdict=\"p3\"]")
        .unwrap();
    page.click("#dt-priority .tree-result .tree-button:not(.tree-primary):not(.tree-quiet)");
    page.tab
        .wait_for_element("input[name=\"dt-priority-w-situation\"]")
        .unwrap();
    page.click("#dt-priority .tree-widget .tree-quiet");
    page.tab
        .wait_for_element("input[name=\"dt-priority-w-production\"]")
        .unwrap();
    page.assert_no_errors();
}

#[test]
fn the_summary_can_be_copied_into_a_case() {
    let browser = launch();
    let page = Page::open(&browser);
    page.go("fr/priorites/?priority=production:no/request:question");
    page.click("#dt-priority .tree-result .tree-primary");
    page.tab
        .wait_for_element("#dt-priority .tree-copy-status:not(:empty)")
        .unwrap();
    let status = page.text("#dt-priority .tree-copy-status");
    let offered =
        page.eval("(document.querySelector('#dt-priority .tree-copy-text') || {}).value || ''");
    match offered.as_str().unwrap_or_default() {
        // The clipboard took it.
        "" => assert_eq!(
            status,
            page.eval("document.querySelector('#dt-priority').dataset.tCopied")
                .as_str()
                .unwrap()
        ),
        // The clipboard was refused (as headless may): the text is offered to copy by hand.
        summary => {
            assert!(
                summary.contains("Priorité\u{202F}P4") || summary.contains("Priorité P4"),
                "{summary}"
            );
            assert!(summary.contains("Vos réponses"), "{summary}");
            assert!(summary.contains("Le problème touche-t-il"), "{summary}");
        }
    }
    page.assert_no_errors();
}

#[test]
fn without_javascript_links_lead_to_the_outcome() {
    let browser = launch();
    let page = Page::open(&browser);
    page.tab
        .call(
            "Emulation.setScriptExecutionDisabled",
            serde_json::json!({ "value": true }),
        )
        .unwrap();
    page.go("fr/priorites/");
    assert!(
        (page.tab.find_elements("#dt-priority .tree-widget").unwrap()).is_empty(),
        "no widget without scripts"
    );
    for (node, answer, next) in [
        ("production", "yes", "situation"),
        ("situation", "down", "business"),
        ("business", "yes", "p1-critical"),
    ] {
        page.click_without_scripts(&format!("#dt-priority-{node} a[data-answer=\"{answer}\"]"));
        let target = format!("#dt-priority-{next}");
        page.wait_for_url(&target, |u| u.ends_with(&target));
    }
    let outcome = page.tab.find_element("#dt-priority-p1-critical").unwrap();
    let attributes = outcome.attributes().unwrap();
    let verdict = attributes
        .into_iter()
        .find(|(name, _)| name == "data-verdict")
        .map(|(_, value)| value);
    assert_eq!(verdict.as_deref(), Some("p1"));
    page.assert_no_errors();
}

#[test]
fn a_right_to_left_locale_mirrors_the_layout() {
    let dir = common::site("rtl");
    let port = common::server::serve(common::build(dir.path(), &[]));
    let browser = launch();
    let page = Page::open(&browser);
    page.go_to(&format!("http://127.0.0.1:{port}/ar/guide-ar/"));
    assert_eq!(
        page.eval("document.documentElement.dir"),
        serde_json::json!("rtl")
    );
    assert_eq!(
        page.eval("getComputedStyle(document.body).direction"),
        serde_json::json!("rtl")
    );
    // The guide's contents sit on the right of the text, the callout's bar on its right edge.
    let sidebar = page
        .eval("document.querySelector('.sidebar').getBoundingClientRect().left")
        .as_f64()
        .unwrap();
    let main = page
        .eval("document.querySelector('main').getBoundingClientRect().left")
        .as_f64()
        .unwrap();
    assert!(sidebar > main, "sidebar at {sidebar}, main at {main}");
    let bar = page
        .eval("getComputedStyle(document.querySelector('.callout')).borderRightWidth")
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(bar, "4px");
    // Nothing overflows the window.
    assert_eq!(
        page.eval("document.documentElement.scrollWidth <= window.innerWidth"),
        serde_json::json!(true)
    );
    page.assert_no_errors();
}

/// Types `query` in the page's search box and returns the result links. The status
/// line is emptied first, so that only this query's can end the wait.
fn search(page: &Page, query: &str) -> Vec<String> {
    page.eval(
        "document.querySelector('.search-input').value = ''; \
         document.querySelector('.search-status').textContent = ''",
    );
    page.click(".search-input");
    page.tab.type_str(query).unwrap();
    let expected = format!(
        "document.querySelector('.search-status')?.textContent.includes({:?})",
        query.trim()
    );
    page.poll(
        || page.eval(&expected).as_bool().filter(|found| *found),
        &format!("the results for {query}"),
    );
    let links = page.eval(
        "JSON.stringify([...document.querySelectorAll('.search-results a')].map(a => a.href))",
    );
    serde_json::from_str(links.as_str().unwrap_or("[]")).unwrap_or_default()
}

#[test]
fn search_finds_pages_in_the_reader_s_language() {
    let browser = launch();
    let page = Page::open(&browser);
    page.go("fr/priorites/");
    // "escalades" is not in the text; French stemming still finds the escalation page.
    let french = search(&page, "escalades");
    assert!(french.iter().all(|l| l.contains("/fr/")), "{french:?}");
    assert!(
        french.iter().any(|l| l.contains("/fr/escalade/")),
        "{french:?}"
    );
    page.go("en/priorities/");
    let english = search(&page, "escalating");
    assert!(english.iter().all(|l| l.contains("/en/")), "{english:?}");
    assert!(
        english.iter().any(|l| l.contains("/en/escalation/")),
        "{english:?}"
    );
    // The decision trees' questions are indexed with the page that shows them.
    let tree = search(&page, "workaround business running");
    assert!(
        tree.iter().any(|l| l.contains("/en/priorities/")),
        "{tree:?}"
    );
    // Words typed without their accents still match.
    page.go("fr/escalade/");
    let unaccented = search(&page, "priorites");
    assert!(
        unaccented.iter().any(|l| l.contains("/fr/priorites/")),
        "{unaccented:?}"
    );
    // Japanese has no spaces: it is matched by character pairs, its best page first.
    page.go("ja/priorities/");
    let japanese = search(&page, "エスカレーション");
    assert!(japanese.iter().all(|l| l.contains("/ja/")), "{japanese:?}");
    assert!(japanese[0].contains("/ja/escalation/"), "{japanese:?}");
    // The arrow key moves from the box to the first result; Escape closes the list.
    page.tab.press_key("ArrowDown").unwrap();
    assert_eq!(
        page.eval("document.activeElement === document.querySelector('.search-results a')"),
        serde_json::json!(true)
    );
    page.tab.press_key("Escape").unwrap();
    assert_eq!(
        page.eval("document.querySelector('.search-drawer').hidden"),
        serde_json::json!(true)
    );
    page.assert_no_errors();
}

#[test]
fn search_says_when_nothing_matches() {
    let browser = launch();
    let page = Page::open(&browser);
    page.go("fr/priorites/");
    assert!(search(&page, "zzzxq").is_empty());
    let status = page.eval("document.querySelector('.search-status').textContent");
    assert_eq!(
        status.as_str(),
        Some("Aucune page ne correspond à «\u{202f}zzzxq\u{202f}».")
    );
    page.assert_no_errors();
}

#[test]
fn a_large_site_s_sidebar_lists_every_section_from_the_shared_file() {
    let dir = tempfile::tempdir().unwrap();
    common::many_sections(dir.path());
    let port = common::server::serve(common::build(dir.path(), &["--no-pdf"]));
    let browser = launch();
    let page = Page::open(&browser);
    page.go_to(&format!("http://127.0.0.1:{port}/en/s20/p2/index.html"));
    let titles = "JSON.stringify([...document.querySelectorAll('.sidebar li')].map(li => li.textContent.trim()))";
    let listed: Vec<String> = page.poll(
        || {
            let all: Vec<String> = serde_json::from_str(page.eval(titles).as_str()?).ok()?;
            (all.len() == 43).then_some(all)
        },
        "the full list of sections",
    );
    let at = listed.iter().position(|t| t == "Section 20").unwrap();
    assert_eq!(
        listed[at..at + 5],
        [
            "Section 20",
            "Page 20.1",
            "Page 20.2",
            "Page 20.3",
            "Section 21"
        ]
    );
    assert_eq!(
        page.eval("document.querySelector('.sidebar [aria-current]').textContent"),
        serde_json::json!("Page 20.2")
    );
    page.assert_no_errors();
}

#[test]
fn a_long_outline_s_sidebar_shows_parts_and_drafts_from_the_shared_file() {
    let dir = tempfile::tempdir().unwrap();
    common::long_outline(dir.path());
    let port = common::server::serve(common::build(dir.path(), &["--no-pdf"]));
    let browser = launch();
    let page = Page::open(&browser);
    page.go_to(&format!("http://127.0.0.1:{port}/en/c30-1/index.html"));
    let entries = "JSON.stringify([...document.querySelectorAll('.sidebar li')].map(li => li.className + ':' + li.textContent.trim()))";
    let listed: Vec<String> = page.poll(
        || {
            let all: Vec<String> = serde_json::from_str(page.eval(entries).as_str()?).ok()?;
            (all.len() == 44).then_some(all)
        },
        "the full outline",
    );
    assert_eq!(listed[0], "nav-part:First part");
    assert_eq!(listed[21], ":Coming soon");
    assert_eq!(listed[22], "nav-part:Second part");
    let at = listed.iter().position(|t| t == ":Chapter 30").unwrap();
    assert_eq!(
        listed[at..at + 3],
        [":Chapter 30", "nav-nested:Section 30.1", ":Chapter 31"]
    );
    assert_eq!(
        page.eval("document.querySelector('.sidebar .nav-draft').textContent"),
        serde_json::json!("Coming soon")
    );
    assert_eq!(
        page.eval("document.querySelector('.sidebar [aria-current]').textContent"),
        serde_json::json!("Section 30.1")
    );
    page.assert_no_errors();
}

/// A tree on another scale (the `severity` fixture, outcomes declared in
/// `_outcomes.toml`): every path walks to its declared outcome, the result shows the
/// outcome's label and badge, and the copied summary names it.
#[test]
fn a_tree_with_declared_outcomes_walks_and_copies_its_labels() {
    let dir = common::site("severity");
    let port = common::server::serve(common::build(dir.path(), &[]));
    let diagnostics = Diagnostics::new();
    let loaded = folio::commands::site::load(dir.path(), &[], &diagnostics).expect("loads");
    let tree = loaded
        .site
        .tree("severity")
        .expect("the severity tree")
        .clone();
    let browser = launch();
    let page = Page::open(&browser);
    page.go_to(&format!("http://127.0.0.1:{port}/fr/severite/"));
    let paths = tree.paths();
    assert_eq!(paths.len(), 6);
    for path in &paths {
        walk(&page, &tree, path);
        page.click("#dt-severity .tree-result .tree-quiet");
        page.tab
            .wait_for_element("input[name=\"dt-severity-w-scope\"]")
            .unwrap();
    }
    page.go_to(&format!(
        "http://127.0.0.1:{port}/fr/severite/?severity=scope:team/workaround:no"
    ));
    page.tab
        .wait_for_element("#dt-severity .tree-result[data-verdict=\"sev-a\"]")
        .unwrap();
    assert_eq!(page.text("#dt-severity .tree-result-title"), "A Sévérité A");
    // Without a clipboard the summary is offered to copy by hand: read it there.
    page.eval(
        "Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true })",
    );
    page.click("#dt-severity .tree-result .tree-primary");
    page.tab
        .wait_for_element("#dt-severity .tree-copy-text")
        .unwrap();
    let summary = page.eval("document.querySelector('#dt-severity .tree-copy-text').value");
    let summary = summary.as_str().unwrap_or_default();
    assert!(summary.contains("— Sévérité A"), "{summary}");
    assert!(summary.contains("Une équipe"), "{summary}");
    page.assert_no_errors();
}
