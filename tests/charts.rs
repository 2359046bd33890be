//! Charts on project pages, the dashboard, and ```chart / ```table blocks.

mod common;

use common::{assert_measured, assert_well_formed, chromium_probe, Site};

/// Every `<svg>…</svg>` in a page.
fn svgs(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let Some(end) = rest[start..].find("</svg>") else {
            break;
        };
        out.push(&rest[start..start + end + 6]);
        rest = &rest[start + end + 6..];
    }
    out
}

/// The wide drawing of each chart in a page (each also has a medium and a narrow one).
fn wide(html: &str) -> Vec<&str> {
    svgs(html)
        .into_iter()
        .filter(|s| s.contains(" chart-wide\""))
        .collect()
}

#[test]
fn project_pages_carry_their_four_charts() {
    let site = Site::fixture("basic");
    site.build_ok();
    let html = site.read("projects/erp/index.html");
    for id in [
        "evm-s-curve",
        "cpi-spi-trend",
        "milestone-slip",
        "risk-matrix",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "missing chart {id}");
    }
    let all = svgs(&html);
    assert_eq!(
        all.len(),
        12,
        "a wide, a medium and a narrow drawing of each"
    );
    for layout in ["chart-medium", "chart-narrow"] {
        let n = all
            .iter()
            .filter(|s| s.contains(&format!(" {layout}\"")))
            .count();
        assert_eq!(n, 4, "{layout}");
    }
    let charts = wide(&html);
    for svg in &all {
        assert_well_formed(svg);
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id="), "accessible title");
        assert!(svg.contains("<desc id="), "accessible description");
    }
    // The S-curve names its series and shows the BAC line; the slip chart its milestones.
    assert!(charts[0].contains("计划价值"), "PV series label");
    assert!(charts[0].contains("BAC 3,200,000"));
    assert!(charts[2].contains("上线"));
    // The numbers are available as a table too.
    assert!(html.contains("class=\"chart-data\""));
    assert!(!charts[3].contains("没有未关闭的风险"), "R1 is open");

    // With every risk closed the matrix says why it is empty.
    site.write(
        "content/projects/erp/risks.csv",
        "id,title,probability,impact,owner,status,response\nR1,供应商延期,4,5,张伟,closed,已解决\n",
    );
    site.build_ok();
    let html = site.read("projects/erp/index.html");
    assert!(wide(&html)[3].contains("没有未关闭的风险"));
}

#[test]
fn the_dashboard_summarises_the_portfolio() {
    let site = Site::fixture("basic");
    site.build_ok();
    let html = site.read("dashboard/index.html");
    assert!(html.contains("ERP 升级"));
    assert!(html.contains("id=\"cpi-spi\""));
    for svg in svgs(&html) {
        assert_well_formed(svg);
    }
    assert!(
        site.read("index.html").contains("dashboard/"),
        "linked from the home page"
    );
}

#[test]
fn chart_and_table_blocks_render_inside_pages() {
    let site = Site::fixture("basic");
    site.build_ok();
    let html = site.read("reports/charts/index.html");
    assert!(!html.contains("pmo-block"), "every block marker replaced");
    assert_eq!(
        wide(&html).len(),
        2,
        "two charts; the table block is a table"
    );
    assert!(html.contains("预算与完工估算"));
    // The table block lists lessons sorted by title with localized phase names.
    let table = &html[html.find("全部经验教训").unwrap()..];
    assert!(table.contains("Key users in every department"));
    assert!(table.contains("规划"));
}

/// `chart_colors` in site.toml puts the organisation's colours on every chart — project
/// pages, the dashboard, ```chart blocks — as fixed colours in the SVG (a chart copied
/// into a slide keeps them); without it the theme's.
#[test]
fn site_chart_colors_paint_every_chart() {
    let site = Site::fixture("basic");
    site.build_ok();
    let theme_project = site.read("projects/erp/index.html");
    assert!(
        theme_project.contains("#1F5E99"),
        "the theme's first colour"
    );
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("chart_colors = [\"#9C2A2A\", \"#0a7\"]\n{toml}"),
    );
    site.build_ok();
    for page in [
        "projects/erp/index.html",
        "dashboard/index.html",
        "reports/charts/index.html",
    ] {
        let html = site.read(page);
        let charts = wide(&html).join("");
        assert!(
            charts.contains("#9C2A2A"),
            "{page}: the site's first colour"
        );
        assert!(!charts.contains("#1F5E99"), "{page}: no theme colour left");
    }
    let project = site.read("projects/erp/index.html");
    assert!(project.contains("#00AA77"), "#0a7 is #00aa77");
}

