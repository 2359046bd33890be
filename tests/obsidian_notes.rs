//! Notes moved in from Obsidian (and GitHub, and Hugo's Markdown) work as their authors
//! meant: callouts are drawn as boxes, wiki links find their page by title or file name,
//! and a footnote that leads nowhere is told. The eighth new-user walk-through moved such
//! notes in and found each only warned of, shown as typed.

mod common;

use common::{messages, Site};
use pmo_portal::Options;
use pmo_portal::Workspace;

/// The `basic` fixture with `files` written into it.
fn site_with(files: &[(&str, &str)]) -> Site {
    let site = Site::fixture("basic");
    for (rel, text) in files {
        site.write(rel, text);
    }
    site
}

const CALLOUTS: &str = "---\ntitle: 阶段评审须知\n---\n\n开篇。\n\n\
> [!note] 评审之前\n\
> 提前两天把材料发给**评审组**：\n\
>\n\
> - 立项报告\n\
> - [风险登记册](practices/risk/register.md)\n\
>\n\
> | 关口 | 负责人 |\n\
> |---|---|\n\
> | G1 | 周静怡 |\n\
>\n\
> ```\n\
> 代码里的 [[不解析]] 与 > [!note]\n\
> ```\n\n\
> [!TIP]\n\
> GitHub 的写法。\n\n\
> [!warning]- 可折叠的\n\
> 折叠也展开显示。\n\n\
> [!tldr]\n\
> 摘要内容。\n\n\
> [!风险] 自定义类型\n\
> 画成注意。\n\n\
> [!重要 事项] 不是标注\n\n\
> 普通引用。\n\n\
> [!danger] 标题里的 <img src=x onerror=alert(1)>\n\
> 正文 <script>alert(1)</script> 之后。\n";

/// Every callout form is a box with its title, in the site's language when the Markdown
/// gives none; lists, links, tables and code inside work; a quote that only starts with
/// `[!` stays a quote; raw HTML inside is sanitized.
#[test]
fn callouts_are_drawn_with_their_titles_and_body() {
    let site = site_with(&[("content/gates.md", CALLOUTS)]);
    let warnings = site.warnings();
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("callout") || (w.contains("gates.md") && !w.contains("<script>"))),
        "{warnings:#?}"
    );
    let html = site.read("gates/index.html");
    // From the text in the article: the head's description quotes its first words too.
    let article = &html[html.find("<article").unwrap()..];
    let body = &article[article.find("开篇").unwrap()..article.find("</article>").unwrap()];
    for wanted in [
        "<aside class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">评审之前</p>",
        "<strong>评审组</strong>",
        "<li>立项报告</li>",
        "href=\"../practices/risk/register/\"",
        "<td>周静怡</td>",
        "代码里的 [[不解析]] 与 &gt; [!note]",
        "<aside class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">提示</p>",
        "<aside class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">可折叠的</p>",
        "折叠也展开显示",
        "<aside class=\"callout callout-abstract\" role=\"note\"><p class=\"callout-title\">摘要</p>",
        "<aside class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">自定义类型</p>",
        "<aside class=\"callout callout-danger\" role=\"note\"><p class=\"callout-title\">标题里的 &lt;img src=x onerror=alert(1)&gt;</p>",
        "之后。",
    ] {
        assert!(body.contains(wanted), "{wanted}\n{body}");
    }
    assert_eq!(body.matches("<aside class=\"callout").count(), 6, "{body}");
    // Only what is no callout keeps its marker, in a quote.
    assert!(
        body.contains("<blockquote>\n<p>[!重要 事项] 不是标注</p>"),
        "{body}"
    );
    assert!(body.contains("<blockquote>\n<p>普通引用。</p>"), "{body}");
    for gone in [
        "[!TIP]",
        "[!warning]",
        "[!tldr]",
        "[!风险]",
        "<script",
        "<img",
    ] {
        assert!(!body.contains(gone), "{gone}\n{body}");
    }
    // The aside and the quote each close where they opened.
    assert_eq!(
        body.matches("<aside").count(),
        body.matches("</aside>").count()
    );
}

