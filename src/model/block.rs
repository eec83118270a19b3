//! Blocks and inlines: the owned tree a Markdown body becomes.

use compact_str::CompactString;

/// A place in a source file, 1-based, counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        /// Boxed `str`s here and in `Code`: without their capacity word, a block is 56
        /// bytes instead of 64 (4.6 million blocks at 20,000 x 3).
        id: Box<str>,
        content: Vec<Inline>,
        pos: Pos,
    },
    Paragraph(Vec<Inline>),
    List {
        /// `Some(n)` for an ordered list starting at n.
        start: Option<u64>,
        /// No blank line between its items or their blocks: items' paragraphs are shown
        /// without paragraph spacing (CommonMark's tight list).
        tight: bool,
        items: Vec<ListItem>,
    },
    Quote {
        callout: Option<Callout>,
        /// A callout's own title (Docusaurus `:::tip[Title]`, MkDocs `!!! tip "Title"`),
        /// shown instead of the callout's name.
        title: Option<String>,
        blocks: Vec<Block>,
    },
    Code {
        /// A boxed `str` rather than a `String`: with the attributes' box, the variant
        /// stays within the size of a heading.
        lang: Option<Box<str>>,
        code: Box<str>,
        pos: Pos,
        /// What the fence's info string says beyond the language; boxed as most fences
        /// say nothing more.
        attrs: Option<Box<CodeAttrs>>,
    },
    /// Tables and figures are boxed: they are rare among blocks, and a large site's
    /// model holds hundreds of thousands of blocks, each as big as the biggest variant.
    Table(Box<Table>),
    Rule,
    /// A paragraph that holds a single image.
    Image(Box<Figure>),
    /// Raw HTML as written, and where it starts (for the raw-HTML policy's reports).
    Html(String, Pos),
    /// A ```` ```decision-tree ```` fence: the tree with this id, shown here.
    DecisionTree {
        tree: String,
        pos: Pos,
    },
}

// 4.6 million blocks at 20,000 x 3: a variant that makes them bigger than seven words
// fails the build, not the memory.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Block>() == 56);

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub align: Vec<Align>,
    pub head: Vec<TableCell>,
    pub rows: Vec<Vec<TableCell>>,
}

/// A paragraph that holds a single image: shown as a figure, its title as caption.
/// Raw HTML pictures (`<img>`, `<figure>`, `<picture>`, in a centring `<p>` or
/// `<div>`) become figures too, with what they state about size and placement.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub src: Href,
    pub alt: String,
    pub title: String,
    pub pos: Pos,
    /// `Some` for a raw HTML picture: its `<figcaption>` (empty without one). `None`
    /// for a Markdown image, whose title is its caption.
    pub caption: Option<Vec<Inline>>,
    pub width: Option<Length>,
    pub height: Option<Length>,
    pub align: Align,
    /// The `<source>`s of a `<picture>` (e.g. a dark-mode version), in order.
    pub sources: Vec<PictureSource>,
}

/// A width or height as an HTML `<img>` states it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Length {
    /// CSS pixels (`width="300"`, `300px`).
    Pixels(f32),
    /// A share of the column (`width="50%"`).
    Percent(f32),
}

impl std::fmt::Display for Length {
    /// As an HTML attribute value: `300`, `50%`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Length::Pixels(n) => write!(f, "{n}"),
            Length::Percent(n) => write!(f, "{n}%"),
        }
    }
}

/// A `<source srcset="..." media="..." type="...">` of a `<picture>`.
#[derive(Debug, Clone, PartialEq)]
pub struct PictureSource {
    pub srcset: Href,
    pub media: String,
    pub mime: String,
    pub pos: Pos,
}

/// A fenced code block's attributes that Folio shows (```` ```js title="app.js" {2,4-5} ````).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CodeAttrs {
    /// The block's caption; empty for none.
    pub title: String,
    /// Lines to emphasise, as 1-based inclusive ranges in the order written.
    pub emphasis: Vec<(u32, u32)>,
}

