//! A budget table checked against itself and the project's BAC: plans that do not add
//! up, running totals summed as amounts, gaps between periods.

use super::{Project, EV_PV_FACTOR};
use crate::content::schema::ProjectStatus;
use crate::data::{BudgetRow, Table};
use crate::date::Date;
use crate::derive::{format_amount, month_number, month_of};
use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

/// Running totals at the end of each period, in period order.
pub(super) struct Total<'a> {
    pub(super) row: &'a BudgetRow,
    pv: f64,
    ev: f64,
    ac: f64,
}

pub(super) fn running_totals(rows: &[BudgetRow]) -> Vec<Total<'_>> {
    let mut sorted: Vec<&BudgetRow> = rows.iter().collect();
    sorted.sort_by(|a, b| a.period.cmp(&b.period));
    let (mut pv, mut ev, mut ac) = (0.0, 0.0, 0.0);
    sorted
        .into_iter()
        .map(|row| {
            pv += row.pv;
            ev += row.ev.unwrap_or(0.0);
            ac += row.ac.unwrap_or(0.0);
            Total { row, pv, ev, ac }
        })
        .collect()
}

/// The running total of one of PV, EV and AC.
type TotalOf = fn(&Total) -> f64;
/// One period's own amount of one of PV, EV and AC (none when not reported).
type AmountOf = fn(&BudgetRow) -> Option<f64>;

/// The periods reporting an amount above zero in one of PV, EV and AC, with it.
fn reported<'a>(totals: &[Total<'a>], amount: AmountOf) -> Vec<(&'a BudgetRow, f64)> {
    totals
        .iter()
        .filter_map(|t| amount(t.row).filter(|a| *a > 0.0).map(|a| (t.row, a)))
        .collect()
}

/// The amount columns of a budget table, each with its period's own amount.
const AMOUNTS: [(&str, AmountOf); 3] = [("pv", |r| Some(r.pv)), ("ev", |r| r.ev), ("ac", |r| r.ac)];

/// A negative amount in a period makes the running total fall: a correction (a
/// reversed invoice) at best, more often a sign typed wrong or a running total typed as
/// a monthly amount. The S-curve would dip and CPI jump without a word, so the first
/// period where each of PV, EV and AC falls is named, with the totals before and after.
pub(super) fn falling_totals(table: &Table, totals: &[Total]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let columns: [(&str, TotalOf, AmountOf); 3] = [
        ("pv", |t| t.pv, |r| Some(r.pv)),
        ("ev", |t| t.ev, |r| r.ev),
        ("ac", |t| t.ac, |r| r.ac),
    ];
    for (name, total, amount) in columns {
        let Some(col) = table.column(name) else {
            continue;
        };
        let Some(t) = totals
            .iter()
            .find(|t| amount(t.row).is_some_and(|a| a < 0.0))
        else {
            continue;
        };
        let after = total(t);
        let before = after - amount(t.row).unwrap_or(0.0);
        let message = t!(
            "the cumulative {column} falls in {period}, from {before} to {after}",
            column = name.to_uppercase(),
            period = &t.row.period,
            before = format_amount(before),
            after = format_amount(after)
        );
        out.push(
            table
                .warning_at(t.row.row, col, message)
                .with_help(t!("a negative amount is a correction: check its sign, and that the table holds each period's own amounts (running totals need `basis: cumulative`)")),
        );
    }
    out
}

