//! Draws a [`Chart`] as a standalone, accessible `<svg>` element for inlining into HTML.
//!
//! plotters draws every shape into a String (never into a file, so a failed chart cannot
//! leave a truncated file behind). No font is registered with plotters — its `ttf` feature
//! would make the build depend on the machine's fonts — so every plotters API that measures
//! text (captions, mesh labels, series-label boxes) would fail with `FontUnavailable`.
//! Tick labels, legends and annotations are therefore plain [`Text`] elements, which the SVG
//! backend writes as `<text>` with a `text-anchor` and never measures; their layout uses the
//! estimates of [`super::text`]. Real `<text>` also lets the reader's fonts render Chinese.
//!
//! A last pass ([`finish`]) swaps plotters' `<svg>` header for an accessible, responsive one
//! with `<title>` and `<desc>`, and rewrites the few attributes plotters cannot express
//! (exact font sizes, dashes): see [`tidy_text`] and [`DASHED`].

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, FontTransform};

use super::model::{Chart, ChartKind, Heatmap, Rule, XAxis};
use super::palette;
use super::text::{one_line, text_width, truncate_to_width, FONT_STACK};

/// A chart that could not be drawn. Bad data never causes this (it is skipped or drawn as
/// an empty plot); only a failure inside the drawing library does.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot draw the chart: {message}")]
pub struct ChartError {
    pub message: String,
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError {
            message: e.to_string(),
        }
    }
}

/// Width and height of the viewBox of line, bar, area and scatter charts. The SVG scales to
/// its container, so these only fix the proportions and the relative size of the text.
const WIDTH: u32 = 720;
const HEIGHT: u32 = 400;
/// Heatmaps are narrower so that their cells come out squarer.
const HEATMAP_WIDTH: u32 = 600;
/// Space between the drawing and the edge of the SVG.
const PAD: i32 = 12;
/// Font sizes in viewBox pixels: at least 12 so that text stays legible when a 720-wide
/// chart is shrunk onto a phone.
const TICK_PX: u32 = 13;
const TITLE_PX: u32 = 14;
const LEGEND_PX: u32 = 13;
const POINT_LABEL_PX: u32 = 12;
const CELL_PX: u32 = 15;
/// Height of one legend row.
const LEGEND_ROW: i32 = 22;
/// Values beyond this magnitude are skipped as not plottable: no PMO figure is that large,
/// and it keeps every span finite so that pixel mapping cannot overflow.
const LIMIT: f64 = 1e15;
/// The widest a bar may be: wider bars look heavy when there are only one or two.
const MAX_BAR_PX: f64 = 64.0;
/// Series with more points than this get no point markers (they would merge into a band).
const MAX_MARKERS: usize = 60;
/// A stand-in stroke colour for dashed lines. plotters' SVG backend cannot dash a line, so
/// rules are drawn in this otherwise unused colour and [`finish`] rewrites it to
/// [`palette::MUTED`] with a `stroke-dasharray`.
const DASHED: RGBColor = RGBColor(0x5a, 0x66, 0x76);
/// plotters writes `font-size` as the requested size divided by 1.24, which gives sizes
/// like 10.483870967741936. Each text is drawn with the font family `pmo-size-N` instead,
/// and [`tidy_text`] turns that back into `font-size="N"`.
const SIZE_TAG: &str = "pmo-size-";

type Canvas<'b> = DrawingArea<SVGBackend<'b>, Shift>;
type Plot<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Draws `chart` and returns a complete `<svg>` element. `id` prefixes the ids of its
/// `<title>` and `<desc>`, so it must be unique within the page.
pub fn render(chart: &Chart, id: &str) -> Result<String, ChartError> {
    let mut body = String::new();
    let size = match chart.kind {
        ChartKind::Heatmap => {
            let plan = HeatPlan::new(chart);
            draw_into(&mut body, plan.size, |root| plan.draw(root, chart))?;
            plan.size
        }
        _ => {
            let plan = XyPlan::new(chart);
            draw_into(&mut body, plan.size, |root| plan.draw(root, chart))?;
            plan.size
        }
    };
    finish(&body, chart, id, size)
}

/// Runs `draw` on a white plotters canvas that writes into `buf`.
fn draw_into(
    buf: &mut String,
    size: (u32, u32),
    draw: impl FnOnce(&Canvas<'_>) -> Result<(), ChartError>,
) -> Result<(), ChartError> {
    let root = SVGBackend::with_string(buf, size).into_drawing_area();
    root.fill(&palette::BACKGROUND)?;
    draw(&root)?;
    root.present()?;
    Ok(())
}

// ---------------------------------------------------------------- text

/// How a piece of text is set.
#[derive(Debug, Clone, Copy)]
struct Font {
    px: u32,
    color: RGBColor,
    bold: bool,
    /// Rotated to read bottom to top (the y axis title).
    upright: bool,
}

impl Font {
    const fn new(px: u32, color: RGBColor) -> Font {
        Font {
            px,
            color,
            bold: false,
            upright: false,
        }
    }

    const fn bold(self) -> Font {
        Font { bold: true, ..self }
    }

    const fn upright(self) -> Font {
        Font {
            upright: true,
            ..self
        }
    }

    fn width(self, text: &str) -> f64 {
        text_width(text, f64::from(self.px))
    }

    fn fit(self, text: &str, max_px: f64) -> String {
        truncate_to_width(text, f64::from(self.px), max_px.max(0.0))
    }
}

/// Draws one line of text at a pixel position, `anchor` telling which point of the text
/// sits there. Empty text draws nothing.
fn draw_text(
    area: &Canvas<'_>,
    text: &str,
    at: (i32, i32),
    font: Font,
    anchor: (HPos, VPos),
) -> Result<(), ChartError> {
    let text = one_line(text);
    if text.is_empty() {
        return Ok(());
    }
    let family = format!("{SIZE_TAG}{}", font.px);
    let weight = if font.bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    let mut desc = FontDesc::new(FontFamily::Name(&family), f64::from(font.px), weight);
    if font.upright {
        desc = desc.transform(FontTransform::Rotate270);
    }
    let style = desc.color(&font.color).pos(Pos::new(anchor.0, anchor.1));
    area.draw(&Text::new(text, at, style))?;
    Ok(())
}

/// The box a text will roughly cover, from the anchor point and the estimated width.
fn text_box(at: (i32, i32), width: f64, font: Font, anchor: (HPos, VPos)) -> Rect {
    let (x, y) = (f64::from(at.0), f64::from(at.1));
    let em = f64::from(font.px);
    let x0 = match anchor.0 {
        HPos::Left => x,
        HPos::Center => x - width / 2.0,
        HPos::Right => x - width,
    };
    let y0 = match anchor.1 {
        VPos::Top => y,
        VPos::Center => y - 0.6 * em,
        VPos::Bottom => y - 1.1 * em,
    };
    Rect::new(x0, y0, x0 + width, y0 + 1.2 * em)
}

/// Text on a translucent white patch, for labels that sit on lines and data (rule labels).
fn draw_backed_text(
    area: &Canvas<'_>,
    text: &str,
    at: (i32, i32),
    font: Font,
    anchor: (HPos, VPos),
) -> Result<(), ChartError> {
    if text.is_empty() {
        return Ok(());
    }
    let b = text_box(at, font.width(text), font, anchor);
    let corners = [
        (b.x0.floor() as i32 - 3, b.y0.floor() as i32),
        (b.x1.ceil() as i32 + 3, b.y1.ceil() as i32),
    ];
    let patch = palette::BACKGROUND.mix(0.85).filled();
    area.draw(&Rectangle::new(corners, patch))?;
    draw_text(area, text, at, font, anchor)
}

// ---------------------------------------------------------------- numbers

/// A finite interval of data values, never empty.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Span {
    lo: f64,
    hi: f64,
}

