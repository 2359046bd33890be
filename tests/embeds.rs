//! Obsidian's page embeds, `![[页面]]` and `![[页面#小节]]`: the other page's body (or
//! section) shown in place, its figures drawn from its own data, its ids kept apart,
//! never a page the build's audience may not see, and refreshed by `serve`.

mod common;

use common::{assert_clean, messages, Site};
use pmo_portal::{Options, Workspace};

const SITE_TOML: &str =
    "title = \"嵌入测试\"\nbase_url = \"https://intranet.example.com/\"\nlanguage = \"zh-CN\"\n";

const RULES: &str = "---\ntitle: 风险管理办法\n---\n\n\
## 识别\n\n每周识别风险[^1]。\n\n### 细则\n\n细则内容写在这里。\n\n\
## 应对\n\n应对措施写在这里，见[上文](#识别)。\n\n[^1]: 脚注甲说明\n";

fn site(pages: &[(&str, &str)]) -> Site {
    let site = Site::empty();
    site.write("site.toml", SITE_TOML);
    for (rel, text) in pages {
        site.write(rel, text);
    }
    site
}

/// The embed blocks of a page, in order.
fn blocks(html: &str) -> Vec<&str> {
    html.split("<div class=\"page-embed\">").skip(1).collect()
}

/// Every `id="…"` of a page's HTML.
fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

#[test]
fn a_whole_page_and_one_section_are_shown_in_place_with_their_own_ids() {
    let site = site(&[
        ("content/流程/风险管理.md", RULES),
        (
            "content/周报.md",
            "---\ntitle: 第十周周报\n---\n\n## 本周\n\n本周内容。\n\n![[风险管理办法]]\n\n## 摘录\n\n见 ![[风险管理办法#应对]] 以上。\n",
        ),
    ]);
    let warnings = site.warnings();
    assert!(
        !warnings.iter().any(|w| w.contains("周报.md")),
        "{warnings:?}"
    );
    let html = site.read("周报/index.html");
    let shown = blocks(&html);
    assert_eq!(shown.len(), 2, "{html}");
    // The whole page: its headings, text and footnote, titled with a link to it.
    let whole = shown[0];
    assert!(
        whole.starts_with(
            "<p class=\"page-embed-title\"><a href=\"../流程/风险管理/\">风险管理办法</a></p>"
        ),
        "{whole}"
    );
    for text in [
        "每周识别风险",
        "细则内容写在这里",
        "应对措施写在这里",
        "脚注甲说明",
    ] {
        assert!(whole.contains(text), "{text}: {whole}");
    }
    // One section: its heading and text, up to the next heading of its level.
    let section = shown[1];
    let section = &section[..section.find("</div>").unwrap()];
    assert!(
        section.contains("<a href=\"../流程/风险管理/#应对\">风险管理办法 › 应对</a>"),
        "{section}"
    );
    assert!(section.contains("应对措施写在这里"), "{section}");
    assert!(!section.contains("每周识别风险"), "{section}");
    // The paragraph holding the embed is closed around the block.
    assert!(
        html.contains("<p>见 </p><div class=\"page-embed\">"),
        "{html}"
    );
    assert!(html.contains("<p> 以上。</p>"), "{html}");
    // No id twice on the page; the embedded page's anchors go to its copy here.
    let all = ids(&html);
    let mut unique = all.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(all.len(), unique.len(), "{all:?}");
    assert!(whole.contains("<h2 id=\"embed1-识别\">"), "{whole}");
    assert!(whole.contains("href=\"#embed1-识别\""), "{whole}");
    assert!(section.contains("<h2 id=\"embed2-应对\">"), "{section}");
    // A link to a heading the section leaves out goes to the page holding it.
    assert!(
        whole.contains("<a href=\"#embed1-%E8%AF%86%E5%88%AB\">上文</a>"),
        "{whole}"
    );
    assert!(
        section.contains("<a href=\"../流程/风险管理/#%E8%AF%86%E5%88%AB\">上文</a>"),
        "{section}"
    );
    // The page's table of contents is its own: no heading of the page it shows.
    let toc = &html[html.find("toc-title").unwrap()..];
    let toc = &toc[..toc.find("</aside>").unwrap()];
    assert!(toc.contains("本周") && !toc.contains("识别"), "{toc}");
    // The embedded page itself is untouched.
    let own = site.read("流程/风险管理/index.html");
    assert!(own.contains("<h2 id=\"识别\">"), "{own}");
}

