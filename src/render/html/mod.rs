//! The website: every page of every locale through the theme's tera templates, plus
//! the language chooser, 404 pages, the sitemap and static assets.
//!
//! Pages render in parallel; each gets a context of plain values (strings, lists) so
//! templates never see the model's internals.

mod body;
mod changes;
mod csp;
mod index_page;
mod links;
mod navigation;
mod redirect;
mod sitemap;
mod splice;
mod templates;
mod tree;

pub use body::LABEL_IDS;
pub use links::{UrlMap, relative};
pub use navigation::showing_titles;
pub use tree::UI_IDS;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics, guard};
use crate::highlight;
use crate::locale::{Messages, Texts};
use crate::model::{BinaryFile, Page, Pos, Site, Theme};
use crate::output::Sink;

use body::Labels;
use navigation::{Entry, Navigation};
use templates::Templates;
use tree::TreeRenderer;

/// Which pages to render.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Every page, with the language chooser, 404 pages, sitemap and static files.
    Site,
    /// Only these pages (indexes in `site.pages`), as `serve` does after an edit that
    /// changed nothing other pages show.
    Pages(&'a [usize]),
    /// After an edit that changed the titles of `retitled` (and nothing else that
    /// other pages show): `pages` (those edited and those that show the titles, see
    /// [`showing_titles`]), and the files of their locales that list titles (the
    /// shared sidebar, the index of terms, the retitled pages' redirects).
    Retitled {
        pages: &'a [usize],
        retitled: &'a [usize],
    },
}

/// The body of `page` alone, as the page template would hold it, with `labels` for
/// the interface strings the body shows (callout titles, anchors' names): what the
/// CommonMark conformance test compares with the specification's own HTML.
pub fn body_alone(
    site: &Site,
    page: &Page,
    messages: &Messages,
    labels: &BTreeMap<String, String>,
) -> String {
    let urls = UrlMap::new(site);
    let trees = TreeRenderer {
        site,
        messages,
        urls: &urls,
    };
    // A label not given is shown as its id.
    let mut table = labels.clone();
    for id in LABEL_IDS {
        table
            .entry(id.to_string())
            .or_insert_with(|| id.to_string());
    }
    let labels = Labels::from_table(&table).expect("every label id is in the table");
    body::render(page, &urls, &labels, &trees)
}

/// Renders the site (or part of it, see `Scope`); problems go to `diagnostics` and
/// the output is partial then. `pdf_files` maps each locale to its guide's path in the
/// output, for download links.
#[allow(clippy::too_many_arguments)]
pub fn render(
    site: &Site,
    messages: &Messages,
    theme: &Theme,
    assets: &[BinaryFile],
    pdf_files: &BTreeMap<String, String>,
    diagnostics: &Diagnostics,
    sink: &dyn Sink,
    scope: Scope,
) {
    let templates = match Templates::compile(theme) {
        Ok(t) => t,
        Err(problems) => {
            diagnostics.extend(problems);
            return;
        }
    };
    let urls = UrlMap::new(site);
    let locales: Vec<LocaleView> = site
        .config
        .locales
        .iter()
        .map(|l| LocaleView::new(l, messages, site))
        .collect();
    let Some(locales) = labels_for(locales, messages, diagnostics) else {
        return;
    };
    if theme.templates.iter().any(|t| t.text.contains("csp")) {
        // After an edit, only the edited pages can have brought new images.
        match scope {
            Scope::Site => csp::check_images(site, site.pages.iter(), diagnostics),
            Scope::Pages(only) | Scope::Retitled { pages: only, .. } => {
                let pages = only.iter().filter_map(|&i| site.pages.get(i));
                csp::check_images(site, pages, diagnostics)
            }
        }
    }
    if locales.is_empty() {
        return;
    }
    if !site.trees.is_empty() && !check_tree_strings(site, messages, diagnostics) {
        return;
    }
    let trees = TreeRenderer {
        site,
        messages,
        urls: &urls,
    };
    let index_urls = index_urls(site, &locales, diagnostics);
    let renderer = Renderer {
        site,
        index_urls: &index_urls,
        navigation: site
            .config
            .locales
            .iter()
            .map(|l| (l.clone(), Navigation::new(site, l)))
            .collect(),
        pdf_files,
        trees: &trees,
        urls: &urls,
        templates: &templates,
        locales: &locales,
    };

    // Each page goes to the sink as soon as it is rendered: on disk, a big site is
    // written while it renders and never sits in memory whole.
    let put_page = |page: &Page| match guard(&page.source, "rendering", diagnostics, || {
        renderer.page(page)
    }) {
        Some(Ok(html)) => sink.put(format!("{}index.html", page.url), html.into_bytes()),
        Some(Err(d)) => diagnostics.push(d),
        None => {}
    };
    match scope {
        Scope::Site => {}
        Scope::Pages(only) => {
            only.par_iter()
                .filter_map(|&i| site.pages.get(i))
                .for_each(put_page);
            return;
        }
        Scope::Retitled { pages, retitled } => {
            pages
                .par_iter()
                .filter_map(|&i| site.pages.get(i))
                .for_each(put_page);
            renderer.put_title_lists(retitled, sink, diagnostics);
            return;
        }
    }
    site.pages.par_iter().for_each(put_page);
    // Former addresses (Hugo's `aliases`) of the pages; fallbacks have none.
    for page in site.pages.iter().filter(|p| p.fallback.is_none()) {
        for (path, html) in redirect::pages(page, &urls) {
            sink.put(path, html.into_bytes());
        }
    }
    for navigation in renderer.navigation.values() {
        if let Some((path, json)) = navigation.shared_file(&urls) {
            sink.put(path, json);
        }
    }
    for (path, result) in renderer.extra_pages() {
        match result {
            Ok(html) => sink.put(path, html.into_bytes()),
            Err(d) => diagnostics.push(d),
        }
    }
    for (path, text) in sitemap::render(site, &urls, &index_urls) {
        sink.put(path, text.into());
    }
    sink.put(
        "static/highlight.css".into(),
        highlight::stylesheet().into(),
    );
    for file in &theme.static_files {
        sink.put(format!("static/{}", file.path), file.bytes.clone());
    }
    for asset in assets {
        // content/<locale>/x.png is published as <locale>/x.png, beside its pages.
        let path = asset.path.strip_prefix("content/").unwrap_or(&asset.path);
        sink.put(path.to_string(), asset.bytes.clone());
    }
}

