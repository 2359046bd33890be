//! Months (or days) written otherwise than `YYYY-MM` in the column a chart takes its x
//! values from — `2024-2`, `2024/02`, `2024.2`, `2024年2月` — read as text: the chart
//! drew them in the table's order rather than in time's, and `sort` put them in text's
//! (`2024年10月` before `2024年2月`), a line joining October to February without a word
//! (the twelfth malformed hunt). Written `YYYY-MM`, a column of months is put in order.
//! A budget's period so written is refused; a chart over any other table is warned, as
//! the column may also serve a ```table block that shows it as written.

use crate::blocks::{field_span, ChartSpec, SpecError};
use crate::charts::model::ChartKind;
use crate::data::Table;
use crate::t;

/// The warning for the first x value a chart draws (of `rows`, in the table's order) that
/// is a month or day written another way, with how many more there are.
pub fn warning(spec: &ChartSpec, table: &Table, rows: &[usize], text: &str) -> Option<SpecError> {
    if spec.kind == ChartKind::Scatter {
        return None;
    }
    let col = table.column(&spec.x)?;
    // Named in the table's order (`rows`), whatever order `sort` draws them in.
    let crate::data::table::DatesAsText { row, help, more } = table.dates_as_text(col, rows)?;
    let (value, path, place) = (
        table.text(row, col),
        crate::diagnostics::shown(&table.path),
        table.place_name(row, col),
    );
    let message = if more == 0 {
        t!(
            "`{value}` ({path} {place}) in the x column `{x}` is a date written another way: the chart reads it as text, in the table's order (or `sort`'s order of text, 2024-10 before 2024-2), not in time's",
            value = value.trim(),
            path = &path,
            place = place,
            x = &spec.x
        )
    } else {
        t!(
            "`{value}` ({path} {place}) in the x column `{x}` is a date written another way, and {more} more: the chart reads them as text, in the table's order (or `sort`'s order of text, 2024-10 before 2024-2), not in time's",
            value = value.trim(),
            path = &path,
            place = place,
            x = &spec.x,
            more = more
        )
    };
    Some(SpecError {
        message,
        help,
        span: field_span(text, "x"),
    })
}
