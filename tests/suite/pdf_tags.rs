//! Tagged PDF (PDF/UA-1) and PDF/A-2, read back as a checker would: the structure
//! tree walked from the root meets every marked-content sequence of every page exactly
//! once (and the parent tree leads back), figures have alt text, headings nest, every
//! link annotation is in the tree and artifacts are not; poppler reads the text in
//! order from the tree; a PDF/A guide carries its identification, its output intent
//! and its ICC profile; qpdf finds nothing wrong.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::common;

const GUIDES: [&str; 2] = [
    "fr/guide-support-premium.pdf",
    "en/premium-support-guide.pdf",
];

/// Runs `name args... file after...`: its standard output.
fn tool(name: &str, args: &[&str], file: &Path) -> String {
    tool_then(name, args, file, &[])
}

fn tool_then(name: &str, args: &[&str], file: &Path, after: &[&str]) -> String {
    common::pdf_tool(name, args, file, after)
}

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        other => other,
    }
}

fn dict<'a>(doc: &'a Document, object: &'a Object) -> &'a Dictionary {
    resolve(doc, object).as_dict().unwrap()
}

fn name<'a>(d: &'a Dictionary, key: &[u8]) -> &'a [u8] {
    d.get(key).unwrap().as_name().unwrap()
}

/// What a walk of the structure tree finds.
#[derive(Default)]
pub struct Walk {
    /// (page, MCID) of every marked-content reference, with how often it was met.
    sequences: BTreeMap<(ObjectId, i64), usize>,
    /// Annotation -> the element whose OBJR names it.
    annotations: BTreeMap<ObjectId, ObjectId>,
    /// (page, MCID) -> the element holding it.
    owners: BTreeMap<(ObjectId, i64), ObjectId>,
    /// Element types in reading order, with their depth.
    types: Vec<(String, usize)>,
    figures_without_alt: usize,
    /// Link elements, and how many of them hold an annotation.
    links: (usize, usize),
}

fn walk(doc: &Document, id: ObjectId, depth: usize, found: &mut Walk) {
    let element = doc.get_dictionary(id).unwrap();
    let kind = String::from_utf8_lossy(name(element, b"S")).into_owned();
    if kind == "Figure" {
        let alt = element.get(b"Alt").ok().and_then(|a| a.as_str().ok());
        if alt.is_none_or(|a| a.is_empty()) {
            found.figures_without_alt += 1;
        }
    }
    found.types.push((kind.clone(), depth));
    let page = element.get(b"Pg").ok().and_then(|p| p.as_reference().ok());
    let kids: Vec<Object> = match element.get(b"K") {
        Ok(Object::Array(kids)) => kids.clone(),
        Ok(kid) => vec![kid.clone()],
        Err(_) => Vec::new(),
    };
    let mut holds_annotation = false;
    for kid in kids {
        match kid {
            Object::Integer(mcid) => {
                let page = page.expect("an MCID kid needs the element's /Pg");
                *found.sequences.entry((page, mcid)).or_default() += 1;
                found.owners.insert((page, mcid), id);
            }
            Object::Reference(child) => match doc.get_dictionary(child) {
                Ok(d) if d.get(b"S").is_ok() => walk(doc, child, depth + 1, found),
                Ok(d) => kid_dict(doc, d, page, id, found, &mut holds_annotation),
                Err(_) => {}
            },
            Object::Dictionary(d) => kid_dict(doc, &d, page, id, found, &mut holds_annotation),
            other => panic!("unexpected kid {other:?}"),
        }
    }
    if kind == "Link" {
        found.links.0 += 1;
        found.links.1 += usize::from(holds_annotation);
    }
}

