//! `sitemap.xml`, with every translation listed as an alternate of each page. The
//! sitemap protocol allows 50,000 URLs and 50 MB a file: a larger site gets numbered
//! files (`sitemap-1.xml`, ...) and `sitemap.xml` becomes their index, so crawlers
//! still find it at the usual address.

use std::fmt::Write as _;

use pulldown_cmark_escape::escape_html;

use std::collections::BTreeMap;

use crate::locale::pseudo;
use crate::model::Site;

use super::links::UrlMap;

/// The protocol's limits for one file.
const MAX_URLS: usize = 50_000;
const MAX_BYTES: usize = 50 * 1024 * 1024;

const URLSET_OPEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_CLOSE: &str = "</urlset>\n";

/// The sitemap files, as (path below the output root, text): `sitemap.xml` alone, or
/// it as the index of the numbered files. `index_pages`: each locale's index page
/// (`fr/index-termes/`), listed with the others as its alternates.
pub fn render(
    site: &Site,
    urls: &UrlMap,
    index_pages: &BTreeMap<String, String>,
) -> Vec<(String, String)> {
    split(entries(site, urls, index_pages), urls, MAX_URLS, MAX_BYTES)
}

/// One `<url>` element per published page, in the site's order.
fn entries(site: &Site, urls: &UrlMap, index_pages: &BTreeMap<String, String>) -> Vec<String> {
    let mut entries = Vec::new();
    // Fallback pages repeat another locale's text: search engines get the original.
    // The pseudo-locale is a development tool, not a language to index.
    let listed = |p: &&crate::model::Page| p.fallback.is_none() && !pseudo::is_pseudo(&p.locale);
    for page in site.pages.iter().filter(listed) {
        let alternates = site.config.locales.iter().filter_map(|locale| {
            site.page(locale, &page.path)
                .filter(listed)
                .map(|translation| (locale.as_str(), urls.absolute(&translation.url)))
        });
        entries.push(entry(&urls.absolute(&page.url), alternates));
    }
    let indexes = || index_pages.iter().filter(|(l, _)| !pseudo::is_pseudo(l));
    for (_, url) in indexes() {
        let alternates = indexes().map(|(locale, other)| (locale.as_str(), urls.absolute(other)));
        entries.push(entry(&urls.absolute(url), alternates));
    }
    entries
}

fn entry<'a>(loc: &str, alternates: impl Iterator<Item = (&'a str, String)>) -> String {
    let mut out = String::from("  <url>\n    <loc>");
    let _ = escape_html(&mut out, loc);
    out.push_str("</loc>\n");
    for (locale, href) in alternates {
        out.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"");
        let _ = escape_html(&mut out, locale);
        out.push_str("\" href=\"");
        let _ = escape_html(&mut out, &href);
        out.push_str("\"/>\n");
    }
    let _ = writeln!(out, "  </url>");
    out
}

/// The entries in as few files as the limits allow, in order.
fn split(
    entries: Vec<String>,
    urls: &UrlMap,
    max_urls: usize,
    max_bytes: usize,
) -> Vec<(String, String)> {
    let mut files: Vec<String> = Vec::new();
    let mut current = String::from(URLSET_OPEN);
    let mut count = 0;
    for entry in entries {
        let full =
            count == max_urls || current.len() + entry.len() + URLSET_CLOSE.len() > max_bytes;
        if full && count > 0 {
            current.push_str(URLSET_CLOSE);
            files.push(std::mem::replace(&mut current, String::from(URLSET_OPEN)));
            count = 0;
        }
        current.push_str(&entry);
        count += 1;
    }
    current.push_str(URLSET_CLOSE);
    files.push(current);
    if files.len() == 1 {
        return vec![("sitemap.xml".to_string(), files.remove(0))];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut out = Vec::new();
    for (k, text) in files.into_iter().enumerate() {
        let name = format!("sitemap-{}.xml", k + 1);
        index.push_str("  <sitemap><loc>");
        let _ = escape_html(&mut index, &urls.absolute(&name));
        index.push_str("</loc></sitemap>\n");
        out.push((name, text));
    }
    index.push_str("</sitemapindex>\n");
    out.insert(0, ("sitemap.xml".to_string(), index));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        let config: crate::model::SiteConfig = toml::from_str(
            "title = \"T\"\nbase_url = \"https://docs.example.org/guide/\"\nsource_locale = \"en\"\nlocales = [\"en\"]\n",
        )
        .unwrap();
        Site::new(config, Vec::new(), Vec::new())
    }

    fn entries(n: usize) -> Vec<String> {
        (0..n)
            .map(|k| {
                format!(
                    "  <url>\n    <loc>https://docs.example.org/guide/en/p{k}/</loc>\n  </url>\n"
                )
            })
            .collect()
    }

    #[test]
    fn a_small_site_has_one_sitemap() {
        let site = site();
        let files = split(entries(3), &UrlMap::new(&site), 3, MAX_BYTES);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        assert_eq!(files[0].1.matches("<loc>").count(), 3);
        assert!(files[0].1.starts_with(URLSET_OPEN));
    }

    #[test]
    fn past_the_limits_sitemap_xml_indexes_numbered_files() {
        let site = site();
        let urls = UrlMap::new(&site);
        let files = split(entries(7), &urls, 3, MAX_BYTES);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        assert!(files[0].1.contains("<sitemapindex"));
        assert!(files[0].1.contains(
            "<sitemap><loc>https://docs.example.org/guide/sitemap-2.xml</loc></sitemap>"
        ));
        let counts: Vec<usize> = files[1..]
            .iter()
            .map(|(_, t)| t.matches("<loc>").count())
            .collect();
        assert_eq!(counts, [3, 3, 1]);
        // Every page once, in order.
        let all: String = files[1..].iter().map(|(_, t)| t.as_str()).collect();
        for k in 0..7 {
            assert_eq!(all.matches(&format!("/en/p{k}/<")).count(), 1);
        }
        // The byte limit splits too: two entries a file.
        let one = entries(1)[0].len();
        let bytes = URLSET_OPEN.len() + 2 * one + URLSET_CLOSE.len();
        assert_eq!(split(entries(5), &urls, 100, bytes).len(), 4);
    }
}
