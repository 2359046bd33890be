//! A project's data as an analyst breaks it: the yuan under other names, dates typed
//! other ways, rows with several bad cells, milestones and risks that parse yet cannot
//! be right, budgets that fall or run to thousands of periods. Each either reads as
//! meant or is said at its file, line (or row) and value; none is shown as right.

mod common;

use common::Site;

const ERP: &str = "content/projects/erp/index.md";

/// The basic fixture's `erp` project page, as written.
fn erp_index() -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/basic")
            .join(ERP),
    )
    .unwrap()
}

/// The basic fixture with a second project, `crm`, in `currency`.
fn with_second_project(currency: &str) -> Site {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/crm/index.md",
        format!(
            "---\ntitle: CRM 上线\ncode: PRJ-2024-020\ndepartment: 销售部\nstart: 2024-01-01\n\
             finish: 2024-12-31\nbac: 1000\ncurrency: {currency}\nstatus: active\n---\n\n正文。\n"
        ),
    );
    site.write(
        "content/projects/crm/budget.csv",
        "period,pv,ev,ac\n2024-01,100,90,95\n",
    );
    site
}

/// RMB, 人民币 and ￥ are what Chinese finance staff write for the yuan: read as CNY,
/// beside a CNY project, with no rate asked for and CNY shown.
#[test]
fn the_yuan_under_its_other_names_is_cny() {
    for name in ["RMB", "rmb", "人民币", "\"￥\"", "\"¥\""] {
        let site = with_second_project(name);
        site.build_ok();
        let page = site.read("projects/crm/index.html");
        assert!(page.contains("CNY"), "{name}: the page does not say CNY");
        for shown in ["RMB", "rmb", "人民币"] {
            assert!(
                !page.contains(&format!(" {shown}<")) && !page.contains(&format!(">{shown}<")),
                "{name}: the page shows {shown}"
            );
        }
    }
}

/// A row with two bad cells names both in one run, and a milestone without a name or a
/// risk without a title is an error at its cell (it showed as a blank row).
#[test]
fn every_bad_cell_of_a_row_is_named_and_empty_names_are_errors() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n启动会,2024-01-10,下周,二月\n,2024-02-01,,\n",
    );
    site.write(
        "content/projects/erp/risks.csv",
        "id,title,probability,impact,owner,status\nR1,供应商,高,9,张伟,open\nR2,,2,3,李娜,open\n",
    );
    let m = site.build_err();
    for place in [
        "milestones.csv:2:16", // forecast 下周
        "milestones.csv:2:19", // actual 二月
        "milestones.csv:3:1",  // no name
        "risks.csv:2:8",       // probability 高
        "risks.csv:2:10",      // impact 9
        "risks.csv:3:4",       // no title
    ] {
        assert!(m.contains(place), "{place} not named:\n{m}");
    }
    assert!(m.contains("column `name` is empty on this row"), "{m}");
    assert!(!m.contains("holds ``"), "{m}");
}

/// A date typed another way (`2024/3/5`, `2024年3月5日`) is refused, never guessed at,
/// with the day it would be, so the fix is to type what the message says; a level
/// typed as a word (高) is told the scale is numbers.
#[test]
fn dates_in_other_shapes_and_levels_as_words_get_a_hint_of_their_own() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n启动会,2024/3/5,2024年3月18日,\n",
    );
    site.write(
        "content/projects/erp/risks.csv",
        "id,title,probability,impact\nR1,供应商,高,低\n",
    );
    let m = site.build_err();
    assert!(
        m.contains("`2024/3/5` would be 2024-03-05: write dates as YYYY-MM-DD"),
        "{m}"
    );
    assert!(
        m.contains("`2024年3月18日` would be 2024-03-18: write dates as YYYY-MM-DD"),
        "{m}"
    );
    // Excel writes a CSV's dates as the computer shows them: the help says so.
    assert!(
        m.contains("Excel saves a date column to CSV as the computer shows dates: keep the workbook (.xlsx)"),
        "{m}"
    );
    assert!(
        m.contains(
            "`高` is a level in words: which number it stands for is your organisation's choice"
        ),
        "{m}"
    );
    assert!(m.contains("risks.csv:2:10"), "{m}");
}

