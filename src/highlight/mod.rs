//! Syntax highlighting with syntect and bat's syntaxes (see `languages`), loaded once per process.
//!
//! HTML gets CSS classes (`hl-*`) and one generated stylesheet with a light and a dark
//! theme, so pages carry no inline colours and follow the reader's colour scheme; print
//! gets the light theme's colours as runs. An emphasised line (`{2,4-5}` in the fence)
//! is wrapped whole in a `<mark class="line">`: the spans open across its edges are
//! closed before it and opened again inside, so the HTML stays well nested. Every
//! colour reads at 4.5:1 on the code blocks of its scheme (`contrast`).

mod console;
mod contrast;
mod languages;

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use syntect::highlighting::{Highlighter, StyleModifier, Theme, ThemeItem, ThemeSet};
use syntect::html::{ClassStyle, css_for_theme_with_class_style, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, Scope, ScopeStack, ScopeStackOp, SyntaxReference};
use syntect::util::LinesWithEndings;

use crate::model::CodeAttrs;
use console::{Line, Session, Shell};
use languages::{Language, SYNTAXES, language};

pub use languages::{check_languages, knows};

static THEMES: LazyLock<ThemeSet> = LazyLock::new(ThemeSet::load_defaults);
static LIGHT: LazyLock<Theme> = LazyLock::new(|| {
    contrast::legible_theme(supplemented(&THEMES.themes[LIGHT_THEME]), &contrast::LIGHT)
});
static DARK: LazyLock<Theme> = LazyLock::new(|| {
    contrast::legible_theme(supplemented(&THEMES.themes[DARK_THEME]), &contrast::DARK)
});

/// Scopes of bat's syntaxes that syntect's themes (older than them) leave in the text
/// colour, each with the scope whose colour it borrows in the same theme: shell
/// commands and their options, TOML and INI section headers, Markdown headings, diff
/// lines.
const BORROWED: &[(&str, &str)] = &[
    ("variable.function", "entity.name.function"),
    ("variable.parameter.option", "constant.other"),
    ("punctuation.definition.parameter", "constant.other"),
    ("entity.name.table", "entity.name.class"),
    ("entity.section", "entity.name.class"),
    ("entity.name.section", "entity.name.function"),
    (
        "markup.inserted",
        "markup.inserted punctuation.definition.inserted",
    ),
    (
        "markup.deleted",
        "markup.deleted punctuation.definition.inserted",
    ),
];

/// `theme` with a rule for each [`BORROWED`] scope it leaves uncoloured. The rules feed
/// the stylesheet and print alike.
fn supplemented(theme: &Theme) -> Theme {
    let stack = |scopes: &str| -> Option<Vec<Scope>> {
        scopes.split(' ').map(|s| Scope::new(s).ok()).collect()
    };
    let highlighter = Highlighter::new(theme);
    let plain = highlighter.style_for_stack(&[]).foreground;
    let rules: Vec<ThemeItem> = BORROWED
        .iter()
        .filter_map(|(scope, from)| {
            let own = highlighter.style_for_stack(&stack(scope)?).foreground;
            let borrowed = highlighter.style_for_stack(&stack(from)?).foreground;
            if own != plain || borrowed == plain {
                return None;
            }
            Some(ThemeItem {
                scope: scope.parse().ok()?,
                style: StyleModifier {
                    foreground: Some(borrowed),
                    ..StyleModifier::default()
                },
            })
        })
        .collect();
    let mut theme = theme.clone();
    theme.scopes.extend(rules);
    theme
}

/// Highlighted HTML by language and code, and the bytes of HTML it holds.
#[derive(Default)]
struct Highlighted {
    blocks: HashMap<(String, String), Arc<str>>,
    bytes: usize,
}

/// Bytes of highlighted HTML memoized before the memo starts afresh. A site's code
/// blocks are mostly distinct (only its translations repeat them): a memo of every
/// one grew with the site, and with the memo of lines below it held 340 MiB of a
/// 20,000 x 3 build (`examples/memory`). This holds a few thousand blocks: all of a
/// guide's, and those of a serve session's edits.
const DONE_BYTES: usize = 16 << 20;

impl Highlighted {
    /// Memoizes `html`, first dropping every block kept so far if it would take the
    /// memo past `budget` bytes.
    fn keep(&mut self, key: (String, String), html: Arc<str>, budget: usize) {
        let bytes = html.len() + key.0.len() + key.1.len();
        if self.bytes + bytes > budget {
            *self = Highlighted::default();
        }
        self.bytes += bytes;
        self.blocks.insert(key, html);
    }
}

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";

