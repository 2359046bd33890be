//! Raw HTML in Markdown comes out balanced: what an author leaves open ends with its
//! Markdown block (or the page body), and a stray end tag closes none of the theme's
//! elements — sanitized or trusted alike.

mod common;

use common::Site;

/// A lesson whose raw HTML leaves `<b>`, `<div>`, `<i>` and `<a>` open and closes a
/// `</div>` and `</main>` it never opened.
const CARELESS: &str = "---\ntitle: 未闭合\ndate: 2024-04-03\nproject: erp\nphase: planning\n\
    impact: positive\n---\n\n第一段 <b>未闭合的粗体\n\n第二段。\n\n<div class=\"note\">\n\n块里的段落\n\n\
    | a | b |\n|---|---|\n| <i>斜 | 值 |\n\n末段 <a href=\"https://example.com/\">链接\n\n\
    </div></div></main>\n\n尾段。\n";

/// The page body, from the theme's `<div class="doc-body">` to the end of the article.
fn body(html: &str) -> &str {
    let start = html.find("<div class=\"doc-body").expect("a page body");
    let end = html[start..].find("</article>").expect("an article") + start;
    &html[start..end]
}

fn check(trust_html: bool) {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{config}trust_html = {trust_html}\n"));
    site.write("content/lessons/careless.md", CARELESS);
    site.build_ok();
    let html = site.read("lessons/careless/index.html");
    let body = body(&html);
    assert!(
        body.contains("<p>第一段 <b>未闭合的粗体</b></p>"),
        "trust_html = {trust_html}: {body}"
    );
    assert!(body.contains("<p>第二段。</p>"), "{body}");
    assert!(body.contains("<td><i>斜</i></td>"), "{body}");
    assert!(body.contains("链接</a></p>"), "{body}");
    // A browser (and the sanitizer) would reopen an unclosed `<b>` or `<a>` in every
    // later block: the bold and the link must appear once.
    assert_eq!(body.matches("<b>").count(), 1, "{body}");
    assert_eq!(
        body.matches("href=\"https://example.com/\"").count(),
        1,
        "{body}"
    );
    for name in ["b", "i", "a", "div", "main", "table", "p"] {
        let opened =
            body.matches(&format!("<{name}>")).count() + body.matches(&format!("<{name} ")).count();
        let closed = body.matches(&format!("</{name}>")).count();
        assert_eq!(
            opened, closed,
            "trust_html = {trust_html}: <{name}> in {body}"
        );
    }
    // The theme's own `</main>` is still the page's only one.
    assert_eq!(
        html.matches("</main>").count(),
        html.matches("<main").count()
    );
}

#[test]
fn raw_html_left_open_is_closed_with_its_block_when_sanitized() {
    check(false);
}

#[test]
fn raw_html_left_open_is_closed_with_its_block_when_trusted() {
    check(true);
}

/// What the balancing closes for the author is a warning at the start tag: the page is
/// valid either way, but the bold or the link seldom ends where they meant.
#[test]
fn raw_html_left_open_is_a_warning_at_its_start_tag() {
    let site = Site::fixture("basic");
    site.write("content/lessons/careless.md", CARELESS);
    site.write(
        "content/lessons/tidy.md",
        "---\ntitle: 整齐\ndate: 2024-04-03\nproject: erp\nphase: planning\n\
         impact: positive\n---\n\n<ul><li>一<li>二</ul>\n\n行<br>内 <b>粗</b> <span>跨\n行</span>\n\n\
         <div>\n\n段落\n\n</div>\n\n- 项 <em>强调</em>\n",
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let open: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("is never closed"))
        .collect();
    for (name, line) in [("b", 9), ("i", 19), ("a", 21)] {
        assert!(
            open.iter()
                .any(|w| w.contains(&format!("careless.md:{line}:"))
                    && w.contains(&format!("`<{name}>`"))),
            "<{name}> at line {line}: {open:?}"
        );
    }
    assert_eq!(open.len(), 3, "{open:?}");
}

