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
