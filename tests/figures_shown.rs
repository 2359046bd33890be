//! Figures the portal shows only when it can stand behind them: each case here was a
//! number or label shown as right that was not (the third audit of every figure), and
//! is now shown rightly, or as unknown, with a warning at its place.

mod common;

use common::Site;

/// An active project, its figures through `last` (three months from January 2026).
fn active(site: &Site, slug: &str, fields: &str, budget: &str) {
    site.write(
        &format!("content/projects/{slug}/index.md"),
        format!("---\ntitle: {slug} 项目\nstart: 2026-01-01\nfinish: 2026-06-30\nstatus: active\n{fields}---\n\n正文。\n"),
    );
    site.write(&format!("content/projects/{slug}/budget.csv"), budget);
}

/// site.toml with `[currency]` holding `settings` after the rest.
fn with_currency(site: &Site, settings: &str) {
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{config}\n[currency]\n{settings}\n"));
}

fn with_as_of(site: &Site, day: &str) {
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("as_of = {day}\n{config}"));
}

/// Project `slug`'s row in a list of projects (the projects list, the dashboard).
fn list_row(html: &str, slug: &str) -> String {
    let at = html.find(&format!("projects/{slug}/")).expect(slug);
    html[at..at + html[at..].find("</tr>").unwrap()].to_string()
}

const B: &str = "period,pv,ev,ac\n2026-01,100000,100000,100000\n2026-02,100000,95000,100000\n2026-03,100000,90000,95000\n2026-04,100000,,\n2026-05,100000,,\n2026-06,100000,,\n";

#[test]
fn a_zero_budget_or_a_total_below_zero_shows_no_eac() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-04-15");
    active(&site, "zero", "bac: 0\ncurrency: CNY\n", B);
    active(
        &site,
        "credit",
        "bac: 600000\ncurrency: CNY\n",
        "period,pv,ev,ac\n2026-01,100000,100000,50000\n2026-02,100000,50000,-80000\n2026-03,100000,,\n",
    );
    let report = site.build_ok();
    let page = site.read("projects/zero/index.html");
    assert!(
        !page.contains("<dd>0 CNY"),
        "no EAC of 0 beside money spent"
    );
    let credit = site.read("projects/credit/index.html");
    assert!(!credit.contains("-5.00"), "no CPI of a negative cost");
    assert!(!credit.contains("-120,000"), "no negative EAC");
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("credit/budget.csv:3:") && w.contains("falls in 2026-02")),
        "{warnings:#?}"
    );
}

#[test]
fn a_month_with_an_empty_cell_between_reports_is_no_red_month() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-04-15");
    active(
        &site,
        "gap",
        "bac: 600000\ncurrency: CNY\nbasis: cumulative\n",
        "period,pv,ev,ac\n2026-01,100000,100000,100000\n2026-02,200000,,200000\n2026-03,300000,285000,295000\n",
    );
    let report = site.build_ok();
    let page = site.read("projects/gap/index.html");
    let history = &page[page.find("id=\"history-title\"").expect("a status history")..];
    let history = &history[..history.find("</table>").unwrap()];
    assert!(
        !history.contains("0.50"),
        "February reported no EV: {history}"
    );
    assert!(history.contains("0.97"), "March as typed: {history}");
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        !warnings.iter().any(|w| w.contains("counts it as 0")),
        "a running total left empty is not counted as 0: {warnings:#?}"
    );
}

#[test]
fn a_phase_gate_review_is_no_closure_review() {
    let site = Site::fixture("basic");
    site.write(
        "content/reviews/erp-closure.md",
        "---\ntitle: ERP 阶段关口评审\ndate: 2024-05-05\nproject: erp\ntype: phase-gate\n---\n\n正文。\n",
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("`erp` is closed but has no closure review")),
        "{warnings:#?}"
    );
    let list = site.read("projects/index.html");
    assert!(
        !list.contains("ERP 阶段关口评审"),
        "not listed as its closure review"
    );
}

