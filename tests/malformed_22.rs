//! Malformed sites the twenty-second hunt found mishandled: a budget's own `单位`
//! column mixing rows in 万元 and in 元, in a project's budget table and in an imported
//! list.

mod common;

use common::import::{import_projects, index, row, write};
use common::xlsx::xlsx;
use common::{stderr, Site};

const BUDGET: &str = "content/projects/erp/budget.csv";

/// The budget table's rows as the project page shows them.
fn budget_rows(site: &Site) -> String {
    let page = site.read("projects/erp/index.html");
    let at = page.find("<table").unwrap_or(0);
    let end = page[at..].find("</table>").map_or(page.len(), |e| at + e);
    page[at..end].to_string()
}

/// A budget whose `单位` column says `万元` on some rows and `元` on others (two
/// departments' sheets pasted together) was refused, the help saying to multiply pv,
/// ev and ac by 10,000 — wrong for the rows already in 元. Each row is now read in the
/// unit its own cell names, as a header's unit is read for its column: the page equals
/// the one of the same budget written in 元.
#[test]
fn a_unit_column_mixing_wan_and_yuan_rows_is_read_row_by_row() {
    let site = Site::fixture("basic");
    site.write(
        BUDGET,
        "period,pv,ev,ac,单位\n2024-01,100,90,100,万元\n2024-02,1000000,1000000,1100000,元\n2024-03,120.5,,,万元\n",
    );
    let warnings = site.warnings();
    // The column is read: not told as one of the author's own, left out.
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("column `单位` is not one")),
        "{warnings:#?}"
    );
    let mixed = budget_rows(&site);
    site.write(
        BUDGET,
        "period,pv,ev,ac,单位\n2024-01,1000000,900000,1000000,元\n2024-02,1000000,1000000,1100000,元\n2024-03,1205000,,,元\n",
    );
    site.build_ok();
    let plain = budget_rows(&site);
    assert!(plain.contains("3,205,000"), "{plain}");
    assert_eq!(mixed, plain);
}

/// A header naming one multiple beside a row naming another (`计划值（万元）` over a
/// row saying `千元`) cannot be read either way with confidence: refused at the row's
/// cell, naming both, never converted twice.
#[test]
fn a_row_unit_contradicting_the_headers_is_refused_at_its_cell() {
    let site = Site::fixture("basic");
    site.write(
        BUDGET,
        "月份,计划值（万元）,挣值（万元）,实际成本（万元）,单位\n2024-01,100,90,100,万元\n2024-02,100,100,110,千元\n",
    );
    let m = site.build_err();
    assert!(m.contains("budget.csv:3:"), "{m}");
    assert!(
        m.contains("the header `计划值（万元）` gives its column in 万元, while this row says its amounts are in 千元"),
        "{m}"
    );
    // The same unit in both is read once, converted.
    site.write(
        BUDGET,
        "月份,计划值（万元）,挣值（万元）,实际成本（万元）,单位\n2024-01,100,90,100,万元\n2024-02,100,100,110,万元\n",
    );
    site.build_ok();
    assert!(budget_rows(&site).contains("1,000,000"));
}

/// `pmo import projects` left a `单位` column out ("column `单位` will not be imported")
/// and wrote `bac: 360` for a row whose unit cell said 万元, with no doubt told: one
/// row in 万元 among rows in 元 does not make the column look like 万元. Each row's
/// budget is now read in its cell's unit; a cell naming no unit, or another than the
/// header's, is refused at the cell and the row not written.
#[test]
fn an_imported_unit_column_converts_each_row_and_refuses_what_it_cannot_read() {
    let site = Site::fixture("basic");
    let rows = vec![
        row(&["项目编号", "项目名称", "状态", "单位", "预算"], &[]),
        row(
            &["PRJ-2026-101", "园区网络改造", "进行中", "万元"],
            &[360.5],
        ),
        row(
            &["PRJ-2026-102", "档案数字化", "进行中", "元"],
            &[850_000.0],
        ),
        row(&["PRJ-2026-103", "数据治理", "进行中", "套"], &[12.0]),
    ];
    let file = write(&site, "单位列.xlsx", &xlsx("项目清单", &rows, &[]));
    let out = import_projects("zh-CN", &site, &file);
    let err = stderr(&out);
    assert!(!err.contains("不会导入"), "{err}");
    assert!(
        index(&site, "prj-2026-101").contains("bac: 3605000\n"),
        "{err}"
    );
    assert!(
        index(&site, "prj-2026-102").contains("bac: 850000\n"),
        "{err}"
    );
    assert!(err.contains("项目清单!D4"), "{err}");
    assert!(err.contains("这一行预算的单位，如 元 或 万元"), "{err}");
    assert!(index(&site, "prj-2026-103").is_empty(), "{err}");

    // Under a header in 万元, a row saying 千元 is one of two readings: refused.
    let csv =
        "项目编号,项目名称,状态,预算（万元）,单位\nPRJ-2026-104,园区网络改造二期,进行中,360,千元\n";
    let file = write(&site, "矛盾.csv", csv.as_bytes());
    let err = stderr(&import_projects("zh-CN", &site, &file));
    assert!(err.contains("矛盾.csv:2:"), "{err}");
    assert!(
        err.contains("预算列的列名与这个单元格给出的预算单位不同"),
        "{err}"
    );
    assert!(index(&site, "prj-2026-104").is_empty(), "{err}");
}

