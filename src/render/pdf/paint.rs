//! Paint: the laid-out pages drawn with printpdf, the only module that knows it.
//! A line's words become one text object, each font's glyphs one TJ whose numbers put
//! every glyph where layout chose; each glyph carries its source text for extraction.

use std::collections::HashMap;

use rayon::prelude::*;

use printpdf::{
    Actions, BorderArray, Codepoint, ColorArray, Destination, HighlightingMode,
    ImageOptimizationOptions, Line, LinePoint, LinkAnnotation, Mm, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
    TextMatrix,
};

use super::boxes::{Anchors, Color, Document, Item, Target};
use super::fonts::{FontId, Fonts};

/// The PDF of `doc` as a lopdf document, before post-processing (streams not yet
/// compressed: post-processing does it once, when the document is final).
/// `pictures` holds the bytes of the site's images, by output path.
/// The pages are taken out of `doc` as they are painted.
pub fn paint(
    doc: &mut Document,
    anchors: &Anchors,
    pictures: &HashMap<String, &[u8]>,
    faces: &Fonts,
) -> Result<lopdf::Document, String> {
    let mut pdf = PdfDocument::new(&doc.title);
    set_metadata(&mut pdf, doc);
    let fonts = add_fonts(&mut pdf, doc, faces)?;
    let images = add_images(&mut pdf, doc, pictures);
    let (width, height) = (doc.width, doc.height);
    let text = Text {
        height,
        faces,
        fonts: &fonts,
    };
    // Pages paint independently: side by side, a locale typeset alone (the last one
    // of a build) still uses every core.
    pdf.pages = std::mem::take(&mut doc.pages)
        .into_par_iter()
        .map(|page| {
            let mut ops = Vec::with_capacity(page.items.len() * 2);
            let mut rest = page.items.as_slice();
            while let Some(first) = rest.first() {
                let run = text_run(rest);
                if run > 0 {
                    text.draw(&mut ops, &rest[..run]);
                } else {
                    draw(&mut ops, first, height, &images, anchors);
                }
                rest = &rest[run.max(1)..];
            }
            PdfPage::new(Mm(width * 25.4 / 72.0), Mm(height * 25.4 / 72.0), ops)
        })
        .collect();
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        // The default re-encodes colour images as lossy JPEG.
        image_optimization: Some(ImageOptimizationOptions {
            quality: None,
            max_image_size: None,
            dither_greyscale: None,
            convert_to_greyscale: Some(false),
            auto_optimize: Some(false),
            format: Some(printpdf::ImageCompression::Flate),
        }),
    };
    let mut warnings = Vec::new();
    Ok(pdf.to_lopdf_document(&options, &mut warnings))
}

fn set_metadata(pdf: &mut PdfDocument, doc: &Document) {
    // A fixed instant: post-processing removes the dates unless one is configured.
    let instant = doc
        .date
        .as_deref()
        .and_then(parse_date)
        .or_else(|| printpdf::OffsetDateTime::from_unix_timestamp(0).ok());
    let info = &mut pdf.metadata.info;
    info.document_title = doc.title.clone();
    info.author = doc.author.clone();
    info.subject = doc.subject.clone();
    info.creator = "Folio".into();
    info.producer = concat!("Folio ", env!("CARGO_PKG_VERSION")).into();
    let Some(instant) = instant else { return };
    info.creation_date = instant;
    info.modification_date = instant;
    info.metadata_date = instant;
}

/// `YYYY-MM-DD` at midnight UTC.
fn parse_date(date: &str) -> Option<printpdf::OffsetDateTime> {
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    // Days from civil (Howard Hinnant), then seconds.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    printpdf::OffsetDateTime::from_unix_timestamp(days * 86_400).ok()
}

fn add_fonts(
    pdf: &mut PdfDocument,
    doc: &Document,
    faces: &Fonts,
) -> Result<HashMap<FontId, printpdf::FontId>, String> {
    let mut used: Vec<FontId> = doc
        .pages
        .iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|i| match i {
            Item::Text { segments, .. } => Some(segments.iter().map(|s| s.font)),
            _ => None,
        })
        .flatten()
        .collect();
    used.sort();
    used.dedup();
    let mut fonts = HashMap::new();
    for id in used {
        let mut warnings = Vec::new();
        let parsed =
            ParsedFont::from_bytes(faces.get(id).bytes, faces.index(id) as usize, &mut warnings)
                .ok_or_else(|| format!("printpdf cannot read font {id:?}"))?;
        // Our own ids: printpdf's come from a process-wide counter, which parallel
        // rendering would make differ from build to build. The first six letters are
        // the font's subset tag.
        let key = printpdf::FontId(format!("FOLIO{}", (b'A' + id as u8) as char));
        pdf.resources
            .fonts
            .map
            .insert(key.clone(), printpdf::PdfFont::new(parsed));
        fonts.insert(id, key);
    }
    Ok(fonts)
}

