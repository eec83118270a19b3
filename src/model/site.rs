//! The whole site: settings and every page of every locale.

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;

use super::config::SiteConfig;
use super::decision_tree::DecisionTree;
use super::outline::Outline;
use super::page::Page;

#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub config: SiteConfig,
    /// Sorted by locale order, then by the locale's outline when it has one, else by
    /// weight, then path: the reading order.
    pub pages: Vec<Page>,
    /// Sorted by id.
    pub trees: Vec<DecisionTree>,
    /// The outline that orders each locale that has one: its own `SUMMARY.md`, or the
    /// source locale's.
    pub outlines: BTreeMap<String, Outline>,
    /// Per locale, its pages' range in `pages` (they are consecutive) and each path's
    /// index there, so lookups cost no allocation and no scan on large sites (and a
    /// quick hash: every link of every page is looked up here).
    index: FxHashMap<String, LocaleIndex>,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct LocaleIndex {
    range: std::ops::Range<usize>,
    paths: FxHashMap<String, usize>,
}

impl Site {
    /// Puts `pages` in reading order and indexes them.
    pub fn new(config: SiteConfig, pages: Vec<Page>, trees: Vec<DecisionTree>) -> Self {
        Site::with_outlines(config, pages, trees, BTreeMap::new())
    }

    /// `new`, for a site whose locales may be ordered by outlines (by locale). A page
    /// that its locale's outline does not list comes after those it lists: first those
    /// the source locale's outline lists, in its order, then the others.
    pub fn with_outlines(
        config: SiteConfig,
        mut pages: Vec<Page>,
        mut trees: Vec<DecisionTree>,
        outlines: BTreeMap<String, Outline>,
    ) -> Self {
        trees.sort_by(|a, b| a.id.cmp(&b.id));
        // A translation's own outline may list only what is translated: the source
        // outline's other chapters (fallback pages) follow, in the source's order.
        let source = outlines.get(&config.source_locale);
        let places: HashMap<&str, HashMap<&str, usize>> = outlines
            .iter()
            .map(|(locale, outline)| {
                let mut order: HashMap<&str, usize> = HashMap::new();
                let rest = source.filter(|s| s.source != outline.source);
                let paths = (outline
                    .chapters()
                    .chain(rest.into_iter().flat_map(Outline::chapters)))
                .filter_map(|c| c.path.as_deref());
                for path in paths {
                    let next = order.len();
                    order.entry(path).or_insert(next);
                }
                (locale.as_str(), order)
            })
            .collect();
        let outline_place = |p: &Page| {
            places.get(p.locale.as_str()).map_or(0, |paths| {
                paths.get(p.path.as_str()).copied().unwrap_or(usize::MAX)
            })
        };
        let rank = |locale: &str| {
            config
                .locales
                .iter()
                .position(|l| l == locale)
                .unwrap_or(usize::MAX)
        };
        // A section sits where its index page's weight puts it among the top-level
        // pages, and keeps its own pages together after that index, as in Hugo.
        // Section name with its locale (`fr/guide`) -> the weight of its index page.
        let section_weights: HashMap<String, i64> = pages
            .iter()
            .filter(|p| p.is_section_index())
            .filter_map(|p| Some((format!("{}/{}", p.locale, p.section()?), p.front.weight)))
            .collect();
        let key = |p: &Page| {
            let place = match p.section() {
                Some(name) => (
                    section_weights
                        .get(&format!("{}/{name}", p.locale))
                        .copied()
                        .unwrap_or(0),
                    name.to_string(),
                ),
                None => (p.front.weight, p.path.clone()),
            };
            (
                rank(&p.locale),
                p.locale.clone(),
                outline_place(p),
                !is_index(p),
                place,
                !p.is_section_index(),
                p.front.weight,
                p.path.clone(),
            )
        };
        pages.sort_by_cached_key(key);
        let mut index: FxHashMap<String, LocaleIndex> = FxHashMap::default();
        for (i, page) in pages.iter().enumerate() {
            let entry = index.entry(page.locale.clone()).or_insert(LocaleIndex {
                range: i..i,
                paths: FxHashMap::default(),
            });
            entry.range.end = i + 1;
            entry.paths.insert(page.path.clone(), i);
        }
        Site {
            config,
            pages,
            trees,
            outlines,
            index,
        }
    }

    pub fn pages_of<'a>(&'a self, locale: &'a str) -> impl Iterator<Item = &'a Page> + 'a {
        self.locale_pages(locale).iter()
    }

    /// The pages of `locale`, in reading order.
    pub fn locale_pages(&self, locale: &str) -> &[Page] {
        self.index
            .get(locale)
            .map_or(&[], |l| &self.pages[l.range.clone()])
    }

    /// Where the locale's first page is in `pages` (the others follow it).
    pub fn locale_start(&self, locale: &str) -> Option<usize> {
        self.index.get(locale).map(|l| l.range.start)
    }

    /// Where a page is in `pages`.
    pub fn index_of(&self, locale: &str, path: &str) -> Option<usize> {
        self.index.get(locale)?.paths.get(path).copied()
    }

    /// Where a page stands in its locale's reading order.
    pub fn position(&self, locale: &str, path: &str) -> Option<usize> {
        let l = self.index.get(locale)?;
        l.paths.get(path).map(|&i| i - l.range.start)
    }

    /// The outline that orders `locale`, when it has one.
    pub fn outline(&self, locale: &str) -> Option<&Outline> {
        self.outlines.get(locale)
    }

    pub fn tree(&self, id: &str) -> Option<&DecisionTree> {
        self.trees.iter().find(|t| t.id == id)
    }

    pub fn page(&self, locale: &str, path: &str) -> Option<&Page> {
        let i = *self.index.get(locale)?.paths.get(path)?;
        Some(&self.pages[i])
    }
}

/// The locale's home page comes first whatever its weight.
fn is_index(page: &Page) -> bool {
    matches!(page.path.as_str(), "index.md" | "_index.md" | "README.md")
}
