//! The back-of-book index, read back as a reader meets it: in each locale's built PDF
//! (pdftotext and lopdf) the index closes the guide, its entries are in the locale's
//! order, every page number it prints is a page where the term is, and each number
//! links to that page; on the site, an index page per locale links to the marked
//! places, from every page's footer and the sitemap; marks never leak as text; a
//! locale that marks nothing has neither; a mark that cannot work is a located warning.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use lopdf::{Document, Object};

use crate::common;

/// Each locale's guide, the index's title, and its page address on the site.
const GUIDES: [(&str, &str, &str, &str); 4] = [
    (
        "fr",
        "fr/guide-support-premium.pdf",
        "Index",
        "fr/index-termes/",
    ),
    (
        "en",
        "en/premium-support-guide.pdf",
        "Index",
        "en/term-index/",
    ),
    (
        "de",
        "de/premium-support-leitfaden.pdf",
        "Stichwortverzeichnis",
        "de/stichwortverzeichnis/",
    ),
    (
        "ja",
        "ja/premium-support-guide-ja.pdf",
        "索引",
        "ja/sakuin/",
    ),
];

/// Keyed entries whose text in the page is another word than the entry's.
const SHOWN_AS: [(&str, &str); 5] = [
    ("session en direct", "session de diagnostic en direct"),
    ("live session", "live troubleshooting session"),
    ("Live-Sitzung", "Live-Diagnosesitzung"),
    ("Bereitschaftsdienst", "Bereitschaftsprozesse"),
    ("ライブセッション", "ライブ診断セッション"),
];

/// The text of page `page` (1-based), or of the part of it in `crop` (x, y from the
/// top-left, width, height, in points).
fn page_text(file: &Path, page: usize, crop: Option<[f32; 4]>) -> String {
    let page = page.to_string();
    let mut command = Command::new("pdftotext");
    command.args(["-enc", "UTF-8", "-f", &page, "-l", &page]);
    if let Some([x, y, w, h]) = crop {
        command.args(["-r", "72"]);
        for (flag, value) in [("-x", x), ("-y", y), ("-W", w), ("-H", h)] {
            command.args([flag.to_string(), (value.round() as i64).to_string()]);
        }
    }
    let output = command
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is required");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Lower case, without spaces, hyphens or the kinds of apostrophe: how a term is
/// compared with a page's extracted text (lines break and hyphenate words).
fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{AD}' | '‑'))
        .map(|c| if c == '’' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// An index line, `term, 3, 7–9`: the term and its printed numbers.
fn entry(line: &str) -> Option<(String, Vec<String>)> {
    for (at, _) in line.match_indices(", ") {
        let rest = &line[at + 2..];
        if rest.starts_with(|c: char| c.is_ascii_digit())
            && rest
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '–' | ',' | ' '))
        {
            let numbers = rest.split(", ").map(str::to_string).collect();
            return Some((line[..at].to_string(), numbers));
        }
    }
    None
}

struct Index {
    /// Physical page numbers (1-based) of the index.
    pages: Vec<usize>,
    /// Pages before body page 1.
    front: usize,
    /// Entries in reading order (left column, then right, page by page).
    entries: Vec<(String, Vec<String>)>,
    /// The group headings, in order.
    letters: Vec<String>,
}

fn read_index(file: &Path, title: &str) -> Index {
    let doc = Document::load(file).unwrap();
    let count = doc.get_pages().len();
    // The last page's footer ends with the body's page count ("Page 20 sur 20").
    let last = page_text(file, count, None);
    let digits: String = last
        .trim_end()
        .chars()
        .rev()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    let total: usize = digits.chars().rev().collect::<String>().parse().unwrap();
    let front = count - total;
    let start = (front + 1..=count)
        .find(|&p| page_text(file, p, None).lines().next() == Some(title))
        .unwrap_or_else(|| panic!("{file:?}: no page opens with {title}"));
    let pages: Vec<usize> = (start..=count).collect();
    let (width, height) = {
        let id = doc.get_pages()[&(start as u32)];
        let page = doc.get_dictionary(id).unwrap();
        let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let number = |o: &Object| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32);
        (number(&media[2]), number(&media[3]))
    };
    let mut entries = Vec::new();
    let mut letters = Vec::new();
    for &page in &pages {
        for half in [0.0, width / 2.0] {
            let text = page_text(file, page, Some([half, 0.0, width / 2.0, height * 0.93]));
            let mut lines = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .peekable();
            // A long title is cut in two by the halves.
            if page == start
                && lines
                    .peek()
                    .is_some_and(|l| title.starts_with(l) || title.ends_with(l))
            {
                lines.next();
            }
            for line in lines {
                if let Some(entry) = entry(line) {
                    entries.push(entry);
                } else if line.chars().count() <= 3 {
                    letters.push(line.to_string());
                }
            }
        }
    }
    Index {
        pages,
        front,
        entries,
        letters,
    }
}

