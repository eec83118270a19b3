//! Code blocks as real docs write them: forty languages (and the names writers type for
//! them) highlighted with no warning and coloured by the stylesheet in both schemes;
//! fence attributes (titles, emphasised lines) in the HTML and in the PDF layout; one
//! warning per unknown language for the whole site, naming the files that use it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use folio::diagnostic::Diagnostics;
use folio::render::pdf::boxes::{Document, Item, segments_text};
use folio::render::pdf::{Pictures, layout_document, text::Shaper};
use scraper::{ElementRef, Html, Selector};

use crate::common;

fn fixture() -> PathBuf {
    common::fixtures().join("fence-languages")
}

/// The fixture built once, under `--strict` (a warning fails the build), and what the
/// build printed.
fn built() -> &'static (PathBuf, String) {
    static BUILT: OnceLock<(PathBuf, String)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let root = tempfile::tempdir().expect("temp dir").keep();
        common::copy_tree(&fixture(), &root);
        let out = root.join("public");
        let assert = common::folio()
            .args(["build", "-q", "--strict", "--no-pdf", "--root"])
            .arg(&root)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        (out, common::stderr(&assert))
    })
}

fn page(path: &str) -> Html {
    let html = std::fs::read_to_string(built().0.join(path)).expect("page built");
    Html::parse_document(&html)
}

fn select<'a>(element: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    element
        .select(&Selector::parse(css).expect("selector"))
        .collect()
}

/// Classes, as a set.
type Classes = BTreeSet<String>;

/// Each span's classes, with those of the spans around it (innermost first).
fn span_classes(block: ElementRef<'_>) -> Vec<(Classes, Vec<Classes>)> {
    let classes =
        |e: ElementRef<'_>| -> Classes { e.value().classes().map(str::to_string).collect() };
    select(block, "code span")
        .into_iter()
        .map(|span| {
            let around = span
                .ancestors()
                .filter_map(ElementRef::wrap)
                .take_while(|e| e.value().name() == "span" || e.value().name() == "mark")
                .map(classes)
                .collect();
            (classes(span), around)
        })
        .collect()
}

/// Whether a selector (compounds, outermost first) applies to a span.
fn applies(selector: &[Classes], (own, around): &(Classes, Vec<Classes>)) -> bool {
    let Some((last, outer)) = selector.split_last() else {
        return false;
    };
    last.is_subset(own)
        && outer
            .iter()
            .all(|compound| around.iter().any(|a| compound.is_subset(a)))
}

/// The selectors that the stylesheet gives a colour other than the text's, for the
/// light scheme and the dark one.
fn coloured_selectors() -> [Vec<Vec<Classes>>; 2] {
    let css = std::fs::read_to_string(built().0.join("static/highlight.css")).unwrap();
    let dark_start = css
        .find("prefers-color-scheme: dark")
        .expect("a dark scheme");
    let rules = |text: &str| -> Vec<Vec<Classes>> {
        let rules: Vec<(&str, &str)> = text
            .split('}')
            // The last brace opens the rule (an earlier one, a media query).
            .filter_map(|rule| rule.rsplit_once('{'))
            .filter_map(|(selectors, body)| {
                let color = body.lines().find_map(|l| l.trim().strip_prefix("color:"))?;
                Some((selectors, color.trim()))
            })
            .collect();
        let text_color = rules
            .iter()
            .find(|(selectors, _)| selectors.trim().ends_with(".hl-code"))
            .expect("the text colour")
            .1;
        rules
            .iter()
            .filter(|(_, color)| *color != text_color)
            .flat_map(|(selectors, _)| selectors.split(','))
            .map(|selector| {
                selector
                    .split_whitespace()
                    .filter(|compound| compound.starts_with(".hl-"))
                    .map(|compound| {
                        compound
                            .split('.')
                            .filter(|c| !c.is_empty())
                            .map(str::to_string)
                            .collect()
                    })
                    .collect::<Vec<Classes>>()
            })
            .filter(|selector| !selector.is_empty())
            .collect()
    };
    [rules(&css[..dark_start]), rules(&css[dark_start..])]
}

