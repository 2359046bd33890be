//! Careless input that showed a figure, a chart or a page as right that was not, or was
//! told without its place (the twelfth malformed hunt, and its follow-ups).

mod common;

use common::Site;

/// A report page holding `blocks`, over the tables the test writes under `data/`.
fn report(site: &Site, blocks: &str) {
    site.write(
        "content/reports/careless.md",
        format!("---\ntitle: 粗心的输入\ndate: 2026-11-01\n---\n\n{blocks}\n"),
    );
}

/// The warnings of a site whose `data/tickets.csv` holds `cells` under `month,v`,
/// drawn as a line by a report page (with `more` settings).
fn line_chart_warnings(cells: &str, more: &str) -> Vec<String> {
    chart_warnings(cells, "line", more)
}

/// [`line_chart_warnings`] for a chart of `kind`.
fn chart_warnings(cells: &str, kind: &str, more: &str) -> Vec<String> {
    let site = Site::fixture("basic");
    site.write("data/tickets.csv", format!("month,v\n{cells}"));
    report(
        &site,
        &format!(
            "```chart\ntype = \"{kind}\"\ndata = \"tickets\"\nx = \"month\"\ny = \"v\"\n{more}```\n"
        ),
    );
    site.warnings()
}

/// Months written `2024年2月` (or `2024-2`, `2024.10`) in a chart's x column were text:
/// drawn in the table's order, and with `sort` in text's, October before February.
#[test]
fn months_written_another_way_on_a_chart_axis_are_warned() {
    for (cells, first, line, month) in [
        (
            "2024年1月,1\n2024年2月,2\n2024年10月,10\n",
            "2024年1月",
            2,
            "2024-01",
        ),
        ("2024-10,10\n2024-2,2\n2024-1,1\n", "2024-2", 3, "2024-02"),
        ("2024.1,1\n2024.2,2\n2024.10,10\n", "2024.1", 2, "2024-01"),
        ("2024/01,1\n2024/02,2\n", "2024/01", 2, "2024-01"),
    ] {
        let warnings = line_chart_warnings(cells, "sort = \"month\"\n");
        assert!(
            warnings.iter().any(|w| w.contains("content/reports/careless.md:9:")
                && w.contains(&format!("`{first}` (data/tickets.csv line {line}) in the x column `month` is a date written another way"))
                && w.contains(&format!("would be {month}"))),
            "{cells}: {warnings:#?}"
        );
    }
    // Months written YYYY-MM, and month codes of six digits, are put in order.
    for cells in ["2024-10,10\n2024-02,2\n", "202410,10\n202402,2\n"] {
        let warnings = line_chart_warnings(cells, "");
        assert!(
            !warnings.iter().any(|w| w.contains("written another way")),
            "{warnings:#?}"
        );
    }
}

/// A table of `data/` holding only its header was drawn as empty axes (or shown as a
/// header alone) without a word; a project's budget not yet reporting stays silent.
#[test]
fn a_data_table_with_no_rows_under_a_block_is_warned() {
    for block in [
        "```chart\ntype = \"line\"\ndata = \"tickets\"\nx = \"month\"\ny = \"v\"\n```\n",
        "```table\ndata = \"tickets\"\n```\n",
    ] {
        let site = Site::fixture("basic");
        site.write("data/tickets.csv", "month,v\n");
        report(&site, block);
        let warnings = site.warnings();
        assert!(
            warnings.iter().any(|w| w.contains("content/reports/careless.md:")
                && w.contains(
                    "table `tickets` (data/tickets.csv) has a header and no rows: the block shows nothing"
                )),
            "{block}: {warnings:#?}"
        );
    }
    let site = Site::fixture("basic");
    site.write("content/projects/erp/budget.csv", "period,pv,ev,ac\n");
    report(
        &site,
        "```chart\ntype = \"line\"\ndata = \"projects/erp/budget\"\nx = \"period\"\ny = \"pv\"\n```\n",
    );
    let warnings = site.warnings();
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("has a header and no rows")),
        "{warnings:#?}"
    );
}

