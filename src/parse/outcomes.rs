//! Outcome declarations: the `[[outcome]]` entries of a rules file and of the shared
//! `content/decision-trees/_outcomes.toml`, and the scope a result node's
//! `outcome = "id"` is looked up in (the tree's own declarations, then the shared ones).
//!
//! The `priority = "P1"` and `action = "escalate"` keys of earlier rules files stay a
//! shorthand for `outcome = "p1"` / `outcome = "escalate"`: the site's declaration of
//! that id wins, else the built-in one below (data too, labelled by the theme's strings),
//! so a site written before outcomes were declared builds as it did.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics, pos_at, suggest};
use crate::model::{DecisionTree, NodeKind, Outcome, OutcomeClass, Pos, SourceFile};

use super::toml_diagnostic;

/// The shared declarations' file, as the site's files are named.
pub const SHARED_FILE: &str = "content/decision-trees/_outcomes.toml";

/// What the shorthand keys map onto, unless the site declares the same ids.
const BUILT_IN: &str = r#"
[[outcome]]
id = "p1"
label = "tree-priority-p1"
rank = 1
class = "critical"
badge = "P1"

[[outcome]]
id = "p2"
label = "tree-priority-p2"
rank = 2
class = "high"
badge = "P2"

[[outcome]]
id = "p3"
label = "tree-priority-p3"
rank = 3
class = "normal"
badge = "P3"

[[outcome]]
id = "p4"
label = "tree-priority-p4"
rank = 4
class = "low"
badge = "P4"

[[outcome]]
id = "raise-to-p1"
label = "tree-action-raise-to-p1"
rank = 1
class = "critical"
badge = "P1"

[[outcome]]
id = "escalate"
label = "tree-action-escalate"
rank = 2
class = "critical"
badge = "↑"

[[outcome]]
id = "do-not-escalate"
label = "tree-action-do-not-escalate"
rank = 3
class = "low"
badge = "✓"
"#;

pub const BUILT_IN_SOURCE: &str = "(built-in outcomes)";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOutcome {
    id: Spanned<String>,
    label: Spanned<String>,
    rank: Option<Spanned<i64>>,
    class: Option<Spanned<String>>,
    badge: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShared {
    #[serde(default, rename = "outcome")]
    outcomes: Vec<Spanned<RawOutcome>>,
}

pub(super) const OUTCOME_KEYS: &[&str] = &["id", "label", "rank", "class", "badge"];

/// Parses `content/decision-trees/_outcomes.toml`; `None` when it is not valid TOML
/// of `[[outcome]]` entries (reported).
pub fn parse_shared(file: &SourceFile, diagnostics: &Diagnostics) -> Option<Vec<Outcome>> {
    match toml::from_str::<RawShared>(&file.text) {
        Ok(raw) => Some(declarations(file, raw.outcomes, diagnostics)),
        Err(err) => {
            let known: &[&str] = if err.message().contains("`label`") {
                OUTCOME_KEYS
            } else {
                &["outcome"]
            };
            diagnostics.push(toml_diagnostic(
                &file.path,
                &file.text,
                Pos { line: 1, column: 1 },
                &err,
                known,
            ));
            None
        }
    }
}

/// Checks one file's `[[outcome]]` entries; a mistaken entry is reported and left out.
pub(super) fn declarations(
    file: &SourceFile,
    raw: Vec<Spanned<RawOutcome>>,
    diagnostics: &Diagnostics,
) -> Vec<Outcome> {
    let error = |span: Range<usize>, message: String, hint: String| {
        diagnostics.push(
            Diagnostic::error(&file.path, pos_at(&file.text, span.start), message).with_hint(hint),
        );
    };
    let mut outcomes: Vec<Outcome> = Vec::new();
    for entry in raw {
        let entry = entry.into_inner();
        let id = entry.id.get_ref().clone();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            error(
                entry.id.span(),
                format!("outcome id `{id}` has characters other than a-z, 0-9 and -"),
                "result nodes name it in `outcome = \"...\"`; use e.g. \"sev-a\"".into(),
            );
        }
        if let Some(first) = outcomes.iter().find(|o| o.id == id) {
            error(
                entry.id.span(),
                format!("outcome `{id}` is declared twice in this file"),
                format!(
                    "the first `{id}` is at line {}; keep one declaration",
                    first.pos.line
                ),
            );
            continue;
        }
        let rank = match &entry.rank {
            Some(rank) => match u32::try_from(*rank.get_ref()) {
                Ok(r) if r >= 1 => Some(r),
                _ => {
                    error(
                        rank.span(),
                        format!("outcome rank `{}` is not 1 or more", rank.get_ref()),
                        "1 is the most urgent outcome, 2 the next, and so on".into(),
                    );
                    None
                }
            },
            None => None,
        };
        let class = match &entry.class {
            Some(class) => {
                let found = OutcomeClass::ALL
                    .into_iter()
                    .find(|c| c.name() == class.get_ref());
                if found.is_none() {
                    let names: Vec<&str> = OutcomeClass::ALL.iter().map(|c| c.name()).collect();
                    let hint = match suggest(class.get_ref(), &names) {
                        Some(close) => {
                            format!("did you mean `{close}`? Classes: {}", names.join(", "))
                        }
                        None => format!("classes: {}", names.join(", ")),
                    };
                    error(
                        class.span(),
                        format!("unknown outcome class `{}`", class.get_ref()),
                        hint,
                    );
                }
                found
            }
            None => None,
        };
        if let Some(badge) = &entry.badge
            && (badge.get_ref().trim().is_empty() || badge.get_ref().chars().count() > 4)
        {
            error(
                badge.span(),
                format!("badge `{}` is not 1 to 4 characters", badge.get_ref()),
                "the badge is a short mark beside the label, such as \"P1\" or \"A\"".into(),
            );
        }
        let outcome = Outcome {
            id,
            label: entry.label.into_inner(),
            rank,
            class,
            badge: entry.badge.map(Spanned::into_inner),
            source: file.path.clone(),
            pos: pos_at(&file.text, entry.id.span().start),
        };
        // A mistaken rank, class or badge is reported and left out; the outcome
        // stays, so the results naming it are not reported a second time.
        outcomes.push(outcome);
    }
    outcomes
}