/// A milestones table exported by Excel on a European computer, semicolons and days
/// written `05.03.2026`: each cell was told the two days it could be and to write
/// YYYY-MM-DD, with no word of why the file held them so (the eighth walk-through). The
/// help says Excel saves dates as the computer shows them, and what to do.
#[test]
fn a_csv_date_written_year_last_says_where_it_came_from() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/milestones.csv",
        "Milestone;Baseline;Forecast;Actual\r\n设计冻结;05.03.2026;30.09.2026;\r\n",
    );
    let m = site.build_err();
    assert!(
        m.contains("`05.03.2026` could be 2026-03-05 (day first, as written in Germany or the UK) or 2026-05-03 (month first, as in the US): write the day meant as YYYY-MM-DD. Excel saves a date column to CSV as the computer shows dates"),
        "{m}"
    );
    assert!(
        m.contains("`30.09.2026` would be 2026-09-30: write it as YYYY-MM-DD, 2026-09-30. Excel saves a date column to CSV"),
        "{m}"
    );
    assert!(m.contains("milestones.csv:2:"), "{m}");
}

/// A mark typed for "no value yet" (`—`, `N/A`, `TBD`, `待定`) in a figure or date cell is
/// told to be left empty, which is how a table says so; "e.g. 1200000" or "write dates as
/// YYYY-MM-DD" sent its author looking for a figure or a day nobody knows yet.
#[test]
fn a_mark_for_no_value_is_told_to_be_an_empty_cell() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,1000000,900000,—\n2024-02,1000000,N/A,1100000\n",
    );
    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n启动会,2024-03-05,TBD,待定\n",
    );
    let m = site.build_err();
    for (place, mark) in [
        ("budget.csv:2:24", "—"),
        ("budget.csv:3:17", "N/A"),
        ("milestones.csv:2:16", "TBD"),
        ("milestones.csv:2:20", "待定"),
    ] {
        assert!(m.contains(place), "{place}\n{m}");
        assert!(
            m.contains(&format!(
                "`{mark}` stands for no value: leave the cell empty"
            )),
            "{mark}\n{m}"
        );
    }
}

/// A budget period typed another way (`2024-3`, `2024年4月`), a whole day, or a totals
/// row at the bottom (`合计`, as finance exports end) is told what it would be or that the
/// row goes, instead of only "write months as YYYY-MM".
#[test]
fn a_period_in_another_shape_or_a_totals_row_gets_a_hint_of_its_own() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-1,100,90,95\n2024年2月,100,90,95\n2024-03-31,100,90,95\n\
         合计,300,270,285\n",
    );
    let m = site.build_err();
    for hint in [
        "`2024-1` would be 2024-01: write months as YYYY-MM",
        "`2024年2月` would be 2024-02: write months as YYYY-MM",
        "`2024-03-31` is a day: write its month, 2024-03",
        "`合计` looks like a totals row: delete it",
    ] {
        assert!(m.contains(hint), "{hint}\n{m}");
    }
}

/// An amount written as Chinese finance writes it (`60万`, `1.2亿`, `600000元`) is told
/// the plain number it would be; "e.g. 1200000" left its author to work it out (and 万
/// is easy to get wrong). `bac: 3,200,000`, as a budget cell may write it, is read.
#[test]
fn an_amount_in_wan_or_with_a_unit_is_told_the_number_it_would_be() {
    let fixture = erp_index();
    let site = Site::fixture("basic");
    site.write(ERP, fixture.replace("bac: 3200000", "bac: 60万"));
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,1.2亿,90,95\n2024-02,100,800000元,95\n",
    );
    let m = site.build_err();
    for hint in [
        "`60万` would be 600000: write `bac: 600000`",
        "`1.2亿` would be 120000000: write the plain number",
        "`800000元` would be 800000: write the plain number",
    ] {
        assert!(m.contains(hint), "{hint}\n{m}");
    }
    let site = Site::fixture("basic");
    site.write(ERP, fixture.replace("bac: 3200000", "bac: 3,200,000"));
    site.build_ok();
    let page = site.read("projects/erp/index.html");
    assert!(page.contains("3,200,000"), "the BAC read");
}

