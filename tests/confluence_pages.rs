//! Pages exported from Confluence as Markdown keep its wiki markup as text: macros
//! (`{toc}`, `{info}` … `{info}`, `{status:colour=Red|title=延期}`) and mentions
//! (`[~zhangwei]`). The tenth new-user walk-through moved such a page in: the portal
//! showed every macro as typed, braces and all, without a word. Each is now warned of at
//! its place, in the site's language, with what to write instead, and so is a table in
//! Confluence's wiki markup (`||阶段||负责人||`); its tables written in HTML keep their
//! merged cells. A panel's pair of markers (`{info}` … `{info}`) is drawn as a callout.

mod common;

use common::{pmo_in, stderr, Site};

const EXPORTED: &str = "---\ntitle: 供应商管理规范\n---\n\n\
{toc}\n\n\
{info}\n本页从 Confluence 迁移，请 @liuyang 审核。\n{info}\n\n\
当前状态：{status:colour=Red|title=延期}，联系 [~zhangwei]。\n\n\
<table>\n<tr><th>阶段</th><th>负责人</th><th>说明</th></tr>\n\
<tr><td rowspan=\"2\">采购</td><td>张伟</td><td>询价</td></tr>\n\
<tr><td colspan=\"2\">比价与定标</td></tr>\n</table>\n\n\
{code:language=sql}\nselect 1;\n{code}\n\n\
模板里的 {项目名称} 与 {date} 是占位符；`{toc}` 在代码里是示例。\n\n\
```\n{info}\n```\n\n\
||阶段||负责人||\n|采购|张伟|\n";

/// Every macro and mention is a warning at its line and column with what to write; a
/// placeholder in braces and markup in code are left alone; merged cells survive.
#[test]
fn confluence_markup_is_told_where_it_stands_with_what_to_write() {
    let site = Site::fixture("basic");
    site.write("content/practices/供应商管理.md", EXPORTED);
    let out = pmo_in("", &["--root", site.root().to_str().unwrap(), "build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let expected = [
        (
            "供应商管理.md:5:1",
            "`{toc}` 是 Confluence 的宏",
            "根据页面的标题自动显示目录",
        ),
        (
            "供应商管理.md:11:6",
            "`{status:colour=Red|title=延期}`",
            "`**延期**`",
        ),
        (
            "供应商管理.md:11:38",
            "`[~zhangwei]` 是 Confluence 的提及",
            "`zhangwei`",
        ),
        ("供应商管理.md:19:1", "`{code:language=sql}`", "```sql"),
        ("供应商管理.md:21:1", "`{code}`", "代码块"),
        (
            "供应商管理.md:29:1",
            "`||阶段||负责人||` 是 Confluence 表格的标题行",
            "`|---|---|`",
        ),
    ];
    for (place, what, help) in expected {
        let block = err
            .split("\n\n")
            .find(|b| b.contains(place))
            .unwrap_or_else(|| panic!("nothing told at {place}:\n{err}"));
        assert!(
            block.contains(what) && block.contains(help),
            "{place}: {block}"
        );
    }
    assert_eq!(
        err.matches("是 Confluence ").count(),
        expected.len(),
        "{err}"
    );
    // The panel pair, drawn as its callout (the eleventh walk-through); the
    // placeholders' line, and the code block's.
    for place in [
        "供应商管理.md:7:",
        "供应商管理.md:9:",
        "供应商管理.md:23:",
        "供应商管理.md:26:",
    ] {
        assert!(!err.contains(place), "{place}: {err}");
    }

    let page = site.read("practices/供应商管理/index.html");
    assert!(
        page.contains("<aside class=\"callout callout-info\" role=\"note\"><p class=\"callout-title\">信息</p><div class=\"callout-body\">\n<p>本页从 Confluence 迁移"),
        "{page}"
    );
    assert!(page.contains("<td rowspan=\"2\">采购</td>"), "{page}");
    assert!(page.contains("<td colspan=\"2\">比价与定标</td>"), "{page}");
}
