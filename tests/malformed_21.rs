//! Malformed sites the twenty-first hunt found mishandled: a ```table block sorted over
//! days written with the year last, a project kept in 万元 among projects in 元, and a
//! budget headed in `$` in a site whose dollar is known.

mod common;

use common::import::{import_projects, index, write};
use common::{stderr, Site};

/// The warnings the build gives about the report `file`, written with `text`.
fn warnings_of(site: &Site, file: &str, text: &str) -> Vec<String> {
    site.write(&format!("content/reports/{file}"), text);
    let warnings = site.warnings();
    warnings.into_iter().filter(|w| w.contains(file)).collect()
}

/// A milestone plan `03/05/2026, 12/01/2025, 01/02/2026` shown by a ```table block with
/// `sort = "日期"` was listed 01/02 · 03/05 · 12/01 — text's order, December 2025 last —
/// without a word, while a chart whose x axis held the same days was warned of. Both
/// now ask one check: the table's `sort` is warned of at its line with the days the
/// first could be; a chart sorting by its own x is told once, by its axis's warning.
#[test]
fn a_table_sorted_by_days_written_year_last_is_warned_at_its_sort() {
    let site = Site::fixture("basic");
    site.write(
        "data/计划.csv",
        "里程碑,日期,金额\n启动会,03/05/2026,100\n方案设计,12/01/2025,200\n系统上线,01/02/2026,300\n",
    );
    let told = warnings_of(
        &site,
        "计划.md",
        "---\ntitle: 里程碑计划\ndate: 2026-03-01\n---\n\n```table\ndata = \"计划\"\nsort = \"日期\"\n```\n",
    );
    assert_eq!(told.len(), 1, "{told:#?}");
    assert!(
        told[0].contains("`sort` orders `日期` as text, not in time's order: `03/05/2026` (data/计划.csv line 2) is a date written another way, and 2 more"),
        "{told:?}"
    );
    assert!(told[0].contains("计划.md:8:1"), "{told:?}");
    assert!(
        told[0].contains("could be 2026-05-03 (day first"),
        "{told:?}"
    );

    // Months in Chinese sort as text too: 2025年10月 before 2025年9月.
    site.write(
        "data/计划.csv",
        "里程碑,日期,金额\n启动会,2025年9月,100\n方案设计,2025年10月,200\n",
    );
    let told = warnings_of(
        &site,
        "计划.md",
        "---\ntitle: 里程碑计划\ndate: 2026-03-01\n---\n\n```table\ndata = \"计划\"\nsort = \"-日期\"\n```\n",
    );
    assert_eq!(told.len(), 1, "{told:#?}");
    assert!(told[0].contains("would be 2025-09"), "{told:?}");

    // Written YYYY-MM-DD, the days sort in time's order: nothing to say.
    site.write(
        "data/计划.csv",
        "里程碑,日期,金额\n启动会,2026-03-05,100\n方案设计,2025-12-01,200\n",
    );
    let told = warnings_of(
        &site,
        "计划.md",
        "---\ntitle: 里程碑计划\ndate: 2026-03-01\n---\n\n```table\ndata = \"计划\"\nsort = \"日期\"\n```\n",
    );
    assert!(told.is_empty(), "{told:#?}");

    // A chart sorting by its own x axis is told once, by the axis's warning.
    site.write(
        "data/计划.csv",
        "里程碑,日期,金额\n启动会,03/05/2026,100\n方案设计,12/01/2025,200\n",
    );
    let told = warnings_of(
        &site,
        "计划.md",
        "---\ntitle: 里程碑计划\ndate: 2026-03-01\n---\n\n```chart\ntype = \"bar\"\ndata = \"计划\"\nx = \"日期\"\ny = \"金额\"\nsort = \"日期\"\n```\n",
    );
    assert_eq!(told.len(), 1, "{told:#?}");
    assert!(told[0].contains("in the x column `日期`"), "{told:?}");
}

