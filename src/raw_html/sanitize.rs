//! The allow-list itself: a piece of raw HTML through ammonia, and what ammonia took
//! out of it, found by comparing the tags and attributes before and after (ammonia
//! cleans but does not say what it removed, and a writer must be told).

use std::collections::HashMap;
use std::sync::OnceLock;

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Something ammonia removed, at a byte offset of the HTML it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    pub offset: usize,
    pub message: String,
}

/// `html` as the allow-list keeps it, and what was removed, in order.
pub fn clean(html: &str) -> (String, Vec<Removal>) {
    let cleaned = builder().clean(html).to_string();
    let removals = removals(html, &cleaned);
    (cleaned, removals)
}

/// Elements whose content goes with them (ammonia's default, kept).
const CONTENT_TOO: [&str; 2] = ["script", "style"];

/// What docs write in HTML: ammonia's default tags (text-level and structural markup,
/// tables, details/summary, figure/figcaption, kbd, sub, sup...) plus pictures with
/// their sources; ids and classes anywhere (anchors and styling hooks); links and
/// images with http, https, mailto or relative URLs. Scripts, event handlers, other
/// URL schemes, iframes, forms and `style` attributes are not on the list.
fn builder() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_tags(["picture", "source"])
            .add_generic_attributes(["class", "id", "dir"])
            .add_tag_attributes("img", ["loading", "srcset", "sizes", "title"])
            .add_tag_attributes("source", ["srcset", "media", "type", "sizes"])
            .add_tag_attributes("a", ["name", "title"])
            .add_tag_attributes("details", ["open"])
            .url_schemes(["http", "https", "mailto"].into())
            // Links stay as written: no `rel` added to every anchor.
            .link_rel(None)
            // Comments are inert, and writers use them for notes to translators.
            .strip_comments(false);
        builder
    })
}

/// A start tag of the HTML: its name, attributes and where it starts.
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    start: usize,
    end: usize,
}

fn tags(html: &str) -> Vec<Tag> {
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let tokens = Tokenizer::new_with_emitter(html, DefaultEmitter::<usize>::new_with_span());
    let mut out = Vec::new();
    for token in tokens {
        let Ok(token) = token;
        if let Token::StartTag(tag) = token {
            out.push(Tag {
                name: text(&tag.name),
                attrs: (tag.attributes.iter())
                    .map(|(k, v)| (text(k), text(&v.value)))
                    .collect(),
                start: tag.span.start,
                end: tag.span.end,
            });
        }
    }
    out
}