/// Full-width digits in front matter (`bac: ６０００００`, a start date typed so) are named
/// as such with the value to type, as table cells already were.
#[test]
fn full_width_digits_in_front_matter_are_named_as_such() {
    let fixture = erp_index();
    let site = Site::fixture("basic");
    site.write(ERP, fixture.replace("bac: 3200000", "bac: ３２０００００"));
    let m = site.build_err();
    assert!(
        m.contains("`bac` is typed with full-width digits (`３２０００００`)"),
        "{m}"
    );
    assert!(m.contains("`bac: 3200000`"), "{m}");
    site.write(
        ERP,
        fixture.replace("start: 2024-01-08", "start: ２０２４-０１-０８"),
    );
    let m = site.build_err();
    assert!(m.contains("index.md:7:8"), "{m}");
    assert!(
        m.contains("is typed with full-width digits: write it half-width, `2024-01-08`"),
        "{m}"
    );
}

/// A budget of 10,000 periods (an export that ran on, or months typed as days) made a
/// project page of 10 MB, mostly two tables nobody could read. The budget and status
/// tables now show the latest periods and say how many there are; the figures are
/// still computed from every period.
#[test]
fn a_budget_of_ten_thousand_periods_shows_its_latest_and_says_so() {
    let site = Site::fixture("basic");
    let mut csv = String::from("period,pv,ev,ac\n");
    for i in 0..10_000 {
        csv.push_str(&format!(
            "{:04}-{:02},100,90,95\n",
            1200 + i / 12,
            i % 12 + 1
        ));
    }
    site.write("content/projects/erp/budget.csv", csv);
    // Built as of the last period: a month after the as-of day counts in no figure. The
    // project keeps its 2024 start (a start in 1200 is refused): the periods before it
    // are only warned about.
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("as_of = 2033-04-30\n{config}"));
    let fixture = erp_index();
    site.write(
        ERP,
        fixture
            .replace("bac: 3200000", "bac: 1000000")
            .replace("status: closed", "status: active"),
    );
    site.build_ok();
    let page = site.read("projects/erp/index.html");
    let budget = &page[page.find("<details class=\"block budget\"").unwrap()..];
    let budget = &budget[..budget.find("</details>").unwrap()];
    // The last period is shown, the first is not, and the count is said.
    assert!(budget.contains(">2033-04<"), "the latest period is missing");
    assert!(
        !budget.contains(">1200-01<"),
        "all 10,000 periods are listed"
    );
    assert!(
        budget.contains("10000") || budget.contains("10,000"),
        "{budget}"
    );
    let history = &page[page.find("status-history").unwrap()..];
    let history = &history[..history.find("</section>").unwrap()];
    assert!(
        !history.contains(">1200-01<"),
        "all 10,000 months are listed"
    );
    // The key figures still add up every period: 10,000 × 95 spent.
    assert!(page.contains("950,000"), "the figures lost periods");
    // 10 MB before; what is left is the charts, drawn whole with their data tables
    // (a chart may hold 50,000 points, see Limits).
    assert!(page.len() < 5_000_000, "the page is {} bytes", page.len());
}

/// A project folder whose index.md is missing or misnamed (`README.md`) held its budget
/// where no page showed it and no figure counted it, without a word: each such folder is
/// warned about once, with the rename to make when a page stands there under another name.
#[test]
fn tables_in_a_project_folder_without_its_index_are_warned_about() {
    let site = Site::fixture("basic");
    let budget =
        std::fs::read_to_string(site.root().join("content/projects/erp/budget.csv")).unwrap();
    site.write("content/projects/crm/budget.csv", &budget);
    site.write(
        "content/projects/crm/risks.csv",
        "id,title,probability,impact,owner,status,response\n",
    );
    site.write("content/projects/hr/budget.csv", &budget);
    site.write("content/projects/hr/README.md", "---\ntitle: HR\n---\n");
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let crm: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("projects/crm/"))
        .collect();
    assert_eq!(crm.len(), 1, "{warnings:?}");
    assert!(
        crm[0].contains("holds tables but no index.md"),
        "{warnings:?}"
    );
    let hr = report
        .warnings
        .iter()
        .find(|w| w.to_string().contains("projects/hr/` holds tables"))
        .unwrap_or_else(|| panic!("{warnings:?}"));
    let help = hr.help.as_ref().map(|h| h.to_string()).unwrap_or_default();
    assert!(
        help.contains("rename `content/projects/hr/README.md` to `content/projects/hr/index.md`"),
        "{help}"
    );
    // The project with its index.md is not warned about.
    assert!(
        !warnings.iter().any(|w| w.contains("projects/erp/` holds")),
        "{warnings:?}"
    );
}

