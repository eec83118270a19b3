//! Assemble: the painted pages, the fonts and the pictures written as one PDF file
//! with pdf-writer, in a single pass. Besides the page tree: a nested outline
//! (chapters and sections), the document language, page labels (roman for the front
//! matter), opening with the outline shown and the title in the window, no dates
//! unless configured, and a content-derived file identifier, so builds are
//! reproducible.

use std::collections::HashMap;

use pdf_writer::types::{
    ActionType, AnnotationType, HighlightEffect, NumberingStyle, OutputIntentSubtype, PageMode,
    TabOrder,
};
use pdf_writer::{Date, Filter, Finish, Name, Pdf, Rect, Ref, Settings, Str, TextStr};

use super::boxes::{Anchors, Document};
use super::embed::{self, Picture, Subsets};
use super::fonts::{FontId, Fonts};
use super::paint::{LinkTarget, Painted};
use super::tags::{self, Tree};

/// The objects every file has, numbered first.
struct Skeleton {
    catalog: Ref,
    info: Ref,
    tree: Ref,
    pages: Vec<Ref>,
}

pub fn assemble(
    doc: &Document,
    painted: Vec<Painted>,
    subsets: &Subsets,
    pictures: &HashMap<String, Picture>,
    fonts: &Fonts,
    anchors: &Anchors,
) -> Result<Vec<u8>, embed::FontError> {
    let mut pdf = Pdf::with_settings(Settings { pretty: false });
    let mut next = Ref::new(1);
    let skeleton = Skeleton {
        catalog: next.bump(),
        info: next.bump(),
        tree: next.bump(),
        pages: painted.iter().map(|_| next.bump()).collect(),
    };
    let mut font_refs: HashMap<FontId, (&str, Ref)> = HashMap::new();
    for subset in subsets.iter() {
        let id = embed::write_font(&mut pdf, &mut next, subset, fonts)?;
        font_refs.insert(subset.font, (&subset.name, id));
    }
    // By name, so the numbering does not depend on a hash map's order.
    let mut ordered: Vec<(&String, &Picture)> = pictures.iter().collect();
    ordered.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    let mut picture_refs: HashMap<&str, (&str, Ref)> = HashMap::new();
    for (path, picture) in ordered {
        let id = embed::write_picture(&mut pdf, &mut next, picture);
        picture_refs.insert(path, (&picture.name, id));
    }
    let mut painted = painted;
    let tree = Tree::build(painted.iter_mut().map(|p| std::mem::take(&mut p.events)));
    let counts: Vec<Vec<()>> = painted.iter().map(|p| vec![(); p.links.len()]).collect();
    let keys = tags::annotation_keys(painted.len(), &counts);
    let mut annotations = Vec::with_capacity(painted.len());
    for (i, page) in painted.iter().enumerate() {
        annotations.push(write_page(
            &mut pdf,
            &mut next,
            &skeleton,
            (i, keys[i]),
            page,
            (&font_refs, &picture_refs),
            doc,
        ));
    }
    // The streams are copied into the file: freed before the outline is written.
    drop(painted);
    pdf.pages(skeleton.tree)
        .kids(skeleton.pages.iter().copied())
        .count(skeleton.pages.len() as i32);
    let structure = tree.write(&mut pdf, &mut next, &skeleton.pages, &annotations);
    let outline = write_outline(&mut pdf, &mut next, &skeleton, doc, anchors);
    write_catalog(&mut pdf, &mut next, &skeleton, doc, (outline, structure));
    write_info(&mut pdf, skeleton.info, doc);
    // The identifier is a hash of every object written.
    let id = fingerprint(pdf.as_bytes());
    pdf.set_file_id((id.clone(), id));
    let file = pdf.finish();
    Ok(super::pack::pack(&file).unwrap_or(file))
}

type Resources<'a> = (
    &'a HashMap<FontId, (&'a str, Ref)>,
    &'a HashMap<&'a str, (&'a str, Ref)>,
);

