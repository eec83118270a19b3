//! Front matter: TOML between `+++` lines, or YAML between `---` lines (so pages from
//! Hugo, Jekyll and Docusaurus move in unchanged). Unknown keys are errors: a typo
//! such as `tittle` must not silently drop a page's title. Keys of other tools that
//! Folio reads past are sorted out in `foreign_keys`.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{FrontMatter, Pos, SourceFile};

use super::{deserialize_diagnostic, foreign_keys, toml_diagnostic};

/// A page split into its front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    pub front: FrontMatter,
    pub body: &'a str,
    /// Where the body starts in the file (0-based line count before it).
    pub body_line_offset: u32,
}

pub fn parse<'a>(file: &'a SourceFile, diagnostics: &Diagnostics) -> Option<Split<'a>> {
    let text = file.text.as_str();
    // mdBook and GitHub pages have none: their title comes from their first heading.
    let Some((fence, format)) = opening_fence(text) else {
        return Some(without_front_matter(text));
    };
    let after_open = text[fence.len()..]
        .trim_start_matches(['\r'])
        .strip_prefix('\n')
        .unwrap_or("");
    let header_start = text.len() - after_open.len();
    let Some((header_len, body_start)) = closing_fence(after_open, fence) else {
        // A page may open with a thematic break (`---`) and no front matter at all.
        if matches!(format, Format::Yaml) {
            return Some(without_front_matter(text));
        }
        diagnostics.push(
            Diagnostic::error(
                &file.path,
                Pos { line: 1, column: 1 },
                format!("front matter opened with `{fence}` is never closed"),
            )
            .with_hint(format!("add a line with only `{fence}` after the last key")),
        );
        return None;
    };
    let header = &after_open[..header_len];
    let base = Pos { line: 2, column: 1 };
    // Keys no field takes are sorted out afterwards: other tools' keys are read past.
    let mut skipped = Vec::new();
    let mut skip = |path: serde_ignored::Path| skipped.push(path.to_string());
    let front = match format {
        Format::Toml => toml::Deserializer::parse(header)
            .and_then(|de| serde_ignored::deserialize(de, &mut skip))
            .map_err(|err| toml_diagnostic(&file.path, header, base, &err, FrontMatter::KEYS)),
        Format::Yaml => {
            let de = serde_yaml_ng::Deserializer::from_str(header);
            serde_ignored::deserialize(de, &mut skip).map_err(|err| {
                let offset = err.location().map(|l| l.index());
                deserialize_diagnostic(
                    &file.path,
                    header,
                    base,
                    offset,
                    &err.to_string(),
                    FrontMatter::KEYS,
                )
            })
        }
    };
    let mut front: FrontMatter = match front {
        Ok(front) => front,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return None;
        }
    };
    if !foreign_keys::sort_out(&mut front, &skipped, header, base, &file.path, diagnostics) {
        return None;
    }
    let body_offset = header_start + body_start;
    Some(Split {
        front,
        body: &text[body_offset..],
        body_line_offset: text[..body_offset].matches('\n').count() as u32,
    })
}

/// The whole text is the body; the title is taken from the first heading later.
fn without_front_matter(text: &str) -> Split<'_> {
    Split {
        front: FrontMatter::default(),
        body: text,
        body_line_offset: 0,
    }
}

#[derive(Clone, Copy)]
enum Format {
    Toml,
    Yaml,
}

fn opening_fence(text: &str) -> Option<(&'static str, Format)> {
    let first = text.lines().next()?.trim_end();
    match first {
        "+++" => Some(("+++", Format::Toml)),
        "---" => Some(("---", Format::Yaml)),
        _ => None,
    }
}

