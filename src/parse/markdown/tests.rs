use super::*;

fn body(text: &str) -> Body {
    parse("content/fr/a.md", text, 0, &Diagnostics::new())
}

#[test]
fn headings_get_unique_ids_and_explicit_ids_win() {
    let b = body("## Quand\n\n## Quand\n\n### Autre {#quand}\n");
    let ids: Vec<&str> = b.toc.iter().map(|t| &*t.id).collect();
    assert_eq!(ids, ["quand-1", "quand-2", "quand"]);
}

#[test]
fn tight_list_items_become_paragraphs_and_tasks_are_kept() {
    let b = body("- [x] fait\n- [ ] à faire\n  - imbriqué\n");
    let Block::List {
        start: None,
        tight: true,
        items,
    } = &b.blocks[0]
    else {
        panic!("{:?}", b.blocks)
    };
    assert_eq!(items[0].task, Some(true));
    assert_eq!(items[1].task, Some(false));
    assert!(matches!(items[1].blocks[1], Block::List { .. }));
    assert_eq!(
        items[0].blocks,
        vec![Block::Paragraph(vec![Inline::Text("fait".into())])]
    );
}

#[test]
fn links_are_classified_and_located() {
    let b = body("Voir\n[a](escalade.md#quand), [b](https://x.test) et [c](#haut).\n");
    let Block::Paragraph(inlines) = &b.blocks[0] else {
        panic!()
    };
    let links: Vec<_> = inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Link(link) => Some((link.href.clone(), link.pos)),
            _ => None,
        })
        .collect();
    assert_eq!(
        links[0],
        (
            Href::Unresolved("escalade.md#quand".into()),
            Pos { line: 2, column: 1 }
        )
    );
    assert_eq!(links[1].0, Href::External("https://x.test".into()));
    assert_eq!(links[2].0, Href::Fragment("haut".into()));
}

#[test]
fn decision_tree_fences_embed_trees() {
    let b = body("Texte\n\n```decision-tree\ntree = \"priority\"\n```\n");
    assert_eq!(
        b.blocks[1],
        Block::DecisionTree {
            tree: "priority".into(),
            pos: Pos { line: 3, column: 1 }
        }
    );
    let diagnostics = Diagnostics::new();
    parse(
        "content/fr/a.md",
        "```decision-tree\narbre = \"x\"\n```\n",
        4,
        &diagnostics,
    );
    let diags = diagnostics.into_sorted();
    assert_eq!(diags[0].pos, Pos { line: 6, column: 1 });
    assert!(diags[0].message.contains("unknown field `arbre`"));
}

