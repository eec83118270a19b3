//! A locale's outline: the reading order, nesting and part titles that an mdBook-style
//! `content/<locale>/SUMMARY.md` gives, instead of folders and `weight`.

use super::block::Pos;

/// The entries of one `SUMMARY.md`, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// The file it was read from, relative to the site root: `content/en/SUMMARY.md`.
    pub source: String,
    pub entries: Vec<OutlineEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutlineEntry {
    /// `# Part title`: a heading over the numbered chapters that follow.
    Part {
        title: String,
        pos: Pos,
    },
    /// `---`: a rule between entries.
    Separator {
        pos: Pos,
    },
    Chapter(Chapter),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// The link's text.
    pub title: String,
    /// The page, below `content/<locale>/` with `/` separators; `None` for a draft
    /// chapter (`- [Title]()`), which has no page yet.
    pub path: Option<String>,
    /// 1 for prefix, suffix and top-level numbered chapters, 2 for their children...
    pub depth: u8,
    /// A chapter of the numbered list (not a prefix or suffix chapter).
    pub numbered: bool,
    /// Where the link starts in `SUMMARY.md`.
    pub pos: Pos,
}

impl Outline {
    pub fn chapters(&self) -> impl Iterator<Item = &Chapter> {
        self.entries.iter().filter_map(|e| match e {
            OutlineEntry::Chapter(c) => Some(c),
            _ => None,
        })
    }
}
