//! Relevance on the bundled sample portal of queries typed as PMO staff type them: the
//! kind of page named in the portal's other language or set off in brackets, a person's
//! part said between their name and the kind, a typo in one of two English words, a
//! wrong word of two characters inside a longer one (tests/relevance_sample.rs holds
//! dates, colours and Taiwan's words). The client runs under node.
//!
//! Needs `node` on the PATH.

mod common;

use common::{assert_first, search_client, Site};
use serde_json::json;

/// The kinds of `res`'s first `n` results.
fn kinds(res: &serde_json::Value, n: usize) -> Vec<String> {
    res["results"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .take(n)
                .map(|r| r["kind"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// An English reader of the Chinese portal names the kind in English, first (`lessons
/// about vendors`) or last (`Kevin Liu lessons`), and a reader sets the kind off in
/// brackets (`【经验教训】供应商`): run as typed, `lessons` matched no Chinese page, and
/// the practice on vendors, the practice on lessons learned or Kevin Liu's project
/// came first. `risk register review` names no kind: `review` ends many subjects.
#[test]
fn a_kind_named_in_english_or_in_brackets_puts_that_kind_first() {
    let site = Site::sample();
    site.build_ok();
    let queries = [
        "lessons about vendors",
        "Kevin Liu lessons",
        "【经验教训】供应商",
    ];
    for (q, res) in queries.iter().zip(&search_client(&site, &json!(queries))) {
        assert_eq!(kinds(res, 2), ["lesson", "lesson"], "{q}: {res}");
    }
    let r = search_client(&site, &json!(["risk register review"]));
    assert!(
        r[0]["relaxed"].as_str().is_none_or(|q| !q.contains('评')),
        "{}",
        r[0]
    );
}

/// A Chinese reader of the portal in English names the kind in Chinese, last
/// (`供应商经验教训`) or in brackets: the practice on lessons learned, the report and
/// two reviews came before any lesson on vendors.
#[test]
fn a_kind_named_in_chinese_on_an_english_portal_puts_that_kind_first() {
    let site = Site::sample_in("en");
    site.build_ok();
    let queries = ["供应商经验教训", "【经验教训】供应商"];
    for (q, res) in queries.iter().zip(&search_client(&site, &json!(queries))) {
        assert_eq!(
            kinds(res, 4),
            ["lesson", "lesson", "lesson", "lesson"],
            "{q}: {res}"
        );
    }
}

/// A person's part between their name and the kind (`郑磊负责的项目`) is said by the
/// label the page shows them under: the query found only the lesson whose prose wrote
/// 负责, not the project 郑磊 manages.
#[test]
fn a_persons_part_before_the_kind_finds_the_page_naming_them_under_a_label() {
    let site = Site::sample();
    site.build_ok();
    assert_first(
        &site,
        &[
            ("郑磊负责的项目", "projects/mes-smart-factory/"),
            (
                "李娜负责的经验教训",
                "lessons/hr-key-developer-resignation/",
            ),
        ],
    );
}

/// Mending what no page holds: a typo in one of two English words whose other word is
/// in the synonyms' table only (`rollbak rehearsal`: no page writes rehearsal, the
/// lesson writes 演练; dropped, less than half the query was left and nothing was
/// found), and a wrong word of two characters inside a word the site holds
/// (`风险等级册`, 等级 for 登记: the risk matrix came first, as `风险 等级`).
#[test]
fn a_typo_beside_a_synonym_and_a_wrong_pair_of_characters_are_mended() {
    let site = Site::sample();
    site.build_ok();
    assert_first(
        &site,
        &[
            ("rollbak rehearsal", "lessons/dc-rollback-rehearsal/"),
            ("风险等级册", "practices/risk/risk-register/"),
        ],
    );
}
