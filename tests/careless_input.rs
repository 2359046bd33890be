//! Careless input that showed a figure or a label as right that was not, or stopped the
//! build with a message that did not say what was wrong (the eleventh malformed hunt).

mod common;

use common::Site;

/// A report page holding `blocks`, over the tables the test writes under `data/`.
fn report(site: &Site, blocks: &str) {
    site.write(
        "content/reports/careless.md",
        format!("---\ntitle: 粗心的输入\ndate: 2026-11-01\n---\n\n{blocks}\n"),
    );
}

/// An 18-digit ID card number in a YAML or JSON table read as a number, and shown as
/// `110,101,199,003,077,712` for 110101199003077718: a figure keeps 15 to 16 digits.
/// Now it is shown as written; drawn or summed, it is refused at its cell.
#[test]
fn a_number_with_more_digits_than_a_figure_keeps_is_never_shown_changed() {
    for (file, text) in [
        (
            "data/staff.yaml",
            "- name: 张三\n  id: 110101199003077718\n- name: 李四\n  id: 2\n",
        ),
        (
            "data/staff.json",
            "[{\"name\": \"张三\", \"id\": 110101199003077718}, {\"name\": \"李四\", \"id\": 2}]",
        ),
        (
            "data/staff.toml",
            "[[rows]]\nname = \"张三\"\nid = 110101199003077718\n[[rows]]\nname = \"李四\"\nid = 2\n",
        ),
    ] {
        let site = Site::fixture("basic");
        site.write(file, text);
        report(
            &site,
            "```table\ndata = \"staff\"\ncolumns = [\"name\", \"id\"]\n```\n",
        );
        site.build_ok();
        let page = site.read("reports/careless/index.html");
        assert!(page.contains(">110101199003077718<"), "{file}: {page}");
        assert!(!page.contains("077,712"), "{file}: {page}");
    }
    let site = Site::fixture("basic");
    site.write(
        "data/staff.csv",
        "name,id\n张三,12345678901234567\n李四,2\n",
    );
    report(
        &site,
        "```chart\ntype = \"bar\"\ndata = \"staff\"\nx = \"name\"\ny = \"id\"\n```\n",
    );
    let m = site.build_err();
    assert!(m.contains("`12345678901234567`"), "{m}");
    assert!(m.contains("more digits than a figure keeps"), "{m}");
    assert!(m.contains("data/staff.csv line 2"), "{m}");
}

/// The cells of each row of the first table body in `html` after `marker`.
fn body_rows(html: &str, marker: &str) -> Vec<Vec<String>> {
    let from = &html[html.find(marker).expect(marker)..];
    let body = &from[from.find("<tbody>").unwrap()..from.find("</tbody>").unwrap()];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("</td>")
                .filter(|cell| cell.contains("<td"))
                .map(|cell| cell.rsplit('>').next().unwrap_or("").to_string())
                .collect()
        })
        .collect()
}

/// The rows of the dashboard's "lessons by category" data table, as `name count` lines.
fn lessons_by_category(site: &Site) -> Vec<String> {
    let page = site.read("dashboard/index.html");
    body_rows(&page, "id=\"lessons-by-category\"")
        .iter()
        .map(|cells| cells.join(" "))
        .collect()
}

