//! Every kind of picture docs use, in the PDF (`tests/fixtures/pdf-images`): an SVG
//! as a vector Form XObject (path, gradient, text as outlines), GIF and WebP embedded
//! as image XObjects like PNG, a damaged PNG framed with its alt text and
//! reported at its line with the decoder's reason, a raw `<img width="50%">` drawn at
//! half the column, a captioned figure kept on one page with its caption. The raster
//! files are written here, from the same crates Folio decodes with, so the repository
//! holds no opaque binaries.

use std::collections::BTreeMap;
use std::path::Path;

use lopdf::{Document, Object, ObjectId};

use crate::common::{self, site};
use folio::diagnostic::Diagnostics;

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let pixels: Vec<u8> = (0..width * height)
        .flat_map(|i| {
            let x = (i % width) * 255 / width;
            [x as u8, 90, 255 - x as u8]
        })
        .collect();
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    bytes
}

/// Two frames, 40 by 30: a red disc on a transparent ground, then an all-blue frame
/// that must not print.
fn gif() -> Vec<u8> {
    let mut bytes = Vec::new();
    let palette = [220, 30, 30, 30, 30, 220, 255, 255, 255];
    let mut encoder = gif::Encoder::new(&mut bytes, 40, 30, &palette).unwrap();
    let disc: Vec<u8> = (0..40 * 30)
        .map(|i| {
            let (x, y) = (i % 40 - 20, i / 40 - 15);
            if x * x + y * y < 144 { 0 } else { 2 }
        })
        .collect();
    let mut frame = gif::Frame {
        width: 40,
        height: 30,
        buffer: std::borrow::Cow::Owned(disc),
        transparent: Some(2),
        ..gif::Frame::default()
    };
    encoder.write_frame(&frame).unwrap();
    frame.buffer = std::borrow::Cow::Owned(vec![1; 40 * 30]);
    encoder.write_frame(&frame).unwrap();
    drop(encoder);
    bytes
}

/// 60 by 40, green to yellow, lossless.
fn webp() -> Vec<u8> {
    let pixels: Vec<u8> = (0..60 * 40)
        .flat_map(|i: u32| [(i % 60 * 4) as u8, 160, 40])
        .collect();
    let mut bytes = Vec::new();
    image_webp::WebPEncoder::new(&mut bytes)
        .encode(&pixels, 60, 40, image_webp::ColorType::Rgb8)
        .unwrap();
    bytes
}

/// The fixture with its raster pictures; the PNG is cut short inside its pixel data,
/// after a header that still states its size.
fn fixture() -> tempfile::TempDir {
    let dir = site("pdf-images");
    let img = dir.path().join("content/fr/img");
    let whole = png(30, 30);
    std::fs::write(img.join("abime.png"), &whole[..33 + 8 + 6]).unwrap();
    std::fs::write(img.join("bande.png"), png(800, 60)).unwrap();
    std::fs::write(img.join("anim.gif"), gif()).unwrap();
    std::fs::write(img.join("photo.webp"), webp()).unwrap();
    dir
}

fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let after: &[&str] = if name == "pdftotext" { &["-"] } else { &[] };
    common::pdf_tool(name, args, pdf, after)
}

/// Each page's XObjects by resource name, and what the page draws: (name, the `cm`
/// matrix in force).
struct Drawn {
    xobjects: BTreeMap<String, ObjectId>,
    draws: Vec<(String, [f32; 6])>,
}

fn drawn(doc: &Document) -> Vec<Drawn> {
    let number = |o: &Object| {
        o.as_float()
            .or_else(|_| o.as_i64().map(|i| i as f32))
            .unwrap()
    };
    doc.get_pages()
        .into_values()
        .map(|page| {
            let mut xobjects = BTreeMap::new();
            let (resources, _) = doc.get_page_resources(page).unwrap();
            if let Some(resources) = resources
                && let Ok(Object::Dictionary(found)) = resources
                    .get(b"XObject")
                    .map(|o| doc.dereference(o).unwrap().1)
            {
                for (name, object) in found.iter() {
                    xobjects.insert(
                        String::from_utf8_lossy(name).into_owned(),
                        object.as_reference().unwrap(),
                    );
                }
            }
            let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
            let mut matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
            let mut draws = Vec::new();
            for op in content.operations {
                match op.operator.as_str() {
                    "cm" => {
                        let m: Vec<f32> = op.operands.iter().map(number).collect();
                        matrix.copy_from_slice(&m);
                    }
                    "Do" => draws.push((
                        String::from_utf8_lossy(op.operands[0].as_name().unwrap()).into_owned(),
                        matrix,
                    )),
                    _ => {}
                }
            }
            Drawn { xobjects, draws }
        })
        .collect()
}