#[test]
fn forty_languages_are_highlighted_and_coloured_in_both_schemes_without_a_warning() {
    let (_, stderr) = built();
    assert!(!stderr.contains("no syntax highlighting"), "{stderr}");
    let doc = page("en/index.html");
    let blocks = select(doc.root_element(), "div.code");
    let languages: BTreeSet<&str> = blocks
        .iter()
        .filter_map(|b| b.value().attr("data-lang"))
        .collect();
    assert!(languages.len() >= 50, "{languages:?}");
    let [light, dark] = coloured_selectors();
    for block in blocks {
        let lang = block.value().attr("data-lang").unwrap_or_default();
        let spans = span_classes(block);
        let scoped = spans.iter().filter(|(own, _)| own.len() > 1).count();
        assert!(scoped >= 2, "{lang}: {} spans with scopes", scoped);
        // Tokens of two kinds at least (a transcript's prompt aside) take a colour.
        for (scheme, selectors) in [("light", &light), ("dark", &dark)] {
            let coloured: BTreeSet<&Classes> = spans
                .iter()
                .filter(|(own, _)| !own.contains("hl-prompt"))
                .filter(|span| selectors.iter().any(|s| applies(s, span)))
                .map(|(own, _)| own)
                .collect();
            assert!(
                coloured.len() >= 2,
                "{lang} in the {scheme} scheme: {coloured:?}"
            );
        }
    }
}

/// Each line of a block's code that sits in a `<mark class="line">`.
fn marked_lines(block: ElementRef<'_>) -> Vec<String> {
    select(block, "mark.line")
        .into_iter()
        .map(|mark| mark.text().collect::<String>().trim_end().to_string())
        .collect()
}

#[test]
fn titles_are_captions_and_emphasised_lines_are_marked() {
    let doc = page("en/attributes/index.html");
    let blocks = select(doc.root_element(), ".code");
    let shown: Vec<(&str, &str, String, Vec<String>)> = blocks
        .iter()
        .map(|block| {
            let caption = select(*block, "figcaption.code-title")
                .first()
                .map(|c| c.text().collect())
                .unwrap_or_default();
            (
                block.value().name(),
                block.value().attr("data-lang").unwrap_or_default(),
                caption,
                marked_lines(*block),
            )
        })
        .collect();
    let lines = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    assert_eq!(
        shown,
        [
            (
                "figure",
                "js",
                "src/app.js".to_string(),
                lines(&[
                    "const site = await build(\"content\");",
                    "for (const page of site.pages) {",
                    "  console.log(page.url);",
                ])
            ),
            ("div", "rust", String::new(), vec![]),
            (
                "div",
                "python",
                String::new(),
                lines(&["print(sys.argv)", "y = 2", "z = 3"])
            ),
            (
                "div",
                "toml",
                String::new(),
                lines(&["title = \"Guide\"", "draft = false"])
            ),
            (
                "figure",
                "console",
                "Terminal".to_string(),
                lines(&["$ folio check"])
            ),
        ]
    );
    // Highlighting goes on inside the marks, and the transcript's prompt keeps its class.
    let first = blocks[0];
    assert!(
        select(first, "mark.line span.hl-storage").len() >= 2,
        "{}",
        first.html()
    );
    let prompt = select(blocks[4], "mark.line span.hl-prompt");
    assert_eq!(prompt.len(), 1);
    assert_eq!(prompt[0].text().collect::<String>(), "$ ");
}

fn layout(root: &Path) -> Document {
    let diagnostics = Diagnostics::new();
    let loaded = folio::commands::site::load(root, &[], &diagnostics).expect("fixture loads");
    let style = folio::parse::pdf_style::parse(loaded.theme.pdf_style.as_ref(), &diagnostics);
    let pictures = Pictures::new(&loaded.assets);
    layout_document(
        &loaded.site,
        &loaded.messages,
        "en",
        &style,
        &pictures,
        &Shaper::default(),
    )
}