fn kid_dict(
    doc: &Document,
    d: &Dictionary,
    page: Option<ObjectId>,
    owner: ObjectId,
    found: &mut Walk,
    holds_annotation: &mut bool,
) {
    let _ = doc;
    match name(d, b"Type") {
        b"MCR" => {
            let page = d
                .get(b"Pg")
                .ok()
                .and_then(|p| p.as_reference().ok())
                .or(page)
                .expect("a marked-content reference names its page");
            let mcid = d.get(b"MCID").unwrap().as_i64().unwrap();
            *found.sequences.entry((page, mcid)).or_default() += 1;
            found.owners.insert((page, mcid), owner);
        }
        b"OBJR" => {
            let annotation = d.get(b"Obj").unwrap().as_reference().unwrap();
            assert!(
                found.annotations.insert(annotation, owner).is_none(),
                "an annotation is in the tree twice"
            );
            *holds_annotation = true;
        }
        other => panic!("unexpected kid type {}", String::from_utf8_lossy(other)),
    }
}

/// The marked-content sequences a page's stream opens: (MCID, inside an artifact).
fn page_sequences(doc: &Document, page: ObjectId) -> Vec<(i64, bool)> {
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let mut stack: Vec<bool> = Vec::new();
    let mut found = Vec::new();
    for op in content.operations {
        match op.operator.as_str() {
            "BMC" | "BDC" => {
                let artifact = op.operands[0].as_name().unwrap() == b"Artifact";
                let inside = stack.iter().any(|a| *a);
                if op.operator == "BDC"
                    && let Some(mcid) = op
                        .operands
                        .get(1)
                        .and_then(|p| p.as_dict().ok())
                        .and_then(|p| p.get(b"MCID").ok())
                {
                    found.push((mcid.as_i64().unwrap(), inside || artifact));
                }
                stack.push(artifact);
            }
            "EMC" => {
                assert!(stack.pop().is_some(), "EMC without BMC/BDC");
            }
            _ => {}
        }
    }
    assert!(
        stack.is_empty(),
        "a sequence is left open at the end of a page"
    );
    found
}

/// Walks `path`'s structure tree from the root and checks what a PDF/UA checker would:
/// marked, every page's sequences met once by the tree (none inside an artifact) and
/// the parent tree leading back to their elements, every link annotation in a `Link`
/// with words for it. `file` names it in messages.
pub fn assert_structure_covers_every_sequence_once(file: &str, path: &Path) -> Walk {
    let doc = Document::load(path).unwrap();
    let catalog = doc.catalog().unwrap();
    let mark_info = dict(&doc, catalog.get(b"MarkInfo").unwrap());
    assert_eq!(mark_info.get(b"Marked").unwrap(), &Object::Boolean(true));
    let root = dict(&doc, catalog.get(b"StructTreeRoot").unwrap());
    let top = root.get(b"K").unwrap();
    let top = match top {
        Object::Array(a) => a[0].as_reference().unwrap(),
        other => other.as_reference().unwrap(),
    };
    assert_eq!(
        name(doc.get_dictionary(top).unwrap(), b"S"),
        b"Document",
        "{file}"
    );
    let mut found = Walk::default();
    walk(&doc, top, 0, &mut found);

    // Every page's sequences, met once each by the walk, and none in an artifact.
    let mut painted = BTreeSet::new();
    let parent_tree = dict(&doc, root.get(b"ParentTree").unwrap());
    let nums = parent_tree.get(b"Nums").unwrap().as_array().unwrap();
    let parents: BTreeMap<i64, &Object> = nums
        .chunks(2)
        .map(|pair| (pair[0].as_i64().unwrap(), &pair[1]))
        .collect();
    for (number, page) in doc.get_pages() {
        let page_dict = doc.get_dictionary(page).unwrap();
        assert_eq!(name(page_dict, b"Tabs"), b"S", "{file} page {number}");
        let key = page_dict.get(b"StructParents").unwrap().as_i64().unwrap();
        let by_mcid = resolve(&doc, parents[&key]).as_array().unwrap();
        for (mcid, in_artifact) in page_sequences(&doc, page) {
            assert!(
                !in_artifact,
                "{file} page {number}: MCID {mcid} inside an artifact"
            );
            assert!(painted.insert((page, mcid)), "MCID {mcid} twice on a page");
            assert_eq!(
                found.sequences.get(&(page, mcid)),
                Some(&1),
                "{file} page {number}: MCID {mcid} is met once by the tree"
            );
            // The parent tree leads back to the element holding the sequence.
            assert_eq!(
                by_mcid[mcid as usize].as_reference().unwrap(),
                found.owners[&(page, mcid)],
                "{file} page {number}: MCID {mcid}'s parent"
            );
        }
        // Every link annotation is in the tree, inside a Link, with words for it.
        if let Ok(annots) = page_dict.get(b"Annots") {
            for annot in annots.as_array().unwrap() {
                let id = annot.as_reference().unwrap();
                let a = doc.get_dictionary(id).unwrap();
                let owner = found.annotations.get(&id).unwrap_or_else(|| {
                    panic!("{file} page {number}: annotation {id:?} not in the tree")
                });
                assert_eq!(name(doc.get_dictionary(*owner).unwrap(), b"S"), b"Link");
                let key = a.get(b"StructParent").unwrap().as_i64().unwrap();
                assert_eq!(parents[&key].as_reference().unwrap(), *owner);
                assert!(!a.get(b"Contents").unwrap().as_str().unwrap().is_empty());
            }
        }
    }
    let walked: BTreeSet<_> = found.sequences.keys().copied().collect();
    assert_eq!(
        walked, painted,
        "{file}: the tree points only at painted sequences"
    );
    found
}