#[test]
fn a_month_twice_in_the_rates_table_is_an_error() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[currency]\nportfolio = \"CNY\"\nrates_table = \"rates\"\n"),
    );
    site.write(
        "data/rates.csv",
        "period,USD\n2024-01,7.0\n2024-02,7.2\n2024-02,9.9\n",
    );
    let m = site.build_err();
    assert!(m.contains("data/rates.csv:4:1"), "{m}");
    assert!(m.contains("`2024-02`"), "{m}");
}

#[test]
fn doubtful_states_are_told_and_marked() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-04-15");
    with_currency(&site, "portfolio = \"USD\"\nrates = { CNY = 0.14 }");
    // No currency in a site of two; figures that stopped nine months ago.
    active(&site, "nocur", "bac: 600000\n", B);
    active(
        &site,
        "stale",
        "bac: 600000\ncurrency: CNY\ndepartment: 信息中心\n",
        "period,pv,ev,ac\n2025-06,100000,100000,100000\n2025-07,100000,100000,100000\n",
    );
    // No figures at all: no status, no EAC.
    active(
        &site,
        "blank",
        "bac: 500000\ncurrency: CNY\n",
        "period,pv,ev,ac\n2026-01,100000,,\n",
    );
    site.write(
        "content/projects/nocur/milestones.csv",
        "name,baseline,forecast,actual\n上线,2026-03-01,,2026-05-01\n",
    );
    active(&site, "nobac", "currency: CNY\n", B);
    site.write(
        "content/projects/bare/index.md",
        "---\ntitle: 筹备中\nstatus: active\n---\n\n尚无预算。\n",
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let find = |needle: &str| {
        warnings
            .iter()
            .find(|w| w.contains(needle))
            .unwrap_or_else(|| panic!("no warning with {needle:?} in {warnings:#?}"))
            .clone()
    };
    assert!(find("`nocur` names no currency").contains("nocur/index.md:6:"));
    // A budget table with no BAC: its CPI shows, its EAC cannot (the fourth walk-through).
    assert!(find("has a budget table but no `bac`").contains("nobac/index.md:2:"));
    // A project with no amounts at all has no unit to name (the fourth walk-through).
    assert!(
        !warnings.iter().any(
            |w| w.contains("`erp` names no currency") || w.contains("`bare` names no currency")
        ),
        "{warnings:#?}"
    );
    assert!(find("figures stop at 2025-07, 9 months before 2026-04-15")
        .contains("stale/budget.csv:3:1"));
    assert!(find("`上线` is marked reached on 2026-05-01").contains("nocur/milestones.csv:2:"));
    let nocur = site.read("projects/nocur/index.html");
    assert!(
        nocur.contains("600,000 <span class=\"unit\">USD</span>"),
        "its unit shown"
    );
    let dashboard = site.read("dashboard/index.html");
    assert!(dashboard.contains("stale-mark"), "the stale project marked");
    // A project whose one doubt is that its figures stopped is marked once.
    site.write(
        "content/projects/only-stale/index.md",
        "---\ntitle: 停更项目\nstart: 2025-01-01\nfinish: 2026-12-31\nstatus: active\nbac: 200000\ncurrency: CNY\n---\n\n正文。\n",
    );
    site.write(
        "content/projects/only-stale/budget.csv",
        "period,pv,ev,ac\n2025-06,100000,100000,100000\n2025-07,100000,100000,100000\n",
    );
    site.build_ok();
    let list = site.read("dashboard/index.html");
    let row = &list[list.find("projects/only-stale/").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("数据已停更"), "{row}");
    assert!(!row.contains("数据存疑"), "{row}");
    let dashboard = site.read("dashboard/index.html");
    // Its other doubts (amounts before its start, a plan short of its BAC) too.
    let stale_row = &dashboard[dashboard.find("projects/stale/").unwrap()..];
    let stale_row = &stale_row[..stale_row.find("</tr>").unwrap()];
    assert!(stale_row.contains("数据已停更"), "{stale_row}");
    assert!(stale_row.contains("数据存疑"), "{stale_row}");
    assert!(site
        .read("projects/stale/index.html")
        .contains("stale-mark"));
    assert!(
        dashboard.contains("rag-card-unrated"),
        "the projects not rated counted"
    );
    assert!(dashboard.contains("未评级"), "named in the chart and cards");
    assert!(
        dashboard.contains("尚无 EAC"),
        "the BAC/EAC chart says whom it leaves out"
    );
}

