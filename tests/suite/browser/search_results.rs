//! What a search shows under each result, in Chromium: an excerpt cut around the best
//! match of the section (not its first words) with every query term marked, in the
//! page title and the section heading too; and what a cold query downloads.

use super::{Page, launch, url};
use crate::common;

/// One result as shown: its link, title, section heading and excerpt, each with the
/// words marked.
#[derive(Debug, serde::Deserialize)]
pub(super) struct Shown {
    pub(super) href: String,
    title: String,
    section: String,
    pub(super) excerpt: String,
    pub(super) marked_title: Vec<String>,
    pub(super) marked_section: Vec<String>,
    pub(super) marked_excerpt: Vec<String>,
    /// The page's further sections: their links, headings and marked words.
    subs: Vec<Sub>,
}

#[derive(Debug, serde::Deserialize)]
struct Sub {
    href: String,
    section: String,
    excerpt: String,
    marked_excerpt: Vec<String>,
}

/// Runs `query` as one input (no keystroke searches in between) and reads the results.
/// The status line is emptied first: the previous query's may already name this one
/// ("mulch" before "mulch ").
pub(super) fn results(page: &Page, query: &str) -> Vec<Shown> {
    page.eval(&format!(
        "(() => {{ const i = document.querySelector('.search-input'); i.focus(); i.value = {query:?}; \
         document.querySelector('.search-status').textContent = ''; \
         i.dispatchEvent(new Event('input')); }})()"
    ));
    let done = format!(
        "document.querySelector('.search-status')?.textContent.includes({:?})",
        query.trim()
    );
    page.poll(
        || page.eval(&done).as_bool().filter(|found| *found),
        &format!("the results for {query}"),
    );
    let read = "JSON.stringify([...document.querySelectorAll('.search-results > li')].map(li => { \
        const a = li.querySelector('a'); \
        const subs = [...li.querySelectorAll('.search-subresults a')].map(s => ({ href: s.href, \
          section: s.querySelector('.search-result-section').textContent, \
          excerpt: s.querySelector('.search-result-excerpt').textContent, \
          marked_excerpt: [...s.querySelectorAll('.search-result-excerpt mark')].map(m => m.textContent) })); \
        const part = c => a.querySelector(c); \
        const text = c => part(c) ? part(c).textContent : ''; \
        const marks = c => part(c) ? [...part(c).querySelectorAll('mark')].map(m => m.textContent) : []; \
        return { href: a.href, title: text('.search-result-title'), section: text('.search-result-section'), \
          excerpt: text('.search-result-excerpt'), marked_title: marks('.search-result-title'), \
          marked_section: marks('.search-result-section'), marked_excerpt: marks('.search-result-excerpt'), subs }; }))";
    serde_json::from_str(page.eval(read).as_str().unwrap()).unwrap()
}

/// Bytes of the search index a first query downloads on a freshly opened page: the
/// metadata, the terms' shards and the sections of the results shown.
fn cold_bytes(page: &Page, address: &str, query: &str) -> u64 {
    page.go_to(address);
    let shown = results(page, query);
    assert!(!shown.is_empty(), "{query} finds something on {address}");
    cold_bytes_now(page)
}

/// Bytes of the search index downloaded since the page was opened.
pub(super) fn cold_bytes_now(page: &Page) -> u64 {
    let bytes = page.eval(
        "performance.getEntriesByType('resource').filter(e => e.name.includes('/search/')) \
         .reduce((sum, e) => sum + e.encodedBodySize, 0)",
    );
    bytes.as_u64().unwrap()
}

