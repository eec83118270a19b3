//! Resolve: the cross-page step between parsing and rendering.
//!
//! Writers link to pages by their relative `.md` path (`escalade.md#quand`), which
//! also works when the Markdown is browsed on a Git host. Here each such link becomes
//! a `Href::Page` (or `Href::Asset`) once the target page and anchor are known to
//! exist; every dead link is a diagnostic at its line and column.
//!
//! Links as other tools' writers make them land too: `chapter.html` (mdBook, Sphinx)
//! reaches `chapter.md`, a folder reaches its `index.md` or `_index.md`, and a link that
//! climbs out of the locale's folder (`../std/index.html`, a book published beside other
//! docs) becomes an absolute URL on the same host, as it was on the old site.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity, suggest};
use crate::model::{Block, DecisionTree, Href, Inline, NodeKind, Page, Pos, Table};

/// What links may point to: pages with their anchors, and published files.
pub struct Targets {
    /// locale -> path -> heading ids; `None` for a page that exists but could not be
    /// parsed, so links to it are not reported a second time. By locale, then path:
    /// every link of the site is looked up with two `&str`, no key built.
    pages: FxHashMap<String, FxHashMap<String, Anchors>>,
    /// Content files that are not pages, as `<locale>/<path>`.
    assets: FxHashSet<String>,
    /// Pages left out as drafts, by locale then path: links to them are warnings.
    drafts: FxHashMap<String, FxHashSet<String>>,
    /// A locale's first chapter when its outline (SUMMARY.md) orders it: mdBook
    /// publishes it as the book's `index.html` too, so `index.html` and `./` at the
    /// locale's root lead there when the locale has no index page of its own.
    homes: FxHashMap<String, String>,
    /// `base_url`'s origin (`https://host`) and path segments: where links that climb
    /// out of a locale's folder land, the locale folder standing for the site root.
    base: Option<(String, Vec<String>)>,
}

type Anchors = Option<FxHashSet<String>>;

