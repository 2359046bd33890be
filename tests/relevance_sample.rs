//! Relevance on the bundled sample portal of the dates and the other words readers type
//! for what its pages say: a page's own date, the English name of a glossary term, a
//! status's colour, Taiwan's words (tests/relevance.rs holds the rest). The client runs
//! under node.
//!
//! Needs `node` on the PATH.

mod common;

use common::{result_urls as urls, search_client, Site};
use serde_json::json;

/// Runs `queries` on the built sample portal and checks each one's first result.
fn assert_first(table: &[(&str, &str)]) -> Site {
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
    site
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

/// The English name of a glossary term reaches the Chinese page naming it (they found
/// nothing, or an English page holding one of the words), Taiwan's word for training
/// the training practice, and a status's colour as readers say it (红灯, amber) the
/// project pages showing it among the first.
#[test]
fn english_names_and_colours_reach_the_chinese_pages() {
    let site = assert_first(&[
        ("risk owner", "practices/risk/risk-register/"),
        ("exit criteria", "practices/quality/quality-management/"),
        ("教育訓練", "practices/capability/training-coaching/"),
    ]);
    let r = search_client(&site, &json!(["红灯", "amber"]));
    for res in &r {
        assert!(
            urls(res).iter().take(3).any(|u| u.starts_with("projects/")),
            "{res}"
        );
    }
}
