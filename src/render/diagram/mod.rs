//! Decision trees as flowcharts: questions as boxes, answers as labelled arrows,
//! results as end boxes in their outcome's colour class. `layout` is a pure function
//! from a tree and its locale's texts to plain geometry (`Diagram`); the site draws
//! that geometry as inline SVG (`svg`), the PDF as vector items, and `folio trees
//! graph` prints it as SVG, DOT or Mermaid (`formats`). Text widths come from the
//! caller's `Measure`: an estimate on the site, the real font metrics in the PDF, so
//! each renderer wraps texts into boxes that fit in its own fonts.

mod formats;
mod layered;
mod svg;
mod wrap;

pub use formats::{dot, mermaid};
pub use svg::{MIN_WIDTHS, SvgOptions, head_points, min_width_class, svg};
pub use wrap::{Estimate, wrap};

use std::cell::RefCell;
use std::collections::HashMap;

use crate::locale::Texts;
use crate::model::{DecisionTree, NodeKind, OutcomeClass};

/// How wide a text is set, in the diagram's units (CSS pixels or PDF points).
pub trait Measure {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32;
}

/// Sizes of the drawing, in the caller's units.
#[derive(Debug, Clone)]
pub struct Style {
    pub text_size: f32,
    pub mark_size: f32,
    pub label_size: f32,
    /// Line height as a multiple of the font size.
    pub leading: f32,
    pub pad: f32,
    /// Widest text line of a box and of an answer label.
    pub box_text_width: f32,
    pub label_text_width: f32,
    /// Narrowest box, so short questions still read as boxes.
    pub min_box_width: f32,
    /// Free space between neighbours in a row, and between rows.
    pub gap: f32,
    pub row_gap: f32,
    pub margin: f32,
    /// Fluent ids of the marks printed in boxes, with `$number` / `$letter`:
    /// `pdf-tree-step` ("Step 2") on paper. The site's boxes have none: its widget
    /// counts the questions a reader answers, not the tree's steps.
    pub question_mark: Option<&'static str>,
    pub outcome_mark: Option<&'static str>,
}

impl Style {
    /// The site's diagram, in CSS pixels.
    pub fn screen() -> Style {
        Style {
            text_size: 14.0,
            mark_size: 11.0,
            label_size: 12.5,
            leading: 1.3,
            pad: 10.0,
            box_text_width: 150.0,
            label_text_width: 96.0,
            min_box_width: 96.0,
            gap: 14.0,
            row_gap: 16.0,
            margin: 8.0,
            question_mark: None,
            outcome_mark: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.width
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }
}

/// A line of text, centred on `x`, its baseline at `baseline`.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub text: String,
    pub x: f32,
    pub baseline: f32,
    pub width: f32,
    pub size: f32,
    pub bold: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BoxKind {
    Question,
    Outcome {
        outcome: String,
        class: Option<OutcomeClass>,
    },
}

/// What validation rejects, drawn where it is: a broken tree's diagram shows the
/// nodes that parsed with these parts in red (serve's error overlay, `trees graph`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A node the start never reaches (on a box).
    Unreachable,
    /// An answer's `next` that names no node: the arrow, and the "missing" box it
    /// ends at (a question box with no answers).
    Missing,
    /// An answer leading back to a node above it (on the arrow): it is left out of
    /// the ranking and drawn up the diagram's side.
    Cycle,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NodeBox {
    pub node: String,
    pub kind: BoxKind,
    pub fault: Option<Fault>,
    /// "Question 2" / "Step 2" / "Outcome A", when the style prints one.
    pub mark: Option<TextLine>,
    pub rect: Rect,
    pub lines: Vec<TextLine>,
    /// The first way to this node (answers in file order): the widget's deep link.
    pub path: Vec<(String, String)>,
    /// Its number among the questions, or its letter among the outcomes.
    pub number: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    pub from: String,
    pub answer: String,
    pub to: String,
    /// From the question's bottom edge to the next box's top edge.
    pub points: Vec<(f32, f32)>,
    pub label: Rect,
    pub lines: Vec<TextLine>,
    pub fault: Option<Fault>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    pub tree: String,
    pub title: String,
    pub width: f32,
    pub height: f32,
    pub rtl: bool,
    pub boxes: Vec<NodeBox>,
    pub arrows: Vec<Arrow>,
}

impl Diagram {
    pub fn node(&self, id: &str) -> Option<&NodeBox> {
        self.boxes.iter().find(|b| b.node == id)
    }

