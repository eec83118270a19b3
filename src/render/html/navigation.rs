//! The sidebar: top-level pages, every section's index, and the pages of the current
//! page's section, computed once per locale rather than per page.
//!
//! Repeating every section on every page makes a site's output grow with the square
//! of its size. So a locale with many sections gets the full list once, in a shared
//! file (`nav/<locale>.json`) that `static/nav.js` puts in place; each page carries
//! only its own section and the sections on either side, which is also what readers
//! without JavaScript get.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Page, Site};

use super::links::UrlMap;

/// Above this many entries shown on every page, the list moves to the shared file.
const SHARED_OVER: usize = 30;

/// One locale's sidebar material, as positions in its reading order.
pub struct Navigation<'a> {
    locale: &'a str,
    pages: &'a [Page],
    /// Top-level pages and section indexes: on every sidebar.
    always: Vec<usize>,
    /// The other pages of each section.
    sections: HashMap<&'a str, Vec<usize>>,
    /// Whether `always` is too long to repeat on every page.
    shared: bool,
}

/// An entry of the shared list: `[title, link from the site root, section]`.
#[derive(Serialize)]
struct SharedEntry<'a>(&'a str, String, &'a str);

impl<'a> Navigation<'a> {
    pub fn new(site: &'a Site, locale: &'a str) -> Self {
        let pages = site.locale_pages(locale);
        let mut always = Vec::new();
        let mut sections: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, page) in pages.iter().enumerate() {
            match page.section() {
                Some(section) if !page.is_section_index() => {
                    sections.entry(section).or_default().push(i)
                }
                _ => always.push(i),
            }
        }
        let shared = always.len() > SHARED_OVER;
        Navigation {
            locale,
            pages,
            always,
            sections,
            shared,
        }
    }

    /// The shared file's path and content, for a locale whose list is shared.
    pub fn shared_file(&self, urls: &UrlMap) -> Option<(String, Vec<u8>)> {
        if !self.shared {
            return None;
        }
        let entries: Vec<SharedEntry> = self
            .always
            .iter()
            .map(|&i| {
                let page = &self.pages[i];
                SharedEntry(
                    page.front.nav_title(),
                    urls.to_folder("", &page.url),
                    page.section().unwrap_or(""),
                )
            })
            .collect();
        let json = serde_json::to_vec(&entries).expect("strings serialize");
        Some((self.shared_path(), json))
    }

    /// The shared list's path when this locale has one.
    pub fn shared(&self) -> Option<String> {
        self.shared.then(|| self.shared_path())
    }

    fn shared_path(&self) -> String {
        format!("nav/{}.json", self.locale)
    }

    /// The sidebar of `current`, in reading order, with each entry's level (1 for
    /// top-level pages and section indexes, 2 for a section's pages).
    pub fn entries(&self, current: &Page) -> Vec<(&'a Page, u8)> {
        let section = current.section();
        let own: &[usize] = section
            .and_then(|s| self.sections.get(s))
            .map_or(&[], Vec::as_slice);
        let always = if self.shared {
            self.around(current, section)
        } else {
            self.always.clone()
        };
        let mut merged = Vec::with_capacity(always.len() + own.len());
        let (mut a, mut b) = (always.iter().peekable(), own.iter().peekable());
        while let Some(&i) = match (a.peek(), b.peek()) {
            (Some(&&x), Some(&&y)) if x < y => a.next(),
            (Some(_), Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        } {
            let page = &self.pages[i];
            let level = match page.section() {
                Some(_) if !page.is_section_index() => 2,
                _ => 1,
            };
            merged.push((page, level));
        }
        merged
    }

    /// The always-shown entries next to the current page's place among them: its
    /// section's index (or itself) with one entry on either side, and the first entry
    /// (the locale's home).
    fn around(&self, current: &Page, section: Option<&str>) -> Vec<usize> {
        let place = self.always.iter().position(|&i| {
            let page = &self.pages[i];
            page.path == current.path || (section.is_some() && page.section() == section)
        });
        let Some(place) = place else {
            return self.always.iter().take(2).copied().collect();
        };
        let mut picked: Vec<usize> = std::iter::once(0)
            .chain(place.saturating_sub(1)..=(place + 1).min(self.always.len() - 1))
            .map(|k| self.always[k])
            .collect();
        picked.sort_unstable();
        picked.dedup();
        picked
    }

    /// The pages before and after `current` in reading order.
    pub fn neighbours(&self, current: &Page, site: &Site) -> (Option<&'a Page>, Option<&'a Page>) {
        let Some(i) = site.position(self.locale, &current.path) else {
            return (None, None);
        };
        let previous = i.checked_sub(1).and_then(|i| self.pages.get(i));
        (previous, self.pages.get(i + 1))
    }
}
