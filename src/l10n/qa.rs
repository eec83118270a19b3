//! The QA gate of `folio l10n check`: what a translated page or Fluent file breaks
//! that readers would otherwise find. A page is cut into units (heading, paragraph,
//! list item, quote, table row, code, tree embed, footnote) that are aligned with the
//! source page's by kind and order, and each aligned pair must carry the same link
//! targets, images, URLs, inline code and footnote references; headings must match in
//! number and level, and every tree the source embeds must be embedded. Fluent
//! entries must use the source's variables and give a variant for each CLDR plural
//! category of their locale. Everything here is pure: findings carry byte offsets
//! (pages) or lines (Fluent files) that the command turns into diagnostics.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, Variant, VariantKey,
};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use similar::{Algorithm, DiffOp, capture_diff_slices};
use unic_langid::LanguageIdentifier;

use crate::parse::markdown::DECISION_TREE_FENCE;

/// Something a unit carries that must survive translation, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub text: String,
    pub offset: usize,
}

/// What must match between a source unit and its translation, by category.
const CATEGORIES: [Category; 5] = [
    Category::Link,
    Category::Image,
    Category::Url,
    Category::Code,
    Category::Footnote,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Category {
    Link,
    Image,
    Url,
    Code,
    Footnote,
}

/// One unit of a page.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    pub kind: &'static str,
    pub offset: usize,
    /// 1 to 6 for headings.
    pub level: u8,
    marks: BTreeMap<Category, Vec<Mark>>,
    /// The tree a decision-tree fence embeds.
    pub tree: Option<String>,
}

/// A page cut into units, with its footnote definitions.
#[derive(Debug, Default)]
pub struct Outline {
    pub units: Vec<Unit>,
    definitions: Vec<Mark>,
}

/// One problem found in a translation: `offset` is a byte offset in the translated
/// body (pages) or `line` a line of the Fluent file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// A short name of the check, for JSON output and filtering.
    pub check: &'static str,
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

fn options() -> Options {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options
}

/// Cuts a Markdown body into units. A unit opens at the outermost block that is one
/// (a list item stops where a nested list starts: its items are units of their own)
/// and takes in what is inside it.
pub fn outline(body: &str) -> Outline {
    let mut out = Outline::default();
    let mut open: Option<(Unit, usize)> = None;
    let mut depth = 0usize;
    // Adjacent text events, scanned together for footnote references that name no
    // definition (pulldown-cmark leaves those as text) and bare URLs.
    let mut text: Option<(usize, usize)> = None;
    let mut in_tree = false;
    let parser = Parser::new_ext(body, options()).into_offset_iter();
    for (event, range) in parser {
        if !matches!(event, Event::Text(_))
            && let Some((start, end)) = text.take()
            && let Some((unit, _)) = open.as_mut()
        {
            scan_text(&body[start..end], start, unit);
        }
        match event {
            Event::Start(tag) => {
                if let Some((unit, at_depth)) = &open
                    && unit.kind == "item"
                    && matches!(tag, Tag::List(_))
                    && depth == at_depth + 1
                {
                    let (unit, _) = open.take().expect("open item");
                    out.units.push(unit);
                }
                if let Some((unit, _)) = open.as_mut() {
                    match &tag {
                        Tag::Link { dest_url, .. } => {
                            unit.mark(Category::Link, dest_url, range.start)
                        }
                        Tag::Image { dest_url, .. } => {
                            unit.mark(Category::Image, dest_url, range.start)
                        }
                        _ => {}
                    }
                    depth += 1;
                    continue;
                }
                let (kind, level) = match &tag {
                    Tag::Heading { level, .. } => ("heading", *level as u8),
                    Tag::Paragraph => ("paragraph", 0),
                    Tag::Item => ("item", 0),
                    Tag::BlockQuote(_) => ("quote", 0),
                    Tag::TableHead | Tag::TableRow => ("row", 0),
                    Tag::CodeBlock(CodeBlockKind::Fenced(info))
                        if info.split_whitespace().next() == Some(DECISION_TREE_FENCE) =>
                    {
                        in_tree = true;
                        ("tree", 0)
                    }
                    Tag::CodeBlock(_) => ("code", 0),
                    Tag::HtmlBlock => ("html", 0),
                    Tag::FootnoteDefinition(label) => {
                        out.definitions.push(Mark {
                            text: label.to_string(),
                            offset: range.start,
                        });
                        ("footnote", 0)
                    }
                    _ => ("", 0),
                };
                if !kind.is_empty() {
                    let unit = Unit {
                        kind,
                        offset: range.start,
                        level,
                        ..Unit::default()
                    };
                    open = Some((unit, depth));
                }
                depth += 1;
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                if matches!(tag, TagEnd::CodeBlock) {
                    in_tree = false;
                }
                if open.as_ref().is_some_and(|(_, at)| *at == depth) {
                    let (unit, _) = open.take().expect("open unit");
                    out.units.push(unit);
                }
            }
            Event::Text(t) => {
                if let Some((unit, _)) = open.as_mut() {
                    if in_tree {
                        unit.tree = Some(tree_id(&t));
                    } else {
                        text = match text {
                            Some((start, end)) if end == range.start => Some((start, range.end)),
                            Some((start, end)) => {
                                scan_text(&body[start..end], start, unit);
                                Some((range.start, range.end))
                            }
                            None => Some((range.start, range.end)),
                        };
                    }
                }
            }
            Event::Code(code) => {
                if let Some((unit, _)) = open.as_mut() {
                    unit.mark(Category::Code, &code, range.start);
                }
            }
            Event::FootnoteReference(label) => {
                if let Some((unit, _)) = open.as_mut() {
                    unit.mark(Category::Footnote, &label, range.start);
                }
            }
            _ => {}
        }
    }
    if let Some((start, end)) = text
        && let Some((unit, _)) = open.as_mut()
    {
        scan_text(&body[start..end], start, unit);
    }
    if let Some((unit, _)) = open {
        out.units.push(unit);
    }
    out
}

