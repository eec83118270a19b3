//! The body's HTML, fragment by fragment, as insta snapshots.

use super::*;
use crate::diagnostic::Diagnostics;
use crate::model::{FrontMatter, LinkStyle, Site, SiteConfig, SourceFile, WordChange};
use crate::resolve::{Targets, resolve};

/// Renders `markdown` as the body of `content/fr/guide.md` in a site that also
/// has `escalade.md` (with a `#quand` heading), through parse and resolve.
fn render_fr(markdown: &str) -> String {
    render_fr_with(markdown, |_| {})
}

/// `render_fr`, with `edit` applied to the guide's page before it is rendered.
fn render_fr_with(markdown: &str, edit: impl FnOnce(&mut Page)) -> String {
    let diagnostics = Diagnostics::new();
    let page = |path: &str, text: &str| {
        let file = SourceFile {
            path: format!("content/fr/{path}"),
            text: format!("+++\ntitle = \"T\"\n+++\n{text}"),
        };
        crate::parse::page::parse(&file, Default::default(), &diagnostics).unwrap()
    };
    let mut pages = vec![
        page("guide.md", markdown),
        page("escalade.md", "## Quand ? {#quand}\n"),
    ];
    let targets = Targets::new(&pages, &[], ["fr/schema.png".to_string()]);
    resolve(&mut pages, &targets, &diagnostics);
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.into_sorted());
    edit(&mut pages[0]);
    let config = SiteConfig {
        title: "T".into(),
        base_url: "https://x.test/".into(),
        source_locale: "fr".into(),
        locales: vec!["fr".into()],
        theme: "default".into(),
        links: LinkStyle::Pretty,
        heading_ids: Default::default(),
        pdf: Default::default(),
        markdown: Default::default(),
        html: Default::default(),
    };
    let site = Site::new(config, pages, Vec::new());
    let guide = site.page("fr", "guide.md").unwrap();
    assert_eq!(
        guide.front,
        FrontMatter {
            title: "T".into(),
            ..FrontMatter::default()
        }
    );
    let mut table: BTreeMap<String, String> = LABEL_IDS
        .iter()
        .map(|id| (id.to_string(), format!("[{id}]")))
        .collect();
    table.insert(SOURCE_CHANGED.into(), "Original:".into());
    table.insert(SOURCE_NEW.into(), "Added:".into());
    table.insert(SOURCE_REMOVED.into(), "Removed:".into());
    let labels = Labels::from_table(&table).unwrap();
    let urls = UrlMap::new(&site);
    let messages =
        crate::locale::Messages::build(&site.config, Vec::new(), Vec::new(), &diagnostics);
    let trees = TreeRenderer {
        site: &site,
        messages: &messages,
        urls: &urls,
    };
    render(guide, &urls, &labels, &trees)
}

#[test]
fn headings_links_and_inlines() {
    insta::assert_snapshot!(render_fr(
        "## Quand *escalader* ?\n\nVoir [l'escalade](escalade.md#quand \"Titre\"), [ici](#quand-escalader-), \
         [le site](https://example.com/?a=1&b=2), **gras**, ~~barré~~, `code` et\\\nune ligne.\n"
    ));
}

#[test]
fn lists_nested_ordered_and_tasks() {
    insta::assert_snapshot!(render_fr(
        "- un\n- deux\n  1. a\n  2. b\n\n3. trois\n4. quatre\n\n- [x] fait\n- [ ] à faire\n"
    ));
}

#[test]
fn quotes_callouts_and_rules() {
    insta::assert_snapshot!(render_fr(
        "> Une citation.\n\n> [!WARNING]\n> Attention **ici**.\n\n---\n"
    ));
}

#[test]
fn code_blocks_highlighted_and_plain() {
    insta::assert_snapshot!(render_fr(
        "```json\n{\"priority\": \"P1\"}\n```\n\n```\n<pas de langage>\n```\n"
    ));
}

#[test]
fn code_blocks_with_a_title_and_emphasised_lines() {
    insta::assert_snapshot!(render_fr(
        "```js title=\"src/app.js\" {2}\nconst a = 1;\nconst b = <T>2;\n```\n\n```text {1}\nplain <line>\n```\n"
    ));
}

#[test]
fn tables_with_alignment() {
    insta::assert_snapshot!(render_fr(
        "| Niveau | Impact | Délai |\n|:--|:-:|--:|\n| P1 | *critique* | 15 min |\n"
    ));
}

#[test]
fn images_footnotes_and_raw_html() {
    insta::assert_snapshot!(render_fr(
        "![Schéma](schema.png \"Le schéma\")\n\nTexte[^a] et encore[^a].\n\n<div class=\"x\">brut</div>\n\n[^a]: La note.\n"
    ));
}

const EVERY_KIND: &str = "## Avant\n\nUn paragraphe[^n].\n\n- un\n- deux\n  - dedans\n\n> Citée.\n\n\
    | a | b |\n|---|---|\n| 1 | 2 |\n\n```sh\nls\n```\n\n<div>brut</div>\n\n![Schéma](schema.png)\n\n---\n\n[^n]: Note.\n";

#[test]
fn every_numbered_block_can_carry_a_mark() {
    let mut count = 0;
    let html = render_fr_with(EVERY_KIND, |page| {
        count = Numbered::new(page).kinds.len();
        page.changed_blocks = (0..count)
            .map(|number| ChangedBlock {
                number,
                sources: Vec::new(),
            })
            .collect();
    });
    // Heading, paragraph, three items, quote, two rows, code, HTML, figure, note.
    assert_eq!(count, 12);
    assert_eq!(html.matches("l10n-changed\"").count(), count, "{html}");
    assert!(
        !html.contains("l10n-source"),
        "a normal build carries no source text"
    );
}

#[test]
fn changed_blocks_marked_with_their_source_text() {
    use crate::model::{SourceChange, SourceText};
    let source = |change, text: &str, diff| SourceText {
        change,
        text: text.into(),
        diff,
    };
    insta::assert_snapshot!(render_fr_with(EVERY_KIND, |page| {
        page.changed_blocks = vec![
            ChangedBlock {
                number: 1,
                sources: vec![
                    source(
                        SourceChange::Changed,
                        "Un paragraphe modifié.",
                        vec![
                            WordChange::Same("Un ".into()),
                            WordChange::Gone("paragraphe.".into()),
                            WordChange::Added("paragraphe modifié.".into()),
                        ],
                    ),
                    source(SourceChange::Added, "Un <nouveau> paragraphe.", Vec::new()),
                ],
            },
            ChangedBlock {
                number: 3,
                sources: vec![source(SourceChange::Changed, "- deux & trois", Vec::new())],
            },
            ChangedBlock {
                number: 7,
                sources: vec![source(SourceChange::Removed, "| 1 | 3 |", Vec::new())],
            },
            ChangedBlock {
                number: 8,
                sources: Vec::new(),
            },
        ];
    }));
}
