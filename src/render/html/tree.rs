//! Decision trees as HTML that works without JavaScript: every question is a section
//! whose answers link to the next section, every result a section with its declared
//! outcome (badge, label and colour class).
//! The theme's `decision-tree.js` turns that markup into a one-question-at-a-time
//! widget, reading questions, answers and strings from it, so the two cannot disagree.

use std::fmt::Write as _;

use pulldown_cmark_escape::{escape_href, escape_html};

use crate::locale::{Messages, Texts};
use crate::model::{DecisionTree, Href, Node, NodeKind, Page, Site};
use crate::render::diagram;

use super::links::UrlMap;

/// Interface strings of the widget, from the locale's Fluent files.
pub const UI_IDS: &[&str] = &[
    "tree-step",
    "tree-continue",
    "tree-back",
    "tree-restart",
    "tree-your-answers",
    "tree-recommendation",
    "tree-choose-answer",
    "tree-read-more",
    "tree-copy",
    "tree-copied",
    "tree-copy-failed",
    "tree-outcome",
    // Labels of the built-in outcomes that `priority = "P1"` / `action = ...` name.
    "tree-priority-p1",
    "tree-priority-p2",
    "tree-priority-p3",
    "tree-priority-p4",
    "tree-action-escalate",
    "tree-action-raise-to-p1",
    "tree-action-do-not-escalate",
];

pub struct TreeRenderer<'a> {
    pub site: &'a Site,
    pub messages: &'a Messages,
    pub urls: &'a UrlMap<'a>,
}

