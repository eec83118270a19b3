//! Sources to model, shared by every command that needs the site: load, parse,
//! typography, cross-page resolution and the checks that span files.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config;
use crate::diagnostic::{Diagnostic, Diagnostics, guard};
use crate::highlight;
use crate::load::{self, CONFIG_FILE};
use crate::locale::{Messages, apply_typography, pseudo};
use crate::model::{
    BinaryFile, DecisionTree, HeadingIds, LineMap, MarkdownConfig, Page, Pos, Site, Theme,
};
use crate::parse;
use crate::resolve::{Targets, check_tree_embeds, check_tree_links, resolve};

/// The site as data, with what rendering needs besides it.
pub struct Loaded {
    pub site: Site,
    pub messages: Messages,
    pub theme: Theme,
    /// Content files that are not pages, for the configured locales.
    pub assets: Vec<BinaryFile>,
    /// What the pages that include other files were made of.
    pub includes: Includes,
    /// Every page's anchors, assets and drafts, as links were resolved against them,
    /// when `Select::for_edits` asks: an edit's pages resolve against the same,
    /// without collecting the whole site again.
    pub targets: Option<Targets>,
    /// `serve --translator`: changed blocks carry their source's text.
    pub translator: bool,
}

/// The pages whose text includes other files (mdBook's `{{#include}}`), by source path:
/// `serve` renders a page again when a file it includes changes, and diagnostics about
/// the expanded text are moved back to the lines they came from.
#[derive(Debug, Default)]
pub struct Includes {
    pages: BTreeMap<String, Included>,
}

#[derive(Debug)]
pub struct Included {
    /// Every file the page tried to include, relative to the site root.
    pub read: Vec<String>,
    pub lines: Arc<LineMap>,
}

impl Includes {
    /// Notes what `page` (its source path) was made of, replacing what it was.
    pub fn set(&mut self, page: &str, included: Option<Included>) {
        match included {
            Some(included) => self.pages.insert(page.to_string(), included),
            None => self.pages.remove(page),
        };
    }

    /// The pages that include `file` (relative to the site root).
    pub fn pages_including(&self, file: &str) -> Vec<&str> {
        (self.pages.iter())
            .filter(|(_, included)| included.read.iter().any(|r| r == file))
            .map(|(page, _)| page.as_str())
            .collect()
    }

    /// Every included file, sorted and once.
    pub fn files(&self) -> Vec<&str> {
        let mut files: Vec<&str> = (self.pages.values())
            .flat_map(|i| i.read.iter().map(String::as_str))
            .collect();
        files.sort_unstable();
        files.dedup();
        files
    }

    /// Tells `diagnostics` where the expanded texts came from, except for `skip` (pages
    /// read again, which have new maps).
    pub fn map_lines(&self, diagnostics: &Diagnostics, skip: &[String]) {
        for (page, included) in &self.pages {
            if !skip.contains(page) {
                diagnostics.map_lines(page, included.lines.clone());
            }
        }
    }
}

/// Reads the page at `path` with the files it includes, and parses it: the expanded
/// text's line map is given to `diagnostics` once the include directives have been
/// reported at their own places. `None` when it cannot be read or parsed.
pub fn read_page(
    root: &Path,
    path: &Path,
    source_locale: Option<&str>,
    heading_ids: HeadingIds,
    diagnostics: &Diagnostics,
) -> Option<(Page, Option<Included>)> {
    let expanded = load::page(root, path, diagnostics)?;
    let included = expanded.lines.map(|lines| {
        let lines = Arc::new(lines);
        diagnostics.map_lines(&expanded.file.path, lines.clone());
        Included {
            read: expanded.read,
            lines,
        }
    });
    let page = match source_locale {
        Some(locale) => parse::page::parse_in(&expanded.file, locale, heading_ids, diagnostics),
        None => parse::page::parse(&expanded.file, heading_ids, diagnostics),
    }?;
    Some((page, included))
}

/// Which pages a run publishes.
#[derive(Debug, Clone, Default)]
pub struct Select {
    /// Only these locales (every configured one when empty).
    pub locales: Vec<String>,
    /// Pages marked `draft` too (`build --drafts`, `serve`).
    pub drafts: bool,
    /// Keep the targets links were resolved against, so that an edit can be applied
    /// to the model without loading the site again (`serve`); a build lets them go.
    pub for_edits: bool,
    /// `serve --translator`: changed blocks carry their source's text.
    pub translator: bool,
    /// `--pseudo`: the pseudo-locale is built too, as if `locales` listed it.
    pub pseudo: bool,
}