/// One locale's strings and names, computed once for all its pages.
struct LocaleView {
    lang: String,
    dir: &'static str,
    table: BTreeMap<String, String>,
    labels: Option<Labels>,
    home: Option<String>,
    /// The values of `common` that do not depend on the page: cloning them is cheaper
    /// than serializing the strings table into every page's context again.
    constants: tera::Context,
}

impl LocaleView {
    fn new(lang: &str, messages: &Messages, site: &Site) -> Self {
        let table = messages
            .table(lang)
            .into_iter()
            .map(|(id, text)| (id, crate::locale::apply_typography_text(&text, lang)))
            .collect();
        let mut table: BTreeMap<String, String> = table;
        // A site that names itself nowhere in Fluent is called by its folio.toml title.
        table
            .entry("site-title".to_string())
            .or_insert_with(|| site.config.title.clone());
        table.extend(search_strings(&Texts::new(messages, lang)));
        let dir = if messages.is_rtl(lang) { "rtl" } else { "ltr" };
        let mut constants = tera::Context::new();
        constants.insert("lang", lang);
        constants.insert("dir", dir);
        constants.insert("t", &table);
        constants.insert("generator", concat!("Folio ", env!("CARGO_PKG_VERSION")));
        constants.insert("csp", &csp::policy(&site.config.html));
        LocaleView {
            lang: lang.to_string(),
            dir,
            table,
            constants,
            labels: None,
            // A locale without `index.md` starts at its first page, so the language
            // chooser and the brand link never lead nowhere.
            home: site
                .page(lang, "index.md")
                .or_else(|| site.pages_of(lang).next())
                .map(|p| p.url.clone()),
        }
    }

    fn name(&self) -> &str {
        self.table
            .get("language-name")
            .map_or(&self.lang, String::as_str)
    }
}

