//! The default theme's Content Security Policy in Chromium: every page kind the other
//! browser tests open (decision-tree widget, search, language chooser, the sidebar
//! from the shared navigation file) works under it without a single
//! `securitypolicyviolation` event, and the watcher does see one when something the
//! policy forbids is tried.

use super::{Page, launch, page_of, search, trees, walk};
use crate::common;

/// Installed before any of the page's own code runs, so load-time violations count.
const WATCH: &str = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));";

fn watched(browser: &crate::common::cdp::Browser) -> Page {
    let page = Page::open(browser);
    page.tab
        .call(
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({ "source": WATCH }),
        )
        .unwrap();
    page
}

fn violations(page: &Page) -> Vec<String> {
    let list = page.eval("JSON.stringify(window.__csp || ['the watcher is missing'])");
    serde_json::from_str(list.as_str().unwrap_or("[]")).unwrap_or_default()
}

fn policy(page: &Page) -> String {
    page.eval(
        "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')?.content || ''",
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

#[test]
fn the_default_site_works_under_its_content_security_policy() {
    let browser = launch();
    let page = watched(&browser);
    // The language chooser.
    page.go("");
    assert!(
        policy(&page).starts_with("default-src 'self'"),
        "{}",
        policy(&page)
    );
    assert_eq!(violations(&page), Vec::<String>::new(), "language chooser");
    // A decision tree walked to its outcome, then the search box.
    let tree = trees().into_iter().next().expect("a tree");
    page.go(page_of(&tree.id, "en"));
    let path = tree.paths().into_iter().next().expect("a path");
    walk(&page, &tree, &path);
    assert!(!search(&page, "escalating").is_empty());
    assert_eq!(violations(&page), Vec::<String>::new(), "tree and search");
    page.assert_no_errors();
    // The watcher does report what the policy forbids: an inline script.
    page.eval("const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s)");
    let seen = violations(&page);
    assert!(seen.iter().any(|v| v.starts_with("script-src")), "{seen:?}");
    assert_eq!(page.eval("window.__ran || 0"), serde_json::json!(0));
}

#[test]
fn the_shared_sidebar_loads_under_the_content_security_policy() {
    let dir = tempfile::tempdir().unwrap();
    common::many_sections(dir.path());
    let port = common::server::serve(common::build(dir.path(), &["--no-pdf"]));
    let browser = launch();
    let page = watched(&browser);
    page.go_to(&format!("http://127.0.0.1:{port}/en/s20/p2/index.html"));
    page.poll(
        || {
            let n = page.eval("document.querySelectorAll('.sidebar li').length");
            (n == serde_json::json!(43)).then_some(())
        },
        "the full list of sections",
    );
    assert!(!policy(&page).is_empty());
    assert_eq!(violations(&page), Vec::<String>::new());
    page.assert_no_errors();
}

/// `'self'` covers `file:` pages too: a site opened from the disk (the default link
/// style's promise) keeps its stylesheet and its tree widget.
#[test]
fn pages_opened_from_the_disk_work_under_the_policy() {
    let browser = launch();
    let page = watched(&browser);
    let tree = trees().into_iter().next().expect("a tree");
    let at = (common::built_default_site())
        .join(page_of(&tree.id, "en"))
        .join("index.html");
    page.go_to(&format!("file://{}", at.display()));
    let path = tree.paths().into_iter().next().expect("a path");
    walk(&page, &tree, &path);
    assert_eq!(
        page.eval("getComputedStyle(document.documentElement).getPropertyValue('--bg') !== ''"),
        serde_json::json!(true),
        "the stylesheet applies"
    );
    assert_eq!(violations(&page), Vec::<String>::new());
    page.assert_no_errors();
}

/// `folio serve` adds its reload script and, after a failed build, an error banner:
/// both come as files, so the page reloads itself and shows the banner styled.
#[test]
fn folio_serve_s_reload_and_error_banner_work_under_the_policy() {
    let site = common::site("base");
    let server = crate::serve::serve(site.path());
    let browser = launch();
    let page = watched(&browser);
    page.go_to(&format!("http://{}/fr/guide/", server.address));
    page.poll(
        || {
            let open = "performance.getEntriesByType('resource').some(r => r.name.endsWith('/__folio/reload.js'))";
            page.eval(open).as_bool().filter(|o| *o)
        },
        "the reload script loaded",
    );
    assert_eq!(violations(&page), Vec::<String>::new());
    std::fs::write(
        site.path().join("content/fr/guide.md"),
        "+++\ntitle = \"Guide\ntittle\n+++\n",
    )
    .unwrap();
    page.poll(
        || {
            let shown = "getComputedStyle(document.getElementById('folio-errors') || document.body).position === 'fixed'";
            page.probe(shown)?.as_bool().filter(|s| *s)
        },
        "the page reloaded with the styled error banner",
    );
    assert_eq!(violations(&page), Vec::<String>::new());
}
