//! Shrinking: a loaded page gives back the room its lists and texts grew into.
//!
//! The parser, the raw-HTML policy and the typography grow a body's lists and texts
//! by appending (a tight list's items, a French text rewritten), and a grown `Vec` or
//! `String` keeps up to half its room unused. A large site holds every body at once
//! (63,000 pages at 20,000 x 3), so that room is memory the whole build carries:
//! each page is shrunk once, as soon as it is loaded, while its neighbours are still
//! being parsed into the room it frees. Texts, code spans and links' targets are
//! `CompactString`s: shrinking one that grew past 24 bytes and got shorter again
//! (typography rewrites) moves it back inside the inline, freeing its allocation.

use super::block::{Block, Figure, Href, Inline, ListItem, Table};
use super::page::{Footnote, Page};

impl Page {
    /// Frees the unused room of every list and text of the page's body.
    pub fn shrink_to_fit(&mut self) {
        blocks(&mut self.blocks);
        self.footnotes.shrink_to_fit();
        for Footnote {
            label, blocks: b, ..
        } in &mut self.footnotes
        {
            label.shrink_to_fit();
            blocks(b);
        }
        self.toc.shrink_to_fit();
        self.front.title.shrink_to_fit();
        self.front.description.shrink_to_fit();
        inlines(&mut self.front.title_inlines);
        self.url.shrink_to_fit();
        self.body_hash.shrink_to_fit();
    }
}

fn blocks(list: &mut Vec<Block>) {
    list.shrink_to_fit();
    for block in list {
        match block {
            Block::Heading { content, .. } => inlines(content),
            Block::Paragraph(content) => inlines(content),
            Block::List { items, .. } => {
                items.shrink_to_fit();
                for ListItem { blocks: b, .. } in items {
                    blocks(b);
                }
            }
            Block::Quote {
                title, blocks: b, ..
            } => {
                if let Some(title) = title {
                    title.shrink_to_fit();
                }
                blocks(b);
            }
            Block::Table(table) => {
                let Table { align, head, rows } = &mut **table;
                align.shrink_to_fit();
                head.shrink_to_fit();
                head.iter_mut().for_each(inlines);
                rows.shrink_to_fit();
                for row in rows {
                    row.shrink_to_fit();
                    row.iter_mut().for_each(inlines);
                }
            }
            Block::Image(figure) => {
                let Figure {
                    alt,
                    title,
                    caption,
                    src,
                    ..
                } = &mut **figure;
                alt.shrink_to_fit();
                title.shrink_to_fit();
                href(src);
                if let Some(caption) = caption {
                    inlines(caption);
                }
            }
            Block::Html(html, _) => html.shrink_to_fit(),
            // Heading ids and code are boxed `str`s: exact already.
            Block::Rule | Block::DecisionTree { .. } | Block::Code { .. } => {}
        }
    }
}

fn inlines(list: &mut Vec<Inline>) {
    list.shrink_to_fit();
    for inline in list {
        match inline {
            Inline::Text(text) | Inline::Code(text) => text.shrink_to_fit(),
            Inline::Emphasis(content)
            | Inline::Strong(content)
            | Inline::Strikethrough(content) => inlines(content),
            Inline::Link(link) => {
                href(&mut link.href);
                link.title.shrink_to_fit();
                inlines(&mut link.content);
            }
            Inline::Image(image) => {
                href(&mut image.src);
                image.alt.shrink_to_fit();
                image.title.shrink_to_fit();
            }
            Inline::Indexed(mark) => inlines(&mut mark.content),
            Inline::SoftBreak
            | Inline::LineBreak
            | Inline::FootnoteRef { .. }
            | Inline::Html(..) => {}
        }
    }
}

fn href(href: &mut Href) {
    match href {
        Href::External(s) | Href::Fragment(s) | Href::Asset(s) | Href::Unresolved(s) => {
            s.shrink_to_fit()
        }
        Href::Page { path, anchor, .. } => {
            path.shrink_to_fit();
            if let Some(anchor) = anchor {
                anchor.shrink_to_fit();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grown_lists_and_texts_keep_their_content_and_lose_their_room() {
        // Longer than a `CompactString` holds in place.
        let mut text = compact_str::CompactString::with_capacity(64);
        text.push_str("a tight item, longer than 24 bytes");
        let mut content = Vec::with_capacity(16);
        content.push(Inline::Text(text));
        let mut items = Vec::with_capacity(8);
        items.push(ListItem {
            task: None,
            blocks: vec![Block::Paragraph(content)],
        });
        let mut body = Vec::with_capacity(32);
        body.push(Block::List {
            start: None,
            tight: true,
            items,
        });
        let before = body.clone();
        blocks(&mut body);
        assert_eq!(body, before);
        assert_eq!(body.capacity(), 1);
        let [Block::List { items, .. }] = body.as_slice() else {
            panic!("one list");
        };
        let [Block::Paragraph(content)] = items[0].blocks.as_slice() else {
            panic!("one paragraph");
        };
        assert_eq!(items.capacity(), 1);
        assert_eq!(content.capacity(), 1);
        let [Inline::Text(text)] = content.as_slice() else {
            panic!("one text");
        };
        assert_eq!(text.capacity(), text.len());
    }
}
