//! A totals row (`合计`, `Total`) at the foot of a table a chart draws: exported with
//! the sheet, it was drawn as one more bar beside the rows it adds up, dwarfing them,
//! and counted again by `aggregate = "sum"` — a department's total twice over, without
//! a word (the eleventh malformed hunt). A budget table refuses such a row; a chart over
//! any other table warns of it, since a ```table block may show one on purpose.

use crate::blocks::{field_span, Aggregate, ChartSpec, SpecError};
use crate::data::{Cell, Table};
use crate::t;

/// The warning for the first row a chart draws (`rows`, in the table's order) whose
/// label is a totals word.
pub fn warning(spec: &ChartSpec, table: &Table, rows: &[usize], text: &str) -> Option<SpecError> {
    if spec.aggregate == Some(Aggregate::Count) {
        return None;
    }
    let (row, col) = rows.iter().find_map(|&r| {
        (0..table.columns.len())
            .find(|&c| {
                matches!(table.cell(r, c), Cell::Text(t) if crate::data::table::is_totals_label(t))
            })
            .map(|c| (r, c))
    })?;
    Some(SpecError {
        message: t!(
            "`{value}` ({path} {place}) looks like a totals row: the chart draws it beside the rows it adds up, as one more of them",
            value = table.text(row, col),
            path = crate::diagnostics::shown(&table.path),
            place = table.place_name(row, col)
        ),
        help: t!("delete the row from the table (a chart adds rows up itself, with aggregate = \"sum\"), or leave it out with a `filter`"),
        span: field_span(text, "data"),
    })
}