/// Problems with a whole file were told at its path alone (`"line": null` in `--format
/// json`): two files making one table, a page taking another's address, a workbook that
/// cannot be opened. They are told at line 1, column 1; a closed project with no closure
/// review at its `status`. A folder named like a table has no line 1 to open: its path
/// alone (`bench/malformed.py` checks every position names a line the file has).
#[test]
fn a_problem_with_a_whole_file_is_told_at_its_first_line() {
    let site = Site::fixture("basic");
    std::fs::create_dir_all(site.root().join("data/tickets.csv")).unwrap();
    let warnings = site.warnings();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("data/tickets.csv: this is a folder")),
        "{warnings:#?}"
    );
    let site = Site::fixture("basic");
    site.write("data/costs.csv", "team,v\nA,1\n");
    site.write("data/costs.json", "[{\"team\": \"A\", \"v\": 1}]");
    let m = site.build_err();
    assert!(m.contains("data/costs.json:1:1: "), "{m}");
    let site = Site::fixture("basic");
    site.write("data/costs.xlsx", "PK\u{3}\u{4}broken");
    let m = site.build_err();
    assert!(m.contains("data/costs.xlsx:1:1: "), "{m}");
}

/// A table under data/ in a form not read (`.tsv`, a `.txt` export, an Apple Numbers
/// sheet) was passed over without a word; a block naming it was told only "no table
/// named". Notes beside the tables stay silent.
#[test]
fn a_table_under_data_in_a_form_not_read_is_warned() {
    for (file, bytes, help) in [
        (
            "tickets.tsv",
            &b"month\tv\n2024-01\t1\n"[..],
            "rename it `tickets.csv`",
        ),
        (
            "tickets.txt",
            &b"month\tv\n2024-01\t1\n"[..],
            "rename it `tickets.csv`",
        ),
        (
            "tickets.numbers",
            &b"PK\x03\x04"[..],
            "export it from Numbers",
        ),
    ] {
        let site = Site::fixture("basic");
        site.write(&format!("data/{file}"), bytes);
        site.write("data/notes.txt", "这些表每月更新。\n");
        let warnings = site.warnings();
        let told: Vec<&String> = warnings
            .iter()
            .filter(|w| w.contains("is not read as a table"))
            .collect();
        assert_eq!(told.len(), 1, "{file}: {warnings:#?}");
        assert!(told[0].contains(&format!("data/{file}:1:1")), "{told:?}");
        assert!(told[0].contains(help), "{told:?}");
    }
}

/// A byte order mark, a zero-width or no-break space, or a full-width `＝` in a site's UI
/// strings was told as a key "holding characters it may not hold unquoted", or a line
/// with no `=`; site.toml names each at its place with the line retyped, and so do they.
#[test]
fn a_character_that_looks_right_in_the_ui_strings_is_named_as_in_site_toml() {
    for (line, told, retyped) in [
        (
            "\u{feff}nav_home = \"首页\"",
            "byte order mark",
            "nav_home = \"首页\"",
        ),
        (
            "nav_home\u{200b} = \"首页\"",
            "zero-width space",
            "nav_home = \"首页\"",
        ),
        (
            "nav_home\u{a0}= \"首页\"",
            "no-break space",
            "nav_home = \"首页\"",
        ),
        (
            "nav_home ＝ \"首页\"",
            "`＝` is a full-width equals sign",
            "nav_home = \"首页\"",
        ),
    ] {
        let site = Site::fixture("basic");
        site.write(
            "i18n/zh-CN.toml",
            format!("nav_lessons = \"经验\"\n{line}\n"),
        );
        let m = site.build_err();
        assert!(m.contains("i18n/zh-CN.toml:2:"), "{line}: {m}");
        assert!(m.contains(told), "{line}: {m}");
        assert!(
            m.contains("i18n/zh-CN.toml reads only `=`")
                || m.contains("no character i18n/zh-CN.toml can read there"),
            "{line}: {m}"
        );
        assert!(
            m.contains(&format!("retype it as `{retyped}`")),
            "{line}: {m}"
        );
    }
}

