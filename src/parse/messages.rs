//! Fluent files (`locales/<locale>/*.ftl`) to resources, with syntax errors located.

use fluent_bundle::FluentResource;
use fluent_syntax::ast::Entry;

use crate::diagnostic::{Diagnostic, Diagnostics, pos_at};
use crate::model::{Pos, SourceFile};

/// One parsed `.ftl` file.
pub struct MessageFile {
    pub locale: String,
    pub path: String,
    pub resource: FluentResource,
    /// Message ids (terms with their leading `-`) and where each is defined.
    pub ids: Vec<(String, Pos)>,
}

/// Parses a file found at `locales/<locale>/<name>.ftl`. Entries after a syntax error
/// are still read, as Fluent recovers at the next entry.
pub fn parse(file: &SourceFile, diagnostics: &Diagnostics) -> Option<MessageFile> {
    // `locales/<locale>/x.ftl`, in a site or in a theme (`themes/<name>/locales/...`).
    let mut parts = file.path.split('/').skip_while(|p| *p != "locales");
    let locale = parts.nth(1)?.to_string();
    let resource = match FluentResource::try_new(file.text.clone()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for error in errors {
                diagnostics.push(
                    Diagnostic::error(&file.path, pos_at(&file.text, error.pos.start), format!("Fluent syntax error: {}", error.kind))
                        .with_hint("a message is `id = text` on one line; continuation lines are indented; ids use letters, digits and `-`"),
                );
            }
            resource
        }
    };
    let ids = resource
        .entries()
        .filter_map(|entry| match entry {
            Entry::Message(m) => Some(m.id.name.to_string()),
            Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .map(|id| {
            let pos = definition_pos(&file.text, &id);
            (id, pos)
        })
        .collect();
    Some(MessageFile {
        locale,
        path: file.path.clone(),
        resource,
        ids,
    })
}

pub(crate) fn definition_pos(text: &str, id: &str) -> Pos {
    text.lines()
        .position(|line| {
            line.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(Pos { line: 1, column: 1 }, |i| Pos {
            line: i as u32 + 1,
            column: 1,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_errors_are_located() {
        let file = SourceFile {
            path: "locales/fr/ui.ftl".into(),
            text: "nav-next = Suivant\nbroken\n-brand = Folio\n".into(),
        };
        let diagnostics = Diagnostics::new();
        let parsed = parse(&file, &diagnostics).unwrap();
        assert_eq!(parsed.locale, "fr");
        let ids: Vec<_> = parsed
            .ids
            .iter()
            .map(|(id, pos)| (id.as_str(), pos.line))
            .collect();
        assert_eq!(ids, [("nav-next", 1), ("-brand", 3)]);
        let diags = diagnostics.into_sorted();
        assert_eq!(diags.len(), 1);
        // Fluent reports where it expected `=`: after the id.
        assert_eq!(diags[0].pos, Pos { line: 2, column: 7 });
    }
}
