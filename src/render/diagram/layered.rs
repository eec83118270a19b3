//! A layered (Sugiyama-style) layout for small directed acyclic graphs: boxes ranked
//! by their longest path from the start, each answer's label a node of its own in the
//! row between its question and the next box (so labels take room like boxes and can
//! never overlap them), long arrows threaded through dummy nodes, rows ordered by
//! barycentre sweeps keeping the order with the fewest crossings, then positioned so
//! each box sits over its answers. Arrows are orthogonal: down, across in the gap
//! between rows, down again.

use super::{Diagram, Fault, Rect, Style};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Box(usize),
    Label(usize),
    Dummy,
}

#[derive(Debug, Clone)]
struct Item {
    kind: Kind,
    width: f32,
    height: f32,
    layer: usize,
    preds: Vec<usize>,
    succs: Vec<usize>,
}

/// Sets the position of every box, label and arrow of `diagram`, and its size.
pub fn place(diagram: &mut Diagram, style: &Style) {
    let index = |id: &str, boxes: &[super::NodeBox]| boxes.iter().position(|b| b.node == id);
    diagram.arrows.retain(|a| {
        index(&a.from, &diagram.boxes).is_some() && index(&a.to, &diagram.boxes).is_some()
    });
    let back = |a: &super::Arrow| a.fault == Some(Fault::Cycle);
    // Each box one row below the lowest box with an arrow to it: its longest path
    // from a box nothing leads to. Answers that close a cycle (marked `Cycle`) do not
    // count, and the rest is acyclic, so this settles within one pass per box.
    let mut rank = vec![0usize; diagram.boxes.len()];
    for _ in 0..diagram.boxes.len() {
        let mut changed = false;
        for (i, b) in diagram.boxes.iter().enumerate() {
            for a in diagram
                .arrows
                .iter()
                .filter(|a| a.from == b.node && !back(a))
            {
                if let Some(t) = index(&a.to, &diagram.boxes)
                    && rank[t] < rank[i] + 1
                {
                    rank[t] = rank[i] + 1;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut items: Vec<Item> = diagram
        .boxes
        .iter()
        .enumerate()
        .map(|(i, b)| Item {
            kind: Kind::Box(i),
            width: b.rect.width,
            height: b.rect.height,
            layer: rank[i] * 2,
            preds: Vec::new(),
            succs: Vec::new(),
        })
        .collect();
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(diagram.arrows.len());
    for (k, arrow) in diagram.arrows.iter().enumerate() {
        let (Some(from), Some(to)) = (
            index(&arrow.from, &diagram.boxes),
            index(&arrow.to, &diagram.boxes),
        ) else {
            continue;
        };
        let mut chain = vec![from];
        items.push(Item {
            kind: Kind::Label(k),
            width: arrow.label.width,
            height: arrow.label.height,
            layer: rank[from] * 2 + 1,
            preds: Vec::new(),
            succs: Vec::new(),
        });
        chain.push(items.len() - 1);
        // An answer back up the diagram ends at its label; `route_back` draws the rest.
        let up = if back(arrow) { 0 } else { rank[to] * 2 };
        for layer in rank[from] * 2 + 2..up {
            items.push(Item {
                kind: Kind::Dummy,
                width: 2.0,
                height: 0.0,
                layer,
                preds: Vec::new(),
                succs: Vec::new(),
            });
            chain.push(items.len() - 1);
        }
        if !back(arrow) {
            chain.push(to);
        }
        for pair in chain.windows(2) {
            items[pair[0]].succs.push(pair[1]);
            items[pair[1]].preds.push(pair[0]);
        }
        chains.push(chain);
    }
    let layer_count = items.iter().map(|i| i.layer + 1).max().unwrap_or(0);

    // Two starts, answers in file order and reversed; the first wins a tie.
    let mut layers = initial_order(&items, layer_count, false);
    order_by_barycentres(&items, &mut layers);
    let mut reversed = initial_order(&items, layer_count, true);
    order_by_barycentres(&items, &mut reversed);
    if crossings(&items, &reversed) < crossings(&items, &layers) {
        layers = reversed;
    }
    let mut cx = horizontal(&items, &layers, style);
    straighten(&items, &layers, style, &mut cx);

    // Rows: each as tall as its tallest item, items centred in it.
    let mut tops = vec![0.0f32; layer_count];
    let mut heights = vec![0.0f32; layer_count];
    // An answer back to the first row runs above it: room for its track.
    let back_to_top = diagram
        .arrows
        .iter()
        .any(|a| back(a) && index(&a.to, &diagram.boxes).is_some_and(|t| rank[t] == 0));
    let mut y = style.margin + if back_to_top { style.row_gap } else { 0.0 };
    for l in 0..layer_count {
        tops[l] = y;
        heights[l] = layers[l]
            .iter()
            .map(|&i| items[i].height)
            .fold(0.0, f32::max);
        y += heights[l] + style.row_gap;
    }
    let height = y - style.row_gap + style.margin;
    let left = items
        .iter()
        .zip(&cx)
        .map(|(it, x)| x - it.width / 2.0)
        .fold(f32::INFINITY, f32::min);
    let right = items
        .iter()
        .zip(&cx)
        .map(|(it, x)| x + it.width / 2.0)
        .fold(f32::NEG_INFINITY, f32::max);
    let dx = style.margin - if left.is_finite() { left } else { 0.0 };
    let rect_of = |i: usize| {
        let it = &items[i];
        Rect {
            x: cx[i] + dx - it.width / 2.0,
            y: tops[it.layer] + (heights[it.layer] - it.height) / 2.0,
            width: it.width,
            height: it.height,
        }
    };

    for (i, item) in items.iter().enumerate() {
        let rect = rect_of(i);
        match item.kind {
            Kind::Box(b) => {
                let b = &mut diagram.boxes[b];
                b.rect = rect;
                for line in b.lines.iter_mut().chain(b.mark.iter_mut()) {
                    line.x += rect.x;
                    line.baseline += rect.y;
                }
            }
            Kind::Label(k) => {
                let a = &mut diagram.arrows[k];
                a.label = rect;
                for line in &mut a.lines {
                    line.x = rect.x + rect.width / 2.0;
                    line.baseline += rect.y + 2.0;
                }
            }
            Kind::Dummy => {}
        }
    }
    let mut raw: Vec<Vec<(f32, f32)>> = vec![Vec::new(); diagram.arrows.len()];
    let mut jogs: Vec<Jog> = Vec::new();
    for (k, chain) in chains.iter().enumerate() {
        let (Some(&first), Some(&last)) = (chain.first(), chain.last()) else {
            continue;
        };
        let port = |rect: &Rect, toward: f32| {
            let inset = (rect.width / 2.0).min(8.0);
            toward.clamp(rect.x + inset, rect.right() - inset)
        };
        let start = rect_of(first);
        let mut x = port(&start, cx[chain[1]] + dx);
        let points = &mut raw[k];
        points.push((x, start.bottom()));
        let inner = if back(&diagram.arrows[k]) {
            &chain[1..]
        } else {
            &chain[1..chain.len() - 1]
        };
        for (n, &m) in inner.iter().enumerate() {
            let layer = items[m].layer;
            let jog = tops[layer] - style.row_gap / 2.0;
            let mx = cx[m] + dx;
            if (mx - x).abs() > 0.01 {
                // Leaving a question, its arrows share one track (they fan out from
                // the box); elsewhere each arrow keeps its own.
                let group = if n == 0 {
                    format!("from:{}", diagram.arrows[k].from)
                } else {
                    format!("arrow:{k}:{n}")
                };
                jogs.push(Jog::new(k, points.len(), jog, x, mx, group));
                points.push((x, jog));
                points.push((mx, jog));
            }
            let (top, bottom) = match items[m].kind {
                Kind::Dummy => (tops[layer], tops[layer] + heights[layer]),
                _ => {
                    let r = rect_of(m);
                    (r.y, r.bottom())
                }
            };
            points.push((mx, top));
            points.push((mx, bottom));
            x = mx;
        }
        if back(&diagram.arrows[k]) {
            continue;
        }
        let end = rect_of(last);
        let to = port(&end, x);
        if (to - x).abs() > 0.01 {
            let jog = tops[items[last].layer] - style.row_gap / 2.0;
            let group = format!("to:{}", diagram.arrows[k].to);
            jogs.push(Jog::new(k, points.len(), jog, x, to, group));
            points.push((x, jog));
            points.push((to, jog));
        }
        points.push((to, end.y));
    }
    // Answers back up the diagram: down from their label into the gap below it,
    // out to a lane of their own beyond the right edge, up to the gap above the box
    // they lead to, and down into it.
    let mut lane = right + dx + style.gap;
    let mut bottom = height;
    for (k, chain) in chains.iter().enumerate() {
        let arrow = &diagram.arrows[k];
        let (true, Some(&label), Some(to)) =
            (back(arrow), chain.last(), index(&arrow.to, &diagram.boxes))
        else {
            continue;
        };
        let below = rect_of(label);
        let layer = items[label].layer;
        let out_y = tops[layer] + heights[layer] + style.row_gap / 2.0;
        let end = rect_of(to);
        let in_y = tops[items[to].layer] - style.row_gap / 2.0;
        let x = below.x + below.width / 2.0;
        let tx = end.x + end.width * 0.75;
        let points = &mut raw[k];
        points.push((x, out_y));
        jogs.push(Jog::new(
            k,
            points.len() - 1,
            out_y,
            x,
            lane,
            format!("back:{k}:out"),
        ));
        points.push((lane, out_y));
        jogs.push(Jog::new(
            k,
            points.len(),
            in_y,
            lane,
            tx,
            format!("back:{k}:in"),
        ));
        points.push((lane, in_y));
        points.push((tx, in_y));
        points.push((tx, end.y));
        bottom = bottom.max(out_y + style.row_gap / 2.0 + style.margin);
        lane += style.gap / 2.0;
    }
    let lanes = lane - (right + dx + style.gap);
    separate_jogs(&mut raw, &jogs, style.row_gap);
    for (arrow, points) in diagram.arrows.iter_mut().zip(raw) {
        arrow.points = simplify(points);
    }
    let lanes = if lanes > 0.0 {
        lanes + style.gap / 2.0
    } else {
        0.0
    };
    diagram.width = (right - left + style.margin * 2.0 + lanes).max(0.0).ceil();
    diagram.height = bottom.ceil();
}

/// A horizontal run of an arrow in the gap between two rows.
struct Jog {
    arrow: usize,
    /// Index of its first point; the second follows.
    point: usize,
    y: f32,
    from: f32,
    to: f32,
    /// Runs of one group may overlap: they share a track.
    group: String,
}

impl Jog {
    fn new(arrow: usize, point: usize, y: f32, a: f32, b: f32, group: String) -> Jog {
        Jog {
            arrow,
            point,
            y,
            from: a.min(b),
            to: a.max(b),
            group,
        }
    }
}

/// Horizontal runs that would lie on one another in a gap get tracks of their own,
/// spread over the gap's height, so two arrows never share a line.
fn separate_jogs(raw: &mut [Vec<(f32, f32)>], jogs: &[Jog], gap: f32) {
    let mut gaps: Vec<f32> = jogs.iter().map(|j| j.y).collect();
    gaps.sort_by(f32::total_cmp);
    gaps.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    for y in gaps {
        // Each group as one interval, in order of its left end.
        let mut groups: Vec<(String, f32, f32)> = Vec::new();
        for jog in jogs.iter().filter(|j| (j.y - y).abs() < 0.01) {
            match groups.iter_mut().find(|g| g.0 == jog.group) {
                Some(g) => {
                    g.1 = g.1.min(jog.from);
                    g.2 = g.2.max(jog.to);
                }
                None => groups.push((jog.group.clone(), jog.from, jog.to)),
            }
        }
        groups.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        let mut track_ends: Vec<f32> = Vec::new();
        let mut track_of: Vec<(String, usize)> = Vec::new();
        for (group, from, to) in &groups {
            let track = match track_ends.iter().position(|&end| end + 4.0 < *from) {
                Some(t) => t,
                None => {
                    track_ends.push(f32::NEG_INFINITY);
                    track_ends.len() - 1
                }
            };
            track_ends[track] = *to;
            track_of.push((group.clone(), track));
        }
        let tracks = track_ends.len();
        if tracks < 2 {
            continue;
        }
        let spacing = (gap * 0.8 / tracks as f32).min(6.0);
        for jog in jogs.iter().filter(|j| (j.y - y).abs() < 0.01) {
            let track = track_of
                .iter()
                .find(|(g, _)| *g == jog.group)
                .map_or(0, |(_, t)| *t);
            let shifted = y + (track as f32 - (tracks - 1) as f32 / 2.0) * spacing;
            raw[jog.arrow][jog.point].1 = shifted;
            raw[jog.arrow][jog.point + 1].1 = shifted;
        }
    }
}

/// Drops repeated points and the middle of three points on one straight line.
fn simplify(points: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    let mut out: Vec<(f32, f32)> = Vec::with_capacity(points.len());
    for p in points {
        if out
            .last()
            .is_some_and(|q| (q.0 - p.0).abs() < 0.01 && (q.1 - p.1).abs() < 0.01)
        {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let vertical = (a.0 - b.0).abs() < 0.01 && (b.0 - p.0).abs() < 0.01;
            let horizontal = (a.1 - b.1).abs() < 0.01 && (b.1 - p.1).abs() < 0.01;
            if vertical || horizontal {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// Rows in depth-first order from the start, answers in file order: the reading
/// order of the tree, and the tie-breaker of every later sweep.
fn initial_order(items: &[Item], layer_count: usize, reverse: bool) -> Vec<Vec<usize>> {
    let mut layers = vec![Vec::new(); layer_count];
    let mut seen = vec![false; items.len()];
    fn visit(
        i: usize,
        items: &[Item],
        reverse: bool,
        seen: &mut [bool],
        layers: &mut [Vec<usize>],
    ) {
        if seen[i] {
            return;
        }
        seen[i] = true;
        layers[items[i].layer].push(i);
        let mut next = items[i].succs.clone();
        if reverse {
            next.reverse();
        }
        for s in next {
            visit(s, items, reverse, seen, layers);
        }
    }
    for i in 0..items.len() {
        visit(i, items, reverse, &mut seen, &mut layers);
    }
    layers
}

/// Swaps neighbours in a row while that removes crossings: barycentres alone miss
/// the orders that need two rows changed at once.
fn transpose(items: &[Item], layers: &mut [Vec<usize>]) {
    // A swap in row `l` changes the crossings on its two sides only.
    let around = |layers: &[Vec<usize>], l: usize| {
        crossings_below(items, layers, l)
            + l.checked_sub(1)
                .map_or(0, |u| crossings_below(items, layers, u))
    };
    for _ in 0..12 {
        let mut improved = false;
        for l in 0..layers.len() {
            for p in 0..layers[l].len().saturating_sub(1) {
                let before = around(layers, l);
                layers[l].swap(p, p + 1);
                if around(layers, l) < before {
                    improved = true;
                } else {
                    layers[l].swap(p, p + 1);
                }
            }
        }
        if !improved {
            break;
        }
    }
}

fn crossings(items: &[Item], layers: &[Vec<usize>]) -> usize {
    (0..layers.len().saturating_sub(1))
        .map(|l| crossings_below(items, layers, l))
        .sum()
}

/// Crossings between row `l` and the next: only their items' places matter.
fn crossings_below(items: &[Item], layers: &[Vec<usize>], l: usize) -> usize {
    let (Some(upper), Some(lower)) = (layers.get(l), layers.get(l + 1)) else {
        return 0;
    };
    let place = |i: usize| lower.iter().position(|&x| x == i).unwrap_or(0);
    let edges: Vec<(usize, usize)> = upper
        .iter()
        .enumerate()
        .flat_map(|(p, &i)| items[i].succs.iter().map(move |&s| (p, s)))
        .map(|(p, s)| (p, place(s)))
        .collect();
    let mut count = 0;
    for (k, e) in edges.iter().enumerate() {
        count += edges[k + 1..]
            .iter()
            .filter(|f| (e.0 < f.0 && e.1 > f.1) || (e.0 > f.0 && e.1 < f.1))
            .count();
    }
    count
}

/// Alternate downward and upward sweeps, each row sorted by the mean position of
/// its neighbours in the row before; the order with the fewest crossings wins (the
/// first one found on a tie, which keeps answers in file order when it costs nothing).
fn order_by_barycentres(items: &[Item], layers: &mut [Vec<usize>]) {
    let mut best = layers.to_vec();
    let mut best_count = crossings(items, layers);
    for sweep in 0..8 {
        let down = sweep % 2 == 0;
        let range: Vec<usize> = if down {
            (1..layers.len()).collect()
        } else {
            (0..layers.len().saturating_sub(1)).rev().collect()
        };
        for l in range {
            let (before, after) = layers.split_at_mut(l);
            let (current, rest) = after.split_first_mut().expect("l < len");
            let fixed = if down { before.last() } else { rest.first() };
            let Some(fixed) = fixed else { continue };
            let pos = |i: usize| fixed.iter().position(|&f| f == i);
            let mut keyed: Vec<(f32, usize, usize)> = current
                .iter()
                .enumerate()
                .map(|(p, &i)| {
                    let near = if down {
                        &items[i].preds
                    } else {
                        &items[i].succs
                    };
                    let places: Vec<usize> = near.iter().filter_map(|&n| pos(n)).collect();
                    let key = if places.is_empty() {
                        p as f32
                    } else {
                        places.iter().sum::<usize>() as f32 / places.len() as f32
                    };
                    (key, p, i)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            *current = keyed.into_iter().map(|(_, _, i)| i).collect();
        }
        transpose(items, layers);
        let count = crossings(items, layers);
        if count < best_count {
            best_count = count;
            best = layers.to_vec();
        }
    }
    layers.clone_from_slice(&best);
}

/// The least distance between the centres of two neighbours in a row.
fn separation(items: &[Item], style: &Style, a: usize, b: usize) -> f32 {
    let boxes = matches!(items[a].kind, Kind::Box(_)) && matches!(items[b].kind, Kind::Box(_));
    (items[a].width + items[b].width) / 2.0 + if boxes { style.gap } else { style.gap * 0.6 }
}

/// A label just beside its question's bottom edge would need a step of a few units
/// in its arrow: it moves over the edge when its neighbours leave room.
fn straighten(items: &[Item], layers: &[Vec<usize>], style: &Style, cx: &mut [f32]) {
    for layer in layers {
        for (p, &i) in layer.iter().enumerate() {
            let (Kind::Label(_), [question]) = (items[i].kind, items[i].preds.as_slice()) else {
                continue;
            };
            let half = items[*question].width / 2.0;
            let inset = half.min(8.0);
            let (lo, hi) = (cx[*question] - half + inset, cx[*question] + half - inset);
            let target = cx[i].clamp(lo, hi);
            let shift = target - cx[i];
            if shift.abs() < 0.01 || shift.abs() > style.gap * 2.0 {
                continue;
            }
            let left_ok =
                p == 0 || cx[layer[p - 1]] + separation(items, style, layer[p - 1], i) <= target;
            let right_ok = p + 1 == layer.len()
                || target + separation(items, style, i, layer[p + 1]) <= cx[layer[p + 1]];
            if left_ok && right_ok {
                cx[i] = target;
            }
        }
    }
}

/// Centre x of every item: rows packed, then alternately pulled under their
/// predecessors and over their successors, never closer than the gap; the last pull
/// is upwards, so every question sits over its answers.
fn horizontal(items: &[Item], layers: &[Vec<usize>], style: &Style) -> Vec<f32> {
    let mut cx = vec![0.0f32; items.len()];
    let sep = |a: usize, b: usize| separation(items, style, a, b);
    for layer in layers {
        let mut x = 0.0;
        for (p, &i) in layer.iter().enumerate() {
            if p > 0 {
                x += sep(layer[p - 1], i);
            }
            cx[i] = x;
        }
        let mid = x / 2.0;
        layer.iter().for_each(|&i| cx[i] -= mid);
    }
    let settle = |layer: &[usize], desired: Vec<f32>, cx: &mut [f32]| {
        let n = layer.len();
        if n == 0 {
            return;
        }
        let mut forward = desired.clone();
        for p in 1..n {
            forward[p] = forward[p].max(forward[p - 1] + sep(layer[p - 1], layer[p]));
        }
        let mut backward = desired;
        for p in (0..n - 1).rev() {
            backward[p] = backward[p].min(backward[p + 1] - sep(layer[p], layer[p + 1]));
        }
        let mut x: Vec<f32> = forward
            .iter()
            .zip(&backward)
            .map(|(f, b)| (f + b) / 2.0)
            .collect();
        for p in 1..n {
            x[p] = x[p].max(x[p - 1] + sep(layer[p - 1], layer[p]));
        }
        for (p, &i) in layer.iter().enumerate() {
            cx[i] = x[p];
        }
    };
    let mean = |near: &[usize], cx: &[f32], own: f32| {
        if near.is_empty() {
            own
        } else {
            near.iter().map(|&n| cx[n]).sum::<f32>() / near.len() as f32
        }
    };
    for _ in 0..4 {
        for layer in layers.iter().skip(1) {
            let desired = layer
                .iter()
                .map(|&i| mean(&items[i].preds, &cx, cx[i]))
                .collect();
            settle(layer, desired, &mut cx);
        }
        for layer in layers.iter().rev().skip(1) {
            let desired = layer
                .iter()
                .map(|&i| mean(&items[i].succs, &cx, cx[i]))
                .collect();
            settle(layer, desired, &mut cx);
        }
    }
    cx
}

#[cfg(test)]
mod tests {
    use super::simplify;

    #[test]
    fn straight_runs_keep_their_ends_only() {
        let points = vec![(0.0, 0.0), (0.0, 5.0), (0.0, 5.0), (0.0, 9.0), (4.0, 9.0)];
        assert_eq!(simplify(points), [(0.0, 0.0), (0.0, 9.0), (4.0, 9.0)]);
    }
}
