//! Texts taken through Folio's stages outside any site on disk: a Markdown body as the
//! HTML a page would show (parse then render, no resolution, no typography: what the
//! CommonMark conformance test compares with the specification's own HTML), and a
//! whole page through every stage, HTML and PDF layout (what the fuzz targets and the
//! property tests feed with generated input).

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load;
use crate::locale::Messages;
use crate::model::{FrontMatter, HeadingIds, Page, Site, SiteConfig, SourceFile};
use crate::parse;
use crate::render;
use crate::resolve::{Targets, resolve};

/// `markdown` rendered as a page body of an English site of one page.
pub fn markdown_to_html(markdown: &str) -> String {
    let diagnostics = Diagnostics::new();
    let source = "content/en/fragment.md";
    let body = parse::markdown::parse(source, markdown, 0, &diagnostics);
    let page = Page {
        locale: "en".into(),
        path: "fragment.md".into(),
        source: source.into(),
        front: FrontMatter {
            title: "Fragment".into(),
            ..FrontMatter::default()
        },
        title_id: None,
        url: "en/fragment/".into(),
        blocks: body.blocks,
        footnotes: body.footnotes,
        toc: body.toc,
        fallback: None,
        outdated: false,
        body_hash: String::new(),
        may_mark_terms: false,
        anchor_aliases: Vec::new(),
        changed_sections: Vec::new(),
        changed_blocks: Vec::new(),
    };
    let (site, messages) = site_of(page, &diagnostics);
    render::html::body_alone(&site, &site.pages[0], &messages, &labels())
}

/// What one page (front matter and Markdown, as a writer saves it) becomes: its body's
/// HTML and how many PDF pages its guide has, with every diagnostic on the way. The
/// page is `content/en/page.md` of an English site of its own.
pub fn page_through_pipeline(text: &str) -> (String, usize, Vec<Diagnostic>) {
    let diagnostics = Diagnostics::new();
    let file = SourceFile {
        path: "content/en/page.md".into(),
        text: text.into(),
    };
    let Some(mut page) = parse::page::parse(&file, HeadingIds::Github, &diagnostics) else {
        return (String::new(), 0, diagnostics.into_sorted());
    };
    super::site::prepare(&mut page, &Default::default(), &diagnostics);
    if page.front.title.trim().is_empty() {
        diagnostics.push(parse::page::untitled(&page.source));
        page.front.title = "Page".into();
    }
    let mut pages = vec![page];
    let targets = Targets::new(&pages, &[], []).with_base_url("https://fragment.test/book/");
    resolve(&mut pages, &targets, &diagnostics);
    let page = pages.pop().expect("one page");
    let (site, messages) = site_of(page, &diagnostics);
    let html = render::html::body_alone(&site, &site.pages[0], &messages, &labels());
    let theme = load::embedded_theme();
    let style = parse::pdf_style::parse(theme.pdf_style.as_ref(), &diagnostics);
    let document = render::pdf::layout_document(
        &site,
        &messages,
        "en",
        &style,
        &render::pdf::Pictures::new(&[]),
        &render::pdf::text::Shaper::default(),
    );
    (html, document.pages.len(), diagnostics.into_sorted())
}

/// An English site holding `page` alone, with the default theme's messages.
fn site_of(page: Page, diagnostics: &Diagnostics) -> (Site, Messages) {
    let config: SiteConfig = toml::from_str(
        "title = \"Fragment\"\nbase_url = \"https://fragment.test/book/\"\nsource_locale = \"en\"\nlocales = [\"en\"]\n",
    )
    .expect("a valid configuration");
    let theme = load::embedded_theme();
    let theme_messages = (theme.messages.iter())
        .filter_map(|f| parse::messages::parse(f, diagnostics))
        .collect();
    let messages = Messages::build(&config, Vec::new(), theme_messages, diagnostics);
    (Site::new(config, vec![page], Vec::new()), messages)
}

/// Interface labels shown as their ids.
fn labels() -> BTreeMap<String, String> {
    render::html::LABEL_IDS
        .iter()
        .map(|id| (id.to_string(), id.to_string()))
        .collect()
}
