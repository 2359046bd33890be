//! Actions on lessons and the date a site is built as of: what a lesson page and the
//! register show, which actions are overdue, the checks across an action's fields, and
//! `--as-of` / site.toml `as_of`.

mod common;

use common::{pmo, snapshot, stderr, Site};
use pmo_portal::Silent;

const LESSON: &str = "---
title: 分包商交付迟缓导致接口联调推迟
date: 2024-06-05
project: erp
phase: execution
category: 采购管理
impact: negative
id: LL-2024-009
owner: 张伟
severity: high
status: in-progress
actions:
  - what: 主合同增加分包进度报告条款
    owner: 张伟
    due: 2024-06-20
    status: in-progress
  - what: 建立接口联调周报
    owner: 王芳
    due: 2024-06-15
    status: done
    done: 2024-06-10
  - what: 评估第二家接口供应商
    owner: 李娜
    due: 2024-09-30
---

分包商的交付没有进入主计划。
";

/// The basic fixture with [`LESSON`] and `as_of` in site.toml (when given).
fn site(as_of: Option<&str>) -> Site {
    let site = Site::fixture("basic");
    site.write("content/lessons/subcontractor.md", LESSON);
    if let Some(day) = as_of {
        let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
        site.write("site.toml", format!("as_of = {day}\n{config}"));
    }
    site
}

fn build_as_of(site: &Site, day: &str, out: &str) -> std::path::PathBuf {
    let output = site.root().join(out);
    let options = pmo_portal::Options {
        output: Some(output.clone()),
        as_of: Some(pmo_portal::Date::parse(day).unwrap()),
        ..pmo_portal::Options::new(site.root())
    };
    pmo_portal::build(&options, &Silent).unwrap();
    output
}

