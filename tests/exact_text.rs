//! What counts as a page holding a query's exact text, run with the real client
//! (the search client under node): Chinese written with spaces inside (a title's spacing, a
//! wrapped line) against a query typed without them, and the other way round; the words
//! of a page's metadata and the reason for a status set by hand; and, for the word being
//! typed, pages holding it whole before pages holding only longer words it starts.
//!
//! Needs `node` on the PATH.

mod common;

use common::{result_urls as urls, search_client, Site};
use serde_json::{json, Value};

fn site_with<P: AsRef<str>, T: AsRef<str>>(pages: &[(P, T)]) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let site = Site { dir };
    site.write(
        "site.toml",
        "title = \"PMO 知识门户\"\nlanguage = \"zh-CN\"\nbase_url = \"https://pmo.example.org/\"\n",
    );
    for (path, text) in pages {
        site.write(path.as_ref(), text.as_ref());
    }
    site.build_ok();
    site
}

fn practice(title: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: 2024-05-01\n---\n\n{body}\n")
}

/// Where `url` stands in the results, panicking with them all when it is missing.
fn rank(res: &Value, url: &str) -> usize {
    let found = urls(res);
    found
        .iter()
        .position(|u| u == url)
        .unwrap_or_else(|| panic!("{url} not found for {}: {found:?}", res["q"]))
}