/// Writes page `index` and its link annotations (their parent-tree keys from
/// `first_key` on); returns the annotations.
fn write_page(
    pdf: &mut Pdf,
    next: &mut Ref,
    skeleton: &Skeleton,
    (index, first_key): (usize, i32),
    page: &Painted,
    (fonts, pictures): Resources,
    doc: &Document,
) -> Vec<Ref> {
    let id = skeleton.pages[index];
    let content = next.bump();
    pdf.stream(content, &page.content)
        .filter(Filter::FlateDecode);
    // Link annotations are objects of their own, as some readers only look for those.
    let annotations: Vec<Ref> = page
        .links
        .iter()
        .enumerate()
        .map(|(n, link)| {
            let annotation = next.bump();
            let mut writer = pdf.annotation(annotation);
            let [x1, y1, x2, y2] = link.rect;
            writer
                .subtype(AnnotationType::Link)
                .rect(Rect::new(x1, y1, x2, y2))
                .contents(TextStr(&link.contents))
                .struct_parent(first_key + n as i32)
                // PDF/A: printed as shown.
                .flags(pdf_writer::types::AnnotationFlags::PRINT)
                .page(id)
                .border(0.0, 0.0, 0.0, None)
                .color_transparent()
                .highlight(HighlightEffect::Invert);
            let mut action = writer.action();
            match &link.target {
                LinkTarget::Uri(url) => {
                    action.action_type(ActionType::Uri).uri(Str(url.as_bytes()));
                }
                LinkTarget::Page { index, top } => {
                    action
                        .action_type(ActionType::GoTo)
                        .destination()
                        .page(skeleton.pages[*index])
                        .xyz(0.0, *top, None);
                }
            }
            action.finish();
            annotation
        })
        .collect();
    let mut writer = pdf.page(id);
    writer
        .parent(skeleton.tree)
        .media_box(Rect::new(0.0, 0.0, doc.width, doc.height))
        .contents(content)
        .struct_parents(index as i32)
        // Tab through links in the order of the structure.
        .tab_order(TabOrder::StructureOrder);
    let mut resources = writer.resources();
    let mut font_dict = resources.fonts();
    for font in &page.fonts {
        if let Some((name, font)) = fonts.get(font) {
            font_dict.pair(Name(name.as_bytes()), *font);
        }
    }
    font_dict.finish();
    if !page.pictures.is_empty() {
        let mut xobjects = resources.x_objects();
        for path in &page.pictures {
            if let Some((name, image)) = pictures.get(path.as_str()) {
                xobjects.pair(Name(name.as_bytes()), *image);
            }
        }
    }
    resources.finish();
    if !annotations.is_empty() {
        writer.annotations(annotations.iter().copied());
    }
    annotations
}

fn write_catalog(
    pdf: &mut Pdf,
    next: &mut Ref,
    skeleton: &Skeleton,
    doc: &Document,
    (outline, structure): (Option<Ref>, Ref),
) {
    let metadata = next.bump();
    let packet = super::xmp::packet(doc);
    pdf.metadata(metadata, packet.as_bytes());
    // PDF/A: colours are sRGB, said once for the whole file with its profile.
    let profile = doc.standard.archive_conformance().map(|_| {
        let id = next.bump();
        let icc = typst_assets::icc::S_RGB_V4;
        let compressed = super::deflate(icc);
        pdf.icc_profile(id, &compressed)
            .n(3)
            .range([0.0, 1.0, 0.0, 1.0, 0.0, 1.0])
            .filter(Filter::FlateDecode);
        id
    });
    let roman = (doc.front_pages > 0).then(|| {
        let id = next.bump();
        pdf.indirect(id)
            .start::<pdf_writer::writers::PageLabel>()
            .style(NumberingStyle::LowerRoman);
        id
    });
    let decimal = next.bump();
    pdf.indirect(decimal)
        .start::<pdf_writer::writers::PageLabel>()
        .style(NumberingStyle::Arabic)
        .offset(1);
    let mut catalog = pdf.catalog(skeleton.catalog);
    catalog.pages(skeleton.tree);
    if let Some(outline) = outline {
        catalog.outlines(outline);
    }
    catalog
        .page_mode(PageMode::UseOutlines)
        .lang(TextStr(&doc.lang))
        .metadata(metadata)
        .pair(Name(b"StructTreeRoot"), structure);
    catalog.mark_info().marked(true);
    catalog.viewer_preferences().display_doc_title(true);
    if let Some(profile) = profile {
        catalog
            .output_intents()
            .push()
            .subtype(OutputIntentSubtype::PDFA)
            .output_condition(TextStr("sRGB"))
            .output_condition_identifier(TextStr("sRGB IEC61966-2.1"))
            .registry_name(TextStr("http://www.color.org"))
            .info(TextStr("sRGB IEC61966-2.1"))
            .dest_output_profile(profile);
    }
    let mut labels = catalog.page_labels();
    let mut nums = labels.nums();
    if let Some(roman) = roman {
        nums.insert(0, roman);
    }
    nums.insert(doc.front_pages as i32, decimal);
}