#[test]
fn excerpts_centre_on_the_best_match_with_every_term_marked() {
    let dir = common::site("search-excerpts");
    let port = common::server::serve(common::build(dir.path(), &["--no-pdf"]));
    let browser = launch();
    let page = Page::open(&browser);
    page.go_to(&format!("http://127.0.0.1:{port}/en/hives/"));

    // "fondant" is some 900 characters into its section: the excerpt is cut around it.
    let shown = results(&page, "fondant winter");
    let first = &shown[0];
    assert!(
        first.href.contains("/en/hives/") && first.href.ends_with("#winter"),
        "{shown:#?}"
    );
    assert_eq!(first.section, "Winter feeding");
    assert_eq!(first.marked_section, ["Winter"], "the heading is marked");
    assert!(first.excerpt.starts_with('…'), "{}", first.excerpt);
    assert!(first.excerpt.contains("fondant"), "{}", first.excerpt);
    assert!(
        first.marked_excerpt.iter().any(|m| m == "fondant"),
        "{first:#?}"
    );
    assert!(first.excerpt.chars().count() <= 182, "{}", first.excerpt);

    // Both terms close together win over either alone: "frosty" and "ferment" share a
    // sentence, far from the section's start.
    let shown = results(&page, "ferment frosty");
    let excerpt = &shown[0].excerpt;
    assert!(
        excerpt.contains("frosty") && excerpt.contains("ferment"),
        "{excerpt}"
    );
    assert_eq!(shown[0].marked_excerpt, ["frosty", "ferment"]);

    // A term of the page title is marked there.
    let shown = results(&page, "hives queen");
    assert_eq!(shown[0].title, "Keeping hives through the year");
    assert_eq!(shown[0].marked_title, ["hives"], "{shown:#?}");
    assert!(
        shown[0].marked_excerpt.iter().any(|m| m == "queen"),
        "{shown:#?}"
    );

    // A match at the start of a section shows that start, with no ellipsis before it.
    let shown = results(&page, "habits temperature");
    assert!(shown[0].href.contains("/en/hives/"), "{shown:#?}");
    assert!(
        shown[0].excerpt.starts_with("A colony changes"),
        "{shown:#?}"
    );
    page.assert_no_errors();
}

/// Prints the bytes of a cold query on the default site, for a few queries; with
/// `FOLIO_SEARCH_BASELINE` naming another build of the site (say, of the main branch),
/// that build's figures beside them.
#[test]
fn bytes_per_cold_query_on_the_default_site() {
    let browser = launch();
    let page = Page::open(&browser);
    let queries = [
        "escalation",
        "priority",
        "workaround business",
        "customer impact",
        "production down",
    ];
    let baseline = std::env::var_os("FOLIO_SEARCH_BASELINE")
        .map(|dir| common::server::serve(std::path::PathBuf::from(dir)));
    let mut total = 0;
    let mut before = 0;
    for query in queries {
        let bytes = cold_bytes(&page, &url("en/priorities/"), query);
        total += bytes;
        match baseline {
            Some(port) => {
                let old = cold_bytes(
                    &page,
                    &format!("http://127.0.0.1:{port}/en/priorities/"),
                    query,
                );
                before += old;
                println!("{query:>24}: {bytes} bytes (baseline {old})");
            }
            None => println!("{query:>24}: {bytes} bytes"),
        }
    }
    let mean = total / queries.len() as u64;
    println!("bytes per cold query: {mean}");
    if before > 0 {
        println!(
            "baseline: {} ({:+.1} %)",
            before / queries.len() as u64,
            (total as f64 / before as f64 - 1.0) * 100.0
        );
    }
    page.assert_no_errors();
}

/// Where the query word itself is not in the index: its stem-like beginning finds the
/// indexed words it begins (`adapters` reaches `adaptor`, `propriété` reaches
/// `propriétaire`), and failing that a word one typo away (two from eight letters),
/// the first letter included, stands for it; a word found as written never brings
/// its near spellings.
#[test]
fn stem_prefixes_and_typos_find_what_was_meant() {
    let dir = common::site("search-excerpts");
    let port = common::server::serve(common::build(dir.path(), &["--no-pdf"]));
    let browser = launch();
    let page = Page::open(&browser);
    let first_of = |path: &str, query: &str| -> Shown {
        page.go_to(&format!("http://127.0.0.1:{port}/{path}"));
        let mut shown = results(&page, &format!("{query} "));
        assert!(!shown.is_empty(), "{query} finds nothing");
        shown.remove(0)
    };
    for (path, query, expected, marked) in [
        ("en/hives/", "adapters", "/en/workshop/", "adaptor"),
        ("en/hives/", "borow checker", "/en/workshop/", "borrow"),
        ("en/hives/", "ownrship", "/en/workshop/", "ownership"),
        ("en/hives/", "ownershp ledger", "/en/workshop/", "ownership"),
        // A typo in the first letter: dropped, replaced, added, swapped with the
        // next one, and with a second typo further on in a long word.
        ("en/hives/", "wnership", "/en/workshop/", "ownership"),
        ("en/hives/", "pwnership", "/en/workshop/", "ownership"),
        ("en/hives/", "kownership", "/en/workshop/", "ownership"),
        ("en/hives/", "wonership", "/en/workshop/", "ownership"),
        ("en/hives/", "pwnershp", "/en/workshop/", "ownership"),
        (
            "en/hives/",
            "bownership ledger",
            "/en/workshop/",
            "ownership",
        ),
        ("en/hives/", "brod", "/en/hives/", "brood"),
        ("fr/atelier/", "propriété", "/fr/atelier/", "propriétaire"),
    ] {
        let first = first_of(path, query);
        assert!(first.href.contains(expected), "{query}: {first:#?}");
        assert!(
            first.marked_excerpt.iter().any(|m| m == marked),
            "{query}: {marked} is marked in {first:#?}"
        );
    }
    // "hike" is in the index: "hive", one letter away, is not what was asked.
    page.go_to(&format!("http://127.0.0.1:{port}/en/hives/"));
    let shown = results(&page, "hike ");
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert!(shown[0].href.contains("/en/workshop/"), "{shown:#?}");
    // Too short to guess at: three letters are taken as written.
    let shown = results(&page, "hib ");
    assert!(shown.is_empty(), "{shown:#?}");
    let shown = results(&page, "ive ");
    assert!(shown.is_empty(), "{shown:#?}");
    page.assert_no_errors();
}