/// `https://host/a/b/` to (`https://host`, [`a`, `b`]); `None` without a scheme.
fn split_base(base_url: &str) -> Option<(String, Vec<String>)> {
    let (scheme, rest) = base_url.split_once("://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let segments = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Some((format!("{scheme}://{host}"), segments))
}

impl Targets {
    /// `unparsed` are `<locale>/<path>` of page files whose front matter failed.
    pub fn new(
        pages: &[Page],
        unparsed: &[String],
        assets: impl IntoIterator<Item = String>,
    ) -> Self {
        // Every heading of the site is collected: on every core.
        let anchored: Vec<_> = pages
            .par_iter()
            .map(|p| (&p.locale, p.path.clone(), Some(anchors(p))))
            .collect();
        let mut pages: FxHashMap<String, FxHashMap<String, Anchors>> = FxHashMap::default();
        for (locale, path, ids) in anchored {
            pages.entry(locale.clone()).or_default().insert(path, ids);
        }
        for path in unparsed {
            if let Some((locale, path)) = path.split_once('/') {
                (pages.entry(locale.to_string()).or_default())
                    .entry(path.to_string())
                    .or_insert(None);
            }
        }
        Targets {
            pages,
            assets: assets.into_iter().collect(),
            drafts: FxHashMap::default(),
            homes: FxHashMap::default(),
            base: None,
        }
    }

    /// `page` as it is now: `serve` keeps the targets of its last full build and
    /// refreshes the pages an edit re-reads (headings other pages see are unchanged:
    /// that edit needs a full build).
    pub fn refresh(&mut self, page: &Page) {
        (self.pages.entry(page.locale.clone()).or_default())
            .insert(page.path.clone(), Some(anchors(page)));
    }

    /// Links climbing out of a locale's folder resolve against `base_url`
    /// (`https://host/book/`); without it they are errors.
    pub fn with_base_url(mut self, base_url: &str) -> Self {
        self.base = split_base(base_url);
        self
    }

    /// `(locale, path)` of the pages left out as drafts.
    pub fn with_drafts(mut self, drafts: &[(String, String)]) -> Self {
        for (locale, path) in drafts {
            (self.drafts.entry(locale.clone()).or_default()).insert(path.clone());
        }
        self
    }

    /// `(locale, path)` of each outline's first chapter.
    pub fn with_homes(mut self, homes: impl IntoIterator<Item = (String, String)>) -> Self {
        self.homes.extend(homes);
        self
    }

    fn is_draft(&self, locale: &str, path: &str) -> bool {
        self.drafts
            .get(locale)
            .is_some_and(|paths| paths.contains(path))
    }

    /// Pages of the source locale that a locale lacks are published there as
    /// fallbacks: links to them from that locale are fine.
    pub fn with_fallbacks(mut self, locales: &[String], source_locale: &str) -> Self {
        // Only the pages a locale lacks are copied: a translated site lacks few.
        let mut missing = Vec::new();
        for locale in locales.iter().filter(|l| *l != source_locale) {
            let sources = self.pages.get(source_locale).into_iter().flatten();
            for (path, ids) in sources.filter(|(path, _)| self.page(locale, path).is_none()) {
                missing.push((locale.clone(), path.clone(), ids.clone()));
            }
        }
        for (locale, path, ids) in missing {
            self.pages.entry(locale).or_default().insert(path, ids);
        }
        self
    }

    /// The file of `locale` closest to `path` (a picture's misspelt name, say).
    fn close_asset(&self, locale: &str, path: &str) -> Option<String> {
        let prefix = format!("{locale}/");
        let mut known: Vec<&str> = (self.assets.iter())
            .filter_map(|a| a.strip_prefix(&prefix))
            .collect();
        known.sort_unstable();
        suggest(path, &known).map(str::to_string)
    }

    fn page(&self, locale: &str, path: &str) -> Option<&Anchors> {
        self.pages.get(locale)?.get(path)
    }

    /// The page paths of `locale`, in order (for suggestions that do not depend on
    /// a hash order).
    fn paths_of(&self, locale: &str) -> Vec<&str> {
        let mut paths: Vec<&str> = (self.pages.get(locale).into_iter())
            .flat_map(|pages| pages.keys().map(String::as_str))
            .collect();
        paths.sort_unstable();
        paths
    }
}

fn anchors(page: &Page) -> FxHashSet<String> {
    page.anchor_ids().into_iter().map(str::to_string).collect()
}

/// Resolves every link and image of every page, in parallel.
pub fn resolve(pages: &mut [Page], targets: &Targets, diagnostics: &Diagnostics) {
    pages.par_iter_mut().for_each(|page| {
        let context = Context {
            page_locale: page.locale.clone(),
            page_path: page.path.clone(),
            source: page.source.clone(),
        };
        let mut resolver = |href: &mut Href, pos: Pos| {
            if let Some(problem) = context.resolve(href, targets) {
                diagnostics.push(problem.at(&context.source, pos));
            }
        };
        visit_blocks(&mut page.blocks, &mut resolver);
        for footnote in &mut page.footnotes {
            visit_blocks(&mut footnote.blocks, &mut resolver);
        }
    });
}

/// Every ```` ```decision-tree ```` fence must name a tree of the site.
pub fn check_tree_embeds(pages: &[Page], trees: &[DecisionTree], diagnostics: &Diagnostics) {
    let ids: Vec<&str> = trees.iter().map(|t| t.id.as_str()).collect();
    for page in pages {
        visit_trees(&page.blocks, &mut |tree, pos| {
            if !ids.contains(&tree) {
                let hint = match suggest(tree, &ids) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None if ids.is_empty() => "add content/decision-trees/<id>.toml".to_string(),
                    None => format!("trees of this site: {}", ids.join(", ")),
                };
                diagnostics.push(
                    Diagnostic::error(&page.source, pos, format!("no decision tree `{tree}`"))
                        .with_hint(hint),
                );
            }
        });
    }
}

