//! Every script in the PDF: the `pdf-scripts` fixture mixes English, Japanese, Hindi,
//! emoji, arrows and box drawing in prose and in code. Read back with lopdf (no
//! `.notdef` glyph shown), `pdffonts` (every font embedded and subset) and `qpdf
//! --check`; built again without the machine's fonts (FOLIO_NO_SYSTEM_FONTS=1), where
//! what is missing is named with the package that brings it; the default site's
//! Japanese guide needs no installed font; and Latin inside Japanese, as a layout.
//! The machine needs fonts-noto-cjk, fonts-lohit-deva and fonts-symbola (`.ci/run`
//! installs them), poppler-utils and qpdf.

use crate::common;
use std::path::{Path, PathBuf};
use std::process::Command;

use folio::diagnostic::Diagnostics;
use folio::render::pdf::boxes::{Item, segments_text};
use folio::render::pdf::fonts::{Font, FontId, Fonts};
use folio::render::pdf::{Pictures, layout_document, text::Shaper};

/// Builds `root` into `out`; `system` false hides the machine's fonts. Returns stderr.
fn build(root: &Path, out: &Path, system: bool) -> String {
    let mut command = common::folio();
    if !system {
        command.env("FOLIO_NO_SYSTEM_FONTS", "1");
    } else {
        command.env_remove("FOLIO_NO_SYSTEM_FONTS");
    }
    let assert = command
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
    common::stderr(&assert)
}

fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let output = Command::new(name)
        .args(args)
        .arg(file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{name} is required (apt-get install poppler-utils qpdf): {e}"));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn pdf(out: &Path, locale: &str) -> PathBuf {
    let dir = out.join(locale);
    let found = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"));
    found.unwrap_or_else(|| panic!("no PDF in {}", dir.display()))
}

/// Every glyph number each page shows, with the font resource showing it.
fn shown_glyphs(path: &Path) -> Vec<(u32, String, u16)> {
    let doc = lopdf::Document::load(path).unwrap();
    let mut shown = Vec::new();
    for (number, page) in doc.get_pages() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
        let mut font = String::new();
        for operation in content.operations {
            let strings: Vec<&[u8]> = match operation.operator.as_str() {
                "Tf" => {
                    font = String::from_utf8_lossy(operation.operands[0].as_name().unwrap()).into();
                    continue;
                }
                "Tj" => vec![operation.operands[0].as_str().unwrap()],
                "TJ" => (operation.operands[0].as_array().unwrap().iter())
                    .filter_map(|o| o.as_str().ok())
                    .collect(),
                _ => continue,
            };
            for string in strings {
                for pair in string.chunks(2) {
                    let glyph = u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
                    shown.push((number, font.clone(), glyph));
                }
            }
        }
    }
    shown
}

/// pdffonts' rows: (name, embedded, subset, has a text map).
fn fonts_of(path: &Path) -> Vec<(String, [String; 3])> {
    let output = Command::new("pdffonts")
        .arg(path)
        .output()
        .expect("pdffonts (poppler-utils) is required");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .skip(2)
        .map(|row| {
            let columns: Vec<&str> = row.split_whitespace().collect();
            let flags = &columns[columns.len() - 5..columns.len() - 2];
            (
                columns[0].to_string(),
                [0, 1, 2].map(|i| flags[i].to_string()),
            )
        })
        .collect()
}

fn assert_clean_pdf(path: &Path) {
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(path)
        .output()
        .expect("qpdf is required");
    let check = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    let fonts = fonts_of(path);
    assert!(!fonts.is_empty());
    for (name, flags) in fonts {
        assert_eq!(
            flags,
            ["yes", "yes", "yes"].map(String::from),
            "{name} embedded, subset, with text"
        );
        assert!(name.contains('+'), "{name} is a subset");
    }
    let shown = shown_glyphs(path);
    assert!(!shown.is_empty());
    let notdef: Vec<_> = shown.iter().filter(|(_, _, g)| *g == 0).collect();
    assert!(
        notdef.is_empty(),
        "{}: .notdef shown: {notdef:?}",
        path.display()
    );
}