/// The rows of the table with class `class` in `html`, as the text of their cells.
fn rows(html: &str, class: &str) -> Vec<String> {
    let start = html
        .find(&format!("<table class=\"{class}\""))
        .unwrap_or_else(|| panic!("no {class} table"));
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let body = &table[table.find("<tbody>").unwrap()..];
    body.split("<tr")
        .skip(1)
        .map(|row| {
            let mut text = String::new();
            let mut in_tag = false;
            for c in row.chars() {
                match c {
                    '<' => {
                        in_tag = true;
                        text.push(' ');
                    }
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn a_lesson_page_lists_its_actions_and_flags_the_overdue_ones_in_words() {
    let site = site(Some("2024-06-30"));
    let report = site.build_ok();
    assert!(report
        .warnings
        .iter()
        .all(|w| !w.to_string().contains("action")));
    let page = site.read("lessons/subcontractor/index.html");
    let actions = rows(&page, "actions");
    assert_eq!(actions.len(), 3, "{actions:#?}");
    // Due 2024-06-20, still in progress on 2024-06-30: overdue, said in words.
    assert!(actions[0].contains("进行中 逾期"), "{}", actions[0]);
    assert!(actions[0].contains("张伟"), "{}", actions[0]);
    assert!(page.contains("class=\"is-overdue\""));
    // Done, and not yet due: neither is overdue.
    assert!(actions[1].contains("已完成") && !actions[1].contains("逾期"));
    assert!(actions[1].contains("2024年6月10日"), "{}", actions[1]);
    assert!(actions[2].contains("待办") && !actions[2].contains("逾期"));
    assert!(
        page.contains("截至 2024年6月30日"),
        "the page says its as-of date"
    );
    // Lessons without actions have no actions table, and no as-of date.
    let other = site.read("lessons/vendor-delay/index.html");
    assert!(!other.contains("class=\"actions\"") && !other.contains("截至"));
}

#[test]
fn the_register_counts_open_actions_and_overdue_ones_as_of_the_day_given() {
    let site = site(Some("2024-06-30"));
    site.build_ok();
    let register = site.read("lessons/index.html");
    let row = rows(&register, "register")
        .into_iter()
        .find(|r| r.contains("LL-2024-009"))
        .expect("the lesson's row");
    // Two owed actions, one of them overdue; severity, status and owner beside them.
    assert!(row.ends_with("张伟 2 1 项逾期"), "{row}");
    assert!(row.contains("高") && row.contains("处理中"), "{row}");
    assert!(register.contains("截至 2024年6月30日"));

    // `--as-of` wins over site.toml: on 2024-10-01 the third action is overdue too.
    let later = build_as_of(&site, "2024-10-01", "later");
    let register = std::fs::read_to_string(later.join("lessons/index.html")).unwrap();
    assert!(register.contains("2 项逾期"), "as of 2024-10-01");
    assert!(register.contains("截至 2024年10月1日"));
    // Before the first due date nothing is overdue.
    let early = build_as_of(&site, "2024-06-10", "early");
    let register = std::fs::read_to_string(early.join("lessons/index.html")).unwrap();
    assert!(!register.contains("class=\"badge late\""));
}

#[test]
fn a_given_as_of_date_gives_the_same_bytes_every_build() {
    let site = site(None);
    let one = build_as_of(&site, "2024-06-30", "one");
    let two = build_as_of(&site, "2024-06-30", "two");
    assert_eq!(snapshot(&one), snapshot(&two));
    let page = std::fs::read_to_string(one.join("lessons/subcontractor/index.html")).unwrap();
    assert!(page.contains("截至 2024年6月30日"));
}

#[test]
fn a_done_date_on_an_owed_action_is_an_error_at_its_line() {
    let site = site(Some("2024-06-30"));
    site.write(
        "content/lessons/subcontractor.md",
        LESSON.replace(
            "    status: in-progress\n  - what",
            "    status: in-progress\n    done: 2024-06-18\n  - what",
        ),
    );
    let message = site.build_err();
    assert!(
        message.contains("content/lessons/subcontractor.md:17:11"),
        "{message}"
    );
    assert!(
        message.contains("action 1 has a done date (2024-06-18)"),
        "{message}"
    );
    assert!(message.contains("status: done"), "{message}");
}

#[test]
fn a_misspelt_action_field_or_status_names_what_is_allowed_there() {
    let site = site(None);
    site.write(
        "content/lessons/subcontractor.md",
        LESSON.replace("    owner: 王芳", "    ownr: 王芳"),
    );
    let message = site.build_err();
    assert!(message.contains("subcontractor.md:18:5"), "{message}");
    assert!(
        message.contains(
            "did you mean `owner`? (the fields allowed here are: what, owner, due, status, done)"
        ),
        "{message}"
    );
    site.write(
        "content/lessons/subcontractor.md",
        LESSON.replace("status: done", "status: finished"),
    );
    let message = site.build_err();
    assert!(message.contains("subcontractor.md:20:13"), "{message}");
    assert!(
        message.contains("open, in-progress, done, dropped"),
        "{message}"
    );
}

/// `due: 45356` (a spreadsheet's day number), `due: 2024`, `due: [..]`, `due: true` and
/// an empty `what:` were all told "`actions` takes a list of items, each with fields of
/// its own": the list was right, the value was not. The field inside the action is
/// named, at its value.
#[test]
fn a_wrong_value_inside_an_action_names_its_own_field() {
    let site = site(None);
    let cases = [
        (
            "due: 2024-09-30",
            "due: 45356",
            "24:10",
            "`due` takes a date",
        ),
        (
            "due: 2024-09-30",
            "due: 2024",
            "24:10",
            "`due` takes a date",
        ),
        (
            "due: 2024-09-30",
            "due: [2024-09-30]",
            "24:10",
            "`due` takes a date",
        ),
        (
            "due: 2024-09-30",
            "due: true",
            "24:10",
            "`due` takes a date",
        ),
        (
            "what: 评估第二家接口供应商",
            "what:",
            "22:9",
            "`what` is empty",
        ),
    ];
    for (from, to, at, told) in cases {
        site.write("content/lessons/subcontractor.md", LESSON.replace(from, to));
        let message = site.build_err();
        assert!(
            message.contains(&format!("subcontractor.md:{at}")),
            "{to}: {message}"
        );
        assert!(message.contains(told), "{to}: {message}");
        assert!(
            !message.contains("each with fields of its own"),
            "{to}: {message}"
        );
    }
    site.write(
        "content/lessons/subcontractor.md",
        LESSON.replace("due: 2024-09-30", "due: 45356"),
    );
    let message = site.build_err();
    assert!(
        message.contains("`45356` would be 2024-03-05 as a spreadsheet's day number"),
        "{message}"
    );
}

#[test]
fn slips_in_actions_are_warnings_naming_the_file_and_line() {
    let site = site(Some("2024-06-30"));
    site.write(
        "content/lessons/subcontractor.md",
        LESSON
            .replace("    done: 2024-06-10\n", "")
            .replace("due: 2024-09-30", "due: 2024-01-31"),
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let about = |text: &str| warnings.iter().find(|w| w.contains(text)).cloned();
    let done = about("action 2 is done but does not say when").expect("done without date");
    assert!(done.contains("subcontractor.md:20:13"), "{done}");
    let early = about("action 3 is due on 2024-01-31, before the lesson's date").expect("due");
    assert!(early.contains("subcontractor.md:23:10"), "{early}");
}

/// A review dated `2042-03-15` (for 2024) made a year archive `2042/` and counted its
/// project closed in 2042 on the dashboard without a word; `0202-03-15` made `202/`.
#[test]
fn a_page_dated_after_the_as_of_day_is_warned_and_a_year_before_1900_refused() {
    let review = "content/reviews/erp-closure.md";
    let site = site(Some("2026-11-30"));
    let text = std::fs::read_to_string(site.root().join(review)).unwrap();
    site.write(review, text.replace("date: 2024-12-28", "date: 2042-12-28"));
    site.write(
        "content/lessons/subcontractor.md",
        LESSON.replace("date: 2024-06-05", "date: 9999-12-31"),
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let about = |text: &str| warnings.iter().find(|w| w.contains(text)).cloned();
    let late = about("dated 2042-12-28, after the day the site is built as of (2026-11-30)")
        .unwrap_or_else(|| panic!("{warnings:#?}"));
    assert!(late.contains("erp-closure.md:3:7"), "{late}");
    assert!(late.contains("`date: 2024-12-28`"), "{late}");
    let far = about("dated 9999-12-31").unwrap_or_else(|| panic!("{warnings:#?}"));
    assert!(far.contains("subcontractor.md:3:7"), "{far}");
    assert!(far.contains("check the year"), "{far}");

    site.write(review, text.replace("date: 2024-12-28", "date: 0224-12-28"));
    site.write(
        "content/lessons/subcontractor.md",
        LESSON.replace("date: 2024-06-05", "date: 0000-01-01"),
    );
    let message = site.build_err();
    assert!(message.contains("erp-closure.md:3:7"), "{message}");
    assert!(
        message.contains("the date 0224-12-28 is in the year 224"),
        "{message}"
    );
    assert!(message.contains("`date: 2024-12-28`"), "{message}");
    assert!(message.contains("subcontractor.md:3:7"), "{message}");
    assert!(message.contains("the date 0000-01-01"), "{message}");
}

#[test]
fn as_of_in_site_toml_and_on_the_command_line_is_checked() {
    let bad = site(Some("2024-06-31"));
    let message = bad.build_err();
    assert!(message.contains("site.toml:1:9"), "{message}");
    assert!(message.contains("2024-06 has days 01 to 30"), "{message}");
    let bad = site(Some("\"30.6.2024\""));
    let message = bad.build_err();
    assert!(message.contains("site.toml:1:"), "{message}");
    assert!(message.contains("write it as YYYY-MM-DD"), "{message}");

    let site = site(None);
    let out = pmo(&[
        "build",
        "--root",
        site.root().to_str().unwrap(),
        "--as-of",
        "2024/06/30",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`2024/06/30` is not a date: write it as YYYY-MM-DD"),
        "{}",
        stderr(&out)
    );
    let out = pmo(&[
        "check",
        "--root",
        site.root().to_str().unwrap(),
        "--as-of",
        "2024-06-30",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_lesson_schema_describes_actions() {
    let dir = tempfile::tempdir().unwrap();
    let out = pmo(&["schema", "--output", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("lesson.schema.json")).unwrap(),
    )
    .unwrap();
    let text = schema.to_string();
    assert!(schema["properties"]["actions"].is_object(), "{text}");
    for word in [
        "\"what\"",
        "\"in-progress\"",
        "\"dropped\"",
        "additionalProperties",
    ] {
        assert!(text.contains(word), "{word}: {text}");
    }
    let site_schema = std::fs::read_to_string(dir.path().join("site.schema.json")).unwrap();
    assert!(site_schema.contains("\"as_of\""));
}
