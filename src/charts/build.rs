//! From a block spec and its table to a chart model (and the numbers behind it):
//! select rows, group and aggregate, split into series, accumulate.

use crate::t;
use std::cmp::Ordering;
use std::collections::HashMap;

use crate::blocks::{Aggregate, ChartSpec, Selection, TableSpec};
use crate::charts::model::{Chart, ChartKind, Heatmap, Point, Rule, Series, XAxis};
use crate::data::{Cell, ColumnType, Table};

/// The numbers a chart shows, as a plain table for readers who cannot see the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct DataTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Row indexes kept by a selection, in display order.
pub fn select(table: &Table, selection: &Selection) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..table.rows.len())
        .filter(|&r| {
            selection.filter.iter().all(|(column, wanted)| {
                let Some(col) = table.column(column) else {
                    return false;
                };
                let value = table.text(r, col);
                match wanted {
                    toml::Value::Array(options) => options.iter().any(|o| toml_text(o) == value),
                    other => toml_text(other) == value,
                }
            })
        })
        .collect();
    if let Some(sort) = &selection.sort {
        let descending = sort.starts_with('-');
        if let Some(col) = table.column(sort.trim_start_matches('-')) {
            rows.sort_by(|&a, &b| {
                let order = compare(table.cell(a, col), table.cell(b, col));
                if descending {
                    order.reverse()
                } else {
                    order
                }
            });
        }
    }
    if let Some(limit) = selection.limit {
        rows.truncate(limit);
    }
    rows
}