/// A project kept in 万元 — `bac: 320` over a budget of 100, 100 and 120 — beside the
/// site's projects in 元 built without a word: its own figures agree with each other,
/// so no check of the project alone doubted them, while its page showed a budget of
/// 320 yuan and the portfolio's sums left it out. `pmo import projects` warned of such
/// a budget column; the build now asks the same of each project's `bac`.
#[test]
fn a_bac_that_reads_as_wan_beside_projects_in_yuan_is_warned() {
    let site = Site::fixture("basic");
    let index = std::fs::read_to_string(site.root().join("content/projects/erp/index.md")).unwrap();
    for (slug, code, bac) in [
        ("crm", "PRJ-2024-011", "2800000"),
        ("mes", "PRJ-2024-012", "4500000"),
    ] {
        let text = index
            .replace("title: ERP 升级", &format!("title: {slug} 项目"))
            .replace("code: PRJ-2024-007", &format!("code: {code}"))
            .replace("bac: 3200000", &format!("bac: {bac}"));
        site.write(&format!("content/projects/{slug}/index.md"), text);
    }
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,100,100,100\n2024-02,100,100,110\n2024-03,120,120,115\n",
    );
    site.set_project_field("erp", "bac", "320");
    let warnings = site.warnings();
    let told: Vec<&String> = warnings.iter().filter(|w| w.contains("万元")).collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    assert!(told[0].contains("erp/index.md:9:6"), "{told:?}");
    assert!(
        told[0].contains("`bac` is 320 CNY, while the site's 2 other projects' budgets are mostly 10,000 or more (median 4,500,000): if it is in 万元, it is 3,200,000 CNY"),
        "{told:?}"
    );
    assert!(told[0].contains("write `bac: 3200000`"), "{told:?}");

    // A small project among small ones is no unit slip: 9,000 beside 28,000 and 45,000.
    for (slug, bac) in [("crm", "28000"), ("mes", "45000")] {
        site.set_project_field(slug, "bac", bac);
    }
    site.set_project_field("erp", "bac", "9000");
    let warnings = site.warnings();
    assert!(
        !warnings.iter().any(|w| w.contains("万元")),
        "{warnings:#?}"
    );
    for (slug, bac) in [("crm", "2800000"), ("mes", "4500000")] {
        site.set_project_field(slug, "bac", bac);
    }

    // In full, it is one of the others: nothing to say.
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,1000000,1000000,1000000\n2024-02,1000000,1000000,1100000\n2024-03,1200000,1200000,1150000\n",
    );
    site.set_project_field("erp", "bac", "3200000");
    let warnings = site.warnings();
    assert!(
        !warnings.iter().any(|w| w.contains("万元")),
        "{warnings:#?}"
    );
}

/// `Budget ($M)` was refused as "dollars, but not which" in a site whose portfolio is
/// in US dollars, where the dollar can be one only: a US office's own list could not be
/// imported as exported. The site's currency now says which; beside yuan it is still
/// refused, nothing written.
#[test]
fn a_budget_in_dollars_is_the_sites_own_dollar() {
    let site = Site::fixture("basic");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let csv = "Code,Project name,Status,Budget ($M)\nPRJ-2026-051,北美仓储扩建,active,2.35\n";

    // Beside a site in yuan: which dollar is not known.
    let file = write(&site, "dollar-m.csv", csv.as_bytes());
    let out = import_projects("en", &site, &file);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("gives the budgets in dollars, but not which"),
        "{err}"
    );
    assert!(index(&site, "prj-2026-051").is_empty(), "{err}");

    site.write(
        "site.toml",
        format!("{toml}\n[currency]\nportfolio = \"USD\"\nrates = {{ CNY = 0.14 }}\n"),
    );
    let out = import_projects("en", &site, &file);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        index(&site, "prj-2026-051").contains("bac: 2350000\ncurrency: USD\n"),
        "{err}"
    );
}

/// A chart's `y` column of shares with `—` for a project not yet measured (as a sheet
/// shows "no value") failed the build with "`—` is not a number, while the other cells
/// are: correct that cell", with no word of how; beside a `92%`, the percentage's own
/// help was lost for "correct them". A mark is told to be left empty, and a percentage
/// beside marks keeps its help.
#[test]
fn a_no_value_mark_in_a_charted_column_is_told_to_be_left_empty() {
    let site = Site::fixture("basic");
    let page = "---\ntitle: 完成率\ndate: 2026-03-01\n---\n\n```chart\ntype = \"bar\"\ndata = \"进度\"\nx = \"项目\"\ny = \"完成率\"\n```\n";
    site.write("content/reports/进度.md", page);
    site.write("data/进度.csv", "项目,完成率\nERP,0.85\nCRM,0.92\nWMS,—\n");
    let m = site.build_err();
    assert!(
        m.contains("data/进度.csv line 4: `—` stands for no value (1 cell(s) of `完成率` hold such a mark): leave them empty"),
        "{m}"
    );

    site.write("data/进度.csv", "项目,完成率\nERP,0.85\nCRM,92%\nWMS,—\n");
    let m = site.build_err();
    assert!(
        m.contains("data/进度.csv line 3: `92%` is a percentage written with `%`, as are 1 cell(s) of `完成率`"),
        "{m}"
    );

    // Left empty, the chart is drawn.
    site.write("data/进度.csv", "项目,完成率\nERP,0.85\nCRM,0.92\nWMS,\n");
    site.build_ok();
}

/// `3月5日` — a day without its year, as Excel shows a date under `m月d日` — was told
/// "write dates as YYYY-MM-DD" alone, in front matter and in a table, which did not say
/// what was missing. It is told it names no year, with the month and day to keep.
#[test]
fn a_day_without_its_year_is_told_it_names_no_year() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n启动会,2024-01-10,,2024-01-10\n上线,3月5日,,\n",
    );
    let m = site.build_err();
    assert!(m.contains("milestones.csv:3:4"), "{m}");
    assert!(
        m.contains("`3月5日` names no year: write it as YYYY-03-05 with the year's four digits"),
        "{m}"
    );

    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n启动会,2024-01-10,,2024-01-10\n",
    );
    site.write(
        "content/reports/周报.md",
        "---\ntitle: 第十周周报\ndate: 3月5日\n---\n\n本周进展。\n",
    );
    let m = site.build_err();
    assert!(m.contains("周报.md:3:7"), "{m}");
    assert!(m.contains("`3月5日` names no year"), "{m}");
}
