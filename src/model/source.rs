//! Source files as loaded: text or bytes with a path relative to the site root, and
//! where the parts of an expanded page came from.

use super::block::Pos;

/// A text file, its path relative to the site root with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// A file published as it is (images, stylesheets, scripts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinaryFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The theme in use: the embedded default overlaid by the site's own files.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// The theme's folder name, for diagnostics (`themes/<name>/templates/...`).
    pub name: String,
    /// Paths relative to `templates/`: `page.html`.
    pub templates: Vec<SourceFile>,
    /// Paths relative to `static/`: `folio.css`.
    pub static_files: Vec<BinaryFile>,
    /// `pdf.toml`: page geometry and type sizes of the printable guide.
    pub pdf_style: Option<SourceFile>,
    /// The theme's interface strings, `locales/<locale>/*.ftl`, which sites may override.
    pub messages: Vec<SourceFile>,
}

/// Where each part of a page's text came from, once its `{{#include}}` directives were
/// replaced by the lines of other files: a place in the expanded text, moved back to
/// the file and place a writer can open.
///
/// A list of spans, in the order of the expanded text: from `at` on, the text is copied
/// from `origin` in `files[file]`. On a span's first line the column is shifted (the
/// copy may start mid-line on either side); on its later lines, whole lines are copied,
/// so only the line number moves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineMap {
    files: Vec<String>,
    spans: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    at: Pos,
    file: u32,
    origin: Pos,
}

impl LineMap {
    /// The index of `file` in the map, added on first use.
    pub fn file(&mut self, file: &str) -> u32 {
        match self.files.iter().position(|f| f == file) {
            Some(i) => i as u32,
            None => {
                self.files.push(file.to_string());
                (self.files.len() - 1) as u32
            }
        }
    }

    /// From `at` on (which follows every earlier span's), the text comes from `origin`
    /// in `file`. A span that the previous one already predicts is not stored.
    pub fn push(&mut self, at: Pos, file: u32, origin: Pos) {
        if let Some(last) = self.spans.last_mut() {
            if last.at == at {
                *last = Span { at, file, origin };
                return;
            }
            if last.file == file && last.origin_of(at) == origin {
                return;
            }
        }
        self.spans.push(Span { at, file, origin });
    }

    /// The file and place that `pos` of the expanded text came from.
    pub fn locate(&self, pos: Pos) -> Option<(&str, Pos)> {
        let index = self.spans.partition_point(|s| s.at <= pos).checked_sub(1)?;
        let span = self.spans[index];
        Some((&self.files[span.file as usize], span.origin_of(pos)))
    }
}

impl Span {
    fn origin_of(&self, pos: Pos) -> Pos {
        if pos.line == self.at.line {
            Pos {
                line: self.origin.line,
                column: (self.origin.column + pos.column).saturating_sub(self.at.column),
            }
        } else {
            Pos {
                line: self.origin.line + (pos.line - self.at.line),
                column: pos.column,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn places_move_back_to_the_file_they_came_from() {
        // Expanded text: page lines 1-2, then lines 5-7 of a listing on lines 3-5
        // (starting after "See " on line 3), then the page again from line 3, column 22.
        let mut map = LineMap::default();
        let page = map.file("content/en/a.md");
        let listing = map.file("listings/x.rs");
        map.push(pos(1, 1), page, pos(1, 1));
        map.push(pos(3, 5), listing, pos(5, 1));
        map.push(pos(5, 10), page, pos(3, 22));
        assert_eq!(map.locate(pos(2, 4)), Some(("content/en/a.md", pos(2, 4))));
        assert_eq!(map.locate(pos(3, 2)), Some(("content/en/a.md", pos(3, 2))));
        assert_eq!(map.locate(pos(3, 7)), Some(("listings/x.rs", pos(5, 3))));
        assert_eq!(map.locate(pos(4, 2)), Some(("listings/x.rs", pos(6, 2))));
        assert_eq!(
            map.locate(pos(5, 12)),
            Some(("content/en/a.md", pos(3, 24)))
        );
        assert_eq!(map.locate(pos(9, 1)), Some(("content/en/a.md", pos(7, 1))));
    }

    #[test]
    fn predicted_spans_are_not_stored() {
        let mut map = LineMap::default();
        let page = map.file("a.md");
        map.push(pos(1, 1), page, pos(1, 1));
        map.push(pos(2, 1), page, pos(2, 1));
        map.push(pos(3, 1), page, pos(5, 1));
        assert_eq!(map.spans.len(), 2);
        assert_eq!(map.locate(pos(4, 1)), Some(("a.md", pos(6, 1))));
    }
}
