//! The sidebar: top-level pages, every section's index, and the pages of the current
//! page's section, computed once per locale rather than per page. A locale with an
//! outline (`SUMMARY.md`) shows instead its part titles, its top-level chapters, and
//! the chapters below the current page's top-level chapter, at their depth, under the
//! outline's own words when the outline is the locale's own.
//!
//! Repeating every section on every page makes a site's output grow with the square
//! of its size. So a locale with many sections gets the full list once, in a shared
//! file (`nav/<locale>.json`) that `static/nav.js` puts in place; each page carries
//! only its own section and the sections on either side, which is also what readers
//! without JavaScript get.
//!
//! The same lists say which pages name a given page, so that a new title is rendered
//! again only where it shows (`showing_titles`, for `serve`).

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use serde::Serialize;

use crate::model::{Block, Outline, OutlineEntry, Page, Site};

use super::links::UrlMap;

/// Above this many entries shown on every page, the list moves to the shared file.
const SHARED_OVER: usize = 30;

/// What a sidebar entry shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Entry<'a> {
    /// A page, with the title the sidebar gives it: its own, or the one its locale's
    /// outline gives it (mdBook's sidebar shows SUMMARY.md's words, which a
    /// translation's SUMMARY.md translates even for chapters not yet translated).
    Page(&'a Page, &'a str),
    /// An outline's part title: a heading, not a link.
    Part(&'a str),
    /// An outline's chapter still to be written: its title, not a link.
    Draft(&'a str),
}

/// An entry with its place: its level (1 on every sidebar, 2 and deeper below its
/// group's head) and its group (a section, or an outline's top-level chapter), shown
/// whole around the current page.
struct Item<'a> {
    entry: Entry<'a>,
    level: u8,
    group: Option<&'a str>,
    /// False for an outline's prefix and suffix chapters, which mdBook leaves
    /// unnumbered.
    numbered: bool,
}

/// A sidebar entry as a page shows it.
pub struct Shown<'a> {
    pub entry: Entry<'a>,
    pub level: u8,
    pub numbered: bool,
}

/// One locale's sidebar material, as positions in its list of entries (which follows
/// the reading order).
pub struct Navigation<'a> {
    locale: &'a str,
    pages: &'a [Page],
    items: Vec<Item<'a>>,
    /// Entries on every sidebar: top-level pages and section indexes, or an outline's
    /// parts and top-level chapters.
    always: Vec<usize>,
    /// The other entries of each group.
    sections: HashMap<&'a str, Vec<usize>>,
    /// With an outline: each page's group (without one, a page's group is its section).
    page_groups: Option<HashMap<&'a str, &'a str>>,
    /// With an outline: each page's title in the sidebar (and so in previous/next).
    titles: Option<HashMap<&'a str, &'a str>>,
    /// With an outline lent by another locale: that locale, whose words its part
    /// titles and drafts are.
    outline_lang: Option<&'a str>,
    /// Whether `always` is too long to repeat on every page.
    shared: bool,
}

/// An entry of the shared list: `[title, link from the site root, group]`, and for an
/// outline's entry that is no link or is not numbered, its kind after that (`part`,
/// `draft` with an empty link, `unnumbered`).
#[derive(Serialize)]
#[serde(untagged)]
enum SharedEntry<'a> {
    Link(&'a str, String, &'a str),
    Marked(&'a str, String, &'a str, &'static str),
}