/// Where each locale's index page goes (`fr/index-termes/`), for the locales whose
/// pages mark terms; its `index-slug` string names it. A page of the site at that
/// address keeps it, and the index is left out with a warning.
fn index_urls(
    site: &Site,
    locales: &[LocaleView],
    diagnostics: &Diagnostics,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for locale in locales {
        let groups = crate::render::index::gather(site, &locale.lang);
        if groups.is_empty() {
            continue;
        }
        crate::render::index::check_readings(&locale.lang, &groups, diagnostics);
        let slug = locale.table.get("index-slug").map_or("index", |s| s.trim());
        let url = format!("{}/{}/", locale.lang, slug.trim_matches('/'));
        if let Some(page) = site.pages_of(&locale.lang).find(|p| p.url == url) {
            diagnostics.push(
                Diagnostic::warning(
                    &page.source,
                    Pos { line: 1, column: 1 },
                    format!("this page's address, {url}, is the index page's: the site has no index page in `{}`", locale.lang),
                )
                .with_hint("give the index another address with `index-slug = ...` in the locale's ui.ftl"),
            );
            continue;
        }
        out.insert(locale.lang.clone(), url);
    }
    out
}

/// The search box's messages with their variables left as `{count}` and `{query}`
/// for `search.js` to fill; the plural form comes in two variants, chosen in the
/// browser with `Intl.PluralRules`.
fn search_strings(text: &Texts) -> [(String, String); 3] {
    [
        (
            "search-results-one".to_string(),
            text.with_number("search-results", ("count", 1), ("query", "{query}")),
        ),
        (
            "search-results-other".to_string(),
            text.with_args("search-results", ("count", "{count}"), ("query", "{query}")),
        ),
        (
            "search-none".to_string(),
            text.with_arg("search-none", "query", "{query}"),
        ),
    ]
}

fn labels_for(
    mut locales: Vec<LocaleView>,
    messages: &Messages,
    diagnostics: &Diagnostics,
) -> Option<Vec<LocaleView>> {
    let mut ok = true;
    for locale in &mut locales {
        match Labels::from_table(&locale.table) {
            Ok(labels) => locale.labels = Some(labels),
            Err(missing) => {
                ok = false;
                for id in missing {
                    diagnostics.push(
                        Diagnostic::error(
                            format!("locales/{}/ui.ftl", messages.source_locale()),
                            Pos { line: 1, column: 1 },
                            format!("UI message `{id}` is defined in no locale"),
                        )
                        .with_hint(format!("add `{id} = ...`: Folio needs it to render pages")),
                    );
                }
            }
        }
    }
    ok.then_some(locales)
}

/// The widget's strings must exist (in some locale of the chain) once a site has trees.
fn check_tree_strings(site: &Site, messages: &Messages, diagnostics: &Diagnostics) -> bool {
    let missing: Vec<&str> = tree::UI_IDS
        .iter()
        .copied()
        .filter(|id| messages.get(&site.config.source_locale, id).is_none())
        .collect();
    for id in &missing {
        diagnostics.push(
            Diagnostic::error(
                format!("locales/{}/ui.ftl", site.config.source_locale),
                Pos { line: 1, column: 1 },
                format!("UI message `{id}` is defined in no locale"),
            )
            .with_hint(format!("add `{id} = ...`: decision trees need it")),
        );
    }
    missing.is_empty()
}

struct Renderer<'a> {
    site: &'a Site,
    /// Each locale's index page, for those whose pages mark terms.
    index_urls: &'a BTreeMap<String, String>,
    navigation: HashMap<String, Navigation<'a>>,
    pdf_files: &'a BTreeMap<String, String>,
    trees: &'a TreeRenderer<'a>,
    urls: &'a UrlMap<'a>,
    templates: &'a Templates,
    locales: &'a [LocaleView],
}

#[derive(Serialize)]
struct NavLink<'a> {
    title: &'a str,
    /// The title as HTML, its code and emphasis kept (`body::title_html`).
    title_html: String,
    href: String,
    current: bool,
    /// 1 for top-level pages and section indexes, 2 for a section's pages; with an
    /// outline, the chapter's depth.
    level: u8,
    /// `page`, or for an outline's entries that are no link: `part`, `draft`.
    kind: &'static str,
    /// False for an outline's prefix and suffix chapters.
    numbered: bool,
    /// The language of a part title or draft from an outline lent by another locale.
    lang: Option<&'a str>,
}

#[derive(Serialize)]
struct Translation {
    lang: String,
    name: String,
    href: String,
    current: bool,
    /// False when the page is not translated and the link leads to that locale's home.
    translated: bool,
    /// The ids the target page answers to, space-separated: the switcher's script keeps
    /// the reader's fragment when the target has it.
    anchors: String,
}

