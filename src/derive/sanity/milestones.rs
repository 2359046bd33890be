//! Milestone dates and names that cannot all be right.

use std::collections::HashMap;

use crate::content::schema::Date;
use crate::data::{Milestone, Table};
use crate::diagnostics::Diagnostic;
use crate::t;

/// Milestones planned (baseline) after the project's `finish`: a plan that cannot hold,
/// or a finish left unchanged when the plan was re-baselined. A forecast or actual date
/// after it is a late project, which the slip chart shows, not a data error.
pub(super) fn after_finish(
    table: &Table,
    milestones: &[Milestone],
    finish: Option<crate::date::Date>,
) -> Vec<Diagnostic> {
    let (Some(finish), Some(col)) = (finish, table.column("baseline")) else {
        return Vec::new();
    };
    milestones
        .iter()
        .filter(|m| m.baseline > finish && !far_ahead(m.baseline))
        .map(|m| {
            let message = t!(
                "milestone `{name}` is planned for {date}, after the project's finish ({finish})",
                name = &m.name,
                date = m.baseline.iso(),
                finish = finish.iso()
            );
            table
                .warning_at(m.row, col, message)
                .with_help(t!(
                    "correct the baseline date, or the project's `finish` in its index.md if the plan was re-baselined"
                ))
        })
        .collect()
}

/// A milestone name an earlier row already has: the slip chart and the table show two
/// rows no reader can tell apart, and one of them is usually a row left from an old plan.
pub(super) fn names_used_twice(table: &Table, milestones: &[Milestone]) -> Vec<Diagnostic> {
    let Some(col) = table.column("name") else {
        return Vec::new();
    };
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for m in milestones {
        let key = m.name.trim().to_lowercase();
        match first.get(&key) {
            Some(&row) => {
                let message = t!(
                    "milestone `{name}` is already named on {place}",
                    name = m.name.trim(),
                    place = table.place_name(row, col)
                );
                out.push(table.warning_at(m.row, col, message).with_help(t!(
                    "give each milestone its own name, or delete the row left from an earlier plan"
                )));
            }
            None => {
                first.insert(key, m.row);
            }
        }
    }
    out
}

