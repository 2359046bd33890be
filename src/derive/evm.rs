//! Earned-value management: cumulative PV, EV and AC per reporting period and the
//! measures derived from them. Every ratio is an `Option`: a zero denominator is "n/a",
//! never NaN or infinity.

use crate::data::BudgetRow;

/// The state of a project at the end of one reporting period (all amounts cumulative).
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodMetrics {
    pub period: String,
    pub pv: f64,
    /// `None` for periods after the last one reported on.
    pub ev: Option<f64>,
    pub ac: Option<f64>,
    pub cv: Option<f64>,
    pub sv: Option<f64>,
    pub cpi: Option<f64>,
    pub spi: Option<f64>,
    pub eac: Option<f64>,
    pub etc: Option<f64>,
    pub vac: Option<f64>,
    pub tcpi: Option<f64>,
    /// EV / BAC.
    pub percent_complete: Option<f64>,
}

/// `a / b`, or `None` when `b` is zero or the result is not a finite number.
pub fn ratio(a: f64, b: f64) -> Option<f64> {
    if b == 0.0 {
        return None;
    }
    Some(a / b).filter(|r| r.is_finite())
}

/// Cumulative metrics for every period of `budget`, in period order. Earned value and
/// actual cost are each carried only up to the last period that reports it: a column
/// left empty is unknown, not 0 (an empty ev column beside a filled ac column made a
/// CPI of 0.00), and one reported a month further than the other does not pair this
/// month's cost with last month's earned value.
pub fn series(bac: Option<f64>, budget: &[BudgetRow]) -> Vec<PeriodMetrics> {
    let mut rows: Vec<&BudgetRow> = budget.iter().collect();
    rows.sort_by(|a, b| a.period.cmp(&b.period));
    let (mut pv, mut ev, mut ac) = (0.0, 0.0, 0.0);
    rows.iter()
        .map(|row| {
            pv += row.pv;
            ev += row.ev.unwrap_or(0.0);
            ac += row.ac.unwrap_or(0.0);
            // A month whose cell is empty reported nothing: its totals are unknown (the
            // month before's, carried, made a red month of CPI 0.50 that never was).
            metrics(
                &row.period,
                bac,
                pv,
                row.ev.is_some().then_some(ev),
                row.ac.is_some().then_some(ac),
            )
        })
        .collect()
}

/// The measures at one point, from cumulative PV, EV and AC. A BAC of zero or less has
/// no EAC, VAC or percent complete (EAC 0 beside money spent read as "on budget"), and a
/// running total below zero (credits beyond what was booked: a sign typed wrong) no
/// ratio at all: CPI -5.00 and a negative EAC are figures no project can have.
pub fn metrics(
    period: &str,
    bac: Option<f64>,
    pv: f64,
    ev: Option<f64>,
    ac: Option<f64>,
) -> PeriodMetrics {
    let bac = bac.filter(|b| *b > 0.0);
    let (ev_at, ac_at) = (ev, ac);
    let ev = ev.filter(|e| *e >= 0.0);
    let ac = ac.filter(|a| *a >= 0.0);
    let pv_known = (pv >= 0.0).then_some(pv);
    let cpi = ev.zip(ac).and_then(|(e, a)| ratio(e, a));
    let spi = ev.zip(pv_known).and_then(|(e, p)| ratio(e, p));
    let eac = bac.zip(cpi).and_then(|(b, c)| ratio(b, c));
    PeriodMetrics {
        period: period.to_string(),
        pv,
        ev: ev_at,
        ac: ac_at,
        cv: ev.zip(ac).map(|(e, a)| e - a),
        sv: ev.zip(pv_known).map(|(e, p)| e - p),
        cpi,
        spi,
        eac,
        etc: eac.zip(ac).map(|(e, a)| e - a),
        vac: bac.zip(eac).map(|(b, e)| b - e),
        // Once the budget is spent (AC ≥ BAC) no efficiency can finish within it: the
        // ratio would be negative or infinite, so there is none to show.
        tcpi: bac
            .zip(ev)
            .zip(ac)
            .filter(|((b, _), a)| b - a > 0.0)
            .and_then(|((b, e), a)| ratio(b - e, b - a)),
        percent_complete: bac.zip(ev).and_then(|(b, e)| ratio(e, b)),
    }
}