/// An author's `id` the theme's elements or scripts go by took their place: the
/// register's filters vanished (`register-table`), the search page threw
/// (`search-app`). Renamed as a heading of that id is; other ids are kept for anchors.
#[test]
fn raw_ids_never_take_the_theme_s_place() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/_index.md",
        "---\ntitle: 经验教训\n---\n\n<div id=\"register-table\">甲</div>\n<p id=\"search-app\">乙</p>\n<span id=\"PmoSearch\">丙</span>\n<span id=\"__proto__\">丁</span>\n<span id=\"我的锚点\">戊</span>\n<div id=\"__pmoLive\">己</div>\n<p id=\"site-search-opt-0\">庚</p>\n<p id=\"facet-label-kind\">辛</p>\n",
    );
    site.build_ok();
    let html = site.read("lessons/index.html");
    assert_eq!(html.matches("id=\"register-table\"").count(), 1, "{html}");
    for renamed in [
        "register-table-1",
        "search-app-1",
        "PmoSearch-1",
        "__proto__-1",
        // Security hunt 6: `__pmoLive` stopped serve's live reload on the page, and the
        // ids the search box and page give their options were kept.
        "__pmoLive-1",
        "site-search-opt-0-1",
        "facet-label-kind-1",
    ] {
        assert!(
            html.contains(&format!("id=\"{renamed}\"")),
            "{renamed}: {html}"
        );
    }
    assert!(!html.contains("id=\"PmoSearch\""), "{html}");
    assert!(html.contains("id=\"我的锚点\""), "{html}");
}

/// A footnote's label and a heading's explicit `{#id}` became ids as written: `[^search-app]`
/// took the search page's place as a raw `id` did, and `{#PmoSearch}` or `[^__pmoLive]`
/// shadowed the theme's scripts on the window object (the tenth hunt for script). They
/// are renamed as raw ids are, the footnote's reference with it; other labels are kept.
#[test]
fn footnotes_and_heading_ids_never_take_the_theme_s_place() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/_index.md",
        "---\ntitle: 经验教训\n---\n\n## 甲 {#PmoSearch}\n\n## 乙 {#__proto__}\n\n## 丙 {#pmo-intro}\n\n\
         正文[^search-app][^__pmoLive][^PmoRegister][^注一]。\n\n[^search-app]: 一\n\n[^__pmoLive]: 二\n\n\
         [^PmoRegister]: 三\n\n[^注一]: 四\n",
    );
    site.build_ok();
    let html = site.read("lessons/index.html");
    for renamed in [
        "PmoSearch-1",
        "__proto__-1",
        "search-app-1",
        "__pmoLive-1",
        "PmoRegister-1",
    ] {
        assert!(
            html.contains(&format!("id=\"{renamed}\"")),
            "{renamed}: {html}"
        );
    }
    for reference in ["#search-app-1", "#__pmoLive-1", "#PmoRegister-1"] {
        assert!(
            html.contains(&format!("href=\"{reference}\"")),
            "{reference}: {html}"
        );
    }
    for kept in ["id=\"pmo-intro\"", "id=\"注一\"", "href=\"#注一\""] {
        assert!(html.contains(kept), "{kept}: {html}");
    }
    assert_eq!(html.matches("id=\"search-app\"").count(), 0, "{html}");
    assert!(!html.contains("id=\"PmoSearch\""), "{html}");
    assert!(!html.contains("id=\"__pmoLive\""), "{html}");
}

/// A table cell's `style` is its alignment and nothing more: one starting `text-align:`
/// was kept whole, so `background:url(https://…)` loaded an image from any host without
/// the warning remote images get, and `position: fixed` laid the cell over the page and
/// its menus (the eighth hunt for script).
#[test]
fn a_cells_style_only_aligns_its_text() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/cells.md",
        "---\ntitle: 单元格\ndate: 2024-03-01\n---\n\n<table><tr>\
         <td style=\"text-align:left;background:url(https://evil.test/px.png)\">甲</td>\
         <th style=\"text-align: left; position: fixed; inset: 0\">乙</th>\
         <td style=\"text-align:center;\">丙</td></tr></table>\n\n| 列 |\n|:--:|\n| 丁 |\n",
    );
    site.build_ok();
    let html = site.read("reports/cells/index.html");
    assert!(!html.contains("evil.test"), "{html}");
    assert!(!html.contains("position"), "{html}");
    assert!(html.contains("<td>甲</td><th>乙</th>"), "{html}");
    assert!(
        html.contains("<td style=\"text-align:center;\">丙</td>"),
        "{html}"
    );
    assert!(
        html.contains("<th style=\"text-align: center\">列</th>"),
        "{html}"
    );
}
