//! Flowcharts of decision trees: golden SVG structure of both default trees (boxes,
//! arrows and labels per node and answer, as the site embeds them), the geometry's
//! promises on every tree and locale (no box over a box, no label over a box or a
//! label, texts inside their boxes, arrows around boxes), right-to-left mirroring,
//! `folio trees graph` in its three formats, the severity fixture drawn, and the
//! PDF's diagram as real text numbered like the printed steps.

use std::path::Path;

use crate::common::{self, folio, repo_root};
use folio::diagnostic::Diagnostics;
use folio::locale::Texts;
use folio::render::diagram::{self, Diagram, Estimate, Rect, Style};

/// Every tree of the site at `root`, laid out for the site in each of its locales.
fn diagrams(root: &Path) -> Vec<(String, Diagram)> {
    let diagnostics = Diagnostics::new();
    let loaded = folio::commands::site::load(root, &[], &diagnostics).expect("site loads");
    let mut out = Vec::new();
    for locale in &loaded.site.config.locales {
        let texts = Texts::new(&loaded.messages, locale);
        for tree in &loaded.site.trees {
            let drawn = diagram::layout(
                tree,
                &texts,
                &Estimate,
                &Style::screen(),
                loaded.messages.is_rtl(locale),
            );
            out.push((format!("{} in {locale}", tree.id), drawn));
        }
    }
    out
}

