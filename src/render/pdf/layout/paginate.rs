//! Slices to pages: fill each page's text area, break only where a slice allows it,
//! drop spacing at the top of a page, repeat table headers on continued pages, and set
//! at the foot of each page the notes its slices mark (once each), leaving them room.

use std::collections::{HashMap, VecDeque};

use crate::render::pdf::boxes::{Color, Item, Role, tagged};

use super::flow::Slice;

/// The text area of a page, in points from the top-left corner.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    pub left: f32,
    pub top: f32,
    pub bottom: f32,
    pub width: f32,
}

/// Notes set at the foot of the pages that hold an anchor named by their key.
pub type Notes = HashMap<String, Vec<Slice>>;

/// The space above a page's notes, with a short rule in it.
const NOTE_GAP: f32 = 12.0;

/// The notes a page's slices mark, in order, once each.
#[derive(Default)]
struct Foot {
    keys: Vec<String>,
    height: f32,
}

impl Foot {
    /// The keys of `slice` not yet on the page, and the height they add.
    fn added(&self, slice: &Slice, notes: &Notes) -> (Vec<String>, f32) {
        if notes.is_empty() {
            return (Vec::new(), 0.0);
        }
        let mut keys: Vec<String> = Vec::new();
        let mut height = 0.0;
        for item in &slice.items {
            if let Item::Anchor { name, .. } = item
                && let Some(lines) = notes.get(name)
                && !self.keys.contains(name)
                && !keys.contains(name)
            {
                height += lines.iter().map(|l| l.height).sum::<f32>();
                keys.push(name.clone());
            }
        }
        if self.keys.is_empty() && !keys.is_empty() {
            height += NOTE_GAP;
        }
        (keys, height)
    }

    fn add(&mut self, slice: &Slice, notes: &Notes) {
        let (keys, height) = self.added(slice, notes);
        self.keys.extend(keys);
        self.height += height;
    }

    fn of(placed: &[Slice], notes: &Notes) -> Foot {
        let mut foot = Foot::default();
        for slice in placed {
            foot.add(slice, notes);
        }
        foot
    }
}

/// Places `slices` on as many pages as needed; each page is its list of items.
pub fn paginate(slices: Vec<Slice>, area: Area, notes: &Notes) -> Vec<Vec<Item>> {
    let mut pages: Vec<Vec<Item>> = Vec::new();
    let mut placed: Vec<Slice> = Vec::new();
    let mut foot = Foot::default();
    let mut y = area.top;
    let mut queue: VecDeque<Slice> = slices.into();
    while let Some(slice) = queue.pop_front() {
        if slice.page_break_before && !placed.is_empty() {
            pages.push(finish(&mut placed, area, notes));
            foot = Foot::default();
            y = area.top;
        }
        if placed.is_empty() && slice.discardable {
            continue;
        }
        let (_, note_height) = foot.added(&slice, notes);
        if y + slice.height + foot.height + note_height <= area.bottom + 0.01 || placed.is_empty() {
            if placed.is_empty()
                && let Some(header) = &slice.repeat
                && y + header.height + slice.height <= area.bottom
            {
                y += header.height;
                foot.add(header, notes);
                placed.push(repeated(header));
            }
            y += slice.height;
            foot.add(&slice, notes);
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
        pages.push(finish(&mut placed, area, notes));
        foot = Foot::default();
        y = area.top;
        queue.push_front(slice);
        for s in carried.into_iter().rev() {
            queue.push_front(s);
        }
    }
    if !placed.is_empty() {
        pages.push(finish(&mut placed, area, notes));
    }
    pages
}

/// A table's header shown again on a continued page: drawn, but page furniture for
/// the structure, which holds the header once.
fn repeated(header: &Slice) -> Slice {
    let drawn = header
        .items
        .iter()
        .filter(|i| !matches!(i, Item::Begin(_) | Item::End))
        .cloned();
    Slice {
        items: tagged(Role::Artifact, drawn),
        ..header.clone()
    }
}

/// Positions a page's slices, drops trailing spacing, and sets its notes at its foot.
fn finish(placed: &mut Vec<Slice>, area: Area, notes: &Notes) -> Vec<Item> {
    while placed.last().is_some_and(|s| s.discardable) {
        placed.pop();
    }
    let foot = Foot::of(placed, notes);
    let mut y = area.top;
    let notes_items: usize = (foot.keys.iter())
        .map(|key| notes[key].iter().map(|l| l.items.len()).sum::<usize>() + 2)
        .sum();
    let mut items =
        Vec::with_capacity(placed.iter().map(|s| s.items.len()).sum::<usize>() + notes_items + 1);
    for slice in placed.drain(..) {
        items.extend(slice.items.into_iter().map(|i| i.shifted(area.left, y)));
        y += slice.height;
    }
    if !foot.keys.is_empty() {
        let mut y = area.bottom - foot.height;
        let rule = y + NOTE_GAP * 0.4;
        items.push(Item::Line {
            x1: area.left,
            y1: rule,
            x2: area.left + area.width * 0.25,
            y2: rule,
            width: 0.5,
            color: Color::RULE,
        });
        y += NOTE_GAP;
        for key in &foot.keys {
            items.push(Item::Begin(Role::Note));
            for line in &notes[key] {
                items.extend(line.items.iter().cloned().map(|i| i.shifted(area.left, y)));
                y += line.height;
            }
            items.push(Item::End);
        }
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
            width: 100.0,
        };
        let slices = vec![
            line("a", false),
            line("b", false),
            line("c", false),
            line("heading", true),
            line("d", false),
        ];
        let pages = paginate(slices, area, &Notes::new());
        assert_eq!(names(&pages[0]), ["a", "b", "c"]);
        assert_eq!(names(&pages[1]), ["heading", "d"]);
    }

    #[test]
    fn table_headers_repeat_and_space_is_dropped_at_the_top() {
        let area = Area {
            left: 0.0,
            top: 0.0,
            bottom: 30.0,
            width: 100.0,
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
        let pages = paginate(slices, area, &Notes::new());
        assert_eq!(names(&pages[0]), ["header", "r1", "r2"]);
        assert_eq!(names(&pages[1]), ["header", "r3", "r4"]);
    }
}
