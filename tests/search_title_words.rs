//! A page whose title holds a query's words in order, apart, is what the query looks
//! for: it ranks with the pages whose title holds the exact text, above the pages
//! holding it only in their prose (a link to the lesson, a risk row, a chart label).
//!
//! Needs `node` (v18 or newer) on the PATH.

mod common;

use common::{result_urls, search_client, Site};
use serde_json::json;

/// Writes a practice of the risk section, `slug`, titled `title` with `body` as its text.
fn practice(site: &Site, slug: &str, title: &str, body: &str) {
    site.write(
        &format!("content/practices/risk/{slug}.md"),
        format!("---\ntitle: {title}\n---\n\n{body}\n"),
    )
}

/// The eleventh search tester's `进口网关延期` on the sample: the lesson titled
/// 进口边缘网关两次延期… came fifth, under the report, the project and a risk register
/// writing the words in a row (one of them as the text of a link to the lesson).
#[test]
fn a_title_holding_the_query_s_words_in_order_leads_its_prose_mentions() {
    let site = Site::fixture("basic");
    let practice = |slug: &str, title: &str, body: &str| practice(&site, slug, title, body);
    practice(
        "lesson",
        "进口边缘网关两次延期的教训",
        "海关查验两次推迟到货，联调顺延四周。",
    );
    for n in 0..3 {
        practice(
            &format!("mention-{n}"),
            &format!("十月组合月报 {n}"),
            "本月风险：进口网关延期（25 分），见网关教训。",
        );
    }
    // The words, but not in the query's order: not what it looks for.
    practice("reversed", "网关延期与进口许可", "进口许可证办理需要六周。");
    site.build_ok();
    let asked = json!([
        {"q": "进口网关延期", "limit": 8},
        {"q": "进口网关延期", "limit": 20},
        {"q": "进口网关延期", "limit": 3},
    ]);
    let r = search_client(&site, &asked);
    for res in &r {
        let urls = result_urls(res);
        assert_eq!(urls[0], "practices/risk/lesson/", "{res}");
        assert!(
            urls.iter().all(|u| u != "practices/risk/reversed/")
                || urls.iter().position(|u| u == "practices/risk/reversed/")
                    > urls.iter().position(|u| u == "practices/risk/mention-2/"),
            "{res}"
        );
    }
    let full = result_urls(&r[1]);
    assert_eq!(
        full[1..4],
        [
            "practices/risk/mention-0/",
            "practices/risk/mention-1/",
            "practices/risk/mention-2/"
        ],
        "{}",
        r[1]
    );
}

/// `风险矩阵` on the sample: the practice titled 风险评估矩阵与应对策略 came seventh, as
/// the titles read were those of the first three pages found apart — six project pages
/// holding the query's bigrams scattered came before it by nearness, and it was never read.
/// The titles read are those of the pages found apart scoring highest (a title's words
/// weigh most), whatever their nearness.
#[test]
fn the_titles_read_are_those_of_the_best_scoring_pages_found_apart() {
    let site = Site::fixture("basic");
    let practice = |slug: &str, title: &str, body: &str| practice(&site, slug, title, body);
    practice(
        "matrix",
        "风险评估矩阵与应对策略",
        "按概率和影响给每项风险打分，分值决定升级对象。",
    );
    // Every bigram of 风险矩阵 (险矩 of 保险矩形), but not the text: nearer than the
    // practice, and scoring less.
    for n in 0..4 {
        practice(
            &format!("scattered-{n}"),
            &format!("机房搬迁周报 {n}"),
            "本周风险不变。\n\n保险矩形机柜到货。\n\n机柜按矩阵排布。",
        );
    }
    site.build_ok();
    let r = search_client(
        &site,
        &json!([{"q": "风险矩阵", "limit": 8}, {"q": "风险矩阵", "limit": 20}]),
    );
    for res in &r {
        assert_eq!(result_urls(res)[0], "practices/risk/matrix/", "{res}");
    }
}

