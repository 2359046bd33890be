//! Milestone dates and names that cannot all be right.

use std::collections::HashMap;

use crate::content::schema::Date;
use crate::data::{Milestone, Table};
use crate::diagnostics::{Diagnostic, Problem};
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
        .filter(|m| m.baseline > finish)
        .map(|m| {
            let message = t!(
                "milestone `{name}` is planned for {date}, after the project's finish ({finish})",
                name = &m.name,
                date = m.baseline.iso(),
                finish = finish.iso()
            );
            table
                .at_cell(Diagnostic::warning(Problem::Content(message)), m.row, col)
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
                out.push(
                    table
                        .at_cell(Diagnostic::warning(Problem::Content(message)), m.row, col)
                        .with_help(t!(
                            "give each milestone its own name, or delete the row left from an earlier plan"
                        )),
                );
            }
            None => {
                first.insert(key, m.row);
            }
        }
    }
    out
}

/// Milestones reached before the project started: a typo in the actual date or in the
/// project's `start`, either of which bends the slip chart.
pub(super) fn reached_before_start(
    table: &Table,
    milestones: &[Milestone],
    start: Date,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for m in milestones {
        if let (Some(actual), Some(col)) = (m.actual, table.column("actual")) {
            if actual < start {
                let message = t!(
                    "milestone `{name}` was reached on {actual}, before the project started ({start})",
                    name = &m.name,
                    actual = actual.iso(),
                    start = start.iso()
                );
                out.push(
                    table
                        .at_cell(Diagnostic::warning(Problem::Content(message)), m.row, col)
                        .with_help(t!(
                            "correct the actual date, or the project's `start` in its index.md"
                        )),
                );
            }
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
        .filter(|m| m.actual.is_some_and(|a| a > as_of));
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
            .at_cell(Diagnostic::warning(Problem::Content(message)), first.row, col)
            .with_help(t!("an actual date is the day the milestone was reached: put a day still to come in `forecast`, check the year, or build as of a later day (`--as-of`, `as_of` in site.toml)")),
    )
}
