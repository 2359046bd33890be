//! A project's budget table read into rows, refusing what would make a wrong figure look
//! right: an empty planned value (silently zero before), a period listed twice (counted
//! twice before), and amounts so large that they, or their running totals, leave the
//! range where sums are exact enough to show (1e308 summed to infinity before).
//!
//! A table declared `cumulative` (running totals) is turned into per-period amounts
//! here, once, so every later stage sums one kind of number; a running total that falls
//! is refused at its cell, since the per-period amount it implies would be negative.

use std::collections::HashMap;

use super::{rows, BudgetRow, Table};
use crate::content::schema::Basis;
use crate::diagnostics::Diagnostic;
use crate::messages::Text;
use crate::t;
use crate::units::Unit;

/// The largest amount, single or summed, a budget may hold: 10^15, a thousand trillion
/// in any currency. Below it an f64 still counts whole units exactly.
pub const MAX_AMOUNT: f64 = 1e15;

fn amount_help() -> Text {
    t!("amounts are limited to 1,000,000,000,000,000 (10^15); check the cell for a typo or an exponent such as 1e308")
}

/// Whether row `r`'s value in `col` is the sum of every other row's (two or more): a
/// totals row.
fn sums_the_rest(t: &Table, r: usize, col: usize) -> bool {
    let value = |row: usize| t.number(row, col).ok().flatten();
    let Some(total) = value(r) else {
        return false;
    };
    let others: Vec<f64> = (0..t.rows.len())
        .filter(|&row| row != r)
        .filter_map(value)
        .collect();
    let sum: f64 = others.iter().sum();
    others.len() >= 2 && total != 0.0 && (total - sum).abs() <= total.abs() * 1e-9
}

/// The columns of `table` holding amounts (pv, ev, ac), those it has.
pub fn amount_columns(table: &Table) -> Vec<usize> {
    ["pv", "ev", "ac"]
        .iter()
        .filter_map(|n| table.column(n))
        .collect()
}

/// The names of a column giving the unit of a table's amounts, trimmed and lowercased.
const UNIT_COLUMNS: &[&str] = &[
    "单位",
    "金额单位",
    "货币单位",
    "计量单位",
    "币种",
    "币别",
    "货币",
    "unit",
    "units",
    "currency",
    "amount unit",
];

/// Whether `header` names a column giving the unit of a table's amounts (`单位`,
/// `currency`): read by the budget, never a column of the author's own left out.
pub fn is_unit_column(header: &str) -> bool {
    UNIT_COLUMNS.contains(&header.trim().to_lowercase().as_str())
}

/// The cells of `table`'s column giving the unit of its amounts (`单位`, `currency`),
/// as (row, column, the unit named), those naming no unit left out.
pub fn unit_cells(table: &Table) -> Vec<(usize, usize, Unit)> {
    let Some(col) = table.columns.iter().position(|c| is_unit_column(c)) else {
        return Vec::new();
    };
    (0..table.rows.len())
        .filter_map(|row| Some((row, col, crate::units::named(&table.text(row, col))?)))
        .collect()
}

/// A row whose unit cell (`单位`) names a multiple of the currency other than the one
/// an amount column's header names (`计划值（万元）` over a row saying `千元`): the
/// header's column is read converted, and which of the two the row's figures are in
/// only the author knows. Told at the first such cell. A row naming a multiple beside
/// headers naming none is read converted ([`super::unit_rows`]).
pub(super) fn unit_conflict(t: &Table) -> Option<Diagnostic> {
    let (header, (header_unit, header_factor)) = amount_columns(t)
        .into_iter()
        .find_map(|c| Some((t.written(c), super::columns::header_factor(t, c)?)))?;
    let (row, col, unit) = unit_cells(t)
        .into_iter()
        .find_map(|(row, col, unit)| match unit {
            Unit::Scaled(unit, factor) if factor != header_factor => Some((row, col, unit)),
            _ => None,
        })?;
    Some(t.bad_cell(
        row,
        col,
        t!("{unit}, the unit the header `{header}` names", unit = header_unit, header = header.trim()),
        t!(
            "the header `{header}` gives its column in {header_unit}, while this row says its amounts are in {unit}: convert the row's amounts into {header_unit} and write {header_unit} here, or head the amount columns without a unit and let each row's cell name its own",
            header = header.trim(),
            header_unit = header_unit,
            unit = unit
        ),
    ))
}

