//! Dates written with the year last in an imported register (`03/05/2026`), read in the
//! order site.toml's `date_order` states, or else the one order the column's own dates
//! can only be read in — checked over the whole column, since a column holding both
//! `13/05/2026` and `05/13/2026` was filled by two people writing two ways, and either
//! reading of its `03/05/2026` would be a guess. Each date so read is rewritten
//! `YYYY-MM-DD` in the table, where the import's readers take it as any other.

use crate::data::table::{Cell, Table};
use crate::date_order::{iso_in, only_order, year_last, DateOrder};
use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

/// Rewrites each column's dates with the year last as `YYYY-MM-DD` in the order
/// `stated` (site.toml's `date_order`), else the one the column's unambiguous dates
/// share. An error stops the import: a date the stated order reads as no day, any date
/// with the year last under `ymd`, or a column whose dates are in both orders.
pub(super) fn in_order(table: &mut Table, stated: Option<DateOrder>) -> Result<(), Diagnostic> {
    for col in 0..table.columns.len() {
        let cells: Vec<(usize, (i16, i16, i16))> = (0..table.rows.len())
            .filter_map(|row| match table.cell(row, col) {
                Cell::Text(text) => Some((row, year_last(text)?)),
                _ => None,
            })
            .collect();
        if cells.is_empty() {
            continue;
        }
        let order = match stated {
            Some(order) => order,
            None => match column_order(table, col, &cells)? {
                Some(order) => order,
                None => continue,
            },
        };
        for &(row, parts) in &cells {
            let (a, b, _) = parts;
            // Without a stated order, a day both ways is left to be refused at its cell.
            if stated.is_none() && only_order(a, b).is_none() && a != b {
                continue;
            }
            match iso_in(order, parts) {
                Some(iso) => {
                    if let Some(cell) = table.rows.get_mut(row).and_then(|r| r.get_mut(col)) {
                        *cell = Cell::Text(iso);
                    }
                }
                None => return Err(not_in_order(table, row, col, order)),
            }
        }
    }
    Ok(())
}

/// The one order `col`'s dates can be read in, if any says; an error naming a date of
/// each when they disagree.
fn column_order(
    table: &Table,
    col: usize,
    cells: &[(usize, (i16, i16, i16))],
) -> Result<Option<DateOrder>, Diagnostic> {
    let mut first: Option<(usize, DateOrder)> = None;
    for &(row, (a, b, _)) in cells {
        let Some(order) = only_order(a, b) else {
            continue;
        };
        match first {
            None => first = Some((row, order)),
            Some((at, seen)) if seen != order => {
                let column = table.columns.get(col).map_or("", String::as_str).trim();
                let value = table.text(row, col).trim().to_string();
                let earlier = table.text(at, col).trim().to_string();
                let place = table.place_name(at, col);
                let message = if order == DateOrder::Mdy {
                    t!(
                        "column `{column}` holds `{value}`, month first, but `{earlier}` at {place} is day first: the column's dates are written two ways",
                        column = column,
                        value = value,
                        earlier = earlier,
                        place = place
                    )
                } else {
                    t!(
                        "column `{column}` holds `{value}`, day first, but `{earlier}` at {place} is month first: the column's dates are written two ways",
                        column = column,
                        value = value,
                        earlier = earlier,
                        place = place
                    )
                };
                return Err(table
                    .at_cell(Diagnostic::error(Problem::Content(message)), row, col)
                    .with_help(t!(
                        "correct the dates written the other way (or write every date as YYYY-MM-DD), and state the order once in site.toml: `date_order = \"dmy\"` (day first) or `date_order = \"mdy\"` (month first); nothing was written"
                    )));
            }
            Some(_) => {}
        }
    }
    Ok(first.map(|(_, order)| order))
}

/// The error for a date with the year last that `order` reads as no day.
fn not_in_order(table: &Table, row: usize, col: usize, order: DateOrder) -> Diagnostic {
    let message = t!(
        "column `{column}` holds `{value}`, which is no day read as site.toml's `date_order = \"{order}\"` says",
        column = table.columns.get(col).map_or("", String::as_str).trim(),
        value = table.text(row, col).trim().to_string(),
        order = order.key()
    );
    table
        .at_cell(Diagnostic::error(Problem::Content(message)), row, col)
        .with_help(t!(
            "correct the cell, or `date_order` in site.toml if the team writes dates otherwise (`dmy`: 13/05/2026, `mdy`: 05/13/2026, `ymd`: 2026-05-13 only); nothing was written"
        ))
}