/// An EV or AC cell left empty between months that report per-period amounts: the
/// running total counts it as 0, so every index after it is off by the month's amount
/// (the month itself shows none). The first such cell of each column is named.
pub(super) fn blanks_between(table: &Table, totals: &[Total]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // EV and AC: a plan has every month, so an empty PV cell is an error already.
    for &(name, amount) in &AMOUNTS[1..] {
        let Some(col) = table.column(name) else {
            continue;
        };
        let reported = |t: &&Total| amount(t.row).is_some();
        let (Some(first), Some(last)) = (
            totals.iter().position(|t| reported(&t)),
            totals.iter().rposition(|t| reported(&t)),
        ) else {
            continue;
        };
        let Some(blank) = totals[first..last].iter().find(|t| !reported(t)) else {
            continue;
        };
        let message = t!(
            "{column} of {period} is empty between months that report it: the running total counts it as 0",
            column = name.to_uppercase(),
            period = &blank.row.period
        );
        out.push(
            table
                .at_cell(
                    Diagnostic::warning(Problem::Content(message)),
                    blank.row.row,
                    col,
                )
                .with_help(t!(
                    "write the month's amount, 0 if nothing was earned or spent"
                )),
        );
    }
    out
}

/// EV and AC reported up to different months: the key figures pair one month's EV with
/// the same month's AC, so they are as of the last month reporting both, which a reader
/// of the later month's cost would not expect. Named at the first cell left empty.
pub(super) fn reported_unevenly(table: &Table, totals: &[Total]) -> Option<Diagnostic> {
    let last_ev = totals.iter().rposition(|t| t.row.ev.is_some())?;
    let last_ac = totals.iter().rposition(|t| t.row.ac.is_some())?;
    let (behind, last_behind, ahead, last_ahead) = match last_ev.cmp(&last_ac) {
        std::cmp::Ordering::Equal => return None,
        std::cmp::Ordering::Less => ("ev", last_ev, "ac", last_ac),
        std::cmp::Ordering::Greater => ("ac", last_ac, "ev", last_ev),
    };
    let col = table.column(behind)?;
    let empty = totals.get(last_behind + 1)?;
    let message = t!(
        "{ahead} is reported up to {ahead_until}, {behind} only up to {behind_until}: the key figures are as of {behind_until}, the last month reporting both",
        ahead = ahead.to_uppercase(),
        ahead_until = &totals[last_ahead].row.period,
        behind = behind.to_uppercase(),
        behind_until = &totals[last_behind].row.period
    );
    Some(
        table
            .warning_at(empty.row.row, col, message)
            .with_help(t!("fill in the later months' {behind}, or leave out the other column's amounts until it is known", behind = behind)),
    )
}

/// How many times smaller or larger than its column's median a period's amount must be
/// to be doubted. An amount typed in thousands among amounts in units (`1,200` for
/// 1,200,000) is some 1,000 times off, one typed in 万 10,000 times; a quiet month's
/// work is rarely 250 times below a project's usual month.
const SCALE_SLIP: f64 = 250.0;
/// Amounts a column needs before its median tells what is usual.
const SCALE_MIN_ROWS: usize = 5;
/// How much smaller than the usual amount a first or last period's may be: a ramp-up
/// or a closing invoice is small, but not ten thousand times (an amount in 万, or a
/// share such as 0.78 typed where the money goes).
const SCALE_SLIP_AT_EDGE: f64 = 5_000.0;
/// How far apart EV or AC may be from PV over the periods reporting them, as a whole
/// column: a project earning or spending a thirtieth of its plan (or thirty times it)
/// month after month is a column typed in another unit — thousands, 万, or shares.
const COLUMN_SLIP: f64 = 30.0;
/// Periods a column must report before its sum tells its unit: one early month may
/// well spend little against its plan.
const COLUMN_MIN_ROWS: usize = 3;