/// The build's doubts about a project's data were printed for its author only: its page
/// showed the figures as measured. They are listed above the figures, in the site's
/// language, each at its file and line.
#[test]
fn a_projects_page_lists_the_doubts_about_its_data() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-04-15");
    active(
        &site,
        "gap",
        "bac: 600000\ncurrency: CNY\n",
        "period,pv,ev,ac\n2026-01,100000,100000,100000\n2026-02,100000,,100000\n2026-03,100000,90000,95000\n",
    );
    site.build_ok();
    let page = site.read("projects/gap/index.html");
    let notes = &page[page
        .find("class=\"data-notes\"")
        .expect("the doubts listed")..];
    let notes = &notes[..notes.find("</details>").unwrap()];
    assert!(notes.contains("<code>budget.csv:3</code>"), "{notes}");
    assert!(notes.contains("2026-02"), "{notes}");
    // A project without doubts lists none.
    let erp = site.read("projects/erp/index.html");
    assert_eq!(
        erp.matches("class=\"data-notes\"").count(),
        1,
        "the closed ERP's unearned budget"
    );
    // A column of the author's own (完成率) is told, but doubts no figure: the project
    // was marked 数据存疑 for it (the fifth walk-through).
    active(&site, "clean", "bac: 300000\ncurrency: CNY\n", "period,pv,ev,ac,完成率\n2026-01,100000,100000,100000,33%\n2026-02,100000,100000,100000,67%\n2026-03,100000,100000,100000,100%\n");
    let report = site.build_ok();
    assert!(
        report.warnings.iter().any(|w| w
            .to_string()
            .contains("column `完成率` is not one the budget table reads")),
        "the column is still told"
    );
    assert!(!site
        .read("projects/clean/index.html")
        .contains("class=\"data-notes\""));
    // The lists and the counts that sum projects up showed the doubtful ones unmarked
    // (a running total read as monthly made 406% complete, Amber, on the dashboard).
    let row = list_row;
    for list in ["projects/index.html", "dashboard/index.html"] {
        let html = site.read(list);
        assert!(
            row(&html, "gap").contains("数据存疑"),
            "{list}: {}",
            row(&html, "gap")
        );
        assert!(!row(&html, "clean").contains("数据存疑"), "{list}");
    }
    for page in ["dashboard/index.html", "index.html"] {
        let html = site.read(page);
        // gap and the closed ERP (its unearned budget).
        assert!(html.contains("其中 2 个项目的数据存疑"), "{page}");
    }
}

/// A Chinese PMO's own sheets: headers in Chinese were refused (the budget) or left out
/// with a warning (risks' 负责人); they are read as the columns they name.
#[test]
fn project_tables_headed_in_chinese_are_read() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-04-15");
    active(
        &site,
        "zh",
        "bac: 300000\ncurrency: CNY\n",
        "期间,计划价值,挣值,实际成本\n2026-01,100000,100000,100000\n2026-02,100000,95000,100000\n2026-03,100000,90000,95000\n",
    );
    site.write(
        "content/projects/zh/milestones.csv",
        "里程碑,基线日期,预测日期,实际日期\n上线,2026-03-01,,2026-03-05\n",
    );
    site.write(
        "content/projects/zh/risks.csv",
        "编号,风险,概率,影响,负责人,状态,应对措施\nR1,供应商交付延迟,4,3,王芳,open,加强跟踪\n",
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        !warnings.iter().any(|w| w.contains("projects/zh/")),
        "{warnings:#?}"
    );
    let page = site.read("projects/zh/index.html");
    assert!(page.contains("295,000"), "the actual cost to date");
    assert!(
        page.contains("供应商交付延迟") && page.contains("王芳"),
        "the risk and its owner"
    );
    assert!(page.contains("上线"), "the milestone");
}

