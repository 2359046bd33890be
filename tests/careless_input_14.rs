//! Careless input that showed a figure or a table as right that was not, or was told
//! without its place (the fourteenth malformed hunt).

mod common;

use common::Site;

/// What `pmo check --format json` tells of `site`, one object per problem.
fn json_problems(site: &Site) -> Vec<serde_json::Value> {
    let root = site.root().to_str().unwrap();
    let out = common::pmo(&["--root", root, "check", "--format", "json"]);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// The periods of the budget table on the project page `rel`, in the order shown.
fn budget_periods_shown(html: &str) -> Vec<String> {
    let start = html.find("class=\"block budget\"").expect("a budget table");
    let table = &html[start..];
    let table = &table[..table.find("</table>").unwrap()];
    table
        .split("<th scope=\"row\" class=\"nowrap\">")
        .skip(1)
        .map(|cell| cell[..cell.find('<').unwrap()].to_string())
        .collect()
}

/// A budget whose rows are out of period order (2024-03 above 2024-01, or a sheet sorted
/// newest first) was listed in the file's order, and "the latest 60 of 63 periods" were
/// the file's last sixty rows: with the newest first, the oldest months, under a note
/// saying they were the latest.
#[test]
fn a_budget_out_of_period_order_is_listed_in_time_order() {
    let site = Site::fixture("basic");
    let month = |i: usize| format!("{}-{:02}", 2020 + i / 12, i % 12 + 1);
    let mut rows: Vec<String> = (0..63)
        .map(|i| format!("{},50000,48000,49000", month(i)))
        .collect();
    rows.reverse();
    site.write(
        "content/projects/erp/budget.csv",
        format!("period,pv,ev,ac\n{}\n", rows.join("\n")),
    );
    site.build_ok();
    let shown = budget_periods_shown(&site.read("projects/erp/index.html"));
    let latest: Vec<String> = (3..63).map(month).collect();
    assert_eq!(shown, latest);
}

/// A file whose name is not UTF-8 (a zip made on Chinese Windows unpacks its names in
/// GBK) was told at line 1, column 1 of its absolute path with "rename the file", though
/// nothing inside it is wrong; under `data/` it was "cannot read: no such file" with no
/// help at all; under `static/` it was published with � in its name, where no link
/// could reach it. All are told at the bare path, with the name it reads as in GBK.
#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_told_at_its_bare_path_with_the_name_meant() {
    use std::os::unix::ffi::OsStrExt;
    for (folder, name) in [
        ("content/lessons", &b"\xbe\xad\xd1\xe9.md"[..]), // 经验.md in GBK
        ("data", &b"\xb3\xc9\xb1\xbe.csv"[..]),           // 成本.csv in GBK
        ("static", &b"\xb3\xc9\xb1\xbe.pdf"[..]),         // 成本.pdf in GBK
    ] {
        let site = Site::fixture("basic");
        let path = site
            .root()
            .join(folder)
            .join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(&path, "a,b\n1,2\n").unwrap();
        let problem = json_problems(&site)
            .into_iter()
            .find(|d| d["severity"] == "error")
            .unwrap_or_else(|| panic!("{folder}: no error"));
        assert!(
            problem["message"].as_str().unwrap().contains("not UTF-8"),
            "{problem:#}"
        );
        let file = problem["file"].as_str().unwrap();
        assert!(file.starts_with(&format!("{folder}/")), "{problem:#}");
        assert!(problem["line"].is_null(), "{problem:#}");
        let help = problem["help"].as_str().unwrap();
        let meant = match folder {
            "data" => "成本.csv",
            "static" => "成本.pdf",
            _ => "经验.md",
        };
        assert!(help.contains(meant) && help.contains("GBK"), "{help}");
    }
}

/// A project naming no `currency` is in the portfolio's (`[currency] portfolio = "CNY"`),
/// and its page shows its amounts so; an amount written `$1200` in its budget was read
/// as 1,200 yuan without a word, where a project writing `currency: CNY` is warned.
#[test]
fn a_dollar_amount_in_a_project_taking_the_portfolio_currency_is_warned() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[currency]\nportfolio = \"CNY\"\n"),
    );
    let index = std::fs::read_to_string(site.root().join("content/projects/erp/index.md")).unwrap();
    site.write(
        "content/projects/erp/index.md",
        index.replace("currency: CNY\n", ""),
    );
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,1000000,900000,$1200\n2024-02,1000000,1000000,1100000\n2024-03,1200000,,\n",
    );
    let warnings = site.warnings();
    assert!(
        warnings.iter().any(|w| w.contains("budget.csv:2:")
            && w.contains("`$1200` carries the $ sign")
            && w.contains("CNY")),
        "{warnings:#?}"
    );
}

/// The problems of a template, a strings file or an attachment as a whole, and of a
/// site.toml key left to its default, were told at a bare path (`"line": null` in
/// `--format json`, so editors and CI annotations could not place them), though the
/// file is there to open: an empty `templates/base.html`, an `i18n/zh.toml` not read,
/// a `static/` file taking a page's address. They are told at line 1, column 1, and a
/// site.toml key left to its default (`language` on a site whose home page is English)
/// at site.toml's start.
#[test]
fn problems_with_a_whole_template_strings_file_or_attachment_are_placed_at_its_start() {
    let cases: [(&str, &str, &str); 3] = [
        ("templates/base.html", "", "templates/base.html"),
        ("i18n/zh.toml", "nav_home = \"首页\"\n", "i18n/zh.toml"),
        (
            "static/projects/index.html",
            "<p>x</p>\n",
            "static/projects/index.html",
        ),
    ];
    for (rel, text, file) in cases {
        let site = Site::fixture("basic");
        site.write(rel, text);
        let problems = json_problems(&site);
        let told = problems
            .iter()
            .find(|d| d["file"] == file)
            .unwrap_or_else(|| panic!("{rel}: {problems:#?}"));
        assert_eq!(
            (told["line"].as_u64(), told["column"].as_u64()),
            (Some(1), Some(1)),
            "{rel}: {told:#}"
        );
    }
}

/// A milestone date written with the year last (`3/5/2024`, `15.03.2024`) was told only
/// "write dates as YYYY-MM-DD", where front matter says which day it could be: `3/5/2024`
/// is 3 May in Germany and March 5 in the US, so the author must say which.
#[test]
fn a_milestone_date_written_year_last_is_told_the_days_it_could_be() {
    for (cell, said) in [
        ("3/5/2024", "could be 2024-05-03"),
        ("15.03.2024", "would be 2024-03-15"),
    ] {
        let site = Site::fixture("basic");
        site.write(
            "content/projects/erp/milestones.csv",
            format!("name,baseline,forecast,actual\n上线,{cell},,\n"),
        );
        let err = site.build_err();
        assert!(
            err.contains("milestones.csv:2:") && err.contains(said),
            "{cell}: {err}"
        );
    }
}

/// `project: ERP` or `project: CRM-Rollout`, the folder's name in other capitals, was
/// told "known projects: …", a list to search, where a name a letter off is told the
/// folder meant.
#[test]
fn a_project_named_in_other_capitals_is_told_the_folder_meant() {
    let site = Site::fixture("basic");
    let lesson = std::fs::read_to_string(site.root().join("content/lessons/key-user.md")).unwrap();
    site.write(
        "content/lessons/key-user.md",
        lesson.replace("project: erp\n", "project: ERP\n"),
    );
    let err = site.build_err();
    assert!(
        err.contains("key-user.md:4:") && err.contains("did you mean `erp`?"),
        "{err}"
    );
}