/// `ac（万元）` beside `pv` and `ev` was only warned of as a column not read: the project
/// showed no actual cost and no CPI, and its status turned from amber to green. Then it
/// was refused; now it is read converted, on the decimals written, and the project
/// shows the figures the same budget written in 元 shows.
#[test]
fn an_actual_cost_column_headed_in_wan_yuan_is_read_converted() {
    let erp_row = |budget: &str| {
        let site = Site::fixture("basic");
        site.write("content/projects/erp/budget.csv", budget);
        let report = site.build_ok();
        let list = site.read("projects/index.html");
        let row = list
            .split("<tr")
            .find(|r| r.contains("projects/erp/"))
            .unwrap_or_else(|| panic!("{list}"))
            .to_string();
        (row, report.warnings.len())
    };
    let (in_yuan, warned) = erp_row(
        "period,pv,ev,ac\n2024-01,1000000,900000,1000000\n2024-02,1000000,1000000,1100000\n2024-03,1200000,,\n",
    );
    for budget in [
        "period,pv,ev,ac（万元）\n2024-01,1000000,900000,100\n2024-02,1000000,1000000,110\n2024-03,1200000,,\n",
        "period,pv,EV (k),ac\n2024-01,1000000,900,1000000\n2024-02,1000000,1000,1100000\n2024-03,1200000,,\n",
        "期间,计划值（万元）,挣值（万元）,实际成本（万元）\n2024-01,100,90,100\n2024-02,100,100,110\n2024-03,120,,\n",
    ] {
        let (row, warnings) = erp_row(budget);
        assert!(row.contains("0.90"), "{budget}: {row}");
        assert_eq!(row, in_yuan, "{budget}");
        assert_eq!(warnings, warned, "{budget}");
    }
}

/// `bac: 320  # 万元` was refused, naming the whole amount, but with a tab before the
/// `#` the comment went unseen and the BAC was shown as 320 yuan.
#[test]
fn a_bac_whose_comment_after_a_tab_names_wan_yuan_is_refused() {
    let site = Site::fixture("basic");
    site.set_project_field("erp", "bac", "320\t# 万元");
    let m = site.build_err();
    assert!(m.contains("content/projects/erp/index.md:"), "{m}");
    assert!(
        m.contains("`bac` is 320, but its comment says it is in 万元"),
        "{m}"
    );
    assert!(m.contains("`bac: 3200000`"), "{m}");
}

/// `IT` and `ＩＴ` (full-width letters), or `IT` and `it`, in the column a chart sums
/// rows by were two bars, each with part of the department's total.
#[test]
fn one_name_written_two_ways_in_a_grouped_column_is_warned() {
    for (cells, again) in [("IT,1\nＩＴ,3\n", "ＩＴ"), ("IT,1\nit,3\n", "it")] {
        let site = Site::fixture("basic");
        site.write("data/spend.csv", format!("team,v\n{cells}"));
        report(
            &site,
            "```chart\ntype = \"bar\"\ndata = \"spend\"\nx = \"team\"\ny = \"v\"\naggregate = \"sum\"\n```\n",
        );
        let warnings = site.warnings();
        assert!(
            warnings.iter().any(|w| w.contains("content/reports/careless.md:9:")
                && w.contains(&format!("`IT` (data/spend.csv line 2) and `{again}` (line 3) in `team` are one name written two ways"))),
            "{cells}: {warnings:#?}"
        );
    }
}

