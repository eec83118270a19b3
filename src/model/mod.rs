//! The document model: plain data shared by every stage after parsing.
//!
//! Nothing here knows how it was parsed or how it will be rendered, and this module
//! imports nothing else from the crate. HTML and PDF both render from these types, so a
//! feature exists for both products as soon as it exists here.

mod block;
mod changes;
mod config;
mod decision_tree;
mod index_term;
mod outline;
mod page;
mod pdf_style;
mod shrink;
mod site;
mod source;

pub use block::CodeAttrs;
pub use block::{
    Align, Block, Callout, Figure, Href, IndexMark, Inline, InlineImage, InlineLink, ListItem, Pos,
    Table, TableCell,
};
pub use block::{Length, PictureSource};
pub use changes::{ChangedBlock, Numbered, NumberedKind, SourceChange, SourceText, WordChange};
pub use config::{
    HeadingIds, HtmlConfig, LinkStyle, MarkdownConfig, Paper, PdfConfig, PdfStandard, PrintedUrls,
    RawHtml, SiteConfig,
};
pub use decision_tree::{
    Answer, DecisionTree, Node, NodeKind, Outcome, OutcomeClass, PageLink, Path,
};
pub use index_term::{MalformedReading, split_reading};
pub use outline::{Chapter, Outline, OutlineEntry};
pub use page::{Footnote, FrontMatter, L10nRecord, Page, TocEntry};
pub use pdf_style::PdfStyle;
pub use site::Site;
pub use source::{BinaryFile, LineMap, SourceFile, Theme};