#[test]
fn every_character_of_every_script_comes_from_a_font_that_has_it() {
    let dir = common::site_with_japanese_fonts("pdf-scripts");
    let out = dir.path().join("out");
    let stderr = build(dir.path(), &out, true);
    assert!(
        !stderr.contains("no font of the PDF"),
        "every character has a font on this machine (apt-get install fonts-noto-cjk fonts-lohit-deva fonts-symbola; .ci/run does): {stderr}"
    );
    for locale in ["fr", "en", "ja"] {
        assert_clean_pdf(&pdf(&out, locale));
    }
    let en = pdf(&out, "en");
    let names: Vec<String> = fonts_of(&en).into_iter().map(|(n, _)| n).collect();
    let has = |part: &str| names.iter().any(|n| n.contains(part));
    assert!(
        has("LibertinusSerif-Regular") && has("DejaVuSansMono"),
        "{names:?}"
    );
    assert!(
        has("NotoSansCJKjp-Regular"),
        "Japanese from the Japanese cut: {names:?}"
    );
    assert!(
        has("NotoSansCJKjp-Bold"),
        "the bold heading's Japanese in bold: {names:?}"
    );
    assert!(has("Devanagari"), "Hindi from a Devanagari font: {names:?}");
    assert!(has("Symbola"), "emoji from an outline font: {names:?}");
    let text = tool("pdftotext", &[], &en);
    for words in [
        "サポートチームが日本語で対応します",
        "shipped",
        "優先度とエスカレーション",
        "┌──┬──┐",
    ] {
        assert!(text.contains(words), "{words} in the text: {text}");
    }
}

#[test]
fn the_same_machine_gives_the_same_bytes() {
    let dir = common::site_with_japanese_fonts("pdf-scripts");
    let (first, second) = (dir.path().join("one"), dir.path().join("two"));
    build(dir.path(), &first, true);
    build(dir.path(), &second, true);
    for locale in ["en", "ja"] {
        let (a, b) = (pdf(&first, locale), pdf(&second, locale));
        assert!(
            std::fs::read(a).unwrap() == std::fs::read(b).unwrap(),
            "{locale}: same bytes"
        );
    }
}

#[test]
fn without_the_machines_fonts_what_is_missing_is_named_with_its_package() {
    let dir = common::site_with_japanese_fonts("pdf-scripts");
    let out = dir.path().join("out");
    let stderr = build(dir.path(), &out, false);
    assert!(
        stderr.contains("content/en/scripts.md:6:1: warning: no font of the PDF has"),
        "{stderr}"
    );
    for package in ["fonts-noto-cjk", "fonts-noto-core", "fonts-symbola"] {
        assert!(stderr.contains(package), "{package}: {stderr}");
    }
    // Arrows and box drawing are in the embedded fonts; the Japanese guide's own
    // fonts cover its page: only the English page misses anything.
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(pdf(&out, "en").is_file() && pdf(&out, "ja").is_file());
}

#[test]
fn the_default_sites_japanese_guide_needs_no_installed_font() {
    let out = tempfile::tempdir().unwrap();
    let stderr = build(&common::repo_root(), out.path(), false);
    assert!(!stderr.contains("warning"), "{stderr}");
    let ja = pdf(out.path(), "ja");
    assert_clean_pdf(&ja);
    let names: Vec<String> = fonts_of(&ja).into_iter().map(|(n, _)| n).collect();
    for face in ["NotoSansCJKjp-Regular", "NotoSansCJKjp-Bold"] {
        assert!(names.iter().any(|n| n.ends_with(face)), "{face}: {names:?}");
    }
    let config = std::fs::read_to_string(common::repo_root().join("folio.toml")).unwrap();
    assert!(
        !config.contains("/usr/share/fonts"),
        "the site names its own fonts"
    );
}