/// An English PMO's sheets were refused (`Milestone,Baseline date,…`, `Month,Planned
/// Value,…`) while the same headers in Chinese were read (the fourth walk-through).
#[test]
fn project_tables_headed_in_plain_english_are_read() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-04-15");
    active(
        &site,
        "en",
        "bac: 300000\ncurrency: CNY\n",
        "Month,Planned Value,Earned_Value,ACTUAL COST\n2026-01,100000,100000,100000\n2026-02,100000,95000,100000\n2026-03,100000,90000,95000\n",
    );
    site.write(
        "content/projects/en/milestones.csv",
        "Milestone,Baseline date,Forecast date,Actual date\nGo-live,2026-03-01,,2026-03-05\n",
    );
    site.write(
        "content/projects/en/risks.csv",
        "Risk ID,Risk,Likelihood,Impact,Risk owner,Status,Mitigation\nR1,Vendor delay,4,3,Ann,open,Weekly calls\n",
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        !warnings.iter().any(|w| w.contains("projects/en/")),
        "{warnings:#?}"
    );
    let page = site.read("projects/en/index.html");
    assert!(page.contains("Go-live"), "milestone read");
    assert!(page.contains("Weekly calls"), "risk response read");
    assert!(page.contains("0.95"), "CPI of 2026-03: 90000/95000");
}

/// An English PMO lead's walk-through: "1 of these projects have", "Open risks 2 / 3 of
/// 3 risks", EV without its currency, and rates in site.toml named on a site of one
/// currency that has none.
#[test]
fn an_english_site_says_its_figures_in_plain_english() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!(
            "as_of = 2026-04-15\n{}",
            config.replace("language = \"zh-CN\"", "language = \"en\"")
        ),
    );
    // The fixture's one project, closed with budget unearned, is doubted.
    site.build_ok();
    let home = site.read("index.html");
    assert!(home.contains("1 of these projects has data"), "{home}");
    assert!(!home.contains("projects have data"), "{home}");
    let dashboard = site.read("dashboard/index.html");
    assert!(dashboard.contains("Amounts are in CNY."), "{dashboard}");
    assert!(!dashboard.contains("converted at the rates"), "{dashboard}");
    let erp = site.read("projects/erp/index.html");
    let risks = "Open risks</p>\n        <p class=\"figure-value\">1</p>\n        <p class=\"figure-note\">of 2 risks</p>";
    assert!(erp.contains(risks), "open of all risks said once: {erp}");
    assert!(
        erp.contains("(EV) 1,900,000 <span class=\"unit\">CNY</span>"),
        "{erp}"
    );
}

/// Walk-through 7: actuals typed into a month after the as-of day became the headline
/// figures ("as of 2026-05", the CPI and EAC of a month not yet begun), with only a
/// warning to say so. They are left out of every figure; the month's plan stays.
#[test]
fn what_a_month_after_the_as_of_day_reports_is_left_out_of_the_figures() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-04-15");
    let typed_ahead = format!(
        "{}2026-05,100000,3100000,100000\n",
        &B[..B.find("2026-04").unwrap()]
    );
    active(&site, "ahead", "bac: 600000\ncurrency: CNY\n", &typed_ahead);
    active(&site, "plain", "bac: 600000\ncurrency: CNY\n", B);
    let report = site.build_ok();
    let figures = |slug: &str| {
        let page = site.read(&format!("projects/{slug}/index.html"));
        let start = page.find("<main").unwrap();
        let end = page[start..]
            .find("id=\"history-title\"")
            .unwrap_or(page.len() - start);
        page[start..start + end].to_string()
    };
    let ahead = figures("ahead");
    // The key figures are as of March, the last month reported by April 15.
    let cards = &ahead[ahead.find("id=\"figures-title\"").expect("key figures")..];
    let cards = &cards[..cards.find("</ul>").unwrap()];
    assert!(
        !cards.contains("2026-05") && cards.contains("2026-03"),
        "{cards}"
    );
    assert!(!cards.contains("3,385,000"), "no EV run into May: {cards}");
    // The same figures as the project that typed nothing ahead.
    let plain = figures("plain");
    for cpi in ["0.97", "0.96"] {
        assert_eq!(ahead.contains(cpi), plain.contains(cpi), "{cpi}: {ahead}");
    }
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("ahead/budget.csv:5:") && w.contains("leave them out")),
        "{warnings:#?}"
    );
}

