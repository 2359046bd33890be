//! Careless input that showed a figure as right that was not (the eighteenth malformed
//! hunt: figures pasted from finance, ERP and planning exports).

mod common;

use common::Site;

/// A currency sign typed between an amount's digits (`12$34`, the shift key held a
/// moment too long) was dropped and the cell read as 1234, in a CNY project with only
/// a warning about the sign, in a USD project without a word. It is refused at its
/// cell, saying the sign stands where no amount carries one.
#[test]
fn a_currency_sign_between_digits_is_refused_at_its_cell() {
    for currency in ["CNY", "USD"] {
        let site = Site::fixture("basic");
        site.set_project_field("erp", "currency", currency);
        site.write(
            "content/projects/erp/budget.csv",
            "period,pv,ev,ac\n2024-01,1000000,900000,1000000\n2024-02,1000000,1000000,12$34\n",
        );
        let err = site.build_err();
        assert!(
            err.contains("content/projects/erp/budget.csv:3:")
                && err.contains("`12$34`")
                && err.contains("currency sign between its digits"),
            "{currency}: {err}"
        );
    }
}

/// site.toml with `as_of = day` first, in place of any earlier one.
fn with_as_of(site: &Site, day: &str) {
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let rest: Vec<&str> = config.lines().filter(|l| !l.starts_with("as_of")).collect();
    site.write("site.toml", format!("as_of = {day}\n{}\n", rest.join("\n")));
}

/// An active project of the new office building, its finish given as `finish`.
fn building(site: &Site, finish: &str, budget: &str) {
    site.write(
        "content/projects/office/index.md",
        format!("---\ntitle: 新办公楼装修\nstart: 2026-01-05\nfinish: {finish}\nbac: 600000\ncurrency: CNY\nstatus: active\n---\n\n装修按月报告。\n"),
    );
    site.write("content/projects/office/budget.csv", budget);
}

/// Project `slug`'s row in a list of projects (the projects list, the dashboard).
fn list_row(html: &str, slug: &str) -> String {
    let at = html.find(&format!("projects/{slug}/")).expect(slug);
    html[at..at + html[at..].find("</tr>").unwrap()].to_string()
}

/// A plan running past the project's `finish` (the last months' PV typed into 2027, or a
/// finish brought forward and the plan never cut) was measured as it stood: the SPI and
/// percent complete followed a plan the page's own end day rules out, without a word.
/// The first such month is told at its period cell, with how many there are, and the
/// figures are marked doubtful; EV and AC after the finish (a late project) are not.
#[test]
fn a_plan_after_the_projects_finish_is_told_at_its_period() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-03-31");
    building(
        &site,
        "2026-04-30",
        "period,pv,ev,ac\n2026-01,100000,100000,100000\n2026-02,100000,90000,95000\n2026-03,100000,80000,90000\n2026-04,100000,,\n2026-05,100000,,\n2026-06,100000,,\n",
    );
    let warnings = site.warnings();
    let told: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("planned after it"))
        .collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    assert!(
        told[0].contains("content/projects/office/budget.csv:6:1")
            && told[0].contains("2026-05 plans 100,000 (pv)")
            && told[0].contains("finishes on 2026-04-30")
            && told[0].contains("2 month(s)"),
        "{}",
        told[0]
    );
    let dashboard = site.read("dashboard/index.html");
    assert!(
        list_row(&dashboard, "office").contains("数据存疑"),
        "{}",
        list_row(&dashboard, "office")
    );

    // The plan ends with the finish: nothing told. A late month's cost is a late
    // project, not a doubt about the plan.
    building(
        &site,
        "2026-06-30",
        "period,pv,ev,ac\n2026-01,200000,100000,100000\n2026-02,200000,90000,95000\n2026-03,200000,80000,90000\n",
    );
    let warnings = site.warnings();
    assert!(
        !warnings.iter().any(|w| w.contains("planned after it")),
        "{warnings:#?}"
    );
}

/// An active project whose finish passed long ago (a project closed without its status
/// changed, or late with its finish never moved) was listed on the dashboard among the
/// running projects, its open risks counted as current, without a word. It is told at
/// `finish` in its index.md; a date doubts no amount, so its figures are not marked.
#[test]
fn an_active_project_past_its_finish_is_told_at_its_finish() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-09-30");
    building(
        &site,
        "2026-06-30",
        "period,pv,ev,ac\n2026-01,100000,100000,100000\n2026-02,100000,100000,100000\n2026-03,100000,100000,100000\n2026-04,100000,100000,100000\n2026-05,100000,100000,100000\n2026-06,100000,100000,100000\n2026-07,0,0,5000\n2026-08,0,0,5000\n2026-09,0,0,5000\n",
    );
    let warnings = site.warnings();
    let told: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("the project is active, but its finish"))
        .collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    assert!(
        told[0].contains("content/projects/office/index.md:4:9")
            && told[0].contains("2026-06-30")
            && told[0].contains("(2026-09-30)"),
        "{}",
        told[0]
    );
    let page = site.read("projects/office/index.html");
    assert!(
        page.contains("项目仍在进行，但其结束日 2026-06-30"),
        "listed on its page"
    );
    let dashboard = site.read("dashboard/index.html");
    assert!(
        !list_row(&dashboard, "office").contains("数据存疑"),
        "{}",
        list_row(&dashboard, "office")
    );

    // Closed, or its finish still to come: nothing told.
    with_as_of(&site, "2026-06-30");
    let warnings = site.warnings();
    assert!(
        !warnings.iter().any(|w| w.contains("but its finish")),
        "{warnings:#?}"
    );
}

