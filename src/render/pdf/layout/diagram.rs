//! A decision tree's flowchart on paper: the diagram module's geometry, measured with
//! the PDF's own fonts, drawn as vector boxes, lines and real text (selectable, in the
//! embedded fonts) in one unbreakable slice. Boxes carry the printed steps' numbers
//! and letters and link to those steps.

use crate::model::{DecisionTree, OutcomeClass};
use crate::render::diagram::{self, BoxKind, Diagram, Measure, Style, TextLine};
use crate::render::pdf::boxes::{Color, Item, Role, Target};
use crate::render::pdf::fonts::FontId;
use crate::render::pdf::text::{Shaper, width_em};

use super::flow::{Context, Slice};

struct Fonts<'a>(&'a Shaper);

impl Measure for Fonts<'_> {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        width_em(&super::direction::shape_line(self.0, font(bold), text)) * size
    }
}

fn font(bold: bool) -> FontId {
    if bold {
        FontId::SerifBold
    } else {
        FontId::Serif
    }
}

fn style(scale: f32) -> Style {
    Style {
        text_size: 8.6 * scale,
        mark_size: 7.0 * scale,
        label_size: 7.6 * scale,
        leading: 1.22,
        pad: 5.0 * scale,
        box_text_width: 112.0 * scale,
        label_text_width: 72.0 * scale,
        min_box_width: 62.0 * scale,
        gap: 10.0 * scale,
        row_gap: 10.0 * scale,
        margin: 1.0,
        question_mark: Some("pdf-tree-step"),
        outcome_mark: Some("pdf-tree-outcome"),
    }
}

/// The flowchart laid out to fit `width`, and a text area about 1.35 times as tall as
/// it is wide (A4 and Letter with the usual margins): set smaller when it would not.
pub fn layout(ctx: &Context, tree: &DecisionTree, width: f32) -> Diagram {
    // Right-to-left languages read the chart mirrored, the first answer on the right:
    // a right-to-left document's pages are mirrored whole, so the chart is drawn
    // mirrored only when its language's direction differs from the document's.
    let rtl = super::direction::is_rtl(ctx.lang()) != ctx.rtl();
    let measure = Fonts(ctx.shaper);
    let mut scale = 1.0;
    let mut drawn = diagram::layout(tree, ctx.texts, &measure, &style(scale), rtl);
    for _ in 0..3 {
        let fit = (width / drawn.width).min(width * 1.35 / drawn.height);
        if fit >= 1.0 {
            break;
        }
        scale *= fit * 0.98;
        drawn = diagram::layout(tree, ctx.texts, &measure, &style(scale), rtl);
    }
    drawn
}

/// The diagram as one slice, centred in `width`.
pub fn slice(ctx: &Context, drawn: &Diagram, width: f32) -> Slice {
    let dx = ((width - drawn.width) / 2.0).max(0.0);
    let mut items = Vec::new();
    let stroke = 0.8;
    for arrow in &drawn.arrows {
        for pair in arrow.points.windows(2) {
            items.push(line(pair[0], pair[1], stroke, Color::MUTED));
        }
        if let Some([tip, left, right]) = diagram::head_points(&arrow.points, 4.2, 2.4) {
            items.push(line(left, tip, stroke, Color::MUTED));
            items.push(line(right, tip, stroke, Color::MUTED));
        }
        let r = arrow.label;
        items.push(Item::Rect {
            x: r.x,
            y: r.y,
            width: r.width,
            height: r.height,
            color: Color(0xf6, 0xf7, 0xf9),
        });
        text(ctx, &arrow.lines, Color::MUTED, &mut items);
    }
    for node in &drawn.boxes {
        let r = node.rect;
        let (fill, border) = match &node.kind {
            BoxKind::Question => (Color(0xff, 0xff, 0xff), Color::MUTED),
            BoxKind::Outcome { class, .. } => (tint(ink(*class)), ink(*class)),
        };
        items.push(Item::Rect {
            x: r.x,
            y: r.y,
            width: r.width,
            height: r.height,
            color: fill,
        });
        let corners = [
            (r.x, r.y),
            (r.right(), r.y),
            (r.right(), r.bottom()),
            (r.x, r.bottom()),
        ];
        let weight = if matches!(node.kind, BoxKind::Outcome { .. }) {
            1.4
        } else {
            stroke
        };
        for i in 0..4 {
            items.push(line(corners[i], corners[(i + 1) % 4], weight, border));
        }
        let mark_colour = match &node.kind {
            BoxKind::Question => Color::LINK,
            BoxKind::Outcome { class, .. } => ink(*class),
        };
        // Each box is a link to its step: its words and its annotation, together.
        items.push(Item::Begin(Role::Link));
        text(ctx, node.mark.as_slice(), mark_colour, &mut items);
        text(ctx, &node.lines, Color::TEXT, &mut items);
        items.push(Item::Link {
            x: r.x,
            y: r.y,
            width: r.width,
            height: r.height,
            target: Target::Anchor(super::tree::anchor(&drawn.tree, &node.node)),
        });
        items.push(Item::End);
    }
    Slice {
        height: drawn.height,
        items: items.into_iter().map(|i| i.shifted(dx, 0.0)).collect(),
        ..Slice::default()
    }
}

fn line(a: (f32, f32), b: (f32, f32), width: f32, color: Color) -> Item {
    Item::Line {
        x1: a.0,
        y1: a.1,
        x2: b.0,
        y2: b.1,
        width,
        color,
    }
}

fn text(ctx: &Context, lines: &[TextLine], color: Color, items: &mut Vec<Item>) {
    for line in lines {
        let shaped = super::direction::shape_line(ctx.shaper, font(line.bold), &line.text);
        items.push(Item::Text {
            x: line.x - line.width / 2.0,
            baseline: line.baseline,
            size: line.size,
            color,
            segments: shaped,
        });
    }
}

/// The outcome classes' colours on paper: dark enough for text and rules on white
/// (the site's light-scheme colours).
fn ink(class: Option<OutcomeClass>) -> Color {
    match class {
        Some(OutcomeClass::Critical) => Color(0xc0, 0x36, 0x2c),
        Some(OutcomeClass::High) => Color(0xa3, 0x5f, 0x00),
        Some(OutcomeClass::Normal) | None => Color(0x1f, 0x5f, 0xbf),
        Some(OutcomeClass::Low) => Color(0x1d, 0x7a, 0x4f),
        Some(OutcomeClass::Info) => Color(0x5f, 0x68, 0x77),
    }
}

/// A pale wash of the class colour behind dark text: it prints in colour and in grey.
fn tint(c: Color) -> Color {
    let mix = |v: u8| (255.0 - (255.0 - f32::from(v)) * 0.12).round() as u8;
    Color(mix(c.0), mix(c.1), mix(c.2))
}