/// EV or AC written in another unit than PV throughout (EV in thousands, AC in 万, EV
/// as shares of the budget, 0.78): no cell stands out of its own column, yet CPI, SPI
/// and EAC come out thousands of times off. Named at the column's first amount, with
/// both sums.
pub(super) fn column_in_other_unit(table: &Table, totals: &[Total]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for &(name, amount) in &AMOUNTS[1..] {
        let Some(col) = table.column(name) else {
            continue;
        };
        let reported: Vec<(&BudgetRow, f64)> = reported(totals, amount)
            .into_iter()
            .filter(|(row, _)| row.pv > 0.0)
            .collect();
        if reported.len() < COLUMN_MIN_ROWS {
            continue;
        }
        let sum: f64 = reported.iter().map(|(_, a)| a).sum();
        let planned: f64 = reported.iter().map(|(r, _)| r.pv).sum();
        let ratio = sum / planned;
        // EV far above the plan has its own warning (ev_far_ahead_of_pv).
        let high = ratio > COLUMN_SLIP && name == "ac";
        if !(high || ratio * COLUMN_SLIP < 1.0) {
            continue;
        }
        let message = t!(
            "{column} adds up to {sum} over the {count} periods that report it, while PV adds up to {planned} over the same periods ({share}): the column seems written in another unit",
            column = name.to_uppercase(),
            sum = crate::derive::readable_number(sum),
            count = reported.len(),
            planned = format_amount(planned),
            share = if ratio < 1.0 {
                t!("about 1/{times} of it", times = format!("{:.0}", 1.0 / ratio))
            } else {
                t!("{times} times it", times = format!("{:.0}", ratio))
            }
        );
        out.push(
            table
                .warning_at(reported[0].0.row, col, message)
                .with_help(t!("write PV, EV and AC in the same unit, the project's currency: not thousands or 万 in one column, and not shares such as 0.78 or 78% (EV is the budgeted cost of the work done, an amount)")),
        );
    }
    out
}

/// An amount out of scale with the rest of its column is most often a slip of units:
/// it is read as written, and the S-curve, CPI and SPI of the period follow it without
/// a word. A small amount in the first or last period a column reports is a ramp-up or a
/// closing invoice, so only those between are doubted for being small. The first such
/// cell of each of PV, EV and AC is named.
pub(super) fn out_of_scale(table: &Table, totals: &[Total]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let dotted = super::amounts::dotted_cells(table);
    for &(name, amount) in &AMOUNTS {
        let Some(col) = table.column(name) else {
            continue;
        };
        // A dotted amount (`125.000`) has its own warning, naming the point.
        let reported: Vec<(&BudgetRow, f64)> = reported(totals, amount)
            .into_iter()
            .filter(|(row, _)| !dotted.contains(&(row.row, col)))
            .collect();
        if reported.len() < SCALE_MIN_ROWS {
            continue;
        }
        let mut sorted: Vec<f64> = reported.iter().map(|(_, a)| *a).collect();
        sorted.sort_by(f64::total_cmp);
        let median = sorted[sorted.len() / 2];
        let last = reported.len() - 1;
        let slip = reported.iter().enumerate().find(|&(i, &(_, a))| {
            let edge = i == 0 || i == last;
            a > median * SCALE_SLIP
                || (a * SCALE_SLIP < median && !edge)
                || a * SCALE_SLIP_AT_EDGE < median
        });
        let Some((_, &(row, a))) = slip else {
            continue;
        };
        let message = if a > median {
            t!(
                "{column} of {period} is {amount}, {times} times its column's usual amount ({median})",
                column = name.to_uppercase(),
                period = &row.period,
                amount = crate::derive::readable_number(a),
                times = format!("{:.0}", a / median),
                median = format_amount(median)
            )
        } else {
            t!(
                "{column} of {period} is {amount}, about 1/{times} of its column's usual amount ({median})",
                column = name.to_uppercase(),
                period = &row.period,
                amount = crate::derive::readable_number(a),
                times = format!("{:.0}", median / a),
                median = format_amount(median)
            )
        };
        let text = table.text(row.row, col);
        let help = match crate::numbers::dotted_thousands(&text) {
            Some(grouped) => crate::numbers::point_help(grouped, a),
            None => t!("write every amount of the table in the same unit, the project's currency (not thousands or ten-thousands); if the amount is right, this warning can be ignored"),
        };
        out.push(table.warning_at(row.row, col, message).with_help(help));
    }
    out
}

