//! Budgets a finance reader trusts: a list headed in a multiple of the currency
//! (`预算（万元）`, `Budget (k CNY)`, `预算金额(亿元)`, `Cost (M USD)`) is imported in the
//! currency's own units, converted on the decimals written (1234.56 万元 is 12,345,600
//! 元, never 12,345,599.999…), and a budget whose unit is in doubt is told at its cell
//! with both readings.

mod common;

use common::import::{import_projects as import, index, row, write};
use common::xlsx::xlsx;
use common::{stderr, Site};

/// Figures that floating point multiplies wrongly (0.57 × 10000 is 5699.999999999999,
/// 0.07 × 10000 is 700.0000000000001), typed as numbers in an Excel sheet.
#[test]
fn a_budget_in_ten_thousands_is_converted_exactly_and_one_over_a_billion_is_told() {
    let site = Site::fixture("basic");
    let rows = vec![
        row(&["项目编号", "项目名称", "状态", "预算（万元）"], &[]),
        row(&["PRJ-2026-031", "园区网络改造", "进行中"], &[1234.56]),
        row(&["PRJ-2026-032", "档案数字化", "进行中"], &[0.57]),
        row(&["PRJ-2026-033", "财务共享中心", "进行中"], &[0.07]),
        row(&["PRJ-2026-034", "新总部大楼", "进行中"], &[150_000.0]),
    ];
    let file = write(&site, "万元清单.xlsx", &xlsx("项目清单", &rows, &[]));
    let out = import("zh-CN", &site, &file);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    for (folder, bac) in [
        ("prj-2026-031", "bac: 12345600\ncurrency: CNY\n"),
        ("prj-2026-032", "bac: 5700\ncurrency: CNY\n"),
        ("prj-2026-033", "bac: 700\ncurrency: CNY\n"),
        ("prj-2026-034", "bac: 1500000000\ncurrency: CNY\n"),
    ] {
        let page = index(&site, folder);
        assert!(page.contains(bac), "{folder}: {page}");
    }
    // 15亿 for one project: imported as the header says, with the other reading.
    assert!(
        err.contains("项目清单!D5：列 `预算（万元）` 的 `150000` 折算后为 1,500,000,000 CNY，单个项目超过 1,000,000,000（10亿）"),
        "{err}"
    );
    assert!(
        err.contains("若不按列名中的万元折算，则为 150,000 CNY"),
        "{err}"
    );
    assert!(
        err.contains("请去掉列名中的万元后重新导入；本次导入的是 1,500,000,000"),
        "{err}"
    );
    // The others are under 10亿: told of nothing.
    assert!(
        !err.contains("项目清单!D2") && !err.contains("项目清单!D4"),
        "{err}"
    );
}

/// A CSV with a unit in English words, in 亿, and in millions of a named currency.
#[test]
fn units_in_english_and_in_yi_convert_and_a_dollar_alone_is_refused() {
    let site = Site::fixture("basic");
    let csv = "Code,Project name,Status,Budget (k CNY)\nPRJ-2026-041,数据中台,active,\"1,234.5\"\nPRJ-2026-042,移动办公,active,0.1\n";
    let file = write(&site, "k.csv", csv.as_bytes());
    let err = stderr(&import("en", &site, &file));
    assert!(
        index(&site, "prj-2026-041").contains("bac: 1234500\ncurrency: CNY\n"),
        "{err}"
    );
    assert!(
        index(&site, "prj-2026-042").contains("bac: 100\ncurrency: CNY\n"),
        "{err}"
    );

    let csv = "项目编号,项目名称,状态,预算金额(亿元)\nPRJ-2026-043,智慧园区,进行中,0.3\n";
    let file = write(&site, "yi.csv", csv.as_bytes());
    let err = stderr(&import("en", &site, &file));
    assert!(
        index(&site, "prj-2026-043").contains("bac: 30000000\ncurrency: CNY\n"),
        "{err}"
    );

    let csv = "Code,Project name,Status,Budget (M USD)\nPRJ-2026-044,海外仓,active,2.35\n";
    let file = write(&site, "musd.csv", csv.as_bytes());
    let err = stderr(&import("en", &site, &file));
    assert!(
        index(&site, "prj-2026-044").contains("bac: 2350000\ncurrency: USD\n"),
        "{err}"
    );

    // `$M` names millions, not which dollars: refused before anything is written.
    let csv = "Code,Project name,Status,Budget ($M)\nPRJ-2026-045,海外仓二期,active,2\n";
    let file = write(&site, "dollar-m.csv", csv.as_bytes());
    let out = import("en", &site, &file);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("column `Budget ($M)` gives the budgets in dollars, but not which")
            && err.contains("dollar-m.csv:1:26]"),
        "{err}"
    );
    assert!(!site.root().join("content/projects/prj-2026-045").exists());
}

