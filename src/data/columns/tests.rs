//! Unit tests of how table columns are recognised and told.

use super::*;

fn csv(text: &str) -> Table {
    crate::data::read::read_csv(
        std::path::Path::new("content/projects/p/budget.csv"),
        &std::sync::Arc::from(text),
        "projects/p/budget",
    )
    .unwrap()
}

/// Malformed hunt 8: `pv(万)` was told to be headed "`pv` or `pv`", and `PV (k)`
/// "`PV` or `pv`", one name twice; every multiple was told "万元 × 10,000, k × 1,000",
/// whichever it was.
#[test]
fn a_scaled_column_is_told_its_multiple_and_each_name_once() {
    let help = |column: &str| {
        scaled_help("budget", column)
            .map(|t| t.to_string())
            .unwrap_or_default()
    };
    for (column, unit, factor) in [
        ("pv(万)", "万", "10,000"),
        ("PV (k)", "k", "1,000"),
        ("pv [百万元]", "百万元", "1,000,000"),
        ("Pv（亿元）", "亿元", "100,000,000"),
        ("pv (Million)", "million", "1,000,000"),
        ("pv ('000)", "'000", "1,000"),
        ("pv(万美元)", "万美元", "10,000"),
    ] {
        let told = help(column);
        assert!(
            told.contains(&format!("in {unit}, {factor} of the currency's units"))
                && told.contains(&format!("multiply its amounts by {factor}")),
            "{column}: {told}"
        );
        assert!(told.contains("head it `pv`,"), "{column}: {told}");
        assert_eq!(told.matches("`pv`").count(), 1, "{column}: {told}");
        assert!(told.contains("never a multiple"), "{column}: {told}");
    }
    let named = help("计划值（万元）");
    assert!(named.contains("head it `计划值` or `pv`,"), "{named}");
    assert_eq!(help("计划值（元）"), "");
}

#[test]
fn columns_the_budget_does_not_read_are_named_with_the_one_meant() {
    let table = csv("period,pv,EV,actual_cost\n2024-01,1,1,1\n");
    let w: Vec<String> = unread("budget", &table, Unread::Misnamed)
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("budget.csv:1:14"), "{w:?}");
    assert!(
        w[0].contains("column `actual_cost` is not one the budget table reads"),
        "{w:?}"
    );
    assert!(w[0].contains("name it `ac`"), "{w:?}");
    let w: Vec<String> = unread(
        "budget",
        &csv("期间,计划价值,挣值,实际成本\n2024-01,1,1,1\n"),
        Unread::Misnamed,
    )
    .iter()
    .map(|d| d.to_string())
    .collect();
    assert_eq!(w.len(), 4, "{w:?}");
    for (column, meant) in [
        ("期间", "period"),
        ("计划价值", "pv"),
        ("挣值", "ev"),
        ("实际成本", "ac"),
    ] {
        assert!(
            w.iter()
                .any(|w| w.contains(&format!("`{column}`"))
                    && w.contains(&format!("name it `{meant}`"))),
            "{column}: {w:?}"
        );
    }
    let table = csv("period,pv,ev,ac\n2024-01,1,1,1\n");
    assert!(unread("budget", &table, Unread::Misnamed).is_empty());
    assert!(unread("budget", &table, Unread::Own).is_empty());
}

/// A header of 40,000 columns took 55 s and printed a warning per column (the fifth
/// malformed hunt): ten are told, the rest counted.
#[test]
fn many_unread_columns_are_told_ten_and_counted() {
    let extra: Vec<String> = (0..25).map(|i| format!("x{i}")).collect();
    let text = format!(
        "period,pv,ev,ac,{}\n2024-01,1,1,1,{}\n",
        extra.join(","),
        vec!["1"; 25].join(",")
    );
    let w: Vec<String> = unread("budget", &csv(&text), Unread::Own)
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(w.len(), 11, "{w:?}");
    assert!(w[0].contains("column `x0`"), "{w:?}");
    assert!(
        w[10].contains("15 more columns are not ones the budget table reads"),
        "{w:?}"
    );
}

/// `计划值（元）` was refused as "no column `pv`" with only English names to go by
/// (the fifth walk-through). A currency's own unit is read past; a multiple of it
/// (万元, k) is not read, as its amounts would be ten thousand times too small.
#[test]
fn a_unit_after_a_header_is_read_past_or_told_when_it_scales_the_amounts() {
    let mut t = csv("月份,计划值（元）,挣值(CNY),实际成本 [¥]\n2024-01,1,1,1\n");
    read_as_named(&mut t);
    assert_eq!(t.columns, ["period", "pv", "ev", "ac"]);
    // In a multiple, read converted on the decimals written (it was refused, and
    // before that left out): 1234.56 万元 is 12,345,600, 1.1 万元 11,000.
    let mut t =
        csv("月份,计划值（万元）,挣值（万元）,实际成本 (k)\n2024-01,1234.56,1.1,\"2,000.5\"\n");
    read_as_named(&mut t);
    assert_eq!(t.columns, ["period", "pv", "ev", "ac"]);
    assert_eq!(t.written(1), "计划值（万元）");
    assert_eq!(t.number(0, 1).unwrap(), Some(12_345_600.0));
    assert_eq!(t.number(0, 2).unwrap(), Some(11_000.0));
    assert_eq!(t.number(0, 3).unwrap(), Some(2_000_500.0));
    // Beside a column of the plain name it is an extra one, told with its multiple.
    let mut t = csv("月份,计划值,挣值,实际成本,挣值（万元）\n2024-01,1,1,1,1\n");
    read_as_named(&mut t);
    assert_eq!(t.columns[4], "挣值（万元）");
    let w = unread("budget", &t, Unread::Misnamed);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].to_string()
            .contains("`挣值（万元）` gives its amounts"),
        "{w:?}"
    );
    assert_eq!(unit_of("风险（高）"), None);
}

#[test]
fn a_project_tables_chinese_headers_are_read_as_named() {
    let mut t = csv("期间,计划价值,挣值,实际成本,备注\n2024-01,1,1,1,x\n");
    read_as_named(&mut t);
    assert_eq!(t.columns, ["period", "pv", "ev", "ac", "备注"]);
    // 备注 is still told, as the author's own: it changes no figure.
    assert!(unread("budget", &t, Unread::Misnamed).is_empty());
    assert_eq!(unread("budget", &t, Unread::Own).len(), 1);
    // A column already named wins; other tables are left as written.
    let mut t = csv("period,期间,pv,ev,ac\n2024-01,x,1,1,1\n");
    read_as_named(&mut t);
    assert_eq!(t.columns[1], "期间");
    let mut t = crate::data::read::read_csv(
        std::path::Path::new("data/x.csv"),
        &std::sync::Arc::from("期间,挣值\n2024-01,1\n"),
        "x",
    )
    .unwrap();
    read_as_named(&mut t);
    assert_eq!(t.columns, ["期间", "挣值"]);
}
