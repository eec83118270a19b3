//! `serve --translator` in Chromium: a block of an outdated translation whose source
//! changed shows the source's text while the mouse is over it and while the keyboard
//! has it focused, hides it on Escape and otherwise once left; the page logs no error
//! (a style or script the Content Security Policy refused would be one).

use std::time::Duration;

use super::{Page, launch};

/// Whether the element with `id` is rendered, and its text as shown.
fn shown(page: &Page, id: &str) -> (bool, String) {
    let js = format!(
        "(() => {{ const e = document.getElementById({id:?}); if (!e) return '[false, \"missing\"]'; \
         return JSON.stringify([getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0, e.innerText]); }})()"
    );
    let value = page.eval(&js);
    serde_json::from_str(value.as_str().unwrap_or("[false, \"\"]")).unwrap()
}

#[test]
fn a_changed_block_shows_its_source_text_on_hover_and_on_focus() {
    let site = crate::l10n_changed_blocks::outdated_site(true);
    let server = crate::serve::serve_with(site.path(), &["--translator"]);
    // Tabbing down the page passes the search box, whose focus fetches the index:
    // `serve` makes it after the pages, and until then that fetch logs a 404.
    crate::serve::wait_for("the search index", Duration::from_secs(10), || {
        crate::serve::get(&server, "/search/en/meta.json").0 == 200
    });
    let browser = launch();
    let page = Page::open(&browser);
    page.go_to(&format!("http://{}/en/astreinte/", server.address));
    let block = "[aria-describedby=\"l10n-source-3\"]";
    assert!(!shown(&page, "l10n-source-3").0, "hidden until asked for");

    // The mouse over the paragraph.
    let js = format!(
        "(() => {{ const e = document.querySelector({block:?}); e.scrollIntoView({{block: 'center', behavior: 'instant'}}); \
         const r = e.getBoundingClientRect(); return (r.x + r.width / 2) + ',' + (r.y + r.height / 2); }})()"
    );
    let centre = page.eval(&js);
    let (x, y) = centre.as_str().unwrap().split_once(',').unwrap();
    page.tab
        .move_mouse_to(x.parse().unwrap(), y.parse().unwrap())
        .unwrap();
    let text = page.poll(
        || {
            Some(shown(&page, "l10n-source-3"))
                .filter(|(on, _)| *on)
                .map(|(_, t)| t)
        },
        "the source text on hover",
    );
    assert!(text.contains("The original now reads:"), "{text}");
    assert!(text.contains("réseau mobile."), "{text}");
    // It opens below the paragraph, over what follows, within the window.
    let placed = page.eval(&format!(
        "(() => {{ const p = document.querySelector({block:?}).getBoundingClientRect(); \
         const s = document.getElementById('l10n-source-3').getBoundingClientRect(); \
         return s.top >= p.bottom && s.left >= 0 && s.right <= window.innerWidth; }})()"
    ));
    assert_eq!(placed, serde_json::json!(true));
    // Away from it, hidden again.
    page.tab.move_mouse_to(2.0, 2.0).unwrap();
    page.poll(
        || Some(()).filter(|_| !shown(&page, "l10n-source-3").0),
        "the source text hidden",
    );

    // The keyboard alone: Tab from the top of the page reaches the paragraph.
    page.eval("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
    let mut reached = false;
    for _ in 0..120 {
        page.tab.press_key("Tab").unwrap();
        let here = page.eval(&format!("document.activeElement.matches({block:?})"));
        if here == serde_json::json!(true) {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab never reached the changed paragraph");
    let (on, text) = shown(&page, "l10n-source-3");
    assert!(on && text.contains("réseau mobile."), "{text}");
    // Escape hides it without moving focus; leaving the block brings it back later.
    page.tab.press_key("Escape").unwrap();
    page.poll(
        || Some(()).filter(|_| !shown(&page, "l10n-source-3").0),
        "the source text dismissed with Escape",
    );
    let still = page.eval(&format!("document.activeElement.matches({block:?})"));
    assert_eq!(still, serde_json::json!(true));
    page.tab.press_key("Tab").unwrap();
    assert_eq!(
        page.eval(&format!(
            "document.querySelector({block:?}).classList.contains('l10n-dismissed')"
        )),
        serde_json::json!(false)
    );
    // Screen readers get it as the paragraph's description.
    let described = page.eval(&format!(
        "document.getElementById(document.querySelector({block:?}).getAttribute('aria-describedby')).getAttribute('role')"
    ));
    assert_eq!(described, serde_json::json!("tooltip"));
    page.assert_no_errors();
}
