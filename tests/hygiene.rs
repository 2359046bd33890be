//! Knowledge hygiene (issue 16): `pmo report hygiene` lists what went stale or was never
//! finished as of a date, each finding with its file and owner, and fails CI on request.

mod common;

use common::{pmo, stderr, Site};
use serde_json::Value;

/// A site with one case of every check, and one near miss beside each.
fn fixture() -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"卫生检查\"\nlanguage = \"zh-CN\"\n\n[hygiene]\npractice_max_age_months = 12\ndata_stale_months = 3\ndraft_max_age_days = 30\n",
    );
    site.write(
        "content/_index.md",
        "---\ntitle: 首页\n---\n\n见[风险登记册](practices/register.md)、[复核过的](practices/reviewed.md)、\
         [旧做法](practices/old.md)与[新做法](practices/new.md)。\n",
    );
    site.write(
        "content/practices/register.md",
        "---\ntitle: 风险登记册\ndate: 2025-01-10\nreview_by: 2025-05-31\nowner: 周静怡\n---\n\n正文。\n",
    );
    site.write(
        "content/practices/reviewed.md",
        "---\ntitle: 已复核的做法\ndate: 2020-01-10\nreview_by: 2025-12-31\nowner: 周静怡\n---\n\n正文。\n",
    );
    site.write(
        "content/practices/old.md",
        "---\ntitle: 旧做法\ndate: 2024-03-01\nowner: 李娜\n---\n\n正文。\n",
    );
    site.write(
        "content/practices/new.md",
        "---\ntitle: 新做法\ndate: 2025-01-01\nowner: 李娜\n---\n\n正文。\n",
    );
    site.write(
        "content/reports/orphan.md",
        "---\ntitle: 无人引用的报告\ndate: 2025-03-01\nowner: 王强\n---\n\n正文。\n",
    );
    for (slug, status, manager, review) in [
        ("closed-a", "closed", "张伟", false),
        ("closed-b", "closed", "张伟", true),
        ("active-a", "active", "陈刚", false),
        ("active-b", "active", "陈刚", false),
    ] {
        site.write(
            &format!("content/projects/{slug}/index.md"),
            format!("---\ntitle: 项目 {slug}\nstatus: {status}\nmanager: {manager}\nstart: 2024-01-01\nfinish: 2024-12-31\nbac: 1000\n---\n\n正文。\n"),
        );
        if review {
            site.write(
                &format!("content/reviews/{slug}.md"),
                format!("---\ntitle: {slug} 收尾复盘\ndate: 2025-01-15\nproject: {slug}\n---\n\n正文。\n"),
            );
        }
    }
    site.write(
        "content/projects/active-a/budget.csv",
        "period,pv,ev,ac\n2025-01,500,400,450\n2025-02,500,,\n",
    );
    site.write(
        "content/projects/active-b/budget.csv",
        "period,pv,ev,ac\n2025-03,500,400,450\n2025-04,500,500,520\n",
    );
    site.write(
        "content/lessons/no-category.md",
        "---\ntitle: 缺类别的教训\ndate: 2025-02-01\nproject: active-a\nphase: execution\nimpact: negative\nowner: 陈刚\n---\n\n正文。\n",
    );
    site.write(
        "content/lessons/with-category.md",
        "---\ntitle: 有类别的教训\ndate: 2025-02-01\nproject: active-a\nphase: execution\nimpact: negative\ncategory: 进度管理\n\
         actions:\n  - what: 合同增加延期罚则\n    owner: 赵敏\n    due: 2025-05-01\n  \
         - what: 更新供应商评估表\n    owner: 赵敏\n    due: 2025-07-31\n  \
         - what: 复盘会\n    owner: 赵敏\n    due: 2025-03-01\n    status: done\n    done: 2025-02-28\n---\n\n正文。\n",
    );
    site.write(
        "content/lessons/old-draft.md",
        "---\ntitle: 写了一半的教训\ndate: 2025-04-01\nproject: active-a\nphase: execution\nimpact: negative\nowner: 陈刚\ndraft: true\n---\n\n正文。\n",
    );
    site.write(
        "content/lessons/new-draft.md",
        "---\ntitle: 刚开始的教训\ndate: 2025-06-20\nproject: active-a\nphase: execution\nimpact: negative\ndraft: true\n---\n\n正文。\n",
    );
    site
}

fn report(site: &Site, extra: &[&str]) -> (std::process::Output, Value) {
    let out = run_report(site, &[&["--format", "json"], extra].concat());
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out, json)
}

