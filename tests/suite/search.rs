//! The search index of the repository's own site, read as `search.js` reads it:
//! every page of a locale is listed, every shard named in the metadata exists, and a
//! stemmed word leads to the sections of the page that talks about it.

use crate::common;
use std::path::Path;

use serde_json::Value;

fn read(out: &Path, file: &str) -> Value {
    serde_json::from_slice(&std::fs::read(out.join(file)).unwrap()).unwrap()
}

/// The stem's postings decoded into section numbers.
fn sections_of(shard: &Value, stem: &str) -> Vec<u64> {
    let postings = shard["s"][stem].as_array().unwrap();
    let mut doc = 0;
    postings
        .chunks(2)
        .map(|pair| {
            doc += pair[0].as_u64().unwrap();
            doc
        })
        .collect()
}

fn page_of(meta: &Value, section: u64) -> String {
    let starts: Vec<u64> = meta["starts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_u64().unwrap())
        .collect();
    let page = starts.iter().rposition(|&s| s <= section).unwrap();
    meta["pages"][page][0].as_str().unwrap().to_string()
}

#[test]
fn each_locale_indexes_its_own_pages_in_shards_that_exist() {
    let out = common::built_default_site();
    for locale in ["fr", "en", "de", "ja"] {
        let meta = read(out, &format!("search/{locale}/meta.json"));
        let pages = meta["pages"].as_array().unwrap();
        assert_eq!(pages.len(), 7, "{locale}");
        for page in pages {
            let href = page[0].as_str().unwrap();
            assert!(href.starts_with(&format!("{locale}/")), "{href}");
            assert!(out.join(href).is_file(), "{href}");
        }
        for shard in meta["shards"].as_array().unwrap() {
            let file = format!("search/{locale}/t{}.json", shard.as_str().unwrap());
            assert!(out.join(&file).is_file(), "{file}");
        }
        // The section files hold runs of sections, every section in one of them.
        let sections = meta["sections"].as_u64().unwrap();
        let chunks: Vec<u64> = (meta["chunks"].as_array().unwrap().iter())
            .map(|n| n.as_u64().unwrap())
            .collect();
        assert_eq!(chunks.first(), Some(&0), "{locale}");
        let mut rows = 0;
        for (n, start) in chunks.iter().enumerate() {
            assert_eq!(*start, rows, "{locale}: d{n}.json");
            rows += read(out, &format!("search/{locale}/d{n}.json"))
                .as_array()
                .unwrap()
                .len() as u64;
        }
        assert_eq!(rows, sections, "{locale}");
    }
}

#[test]
fn a_stemmed_word_leads_to_the_page_about_it() {
    let out = common::built_default_site();
    let meta = read(out, "search/fr/meta.json");
    assert_eq!(
        meta["width"], 1,
        "a small site has one shard per first letter"
    );
    let shard = read(out, "search/fr/t65.json");
    // Both "escalader" and "escalade" are filed under one stem.
    assert_eq!(shard["w"]["escalader"], "escalad");
    let pages: Vec<String> = sections_of(&shard, "escalad")
        .into_iter()
        .map(|s| page_of(&meta, s))
        .collect();
    assert!(
        pages.iter().any(|p| p == "fr/escalade/index.html"),
        "{pages:?}"
    );
    // Accents are folded: "priorité" is filed as "priorit".
    let p = read(out, "search/fr/t70.json");
    assert!(
        p["s"].get("priorit").is_some(),
        "{:?}",
        p["s"].as_object().unwrap().keys().collect::<Vec<_>>()
    );
}

#[test]
fn a_result_row_names_its_section_and_opens_with_its_text() {
    let out = common::built_default_site();
    let rows = read(out, "search/en/d0.json");
    let rows = rows.as_array().unwrap();
    let with_heading = rows
        .iter()
        .find(|r| r[1].as_str() != Some(""))
        .expect("sections under headings");
    assert!(!with_heading[2].as_str().unwrap().is_empty());
    assert!(!with_heading[3].as_str().unwrap().is_empty());
}

/// Headings in block quotes, callouts and lists start search sections with their
/// anchors, and are listed in "on this page" like any other.
#[test]
fn headings_at_any_depth_are_sections_and_contents_entries() {
    let dir = common::site("search-excerpts");
    let out = common::build(dir.path(), &["--no-pdf"]);
    let meta = read(&out, "search/en/meta.json");
    let page = (meta["pages"].as_array().unwrap().iter())
        .position(|p| p[0].as_str().unwrap().contains("nested"))
        .expect("the nested page is indexed");
    let first = meta["starts"][page].as_u64().unwrap();
    let chunks: Vec<u64> = (meta["chunks"].as_array().unwrap().iter())
        .map(|n| n.as_u64().unwrap())
        .collect();
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for (n, _) in chunks.iter().enumerate() {
        let file = read(&out, &format!("search/en/d{n}.json"));
        for (i, row) in file.as_array().unwrap().iter().enumerate() {
            if row[0].as_u64() == Some(page as u64) {
                assert!(chunks[n] + i as u64 >= first);
                let text = |k: usize| row[k].as_str().unwrap().to_string();
                rows.push((text(1), text(2), text(3)));
            }
        }
    }
    let anchors: Vec<&str> = rows.iter().map(|(a, ..)| a.as_str()).collect();
    assert_eq!(anchors, ["", "quoted", "calm", "listed", "plain"]);
    assert!(rows[1].2.contains("smoker"), "{rows:?}");
    assert_eq!(rows[2].1, "Calm mornings");
    assert!(rows[3].2.contains("spare veil"), "{rows:?}");

    let html = std::fs::read_to_string(out.join("en/nested/index.html")).unwrap();
    for anchor in ["quoted", "calm", "listed", "plain"] {
        assert!(html.contains(&format!("id=\"{anchor}\"")), "{anchor}");
        assert!(
            html.contains(&format!("<a href=\"#{anchor}\">")),
            "{anchor} in on this page"
        );
    }
}