fn visit_trees<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a str, Pos)) {
    for block in blocks {
        match block {
            Block::DecisionTree { tree, pos } => f(tree, *pos),
            Block::Quote { blocks, .. } => visit_trees(blocks, f),
            Block::List { items, .. } => items.iter().for_each(|i| visit_trees(&i.blocks, f)),
            _ => {}
        }
    }
}

/// An outcome's page link must reach a page (and anchor) of the source locale; a
/// locale lacking that page gets a warning, as its readers would land elsewhere.
pub fn check_tree_links(
    trees: &[DecisionTree],
    targets: &Targets,
    locales: &[String],
    source: &str,
    diagnostics: &Diagnostics,
) {
    for tree in trees {
        for node in &tree.nodes {
            let NodeKind::Outcome {
                link: Some(link), ..
            } = &node.kind
            else {
                continue;
            };
            // The source locale first: when its link is broken, that one error says it all.
            let mut ordered: Vec<&String> = locales.iter().collect();
            ordered.sort_by_key(|l| *l != source);
            let mut source_failed = false;
            for locale in ordered {
                if source_failed {
                    break;
                }
                let context = Context {
                    page_locale: locale.clone(),
                    page_path: String::new(),
                    source: tree.source.clone(),
                };
                let problem = if targets.page(locale, &link.path).is_some() {
                    link.anchor
                        .as_deref()
                        .and_then(|a| context.check_anchor(&link.path, a, targets))
                } else {
                    let known = targets.paths_of(locale);
                    let hint = match suggest(&link.path, &known) {
                        Some(close) => format!("did you mean `{close}`? Links name the page's .md path below content/<locale>/"),
                        None => "links name the page's .md path below content/<locale>/, e.g. \"priorites.md#quand\"".to_string(),
                    };
                    Some(Problem::error(
                        format!(
                            "outcome `{}` links to `{}`, which is not a page of content/{locale}/",
                            node.id, link.path
                        ),
                        hint,
                    ))
                };
                if let Some(mut problem) = problem {
                    source_failed = locale == source;
                    if !source_failed {
                        problem.severity = Severity::Warning;
                        problem.message = format!("{} (locale `{locale}`)", problem.message);
                    }
                    diagnostics.push(problem.at(&tree.source, link.pos));
                }
            }
        }
    }
}

struct Context {
    page_locale: String,
    page_path: String,
    source: String,
}

struct Problem {
    message: String,
    hint: String,
    severity: Severity,
}

impl Problem {
    fn error(message: String, hint: String) -> Self {
        Problem {
            message,
            hint,
            severity: Severity::Error,
        }
    }

    fn at(self, file: &str, pos: Pos) -> Diagnostic {
        let mut d = Diagnostic::error(file, pos, self.message).with_hint(self.hint);
        d.severity = self.severity;
        d
    }
}

impl Context {
    fn resolve(&self, href: &mut Href, targets: &Targets) -> Option<Problem> {
        match href {
            Href::Fragment(id) => self.check_anchor(&self.page_path, id, targets),
            // `[text]()`: CommonMark's empty link, kept empty (not this page, not home).
            Href::Unresolved(raw) if raw.is_empty() => Some(Problem {
                message: "link with an empty target".into(),
                hint: "write the page's .md path between the parentheses, or remove the link"
                    .into(),
                severity: Severity::Warning,
            }),
            // `?view=full`: this page with a query string, which only scripts read.
            Href::Unresolved(raw) if raw.starts_with('?') => None,
            Href::Unresolved(raw) => {
                let raw = raw.clone();
                if raw.starts_with('/') {
                    return Some(Problem {
                        message: format!("link `{raw}` is absolute to the server root"),
                        hint: "link to the page's .md file by its relative path (e.g. `escalade.md`), so it works wherever the site is published".into(),
                        severity: Severity::Warning,
                    });
                }
                let (path, anchor) = match raw.split_once('#') {
                    Some((p, a)) => (p, Some(a.to_string())),
                    None => (raw.as_str(), None),
                };
                let (resolved, problem) = match self.join(path) {
                    Ok(target) => self.resolve_path(&raw, target, anchor.clone(), targets),
                    Err(()) => (None, None),
                };
                if resolved.is_none()
                    && let Some(found) = self.resolve_from_url(&raw, path, anchor, targets)
                {
                    *href = found.0;
                    return found.1;
                }
                match resolved {
                    Some(resolved) => *href = resolved,
                    None if problem.is_none() => return self.outside(href, &raw, targets),
                    None => {}
                }
                problem
            }
            _ => None,
        }
    }

