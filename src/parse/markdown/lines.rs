//! Where a byte of a Markdown body is in its file: the line and column every
//! diagnostic and every located node of the model carries.

use crate::model::Pos;

/// Maps byte offsets of the body to file positions.
pub(super) struct LineIndex<'a> {
    starts: Vec<usize>,
    offset: u32,
    pub(super) text: &'a str,
    /// Per line, what rewriting admonitions added before its text and took away
    /// (empty when nothing was rewritten).
    shifts: &'a [(u32, u32)],
}

impl<'a> LineIndex<'a> {
    pub(super) fn new(text: &'a str, offset: u32, shifts: &'a [(u32, u32)]) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            starts,
            offset,
            text,
            shifts,
        }
    }

    /// The 0-based line of a byte of the body.
    pub(super) fn line(&self, byte: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= byte.min(self.text.len()))
            - 1
    }

    pub(super) fn pos(&self, byte: usize) -> Pos {
        let byte = byte.min(self.text.len());
        let line = self.line(byte);
        let start = self.starts[line];
        let mut column = self
            .text
            .get(start..byte)
            .map_or(1, |s| s.chars().count() + 1) as u32;
        if let Some(&(added, removed)) = self.shifts.get(line) {
            column = column.saturating_sub(added).max(1) + removed;
        }
        Pos {
            line: line as u32 + 1 + self.offset,
            column,
        }
    }
}