fn rgb(color: Color) -> printpdf::Color {
    printpdf::Color::Rgb(Rgb::new(
        color.0 as f32 / 255.0,
        color.1 as f32 / 255.0,
        color.2 as f32 / 255.0,
        None,
    ))
}

/// Each picture once, under an id of ours (reproducible), with its pixel width.
fn add_images(
    pdf: &mut PdfDocument,
    doc: &Document,
    pictures: &HashMap<String, &[u8]>,
) -> HashMap<String, (printpdf::XObjectId, f32)> {
    let mut images = HashMap::new();
    for item in doc.pages.iter().flat_map(|p| p.items.iter()) {
        let Item::Image { path, .. } = item else {
            continue;
        };
        if images.contains_key(path) {
            continue;
        }
        let Some(bytes) = pictures.get(path) else {
            continue;
        };
        let mut warnings = Vec::new();
        if let Ok(image) = printpdf::RawImage::decode_from_bytes(bytes, &mut warnings) {
            let id = printpdf::XObjectId(format!("IMG{}", images.len() + 1));
            let width = image.width as f32;
            pdf.resources
                .xobjects
                .map
                .insert(id.clone(), printpdf::XObject::Image(image));
            images.insert(path.clone(), (id, width));
        }
    }
    images
}

/// Glyphs that sit on the baseline, one after another (no mark positioning).
fn is_plain(segment: &super::text::Segment) -> bool {
    segment
        .glyphs
        .iter()
        .all(|g| g.x_offset == 0.0 && g.y_offset == 0.0)
}

/// A segment whose glyphs are offset (combining marks), placed glyph by glyph;
/// returns the pen after it.
fn draw_positioned(
    ops: &mut Vec<Op>,
    segment: &super::text::Segment,
    mut pen: f32,
    baseline: f32,
    size: f32,
    height: f32,
) -> f32 {
    for glyph in segment.glyphs.iter() {
        let gx = pen + glyph.x_offset * size;
        let gy = height - baseline + glyph.y_offset * size;
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(gx), Pt(gy)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(vec![Codepoint {
                gid: glyph.id,
                offset: 0.0,
                cid: cid(glyph),
            }])],
        });
        pen += glyph.advance * size;
    }
    pen
}

/// How many items from the start of `items` are text on one baseline, in one size
/// and colour (the words of a line): one text object paints them all.
fn text_run(items: &[Item]) -> usize {
    let key = |item: &Item| match item {
        Item::Text {
            baseline,
            size,
            color,
            ..
        } => Some((*baseline, *size, *color)),
        _ => None,
    };
    match items.first().and_then(key) {
        Some(first) => items.iter().take_while(|i| key(i) == Some(first)).count(),
        None => 0,
    }
}

/// Paints text items: a line's words go into one text object, and the words of one
/// font into one TJ, the space between them written as a TJ adjustment. A text object
/// per word made printpdf hold six operators per word, most of a long guide's memory.
struct Text<'a> {
    height: f32,
    faces: &'a Fonts,
    fonts: &'a HashMap<FontId, printpdf::FontId>,
}

/// Glyphs waiting to be shown in one TJ, and where the pen stands after them.
struct Pending {
    font: FontId,
    codepoints: Vec<Codepoint>,
    pen: f32,
}