impl Span {
    fn around(values: impl IntoIterator<Item = f64>) -> Option<Span> {
        values.into_iter().fold(None, |span, v| {
            Some(match span {
                None => Span { lo: v, hi: v },
                Some(s) => s.with(v),
            })
        })
    }

    fn with(self, v: f64) -> Span {
        Span {
            lo: self.lo.min(v),
            hi: self.hi.max(v),
        }
    }

    fn width(self) -> f64 {
        self.hi - self.lo
    }

    /// Gives a single value some room around it, since a zero-width axis cannot be drawn.
    fn opened(self) -> Span {
        if self.width() > 0.0 {
            return self;
        }
        let d = if self.lo == 0.0 {
            1.0
        } else {
            self.lo.abs() * 0.1
        };
        Span {
            lo: self.lo - d,
            hi: self.hi + d,
        }
    }

    /// Adds `frac` of the width on both sides — except on a side that is exactly zero when
    /// `zero_based`, because bars and areas must stand on the plot's edge, not float above it.
    fn padded(self, frac: f64, zero_based: bool) -> Span {
        let pad = self.width() * frac;
        Span {
            lo: if zero_based && self.lo == 0.0 {
                0.0
            } else {
                self.lo - pad
            },
            hi: if zero_based && self.hi == 0.0 {
                0.0
            } else {
                self.hi + pad
            },
        }
    }
}

/// Evenly spaced round values inside a span.
#[derive(Debug, Clone, PartialEq)]
struct Ticks {
    values: Vec<f64>,
    step: f64,
}

/// About `target` ticks at multiples of 1, 2, 2.5 or 5 × 10ⁿ within `span`. `whole` keeps
/// the step at 1 or more, for axes of counts or years where 2021.5 would make no sense.
fn nice_ticks(span: Span, target: usize, whole: bool) -> Ticks {
    let raw = span.width() / target.max(1) as f64;
    if !(raw.is_finite() && raw > 0.0) {
        return Ticks {
            values: vec![span.lo],
            step: 1.0,
        };
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= raw * 0.999)
        .unwrap_or(10.0 * magnitude);
    let step = if whole && step < 1.0 { 1.0 } else { step };
    let first = (span.lo / step).ceil();
    let last = (span.hi / step).floor();
    let count = last - first + 1.0;
    if !(1.0..=100.0).contains(&count) {
        return Ticks {
            values: vec![span.lo, span.hi],
            step: span.width(),
        };
    }
    let values = (0..count as usize)
        .map(|i| (first + i as f64) * step)
        .collect();
    Ticks { values, step }
}

/// Whether every value is a whole number (and there is at least one).
fn all_whole(values: impl IntoIterator<Item = f64>) -> bool {
    let mut any = false;
    for v in values {
        if v.fract() != 0.0 {
            return false;
        }
        any = true;
    }
    any
}

/// How the numbers of one axis are written; one style per axis so its ticks read alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NumberStyle {
    /// K, M or B suffixes: `850K`, `1.2M`.
    compact: bool,
    /// Commas between thousands: `32,000`.
    grouped: bool,
}

impl NumberStyle {
    /// Axes that reach a million use suffixes so that labels stay short; axes that reach
    /// ten thousand group digits. Four-digit axes do neither, so years read `2024`.
    fn for_values(values: &[f64]) -> NumberStyle {
        let largest = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        NumberStyle {
            compact: largest >= 1e6,
            grouped: largest >= 1e4,
        }
    }
}

/// The tick labels of one axis, with only as many decimals as the tick step needs.
fn tick_labels(ticks: &Ticks) -> Vec<String> {
    let style = NumberStyle::for_values(&ticks.values);
    ticks
        .values
        .iter()
        .map(|&v| format_tick(v, ticks.step, style))
        .collect()
}

fn format_tick(v: f64, step: f64, style: NumberStyle) -> String {
    if style.compact {
        for (unit, suffix) in [(1e9, "B"), (1e6, "M"), (1e3, "K")] {
            if v.abs() >= unit {
                let decimals = decimals_for(step / unit).min(3);
                return format!("{}{suffix}", format_number(v / unit, decimals, true));
            }
        }
    }
    format_number(v, decimals_for(step), style.grouped)
}

/// The decimals needed to write multiples of `step` exactly (at most 6).
fn decimals_for(step: f64) -> usize {
    (0..6)
        .find(|&d| {
            let scaled = step * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() <= 1e-6 * scaled.abs().max(1.0)
        })
        .unwrap_or(6)
}

/// `v` with at most `decimals` decimals, trailing zeros trimmed, and if `grouped` a comma
/// between thousands: `3,200,000`, `0.85`, `-12.5`.
fn format_number(v: f64, decimals: usize, grouped: bool) -> String {
    let fixed = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match fixed.split_once('.') {
        Some((i, f)) => (i, f.trim_end_matches('0')),
        None => (fixed.as_str(), ""),
    };
    let mut out = String::new();
    if v < 0.0 && (int.bytes().any(|b| b != b'0') || !frac.is_empty()) {
        out.push('-');
    }
    for (i, digit) in int.chars().enumerate() {
        if grouped && i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

// ---------------------------------------------------------------- data

/// A drawable point: finite, within [`LIMIT`].
#[derive(Debug, Clone, PartialEq)]
struct Pt {
    x: f64,
    y: f64,
    label: String,
}

/// A series reduced to its drawable points, with its colour.
#[derive(Debug, Clone)]
struct Line {
    name: String,
    color: RGBColor,
    points: Vec<Pt>,
}

fn plottable(v: f64) -> bool {
    v.is_finite() && v.abs() <= LIMIT
}

/// The series without unplottable points. Lines and areas are sorted by x (stably, so equal
/// x keep their order) because a path drawn out of order zigzags.
fn prepare_lines(chart: &Chart) -> Vec<Line> {
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
                color: palette::series(i),
                points,
            }
        })
        .collect()
}

/// The rules that can be drawn, in one direction.
fn rules(chart: &Chart, horizontal: bool) -> impl Iterator<Item = &Rule> {
    chart
        .rules
        .iter()
        .filter(move |r| r.horizontal == horizontal && plottable(r.value))
}

/// Per x value, the running tops of the positive and negative stacks of a stacked bar
/// chart. A small vector rather than a map: charts have few categories, and the order of
/// first appearance keeps the output deterministic.
#[derive(Debug, Default)]
struct Stacks(Vec<(f64, f64, f64)>);