#[test]
fn a_missing_heading_or_page_is_warned_at_the_embed_and_shows_no_text() {
    let site = site(&[
        ("content/流程/风险管理.md", RULES),
        (
            "content/周报.md",
            "---\ntitle: 第十周周报\n---\n\n![[风险管理办法#不存在的节]]\n\n![[没有这一页]]\n\n![[风险管理办法#^abc123]]\n",
        ),
    ]);
    let warnings = site.warnings().join("\n");
    assert!(warnings.contains("周报.md:5:1"), "{warnings}");
    assert!(warnings.contains("不存在的节"), "{warnings}");
    // The help names the headings there are.
    assert!(warnings.contains("识别"), "{warnings}");
    assert!(warnings.contains("周报.md:7:1"), "{warnings}");
    assert!(warnings.contains("没有这一页"), "{warnings}");
    assert!(warnings.contains("周报.md:9:1"), "{warnings}");
    assert!(warnings.contains("#^"), "{warnings}");
    let html = site.read("周报/index.html");
    assert!(blocks(&html).is_empty(), "{html}");
    assert!(!html.contains("每周识别风险"), "{html}");
    assert!(
        html.contains(
            "<p class=\"page-embed-link\"><a href=\"../流程/风险管理/\">风险管理办法</a></p>"
        ),
        "{html}"
    );
    assert!(html.contains("没有这一页"), "{html}");
}

#[test]
fn a_page_that_shows_itself_through_embeds_is_an_error_naming_the_chain() {
    let site = site(&[
        (
            "content/甲.md",
            "---\ntitle: 甲页\n---\n\n甲的正文。\n\n![[乙页]]\n",
        ),
        (
            "content/乙.md",
            "---\ntitle: 乙页\n---\n\n乙的正文。\n\n![[甲页]]\n",
        ),
        ("content/丙.md", "---\ntitle: 丙页\n---\n\n![[丙页]]\n"),
    ]);
    let told = site.build_err();
    assert!(
        told.contains("content/乙.md:7:1 → content/甲.md:7:1 → content/乙.md"),
        "{told}"
    );
    assert!(told.contains("content/丙.md:5:1"), "{told}");
    assert!(!site.public().exists());
}

/// Two pages each showing a section of the other that shows nothing back: no loop.
#[test]
fn sections_showing_each_other_without_a_loop_are_no_error() {
    let site = site(&[
        (
            "content/甲.md",
            "---\ntitle: 甲页\n---\n\n## 背景\n\n甲的背景。\n\n![[乙页#结论]]\n\n## 做法\n\n甲的做法。\n",
        ),
        (
            "content/乙.md",
            "---\ntitle: 乙页\n---\n\n## 引用\n\n![[甲页#做法]]\n\n## 结论\n\n乙的结论。\n",
        ),
    ]);
    site.build_ok();
    let a = site.read("甲/index.html");
    assert!(
        blocks(&a).first().is_some_and(|b| b.contains("乙的结论")),
        "{a}"
    );
    let b = site.read("乙/index.html");
    let shown = blocks(&b);
    assert_eq!(shown.len(), 1, "{b}");
    assert!(
        shown[0].contains("甲的做法") && !shown[0].contains("甲的背景"),
        "{b}"
    );
    // The page embeds itself through the other's section if that section shows it.
    site.write(
        "content/乙.md",
        "---\ntitle: 乙页\n---\n\n## 结论\n\n乙的结论。\n\n![[甲页#背景]]\n",
    );
    let told = site.build_err();
    assert!(
        told.contains("content/甲.md:9:1 → content/乙.md:9:1 → content/甲.md"),
        "{told}"
    );
}

