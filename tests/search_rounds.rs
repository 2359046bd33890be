//! Rounds of requests a cold query waits for one after another (tests/search_client.mjs
//! answers its loads round by round): files whose need the first ones can only confirm
//! are asked for beside them.
//!
//! Needs `node` (v18 or newer) on the PATH.

mod common;

use common::{result_urls, search_client, Site};
use serde_json::json;

/// The lists of the common bigrams a long run leaves unloaded at first (风险 of
/// 供应商延期风险, in a quarter of the pages) load with the run's other lists, not in a
/// round of their own once the pages they would settle are matched (at 10k, a round of
/// its own in a quarter of the cold header-box queries). The results are those the run
/// settled with before.
#[test]
fn the_common_bigrams_a_run_settles_with_load_beside_its_other_lists() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("search = true\n{config}"));
    common::write_long_run_pages(&site);
    site.build_ok();
    let r = search_client(
        &site,
        &json!(["供应商延期风险", {"q": "供应商延期风险", "limit": 1}]),
    );
    for res in &r {
        let urls = result_urls(res);
        assert_eq!(urls[0], "practices/vendor-exact/", "{res}");
        assert!(
            !urls.contains(&"practices/vendor-no-risk/".to_string()),
            "{res}"
        );
        let rounds = common::search_rounds(res);
        let reading = rounds
            .iter()
            .position(|r| r.iter().any(|f| f.starts_with("x/")))
            .expect("a round reading blocks");
        let lists = rounds[..reading]
            .iter()
            .filter(|r| r.iter().any(|f| f.starts_with("s/") || f.starts_with("p/")))
            .count();
        assert_eq!(lists, 1, "postings in rounds one after another: {rounds:?}");
    }
}

/// A ranked list (more than 256 pages) whose pages all weigh the same has no top block:
/// every page past it read as holding the term in block 0, and the client read block 1
/// of each result a round after its block 0 (at 10k, 123 of 310 header-box queries). The
/// first pages of a ranked list now carry their reach codes, so block 1 comes with block 0.
#[test]
fn a_long_list_s_pages_ask_for_the_block_holding_the_term_with_block_0() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("search = true\n{config}"));
    let filler = "本周例会照常举行，各小组汇报进度并确认下周安排。\n".repeat(40);
    for i in 0..300 {
        site.write(
            &format!("content/practices/weekly-{i:03}.md"),
            format!("---\ntitle: 周报第{i}期\n---\n\n{filler}\n鲲鹏网关到货再次推迟。\n"),
        );
    }
    site.build_ok();
    let r = search_client(&site, &json!([{"q": "鲲鹏网关", "limit": 8}]));
    let rounds = common::search_rounds(&r[0]);
    let later: Vec<&String> = rounds
        .iter()
        .flatten()
        .filter(|f| f.starts_with("x/") && !f.ends_with("-0"))
        .collect();
    assert!(!later.is_empty(), "no later block read: {rounds:?}");
    for f in later {
        let first = format!("{}-0", &f[..f.rfind('-').unwrap()]);
        assert!(
            rounds.iter().any(|r| r.contains(f) && r.contains(&first)),
            "{f} read in a round after {first}: {rounds:?}"
        );
    }
    assert_eq!(result_urls(&r[0]).len(), 8, "{}", r[0]);
}

/// The rows of the best pages holding a query's words apart (whose titles may hold them
/// in pieces, see `titleWords` in search-verify.js) load beside the reading of the few
/// pages claiming its exact text, not in a round of their own once those are read: with
/// no places consulted the claimers mostly hold the text, so the pages apart as they
/// stand are those whose titles are read (at 10k, 27 header-box queries waited a last
/// round for chunks of rows). Asked only for pages apart that outranked every unread
/// claimer, they came a round after the reading.
#[test]
fn the_rows_of_the_pages_apart_load_beside_the_claimers_read() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("search = true\n{config}"));
    for i in 0..3 {
        site.write(
            &format!("content/practices/claim-{i}.md"),
            format!(
                "---\ntitle: 鲲鹏网关延期复盘第{i}期\n---\n\n鲲鹏网关延期两周，供应商补发备件。\n"
            ),
        );
    }
    for i in 0..4 {
        site.write(
            &format!("content/practices/apart-{i}.md"),
            format!(
                "---\ntitle: 机房巡检记录{i}\n---\n\n鲲鹏网关已经到货。\n\n另一批服务器交付延期，原因待查。\n"
            ),
        );
    }
    site.build_ok();
    let r = search_client(&site, &json!([{"q": "鲲鹏网关延期", "limit": 3}]));
    let urls = result_urls(&r[0]);
    assert_eq!(urls.len(), 3, "{}", r[0]);
    assert!(
        urls.iter().all(|u| u.starts_with("practices/claim-")),
        "{}",
        r[0]
    );
    let rounds = common::search_rounds(&r[0]);
    let reading = rounds
        .iter()
        .position(|r| r.iter().any(|f| f.starts_with("x/")))
        .expect("a round reading blocks");
    let rows: Vec<&String> = rounds[reading + 1..]
        .iter()
        .flatten()
        .filter(|f| f.starts_with("d/"))
        .collect();
    assert!(
        rows.is_empty(),
        "rows {rows:?} asked for after the reading round: {rounds:?}"
    );
    assert!(
        rounds[..=reading]
            .iter()
            .flatten()
            .any(|f| f.starts_with("d/")),
        "no rows read: {rounds:?}"
    );
}
