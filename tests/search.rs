//! Site search end to end: builds the fixture site with `search = true`, then runs the
//! browser client (themes/default/static/js/search*.js) under node against the index the
//! build wrote (tests/search_client.mjs) and checks what a reader would see.
//!
//! Needs `node` (v18 or newer) on the PATH.

mod common;

use common::{search_client, Site};
use serde_json::{json, Value};

/// The fixture site with search turned on, not built yet.
fn with_search() -> Site {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    // Top-level keys must come before any [table].
    site.write("site.toml", format!("search = true\n{config}"));
    site
}

/// Builds the fixture site with search turned on.
fn searchable_site() -> Site {
    let site = with_search();
    site.build_ok();
    assert!(
        site.exists("search/meta.js"),
        "the build wrote no search index (public/search/meta.js)"
    );
    site
}

fn urls(res: &Value) -> Vec<&str> {
    res["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap())
        .collect()
}

fn total(res: &Value) -> u64 {
    res["total"].as_u64().unwrap()
}

fn facet_count(res: &Value, facet: &str, value: &str) -> u64 {
    res["facets"][facet]
        .as_array()
        .unwrap_or_else(|| panic!("no facet {facet} in {res}"))
        .iter()
        .find(|f| f["value"] == value)
        .map_or(0, |f| f["count"].as_u64().unwrap())
}

#[test]
fn the_client_finds_what_readers_look_for() {
    let site = searchable_site();
    let queries = json!([
        {"q": "供应商"},
        {"q": "延期"},
        {"q": "险"},
        {"q": "key user"},
        {"q": "depart"},
        {"q": "ERP"},
        {"q": "风险"},
        {"q": "风险", "filters": {"kind": ["practice"]}},
        {"q": "zqxjv 不存在的词语"},
        {"q": "ＫＥＹ　ｕｓｅｒｓ"},
        {"q": "供应商", "limit": 1},
    ]);
    let r = search_client(&site, &queries);
    let show = |i: usize| serde_json::to_string_pretty(&r[i]).unwrap();

    // 供应商: the vendor-delay lesson first, with the match marked in its excerpt.
    assert_eq!(
        urls(&r[0]).first(),
        Some(&"lessons/vendor-delay/"),
        "{}",
        show(0)
    );
    let first = &r[0]["results"][0];
    assert_eq!(first["kind"], "lesson");
    assert_eq!(first["date"], "2024-03-18");
    assert!(
        first["excerpt"]
            .as_str()
            .unwrap()
            .contains("<mark>供应商</mark>"),
        "{}",
        show(0)
    );

    // 延期 is a substring of the title and body: found by its bigram.
    assert!(
        urls(&r[1]).contains(&"lessons/vendor-delay/"),
        "{}",
        show(1)
    );
    assert!(r[1]["results"][0]["excerpt"]
        .as_str()
        .unwrap()
        .contains("<mark>延期</mark>"));

    // A one-character query matches the unigram: both risk practices.
    let risk = urls(&r[2]);
    assert!(risk.contains(&"practices/risk/register/"), "{}", show(2));
    assert!(risk.contains(&"practices/risk/response/"), "{}", show(2));

    // English: stemmed words ("users" ↔ "user") and a prefix ("depart" → "department").
    assert_eq!(
        urls(&r[3]).first(),
        Some(&"lessons/key-user/"),
        "{}",
        show(3)
    );
    assert!(
        r[3]["results"][0]["excerpt"]
            .as_str()
            .unwrap()
            .contains("<mark>"),
        "{}",
        show(3)
    );
    assert_eq!(
        urls(&r[4]).first(),
        Some(&"lessons/key-user/"),
        "{}",
        show(4)
    );

    // A title match ranks first.
    assert_eq!(urls(&r[5]).first(), Some(&"projects/erp/"), "{}", show(5));

    // Facets count the matching documents by kind.
    assert_eq!(facet_count(&r[6], "kind", "practice"), 2, "{}", show(6));
    assert!(facet_count(&r[6], "kind", "lesson") >= 1, "{}", show(6));
    let kinds: u64 = r[6]["facets"]["kind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["count"].as_u64().unwrap())
        .sum();
    assert_eq!(
        kinds,
        total(&r[6]),
        "every result has one kind: {}",
        show(6)
    );

    // A filter narrows the results; the facet of the filter still counts the others.
    assert_eq!(total(&r[7]), 2, "{}", show(7));
    assert!(total(&r[7]) < total(&r[6]));
    assert!(r[7]["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["kind"] == "practice"));
    assert!(facet_count(&r[7], "kind", "lesson") >= 1, "{}", show(7));

    // Nonsense finds nothing.
    assert_eq!(total(&r[8]), 0, "{}", show(8));
    assert!(r[8]["results"].as_array().unwrap().is_empty());

    // Full-width letters and the ideographic space fold like in the index.
    assert_eq!(
        urls(&r[9]).first(),
        Some(&"lessons/key-user/"),
        "{}",
        show(9)
    );

    // Only what the query needs is loaded: one excerpt text for one result.
    let files: Vec<&str> = r[10]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(
        files.iter().filter(|f| f.starts_with("x/")).count(),
        1,
        "{files:?}"
    );
    // The excerpt block carries the result's row: no document chunk is needed.
    assert!(!files.iter().any(|f| f.starts_with("d/")), "{files:?}");
    assert!(files.contains(&"meta"));
    assert!(r[10]["bytes"].as_u64().unwrap() > 0);
    assert_eq!(total(&r[10]), total(&r[0]));
}

#[test]
fn the_search_page_and_box_are_rendered_unless_search_is_off() {
    let site = searchable_site();
    let page = site.read("search/index.html");
    assert!(page.contains("id=\"search-app\""));
    assert!(page.contains("<noscript>"));
    assert!(
        page.contains("src=\"../js/search.js\""),
        "the client script, relative to the page"
    );
    let home = site.read("index.html");
    assert!(home.contains("role=\"search\""));
    assert!(home.contains("action=\"./search/\""));
    assert!(site.exists("js/search.js"));
    // The text rules, then the client's parts, then the API built on them, then the UI
    // built on the API.
    let scripts = [
        "js/search-text.js\"",
        "js/search-query.js\"",
        "js/search-marks.js\"",
        "js/search-load.js\"",
        "js/search-rank.js\"",
        "js/search-excerpts.js\"",
        "js/search-verify.js\"",
        "js/search-results.js\"",
        "js/search-widen.js\"",
        "js/search-mend.js\"",
        "js/search.js\"",
        "js/search-ui.js\"",
    ];
    let order: Vec<Option<usize>> = scripts.iter().map(|s| home.find(s)).collect();
    assert!(
        order.iter().all(Option::is_some) && order.is_sorted(),
        "scripts out of order: {order:?}"
    );
    for script in scripts {
        assert!(site.exists(script.trim_end_matches('"')), "{script}");
    }

    let plain = Site::fixture("basic");
    let config = std::fs::read_to_string(plain.root().join("site.toml")).unwrap();
    plain.write("site.toml", format!("search = false\n{config}"));
    plain.build_ok();
    assert!(
        !plain.read("index.html").contains("role=\"search\""),
        "no search box without an index"
    );
    assert!(!plain.exists("search/index.html"), "and no results page");
}

/// The header box warms the client when focused: meta loads before the first query is
/// typed, so the query's first round asks for its shards, and finds what it would cold.
#[test]
fn a_warmed_client_starts_a_query_with_its_shards() {
    let site = searchable_site();
    let r = search_client(
        &site,
        &json!([{"q": "供应商", "warm": true}, {"q": "供应商"}]),
    );
    assert_eq!(r[0]["warmed"], json!([["meta"]]), "{}", r[0]);
    // Its shards (and the facet files the results page asks for), not meta.
    let first: Vec<&str> = r[0]["rounds"][0]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(first.iter().any(|f| f.starts_with("s/")), "{first:?}");
    assert!(!first.contains(&"meta"), "{first:?}");
    assert_eq!(
        r[1]["rounds"][0],
        json!(["meta"]),
        "cold: {}",
        r[1]["rounds"]
    );
    assert_eq!(
        r[0]["rounds"].as_array().unwrap().len() + 1,
        r[1]["rounds"].as_array().unwrap().len()
    );
    assert_eq!(urls(&r[0]), urls(&r[1]));
    assert!(total(&r[0]) > 0, "{}", r[0]);
}

#[test]
fn an_exact_phrase_ranks_above_scattered_words() {
    let site = with_search();
    // Same words, same length: only their order differs.
    site.write(
        "content/about-phrase.md",
        "---\ntitle: 甲\n---\n\nThe steering review found a vendor delay here. 监理单位 延期 付款 审批。\n",
    );
    site.write(
        "content/about-scattered.md",
        "---\ntitle: 乙\n---\n\nThe vendor review found a steering delay here. 延期 付款 监理单位 审批。\n",
    );
    site.build_ok();
    let r = search_client(
        &site,
        &json!(["vendor delay", "监理单位 延期", "delay vendor"]),
    );
    // The pages holding the query as typed, in order: those found through a synonym
    // (the query finds two) meet the scattered page by score.
    let top = |i: usize| -> Vec<String> {
        r[i]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|row| row["synonym"].is_null())
            .map(|row| row["url"].as_str().unwrap().to_string())
            .take(2)
            .collect()
    };
    assert_eq!(top(0), ["about-phrase/", "about-scattered/"], "{}", r[0]);
    assert_eq!(top(1), ["about-phrase/", "about-scattered/"], "{}", r[1]);
    assert_eq!(urls(&r[0])[0], "about-phrase/", "{}", r[0]);
    // Reversed, the words are neighbours nowhere: both match, neither is boosted.
    let mut both = top(2);
    both.sort_unstable();
    assert_eq!(both, ["about-phrase/", "about-scattered/"], "{}", r[2]);
    let scores: Vec<&Value> = r[2]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["synonym"].is_null())
        .map(|row| &row["score"])
        .collect();
    assert_eq!(scores[0], scores[1], "{}", r[2]);
}

/// A page holding 供应商 among marks (`marked`, its body) beside one holding it plainly:
/// each of `queries` (供应商 with marks) must order the pages as 供应商 does, the plain
/// page first.
fn marks_keep_the_plain_order(marked: &str, queries: &[&str]) {
    let site = with_search();
    site.write(
        "content/practices/vendor-marked.md",
        format!("---\ntitle: 风险登记册\n---\n\n{marked}\n"),
    );
    site.write(
        "content/practices/vendor-plain.md",
        "---\ntitle: 供应商周报\n---\n\n供应商每周提交进度，供应商的延期要写明原因。\n",
    );
    site.build_ok();
    let mut all = vec!["供应商"];
    all.extend_from_slice(queries);
    let r = search_client(&site, &json!(all));
    for marked in &r[1..] {
        assert_eq!(urls(marked), urls(&r[0]), "{marked}\n{}", r[0]);
    }
    assert_eq!(urls(&r[0])[0], "practices/vendor-plain/", "{}", r[0]);
}

/// Quotes or book-title marks around a query (“供应商”, "供应商", 《…》) mean the text
/// inside them: a page that happens to quote the word must not outrank, as "exact", the
/// pages holding the word without those marks.
#[test]
fn quotes_around_a_query_mean_the_text_inside_them() {
    marks_keep_the_plain_order(
        "登记册中的“供应商”一栏填写合同方。",
        &["“供应商”", "\"供应商\"", "《供应商》", "「供应商」"],
    );
}

/// Punctuation, `#` or an emoji typed before or after a query (`供应商？`, `#供应商`,
/// `供应商…`, `供应商🚀`) is not text a page must hold: the page that happens to have
/// it there must not outrank, as "exact", the pages holding the word.
#[test]
fn punctuation_around_a_query_does_not_change_its_order() {
    marks_keep_the_plain_order(
        "谁来跟进供应商？#供应商… 供应商🚀 登记册里写明。",
        &["供应商？", "#供应商", "供应商…", "供应商🚀"],
    );
}

#[test]
fn a_query_in_traditional_characters_finds_the_simplified_text() {
    let site = with_search();
    site.write(
        "content/practices/risk/vendor-delay.md",
        "---\ntitle: 供应商交付延期的应对\n---\n\n关键路径上的供应商必须每周报告进度。\n",
    );
    site.build_ok();
    let page = "practices/risk/vendor-delay/";
    let r = search_client(
        &site,
        &json!(["供應商", "供應商 進度", "供应商", "關鍵路徑"]),
    );
    // Found as its simplified form, and told so.
    assert!(urls(&r[0]).contains(&page), "{}", r[0]);
    assert_eq!(r[0]["folded"], "供应商", "{}", r[0]);
    assert!(urls(&r[1]).contains(&page), "{}", r[1]);
    assert_eq!(r[1]["folded"], "供应商 进度", "{}", r[1]);
    assert_eq!(r[3]["folded"], "关键路径", "{}", r[3]);
    // A query that finds something as typed is never folded, and never loads the table.
    assert!(r[2]["folded"].is_null(), "{}", r[2]);
    let files = r[2]["files"].as_array().unwrap();
    assert!(!files.iter().any(|f| f == "t2s"), "{}", r[2]);
    assert_eq!(total(&r[0]), total(&r[2]), "{} / {}", r[0], r[2]);
}

#[test]
fn japanese_is_found_by_any_substring_and_by_one_kana() {
    let site = with_search();
    site.write(
        "content/practices/risk/vendor-ja.md",
        "---\ntitle: ベンダー納期遅延の教訓\n---\n\n\
         ## リスクの共有\n\nプロジェクト全体に影響するので、早めにリスクを共有すること。\n",
    );
    site.build_ok();
    let page = "practices/risk/vendor-ja/";
    // Mid-word katakana, kanji, a run across kana and kanji, one kana, the long-vowel
    // mark, and a heading's words.
    let queries = [
        "ジェクト",
        "納期遅延",
        "リスクを共有",
        "ク",
        "ベンダー",
        "リスクの共有",
    ];
    let r = search_client(&site, &json!(queries));
    for (q, res) in queries.iter().zip(&r) {
        assert!(urls(res).contains(&page), "{q}: {res}");
    }
    // The title holds 納期遅延: the page comes first. Its excerpt quotes the prose, not
    // the title shown above it.
    assert_eq!(urls(&r[1])[0], page, "{}", r[1]);
    let excerpt = r[1]["results"][0]["excerpt"].as_str().unwrap();
    assert!(!excerpt.contains("ベンダー納期遅延の教訓"), "{excerpt}");
    let excerpt = r[2]["results"][0]["excerpt"].as_str().unwrap();
    assert!(excerpt.contains("<mark>リスクを共有</mark>"), "{excerpt}");
}

#[test]
fn markup_in_page_text_reaches_excerpts_as_text() {
    let site = with_search();
    site.write(
        "content/about-markup.md",
        "---\ntitle: \"Tags & <b>markup</b>\"\n---\n\n\
         Never paste `<img src=x onerror=alert(1)>` into a page; write a & b < c.\n",
    );
    site.build_ok();
    let r = search_client(&site, &json!(["onerror", "markup"]));
    let excerpt = r[0]["results"][0]["excerpt"].as_str().unwrap();
    assert!(
        excerpt.contains("&lt;img src=x <mark>onerror</mark>=alert(1)&gt;"),
        "{excerpt}"
    );
    assert!(excerpt.contains("a &amp; b &lt; c"), "{excerpt}");
    assert!(!excerpt.contains("<img"), "{excerpt}");
    // Titles are plain text in the API (the UI escapes them where it shows them).
    assert_eq!(
        r[1]["results"][0]["title"], "Tags & <b>markup</b>",
        "{}",
        r[1]
    );
}

#[test]
fn drafts_stay_out_of_the_index() {
    let site = with_search();
    site.write(
        "content/lessons/secret-draft.md",
        "---\ntitle: 未公开的草稿 zqdraftword\nproject: erp\ndate: 2024-05-01\n\
         phase: execution\nimpact: negative\ndraft: true\n---\n\n保密内容 zqdraftbody。\n",
    );
    site.build_ok();
    for entry in walkdir::WalkDir::new(site.public().join("search")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for secret in ["zqdraft", "未公开的草稿", "保密内容"] {
                assert!(
                    !text.contains(secret),
                    "{secret} in {}",
                    entry.path().display()
                );
            }
        }
    }
    let r = search_client(&site, &json!(["zqdraftword", "保密"]));
    assert_eq!(total(&r[0]) + total(&r[1]), 0, "{r:?}");

    // With --drafts the same page is searchable: the draft above was a valid page.
    let mut options = pmo_portal::Options::new(site.root());
    options.drafts = true;
    pmo_portal::build(&options, &pmo_portal::Silent).unwrap();
    let r = search_client(&site, &json!(["zqdraftword"]));
    // The page first, then the report whose ```table block of all lessons now shows it.
    assert_eq!(
        urls(&r[0]),
        ["lessons/secret-draft/", "reports/charts/"],
        "{}",
        r[0]
    );
}

#[test]
fn a_title_word_ranks_above_the_same_characters_across_two_words() {
    let site = with_search();
    // Both titles hold 延期, with the same length and body. In the first it straddles two
    // words (拖延 | 期间), in the second it is one (交付 | 延期): jieba tells them apart,
    // bigrams alone do not — without words the first would win the tie on page order.
    site.write(
        "content/about-a.md",
        "---\ntitle: 拖延期间的沟通\n---\n\n会议纪要。\n",
    );
    site.write(
        "content/about-b.md",
        "---\ntitle: 交付延期的原因\n---\n\n会议纪要。\n",
    );
    site.build_ok();
    let r = search_client(&site, &json!(["延期", "期间"]));
    assert_eq!(urls(&r[0])[0], "about-b/", "{}", r[0]);
    assert_eq!(urls(&r[1])[0], "about-a/", "{}", r[1]);
}

#[test]
fn an_english_only_site_never_loads_the_chinese_dictionary() {
    use pmo_portal::Collect;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "site.toml",
        "search = true\ntitle = \"PMO\"\nlanguage = \"en\"\n",
    );
    write(
        "content/about.md",
        "---\ntitle: About us\n---\n\n## Vendors\n\n供应商 in the body only.\n",
    );
    // Builds the site (keeping the dictionary, as serve does): was it ever loaded?
    let loads_dictionary = || {
        let mut prepared = pmo_portal::prepare(&pmo_portal::Options::new(root)).unwrap();
        prepared
            .write(&Collect::default(), &pmo_portal::Silent)
            .unwrap();
        prepared.words.started()
    };
    assert!(!loads_dictionary(), "no title or heading to cut");

    // One Chinese heading is enough.
    write(
        "content/zh.md",
        "---\ntitle: Notes\n---\n\n## 供应商延期\n\nText.\n",
    );
    assert!(loads_dictionary());
}