impl Unit {
    fn mark(&mut self, category: Category, text: &str, offset: usize) {
        self.marks.entry(category).or_default().push(Mark {
            text: text.to_string(),
            offset,
        });
    }

    fn marks(&self, category: Category) -> &[Mark] {
        self.marks.get(&category).map_or(&[], Vec::as_slice)
    }
}

/// `tree = "escalation"` gives `escalation`; anything else is kept whole, so two
/// fences still compare.
fn tree_id(text: &str) -> String {
    let trimmed = text.trim();
    trimmed
        .split('"')
        .nth(1)
        .filter(|_| trimmed.starts_with("tree"))
        .unwrap_or(trimmed)
        .to_string()
}

/// Bare URLs and footnote references left as text (their label has no definition).
fn scan_text(text: &str, start: usize, unit: &mut Unit) {
    let mut from = 0;
    while let Some(at) = text[from..].find("[^").map(|i| i + from) {
        let Some(close) = text[at..].find(']').map(|i| i + at) else {
            break;
        };
        let label = &text[at + 2..close];
        if !label.is_empty() && !label.contains(char::is_whitespace) {
            unit.mark(Category::Footnote, label, start + at);
        }
        from = close;
    }
    for scheme in ["https://", "http://"] {
        let mut from = 0;
        while let Some(at) = text[from..].find(scheme).map(|i| i + from) {
            let end = text[at..]
                .find(|c: char| c.is_whitespace() || "<>\"»)]".contains(c))
                .map_or(text.len(), |i| i + at);
            let url = text[at..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
            unit.mark(Category::Url, url, start + at);
            from = end;
        }
    }
}

/// Everything wrong in `translation` against `source`; `source_file` names the
/// source page in hints.
pub fn compare(source: &Outline, translation: &Outline, source_file: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let kinds = |o: &Outline| o.units.iter().map(|u| u.kind).collect::<Vec<_>>();
    let (theirs, ours) = (kinds(source), kinds(translation));
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &theirs, &ours) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            pairs.extend((0..len).map(|i| (old_index + i, new_index + i)));
        }
    }
    for &(s, t) in &pairs {
        compare_units(&source.units[s], &translation.units[t], &mut findings);
    }
    headings(source, translation, &pairs, source_file, &mut findings);
    footnotes(translation, &mut findings);
    // A tree the source embeds and the translation does not: shown where the unit
    // before it in the source went.
    let embedded: BTreeSet<&str> = translation
        .units
        .iter()
        .filter_map(|u| u.tree.as_deref())
        .collect();
    for (i, unit) in source.units.iter().enumerate() {
        let Some(tree) = unit.tree.as_deref() else {
            continue;
        };
        if embedded.contains(tree) {
            continue;
        }
        let offset = pairs
            .iter()
            .take_while(|(s, _)| *s < i)
            .last()
            .map_or(0, |&(_, t)| translation.units[t].offset);
        findings.push(Finding {
            check: "tree",
            offset,
            message: format!("the decision tree `{tree}` embedded in the source is missing"),
            hint: format!(
                "embed it as the source does (```decision-tree fence with tree = \"{tree}\"), see {source_file}"
            ),
        });
    }
    findings.sort_by(|a, b| (a.offset, &a.message).cmp(&(b.offset, &b.message)));
    findings
}