    /// A folder link that names no page from the page's file may name one from the
    /// page's URL, as Hugo writes links and browsers follow them: from `dir/page.md`
    /// (published at `dir/page/`), `../other/` is `dir/other/`.
    fn resolve_from_url(
        &self,
        raw: &str,
        path: &str,
        anchor: Option<String>,
        targets: &Targets,
    ) -> Option<(Href, Option<Problem>)> {
        let stem = self.page_path.strip_suffix(".md")?;
        let name = stem.rsplit('/').next().unwrap_or(stem);
        if !path.ends_with('/') || matches!(name, "index" | "_index" | "README") {
            return None;
        }
        let from_url = Context {
            page_locale: self.page_locale.clone(),
            page_path: format!("{stem}/"),
            source: self.source.clone(),
        };
        let folder = from_url.join(path).ok()?;
        // A page's URL is a folder: `other/` is `other.md` as well as `other/index.md`.
        let file = format!("{}.md", folder.trim_end_matches('/'));
        [folder, file].into_iter().find_map(|target| {
            match from_url.resolve_path(raw, target, anchor.clone(), targets) {
                (Some(href), problem) => Some((href, problem)),
                (None, _) => None,
            }
        })
    }

    /// A link that climbs above the locale's folder: an absolute URL on the site's
    /// host, as if the locale folder were the site root (`base_url`'s folder), so it
    /// reaches what it reached on the old site; an error past the host's root.
    fn outside(&self, href: &mut Href, raw: &str, targets: &Targets) -> Option<Problem> {
        let Some((origin, base)) = &targets.base else {
            return Some(Problem::error(
                format!("link `{raw}` leaves content/{}/", self.page_locale),
                "set an absolute `base_url` in folio.toml so links to the same host can be resolved, or link to a page of this locale".into(),
            ));
        };
        let (path, anchor) = match raw.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor)),
            None => (raw, None),
        };
        let mut parts: Vec<&str> = base.iter().map(String::as_str).collect();
        parts.extend(self.page_path.split('/'));
        parts.pop();
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Some(Problem::error(
                            format!("link `{raw}` climbs past the root of {origin}/"),
                            format!(
                                "content/{}/ stands for {origin}/{} (base_url): drop the extra `../`, or write an absolute URL",
                                self.page_locale,
                                base.join("/")
                            ),
                        ));
                    }
                }
                other => parts.push(other),
            }
        }
        let mut url = format!("{origin}/{}", parts.join("/"));
        if path.ends_with('/') && !parts.is_empty() {
            url.push('/');
        }
        if let Some(anchor) = anchor {
            url.push('#');
            url.push_str(anchor);
        }
        let note = Problem {
            message: format!("link `{raw}` leaves the site: published as {url}, not verified"),
            hint: "Folio checks only its own pages; `folio check --external` fetches it".into(),
            severity: Severity::Note,
        };
        *href = Href::External(url);
        Some(note)
    }

    /// The page a relative target names, as mdBook, Hugo and Git hosts let writers
    /// name it: `x.md`, `x.html`, a folder (`dir/`, `dir/index.md`, `dir/_index.md`).
    fn page_candidates(target: &str) -> Vec<String> {
        let folder = |dir: &str| {
            vec![
                format!("{dir}index.md"),
                format!("{dir}_index.md"),
                format!("{dir}README.md"),
            ]
        };
        if target.is_empty() || target.ends_with('/') {
            return folder(target);
        }
        let stem = target
            .strip_suffix(".html")
            .or_else(|| target.strip_suffix(".htm"))
            .or_else(|| target.strip_suffix(".md"));
        let Some(stem) = stem else {
            return vec![target.to_string()];
        };
        let (dir, name) = match stem.rsplit_once('/') {
            Some((dir, name)) => (format!("{dir}/"), name),
            None => (String::new(), stem),
        };
        match name {
            "index" | "_index" | "README" => folder(&dir),
            _ => vec![format!("{stem}.md")],
        }
    }

    fn resolve_path(
        &self,
        raw: &str,
        target: String,
        anchor: Option<String>,
        targets: &Targets,
    ) -> (Option<Href>, Option<Problem>) {
        let candidates = Self::page_candidates(&target);
        let found = (candidates.iter())
            .find(|c| targets.page(&self.page_locale, c).is_some())
            .or_else(|| {
                (candidates[0] == "index.md")
                    .then(|| targets.homes.get(&self.page_locale))
                    .flatten()
            });
        let page_target = found.unwrap_or(&candidates[0]).clone();
        if found.is_some() {
            let problem = anchor
                .as_deref()
                .and_then(|a| self.check_anchor(&page_target, a, targets));
            let href = Href::Page {
                locale: self.page_locale.as_str().into(),
                path: page_target.as_str().into(),
                anchor: anchor.as_deref().map(Into::into),
            };
            return (Some(href), problem);
        }
        if targets.is_draft(&self.page_locale, &page_target) {
            let href = Href::Page {
                locale: self.page_locale.as_str().into(),
                path: page_target.as_str().into(),
                anchor: anchor.as_deref().map(Into::into),
            };
            let problem = Problem {
                message: format!(
                    "link to `{raw}`, a draft: the link is left out of the built page (its text stays)"
                ),
                hint: "publish the page (remove `draft`), or build with --drafts to include drafts"
                    .into(),
                severity: Severity::Warning,
            };
            return (Some(href), Some(problem));
        }
        let asset = format!("{}/{}", self.page_locale, target);
        if targets.assets.contains(&asset) {
            return (Some(Href::Asset(asset)), None);
        }
        let known = targets.paths_of(&self.page_locale);
        let with_md = format!("{target}.md");
        let hint = if known.contains(&with_md.as_str()) {
            format!("write `{}` (pages are linked by their .md file)", with_md)
        } else if let Some(close) = suggest(&page_target, &known) {
            format!("did you mean `{close}`?")
        } else if let Some(close) = targets.close_asset(&self.page_locale, &target) {
            format!("did you mean `{}`?", relative(&self.page_path, &close))
        } else {
            format!(
                "link to an existing file of content/{}/ by its relative path",
                self.page_locale
            )
        };
        (
            None,
            Some(Problem::error(
                format!(
                    "link to `{raw}`: no such page or file in content/{}/",
                    self.page_locale
                ),
                hint,
            )),
        )
    }

    fn check_anchor(&self, path: &str, id: &str, targets: &Targets) -> Option<Problem> {
        let ids = targets.page(&self.page_locale, path)?.as_ref()?;
        if ids.contains(id) || id.starts_with("fn-") || id.starts_with("fnref-") {
            return None;
        }
        let mut known: Vec<&str> = ids.iter().map(String::as_str).collect();
        known.sort_unstable();
        let hint = match suggest(id, &known) {
            Some(close) => format!("did you mean `#{close}`?"),
            None if known.is_empty() => {
                "the page has no headings; add `{#id}` after a heading to name it".into()
            }
            None => format!(
                "headings of {path}: {}",
                known
                    .iter()
                    .map(|k| format!("#{k}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        Some(Problem::error(
            format!("no heading `#{id}` in {path}"),
            hint,
        ))
    }

    /// `target` relative to the page's folder, normalized; `Err` when it climbs out of
    /// the locale's folder.
    fn join(&self, target: &str) -> Result<String, ()> {
        let mut parts: Vec<&str> = self.page_path.split('/').collect();
        parts.pop();
        for part in target.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop().ok_or(())?;
                }
                other => parts.push(other),
            }
        }
        let joined = parts.join("/");
        Ok(if target.ends_with('/') && !joined.is_empty() {
            format!("{joined}/")
        } else {
            joined
        })
    }
}

