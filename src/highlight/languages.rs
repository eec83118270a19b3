//! Which highlighting a fence's language gets. The syntaxes are bat's (the `two-face`
//! crate: syntect's defaults plus TOML, TypeScript, Dockerfile, INI, Nix, PowerShell,
//! Terraform, GraphQL, Protobuf and a hundred more), loaded on first use. A language is
//! found by the names writers type: a file extension or a syntax's name (any case),
//! the aliases below, the names that mean plain text, and shell sessions.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use syntect::parsing::{SyntaxReference, SyntaxSet};

use crate::diagnostic::{Diagnostic, Diagnostics, suggest};
use crate::model::{Block, Page, Pos};

pub(super) static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// How a language is shown.
#[derive(Clone, Copy)]
pub(super) enum Language {
    /// Deliberately not highlighted.
    Plain,
    Syntax(&'static SyntaxReference),
    /// A terminal transcript: prompts and commands highlighted, output left alone.
    Console,
}

/// Names that mean "no highlighting" and deserve no warning.
const PLAIN: &[&str] = &[
    "text",
    "txt",
    "plain",
    "plaintext",
    "none",
    "output",
    "nohighlight",
    "no-highlight",
];

/// Names of terminal transcripts (`$ command` then its output).
const CONSOLE: &[&str] = &[
    "console",
    "shell-session",
    "shellsession",
    "sh-session",
    "bash-session",
    "terminal",
];

pub(super) const BASH: &str = "Bourne Again Shell (bash)";
pub(super) const POWERSHELL: &str = "PowerShell";

/// Names writers type that are neither a file extension nor a syntax's name in the set
/// (or that another syntax's extension would take), with the syntax they mean.
const ALIASES: &[(&str, &str)] = &[
    ("shell", BASH),
    ("shellscript", BASH),
    ("ksh", BASH),
    ("javascript", "JavaScript (Babel)"),
    ("node", "JavaScript (Babel)"),
    ("jsonc", "JSON"),
    ("json5", "JSON"),
    ("pwsh", POWERSHELL),
    ("ps", POWERSHELL),
    ("posh", POWERSHELL),
    ("docker", "Dockerfile"),
    ("containerfile", "Dockerfile"),
    ("csharp", "C#"),
    ("c-sharp", "C#"),
    ("fsharp", "F#"),
    ("fs", "F#"),
    ("golang", "Go"),
    ("objc", "Objective-C"),
    ("objective-c", "Objective-C"),
    ("objectivec", "Objective-C"),
    ("batch", "Batch File"),
    ("dotenv", "DotENV"),
    ("apache", "Apache Conf"),
    ("apacheconf", "Apache Conf"),
    ("postgres", "SQL"),
    ("postgresql", "SQL"),
    ("mysql", "SQL"),
    ("sqlite", "SQL"),
    ("plsql", "SQL"),
    ("tsql", "SQL"),
    ("regex", "Regular Expression"),
    ("vimscript", "VimL"),
    ("systemverilog", "SystemVerilog"),
    ("fortran", "Fortran (Modern)"),
    ("delphi", "Pascal"),
    ("elisp", "Lisp"),
    ("emacs-lisp", "Lisp"),
    ("scheme", "Lisp"),
    ("ipython", "Python"),
    ("python2", "Python"),
    ("mdx", "Markdown"),
    ("ssh-config", "SSH Config"),
    ("assembly", "x86_64 Assembly"),
    ("hcl", "Terraform"),
    ("proto", "Protocol Buffer"),
];

/// The highlighting for `lang`; `None` when Folio has none.
pub(super) fn language(lang: &str) -> Option<Language> {
    thread_local! {
        // A site names a few languages in many blocks; finding one scans every syntax.
        static FOUND: RefCell<HashMap<String, Option<Language>>> = RefCell::new(HashMap::new());
    }
    if let Some(found) = FOUND.with_borrow(|found| found.get(lang).copied()) {
        return found;
    }
    let found = find(lang);
    FOUND.with_borrow_mut(|memo| memo.insert(lang.to_string(), found));
    found
}

fn find(lang: &str) -> Option<Language> {
    let lower = lang.to_ascii_lowercase();
    let lower = lower.as_str();
    if PLAIN.contains(&lower) {
        return Some(Language::Plain);
    }
    if CONSOLE.contains(&lower) {
        return Some(Language::Console);
    }
    let set = &*SYNTAXES;
    let syntax = match ALIASES.iter().find(|(alias, _)| *alias == lower) {
        Some((_, name)) => set.find_syntax_by_name(name),
        None => set.find_syntax_by_token(lower),
    };
    syntax.map(Language::Syntax)
}

pub(super) fn syntax_named(name: &str) -> Option<&'static SyntaxReference> {
    SYNTAXES.find_syntax_by_name(name)
}

/// True when `lang` is highlighted or deliberately plain.
pub fn knows(lang: &str) -> bool {
    language(lang).is_some()
}

/// Names a typo is likely to be meant for.
const COMMON: &[&str] = &[
    "bash",
    "console",
    "c",
    "cpp",
    "csharp",
    "css",
    "diff",
    "dockerfile",
    "elixir",
    "go",
    "graphql",
    "haskell",
    "hcl",
    "html",
    "ini",
    "java",
    "javascript",
    "json",
    "jsonc",
    "kotlin",
    "lua",
    "makefile",
    "markdown",
    "nix",
    "php",
    "powershell",
    "protobuf",
    "python",
    "ruby",
    "rust",
    "scala",
    "scss",
    "shell",
    "sql",
    "swift",
    "terraform",
    "text",
    "toml",
    "tsx",
    "typescript",
    "xml",
    "yaml",
];