/// A ```table block over `portfolio` showed BAC 10,650,000 for a project of 1,500,000
/// USD with "CNY" nowhere on the page, and a CPI of 0.36 plain for a project the
/// dashboard marked 数据存疑 (the seventh walk-through). The converted amounts' headers
/// name the portfolio currency, each figure of a doubted project carries the
/// dashboard's mark, and so does a chart over `portfolio`.
#[test]
fn blocks_over_the_portfolio_name_its_currency_and_mark_doubted_figures() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-04-15");
    with_currency(&site, "portfolio = \"CNY\"\nrates = { USD = 7.1 }");
    active(&site, "usd", "bac: 600000\ncurrency: USD\n", B);
    // EV left blank in February between reported months: a doubt.
    active(
        &site,
        "gap",
        "bac: 600000\ncurrency: CNY\n",
        "period,pv,ev,ac\n2026-01,100000,100000,100000\n2026-02,100000,,100000\n2026-03,100000,90000,95000\n",
    );
    site.write(
        "content/reports/portfolio.md",
        "---\ntitle: 组合月报\ndate: 2026-04-10\n---\n\n```table\ndata = \"portfolio\"\ncolumns = [\"project\", \"bac\", \"cpi\", \"eac\"]\nheaders = [\"项目\", \"BAC\", \"CPI\", \"完工估算（元）\"]\nsort = \"project\"\n```\n\n```chart\ntype = \"bar\"\ndata = \"portfolio\"\nx = \"title\"\ny = [\"bac\", \"eac\"]\nfilter = { project = [\"usd\", \"gap\"] }\ntitle = \"预算\"\n```\n",
    );
    site.build_ok();
    let page = site.read("reports/portfolio/index.html");
    let row = |slug: &str| {
        let at = page.find(&format!("<td>{slug}</td>")).expect(slug);
        page[at..at + page[at..].find("</tr>").unwrap()].to_string()
    };
    assert!(page.contains("<th scope=\"col\">BAC（CNY）</th>"), "{page}");
    // A header naming the unit its own way (元 is CNY) is left as written.
    assert!(
        page.contains("<th scope=\"col\">完工估算（元）</th>"),
        "{page}"
    );
    assert!(
        page.contains("<th scope=\"col\">CPI</th>"),
        "a ratio has no unit"
    );
    // 600,000 USD at 7.1, unmarked: nothing doubted.
    assert!(row("usd").contains("4,260,000"), "{}", row("usd"));
    assert!(!row("usd").contains("stale-mark"), "{}", row("usd"));
    let gap = row("gap");
    assert_eq!(
        gap.matches("数据存疑").count(),
        3,
        "BAC, CPI and EAC: {gap}"
    );
    assert!(
        gap.contains("title=\"构建发现此项目的数据中有可疑的值"),
        "{gap}"
    );
    let chart = &page[page.find("<figure").unwrap()..page.find("</figure>").unwrap()];
    assert!(chart.contains("bac, eac（CNY）"), "the axis names it");
    assert!(
        chart.contains("其中 1 个项目的数据存疑"),
        "the doubted one told"
    );

    // In English, as the dashboard's axis says it.
    site.write(
        "site.toml",
        std::fs::read_to_string(site.root().join("site.toml"))
            .unwrap()
            .replace("language = \"zh-CN\"", "language = \"en\""),
    );
    site.build_ok();
    let page = site.read("reports/portfolio/index.html");
    assert!(page.contains("<th scope=\"col\">BAC (CNY)</th>"), "{page}");
    assert!(page.contains("data in doubt"));
}

