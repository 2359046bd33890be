//! Line, bar, area and scatter charts on x/y axes.

use super::*;

/// A drawable point: finite, within [`LIMIT`].
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Pt {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) label: String,
}

/// A series reduced to its drawable points, with its colour.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) name: String,
    pub(super) color: RGBColor,
    pub(super) points: Vec<Pt>,
}

pub(super) fn plottable(v: f64) -> bool {
    v.is_finite() && v.abs() <= LIMIT
}

/// The series without unplottable points. Lines and areas are sorted by x (stably, so equal
/// x keep their order) because a path drawn out of order zigzags.
pub(super) fn prepare_lines(chart: &Chart, palette: &palette::Palette) -> Vec<Line> {
    chart
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut points: Vec<Pt> = s
                .points
                .iter()
                .filter(|p| plottable(p.x) && plottable(p.y))
                .map(|p| Pt {
                    x: p.x,
                    y: p.y,
                    label: p.label.as_deref().map(one_line).unwrap_or_default(),
                })
                .collect();
            if matches!(chart.kind, ChartKind::Line | ChartKind::Area) {
                points.sort_by(|a, b| a.x.total_cmp(&b.x));
            }
            Line {
                name: one_line(&s.name),
                color: s.tone.map_or_else(|| palette.series(i), palette::tone),
                points,
            }
        })
        .collect()
}

/// The rules that can be drawn, in one direction.
pub(super) fn rules(chart: &Chart, horizontal: bool) -> impl Iterator<Item = &Rule> {
    chart
        .rules
        .iter()
        .filter(move |r| r.horizontal == horizontal && plottable(r.value))
}

/// Per x value, the running tops of the positive and negative stacks of a stacked bar
/// chart. A small vector rather than a map: charts have few categories, and the order of
/// first appearance keeps the output deterministic.
#[derive(Debug, Default)]
pub(super) struct Stacks(pub(super) Vec<(f64, f64, f64)>);

impl Stacks {
    /// Puts `y` on the stack at `x`; returns the bottom and top of the new segment.
    pub(super) fn push(&mut self, x: f64, y: f64) -> (f64, f64) {
        let index = match self.0.iter().position(|s| s.0 == x) {
            Some(i) => i,
            None => {
                self.0.push((x, 0.0, 0.0));
                self.0.len() - 1
            }
        };
        let stack = &mut self.0[index];
        let side = if y >= 0.0 { &mut stack.1 } else { &mut stack.2 };
        let bottom = *side;
        *side += y;
        (bottom, *side)
    }

    pub(super) fn totals(lines: &[Line]) -> Vec<f64> {
        let mut stacks = Stacks::default();
        for p in lines.iter().flat_map(|l| &l.points) {
            stacks.push(p.x, p.y);
        }
        stacks.0.iter().flat_map(|s| [s.1, s.2]).collect()
    }
}

pub(super) fn is_bar(kind: ChartKind) -> bool {
    matches!(kind, ChartKind::Bar | ChartKind::StackedBar)
}

/// Bars and areas are measured from zero, so zero must be on the axis.
pub(super) fn is_zero_based(kind: ChartKind) -> bool {
    matches!(
        kind,
        ChartKind::Bar | ChartKind::StackedBar | ChartKind::Area
    )
}

/// The smallest distance between distinct x values: the room one bar group may take on a
/// numeric axis. 1 when there are fewer than two distinct values.
pub(super) fn bar_slot(lines: &[Line]) -> f64 {
    let mut xs: Vec<f64> = lines.iter().flat_map(|l| &l.points).map(|p| p.x).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    xs.windows(2)
        .map(|w| w[1] - w[0])
        .filter(|d| *d > 0.0)
        .fold(None, |m: Option<f64>, d| Some(m.map_or(d, |m| m.min(d))))
        .unwrap_or(1.0)
}

// ---------------------------------------------------------------- x/y charts

/// Everything about a line, bar, area or scatter chart that can be decided before drawing.
pub(super) struct XyPlan {
    pub(super) kind: ChartKind,
    pub(super) lines: Vec<Line>,
    /// Empty for a numeric x axis.
    pub(super) categories: Vec<String>,
    pub(super) x: Span,
    pub(super) y: Span,
    /// Bar-group width in x units.
    pub(super) slot: f64,
    pub(super) y_ticks: Ticks,
    pub(super) y_labels: Vec<String>,
    /// Numeric axes only.
    pub(super) x_ticks: Ticks,
    /// The labels under the x axis.
    pub(super) x_labels: Vec<XLabel>,
    pub(super) legend: Vec<LegendEntry>,
    /// Margins around the plot area: top, bottom, left, right.
    pub(super) margins: (i32, i32, i32, i32),
    /// Room left of the plot for the y tick labels.
    pub(super) y_label_room: f64,
    pub(super) size: (u32, u32),
    pub(super) layout: Layout,
}

