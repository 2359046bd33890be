//! The four charts of a project page: the EVM S-curve, the CPI/SPI trend, milestone slip
//! and the probability × impact risk matrix.

use crate::charts::build::DataTable;
use crate::charts::model::{Chart, ChartKind, Heatmap, Point, Rule, Series, XAxis};
use crate::content::page::ProjectInfo;
use crate::data::table::format_number;
use crate::data::ProjectData;
use crate::derive::{self, evm};
use crate::i18n::I18n;

/// An amount as the project page's tables print it (`150,000`): the data table under a
/// chart printed `150000` beside them (the seventh walk-through).
fn amount(v: Option<f64>) -> String {
    v.map(derive::format_amount).unwrap_or_default()
}

fn index(v: Option<f64>) -> String {
    v.map(crate::derive::evm::fixed2).unwrap_or_default()
}

fn series(name: &str, values: impl Iterator<Item = (usize, Option<f64>)>) -> Series {
    Series {
        name: name.to_string(),
        tone: None,
        points: values
            .filter_map(|(i, v)| {
                v.map(|y| Point {
                    x: i as f64,
                    y,
                    label: None,
                })
            })
            .collect(),
    }
}

/// Every chart of the project with the numbers behind it and an id for the page.
pub fn charts(
    info: &ProjectInfo,
    data: &ProjectData,
    i18n: &I18n,
) -> Vec<(Chart, DataTable, &'static str)> {
    let mut out = Vec::new();
    let periods = evm::series(info.bac, &crate::derive::measured(data));
    let currency = info.currency.clone().unwrap_or_default();
    if !periods.is_empty() {
        out.push((
            s_curve(&periods, info.bac, &currency, i18n),
            s_curve_table(&periods, i18n),
            "evm-s-curve",
        ));
        let reported: Vec<&evm::PeriodMetrics> =
            periods.iter().filter(|m| m.ev.is_some()).collect();
        if !reported.is_empty() {
            out.push((
                indexes(&reported, i18n),
                indexes_table(&reported, i18n),
                "cpi-spi-trend",
            ));
        }
    }
    if !data.milestones.is_empty() {
        let (chart, table) = slip(data, i18n);
        out.push((chart, table, "milestone-slip"));
    }
    if !data.risks.is_empty() {
        let (chart, table) = risk_matrix(data, i18n);
        out.push((chart, table, "risk-matrix"));
    }
    out
}

fn s_curve(periods: &[evm::PeriodMetrics], bac: Option<f64>, currency: &str, i18n: &I18n) -> Chart {
    let cats: Vec<String> = periods.iter().map(|m| m.period.clone()).collect();
    let pv = series(
        i18n.get("chart_pv"),
        periods.iter().enumerate().map(|(i, m)| (i, Some(m.pv))),
    );
    let ev = series(
        i18n.get("chart_ev"),
        periods.iter().enumerate().map(|(i, m)| (i, m.ev)),
    );
    let ac = series(
        i18n.get("chart_ac"),
        periods.iter().enumerate().map(|(i, m)| (i, m.ac)),
    );
    let last = periods.iter().rev().find(|m| m.ev.is_some());
    let description = format!(
        "{}: {} {} {}, {} {}, {} {}.",
        i18n.get("chart_s_curve"),
        last.map_or("", |m| m.period.as_str()),
        i18n.get("chart_pv"),
        amount(last.map(|m| m.pv)),
        i18n.get("chart_ev"),
        amount(last.and_then(|m| m.ev)),
        i18n.get("chart_ac"),
        amount(last.and_then(|m| m.ac)),
    );
    Chart {
        kind: ChartKind::Line,
        title: i18n.get("chart_s_curve").to_string(),
        description,
        x_label: i18n.get("chart_period").to_string(),
        y_label: format!("{} {currency}", i18n.get("chart_cumulative"))
            .trim()
            .to_string(),
        x: XAxis::Categories(cats),
        series: vec![pv, ev, ac],
        rules: bac
            .map(|b| Rule {
                horizontal: true,
                value: b,
                label: format!("BAC {}", derive::format_amount(b)),
            })
            .into_iter()
            .collect(),
        heatmap: None,
    }
}

fn s_curve_table(periods: &[evm::PeriodMetrics], i18n: &I18n) -> DataTable {
    DataTable {
        columns: [
            "chart_period",
            "chart_pv",
            "chart_ev",
            "chart_ac",
            "CV",
            "SV",
            "CPI",
            "SPI",
            "EAC",
        ]
        .iter()
        .map(|k| i18n.get(k).to_string())
        .collect(),
        rows: periods
            .iter()
            .map(|m| {
                vec![
                    m.period.clone(),
                    amount(Some(m.pv)),
                    amount(m.ev),
                    amount(m.ac),
                    amount(m.cv),
                    amount(m.sv),
                    index(m.cpi),
                    index(m.spi),
                    amount(m.eac.map(f64::round)),
                ]
            })
            .collect(),
    }
}

