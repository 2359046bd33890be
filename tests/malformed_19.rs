//! Malformed sites the nineteenth hunt found mishandled: a chart naming one column
//! twice (a stacked chart added it up twice) and a table doing the same.

mod common;

use common::Site;

/// A report page of the basic fixture holding `block` after a line of text.
fn report(block: &str) -> String {
    format!("---\ntitle: 预算对比\ndate: 2024-12-30\n---\n\n二期厂房的计划与挣值：\n\n{block}\n")
}

/// `y = ["pv", "ev", "pv"]` on a stacked bar chart built without a word: `pv` was
/// drawn as two series and each month's bar stood at pv + ev + pv, a total nobody
/// planned. Naming a column twice — `pv` and `PV` are one — is an error at the second
/// name, with the list written once each.
#[test]
fn a_chart_naming_one_column_twice_is_refused_at_the_second() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/对比.md",
        report("```chart\ntype = \"stacked-bar\"\ndata = \"projects/erp/budget\"\nx = \"period\"\ny = [\"pv\", \"ev\", \"pv\"]\ntitle = \"计划与挣值\"\n```"),
    );
    let m = site.build_err();
    assert!(m.contains("对比.md:12:18:"), "{m}");
    assert!(m.contains("`y` names the column `pv` twice"), "{m}");
    assert!(m.contains(r#"y = ["pv", "ev"]"#), "{m}");
    assert!(!site.public().exists(), "nothing may be written");

    // Another case of the same column.
    site.write(
        "content/reports/对比.md",
        report("```chart\ntype = \"bar\"\ndata = \"projects/erp/budget\"\nx = \"period\"\ny = [\"PV\", \"pv\"]\n```"),
    );
    let m = site.build_err();
    assert!(m.contains("对比.md:12:12:"), "{m}");
    assert!(m.contains("`y` names the column `pv` twice"), "{m}");

    // Each column once builds.
    site.write(
        "content/reports/对比.md",
        report("```chart\ntype = \"stacked-bar\"\ndata = \"projects/erp/budget\"\nx = \"period\"\ny = [\"pv\", \"ev\"]\n```"),
    );
    site.build_ok();
}

/// `columns = ["title", "phase_name", "title"]` showed the title twice without a word;
/// it is a warning at the second `title`, as no figure is wrong.
#[test]
fn a_table_naming_one_column_twice_is_warned_of() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/对比.md",
        report(
            "```table\ndata = \"lessons\"\ncolumns = [\"title\", \"phase_name\", \"title\"]\n```",
        ),
    );
    let warnings = site.warnings();
    let told: Vec<&String> = warnings.iter().filter(|w| w.contains("对比.md")).collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    assert!(told[0].contains("对比.md:10:35:"), "{told:?}");
    assert!(
        told[0].contains("`columns` names the column `title` twice"),
        "{told:?}"
    );
    assert!(
        told[0].contains(r#"columns = ["title", "phase_name"]"#),
        "{told:?}"
    );
}

/// `'1200000` in a budget cell (Excel's mark for a number kept as text, carried into
/// the CSV) was told as no number with only "e.g. 1200000" for help; `'2024-01-10` in
/// a milestone's date likewise. Both name the apostrophe and the value without it.
#[test]
fn a_number_or_date_after_a_spreadsheets_text_mark_names_the_apostrophe() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,'1200000,900000,1000000\n2024-02,1000000,1000000,1100000\n",
    );
    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n启动会,'2024-01-10,,2024-01-10\n上线,2024-11-30,2024-12-15,\n",
    );
    let m = site.build_err();
    assert!(m.contains("budget.csv:2:9:"), "{m}");
    assert!(m.contains("milestones.csv:2:5:"), "{m}");
    assert!(m.contains("starts with an apostrophe"), "{m}");
    assert!(m.contains("write 1200000"), "{m}");
    assert!(m.contains("write 2024-01-10"), "{m}");
}

/// `status: "closed "` (a space kept inside the quotes, as a value copied from a cell
/// brings it) was told that `closed ` is how the portal shows `closed`, which says
/// nothing of the space. The help names the space.
#[test]
fn a_quoted_value_with_a_space_after_it_is_told_of_the_space() {
    let site = Site::fixture("basic");
    site.set_project_field("erp", "status", "\"closed \"");
    let m = site.build_err();
    assert!(m.contains("index.md:11:9:"), "{m}");
    assert!(m.contains("has a space before or after the word"), "{m}");
    assert!(!m.contains("is how the portal shows"), "{m}");
}

/// Two months' exports pasted one under the other left the second header at line 3:
/// it was told as four bad cells (`period` holds `period`, `pv` holds `pv` …) and
/// nothing said what the line was. It is one error at the line, saying it repeats the
/// header; the same words as data (`pv` in a column of text) are no header.
#[test]
fn a_row_repeating_the_header_is_told_as_such_once() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,1200000,900000,1000000\nPeriod, pv ,ev,ac\n2024-02,1000000,1000000,1100000\n",
    );
    let m = site.build_err();
    assert!(m.contains("budget.csv:3:1:"), "{m}");
    assert!(
        m.contains("this row repeats the header (period,pv,ev,ac)"),
        "{m}"
    );
    assert!(!m.contains("holds `pv`"), "{m}");
    assert_eq!(m.matches("budget.csv:").count(), 1, "{m}");

    // The second file's byte order mark before it is the same mistake, told once.
    site.write(
        "content/projects/erp/budget.csv",
        "\u{feff}period,pv,ev,ac\n2024-01,1200000,900000,1000000\n\u{feff}period,pv,ev,ac\n2024-02,1000000,1000000,1100000\n",
    );
    let m = site.build_err();
    assert!(m.contains("budget.csv:3:1:"), "{m}");
    assert!(
        m.contains("this row repeats the header (period,pv,ev,ac)"),
        "{m}"
    );
    assert_eq!(m.matches("budget.csv:").count(), 1, "{m}");

    // A row naming some columns only is data, told by its cells as before.
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,1200000,900000,1000000\nperiod,pv,,\n",
    );
    let m = site.build_err();
    assert!(!m.contains("repeats the header"), "{m}");
    assert!(m.contains("budget.csv:3:1:"), "{m}");
}

/// `=SUM(B2:B3)` in a budget CSV (saved with its formulas rather than their values) was
/// told as no number with "e.g. 1200000" for help; it is named a formula, with how to
/// save the values.
#[test]
fn a_formula_written_out_in_a_csv_is_named_a_formula() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,1000000,900000,1000000\n2024-02,1000000,1000000,1100000\n2024-03,=SUM(B2:B3),,\n",
    );
    let m = site.build_err();
    assert!(m.contains("budget.csv:4:9:"), "{m}");
    assert!(
        m.contains("`=SUM(B2:B3)` is a spreadsheet formula written out as text"),
        "{m}"
    );
}

/// A CSV ending in Ctrl-Z (U+001A, the end-of-file mark old DOS and export tools
/// write) was "line 4 has 1 fields, but the header has 4" on a line an editor shows
/// empty. It is named, at its place.
#[test]
fn a_ctrl_z_ending_a_csv_is_named() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\r\n2024-01,1000000,900000,1000000\r\n2024-02,1000000,1000000,1100000\r\n\u{1a}",
    );
    let m = site.build_err();
    assert!(m.contains("budget.csv:4:1:"), "{m}");
    assert!(m.contains("U+001A (Ctrl-Z)"), "{m}");
    assert!(!m.contains("fields, but the header has"), "{m}");
}
