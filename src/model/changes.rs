//! The blocks of an outdated translation that lag behind their source, as plain data:
//! `l10n` says which (by number), the HTML renderer marks them, the PDF ignores them.
//!
//! A page's blocks are numbered here, once, in the order `l10n::blocks` cuts a
//! Markdown body: a heading, a paragraph (or a figure), a list item (the items of a
//! list nested in it count apart), a whole quote or callout, a code block, a table's
//! head row and each of its rows, a raw HTML block, a tree embed, then each footnote.
//! The renderer asks for a block's number by the block itself (`Numbered::of`) rather
//! than counting again, so the two can never disagree.

use std::collections::HashMap;

use super::block::{Block, ListItem, TableCell};
use super::page::{Footnote, Page};

/// A block of a translation whose source changed or appeared since the sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedBlock {
    /// Its number in the page (see the module's doc).
    pub number: usize,
    /// `serve --translator`: the source's blocks it stands for, as they read now;
    /// empty in a normal build, which carries no source text.
    pub sources: Vec<SourceText>,
}

/// A source block's text now (at the sync for a removed one), and how it changed since
/// the sync when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    pub change: SourceChange,
    /// Empty for a removed block whose text at the sync is unknown (no git history).
    pub text: String,
    /// Word by word, from the text at the sync; empty when that text is unknown, or
    /// for a new or removed block.
    pub diff: Vec<WordChange>,
}

/// How a source block that a translated block stands for changed since the sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceChange {
    /// The block the translation was made from, edited.
    Changed,
    /// A block the source gained next to it.
    Added,
    /// The block the translation was made from, gone from the source.
    Removed,
}

/// A run of words of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordChange {
    Same(String),
    Gone(String),
    Added(String),
}

/// What a numbered block is, in the words of `l10n::blocks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberedKind {
    Heading,
    Paragraph,
    Item,
    Quote,
    Code,
    Row,
    Html,
    Tree,
    Footnote,
}

impl NumberedKind {
    /// The kind's name in `l10n::blocks`.
    pub fn name(self) -> &'static str {
        match self {
            NumberedKind::Heading => "heading",
            NumberedKind::Paragraph => "paragraph",
            NumberedKind::Item => "item",
            NumberedKind::Quote => "quote",
            NumberedKind::Code => "code",
            NumberedKind::Row => "row",
            NumberedKind::Html => "html",
            NumberedKind::Tree => "tree",
            NumberedKind::Footnote => "footnote",
        }
    }
}

/// A page's numbered blocks: their kinds in order, and each one's number by its
/// address in the page (blocks, list items, table rows and footnotes each live at an
/// address of their own while the page is borrowed).
pub struct Numbered {
    pub kinds: Vec<NumberedKind>,
    numbers: HashMap<usize, usize>,
}

impl Numbered {
    pub fn new(page: &Page) -> Numbered {
        let mut numbered = Numbered {
            kinds: Vec::new(),
            numbers: HashMap::new(),
        };
        numbered.blocks(&page.blocks);
        for note in &page.footnotes {
            numbered.push(note as *const Footnote as usize, NumberedKind::Footnote);
        }
        numbered
    }

    /// The number of a block, list item, table row (`&Vec<TableCell>`) or footnote of
    /// the page; `None` for what is not numbered (a paragraph inside an item...).
    pub fn of<T>(&self, part: &T) -> Option<usize> {
        self.numbers.get(&(part as *const T as usize)).copied()
    }

    fn push(&mut self, address: usize, kind: NumberedKind) {
        self.numbers.insert(address, self.kinds.len());
        self.kinds.push(kind);
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            let address = block as *const Block as usize;
            let kind = match block {
                Block::Heading { .. } => NumberedKind::Heading,
                Block::Paragraph(_) | Block::Image(_) => NumberedKind::Paragraph,
                Block::List { items, .. } => {
                    self.items(items);
                    continue;
                }
                Block::Quote { .. } => NumberedKind::Quote,
                Block::Code { .. } => NumberedKind::Code,
                Block::Table(table) => {
                    self.row(&table.head);
                    for row in &table.rows {
                        self.row(row);
                    }
                    continue;
                }
                Block::Rule => continue,
                Block::Html(..) => NumberedKind::Html,
                Block::DecisionTree { .. } => NumberedKind::Tree,
            };
            self.push(address, kind);
        }
    }

    /// An item is one block up to a list nested in it, whose items count apart.
    fn items(&mut self, items: &[ListItem]) {
        for item in items {
            self.push(item as *const ListItem as usize, NumberedKind::Item);
            for block in &item.blocks {
                if let Block::List { items, .. } = block {
                    self.items(items);
                }
            }
        }
    }

    fn row(&mut self, row: &Vec<TableCell>) {
        self.push(row as *const Vec<TableCell> as usize, NumberedKind::Row);
    }
}