#[test]
fn charts_are_byte_identical_across_builds() {
    let site = Site::fixture("basic");
    site.build_ok();
    let first = site.read("projects/erp/index.html");
    let dash = site.read("dashboard/index.html");
    site.build_ok();
    assert_eq!(site.read("projects/erp/index.html"), first);
    assert_eq!(site.read("dashboard/index.html"), dash);
}

/// A page holding every distinct chart drawing of the built `site` at its natural size,
/// which runs tests/chart_labels.js (as bench/chart_labels.py does over big sites).
fn all_charts_page(site: &Site) -> std::path::PathBuf {
    let mut seen = std::collections::HashSet::new();
    let mut body = String::new();
    for entry in walkdir::WalkDir::new(site.public()).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let page = entry.path().strip_prefix(site.public()).unwrap().display();
        for svg in svgs(&html) {
            if !svg.contains("class=\"chart ") || !seen.insert(svg.to_string()) {
                continue;
            }
            let width = svg
                .split("viewBox=\"0 0 ")
                .nth(1)
                .and_then(|v| v.split(' ').next())
                .unwrap_or("720");
            body.push_str(&format!(
                "<div data-chart-source=\"{page}\" style=\"width:{width}px\">{svg}</div>"
            ));
        }
    }
    let probe = include_str!("chart_labels.js");
    let path = site.public().join("all-charts.html");
    std::fs::write(
        &path,
        format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>charts</title></head>\
             <body style=\"margin:0\">{body}<script>{probe}\nwindow.addEventListener('load', \
             () => {{ document.body.dataset.probe = chartLabels(0); }});</script></body></html>"
        ),
    )
    .unwrap();
    path
}

/// No label of any chart of the sample portal, in either language, is drawn over another
/// or sticks out of its chart, as Chromium lays them out (the fonts are the machine's).
#[test]
fn no_chart_label_of_the_sample_portal_overlaps_another_in_the_browser() {
    for language in ["zh-CN", "en"] {
        let site = Site::sample_in(language);
        site.build_ok();
        let page = all_charts_page(&site);
        let result = chromium_probe(&format!("file://{}", page.display()), "1280,2000", 20000);
        let found: serde_json::Value = serde_json::from_str(&result).unwrap();
        assert_measured(&found, 20, 300, language);
        assert_eq!(found["overlaps"], serde_json::json!([]), "{language}");
        assert_eq!(found["outside"], serde_json::json!([]), "{language}");
    }
}

/// A column with no values yet (the budget of a project that has not reported, so no
/// `pv`, and no `eac` in the portfolio) is no column of text: the charts over it are
/// drawn empty instead of failing the build with "`pv` holds text values".
#[test]
fn a_chart_over_a_column_without_values_is_drawn_empty() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,,,\n",
    );
    let m = site.build_err();
    // A row without its planned value is refused at its cell…
    assert!(m.contains("budget.csv:2:9"), "{m}");
    assert!(!m.contains("holds text values"), "{m}");
    // …a table with no rows builds, with the charts over it empty.
    site.write("content/projects/erp/budget.csv", "period,pv,ev,ac\n");
    site.build_ok();
    let html = site.read("reports/charts/index.html");
    assert!(!wide(&html).is_empty(), "{html}");
}