    /// Whether it draws anything validation rejects.
    pub fn has_faults(&self) -> bool {
        self.boxes.iter().any(|b| b.fault.is_some())
            || self.arrows.iter().any(|a| a.fault.is_some())
    }
}

/// The mark of a box the start never reaches, and the text of the box an answer's
/// missing `next` leads to. In English like the diagnostics they stand beside.
pub const UNREACHABLE_MARK: &str = "unreachable";
pub fn missing_text(id: &str) -> String {
    format!("missing: {id}")
}

/// The flowchart of `tree` in `texts`' locale, mirrored for right-to-left locales.
/// A valid tree draws its reachable nodes; a tree validation rejects draws every node
/// that parsed, its faults marked (`Fault`), so a writer sees what is wrong where.
pub fn layout(
    tree: &DecisionTree,
    texts: &Texts,
    measure: &dyn Measure,
    style: &Style,
    rtl: bool,
) -> Diagram {
    let mut order = tree.reading_order();
    let reachable = order.len();
    // Unreachable nodes follow, in file order.
    for node in &tree.nodes {
        if !order.iter().any(|n| n.id == node.id) {
            order.push(node);
        }
    }
    let mut boxes = Vec::with_capacity(order.len());
    let (mut questions, mut outcomes) = (0, 0);
    let paths = first_paths(tree);
    for (place, node) in order.iter().enumerate() {
        let (kind, text, bold, number, mark) = match &node.kind {
            NodeKind::Question { .. } => {
                questions += 1;
                let n = questions.to_string();
                let mark = style
                    .question_mark
                    .map(|id| texts.with_arg(id, "number", &n));
                (BoxKind::Question, texts.get(&node.text), false, n, mark)
            }
            NodeKind::Outcome { outcome, .. } => {
                outcomes += 1;
                let letter = letter(outcomes);
                let mark = style
                    .outcome_mark
                    .map(|id| texts.with_arg(id, "letter", &letter));
                let kind = BoxKind::Outcome {
                    outcome: outcome.id.clone(),
                    class: outcome.class,
                };
                let mut label = texts.get(&outcome.label);
                if let Some(badge) = &outcome.badge
                    && !label.contains(badge.as_str())
                {
                    label = format!("{badge} {label}");
                }
                (kind, label, true, letter, mark)
            }
        };
        let unreachable = place >= reachable;
        let mark = match (unreachable, mark) {
            (false, mark) => mark,
            (true, None) => Some(UNREACHABLE_MARK.to_string()),
            (true, Some(mark)) => Some(format!("{UNREACHABLE_MARK} · {mark}")),
        };
        let mut drawn = fill_box(
            measure,
            style,
            node.id.clone(),
            kind,
            &text,
            bold,
            mark,
            number,
        );
        drawn.fault = unreachable.then_some(Fault::Unreachable);
        drawn.path = paths
            .iter()
            .find(|(id, _)| *id == node.id)
            .map(|(_, p)| p.clone())
            .unwrap_or_default();
        boxes.push(drawn);
    }
    let back = back_edges(&order);
    let mut arrows = Vec::new();
    for node in &order {
        if let NodeKind::Question { answers } = &node.kind {
            for answer in answers {
                let mut fault = None;
                if tree.node(&answer.next).is_none() {
                    fault = Some(Fault::Missing);
                    if !boxes.iter().any(|b| b.node == answer.next) {
                        let mut missing = fill_box(
                            measure,
                            style,
                            answer.next.clone(),
                            BoxKind::Question,
                            &missing_text(&answer.next),
                            false,
                            None,
                            String::new(),
                        );
                        missing.fault = Some(Fault::Missing);
                        boxes.push(missing);
                    }
                } else if back.contains(&(node.id.as_str(), answer.id.as_str())) {
                    fault = Some(Fault::Cycle);
                }
                let lines = wrap_lines(
                    measure,
                    &texts.get(&answer.label),
                    style.label_size,
                    false,
                    style.label_text_width,
                    style.leading,
                );
                let width = lines.iter().map(|l| l.width).fold(0.0, f32::max) + style.pad;
                let height = lines.len() as f32 * style.label_size * style.leading + 4.0;
                arrows.push(Arrow {
                    from: node.id.clone(),
                    answer: answer.id.clone(),
                    to: answer.next.clone(),
                    points: Vec::new(),
                    label: Rect {
                        width,
                        height,
                        ..Rect::default()
                    },
                    lines,
                    fault,
                });
            }
        }
    }
    let mut diagram = Diagram {
        tree: tree.id.clone(),
        title: texts.get(&tree.title),
        width: 0.0,
        height: 0.0,
        rtl,
        boxes,
        arrows,
    };
    layered::place(&mut diagram, style);
    if rtl {
        mirror(&mut diagram);
    }
    diagram
}

/// The answers that lead back to a node on the way to them, depth-first from the
/// first node (the start), then from each node not yet seen: without them the graph
/// is acyclic and can be ranked.
fn back_edges<'a>(order: &[&'a crate::model::Node]) -> Vec<(&'a str, &'a str)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    fn visit<'a>(
        i: usize,
        order: &[&'a crate::model::Node],
        state: &mut [State],
        back: &mut Vec<(&'a str, &'a str)>,
    ) {
        state[i] = State::Open;
        if let NodeKind::Question { answers } = &order[i].kind {
            for answer in answers {
                let Some(j) = order.iter().position(|n| n.id == answer.next) else {
                    continue;
                };
                match state[j] {
                    State::Open => back.push((order[i].id.as_str(), answer.id.as_str())),
                    State::New => visit(j, order, state, back),
                    State::Done => {}
                }
            }
        }
        state[i] = State::Done;
    }
    let mut state = vec![State::New; order.len()];
    let mut back = Vec::new();
    for i in 0..order.len() {
        if state[i] == State::New {
            visit(i, order, &mut state, &mut back);
        }
    }
    back
}