/// The texts of a page as lines: the runs on one baseline joined left to right.
fn text_lines(items: &[Item]) -> Vec<(f32, String, Vec<&'static str>)> {
    let mut runs: Vec<(f32, f32, String, &'static str)> = items
        .iter()
        .filter_map(|item| match item {
            Item::Text {
                x,
                baseline,
                segments,
                ..
            } => Some((
                *baseline,
                *x,
                segments_text(segments),
                segments.first().map_or("", |s| s.font.short()),
            )),
            _ => None,
        })
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut lines: Vec<(f32, String, Vec<&'static str>)> = Vec::new();
    for (baseline, _, text, font) in runs {
        match lines.last_mut() {
            Some(line) if (line.0 - baseline).abs() < 0.01 => {
                line.1.push_str(&text);
                line.2.push(font);
            }
            _ => lines.push((baseline, text, vec![font])),
        }
    }
    lines
}

/// The rectangles of one colour on a page, as vertical spans.
fn rects(items: &[Item], hex: &str) -> Vec<(f32, f32)> {
    items
        .iter()
        .filter_map(|item| match item {
            Item::Rect {
                y, height, color, ..
            } if color.hex() == hex => Some((*y, *y + height)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_pdf_shows_titles_over_blocks_and_tints_emphasised_lines() {
    let doc = layout(&fixture());
    let page = doc
        .pages
        .iter()
        .find(|p| {
            text_lines(&p.items)
                .iter()
                .any(|(_, text, _)| text == "src/app.js")
        })
        .expect("a page with the title");
    let lines = text_lines(&page.items);
    let title = lines
        .iter()
        .position(|(_, text, _)| text == "src/app.js")
        .unwrap();
    // The title, in bold monospace, on its bar, right above the block's first line.
    assert_eq!(lines[title].2, ["mono-b"]);
    assert_eq!(lines[title + 1].1, "import { build } from \"./build.js\";");
    let bar = rects(&page.items, "#e2e7ee");
    let inside = |(top, bottom): (f32, f32), baseline: f32| top < baseline && baseline < bottom;
    assert!(bar.iter().any(|&r| inside(r, lines[title].0)), "{bar:?}");
    // The tint lies behind lines 2, 4 and 5 of each emphasised block, and nothing else.
    let tinted: Vec<&str> = lines
        .iter()
        .filter(|(baseline, _, _)| {
            rects(&page.items, "#fcf0c8")
                .iter()
                .any(|&r| inside(r, *baseline))
        })
        .map(|(_, text, _)| text.as_str())
        .collect();
    let expected_js = [
        "const site = await build(\"content\");",
        "for (const page of site.pages) {",
        "  console.log(page.url);",
    ];
    assert_eq!(&tinted[..3], expected_js, "{tinted:?}");
    let all_tinted: Vec<String> = doc
        .pages
        .iter()
        .flat_map(|p| {
            let tints = rects(&p.items, "#fcf0c8");
            text_lines(&p.items)
                .into_iter()
                .filter(move |(baseline, _, _)| tints.iter().any(|&r| inside(r, *baseline)))
                .map(|(_, text, _)| text)
        })
        .collect();
    assert_eq!(
        all_tinted,
        [
            expected_js[0],
            expected_js[1],
            expected_js[2],
            "print(sys.argv)",
            "y = 2",
            "z = 3",
            "title = \"Guide\"",
            "draft = false",
            "$ folio check",
        ]
    );
}

#[test]
fn an_unknown_language_warns_once_for_the_site_naming_its_files() {
    let dir = common::site("unknown-languages");
    let assert = common::folio()
        .args(["build", "-q", "--no-pdf", "--root"])
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("public"))
        .assert()
        .success();
    let stderr = common::stderr(&assert);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("no syntax highlighting"))
        .collect();
    assert_eq!(
        warnings,
        [
            "content/en/a.md:5:1: warning: no syntax highlighting for language `klingon`; 6 blocks shown as plain text, also in content/en/b.md:7, content/en/c.md:5, content/fr/a.md:5 and 1 more file",
            "content/en/a.md:9:1: warning: no syntax highlighting for language `vulcan`; shown as plain text",
        ],
        "{stderr}"
    );
}
