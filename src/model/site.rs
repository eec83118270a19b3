//! The whole site: settings and every page of every locale.

use std::collections::HashMap;

use super::config::SiteConfig;
use super::decision_tree::DecisionTree;
use super::page::Page;

#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub config: SiteConfig,
    /// Sorted by locale order, then weight, then path: the reading order.
    pub pages: Vec<Page>,
    /// Sorted by id.
    pub trees: Vec<DecisionTree>,
    /// (locale, path) -> index in `pages`, so lookups stay cheap on large sites.
    index: HashMap<(String, String), usize>,
}

impl Site {
    /// Puts `pages` in reading order and indexes them.
    pub fn new(config: SiteConfig, mut pages: Vec<Page>, mut trees: Vec<DecisionTree>) -> Self {
        trees.sort_by(|a, b| a.id.cmp(&b.id));
        let rank = |locale: &str| {
            config
                .locales
                .iter()
                .position(|l| l == locale)
                .unwrap_or(usize::MAX)
        };
        pages.sort_by(|a, b| {
            (rank(&a.locale), !is_index(a), a.front.weight, &a.path).cmp(&(
                rank(&b.locale),
                !is_index(b),
                b.front.weight,
                &b.path,
            ))
        });
        let index = pages
            .iter()
            .enumerate()
            .map(|(i, p)| ((p.locale.clone(), p.path.clone()), i))
            .collect();
        Site {
            config,
            pages,
            trees,
            index,
        }
    }

    pub fn pages_of<'a>(&'a self, locale: &'a str) -> impl Iterator<Item = &'a Page> + 'a {
        self.pages.iter().filter(move |p| p.locale == locale)
    }

    pub fn tree(&self, id: &str) -> Option<&DecisionTree> {
        self.trees.iter().find(|t| t.id == id)
    }

    pub fn page(&self, locale: &str, path: &str) -> Option<&Page> {
        self.index
            .get(&(locale.to_string(), path.to_string()))
            .map(|&i| &self.pages[i])
    }
}

/// The locale's home page comes first whatever its weight.
fn is_index(page: &Page) -> bool {
    page.path == "index.md"
}
