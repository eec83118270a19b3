//! The repository's own site, built by the CLI as a user would: every internal link
//! and anchor resolves, every page declares its language and translations, nothing
//! of the templates or Fluent leaks into the output, and builds are reproducible.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use scraper::{Html, Selector};

use crate::common::{files_below, folio, repo_root};

fn build_default_site(out: &Path) {
    folio()
        .args(["build", "-q", "--root"])
        .arg(repo_root())
        .arg("--out")
        .arg(out)
        .assert()
        .success();
}

struct Built {
    files: Vec<String>,
    html: BTreeMap<String, Html>,
}

fn built_site() -> (tempfile::TempDir, Built) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_default_site(&out);
    let files = files_below(&out);
    let html = files
        .iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            (
                f.clone(),
                Html::parse_document(&std::fs::read_to_string(out.join(f)).unwrap()),
            )
        })
        .collect();
    (dir, Built { files, html })
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

/// Folder of an output file: `fr/escalade/index.html` -> `fr/escalade/`.
fn folder(file: &str) -> &str {
    file.rfind('/').map_or("", |i| &file[..=i])
}

fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[test]
fn pages_exist_in_both_locales() {
    let (_dir, site) = built_site();
    let pages = |locale: &str| {
        site.files
            .iter()
            .filter(|f| f.starts_with(&format!("{locale}/")) && f.ends_with("index.html"))
            .count()
    };
    assert!(pages("fr") >= 6, "{:?}", site.files);
    for locale in ["en", "de", "ja"] {
        assert_eq!(pages("fr"), pages(locale), "{locale}");
    }
    for required in [
        "index.html",
        "404.html",
        "fr/404.html",
        "en/404.html",
        "sitemap.xml",
        "static/folio.css",
        "static/highlight.css",
    ] {
        assert!(
            site.files.iter().any(|f| f == required),
            "missing {required}"
        );
    }
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let (_dir, site) = built_site();
    let mut checked = 0;
    for (file, doc) in &site.html {
        if file.ends_with("404.html") {
            continue; // 404 pages link from base_url's path, for any URL.
        }
        let links = select(doc, "a[href], link[rel=stylesheet]");
        for link in links {
            let href = link.value().attr("href").unwrap();
            if href.starts_with("http://")
                || href.starts_with("https://")
                || href.starts_with("mailto:")
            {
                continue;
            }
            let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
            // A query (a tree's deep link) leaves the file it leads to unchanged.
            let path = path.split_once('?').map_or(path, |(file, _)| file);
            let target = if path.is_empty() {
                file.clone()
            } else {
                normalize(&format!("{}{path}", folder(file)))
            };
            let target = if target.is_empty() || target.ends_with('/') {
                format!("{target}index.html")
            } else {
                target
            };
            assert!(
                site.files.contains(&target),
                "{file}: link {href} -> {target} does not exist"
            );
            if !fragment.is_empty() {
                let target_doc = &site.html[&target];
                let found = select(target_doc, &format!("[id=\"{fragment}\"]"));
                assert!(
                    !found.is_empty(),
                    "{file}: anchor {href} not found in {target}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn every_page_declares_language_translations_and_canonical() {
    let (_dir, site) = built_site();
    for (file, doc) in site
        .html
        .iter()
        .filter(|(f, _)| f.ends_with("index.html") && f.contains('/'))
    {
        let locale = file.split('/').next().unwrap();
        let html = select(doc, "html")[0];
        assert_eq!(html.value().attr("lang"), Some(locale), "{file}");
        let hreflangs: BTreeSet<&str> = select(doc, "link[rel=alternate][hreflang]")
            .iter()
            .map(|l| l.value().attr("hreflang").unwrap())
            .collect();
        assert_eq!(
            hreflangs,
            BTreeSet::from(["de", "en", "fr", "ja", "x-default"]),
            "{file}"
        );
        let canonical = select(doc, "link[rel=canonical]");
        assert!(
            canonical[0]
                .value()
                .attr("href")
                .unwrap()
                .starts_with("https://support.example.com/guide/"),
            "{file}"
        );
        assert_eq!(select(doc, "h1").len(), 1, "{file}: one h1");
        assert_eq!(
            select(doc, "[aria-current=page]").len(),
            1,
            "{file}: current page marked"
        );
    }
}

#[test]
fn nothing_of_templates_or_fluent_leaks() {
    let (dir, site) = built_site();
    let ids: Vec<String> = [
        "locales/fr/ui.ftl",
        "locales/fr/decision-trees.ftl",
        "themes/default/locales/fr/theme.ftl",
    ]
    .iter()
    .map(|f| std::fs::read_to_string(repo_root().join(f)).unwrap())
    .collect::<String>()
    .lines()
    .filter_map(|l| l.split_once(" = ").map(|(id, _)| id.trim().to_string()))
    .filter(|id| !id.starts_with('#'))
    .collect();
    assert!(ids.len() > 20);
    for file in site.files.iter().filter(|f| f.ends_with(".html")) {
        let text = std::fs::read_to_string(dir.path().join("public").join(file)).unwrap();
        for leak in ["{{", "}}", "{%", "%}", "t[\""] {
            assert!(!text.contains(leak), "{file} contains {leak}");
        }
        let doc = &site.html[file];
        let visible: String = doc.root_element().text().collect();
        for id in &ids {
            assert!(
                !visible.contains(id.as_str()),
                "{file} shows the Fluent id {id}"
            );
        }
    }
}

#[test]
fn french_typography_is_applied_to_text_only() {
    let (dir, _site) = built_site();
    let html = std::fs::read_to_string(dir.path().join("public/fr/priorites/index.html")).unwrap();
    assert!(html.contains("\u{202F}?"), "narrow no-break space before ?");
    assert!(html.contains("\u{A0}:"), "no-break space before :");
    assert!(!html.contains(" ?"), "no plain space before ?");
    let english =
        std::fs::read_to_string(dir.path().join("public/en/priorities/index.html")).unwrap();
    assert!(!english.contains('\u{202F}'), "English is untouched");
}

#[test]
fn builds_are_byte_for_byte_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    build_default_site(&a);
    build_default_site(&b);
    let files = files_below(&a);
    assert_eq!(files, files_below(&b));
    for file in files {
        assert!(
            std::fs::read(a.join(&file)).unwrap() == std::fs::read(b.join(&file)).unwrap(),
            "{file} differs between builds"
        );
    }
}

#[test]
fn the_sitemap_lists_every_page_with_its_translations() {
    let (dir, site) = built_site();
    let sitemap = std::fs::read_to_string(dir.path().join("public/sitemap.xml")).unwrap();
    let pages = site
        .files
        .iter()
        .filter(|f| f.ends_with("/index.html"))
        .count();
    assert_eq!(sitemap.matches("<loc>").count(), pages);
    // Every page is translated into the four locales.
    assert_eq!(sitemap.matches("hreflang=").count(), pages * 4);
}
