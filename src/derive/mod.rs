//! The derive stage: pure functions from a project's tables to the figures its page
//! shows. No I/O and no clock: a milestone is late by its own dates, not by today's, so
//! two builds of the same files agree.

pub mod currency;
pub mod doubts;
pub mod evm;
pub(crate) mod gaps;
pub mod history;
mod measured;
pub mod sanity;
pub mod tables;

use crate::config::Thresholds;

pub use crate::numbers::format_amount;
pub use measured::{after_month_of, measured, on_day, unreported_zeros};

/// A number as a reader wants it: amounts of a thousand or more with thousands
/// separators, smaller ones with their decimals (0.78, not 1; 0.0035, not 0), for
/// charts' tables and the build's messages alike.
pub fn readable_number(n: f64) -> String {
    if n.abs() >= 1000.0 {
        format_amount(n)
    } else if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        crate::numbers::trimmed_decimals(n, crate::numbers::decimals_to_show(n))
    }
}

use crate::content::page::ProjectInfo;
use crate::content::schema::Rag;
use crate::data::{Milestone, ProjectData, Risk};
use crate::date::Date;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyFigures {
    pub bac: Option<f64>,
    /// Cumulative actual cost to the last reported period; `None` while no period
    /// reports it (not 0: a reader takes 0 for "nothing spent yet").
    pub spent: Option<f64>,
    /// Cumulative earned value to the last reported period, `None` likewise.
    pub ev: Option<f64>,
    /// Cumulative planned value to the last reported period (or the last planned one
    /// while none is reported); `None` without a budget table.
    pub pv: Option<f64>,
    pub last_period: Option<String>,
    pub milestones_total: usize,
    pub milestones_done: usize,
    /// Milestones not reached and past their day, or forecast after their baseline:
    /// delayed. Those reached after their baseline are [`Self::milestones_finished_late`].
    pub milestones_late: usize,
    /// Milestones reached after their baseline: history, not an alarm (a closed project
    /// with every milestone done showed a red "3 delayed").
    pub milestones_finished_late: usize,
    pub risks_total: usize,
    pub risks_open: usize,
    /// EV / AC; `None` when nothing has been spent.
    pub cpi: Option<f64>,
    /// EV / PV; `None` when nothing was planned.
    pub spi: Option<f64>,
    /// All earned-value measures at the last reported period.
    pub latest: Option<evm::PeriodMetrics>,
}

impl KeyFigures {
    /// Spend as a share of the budget, `None` without a budget or a reported cost.
    pub fn spent_ratio(&self) -> Option<f64> {
        Some(self.spent? / self.bac.filter(|b| *b > 0.0)?)
    }
}

pub fn key_figures(info: &ProjectInfo, data: &ProjectData) -> KeyFigures {
    let series = evm::series(info.bac, &measured(data));
    // The last month that reports both EV and AC: the indexes pair one month's earned
    // value with the same month's cost. A project reporting only one of them is shown
    // as of the last month that reports it.
    let latest = series
        .iter()
        .rev()
        .find(|m| m.ev.is_some() && m.ac.is_some())
        .or_else(|| {
            series
                .iter()
                .rev()
                .find(|m| m.ev.is_some() || m.ac.is_some())
        });
    KeyFigures {
        bac: info.bac,
        spent: latest.and_then(|m| m.ac),
        ev: latest.and_then(|m| m.ev),
        pv: latest.or(series.last()).map(|m| m.pv),
        last_period: latest.map(|m| m.period.clone()),
        milestones_total: data.milestones.len(),
        milestones_done: data
            .milestones
            .iter()
            .filter(|m| m.actual.is_some())
            .count(),
        milestones_late: data
            .milestones
            .iter()
            .filter(|m| is_late(m, data.as_of))
            .count(),
        milestones_finished_late: data.milestones.iter().filter(|m| finished_late(m)).count(),
        risks_total: data.risks.len(),
        risks_open: data.risks.iter().filter(|r| r.is_open()).count(),
        cpi: latest.and_then(|m| m.cpi),
        spi: latest.and_then(|m| m.spi),
        latest: latest.cloned(),
    }
}

/// Rows of the budget and status tables a project page lists: five years of months. A
/// table of thousands of periods (an export that ran on) made a page of megabytes no
/// one could read; the charts and the key figures still take every period. The search
/// index holds the months and RAG labels of the same rows.
pub const SHOWN_PERIODS: usize = 60;

/// How many risks a project page lists. The search index holds the same ones: a page
/// found for a risk it does not list (the 11th of 20) ranked as if it held the text.
pub const RISKS_SHOWN: usize = 10;

