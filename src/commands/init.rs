//! `folio init DIR`: a new site that builds at once — config, two pages, a small
//! decision tree and its texts — with comments that teach the format.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Pos;

/// The files of a new site, relative to its folder.
const FILES: &[(&str, &str)] = &[
    ("folio.toml", include_str!("init/folio.toml")),
    ("content/en/index.md", include_str!("init/index.md")),
    (
        "content/en/getting-started.md",
        include_str!("init/getting-started.md"),
    ),
    (
        "content/decision-trees/choose.toml",
        include_str!("init/choose.toml"),
    ),
    ("locales/en/ui.ftl", include_str!("init/ui.ftl")),
    (
        "locales/en/decision-trees.ftl",
        include_str!("init/decision-trees.ftl"),
    ),
    (".gitignore", "/public\n"),
];

/// Writes the new site; refuses a folder that already has files.
pub fn run(dir: &Path, diagnostics: &Diagnostics) -> Vec<String> {
    let shown = dir.display().to_string();
    let occupied = std::fs::read_dir(dir)
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false);
    if occupied {
        diagnostics.push(
            Diagnostic::error(
                &shown,
                Pos { line: 1, column: 1 },
                "the folder is not empty",
            )
            .with_hint("choose a new folder: folio init creates it"),
        );
        return Vec::new();
    }
    let mut written = Vec::new();
    for (path, text) in FILES {
        let target = dir.join(path);
        let result = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, text));
        match result {
            Ok(()) => written.push(path.to_string()),
            Err(err) => {
                diagnostics.push(
                    Diagnostic::error(
                        target.display().to_string(),
                        Pos { line: 1, column: 1 },
                        format!("cannot write: {err}"),
                    )
                    .with_hint("check that the folder is writable"),
                );
                break;
            }
        }
    }
    written
}