/// The kind's own title follows the site's language.
#[test]
fn a_callout_without_a_title_is_titled_in_the_sites_language() {
    let site = site_with(&[(
        "content/gates.md",
        "---\ntitle: 评审\n---\n\n> [!tip]\n> 用模板。\n",
    )]);
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        toml.replace("language = \"zh-CN\"", "language = \"en\""),
    );
    site.build_ok();
    let html = site.read("gates/index.html");
    assert!(
        html.contains("<p class=\"callout-title\">Tip</p>"),
        "{html}"
    );
}

/// A callout's title is Markdown as its body is (Obsidian draws it so): emphasis, code
/// and links work, a link is checked and resolved like any other, and raw HTML in it
/// still shows as text. It was shown as typed, asterisks and brackets and all.
#[test]
fn a_callout_title_holding_markdown_is_drawn_as_markdown() {
    let site = site_with(&[
        (
            "content/plan.md",
            "---\ntitle: 基线计划\n---\n\n计划正文。\n",
        ),
        (
            "content/gates.md",
            "---\ntitle: 评审\n---\n\n开篇。\n\n\
> [!tip] 见 **基线** 与 [计划](plan.md)，`v2` 和 [[基线计划|维基]] <b>粗</b>\n\
> 正文照旧。\n",
        ),
    ]);
    site.build_ok();
    let html = site.read("gates/index.html");
    // From the text in the article: the head's description quotes its first words too.
    let article = &html[html.find("<article").unwrap()..];
    let body = &article[article.find("开篇").unwrap()..article.find("</article>").unwrap()];
    assert!(
        body.contains(
            "<p class=\"callout-title\">见 <strong>基线</strong> 与 <a href=\"../plan/\">计划</a>，<code>v2</code> 和 <a href=\"../plan/\">维基</a> &lt;b&gt;粗&lt;/b&gt;</p>"
        ),
        "{body}"
    );
    assert!(body.contains("<p>正文照旧。</p>"), "{body}");
    assert!(!body.contains("**"), "{body}");
    // A title's link that goes nowhere is told at its place, as in the body.
    site.write(
        "content/gates.md",
        "---\ntitle: 评审\n---\n\n> [!note] 链接 [不存在](nowhere.md)\n> 另一段。\n",
    );
    let told = site.build_err();
    assert!(
        told.contains("gates.md:5:14") && told.contains("nowhere.md"),
        "{told}"
    );
}

const LINKS: &str = "---\ntitle: 链接汇总\n---\n\n\
- [[阶段评审须知]]\n\
- [[weekly status report|周报]]\n\
- [[weekly-report]]\n\
- [[notes/周会纪要]]\n\
- [[Weekly Status Report#risk owners]]\n\
- [[第三季度 周会]]\n\
- ![[流程.png]]\n\
- [[不存在的页面]]\n\
- [[阶段评审需知]]\n\
- [[重复标题]]\n\
- ![[../../secret.png]]\n\
- `[[代码里]]`\n";

fn wiki_site() -> Site {
    site_with(&[
        ("content/gates.md", CALLOUTS),
        (
            "content/notes/weekly-report.md",
            "---\ntitle: Weekly Status Report\n---\n\n## Risk Owners\n\n每周五更新。\n",
        ),
        (
            "content/notes/周会纪要.md",
            "---\ntitle: 第三季度周会\n---\n\n周会内容。\n",
        ),
        ("content/notes/流程.png", "\u{89}PNG\r\n\u{1a}\n"),
        ("content/notes/a.md", "---\ntitle: 重复标题\n---\n\n甲。\n"),
        ("content/notes/b.md", "---\ntitle: 重复标题\n---\n\n乙。\n"),
        ("content/notes/links.md", LINKS),
    ])
}

