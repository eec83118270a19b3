//! Hashes of a source page's Markdown body, whole and per section, normalized so
//! that only changes a translator must act on change them (line endings, trailing
//! spaces and blank lines at the ends do not).

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::parse::slugify;

/// The key of the text before the first heading.
pub const INTRO: &str = "_intro";

/// The hash of `text` with its lines' trailing spaces and its leading and trailing
/// blank lines taken off, fed to the hasher as it goes (every page of a site is
/// hashed on every build: no copy of the text is made).
fn digest(text: &str) -> String {
    let mut hasher = Sha256::new();
    let mut blank_lines = 0;
    let mut started = false;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            blank_lines += usize::from(started);
            continue;
        }
        if started {
            for _ in 0..=blank_lines {
                hasher.update(b"\n");
            }
        }
        hasher.update(line.as_bytes());
        started = true;
        blank_lines = 0;
    }
    short_hex(&hasher.finalize())
}

/// The first eight bytes of a hash, in hex: what translation records keep.
fn short_hex(hash: &[u8]) -> String {
    hash.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The hash of a whole body.
pub fn body_hash(body: &str) -> String {
    digest(body)
}

/// The hash of each section, keyed by the id of the `##`/`###` heading that opens it
/// (explicit `{#id}` or one made from its text; `_intro` for the text before it).
pub fn section_hashes(body: &str) -> BTreeMap<String, String> {
    sections(body)
        .into_iter()
        .map(|(id, text)| (id, digest(&text)))
        .collect()
}

fn sections(body: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![(INTRO.to_string(), String::new())];
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
        } else if let Some(id) = heading_id(trimmed) {
            let mut id = id;
            let mut n = 1;
            while out.iter().any(|(existing, _)| *existing == id) {
                id = format!(
                    "{}-{n}",
                    id.trim_end_matches(char::is_numeric).trim_end_matches('-')
                );
                n += 1;
            }
            out.push((id, String::new()));
        }
        let section = &mut out.last_mut().expect("intro").1;
        section.push_str(line);
        section.push('\n');
    }
    out.retain(|(id, text)| id != INTRO || !text.trim().is_empty());
    out
}

fn heading_id(line: &str) -> Option<String> {
    let rest = line
        .strip_prefix("### ")
        .or_else(|| line.strip_prefix("## "))?;
    let unmarked = without_index_marks(rest);
    let rest = unmarked.trim();
    if let Some(start) = rest.rfind("{#")
        && rest.ends_with('}')
    {
        return Some(rest[start + 2..rest.len() - 1].to_string());
    }
    Some(slugify(rest))
}

/// A heading's text without its index marks (`[fuseau horaire]{.index}` is
/// `fuseau horaire`, `{.index}` after the text goes): marking a term changes no
/// section's name.
fn without_index_marks(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(at) = out.find("{.index") {
        let end = out[at..].find('}').map_or(out.len(), |e| at + e + 1);
        out.replace_range(at..end, "");
        if out[..at].ends_with(']')
            && let Some(open) = out[..at - 1].rfind('[')
        {
            out.remove(at - 1);
            out.remove(open);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_marks_leave_section_names_alone() {
        assert_eq!(
            heading_id(
                "## [Suivi continu]{.index key=\"suivi\"} ou [fuseau horaire]{.index} unique"
            ),
            heading_id("## Suivi continu ou fuseau horaire unique")
        );
        assert_eq!(
            heading_id("## Escalade {.index}"),
            heading_id("## Escalade")
        );
    }

    #[test]
    fn normalization_ignores_line_endings_and_trailing_space() {
        assert_eq!(body_hash("a  \r\nb\n\n"), body_hash("\na\nb"));
        assert_ne!(body_hash("a\nb"), body_hash("a\nc"));
    }

    #[test]
    fn hashes_the_text_without_its_outer_blank_lines_nor_trailing_spaces() {
        let whole = |text: &str| short_hex(&Sha256::digest(text.as_bytes()));
        assert_eq!(body_hash("\n \na \n\n \nb\t\n\n"), whole("a\n\n\nb"));
        assert_eq!(body_hash("a"), whole("a"));
        assert_eq!(body_hash(" \n\n"), whole(""));
        // Blank lines inside the text count.
        assert_eq!(
            body_hash("Intro.\n\n## Titre\nTexte.\n"),
            whole("Intro.\n\n## Titre\nTexte.")
        );
    }

    #[test]
    fn sections_are_keyed_by_heading_ids() {
        let body = "Intro.\n\n## Quand escalader ? {#quand}\nTexte.\n\n```\n## pas un titre\n```\n### Détails\nPlus.\n";
        let hashes = section_hashes(body);
        assert_eq!(
            hashes.keys().collect::<Vec<_>>(),
            ["_intro", "details", "quand"]
        );
        let changed = section_hashes(&body.replace("Plus.", "Encore."));
        assert_eq!(hashes["quand"], changed["quand"]);
        assert_ne!(hashes["details"], changed["details"]);
    }
}
