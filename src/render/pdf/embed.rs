//! What a guide embeds besides its pages: each font used, subset to the glyphs the
//! layout placed (with the widths and the text each glyph stands for), and each
//! picture once. Painting asks here for a glyph's number in its subset; assembling
//! writes the objects.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Filter, Finish, Name, Rect, Ref, Str};
use rustybuzz::ttf_parser::{GlyphId, RawFace, Tag};

use rayon::prelude::*;

use super::boxes::{Document, Item, PageBox};
use super::fonts::{FontId, Fonts};
use super::raster::{Colors, Encoding, Raster};

/// CIDs of an Identity-H font are the subset's glyph numbers.
const IDENTITY: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// Marks a glyph the layout never placed.
const UNUSED: u16 = u16::MAX;

/// The glyphs one font contributes to a guide.
pub struct Subset {
    pub font: FontId,
    /// The resource name pages use for it: `F0`, `F1`, ...
    pub name: String,
    /// Original glyph number -> number in the subset (`UNUSED` when absent).
    numbers: Vec<u16>,
    /// The remapping subsetter applies: the same numbering as `numbers`.
    remapper: subsetter::GlyphRemapper,
    /// Text of each glyph of the subset, by its new number (the first given wins).
    texts: Vec<Option<compact_str::CompactString>>,
    /// Each glyph's advance as /W states it, by its new number.
    widths: Vec<f32>,
    /// The font's space, by its new number: painted between words, where layout only
    /// moved the pen, so that text taken from the structure tree (screen readers,
    /// `pdfinfo -struct-text`) has its word spaces.
    space: Option<u16>,
}

impl Subset {
    /// The subset of `font` holding the glyphs marked in `seen`, with their `texts`
    /// (both by original glyph number).
    fn new(
        font: FontId,
        name: String,
        seen: &[bool],
        mut texts: Vec<Option<compact_str::CompactString>>,
        fonts: &Fonts,
    ) -> Subset {
        let glyphs: Vec<u16> = (0..seen.len())
            .filter(|&g| seen[g])
            .map(|g| g as u16)
            .collect();
        // Sorted: the subset keeps the font's order, and .notdef comes first.
        let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&glyphs);
        let mut numbers = vec![UNUSED; seen.len()];
        let mut new_texts = Vec::with_capacity(usize::from(remapper.num_gids()));
        let mut widths = Vec::with_capacity(usize::from(remapper.num_gids()));
        for old in remapper.remapped_gids() {
            if let Some(n) = remapper.get(old) {
                numbers[usize::from(old)] = n;
            }
            new_texts.push(texts.get_mut(usize::from(old)).and_then(Option::take));
            widths.push(advance_thousandths(fonts.get(font), old));
        }
        let space = fonts
            .get(font)
            .face
            .glyph_index(' ')
            .and_then(|g| numbers.get(usize::from(g.0)).copied())
            .filter(|&n| n != UNUSED);
        Subset {
            font,
            name,
            numbers,
            remapper,
            texts: new_texts,
            widths,
            space,
        }
    }

    /// The space's number in the subset and its advance as /W states it.
    pub fn space_glyph(&self) -> Option<(u16, f32)> {
        self.space.map(|n| (n, self.widths[usize::from(n)]))
    }

    /// The glyph's number in the subset and its advance as /W states it (see
    /// `advance_thousandths`); .notdef for a glyph never collected.
    pub fn glyph(&self, glyph: u16) -> (u16, f32) {
        let number = match self.numbers.get(usize::from(glyph)) {
            Some(&n) if n != UNUSED => n,
            _ => 0,
        };
        (number, self.widths[usize::from(number)])
    }
}

/// Every font a guide uses, in `FontId` order, so builds are reproducible.
pub struct Subsets(Vec<Subset>);