pub fn toml_text(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => crate::data::table::format_number(*f),
        toml::Value::Boolean(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// Numbers by value, everything else by text; empty cells last.
fn compare(a: &Cell, b: &Cell) -> Ordering {
    match (a, b) {
        (Cell::Empty, Cell::Empty) => Ordering::Equal,
        (Cell::Empty, _) => Ordering::Greater,
        (_, Cell::Empty) => Ordering::Less,
        _ => match (number_of(a), number_of(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            _ => a.display().cmp(&b.display()),
        },
    }
}

fn number_of(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Number(n) => Some(*n),
        Cell::Text(t) => crate::data::table::parse_number(t),
        _ => None,
    }
}

/// The most series one chart may draw: beyond a few dozen no palette or legend tells
/// them apart, and ten thousand took 4 GB to draw.
pub const MAX_SERIES: usize = 60;
/// The most points (series × categories) one chart may draw.
pub const MAX_POINTS: usize = 50_000;

/// Refuses a chart too large to read or to draw, before any of it is built.
pub fn check_size(spec: &ChartSpec, table: &Table) -> Result<(), crate::messages::Text> {
    use std::collections::HashSet;
    let rows = select(table, &spec.selection());
    let counting = spec.aggregate == Some(Aggregate::Count);
    let y_count = spec.y.as_ref().map_or(0, |y| {
        y.to_vec()
            .iter()
            .filter(|n| table.column(n).is_some())
            .count()
    });
    let targets = if counting || y_count == 0 { 1 } else { y_count };
    let groups = match spec.series.as_deref().and_then(|s| table.column(s)) {
        Some(c) => rows
            .iter()
            .map(|&r| table.text(r, c))
            .collect::<HashSet<_>>()
            .len(),
        None => 1,
    };
    let series = groups.saturating_mul(targets);
    if series > MAX_SERIES {
        return Err(t!(
            "this chart would draw {series} series; at most {max} can be told apart",
            series = series,
            max = MAX_SERIES
        ));
    }
    let x_col = table.column(&spec.x).unwrap_or(0);
    let categories = if merges_categories(spec) {
        rows.iter()
            .map(|&r| table.text(r, x_col))
            .collect::<HashSet<_>>()
            .len()
    } else {
        rows.len()
    };
    let points = series.saturating_mul(categories);
    if points > MAX_POINTS {
        return Err(t!("this chart would draw {points} points ({series} series × {categories} categories); at most {max} fit one chart", points = points, series = series, categories = categories, max = MAX_POINTS));
    }
    Ok(())
}

/// An x value that two selected rows of one series share, in a chart that draws each
/// row as a point or bar of its own (lines, bars, areas without `aggregate`): the reader
/// sees two marks under one label and cannot tell which is which.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeated {
    /// The first such value, as the axis shows it, and the two rows that first share it.
    pub value: String,
    pub first: usize,
    pub again: usize,
    /// The other values repeated, in table order (so a warning can say how many and name
    /// a few: fixing only the first would leave the rest silently doubled).
    pub others: Vec<String>,
}

/// The x values [`Repeated`] describes, if any.
pub fn repeated_category(spec: &ChartSpec, table: &Table) -> Option<Repeated> {
    if merges_categories(spec) || spec.kind == ChartKind::Scatter {
        return None;
    }
    let x_col = table.column(&spec.x)?;
    let series_col = spec.series.as_deref().and_then(|s| table.column(s));
    let rows = select(table, &spec.selection());
    let monthly = is_monthly(table, &rows, x_col);
    let mut seen: HashMap<(String, Option<String>), usize> = HashMap::new();
    let mut found: Option<Repeated> = None;
    for &r in &rows {
        let category = category_of(table.text(r, x_col), monthly);
        let group = series_col.map(|c| table.text(r, c));
        let key = (category, group);
        match seen.get(&key) {
            Some(&first) => match &mut found {
                None => {
                    found = Some(Repeated {
                        value: key.0,
                        first,
                        again: r,
                        others: Vec::new(),
                    })
                }
                Some(f) => {
                    if f.value != key.0 && !f.others.contains(&key.0) {
                        f.others.push(key.0);
                    }
                }
            },
            None => {
                seen.insert(key, r);
            }
        }
    }
    found
}

/// The label an x value is shown by: a month's first day as the month.
fn category_of(text: String, monthly: bool) -> String {
    match text {
        t if monthly && t.len() == 10 => t[..7].to_string(),
        t => t,
    }
}

/// Whether rows with the same x fall into one category (summed, counted or averaged, or
/// one heatmap column) rather than each being a category of its own.
fn merges_categories(spec: &ChartSpec) -> bool {
    spec.aggregate.is_some() || spec.kind == ChartKind::Heatmap
}

/// The chart model for `spec` over `table`, and its numbers as a table. Each chart type
/// has its own function below; they share [`Grid::gather`], which does the selecting,
/// grouping and summing.
pub fn chart(spec: &ChartSpec, table: &Table) -> (Chart, DataTable) {
    match spec.kind {
        ChartKind::Line | ChartKind::Bar | ChartKind::StackedBar | ChartKind::Area => {
            categorical(spec, table)
        }
        ChartKind::Scatter => scatter(spec, table),
        ChartKind::Heatmap => heatmap(spec, table),
    }
}

/// Lines, bars and areas: one point per category and series, categories in order.
fn categorical(spec: &ChartSpec, table: &Table) -> (Chart, DataTable) {
    let grid = Grid::gather(spec, table, true);
    let series = grid.series(spec, |ci, _| ci as f64);
    let data = grid.category_table(spec, &series);
    let x = XAxis::Categories(grid.categories.clone());
    (grid.chart(spec, x, series, None), data)
}

/// Points at (x, y) on two numeric axes, in row order; rows whose x is not a number are
/// left out.
fn scatter(spec: &ChartSpec, table: &Table) -> (Chart, DataTable) {
    let grid = Grid::gather(spec, table, false);
    let mut series = grid.series(spec, |_, category| {
        crate::data::table::parse_number(category).unwrap_or(f64::NAN)
    });
    for s in &mut series {
        s.points.retain(|p| p.x.is_finite());
    }
    let data = scatter_table(spec, &series);
    (grid.chart(spec, XAxis::Numeric, series, None), data)
}

/// A grid of values: a row per series, a column per category.
fn heatmap(spec: &ChartSpec, table: &Table) -> (Chart, DataTable) {
    let grid = Grid::gather(spec, table, true);
    let series = grid.series(spec, |ci, _| ci as f64);
    let heat = Heatmap {
        rows: series.iter().map(|s| s.name.clone()).collect(),
        cols: grid.categories.clone(),
        values: grid
            .values
            .iter()
            .map(|v| v.iter().map(|&(sum, n)| grid.value(sum, n)).collect())
            .collect(),
        weights: Vec::new(),
    };
    let data = grid.category_table(spec, &series);
    let x = XAxis::Categories(grid.categories.clone());
    (grid.chart(spec, x, series, Some(heat)), data)
}

/// Where each category and series was first seen while gathering: a search of the
/// lists per row was quadratic.
#[derive(Default)]
struct Slots {
    categories: HashMap<String, usize>,
    series: HashMap<(String, Option<usize>), usize>,
}

/// Dates that are all the first of a month are months (how workbooks store periods).
fn is_monthly(table: &Table, rows: &[usize], x_col: usize) -> bool {
    table.column_type(x_col) == ColumnType::Date
        && rows.iter().all(|&r| match table.cell(r, x_col) {
            Cell::Date(d) => d.0.day() == 1,
            Cell::Text(t) => crate::date::Date::parse(t).is_ok_and(|d| d.0.day() == 1),
            _ => true,
        })
}

/// The name a series is shown by: its group (the `series` column's value, with the y
/// column when several are plotted), else the y column's name from `names` or the
/// table, else the y label of a count.
fn series_name(
    spec: &ChartSpec,
    table: &Table,
    group: Option<&str>,
    target: Option<usize>,
    targets: &[Option<usize>],
    y_cols: &[usize],
) -> String {
    match (group, target) {
        (Some(g), Some(c)) if targets.len() > 1 => format!("{g} · {}", table.columns[c]),
        (Some(g), _) => g.to_string(),
        (None, Some(c)) => {
            let i = y_cols.iter().position(|&y| y == c).unwrap_or(0);
            spec.names
                .as_ref()
                .and_then(|n| n.get(i).cloned())
                .unwrap_or_else(|| table.columns[c].clone())
        }
        (None, None) => spec.y_label.clone().unwrap_or_else(|| "count".into()),
    }
}

/// The selected rows grouped into categories (x values) and series (a `series` column's
/// values and/or the `y` columns), with the sum and count of each cell.
struct Grid {
    y_names: Vec<String>,
    counting: bool,
    mean: bool,
    categories: Vec<String>,
    /// (series name, y column or None when counting)
    series_keys: Vec<(String, Option<usize>)>,
    /// values[series][category] = (sum, count)
    values: Vec<Vec<(f64, usize)>>,
    labels: Vec<Vec<Option<String>>>,
}

impl Grid {
    /// `by_x`: time-like x values are put in order (unless the spec sorts otherwise), as
    /// a category axis reads left to right in time.
    fn gather(spec: &ChartSpec, table: &Table, by_x: bool) -> Grid {
        let mut rows = select(table, &spec.selection());
        let x_col = table.column(&spec.x).unwrap_or(0);
        let y_names = spec.y.as_ref().map(|y| y.to_vec()).unwrap_or_default();
        let y_cols: Vec<usize> = y_names.iter().filter_map(|n| table.column(n)).collect();
        let series_col = spec.series.as_deref().and_then(|s| table.column(s));

        if spec.sort.is_none()
            && matches!(
                table.column_type(x_col),
                ColumnType::Month | ColumnType::Date | ColumnType::Number
            )
            && by_x
        {
            rows.sort_by(|&a, &b| compare(table.cell(a, x_col), table.cell(b, x_col)));
        }

        let counting = spec.aggregate == Some(Aggregate::Count);
        let merging = merges_categories(spec);
        let label_col = spec.label.as_deref().and_then(|l| table.column(l));
        let targets: Vec<Option<usize>> = if counting || y_cols.is_empty() {
            vec![None]
        } else {
            y_cols.iter().map(|&c| Some(c)).collect()
        };
        let monthly = is_monthly(table, &rows, x_col);
        let mut grid = Grid {
            y_names,
            counting,
            mean: spec.aggregate == Some(Aggregate::Mean),
            categories: Vec::new(),
            series_keys: Vec::new(),
            values: Vec::new(),
            labels: Vec::new(),
        };
        let mut slots = Slots::default();
        for &r in &rows {
            let category = category_of(table.text(r, x_col), monthly);
            let group = series_col.map(|c| table.text(r, c));
            let names: Vec<(String, Option<usize>)> = targets
                .iter()
                .map(|&t| {
                    let name = series_name(spec, table, group.as_deref(), t, &targets, &y_cols);
                    (name, t)
                })
                .collect();
            // A table in long form (month, team, opened) names each row's series: the rows
            // of one month share its category across series, as a reader of the legend
            // expects, unless this row's series already has a mark there (a repeat, which
            // `repeated_category` warns of, is drawn apart rather than summed unasked).
            let shares = series_col.is_some()
                && slots.categories.get(&category).is_some_and(|&ci| {
                    names.iter().all(|key| {
                        slots
                            .series
                            .get(key)
                            .is_none_or(|&si| grid.values[si][ci].1 == 0)
                    })
                });
            let ci = grid.category_slot(&mut slots, category, merging || shares);
            for (name, target) in names {
                let si = grid.series_slot(&mut slots, name, target);
                let value = match target {
                    None => Some(1.0),
                    Some(c) => number_of(table.cell(r, c)),
                };
                if let Some(v) = value {
                    let slot = &mut grid.values[si][ci];
                    slot.0 += v;
                    slot.1 += 1;
                }
                if let Some(lc) = label_col {
                    grid.labels[si][ci] = Some(table.text(r, lc));
                }
            }
        }
        grid
    }

    /// The column of `category`: where it was first seen when the spec merges repeated
    /// categories, else a new one.
    fn category_slot(&mut self, slots: &mut Slots, category: String, merging: bool) -> usize {
        if merging {
            if let Some(&i) = slots.categories.get(&category) {
                return i;
            }
        }
        slots
            .categories
            .entry(category.clone())
            .or_insert(self.categories.len());
        self.categories.push(category);
        for v in self.values.iter_mut() {
            v.push((0.0, 0));
        }
        for l in self.labels.iter_mut() {
            l.push(None);
        }
        self.categories.len() - 1
    }

    /// The row of series `name` (summing column `target`), added on first sight.
    fn series_slot(&mut self, slots: &mut Slots, name: String, target: Option<usize>) -> usize {
        let key = (name, target);
        if let Some(&i) = slots.series.get(&key) {
            return i;
        }
        slots.series.insert(key.clone(), self.series_keys.len());
        self.series_keys.push(key);
        self.values.push(vec![(0.0, 0); self.categories.len()]);
        self.labels.push(vec![None; self.categories.len()]);
        self.series_keys.len() - 1
    }

    /// A cell's value: its sum, or its mean when the spec averages.
    fn value(&self, sum: f64, n: usize) -> f64 {
        if self.mean && n > 0 {
            sum / n as f64
        } else {
            sum
        }
    }

    /// The series with a point per filled cell (every cell when counting), at the x that
    /// `x_of(category index, category)` gives, accumulated when the spec asks.
    fn series(&self, spec: &ChartSpec, x_of: impl Fn(usize, &str) -> f64) -> Vec<Series> {
        self.series_keys
            .iter()
            .enumerate()
            .map(|(si, (name, _))| {
                let mut running = 0.0;
                let points = self.values[si]
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, n))| *n > 0 || self.counting)
                    .map(|(ci, &(sum, n))| {
                        let mut y = self.value(sum, n);
                        if spec.cumulative {
                            running += y;
                            y = running;
                        }
                        Point {
                            x: x_of(ci, &self.categories[ci]),
                            y,
                            label: self.labels[si][ci].clone(),
                        }
                    })
                    .collect();
                Series {
                    name: name.clone(),
                    tone: None,
                    points,
                }
            })
            .collect()
    }

    /// A row per category, a column per series.
    fn category_table(&self, spec: &ChartSpec, series: &[Series]) -> DataTable {
        DataTable {
            columns: std::iter::once(spec.x_label.clone().unwrap_or_else(|| spec.x.clone()))
                .chain(series.iter().map(|s| s.name.clone()))
                .collect(),
            rows: self
                .categories
                .iter()
                .enumerate()
                .map(|(ci, c)| {
                    std::iter::once(c.clone())
                        .chain(self.values.iter().zip(series).map(|(v, s)| {
                            let (sum, n) = v[ci];
                            if n == 0 && !self.counting {
                                String::new()
                            } else if spec.cumulative {
                                // The running total the line draws, not the period's own
                                // amount: the table is the chart's numbers.
                                s.points
                                    .iter()
                                    .find(|p| p.x == ci as f64)
                                    .map_or_else(String::new, |p| readable_number(p.y))
                            } else {
                                readable_number(self.value(sum, n))
                            }
                        }))
                        .collect()
                })
                .collect(),
        }
    }

    /// The chart around `series`: titles, axis labels, description and rules.
    fn chart(
        &self,
        spec: &ChartSpec,
        x: XAxis,
        series: Vec<Series>,
        heatmap: Option<Heatmap>,
    ) -> Chart {
        let description = spec.description.clone().unwrap_or_else(|| {
            let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
            // Named by the axis labels the reader sees (never a column's key), with no
            // English word, so it reads in either language.
            let x = spec.x_label.as_deref().unwrap_or(&spec.x);
            let y = spec
                .y_label
                .clone()
                .unwrap_or_else(|| self.y_names.join(", "));
            // The series named once: when they are the y columns themselves, the list
            // after the colon would only say them again.
            let listed = names.join(", ");
            if listed == y {
                format!("{y} × {x}")
            } else {
                format!("{y} × {x}: {listed}")
            }
        });
        Chart {
            kind: spec.kind,
            title: spec.title.clone().unwrap_or_default(),
            description,
            x_label: spec.x_label.clone().unwrap_or_else(|| spec.x.clone()),
            y_label: spec
                .y_label
                .clone()
                .unwrap_or_else(|| self.y_names.join(", ")),
            x,
            series,
            rules: spec
                .rules
                .iter()
                .map(|&v| Rule {
                    horizontal: true,
                    value: v,
                    // As the axis and the tables write numbers (`1,200,000`).
                    label: readable_number(v),
                })
                .collect(),
            heatmap,
        }
    }
}

