//! Heatmaps such as the 5 × 5 risk matrix: coloured cells with their values.

use super::*;

/// One heatmap cell: its colour and the text in it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Cell {
    pub(super) fill: RGBColor,
    pub(super) text: String,
}

/// Everything about a heatmap that can be decided before drawing.
pub(super) struct HeatPlan {
    pub(super) rows: Vec<String>,
    pub(super) cols: Vec<String>,
    pub(super) cells: Vec<Vec<Cell>>,
    /// The grid in canvas pixels: left, top, cell width, cell height.
    pub(super) grid: (i32, i32, f64, f64),
    pub(super) size: (u32, u32),
}

impl HeatPlan {
    pub(super) fn new(chart: &Chart, layout: Layout) -> HeatPlan {
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

        let width = layout.heatmap_width() as i32;
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
            size: (width as u32, height as u32),
        }
    }

    pub(super) fn draw(&self, root: &Canvas<'_>, chart: &Chart) -> Result<(), ChartError> {
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
        draw_axis_titles(root, chart, frame, self.size.1 as i32)
    }

    /// Cells with a 1-pixel white margin, so neighbours of the same colour stay apart.
    pub(super) fn draw_cells(
        &self,
        root: &Canvas<'_>,
        plot: &Plot<'_, '_>,
    ) -> Result<(), ChartError> {
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
    pub(super) fn draw_labels(
        &self,
        root: &Canvas<'_>,
        plot: &Plot<'_, '_>,
    ) -> Result<(), ChartError> {
        let (left, _, cell_w, _) = self.grid;
        let font = Font::new(TICK_PX, palette::MUTED);
        for (r, label) in self.rows.iter().enumerate() {
            let (_, y) = plot.backend_coord(&(0.0, r as f64 + 0.5));
            let text = font.fit(label, f64::from(self.size.0) * 0.3);
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

/// Colours and texts of all cells of a heatmap, as a full rectangle (ragged input rows
/// are padded with empty cells).
///
/// A cell is coloured by its weight, or by its value when there are no weights, on the
/// green → amber → red ramp between the smallest and largest colouring figure. A cell whose
/// value is zero, missing or not a number is empty: light grey and without text. Weights are
/// scaled over the whole grid, so that the colour means the same (e.g. probability × impact)
/// wherever risks happen to be; values are scaled over the non-empty cells only.
pub(super) fn heat_cells(map: &Heatmap) -> Vec<Vec<Cell>> {
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
                .map(|v| format_number(v, crate::numbers::decimals_to_show(v), v.abs() >= 1e4))
                .unwrap_or_default(),
        }
    };
    (0..n_rows)
        .map(|r| (0..n_cols).map(|c| cell(r, c)).collect())
        .collect()
}

// ---------------------------------------------------------------- final pass