/// Wiki links find pages by title (any case, spacing, Chinese) or file name, a folder
/// path, a heading; an embed shows the picture beside the page. One that names nothing
/// or two pages is a warning at its place naming the closest titles, shown as text.
#[test]
fn wiki_links_resolve_by_title_and_file_name() {
    let site = wiki_site();
    let warnings = site.warnings();
    let html = site.read("notes/links/index.html");
    let prose = &html[html.find("class=\"prose\"").unwrap()..];
    let list = &prose[..prose.find("</ul>").unwrap()];
    for wanted in [
        "<a href=\"../../gates/\">阶段评审须知</a>",
        "<a href=\"../../notes/weekly-report/\">周报</a>",
        "<a href=\"../../notes/weekly-report/\">weekly-report</a>",
        "<a href=\"../../notes/周会纪要/\">notes/周会纪要</a>",
        "<a href=\"../../notes/weekly-report/#risk-owners\">",
        "<a href=\"../../notes/周会纪要/\">第三季度 周会</a>",
        "<img src=\"../../notes/流程.png\" alt=\"流程.png\" />",
        "<code>[[代码里]]</code>",
    ] {
        assert!(list.contains(wanted), "{wanted}\n{list}");
    }
    assert!(
        site.exists("notes/流程.png"),
        "{warnings:#?} {:?}",
        std::fs::read_dir(site.public().join("notes"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect::<Vec<_>>()
    );
    // Not found: the text alone, no link to nowhere.
    for text in [
        "<li>不存在的页面</li>",
        "<li>阶段评审需知</li>",
        "<li>重复标题</li>",
        "<li>../../secret.png</li>",
    ] {
        assert!(list.contains(text), "{text}\n{list}");
    }
    assert!(!list.contains("href=\"#\""), "{list}");
    assert!(!list.contains("<img src=\"../../../"), "{list}");

    let told = |place: &str, what: &str| {
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(place) && w.contains(what)),
            "{place} {what}\n{warnings:#?}"
        );
    };
    told("content/notes/links.md:12:3", "不存在的页面");
    told("content/notes/links.md:13:3", "[[阶段评审须知]]");
    told("content/notes/links.md:14:3", "content/notes/a.md");
    told("content/notes/links.md:14:3", "content/notes/b.md");
    told("content/notes/links.md:15:3", "leaves the content folder");
    assert_eq!(
        warnings.iter().filter(|w| w.contains("links.md")).count(),
        4,
        "{warnings:#?}"
    );
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("wiki link, which Markdown")),
        "{warnings:#?}"
    );
}

/// A reference to a footnote never defined, and a definition nothing refers to, are
/// each told at their place; in code they are examples.
#[test]
fn footnotes_that_lead_nowhere_are_told() {
    let site = site_with(&[(
        "content/notes/sources.md",
        "---\ntitle: 资料来源\n---\n\n预算超支[^1]，进度滞后[^来源]。\n\n`[^代码]` 不算。\n\n[^来源]: 月报。\n[^2]: 没有引用的注释。\n",
    )]);
    let warnings = site.warnings();
    let mine: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("sources.md"))
        .collect();
    assert_eq!(mine.len(), 2, "{warnings:#?}");
    assert!(
        mine[0].contains("content/notes/sources.md:5:5") && mine[0].contains("[^1]"),
        "{mine:#?}"
    );
    assert!(
        mine[1].contains("content/notes/sources.md:10:1") && mine[1].contains("[^2]"),
        "{mine:#?}"
    );
    let html = site.read("notes/sources/index.html");
    assert!(html.contains("月报"), "{html}");
}

/// `serve`: an edit to a page holding wiki links, and a new title for the page one
/// names, give what a clean build gives. A new title links the site again, so the link
/// follows the title.
#[test]
fn serving_follows_wiki_links_through_edits_and_new_titles() {
    let site = wiki_site();
    let (mut workspace, _) = match Workspace::open(Options::new(site.root())) {
        Ok(w) => w,
        Err(f) => panic!("{}", messages(&f)),
    };
    let mut edit = |rel: &str, text: &str| {
        site.write(rel, text);
        if let Err(f) = workspace.rebuild([workspace.root().join(rel)]) {
            panic!("{}", messages(&f));
        }
        if let Err(f) = workspace.settle_all() {
            panic!("{}", messages(&f));
        }
        common::assert_clean(&workspace, Options::new(site.root()), rel);
        let held = workspace.files();
        let files = pmo_portal::read_files(&held);
        String::from_utf8(files["notes/links/index.html"].to_vec()).unwrap()
    };
    let html = edit(
        "content/notes/links.md",
        &LINKS.replace("[[不存在的页面]]", "[[第三季度周会|季度周会]]"),
    );
    assert!(html.contains(">季度周会</a>"), "{html}");
    // The page named by its old title loses the link; the new title finds it.
    let html = edit(
        "content/notes/周会纪要.md",
        "---\ntitle: 不存在的页面\n---\n\n周会内容。\n",
    );
    assert!(!html.contains(">季度周会</a>"), "{html}");
    assert!(html.contains("<li>季度周会</li>"), "{html}");
}