/// Seven pages, each showing the next: the first's chain is six deep, one past the
/// limit, so it is warned of and the seventh page is a link there, not its text.
#[test]
fn a_chain_of_embeds_past_the_limit_is_warned_and_ends_in_a_link() {
    let names = ["一", "二", "三", "四", "五", "六", "七"];
    let pages: Vec<(String, String)> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let next = names
                .get(i + 1)
                .map_or(String::new(), |n| format!("![[第{n}页]]\n"));
            (
                format!("content/{name}.md"),
                format!("---\ntitle: 第{name}页\n---\n\n第{name}页的正文。\n\n{next}"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = pages
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let site = site(&refs);
    let warnings = site.warnings().join("\n");
    assert!(warnings.contains("content/一.md:7:1"), "{warnings}");
    assert!(!warnings.contains("content/二.md:7:1"), "{warnings}");
    let first = site.read("一/index.html");
    for name in &names[1..6] {
        assert!(
            first.contains(&format!("第{name}页的正文")),
            "{name}: {first}"
        );
    }
    assert!(!first.contains("第七页的正文"), "{first}");
    assert!(
        first.contains("<p class=\"page-embed-link\"><a href=\"../七/\">第七页</a></p>"),
        "{first}"
    );
    let second = site.read("二/index.html");
    assert!(second.contains("第七页的正文"), "{second}");
}

#[test]
fn an_embedded_pages_figures_are_drawn_from_its_own_data() {
    let table =
        |data: &str| format!("```table\ndata = \"{data}\"\ncolumns = [\"月份\", \"金额\"]\n```\n");
    let site = site(&[
        ("data/甲表.csv", "月份,金额\n1月,111\n2月,222\n"),
        ("data/乙表.csv", "月份,金额\n1月,909\n2月,808\n"),
        (
            "content/汇总.md",
            &format!(
                "---\ntitle: 汇总\n---\n\n{}\n![[乙报告]]\n\n![[乙报告]]\n",
                table("甲表")
            ),
        ),
        (
            "content/乙.md",
            &format!("---\ntitle: 乙报告\n---\n\n乙的说明。\n\n{}", table("乙表")),
        ),
    ]);
    site.build_ok();
    let html = site.read("汇总/index.html");
    assert!(!html.contains("pmo-block:"), "{html}");
    let own = &html[..html.find("<div class=\"page-embed\">").unwrap()];
    assert!(own.contains("<td class=\"num\">111</td>"), "{own}");
    assert!(!own.contains("909"), "{own}");
    let shown = blocks(&html);
    assert_eq!(shown.len(), 2);
    for block in shown {
        assert!(block.contains("<td class=\"num\">909</td>"), "{block}");
        assert!(block.contains("<td class=\"num\">808</td>"), "{block}");
        assert!(!block.contains("111") && !block.contains("222"), "{block}");
    }
    let b = site.read("乙/index.html");
    assert!(
        b.contains("<td class=\"num\">909</td>") && !b.contains("111"),
        "{b}"
    );
}

#[test]
fn a_page_the_audience_may_not_see_is_never_shown_inside_another() {
    let site = site(&[
        (
            "content/周报.md",
            "---\ntitle: 第十周周报\n---\n\n公开内容。\n\n![[预算底稿]]\n\n![[草稿页]]\n",
        ),
        (
            "content/内部/预算.md",
            "---\ntitle: 预算底稿\naudience: pmo\n---\n\n机密预算八百万元。\n",
        ),
        (
            "content/草稿.md",
            "---\ntitle: 草稿页\ndraft: true\n---\n\n未定稿的草稿文字。\n",
        ),
    ]);
    site.write(
        "site.toml",
        format!("audiences = [\"public\", \"pmo\"]\n{SITE_TOML}"),
    );
    site.build_all_audiences();
    let public = site.read("public/周报/index.html");
    assert!(public.contains("公开内容"), "{public}");
    assert!(!public.contains("机密预算"), "{public}");
    assert!(!public.contains("未定稿"), "{public}");
    let pmo = site.read("pmo/周报/index.html");
    assert!(pmo.contains("机密预算八百万元"), "{pmo}");
    assert!(!pmo.contains("未定稿"), "{pmo}");
    std::fs::remove_dir_all(site.public()).unwrap();
    let told = site.build_audience("public");
    let html = site.read("周报/index.html");
    assert!(!html.contains("机密预算"), "{html}");
    assert!(told.contains("周报.md:7:1"), "{told}");
}

#[test]
fn serve_shows_an_edit_of_the_embedded_page_in_the_page_showing_it() {
    let site = site(&[
        ("content/流程/风险管理.md", RULES),
        (
            "content/周报.md",
            "---\ntitle: 第十周周报\n---\n\n![[风险管理办法#应对]]\n",
        ),
        (
            "content/汇总.md",
            "---\ntitle: 汇总\n---\n\n![[第十周周报]]\n",
        ),
    ]);
    let (mut workspace, _) = match Workspace::open(Options::new(site.root())) {
        Ok(w) => w,
        Err(f) => panic!("{}", messages(&f)),
    };
    let rel = "content/流程/风险管理.md";
    site.write(rel, RULES.replace("应对措施写在这里", "改过的应对措施"));
    let rebuilt = match workspace.rebuild([workspace.root().join(rel)]) {
        Ok(r) => r,
        Err(f) => panic!("{}", messages(&f)),
    };
    for page in ["周报/index.html", "汇总/index.html"] {
        assert!(
            rebuilt.changed.iter().any(|c| c == page),
            "{page}: {:?}",
            rebuilt.changed
        );
        let files = workspace.files();
        let files = pmo_portal::read_files(&files);
        let html = String::from_utf8(files[page].to_vec()).unwrap();
        assert!(html.contains("改过的应对措施"), "{page}: {html}");
    }
    if let Err(f) = workspace.settle_all() {
        panic!("{}", messages(&f));
    }
    assert_clean(
        &workspace,
        Options::new(site.root()),
        "an embedded page edited",
    );
    // A save that makes a loop is refused, naming it, and changes nothing.
    site.write(rel, format!("{RULES}\n![[第十周周报]]\n"));
    match workspace.rebuild([workspace.root().join(rel)]) {
        Ok(_) => panic!("a loop of embeds must be refused"),
        Err(f) => {
            let told = messages(&f);
            assert!(
                told.contains(
                    "content/周报.md:5:1 → content/流程/风险管理.md:19:1 → content/周报.md"
                ),
                "{told}"
            );
        }
    }
    // Made a draft, the page leaves the site: the pages showing it lose its text.
    site.write(
        rel,
        RULES.replace(
            "title: 风险管理办法\n",
            "title: 风险管理办法\ndraft: true\n",
        ),
    );
    if let Err(f) = workspace.rebuild([workspace.root().join(rel)]) {
        panic!("{}", messages(&f));
    }
    if let Err(f) = workspace.settle_all() {
        panic!("{}", messages(&f));
    }
    let files = workspace.files();
    let files = pmo_portal::read_files(&files);
    for page in ["周报/index.html", "汇总/index.html"] {
        let html = String::from_utf8(files[page].to_vec()).unwrap();
        assert!(!html.contains("改过的应对措施"), "{page}: {html}");
    }
    assert_clean(
        &workspace,
        Options::new(site.root()),
        "an embedded page made a draft",
    );
}

/// Search finds embedded text on the page that holds it, once: not on every page
/// showing it too.
#[test]
fn search_finds_embedded_text_on_its_own_page_only() {
    let site = site(&[
        (
            "content/流程/风险管理.md",
            "---\ntitle: 风险管理办法\n---\n\n供应商 zqembedword 的延期按周跟踪。\n",
        ),
        (
            "content/周报.md",
            "---\ntitle: 第十周周报\n---\n\n本周内容。\n\n![[风险管理办法]]\n",
        ),
    ]);
    site.write("site.toml", format!("search = true\n{SITE_TOML}"));
    site.build_ok();
    assert!(site.read("周报/index.html").contains("zqembedword"));
    let found = common::search_client(&site, &serde_json::json!(["zqembedword"]));
    let urls: Vec<&str> = found[0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap())
        .collect();
    assert_eq!(urls, ["流程/风险管理/"], "{}", found[0]);
}

/// An embedded page's raw HTML is sanitized as its own page's is, though the page
/// showing it has none.
#[test]
fn an_embedded_pages_raw_html_is_sanitized_in_the_page_showing_it() {
    let site = site(&[
        (
            "content/流程/说明.md",
            "---\ntitle: 操作说明\n---\n\n<span title=\"提示\" onclick=\"alert(1)\">点击查看</span>\n",
        ),
        ("content/周报.md", "---\ntitle: 第十周周报\n---\n\n![[操作说明]]\n"),
    ]);
    site.build_ok();
    let html = site.read("周报/index.html");
    let shown = blocks(&html);
    assert_eq!(shown.len(), 1, "{html}");
    assert!(shown[0].contains("点击查看"), "{html}");
    assert!(!html.contains("onclick"), "{html}");
}
