//! The site's index page of a locale (`fr/index-termes/`): the terms the locale's
//! pages mark, grouped by initial as in the PDF (see `render::index`), each followed
//! by links to the places it is marked. It is made as a page of the model (a heading
//! per letter, a list of entries) and rendered through the theme's page template, so
//! it looks and behaves like every other page.

use crate::model::{Block, FrontMatter, Href, Inline, InlineLink, ListItem, Page, Pos};
use crate::render::index::Group;

/// The content path the index page goes by: no Markdown file has it (a content path
/// ends in `.md`), so it names no page of the site.
pub const PATH: &str = "(index)";

/// The page for `groups`, at `url` (`fr/index-termes/`).
pub fn page(locale: &str, url: &str, title: &str, lead: &str, groups: &[Group]) -> Page {
    let mut blocks = Vec::new();
    // The letters first, each a link to its group.
    let mut letters = Vec::new();
    for (n, group) in groups.iter().enumerate() {
        if n > 0 {
            letters.push(Inline::Text(" · ".into()));
        }
        letters.push(link(
            Href::Fragment(group_id(&group.label)),
            group.label.clone(),
        ));
    }
    blocks.push(Block::Paragraph(letters));
    for group in groups {
        blocks.push(Block::Heading {
            level: 2,
            id: group_id(&group.label).into(),
            content: vec![Inline::Text(group.label.as_str().into())],
            pos: Pos::default(),
        });
        let items = group
            .entries
            .iter()
            .map(|entry| {
                let mut line = vec![Inline::Strong(vec![Inline::Text(
                    entry.term.as_str().into(),
                )])];
                let mut seen: Vec<(&str, Option<&str>)> = Vec::new();
                for place in &entry.places {
                    // One link per page and section, to the first mark in it.
                    let section = place.section.as_ref().map(|(id, _)| *id);
                    if seen.contains(&(place.page.path.as_str(), section)) {
                        continue;
                    }
                    line.push(Inline::Text(
                        if seen.is_empty() { " — " } else { " · " }.into(),
                    ));
                    seen.push((&place.page.path, section));
                    let mut text = place.page.front.title.clone();
                    if let Some((_, heading)) = &place.section
                        && *heading != text
                    {
                        text = format!("{text} › {heading}");
                    }
                    let href = Href::Page {
                        locale: place.page.locale.as_str().into(),
                        path: place.page.path.as_str().into(),
                        anchor: place.id.map(Into::into),
                    };
                    line.push(link(href, text));
                }
                ListItem {
                    task: None,
                    blocks: vec![Block::Paragraph(line)],
                }
            })
            .collect();
        blocks.push(Block::List {
            start: None,
            tight: true,
            items,
        });
    }
    Page {
        locale: locale.to_string(),
        path: PATH.to_string(),
        source: String::new(),
        front: FrontMatter {
            title: title.to_string(),
            description: lead.to_string(),
            ..FrontMatter::default()
        },
        title_id: None,
        url: url.to_string(),
        blocks,
        footnotes: Vec::new(),
        toc: Vec::new(),
        fallback: None,
        outdated: false,
        body_hash: String::new(),
        may_mark_terms: false,
        anchor_aliases: Vec::new(),
        changed_sections: Vec::new(),
        changed_blocks: Vec::new(),
    }
}

/// A letter's id, in ASCII as the marks' are: `index-e`, `index-0-9`, and for
/// another script its code point (`index-u304b` for か: a transliteration would meet
/// a Latin letter's id).
fn group_id(label: &str) -> String {
    let slug: String = label
        .chars()
        .map(|c| match c {
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase().to_string(),
            c if c.is_alphanumeric() => format!("u{:x}", c as u32),
            _ => "-".to_string(),
        })
        .collect();
    match slug.trim_matches('-') {
        "" => "index-symbols".to_string(),
        s => format!("index-{s}"),
    }
}

fn link(href: Href, text: String) -> Inline {
    Inline::Link(Box::new(InlineLink {
        href,
        title: String::new(),
        content: vec![Inline::Text(text.into())],
        pos: Pos::default(),
    }))
}
