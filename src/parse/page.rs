//! A Markdown file under `content/<locale>/` to a `Page`: front matter, body, URL.

use crate::diagnostic::Diagnostics;
use crate::model::{FrontMatter, Page, SourceFile};

use super::{front_matter, markdown};

/// Parses `content/<locale>/<path>.md`; `None` when the front matter is unusable
/// (already reported).
pub fn parse(file: &SourceFile, diagnostics: &Diagnostics) -> Option<Page> {
    parse_hashing(file, None, diagnostics)
}

/// `parse`, with the body's hash only for pages of the source locale: a translation
/// is compared with its source's hash, never with its own, and hashing every page of
/// a big site costs a build a few hundredths of its time.
pub fn parse_in(file: &SourceFile, source_locale: &str, diagnostics: &Diagnostics) -> Option<Page> {
    parse_hashing(file, Some(source_locale), diagnostics)
}

/// `source_locale`: hash only that locale's pages (`None`: every page).
fn parse_hashing(
    file: &SourceFile,
    source_locale: Option<&str>,
    diagnostics: &Diagnostics,
) -> Option<Page> {
    let rest = file.path.strip_prefix("content/")?;
    let (locale, path) = rest.split_once('/')?;
    let split = front_matter::parse(file, diagnostics)?;
    let body = markdown::parse(&file.path, split.body, split.body_line_offset, diagnostics);
    let body_hash = if source_locale.is_none_or(|source| source == locale) {
        crate::l10n::hash::body_hash(split.body)
    } else {
        String::new()
    };
    let mut front = split.front;
    front.slug = requested_slug(&front, locale);
    let url = url(locale, path, front.slug.as_deref());
    Some(Page {
        locale: locale.to_string(),
        path: path.to_string(),
        source: file.path.clone(),
        front,
        url,
        blocks: body.blocks,
        footnotes: body.footnotes,
        toc: body.toc,
        fallback: None,
        outdated: false,
        body_hash,
    })
}

/// The slug a page's front matter asks for, in the form `url` reads: Hugo's `url` (as
/// an absolute slug, below the locale's root), else `slug`, else Docusaurus's `id`.
fn requested_slug(front: &FrontMatter, locale: &str) -> Option<String> {
    if let Some(url) = &front.url {
        let url = url.trim_start_matches('/');
        let url = url
            .strip_prefix(locale)
            .filter(|rest| rest.is_empty() || rest.starts_with('/'))
            .unwrap_or(url);
        return Some(format!("/{}", url.trim_start_matches('/')));
    }
    front.slug.clone().or_else(|| front.id.clone())
}

/// `fr/escalade/` for `escalade.md`; `fr/` for `index.md`; `fr/guide/` for
/// `guide/index.md`. A `slug` replaces the file's own name; one that starts with `/`
/// (as Docusaurus writes them) is the whole URL below the locale's root.
pub fn url(locale: &str, path: &str, slug: Option<&str>) -> String {
    let stem = path.strip_suffix(".md").unwrap_or(path);
    let (dir, name) = match stem.rsplit_once('/') {
        Some((dir, name)) => (format!("{dir}/"), name),
        None => (String::new(), stem),
    };
    match (name, slug) {
        (_, Some(slug)) if slug.starts_with('/') => match slug.trim_matches('/') {
            "" => format!("{locale}/"),
            slug => format!("{locale}/{slug}/"),
        },
        (_, Some(slug)) => format!("{locale}/{dir}{}/", slug.trim_matches('/')),
        // `_index.md` is Hugo's section index: moving content in keeps its URLs.
        ("index" | "_index", None) => format!("{locale}/{dir}"),
        (name, None) => format!("{locale}/{dir}{name}/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_folders() {
        assert_eq!(url("fr", "index.md", None), "fr/");
        assert_eq!(url("fr", "escalade.md", None), "fr/escalade/");
        assert_eq!(
            url("en", "escalade.md", Some("escalation")),
            "en/escalation/"
        );
        assert_eq!(url("fr", "guide/index.md", None), "fr/guide/");
        assert_eq!(url("fr", "guide/_index.md", None), "fr/guide/");
        assert_eq!(url("fr", "guide/acces.md", None), "fr/guide/acces/");
        assert_eq!(url("fr", "guide/acces.md", Some("/a/b")), "fr/a/b/");
        assert_eq!(url("fr", "guide/acces.md", Some("/")), "fr/");
    }

    #[test]
    fn hugo_url_and_docusaurus_id_name_the_url() {
        let front = |url: Option<&str>, slug: Option<&str>, id: Option<&str>| FrontMatter {
            url: url.map(str::to_string),
            slug: slug.map(str::to_string),
            id: id.map(str::to_string),
            ..FrontMatter::default()
        };
        let slug = |f: FrontMatter| requested_slug(&f, "fr");
        assert_eq!(
            slug(front(Some("/fr/a/"), Some("b"), None)).as_deref(),
            Some("/a/")
        );
        assert_eq!(
            slug(front(Some("about/"), None, None)).as_deref(),
            Some("/about/")
        );
        assert_eq!(
            slug(front(Some("/free/"), None, None)).as_deref(),
            Some("/free/")
        );
        assert_eq!(
            slug(front(None, Some("b"), Some("c"))).as_deref(),
            Some("b")
        );
        assert_eq!(slug(front(None, None, Some("c"))).as_deref(), Some("c"));
    }
}
