//! Numbers a PMO can sign (issue 13): a declared budget basis, sanity warnings at the
//! file, line and value behind them, `--deny-warnings`, and hand-set statuses that say
//! why.

mod common;

use common::{failing, pmo, stderr, Site};

const MOVE: &str = "---\ntitle: 数据中心机房搬迁\ncode: PRJ-2024-011\nmanager: 李娜\ndepartment: 信息中心\nstart: 2024-01-08\nfinish: 2024-06-28\nbac: 600000\ncurrency: CNY\nstatus: active\nbasis: cumulative\n---\n\n机房搬迁按月报告累计金额。\n";

/// The issue's case: AC 98,000 / 199,000 / 310,000 written as running totals.
const MOVE_BUDGET: &str = "period,pv,ev,ac\n2024-01,100000,95000,98000\n2024-02,200000,190000,199000\n2024-03,320000,290000,310000\n2024-04,420000,,\n2024-05,520000,,\n2024-06,600000,,\n";

/// The fixture's site built as of a day its 2024 figures are current on: built as of
/// today, every active project in it has stopped reporting.
fn as_of_spring_2024(site: &Site) {
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("as_of = 2024-04-30\n{config}"));
}

#[test]
fn a_cumulative_budget_is_converted_not_summed() {
    let site = Site::fixture("basic");
    as_of_spring_2024(&site);
    site.write("content/projects/dc-move/index.md", MOVE);
    site.write("content/projects/dc-move/budget.csv", MOVE_BUDGET);
    let report = site.build_ok();
    let dc_warnings: Vec<String> = report
        .warnings
        .iter()
        .map(ToString::to_string)
        .filter(|w| w.contains("dc-move"))
        .collect();
    assert!(dc_warnings.is_empty(), "{dc_warnings:?}");
    let page = site.read("projects/dc-move/index.html");
    assert!(
        page.contains("310,000"),
        "the spend to date is the last total"
    );
    assert!(!page.contains("607,000"), "never the totals summed");
    // 290,000 earned of 600,000: 48 %, not 97 %.
    assert!(
        page.contains("<dd>48%</dd>"),
        "percent complete from the converted budget"
    );
}

#[test]
fn site_toml_can_declare_every_budget_cumulative_and_a_project_can_say_otherwise() {
    let site = Site::fixture("basic");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{toml}\n[budget]\nbasis = \"cumulative\"\n"),
    );
    site.write(
        "content/projects/dc-move/index.md",
        MOVE.replace("basis: cumulative\n", ""),
    );
    site.write("content/projects/dc-move/budget.csv", MOVE_BUDGET);
    // The fixture's chart page sums ERP's budget up, which running totals refuse.
    site.remove("content/reports/charts.md");
    site.build_ok();
    assert!(site.read("projects/dc-move/index.html").contains("310,000"));
    // The fixture's ERP budget, read as running totals: 1,100,000 spent.
    assert!(site.read("projects/erp/index.html").contains("1,100,000"));
    let erp = std::fs::read_to_string(site.root().join("content/projects/erp/index.md")).unwrap();
    site.write(
        "content/projects/erp/index.md",
        erp.replacen("status: closed\n", "status: closed\nbasis: period\n", 1),
    );
    site.build_ok();
    assert!(site.read("projects/erp/index.html").contains("2,100,000"));
    assert!(site.read("projects/dc-move/index.html").contains("310,000"));
}

#[test]
fn a_hand_set_status_without_a_reason_is_an_error_at_its_line() {
    let text = failing(
        "content/projects/dc-move/index.md",
        MOVE.replace("status: active\n", "status: active\nrag: amber\n"),
    );
    assert!(
        text.contains("content/projects/dc-move/index.md:11:6"),
        "{text}"
    );
    assert!(text.contains("no `rag_reason`"), "{text}");
}