/// Two decimals for indexes, "n/a" when undefined.
pub fn format_index(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_string(), fixed2)
}

/// Percent complete (or any share) as every page prints it: `0.784` → `78%`.
pub fn format_percent(ratio: f64) -> String {
    format!("{}%", percent_digits(ratio))
}

/// A share in whole percent, except that what is not done never reads as done, nor what
/// has begun as not begun: 99.6% is `99.6`, not `100`; 0.4% is `0.4`, not `0`.
pub fn percent_digits(ratio: f64) -> String {
    let pct = ratio * 100.0;
    let whole = pct.round();
    if whole == 100.0 && pct < 100.0 {
        format!("{:.1}", ((pct * 10.0).floor() / 10.0).min(99.9))
    } else if whole == 0.0 && pct > 0.0 {
        format!("{:.1}", ((pct * 10.0).ceil() / 10.0).max(0.1))
    } else if whole == 0.0 {
        "0".to_string()
    } else {
        format!("{whole:.0}")
    }
}

/// Two decimals, never "-0.00": a value that rounds to zero is zero.
pub fn fixed2(value: f64) -> String {
    if value.abs() < 0.005 {
        "0.00".to_string()
    } else {
        format!("{value:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_no_period_reports_is_unknown_and_each_stops_at_its_own_last_month() {
        let row = |p: &str, ev: Option<f64>, ac: Option<f64>| BudgetRow::new(p, 100.0, ev, ac);
        // No EV at all: no CPI or SPI of 0.00.
        let s = series(
            Some(300.0),
            &[
                row("2024-01", None, Some(90.0)),
                row("2024-02", None, Some(95.0)),
            ],
        );
        assert_eq!((s[1].ev, s[1].cpi, s[1].spi), (None, None, None));
        assert_eq!(s[1].ac, Some(185.0));
        // AC a month ahead of EV: the later month has AC and no EV.
        let s = series(
            Some(300.0),
            &[
                row("2024-01", Some(95.0), Some(100.0)),
                row("2024-02", None, Some(100.0)),
            ],
        );
        assert_eq!((s[0].ev, s[0].cpi), (Some(95.0), Some(0.95)));
        assert_eq!((s[1].ev, s[1].ac, s[1].cpi), (None, Some(200.0), None));
    }

    #[test]
    fn a_month_left_empty_between_reports_is_unknown_not_carried() {
        let s = series(
            Some(600.0),
            &[
                row("2026-01", 100.0, Some(100.0), Some(100.0)),
                row("2026-02", 100.0, None, Some(100.0)),
                row("2026-03", 100.0, Some(185.0), Some(95.0)),
            ],
        );
        // February reported no EV: no CPI of 0.50 made of January's EV.
        assert_eq!((s[1].ev, s[1].cpi, s[1].spi), (None, None, None));
        assert_eq!(s[2].ev, Some(285.0));
        assert_eq!(s[2].ac, Some(295.0));
    }

    #[test]
    fn no_ratio_of_a_zero_budget_or_a_total_below_zero() {
        let m = metrics("2026-03", Some(0.0), 300.0, Some(285.0), Some(295.0));
        assert_eq!(
            (m.eac, m.vac, m.percent_complete, m.tcpi),
            (None, None, None, None)
        );
        assert!(m.cpi.is_some(), "CPI needs no BAC");
        let m = metrics("2026-02", Some(600.0), 200.0, Some(150.0), Some(-30.0));
        assert_eq!((m.cpi, m.eac, m.vac, m.cv), (None, None, None, None));
        assert_eq!(
            m.ac,
            Some(-30.0),
            "the total itself is shown as the table adds up"
        );
        let m = metrics("2026-02", Some(600.0), 200.0, Some(-20.0), Some(30.0));
        assert_eq!((m.cpi, m.spi, m.percent_complete), (None, None, None));
    }

    #[test]
    fn a_share_never_rounds_to_done_or_to_not_begun() {
        assert_eq!(format_percent(0.784), "78%");
        assert_eq!(format_percent(0.996), "99.6%");
        assert_eq!(format_percent(0.99999), "99.9%");
        assert_eq!(format_percent(1.0), "100%");
        assert_eq!(format_percent(0.004), "0.4%");
        assert_eq!(format_percent(0.0000001), "0.1%");
        assert_eq!(format_percent(0.0), "0%");
        assert_eq!(format_percent(1.25), "125%");
    }

    #[test]
    fn tcpi_is_undefined_once_the_budget_is_spent_and_nothing_prints_minus_zero() {
        let spent = metrics("2024-06", Some(100.0), 100.0, Some(80.0), Some(120.0));
        assert_eq!(spent.tcpi, None);
        let exact = metrics("2024-06", Some(100.0), 100.0, Some(80.0), Some(100.0));
        assert_eq!(exact.tcpi, None);
        let left = metrics("2024-06", Some(100.0), 100.0, Some(80.0), Some(60.0));
        assert_eq!(left.tcpi, Some(0.5));
        assert_eq!(fixed2(-0.001), "0.00");
        assert_eq!(fixed2(-0.004999), "0.00");
        assert_eq!(fixed2(-0.006), "-0.01");
        assert_eq!(format_index(Some(1.0238)), "1.02");
    }

    fn row(period: &str, pv: f64, ev: Option<f64>, ac: Option<f64>) -> BudgetRow {
        BudgetRow::new(period, pv, ev, ac)
    }

    /// Worked by hand: BAC 1000; after two periods PV 300, EV 240, AC 300.
    /// CV −60, SV −60, CPI 0.8, SPI 0.8, EAC 1250, ETC 950, VAC −250,
    /// TCPI (1000−240)/(1000−300) = 760/700 ≈ 1.0857, 24 % complete.
    #[test]
    fn matches_a_hand_computed_example() {
        let budget = [
            row("2024-02", 200.0, Some(150.0), Some(200.0)),
            row("2024-01", 100.0, Some(90.0), Some(100.0)),
            row("2024-03", 300.0, None, None),
        ];
        let s = series(Some(1000.0), &budget);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].period, "2024-01");
        let m = &s[1];
        assert_eq!((m.pv, m.ev, m.ac), (300.0, Some(240.0), Some(300.0)));
        assert_eq!(m.cv, Some(-60.0));
        assert_eq!(m.sv, Some(-60.0));
        assert_eq!(m.cpi, Some(0.8));
        assert_eq!(m.spi, Some(0.8));
        assert_eq!(m.eac, Some(1250.0));
        assert_eq!(m.etc, Some(950.0));
        assert_eq!(m.vac, Some(-250.0));
        assert!((m.tcpi.unwrap() - 760.0 / 700.0).abs() < 1e-12);
        assert_eq!(m.percent_complete, Some(0.24));
        // The unreported period keeps its plan but has no EV or AC.
        assert_eq!((s[2].pv, s[2].ev, s[2].cpi), (600.0, None, None));
    }

    #[test]
    fn zero_denominators_are_not_applicable() {
        let m = metrics("2024-01", Some(100.0), 0.0, Some(0.0), Some(0.0));
        assert_eq!(
            (m.cpi, m.spi, m.eac, m.etc, m.vac),
            (None, None, None, None, None)
        );
        let m = metrics("2024-01", Some(100.0), 50.0, Some(20.0), Some(100.0));
        assert_eq!(
            m.tcpi, None,
            "BAC equal to AC: no budget left to perform against"
        );
        let m = metrics("2024-01", None, 50.0, Some(20.0), Some(10.0));
        assert_eq!((m.eac, m.percent_complete), (None, None));
        assert_eq!(format_index(None), "n/a");
        assert_eq!(format_index(Some(0.955)), "0.95");
    }
}