/// `MES 网关延期`, `HR 薪资`: a system's or project's name typed before what is asked
/// about it. The lesson titled 进口边缘网关两次延期… names MES in its prose only, and came
/// under the project page titled by the name and a report writing the words.
#[test]
fn a_title_holding_the_chinese_words_leads_when_a_name_is_typed_beside_them() {
    let site = Site::fixture("basic");
    let practice = |slug: &str, title: &str, body: &str| practice(&site, slug, title, body);
    practice(
        "gateway",
        "进口边缘网关两次延期",
        "MES 一期的设备数据采集依赖进口网关，到货两次推迟。",
    );
    practice(
        "project",
        "MES 智能工厂",
        "MES 覆盖三条装配线。网关到货延期，网关替代型号在验证；A2 线延期到 11 月。",
    );
    practice(
        "report",
        "十月组合月报",
        "MES 一期调为红色：网关延期，MES 的 A2 线延期上线。",
    );
    site.build_ok();
    let r = search_client(
        &site,
        &json!([{"q": "MES 网关延期", "limit": 8}, {"q": "MES网关延期", "limit": 20}]),
    );
    for res in &r {
        assert_eq!(result_urls(res)[0], "practices/risk/gateway/", "{res}");
    }
}

/// Where a query's rounds stand: the first round asking for a page's block 0 (its row
/// and text), and the last asking for `prefix`; rounds of requests a cold query waits
/// for one after another (tests/search_client.mjs answers them round by round).
fn first_and_last(rounds: &[Vec<String>], first: &str, last: &str) -> (usize, Option<usize>) {
    let first = rounds
        .iter()
        .position(|r| r.iter().any(|f| f.starts_with(first)))
        .expect("a round reading blocks");
    (
        first,
        rounds
            .iter()
            .rposition(|r| r.iter().any(|f| f.starts_with(last))),
    )
}

/// The rows titleWords reads (the pages found apart scoring highest, here the lesson
/// titled 进口边缘网关两次延期…) are asked for beside the first reading of exact text:
/// asked once that reading was done, they were a round of requests of their own, the
/// last of a third of the cold queries at 10k.
#[test]
fn the_rows_of_titles_holding_the_words_apart_load_beside_the_exact_text_reads() {
    let site = Site::fixture("basic");
    practice(
        &site,
        "lesson",
        "进口边缘网关两次延期的教训",
        "海关查验两次推迟到货，联调顺延四周。",
    );
    for n in 0..3 {
        practice(
            &site,
            &format!("mention-{n}"),
            &format!("十月组合月报 {n}"),
            "本月风险：进口网关延期（25 分），见网关教训。",
        );
    }
    site.build_ok();
    let r = search_client(
        &site,
        &json!([{"q": "进口网关延期", "limit": 3}, {"q": "进口网关延期", "limit": 1}]),
    );
    for res in &r {
        assert_eq!(result_urls(res)[0], "practices/risk/lesson/", "{res}");
        let rounds = common::search_rounds(res);
        let (blocks, rows) = first_and_last(&rounds, "x/", "d/");
        let rows = rows.expect("the lesson's row read from its document chunk");
        assert!(rows <= blocks, "rows asked after the blocks: {rounds:?}");
    }
}

/// Claimers their places drop unread (the query's parts apart) can be the pages found
/// apart scoring highest, whose titles titleWords reads: their rows load beside the
/// reading of the claimers left, not in a round of their own once verify is done (at
/// 10k, the last round of one cold query in thirty). Forty short weekly reports hold
/// 进口网关 and 海关延误…延期 apart, above the one long review holding 进口网关延期: the
/// first report read is apart, the places drop the others, the review is read.
#[test]
fn the_rows_of_claimers_dropped_by_their_places_load_beside_the_reading() {
    let site = Site::fixture("basic");
    practice(
        &site,
        "exact",
        "到货复盘",
        "进口网关延期两周，联调顺延。本次复盘记录了到货、报关、安装与联调各环节的时间线，\
         以及各方在会议上确认的改进措施和后续跟踪安排，供后续项目参考借鉴。",
    );
    for n in 0..40 {
        practice(
            &site,
            &format!("apart-{n}"),
            &format!("联调周报 {n}"),
            "进口网关联调顺利，进口网关运行稳定。海关延误两天，到货延期。",
        );
    }
    site.build_ok();
    let r = search_client(&site, &json!([{"q": "进口网关延期", "limit": 1}]));
    let res = &r[0];
    assert_eq!(result_urls(res)[0], "practices/risk/exact/", "{res}");
    let rounds = common::search_rounds(res);
    assert!(
        rounds.iter().any(|r| r.iter().any(|f| f.starts_with("m/"))),
        "the claimers' places read: {rounds:?}"
    );
    let last_block = rounds
        .iter()
        .rposition(|r| r.iter().any(|f| f.starts_with("x/")))
        .expect("a round reading blocks");
    let (_, rows) = first_and_last(&rounds, "x/", "d/");
    let rows = rows.expect("the rows of reports dropped unread, from their chunks");
    assert!(
        rows <= last_block,
        "rows asked after the blocks: {rounds:?}"
    );
}
