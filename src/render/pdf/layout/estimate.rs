//! Where each chapter and heading will probably be printed, before any layout pass:
//! for the first pass to print a cross-reference's number with about the digits the
//! real one will have.
//!
//! A reference prints its page only from the second pass on, and the second pass then
//! had to set again every paragraph that holds one (a third of a long guide's blocks).
//! Printed with a guess of the right width, the paragraph's lines are already those of
//! the real number (the body fonts' digits are tabular), so the second pass puts the
//! digits right in the kept block instead (see `memo`). A wrong digit count only costs
//! that block its setting again. The guess is a height of text: lines of the body's
//! leading, with a chapter opening a new page.

use rustc_hash::FxHashMap;

use crate::model::{Block, Inline, Page, PdfStyle};

/// A guessed page label, by anchor name (a chapter's path, `path#heading`).
pub type Guesses = FxHashMap<String, String>;

/// An average character's advance in the body font, in ems (Libertinus Serif's
/// lower case with its word spaces); twice that for a wide (CJK) one.
const CHAR_EM: f32 = 0.47;

/// The guesses for `pages` in navigation order, set in a column `column` wide on pages
/// whose text area is `height` high; in a duplex guide chapters open on the right.
pub fn guesses(
    pages: &[&Page],
    style: &PdfStyle,
    column: f32,
    height: f32,
    duplex: bool,
) -> Guesses {
    let per_line = column / (CHAR_EM * style.body_size);
    let mut at = Height {
        style,
        per_line,
        total: 0.0,
        text: String::new(),
    };
    let mut out = Guesses::default();
    // 0-based page of the current point: the first chapter opens page 0 ("1").
    let mut page = 0usize;
    for (n, chapter) in pages.iter().enumerate() {
        if n > 0 {
            page += 1 + (at.total / height) as usize;
            if duplex && page % 2 == 1 {
                page += 1;
            }
        }
        at.total = style.h1_size * 2.4;
        out.insert(chapter.path.clone(), (page + 1).to_string());
        for block in &chapter.blocks {
            if let Block::Heading { id, .. } = block
                && !id.is_empty()
            {
                let label = (page + 1 + (at.total / height) as usize).to_string();
                out.insert(format!("{}#{id}", chapter.path), label);
            }
            at.block(block);
        }
    }
    out
}

/// The height of text set so far in a chapter, in points.
struct Height<'a> {
    style: &'a PdfStyle,
    /// Characters a body line holds.
    per_line: f32,
    total: f32,
    /// The text of the block being measured, its buffer reused from block to block.
    text: String,
}

impl Height<'_> {
    /// The body's leading: a line of any text, in this estimate.
    fn line(&self) -> f32 {
        self.style.body_leading
    }

    fn text(&mut self, inlines: &[Inline], per_line: f32) {
        self.text.clear();
        Inline::push_plain_text(inlines, &mut self.text);
        let width: usize = (self.text.chars())
            .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
            .sum();
        self.total += (width as f32 / per_line).ceil().max(1.0) * self.line();
    }

    fn block(&mut self, block: &Block) {
        let style = self.style;
        match block {
            Block::Heading { content, .. } => {
                self.text(content, self.per_line * 0.7);
                self.total += self.line() * 1.4;
            }
            Block::Paragraph(inlines) => {
                self.text(inlines, self.per_line);
                self.total += style.paragraph_space;
            }
            Block::List { items, .. } => {
                for item in items {
                    item.blocks.iter().for_each(|b| self.block(b));
                }
                self.total += style.paragraph_space;
            }
            Block::Quote { blocks, .. } => {
                blocks.iter().for_each(|b| self.block(b));
                self.total += self.line();
            }
            Block::Code { code, .. } => {
                self.total +=
                    (code.lines().count() as f32) * style.code_leading + self.line() * 1.5;
            }
            Block::Table(table) => {
                self.total += (table.rows.len() as f32 + 1.0) * self.line() * 1.6 + self.line();
            }
            Block::Image(_) | Block::DecisionTree { .. } => self.total += self.line() * 14.0,
            Block::Rule | Block::Html(..) => self.total += self.line(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pos;

    fn page(path: &str, blocks: Vec<Block>) -> Page {
        Page {
            path: path.to_string(),
            blocks,
            ..Page::default()
        }
    }

    fn heading(id: &str) -> Block {
        Block::Heading {
            level: 2,
            id: id.into(),
            content: vec![Inline::Text("Title".into())],
            pos: Pos { line: 1, column: 1 },
        }
    }

    fn paragraph(words: usize) -> Block {
        Block::Paragraph(vec![Inline::Text("word ".repeat(words).into())])
    }

    #[test]
    fn chapters_open_new_pages_and_headings_fall_further_down() {
        let style = PdfStyle::default();
        let (column, height) = (431.0, 688.0);
        // About a page and a half of text before the heading, then as much again.
        let long: Vec<Block> = (0..30).map(|_| paragraph(90)).collect();
        let mut blocks = long.clone();
        blocks.push(heading("later"));
        blocks.extend(long);
        let pages = [page("a.md", blocks), page("b.md", vec![paragraph(10)])];
        let refs: Vec<&Page> = pages.iter().collect();
        let simplex = guesses(&refs, &style, column, height, false);
        let number = |g: &Guesses, k: &str| g[k].parse::<usize>().unwrap();
        assert_eq!(number(&simplex, "a.md"), 1);
        let later = number(&simplex, "a.md#later");
        let next = number(&simplex, "b.md");
        assert!(later > 1 && next > later, "{later} then {next}");
        // On both sides, a chapter opens on a right-hand (odd) page.
        let duplex = guesses(&refs, &style, column, height, true);
        assert_eq!(number(&duplex, "b.md") % 2, 1);
        assert!(number(&duplex, "b.md") >= next);
    }
}
