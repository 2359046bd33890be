//! The hygiene findings as `pmo report hygiene` prints them: grouped by check, each line
//! naming the file, the owner and how old the finding is, in the reader's language.

use crate::messages::Text;
use crate::t;

use super::{Check, Finding};
use crate::date::Date;

/// The heading of a check's group.
pub fn heading(check: Check, count: usize) -> Text {
    match check {
        Check::OverdueActions => t!("Overdue actions ({count})", count = count),
        Check::StalePractices => t!("Practices past their review date ({count})", count = count),
        Check::LessonsWithoutCategory => t!("Lessons without a category ({count})", count = count),
        Check::LessonsWithoutActions => t!("Lessons without actions ({count})", count = count),
        Check::ClosedWithoutReview => {
            t!(
                "Closed projects without a closure review ({count})",
                count = count
            )
        }
        Check::StaleProjectData => {
            t!(
                "Active projects whose data stopped ({count})",
                count = count
            )
        }
        Check::Unlinked => t!("Pages no other page links to ({count})", count = count),
        Check::OldDrafts => t!("Old drafts ({count})", count = count),
    }
}

/// What is wrong with one finding, beyond its file and title.
pub fn detail(f: &Finding) -> Text {
    let since = f.since.as_ref().map(Date::iso).unwrap_or_default();
    let days = f.days.unwrap_or(0);
    match f.check {
        Check::OverdueActions => t!(
            "“{what}” was due {since} ({days} days overdue)",
            what = f.note.as_deref().unwrap_or(""),
            since = since.as_str(),
            days = days
        ),
        Check::StalePractices => t!(
            "stale since {since} ({days} days)",
            since = since.as_str(),
            days = days
        ),
        Check::LessonsWithoutCategory | Check::LessonsWithoutActions => {
            t!("dated {since}", since = since.as_str())
        }
        Check::ClosedWithoutReview if f.since.is_some() => {
            t!("finished {since}", since = since.as_str())
        }
        Check::ClosedWithoutReview => t!("no finish date"),
        Check::StaleProjectData => t!(
            "last reported period {period}",
            period = f.note.as_deref().unwrap_or("")
        ),
        Check::Unlinked => t!("linked from nowhere"),
        Check::OldDrafts => t!(
            "dated {since}, {days} days old",
            since = since.as_str(),
            days = days
        ),
    }
}

/// The owner as printed: the name, or a word for none.
pub fn owner(f: &Finding) -> Text {
    match &f.owner {
        Some(o) => t!("owner {owner}", owner = o.as_str()),
        None => t!("no owner"),
    }
}