/// Length of the header and offset of the body, relative to `rest`.
fn closing_fence(rest: &str, fence: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Option<(FrontMatter, String, u32)>, Vec<Diagnostic>) {
        let file = SourceFile {
            path: "content/fr/a.md".into(),
            text: text.into(),
        };
        let diagnostics = Diagnostics::new();
        let result =
            parse(&file, &diagnostics).map(|s| (s.front, s.body.to_string(), s.body_line_offset));
        (result, diagnostics.into_sorted())
    }

    #[test]
    fn toml_front_matter() {
        let (split, diags) = run("+++\ntitle = \"Accueil\"\nweight = 2\n+++\nCorps\n");
        assert!(diags.is_empty());
        let (front, body, offset) = split.unwrap();
        assert_eq!(front.title, "Accueil");
        assert_eq!(front.weight, 2);
        assert_eq!(body, "Corps\n");
        assert_eq!(offset, 4);
    }

    #[test]
    fn yaml_front_matter() {
        let (split, diags) = run("---\ntitle: Home\ndescription: Start here\n---\n\nBody\n");
        assert!(diags.is_empty(), "{diags:?}");
        let (front, body, _) = split.unwrap();
        assert_eq!(front.description, "Start here");
        assert_eq!(body, "\nBody\n");
    }

    #[test]
    fn unknown_toml_key_points_at_the_key() {
        let (split, diags) = run("+++\ntitle = \"A\"\ntittle = \"B\"\n+++\n");
        assert!(split.is_none());
        assert_eq!(diags[0].pos, Pos { line: 3, column: 1 });
        assert!(
            diags[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("did you mean `title`")
        );
    }

    #[test]
    fn unknown_yaml_key_points_at_the_key() {
        let (_, diags) = run("---\ntitle: A\nwieght: 3\n---\n");
        assert_eq!(diags[0].pos.line, 3, "{diags:?}");
        assert!(
            diags[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("did you mean `weight`")
        );
    }

    #[test]
    fn other_tools_keys_are_read_past_with_their_place() {
        let (split, diags) = run(
            "+++\ntitle = \"A\"\ndate = 2024-01-02T10:00:00Z\ndraft = true\naliases = [\"/old/\"]\n[menu.main]\nweight = 3\n+++\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let front = split.unwrap().0;
        assert!(front.draft);
        assert_eq!(front.aliases, ["/old/"]);
        assert_eq!(front.weight, 0, "a menu's weight is not the page's");
        let ignored: Vec<_> = front
            .ignored
            .iter()
            .map(|(k, p)| (k.as_str(), p.line))
            .collect();
        assert_eq!(ignored, [("date", 3), ("menu", 6)]);

        let (split, diags) = run(
            "---\ntitle: B\nsidebar_position: 3\nsidebar_label: Short\ntags: [a, b]\ncustom_edit_url: null\n---\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let front = split.unwrap().0;
        assert_eq!((front.weight, front.nav_title()), (3, "Short"));
        assert_eq!(front.ignored.len(), 2);
    }

    /// A preprocessor's own keys (Comprehensive Rust's `minutes`) are read past like
    /// Hugo's; a key close to one of Folio's is still a typo.
    #[test]
    fn keys_no_tool_is_known_for_are_read_past_unless_they_look_like_typos() {
        let (split, diags) = run("+++\ntitle = \"A\"\nminutes = 5\ncourse = \"Day 1\"\n+++\n");
        assert!(diags.is_empty(), "{diags:?}");
        let ignored: Vec<_> = (split.unwrap().0.ignored.iter())
            .map(|(k, p)| (k.clone(), p.line))
            .collect();
        assert_eq!(
            ignored,
            [("course".to_string(), 4), ("minutes".to_string(), 3)]
        );
        let (split, diags) = run("+++\ntitle = \"A\"\ndescripton = \"B\"\n+++\n");
        assert!(split.is_none());
        assert!(
            diags[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("did you mean `description`")
        );
    }

    #[test]
    fn a_fractional_sidebar_position_is_rounded_down_with_a_warning() {
        let (split, diags) = run("---\ntitle: B\nsidebar_position: 2.5\n---\n");
        assert_eq!(split.unwrap().0.weight, 2);
        assert_eq!(diags[0].pos, Pos { line: 3, column: 1 });
        assert!(diags[0].message.contains("read as weight 2"), "{diags:?}");
    }

    #[test]
    fn unclosed_and_missing_front_matter() {
        assert!(
            run("+++\ntitle = \"A\"\n").1[0]
                .message
                .contains("never closed")
        );
        let (split, diags) = run("# Titre\n");
        assert!(diags.is_empty(), "{diags:?}");
        let (front, body, offset) = split.unwrap();
        assert_eq!(
            (front.title.as_str(), body.as_str(), offset),
            ("", "# Titre\n", 0)
        );
        // A leading thematic break is not an unclosed YAML header.
        let (split, diags) = run("---\n\nTexte\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(split.unwrap().1, "---\n\nTexte\n");
    }
}
