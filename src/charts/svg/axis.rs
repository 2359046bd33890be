//! The axes of x/y charts: the spans they cover, their ticks, and which x labels fit.

use super::*;

/// The x span: every category slot (or every x), vertical rules, and room for the bars.
pub(super) fn x_span(chart: &Chart, lines: &[Line], categories: &[String], slot: f64) -> Span {
    let xs = lines.iter().flat_map(|l| &l.points).map(|p| p.x);
    let rule_xs = rules(chart, false).flat_map(|r| in_view(chart.kind, r.value));
    if !categories.is_empty() {
        let n = categories.len() as f64;
        let base = Span {
            lo: -0.5,
            hi: n - 0.5,
        };
        let extra = Span::around(xs.chain(rule_xs));
        return match extra {
            Some(e) => Span {
                lo: base.lo.min(e.lo - 0.5),
                hi: base.hi.max(e.hi + 0.5),
            },
            None => base,
        };
    }
    let data = Span::around(xs);
    let with_rules = rule_xs.fold(data, |s, v| {
        Some(s.map_or(Span { lo: v, hi: v }, |s| s.with(v)))
    });
    let Some(span) = with_rules else {
        return Span { lo: 0.0, hi: 1.0 };
    };
    if is_bar(chart.kind) {
        if let Some(d) = data {
            let half = slot / 2.0;
            return span.with(d.lo - half).with(d.hi + half);
        }
    }
    span.opened().padded(0.05, false)
}

/// The y span: every value (stack totals for stacked bars), horizontal rules, zero for
/// bars and areas, and 5 % headroom.
pub(super) fn y_span(chart: &Chart, lines: &[Line]) -> Span {
    let values: Vec<f64> = if chart.kind == ChartKind::StackedBar {
        Stacks::totals(lines)
    } else {
        lines.iter().flat_map(|l| &l.points).map(|p| p.y).collect()
    };
    let zero_based = is_zero_based(chart.kind);
    let zero = zero_based.then_some(0.0);
    let all = values
        .into_iter()
        .chain(rules(chart, true).flat_map(|r| in_view(chart.kind, r.value)))
        .chain(zero);
    match Span::around(all) {
        None => Span { lo: 0.0, hi: 1.0 },
        Some(s) if s.width() == 0.0 && s.lo == 0.0 && zero_based => Span { lo: 0.0, hi: 1.0 },
        Some(s) => s.opened().padded(0.05, zero_based),
    }
}

/// How far either side of a reference line a scatter always shows, as a share of the
/// line's value.
const RULE_REACH: f64 = 0.2;

/// The values an axis must cover for a reference line at `value`: on a scatter, the line
/// and a fifth of its value either side. Points are read against the line there (CPI and
/// SPI against 1.0), and one project at CPI 0.99, SPI 0.985 was drawn on axes from 0.985
/// to 1.0: a slip of 1 % filled the chart as a crisis would, and the line's label sat on
/// the corner's tick. Other charts show the line itself (a BAC above an S-curve).
fn in_view(kind: ChartKind, value: f64) -> impl Iterator<Item = f64> {
    let reach = if kind == ChartKind::Scatter {
        value.abs() * RULE_REACH
    } else {
        0.0
    };
    [value - reach, value, value + reach].into_iter()
}

/// Ticks for a numeric x axis, as many as fit side by side in `plot_w` pixels.
pub(super) fn numeric_x_ticks(span: Span, plot_w: f64, whole: bool) -> Ticks {
    let font = Font::new(TICK_PX, palette::MUTED);
    let mut target = 8;
    loop {
        let ticks = nice_ticks(span, target, whole);
        let widest = tick_labels(&ticks)
            .iter()
            .map(|l| font.width(l))
            .fold(0.0, f64::max);
        if target <= 2 || ticks.values.len() as f64 * (widest + 16.0) <= plot_w {
            return ticks;
        }
        target -= 1;
    }
}

/// Vertical distance between the two rows of staggered x labels.
pub(super) const X_LABEL_ROW: i32 = TICK_PX as i32 + 4;

/// One label under the x axis: its x value, its text, and its row (0, or 1 when labels
/// are staggered).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct XLabel {
    pub(super) x: f64,
    pub(super) text: String,
    pub(super) row: i32,
}

/// Every tick of a numeric axis, labelled.
pub(super) fn numeric_labels(ticks: &Ticks) -> Vec<XLabel> {
    let labels = tick_labels(ticks);
    ticks
        .values
        .iter()
        .zip(labels)
        .map(|(&x, text)| XLabel { x, text, row: 0 })
        .collect()
}

/// Which categories get a label, and the label (shortened if needed), for categories
/// `slot_px` apart.
///
/// In order of preference: every label on one row; every label on two staggered rows
/// (for a few long names such as milestones, where each one matters); or every k-th label
/// on one row, at most about a dozen, always keeping the first and the last since they
/// tell the range (for long runs of periods, where the pattern is enough).
pub(super) fn category_labels(
    categories: &[String],
    slot_px: f64,
    font: Font,
    max_label: f64,
) -> Vec<XLabel> {
    const GAP: f64 = 10.0;
    const MAX_STAGGERED: usize = 16;
    let n = categories.len();
    let label = |i: usize, room: f64, row: i32| XLabel {
        x: i as f64,
        text: font.fit(&categories[i], room.min(max_label)),
        row,
    };
    if n <= 1 {
        return (0..n).map(|i| label(i, slot_px - GAP, 0)).collect();
    }
    let widest = categories
        .iter()
        .map(|c| font.width(c).min(max_label))
        .fold(0.0, f64::max);
    if widest + GAP <= slot_px {
        return (0..n).map(|i| label(i, slot_px - GAP, 0)).collect();
    }
    let staggered_room = 2.0 * slot_px - GAP;
    let keeps_enough = staggered_room >= widest.min(4.0 * f64::from(font.px));
    if n <= MAX_STAGGERED && keeps_enough {
        return (0..n)
            .map(|i| label(i, staggered_room, (i % 2) as i32))
            .collect();
    }
    let by_width = ((widest + GAP) / slot_px.max(1.0)).ceil().max(1.0) as usize;
    let step = by_width.max(n.div_ceil(12)).min(n - 1).max(1);
    let room = step as f64 * slot_px - GAP;
    let mut shown: Vec<XLabel> = (0..n).step_by(step).map(|i| label(i, room, 0)).collect();
    if shown.last().is_some_and(|l| l.x as usize != n - 1) {
        let end = label(n - 1, room, 0);
        if let Some(prev) = shown.last() {
            let apart = (end.x - prev.x) * slot_px;
            let needed = (font.width(&prev.text) + font.width(&end.text)) / 2.0 + GAP;
            if apart < needed && shown.len() > 1 {
                shown.pop();
            }
        }
        shown.push(end);
    }
    shown
}