/// The deepest container or span of `blocks`.
fn depth(blocks: &[Block]) -> u32 {
    fn inline_depth(inlines: &[Inline]) -> u32 {
        inlines
            .iter()
            .map(|i| match i {
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                    1 + inline_depth(c)
                }
                Inline::Link(link) => 1 + inline_depth(&link.content),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }
    blocks
        .iter()
        .map(|b| match b {
            Block::Quote { blocks, .. } => 1 + depth(blocks),
            Block::List { items, .. } => {
                1 + items.iter().map(|i| depth(&i.blocks)).max().unwrap_or(0)
            }
            Block::Paragraph(inlines) => inline_depth(inlines),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn nesting_past_the_bound_is_kept_flat_with_one_warning() {
    let quotes = format!("{} deep\n\nafter\n", ">".repeat(5000));
    let lists: String = (0..3000)
        .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
        .collect();
    let emphasis = format!("{}x{}\n", "*".repeat(3000), "*".repeat(3000));
    let links = format!("{}x{}\n", "[".repeat(3000), "](u)".repeat(3000));
    for text in [quotes, lists, emphasis, links] {
        let diagnostics = Diagnostics::new();
        let b = parse("content/fr/a.md", &text, 0, &diagnostics);
        assert!(depth(&b.blocks) <= 2 * MAX_NESTING, "{}", depth(&b.blocks));
        let diags = diagnostics.into_sorted();
        assert!(diags.len() <= 1, "{diags:?}");
        if let Some(d) = diags.first() {
            assert!(d.message.starts_with("nesting deeper than 32 levels"));
        }
    }
    // The text of a flattened quote is kept, and what follows the quote too.
    let b = body(&format!("{} deep\n\nafter\n", ">".repeat(100)));
    let text: Vec<String> = b
        .blocks
        .iter()
        .flat_map(|b| match b {
            Block::Quote { .. } => vec!["quote".to_string()],
            Block::Paragraph(i) => vec![Inline::plain_text(i)],
            _ => vec![],
        })
        .collect();
    assert_eq!(text, ["quote", "after"]);
}

#[test]
fn footnotes_are_numbered_by_first_reference() {
    let b = body("Un[^b] deux[^a].\n\n[^a]: A.\n[^b]: B.\n");
    let labels: Vec<_> = b
        .footnotes
        .iter()
        .map(|f| (f.number, f.label.as_str()))
        .collect();
    assert_eq!(labels, [(1, "b"), (2, "a")]);
}

#[test]
fn fence_attributes_and_their_warnings() {
    let diagnostics = Diagnostics::new();
    let b = parse(
        "f.md",
        "```js title=\"app.js\" {2,x,9}\na\nb\n```\n\n```rust,ignore\nfn main() {}\n```\n",
        0,
        &diagnostics,
    );
    let Block::Code { lang, attrs, .. } = &b.blocks[0] else {
        panic!("{:?}", b.blocks)
    };
    assert_eq!(lang.as_deref(), Some("js"));
    let attrs = attrs.as_deref().expect("attributes");
    assert_eq!(attrs.title, "app.js");
    assert_eq!(attrs.emphasis, [(2, 2), (9, 9)]);
    assert!(matches!(
        &b.blocks[1],
        Block::Code { lang: Some(l), attrs: None, .. } if &**l == "rust"
    ));
    let messages: Vec<String> = diagnostics
        .into_sorted()
        .iter()
        .map(|d| format!("{}:{} {}", d.pos.line, d.pos.column, d.message))
        .collect();
    assert_eq!(
        messages,
        [
            "1:1 cannot read `x` as lines to emphasise; ignored",
            "1:1 line 9 is to be emphasised but the block has 2 lines",
        ]
    );
}

#[test]
fn callouts_code_and_tables() {
    let b =
        body("> [!WARNING]\n> Attention\n\n```json\n{}\n```\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n");
    assert!(matches!(
        b.blocks[0],
        Block::Quote {
            callout: Some(Callout::Warning),
            ..
        }
    ));
    assert_eq!(
        b.blocks[1],
        Block::Code {
            lang: Some("json".into()),
            code: "{}\n".into(),
            pos: Pos { line: 4, column: 1 },
            attrs: None,
        }
    );
    let Block::Table(table) = &b.blocks[2] else {
        panic!()
    };
    assert_eq!(table.align, [Align::Left, Align::Right]);
    assert_eq!(table.head.len(), 2);
    assert_eq!(table.rows.len(), 1);
}

#[test]
fn admonitions_are_callouts_and_keep_their_places() {
    let diagnostics = Diagnostics::new();
    let text =
        ":::tip[Mon titre]\nVoir [x](nulle-part.md).\n:::\n\n!!! danger\n    [y](ailleurs.md)\n";
    let b = parse("content/fr/a.md", text, 4, &diagnostics);
    let Block::Quote {
        callout: Some(Callout::Tip),
        title: Some(title),
        blocks,
    } = &b.blocks[0]
    else {
        panic!("{:?}", b.blocks)
    };
    assert_eq!(title, "Mon titre");
    let Block::Paragraph(inlines) = &blocks[0] else {
        panic!()
    };
    let Inline::Link(link) = &inlines[1] else {
        panic!("{inlines:?}")
    };
    assert_eq!(link.pos, Pos { line: 6, column: 6 });
    let Block::Quote {
        callout: Some(Callout::Caution),
        title: None,
        blocks,
    } = &b.blocks[1]
    else {
        panic!("{:?}", b.blocks)
    };
    let Block::Paragraph(inlines) = &blocks[0] else {
        panic!()
    };
    let Inline::Link(link) = &inlines[0] else {
        panic!()
    };
    assert_eq!(
        link.pos,
        Pos {
            line: 10,
            column: 5
        }
    );
    assert!(diagnostics.into_sorted().is_empty());
}

#[test]
fn other_tools_syntax_is_reported_once_per_kind() {
    let diagnostics = Diagnostics::new();
    let text = "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n<Tabs>\n<TabItem value=\"a\">\n\nA {{< ref \"x\" >}} et {{% note %}}.\n\n</TabItem>\n</Tabs>\n\n`{{< code >}}`\n";
    let b = parse("content/fr/a.md", text, 2, &diagnostics);
    assert!(
        !b.blocks
            .iter()
            .any(|b| matches!(b, Block::Paragraph(i) if Inline::plain_text(i).contains("import"))),
        "{:?}",
        b.blocks
    );
    let found: Vec<_> = diagnostics
        .into_sorted()
        .into_iter()
        .map(|d| (d.pos.line, d.pos.column, d.message))
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (3, 1));
    assert!(found[0].2.contains("MDX line `import Tabs"), "{found:?}");
    assert_eq!((found[1].0, found[1].1), (6, 1));
    assert!(found[1].2.contains("`<Tabs>`") && found[1].2.contains("(4 on this page"));
    assert_eq!((found[2].0, found[2].1), (9, 3));
    assert!(found[2].2.contains("`{{< ref`") && found[2].2.contains("(2 on this page"));
}
