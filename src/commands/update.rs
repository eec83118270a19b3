//! Update: after an edit, re-render only the pages it changed, on the model of the last
//! build (`serve` keeps it). A new title is shown by other pages of its locale (their
//! sidebars, previous and next links): those are rendered again too. An edit that
//! changes more of what other pages see (a heading id, the weight or slug, a new or
//! deleted page, anything outside `content/<locale>/`) needs a full rebuild instead:
//! `pages` then says so and touches nothing. A file that
//! pages include (a book's `listings/`) stands for the pages that include it.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostics;
use crate::model::Page;
use crate::output::Sink;
use crate::render;
use crate::resolve::{check_tree_embeds, resolve};

use super::build::Compiled;
use super::site;

/// What an edit needs.
#[derive(Debug, PartialEq, Eq)]
pub enum Update {
    /// These pages (indexes in the site) were re-rendered into the sink.
    Pages(Vec<usize>),
    /// The edit reaches beyond its pages: build everything again.
    Full,
}

/// Applies edited page files to `compiled` and renders what they change. On errors
/// (in `diagnostics`) the model is left as it was.
pub fn pages(
    root: &Path,
    compiled: &mut Compiled,
    changed: &[PathBuf],
    diagnostics: &Diagnostics,
    sink: &dyn Sink,
) -> Update {
    let changed = with_including_pages(root, &compiled.loaded.includes, changed);
    let Some(edited) = reparse(root, compiled, &changed, diagnostics) else {
        return Update::Full;
    };
    if diagnostics.has_errors() {
        // The model stays as it was, and so do its targets.
        let loaded = &mut compiled.loaded;
        if let Some(targets) = &mut loaded.targets {
            for (index, _, _) in &edited {
                targets.refresh(&loaded.site.pages[*index]);
            }
        }
        return Update::Pages(Vec::new());
    }
    let reread: Vec<String> = edited.iter().map(|(_, p, _)| p.source.clone()).collect();
    let site = &compiled.loaded.site;
    let mut retitled: Vec<usize> = (edited.iter())
        .filter(|(index, page, _)| !same_titles(&site.pages[*index], page))
        .map(|(index, _, _)| *index)
        .collect();
    compiled.loaded.includes.map_lines(diagnostics, &reread);
    let site = &mut compiled.loaded.site;
    let source_locale = site.config.source_locale.clone();
    let translator = compiled.loaded.translator;
    let mut touched = Vec::new();
    // Translations whose lagging sections and blocks are to be found again: those of
    // an edited source page, and edited ones (their blocks may have moved).
    let mut remark = Vec::new();
    for (index, page, included) in edited {
        compiled.loaded.includes.set(&page.source, included);
        if page.locale != source_locale && page.outdated {
            remark.push((page.locale.clone(), page.path.clone()));
        }
        if page.locale == source_locale {
            let followed = follow_source(root, site, &page);
            remark.extend(
                (followed.iter()).map(|&i| (site.pages[i].locale.clone(), page.path.clone())),
            );
            // Fallback copies show the source's title.
            if retitled.contains(&index) {
                retitled.extend((followed.iter()).filter(|&&i| site.pages[i].fallback.is_some()));
            }
            touched.extend(followed);
        }
        site.pages[index] = page;
        touched.push(index);
    }
    if !remark.is_empty() {
        super::changed::mark_changes(root, &mut site.pages, &source_locale, translator, |p| {
            remark
                .iter()
                .any(|(locale, path)| *locale == p.locale && *path == p.path)
        });
    }
    touched.sort_unstable();
    touched.dedup();
    // Fallback copies of an edited source page carry its headings.
    if let Some(targets) = &mut compiled.loaded.targets {
        for &index in &touched {
            targets.refresh(&compiled.loaded.site.pages[index]);
        }
    }
    let loaded = &compiled.loaded;
    retitled.sort_unstable();
    retitled.dedup();
    if !retitled.is_empty() {
        touched.extend(render::html::showing_titles(&loaded.site, &retitled));
        touched.sort_unstable();
        touched.dedup();
    }
    let scope = if retitled.is_empty() {
        render::html::Scope::Pages(&touched)
    } else {
        render::html::Scope::Retitled {
            pages: &touched,
            retitled: &retitled,
        }
    };
    render::html::render(
        &loaded.site,
        &loaded.messages,
        &loaded.theme,
        &loaded.assets,
        &compiled.pdf_files,
        diagnostics,
        sink,
        scope,
    );
    Update::Pages(touched)
}