#[test]
fn the_structure_tree_covers_every_sequence_once_and_every_link() {
    for file in GUIDES {
        let found = assert_structure_covers_every_sequence_once(
            file,
            &common::built_default_site().join(file),
        );
        let sequences = found.sequences.len();
        assert!(sequences > 500, "{file}: {sequences} sequences");

        assert_eq!(
            found.figures_without_alt, 0,
            "{file}: a Figure without /Alt"
        );
        // Headings nest: never more than one level deeper than the one before.
        let mut last = 0;
        let mut levels = Vec::new();
        for (kind, _) in &found.types {
            if let Some(level) = kind.strip_prefix('H').and_then(|l| l.parse::<u32>().ok()) {
                assert!(level <= last + 1, "{file}: H{level} after H{last}");
                last = level;
                levels.push(level);
            }
        }
        assert!(levels.iter().filter(|l| **l == 1).count() > 5, "{file}");
        assert!(levels.contains(&2) && levels.contains(&3), "{file}");
        // Every kind of block has its type.
        let kinds: BTreeSet<&str> = found.types.iter().map(|(k, _)| k.as_str()).collect();
        for kind in [
            "Sect", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "Figure", "Code",
            "Link", "TOC", "TOCI",
        ] {
            assert!(kinds.contains(kind), "{file}: no {kind} in {kinds:?}");
        }
        let (links, with_annotation) = found.links;
        assert!(
            links > 20 && with_annotation == links,
            "{file}: {found:?}",
            found = found.links
        );
    }
}