impl Text<'_> {
    /// `run`: text items of one baseline, size and colour (see `text_run`).
    fn draw(&self, ops: &mut Vec<Op>, run: &[Item]) {
        let Some(Item::Text {
            baseline,
            size,
            color,
            ..
        }) = run.first()
        else {
            return;
        };
        let (baseline, size) = (*baseline, *size);
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFillColor { col: rgb(*color) });
        let mut current: Option<FontId> = None;
        let mut pending: Option<Pending> = None;
        for item in run {
            let Item::Text { x, segments, .. } = item else {
                continue;
            };
            let mut pen = *x;
            for segment in segments {
                let Some(font) = self.fonts.get(&segment.font) else {
                    pen += segment.width * size;
                    continue;
                };
                if current != Some(segment.font) {
                    self.flush(ops, &mut pending);
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font.clone()),
                        size: Pt(size),
                    });
                    current = Some(segment.font);
                }
                if !is_plain(segment) {
                    self.flush(ops, &mut pending);
                    pen = draw_positioned(ops, segment, pen, baseline, size, self.height);
                    continue;
                }
                match &mut pending {
                    // The gap from the previous word: moves the pen right, so a negative
                    // adjustment, in thousandths of the font size.
                    Some(p) if p.font == segment.font => {
                        if let Some(last) = p.codepoints.last_mut() {
                            last.offset -= (pen - p.pen) / size * 1000.0;
                        }
                    }
                    _ => {
                        self.flush(ops, &mut pending);
                        ops.push(Op::SetTextMatrix {
                            matrix: TextMatrix::Translate(Pt(pen), Pt(self.height - baseline)),
                        });
                        pending = Some(Pending {
                            font: segment.font,
                            codepoints: Vec::new(),
                            pen,
                        });
                    }
                }
                let p = pending.as_mut().expect("set just above");
                self.push_glyphs(&mut p.codepoints, segment);
                pen += segment.width * size;
                p.pen = pen;
            }
        }
        self.flush(ops, &mut pending);
        ops.push(Op::EndTextSection);
    }

    /// Each glyph's number corrects the font's own advance (as printpdf writes it in
    /// /W) to the shaped one.
    fn push_glyphs(&self, out: &mut Vec<Codepoint>, segment: &super::text::Segment) {
        let face = &self.faces.get(segment.font).face;
        let units = face.units_per_em() as f32;
        out.extend(segment.glyphs.iter().map(|glyph| {
            let natural = face
                .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(glyph.id))
                .unwrap_or(0) as f32;
            let written = (natural * 1000.0 / units).trunc();
            let offset = written - glyph.advance * 1000.0;
            Codepoint {
                gid: glyph.id,
                offset: if offset.abs() < 0.001 { 0.0 } else { offset },
                cid: cid(glyph),
            }
        }));
    }

    fn flush(&self, ops: &mut Vec<Op>, pending: &mut Option<Pending>) {
        if let Some(p) = pending.take().filter(|p| !p.codepoints.is_empty()) {
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(p.codepoints)],
            });
        }
    }
}

/// A glyph maps to one text for the whole font (the last given wins): the later glyphs
/// of a cluster give none rather than an empty one.
fn cid(glyph: &super::text::Glyph) -> Option<String> {
    (!glyph.text.is_empty()).then(|| glyph.text.to_string())
}

fn draw(
    ops: &mut Vec<Op>,
    item: &Item,
    height: f32,
    images: &HashMap<String, (printpdf::XObjectId, f32)>,
    anchors: &Anchors,
) {
    match item {
        // Painted a run at a time, by `Text::draw`.
        Item::Text { .. } => {}
        Item::Rect {
            x,
            y,
            width,
            height: h,
            color,
        } => {
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetFillColor { col: rgb(*color) });
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(*x),
                    y: Pt(height - y - h),
                    width: Pt(*width),
                    height: Pt(*h),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            });
            ops.push(Op::RestoreGraphicsState);
        }
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        } => {
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetOutlineColor { col: rgb(*color) });
            ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            let point = |x: f32, y: f32| LinePoint {
                p: Point {
                    x: Pt(x),
                    y: Pt(height - y),
                },
                bezier: false,
            };
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![point(*x1, *y1), point(*x2, *y2)],
                    is_closed: false,
                },
            });
            ops.push(Op::RestoreGraphicsState);
        }
        Item::Link {
            x,
            y,
            width,
            height: h,
            target,
        } => {
            let action = match target {
                Target::Url(url) => Actions::Uri(url.clone()),
                Target::Anchor(name) => match anchors.get(name.as_str()) {
                    Some((page, ay)) => Actions::Goto(Destination::Xyz {
                        page: page + 1,
                        left: None,
                        top: Some(height - ay + 4.0),
                        zoom: None,
                    }),
                    None => return,
                },
            };
            ops.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    Rect::from_xywh(Pt(*x), Pt(height - y - h), Pt(*width), Pt(*h)),
                    action,
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    Some(ColorArray::Transparent),
                    Some(HighlightingMode::Invert),
                ),
            });
        }
        Item::Image {
            x,
            y,
            width,
            height: h,
            path,
        } => {
            let Some((id, pixels)) = images.get(path) else {
                return;
            };
            ops.push(Op::UseXobject {
                id: id.clone(),
                transform: printpdf::XObjectTransform {
                    translate_x: Some(Pt(*x)),
                    translate_y: Some(Pt(height - y - h)),
                    // The natural size is pixels * 72 / dpi: choose the dpi that gives our width.
                    dpi: Some(pixels * 72.0 / width),
                    ..Default::default()
                },
            });
        }
        Item::Anchor { .. } => {}
    }
}
