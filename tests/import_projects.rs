//! `pmo import projects`: a finance team's list of projects, kept in Excel or CSV,
//! becomes one project folder per row that builds and shows on the dashboard.

mod common;

use std::path::{Path, PathBuf};

use common::xlsx::{xlsx, xlsx_hiding, V};
use common::{pmo, pmo_in, stderr, Site};

/// A row of text cells; the empty ones stay empty.
fn r(cells: &[&str]) -> Vec<V> {
    cells.iter().map(|c| V::S(c.to_string())).collect()
}

/// The finance export as it comes: a title row, the header, dates typed as serials, as
/// date cells, as `2026/3/5` and `2026年3月5日`, budgets with a yuan sign and
/// separators, Chinese statuses and RAG words, a project already in the site, the
/// usual mistakes, and a totals row.
fn export() -> Vec<u8> {
    #[rustfmt::skip]
    let mut rows = vec![
        r(&["2026 年度在建项目清单（财务部导出）"]),
        r(&["项目编号", "项目名称", "开始日期", "结束日期", "状态", "预算", "发起人", "项目经理", "部门", "币种", "RAG", "项目简介", "备注"]),
        r(&["PRJ-2026-001", "财务共享中心建设", "", "2026/12/31", "进行中", "¥3,600,000", "刘敏", "王芳", "财务部", "人民币", "黄", "建设集团财务共享服务中心，统一费用报销与付款。", "重点项目"]),
        r(&["PRJ-2026-002", "供应链协同平台", "2026年3月5日", "", "暂停", "", "张伟", "李娜", "供应链部"]),
        r(&["PRJ-2026-003", "数据中台二期", "2026-01-15", "2026-10-30", "已结项", "2,500,000.50", "陈刚", "赵强", "信息中心"]),
        r(&["PRJ-2026-004", "移动办公推广", "05.11.2026", "2026-12-31", "进行中", "360万", "刘敏", "孙丽", "行政部"]),
        r(&["PRJ-2026-005", "客服系统升级", "2026-02-01", "2026-08-01", "已取消", "900000", "张伟", "周杰", "客服中心"]),
        r(&["PRJ-2024-007", "ERP 升级（二期）", "2026-01-01", "2026-12-31", "进行中", "1000000", "刘敏", "Carol Wang", "信息中心"]),
        r(&["PRJ-2026-001", "财务共享中心建设（重复）", "2026-03-01", "2026-12-31", "进行中", "100", "刘敏", "王芳", "财务部"]),
        r(&["", "安全合规整改", "2026-04-01", "2027-09-30", "在建", "800000", "", "吴敏", "法务部"]),
        r(&["", "合计", "", "", "", "8,400,000.50"]),
    ];
    // 2026-03-02 typed as its serial number in a General cell; the finish of the
    // second project in a date cell (2026-12-31).
    rows[2][2] = V::N(46083.0);
    rows[3][3] = V::D(46387.0);
    rows[3][5] = V::N(1_200_000.0);
    xlsx("项目清单", &rows, &["A1:M1"])
}