/// Replaces each link of `page` to a page that is `gone` (a draft left out) by its text.
pub fn unlink(page: &mut Page, gone: &impl Fn(&str, &str) -> bool) {
    unlink_blocks(&mut page.blocks, gone);
    for footnote in &mut page.footnotes {
        unlink_blocks(&mut footnote.blocks, gone);
    }
}

fn unlink_blocks(blocks: &mut [Block], gone: &impl Fn(&str, &str) -> bool) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => {
                unlink_inlines(content, gone)
            }
            Block::List { items, .. } => items
                .iter_mut()
                .for_each(|i| unlink_blocks(&mut i.blocks, gone)),
            Block::Quote { blocks, .. } => unlink_blocks(blocks, gone),
            Block::Table(table) => {
                let Table { head, rows, .. } = &mut **table;
                for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                    unlink_inlines(cell, gone);
                }
            }
            _ => {}
        }
    }
}

fn unlink_inlines(inlines: &mut Vec<Inline>, gone: &impl Fn(&str, &str) -> bool) {
    let mut i = 0;
    while i < inlines.len() {
        match &mut inlines[i] {
            Inline::Link(link) if matches!(&link.href, Href::Page { locale, path, .. } if gone(locale, path)) =>
            {
                let content = std::mem::take(&mut link.content);
                let len = content.len();
                inlines.splice(i..=i, content);
                i += len;
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                unlink_inlines(c, gone);
                i += 1;
            }
            Inline::Indexed(mark) => {
                unlink_inlines(&mut mark.content, gone);
                i += 1;
            }
            _ => i += 1,
        }
    }
}

