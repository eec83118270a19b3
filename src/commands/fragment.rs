//! One Markdown text as the HTML a page body would show, outside any site: parse
//! then render, with no resolution (links stay as written) and no typography. The
//! CommonMark conformance test compares it with the specification's own HTML, so
//! what the model drops or changes shows up there.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostics;
use crate::locale::Messages;
use crate::model::{FrontMatter, Page, Site, SiteConfig};
use crate::parse;
use crate::render;

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
    };
    let config: SiteConfig = toml::from_str(
        "title = \"Fragment\"\nbase_url = \"https://fragment.test/\"\nsource_locale = \"en\"\nlocales = [\"en\"]\n",
    )
    .expect("a valid configuration");
    let messages = Messages::build(&config, Vec::new(), Vec::new(), &diagnostics);
    let site = Site::new(config, vec![page], Vec::new());
    let labels: BTreeMap<String, String> = render::html::LABEL_IDS
        .iter()
        .map(|id| (id.to_string(), id.to_string()))
        .collect();
    render::html::body_alone(&site, &site.pages[0], &messages, &labels)
}