/// Reads and checks the site at `root`, restricted to the `only` locales when given,
/// without drafts; `None` when it cannot even be read (no or broken folio.toml).
pub fn load(root: &Path, only: &[String], diagnostics: &Diagnostics) -> Option<Loaded> {
    let select = Select {
        locales: only.to_vec(),
        ..Select::default()
    };
    load_selected(root, &select, diagnostics)
}

/// [`load`], with the pages that `select` asks for.
pub fn load_selected(root: &Path, select: &Select, diagnostics: &Diagnostics) -> Option<Loaded> {
    let mut only = select.locales.clone();
    let config_file = load::config(root, diagnostics)?;
    let mut config = config::parse(&config_file, diagnostics)?;
    if select.pseudo && !config.locales.iter().any(|l| pseudo::is_pseudo(l)) {
        config.locales.push(pseudo::LOCALE.to_string());
    }
    let sources = load::site(root, &config.theme, diagnostics);
    check_locale_folders(&config_file.text, &config.locales, &sources, diagnostics);
    // Messages keep every locale: fallback chains end at the source locale.
    let message_files = sources
        .messages
        .iter()
        .filter_map(|f| parse::messages::parse(f, diagnostics))
        .collect();
    let theme_messages = sources
        .theme
        .messages
        .iter()
        .filter_map(|f| parse::messages::parse(f, diagnostics))
        .collect();
    let messages = Messages::build(&config, message_files, theme_messages, diagnostics);

    if !only.is_empty() {
        for locale in only.iter().filter(|l| !config.locales.contains(l)) {
            diagnostics.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    config::key_pos(&config_file.text, "locales"),
                    format!("--locale {locale}: not a configured locale"),
                )
                .with_hint(format!("configured locales: {}", config.locales.join(", "))),
            );
        }
        // The pseudo-locale is made from the source locale's pages: asking for it alone
        // builds those too.
        if only.iter().any(|l| pseudo::is_pseudo(l)) && !only.contains(&config.source_locale) {
            only.push(config.source_locale.clone());
        }
        config.locales.retain(|l| only.contains(l));
    }

    // Each page is read, parsed and its text dropped in one step: a large site's
    // sources and its model never sit in memory together.
    let readahead = load::Readahead::start(&sources.pages);
    let read: Vec<Option<(Page, Option<Included>)>> = sources
        .pages
        .par_iter()
        .map(|found| {
            let (mut page, included) = guard(&found.shown, "reading", diagnostics, || {
                inject_test_panic(&found.shown);
                read_page(
                    root,
                    &found.path,
                    Some(&config.source_locale),
                    config.heading_ids,
                    diagnostics,
                )
            })??;
            if !config.locales.contains(&page.locale) {
                return None;
            }
            prepare(&mut page, &config.markdown, diagnostics);
            // Here, not once all are loaded: the room it frees takes the next pages.
            page.shrink_to_fit();
            Some((page, included))
        })
        .collect();
    drop(readahead);
    let mut includes = Includes::default();
    let mut pages: Vec<Page> = Vec::with_capacity(read.len());
    for (page, included) in read.into_iter().flatten() {
        includes.set(&page.source, included);
        pages.push(page);
    }
    parse::foreign_keys::report(
        pages.iter().flat_map(|p| {
            (p.front.ignored.iter()).map(|(key, pos)| (p.source.as_str(), key.as_str(), *pos))
        }),
        diagnostics,
    );
    let mut unparsed = unparsed_pages(&sources.pages, &pages);
    let drafts = if select.drafts {
        Vec::new()
    } else {
        set_drafts_aside(&mut pages, &config.locales, &config.source_locale)
    };
    // A draft's file is neither unparsed nor missing: links to it are warned about.
    unparsed.retain(|p| {
        !drafts
            .iter()
            .any(|(l, d)| p.split_once('/') == Some((l, d)))
    });
    highlight::check_languages(&pages, diagnostics);
    let included: std::collections::BTreeSet<&str> = includes.files().into_iter().collect();
    let outlines = super::outlines::outlines(
        &sources.outlines,
        &sources.pages,
        &included,
        &config,
        diagnostics,
    );
    give_titles(&mut pages, &outlines, diagnostics);
    // A file that chapters include and the outline does not list is a shared fragment,
    // not a page of its own (mdBook builds only what SUMMARY.md lists).
    pages.retain(|p| {
        !included.contains(p.source.as_str())
            || outlines
                .get(&p.locale)
                .is_none_or(|o| super::outlines::listed(o).contains(p.path.as_str()))
    });
    settle_readme_urls(&mut pages);
    check_unique_urls(&pages, diagnostics);
    crate::l10n::anchors::alias_source_ids(&mut pages, &config.source_locale);
    let targets = Targets::new(&pages, &unparsed, published_assets(&sources.assets))
        .with_fallbacks(&config.locales, &config.source_locale)
        .with_base_url(&config.base_url)
        .with_drafts(&drafts)
        .with_homes(super::outlines::homes(&outlines));
    resolve(&mut pages, &targets, diagnostics);
    if !drafts.is_empty() {
        unlink_drafts(&mut pages, &drafts);
    }
    mark_outdated(root, &mut pages, &config.source_locale);
    super::changed::mark_changes(
        root,
        &mut pages,
        &config.source_locale,
        select.translator,
        |_| true,
    );
    let mut fallbacks = fallback_pages(&pages, &config.locales, &config.source_locale);
    // The pseudo-locale has no pages of its own: each is its source page, rewritten.
    for page in fallbacks
        .iter_mut()
        .filter(|p| pseudo::is_pseudo(&p.locale))
    {
        pseudo_in_place(page);
    }
    pages.extend(fallbacks);
    check_aliases(&pages, diagnostics);

    // Only the top folder's `_outcomes.toml` is shared; one elsewhere is read as a tree
    // and reported as such, never ignored.
    let (shared_files, tree_files): (Vec<_>, Vec<_>) = sources
        .trees
        .iter()
        .partition(|f| f.path == parse::outcomes::SHARED_FILE);
    // Without the file, no shared outcomes; unreadable, `None` (reported).
    let shared: Option<Vec<_>> = match shared_files.first() {
        Some(file) => parse::outcomes::parse_shared(file, diagnostics),
        None => Some(Vec::new()),
    };
    let trees: Vec<DecisionTree> = tree_files
        .iter()
        .filter_map(|f| parse::decision_tree::parse(f, shared.as_deref(), diagnostics))
        .collect();
    if let Some(shared) = &shared {
        parse::outcomes::check_shared_unused(shared, &trees, diagnostics);
    }
    check_tree_embeds(&pages, &trees, diagnostics);
    check_tree_links(
        &trees,
        &targets,
        &config.locales,
        &config.source_locale,
        diagnostics,
    );
    for tree in &trees {
        let uses: Vec<_> = tree
            .message_uses()
            .into_iter()
            .map(|(id, pos)| (id, tree.source.clone(), pos))
            .collect();
        messages.check_required(&uses, diagnostics);
    }
    // An outcome's label is checked once, where it is declared.
    let mut labels: Vec<(String, String, Pos)> = trees
        .iter()
        .flat_map(|t| t.outcomes())
        // The built-in outcomes' labels are the theme's, checked with its strings.
        .filter(|o| o.source != parse::outcomes::BUILT_IN_SOURCE)
        .map(|o| (o.label.clone(), o.source.clone(), o.pos))
        .collect();
    labels.sort_by(|a, b| (&a.1, a.2.line, &a.0).cmp(&(&b.1, b.2.line, &b.0)));
    labels.dedup();
    messages.check_required(&labels, diagnostics);

    let published = |path: &str| {
        config
            .locales
            .iter()
            .any(|l| path.starts_with(&format!("content/{l}/")))
    };
    let assets = sources
        .assets
        .into_iter()
        .filter(|a| published(&a.path) && !is_category_file(&a.path, diagnostics))
        .collect();
    Some(Loaded {
        site: Site::with_outlines(config, pages, trees, outlines),
        messages,
        theme: sources.theme,
        assets,
        includes,
        targets: select.for_edits.then_some(targets),
        translator: select.translator,
    })
}

