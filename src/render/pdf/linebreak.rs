//! Paragraph line breaking: Knuth and Plass's total-fit algorithm over boxes, glue and
//! penalties. It chooses the breaks of the whole paragraph at once, so spacing stays
//! even from line to line (no rivers) and no line is overfull unless a word is wider
//! than the column itself.

/// An element of a paragraph, widths in points.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Box {
        width: f32,
    },
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
    },
    /// A possible break; `flagged` ones (hyphens) should not end two lines in a row.
    Penalty {
        width: f32,
        cost: f32,
        flagged: bool,
    },
}

pub const INFINITY: f32 = 10_000.0;

impl Item {
    /// An inter-word space: it stretches by 60 % and shrinks by 30 % of its width.
    pub fn space(width: f32) -> Item {
        Item::Glue {
            width,
            stretch: width * 0.6,
            shrink: width * 0.3,
        }
    }

    /// No break here.
    pub fn forbid() -> Item {
        Item::Penalty {
            width: 0.0,
            cost: INFINITY,
            flagged: false,
        }
    }

    /// A break here, whatever it costs (paragraph end, hard line break).
    pub fn force() -> Item {
        Item::Penalty {
            width: 0.0,
            cost: -INFINITY,
            flagged: false,
        }
    }

    /// Space that fills the rest of the last line.
    pub fn fill() -> Item {
        Item::Glue {
            width: 0.0,
            stretch: INFINITY,
            shrink: 0.0,
        }
    }
}

/// Running sums of natural width, stretch and shrink.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Totals {
    width: f32,
    stretch: f32,
    shrink: f32,
}

impl Totals {
    fn add(&mut self, item: &Item) {
        match item {
            Item::Box { width } => self.width += width,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                self.width += width;
                self.stretch += stretch;
                self.shrink += shrink;
            }
            Item::Penalty { .. } => {}
        }
    }
}

/// A chosen break: the item index it happens at, and the line's adjustment ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    pub at: usize,
    pub ratio: f32,
}

#[derive(Clone)]
struct Node {
    at: usize,
    line: usize,
    fitness: u8,
    /// Sums from the paragraph start to the first item after this break.
    totals: Totals,
    demerits: f32,
    previous: Option<usize>,
}

/// Breaks `items` into lines of `width`; the last item must be a forced break
/// (`Penalty { cost: -INFINITY }`). Tries a strict tolerance first, then a looser
/// one, then falls back to filling lines greedily.
pub fn breaks(items: &[Item], width: f32) -> Vec<Break> {
    for tolerance in [2.0, 5.0, 50.0] {
        if let Some(found) = total_fit(items, width, tolerance) {
            return found;
        }
    }
    first_fit(items, width)
}

fn total_fit(items: &[Item], line_width: f32, tolerance: f32) -> Option<Vec<Break>> {
    let mut nodes = vec![Node {
        at: 0,
        line: 0,
        fitness: 1,
        totals: Totals::default(),
        demerits: 0.0,
        previous: None,
    }];
    let mut active: Vec<usize> = vec![0];
    // Reused from one break to the next rather than allocated anew at every word.
    let mut still_active: Vec<usize> = Vec::new();
    let mut candidates: Vec<Node> = Vec::new();
    let mut sums = Totals::default();
    for (i, item) in items.iter().enumerate() {
        let breakable = match item {
            Item::Box { .. } => false,
            Item::Glue { .. } => i > 0 && matches!(items[i - 1], Item::Box { .. }),
            Item::Penalty { cost, .. } => *cost < INFINITY,
        };
        if breakable {
            candidates.clear();
            still_active.clear();
            for &a in &active {
                let node = &nodes[a];
                let penalty_width = if let Item::Penalty { width: w, .. } = item {
                    *w
                } else {
                    0.0
                };
                let natural = sums.width - node.totals.width + penalty_width;
                let ratio = if natural < line_width {
                    let available = sums.stretch - node.totals.stretch;
                    if available > 0.0 {
                        (line_width - natural) / available
                    } else {
                        INFINITY
                    }
                } else if natural > line_width {
                    let available = sums.shrink - node.totals.shrink;
                    if available > 0.0 {
                        (line_width - natural) / available
                    } else {
                        -INFINITY
                    }
                } else {
                    0.0
                };
                let forced = matches!(item, Item::Penalty { cost, .. } if *cost <= -INFINITY);
                if ratio < -1.0 || forced {
                    // Too full (or the paragraph ends): this node can start no later line.
                } else {
                    still_active.push(a);
                }
                if (-1.0..=tolerance).contains(&ratio) {
                    let badness = 100.0 * ratio.abs().powi(3);
                    let (cost, flagged) = match item {
                        Item::Penalty { cost, flagged, .. } => (*cost, *flagged),
                        _ => (0.0, false),
                    };
                    let mut demerits = if cost >= 0.0 {
                        (10.0 + badness).powi(2) + cost * cost
                    } else if cost > -INFINITY {
                        (10.0 + badness).powi(2) - cost * cost
                    } else {
                        (10.0 + badness).powi(2)
                    };
                    let previous_flagged = matches!(
                        items.get(node.at),
                        Some(Item::Penalty { flagged: true, .. })
                    ) && node.at > 0;
                    if flagged && previous_flagged {
                        demerits += 3000.0;
                    }
                    let fitness = match ratio {
                        r if r < -0.5 => 0,
                        r if r <= 0.5 => 1,
                        r if r <= 1.0 => 2,
                        _ => 3,
                    };
                    if (fitness as i8 - node.fitness as i8).abs() > 1 {
                        demerits += 100.0;
                    }
                    candidates.push(Node {
                        at: i,
                        line: node.line + 1,
                        fitness,
                        totals: Totals::default(),
                        demerits: node.demerits + demerits,
                        previous: Some(a),
                    });
                }
            }
            std::mem::swap(&mut active, &mut still_active);
            if !candidates.is_empty() {
                // Totals after the break skip the glue and penalties that start the next line.
                let after = totals_after(items, i, sums);
                // Keep the best candidate per fitness class.
                for fitness in 0..4u8 {
                    if let Some(best) = candidates
                        .iter()
                        .filter(|c| c.fitness == fitness)
                        .min_by(|a, b| a.demerits.total_cmp(&b.demerits))
                    {
                        let mut node = best.clone();
                        node.totals = after;
                        nodes.push(node);
                        active.push(nodes.len() - 1);
                    }
                }
            }
            if active.is_empty() {
                return None;
            }
        }
        sums.add(item);
    }
    let last = items.len() - 1;
    let best = active
        .iter()
        .copied()
        .filter(|&a| nodes[a].at == last)
        .min_by(|&a, &b| nodes[a].demerits.total_cmp(&nodes[b].demerits))?;
    let mut chosen = Vec::new();
    let mut cursor = Some(best);
    while let Some(n) = cursor {
        if nodes[n].previous.is_none() {
            break;
        }
        chosen.push(nodes[n].at);
        cursor = nodes[n].previous;
    }
    chosen.reverse();
    Some(with_ratios(items, &chosen, line_width))
}