/// A, B, … Z, AA: the outcomes' letters, as the printed steps count them.
pub fn letter(n: usize) -> String {
    let mut n = n;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// For every reachable node, the first answers (in file order) that lead to it.
fn first_paths(tree: &DecisionTree) -> Vec<(String, Vec<(String, String)>)> {
    let mut found: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut taken = Vec::new();
    visit(tree, &tree.start, &mut taken, &mut found);
    found
}

fn visit(
    tree: &DecisionTree,
    id: &str,
    taken: &mut Vec<(String, String)>,
    found: &mut Vec<(String, Vec<(String, String)>)>,
) {
    if found.iter().any(|(n, _)| n == id) || taken.iter().any(|(n, _)| n == id) {
        return;
    }
    let Some(node) = tree.node(id) else { return };
    found.push((id.to_string(), taken.clone()));
    if let NodeKind::Question { answers } = &node.kind {
        for answer in answers {
            taken.push((id.to_string(), answer.id.clone()));
            visit(tree, &answer.next, taken, found);
            taken.pop();
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn fill_box(
    measure: &dyn Measure,
    style: &Style,
    node: String,
    kind: BoxKind,
    text: &str,
    bold: bool,
    mark: Option<String>,
    number: String,
) -> NodeBox {
    let set = |width: f32| wrap_lines(measure, text, style.text_size, bold, width, style.leading);
    let mut lines = set(style.box_text_width);
    // A long question grows wider rather than into a narrow tower.
    if lines.len() > 4 {
        lines = set(style.box_text_width * 1.4);
    }
    let mark_line = mark.map(|m| TextLine {
        width: measure.width(&m, style.mark_size, true),
        text: m,
        x: 0.0,
        baseline: style.mark_size,
        size: style.mark_size,
        bold: true,
    });
    let text_top = mark_line
        .as_ref()
        .map_or(0.0, |m| m.baseline + style.mark_size * 0.45);
    for line in &mut lines {
        line.baseline += text_top;
    }
    let widest = lines
        .iter()
        .chain(mark_line.iter())
        .map(|l| l.width)
        .fold(0.0, f32::max);
    let width = (widest + style.pad * 2.0).max(style.min_box_width).ceil();
    let text_height = lines.len() as f32 * style.text_size * style.leading;
    let height = (text_top + text_height + style.pad * 2.0 - style.text_size * 0.2).ceil();
    // Lines were set from a top of 0: move them inside the padding, centred.
    let mut shift = |line: &mut TextLine| {
        line.x = width / 2.0;
        line.baseline += style.pad;
    };
    lines.iter_mut().for_each(&mut shift);
    let mut mark_line = mark_line;
    mark_line.iter_mut().for_each(shift);
    NodeBox {
        node,
        kind,
        mark: mark_line,
        rect: Rect {
            width,
            height,
            ..Rect::default()
        },
        lines,
        path: Vec::new(),
        number,
        fault: None,
    }
}

/// Wrapped lines from a top of 0, centred on 0.
fn wrap_lines(
    measure: &dyn Measure,
    text: &str,
    size: f32,
    bold: bool,
    width: f32,
    leading: f32,
) -> Vec<TextLine> {
    let step = size * leading;
    // The balancing search below wraps the same text a dozen times, measuring the
    // same candidate lines again; each measure shapes the whole line (in the PDF, a
    // tenth of a guide's layout time before this memo).
    let memo: RefCell<HashMap<String, f32>> = RefCell::new(HashMap::new());
    let measured = |t: &str| {
        if let Some(width) = memo.borrow().get(t) {
            return *width;
        }
        let width = measure.width(t, size, bold);
        memo.borrow_mut().insert(t.to_string(), width);
        width
    };
    let mut lines = wrap(text, width, measured);
    // Balanced lines: the narrowest width that keeps the same number of lines, so a
    // box does not end on a lone word.
    if lines.len() > 1 {
        let (mut lo, mut hi) = (width / 3.0, width);
        for _ in 0..10 {
            let mid = (lo + hi) / 2.0;
            if wrap(text, mid, measured).len() == lines.len() {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        lines = wrap(text, hi, measured);
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, (text, width))| TextLine {
            text,
            x: 0.0,
            // The first baseline sits one ascent (about 0.8 em) plus half the extra
            // leading below the top.
            baseline: i as f32 * step + size * 0.8 + (step - size) / 2.0,
            width,
            size,
            bold,
        })
        .collect()
}

/// Right-to-left reading: the first answer on the right.
fn mirror(diagram: &mut Diagram) {
    let w = diagram.width;
    let flip_rect = |r: &mut Rect| r.x = w - r.x - r.width;
    let flip_line = |l: &mut TextLine| l.x = w - l.x;
    for b in &mut diagram.boxes {
        flip_rect(&mut b.rect);
        b.lines
            .iter_mut()
            .chain(b.mark.iter_mut())
            .for_each(flip_line);
    }
    for a in &mut diagram.arrows {
        flip_rect(&mut a.label);
        a.lines.iter_mut().for_each(flip_line);
        for p in &mut a.points {
            p.0 = w - p.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;
    use crate::locale::Messages;
    use crate::model::{LinkStyle, SiteConfig, SourceFile};

    /// A start whose answers loop back to it and lead to an id no node has, and a
    /// result no answer reaches.
    const BROKEN: &str = r#"
id = "broken"
title = "tree-title"
start = "first"

[[outcome]]
id = "done"
label = "outcome-done"

[[node]]
id = "first"
text = "q-first"
answers = [
  { id = "on", label = "a-on", next = "second" },
  { id = "gone", label = "a-gone", next = "nowhere" },
]

[[node]]
id = "second"
text = "q-second"
answers = [
  { id = "again", label = "a-again", next = "first" },
  { id = "end", label = "a-end", next = "finish" },
]

[[node]]
id = "finish"
text = "r-finish"
outcome = "done"

[[node]]
id = "lost"
text = "r-lost"
outcome = "done"
"#;

    fn broken_diagram() -> (Diagram, usize) {
        let diagnostics = Diagnostics::new();
        let file = SourceFile {
            path: "content/decision-trees/broken.toml".into(),
            text: BROKEN.into(),
        };
        let tree = crate::parse::decision_tree::parse(&file, Some(&[]), &diagnostics)
            .expect("the tree parses");
        let errors = diagnostics.into_sorted().len();
        let config = SiteConfig {
            title: "T".into(),
            base_url: "https://x.test/".into(),
            source_locale: "en".into(),
            locales: vec!["en".into()],
            theme: "default".into(),
            links: LinkStyle::Pretty,
            heading_ids: Default::default(),
            pdf: Default::default(),
            markdown: Default::default(),
            html: Default::default(),
        };
        let messages = Messages::build(&config, Vec::new(), Vec::new(), &Diagnostics::new());
        let texts = Texts::new(&messages, "en");
        let drawn = layout(&tree, &texts, &Estimate, &Style::screen(), false);
        (drawn, errors)
    }

    #[test]
    fn a_broken_tree_is_drawn_with_its_faults_marked() {
        let (drawn, errors) = broken_diagram();
        assert_eq!(errors, 3, "missing next, unreachable node, cycle");
        let fault = |id: &str| drawn.node(id).map(|b| b.fault);
        assert_eq!(fault("first"), Some(None));
        assert_eq!(fault("lost"), Some(Some(Fault::Unreachable)));
        assert_eq!(fault("nowhere"), Some(Some(Fault::Missing)));
        let lost = drawn.node("lost").expect("drawn");
        assert_eq!(
            lost.mark.as_ref().map(|m| m.text.as_str()),
            Some("unreachable")
        );
        let missing = drawn.node("nowhere").expect("drawn");
        assert_eq!(missing.lines[0].text, "missing: nowhere");
        let arrow = |answer: &str| drawn.arrows.iter().find(|a| a.answer == answer);
        assert_eq!(arrow("gone").map(|a| a.fault), Some(Some(Fault::Missing)));
        assert_eq!(arrow("again").map(|a| a.fault), Some(Some(Fault::Cycle)));
        assert_eq!(arrow("on").map(|a| a.fault), Some(None));
        // The answer back to the start still ranks `second` below `first`.
        let (first, second) = (drawn.node("first").unwrap(), drawn.node("second").unwrap());
        assert!(second.rect.y >= first.rect.bottom());
        // Back up the side: it leaves its label downwards, ends on the start's top.
        let back = arrow("again").unwrap();
        let last = *back.points.last().unwrap();
        assert!((last.1 - first.rect.y).abs() < 0.01);
        assert!(back.points.iter().any(|p| p.0 > first.rect.right()));
        assert!(
            back.points
                .iter()
                .all(|p| p.0 <= drawn.width && p.1 >= 0.0 && p.1 <= drawn.height)
        );
    }

    #[test]
    fn a_broken_tree_s_boxes_and_labels_keep_clear() {
        let (drawn, _) = broken_diagram();
        let mut rects: Vec<(&str, Rect)> = drawn
            .boxes
            .iter()
            .map(|b| (b.node.as_str(), b.rect))
            .collect();
        rects.extend(drawn.arrows.iter().map(|a| (a.answer.as_str(), a.label)));
        for (i, (a, ra)) in rects.iter().enumerate() {
            for (b, rb) in &rects[i + 1..] {
                assert!(!ra.overlaps(rb), "{a} overlaps {b}");
            }
            assert!(ra.right() <= drawn.width && ra.bottom() <= drawn.height);
        }
    }

    #[test]
    fn faults_are_red_in_every_format() {
        let (drawn, _) = broken_diagram();
        let svg = svg(
            &drawn,
            &SvgOptions {
                id: "d",
                title: "t",
                desc: "d",
                described_by: None,
                links: false,
            },
        );
        for mark in [
            "data-fault=\"cycle\"",
            "data-fault=\"missing\"",
            "data-fault=\"unreachable\"",
        ] {
            assert!(svg.contains(mark), "{mark}");
        }
        assert!(svg.contains(">missing: nowhere</tspan>"));
        assert!(svg.contains("stroke=\"#b42318\""));
        let dot = dot(&drawn);
        assert!(
            dot.contains("\"second\" -> \"first\" [label=\"a-again\", color=\"#b42318\""),
            "{dot}"
        );
        assert!(
            dot.contains("\"nowhere\" [label=\"missing: nowhere\", style=\"rounded,dashed\""),
            "{dot}"
        );
        let mermaid = mermaid(&drawn);
        assert!(
            mermaid.contains("class n_lost,n_nowhere fault"),
            "{mermaid}"
        );
        assert!(
            mermaid.contains("linkStyle 1,2 stroke:#b42318"),
            "{mermaid}"
        );
    }

    #[test]
    fn outcomes_are_lettered_like_the_printed_steps() {
        assert_eq!([1, 2, 26, 27, 28].map(letter), ["A", "B", "Z", "AA", "AB"]);
    }
}
