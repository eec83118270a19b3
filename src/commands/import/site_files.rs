//! The site's own files that an import writes: a new `folio.toml`, or an existing one
//! with the locale added (comments and layout kept), and the locale's `ui.ftl`.

use std::fmt::Write as _;
use std::path::Path;

use super::book::Book;

/// The placeholder host of a site whose book gave no full address: `.invalid` can
/// never resolve, so a forgotten placeholder is seen at once.
const PLACEHOLDER_HOST: &str = "https://example.invalid";

/// `folio.toml` with `locale` added to `locales`, comments and layout kept; `None`
/// when it is listed already.
pub(super) fn add_locale(text: &str, locale: &str) -> Result<Option<String>, String> {
    let mut document: toml_edit::DocumentMut = text
        .parse()
        .map_err(|err: toml_edit::TomlError| format!("folio.toml: {}", err.message().trim()))?;
    let locales = document
        .get_mut("locales")
        .and_then(|l| l.as_array_mut())
        .ok_or("folio.toml has no `locales` list")?;
    if locales.iter().any(|l| l.as_str() == Some(locale)) {
        return Ok(None);
    }
    locales.push(locale);
    Ok(Some(document.to_string()))
}

/// The site's address from `site-url`, and why it is a placeholder when it is one.
pub(super) fn base_url(book: &Book, book_toml: &str) -> (String, Option<String>) {
    match &book.site_url {
        Some((url, _)) if url.starts_with("https://") || url.starts_with("http://") => {
            (with_slash(url), None)
        }
        Some((path, line)) => (
            with_slash(&format!(
                "{PLACEHOLDER_HOST}/{}",
                path.trim_start_matches('/')
            )),
            Some(format!(
                "{book_toml}:{line}: site-url \"{path}\" has no host"
            )),
        ),
        None => (
            format!("{PLACEHOLDER_HOST}/"),
            Some(format!("{book_toml} has no [output.html] site-url")),
        ),
    }
}

fn with_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

pub(super) fn book_title(book: &Book, dir: &Path) -> String {
    book.title.clone().unwrap_or_else(|| {
        std::fs::canonicalize(dir)
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Book".to_string())
    })
}

pub(super) fn new_config(
    title: &str,
    base_url: &str,
    placeholder: bool,
    locale: &str,
    authors: &[String],
) -> String {
    let quote = |s: &str| toml_edit::Value::from(s).to_string();
    let mut text = String::from("# Written by `folio import mdbook` from the book's book.toml.\n");
    let _ = writeln!(text, "title = {}", quote(title));
    if placeholder {
        text.push_str("# A placeholder: set the address the site is published at.\n");
    }
    let _ = writeln!(text, "base_url = {}", quote(base_url));
    let _ = writeln!(text, "source_locale = {}", quote(locale));
    let _ = writeln!(text, "locales = [{}]", quote(locale));
    if !authors.is_empty() {
        let _ = writeln!(text, "\n[pdf]\nauthor = {}", quote(&authors.join(", ")));
    }
    text
}

/// The site's name (and description) in the book's language, as Fluent messages.
pub(super) fn ui_messages(title: &str, description: Option<&str>) -> String {
    let mut text = String::from("# From the book's book.toml (`folio import mdbook`).\n");
    let _ = writeln!(text, "site-title = {}", fluent_text(title));
    if let Some(description) = description.filter(|d| !d.trim().is_empty()) {
        let _ = writeln!(text, "site-description = {}", fluent_text(description));
    }
    text
}

/// One line of Fluent text: braces are placeables there, so they are quoted.
fn fluent_text(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    line.replace('{', "\u{0}")
        .replace('}', "{\"}\"}")
        .replace('\u{0}', "{\"{\"}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn existing_config_gets_the_locale_with_its_comments() {
        let text = "# The guide\ntitle = \"G\"  # shown on the chooser\nsource_locale = \"en\"\nlocales = [\"en\"]\n";
        let edited = add_locale(text, "fr").unwrap().unwrap();
        assert_eq!(
            edited,
            "# The guide\ntitle = \"G\"  # shown on the chooser\nsource_locale = \"en\"\nlocales = [\"en\", \"fr\"]\n"
        );
        assert_eq!(add_locale(&edited, "fr"), Ok(None));
    }

    #[test]
    fn fluent_text_quotes_braces() {
        assert_eq!(fluent_text("A {b}\n c"), "A {\"{\"}b{\"}\"} c");
    }
}