/// The bundled sample portal: no warning at all, and the dashboard's status bars in the
/// status colours, one bar per status over its word.
#[test]
fn the_sample_portal_is_clean_and_its_status_bars_wear_their_colours() {
    let out = tempfile::tempdir().unwrap();
    let options = pmo_portal::Options {
        output: Some(out.path().join("site")),
        ..pmo_portal::Options::new(env!("CARGO_MANIFEST_DIR"))
    };
    let report = pmo_portal::build(&options, &pmo_portal::Silent).unwrap();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
    let dashboard = std::fs::read_to_string(out.path().join("site/dashboard/index.html")).unwrap();
    let start = dashboard
        .find("id=\"rag-counts\"")
        .expect("the status chart");
    let svg = &dashboard[start..start + dashboard[start..].find("</svg>").unwrap()];
    let bars = |fill: &str| {
        svg.matches(&format!("fill=\"{fill}\" stroke=\"none\"/>"))
            .count()
    };
    // One bar and one legend key each: green, bright amber, red.
    assert_eq!(
        (bars("#1D7A3E"), bars("#E08A00"), bars("#B3261E")),
        (2, 2, 2),
        "{svg}"
    );
    for word in ["绿", "黄", "红"] {
        assert!(svg.contains(&format!(">{word}</text>")), "{word}");
    }
    // ERP's AC climbs through the right end of the BAC rule: the label goes to the left.
    let erp =
        std::fs::read_to_string(out.path().join("site/projects/erp-upgrade/index.html")).unwrap();
    assert!(erp
        .contains("text-anchor=\"start\" font-size=\"13\" fill=\"#1D2733\">BAC 4,800,000</text>"));
    // No label of any chart of the portal is drawn over another.
    for entry in walkdir::WalkDir::new(out.path().join("site")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            for svg in html.split("<svg").skip(1) {
                let svg = &svg[..svg.find("</svg>").unwrap_or(svg.len())];
                if let Some((a, b)) = overlapping_labels(svg) {
                    panic!("{}: `{a}` overlaps `{b}`", entry.path().display());
                }
            }
        }
    }
}

/// A text's box as the renderer estimates it (its own character widths, so the estimate
/// and the layout cannot disagree; tests/charts.rs measures the real boxes in Chromium);
/// the vertical place from the `dy` the renderer writes.
fn label_box(tag: &str, text: &str) -> Option<[f64; 4]> {
    let attr = |name: &str| -> Option<&str> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(&tag[at..at + tag[at..].find('"')?])
    };
    if tag.contains("transform=") {
        return None;
    }
    let (x, y): (f64, f64) = (attr("x")?.parse().ok()?, attr("y")?.parse().ok()?);
    let size: f64 = attr("font-size")?.parse().ok()?;
    let width = pmo_portal::text_width(&unescape(text), size);
    let x0 = match attr("text-anchor") {
        Some("middle") => x - width / 2.0,
        Some("end") => x - width,
        _ => x,
    };
    let y0 = match attr("dy") {
        Some("0.76em") => y,
        Some("-0.5ex") => y - size,
        _ => y - size / 2.0,
    };
    // A pixel of slack each side: the widths are estimates.
    Some([x0 + 1.0, y0 + 1.0, x0 + width - 1.0, y0 + size - 1.0])
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The first two texts of an SVG whose boxes overlap.
fn overlapping_labels(svg: &str) -> Option<(String, String)> {
    let mut boxes: Vec<(String, [f64; 4])> = Vec::new();
    for piece in svg.split("<text").skip(1) {
        let (tag, rest) = piece.split_once('>')?;
        let text = rest.split("</text>").next().unwrap_or("");
        if let Some(b) = label_box(tag, text) {
            if let Some((other, _)) = boxes
                .iter()
                .find(|(_, o)| b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3])
            {
                return Some((other.clone(), text.to_string()));
            }
            boxes.push((text.to_string(), b));
        }
    }
    None
}

/// Each project shows its status month by month, and the dashboard the portfolio's.
#[test]
fn status_is_shown_month_by_month() {
    let site = Site::fixture("basic");
    as_of_spring_2024(&site);
    site.write("content/projects/dc-move/index.md", MOVE);
    site.write("content/projects/dc-move/budget.csv", MOVE_BUDGET);
    site.build_ok();
    let page = site.read("projects/dc-move/index.html");
    let history = &page[page.find("id=\"history-title\"").expect("a status history")..];
    // As of 2024-01: CPI 95,000 / 98,000 ≈ 0.97, SPI 0.95: green; by 2024-03 SPI 290/320.
    assert!(history.contains("2024-01"), "{history}");
    assert!(history.contains("0.97"), "{history}");
    assert!(history.contains("0.91"), "{history}");
    assert!(
        !history[..history.find("</table>").unwrap()].contains("2024-04"),
        "unreported months have no status"
    );
    let dashboard = site.read("dashboard/index.html");
    assert!(dashboard.contains("id=\"trend-title\""));
    // Each row of the lists says the month its figures are as of (on one line; its marks
    // may wrap below it).
    for list in [&dashboard, &site.read("projects/index.html")] {
        assert!(
            list.contains("<td class=\"col-wrap\"><span class=\"nowrap\">2024-03</span>"),
            "{list}"
        );
    }
}

