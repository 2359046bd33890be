//! A page pinned to a day (`as_of:` in its front matter) shows its blocks' figures as
//! they stood that day: last month's report kept changing as each new month's EV and AC
//! were added to a project's workbook, under its own title "截至 2026-11".

mod common;

use common::Site;

fn with_as_of(site: &Site, day: &str) {
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("as_of = {day}\n{config}"));
}

/// Project `mes`, reporting September to December 2026, planned to January 2027.
/// Cumulative to November: PV 600,000, EV 540,000, AC 590,000 (CPI 0.92, SPI 0.90);
/// to December: PV 800,000, EV 730,000, AC 800,000 (CPI 0.91, SPI 0.91).
fn mes(site: &Site) {
    site.write(
        "content/projects/mes/index.md",
        "---\ntitle: MES 智能工厂\ncode: PRJ-2026-001\nstart: 2026-09-01\nfinish: 2027-01-31\nbac: 1000000\ncurrency: CNY\nstatus: active\n---\n\n产线数字化。\n",
    );
    site.write(
        "content/projects/mes/budget.csv",
        "period,pv,ev,ac\n2026-09,200000,190000,200000\n2026-10,200000,180000,190000\n2026-11,200000,170000,200000\n2026-12,200000,190000,210000\n2027-01,200000,,\n",
    );
}

const BLOCKS: &str = "```table\ndata = \"portfolio\"\ncolumns = [\"code\", \"pv\", \"ev\", \"ac\", \"cpi\", \"spi\", \"period\"]\nheaders = [\"编号\", \"PV\", \"EV\", \"AC\", \"CPI\", \"SPI\", \"数据截至\"]\nfilter = { project = [\"mes\"] }\n```\n\n```chart\ntype = \"line\"\ndata = \"projects/mes/budget\"\nx = \"period\"\ny = [\"pv\", \"ev\", \"ac\"]\ncumulative = true\ntitle = \"MES 累计挣值\"\n```\n";

fn report(site: &Site, as_of: &str) {
    site.write(
        "content/reports/portfolio-2026-11.md",
        format!("---\ntitle: 2026年11月组合月报\ndate: 2026-11-30\n{as_of}---\n\n截至 2026-11 的组合指标。\n\n{BLOCKS}"),
    );
}

#[test]
fn a_pinned_report_shows_its_month_while_the_project_page_moves_on() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-12-31");
    mes(&site);
    report(&site, "as_of: 2026-11-30\n");
    site.build_ok();
    let page = site.read("reports/portfolio-2026-11/index.html");
    for figure in ["600,000", "540,000", "590,000", "0.92", "0.90", "2026-11"] {
        assert!(page.contains(figure), "{figure} on the report:\n{page}");
    }
    for later in ["730,000", "800,000", "0.91", "2026-12", "2027-01"] {
        assert!(!page.contains(later), "{later} is after the report's day");
    }
    assert!(
        page.contains("数据截至 2026年11月30日"),
        "the report says the day it is as of"
    );
    let project = site.read("projects/mes/index.html");
    for figure in ["730,000", "800,000", "0.91"] {
        assert!(project.contains(figure), "{figure} on the project's page");
    }
    let dashboard = site.read("dashboard/index.html");
    assert!(dashboard.contains("730,000") || dashboard.contains("0.91"));
}

#[test]
fn a_month_pins_its_last_day_and_an_unpinned_page_shows_the_sites_day() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-12-31");
    mes(&site);
    report(&site, "as_of: 2026-11\n");
    site.build_ok();
    let page = site.read("reports/portfolio-2026-11/index.html");
    assert!(page.contains("540,000") && !page.contains("730,000"));
    assert!(page.contains("数据截至 2026年11月30日"));

    report(&site, "");
    site.build_ok();
    let page = site.read("reports/portfolio-2026-11/index.html");
    assert!(page.contains("730,000"), "without `as_of` the site's day");
    assert!(!page.contains("数据截至 2026年"));
}