impl Stacks {
    /// Puts `y` on the stack at `x`; returns the bottom and top of the new segment.
    fn push(&mut self, x: f64, y: f64) -> (f64, f64) {
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

    fn totals(lines: &[Line]) -> Vec<f64> {
        let mut stacks = Stacks::default();
        for p in lines.iter().flat_map(|l| &l.points) {
            stacks.push(p.x, p.y);
        }
        stacks.0.iter().flat_map(|s| [s.1, s.2]).collect()
    }
}

fn is_bar(kind: ChartKind) -> bool {
    matches!(kind, ChartKind::Bar | ChartKind::StackedBar)
}

/// Bars and areas are measured from zero, so zero must be on the axis.
fn is_zero_based(kind: ChartKind) -> bool {
    matches!(
        kind,
        ChartKind::Bar | ChartKind::StackedBar | ChartKind::Area
    )
}

/// The smallest distance between distinct x values: the room one bar group may take on a
/// numeric axis. 1 when there are fewer than two distinct values.
fn bar_slot(lines: &[Line]) -> f64 {
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
struct XyPlan {
    kind: ChartKind,
    lines: Vec<Line>,
    /// Empty for a numeric x axis.
    categories: Vec<String>,
    x: Span,
    y: Span,
    /// Bar-group width in x units.
    slot: f64,
    y_ticks: Ticks,
    y_labels: Vec<String>,
    /// Numeric axes only.
    x_ticks: Ticks,
    legend: Vec<LegendEntry>,
    /// Margins around the plot area: top, bottom, left, right.
    margins: (i32, i32, i32, i32),
    /// Room left of the plot for the y tick labels.
    y_label_room: f64,
    size: (u32, u32),
}

impl XyPlan {
    fn new(chart: &Chart) -> XyPlan {
        let kind = chart.kind;
        let lines = prepare_lines(chart);
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
        let y_ticks = nice_ticks(y, 6, whole(|p| p.y));
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
        let left = (PAD + title_w + tick_w.ceil() as i32 + 8).min(WIDTH as i32 / 3);
        let right = PAD + 12;
        let (legend, rows) = place_legend(&lines, left, WIDTH as i32 - right);
        let height = HEIGHT as i32 + (rows - 1).max(0) * LEGEND_ROW;
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
        let bottom = PAD + TICK_PX as i32 + 10 + x_title;
        let plot_w = f64::from(WIDTH as i32 - left - right);
        let x_ticks = numeric_x_ticks(x, plot_w, whole(|p| p.x));
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
            legend,
            margins: (top, bottom, left, right),
            y_label_room: f64::from(left - PAD - title_w - 8),
            size: (WIDTH, height as u32),
        }
    }

    fn draw(&self, root: &Canvas<'_>, chart: &Chart) -> Result<(), ChartError> {
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
        self.draw_rules(root, &plot, chart)?;
        self.draw_y_labels(root, &plot)?;
        self.draw_x_labels(root, &plot)?;
        self.draw_titles(root, chart)?;
        if self.kind == ChartKind::Scatter {
            self.draw_point_labels(root, &plot)?;
        }
        draw_legend(root, &self.legend, self.kind)
    }

    /// The plot area in canvas pixels: left, top, right, bottom.
    fn frame(&self) -> (i32, i32, i32, i32) {
        let (top, bottom, left, right) = self.margins;
        (
            left,
            top,
            self.size.0 as i32 - right,
            self.size.1 as i32 - bottom,
        )
    }

    /// `px` canvas pixels in x units.
    fn units(&self, px: f64) -> f64 {
        let (left, _, right, _) = self.frame();
        px * self.x.width() / f64::from((right - left).max(1))
    }

    fn draw_grid(&self, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        let grid = palette::GRID.stroke_width(1);
        for &t in &self.y_ticks.values {
            let path = PathElement::new(vec![(self.x.lo, t), (self.x.hi, t)], grid);
            plot.plotting_area().draw(&path)?;
        }
        if self.categories.is_empty() {
            for &t in &self.x_ticks.values {
                let path = PathElement::new(vec![(t, self.y.lo), (t, self.y.hi)], grid);
                plot.plotting_area().draw(&path)?;
            }
        }
        Ok(())
    }

    /// The x axis along the bottom, a zero line when zero is inside the plot, and small
    /// tick marks under the labelled x positions.
    fn draw_axes(&self, root: &Canvas<'_>, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        let axis = palette::MUTED.stroke_width(1);
        let area = plot.plotting_area();
        area.draw(&PathElement::new(
            vec![(self.x.lo, self.y.lo), (self.x.hi, self.y.lo)],
            axis,
        ))?;
        if self.y.lo < 0.0 && self.y.hi > 0.0 {
            area.draw(&PathElement::new(
                vec![(self.x.lo, 0.0), (self.x.hi, 0.0)],
                axis,
            ))?;
        }
        for x in self.x_label_positions().into_iter().map(|(x, _)| x) {
            let (px, py) = plot.backend_coord(&(x, self.y.lo));
            let mark = PathElement::new(vec![(px, py), (px, py + 4)], axis);
            root.draw(&mark)?;
        }
        Ok(())
    }

    fn draw_lines(&self, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        for line in &self.lines {
            let path: Vec<(f64, f64)> = line.points.iter().map(|p| (p.x, p.y)).collect();
            if path.len() > 1 {
                let stroke = line.color.stroke_width(2);
                plot.plotting_area().draw(&PathElement::new(path, stroke))?;
            }
            draw_markers(plot, line, 3)?;
        }
        Ok(())
    }

    /// Each series as a translucent band down to zero with its line on top, so that
    /// overlapping areas stay visible.
    fn draw_areas(&self, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        for line in &self.lines {
            if let (Some(first), Some(last)) = (line.points.first(), line.points.last()) {
                let mut outline = vec![(first.x, 0.0)];
                outline.extend(line.points.iter().map(|p| (p.x, p.y)));
                outline.push((last.x, 0.0));
                let fill = line.color.mix(0.2).filled();
                plot.plotting_area().draw(&Polygon::new(outline, fill))?;
            }
        }
        self.draw_lines(plot)
    }

    /// Bars side by side within each category (or x value), one slot per series.
    fn draw_bars(&self, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        let count = self.lines.len().max(1) as f64;
        let group = (self.slot * 0.7).min(self.units(MAX_BAR_PX) * count);
        let width = group / count;
        let gap = if count > 1.0 { width * 0.08 } else { 0.0 };
        for (k, line) in self.lines.iter().enumerate() {
            let style = line.color.filled();
            for p in &line.points {
                let x0 = p.x - group / 2.0 + k as f64 * width;
                let bar = Rectangle::new([(x0 + gap, 0.0), (x0 + width - gap, p.y)], style);
                plot.plotting_area().draw(&bar)?;
            }
        }
        Ok(())
    }

    /// One bar per x value with the series stacked in order: positive values upwards from
    /// zero, negative ones downwards, so that a negative never hides a positive.
    fn draw_stacked_bars(&self, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        let half = (self.slot * 0.3).min(self.units(MAX_BAR_PX) / 2.0);
        let mut stacks = Stacks::default();
        for line in &self.lines {
            let style = line.color.filled();
            for p in &line.points {
                let (bottom, top) = stacks.push(p.x, p.y);
                let bar = Rectangle::new([(p.x - half, bottom), (p.x + half, top)], style);
                plot.plotting_area().draw(&bar)?;
            }
        }
        Ok(())
    }

    fn draw_scatter(&self, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        for line in &self.lines {
            draw_markers(plot, line, 5)?;
        }
        Ok(())
    }

    /// Dashed reference lines across the whole plot, each labelled at its end inside the
    /// plot: horizontal ones at the right end above the line, vertical ones at the top.
    fn draw_rules(
        &self,
        root: &Canvas<'_>,
        plot: &Plot<'_, '_>,
        chart: &Chart,
    ) -> Result<(), ChartError> {
        let (left, top, right, _) = self.frame();
        let font = Font::new(TICK_PX, palette::FG);
        let dashed = DASHED.stroke_width(1);
        for rule in rules(chart, true) {
            let path = vec![(self.x.lo, rule.value), (self.x.hi, rule.value)];
            plot.plotting_area().draw(&PathElement::new(path, dashed))?;
            let (_, y) = plot.backend_coord(&(self.x.lo, rule.value));
            let text = font.fit(&rule.label, f64::from(right - left) * 0.6);
            let above = y - top >= TICK_PX as i32 + 6;
            let (ty, v) = if above {
                (y - 3, VPos::Bottom)
            } else {
                (y + 4, VPos::Top)
            };
            draw_backed_text(root, &text, (right - 4, ty), font, (HPos::Right, v))?;
        }
        for rule in rules(chart, false) {
            let path = vec![(rule.value, self.y.lo), (rule.value, self.y.hi)];
            plot.plotting_area().draw(&PathElement::new(path, dashed))?;
            let (x, _) = plot.backend_coord(&(rule.value, self.y.lo));
            let text = font.fit(&rule.label, f64::from(right - left) * 0.45);
            let fits_right = f64::from(x + 4) + font.width(&text) <= f64::from(right);
            let (tx, h) = if fits_right {
                (x + 4, HPos::Left)
            } else {
                (x - 4, HPos::Right)
            };
            draw_backed_text(root, &text, (tx, top + 4), font, (h, VPos::Top))?;
        }
        Ok(())
    }

    fn draw_y_labels(&self, root: &Canvas<'_>, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        let (left, ..) = self.frame();
        let font = Font::new(TICK_PX, palette::MUTED);
        let room = self.y_label_room;
        for (&t, label) in self.y_ticks.values.iter().zip(&self.y_labels) {
            let (_, y) = plot.backend_coord(&(self.x.lo, t));
            let text = font.fit(label, room);
            draw_text(
                root,
                &text,
                (left - 8, y),
                font,
                (HPos::Right, VPos::Center),
            )?;
        }
        Ok(())
    }

    fn draw_x_labels(&self, root: &Canvas<'_>, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        let (.., bottom) = self.frame();
        let font = Font::new(TICK_PX, palette::MUTED);
        for (x, text) in self.x_label_positions() {
            let (px, _) = plot.backend_coord(&(x, self.y.lo));
            draw_text(
                root,
                &text,
                (px, bottom + 7),
                font,
                (HPos::Center, VPos::Top),
            )?;
        }
        Ok(())
    }

    /// The x values that get a label, with the label: every numeric tick, or a selection
    /// of categories that do not overlap.
    fn x_label_positions(&self) -> Vec<(f64, String)> {
        if self.categories.is_empty() {
            let labels = tick_labels(&self.x_ticks);
            return self.x_ticks.values.iter().copied().zip(labels).collect();
        }
        let (left, _, right, _) = self.frame();
        // One category is one x unit wide.
        let slot_px = f64::from(right - left) / self.x.width();
        let font = Font::new(TICK_PX, palette::MUTED);
        category_labels(&self.categories, slot_px, font)
            .into_iter()
            .map(|(i, text)| (i as f64, text))
            .collect()
    }

    fn draw_titles(&self, root: &Canvas<'_>, chart: &Chart) -> Result<(), ChartError> {
        let (left, top, right, bottom) = self.frame();
        let font = Font::new(TITLE_PX, palette::FG);
        let x_title = font.fit(&chart.x_label, f64::from(right - left));
        let x_at = ((left + right) / 2, self.size.1 as i32 - PAD + 2);
        draw_text(root, &x_title, x_at, font, (HPos::Center, VPos::Bottom))?;
        let y_title = font.fit(&chart.y_label, f64::from(bottom - top));
        let y_at = (PAD + TITLE_PX as i32 / 2, (top + bottom) / 2);
        draw_text(
            root,
            &y_title,
            y_at,
            font.upright(),
            (HPos::Center, VPos::Center),
        )
    }

    /// Scatter labels beside their points: right of the point if there is room, else left,
    /// above or below, whichever is first to stay inside the plot and off earlier labels.
    fn draw_point_labels(&self, root: &Canvas<'_>, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        let (left, top, right, bottom) = self.frame();
        let frame = Rect::new(
            f64::from(left),
            f64::from(top),
            f64::from(right),
            f64::from(bottom),
        );
        let font = Font::new(POINT_LABEL_PX, palette::FG);
        let mut taken: Vec<Rect> = Vec::new();
        for p in self.lines.iter().flat_map(|l| &l.points) {
            let text = font.fit(&p.label, 160.0);
            if text.is_empty() {
                continue;
            }
            let at = plot.backend_coord(&(p.x, p.y));
            let spot = place_point_label(at, font.width(&text), font, frame, &taken);
            taken.push(spot.rect);
            draw_text(root, &text, spot.at, font, spot.anchor)?;
        }
        Ok(())
    }
}

/// The x span: every category slot (or every x), vertical rules, and room for the bars.
fn x_span(chart: &Chart, lines: &[Line], categories: &[String], slot: f64) -> Span {
    let xs = lines.iter().flat_map(|l| &l.points).map(|p| p.x);
    let rule_xs = rules(chart, false).map(|r| r.value);
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
fn y_span(chart: &Chart, lines: &[Line]) -> Span {
    let values: Vec<f64> = if chart.kind == ChartKind::StackedBar {
        Stacks::totals(lines)
    } else {
        lines.iter().flat_map(|l| &l.points).map(|p| p.y).collect()
    };
    let zero_based = is_zero_based(chart.kind);
    let zero = zero_based.then_some(0.0);
    let all = values
        .into_iter()
        .chain(rules(chart, true).map(|r| r.value))
        .chain(zero);
    match Span::around(all) {
        None => Span { lo: 0.0, hi: 1.0 },
        Some(s) if s.width() == 0.0 && s.lo == 0.0 && zero_based => Span { lo: 0.0, hi: 1.0 },
        Some(s) => s.opened().padded(0.05, zero_based),
    }
}

/// Ticks for a numeric x axis, as many as fit side by side in `plot_w` pixels.
fn numeric_x_ticks(span: Span, plot_w: f64, whole: bool) -> Ticks {
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

/// Which categories get a label, and the label (shortened if needed). Labels are spaced
/// so that they do not overlap and at most about a dozen show; the first and the last
/// always show, since they tell the range.
fn category_labels(categories: &[String], slot_px: f64, font: Font) -> Vec<(usize, String)> {
    const GAP: f64 = 10.0;
    const MAX_LABEL: f64 = 150.0;
    let n = categories.len();
    if n == 1 {
        return vec![(0, font.fit(&categories[0], slot_px - GAP))];
    }
    let widest = categories
        .iter()
        .map(|c| font.width(c).min(MAX_LABEL))
        .fold(0.0, f64::max);
    let by_width = ((widest + GAP) / slot_px.max(1.0)).ceil().max(1.0) as usize;
    let step = by_width.max(n.div_ceil(12)).min(n - 1).max(1);
    let room = (step as f64 * slot_px - GAP).min(MAX_LABEL);
    let mut shown: Vec<usize> = (0..n).step_by(step).collect();
    if let Some(&last) = shown.last() {
        if last != n - 1 {
            if n - 1 - last < step && shown.len() > 1 {
                shown.pop();
            }
            shown.push(n - 1);
        }
    }
    shown
        .into_iter()
        .map(|i| (i, font.fit(&categories[i], room)))
        .collect()
}

/// Point markers: filled circles, omitted on dense series.
fn draw_markers(plot: &Plot<'_, '_>, line: &Line, radius: u32) -> Result<(), ChartError> {
    if line.points.len() > MAX_MARKERS && radius < 5 {
        return Ok(());
    }
    let style = line.color.filled();
    for p in &line.points {
        plot.plotting_area()
            .draw(&Circle::new((p.x, p.y), radius, style))?;
    }
    Ok(())
}

// ---------------------------------------------------------------- label placement

/// An axis-aligned box in canvas pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect { x0, y0, x1, y1 }
    }

    fn overlaps(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    fn inside(&self, outer: &Rect) -> bool {
        self.x0 >= outer.x0 && self.x1 <= outer.x1 && self.y0 >= outer.y0 && self.y1 <= outer.y1
    }
}

/// Where a point label goes: its anchor position, anchor and box.
struct Spot {
    at: (i32, i32),
    anchor: (HPos, VPos),
    rect: Rect,
}

fn place_point_label(
    point: (i32, i32),
    width: f64,
    font: Font,
    frame: Rect,
    taken: &[Rect],
) -> Spot {
    const OFFSET: i32 = 8;
    let (x, y) = point;
    let spot = |at: (i32, i32), anchor: (HPos, VPos)| Spot {
        at,
        anchor,
        rect: text_box(at, width, font, anchor),
    };
    let candidates = [
        spot((x + OFFSET, y), (HPos::Left, VPos::Center)),
        spot((x - OFFSET, y), (HPos::Right, VPos::Center)),
        spot((x, y - OFFSET), (HPos::Center, VPos::Bottom)),
        spot((x, y + OFFSET), (HPos::Center, VPos::Top)),
    ];
    let free = |s: &Spot| s.rect.inside(&frame) && !taken.iter().any(|t| t.overlaps(&s.rect));
    let chosen = candidates
        .iter()
        .position(free)
        .or_else(|| candidates.iter().position(|s| s.rect.inside(&frame)))
        .unwrap_or(0);
    candidates
        .into_iter()
        .nth(chosen)
        .unwrap_or_else(|| spot((x + OFFSET, y), (HPos::Left, VPos::Center)))
}

// ---------------------------------------------------------------- legend

/// One legend item, positioned in canvas pixels (the vertical centre of its row).
#[derive(Debug, Clone, PartialEq)]
struct LegendEntry {
    name: String,
    color: RGBColor,
    x: i32,
    y: i32,
}

const SWATCH: i32 = 16;

/// Lays the named series out in rows from `left` to `right`, wrapping like text. Returns
/// the entries and the number of rows.
fn place_legend(lines: &[Line], left: i32, right: i32) -> (Vec<LegendEntry>, i32) {
    let font = Font::new(LEGEND_PX, palette::FG);
    let room = f64::from(right - left);
    let mut entries = Vec::new();
    let (mut x, mut row) = (left, 0);
    for line in lines.iter().filter(|l| !l.name.is_empty()) {
        let name = font.fit(&line.name, room - f64::from(SWATCH + 6));
        let width = SWATCH + 6 + font.width(&name).ceil() as i32;
        if x > left && x + width > right {
            x = left;
            row += 1;
        }
        entries.push(LegendEntry {
            name,
            color: line.color,
            x,
            y: PAD + row * LEGEND_ROW + LEGEND_ROW / 2,
        });
        x += width + 18;
    }
    let rows = if entries.is_empty() { 0 } else { row + 1 };
    (entries, rows)
}

/// Swatches and names. The swatch mimics the series: a line with a dot for line and
/// scatter charts, a filled square for bars and areas.
fn draw_legend(
    root: &Canvas<'_>,
    entries: &[LegendEntry],
    kind: ChartKind,
) -> Result<(), ChartError> {
    let font = Font::new(LEGEND_PX, palette::FG);
    for e in entries {
        let (x, y) = (e.x, e.y);
        match kind {
            ChartKind::Line | ChartKind::Scatter => {
                let stroke = e.color.stroke_width(2);
                root.draw(&PathElement::new(vec![(x, y), (x + SWATCH, y)], stroke))?;
                root.draw(&Circle::new((x + SWATCH / 2, y), 4, e.color.filled()))?;
            }
            _ => {
                let square = [(x + 2, y - 6), (x + SWATCH - 2, y + 6)];
                root.draw(&Rectangle::new(square, e.color.filled()))?;
            }
        }
        draw_text(
            root,
            &e.name,
            (x + SWATCH + 6, y),
            font,
            (HPos::Left, VPos::Center),
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------- heatmaps

/// One heatmap cell: its colour and the text in it.
#[derive(Debug, Clone, PartialEq)]
struct Cell {
    fill: RGBColor,
    text: String,
}

/// Everything about a heatmap that can be decided before drawing.
struct HeatPlan {
    rows: Vec<String>,
    cols: Vec<String>,
    cells: Vec<Vec<Cell>>,
    /// The grid in canvas pixels: left, top, cell width, cell height.
    grid: (i32, i32, f64, f64),
    size: (u32, u32),
}

impl HeatPlan {
    fn new(chart: &Chart) -> HeatPlan {
        let empty = Heatmap {
            rows: Vec::new(),
            cols: Vec::new(),
            values: Vec::new(),
            weights: Vec::new(),
        };
        let map = chart.heatmap.as_ref().unwrap_or(&empty);
        let cells = heat_cells(map);
        let n_rows = cells.len();
        let n_cols = cells.first().map_or(0, Vec::len);
        let label =
            |labels: &[String], i: usize| labels.get(i).map(|l| one_line(l)).unwrap_or_default();
        let rows: Vec<String> = (0..n_rows).map(|i| label(&map.rows, i)).collect();
        let cols: Vec<String> = (0..n_cols).map(|i| label(&map.cols, i)).collect();

        let width = HEATMAP_WIDTH as i32;
        let tick = Font::new(TICK_PX, palette::MUTED);
        let row_w = rows.iter().map(|r| tick.width(r)).fold(0.0, f64::max);
        let row_w = row_w.min(f64::from(width) * 0.3).ceil() as i32;
        let y_title = if one_line(&chart.y_label).is_empty() {
            0
        } else {
            TITLE_PX as i32 + 10
        };
        let x_title = if one_line(&chart.x_label).is_empty() {
            0
        } else {
            TITLE_PX as i32 + 10
        };
        let left = PAD + y_title + row_w + 8;
        let top = PAD;
        let bottom = PAD + TICK_PX as i32 + 10 + x_title;
        let cell_w = f64::from(width - left - PAD) / n_cols.max(1) as f64;
        let cell_h = (cell_w * 0.7).clamp(32.0, 60.0);
        let grid_h = (cell_h * n_rows as f64).round() as i32;
        let height = top + grid_h.max(60) + bottom;
        HeatPlan {
            rows,
            cols,
            cells,
            grid: (left, top, cell_w, cell_h),
            size: (HEATMAP_WIDTH, height as u32),
        }
    }

    fn draw(&self, root: &Canvas<'_>, chart: &Chart) -> Result<(), ChartError> {
        let (left, top, cell_w, cell_h) = self.grid;
        let (n_rows, n_cols) = (self.rows.len(), self.cols.len());
        let grid_w = (cell_w * n_cols as f64).round() as i32;
        let grid_h = (cell_h * n_rows as f64).round() as i32;
        if n_rows > 0 && n_cols > 0 {
            let area = root.margin(
                top,
                self.size.1 as i32 - top - grid_h,
                left,
                self.size.0 as i32 - left - grid_w,
            );
            let plot = ChartBuilder::on(&area)
                .build_cartesian_2d(0.0..n_cols as f64, n_rows as f64..0.0)?;
            self.draw_cells(root, &plot)?;
            self.draw_labels(root, &plot)?;
        }
        let frame = (left, top, left + grid_w, top + grid_h.max(60));
        draw_heat_titles(root, chart, frame, self.size.1 as i32)
    }

    /// Cells with a 1-pixel white margin, so neighbours of the same colour stay apart.
    fn draw_cells(&self, root: &Canvas<'_>, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        let (_, _, cell_w, cell_h) = self.grid;
        let font = Font::new(CELL_PX, palette::FG).bold();
        let fits_height = cell_h >= f64::from(CELL_PX) + 6.0;
        for (r, row) in self.cells.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (x, y) = (c as f64, r as f64);
                let mut rect = Rectangle::new([(x, y), (x + 1.0, y + 1.0)], cell.fill.filled());
                rect.set_margin(1, 1, 1, 1);
                plot.plotting_area().draw(&rect)?;
                if fits_height && font.width(&cell.text) <= cell_w - 6.0 {
                    let at = plot.backend_coord(&(x + 0.5, y + 0.5));
                    let font = Font {
                        color: palette::text_on(cell.fill),
                        ..font
                    };
                    draw_text(root, &cell.text, at, font, (HPos::Center, VPos::Center))?;
                }
            }
        }
        Ok(())
    }

    /// Row labels to the left of the grid, column labels under it.
    fn draw_labels(&self, root: &Canvas<'_>, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        let (left, _, cell_w, _) = self.grid;
        let font = Font::new(TICK_PX, palette::MUTED);
        for (r, label) in self.rows.iter().enumerate() {
            let (_, y) = plot.backend_coord(&(0.0, r as f64 + 0.5));
            let text = font.fit(label, f64::from(HEATMAP_WIDTH) * 0.3);
            draw_text(
                root,
                &text,
                (left - 8, y),
                font,
                (HPos::Right, VPos::Center),
            )?;
        }
        let n_rows = self.rows.len() as f64;
        for (c, label) in self.cols.iter().enumerate() {
            let (x, y) = plot.backend_coord(&(c as f64 + 0.5, n_rows));
            let text = font.fit(label, cell_w - 4.0);
            draw_text(root, &text, (x, y + 7), font, (HPos::Center, VPos::Top))?;
        }
        Ok(())
    }
}

/// The axis titles of a heatmap: `frame` is the grid (left, top, right, bottom).
fn draw_heat_titles(
    root: &Canvas<'_>,
    chart: &Chart,
    frame: (i32, i32, i32, i32),
    height: i32,
) -> Result<(), ChartError> {
    let (left, top, right, bottom) = frame;
    let font = Font::new(TITLE_PX, palette::FG);
    let x_title = font.fit(&chart.x_label, f64::from(right - left));
    let x_at = ((left + right) / 2, height - PAD + 2);
    draw_text(root, &x_title, x_at, font, (HPos::Center, VPos::Bottom))?;
    let y_title = font.fit(&chart.y_label, f64::from(bottom - top));
    let y_at = (PAD + TITLE_PX as i32 / 2, (top + bottom) / 2);
    draw_text(
        root,
        &y_title,
        y_at,
        font.upright(),
        (HPos::Center, VPos::Center),
    )
}

/// Colours and texts of all cells of a heatmap, as a full rectangle (ragged input rows
/// are padded with empty cells).
///
/// A cell is coloured by its weight, or by its value when there are no weights, on the
/// green → amber → red ramp between the smallest and largest colouring figure. A cell whose
/// value is zero, missing or not a number is empty: light grey and without text. Weights are
/// scaled over the whole grid, so that the colour means the same (e.g. probability × impact)
/// wherever risks happen to be; values are scaled over the non-empty cells only.
fn heat_cells(map: &Heatmap) -> Vec<Vec<Cell>> {
    let n_rows = map.rows.len().max(map.values.len()).max(map.weights.len());
    let widest = |grid: &[Vec<f64>]| grid.iter().map(Vec::len).max().unwrap_or(0);
    let n_cols = map
        .cols
        .len()
        .max(widest(&map.values))
        .max(widest(&map.weights));
    let at =
        |grid: &[Vec<f64>], r: usize, c: usize| grid.get(r).and_then(|row| row.get(c)).copied();
    let by_weight = !map.weights.is_empty();
    let value = |r, c| at(&map.values, r, c);
    let colouring = |r, c| {
        let q = if by_weight {
            at(&map.weights, r, c)
        } else {
            value(r, c)
        };
        q.filter(|q| plottable(*q))
    };
    let is_empty = |r, c| match value(r, c) {
        Some(v) => v == 0.0 || !plottable(v),
        None => colouring(r, c).is_none(),
    };
    let cells = (0..n_rows).flat_map(|r| (0..n_cols).map(move |c| (r, c)));
    let scale = Span::around(
        cells
            .clone()
            .filter(|&(r, c)| by_weight || !is_empty(r, c))
            .filter_map(|(r, c)| colouring(r, c)),
    );
    let cell = |r: usize, c: usize| {
        if is_empty(r, c) {
            return Cell {
                fill: palette::EMPTY_CELL,
                text: String::new(),
            };
        }
        let t = match (colouring(r, c), scale) {
            (Some(q), Some(s)) if s.width() > 0.0 => (q - s.lo) / s.width(),
            _ => 0.5,
        };
        Cell {
            fill: palette::heat(t),
            text: value(r, c)
                .map(|v| format_number(v, 2, v.abs() >= 1e4))
                .unwrap_or_default(),
        }
    };
    (0..n_rows)
        .map(|r| (0..n_cols).map(|c| cell(r, c)).collect())
        .collect()
}

// ---------------------------------------------------------------- final pass

/// Turns plotters' output into the element the page inlines: an accessible, responsive
/// header with `<title>` and `<desc>` first, then the drawing with tidied attributes.
fn finish(svg: &str, chart: &Chart, id: &str, size: (u32, u32)) -> Result<String, ChartError> {
    let mut lines = svg.lines();
    match lines.next() {
        Some(first) if first.starts_with("<svg ") => {}
        _ => {
            return Err(ChartError {
                message: "plotters did not start the drawing with an <svg> element".into(),
            })
        }
    }
    let mut out = String::with_capacity(svg.len() + 512);
    out.push_str(&header(chart, id, size));
    let mut open_text: Option<String> = None;
    for line in lines {
        if let Some(text) = open_text.as_mut() {
            text.push_str(line);
            if line == "</text>" {
                out.push_str(text);
                out.push('\n');
                open_text = None;
            }
        } else if line.starts_with("<text ") {
            open_text = Some(tidy_text(line));
        } else {
            out.push_str(&tidy_shape(line));
            out.push('\n');
        }
    }
    if open_text.is_some() || !out.ends_with("</svg>\n") {
        return Err(ChartError {
            message: "plotters' SVG output ended unexpectedly".into(),
        });
    }
    Ok(out)
}

fn header(chart: &Chart, id: &str, (w, h): (u32, u32)) -> String {
    let kind = match chart.kind {
        ChartKind::Line => "line",
        ChartKind::Bar => "bar",
        ChartKind::StackedBar => "stacked-bar",
        ChartKind::Area => "area",
        ChartKind::Scatter => "scatter",
        ChartKind::Heatmap => "heatmap",
    };
    let id = escape(id);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart chart-{kind}\" \
         font-family=\"{FONT_STACK}\">\n<title id=\"{id}-title\">{}</title>\n\
         <desc id=\"{id}-desc\">{}</desc>\n",
        escape(&one_line(&chart.title)),
        escape(&one_line(&chart.description)),
    )
}

/// Text for XML content or a double-quoted attribute. Control characters, which XML 1.0
/// cannot carry, become spaces.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A plotters `<text …>` tag with the size tag in `font-family` turned into the intended
/// `font-size` (the family itself is inherited from the `<svg>`), and without the default
/// `opacity="1"`.
fn tidy_text(tag: &str) -> String {
    let tag = tag.replace(" opacity=\"1\"", "");
    let Some(family_at) = tag.find(" font-family=\"") else {
        return tag;
    };
    let family_start = family_at + " font-family=\"".len();
    let Some(family_len) = tag[family_start..].find('"') else {
        return tag;
    };
    let family = &tag[family_start..family_start + family_len];
    let Some(px) = family.strip_prefix(SIZE_TAG) else {
        return tag;
    };
    let rest = &tag[family_start + family_len + 1..];
    let Some(size_value) = rest.strip_prefix(" font-size=\"") else {
        return tag;
    };
    let Some(size_len) = size_value.find('"') else {
        return tag;
    };
    format!(
        "{} font-size=\"{px}\"{}",
        &tag[..family_at],
        &size_value[size_len + 1..]
    )
}

/// A plotters shape tag without the default `opacity="1"`, and with the [`DASHED`] stand-in
/// colour turned into a dashed muted stroke.
fn tidy_shape(tag: &str) -> String {
    let stand_in = format!(
        "stroke=\"#{:02X}{:02X}{:02X}\"",
        DASHED.0, DASHED.1, DASHED.2
    );
    let dashed = format!(
        "stroke=\"#{:02X}{:02X}{:02X}\" stroke-dasharray=\"6 4\"",
        palette::MUTED.0,
        palette::MUTED.1,
        palette::MUTED.2
    );
    tag.replace(" opacity=\"1\"", "")
        .replace(&stand_in, &dashed)
}

#[cfg(test)]
mod tests {
    use super::super::model::{Point, Series};
    use super::*;

    fn point(x: f64, y: f64) -> Point {
        Point { x, y, label: None }
    }

    fn series(name: &str, ys: &[f64]) -> Series {
        Series {
            name: name.into(),
            points: ys
                .iter()
                .enumerate()
                .map(|(i, &y)| point(i as f64, y))
                .collect(),
        }
    }

    fn chart(kind: ChartKind) -> Chart {
        Chart {
            kind,
            title: "成本与进度".into(),
            description: "每月计划值与挣值。".into(),
            x_label: "月份".into(),
            y_label: "金额".into(),
            x: XAxis::Categories(vec!["一月".into(), "二月".into(), "三月".into()]),
            series: vec![
                series("计划值", &[1.0, 2.5, 4.0]),
                series("EV", &[0.8, 2.0, 3.1]),
            ],
            rules: vec![Rule {
                horizontal: true,
                value: 4.5,
                label: "BAC".into(),
            }],
            heatmap: None,
        }
    }

    fn heatmap_chart() -> Chart {
        Chart {
            kind: ChartKind::Heatmap,
            x: XAxis::Numeric,
            series: Vec::new(),
            rules: Vec::new(),
            heatmap: Some(Heatmap {
                rows: vec!["高".into(), "低".into()],
                cols: vec!["小".into(), "大".into()],
                values: vec![vec![0.0, 3.0], vec![1.0, 0.0]],
                weights: vec![vec![2.0, 4.0], vec![1.0, 2.0]],
            }),
            ..chart(ChartKind::Heatmap)
        }
    }

    const ALL_KINDS: [ChartKind; 6] = [
        ChartKind::Line,
        ChartKind::Bar,
        ChartKind::StackedBar,
        ChartKind::Area,
        ChartKind::Scatter,
        ChartKind::Heatmap,
    ];

    fn sample(kind: ChartKind) -> Chart {
        if kind == ChartKind::Heatmap {
            heatmap_chart()
        } else {
            chart(kind)
        }
    }

    /// Parses the whole document; panics with the position of the first XML error.
    fn assert_well_formed(svg: &str) {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(svg);
        let (mut depth, mut roots) = (0usize, 0usize);
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => {
                    if depth == 0 {
                        roots += 1;
                        assert_eq!(e.name().as_ref(), b"svg");
                    }
                    depth += 1;
                }
                Ok(Event::End(_)) => depth -= 1,
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("not XML at {}: {e}\n{svg}", reader.error_position()),
            }
        }
        assert_eq!((depth, roots), (0, 1), "{svg}");
    }

