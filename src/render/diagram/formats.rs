//! A tree in the text formats of other diagram tools, for writers who paste it into a
//! wiki or a slide: Graphviz DOT and Mermaid. Those tools lay the graph out
//! themselves, so these carry the graph and its texts, not our geometry; boxes keep
//! the numbers of the printed and on-line steps, results their outcome's colour, and
//! what validation rejects its red.

use std::fmt::Write as _;

use super::svg::{FAULT, class_fill};
use super::{BoxKind, Diagram};

/// `digraph` with one node per box and one labelled edge per answer.
pub fn dot(diagram: &Diagram) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", dot_string(&diagram.tree));
    let _ = writeln!(out, "  label={};", dot_string(&diagram.title));
    out.push_str("  labelloc=t;\n  rankdir=TB;\n");
    out.push_str("  node [shape=box, style=\"rounded\", fontname=\"sans-serif\"];\n");
    out.push_str("  edge [fontname=\"sans-serif\", fontsize=11];\n");
    for node in &diagram.boxes {
        let label = box_text(node, "\n");
        let fault = if node.fault.is_some() {
            format!(", color=\"{FAULT}\", penwidth=2")
        } else {
            String::new()
        };
        match &node.kind {
            BoxKind::Question if node.fault.is_some() => {
                let _ = writeln!(
                    out,
                    "  {} [label={}, style=\"rounded,dashed\", fontcolor=\"{FAULT}\"{fault}];",
                    dot_string(&node.node),
                    dot_string(&label)
                );
            }
            BoxKind::Question => {
                let _ = writeln!(
                    out,
                    "  {} [label={}];",
                    dot_string(&node.node),
                    dot_string(&label)
                );
            }
            BoxKind::Outcome { class, .. } => {
                let style = if node.fault.is_some() {
                    "rounded,filled,bold,dashed"
                } else {
                    "rounded,filled,bold"
                };
                let _ = writeln!(
                    out,
                    "  {} [label={}, style=\"{style}\", fillcolor=\"{}\", fontcolor=\"#ffffff\"{fault}];",
                    dot_string(&node.node),
                    dot_string(&label),
                    class_fill(*class)
                );
            }
        }
    }
    for arrow in &diagram.arrows {
        let fault = if arrow.fault.is_some() {
            format!(", color=\"{FAULT}\", fontcolor=\"{FAULT}\", penwidth=2")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {} -> {} [label={}{fault}];",
            dot_string(&arrow.from),
            dot_string(&arrow.to),
            dot_string(&line_text(&arrow.lines))
        );
    }
    out.push_str("}\n");
    out
}

/// `flowchart TD` with rounded result nodes and a class per outcome colour.
pub fn mermaid(diagram: &Diagram) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "---\ntitle: {}\n---", mermaid_text(&diagram.title));
    out.push_str("flowchart TD\n");
    let mut classes = Vec::new();
    let mut faulty = Vec::new();
    for node in &diagram.boxes {
        let label = mermaid_text(&box_text(node, "<br/>"));
        if node.fault.is_some() {
            faulty.push(mermaid_id(&node.node));
        }
        match &node.kind {
            BoxKind::Question => {
                let _ = writeln!(out, "  {}[\"{label}\"]", mermaid_id(&node.node));
            }
            BoxKind::Outcome { class, .. } => {
                let name = class.map_or("normal", |c| c.name());
                let _ = writeln!(out, "  {}([\"{label}\"]):::{name}", mermaid_id(&node.node));
                if !classes.contains(&(name, *class)) {
                    classes.push((name, *class));
                }
            }
        }
    }
    let mut red_links = Vec::new();
    for (n, arrow) in diagram.arrows.iter().enumerate() {
        if arrow.fault.is_some() {
            red_links.push(n.to_string());
        }
        let _ = writeln!(
            out,
            "  {} -->|\"{}\"| {}",
            mermaid_id(&arrow.from),
            mermaid_text(&line_text(&arrow.lines)),
            mermaid_id(&arrow.to)
        );
    }
    classes.sort_by_key(|(_, c)| *c);
    for (name, class) in classes {
        let _ = writeln!(
            out,
            "  classDef {name} fill:{fill},stroke:{fill},color:#ffffff",
            fill = class_fill(class)
        );
    }
    // A second class on those nodes: their outline turns red, their fill stays.
    if !faulty.is_empty() {
        let _ = writeln!(
            out,
            "  classDef fault stroke:{FAULT},stroke-width:3px,stroke-dasharray:6 3"
        );
        let _ = writeln!(out, "  class {} fault", faulty.join(","));
    }
    if !red_links.is_empty() {
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:{FAULT},stroke-width:2px,color:{FAULT}",
            red_links.join(",")
        );
    }
    out
}

fn line_text(lines: &[super::TextLine]) -> String {
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    join_lines(&texts, " ")
}

/// The box's mark and text, its wrapped lines joined again: the other tool wraps.
fn box_text(node: &super::NodeBox, newline: &str) -> String {
    let texts: Vec<&str> = node.lines.iter().map(|l| l.text.as_str()).collect();
    let text = join_lines(&texts, " ");
    match &node.mark {
        Some(mark) => format!("{}{newline}{text}", mark.text),
        None => text,
    }
}

/// Lines broken between ideographs join without a space, other lines with one.
fn join_lines(lines: &[&str], space: &str) -> String {
    let mut out = String::new();
    for line in lines {
        let wide = |c: Option<char>| c.is_some_and(|c| c as u32 >= 0x2E80);
        if !(out.is_empty() || wide(out.chars().last()) || wide(line.chars().next())) {
            out.push_str(space);
        }
        out.push_str(line);
    }
    out
}

fn dot_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Mermaid ids are plain words: `p1-critical` becomes `p1_critical`.
fn mermaid_id(id: &str) -> String {
    let id: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("n_{id}")
}

/// Quotes and angle brackets as Mermaid's entity codes (`#quot;`), so a text cannot
/// end its label early; `<br/>` line breaks are ours and kept.
fn mermaid_text(text: &str) -> String {
    text.replace('"', "#quot;")
        .replace("<br/>", "\u{0}")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
        .replace('\u{0}', "<br/>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_cannot_escape_their_quotes() {
        assert_eq!(dot_string("a \"b\"\\"), "\"a \\\"b\\\"\\\\\"");
        assert_eq!(
            mermaid_text("say \"hi\" <b>"),
            "say #quot;hi#quot; #lt;b#gt;"
        );
        assert_eq!(mermaid_id("p1-critical"), "n_p1_critical");
    }

    #[test]
    fn wrapped_lines_join_as_they_were_written() {
        assert_eq!(
            join_lines(&["Is the", "service down?"], " "),
            "Is the service down?"
        );
        assert_eq!(join_lines(&["本番環境が", "停止"], " "), "本番環境が停止");
    }
}
