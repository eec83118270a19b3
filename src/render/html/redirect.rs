//! Redirect pages for Hugo's `aliases`: a small HTML file at each former address that
//! sends the reader on with a meta refresh (no script needed), names the page's
//! canonical URL for search engines, and shows a link for whoever stops there.

use pulldown_cmark_escape::{escape_href, escape_html};

use crate::model::Page;

use super::links::UrlMap;

/// `(file below the site root, HTML)` of each of `page`'s aliases (the invalid ones
/// were reported while loading).
pub fn pages(page: &Page, urls: &UrlMap) -> Vec<(String, String)> {
    page.alias_files()
        .into_iter()
        .flatten()
        .map(|file| {
            let folder = file.rsplit_once('/').map_or("", |(folder, _)| folder);
            let href = urls.to_folder(&format!("{folder}/"), &page.url);
            let html = render(
                &page.locale,
                &page.front.title,
                &href,
                &urls.absolute(&page.url),
            );
            (file, html)
        })
        .collect()
}

fn render(lang: &str, title: &str, href: &str, canonical: &str) -> String {
    let mut out = String::with_capacity(512);
    let attr = |out: &mut String, value: &str| {
        let _ = escape_href(&mut *out, value);
    };
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    let _ = escape_html(&mut out, lang);
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    let _ = escape_html(&mut out, title);
    out.push_str("</title>\n<link rel=\"canonical\" href=\"");
    attr(&mut out, canonical);
    out.push_str("\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url=");
    attr(&mut out, href);
    out.push_str("\">\n</head>\n<body>\n<p><a href=\"");
    attr(&mut out, href);
    out.push_str("\">");
    let _ = escape_html(&mut out, title);
    out.push_str("</a></p>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn a_redirect_needs_no_script() {
        let html = render(
            "fr",
            "Accès & droits",
            "../guide/acces/",
            "https://x.test/fr/guide/acces/",
        );
        assert!(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=../guide/acces/\">"));
        assert!(html.contains("<link rel=\"canonical\" href=\"https://x.test/fr/guide/acces/\">"));
        assert!(html.contains("<a href=\"../guide/acces/\">Accès &amp; droits</a>"));
        assert!(!html.contains("<script"));
    }
}
