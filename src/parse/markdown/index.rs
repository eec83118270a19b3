//! The builder's part in index marks (see `parse::index_marks`): a paragraph's,
//! heading's or cell's inlines get their marks once whole, and a heading's
//! `{.index}`, which pulldown-cmark reads as the heading's attributes, marks the
//! heading or the bracketed span that ends it.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{Event, TagEnd};

use crate::model::{Block, Inline, Pos};
use crate::parse::index_marks;

use super::{Builder, flush_paragraph};

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Builder<'a, I> {
    /// A paragraph gathered from a tight list item's inlines, its index marks read.
    pub(super) fn flush(&mut self, loose: &mut Vec<Inline>, blocks: &mut Vec<Block>) {
        self.mark_index(loose);
        flush_paragraph(loose, blocks);
    }

    /// The index marks of a paragraph's (or heading's, or cell's) inlines.
    pub(super) fn mark_index(&mut self, list: &mut Vec<Inline>) {
        if !self.index_at.is_empty() {
            self.marker.apply(list, &mut self.index_at);
            self.index_at.clear();
        }
    }

    /// A heading's `{.index}`: pulldown-cmark reads one at the end of the line as the
    /// heading's attributes, so `## Un [terme]{.index}` marks the bracketed span and
    /// `## Escalade {.index}` the whole heading.
    pub(super) fn mark_heading(
        &mut self,
        content: &mut Vec<Inline>,
        key: Option<String>,
        pos: Pos,
    ) {
        if let Some(Inline::Text(last)) = content.last_mut()
            && last.trim_end().ends_with(']')
        {
            let kept = last.trim_end().len();
            last.truncate(kept);
            last.push_str(index_marks::OPENER);
            if let Some(key) = &key {
                last.push_str(&format!(" key=\"{key}\""));
            }
            last.push('}');
            self.marker.apply(content, &mut VecDeque::from([pos]));
            return;
        }
        if let Some(mark) = self.marker.mark(content.clone(), key, pos) {
            *content = vec![Inline::Indexed(Box::new(mark))];
        }
    }

    /// Inlines up to `end`, as a paragraph, heading or cell holds them: marks read.
    pub(super) fn marked_inlines(&mut self, end: TagEnd) -> Vec<Inline> {
        let mut list = self.inlines(end);
        self.mark_index(&mut list);
        list
    }
}
