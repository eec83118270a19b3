//! Tagging: the guide as a tagged PDF (PDF/UA-1), so a screen reader, a reflowing
//! viewer or text extraction gets headings, lists, tables, figures with their alt
//! text, notes and links in reading order, and skips the page furniture.
//!
//! Layout marks what its items are (`Item::Begin(Role)` … `Item::End`, in the
//! document's logical order); painting turns each page's marks into marked-content
//! sequences with identifiers (a `Marker` per page, pages painted side by side) and
//! a list of events; assembling walks every page's events in page order to build the
//! structure tree, whose elements may run over several pages, and writes it with the
//! parent tree that leads back from each sequence and link annotation to its element.

use pdf_writer::types::TableHeaderScope;
use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Finish, Name, Pdf, Ref, Str, TextStr};

use super::boxes::Role;
use super::operators::Operators;

/// What painting a page says about its structure, in the order of its stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Open(Role),
    Close,
    /// A marked-content sequence (its identifier on the page) of the open element.
    Content(u32),
    /// The page's link annotation at this index, inside the open element.
    Annotation(usize),
}

/// What a stretch of the content stream is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text and pictures: part of the document.
    Content,
    /// Backgrounds, rules, frames: decoration.
    Decoration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Artifact,
    Content,
}

enum Frame {
    Element(&'static str),
    Artifact,
    /// An element inside an artifact: not in the structure.
    Ignored,
}

/// Marks one page's content stream as it is painted: consecutive items of one element
/// share a sequence, an element's start or end closes it.
#[derive(Default)]
pub struct Marker {
    open: Option<Open>,
    /// The elements opened on this page (an element opened on an earlier page is
    /// known to the tree, not here).
    frames: Vec<Frame>,
    artifacts: usize,
    next_id: u32,
    pub events: Vec<Event>,
    /// The words of the link being painted, for its annotation's `/Contents`.
    link_text: Option<String>,
}

impl Marker {
    pub fn begin(&mut self, role: Role, content: &mut Operators) {
        self.close(content);
        if role == Role::Artifact {
            self.artifacts += 1;
            self.frames.push(Frame::Artifact);
        } else if self.artifacts > 0 {
            self.frames.push(Frame::Ignored);
        } else {
            if role == Role::Link {
                self.link_text = Some(String::new());
            }
            self.frames.push(Frame::Element(role.tag()));
            self.events.push(Event::Open(role));
        }
    }

    pub fn end(&mut self, content: &mut Operators) {
        self.close(content);
        match self.frames.pop() {
            Some(Frame::Artifact) => self.artifacts -= 1,
            Some(Frame::Ignored) => {}
            Some(Frame::Element(tag)) => {
                if tag == "Link" {
                    self.link_text = None;
                }
                self.events.push(Event::Close);
            }
            None => self.events.push(Event::Close),
        }
    }

    /// Makes sure what follows is painted in a sequence of `kind`.
    pub fn mark(&mut self, kind: Kind, content: &mut Operators) {
        let wanted = if kind == Kind::Decoration || self.artifacts > 0 {
            Open::Artifact
        } else {
            Open::Content
        };
        if self.open == Some(wanted) {
            return;
        }
        self.close(content);
        match wanted {
            Open::Artifact => content.begin_marked("Artifact", None),
            Open::Content => {
                let tag = self
                    .frames
                    .iter()
                    .rev()
                    .find_map(|f| match f {
                        Frame::Element(tag) => Some(*tag),
                        _ => None,
                    })
                    .unwrap_or("Span");
                content.begin_marked(tag, Some(self.next_id));
                self.events.push(Event::Content(self.next_id));
                self.next_id += 1;
            }
        }
        self.open = Some(wanted);
    }

    /// Whether text painted now belongs to a link (its words are wanted).
    pub fn in_link(&self) -> bool {
        self.link_text.is_some()
    }

    pub fn link_words(&mut self, text: &str) {
        if let Some(words) = &mut self.link_text {
            words.push_str(text);
        }
    }

    /// Records the page's link annotation `index` here; returns the link's words.
    pub fn annotation(&mut self, index: usize) -> Option<String> {
        self.events.push(Event::Annotation(index));
        self.link_text
            .as_ref()
            .map(|w| w.trim().to_string())
            .filter(|w| !w.is_empty())
    }

