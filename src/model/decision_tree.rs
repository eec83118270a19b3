//! Decision trees: questions with answers leading to other questions or to outcomes
//! (a priority such as P1, or an action such as escalate). Texts are Fluent ids, so
//! one tree serves every locale; node and answer ids never change between locales.

use super::block::Pos;

#[derive(Debug, Clone, PartialEq)]
pub struct DecisionTree {
    pub id: String,
    /// `content/decision-trees/<id>.toml`, for diagnostics.
    pub source: String,
    /// Fluent ids.
    pub title: String,
    pub intro: Option<String>,
    pub start: String,
    /// In file order.
    pub nodes: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    /// Fluent id of the question, or of the outcome's explanation.
    pub text: String,
    pub help: Option<String>,
    pub kind: NodeKind,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Question {
        answers: Vec<Answer>,
    },
    Outcome {
        verdict: Verdict,
        link: Option<PageLink>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub id: String,
    /// Fluent id of the label.
    pub label: String,
    pub next: String,
    pub pos: Pos,
}

/// What an outcome recommends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Priority(Priority),
    Action(Action),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    P1,
    P2,
    P3,
    P4,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Escalate,
    RaiseToP1,
    DoNotEscalate,
}

/// A guide page, by its path below `content/<locale>/`, in whatever locale renders it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    pub path: String,
    pub anchor: Option<String>,
    pub pos: Pos,
}

impl Priority {
    pub const ALL: [Priority; 4] = [Priority::P1, Priority::P2, Priority::P3, Priority::P4];

    pub fn name(self) -> &'static str {
        match self {
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
            Priority::P4 => "P4",
        }
    }
}

impl Action {
    pub const ALL: [Action; 3] = [Action::Escalate, Action::RaiseToP1, Action::DoNotEscalate];

    pub fn name(self) -> &'static str {
        match self {
            Action::Escalate => "escalate",
            Action::RaiseToP1 => "raise-to-p1",
            Action::DoNotEscalate => "do-not-escalate",
        }
    }
}

impl Verdict {
    /// `P1` or `escalate`: the value written in rules files and data attributes.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Priority(p) => p.name(),
            Verdict::Action(a) => a.name(),
        }
    }
}

impl DecisionTree {
    /// Every Fluent id the tree uses, with where it is used.
    pub fn message_uses(&self) -> Vec<(String, Pos)> {
        let top = Pos { line: 1, column: 1 };
        let mut uses = vec![(self.title.clone(), top)];
        uses.extend(self.intro.iter().map(|i| (i.clone(), top)));
        for node in &self.nodes {
            uses.push((node.text.clone(), node.pos));
            uses.extend(node.help.iter().map(|h| (h.clone(), node.pos)));
            if let NodeKind::Question { answers } = &node.kind {
                uses.extend(answers.iter().map(|a| (a.label.clone(), a.pos)));
            }
        }
        uses
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// Every path from the start to an outcome, answers in file order: the order of
    /// `folio trees paths`, of the printed steps, and of the browser tests.
    pub fn paths(&self) -> Vec<Path<'_>> {
        let mut paths = Vec::new();
        let mut taken = Vec::new();
        if let Some(start) = self.node(&self.start) {
            self.walk(start, &mut taken, &mut paths);
        }
        paths
    }

    fn walk<'a>(
        &'a self,
        node: &'a Node,
        taken: &mut Vec<(&'a Node, &'a Answer)>,
        paths: &mut Vec<Path<'a>>,
    ) {
        match &node.kind {
            NodeKind::Outcome { .. } => paths.push(Path {
                steps: taken.clone(),
                outcome: node,
            }),
            NodeKind::Question { answers } => {
                for answer in answers {
                    // Validation rejects cycles; this guard keeps a bad tree finite anyway.
                    if taken.iter().any(|(n, _)| n.id == node.id) {
                        continue;
                    }
                    if let Some(next) = self.node(&answer.next) {
                        taken.push((node, answer));
                        self.walk(next, taken, paths);
                        taken.pop();
                    }
                }
            }
        }
    }

    /// Reachable nodes in topological order (every answer leads forward), ties broken
    /// by breadth-first discovery from the start: the numbering of printed steps.
    pub fn reading_order(&self) -> Vec<&Node> {
        let discovered = self.breadth_first();
        let index = |id: &str| discovered.iter().position(|n| n.id == id);
        let mut incoming = vec![0usize; discovered.len()];
        for node in &discovered {
            for next in successors(node) {
                if let Some(i) = index(next) {
                    incoming[i] += 1;
                }
            }
        }
        let mut order: Vec<&Node> = Vec::with_capacity(discovered.len());
        let mut done = vec![false; discovered.len()];
        // Ready nodes are taken in discovery order; with a cycle (rejected by
        // validation) the rest follow in discovery order.
        while let Some(i) = (0..discovered.len())
            .find(|&i| !done[i] && incoming[i] == 0)
            .or_else(|| (0..discovered.len()).find(|&i| !done[i]))
        {
            done[i] = true;
            order.push(discovered[i]);
            for next in successors(discovered[i]) {
                if let Some(j) = index(next) {
                    incoming[j] = incoming[j].saturating_sub(1);
                }
            }
        }
        order
    }

    fn breadth_first(&self) -> Vec<&Node> {
        let mut order: Vec<&Node> = Vec::new();
        let mut queue = std::collections::VecDeque::new();
        queue.extend(self.node(&self.start));
        while let Some(node) = queue.pop_front() {
            if order.iter().any(|n| n.id == node.id) {
                continue;
            }
            order.push(node);
            queue.extend(successors(node).filter_map(|id| self.node(id)));
        }
        order
    }
}

fn successors(node: &Node) -> impl Iterator<Item = &str> {
    let answers: &[Answer] = match &node.kind {
        NodeKind::Question { answers } => answers,
        NodeKind::Outcome { .. } => &[],
    };
    answers.iter().map(|a| a.next.as_str())
}

/// One way through a tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Path<'a> {
    pub steps: Vec<(&'a Node, &'a Answer)>,
    pub outcome: &'a Node,
}