/// The ranking rules on queries made for each: a section titled with a word beats one
/// that repeats it; of two sections with the word once, the shorter wins; a section
/// with the word as typed beats an earlier page with another word of its stem, which
/// beats an earlier one with a word the typed word begins (exact > stem > prefix:
/// the three "Autumn bark" pages are alike but for that word, in the reverse order);
/// and a word found as written beats its near spellings.
#[test]
fn ranking_weighs_fields_lengths_and_exact_words() {
    let dir = common::site("search-excerpts");
    let port = common::server::serve(common::build(dir.path(), &["--no-pdf"]));
    let browser = launch();
    let page = Page::open(&browser);
    page.go_to(&format!("http://127.0.0.1:{port}/en/hives/"));
    for (query, first, then) in [
        ("slices ", "/en/arrays/", "/en/buffers/"),
        ("lantern ", "/en/lamps-short/", "/en/lamps-long/"),
        ("gardening ", "/en/plots-b/", "/en/plots-a/"),
        ("gardens ", "/en/plots-a/", "/en/plots-b/"),
    ] {
        let shown = results(&page, query);
        let order: Vec<&str> = shown.iter().map(|r| r.href.as_str()).collect();
        assert!(order.len() >= 2, "{query}: {order:?}");
        assert!(order[0].contains(first), "{query}: {order:?}");
        assert!(order[1].contains(then), "{query}: {order:?}");
    }
    let shown = results(&page, "slices ");
    assert!(shown[0].href.ends_with("#slices"), "{shown:#?}");

    // A fixed query set on the same words: the query as typed (no space after it,
    // so the last word also reaches the words it begins) or as finished.
    for (query, order) in [
        ("mulch", ["mulch-a", "mulch-b", "mulch-c"].as_slice()),
        ("mulch ", &["mulch-a", "mulch-b"]),
        ("mulching ", &["mulch-b", "mulch-a"]),
        ("mulching", &["mulch-b", "mulch-a"]),
        ("mulcher ", &["mulch-c"]),
        ("bark mulch", &["mulch-a", "mulch-b", "mulch-c"]),
    ] {
        let shown = results(&page, query);
        let found: Vec<&str> = (shown.iter())
            .map(|r| r.href.split("/en/").nth(1).unwrap_or_default())
            .map(|rest| rest.split('/').next().unwrap_or_default())
            .collect();
        assert_eq!(found, order, "{query:?}: {shown:#?}");
    }
    page.assert_no_errors();
}

