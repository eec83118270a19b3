//! Figures on paper: the picture scaled to the column (or to the size its HTML
//! states), placed as aligned, its caption below. A picture the PDF cannot print (an
//! SVG, a remote file) leaves a framed placeholder holding its description: a figure
//! never vanishes from the page. The build reports each one (`pdf::unprintable`).

use std::collections::HashMap;

use crate::model::{Align as Placement, Figure, Href, Length};
use crate::render::pdf::boxes::{Color, Item, Role};
use crate::render::pdf::fonts::FontId;

use super::flow::{Context, Slice};
use super::inline::{Align, Span, SpanStyle};

/// CSS pixels to points: 96 of them to the inch.
const POINTS_PER_PIXEL: f32 = 0.75;

/// The key of the picture `src` names in the site's printable pictures (an output
/// path, or a `data:` URI itself), when it has one.
pub fn picture_key(src: &Href) -> Option<&str> {
    match src {
        Href::Asset(path) => Some(path),
        Href::External(url) if url.starts_with("data:") => Some(url),
        _ => None,
    }
}

/// The picture of `src` when the PDF can print it: its key and pixel size.
pub fn printable<'a>(
    images: &HashMap<String, (u32, u32)>,
    src: &'a Href,
) -> Option<(&'a str, (u32, u32))> {
    let key = picture_key(src)?;
    images.get(key).map(|size| (key, *size))
}

/// The picture the PDF prints for `figure`: its `src`, or else one of its `<source>`s
/// (a PNG beside an SVG), never a dark-mode one (paper is light).
pub fn print_picture<'a>(
    images: &HashMap<String, (u32, u32)>,
    figure: &'a Figure,
) -> Option<(&'a str, (u32, u32))> {
    printable(images, &figure.src).or_else(|| {
        (figure.sources.iter())
            .filter(|s| !s.media.to_ascii_lowercase().contains("dark"))
            .find_map(|s| printable(images, &s.srcset))
    })
}

pub fn slices(ctx: &Context, figure: &Figure, width: f32) -> Vec<Slice> {
    let caption_style = SpanStyle {
        color: Color::MUTED,
        ..SpanStyle::new(FontId::SerifItalic, ctx.style.small_size)
    };
    let drawn = match print_picture(ctx.images, figure) {
        Some((key, size)) => picture(ctx, figure, key, size, width),
        None => placeholder(ctx, figure, width, &caption_style),
    };
    // A picture without alt text is described by its caption; one with neither is
    // decoration, as in HTML.
    let alt = match figure.alt.trim() {
        "" => match &figure.caption {
            Some(caption) => crate::model::Inline::plain_text(caption),
            None => figure.title.clone(),
        },
        alt => alt.to_string(),
    };
    let role = if alt.trim().is_empty() {
        Role::Artifact
    } else {
        Role::Figure { alt }
    };
    let mut slices = super::flow::tagged(role, drawn);
    let caption = match &figure.caption {
        Some(caption) => ctx.body_spans(caption, &caption_style),
        None if !figure.title.is_empty() => vec![Span {
            text: figure.title.clone(),
            style: caption_style,
        }],
        None => Vec::new(),
    };
    if !caption.is_empty() {
        if let Some(last) = slices.last_mut() {
            last.keep_with_next = true;
        }
        slices.push(Slice {
            height: ctx.style.paragraph_space * 0.6,
            keep_with_next: true,
            ..Slice::default()
        });
        slices.extend(super::flow::tagged(
            Role::Caption,
            ctx.paragraph(&caption, width, Align::Left, ctx.style.small_size * 1.4),
        ));
    }
    slices
}

/// The width a figure asks for, in points, when its HTML states one.
fn asked(length: Option<Length>, column: f32) -> Option<f32> {
    match length? {
        Length::Pixels(px) => Some(px * POINTS_PER_PIXEL),
        Length::Percent(share) => Some(column * share / 100.0),
    }
}

/// A picture scaled to the column (and to half a page at most).
fn picture(
    ctx: &Context,
    figure: &Figure,
    key: &str,
    (pixels_w, pixels_h): (u32, u32),
    width: f32,
) -> Vec<Slice> {
    let (w, h) = (pixels_w.max(1) as f32, pixels_h.max(1) as f32);
    let max_height = ctx.style.body_leading * 22.0;
    let fit = (width / w).min(max_height / h);
    let scale = match (asked(figure.width, width), asked(figure.height, max_height)) {
        // The size the writer asked for, within the column.
        (Some(asked_w), _) => (asked_w / w).min(fit),
        (None, Some(asked_h)) => (asked_h / h).min(fit),
        // Never larger than 150 dpi would print it.
        (None, None) => fit.min(72.0 / 150.0 * 2.0),
    };
    let (draw_w, draw_h) = (w * scale, h * scale);
    vec![Slice {
        height: draw_h,
        items: vec![Item::Image {
            x: x_of(figure.align, width, draw_w),
            y: 0.0,
            width: draw_w,
            height: draw_h,
            path: key.to_string(),
        }],
        ..Slice::default()
    }]
}

fn x_of(align: Placement, column: f32, width: f32) -> f32 {
    match align {
        Placement::Left => 0.0,
        Placement::Right => column - width,
        Placement::Center | Placement::None => (column - width) / 2.0,
    }
}

/// A frame in the picture's place, holding its description (or its address).
fn placeholder(ctx: &Context, figure: &Figure, width: f32, style: &SpanStyle) -> Vec<Slice> {
    let address = match &figure.src {
        Href::Asset(path) | Href::Unresolved(path) => path.clone(),
        Href::External(url) if url.starts_with("data:") => "data:".to_string(),
        Href::External(url) => url.clone(),
        Href::Page { path, .. } => path.to_string(),
        Href::Fragment(id) => format!("#{id}"),
    };
    // The file's name beside the description tells the reader what is missing.
    let text = match (figure.alt.trim(), &figure.src) {
        ("", _) => address,
        (alt, Href::Asset(path)) => {
            let name = path.rsplit_once('/').map_or(path.as_str(), |(_, n)| n);
            format!("{alt} ({name})")
        }
        (alt, _) => alt.to_string(),
    };
    let frame_w = asked(figure.width, width).map_or(width, |w| w.clamp(width * 0.3, width));
    let pad = ctx.style.small_size;
    let lines = ctx.paragraph(
        &[Span {
            text,
            style: style.clone(),
        }],
        frame_w - pad * 2.0,
        Align::Left,
        ctx.style.small_size * 1.4,
    );
    let x = x_of(figure.align, width, frame_w);
    let mut items = Vec::new();
    let mut y = pad;
    for line in lines {
        items.extend(line.items.into_iter().map(|i| i.shifted(x + pad, y)));
        y += line.height;
    }
    let height = y + pad;
    let (right, bottom) = (x + frame_w, height);
    for (x1, y1, x2, y2) in [
        (x, 0.0, right, 0.0),
        (right, 0.0, right, bottom),
        (right, bottom, x, bottom),
        (x, bottom, x, 0.0),
    ] {
        items.push(Item::Line {
            x1,
            y1,
            x2,
            y2,
            width: 0.8,
            color: Color::RULE,
        });
    }
    vec![Slice {
        height,
        items,
        ..Slice::default()
    }]
}
