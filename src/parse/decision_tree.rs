//! Rules files (`content/decision-trees/<id>.toml`) to `DecisionTree`s, validated.
//!
//! Every structural mistake is reported at its line and column: unknown keys,
//! duplicate ids, a missing or unknown start, answers leading nowhere, unreachable
//! nodes, cycles, questions with fewer than two answers, results with answers,
//! leaves that are not results, outcomes that are not declared (see `outcomes`) and
//! declared outcomes no result names. Fluent ids and page links are checked later,
//! against the locales and pages of the site.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics, pos_at, suggest};
use crate::model::{Answer, DecisionTree, Node, NodeKind, Outcome, PageLink, Pos, SourceFile};

use super::outcomes::{OUTCOME_KEYS, RawOutcome, Scope, declarations, shorthand_values};
use super::toml_diagnostic;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTree {
    id: Spanned<String>,
    title: Spanned<String>,
    intro: Option<Spanned<String>>,
    start: Option<Spanned<String>>,
    #[serde(default, rename = "node")]
    nodes: Vec<Spanned<RawNode>>,
    #[serde(default, rename = "outcome")]
    outcomes: Vec<Spanned<RawOutcome>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    id: Spanned<String>,
    text: Spanned<String>,
    help: Option<Spanned<String>>,
    #[serde(default)]
    answers: Vec<Spanned<RawAnswer>>,
    outcome: Option<Spanned<String>>,
    /// Shorthand for `outcome = "p1"` (see `outcomes`).
    priority: Option<Spanned<String>>,
    action: Option<Spanned<String>>,
    link: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    id: Spanned<String>,
    label: Spanned<String>,
    next: Spanned<String>,
}

const TREE_KEYS: &[&str] = &["id", "title", "intro", "start", "node", "outcome"];
const NODE_KEYS: &[&str] = &[
    "id", "text", "help", "answers", "outcome", "priority", "action", "link",
];
const ANSWER_KEYS: &[&str] = &["id", "label", "next"];

/// Parses and validates one rules file, its results naming its own outcomes or the
/// `shared` ones (`_outcomes.toml`; `None` when that file could not be read, so that
/// its outcomes are not reported missing a second time); `None` when the rules file
/// cannot be used at all.
pub fn parse(
    file: &SourceFile,
    shared: Option<&[Outcome]>,
    diagnostics: &Diagnostics,
) -> Option<DecisionTree> {
    let mut raw: RawTree = match toml::from_str(&file.text) {
        Ok(raw) => raw,
        Err(err) => {
            let known = known_keys_for(err.message());
            diagnostics.push(toml_diagnostic(
                &file.path,
                &file.text,
                Pos { line: 1, column: 1 },
                &err,
                known,
            ));
            return None;
        }
    };
    let own = declarations(file, std::mem::take(&mut raw.outcomes), diagnostics);
    let checker = Checker {
        file,
        diagnostics,
        broken: Default::default(),
        scope: Scope {
            own,
            shared: shared.unwrap_or_default(),
            shared_broken: shared.is_none(),
        },
    };
    let tree = checker.build(raw)?;
    checker.check_own_unused(&tree);
    Some(tree)
}

/// serde does not say which table an unknown key is in; the expected keys it lists do.
fn known_keys_for(message: &str) -> &'static [&'static str] {
    if message.contains("`next`") {
        ANSWER_KEYS
    } else if message.contains("`answers`") {
        NODE_KEYS
    } else if message.contains("`rank`") {
        OUTCOME_KEYS
    } else {
        TREE_KEYS
    }
}

struct Checker<'a> {
    file: &'a SourceFile,
    diagnostics: &'a Diagnostics,
    /// Nodes dropped for a reported mistake: answers leading to them are not
    /// reported a second time.
    broken: std::cell::RefCell<Vec<String>>,
    scope: Scope<'a>,
}