/// A category typed with a zero-width space pasted along (`采购管理\u{200b}`), an
/// ideographic space after it, or in another case (`PMO`, `pmo`) is one category with
/// one page, but the dashboard counted it as a second bar of the same name (采购管理 1
/// beside 采购管理 1), and the register as a second filter value.
#[test]
fn a_category_written_two_ways_is_counted_once_on_the_dashboard() {
    let site = Site::fixture("basic");
    let lesson = |file: &str, category: &str| {
        site.write(
            &format!("content/lessons/{file}.md"),
            format!("---\ntitle: {file}\ndate: 2024-06-01\nproject: erp\nphase: execution\ncategory: {category}\nimpact: negative\n---\n\n正文。\n"),
        );
    };
    lesson("pasted", "采购管理\u{200b}");
    lesson("spaced", "采购管理\u{3000}");
    lesson("upper", "PMO");
    lesson("lower", "pmo");
    site.build_ok();
    let rows = lessons_by_category(&site);
    assert!(rows.contains(&"采购管理 3".to_string()), "{rows:?}");
    // As first written, by file name: `lower.md` before `upper.md`.
    assert!(rows.contains(&"pmo 2".to_string()), "{rows:?}");
    assert_eq!(rows.len(), 4, "{rows:?}");
    let facets = site.read("lessons/facets.js");
    assert!(
        !facets.contains('\u{200b}'),
        "no invisible category: {facets}"
    );
    assert!(facets.contains("\"pmo\""), "{facets}");
    assert!(
        !facets.contains("\"PMO\""),
        "one PMO in the register: {facets}"
    );
}

/// A closure review whose year was typed wrong (`2020-12-28` for a project started in
/// 2024) filed the project on the dashboard as closed in 2020, without a word.
#[test]
fn a_closure_review_dated_before_its_project_started_is_warned() {
    let site = Site::fixture("basic");
    let review = std::fs::read_to_string(site.root().join("content/reviews/erp-closure.md"))
        .unwrap()
        .replace("date: 2024-12-28", "date: 2020-12-28");
    site.write("content/reviews/erp-closure.md", review);
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("content/reviews/erp-closure.md:3:7")
                && w.contains("2020-12-28")
                && w.contains("2024-01-08")),
        "{warnings:#?}"
    );
}

/// A character that shows as nothing made a cell that looks right and is not: a risk
/// `closed` with a zero-width space after it was counted open, a JSON key `v` so
/// written a column of its own (its value gone from `v`), and a byte order mark where
/// two CSV files were joined a period that was "not a month". Each is told as what it
/// is, at the character.
#[test]
fn an_invisible_character_in_a_table_is_told_at_its_place() {
    let site = Site::fixture("basic");
    let risks =
        std::fs::read_to_string(site.root().join("content/projects/erp/risks.csv")).unwrap();
    let line = risks.lines().nth(2).unwrap();
    assert!(
        line.starts_with("R2,") && line.contains(",closed,"),
        "{line}"
    );
    let status_column = line[..line.find(",closed,").unwrap()].chars().count() + 8;
    site.write(
        "content/projects/erp/risks.csv",
        risks.replacen(",closed,", ",closed\u{200b},", 1),
    );
    site.write(
        "data/keys.json",
        "[{\"m\": \"a\", \"v\u{200b}\": 1}, {\"m\": \"b\", \"v\": 2}]",
    );
    report(
        &site,
        "```table\ndata = \"keys\"\ncolumns = [\"m\", \"v\"]\n```\n",
    );
    let report = site.build_ok();
    let page = site.read("reports/careless/index.html");
    assert!(
        page.contains("<td>a</td><td class=\"num\">1</td>"),
        "{page}"
    );
    let m: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let m = m.join("\n");
    assert!(
        m.contains(&format!("content/projects/erp/risks.csv:3:{status_column}")),
        "{m}"
    );
    assert!(m.contains("a zero-width space (U+200B)"), "{m}");
    assert!(!m.contains("read as open"), "the risk is closed: {m}");
    assert!(m.contains("data/keys.json:1:"), "{m}");
    assert!(m.contains("the header `v`"), "{m}");
    site.write(
        "data/joined.csv",
        "m,v\n2024-01,1\n\u{feff}m,v\n2024-02,2\n",
    );
    let m = site.build_err();
    assert!(m.contains("error: data/joined.csv:3:1"), "{m}");
    // Two exports joined: the second's mark and header are one mistake, told as the
    // header repeated (malformed sites 19), not as a mark in a cell.
    assert!(m.contains("this row repeats the header (m,v)"), "{m}");
}

