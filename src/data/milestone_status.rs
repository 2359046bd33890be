//! A milestones table's own `status` column, read only to check it against `actual`.

use crate::data::Table;
use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

/// The headers a milestones table's status column goes by. pmo reads a milestone as
/// reached by its `actual` date alone; the column is the author's own.
const STATUS_HEADERS: [&str; 3] = ["status", "状态", "state"];

/// Statuses saying a milestone is reached, lower-cased.
const REACHED: [&str; 12] = [
    "已完成",
    "完成",
    "已达成",
    "达成",
    "已关闭",
    "done",
    "complete",
    "completed",
    "finished",
    "achieved",
    "reached",
    "closed",
];

/// Statuses saying a milestone is not reached yet, lower-cased.
const NOT_REACHED: [&str; 10] = [
    "进行中",
    "未开始",
    "未完成",
    "计划中",
    "待开始",
    "in progress",
    "not started",
    "open",
    "planned",
    "pending",
];

/// The table's status column, if it has one.
pub fn column(t: &Table) -> Option<usize> {
    STATUS_HEADERS.iter().find_map(|h| t.column(h))
}

/// The error when row `row`'s status contradicts whether it has an actual date: a table
/// filled in by its status (`已完成` with `actual` left empty) had every reached
/// milestone counted late, its slip growing by the day, while the table a reader
/// opens says done; `进行中` beside an actual date was counted reached.
pub fn contradiction(t: &Table, row: usize, col: usize, reached: bool) -> Option<Diagnostic> {
    let written = t.text(row, col);
    let (status, column) = (written.trim(), t.written(col));
    let folded = status.to_lowercase();
    let (message, help) = if !reached && REACHED.contains(&folded.as_str()) {
        (
            t!(
                "the milestone's `{column}` says `{status}`, but it has no `actual` date: it is counted as not reached (late once its dates have passed)",
                column = column,
                status = status
            ),
            t!("write the day it was reached in `actual` (pmo reads a milestone as reached by its actual date, not by its status), or correct the status"),
        )
    } else if reached && NOT_REACHED.contains(&folded.as_str()) {
        (
            t!(
                "the milestone's `{column}` says `{status}`, but it has an `actual` date: it is counted as reached",
                column = column,
                status = status
            ),
            t!("clear `actual` if the milestone is not reached yet (a day still to come belongs in `forecast`), or correct the status"),
        )
    } else {
        return None;
    };
    Some(
        t.at_cell(Diagnostic::error(Problem::Data(message)), row, col)
            .with_help(help),
    )
}
