//! Months missing from a table a line or area chart draws over time (2024-01, 2024-02,
//! 2024-04): the chart spaces its x values evenly, so 2024-02 and 2024-04 were drawn as
//! neighbours, a line joining them as if one month apart, without a word (the thirteenth
//! malformed hunt). A budget's gaps were already told; a table's now are too, at the
//! first cell after each gap and as the budget's are (see [`crate::derive::gaps`]).
//! Bars are labelled one by one, and a chart sorted by another column draws no time
//! axis: both are left alone.

use std::path::Path;

use crate::blocks::{ChartKind, ChartSpec};
use crate::data::{Cell, Table};
use crate::diagnostics::Diagnostic;
use crate::t;

/// The warnings of the months missing between those the chart at `line` of `page`
/// draws from `table`, each at the first cell after its gap, with that cell's row.
pub fn warnings(
    spec: &ChartSpec,
    table: &Table,
    page: &Path,
    line: usize,
) -> Vec<(usize, Diagnostic)> {
    let over_time = matches!(spec.kind, ChartKind::Line | ChartKind::Area)
        && spec
            .sort
            .as_deref()
            .is_none_or(|s| s.trim_start_matches('-') == spec.x);
    let Some(col) = table.column(&spec.x).filter(|_| over_time) else {
        return Vec::new();
    };
    let rows = crate::charts::build::select(table, &spec.selection());
    let Some(mut months) = rows
        .iter()
        .map(|&row| month_in(table.cell(row, col)).map(|m| (m, row)))
        .collect::<Option<Vec<(String, usize)>>>()
    else {
        return Vec::new();
    };
    // In time's order, each month at the first row holding it.
    months.sort_unstable();
    months.dedup_by(|a, b| a.0 == b.0);
    let page = crate::diagnostics::shown(page);
    crate::derive::gaps::between(months.iter().map(|(m, row)| (*row, m.as_str())))
        .into_iter()
        .map(|gap| {
            let message = t!(
                "{gap}: the chart at {page} line {line} draws the months either side of the gap next to each other, as if one month apart",
                gap = gap.told(table, col),
                page = &page,
                line = line
            );
            let d = table
                .warning_at(gap.after, col, message)
                .with_help(t!("add a row for each missing month, with 0 where there was nothing, so that the chart spaces the months as time does; or draw it as bars, each labelled with its month"));
            (gap.after, d)
        })
        .collect()
}

/// The month of an x cell, `YYYY-MM`: a month so written, or a date on the first of a
/// month (as workbooks store periods). `None` for anything else, which makes the column
/// no time axis of months; an empty cell draws no point and is passed over.
fn month_in(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Empty => Some(String::new()),
        Cell::Text(t) if t.trim().is_empty() => Some(String::new()),
        Cell::Text(t) if crate::data::table::is_month(t.trim()) => Some(t.trim().to_string()),
        Cell::Date(d) if d.0.day() == 1 => Some(d.iso()[..7].to_string()),
        Cell::Text(t) => crate::date::Date::parse(t.trim())
            .ok()
            .filter(|d| d.0.day() == 1)
            .map(|d| d.iso()[..7].to_string()),
        _ => None,
    }
}
