//! Relevance: what comes first for the queries readers type, run with the real client
//! (search.js under node) on the bundled sample portal (issue 14).
//!
//! Two kinds of expectation:
//! - a table of queries and the page that must be the first result (exact titles,
//!   ignoring case, spacing and punctuation; domain words; numbers and codes);
//! - orderings: every page holding the query's exact text ranks above every page that
//!   holds only its parts apart. The truth is read from the sources, not from the index.
//!
//! Needs `node` on the PATH.

mod common;

use std::path::Path;

use common::{search_client, Site};
use serde_json::{json, Value};

/// The bundled sample portal, built.
fn sample() -> Site {
    let site = Site::sample();
    site.build_ok();
    site
}

fn urls(res: &Value) -> Vec<String> {
    res["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap().to_string())
        .collect()
}

/// Lowercased, without white space: how "the query's exact text" is compared.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Each page's URL and its searchable text as written: the Markdown file (front matter
/// included) and, for a project, its tables.
fn sources(root: &Path) -> Vec<(String, String)> {
    let content = root.join("content");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&content) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let rel = path
            .strip_prefix(&content)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let url = match rel.strip_suffix("index.md") {
            Some(dir) => dir.to_string(),
            None => format!("{}/", rel.trim_end_matches(".md")),
        };
        let mut text = std::fs::read_to_string(path).unwrap();
        if rel.ends_with("/index.md") {
            for table in ["milestones.csv", "risks.csv"] {
                text += &std::fs::read_to_string(path.with_file_name(table)).unwrap_or_default();
            }
        }
        out.push((url, squeeze(&text)));
    }
    out
}

#[test]
fn the_page_that_must_come_first_does() {
    let site = sample();
    // (query, the first result): exact titles, typed loosely; then words a reader uses.
    let table = [
        ("风险登记册的建立与维护", "practices/risk/risk-register/"),
        ("erp系统升级", "projects/erp-upgrade/"),
        ("ERP 系统升级项目收尾评审", "reviews/erp-upgrade-closure/"),
        ("问题与变更控制", "practices/control/issue-change-control/"),
        ("MES 智能工厂 一期", "projects/mes-smart-factory/"),
        (
            "项目生命周期与阶段关口",
            "practices/lifecycle/project-lifecycle/",
        ),
        (
            "供应商延期",
            "practices/improvement/lessons-learned-process/",
        ),
        ("变更控制", "practices/control/issue-change-control/"),
        ("PRJ-2023-004", "projects/erp-upgrade/"),
    ];
    let queries: Vec<&str> = table.iter().map(|(q, _)| *q).collect();
    let r = search_client(&site, &json!(queries));
    for ((q, first), res) in table.iter().zip(&r) {
        assert_eq!(
            urls(res).first().map(String::as_str),
            Some(*first),
            "{q}: {}",
            serde_json::to_string_pretty(&res["results"]).unwrap()
        );
    }
}

#[test]
fn chinese_runs_find_their_words_apart() {
    let site = sample();
    // Neither lesson says 供应商延期 or 交付延期 in one run; they hold the words.
    let r = search_client(
        &site,
        &json!([{"q": "供应商延期", "limit": 50}, {"q": "交付延期", "limit": 50}]),
    );
    let expected = [
        &[
            "lessons/erp-interface-vendor-delay/",
            "lessons/mes-gateway-delivery-delay/",
        ][..],
        &["lessons/erp-interface-vendor-delay/"][..],
    ];
    for (res, pages) in r.iter().zip(expected) {
        let found = urls(res);
        for page in pages {
            assert!(found.iter().any(|u| u == page), "{page}: {found:?}");
        }
    }
}

#[test]
fn the_exact_text_ranks_above_its_parts_apart() {
    let site = sample();
    let pages = sources(site.root());
    let queries = [
        "阶段关口评审",
        "供应商延期",
        "数据迁移演练",
        "关键用户",
        "变更控制委员会",
        "ERP 上线",
        "MES 一期",
        "挣值管理",
        "风险登记册",
        "项目收尾评审",
        "key user",
    ];
    let asked: Vec<Value> = queries
        .iter()
        .map(|q| json!({"q": q, "limit": 500}))
        .collect();
    let r = search_client(&site, &json!(asked));
    let mut checked = 0;
    for (q, res) in queries.iter().zip(&r) {
        let needle = squeeze(q);
        let exact = |url: &str| {
            pages
                .iter()
                .any(|(u, text)| u == url && text.contains(&needle))
        };
        let found = urls(res);
        // The last page holding the text comes before the first that does not.
        let last_exact = found.iter().rposition(|u| exact(u));
        let first_apart = found.iter().position(|u| !exact(u));
        if let (Some(e), Some(a)) = (last_exact, first_apart) {
            assert!(
                e < a,
                "{q}: {} (exact text) ranks below {} (parts apart): {found:?}",
                found[e],
                found[a]
            );
        }
        checked += usize::from(last_exact.is_some());
    }
    assert!(
        checked >= 8,
        "most queries have pages with their exact text"
    );
}