/// The Producer of Info and of the XMP metadata.
pub const PRODUCER: &str = concat!("Folio ", env!("CARGO_PKG_VERSION"));

/// What `xmp::packet` says too (PDF/A wants them equal): an empty author or subject
/// is left out of both.
fn write_info(pdf: &mut Pdf, id: Ref, doc: &Document) {
    let mut info = pdf.document_info(id);
    info.title(TextStr(&doc.title))
        .creator(TextStr("Folio"))
        .producer(TextStr(PRODUCER));
    if !doc.author.is_empty() {
        info.author(TextStr(&doc.author));
    }
    if !doc.subject.is_empty() {
        info.subject(TextStr(&doc.subject));
    }
    if let Some(date) = doc.date.as_deref().and_then(parse_date) {
        info.creation_date(date).modified_date(date);
    }
}

/// `YYYY-MM-DD` as a PDF date (midnight, no time zone given).
fn parse_date(date: &str) -> Option<Date> {
    let mut parts = date.split('-').map(|p| p.parse::<u16>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    (1..=12).contains(&month).then_some(())?;
    (1..=31).contains(&day).then_some(())?;
    Some(Date::new(year).month(month as u8).day(day as u8))
}

struct Node {
    title: String,
    page: usize,
    y: f32,
    children: Vec<Node>,
}

fn write_outline(
    pdf: &mut Pdf,
    next: &mut Ref,
    skeleton: &Skeleton,
    doc: &Document,
    anchors: &Anchors,
) -> Option<Ref> {
    let mut roots: Vec<Node> = Vec::new();
    for entry in &doc.outline {
        let Some(&(page, y)) = anchors.get(entry.anchor.as_str()) else {
            continue;
        };
        let node = Node {
            title: entry.title.clone(),
            page,
            y,
            children: Vec::new(),
        };
        match (entry.level, roots.last_mut()) {
            (2, Some(parent)) => parent.children.push(node),
            _ => roots.push(node),
        }
    }
    if roots.is_empty() {
        return None;
    }
    let root = next.bump();
    let (first, last, count) = write_nodes(pdf, next, skeleton, root, &roots, doc.height);
    pdf.outline(root).first(first).last(last).count(count);
    Some(root)
}

/// Writes `nodes` as siblings under `parent`: (first, last, visible count).
fn write_nodes(
    pdf: &mut Pdf,
    next: &mut Ref,
    skeleton: &Skeleton,
    parent: Ref,
    nodes: &[Node],
    height: f32,
) -> (Ref, Ref, i32) {
    let ids: Vec<Ref> = nodes.iter().map(|_| next.bump()).collect();
    for (i, node) in nodes.iter().enumerate() {
        let children = (!node.children.is_empty())
            .then(|| write_nodes(pdf, next, skeleton, ids[i], &node.children, height));
        let mut item = pdf.outline_item(ids[i]);
        item.title(TextStr(&node.title)).parent(parent);
        if let Some(page) = skeleton.pages.get(node.page) {
            item.dest()
                .page(*page)
                .xyz(0.0, height - node.y + 4.0, None);
        }
        if i > 0 {
            item.prev(ids[i - 1]);
        }
        if i + 1 < ids.len() {
            item.next(ids[i + 1]);
        }
        if let Some((first, last, _)) = children {
            // Chapters start closed: the outline reads as a table of contents.
            item.first(first)
                .last(last)
                .count(-(node.children.len() as i32));
        }
    }
    (ids[0], *ids.last().expect("nodes"), nodes.len() as i32)
}

/// A 128-bit SipHash-1-3 of the file, for the 16-byte identifier. It reads eight
/// bytes at a time: the byte-by-byte FNV-1a it replaced took 70 ms of a 4,400-page
/// guide's assembly, which no other core shares.
fn fingerprint(data: &[u8]) -> Vec<u8> {
    use siphasher::sip128::{Hasher128, SipHasher13};
    use std::hash::Hasher;
    let mut hasher = SipHasher13::new();
    hasher.write(data);
    hasher.finish128().as_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_days_of_the_calendar() {
        assert!(parse_date("2026-11-26").is_some());
        assert!(parse_date("2026-13-01").is_none());
        assert!(parse_date("2026-11").is_none());
        assert!(parse_date("soon").is_none());
    }

    #[test]
    fn the_identifier_depends_on_every_byte() {
        assert_eq!(fingerprint(b"abc").len(), 16);
        assert_eq!(fingerprint(b"abc"), fingerprint(b"abc"));
        assert_ne!(fingerprint(b"abc"), fingerprint(b"abd"));
    }
}
