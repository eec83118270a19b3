//! What other tools write in their Markdown and Folio cannot carry: Hugo shortcodes
//! (`{{< figure >}}`, `{{% notice %}}`), MDX `import`/`export` lines and JSX
//! components (`<Tabs>`) of Docusaurus. Each kind is reported once per page, at its
//! first place, with how many there are and what to write instead.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Pos;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Shortcode,
    Esm,
    Component,
}

/// The first place and the count of each kind met in a page.
#[derive(Debug, Default)]
pub struct Found {
    seen: Vec<(Kind, Pos, String, usize)>,
}

impl Found {
    pub fn note(&mut self, kind: Kind, pos: Pos, what: &str) {
        match self.seen.iter_mut().find(|(k, ..)| *k == kind) {
            Some(entry) => {
                entry.3 += 1;
                if pos < entry.1 {
                    (entry.1, entry.2) = (pos, what.to_string());
                }
            }
            None => self.seen.push((kind, pos, what.to_string(), 1)),
        }
    }

    pub fn report(self, file: &str, diagnostics: &Diagnostics) {
        for (kind, pos, what, count) in self.seen {
            let more = match count {
                1 => String::new(),
                n => format!(" ({n} on this page, the first here)"),
            };
            let (message, hint) = match kind {
                Kind::Shortcode => (
                    format!("Hugo shortcode `{what}` is not Markdown: shown as written{more}"),
                    "write it in Markdown: a link, an image (`![alt](file.png \"caption\")`), a callout (`> [!NOTE]`) or a fenced code block",
                ),
                Kind::Esm => (
                    format!("MDX line `{what}` is not Markdown: left out{more}"),
                    "Folio has no components to import; remove the line and write what the component showed in Markdown",
                ),
                Kind::Component => (
                    format!(
                        "JSX component `{what}` is not HTML: its tags are kept and its content shown as it is{more}"
                    ),
                    "write it in Markdown: tabs as headings or a list, a callout as `> [!NOTE]`, details as <details>",
                ),
            };
            diagnostics.push(Diagnostic::warning(file, pos, message).with_hint(hint));
        }
    }
}

/// The first Hugo shortcode in `text`: its byte offset and its opening (`{{< figure`).
pub fn shortcode(text: &str) -> Option<(usize, String)> {
    let start = text.find("{{<").or_else(|| text.find("{{%"))?;
    let after = text[start + 3..].trim_start();
    let name: String = after
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_alphanumeric() || "-_/.".contains(*c))
        .collect();
    let marker = &text[start..start + 3];
    let closing = if after.starts_with('/') { "/" } else { "" };
    Some((
        start,
        format!("{marker} {closing}{name}").trim_end().to_string(),
    ))
}

/// The JSX component tags in raw HTML (`<Tabs`, `</TabItem`), with their byte offsets:
/// capitalized names with a lower-case letter, which HTML's own tags never need.
pub fn components(html: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find('<') {
        let start = from + i;
        let rest = html[start + 1..]
            .strip_prefix('/')
            .unwrap_or(&html[start + 1..]);
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect();
        if name.starts_with(|c: char| c.is_ascii_uppercase())
            && name.chars().any(|c| c.is_ascii_lowercase())
        {
            found.push((start, format!("<{name}>")));
        }
        from = start + 1;
    }
    found
}

/// Whether a paragraph's source is MDX's `import`/`export` lines (ES modules), which
/// are code, not prose: `import Tabs from '@theme/Tabs';`, `export const x = 1;`.
pub fn is_esm(paragraph: &str) -> bool {
    let first = paragraph.lines().next().unwrap_or("").trim();
    let Some(rest) = first
        .strip_prefix("import ")
        .or_else(|| first.strip_prefix("export "))
    else {
        return false;
    };
    let code_like = first.ends_with([';', '\'', '"', '{', '}', ',']);
    let module_like = paragraph.contains(" from ")
        || rest.starts_with(['\'', '"', '{'])
        || ["const ", "let ", "var ", "function ", "default ", "class "]
            .iter()
            .any(|k| rest.starts_with(k));
    code_like && module_like
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcodes_are_named() {
        assert_eq!(
            shortcode("See {{< figure src=\"a.png\" >}} here"),
            Some((4, "{{< figure".to_string()))
        );
        assert_eq!(
            shortcode("{{% /notice %}}"),
            Some((0, "{{% /notice".to_string()))
        );
        assert_eq!(shortcode("{{ not one }}"), None);
    }

    #[test]
    fn components_are_capitalized_tags() {
        assert_eq!(
            components("<div>\n<Tabs groupId=\"os\">"),
            [(6, "<Tabs>".to_string())]
        );
        assert_eq!(components("</TabItem>"), [(0, "<TabItem>".to_string())]);
        assert!(components("<details><summary>x</summary><BR>").is_empty());
    }

    #[test]
    fn esm_lines_are_told_from_prose() {
        assert!(is_esm("import Tabs from '@theme/Tabs';"));
        assert!(is_esm(
            "import TabItem from '@theme/TabItem';\nimport X from \"./x\";"
        ));
        assert!(is_esm("export const meta = { a: 1 };"));
        assert!(!is_esm("import the data from the old system."));
        assert!(!is_esm("Import Tabs from '@theme/Tabs';"));
    }
}
