//! `book.toml`: what Folio takes from it (title, authors, language, source folder,
//! address) and, for every other setting, a note saying at which line it is and why it
//! does not come along.

use toml_edit::{Document, Item, TableLike};

use crate::diagnostic::{Diagnostic, Diagnostics, pos_at};
use crate::model::Pos;

/// mdBook's preprocessors that ship with it: `links` expands `{{#include}}` (which
/// Folio does too), `index` publishes `README.md` as the folder's index.
const BUILT_IN_PREPROCESSORS: &[&str] = &["links", "index"];

/// The settings Folio uses, read from `book.toml`.
#[derive(Debug, Default)]
pub struct Book {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    /// The pages' folder, relative to the book (`src` unless `[book] src` says).
    pub src: String,
    /// `[output.html] site-url` and its line.
    pub site_url: Option<(String, u32)>,
    /// mdBook's template overrides folder (`theme` unless `[output.html] theme` says),
    /// with the setting's line when it is set.
    pub theme: (String, Option<u32>),
    /// `[output.html.playground]`'s line, and whether Rust examples are runnable
    /// (mdBook's default).
    pub playground: (Option<u32>, bool),
    /// What is not carried, by line of `book.toml`.
    pub notes: Vec<(u32, String)>,
}

/// Reads `text` (the book's `book.toml`, shown as `shown`); `None` when it is no TOML.
pub fn read(text: &str, shown: &str, diagnostics: &Diagnostics) -> Option<Book> {
    let document = match Document::parse(text) {
        Ok(document) => document,
        Err(err) => {
            let pos = err
                .span()
                .map_or(Pos { line: 1, column: 1 }, |s| pos_at(text, s.start));
            diagnostics.push(
                Diagnostic::error(shown, pos, err.message().trim().to_string())
                    .with_hint("book.toml must be valid TOML, as mdBook reads it"),
            );
            return None;
        }
    };
    let mut reader = Reader {
        text,
        book: Book {
            src: "src".into(),
            theme: ("theme".into(), None),
            playground: (None, true),
            ..Book::default()
        },
    };
    for (name, item) in document.as_table().iter() {
        let line = reader.line_of(document.as_table(), name);
        match (name, item.as_table_like()) {
            ("book", Some(table)) => reader.book_table(table),
            ("output", Some(table)) => reader.output(table),
            ("preprocessor", Some(table)) => reader.preprocessors(table),
            ("build", _) => reader.note(
                line,
                "`[build]`: Folio builds into public/ (`folio build --out DIR`) and never creates missing pages",
            ),
            ("rust", _) => reader.note(
                line,
                "`[rust]`: code examples are highlighted, not compiled or run",
            ),
            (other, _) => reader.note(line, format!("`{other}`: not an mdBook setting Folio knows")),
        }
    }
    reader.book.notes.sort();
    Some(reader.book)
}

struct Reader<'t> {
    text: &'t str,
    book: Book,
}

