//! A project's budget table read into rows, refusing what would make a wrong figure look
//! right: an empty planned value (silently zero before), a period listed twice (counted
//! twice before), and amounts so large that they, or their running totals, leave the
//! range where sums are exact enough to show (1e308 summed to infinity before).

use std::collections::HashMap;

use super::{rows, BudgetRow, Table};
use crate::diagnostics::Diagnostic;
use crate::messages::Text;
use crate::t;

/// The largest amount, single or summed, a budget may hold: 10^15, a thousand trillion
/// in any currency. Below it an f64 still counts whole units exactly.
pub const MAX_AMOUNT: f64 = 1e15;

fn amount_help() -> Text {
    t!("amounts are limited to 1,000,000,000,000,000 (10^15); check the cell for a typo or an exponent such as 1e308")
}

pub fn read(t: &Table) -> Result<Vec<BudgetRow>, Vec<Diagnostic>> {
    let cols = t.require(&["period", "pv"]).map_err(|d| vec![d])?;
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
    let budget = rows(t, |r| {
        let period = t.month(r, cols[0])?;
        if let Some(&first) = first_row.get(&period) {
            return Err(t.bad_cell(
                r,
                cols[0],
                t!(
                    "each period once, but `{period}` is also on {place}",
                    period = &period,
                    place = t.place_name(first, cols[0])
                ),
                t!("merge the two rows into one (amounts are per period, so a second row would be counted twice)"),
            ));
        }
        first_row.insert(period.clone(), r);
        let pv = amount(r, cols[1])?.ok_or_else(|| {
            t.bad_cell(
                r,
                cols[1],
                t!("the planned value for the period"),
                t!("write 0 if nothing was planned for this period; an empty cell is not counted as 0"),
            )
        })?;
        Ok(BudgetRow {
            period,
            pv,
            ev: optional(r, ev)?,
            ac: optional(r, ac)?,
        })
    })?;
    running_totals(t, &budget, [Some(cols[1]), ev, ac]).map_err(|d| vec![d])?;
    Ok(budget)
}

/// Refuses a budget whose running total of PV, EV or AC (in period order, as the charts
/// sum them) passes [`MAX_AMOUNT`], at the cell where it does.
fn running_totals(
    t: &Table,
    budget: &[BudgetRow],
    cols: [Option<usize>; 3],
) -> Result<(), Diagnostic> {
    let mut order: Vec<usize> = (0..budget.len()).collect();
    order.sort_by(|&a, &b| budget[a].period.cmp(&budget[b].period));
    let mut totals = [0.0f64; 3];
    for &r in &order {
        let row = &budget[r];
        let values = [Some(row.pv), row.ev, row.ac];
        for k in 0..3 {
            totals[k] += values[k].unwrap_or(0.0);
            if totals[k].abs() > MAX_AMOUNT {
                let col = cols[k].unwrap_or(0);
                return Err(t.bad_cell(
                    r,
                    col,
                    t!("an amount whose running total stays within 10^15"),
                    amount_help(),
                ));
            }
        }
    }
    Ok(())
}
