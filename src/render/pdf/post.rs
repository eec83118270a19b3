//! Post-processing with lopdf: what printpdf cannot write. A nested outline (chapters
//! and sections), the document language, page labels (roman for the front matter),
//! opening with the outline shown and the title in the window, no dates unless
//! configured, and a content-derived file identifier, so builds are reproducible.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::boxes::{Anchors, Document};

pub fn finish(
    mut pdf: lopdf::Document,
    doc: &Document,
    anchors: &Anchors,
) -> Result<Vec<u8>, String> {
    // printpdf writes 1.3, but embeds OpenType fonts (1.6) and we add 1.7 features.
    pdf.version = "1.7".into();
    let pages = pdf.get_pages();
    // Only an outline of printpdf's own, replaced below, could be left unreferenced.
    let replaces_outline = pdf.catalog().is_ok_and(|catalog| catalog.has(b"Outlines"));
    indirect_annotations(&mut pdf, &pages);
    let outline = write_outline(&mut pdf, &pages, doc, anchors);
    {
        let catalog = pdf.catalog_mut().map_err(|e| e.to_string())?;
        match outline {
            Some(root) => catalog.set("Outlines", Object::Reference(root)),
            None => {
                catalog.remove(b"Outlines");
            }
        }
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        catalog.set(
            "Lang",
            Object::String(doc.lang.as_bytes().to_vec(), StringFormat::Literal),
        );
        let mut preferences = Dictionary::new();
        preferences.set("DisplayDocTitle", Object::Boolean(true));
        catalog.set("ViewerPreferences", Object::Dictionary(preferences));
        catalog.set("PageLabels", page_labels(doc.front_pages));
    }
    if let Ok(Object::Reference(info)) = pdf.trailer.get(b"Info").cloned()
        && let Ok(info) = pdf.get_dictionary_mut(info)
    {
        for key in ["GTS_PDFXVersion", "Identifier", "Trapped"] {
            info.remove(key.as_bytes());
        }
        if doc.date.is_none() {
            info.remove(b"CreationDate");
            info.remove(b"ModDate");
        }
    }
    // Pruning walks every object (most of the post-processing time of a long guide):
    // only worth it when something may be orphaned.
    if replaces_outline {
        pdf.prune_objects();
        pdf.renumber_objects();
    }
    compress(&mut pdf);
    // The identifier is a hash of the content itself.
    pdf.trailer.remove(b"ID");
    let mut unidentified = Vec::new();
    pdf.save_to(&mut unidentified).map_err(|e| e.to_string())?;
    let id = fingerprint(&unidentified);
    pdf.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    let mut out = Vec::new();
    pdf.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

/// Deflates every stream not yet compressed, side by side, at zlib's default level:
/// lopdf's own `compress` takes the slowest level, which was a third of the time of a
/// long guide, for files a few percent smaller.
fn compress(pdf: &mut lopdf::Document) {
    use flate2::{Compression, write::ZlibEncoder};
    use rayon::prelude::*;
    use std::io::Write;
    pdf.objects.par_iter_mut().for_each(|(_, object)| {
        let Object::Stream(stream) = object else {
            return;
        };
        if stream.dict.has(b"Filter") {
            return;
        }
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
        let Ok(deflated) = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish())
        else {
            return;
        };
        if deflated.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(deflated);
        }
    });
}

/// printpdf writes link annotations inline; the PDF specification wants each one an
/// indirect object (and some readers only look for those).
fn indirect_annotations(pdf: &mut lopdf::Document, pages: &BTreeMap<u32, ObjectId>) {
    for page in pages.values() {
        let inline: Vec<Object> = match pdf
            .get_dictionary(*page)
            .ok()
            .and_then(|p| p.get(b"Annots").ok())
        {
            Some(Object::Array(items)) => items.clone(),
            _ => continue,
        };
        let references: Vec<Object> = inline
            .into_iter()
            .map(|item| match item {
                Object::Dictionary(mut annotation) => {
                    annotation.set("P", Object::Reference(*page));
                    Object::Reference(pdf.add_object(Object::Dictionary(annotation)))
                }
                other => other,
            })
            .collect();
        if let Ok(dictionary) = pdf.get_dictionary_mut(*page) {
            dictionary.set("Annots", Object::Array(references));
        }
    }
}

fn page_labels(front: usize) -> Object {
    let mut roman = Dictionary::new();
    roman.set("S", Object::Name(b"r".to_vec()));
    let mut decimal = Dictionary::new();
    decimal.set("S", Object::Name(b"D".to_vec()));
    decimal.set("St", Object::Integer(1));
    let mut labels = Dictionary::new();
    labels.set(
        "Nums",
        Object::Array(vec![
            Object::Integer(0),
            Object::Dictionary(roman),
            Object::Integer(front as i64),
            Object::Dictionary(decimal),
        ]),
    );
    Object::Dictionary(labels)
}

/// A PDF text string: UTF-16BE with a byte-order mark, for any script.
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

struct Node {
    title: String,
    page: usize,
    y: f32,
    children: Vec<Node>,
}

fn write_outline(
    pdf: &mut lopdf::Document,
    pages: &BTreeMap<u32, ObjectId>,
    doc: &Document,
    anchors: &Anchors,
) -> Option<ObjectId> {
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
    let root = pdf.new_object_id();
    let (first, last, count) = write_nodes(pdf, pages, root, &roots, doc.height);
    let mut dictionary = Dictionary::new();
    dictionary.set("Type", Object::Name(b"Outlines".to_vec()));
    dictionary.set("First", Object::Reference(first));
    dictionary.set("Last", Object::Reference(last));
    dictionary.set("Count", Object::Integer(count));
    pdf.objects.insert(root, Object::Dictionary(dictionary));
    Some(root)
}

/// Writes `nodes` as siblings under `parent`: (first, last, visible count).
fn write_nodes(
    pdf: &mut lopdf::Document,
    pages: &BTreeMap<u32, ObjectId>,
    parent: ObjectId,
    nodes: &[Node],
    height: f32,
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = nodes.iter().map(|_| pdf.new_object_id()).collect();
    let mut count = 0;
    for (i, node) in nodes.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Title", text_string(&node.title));
        d.set("Parent", Object::Reference(parent));
        if let Some(page) = pages.get(&(node.page as u32 + 1)) {
            d.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(*page),
                    "XYZ".into(),
                    Object::Null,
                    Object::Real(height - node.y + 4.0),
                    Object::Null,
                ]),
            );
        }
        if i > 0 {
            d.set("Prev", Object::Reference(ids[i - 1]));
        }
        if i + 1 < ids.len() {
            d.set("Next", Object::Reference(ids[i + 1]));
        }
        count += 1;
        if !node.children.is_empty() {
            let (first, last, _) = write_nodes(pdf, pages, ids[i], &node.children, height);
            d.set("First", Object::Reference(first));
            d.set("Last", Object::Reference(last));
            // Chapters start closed: the outline reads as a table of contents.
            d.set("Count", Object::Integer(-(node.children.len() as i64)));
        }
        pdf.objects.insert(ids[i], Object::Dictionary(d));
    }
    (ids[0], *ids.last().expect("nodes"), count)
}

/// A 128-bit FNV-1a hash, for the file identifier.
fn fingerprint(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for seed in [0xcbf2_9ce4_8422_2325u64, 0x8422_2325_cbf2_9ce4] {
        let mut hash = seed;
        for &byte in data {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        out.extend_from_slice(&hash.to_be_bytes());
    }
    out
}
