//! Decision trees: questions with answers leading to other questions or to results,
//! each result naming one of the outcomes the site declares (a priority such as P1,
//! "Severity A", "Escalate the case"...). Texts are Fluent ids, so one tree serves
//! every locale; node, answer and outcome ids never change between locales.

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
        /// The declaration this result names, resolved at parse time.
        outcome: Outcome,
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

/// A declared outcome (`[[outcome]]` in a rules file or in `_outcomes.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// What result nodes write: `outcome = "sev-a"`.
    pub id: String,
    /// Fluent id of its name, e.g. "Severity A".
    pub label: String,
    /// 1 is the most urgent; orders the outcome summaries.
    pub rank: Option<u32>,
    pub class: Option<OutcomeClass>,
    /// A short literal mark shown before the label ("P1", "A", "↑").
    pub badge: Option<String>,
    /// The file that declares it, for diagnostics.
    pub source: String,
    pub pos: Pos,
}

/// The theme's colour classes for outcomes, from the most to the least urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum OutcomeClass {
    Critical,
    High,
    Normal,
    Low,
    Info,
}

impl OutcomeClass {
    pub const ALL: [OutcomeClass; 5] = [
        OutcomeClass::Critical,
        OutcomeClass::High,
        OutcomeClass::Normal,
        OutcomeClass::Low,
        OutcomeClass::Info,
    ];

    /// As written in rules files and in CSS class names.
    pub fn name(self) -> &'static str {
        match self {
            OutcomeClass::Critical => "critical",
            OutcomeClass::High => "high",
            OutcomeClass::Normal => "normal",
            OutcomeClass::Low => "low",
            OutcomeClass::Info => "info",
        }
    }
}

/// A guide page, by its path below `content/<locale>/`, in whatever locale renders it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    pub path: String,
    pub anchor: Option<String>,
    pub pos: Pos,
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

    /// The outcomes its results name, each once: by rank (unranked last), then in
    /// the order the results first appear in the file.
    pub fn outcomes(&self) -> Vec<&Outcome> {
        let mut outcomes: Vec<&Outcome> = Vec::new();
        for node in &self.nodes {
            if let NodeKind::Outcome { outcome, .. } = &node.kind
                && !outcomes.iter().any(|o| o.id == outcome.id)
            {
                outcomes.push(outcome);
            }
        }
        outcomes.sort_by_key(|o| o.rank.unwrap_or(u32::MAX));
        outcomes
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

impl Path<'_> {
    /// The declared outcome the path ends at.
    pub fn result(&self) -> Option<&Outcome> {
        match &self.outcome.kind {
            NodeKind::Outcome { outcome, .. } => Some(outcome),
            NodeKind::Question { .. } => None,
        }
    }
}
