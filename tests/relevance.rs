//! Relevance: what comes first for the queries readers type, run with the real client
//! (the search client under node) on the bundled sample portal and on a generated one (issue 14).
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

use common::{assert_first, result_urls as urls, search_client, Site};
use serde_json::{json, Value};

/// The bundled sample portal, built.
fn sample() -> Site {
    let site = Site::sample();
    site.build_ok();
    site
}

/// Lowercased, without white space: how "the query's exact text" is compared.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `text` holds `needle` in order as pieces of two characters or more, the
/// longest first at each step (the client's rule for a title holding a query's words
/// apart).
fn holds_in_pieces(text: &str, needle: &str) -> bool {
    let q: Vec<char> = needle.chars().collect();
    let mut at = 0;
    let mut i = 0;
    while i < q.len() {
        let piece = (2..=q.len() - i).rev().find_map(|len| {
            let piece: String = q[i..i + len].iter().collect();
            text[at..]
                .find(&piece)
                .map(|found| (at + found + piece.len(), len))
        });
        match piece {
            Some((end, len)) => {
                at = end;
                i += len;
            }
            None => return false,
        }
    }
    true
}

/// The cells of a project's table `stem` (its milestones or risks), whichever way it is
/// written: CSV, or a workbook (the MES project's milestones, 项目收尾评审 among them).
fn table_text(stem: &Path) -> String {
    use calamine::{open_workbook_auto, Reader};
    let mut text = std::fs::read_to_string(stem.with_extension("csv")).unwrap_or_default();
    if let Ok(mut book) = open_workbook_auto(stem.with_extension("xlsx")) {
        for (_, range) in book.worksheets() {
            for cell in range.used_cells() {
                text += &format!("{}\n", cell.2);
            }
        }
    }
    text
}

/// Each page's URL and its searchable text as written: the Markdown file (front matter
/// included), for a project its milestones and risks, and for a review its type as shown.
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
        // A section's `_index.md` is searched by its introduction, at the section's URL.
        let url = match rel
            .strip_suffix("_index.md")
            .or(rel.strip_suffix("index.md"))
        {
            Some(dir) => dir.to_string(),
            None => format!("{}/", rel.trim_end_matches(".md")),
        };
        let mut text = std::fs::read_to_string(path).unwrap();
        if rel.ends_with("/index.md") {
            for table in ["milestones", "risks"] {
                text += &table_text(&path.with_file_name(table));
            }
        }
        // A review shows its type in words (the sample portal's UI is Chinese).
        for (key, shown) in [("phase-gate", "阶段关口评审"), ("closure", "收尾评审")] {
            if text.contains(&format!("\ntype: {key}\n")) {
                text += &format!("\n{shown}\n");
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
        // A person with the role the project page shows them in.
        ("项目经理 郑磊", "projects/mes-smart-factory/"),
        ("发起人 马建军", "projects/mes-smart-factory/"),
        ("项目经理 吴昊", "projects/data-center-migration/"),
        // The practice's 5×5 矩阵, however the size is typed.
        ("5x5", "practices/risk/risk-assessment-matrix/"),
        ("5X5 矩阵", "practices/risk/risk-assessment-matrix/"),
        ("5*5 矩阵", "practices/risk/risk-assessment-matrix/"),
    ];
    assert_first(&site, &table);
}

