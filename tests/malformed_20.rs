//! Malformed sites the twentieth hunt found mishandled: a totals row of a risks table
//! told as three mistakes.

mod common;

use common::Site;

/// The errors `text`, written as the ERP project's `file`, fails the build with, each
/// `file:` position counted.
fn told(site: &Site, file: &str, text: &str) -> (String, usize) {
    site.write(&format!("content/projects/erp/{file}"), text);
    let m = site.build_err();
    let count = m.matches(&format!("{file}:")).count();
    (m, count)
}

/// The one warning the build gives about the report `file`, written with `text`.
fn one_warning(site: &Site, file: &str, text: &str) -> Vec<String> {
    site.write(&format!("content/reports/{file}"), text);
    let warnings = site.warnings();
    let told: Vec<String> = warnings.into_iter().filter(|w| w.contains(file)).collect();
    assert_eq!(told.len(), 1, "{told:#?}");
    told
}

const RISKS: &str =
    "id,title,probability,impact,owner,status,response\nR1,供应商延期,4,5,张伟,open,每周检查\n";

/// `合计,,6,8,,,` under a risks table (the sheet's sum of the probabilities and impacts)
/// gave three errors: the empty title, and "6" and "8" out of the 1–5 scale, sending its
/// author to mend the sums. A totals row is one mistake, told once at its label, as a
/// budget's is; the milestones table's likewise.
#[test]
fn a_totals_row_of_a_risks_table_is_one_error_at_its_label() {
    let site = Site::fixture("basic");
    let (m, count) = told(
        &site,
        "risks.csv",
        &format!("{RISKS}R2,数据质量,2,3,李娜,closed,清洗\n合计,,6,8,,,\n"),
    );
    assert_eq!(count, 1, "{m}");
    assert!(m.contains("risks.csv:4:1:"), "{m}");
    assert!(m.contains("`合计` looks like a totals row"), "{m}");
    assert!(!m.contains("between 1 and 5"), "{m}");

    // The label in the title's column, with a count in the id's.
    let (m, count) = told(&site, "risks.csv", &format!("{RISKS}2,Total,,,,,\n"));
    assert_eq!(count, 1, "{m}");
    assert!(m.contains("risks.csv:3:3:"), "{m}");

    // A risk whose title begins with "Total" is a risk: its wrong scale is told as such.
    let text = format!("{RISKS}R2,Total cost overrun,6,5,张伟,open,每周检查\n");
    let (m, _) = told(&site, "risks.csv", &text);
    assert!(m.contains("risks.csv:3:"), "{m}");
    assert!(!m.contains("totals row"), "{m}");

    // Milestones: the count of those reached under a subtotal, one error too.
    site.write("content/projects/erp/risks.csv", RISKS);
    let (m, count) = told(
        &site,
        "milestones.csv",
        "name,baseline,forecast,actual\n启动会,2024-01-10,,2024-01-10\n小计,2,,1\n",
    );
    assert_eq!(count, 1, "{m}");
    assert!(m.contains("milestones.csv:3:1:"), "{m}");
    assert!(m.contains("`小计` looks like a totals row"), "{m}");
}

/// A front matter opened with `---` and closed with `+++` (the fence of the other
/// format, as copied from a Hugo page) was "never closed" at line 1, with the help to
/// add a `---` line after the last field — or, when a rule `---` stood lower in the
/// body, "this line is not a field" at the `+++`, everything down to the rule taken for
/// front matter. Either way the `+++` is the mistake, told at its line.
#[test]
fn a_front_matter_closed_by_the_other_formats_fence_is_told_at_that_fence() {
    let site = Site::fixture("basic");
    for (body, file) in [
        ("正文。\n", "一.md"),
        ("正文。\n\n---\n\n附录。\n", "二.md"),
    ] {
        site.write(
            &format!("content/reports/{file}"),
            format!("---\ntitle: 三月月报\ndate: 2024-03-31\n+++\n{body}"),
        );
        let m = site.build_err();
        assert!(m.contains(&format!("{file}:4:1:")), "{m}");
        assert!(
            m.contains("`+++` closes a front matter opened with `---`"),
            "{m}"
        );
        assert!(!m.contains("never closed"), "{m}");
        site.remove(&format!("content/reports/{file}"));
    }
    // And the other way round.
    site.write(
        "content/reports/三.md",
        "+++\ntitle = \"三月月报\"\ndate = 2024-03-31\n---\n正文。\n",
    );
    let m = site.build_err();
    assert!(m.contains("三.md:4:1:"), "{m}");
    assert!(
        m.contains("`---` closes a front matter opened with `+++`"),
        "{m}"
    );
}

