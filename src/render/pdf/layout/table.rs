//! Tables: column widths from their content, as a browser's automatic table layout
//! shares them. Each column gets at least its widest unbreakable piece (a Latin word,
//! a CJK character, or a CJK header's whole word when the table has room for it) and
//! the rest in proportion to what it would need to set its cells unwrapped. A table
//! whose words do not fit steps its type down once, then hyphenates its cells.

use std::sync::Arc;

use crate::model::{Align as ColumnAlign, Inline};
use crate::render::pdf::boxes::{Color, Item, Role, tagged};
use crate::render::pdf::fonts::FontId;
use crate::render::pdf::text::width_em;

use super::flow::{Context, Slice};
use super::inline::{self, Align, Line, Paragraph, Span, SpanStyle};

/// Room a measured width keeps for rounding, so text measured to fit does fit.
const SLACK: f32 = 0.5;

/// The type size of a table whose words do not fit at the theme's, relative to it.
const SMALLER: f32 = 0.88;

fn cell_style(bold: bool, size: f32) -> SpanStyle {
    SpanStyle::new(
        if bold {
            FontId::SerifBold
        } else {
            FontId::Serif
        },
        size,
    )
}

/// How a table is set: its type size, cell padding, column widths and how cells break.
struct Plan {
    size: f32,
    pad: f32,
    widths: Vec<f32>,
    align: Align,
}

/// What each column needs: its widest unbreakable piece (`hard`; `soft` also keeps a
/// CJK header word whole) and its natural, unwrapped width.
#[derive(Debug, Default)]
struct Needs {
    soft: Vec<f32>,
    hard: Vec<f32>,
    natural: Vec<f32>,
}

/// Widths for columns sharing `width`: each its minimum, and what is left in proportion
/// to how much more each would take unwrapped; when every column fits unwrapped, the
/// spare width in proportion to the natural widths. `None` when even the minimums do
/// not fit.
pub fn distribute(min: &[f32], natural: &[f32], width: f32) -> Option<Vec<f32>> {
    let natural: Vec<f32> = natural.iter().zip(min).map(|(n, m)| n.max(*m)).collect();
    let min_total: f32 = min.iter().sum();
    let natural_total: f32 = natural.iter().sum();
    if min_total > width + 0.01 {
        return None;
    }
    if natural_total <= width {
        let spare = width - natural_total;
        return Some(
            natural
                .iter()
                .map(|n| n + spare * n / natural_total.max(0.001))
                .collect(),
        );
    }
    let room = width - min_total;
    let flexible = natural_total - min_total;
    Some(
        natural
            .iter()
            .zip(min)
            .map(|(n, m)| m + room * (n - m) / flexible.max(0.001))
            .collect(),
    )
}

