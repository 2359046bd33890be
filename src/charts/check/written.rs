//! Numbers written so that a block would read them otherwise than their author: a
//! point between thousands (`1.200`, read as 1.2), and text among the numbers a block
//! sorts by, which sorts after all of them.

use crate::blocks::{field_span, Selection, SpecError};
use crate::data::{Cell, Table};
use crate::messages::Text;
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
    let (_, detail) = odd_cell_help(table, col, name)?;
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

/// For a column of numbers but for some cells (a date or a word typed in one), where
/// the first such cell is (its row, and what to write there): the chart's error is then
/// the cell's, not the column's.
pub(super) fn odd_cell_help(table: &Table, col: usize, name: &str) -> Option<(usize, Text)> {
    let is_number = |row: usize| match table.cell(row, col) {
        Cell::Number(_) => true,
        Cell::Text(t) => crate::data::table::parse_number(t).is_some(),
        _ => false,
    };
    let is_empty = |row: usize| table.text(row, col).trim().is_empty();
    let rows = 0..table.rows.len();
    let odd: Vec<usize> = rows
        .clone()
        .filter(|&row| !is_number(row) && !is_empty(row))
        .collect();
    let first = *odd.first()?;
    let path = crate::diagnostics::shown(&table.path);
    // `—`, `-`, `TBD`, `待定`: a sheet's way of saying "no value", which an empty cell
    // says here. A column of figures holding one was told "correct that cell", with no
    // word of how; a mark beside percentages hid the percentages' own help.
    let is_mark = |row: usize| crate::data::table::is_no_value_mark(&table.text(row, col));
    let figures: Vec<usize> = odd.iter().copied().filter(|&row| !is_mark(row)).collect();
    let Some(&first_figure) = figures.first() else {
        return Some((first, t!(
            "{path} {place}: `{value}` stands for no value ({count} cell(s) of `{name}` hold such a mark): leave them empty, which says so here",
            path = path,
            place = table.place_name(first, col),
            value = table.text(first, col).trim(),
            count = odd.len(),
            name = name
        )));
    };
    // Percentages typed with `%` (85%, 60%): one rule for the whole column.
    if figures
        .iter()
        .all(|&row| crate::data::table::percent(&table.text(row, col)).is_some())
    {
        return Some((first_figure, t!(
            "{path} {place}: `{value}` is a percentage written with `%`, as are {count} cell(s) of `{name}`: write them as numbers, 0.85 for 85%",
            path = path,
            place = table.place_name(first_figure, col),
            value = table.text(first_figure, col),
            count = figures.len(),
            name = name
        )));
    }
    let value = table.text(first, col);
    if crate::numbers::beyond_exact(&value) {
        return Some((
            first,
            t!(
                "{path} {place}: {why}",
                path = path,
                place = table.place_name(first, col),
                why = crate::numbers::beyond_exact_help(&value)
            ),
        ));
    }
    // `12万`, `1.2亿`, `800000元`: an amount as finance writes it, the number named (a
    // column of them only was told "chart a column of numbers", with no cell named).
    if let Some(n) = crate::numbers::read_loosely(&value) {
        return Some((first, t!(
            "{path} {place}: `{value}` would be {number}, and {count} cell(s) of `{name}` are written so: write amounts as plain numbers",
            path = path,
            place = table.place_name(first, col),
            value = value.trim(),
            number = crate::data::table::format_number(n),
            count = odd.len(),
            name = name
        )));
    }
    // `1.234,5`, `1,5`: a decimal comma, as a European sheet writes it; it was told
    // "not a number", with no word of what to write (the twenty-third malformed hunt).
    if let Some(plain) = value
        .contains(',')
        .then(|| crate::numbers::comma_decimal(value.trim()))
        .flatten()
    {
        return Some((first, t!(
            "{path} {place}: `{value}` is written with a decimal comma, as much of Europe writes numbers: write {plain}, with a point and no thousands separator",
            path = path,
            place = table.place_name(first, col),
            value = value.trim(),
            plain = plain
        )));
    }
    rows.clone().find(|&row| is_number(row))?;
    Some((first, match odd.len() {
        1 => t!(
            "{path} {place}: `{value}` is not a number, while the other cells of `{name}` are: correct that cell",
            path = path,
            place = table.place_name(first, col),
            value = table.text(first, col),
            name = name
        ),
        n => t!(
            "{path} {place}: `{value}` is not a number, nor are {more} other cells of `{name}`: correct them",
            path = path,
            place = table.place_name(first, col),
            value = table.text(first, col),
            more = n - 1,
            name = name
        ),
    }))
}