/// A list kept in 万元 with the unit left off its header, beside a site whose budgets
/// are in 元 (the fixture's ERP upgrade, 3,200,000): every project would be ten
/// thousand times too small, so the header is told with both readings — at its cell in
/// a workbook, at its line and column in a CSV.
#[test]
fn a_unitless_budget_column_that_looks_like_wan_is_told_at_its_header() {
    let site = Site::fixture("basic");
    let rows = vec![
        row(&["项目编号", "项目名称", "状态", "预算"], &[]),
        row(&["PRJ-2026-051", "园区网络改造", "进行中"], &[360.0]),
        row(&["PRJ-2026-052", "档案数字化", "进行中"], &[85.5]),
        row(&["PRJ-2026-053", "数据治理", "进行中"], &[1_200_000.0]),
    ];
    let file = write(&site, "无单位.xlsx", &xlsx("Sheet1", &rows, &[]));
    let out = import("zh-CN", &site, &file);
    let err = stderr(&out);
    assert!(
        err.contains("Sheet1!D1：列 `预算` 没有写明单位，其 3 个预算中有 2 个小于 10,000，而站点中其他项目的预算以CNY计（中位数 3,200,000）"),
        "{err}"
    );
    assert!(
        err.contains("Sheet1!D2 的 `360` 按 360 CNY 读取") && err.contains("3,600,000 CNY"),
        "{err}"
    );
    assert!(
        err.contains("请把列名改为 `预算（万元）` 后重新导入（pmo 会精确折算）"),
        "{err}"
    );
    // A warning: the figures are imported as written.
    assert!(index(&site, "prj-2026-051").contains("bac: 360\n"));

    let site = Site::fixture("basic");
    let csv = "Code,Project name,Status,Budget\nPRJ-2026-054,园区网络改造,active,360\nPRJ-2026-055,档案数字化,active,\"1,850\"\n";
    let file = write(&site, "plain.csv", csv.as_bytes());
    let err = stderr(&import("en", &site, &file));
    assert!(
        err.contains("column `Budget` names no unit, and 2 of its 2 budgets are under 10,000 while the site's other projects' are in CNY (median 3,200,000): `360` at line 2 is read as 360 CNY")
            && err.contains("plain.csv:1:26]")
            && err.contains("head the column `Budget (万元)` and import again"),
        "{err}"
    );

    // Headed in 元, or in a site with no budgets to weigh against, nothing is told.
    let site = Site::fixture("basic");
    let csv = "Code,Project name,Status,Budget (CNY)\nPRJ-2026-056,园区网络改造,active,360\n";
    let file = write(&site, "yuan.csv", csv.as_bytes());
    let err = stderr(&import("en", &site, &file));
    assert!(!err.contains("names no unit"), "{err}");
    std::fs::remove_file(site.root().join("content/projects/erp/index.md")).unwrap();
    let csv = "Code,Project name,Status,Budget\nPRJ-2026-057,档案数字化,active,360\n";
    let file = write(&site, "alone.csv", csv.as_bytes());
    let err = stderr(&import("en", &site, &file));
    assert!(!err.contains("names no unit"), "{err}");
}

/// The build's doubt of a `bac` in 万元 weighed it against the site's middle budget
/// (a 9,000 project beside 28,000 and 45,000 is a small project), while the import's
/// doubt of a budget column did not and told such a list it read as 万元. Both now ask
/// one test: a small list among small projects is imported without a word, a 300
/// beside millions is told.
#[test]
fn a_small_budget_among_small_projects_is_not_told_it_reads_as_wan() {
    let site = Site::fixture("basic");
    let erp = std::fs::read_to_string(site.root().join("content/projects/erp/index.md")).unwrap();
    let other = erp
        .replace("title: ERP 升级", "title: 客户关系系统")
        .replace("code: PRJ-2024-007", "code: PRJ-2024-011")
        .replace("bac: 3200000", "bac: 45000");
    site.write("content/projects/crm/index.md", other);
    site.set_project_field("erp", "bac", "28000");
    let csv = "项目编号,项目名称,状态,预算\nPRJ-2026-058,会议室改造,进行中,9000\n";
    let file = write(&site, "小项目.csv", csv.as_bytes());
    let out = import("zh-CN", &site, &file);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("万元"), "{err}");
    assert!(
        index(&site, "prj-2026-058").contains("bac: 9000\n"),
        "{err}"
    );

    // The same list of 300 beside projects of millions is told.
    site.set_project_field("erp", "bac", "2800000");
    site.set_project_field("crm", "bac", "4500000");
    let csv = "项目编号,项目名称,状态,预算\nPRJ-2026-059,会议室改造二期,进行中,300\n";
    let file = write(&site, "万元遗漏.csv", csv.as_bytes());
    let err = stderr(&import("zh-CN", &site, &file));
    assert!(
        err.contains("列 `预算` 没有写明单位，其 1 个预算中有 1 个小于 10,000"),
        "{err}"
    );
}