fn compare_units(source: &Unit, translation: &Unit, findings: &mut Vec<Finding>) {
    for category in CATEGORIES {
        let (name, check, hint) = match category {
            Category::Link => (
                "link target",
                "link",
                "links point where the source's do; translate the link text only",
            ),
            Category::Image => (
                "image",
                "image",
                "images are the source's; translate the alternative text only",
            ),
            Category::Url => ("URL", "url", "URLs are kept as the source writes them"),
            Category::Code => (
                "inline code",
                "code",
                "inline code is kept byte for byte: commands, names and values do not translate",
            ),
            Category::Footnote => (
                "footnote reference",
                "footnote",
                "keep one footnote reference where the source has one",
            ),
        };
        let mut missing: Vec<&Mark> = source.marks(category).iter().collect();
        let mut extra: Vec<&Mark> = Vec::new();
        for mark in translation.marks(category) {
            // Footnote labels are the translator's to choose: only their number counts.
            let found = missing
                .iter()
                .position(|m| category == Category::Footnote || m.text == mark.text);
            match found {
                Some(i) => {
                    missing.remove(i);
                }
                None => extra.push(mark),
            }
        }
        // A changed mark is told against the source's closest one: `--strikt` is
        // the `--strict` it was, not the `folio build` that went missing before it.
        let paired = missing.len().min(extra.len());
        let mut pairs = Vec::new();
        for ours in &extra[..paired] {
            let closest = (0..missing.len())
                .max_by(|&a, &b| {
                    let score = |i: usize| strsim::jaro_winkler(&missing[i].text, &ours.text);
                    score(a).total_cmp(&score(b)).then(b.cmp(&a))
                })
                .expect("one missing mark per extra one");
            pairs.push((missing.remove(closest), *ours));
        }
        for (theirs, ours) in pairs {
            findings.push(Finding {
                check,
                offset: ours.offset,
                message: format!(
                    "{name} `{}` differs from the source's `{}`",
                    ours.text, theirs.text
                ),
                hint: hint.to_string(),
            });
        }
        for theirs in &missing {
            findings.push(Finding {
                check,
                offset: translation.offset,
                message: format!(
                    "{name} `{}` of the source is missing in this {}",
                    theirs.text, translation.kind
                ),
                hint: hint.to_string(),
            });
        }
        for ours in &extra[paired..] {
            findings.push(Finding {
                check,
                offset: ours.offset,
                message: format!(
                    "{name} `{}` is not in the source's {}",
                    ours.text, source.kind
                ),
                hint: hint.to_string(),
            });
        }
    }
}

fn headings(
    source: &Outline,
    translation: &Outline,
    pairs: &[(usize, usize)],
    source_file: &str,
    findings: &mut Vec<Finding>,
) {
    let headings = |o: &Outline| {
        o.units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.kind == "heading")
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
    };
    let (theirs, ours) = (headings(source), headings(translation));
    let pairs: Vec<(usize, usize)> = if theirs.len() == ours.len() {
        theirs.into_iter().zip(ours).collect()
    } else {
        findings.push(Finding {
            check: "headings",
            offset: translation.units.first().map_or(0, |u| u.offset),
            message: format!(
                "{} heading{} where the source has {}",
                ours.len(),
                if ours.len() == 1 { "" } else { "s" },
                theirs.len()
            ),
            hint: format!(
                "translate each heading of {source_file} as one heading of the same level"
            ),
        });
        pairs
            .iter()
            .copied()
            .filter(|(s, _)| source.units[*s].kind == "heading")
            .collect()
    };
    for (s, t) in pairs {
        let (theirs, ours) = (&source.units[s], &translation.units[t]);
        if theirs.level != ours.level {
            findings.push(Finding {
                check: "headings",
                offset: ours.offset,
                message: format!(
                    "heading of level {} where the source's is of level {}",
                    ours.level, theirs.level
                ),
                hint: format!(
                    "use {} as the source does",
                    "#".repeat(usize::from(theirs.level))
                ),
            });
        }
    }
}

