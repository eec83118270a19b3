//! The info string of a fenced code block: the language, then attributes as the
//! documentation tools write them. mdBook (`rust,ignore`), Docusaurus (`js title="app.js"
//! {2,4-5}`), Hugo (`go {hl_lines=[2,"4-5"], linenos=true}`), Zola (`rust,hl_lines=1 3-5`)
//! and Pandoc (`{.python}`) all put the language first and the rest after a comma, a
//! space or a brace. Folio shows two attributes: a title (as the block's caption) and the
//! lines to emphasise. The others (test flags, line numbers, playground buttons) drive
//! features of other tools and are ignored without a word.

use crate::model::CodeAttrs;

/// What an info string says.
#[derive(Debug, Default, PartialEq)]
pub struct Info {
    pub lang: Option<String>,
    /// `None` when there is neither a title nor a line to emphasise.
    pub attrs: Option<Box<CodeAttrs>>,
    /// Line specifications that could not be read, as written.
    pub bad_lines: Vec<String>,
}

/// Attribute names whose value is the block's caption, the first one written winning:
/// Docusaurus and MkDocs say `title`, Nextra `filename`, Zola `name`.
const TITLE_KEYS: &[&str] = &["title", "filename", "name"];

/// Attribute names whose value lists lines to emphasise (Hugo, Zola, MkDocs).
const LINES_KEYS: &[&str] = &["hl_lines", "hl-lines", "highlight", "mark"];

pub fn parse(info: &str) -> Info {
    let info = info.trim();
    let end = info
        .find(|c: char| c == ',' || c == '{' || c.is_whitespace())
        .unwrap_or(info.len());
    // ```` ``` title="notes.txt" ````: attributes and no language.
    let end = if info[..end].contains('=') { 0 } else { end };
    let mut lang = Some(&info[..end])
        .filter(|l| !l.is_empty())
        .map(|l| match l {
            // rustdoc's attributes alone (```` ```ignore ````) mean Rust, and mdBook
            // books write them so.
            "ignore" | "should_panic" | "no_run" | "compile_fail" | "test_harness"
            | "edition2015" | "edition2018" | "edition2021" | "edition2024" => "rust",
            other => other,
        })
        .map(str::to_string);
    let mut attrs = CodeAttrs::default();
    let mut bad_lines = Vec::new();
    read_items(&info[end..], true, &mut lang, &mut attrs, &mut bad_lines);
    let attrs = (!attrs.title.is_empty() || !attrs.emphasis.is_empty()).then(|| Box::new(attrs));
    Info {
        lang,
        attrs,
        bad_lines,
    }
}