/// A page with one ```chart or ```table block (`block`, its lines between the fences)
/// over `data/工时.csv`, the block's fence on line 8. The warnings of its build.
fn block_warnings(block: &str) -> Vec<String> {
    let site = Site::fixture("basic");
    site.write(
        "data/工时.csv",
        "部门,状态,工时\n财务部,进行中,120\n采购部,已完成,80\n财务部,已完成,40\n",
    );
    site.write(
        "content/reports/工时.md",
        format!("---\ntitle: 部门工时\ndate: 2024-12-30\n---\n\n各部门本月工时：\n\n{block}\n"),
    );
    let report = site.build_ok();
    report.warnings.iter().map(ToString::to_string).collect()
}

/// Rows repeating an x value in a chart that does not group them drew two bars both
/// labelled 财务部, with no word of it: the build warns at the block's `x`, naming the
/// value and the setting that groups them.
#[test]
fn a_chart_repeating_an_x_value_without_aggregate_warns_at_its_block() {
    let chart = "```chart\ntype = \"bar\"\ndata = \"工时\"\nx = \"部门\"\ny = \"工时\"\n```";
    let warnings = block_warnings(chart);
    let repeated: Vec<&String> = warnings.iter().filter(|w| w.contains("财务部")).collect();
    assert_eq!(repeated.len(), 1, "{warnings:?}");
    assert!(
        repeated[0].contains("content/reports/工时.md:11:"),
        "{warnings:?}"
    );
    assert!(repeated[0].contains("aggregate = \"sum\""), "{warnings:?}");
    // Grouped, or split into series by a column that tells the rows apart: no warning.
    let grouped = chart.replace("y = \"工时\"", "y = \"工时\"\naggregate = \"sum\"");
    assert!(block_warnings(&grouped)
        .iter()
        .all(|w| !w.contains("财务部")));
    let split = chart.replace("y = \"工时\"", "y = \"工时\"\nseries = \"状态\"");
    assert!(block_warnings(&split).iter().all(|w| !w.contains("财务部")));
    // Every value repeated is counted, not only the first: fixing 财务部 alone would
    // leave 采购部 drawn twice without a word.
    let site = Site::fixture("basic");
    site.write(
        "data/工时.csv",
        "部门,工时\n财务部,120\n采购部,80\n财务部,40\n采购部,10\n信息部,5\n信息部,6\n",
    );
    site.write(
        "content/reports/工时.md",
        format!("---\ntitle: 部门工时\ndate: 2024-12-30\n---\n\n{chart}\n"),
    );
    let warnings: Vec<String> = site
        .build_ok()
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect();
    let repeated: Vec<&String> = warnings.iter().filter(|w| w.contains("财务部")).collect();
    assert_eq!(repeated.len(), 1, "{warnings:?}");
    assert!(
        repeated[0].contains("and 2 more values (`采购部`, `信息部`)"),
        "{warnings:?}"
    );
}

/// A `filter` value no row has (a typo, a status renamed since) left the table empty
/// without a word: the build warns at the block's `filter`, naming the column, the value
/// and the values the column has, closest first.
#[test]
fn a_filter_value_no_row_has_warns_with_the_closest_values() {
    let table = "```table\ndata = \"工时\"\nfilter = { \"状态\" = \"已完\" }\n```";
    let warnings = block_warnings(table);
    let unmatched: Vec<&String> = warnings.iter().filter(|w| w.contains("已完`")).collect();
    assert_eq!(unmatched.len(), 1, "{warnings:?}");
    let w = unmatched[0];
    assert!(w.contains("content/reports/工时.md:10:"), "{w}");
    assert!(w.contains("`状态`"), "{w}");
    let closest = w.find("已完成").expect("the values listed");
    assert!(
        closest < w.find("进行中").unwrap_or(usize::MAX),
        "closest first: {w}"
    );
    // One of several values matching keeps the block quiet; a chart is told the same.
    let either = table.replace("\"已完\"", "[\"已完成\", \"已完\"]");
    assert!(block_warnings(&either).iter().all(|w| !w.contains("已完`")));
    let chart = "```chart\ntype = \"bar\"\ndata = \"工时\"\nx = \"部门\"\ny = \"工时\"\nfilter = { \"状态\" = \"进行\" }\n```";
    assert!(block_warnings(chart)
        .iter()
        .any(|w| w.contains("进行`") && w.contains(":13:")));
}

