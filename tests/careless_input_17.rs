//! Careless input that showed a figure as right that was not, or counted a row twice
//! without a word (the seventeenth malformed hunt).

mod common;

use common::Site;

fn report(site: &Site, blocks: &str) {
    site.write(
        "content/reports/careless.md",
        format!("---\ntitle: 粗心的输入\ndate: 2026-11-01\n---\n\n{blocks}\n"),
    );
}

/// The cells of the page's tables, in order.
fn cells(html: &str) -> Vec<String> {
    html.split("<td")
        .skip(1)
        .filter_map(|rest| {
            let rest = &rest[rest.find('>')? + 1..];
            Some(rest[..rest.find("</td>")?].trim().to_string())
        })
        .collect()
}

/// A defect rate of 0.35 % kept as 0.0035 (a JSON or workbook number) was shown as `0`
/// by a ```table block and by a chart's table of figures, 0.012 as `0.01`, and a rate of
/// 0.00045 (rupiah into yuan) as `0` in the portfolio: two decimals are no way to write
/// a figure below one. Such a figure keeps two significant digits; larger ones read
/// as before.
#[test]
fn a_figure_below_one_is_never_shown_as_zero() {
    let site = Site::fixture("basic");
    site.write(
        "data/quality.json",
        r#"[{"团队": "研发一部", "缺陷率": 0.0035, "返工率": 0.12, "工时": 1234.5},
 {"团队": "研发二部", "缺陷率": 0.0042, "返工率": 0.78, "工时": 12.346},
 {"团队": "测试部", "缺陷率": 0.012, "返工率": -0.0007, "工时": 0}]"#,
    );
    report(
        &site,
        "```table\ndata = \"quality\"\n```\n\n```chart\ntype = \"bar\"\ndata = \"quality\"\nx = \"团队\"\ny = \"缺陷率\"\n```\n",
    );
    site.build_ok();
    let shown = cells(&site.read("reports/careless/index.html"));
    let block: Vec<&str> = shown.iter().take(12).map(String::as_str).collect();
    assert_eq!(
        block,
        [
            "研发一部",
            "0.0035",
            "0.12",
            "1,235",
            "研发二部",
            "0.0042",
            "0.78",
            "12.35",
            "测试部",
            "0.012",
            "-0.0007",
            "0"
        ],
        "{shown:?}"
    );
    // The chart's own table of figures.
    let chart: Vec<&str> = shown.iter().skip(12).map(String::as_str).collect();
    assert_eq!(
        chart,
        [
            "研发一部",
            "0.0035",
            "研发二部",
            "0.0042",
            "测试部",
            "0.012"
        ],
        "{shown:?}"
    );

    // A project in rupiah: its rate into yuan, in a table over the portfolio.
    let site = Site::fixture("basic");
    site.set_project_field("erp", "currency", "IDR");
    site.write(
        "site.toml",
        format!(
            "{}\n[currency]\nportfolio = \"CNY\"\nrates = {{ IDR = 0.00045 }}\n",
            std::fs::read_to_string(site.root().join("site.toml")).unwrap_or_default()
        ),
    );
    report(
        &site,
        "```table\ndata = \"portfolio\"\ncolumns = [\"project\", \"rate\"]\n```\n",
    );
    site.build_ok();
    let shown = cells(&site.read("reports/careless/index.html"));
    assert_eq!(shown, ["erp", "0.00045"], "{shown:?}");
}

/// A department's subtotal named for what it adds up (`研发中心小计`, `市场部 小计`,
/// `Total 2024`) was drawn as one more bar beside the rows it sums, and counted again
/// by `aggregate = "sum"`, without a word: only a bare `合计` or `Total` was told.
/// A label merely starting with such a word (`总计划评审`, the master plan's review)
/// is none.
#[test]
fn a_subtotal_named_for_what_it_adds_up_is_warned_in_a_chart() {
    let chart = "```chart\ntype = \"bar\"\ndata = \"cost\"\nx = \"部门\"\ny = \"成本\"\naggregate = \"sum\"\n```\n";
    for (label, line) in [
        ("研发中心小计", 4),
        ("市场部 小计", 4),
        ("Total 2024", 4),
        ("一季度合计（万元）", 4),
    ] {
        let site = Site::fixture("basic");
        site.write(
            "data/cost.csv",
            format!(
                "部门,季度,成本\n研发中心,Q1,120000\n研发中心,Q2,130000\n{label},,250000\n市场部,Q1,80000\n"
            ),
        );
        report(&site, chart);
        let warnings = site.warnings();
        let told = format!("`{label}` (data/cost.csv line {line}) looks like a totals row");
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("content/reports/careless.md:") && w.contains(&told)),
            "{label}: {warnings:#?}"
        );
    }
    let site = Site::fixture("basic");
    site.write(
        "data/cost.csv",
        "部门,季度,成本\n总计划评审,Q1,120000\n累计投入,Q2,130000\n数据汇总,Q2,1000\n",
    );
    report(&site, chart);
    let warnings = site.warnings();
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("looks like a totals row")),
        "{warnings:#?}"
    );
}

/// A progress column pasted from two exports (`0.85`, `0.9`, then `92` for 92 %) was
/// drawn with the 92 a hundred times the others, a project at 9,200 %, without a word.
/// It is warned at the block's `y`, naming the odd cell and one of the others; a column
/// of percentages small and large (`缺陷率（%）`: 0.5, 2.3) is no such mix.
#[test]
fn shares_written_as_fractions_and_percentages_in_one_column_are_warned() {
    // The warnings of a bar chart of `column` over data/progress.csv holding `rows`.
    let warnings = |column: &str, rows: &str| {
        let site = Site::fixture("basic");
        site.write("data/progress.csv", format!("项目,{column}\n{rows}"));
        report(
            &site,
            &format!("```chart\ntype = \"bar\"\ndata = \"progress\"\nx = \"项目\"\ny = \"{column}\"\n```\n"),
        );
        site.warnings()
    };
    let told = warnings(
        "完成率",
        "ERP升级,0.85\nCRM上线,0.9\n数据中台,92\nOA改造,0.6\n",
    );
    assert!(
        told.iter().any(|w| w.contains("content/reports/careless.md:")
            && w.contains("`完成率` holds shares written two ways: `92` (data/progress.csv line 4) beside `0.85` (line 2)")),
        "{told:#?}"
    );
    let told = warnings(
        "缺陷率（%）",
        "ERP升级,0.5\nCRM上线,2.3\n数据中台,0.8\nOA改造,3.1\n",
    );
    assert!(
        !told.iter().any(|w| w.contains("written two ways")),
        "{told:#?}"
    );
}