/// A page found by its title alone, no text of it holding the word, opens its
/// excerpt with its title, the word marked there (as the page opens with its `<h1>`).
#[test]
fn a_page_found_by_its_title_alone_opens_its_excerpt_with_it() {
    let dir = common::site("search-excerpts");
    let port = common::server::serve(common::build(dir.path(), &["--no-pdf"]));
    let browser = launch();
    let page = Page::open(&browser);
    page.go_to(&format!("http://127.0.0.1:{port}/en/hives/"));
    let shown = results(&page, "third ");
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert!(shown[0].href.contains("/en/mulch-a/"), "{shown:#?}");
    assert_eq!(shown[0].marked_title, ["third"]);
    assert_eq!(shown[0].marked_excerpt, ["third"]);
    assert!(
        (shown[0].excerpt).starts_with("Autumn bark, third load — Bags of shredded bark"),
        "{shown:#?}"
    );
    // A page whose text holds the word keeps its excerpt to the text.
    let shown = results(&page, "shredded ");
    assert!(
        shown[0].excerpt.starts_with("Bags of shredded"),
        "{shown:#?}"
    );
    page.assert_no_errors();
}

/// A page whose several sections match shows up to three of them: its best under the
/// page title, the next ones below it, each with its own heading, link and excerpt.
#[test]
fn a_page_shows_up_to_three_matching_sections() {
    let dir = common::site("search-excerpts");
    let port = common::server::serve(common::build(dir.path(), &["--no-pdf"]));
    let browser = launch();
    let page = Page::open(&browser);
    page.go_to(&format!("http://127.0.0.1:{port}/en/hives/"));
    // "colony" is in all four sections of the hives page.
    let shown = results(&page, "colony ");
    assert_eq!(shown.len(), 1, "{shown:#?}");
    let hives = &shown[0];
    assert_eq!(hives.subs.len(), 2, "{hives:#?}");
    let mut anchors: Vec<&str> = std::iter::once(hives.href.as_str())
        .chain(hives.subs.iter().map(|s| s.href.as_str()))
        .map(|href| href.rsplit_once('#').map_or("", |(_, a)| a))
        .collect();
    anchors.sort();
    anchors.dedup();
    assert_eq!(anchors.len(), 3, "three different sections: {hives:#?}");
    for sub in &hives.subs {
        assert!(!sub.section.is_empty(), "{sub:#?}");
        assert!(sub.excerpt.contains("colony"), "{sub:#?}");
        assert!(sub.marked_excerpt.iter().any(|m| m == "colony"), "{sub:#?}");
    }
    // One matching section: no sub-results.
    let shown = results(&page, "fondant ");
    assert!(shown[0].subs.is_empty(), "{shown:#?}");
    // The arrow keys walk through sub-results too.
    page.eval("document.querySelector('.search-input').focus()");
    results(&page, "colony ");
    for _ in 0..3 {
        page.tab.press_key("ArrowDown").unwrap();
    }
    assert_eq!(
        page.eval("document.activeElement === document.querySelectorAll('.search-results a')[2]"),
        serde_json::json!(true)
    );
    page.assert_no_errors();
}

/// Identifiers are terms of their own: `should_panic`, `macro_rules` and
/// `Result<T, E>` find the page that holds them, not every page with their words,
/// and are marked whole in the excerpt.
#[test]
fn code_identifiers_are_searched_whole() {
    let dir = common::site("search-excerpts");
    let port = common::server::serve(common::build(dir.path(), &["--no-pdf"]));
    let browser = launch();
    let page = Page::open(&browser);
    page.go_to(&format!("http://127.0.0.1:{port}/en/hives/"));
    for (query, section, marked) in [
        ("should_panic ", "#failures", "should_panic"),
        ("macro_rules ", "#fallible", "macro_rules"),
        ("Result<T, E> ", "#fallible", "Result<T, E>"),
    ] {
        let shown = results(&page, query);
        assert_eq!(shown.len(), 1, "{query}: {shown:#?}");
        assert!(
            shown[0].href.contains("/en/testing/") && shown[0].href.ends_with(section),
            "{query}: {shown:#?}"
        );
        assert!(
            shown[0].marked_excerpt.iter().any(|m| m == marked),
            "{query}: {shown:#?}"
        );
    }
    // Their words alone still find both pages.
    let shown = results(&page, "should panic ");
    assert_eq!(shown.len(), 2, "{shown:#?}");
    page.assert_no_errors();
}

