//! Malformed sites the twenty-fifth hunt found mishandled: a chart's `y` column empty in
//! every row drawn as bare axes without a word; a word in a column of numbers told at
//! the chart, not at the cell; `date: null` refused as "expected a date" for a lesson
//! and published undated without a word for a practice; a theme folder without
//! templates told eighteen times, or at `language`.

mod common;

use common::xlsx::{xlsx, V};
use common::Site;

const CHART: &str = "content/reports/depts.md";
const LESSON: &str = "content/lessons/vendor-delay.md";
const PRACTICE: &str = "content/practices/risk/response.md";

fn chart_over(table: &str, y: &str) -> String {
    format!(
        "---\ntitle: 部门人数\ndate: 2024-06-01\n---\n\n```chart\ntype = \"bar\"\ndata = \"{table}\"\nx = \"name\"\ny = \"{y}\"\n```\n"
    )
}

/// A y column with no figure in any row drew an empty chart, as if there were nothing
/// to show: warned at the column in the data file, once for two charts over it.
#[test]
fn a_y_column_empty_in_every_row_is_warned_at_the_files_column() {
    let site = Site::fixture("basic");
    site.write(
        "data/depts.csv",
        "name,staff,budget\n信息中心,,120\n财务部, ,80\n",
    );
    site.write(CHART, chart_over("depts", "staff"));
    site.write(
        "content/reports/depts-again.md",
        chart_over("depts", "staff"),
    );
    let warnings = site.warnings();
    let told: Vec<_> = warnings
        .iter()
        .filter(|w| w.contains("is empty in every row"))
        .collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    assert!(told[0].contains("data/depts.csv:1:6"), "{told:#?}");
    assert!(told[0].contains("column `staff`"), "{told:#?}");
    assert!(told[0].contains("line 6"), "{told:#?}");

    // A column with figures is drawn as it is.
    site.remove("content/reports/depts-again.md");
    site.write(CHART, chart_over("depts", "budget"));
    let warnings = site.warnings();
    assert!(
        !warnings.iter().any(|w| w.contains("is empty in every row")),
        "{warnings:#?}"
    );
}

/// A word among head counts was told at the chart's `y`, the file's row only in the
/// help: now at the cell, with its value and the chart that draws it.
#[test]
fn a_word_in_a_charted_column_of_numbers_is_told_at_the_cell() {
    let site = Site::fixture("basic");
    site.write(
        "data/depts.csv",
        "name,staff\n信息中心,12\n财务部,约8人\n人事部,5\n",
    );
    site.write(CHART, chart_over("depts", "staff"));
    let m = site.build_err();
    assert!(m.contains("data/depts.csv:3:5"), "{m}");
    assert!(m.contains("`约8人`"), "{m}");
    assert!(
        m.contains("the chart at content/reports/depts.md line 10"),
        "{m}"
    );
    assert!(!m.contains("depts.md:10"), "{m}");

    // A column of words only is the chart's mistake, and told at its `y`.
    site.write("data/depts.csv", "name,staff\n信息中心,张三\n财务部,李四\n");
    let m = site.build_err();
    assert!(m.contains("depts.md:10:1"), "{m}");
}

/// In a workbook, the cell is named as its editor names it, and the empty column at its
/// first row drawn.
#[test]
fn in_a_workbook_the_word_and_the_empty_column_are_told_by_sheet_cell() {
    let site = Site::fixture("basic");
    let s = |t: &str| V::S(t.to_string());
    let rows = vec![
        vec![s("name"), s("staff"), s("budget")],
        vec![s("信息中心"), V::N(12.0), s("")],
        vec![s("财务部"), s("约8人"), s("")],
    ];
    site.write("data/depts.xlsx", xlsx("部门", &rows, &[]));
    site.write(CHART, chart_over("depts", "staff"));
    let m = site.build_err();
    assert!(m.contains("部门!B3"), "{m}");
    assert!(m.contains("`约8人`"), "{m}");

    site.write(CHART, chart_over("depts", "budget"));
    let warnings = site.warnings();
    let told: Vec<_> = warnings
        .iter()
        .filter(|w| w.contains("is empty in every row"))
        .collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    assert!(told[0].contains("部门!C2"), "{told:#?}");
}

fn source_of(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).unwrap()
}

fn with_date(source: &str, value: &str) -> String {
    let mut out = String::new();
    let mut done = false;
    for line in source.split_inclusive('\n') {
        if !done && line.starts_with("date:") {
            out.push_str(&format!("date: {value}\n"));
            done = true;
        } else {
            out.push_str(line);
        }
    }
    out
}

