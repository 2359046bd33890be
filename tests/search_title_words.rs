//! A page whose title holds a query's words in order, apart, is what the query looks
//! for: it ranks with the pages whose title holds the exact text, above the pages
//! holding it only in their prose (a link to the lesson, a risk row, a chart label).
//!
//! Needs `node` (v18 or newer) on the PATH.

mod common;

use common::{result_urls, search_client, Site};
use serde_json::json;

/// The eleventh search tester's `进口网关延期` on the sample: the lesson titled
/// 进口边缘网关两次延期… came fifth, under the report, the project and a risk register
/// writing the words in a row (one of them as the text of a link to the lesson).
#[test]
fn a_title_holding_the_query_s_words_in_order_leads_its_prose_mentions() {
    let site = Site::fixture("basic");
    let practice = |slug: &str, title: &str, body: &str| {
        site.write(
            &format!("content/practices/risk/{slug}.md"),
            format!("---\ntitle: {title}\n---\n\n{body}\n"),
        )
    };
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