/// The fixture's Japanese guide, with its fonts leading as a build sets them.
fn japanese_document() -> folio::render::pdf::boxes::Document {
    let dir = common::site_with_japanese_fonts("pdf-scripts");
    let diagnostics = Diagnostics::new();
    let loaded = folio::commands::site::load(dir.path(), &[], &diagnostics).expect("loads");
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.into_sorted());
    let style = folio::parse::pdf_style::parse(loaded.theme.pdf_style.as_ref(), &diagnostics);
    let faces: Vec<&'static Font> = ["Regular", "Bold"]
        .iter()
        .map(|weight| {
            let path = dir
                .path()
                .join(format!("fonts/NotoSansCJKjp-{weight}-subset.otf"));
            let bytes: &'static [u8] = std::fs::read(path).unwrap().leak();
            &*Box::leak(Box::new(Font::parse(bytes, 0).unwrap()))
        })
        .collect();
    let fonts = Fonts::embedded().clone().with_configured(faces, true);
    layout_document(
        &loaded.site,
        &loaded.messages,
        "ja",
        &style,
        &Pictures::new(&loaded.assets),
        &Shaper::new(fonts),
    )
}

#[test]
fn latin_inside_japanese_takes_the_japanese_font_and_a_quarter_em() {
    let doc = japanese_document();
    let dump = doc.dump();
    let start = dump.find("  anchor scripts.md y=").expect("the chapter");
    let page = dump[..start].rfind("page ").unwrap();
    let end = dump[start..]
        .find("\npage ")
        .map_or(dump.len(), |e| start + e);
    insta::assert_snapshot!(&dump[page..end]);

    // "…場合は" then "P1" then "を選び…": the same font, a quarter em either side.
    let texts: Vec<(f32, f32, f32, FontId, String)> = doc
        .pages
        .iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|i| match i {
            Item::Text {
                x, size, segments, ..
            } => Some((
                *x,
                x + segments.iter().map(|s| s.width).sum::<f32>() * size,
                *size,
                segments[0].font,
                segments_text(segments),
            )),
            _ => None,
        })
        .collect();
    let at = (1..texts.len() - 1)
        .find(|&i| texts[i].4 == "P1" && texts[i + 1].4.starts_with('を'))
        .expect("P1 inside the paragraph");
    let (before, latin, after) = (&texts[at - 1], &texts[at], &texts[at + 1]);
    assert_eq!(latin.4, "P1");
    assert_eq!(latin.3, FontId::Extra(0), "P1 in the Japanese font");
    assert_eq!(before.3, FontId::Extra(0));
    for gap in [latin.0 - before.1, after.0 - latin.1] {
        let em = gap / latin.2;
        assert!(
            (0.125..=0.5).contains(&em),
            "a quarter em, give or take justification: {em}"
        );
    }
    // Brackets take no space: 「P2」.
    let p2 = texts.iter().find(|t| t.4.contains("P2")).expect("P2");
    assert!(p2.4.contains("「P2」"), "{p2:?}");
}

/// The quarter em between Japanese and Latin is room, not a space: the text the
/// structure tree gives (what a screen reader reads) is the source ("はP1を選び"),
/// while a space the writer typed ("HTTP 503") stays. `pdftotext` guesses spaces
/// from the room between glyphs, whatever the stream says, and still shows one there.
#[test]
fn the_quarter_em_is_no_space_in_the_text() {
    let dir = common::site_with_japanese_fonts("pdf-scripts");
    let out = dir.path().join("out");
    build(dir.path(), &out, true);
    let ja = pdf(&out, "ja");
    let tree = Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(&ja)
        .output()
        .expect("pdfinfo is required (apt-get install poppler-utils)");
    let tree = String::from_utf8_lossy(&tree.stdout).into_owned();
    let tree: String = (tree.lines())
        .filter_map(|l| l.trim().strip_prefix('"')?.strip_suffix('"'))
        .collect();
    for words in [
        "P1の判断基準",
        "場合はP1を選び、24時間以内にEC担当者へ連絡します。",
        "のログとHTTP 503の件数",
        "「P2」や「P3」",
        "Premium Supportの窓口は2026年4月から",
    ] {
        assert!(tree.contains(words), "{words} in:\n{tree}");
    }
    let page = tool("pdftotext", &[], &ja);
    assert!(page.contains("HTTP 503"), "{page}");
}