/// How many other files an unknown language's warning names before "and N more".
const FILES_SHOWN: usize = 3;

/// Warns once per language of `pages`' code blocks that has no highlighting: at its
/// first use (by file and line), naming the other files that use it.
pub fn check_languages(pages: &[Page], diagnostics: &Diagnostics) {
    let mut unknown: BTreeMap<&str, Vec<(&str, Pos)>> = BTreeMap::new();
    for page in pages.iter().filter(|p| p.fallback.is_none()) {
        visit_code(&page.blocks, &mut |lang, pos| {
            if !knows(lang) {
                unknown
                    .entry(lang)
                    .or_default()
                    .push((page.source.as_str(), pos));
            }
        });
    }
    for (lang, mut places) in unknown {
        places.sort_unstable();
        let blocks = places.len();
        // Each file once, at its first use.
        places.dedup_by_key(|(file, _)| *file);
        let (file, pos) = places[0];
        let mut message = format!("no syntax highlighting for language `{lang}`; ");
        if blocks > 1 {
            message.push_str(&format!("{blocks} blocks "));
        }
        message.push_str("shown as plain text");
        let others: Vec<String> = places[1..]
            .iter()
            .take(FILES_SHOWN)
            .map(|(file, pos)| format!("{file}:{}", pos.line))
            .collect();
        if !others.is_empty() {
            message.push_str(&format!(", also in {}", others.join(", ")));
            match places.len() - 1 - others.len() {
                0 => {}
                1 => message.push_str(" and 1 more file"),
                more => message.push_str(&format!(" and {more} more files")),
            }
        }
        let lower = lang.to_ascii_lowercase();
        let hint = match suggest(&lower, COMMON) {
            Some(name) => format!("did you mean `{name}`?"),
            None => {
                "use a known name such as bash, json, yaml, python, rust, html, or `text` for none"
                    .to_string()
            }
        };
        diagnostics.push(Diagnostic::warning(file, pos, message).with_hint(hint));
    }
}

fn visit_code<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a str, Pos)) {
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
    fn every_alias_names_a_syntax_of_the_set() {
        for (alias, name) in ALIASES {
            assert!(syntax_named(name).is_some(), "{alias} -> {name}");
        }
        assert!(syntax_named(BASH).is_some() && syntax_named(POWERSHELL).is_some());
    }

    #[test]
    fn a_typo_gets_a_suggestion_and_an_unknown_name_the_usual_hint() {
        let hint = |lang: &str| {
            let page = crate::parse::page::parse(
                &crate::model::SourceFile {
                    path: "content/en/a.md".into(),
                    text: format!("+++\ntitle = \"A\"\n+++\n\n```{lang}\nx\n```\n"),
                },
                crate::model::HeadingIds::default(),
                &Diagnostics::new(),
            )
            .expect("page");
            let diagnostics = Diagnostics::new();
            check_languages(&[page], &diagnostics);
            let found = diagnostics.into_sorted();
            assert_eq!(found.len(), 1);
            found[0].hint.clone().unwrap_or_default()
        };
        assert_eq!(hint("pyhton"), "did you mean `python`?");
        assert_eq!(hint("Javscript"), "did you mean `javascript`?");
        assert!(hint("klingon").starts_with("use a known name"));
        assert!(hint("mermaid").starts_with("use a known name"));
    }

    #[test]
    fn names_writers_type() {
        let name = |lang: &str| match language(lang) {
            Some(Language::Syntax(s)) => s.name.as_str(),
            Some(Language::Plain) => "plain",
            Some(Language::Console) => "console",
            None => "unknown",
        };
        for (lang, expected) in [
            ("sh", BASH),
            ("shell", BASH),
            ("zsh", BASH),
            ("bash", BASH),
            ("console", "console"),
            ("shell-session", "console"),
            ("yml", "YAML"),
            ("jsonc", "JSON"),
            ("ps1", POWERSHELL),
            ("powershell", POWERSHELL),
            ("tf", "Terraform"),
            ("hcl", "Terraform"),
            ("dockerfile", "Dockerfile"),
            ("Dockerfile", "Dockerfile"),
            ("text", "plain"),
            ("plain", "plain"),
            ("txt", "plain"),
            ("plaintext", "plain"),
            ("js", "JavaScript (Babel)"),
            ("javascript", "JavaScript (Babel)"),
            ("ts", "TypeScript"),
            ("tsx", "TypeScriptReact"),
            ("py", "Python"),
            ("Python", "Python"),
            ("rb", "Ruby"),
            ("rs", "Rust"),
            ("md", "Markdown"),
            ("kt", "Kotlin"),
            ("toml", "TOML"),
            ("ini", "INI"),
            ("nix", "Nix"),
            ("graphql", "GraphQL"),
            ("protobuf", "Protocol Buffer"),
            ("csharp", "C#"),
            ("fsharp", "F#"),
            ("JSON", "JSON"),
            ("klingon", "unknown"),
        ] {
            assert_eq!(name(lang), expected, "{lang}");
        }
    }
}