fn built_in() -> Vec<Outcome> {
    let file = SourceFile {
        path: BUILT_IN_SOURCE.into(),
        text: BUILT_IN.into(),
    };
    let raw: RawShared = toml::from_str(BUILT_IN).unwrap_or(RawShared {
        outcomes: Vec::new(),
    });
    declarations(&file, raw.outcomes, &Diagnostics::new())
}

/// Where a result node's outcome id is looked up.
pub(super) struct Scope<'a> {
    pub own: Vec<Outcome>,
    pub shared: &'a [Outcome],
    /// `_outcomes.toml` could not be read: an id missing here may be declared there.
    pub shared_broken: bool,
}

impl Scope<'_> {
    /// `outcome = "id"`: declared in the tree, else in `_outcomes.toml`.
    pub fn declared(&self, id: &str) -> Option<&Outcome> {
        self.own.iter().chain(self.shared).find(|o| o.id == id)
    }

    /// Every id `outcome = ...` may name, for "did you mean".
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .own
            .iter()
            .chain(self.shared)
            .map(|o| o.id.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The shorthand `priority = "P1"` / `action = "escalate"`: a declared `p1` /
    /// `escalate` wins over the built-in one.
    pub fn shorthand(&self, id: &str) -> Option<Outcome> {
        self.declared(id)
            .cloned()
            .or_else(|| built_in().into_iter().find(|o| o.id == id))
    }
}

/// The shorthand values, for hints: (key, values).
pub(super) fn shorthand_values(key: &str) -> Vec<String> {
    let priorities = ["p1", "p2", "p3", "p4"];
    built_in()
        .into_iter()
        .map(|o| o.id)
        .filter(|id| (key == "priority") == priorities.contains(&id.as_str()))
        .map(|id| {
            if key == "priority" {
                id.to_uppercase()
            } else {
                id
            }
        })
        .collect()
}

/// A shared outcome that no tree names is a leftover or a typo: a warning at its
/// declaration.
pub fn check_shared_unused(shared: &[Outcome], trees: &[DecisionTree], diagnostics: &Diagnostics) {
    for outcome in shared {
        let used = trees.iter().flat_map(|t| &t.nodes).any(|n| {
            matches!(&n.kind, NodeKind::Outcome { outcome: o, .. }
                if o.id == outcome.id && o.source == outcome.source)
        });
        if !used {
            diagnostics.push(
                Diagnostic::warning(
                    &outcome.source,
                    outcome.pos,
                    format!("outcome `{}` is declared but no tree uses it", outcome.id),
                )
                .with_hint("name it in a result node (outcome = \"...\"), or remove it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_outcomes_are_valid_declarations() {
        let file = SourceFile {
            path: BUILT_IN_SOURCE.into(),
            text: BUILT_IN.into(),
        };
        let diagnostics = Diagnostics::new();
        let raw: RawShared = toml::from_str(BUILT_IN).expect("built-in outcomes parse");
        assert_eq!(declarations(&file, raw.outcomes, &diagnostics).len(), 7);
        assert!(diagnostics.into_sorted().is_empty());
        assert_eq!(shorthand_values("priority"), ["P1", "P2", "P3", "P4"]);
        assert_eq!(
            shorthand_values("action"),
            ["raise-to-p1", "escalate", "do-not-escalate"]
        );
    }

    #[test]
    fn bad_rank_class_and_badge_are_reported_at_their_place() {
        let text = "[[outcome]]\nid = \"a\"\nlabel = \"l\"\nrank = 0\nclass = \"critcal\"\n\n[[outcome]]\nid = \"b\"\nlabel = \"l\"\nbadge = \"toolong\"\n";
        let file = SourceFile {
            path: "content/decision-trees/_outcomes.toml".into(),
            text: text.into(),
        };
        let diagnostics = Diagnostics::new();
        assert_eq!(parse_shared(&file, &diagnostics).map(|o| o.len()), Some(2));
        let shown = crate::diagnostic::render(&diagnostics.into_sorted(), false);
        assert!(
            shown.contains("_outcomes.toml:4:8: error: outcome rank `0` is not 1 or more"),
            "{shown}"
        );
        assert!(
            shown.contains("_outcomes.toml:5:9: error: unknown outcome class `critcal`"),
            "{shown}"
        );
        assert!(shown.contains("did you mean `critical`?"), "{shown}");
        assert!(
            shown.contains("_outcomes.toml:10:9: error: badge `toolong` is not 1 to 4"),
            "{shown}"
        );
    }
}
