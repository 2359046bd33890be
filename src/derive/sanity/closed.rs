//! A closed project whose tables still say it goes on.

use crate::content::schema::ProjectStatus;
use crate::data::{Milestone, Table};
use crate::diagnostics::Diagnostic;
use crate::t;

/// A closed project (`status: closed`) with milestones not reached or risks still open:
/// the one or the other is wrong, and the figures follow the tables, so its open risks
/// stayed in the portfolio's exposure and its milestones past their dates in the
/// dashboard's late count, under a project marked closed. Each table is told once, at
/// its first such row, with how many there are.
pub(super) fn left_open(
    status: ProjectStatus,
    milestones: Option<(&Table, &[Milestone])>,
    risks: Option<&Table>,
) -> Vec<Diagnostic> {
    if status != ProjectStatus::Closed {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some((table, milestones)) = milestones {
        let open: Vec<&Milestone> = milestones.iter().filter(|m| m.actual.is_none()).collect();
        let col = table.column("actual").or_else(|| table.column("name"));
        if let (Some(first), Some(col)) = (open.first(), col) {
            let message = t!(
                "the project is closed, but milestone `{name}` has no actual date ({count} of its milestones have none): it is counted as not reached, and late once its date has passed",
                name = first.name.trim(),
                count = open.len()
            );
            out.push(table.warning_at(first.row, col, message).with_help(t!(
                "write the day each milestone was reached in `actual` (delete a milestone dropped from the scope); if the project goes on, set `status: active` in its index.md"
            )));
        }
    }
    if let Some((table, col)) = risks.and_then(|t| Some((t, t.column("status")?))) {
        let open: Vec<usize> = (0..table.rows.len())
            .filter(|&row| !crate::data::closes_risk(&table.text(row, col)))
            .collect();
        if let Some(&first) = open.first() {
            let name = ["id", "title"]
                .iter()
                .filter_map(|c| table.column(c))
                .map(|c| table.text(first, c).trim().to_string())
                .find(|s| !s.is_empty())
                .unwrap_or_default();
            let message = t!(
                "the project is closed, but risk `{risk}` is not ({count} of its risks are open): it counts in the open risks and exposure",
                risk = name,
                count = open.len()
            );
            out.push(table.warning_at(first, col, message).with_help(t!(
                "set each risk that is over to `closed`; if the project goes on, set `status: active` in its index.md"
            )));
        }
    }
    out
}

/// A closed project's `finish`: none, and its page showed its end as still to be
/// decided (待定, TBD) for a project that is over; after the day the site is built as
/// of (a plan's day never updated on closing), and its page showed a closed project
/// ending in the future, the dashboard counting it among the closed.
pub(super) fn finish(p: &super::Project) -> Option<Diagnostic> {
    if p.info.status != ProjectStatus::Closed {
        return None;
    }
    match p.info.finish {
        None => Some(p.front.warn(
            "status",
            t!("the project is closed but has no `finish`: its page shows its end as still to be decided"),
            t!("add `finish: YYYY-MM-DD` with the day the project closed (or set the status it is in)"),
        )),
        Some(finish) if finish > p.as_of => Some(p.front.warn(
            "finish",
            t!(
                "the project is closed, but its `finish`, {finish}, is after the day the site is built as of ({as_of}): its page shows a closed project ending in the future",
                finish = finish.iso(),
                as_of = p.as_of.iso()
            ),
            t!("write the day the project closed in `finish`; if it is still running, set the status it is in (`status: active`)"),
        )),
        Some(_) => None,
    }
}