#[test]
fn every_picture_kind_is_printed_or_framed_and_said() {
    let dir = fixture();
    let stderr = common::built(dir.path());
    // The damaged PNG: said at its line, with the decoder's reason.
    assert!(
        stderr.contains(
            "content/fr/images.md:17:1: warning: the PDF cannot print the picture `img/abime.png`: the PNG data is damaged ("
        ),
        "{stderr}"
    );
    assert_eq!(stderr.matches("abime.png").count(), 1, "{stderr}");
    assert!(!stderr.contains("schema.svg"), "{stderr}");
    // What the painter leaves out of an SVG is said, not dropped silently.
    assert!(
        stderr.contains(
            "content/fr/images.md:26:1: warning: the PDF prints the SVG `img/decoupe.svg` without its masks\n"
        ),
        "{stderr}"
    );
    let pdf = dir.path().join("public/fr/guide-fr.pdf");
    tool("qpdf", &["--check"], &pdf);
    // The placeholder holds the alt text and the file's name.
    let text = tool("pdftotext", &[], &pdf);
    assert!(text.contains("Un schéma abîmé (abime.png)"), "{text}");

    let doc = Document::load(&pdf).unwrap();
    // One image XObject per raster picture (the GIF shown twice is written once), at
    // the pictures' own sizes; the GIF's transparency is a soft mask.
    let mut images = Vec::new();
    for (_, object) in doc.objects.iter() {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        let dict = &stream.dict;
        if dict.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Image") {
            continue;
        }
        let size = (
            dict.get(b"Width").unwrap().as_i64().unwrap(),
            dict.get(b"Height").unwrap().as_i64().unwrap(),
        );
        let masked = dict.get(b"SMask").is_ok();
        let gray = dict.get(b"ColorSpace").unwrap().as_name().unwrap() == b"DeviceGray";
        images.push((size, masked, gray));
    }
    images.sort();
    assert_eq!(
        images,
        [
            ((40, 30), false, true),
            ((40, 30), true, false),
            ((60, 40), false, false),
            ((800, 60), false, false),
        ],
        "the GIF, its mask, the WebP and the band"
    );

    // The SVG is one Form XObject whose content paints its path, its gradient (a
    // shading) and its text (filled outlines).
    let forms: Vec<String> = (doc.objects.values())
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Form"))
        .map(|s| {
            let bytes = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            String::from_utf8_lossy(&bytes).into_owned()
        })
        .collect();
    assert_eq!(forms.len(), 2, "{forms:?}");
    let schema = (forms.iter())
        .find(|f| f.contains(" sh"))
        .expect("the gradient's form");
    let ops: Vec<&str> = schema
        .lines()
        .filter_map(|l| l.split(' ').next_back())
        .collect();
    for op in ["m", "c", "l", "h", "sh", "S", "f", "d", "gs", "cm"] {
        assert!(ops.contains(&op), "{op} missing in {schema}");
    }

    // The raw `<img width="50%">` is drawn at half the column.
    let diagnostics = Diagnostics::new();
    let loaded = folio::commands::site::load(dir.path(), &[], &diagnostics).expect("loads");
    let style = folio::parse::pdf_style::parse(loaded.theme.pdf_style.as_ref(), &diagnostics);
    let media = doc.get_dictionary(doc.get_pages()[&1]).unwrap();
    let page_width = media.get(b"MediaBox").unwrap().as_array().unwrap()[2]
        .as_float()
        .unwrap();
    let column = page_width - style.margin_left - style.margin_right;
    let pages = drawn(&doc);
    let width_of = |object: ObjectId| {
        let stream = doc.get_object(object).unwrap().as_stream().unwrap();
        stream
            .dict
            .get(b"Width")
            .and_then(|w| w.as_i64())
            .unwrap_or(0)
    };
    let draws_of = |width: i64| -> Vec<(usize, [f32; 6])> {
        (pages.iter().enumerate())
            .flat_map(|(n, page)| {
                (page.draws.iter())
                    .filter(|(name, _)| {
                        page.xobjects.get(name).map(|&o| width_of(o)) == Some(width)
                    })
                    .map(move |(_, m)| (n, *m))
            })
            .collect()
    };
    // The SVG, width="400": 300 points (the form fills the unit square, as an image).
    let form_draws: Vec<[f32; 6]> = (pages.iter())
        .flat_map(|page| {
            (page.draws.iter())
                .filter(|(name, _)| {
                    page.xobjects.get(name).is_some_and(|&o| {
                        let dict = &doc.get_object(o).unwrap().as_stream().unwrap().dict;
                        dict.get(b"Subtype").unwrap().as_name().unwrap() == b"Form"
                    })
                })
                .map(|(_, m)| *m)
        })
        .collect();
    assert_eq!(form_draws.len(), 2, "{form_draws:?}");
    assert!((form_draws[0][0] - 300.0).abs() < 0.6, "{form_draws:?}");
    assert!((form_draws[0][3] - 180.0).abs() < 0.6, "{form_draws:?}");
    let band = draws_of(800);
    assert_eq!(band.len(), 1, "{band:?}");
    assert!(
        (band[0].1[0] - column / 2.0).abs() < 0.6,
        "{band:?} vs {column}"
    );

    // The captioned GIF is on the page of its caption.
    let gifs = draws_of(40);
    assert_eq!(gifs.len(), 2, "{gifs:?}");
    let page_texts: Vec<&str> = text.split('\x0c').collect();
    let caption_page = (page_texts.iter())
        .position(|t| t.contains("Une légende qui reste avec son image"))
        .expect("the caption");
    assert_eq!(gifs[1].0, caption_page, "{gifs:?}");
}

