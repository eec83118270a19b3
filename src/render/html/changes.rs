//! What the outdated banner says of where a translation lags: links to the changed
//! sections' headings, and how many of its blocks are marked (the markers are visual
//! only, so the banner's text is what a screen reader hears of them).

use serde::Serialize;

use crate::locale::Texts;
use crate::model::{Block, Inline, Page};

/// A section of an outdated translation that the banner links to.
#[derive(Serialize)]
pub struct ChangedSection {
    href: String,
    title: String,
}

/// The outdated banner's links: each changed section's heading, by its text.
pub fn sections(page: &Page) -> Vec<ChangedSection> {
    fn find<'a>(blocks: &'a [Block], id: &str) -> Option<&'a [Inline]> {
        blocks.iter().find_map(|block| match block {
            Block::Heading {
                id: own, content, ..
            } if **own == *id => Some(content.as_slice()),
            Block::Quote { blocks, .. } => find(blocks, id),
            Block::List { items, .. } => items.iter().find_map(|i| find(&i.blocks, id)),
            _ => None,
        })
    }
    page.changed_sections
        .iter()
        .filter_map(|id| {
            Some(ChangedSection {
                href: format!("#{id}"),
                title: Inline::plain_text(find(&page.blocks, id)?),
            })
        })
        .collect()
}

/// "3 passages of this translation are behind the original.", for a page with marked
/// blocks whose theme has the message.
pub fn count(page: &Page, texts: &Texts) -> Option<String> {
    let marked = u32::try_from(page.changed_blocks.len()).unwrap_or(u32::MAX);
    if marked == 0 {
        return None;
    }
    texts.find_with_number("l10n-changed-blocks", "count", marked)
}