#[test]
fn a_pinned_review_shows_its_day_too() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-12-31");
    mes(&site);
    site.write(
        "content/reviews/mes-gate.md",
        format!("---\ntitle: MES 阶段关口评审\ndate: 2026-11-28\nproject: mes\ntype: phase-gate\nas_of: 2026-11-30\n---\n\n评审结论。\n\n{BLOCKS}"),
    );
    site.build_ok();
    let page = site.read("reviews/mes-gate/index.html");
    assert!(
        page.contains("540,000") && !page.contains("730,000"),
        "{page}"
    );
}

#[test]
fn a_day_after_the_sites_is_warned_and_the_sites_day_used() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-11-30");
    mes(&site);
    report(&site, "as_of: 2026-12-31\n");
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("portfolio-2026-11.md:4:") && w.contains("2026-12-31")),
        "{warnings:#?}"
    );
    let page = site.read("reports/portfolio-2026-11/index.html");
    assert!(page.contains("540,000"), "as of the site's day");
    assert!(page.contains("数据截至 2026年11月30日"));
}

#[test]
fn a_day_that_is_no_day_is_an_error_at_its_place() {
    let site = Site::fixture("basic");
    mes(&site);
    report(&site, "as_of: 2026-11-31\n");
    let err = site.build_err();
    assert!(err.contains("portfolio-2026-11.md:4:"), "{err}");
    assert!(err.contains("2026-11 has days 01 to 30"), "{err}");
    assert!(err.contains("no such day exists"), "{err}");
    report(&site, "as_of: 2026/11/30\n");
    let err = site.build_err();
    assert!(err.contains("portfolio-2026-11.md:4:8"), "{err}");
    assert!(err.contains("a month as YYYY-MM for its last day"), "{err}");
    report(&site, "as_of: 2026-13\n");
    let err = site.build_err();
    assert!(err.contains("portfolio-2026-11.md:4:"), "{err}");
    assert!(err.contains("no month 13"), "{err}");
}

#[test]
fn two_builds_of_a_pinned_page_are_byte_identical_and_the_index_holds_what_it_shows() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-12-31");
    mes(&site);
    report(&site, "as_of: 2026-11-30\n");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("search = true\n{config}"));
    site.build_ok();
    let first = site.read("reports/portfolio-2026-11/index.html");
    let index = common::snapshot(&site.public().join("search"));
    site.build_ok();
    assert_eq!(first, site.read("reports/portfolio-2026-11/index.html"));
    assert_eq!(index, common::snapshot(&site.public().join("search")));
    let found = common::search_client(&site, &serde_json::json!(["540,000", "730,000"]));
    let report = "reports/portfolio-2026-11/".to_string();
    assert!(
        common::result_urls(&found[0]).contains(&report),
        "{}",
        found[0]
    );
    assert!(
        !common::result_urls(&found[1]).contains(&report),
        "{}",
        found[1]
    );
}

/// Figures that stopped months before the site's day had not yet stopped on the
/// report's: the report marks them as its own day counts, and says its day only under
/// the blocks whose figures are of it.
#[test]
fn figures_stopped_are_counted_from_the_pages_day_and_other_tables_say_no_day() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-12-31");
    mes(&site);
    site.write(
        "content/projects/mes/budget.csv",
        "period,pv,ev,ac\n2026-06,200000,190000,200000\n2026-07,200000,180000,190000\n2026-08,200000,,\n2026-09,200000,,\n2026-10,200000,,\n",
    );
    site.write("data/培训.csv", "月份,人数\n2026-06,12\n2026-07,15\n");
    let blocks = "```table\ndata = \"portfolio\"\ncolumns = [\"code\", \"cpi\"]\nfilter = { project = [\"mes\"] }\n```\n\n```table\ndata = \"培训\"\n```\n";
    site.write(
        "content/reports/portfolio-2026-07.md",
        format!("---\ntitle: 2026年7月组合月报\ndate: 2026-07-31\nas_of: 2026-07\n---\n\n{blocks}"),
    );
    site.write(
        "content/reports/now.md",
        format!("---\ntitle: 当前组合\n---\n\n{blocks}"),
    );
    site.build_ok();
    let july = site.read("reports/portfolio-2026-07/index.html");
    assert!(!july.contains("数据已停更"), "{july}");
    assert_eq!(july.matches("数据截至 2026年7月31日").count(), 1, "{july}");
    let now = site.read("reports/now/index.html");
    assert!(now.contains("数据已停更"), "{now}");
}