/// References without a definition and definitions nothing refers to.
fn footnotes(translation: &Outline, findings: &mut Vec<Finding>) {
    let defined: BTreeSet<&str> = translation
        .definitions
        .iter()
        .map(|d| d.text.as_str())
        .collect();
    let mut referred = BTreeSet::new();
    for unit in &translation.units {
        for mark in unit.marks(Category::Footnote) {
            let label = mark.text.as_str();
            if !defined.contains(label) {
                findings.push(Finding {
                    check: "footnote",
                    offset: mark.offset,
                    message: format!("footnote reference `[^{label}]` has no definition"),
                    hint: format!("add a `[^{label}]: ...` line, as the source does"),
                });
            }
            referred.insert(label);
        }
    }
    for definition in &translation.definitions {
        if !referred.contains(definition.text.as_str()) {
            findings.push(Finding {
                check: "footnote",
                offset: definition.offset,
                message: format!(
                    "footnote `[^{}]` is defined but nothing refers to it",
                    definition.text
                ),
                hint: "refer to it where the source does, or remove it".to_string(),
            });
        }
    }
}

/// The CLDR cardinal plural categories of a locale, by name (`one`, `few`...), found
/// by asking its rules about integers and decimals: the crate lists no categories.
/// `None` for a locale CLDR has no rules for.
pub fn plural_categories(locale: &str) -> Option<BTreeSet<&'static str>> {
    let id: LanguageIdentifier = locale.parse().ok()?;
    let rules = PluralRules::create(id.clone(), PluralRuleType::CARDINAL)
        .or_else(|_| {
            let language: LanguageIdentifier = id.language.as_str().parse().map_err(|_| "")?;
            PluralRules::create(language, PluralRuleType::CARDINAL)
        })
        .ok()?;
    let mut out = BTreeSet::new();
    let integers = (0..=1_200u32).map(|n| n.to_string());
    let others = ["1000000", "0.0", "0.5", "1.0", "1.5", "2.5", "10.1", "1.25"];
    for n in integers.chain(others.iter().map(|s| s.to_string())) {
        if let Ok(category) = rules.select(n.as_str()) {
            out.insert(category_name(&category));
        }
    }
    Some(out)
}

fn category_name(category: &PluralCategory) -> &'static str {
    match category {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

/// What the QA gate reads of a Fluent entry.
#[derive(Debug, Default)]
pub struct FluentEntry {
    pub line: u32,
    pub variables: BTreeSet<String>,
    /// The variant keys of each select expression on a number.
    plural_selects: Vec<BTreeSet<String>>,
}

/// The entries of a Fluent file by id (`-term` for terms); a file that does not parse
/// gives what parsed (its errors are the status comparison's to report).
pub fn fluent_entries(text: &str) -> BTreeMap<String, FluentEntry> {
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(resource) | Err((resource, _)) => resource,
    };
    let mut out = BTreeMap::new();
    for entry in resource.body {
        let (id, value, attributes) = match entry {
            Entry::Message(m) => (m.id.name.to_string(), m.value, m.attributes),
            Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
            _ => continue,
        };
        let mut shape = FluentEntry {
            line: crate::parse::messages::definition_pos(text, &id).line,
            ..FluentEntry::default()
        };
        let patterns = value.iter().chain(attributes.iter().map(|a| &a.value));
        for pattern in patterns {
            crate::l10n::messages::pattern_variables(pattern, &mut shape.variables);
            plural_selects(pattern, &mut shape.plural_selects);
        }
        out.insert(id, shape);
    }
    out
}

fn plural_selects(pattern: &Pattern<&str>, out: &mut Vec<BTreeSet<String>>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_selects(expression, out);
        }
    }
}

