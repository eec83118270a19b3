//! `folio check [--external]`: everything a build would report, without writing, plus
//! what only a full review finds: interface messages nothing uses and, with
//! `--external`, links to other sites that no longer answer.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::external::{self, Policy};
use crate::load;
use crate::model::Site;
use crate::parse::messages;

use super::build::{PdfStep, Timings, compile};

pub struct CheckOptions {
    pub root: PathBuf,
    pub external: bool,
    /// Notes (links Folio publishes but cannot verify) become warnings.
    pub strict: bool,
}

/// Message ids the website's pages ask for by name, besides the body's labels, the
/// widget's strings, the PDF's and those in templates.
const PAGE_IDS: &[&str] = &[
    "site-title",
    "site-description",
    "language-name",
    "chooser-prompt",
    "not-found-title",
];

pub fn run(options: &CheckOptions) -> Vec<Diagnostic> {
    let diagnostics = Diagnostics::new();
    // Drafts are left out, as a build does: a link to one is a warning.
    if let Some(compiled) = compile(
        &options.root,
        &super::site::Select::default(),
        &diagnostics,
        &mut Timings::new(),
        PdfStep::Render,
        &|_| {},
        &crate::output::Discard::default(),
    ) {
        let site = &compiled.loaded.site;
        unused_messages(&options.root, site, &diagnostics);
        if options.external {
            diagnostics.extend(external::check(
                &external::links(&site.pages),
                Policy::default(),
            ));
        }
    }
    crate::diagnostic::settle_notes(diagnostics.into_sorted(), true, options.strict)
}

/// Messages of the source locale's files that no template, tree or renderer uses.
fn unused_messages(root: &std::path::Path, site: &Site, diagnostics: &Diagnostics) {
    let scratch = Diagnostics::new();
    let sources = load::site(root, &site.config.theme, &scratch);
    let by_code = PAGE_IDS
        .iter()
        .chain(crate::render::html::LABEL_IDS)
        .chain(crate::render::html::UI_IDS)
        .chain(crate::render::pdf::MESSAGE_IDS);
    let mut used: BTreeSet<String> = by_code.map(|s| s.to_string()).collect();
    for template in &sources.theme.templates {
        used.extend(
            template
                .text
                .split("t[\"")
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .map(str::to_string),
        );
    }
    used.extend(
        site.trees
            .iter()
            .flat_map(|t| t.message_uses())
            .map(|(id, _)| id),
    );
    used.extend(
        site.trees
            .iter()
            .flat_map(|t| t.outcomes())
            .map(|o| o.label.clone()),
    );
    let prefix = format!("locales/{}/", site.config.source_locale);
    for file in sources
        .messages
        .iter()
        .filter(|f| f.path.starts_with(&prefix))
    {
        let Some(parsed) = messages::parse(file, &scratch) else {
            continue;
        };
        for (id, pos) in parsed
            .ids
            .iter()
            .filter(|(id, _)| !id.starts_with('-') && !used.contains(id))
        {
            diagnostics.push(
                Diagnostic::warning(&file.path, *pos, format!("message `{id}` is never used"))
                    .with_hint(
                        "remove it, or use it in a template as t[\"…\"] or in a decision tree",
                    ),
            );
        }
    }
}
