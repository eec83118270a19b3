//! URLs between output files: relative, so the site works from any folder, host or
//! sub-path, and from the file system when links end in `index.html`.

use crate::model::{Href, LinkStyle, Page, Site};

/// Where every page lives (the site's own index), and how links are written.
pub struct UrlMap<'a> {
    site: &'a Site,
    style: LinkStyle,
    base: String,
}

impl<'a> UrlMap<'a> {
    pub fn new(site: &'a Site) -> Self {
        UrlMap {
            site,
            style: site.config.links,
            base: site.config.base(),
        }
    }

    pub fn page_url(&self, locale: &str, path: &str) -> Option<&str> {
        self.site.page(locale, path).map(|page| page.url.as_str())
    }

    /// The absolute URL of a folder URL such as `fr/escalade/`.
    pub fn absolute(&self, url: &str) -> String {
        format!("{}{url}", self.base)
    }

    /// The path part of `base_url` (`/guide/`), for pages served at any URL (404).
    pub fn base_path(&self) -> String {
        let after_scheme = self.base.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme
            .find('/')
            .map_or("/".to_string(), |i| after_scheme[i..].to_string())
    }

    /// A link from the folder `from` (e.g. `fr/escalade/`) to the folder `to`.
    pub fn to_folder(&self, from: &str, to: &str) -> String {
        // Built in one string with room for the file name: a page links to dozens.
        let mut link = String::with_capacity(from.len() + to.len() + 10);
        push_relative(&mut link, from, to);
        match self.style {
            LinkStyle::File => link.push_str("index.html"),
            LinkStyle::Pretty if link.is_empty() => link.push_str("./"),
            LinkStyle::Pretty => {}
        }
        link
    }

    /// A link from the folder `from` to a file such as `static/folio.css`.
    pub fn to_file(&self, from: &str, to: &str) -> String {
        relative(from, to)
    }

    /// A model link as an `href`, seen from `page`.
    pub fn href(&self, page: &Page, href: &Href) -> String {
        match href {
            Href::External(url) | Href::Unresolved(url) => url.clone(),
            Href::Fragment(id) => format!("#{id}"),
            Href::Asset(path) => self.to_file(&page.url, path),
            Href::Page {
                locale,
                path,
                anchor,
            } => {
                let target = self.page_url(locale, path).unwrap_or(&page.url);
                let fragment = anchor.as_ref().map(|a| format!("#{a}")).unwrap_or_default();
                if target == page.url && !fragment.is_empty() {
                    fragment
                } else {
                    let mut link = self.to_folder(&page.url, target);
                    link.push_str(&fragment);
                    link
                }
            }
        }
    }
}

/// `to` relative to the folder `from`; both relative to the output root, folders
/// ending in `/` (the root itself is the empty string).
pub fn relative(from: &str, to: &str) -> String {
    let mut out = String::with_capacity(to.len() + 12);
    push_relative(&mut out, from, to);
    out
}

/// Appends [`relative`]`(from, to)` to `out`. Every link of every page comes through
/// here: no lists of segments.
fn push_relative(out: &mut String, from: &str, to: &str) {
    let mut from_rest = from;
    let mut to_rest = to;
    // Whole leading folders shared by both; the last part of `to` is a file name (or
    // "" for a folder), never shared.
    while let (Some((a, after_a)), Some((b, after_b))) =
        (from_rest.split_once('/'), to_rest.split_once('/'))
    {
        if a != b {
            break;
        }
        (from_rest, to_rest) = (after_a, after_b);
    }
    for _ in from_rest.split('/').filter(|s| !s.is_empty()) {
        out.push_str("../");
    }
    out.push_str(to_rest);
}

#[cfg(test)]
mod tests {
    use super::relative;

    #[test]
    fn relative_paths() {
        assert_eq!(relative("fr/escalade/", "fr/priorites/"), "../priorites/");
        assert_eq!(relative("fr/escalade/", "fr/"), "../");
        assert_eq!(relative("fr/", "fr/escalade/"), "escalade/");
        assert_eq!(relative("fr/", "fr/"), "");
        assert_eq!(relative("", "fr/"), "fr/");
        assert_eq!(
            relative("fr/a/b/", "static/folio.css"),
            "../../../static/folio.css"
        );
        assert_eq!(
            relative("en/escalation/", "fr/escalade/"),
            "../../fr/escalade/"
        );
    }
}
