//! A diagram as SVG: readable without script or stylesheet (presentation attributes
//! give the light colours), restyled by the theme's CSS (dark scheme, the reader's
//! path), each box a link to that step of the widget when drawn for the site.

use std::fmt::Write as _;

use pulldown_cmark_escape::{escape_href, escape_html};

use super::{Arrow, BoxKind, Diagram, Fault, NodeBox, TextLine};
use crate::model::OutcomeClass;

pub struct SvgOptions<'a> {
    /// Id prefix of the SVG's own elements, unique in the page (`dt-priority-diagram`).
    pub id: &'a str,
    /// The flowchart's accessible name and description.
    pub title: &'a str,
    pub desc: &'a str,
    /// Ids of other elements that describe it (the numbered steps).
    pub described_by: Option<&'a str>,
    /// Boxes link to the widget's steps (`?tree=node:answer/...#dt-tree-node`).
    pub links: bool,
}

/// Light-scheme colours of the outcome classes, the same as the theme's badges
/// (white text on them passes WCAG AA); the stylesheet swaps them in dark mode.
pub fn class_fill(class: Option<OutcomeClass>) -> &'static str {
    match class {
        Some(OutcomeClass::Critical) => "#c0362c",
        Some(OutcomeClass::High) => "#a35f00",
        Some(OutcomeClass::Normal) | None => "#1f5fbf",
        Some(OutcomeClass::Low) => "#1d7a4f",
        Some(OutcomeClass::Info) => "#5f6877",
    }
}

/// Red of what validation rejects: 6.6:1 on white, 6.2:1 on the answers' labels.
/// The overlay's stylesheet gives the dark-scheme red.
pub const FAULT: &str = "#b42318";
/// The fill of a box an answer's missing `next` leads to (red text on it: 5.9:1).
const FAULT_FILL: &str = "#fdf0ef";

/// ` tree-diagram-fault` and the kind of fault, for the stylesheet and for tests.
fn fault_attrs(fault: Option<Fault>) -> (&'static str, &'static str) {
    match fault {
        None => ("", ""),
        Some(Fault::Unreachable) => (" tree-diagram-fault", " data-fault=\"unreachable\""),
        Some(Fault::Missing) => (" tree-diagram-fault", " data-fault=\"missing\""),
        Some(Fault::Cycle) => (" tree-diagram-fault", " data-fault=\"cycle\""),
    }
}

pub fn svg(diagram: &Diagram, options: &SvgOptions) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let id = esc(options.id);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tree-diagram tree-diagram-min-{min}\" id=\"{id}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"system-ui, sans-serif\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc{more}\"{dir}>\n<title id=\"{id}-title\">{title}</title>\n<desc id=\"{id}-desc\">{desc}</desc>\n",
        w = n(diagram.width),
        h = n(diagram.height),
        min = min_width_class(diagram.width),
        more = options
            .described_by
            .map_or(String::new(), |d| format!(" {}", esc(d))),
        dir = if diagram.rtl {
            " direction=\"rtl\""
        } else {
            ""
        },
        title = esc(options.title),
        desc = esc(options.desc),
    );
    out.push_str("<g class=\"tree-diagram-arrows\">\n");
    for arrow in &diagram.arrows {
        arrow_svg(&mut out, arrow);
    }
    out.push_str("</g>\n<g class=\"tree-diagram-boxes\">\n");
    for node in &diagram.boxes {
        box_svg(&mut out, diagram, node, options);
    }
    out.push_str("</g>\n</svg>\n");
    out
}

fn arrow_svg(out: &mut String, arrow: &Arrow) {
    let mut d = String::new();
    for (i, (x, y)) in arrow.points.iter().enumerate() {
        let _ = write!(d, "{}{},{}", if i == 0 { "M" } else { " L" }, n(*x), n(*y));
    }
    let (fault_class, fault_data) = fault_attrs(arrow.fault);
    let (line, width, ink) = match arrow.fault {
        Some(_) => (FAULT, "2", FAULT),
        None => ("#5f6877", "1.5", "#4a5568"),
    };
    let _ = write!(
        out,
        "<g class=\"tree-diagram-arrow{fault_class}\" data-edge=\"{from}:{answer}\" data-to=\"{to}\"{fault_data}>\n<path class=\"tree-diagram-line\" d=\"{d}\" fill=\"none\" stroke=\"{line}\" stroke-width=\"{width}\"/>\n<path class=\"tree-diagram-head\" d=\"{head}\" fill=\"{line}\"/>\n",
        from = esc(&arrow.from),
        answer = esc(&arrow.answer),
        to = esc(&arrow.to),
        head = head(&arrow.points),
    );
    let r = &arrow.label;
    let _ = writeln!(
        out,
        "<rect class=\"tree-diagram-label\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"#f6f7f9\"/>",
        n(r.x),
        n(r.y),
        n(r.width),
        n(r.height)
    );
    text(out, "tree-diagram-answer", &arrow.lines, ink);
    out.push_str("</g>\n");
}