/// A quoted query is a phrase: its words in that order, next to each other.
#[test]
fn a_quoted_query_is_a_phrase() {
    let dir = common::site("search-excerpts");
    let port = common::server::serve(common::build(dir.path(), &["--no-pdf"]));
    let browser = launch();
    let page = Page::open(&browser);
    page.go_to(&format!("http://127.0.0.1:{port}/en/hives/"));
    let pages = |shown: &[Shown]| -> Vec<String> {
        let mut found: Vec<String> = (shown.iter())
            .map(|r| r.href.split("/en/").nth(1).unwrap_or_default().to_string())
            .map(|rest| rest.split('/').next().unwrap_or_default().to_string())
            .collect();
        found.sort();
        found
    };
    assert_eq!(
        pages(&results(&page, "borrow checker ")),
        ["release", "workshop"]
    );
    let shown = results(&page, "\"borrow checker\"");
    assert_eq!(pages(&shown), ["workshop"], "{shown:#?}");
    assert!(
        shown[0].excerpt.contains("borrow checker")
            && shown[0].marked_excerpt.iter().any(|m| m == "checker"),
        "{shown:#?}"
    );
    assert!(results(&page, "\"checker borrow\"").is_empty());
    // A phrase beside a plain word: both must hold.
    assert_eq!(
        pages(&results(&page, "\"spelling checker\" eyes ")),
        ["release"]
    );
    page.assert_no_errors();
}

/// A result opens its page with the query's words marked in the article (`?h=`), the
/// parameter gone from the address once read, other parameters and the section's
/// anchor kept; Escape takes the marks off.
#[test]
fn the_opened_page_marks_the_query_until_escape() {
    let dir = common::site("search-excerpts");
    let port = common::server::serve(common::build(dir.path(), &["--no-pdf"]));
    let browser = launch();
    let page = Page::open(&browser);
    page.go_to(&format!("http://127.0.0.1:{port}/en/workshop/"));
    let shown = results(&page, "fondant winter ");
    assert!(shown[0].href.contains("?h="), "{shown:#?}");
    page.click(".search-results a");
    page.wait_for_url("the winter section", |u| {
        u.contains("/en/hives/") && u.ends_with("#winter")
    });
    let marks = "JSON.stringify([...document.querySelectorAll('main article mark.search-hit')].map(m => m.textContent))";
    let marked: Vec<String> = page.poll(
        || {
            let found: Vec<String> = serde_json::from_str(page.probe(marks)?.as_str()?).ok()?;
            (!found.is_empty()).then_some(found)
        },
        "marks in the opened page",
    );
    assert!(marked.iter().any(|m| m == "fondant"), "{marked:?}");
    assert!(marked.iter().any(|m| m == "Winter"), "{marked:?}");
    let address = page.tab.get_url().unwrap();
    assert!(!address.contains("h="), "{address}");
    assert!(
        address.ends_with("/en/hives/index.html#winter") || address.ends_with("/en/hives/#winter"),
        "{address}"
    );
    page.tab.press_key("Escape").unwrap();
    assert_eq!(
        page.eval("document.querySelectorAll('mark.search-hit').length"),
        serde_json::json!(0)
    );
    assert!(page.text("main article").contains("block of baker"));

    // Other parameters stay; only `h` goes.
    page.go_to(&format!(
        "http://127.0.0.1:{port}/en/hives/?keep=1&h=queen%20colony#spring"
    ));
    page.wait_for_url("h removed", |u| !u.contains("h="));
    let address = page.tab.get_url().unwrap();
    assert!(address.contains("?keep=1#spring"), "{address}");
    assert!(
        page.eval("document.querySelectorAll('mark.search-hit').length")
            .as_u64()
            .unwrap()
            >= 2
    );
    page.assert_no_errors();
}

/// A title's code (issue 20, item 11) is code in a result's title too, its words
/// marked there as elsewhere.
#[test]
fn a_results_title_shows_its_code() {
    let dir = common::site("code-titles");
    let port = common::server::serve(common::build(dir.path(), &["--no-pdf"]));
    let browser = launch();
    let page = Page::open(&browser);
    page.go_to(&format!("http://127.0.0.1:{port}/en/guide-en/"));
    let shown = results(&page, "sharing ");
    assert!(shown[0].href.contains("/en/sharing/"), "{shown:#?}");
    assert_eq!(shown[0].title, "Sharing with Rc<T> and weak links");
    let html = page.eval("document.querySelector('.search-result-title').innerHTML");
    assert_eq!(
        html.as_str().unwrap(),
        "<mark>Sharing</mark> with <code>Rc&lt;T&gt;</code> and weak links"
    );
    page.assert_no_errors();
}