/// A transcript's prompts, in each scheme: quieter than the commands they introduce,
/// still 4.5:1 on a code block (see `contrast`).
const PROMPT_LIGHT: (u8, u8, u8) = (0x5f, 0x68, 0x77);
const PROMPT_DARK: (u8, u8, u8) = (0x96, 0xa0, 0xb0);

const MARK_OPEN: &str = "<mark class=\"line\">";
const MARK_CLOSE: &str = "</mark>";

/// The code as HTML spans with `hl-` classes, its emphasised lines marked; plain escaped
/// text when the language is unknown or absent.
pub fn to_html(code: &str, lang: Option<&str>, attrs: Option<&CodeAttrs>) -> String {
    if attrs.is_some_and(|a| !a.emphasis.is_empty()) {
        return highlight_html(code, lang, attrs);
    }
    // Translations repeat their source's code blocks, and `serve` rebuilds pages whose
    // code did not change: each distinct block is highlighted once while the memo
    // has room.
    static DONE: LazyLock<Mutex<Highlighted>> = LazyLock::new(Default::default);
    let key = (lang.unwrap_or_default().to_string(), code.to_string());
    if let Some(html) = DONE
        .lock()
        .ok()
        .and_then(|done| done.blocks.get(&key).cloned())
    {
        return html.to_string();
    }
    let html = highlight_html(code, lang, None);
    if let Ok(mut done) = DONE.lock() {
        done.keep(key, Arc::from(html.as_str()), DONE_BYTES);
    }
    html
}

fn marked(attrs: Option<&CodeAttrs>, line: usize) -> bool {
    attrs.is_some_and(|a| a.emphasised(line))
}

fn highlight_html(code: &str, lang: Option<&str>, attrs: Option<&CodeAttrs>) -> String {
    let html = match lang.and_then(language) {
        Some(Language::Syntax(syntax)) => syntax_html(code, syntax, attrs),
        Some(Language::Console) => Some(console_html(code, attrs)),
        Some(Language::Plain) | None => None,
    };
    html.unwrap_or_else(|| plain_html(code, attrs))
}

/// What syntect's `ClassedHTMLGenerator` does, with each line parsed through
/// [`parse_line`]'s memo; `None` on a parse error.
fn syntax_html(
    code: &str,
    syntax: &'static SyntaxReference,
    attrs: Option<&CodeAttrs>,
) -> Option<String> {
    let mut classer = Classer::new(syntax);
    let mut html = String::with_capacity(code.len() * 3);
    // After a mark, the open spans were closed with it.
    let mut closed = false;
    for (i, line) in LinesWithEndings::from(code).enumerate() {
        let mark = marked(attrs, i + 1);
        if mark && !closed {
            classer.close(&mut html);
        }
        if mark {
            html.push_str(MARK_OPEN);
        }
        if mark || closed {
            classer.reopen(&mut html);
        }
        html.push_str(&classer.spans(line)?);
        if mark {
            classer.close(&mut html);
            html.push_str(MARK_CLOSE);
        }
        closed = mark;
    }
    if !closed {
        classer.close(&mut html);
    }
    Some(html)
}

/// A transcript: each prompt in a `hl-prompt` span (left out when the reader copies the
/// block), each command highlighted in its shell, the output as it is. Every line closes
/// the spans it opens, so that a command's scopes never wrap the output after it.
fn console_html(code: &str, attrs: Option<&CodeAttrs>) -> String {
    let mut session = Session::default();
    let mut shells: [Option<Classer>; 2] = [None, None];
    let mut html = String::with_capacity(code.len() * 3);
    for (i, line) in LinesWithEndings::from(code).enumerate() {
        let mark = marked(attrs, i + 1);
        if mark {
            html.push_str(MARK_OPEN);
        }
        match session.line(line) {
            Line::Command {
                prompt,
                command,
                shell,
            } => {
                if !prompt.is_empty() {
                    html.push_str("<span class=\"hl-prompt\">");
                    escape_into(&mut html, prompt);
                    html.push_str("</span>");
                }
                let slot = &mut shells[shell as usize];
                if slot.is_none() {
                    *slot = shell_syntax(shell).map(Classer::new);
                }
                let start = html.len();
                let done = slot.as_mut().and_then(|classer| {
                    classer.reopen(&mut html);
                    let spans = classer.spans(command)?;
                    html.push_str(&spans);
                    classer.close(&mut html);
                    Some(())
                });
                if done.is_none() {
                    // A parse error: this shell's commands are plain from here on.
                    html.truncate(start);
                    escape_into(&mut html, command);
                    *slot = None;
                }
            }
            Line::Output(text) => escape_into(&mut html, text),
        }
        if mark {
            html.push_str(MARK_CLOSE);
        }
    }
    html
}

