//! Hostile text in the search index (issue 11): very long words, long shared prefixes and
//! huge lines must neither hang the build nor blow up the index, and the page must stay
//! findable. Time is never asserted: the tests check that the index's work is bounded by
//! construction — every term short, `meta.split` and the term shards small — which is
//! what made these pages take minutes before (a 33 KB word became 33,000 nested groups).
//!
//! Needs `node` (v18 or newer) on the PATH, like tests/search.rs.

mod common;

use common::{node_eval, search_client, theme_js, Site};
use pmo_portal::tokenize::{self, TermKind, MAX_WORD_CHARS};
use pmo_portal::MAX_FIELD_BYTES;
use serde_json::json;

const PAGE: &str = "content/practices/risk/hostile.md";
const URL: &str = "practices/risk/hostile/";

/// The fixture site with search on and one more page whose body is `body`, built.
fn built_with(body: &str) -> Site {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("search = true\n{config}"));
    site.write(
        PAGE,
        format!("---\ntitle: Hostile text\ndate: 2024-05-02\n---\n\n{body}\n"),
    );
    site.build_ok();
    site
}

/// A reproducible stream of letters and digits (a small LCG): text no dictionary knows.
fn noise(len: usize, alphabet: &[u8], seed: u64) -> String {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            char::from(alphabet[(state >> 33) as usize % alphabet.len()])
        })
        .collect()
}

const HEX: &[u8] = b"0123456789abcdef";
const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// Every term of every shard and word file, and their total size in bytes.
fn shard_terms(site: &Site) -> (Vec<String>, usize) {
    let meta = site.index_data("meta.js");
    let mut terms = Vec::new();
    let mut bytes = 0;
    for (dir, count) in [("s", "shards"), ("w", "words")] {
        for i in 0..meta[count].as_u64().unwrap() {
            let rel = format!("{dir}/{i}.js");
            bytes += site.read(&format!("search/{rel}")).len();
            terms.extend(site.index_data(&rel).as_object().unwrap().keys().cloned());
        }
    }
    (terms, bytes)
}

/// Asserts the index stayed small and every term short, whatever the page held.
fn assert_bounded(site: &Site) {
    let meta = site.read("search/meta.js");
    assert!(
        meta.len() < 8 * 1024,
        "meta.js is {} bytes: split groups grew with the words",
        meta.len()
    );
    let (terms, bytes) = shard_terms(site);
    // A word pair is two words and a space.
    let longest = terms.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    assert!(
        longest <= 2 * MAX_WORD_CHARS + 1,
        "a term of {longest} characters"
    );
    assert!(bytes < 256 * 1024, "the term shards hold {bytes} bytes");
}

/// Asserts each query finds the hostile page.
fn assert_found(site: &Site, queries: &[&str]) {
    let results = search_client(site, &json!(queries));
    for (q, r) in queries.iter().zip(&results) {
        let urls: Vec<&str> = r["results"]
            .as_array()
            .unwrap_or_else(|| panic!("{r}"))
            .iter()
            .map(|x| x["url"].as_str().unwrap())
            .collect();
        let shown: String = q.chars().take(40).collect();
        assert!(urls.contains(&URL), "{shown}… found {urls:?}");
    }
}

#[test]
fn a_word_longer_than_a_word_group_is_indexed_by_its_first_characters() {
    // 33 KB: just over the 32 KB at which a word group splits.
    let word = format!("zq{}", noise(33 * 1024, ALNUM, 1));
    let site = built_with(&format!("before {word} after"));
    assert_bounded(&site);
    let cut: String = word.chars().take(MAX_WORD_CHARS).collect();
    let (terms, _) = shard_terms(&site);
    assert!(
        terms.contains(&cut),
        "the word's first characters are a term"
    );
    // Typed (a prefix), pasted whole, or with the next word.
    assert_found(
        &site,
        &["zq", &word[..10], &cut, &word, &format!("{word} after")],
    );
}

