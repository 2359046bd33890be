//! A budget's own unit column (`单位` holding `万元`, or `万元` on some rows and `元` on
//! others, as a list pasted together from two departments' sheets is): each row read in
//! the unit its cell names, its amounts converted on the decimals written, as a header
//! naming a multiple (`计划值（万元）`) has its column read. Refused before (the help
//! said to multiply every amount, wrong for the rows already in 元); read as written,
//! each row in 万元 would be ten thousand times too small, shown as right.

use super::table::Table;
use crate::units::Unit;

/// Each row of the budget `table` whose unit cell names a multiple of the currency with
/// its pv, ev and ac in the currency's own units. When a header names a multiple
/// itself, its column is converted already and nothing is done here: a row naming
/// another multiple beside it is refused by the budget's reading
/// ([`super::budget::unit_conflict`]), never converted twice.
pub(super) fn in_own_units(table: &mut Table) {
    let amounts = super::budget::amount_columns(table);
    if amounts
        .iter()
        .any(|&c| super::columns::header_factor(table, c).is_some())
    {
        return;
    }
    for (row, _, unit) in super::budget::unit_cells(table) {
        let Unit::Scaled(_, factor) = unit else {
            continue;
        };
        let Some(cells) = table.rows.get_mut(row) else {
            continue;
        };
        for &col in &amounts {
            if let Some(cell) = cells.get_mut(col) {
                super::columns::scale_cell(cell, factor);
            }
        }
    }
}
