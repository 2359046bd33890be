//! The unit of an imported list's budgets: a column headed in a multiple of the currency
//! (`预算（万元）`, `Budget (k CNY)`, `Cost ($M)`) is converted on the decimals written,
//! and a budget whose unit is in doubt — one over 10亿 for a single project once
//! converted, or a column naming no unit whose figures look like 万元 beside a site in
//! 元 — is warned of at its cell with both readings, since a figure off by ten thousand
//! shown as right is worse than a question.

use crate::data::table::Table;
use crate::diagnostics::{Diagnostic, Problem};
use crate::numbers::format_amount;
use crate::t;
use crate::units::Unit;

/// A budget over this, in the currency's units, is more than one project of a PMO's
/// list holds: 10亿.
const LARGEST_LIKELY: f64 = 1_000_000_000.0;

/// The multiple of the currency the budget column's header names (`预算（万元）` →
/// 万元, 10,000), if any.
pub(super) fn multiple(header: &str) -> Option<(&'static str, u32)> {
    match crate::units::unit_of(header)? {
        (_, Unit::Scaled(unit, factor)) => Some((unit, factor)),
        (_, Unit::Currency) => None,
    }
}

/// `bac` in the currency's own units: times the header's multiple, on the decimal the
/// cell holds. `None` only for a factor no power of ten, which no unit has.
pub(super) fn in_own_units(bac: f64, multiple: Option<(&str, u32)>) -> Option<f64> {
    match multiple {
        Some((_, factor)) => crate::units::scale_exactly(bac, factor),
        None => Some(bac),
    }
}

