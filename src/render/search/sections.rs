//! Sections: a page's searchable text, cut at its headings so a result can link to the
//! part of the page that matched. Decision trees count as text of the section that
//! shows them, in the page's language.

use crate::locale::Texts;
use crate::model::{Block, DecisionTree, Inline, NodeKind, Page, Site};

/// Room for a section's text from the start: grown from nothing, it was copied
/// again at every doubling.
const TEXT_ROOM: usize = 2048;

/// The text under one heading (or before the first one, with an empty anchor).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

/// The sections of `page`, first the one before any heading. A heading inside a
/// block quote, a callout or a list starts a section too: it has its anchor like
/// any other, and the text after it belongs to it until the next heading.
pub fn sections(page: &Page, site: &Site, texts: &Texts) -> Vec<Section> {
    let mut out = vec![Section {
        text: String::with_capacity(TEXT_ROOM),
        ..Section::default()
    }];
    cut(&page.blocks, site, texts, &mut out);
    out.retain(|s| !s.anchor.is_empty() || !s.text.trim().is_empty());
    out
}

/// Adds `blocks` to the last section of `out`, starting one at each heading, at
/// any depth of quotes and lists.
fn cut(blocks: &[Block], site: &Site, texts: &Texts, out: &mut Vec<Section>) {
    for block in blocks {
        match block {
            Block::Heading {
                level, id, content, ..
            } if *level >= 2 => out.push(Section {
                anchor: id.to_string(),
                heading: Inline::plain_text(content),
                text: String::with_capacity(TEXT_ROOM),
            }),
            Block::Quote { blocks, .. } if has_heading(blocks) => cut(blocks, site, texts, out),
            Block::List { items, .. } if items.iter().any(|i| has_heading(&i.blocks)) => {
                for item in items {
                    cut(&item.blocks, site, texts, out);
                }
            }
            _ => {
                let current = out.last_mut().expect("starts with one section");
                push_block(block, site, texts, &mut current.text);
            }
        }
    }
}

/// Whether a heading of level 2 or more is among `blocks`, at any depth.
fn has_heading(blocks: &[Block]) -> bool {
    blocks.iter().any(|block| match block {
        Block::Heading { level, .. } => *level >= 2,
        Block::Quote { blocks, .. } => has_heading(blocks),
        Block::List { items, .. } => items.iter().any(|i| has_heading(&i.blocks)),
        _ => false,
    })
}

fn push_block(block: &Block, site: &Site, texts: &Texts, out: &mut String) {
    match block {
        Block::Heading { content, .. } | Block::Paragraph(content) => push_inlines(content, out),
        Block::List { items, .. } => {
            for item in items {
                push_blocks(&item.blocks, site, texts, out);
            }
        }
        Block::Quote { blocks, .. } => push_blocks(blocks, site, texts, out),
        Block::Code { code, .. } => push_str(code, out),
        Block::Table(table) => {
            for cell in table.head.iter().chain(table.rows.iter().flatten()) {
                push_inlines(cell, out);
            }
        }
        Block::Image(figure) => {
            push_str(&figure.alt, out);
            if let Some(caption) = &figure.caption {
                push_inlines(caption, out);
            }
        }
        Block::DecisionTree { tree, .. } => {
            if let Some(tree) = site.tree(tree) {
                push_tree(tree, texts, out);
            }
        }
        Block::Rule | Block::Html(..) => {}
    }
}

fn push_blocks(blocks: &[Block], site: &Site, texts: &Texts, out: &mut String) {
    for block in blocks {
        push_block(block, site, texts, out);
    }
}

fn push_inlines(inlines: &[Inline], out: &mut String) {
    separate(out);
    Inline::push_plain_text(inlines, out);
}

fn push_str(text: &str, out: &mut String) {
    separate(out);
    out.push_str(text);
}

/// Blocks are separate sentences: keep their words apart in excerpts.
fn separate(out: &mut String) {
    if !out.is_empty() && !out.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

/// Every question, answer and outcome, as the widget shows them.
fn push_tree(tree: &DecisionTree, texts: &Texts, out: &mut String) {
    push_str(&texts.get(&tree.title), out);
    if let Some(intro) = &tree.intro {
        push_str(&texts.get(intro), out);
    }
    for node in &tree.nodes {
        push_str(&texts.get(&node.text), out);
        if let Some(help) = &node.help {
            push_str(&texts.get(help), out);
        }
        if let NodeKind::Question { answers } = &node.kind {
            for answer in answers {
                push_str(&texts.get(&answer.label), out);
            }
        }
    }
}
