//! Rules files (`content/decision-trees/<id>.toml`) to `DecisionTree`s, validated.
//!
//! Every structural mistake is reported at its line and column: unknown keys,
//! duplicate ids, a missing or unknown start, answers leading nowhere, unreachable
//! nodes, cycles, questions with fewer than two answers, outcomes with answers,
//! leaves that are not outcomes, unknown priorities and actions. Fluent ids and page
//! links are checked later, against the locales and pages of the site.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics, pos_at, suggest};
use crate::model::{
    Action, Answer, DecisionTree, Node, NodeKind, PageLink, Pos, Priority, SourceFile, Verdict,
};

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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    id: Spanned<String>,
    text: Spanned<String>,
    help: Option<Spanned<String>>,
    #[serde(default)]
    answers: Vec<Spanned<RawAnswer>>,
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

const TREE_KEYS: &[&str] = &["id", "title", "intro", "start", "node"];
const NODE_KEYS: &[&str] = &[
    "id", "text", "help", "answers", "priority", "action", "link",
];
const ANSWER_KEYS: &[&str] = &["id", "label", "next"];

/// Parses and validates one rules file; `None` when it cannot be used at all.
pub fn parse(file: &SourceFile, diagnostics: &Diagnostics) -> Option<DecisionTree> {
    let raw: RawTree = match toml::from_str(&file.text) {
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
    let checker = Checker {
        file,
        diagnostics,
        broken: Default::default(),
    };
    checker.build(raw)
}

/// serde does not say which table an unknown key is in; the expected keys it lists do.
fn known_keys_for(message: &str) -> &'static [&'static str] {
    if message.contains("`next`") {
        ANSWER_KEYS
    } else if message.contains("`answers`") {
        NODE_KEYS
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
        let verdict = self.verdict(&raw);
        let kind = match (raw.answers.is_empty(), verdict) {
            (false, Some(_)) => {
                let at = raw
                    .priority
                    .as_ref()
                    .or(raw.action.as_ref())
                    .map_or(span, |s| s.span());
                self.error(at, format!("node `{id}` has both answers and an outcome"), "a question has answers; an outcome has a priority or an action: split it in two nodes");
                return None;
            }
            (true, None) if raw.priority.is_none() && raw.action.is_none() => {
                self.error(
                    raw.id.span(),
                    format!("node `{id}` is a leaf but not an outcome"),
                    "give it `answers` (a question) or a `priority` / `action` (an outcome)",
                );
                return None;
            }
            (true, None) => return None, // an unknown priority or action, reported
            (true, Some(verdict)) => NodeKind::Outcome {
                verdict,
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

    fn verdict(&self, raw: &RawNode) -> Option<Verdict> {
        match (&raw.priority, &raw.action) {
            (Some(_), Some(a)) => {
                self.error(
                    a.span(),
                    format!(
                        "node `{}` has both a priority and an action",
                        raw.id.get_ref()
                    ),
                    "an outcome recommends one thing: keep `priority` or `action`",
                );
                None
            }
            (Some(p), None) => match Priority::ALL.iter().find(|k| k.name() == p.get_ref()) {
                Some(priority) => Some(Verdict::Priority(*priority)),
                None => {
                    self.error(
                        p.span(),
                        format!("unknown priority `{}`", p.get_ref()),
                        "priorities are P1, P2, P3 and P4",
                    );
                    None
                }
            },
            (None, Some(a)) => match Action::ALL.iter().find(|k| k.name() == a.get_ref()) {
                Some(action) => Some(Verdict::Action(*action)),
                None => {
                    let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                    let hint = match suggest(a.get_ref(), &names) {
                        Some(close) => {
                            format!("did you mean `{close}`? Actions: {}", names.join(", "))
                        }
                        None => format!("actions: {}", names.join(", ")),
                    };
                    self.error(a.span(), format!("unknown action `{}`", a.get_ref()), hint);
                    None
                }
            },
            (None, None) => None,
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
