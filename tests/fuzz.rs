//! Fuzzing by property: whatever an author saves — front matter, Markdown, data tables,
//! chart blocks — `pmo check` ends in a clean run or in reports, never in a panic.
//!
//! The inputs are soups of the pieces these formats are made of (fences, keys, brackets,
//! quotes, Chinese text, numbers, markup), so the cases reach deep into each parser
//! rather than failing at the first byte. The suite runs a few dozen cases per property;
//! `PROPTEST_CASES=5000 cargo test --release --test fuzz` runs a longer campaign.

mod common;

use proptest::prelude::*;

use common::Site;
use pmo_portal::{BuildFailure, Options};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(32);
    ProptestConfig {
        cases,
        // A failing case is shrunk and printed; no files are left in the tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Text made of `pieces` and of arbitrary characters, up to `len` parts.
fn soup(pieces: &'static [&'static str], len: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(pieces).prop_map(str::to_string),
        1 => "[一-龥]{1,4}",
        1 => "[0-9]{1,12}(\\.[0-9]{1,4})?",
        1 => "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..len).prop_map(|parts| parts.concat())
}

const FRONT: &[&str] = &[
    "\n",
    "title: ",
    "date: ",
    "project: erp",
    "phase: ",
    "execution",
    "impact: ",
    "negative",
    "tags: [",
    "]",
    ", ",
    "category: ",
    "draft: ",
    "true",
    "yes",
    "summary: ",
    "\"",
    "'",
    "{",
    "}",
    ": ",
    "- ",
    "2024-03-18",
    "2024-13-45",
    "~",
    "null",
    "&a",
    "*a",
    "!!binary",
    "severity: high",
    "status: closed",
    "id: ",
    "owner: ",
    "weight: ",
    "1e308",
    ".nan",
    "-.inf",
    "#",
    "  ",
    "\t",
];

const MARKDOWN: &[&str] = &[
    "\n",
    "\n\n",
    "# ",
    "## ",
    " {#",
    "}",
    "[",
    "](",
    ")",
    "../lessons/vendor-delay.md",
    "#风险",
    "<div>",
    "</div>",
    "<style>",
    "</style>",
    "<script>",
    "<b onclick=x>",
    "</b>",
    "<p>",
    "</p>",
    "<table><tr><td>",
    "</td>",
    "<li>",
    "<a href=\"x\">",
    "</a>",
    "<br>",
    "<img src=x alt='",
    "</main>",
    "<textarea>",
    "<",
    ">",
    "\"",
    "`",
    "```",
    "```chart\n",
    "```table\n",
    "> ",
    "- ",
    "1. ",
    "| a | b |\n|---|---|\n",
    "*",
    "_",
    "~~",
    "[^1]",
    "[^1]: ",
    "<!--",
    "-->",
    "&amp;",
    "&#0;",
    "\\",
    "![",
    "http://x/",
    "javascript:",
    "    ",
];

const TABLE: &[&str] = &[
    "\n",
    ",",
    "\"",
    "period",
    "pv",
    "ev",
    "ac",
    "2024-01",
    "2024-13",
    "1,200,000",
    "¥3.5",
    "abc",
    "NaN",
    "inf",
    "-1",
    "1e308",
    "[",
    "]",
    "{",
    "}",
    ":",
    "=",
    "[[rows]]",
    "- ",
    "name",
    "value",
    " ",
    "\r\n",
];

const CHART: &[&str] = &[
    "\n",
    "type = ",
    "\"line\"",
    "\"bar\"",
    "\"scatter\"",
    "\"heatmap\"",
    "\"pie\"",
    "data = ",
    "\"budget\"",
    "\"portfolio\"",
    "\"lessons\"",
    "x = ",
    "y = ",
    "\"period\"",
    "\"pv\"",
    "[\"pv\", \"ev\"]",
    "[]",
    "series = ",
    "aggregate = ",
    "\"count\"",
    "\"mean\"",
    "sort = ",
    "names = ",
    "[\"a\"]",
    "title = ",
    "[filter]",
    "rules = ",
    "[[rules]]",
    "value = ",
    "nan",
    "inf",
    "\"",
    "=",
];

/// Checks the site; a panic shows up as an internal error (`check` catches them).
fn assert_no_panic(site: &Site) -> Result<(), TestCaseError> {
    let result = pmo_portal::check(&Options::new(site.root()));
    if let Err(failure) = &result {
        prop_assert!(!failure.is_internal(), "{}", report(failure));
    }
    Ok(())
}

fn report(failure: &BuildFailure) -> String {
    common::messages(failure)
}

#[test]
fn any_lesson_is_checked_without_a_panic() {
    let site = Site::fixture("basic");
    proptest!(config(), |(front in soup(FRONT, 24), body in soup(MARKDOWN, 40))| {
        site.write("content/lessons/fuzz.md", format!("---\n{front}\n---\n{body}"));
        assert_no_panic(&site)?;
    });
}

#[test]
fn any_table_is_checked_without_a_panic() {
    let site = Site::fixture("basic");
    let names = [
        "content/projects/erp/budget.csv",
        "data/fuzz.csv",
        "data/fuzz.json",
        "data/fuzz.toml",
        "data/fuzz.yaml",
    ];
    proptest!(config(), |(which in 0..names.len(), text in soup(TABLE, 40))| {
        let text = if which == 0 { format!("period,pv,ev,ac\n{text}") } else { text };
        site.write(names[which], text);
        assert_no_panic(&site)?;
        std::fs::remove_file(site.root().join(names[which])).ok();
    });
}

#[test]
fn any_chart_block_is_checked_without_a_panic() {
    let site = Site::fixture("basic");
    proptest!(config(), |(spec in soup(CHART, 24), table in any::<bool>())| {
        let fence = if table { "table" } else { "chart" };
        site.write(
            "content/projects/erp/fuzz.md",
            format!("---\ntitle: 图\n---\n\n```{fence}\n{spec}\n```\n"),
        );
        assert_no_panic(&site)?;
    });
}

#[test]
fn any_markdown_renders_without_a_panic() {
    use std::sync::Arc;
    // Rendering alone is cheap: many more cases.
    let base = config();
    let config = ProptestConfig {
        cases: base.cases * 8,
        ..base
    };
    proptest!(config, |(body in soup(MARKDOWN, 200))| {
        let text: Arc<str> = Arc::from(body.as_str());
        let _ = pmo_portal::render_markdown(std::path::Path::new("a.md"), &text, 0..body.len());
    });
}
