//! PO and XLIFF round trips on the default site: export a locale, fill every unit
//! with a pseudo-translation, import into a copy of the site, build. Every prose
//! block comes out translated; code blocks, URLs and `{#id}`s come out as they were.
//! The exports validate (xmllint against the XLIFF 2.0 core schema, `msgfmt -c`);
//! a unit whose source changed since the export is reported, not applied; broken
//! files are reported at line and column and change nothing. Golden exports of the
//! English locale, one page of it.

use std::path::Path;
use std::process::Command;

use folio::l10n::exchange::slots::{self, BlockSlots};
use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::common::{built, copy_tree, repo_root, run, write};

/// The repository's site in a temporary folder.
fn default_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["content", "locales", "fonts", "themes"] {
        copy_tree(&repo_root().join(folder), &dir.path().join(folder));
    }
    std::fs::copy(
        repo_root().join("folio.toml"),
        dir.path().join("folio.toml"),
    )
    .unwrap();
    dir
}

fn export(root: &Path, args: &[&str]) -> String {
    let (out, err, code) = run(root, &[&["l10n", "export"], args].concat());
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    out
}

fn import(root: &Path, file: &Path) -> (String, String, i32) {
    run(root, &["l10n", "import", file.to_str().unwrap()])
}

/// Every msgstr set to the msgid between ⟦ ⟧ (the Markdown kept verbatim, as in PO).
fn pseudo_po(po: &str) -> String {
    let mut out = Vec::new();
    for entry in po.split("\n\n") {
        if !entry.lines().any(|l| l.starts_with("msgctxt ")) {
            out.push(entry.to_string());
            continue;
        }
        let id_at = entry.find("\nmsgid ").unwrap() + 1;
        let str_at = entry.find("\nmsgstr ").unwrap();
        let id = &entry[id_at + "msgid ".len()..str_at];
        let text: String = id.lines().map(|l| l.trim().trim_matches('"')).collect();
        let head = entry[..str_at].replace("#, fuzzy\n", "");
        out.push(format!("{head}\nmsgstr \"⟦{text}⟧\""));
    }
    out.join("\n\n") + "\n"
}

/// Every target set to the source with its prose accented and between ⟦ ⟧, codes
/// untouched, and confirmed.
fn pseudo_xliff(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<source>") {
        let end = rest.find("</source>").unwrap();
        let source = &rest[start + "<source>".len()..end];
        out.push_str(&rest[..end + "</source>".len()]);
        rest = &rest[end + "</source>".len()..];
        if let Some(after) = rest.strip_prefix("\n        <target>") {
            rest = &after[after.find("</target>").unwrap() + "</target>".len()..];
        }
        out.push_str(&format!(
            "\n        <target>⟦{}⟧</target>",
            accented(source)
        ));
    }
    out.push_str(rest);
    out.replace("state=\"initial\"", "state=\"translated\"")
}

/// Vowels of text nodes accented; tags and entities left alone.
fn accented(xml: &str) -> String {
    let (mut tag, mut entity) = (false, false);
    xml.chars()
        .map(|c| {
            match c {
                '<' => tag = true,
                '>' => tag = false,
                '&' => entity = true,
                ';' => entity = false,
                _ => {}
            }
            if tag || entity {
                return c;
            }
            match c {
                'a' => 'á',
                'e' => 'é',
                'i' => 'í',
                'o' => 'ó',
                'u' => 'ú',
                _ => c,
            }
        })
        .collect()
}

fn body(text: &str) -> &str {
    let close = text[3..].find("\n+++\n").unwrap() + 3 + 5;
    &text[close..]
}

/// A block's Markdown with its slots taken out: what must not change.
fn frame(body: &str, block: &BlockSlots) -> String {
    let mut text = body[block.block.range.clone()].to_string();
    let start = block.block.range.start;
    let mut slots: Vec<_> = block.slots.clone().unwrap_or_default();
    slots.sort_by_key(|s| std::cmp::Reverse(s.range.start));
    for slot in slots {
        text.replace_range(slot.range.start - start..slot.range.end - start, "…");
    }
    text.trim_end().to_string()
}

fn link_targets(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, Options::all())
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