/// `bac: 320` for a budget of 3,200,000 yuan, as finance's reports give budgets in 万
/// while the budget table holds yuan: the warning said the plan and `bac` differ by
/// 999,900.0 % and asked to plan every period to the finish. It now names the unit
/// slip and the amount to write; a table in 万 beside a `bac` in yuan likewise.
#[test]
fn a_bac_in_wan_beside_a_table_in_yuan_is_told_as_such() {
    let site = Site::fixture("basic");
    site.set_project_field("erp", "bac", "320");
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,1000000,1000000,1000000\n2024-02,1000000,1000000,1100000\n2024-03,1200000,1200000,1200000\n",
    );
    let warnings = site.warnings();
    let told: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("index.md:9:6") && w.contains("10,000 times"))
        .collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    assert!(
        told[0].contains("`bac` looks written in 万 (ten thousands)")
            && told[0].contains("`bac: 3200000`"),
        "{}",
        told[0]
    );

    // The table in 万, `bac` in yuan.
    site.set_project_field("erp", "bac", "3200000");
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,100,100,100\n2024-02,100,100,110\n2024-03,120,120,120\n",
    );
    let warnings = site.warnings();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("`bac` is 10,000 times the plan")
                && w.contains("the budget table looks written in 万 (ten thousands)")),
        "{warnings:#?}"
    );
}

/// A chart over a column holding `12$34` said the cell "would be 1234": a guess at the
/// figure meant, given as the figure to write. The cell is named as not a number.
#[test]
fn a_chart_over_a_sign_between_digits_names_the_cell_without_guessing() {
    let site = Site::fixture("basic");
    site.write("data/dept.csv", "部门,预算\n研发中心,12$34\n市场部,2000\n");
    site.write(
        "content/reports/dept.md",
        "---\ntitle: 部门预算\ndate: 2024-11-01\n---\n\n```chart\ntype = \"bar\"\ndata = \"dept\"\nx = \"部门\"\ny = \"预算\"\n```\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("`12$34` is not a number") && !err.contains("1234"),
        "{err}"
    );
}

/// `start: 1924-01-08`, a year typed wrong for 2024: pages accept days from 1900, so the
/// project page showed a project begun a century ago and the check for amounts before
/// the start could never fire, without a word. Told at the field, as a milestone's is.
#[test]
fn a_project_start_a_century_ago_is_told_at_its_field() {
    let site = Site::fixture("basic");
    site.set_project_field("erp", "start", "1924-01-08");
    let warnings = site.warnings();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("content/projects/erp/index.md:7:8")
                && w.contains("`start` is 1924-01-08, before 1950")),
        "{warnings:#?}"
    );
    site.set_project_field("erp", "start", "2024-01-08");
    let warnings = site.warnings();
    assert!(
        !warnings.iter().any(|w| w.contains("before 1950")),
        "{warnings:#?}"
    );
}

/// An ERP export headed `期间,计划值,累计挣值,实际成本`: the running totals of EV were
/// told as a column "of your own, this warning can be ignored", and the project showed
/// no earned value, no CPI and no SPI, unmarked. The column is told as running totals of
/// `ev`, with both ways out (all running totals and `basis: cumulative`, or per-period
/// amounts under `ev`), and the figures it leaves out are marked doubtful.
#[test]
fn a_column_of_running_totals_is_told_as_such() {
    for (header, name) in [
        ("累计挣值", "ev"),
        ("Cumulative AC", "ac"),
        ("EV_YTD", "ev"),
    ] {
        let site = Site::fixture("basic");
        with_as_of(&site, "2026-03-31");
        let columns = match name {
            "ev" => format!("期间,计划值,{header},实际成本"),
            _ => format!("period,pv,ev,{header}"),
        };
        building(
            &site,
            "2026-06-30",
            &format!("{columns}\n2026-01,100000,90000,100000\n2026-02,100000,185000,210000\n2026-03,100000,280000,300000\n2026-04,100000,,\n2026-05,100000,,\n2026-06,100000,,\n"),
        );
        let warnings = site.warnings();
        assert!(
            warnings.iter().any(|w| w
                .contains(&format!("`{header}` holds running totals of {name}"))
                && w.contains("basis: cumulative")
                && w.contains("content/projects/office/budget.csv:1:")),
            "{header}: {warnings:#?}"
        );
        let dashboard = site.read("dashboard/index.html");
        assert!(
            list_row(&dashboard, "office").contains("数据存疑"),
            "{header}: {}",
            list_row(&dashboard, "office")
        );
    }
}
