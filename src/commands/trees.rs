//! `folio trees paths TREE [--locale L]`: every way through a tree, one line each, in
//! a stable order (answers in file order), as a golden table for reviews and tests,
//! then its outcomes by rank with how many paths reach each.
//! `folio trees graph TREE [--locale L] [--format svg|dot|mermaid]`: its flowchart,
//! drawn with what validation rejects marked in red when the tree is broken (the
//! diagnostics say what, the exit status is 1). `fault_diagrams`: the same red
//! drawings of a site's broken trees, for serve's error overlay.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::locale::{Messages, Texts, apply_typography_text};
use crate::model::{DecisionTree, Outcome, Path, Pos};
use crate::render::diagram;

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
        let tree = find_tree(&loaded.site, &options.tree, &diagnostics)?;
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

fn find_tree<'a>(
    site: &'a crate::model::Site,
    id: &str,
    diagnostics: &Diagnostics,
) -> Option<&'a DecisionTree> {
    let tree = site.tree(id);
    if tree.is_none() {
        let known: Vec<&str> = site.trees.iter().map(|t| t.id.as_str()).collect();
        diagnostics.push(
            Diagnostic::error(
                format!("content/decision-trees/{id}.toml"),
                Pos { line: 1, column: 1 },
                format!("no decision tree `{id}`"),
            )
            .with_hint(format!("trees of this site: {}", known.join(", "))),
        );
    }
    tree
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    Svg,
    Dot,
    Mermaid,
}

#[derive(Debug, Clone)]
pub struct GraphOptions {
    pub root: PathBuf,
    pub tree: String,
    /// The texts of this locale; the source locale's by default.
    pub locale: Option<String>,
    pub format: GraphFormat,
}

/// The flowchart the site shows, as a file of its own, its faults in red when the tree
/// has errors; nothing when the site does not load or has no such tree.
pub fn graph(options: &GraphOptions) -> PathsReport {
    let diagnostics = Diagnostics::new();
    let only: Vec<String> = options.locale.iter().cloned().collect();
    let table = site::load(&options.root, &only, &diagnostics).and_then(|loaded| {
        let tree = find_tree(&loaded.site, &options.tree, &diagnostics)?;
        let locale = options
            .locale
            .clone()
            .unwrap_or_else(|| loaded.site.config.source_locale.clone());
        let texts = Texts::new(&loaded.messages, &locale);
        let drawn = diagram::layout(
            tree,
            &texts,
            &diagram::Estimate,
            &diagram::Style::screen(),
            loaded.messages.is_rtl(&locale),
        );
        Some(match options.format {
            GraphFormat::Svg => {
                let title = texts.with_arg("tree-diagram-title", "title", &drawn.title);
                let desc = texts.get("tree-diagram-file-desc");
                diagram::svg(
                    &drawn,
                    &diagram::SvgOptions {
                        id: &format!("dt-{}-diagram", tree.id),
                        title: &title,
                        desc: &desc,
                        described_by: None,
                        links: false,
                    },
                )
            }
            GraphFormat::Dot => diagram::dot(&drawn),
            GraphFormat::Mermaid => diagram::mermaid(&drawn),
        })
    });
    PathsReport {
        table: table.unwrap_or_default(),
        diagnostics: crate::diagnostic::settle_notes(diagnostics.into_sorted(), false, false),
    }
}

/// Each tree of `loaded` with structural faults (unreachable nodes, answers leading
/// nowhere or back up), as `(rules file, SVG)` in the source locale's texts.
pub fn fault_diagrams(loaded: &site::Loaded) -> Vec<(String, String)> {
    let locale = &loaded.site.config.source_locale;
    let texts = Texts::new(&loaded.messages, locale);
    loaded
        .site
        .trees
        .iter()
        .filter_map(|tree| {
            let drawn = diagram::layout(
                tree,
                &texts,
                &diagram::Estimate,
                &diagram::Style::screen(),
                loaded.messages.is_rtl(locale),
            );
            if !drawn.has_faults() {
                return None;
            }
            let title = texts.with_arg("tree-diagram-title", "title", &drawn.title);
            let svg = diagram::svg(
                &drawn,
                &diagram::SvgOptions {
                    id: &format!("folio-errors-{}-diagram", tree.id),
                    title: &title,
                    desc: &texts.get("tree-diagram-file-desc"),
                    described_by: None,
                    links: false,
                },
            );
            Some((tree.source.clone(), svg))
        })
        .collect()
}

fn header(tree: &DecisionTree, paths: &[Path]) -> String {
    format!(
        "# {}: {} paths from `{}`\n",
        tree.id,
        paths.len(),
        tree.start
    )
}

/// `1. production=yes situation=down business=yes -> p1-critical (p1)`
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
            outcome_id(path)
        );
    }
    summary(tree, &paths, &mut out, |o| o.id.clone());
    out
}

fn outcome_id(path: &Path) -> String {
    path.result().map(|o| o.id.clone()).unwrap_or_default()
}

/// `# outcomes by rank: p1 (rank 1, critical): 1 path | ...`, so a writer sees at a
/// glance which outcomes the answers reach, and how often.
fn summary(
    tree: &DecisionTree,
    paths: &[Path],
    out: &mut String,
    name: impl Fn(&Outcome) -> String,
) {
    let parts: Vec<String> = tree
        .outcomes()
        .into_iter()
        .map(|outcome| {
            let count = paths
                .iter()
                .filter(|p| p.result().is_some_and(|o| o.id == outcome.id))
                .count();
            let mut about: Vec<String> = Vec::new();
            about.extend(outcome.rank.map(|r| format!("rank {r}")));
            about.extend(outcome.class.map(|c| c.name().to_string()));
            let about = if about.is_empty() {
                String::new()
            } else {
                format!(" ({})", about.join(", "))
            };
            format!(
                "{}{about}: {count} path{}",
                name(outcome),
                if count == 1 { "" } else { "s" }
            )
        })
        .collect();
    let _ = writeln!(out, "# outcomes by rank: {}", parts.join(" | "));
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
        let label = path.result().map(|o| text(&o.label)).unwrap_or_default();
        let _ = writeln!(
            out,
            "{}. {} -> {} ({})",
            i + 1,
            steps.join(" | "),
            label,
            path.outcome.id
        );
    }
    summary(tree, &paths, &mut out, |o| text(&o.label));
    out
}