/// A milestone whose day passed before the as-of day without an actual date, and with no
/// forecast, showed as on track (正常) and was not counted late (the second walk-through).
#[test]
fn a_milestone_past_due_without_an_actual_date_is_late() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n启动会,2024-01-10,,2024-01-10\n架构评审,2024-09-30,,\n上线,2025-06-30,,\n",
    );
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("as_of = 2024-11-30\n{config}"));
    site.build_ok();
    let page = site.read("projects/erp/index.html");
    assert!(page.contains("1 个延期"), "counted late");
    // The milestones table (the doubts above the figures name milestones too).
    let html = &page[page
        .find("id=\"milestones-title\"")
        .expect("a milestones table")..];
    let row = html
        .split("<tr")
        .find(|r| r.contains("架构评审") && r.contains("badge"))
        .unwrap_or_else(|| panic!("no row for 架构评审"));
    assert!(row.contains("badge late"), "{row}");
    assert!(row.contains("61"), "61 days since its baseline: {row}");
    // Due later than the as-of day: on track.
    let later = html
        .split("<tr")
        .find(|r| r.contains("上线") && r.contains("badge"))
        .unwrap();
    assert!(later.contains("on-track"), "{later}");
}

/// The ▼ beside a CPI or SPI was fixed at 0.95 whatever `[thresholds]` said: a CPI red by
/// the site's thresholds carried no mark, and the note still said 0.95 (the second
/// walk-through).
#[test]
fn the_low_index_mark_follows_the_sites_green_thresholds() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[thresholds]\ncpi_green = 1.9\ncpi_amber = 1.8\n"),
    );
    site.build_ok();
    let list = site.read("projects/index.html");
    let row = list
        .split("<tr")
        .find(|r| r.contains("projects/erp/"))
        .unwrap_or_else(|| panic!("{list}"));
    let cells: Vec<&str> = row.split("<td class=\"num\">").skip(1).collect();
    let cpi = cells
        .iter()
        .find(|c| c.contains("ev_index") || c.contains('.'))
        .unwrap();
    assert!(
        cpi.contains("index-low"),
        "a CPI under 1.9 is marked: {row}"
    );
    assert!(list.contains("CPI 低于 1.90、SPI 低于 0.95"), "{list}");
}

/// The dashboard's EAC and VAC had no unit beside a USD project's amounts, while its BAC
/// did and the page said amounts were in CNY (the second walk-through).
#[test]
fn the_dashboard_shows_each_projects_estimates_in_its_own_currency() {
    let site = with_second_project("USD");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[currency]\nportfolio = \"CNY\"\nrates = {{ USD = 7.1 }}\n"),
    );
    site.build_ok();
    let html = site.read("dashboard/index.html");
    let row = html
        .split("<tr")
        .find(|r| r.contains("projects/crm/"))
        .unwrap_or_else(|| panic!("{html}"));
    // BAC, EAC and VAC, each with the project's currency.
    assert_eq!(
        row.matches("<span class=\"unit\">USD</span>").count(),
        3,
        "{row}"
    );
}

/// Without `[currency]`, each project got an error offering its own currency as the
/// portfolio's (`portfolio = "CNY"` for one, `"USD"` for the other) and a `XXX = 1.0`
/// placeholder; with a portfolio currency and no rate at all, the error named a month
/// as if one month's rate were missing (the second walk-through).
#[test]
fn a_missing_portfolio_currency_is_one_error_offering_the_common_one() {
    let site = with_second_project("USD");
    let m = site.build_err();
    assert_eq!(m.matches("error:").count(), 1, "{m}");
    assert!(m.contains("content/projects/crm/index.md:"), "{m}");
    assert!(m.contains("portfolio = \"CNY\""), "{m}");
    assert!(m.contains("rates = { USD = 1.0 }"), "{m}");
    assert!(!m.contains("XXX"), "{m}");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[currency]\nportfolio = \"CNY\"\n"),
    );
    let m = site.build_err();
    assert!(
        m.contains("gives no rate from USD to the portfolio currency CNY"),
        "{m}"
    );
    assert!(
        !m.contains(" for 2024-01"),
        "no month's rate is missing: none is given: {m}"
    );
    // The line to add, as it can be pasted, with no rate of another currency as example
    // (it showed `USD = 7.1`, the yuan's, for any currency and portfolio).
    assert!(m.contains("add a line `USD = `"), "{m}");
    assert!(!m.contains("7.1"), "{m}");
}