    fn render_ok(chart: &Chart) -> String {
        let svg = render(chart, "c1").expect("renders");
        assert_well_formed(&svg);
        svg
    }

    #[test]
    fn every_kind_renders_well_formed_svg() {
        for kind in ALL_KINDS {
            let svg = render_ok(&sample(kind));
            assert!(svg.contains("<text "), "{kind:?} has no text");
            assert!(!svg.contains(SIZE_TAG), "{kind:?} kept a size tag");
            assert!(!svg.contains("opacity=\"1\""), "{kind:?}");
        }
    }

    #[test]
    fn header_is_accessible_and_responsive() {
        let svg = render_ok(&chart(ChartKind::Line));
        let mut lines = svg.lines();
        let header = lines.next().unwrap_or_default();
        assert!(header.contains("viewBox=\"0 0 720 400\""), "{header}");
        assert!(header.contains("width=\"100%\""));
        assert!(!header.contains("height="));
        assert!(header.contains("role=\"img\""));
        assert!(header.contains("aria-labelledby=\"c1-title c1-desc\""));
        assert!(header.contains("font-family=\"system-ui,"));
        assert_eq!(
            lines.next(),
            Some("<title id=\"c1-title\">成本与进度</title>")
        );
        assert_eq!(
            lines.next(),
            Some("<desc id=\"c1-desc\">每月计划值与挣值。</desc>")
        );
    }