fn write(site: &Site, name: &str, bytes: &[u8]) -> PathBuf {
    let path = site.root().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn import_in(lang: &str, site: &Site, file: &Path, extra: &[&str]) -> std::process::Output {
    let root = site.root().to_str().unwrap().to_string();
    let mut args = vec![
        "--root",
        root.as_str(),
        "import",
        "projects",
        file.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    pmo_in(lang, &args)
}

fn import(site: &Site, file: &Path, extra: &[&str]) -> std::process::Output {
    import_in("en", site, file, extra)
}

fn source(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).unwrap()
}

#[test]
fn a_finance_export_becomes_project_folders_that_build_and_a_second_import_changes_nothing() {
    let site = Site::fixture("basic");
    let file = write(&site, "财务导出.xlsx", &export());
    let out = import(&site, &file, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");

    // A day two countries read differently is refused naming both, at its cell.
    assert!(
        err.contains("项目清单!C6: column `开始日期` holds `05.11.2026`"),
        "{err}"
    );
    assert!(
        err.contains("2026-11-05") && err.contains("2026-05-11"),
        "{err}"
    );
    // An amount in 万 is never read as 360: the plain number is said.
    assert!(
        err.contains("项目清单!F6: column `预算` holds `360万`"),
        "{err}"
    );
    assert!(err.contains("3600000"), "{err}");
    // A status outside the site's, with the accepted words in both languages.
    assert!(
        err.contains(
            "项目清单!E7: column `状态` holds `已取消`, expected one of active, on-hold, closed"
        ),
        "{err}"
    );
    assert!(err.contains("on-hold (暂停"), "{err}");
    // A project the site has is skipped, not overwritten.
    assert!(err.contains("项目清单!A8: skipped: the project with code `PRJ-2024-007` is already in content/projects/erp/"), "{err}");
    // The same code twice in the list: an error at the second.
    assert!(err.contains("项目清单!A9: this row would be content/projects/prj-2026-001/index.md again, like the row at 项目清单!A3"), "{err}");
    // The remark column is named as left out; the totals row is no project.
    assert!(err.contains("column `备注` is not imported"), "{err}");
    assert!(!err.contains("合计"), "{err}");
    assert!(err.contains("imported 4 project(s) into content/projects/; 1 already in the site, 3 row(s) with errors"), "{err}");

    let first = source(&site, "content/projects/prj-2026-001/index.md");
    assert!(first.starts_with("---\ntitle: 财务共享中心建设\ncode: PRJ-2026-001\nsponsor: 刘敏\nmanager: 王芳\ndepartment: 财务部\nstart: 2026-03-02\nfinish: 2026-12-31\nbac: 3600000\ncurrency: CNY\nstatus: active\nrag: amber\nrag_reason: 财务导出.xlsx (项目清单!K3)\nsummary: 建设集团财务共享服务中心，统一费用报销与付款。\n---\n"), "{first}");
    assert!(first.ends_with("---\n\n<!-- 由 pmo import projects 导入。在这里写项目的目标与范围、当前状态、问题与决策和下一步；预算、里程碑和风险表（budget.csv、milestones.csv、risks.csv）放在本文件旁边。 -->\n"), "{first}");
    let second = source(&site, "content/projects/prj-2026-002/index.md");
    assert!(
        second.contains(
            "start: 2026-03-05\nfinish: 2026-12-31\nbac: 1200000\ncurrency: CNY\nstatus: on-hold\n"
        ),
        "{second}"
    );
    let third = source(&site, "content/projects/prj-2026-003/index.md");
    assert!(third.contains("bac: 2500000.5\n"), "{third}");
    assert!(third.contains("status: closed\n"), "{third}");
    // Without a code the folder is named after the title and the code is hinted.
    let fourth = source(&site, "content/projects/安全合规整改/index.md");
    assert!(fourth.contains("status: active\n"), "{fourth}");
    assert!(
        fourth.contains("# code: PRJ-2026-安全合规整改\n"),
        "{fourth}"
    );
    assert!(!site.root().join("content/projects/prj-2026-004").exists());
    assert!(!site.root().join("content/projects/prj-2026-005").exists());
    // The project already there is untouched.
    assert!(source(&site, "content/projects/erp/index.md").contains("title: ERP 升级\n"));

    // The site builds, and the dashboard lists the new projects.
    let root = site.root().to_str().unwrap();
    // No warning about the new pages: 20 projects must not fail `--deny-warnings`.
    // As of a fixed day: an active project whose finish has passed is warned of, and
    // the finance list's projects finish by the end of 2026.
    let built = pmo(&["--root", root, "build", "--as-of", "2026-11-30"]);
    let said = stderr(&built);
    assert!(built.status.success(), "{said}");
    for folder in ["prj-2026-001", "prj-2026-002", "安全合规整改"] {
        assert!(!said.contains(folder), "{said}");
    }
    // The comment is no text of the page.
    let page = site.read("projects/prj-2026-001/index.html");
    assert!(!page.contains("pmo import projects"), "{page}");
    let dashboard = site.read("dashboard/index.html");
    for title in [
        "财务共享中心建设",
        "供应链协同平台",
        "数据中台二期",
        "安全合规整改",
    ] {
        assert!(dashboard.contains(title), "{title} not on the dashboard");
    }

    // Importing again changes nothing (the row repeating a code is now a project the
    // site has); in the site's language.
    let before = common::snapshot(&site.root().join("content"));
    let again = import_in("", &site, &file, &[]);
    let err = stderr(&again);
    assert!(
        err.contains("已向 content/projects/ 导入 0 个项目；6 个已在站点中，2 行有错误"),
        "{err}"
    );
    assert!(
        err.contains("已跳过：编号为 `PRJ-2026-001` 的项目已在 content/projects/prj-2026-001/ 中"),
        "{err}"
    );
    assert!(
        err.contains("已跳过：名为“安全合规整改”的项目已在 content/projects/安全合规整改/ 中"),
        "{err}"
    );
    assert_eq!(common::snapshot(&site.root().join("content")), before);
}

#[test]
fn rows_added_to_the_list_are_imported_alone_the_next_time() {
    let site = Site::fixture("basic");
    let csv = "项目编号,项目名称,开始,结束,状态,预算\n\
               PRJ-2026-010,门店数字化,2026/3/5,2026/11/30,进行中,\"1,500,000\"\n";
    let file = write(&site, "projects.csv", csv.as_bytes());
    let out = import(&site, &file, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    // A status set by hand in a column added since: its reason names the file and line.
    let grown = format!(
        "{}PRJ-2026-011,仓储自动化,2026年4月1日,2026年12月31日,计划中,¥2000000,红\n",
        csv.replace("预算\n", "预算,RAG\n")
    );
    std::fs::write(&file, grown).unwrap();
    let out = import(&site, &file, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("imported 1 project(s) into content/projects/; 1 already in the site, 0 row(s) with errors"), "{err}");
    let added = source(&site, "content/projects/prj-2026-011/index.md");
    assert!(
        added.contains("start: 2026-04-01\nfinish: 2026-12-31\nbac: 2000000\n"),
        "{added}"
    );
    assert!(
        added.contains("rag: red\nrag_reason: projects.csv (第 3 行)\n"),
        "{added}"
    );
}

#[test]
fn english_headers_a_map_a_near_miss_and_a_dry_run() {
    let site = Site::fixture("basic");
    let csv = "Project code,Project name,Start date,End date,Status,BAC,Sponsor,Projct manager,Cost centre\n\
               MES-01,MES rollout,2026-02-01,2026-01-31,On hold,250000,Min Liu,Wang Fang,制造部\n\
               MES-02,MES phase two,2026-02-01,2026-09-30,Active,\"1.200,50\",Min Liu,Wang Fang,制造部\n\
               MES-03,MES reporting,3/5/2026,2026-09-30,In progress,50000,Min Liu,Wang Fang,制造部\n\
               MES-04,MES training,2026-03-01,2026-06-30,Completed,\"$50,000\",Min Liu,Wang Fang,制造部\n";
    let file = write(&site, "projects.csv", csv.as_bytes());
    let out = import(
        &site,
        &file,
        &["--map", "Cost centre=department", "--dry-run"],
    );
    let err = stderr(&out);
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    // A header one letter off is offered the name it stands for.
    assert!(
        err.contains("column `Projct manager` is not imported"),
        "{err}"
    );
    assert!(
        err.contains("did you mean `projectmanager` (manager)?"),
        "{err}"
    );
    // A finish before the start, at its line and column.
    assert!(err.contains("projects.csv:2:"), "{err}");
    assert!(err.contains("the finish comes before the start"), "{err}");
    // A decimal comma is never read as 1.2005 or 120050.
    assert!(err.contains("column `BAC` holds `1.200,50`"), "{err}");
    // Month and day in an order that cannot be told.
    assert!(
        err.contains("column `Start date` holds `3/5/2026`"),
        "{err}"
    );
    assert!(
        printed.contains("would write content/projects/mes-04/index.md"),
        "{printed}"
    );
    assert!(printed.contains("department: 制造部\n"), "{printed}");
    assert!(
        printed.contains("bac: 50000\n") && printed.contains("status: closed\n"),
        "{printed}"
    );
    assert!(err.contains("dry run: would import 1 project(s); 0 already in the site, 3 row(s) with errors; nothing was written"), "{err}");
    assert!(!site.root().join("content/projects/mes-04").exists());
}

#[test]
fn a_budget_column_in_ten_thousands_is_converted_and_a_dollar_alone_refused() {
    let site = Site::fixture("basic");
    let rows = vec![
        r(&["项目编号", "项目名称", "状态", "预算（万元）"]),
        r(&["PRJ-2026-020", "园区网络改造", "进行中", "360"]),
    ];
    let file = write(&site, "万元.xlsx", &xlsx("Sheet1", &rows, &[]));
    let out = import(&site, &file, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    // Once refused ("multiply the column by 10,000"); now read as the header says.
    let page = source(&site, "content/projects/prj-2026-020/index.md");
    assert!(page.contains("bac: 3600000\ncurrency: CNY\n"), "{page}");
    // A budget headed in dollars, with the code, is in dollars; with `$` alone, refused.
    let csv = "项目编号,项目名称,状态,预算（美元）\nPRJ-2026-021,海外仓,进行中,\"250,000\"\n";
    let file = write(&site, "usd.csv", csv.as_bytes());
    let out = import(&site, &file, &["--dry-run"]);
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        printed.contains("bac: 250000\ncurrency: USD\n"),
        "{printed}"
    );
    let csv = "项目编号,项目名称,状态,BAC ($)\nPRJ-2026-022,海外仓二期,进行中,100\n";
    let file = write(&site, "dollar.csv", csv.as_bytes());
    let err = stderr(&import(&site, &file, &[]));
    assert!(
        err.contains("column `BAC ($)` gives the budgets in dollars, but not which"),
        "{err}"
    );
    assert!(!site.root().join("content/projects/prj-2026-022").exists());
    // A list without a status column names what is missing.
    let csv = "项目编号,项目名称,预算\nPRJ-1,门户,100\n";
    let file = write(&site, "no-status.csv", csv.as_bytes());
    let err = stderr(&import(&site, &file, &[]));
    assert!(err.contains("has no column for status"), "{err}");
}

/// A list as WPS exports it at a bank: a 序号 column, a two-row header with 计划日期
/// merged over 开始 and 结束, budgets in yuan, both ways of writing a day, and a totals
/// row whose 合计 is in the 序号 column (merged over the columns before the amounts).
fn wps_list() -> Vec<Vec<V>> {
    #[rustfmt::skip]
    let rows = vec![
        r(&["2026 年度科技部项目清单"]),
        r(&["序号", "项目编号", "项目名称", "项目状态", "计划日期", "", "预算", "项目经理", "内部备注"]),
        r(&["", "", "", "", "开始", "结束", "", "", ""]),
        r(&["1", "KJ-2026-001", "核心系统分布式改造", "进行中", "2026/3/5", "2026/12/31", "1200000", "王磊", "旧编号 X1"]),
        r(&["2", "KJ-2026-002", "手机银行6.0", "计划中", "2026年3月5日", "2026年12月31日", "1355000", "李娜", "旧编号 X2"]),
        r(&["合计", "", "", "", "", "", "2555000", "", ""]),
    ];
    rows
}

const WPS_MERGED: &[&str] = &[
    "A1:I1", "E2:F2", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "G2:G3", "H2:H3", "I2:I3", "A6:F6",
];

#[test]
fn a_totals_row_labelled_in_the_numbered_column_is_no_project() {
    let site = Site::fixture("basic");
    let file = write(
        &site,
        "科技部项目.xlsx",
        &xlsx("项目清单", &wps_list(), WPS_MERGED),
    );
    let out = import_in("", &site, &file, &[]);
    let err = stderr(&out);
    // It was an error at D6 (`项目状态` empty), the command exiting with 1.
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("项目清单!D6"), "{err}");
    // `序号` numbers the rows: left out, never offered as the projects' code.
    assert!(err.contains("项目清单!A2：列 `序号` 不会导入"), "{err}");
    assert!(!err.contains("序号=code"), "{err}");
    assert!(
        err.contains("已向 content/projects/ 导入 2 个项目；0 个已在站点中，0 行有错误"),
        "{err}"
    );
    let second = source(&site, "content/projects/kj-2026-002/index.md");
    assert!(
        second.contains("start: 2026-03-05\nfinish: 2026-12-31\nbac: 1355000\n"),
        "{second}"
    );
}

#[test]
fn a_hidden_column_no_field_reads_is_left_out_with_a_warning() {
    let site = Site::fixture("basic");
    // 内部备注 (column I) hidden: no field reads it, so nothing unseen is counted.
    let file = write(
        &site,
        "科技部项目.xlsx",
        &xlsx_hiding("项目清单", &wps_list(), WPS_MERGED, &[8]),
    );
    let out = import_in("", &site, &file, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("项目清单!I2"), "{err}");
    assert!(err.contains("列 `内部备注` 在工作簿中被隐藏"), "{err}");
    assert!(!err.contains("会在看不见的情况下被计入"), "{err}");
    assert!(site
        .root()
        .join("content/projects/kj-2026-001/index.md")
        .exists());

    // A hidden column a field would read (an old budget kept out of sight) is refused
    // as before, at its header cell: imported, unseen figures would be published.
    let file = write(
        &site,
        "预算隐藏.xlsx",
        &xlsx_hiding("项目清单", &wps_list(), WPS_MERGED, &[6]),
    );
    let before = common::snapshot(&site.root().join("content"));
    let out = import_in("", &site, &file, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("项目清单!G2"), "{err}");
    assert!(err.contains("列 `预算` 在工作簿中被隐藏"), "{err}");
    assert!(err.contains("取消隐藏"), "{err}");
    assert_eq!(common::snapshot(&site.root().join("content")), before);
}