/// A `y` column whose every amount is written in 万 (`12万`, `3万`) was told only to
/// "chart a column of numbers", with no cell named and no number meant.
#[test]
fn a_chart_column_of_amounts_in_wan_is_told_the_number_meant() {
    let site = Site::fixture("basic");
    site.write("data/spend.csv", "team,v\nA,12万\nB,3万\n");
    report(
        &site,
        "```chart\ntype = \"bar\"\ndata = \"spend\"\nx = \"team\"\ny = \"v\"\n```\n",
    );
    let m = site.build_err();
    // At the cell since the twenty-fifth malformed hunt, the chart named.
    assert!(m.contains("data/spend.csv:2:3"), "{m}");
    assert!(m.contains("content/reports/careless.md line 10"), "{m}");
    assert!(
        m.contains(
            "data/spend.csv line 2: `12万` would be 120000, and 2 cell(s) of `v` are written so"
        ),
        "{m}"
    );
}

/// A month missing from a data/ table drawn as a line (2024-01, 2024-02, 2024-04): the
/// chart drew 2024-02 and 2024-04 side by side, one step apart, without a word. Budget
/// tables were warned of such a gap; a data/ table is now, at the first cell after it.
#[test]
fn a_month_missing_from_a_table_drawn_over_time_is_warned() {
    for kind in ["line", "area"] {
        // Out of order in the table: the chart puts the months in order first.
        let warnings = chart_warnings("2024-04,4\n2024-01,1\n2024-02,2\n", kind, "");
        let told: Vec<&String> = warnings
            .iter()
            .filter(|w| w.contains("month(s) missing"))
            .collect();
        assert_eq!(told.len(), 1, "{kind}: {warnings:#?}");
        assert!(
            told[0].contains("data/tickets.csv:2:1: ")
                && told[0]
                    .contains("1 month(s) missing between 2024-02 (line 4) and 2024-04 (2024-03)")
                && told[0].contains("content/reports/careless.md line 6"),
            "{kind}: {told:#?}"
        );
    }
    // Two gaps, two warnings, each naming its months.
    let warnings = chart_warnings("2023-11,1\n2024-02,2\n2024-03,3\n2024-06,6\n", "line", "");
    assert!(
        warnings.iter().any(|w| w.contains("data/tickets.csv:3:1: ")
            && w.contains(
                "2 month(s) missing between 2023-11 (line 2) and 2024-02 (2023-12, 2024-01)"
            )),
        "{warnings:#?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("data/tickets.csv:5:1: ")
            && w.contains(
                "2 month(s) missing between 2024-03 (line 4) and 2024-06 (2024-04, 2024-05)"
            )),
        "{warnings:#?}"
    );
    // Months as a workbook stores them, on the first of each month.
    let warnings = chart_warnings("2024-01-01,1\n2024-02-01,2\n2024-04-01,4\n", "line", "");
    assert!(
        warnings.iter().any(|w| w.contains("data/tickets.csv:4:1: ")
            && w.contains("1 month(s) missing between 2024-02 (line 3) and 2024-04 (2024-03)")),
        "{warnings:#?}"
    );
    // Months in a row, a bar chart, whose bars are each labelled, and days stay silent.
    for (cells, kind) in [
        ("2024-01,1\n2024-02,2\n2024-03,3\n", "line"),
        ("2024-01,1\n2024-02,2\n2024-04,4\n", "bar"),
        ("2024-01-05,1\n2024-02-05,2\n2024-04-05,4\n", "line"),
    ] {
        let warnings = chart_warnings(cells, kind, "");
        assert!(
            !warnings.iter().any(|w| w.contains("month(s) missing")),
            "{kind}: {warnings:#?}"
        );
    }
}

/// A front matter closed by `...` (as pandoc writes it) and a second block below of
/// fields the kind does not know: the fields were published as a rule and a heading,
/// and read as none, without a word; a block opening with a known field was refused.
#[test]
fn a_second_block_of_unknown_fields_after_dots_is_refused() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/careless.md",
        "---\ntitle: 粗心的输入\ndate: 2026-11-01\n...\n---\nowner_team: 财务部\nreviewed_by: 王芳\n---\n\n正文\n",
    );
    let m = site.build_err();
    assert!(
        m.contains("content/reports/careless.md:5:1: ")
            && m.contains("the page's text starts with a second front matter block"),
        "{m}"
    );
    assert!(
        m.contains("move the fields you need into the first block"),
        "{m}"
    );
}
