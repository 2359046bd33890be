//! Malformed sites the twenty-third hunt found mishandled: a date typed as a year, a
//! month or in English words told only "write dates as YYYY-MM-DD"; a page with nothing
//! below its front matter published without a word; tags typed as one text with
//! Chinese commas, or under their Chinese name with a Chinese colon, told without the
//! line to write; a spreadsheet's day number among a column's dates shown as a number.

mod common;

use common::xlsx::{xlsx, V};
use common::Site;

const PAGE: &str = "content/practices/weekly.md";

fn page_with(field_line: &str) -> String {
    format!("---\ntitle: 项目周报\n{field_line}\ncategory: 沟通管理\n---\n\n每周五提交周报。\n")
}

/// `date: 2024` was "`date` takes a date" with "write dates as YYYY-MM-DD, e.g.
/// 2024-03-18": nothing said the year was read and the day was missing.
#[test]
fn a_year_alone_is_told_as_a_year_at_its_field() {
    let site = Site::fixture("basic");
    site.write(PAGE, page_with("date: 2024"));
    let m = site.build_err();
    assert!(m.contains("weekly.md:3:7"), "{m}");
    assert!(m.contains("`2024` is a year alone, not a day"), "{m}");
    assert!(m.contains("2024-01-01 or 2024-12-31"), "{m}");
}

/// A month (`2024-03`, `2024年3月`) and a day in English words (`March 5, 2024`) say
/// what was read: the month's first day, the day itself.
#[test]
fn a_month_or_a_day_in_english_words_names_what_was_read() {
    let site = Site::fixture("basic");
    for (written, said) in [
        ("2024-03", "`2024-03` names a month, not a day"),
        ("2024年3月", "e.g. 2024-03-01 for the month's first day"),
        ("March 5, 2024", "`March 5, 2024` would be 2024-03-05"),
        ("5 Mar 2024", "`5 Mar 2024` would be 2024-03-05"),
    ] {
        site.write(PAGE, page_with(&format!("date: {written}")));
        let m = site.build_err();
        assert!(m.contains("weekly.md:3:7"), "{written}: {m}");
        assert!(m.contains(said), "{written}: {m}");
    }
}

/// A table's date column holding a month is told the same way, at its cell.
#[test]
fn a_month_in_a_milestones_date_column_names_its_first_day() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n启动会,2024-01,,2024-01-10\n",
    );
    let m = site.build_err();
    assert!(m.contains("milestones.csv:2:"), "{m}");
    assert!(m.contains("`2024-01` names a month, not a day"), "{m}");
}

/// A page of front matter alone was published as its title with nothing under it,
/// without a word. Warned at its closing fence; a page whose front matter says all
/// (`summary`), a draft, a project and a section are not.
#[test]
fn a_page_with_nothing_below_its_front_matter_is_warned_of() {
    let site = Site::fixture("basic");
    site.write(
        PAGE,
        "---\ntitle: 项目周报\ndate: 2024-03-05\n---\n\n<!-- 待写 -->\n",
    );
    let warnings = site.warnings();
    let told: Vec<_> = warnings
        .iter()
        .filter(|w| w.contains("nothing below its front matter"))
        .collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    assert!(told[0].contains("weekly.md:4:1"), "{told:#?}");

    site.write(
        PAGE,
        "---\ntitle: 项目周报\ndate: 2024-03-05\nsummary: 周报的写法见模板。\n---\n",
    );
    site.write(
        "content/practices/later.md",
        "---\ntitle: 以后再写\ndraft: true\n---\n",
    );
    site.write("content/practices/_index.md", "---\ntitle: 最佳实践\n---\n");
    let warnings = site.warnings();
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("nothing below its front matter")),
        "{warnings:#?}"
    );
}

/// `tags: 进度，沟通，风险` was told "write `tags: [a, b]`": the Chinese commas part
/// nothing to YAML, and the help now shows the list as it would be written.
#[test]
fn tags_typed_as_one_text_are_shown_as_the_list_to_write() {
    let site = Site::fixture("basic");
    site.write(PAGE, page_with("tags: 进度，沟通、风险"));
    let m = site.build_err();
    assert!(m.contains("weekly.md:3:7"), "{m}");
    assert!(m.contains("`tags: [进度, 沟通, 风险]`"), "{m}");
}

/// `标签：进度，沟通` (the field's Chinese name and a Chinese colon) was "this line is
/// not a field" with a general help; it is told as the colon it is, with the line to
/// write under the field's name.
#[test]
fn a_chinese_field_name_with_a_chinese_colon_is_told_the_line_to_write() {
    let site = Site::fixture("basic");
    site.write(PAGE, page_with("标签：进度，沟通"));
    let m = site.build_err();
    assert!(m.contains("weekly.md:3:3"), "{m}");
    assert!(m.contains("full-width colon"), "{m}");
    assert!(m.contains("`tags: [进度, 沟通]`"), "{m}");
}

/// `45292` under `2024-01-03` in a data table's column (a date cell that lost its
/// format) was shown in a table block as the number 45292, silently.
#[test]
fn a_day_number_among_a_columns_dates_is_refused_at_its_cell() {
    let site = Site::fixture("basic");
    site.write(
        "data/starts.csv",
        "部门,项目数,开始\n信息中心,12,45292\n财务部,5,2024-01-03\n",
    );
    site.write(
        "content/practices/starts.md",
        "---\ntitle: 开工日期\ndate: 2024-03-05\n---\n\n各部门的开工日期：\n\n```table\ndata = \"starts\"\n```\n",
    );
    let m = site.build_err();
    assert!(m.contains("starts.csv:2:"), "{m}");
    assert!(m.contains("2024-01-01"), "{m}");
    // A column of numbers alone is no date column.
    site.write(
        "data/starts.csv",
        "部门,项目数,预算\n信息中心,12,45292\n财务部,5,50000\n",
    );
    site.build_ok();
}

