//! Unit tests of the search index's building: postings, parts merged in order,
//! section files cut to their budget, length classes and kept text.

use super::shards::push_postings;
use super::*;

#[test]
fn postings_are_gaps_with_counts_summed_and_fields_flagged() {
    let mut vocabulary = Vocabulary::default();
    vocabulary.add_text("escalate", 2, TEXT);
    vocabulary.add_text("escalation", 2, TEXT);
    vocabulary.add_text("Escalation", 2, IN_HEADING);
    vocabulary.add_text("escalated", 5, TEXT);
    vocabulary.add_text("Escalate", 9, IN_TITLE);
    vocabulary.add_text("escalates, escalated", 9, TEXT);
    vocabulary.add_text("Escalate", 9, IN_TITLE);
    vocabulary.add_text("escalates", 300, TEXT);
    let terms = vocabulary.into_terms(terms::stemmer("en").as_ref());
    let [(stem, list)] = terms.stems.as_slice() else {
        panic!("one stem")
    };
    let mut out = Vec::new();
    push_postings(&mut out, list);
    assert_eq!(&**stem, "escal");
    // Counts add up, fields are flags: a title twice is a title.
    assert_eq!(String::from_utf8(out).unwrap(), "[2,9,3,4,4,10,291,4]");
}

#[test]
fn parts_append_into_the_postings_of_one_pass() {
    let pairs = [
        (0, 1),
        (3, 6),
        (3, 1),
        (200, 2),
        (201, 1),
        (450, 3),
        (452, 1),
    ];
    let mut whole = Postings::default();
    for (section, weight) in pairs {
        whole.add(section, weight);
    }
    // The same sections in three parts counted from their own start, one part
    // holding a single open pair.
    let mut joined = Postings::default();
    for (from, to) in [(0, 200), (200, 450), (450, 460)] {
        let mut part = Postings::default();
        for &(section, weight) in pairs.iter().filter(|(s, _)| (from..to).contains(s)) {
            part.add(section - from, weight);
        }
        joined.append(part, from);
    }
    let gaps = |p: &Postings| p.gaps().collect::<Vec<_>>();
    assert_eq!(gaps(&joined), gaps(&whole));
    assert_eq!(
        gaps(&whole),
        [(0, 1), (3, 7), (197, 2), (1, 1), (249, 3), (2, 1)]
    );
}

#[test]
fn a_vocabulary_in_parts_gives_the_terms_of_one_pass() {
    let texts = ["escalate the case", "escalation path", "the case escalates"];
    let mut whole = Vocabulary::default();
    for (section, text) in texts.iter().enumerate() {
        whole.add_text(text, section as u32, 1);
    }
    let mut first = Vocabulary::default();
    first.add_text(texts[0], 0, 1);
    let mut next = Vocabulary::default();
    next.add_text(texts[1], 0, 1);
    next.add_text(texts[2], 1, 1);
    first.append(next, 1);
    let stemmer = terms::stemmer("en");
    let listed = |terms: Terms| -> Vec<(String, Vec<(u32, u32)>)> {
        (terms.stems.iter())
            .map(|(stem, list)| (stem.to_string(), list.sections().collect()))
            .collect()
    };
    let parts = listed(first.into_terms(stemmer.as_ref()));
    assert_eq!(parts, listed(whole.into_terms(stemmer.as_ref())));
    assert!(parts.contains(&("escal".to_string(), vec![(0, 1), (1, 1), (2, 1)])));
}

#[test]
fn parts_of_many_words_merge_in_batches_like_one_pass() {
    // More words than a lookup batch holds, half of them in both parts.
    let first: Vec<String> = (0..100).map(|i| format!("mot{i}")).collect();
    let next: Vec<String> = (50..150).map(|i| format!("mot{i}")).collect();
    let mut whole = Vocabulary::default();
    whole.add_text(&first.join(" "), 0, 1);
    whole.add_text(&next.join(" "), 1, 2);
    let mut parts = Vocabulary::default();
    parts.add_text(&first.join(" "), 0, 1);
    let mut later = Vocabulary::default();
    later.add_text(&next.join(" "), 0, 2);
    parts.append(later, 1);
    let listed = |terms: Terms| -> Vec<(String, Vec<(u32, u32)>)> {
        (terms.stems.iter())
            .map(|(stem, list)| (stem.to_string(), list.sections().collect()))
            .collect()
    };
    let merged = listed(parts.into_terms(None));
    assert_eq!(merged.len(), 150);
    assert!(merged.contains(&("mot75".to_string(), vec![(0, 1), (1, 2)])));
    assert!(merged.contains(&("mot149".to_string(), vec![(1, 2)])));
    assert_eq!(merged, listed(whole.into_terms(None)));
}

#[test]
fn length_classes_grow_with_the_logarithm() {
    let classes: String = [0, 1, 3, 10, 100, 1000, 1_000_000]
        .into_iter()
        .map(length_class)
        .collect();
    assert_eq!(classes, "0247dkz");
}

#[test]
fn kept_text_stops_after_a_word() {
    let long = "mot ".repeat(TEXT_KEPT);
    let cut = kept_text(&long);
    assert!(cut.ends_with("mot…"), "{cut}");
    assert!(cut.chars().count() <= TEXT_KEPT + 1);
    assert_eq!(
        kept_text("Deux  phrases.\nCourtes."),
        "Deux phrases. Courtes."
    );
    assert_eq!(
        kept_text(&format!("{} fin.", "a".repeat(TEXT_KEPT - 2)))
            .chars()
            .last(),
        Some('…')
    );
}