fn percent(part: f64, whole: f64) -> String {
    format!("{:.1} %", part / whole * 100.0)
}

/// The plan should spend the budget: planned values that add up to more or less than
/// the BAC make SPI and percent complete disagree with each other.
/// `bac: 0` beside a budget that plans money is a placeholder left in: EAC and VAC would
/// show as 0 and percent complete as n/a, each looking like a figure.
pub(super) fn zero_bac(p: &Project, totals: &[Total]) -> Option<Diagnostic> {
    let planned = totals.last()?.pv;
    (planned > 0.0).then(|| {
        p.front.warn(
            "bac",
            t!(
                "`bac` is 0, but the budget plans {planned}: EAC, VAC and percent complete cannot be worked out",
                planned = format_amount(planned),
            ),
            t!("write the project's budget at completion, e.g. `bac: {planned}` if the plan is the whole budget", planned = format!("{planned:.0}")),
        )
    })
}

pub(super) fn plan_against_bac(
    p: &Project,
    totals: &[Total],
    bac: f64,
    tolerance: f64,
) -> Option<Diagnostic> {
    let planned = totals.last()?.pv;
    let gap = (planned - bac).abs();
    (gap > bac * tolerance).then(|| {
        p.front.warn(
            "bac",
            t!(
                "the planned values in the budget add up to {planned}, but `bac` is {bac} (a gap of {gap}, more than the {allowed} allowed)",
                planned = format_amount(planned),
                bac = format_amount(bac),
                gap = percent(gap, bac),
                allowed = percent(tolerance, 1.0),
            ),
            unit_slip_help(planned, bac).unwrap_or_else(|| t!("plan every period up to the finish so the pv column adds up to the BAC, or correct `bac`; if the amounts are running totals, write `basis: cumulative` in index.md (the allowed gap is `tolerance` under [budget] in site.toml)")),
        )
    })
}

/// The help for a plan some 10,000 or 1,000 times `bac` (or as many times below it):
/// one of the two written in 万 or in thousands, as finance's reports give budgets
/// (`bac: 320` for 3,200,000 yuan). Said as such, with the amount to write, rather than
/// as a gap of 999,900 %. `None` for any other gap.
fn unit_slip_help(planned: f64, bac: f64) -> Option<crate::messages::Text> {
    let near = |ratio: f64, factor: f64| (ratio / factor - 1.0).abs() <= 0.05;
    let (factor, unit) = [
        (10_000.0, t!("万 (ten thousands)")),
        (1_000.0, t!("thousands (k)")),
    ]
    .into_iter()
    .find(|(factor, _)| near(planned / bac, *factor) || near(bac / planned, *factor))?;
    let times = format_amount(factor);
    Some(if planned > bac {
        t!(
            "the plan is {times} times `bac`: `bac` looks written in {unit} while the budget table holds the currency's own units; write it in full, `bac: {planned}` (pmo reads every amount in the currency's own units)",
            times = times,
            unit = unit,
            planned = format!("{planned:.0}")
        )
    } else {
        t!(
            "`bac` is {times} times the plan: the budget table looks written in {unit} while `bac` holds the currency's own units; write the table's amounts in full (pmo reads every amount in the currency's own units)",
            times = times,
            unit = unit
        )
    })
}