/// Every page of `locale` against its source: each prose slot translated, each
/// block's frame as in `frames_of` (code blocks, ids, markers), the same URLs.
fn assert_translated(root: &Path, locale: &str, before: Option<&Path>) {
    for entry in std::fs::read_dir(repo_root().join("content/fr")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let source = std::fs::read_to_string(repo_root().join("content/fr").join(&name)).unwrap();
        let page = std::fs::read_to_string(root.join("content").join(locale).join(&name)).unwrap();
        let frame_text = match before {
            Some(dir) => {
                std::fs::read_to_string(dir.join("content").join(locale).join(&name)).unwrap()
            }
            None => source.clone(),
        };
        let (source_body, body, frame_body) = (body(&source), body(&page), body(&frame_text));
        let (source_blocks, blocks, frames) = (
            slots::of(source_body),
            slots::of(body),
            slots::of(frame_body),
        );
        assert_eq!(blocks.len(), source_blocks.len(), "{locale}/{name}");
        let title_line = page.lines().find(|l| l.starts_with("title = ")).unwrap();
        assert!(title_line.contains('⟦'), "{locale}/{name}: {title_line}");
        for ((block, source_block), frame_block) in blocks.iter().zip(&source_blocks).zip(&frames) {
            assert_eq!(block.block.kind, source_block.block.kind, "{locale}/{name}");
            assert_eq!(
                frame(body, block),
                frame(frame_body, frame_block),
                "{locale}/{name}"
            );
            for slot in block.slots.as_ref().unwrap() {
                assert!(
                    slot.text.starts_with('⟦') && slot.text.ends_with('⟧'),
                    "{locale}/{name}: {}",
                    slot.text
                );
            }
            let text = &body[block.block.range.clone()];
            let source_text = &source_body[source_block.block.range.clone()];
            if block.slots.as_ref().is_ok_and(|s| !s.is_empty()) {
                assert_eq!(
                    link_targets(text),
                    link_targets(source_text),
                    "{locale}/{name}"
                );
            }
        }
    }
}

fn assert_clean_build(root: &Path) {
    let stderr = built(root);
    assert!(!stderr.contains("error"), "{stderr}");
}

fn msgfmt(file: &Path) {
    let output = Command::new("msgfmt")
        .args(["-c", "-o", "/dev/null"])
        .arg(file)
        .output()
        .expect("msgfmt (Debian's gettext) runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    // Only the header's revision date and last translator are missing: an export
    // has neither, and a date would make it differ from one run to the next.
    assert!(
        stderr
            .lines()
            .all(|l| l.contains("'PO-Revision-Date'") || l.contains("'Last-Translator'")),
        "{stderr}"
    );
}

fn xmllint(file: &Path) {
    let output = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(repo_root().join("tests/fixtures/xliff/xliff-core-2.0.xsd"))
        .arg(file)
        .output()
        .expect("xmllint (Debian's libxml2-utils) runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn po_round_trip_makes_every_english_page_from_the_source() {
    let dir = default_site();
    let root = dir.path();
    std::fs::remove_dir_all(root.join("content/en")).unwrap();
    let po = export(root, &["en", "--format", "po"]);
    let exported = root.join("en.po");
    std::fs::write(&exported, &po).unwrap();
    msgfmt(&exported);
    let filled = root.join("en-filled.po");
    std::fs::write(&filled, pseudo_po(&po)).unwrap();
    msgfmt(&filled);
    let (out, err, code) = import(root, &filled);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.is_empty(), "{err}");
    assert!(out.contains("wrote content/en/escalade.md"), "{out}");
    assert!(out.contains("wrote locales/en/ui.ftl"), "{out}");
    assert_translated(root, "en", None);
    // Titles of new pages are translated; the source's other keys come along.
    let page = std::fs::read_to_string(root.join("content/en/escalade.md")).unwrap();
    assert!(
        page.contains("title = \"⟦Escalader un dossier⟧\"\n"),
        "{page}"
    );
    assert!(
        page.contains("weight = 5\nindex = [\"escalade\"]\n"),
        "{page}"
    );
    assert!(page.contains("## ⟦Quand escalader ?⟧ {#quand}\n"), "{page}");
    // The imported pages are current: nothing is left to translate.
    let (status, _, _) = run(root, &["l10n", "status", "--locale", "en"]);
    assert!(status.starts_with("en: pages 7/7 ok (100%)"), "{status}");
    assert!(
        export(root, &["en", "--format", "po", "--only", "outdated"])
            .matches("\nmsgctxt ")
            .count()
            == 0
    );
    assert_clean_build(root);
    let html = std::fs::read_to_string(root.join("public/en/escalade/index.html")).unwrap();
    assert!(html.contains("id=\"quand\""));
    assert!(html.contains("⟦Quand escalader ?⟧"), "{html}");
}

#[test]
fn xliff_round_trip_translates_the_japanese_pages_in_place() {
    let dir = default_site();
    let root = dir.path();
    let xliff = export(root, &["ja", "--format", "xliff"]);
    let exported = root.join("ja.xlf");
    std::fs::write(&exported, &xliff).unwrap();
    xmllint(&exported);
    let filled = root.join("ja-filled.xlf");
    std::fs::write(&filled, pseudo_xliff(&xliff)).unwrap();
    xmllint(&filled);
    let (out, err, code) = import(root, &filled);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.is_empty(), "{err}");
    // The pages align with their sources: each keeps its own code blocks.
    assert_translated(root, "ja", Some(&repo_root()));
    let page = std::fs::read_to_string(root.join("content/ja/escalade.md")).unwrap();
    assert!(page.contains("## ⟦Qúánd éscáládér ?⟧ {#quand}\n"), "{page}");
    assert!(
        page.contains("[Chángér lá príórí"),
        "link text translated: {page}"
    );
    assert!(page.contains("](changer-priorite.md)"), "link target kept");
    let ftl = std::fs::read_to_string(root.join("locales/ja/decision-trees.ftl")).unwrap();
    assert!(ftl.contains("⟦"), "{ftl}");
    assert_clean_build(root);
}