/// Issue 14: whatever a page shows is found, in the field that suits it — the summary,
/// dates as printed and as typed, labels in the site's language, people, a project's
/// risks and milestones, the cells of a ```table block — and excerpts quote the prose,
/// not tables of figures or lists of other pages' titles.
#[test]
fn what_a_page_shows_is_searchable() {
    let site = with_search();
    site.write(
        "content/lessons/subcontract.md",
        "---\ntitle: 分包商进度管理\ndate: 2024-07-02\nproject: erp\nphase: execution\n\
         impact: negative\nseverity: high\nsummary: 对分包进度没有可见性，导致联调推迟两周\n---\n\n\
         总包对分包商的周报只看结论，不看证据。\n\n\
         | 周 | 计划 | 实际 |\n|---|---|---|\n| 1 | 10 | 8 |\n| 2 | 20 | 13 |\n\n\
         ## 相关 Related\n\n- [供应商交付延期导致里程碑滑移](vendor-delay.md)\n",
    );
    site.build_ok();
    let queries = [
        "对分包进度没有可见性", // the front matter's summary
        "2024-07",              // a year-month
        "2024年7月2日",         // the date as the page prints it
        "刘敏",                 // the project's sponsor
        "信息中心",             // its department
        "已关闭",               // its status, as the site says it
        "每周检查",             // a risk's response in the project's register
        "启动会",               // a milestone
        "Key users in every",   // a cell of the report's ```table block (a lesson's title)
        "20 13",                // figures of a table, found but not quoted
        "里程碑滑移",           // a linked page's title, found but not quoted
        "2024年2月",            // the month the project's key figures are as of
    ];
    let r = search_client(&site, &json!(queries));
    let lesson = "lessons/subcontract/";
    let project = "projects/erp/";
    for (i, page) in [
        (0, lesson),
        (1, lesson),
        (2, lesson),
        (3, project),
        (4, project),
        (5, project),
        (6, project),
        (7, project),
        (8, "reports/charts/"),
        (9, lesson),
    ] {
        assert!(urls(&r[i]).contains(&page), "{}: {}", queries[i], r[i]);
    }
    assert!(urls(&r[10]).contains(&lesson), "{}", r[10]);
    // The pages showing that month first: the project (its figures' month) and the
    // report whose chart runs over its budget's months; the others hold its parts apart.
    let mut first_two = urls(&r[11])[..2].to_vec();
    first_two.sort_unstable();
    assert_eq!(first_two, [project, "reports/charts/"], "{}", r[11]);
    assert_eq!(r[11]["results"][1]["exact"], true, "{}", r[11]);
    assert_eq!(r[11]["results"][2]["exact"], false, "{}", r[11]);
    let excerpt_of = |res: &Value, url: &str| {
        res["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["url"] == url)
            .map(|x| x["excerpt"].as_str().unwrap().to_string())
            .unwrap()
    };
    for i in [9, 10] {
        let excerpt = excerpt_of(&r[i], lesson);
        assert!(excerpt.starts_with("总包对分包商的周报"), "{excerpt}");
        assert!(!excerpt.contains("<mark>"), "{excerpt}");
    }
}

/// A page found by its code or a day of its metadata quoted its opening, nothing marked
/// (the sixth search tester: 28 of 750 excerpts); it quotes the line holding it. A
/// number is not the start of another (20 marked the 20 of 2024).
#[test]
fn a_page_found_by_its_code_or_a_day_quotes_that_line() {
    let site = with_search();
    site.build_ok();
    let r = search_client(
        &site,
        &json!(["PRJ-2024-007", "2024-12-20", "LL-2024-001", "20 Carol"]),
    );
    let first = |i: usize| r[i]["results"][0].clone();
    assert_eq!(first(0)["url"], "projects/erp/", "{}", r[0]);
    let excerpt = |i: usize| first(i)["excerpt"].as_str().unwrap_or_default().to_string();
    assert!(excerpt(0).contains("<mark>PRJ-2024-007</mark>"), "{}", r[0]);
    assert!(excerpt(1).contains("<mark>2024-12-20</mark>"), "{}", r[1]);
    assert!(excerpt(2).contains("<mark>LL-2024-001</mark>"), "{}", r[2]);
    assert!(r[3]["total"].as_u64().unwrap() > 0, "{}", r[3]);
    for res in r[3]["results"].as_array().unwrap() {
        let excerpt = res["excerpt"].as_str().unwrap_or_default();
        assert!(!excerpt.contains("<mark>202"), "{excerpt}");
    }
}

/// A European walk-through searched `Wurttemberg` for a lesson on Baden-Württemberg and
/// found nothing: a letter with an accent is read as its base letter, in the index, the
/// query, the exact title and the marks alike.
#[test]
fn letters_with_accents_are_found_without_them() {
    let site = with_search();
    site.write(
        "content/lessons/stuttgart.md",
        "---\ntitle: Baden-Württemberg rollout\ndate: 2024-07-02\nproject: erp\nphase: execution\n\
         impact: negative\nseverity: high\n---\n\nThe café in Württemberg closed early, said Søndergaard.\n",
    );
    site.build_ok();
    let r = search_client(
        &site,
        &json!([
            "Wurttemberg",
            "baden-wurttemberg rollout",
            "CAFE",
            "württemberg",
            "Sondergaard"
        ]),
    );
    for res in &r {
        assert_eq!(res["results"][0]["url"], "lessons/stuttgart/", "{res}");
    }
    assert_eq!(r[1]["results"][0]["titleMatch"], true, "{}", r[1]);
    let excerpt = r[0]["results"][0]["excerpt"].as_str().unwrap().to_string();
    assert!(excerpt.contains("<mark>Württemberg</mark>"), "{excerpt}");
    let excerpt = r[2]["results"][0]["excerpt"].as_str().unwrap().to_string();
    assert!(excerpt.contains("<mark>café</mark>"), "{excerpt}");
}

/// `escalation` found no page saying "escalated" (the English search tester): a verb's
/// forms are one stem, in the index and the query, and the form written is marked.
#[test]
fn a_verbs_forms_find_each_other() {
    let site = with_search();
    site.write(
        "content/practices/risk/escalate.md",
        "---\ntitle: Supplier follow-up\n---\n\nThe tech lead escalated the late drawings twice.\n",
    );
    site.build_ok();
    let r = search_client(&site, &json!(["escalation", "escalating drawing"]));
    for res in &r {
        assert_eq!(
            res["results"][0]["url"], "practices/risk/escalate/",
            "{res}"
        );
        let excerpt = res["results"][0]["excerpt"].as_str().unwrap_or_default();
        assert!(excerpt.contains("<mark>escalated</mark>"), "{excerpt}");
    }
}

/// `鲲鹏项目` put the project's own page at rank 400 at 10,000 pages: every lesson of it
/// opens with "鲲鹏 项目（…）", exact text, and the project page holds neither the phrase
/// nor, often, the word project. A project page's title is also its name with 项目 or
/// project after it.
#[test]
fn a_project_is_found_first_by_its_name_and_project() {
    let site = with_search();
    site.write(
        "content/lessons/erp-notes.md",
        "---\ntitle: 接口联调的经验\ndate: 2024-05-02\nproject: erp\nphase: execution\nimpact: positive\n---\n\n\
         ERP 项目（ERP 升级）在联调阶段的经验教训。\n",
    );
    site.build_ok();
    let r = search_client(&site, &json!(["ERP项目", "ERP 项目", "erp project"]));
    for res in &r {
        assert_eq!(res["results"][0]["url"], "projects/erp/", "{res}");
        assert_eq!(res["results"][0]["titleMatch"], true, "{res}");
    }
}

/// Prose writing a date the European or the English way (27.09.2024, 28 October 2026)
/// was not found by the day typed `2024-09-27`, nor marked: such dates are indexed as the
/// ISO day and month, as dates written the Chinese way are.
#[test]
fn dates_written_in_words_are_found_and_marked_by_the_iso_day() {
    let site = with_search();
    site.write(
        "content/practices/risk/acceptance.md",
        "---\ntitle: Site acceptance\n---\n\nAbnahme am 27.09.2024 durch den Kunden. \
         The steering review was held on 28 October 2026.\n",
    );
    site.build_ok();
    let r = search_client(
        &site,
        &json!([
            "2024-09-27",
            "2026-10-28",
            "2026/10",
            "2024.9.27",
            "27.09.2024",
            "Oct 2026",
            "October 28, 2026"
        ]),
    );
    let marked = [
        "<mark>27.09.2024</mark>",
        "<mark>28 October 2026</mark>",
        "<mark>October 2026</mark>",
        "<mark>27.09.2024</mark>",
        "<mark>27.09.2024</mark>",
        "<mark>October 2026</mark>",
        "<mark>28 October 2026</mark>",
    ];
    // Typed in words, the date is searched as its ISO day or month, and says so.
    assert_eq!(r[5]["asDate"], "2026-10", "{}", r[5]);
    assert_eq!(r[6]["asDate"], "2026-10-28", "{}", r[6]);
    for (res, mark) in r.iter().zip(marked) {
        assert_eq!(
            res["results"][0]["url"], "practices/risk/acceptance/",
            "{res}"
        );
        let excerpt = res["results"][0]["excerpt"].as_str().unwrap_or_default();
        assert!(excerpt.contains(mark), "{mark}: {excerpt}");
    }
}

/// What a lesson or practice page shows besides its Markdown is searchable too: its kind
/// above the title (经验教训), the rows of a lesson's actions table (what, owner, status,
/// due and done dates) and a practice's review date. Each was shown on the page and
/// found by no query.
#[test]
fn the_kind_actions_and_review_date_a_page_shows_are_searchable() {
    let site = with_search();
    site.write(
        "content/lessons/cutover.md",
        "---\ntitle: 切换窗口过短\ndate: 2024-07-02\nproject: erp\nphase: execution\n\
         impact: negative\nactions:\n  - what: 编写切换回退手册并组织演练\n    owner: 周静怡\n\
         \x20   due: 2027-01-31\n    status: in-progress\n  - what: 冻结期延长到两周\n\
         \x20   owner: 钱芳\n    due: 2024-08-15\n    status: done\n    done: 2024-08-10\n---\n\n\
         切换只留了一个周末。\n",
    );
    site.write(
        "content/practices/cutover-checklist.md",
        "---\ntitle: 切换检查单\ndate: 2024-05-01\nreview_by: 2026-11-12\n---\n\n\
         切换前逐项核对。\n",
    );
    site.build_ok();
    let queries = [
        "经验教训",      // the lesson's kind, above its title
        "回退手册",      // an action
        "周静怡",        // its owner
        "进行中",        // its status, as the site says it
        "2027-01",       // its due date
        "2024年8月10日", // the other's done date, as the page prints it
        "2026-11",       // the practice's review date
        "关键指标",      // a project page's section
        "延期",          // a milestone's state
        "风险矩阵",      // a chart's title
    ];
    let r = search_client(&site, &json!(queries));
    let lesson = "lessons/cutover/";
    for (i, page) in [
        (0, lesson),
        (1, lesson),
        (2, lesson),
        (3, lesson),
        (4, lesson),
        (5, lesson),
        (6, "practices/cutover-checklist/"),
        (7, "projects/erp/"),
        (8, "projects/erp/"),
        (9, "projects/erp/"),
    ] {
        assert!(urls(&r[i]).contains(&page), "{}: {}", queries[i], r[i]);
    }
}

/// The notes under a project's milestone and risk counts (`已完成 1 / 共 3`, `共 4 项风险`)
/// and its charts' axis titles (`偏差（天）`) are on its page: a reader typing what the
/// card or chart says finds the project. They were shown and found by no query.
#[test]
fn a_project_s_figure_notes_and_chart_axes_are_searchable() {
    let site = with_search();
    site.build_ok();
    let html = site.read("projects/erp/index.html");
    // The notes as the page prints them, numbers and all.
    let notes: Vec<&str> = html
        .split("<p class=\"figure-note\">")
        .skip(1)
        .map(|rest| rest[..rest.find('<').unwrap()].trim())
        .collect();
    let risks = notes.iter().find(|n| n.ends_with("项风险")).expect("risks");
    let done = notes
        .iter()
        .find(|n| n.starts_with("已完成"))
        .expect("done");
    assert!(
        html.contains("偏差（天）"),
        "the milestone chart's axis is drawn"
    );
    let queries = [
        risks.replace(' ', ""),
        risks.to_string(),
        done.to_string(),
        "偏差（天）".to_string(),
    ];
    let r = search_client(&site, &json!(queries));
    for (i, q) in queries.iter().enumerate() {
        assert!(urls(&r[i]).contains(&"projects/erp/"), "{q}: {}", r[i]);
    }
}

/// The amounts a project's key figures print (cost and earned value to date, EAC, VAC,
/// percent complete), the cards' values and the risk matrix's rows and columns are text
/// the page shows: a reader copying one off the page found nothing before.
#[test]
fn a_project_s_key_figure_amounts_are_searchable() {
    let site = with_search();
    site.build_ok();
    let html = site.read("projects/erp/index.html");
    let text = |from: &str| -> String {
        let rest = &html[html.find(from).unwrap_or_else(|| panic!("no {from}")) + from.len()..];
        let inner = &rest[..rest.find("</p>").or(rest.find("</dd>")).unwrap()];
        let mut out = String::new();
        let mut in_tag = false;
        for c in inner.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let spent =
        text("<p class=\"figure-label\">累计实际成本</p>\n        <p class=\"figure-value\">");
    let note = html
        .split("<p class=\"figure-note\">")
        .map(|rest| rest[..rest.find('<').unwrap()].trim())
        .find(|n| n.starts_with("占预算"))
        .expect("the spend note");
    let dds: Vec<String> = html
        .split("<dd>")
        .skip(1)
        .map(|rest| rest[..rest.find("</dd>").unwrap()].to_string())
        .collect();
    let percent = dds
        .iter()
        .find(|d| d.ends_with('%'))
        .expect("percent complete")
        .clone();
    let queries = [
        spent.clone(),
        note.to_string(),
        percent.clone(),
        "概率 5".to_string(),
    ];
    assert!(spent.ends_with(" CNY") && spent.contains(','), "{spent}");
    assert!(note.contains("挣值（EV）"), "{note}");
    let r = search_client(&site, &json!(queries));
    for (i, q) in queries.iter().enumerate() {
        assert!(urls(&r[i]).contains(&"projects/erp/"), "{q}: {}", r[i]);
    }
}

/// A ```chart block's title, categories, legend and axis titles are text its page
/// shows, as a table block's cells are: each was drawn and found by no query.
#[test]
fn a_chart_block_s_title_and_labels_are_searchable() {
    let site = with_search();
    site.write(
        "data/training.csv",
        "部门,形式,课时\n质量保证部,线上课程,12\n质量保证部,面授工作坊,8\n\
         供应链管理部,线上课程,20\n供应链管理部,面授工作坊,5\n",
    );
    site.write(
        "content/reports/training.md",
        "---\ntitle: 培训报告\ndate: 2024-12-30\n---\n\n各部门的培训情况如下。\n\n\
         ```chart\ntype = \"bar\"\ndata = \"training\"\nx = \"部门\"\ny = \"课时\"\n\
         series = \"形式\"\ntitle = \"各部门培训投入对比\"\nx_label = \"受训部门\"\n\
         y_label = \"累计学时（小时）\"\n```\n",
    );
    site.build_ok();
    let html = site.read("reports/training/index.html");
    let queries = [
        "各部门培训投入对比", // its title
        "供应链管理部",       // a category
        "面授工作坊",         // a series, in the legend
        "累计学时",           // the y axis's title
        "受训部门",           // the x axis's title
    ];
    let r = search_client(&site, &json!(queries));
    for (i, q) in queries.iter().enumerate() {
        assert!(html.contains(q), "the page does not show {q}");
        assert!(urls(&r[i]).contains(&"reports/training/"), "{q}: {}", r[i]);
    }
}

/// A project page's status table (状态趋势（按月）) shows a row per month: the month
/// finds the project, as its key figures' month does.
#[test]
fn the_months_of_a_project_s_status_table_are_searchable() {
    let site = with_search();
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2023-06,100,90,100\n2023-07,200,190,210\n2023-08,300,290,320\n",
    );
    site.build_ok();
    let html = site.read("projects/erp/index.html");
    assert!(
        html.contains("<td>2023-07</td>"),
        "the month is not in the table"
    );
    let r = search_client(&site, &json!(["2023-07", "2023年7月", "2023/7"]));
    for res in &r {
        assert!(urls(res).contains(&"projects/erp/"), "{res}");
    }
}

/// A project page lists its ten risks of highest exposure: the others are not on the
/// page, so a query for their text must not find it (it did, ranked as if it held the
/// text: 5,000 pages at 10k claimed the text of risks they did not show).
#[test]
fn only_the_risks_a_project_page_shows_are_searchable() {
    let site = with_search();
    let mut csv = String::from("id,title,probability,impact,owner,status,response\n");
    for i in 1..=10 {
        csv += &format!("R{i:02},关键岗位人员流失{i},5,4,张伟,open,每周检查\n");
    }
    csv += "R11,机房漏水影响设备,1,1,李娜,open,加装漏水探测器\n";
    site.write("content/projects/erp/risks.csv", csv);
    site.build_ok();
    let html = site.read("projects/erp/index.html");
    assert!(
        html.contains("关键岗位人员流失10"),
        "a shown risk is missing"
    );
    assert!(!html.contains("机房漏水"), "the eleventh risk is shown");
    let r = search_client(
        &site,
        &json!(["关键岗位人员流失10", "机房漏水", "漏水探测器"]),
    );
    assert!(urls(&r[0]).contains(&"projects/erp/"), "{}", r[0]);
    for res in &r[1..] {
        assert!(!urls(res).contains(&"projects/erp/"), "{res}");
    }
}

/// The badges a page shows for what is late are words a reader searches for: an
/// action past its due date and not done (逾期), a practice past its review date
/// (已过复审期).
#[test]
fn the_overdue_badges_are_searchable() {
    let site = with_search();
    site.write(
        "content/lessons/late-action.md",
        "---\ntitle: 验收标准不清\ndate: 2024-07-02\nproject: erp\nphase: execution\n\
         impact: negative\nactions:\n  - what: 补写验收标准模板\n    owner: 周静怡\n\
         \x20   due: 2020-01-31\n    status: in-progress\n---\n\n验收时双方各执一词。\n",
    );
    site.write(
        "content/practices/stale-checklist.md",
        "---\ntitle: 上线检查单\ndate: 2019-05-01\nreview_by: 2020-11-12\n---\n\n上线前逐项核对。\n",
    );
    site.build_ok();
    assert!(site
        .read("lessons/late-action/index.html")
        .contains(">逾期<"));
    assert!(site
        .read("practices/stale-checklist/index.html")
        .contains(">已过复审期<"));
    let r = search_client(&site, &json!(["逾期", "进行中 逾期", "已过复审期"]));
    for res in &r[..2] {
        assert!(urls(res).contains(&"lessons/late-action/"), "{res}");
    }
    assert_eq!(urls(&r[2]), ["practices/stale-checklist/"], "{}", r[2]);
}

/// Issue 14: numbers and codes are found and marked as written, not as their pieces
/// (`10%` used to find 10 月 pages; `0.88` marked every 0).
#[test]
fn numbers_and_codes_are_found_as_written() {
    let site = with_search();
    site.write(
        "content/lessons/cpi-drop.md",
        "---\ntitle: 成本绩效下滑的预警\ndate: 2024-03-05\nproject: erp\nphase: monitoring\n\
         impact: negative\nid: LL-2024-012\n---\n\n\
         2024-03 的 CPI 降到 0.88，累计偏差 12.7%，预备费 1,200,000 元中已用去 10%。\
         版本 v2.1 上线后，关联项目 PRJ-2025-003 也受影响。\n",
    );
    site.write(
        "content/lessons/october.md",
        "---\ntitle: 10 月的例会记录\ndate: 2024-10-08\nproject: erp\nphase: monitoring\n\
         impact: positive\n---\n\n10 月共开会 0 次以上，12 个议题，7 项决议，88 人参加，2025 年 3 月复盘。\n",
    );
    site.build_ok();
    let queries = [
        "10%",
        "12.7%",
        "0.88",
        "1,200,000",
        "2024-03",
        "v2.1",
        "LL-2024-012",
        "PRJ-2025-003",
    ];
    let r = search_client(&site, &json!(queries));
    for (q, res) in queries.iter().zip(&r) {
        if *q == "2024-03" {
            // Every page dated in March 2024 shows that month.
            assert!(urls(res).contains(&"lessons/cpi-drop/"), "{res}");
            assert!(urls(res).contains(&"lessons/vendor-delay/"), "{res}");
            assert!(!urls(res).contains(&"lessons/october/"), "{res}");
        } else {
            assert_eq!(urls(res), ["lessons/cpi-drop/"], "{q}: {res}");
        }
    }
    for (q, res) in queries.iter().zip(&r).take(6) {
        let hit = res["results"].as_array().unwrap().iter();
        let excerpt = hit
            .filter(|x| x["url"] == "lessons/cpi-drop/")
            .map(|x| x["excerpt"].as_str().unwrap())
            .next()
            .unwrap();
        assert!(
            excerpt.contains(&format!("<mark>{q}</mark>")),
            "{q}: {excerpt}"
        );
        assert_eq!(excerpt.matches("<mark>").count(), 1, "{q}: {excerpt}");
    }
}

/// Writes a lesson of the ERP project dated `date`, whose body is `body`.
fn write_lesson(site: &Site, slug: &str, title: &str, date: &str, body: &str) {
    site.write(
        &format!("content/lessons/{slug}.md"),
        format!(
            "---\ntitle: {title}\ndate: {date}\nproject: erp\nphase: monitoring\n\
             impact: negative\n---\n\n{body}\n"
        ),
    );
}

/// A percentage is written `10%` or `10 %` (with a space, as French-style typesetting
/// and many hands do): either way of typing it finds, and marks, both pages — and not a
/// page that only says 10 of something.
#[test]
fn a_percentage_with_a_space_before_its_sign_is_the_same_number() {
    let site = with_search();
    let lesson =
        |slug: &str, title: &str, body: &str| write_lesson(&site, slug, title, "2024-03-05", body);
    lesson(
        "spaced",
        "成本偏差复盘",
        "成本偏差控制在 10 % 以内，超出须上报指导委员会。",
    );
    lesson(
        "tight",
        "进度偏差复盘",
        "进度偏差控制在10%以内，超出须上报。",
    );
    lesson("ten", "例会记录", "本月共开会 10 次，100 % 出席。");
    site.build_ok();
    let queries = ["10%", "10 %", "１０％", "10　%"];
    let r = search_client(&site, &json!(queries));
    for (q, res) in queries.iter().zip(&r) {
        let mut found = urls(res);
        found.sort_unstable();
        assert_eq!(found, ["lessons/spaced/", "lessons/tight/"], "{q}: {res}");
        for hit in res["results"].as_array().unwrap() {
            let excerpt = hit["excerpt"].as_str().unwrap();
            assert!(
                excerpt.contains("<mark>10 %</mark>") || excerpt.contains("<mark>10%</mark>"),
                "{q}: {excerpt}"
            );
        }
    }
}

/// A date is typed many ways — `2024/03`, `2024.3`, `2024-3`, `2024年03月`, `2024/3/5` —
/// and a reader means the month or day the page shows, whichever way it prints it.
#[test]
fn a_date_typed_another_way_finds_the_pages_showing_it() {
    let site = with_search();
    let body = "月度复盘发现成本绩效指数持续下滑。";
    write_lesson(&site, "cpi-drop", "成本绩效下滑的预警", "2024-03-05", body);
    let body = "例会记录了 2024 年 3 个议题。";
    write_lesson(&site, "october", "10 月的例会记录", "2024-10-08", body);
    site.build_ok();
    let queries = [
        "2024/03",
        "2024.3",
        "2024-3",
        "2024年03月",
        "2024/3/5",
        "2024.03.05 ",
    ];
    let r = search_client(&site, &json!(queries));
    for (q, res) in queries.iter().zip(&r) {
        assert_eq!(urls(res)[0], "lessons/cpi-drop/", "{q}: {res}");
        // 2024年03月 is words, which the October page holds too (2024 年 3 个议题), below.
        if !q.contains('年') {
            assert!(!urls(res).contains(&"lessons/october/"), "{q}: {res}");
        }
    }
}

/// A date the prose writes the Chinese way (`2025 年 9 月`, `2025年9月15日`) is found by
/// the ISO form and the other typed forms, as a date in the front matter is: `2026-10`
/// missed the four sample pages saying 2026 年 10 月 and found only those dated then.
#[test]
fn a_date_written_in_the_prose_is_found_however_it_is_typed() {
    let site = with_search();
    let body = "数据中心切换在 2025 年 9 月完成，回退演练定于2025年10月8日。";
    write_lesson(&site, "cutover-month", "切换复盘", "2023-01-05", body);
    let body = "2025 年共 9 个议题，10 月 8 日复盘。";
    write_lesson(&site, "scattered", "例会记录", "2023-02-08", body);
    site.build_ok();
    let queries = ["2025-09", "2025/9", "2025.09", "2025-10-08", "2025/10/8"];
    let r = search_client(&site, &json!(queries));
    for (q, res) in queries.iter().zip(&r) {
        assert_eq!(urls(res), ["lessons/cutover-month/"], "{q}: {res}");
    }
}

/// A date typed the Chinese way (`2024年3月`) means the month: a page dated in it, whose
/// metadata prints the date but whose text does not, comes before a page that only
/// holds the parts apart however often (2024 年, 3 个, 3 月 …).
#[test]
fn a_date_typed_in_chinese_ranks_the_pages_showing_it_first() {
    let site = with_search();
    let body = "月度复盘发现成本绩效指数持续下滑。";
    write_lesson(&site, "cpi-drop", "成本绩效下滑的预警", "2024-03-05", body);
    let body = "2024 年共 3 个议题。2024 年 5 月与 3 月的复盘，3 月底前完成，\
                2024 年计划 3 次，2024 年 3 个阶段。";
    write_lesson(&site, "scattered", "例会记录", "2023-10-08", body);
    site.build_ok();
    let queries = ["2024年3月", "2024 年 03 月", "2024年3月5日"];
    let r = search_client(&site, &json!(queries));
    for (q, res) in queries.iter().zip(&r) {
        assert_eq!(urls(res)[0], "lessons/cpi-drop/", "{q}: {res}");
    }
    // The page holding the parts apart is found, below and not as exact text.
    for res in &r {
        let scattered = res["results"].as_array().unwrap().iter();
        let scattered: Vec<_> = scattered
            .filter(|x| x["url"] == "lessons/scattered/")
            .collect();
        assert_eq!(scattered.len(), 1, "{res}");
        assert_eq!(scattered[0]["exact"], false, "{res}");
    }
}

/// A long run typed without spaces means its words, each of them: 风险 of 供应商延期风险
/// is in a quarter of the pages (so the client leaves its list unloaded at first), yet
/// a page lacking 风险 must not be listed, while one holding every word apart is.
#[test]
fn a_long_run_lists_only_pages_holding_each_of_its_words() {
    let site = with_search();
    common::write_long_run_pages(&site);
    site.write(
        "content/practices/vendor-apart.md",
        "---\ntitle: 乙\n---\n\n供应商交付延期，上线日期的风险随之上升。\n",
    );
    site.build_ok();
    // meta.common: the common bigrams written together, two characters each.
    let meta = site.index_data("meta.js");
    let common: Vec<char> = meta["common"].as_str().unwrap().chars().collect();
    assert!(
        common.chunks(2).any(|pair| pair == ['风', '险']),
        "风险 is a common bigram: {meta}"
    );
    let r = search_client(
        &site,
        &json!(["供应商延期风险", {"q": "供应商延期风险", "limit": 1}]),
    );
    let found = urls(&r[0]);
    assert_eq!(found[0], "practices/vendor-exact/", "{}", r[0]);
    assert!(found.contains(&"practices/vendor-apart/"), "{}", r[0]);
    assert!(!found.contains(&"practices/vendor-no-risk/"), "{}", r[0]);
    assert_eq!(total(&r[0]), found.len() as u64, "{}", r[0]);
    assert_eq!(urls(&r[1]), ["practices/vendor-exact/"], "{}", r[1]);
}

/// Chinese typed with a space or a mark between two runs (`北斗 执行阶段`, as titles
/// are written) means the text with or without it: the page holding it exactly as
/// typed ranks first and as exact text, above a page holding the runs apart however
/// often — though no page writing it so holds a bigram across the space.
#[test]
fn runs_a_space_keeps_apart_still_make_exact_text() {
    let site = with_search();
    site.write(
        "content/practices/spaced.md",
        "---\ntitle: 甲\n---\n\n北斗 执行阶段关键路径的复盘。\n",
    );
    site.write(
        "content/practices/apart.md",
        "---\ntitle: 乙\n---\n\n执行阶段关键路径落后，北斗团队加班。北斗 项目的执行阶段关键路径\
         再次延误，北斗与执行阶段关键路径。\n",
    );
    site.build_ok();
    let queries = [
        "北斗 执行阶段关键路径",
        "北斗：执行阶段关键路径",
        "北斗、执行阶段关键路径",
    ];
    let r = search_client(&site, &json!(queries));
    for (q, res) in queries.iter().zip(&r) {
        assert_eq!(
            urls(res)[..2],
            ["practices/spaced/", "practices/apart/"],
            "{q}: {res}"
        );
        assert_eq!(res["results"][0]["exact"], true, "{q}: {res}");
        assert_eq!(res["results"][1]["exact"], false, "{q}: {res}");
    }
}

/// A match deep in a page: the index tells which block first holds each term, so the
/// client asks for that block with block 0, in the same round, rather than a round
/// after reading block 0 — for the excerpt of a result and for the check of a page's
/// exact text alike.
#[test]
fn a_match_past_the_first_block_loads_with_it() {
    let site = with_search();
    let filler = "团队每周召开例会，检查里程碑进度与资源安排。\n".repeat(60);
    for (slug, quarter) in [("deep-delay", "第三"), ("deep-delay-again", "第四")] {
        site.write(
            &format!("content/lessons/{slug}.md"),
            format!(
                "---\ntitle: {quarter}季度复盘\ndate: 2024-09-30\nproject: erp\nphase: monitoring\n\
                 impact: negative\n---\n\n{filler}\n外包团队交付延期两周，上线推迟。\n"
            ),
        );
    }
    site.build_ok();
    // Results whose excerpt lies in block 1; with one result shown of the two pages
    // claiming the phrase, the check of its exact text, which reads past block 0.
    let r = search_client(
        &site,
        &json!([{"q": "交付延期"}, {"q": "外包团队", "limit": 1}, {"q": "外包团队"}]),
    );
    for res in &r {
        let rounds = common::search_rounds(res);
        let mut later = 0;
        for files in &rounds {
            for f in files
                .iter()
                .filter(|f| f.starts_with("x/") && !f.ends_with("-0"))
            {
                let (doc, _) = f.rsplit_once('-').unwrap();
                assert!(
                    files.contains(&format!("{doc}-0")),
                    "{f} a round late: {rounds:?}"
                );
                later += 1;
            }
        }
        assert!(later > 0, "no later block asked for: {rounds:?}");
        // meta, the shards, then the excerpt blocks; a query finding less than a page
        // goes on to its synonyms, their table asked for beside those blocks.
        let at = |name: &str| {
            rounds
                .iter()
                .position(|files| files.iter().any(|f| f.starts_with(name)))
        };
        assert_eq!(at("x/"), Some(2), "{rounds:?}");
        assert!(at("syn").is_none() || at("syn") == at("x/"), "{rounds:?}");
    }
    let deep = r[0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["url"] == "lessons/deep-delay/")
        .unwrap_or_else(|| panic!("{}", r[0]));
    assert!(
        deep["excerpt"]
            .as_str()
            .unwrap()
            .contains("<mark>交付延期</mark>"),
        "{deep}"
    );
}

/// A title writing its month the Chinese way (2026年10月组合月报) came 16th for
/// `2026-10` on the sample portal, under every page merely dated that month (the search
/// tester of the fourth round): the title holds the month as `2026-10` too, with a
/// title's weight.
#[test]
fn a_month_typed_iso_finds_the_title_that_writes_it_in_chinese_first() {
    let site = Site::sample();
    site.build_ok();
    let r = search_client(&site, &json!(["2026-10", "2026/10"]));
    for res in &r {
        assert_eq!(urls(res)[0], "reports/portfolio-2026-10/", "{res}");
    }
}

/// A page found by what it shows beside its prose (its owner) showed its opening, with
/// nothing marked: 87 of 769 result rows of the fifth search tester's queries. Its
/// excerpt is now the line that matched; a match in the prose still comes first.
#[test]
fn a_page_found_by_its_metadata_quotes_the_line_that_matched() {
    let site = with_search();
    site.write(
        "content/practices/risk/owned.md",
        "---\ntitle: 风险复盘节奏\nowner: Ivan Tan\n---\n\n每月复盘一次风险清单，关闭已失效的风险。\n",
    );
    site.write(
        "content/practices/risk/named.md",
        "---\ntitle: 风险升级\nowner: 王芳\n---\n\n超过阈值的风险由 Ivan Tan 升级到指导委员会。\n",
    );
    site.build_ok();
    let r = search_client(&site, &json!(["Ivan Tan"]));
    let excerpt = |url: &str| -> String {
        r[0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["url"] == url)
            .map(|row| row["excerpt"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{url}: {}", r[0]))
    };
    assert!(
        excerpt("practices/risk/owned/").contains("<mark>Ivan</mark> <mark>Tan</mark>"),
        "{}",
        r[0]
    );
    assert!(
        excerpt("practices/risk/named/").contains("由 <mark>Ivan</mark> <mark>Tan</mark> 升级"),
        "{}",
        r[0]
    );
}

/// A project is found by its folder's name, as lessons write it in `project`, and a
/// compound written with a hyphen by the word typed without it (the ninth search
/// tester: `erp-upgrade` and `golive` found nothing).
#[test]
fn a_project_folder_name_and_a_hyphenless_compound_are_found() {
    let site = with_search();
    site.write(
        "content/practices/golive.md",
        "---\ntitle: 上线检查\n---\n\nThe go-live checklist needs two sign-offs.\n",
    );
    let erp = std::fs::read_to_string(site.root().join("content/projects/erp/index.md")).unwrap();
    site.write(
        "content/projects/dc-move/index.md",
        erp.replace("title: ERP 升级", "title: 机房搬迁")
            .replace("PRJ-2024-007", "PRJ-2024-009"),
    );
    site.build_ok();
    let r = search_client(&site, &json!(["dc-move", "golive", "signoff"]));
    assert_eq!(urls(&r[0])[0], "projects/dc-move/", "{}", r[0]);
    for res in &r[1..] {
        assert_eq!(urls(res), ["practices/golive/"], "{res}");
    }
}