    #[test]
    fn series_names_and_chinese_categories_are_real_text() {
        let svg = render_ok(&chart(ChartKind::Bar));
        for text in ["计划值", "EV", "一月", "三月", "月份", "金额", "BAC"] {
            assert!(svg.contains(&format!(">{text}</text>")), "{text} missing");
        }
        assert!(
            svg.contains("transform=\"rotate(270,"),
            "y title is rotated"
        );
        assert!(svg.contains("stroke-dasharray=\"6 4\""), "rules are dashed");
    }

    #[test]
    fn colours_are_plain_attributes_from_the_theme() {
        let svg = render_ok(&chart(ChartKind::Line));
        assert!(svg.contains("stroke=\"#1F5E99\""));
        assert!(svg.contains("stroke=\"#E08A00\""));
        assert!(!svg.contains("var(--"));
    }

    #[test]
    fn text_is_escaped() {
        let mut c = chart(ChartKind::Line);
        c.title = "R&D <预算> \"Q1\"".into();
        c.description = "a\u{1}b".into();
        c.series[0].name = "A & B".into();
        let svg = render(&c, "x\"y").expect("renders");
        assert_well_formed(&svg);
        assert!(svg.contains("R&amp;D &lt;预算&gt; &quot;Q1&quot;"));
        assert!(svg.contains(">A &amp; B</text>"));
        assert!(svg.contains("<desc id=\"x&quot;y-desc\">a b</desc>"));
    }

