//! Relevance on the bundled sample portal of queries as PMO staff ask them: what a query
//! is about introduced by 关于 or 有关, the projects closed in a year, and a name of a
//! thing typed as two spaced words (tests/relevance_typed.rs holds kinds, people's parts
//! and typos). The client runs under node.
//!
//! Needs `node` on the PATH.

mod common;

use common::{assert_first, result_urls, search_client, Site};
use serde_json::json;

/// 关于 and 有关 say what the query is about, as `about` does in English: no page writes
/// them before its subject, so `关于PMO` found only the practice that says 关于 somewhere
/// and mentions the PMO, never the page about the PMO.
#[test]
fn what_a_query_is_about_is_searched_without_its_about() {
    let site = Site::sample();
    site.build_ok();
    assert_first(
        &site,
        &[
            ("关于PMO", "about/"),
            ("关于收益基线", "lessons/erp-benefit-baseline/"),
            ("有关风险登记册", "practices/risk/risk-register/"),
        ],
    );
}

/// A year with the word for closed finds the projects that finished that year before
/// the closed project that only started in it: the year and the status were apart in
/// a project's metadata, and the CRM rollout (started 2024, closed 2025) came first.
#[test]
fn the_projects_closed_in_a_year_come_before_those_closed_in_another() {
    let site = Site::sample();
    site.build_ok();
    let queries = ["2024年已关闭", "2024年关闭的项目", "closed in 2024"];
    let closed_2024 = ["projects/data-center-migration/", "projects/erp-upgrade/"];
    for (q, res) in queries.iter().zip(&search_client(&site, &json!(queries))) {
        let urls = result_urls(res);
        assert!(
            closed_2024.contains(&urls.first().map(String::as_str).unwrap_or("")),
            "{q}: {urls:?}"
        );
    }
    // Both come first where the query says closed as the projects' label does.
    let res = &search_client(&site, &json!(["2024年已关闭"]))[0];
    let mut two: Vec<String> = result_urls(res).into_iter().take(2).collect();
    two.sort();
    assert_eq!(two, closed_2024, "{res}");
}

/// A name from the synonyms' table typed as two spaced words (`风险 台账`: 风险台账 is a
/// name of the risk register) is widened as that name: neither piece alone was it, and
/// the lessons holding 风险 and 台账 apart came first.
#[test]
fn a_synonyms_name_typed_spaced_is_widened_as_that_name() {
    let site = Site::sample();
    site.build_ok();
    assert_first(&site, &[("风险 台账", "practices/risk/risk-register/")]);
}
