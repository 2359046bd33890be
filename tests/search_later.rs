//! The results page gives the results of its first screen their excerpt at once and the
//! others theirs as they scroll near (`excerpts: n`): a first query loads those others'
//! rows only, from the document chunks, a few hundred bytes where an excerpt's first
//! block is a kilobyte.
//!
//! Needs `node` (v18 or newer) on the PATH.

mod common;

use common::{result_urls, search_client, Site};
use serde_json::json;

/// The fixture with `n` practices holding 看板 in their text.
fn with_boards(n: usize) -> Site {
    let site = Site::fixture("basic");
    for i in 0..n {
        site.write(
            &format!("content/practices/risk/board-{i}.md"),
            format!("---\ntitle: 例会 {i}\n---\n\n每周例会更新看板，第 {i} 项风险关闭。\n"),
        );
    }
    site.build_ok();
    site
}

#[test]
fn results_below_the_first_screen_load_their_excerpt_when_asked() {
    let site = with_boards(8);
    let r = search_client(
        &site,
        &json!([
            {"q": "看板", "limit": 6, "excerpts": 2},
            {"q": "看板", "limit": 6},
        ]),
    );
    let (lazy, eager) = (&r[0], &r[1]);
    // The same results in the same order.
    assert_eq!(result_urls(lazy), result_urls(eager), "{lazy}");
    let results = lazy["results"].as_array().unwrap();
    assert_eq!(results.len(), 6, "{lazy}");
    let eager_excerpts: Vec<&str> = eager["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["excerpt"].as_str().unwrap())
        .collect();
    for (i, res) in results.iter().enumerate() {
        let excerpt = res["excerpt"].as_str().unwrap();
        let later = &lazy["later"][i];
        if i < 2 {
            assert_eq!(excerpt, eager_excerpts[i], "{lazy}");
            assert!(later.is_null(), "{lazy}");
        } else {
            // Title, kind and date now; the excerpt, the same, when asked for.
            assert_eq!(excerpt, "", "{lazy}");
            assert!(!res["title"].as_str().unwrap().is_empty(), "{lazy}");
            assert_eq!(later.as_str(), Some(eager_excerpts[i]), "{lazy}");
            assert!(eager_excerpts[i].contains("<mark>看板</mark>"), "{eager}");
        }
    }
    // Text for the first two only; the rows of the others from their chunks.
    let files: Vec<String> = serde_json::from_value(lazy["files"].clone()).unwrap();
    let count = |prefix: &str| files.iter().filter(|f| f.starts_with(prefix)).count();
    assert_eq!(count("x/"), 2, "{files:?}");
    assert!(count("d/") > 0, "{files:?}");
    assert!(
        lazy["bytes"].as_u64().unwrap() < eager["bytes"].as_u64().unwrap(),
        "{lazy}\n{eager}"
    );
}
