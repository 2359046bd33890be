//! `pmo import projects` of a PMO's whole workbook (项目, 里程碑 and 风险 sheets), and
//! `pmo import milestones|risks` of separate files: each project's milestones.csv and
//! risks.csv written beside its index.md, never over one, and the site builds with
//! them on the project pages and the dashboard.

mod common;

use std::path::{Path, PathBuf};

use common::xlsx::{workbook, V};
use common::{pmo, pmo_in, stderr, Site};

fn r(cells: &[&str]) -> Vec<V> {
    cells.iter().map(|c| V::S(c.to_string())).collect()
}

/// The PMO's workbook: the projects, their milestones (one with a day two countries
/// read differently, one for a code no project has) and their risks (one rated in
/// words, one with a status outside the vocabulary), and a milestone for the fixture's
/// ERP project, which has a milestones table already.
fn portfolio() -> Vec<u8> {
    #[rustfmt::skip]
    let projects = vec![
        r(&["项目编号", "项目名称", "开始日期", "结束日期", "状态", "预算", "项目经理", "部门"]),
        r(&["PRJ-2026-001", "财务共享中心建设", "2026-01-05", "2026-12-31", "进行中", "3,600,000", "王芳", "财务部"]),
        r(&["PRJ-2026-002", "供应链协同平台", "2026-02-01", "2026-11-30", "进行中", "1,200,000", "李娜", "供应链部"]),
        r(&["PRJ-2026-003", "数据中台二期", "2026-01-15", "2026-12-20", "进行中", "2,500,000", "赵强", "信息中心"]),
    ];
    #[rustfmt::skip]
    let mut milestones = vec![
        r(&["项目编号", "里程碑", "基线日期", "预测日期", "实际日期", "备注"]),
        r(&["PRJ-2026-001", "需求评审通过", "2026-03-31", "", "2026-03-28"]),
        r(&["PRJ-2026-001", "费用报销上线", "2026/9/30", "2026年10月20日", ""]),
        r(&["PRJ-2026-002", "供应商门户上线", "05.11.2026", "", ""]),
        r(&["PRJ-2026-009", "数据迁移完成", "2026-06-30", "", ""]),
        r(&["PRJ-2024-007", "二期验收", "2026-12-15", "", ""]),
        r(&["PRJ-2026-003", "数据治理平台上线", "", "2026-08-31", ""]),
    ];
    // The first milestone's baseline typed as a date cell (2026-03-31).
    milestones[1][2] = V::D(46112.0);
    #[rustfmt::skip]
    let mut risks = vec![
        r(&["项目编号", "风险编号", "风险描述", "概率", "影响", "责任人", "状态", "应对措施"]),
        r(&["PRJ-2026-001", "R-01", "供应商交付延期", "4", "5", "王芳", "处理中", "每周跟踪交付计划"]),
        r(&["PRJ-2026-001", "", "关键用户参与不足", "3", "3", "刘敏", "已关闭", "已签署投入承诺"]),
        r(&["PRJ-2026-002", "R-01", "接口规范未定", "高", "4", "李娜", "打开", "召开接口评审会"]),
        r(&["PRJ-2026-003", "R-01", "历史数据质量差", "3", "4", "赵强", "已取消", "数据清洗专项"]),
    ];
    risks[1][3] = V::N(4.0);
    workbook(&[
        ("项目", false, &projects, &[]),
        ("里程碑", false, &milestones, &[]),
        ("风险", false, &risks, &[]),
    ])
}