fn shell_syntax(shell: Shell) -> Option<&'static SyntaxReference> {
    languages::syntax_named(match shell {
        Shell::Posix => languages::BASH,
        Shell::PowerShell => languages::POWERSHELL,
    })
}

fn plain_html(code: &str, attrs: Option<&CodeAttrs>) -> String {
    let mut html = String::with_capacity(code.len() + 16);
    if attrs.is_none_or(|a| a.emphasis.is_empty()) {
        escape_into(&mut html, code);
        return html;
    }
    for (i, line) in LinesWithEndings::from(code).enumerate() {
        let mark = marked(attrs, i + 1);
        if mark {
            html.push_str(MARK_OPEN);
        }
        escape_into(&mut html, line);
        if mark {
            html.push_str(MARK_CLOSE);
        }
    }
    html
}

/// A syntax's parse through a block, as spans with `hl-` classes.
struct Classer {
    syntax: &'static SyntaxReference,
    state: ParseState,
    scopes: ScopeStack,
}

impl Classer {
    fn new(syntax: &'static SyntaxReference) -> Classer {
        Classer {
            syntax,
            state: ParseState::new(syntax),
            scopes: ScopeStack::new(),
        }
    }

    /// The line's spans; those open at its end stay open. `None` on a parse error.
    fn spans(&mut self, line: &str) -> Option<String> {
        let ops = parse_line(self.syntax, &mut self.state, line)?;
        line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut self.scopes)
            .ok()
            .map(|(spans, _)| spans)
    }

    /// Closes the spans open: one per scope on the stack.
    fn close(&self, html: &mut String) {
        for _ in 0..self.scopes.len() {
            html.push_str("</span>");
        }
    }

    /// Opens the spans of the scopes on the stack again, as syntect writes them.
    fn reopen(&self, html: &mut String) {
        for scope in self.scopes.as_slice() {
            html.push_str("<span class=\"");
            for (i, atom) in scope.build_string().split('.').enumerate() {
                if i > 0 {
                    html.push(' ');
                }
                html.push_str("hl-");
                html.push_str(atom);
            }
            html.push_str("\">");
        }
    }
}

/// A line's parse, from the state before it.
struct ParsedLine {
    syntax: *const SyntaxReference,
    before: ParseState,
    ops: Arc<[(usize, ScopeStackOp)]>,
    after: ParseState,
}

/// Lines memoized per thread before the memo is dropped (a big site, a long `serve`
/// session). Each line holds two parse states: at 50,000 lines, these memos were part
/// of the 340 MiB of `DONE_BYTES`. The lines that repeat most (braces, imports) are
/// back in a memo soon after it is dropped.
const MEMO_LINES: usize = 16_000;

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

fn escape_into(html: &mut String, text: &str) {
    let _ = pulldown_cmark_escape::escape_html(&mut *html, text);
}