#[test]
fn stale_units_are_reported_and_not_applied() {
    let dir = default_site();
    let root = dir.path();
    let po = export(root, &["en", "--format", "po"]);
    let filled = root.join("en.po");
    std::fs::write(&filled, pseudo_po(&po)).unwrap();
    let source = root.join("content/fr/escalade.md");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(
        &source,
        text.replace(
            "Deux types de situations",
            "Deux grands types de situations",
        ),
    )
    .unwrap();
    let (out, err, code) = import(root, &filled);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 unit not applied"), "{out}");
    assert!(
        err.contains("content/fr/escalade.md:15:1: warning: unit 3 of"),
        "{err}"
    );
    assert!(
        err.contains("not applied: its source changed since the export"),
        "{err}"
    );
    let page = std::fs::read_to_string(root.join("content/en/escalade.md")).unwrap();
    assert!(
        page.contains("\nTwo kinds of situations justify an escalation.\n"),
        "{page}"
    );
    assert!(page.contains("## ⟦Quand escalader ?⟧ {#quand}"), "{page}");
    // The status says which block still needs work.
    let (status, _, _) = run(root, &["l10n", "status", "--locale", "en"]);
    assert!(
        status.contains("content/fr/escalade.md:15: changed paragraph"),
        "{status}"
    );
}

#[test]
fn malformed_files_are_reported_at_line_and_column() {
    let dir = default_site();
    let root = dir.path();
    write(
        root,
        "bad.po",
        "msgid \"\"\nmsgstr \"Language: en\\n\"\n\nmsgctxt \"content/fr/index.md#0-00000000\"\nmsgid \"x\nmsgstr \"y\"\n",
    );
    let (_, err, code) = import(root, &root.join("bad.po"));
    assert_eq!(code, 1);
    assert!(
        err.contains("bad.po:5:9: error: a string without its closing quote"),
        "{err}"
    );
    write(
        root,
        "bad.xlf",
        "<?xml version=\"1.0\"?>\n<xliff version=\"2.0\" srcLang=\"fr\" trgLang=\"en\">\n  <file id=\"f1\">\n  </unit>\n",
    );
    let (_, err, code) = import(root, &root.join("bad.xlf"));
    assert_eq!(code, 1);
    assert!(err.contains("bad.xlf:4:3: error: malformed XML"), "{err}");
    let (out, err, code) = run(root, &["l10n", "status", "--locale", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("en: pages 7/7 ok"),
        "nothing written: {out}"
    );
}

#[test]
fn only_missing_exports_the_pages_without_translation() {
    let dir = default_site();
    let root = dir.path();
    std::fs::remove_file(root.join("content/de/escalade.md")).unwrap();
    let po = export(root, &["de", "--format", "po", "--only", "missing"]);
    let files: std::collections::BTreeSet<&str> = po
        .lines()
        .filter_map(|l| l.strip_prefix("msgctxt \""))
        .map(|l| l.split('#').next().unwrap())
        .collect();
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        ["content/fr/escalade.md"]
    );
    let (_, err, code) = run(root, &["l10n", "export", "fr", "--format", "po"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("`fr` is not a locale to translate into"),
        "{err}"
    );
}

/// The part of an export about one page.
fn one_page(export: &str, page: &str) -> String {
    if export.starts_with("<?xml") {
        let start = export.find(&format!("original=\"{page}\"")).unwrap();
        let start = export[..start].rfind("  <file").unwrap();
        let end = start + export[start..].find("  </file>\n").unwrap() + "  </file>\n".len();
        let head_end = export.find("  <file").unwrap();
        format!("{}{}</xliff>\n", &export[..head_end], &export[start..end])
    } else {
        let mut parts = export.split("\n\n");
        let head = parts.next().unwrap().to_string();
        let mut out = vec![head];
        out.extend(
            parts
                .filter(|e| e.contains(&format!("msgctxt \"{page}#")))
                .map(str::to_string),
        );
        out.join("\n\n")
    }
}

/// The default site's whole English locale, both formats, as golden files (a change
/// of the guide's text shows here as the units a translator would receive); one page
/// of each apart too, easier to read when the writers change.
#[test]
fn english_exports_are_stable() {
    let root = repo_root();
    let po = export(&root, &["en", "--format", "po"]);
    insta::assert_snapshot!("english_po", po);
    insta::assert_snapshot!(
        "english_po_escalade",
        one_page(&po, "content/fr/escalade.md")
    );
    let xliff = export(&root, &["en", "--format", "xliff"]);
    insta::assert_snapshot!("english_xliff", xliff);
    insta::assert_snapshot!(
        "english_xliff_escalade",
        one_page(&xliff, "content/fr/escalade.md")
    );
    insta::assert_snapshot!("english_po_ui", one_page(&po, "locales/fr/ui.ftl"));
}