/// `filter = { 状态 = [] }` kept no row and `filter = { 状态 = { a = 1 } }` compared the
/// rows with a TOML table's text: each showed an empty block with no error. A filter's
/// value is a value or a non-empty list of values, else an error at the block's filter.
#[test]
fn a_filter_value_that_is_no_value_is_an_error_at_the_block() {
    for value in ["[]", "{ a = 1 }", "[[\"已完成\"]]"] {
        let site = Site::fixture("basic");
        site.write(
            "data/工时.csv",
            "部门,状态,工时\n财务部,进行中,120\n采购部,已完成,80\n",
        );
        site.write(
            "content/reports/工时.md",
            format!("---\ntitle: 部门工时\ndate: 2024-12-30\n---\n\n```table\ndata = \"工时\"\nfilter = {{ \"状态\" = {value} }}\n```\n"),
        );
        let m = site.build_err();
        assert!(m.contains("content/reports/工时.md:8:1"), "{value}: {m}");
        assert!(m.contains("`状态`"), "{value}: {m}");
        assert!(!site.public().exists(), "nothing may be written");
    }
}

/// `sort = "-"` (or `sort = ""`) was told "`sort` names the column ``, which table …
/// does not have": it names no column at all, and is told so with the two forms.
#[test]
fn a_sort_naming_no_column_is_told_so() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/排序.md",
        "---\ntitle: 排序\ndate: 2024-12-30\n---\n\n```table\ndata = \"lessons\"\nsort = \"-\"\n```\n",
    );
    let m = site.build_err();
    assert!(m.contains("content/reports/排序.md:8:1"), "{m}");
    assert!(!m.contains("``"), "{m}");
    assert!(m.contains("sort = \"-title\""), "{m}");
}

/// A chart over an empty data file was told its column is missing, then "columns of
/// `部门`:" and nothing: the file itself is the cause, and is named. A file with nothing
/// in it is refused where it is; an empty list is a table with no rows, so the chart
/// says it has no columns and names the file.
#[test]
fn a_chart_over_an_empty_data_file_names_the_file() {
    for empty in ["", "[]\n"] {
        let site = Site::fixture("basic");
        site.write("data/部门人数.yaml", empty);
        site.write(
            "content/reports/人数.md",
            "---\ntitle: 人数\ndate: 2024-12-30\n---\n\n```chart\ntype = \"bar\"\ndata = \"部门人数\"\nx = \"部门\"\ny = \"人数\"\n```\n",
        );
        let m = site.build_err();
        if empty.is_empty() {
            assert!(m.contains("data/部门人数.yaml:1:1"), "{m}");
            assert!(m.contains("the file is empty"), "{m}");
        } else {
            assert!(m.contains("content/reports/人数.md:9:1"), "{empty:?}: {m}");
            assert!(m.contains("data/部门人数.yaml"), "{empty:?}: {m}");
            assert!(m.contains("no columns at all"), "{empty:?}: {m}");
        }
    }
}

/// One cell of words in a column of numbers (`十二` for 12) made the chart's error the
/// column's ("holds text values") without saying which cell: it names the cell, and
/// is told there (the twenty-fifth malformed hunt), naming the chart.
#[test]
fn a_chart_over_numbers_with_one_word_among_them_names_the_cell() {
    let site = Site::fixture("basic");
    site.write(
        "data/部门人数.csv",
        "部门,人数\n采购部,18\n财务部,十二\n信息中心,25\n",
    );
    site.write(
        "content/reports/人数.md",
        "---\ntitle: 人数\ndate: 2024-12-30\n---\n\n```chart\ntype = \"bar\"\ndata = \"部门人数\"\nx = \"部门\"\ny = \"人数\"\n```\n",
    );
    let m = site.build_err();
    assert!(m.contains("data/部门人数.csv:3:5"), "{m}");
    assert!(m.contains("content/reports/人数.md line 10"), "{m}");
    assert!(
        m.contains("data/部门人数.csv line 3: `十二` would be 12"),
        "{m}"
    );
}

