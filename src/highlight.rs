//! Syntax highlighting with syntect, loaded once per process.
//!
//! HTML gets CSS classes (`hl-*`) and one generated stylesheet with a light and a dark
//! theme, so pages carry no inline colours and follow the reader's colour scheme.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use syntect::highlighting::{HighlightIterator, HighlightState, Highlighter, ThemeSet};
use syntect::html::{ClassStyle, css_for_theme_with_class_style, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Block, Page};

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);
static THEMES: LazyLock<ThemeSet> = LazyLock::new(ThemeSet::load_defaults);

/// Highlighted HTML by language and code.
type Highlighted = HashMap<(String, String), Arc<str>>;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";

/// Names that mean "no highlighting" and deserve no warning.
const PLAIN: &[&str] = &["text", "txt", "plain", "plaintext", "none", "output"];

fn syntax(lang: &str) -> Option<&'static SyntaxReference> {
    let set = &*SYNTAXES;
    set.find_syntax_by_token(lang).or_else(|| match lang {
        "shell" | "console" | "zsh" => set.find_syntax_by_token("bash"),
        _ => None,
    })
}

/// True when `lang` is highlighted or deliberately plain.
pub fn knows(lang: &str) -> bool {
    PLAIN.contains(&lang) || syntax(lang).is_some()
}

/// The code as HTML spans with `hl-` classes; plain escaped text when the language is
/// unknown or absent.
pub fn to_html(code: &str, lang: Option<&str>) -> String {
    // Translations repeat their source's code blocks, and `serve` rebuilds pages whose
    // code did not change: each distinct block is highlighted once per process.
    static DONE: LazyLock<Mutex<Highlighted>> = LazyLock::new(Default::default);
    let key = (lang.unwrap_or_default().to_string(), code.to_string());
    if let Some(html) = DONE.lock().ok().and_then(|done| done.get(&key).cloned()) {
        return html.to_string();
    }
    let html = highlight_html(code, lang);
    if let Ok(mut done) = DONE.lock() {
        done.insert(key, Arc::from(html.as_str()));
    }
    html
}

/// What syntect's `ClassedHTMLGenerator` does, with each line parsed through
/// [`parse_line`]'s memo.
fn highlight_html(code: &str, lang: Option<&str>) -> String {
    let Some(syntax) = lang.filter(|l| !PLAIN.contains(l)).and_then(syntax) else {
        return pulldown_cmark_escape_html(code);
    };
    let mut state = ParseState::new(syntax);
    let mut scopes = ScopeStack::new();
    let mut html = String::with_capacity(code.len() * 3);
    let mut open_spans = 0;
    for line in LinesWithEndings::from(code) {
        let spans = parse_line(syntax, &mut state, line).and_then(|ops| {
            line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut scopes).ok()
        });
        let Some((spans, delta)) = spans else {
            return pulldown_cmark_escape_html(code);
        };
        html.push_str(&spans);
        open_spans += delta;
    }
    for _ in 0..open_spans {
        html.push_str("</span>");
    }
    html
}

/// A line's parse, from the state before it.
struct ParsedLine {
    syntax: *const SyntaxReference,
    before: ParseState,
    ops: Arc<[(usize, ScopeStackOp)]>,
    after: ParseState,
}

/// Lines memoized per thread before the memo is dropped (a long `serve` session).
const MEMO_LINES: usize = 50_000;

thread_local! {
    /// Parses by line text. Syntect's regex-driven parse is most of the cost of
    /// highlighting, and code blocks repeat their lines (imports, shebangs, closing
    /// braces); a parse depends only on the syntax, the state before and the line.
    static PARSED: RefCell<HashMap<String, Vec<ParsedLine>>> = RefCell::new(HashMap::new());
}

/// Parses `line` from `state` (which then stands after it); `None` on a parse error.
fn parse_line(
    syntax: &'static SyntaxReference,
    state: &mut ParseState,
    line: &str,
) -> Option<Arc<[(usize, ScopeStackOp)]>> {
    PARSED.with_borrow_mut(|memo| {
        let seen = memo.get(line).and_then(|parses| {
            parses
                .iter()
                .find(|p| std::ptr::eq(p.syntax, syntax) && p.before == *state)
        });
        if let Some(parsed) = seen {
            *state = parsed.after.clone();
            return Some(parsed.ops.clone());
        }
        let before = state.clone();
        let ops: Arc<[(usize, ScopeStackOp)]> = state.parse_line(line, &SYNTAXES).ok()?.into();
        if memo.len() >= MEMO_LINES {
            memo.clear();
        }
        memo.entry(line.to_string()).or_default().push(ParsedLine {
            syntax,
            before,
            ops: ops.clone(),
            after: state.clone(),
        });
        Some(ops)
    })
}

fn pulldown_cmark_escape_html(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, code);
    out
}