fn expression_selects(expression: &Expression<&str>, out: &mut Vec<BTreeSet<String>>) {
    match expression {
        Expression::Select { selector, variants } => {
            if is_plural(selector, variants) {
                out.push(
                    variants
                        .iter()
                        .map(|v| match &v.key {
                            VariantKey::Identifier { name } => name.to_string(),
                            VariantKey::NumberLiteral { value } => value.to_string(),
                        })
                        .collect(),
                );
            }
            for variant in variants {
                plural_selects(&variant.value, out);
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            expression_selects(expression, out)
        }
        Expression::Inline(_) => {}
    }
}

/// A selector on `NUMBER(...)`, or a variable whose variants name a plural category
/// besides `other` or a number: a selection on a string (`$gender`) is not one.
fn is_plural(selector: &InlineExpression<&str>, variants: &[Variant<&str>]) -> bool {
    match selector {
        InlineExpression::FunctionReference { id, .. } => id.name == "NUMBER",
        InlineExpression::VariableReference { .. } => variants.iter().any(|v| match &v.key {
            VariantKey::NumberLiteral { .. } => true,
            VariantKey::Identifier { name } => ["zero", "one", "two", "few", "many"].contains(name),
        }),
        _ => false,
    }
}

/// Variables of the source missing or unknown in the translation, and plural
/// categories of `locale` that a select expression gives no variant for. `offset` of
/// each finding is the line of the translated entry.
pub fn compare_fluent(
    source: &BTreeMap<String, FluentEntry>,
    translation: &BTreeMap<String, FluentEntry>,
    categories: Option<&BTreeSet<&'static str>>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (id, ours) in translation {
        let line = ours.line as usize;
        if let Some(theirs) = source.get(id) {
            for variable in theirs.variables.difference(&ours.variables) {
                findings.push(Finding {
                    check: "fluent-variable",
                    offset: line,
                    message: format!("`{id}` does not use `{variable}`, which the source's uses"),
                    hint: format!("place `{{ {variable} }}` where the sentence needs it"),
                });
            }
            for variable in ours.variables.difference(&theirs.variables) {
                findings.push(Finding {
                    check: "fluent-variable",
                    offset: line,
                    message: format!(
                        "`{id}` uses `{variable}`, which the source's message is not given"
                    ),
                    hint: format!(
                        "use only the source's variables: {}",
                        if theirs.variables.is_empty() {
                            "none".to_string()
                        } else {
                            theirs
                                .variables
                                .iter()
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    ),
                });
            }
        }
        let Some(categories) = categories else {
            continue;
        };
        for keys in &ours.plural_selects {
            let missing: Vec<&str> = categories
                .iter()
                .filter(|c| !keys.contains(**c))
                .copied()
                .collect();
            if !missing.is_empty() {
                findings.push(Finding {
                    check: "fluent-plural",
                    offset: line,
                    message: format!(
                        "`{id}` has no variant for the plural categor{} {}",
                        if missing.len() == 1 { "y" } else { "ies" },
                        missing
                            .iter()
                            .map(|c| format!("[{c}]"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    hint: format!(
                        "this locale's numbers fall into {}: give each its variant",
                        categories
                            .iter()
                            .map(|c| format!("[{c}]"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checks(source: &str, translation: &str) -> Vec<(&'static str, String)> {
        compare(&outline(source), &outline(translation), "content/fr/a.md")
            .into_iter()
            .map(|f| (f.check, f.message))
            .collect()
    }

    #[test]
    fn a_faithful_translation_has_no_finding() {
        let source = "# Titre\n\nVoir [la page](b.md#x) et `folio build`[^1], <https://example.com>.\n\n- un ![logo](logo.png)\n- deux\n\n```decision-tree\ntree = \"t\"\n```\n\n[^1]: Une note.\n";
        let translation = "# Title\n\nSee [the page](b.md#x) and `folio build`[^n], <https://example.com>.\n\n- one ![logo](logo.png)\n- two\n\n```decision-tree\ntree = \"t\"\n```\n\n[^n]: A note.\n";
        assert_eq!(checks(source, translation), []);
    }

    #[test]
    fn each_fault_is_found() {
        let source = "# Titre\n\n## Partie\n\nVoir [la page](b.md) et `ls -l`, https://example.com/a.\n\n![logo](logo.png)\n\nNote[^1].\n\n```decision-tree\ntree = \"t\"\n```\n\n[^1]: Une note.\n";
        let translation = "# Title\n\n### Part\n\nSee [the page](c.md) and `ls`, https://example.org/a.\n\n![logo](logo-en.png)\n\nNote[^2].\n";
        let found = checks(source, translation);
        let names: Vec<&str> = found.iter().map(|(c, _)| *c).collect();
        for check in [
            "link", "code", "url", "image", "footnote", "headings", "tree",
        ] {
            assert!(names.contains(&check), "{check}: {found:?}");
        }
    }

    #[test]
    fn plural_categories_follow_cldr() {
        let names = |l| {
            plural_categories(l)
                .unwrap()
                .into_iter()
                .collect::<Vec<_>>()
        };
        assert_eq!(names("en"), ["one", "other"]);
        assert_eq!(names("ja"), ["other"]);
        assert_eq!(names("pl"), ["few", "many", "one", "other"]);
        assert_eq!(names("pt-BR"), names("pt"));
        assert!(plural_categories("xx").is_none());
    }

    #[test]
    fn plural_variants_and_variables() {
        let source = fluent_entries("n = { $count ->\n    [one] un\n   *[other] { $count }\n}\n");
        let translation =
            fluent_entries("n = { $count ->\n    [one] jeden { $x }\n   *[other] { $count }\n}\n");
        let found: Vec<String> =
            compare_fluent(&source, &translation, plural_categories("pl").as_ref())
                .into_iter()
                .map(|f| f.message)
                .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("$x"));
        assert!(found[1].contains("[few], [many]"));
    }
}
