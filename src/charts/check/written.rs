//! Numbers written so that a block would read them otherwise than their author: a
//! point between thousands (`1.200`, read as 1.2), and text among the numbers a block
//! sorts by, which sorts after all of them.

use super::odd_cell_help;
use crate::blocks::{field_span, Selection, SpecError};
use crate::data::Table;
use crate::t;

/// A `sort` over a column of numbers holding a cell that is not one (`1.200.000,50`,
/// `约80万`): numbers order by value and text after them, so the largest amount of a
/// "top 10" sorted last and was cut by `limit`, with no word.
pub(super) fn sorted_with_text(
    selection: &Selection,
    table: &Table,
    text: &str,
) -> Option<SpecError> {
    let name = selection.sort.as_deref()?.trim_start_matches('-');
    let col = table.column(name)?;
    let detail = odd_cell_help(table, col, name)?;
    Some(SpecError {
        message: t!(
            "`sort` orders `{name}` by value and puts a cell that is no number after every number: {detail}",
            name = name,
            detail = detail
        ),
        help: t!("write each amount as a plain number (1200000.5, not 1.200.000,50 or 1.2M), or leave the cell empty if it has no value"),
        span: field_span(text, "sort"),
    })
}

/// A `sort` over a column of months or days written another way (`03/05/2026`,
/// `2024年3月`): they sort as text, `01/02/2026` before `12/01/2025`, so a ```table
/// block listed a plan out of time's order without a word, while a chart's x axis so
/// written was warned of (the twenty-first malformed hunt). `x` is a chart's x column,
/// whose own warning ([`crate::charts::text_months`]) tells it already.
pub(super) fn sorted_dates(
    selection: &Selection,
    table: &Table,
    x: Option<&str>,
    text: &str,
) -> Option<SpecError> {
    let name = selection.sort.as_deref()?.trim_start_matches('-');
    if x == Some(name) {
        return None;
    }
    let col = table.column(name)?;
    let mut rows = crate::charts::build::select(table, selection);
    rows.sort_unstable();
    let crate::data::table::DatesAsText { row, help, more } = table.dates_as_text(col, &rows)?;
    let (value, place) = (
        table.text(row, col),
        format!(
            "{} {}",
            crate::diagnostics::shown(&table.path),
            table.place_name(row, col)
        ),
    );
    let message = if more == 0 {
        t!(
            "`sort` orders `{name}` as text, not in time's order: `{value}` ({place}) is a date written another way, and sorts by its characters (2024-10 before 2024-2, 01/02/2026 before 12/01/2025)",
            name = name,
            value = value.trim(),
            place = place
        )
    } else {
        t!(
            "`sort` orders `{name}` as text, not in time's order: `{value}` ({place}) is a date written another way, and {more} more, and they sort by their characters (2024-10 before 2024-2, 01/02/2026 before 12/01/2025)",
            name = name,
            value = value.trim(),
            place = place,
            more = more
        )
    };
    Some(SpecError {
        message,
        help,
        span: field_span(text, "sort"),
    })
}

/// A cell written `1.200` among amounts in the thousands: the way much of Europe writes
/// 1,200, read as 1.2 and drawn a thousand times too small without a word (the fifth
/// malformed hunt). Weighed as a budget's amounts are
/// ([`crate::numbers::points_for_thousands`]); warned at `field` (`y`, or the table block's `columns`), naming the cell.
pub(super) fn point_for_thousands(
    table: &Table,
    name: &str,
    text: &str,
    field: &str,
) -> Option<SpecError> {
    let col = table.column(name)?;
    let column: Vec<_> = (0..table.rows.len())
        .map(|r| table.cell(r, col).written())
        .collect();
    let &(_, odd) = crate::numbers::points_for_thousands(&[column]).first()?;
    let written = table.text(odd, col);
    let written = written.trim();
    let grouped = crate::numbers::dotted_thousands(written)?;
    let read = crate::data::table::parse_number(written)?;
    Some(SpecError {
        message: t!(
            "`{value}` ({place}) reads as {number}; with its point separating thousands, as much of Europe writes them, it would be {whole}",
            value = written,
            place = format!(
                "{} {}",
                crate::diagnostics::shown(&table.path),
                table.place_name(odd, col)
            ),
            number = crate::data::table::format_number(read),
            whole = crate::numbers::format_amount(grouped)
        ),
        help: crate::numbers::point_help(grouped, read),
        span: field_span(text, field),
    })
}

/// Whether column `name` holds a number written without a point between thousands.
pub(super) fn holds_plain_numbers(table: &Table, name: &str) -> bool {
    table.column(name).is_some_and(|col| {
        (0..table.rows.len()).any(|r| {
            let w = table.cell(r, col).written();
            w.value.is_some() && w.text.and_then(crate::numbers::dotted_thousands).is_none()
        })
    })
}