fn totals_after(items: &[Item], at: usize, mut sums: Totals) -> Totals {
    for (i, item) in items.iter().enumerate().skip(at) {
        match item {
            Item::Box { .. } => break,
            Item::Penalty { cost, .. } if *cost <= -INFINITY && i > at => break,
            other => sums.add(other),
        }
    }
    sums
}

/// The first item of the line that starts after a break at `at`.
pub fn line_start(items: &[Item], at: usize) -> usize {
    let mut i = at + 1;
    while i < items.len() && !matches!(items[i], Item::Box { .. }) {
        if matches!(items[i], Item::Penalty { cost, .. } if cost <= -INFINITY) {
            break;
        }
        i += 1;
    }
    i
}

fn with_ratios(items: &[Item], chosen: &[usize], line_width: f32) -> Vec<Break> {
    let mut start = 0;
    chosen
        .iter()
        .map(|&at| {
            let mut sums = Totals::default();
            items[start..at].iter().for_each(|item| sums.add(item));
            let Totals {
                mut width,
                stretch,
                shrink,
            } = sums;
            if let Item::Penalty { width: w, .. } = items[at] {
                width += w;
            }
            let ratio = if width < line_width && stretch > 0.0 {
                ((line_width - width) / stretch).min(INFINITY)
            } else if width > line_width && shrink > 0.0 {
                ((line_width - width) / shrink).max(-1.0)
            } else {
                0.0
            };
            start = line_start(items, at);
            Break { at, ratio }
        })
        .collect()
}

/// Greedy filling, for paragraphs no tolerance can set (a word wider than the line).
fn first_fit(items: &[Item], line_width: f32) -> Vec<Break> {
    let mut chosen = Vec::new();
    let mut width = 0.0;
    let mut last_break: Option<usize> = None;
    let mut start = 0;
    let mut i = 0;
    while i < items.len() {
        let breakable = match &items[i] {
            Item::Box { .. } => false,
            Item::Glue { .. } => i > start && matches!(items[i - 1], Item::Box { .. }),
            Item::Penalty { cost, .. } => *cost < INFINITY,
        };
        if matches!(items[i], Item::Penalty { cost, .. } if cost <= -INFINITY) {
            chosen.push(i);
            break;
        }
        if breakable {
            last_break = Some(i);
        }
        if let Item::Box { width: w } | Item::Glue { width: w, .. } = items[i] {
            width += w;
        }
        if width > line_width
            && let Some(b) = last_break.take()
            && b > start
        {
            chosen.push(b);
            start = line_start(items, b);
            i = start;
            width = 0.0;
            continue;
        }
        i += 1;
    }
    with_ratios(items, &chosen, line_width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(widths: &[f32]) -> Vec<Item> {
        let mut items = Vec::new();
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                items.push(Item::Glue {
                    width: 3.0,
                    stretch: 1.5,
                    shrink: 1.0,
                });
            }
            items.push(Item::Box { width: *w });
        }
        items.push(Item::Glue {
            width: 0.0,
            stretch: INFINITY,
            shrink: 0.0,
        });
        items.push(Item::Penalty {
            width: 0.0,
            cost: -INFINITY,
            flagged: false,
        });
        items
    }

    #[test]
    fn lines_are_filled_within_tolerance() {
        let items = words(&[20.0; 30]);
        let lines = breaks(&items, 100.0);
        assert!(lines.len() >= 6);
        for line in &lines[..lines.len() - 1] {
            assert!((-1.0..=5.0).contains(&line.ratio), "{line:?}");
        }
        assert_eq!(lines.last().unwrap().at, items.len() - 1);
    }

    #[test]
    fn a_word_wider_than_the_line_still_breaks() {
        let items = words(&[30.0, 500.0, 30.0]);
        let lines = breaks(&items, 100.0);
        assert_eq!(lines.last().unwrap().at, items.len() - 1);
        assert!(lines.len() >= 2);
    }
}