impl TreeRenderer<'_> {
    /// The tree `id` as embedded in `page`; empty when the tree does not exist
    /// (already reported).
    pub fn html(&self, id: &str, page: &Page) -> String {
        let Some(tree) = self.site.tree(id) else {
            return String::new();
        };
        let text = Texts::new(self.messages, &page.locale);
        let order = tree.reading_order();
        let mut out = String::with_capacity(8 * 1024);
        let _ = write!(
            out,
            "<section class=\"decision-tree\" id=\"dt-{id}\" data-tree=\"{id}\" data-start=\"{start}\" aria-labelledby=\"dt-{id}-title\"",
            id = esc(&tree.id),
            start = esc(&tree.start)
        );
        let widget_strings = UI_IDS.iter().filter(|ui| {
            !ui.starts_with("tree-action")
                && !ui.starts_with("tree-priority")
                && **ui != "tree-read-more"
        });
        for ui in widget_strings {
            let value = if *ui == "tree-step" {
                text.with_arg(ui, "number", "{n}")
            } else {
                text.get(ui)
            };
            let _ = write!(out, " data-t-{}=\"{}\"", &ui["tree-".len()..], esc(&value));
        }
        let _ = write!(
            out,
            ">\n<h3 class=\"tree-title\" id=\"dt-{}-title\">{}</h3>\n",
            esc(&tree.id),
            esc(&text.get(&tree.title))
        );
        if let Some(intro) = &tree.intro {
            let _ = writeln!(out, "<p class=\"tree-intro\">{}</p>", esc(&text.get(intro)));
        }
        let _ = writeln!(
            out,
            "<div class=\"tree-static\" id=\"dt-{}-steps\">",
            esc(&tree.id)
        );
        let mut step = 0;
        for node in &order {
            match &node.kind {
                NodeKind::Question { .. } => {
                    step += 1;
                    self.question(&mut out, tree, node, step, &text);
                }
                NodeKind::Outcome { .. } => self.outcome(&mut out, tree, node, page, &text),
            }
        }
        out.push_str("</div>\n");
        self.diagram(&mut out, tree, &text);
        out.push_str("</section>\n");
        out
    }

    /// The whole tree as a flowchart, folded under a disclosure: boxes link to the
    /// widget's steps, the theme's script marks the reader's path on it.
    fn diagram(&self, out: &mut String, tree: &DecisionTree, text: &Texts) {
        let rtl = self.messages.is_rtl(text.lang());
        let drawn = diagram::layout(
            tree,
            text,
            &diagram::Estimate,
            &diagram::Style::screen(),
            rtl,
        );
        let id = format!("dt-{}-diagram", tree.id);
        let show = text.get("tree-diagram-show");
        let title = text.with_arg("tree-diagram-title", "title", &drawn.title);
        let desc = text.get("tree-diagram-desc");
        let steps = format!("dt-{}-steps", tree.id);
        let _ = write!(
            out,
            "<details class=\"tree-diagram-panel\">\n<summary>{}</summary>\n<div class=\"tree-diagram-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}-title\">\n{}</div>\n</details>\n",
            esc(&show),
            diagram::svg(
                &drawn,
                &diagram::SvgOptions {
                    id: &id,
                    title: &title,
                    desc: &desc,
                    described_by: Some(&steps),
                    links: true,
                },
            )
        );
    }

    fn question(
        &self,
        out: &mut String,
        tree: &DecisionTree,
        node: &Node,
        step: usize,
        text: &Texts,
    ) {
        let NodeKind::Question { answers } = &node.kind else {
            return;
        };
        let _ = write!(
            out,
            "<section class=\"tree-node tree-node-question\" id=\"dt-{tree}-{node}\" data-node=\"{node}\">\n<h4><span class=\"tree-step\">{step_label}</span> <span class=\"tree-text\">{question}</span></h4>\n",
            tree = esc(&tree.id),
            node = esc(&node.id),
            step_label = esc(&text.with_arg("tree-step", "number", &step.to_string())),
            question = esc(&text.get(&node.text)),
        );
        if let Some(help) = &node.help {
            let _ = writeln!(out, "<p class=\"tree-help\">{}</p>", esc(&text.get(help)));
        }
        out.push_str("<ul class=\"tree-answers\">\n");
        for answer in answers {
            let _ = writeln!(
                out,
                "<li><a href=\"#dt-{tree}-{next}\" data-answer=\"{id}\" data-next=\"{next}\">{label}</a></li>",
                tree = esc(&tree.id),
                next = esc(&answer.next),
                id = esc(&answer.id),
                label = esc(&text.get(&answer.label)),
            );
        }
        out.push_str("</ul>\n</section>\n");
    }

    fn outcome(
        &self,
        out: &mut String,
        tree: &DecisionTree,
        node: &Node,
        page: &Page,
        text: &Texts,
    ) {
        let NodeKind::Outcome { outcome, link } = &node.kind else {
            return;
        };
        let class = outcome.class.map(|c| c.name());
        let _ = write!(
            out,
            "<section class=\"tree-node tree-node-outcome\" id=\"dt-{tree}-{node}\" data-node=\"{node}\" data-verdict=\"{verdict}\"{data_class}>\n<p class=\"tree-outcome-label\">{label}</p>\n<p class=\"tree-verdict\">",
            tree = esc(&tree.id),
            node = esc(&node.id),
            verdict = esc(&outcome.id),
            data_class = class.map_or(String::new(), |c| format!(" data-class=\"{c}\"")),
            label = esc(&text.get("tree-recommendation")),
        );
        if let Some(badge) = &outcome.badge {
            let _ = write!(
                out,
                "<span class=\"tree-badge{}\">{}</span> ",
                class.map_or(String::new(), |c| format!(" tree-badge-{c}")),
                esc(badge)
            );
        }
        let _ = writeln!(
            out,
            "<span class=\"tree-verdict-text\">{}</span></p>\n<p class=\"tree-why\">{}</p>",
            esc(&text.get(&outcome.label)),
            esc(&text.get(&node.text)),
        );
        if let Some(link) = link {
            let target = self
                .site
                .page(&page.locale, &link.path)
                .or_else(|| self.site.page(&self.site.config.source_locale, &link.path));
            if let Some(target) = target {
                let href = self.urls.href(
                    page,
                    &Href::Page {
                        locale: target.locale.as_str().into(),
                        path: target.path.as_str().into(),
                        anchor: link.anchor.as_deref().map(Into::into),
                    },
                );
                let mut escaped = String::new();
                let _ = escape_href(&mut escaped, &href);
                let _ = writeln!(
                    out,
                    "<p class=\"tree-more\"><a href=\"{escaped}\">{}</a></p>",
                    esc(&text.with_arg("tree-read-more", "page", &target.front.title))
                );
            }
        }
        out.push_str("</section>\n");
    }
}

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = escape_html(&mut out, text);
    out
}