impl<'a> Navigation<'a> {
    pub fn new(site: &'a Site, locale: &'a str) -> Self {
        let pages = site.locale_pages(locale);
        let (items, page_groups) = match site.outline(locale) {
            Some(outline) => {
                let (items, groups) = outline_items(site, locale, outline, pages);
                (items, Some(groups))
            }
            None => (section_items(pages), None),
        };
        let mut always = Vec::new();
        let mut sections: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            match item.group {
                Some(group) if item.level > 1 => sections.entry(group).or_default().push(i),
                _ => always.push(i),
            }
        }
        let shared = always.len() > SHARED_OVER;
        let titles = page_groups.as_ref().map(|_| {
            (items.iter())
                .filter_map(|item| match item.entry {
                    Entry::Page(page, title) => Some((page.path.as_str(), title)),
                    _ => None,
                })
                .collect()
        });
        Navigation {
            locale,
            pages,
            items,
            always,
            sections,
            page_groups,
            titles,
            outline_lang: site
                .outline(locale)
                .and_then(|o| o.source.strip_prefix("content/")?.split_once('/'))
                .map(|(lang, _)| lang)
                .filter(|lang| *lang != locale),
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
                let item = &self.items[i];
                let group = item.group.unwrap_or("");
                match item.entry {
                    Entry::Page(page, title) if item.numbered => {
                        SharedEntry::Link(title, urls.to_folder("", &page.url), group)
                    }
                    Entry::Page(page, title) => {
                        let link = urls.to_folder("", &page.url);
                        SharedEntry::Marked(title, link, group, "unnumbered")
                    }
                    Entry::Part(title) => SharedEntry::Marked(title, String::new(), group, "part"),
                    Entry::Draft(title) => {
                        SharedEntry::Marked(title, String::new(), group, "draft")
                    }
                }
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

    /// The group whose entries are shown around `page`: its section, or with an
    /// outline its top-level chapter.
    pub fn group_of(&self, page: &'a Page) -> Option<&'a str> {
        match &self.page_groups {
            Some(groups) => groups.get(page.path.as_str()).copied(),
            None => page.section(),
        }
    }

    /// The language of the outline's own words (part titles, drafts) when it is not
    /// the locale's.
    pub fn outline_lang(&self) -> Option<&'a str> {
        self.outline_lang
    }

    /// The title the sidebar gives `page`.
    pub fn title_of<'p>(&'p self, page: &'p Page) -> &'p str {
        (self.titles.as_ref())
            .and_then(|titles| titles.get(page.path.as_str()).copied())
            .unwrap_or(page.front.nav_title())
    }

    /// The sidebar of `current`, in reading order, with each entry's level.
    pub fn entries(&self, current: &'a Page) -> Vec<Shown<'a>> {
        let group = self.group_of(current);
        let own: &[usize] = group
            .and_then(|s| self.sections.get(s))
            .map_or(&[], Vec::as_slice);
        let always = if self.shared {
            self.around(current, group)
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
            let item = &self.items[i];
            merged.push(Shown {
                entry: item.entry,
                level: item.level,
                numbered: item.numbered,
            });
        }
        merged
    }

    /// The always-shown entries next to the current page's place among them: its
    /// group's head (or itself) with one entry on either side, and the first entry
    /// (the locale's home).
    fn around(&self, current: &Page, group: Option<&str>) -> Vec<usize> {
        let place = self.always.iter().position(|&i| {
            let item = &self.items[i];
            matches!(item.entry, Entry::Page(page, _) if page.path == current.path)
                || (group.is_some() && item.group == group)
        });
        let Some(place) = place else {
            return self.always.iter().take(2).copied().collect();
        };
        // The home: the first page (an outline may open with a part title).
        let home = (self.always.iter())
            .position(|&i| matches!(self.items[i].entry, Entry::Page(..)))
            .unwrap_or(0);
        let mut picked: Vec<usize> = std::iter::once(home)
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

/// The pages whose HTML shows the title of one of `retitled` (indexes in
/// `site.pages`), themselves included, in order: those whose sidebar or previous and
/// next links name one, and those with a decision tree (its outcomes may link to one
/// by its title). The other pages of the site are the same as before the titles
/// changed, so `serve` renders a title edit without the whole site.
pub fn showing_titles(site: &Site, retitled: &[usize]) -> Vec<usize> {
    let mut shown: Vec<usize> = retitled.to_vec();
    let mut locales: Vec<&str> = (retitled.iter())
        .filter_map(|&i| site.pages.get(i))
        .map(|p| p.locale.as_str())
        .collect();
    locales.sort_unstable();
    locales.dedup();
    for locale in locales {
        let names: HashSet<&str> = (retitled.iter())
            .filter_map(|&i| site.pages.get(i))
            .filter(|p| p.locale == locale)
            .map(|p| p.path.as_str())
            .collect();
        let Some(first) = site.locale_start(locale) else {
            continue;
        };
        let navigation = Navigation::new(site, locale);
        let names_one = |page: &Page| {
            let named = |p: &Page| names.contains(p.path.as_str());
            let (previous, next) = navigation.neighbours(page, site);
            previous.is_some_and(named)
                || next.is_some_and(named)
                || (navigation.entries(page).iter())
                    .any(|shown| matches!(shown.entry, Entry::Page(p, _) if named(p)))
                || (page.blocks.iter()).any(|b| matches!(b, Block::DecisionTree { .. }))
        };
        let pages = site.locale_pages(locale);
        shown.extend(
            (pages.par_iter().enumerate())
                .filter(|(_, page)| names_one(page))
                .map(|(n, _)| first + n)
                .collect::<Vec<usize>>(),
        );
    }
    shown.sort_unstable();
    shown.dedup();
    shown
}

/// Without an outline: top-level pages and section indexes at level 1, a section's
/// other pages at level 2.
fn section_items(pages: &[Page]) -> Vec<Item<'_>> {
    pages
        .iter()
        .map(|page| Item {
            entry: Entry::Page(page, page.front.nav_title()),
            level: match page.section() {
                Some(_) if !page.is_section_index() => 2,
                _ => 1,
            },
            group: page.section(),
            numbered: true,
        })
        .collect()
}

/// With an outline: its parts and chapters in order, each chapter at its depth and in
/// the group of its top-level chapter, then the pages it does not list (the reading
/// order puts them last). Returns the entries and each listed page's group.
fn outline_items<'a>(
    site: &'a Site,
    locale: &str,
    outline: &'a Outline,
    pages: &'a [Page],
) -> (Vec<Item<'a>>, HashMap<&'a str, &'a str>) {
    let mut items = Vec::new();
    let mut groups = HashMap::new();
    let mut group: Option<&'a str> = None;
    let own = outline.source.starts_with(&format!("content/{locale}/"));
    for entry in &outline.entries {
        match entry {
            OutlineEntry::Part { title, .. } => {
                group = None;
                items.push(Item {
                    entry: Entry::Part(title),
                    level: 1,
                    group: None,
                    numbered: true,
                });
            }
            OutlineEntry::Separator { .. } => {}
            OutlineEntry::Chapter(chapter) => {
                let page = chapter.path.as_deref().map(|p| site.page(locale, p));
                let entry = match page {
                    Some(Some(page)) if own => Entry::Page(page, &chapter.title),
                    Some(Some(page)) => Entry::Page(page, page.front.nav_title()),
                    // Reported when the outline was checked.
                    Some(None) => continue,
                    None => Entry::Draft(&chapter.title),
                };
                let key = chapter.path.as_deref().unwrap_or(&chapter.title);
                if chapter.depth <= 1 {
                    group = Some(key);
                }
                if let (Entry::Page(page, _), Some(group)) = (entry, group) {
                    groups.insert(page.path.as_str(), group);
                }
                items.push(Item {
                    entry,
                    level: chapter.depth.max(1),
                    group,
                    numbered: chapter.numbered,
                });
            }
        }
    }
    // A translation's own outline that lists only what is translated: the source
    // outline's other chapters follow (fallback pages, in the source's order), nested
    // as there below a top-level chapter that is among them.
    let source = site.outline(&site.config.source_locale);
    if let Some(source) = source.filter(|s| own && s.source != outline.source) {
        let mut head: Option<&'a str> = None;
        for chapter in source.chapters() {
            let Some(path) = chapter.path.as_deref() else {
                continue;
            };
            let listed = groups.contains_key(path);
            if chapter.depth <= 1 {
                head = (!listed).then_some(path);
            }
            let Some(page) = site.page(locale, path).filter(|_| !listed) else {
                continue;
            };
            let (level, group) = match head {
                Some(head) => (chapter.depth.max(1), head),
                None => (1, path),
            };
            groups.insert(page.path.as_str(), group);
            items.push(Item {
                entry: Entry::Page(page, page.front.nav_title()),
                level,
                group: Some(group),
                numbered: chapter.numbered,
            });
        }
    }
    for page in pages
        .iter()
        .filter(|p| !groups.contains_key(p.path.as_str()))
    {
        items.push(Item {
            entry: Entry::Page(page, page.front.nav_title()),
            level: 1,
            group: None,
            numbered: true,
        });
    }
    (items, groups)
}