    /// Closes the open sequence, at the end of the page or before a mark.
    pub fn close(&mut self, content: &mut Operators) {
        if self.open.take().is_some() {
            content.end_marked();
        }
    }
}

enum Kid {
    Element(usize),
    Content { page: usize, id: u32 },
    Annotation { page: usize, index: usize },
}

struct Node {
    /// `None`: the root element, `Document`.
    role: Option<Role>,
    parent: usize,
    kids: Vec<Kid>,
}

/// The structure of the whole document, from every page's events.
pub struct Tree {
    nodes: Vec<Node>,
}

impl Tree {
    pub fn build(pages: impl IntoIterator<Item = Vec<Event>>) -> Tree {
        let mut nodes = vec![Node {
            role: None,
            parent: 0,
            kids: Vec::new(),
        }];
        let mut stack = vec![0usize];
        // Headings step down one level at a time (an H4 right after an H2 is read as
        // an H3), so that assistive technology sees them nest.
        let mut last_heading = 0u8;
        for (page, events) in pages.into_iter().enumerate() {
            for event in events {
                let top = *stack.last().expect("the root stays");
                match event {
                    Event::Open(mut role) => {
                        if let Role::Heading(level) = &mut role {
                            *level = (*level).clamp(1, last_heading + 1).min(6);
                            last_heading = *level;
                        }
                        nodes.push(Node {
                            role: Some(role),
                            parent: top,
                            kids: Vec::new(),
                        });
                        let id = nodes.len() - 1;
                        nodes[top].kids.push(Kid::Element(id));
                        stack.push(id);
                    }
                    Event::Close => {
                        if stack.len() > 1 {
                            stack.pop();
                        }
                    }
                    Event::Content(id) => nodes[top].kids.push(Kid::Content { page, id }),
                    Event::Annotation(index) => {
                        let link = nodes[top].role == Some(Role::Link)
                            && !nodes[top]
                                .kids
                                .iter()
                                .any(|k| matches!(k, Kid::Annotation { .. }));
                        let kid = Kid::Annotation { page, index };
                        if link {
                            nodes[top].kids.push(kid);
                        } else {
                            // A link area laid out without its words: an element of its own.
                            nodes.push(Node {
                                role: Some(Role::Link),
                                parent: top,
                                kids: vec![kid],
                            });
                            let id = nodes.len() - 1;
                            nodes[top].kids.push(Kid::Element(id));
                        }
                    }
                }
            }
        }
        Tree { nodes }
    }

    /// Writes the structure tree; returns the `StructTreeRoot`. `pages` are the page
    /// objects, `annotations` each page's link annotations (with the parent-tree keys
    /// `annotation_keys` gave them).
    pub fn write(
        &self,
        pdf: &mut Pdf,
        next: &mut Ref,
        pages: &[Ref],
        annotations: &[Vec<Ref>],
    ) -> Ref {
        // An element with nothing painted inside it (an empty paragraph) is left out.
        let mut kept: Vec<bool> = self
            .nodes
            .iter()
            .map(|n| n.kids.iter().any(|k| !matches!(k, Kid::Element(_))))
            .collect();
        for i in (1..self.nodes.len()).rev() {
            if kept[i] {
                kept[self.nodes[i].parent] = true;
            }
        }
        kept[0] = true;
        let root = next.bump();
        let refs: Vec<Option<Ref>> = kept.iter().map(|k| k.then(|| next.bump())).collect();
        let mut by_id: Vec<Vec<Ref>> = pages.iter().map(|_| Vec::new()).collect();
        let keys = annotation_keys(pages.len(), annotations);
        let mut annotation_parents: Vec<(i32, Ref)> = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            let Some(id) = refs[i] else { continue };
            let parent = if i == 0 {
                root
            } else {
                refs[node.parent].unwrap_or(root)
            };
            let mut element = pdf.struct_element(id);
            let tag = node.role.as_ref().map_or("Document", Role::tag);
            element.custom_kind(Name(tag.as_bytes())).parent(parent);
            match &node.role {
                Some(Role::Figure { alt }) => {
                    element.alt(TextStr(alt));
                }
                Some(Role::Sect { lang: Some(lang) }) => {
                    element.lang(TextStr(lang));
                }
                // PDF/UA wants notes identified.
                Some(Role::Note) => {
                    element.id(Str(format!("note-{i}").as_bytes()));
                }
                Some(Role::HeaderCell) => {
                    element
                        .attributes()
                        .push()
                        .table()
                        .scope(TableHeaderScope::Column);
                }
                _ => {}
            }
            // Most elements lie on one page: it is said once, and their sequences are
            // bare numbers rather than a reference each (a third of the tree's bytes).
            let mut on_pages = node.kids.iter().filter_map(|k| match k {
                Kid::Content { page, .. } => Some(*page),
                _ => None,
            });
            let one_page = on_pages
                .next()
                .filter(|first| on_pages.all(|p| p == *first));
            if let Some(page) = one_page {
                element.page(pages[page]);
            }
            let mut kids = element.children();
            for kid in &node.kids {
                match *kid {
                    Kid::Element(k) => {
                        if let Some(r) = refs[k] {
                            kids.struct_element(r);
                        }
                    }
                    Kid::Content { page, id: mcid } => {
                        if one_page.is_some() {
                            kids.marked_content_id(mcid as i32);
                        } else {
                            kids.marked_content_ref()
                                .page(pages[page])
                                .marked_content_id(mcid as i32);
                        }
                        let slots = &mut by_id[page];
                        if slots.len() <= mcid as usize {
                            slots.resize(mcid as usize + 1, id);
                        }
                        slots[mcid as usize] = id;
                    }
                    Kid::Annotation { page, index } => {
                        if let Some(annotation) = annotations[page].get(index) {
                            kids.object_ref().page(pages[page]).object(*annotation);
                            annotation_parents.push((keys[page] + index as i32, id));
                        }
                    }
                }
            }
            kids.finish();
        }
        // Each page's sequences, by identifier, lead to their elements.
        let arrays: Vec<Ref> = by_id
            .iter()
            .map(|elements| {
                let array = next.bump();
                pdf.indirect(array).array().items(elements.iter().copied());
                array
            })
            .collect();
        annotation_parents.sort_by_key(|(key, _)| *key);
        let mut tree = pdf.indirect(root).start::<StructTreeRoot>();
        tree.child(refs[0].expect("the root element is kept"));
        let next_key = keys.last().copied().unwrap_or(pages.len() as i32)
            + annotations.last().map_or(0, |a| a.len() as i32);
        {
            let mut parents = tree.parent_tree();
            let mut nums = parents.nums();
            for (page, array) in arrays.iter().enumerate() {
                nums.insert(page as i32, *array);
            }
            for (key, element) in &annotation_parents {
                nums.insert(*key, *element);
            }
        }
        tree.parent_tree_next_key(next_key);
        root
    }
}