/// A ```table or ```chart block over one project's own budget showed its amounts with
/// no unit anywhere, unless its author wrote `y_label`, while blocks over `portfolio`
/// named the currency. Its money columns and axes name the project's currency the same
/// way; a label the author wrote is left as written.
#[test]
fn blocks_over_a_projects_own_budget_name_its_currency() {
    let site = Site::fixture("basic");
    with_currency(&site, "portfolio = \"CNY\"\nrates = { USD = 7.1 }");
    active(&site, "usd", "bac: 600000\ncurrency: usd\n", B);
    site.write(
        "content/reports/budgets.md",
        "---\ntitle: 预算明细\ndate: 2026-04-10\n---\n\n\
         ```table\ndata = \"projects/erp/budget\"\ncolumns = [\"period\", \"pv\", \"ev\"]\n```\n\n\
         ```table\ndata = \"projects/usd/budget\"\ncolumns = [\"period\", \"ac\"]\nheaders = [\"月份\", \"实际成本\"]\n```\n\n\
         ```chart\ntype = \"line\"\ndata = \"projects/erp/budget\"\nx = \"period\"\ny = [\"pv\", \"ev\"]\ntitle = \"计划与挣值\"\n```\n\n\
         ```chart\ntype = \"line\"\ndata = \"projects/erp/budget\"\nx = \"period\"\ny = \"ac\"\ny_label = \"实际成本（万）\"\ntitle = \"实际成本\"\n```\n",
    );
    site.build_ok();
    let page = site.read("reports/budgets/index.html");
    assert!(page.contains("<th scope=\"col\">pv（CNY）</th>"), "{page}");
    assert!(page.contains("<th scope=\"col\">ev（CNY）</th>"), "{page}");
    assert!(page.contains("<th scope=\"col\">period</th>"), "{page}");
    // The author's own header is left as written.
    assert!(page.contains("<th scope=\"col\">实际成本</th>"), "{page}");
    let figures: Vec<&str> = page.split("<figure").skip(1).collect();
    assert_eq!(figures.len(), 2, "{page}");
    assert!(figures[0].contains("pv, ev（CNY）"), "{}", figures[0]);
    assert!(figures[1].contains("实际成本（万）"), "{}", figures[1]);
    assert!(!figures[1].contains("CNY"), "{}", figures[1]);
    // A block on the project's own page, over its `budget`, in its own currency.
    let index = std::fs::read_to_string(site.root().join("content/projects/usd/index.md")).unwrap();
    site.write(
        "content/projects/usd/index.md",
        format!("{index}\n```table\ndata = \"budget\"\ncolumns = [\"period\", \"pv\"]\n```\n"),
    );
    site.build_ok();
    let page = site.read("projects/usd/index.html");
    assert!(page.contains("<th scope=\"col\">pv（USD）</th>"), "{page}");
}

/// The data table under a project's S-curve printed `1000000` where every other table
/// prints `1,000,000` (the seventh walk-through).
#[test]
fn a_project_charts_data_table_groups_thousands_as_the_other_tables() {
    let site = Site::fixture("basic");
    site.build_ok();
    let page = site.read("projects/erp/index.html");
    let curve = &page[page.find("id=\"evm-s-curve\"").unwrap()..];
    let table = &curve[curve.find("<details").unwrap()..curve.find("</details>").unwrap()];
    assert!(
        table.contains("<td class=\"num\">1,000,000</td>"),
        "{table}"
    );
    assert!(!table.contains("1000000"), "{table}");
}