/// `target` (a path below the locale's folder) as written from the page at `page`.
fn relative(page: &str, target: &str) -> String {
    let mut from: Vec<&str> = page.split('/').collect();
    from.pop();
    let to: Vec<&str> = target.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

/// Calls `f` with every link and image target of `blocks` (the tree walk resolve uses).
pub(crate) fn visit_blocks(blocks: &mut [Block], f: &mut impl FnMut(&mut Href, Pos)) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => visit_inlines(content, f),
            Block::List { items, .. } => items
                .iter_mut()
                .for_each(|i| visit_blocks(&mut i.blocks, f)),
            Block::Quote { blocks, .. } => visit_blocks(blocks, f),
            Block::Table(table) => {
                let Table { head, rows, .. } = &mut **table;
                for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                    visit_inlines(cell, f);
                }
            }
            Block::Image(figure) => {
                f(&mut figure.src, figure.pos);
                for source in &mut figure.sources {
                    f(&mut source.srcset, source.pos);
                }
                if let Some(caption) = &mut figure.caption {
                    visit_inlines(caption, f);
                }
            }
            Block::Code { .. } | Block::Rule | Block::Html(..) | Block::DecisionTree { .. } => {}
        }
    }
}

fn visit_inlines(inlines: &mut [Inline], f: &mut impl FnMut(&mut Href, Pos)) {
    for inline in inlines {
        match inline {
            Inline::Link(link) => {
                f(&mut link.href, link.pos);
                visit_inlines(&mut link.content, f);
            }
            Inline::Image(image) => f(&mut image.src, image.pos),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                visit_inlines(c, f)
            }
            Inline::Indexed(mark) => visit_inlines(&mut mark.content, f),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