/// The SVG of `tree` in a built page, as a stable list of its parts.
fn structure(html: &str, tree: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let one = |css: &str| scraper::Selector::parse(css).unwrap();
    let svg_sel = one(&format!("#dt-{tree}-diagram"));
    let svg = doc
        .select(&svg_sel)
        .next()
        .expect("the diagram is in the page");
    let text = |e: scraper::ElementRef, css: &str| -> String {
        e.select(&one(css))
            .map(|t| {
                t.select(&one("tspan"))
                    .map(|s| s.text().collect::<String>())
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let attr = |e: scraper::ElementRef, name: &str| e.value().attr(name).unwrap_or("").to_string();
    let mut out = format!(
        "svg {}x{} title={:?}\n",
        attr(svg, "width"),
        attr(svg, "height"),
        svg.select(&one("title"))
            .next()
            .map(|t| t.text().collect::<String>())
            .unwrap_or_default()
    );
    for node in svg.select(&one(".tree-diagram-node")) {
        let rect = node.select(&one("rect")).next().unwrap();
        out.push_str(&format!(
            "box {} [{}] href={} at {},{} {}x{}: {}\n",
            attr(node, "data-node"),
            attr(node, "class"),
            attr(node, "href"),
            attr(rect, "x"),
            attr(rect, "y"),
            attr(rect, "width"),
            attr(rect, "height"),
            text(node, ".tree-diagram-text"),
        ));
    }
    for arrow in svg.select(&one(".tree-diagram-arrow")) {
        let line = arrow.select(&one(".tree-diagram-line")).next().unwrap();
        out.push_str(&format!(
            "arrow {} -> {} label {:?}: {}\n",
            attr(arrow, "data-edge"),
            attr(arrow, "data-to"),
            text(arrow, ".tree-diagram-answer"),
            attr(line, "d"),
        ));
    }
    out
}

#[test]
fn the_default_trees_draw_every_question_answer_and_result() {
    let site = common::built_default_site();
    for (tree, page) in [("priority", "priorities"), ("escalation", "escalation")] {
        let html = std::fs::read_to_string(site.join(format!("en/{page}/index.html"))).unwrap();
        insta::assert_snapshot!(format!("{tree}_svg_en"), structure(&html, tree));
    }
    // Every locale draws the same boxes and arrows, in its own words.
    for (locale, page) in [
        ("fr", "priorites"),
        ("de", "priorities"),
        ("ja", "priorities"),
    ] {
        let path = site.join(format!("{locale}/{page}/index.html"));
        let Ok(html) = std::fs::read_to_string(&path) else {
            continue;
        };
        let drawn = structure(&html, "priority");
        assert_eq!(drawn.matches("\nbox ").count(), 12, "{locale}: {drawn}");
        assert_eq!(drawn.matches("\narrow ").count(), 11, "{locale}: {drawn}");
    }
}

#[test]
fn the_diagram_sits_in_a_disclosure_with_its_text_alternative() {
    let site = common::built_default_site();
    let html = std::fs::read_to_string(site.join("fr/priorites/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let one = |css: &str| scraper::Selector::parse(css).unwrap();
    let summary: String = doc
        .select(&one("#dt-priority details.tree-diagram-panel > summary"))
        .next()
        .expect("a disclosure in the tree's section")
        .text()
        .collect();
    assert_eq!(summary, "Voir tout l’arbre");
    let svg = doc.select(&one("#dt-priority-diagram")).next().unwrap();
    assert_eq!(
        svg.value().attr("aria-describedby"),
        Some("dt-priority-diagram-desc dt-priority-steps")
    );
    // The numbered steps it refers to exist, and every box is a link to a step.
    assert!(doc.select(&one("#dt-priority-steps .tree-node")).count() == 12);
    let title: String = svg.select(&one("title")).next().unwrap().text().collect();
    assert!(title.starts_with("Organigramme"), "{title}");
    let hrefs: Vec<&str> = svg
        .select(&one("a.tree-diagram-node"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(hrefs.len(), 12);
    assert!(hrefs.contains(&"?#dt-priority-production"), "{hrefs:?}");
    assert!(
        hrefs.contains(
            &"?priority=production:yes/situation:down/business:yes#dt-priority-p1-critical"
        ),
        "{hrefs:?}"
    );
    // Nothing inline for the CSP to refuse.
    let markup = svg.html();
    assert!(
        !markup.contains("style=") && !markup.contains("<script"),
        "{markup}"
    );
}

fn overlaps_allowing_touch(a: &Rect, b: &Rect) -> bool {
    a.x + 0.5 < b.right()
        && b.x + 0.5 < a.right()
        && a.y + 0.5 < b.bottom()
        && b.y + 0.5 < a.bottom()
}

/// An axis-parallel segment that enters the inside of `r`.
fn crosses(a: (f32, f32), b: (f32, f32), r: &Rect) -> bool {
    let inner = Rect {
        x: r.x + 1.0,
        y: r.y + 1.0,
        width: r.width - 2.0,
        height: r.height - 2.0,
    };
    let (x1, x2) = (a.0.min(b.0), a.0.max(b.0));
    let (y1, y2) = (a.1.min(b.1), a.1.max(b.1));
    x1 < inner.right()
        && inner.x < x2.max(x1 + 0.01)
        && y1 < inner.bottom()
        && inner.y < y2.max(y1 + 0.01)
}

fn check_geometry(name: &str, d: &Diagram) {
    for (i, a) in d.boxes.iter().enumerate() {
        for b in &d.boxes[i + 1..] {
            assert!(
                !overlaps_allowing_touch(&a.rect, &b.rect),
                "{name}: box {} overlaps box {}",
                a.node,
                b.node
            );
        }
        for line in a.lines.iter().chain(a.mark.iter()) {
            assert!(
                line.x - line.width / 2.0 >= a.rect.x
                    && line.x + line.width / 2.0 <= a.rect.right(),
                "{name}: {:?} sticks out of box {}",
                line.text,
                a.node
            );
            assert!(line.baseline > a.rect.y && line.baseline < a.rect.bottom());
        }
        assert!(a.rect.x >= 0.0 && a.rect.right() <= d.width && a.rect.bottom() <= d.height);
    }
    for (i, arrow) in d.arrows.iter().enumerate() {
        for b in &d.boxes {
            assert!(
                !overlaps_allowing_touch(&arrow.label, &b.rect),
                "{name}: label of {}:{} overlaps box {}",
                arrow.from,
                arrow.answer,
                b.node
            );
            if b.node != arrow.from && b.node != arrow.to {
                for pair in arrow.points.windows(2) {
                    assert!(
                        !crosses(pair[0], pair[1], &b.rect),
                        "{name}: arrow {}:{} runs through box {}",
                        arrow.from,
                        arrow.answer,
                        b.node
                    );
                }
            }
        }
        for other in &d.arrows[i + 1..] {
            assert!(
                !overlaps_allowing_touch(&arrow.label, &other.label),
                "{name}: labels of {}:{} and {}:{} overlap",
                arrow.from,
                arrow.answer,
                other.from,
                other.answer
            );
        }
        let from = d.node(&arrow.from).unwrap().rect;
        let to = d.node(&arrow.to).unwrap().rect;
        let (first, last) = (arrow.points[0], *arrow.points.last().unwrap());
        assert!(
            (first.1 - from.bottom()).abs() < 0.01 && first.0 >= from.x && first.0 <= from.right()
        );
        assert!((last.1 - to.y).abs() < 0.01 && last.0 >= to.x && last.0 <= to.right());
        // Orthogonal: every segment is horizontal or vertical, and goes down or across
        // (an answer closing a cycle goes back up, beside the diagram).
        let up = arrow.fault == Some(diagram::Fault::Cycle);
        for pair in arrow.points.windows(2) {
            let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
            assert!(
                (x1 - x2).abs() < 0.01 || (y1 - y2).abs() < 0.01,
                "{name}: slanted"
            );
            assert!(
                up || y2 >= y1 - 0.01,
                "{name}: arrow {}:{} goes up",
                arrow.from,
                arrow.answer
            );
        }
    }
}

#[test]
fn no_box_or_label_overlaps_another_in_any_tree_or_locale() {
    let severity = common::site("severity");
    let rtl = common::site("rtl");
    let mut checked = 0;
    for root in [repo_root().as_path(), severity.path(), rtl.path()] {
        for (name, drawn) in diagrams(root) {
            check_geometry(&name, &drawn);
            checked += 1;
        }
    }
    // Both default trees in four locales, severity in two, the channel tree in three.
    assert!(checked >= 8 + 2 + 3, "{checked} diagrams");
}

#[test]
fn the_theme_styles_every_chart_s_narrowest_width() {
    let css = std::fs::read_to_string(repo_root().join("themes/default/static/folio.css")).unwrap();
    let (low, high) = diagram::MIN_WIDTHS;
    for n in (low..=high).step_by(40) {
        assert!(css.contains(&format!(
            ".tree-diagram-min-{n} {{ min-inline-size: {n}px; }}"
        )));
    }
    for (name, drawn) in diagrams(&repo_root()) {
        let class = diagram::min_width_class(drawn.width);
        assert!(
            class as f32 <= drawn.width * 0.8 && class.is_multiple_of(40),
            "{name}: {class}"
        );
    }
}

#[test]
fn layout_is_deterministic() {
    let first = diagrams(&repo_root());
    let second = diagrams(&repo_root());
    assert_eq!(first, second);
}

#[test]
fn a_right_to_left_locale_reads_the_chart_from_the_right() {
    let rtl = common::site("rtl");
    let all = diagrams(rtl.path());
    let get = |name: &str| &all.iter().find(|(n, _)| n == name).unwrap().1;
    let (arabic, french) = (get("channel in ar"), get("channel in fr"));
    assert!(arabic.rtl && !french.rtl);
    // The same shape, mirrored: the first answer ("yes") on the right.
    let label_x = |d: &Diagram, answer: &str| {
        let a = d
            .arrows
            .iter()
            .find(|a| a.from == "urgent" && a.answer == answer)
            .unwrap();
        a.label.x + a.label.width / 2.0
    };
    assert!(label_x(arabic, "yes") > label_x(arabic, "no"));
    assert!(label_x(french, "yes") < label_x(french, "no"));
    let phone = arabic.node("phone").unwrap().rect;
    let case = arabic.node("case").unwrap().rect;
    assert!(
        phone.x > case.x,
        "the first answer's result is on the right"
    );
    // The page embeds it with the direction set.
    let public = common::build(rtl.path(), &[]);
    let html = std::fs::read_to_string(public.join("ar/guide-ar/index.html")).unwrap();
    assert!(html.contains("id=\"dt-channel-diagram\""), "{html}");
    assert!(html.contains("direction=\"rtl\""));
}

fn graph(root: &Path, args: &[&str]) -> String {
    let assert = folio()
        .args(["trees", "graph"])
        .args(args)
        .arg("--root")
        .arg(root)
        .assert()
        .success();
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

#[test]
fn trees_graph_prints_svg_dot_and_mermaid() {
    let root = repo_root();
    let svg = graph(&root, &["priority", "--locale", "en"]);
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert_eq!(svg.matches("class=\"tree-diagram-node").count(), 12);
    assert_eq!(svg.matches("class=\"tree-diagram-arrow\"").count(), 11);
    assert!(svg.contains(
        "<title id=\"dt-priority-diagram-title\">Flowchart: Which priority should I choose?</title>"
    ));
    // Standalone: no links to a widget that is not there.
    assert!(!svg.contains("<a href"));
    assert_eq!(
        svg,
        graph(&root, &["priority", "--locale", "en", "--format", "svg"])
    );

    let dot = graph(&root, &["priority", "--locale", "en", "--format", "dot"]);
    assert!(dot.starts_with("digraph \"priority\" {\n"), "{dot}");
    assert!(
        dot.contains("  \"production\" -> \"situation\" [label=\"Yes\"];\n"),
        "{dot}"
    );
    assert!(dot.contains("\"p1-critical\" [label=\"Priority P1\", style=\"rounded,filled,bold\", fillcolor=\"#c0362c\""), "{dot}");
    assert!(dot.trim_end().ends_with('}'));

    let mermaid = graph(
        &root,
        &["escalation", "--locale", "fr", "--format", "mermaid"],
    );
    assert!(mermaid.contains("flowchart TD\n"), "{mermaid}");
    assert!(
        mermaid.contains("  n_production -->|\"Oui\"| n_already_p1\n"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("classDef critical fill:#c0362c"),
        "{mermaid}"
    );
    assert_eq!(mermaid.matches(" -->|").count(), 10, "{mermaid}");

    // An unknown tree is a diagnostic, not a panic.
    let assert = folio()
        .args(["trees", "graph", "nope", "--root"])
        .arg(&root)
        .assert()
        .code(1);
    let stderr = common::stderr(&assert);
    assert!(stderr.contains("no decision tree `nope`"), "{stderr}");
    assert!(stderr.contains("priority"), "{stderr}");
}

#[test]
fn the_severity_tree_draws_its_four_way_question_and_shared_result() {
    let dir = common::site("severity");
    let svg = graph(dir.path(), &["severity", "--locale", "en"]);
    let from_scope = svg.matches("data-edge=\"scope:").count();
    assert_eq!(from_scope, 4, "{svg}");
    // Reached by two answers: two arrows end at it, one box.
    assert_eq!(svg.matches("data-to=\"workaround\"").count(), 2);
    assert_eq!(svg.matches("data-node=\"workaround\"").count(), 1);
    for class in ["critical", "high", "normal", "info"] {
        assert!(
            svg.contains(&format!("tree-diagram-{class}\"")),
            "{class}: {svg}"
        );
    }
    // Labels come from _outcomes.toml's declarations (the badge, already in the
    // label, is not repeated).
    assert!(svg.contains(">Severity A<"), "{svg}");
    assert!(
        svg.contains(">Ask on the forum<") || svg.contains(">Ask on the<"),
        "{svg}"
    );
    let mermaid = graph(
        dir.path(),
        &["severity", "--locale", "fr", "--format", "mermaid"],
    );
    assert!(mermaid.contains("Sévérité A"), "{mermaid}");
}

fn pdf_raw_text(pdf: &Path) -> Vec<String> {
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-raw"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is required (apt-get install poppler-utils)");
    String::from_utf8_lossy(&output.stdout)
        .split('\u{c}')
        .map(str::to_string)
        .collect()
}

/// On the tree's first page, the diagram (drawn before the steps) shows every step
/// number and outcome letter the printed steps use, as text that extracts.
#[test]
fn the_pdf_diagram_is_text_numbered_like_the_steps() {
    let site = common::built_default_site();
    let pdf = std::fs::read_dir(site.join("fr"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .expect("the French guide's PDF");
    let pages = pdf_raw_text(&pdf);
    for (question, first_heading) in [
        (
            "Le problème touche-t-il un",
            "Étape 1 — Le problème touche-t-il",
        ),
        (
            "La production est-elle touchée",
            "Étape 1 — La production est-elle",
        ),
    ] {
        let page = pages
            .iter()
            .find(|p| p.contains(first_heading))
            .unwrap_or_else(|| panic!("{first_heading} is printed"));
        let at = page.find(first_heading).unwrap();
        let (drawn, _) = page.split_at(at);
        assert!(
            drawn.contains(question),
            "the diagram's text extracts: {drawn}"
        );
        // The rest of the tree, on this page and the next ones.
        let start = pages.iter().position(|p| std::ptr::eq(p, page)).unwrap();
        let printed: String = std::iter::once(&page[at..])
            .chain(pages[start + 1..].iter().take(3).map(String::as_str))
            .collect();
        let in_diagram = marks(drawn);
        let headings = marks(&printed);
        assert!(!in_diagram.is_empty(), "{drawn}");
        assert!(
            in_diagram.iter().all(|m| headings.contains(m)),
            "diagram {in_diagram:?} / steps {headings:?}"
        );
        assert!(
            headings.iter().all(|m| in_diagram.contains(m)),
            "diagram {in_diagram:?} / steps {headings:?}"
        );
    }
}

/// The `Étape 3` and `Résultat B` marks of a text.
fn marks(text: &str) -> std::collections::BTreeSet<String> {
    let mut found = std::collections::BTreeSet::new();
    for word in ["Étape", "Résultat"] {
        let mut rest = text;
        while let Some(i) = rest.find(word) {
            rest = &rest[i + word.len()..];
            let mark: String = rest
                .trim_start_matches([' ', '\u{a0}', '\u{202f}'])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let digits = mark.chars().all(|c| c.is_ascii_digit());
            let letters = mark.chars().all(|c| c.is_ascii_uppercase());
            if !mark.is_empty() && mark.len() <= 2 && (digits || letters) {
                found.insert(format!("{word} {mark}"));
            }
        }
    }
    found
}

/// The page at `path` from a running `folio serve`.
pub(crate) fn served(address: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(address) else {
        return String::new();
    };
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(5)));
    let _ = write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    );
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

#[test]
fn serve_redraws_the_chart_when_the_rules_or_texts_change() {
    let dir = common::site("severity");
    let server = crate::serve::serve(dir.path());
    let wait = |what: &str, probe: &dyn Fn(&str) -> bool| {
        let started = std::time::Instant::now();
        while started.elapsed() < std::time::Duration::from_secs(5) {
            if probe(&served(&server.address, "/en/severite/")) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("{what} did not show within 5 s");
    };
    wait("the chart", &|page| {
        page.contains(">Who can no longer work?<")
    });
    let ftl = dir.path().join("locales/en/decision-trees.ftl");
    let text = std::fs::read_to_string(&ftl).unwrap();
    std::fs::write(
        &ftl,
        text.replace("Who can no longer work?", "Who is stuck?"),
    )
    .unwrap();
    wait("the new question in the chart", &|page| {
        page.contains(">Who is stuck?<")
    });
    // A new answer in the rules file: one more arrow.
    let rules = dir.path().join("content/decision-trees/severity.toml");
    let text = std::fs::read_to_string(&rules).unwrap();
    std::fs::write(
        &rules,
        text.replace(
            "  { id = \"nobody\", label = \"severity-scope-nobody\", next = \"question\" },",
            "  { id = \"nobody\", label = \"severity-scope-nobody\", next = \"question\" },\n  { id = \"robots\", label = \"severity-scope-nobody\", next = \"question\" },",
        ),
    )
    .unwrap();
    wait("the new arrow", &|page| {
        page.contains("data-edge=\"scope:robots\"")
    });
}

/// A random tree: questions with two to four answers leading to later nodes, texts of
/// every length (the Fluent ids stand in for missing texts), some results reached by
/// several paths, some by long arrows that skip rows.
fn random_tree(
    questions: usize,
    outcomes: usize,
    answers: Vec<Vec<usize>>,
    words: Vec<usize>,
) -> folio::model::DecisionTree {
    use folio::model::{Answer, DecisionTree, Node, NodeKind, Outcome, OutcomeClass, Pos};
    let pos = Pos { line: 1, column: 1 };
    let total = questions + outcomes;
    let id = |i: usize| format!("n{i}");
    let text = |i: usize| {
        let n = words[i % words.len()];
        (0..n)
            .map(|w| format!("word{w}"))
            .collect::<Vec<_>>()
            .join("-")
    };
    let mut nodes = Vec::new();
    for i in 0..total {
        let kind = if i < questions {
            let targets = &answers[i % answers.len()];
            NodeKind::Question {
                answers: targets
                    .iter()
                    .enumerate()
                    .map(|(k, t)| Answer {
                        id: format!("a{k}"),
                        label: text(i + k + 1).replace('-', " "),
                        // Always forward: validation rejects cycles before drawing.
                        next: id(i + 1 + t % (total - i - 1)),
                        pos,
                    })
                    .collect(),
            }
        } else {
            NodeKind::Outcome {
                outcome: Outcome {
                    id: format!("o{i}"),
                    label: text(i),
                    rank: None,
                    class: Some(OutcomeClass::ALL[i % 5]),
                    badge: None,
                    source: "random".into(),
                    pos,
                },
                link: None,
            }
        };
        nodes.push(Node {
            id: id(i),
            text: text(i).replace('-', " "),
            help: None,
            kind,
            pos,
        });
    }
    DecisionTree {
        id: "random".into(),
        source: "random".into(),
        title: "random".into(),
        intro: None,
        start: id(0),
        nodes,
    }
}

/// The default site's English strings, loaded once for every generated case.
fn english_messages() -> &'static folio::locale::Messages {
    static MESSAGES: std::sync::OnceLock<folio::locale::Messages> = std::sync::OnceLock::new();
    MESSAGES.get_or_init(|| {
        let diagnostics = Diagnostics::new();
        folio::commands::site::load(&repo_root(), &["en".to_string()], &diagnostics)
            .expect("site loads")
            .messages
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]

    /// Whatever the shape and the texts, boxes, labels and arrows keep clear of one
    /// another, in both directions of reading.
    #[test]
    fn any_tree_lays_out_without_overlaps(
        questions in 1usize..7,
        outcomes in 1usize..6,
        answers in proptest::collection::vec(proptest::collection::vec(0usize..20, 2..5), 1..7),
        words in proptest::collection::vec(1usize..14, 1..9),
        rtl in proptest::bool::ANY,
    ) {
        let messages = english_messages();
        let tree = random_tree(questions, outcomes, answers, words);
        let texts = Texts::new(messages, "en");
        let drawn = diagram::layout(&tree, &texts, &Estimate, &Style::screen(), rtl);
        check_geometry("random tree", &drawn);
        // Every answer is drawn: those of unreachable questions too (marked).
        let drawn_answers = drawn.arrows.len();
        let expected: usize = tree
            .nodes
            .iter()
            .map(|n| match &n.kind {
                folio::model::NodeKind::Question { answers } => answers.len(),
                _ => 0,
            })
            .sum();
        proptest::prop_assert_eq!(drawn_answers, expected);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 100, ..Default::default() })]

    /// A tree validation rejects (answers back up to an earlier node, to a node that
    /// does not exist) is drawn whole, its faults marked, with nothing overlapping.
    #[test]
    fn a_broken_tree_lays_out_without_overlaps(
        questions in 1usize..6,
        outcomes in 1usize..5,
        answers in proptest::collection::vec(proptest::collection::vec(0usize..20, 2..4), 1..6),
        breaks in proptest::collection::vec((0usize..6, 0usize..4, 0usize..8), 1..4),
        rtl in proptest::bool::ANY,
    ) {
        let messages = english_messages();
        let mut tree = random_tree(questions, outcomes, answers, vec![2, 5, 9]);
        for (i, (q, a, to)) in breaks.into_iter().enumerate() {
            // The first break always names a missing node, so the tree surely has a
            // fault: an answer sent back to an earlier node makes a cycle only when that
            // node leads here, which a random tree need not do.
            let to = if i == 0 { to | 1 } else { to };
            let Some(node) = tree.nodes.get_mut(q % questions) else { continue };
            let here = q % questions;
            if let folio::model::NodeKind::Question { answers } = &mut node.kind {
                let k = a % answers.len();
                // Even: back to this node or one before it; odd: to no node at all.
                answers[k].next = if to % 2 == 0 {
                    format!("n{}", (to / 2).min(here))
                } else {
                    format!("gone{to}")
                };
            }
        }
        let texts = Texts::new(messages, "en");
        let drawn = diagram::layout(&tree, &texts, &Estimate, &Style::screen(), rtl);
        check_geometry("broken tree", &drawn);
        let answers: usize = tree
            .nodes
            .iter()
            .map(|n| match &n.kind {
                folio::model::NodeKind::Question { answers } => answers.len(),
                _ => 0,
            })
            .sum();
        proptest::prop_assert_eq!(drawn.arrows.len(), answers);
        proptest::prop_assert!(drawn.has_faults());
    }
}

/// A tree far larger than any guide's still lays out (the crossing counts are local to
/// the rows a swap changes, so it ends in well under a second; no timing is asserted).
#[test]
fn a_large_tree_lays_out() {
    let diagnostics = Diagnostics::new();
    let messages = folio::commands::site::load(&repo_root(), &["en".to_string()], &diagnostics)
        .expect("site loads")
        .messages;
    let answers: Vec<Vec<usize>> = (0..60).map(|i| vec![i % 7, (i * 3) % 11, i % 5]).collect();
    let tree = random_tree(60, 30, answers, vec![3, 8, 12, 5]);
    let drawn = diagram::layout(
        &tree,
        &Texts::new(&messages, "en"),
        &Estimate,
        &Style::screen(),
        false,
    );
    check_geometry("a large tree", &drawn);
    assert!(drawn.boxes.len() > 40, "{} boxes", drawn.boxes.len());
}
