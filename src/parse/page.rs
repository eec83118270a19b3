//! A Markdown file under `content/<locale>/` to a `Page`: front matter, body, URL.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Block, FrontMatter, HeadingIds, Inline, Page, Pos, SourceFile};

use super::markdown::Body;
use super::{front_matter, markdown};

/// Parses `content/<locale>/<path>.md`; `None` when the front matter is unusable
/// (already reported).
pub fn parse(
    file: &SourceFile,
    heading_ids: HeadingIds,
    diagnostics: &Diagnostics,
) -> Option<Page> {
    parse_hashing(file, None, heading_ids, diagnostics)
}

/// `parse`, with the body's hash only for pages of the source locale: a translation
/// is compared with its source's hash, never with its own, and hashing every page of
/// a big site costs a build a few hundredths of its time.
pub fn parse_in(
    file: &SourceFile,
    source_locale: &str,
    heading_ids: HeadingIds,
    diagnostics: &Diagnostics,
) -> Option<Page> {
    parse_hashing(file, Some(source_locale), heading_ids, diagnostics)
}

/// `source_locale`: hash only that locale's pages (`None`: every page).
fn parse_hashing(
    file: &SourceFile,
    source_locale: Option<&str>,
    heading_ids: HeadingIds,
    diagnostics: &Diagnostics,
) -> Option<Page> {
    let rest = file.path.strip_prefix("content/")?;
    let (locale, path) = rest.split_once('/')?;
    let mut split = front_matter::parse(file, diagnostics)?;
    let mut body = markdown::parse_with(
        &file.path,
        split.body,
        split.body_line_offset,
        heading_ids,
        diagnostics,
    );
    // A page left without a title may still get one from its locale's outline (the
    // site checks that, `untitled`).
    inline_title(&mut split.front, &file.path);
    let title_id = settle_title(&mut split.front, &mut body);
    if shift_headings(&mut body.blocks) || title_id.is_some() {
        body.toc = markdown::toc(&body.blocks);
    }
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
        title_id,
        url,
        blocks: body.blocks,
        footnotes: body.footnotes,
        toc: body.toc,
        fallback: None,
        outdated: false,
        body_hash,
        may_mark_terms: split.body.contains(".index"),
        anchor_aliases: Vec::new(),
        changed_sections: Vec::new(),
        changed_blocks: Vec::new(),
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

/// The error for a page that neither its front matter, its headings nor its locale's
/// outline gives a title.
pub fn untitled(source: &str) -> Diagnostic {
    Diagnostic::error(source, Pos { line: 1, column: 1 }, "the page has no title").with_hint(
        "start the page with a heading (`# Title`), or give it front matter: `+++`, `title = \"...\"`, `+++`",
    )
}

/// A front matter title is inline Markdown: `` `Rc<T>` `` is code, `*word*` emphasis.
/// Its inlines are kept for the page's `<h1>` and the navigation, and `title`
/// becomes their plain text. A title Markdown reads as anything else (a list, a
/// link, raw HTML such as a bare `Rc<T>`) stays as written, plain.
fn inline_title(front: &mut FrontMatter, file: &str) {
    if !front.title.contains(['`', '*', '_', '~']) {
        return;
    }
    // Nothing in a title is reported: what is not plain emphasis or code stays text.
    let quiet = Diagnostics::new();
    let body = markdown::parse(file, front.title.trim(), 0, &quiet);
    if let [Block::Paragraph(content)] = body.blocks.as_slice()
        && content.iter().all(plain_markup)
    {
        front.title = Inline::plain_text(content).trim().to_string();
        front.title_inlines = content.clone();
    }
}

/// Whether an inline is text, code or emphasis of them, all a title may hold.
fn plain_markup(inline: &Inline) -> bool {
    match inline {
        Inline::Text(_) | Inline::Code(_) => true,
        Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
            c.iter().all(plain_markup)
        }
        _ => false,
    }
}

/// A page without a title in its front matter takes its first heading's, whatever its
/// level; a front matter title that the first block repeats is not shown twice either.
/// That heading leaves the body (the page's `<h1>` shows it) and its id is returned,
/// so that links to it still land.
fn settle_title(front: &mut FrontMatter, body: &mut Body) -> Option<String> {
    let first = body
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { .. }))?;
    let Block::Heading { content, .. } = &body.blocks[first] else {
        return None;
    };
    let text = Inline::plain_text(content);
    let text = text.trim();
    if front.title.trim().is_empty() {
        front.title = text.to_string();
        front.title_inlines = content.clone();
    } else if first != 0 || front.title.trim() != text {
        return None;
    }
    let Block::Heading { id, .. } = body.blocks.remove(first) else {
        return None;
    };
    Some(id.into())
}

/// The page's title is its `<h1>`: the body's top heading level becomes h2 and deeper
/// ones follow (at most h6), so `# Part` then `## Section` keep their hierarchy in the
/// HTML, "on this page", search sections and the PDF outline alike.
/// Returns whether any level changed.
fn shift_headings(blocks: &mut [Block]) -> bool {
    let mut top = u8::MAX;
    walk_headings(blocks, &mut |level| top = top.min(*level));
    if top == u8::MAX || top == 2 {
        return false;
    }
    walk_headings(blocks, &mut |level| {
        *level = (i16::from(*level) - i16::from(top) + 2).clamp(2, 6) as u8;
    });
    true
}