/// The changed files, where each file that pages include is followed by those pages.
/// Files that are neither site sources nor included (others in a watched listings
/// folder) are left out.
fn with_including_pages(
    root: &Path,
    includes: &site::Includes,
    changed: &[PathBuf],
) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for path in changed {
        let Some(shown) = shown(root, path) else {
            paths.push(path.clone());
            continue;
        };
        let is_source = ["content/", "locales/", "themes/"]
            .iter()
            .any(|top| shown.starts_with(top))
            || shown == crate::load::CONFIG_FILE;
        if is_source {
            paths.push(path.clone());
        }
        let including = includes.pages_including(&shown);
        paths.extend(including.into_iter().map(|page| root.join(page)));
    }
    paths.sort();
    paths.dedup();
    paths
}

/// `path` relative to the site root, with `/` separators.
fn shown(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    Some(parts?.join("/"))
}

/// Each edited page parsed and resolved, with its index in the site and what it
/// included; `None` when one of the changes is not a page edit that leaves other pages
/// as they were.
fn reparse(
    root: &Path,
    compiled: &mut Compiled,
    changed: &[PathBuf],
    diagnostics: &Diagnostics,
) -> Option<Vec<(usize, Page, Option<site::Included>)>> {
    let loaded = &mut compiled.loaded;
    let site = &loaded.site;
    // Without the last build's targets (a model not loaded for edits), load again.
    let targets = loaded.targets.as_mut()?;
    let (mut indexes, mut pages, mut included) = (Vec::new(), Vec::new(), Vec::new());
    for path in changed {
        let shown = shown(root, path)?;
        let (locale, page_path) = shown.strip_prefix("content/")?.split_once('/')?;
        if !page_path.ends_with(".md") || !site.config.locales.iter().any(|l| l == locale) {
            return None;
        }
        let index = site.index_of(locale, page_path)?;
        let (mut page, includes) =
            site::read_page(root, path, None, site.config.heading_ids, diagnostics)?;
        site::prepare(&mut page, &site.config.markdown, diagnostics);
        let old = &site.pages[index];
        // A page without a title of its own is named by its outline, on a full load.
        if old.fallback.is_some() || page.front.title.trim().is_empty() || !same_outline(old, &page)
        {
            return None;
        }
        page.outdated = old.outdated;
        // Same headings: the same source ids (its changed blocks are marked again).
        page.anchor_aliases = old.anchor_aliases.clone();
        indexes.push(index);
        pages.push(page);
        included.push(includes);
    }
    for page in &pages {
        targets.refresh(page);
    }
    crate::highlight::check_languages(&pages, diagnostics);
    resolve(&mut pages, targets, diagnostics);
    check_tree_embeds(&pages, &site.trees, diagnostics);
    Some(
        (indexes.into_iter().zip(pages).zip(included))
            .map(|((index, page), included)| (index, page, included))
            .collect(),
    )
}

/// What other pages show of a page is unchanged, its titles aside: its front matter
/// (weight, slug, translation record), URL and headings.
fn same_outline(old: &Page, new: &Page) -> bool {
    let untitled = |page: &Page| crate::model::FrontMatter {
        title: String::new(),
        title_inlines: Vec::new(),
        nav_title: None,
        ..page.front.clone()
    };
    untitled(old) == untitled(new)
        && old.title_id == new.title_id
        && old.url == new.url
        && old.toc == new.toc
}

/// The page's names in other pages are unchanged: its title, and the sidebar's.
fn same_titles(old: &Page, new: &Page) -> bool {
    old.front.title == new.front.title
        && old.front.title_inlines == new.front.title_inlines
        && old.front.nav_title == new.front.nav_title
}

/// A source page changed: its fallback copies follow it, and its translations may
/// become (or stop being) outdated. Returns the pages to render again.
fn follow_source(root: &Path, site: &mut crate::model::Site, source: &Page) -> Vec<usize> {
    let mut touched = Vec::new();
    let locales = site.config.locales.clone();
    for locale in locales.iter().filter(|l| **l != source.locale) {
        let Some(index) = site.index_of(locale, &source.path) else {
            continue;
        };
        let page = &mut site.pages[index];
        if page.fallback.is_some() {
            *page = site::fallback_page(source, locale);
            touched.push(index);
        } else if crate::locale::pseudo::is_pseudo(locale) {
            *page = site::pseudo_page(source);
            touched.push(index);
        } else if let Some(record) = &page.front.l10n {
            let outdated =
                site::is_outdated(root, &source.locale, &page.path, record, &source.body_hash);
            if outdated != page.outdated || outdated {
                page.outdated = outdated;
                touched.push(index);
            }
        }
    }
    touched
}
