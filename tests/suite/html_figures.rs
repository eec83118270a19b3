//! Raw HTML pictures as books and READMEs write them (`tests/fixtures/html-figures`):
//! the published HTML keeps them (width, alignment, caption, dark-mode source), the
//! PDF prints the PNG and `data:` ones and frames the rest with a warning each, and a
//! dead `src` is an error at its place with a did-you-mean.

use crate::common::{self, folio, site};
use folio::diagnostic::Diagnostics;
use folio::render::pdf::boxes::{Item, PageBox, segments_text};
use folio::render::pdf::{Pictures, layout_document, text::Shaper};

/// The page body's lines from its first heading to the raw `<div>` that ends it.
fn body_lines(html: &str) -> String {
    let start = html.find("<h2").expect("a heading");
    let end = start + html[start..].find("</div>\n").expect("the raw div") + "</div>".len();
    html[start..end].to_string()
}

#[test]
fn raw_html_pictures_are_published_as_figures() {
    let dir = site("html-figures");
    common::built(dir.path());
    let public = dir.path().join("public");
    let html = std::fs::read_to_string(public.join("fr/figures/index.html")).unwrap();
    insta::assert_snapshot!(body_lines(&html));
    // Every picture a figure names is published, the decoded name included.
    for file in [
        "flux.svg",
        "flux-sombre.svg",
        "carre.png",
        "niveaux couleur.png",
    ] {
        assert!(public.join("fr/img").join(file).is_file(), "{file}");
    }
    // A block with other text stays as written.
    assert!(
        html.contains("<div class=\"encadre\">\n  <img src=\"img/carre.png\" alt=\"brut\"> Texte libre autour.\n</div>"),
        "{html}"
    );
    // The English fallback page reaches the same files.
    let en = std::fs::read_to_string(public.join("en/figures/index.html")).unwrap();
    assert!(en.contains("<img src=\"../../fr/img/flux.svg\""), "{en}");
}