fn walk_headings(blocks: &mut [Block], f: &mut impl FnMut(&mut u8)) {
    for block in blocks {
        match block {
            Block::Heading { level, .. } => f(level),
            Block::Quote { blocks, .. } => walk_headings(blocks, f),
            Block::List { items, .. } => {
                for item in items {
                    walk_headings(&mut item.blocks, f);
                }
            }
            _ => {}
        }
    }
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
        // `_index.md` is Hugo's section index and `README.md` GitHub's and mdBook's
        // (mdBook publishes it as the folder's index.html): moving content in keeps its URLs.
        ("index" | "_index" | "README", None) => format!("{locale}/{dir}"),
        (name, None) => format!("{locale}/{dir}{name}/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (Option<Page>, Vec<Diagnostic>) {
        let file = SourceFile {
            path: "content/en/ch01.md".into(),
            text: text.into(),
        };
        let diagnostics = Diagnostics::new();
        let page = parse(&file, HeadingIds::Github, &diagnostics);
        (page, diagnostics.into_sorted())
    }

    fn levels(page: &Page) -> Vec<(u8, String)> {
        let mut out = Vec::new();
        for block in &page.blocks {
            if let Block::Heading { level, id, .. } = block {
                out.push((*level, id.to_string()));
            }
        }
        out
    }

    #[test]
    fn a_front_matter_title_is_inline_markdown_with_a_plain_text() {
        let (page, diags) = parsed("+++\ntitle = \"Sharing `Rc<T>` *weakly*\"\n+++\n\nText.\n");
        assert!(diags.is_empty(), "{diags:?}");
        let front = page.unwrap().front;
        assert_eq!(front.title, "Sharing Rc<T> weakly");
        assert_eq!(
            front.title_inlines,
            [
                Inline::Text("Sharing ".into()),
                Inline::Code("Rc<T>".into()),
                Inline::Text(" ".into()),
                Inline::Emphasis(vec![Inline::Text("weakly".into())]),
            ]
        );
        // Markdown that is more than code and emphasis (raw HTML, a list) stays as
        // written, and is not reported.
        for title in ["Rc<T> and *Box<T>*", "1. First_steps_", "[a](b) *c*"] {
            let (page, diags) = parsed(&format!("+++\ntitle = \"{title}\"\n+++\n\nText.\n"));
            assert!(diags.is_empty(), "{diags:?}");
            let front = page.unwrap().front;
            assert_eq!(front.title, title);
            assert!(front.title_inlines.is_empty(), "{title}");
        }
    }

    #[test]
    fn a_page_without_front_matter_takes_its_first_heading_as_title() {
        let (page, diags) =
            parsed("# Getting `Rc<T>` going\n\nText.\n\n## Install\n\n### On Linux\n");
        assert!(diags.is_empty(), "{diags:?}");
        let page = page.unwrap();
        assert_eq!(page.front.title, "Getting Rc<T> going");
        assert_eq!(page.front.title_inlines[1], Inline::Code("Rc<T>".into()));
        assert_eq!(page.title_id.as_deref(), Some("getting-rct-going"));
        assert_eq!(
            levels(&page),
            [(2, "install".to_string()), (3, "on-linux".to_string())]
        );
        assert_eq!(page.toc.len(), 2);
    }

    #[test]
    fn a_sub_chapter_starting_at_level_two_keeps_its_hierarchy() {
        let (page, _) = parsed("## Sub-chapter\n\n### Part\n\n#### Detail\n");
        let page = page.unwrap();
        assert_eq!(page.front.title, "Sub-chapter");
        assert_eq!(
            levels(&page),
            [(2, "part".to_string()), (3, "detail".to_string())]
        );
    }

    #[test]
    fn a_repeated_front_matter_title_is_shown_once_and_levels_shift() {
        let (page, _) = parsed("+++\ntitle = \"Guide\"\n+++\n# Guide\n\n# Part\n\n## Section\n");
        let page = page.unwrap();
        assert_eq!(page.front.title, "Guide");
        assert_eq!(page.title_id.as_deref(), Some("guide"));
        assert_eq!(
            levels(&page),
            [(2, "part".to_string()), (3, "section".to_string())]
        );
        // A different first heading stays in the body.
        let (page, _) = parsed("+++\ntitle = \"Guide\"\n+++\n# Part\n\n## Section\n");
        let page = page.unwrap();
        assert_eq!(page.title_id, None);
        assert_eq!(
            levels(&page),
            [(2, "part".to_string()), (3, "section".to_string())]
        );
    }

    #[test]
    fn deep_levels_are_capped_at_six() {
        let (page, _) = parsed("+++\ntitle = \"T\"\n+++\n# A\n\n###### F\n");
        assert_eq!(
            levels(&page.unwrap()),
            [(2, "a".to_string()), (6, "f".to_string())]
        );
    }

    #[test]
    fn a_page_with_no_title_anywhere_is_left_untitled_for_the_site_to_judge() {
        let (page, diags) = parsed("Just text.\n");
        assert!(diags.is_empty());
        assert_eq!(page.unwrap().front.title, "");
        let d = untitled("content/en/ch01.md");
        assert_eq!(d.pos, Pos { line: 1, column: 1 });
        assert_eq!(d.message, "the page has no title");
        assert!(d.hint.as_deref().unwrap().contains("# Title"));
    }

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
        assert_eq!(url("en", "README.md", None), "en/");
        assert_eq!(url("en", "cli/README.md", None), "en/cli/");
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
