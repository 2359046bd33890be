//! Malformed sites the twenty-fourth hunt found mishandled: an empty YAML table told at
//! a chart naming its column; a folder named as a table's file told at site.toml or at
//! the chart; a title YAML reads as infinity or a yes-or-no published without a word;
//! `date: 0` and `date: .inf` told as no figures; a tag on a line of its own
//! underlined at `tags:`; a day number among a column's dates hiding the file's other
//! cell errors.

mod common;

use common::Site;

const PAGE: &str = "content/practices/weekly.md";
const CHART: &str = "content/reports/depts.md";

fn chart_over(table: &str) -> String {
    format!(
        "---\ntitle: 部门人数\ndate: 2024-06-01\n---\n\n```chart\ntype = \"bar\"\ndata = \"{table}\"\nx = \"name\"\ny = \"staff\"\n```\n"
    )
}

fn page_with(field_line: &str) -> String {
    format!("---\n{field_line}\ndate: 2024-03-05\ncategory: 沟通管理\n---\n\n每周五提交周报。\n")
}

/// An empty data/depts.yaml was read as a table without columns, and told at the
/// chart as "no column `name`": the file is at fault, and is named.
#[test]
fn an_empty_yaml_table_is_told_at_the_file() {
    let site = Site::fixture("basic");
    site.write(CHART, chart_over("depts"));
    for empty in ["", "\n\n", "# 部门人数\n---\n"] {
        site.write("data/depts.yaml", empty);
        let m = site.build_err();
        assert!(m.contains("data/depts.yaml:1:1"), "{empty:?}: {m}");
        assert!(m.contains("the file is empty"), "{empty:?}: {m}");
        assert!(!m.contains("depts.md"), "{empty:?}: {m}");
    }
    // An empty list says on purpose there are no rows: not refused as empty.
    site.write("data/depts.yaml", "[]\n");
    assert!(!site.build_err().contains("the file is empty"));
}

/// A folder `data/costs.xlsx/` (a file unpacked, a sync gone wrong): the table
/// `money_tables` restricts was told missing at site.toml, which names it rightly.
#[test]
fn a_folder_named_as_a_restricted_table_is_told_at_the_folder() {
    let site = Site::fixture("basic");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{toml}\naudiences = [\"public\", \"internal\"]\n\n[restrict]\nmoney = \"internal\"\nmoney_tables = [\"costs\"]\n"),
    );
    std::fs::create_dir_all(site.root().join("data/costs.xlsx")).unwrap();
    let m = site.build_err();
    assert!(m.contains("data/costs.xlsx: this is a folder"), "{m}");
    assert!(m.contains("`money_tables`"), "{m}");
    assert!(!m.contains("site.toml:"), "{m}");
}

/// The same folder under a chart's table was told at the chart as "no table named".
#[test]
fn a_folder_named_as_a_charted_table_is_told_at_the_folder() {
    let site = Site::fixture("basic");
    site.write(CHART, chart_over("costs"));
    std::fs::create_dir_all(site.root().join("data/costs.csv")).unwrap();
    let m = site.build_err();
    assert!(m.contains("data/costs.csv: this is a folder"), "{m}");
    assert!(m.contains("a chart or a table block shows it"), "{m}");
}

/// `title: .inf`, `title: true` were published as typed without a word; a title typed
/// as a number (`2024`, `1e400`, twenty digits) is shown as typed, and is fine.
#[test]
fn a_title_yaml_reads_as_no_words_is_warned_of_at_its_value() {
    let site = Site::fixture("basic");
    for (title, said) in [
        (".inf", "reads in YAML as infinity"),
        ("-.inf", "reads in YAML as infinity"),
        (".nan", "not-a-number"),
        ("true", "a yes or a no"),
        ("False", "a yes or a no"),
    ] {
        site.write(PAGE, page_with(&format!("title: {title}  # 待定")));
        let warnings = site.warnings();
        let told: Vec<_> = warnings.iter().filter(|w| w.contains(said)).collect();
        assert_eq!(told.len(), 1, "{title}: {warnings:#?}");
        assert!(told[0].contains("weekly.md:2:8"), "{told:#?}");
        assert!(
            told[0].contains(&format!("`title: \"{title}\"`")),
            "{told:#?}"
        );
    }
    for fine in [
        "2024",
        "1e400",
        "99999999999999999999999",
        "\".inf\"",
        "'true'",
    ] {
        site.write(PAGE, page_with(&format!("title: {fine}")));
        let warnings = site.warnings();
        assert!(
            !warnings.iter().any(|w| w.contains("reads in YAML as")),
            "{fine}: {warnings:#?}"
        );
    }
}