impl Checker<'_> {
    fn pos(&self, span: Range<usize>) -> Pos {
        pos_at(&self.file.text, span.start)
    }

    fn error(&self, span: Range<usize>, message: String, hint: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(&self.file.path, self.pos(span), message).with_hint(hint));
    }

    fn build(&self, raw: RawTree) -> Option<DecisionTree> {
        let expected_id = self
            .file
            .path
            .rsplit('/')
            .next()
            .and_then(|n| n.strip_suffix(".toml"))
            .unwrap_or("");
        if raw.id.get_ref() != expected_id {
            self.error(
                raw.id.span(),
                format!(
                    "tree id `{}` differs from its file name `{expected_id}.toml`",
                    raw.id.get_ref()
                ),
                format!("set id = \"{expected_id}\" or rename the file; pages embed trees by id"),
            );
        }
        let mut nodes = Vec::new();
        let mut seen: HashMap<String, Range<usize>> = HashMap::new();
        for raw_node in raw.nodes {
            let span = raw_node.span();
            let raw_node = raw_node.into_inner();
            let id = raw_node.id.get_ref().clone();
            self.check_id(&raw_node.id, "node");
            if let Some(first) = seen.get(&id) {
                let first = self.pos(first.clone());
                self.error(
                    raw_node.id.span(),
                    format!("node id `{id}` is used twice"),
                    format!(
                        "the first `{id}` is at line {}; give each node its own id",
                        first.line
                    ),
                );
                continue;
            }
            seen.insert(id, raw_node.id.span());
            let id = raw_node.id.get_ref().clone();
            match self.node(raw_node, span) {
                Some(node) => nodes.push(node),
                None => self.broken.borrow_mut().push(id),
            }
        }
        let start = match raw.start {
            Some(start) => {
                let known = nodes.iter().any(|n| &n.id == start.get_ref())
                    || self.broken.borrow().contains(start.get_ref());
                if !known {
                    let ids: Vec<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
                    self.error(
                        start.span(),
                        format!("start node `{}` does not exist", start.get_ref()),
                        hint_for_id(start.get_ref(), &ids),
                    );
                }
                start.into_inner()
            }
            None => {
                self.diagnostics.push(
                    Diagnostic::error(
                        &self.file.path,
                        Pos { line: 1, column: 1 },
                        "the tree has no `start`",
                    )
                    .with_hint("add start = \"<id of the first question>\" at the top of the file"),
                );
                return None;
            }
        };
        let tree = DecisionTree {
            id: raw.id.into_inner(),
            source: self.file.path.clone(),
            title: raw.title.into_inner(),
            intro: raw.intro.map(Spanned::into_inner),
            start,
            nodes,
        };
        self.check_graph(&tree);
        Some(tree)
    }

    /// Ids appear in URLs: lowercase letters, digits and `-` keep them readable.
    fn check_id(&self, id: &Spanned<String>, what: &str) {
        let valid = !id.get_ref().is_empty()
            && id
                .get_ref()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            self.error(
                id.span(),
                format!(
                    "{what} id `{}` has characters other than a-z, 0-9 and -",
                    id.get_ref()
                ),
                "ids appear in shareable URLs; use e.g. \"service-down\"",
            );
        }
    }

    fn node(&self, raw: RawNode, span: Range<usize>) -> Option<Node> {
        let id = raw.id.get_ref().clone();
        let pos = self.pos(raw.id.span());
        let named = [&raw.outcome, &raw.priority, &raw.action]
            .into_iter()
            .flatten()
            .next();
        let outcome = self.outcome(&raw);
        let kind = match (raw.answers.is_empty(), outcome) {
            (false, Some(_)) => {
                let at = named.map_or(span, |s| s.span());
                self.error(
                    at,
                    format!("node `{id}` has both answers and an outcome"),
                    "a question has answers; a result has an `outcome`: split it in two nodes",
                );
                return None;
            }
            (true, None) if named.is_none() => {
                self.error(
                    raw.id.span(),
                    format!("node `{id}` is a leaf but not an outcome"),
                    "give it `answers` (a question) or an `outcome = \"...\"` (a result)",
                );
                return None;
            }
            (true, None) => return None, // an unknown outcome, reported
            (true, Some(outcome)) => NodeKind::Outcome {
                outcome,
                link: raw.link.map(|l| self.link(l)),
            },
            (false, None) => {
                if let Some(link) = &raw.link {
                    self.error(
                        link.span(),
                        format!("question `{id}` has a `link`"),
                        "links belong to outcomes; put the page link on the outcome node",
                    );
                }
                NodeKind::Question {
                    answers: self.answers(&id, raw.answers, raw.id.span()),
                }
            }
        };
        Some(Node {
            id,
            text: raw.text.into_inner(),
            help: raw.help.map(Spanned::into_inner),
            kind,
            pos,
        })
    }

    /// The declared outcome a result names, by `outcome` or by the shorthand keys.
    fn outcome(&self, raw: &RawNode) -> Option<Outcome> {
        let keys = [
            ("outcome", &raw.outcome),
            ("priority", &raw.priority),
            ("action", &raw.action),
        ];
        let given: Vec<(&str, &Spanned<String>)> = keys
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| (*k, v)))
            .collect();
        if let [(first, _), (second, value), ..] = given[..] {
            self.error(
                value.span(),
                format!(
                    "node `{}` has both `{first}` and `{second}`",
                    raw.id.get_ref()
                ),
                format!("a result names one outcome: keep `{first}`"),
            );
        }
        // With two keys (reported) the first still names the outcome, so that its
        // declaration is not reported as unused as well.
        let (key, value) = *given.first()?;
        if key == "outcome" {
            if let Some(outcome) = self.scope.declared(value.get_ref()) {
                return Some(outcome.clone());
            }
            if self.scope.shared_broken {
                return None; // perhaps declared in the unreadable _outcomes.toml
            }
            let ids = self.scope.ids();
            let declare = format!(
                "declare it with [[outcome]] id = \"{}\" label = \"<Fluent id>\" in this file or in content/decision-trees/_outcomes.toml",
                value.get_ref()
            );
            let hint = match suggest(value.get_ref(), &ids) {
                Some(close) => format!(
                    "did you mean `{close}`? Declared outcomes: {}",
                    ids.join(", ")
                ),
                None if ids.is_empty() => declare,
                None => format!("declared outcomes: {}; or {declare}", ids.join(", ")),
            };
            self.error(
                value.span(),
                format!("outcome `{}` is not declared", value.get_ref()),
                hint,
            );
            return None;
        }
        let values = shorthand_values(key);
        let known = values.iter().find(|v| *v == value.get_ref());
        match known {
            Some(v) => self.scope.shorthand(&v.to_lowercase()),
            None => {
                let names: Vec<&str> = values.iter().map(String::as_str).collect();
                let listed = match key {
                    "priority" => "priorities are P1, P2, P3 and P4".to_string(),
                    _ => format!("actions: {}", names.join(", ")),
                };
                let close = names
                    .iter()
                    .find(|n| n.eq_ignore_ascii_case(value.get_ref()))
                    .copied()
                    .or_else(|| suggest(value.get_ref(), &names));
                let hint = match close {
                    Some(close) => format!("did you mean `{close}`? The {listed}"),
                    None => format!(
                        "{listed}; for another scale declare your outcomes ([[outcome]] id = \"...\" label = \"...\") and write outcome = \"<id>\""
                    ),
                };
                self.error(
                    value.span(),
                    format!("unknown {key} `{}`", value.get_ref()),
                    hint,
                );
                None
            }
        }
    }

    /// An outcome the tree declares but none of its results names.
    fn check_own_unused(&self, tree: &DecisionTree) {
        for outcome in &self.scope.own {
            let used = tree.nodes.iter().any(|n| {
                matches!(&n.kind, NodeKind::Outcome { outcome: o, .. }
                    if o.id == outcome.id && o.source == outcome.source)
            });
            if !used {
                self.diagnostics.push(
                    Diagnostic::warning(
                        &self.file.path,
                        outcome.pos,
                        format!("outcome `{}` is declared but no result uses it", outcome.id),
                    )
                    .with_hint("name it in a result node (outcome = \"...\"), or remove it"),
                );
            }
        }
    }

    fn answers(
        &self,
        node: &str,
        raw: Vec<Spanned<RawAnswer>>,
        node_span: Range<usize>,
    ) -> Vec<Answer> {
        if raw.len() < 2 {
            self.error(
                node_span,
                format!(
                    "question `{node}` has {} answer{}",
                    raw.len(),
                    if raw.len() == 1 { "" } else { "s" }
                ),
                "a question needs two answers or more; with one, link its node directly",
            );
        }
        let mut answers: Vec<Answer> = Vec::new();
        for answer in raw {
            let answer = answer.into_inner();
            self.check_id(&answer.id, "answer");
            if answers.iter().any(|a| &a.id == answer.id.get_ref()) {
                self.error(
                    answer.id.span(),
                    format!(
                        "answer id `{}` is used twice in `{node}`",
                        answer.id.get_ref()
                    ),
                    "answer ids must differ within a question; they appear in shared links",
                );
                continue;
            }
            answers.push(Answer {
                id: answer.id.get_ref().clone(),
                label: answer.label.into_inner(),
                pos: self.pos(answer.next.span()),
                next: answer.next.into_inner(),
            });
        }
        answers
    }

    fn link(&self, raw: Spanned<String>) -> PageLink {
        let pos = self.pos(raw.span());
        let text = raw.into_inner();
        let (path, anchor) = match text.split_once('#') {
            Some((p, a)) => (p.to_string(), Some(a.to_string())),
            None => (text, None),
        };
        PageLink { path, anchor, pos }
    }

    /// Answers leading nowhere, nodes the start never reaches, and cycles.
    fn check_graph(&self, tree: &DecisionTree) {
        let ids: Vec<&str> = tree.nodes.iter().map(|n| n.id.as_str()).collect();
        for node in &tree.nodes {
            if let NodeKind::Question { answers } = &node.kind {
                let broken = self.broken.borrow();
                let dangling = answers
                    .iter()
                    .filter(|a| tree.node(&a.next).is_none() && !broken.contains(&a.next));
                for answer in dangling {
                    self.diagnostics.push(
                        Diagnostic::error(
                            &self.file.path,
                            answer.pos,
                            format!(
                                "answer `{}` of `{}` leads to `{}`, which does not exist",
                                answer.id, node.id, answer.next
                            ),
                        )
                        .with_hint(hint_for_id(&answer.next, &ids)),
                    );
                }
            }
        }
        // Without a start node (already reported) reachability means nothing.
        if tree.node(&tree.start).is_none() {
            return;
        }
        let reachable = reachable(tree);
        for node in tree
            .nodes
            .iter()
            .filter(|n| !reachable.contains_key(n.id.as_str()))
        {
            self.diagnostics.push(
                Diagnostic::error(
                    &self.file.path,
                    node.pos,
                    format!(
                        "node `{}` cannot be reached from the start `{}`",
                        node.id, tree.start
                    ),
                )
                .with_hint("make an answer lead to it, or remove it"),
            );
        }
        if let Some((from, answer)) = find_cycle(tree) {
            self.diagnostics.push(
                Diagnostic::error(&self.file.path, answer.pos, format!("answer `{}` of `{}` leads back to `{}`: the tree has a cycle", answer.id, from, answer.next))
                    .with_hint("every path must end at an outcome; point this answer to a later question or an outcome"),
            );
        }
    }
}