/// The multiple `row`'s budget is in: the one its unit cell names (`单位` holding
/// `万元`; a list may mix rows in 元 and in 万元, each read as its cell says), else the
/// budget header's. A unit cell naming no unit of money, or one the header contradicts,
/// is refused at the cell: which of the two is right only the author knows, and either
/// guess could be ten thousand times off.
pub(super) fn row_multiple(
    table: &Table,
    row: usize,
    unit_col: Option<usize>,
    header: Option<(&'static str, u32)>,
) -> Result<Option<(&'static str, u32)>, Diagnostic> {
    let Some(col) = unit_col.filter(|&c| !table.text(row, c).trim().is_empty()) else {
        return Ok(header);
    };
    let cell = match crate::units::named(&table.text(row, col)) {
        Some(Unit::Scaled(unit, factor)) => Some((unit, factor)),
        Some(Unit::Currency) => None,
        None => {
            return Err(table.bad_cell(
                row,
                col,
                t!("the unit of the row's budget, such as 元 or 万元"),
                t!("write the unit the budget is in (元, 万元, 千元, CNY …), or leave the cell empty; nothing was written for this row"),
            ))
        }
    };
    match header {
        Some((unit, _)) if cell != header => Err(table.bad_cell(
            row,
            col,
            t!("{unit}, the unit the budget column's header names", unit = unit),
            t!("the budget column's header and this cell give the budget different units: correct one of them; nothing was written for this row"),
        )),
        _ => Ok(cell.or(header)),
    }
}

/// What is known of the budget column to weigh its figures.
pub(super) struct Column<'a> {
    pub table: &'a Table,
    /// The sheet as read, to place a warning at the header's cell.
    pub raw: &'a Table,
    pub header_row: usize,
    pub col: usize,
    /// The rows holding projects (a totals row is none).
    pub rows: Vec<usize>,
    pub multiple: Option<(&'static str, u32)>,
    /// The column giving each row's unit (`单位`), if any: a row whose cell names one
    /// is in no doubt.
    pub units: Option<usize>,
    /// The currency the budgets are in, as the page will show it.
    pub currency: &'a str,
    /// The budgets of the site's other projects in that currency.
    pub site: &'a [f64],
}

/// The warnings for budgets whose unit is in doubt.
pub(super) fn doubts(column: &Column) -> Vec<Diagnostic> {
    let figures: Vec<(usize, f64)> = column
        .rows
        .iter()
        .filter_map(|&row| Some((row, column.table.number(row, column.col).ok()??)))
        .filter(|(_, n)| *n > 0.0)
        .collect();
    let mut out: Vec<Diagnostic> = figures
        .iter()
        .filter_map(|&(row, written)| too_large(column, row, written))
        .collect();
    let unitless: Vec<(usize, f64)> = figures
        .into_iter()
        .filter(|&(row, _)| {
            column
                .units
                .is_none_or(|c| column.table.text(row, c).trim().is_empty())
        })
        .collect();
    out.extend(unitless_in_wan(column, &unitless));
    out
}

/// A converted budget over 10亿: the header's multiple may be wrong for the column (a
/// `预算（万元）` over figures already in 元).
fn too_large(column: &Column, row: usize, written: f64) -> Option<Diagnostic> {
    let (unit, factor) = column.multiple?;
    let read = crate::units::scale_exactly(written, factor)?;
    if read <= LARGEST_LIKELY {
        return None;
    }
    let header = column.table.columns.get(column.col)?.trim();
    let message = t!(
        "`{value}` under `{column}` is {read} {currency} for one project, more than 1,000,000,000 (a billion); read without the header's {unit} it would be {plain} {currency}",
        value = crate::numbers::format_number(written),
        column = header,
        read = format_amount(read),
        currency = column.currency,
        unit = unit,
        plain = format_amount(written)
    );
    Some(
        column.table.warning_at(row, column.col, message).with_help(t!(
            "check the cell and the header's unit: if the column is in the currency's own units, head it without {unit} and import again; the {read} was imported",
            unit = unit,
            read = format_amount(read)
        )),
    )
}

/// A budget column naming no unit whose figures are mostly under 10,000 while the
/// site's other projects' budgets are mostly not: a list kept in 万元 with the unit
/// left off the header, which read as 元 would make every project ten thousand times
/// too small.
fn unitless_in_wan(column: &Column, figures: &[(usize, f64)]) -> Option<Diagnostic> {
    let header = column.table.columns.get(column.col)?.trim();
    if column.multiple.is_some() || crate::units::header_currency(header).is_some() {
        return None;
    }
    let amounts: Vec<f64> = figures.iter().map(|&(_, n)| n).collect();
    if !crate::units::reads_as_wan(&amounts, column.site) {
        return None;
    }
    let small: Vec<&(usize, f64)> = figures
        .iter()
        .filter(|(_, n)| *n < crate::units::UNDER_WAN)
        .collect();
    let &(row, first) = *small.first()?;
    let as_wan = crate::units::scale_exactly(first, 10_000)?;
    let median = crate::units::median(column.site);
    let message = t!(
        "column `{column}` names no unit, and {small} of its {all} budgets are under 10,000 while the site's other projects' are in {currency} (median {median}): `{value}` at {place} is read as {value} {currency}; in 万元 it would be {wan} {currency}",
        column = header,
        small = small.len(),
        all = figures.len(),
        currency = column.currency,
        median = format_amount(median),
        value = crate::numbers::format_number(first),
        place = column.table.place_name(row, column.col),
        wan = format_amount(as_wan)
    );
    Some(
        column
            .raw
            .at_cell(
                Diagnostic::warning(Problem::Content(message)),
                column.header_row,
                column.col,
            )
            .with_help(t!(
                "if the list is in 万元, head the column `{wan}` and import again (pmo converts it); if it is in {currency}, head it `{own}` to say so",
                wan = headed(header, "万元"),
                currency = column.currency,
                own = headed(header, column.currency)
            )),
    )
}

/// `header` with `unit` in brackets of its own script: `预算（万元）`, `Budget (万元)`.
fn headed(header: &str, unit: &str) -> String {
    if header.is_ascii() {
        format!("{header} ({unit})")
    } else {
        format!("{header}（{unit}）")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_in_a_multiple_converts_on_the_decimals_written() {
        assert_eq!(multiple("预算（万元）"), Some(("万元", 10_000)));
        assert_eq!(multiple("预算（元）"), None);
        assert_eq!(multiple("预算"), None);
        assert_eq!(
            in_own_units(1234.56, multiple("预算（万元）")),
            Some(12_345_600.0)
        );
        assert_eq!(
            in_own_units(0.3, multiple("金额(亿元)")),
            Some(30_000_000.0)
        );
        assert_eq!(in_own_units(2.5, multiple("Cost ($M)")), Some(2_500_000.0));
        assert_eq!(in_own_units(360.5, None), Some(360.5));
    }
}