/// A cell as a reader wants it: amounts with thousands separators, ratios with two
/// decimals.
pub fn readable(cell: &Cell) -> String {
    match cell {
        Cell::Number(n) => readable_number(*n),
        other => other.display(),
    }
}

/// Columns of the derived tables that hold ratios: always shown with two decimals
/// (0.90, 1.00), so a column of indexes lines up and none reads as a whole number.
pub const RATIO_COLUMNS: &[&str] = &["cpi", "spi", "tcpi", "percent_complete"];

fn is_ratio(column: &str) -> bool {
    RATIO_COLUMNS.contains(&column.trim().to_lowercase().as_str())
}

/// A number of the column `column` as a reader wants it: percent complete as the
/// project pages print it (`78%`), other ratios with two decimals.
fn readable_in(column: &str, n: f64) -> String {
    if column.trim().eq_ignore_ascii_case("percent_complete") {
        crate::derive::evm::format_percent(n)
    } else if is_ratio(column) {
        crate::derive::evm::fixed2(n)
    } else {
        readable_number(n)
    }
}

/// A scatter's numbers: one row per point — its label (a project's name, say), x and y —
/// rounded as the chart shows them, rather than the raw x text of each row.
fn scatter_table(spec: &ChartSpec, series: &[Series]) -> DataTable {
    let many = series.len() > 1;
    let labelled = spec.label.is_some();
    let x_name = spec.x_label.clone().unwrap_or_else(|| spec.x.clone());
    let y_name = spec
        .y_label
        .clone()
        .or_else(|| spec.y.as_ref().and_then(|y| y.to_vec().first().cloned()))
        .unwrap_or_default();
    let y_column = spec
        .y
        .as_ref()
        .and_then(|y| y.to_vec().first().cloned())
        .unwrap_or_default();
    let columns = labelled
        .then(|| spec.label.clone().unwrap_or_default())
        .into_iter()
        .chain(many.then(String::new))
        .chain([x_name, y_name])
        .collect();
    let y_column = y_column.as_str();
    let rows = series
        .iter()
        .flat_map(|s| {
            s.points.iter().map(move |p| {
                labelled
                    .then(|| p.label.clone().unwrap_or_default())
                    .into_iter()
                    .chain(many.then(|| s.name.clone()))
                    .chain([readable_in(&spec.x, p.x), readable_in(y_column, p.y)])
                    .collect()
            })
        })
        .collect();
    DataTable { columns, rows }
}