    #[test]
    fn renders_are_byte_identical() {
        for kind in ALL_KINDS {
            let c = sample(kind);
            assert_eq!(render(&c, "a"), render(&c, "a"), "{kind:?}");
        }
    }

    #[test]
    fn awkward_data_never_panics() {
        let awkward: Vec<Vec<Series>> = vec![
            vec![],
            vec![series("空", &[])],
            vec![series("一点", &[3.0])],
            vec![series("零", &[0.0, 0.0])],
            vec![series("相等", &[7.0, 7.0, 7.0])],
            vec![
                series("负", &[-5.0, -1.0, -3.0]),
                series("混合", &[2.0, -2.0, 0.5]),
            ],
            vec![series(
                "非数",
                &[f64::NAN, f64::INFINITY, 2.0, f64::NEG_INFINITY],
            )],
            vec![series("巨大", &[1e300, -1e300, 1e14, 5.0])],
            vec![series("", &[1e-9, 2e-9, 3e-9])],
        ];
        let axes = [
            XAxis::Numeric,
            XAxis::Categories(vec![]),
            XAxis::Categories(vec!["唯一".into()]),
            XAxis::Categories((0..40).map(|i| format!("第{i}周")).collect()),
        ];
        for kind in ALL_KINDS {
            for data in &awkward {
                for x in &axes {
                    let mut c = chart(kind);
                    c.series = data.clone();
                    c.x = x.clone();
                    c.rules.push(Rule {
                        horizontal: false,
                        value: f64::NAN,
                        label: "\n".into(),
                    });
                    render_ok(&c);
                }
            }
        }
    }