fn hint_for_id(id: &str, ids: &[&str]) -> String {
    match suggest(id, ids) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("nodes of this tree: {}", ids.join(", ")),
    }
}

fn reachable(tree: &DecisionTree) -> BTreeMap<&str, ()> {
    let mut seen = BTreeMap::new();
    let mut stack = vec![tree.start.as_str()];
    while let Some(id) = stack.pop() {
        if seen.insert(id, ()).is_some() {
            continue;
        }
        if let Some(Node {
            kind: NodeKind::Question { answers },
            ..
        }) = tree.node(id)
        {
            stack.extend(answers.iter().map(|a| a.next.as_str()));
        }
    }
    seen
}

/// The first answer (depth-first from the start) that closes a cycle.
fn find_cycle(tree: &DecisionTree) -> Option<(&str, &Answer)> {
    fn visit<'a>(
        tree: &'a DecisionTree,
        id: &'a str,
        path: &mut Vec<&'a str>,
        done: &mut Vec<&'a str>,
    ) -> Option<(&'a str, &'a Answer)> {
        if done.contains(&id) {
            return None;
        }
        path.push(id);
        if let Some(Node {
            kind: NodeKind::Question { answers },
            ..
        }) = tree.node(id)
        {
            for answer in answers {
                if path.contains(&answer.next.as_str()) {
                    return Some((id, answer));
                }
                if let Some(found) = visit(tree, &answer.next, path, done) {
                    return Some(found);
                }
            }
        }
        path.pop();
        done.push(id);
        None
    }
    visit(tree, &tree.start, &mut Vec::new(), &mut Vec::new())
}