pub fn readable_number(n: f64) -> String {
    if n.abs() >= 1000.0 {
        crate::derive::format_amount(n)
    } else if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        let s = crate::derive::evm::fixed2(n);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The rows and columns a ```table block shows.
pub fn table(spec: &TableSpec, table: &Table) -> DataTable {
    let rows = select(table, &spec.selection());
    let cols: Vec<usize> = match &spec.columns {
        Some(names) => names.iter().filter_map(|n| table.column(n)).collect(),
        None => (0..table.columns.len()).collect(),
    };
    DataTable {
        columns: cols
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                spec.headers
                    .as_ref()
                    .and_then(|h| h.get(i).cloned())
                    .unwrap_or_else(|| table.columns[c].clone())
            })
            .collect(),
        rows: rows
            .iter()
            .map(|&r| {
                cols.iter()
                    .map(|&c| match table.cell(r, c) {
                        Cell::Number(n) => readable_in(&table.columns[c], *n),
                        other => readable(other),
                    })
                    .collect()
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::{parse, BlockSpec};

    fn lessons() -> Table {
        let t = |s: &str| Cell::Text(s.into());
        Table {
            name: "lessons".into(),
            path: "<derived>".into(),
            source: None,
            columns: vec![
                "phase".into(),
                "impact".into(),
                "cost".into(),
                "month".into(),
            ],
            rows: vec![
                vec![t("执行"), t("negative"), Cell::Number(10.0), t("2024-02")],
                vec![t("规划"), t("positive"), Cell::Number(5.0), t("2024-01")],
                vec![t("执行"), t("positive"), Cell::Number(1.0), t("2024-03")],
            ],
            places: Vec::new(),
        }
    }

    fn ys(series: &Series) -> Vec<f64> {
        series.points.iter().map(|p| p.y).collect()
    }

    fn spec(text: &str) -> ChartSpec {
        match parse(true, text).unwrap() {
            BlockSpec::Chart(c) => c,
            BlockSpec::Table(_) => panic!(),
        }
    }

    /// A long table (month, team, opened) with `series = "team"` and no `aggregate` drew
    /// a bar per row under repeated month labels and stacked nothing (the second
    /// walk-through): the rows of one month share its category across series.
    #[test]
    fn a_long_table_split_into_series_shares_each_x_across_series() {
        let t = |s: &str| Cell::Text(s.into());
        let opened = Table {
            name: "opened".into(),
            path: "<derived>".into(),
            source: None,
            columns: vec!["month".into(), "team".into(), "opened".into()],
            rows: vec![
                vec![t("2026-07"), t("开发"), Cell::Number(3.0)],
                vec![t("2026-07"), t("测试"), Cell::Number(2.0)],
                vec![t("2026-08"), t("开发"), Cell::Number(4.0)],
                vec![t("2026-08"), t("测试"), Cell::Number(1.0)],
                vec![t("2026-09"), t("开发"), Cell::Number(5.0)],
            ],
            places: Vec::new(),
        };
        let (stacked, _) = chart(
            &spec("type = \"stacked-bar\"\ndata = \"opened\"\nx = \"month\"\ny = \"opened\"\nseries = \"team\"\n"),
            &opened,
        );
        let XAxis::Categories(categories) = &stacked.x else {
            panic!("{:?}", stacked.x)
        };
        assert_eq!(categories, &["2026-07", "2026-08", "2026-09"]);
        assert_eq!(stacked.series.len(), 2);
        assert_eq!(ys(&stacked.series[0]), [3.0, 4.0, 5.0]);
        assert_eq!(ys(&stacked.series[1]), [2.0, 1.0]);
        // A month repeated within one series is still drawn apart (and warned of).
        let mut twice = opened.clone();
        twice
            .rows
            .push(vec![t("2026-07"), t("开发"), Cell::Number(9.0)]);
        let (bars, _) = chart(
            &spec("type = \"bar\"\ndata = \"opened\"\nx = \"month\"\ny = \"opened\"\nseries = \"team\"\nsort = \"month\"\n"),
            &twice,
        );
        let XAxis::Categories(categories) = &bars.x else {
            panic!()
        };
        assert_eq!(categories.len(), 4, "{categories:?}");
    }

    /// Percent complete read 0.78 in a ```table block while every page says 78% (the
    /// second walk-through).
    #[test]
    fn a_table_block_shows_percent_complete_as_a_percentage() {
        let t = |s: &str| Cell::Text(s.into());
        let projects = Table {
            name: "portfolio".into(),
            path: "<derived>".into(),
            source: None,
            columns: vec!["title".into(), "percent_complete".into(), "cpi".into()],
            rows: vec![vec![t("ERP 升级"), Cell::Number(0.784), Cell::Number(0.9)]],
            places: Vec::new(),
        };
        let BlockSpec::Table(block) = parse(false, "data = \"portfolio\"\n").unwrap() else {
            panic!()
        };
        assert_eq!(table(&block, &projects).rows, [["ERP 升级", "78%", "0.90"]]);
    }

    #[test]
    fn a_scatter_table_has_a_row_per_point_with_its_label_and_rounded_numbers() {
        let t = |s: &str| Cell::Text(s.into());
        let projects = Table {
            name: "portfolio".into(),
            path: "<derived>".into(),
            source: None,
            columns: vec!["title".into(), "cpi".into(), "spi".into()],
            rows: vec![
                vec![t("ERP 升级"), Cell::Number(1.0238), Cell::Number(0.9)],
                vec![t("数据中心迁移"), Cell::Number(0.8912), Cell::Number(1.0)],
            ],
            places: Vec::new(),
        };
        let (_, data) = chart(
            &spec("type = \"scatter\"\ndata = \"portfolio\"\nx = \"cpi\"\ny = \"spi\"\nlabel = \"title\"\nx_label = \"CPI\"\ny_label = \"SPI\"\n"),
            &projects,
        );
        assert_eq!(data.columns, ["title", "CPI", "SPI"]);
        assert_eq!(
            data.rows,
            [
                ["ERP 升级", "1.02", "0.90"],
                ["数据中心迁移", "0.89", "1.00"]
            ],
            "ratios always with two decimals"
        );
        // A table block over the same columns: ratios two decimals, others as usual.
        let block = match parse(
            false,
            "data = \"portfolio\"\ncolumns = [\"title\", \"cpi\", \"spi\"]\n",
        ) {
            Ok(BlockSpec::Table(t)) => t,
            other => panic!("{other:?}"),
        };
        let shown = table(&block, &projects);
        assert_eq!(shown.rows[1], ["数据中心迁移", "0.89", "1.00"]);
        assert_eq!(readable_in("bac", 1.0), "1");
    }

    #[test]
    fn counts_rows_per_category() {
        let (chart, data) = chart(
            &spec("type = \"bar\"\ndata = \"lessons\"\nx = \"phase\"\naggregate = \"count\"\n"),
            &lessons(),
        );
        assert_eq!(
            chart.x,
            XAxis::Categories(vec!["执行".into(), "规划".into()])
        );
        assert_eq!(ys(&chart.series[0]), [2.0, 1.0]);
        assert_eq!(data.rows, [["执行", "2"], ["规划", "1"]]);
    }

    #[test]
    fn splits_series_by_a_column() {
        let (chart, _) = chart(
            &spec("type = \"stacked-bar\"\ndata = \"lessons\"\nx = \"phase\"\nseries = \"impact\"\naggregate = \"count\"\n"),
            &lessons(),
        );
        let names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["negative", "positive"]);
    }

    /// A rule at a budget's amount was labelled `1200000` beside an axis of `1,200,000`
    /// (the second walk-through).
    #[test]
    fn a_rules_label_is_written_as_the_axis_writes_numbers() {
        let (chart, _) = chart(
            &spec("type = \"line\"\ndata = \"lessons\"\nx = \"month\"\ny = \"cost\"\nrules = [1200000.0, 0.95]\n"),
            &lessons(),
        );
        let labels: Vec<&str> = chart.rules.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["1,200,000", "0.95"]);
        // Its description names the series once (it read `cost × month: cost`).
        assert_eq!(chart.description, "cost × month");
    }

    #[test]
    fn months_are_ordered_and_can_accumulate() {
        let (chart, data) = chart(
            &spec("type = \"line\"\ndata = \"lessons\"\nx = \"month\"\ny = \"cost\"\ncumulative = true\n"),
            &lessons(),
        );
        assert_eq!(
            chart.x,
            XAxis::Categories(vec!["2024-01".into(), "2024-02".into(), "2024-03".into()])
        );
        assert_eq!(ys(&chart.series[0]), [5.0, 15.0, 16.0]);
        // Its table says what the line draws, the running totals (the second walk-through:
        // it listed each month's own amount under a cumulative chart).
        let column: Vec<&str> = data.rows.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(column, ["5", "15", "16"]);
    }

    #[test]
    fn filter_sort_and_limit() {
        let selection = Selection {
            filter: toml::from_str("impact = \"positive\"").unwrap(),
            sort: Some("-cost".into()),
            limit: Some(1),
        };
        assert_eq!(select(&lessons(), &selection), [1]);
    }
}
