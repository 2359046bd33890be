//! A section found comes below the pages under it that are found: its introduction
//! describes them (`问题升级和范围变更的处理流程` over 问题与变更控制), so it held the
//! query's exact text where the page it lists held its words apart, and stood first.
//! A section titled by the query stays first: it is what was asked for.
//!
//! Needs `node` (v18 or newer) on the PATH.

mod common;

use common::{result_urls as urls, search_client, Site};
use serde_json::json;

#[test]
fn a_section_comes_below_the_first_of_its_own_pages_found() {
    let site = Site::sample();
    site.build_ok();
    let r = search_client(
        &site,
        &json!([
            {"q": "问题升级", "limit": 8},
            {"q": "人员调配", "limit": 20},
            {"q": "组合报告", "limit": 8},
            {"q": "写一条经验教训", "limit": 8},
            {"q": "專案經理培訓", "limit": 8},
        ]),
    );
    let first_two = |i: usize| urls(&r[i])[..2].to_vec();
    assert_eq!(
        first_two(0),
        [
            "practices/control/issue-change-control/",
            "practices/control/"
        ],
        "{}",
        r[0]
    );
    assert_eq!(
        first_two(1),
        [
            "practices/resources/capacity-planning/",
            "practices/resources/"
        ],
        "{}",
        r[1]
    );
    // Titled 组合报告: the section is what was asked for.
    assert_eq!(urls(&r[2])[0], "reports/", "{}", r[2]);
    // None of the lessons holds the query: the section stays where it was.
    assert_eq!(urls(&r[3])[0], "lessons/", "{}", r[3]);
    // Found through a synonym (专案 is 项目), the same.
    assert_eq!(
        first_two(4),
        [
            "practices/capability/training-coaching/",
            "practices/capability/"
        ],
        "{}",
        r[4]
    );
}