/// The physical pages a printed number stands for (`7–9` is three).
fn expand(number: &str) -> Vec<usize> {
    match number.split_once('–') {
        Some((a, b)) => (a.parse().unwrap()..=b.parse().unwrap()).collect(),
        None => vec![number.parse().unwrap()],
    }
}

#[test]
fn each_guide_ends_with_an_index_of_its_marked_terms_on_their_pages() {
    let site = common::built_default_site();
    for (locale, file, title, _) in GUIDES {
        let file = site.join(file);
        let index = read_index(&file, title);
        let terms: Vec<&str> = index.entries.iter().map(|e| e.0.as_str()).collect();
        assert!(terms.len() >= 12, "{locale}: {terms:?}");
        for key in ["P1", "P2", "P3", "P4", "ISO 8601"] {
            assert!(terms.contains(&key), "{locale}: {key} in {terms:?}");
        }
        // In the locale's order: UCA for the Latin scripts, the reading for Japanese.
        if locale == "ja" {
            assert_eq!(
                terms,
                [
                    "follow the sun",
                    "ISO 8601",
                    "P1",
                    "P2",
                    "P3",
                    "P4",
                    "エスカレーション",
                    "エスカレーション窓口",
                    "オンコール",
                    "回避策",
                    "継続対応",
                    "タイムスタンプ",
                    "タイムゾーン",
                    "引き継ぎ",
                    "優先度",
                    "ライブセッション",
                    "ログ",
                ]
            );
            assert_eq!(
                index.letters,
                ["F", "I", "P", "あ", "か", "た", "は", "や", "ら"]
            );
        } else {
            let mut collator = feruca::Collator::default();
            let mut sorted = terms.clone();
            sorted.sort_by(|a, b| collator.collate(*a, *b));
            assert_eq!(terms, sorted, "{locale}: sorted by collation");
            let mut letters = index.letters.clone();
            letters.sort();
            letters.dedup();
            assert_eq!(index.letters, letters, "{locale}: one heading per letter");
        }
        // Each page an entry names holds the term (or the words that mark it).
        for (term, numbers) in &index.entries {
            let shown = SHOWN_AS
                .iter()
                .find(|(key, _)| key == term)
                .map_or(term.as_str(), |(_, shown)| *shown);
            // A plural or an inflection marked under the singular: its stem.
            let stem: String = {
                let s = squeezed(shown);
                let keep = s.chars().count().saturating_sub(1).max(3);
                s.chars().take(keep).collect()
            };
            for number in numbers {
                for body_page in expand(number) {
                    let text = squeezed(&page_text(&file, index.front + body_page, None));
                    assert!(
                        text.contains(&stem),
                        "{locale}: `{term}` is said to be on page {body_page}, which does not hold it"
                    );
                }
            }
        }
        // Each printed number is a link to its page.
        let doc = Document::load(&file).unwrap();
        let ids = doc.get_pages();
        let page_of_id: std::collections::HashMap<_, _> =
            ids.iter().map(|(n, id)| (*id, *n as usize)).collect();
        let height = {
            let page = doc.get_dictionary(ids[&1]).unwrap();
            let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
            media[3]
                .as_float()
                .unwrap_or_else(|_| media[3].as_i64().unwrap() as f32)
        };
        let printed: usize = index.entries.iter().map(|e| e.1.len()).sum();
        let mut links = 0;
        let mut targets = BTreeSet::new();
        for &page in &index.pages {
            for annotation in doc.get_page_annotations(ids[&(page as u32)]).unwrap() {
                let action = match annotation.get(b"A").unwrap() {
                    Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
                    Object::Dictionary(d) => d,
                    other => panic!("{other:?}"),
                };
                let destination = action.get(b"D").unwrap().as_array().unwrap();
                let target = page_of_id[&destination[0].as_reference().unwrap()];
                let rect: Vec<f32> = (annotation.get(b"Rect").unwrap().as_array().unwrap())
                    .iter()
                    .map(|o| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32))
                    .collect();
                let area = [
                    rect[0],
                    height - rect[3],
                    rect[2] - rect[0],
                    rect[3] - rect[1],
                ];
                let number = page_text(&file, page, Some(area));
                let digits: String = (number.trim().chars())
                    .take_while(char::is_ascii_digit)
                    .collect();
                let first: usize = digits
                    .parse()
                    .unwrap_or_else(|_| panic!("{locale}: a link on page {page} over {number:?}"));
                assert_eq!(
                    target,
                    index.front + first,
                    "{locale}: the link on `{}` leads to page {}",
                    number.trim(),
                    target - index.front
                );
                targets.insert(target);
                links += 1;
            }
        }
        assert_eq!(links, printed, "{locale}: every number is a link");
        assert!(targets.len() >= 8, "{locale}: {targets:?}");
    }
}

