//! A value column empty in every row a chart draws (`staff` with no figure typed yet,
//! an export that lost its numbers): the chart was drawn as bare axes, or one series
//! short, without a word (the twenty-fifth malformed hunt) — a picture of "nothing to
//! show" where the data was never there. Told at the column in the data file, once
//! however many charts draw it. A project's own tables are empty until it reports, and
//! the derived tables until the site has their pages: both are left alone, as a table
//! of no rows is ([`crate::charts::check`]).

use std::path::Path;

use crate::blocks::{Aggregate, ChartSpec};
use crate::data::Table;
use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

/// The warnings of each `y` column of `table` empty in every row the chart at `line`
/// of `page` draws, each with its column.
pub fn warnings(
    spec: &ChartSpec,
    table: &Table,
    page: &Path,
    line: usize,
) -> Vec<(usize, Diagnostic)> {
    if !table.path.starts_with("data") || spec.aggregate == Some(Aggregate::Count) {
        return Vec::new();
    }
    let rows = crate::charts::build::select(table, &spec.selection());
    let Some(&first) = rows.iter().min() else {
        return Vec::new();
    };
    let names = spec.y.as_ref().map(|y| y.to_vec()).unwrap_or_default();
    let page = crate::diagnostics::shown(page);
    let mut out = Vec::new();
    for name in &names {
        let Some(col) = table.column(name) else {
            continue;
        };
        if out.iter().any(|(c, _)| *c == col)
            || rows.iter().any(|&r| !table.text(r, col).trim().is_empty())
        {
            continue;
        }
        let message = t!(
            "column `{column}` is empty in every row the chart at {page} line {line} draws: it would be drawn with no values, as if there were nothing to show",
            column = table.written(col),
            page = &page,
            line = line
        );
        let help = t!(
            "fill in the column's figures (an export that lost them, or a column not yet filled?), or leave `{column}` out of the chart's `y` until it has some",
            column = name.trim()
        );
        let d = Diagnostic::warning(Problem::Data(message)).with_help(help);
        let d = match table.source {
            Some(_) => crate::data::columns::at_header(table, table.written(col), d),
            None => table.at_cell(d, first, col),
        };
        out.push((col, d));
    }
    out
}