/// A filter over two columns whose values each some row holds but no row both showed an
/// empty block without a word (each column alone passed the check): warned at `filter`.
#[test]
fn a_filter_whose_conditions_exclude_each_other_warns() {
    let table =
        "```table\ndata = \"工时\"\nfilter = { \"部门\" = \"采购部\", \"状态\" = \"进行中\" }\n```";
    let warnings = block_warnings(table);
    let told: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("no row of `工时` does"))
        .collect();
    assert_eq!(told.len(), 1, "{warnings:?}");
    assert!(
        told[0].contains("content/reports/工时.md:10:"),
        "{warnings:?}"
    );
    // Values some row holds together: no warning.
    let together = table.replace("采购部", "财务部");
    assert!(block_warnings(&together)
        .iter()
        .all(|w| !w.contains("no row of")));
}

/// A filter written with the label the portal shows (`rag = "黄"`) matched nothing and
/// listed the table's values without saying 黄 is amber (the second walk-through).
#[test]
fn a_filter_value_written_as_the_portal_shows_it_is_told_the_word_to_write() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/filtered.md",
        "---\ntitle: 黄灯项目\ndate: 2024-12-30\n---\n\n黄灯项目如下。\n\n```table\ndata = \"portfolio\"\nfilter = { rag = \"黄\" }\n```\n",
    );
    let report = site.build_ok();
    let told: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        told.iter().any(|w| w.contains("filtered.md:")
            && w.contains("`黄` is how the portal shows `amber`")
            && w.contains("write `amber`")),
        "{told:?}"
    );
}

/// The derived `risks` table held only the status as written (`in-progress`), so a table
/// block showed it raw beside pages that say 处理中 (the second walk-through).
#[test]
fn the_risks_table_has_each_status_as_the_project_page_shows_it() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/risks.csv",
        "id,title,probability,impact,owner,status,response\nR1,供应商延期,4,5,张伟,in-progress,每周检查\nR2,数据质量,2,3,李娜,closed,清洗\n",
    );
    site.write(
        "content/reports/risks.md",
        "---\ntitle: 风险一览\ndate: 2024-12-30\n---\n\n全部风险如下。\n\n```table\ndata = \"risks\"\ncolumns = [\"id\", \"status\", \"status_name\"]\n```\n",
    );
    site.build_ok();
    let html = site.read("reports/risks/index.html");
    assert!(html.contains("<td>处理中</td>"), "{html}");
    assert!(html.contains("<td>已关闭</td>"), "{html}");
    assert!(
        html.contains("<td>in-progress</td>"),
        "the status as written stays: {html}"
    );
}

/// A chart summing up a budget its project keeps as running totals plotted each month
/// with every month before it again: 14 million for an EV of 2 million, without a word
/// (the fifth malformed hunt). It is refused at `cumulative`; drawn as written, fine.
#[test]
fn a_chart_summing_running_totals_again_is_refused() {
    let site = Site::fixture("basic");
    let index = std::fs::read_to_string(site.root().join("content/projects/erp/index.md")).unwrap();
    site.write(
        "content/projects/erp/index.md",
        index.replacen("currency: CNY\n", "currency: CNY\nbasis: cumulative\n", 1),
    );
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,1000000,900000,1000000\n2024-02,2000000,1900000,2100000\n2024-03,3200000,3200000,3300000\n",
    );
    let chart = |extra: &str| {
        format!("---\ntitle: 挣值曲线\ndate: 2024-12-30\n---\n\n```chart\ntype = \"line\"\ndata = \"projects/erp/budget\"\nx = \"period\"\ny = [\"ev\", \"ac\"]\n{extra}```\n")
    };
    // The fixture's own chart page sums the budget up too.
    std::fs::remove_file(site.root().join("content/reports/charts.md")).unwrap();
    site.write("content/reports/s-curve.md", chart("cumulative = true\n"));
    let m = site.build_err();
    assert!(m.contains("content/reports/s-curve.md:11"), "{m}");
    assert!(
        m.contains(
            "`projects/erp/budget` holds running totals (its project's basis is cumulative)"
        ),
        "{m}"
    );
    site.write("content/reports/s-curve.md", chart(""));
    site.build_ok();
}

