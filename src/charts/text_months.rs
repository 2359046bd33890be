//! Months (or days) written otherwise than `YYYY-MM` in the column a chart takes its x
//! values from — `2024-2`, `2024/02`, `2024.2`, `2024年2月` — read as text: the chart
//! drew them in the table's order rather than in time's, and `sort` put them in text's
//! (`2024年10月` before `2024年2月`), a line joining October to February without a word
//! (the twelfth malformed hunt). Written `YYYY-MM`, a column of months is put in order.
//! A budget's period so written is refused; a chart over any other table is warned, as
//! the column may also serve a ```table block that shows it as written.

use crate::blocks::{field_span, ChartSpec, SpecError};
use crate::charts::model::ChartKind;
use crate::data::{Cell, ColumnType, Table};
use crate::messages::Text;
use crate::t;

/// The warning for the first x value a chart draws (of `rows`, in the table's order) that
/// is a month or day written another way, with how many more there are.
pub fn warning(spec: &ChartSpec, table: &Table, rows: &[usize], text: &str) -> Option<SpecError> {
    if spec.kind == ChartKind::Scatter {
        return None;
    }
    let col = table.column(&spec.x)?;
    // A column of plain numbers orders as time does unless a point hides a month
    // (`2024.10` is 2024.1); one of months or days is put in order already.
    if !matches!(
        table.column_type(col),
        ColumnType::Text | ColumnType::Number
    ) {
        return None;
    }
    let meant = |row: usize| match table.cell(row, col) {
        Cell::Text(t) => written_otherwise(t.trim()),
        _ => None,
    };
    // Named in the table's order (`rows`), whatever order `sort` draws them in.
    let mut odd = rows.iter().filter_map(|&r| meant(r).map(|m| (r, m)));
    let (row, help) = odd.next()?;
    let more = odd.count();
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

/// How to write a month or day written another way, naming the `YYYY-MM` or
/// `YYYY-MM-DD` it would be; `None` for those forms themselves, for any other text, and
/// for six digits (`202403`), whose order as numbers is time's. A day written with the
/// year last (`03/05/2026`, `18.03.2026`) is told the day or the two days it could be:
/// among ISO days it was drawn first, as text, without a word.
fn written_otherwise(text: &str) -> Option<Text> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let meant = crate::data::table::month_written_otherwise(text).or_else(|| {
        crate::date::read_loosely(text)
            .filter(|_| crate::date::Date::parse(text).is_err())
            .map(|d| d.iso())
    });
    match meant {
        Some(date) => Some(t!(
            "write months as YYYY-MM and days as YYYY-MM-DD (`{value}` would be {date}): the chart then puts them in order",
            value = text,
            date = date
        )),
        None => crate::date::year_last_help(text),
    }
}
