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
                table
                    .column(column)
                    .is_some_and(|col| filter_keeps(wanted, table, r, col))
            })
        })
        .collect();
    if let Some(sort) = &selection.sort {
        let descending = sort.starts_with('-');
        if let Some(col) = table.column(sort.trim_start_matches('-')) {
            rows.sort_by(|&a, &b| {
                let (a, b) = (table.cell(a, col), table.cell(b, col));
                // Empty cells last either way: `sort = "-v"` with `limit` put the rows
                // with no value at the top of a "top 10", which left real ones out.
                match (a, b) {
                    (Cell::Empty, _) | (_, Cell::Empty) => compare(a, b),
                    _ if descending => compare(a, b).reverse(),
                    _ => compare(a, b),
                }
            });
        }
    }
    if let Some(limit) = selection.limit {
        rows.truncate(limit);
    }
    rows
}

/// Whether a `filter` value (one, or a list of them) keeps row `row`: by the cell's text,
/// and by value for a number (`v = 10` keeps a cell written `10.0`, which its text
/// comparison left out).
pub fn filter_keeps(wanted: &toml::Value, table: &Table, row: usize, col: usize) -> bool {
    let cell = table.cell(row, col);
    let text = cell.display();
    let one = |o: &toml::Value| {
        let number = match o {
            toml::Value::Integer(i) => Some(*i as f64),
            toml::Value::Float(f) => Some(*f),
            _ => None,
        };
        toml_text(o) == text || number.is_some_and(|n| number_of(cell) == Some(n))
    };
    match wanted {
        toml::Value::Array(options) => options.iter().any(one),
        other => one(other),
    }
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
pub(super) fn merges_categories(spec: &ChartSpec) -> bool {
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

mod grid;
use grid::{is_monthly, Grid};

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

/// Names of columns whose whole numbers are labels, not quantities: a year, a month
/// code, an id. Grouped as amounts, a table showed the year 2024 as `2,024` and the
/// month 202402 as `202,402` (the eleventh malformed hunt).
const LABEL_COLUMNS: &[&str] = &[
    "year",
    "yr",
    "fy",
    "fiscal year",
    "年",
    "年份",
    "年度",
    "财年",
    "month",
    "月份",
    "period",
    "期间",
    "id",
    "no",
    "no.",
    "#",
    "编号",
    "序号",
    "code",
    "代码",
    "编码",
];

/// Whether `column` names labels by its name (`年份`, `Year`, `project_id`, `合同编号`).
fn is_label_column(column: &str) -> bool {
    let name = column.trim().to_lowercase();
    LABEL_COLUMNS.contains(&name.as_str())
        || ["_id", " id", "year", "年份", "年度", "编号", "序号"]
            .iter()
            .any(|end| name.ends_with(end))
}

/// A number of the column `column` as a reader wants it: percent complete as the
/// project pages print it (`78%`), other ratios with two decimals, a whole number in a
/// column of labels (a year, an id) as written.
fn readable_in(column: &str, n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 && is_label_column(column) {
        format!("{n:.0}")
    } else if column.trim().eq_ignore_ascii_case("percent_complete") {
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

pub use crate::derive::readable_number;

/// The columns of `table` a ```table block shows, in order.
pub fn shown_columns(spec: &TableSpec, table: &Table) -> Vec<usize> {
    match &spec.columns {
        Some(names) => names.iter().filter_map(|n| table.column(n)).collect(),
        None => (0..table.columns.len()).collect(),
    }
}

/// The rows and columns a ```table block shows.
pub fn table(spec: &TableSpec, table: &Table) -> DataTable {
    let rows = select(table, &spec.selection());
    let cols = shown_columns(spec, table);
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
mod tests;
