//! Slices to pages: fill each page's text area, break only where a slice allows it,
//! drop spacing at the top of a page, and repeat table headers on continued pages.

use std::collections::VecDeque;

use crate::render::pdf::boxes::Item;

use super::flow::Slice;

/// The text area of a page, in points from the top-left corner.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    pub left: f32,
    pub top: f32,
    pub bottom: f32,
}

/// Places `slices` on as many pages as needed; each page is its list of items.
pub fn paginate(slices: Vec<Slice>, area: Area) -> Vec<Vec<Item>> {
    let mut pages: Vec<Vec<Item>> = Vec::new();
    let mut placed: Vec<Slice> = Vec::new();
    let mut y = area.top;
    let mut queue: VecDeque<Slice> = slices.into();
    while let Some(slice) = queue.pop_front() {
        if slice.page_break_before && !placed.is_empty() {
            pages.push(finish(&mut placed, area));
            y = area.top;
        }
        if placed.is_empty() && slice.discardable {
            continue;
        }
        if y + slice.height <= area.bottom + 0.01 || placed.is_empty() {
            if placed.is_empty()
                && let Some(header) = &slice.repeat
                && y + header.height + slice.height <= area.bottom
            {
                y += header.height;
                placed.push((**header).clone());
            }
            y += slice.height;
            placed.push(slice);
            continue;
        }
        // The page is full: move back to the last place a break is allowed.
        let cut = (1..=placed.len())
            .rev()
            .find(|&k| !placed[k - 1].keep_with_next);
        let carried: Vec<Slice> = match cut {
            Some(k) if placed[..k].iter().any(|s| !s.discardable) => placed.split_off(k),
            _ => Vec::new(),
        };
        pages.push(finish(&mut placed, area));
        y = area.top;
        queue.push_front(slice);
        for s in carried.into_iter().rev() {
            queue.push_front(s);
        }
    }
    if !placed.is_empty() {
        pages.push(finish(&mut placed, area));
    }
    pages
}

/// Positions a page's slices and drops trailing spacing.
fn finish(placed: &mut Vec<Slice>, area: Area) -> Vec<Item> {
    while placed.last().is_some_and(|s| s.discardable) {
        placed.pop();
    }
    let mut y = area.top;
    let mut items = Vec::new();
    for slice in placed.drain(..) {
        items.extend(slice.items.into_iter().map(|i| i.shifted(area.left, y)));
        y += slice.height;
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str, keep: bool) -> Slice {
        Slice {
            height: 10.0,
            keep_with_next: keep,
            items: vec![Item::Anchor {
                name: name.into(),
                y: 0.0,
            }],
            ..Slice::default()
        }
    }

    fn names(page: &[Item]) -> Vec<String> {
        page.iter()
            .filter_map(|i| match i {
                Item::Anchor { name, .. } => Some(name.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_heading_never_ends_a_page() {
        let area = Area {
            left: 0.0,
            top: 0.0,
            bottom: 40.0,
        };
        let slices = vec![
            line("a", false),
            line("b", false),
            line("c", false),
            line("heading", true),
            line("d", false),
        ];
        let pages = paginate(slices, area);
        assert_eq!(names(&pages[0]), ["a", "b", "c"]);
        assert_eq!(names(&pages[1]), ["heading", "d"]);
    }

    #[test]
    fn table_headers_repeat_and_space_is_dropped_at_the_top() {
        let area = Area {
            left: 0.0,
            top: 0.0,
            bottom: 30.0,
        };
        let header = std::sync::Arc::new(line("header", true));
        let row = |n: &str| Slice {
            repeat: Some(header.clone()),
            ..line(n, false)
        };
        let slices = vec![
            (*header).clone(),
            row("r1"),
            row("r2"),
            Slice::space(10.0),
            row("r3"),
            row("r4"),
        ];
        let pages = paginate(slices, area);
        assert_eq!(names(&pages[0]), ["header", "r1", "r2"]);
        assert_eq!(names(&pages[1]), ["header", "r3", "r4"]);
    }
}