/// A byte order mark pasted into front matter with a line from another file was told in
/// the YAML reader's English words, with no help and no place on the line.
#[test]
fn a_byte_order_mark_inside_front_matter_is_told_as_such() {
    let site = Site::fixture("basic");
    let index = std::fs::read_to_string(site.root().join("content/projects/erp/index.md"))
        .unwrap()
        .replace("bac: 3200000", "\u{feff}bac: 3200000");
    site.write("content/projects/erp/index.md", index);
    let m = site.build_err();
    assert!(m.contains("content/projects/erp/index.md:9:1"), "{m}");
    assert!(m.contains("a byte order mark (U+FEFF)"), "{m}");
    assert!(m.contains("help: delete it"), "{m}");
    assert!(!m.contains("must not appear"), "{m}");
}

/// The rows of the ```table block on the report, as `a|b` lines.
fn table_rows(site: &Site) -> Vec<String> {
    let page = site.read("reports/careless/index.html");
    body_rows(&page, "<main")
        .iter()
        .map(|cells| cells.join("|"))
        .collect()
}

/// `sort = "-v"` put the rows with no `v` first, so a "top 2" (`limit = 2`) showed an
/// empty row and left out a real one; `filter = { v = 10 }` left out a row written
/// `10.0`, the same number.
#[test]
fn a_descending_sort_keeps_empty_cells_last_and_a_number_filter_matches_by_value() {
    let site = Site::fixture("basic");
    site.write("data/t.csv", "team,v\nA,9\nB,10\nC,\nD,100\nE,10.0\n");
    report(
        &site,
        "```table\ndata = \"t\"\ncolumns = [\"team\", \"v\"]\nsort = \"-v\"\nlimit = 2\n```\n",
    );
    site.build_ok();
    let rows = table_rows(&site);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0], "D|100", "{rows:?}");
    assert!(!rows.iter().any(|r| r.starts_with("C|")), "{rows:?}");
    report(
        &site,
        "```table\ndata = \"t\"\ncolumns = [\"team\", \"v\"]\nfilter = { v = 10 }\n```\n",
    );
    site.build_ok();
    let rows = table_rows(&site);
    assert_eq!(rows.len(), 2, "B and E: {rows:?}");
}

/// `aggregate = "sum"` over the portfolio's `cpi` drew a department's CPIs added up — a
/// "CPI" of 1.91 for two projects near 0.95 — as a CPI.
#[test]
fn a_ratio_of_the_portfolio_is_never_added_up() {
    for settings in ["aggregate = \"sum\"", "cumulative = true"] {
        let site = Site::fixture("basic");
        report(
            &site,
            &format!("```chart\ntype = \"bar\"\ndata = \"portfolio\"\nx = \"department\"\ny = \"cpi\"\n{settings}\n```\n"),
        );
        let m = site.build_err();
        assert!(
            m.contains("content/reports/careless.md:11:1"),
            "{settings}: {m}"
        );
        assert!(m.contains("`cpi` is a ratio"), "{settings}: {m}");
    }
    let site = Site::fixture("basic");
    report(
        &site,
        "```chart\ntype = \"bar\"\ndata = \"portfolio\"\nx = \"department\"\ny = \"cpi\"\naggregate = \"mean\"\n```\n",
    );
    site.build_ok();
}

/// A budget table moved into a folder of its project (`projects/erp/data/budget.csv`)
/// was published as an attachment, and the project showed no figures without a word.
#[test]
fn a_project_table_in_a_folder_below_the_project_is_warned() {
    let site = Site::fixture("basic");
    site.write("content/projects/erp/data/budget.csv", budget_of(&site));
    site.remove("content/projects/erp/budget.csv");
    // The fixture's chart of the budget would be an error of its own.
    site.remove("content/reports/charts.md");
    let warnings: Vec<String> = match site.build() {
        Ok(report) => report.warnings.iter().map(ToString::to_string).collect(),
        Err(failure) => vec![common::messages(&failure)],
    };
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("content/projects/erp/data/budget.csv")
                && w.contains("not read as the project's budget table")
                && w.contains("content/projects/erp/budget.csv")),
        "{warnings:#?}"
    );
    // Beside the project's own budget, another is an archive of the author's.
    let site = Site::fixture("basic");
    site.write("content/projects/erp/archive/budget.csv", budget_of(&site));
    let report = site.build_ok();
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.to_string().contains("archive/budget.csv")),
        "{:#?}",
        report.warnings
    );
}