/// Tests make the page named by FOLIO_TEST_PANIC panic while it is read, to check that
/// a bug in one page's pipeline is reported, not fatal. Debug builds only.
fn inject_test_panic(shown: &str) {
    if cfg!(debug_assertions) && std::env::var("FOLIO_TEST_PANIC").is_ok_and(|p| p == shown) {
        panic!("injected by FOLIO_TEST_PANIC");
    }
}

/// What every parsed page goes through before resolution: its language's typography.
/// (Its code blocks' languages are checked with the other pages', once per language.)
pub fn prepare(page: &mut Page, markdown: &MarkdownConfig, diagnostics: &Diagnostics) {
    crate::raw_html::apply(page, markdown.raw_html_for(&page.locale), diagnostics);
    let lang = page.locale.clone();
    apply_typography(page, &lang);
}

/// Translations whose source changed since their last `folio l10n sync`.
fn mark_outdated(root: &Path, pages: &mut [Page], source_locale: &str) {
    let hashes: std::collections::HashMap<String, String> = pages
        .iter()
        .filter(|p| p.locale == source_locale)
        .map(|p| (p.path.clone(), p.body_hash.clone()))
        .collect();
    for page in pages.iter_mut().filter(|p| p.locale != source_locale) {
        if let (Some(record), Some(hash)) = (&page.front.l10n, hashes.get(&page.path)) {
            page.outdated = is_outdated(root, source_locale, &page.path, record, hash);
        }
    }
}