/// Earned value cannot pass the budget: more than 100 % complete is a data error. Actual
/// cost may pass it, but on a project still running that is spending without an
/// approved budget, worth a word before the steering committee sees it; a closed
/// project's overrun is history, shown by its CPI and VAC.
pub(super) fn beyond_bac(
    p: &Project,
    table: &Table,
    totals: &[Total],
    bac: f64,
    tolerance: f64,
) -> Vec<Diagnostic> {
    let limit = bac * (1.0 + tolerance);
    let mut out = Vec::new();
    let earned: fn(&Total) -> f64 = |t| t.ev;
    let spent: fn(&Total) -> f64 = |t| t.ac;
    let checks = [
        ("ev", earned, true),
        (
            "ac",
            spent,
            p.overruns && p.info.status != ProjectStatus::Closed,
        ),
    ];
    for (name, value, applies) in checks {
        let Some(col) = table.column(name).filter(|_| applies) else {
            continue;
        };
        if let Some(t) = totals.iter().find(|t| value(t) > limit) {
            let what = if name == "ev" {
                t!("earned value")
            } else {
                t!("actual cost")
            };
            let message = t!(
                "the {what} reaches {value} by {period}, beyond the BAC of {bac} ({share} of it)",
                what = what,
                value = format_amount(value(t)),
                period = &t.row.period,
                bac = format_amount(bac),
                share = percent(value(t), bac),
            );
            let help = if name == "ev" {
                t!("no project earns more than its budget: check the value, raise `bac` if the budget was re-baselined, or write `basis: cumulative` in index.md if the amounts are running totals")
            } else {
                t!("if the budget was raised, write the new `bac` in index.md; if the amounts are running totals, write `basis: cumulative`; otherwise check the value")
            };
            out.push(
                table
                    .at_cell(
                        Diagnostic::warning(Problem::Content(message)),
                        t.row.row,
                        col,
                    )
                    .with_help(help),
            );
        }
    }
    out
}

/// A closed project has earned its budget, or its BAC was never lowered after scope
/// was cut: either way its completion and TCPI would be shown wrong.
pub(super) fn closed_with_budget_to_earn(
    p: &Project,
    totals: &[Total],
    bac: f64,
    tolerance: f64,
) -> Option<Diagnostic> {
    if p.info.status != ProjectStatus::Closed {
        return None;
    }
    let earned = totals.last()?.ev;
    (earned < bac * (1.0 - tolerance)).then(|| {
        p.front.warn(
            "status",
            t!(
                "the project is closed, but has earned {earned} of its BAC of {bac} ({share}); {rest} is still to be earned",
                earned = format_amount(earned),
                bac = format_amount(bac),
                share = percent(earned, bac),
                rest = format_amount(bac - earned),
            ),
            t!("record the final earned value in the budget table, or lower `bac` to the budget approved when scope was cut"),
        )
    })
}

/// Earned value far ahead of the plan is more often a slip of the keyboard than a
/// project that much ahead of schedule. Only the first such period is named.
pub(super) fn ev_far_ahead_of_pv(table: &Table, totals: &[Total]) -> Option<Diagnostic> {
    let col = table.column("ev")?;
    let t = totals
        .iter()
        .find(|t| t.pv > 0.0 && t.ev > EV_PV_FACTOR * t.pv)?;
    let message = t!(
        "by {period} the earned value ({ev}) is {times} times the planned value ({pv}), more than {factor} times",
        period = &t.row.period,
        ev = format_amount(t.ev),
        times = format!("{:.1}", t.ev / t.pv),
        pv = format_amount(t.pv),
        factor = EV_PV_FACTOR,
    );
    Some(
        table
            .warning_at(t.row.row, col, message)
            .with_help(t!("check the ev and pv values of this and earlier periods (a value in the wrong column or unit?)")),
    )
}

/// A month missing between two periods: its amounts are not zero, they are unknown,
/// and the running totals after it are short by them. (A period listed twice is
/// already an error where the budget is read.)
pub(super) fn period_gaps(table: &Table, totals: &[Total]) -> Vec<Diagnostic> {
    let Some(col) = table.column("period") else {
        return Vec::new();
    };
    let periods = totals.iter().map(|t| (t.row.row, t.row.period.as_str()));
    crate::derive::gaps::between(periods)
        .into_iter()
        .map(|gap| {
            table
                .warning_at(gap.after, col, gap.told(table, col))
                .with_help(t!("add a row for each missing month, with 0 where nothing was planned, earned or spent"))
        })
        .collect()
}