/// The titles of the outline's top level, decoded from PDF text strings.
fn outline_titles(doc: &Document) -> Vec<String> {
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut titles = Vec::new();
    let mut next = outlines.get(b"First").ok().cloned();
    while let Some(Object::Reference(id)) = next {
        let item = doc.get_dictionary(id).unwrap();
        let bytes = item.get(b"Title").unwrap().as_str().unwrap();
        let title = match bytes.strip_prefix(&[0xFE, 0xFF]) {
            Some(utf16) => String::from_utf16_lossy(
                &utf16
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect::<Vec<_>>(),
            ),
            None => String::from_utf8_lossy(bytes).into_owned(),
        };
        titles.push(title);
        next = item.get(b"Next").ok().cloned();
    }
    titles
}

#[test]
fn the_index_is_in_the_outline_and_the_contents() {
    let site = common::built_default_site();
    for (locale, file, title, _) in GUIDES {
        let file = site.join(file);
        let doc = Document::load(&file).unwrap();
        let titles = outline_titles(&doc);
        assert_eq!(titles.last().map(String::as_str), Some(title), "{locale}");
        let contents = page_text(&file, 2, None);
        assert!(
            contents
                .lines()
                .any(|l| l.trim().starts_with(&format!("{title} ."))),
            "{locale}: the contents list the index: {contents}"
        );
    }
}

#[test]
fn each_locale_has_an_index_page_linking_to_the_marked_places() {
    let site = common::built_default_site();
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    for (locale, _, title, url) in GUIDES {
        let html = std::fs::read_to_string(site.join(url).join("index.html"))
            .unwrap_or_else(|_| panic!("{locale}: {url}index.html"));
        let doc = scraper::Html::parse_document(&html);
        let select = |css: &str| scraper::Selector::parse(css).unwrap();
        let h1: String = doc.select(&select("h1")).next().unwrap().text().collect();
        assert_eq!(h1, title);
        let letters: Vec<String> = doc
            .select(&select("article h2"))
            .map(|h| h.text().collect::<String>().trim().to_string())
            .collect();
        assert!(letters.len() >= 6, "{locale}: {letters:?}");
        let mut checked = 0;
        for item in doc.select(&select("article li")) {
            let term: String = item
                .select(&select("strong"))
                .next()
                .unwrap()
                .text()
                .collect();
            for link in item.select(&select("a")) {
                let href = link.value().attr("href").unwrap();
                let (path, anchor) = href.split_once('#').unwrap_or((href, ""));
                let anchor = percent_encoding::percent_decode_str(anchor)
                    .decode_utf8()
                    .unwrap();
                let target = site.join(url).join(path);
                let page = std::fs::read_to_string(&target)
                    .unwrap_or_else(|_| panic!("{locale}: {term} links to {href}"));
                if !anchor.is_empty() {
                    let marked = format!("<span id=\"{anchor}\" class=\"index-term\">");
                    assert!(page.contains(&marked), "{locale}: {term} → {href}");
                    checked += 1;
                }
            }
        }
        assert!(checked >= 12, "{locale}: {checked} places");
        assert!(
            sitemap.contains(&format!("https://support.example.com/guide/{url}")),
            "{locale}: the index page is in the sitemap"
        );
        // Every page of the locale leads to it, in the sidebar and the footer.
        let escalation = common::files_below(&site.join(locale))
            .into_iter()
            .find(|f| (f.contains("escala") || f.contains("eskala")) && f.ends_with("index.html"))
            .unwrap();
        let page = std::fs::read_to_string(site.join(locale).join(&escalation)).unwrap();
        let relative_link = format!("{}index.html", url.split_once('/').unwrap().1);
        assert!(
            page.matches(&relative_link).count() >= 2,
            "{locale}: {escalation} links to the index"
        );
    }
    // The markup never reaches a page as text.
    for file in common::files_below(site) {
        if file.ends_with(".html") {
            let html = std::fs::read_to_string(site.join(&file)).unwrap();
            assert!(!html.contains("{.index"), "{file}");
        }
    }
}