impl Subsets {
    /// Walks the laid-out pages once: which glyphs of which font, and their text (the
    /// first in the document's order). Pages are read side by side, as this runs
    /// between the layout and the painting, when nothing else of the guide does.
    pub fn collect(doc: &Document, fonts: &Fonts) -> Subsets {
        let chunk = doc
            .pages
            .len()
            .div_ceil(rayon::current_num_threads() * 4)
            .max(16);
        let mut used = doc
            .pages
            .par_chunks(chunk)
            .map(|pages| used_glyphs(pages, fonts))
            .reduce(BTreeMap::new, |mut first, then| {
                for (font, (seen, texts)) in then {
                    let Some((into_seen, into_texts)) = first.get_mut(&font) else {
                        first.insert(font, (seen, texts));
                        continue;
                    };
                    for (into, seen) in into_seen.iter_mut().zip(seen) {
                        *into |= seen;
                    }
                    for (into, text) in into_texts.iter_mut().zip(texts) {
                        if into.is_none() {
                            *into = text;
                        }
                    }
                }
                first
            });
        // Every font carries its space (see `Subset::space`).
        for (font, (seen, texts)) in &mut used {
            if let Some(space) = fonts.get(*font).face.glyph_index(' ') {
                let i = usize::from(space.0);
                if i < seen.len() {
                    seen[i] = true;
                    texts[i].get_or_insert_with(|| " ".into());
                }
            }
        }
        let subsets = used
            .into_iter()
            .enumerate()
            .map(|(i, (font, (seen, texts)))| {
                Subset::new(font, format!("F{i}"), &seen, texts, fonts)
            })
            .collect();
        Subsets(subsets)
    }

