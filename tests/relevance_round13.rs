//! Relevance on small sites of queries as PMO staff type them, round 13: a wrong
//! character in a word of two mended where the site holds the mended run. The client
//! runs under node.
//!
//! Needs `node` on the PATH.

mod common;

use common::{result_urls, search_client, zh_search_site};
use serde_json::json;

/// 回退眼练, typed for 回退演练 (眼 and 演 sound alike), found nothing: no longer word of the
/// site differs from it in one character, and one shared character of 演练 was no
/// evidence. The two-character words are tried where the run lacks its bigrams, and the
/// one whose run the site holds whole wins — 演练, not the more held 训练 (no page holds 退训).
#[test]
fn a_wrong_character_in_a_word_of_two_is_mended_where_the_run_is_held() {
    let site = zh_search_site(&[
        (
            "content/notes/dc-rollback-rehearsal.md",
            "---\ntitle: 每个波次都做回退演练，一次回退只用了 40 分钟\n---\n\n\
             每个迁移波次前都完整演练回退。\n",
        ),
        (
            "content/notes/training.md",
            "---\ntitle: 新员工训练计划\ntags: [训练]\n---\n\n训练分三周，训练后考核。\n",
        ),
        (
            "content/notes/drills.md",
            "---\ntitle: 消防训练与应急训练\ntags: [训练]\n---\n\n每季度一次训练。\n",
        ),
    ]);
    let res = &search_client(&site, &json!(["回退眼练"]))[0];
    assert_eq!(
        result_urls(res).first().map(String::as_str),
        Some("notes/dc-rollback-rehearsal/"),
        "{res}"
    );
    assert_eq!(res["relaxed"], "回退演练", "{res}");
}