/// Files handed to a sink, by path.
#[derive(Default)]
struct Files(Mutex<BTreeMap<String, Vec<u8>>>);

impl crate::output::Sink for Files {
    fn put(&self, path: String, bytes: Vec<u8>) {
        self.0.lock().unwrap().insert(path, bytes);
    }
}

impl Files {
    fn text(&self, path: &str) -> String {
        let files = self.0.lock().unwrap();
        String::from_utf8(files[path].clone()).unwrap()
    }
}

#[test]
fn a_stem_of_several_words_lists_the_sections_of_each() {
    let mut vocabulary = Vocabulary::default();
    vocabulary.add_text("gardens", 0, TEXT);
    vocabulary.add_text("gardening", 1, TEXT);
    vocabulary.add_text("garden Gardens", 2, TEXT);
    vocabulary.add_text("Café cafe", 3, TEXT);
    vocabulary.add_text("ownership", 4, TEXT);
    vocabulary.add_text("panic panics", 5, TEXT);
    vocabulary.add_text("panics", 6, TEXT);
    let terms = vocabulary.into_terms(terms::stemmer("en").as_ref());
    /// A word and the sections that hold it.
    type Sections<'a> = (&'a str, Vec<u32>);
    let listed: Vec<(&str, Vec<Sections>)> = (terms.stems.iter().zip(&terms.exact))
        .map(|((stem, _), words)| {
            let words = (words.iter())
                .map(|(w, s)| (w.as_str(), s.clone()))
                .collect();
            (stem.as_str(), words)
        })
        .collect();
    assert_eq!(
        listed,
        [
            // Two spellings folded alike are one word: nothing to tell apart.
            ("cafe", vec![]),
            (
                "garden",
                vec![
                    ("garden", vec![2]),
                    ("gardening", vec![1]),
                    ("gardens", vec![0, 2])
                ]
            ),
            ("ownership", vec![]),
            // "panics" is in every section of its stem: only "panic" is listed.
            ("panic", vec![("panic", vec![5])]),
        ]
    );
    assert_eq!(
        terms.words,
        [
            "cafe",
            "garden",
            "gardening",
            "gardens",
            "ownership",
            "panic",
            "panics"
        ]
    );

    let files = Files::default();
    let (width, keys) = terms.write_shards("s/", &files);
    assert_eq!(width, 1);
    // "a" (61) files no stem but the tails of the "garden" words; "o" (6f) files
    // "ownership" and no tail: both kinds of file are there for every key.
    assert_eq!(keys, ["61", "63", "67", "6f", "70", "77"]);
    assert_eq!(
        files.text("s/t67.json"),
        "{\"s\":{\"garden\":[0,4,1,4,1,8]},\"w\":{\"gardening\":\"garden\",\"gardens\":\"garden\"},\
         \"x\":{\"garden\":{\"\":[2],\"ing\":[1],\"s\":[0,2]}}}"
    );
    assert_eq!(
        files.text("s/t70.json"),
        "{\"s\":{\"panic\":[5,8,1,4]},\"w\":{\"panics\":\"panic\"},\"x\":{\"panic\":{\"\":[5]}}}"
    );
    assert_eq!(
        files.text("s/t6f.json"),
        "{\"s\":{\"ownership\":[4,4]},\"w\":{}}"
    );
    assert_eq!(files.text("s/t61.json"), "{\"s\":{},\"w\":{}}");
    // What follows the first letter: "wnership" is in the file of "w".
    assert_eq!(
        files.text("s/e61.json"),
        "[\"cafe\",\"garden\",\"gardening\",\"gardens\",\"panic\",\"panics\"]"
    );
    assert_eq!(files.text("s/e77.json"), "[\"ownership\"]");
    assert_eq!(files.text("s/e6f.json"), "[]");
}

#[test]
fn chunks_hold_whole_rows_up_to_their_budget() {
    let config = crate::model::SiteConfig {
        title: "T".into(),
        base_url: "https://x.test/".into(),
        source_locale: "en".into(),
        locales: vec!["en".into()],
        theme: "default".into(),
        links: Default::default(),
        heading_ids: Default::default(),
        pdf: Default::default(),
        markdown: Default::default(),
        html: Default::default(),
    };
    let site = Site::new(config, Vec::new(), Vec::new());
    let urls = UrlMap::new(&site);
    for budget in [CHUNK_BYTES, BIG_CHUNK_BYTES] {
        let files = Files::default();
        let shared = Shared {
            site: &site,
            urls: &urls,
            tables: &Tables::default(),
            sink: &files,
        };
        let mut merger = Merger::new("s/".into(), budget, &shared);
        let row = |n: usize| format!("[0,\"\",\"\",\"{}\"]", "x".repeat(n)).into_bytes();
        let fifth = budget / 5;
        let part = Part {
            docs: vec![
                row(2 * fifth),
                row(2 * fifth),
                row(2 * fifth),
                row(2 * budget),
                row(10),
            ],
            ..Part::default()
        };
        merger.take(0, part);
        merger.finish();
        assert_eq!(merger.chunk_starts, [0, 2, 3, 4], "{budget}");
        let files = files.0.into_inner().unwrap();
        let names: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(names, ["s/d0.json", "s/d1.json", "s/d2.json", "s/d3.json"]);
        let rows: serde_json::Value = serde_json::from_slice(&files["s/d0.json"]).unwrap();
        assert_eq!(rows.as_array().unwrap().len(), 2);
    }
}
