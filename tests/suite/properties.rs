//! Bounded property tests: generated pages (nested Markdown of every construct, front
//! matter of both syntaxes), decision-tree rules files, Fluent files and folio.toml go
//! through Folio's stages; none may panic, and every problem comes back as a
//! diagnostic with a place in its file. The fuzz targets (`fuzz/`, nightly) explore the
//! same entry points for longer, outside CI.

use folio::diagnostic::{Diagnostic, Diagnostics};
use folio::model::SourceFile;
use proptest::prelude::*;

/// Pieces of Markdown that open, close or nest something, and plain words between.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("> ".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("  ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("# ".to_string()),
        Just("### ".to_string()),
        Just("*".to_string()),
        Just("**".to_string()),
        Just("_".to_string()),
        Just("~~".to_string()),
        Just("`".to_string()),
        Just("```rust,ignore {2}\n".to_string()),
        Just("```\n".to_string()),
        Just("[".to_string()),
        Just("](".to_string()),
        Just(")".to_string()),
        Just("![".to_string()),
        Just("<img src=\"a.svg\" alt=\"x\">".to_string()),
        Just("<figure>".to_string()),
        Just("</figure>".to_string()),
        Just("<div>".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("[^n]".to_string()),
        Just("[^n]: ".to_string()),
        Just("> [!NOTE]\n".to_string()),
        Just(":::tip\n".to_string()),
        Just(":::\n".to_string()),
        Just("{#id}".to_string()),
        Just("{{#include x.rs:a}}".to_string()),
        Just("../other.html#top".to_string()),
        Just("- [ ] ".to_string()),
        Just("```decision-tree\ntree = \"t\"\n```\n".to_string()),
        "[a-zA-Zéß語 ?!:;«»'\"]{0,12}",
    ]
}

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|pieces| pieces.concat())
}

fn front_matter() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z =\"\\[\\]0-9]{0,30}".prop_map(|body| format!("+++\n{body}\n+++\n")),
        "[a-z: \\-\\[\\]0-9\"]{0,30}".prop_map(|body| format!("---\n{body}\n---\n")),
        Just(
            "+++\ntitle = \"T\"\nweight = 2\ndraft = false\naliases = [\"/old/\"]\n+++\n"
                .to_string()
        ),
        Just("+++\ntitle = \"T\"\n".to_string()),
    ]
}

/// Every diagnostic names a file and a place in it (lines and columns from 1).
fn placed(diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    for d in diagnostics {
        prop_assert!(!d.file.is_empty(), "{d:?}");
        prop_assert!(d.pos.line >= 1 && d.pos.column >= 1, "{d:?}");
        prop_assert!(!d.message.is_empty(), "{d:?}");
    }
    Ok(())
}

fn file(path: &str, text: String) -> SourceFile {
    SourceFile {
        path: path.into(),
        text,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    /// A page through parse, typography, resolution, HTML and the PDF layout.
    #[test]
    fn any_page_gives_html_and_a_pdf_or_diagnostics(front in front_matter(), body in markdown()) {
        let (html, pdf_pages, diagnostics) =
            folio::commands::fragment::page_through_pipeline(&format!("{front}{body}"));
        placed(&diagnostics)?;
        let failed = diagnostics.iter().any(|d| d.severity == folio::diagnostic::Severity::Error);
        prop_assert!(failed || pdf_pages > 0, "{html}");
    }

    /// Rules files: text made of the keys and tables a tree uses, in any order.
    #[test]
    fn any_rules_file_parses_or_is_reported(lines in prop::collection::vec(prop_oneof![
        Just("id = \"t\"".to_string()),
        Just("title = \"t-title\"".to_string()),
        Just("start = \"a\"".to_string()),
        Just("[[node]]".to_string()),
        Just("id = \"a\"".to_string()),
        Just("id = \"b\"".to_string()),
        Just("text = \"t-a\"".to_string()),
        Just("answers = [{ id = \"y\", label = \"l\", next = \"b\" }]".to_string()),
        Just("answers = [{ id = \"y\", label = \"l\", next = \"a\" }, { id = \"n\", label = \"l\", next = \"b\" }]".to_string()),
        Just("priority = \"P1\"".to_string()),
        Just("action = \"escalate\"".to_string()),
        Just("link = \"page.md#x\"".to_string()),
        "[a-z =\"\\[\\]{},]{0,20}",
    ], 0..24)) {
        let diagnostics = Diagnostics::new();
        let parsed = folio::parse::decision_tree::parse(
            &file("content/decision-trees/t.toml", lines.join("\n")),
            &diagnostics,
        );
        let diagnostics = diagnostics.into_sorted();
        placed(&diagnostics)?;
        prop_assert!(parsed.is_some() || !diagnostics.is_empty());
    }

    /// Fluent files and folio.toml, from pieces of their syntax.
    #[test]
    fn any_fluent_or_config_file_parses_or_is_reported(
        ftl in "([a-z\\-]{1,6} = [a-zA-Z {}$\\-*\\[\\]]{0,15}\n){0,8}",
        toml in "((title|base_url|source_locale|locales|links|heading_ids|pdf|theme) = [a-z\"\\[\\],:/ ]{0,20}\n){0,8}",
    ) {
        let diagnostics = Diagnostics::new();
        folio::parse::messages::parse(&file("locales/en/ui.ftl", ftl), &diagnostics);
        let config = folio::config::parse(&file("folio.toml", toml), &diagnostics);
        let diagnostics = diagnostics.into_sorted();
        placed(&diagnostics)?;
        prop_assert!(config.is_some() || !diagnostics.is_empty());
    }
}
