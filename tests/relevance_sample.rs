//! Relevance on the bundled sample portal of the dates readers type: a page's own date
//! (tests/relevance.rs holds the rest). The client runs under node.
//!
//! Needs `node` on the PATH.

mod common;

use common::{result_urls as urls, search_client, Site};
use serde_json::json;

/// Runs `queries` on the built sample portal and checks each one's first result.
fn assert_first(table: &[(&str, &str)]) {
    let site = Site::sample();
    site.build_ok();
    let queries: Vec<&str> = table.iter().map(|(q, _)| *q).collect();
    let r = search_client(&site, &json!(queries));
    for ((q, first), res) in table.iter().zip(&r) {
        assert_eq!(
            urls(res).first().map(String::as_str),
            Some(*first),
            "{q}: {res}"
        );
    }
}

/// A page's own date weighs more than the dates it shows of other things: the
/// practice to be reviewed on 2026-11-12 came before the one dated that day, and a
/// lesson with an action due on 2026-10-28 before the gate review held then.
#[test]
fn a_pages_own_date_comes_before_the_dates_it_shows_of_other_things() {
    assert_first(&[
        ("2026-11-12", "practices/resources/capacity-planning/"),
        ("2026-10-28", "reviews/mes-gate-3-review/"),
        (
            "2026-10-20",
            "practices/improvement/lessons-learned-process/",
        ),
    ]);
}
