//! Stable anchors across locales in Chromium: from every page of every locale of the
//! default site, opened at its last section (the URL's fragment), each link of the
//! language switcher leads to the same section of the other locale's page, scrolled
//! into view; and a link to the source heading's id lands in a translation.

use super::{Page, launch, url};
use crate::common;

/// The default site's pages, as `<locale>/<page>/` below the site root.
fn pages() -> Vec<String> {
    let root = common::built_default_site();
    let mut out = Vec::new();
    for locale in ["fr", "en", "de", "ja"] {
        for entry in std::fs::read_dir(root.join(locale)).unwrap() {
            let path = entry.unwrap().path();
            if path.join("index.html").is_file() {
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                out.push(format!("{locale}/{name}/"));
            }
        }
    }
    out.sort();
    out
}

/// The index of the section the fragment names among the content's headings, and
/// whether that heading is in view.
const SECTION: &str = "(() => { \
  const id = decodeURIComponent(location.hash.slice(1)); \
  const target = id && document.getElementById(id); \
  if (!target) return 'none ' + location.href; \
  const heading = target.closest('h2, h3, h4'); \
  const all = Array.from(document.querySelectorAll('.content h2[id], .content h3[id], .content h4[id]')); \
  const top = heading.getBoundingClientRect().top; \
  return all.indexOf(heading) + (top >= -2 && top < innerHeight ? ' in view' : ' out of view ' + top); \
})()";

/// `SECTION`, or "" while a followed link's page has no document to ask.
fn section(page: &Page) -> String {
    let found = page.probe(SECTION).unwrap_or_default();
    found.as_str().unwrap_or_default().to_string()
}

/// The index of the heading that `id` names (its own id or an alias inside it) among
/// the content's headings of the built page at `address` (below the site root).
fn static_section(address: &str, id: &str) -> Option<usize> {
    let path = address
        .trim_start_matches('/')
        .trim_end_matches("index.html");
    let html =
        std::fs::read_to_string(common::built_default_site().join(path).join("index.html")).ok()?;
    let doc = scraper::Html::parse_document(&html);
    let headings =
        scraper::Selector::parse(".content h2[id], .content h3[id], .content h4[id]").unwrap();
    let alias = scraper::Selector::parse("[id]").unwrap();
    doc.select(&headings).position(|h| {
        h.value().id() == Some(id) || h.select(&alias).any(|e| e.value().id() == Some(id))
    })
}

#[test]
fn switching_language_keeps_the_reader_at_the_same_section() {
    let browser = launch();
    let page = Page::open(&browser);
    let mut clicked = 0;
    let mut checked = 0;
    let headings = scraper::Selector::parse(".content h2[id], .content h3[id]").unwrap();
    let anchored = scraper::Selector::parse("nav.languages a[data-anchors]").unwrap();
    for (n, path) in pages().into_iter().enumerate() {
        let html =
            std::fs::read_to_string(common::built_default_site().join(&path).join("index.html"))
                .unwrap();
        let doc = scraper::Html::parse_document(&html);
        // The term index is made per locale (its letters differ): its switcher
        // links name no sections.
        if doc.select(&anchored).next().is_none() {
            continue;
        }
        let Some(last) = doc.select(&headings).next_back() else {
            continue;
        };
        let id = last.value().id().unwrap().to_string();
        let origin = format!("{}#{id}", url(&path));
        page.go_to(&origin);
        let here = section(&page);
        assert!(here.ends_with(" in view"), "{origin}: {here}");
        let index = static_section(&path, &id).unwrap();
        // Every link of the switcher carries the section, in the target's terms...
        let links = page.eval(
            "JSON.stringify(Array.from(document.querySelectorAll('nav.languages a:not([aria-current])')).map(a => [a.lang, new URL(a.href).pathname, decodeURIComponent(new URL(a.href).hash.slice(1))]))",
        );
        let links: Vec<(String, String, String)> =
            serde_json::from_str(links.as_str().unwrap()).unwrap();
        assert_eq!(links.len(), 3, "{origin}");
        for (lang, target, fragment) in &links {
            assert_eq!(
                static_section(target, fragment),
                Some(index),
                "{origin} -> {lang}: {target}#{fragment}"
            );
            checked += 1;
        }
        // ...and following one (a different locale each time) lands there, in view.
        let lang = &links[n % links.len()].0;
        page.click(&format!("nav.languages a[lang=\"{lang}\"]"));
        page.wait_for_url(&format!("the {lang} page"), |u| {
            u.contains(&format!("/{lang}/"))
        });
        // The browser scrolls to the fragment once the page is laid out.
        let mut there = section(&page);
        for _ in 0..100 {
            if there == here {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(30));
            there = section(&page);
        }
        assert_eq!(
            there,
            here,
            "{origin} -> {lang}: {}",
            page.tab.get_url().unwrap()
        );
        clicked += 1;
    }
    // Six pages with sections in four locales, three links each.
    assert_eq!((clicked, checked), (6 * 4, 6 * 4 * 3));
    page.assert_no_errors();
}

#[test]
fn a_link_to_the_source_heading_id_lands_in_a_translation() {
    let browser = launch();
    let page = Page::open(&browser);
    // `faut-il-escalader-` is the French heading's id; the English heading's own id is
    // `should-you-escalate`.
    page.go_to(&url("en/escalation/#faut-il-escalader-"));
    let heading = page.eval("document.getElementById('faut-il-escalader-').closest('h2').id");
    assert_eq!(heading, "should-you-escalate");
    assert!(section(&page).ends_with(" in view"), "{}", section(&page));
    // One id per element: the alias is no duplicate.
    let duplicates = page.eval(
        "(() => { const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id); \
         return ids.length - new Set(ids).size; })()",
    );
    assert_eq!(duplicates, 0);
}