#[test]
fn the_catalog_and_metadata_say_the_file_is_tagged() {
    let file = common::built_default_site().join(GUIDES[0]);
    let info = tool("pdfinfo", &[], &file);
    assert!(info.contains("Tagged:          yes"), "{info}");
    let doc = Document::load(&file).unwrap();
    let catalog = doc.catalog().unwrap();
    let preferences = dict(&doc, catalog.get(b"ViewerPreferences").unwrap());
    assert_eq!(
        preferences.get(b"DisplayDocTitle").unwrap(),
        &Object::Boolean(true)
    );
    let metadata = resolve(&doc, catalog.get(b"Metadata").unwrap())
        .as_stream()
        .unwrap();
    let xmp = String::from_utf8(metadata.content.clone()).unwrap();
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(xmp.contains("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">"));
    assert!(!xmp.contains("pdfaid:part"), "not PDF/A unless asked");
}

#[test]
fn poppler_reads_the_text_in_order_from_the_tree() {
    let file = common::built_default_site().join(GUIDES[1]);
    let tree = tool("pdfinfo", &["-struct-text"], &file);
    // The text of the elements (the quoted lines) from the first chapter on.
    let chapters = tree.find("\n  Sect").expect("a chapter");
    let tree_text: String = tree[chapters..]
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"')?.strip_suffix('"'))
        .collect::<Vec<_>>()
        .join(" ");
    let squeeze = |text: &str| -> String { text.chars().filter(|c| !c.is_whitespace()).collect() };
    let tree_chars = squeeze(&tree_text);
    // The first chapter's first page: a title, a lead, paragraphs, a list.
    let doc = Document::load(&file).unwrap();
    let front = doc
        .get_pages()
        .keys()
        .copied()
        .find(|n| {
            let n = n.to_string();
            let text = tool_then("pdftotext", &["-f", &n, "-l", &n], &file, &["-"]);
            text.replace(['\u{2068}', '\u{2069}'], "")
                .contains("Page 1 ")
        })
        .expect("body page 1");
    // Fluent isolates its arguments (U+2068, U+2069).
    let front = front.to_string();
    let page = tool_then("pdftotext", &["-f", &front, "-l", &front], &file, &["-"])
        .replace(['\u{2068}', '\u{2069}'], "");
    // Page furniture is an artifact: not in the tree's text.
    let footer = page
        .lines()
        .find(|l| l.starts_with("Page 1 "))
        .unwrap()
        .to_string();
    assert!(
        !tree.contains(&footer),
        "the footer {footer:?} is an artifact"
    );
    let lines: Vec<String> = page
        .lines()
        .filter(|l| *l != footer)
        .map(squeeze)
        .filter(|l| !l.is_empty())
        .collect();
    assert!(lines.len() > 20, "{page}");
    // Each of the page's lines comes in the tree's text, in the same order.
    let mut at = tree_chars.find(&lines[0]).expect("the chapter's title");
    for line in &lines {
        let found = tree_chars[at..].find(line.as_str()).unwrap_or_else(|| {
            panic!(
                "{line:?} is not after {:?}",
                &tree_chars[at.saturating_sub(60)..at]
            )
        });
        assert!(found < 400, "{line:?} comes much later in the tree");
        at += found + line.len();
    }
}

/// The `base` fixture with `[pdf] standard` set.
fn archived(standard: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = common::site("base");
    let config = site.path().join("folio.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(&format!(
        "\n[pdf]\nstandard = \"{standard}\"\nauthor = \"Équipe & Co\"\ndate = \"2026-11-26\"\n"
    ));
    std::fs::write(&config, text).unwrap();
    let out = common::build(site.path(), &[]);
    let pdf = common::files_below(&out)
        .into_iter()
        .find(|f| f.starts_with("fr/") && f.ends_with(".pdf"))
        .expect("the French PDF");
    let pdf = out.join(pdf);
    (site, pdf)
}

#[test]
fn pdf_a_carries_its_identification_output_intent_and_profile() {
    for (standard, conformance) in [("a-2b", "B"), ("a-2u", "U")] {
        let (_site, file) = archived(standard);
        let doc = Document::load(&file).unwrap();
        let catalog = doc.catalog().unwrap();
        let metadata = resolve(&doc, catalog.get(b"Metadata").unwrap())
            .as_stream()
            .unwrap();
        let xmp = String::from_utf8(metadata.content.clone()).unwrap();
        assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
        assert!(
            xmp.contains(&format!(
                "<pdfaid:conformance>{conformance}</pdfaid:conformance>"
            )),
            "{xmp}"
        );
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
        // The metadata says what the Info dictionary says.
        assert!(xmp.contains("<rdf:li>Équipe &amp; Co</rdf:li>"), "{xmp}");
        assert!(xmp.contains("<xmp:CreateDate>2026-11-26</xmp:CreateDate>"));
        let info = tool("pdfinfo", &[], &file);
        assert!(info.contains("Équipe & Co"), "{info}");
        let intents = catalog.get(b"OutputIntents").unwrap().as_array().unwrap();
        let intent = dict(&doc, &intents[0]);
        assert_eq!(name(intent, b"S"), b"GTS_PDFA1");
        let profile = resolve(&doc, intent.get(b"DestOutputProfile").unwrap())
            .as_stream()
            .unwrap();
        assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
        let icc = profile.decompressed_content().unwrap();
        assert_eq!(&icc[36..40], b"acsp", "an ICC profile");
        assert_eq!(&icc[16..20], b"RGB ", "of an RGB space");
        assert!(doc.trailer.get(b"Encrypt").is_err());
        let check = tool("qpdf", &["--check"], &file);
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{check}"
        );
    }
}

