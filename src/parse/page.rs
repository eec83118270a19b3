//! A Markdown file under `content/<locale>/` to a `Page`: front matter, body, URL.

use crate::diagnostic::Diagnostics;
use crate::model::{Page, SourceFile};

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
    let url = url(locale, path, split.front.slug.as_deref());
    Some(Page {
        locale: locale.to_string(),
        path: path.to_string(),
        source: file.path.clone(),
        front: split.front,
        url,
        blocks: body.blocks,
        footnotes: body.footnotes,
        toc: body.toc,
        fallback: None,
        outdated: false,
        body_hash,
    })
}

/// `fr/escalade/` for `escalade.md`; `fr/` for `index.md`; `fr/guide/` for
/// `guide/index.md`. A `slug` replaces the file's own name.
pub fn url(locale: &str, path: &str, slug: Option<&str>) -> String {
    let stem = path.strip_suffix(".md").unwrap_or(path);
    let (dir, name) = match stem.rsplit_once('/') {
        Some((dir, name)) => (format!("{dir}/"), name),
        None => (String::new(), stem),
    };
    match (name, slug) {
        (_, Some(slug)) => format!("{locale}/{dir}{}/", slug.trim_matches('/')),
        // `_index.md` is Hugo's section index: moving content in keeps its URLs.
        ("index" | "_index", None) => format!("{locale}/{dir}"),
        (name, None) => format!("{locale}/{dir}{name}/"),
    }
}

#[cfg(test)]
mod tests {
    use super::url;

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
    }
}
