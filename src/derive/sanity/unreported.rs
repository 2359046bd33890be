//! Months not yet reported, written as zeros (see [`crate::derive::unreported_zeros`]).

use crate::data::{BudgetRow, Table};
use crate::diagnostics::Diagnostic;
use crate::t;

/// The last months' EV and AC written 0 while the plan goes on (or every month's, two or
/// more), taken for months not yet reported: said once, at the first such cell, as the figures no longer run to
/// them and the author should know why.
pub(super) fn zeros_not_reported(table: &Table, rows: &[BudgetRow]) -> Option<Diagnostic> {
    let zeros = crate::derive::unreported_zeros(rows);
    let first = &rows[*zeros.first()?];
    let last = &rows[*zeros.last()?];
    let name = if first.ev.is_some() { "ev" } else { "ac" };
    let col = table.column(name)?;
    let reported_before = rows
        .iter()
        .any(|b| b.period < first.period && (b.ev.is_some() || b.ac.is_some()));
    let message = if reported_before {
        t!(
        "{column} of {period} is 0, and no month after it reports an amount ({count} month(s) written as 0, to {last}), although earlier months do and the plan goes on: they are taken for months not yet reported, so the project's figures stop before {period}",
        column = name.to_uppercase(),
        period = &first.period,
        count = zeros.len(),
        last = &last.period
        )
    } else {
        t!(
            "EV and AC are 0 in every month written ({count} month(s), {first} to {last}) although the plan goes on: a project that spends nothing for months is not reporting yet, so they are taken for months not yet reported and the project shows no cost or schedule figures",
            count = zeros.len(),
            first = &first.period,
            last = &last.period
        )
    };
    Some(
        table
            .warning_at(first.row, col, message)
            .with_help(t!("leave ev and ac empty for months not yet known, rather than 0: a formula or an export that writes 0 makes them look reported")),
    )
}
