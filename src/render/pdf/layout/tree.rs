//! Decision trees on paper: numbered steps in topological order, each answer pointing
//! forward to a step or a lettered outcome (with its page), every step a link target.

use crate::model::{DecisionTree, NodeKind};
use crate::render::pdf::boxes::{Color, Item, Role, Target};

use super::flow::tagged;
use crate::render::pdf::fonts::FontId;

use super::flow::{Context, Slice};
use super::inline::{Align, Span, SpanStyle};

/// What a node is called on paper: "Step 3" or "Outcome B".
fn names(tree: &DecisionTree) -> Vec<(String, String)> {
    let mut steps = 0;
    let mut outcomes = 0;
    tree.reading_order()
        .iter()
        .map(|node| match node.kind {
            NodeKind::Question { .. } => {
                steps += 1;
                (node.id.clone(), steps.to_string())
            }
            NodeKind::Outcome { .. } => {
                outcomes += 1;
                (node.id.clone(), letter(outcomes))
            }
        })
        .collect()
}

/// A, B, … Z, AA: the outcomes' marks, counted as the address notes are.
fn letter(n: usize) -> String {
    super::links::note_letter(n).to_ascii_uppercase()
}

pub fn anchor(tree: &str, node: &str) -> String {
    format!("tree:{tree}:{node}")
}