/// An amount cell of a workbook whose number format shows it in a multiple of the
/// currency (480 under `0.0"万元"` reads `480.0万元`): its author means 4,800,000, pmo
/// would read 480. Told at the first such cell.
fn shown_in_a_multiple(t: &Table) -> Option<Diagnostic> {
    let columns = amount_columns(t);
    let (row, col, code, unit, factor) = t.formats.iter().find_map(|(row, col, shown)| {
        let (unit, factor) = shown.multiple?;
        columns
            .contains(col)
            .then_some((*row, *col, &shown.code, unit, factor))
    })?;
    let value = t.number(row, col).ok().flatten()?;
    let whole = crate::numbers::format_amount(value * f64::from(factor));
    let dividing = match factor {
        1_000 => format!("#,##0,\"{unit}\""),
        10_000 => format!("0!.0,\"{unit}\""),
        1_000_000 => format!("#,##0.0,,\"{unit}\""),
        _ => format!("0!.00,,\"{unit}\""),
    };
    Some(t.bad_cell(
        row,
        col,
        t!("the amount in the currency's own units (CNY, USD …)"),
        t!(
            "the cell's number format `{format}` shows it in {unit}, so the amount meant is {whole}, but pmo reads the {value} the cell holds: enter whole amounts in this column ({whole} here); the format `{dividing}` still shows them in {unit}",
            format = code,
            unit = unit,
            whole = whole,
            value = crate::data::table::format_number(value),
            dividing = dividing
        ),
    ))
}

/// The budget's rows, in period order, with per-period amounts whatever `basis` the
/// table is written in. Put in order here, once: the project page lists them and keeps
/// the latest ones of a long budget, and a sheet sorted newest first (or a month added
/// at the bottom late) was listed in the file's order, its oldest months shown as the
/// latest (the fourteenth malformed hunt). Each row keeps its line for diagnostics.
pub fn read(t: &Table, basis: Basis) -> Result<Vec<BudgetRow>, Vec<Diagnostic>> {
    let cols =
        super::columns::require("budget", t, super::required("budget")).map_err(|d| vec![d])?;
    if let Some(d) = unit_conflict(t).or_else(|| shown_in_a_multiple(t)) {
        return Err(vec![d]);
    }
    // Earned value and actual cost may be left out of a plan-only budget.
    let (ev, ac) = (t.column("ev"), t.column("ac"));
    let amount = |row: usize, col: usize| -> Result<Option<f64>, Diagnostic> {
        match t.number(row, col)? {
            Some(n) if n.abs() > MAX_AMOUNT => {
                Err(t.bad_cell(row, col, t!("an amount of at most 10^15"), amount_help()))
            }
            n => Ok(n),
        }
    };
    let optional = |row, col: Option<usize>| col.map_or(Ok(None), |c| amount(row, c));
    let mut first_row: HashMap<String, usize> = HashMap::new();
    let budget = rows(t, &cols, |r, cells| {
        if t.text(r, cols[0]).trim().is_empty() && sums_the_rest(t, r, cols[1]) {
            // A totals row whose label sits in another column (or none): "period is
            // empty" sent its author looking for a missing month.
            cells.read::<()>(Err(t.bad_cell(
                r,
                cols[0],
                t!("a period"),
                t!("this row's planned value is the sum of the rows above: a totals row; delete it, the portal adds the periods up itself"),
            )));
            return None;
        }
        let period = cells.read(t.month(r, cols[0]).and_then(|period| {
            match first_row.get(&period) {
                Some(&first) => Err(t.bad_cell(
                    r,
                    cols[0],
                    t!(
                        "each period once, but `{period}` is also on {place}",
                        period = &period,
                        place = t.place_name(first, cols[0])
                    ),
                    t!("merge the two rows into one (amounts are per period, so a second row would be counted twice)"),
                )),
                None => {
                    first_row.insert(period.clone(), r);
                    Ok(period)
                }
            }
        }));
        let pv = cells.read(amount(r, cols[1]).and_then(|pv| {
            pv.ok_or_else(|| {
                t.bad_cell(
                    r,
                    cols[1],
                    t!("the planned value for the period"),
                    t!("write 0 if nothing was planned for this period; an empty cell is not counted as 0"),
                )
            })
        }));
        let ev = cells.read(optional(r, ev));
        let ac = cells.read(optional(r, ac));
        Some(BudgetRow {
            period: period?,
            pv: pv?,
            ev: ev?,
            ac: ac?,
            row: r,
        })
    })?;
    let mut budget = budget;
    // Stable: rows of one period (refused above) would keep the file's order.
    budget.sort_by(|a, b| a.period.cmp(&b.period));
    if basis == Basis::Cumulative {
        per_period(t, &mut budget, [Some(cols[1]), ev, ac])?;
    }
    running_totals(t, &budget, [Some(cols[1]), ev, ac]).map_err(|d| vec![d])?;
    Ok(budget)
}