fn indexes(reported: &[&evm::PeriodMetrics], i18n: &I18n) -> Chart {
    let cats: Vec<String> = reported.iter().map(|m| m.period.clone()).collect();
    let last = reported.last();
    Chart {
        kind: ChartKind::Line,
        title: i18n.get("chart_cpi_spi").to_string(),
        description: format!(
            "{}: CPI {}, SPI {} ({}).",
            i18n.get("chart_cpi_spi"),
            evm::format_index(last.and_then(|m| m.cpi)),
            evm::format_index(last.and_then(|m| m.spi)),
            last.map_or("", |m| m.period.as_str())
        ),
        x_label: i18n.get("chart_period").to_string(),
        y_label: i18n.get("chart_index").to_string(),
        x: XAxis::Categories(cats),
        series: vec![
            series("CPI", reported.iter().enumerate().map(|(i, m)| (i, m.cpi))),
            series("SPI", reported.iter().enumerate().map(|(i, m)| (i, m.spi))),
        ],
        rules: vec![Rule {
            horizontal: true,
            value: 1.0,
            label: "1.0".into(),
        }],
        heatmap: None,
    }
}

fn indexes_table(reported: &[&evm::PeriodMetrics], i18n: &I18n) -> DataTable {
    DataTable {
        columns: vec![
            i18n.get("chart_period").to_string(),
            "CPI".into(),
            "SPI".into(),
            "TCPI".into(),
        ],
        rows: reported
            .iter()
            .map(|m| {
                vec![
                    m.period.clone(),
                    evm::format_index(m.cpi),
                    evm::format_index(m.spi),
                    evm::format_index(m.tcpi),
                ]
            })
            .collect(),
    }
}

fn slip(data: &ProjectData, i18n: &I18n) -> (Chart, DataTable) {
    let cats: Vec<String> = data.milestones.iter().map(|m| m.name.clone()).collect();
    let days: Vec<Option<i64>> = data
        .milestones
        .iter()
        .map(|m| derive::slip_days(m, data.as_of))
        .collect();
    let late = data
        .milestones
        .iter()
        .filter(|m| derive::is_late(m, data.as_of))
        .count();
    let chart = Chart {
        kind: ChartKind::Bar,
        title: i18n.get("chart_slip").to_string(),
        description: format!(
            "{}: {} / {} {}.",
            i18n.get("chart_slip"),
            late,
            data.milestones.len(),
            i18n.get("chart_late")
        ),
        x_label: i18n.get("milestone").to_string(),
        y_label: i18n.get("slip_days").to_string(),
        x: XAxis::Categories(cats),
        series: vec![series(
            i18n.get("slip_days"),
            days.iter()
                .enumerate()
                .map(|(i, d)| (i, d.map(|d| d as f64))),
        )],
        rules: Vec::new(),
        heatmap: None,
    };
    let table = DataTable {
        columns: ["milestone", "baseline", "forecast", "actual", "slip_days"]
            .iter()
            .map(|k| i18n.get(k).to_string())
            .collect(),
        rows: data
            .milestones
            .iter()
            .zip(&days)
            .map(|(m, d)| {
                vec![
                    m.name.clone(),
                    m.baseline.iso(),
                    m.forecast.map(|d| d.iso()).unwrap_or_default(),
                    m.actual.map(|d| d.iso()).unwrap_or_default(),
                    d.map(|d| d.to_string()).unwrap_or_default(),
                ]
            })
            .collect(),
    };
    (chart, table)
}

fn risk_matrix(data: &ProjectData, i18n: &I18n) -> (Chart, DataTable) {
    // Rows from probability 5 (top) to 1; columns impact 1 to 5. Open risks only.
    let mut counts = vec![vec![0.0; 5]; 5];
    for r in data.risks.iter().filter(|r| r.is_open()) {
        let row = 5 - usize::from(r.probability.clamp(1, 5));
        let col = usize::from(r.impact.clamp(1, 5)) - 1;
        counts[row][col] += 1.0;
    }
    let weights = (0..5)
        .map(|row| (0..5).map(|col| ((5 - row) * (col + 1)) as f64).collect())
        .collect();
    let open = data.risks.iter().filter(|r| r.is_open()).count();
    let rows: Vec<String> = (1..=5)
        .rev()
        .map(|p| format!("{} {p}", i18n.get("probability")))
        .collect();
    let cols: Vec<String> = (1..=5)
        .map(|i| format!("{} {i}", i18n.get("risk_impact")))
        .collect();
    let table = DataTable {
        columns: std::iter::once(String::new())
            .chain(cols.iter().cloned())
            .collect(),
        rows: rows
            .iter()
            .zip(&counts)
            .map(|(name, row)| {
                std::iter::once(name.clone())
                    .chain(row.iter().map(|c| format_number(*c)))
                    .collect()
            })
            .collect(),
    };
    // An all-grey matrix would look broken; say why it is empty.
    let title = if open == 0 {
        format!(
            "{} · {}",
            i18n.get("chart_risk_matrix"),
            i18n.get("chart_no_open_risks")
        )
    } else {
        i18n.get("chart_risk_matrix").to_string()
    };
    let chart = Chart {
        kind: ChartKind::Heatmap,
        title,
        description: format!(
            "{}: {} {}.",
            i18n.get("chart_risk_matrix"),
            open,
            i18n.get("open_risks")
        ),
        x_label: i18n.get("risk_impact").to_string(),
        y_label: i18n.get("probability").to_string(),
        x: XAxis::Categories(cols.clone()),
        series: Vec::new(),
        rules: Vec::new(),
        heatmap: Some(Heatmap {
            rows,
            cols,
            values: counts,
            weights,
        }),
    };
    (chart, table)
}