pub fn slices(ctx: &Context, tree: &DecisionTree, width: f32) -> Vec<Slice> {
    let texts = ctx.texts;
    let size = ctx.style.body_size;
    let leading = ctx.style.body_leading;
    let names = names(tree);
    let name_of = |id: &str| {
        names
            .iter()
            .find(|(n, _)| n == id)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let pad = size * 1.1;
    let inner = width - pad * 2.0;
    let mut body: Vec<Slice> = Vec::new();

    let title_style = SpanStyle::new(FontId::SerifBold, ctx.style.h3_size);
    let mut title = ctx.paragraph(
        &[Span {
            text: texts.get(&tree.title),
            style: title_style,
        }],
        inner,
        Align::Left,
        ctx.style.h3_size * 1.3,
    );
    title.iter_mut().for_each(|s| s.keep_with_next = true);
    body.extend(tagged(Role::Paragraph, title));
    if let Some(intro) = &tree.intro {
        let style = SpanStyle {
            color: Color::MUTED,
            ..SpanStyle::new(FontId::SerifItalic, size)
        };
        let mut lines = ctx.paragraph(
            &[Span {
                text: texts.get(intro),
                style,
            }],
            inner,
            Align::Left,
            leading,
        );
        lines.iter_mut().for_each(|s| s.keep_with_next = true);
        body.extend(tagged(Role::Paragraph, lines));
    }
    // The whole tree at a glance, numbered as the steps that follow.
    let drawn = super::diagram::layout(ctx, tree, inner);
    body.push(Slice::space(leading * 0.5));
    body.extend(tagged(
        Role::Figure {
            alt: texts.get(&tree.title),
        },
        vec![super::diagram::slice(ctx, &drawn, inner)],
    ));
    let mut steps: Vec<Slice> = Vec::new();
    for node in tree.reading_order() {
        steps.push(Slice::space(leading * 0.5));
        let mut step: Vec<Slice> = Vec::new();
        let label = match node.kind {
            NodeKind::Question { .. } => {
                texts.with_arg("pdf-tree-step", "number", &name_of(&node.id))
            }
            NodeKind::Outcome { .. } => {
                texts.with_arg("pdf-tree-outcome", "letter", &name_of(&node.id))
            }
        };
        let bold = SpanStyle::new(FontId::SerifBold, size);
        let mut head = match &node.kind {
            NodeKind::Question { .. } => vec![
                Span {
                    text: format!("{label}\u{A0}— "),
                    style: SpanStyle {
                        color: Color::LINK,
                        ..bold.clone()
                    },
                },
                Span {
                    text: texts.get(&node.text),
                    style: bold.clone(),
                },
            ],
            NodeKind::Outcome { outcome, .. } => vec![
                Span {
                    text: format!("{label}\u{A0}— "),
                    style: SpanStyle {
                        color: Color::LINK,
                        ..bold.clone()
                    },
                },
                Span {
                    text: texts.get(&outcome.label),
                    style: bold.clone(),
                },
            ],
        };
        if matches!(node.kind, NodeKind::Outcome { .. }) {
            head.push(Span {
                text: String::new(),
                style: bold.clone(),
            });
        }
        let mut lines = ctx.paragraph(&head, inner, Align::Left, leading);
        if let Some(first) = lines.first_mut() {
            first.items.insert(
                0,
                Item::Anchor {
                    name: anchor(&tree.id, &node.id),
                    y: 0.0,
                },
            );
        }
        lines.iter_mut().for_each(|s| s.keep_with_next = true);
        step.extend(tagged(Role::Paragraph, lines));
        let regular = SpanStyle::new(FontId::Serif, size);
        if let Some(help) = &node.help {
            let style = SpanStyle {
                color: Color::MUTED,
                ..SpanStyle::new(FontId::SerifItalic, ctx.style.small_size)
            };
            let mut lines = ctx.paragraph(
                &[Span {
                    text: texts.get(help),
                    style,
                }],
                inner,
                Align::Left,
                ctx.style.small_size * 1.4,
            );
            lines.iter_mut().for_each(|s| s.keep_with_next = true);
            step.extend(tagged(Role::Paragraph, lines));
        }
        match &node.kind {
            NodeKind::Question { answers } => {
                let count = answers.len();
                for (i, answer) in answers.iter().enumerate() {
                    let target_name = name_of(&answer.next);
                    let is_outcome = matches!(
                        tree.node(&answer.next).map(|n| &n.kind),
                        Some(NodeKind::Outcome { .. })
                    );
                    let destination = if is_outcome {
                        let base = texts.with_arg("pdf-tree-outcome", "letter", &target_name);
                        match ctx.page_label(&anchor(&tree.id, &answer.next)) {
                            Some(page) => format!(
                                "{base} ({})",
                                texts.with_arg("pdf-tree-page", "page", &page)
                            ),
                            None => base,
                        }
                    } else {
                        texts.with_arg("pdf-tree-step", "number", &target_name)
                    };
                    let link = SpanStyle {
                        color: Color::LINK,
                        link: Some(Target::Anchor(anchor(&tree.id, &answer.next))),
                        ..regular.clone()
                    };
                    let spans = [
                        Span {
                            text: format!("{}\u{A0}→ ", texts.get(&answer.label)),
                            style: regular.clone(),
                        },
                        Span {
                            text: destination,
                            style: link,
                        },
                    ];
                    let mut lines: Vec<Slice> = ctx
                        .paragraph(&spans, inner - size * 1.2, Align::Left, leading)
                        .into_iter()
                        .map(|s| shift(s, size * 1.2))
                        .collect();
                    if i + 1 < count {
                        lines.iter_mut().for_each(|s| s.keep_with_next = true);
                    }
                    step.extend(tagged(Role::Paragraph, lines));
                }
            }
            NodeKind::Outcome { link, .. } => {
                step.extend(tagged(
                    Role::Paragraph,
                    ctx.paragraph(
                        &[Span {
                            text: texts.get(&node.text),
                            style: regular.clone(),
                        }],
                        inner,
                        Align::Justify,
                        leading,
                    ),
                ));
                if let Some(link) = link {
                    let page = ctx
                        .site
                        .page(&ctx.page.locale, &link.path)
                        .or_else(|| ctx.site.page(&ctx.site.config.source_locale, &link.path));
                    if let Some(page) = page {
                        let target = Target::Anchor(ctx.anchor(&page.path, link.anchor.as_deref()));
                        let style = SpanStyle {
                            color: Color::LINK,
                            link: Some(target),
                            ..SpanStyle::new(FontId::SerifItalic, size)
                        };
                        step.extend(tagged(
                            Role::Paragraph,
                            ctx.paragraph(
                                &[Span {
                                    text: texts.with_arg(
                                        "tree-read-more",
                                        "page",
                                        &page.front.title,
                                    ),
                                    style,
                                }],
                                inner,
                                Align::Left,
                                leading,
                            ),
                        ));
                    }
                }
            }
        }
        steps.extend(tagged(
            Role::ListItem,
            tagged(Role::ListBody, std::mem::take(&mut step)),
        ));
    }
    body.extend(tagged(Role::List, steps));
    // A framed panel: top and bottom padding, a left rule in the accent colour.
    let mut slices = vec![Slice {
        height: pad * 0.8,
        keep_with_next: true,
        ..Slice::default()
    }];
    slices.extend(body.into_iter().map(|s| shift(s, pad)));
    slices.push(Slice {
        height: pad * 0.8,
        ..Slice::default()
    });
    for slice in &mut slices {
        let mut decoration = vec![
            Item::Rect {
                x: 0.0,
                y: 0.0,
                width,
                height: slice.height,
                color: Color(0xf6, 0xf7, 0xf9),
            },
            Item::Rect {
                x: 0.0,
                y: 0.0,
                width: 2.6,
                height: slice.height,
                color: Color::LINK,
            },
        ];
        decoration.append(&mut slice.items);
        slice.items = decoration;
    }
    slices
}

fn shift(mut slice: Slice, dx: f32) -> Slice {
    slice.items = slice
        .items
        .into_iter()
        .map(|i| i.shifted(dx, 0.0))
        .collect();
    slice
}

#[cfg(test)]
mod tests {
    use super::letter;

    #[test]
    fn outcomes_are_lettered() {
        assert_eq!([1, 2, 26, 27].map(letter), ["A", "B", "Z", "AA"]);
    }
}
