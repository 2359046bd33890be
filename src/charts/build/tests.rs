use super::*;
use crate::blocks::{parse, BlockSpec};

fn lessons() -> Table {
    let t = |s: &str| Cell::Text(s.into());
    Table {
        name: "lessons".into(),
        path: "<derived>".into(),
        source: None,
        columns: vec![
            "phase".into(),
            "impact".into(),
            "cost".into(),
            "month".into(),
        ],
        rows: vec![
            vec![t("执行"), t("negative"), Cell::Number(10.0), t("2024-02")],
            vec![t("规划"), t("positive"), Cell::Number(5.0), t("2024-01")],
            vec![t("执行"), t("positive"), Cell::Number(1.0), t("2024-03")],
        ],
        places: Vec::new(),
        renamed: Vec::new(),
        formats: Vec::new(),
    }
}

fn ys(series: &Series) -> Vec<f64> {
    series.points.iter().map(|p| p.y).collect()
}

fn spec(text: &str) -> ChartSpec {
    match parse(true, text).unwrap() {
        BlockSpec::Chart(c) => c,
        BlockSpec::Table(_) => panic!(),
    }
}

/// A long table (month, team, opened) with `series = "team"` and no `aggregate` drew
/// a bar per row under repeated month labels and stacked nothing (the second
/// walk-through): the rows of one month share its category across series.
#[test]
fn a_long_table_split_into_series_shares_each_x_across_series() {
    let t = |s: &str| Cell::Text(s.into());
    let opened = Table {
        name: "opened".into(),
        path: "<derived>".into(),
        source: None,
        columns: vec!["month".into(), "team".into(), "opened".into()],
        rows: vec![
            vec![t("2026-07"), t("开发"), Cell::Number(3.0)],
            vec![t("2026-07"), t("测试"), Cell::Number(2.0)],
            vec![t("2026-08"), t("开发"), Cell::Number(4.0)],
            vec![t("2026-08"), t("测试"), Cell::Number(1.0)],
            vec![t("2026-09"), t("开发"), Cell::Number(5.0)],
        ],
        places: Vec::new(),
        renamed: Vec::new(),
        formats: Vec::new(),
    };
    let (stacked, _) = chart(
            &spec("type = \"stacked-bar\"\ndata = \"opened\"\nx = \"month\"\ny = \"opened\"\nseries = \"team\"\n"),
            &opened,
        );
    let XAxis::Categories(categories) = &stacked.x else {
        panic!("{:?}", stacked.x)
    };
    assert_eq!(categories, &["2026-07", "2026-08", "2026-09"]);
    assert_eq!(stacked.series.len(), 2);
    assert_eq!(ys(&stacked.series[0]), [3.0, 4.0, 5.0]);
    assert_eq!(ys(&stacked.series[1]), [2.0, 1.0]);
    // A month repeated within one series is still drawn apart (and warned of).
    let mut twice = opened.clone();
    twice
        .rows
        .push(vec![t("2026-07"), t("开发"), Cell::Number(9.0)]);
    let (bars, _) = chart(
            &spec("type = \"bar\"\ndata = \"opened\"\nx = \"month\"\ny = \"opened\"\nseries = \"team\"\nsort = \"month\"\n"),
            &twice,
        );
    let XAxis::Categories(categories) = &bars.x else {
        panic!()
    };
    assert_eq!(categories.len(), 4, "{categories:?}");
}

/// Percent complete read 0.78 in a ```table block while every page says 78% (the
/// second walk-through).
#[test]
fn a_table_block_shows_percent_complete_as_a_percentage() {
    let t = |s: &str| Cell::Text(s.into());
    let projects = Table {
        name: "portfolio".into(),
        path: "<derived>".into(),
        source: None,
        columns: vec!["title".into(), "percent_complete".into(), "cpi".into()],
        rows: vec![vec![t("ERP 升级"), Cell::Number(0.784), Cell::Number(0.9)]],
        places: Vec::new(),
        renamed: Vec::new(),
        formats: Vec::new(),
    };
    let BlockSpec::Table(block) = parse(false, "data = \"portfolio\"\n").unwrap() else {
        panic!()
    };
    assert_eq!(table(&block, &projects).rows, [["ERP 升级", "78%", "0.90"]]);
}

