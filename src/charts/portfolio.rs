//! The portfolio dashboard's charts, built from the derived `portfolio` and `lessons`
//! tables with the same machinery as ```chart blocks.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::blocks::{parse, BlockSpec, ChartSpec};
use crate::charts::build::{self, DataTable};
use crate::charts::model::{Chart, Rule, Tone};
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
    let currency = crate::derive::tables::portfolio_currency(portfolio);
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
    let unset = i18n.get("value_unset");
    let (by_rag, by_department) = (
        blank_named(portfolio, "rag_name", i18n.get("rag_unrated")),
        with_eac(&blank_named(portfolio, "department", unset)),
    );
    let by_category = blank_named(lessons, "category", unset);
    let defs: Vec<(&'static str, &Table, String)> = vec![
        ("rag-counts", &by_rag, format!(
            "type = \"bar\"\ndata = \"portfolio\"\nx = \"rag_name\"\nseries = \"rag_name\"\naggregate = \"count\"\nsort = \"rag_order\"\ntitle = \"{}\"\nx_label = \"{}\"\ny_label = \"{}\"\n",
            t("chart_rag_counts"), t("rag"), t("chart_projects"))),
        ("cpi-spi", portfolio, format!(
            "type = \"scatter\"\ndata = \"portfolio\"\nx = \"cpi\"\ny = \"spi\"\nnames = [\"{}\"]\nlabel = \"title\"\nrules = [1.0]\ntitle = \"{}\"\nx_label = \"CPI\"\ny_label = \"SPI\"\n",
            t("chart_projects"), t("chart_cpi_vs_spi"))),
        ("bac-eac", &by_department, format!(
            "type = \"bar\"\ndata = \"portfolio\"\nx = \"department\"\ny = [\"bac\", \"eac\"]\naggregate = \"sum\"\ntitle = \"{}\"\nx_label = \"{}\"\ny_label = \"{}\"\ndescription = \"{}\"\n",
            t("chart_bac_eac"), t("department"), amount_label, bac_eac_description)),
        ("closed-per-year", portfolio, format!(
            "type = \"bar\"\ndata = \"portfolio\"\nx = \"closed_year\"\naggregate = \"count\"\nfilter = {{ status = \"closed\" }}\ntitle = \"{}\"\nx_label = \"{}\"\ny_label = \"{}\"\n",
            t("chart_closed_per_year"), t("chart_year"), t("chart_projects"))),
        ("lessons-by-category", &by_category, format!(
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
        s.tone = [Rag::Green, Rag::Amber, Rag::Red]
            .into_iter()
            .find(|&r| i18n.term(r) == s.name)
            .map(Tone::Rag);
        // Projects with no status yet (no figures, none set by hand): grey.
        if s.name == i18n.get("rag_unrated") {
            s.tone = Some(Tone::Unrated);
        }
        s.points.retain(|p| p.y != 0.0);
        let count: f64 = s.points.iter().map(|p| p.y).sum();
        rows.push(vec![s.name.clone(), build::readable_number(count)]);
    }
    let label = data.columns.first().cloned().unwrap_or_default();
    data.columns = vec![label, i18n.get("chart_projects").to_string()];
    data.rows = rows;
}

/// `table` with the empty cells of `column` holding `word`: the rows that leave a
/// grouping column empty (projects with no RAG or `department`, lessons with no
/// `category`) are one category named for that, where they were a bar and a table row
/// with no label (and the unrated projects a bar in the palette's green).
///
/// Copied only when some cell is empty: the lessons table of 100,000 pages is tens of
/// megabytes.
fn blank_named<'t>(table: &'t Table, column: &str, word: &str) -> Cow<'t, Table> {
    let blank = |cell: &crate::data::Cell| cell.display().trim().is_empty();
    let Some(c) = table.column(column) else {
        return Cow::Borrowed(table);
    };
    if !(0..table.rows.len()).any(|r| blank(table.cell(r, c))) {
        return Cow::Borrowed(table);
    }
    let mut out = table.clone();
    for row in &mut out.rows {
        if let Some(cell) = row.get_mut(c).filter(|cell| blank(cell)) {
            *cell = crate::data::Cell::Text(word.to_string());
        }
    }
    Cow::Owned(out)
}

/// The rows of the portfolio with an EAC: BAC summed over every project beside EAC over
/// those with one made a department look 30% under budget that was 15% over. The
/// dashboard says how many are left out ([`without_eac`]).
fn with_eac(table: &Table) -> Table {
    let mut out = table.clone();
    if let Some(c) = out.column("eac") {
        let keep: Vec<bool> = out
            .rows
            .iter()
            .map(|row| {
                row.get(c)
                    .is_some_and(|cell| *cell != crate::data::Cell::Empty)
            })
            .collect();
        let mut k = keep.iter();
        out.rows.retain(|_| k.next().copied().unwrap_or(false));
        let mut k = keep.iter();
        out.places.retain(|_| k.next().copied().unwrap_or(false));
    }
    out
}

/// How many projects of the portfolio the BAC/EAC chart leaves out for want of an EAC
/// (no figures yet, or none to compute it from).
pub fn without_eac(portfolio: &Table) -> usize {
    portfolio.column("eac").map_or(0, |c| {
        (0..portfolio.rows.len())
            .filter(|&r| *portfolio.cell(r, c) == crate::data::Cell::Empty)
            .count()
    })
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