    #[test]
    fn awkward_heatmaps_never_panic() {
        let maps = [
            None,
            Some(Heatmap {
                rows: vec![],
                cols: vec![],
                values: vec![],
                weights: vec![],
            }),
            Some(Heatmap {
                rows: vec!["a".into()],
                cols: vec![],
                values: vec![vec![1.0, f64::NAN, 2.0], vec![]],
                weights: vec![vec![f64::INFINITY]],
            }),
            Some(Heatmap {
                rows: vec![],
                cols: vec!["x".into(), "y".into()],
                values: vec![],
                weights: vec![vec![1.0, 1.0]],
            }),
        ];
        for map in maps {
            let mut c = heatmap_chart();
            c.heatmap = map;
            render_ok(&c);
        }
    }

    #[test]
    fn heatmap_greys_empty_cells_and_ranks_by_weight() {
        let cells = heat_cells(heatmap_chart().heatmap.as_ref().unwrap());
        assert_eq!(cells[0][0].fill, palette::EMPTY_CELL);
        assert_eq!(cells[0][0].text, "");
        assert_eq!(cells[0][1].fill, palette::RAG_RED);
        assert_eq!(cells[0][1].text, "3");
        assert_eq!(cells[1][0].fill, palette::RAG_GREEN);
        let svg = render_ok(&heatmap_chart());
        assert!(svg.contains(">3</text>"));
        assert!(svg.contains(">高</text>") && svg.contains(">大</text>"));
    }