#[test]
fn chinese_written_with_spaces_inside_is_found_typed_without_them() {
    // The exact pages write the phrase across a space: a title's spacing and a wrapped
    // line of a paragraph (a space once rendered). The others hold both words apart and
    // weigh more: 鲲鹏 in their titles, 收尾阶段 twice.
    let mut pages = vec![
        (
            "content/practices/t.md".to_string(),
            practice("鲲鹏 收尾阶段复盘", "团队整理了本期的工作记录。"),
        ),
        (
            "content/practices/w.md".to_string(),
            practice("上线复盘", "这次复盘针对项目代号鲲鹏\n收尾阶段的交接工作。"),
        ),
    ];
    for n in 0..6 {
        pages.push((
            format!("content/practices/a-{n}.md"),
            practice(
                &format!("鲲鹏 经验 {n}"),
                "项目进入收尾阶段后，收尾阶段的文档由团队整理。",
            ),
        ));
    }
    let site = site_with(&pages);
    let r = search_client(&site, &json!(["鲲鹏收尾", "鲲鹏收尾阶段"]));
    for res in &r {
        let mut first: Vec<String> = urls(res).into_iter().take(2).collect();
        first.sort();
        assert_eq!(first, ["practices/t/", "practices/w/"], "{}", res["q"]);
        // The excerpt marks the phrase across its space, not its words one by one.
        let wrapped = res["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["url"] == "practices/w/")
            .unwrap();
        assert!(
            wrapped["excerpt"]
                .as_str()
                .unwrap()
                .contains("<mark>鲲鹏 收尾"),
            "{}",
            wrapped["excerpt"]
        );
    }
}

#[test]
fn two_chinese_words_typed_with_a_space_rank_the_pages_holding_them_together_first() {
    // 远航 项目 typed: the pages writing 远航项目, 远航 项目 or 远航、项目 first, then those
    // holding both words apart, though these weigh more (远航 in the title).
    let mut pages = vec![
        (
            "content/practices/joined.md".to_string(),
            practice("交接记录", "远航项目组完成了交接。"),
        ),
        (
            "content/practices/spaced.md".to_string(),
            practice("周报", "本周远航 项目的进展正常。"),
        ),
        (
            "content/practices/marked.md".to_string(),
            practice("清单", "涉及的系统：远航、项目门户。"),
        ),
    ];
    for n in 0..12 {
        pages.push((
            format!("content/practices/apart-{n}.md"),
            practice(
                &format!("远航 经验 {n}"),
                "远航团队复盘了本期的工作，其他项目也可参考。",
            ),
        ));
    }
    let site = site_with(&pages);
    let r = search_client(&site, &json!([{"q": "远航 项目", "limit": 8}]));
    let mut first: Vec<String> = urls(&r[0]).into_iter().take(3).collect();
    first.sort();
    assert_eq!(
        first,
        [
            "practices/joined/",
            "practices/marked/",
            "practices/spaced/"
        ],
        "{:?}",
        urls(&r[0])
    );
}

#[test]
fn a_block_boundary_is_no_part_of_the_exact_text() {
    // One page writes 已完成延期; the other has 已完成 and 延期 in neighbouring table cells
    // and the bigram 成延 elsewhere, so only its text can tell: it must not be exact.
    let site = site_with(&[
        (
            "content/practices/cells.md",
            &practice(
                "里程碑状态汇总",
                "| 状态 | 说明 |\n|---|---|\n| 已完成 | 延期 |\n\n工作完成延后一周。",
            ),
        ),
        (
            "content/practices/prose.md",
            &practice("周报", "三个里程碑已完成延期评审。"),
        ),
    ]);
    let r = search_client(&site, &json!(["已完成延期"]));
    let results = r[0]["results"].as_array().unwrap();
    assert_eq!(results[0]["url"], "practices/prose/", "{results:?}");
    let cells = results.iter().find(|r| r["url"] == "practices/cells/");
    assert!(cells.is_none_or(|r| r["exact"] != true), "{results:?}");
}

#[test]
fn metadata_and_a_hand_set_status_reason_count_as_exact_text() {
    let site = Site::sample();
    site.build_ok();
    let r = search_client(&site, &json!(["段关口评审", "红色并要求重新"]));
    // The gate review shows 阶段关口评审 as its type; the lifecycle standard holds
    // 阶段关口 and 关口评审 apart and weighs more.
    let review = rank(&r[0], "reviews/mes-gate-3-review/");
    let apart = rank(&r[0], "practices/lifecycle/project-lifecycle/");
    assert!(review < apart, "{:?}", urls(&r[0]));
    // The MES project's status was set to red by hand; its reason says why.
    assert_eq!(
        urls(&r[1])[0],
        "projects/mes-smart-factory/",
        "{:?}",
        urls(&r[1])
    );
}

#[test]
fn the_word_being_typed_whole_comes_before_longer_words_it_starts() {
    let site = site_with(&[
        (
            "content/practices/longer.md",
            &practice("Workplace rollout", "The workplace moved in May."),
        ),
        (
            "content/practices/whole.md",
            &practice("Handover", "The work was handed over in May."),
        ),
    ]);
    let r = search_client(&site, &json!(["work", "WORK"]));
    for res in &r {
        assert_eq!(
            urls(res),
            ["practices/whole/", "practices/longer/"],
            "{}",
            res["q"]
        );
    }
}

#[test]
fn a_run_whose_parts_never_meet_stops_being_read_after_a_page_of_claimers() {
    // 60 pages hold 合同, 同时 and 时由 at every distance, so each claims 合同时由 and its
    // places cannot tell it apart; none holds the run. After their places and one page of
    // them read, reading more would only cost their blocks.
    let mut pages = Vec::new();
    for n in 0..60 {
        let mut body = String::new();
        for gap in 1..=6 {
            body += &format!("签订合同{}，我们同时由团队负责。\n\n", "的".repeat(gap));
        }
        pages.push((
            format!("content/practices/c-{n:02}.md"),
            practice(&format!("合同管理 {n}"), &body),
        ));
    }
    // Pages holding some parts of the run without the others tell the client that parts
    // stand apart: it consults their places before reading any page.
    for n in 0..6 {
        pages.push((
            format!("content/practices/t-{n}.md"),
            practice(&format!("分工 {n}"), "合同已签订，工作同时开始。"),
        ));
        pages.push((
            format!("content/practices/u-{n}.md"),
            practice(&format!("归档 {n}"), "资料按时由专人归档。"),
        ));
    }
    let site = site_with(&pages);
    let r = search_client(&site, &json!([{"q": "合同时由", "limit": 20}]));
    assert_eq!(r[0]["total"], 60, "{}", r[0]);
    let read = r[0]["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f.as_str()
                .is_some_and(|f| f.starts_with("x/") && f.ends_with("-0"))
        })
        .count();
    // One page of claimers read (20), and the 20 shown after them: 12 more were read
    // before, each in vain.
    assert!(read <= 40, "{read} pages read: {}", r[0]["files"]);
}

/// 三波迁移 put the lesson titled with it third, under two pages linking to it by that
/// name: its title's bigrams across jieba's words (三 | 波 | 迁移) weigh as body text.
#[test]
fn a_page_whose_title_holds_the_exact_text_comes_first_among_those_holding_it() {
    let filler = "团队在每个阶段都记录了工作内容与交接安排。".repeat(40);
    let mut pages = vec![(
        "content/practices/wave.md".to_string(),
        practice("数据中心分三波迁移的节奏", &filler),
    )];
    for n in 0..3 {
        pages.push((
            format!("content/practices/link-{n}.md"),
            practice(
                &format!("机房关闭复盘 {n}"),
                "三波迁移的安排见下。\n\n三波迁移按业务分组，三波迁移之间留出一周。",
            ),
        ));
    }
    let site = site_with(&pages);
    let r = search_client(&site, &json!(["三波迁移"]));
    assert_eq!(rank(&r[0], "practices/wave/"), 0, "{}", r[0]);
    assert_eq!(urls(&r[0]).len(), 4, "{}", r[0]);
}