/// `date: null`, `~`, `""` or nothing: a lesson needs its date, and is refused saying
/// the date is empty, at the value.
#[test]
fn an_empty_date_of_a_lesson_is_told_as_empty_at_its_value() {
    let site = Site::fixture("basic");
    let lesson = source_of(&site, LESSON);
    for value in ["null", "~", "\"\"", ""] {
        site.write(LESSON, with_date(&lesson, value));
        let m = site.build_err();
        assert!(m.contains("vendor-delay.md:3:7"), "{value}: {m}");
        assert!(
            m.contains("leaves the date empty, but a lesson needs the date it was recorded"),
            "{value}: {m}"
        );
        assert!(!m.contains("expected a date"), "{value}: {m}");
    }
}

/// A practice may go without a date: `date: null` is built, with a warning at the value
/// that it goes undated (it was silent); `date: ""` is no date and no "nothing".
#[test]
fn an_empty_date_of_a_practice_is_warned_of_at_its_value() {
    let site = Site::fixture("basic");
    let practice = source_of(&site, PRACTICE);
    for value in ["null", "~", ""] {
        site.write(PRACTICE, with_date(&practice, value));
        let warnings = site.warnings();
        let told: Vec<_> = warnings
            .iter()
            .filter(|w| w.contains("leaves the date empty"))
            .collect();
        assert_eq!(told.len(), 1, "{value}: {warnings:#?}");
        assert!(told[0].contains("response.md:3:7"), "{told:#?}");
        assert!(told[0].contains("never listed as stale"), "{told:#?}");
    }
    site.write(PRACTICE, with_date(&practice, "\"\""));
    let m = site.build_err();
    assert!(m.contains("response.md:3:7"), "{m}");
    assert!(m.contains("is an empty text, not a date"), "{m}");
}

/// A theme folder with no templates was told as eighteen missing templates at paths of
/// the site's own `templates/`, or, without its `i18n/`, at `language`.
#[test]
fn a_theme_without_templates_is_told_once_at_its_name() {
    let site = Site::fixture("basic");
    let toml = source_of(&site, "site.toml");
    site.write("site.toml", format!("theme = \"我的主题\"\n{toml}"));
    for folder in ["themes/我的主题/static", "themes/我的主题/templates"] {
        std::fs::create_dir_all(site.root().join(folder)).unwrap();
        let m = site.build_err();
        assert!(m.contains("site.toml:1:1"), "{m}");
        assert!(m.contains("theme `我的主题` has no templates"), "{m}");
        assert_eq!(m.matches("has no templates").count(), 1, "{m}");
        assert!(!m.contains("language"), "{m}");
    }
}

/// A merged cell's range was written bare, `费用!A2:A3 is a merged cell`: on an English
/// site the sheet's own Chinese name read as words of the message (the sweep's
/// `language` finding). It is quoted as the other names a message quotes.
#[test]
fn a_merged_cell_quotes_its_sheet_and_range() {
    let site = Site::fixture("basic");
    let s = |t: &str| V::S(t.to_string());
    let rows = vec![
        vec![s("name"), s("staff")],
        vec![s("信息中心"), V::N(12.0)],
        vec![s(""), V::N(8.0)],
    ];
    site.write("data/depts.xlsx", xlsx("费用", &rows, &["A2:A3"]));
    let m = site.build_err();
    assert!(m.contains("`费用!A2:A3` is a merged cell"), "{m}");
}

/// A CSV whose header row was lost (or swapped with a row of data) was told at the
/// chart, "`x` names the column `name`, which table `depts` does not have": the file is
/// at fault, and told at its header's number. A year is a header, and left alone.
#[test]
fn a_header_of_data_is_told_at_the_file() {
    let site = Site::fixture("basic");
    site.write(CHART, chart_over("depts", "staff"));
    site.write("data/depts.csv", "信息中心,12\n财务部,8\nname,staff\n");
    let m = site.build_err();
    assert!(m.contains("data/depts.csv:1:6"), "{m}");
    assert!(
        m.contains("holds `12`, a number, where a column's name goes"),
        "{m}"
    );
    assert!(!m.contains("depts.md:"), "{m}");

    site.write("data/depts.csv", "name,2024\n信息中心,12\n财务部,8\n");
    let m = site.build_err();
    assert!(m.contains("depts.md:10:1"), "{m}");
    assert!(!m.contains("where a column's name goes"), "{m}");
}
