//! Fluent files of a locale compared with the source locale's, file by file:
//! missing and obsolete messages and terms, missing and obsolete attributes,
//! different variable sets, and syntax errors (a select expression without a default
//! variant is one), each at its file, line and column.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use serde::Serialize;

use crate::diagnostic::pos_at;
use crate::model::SourceFile;
use crate::parse::messages::definition_pos;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Problem {
    Missing,
    Obsolete,
    MissingAttribute,
    ObsoleteAttribute,
    Variables,
    ParseError,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// The file to change (the locale's own, even when it does not exist yet).
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub id: String,
    pub problem: Problem,
    pub detail: String,
}

/// What one entry (message or term) holds.
#[derive(Debug, Default)]
struct Shape {
    line: u32,
    attributes: BTreeSet<String>,
    variables: BTreeSet<String>,
}

/// A syntax error: line, column, message.
type SyntaxError = (u32, u32, String);

/// Entries of one file by id, and its syntax errors.
fn shapes(file: &SourceFile) -> (BTreeMap<String, Shape>, Vec<SyntaxError>) {
    let (resource, errors) = match fluent_syntax::parser::parse(file.text.as_str()) {
        Ok(resource) => (resource, Vec::new()),
        Err((resource, errors)) => (resource, errors),
    };
    let errors = errors
        .into_iter()
        .map(|e| {
            let pos = pos_at(&file.text, e.pos.start);
            (pos.line, pos.column, e.kind.to_string())
        })
        .collect();
    let mut out = BTreeMap::new();
    for entry in resource.body {
        let (id, value, attributes) = match entry {
            Entry::Message(m) => (m.id.name.to_string(), m.value, m.attributes),
            Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
            _ => continue,
        };
        let mut variables = BTreeSet::new();
        if let Some(value) = &value {
            pattern_variables(value, &mut variables);
        }
        for attribute in &attributes {
            pattern_variables(&attribute.value, &mut variables);
        }
        let line = definition_pos(&file.text, &id).line;
        out.insert(
            id,
            Shape {
                line,
                attributes: attributes.iter().map(|a| a.id.name.to_string()).collect(),
                variables,
            },
        );
    }
    (out, errors)
}

pub(crate) fn pattern_variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, out),
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
    }
}

fn inline_variables(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(format!("${}", id.name));
        }
        InlineExpression::FunctionReference { arguments, .. }
        | InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for positional in &arguments.positional {
                inline_variables(positional, out);
            }
            for named in &arguments.named {
                inline_variables(&named.value, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

/// Message counts of a comparison, for the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Messages and terms of the source locale.
    pub total: usize,
    /// Of those, present in the locale.
    pub translated: usize,
}

/// Compares `target` (files of `target_locale`) with `source` (files of the source
/// locale); files are matched by name.
pub fn compare(
    source: &[SourceFile],
    target: &[SourceFile],
    target_locale: &str,
) -> (Vec<Issue>, Counts) {
    let mut issues = Vec::new();
    let mut counts = Counts::default();
    let name = |f: &SourceFile| f.path.rsplit('/').next().unwrap_or_default().to_string();
    let targets: BTreeMap<String, &SourceFile> = target.iter().map(|f| (name(f), f)).collect();
    let source_names: BTreeSet<String> = source.iter().map(name).collect();
    for source_file in source {
        let file_name = name(source_file);
        let target_path = format!("locales/{target_locale}/{file_name}");
        let (wanted, _) = shapes(source_file);
        counts.total += wanted.len();
        let (have, errors) = targets
            .get(&file_name)
            .map(|f| shapes(f))
            .unwrap_or_default();
        for (line, column, message) in errors {
            issues.push(Issue {
                file: target_path.clone(),
                line,
                column,
                id: String::new(),
                problem: Problem::ParseError,
                detail: message,
            });
        }
        for (id, shape) in &wanted {
            let Some(theirs) = have.get(id) else {
                issues.push(Issue {
                    file: target_path.clone(),
                    line: 1,
                    column: 1,
                    id: id.clone(),
                    problem: Problem::Missing,
                    detail: format!("defined at {}:{}", source_file.path, shape.line),
                });
                continue;
            };
            counts.translated += 1;
            let at = |problem: Problem, detail: String| Issue {
                file: target_path.clone(),
                line: theirs.line,
                column: 1,
                id: id.clone(),
                problem,
                detail,
            };
            for attribute in shape.attributes.difference(&theirs.attributes) {
                issues.push(at(Problem::MissingAttribute, format!(".{attribute}")));
            }
            for attribute in theirs.attributes.difference(&shape.attributes) {
                issues.push(at(Problem::ObsoleteAttribute, format!(".{attribute}")));
            }
            if shape.variables != theirs.variables {
                let list = |set: &BTreeSet<String>| {
                    if set.is_empty() {
                        "none".to_string()
                    } else {
                        set.iter().cloned().collect::<Vec<_>>().join(", ")
                    }
                };
                issues.push(at(
                    Problem::Variables,
                    format!(
                        "source uses {}, translation uses {}",
                        list(&shape.variables),
                        list(&theirs.variables)
                    ),
                ));
            }
        }
        for (id, shape) in have.iter().filter(|(id, _)| !wanted.contains_key(*id)) {
            issues.push(Issue {
                file: target_path.clone(),
                line: shape.line,
                column: 1,
                id: id.clone(),
                problem: Problem::Obsolete,
                detail: "not in the source locale".into(),
            });
        }
    }
    for (file_name, file) in targets.iter().filter(|(n, _)| !source_names.contains(*n)) {
        let (have, _) = shapes(file);
        for (id, shape) in have {
            issues.push(Issue {
                file: format!("locales/{target_locale}/{file_name}"),
                line: shape.line,
                column: 1,
                id,
                problem: Problem::Obsolete,
                detail: "the source locale has no such file".into(),
            });
        }
    }
    issues.sort_by(|a, b| (&a.file, a.line, &a.id).cmp(&(&b.file, b.line, &b.id)));
    (issues, counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    #[test]
    fn every_kind_of_difference() {
        let source = [file(
            "locales/fr/ui.ftl",
            "a = A\nb = B { $n }\nc = C\n    .title = T\n-brand = Folio\nd = { $count ->\n    [one] un\n   *[other] { $count }\n}\n",
        )];
        let target = [file(
            "locales/de/ui.ftl",
            "a = A\nb = B\nc = C\n    .label = L\nextra = X\nd = { $count ->\n    [one] eins\n    [other] mehr\n}\n",
        )];
        let (issues, counts) = compare(&source, &target, "de");
        let found: Vec<(&str, Problem)> = issues
            .iter()
            .map(|i| (i.id.as_str(), i.problem.clone()))
            .collect();
        assert!(found.contains(&("b", Problem::Variables)), "{found:?}");
        assert!(found.contains(&("c", Problem::MissingAttribute)));
        assert!(found.contains(&("c", Problem::ObsoleteAttribute)));
        assert!(found.contains(&("-brand", Problem::Missing)));
        assert!(found.contains(&("extra", Problem::Obsolete)));
        // A select expression without a default variant does not parse.
        assert!(found.iter().any(|(_, p)| *p == Problem::ParseError));
        assert_eq!(counts.total, 5);
    }
}