/// The stylesheet for the classes above: light on paper and for light schemes, dark
/// under `prefers-color-scheme: dark`. Each theme sits in its own media query so
/// rules one theme has and the other lacks never leak across schemes.
pub fn stylesheet() -> String {
    let css =
        |theme: &Theme| css_for_theme_with_class_style(theme, CLASS_STYLE).unwrap_or_default();
    // The themes' own backgrounds would fight the site's code-block colours.
    let strip = |css: String| {
        css.lines()
            .filter(|l| !l.trim_start().starts_with("background-color"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let prompt =
        |(r, g, b): (u8, u8, u8)| format!(".hl-prompt {{ color: #{r:02x}{g:02x}{b:02x}; }}");
    format!(
        "/* Generated by Folio from syntect's {LIGHT_THEME} and {DARK_THEME} themes. */\n@media print, (prefers-color-scheme: light) {{\n{}\n{}\n}}\n@media screen and (prefers-color-scheme: dark) {{\n{}\n{}\n}}\n/* Copying a transcript copies its commands, not their prompts. */\n.hl-prompt {{ user-select: none; }}\n",
        strip(css(&LIGHT)),
        prompt(PROMPT_LIGHT),
        strip(css(&DARK)),
        prompt(PROMPT_DARK),
    )
}

/// An RGB colour and the text it paints.
pub type StyledRun = ((u8, u8, u8), String);

/// The code as lines of coloured runs (the light theme), for print. Unknown languages
/// give one run per line in the theme's text colour.
pub fn styled_lines(code: &str, lang: Option<&str>) -> Vec<Vec<StyledRun>> {
    styled_lines_in(&LIGHT, PROMPT_LIGHT, code, lang)
}

fn styled_lines_in(
    theme: &'static Theme,
    prompt_color: (u8, u8, u8),
    code: &str,
    lang: Option<&str>,
) -> Vec<Vec<StyledRun>> {
    let foreground = theme
        .settings
        .foreground
        .map_or((0x24, 0x29, 0x2e), |c| (c.r, c.g, c.b));
    let plain = |text: &str| vec![(foreground, text.to_string())];
    let highlighter = Highlighter::new(theme);
    let lines: Vec<Vec<StyledRun>> = match lang.and_then(language) {
        Some(Language::Syntax(syntax)) => {
            let mut painter = Painter::new(syntax, theme, &highlighter);
            LinesWithEndings::from(code)
                .map(|line| painter.runs(line).unwrap_or_else(|| plain(line)))
                .collect()
        }
        Some(Language::Console) => {
            let mut session = Session::default();
            let mut shells: [Option<Painter>; 2] = [None, None];
            LinesWithEndings::from(code)
                .map(|line| match session.line(line) {
                    Line::Command {
                        prompt,
                        command,
                        shell,
                    } => {
                        let slot = &mut shells[shell as usize];
                        if slot.is_none() {
                            *slot =
                                shell_syntax(shell).map(|s| Painter::new(s, theme, &highlighter));
                        }
                        let mut runs = vec![(prompt_color, prompt.to_string())];
                        match slot.as_mut().and_then(|painter| painter.runs(command)) {
                            Some(command) => runs.extend(command),
                            None => runs.extend(plain(command)),
                        }
                        runs
                    }
                    Line::Output(text) => plain(text),
                })
                .collect()
        }
        Some(Language::Plain) | None => LinesWithEndings::from(code).map(plain).collect(),
    };
    lines
        .into_iter()
        .map(|runs| {
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

/// A syntax's parse through a block, as a theme colours it.
struct Painter<'h> {
    syntax: &'static SyntaxReference,
    parse: ParseState,
    stack: ScopeStack,
    /// The theme's address, its key in [`COLOURS`].
    theme: usize,
    highlighter: &'h Highlighter<'h>,
}

type Rgb = (u8, u8, u8);

thread_local! {
    /// The text colour of each scope stack met, per theme (by address: the themes are
    /// statics). syntect's `HighlightIterator` resolves the stack against every
    /// selector of the theme at each push, which was two thirds of the PDF's
    /// highlighting; a guide's code meets a few thousand distinct stacks.
    static COLOURS: RefCell<HashMap<usize, HashMap<Vec<Scope>, Rgb>>> = RefCell::default();
}

impl<'h> Painter<'h> {
    fn new(
        syntax: &'static SyntaxReference,
        theme: &'static Theme,
        highlighter: &'h Highlighter<'h>,
    ) -> Painter<'h> {
        Painter {
            syntax,
            parse: ParseState::new(syntax),
            stack: ScopeStack::new(),
            theme: std::ptr::from_ref(theme) as usize,
            highlighter,
        }
    }

    /// The line's runs, cut where the parse changes scopes, each coloured as the
    /// scopes before the change resolve; `None` on a parse error.
    fn runs(&mut self, line: &str) -> Option<Vec<StyledRun>> {
        let ops = parse_line(self.syntax, &mut self.parse, line)?;
        let mut runs = Vec::new();
        let mut start = 0;
        let ends = ops.iter().map(|(end, op)| (*end, Some(op)));
        for (end, op) in ends.chain([(line.len(), None)]) {
            if end > start {
                runs.push((self.colour(), line[start..end].to_string()));
                start = end;
            }
            if let Some(op) = op {
                self.stack.apply(op).ok()?;
            }
        }
        Some(runs)
    }

    /// The colour of the scopes open now: as `Highlighter::style_for_stack` resolves
    /// them, which is what `HighlightIterator` computes push by push.
    fn colour(&self) -> Rgb {
        let scopes = self.stack.as_slice();
        if scopes.is_empty() {
            let c = self.highlighter.get_default().foreground;
            return (c.r, c.g, c.b);
        }
        COLOURS.with_borrow_mut(|themes| {
            let known = themes.entry(self.theme).or_default();
            if let Some(colour) = known.get(scopes) {
                return *colour;
            }
            let c = self.highlighter.style_for_stack(scopes).foreground;
            known.insert(scopes.to_vec(), (c.r, c.g, c.b));
            (c.r, c.g, c.b)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes() {
        let html = to_html("{\"a\": 1}\n", Some("json"), None);
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(knows("bash") && knows("sh") && knows("text") && knows("shell"));
        assert!(!knows("klingon"));
    }

    #[test]
    fn the_memo_of_highlighted_blocks_starts_afresh_past_its_budget() {
        let key = |code: &str| ("rust".to_string(), code.to_string());
        let mut done = Highlighted::default();
        done.keep(key("a"), Arc::from("<b>a</b>"), 30);
        done.keep(key("b"), Arc::from("<b>b</b>"), 30);
        assert_eq!(done.blocks.len(), 2);
        assert_eq!(done.bytes, 2 * (8 + 4 + 1));
        // The third would take it to 39 bytes: the memo keeps it alone.
        done.keep(key("c"), Arc::from("<b>c</b>"), 30);
        assert_eq!(done.blocks.len(), 1);
        assert_eq!(done.bytes, 13);
        assert_eq!(done.blocks.get(&key("c")).map(|h| &**h), Some("<b>c</b>"));
    }

    /// syntect's own generator, without the memo.
    fn reference(code: &str, lang: &str) -> String {
        let Some(Language::Syntax(syntax)) = language(lang) else {
            panic!("{lang}")
        };
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
                    highlight_html(code, Some(lang), None),
                    reference(code, lang),
                    "{code}"
                );
            }
        }
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        assert_eq!(to_html("<a>\n", Some("klingon"), None), "&lt;a&gt;\n");
    }

    fn emphasis(lines: &[(u32, u32)]) -> CodeAttrs {
        CodeAttrs {
            title: String::new(),
            emphasis: lines.to_vec(),
        }
    }

    /// The text of `html`, tags removed and entities of the escaper decoded.
    fn text(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    }

    /// Each `<mark>` holds exactly one line, and the spans inside it are balanced.
    fn assert_marks_hold_balanced_lines(html: &str, marked: &[&str]) {
        let inside: Vec<&str> = html
            .split(MARK_OPEN)
            .skip(1)
            .map(|rest| rest.split(MARK_CLOSE).next().unwrap())
            .collect();
        assert_eq!(
            inside.iter().map(|m| text(m)).collect::<Vec<_>>(),
            marked,
            "{html}"
        );
        for mark in inside {
            assert_eq!(
                mark.matches("<span").count(),
                mark.matches("</span>").count()
            );
        }
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
    }

    #[test]
    fn emphasised_lines_are_marked_whole_inside_open_scopes() {
        let code = "fn main() {\n    /* a comment\n    on two lines */\n    let x = 1;\n}\n";
        let attrs = emphasis(&[(2, 2), (4, 5)]);
        let html = to_html(code, Some("rust"), Some(&attrs));
        assert_eq!(text(&html), code);
        assert_marks_hold_balanced_lines(&html, &["    /* a comment\n", "    let x = 1;\n", "}\n"]);
        // The comment goes on after the mark: its span is open again.
        let after = html.split(MARK_CLOSE).nth(1).unwrap();
        assert!(after.contains("hl-comment"), "{after}");
        // Without emphasis, the same block as syntect writes it.
        assert_eq!(to_html(code, Some("rust"), None), reference(code, "rust"));
    }

    #[test]
    fn emphasised_lines_of_plain_text_and_past_the_end() {
        let attrs = emphasis(&[(1, 1), (9, 9)]);
        let html = to_html("<a>\nb\n", Some("text"), Some(&attrs));
        assert_eq!(html, "<mark class=\"line\">&lt;a&gt;\n</mark>b\n");
        let html = to_html("<a>\nb\n", None, Some(&attrs));
        assert_eq!(html, "<mark class=\"line\">&lt;a&gt;\n</mark>b\n");
    }

    #[test]
    fn a_transcript_highlights_prompts_and_commands_not_output() {
        let code = "$ echo \"hi\" | tr a-z A-Z\nHI\nPS> Get-ChildItem -Force\nMode  Name\n";
        let html = to_html(code, Some("console"), None);
        assert_eq!(text(&html), code);
        assert!(
            html.starts_with(
                "<span class=\"hl-prompt\">$ </span><span class=\"hl-source hl-shell hl-bash\">"
            ),
            "{html}"
        );
        assert!(html.contains("</span>HI\n<span class=\"hl-prompt\">PS&gt; </span><span class=\"hl-source hl-powershell\">"), "{html}");
        assert!(html.ends_with("</span>Mode  Name\n"), "{html}");
        assert!(html.contains("hl-string"), "{html}");
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
        let attrs = emphasis(&[(2, 3)]);
        let html = to_html(code, Some("shell-session"), Some(&attrs));
        assert_marks_hold_balanced_lines(&html, &["HI\n", "PS> Get-ChildItem -Force\n"]);
    }

    #[test]
    fn a_transcript_in_print_greys_its_prompts() {
        let lines = styled_lines("$ ls\nfile.txt\n", Some("console"));
        let foreground = LIGHT.settings.foreground.unwrap();
        assert_eq!(lines[0][0], (PROMPT_LIGHT, "$ ".to_string()));
        assert_eq!(lines[0][1].1, "ls");
        assert_eq!(
            lines[1],
            [(
                (foreground.r, foreground.g, foreground.b),
                "file.txt".to_string()
            )]
        );
    }

    /// The fences of the fixture that shows forty languages.
    fn fixture_fences() -> Vec<(String, String)> {
        let page = include_str!("../../tests/fixtures/fence-languages/content/en/index.md");
        let mut fences = Vec::new();
        let mut current: Option<(String, String)> = None;
        for line in page.lines() {
            match (&mut current, line.strip_prefix("```")) {
                (None, Some(info)) => current = Some((info.to_string(), String::new())),
                (Some(_), Some("")) => fences.extend(current.take()),
                (Some((_, code)), _) => {
                    code.push_str(line);
                    code.push('\n');
                }
                (None, None) => {}
            }
        }
        fences
    }

    #[test]
    fn colours_cached_by_scope_stack_are_syntects_own() {
        use syntect::highlighting::{HighlightIterator, HighlightState};
        for (info, code) in fixture_fences() {
            let lang = crate::parse::fence::parse(&info).lang;
            let Some(Language::Syntax(syntax)) = lang.as_deref().and_then(language) else {
                continue;
            };
            for theme in [&*LIGHT, &*DARK] {
                let highlighter = Highlighter::new(theme);
                let mut parse = ParseState::new(syntax);
                let mut state = HighlightState::new(&highlighter, ScopeStack::new());
                let mut painter = Painter::new(syntax, theme, &highlighter);
                for line in LinesWithEndings::from(&code) {
                    let ops = parse.parse_line(line, &SYNTAXES).expect("fixture parses");
                    let theirs: Vec<StyledRun> =
                        HighlightIterator::new(&mut state, &ops, line, &highlighter)
                            .map(|(style, text)| {
                                let c = style.foreground;
                                ((c.r, c.g, c.b), text.to_string())
                            })
                            .collect();
                    assert_eq!(painter.runs(line), Some(theirs), "{info}: {line:?}");
                }
            }
        }
    }

    #[test]
    fn every_fixture_language_is_coloured_in_both_themes() {
        let fences = fixture_fences();
        assert!(fences.len() >= 40, "{}", fences.len());
        for (info, code) in fences {
            let lang = crate::parse::fence::parse(&info).lang;
            for (theme, prompt) in [(&*LIGHT, PROMPT_LIGHT), (&*DARK, PROMPT_DARK)] {
                let colors: std::collections::BTreeSet<_> =
                    styled_lines_in(theme, prompt, &code, lang.as_deref())
                        .into_iter()
                        .flatten()
                        .map(|(color, _)| color)
                        .collect();
                assert!(colors.len() >= 3, "{info} in {:?}: {colors:?}", theme.name);
            }
        }
    }

    #[test]
    fn stylesheet_has_both_schemes_and_no_backgrounds() {
        let css = stylesheet();
        assert!(css.contains("prefers-color-scheme: dark"));
        assert!(css.contains(".hl-"));
        assert!(!css.contains("background-color"));
        assert_eq!(css.matches(".hl-prompt { color").count(), 2);
    }
}
