//! Careless input that showed a figure or a table as right that was not, or was told
//! without its place (the fourteenth malformed hunt).

mod common;

use common::Site;

/// The periods of the budget table on the project page `rel`, in the order shown.
fn budget_periods_shown(html: &str) -> Vec<String> {
    let start = html.find("class=\"block budget\"").expect("a budget table");
    let table = &html[start..];
    let table = &table[..table.find("</table>").unwrap()];
    table
        .split("<th scope=\"row\" class=\"nowrap\">")
        .skip(1)
        .map(|cell| cell[..cell.find('<').unwrap()].to_string())
        .collect()
}

/// A budget whose rows are out of period order (2024-03 above 2024-01, or a sheet sorted
/// newest first) was listed in the file's order, and "the latest 60 of 63 periods" were
/// the file's last sixty rows: with the newest first, the oldest months, under a note
/// saying they were the latest.
#[test]
fn a_budget_out_of_period_order_is_listed_in_time_order() {
    let site = Site::fixture("basic");
    let month = |i: usize| format!("{}-{:02}", 2020 + i / 12, i % 12 + 1);
    let mut rows: Vec<String> = (0..63)
        .map(|i| format!("{},50000,48000,49000", month(i)))
        .collect();
    rows.reverse();
    site.write(
        "content/projects/erp/budget.csv",
        format!("period,pv,ev,ac\n{}\n", rows.join("\n")),
    );
    site.build_ok();
    let shown = budget_periods_shown(&site.read("projects/erp/index.html"));
    let latest: Vec<String> = (3..63).map(month).collect();
    assert_eq!(shown, latest);
}