/// Whether the translation at `path` (below the locale folder) lags its source, whose
/// body hashes to `source_hash`: a record with block fingerprints is behind only when
/// a block changed, appeared or went (moved or re-wrapped blocks leave it current, as
/// `l10n status` says); the source is read again only for those few.
pub fn is_outdated(
    root: &Path,
    source_locale: &str,
    path: &str,
    record: &crate::model::L10nRecord,
    source_hash: &str,
) -> bool {
    if record.source_hash == source_hash {
        return false;
    }
    if record.blocks.is_empty() {
        return true;
    }
    let scratch = Diagnostics::new();
    let file = root.join("content").join(source_locale).join(path);
    let Some(source) = load::page(root, &file, &scratch) else {
        return true;
    };
    let Some(split) = parse::front_matter::parse(&source.file, &scratch) else {
        return true;
    };
    !crate::l10n::pages::is_current(record, split.body)
}

/// A source page that a locale has not translated is still published in that locale,
/// with the source's content (marked with its language) and links that stay in the
/// reader's locale.
fn fallback_pages(pages: &[Page], locales: &[String], source_locale: &str) -> Vec<Page> {
    let existing: HashSet<(&str, &str)> = pages
        .iter()
        .map(|p| (p.locale.as_str(), p.path.as_str()))
        .collect();
    let mut fallbacks = Vec::new();
    for locale in locales.iter().filter(|l| *l != source_locale) {
        for source in pages.iter().filter(|p| p.locale == source_locale) {
            if existing.contains(&(locale.as_str(), source.path.as_str())) {
                continue;
            }
            fallbacks.push(fallback_page(source, locale));
        }
    }
    fallbacks
}

/// `source` (a page of the source locale) in the pseudo-locale.
pub fn pseudo_page(source: &Page) -> Page {
    let mut page = fallback_page(source, pseudo::LOCALE);
    pseudo_in_place(&mut page);
    page
}

/// A fallback copy made into the pseudo-locale's own page: not marked as another
/// language's text, since it is this locale's.
fn pseudo_in_place(page: &mut Page) {
    page.fallback = None;
    pseudo::page(page);
}

/// `source` (a page of the source locale) shown in `locale`, which lacks it.
pub fn fallback_page(source: &Page, locale: &str) -> Page {
    let mut page = source.clone();
    page.locale = locale.to_string();
    page.url = parse::page::url(locale, &page.path, page.front.slug.as_deref());
    page.fallback = Some(source.locale.clone());
    retarget_links(&mut page.blocks, &source.locale, locale);
    for note in &mut page.footnotes {
        retarget_links(&mut note.blocks, &source.locale, locale);
    }
    page
}

/// Links to pages of `from` now point to the same pages in `to`.
fn retarget_links(blocks: &mut [crate::model::Block], from: &str, to: &str) {
    crate::resolve::visit_blocks(blocks, &mut |href, _| {
        if let crate::model::Href::Page { locale, .. } = href
            && locale == from
        {
            *locale = to.into();
        }
    });
}

/// `<locale>/<path>` of content files that are not pages: links may point to them.
pub fn published_assets(assets: &[BinaryFile]) -> Vec<String> {
    assets
        .iter()
        .filter_map(|a| a.path.strip_prefix("content/").map(str::to_string))
        .collect()
}