fn write(site: &Site, name: &str, bytes: &[u8]) -> PathBuf {
    let path = site.root().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn import_in(
    lang: &str,
    site: &Site,
    what: &str,
    file: &Path,
    extra: &[&str],
) -> std::process::Output {
    let root = site.root().to_str().unwrap().to_string();
    let mut args = vec![
        "--root",
        root.as_str(),
        "import",
        what,
        file.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    pmo_in(lang, &args)
}

fn source(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).unwrap()
}

#[test]
fn a_pmo_workbook_becomes_projects_with_their_milestones_and_risks_and_builds() {
    let site = Site::fixture("basic");
    let file = write(&site, "项目组合.xlsx", &portfolio());
    // A dry run finds the milestones' projects among those it would write, and writes
    // nothing.
    let before = common::snapshot(&site.root().join("content"));
    let out = import_in("en", &site, "projects", &file, &["--dry-run"]);
    let err = stderr(&out);
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(err.contains("dry run: would write 1 milestones table(s); 1 project(s) have one already, 3 row(s) with errors; nothing was written"), "{err}");
    assert!(
        printed.contains("would write content/projects/prj-2026-001/risks.csv (from 风险!A2)"),
        "{printed}"
    );
    assert_eq!(common::snapshot(&site.root().join("content")), before);

    let out = import_in("en", &site, "projects", &file, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("imported 3 project(s) into content/projects/; 0 already in the site, 0 row(s) with errors"), "{err}");

    // A day two countries read differently, at its sheet and cell.
    assert!(
        err.contains("里程碑!C4: column `基线日期` holds `05.11.2026`, expected a date"),
        "{err}"
    );
    // A code no project has, with the closest codes.
    assert!(
        err.contains("里程碑!A5: no project has the code `PRJ-2026-009`"),
        "{err}"
    );
    assert!(
        err.contains("the closest codes are PRJ-2026-001, PRJ-2026-002, PRJ-2026-003"),
        "{err}"
    );
    // A milestone without a baseline.
    assert!(
        err.contains("里程碑!C7: column `基线日期` is empty, but every row needs its baseline"),
        "{err}"
    );
    // A table the site has is never overwritten.
    assert!(
        err.contains("里程碑!A6: skipped: content/projects/erp/milestones.csv already exists"),
        "{err}"
    );
    assert!(err.contains("content/projects/prj-2026-002/milestones.csv was not written: it is written whole or not at all"), "{err}");
    assert!(err.contains("wrote 1 milestones table(s) into content/projects/; 1 project(s) have one already, 3 row(s) with errors"), "{err}");
    // A probability in words, and a status outside the vocabulary, in both languages.
    assert!(
        err.contains("风险!D4: column `概率` holds `高`, expected a whole number from 1 to 5"),
        "{err}"
    );
    assert!(err.contains("风险!G5: column `状态` holds `已取消`, expected one of open, in-progress, mitigated, monitoring, closed"), "{err}");
    assert!(err.contains("closed (关闭, 已关闭, 已解决"), "{err}");
    assert!(err.contains("wrote 1 risks table(s) into content/projects/; 0 project(s) have one already, 2 row(s) with errors"), "{err}");

    assert_eq!(
        source(&site, "content/projects/prj-2026-001/milestones.csv"),
        "name,baseline,forecast,actual\n需求评审通过,2026-03-31,,2026-03-28\n费用报销上线,2026-09-30,2026-10-20,\n"
    );
    assert_eq!(
        source(&site, "content/projects/prj-2026-001/risks.csv"),
        "id,title,probability,impact,owner,status,response\nR-01,供应商交付延期,4,5,王芳,in-progress,每周跟踪交付计划\nR2,关键用户参与不足,3,3,刘敏,closed,已签署投入承诺\n"
    );
    assert!(!site
        .root()
        .join("content/projects/prj-2026-002/risks.csv")
        .exists());
    assert!(!site
        .root()
        .join("content/projects/prj-2026-003/milestones.csv")
        .exists());
    assert!(source(&site, "content/projects/erp/milestones.csv")
        .starts_with("name,baseline,forecast,actual\n启动会"));

    // The site builds, with no warning about the new projects, and shows them.
    let root = site.root().to_str().unwrap();
    let built = pmo(&["--root", root, "build", "--as-of", "2026-11-30"]);
    let said = stderr(&built);
    assert!(built.status.success(), "{said}");
    assert!(!said.contains("prj-2026"), "{said}");
    let page = site.read("projects/prj-2026-001/index.html");
    for shown in [
        "需求评审通过",
        "费用报销上线",
        "供应商交付延期",
        "关键用户参与不足",
    ] {
        assert!(page.contains(shown), "{shown} not on the project's page");
    }
    let dashboard = site.read("dashboard/index.html");
    assert!(dashboard.contains("财务共享中心建设"), "{dashboard}");
    // Its table shows under each project its milestones (done of all, delayed) and its
    // open risks: 费用报销上线 is forecast after its baseline; 供应商交付延期 is open.
    let row = dashboard
        .split("<tr>")
        .find(|r| r.contains("财务共享中心建设"))
        .unwrap();
    assert!(
        row.contains("<span class=\"muted row-facts\">里程碑 <span class=\"nowrap\">1/2</span> <span class=\"badge late\">1 个延期</span> · 未关闭风险 1</span>"),
        "{row}"
    );

    // Importing again changes nothing; said in the site's language.
    let before = common::snapshot(&site.root().join("content"));
    let again = import_in("", &site, "projects", &file, &[]);
    let err = stderr(&again);
    assert!(
        err.contains("里程碑!A2：已跳过：content/projects/prj-2026-001/milestones.csv 已存在"),
        "{err}"
    );
    assert!(
        err.contains("已向 content/projects/ 写入 0 张风险表；1 个项目已有该表，2 行有错误"),
        "{err}"
    );
    assert_eq!(common::snapshot(&site.root().join("content")), before);
}

#[test]
fn separate_milestone_and_risk_files_name_their_projects_by_title_or_code() {
    let site = Site::fixture("basic");
    site.remove("content/projects/erp/risks.csv");
    let csv = "项目名称,风险,可能性,影响程度,负责人,状态\n\
               ERP 升级,上线窗口冲突,3,4,张伟,监控中\n\
               ERP 升极,数据迁移延期,2,4,李娜,打开\n";
    let file = write(&site, "风险登记册.csv", csv.as_bytes());
    let out = import_in("en", &site, "risks", &file, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("no project is titled “ERP 升极”"), "{err}");
    assert!(err.contains("风险登记册.csv:3:1]"), "{err}");
    assert!(err.contains("the closest titles are ERP 升级"), "{err}");
    // The row naming no project belongs to none: ERP's risk is written, numbered.
    assert_eq!(
        source(&site, "content/projects/erp/risks.csv"),
        "id,title,probability,impact,owner,status,response\nR1,上线窗口冲突,3,4,张伟,monitoring,\n"
    );
    // A dry run says what it would skip, and writes nothing.
    let out = import_in("", &site, "risks", &file, &["--dry-run"]);
    let err = stderr(&out);
    assert!(
        err.contains("试运行：将写入 0 张风险表；1 个项目已有该表，1 行有错误；未写入任何内容"),
        "{err}"
    );

    // A workbook's sheet named by --sheet; one it lacks is named with those it has.
    site.remove("content/projects/erp/milestones.csv");
    let rows = vec![
        r(&["项目编号", "里程碑", "计划日期", "完成日期"]),
        r(&["PRJ-2024-007", "切换演练", "2024-10-15", "2024-10-20"]),
    ];
    let file = write(
        &site,
        "节点.xlsx",
        &workbook(&[
            ("说明", false, &[r(&["节点计划"])], &[]),
            ("节点计划", false, &rows, &[]),
        ]),
    );
    let err = stderr(&import_in(
        "en",
        &site,
        "milestones",
        &file,
        &["--sheet", "计划"],
    ));
    assert!(
        err.contains("the workbook has no sheet named `计划`"),
        "{err}"
    );
    assert!(
        err.contains("its sheets are 说明, 节点计划: name one with --sheet"),
        "{err}"
    );
    let out = import_in("en", &site, "milestones", &file, &["--sheet", "节点计划"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        source(&site, "content/projects/erp/milestones.csv"),
        "name,baseline,forecast,actual\n切换演练,2024-10-15,,2024-10-20\n"
    );
}

#[test]
fn a_row_currency_against_the_budget_header_and_a_currency_without_a_rate() {
    let site = Site::fixture("basic");
    let csv = "项目编号,项目名称,状态,预算（美元）,币种\n\
               PRJ-2026-030,海外仓,进行中,\"250,000\",人民币\n\
               PRJ-2026-031,海外仓二期,进行中,\"100,000\",USD\n";
    let file = write(&site, "usd.csv", csv.as_bytes());
    let out = import_in("en", &site, "projects", &file, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("column `币种` holds `人民币`, expected USD, the currency the budget column's header (line 1) names"), "{err}");
    assert!(err.contains("usd.csv:2:32]"), "{err}");
    assert!(!site.root().join("content/projects/prj-2026-030").exists());
    // The site's projects are in CNY and site.toml names no portfolio currency.
    assert!(err.contains("the project is in USD, the site's other projects in CNY, and site.toml names no portfolio currency"), "{err}");
    assert!(
        err.contains("[currency]") && err.contains("portfolio = \"CNY\""),
        "{err}"
    );
    assert!(
        err.contains("[currency.rates]") && err.contains("USD ="),
        "{err}"
    );

    // With a portfolio currency but no rate: the line to add, in the site's language.
    let toml = source(&site, "site.toml");
    site.write(
        "site.toml",
        format!("{toml}\n[currency]\nportfolio = \"CNY\"\n"),
    );
    let csv = "项目编号,项目名称,状态,预算,币种\nPRJ-2026-032,欧洲分部,进行中,\"80,000\",EUR\n";
    let file = write(&site, "eur.csv", csv.as_bytes());
    let err = stderr(&import_in("", &site, "projects", &file, &[]));
    assert!(err.contains("eur.csv:2:"), "{err}");
    assert!(
        err.contains("项目的币种是 EUR，但 site.toml 没有 EUR 到组合币种 CNY 的汇率"),
        "{err}"
    );
    assert!(
        err.contains("在 site.toml 的 [currency.rates] 下加一行 `EUR = `"),
        "{err}"
    );
}

#[test]
fn sheets_named_otherwise_are_picked_with_sheet_and_a_csv_list_is_read_once() {
    let site = Site::fixture("basic");
    let projects = vec![
        r(&["项目编号", "项目名称", "状态", "预算"]),
        r(&["PRJ-2026-040", "智能客服", "进行中", "500000"]),
    ];
    let risks = vec![
        r(&["项目编号", "风险", "概率", "影响", "状态"]),
        r(&["PRJ-2026-040", "语料不足", "3", "3", "Open"]),
    ];
    let file = write(
        &site,
        "台账.xlsx",
        &workbook(&[
            ("2026清单", false, &projects, &[]),
            ("风险台账", false, &risks, &[]),
        ]),
    );
    let err = stderr(&import_in(
        "en",
        &site,
        "projects",
        &file,
        &["--sheet", "台账=风险台账"],
    ));
    assert!(
        err.contains("`--sheet 台账=风险台账` names no part of the workbook"),
        "{err}"
    );
    let out = import_in(
        "en",
        &site,
        "projects",
        &file,
        &["--sheet", "projects=2026清单", "--sheet", "风险=风险台账"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        source(&site, "content/projects/prj-2026-040/risks.csv"),
        "id,title,probability,impact,owner,status,response\nR1,语料不足,3,3,,open,\n"
    );
    // A CSV list is the projects alone, whatever --sheet says of the other parts.
    let csv = "项目编号,项目名称,状态\nPRJ-2026-041,知识库,进行中\n";
    let file = write(&site, "list.csv", csv.as_bytes());
    let out = import_in(
        "en",
        &site,
        "projects",
        &file,
        &["--sheet", "milestones=里程碑"],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("milestones table"), "{err}");
    assert!(!site
        .root()
        .join("content/projects/prj-2026-041/milestones.csv")
        .exists());
}