/// Turns running totals into each period's own amounts (`budget` is in period order). An empty EV or
/// AC cell stays empty (not reported); the next reported total is taken from the last
/// one reported. A total below an earlier one is refused at its cell.
fn per_period(
    t: &Table,
    budget: &mut [BudgetRow],
    cols: [Option<usize>; 3],
) -> Result<(), Vec<Diagnostic>> {
    let mut problems = Vec::new();
    for (k, col) in cols.iter().enumerate() {
        let Some(col) = *col else { continue };
        // The last total seen, and the row it is on.
        let mut previous: Option<(f64, usize)> = None;
        for row in budget.iter_mut() {
            let value = match k {
                0 => Some(&mut row.pv),
                1 => row.ev.as_mut(),
                _ => row.ac.as_mut(),
            };
            let Some(value) = value else { continue };
            let total = *value;
            let before = previous.map_or(0.0, |(v, _)| v);
            if total < before {
                let (_, at) = previous.unwrap_or((0.0, row.row));
                problems.push(t.bad_cell(
                    row.row,
                    col,
                    t!(
                        "a running total of at least {total} (the total on {place})",
                        total = crate::numbers::format_amount(before),
                        place = t.place_name(at, col)
                    ),
                    t!("this budget is declared cumulative, so each row holds the total so far and never falls; correct the value, or if the amounts are per period, write `basis: period` in the project's index.md"),
                ));
            }
            *value = total - before;
            previous = Some((total, row.row));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Refuses a budget whose running total of PV, EV or AC (in period order, as `budget`
/// is and the charts sum them) passes [`MAX_AMOUNT`], at the cell where it does.
fn running_totals(
    t: &Table,
    budget: &[BudgetRow],
    cols: [Option<usize>; 3],
) -> Result<(), Diagnostic> {
    let mut totals = [0.0f64; 3];
    for row in budget {
        let values = [Some(row.pv), row.ev, row.ac];
        for k in 0..3 {
            totals[k] += values[k].unwrap_or(0.0);
            if totals[k].abs() > MAX_AMOUNT {
                let col = cols[k].unwrap_or(0);
                return Err(t.bad_cell(
                    row.row,
                    col,
                    t!("an amount whose running total stays within 10^15"),
                    amount_help(),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::Arc;

    fn csv(text: &str) -> Table {
        let source: Arc<str> = Arc::from(text);
        crate::data::read::read_csv(Path::new("budget.csv"), &source, "projects/迁移/budget")
            .unwrap()
    }

    #[test]
    fn cumulative_totals_become_per_period_amounts() {
        // The example: AC 98,000 / 199,000 / 310,000 as running totals is
        // 310,000 spent, not 607,000.
        let t = csv("period,pv,ev,ac\n2024-01,100000,95000,98000\n2024-03,300000,,310000\n2024-02,200000,190000,199000\n");
        let rows = read(&t, Basis::Cumulative).unwrap();
        let ac: f64 = rows.iter().filter_map(|r| r.ac).sum();
        assert_eq!(ac, 310_000.0);
        // In period order: 2024-02 before 2024-03, whatever the file's order.
        assert_eq!(rows[2].pv, 100_000.0);
        assert_eq!(rows[1].ac, Some(101_000.0));
        assert_eq!(rows[2].ev, None, "an empty cell stays unreported");
        assert_eq!(rows[1].ev, Some(95_000.0));
        let per_period = read(&t, Basis::Period).unwrap();
        let summed: f64 = per_period.iter().filter_map(|r| r.ac).sum();
        assert_eq!(summed, 607_000.0);
    }

    #[test]
    fn a_running_total_past_the_limit_is_refused_at_its_row_in_any_order() {
        // The total passes 10^15 at 2024-02, written on line 2 above 2024-01.
        let t = csv("period,pv\n2024-02,600000000000000\n2024-01,600000000000000\n");
        let problems = read(&t, Basis::Period).unwrap_err();
        let text = problems[0].to_string();
        assert!(text.contains("budget.csv:2:9"), "{text}");
        assert!(text.contains("within 10^15"), "{text}");
    }

    #[test]
    fn a_falling_running_total_is_refused_at_its_cell() {
        let t = csv("period,pv,ev,ac\n2024-01,100000,95000,98000\n2024-02,200000,190000,90000\n");
        let problems = read(&t, Basis::Cumulative).unwrap_err();
        assert_eq!(problems.len(), 1);
        let text = problems[0].to_string();
        assert!(text.contains("budget.csv:3:23"), "{text}");
        assert!(text.contains("`90000`"), "{text}");
        assert!(
            text.contains("at least 98,000 (the total on line 2)"),
            "{text}"
        );
        assert!(problems[0]
            .help
            .as_deref()
            .unwrap()
            .to_string()
            .contains("basis: period"));
    }
}