/// A risk register's `probability` and `impact` written `高`/`中`/`低` or `80%` were
/// told only "1 = very low … 5 = very high": no word that which level `高` or 80 % is
/// depends on the organisation's scale, and the help for `80%` did not say it was read
/// as a chance. Each is now told that the mapping is the organisation's choice, with
/// the two common ones and where the value falls on each.
#[test]
fn a_risk_level_in_words_or_as_a_chance_is_shown_the_two_common_mappings() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/risks.csv",
        "id,title,probability,impact,owner,status,response\nR1,供应商延期,高,中,张伟,open,每周检查\nR2,数据质量,80%,2,李娜,open,清洗\nR3,接口变更,0.35,3,王强,open,评审\n",
    );
    let m = site.build_err();
    assert!(m.contains("risks.csv:2:10"), "{m}");
    assert!(
        m.contains("`高` is a level in words: which number it stands for is your organisation's choice, set in its risk policy. Two common mappings: five steps, 很低 1, 低 2, 中 3, 高 4, 很高 5; or three steps spread over five, 低 1, 中 3, 高 5"),
        "{m}"
    );
    assert!(m.contains("risks.csv:3:9"), "{m}");
    assert!(
        m.contains("`80%` is a chance, not a level from 1 to 5")
            && m.contains("(so 80% is 5)")
            && m.contains("(so 80% is 4)"),
        "{m}"
    );
    assert!(
        m.contains("`0.35` is a chance")
            && m.contains("(so 0.35 is 3)")
            && m.contains("(so 0.35 is 2)"),
        "{m}"
    );
    // Other values keep the scale's own help.
    site.write(
        "content/projects/erp/risks.csv",
        "id,title,probability,impact,owner,status,response\nR1,供应商延期,7,2,张伟,open,每周检查\n",
    );
    let m = site.build_err();
    assert!(m.contains("1 = very low … 5 = very high"), "{m}");
}

/// A site migrated from Hugo, each of its lessons keeping `weight:` and `lastmod:`, was
/// told every one in full: 2 errors a page, a screen each, the one thing to learn buried
/// under them. The reader now sees the first three of each message whole and one line
/// for the rest naming their count and every place; `--format json` lists each whole.
#[test]
fn the_same_error_on_many_pages_is_shown_three_times_and_the_rest_counted() {
    let site = Site::fixture("basic");
    for i in 1..=12 {
        site.write(
            &format!("content/lessons/迁移/第{i:02}篇.md"),
            format!("---\ntitle: 迁移经验 {i}\ndate: 2024-03-01\nproject: erp\nphase: planning\nimpact: positive\nweight: {i}\nlastmod: 2024-05-01\n---\n\n正文。\n"),
        );
    }
    let before = common::snapshot(site.root());
    let root = site.root().to_str().unwrap();
    let out = common::pmo(&["--root", root, "build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.matches("unknown field `weight`").count(), 4, "{err}");
    assert!(
        err.contains("9 more with the message and help shown above (unknown field `weight` in the front matter of a lesson): content/lessons/迁移/第04篇.md:7:1, content/lessons/迁移/第05篇.md:7:1"),
        "{err}"
    );
    assert!(
        err.contains("第11篇.md:7:1, content/lessons/迁移/第12篇.md:7:1"),
        "every place is named: {err}"
    );
    assert!(err.contains("lastmod"), "{err}");
    assert!(err.contains("failed: 24 error(s)"), "{err}");
    assert_eq!(common::snapshot(site.root()), before);
    // Each is still listed for a machine.
    let out = common::pmo(&["--root", root, "build", "--format", "json"]);
    let json = String::from_utf8_lossy(&out.stdout);
    assert_eq!(json.matches("unknown field `weight`").count(), 12, "{json}");
}

/// A project marked `status: closed` whose `finish` is still to come (2099-12-20, a
/// plan's day never updated) built without a word: its page showed a closed project
/// ending in the future, and the dashboard counted it among the closed. The finish is
/// warned of at its line, naming the day the site is built as of.
#[test]
fn a_closed_project_finishing_after_the_sites_day_is_warned() {
    let site = Site::fixture("basic");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("as_of = \"2026-06-30\"\n{toml}"));
    site.set_project_field("erp", "finish", "2099-12-20");
    let warnings = site.warnings();
    let told: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("2099-12-20"))
        .collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    assert!(told[0].contains("erp/index.md:8:9"), "{told:?}");
    assert!(
        told[0].contains("the project is closed, but its `finish`, 2099-12-20, is after the day the site is built as of (2026-06-30)"),
        "{told:?}"
    );
    // Closed on or before that day: nothing to say.
    site.set_project_field("erp", "finish", "2026-06-30");
    let warnings = site.warnings();
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("is after the day the site is built as of")),
        "{warnings:#?}"
    );
}

/// An Excel 97–2003 workbook renamed `.xlsx` (or an .xlsx saved with a password to
/// open, which Excel stores in the same older container) was told "the file is damaged
/// or cut short", sending the author to repair a file that was whole. It is told what
/// it is, and how to save it; a failed build leaves the last site as it was.
#[test]
fn an_xls_or_a_password_protected_workbook_named_xlsx_is_told_what_it_is() {
    let site = Site::fixture("basic");
    site.build_ok();
    let before = common::snapshot(&site.public());
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(1024, 0);
    site.write("data/旧版台账.xlsx", ole);
    let m = site.build_err();
    assert!(m.contains("data/旧版台账.xlsx"), "{m}");
    assert!(
        m.contains("it is an Excel 97–2003 workbook (.xls) renamed, or a workbook protected with a password to open"),
        "{m}"
    );
    assert!(!m.contains("damaged or cut short"), "{m}");
    assert_eq!(common::snapshot(&site.public()), before);
}