#[test]
fn a_scatter_table_has_a_row_per_point_with_its_label_and_rounded_numbers() {
    let t = |s: &str| Cell::Text(s.into());
    let projects = Table {
        name: "portfolio".into(),
        path: "<derived>".into(),
        source: None,
        columns: vec!["title".into(), "cpi".into(), "spi".into()],
        rows: vec![
            vec![t("ERP 升级"), Cell::Number(1.0238), Cell::Number(0.9)],
            vec![t("数据中心迁移"), Cell::Number(0.8912), Cell::Number(1.0)],
        ],
        places: Vec::new(),
        renamed: Vec::new(),
        formats: Vec::new(),
    };
    let (_, data) = chart(
            &spec("type = \"scatter\"\ndata = \"portfolio\"\nx = \"cpi\"\ny = \"spi\"\nlabel = \"title\"\nx_label = \"CPI\"\ny_label = \"SPI\"\n"),
            &projects,
        );
    assert_eq!(data.columns, ["title", "CPI", "SPI"]);
    assert_eq!(
        data.rows,
        [
            ["ERP 升级", "1.02", "0.90"],
            ["数据中心迁移", "0.89", "1.00"]
        ],
        "ratios always with two decimals"
    );
    // A table block over the same columns: ratios two decimals, others as usual.
    let block = match parse(
        false,
        "data = \"portfolio\"\ncolumns = [\"title\", \"cpi\", \"spi\"]\n",
    ) {
        Ok(BlockSpec::Table(t)) => t,
        other => panic!("{other:?}"),
    };
    let shown = table(&block, &projects);
    assert_eq!(shown.rows[1], ["数据中心迁移", "0.89", "1.00"]);
    assert_eq!(readable_in("bac", 1.0), "1");
}

#[test]
fn counts_rows_per_category() {
    let (chart, data) = chart(
        &spec("type = \"bar\"\ndata = \"lessons\"\nx = \"phase\"\naggregate = \"count\"\n"),
        &lessons(),
    );
    assert_eq!(
        chart.x,
        XAxis::Categories(vec!["执行".into(), "规划".into()])
    );
    assert_eq!(ys(&chart.series[0]), [2.0, 1.0]);
    assert_eq!(data.rows, [["执行", "2"], ["规划", "1"]]);
}

#[test]
fn splits_series_by_a_column() {
    let (chart, _) = chart(
            &spec("type = \"stacked-bar\"\ndata = \"lessons\"\nx = \"phase\"\nseries = \"impact\"\naggregate = \"count\"\n"),
            &lessons(),
        );
    let names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["negative", "positive"]);
}

/// A rule at a budget's amount was labelled `1200000` beside an axis of `1,200,000`
/// (the second walk-through).
#[test]
fn a_rules_label_is_written_as_the_axis_writes_numbers() {
    let (chart, _) = chart(
            &spec("type = \"line\"\ndata = \"lessons\"\nx = \"month\"\ny = \"cost\"\nrules = [1200000.0, 0.95]\n"),
            &lessons(),
        );
    let labels: Vec<&str> = chart.rules.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["1,200,000", "0.95"]);
    // Its description names the series once (it read `cost × month: cost`).
    assert_eq!(chart.description, "cost × month");
}

#[test]
fn months_are_ordered_and_can_accumulate() {
    let (chart, data) = chart(
        &spec(
            "type = \"line\"\ndata = \"lessons\"\nx = \"month\"\ny = \"cost\"\ncumulative = true\n",
        ),
        &lessons(),
    );
    assert_eq!(
        chart.x,
        XAxis::Categories(vec!["2024-01".into(), "2024-02".into(), "2024-03".into()])
    );
    assert_eq!(ys(&chart.series[0]), [5.0, 15.0, 16.0]);
    // Its table says what the line draws, the running totals (the second walk-through:
    // it listed each month's own amount under a cumulative chart).
    let column: Vec<&str> = data.rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(column, ["5", "15", "16"]);
}

#[test]
fn filter_sort_and_limit() {
    let selection = Selection {
        filter: toml::from_str("impact = \"positive\"").unwrap(),
        sort: Some("-cost".into()),
        limit: Some(1),
    };
    assert_eq!(select(&lessons(), &selection), [1]);
}

/// A year or a month code in a YAML or JSON table showed grouped as an amount
/// (`2,024`, `202,402`); a column named for labels shows its whole numbers as written.
#[test]
fn years_months_and_ids_are_shown_as_written() {
    for (column, n, shown) in [
        ("年份", 2024.0, "2024"),
        ("Year", 2024.0, "2024"),
        ("月份", 202402.0, "202402"),
        ("project_id", 12345.0, "12345"),
        ("合同编号", 20240001.0, "20240001"),
        ("金额", 2024.0, "2,024"),
        ("headcount", 1860.0, "1,860"),
    ] {
        assert_eq!(super::readable_in(column, n), shown, "{column} {n}");
    }
}
