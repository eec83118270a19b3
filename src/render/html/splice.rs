//! Splice: a page's body put into its rendered template by Folio, not by the template
//! engine. A body is most of a page; passed through tera it is copied into a value,
//! copied into the output and checked as UTF-8 once more (a twentieth of a large
//! build). The template renders with a mark in its place instead, which is then
//! replaced.
//!
//! Only safe when the theme prints `content` unchanged and does nothing else with
//! it: every template tag that names `content` must be exactly `{{ content | safe }}`
//! (anything else, a filter, a test, a macro argument, turns splicing off for the
//! theme), and the mark must come out of the template exactly once (else the page
//! renders again with its real body).

use crate::model::Theme;

/// What a template prints where the body goes.
pub const CONTENT_MARK: &str = "<folio-content/>";

/// `html` with its one content mark replaced by `content`; `None` unless the mark
/// appears exactly once.
pub fn splice(html: &str, content: &str) -> Option<String> {
    let at = html.find(CONTENT_MARK)?;
    let rest = &html[at + CONTENT_MARK.len()..];
    if rest.contains(CONTENT_MARK) {
        return None;
    }
    let mut out = String::with_capacity(html.len() + content.len());
    out.push_str(&html[..at]);
    out.push_str(content);
    out.push_str(rest);
    Some(out)
}

/// True when every tag of every template that names `content` is `{{ content | safe }}`.
pub fn prints_content_raw_only(theme: &Theme) -> bool {
    theme.templates.iter().all(|template| {
        tags(&template.text).all(|tag| {
            let tokens = tokens(tag.inside);
            !tokens.contains(&"content") || (tag.prints && tokens == ["content", "|", "safe"])
        })
    })
}

/// A `{{ ... }}` or `{% ... %}` tag: what is between its delimiters.
struct Tag<'a> {
    prints: bool,
    inside: &'a str,
}

/// The tags of a template, in order; comments are skipped. Strings inside a tag may
/// hold delimiters.
fn tags(text: &str) -> impl Iterator<Item = Tag<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            let open = rest.find('{')?;
            let (close, prints) = match rest[open + 1..].chars().next()? {
                '{' => ("}}", true),
                '%' => ("%}", false),
                '#' => ("#}", false),
                _ => {
                    rest = &rest[open + 1..];
                    continue;
                }
            };
            let comment = close == "#}";
            let body = &rest[open + 2..];
            let end = if comment {
                body.find(close)
            } else {
                close_outside_strings(body, close)
            };
            let Some(end) = end else {
                // An unclosed tag: the rest is its inside.
                rest = "";
                return Some(Tag {
                    prints,
                    inside: body,
                });
            };
            rest = &body[end + close.len()..];
            if !comment {
                return Some(Tag {
                    prints,
                    inside: &body[..end],
                });
            }
        }
    })
}

/// Where `close` first appears in `body` outside quoted strings.
fn close_outside_strings(body: &str, close: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in body.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if body[i..].starts_with(close) => return Some(i),
            None => {}
        }
    }
    None
}

/// A tag's names and signs, strings and whitespace-control dashes left out.
fn tokens(inside: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut chars = inside.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() || (c == '-' && (i == 0 || i + 1 == inside.len())) {
            continue;
        }
        if matches!(c, '"' | '\'' | '`') {
            while chars.next_if(|&(_, next)| next != c).is_some() {}
            chars.next();
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            let mut end = i + c.len_utf8();
            while let Some((j, next)) = chars.next_if(|&(_, n)| n.is_alphanumeric() || n == '_') {
                end = j + next.len_utf8();
            }
            out.push(&inside[i..end]);
        } else {
            out.push(&inside[i..i + c.len_utf8()]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFile;

    fn theme(templates: &[&str]) -> Theme {
        Theme {
            name: "t".into(),
            templates: (templates.iter().enumerate())
                .map(|(i, text)| SourceFile {
                    path: format!("t{i}.html"),
                    text: text.to_string(),
                })
                .collect(),
            ..Theme::default()
        }
    }

    #[test]
    fn splices_the_one_mark() {
        let html = format!("<main>{CONTENT_MARK}</main>");
        assert_eq!(
            splice(&html, "<p>Hi</p>").unwrap(),
            "<main><p>Hi</p></main>"
        );
        assert_eq!(splice("<main></main>", "<p>Hi</p>"), None);
        assert_eq!(splice(&html.repeat(2), "<p>Hi</p>"), None);
    }

    #[test]
    fn the_default_theme_prints_content_raw() {
        let default = [
            r#"<meta name="viewport" content="width=device-width">{{ t["skip-to-content"] }}"#,
            "{% if content_lang != lang %} lang=\"{{ content_lang }}\"{% endif %}\n{{ content | safe }}",
            "{{- content|safe -}} {# content is raw #}",
        ];
        assert!(prints_content_raw_only(&theme(&default)));
    }

    #[test]
    fn folio_s_own_theme_is_spliced() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates");
        let texts: Vec<String> = (std::fs::read_dir(folder).unwrap())
            .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert!(texts.len() >= 3);
        assert!(prints_content_raw_only(&theme(&texts)));
    }

    #[test]
    fn any_other_use_of_content_turns_splicing_off() {
        for template in [
            "{{ content }}",
            "{{ content | upper | safe }}",
            "{% if content %}{{ content | safe }}{% endif %}",
            "{{ content | length }}{{ content | safe }}",
            "{{ m::card(body=content) }}",
            "{% set content = \"x\" %}",
            "{{ \"}}\" ~ content | safe }}",
        ] {
            assert!(!prints_content_raw_only(&theme(&[template])), "{template}");
        }
    }
}
