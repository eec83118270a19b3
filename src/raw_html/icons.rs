//! Icon-font elements in raw HTML (`<i class="fa fa-github"></i>`, as mdBook guides
//! write them): empty elements whose glyph comes from a font Folio does not load, so
//! they show nothing in the site and nothing in the PDF. Each is a warning at its
//! place, not a silent loss; the raw HTML itself is left to the policy.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Block, Inline, Pos};

/// Warns about every empty icon element in `blocks` (and their footnotes' blocks,
/// which the caller passes the same way).
pub fn warn(blocks: &[Block], file: &str, diagnostics: &Diagnostics) {
    for block in blocks {
        match block {
            Block::Html(html, pos) => pieces(&[(html.as_str(), Some(*pos))], file, diagnostics),
            Block::Heading { content, .. } | Block::Paragraph(content) => {
                inlines(content, file, diagnostics)
            }
            Block::List { items, .. } => {
                for item in items {
                    warn(&item.blocks, file, diagnostics);
                }
            }
            Block::Quote { blocks: inner, .. } => warn(inner, file, diagnostics),
            Block::Table(table) => {
                for cell in table.head.iter().chain(table.rows.iter().flatten()) {
                    inlines(cell, file, diagnostics);
                }
            }
            Block::Image(figure) => {
                if let Some(caption) = &figure.caption {
                    inlines(caption, file, diagnostics);
                }
            }
            Block::Code { .. } | Block::Rule | Block::DecisionTree { .. } => {}
        }
    }
}

/// Inline raw HTML comes tag by tag (`<i class="fa">`, then `</i>`): each run of
/// pieces, with the white space between them, is read as one.
fn inlines(list: &[Inline], file: &str, diagnostics: &Diagnostics) {
    let mut run: Vec<(&str, Option<Pos>)> = Vec::new();
    for inline in list {
        match inline {
            Inline::Html(html, pos) => {
                run.push((html, Some(*pos)));
                continue;
            }
            Inline::Text(text) if !run.is_empty() && text.trim().is_empty() => {
                run.push((text, None));
                continue;
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                inlines(c, file, diagnostics)
            }
            Inline::Link(link) => inlines(&link.content, file, diagnostics),
            Inline::Indexed(mark) => inlines(&mark.content, file, diagnostics),
            _ => {}
        }
        pieces(&std::mem::take(&mut run), file, diagnostics);
    }
    pieces(&run, file, diagnostics);
}

/// Finds the empty icon elements of raw pieces read as one, each placed in its piece
/// (white space between pieces has no place of its own: it counts in the one before).
fn pieces(run: &[(&str, Option<Pos>)], file: &str, diagnostics: &Diagnostics) {
    if run.is_empty() {
        return;
    }
    let mut text = String::new();
    let mut starts = Vec::with_capacity(run.len());
    for (html, pos) in run {
        if let Some(pos) = pos {
            starts.push((text.len(), *pos));
        }
        text.push_str(html);
    }
    for (offset, tag, class) in empty_icons(&text) {
        let pos = super::place_in(&text, &starts, offset);
        diagnostics.push(
            Diagnostic::warning(
                file,
                pos,
                format!(
                    "`<{tag} class=\"{class}\">` is an empty icon-font element: it shows nothing in the site or the PDF (Folio loads no icon font)"
                ),
            )
            .with_hint(
                "say what the icon meant in words, or use a Unicode symbol or an image (`![GitHub](github.svg)`); remove it if it was decoration",
            ),
        );
    }
}

/// `(offset, tag, class)` of each `<i>` or `<span>` with an icon font's class and
/// nothing but white space before its end tag.
fn empty_icons(html: &str) -> Vec<(usize, &str, &str)> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(next) = lower[at..].find('<') {
        let start = at + next;
        at = start + 1;
        let name_end = (lower[at..].find(|c: char| !c.is_ascii_alphanumeric()))
            .map_or(lower.len(), |n| at + n);
        let tag = &html[at..name_end];
        if !matches!(&lower[at..name_end], "i" | "span") {
            continue;
        }
        let Some(close) = tag_end(&html[name_end..]).map(|n| name_end + n) else {
            continue;
        };
        let Some(class) = class_of(&html[name_end..close]) else {
            continue;
        };
        let after = lower[close + 1..].trim_start();
        let end_tag = format!("</{}", &lower[at..name_end]);
        let empty = after
            .strip_prefix(&end_tag)
            .is_some_and(|rest| rest.trim_start().starts_with('>'));
        if empty && class.split_whitespace().any(is_icon_class) {
            found.push((start, tag, class));
        }
    }
    found
}

/// Where an open tag's attributes end (its `>`), quotes skipped.
fn tag_end(attributes: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in attributes.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The value of a `class` attribute, quoted.
fn class_of(attributes: &str) -> Option<&str> {
    let lower = attributes.to_ascii_lowercase();
    let at = lower.find("class")?;
    let rest = attributes[at + 5..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let value = &rest[1..];
    Some(&value[..value.find(quote)?])
}

/// Classes of the usual icon fonts: Font Awesome, Bootstrap Icons, Glyphicons, and
/// the `icon-` convention.
fn is_icon_class(class: &str) -> bool {
    matches!(
        class,
        "fa" | "fas" | "far" | "fab" | "fal" | "fad" | "bi" | "glyphicon"
    ) || ["fa-", "bi-", "glyphicon-", "icon-"]
        .iter()
        .any(|prefix| class.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HeadingIds;
    use crate::parse::markdown;

    fn warnings(body: &str) -> Vec<(u32, u32, String)> {
        let diagnostics = Diagnostics::new();
        let parsed = markdown::parse_with("src/p.md", body, 0, HeadingIds::Github, &diagnostics);
        warn(&parsed.blocks, "src/p.md", &diagnostics);
        (diagnostics.into_sorted().into_iter())
            .map(|d| (d.pos.line, d.pos.column, d.message))
            .collect()
    }

    #[test]
    fn empty_icon_elements_are_warned_about_at_their_place() {
        let found = warnings(
            "# Title\n\nSee <i class=\"fa fa-github\"></i> the code, <span class='bi bi-star'> </span>.\n\n\
             - a <b><i class=\"fas fa-check\"></i></b> done\n\n\
             <div>\n  <i class=\"fa fa-warning\"></i> Careful\n</div>\n",
        );
        let places: Vec<(u32, u32)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
        assert_eq!(places, [(3, 5), (3, 44), (5, 8), (8, 3)], "{found:#?}");
        assert_eq!(
            found[0].2,
            "`<i class=\"fa fa-github\">` is an empty icon-font element: it shows nothing in the site or the PDF (Folio loads no icon font)"
        );
    }

    #[test]
    fn other_inline_html_is_left_alone() {
        let found = warnings(
            "<i>emphasis</i>, <i class=\"fa fa-x\">text</i>, <span class=\"note\"></span>, \
             <kbd>Ctrl</kbd>, `<i class=\"fa fa-x\"></i>` in code.\n",
        );
        assert!(found.is_empty(), "{found:#?}");
    }
}