impl Reader<'_> {
    /// The line where `key` of `table` is written (its header for a table).
    fn line_of(&self, table: &dyn TableLike, key: &str) -> u32 {
        let span = table.get_key_value(key).and_then(|(k, item)| {
            k.span().or_else(|| match item {
                Item::Table(t) => t.span(),
                Item::Value(v) => v.span(),
                _ => None,
            })
        });
        span.map_or(1, |s| pos_at(self.text, s.start).line)
    }

    fn note(&mut self, line: u32, what: impl Into<String>) {
        self.book.notes.push((line, what.into()));
    }

    fn book_table(&mut self, table: &dyn TableLike) {
        for (key, item) in table.iter() {
            let line = self.line_of(table, key);
            let text = item.as_str().map(str::to_string);
            match key {
                "title" => self.book.title = text,
                "description" => self.book.description = text,
                "language" => self.book.language = text,
                "src" => {
                    if let Some(src) = text {
                        self.book.src = src;
                    }
                }
                "authors" => {
                    self.book.authors = (item.as_array().into_iter().flatten())
                        .filter_map(|a| a.as_str().map(str::to_string))
                        .collect();
                }
                "multilingual" if item.as_bool() == Some(true) => self.note(
                    line,
                    "`multilingual`: each language of a Folio site is a locale; import a translation with `folio import mdbook BOOK --into SITE --locale L`",
                ),
                "multilingual" => {}
                "text-direction" => self.note(
                    line,
                    "`text-direction`: Folio sets the direction from the locale (right-to-left for Arabic, Hebrew...)",
                ),
                other => self.note(line, format!("`[book] {other}`: no Folio equivalent")),
            }
        }
    }

    fn output(&mut self, table: &dyn TableLike) {
        for (renderer, item) in table.iter() {
            let line = self.line_of(table, renderer);
            match (renderer, item.as_table_like()) {
                ("html", Some(html)) => self.html(html),
                (other, _) => self.note(
                    line,
                    format!(
                        "`[output.{other}]`: another renderer; Folio makes its own website and PDF"
                    ),
                ),
            }
        }
    }

    fn html(&mut self, table: &dyn TableLike) {
        for (key, item) in table.iter() {
            let line = self.line_of(table, key);
            match key {
                "site-url" => {
                    self.book.site_url = item.as_str().map(|url| (url.to_string(), line));
                }
                "theme" => {
                    if let Some(folder) = item.as_str() {
                        self.book.theme = (folder.to_string(), Some(line));
                    }
                }
                "additional-css" | "additional-js" => {
                    for file in (item.as_array().into_iter().flatten()).filter_map(|f| f.as_str())
                    {
                        self.note(
                            line,
                            format!(
                                "`{key}` \"{file}\": Folio's theme is its own; restyle or script a copy of it in themes/<name>/"
                            ),
                        );
                    }
                }
                "mathjax-support" if item.as_bool() == Some(true) => self.note(
                    line,
                    "`mathjax-support`: Folio renders no math; `\\( \\)` and `\\[ \\]` stay as written",
                ),
                "playground" => {
                    let runnable = (item.as_table_like())
                        .and_then(|t| t.get("runnable"))
                        .and_then(Item::as_bool);
                    self.book.playground = (Some(line), runnable != Some(false));
                }
                "smart-punctuation" | "curly-quotes" if item.as_bool() == Some(true) => {
                    // Folio applies smart punctuation to every page.
                }
                "mathjax-support" | "smart-punctuation" | "curly-quotes" => {}
                other => self.note(line, format!("`[output.html] {other}`: no Folio equivalent")),
            }
        }
    }

    fn preprocessors(&mut self, table: &dyn TableLike) {
        for (name, _) in table.iter() {
            if BUILT_IN_PREPROCESSORS.contains(&name) {
                continue;
            }
            let line = self.line_of(table, name);
            self.note(
                line,
                format!(
                    "`[preprocessor.{name}]`: a custom preprocessor; Folio does not run it, so what it would expand stays in the pages as written"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(text: &str) -> Book {
        let diagnostics = Diagnostics::new();
        let book = read(text, "book/book.toml", &diagnostics).expect("valid TOML");
        assert!(diagnostics.is_empty(), "{:?}", diagnostics.into_sorted());
        book
    }

    #[test]
    fn carried_settings_are_read() {
        let book = book(
            "[book]\ntitle = \"T\"\nauthors = [\"A\", \"B\"]\nlanguage = \"fr\"\nsrc = \"pages\"\n\n[output.html]\nsite-url = \"/t/\"\nsmart-punctuation = true\n",
        );
        assert_eq!(book.title.as_deref(), Some("T"));
        assert_eq!(book.authors, ["A", "B"]);
        assert_eq!(book.language.as_deref(), Some("fr"));
        assert_eq!(book.src, "pages");
        assert_eq!(book.site_url, Some(("/t/".to_string(), 8)));
        assert_eq!(book.notes, []);
    }

    #[test]
    fn everything_else_is_a_note_at_its_line() {
        let book = book(
            "[book]\ntitle = \"T\"\nmultilingual = true\n\n[output.html]\nadditional-css = [\"a.css\", \"b.css\"]\nmathjax-support = true\ntheme = \"my-theme\"\ngit-repository-url = \"https://example.com/\"\n\n[output.html.playground]\nrunnable = false\n\n[output.linkcheck]\n\n[preprocessor.links]\n\n[preprocessor.emoji]\ncommand = \"emoji\"\n",
        );
        let lines: Vec<u32> = book.notes.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [3, 6, 6, 7, 9, 14, 18]);
        assert!(book.notes[0].1.starts_with("`multilingual`"));
        assert!(book.notes[1].1.contains("\"a.css\""));
        assert!(book.notes[6].1.starts_with("`[preprocessor.emoji]`"));
        assert_eq!(book.theme, ("my-theme".to_string(), Some(8)));
        assert_eq!(book.playground, (Some(11), false));
    }

    #[test]
    fn broken_toml_is_an_error_at_its_place() {
        let diagnostics = Diagnostics::new();
        assert!(read("[book]\ntitle = \n", "book/book.toml", &diagnostics).is_none());
        let found = diagnostics.into_sorted();
        assert_eq!(found[0].pos.line, 2);
    }
}
