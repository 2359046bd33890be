//! A project's figures and dates against its span, `start` to `finish`: amounts before
//! it begins, a plan running past its end, an active project whose end has passed, a
//! start or finish a century ago.

use super::budget::Total;
use super::Project;
use crate::content::schema::ProjectStatus;
use crate::data::Table;
use crate::date::Date;
use crate::derive::{month_number, month_of};
use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

/// Amounts in a month before the project's start: most often a year typed wrong
/// (2025 for 2026), which puts the plan a year early and the SPI off by as much.
pub(super) fn before_start(table: &Table, totals: &[Total], start: Date) -> Option<Diagnostic> {
    let col = table.column("period")?;
    let first = month_of(start);
    let early = totals.iter().find(|t| {
        let amount = t.row.pv != 0.0
            || t.row.ev.is_some_and(|v| v != 0.0)
            || t.row.ac.is_some_and(|v| v != 0.0);
        amount && month_number(&t.row.period).is_some_and(|m| m < first)
    })?;
    let message = t!(
        "{period} holds amounts, but the project starts on {start} (`start` in index.md)",
        period = &early.row.period,
        start = start.0.to_string()
    );
    Some(
        table
            .at_cell(
                Diagnostic::warning(Problem::Content(message)),
                early.row.row,
                col,
            )
            .with_help(t!(
                "check the period's year, or move `start` back if the work began earlier"
            )),
    )
}

/// A plan (PV) in a month after the project's `finish`: the plan and the end day disagree,
/// so the SPI and percent complete are measured against a plan the project page's own
/// dates rule out (a year typed `2025` for `2024`, a plan not cut back when the finish
/// was brought forward, or a `finish` not moved when the plan was re-baselined). Told at
/// the first such month's period cell, with how many follow; EV and AC after the finish
/// are a late project, not doubtful, and left alone.
pub(super) fn planned_after_finish(
    table: &Table,
    totals: &[Total],
    finish: Date,
) -> Option<Diagnostic> {
    let col = table.column("period")?;
    let last = month_of(finish);
    let late: Vec<&Total> = totals
        .iter()
        .filter(|t| t.row.pv != 0.0 && month_number(&t.row.period).is_some_and(|m| m > last))
        .collect();
    let first = late.first()?;
    let message = t!(
        "{period} plans {amount} (pv), but the project finishes on {finish} (`finish` in index.md); {count} month(s) are planned after it",
        period = &first.row.period,
        amount = crate::derive::format_amount(first.row.pv),
        finish = finish.iso(),
        count = late.len()
    );
    Some(
        table
            .at_cell(
                Diagnostic::warning(Problem::Content(message)),
                first.row.row,
                col,
            )
            .with_help(t!(
                "check the period's year; if the plan was re-baselined, move `finish` in index.md to its new end; if the finish was brought forward, plan the remaining work before it"
            )),
    )
}

/// An active project whose `finish` is before the day the site is built as of: the
/// dashboard and projects list show it among the running projects with an end already
/// past, and its open risks and late milestones are counted as current. Either it ended
/// and its status was not changed, or it runs late and its `finish` was not moved.
/// Listed on its page beside its figures (a date doubts no amount).
pub(super) fn active_past_finish(p: &Project) -> Option<Diagnostic> {
    let finish = p.info.finish?;
    if p.info.status != ProjectStatus::Active || finish >= p.as_of {
        return None;
    }
    Some(p.front.warn(
        "finish",
        t!(
            "the project is active, but its finish, {finish}, is before the day the site is built as of ({as_of})",
            finish = finish.iso(),
            as_of = p.as_of.iso()
        ),
        t!("if the project has ended, write `status: closed`; if it runs late, move `finish` to the day it is now expected to end"),
    ))
}

/// A `start` or `finish` before 1950: a year typed wrong (`1924` for 2024), or a date
/// pasted from a spreadsheet's empty cell (1900-01-01, its day 0). Pages accept any
/// day from 1900, and such a start was shown as the project's, its span a century
/// long, and turned the check for amounts before the start off, without a word.
pub(super) fn dated_long_ago(p: &Project) -> Vec<Diagnostic> {
    [("start", p.info.start), ("finish", p.info.finish)]
        .into_iter()
        .filter_map(|(field, day)| {
            let day = day.filter(|d| d.year() < crate::date::DOUBTFUL_BEFORE_YEAR)?;
            Some(p.front.warn(
                field,
                t!(
                    "`{field}` is {date}, before {year}: most likely a year typed wrong or a spreadsheet's empty date (1900-01-01), yet the project's page and lists show it as the project's",
                    field = field,
                    date = day.iso(),
                    year = crate::date::DOUBTFUL_BEFORE_YEAR
                ),
                t!("check the year of `{field}` in index.md", field = field),
            ))
        })
        .collect()
}