/// `£` and `€` name one currency each: read as GBP and EUR, as `¥` is CNY (the fourth
/// walk-through: `currency: £` was no code, and the help's line `£ = …` no valid TOML).
#[test]
fn the_pound_and_euro_signs_are_their_currencies() {
    for (sign, code) in [("\"£\"", "GBP"), ("\"€\"", "EUR")] {
        let site = with_second_project(sign);
        let m = site.build_err();
        assert!(m.contains(&format!("is in {code}")), "{sign}: {m}");
        assert!(!m.contains("is not a currency code"), "{sign}: {m}");
    }
}

/// The dashboard's month-by-month table, from its page.
fn trend_of(html: &str) -> &str {
    html.split("<table class=\"trend\">")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .unwrap_or_else(|| panic!("no trend: {html}"))
}

/// The dashboard's trend added up whichever projects reported each month without saying
/// how many: a month one project had not filed yet read as the portfolio's (the second
/// walk-through). Each month now says how many projects it holds.
#[test]
fn the_portfolio_trend_says_how_many_projects_each_month_holds() {
    let site = with_second_project("CNY");
    site.build_ok();
    let html = site.read("dashboard/index.html");
    let trend = trend_of(&html);
    assert!(trend.contains("在报项目"), "{trend}");
    let reporting: Vec<&str> = trend
        .split("<tr>")
        .skip(2)
        .filter_map(|row| row.rsplit("<td class=\"num\">").next())
        .map(|cell| cell.split('<').next().unwrap_or_default())
        .collect();
    assert!(
        reporting.contains(&"2"),
        "both report 2024-01: {reporting:?}"
    );
    assert!(
        reporting.contains(&"1"),
        "erp alone reports later: {reporting:?}"
    );
}

/// "The last 12 months" were the last twelve months reported: a portfolio silent from
/// October to December showed 15 months, the closed project's old months reading as
/// recent (the fourth walk-through). The twelve calendar months up to the latest are
/// shown, a month nobody reported included as such.
#[test]
fn the_portfolio_trend_is_the_last_twelve_calendar_months() {
    let site = with_second_project("CNY");
    let mut budget = String::from("period,pv,ev,ac\n2025-08,100,90,95\n2025-09,200,180,190\n");
    for m in 1..=10 {
        budget.push_str(&format!(
            "2026-{m:02},{},{},{}\n",
            200 + m * 50,
            180 + m * 45,
            190 + m * 48
        ));
    }
    site.write("content/projects/crm/budget.csv", &budget);
    site.write(
        "content/projects/crm/index.md",
        "---\ntitle: CRM 上线\ncode: PRJ-2024-020\ndepartment: 销售部\nstart: 2025-07-01\n\
         finish: 2026-12-31\nbac: 1000\ncurrency: CNY\nstatus: active\n---\n\n正文。\n",
    );
    site.build_ok();
    let html = site.read("dashboard/index.html");
    let trend = trend_of(&html);
    let months: Vec<&str> = trend
        .split("<th scope=\"row\" class=\"nowrap\">")
        .skip(1)
        .filter_map(|row| row.split('<').next())
        .collect();
    let expected: Vec<String> = ["2025-11", "2025-12"]
        .into_iter()
        .map(String::from)
        .chain((1..=10).map(|m| format!("2026-{m:02}")))
        .collect();
    assert_eq!(months, expected, "{trend}");
    let november = trend.split("2025-11").nth(1).unwrap();
    let november = &november[..november.find("</tr>").unwrap()];
    assert!(
        november.ends_with("<td class=\"num\">0</td>\n          "),
        "{november:?}"
    );
}

/// A rate for what is no currency code and no project names (`DOLLAR = 7`) converted
/// nothing, unsaid (the malformed-site hunt of the fourth round).
#[test]
fn a_rate_no_project_can_use_is_warned_about() {
    let site = with_second_project("USD");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[currency]\nportfolio = \"CNY\"\nrates = {{ USD = 7.1, DOLLAR = 7 }}\n"),
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("site.toml")
                && w.contains("`DOLLAR` in `rates` is no currency code")),
        "{warnings:#?}"
    );
}