impl CodeAttrs {
    /// Whether the block's `line` (1-based) is emphasised.
    pub fn emphasised(&self, line: usize) -> bool {
        self.emphasis
            .iter()
            .any(|&(first, last)| (first as usize..=last as usize).contains(&line))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// `Some(done)` for a task-list item.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

pub type TableCell = Vec<Inline>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// GitHub-style alerts (`> [!NOTE]`), the callouts of the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callout {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

impl Callout {
    pub fn name(self) -> &'static str {
        match self {
            Callout::Note => "note",
            Callout::Tip => "tip",
            Callout::Important => "important",
            Callout::Warning => "warning",
            Callout::Caution => "caution",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Texts and code spans are `CompactString`s: most are short (a word in emphasis,
    /// a table cell, a code span) and up to 24 bytes sit in the inline itself, not in
    /// an allocation of their own (10 million of the 20,000 x 3 corpus's 13 million).
    Text(CompactString),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Code(CompactString),
    /// Links and images are boxed: they are rare among inlines, and a large site's
    /// model is mostly inlines, each as big as the biggest variant.
    Link(Box<InlineLink>),
    Image(Box<InlineImage>),
    SoftBreak,
    LineBreak,
    /// The label and the raw HTML are boxed `str`s, not `String`s: with them, an inline
    /// is 32 bytes instead of 40, and a large site's model is mostly inlines.
    FootnoteRef {
        label: Box<str>,
        /// 1-based, in order of first reference.
        number: usize,
    },
    /// One raw HTML tag (or comment) as written, and where it starts.
    Html(Box<str>, Pos),
    /// A term marked for the back-of-book index (`[escalade]{.index}`): its text is
    /// shown as written, and the index links to the place.
    Indexed(Box<IndexMark>),
}

// A large site's model is mostly inlines (276 a page of the benchmark corpus): a
// variant that makes them bigger than four words fails the build, not the memory.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Inline>() == 32);

/// A place the index points to, and the entry it files under.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexMark {
    /// The entry: the `key` attribute, else the span's text (without a reading).
    pub term: String,
    /// The reading a Japanese term sorts and groups by (`漢字|かな`); never shown.
    pub reading: Option<String>,
    pub content: Vec<Inline>,
    /// The place's id in the page (`ix-escalade`): HTML id and PDF anchor.
    pub id: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InlineLink {
    pub href: Href,
    pub title: String,
    pub content: Vec<Inline>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InlineImage {
    pub src: Href,
    pub alt: String,
    pub title: String,
    pub pos: Pos,
    /// As a raw HTML `<img>` states them; `None` for a Markdown image.
    pub width: Option<Length>,
    pub height: Option<Length>,
}

/// Where a link points. Parsing yields `Unresolved` for relative targets; the
/// resolve step turns them into pages, anchors or assets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Href {
    /// A URL with a scheme (`https:`, `mailto:`), or protocol-relative.
    External(String),
    /// A page of the site, by locale and content path, optionally an anchor in it.
    /// `CompactString`s: a locale and most paths and anchors fit in their 24 bytes,
    /// and a large site holds hundreds of thousands of links.
    Page {
        locale: CompactString,
        path: CompactString,
        anchor: Option<CompactString>,
    },
    /// An anchor in the current page.
    Fragment(String),
    /// A non-page file, as a path relative to the output root.
    Asset(String),
    /// A relative target as written, before resolution.
    Unresolved(String),
}

impl Inline {
    /// The visible text, as a screen reader or a table of contents would read it.
    pub fn plain_text(inlines: &[Inline]) -> String {
        let mut out = String::new();
        collect_text(inlines, &mut out);
        out
    }

    /// Appends the visible text to `out` (no allocation of its own).
    pub fn push_plain_text(inlines: &[Inline], out: &mut String) {
        collect_text(inlines, out);
    }
}

fn collect_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                collect_text(c, out)
            }
            Inline::Link(link) => collect_text(&link.content, out),
            Inline::Indexed(mark) => collect_text(&mark.content, out),
            Inline::Image(image) => out.push_str(&image.alt),
            Inline::SoftBreak | Inline::LineBreak => out.push(' '),
            Inline::FootnoteRef { .. } | Inline::Html(..) => {}
        }
    }
}
