//! `folio trees paths TREE [--locale L]`: every way through a tree, one line each, in
//! a stable order (answers in file order), as a golden table for reviews and tests.

use std::fmt::Write as _;
use std::path::PathBuf;

use fluent_bundle::FluentArgs;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::locale::{Messages, apply_typography_text};
use crate::model::{DecisionTree, NodeKind, Path, Pos, Verdict};

use super::site;

#[derive(Debug, Clone)]
pub struct PathsOptions {
    pub root: PathBuf,
    pub tree: String,
    /// Show the texts of this locale instead of ids.
    pub locale: Option<String>,
}

/// What `trees paths` prints, and the diagnostics of loading the site.
pub struct PathsReport {
    pub table: String,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn paths(options: &PathsOptions) -> PathsReport {
    let diagnostics = Diagnostics::new();
    let only: Vec<String> = options.locale.iter().cloned().collect();
    let table = site::load(&options.root, &only, &diagnostics).and_then(|loaded| {
        let Some(tree) = loaded.site.tree(&options.tree) else {
            let known: Vec<&str> = loaded.site.trees.iter().map(|t| t.id.as_str()).collect();
            diagnostics.push(
                Diagnostic::error(
                    format!("content/decision-trees/{}.toml", options.tree),
                    Pos { line: 1, column: 1 },
                    format!("no decision tree `{}`", options.tree),
                )
                .with_hint(format!("trees of this site: {}", known.join(", "))),
            );
            return None;
        };
        Some(match &options.locale {
            Some(locale) => localized(tree, &loaded.messages, locale),
            None => by_ids(tree),
        })
    });
    PathsReport {
        table: table.unwrap_or_default(),
        diagnostics: crate::diagnostic::settle_notes(diagnostics.into_sorted(), false, false),
    }
}

fn header(tree: &DecisionTree, paths: &[Path]) -> String {
    format!(
        "# {}: {} paths from `{}`\n",
        tree.id,
        paths.len(),
        tree.start
    )
}

/// `1. production=yes situation=down business=yes -> p1-critical (P1)`
fn by_ids(tree: &DecisionTree) -> String {
    let paths = tree.paths();
    let mut out = header(tree, &paths);
    for (i, path) in paths.iter().enumerate() {
        let steps: Vec<String> = path
            .steps
            .iter()
            .map(|(node, answer)| format!("{}={}", node.id, answer.id))
            .collect();
        let _ = writeln!(
            out,
            "{}. {} -> {} ({})",
            i + 1,
            steps.join(" "),
            path.outcome.id,
            verdict(path).name()
        );
    }
    out
}

/// `1. Question? Answer | Question? Answer -> Priority P1 (p1-critical)`
fn localized(tree: &DecisionTree, messages: &Messages, locale: &str) -> String {
    let text = |id: &str| {
        apply_typography_text(
            &messages.get(locale, id).unwrap_or_else(|| id.to_string()),
            locale,
        )
    };
    let paths = tree.paths();
    let mut out = header(tree, &paths);
    let _ = writeln!(out, "# {}", text(&tree.title));
    for (i, path) in paths.iter().enumerate() {
        let steps: Vec<String> = path
            .steps
            .iter()
            .map(|(node, answer)| format!("{} {}", text(&node.text), text(&answer.label)))
            .collect();
        let verdict_text = match verdict(path) {
            Verdict::Priority(p) => {
                let mut args = FluentArgs::new();
                args.set("priority", p.name());
                messages
                    .format(locale, "tree-verdict-priority", Some(&args))
                    .unwrap_or_else(|| p.name().to_string())
            }
            Verdict::Action(a) => text(&format!("tree-action-{}", a.name())),
        };
        let _ = writeln!(
            out,
            "{}. {} -> {} ({})",
            i + 1,
            steps.join(" | "),
            apply_typography_text(&verdict_text, locale),
            path.outcome.id
        );
    }
    out
}

fn verdict(path: &Path) -> Verdict {
    match &path.outcome.kind {
        NodeKind::Outcome { verdict, .. } => *verdict,
        NodeKind::Question { .. } => unreachable!("paths end at outcomes"),
    }
}