/// A line chart over days of spending, one typed `03/05/2026` among `2026-03-05` and
/// `2026-04-01`: the odd day was text, drawn first with `sort` (text's order puts `0`
/// before `2`) or between the others as the table had it, and a reader could not tell
/// whether it meant 3 May or 5 March — without a word, where `2026/03/05` was warned.
/// Each day written with the year last is warned of, with the day or the two days it
/// could be.
#[test]
fn a_day_written_year_last_on_a_chart_axis_is_warned_with_the_days_it_could_be() {
    for (day, meant) in [
        ("03/05/2026", "could be 2026-05-03 (day first"),
        ("18.03.2026", "would be 2026-03-18"),
    ] {
        let site = Site::fixture("basic");
        site.write(
            "data/支出.csv",
            format!("部门,日期,金额\n研发中心,2026-03-05,100\n市场部,{day},200\n采购部,2026-04-01,300\n"),
        );
        let told = one_warning(
            &site,
            "支出.md",
            "---\ntitle: 三月支出\ndate: 2026-04-30\n---\n\n按日支出：\n\n```chart\ntype = \"line\"\ndata = \"支出\"\nx = \"日期\"\ny = \"金额\"\nsort = \"日期\"\n```\n",
        );
        assert!(
            told[0].contains(&format!("`{day}` (data/支出.csv line 3) in the x column `日期` is a date written another way")),
            "{told:?}"
        );
        assert!(told[0].contains(meant), "{told:?}");
    }
}

/// `filter = { status = "active" }` over a portfolio whose only project is closed was
/// told "`active` is how the portal shows `active`: … write `active`", sending its
/// author to write again what was written. A value right as written, that no row has
/// yet, is told the column's values only.
#[test]
fn a_filter_value_no_row_has_yet_is_not_told_to_be_written_as_itself() {
    let site = Site::fixture("basic");
    let told = one_warning(
        &site,
        "在建.md",
        "---\ntitle: 在建项目\ndate: 2024-12-30\n---\n\n在建项目的预算：\n\n```chart\ntype = \"bar\"\ndata = \"portfolio\"\nx = \"title\"\ny = \"bac\"\nfilter = { status = \"active\" }\n```\n",
    );
    assert!(told[0].contains("no row of `portfolio` has it"), "{told:?}");
    assert!(!told[0].contains("is how the portal shows"), "{told:?}");
    assert!(told[0].contains("values of `status`"), "{told:?}");
    assert!(told[0].contains("closed"), "{told:?}");
}

/// `一百二十万` in a budget cell (or `壹佰贰拾万元整`, as a finance form writes amounts in
/// capitals) was "no number, e.g. 1200000": its author worked the figure out by hand,
/// where `120万` was told it. Both are told the plain number, in a cell and in `bac`; so
/// is `1'200'000`, thousands parted as in Switzerland.
#[test]
fn an_amount_in_chinese_numerals_is_told_the_plain_number() {
    let site = Site::fixture("basic");
    for (amount, column) in [("一百二十万", 9), ("壹佰贰拾万元整", 9), ("1'200'000", 9)]
    {
        let (m, count) = told(
            &site,
            "budget.csv",
            &format!("period,pv,ev,ac\n2024-01,{amount},900000,1000000\n2024-02,1000000,1000000,1100000\n"),
        );
        assert_eq!(count, 1, "{m}");
        assert!(m.contains(&format!("budget.csv:2:{column}:")), "{m}");
        assert!(
            m.contains(&format!(
                "`{amount}` would be 1200000: write the plain number"
            )),
            "{m}"
        );
    }
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,1200000,900000,1000000\n",
    );
    site.set_project_field("erp", "bac", "三百二十万");
    let m = site.build_err();
    assert!(
        m.contains("`三百二十万` would be 3200000: write `bac: 3200000`"),
        "{m}"
    );
}

/// `index.md` beside `_index.md` (Hugo's leaf bundle beside a list's introduction) gave
/// two errors for one mistake, the first "rename one of the files (names are compared
/// after lowercasing…)", no help at all here. It is the one error saying the folder's
/// list is at that address and its introduction is `_index.md`; at the site's root too.
#[test]
fn an_index_md_beside_an_index_of_the_folder_is_one_error() {
    for (folder, rel) in [
        ("content/practices", "content/practices/index.md"),
        ("content/", "content/index.md"),
    ] {
        let site = Site::fixture("basic");
        site.write(
            rel,
            "---\ntitle: 实践总览\n---\n\n本栏目收录项目管理实践。\n",
        );
        let m = site.build_err();
        assert!(m.contains(&format!("{rel}:1:1:")), "{m}");
        assert!(!m.contains("both want the URL"), "{m}");
        assert!(
            m.contains(&format!("where the folder {folder} has its list")),
            "{m}"
        );
        assert_eq!(m.matches("error: ").count(), 1, "{m}");
    }
}
