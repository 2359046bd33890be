//! A project's budget as measured on a day: what the key figures are computed over. The
//! months after the as-of day, and the zeros of months not yet reported, are left out
//! here, once, for every place that shows a figure.

use super::{month_number, month_of};
use crate::data::{Milestone, ProjectData};
use crate::date::Date;

/// A project's budget rows as measured by the as-of day: the earned value and actual
/// cost a month after it reports are left out (and warned, see `sanity::budget`), its
/// plans kept. A 2027-01 row typed on 2026-12-05 had made the page say "as of 2027-01"
/// and the CPI, SPI and EAC run to a month not yet begun, shown as measured. The zeros
/// of months not yet reported ([`unreported_zeros`]) are left out the same way. Borrowed
/// when no month is ahead or unreported, as on most sites.
pub fn measured(data: &ProjectData) -> std::borrow::Cow<'_, [crate::data::BudgetRow]> {
    let ahead = |period: &str| data.as_of.is_some_and(|day| after_month_of(period, day));
    let reported = |b: &crate::data::BudgetRow| b.ev.is_some() || b.ac.is_some();
    let zeros = unreported_zeros(&data.budget);
    if zeros.is_empty() && !data.budget.iter().any(|b| reported(b) && ahead(&b.period)) {
        return std::borrow::Cow::Borrowed(&data.budget);
    }
    let rows = data
        .budget
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mut b = b.clone();
            if ahead(&b.period) || zeros.contains(&i) {
                (b.ev, b.ac) = (None, None);
            }
            b
        })
        .collect();
    std::borrow::Cow::Owned(rows)
}

/// Whether `period` (`YYYY-MM`) is a month after `day`'s: one not yet begun on that day.
pub fn after_month_of(period: &str, day: Date) -> bool {
    month_number(period).is_some_and(|month| month > month_of(day))
}

/// A project's data as it stood on `day`, for a page pinned to it (`as_of:` in its front
/// matter): the site as if built as of that day ([`measured`] then leaves nothing out),
/// and what the tables say happened after it left out — the months after its month
/// (their EV, AC and plan) and milestones reached after it, not yet reached then. Last
/// month's report showed December's EV under its own title "截至 2026-11" once December
/// was added to the workbook.
pub fn on_day(data: &ProjectData, day: Date) -> ProjectData {
    ProjectData {
        budget: data
            .budget
            .iter()
            .filter(|b| !after_month_of(&b.period, day))
            .cloned()
            .collect(),
        milestones: data
            .milestones
            .iter()
            .map(|m| Milestone {
                actual: m.actual.filter(|a| *a <= day),
                ..m.clone()
            })
            .collect(),
        risks: data.risks.clone(),
        as_of: Some(day),
    }
}

/// The budget rows (their indexes, in period order) of months not yet reported although
/// written: the last months, after one reporting an amount (or, with none, two or more),
/// whose EV and AC are 0 or empty while the plan goes on (PV above 0 in one of them). A finance sheet filled with
/// zeros to the year's end, or an ERP export, writes them so; counted as reported, they
/// moved the key figures to a month to come with nothing earned, and an SPI of 0.97 fell
/// to 0.90, amber, without a word. A project's true pause spends something (its staff);
/// one that spends nothing is rather on hold. Warned at the first (`sanity::budget`).
pub fn unreported_zeros(rows: &[crate::data::BudgetRow]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| rows[a].period.cmp(&rows[b].period));
    let nothing = |v: Option<f64>| v.is_none_or(|v| v == 0.0);
    let tail = order
        .iter()
        .rev()
        .take_while(|&&i| nothing(rows[i].ev) && nothing(rows[i].ac))
        .count();
    let (before, tail) = order.split_at(order.len() - tail);
    if !tail.iter().any(|&i| rows[i].pv > 0.0) {
        return Vec::new();
    }
    let written: Vec<usize> = tail
        .iter()
        .copied()
        .filter(|&i| rows[i].ev.is_some() || rows[i].ac.is_some())
        .collect();
    // With no month reporting an amount before them, one month of zeros is a project
    // just begun; more are a template's formulas with nothing typed in yet (they showed
    // months of nothing earned, SPI 0.00 and red): a project spending nothing for
    // months is not reporting.
    if before.is_empty() && written.len() < 2 {
        return Vec::new();
    }
    written
}
