//! The sidebar: top-level pages, every section's index, and the pages of the current
//! page's section. Its size stays bounded as a site grows, so output grows linearly
//! with the number of pages; the lists are computed once per locale, not per page.

use std::collections::HashMap;

use crate::model::{Page, Site};

/// One locale's sidebar material, as positions in its reading order.
pub struct Navigation<'a> {
    pages: &'a [Page],
    /// Top-level pages and section indexes: on every sidebar.
    always: Vec<usize>,
    /// The other pages of each section.
    sections: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Navigation<'a> {
    pub fn new(site: &'a Site, locale: &str) -> Self {
        let pages = site.locale_pages(locale);
        let mut always = Vec::new();
        let mut sections: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, page) in pages.iter().enumerate() {
            match section_of(&page.path) {
                Some(section) if !is_section_index(&page.path) => {
                    sections.entry(section).or_default().push(i)
                }
                _ => always.push(i),
            }
        }
        Navigation {
            pages,
            always,
            sections,
        }
    }

    /// The sidebar of `current`, in reading order, with each entry's level (1 for
    /// top-level pages and section indexes, 2 for a section's pages).
    pub fn entries(&self, current: &Page) -> Vec<(&'a Page, u8)> {
        let own: &[usize] = section_of(&current.path)
            .and_then(|s| self.sections.get(s))
            .map_or(&[], Vec::as_slice);
        let mut merged = Vec::with_capacity(self.always.len() + own.len());
        let (mut a, mut b) = (self.always.iter().peekable(), own.iter().peekable());
        while let Some(&i) = match (a.peek(), b.peek()) {
            (Some(&&x), Some(&&y)) if x < y => a.next(),
            (Some(_), Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        } {
            let page = &self.pages[i];
            let level = match section_of(&page.path) {
                Some(_) if !is_section_index(&page.path) => 2,
                _ => 1,
            };
            merged.push((page, level));
        }
        merged
    }

    /// The pages before and after `current` in reading order.
    pub fn neighbours(&self, current: &Page, site: &Site) -> (Option<&'a Page>, Option<&'a Page>) {
        let Some(i) = site.position(&current.locale, &current.path) else {
            return (None, None);
        };
        let previous = i.checked_sub(1).and_then(|i| self.pages.get(i));
        (previous, self.pages.get(i + 1))
    }
}

/// The first folder of a page's path: its section (`None` at the top level).
fn section_of(path: &str) -> Option<&str> {
    path.split_once('/').map(|(section, _)| section)
}

fn is_section_index(path: &str) -> bool {
    path.ends_with("/index.md") || path.ends_with("/_index.md")
}