/// `pmo report hygiene` as of 2025-06-30, for what is told on stderr.
fn run_report(site: &Site, extra: &[&str]) -> std::process::Output {
    let root = site.root().to_str().unwrap();
    let mut args = vec!["report", "hygiene", "--root", root, "--as-of", "2025-06-30"];
    args.extend_from_slice(extra);
    pmo(&args)
}

/// `(check, file, owner)` of every finding, in the report's order.
fn rows(json: &Value) -> Vec<(String, String, String)> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["check"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["owner"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn every_check_finds_its_case_and_leaves_the_near_miss() {
    let site = fixture();
    let (out, json) = report(&site, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json["as_of"], "2025-06-30");
    let row = |c: &str, f: &str, o: &str| (c.to_string(), f.to_string(), o.to_string());
    assert_eq!(
        rows(&json),
        [
            row(
                "overdue-actions",
                "content/lessons/with-category.md",
                "赵敏"
            ),
            // Older than 12 months (2025-03-01) comes before a review date passed in May.
            row("stale-practices", "content/practices/old.md", "李娜"),
            row("stale-practices", "content/practices/register.md", "周静怡"),
            row(
                "lessons-without-category",
                "content/lessons/no-category.md",
                "陈刚"
            ),
            row(
                "lessons-without-actions",
                "content/lessons/no-category.md",
                "陈刚"
            ),
            row(
                "closed-without-review",
                "content/projects/closed-a/index.md",
                "张伟"
            ),
            row(
                "stale-project-data",
                "content/projects/active-a/index.md",
                "陈刚"
            ),
            row("unlinked", "content/reports/orphan.md", "王强"),
            row("old-drafts", "content/lessons/old-draft.md", "陈刚"),
        ]
    );
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings[0]["note"], "合同增加延期罚则");
    assert_eq!(findings[0]["days"], 60);
    assert_eq!(findings[1]["since"], "2025-03-01");
    assert_eq!(findings[2]["since"], "2025-05-31");
    assert_eq!(findings[2]["days"], 30);
    assert_eq!(
        findings[6]["note"], "2025-01",
        "the last period with actuals"
    );
    assert_eq!(findings[8]["url"], Value::Null, "a draft is not published");
    assert_eq!(findings[2]["url"], "practices/register/");
}

#[test]
fn fail_on_sets_the_exit_code_and_owner_narrows_to_what_one_person_owes() {
    let site = fixture();
    let (out, _) = report(&site, &["--fail-on", "old-drafts"]);
    assert_eq!(out.status.code(), Some(1));
    let (_, json) = report(&site, &["--owner", "赵敏"]);
    assert_eq!(
        rows(&json).len(),
        1,
        "the overdue action is 赵敏's, not the lesson's"
    );
    let (out, json) = report(&site, &["--fail-on", "old-drafts", "--owner", "周静怡"]);
    assert_eq!(out.status.code(), Some(0), "周静怡 has no old draft");
    assert_eq!(
        rows(&json),
        [(
            "stale-practices".to_string(),
            "content/practices/register.md".to_string(),
            "周静怡".to_string()
        )]
    );
    let (out, _) = report(&site, &["--fail-on", "any", "--owner", "周静怡"]);
    assert_eq!(out.status.code(), Some(1));
    let root = site.root().to_str().unwrap();
    let out = pmo(&["report", "hygiene", "--root", root, "--fail-on", "stale"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown check is a usage error"
    );
    assert!(stderr(&out).contains("stale-practices"), "{}", stderr(&out));
    // A typo of an owner printed an empty report and passed (the new-user walk-through).
    let out = run_report(&site, &["--owner", "周静"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did you mean `周静怡`?"),
        "{}",
        stderr(&out)
    );
    // A surname alone named one of the two owners bearing it: both are offered.
    site.write(
        "content/practices/other.md",
        "---\ntitle: 另一做法\ndate: 2024-03-01\nowner: 王芳\n---\n\n正文。\n",
    );
    let out = run_report(&site, &["--owner", "王"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did you mean `王强`, `王芳`?"),
        "{}",
        stderr(&out)
    );
    // A name close to no owner is someone who owes nothing.
    let (out, json) = report(&site, &["--fail-on", "any", "--owner", "欧阳修"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(rows(&json).is_empty());
}

#[test]
fn the_text_report_names_file_owner_and_age_in_the_readers_language() {
    let site = fixture();
    let root = site.root().to_str().unwrap();
    let out = pmo(&["report", "hygiene", "--root", root, "--as-of", "2025-06-30"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Knowledge hygiene as of 2025-06-30: 9 finding(s)"),
        "{text}"
    );
    assert!(
        text.contains("Practices past their review date (2)"),
        "{text}"
    );
    assert!(
        text.contains("content/practices/register.md  风险登记册  · owner 周静怡 · stale since 2025-05-31 (30 days)"),
        "{text}"
    );
    let out = common::pmo_in(
        "zh-CN",
        &["report", "hygiene", "--root", root, "--as-of", "2025-06-30"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("已过复审期的最佳实践（2）"), "{text}");
    let out = pmo(&["report", "hygiene", "--root", root, "--as-of", "2025-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("2025-02"), "{}", stderr(&out));
}

#[test]
fn the_hygiene_page_lists_the_findings_by_check_and_by_owner() {
    let site = fixture();
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("as_of = 2025-06-30\n{toml}"));
    site.build_ok();
    let page = site.read("hygiene/index.html");
    assert!(page.contains("截至 2025年6月30日，有 9 项待跟进"), "{page}");
    // Each check's table links the page and names the owner and the file.
    assert!(
        page.contains("<a href=\"../practices/register/\">风险登记册</a>"),
        "{page}"
    );
    assert!(page.contains("content/reports/orphan.md"), "{page}");
    assert!(
        page.contains("“合同增加延期罚则”应于 2025年5月1日 完成（已逾期 60 天）"),
        "{page}"
    );
    // A draft is named, not linked: it is not published.
    assert!(
        page.contains("写了一半的教训 <span class=\"badge\">草稿</span>"),
        "{page}"
    );
    assert!(!site.exists("lessons/old-draft/index.html"));
    // What each person owes, under an anchor of their own.
    assert!(
        page.contains("<h3 id=\"owner-周静怡\">周静怡</h3>"),
        "{page}"
    );
    assert!(page.contains("href=\"#owner-赵敏\""), "{page}");
    // The practice's own page says its review is overdue.
    let register = site.read("practices/register/index.html");
    assert!(
        register.contains("<time datetime=\"2025-05-31\">2025年5月31日</time> <span class=\"badge late\">已过复审期</span>"),
        "{register}"
    );
    // Every page links it from the footer.
    assert!(site.read("index.html").contains("href=\"./hygiene/\""));

    site.write(
        "site.toml",
        format!("as_of = 2025-06-30\n{toml}page = false\n"),
    );
    site.build_ok();
    assert!(!site.exists("hygiene/index.html"));
    assert!(!site.read("index.html").contains("hygiene/"));
}

#[test]
fn the_hygiene_page_stays_bounded_and_counts_what_it_leaves_out() {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Hygiene\"\nlanguage = \"en\"\nas_of = 2025-06-30\n\n[hygiene]\npractice_max_age_months = 12\n",
    );
    // 130 practices past their review date, all owned by one person, each linked from
    // the home page so that no other check finds them.
    let mut home = String::from("---\ntitle: Home\n---\n\n");
    for n in 0..130 {
        site.write(
            &format!("content/practices/p{n:03}.md"),
            format!(
                "---\ntitle: Practice {n:03}\ndate: 2024-01-01\nreview_by: 2025-01-{:02}\nowner: Zhou Jingyi\n---\n\nBody.\n",
                n % 28 + 1
            ),
        );
        home.push_str(&format!("[p{n:03}](practices/p{n:03}.md) "));
    }
    site.write("content/_index.md", home);
    site.build_ok();
    let page = site.read("hygiene/index.html");
    let rows = page.matches("<tr>").count();
    // A header row and the first 100 findings of the check.
    assert_eq!(rows, 101, "{page}");
    assert!(
        page.contains("… and 30 more: `pmo report hygiene` lists every finding"),
        "{page}"
    );
    // Under the owner's name: ten findings, the other 120 counted; the index says 130.
    assert!(page.contains("… and 120 more"), "{page}");
    assert!(
        page.contains(
            "href=\"#owner-zhou-jingyi\">Zhou Jingyi</a> <small class=\"muted\">130</small>"
        ),
        "{page}"
    );
    // The report still lists every one.
    let (_, json) = report(&site, &[]);
    assert_eq!(rows_of_check(&json, "stale-practices"), 130);
}

fn rows_of_check(json: &Value, check: &str) -> usize {
    rows(json).iter().filter(|(c, _, _)| c == check).count()
}