/// Value earned or money spent in a month after the day the site is built as of: no
/// one has spent in a month not yet begun, so it is a plan typed in the ev or ac column,
/// or a wrong year. The metrics run to the last month reported, so CPI, SPI and the
/// S-curve would be shown as of a month to come, as though measured.
pub(super) fn reported_ahead(table: &Table, totals: &[Total], as_of: Date) -> Option<Diagnostic> {
    let col = table.column("period")?;
    let now = month_of(as_of);
    let ahead: Vec<&Total> = totals
        .iter()
        .filter(|t| {
            let reported = t.row.ev.is_some_and(|v| v != 0.0) || t.row.ac.is_some_and(|v| v != 0.0);
            reported && month_number(&t.row.period).is_some_and(|m| m > now)
        })
        .collect();
    let first = ahead.first()?;
    let message = t!(
        "{period} reports earned value or actual cost, but the site is built as of {as_of}: nothing can be earned or spent in a month not yet begun ({count} such month(s)), so the project's figures leave them out",
        period = &first.row.period,
        as_of = as_of.0.to_string(),
        count = ahead.len()
    );
    Some(
        table
            .warning_at(first.row.row, col, message)
            .with_help(t!("leave ev and ac empty for months to come (plans go in pv), check the year, or build as of a later day (`--as-of`, `as_of` in site.toml)")),
    )
}

/// Periods the other column must report before a column of zeros beside it is doubted.
/// Work earned in a first month before its invoice is booked happens, so AC needs two;
/// months of spending before the first value is earned are usual (a deliverable earned
/// only when accepted), so EV needs as many as the unit check asks.
const UNFILLED_MIN_ROWS: [(&str, usize); 2] = [("ev", COLUMN_MIN_ROWS), ("ac", 2)];

/// EV or AC written 0 in every period while the other reports amounts: value earned with
/// no cost at all (or cost with nothing earned) is a column left unfilled, more likely
/// than a free project. The key figures would show "spent to date 0" and no CPI, EAC or
/// VAC, or a CPI and SPI of 0, each looking like a figure; the unit check above passes
/// over zeros. Named at the column's first 0 in a period the other column reports.
pub(super) fn column_left_at_zero(table: &Table, totals: &[Total]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (zero, other) in [(2, 1), (1, 2)] {
        let ((name, amount), (other_name, other_amount)) = (AMOUNTS[zero], AMOUNTS[other]);
        let Some(col) = table.column(name) else {
            continue;
        };
        let min_rows = UNFILLED_MIN_ROWS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(COLUMN_MIN_ROWS, |&(_, n)| n);
        let written: Vec<f64> = totals.iter().filter_map(|t| amount(t.row)).collect();
        let others = reported(totals, other_amount);
        if written.is_empty() || written.iter().any(|a| *a != 0.0) || others.len() < min_rows {
            continue;
        }
        let Some(first) = others.iter().find(|(row, _)| amount(row) == Some(0.0)) else {
            continue;
        };
        let message = t!(
            "{column} is 0 in every period, while {other} is reported in {count} periods (adding up to {sum}): {what} is most likely a column left unfilled, yet the project shows {shown}",
            column = name.to_uppercase(),
            other = other_name.to_uppercase(),
            count = others.len(),
            sum = format_amount(others.iter().map(|(_, a)| a).sum()),
            what = if name == "ac" {
                t!("earned value with no cost at all")
            } else {
                t!("cost with no value earned at all")
            },
            shown = if name == "ac" {
                t!("nothing spent to date and no CPI, EAC or VAC")
            } else {
                t!("a CPI and SPI of 0")
            }
        );
        let help = t!(
            "fill in the {column} of each month the project reports; for months not yet known, leave the cells empty rather than 0",
            column = name
        );
        out.push(
            table
                .at_cell(
                    Diagnostic::warning(Problem::Content(message)),
                    first.0.row,
                    col,
                )
                .with_help(help),
        );
    }
    out
}