impl XyPlan {
    pub(super) fn new(chart: &Chart, layout: Layout, palette: &palette::Palette) -> XyPlan {
        let (width, base_height) = layout.size();
        let kind = chart.kind;
        let lines = prepare_lines(chart, palette);
        let categories = match &chart.x {
            XAxis::Categories(c) => c.iter().map(|c| one_line(c)).collect(),
            XAxis::Numeric => Vec::new(),
        };
        let slot = if categories.is_empty() {
            bar_slot(&lines)
        } else {
            1.0
        };
        let x = x_span(chart, &lines, &categories, slot);
        let y = y_span(chart, &lines);
        let whole =
            |coord: fn(&Pt) -> f64| all_whole(lines.iter().flat_map(|l| &l.points).map(coord));
        let y_ticks = nice_ticks(y, layout.y_ticks(), whole(|p| p.y));
        let y_labels = tick_labels(&y_ticks);

        let tick_w = y_labels
            .iter()
            .map(|l| Font::new(TICK_PX, palette::MUTED).width(l))
            .fold(0.0, f64::max);
        let title_w = if one_line(&chart.y_label).is_empty() {
            0
        } else {
            TITLE_PX as i32 + 10
        };
        let left = (PAD + title_w + tick_w.ceil() as i32 + 8).min(width as i32 / 3);
        let right = PAD + 12;
        // One set of points needs no key: the title and axes say what they are.
        let keyed = if kind == ChartKind::Scatter && lines.len() == 1 {
            &[][..]
        } else {
            &lines[..]
        };
        let (legend, rows) = place_legend(keyed, left, width as i32 - right);
        let height = base_height as i32 + (rows - 1).max(0) * LEGEND_ROW;
        let top = if rows > 0 {
            PAD + rows * LEGEND_ROW + 8
        } else {
            PAD + 10
        };
        let x_title = if one_line(&chart.x_label).is_empty() {
            0
        } else {
            TITLE_PX as i32 + 10
        };
        let plot_w = f64::from(width as i32 - left - right);
        let x_ticks = numeric_x_ticks(x, plot_w, whole(|p| p.x));
        let x_labels = if categories.is_empty() {
            numeric_labels(&x_ticks)
        } else {
            // One category is one x unit wide.
            let font = Font::new(TICK_PX, palette::MUTED);
            category_labels(&categories, plot_w / x.width(), font, layout.label_room().1)
        };
        // A label centred near either end must not stick out of the drawing.
        let tick_font = Font::new(TICK_PX, palette::MUTED);
        let x_labels: Vec<XLabel> = x_labels
            .into_iter()
            .map(|mut l| {
                let centre = f64::from(left) + (l.x - x.lo) / x.width() * plot_w;
                let room = 2.0 * (centre.min(f64::from(width) - centre) - 2.0);
                if tick_font.width(&l.text) > room {
                    l.text = tick_font.fit(&l.text, room);
                }
                l
            })
            .collect();
        let label_rows = x_labels.iter().map(|l| l.row).max().unwrap_or(0);
        let bottom = PAD + TICK_PX as i32 + 10 + label_rows * X_LABEL_ROW + x_title;
        XyPlan {
            kind,
            lines,
            categories,
            x,
            y,
            slot,
            y_ticks,
            y_labels,
            x_ticks,
            x_labels,
            legend,
            margins: (top, bottom, left, right),
            y_label_room: f64::from(left - PAD - title_w - 8),
            size: (width, height as u32),
            layout,
        }
    }

    pub(super) fn draw(&self, root: &Canvas<'_>, chart: &Chart) -> Result<(), ChartError> {
        let (top, bottom, left, right) = self.margins;
        let area = root.margin(top, bottom, left, right);
        let plot = ChartBuilder::on(&area)
            .build_cartesian_2d(self.x.lo..self.x.hi, self.y.lo..self.y.hi)?;
        self.draw_grid(&plot)?;
        match self.kind {
            ChartKind::Bar => self.draw_bars(&plot)?,
            ChartKind::StackedBar => self.draw_stacked_bars(&plot)?,
            ChartKind::Area => self.draw_areas(&plot)?,
            ChartKind::Scatter => self.draw_scatter(&plot)?,
            ChartKind::Line | ChartKind::Heatmap => self.draw_lines(&plot)?,
        }
        self.draw_axes(root, &plot)?;
        let rule_labels = self.draw_rules(root, &plot, chart)?;
        self.draw_y_labels(root, &plot)?;
        self.draw_x_labels(root, &plot)?;
        draw_axis_titles(root, chart, self.frame(), self.size.1 as i32)?;
        if self.kind == ChartKind::Scatter {
            self.draw_point_labels(root, &plot, rule_labels)?;
        }
        draw_legend(root, &self.legend, self.kind)
    }

    /// The plot area in canvas pixels: left, top, right, bottom.
    pub(super) fn frame(&self) -> (i32, i32, i32, i32) {
        let (top, bottom, left, right) = self.margins;
        (
            left,
            top,
            self.size.0 as i32 - right,
            self.size.1 as i32 - bottom,
        )
    }

    /// `px` canvas pixels in x units.
    pub(super) fn units(&self, px: f64) -> f64 {
        let (left, _, right, _) = self.frame();
        px * self.x.width() / f64::from((right - left).max(1))
    }
}