/// The dates of a milestone, each with its column's name.
fn dates(m: &Milestone) -> [(&'static str, Option<Date>); 3] {
    [
        ("baseline", Some(m.baseline)),
        ("forecast", m.forecast),
        ("actual", m.actual),
    ]
}

/// Whether `date` is one [`dated_long_ago`] doubts, so no other check names it again.
fn long_ago(date: Date) -> bool {
    date.year() < crate::date::DOUBTFUL_BEFORE_YEAR || far_ahead(date)
}

/// Whether `date` is after the years a project runs in (`2204` for 2024).
fn far_ahead(date: Date) -> bool {
    date.year() > crate::date::LATEST_YEAR
}

/// Milestone dates before 1950: 1900-01-01 is Excel's day 0, what an empty date cell
/// or a formula over one shows. Read as written, a baseline of it made one more late
/// milestone, slipped some 46,000 days, with no word. So did a year after 2099 typed for
/// 2024 (a forecast of 2204 slipped 65,821 days).
pub(super) fn dated_long_ago(table: &Table, milestones: &[Milestone]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for m in milestones {
        for (field, date) in dates(m) {
            let (Some(date), Some(col)) = (date.filter(|d| long_ago(*d)), table.column(field))
            else {
                continue;
            };
            let message = if far_ahead(date) {
                t!(
                    "the {field} of milestone `{name}` is {date}, after {year}: most likely a year typed wrong, yet the slip chart and the late milestones count it as a real day",
                    field = field,
                    name = &m.name,
                    date = date.iso(),
                    year = crate::date::LATEST_YEAR
                )
            } else {
                t!(
                    "the {field} of milestone `{name}` is {date}, before {year}: most likely a spreadsheet's day 0 (1900-01-01) or an empty date cell, yet the slip chart and the late milestones count it as a real day",
                    field = field,
                    name = &m.name,
                    date = date.iso(),
                    year = crate::date::DOUBTFUL_BEFORE_YEAR
                )
            };
            out.push(
                table
                    .warning_at(m.row, col, message)
                    .with_help(t!("write the milestone's {field} date as YYYY-MM-DD, or leave the cell empty if it has none (a forecast or actual date may be empty; a baseline is the day the milestone was planned for)", field = field)),
            );
        }
    }
    out
}

/// Milestone dates before the project started: a typo in the date or in the project's
/// `start`, either of which bends the slip chart.
pub(super) fn dated_before_start(
    table: &Table,
    milestones: &[Milestone],
    start: Date,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for m in milestones {
        for (field, date) in dates(m) {
            let Some(date) = date.filter(|d| *d < start && !long_ago(*d)) else {
                continue;
            };
            let Some(col) = table.column(field) else {
                continue;
            };
            let message = if field == "actual" {
                t!(
                    "milestone `{name}` was reached on {actual}, before the project started ({start})",
                    name = &m.name,
                    actual = date.iso(),
                    start = start.iso()
                )
            } else {
                t!(
                    "milestone `{name}` is planned ({field}) for {date}, before the project started ({start})",
                    name = &m.name,
                    field = field,
                    date = date.iso(),
                    start = start.iso()
                )
            };
            out.push(table.warning_at(m.row, col, message).with_help(t!(
                "correct the {field} date, or the project's `start` in its index.md",
                field = field
            )));
        }
    }
    out
}

/// Milestones "reached" after the day the site is built as of: a planned day typed in
/// `actual` (counted done, and its slip taken as final), or a year typed wrong. The
/// first is named, with how many more.
pub(super) fn reached_after_as_of(
    table: &Table,
    milestones: &[Milestone],
    as_of: Date,
) -> Option<Diagnostic> {
    let col = table.column("actual")?;
    let mut ahead = milestones
        .iter()
        .filter(|m| m.actual.is_some_and(|a| a > as_of && !far_ahead(a)));
    let first = ahead.next()?;
    let message = t!(
        "milestone `{name}` is marked reached on {actual}, after the day the site is built as of ({as_of}); it is counted as done ({count} such milestone(s))",
        name = &first.name,
        actual = first.actual.map(|a| a.iso()).unwrap_or_default(),
        as_of = as_of.iso(),
        count = 1 + ahead.count()
    );
    Some(
        table
            .warning_at(first.row, col, message)
            .with_help(t!("an actual date is the day the milestone was reached: put a day still to come in `forecast`, check the year, or build as of a later day (`--as-of`, `as_of` in site.toml)")),
    )
}

/// A slip from the baseline beyond which a date is doubted: five years. Projects of a
/// portal do slip by a year or two; a forecast of 2042 for a milestone planned in 2024
/// is a year typed wrong, and counted it added 6,500 days to the slip chart with no word.
const DOUBTED_SLIP_DAYS: i64 = 5 * 365 + 1;

/// Forecast and actual dates more than five years from their milestone's baseline, late
/// or early: one of the two years is most likely typed wrong. A date before the
/// project's `start` is told by [`dated_before_start`] instead.
pub(super) fn far_from_baseline(
    table: &Table,
    milestones: &[Milestone],
    start: Option<Date>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for m in milestones.iter().filter(|m| !long_ago(m.baseline)) {
        for (field, date) in dates(m).into_iter().skip(1) {
            let Some(date) = date.filter(|d| !long_ago(*d) && start.is_none_or(|s| *d >= s)) else {
                continue;
            };
            let Some(days) = m
                .baseline
                .0
                .until(date.0)
                .ok()
                .map(|s| i64::from(s.get_days()))
            else {
                continue;
            };
            let Some(col) = table
                .column(field)
                .filter(|_| days.abs() > DOUBTED_SLIP_DAYS)
            else {
                continue;
            };
            let years = days.abs() / 365;
            let message = if days > 0 {
                t!(
                    "the {field} of milestone `{name}` is {date}, {years} years after its baseline ({baseline}): most likely a year typed wrong, yet the slip chart and the late milestones count a slip of {days} days",
                    field = field,
                    name = &m.name,
                    date = date.iso(),
                    years = years,
                    baseline = m.baseline.iso(),
                    days = crate::numbers::format_amount(days as f64)
                )
            } else {
                t!(
                    "the {field} of milestone `{name}` is {date}, {years} years before its baseline ({baseline}): one of the two years is most likely typed wrong",
                    field = field,
                    name = &m.name,
                    date = date.iso(),
                    years = years,
                    baseline = m.baseline.iso()
                )
            };
            let near = m.baseline.year().saturating_sub(1)..=m.baseline.year().saturating_add(5);
            let help = match crate::date::likely_year(date.year(), near) {
                Some(year) => t!(
                    "check the year: if {year} was meant, write {date}; a milestone really this far off its plan wants a new baseline",
                    year = year,
                    date = format!("{year:04}{}", &date.iso()[4..])
                ),
                None => t!("check the years of both dates; a milestone really this far off its plan wants a new baseline"),
            };
            out.push(table.warning_at(m.row, col, message).with_help(help));
        }
    }
    out
}
