//! A row that repeats the header: two exports pasted one under the other (a month's
//! CSV added to last month's in Excel, each with its header) leave the second header
//! among the rows. Each of its cells was told as a bad value (`pv` holds `pv`, expected
//! a number), four errors for one stray line, and none said what the line was.

use crate::data::table::{Cell, Table};
use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

/// The error for the first row of `table` whose every cell is its column's name (a
/// row at least two named columns long; a nameless column's cell empty), or `None`.
pub(crate) fn header_again(table: &Table) -> Option<Diagnostic> {
    let named = table
        .columns
        .iter()
        .filter(|c| !c.trim().is_empty())
        .count();
    if named < 2 {
        return None;
    }
    // As it shows: the second file's byte order mark, where two were joined, comes
    // along at the start of its header.
    let shown = |text: &str| {
        let visible: String = text
            .chars()
            .filter(|&c| crate::slugs::invisible_name(c).is_none())
            .collect();
        visible.trim().to_lowercase()
    };
    let repeats = |row: &Vec<Cell>| {
        table.columns.iter().enumerate().all(|(col, name)| {
            let text = row.get(col).map(Cell::display).unwrap_or_default();
            shown(&text) == shown(name)
        })
    };
    let row = table.rows.iter().position(repeats)?;
    let message = t!(
        "this row repeats the header ({header}): its cells are the columns' names, not values",
        header = table.columns.join(",")
    );
    Some(
        table
            .at_cell(Diagnostic::error(Problem::Data(message)), row, 0)
            .with_help(t!(
                "two tables pasted one under the other leave the second's header among the rows: delete this row, and check that the rows after it do not repeat rows before it"
            )),
    )
}