/// A query naming what kind of page it wants after its subject (`郑磊的项目`,
/// `吴昊的经验教训`: a person, then the kind's label as pages show it) put first a
/// lesson or report naming the person beside the word 项目, and the project below it.
#[test]
fn a_kind_named_after_the_subject_puts_that_kind_first() {
    let site = sample();
    let table = [
        ("郑磊的项目", "projects/mes-smart-factory/"),
        ("人力资源部的项目", "projects/hr-self-service/"),
        ("吴昊 项目", "projects/data-center-migration/"),
    ];
    assert_first(&site, &table);
    let r = search_client(&site, &json!(["吴昊的经验教训"]));
    let first = urls(&r[0]);
    assert!(
        first.first().is_some_and(|u| u.starts_with("lessons/")),
        "{}",
        r[0]
    );
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
        let titles: Vec<String> = res["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| squeeze(row["title"].as_str().unwrap_or_default()))
            .collect();
        // The last page holding the text comes before the first that does not, but for
        // a page whose title holds the query's words in order (数据迁移计划只安排一次演练
        // for 数据迁移演练): what the query looks for, it may come first.
        let last_exact = found.iter().rposition(|u| exact(u));
        let first_apart = found
            .iter()
            .zip(&titles)
            .position(|(u, title)| !exact(u) && !holds_in_pieces(title, &needle));
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

// ------------------------------------------------------------------ a generated portal

/// Phrases the generated pages are written from. They recur across pages, as in a real
/// portal (and the 10k benchmark corpus): the bigrams of 阶段, 项目 or 供应商 are in most
/// pages, so their postings are long enough to be written ranked (docs/search-format.md),
/// and the parts of a phrase often meet apart (收尾阶段 … 阶段关口), which is what the
/// ordering must see through.
const PROJECTS: [&str; 6] = ["北斗", "鲲鹏", "Aurora", "Polaris", "天宫", "Draco"];
const PHASES: [&str; 5] = ["启动", "规划", "执行", "监控", "收尾"];
const TOPICS: [&str; 10] = [
    "需求评审",
    "供应商管理",
    "风险登记册",
    "变更控制",
    "挣值分析",
    "数据迁移演练",
    "阶段关口评审",
    "干系人沟通",
    "质量保证",
    "资源协调",
];
const KINDS: [&str; 3] = ["经验教训", "最佳实践", "复盘"];
const ENGLISH: [&str; 6] = [
    "kick-off",
    "go-live",
    "scope creep",
    "baseline",
    "vendor delay",
    "resource leveling",
];
const ISSUES: [&str; 5] = [
    "关键资源冲突",
    "接口规范不一致",
    "测试环境不稳定",
    "审批流程过长",
    "供应商交付延期",
];
const TEAMS: [&str; 5] = ["项目组", "业务部门", "财务部", "实施团队", "测试小组"];

/// A seeded generator (64-bit LCG): the same site every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// A portal of `pages` practice pages written from the phrases above; returns it built, with
/// each page's URL, title and source text (squeezed: the truth queries are checked
/// against).
fn generated(pages: usize) -> (Site, Vec<(String, String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let site = Site { dir };
    site.write(
        "site.toml",
        "title = \"PMO 知识门户\"\nlanguage = \"zh-CN\"\nbase_url = \"https://pmo.example.org/\"\n",
    );
    let mut rng = Rng(14);
    let mut out = Vec::new();
    for n in 0..pages {
        let (project, phase, topic) = (rng.pick(&PROJECTS), rng.pick(&PHASES), rng.pick(&TOPICS));
        let title = format!(
            "{project} {phase}阶段{topic}{}：{} {n}",
            rng.pick(&KINDS),
            rng.pick(&ENGLISH)
        );
        let mut body = String::new();
        for _ in 0..(6 + rng.below(10)) {
            let sentence = match rng.below(6) {
                0 => format!(
                    "在{}阶段，{}发现{}直接影响了 {}，导致偏差约 {}%。",
                    rng.pick(&PHASES),
                    rng.pick(&TEAMS),
                    rng.pick(&ISSUES),
                    rng.pick(&ENGLISH),
                    rng.below(40)
                ),
                1 => format!(
                    "由于{}，{}工作被迫延期，累计影响 {} 个 work package。",
                    rng.pick(&ISSUES),
                    rng.pick(&TOPICS),
                    rng.below(30)
                ),
                2 => format!(
                    "{}与{}之间的{}不足，是造成{}的主要原因之一。",
                    rng.pick(&TEAMS),
                    rng.pick(&TEAMS),
                    rng.pick(&TOPICS),
                    rng.pick(&ISSUES)
                ),
                3 => format!(
                    "Because the {} was not tracked, the PMO lead only noticed the {} at the gate review.",
                    rng.pick(&ENGLISH),
                    rng.pick(&ENGLISH)
                ),
                4 => format!(
                    "建议在{}阶段加强{}；CPI dropped to 0.{}.",
                    rng.pick(&PHASES),
                    rng.pick(&TOPICS),
                    10 + rng.below(90)
                ),
                _ => format!(
                    "参见 LL-20{}-{:03}：{}。",
                    20 + rng.below(6),
                    rng.below(40),
                    rng.pick(&ISSUES)
                ),
            };
            body.push_str(&sentence);
            body.push_str(if rng.below(3) == 0 { "\n\n" } else { " " });
        }
        let source = format!(
            "---\ntitle: \"{title}\"\ndate: 2024-{:02}-{:02}\ncategory: 项目管理\n---\n\n{body}\n",
            1 + rng.below(12),
            1 + rng.below(28)
        );
        site.write(&format!("content/practices/gen/p-{n:03}.md"), &source);
        out.push((format!("practices/gen/p-{n:03}/"), title, squeeze(&source)));
    }
    site.build_ok();
    (site, out)
}

/// On a generated portal of 300 pages: every page holding a query's exact text is found
/// and ranks above the pages holding its parts apart; an unspaced two-word query finds
/// every page holding both words; a title typed loosely finds its page first.
#[test]
fn a_generated_portal_ranks_as_the_sample_does() {
    let (site, pages) = generated(300);
    let ranked = std::fs::read_dir(site.public().join("search/p"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert!(ranked > 0, "the common bigrams' lists are ranked, in p/");
    // Phrases (exact text first), two words typed without a space, codes and numbers.
    let mut phrases: Vec<String> = TOPICS.iter().map(|t| t.to_string()).collect();
    phrases.extend(
        [
            "收尾阶段",
            "阶段需求评审",
            "供应商交付延期",
            "scope creep",
            "vendor delay",
        ]
        .map(String::from),
    );
    let words = [
        ("供应商", "延期"),
        ("测试", "冲突"),
        ("挣值", "资源"),
        ("变更", "评审"),
    ];
    phrases.extend(words.iter().map(|(a, b)| format!("{a}{b}")));
    let codes = ["LL-2023-017", "LL-2021-005", "0.42"];
    phrases.extend(codes.map(String::from));
    let asked: Vec<Value> = phrases
        .iter()
        .map(|q| json!({"q": q, "limit": 1000}))
        .collect();
    let r = search_client(&site, &json!(asked));
    let mut checked = 0;
    for (q, res) in phrases.iter().zip(&r) {
        let found = urls(res);
        let needle = squeeze(q);
        let exact = |url: &str| {
            pages
                .iter()
                .any(|(u, _, text)| u == url && text.contains(&needle))
        };
        // Recall: every page holding the exact text is found.
        for (url, _, text) in &pages {
            if text.contains(&needle) {
                assert!(found.contains(url), "{q}: {url} holds it but is not found");
            }
        }
        let last_exact = found.iter().rposition(|u| exact(u));
        let first_apart = found.iter().position(|u| !exact(u));
        if let (Some(e), Some(a)) = (last_exact, first_apart) {
            assert!(
                e < a,
                "{q}: {} (exact text) ranks below {} (parts apart)",
                found[e],
                found[a]
            );
        }
        checked += usize::from(last_exact.is_some());
    }
    assert!(checked >= 12, "most phrases have exact pages ({checked})");
    // Two words typed without a space: every page holding both is found.
    for ((a, b), res) in words
        .iter()
        .zip(&r[phrases.len() - codes.len() - words.len()..])
    {
        let found = urls(res);
        for (url, _, text) in &pages {
            if text.contains(a) && text.contains(b) {
                assert!(found.contains(url), "{a}{b}: {url} holds both words");
            }
        }
    }
    // Titles as written, lowercased and without spaces: their page first.
    let titles: Vec<(String, &str)> = pages
        .iter()
        .step_by(37)
        .enumerate()
        .map(|(i, (url, title, _))| {
            let typed = match i % 3 {
                0 => title.clone(),
                1 => title.to_lowercase(),
                _ => title.split_whitespace().collect(),
            };
            (typed, url.as_str())
        })
        .collect();
    let queries: Vec<&str> = titles.iter().map(|(q, _)| q.as_str()).collect();
    let r = search_client(&site, &json!(queries));
    for ((q, url), res) in titles.iter().zip(&r) {
        assert_eq!(urls(res).first().map(String::as_str), Some(*url), "{q}");
    }
}

/// A built site of `apart` pages whose titles hold 尾阶 阶段 段敏 敏捷, never in a row
/// (阶段敏捷 … 收尾阶段: not the phrase's words in order either), `halves` pages titled 收尾阶段 and as many titled 阶段敏捷
/// (holding some of the phrase's bigrams, so not claiming it), and six pages holding
/// 收尾阶段敏捷 in a row in their body; with the URLs of those six.
fn apart_and_in_a_row(apart: usize, halves: usize) -> (Site, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let site = Site { dir };
    site.write(
        "site.toml",
        "title = \"PMO 知识门户\"\nlanguage = \"zh-CN\"\nbase_url = \"https://pmo.example.org/\"\n",
    );
    for n in 0..apart {
        site.write(
            &format!("content/practices/apart/a-{n:03}.md"),
            format!(
                "---\ntitle: \"阶段敏捷与收尾阶段 {n}\"\ndate: 2024-05-01\n---\n\n团队复盘了本期的工作安排。\n"
            ),
        );
    }
    for n in 0..halves {
        for (half, title) in [("end", "收尾阶段"), ("agile", "阶段敏捷")] {
            site.write(
                &format!("content/practices/{half}/h-{n:03}.md"),
                format!("---\ntitle: \"{title} {n}\"\ndate: 2024-05-01\n---\n\n团队复盘了本期的工作安排。\n"),
            );
        }
    }
    let exact: Vec<String> = (0..6).map(|n| format!("practices/row/r-{n}/")).collect();
    for n in 0..6 {
        site.write(
            &format!("content/practices/row/r-{n}.md"),
            format!(
                "---\ntitle: \"项目复盘 {n}\"\ndate: 2024-05-01\n---\n\n项目在收尾阶段敏捷转型中遇到了困难，复盘记录如下。\n"
            ),
        );
    }
    site.build_ok();
    (site, exact)
}

/// Many pages holding a phrase's bigrams apart, weighing more than the few holding the
/// phrase (in their titles, against the phrase in a body), and more of them than the
/// client reads the text of: the page of results still starts with the exact pages. The
/// index's places tell the client which claimers cannot hold the phrase in a row. Here
/// every page holding a bigram of the phrase claims it, so nothing but their text or
/// places can tell: the client reads one page of them first (most phrases claimed by
/// many pages are fixed phrases, whose places would drop none), then, finding some
/// apart, loads the places.
#[test]
fn scattered_bigrams_on_many_pages_do_not_push_the_exact_text_down() {
    let (site, exact) = apart_and_in_a_row(60, 0);
    let r = search_client(
        &site,
        &json!([
            {"q": "尾阶段敏捷", "limit": 8},
            {"q": "尾阶段敏捷", "limit": 20},
            {"q": "尾阶段敏", "limit": 20}
        ]),
    );
    for res in &r {
        let found = urls(res);
        let mut first: Vec<String> = found.iter().take(exact.len()).cloned().collect();
        first.sort();
        assert_eq!(first, exact, "{}: {found:?}", res["q"]);
        // The claimers apart were told by their places, not read one by one: one page
        // of them read at most, besides the results.
        let files = res["files"].as_array().unwrap();
        let read = files
            .iter()
            .filter(|f| f.as_str().is_some_and(|f| f.starts_with("x/")))
            .count();
        assert!(
            read <= found.len() + exact.len() + 2,
            "{}: {read} excerpt blocks read",
            res["q"]
        );
        assert!(
            files
                .iter()
                .any(|f| f.as_str().is_some_and(|f| f.starts_with("m/"))),
            "{}: no places: {files:?}",
            res["q"]
        );
    }
}

/// Many pages claiming a phrase (its bigrams, where their places could meet) and none
/// holding it: reading stops once a page of them is read apart, and those left unread
/// kept their claim, ranked above every page read, so which came first hung on how many
/// results were asked for (交付延期 at 10k: one project first in a box of three, another
/// page in the header box of eight, a third on the results page).
#[test]
fn a_phrase_no_page_holds_ranks_alike_whatever_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site { dir };
    site.write(
        "site.toml",
        "title = \"PMO 知识门户\"\nlanguage = \"zh-CN\"\nbase_url = \"https://pmo.example.org/\"\n",
    );
    // 尾阶 阶段 at 1, 2 and 段敏 敏捷 five places on, where coarse places cannot tell
    // them from a row: every page claims the phrase and must be read to be told apart.
    for n in 0..60 {
        let more = "补充说明。".repeat(n % 7);
        site.write(
            &format!("content/practices/apart/a-{n:03}.md"),
            format!("---\ntitle: \"复盘记录 {n}\"\ndate: 2024-05-01\n---\n\n收尾阶段一二三四段敏捷。{more}\n"),
        );
    }
    site.build_ok();
    let r = search_client(
        &site,
        &json!([
            {"q": "尾阶段敏捷", "limit": 3},
            {"q": "尾阶段敏捷", "limit": 8},
            {"q": "尾阶段敏捷", "limit": 20}
        ]),
    );
    let firsts: Vec<Vec<String>> = r.iter().map(|res| urls(res)[..3].to_vec()).collect();
    assert_eq!(firsts[0], firsts[1], "{firsts:?}");
    assert_eq!(firsts[1], firsts[2], "{firsts:?}");
}

/// A page holding the phrase only past its first excerpt block (which is short, to keep a
/// page of results small), against pages holding its parts apart in their titles: the
/// client reads the later block before it settles the page's place, so the exact page
/// still comes first, and its excerpt shows the phrase from there.
#[test]
fn the_exact_text_past_the_first_block_still_ranks_first() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site { dir };
    site.write(
        "site.toml",
        "title = \"PMO 知识门户\"\nlanguage = \"zh-CN\"\nbase_url = \"https://pmo.example.org/\"\n",
    );
    for n in 0..5 {
        site.write(
            &format!("content/practices/apart/a-{n}.md"),
            format!(
                "---\ntitle: \"阶段敏捷与收尾阶段 {n}\"\ndate: 2024-05-01\n---\n\n团队复盘了本期的工作安排。\n"
            ),
        );
    }
    // About 1,300 characters before the phrase: past block 0's 800.
    let filler = "团队复盘了本期的工作安排，记录了每一项待办。\n\n".repeat(60);
    site.write(
        "content/practices/deep.md",
        format!(
            "---\ntitle: \"项目复盘\"\ndate: 2024-05-01\n---\n\n{filler}项目在收尾阶段敏捷转型中遇到了困难。\n"
        ),
    );
    site.build_ok();
    let r = search_client(&site, &json!([{"q": "尾阶段敏捷", "limit": 20}]));
    let first = &r[0]["results"][0];
    assert_eq!(first["url"], "practices/deep/", "{}", r[0]);
    assert!(
        first["excerpt"]
            .as_str()
            .unwrap()
            .contains("<mark>尾阶段敏捷</mark>"),
        "{first}"
    );
    let files = r[0]["files"].as_array().unwrap();
    assert!(
        files
            .iter()
            .any(|f| f.as_str().is_some_and(|f| f.ends_with("-1"))),
        "the later block was read: {files:?}"
    );
}

/// A ranked list says whether its places are written (a fourth entry, their modulus),
/// and a places file `m/p<bucket>.js` is written only for a bucket with such a list,
/// holding exactly those: the lists of unigrams (阶, 段 in every page) have no places, and their buckets
/// used to get a file of `{}` each (at 10k, 941 of them). A query asks only for files
/// that exist.
#[test]
fn a_places_file_is_written_only_for_ranked_lists_that_say_so() {
    let (site, _) = apart_and_in_a_row(300, 0);
    let search = site.public().join("search");
    let mut placed_buckets = 0;
    for entry in std::fs::read_dir(search.join("p")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        let bucket = name.strip_suffix(".js").unwrap();
        let lists = site.index_data(&format!("p/{bucket}.js"));
        let mut placed: Vec<&String> = lists
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, l)| l.get(3).is_some())
            .map(|(t, _)| t)
            .collect();
        let places = format!("m/p{bucket}.js");
        if placed.is_empty() {
            assert!(!site.exists(&format!("search/{places}")), "{places}");
            continue;
        }
        placed_buckets += 1;
        let data = site.index_data(&places);
        let mut written: Vec<&String> = data.as_object().unwrap().keys().collect();
        placed.sort();
        written.sort();
        assert_eq!(placed, written, "{places}");
    }
    assert!(placed_buckets > 0, "no ranked list has places");
    let r = search_client(
        &site,
        &json!([{"q": "尾阶段敏捷", "limit": 20}, {"q": "阶段", "limit": 20}]),
    );
    for res in &r {
        for round in res["rounds"].as_array().unwrap() {
            for f in round.as_array().unwrap() {
                let f = f.as_str().unwrap();
                assert!(search.join(format!("{f}.js")).exists(), "{f} asked: {res}");
            }
        }
    }
}

/// Places are the largest files a query may load, and tell something only where pages
/// may hold a phrase's parts apart. A cold query asks for them, before it reads any
/// page, when some page holding the rarest bigram of the phrase does not claim it (300
/// pages hold 收尾阶段敏捷's bigrams apart, others only 收尾阶段 or 阶段敏捷); for a
/// phrase all of whose holders hold it whole (复盘了本期, in 900 pages), it loads none.
#[test]
fn a_cold_query_loads_places_only_where_parts_may_stand_apart() {
    let (site, exact) = apart_and_in_a_row(300, 300);
    let r = search_client(
        &site,
        &json!([{"q": "尾阶段敏捷", "limit": 8}, {"q": "复盘了本期", "limit": 8}]),
    );
    let rounds = common::search_rounds;
    let first_with = |rounds: &[Vec<String>], prefix: &str| {
        rounds
            .iter()
            .position(|round| round.iter().any(|f| f.starts_with(prefix)))
    };
    let apart = &r[0];
    let found = urls(apart);
    let mut first: Vec<String> = found.iter().take(exact.len()).cloned().collect();
    first.sort();
    assert_eq!(first, exact, "{found:?}");
    let apart_rounds = rounds(apart);
    let places = first_with(&apart_rounds, "m/");
    assert!(places.is_some(), "no places: {apart_rounds:?}");
    assert!(
        places > first_with(&apart_rounds, "p/") && places < first_with(&apart_rounds, "x/"),
        "places after the lists, before any page is read: {apart_rounds:?}"
    );
    let read = apart["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.as_str().is_some_and(|f| f.starts_with("x/")))
        .count();
    assert!(read <= found.len() + 2, "{read} excerpt blocks read");

    let fixed_rounds = rounds(&r[1]);
    assert_eq!(r[1]["results"].as_array().unwrap().len(), 8, "{}", r[1]);
    assert_eq!(first_with(&fixed_rounds, "m/"), None, "{fixed_rounds:?}");
    assert!(fixed_rounds.len() <= 4, "{fixed_rounds:?}");
}

/// A results page of 20 where fewer pages claim the phrase than it shows, but more than
/// the 8 the client reads before giving up on one holding it: their places are still
/// asked for before any page is read, to drop the pages holding the parts apart (their
/// text was read, two blocks each for a long page, where the places cost a fraction).
#[test]
fn a_results_page_with_more_claimers_than_its_first_reads_loads_places_first() {
    let (site, exact) = apart_and_in_a_row(8, 300);
    let r = search_client(&site, &json!([{"q": "尾阶段敏捷", "limit": 20}]));
    let rounds = common::search_rounds(&r[0]);
    let first_with = |prefix: &str| {
        rounds
            .iter()
            .position(|round| round.iter().any(|f| f.starts_with(prefix)))
    };
    let found = urls(&r[0]);
    let mut first: Vec<String> = found.iter().take(exact.len()).cloned().collect();
    first.sort();
    assert_eq!(first, exact, "{found:?}");
    // In the round of the first blocks at the latest: those of the results sure to be
    // shown load beside it (before this, a page of 20 with 14 claimers loaded none).
    assert!(
        first_with("m/").is_some() && first_with("m/") <= first_with("x/"),
        "places with the first blocks: {rounds:?}"
    );
}

/// A section's introduction is its own prose, shown on its page: `写一条经验教训` found
/// the process page but not the lessons section saying it, and a query naming a section
/// did not find it. The home page, a tour naming what every page holds, is no result,
/// and a section's short text does not put it above the pages it lists on a word.
#[test]
fn a_sections_introduction_is_searched_and_the_home_page_is_not() {
    let site = sample();
    let r = search_client(
        &site,
        &json!([
            {"q": "写一条经验教训", "limit": 50},
            {"q": "组合报告", "limit": 50},
            {"q": "供应商延期", "limit": 50},
            {"q": "挣值", "limit": 50},
        ]),
    );
    assert!(urls(&r[0]).contains(&"lessons/".to_string()), "{r:?}");
    assert_eq!(urls(&r[1]).first().map(String::as_str), Some("reports/"));
    for res in &r {
        assert!(
            !urls(res).iter().any(|u| u.is_empty() || u == "./"),
            "{res}"
        );
    }
    let earned = urls(&r[3]);
    assert_eq!(earned[0], "lessons/mes-evm-early-warning/", "{earned:?}");
    let section = earned.iter().position(|u| u == "practices/performance/");
    let practice = earned
        .iter()
        .position(|u| u == "practices/performance/performance-monitoring/");
    assert!(section > practice, "{earned:?}");
}

/// A question asking what a term is (`什么是挣值`, `挣值是什么意思`, `CPI 定义`) wants the
/// page saying what it is: the practice whose heading is 挣值的基本概念 and which writes
/// `EV（挣值）：…` and `CPI = EV / AC`, not the lesson titled with 挣值 nor the report
/// quoting CPI. `挣值是什么意思` and `EAC 计算公式` had found nothing (no page holds 意思 or
/// 公式 beside the term), `CPI 定义` only the two pages that happen to say 定义.
#[test]
fn a_question_asking_what_a_term_is_finds_the_page_saying_it() {
    let site = sample();
    let performance = "practices/performance/performance-monitoring/";
    let register = "practices/risk/risk-register/";
    let table = [
        ("什么是挣值", performance),
        ("挣值是什么意思", performance),
        ("挣值的定义", performance),
        ("CPI 定义", performance),
        ("SPI是什么？", performance),
        ("EAC 计算公式", performance),
        ("完工估算怎么算", performance),
        ("what is earned value", performance),
        ("什么是风险登记册", register),
        ("风险登记册是什么", register),
    ];
    let queries: Vec<Value> = table
        .iter()
        .flat_map(|(q, _)| [json!({"q": q}), json!({"q": q, "limit": 8})])
        .collect();
    let r = search_client(&site, &json!(queries));
    for (i, res) in r.iter().enumerate() {
        let (q, first) = table[i / 2];
        assert_eq!(
            urls(res).first().map(String::as_str),
            Some(first),
            "{q}: {:?}",
            urls(res)
        );
        assert_eq!(
            res["fillers"], true,
            "{q}: the question words are said to be left out"
        );
    }
    // The term alone is no question: the lesson titled with it stays first.
    let plain = search_client(&site, &json!(["挣值"]));
    assert_eq!(urls(&plain[0])[0], "lessons/mes-evm-early-warning/");
}

/// A title typed with other words for its own — the other language's (`供应商管理` for
/// "Vendor management"), or a synonym (`风险台账的建立与维护`) — is the title the reader
/// means: the page comes first as it does typed as written. `供应商管理` found twenty
/// Chinese pages holding both words and not the English page, which holds neither 管理
/// nor, in its title, 供应商.
#[test]
fn a_title_typed_with_synonyms_of_its_words_comes_first() {
    let site = sample();
    let table = [
        ("供应商管理", "practices/procurement/vendor-management/"),
        ("厂商管理", "practices/procurement/vendor-management/"),
        (
            "项目组合优先级",
            "practices/governance/portfolio-prioritisation/",
        ),
        ("风险台账的建立与维护", "practices/risk/risk-register/"),
        (
            "利益相关方与沟通管理",
            "practices/communication/stakeholder-communication/",
        ),
    ];
    assert_first(&site, &table);
}

/// A problem told in everyday words (`资产对不上`, `年终奖算不对`, `需求变来变去`) names its
/// subject and says it goes wrong in words no page writes beside it: it found nothing,
/// the subject being under half of it. It is run for the subject, the lesson about it
/// first, saying what it searched for; a name no page holds (`鲲鹏项目`) still finds
/// nothing.
#[test]
fn a_problem_told_in_everyday_words_finds_the_lesson_on_its_subject() {
    let site = sample();
    let table = [
        ("资产对不上", "lessons/dc-asset-decommission-list/", "资产"),
        ("年终奖算不对", "lessons/hr-payroll-parallel-run/", "年终奖"),
        ("收益说不清", "lessons/erp-benefit-baseline/", "收益"),
        ("需求变来变去", "lessons/erp-customisation-creep/", "需求"),
        ("UAT 做不完", "lessons/erp-key-user-network/", "UAT"),
    ];
    let mut queries: Vec<&str> = table.iter().map(|(q, _, _)| *q).collect();
    queries.push("鲲鹏项目");
    let r = search_client(&site, &json!(queries));
    for ((q, first, subject), res) in table.iter().zip(&r) {
        assert_eq!(
            urls(res).first().map(String::as_str),
            Some(*first),
            "{q}: {res}"
        );
        assert_eq!(res["relaxed"], *subject, "{q}");
    }
    assert_eq!(r[table.len()]["total"], 0, "{}", r[table.len()]);
}

/// An English query widened to Chinese (`risk matrix` → 风险 矩阵) put the pages holding
/// the synonym's text in passing (every project page's 风险矩阵 chart) above the practice
/// titled 风险评估矩阵与应对策略, whose title holds 风险 and 矩阵 in order, apart: the
/// title rule a query's own words have now holds for its synonyms' too.
#[test]
fn a_page_titled_with_a_synonyms_words_apart_comes_first() {
    let site = sample();
    assert_first(
        &site,
        &[
            ("risk matrix", "practices/risk/risk-assessment-matrix/"),
            (
                "stakeholder management",
                "practices/communication/stakeholder-communication/",
            ),
            ("single sign-on pilot", "lessons/hr-sso-pilot/"),
        ],
    );
}

/// `承包商拖延` found nothing: 拖延 was in no synonym group. A vendor's delay in other
/// words (拖延, 迟缓; 分包商, 外包商, 供货商) reaches the lessons on it.
#[test]
fn a_vendor_delay_in_other_words_finds_the_lessons_on_it() {
    let site = sample();
    let r = search_client(&site, &json!(["承包商拖延", "分包商延期"]));
    for res in &r {
        let found = urls(res);
        assert!(
            found
                .iter()
                .take(3)
                .any(|u| u == "lessons/mes-gateway-delivery-delay/"
                    || u == "lessons/erp-interface-vendor-delay/"),
            "{found:?}"
        );
    }
}