/// A project's risks in the order its page lists them: open ones first, each group by
/// highest exposure, then by id. The page shows the first [`RISKS_SHOWN`].
pub fn risks_by_exposure(risks: &[Risk]) -> Vec<&Risk> {
    let mut out: Vec<&Risk> = risks.iter().collect();
    // Open risks first: a closed risk of exposure 20 outranked an open one of 6, and the
    // top ten of twelve hid the open one.
    out.sort_by(|a, b| {
        b.is_open()
            .cmp(&a.is_open())
            .then_with(|| b.exposure().cmp(&a.exposure()))
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// Days between the baseline and the actual date, or while not done the forecast — or
/// `as_of` once the day expected (the forecast, else the baseline) has passed without
/// an actual date: a milestone due in September and not reached by the end of November
/// is two months late, not "on track" for want of a forecast. Positive is late.
pub fn slip_days(m: &Milestone, as_of: Option<Date>) -> Option<i64> {
    let date = match (m.actual, as_of) {
        (Some(actual), _) => actual,
        (None, Some(today)) if m.forecast.unwrap_or(m.baseline).0 < today.0 => today,
        (None, _) => m.forecast?,
    };
    let span = m.baseline.0.until(date.0).ok()?;
    Some(i64::from(span.get_days()))
}

/// Whole months from an active project's last reported period (`YYYY-MM`) to the
/// as-of day's month, when more than `limit`: its figures and status are as of a month
/// long gone (a project reporting up to July was counted green in April with the SPI
/// of July). `None` for a project of any other status, or reporting recently enough.
pub fn stale_months(
    info: &ProjectInfo,
    last_period: Option<&str>,
    as_of: Date,
    limit: i32,
) -> Option<i64> {
    if info.status != crate::content::schema::ProjectStatus::Active {
        return None;
    }
    let months = i64::from(month_of(as_of) - month_number(last_period?)?);
    (months > i64::from(limit)).then_some(months)
}

/// `YYYY-MM` as a month count, to count the months between two periods.
pub(crate) fn month_number(period: &str) -> Option<i32> {
    let (year, month) = period.split_once('-')?;
    Some(year.parse::<i32>().ok()? * 12 + month.parse::<i32>().ok()? - 1)
}

/// `YYYY-MM` for a month counted as [`month_number`] counts them.
pub(crate) fn month_name(n: i32) -> String {
    format!("{:04}-{:02}", n.div_euclid(12), n.rem_euclid(12) + 1)
}

/// The month count of a day, as [`month_number`] counts periods.
pub(crate) fn month_of(day: Date) -> i32 {
    i32::from(day.0.year()) * 12 + i32::from(day.0.month()) - 1
}

/// Delayed: not reached, and its day (the forecast, else the baseline) passed or
/// forecast after its baseline. A milestone reached after its baseline is
/// [`finished_late`], which is not an alarm.
pub fn is_late(m: &Milestone, as_of: Option<Date>) -> bool {
    m.actual.is_none() && slip_days(m, as_of).is_some_and(|d| d > 0)
}

/// Reached, after its baseline.
pub fn finished_late(m: &Milestone) -> bool {
    m.actual.is_some_and(|actual| actual.0 > m.baseline.0)
}

/// The status shown: a project's hand-set RAG wins over the computed one (which is
/// still shown beside it, see [`computed_rag`]).
pub fn rag(info: &ProjectInfo, figures: &KeyFigures, t: &Thresholds) -> Option<Rag> {
    info.rag.or_else(|| computed_rag(figures, t))
}

/// RAG from the worse of cost and schedule performance, whatever the project states.
pub fn computed_rag(figures: &KeyFigures, t: &Thresholds) -> Option<Rag> {
    grade(figures.cpi, figures.spi, t)
}

/// The worse of the grades of `cpi` and `spi` against the thresholds.
pub fn grade(cpi: Option<f64>, spi: Option<f64>, t: &Thresholds) -> Option<Rag> {
    // Graded as shown, to two decimals: CPI 0.9496 printed 0.95 beside a green
    // threshold of 0.95 was amber, and SPI 0.8496 printed 0.85 red where the same 0.85
    // elsewhere was amber: the reader could not tell why.
    let one = |value: Option<f64>, green: f64, amber: f64| {
        value.map(|v| {
            let v = evm::fixed2(v).parse::<f64>().unwrap_or(v);
            if v >= green {
                Rag::Green
            } else if v >= amber {
                Rag::Amber
            } else {
                Rag::Red
            }
        })
    };
    let cost = one(cpi, t.cpi_green, t.cpi_amber);
    let schedule = one(spi, t.spi_green, t.spi_amber);
    match (cost, schedule) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::schema::Date;
    use crate::data::{BudgetRow, Risk};

    /// AC reported a month further than EV: the key figures are those of the last month
    /// reporting both, not October's cost over September's earned value.
    #[test]
    fn an_active_project_reporting_months_ago_is_stale() {
        let mut info = ProjectInfo::for_tests();
        info.meta.status = crate::content::schema::ProjectStatus::Active;
        let as_of = Date::parse("2026-04-15").unwrap();
        assert_eq!(stale_months(&info, Some("2025-07"), as_of, 3), Some(9));
        assert_eq!(stale_months(&info, Some("2026-01"), as_of, 3), None);
        assert_eq!(stale_months(&info, Some("2025-12"), as_of, 3), Some(4));
        assert_eq!(stale_months(&info, None, as_of, 3), None);
        info.meta.status = crate::content::schema::ProjectStatus::Closed;
        assert_eq!(stale_months(&info, Some("2025-07"), as_of, 3), None);
    }

    #[test]
    fn an_index_is_graded_as_it_is_shown() {
        let t = Thresholds::default();
        // 0.9496 shows as 0.95: green, as the page's 0.95 says.
        assert_eq!(grade(Some(0.9496), Some(1.0), &t), Some(Rag::Green));
        // 0.8496 shows as 0.85, amber's threshold.
        assert_eq!(grade(Some(1.0), Some(0.8496), &t), Some(Rag::Amber));
        assert_eq!(grade(Some(1.0), Some(0.8449), &t), Some(Rag::Red));
    }

    #[test]
    fn open_risks_are_listed_before_closed_ones() {
        let risk = |id: &str, p: u8, status: &str| Risk {
            id: id.into(),
            title: String::new(),
            probability: p,
            impact: 4,
            owner: String::new(),
            status: status.into(),
            response: String::new(),
        };
        let risks = [
            risk("R-1", 5, "closed"),
            risk("R-2", 1, "open"),
            risk("R-3", 3, "open"),
        ];
        let order: Vec<&str> = risks_by_exposure(&risks)
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(order, ["R-3", "R-2", "R-1"]);
    }

    #[test]
    fn key_figures_are_as_of_the_last_month_reporting_both() {
        let data = ProjectData {
            budget: vec![
                BudgetRow::new("2024-08", 400.0, Some(350.0), Some(380.0)),
                BudgetRow::new("2024-09", 20.0, Some(30.0), Some(10.0)),
                BudgetRow::new("2024-10", 30.0, None, Some(20.0)),
            ],
            ..ProjectData::default()
        };
        let mut info = ProjectInfo::for_tests();
        info.meta.bac = Some(1000.0);
        let f = key_figures(&info, &data);
        assert_eq!(f.last_period.as_deref(), Some("2024-09"));
        assert_eq!((f.ev, f.spent), (Some(380.0), Some(390.0)));
        assert_eq!(f.cpi.map(|c| (c * 100.0).round()), Some(97.0));
    }

    /// Walk-through 7: EV and AC typed into 2027-01 on 2026-12-05 made the page "as of
    /// 2027-01", with the CPI of a month not yet begun.
    #[test]
    fn key_figures_leave_out_what_a_month_after_the_as_of_day_reports() {
        let data = ProjectData {
            budget: vec![
                BudgetRow::new("2026-11", 100.0, Some(100.0), Some(100.0)),
                BudgetRow::new("2026-12", 100.0, Some(80.0), Some(100.0)),
                BudgetRow::new("2027-01", 100.0, Some(3000.0), Some(50.0)),
            ],
            as_of: Date::parse("2026-12-05").ok(),
            ..ProjectData::default()
        };
        let mut info = ProjectInfo::for_tests();
        info.meta.bac = Some(1000.0);
        let f = key_figures(&info, &data);
        assert_eq!(f.last_period.as_deref(), Some("2026-12"));
        assert_eq!((f.ev, f.spent), (Some(180.0), Some(200.0)));
        assert_eq!(f.cpi.map(|c| (c * 100.0).round()), Some(90.0));
        // The plan of the month to come is kept; nothing is copied when no month is ahead.
        assert_eq!(measured(&data)[2].pv, 100.0);
        assert!(matches!(
            measured(&ProjectData {
                as_of: Date::parse("2027-01-01").ok(),
                ..data.clone()
            }),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    /// Last month's report showed December's EV under its title "截至 2026-11".
    #[test]
    fn a_project_on_a_day_is_its_figures_at_that_month_and_nothing_after() {
        let milestone = |name: &str, actual: &str| Milestone {
            name: name.into(),
            baseline: d("2026-11-15"),
            forecast: None,
            actual: Date::parse(actual).ok(),
            row: 0,
        };
        let data = ProjectData {
            budget: vec![
                BudgetRow::new("2026-10", 100.0, Some(90.0), Some(100.0)),
                BudgetRow::new("2026-11", 100.0, Some(80.0), Some(100.0)),
                BudgetRow::new("2026-12", 100.0, Some(190.0), Some(110.0)),
                BudgetRow::new("2027-01", 100.0, None, None),
            ],
            milestones: vec![
                milestone("上线", "2026-12-10"),
                milestone("验收", "2026-11-20"),
            ],
            as_of: Date::parse("2026-12-31").ok(),
            ..ProjectData::default()
        };
        let mut info = ProjectInfo::for_tests();
        info.meta.bac = Some(1000.0);
        let now = key_figures(&info, &data);
        assert_eq!(now.last_period.as_deref(), Some("2026-12"));
        let day = d("2026-11-30");
        let then = on_day(&data, day);
        let f = key_figures(&info, &then);
        assert_eq!(f.last_period.as_deref(), Some("2026-11"));
        assert_eq!(
            (f.ev, f.spent, f.pv),
            (Some(170.0), Some(200.0), Some(200.0))
        );
        assert_eq!(f.cpi.map(|c| (c * 100.0).round()), Some(85.0));
        // The same figures as the status table's row of that month.
        let history = history::project(info.bac, &data.budget, &Thresholds::default());
        let november = history.iter().find(|s| s.period == "2026-11").unwrap();
        assert_eq!(
            (f.ev, f.spent, f.cpi),
            (Some(november.ev), Some(november.ac), november.cpi)
        );
        // Reached in December: not yet on the last day of November, so late then.
        assert_eq!((f.milestones_done, f.milestones_late), (1, 1));
        assert_eq!(
            then.budget.len(),
            2,
            "the months after it are left out, plans too"
        );
        assert!(!after_month_of("2026-11", day) && after_month_of("2026-12", day));
    }

    /// Hunt 9: November and December written 0 in EV and AC (a sheet filled with zeros
    /// to the year's end) made the page "as of 2026-12", its SPI 0.90 and status amber.
    #[test]
    fn months_to_come_written_as_zeros_are_not_reported() {
        let data = ProjectData {
            budget: vec![
                BudgetRow::new("2026-09", 100.0, Some(100.0), Some(100.0)),
                BudgetRow::new("2026-10", 100.0, Some(94.0), Some(98.0)),
                BudgetRow::new("2026-12", 100.0, Some(0.0), Some(0.0)),
                BudgetRow::new("2026-11", 100.0, Some(0.0), None),
            ],
            as_of: Date::parse("2026-11-30").ok(),
            ..ProjectData::default()
        };
        let mut info = ProjectInfo::for_tests();
        info.meta.bac = Some(400.0);
        let f = key_figures(&info, &data);
        assert_eq!(f.last_period.as_deref(), Some("2026-10"));
        assert_eq!(f.spi.map(|s| (s * 100.0).round()), Some(97.0));
        assert_eq!(unreported_zeros(&data.budget), [3, 2]);
        // Zeros in the middle are months reported as nothing done; a first month of
        // zeros is a project just begun; zeros where nothing is planned change nothing.
        for budget in [
            vec![
                BudgetRow::new("2026-09", 100.0, Some(0.0), Some(0.0)),
                BudgetRow::new("2026-10", 100.0, Some(94.0), Some(98.0)),
            ],
            vec![
                BudgetRow::new("2026-09", 100.0, Some(0.0), Some(0.0)),
                BudgetRow::new("2026-10", 100.0, None, None),
            ],
            vec![
                BudgetRow::new("2026-09", 100.0, Some(100.0), Some(90.0)),
                BudgetRow::new("2026-10", 0.0, Some(0.0), Some(0.0)),
            ],
        ] {
            assert!(unreported_zeros(&budget).is_empty(), "{budget:?}");
        }
        // Every month written 0 (a template's formulas): none reported yet.
        let budget = vec![
            BudgetRow::new("2026-09", 100.0, Some(0.0), Some(0.0)),
            BudgetRow::new("2026-11", 100.0, None, None),
            BudgetRow::new("2026-10", 100.0, Some(0.0), Some(0.0)),
        ];
        assert_eq!(unreported_zeros(&budget), [0, 2]);
    }

    fn info(rag: Option<Rag>) -> ProjectInfo {
        let mut info = ProjectInfo::for_tests();
        info.meta.rag = rag;
        info
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn data() -> ProjectData {
        let row = BudgetRow::new;
        ProjectData {
            budget: vec![
                row("2024-01", 100.0, Some(90.0), Some(100.0)),
                row("2024-02", 200.0, Some(150.0), Some(200.0)),
                row("2024-03", 300.0, None, None),
            ],
            milestones: vec![
                Milestone {
                    name: "a".into(),
                    baseline: d("2024-01-10"),
                    forecast: None,
                    actual: Some(d("2024-01-15")),
                    row: 0,
                },
                Milestone {
                    name: "b".into(),
                    baseline: d("2024-03-01"),
                    forecast: Some(d("2024-02-25")),
                    actual: None,
                    row: 1,
                },
            ],
            risks: vec![Risk {
                id: "R1".into(),
                title: "t".into(),
                probability: 4,
                impact: 5,
                owner: String::new(),
                status: "open".into(),
                response: String::new(),
            }],
            as_of: None,
        }
    }

    #[test]
    fn figures_are_cumulative_to_the_last_reported_period() {
        let f = key_figures(&info(None), &data());
        assert_eq!(f.spent, Some(300.0));
        assert_eq!(f.ev, Some(240.0));
        assert_eq!(f.pv, Some(300.0));
        assert_eq!(f.last_period.as_deref(), Some("2024-02"));
        assert_eq!(f.cpi, Some(0.8));
        assert_eq!(f.spi, Some(0.8));
        assert_eq!(f.spent_ratio(), Some(0.3));
        // `a` was reached five days after its baseline: finished late, not delayed.
        assert_eq!(
            (
                f.milestones_done,
                f.milestones_late,
                f.milestones_finished_late
            ),
            (1, 0, 1)
        );
        assert_eq!(f.risks_open, 1);
        assert_eq!(data().risks[0].exposure(), 20);
    }

    #[test]
    fn figures_not_yet_reported_are_none_not_zero() {
        let mut planned_only = data();
        for row in &mut planned_only.budget {
            (row.ev, row.ac) = (None, None);
        }
        let f = key_figures(&info(None), &planned_only);
        assert_eq!((f.spent, f.ev, f.spent_ratio()), (None, None, None));
        assert_eq!(f.pv, Some(600.0), "planned to the last planned period");
        let f = key_figures(&info(None), &ProjectData::default());
        assert_eq!((f.spent, f.ev, f.pv), (None, None, None));
    }

    #[test]
    fn slip_is_measured_against_the_baseline() {
        let m = &data().milestones;
        assert_eq!(slip_days(&m[0], None), Some(5));
        assert_eq!(slip_days(&m[1], None), Some(-5));
        // Before its forecast, as planned; past it with no actual date, late by the days
        // since the baseline.
        assert_eq!(slip_days(&m[1], Some(d("2024-02-01"))), Some(-5));
        assert_eq!(slip_days(&m[1], Some(d("2024-03-11"))), Some(10));
        assert!(is_late(&m[1], Some(d("2024-03-11"))));
        // Done: the actual date, whatever the day.
        assert_eq!(slip_days(&m[0], Some(d("2025-01-01"))), Some(5));
    }

    /// A milestone with no forecast and no actual date, due in September, showed as on
    /// track at the end of November (the second walk-through).
    #[test]
    fn a_milestone_past_due_without_a_forecast_is_late() {
        let m = Milestone {
            name: "架构评审".into(),
            baseline: d("2026-09-30"),
            forecast: None,
            actual: None,
            row: 0,
        };
        assert_eq!(slip_days(&m, Some(d("2026-11-30"))), Some(61));
        assert_eq!(slip_days(&m, Some(d("2026-09-01"))), None);
        assert!(!is_late(&m, Some(d("2026-09-30"))));
    }

    #[test]
    fn rag_takes_the_worse_grade_unless_stated() {
        let t = Thresholds::default();
        let f = key_figures(&info(None), &data());
        assert_eq!(rag(&info(None), &f, &t), Some(Rag::Red));
        assert_eq!(rag(&info(Some(Rag::Green)), &f, &t), Some(Rag::Green));
        assert_eq!(
            computed_rag(&f, &t),
            Some(Rag::Red),
            "the hand-set one aside"
        );
        let empty = key_figures(&info(None), &ProjectData::default());
        assert_eq!(empty.cpi, None);
        assert_eq!(rag(&info(None), &empty, &t), None);
    }
}