    pub fn get(&self, font: FontId) -> Option<&Subset> {
        self.0.iter().find(|s| s.font == font)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Subset> {
        self.0.iter()
    }
}

type UsedGlyphs = BTreeMap<FontId, (Vec<bool>, Vec<Option<compact_str::CompactString>>)>;

/// The glyphs `pages` show, per font, and each one's first text.
fn used_glyphs(pages: &[PageBox], fonts: &Fonts) -> UsedGlyphs {
    let mut used = UsedGlyphs::new();
    for item in pages.iter().flat_map(|p| p.items.iter()) {
        let Item::Text { segments, .. } = item else {
            continue;
        };
        for segment in segments {
            let (seen, texts) = used.entry(segment.font).or_insert_with(|| {
                let count = usize::from(fonts.get(segment.font).face.number_of_glyphs());
                (vec![false; count], vec![None; count])
            });
            for glyph in segment.glyphs.iter() {
                let i = usize::from(glyph.id);
                if i >= seen.len() {
                    continue;
                }
                seen[i] = true;
                if texts[i].is_none() && !glyph.text.is_empty() {
                    texts[i] = Some(glyph.text.clone());
                }
            }
        }
    }
    used
}

/// A font that cannot be subset for embedding.
#[derive(Debug)]
pub struct FontError {
    /// A font of `[pdf.fonts]`, not one Folio embeds.
    pub configured: bool,
    pub message: String,
}

/// Writes one subset font as a Type0 font over a CID font, its descriptor, its
/// widths, its text (ToUnicode) and the subset font program; returns the Type0 font.
pub fn write_font(
    chunk: &mut Chunk,
    next: &mut Ref,
    subset: &Subset,
    fonts: &Fonts,
) -> Result<Ref, FontError> {
    let font = fonts.get(subset.font);
    let face = &font.face;
    let program = subsetter::subset(font.bytes, fonts.index(subset.font), &subset.remapper)
        .map_err(|e| FontError {
            configured: !Fonts::is_embedded(subset.font),
            message: format!(
                "cannot subset the font {}: {e}",
                super::fonts::postscript_name(face).unwrap_or_default()
            ),
        })?;
    // A CFF font embeds its bare CFF table; a TrueType one, the whole subset.
    let cff = RawFace::parse(&program, 0)
        .ok()
        .and_then(|raw| raw.table(Tag::from_bytes(b"CFF ")))
        .map(<[u8]>::to_vec);
    let base = format!(
        "{}+{}",
        subset_tag(subset),
        super::fonts::postscript_name(face).unwrap_or_else(|| "Font".into())
    );
    let [type0, cid, descriptor, unicode, file] = [(); 5].map(|()| next.bump());

    chunk
        .type0_font(type0)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(unicode);

    let mut cid_font = chunk.cid_font(cid);
    cid_font
        .subtype(if cff.is_some() {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(Name(base.as_bytes()))
        .system_info(IDENTITY)
        .font_descriptor(descriptor)
        .default_width(0.0);
    if cff.is_none() {
        cid_font.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    cid_font
        .widths()
        .consecutive(0, subset.widths.iter().copied());
    cid_font.finish();

    write_descriptor(
        chunk,
        descriptor,
        &base,
        subset.font,
        font,
        cff.is_some(),
        file,
    );
    write_text(chunk, unicode, subset);

    let data = super::deflate(cff.as_deref().unwrap_or(&program));
    let mut stream = chunk.stream(file, &data);
    stream.filter(Filter::FlateDecode);
    if cff.is_some() {
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    }
    stream.finish();
    Ok(type0)
}

/// The font descriptor: metrics in thousandths of the em, and where the program is.
fn write_descriptor(
    chunk: &mut Chunk,
    id: Ref,
    base: &str,
    font_id: FontId,
    font: &super::fonts::Font,
    cff: bool,
    file: Ref,
) {
    let face = &font.face;
    let scale = |v: i16| f32::from(v) * 1000.0 / font.units_per_em;
    let bbox = face.global_bounding_box();
    let mut flags = FontFlags::SYMBOLIC;
    flags.set(FontFlags::SERIF, font_id.is_serif());
    flags.set(FontFlags::FIXED_PITCH, face.is_monospaced());
    flags.set(FontFlags::ITALIC, face.is_italic());
    let weight = f32::from(face.weight().to_number());
    let mut descriptor = chunk.font_descriptor(id);
    descriptor
        .name(Name(base.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            scale(bbox.x_min),
            scale(bbox.y_min),
            scale(bbox.x_max),
            scale(bbox.y_max),
        ))
        .italic_angle(face.italic_angle())
        .ascent(scale(face.ascender()))
        .descent(scale(face.descender()))
        .cap_height(scale(face.capital_height().unwrap_or(face.ascender())))
        .stem_v(10.0 + 0.244 * (weight - 50.0));
    if cff {
        descriptor.font_file3(file);
    } else {
        descriptor.font_file2(file);
    }
}

/// The ToUnicode map: the text each glyph of the subset stands for, so copying and
/// searching give the source back.
fn write_text(chunk: &mut Chunk, id: Ref, subset: &Subset) {
    let mut cmap = UnicodeCmap::new(Name(b"Custom"), IDENTITY);
    for (number, text) in subset.texts.iter().enumerate() {
        if let Some(text) = text {
            cmap.pair_with_multiple(number as u16, text.chars());
        }
    }
    chunk
        .cmap(id, &super::deflate(&cmap.finish()))
        .filter(Filter::FlateDecode);
}

/// A glyph's advance as the font's /W array states it: thousandths of the em,
/// truncated. Paint corrects each glyph from this to its shaped advance.
fn advance_thousandths(font: &super::fonts::Font, glyph: u16) -> f32 {
    let natural = font.face.glyph_hor_advance(GlyphId(glyph)).unwrap_or(0) as f32;
    (natural * 1000.0 / font.units_per_em).trunc()
}

/// Six capital letters naming this subset (PDF wants a tag per distinct subset): a
/// hash of its glyphs, so the same text gives the same tag.
fn subset_tag(subset: &Subset) -> String {
    let number = match subset.font {
        FontId::Extra(n) => FontId::ALL.len() as u64 + u64::from(n),
        embedded => FontId::ALL.iter().position(|f| *f == embedded).unwrap_or(0) as u64,
    };
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ number;
    for glyph in subset.remapper.remapped_gids() {
        for byte in glyph.to_be_bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|_| {
            let letter = (b'A' + (hash % 26) as u8) as char;
            hash /= 26;
            letter
        })
        .collect()
}

/// A picture of the guide: the resource name pages use for it (`Im1`, `Im2`, ...)
/// and its samples, decoded once per build and shared by every locale's guide.
pub struct Picture {
    pub name: String,
    art: Art,
}

/// A picture's content: pixels, or an SVG's simplified tree.
#[derive(Clone)]
pub enum Art {
    Raster(Arc<Raster>),
    Vector(Arc<usvg::Tree>),
}

/// The pictures the guide shows, each once, in order of first appearance. A picture
/// that could not be decoded is absent: the layout framed a placeholder in its place.
pub fn collect_pictures(
    doc: &Document,
    decoded: &HashMap<String, Art>,
) -> HashMap<String, Picture> {
    let mut found = HashMap::new();
    for item in doc.pages.iter().flat_map(|p| p.items.iter()) {
        let Item::Image { path, .. } = item else {
            continue;
        };
        if found.contains_key(path) {
            continue;
        }
        if let Some(art) = decoded.get(path) {
            let name = format!("Im{}", found.len() + 1);
            let art = art.clone();
            found.insert(path.clone(), Picture { name, art });
        }
    }
    found
}

/// Writes a picture (an image and its soft mask, or an SVG's form); returns it.
pub fn write_picture(chunk: &mut Chunk, next: &mut Ref, picture: &Picture) -> Ref {
    let picture = match &picture.art {
        Art::Raster(raster) => raster,
        Art::Vector(tree) => return super::svg::write_form(chunk, next, tree),
    };
    let image = next.bump();
    let mask = picture.alpha.as_ref().map(|alpha| {
        let mask = next.bump();
        let mut xobject = chunk.image_xobject(mask, alpha);
        xobject.filter(Filter::FlateDecode);
        xobject
            .width(picture.width as i32)
            .height(picture.height as i32)
            .bits_per_component(8);
        xobject.color_space().device_gray();
        mask
    });
    let mut xobject = chunk.image_xobject(image, &picture.samples);
    xobject.filter(match picture.encoding {
        Encoding::Flate => Filter::FlateDecode,
        Encoding::Jpeg => Filter::DctDecode,
    });
    xobject
        .width(picture.width as i32)
        .height(picture.height as i32)
        .bits_per_component(8);
    match picture.colors {
        Colors::Gray => xobject.color_space().device_gray(),
        Colors::Rgb => xobject.color_space().device_rgb(),
        Colors::Cmyk => xobject.color_space().device_cmyk(),
    }
    if let Some(mask) = mask {
        xobject.s_mask(mask);
    }
    image
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::boxes::{Color, PageBox};
    use crate::render::pdf::text::Shaper;

    fn document(items: Vec<Item>) -> Document {
        Document {
            title: String::new(),
            author: String::new(),
            subject: String::new(),
            lang: "fr".into(),
            date: None,
            width: 595.0,
            height: 842.0,
            pages: vec![PageBox {
                label: "1".into(),
                items,
            }],
            front_pages: 0,
            outline: Vec::new(),
            standard: Default::default(),
        }
    }

    fn text(shaper: &Shaper, font: FontId, word: &str) -> Item {
        Item::Text {
            x: 0.0,
            baseline: 10.0,
            size: 10.0,
            color: Color::TEXT,
            segments: crate::render::pdf::text::Segments::from(&shaper.shape(font, word)[..]),
        }
    }

    #[test]
    fn a_subset_numbers_the_placed_glyphs_in_font_order_after_notdef() {
        let shaper = Shaper::default();
        let doc = document(vec![
            text(&shaper, FontId::Serif, "ba"),
            text(&shaper, FontId::Mono, "x"),
        ]);
        let subsets = Subsets::collect(&doc, shaper.fonts());
        let names: Vec<&str> = subsets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["F0", "F1"]);

        let serif = subsets.get(FontId::Serif).expect("serif is used");
        let font = shaper.fonts().get(FontId::Serif);
        let id = |c: char| font.face.glyph_index(c).expect("glyph").0;
        let (a, b) = (serif.glyph(id('a')), serif.glyph(id('b')));
        // a comes before b in the font, so it does in the subset too; the space,
        // which every subset carries for the words' text, comes before both.
        assert_eq!((a.0, b.0), (2, 3));
        assert_eq!(serif.space_glyph().map(|s| s.0), Some(1));
        assert_eq!(a.1, advance_thousandths(font, id('a')));
        assert_eq!(serif.texts[2].as_deref(), Some("a"));
        assert_eq!(serif.texts[1].as_deref(), Some(" "));
        assert_eq!(serif.glyph(id('z')).0, 0, "an unplaced glyph is .notdef");
        assert!(subsets.get(FontId::SerifBold).is_none());
    }

    #[test]
    fn the_same_glyphs_get_the_same_tag_and_a_serif_font_embeds_its_cff() {
        let shaper = Shaper::default();
        let doc = document(vec![text(&shaper, FontId::Serif, "Guide")]);
        let first = Subsets::collect(&doc, shaper.fonts());
        let again = Subsets::collect(&doc, shaper.fonts());
        let tag = subset_tag(first.get(FontId::Serif).expect("serif"));
        assert_eq!(tag, subset_tag(again.get(FontId::Serif).expect("serif")));
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()));

        let mut chunk = Chunk::new();
        let mut next = Ref::new(1);
        let subset = first.get(FontId::Serif).expect("serif");
        write_font(&mut chunk, &mut next, subset, shaper.fonts()).expect("subset");
        let written = String::from_utf8_lossy(chunk.as_bytes());
        assert!(
            written.contains("/CIDFontType0C"),
            "Libertinus is a CFF font"
        );
        assert!(written.contains(&format!("/{tag}+LibertinusSerif-Regular")));
    }
}