/// The cumulative project with its status set by hand, green, with a reason.
fn write_hand_set_move(site: &Site) {
    site.write(
        "content/projects/dc-move/index.md",
        MOVE.replace(
            "status: active\n",
            "status: active\nrag: green\nrag_reason: 指导委员会同意按新基线考核\n",
        ),
    );
}

/// A status set by hand says so wherever it is shown, with its reason and the status
/// the figures give beside it.
#[test]
fn a_hand_set_status_is_marked_with_its_reason_and_the_computed_one() {
    let site = Site::fixture("basic");
    write_hand_set_move(&site);
    // CPI 290/310 ≈ 0.94 and SPI 290/320 ≈ 0.91: amber by the figures.
    site.write("content/projects/dc-move/budget.csv", MOVE_BUDGET);
    site.build_ok();
    let marked = "<span class=\"badge rag rag-green\">绿</span> <span class=\"rag-manual\" title=\"指导委员会同意按新基线考核\">人工设定</span> <span class=\"rag-computed\">计算值：黄</span>";
    for page in [
        "projects/dc-move/index.html",
        "projects/index.html",
        "dashboard/index.html",
    ] {
        assert!(site.read(page).contains(marked), "{page}");
    }
    assert!(site
        .read("projects/dc-move/index.html")
        .contains("<dd>指导委员会同意按新基线考核</dd>"));
    // A computed status carries no mark.
    assert!(!site.read("projects/erp/index.html").contains("rag-manual"));
}

const USD_PROJECT: &str = "---\ntitle: 新加坡分公司 CRM\nstart: 2024-01-08\nbac: 100000\ncurrency: USD\nstatus: active\n---\n\n以美元核算。\n";

/// Each project keeps its currency on its page; the portfolio adds them up in one.
#[test]
fn a_project_in_another_currency_converts_for_the_portfolio_only() {
    let site = Site::fixture("basic");
    site.write("content/projects/sg-crm/index.md", USD_PROJECT);
    site.write(
        "content/reports/currency.md",
        "---\ntitle: 币种折算\n---\n\n```table\ndata = \"portfolio\"\ncolumns = [\"project\", \"bac\", \"currency\", \"project_currency\", \"rate\"]\n```\n",
    );
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{toml}\n[currency]\nportfolio = \"CNY\"\nrates = {{ USD = 7.1 }}\n"),
    );
    site.build_ok();
    assert!(site
        .read("projects/sg-crm/index.html")
        .contains("100,000 <span class=\"unit\">USD</span>"));
    let report = site.read("reports/currency/index.html");
    assert!(
        report.contains("710000") || report.contains("710,000"),
        "{report}"
    );
    assert!(site.read("dashboard/index.html").contains("按 CNY 折算"));

    // Rates by month: the portfolio converts at the rate of the month its figures are
    // as of (the last reported, January), not the latest rate.
    site.write(
        "site.toml",
        format!("{toml}\n[currency]\nportfolio = \"CNY\"\nrates_table = \"rates\"\n"),
    );
    site.write(
        "data/rates.csv",
        "period,USD\n2024-01,7.0\n2024-02,7.2\n2024-03,7.3\n",
    );
    site.write(
        "content/projects/sg-crm/budget.csv",
        "period,pv,ev,ac\n2024-01,50000,50000,50000\n2024-02,50000,,\n",
    );
    site.build_ok();
    let report = site.read("reports/currency/index.html");
    assert!(report.contains("700,000"), "BAC at January's 7.0: {report}");

    // Without a rate, the project is named and nothing is added up.
    site.write(
        "site.toml",
        format!("{toml}\n[currency]\nportfolio = \"CNY\"\n"),
    );
    let text = site.build_err();
    assert!(
        text.contains("content/projects/sg-crm/index.md:5:11"),
        "{text}"
    );
    assert!(
        text.contains("project `sg-crm` is in USD, but site.toml gives no rate"),
        "{text}"
    );
}