/// Tags and attributes of `before` that `after` has fewer of. Counting is enough:
/// ammonia removes, it does not rename or add (no `rel`, no URL rewriting here).
fn removals(before: &str, after: &str) -> Vec<Removal> {
    let (before_tags, after_tags) = (tags(before), tags(after));
    let mut out = Vec::new();
    let mut kept: HashMap<&str, usize> = HashMap::new();
    for tag in &after_tags {
        *kept.entry(tag.name.as_str()).or_default() += 1;
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for tag in &before_tags {
        *seen.entry(tag.name.as_str()).or_default() += 1;
    }
    // An element is removed when its kind is kept fewer times than written: the
    // last ones written are the ones named (for a tag off the list, all of them).
    let mut removed_tag = vec![false; before_tags.len()];
    let mut left: HashMap<&str, usize> = seen;
    for (i, tag) in before_tags.iter().enumerate().rev() {
        let name = tag.name.as_str();
        let still = left.get(name).copied().unwrap_or(0);
        if still > kept.get(name).copied().unwrap_or(0) {
            removed_tag[i] = true;
            left.insert(name, still - 1);
        }
    }
    let mut kept_attrs: HashMap<(&str, &str, &str), usize> = HashMap::new();
    for tag in &after_tags {
        for (k, v) in &tag.attrs {
            *kept_attrs
                .entry((tag.name.as_str(), k.as_str(), v.as_str()))
                .or_default() += 1;
        }
    }
    for (tag, removed) in before_tags.iter().zip(removed_tag) {
        if removed {
            let message = if CONTENT_TOO.contains(&tag.name.as_str()) {
                format!("removed `<{}>` and what it holds", tag.name)
            } else {
                format!("removed `<{}>`", tag.name)
            };
            out.push(Removal {
                offset: tag.start,
                message,
            });
            continue;
        }
        for (k, v) in &tag.attrs {
            let key = (tag.name.as_str(), k.as_str(), v.as_str());
            match kept_attrs.get_mut(&key) {
                Some(n) if *n > 0 => *n -= 1,
                _ => out.push(Removal {
                    offset: attribute_offset(before, tag, k),
                    message: attribute_message(&tag.name, k, v),
                }),
            }
        }
    }
    out.sort_by_key(|r| r.offset);
    out
}

/// Where attribute `name` is written in `tag` (the tag's start when not found).
fn attribute_offset(html: &str, tag: &Tag, name: &str) -> usize {
    let written = html.get(tag.start..tag.end).unwrap_or_default();
    let lower = written.to_ascii_lowercase();
    lower
        .match_indices(name)
        .find(|(at, _)| {
            lower[..*at].ends_with(|c: char| c.is_ascii_whitespace() || c == '"' || c == '\'')
        })
        .map_or(tag.start, |(at, _)| tag.start + at)
}

fn attribute_message(tag: &str, name: &str, value: &str) -> String {
    if name.starts_with("on") {
        format!("removed the event handler `{name}` from `<{tag}>`")
    } else if matches!(name, "href" | "src" | "srcset") {
        format!(
            "removed `{name}=\"{}\"` from `<{tag}>`: only http, https, mailto and relative URLs are kept",
            shorten(value)
        )
    } else {
        format!("removed the `{name}` attribute from `<{tag}>`")
    }
}

fn shorten(value: &str) -> String {
    const MAX: usize = 40;
    match value.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &value[..at]),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(html: &str) -> (String, Vec<String>) {
        let (out, removals) = clean(html);
        (out, removals.into_iter().map(|r| r.message).collect())
    }

    #[test]
    fn what_docs_use_is_kept_as_is() {
        for html in [
            "<details open=\"\"><summary>More</summary><p>Text</p></details>",
            "<kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup><br>",
            "<figure><img src=\"a.png\" alt=\"A\" width=\"300\"><figcaption>A</figcaption></figure>",
            "<picture><source srcset=\"dark.png\" media=\"(prefers-color-scheme: dark)\"><img src=\"light.png\" alt=\"\"></picture>",
            "<div class=\"note\"><span class=\"x\" id=\"old-anchor\">y</span></div>",
            "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td colspan=\"2\">b</td></tr></tbody></table>",
            "<a href=\"https://example.com/\">x</a><a href=\"../guide/\">y</a><a href=\"mailto:a@b.c\">z</a><a href=\"#top\">t</a>",
            "<!-- a note to translators -->",
        ] {
            let (out, removed) = messages(html);
            assert!(removed.is_empty(), "{html}: {removed:?}");
            assert_eq!(out, html);
        }
    }

    #[test]
    fn scripts_go_with_their_content() {
        let (out, removed) = messages("<p>a<script>alert(1)</script>b</p><style>p{}</style>");
        assert_eq!(out, "<p>ab</p>");
        assert_eq!(
            removed,
            [
                "removed `<script>` and what it holds",
                "removed `<style>` and what it holds"
            ]
        );
    }

    #[test]
    fn event_handlers_are_removed() {
        let (out, removed) = messages("<img src=\"a.png\" alt=\"\" onerror=\"alert(1)\">");
        assert_eq!(out, "<img src=\"a.png\" alt=\"\">");
        assert_eq!(
            removed,
            ["removed the event handler `onerror` from `<img>`"]
        );
    }

    #[test]
    fn javascript_urls_are_removed() {
        let (out, removed) = messages("<a href=\"javascript:alert(1)\">x</a>");
        assert_eq!(out, "<a>x</a>");
        assert_eq!(
            removed,
            [
                "removed `href=\"javascript:alert(1)\"` from `<a>`: only http, https, mailto and relative URLs are kept"
            ]
        );
    }

    #[test]
    fn iframes_and_forms_are_removed() {
        let (out, removed) = messages(
            "<iframe src=\"https://x.test/\"></iframe><form action=\"/x\"><input name=\"q\"><button>Go</button></form>",
        );
        assert_eq!(out, "Go");
        assert_eq!(
            removed,
            [
                "removed `<iframe>`",
                "removed `<form>`",
                "removed `<input>`",
                "removed `<button>`"
            ]
        );
    }

    #[test]
    fn style_attributes_are_removed() {
        let (out, removed) = messages("<span class=\"k\" style=\"color: red\">x</span>");
        assert_eq!(out, "<span class=\"k\">x</span>");
        assert_eq!(removed, ["removed the `style` attribute from `<span>`"]);
    }

    #[test]
    fn removals_point_at_what_was_written() {
        let html = "<p>ok</p>\n<a href=\"x\"  onclick=\"f()\">y</a>";
        let (_, removals) = clean(html);
        assert_eq!(removals.len(), 1);
        assert!(html[removals[0].offset..].starts_with("onclick"));
    }
}