#[test]
fn the_pdf_warns_once_for_each_figure_it_cannot_print() {
    let dir = site("html-figures");
    let stderr = common::built(dir.path());
    // The SVG prints as vector graphics: nothing to say.
    assert!(!stderr.contains("flux.svg"), "{stderr}");
    assert!(
        stderr.contains("content/fr/figures.md:27:1: warning: the PDF cannot fetch the remote picture `https://example.test/distante.png`\n  hint: save a copy in content/fr/ and point to it by its relative path"),
        "{stderr}"
    );
    // Two guides show the page (English falls back to it): each figure is said once.
    // (The second warning: the remote picture's host is not in the web pages' CSP.)
    assert_eq!(stderr.matches("the PDF cannot").count(), 1, "{stderr}");
    assert!(stderr.contains("0 errors, 2 warnings"), "{stderr}");
    // The guide is a valid file, the placeholders' texts in it and the four pictures.
    let pdf = dir.path().join("public/fr/guide-fr.pdf");
    let run = |tool: &str, args: &[&str]| {
        let output = std::process::Command::new(tool)
            .args(args)
            .arg(&pdf)
            .args(if tool == "pdftotext" {
                &["-"][..]
            } else {
                &[][..]
            })
            .output()
            .unwrap_or_else(|e| {
                panic!("{tool} is required (apt-get install poppler-utils qpdf): {e}")
            });
        assert!(output.status.success(), "{tool}: {output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    run("qpdf", &["--check"]);
    let text = run("pdftotext", &[]);
    assert!(text.contains("Image distante"), "{text}");
    let images = run("pdfimages", &["-list"]);
    // Three raster pictures; the two SVGs are forms, which pdfimages does not list.
    assert_eq!(images.lines().count(), 2 + 3, "{images}");
    // Under --strict the warnings fail the build.
    folio()
        .args(["build", "-q", "--strict", "--root"])
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("strict"))
        .assert()
        .code(1);
}

/// The laid-out page of the French guide that holds the figures.
fn figures_page() -> (PageBox, f32) {
    let dir = site("html-figures");
    let diagnostics = Diagnostics::new();
    let loaded = folio::commands::site::load(dir.path(), &[], &diagnostics).expect("loads");
    let style = folio::parse::pdf_style::parse(loaded.theme.pdf_style.as_ref(), &diagnostics);
    let pictures = Pictures::new(&loaded.assets).with_data_uris(&loaded.site);
    let doc = layout_document(
        &loaded.site,
        &loaded.messages,
        "fr",
        &style,
        &pictures,
        &Shaper::default(),
    );
    let column = doc.width - style.margin_left - style.margin_right;
    let page = (doc.pages.into_iter())
        .find(|p| {
            p.items
                .iter()
                .any(|i| matches!(i, Item::Text { segments, .. } if segments_text(segments) == "distante"))
        })
        .expect("the figures page");
    (page, column)
}

#[test]
fn the_pdf_prints_png_and_data_pictures_and_frames_the_others() {
    let (page, column) = figures_page();
    let images: Vec<(&str, f32)> = (page.items.iter())
        .filter_map(|i| match i {
            Item::Image { path, width, .. } => Some((path.as_str(), *width)),
            _ => None,
        })
        .collect();
    assert_eq!(images.len(), 5, "{images:?}");
    // The SVG at width="50%", as vector graphics.
    assert_eq!(images[0].0, "fr/img/flux.svg");
    assert!((images[0].1 - column * 0.5).abs() < 0.01, "{images:?}");
    // width="200": 200 CSS pixels are 150 points.
    assert_eq!(images[1], ("fr/img/niveaux couleur.png", 150.0));
    assert_eq!(images[2].0, "fr/img/carre.png");
    assert!(images[3].0.starts_with("data:image/png;base64,"));
    // An SVG with a PNG <source>: the PDF prints its `src`, the SVG.
    assert_eq!(images[4].0, "fr/img/flux.svg");

    // The remote picture: a frame, its alt text inside (set word by word: the first
    // word is looked for).
    let text_at = |wanted: &str| {
        (page.items.iter())
            .find_map(|i| match i {
                Item::Text {
                    x,
                    baseline,
                    segments,
                    ..
                } if segments_text(segments) == wanted => Some((*x, *baseline)),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no text {wanted:?}"))
    };
    let lines: Vec<(f32, f32, f32, f32)> = (page.items.iter())
        .filter_map(|i| match i {
            Item::Line { x1, y1, x2, y2, .. } => Some((*x1, *y1, *x2, *y2)),
            _ => None,
        })
        .collect();
    let (x, baseline) = text_at("Image");
    let framed = lines.iter().any(|&(x1, y1, x2, y2)| {
        y1 == y2 && y1 < baseline && x1 < x && (x2 - x1 - column).abs() < 0.01
    });
    assert!(framed, "no frame of width {column} above it: {lines:?}");
    // The caption keeps its emphasis and link.
    assert!(
        (page.items.iter()).any(|i| matches!(i, Item::Link { .. })),
        "the caption's link"
    );
}

#[test]
fn a_dead_picture_source_is_an_error_with_a_suggestion() {
    let dir = site("html-figures");
    std::fs::write(
        dir.path().join("content/fr/morte.md"),
        "+++\ntitle = \"Morte\"\n+++\n\n<p align=\"center\">\n  <img src=\"img/flus.svg\" alt=\"Flux\">\n</p>\n\n<figure>\n<img src=\"img/carre.png\">\n<figcaption>Voir <a href=\"absente.md\">ici</a></figcaption>\n</figure>\n\nUne <img src=\"img/care.png\" alt=\"icône\"> ici.\n",
    )
    .unwrap();
    let assert = folio()
        .arg("build")
        .arg("--root")
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("public"))
        .assert()
        .code(1);
    insta::assert_snapshot!(common::stderr(&assert));
}