/// One attribute as written.
#[derive(Debug, PartialEq)]
enum Item<'a> {
    /// `{ … }`, without its braces.
    Group(&'a str),
    /// `key=value`, the value without its quotes; `quoted` when it had some (or brackets).
    Pair {
        key: &'a str,
        value: &'a str,
        quoted: bool,
    },
    Bare(&'a str),
}

/// Reads `text`'s attributes into `attrs`. `top`: outside any braces, where a group
/// may name the language when nothing before it did.
fn read_items(
    text: &str,
    top: bool,
    lang: &mut Option<String>,
    attrs: &mut CodeAttrs,
    bad_lines: &mut Vec<String>,
) {
    // Zola writes `hl_lines=1 3-5 9`: the ranges after the first go on as bare words.
    let mut bare_lines = false;
    for item in items(text) {
        match item {
            Item::Group(inner) => {
                bare_lines = false;
                if top && lang.is_none() {
                    // Pandoc's `{.python .numberLines}`, R Markdown's `{r setup}`.
                    if let Some(Item::Bare(word)) = items(inner).first()
                        && !starts_with_digit(word)
                    {
                        *lang = Some(word.trim_start_matches('.').to_string())
                            .filter(|l| !l.is_empty());
                    }
                }
                if inner.contains('=') {
                    read_items(inner, false, lang, attrs, bad_lines);
                } else if starts_with_digit(inner) {
                    read_lines(inner, attrs, bad_lines);
                }
            }
            Item::Pair { key, value, quoted } => {
                bare_lines = false;
                let key = key.to_ascii_lowercase();
                if TITLE_KEYS.contains(&key.as_str()) {
                    if attrs.title.is_empty() {
                        attrs.title = value.trim().to_string();
                    }
                } else if LINES_KEYS.contains(&key.as_str()) {
                    read_lines(value, attrs, bad_lines);
                    bare_lines = !quoted;
                }
            }
            Item::Bare(word) if bare_lines && starts_with_digit(word) => {
                read_lines(word, attrs, bad_lines)
            }
            Item::Bare(_) => bare_lines = false,
        }
    }
}

fn starts_with_digit(text: &str) -> bool {
    text.trim_start().starts_with(|c: char| c.is_ascii_digit())
}

/// Splits attributes on commas and spaces, keeping quoted values, `[…]` lists and
/// `{…}` groups whole.
fn items(text: &str) -> Vec<Item<'_>> {
    let mut items = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
        if rest.is_empty() {
            return items;
        }
        if let Some(after) = rest.strip_prefix('{') {
            let end = closing(after, '}');
            items.push(Item::Group(&after[..end]));
            rest = after.get(end + 1..).unwrap_or_default();
            continue;
        }
        let word_end = rest
            .find(|c: char| c == ',' || c == '=' || c == '{' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = &rest[..word_end];
        rest = &rest[word_end..];
        let Some(after_eq) = rest.strip_prefix('=') else {
            if !key.is_empty() {
                items.push(Item::Bare(key));
            }
            continue;
        };
        let (value, quoted, after) = match after_eq.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let inner = &after_eq[1..];
                let end = inner.find(quote).unwrap_or(inner.len());
                (
                    &inner[..end],
                    true,
                    inner.get(end + 1..).unwrap_or_default(),
                )
            }
            Some('[') => {
                let inner = &after_eq[1..];
                let end = closing(inner, ']');
                (
                    &inner[..end],
                    true,
                    inner.get(end + 1..).unwrap_or_default(),
                )
            }
            _ => {
                let end = after_eq
                    .find(|c: char| c == ',' || c.is_whitespace())
                    .unwrap_or(after_eq.len());
                (&after_eq[..end], false, &after_eq[end..])
            }
        };
        items.push(Item::Pair { key, value, quoted });
        rest = after;
    }
}

/// Where `close` ends the group that `text` starts inside, skipping quoted text;
/// the end of `text` when it is never closed.
fn closing(text: &str, close: char) -> usize {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, c) if c == close => return i,
            _ => {}
        }
    }
    text.len()
}