    #[test]
    fn zero_is_on_the_axis_of_bars_and_areas() {
        let lines = prepare_lines(&Chart {
            series: vec![series("a", &[5.0, 10.0])],
            rules: vec![],
            ..chart(ChartKind::Bar)
        });
        for kind in [ChartKind::Bar, ChartKind::StackedBar, ChartKind::Area] {
            let c = Chart {
                rules: vec![],
                ..chart(kind)
            };
            let span = y_span(&c, &lines);
            assert_eq!(span.lo, 0.0, "{kind:?}");
            assert!((span.hi - 10.5).abs() < 1e-9, "{kind:?}: {span:?}");
        }
        let line = Chart {
            rules: vec![],
            ..chart(ChartKind::Line)
        };
        let span = y_span(&line, &lines);
        assert!(span.lo > 4.0 && span.lo < 5.0, "{span:?}");
    }

    #[test]
    fn y_span_covers_rules_and_stack_totals() {
        let c = Chart {
            series: vec![series("a", &[3.0, -2.0]), series("b", &[4.0, -1.0])],
            ..chart(ChartKind::StackedBar)
        };
        let span = y_span(&c, &prepare_lines(&c));
        assert!(span.hi >= 7.0 && span.lo <= -3.0, "{span:?}");
        let c = Chart {
            rules: vec![Rule {
                horizontal: true,
                value: 100.0,
                label: String::new(),
            }],
            ..chart(ChartKind::Line)
        };
        assert!(y_span(&c, &prepare_lines(&c)).hi >= 100.0);
    }

    #[test]
    fn ticks_are_round_and_bounded() {
        let t = nice_ticks(Span { lo: 0.0, hi: 10.5 }, 6, false);
        assert_eq!(t.values, vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        let t = nice_ticks(Span { lo: 0.83, hi: 1.07 }, 6, false);
        assert_eq!(tick_labels(&t), ["0.85", "0.9", "0.95", "1", "1.05"]);
        let huge = Span {
            lo: -1e308,
            hi: 1e308,
        };
        assert!(nice_ticks(huge, 6, false).values.len() <= 100);
        let t = nice_ticks(Span { lo: 1.0, hi: 1.0 }, 6, false);
        assert_eq!(t.values, vec![1.0]);
    }

    #[test]
    fn whole_axes_have_whole_ticks() {
        let t = nice_ticks(
            Span {
                lo: 2020.6,
                hi: 2024.4,
            },
            8,
            true,
        );
        assert_eq!(tick_labels(&t), ["2021", "2022", "2023", "2024"]);
        assert!(all_whole([1.0, -3.0, 2024.0]));
        assert!(!all_whole([1.0, 2.5]));
        assert!(!all_whole([]));
    }

    #[test]
    fn numbers_are_compact() {
        let compact = NumberStyle::for_values(&[0.0, 3_200_000.0]);
        assert_eq!(format_tick(3_200_000.0, 200_000.0, compact), "3.2M");
        assert_eq!(format_tick(850_000.0, 50_000.0, compact), "850K");
        assert_eq!(format_tick(1_250_000.0, 250_000.0, compact), "1.25M");
        assert_eq!(format_tick(2e9, 5e8, compact), "2B");
        assert_eq!(format_tick(0.0, 500_000.0, compact), "0");
        let grouped = NumberStyle::for_values(&[320_000.0]);
        assert_eq!(format_tick(320_000.0, 20_000.0, grouped), "320,000");
        assert_eq!(format_tick(-1234.5, 0.5, grouped), "-1,234.5");
        let plain = NumberStyle::for_values(&[2024.0]);
        assert_eq!(format_tick(2024.0, 1.0, plain), "2024");
        assert_eq!(format_tick(0.1 + 0.2, 0.1, plain), "0.3");
        assert_eq!(format_tick(-0.0, 1.0, plain), "0");
        assert_eq!(format_tick(-0.001, 0.5, plain), "0");
        assert_eq!(format_number(12.0, 2, true), "12");
        assert_eq!(format_number(0.126, 2, true), "0.13");
    }

    #[test]
    fn category_labels_skip_but_keep_the_ends() {
        let font = Font::new(TICK_PX, palette::MUTED);
        let many: Vec<String> = (0..30).map(|i| format!("2024-{i:02}")).collect();
        let shown = category_labels(&many, 20.0, font);
        assert_eq!(shown.first().map(|s| s.0), Some(0));
        assert_eq!(shown.last().map(|s| s.0), Some(29));
        assert!(shown.len() <= 13, "{}", shown.len());
        let widths: Vec<f64> = shown.iter().map(|(_, t)| font.width(t)).collect();
        for pair in shown.windows(2) {
            let gap = (pair[1].0 - pair[0].0) as f64 * 20.0;
            assert!(
                gap >= widths.iter().cloned().fold(0.0, f64::max),
                "{shown:?}"
            );
        }
        let few = ["一月".to_string(), "二月".to_string(), "三月".to_string()];
        assert_eq!(category_labels(&few, 200.0, font).len(), 3);
    }

    #[test]
    fn legend_wraps_into_rows() {
        let lines: Vec<Line> = (0..12)
            .map(|i| Line {
                name: format!("项目组合第{i}号系列"),
                color: palette::series(i),
                points: Vec::new(),
            })
            .collect();
        let (entries, rows) = place_legend(&lines, 60, 700);
        assert_eq!(entries.len(), 12);
        assert!(rows > 1);
        let font = Font::new(LEGEND_PX, palette::FG);
        for e in &entries {
            let end = e.x + SWATCH + 6 + font.width(&e.name) as i32;
            assert!(e.x >= 60 && end <= 700, "{e:?}");
        }
        let svg = render_ok(&Chart {
            series: lines.iter().map(|l| series(&l.name, &[1.0, 2.0])).collect(),
            ..chart(ChartKind::Line)
        });
        assert!(
            !svg.contains("viewBox=\"0 0 720 400\""),
            "taller with more rows"
        );
    }

    #[test]
    fn point_labels_avoid_each_other() {
        let frame = Rect::new(0.0, 0.0, 500.0, 300.0);
        let font = Font::new(POINT_LABEL_PX, palette::FG);
        let first = place_point_label((100, 100), 60.0, font, frame, &[]);
        let second = place_point_label((100, 104), 60.0, font, frame, &[first.rect]);
        assert!(!first.rect.overlaps(&second.rect));
        let edge = place_point_label((495, 100), 60.0, font, frame, &[]);
        assert!(edge.rect.inside(&frame));
    }

    #[test]
    fn scatter_shows_point_labels() {
        let mut c = chart(ChartKind::Scatter);
        c.x = XAxis::Numeric;
        c.series = vec![Series {
            name: "项目".into(),
            points: vec![
                Point {
                    x: 0.9,
                    y: 1.1,
                    label: Some("数据中台".into()),
                },
                Point {
                    x: 1.1,
                    y: 0.8,
                    label: Some("ERP".into()),
                },
            ],
        }];
        let svg = render_ok(&c);
        assert!(svg.contains(">数据中台</text>") && svg.contains(">ERP</text>"));
    }

    #[test]
    fn tidy_text_sets_the_intended_size() {
        let tag = "<text x=\"1\" y=\"2\" dy=\"0.5ex\" text-anchor=\"end\" \
                   font-family=\"pmo-size-13\" font-size=\"10.483870967741936\" \
                   opacity=\"1\" fill=\"#5A6675\">";
        assert_eq!(
            tidy_text(tag),
            "<text x=\"1\" y=\"2\" dy=\"0.5ex\" text-anchor=\"end\" font-size=\"13\" \
             fill=\"#5A6675\">"
        );
    }
}
