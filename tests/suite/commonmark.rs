//! CommonMark fidelity: every example of the specification (installed from npm as
//! `commonmark-spec`, pinned by package-lock.json) goes through Folio's page body
//! renderer and is compared with the specification's HTML, after normalising only
//! what Folio adds on purpose. Any other difference fails the test, listed whole.

use std::path::PathBuf;

use crate::common;

struct Example {
    number: usize,
    section: String,
    markdown: String,
    html: String,
}

fn spec_path() -> PathBuf {
    common::repo_root().join("node_modules/commonmark-spec/spec.txt")
}

/// The examples, as the package's own extractor finds them: a 32-backtick fence
/// with `example`, the Markdown, a `.` line, the HTML, the closing fence.
fn examples() -> Vec<Example> {
    let path = spec_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; install the test dependencies with `npm ci` at the repository root",
            path.display()
        )
    });
    let text = text.split("<!-- END TESTS -->").next().unwrap();
    let fence = "`".repeat(32);
    let open = format!("{fence} example");
    let mut examples = Vec::new();
    let mut section = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.starts_with('#') {
            section = line.trim_start_matches('#').trim().to_string();
        }
        if line != open {
            continue;
        }
        let (mut markdown, mut html, mut in_html) = (String::new(), String::new(), false);
        for line in lines.by_ref() {
            if line == fence {
                break;
            }
            if line == "." && !in_html {
                in_html = true;
                continue;
            }
            let target = if in_html { &mut html } else { &mut markdown };
            target.push_str(&line.replace('→', "\t"));
            target.push('\n');
        }
        examples.push(Example {
            number: examples.len() + 1,
            section: section.clone(),
            markdown,
            html,
        });
    }
    examples
}

/// What Folio adds on purpose, taken away: heading ids and self-links, the code
/// block's wrapper and highlighting, figures for lone images, lazy loading, the
/// external-link class, an empty alt attribute, smart punctuation, void tags'
/// spelling and whitespace between tags.
fn normalise(html: &str) -> String {
    let mut s = html.to_string();
    // Heading ids and self-links.
    s = strip_between(&s, "<a class=\"anchor\"", "</a>");
    s = regex_lite_replace_heading_ids(&s);
    // Code blocks: the wrapper, tabindex, highlighting spans.
    s = strip_between(&s, "<div class=\"code\"", ">");
    s = s.replace("<pre tabindex=\"0\">", "<pre>");
    s = s.replace("</code></pre></div>", "</code></pre>");
    s = strip_spans_in_code(&s);
    // Lone images are figures, their title shown as caption.
    s = s.replace("<figure>", "<p>").replace("</figure>", "</p>");
    s = strip_between(&s, "<figcaption>", "</figcaption>");
    s = s.replace(" loading=\"lazy\"", "");
    // A raw HTML <img> becomes an image of the model, written with its alt attribute
    // (HTML requires one): empty when the source had none.
    s = s.replace(" alt=\"\"", "");
    s = s.replace(" class=\"external\"", "");
    // Smart punctuation (the spec's HTML has plain quotes, as entities or not).
    for (from, to) in [
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("“", "\""),
        ("”", "\""),
        ("‘", "'"),
        ("’", "'"),
        ("–", "--"),
        ("—", "---"),
        ("…", "..."),
    ] {
        s = s.replace(from, to);
    }
    s = s.replace(" />", ">").replace("/>", ">");
    let mut out = String::new();
    for line in s.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.replace(">\n<", "><").trim().to_string()
}

/// `text` without every piece from `start` up to the next `end` (included).
fn strip_between(text: &str, start: &str, end: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(start) {
        out.push_str(&rest[..i]);
        match rest[i..].find(end) {
            Some(j) => rest = &rest[i + j + end.len()..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `<h2 id="x">` to `<h2>`.
fn regex_lite_replace_heading_ids(text: &str) -> String {
    let mut s = text.to_string();
    for level in 1..=6 {
        s = strip_attr(&s, &format!("<h{level} id=\""), &format!("<h{level}>"));
    }
    s
}

fn strip_attr(text: &str, open: &str, replacement: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        out.push_str(replacement);
        let after = &rest[i + open.len()..];
        rest = match after.find("\">") {
            Some(j) => &after[j + 2..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// Highlighting spans inside `<pre><code>` removed; raw HTML spans elsewhere kept.
fn strip_spans_in_code(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("<pre><code") {
        out.push_str(&rest[..i]);
        let end = rest[i..]
            .find("</code></pre>")
            .map_or(rest.len(), |j| i + j);
        let code = &rest[i..end];
        let mut cleaned = strip_between(code, "<span class=\"hl-", ">");
        cleaned = cleaned.replace("</span>", "");
        out.push_str(&cleaned);
        rest = &rest[end..];
        if let Some(tail) = rest.strip_prefix("</code></pre>") {
            out.push_str("</code></pre>");
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn every_commonmark_example_renders_as_the_spec_says() {
    let examples = examples();
    assert_eq!(examples.len(), 652, "the spec's example count");
    let mut failures = Vec::new();
    for example in &examples {
        let got = normalise(&folio::commands::fragment::markdown_to_html(
            &example.markdown,
        ));
        let want = normalise(&example.html);
        if got != want {
            failures.push(format!(
                "example {} ({}):\n  markdown: {:?}\n  expected: {:?}\n  folio:    {:?}",
                example.number, example.section, example.markdown, want, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples differ:\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n")
    );
}