/// The stylesheet for the classes above: light on paper and for light schemes, dark
/// under `prefers-color-scheme: dark`. Each theme sits in its own media query so
/// rules one theme has and the other lacks never leak across schemes.
pub fn stylesheet() -> String {
    let css = |name: &str| {
        css_for_theme_with_class_style(&THEMES.themes[name], CLASS_STYLE).unwrap_or_default()
    };
    // The themes' own backgrounds would fight the site's code-block colours.
    let strip = |css: String| {
        css.lines()
            .filter(|l| !l.trim_start().starts_with("background-color"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "/* Generated by Folio from syntect's {LIGHT_THEME} and {DARK_THEME} themes. */\n@media print, (prefers-color-scheme: light) {{\n{}\n}}\n@media screen and (prefers-color-scheme: dark) {{\n{}\n}}\n",
        strip(css(LIGHT_THEME)),
        strip(css(DARK_THEME))
    )
}

/// An RGB colour and the text it paints.
pub type StyledRun = ((u8, u8, u8), String);

/// The code as lines of coloured runs (the light theme), for print. Unknown languages
/// give one run per line in the theme's text colour.
pub fn styled_lines(code: &str, lang: Option<&str>) -> Vec<Vec<StyledRun>> {
    let theme = &THEMES.themes[LIGHT_THEME];
    let foreground = theme
        .settings
        .foreground
        .map_or((0x24, 0x29, 0x2e), |c| (c.r, c.g, c.b));
    let syntax = lang.filter(|l| !PLAIN.contains(l)).and_then(syntax);
    let highlighter = Highlighter::new(theme);
    let mut states = syntax.map(|s| {
        (
            ParseState::new(s),
            HighlightState::new(&highlighter, ScopeStack::new()),
        )
    });
    LinesWithEndings::from(code)
        .map(|line| {
            let ranges = syntax
                .zip(states.as_mut())
                .and_then(|(syntax, (parse, paint))| {
                    let ops = parse_line(syntax, parse, line)?;
                    Some(
                        HighlightIterator::new(paint, &ops, line, &highlighter).collect::<Vec<_>>(),
                    )
                });
            let runs: Vec<StyledRun> = match ranges {
                Some(ranges) => ranges
                    .into_iter()
                    .map(|(style, text)| {
                        (
                            (style.foreground.r, style.foreground.g, style.foreground.b),
                            text.to_string(),
                        )
                    })
                    .collect(),
                None => vec![(foreground, line.to_string())],
            };
            runs.into_iter()
                .map(|(color, text)| {
                    (
                        color,
                        text.trim_end_matches(['\n', '\r']).replace('\t', "    "),
                    )
                })
                .filter(|(_, text)| !text.is_empty())
                .collect()
        })
        .collect()
}

/// Warns about code blocks whose language has no highlighting.
pub fn check_languages(page: &Page, diagnostics: &Diagnostics) {
    visit_code(&page.blocks, &mut |lang, pos| {
        if !knows(lang) {
            diagnostics.push(
                Diagnostic::warning(&page.source, pos, format!("no syntax highlighting for language `{lang}`; shown as plain text"))
                    .with_hint("use a known name such as bash, json, yaml, python, rust, html, or `text` for none"),
            );
        }
    });
}

fn visit_code(blocks: &[Block], f: &mut impl FnMut(&str, crate::model::Pos)) {
    for block in blocks {
        match block {
            Block::Code {
                lang: Some(lang),
                pos,
                ..
            } => f(lang, *pos),
            Block::Quote { blocks, .. } => visit_code(blocks, f),
            Block::List { items, .. } => items.iter().for_each(|i| visit_code(&i.blocks, f)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes() {
        let html = to_html("{\"a\": 1}\n", Some("json"));
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(knows("bash") && knows("sh") && knows("text") && knows("shell"));
        assert!(!knows("klingon"));
    }

    /// syntect's own generator, without the memo.
    fn reference(code: &str, lang: &str) -> String {
        let syntax = syntax(lang).unwrap();
        let mut generator = syntect::html::ClassedHTMLGenerator::new_with_class_style(
            syntax,
            &SYNTAXES,
            CLASS_STYLE,
        );
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .unwrap();
        }
        generator.finalize()
    }

    #[test]
    fn memoized_lines_highlight_as_syntect_does() {
        let blocks = [
            (
                "rust",
                "use std::io;\n/* open\nstill comment */\nfn main() {}\n",
            ),
            ("rust", "fn main() {}\n/* open\nuse std::io;\n*/\n"),
            ("bash", "set -euo pipefail\necho \"$HOME\"\n"),
            (
                "bash",
                "echo \"a\nset -euo pipefail\n\"\nset -euo pipefail\n",
            ),
        ];
        // Twice: the second round is served by the memo, in other states too.
        for _ in 0..2 {
            for (lang, code) in blocks {
                assert_eq!(
                    highlight_html(code, Some(lang)),
                    reference(code, lang),
                    "{code}"
                );
            }
        }
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        assert_eq!(to_html("<a>\n", Some("klingon")), "&lt;a&gt;\n");
    }

    #[test]
    fn stylesheet_has_both_schemes_and_no_backgrounds() {
        let css = stylesheet();
        assert!(css.contains("prefers-color-scheme: dark"));
        assert!(css.contains(".hl-"));
    }
}