/// Measures each callout of `page` in a `width` px frame, light and dark: what is wrong
/// with it, as JSON (`{callouts, problems}`).
fn callout_driver(page: &str, width: u32) -> String {
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>callouts</title></head><body style="margin:0">
<iframe id="f" width="{width}" height="844" style="border:0"></iframe>
<script>
const frame = document.getElementById('f');
frame.onload = () => setTimeout(() => {{
  const win = frame.contentWindow, doc = frame.contentDocument, root = doc.documentElement;
  const problems = [];
  if (root.scrollWidth > root.clientWidth) problems.push(['page scrolls sideways', root.scrollWidth]);
  const boxes = [...doc.querySelectorAll('aside.callout')];
  const body = win.getComputedStyle(doc.body).backgroundColor;
  for (const box of boxes) {{
    const s = win.getComputedStyle(box), r = box.getBoundingClientRect();
    const title = box.querySelector('.callout-title');
    const t = win.getComputedStyle(title);
    if (r.right > root.clientWidth + 0.5) problems.push(['box wider than the screen', box.className, r.right]);
    if (parseFloat(s.borderLeftWidth) < 3) problems.push(['no side bar', box.className]);
    if (s.backgroundColor === body || s.backgroundColor === 'rgba(0, 0, 0, 0)') problems.push(['no shade', box.className]);
    if (parseInt(t.fontWeight) < 600) problems.push(['title not bold', box.className, t.fontWeight]);
    if (t.color !== s.borderLeftColor) problems.push(['title not in the kind colour', box.className]);
    for (const wide of box.querySelectorAll('pre, table')) {{
      if (wide.getBoundingClientRect().right > r.right + 0.5) problems.push(['content wider than its box', wide.tagName]);
    }}
  }}
  const colours = new Set(boxes.map(b => win.getComputedStyle(b).borderLeftColor));
  document.body.dataset.probe = JSON.stringify({{callouts: boxes.length, colours: colours.size, page: win.getComputedStyle(doc.body).backgroundColor, problems}});
}}, 100);
frame.src = '{page}';
</script></body></html>"#
    )
}

/// The callouts in Chromium, on a 390 px phone and a 1280 px desktop, light and dark:
/// each a shaded box with a coloured bar and a bold title of its colour, a wide table or
/// code line scrolling inside it and never the page sideways.
#[test]
fn callouts_look_right_on_a_phone_and_a_desktop() {
    let wide = "\n> [!example] 很宽的内容\n> ```\n> let 一行很长的代码 = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\";\n> ```\n>\n> | 一 | 二 | 三 | 四 | 五 | 六 | 七 | 八 |\n> |---|---|---|---|---|---|---|---|\n> | 供应商交付延期导致里程碑滑移 | 供应商交付延期导致里程碑滑移 | 供应商交付延期 | 供应商交付延期 | 供应商交付延期 | 供应商交付延期 | 供应商交付延期 | 供应商交付延期 |\n>\n> https://example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n";
    let site = site_with(&[("content/gates.md", &format!("{CALLOUTS}{wide}"))]);
    site.build_ok();
    let mut backgrounds = std::collections::BTreeSet::new();
    for (width, scheme) in [(390, "light"), (390, "dark"), (1280, "light")] {
        let driver = format!("callouts-{width}-{scheme}.html");
        std::fs::write(
            site.public().join(&driver),
            callout_driver("/gates/index.html", width),
        )
        .unwrap();
        let port = common::static_server(site.public(), 200);
        let url = format!("http://127.0.0.1:{port}/{driver}");
        let flag = format!(
            "--blink-settings=preferredColorScheme={}",
            if scheme == "dark" { 0 } else { 1 }
        );
        let result = common::chromium_probe_with(
            &url,
            &format!("{},900", width.max(500) + 20),
            20_000,
            &[&flag],
        );
        let found: serde_json::Value =
            serde_json::from_str(&result).unwrap_or_else(|e| panic!("{e}: {result}"));
        assert_eq!(found["callouts"], 7, "{width} {scheme}: {found}");
        backgrounds.insert(found["page"].to_string());
        assert!(
            found["colours"].as_u64().unwrap() >= 4,
            "{width} {scheme}: {found}"
        );
        assert_eq!(
            found["problems"].as_array().unwrap().len(),
            0,
            "{width} {scheme}: {found}"
        );
    }
    // The dark run was dark.
    assert_eq!(backgrounds.len(), 2, "{backgrounds:?}");
}