/// `Budget.csv`, `budget.tsv` (Excel's tab-delimited text) and `budget.txt` were left as
/// another table or an attachment: the project showed no figures and the build said
/// nothing (the seventh malformed hunt). They are errors naming the file; a plural slip
/// (`risk.csv`) is a warning, as it may be a table of the author's own.
#[test]
fn a_project_table_named_in_another_case_or_format_is_told() {
    let site = Site::fixture("basic");
    let budget =
        std::fs::read_to_string(site.root().join("content/projects/erp/budget.csv")).unwrap();
    site.remove("content/projects/erp/budget.csv");
    for (file, right) in [
        ("Budget.csv", "rename it `budget.csv`"),
        ("budget.tsv", "name it `budget.csv`"),
        ("BUDGET.TXT", "name it `budget.csv`"),
    ] {
        site.write(
            &format!("content/projects/erp/{file}"),
            budget.replace(',', "\t"),
        );
        let told = site.build_err();
        assert!(
            told.contains(&format!("content/projects/erp/{file}"))
                && told.contains(&format!(
                    "`{file}` is not read as the project's budget table"
                ))
                && told.contains(right),
            "{file}: {told}"
        );
        site.remove(&format!("content/projects/erp/{file}"));
    }
    site.write("content/projects/erp/budget.csv", budget);
    site.write("content/projects/erp/risk.csv", "id,title\nR1,供应商延期\n");
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("`risk.csv` is not read as the project's risks table")),
        "{warnings:?}"
    );
}

/// A closed project whose milestones were all reached, three after their baselines,
/// showed a red "! 3 个延期" and three red rows: what is done is no alarm. It says
/// "3 个延期完成" in grey; "延期" is kept for milestones not reached and past their day
/// (the seventh walk-through).
#[test]
fn milestones_reached_after_their_baseline_are_finished_late_not_delayed() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n方案评审,2024-02-15,,2024-02-15\n第一批搬迁,2024-05-10,,2024-05-12\n第二批搬迁,2024-07-10,,2024-07-24\n验收,2024-08-25,,2024-08-28\n",
    );
    site.write(
        "content/reports/milestones.md",
        "---\ntitle: 里程碑统计\ndate: 2024-12-31\n---\n\n```table\ndata = \"portfolio\"\ncolumns = [\"title\", \"milestones_late\"]\n```\n",
    );
    site.build_ok();
    let page = site.read("projects/erp/index.html");
    assert!(!page.contains("badge late"), "no alarm for what is done");
    assert!(!page.contains("is-late"), "no red row");
    assert!(!page.contains("个延期<"), "nothing delayed");
    assert!(page.contains("3 个延期完成"), "said, in grey");
    let html = &page[page.find("id=\"milestones-title\"").unwrap()..];
    let row = html
        .split("<tr")
        .find(|r| r.contains("第二批搬迁"))
        .unwrap();
    assert!(row.contains("badge done"), "{row}");
    assert!(row.contains("badge finished-late\">延期完成"), "{row}");
    assert!(row.contains("+14"), "its slip still shown: {row}");
    let on_time = html.split("<tr").find(|r| r.contains("方案评审")).unwrap();
    assert!(!on_time.contains("finished-late"), "{on_time}");
    // The portfolio counts what the page calls delayed.
    let report = site.read("reports/milestones/index.html");
    let row = &report[report.find("ERP 升级").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.ends_with("<td class=\"num\">0</td>"), "{row}");
}