#[test]
fn the_french_index_page_snapshot() {
    let site = common::built_default_site();
    let html = std::fs::read_to_string(site.join("fr/index-termes/index.html")).unwrap();
    let start = html.find("<h2").unwrap();
    let end = html[start..]
        .find("</article>")
        .map_or(html.len(), |e| start + e);
    let fragment = &html[start..end];
    // From the first letter to the end of the entries.
    let end = fragment.rfind("</ul>").map_or(fragment.len(), |e| e + 5);
    insta::assert_snapshot!(&fragment[..end]);
}

#[test]
fn a_locale_that_marks_nothing_has_no_index_and_bad_marks_are_located() {
    let dir = common::site("index-marks");
    let output = common::folio()
        .args(["build", "--root"])
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("public"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "content/fr/guide.md:4:1: warning: cannot read \"priorité|P1\" as an index term",
        "content/fr/guide.md:9:60: warning: an index term is empty",
        "content/fr/guide.md:11:4: warning: `{.index}` marks no span",
        "content/fr/guide.md:11:50: warning: `{.index}` marks a link",
        "hint: mark the link's text inside the link",
        "content/ja/guide.md:6:5: warning: the index term `緊急` has no reading",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    let out = dir.path().join("public");
    let index = std::fs::read_to_string(out.join("fr/index-termes/index.html")).unwrap();
    for term in [
        "escalade",
        "Élévation",
        "P1",
        "équipe d’astreinte",
        "guide",
        "priorité",
    ] {
        assert!(
            index.contains(&format!("<strong>{term}</strong>")),
            "{term} in the French index"
        );
    }
    let guide = std::fs::read_to_string(out.join("fr/guide/index.html")).unwrap();
    assert!(!guide.contains("{.index"), "no markup left: {guide}");
    assert!(guide.contains("<span id=\"ix-escalade-2\" class=\"index-term\">Escalader</span>"));
    // English marks nothing: no index page, no link to one, no index in its PDF.
    assert!(!out.join("en/term-index").exists());
    let english = std::fs::read_to_string(out.join("en/guide-en/index.html")).unwrap();
    assert!(!english.contains("term-index"));
    let pdf = out.join("en/guide-en.pdf");
    let pages = Document::load(&pdf).unwrap().get_pages().len();
    for page in 1..=pages {
        let text = page_text(&pdf, page, None);
        assert!(
            !text.lines().any(|l| l.trim() == "Index"),
            "page {page}: {text}"
        );
    }
    // A Japanese term without its reading sorts after the kana words.
    let japanese = std::fs::read_to_string(out.join("ja/sakuin/index.html")).unwrap();
    let (reading, kanji) = (
        japanese.find("優先度").unwrap(),
        japanese.find("緊急").unwrap(),
    );
    assert!(reading < kanji, "{japanese}");
    // The French one has it, after the last chapter.
    let pdf = out.join("fr/guide-fr.pdf");
    let pages = Document::load(&pdf).unwrap().get_pages().len();
    let last = page_text(&pdf, pages, None);
    assert!(last.starts_with("Index"), "{last}");
    assert!(last.contains("Élévation, 2"), "{last}");
}
