//! The laid-out document: pages of positioned boxes, the output of `layout` and the
//! input of `paint`. Coordinates are points from the page's top-left corner (y grows
//! downwards); text is positioned by its baseline.

use super::text::{Segment, Segments};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color(pub u8, pub u8, pub u8);

impl Color {
    pub const TEXT: Color = Color(0x1c, 0x23, 0x30);
    pub const MUTED: Color = Color(0x5b, 0x65, 0x75);
    pub const RULE: Color = Color(0xc8, 0xce, 0xd8);
    pub const LINK: Color = Color(0x17, 0x4a, 0x96);
    pub const CODE_BG: Color = Color(0xf3, 0xf5, 0xf8);

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Url(String),
    /// A destination of this document: `<page path>` or `<page path>#<id>`.
    Anchor(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        color: Color,
        segments: Segments,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: Color,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Color,
    },
    Link {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        target: Target,
    },
    /// A named destination (a heading, a page, a decision-tree step).
    Anchor {
        name: String,
        y: f32,
    },
    /// A picture from the site's files, by its output path (`fr/images/schema.png`).
    Image {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        path: String,
    },
    /// The items up to the matching `End` are one element of the document's logical
    /// structure (a tagged PDF's structure tree): they may run over several pages.
    /// An `Artifact` is the exception: it never crosses a page.
    Begin(Role),
    End,
}

/// What a run of items is in the document, for readers that do not see the page
/// (screen readers, reflow, extraction): the structure types of ISO 32000-1, 14.8.4.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// A chapter; `lang` when its text is in another language than the guide's (a
    /// page shown in its source language while its translation is missing).
    Sect {
        lang: Option<String>,
    },
    Heading(u8),
    Paragraph,
    List,
    ListItem,
    Label,
    ListBody,
    Table,
    Row,
    HeaderCell,
    Cell,
    Figure {
        alt: String,
    },
    Caption,
    Code,
    Quote,
    Note,
    Link,
    Contents,
    ContentsItem,
    /// Decoration and page furniture (running headers, page numbers, leaders): not
    /// part of the text.
    Artifact,
}

impl Role {
    /// The structure type's name.
    pub fn tag(&self) -> &'static str {
        match self {
            Role::Sect { .. } => "Sect",
            Role::Heading(1) => "H1",
            Role::Heading(2) => "H2",
            Role::Heading(3) => "H3",
            Role::Heading(4) => "H4",
            Role::Heading(5) => "H5",
            Role::Heading(_) => "H6",
            Role::Paragraph => "P",
            Role::List => "L",
            Role::ListItem => "LI",
            Role::Label => "Lbl",
            Role::ListBody => "LBody",
            Role::Table => "Table",
            Role::Row => "TR",
            Role::HeaderCell => "TH",
            Role::Cell => "TD",
            Role::Figure { .. } => "Figure",
            Role::Caption => "Caption",
            Role::Code => "Code",
            Role::Quote => "BlockQuote",
            Role::Note => "Note",
            Role::Link => "Link",
            Role::Contents => "TOC",
            Role::ContentsItem => "TOCI",
            Role::Artifact => "Artifact",
        }
    }
}

/// `items` as one element of the structure.
pub fn tagged(role: Role, items: impl IntoIterator<Item = Item>) -> Vec<Item> {
    let mut out = vec![Item::Begin(role)];
    out.extend(items);
    out.push(Item::End);
    out
}

impl Item {
    /// The item moved down by `dy` and right by `dx`. It is taken, not copied: a
    /// text's segments move with it (pagination moves every item of a long guide).
    pub fn shifted(mut self, dx: f32, dy: f32) -> Item {
        match &mut self {
            Item::Text { x, baseline, .. } => {
                *x += dx;
                *baseline += dy;
            }
            Item::Rect { x, y, .. } | Item::Link { x, y, .. } | Item::Image { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Item::Line { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
            Item::Anchor { y, .. } => *y += dy,
            Item::Begin(_) | Item::End => {}
        }
        self
    }
}

/// The visible text of segments, as extraction should give it back.
pub fn segments_text(segments: &[Segment]) -> String {
    segments
        .iter()
        .flat_map(|s| s.glyphs.iter().map(|g| g.text.as_str()))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageBox {
    /// Roman numerals for the front matter, then 1, 2, ...
    pub label: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    pub level: u8,
    pub anchor: String,
}

/// Anchor name -> (page index, y).
pub type Anchors = std::collections::HashMap<String, (usize, f32)>;

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub lang: String,
    /// `YYYY-MM-DD`, when configured: builds stay reproducible.
    pub date: Option<String>,
    pub width: f32,
    pub height: f32,
    pub pages: Vec<PageBox>,
    /// How many front-matter pages (cover, contents) come first.
    pub front_pages: usize,
    pub outline: Vec<OutlineEntry>,
    /// PDF/A or not (the file is tagged either way).
    pub standard: crate::model::PdfStandard,
}

impl Document {
    /// Where each anchor is: (page index, y).
    pub fn anchors(&self) -> Anchors {
        let mut found = Anchors::new();
        for (i, page) in self.pages.iter().enumerate() {
            for item in &page.items {
                if let Item::Anchor { name, y } = item {
                    found.entry(name.clone()).or_insert((i, *y));
                }
            }
        }
        found
    }

    /// A stable text rendering of every page, for snapshot tests and debugging.
    pub fn dump(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "document {:?} lang={} {:.0}x{:.0} pages={} front={}",
            self.title,
            self.lang,
            self.width,
            self.height,
            self.pages.len(),
            self.front_pages
        );
        for entry in &self.outline {
            let _ = writeln!(
                out,
                "outline {} {:?} -> {}",
                entry.level, entry.title, entry.anchor
            );
        }
        for (i, page) in self.pages.iter().enumerate() {
            let _ = writeln!(out, "page {} label={}", i + 1, page.label);
            for item in &page.items {
                let _ = match item {
                    Item::Text {
                        x,
                        baseline,
                        size,
                        color,
                        segments,
                    } => {
                        let fonts: Vec<&str> = segments.iter().map(|s| s.font.short()).collect();
                        writeln!(
                            out,
                            "  text {x:.1},{baseline:.1} {} {size:.1} {} {:?}",
                            fonts.join("+"),
                            color.hex(),
                            segments_text(segments)
                        )
                    }
                    Item::Rect {
                        x,
                        y,
                        width,
                        height,
                        color,
                    } => writeln!(
                        out,
                        "  rect {x:.1},{y:.1} {width:.1}x{height:.1} {}",
                        color.hex()
                    ),
                    Item::Line {
                        x1,
                        y1,
                        x2,
                        y2,
                        width,
                        ..
                    } => writeln!(out, "  line {x1:.1},{y1:.1} -> {x2:.1},{y2:.1} w{width:.1}"),
                    Item::Link {
                        x,
                        y,
                        width,
                        height,
                        target,
                    } => writeln!(
                        out,
                        "  link {x:.1},{y:.1} {width:.1}x{height:.1} {target:?}"
                    ),
                    Item::Anchor { name, y } => writeln!(out, "  anchor {name} y={y:.1}"),
                    Item::Image {
                        x,
                        y,
                        width,
                        height,
                        path,
                    } => writeln!(out, "  image {x:.1},{y:.1} {width:.1}x{height:.1} {path}"),
                    // The dump shows where things are drawn; the structure is checked
                    // in the PDF itself (tests/suite/pdf_tags.rs).
                    Item::Begin(_) | Item::End => Ok(()),
                };
            }
        }
        out
    }
}