/// Page files that exist but did not parse: links to them are not reported again.
fn unparsed_pages(found: &[load::PagePath], pages: &[Page]) -> Vec<String> {
    let parsed: HashSet<&str> = pages.iter().map(|p| p.source.as_str()).collect();
    found
        .iter()
        .map(|p| &p.shown)
        .filter(|path| !parsed.contains(path.as_str()))
        .filter_map(|path| path.strip_prefix("content/"))
        .map(str::to_string)
        .collect()
}

fn check_locale_folders(
    config_text: &str,
    locales: &[String],
    sources: &load::SiteSources,
    diagnostics: &Diagnostics,
) {
    let pos = config::key_pos(config_text, "locales");
    // The pseudo-locale is made from the source locale, never from files of its own.
    for locale in locales.iter().filter(|l| !pseudo::is_pseudo(l)) {
        if !sources.content_locales.contains(locale) {
            diagnostics.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    pos,
                    format!("locale `{locale}` has no content/{locale}/ folder"),
                )
                .with_hint(format!(
                    "create content/{locale}/ with its pages, or remove \"{locale}\" from `locales`"
                )),
            );
        }
        // The theme's own strings count: a locale the theme speaks needs no file.
        let has_messages = sources
            .messages
            .iter()
            .chain(&sources.theme.messages)
            .any(|m| m.path.contains(&format!("locales/{locale}/")));
        if !has_messages {
            diagnostics.push(
                Diagnostic::warning(CONFIG_FILE, pos, format!("locale `{locale}` has no locales/{locale}/*.ftl files; its interface falls back"))
                    .with_hint(format!("create locales/{locale}/ui.ftl with the interface strings")),
            );
        }
    }
    for found in &sources.content_locales {
        if !locales.contains(found) {
            diagnostics.push(
                Diagnostic::warning(
                    format!("content/{found}"),
                    Pos { line: 1, column: 1 },
                    format!("content/{found}/ is not a configured locale and is skipped"),
                )
                .with_hint(format!(
                    "add \"{found}\" to `locales` in folio.toml to publish it"
                )),
            );
        }
    }
}

/// Docusaurus's `_category_.json` (or `.yml`) orders and names a folder in its sidebar:
/// Folio does not read it, says so, and does not publish it.
fn is_category_file(path: &str, diagnostics: &Diagnostics) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let is_category = matches!(
        name,
        "_category_.json" | "_category_.yml" | "_category_.yaml"
    );
    if is_category {
        diagnostics.push(
            Diagnostic::warning(path, Pos { line: 1, column: 1 }, "Docusaurus's category file is not read, nor published")
                .with_hint("give the folder an `index.md` with its `title` and `weight`: the section's page, its name and place in the navigation"),
        );
    }
    is_category
}

/// Takes the pages marked `draft` out of the site. Returns `(locale, path)` of each,
/// and of the fallback each locale without a translation would have shown.
fn set_drafts_aside(
    pages: &mut Vec<Page>,
    locales: &[String],
    source_locale: &str,
) -> Vec<(String, String)> {
    let mut drafts: Vec<(String, String)> = Vec::new();
    pages.retain(|page| {
        if page.front.draft {
            drafts.push((page.locale.clone(), page.path.clone()));
        }
        !page.front.draft
    });
    let kept: HashSet<(&str, &str)> = pages
        .iter()
        .map(|p| (p.locale.as_str(), p.path.as_str()))
        .collect();
    let mut fallbacks = Vec::new();
    for (_, path) in drafts.iter().filter(|(l, _)| l == source_locale) {
        for locale in locales.iter().filter(|l| *l != source_locale) {
            if !kept.contains(&(locale.as_str(), path.as_str())) {
                fallbacks.push((locale.clone(), path.clone()));
            }
        }
    }
    drafts.extend(fallbacks);
    drafts.sort();
    drafts.dedup();
    drafts
}

/// Links to drafts (already warned about) become their text: the page is not there.
fn unlink_drafts(pages: &mut [Page], drafts: &[(String, String)]) {
    let drafts: HashSet<(&str, &str)> = drafts
        .iter()
        .map(|(l, p)| (l.as_str(), p.as_str()))
        .collect();
    let gone = |locale: &str, path: &str| drafts.contains(&(locale, path));
    pages
        .par_iter_mut()
        .for_each(|page| crate::resolve::unlink(page, &gone));
}