fn budget_of(site: &Site) -> String {
    std::fs::read_to_string(site.root().join("content/projects/erp/budget.csv")).unwrap()
}

/// site.toml told `paginate\u{a0}= 2` (a no-break space pasted from a web page) as
/// "`paginate` takes a whole number, not `2`", and `paginate ＝ 2` (a full-width equals
/// sign) as "this line has no `=`".
#[test]
fn a_character_site_toml_cannot_read_is_named_with_the_line_written_right() {
    for (line, told) in [
        ("paginate\u{a0}= 2", "a no-break space (U+00A0)"),
        ("paginate ＝ 2", "full-width equals sign"),
        ("\u{feff}paginate = 2", "a byte order mark (U+FEFF)"),
    ] {
        let site = Site::fixture("basic");
        let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
        assert!(config.contains("paginate = 2"));
        site.write("site.toml", config.replace("paginate = 2", line));
        let m = site.build_err();
        assert!(m.contains("site.toml:5:"), "{line}: {m}");
        assert!(m.contains(told), "{line}: {m}");
        assert!(m.contains("retype it as `paginate = 2`"), "{line}: {m}");
    }
}

/// A totals row exported with the sheet (`合计`) was drawn as one more bar beside the
/// rows it adds up, and added in again by `aggregate = "sum"`, without a word.
#[test]
fn a_totals_row_in_a_table_a_chart_draws_is_warned() {
    let site = Site::fixture("basic");
    site.write(
        "data/spend.csv",
        "team,region,v\nA,东区,1\nB,东区,2\n合计,,3\n",
    );
    report(
        &site,
        "```chart\ntype = \"bar\"\ndata = \"spend\"\nx = \"team\"\ny = \"v\"\n```\n",
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("content/reports/careless.md:8:")
                && w.contains("`合计` (data/spend.csv line 4) looks like a totals row")),
        "{warnings:#?}"
    );
}

/// A site's UI strings that swapped two statuses (`rag_green = "红"`, `rag_red = "绿"`)
/// showed every green project as red; `date_format = ""` left every date out.
#[test]
fn a_ui_string_that_would_show_a_status_or_date_wrongly_is_refused() {
    let site = Site::fixture("basic");
    site.write("i18n/zh-CN.toml", "rag_green = \"红\"\nrag_red = \"绿\"\n");
    let m = site.build_err();
    assert!(m.contains("i18n/zh-CN.toml:1:1"), "{m}");
    assert!(m.contains("`rag_green` would be shown as `红`"), "{m}");
    assert!(m.contains("i18n/zh-CN.toml:2:1"), "{m}");
    let site = Site::fixture("basic");
    site.write("i18n/zh-CN.toml", "date_format = \"\"\n");
    let m = site.build_err();
    assert!(m.contains("i18n/zh-CN.toml:1:1"), "{m}");
    assert!(m.contains("shows no day, month or year"), "{m}");
    // A word of the site's own, and a format of its own, are fine.
    let site = Site::fixture("basic");
    site.write(
        "i18n/zh-CN.toml",
        "rag_green = \"正常\"\ndate_format = \"%d/%m/%Y\"\n",
    );
    site.build_ok();
}

/// `data = "departments.xlsx"` (the file, as the author sees it) was told "no table
/// named `departments.xlsx`" with a list of every kind of table, not the name to write.
#[test]
fn a_table_named_by_its_file_is_told_the_name_to_write() {
    for written in [
        "departments.xlsx",
        "data/departments.xlsx",
        "data/departments",
    ] {
        let site = Site::fixture("basic");
        report(&site, &format!("```table\ndata = \"{written}\"\n```\n"));
        let m = site.build_err();
        assert!(
            m.contains("write `data = \"departments\"`"),
            "{written}: {m}"
        );
    }
}