/// Adds `2`, `4-5` (also `"4-5"`, as Hugo's lists quote ranges) to the emphasis.
fn read_lines(spec: &str, attrs: &mut CodeAttrs, bad_lines: &mut Vec<String>) {
    let parts = spec
        .split(|c: char| c == ',' || c.is_whitespace())
        .map(|p| p.trim_matches(|c| c == '"' || c == '\''))
        .filter(|p| !p.is_empty());
    for part in parts {
        let (first, last) = part.split_once('-').unwrap_or((part, part));
        match (first.trim().parse::<u32>(), last.trim().parse::<u32>()) {
            (Ok(first), Ok(last)) if first >= 1 && first <= last => {
                attrs.emphasis.push((first, last))
            }
            _ => bad_lines.push(part.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(info: &str) -> Vec<(u32, u32)> {
        parse(info).attrs.map(|a| a.emphasis).unwrap_or_default()
    }

    fn title(info: &str) -> String {
        parse(info).attrs.map(|a| a.title).unwrap_or_default()
    }

    fn lang(info: &str) -> Option<String> {
        parse(info).lang
    }

    #[test]
    fn rustdoc_attributes_alone_mean_rust() {
        for info in [
            "ignore",
            "should_panic",
            "no_run,edition2021",
            "compile_fail",
        ] {
            assert_eq!(parse(info).lang.as_deref(), Some("rust"), "{info}");
        }
    }

    #[test]
    fn the_language_is_the_first_token() {
        assert_eq!(lang("rust"), Some("rust".into()));
        assert_eq!(lang("rust,ignore"), Some("rust".into()));
        assert_eq!(lang("rust,should_panic,noplayground"), Some("rust".into()));
        assert_eq!(lang("js title=\"app.js\""), Some("js".into()));
        assert_eq!(lang("python{2,4-5}"), Some("python".into()));
        assert_eq!(lang("  go   {linenos=true}"), Some("go".into()));
        assert_eq!(lang(""), None);
        assert_eq!(lang("title=\"notes.txt\""), None);
        assert_eq!(title("title=\"notes.txt\" {1}"), "notes.txt");
        assert_eq!(lang("{2}"), None);
    }

    #[test]
    fn plain_flags_are_ignored() {
        let info = parse("rust,ignore,edition2021 showLineNumbers linenos");
        assert_eq!(info.attrs, None);
        assert!(info.bad_lines.is_empty());
    }

    #[test]
    fn titles_in_double_single_and_no_quotes() {
        assert_eq!(title("js title=\"app.js\""), "app.js");
        assert_eq!(title("js title='src/app, v2.js' {1}"), "src/app, v2.js");
        assert_eq!(title("toml,name=Cargo.toml"), "Cargo.toml");
        assert_eq!(title("tsx filename=\"pages/index.tsx\""), "pages/index.tsx");
        assert_eq!(title("js title=\"first\" filename=\"second\""), "first");
        assert_eq!(title("js title=\"\""), "");
    }

    #[test]
    fn emphasised_lines_in_braces() {
        assert_eq!(lines("python {2,4-5}"), [(2, 2), (4, 5)]);
        assert_eq!(lines("python{2, 4-5}"), [(2, 2), (4, 5)]);
        assert_eq!(lines("js title=\"a.js\" {1,3}"), [(1, 1), (3, 3)]);
        assert_eq!(lines("js {3} title=\"a.js\""), [(3, 3)]);
    }

    #[test]
    fn emphasised_lines_in_hugo_and_zola_dialects() {
        assert_eq!(
            lines("go {hl_lines=[2,\"4-5\"], linenos=true}"),
            [(2, 2), (4, 5)]
        );
        assert_eq!(
            lines("go {linenos=table,hl_lines=\"2 4-5\"}"),
            [(2, 2), (4, 5)]
        );
        assert_eq!(lines("go hl_lines=\"2 4-5\""), [(2, 2), (4, 5)]);
        assert_eq!(lines("go hl_lines=[2]"), [(2, 2)]);
        assert_eq!(lines("rust,hl_lines=1 3-5 9"), [(1, 1), (3, 5), (9, 9)]);
        assert_eq!(
            lines("rust,linenos,hl_lines=1 3-5,linenostart=20"),
            [(1, 1), (3, 5)]
        );
    }

    #[test]
    fn pandoc_and_r_markdown_name_the_language_in_braces() {
        assert_eq!(lang("{.python .numberLines}"), Some("python".into()));
        assert_eq!(lang("{r}"), Some("r".into()));
        assert_eq!(lang("{r setup, include=FALSE}"), Some("r".into()));
        assert_eq!(lines("{.python}"), []);
    }

    #[test]
    fn unreadable_lines_are_reported_and_the_rest_kept() {
        let info = parse("python {2,x,5-3,0,4-}");
        assert_eq!(info.attrs.map(|a| a.emphasis), Some(vec![(2, 2)]));
        assert_eq!(info.bad_lines, ["x", "5-3", "0", "4-"]);
    }

    #[test]
    fn unclosed_groups_and_quotes_do_not_panic() {
        assert_eq!(lines("python {2,4"), [(2, 2), (4, 4)]);
        assert_eq!(title("js title=\"app.js"), "app.js");
        assert_eq!(lines("js hl_lines=["), []);
        for info in [
            "{",
            "}",
            "=",
            "a=",
            "a,=,{,}",
            "\"",
            "é{ü=\"ö",
            "{{{",
            "x {=[}",
        ] {
            let _ = parse(info);
        }
    }
}