/// A filled triangle whose tip is the arrow's last point, along its last segment.
pub fn head_points(points: &[(f32, f32)], length: f32, half: f32) -> Option<[(f32, f32); 3]> {
    let [.., a, b] = points else { return None };
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 0.01 {
        return None;
    }
    let (ux, uy) = (dx / len, dy / len);
    let base = (b.0 - ux * length, b.1 - uy * length);
    Some([
        *b,
        (base.0 - uy * half, base.1 + ux * half),
        (base.0 + uy * half, base.1 - ux * half),
    ])
}

fn head(points: &[(f32, f32)]) -> String {
    head_points(points, 7.0, 4.0).map_or(String::new(), |[t, l, r]| {
        format!(
            "M{},{} L{},{} L{},{} Z",
            n(t.0),
            n(t.1),
            n(l.0),
            n(l.1),
            n(r.0),
            n(r.1)
        )
    })
}

fn box_svg(out: &mut String, diagram: &Diagram, node: &NodeBox, options: &SvgOptions) {
    let (kind, class, fill, stroke, ink) = match &node.kind {
        BoxKind::Question if node.fault == Some(Fault::Missing) => {
            ("question".to_string(), None, FAULT_FILL, FAULT, FAULT)
        }
        BoxKind::Question => (
            "question".to_string(),
            None,
            "#ffffff",
            "#5f6877",
            "#1c2330",
        ),
        BoxKind::Outcome { class, .. } => (
            "outcome".to_string(),
            *class,
            class_fill(*class),
            class_fill(*class),
            "#ffffff",
        ),
    };
    let (fault_class, fault_data) = fault_attrs(node.fault);
    let class_attr =
        class.map_or(String::new(), |c| format!(" tree-diagram-{}", c.name())) + fault_class;
    let stroke = if node.fault.is_some() { FAULT } else { stroke };
    let path: Vec<String> = node.path.iter().map(|(n, a)| format!("{n}:{a}")).collect();
    let path = path.join("/");
    if options.links {
        let query = if path.is_empty() {
            String::new()
        } else {
            format!("{}={}", diagram.tree, path)
        };
        let mut href = String::new();
        let _ = escape_href(
            &mut href,
            &format!("?{query}#dt-{}-{}", diagram.tree, node.node),
        );
        let _ = write!(out, "<a href=\"{href}\"");
    } else {
        out.push_str("<g");
    }
    let _ = writeln!(
        out,
        " class=\"tree-diagram-node tree-diagram-{kind}{class_attr}\" data-node=\"{}\" data-path=\"{}\"{fault_data}>",
        esc(&node.node),
        esc(&path)
    );
    let r = &node.rect;
    let _ = writeln!(
        out,
        "<rect class=\"tree-diagram-box\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{}\"/>",
        n(r.x),
        n(r.y),
        n(r.width),
        n(r.height),
        if matches!(node.kind, BoxKind::Outcome { .. }) {
            14
        } else {
            6
        },
        match node.fault {
            // Dashed: a box no answer can reach, or that no rule defines.
            Some(_) => "3\" stroke-dasharray=\"6 3",
            None => "1.5",
        }
    );
    if let Some(mark) = &node.mark {
        let muted = if class.is_some() || matches!(node.kind, BoxKind::Outcome { .. }) {
            ink
        } else if node.fault.is_some() {
            FAULT
        } else {
            "#5f6877"
        };
        text(out, "tree-diagram-mark", std::slice::from_ref(mark), muted);
    }
    text(out, "tree-diagram-text", &node.lines, ink);
    out.push_str(if options.links { "</a>\n" } else { "</g>\n" });
}

fn text(out: &mut String, class: &str, lines: &[TextLine], fill: &str) {
    let Some(first) = lines.first() else { return };
    let _ = write!(
        out,
        "<text class=\"{class}\" text-anchor=\"middle\" font-size=\"{}\"{} fill=\"{fill}\">",
        n(first.size),
        if first.bold {
            " font-weight=\"700\""
        } else {
            ""
        }
    );
    for line in lines {
        let _ = write!(
            out,
            "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
            n(line.x),
            n(line.baseline),
            esc(&line.text)
        );
    }
    out.push_str("</text>\n");
}

/// The narrowest the stylesheet may shrink the chart to fit its column (80 %, in
/// steps of 40 px: `folio.css` has a rule per step, as the CSP forbids inline
/// styles); below that it keeps this width and scrolls in its frame.
pub fn min_width_class(width: f32) -> u32 {
    let min = (width * 0.8 / 40.0).floor() as u32 * 40;
    min.clamp(MIN_WIDTHS.0, MIN_WIDTHS.1)
}

/// The range of `tree-diagram-min-N` classes the theme styles.
pub const MIN_WIDTHS: (u32, u32) = (200, 1600);

/// Coordinates to a tenth: short, and the same bytes on every machine.
fn n(v: f32) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = escape_html(&mut out, text);
    out
}
