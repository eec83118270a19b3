//! What outdated translations lag behind in (their changed sections and blocks), set
//! on the model for `build` and `serve` alike: the source pages are read again from
//! the disk and, for `serve --translator`, from git as they were at each sync.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diagnostic::Diagnostics;
use crate::l10n::changed_sections::{BodyAt, SourceBodies, mark};
use crate::model::Page;

use super::l10n_history;

/// Marks the outdated translations among `pages` that `only` accepts; with
/// `translator`, their changed blocks carry the source's text.
pub fn mark_changes(
    root: &Path,
    pages: &mut [Page],
    source_locale: &str,
    translator: bool,
    only: impl Fn(&Page) -> bool,
) {
    let body = |text: String, path: &str| {
        let file = crate::model::SourceFile {
            path: path.to_string(),
            text,
        };
        let split = crate::parse::front_matter::parse(&file, &Diagnostics::new())?;
        Some(split.body.to_string())
    };
    let now = |path: &str| {
        let scratch = Diagnostics::new();
        let file = root.join("content").join(source_locale).join(path);
        let source = crate::load::page(root, &file, &scratch)?;
        body(source.file.text, &source.file.path)
    };
    // The source's texts at the sync, read by one git run for every page.
    let wanted: BTreeSet<(String, String)> = if translator {
        (pages.iter())
            .filter(|p| p.outdated && p.fallback.is_none() && p.locale != source_locale && only(p))
            .filter_map(|p| {
                let commit = p.front.l10n.as_ref()?.source_commit.clone()?;
                Some((commit, format!("content/{source_locale}/{}", p.path)))
            })
            .collect()
    } else {
        BTreeSet::new()
    };
    let old = l10n_history::old_texts(root, &wanted);
    let then = |path: &str, commit: &str| {
        let file = format!("content/{source_locale}/{path}");
        let text = old.get(&(commit.to_string(), file.clone()))?;
        body(text.clone(), &file)
    };
    let bodies = SourceBodies {
        now: &now,
        then: translator.then_some(&then as &BodyAt<'_>),
    };
    mark(pages, source_locale, only, &bodies);
}
