//! The portfolio dashboard's charts, built from the derived `portfolio` and `lessons`
//! tables with the same machinery as ```chart blocks.

use std::collections::BTreeMap;

use crate::blocks::{parse, BlockSpec, ChartSpec};
use crate::charts::build::{self, DataTable};
use crate::charts::model::{Chart, Rule};
use crate::content::schema::Rag;
use crate::data::Table;
use crate::i18n::I18n;

fn spec(text: &str) -> Option<ChartSpec> {
    match parse(true, text) {
        Ok(BlockSpec::Chart(c)) => Some(c),
        _ => None,
    }
}

/// Charts for the dashboard, each with its data table and page id.
pub fn charts(
    tables: &BTreeMap<String, Table>,
    i18n: &I18n,
) -> Vec<(Chart, DataTable, &'static str)> {
    let (Some(portfolio), Some(lessons)) = (tables.get("portfolio"), tables.get("lessons")) else {
        return Vec::new();
    };
    let t = |k: &str| i18n.get(k).replace('"', "'");
    // The portfolio's amounts are all in its one currency: the axis says which.
    let currency = portfolio
        .column("currency")
        .and_then(|c| (!portfolio.rows.is_empty()).then(|| portfolio.text(0, c)))
        .filter(|c| !c.is_empty());
    let amount_label = match &currency {
        Some(c) => t("chart_amount_in").replace("{currency}", c),
        None => t("chart_amount"),
    };
    let bac_eac_description = format!(
        "{amount_label} × {}: {}, {}",
        t("department"),
        t("bac"),
        t("chart_eac")
    );
    let defs: Vec<(&'static str, &Table, String)> = vec![
        ("rag-counts", portfolio, format!(
            "type = \"bar\"\ndata = \"portfolio\"\nx = \"rag_name\"\nseries = \"rag_name\"\naggregate = \"count\"\nsort = \"rag_order\"\ntitle = \"{}\"\nx_label = \"{}\"\ny_label = \"{}\"\n",
            t("chart_rag_counts"), t("rag"), t("chart_projects"))),
        ("cpi-spi", portfolio, format!(
            "type = \"scatter\"\ndata = \"portfolio\"\nx = \"cpi\"\ny = \"spi\"\nnames = [\"{}\"]\nlabel = \"title\"\nrules = [1.0]\ntitle = \"{}\"\nx_label = \"CPI\"\ny_label = \"SPI\"\n",
            t("chart_projects"), t("chart_cpi_vs_spi"))),
        ("bac-eac", portfolio, format!(
            "type = \"bar\"\ndata = \"portfolio\"\nx = \"department\"\ny = [\"bac\", \"eac\"]\naggregate = \"sum\"\ntitle = \"{}\"\nx_label = \"{}\"\ny_label = \"{}\"\ndescription = \"{}\"\n",
            t("chart_bac_eac"), t("department"), amount_label, bac_eac_description)),
        ("closed-per-year", portfolio, format!(
            "type = \"bar\"\ndata = \"portfolio\"\nx = \"closed_year\"\naggregate = \"count\"\nfilter = {{ status = \"closed\" }}\ntitle = \"{}\"\nx_label = \"{}\"\ny_label = \"{}\"\n",
            t("chart_closed_per_year"), t("chart_year"), t("chart_projects"))),
        ("lessons-by-category", lessons, format!(
            "type = \"bar\"\ndata = \"lessons\"\nx = \"category\"\naggregate = \"count\"\ntitle = \"{}\"\nx_label = \"{}\"\ny_label = \"{}\"\n",
            t("chart_lessons_by_category"), t("category"), t("chart_lessons"))),
        ("lessons-by-phase", lessons, format!(
            "type = \"stacked-bar\"\ndata = \"lessons\"\nx = \"phase_name\"\nseries = \"impact_name\"\naggregate = \"count\"\nsort = \"phase_order\"\ntitle = \"{}\"\nx_label = \"{}\"\ny_label = \"{}\"\n",
            t("chart_lessons_by_phase"), t("phase"), t("chart_lessons"))),
    ];
    let mut out = Vec::new();
    for (id, table, text) in defs {
        let Some(spec) = spec(&text) else { continue };
        let (mut chart, mut data) = build::chart(&spec, table);
        match id {
            // One series per status, each in its colour; the status words under the
            // bars say the same without colour.
            "rag-counts" => one_bar_per_status(&mut chart, &mut data, i18n),
            "cpi-spi" => {
                chart.rules.push(Rule {
                    horizontal: false,
                    value: 1.0,
                    // As the horizontal rule and the axes write it.
                    label: crate::data::table::format_number(1.0),
                });
                if let Some(first) = data.columns.first_mut() {
                    *first = i18n.get("project").to_string();
                }
            }
            "bac-eac" => {
                for (s, key) in chart.series.iter_mut().zip(["bac", "chart_eac"]) {
                    s.name = i18n.get(key).to_string();
                }
                for (c, key) in data.columns.iter_mut().skip(1).zip(["bac", "chart_eac"]) {
                    *c = i18n.get(key).to_string();
                }
            }
            "lessons-by-category" => sort_by_count(&mut chart, &mut data),
            _ => {}
        }
        if chart.series.iter().all(|s| s.points.is_empty()) {
            continue;
        }
        out.push((chart, data, id));
    }
    out
}

/// The status counts split by status give each status its own series (and colour), but
/// also a zero bar of every other status beside it: those go, so each status is one bar
/// over its word, and the data table is one row per status with its count.
fn one_bar_per_status(chart: &mut Chart, data: &mut DataTable, i18n: &I18n) {
    let mut rows = Vec::new();
    for s in &mut chart.series {
        s.rag = [Rag::Green, Rag::Amber, Rag::Red]
            .into_iter()
            .find(|&r| i18n.term(r) == s.name);
        s.points.retain(|p| p.y != 0.0);
        let count: f64 = s.points.iter().map(|p| p.y).sum();
        rows.push(vec![s.name.clone(), build::readable_number(count)]);
    }
    let label = data.columns.first().cloned().unwrap_or_default();
    data.columns = vec![label, i18n.get("chart_projects").to_string()];
    data.rows = rows;
}

/// Largest category first: a ranking reads better than an arbitrary order.
fn sort_by_count(chart: &mut Chart, data: &mut DataTable) {
    use crate::charts::model::XAxis;
    let XAxis::Categories(cats) = &chart.x else {
        return;
    };
    let Some(series) = chart.series.first() else {
        return;
    };
    let mut order: Vec<usize> = (0..cats.len()).collect();
    let value = |i: usize| {
        series
            .points
            .iter()
            .find(|p| p.x as usize == i)
            .map_or(0.0, |p| p.y)
    };
    order.sort_by(|&a, &b| value(b).total_cmp(&value(a)).then(a.cmp(&b)));
    let new_cats: Vec<String> = order.iter().map(|&i| cats[i].clone()).collect();
    for s in &mut chart.series {
        for p in &mut s.points {
            p.x = order.iter().position(|&i| i == p.x as usize).unwrap_or(0) as f64;
        }
        s.points.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    let rows = std::mem::take(&mut data.rows);
    data.rows = order.iter().filter_map(|&i| rows.get(i).cloned()).collect();
    chart.x = XAxis::Categories(new_cats);
}