/// The ids a page answers to, for the language switcher: its headings' and their
/// aliases, and its notes' heading.
fn anchor_list(page: &Page) -> String {
    let mut ids = page.anchor_ids();
    if !page.footnotes.is_empty() {
        ids.push("footnotes-title");
    }
    ids.join(" ")
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    href: String,
}

#[derive(Serialize)]
struct TocItem<'a> {
    level: u8,
    id: &'a str,
    title: &'a str,
}

impl Renderer<'_> {
    /// Pages only exist in rendered locales; a build restricted with `--locale` may
    /// leave out the source locale, and the root pages then use the first one.
    fn locale(&self, lang: &str) -> &LocaleView {
        self.locales
            .iter()
            .find(|l| l.lang == lang)
            .unwrap_or(&self.locales[0])
    }

    fn page(&self, page: &Page) -> Result<String, Diagnostic> {
        let locale = self.locale(&page.locale);
        let labels = locale.labels.as_ref().expect("labels checked");
        let content = body::render(page, self.urls, labels, self.trees);
        let mut context = self.common(locale, &page.url);
        context.insert("title", &page.front.title);
        context.insert("title_html", &body::title_html(page, &page.front.title));
        context.insert("title_id", &page.title_id);
        context.insert("description", &page.front.description);
        context.insert("is_home", &(page.url.len() == page.locale.len() + 1));
        context.insert("is_index", &(page.path == index_page::PATH));
        context.insert(
            "has_tree",
            &page
                .blocks
                .iter()
                .any(|b| matches!(b, crate::model::Block::DecisionTree { .. })),
        );
        let toc: Vec<TocItem> = page
            .toc
            .iter()
            .map(|t| TocItem {
                level: t.level,
                id: &t.id,
                title: &t.title,
            })
            .collect();
        context.insert("toc", &toc);
        let navigation = self.navigation.get(&page.locale);
        let nav: Vec<NavLink> = navigation
            .map(|n| n.entries(page))
            .unwrap_or_default()
            .into_iter()
            .map(|shown| match shown.entry {
                Entry::Page(p, title) => NavLink {
                    level: shown.level,
                    title,
                    title_html: body::title_html(p, title),
                    numbered: shown.numbered,
                    ..self.nav_link(page, p)
                },
                Entry::Part(title) | Entry::Draft(title) => NavLink {
                    title,
                    title_html: String::new(),
                    href: String::new(),
                    current: false,
                    level: shown.level,
                    kind: if matches!(shown.entry, Entry::Part(_)) {
                        "part"
                    } else {
                        "draft"
                    },
                    numbered: shown.numbered,
                    lang: navigation.and_then(Navigation::outline_lang),
                },
            })
            .collect();
        context.insert("nav", &nav);
        let shared = navigation
            .and_then(Navigation::shared)
            .map(|file| relative(&page.url, &file));
        context.insert("nav_shared", &shared);
        let group = navigation.map_or(page.section(), |n| n.group_of(page));
        context.insert("nav_section", group.unwrap_or(""));
        let (previous, next) = navigation.map_or((None, None), |n| n.neighbours(page, self.site));
        // Previous and next say what the sidebar says.
        let previous = previous.map(|p| self.pager_link(page, p, navigation));
        let next = next.map(|p| self.pager_link(page, p, navigation));
        context.insert("previous", &previous);
        context.insert("next", &next);
        context.insert("translations", &self.translations(page));
        let (alternates, x_default) = self.alternates(page);
        context.insert("alternates", &alternates);
        context.insert("x_default", &x_default);
        let source = self
            .site
            .page(&self.site.config.source_locale, &page.path)
            .filter(|_| page.fallback.is_some() || page.outdated);
        // A fallback's canonical page is the original it shows.
        let canonical = match (&page.fallback, source) {
            (Some(_), Some(original)) => &original.url,
            _ => &page.url,
        };
        context.insert("canonical", &self.urls.absolute(canonical));
        context.insert("content_lang", page.content_lang());
        context.insert("fallback", &page.fallback.is_some());
        context.insert("outdated", &page.outdated);
        context.insert("changed_sections", &changes::sections(page));
        context.insert(
            "changed_blocks",
            &changes::count(page, &Texts::new(self.trees.messages, &page.locale)),
        );
        // `serve --translator`: the script that lets Escape hide a source text.
        context.insert(
            "l10n_sources",
            &page.changed_blocks.iter().any(|b| !b.sources.is_empty()),
        );
        context.insert(
            "source_href",
            &source.map(|s| self.urls.to_folder(&page.url, &s.url)),
        );
        (self.templates).render_with_body("page.html", &mut context, &content)
    }

    /// Values every template gets: language, direction, strings, paths to shared files.
    fn common(&self, locale: &LocaleView, from: &str) -> tera::Context {
        let mut context = locale.constants.clone();
        context.insert("root", &relative(from, ""));
        context.insert("static", &relative(from, "static/"));
        let home = locale.home.as_deref().map(|h| self.urls.to_folder(from, h));
        context.insert("home", &home);
        context.insert("languages_href", &self.urls.to_folder(from, ""));
        let pdf = self
            .pdf_files
            .get(&locale.lang)
            .map(|file| relative(from, file));
        context.insert("pdf_href", &pdf);
        let index = self.index_urls.get(&locale.lang);
        context.insert("index_href", &index.map(|u| self.urls.to_folder(from, u)));
        context
    }

    /// A locale's index page, if its pages mark terms.
    fn index_page(&self, locale: &LocaleView) -> Option<(String, Result<String, Diagnostic>)> {
        let url = self.index_urls.get(&locale.lang)?;
        let groups = crate::render::index::gather(self.site, &locale.lang);
        let text = |id: &str| locale.table.get(id).cloned().unwrap_or_default();
        let page = index_page::page(
            &locale.lang,
            url,
            &text("index-title"),
            &text("index-lead"),
            &groups,
        );
        Some((format!("{url}index.html"), self.page(&page)))
    }

    fn nav_link<'p>(&self, from: &Page, to: &'p Page) -> NavLink<'p> {
        NavLink {
            title: to.front.nav_title(),
            title_html: body::title_html(to, to.front.nav_title()),
            href: self.urls.to_folder(&from.url, &to.url),
            current: from.path == to.path,
            level: 1,
            kind: "page",
            numbered: true,
            lang: None,
        }
    }

    fn pager_link<'p>(
        &self,
        from: &Page,
        to: &'p Page,
        navigation: Option<&'p Navigation<'_>>,
    ) -> NavLink<'p> {
        let title = navigation.map_or(to.front.nav_title(), |n| n.title_of(to));
        NavLink {
            title,
            title_html: body::title_html(to, title),
            ..self.nav_link(from, to)
        }
    }

    fn translations(&self, page: &Page) -> Vec<Translation> {
        self.locales
            .iter()
            .map(|locale| {
                let target = self.site.page(&locale.lang, &page.path);
                // The index page's translations are the other locales' index pages.
                let index = (page.path == index_page::PATH)
                    .then(|| self.index_urls.get(&locale.lang))
                    .flatten();
                let url = target
                    .map(|p| p.url.as_str())
                    .or(index.map(String::as_str))
                    .or(locale.home.as_deref())
                    .unwrap_or("");
                Translation {
                    lang: locale.lang.clone(),
                    name: locale.name().to_string(),
                    href: self.urls.to_folder(&page.url, url),
                    current: locale.lang == page.locale,
                    translated: target.is_some() || index.is_some(),
                    anchors: target.map(anchor_list).unwrap_or_default(),
                }
            })
            .collect()
    }

    /// hreflang links to every translation (the page itself included), and x-default
    /// to the source locale's version.
    fn alternates(&self, page: &Page) -> (Vec<Alternate>, Option<String>) {
        if page.path == index_page::PATH {
            let alternates = (self.index_urls.iter())
                .filter(|(lang, _)| !crate::locale::pseudo::is_pseudo(lang))
                .map(|(lang, url)| Alternate {
                    lang: lang.clone(),
                    href: self.urls.absolute(url),
                })
                .collect();
            let source = self.index_urls.get(&self.site.config.source_locale);
            return (alternates, source.map(|url| self.urls.absolute(url)));
        }
        let alternates = self
            .locales
            .iter()
            .filter_map(|l| self.site.page(&l.lang, &page.path))
            // A fallback shows another locale's text: it is not a translation; nor is
            // the pseudo-locale's, a development tool that search engines need not know.
            .filter(|p| p.fallback.is_none() && !crate::locale::pseudo::is_pseudo(&p.locale))
            .map(|p| Alternate {
                lang: p.locale.clone(),
                href: self.urls.absolute(&p.url),
            })
            .collect();
        let x_default = self
            .site
            .page(&self.site.config.source_locale, &page.path)
            .map(|p| self.urls.absolute(&p.url));
        (alternates, x_default)
    }

    /// What lists the titles of `retitled` besides pages: their redirects, and their
    /// locales' shared sidebars and indexes of terms.
    fn put_title_lists(&self, retitled: &[usize], sink: &dyn Sink, diagnostics: &Diagnostics) {
        let pages: Vec<&Page> = (retitled.iter())
            .filter_map(|&i| self.site.pages.get(i))
            .collect();
        for page in pages.iter().filter(|p| p.fallback.is_none()) {
            for (path, html) in redirect::pages(page, self.urls) {
                sink.put(path, html.into_bytes());
            }
        }
        for locale in self.locales {
            if !pages.iter().any(|p| p.locale == locale.lang) {
                continue;
            }
            let shared = (self.navigation.get(&locale.lang))
                .and_then(|navigation| navigation.shared_file(self.urls));
            if let Some((path, json)) = shared {
                sink.put(path, json);
            }
            match self.index_page(locale) {
                Some((path, Ok(html))) => sink.put(path, html.into_bytes()),
                Some((_, Err(d))) => diagnostics.push(d),
                None => {}
            }
        }
    }

    /// The language chooser at the root and a 404 page per locale (plus one at the root).
    fn extra_pages(&self) -> Vec<(String, Result<String, Diagnostic>)> {
        let source = self.locale(&self.site.config.source_locale);
        let mut pages = vec![
            ("index.html".to_string(), self.chooser(source)),
            ("404.html".to_string(), self.not_found(source, true)),
        ];
        for locale in self.locales {
            pages.push((
                format!("{}/404.html", locale.lang),
                self.not_found(locale, false),
            ));
            pages.extend(self.index_page(locale));
        }
        pages
    }

    fn chooser(&self, source: &LocaleView) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Choice<'a> {
            lang: &'a str,
            dir: &'a str,
            name: &'a str,
            title: Option<&'a String>,
            prompt: Option<&'a String>,
            description: Option<&'a String>,
            href: String,
        }
        let choices: Vec<Choice> = self
            .locales
            .iter()
            .map(|l| Choice {
                lang: &l.lang,
                dir: l.dir,
                name: l.name(),
                title: l.table.get("site-title"),
                prompt: l.table.get("chooser-prompt"),
                description: l.table.get("site-description"),
                href: self
                    .urls
                    .to_folder("", l.home.as_deref().unwrap_or(&format!("{}/", l.lang))),
            })
            .collect();
        let mut context = self.common(source, "");
        context.insert("title", &self.site.config.title);
        context.insert("choices", &choices);
        context.insert("canonical", &self.urls.absolute(""));
        let alternates: Vec<Alternate> = self
            .locales
            .iter()
            .filter(|l| !crate::locale::pseudo::is_pseudo(&l.lang))
            .filter_map(|l| {
                l.home.as_ref().map(|h| Alternate {
                    lang: l.lang.clone(),
                    href: self.urls.absolute(h),
                })
            })
            .collect();
        context.insert("alternates", &alternates);
        context.insert("x_default", &self.urls.absolute(""));
        self.templates.render("index.html", &context)
    }

    /// 404 pages are served at any URL, so their links start from `base_url`'s path.
    fn not_found(&self, locale: &LocaleView, at_root: bool) -> Result<String, Diagnostic> {
        let base = self.urls.base_path();
        let mut context = self.common(locale, "");
        context.insert("root", &base);
        context.insert("static", &format!("{base}static/"));
        let home = locale.home.as_ref().map(|h| format!("{base}{h}"));
        context.insert("home", &home);
        context.insert("languages_href", &base);
        let pdf = self
            .pdf_files
            .get(&locale.lang)
            .map(|file| format!("{base}{file}"));
        context.insert("pdf_href", &pdf);
        let index = self.index_urls.get(&locale.lang);
        context.insert("index_href", &index.map(|u| format!("{base}{u}")));
        context.insert("title", &locale.table.get("not-found-title"));
        context.insert("at_root", &at_root);
        let others: Vec<Translation> = self
            .locales
            .iter()
            .filter(|l| l.lang != locale.lang)
            .map(|l| Translation {
                lang: l.lang.clone(),
                name: l.name().to_string(),
                href: format!("{base}{}", l.home.as_deref().unwrap_or("")),
                current: false,
                translated: true,
                anchors: String::new(),
            })
            .collect();
        context.insert("translations", &others);
        self.templates.render("404.html", &context)
    }
}