/// A row of group headings over the header (`部门,数量,` over `,项目数,完成率`, as a
/// sheet with merged heading cells exports) was told "name every column in the first
/// row (e.g. period,pv,ev,ac)": the names were there, one line down.
#[test]
fn a_row_of_group_headings_over_the_header_is_told_as_such() {
    let site = Site::fixture("basic");
    site.write(
        "data/kpi.csv",
        "部门,数量,\n,项目数,完成率\n信息中心,12,0.85\n财务部,5,0.6\n",
    );
    let m = site.build_err();
    assert!(m.contains("kpi.csv:1:"), "{m}");
    assert!(m.contains("the row below names every column"), "{m}");
}

/// A front matter never closed was told to add its fence "after the last front matter
/// field", at line 1: the line is now named, the last field above the page's text.
#[test]
fn a_front_matter_never_closed_names_the_line_its_fence_goes_after() {
    let site = Site::fixture("basic");
    site.write(
        PAGE,
        "---\ntitle: 项目周报\ndate: 2024-03-05\ntags:\n  - 周报\n\n每周五提交周报。\n\n第二段。\n",
    );
    let m = site.build_err();
    assert!(m.contains("weekly.md:1:1"), "{m}");
    assert!(m.contains("after line 5 (`  - 周报`)"), "{m}");
}

/// The same in a workbook: headings merged across two columns each over the header row.
#[test]
fn merged_group_headings_over_a_sheets_header_are_told_as_such() {
    let site = Site::fixture("basic");
    let s = |t: &str| V::S(t.to_string());
    let rows = vec![
        vec![s("基本信息"), s(""), s("进度"), s("")],
        vec![s("部门"), s("负责人"), s("项目数"), s("完成率")],
        vec![s("信息中心"), s("王芳"), V::N(12.0), V::N(0.85)],
        vec![s("财务部"), s("李强"), V::N(5.0), V::N(0.6)],
    ];
    site.write("data/kpi.xlsx", xlsx("指标", &rows, &["A1:B1", "C1:D1"]));
    let m = site.build_err();
    assert!(m.contains("kpi.xlsx"), "{m}");
    assert!(m.contains("the row below names every column"), "{m}");
}

/// `1.234,5` in a chart's column of numbers (a European sheet's decimal comma) was told
/// "is not a number, while the other cells are: correct that cell", with no word of how.
#[test]
fn a_decimal_comma_in_a_charted_column_names_the_number_to_write() {
    let site = Site::fixture("basic");
    site.write(
        "data/kpi.csv",
        "部门,预算\n信息中心,\"1,234\"\n财务部,\"1.234,5\"\n",
    );
    site.write(
        "content/practices/kpi.md",
        "---\ntitle: 部门预算\ndate: 2024-03-05\n---\n\n各部门预算：\n\n```chart\ndata = \"kpi\"\ntype = \"bar\"\nx = \"部门\"\ny = [\"预算\"]\n```\n",
    );
    let m = site.build_err();
    assert!(m.contains("data/kpi.csv:3:6"), "{m}");
    assert!(
        m.contains("`1.234,5` is written with a decimal comma, as much of Europe writes numbers: write 1234.5"),
        "{m}"
    );
}

/// Aliases of aliases nine deep in a YAML table ("a billion laughs") were told in the
/// reader's own words, `budget breached: Nodes { nodes: 250001 }`, in English on a
/// Chinese site with a help about rows.
#[test]
fn aliases_of_aliases_in_a_yaml_table_are_told_in_words() {
    let site = Site::fixture("basic");
    let mut lines = vec!["- 部门: &a [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]".to_string()];
    for (prev, name) in ('a'..='h').zip('b'..='i') {
        lines.push(format!(
            "  {name}: &{name} [{}]",
            vec![format!("*{prev}"); 9].join(", ")
        ));
    }
    site.write("data/laughs.yaml", lines.join("\n") + "\n");
    let m = site.build_err();
    assert!(m.contains("laughs.yaml:"), "{m}");
    assert!(!m.contains("budget breached"), "{m}");
    assert!(m.contains("the aliases (`*name`) here repeat"), "{m}");
}

/// A tab-separated file named `.csv` whose header names a column with a comma in it
/// (`预算（万元, 含税）`) was read by commas: "line 2 has 1 fields, but the header has 2".
/// Every line parts into three by tabs, so it is read by tabs.
#[test]
fn a_tab_separated_csv_with_a_comma_in_a_header_is_read_by_tabs() {
    let site = Site::fixture("basic");
    site.write(
        "data/kpi.csv",
        "部门\t项目数\t预算（含税, 万元）\n信息中心\t12\t100\n财务部\t5\t60\n",
    );
    site.write(
        "content/practices/kpi.md",
        "---\ntitle: 部门预算\ndate: 2024-03-05\n---\n\n各部门预算：\n\n```table\ndata = \"kpi\"\n```\n",
    );
    site.build_ok();
    let page = site.read("practices/kpi/index.html");
    assert!(page.contains("预算（含税, 万元）</th>"), "{page}");
    assert!(page.contains("<td>财务部</td>"), "{page}");
}