/// Each alias is a redirect file of its own: it must not take the place of a page,
/// another alias or a locale's 404 page, and must stay in its locale. Fallbacks get
/// none (their locale never had the page at another address).
fn check_aliases(pages: &[Page], diagnostics: &Diagnostics) {
    if pages.iter().all(|p| p.front.aliases.is_empty()) {
        return;
    }
    let mut taken: std::collections::HashMap<String, String> = pages
        .iter()
        .map(|p| (format!("{}index.html", p.url), format!("page {}", p.source)))
        .collect();
    for page in pages {
        taken.insert(
            format!("{}/404.html", page.locale),
            "the 404 page".to_string(),
        );
    }
    // A fallback has no former addresses in its locale: only translations have aliases.
    for page in pages.iter().filter(|p| p.fallback.is_none()) {
        for file in page.alias_files() {
            let problem = match file {
                Err(alias) => Some((
                    format!("alias `{alias}` is not a path of content/{}/", page.locale),
                    "write a path from the locale's root (`/old/path/`) or beside the page (`old.html`), with no `..` above the root".to_string(),
                )),
                Ok(file) => match taken.get(&file) {
                    Some(owner) => Some((
                        format!("alias publishes /{file}, which is {owner}'s"),
                        "remove the alias, or move what it collides with".to_string(),
                    )),
                    None => {
                        taken.insert(file, format!("an alias of {}", page.source));
                        None
                    }
                },
            };
            if let Some((message, hint)) = problem {
                diagnostics.push(
                    Diagnostic::error(&page.source, page.front.aliases_pos, message)
                        .with_hint(hint),
                );
            }
        }
    }
}

/// A page with no title of its own takes its outline entry's words, as mdBook names a
/// chapter by its SUMMARY.md link. A page the outline does not list (mdBook would not
/// build it; Folio publishes it last, with a warning already) is named after its file.
/// Without an outline, a page without a title is an error.
fn give_titles(
    pages: &mut [Page],
    outlines: &std::collections::BTreeMap<String, crate::model::Outline>,
    diagnostics: &Diagnostics,
) {
    for page in pages.iter_mut().filter(|p| p.front.title.trim().is_empty()) {
        let Some(outline) = outlines.get(&page.locale) else {
            diagnostics.push(parse::page::untitled(&page.source));
            continue;
        };
        let listed = (outline.chapters()).find(|c| c.path.as_deref() == Some(page.path.as_str()));
        page.front.title = match listed {
            Some(chapter) => chapter.title.clone(),
            None => file_title(&page.path),
        };
    }
}

/// `ffi/README.md` gives `ffi`; `install-notes.md` gives `install-notes`.
fn file_title(path: &str) -> String {
    let stem = path.strip_suffix(".md").unwrap_or(path);
    let mut parts = stem.rsplit('/');
    match parts.next() {
        Some("README" | "index" | "_index") => parts.next().unwrap_or(stem).to_string(),
        Some(name) => name.to_string(),
        None => stem.to_string(),
    }
}

/// A `README.md` is its folder's index page unless the folder has one already (an
/// `index.md`, `_index.md`, or a `folder.md` beside it): then, as in mdBook, it is a
/// page of its own, `folder/README/`.
fn settle_readme_urls(pages: &mut [Page]) {
    let taken: HashSet<String> = pages
        .iter()
        .filter(|p| !is_readme(p))
        .map(|p| p.url.clone())
        .collect();
    for page in pages.iter_mut().filter(|p| is_readme(p)) {
        if page.front.slug.is_none() && taken.contains(&page.url) {
            page.url = format!("{}README/", page.url);
        }
    }
}

fn is_readme(page: &Page) -> bool {
    page.path == "README.md" || page.path.ends_with("/README.md")
}

fn check_unique_urls(pages: &[Page], diagnostics: &Diagnostics) {
    let mut seen: std::collections::HashMap<&str, &Page> = std::collections::HashMap::new();
    for page in pages {
        if let Some(first) = seen.insert(&page.url, page) {
            diagnostics.push(
                Diagnostic::error(
                    &page.source,
                    Pos { line: 1, column: 1 },
                    format!(
                        "this page and {} both publish to /{}",
                        first.source, page.url
                    ),
                )
                .with_hint("give one of them another `slug`"),
            );
        }
    }
}
