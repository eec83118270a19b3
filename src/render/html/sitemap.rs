//! `sitemap.xml`, with every translation listed as an alternate of each page.

use std::fmt::Write as _;

use pulldown_cmark_escape::escape_html;

use std::collections::BTreeMap;

use crate::locale::pseudo;
use crate::model::Site;

use super::links::UrlMap;

/// `index_pages`: each locale's index page (`fr/index-termes/`), listed with the others
/// as its alternates.
pub fn render(site: &Site, urls: &UrlMap, index_pages: &BTreeMap<String, String>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    // Fallback pages repeat another locale's text: search engines get the original.
    // The pseudo-locale is a development tool, not a language to index.
    let listed = |p: &&crate::model::Page| p.fallback.is_none() && !pseudo::is_pseudo(&p.locale);
    for page in site.pages.iter().filter(listed) {
        out.push_str("  <url>\n    <loc>");
        let _ = escape_html(&mut out, &urls.absolute(&page.url));
        out.push_str("</loc>\n");
        for locale in &site.config.locales {
            if let Some(translation) = site.page(locale, &page.path).filter(listed) {
                out.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"");
                let _ = escape_html(&mut out, locale);
                out.push_str("\" href=\"");
                let _ = escape_html(&mut out, &urls.absolute(&translation.url));
                out.push_str("\"/>\n");
            }
        }
        let _ = writeln!(out, "  </url>");
    }
    for (_, url) in index_pages.iter().filter(|(l, _)| !pseudo::is_pseudo(l)) {
        out.push_str("  <url>\n    <loc>");
        let _ = escape_html(&mut out, &urls.absolute(url));
        out.push_str("</loc>\n");
        for (locale, other) in index_pages.iter().filter(|(l, _)| !pseudo::is_pseudo(l)) {
            out.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"");
            let _ = escape_html(&mut out, locale);
            out.push_str("\" href=\"");
            let _ = escape_html(&mut out, &urls.absolute(other));
            out.push_str("\"/>\n");
        }
        let _ = writeln!(out, "  </url>");
    }
    out.push_str("</urlset>\n");
    out
}