/// `1.200` among amounts in the thousands was drawn as 1.2 without a word: a point
/// where much of Europe writes a thousands separator (the fifth malformed hunt).
#[test]
fn a_point_among_whole_thousands_is_warned_at_its_cell() {
    let site = Site::fixture("basic");
    site.write(
        "data/kpi.csv",
        "month,amount\n2026-01,\"1,200\"\n2026-02,1.200\n2026-03,1500\n",
    );
    site.write(
        "content/reports/kpi.md",
        "---\ntitle: KPI\ndate: 2026-03-31\n---\n\n```chart\ntype = \"line\"\ndata = \"kpi\"\nx = \"month\"\ny = \"amount\"\n```\n",
    );
    let report = site.build_ok();
    let told: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        told.iter().any(|w| w.contains("content/reports/kpi.md:")
            && w.contains("`1.200` (data/kpi.csv line 3) reads as 1.2")),
        "{told:#?}"
    );
    // Amounts with decimals throughout are left alone.
    site.write(
        "data/kpi.csv",
        "month,amount\n2026-01,1200.5\n2026-02,1.200\n2026-03,1500.25\n",
    );
    let told: Vec<String> = site
        .build_ok()
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        !told.iter().any(|w| w.contains("reads as 1.2")),
        "{told:#?}"
    );
}

/// A top-5 table sorted by amount put `1.200.000,50` (text among numbers) after every
/// number, where `limit` cut it: the largest cost was left out with no word. The sort
/// is warned at the block's `sort`, naming the cell.
#[test]
fn a_sort_over_numbers_holding_text_warns_at_its_block() {
    let site = Site::fixture("basic");
    site.write(
        "data/costs.csv",
        "部门,金额\n信息中心,50000\n制造中心,\"1.200.000,50\"\n人力,\"80,000.00\"\n",
    );
    let page = |sort: &str| {
        format!("---\ntitle: 费用\ndate: 2026-03-31\n---\n\n```table\ndata = \"costs\"\nsort = \"{sort}\"\nlimit = 2\n```\n")
    };
    site.write("content/reports/costs.md", page("-金额"));
    let told = site.warnings();
    let sorted: Vec<&String> = told.iter().filter(|w| w.contains("`sort`")).collect();
    assert_eq!(sorted.len(), 1, "{told:#?}");
    assert!(
        sorted[0].contains("content/reports/costs.md:8:"),
        "{}",
        sorted[0]
    );
    assert!(sorted[0].contains("`1.200.000,50`"), "{}", sorted[0]);
    assert!(sorted[0].contains("data/costs.csv line 3"), "{}", sorted[0]);
    // Sorted by a column of words, nothing is said.
    site.write("content/reports/costs.md", page("部门"));
    let told = site.warnings();
    assert!(!told.iter().any(|w| w.contains("`sort`")), "{told:#?}");
}

/// 600 ```table blocks over one 5,000-row table (a 16 KB page) took 73 s and 937 MB to
/// write a 205 MB page (the fifth security hunt). A page's table blocks may show
/// 200,000 cells together; the block that passes it is told.
#[test]
fn a_page_whose_table_blocks_show_too_many_cells_is_refused_at_the_block() {
    let site = Site::fixture("basic");
    let mut csv = String::from("name,val\n");
    for i in 0..5000 {
        csv.push_str(&format!("row{i:05},{i}\n"));
    }
    site.write("data/big.csv", csv);
    let blocks = "```table\ndata = \"big\"\n```\n\n".repeat(25);
    site.write(
        "content/reports/amp.md",
        format!("---\ntitle: 放大\n---\n\n{blocks}"),
    );
    let m = site.build_err();
    assert!(
        m.contains("content/reports/amp.md:")
            && m.contains("would show 210000 cells by this one; a page may show at most 200000"),
        "{m}"
    );
    let blocks = "```table\ndata = \"big\"\n```\n\n".repeat(20);
    site.write(
        "content/reports/amp.md",
        format!("---\ntitle: 放大\n---\n\n{blocks}"),
    );
    site.build_ok();
}