#[test]
fn a_hex_dump_in_a_code_block_is_one_short_term() {
    let dump = noise(40 * 1024, HEX, 2);
    let site = built_with(&format!("Memory at the crash:\n\n```\n{dump}\n```"));
    assert_bounded(&site);
    assert_found(&site, &[&dump[..12], &dump[..MAX_WORD_CHARS]]);
}

#[test]
fn words_sharing_a_long_prefix_split_no_deeper_than_the_cap() {
    let prefix = format!("kv{}", noise(2_000, ALNUM, 3));
    let words: Vec<String> = (0..40).map(|i| format!("{prefix}{i:02}")).collect();
    let site = built_with(&words.join(" "));
    assert_bounded(&site);
    let meta = site.index_data("meta.js");
    // A tree of two-character keys and, nested in braces, one character more a level.
    let (mut depth, mut nested) = (0, 0);
    for c in meta["split"].as_str().unwrap().chars() {
        match c {
            '{' => {
                depth += 1;
                nested = nested.max(depth);
            }
            '}' => depth -= 1,
            _ => {}
        }
    }
    let deepest = if nested == 0 { 0 } else { nested + 1 };
    assert!(
        deepest < MAX_WORD_CHARS,
        "a split group of {deepest} characters"
    );
    assert_found(&site, &["kv", &prefix[..20], &words[7]]);
}

#[test]
fn a_ten_megabyte_line_is_indexed_in_bounded_terms() {
    // One line, no space: a single run of letters and digits, as in a pasted blob.
    let line = format!("blob{}", noise(10 * 1024 * 1024, ALNUM, 4));
    let site = built_with(&line);
    assert_bounded(&site);
    assert_found(&site, &["blob", &line[..MAX_WORD_CHARS]]);
}

#[test]
fn the_client_cuts_long_words_as_the_index_does() {
    let texts = [
        "a".repeat(40_000),
        format!("{}İxyz", "e".repeat(MAX_WORD_CHARS - 1)),
        "α".repeat(MAX_WORD_CHARS + 6),
        format!("{}s{}", "c".repeat(MAX_WORD_CHARS - 1), "d".repeat(9)),
        format!("ｆｕｌｌ{} 中文 tail", "Ｗ".repeat(80)),
        format!(
            "{} {}",
            "x".repeat(MAX_WORD_CHARS),
            "y".repeat(MAX_WORD_CHARS + 1)
        ),
    ];
    for text in &texts {
        let rust: Vec<String> = tokenize::terms(text)
            .into_iter()
            .filter(|t| t.kind == TermKind::Word)
            .map(|t| t.text)
            .collect();
        // A trailing space: every word is finished, so `term` is the stem.
        let script = format!(
            "const T = require({}); \
             console.log(JSON.stringify(T.tokenize({} + ' ').filter(g => g.type === 'word').map(g => g.term)));",
            theme_js("search-text.js"),
            serde_json::to_string(text).unwrap()
        );
        let output = node_eval(&script, &[]);
        let js: Vec<String> = serde_json::from_slice(&output).unwrap();
        let shown: String = text.chars().take(20).collect();
        assert_eq!(js, rust, "{shown}…");
    }
}

#[test]
fn a_ten_megabyte_line_of_distinct_terms_indexes_its_first_mebibyte() {
    // Random Chinese: nearly every bigram is new, the most index a byte of text can make.
    let mut state = 5u64;
    let line: String = std::iter::once("开头".to_string())
        .chain((0..10 * 1024 * 1024 / 3).map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            char::from_u32(0x4e00 + (state >> 40) as u32 % 0x5000)
                .unwrap()
                .to_string()
        }))
        .collect();
    let site = built_with(&format!("{line}\n\nzzlastword"));
    let (terms, bytes) = shard_terms(&site);
    let most = MAX_FIELD_BYTES / 3 * 2 + 0x5000;
    assert!(terms.len() < most, "{} terms", terms.len());
    assert!(
        bytes < 16 * 1024 * 1024,
        "the term shards hold {bytes} bytes"
    );
    assert_found(&site, &["开头"]);
    let late = search_client(&site, &json!(["zzlastword"]));
    assert_eq!(
        late[0]["total"], 0,
        "text past the first mebibyte is not indexed"
    );
}