/// The parent-tree key of each page's first link annotation: page `i` is key `i`,
/// annotations follow the pages, numbered in page order.
pub fn annotation_keys<T>(pages: usize, annotations: &[Vec<T>]) -> Vec<i32> {
    let mut key = pages as i32;
    annotations
        .iter()
        .map(|a| {
            let first = key;
            key += a.len() as i32;
            first
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(events: &[Event]) -> Vec<String> {
        events.iter().map(|e| format!("{e:?}")).collect()
    }

    #[test]
    fn an_elements_items_share_a_sequence_and_decoration_is_an_artifact() {
        let mut content = Operators::default();
        let mut marker = Marker::default();
        marker.begin(Role::Paragraph, &mut content);
        marker.mark(Kind::Content, &mut content);
        marker.mark(Kind::Content, &mut content);
        marker.mark(Kind::Decoration, &mut content);
        marker.mark(Kind::Content, &mut content);
        marker.end(&mut content);
        marker.begin(Role::Artifact, &mut content);
        marker.begin(Role::Paragraph, &mut content);
        marker.mark(Kind::Content, &mut content);
        marker.end(&mut content);
        marker.end(&mut content);
        marker.close(&mut content);
        assert_eq!(
            String::from_utf8(content.into_bytes()).unwrap(),
            "/P <</MCID 0>> BDC\nEMC\n/Artifact BMC\nEMC\n/P <</MCID 1>> BDC\nEMC\n/Artifact BMC\nEMC\n"
        );
        assert_eq!(
            marked(&marker.events),
            ["Open(Paragraph)", "Content(0)", "Content(1)", "Close"]
        );
    }

    #[test]
    fn elements_run_over_pages_and_headings_step_down_one_level_at_a_time() {
        let pages = vec![
            vec![
                Event::Open(Role::Sect { lang: None }),
                Event::Open(Role::Heading(1)),
                Event::Content(0),
                Event::Close,
                Event::Open(Role::Heading(4)),
                Event::Content(1),
                Event::Close,
                Event::Open(Role::Paragraph),
                Event::Content(2),
                Event::Annotation(0),
            ],
            vec![Event::Content(0), Event::Close, Event::Close],
        ];
        let tree = Tree::build(pages);
        let roles: Vec<&str> = tree
            .nodes
            .iter()
            .map(|n| n.role.as_ref().map_or("Document", Role::tag))
            .collect();
        assert_eq!(roles, ["Document", "Sect", "H1", "H2", "P", "Link"]);
        // The paragraph holds its text on both pages, and the link area between.
        assert_eq!(tree.nodes[4].kids.len(), 3);
        assert_eq!(tree.nodes[4].parent, 1);
    }

    #[test]
    fn annotations_are_keyed_after_the_pages() {
        assert_eq!(
            annotation_keys(3, &[vec![1, 2], vec![], vec![3]]),
            [3, 5, 5]
        );
    }
}