/// One site with a cumulative project, a USD project with a rate, a status set by
/// hand with its reason, and one of each sanity warning, each at its file, line and
/// value; the clean projects give none.
#[test]
fn each_doubtful_figure_is_a_warning_at_its_place() {
    let site = Site::fixture("basic");
    as_of_spring_2024(&site);
    write_hand_set_move(&site);
    site.write("content/projects/dc-move/budget.csv", MOVE_BUDGET);
    site.write("content/projects/sg-crm/index.md", USD_PROJECT);
    site.write(
        "content/projects/sg-crm/budget.csv",
        "period,pv,ev,ac\n2024-01,50000,50000,50000\n2024-02,50000,,\n",
    );
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{toml}\n[currency]\nportfolio = \"CNY\"\nrates = {{ USD = 7.1 }}\n"),
    );
    let project = |slug: &str, fields: &str, budget: &str| {
        site.write(
            &format!("content/projects/{slug}/index.md"),
            format!("---\ntitle: {slug} 项目\nstart: 2024-01-08\n{fields}---\n\n正文。\n"),
        );
        site.write(&format!("content/projects/{slug}/budget.csv"), budget);
    };
    // The plan adds up to 900,000 of a 1,000,000 budget.
    project(
        "short-plan",
        "bac: 1000000\nstatus: active\n",
        "period,pv,ev,ac\n2024-01,400000,400000,400000\n2024-02,500000,,\n",
    );
    // Running totals summed as monthly amounts: EV and AC pass the BAC.
    project(
        "totals",
        "bac: 250\nstatus: active\n",
        "period,pv,ev,ac\n2024-01,100,100,100\n2024-02,200,200,200\n",
    );
    // EV three times PV; a month missing.
    project(
        "ahead",
        "bac: 1000\nstatus: active\n",
        "period,pv,ev,ac\n2024-01,100,300,100\n2024-03,900,,\n",
    );
    site.write(
        "content/projects/ahead/milestones.csv",
        "name,baseline,forecast,actual\n立项批复,2024-01-05,,2023-12-20\n",
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("dc-move") || w.contains("sg-crm")),
        "{warnings:#?}"
    );
    assert!(site
        .read("projects/dc-move/index.html")
        .contains("rag-manual"));
    let find = |needle: &str| {
        warnings
            .iter()
            .find(|w| w.contains(needle))
            .unwrap_or_else(|| panic!("no warning with {needle:?} in {warnings:#?}"))
    };
    assert!(find("add up to 900,000, but `bac` is 1,000,000").contains("short-plan/index.md:4:6"));
    assert!(find("earned value reaches 300 by 2024-02").contains("totals/budget.csv:3:13"));
    assert!(find("actual cost reaches 300 by 2024-02").contains("totals/budget.csv:3:17"));
    assert!(find("earned value (300) is 3.0 times").contains("ahead/budget.csv:2:13"));
    assert!(find("1 month(s) missing between 2024-01").contains("ahead/budget.csv:3:1"));
    assert!(find("`立项批复` was reached on 2023-12-20").contains("ahead/milestones.csv:2:18"));
    // The fixture's ERP is closed with most of its budget unearned.
    assert!(
        find("closed, but has earned 1,900,000 of its BAC of 3,200,000")
            .contains("erp/index.md:11:9")
    );
}

#[test]
fn deny_warnings_fails_check_and_build_and_writes_nothing() {
    let site = Site::fixture("basic");
    let root = site.root().to_str().unwrap();
    let out = pmo(&["--root", root, "check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The closed ERP's unearned budget, its open risk and its milestone not reached,
    // and one more.
    assert!(stderr(&out).contains("4 warnings"), "{}", stderr(&out));

    let out = pmo(&["--root", root, "check", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(
        text.contains("content/projects/erp/index.md:11:9"),
        "{text}"
    );
    assert!(text.contains("--deny-warnings"), "{text}");

    let out = pmo(&[
        "--root",
        root,
        "build",
        "--deny-warnings",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines = String::from_utf8(out.stdout).unwrap();
    let problems: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(problems.len(), 4, "every warning, denied: {lines}");
    assert!(problems.iter().all(|p| p["severity"] == "error"), "{lines}");
    assert!(problems
        .iter()
        .any(|p| p["file"] == "content/projects/erp/index.md" && p["line"] == 11));
    assert!(!site.public().exists(), "a denied warning writes nothing");
}
