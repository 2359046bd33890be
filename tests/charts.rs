//! Charts on project pages, the dashboard, and ```chart / ```table blocks.

mod common;

use common::{assert_well_formed, Site};

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
    let charts = svgs(&html);
    assert_eq!(charts.len(), 4);
    for svg in &charts {
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
    assert!(svgs(&html)[3].contains("没有未关闭的风险"));
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
        svgs(&html).len(),
        2,
        "two charts; the table block is a table"
    );
    assert!(html.contains("预算与完工估算"));
    // The table block lists lessons sorted by title with localized phase names.
    let table = &html[html.find("全部经验教训").unwrap()..];
    assert!(table.contains("Key users in every department"));
    assert!(table.contains("规划"));
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