/// `title: null` was "takes one text" with help on quoting brackets.
#[test]
fn a_null_title_says_null_is_no_value() {
    let site = Site::fixture("basic");
    for null in ["null", "~"] {
        site.write(PAGE, page_with(&format!("title: {null}")));
        let m = site.build_err();
        assert!(m.contains("weekly.md:2:8"), "{m}");
        assert!(
            m.contains(&format!("`{null}` is YAML's word for no value")),
            "{m}"
        );
    }
}

/// `date: 0` said only "write dates as YYYY-MM-DD"; `date: .inf` was "not a figure",
/// with help on writing numbers.
#[test]
fn a_number_or_infinity_as_a_date_is_told_as_no_day() {
    let site = Site::fixture("basic");
    site.write(
        PAGE,
        "---\ntitle: 项目周报\ndate: 0\n---\n\n每周五提交周报。\n",
    );
    let m = site.build_err();
    assert!(m.contains("weekly.md:3:7"), "{m}");
    assert!(m.contains("`0` is a number, not a day"), "{m}");
    site.write(
        PAGE,
        "---\ntitle: 项目周报\ndate: .inf\n---\n\n每周五提交周报。\n",
    );
    let m = site.build_err();
    assert!(m.contains("weekly.md:3:7"), "{m}");
    assert!(m.contains("`date` takes a date, not `.inf`"), "{m}");
    assert!(!m.contains("figure"), "{m}");
}

/// A tag on a line of its own holding a full-width comma was underlined at `tags:`,
/// the lines between included.
#[test]
fn a_joined_tag_on_its_own_line_is_underlined_at_the_item() {
    let site = Site::fixture("basic");
    site.write(
        PAGE,
        "---\ntitle: 项目周报\ntags:\n  - 风险\n  - 进度，沟通\n---\n\n每周五提交周报。\n",
    );
    let m = site.build_err();
    assert!(m.contains("weekly.md:5:5"), "{m}");
    assert!(m.contains("[进度, 沟通]"), "{m}");
}

/// A day number among a column's dates refused the file as it was read: its other
/// cell errors (a day that does not exist, a word) came only once it was fixed.
#[test]
fn a_day_number_among_dates_is_told_with_the_files_other_errors() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n启动会,2024-01-10,,2024-01-10\n上线,45301,2024-12-15,\n验收,2024-12-01,明天,\n",
    );
    let m = site.build_err();
    assert!(m.contains("milestones.csv:3:4"), "{m}");
    assert!(m.contains("(2024-01-10)"), "{m}");
    assert!(m.contains("milestones.csv:4:15"), "{m}");
    assert_eq!(m.matches("milestones.csv:3:4").count(), 1, "{m}");

    // In a data/ table, every day number is told, not the first alone.
    site.write(
        "data/days.csv",
        "month,day,n\n2024-01,2024-01-05,1\n2024-02,45301,2\n2024-03,2024-03-05,3\n2024-04,45302,4\n",
    );
    let m = site.build_err();
    assert!(m.contains("days.csv:3:9"), "{m}");
    assert!(m.contains("days.csv:5:9"), "{m}");
}

/// `baseURL` (as Hugo spells it) listed the keys without naming `base_url`: too far
/// apart by letters for the typo score.
#[test]
fn a_key_spelt_with_other_case_or_breaks_is_named() {
    let site = Site::fixture("basic");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let toml = toml.replace("base_url =", "baseURL =");
    site.write("site.toml", toml);
    let m = site.build_err();
    assert!(m.contains("site.toml:3:1"), "{m}");
    assert!(m.contains("did you mean `base_url`?"), "{m}");
}

/// A `[[menu]]` entry copied and never changed showed the same link twice, silently.
#[test]
fn a_menu_entry_repeating_another_is_warned_of() {
    let site = Site::fixture("basic");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{toml}\n[[menu]]\nname = \"经验\"\nurl = \"/lessons/\"\n\n[[menu]]\nname = \"经验教训\"\nurl = \"/lessons/\"\n"),
    );
    let warnings = site.warnings();
    let told: Vec<_> = warnings.iter().filter(|w| w.contains("twice")).collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    assert!(told[0].contains("site.toml:13:1"), "{told:#?}");
    assert!(
        told[0].contains("`经验` and again as `经验教训`"),
        "{told:#?}"
    );
}

/// A page saved under data/ was left out of the site without a word; a note without
/// front matter (a README on the tables) is no page.
#[test]
fn a_page_under_data_is_warned_of() {
    let site = Site::fixture("basic");
    site.write(
        "data/index.md",
        "---\ntitle: 部门数据说明\n---\n\n各部门人数。\n",
    );
    site.write("data/README.md", "# 数据说明\n\n每月更新。\n");
    let warnings = site.warnings();
    let told: Vec<_> = warnings
        .iter()
        .filter(|w| w.contains("under data/"))
        .collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    assert!(told[0].contains("data/index.md"), "{told:#?}");
    assert!(told[0].contains("content/index.md"), "{told:#?}");
}
