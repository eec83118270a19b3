//! The pseudo-locale in Chromium: on the default site built with `--pseudo`, the
//! theme shows no text that bypassed Fluent.
//!
//! What counts, precisely. The pseudo-locale accents every ASCII letter of the source
//! locale's messages and pages and brackets each message, so a string that does not
//! come from Fluent (or from the page) still has plain ASCII letters. Checked on the
//! home page, a page with a decision tree (its widget walked one step) and a page with
//! the search open on a query with results and on one without:
//!
//! - every rendered text node (its element has a box: `display: none` and closed
//!   `<details>` contents are not looked at; visually hidden screen-reader text is) and
//!   every `placeholder`, `aria-label`, `title` and `alt` attribute has no ASCII
//!   letter `A-Z a-z`;
//! - and each text node with letters lies in a block (its nearest ancestor whose
//!   `display` is not inline) whose text holds a `[` and a `]`: a message or page
//!   unit, possibly cut by the layout, never a bare string. A search result's excerpt
//!   is exempt from this one: it is a window cut out of a page's text, brackets and
//!   all (its letters are still checked).
//!
//! Exempt, as not the pseudo-locale's text: code (`code`, `pre`, `kbd`, `samp`), what
//! is in an element whose `lang` names another language (the language switcher's
//! names of the other locales, each in its own language), scripts and styles, and the
//! decision trees' outcome badges (`P1`, declared in the trees' rules as one short
//! mark for every language, not a message): each badge word is taken out of a text
//! before it is checked.

use super::{Page, launch};
use crate::common;

/// Texts and attributes that break the rules above, as `what: text`.
const UNBRACKETED: &str = r#"(badges => {
  const bad = [];
  const unbadged = text => text.split(/\s+/).filter(w => !badges.includes(w)).join(' ');
  const exempt = el => el.closest('code, pre, kbd, samp, script, style, noscript, template')
    || (el.closest('[lang]') && el.closest('[lang]').getAttribute('lang') !== 'qps-ploc');
  const rendered = el => el.getClientRects().length > 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = unbadged(n.textContent).trim();
    if (!text || exempt(el) || !rendered(el)) continue;
    if (/[A-Za-z]/.test(text)) { bad.push('text: ' + text); continue; }
    if (!/\p{L}/u.test(text)) continue;
    let block = el;
    while (block.parentElement && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    if (el.closest('.search-result-excerpt')) continue;
    const whole = block.textContent;
    if (!whole.includes('[') || !whole.includes(']')) bad.push('outside brackets: ' + text);
  }
  for (const el of document.querySelectorAll('[placeholder], [aria-label], [title], [alt]')) {
    if (exempt(el)) continue;
    for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
      const value = el.getAttribute(name);
      if (value && /[A-Za-z]/.test(value)) bad.push(name + ': ' + value);
    }
  }
  return JSON.stringify(bad);
})"#;

fn unbracketed(page: &Page) -> Vec<String> {
    let mut badges: Vec<String> = (super::trees().iter())
        .flat_map(|t| t.outcomes())
        .filter_map(|o| o.badge.clone())
        .collect();
    badges.sort();
    badges.dedup();
    let badges = serde_json::to_string(&badges).unwrap();
    let found = page.eval(&format!("{UNBRACKETED}({badges})"));
    serde_json::from_str(found.as_str().unwrap_or("[]")).unwrap()
}

#[test]
fn the_default_theme_shows_no_text_outside_fluent_in_the_pseudo_locale() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("public");
    common::folio()
        .args(["build", "-q", "--pseudo", "--no-pdf", "--root"])
        .arg(common::repo_root())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let port = common::server::serve(out);
    let browser = launch();
    let page = Page::open(&browser);
    let mut found = Vec::new();

    page.go_to(&format!("http://127.0.0.1:{port}/qps-ploc/"));
    assert_eq!(page.eval("document.documentElement.lang"), "qps-ploc");
    found.extend(unbracketed(&page).into_iter().map(|t| format!("home: {t}")));

    page.go_to(&format!("http://127.0.0.1:{port}/qps-ploc/priorites/"));
    assert!(
        page.eval("!!document.querySelector('.decision-tree, [data-tree]')") == true,
        "the page has its tree"
    );
    found.extend(unbracketed(&page).into_iter().map(|t| format!("tree: {t}")));
    // One answer further: the next question and the widget's own controls.
    page.eval("document.querySelector('.decision-tree button, [data-tree] button')?.click()");
    found.extend(
        unbracketed(&page)
            .into_iter()
            .map(|t| format!("tree, answered: {t}")),
    );

    // A query with results and one without: the status line and the results' texts.
    for query in ["ĝûîðé", "ẋẋẋ"] {
        super::search_results::results(&page, query);
        found.extend(
            unbracketed(&page)
                .into_iter()
                .map(|t| format!("search {query}: {t}")),
        );
    }
    assert!(
        found.is_empty(),
        "text outside Fluent:\n{}",
        found.join("\n")
    );

    // The check sees what it is meant to: a bare string, accented or not.
    page.eval(
        "document.querySelector('main, body').append(Object.assign(document.createElement('p'), \
         {textContent: 'Search'}), Object.assign(document.createElement('p'), {textContent: 'Ŝéàŕçĥ'}))",
    );
    assert_eq!(
        unbracketed(&page),
        ["text: Search", "outside brackets: Ŝéàŕçĥ"],
        "the check finds bare strings"
    );
    page.assert_no_errors();
}