/// A fixed rate typed the wrong way round (`USD = 0.141` for 7.1 yuan to the dollar)
/// shrank every USD project fifty times on the dashboard with no warning; 7100 and 1e308
/// were taken too (the eighth malformed hunt). Only warned, the inverted rate still
/// published a BAC of 47,940 for 2,414,000 with no doubt mark (the eighth walk-through):
/// it is refused, and a rate merely far off marks every figure converted with it.
#[test]
fn a_fixed_rate_far_from_the_currencys_rough_rate_is_warned_or_refused() {
    let site = with_second_project("USD");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let with_rates = |rates: &str| {
        site.write(
            "site.toml",
            format!("{config}\n[currency]\nportfolio = \"CNY\"\nrates = {{ {rates} }}\n"),
        );
    };
    let doubts = |report: &pmo_portal::BuildReport| -> Vec<String> {
        report
            .warnings
            .iter()
            .map(ToString::to_string)
            .filter(|w| w.contains("rough rate"))
            .collect()
    };
    with_rates("USD = 0.141");
    let m = site.build_err();
    assert!(m.contains("site.toml:"), "{m}");
    assert!(m.contains("`USD = 0.141`"), "{m}");
    assert!(m.contains("the wrong way round"), "{m}");
    assert!(m.contains("CNY per 1 USD"), "{m}");
    assert!(m.contains("USD = 7.09"), "{m}");
    with_rates("USD = 7100");
    let found = doubts(&site.build_ok());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("`USD = 7100`"), "{found:#?}");
    assert!(!found[0].contains("wrong way round"), "{found:#?}");
    // Every figure converted at it is marked where the dashboard lists the project, and
    // its page says why.
    let row = |html: &str, slug: &str| {
        let at = html.find(&format!("projects/{slug}/")).expect(slug);
        html[at..at + html[at..].find("</tr>").unwrap()].to_string()
    };
    let dashboard = site.read("dashboard/index.html");
    assert!(
        row(&dashboard, "crm").contains("数据存疑"),
        "{}",
        row(&dashboard, "crm")
    );
    let page = site.read("projects/crm/index.html");
    let notes = &page[page.find("class=\"data-notes\"").expect("the doubt listed")..];
    assert!(notes.contains("<code>site.toml:"), "{notes}");
    assert!(notes.contains("USD = 7100"), "{notes}");
    with_rates("USD = 6.2, XAF = 0.012");
    assert!(doubts(&site.build_ok()).is_empty());
    // No currency is worth a million of another: 1e308 converted a project to infinity.
    with_rates("USD = 1e308");
    let m = site.build_err();
    assert!(m.contains("site.toml:"), "{m}");
    assert!(m.contains("the rate of `USD` is 1e308"), "{m}");
}

/// Excel keeps an owner file (`~$budget.xlsx`, a few bytes of the user's name) beside a
/// workbook while it is open, and Word beside a document: read as a workbook, it stopped
/// the build ("this file is text, not a workbook") while finance had the budget open
/// (the eighth walk-through). It is skipped wherever content, data and static are read,
/// as LibreOffice's `.~lock` files are.
#[test]
fn office_owner_files_beside_open_files_are_skipped() {
    let site = Site::fixture("basic");
    site.build_ok();
    let owner = "\u{5}张伟                                                          ";
    for file in [
        "content/projects/erp/~$budget.xlsx",
        "content/projects/erp/~$risks.csv",
        "content/practices/~$评审记录.docx",
        "data/~$departments.xlsx",
        "static/~$指南.docx",
    ] {
        site.write(file, owner);
    }
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(!warnings.iter().any(|w| w.contains("~$")), "{warnings:#?}");
    for file in ["practices/~$评审记录.docx", "~$指南.docx"] {
        assert!(!site.public().join(file).exists(), "{file}");
    }
}

/// Finance's monthly EV workbook saved in the project's folder under its own name was
/// read as a table of the author's own: the project showed its BAC and no budget
/// figures, with no warning (the eighth walk-through). It is told at the file, with the
/// name to give it.
#[test]
fn a_workbook_headed_like_a_budget_under_its_own_name_is_told() {
    use common::xlsx::V;
    let site = Site::fixture("basic");
    site.write(
        "content/projects/plant/index.md",
        "---\ntitle: 二期厂房扩建\nstart: 2024-01-01\nfinish: 2024-12-31\nbac: 1200000\nstatus: active\n---\n\n正文。\n",
    );
    let header = ["月份", "计划值", "挣值", "实际成本"].map(|h| V::S(h.into()));
    let row = vec![
        V::S("2024-01".into()),
        V::N(100_000.0),
        V::N(90_000.0),
        V::N(95_000.0),
    ];
    site.write(
        "content/projects/plant/二期厂房扩建_EV月报_万元.xlsx",
        common::xlsx::xlsx("EV月报", &[Vec::from(header), row], &[]),
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let told: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("EV月报_万元.xlsx"))
        .collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    assert!(
        told[0].contains("content/projects/plant/二期厂房扩建_EV月报_万元.xlsx")
            && told[0].contains("headed like the project's budget table")
            && told[0].contains("rename it `budget.xlsx`"),
        "{told:?}"
    );
}
