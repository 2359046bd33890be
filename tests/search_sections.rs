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

/// A section none of whose pages is found, holding the query's words apart in its
/// title and introduction (采购与供应商: 项目中的大部分延期和超支都与供应商有关), stood
/// first for `乙方拖期`, `厂商拖延` and `外包商延期` (widened to 供应商 延期), above the
/// lessons on a vendor's delay: its title weighs as a page's, and one sentence of its
/// introduction did the rest (the hunt of the third search helper). It comes after the
/// pages holding the words apart.
#[test]
fn a_section_none_of_whose_pages_is_found_comes_after_the_pages_holding_its_words_apart() {
    let site = Site::sample();
    site.build_ok();
    let r = search_client(&site, &json!(["乙方拖期", "厂商拖延", "外包商延期"]));
    for res in &r {
        let found = urls(res);
        let first = found.first().map(String::as_str);
        assert!(first.is_some_and(|u| u.starts_with("lessons/")), "{}", res);
        let section = found.iter().position(|u| u == "practices/procurement/");
        let lessons = found.iter().filter(|u| u.starts_with("lessons/")).count();
        assert!(section.is_none_or(|at| at >= lessons), "{res}");
    }
}