/// The 数据存疑 mark stamped sound figures (the eighth walk-through): a risk marked
/// 已解决 made every figure of its project doubtful, and so did actual cost passing the
/// BAC, a real overrun that CPI and EAC exist to show, even in a month after the as-of
/// day that no figure holds. Only doubts about the budget data itself mark figures; a
/// risk's doubt is still listed on the project's page.
#[test]
fn only_doubts_about_the_budget_data_mark_its_figures() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-04-15");
    // 650,000 spent of a 600,000 BAC by March: an overrun.
    active(
        &site,
        "over",
        "bac: 600000\ncurrency: CNY\n",
        "period,pv,ev,ac\n2026-01,100000,100000,200000\n2026-02,100000,100000,250000\n2026-03,100000,100000,200000\n2026-04,100000,,\n2026-05,100000,,\n2026-06,100000,,\n",
    );
    site.write(
        "content/projects/over/risks.csv",
        "id,title,probability,impact,owner,status,response\nR1,供应商延期,4,5,张伟,已解决,更换供应商\nR2,关键用户流失,3,4,李娜,done,培训备岗\n",
    );
    // The overrun comes in May, after the as-of day: as of April it is in no figure.
    active(
        &site,
        "later",
        "bac: 600000\ncurrency: CNY\n",
        "period,pv,ev,ac\n2026-01,100000,100000,100000\n2026-02,100000,100000,100000\n2026-03,100000,100000,100000\n2026-04,100000,,\n2026-05,100000,100000,400000\n2026-06,100000,,\n",
    );
    site.write(
        "content/reports/portfolio.md",
        "---\ntitle: 组合月报\ndate: 2026-04-10\n---\n\n```table\ndata = \"portfolio\"\ncolumns = [\"project\", \"bac\", \"ac\", \"cpi\", \"eac\"]\nsort = \"project\"\n```\n",
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    // Still told to the author, but for the risk closed in the words registers use.
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("over/budget.csv:4:") && w.contains("actual cost reaches")),
        "{warnings:#?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("`已解决`")),
        "{warnings:#?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("`done`")),
        "{warnings:#?}"
    );
    let row = list_row;
    for list in ["projects/index.html", "dashboard/index.html"] {
        let html = site.read(list);
        for slug in ["over", "later"] {
            assert!(
                !row(&html, slug).contains("数据存疑"),
                "{list} {slug}: {}",
                row(&html, slug)
            );
        }
    }
    let page = site.read("reports/portfolio/index.html");
    for slug in ["over", "later"] {
        let at = page.find(&format!("<td>{slug}</td>")).expect(slug);
        let row = &page[at..at + page[at..].find("</tr>").unwrap()];
        assert!(!row.contains("数据存疑"), "{row}");
    }
    // The risk's doubt is listed where the project's data is.
    let over = site.read("projects/over/index.html");
    let notes = &over[over.find("class=\"data-notes\"").expect("the risk's doubt")..];
    let notes = &notes[..notes.find("</details>").unwrap()];
    assert!(notes.contains("<code>risks.csv:3</code>"), "{notes}");
    assert!(!notes.contains("budget.csv"), "{notes}");
}

/// Hunt 9: April to June written 0 in EV and AC (a sheet filled with zeros to the end)
/// were counted as reported: the page was "as of 2026-06", its SPI fell and its status
/// turned amber, with no doubt told.
#[test]
fn months_to_come_written_as_zeros_leave_the_figures_where_the_reports_stop() {
    let site = Site::fixture("basic");
    with_as_of(&site, "2026-04-30");
    let zeros = B.replace(",,\n", ",0,0\n");
    active(&site, "zeros", "bac: 600000\ncurrency: CNY\n", &zeros);
    active(&site, "empty", "bac: 600000\ncurrency: CNY\n", B);
    let report = site.build_ok();
    let figures = |slug: &str| {
        let page = site.read(&format!("projects/{slug}/index.html"));
        let at = page.find("id=\"history-title\"").expect("a status history");
        page[..at].to_string()
    };
    let (zeros_page, empty_page) = (figures("zeros"), figures("empty"));
    for page in [&zeros_page, &empty_page] {
        assert!(page.contains("截至 2026-03"), "{page}");
        assert!(!page.contains("截至 2026-06"), "{page}");
    }
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let told: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("zeros/budget.csv:5:") && w.contains("not yet reported"))
        .collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    assert!(!warnings.iter().any(|w| w.contains("empty/budget.csv")));
}
