//! Status over time: each project's CPI, SPI and computed RAG as of the end of every
//! reported period, and the portfolio's month by month. A status is only ever read at one
//! moment; the months before it show whether it is recovering or sliding.

use std::collections::BTreeMap;

use crate::config::Thresholds;
use crate::content::schema::Rag;
use crate::data::BudgetRow;
use crate::derive::{evm, grade};

/// A project's standing at the end of one reported period (cumulative figures).
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub period: String,
    pub pv: f64,
    pub ev: f64,
    pub ac: f64,
    pub cpi: Option<f64>,
    pub spi: Option<f64>,
    /// Computed from the thresholds as of this period: a hand-set status is the
    /// present's, not the past's.
    pub rag: Option<Rag>,
}

/// Every reported period of `budget`, in period order.
pub fn project(bac: Option<f64>, budget: &[BudgetRow], t: &Thresholds) -> Vec<Snapshot> {
    evm::series(bac, budget)
        .into_iter()
        .filter_map(|m| {
            // A total below zero is no state to add into the portfolio (see `metrics`).
            let (ev, ac) = (m.ev.filter(|e| *e >= 0.0)?, m.ac.filter(|a| *a >= 0.0)?);
            Some(Snapshot {
                rag: grade(m.cpi, m.spi, t),
                period: m.period,
                pv: m.pv,
                ev,
                ac,
                cpi: m.cpi,
                spi: m.spi,
            })
        })
        .collect()
}

/// The portfolio at the end of one month: the projects reporting that month, their
/// cumulative figures added up (in one currency) and their statuses counted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Month {
    pub period: String,
    pub cpi: Option<f64>,
    pub spi: Option<f64>,
    /// Projects green, amber and red as of the month.
    pub counts: [usize; 3],
    /// Projects reporting the month, whose figures make its CPI and SPI: a month fewer
    /// report (the latest, before every project has filed) is a different portfolio.
    pub reporting: usize,
}

/// The portfolio month by month, from each project's snapshots, each with the rate that
/// puts its amounts in the portfolio's currency that month.
pub fn portfolio(projects: &[Vec<(Snapshot, f64)>]) -> Vec<Month> {
    let mut months: BTreeMap<&str, (f64, f64, f64, [usize; 3], usize)> = BTreeMap::new();
    for snapshots in projects {
        for (s, rate) in snapshots {
            let m = months.entry(&s.period).or_default();
            m.0 += s.pv * rate;
            m.1 += s.ev * rate;
            m.2 += s.ac * rate;
            if let Some(rag) = s.rag {
                m.3[rag as usize] += 1;
            }
            m.4 += 1;
        }
    }
    months
        .into_iter()
        .map(|(period, (pv, ev, ac, counts, reporting))| Month {
            period: period.to_string(),
            cpi: evm::ratio(ev, ac),
            spi: evm::ratio(ev, pv),
            counts,
            reporting,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(period: &str, pv: f64, ev: Option<f64>, ac: Option<f64>) -> BudgetRow {
        BudgetRow::new(period, pv, ev, ac)
    }

    #[test]
    fn each_reported_month_is_graded_as_of_itself() {
        let budget = [
            row("2024-01", 100.0, Some(100.0), Some(100.0)),
            row("2024-02", 100.0, Some(60.0), Some(100.0)),
            row("2024-03", 100.0, None, None),
        ];
        let h = project(Some(300.0), &budget, &Thresholds::default());
        assert_eq!(h.len(), 2, "the unreported month has no status");
        assert_eq!((h[0].cpi, h[0].rag), (Some(1.0), Some(Rag::Green)));
        // As of February: EV 160 / AC 200 = 0.80, SPI 160 / 200 = 0.80: red.
        assert_eq!(
            (h[1].cpi, h[1].spi, h[1].rag),
            (Some(0.8), Some(0.8), Some(Rag::Red))
        );
    }

    #[test]
    fn the_portfolio_adds_converted_totals_and_counts_statuses() {
        let t = Thresholds::default();
        let cny = project(
            Some(300.0),
            &[row("2024-01", 100.0, Some(100.0), Some(100.0))],
            &t,
        );
        let usd = project(
            Some(30.0),
            &[row("2024-01", 10.0, Some(8.0), Some(10.0))],
            &t,
        );
        let at = |h: Vec<Snapshot>, rate: f64| h.into_iter().map(|s| (s, rate)).collect();
        let months = portfolio(&[at(cny, 1.0), at(usd, 7.0)]);
        assert_eq!(months.len(), 1);
        // EV 100 + 56, AC 100 + 70: CPI 156 / 170.
        assert_eq!(months[0].cpi, Some(156.0 / 170.0));
        assert_eq!(months[0].counts, [1, 0, 1]);
    }
}