/// Wherever the page break falls, a captioned figure's picture and its caption share
/// a page: the figure is pushed down lines one at a time before it.
#[test]
fn a_caption_stays_on_the_page_of_its_picture() {
    use folio::render::pdf::boxes::{Item, segments_text};
    use folio::render::pdf::{Pictures, layout_document, text::Shaper};

    let dir = fixture();
    let page = dir.path().join("content/fr/images.md");
    let original = std::fs::read_to_string(&page).unwrap();
    let shaper = Shaper::default();
    for lines in (0..60).step_by(3) {
        let filler = "Une ligne de texte pour pousser la figure.\n\n".repeat(lines);
        let text = original.replacen(
            "## Toutes les sortes {#sortes}\n",
            &format!("## Toutes les sortes {{#sortes}}\n\n{filler}"),
            1,
        );
        std::fs::write(&page, text).unwrap();
        let diagnostics = Diagnostics::new();
        let loaded = folio::commands::site::load(dir.path(), &[], &diagnostics).expect("loads");
        let style = folio::parse::pdf_style::parse(loaded.theme.pdf_style.as_ref(), &diagnostics);
        let pictures = Pictures::new(&loaded.assets);
        let doc = layout_document(
            &loaded.site,
            &loaded.messages,
            "fr",
            &style,
            &pictures,
            &shaper,
        );
        let page_of = |found: &dyn Fn(&Item) -> bool| {
            (doc.pages.iter())
                .position(|p| p.items.iter().any(found))
                .expect("on some page")
        };
        let picture =
            page_of(&|i| matches!(i, Item::Image { path, .. } if path.ends_with("schema.svg")));
        let caption = page_of(
            &|i| matches!(i, Item::Text { segments, .. } if segments_text(segments) == "vecteurs"),
        );
        assert_eq!(picture, caption, "{lines} lines before the figure");
    }
}