/// pdfua (PyPI) checks the machine-checkable part of PDF/UA-1 it implements (a
/// sixth of the rules: tagged, marked, language, title, alt texts, headings, tables,
/// annotations...); `.ci/run` installs it. veraPDF would check them all, but is
/// neither in Debian nor reachable from here. `.ci/run` puts it in a virtual
/// environment under `target/pdfua`, where this test looks first, so that `cargo test`
/// alone finds it too.
#[test]
fn the_pdf_ua_checker_finds_nothing() {
    for file in GUIDES {
        assert_pdf_ua_checker_finds_nothing(file, &common::built_default_site().join(file));
    }
}

/// Runs pdfua on `path`: it must pass. `file` names it in messages.
pub fn assert_pdf_ua_checker_finds_nothing(file: &str, path: &Path) {
    let installed = common::repo_root().join("target/pdfua/bin/pdfua");
    let pdfua = if installed.is_file() {
        installed
    } else {
        std::path::PathBuf::from("pdfua")
    };
    let output = Command::new(&pdfua).arg("check").arg(path).output().expect(
        "pdfua is required: `bash .ci/run` installs it in target/pdfua (pip install pdfua==0.1.3)",
    );
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && report.contains("PASS"),
        "{file}: {report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The structure's thousand small dictionaries are compressed: every object but the
/// streams sits in an object stream, found through a compressed cross-reference
/// stream (the other tests read these files back whole).
#[test]
fn small_objects_are_packed_into_object_streams() {
    for file in GUIDES {
        let bytes = std::fs::read(common::built_default_site().join(file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/Type/XRef"), "{file}: an xref stream");
        assert!(text.contains("/Type/ObjStm"), "{file}: object streams");
        assert!(!text.contains("\nxref\n"), "{file}: no xref table");
        for plain in ["/StructElem", "/Type/Annot", "/Type/Catalog"] {
            assert!(!text.contains(plain), "{file}: {plain} is compressed");
        }
    }
}

#[test]
fn qpdf_finds_the_tagged_guides_clean() {
    for file in GUIDES {
        let check = tool(
            "qpdf",
            &["--check"],
            &common::built_default_site().join(file),
        );
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{file}: {check}"
        );
    }
}

#[test]
fn an_unknown_standard_is_an_error_that_lists_the_values() {
    let site = common::site("base");
    let config = site.path().join("folio.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[pdf]\nstandard = \"a-3b\"\n");
    std::fs::write(&config, text).unwrap();
    let stderr = common::failed_build(site.path());
    assert!(stderr.contains("folio.toml:"), "{stderr}");
    assert!(stderr.contains("a-3b"), "{stderr}");
    assert!(stderr.contains("`ua-1`, `a-2b`, `a-2u`"), "{stderr}");
}