impl Context<'_> {
    pub(super) fn table(
        &self,
        align: &[ColumnAlign],
        head: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        width: f32,
    ) -> Vec<Slice> {
        let columns = head.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
        if columns == 0 {
            return Vec::new();
        }
        let plan = self.plan(head, rows, columns, width);
        let (size, pad, widths) = (plan.size, plan.pad, &plan.widths);
        let leading = size * 1.32;
        let cell_style = |bold: bool| cell_style(bold, size);
        let row_slice = |cells: &[Vec<Inline>], bold: bool| -> Slice {
            let mut items = Vec::new();
            let mut height: f32 = 0.0;
            let mut x = 0.0;
            for (c, w) in widths.iter().enumerate() {
                let inlines = cells.get(c).map(Vec::as_slice).unwrap_or(&[]);
                let spans = self.body_spans(inlines, &cell_style(bold));
                let lines = inline::set(
                    &Paragraph {
                        spans: &spans,
                        width: w - pad * 2.0,
                        leading,
                        align: plan.align,
                        lang: self.lang(),
                        rtl: self.rtl(),
                    },
                    self.shaper,
                );
                let mut y = pad;
                let mut cell = Vec::new();
                for line in lines {
                    let shift = match align.get(c) {
                        Some(ColumnAlign::Right) => w - pad * 2.0 - line_width(&line),
                        Some(ColumnAlign::Center) => (w - pad * 2.0 - line_width(&line)) / 2.0,
                        _ => 0.0,
                    };
                    cell.extend(
                        super::flow::tag_links(line.items)
                            .into_iter()
                            .map(|i| i.shifted(x + pad + shift, y)),
                    );
                    y += line.height;
                }
                let role = if bold { Role::HeaderCell } else { Role::Cell };
                items.extend(tagged(role, cell));
                height = height.max(y + pad);
                x += w;
            }
            let rule = if bold {
                (0.8, Color::MUTED)
            } else {
                (0.4, Color::RULE)
            };
            items.push(Item::Line {
                x1: 0.0,
                y1: height,
                x2: width,
                y2: height,
                width: rule.0,
                color: rule.1,
            });
            if bold {
                items.insert(
                    0,
                    Item::Rect {
                        x: 0.0,
                        y: 0.0,
                        width,
                        height,
                        color: Color(0xf1, 0xf3, 0xf6),
                    },
                );
            }
            Slice {
                height,
                items: tagged(Role::Row, items),
                ..Slice::default()
            }
        };
        let header = Arc::new(row_slice(head, true));
        let mut slices = vec![Slice {
            keep_with_next: true,
            ..(*header).clone()
        }];
        for (i, row) in rows.iter().enumerate() {
            let mut slice = row_slice(row, false);
            slice.repeat = Some(header.clone());
            slice.keep_with_next = i == 0;
            slices.push(slice);
        }
        slices
    }

    /// The largest type, and the fewest broken words, with which the table's content fits.
    fn plan(
        &self,
        head: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        columns: usize,
        width: f32,
    ) -> Plan {
        let base = self.style.table_size;
        let attempts = [
            (base, Align::Left),
            (base * SMALLER, Align::Left),
            (base * SMALLER, Align::LeftHyphenated),
        ];
        let mut last = Needs::default();
        for (size, align) in attempts {
            let pad = size * 0.55;
            let needs = self.needs(head, rows, columns, size, pad, align);
            let widths = distribute(&needs.soft, &needs.natural, width)
                .or_else(|| distribute(&needs.hard, &needs.natural, width));
            if let Some(widths) = widths {
                return Plan {
                    size,
                    pad,
                    widths,
                    align,
                };
            }
            last = needs;
        }
        // Words longer than any share: columns in proportion to their longest.
        let total: f32 = last.hard.iter().sum();
        let size = base * SMALLER;
        Plan {
            size,
            pad: size * 0.55,
            widths: last.hard.iter().map(|m| m * width / total).collect(),
            align: Align::LeftHyphenated,
        }
    }

    /// Measures every cell as it will be set (its spans' fonts and sizes).
    fn needs(
        &self,
        head: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        columns: usize,
        size: f32,
        pad: f32,
        align: Align,
    ) -> Needs {
        let lang = if align == Align::LeftHyphenated {
            self.lang()
        } else {
            ""
        };
        let mut needs = Needs {
            soft: vec![0.0; columns],
            hard: vec![0.0; columns],
            natural: vec![0.0; columns],
        };
        let all = std::iter::once((head, true)).chain(rows.iter().map(|r| (r.as_slice(), false)));
        for (cells, bold) in all {
            for (c, cell) in cells.iter().enumerate().take(columns) {
                let spans = self.body_spans(cell, &cell_style(bold, size));
                let (soft, hard, natural) = self.measure_cell(&spans, lang, bold);
                let frame = pad * 2.0 + SLACK;
                needs.soft[c] = needs.soft[c].max(soft + frame);
                needs.hard[c] = needs.hard[c].max(hard + frame);
                needs.natural[c] = needs.natural[c].max(natural + frame);
            }
        }
        needs
    }

    /// A cell's (soft minimum, hard minimum, natural width).
    fn measure_cell(&self, spans: &[Span], lang: &str, header: bool) -> (f32, f32, f32) {
        let measure = |span: &Span, text: &str| {
            width_em(&self.shaper.shape(span.style.font, text)) * span.style.size
        };
        let (mut soft, mut hard) = (0.0f32, 0.0f32);
        let mut line = 0.0f32;
        let mut natural = 0.0f32;
        for span in spans {
            for (n, part) in span.text.split('\u{2028}').enumerate() {
                if n > 0 {
                    natural = natural.max(line);
                    line = 0.0;
                }
                line += measure(span, part);
            }
            for word in span.text.split_whitespace() {
                let (cuts, cjk) = inline::word_cuts(word, lang);
                let mut start = 0;
                let mut widest = 0.0f32;
                for (cut, hyphen) in cuts.into_iter().chain([(word.len(), false)]) {
                    if cut <= start {
                        continue;
                    }
                    let mut piece = measure(span, &word[start..cut]);
                    if hyphen {
                        piece += measure(span, "-");
                    }
                    widest = widest.max(piece);
                    start = cut;
                }
                hard = hard.max(widest);
                // A header's CJK word ("レベル") is read as one: kept whole when it fits.
                soft = soft.max(if header && cjk {
                    measure(span, word)
                } else {
                    widest
                });
            }
        }
        (soft, hard, natural.max(line))
    }
}

fn line_width(line: &Line) -> f32 {
    line.items
        .iter()
        .filter_map(|i| match i {
            Item::Text {
                x, size, segments, ..
            } => Some(x + segments.iter().map(|s| s.width).sum::<f32>() * size),
            _ => None,
        })
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::distribute;

    fn rounded(widths: Option<Vec<f32>>) -> Option<Vec<f32>> {
        widths.map(|w| w.iter().map(|x| (x * 10.0).round() / 10.0).collect())
    }

    #[test]
    fn content_narrower_than_the_page_spreads_in_proportion_to_natural_widths() {
        assert_eq!(
            rounded(distribute(&[10.0, 20.0], &[50.0, 150.0], 400.0)),
            Some(vec![100.0, 300.0])
        );
    }

    #[test]
    fn wider_content_gives_each_column_its_minimum_and_shares_the_rest() {
        // A narrow first column ("Level") keeps its word; the long texts share the rest
        // by how much more they would take.
        let widths = distribute(&[40.0, 60.0, 60.0], &[45.0, 600.0, 300.0], 400.0).unwrap();
        assert_eq!(
            rounded(Some(widths.clone())),
            Some(vec![41.5, 225.1, 133.4])
        );
        assert!((widths.iter().sum::<f32>() - 400.0).abs() < 0.01);
        assert!(widths[0] >= 40.0);
    }

    #[test]
    fn minimums_wider_than_the_page_do_not_fit() {
        assert_eq!(distribute(&[300.0, 200.0], &[400.0, 300.0], 400.0), None);
        // A column whose natural width is below its minimum counts its minimum.
        assert_eq!(
            rounded(distribute(&[100.0, 100.0], &[50.0, 100.0], 200.0)),
            Some(vec![100.0, 100.0])
        );
    }
}
