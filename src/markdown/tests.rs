use super::fences::fence_closed;
use super::summary::shorten;
use super::*;

#[test]
fn fences_closed_and_not() {
    assert!(fence_closed("```chart\ntype = \"bar\"\n```\n"));
    assert!(fence_closed("````table\na = 1\n`````"));
    assert!(fence_closed("~~~chart\na = 1\n  ~~~  \n\n"));
    assert!(fence_closed("```chart\n> a = 1\n> ```"));
    assert!(!fence_closed("```chart\ntype = \"bar\"\n\n## 下一节\n"));
    assert!(!fence_closed("````chart\na = 1\n```\n"));
    assert!(!fence_closed("```chart"));
    assert!(!fence_closed("```chart\na = 1\n~~~"));
}

fn md(body: &str) -> (Rendered, Vec<Diagnostic>) {
    let text: Arc<str> = Arc::from(body);
    render(Path::new("a.md"), &text, 0..body.len())
}

/// A wiki link's missing picture reads as its name.
#[test]
fn an_embed_not_found_reads_as_its_name() {
    let (r, _) = md("见 ![[流程 图.png]] 之后\n");
    assert_eq!(
        crate::markdown::unembed(&r.html.unpack(), 0),
        "<p>见 流程 图.png 之后</p>\n"
    );
}

/// An undefined reference is told where written; a wiki link is a link now, found by
/// title in the link stage (`site/links/wiki.rs`), and in code it is an example.
#[test]
fn an_undefined_reference_is_warned_where_written_and_a_wiki_link_is_kept_for_the_link_stage() {
    let (r, problems) = md(
            "见 [供应商清单][清单] 和 [[kickoff-raci]]。\n\n[草稿] 与 [x][] 以及 `[[代码]]`。\n\n[ok][d] 文献[1][2]\n\n[d]: ../x.md\n",
        );
    let told: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
    assert_eq!(told.len(), 2, "{told:#?}");
    assert!(
        told[0].contains("a.md:1:3") && told[0].contains("[清单]"),
        "{}",
        told[0]
    );
    assert!(
        told[1].contains("a.md:3:") && told[1].contains("[x]"),
        "{}",
        told[1]
    );
    assert!(problems.iter().all(|d| !d.is_error()));
    let wiki: Vec<_> = r.links.iter().filter(|l| l.wiki).collect();
    assert_eq!(wiki.len(), 1, "{:?}", r.links);
    assert_eq!(wiki[0].dest, "kickoff-raci");
    let html = r.html.unpack();
    assert!(html.contains("<code>[[代码]]</code>"), "{html}");
    assert!(!html.contains("[[kickoff"), "{html}");
}

#[test]
fn a_link_whose_address_holds_a_space_is_told_where_written() {
    let (r, problems) = md(
            "见 [周报](other page.md) 和 ![流程图](图片/流程 图.png)。\n\n[说明](参见 第三章) 与 [好](<other page.md>) 以及 `[代码](a b.md)`。\n",
        );
    let told: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
    assert_eq!(told.len(), 3, "{told:#?}");
    assert!(
        told[0].contains("a.md:1:3") && told[0].contains("other page.md"),
        "{}",
        told[0]
    );
    let help = problems[0].help.as_ref().unwrap().to_string();
    assert!(help.contains("[周报](<other page.md>)"), "{help}");
    assert!(problems[0].is_error(), "a page address: an error");
    assert!(
        told[1].contains("`![流程图](图片/流程 图.png)`"),
        "{}",
        told[1]
    );
    let help = problems[1].help.as_ref().unwrap().to_string();
    assert!(help.contains("`![流程图](<图片/流程 图.png>)`"), "{help}");
    assert!(problems[1].is_error(), "a file address: an error");
    // Not shaped like a file's address: maybe meant as text, so only a warning.
    assert!(told[2].contains("a.md:3:1"), "{}", told[2]);
    assert!(!problems[2].is_error());
    // The angle-bracketed one is a link.
    assert_eq!(r.links.len(), 1);
}

#[test]
fn headings_get_readable_unique_ids_and_a_toc() {
    let (r, _) = md("# 总览\n\n## 风险 识别\n\n### 细节\n\n## 风险 识别\n\n## Custom {#mine}\n");
    assert!(
        r.html.unpack().contains("<h2 id=\"风险-识别\">"),
        "{}",
        r.html.unpack()
    );
    assert!(r.html.unpack().contains("<h2 id=\"风险-识别-1\">"));
    assert!(r.html.unpack().contains("<h2 id=\"mine\">"));
    assert_eq!(r.toc.len(), 1);
    assert_eq!(r.toc[0].children.len(), 3);
    assert_eq!(r.toc[0].children[0].children[0].title, "细节");
}

#[test]
fn the_anchors_are_the_headings_in_order_then_the_footnotes() {
    let (r, _) = md("# 总览\n\n## 风险\n\n正文[^a]。\n\n### 细节\n\n## 结论\n\n[^a]: 注释\n");
    assert_eq!(r.anchor_ids(), ["总览", "风险", "细节", "结论", "a", "a"]);
}

#[test]
fn an_explicit_id_is_escaped_in_the_anchor_link_too() {
    let (r, _) = md("## 小节 {#x\"/autofocus/tabindex=\"1\"/onfocus=\"alert(1)}\n");
    let anchor = "href=\"#x&quot;/autofocus/tabindex=&quot;1&quot;/onfocus=&quot;alert(1)\"";
    assert!(r.html.unpack().contains(anchor), "{}", r.html.unpack());
    assert!(
        !r.html.unpack().contains("x\"/autofocus"),
        "{}",
        r.html.unpack()
    );
}

#[test]
fn a_raw_address_that_could_run_a_script_is_noted_at_its_place() {
    let text = "文字 <a href=\"JaVaScRiPt:alert(1)\">点</a> <img src='data:text/html,x'> <a href=\"https://a.example/\">好</a>\n";
    let (r, p) = md(text);
    assert!(p.is_empty(), "{p:?}");
    let at = text.find("JaVaScRiPt").unwrap();
    assert_eq!(
        r.dropped_links,
        vec![
            ("JaVaScRiPt:alert(1)".to_string(), at),
            ("data:text/html,x".to_string(), text.find("data:").unwrap()),
        ]
    );
}

/// A script address written with character references or a tab (`&#106;avascript:`,
/// `java&#9;script:`) is the same address to a browser. It was taken for a page of
/// the site: "there is no file content/lessons/&", and its `&` escaped again.
#[test]
fn a_raw_script_address_written_with_references_is_noted_too() {
    let text = "<a href=\"&#106;avascript:alert(1)\">甲</a> <a href=\"java&#9;script:x\">乙</a> <a href=\"b.md#&#x4E00;\">丙</a>\n";
    let (r, p) = md(text);
    assert!(p.is_empty(), "{p:?}");
    assert_eq!(
        r.dropped_links,
        vec![
            (
                "javascript:alert(1)".to_string(),
                text.find("&#106;").unwrap()
            ),
            ("javascript:x".to_string(), text.find("java&#9;").unwrap()),
        ]
    );
    let dests: Vec<&str> = r.links.iter().map(|l| l.dest.as_str()).collect();
    assert_eq!(dests, ["b.md#一"]);
}

#[test]
fn an_unclosed_style_is_an_error_and_a_closed_one_is_noted() {
    let (r, p) = md("第一段。\n\n<style>p { color: red }</style>\n\n第二段。\n");
    assert!(p.is_empty());
    assert_eq!(r.dropped_html, vec![("style".to_string(), 14)]);
    let (_, p) = md("文字 <STYLE> 之后的一切\n\n第二段。\n");
    assert_eq!(p.len(), 1);
    assert!(
        p[0].to_string().contains("`<style>` is never closed"),
        "{}",
        p[0]
    );
    let (r, p) = md("<styles> and <scripting> are not raw-text elements\n");
    assert!(p.is_empty() && r.dropped_html.is_empty());
}

/// An HTML comment without its `-->` hides the rest of the page: the archetypes'
/// hints are comments, and a careless edit of one lost the lesson below it.
#[test]
fn an_unclosed_comment_is_an_error_and_a_closed_one_is_not() {
    let (_, p) = md("第一段。\n\n<!-- 提示\n\n## 标题\n\n正文。\n");
    assert_eq!(p.len(), 1, "{p:?}");
    let message = p[0].to_string();
    assert!(message.contains("a.md:3:1"), "{message}");
    assert!(message.contains("`<!--` is never closed"), "{message}");
    let (_, p) = md("<!-- 提示\n多行 -->\n\n正文 <!-- 行内 --> 文字\n");
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn deep_nesting_is_an_error_at_the_tag_that_goes_too_deep() {
    let deep = "<div>".repeat(100_000);
    let (_, p) = md(&format!("正文\n\n{deep}\n"));
    assert_eq!(p.len(), 1);
    // At the tag that goes too deep, not at the end of the line holding them all.
    assert!(p[0].to_string().contains("nested 257 deep"), "{}", p[0]);
    let quotes = format!("{} 引用\n", ">".repeat(1000));
    let (_, p) = md(&quotes);
    assert_eq!(p.len(), 1, "{p:?}");
    // Balanced and void elements do not add up.
    let flat = "<p>a</p><br><img src=x><hr/>".repeat(10_000);
    let (_, p) = md(&flat);
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn unlinked_links_keep_their_text_and_images_go() {
    let html = "<p>见<a href=\"pmo-link:0\" title=\"t\">预算</a>与<a href=\"pmo-link:1\">x</a><img src=\"pmo-link:2\" alt=\"图\" /></p>";
    let out = unlink(&unlink(html, 0), 2);
    assert_eq!(out, "<p>见预算与<a href=\"pmo-link:1\">x</a></p>");
}

#[test]
fn internal_links_become_placeholders_with_positions() {
    let body = "see [risk](../practices/risk.md#top) and [web](https://example.com)\n";
    let (r, p) = md(body);
    assert!(p.is_empty());
    assert_eq!(r.links.len(), 1);
    assert_eq!(r.links[0].dest, "../practices/risk.md#top");
    assert_eq!(
        &body[r.links[0].span.clone()],
        "[risk](../practices/risk.md#top)"
    );
    assert!(r.html.unpack().contains("href=\"pmo-link:0\""));
    let html = substitute_links(&r.html.unpack(), |_| Some("../practices/risk/#top".into()));
    assert!(html.contains("href=\"../practices/risk/#top\""), "{html}");
}

#[test]
fn addresses_in_raw_html_become_placeholders_and_others_stay() {
    let body = "前言\n\n<div>\n  <a href=\"../practices/risk.md\">风险</a> <a href=\"https://x.cn/\">外</a>\n  <a href=\"#top\">顶</a> <img src='图.png'>\n</div>\n\n行内 <a href=/lessons/>教训</a>。\n";
    let (r, p) = md(body);
    assert!(p.is_empty(), "{p:?}");
    let dests: Vec<(&str, bool, bool)> = r
        .links
        .iter()
        .map(|l| (l.dest.as_str(), l.is_image, l.raw))
        .collect();
    assert_eq!(
        dests,
        [
            ("../practices/risk.md", false, true),
            ("图.png", true, true),
            ("/lessons/", false, true)
        ]
    );
    assert_eq!(&body[r.links[1].span.clone()], "'图.png'");
    assert_eq!(&body[r.links[2].span.clone()], "/lessons/");
    assert!(
        r.html.unpack().contains("<a href=\"pmo-link:0\">风险</a>"),
        "{}",
        r.html.unpack()
    );
    assert!(
        r.html.unpack().contains("<img src=\"pmo-link:1\">"),
        "{}",
        r.html.unpack()
    );
    assert!(
        r.html.unpack().contains("href=\"https://x.cn/\""),
        "{}",
        r.html.unpack()
    );
    assert!(
        r.html.unpack().contains("href=\"#top\""),
        "{}",
        r.html.unpack()
    );
}

#[test]
fn javascript_links_are_reported_and_neutralised() {
    let (r, p) = md("[x](javascript:alert(1))\n");
    assert_eq!(p.len(), 1);
    assert!(r.html.unpack().contains("href=\"#\""));
}

/// ```` ```Chart ```` showed the chart's settings as code and drew nothing, silently:
/// the block names are read in lower case only, so another case is warned at the fence.
#[test]
fn a_block_name_in_another_case_is_warned_at_its_fence() {
    let body = "进度如下。\n\n```Chart\ntype = \"line\"\n```\n\n```TABLE\ndata = \"x\"\n```\n\n```rust\nfn main() {}\n```\n";
    let (r, p) = md(body);
    assert!(r.blocks.is_empty());
    let told: Vec<String> = p.iter().map(|d| d.to_string()).collect();
    assert_eq!(told.len(), 2, "{told:#?}");
    assert!(told[0].starts_with("warning: a.md:3:1: "), "{}", told[0]);
    assert!(told[0].contains("did you mean ```chart"), "{}", told[0]);
    assert!(told[1].contains("a.md:7:1"), "{}", told[1]);
    assert!(told[1].contains("did you mean ```table"), "{}", told[1]);
}

#[test]
fn chart_and_table_blocks_are_set_aside() {
    let body = "Intro\n\n```chart\ntype = \"line\"\n```\n\n```table\ndata = \"x\"\n```\n\n```rust\nfn x() {}\n```\n";
    let (r, _) = md(body);
    assert_eq!(r.blocks.len(), 2);
    assert!(r.blocks[0].chart);
    assert_eq!(r.blocks[0].text, "type = \"line\"\n");
    assert_eq!(&body[r.blocks[0].offset..][..4], "type");
    assert!(!r.blocks[1].chart);
    assert!(r.html.unpack().contains(&block_marker(0)));
    assert!(r.html.unpack().contains(&block_marker(1)));
    assert!(r.html.unpack().contains("language-rust"));
    assert!(!r.has_raw_html, "our markers are not the author's raw HTML");
}

#[test]
fn raw_html_is_flagged() {
    assert!(md("<script>x</script>\n").0.has_raw_html);
    assert!(!md("plain *text*\n").0.has_raw_html);
}

#[test]
fn counts_cjk_characters_as_words() {
    assert_eq!(count_words("供应商延期 vendor delay!"), 7);
}

#[test]
fn summary_is_the_first_paragraph() {
    let (r, _) = md("# T\n\n第一段**重点**内容。\n\n第二段。\n");
    assert_eq!(r.first_paragraph, "第一段重点内容。");
    assert_eq!(shorten("一二三四五", 3), "一二三…");
}

#[test]
fn figures_and_link_lists_are_aside_from_the_prose() {
    let (r, _) = md(
            "风险矩阵如下：\n\n| 概率 | 1 | 2 |\n|---|---|---|\n| 5 | 5 | 10 |\n| 供应商交付延迟 | 高 | 3 |\n\n\
             ## 相关 Related\n\n- [供应商管理](https://example.com/a)\n- 见 [风险登记册](https://example.com/b) 第三节\n",
        );
    let text = r.text.unpack();
    assert!(text.contains("风险矩阵如下"));
    assert!(text.contains("供应商交付延迟"), "a row of words is prose");
    assert!(!text.contains("10"), "{:?}", text);
    assert!(r.aside.contains("10"), "{:?}", r.aside);
    assert!(!text.contains("供应商管理"), "{:?}", text);
    assert!(r.aside.contains("供应商管理"), "{:?}", r.aside);
    assert!(
        text.contains("风险登记册"),
        "a link inside a sentence is prose"
    );
}

/// A task's item is marked so the theme can drop its bullet: a bullet beside a checkbox
/// shows two markers for one item. Loose lists put the box inside a paragraph; the item
/// is marked all the same, and an ordinary item of the same list keeps its bullet.
#[test]
fn a_task_item_is_marked_for_the_theme_and_keeps_its_state_in_text() {
    let (r, problems) =
        md("- [ ] 完成验收\n- [x] 提交结项报告\n- 普通事项\n\n1. [x] 第一步\n\n2. [ ] 第二步\n");
    assert!(problems.is_empty(), "{problems:?}");
    let html = r.html.unpack();
    assert_eq!(
        html.matches("<li class=\"task-list-item\">").count(),
        4,
        "{html}"
    );
    assert!(html.contains("<li>普通事项</li>"), "{html}");
    assert!(
        html.contains("<input type=\"checkbox\" disabled=\"\" aria-hidden=\"true\"><span class=\"visually-hidden\">☐ </span>完成验收"),
        "{html}"
    );
    assert!(html.contains("checked=\"\""), "{html}");
    assert_eq!(
        html.matches("<li").count(),
        html.matches("</li>").count(),
        "{html}"
    );
}

/// `"pmo-link:0"` typed in prose or code is the author's text: only the addresses the
/// build wrote are filled in. It was replaced by the page's first link's address.
#[test]
fn a_placeholder_typed_as_text_stays_text() {
    let (r, _) = md(
        "见 [登记册](x.md)。文字 \"pmo-link:0\" 与 `\"pmo-link:0\"`\n\n\
         ```\nlet a = \"pmo-link:0\";\n```\n\n![图 \"pmo-link:0\"](y.png)\n",
    );
    let html = substitute_links(&r.html.unpack(), |n| Some(format!("../page-{n}/")));
    assert!(html.contains("<a href=\"../page-0/\">登记册</a>"), "{html}");
    assert!(html.contains("<img src=\"../page-1/\""), "{html}");
    assert!(
        html.contains("文字 &quot;pmo-link:0&quot; 与 <code>&quot;pmo-link:0&quot;</code>"),
        "{html}"
    );
    assert!(html.contains("let a = &quot;pmo-link:0&quot;;"), "{html}");
    assert!(html.contains("alt=\"图 &quot;pmo-link:0&quot;\""), "{html}");
    assert_eq!(html.matches("page-0").count(), 1, "{html}");
}

/// Notes moved in from Hugo hold shortcodes: the page showed them as typed, braces and
/// all, without a word (the eighth new-user walk-through). Each is warned of at its place
/// with what to write; in code they are examples. Obsidian's callouts are drawn, unsaid.
#[test]
fn hugo_shortcodes_are_told_what_to_write_and_callouts_drawn() {
    let body = "四道关口。\n\n{{< figure src=\"关口.png\" caption=\"四道关口\" >}}\n\n> [!note] 评审之前\n> 提前两天发材料。\n\n> [!WARNING]\n> 不要跳过 G2。\n\n{{% notice tip %}}\n用模板。\n{{% /notice %}}\n\n见 {{< relref \"risk.md\" >}} 与 `{{< figure >}}`。\n\n读[风险登记册]({{< ref \"risk register.md\" >}})。\n\n```\n{{< figure src=\"x.png\" >}}\n> [!note] 代码\n```\n\n> 普通引用 [!note] 不是标注\n";
    let (r, problems) = md(body);
    let told = crate::diagnostics::told_with_help(&problems);
    assert_eq!(told.len(), 5, "{told:#?}");
    let html = r.html.unpack();
    assert_eq!(html.matches("<aside class=\"callout").count(), 2, "{html}");
    assert!(html.contains("<p>普通引用 [!note] 不是标注</p>"), "{html}");
    assert!(problems.iter().all(|d| !d.is_error()), "{told:#?}");
    let expected = [
        ("a.md:3:1", "Hugo shortcode", "`![四道关口](关口.png)`"),
        ("a.md:11:1", "{{% notice tip %}}", "`> [!tip]`"),
        ("a.md:13:1", "{{% /notice %}}", "`> [!note]`"),
        ("a.md:15:3", "relref", "`[text](risk.md)`"),
        // Told once, as a shortcode: angle brackets would not mend it.
        ("a.md:17:10", "ref", "`[风险登记册](<risk register.md>)`"),
    ];
    for (told, (place, what, help)) in told.iter().zip(expected) {
        assert!(
            told.contains(place) && told.contains(what) && told.contains(help),
            "{place} {what} {help}: {told}"
        );
    }
}

/// A Hugo shortcode's path from the site's root (`/images/gantt.png`, `/practices/x`) was
/// told as "from this file's folder" (the tenth new-user walk-through): pmo reads a
/// leading `/` from the root, and the help says so.
#[test]
fn a_shortcode_path_from_the_root_is_told_as_such() {
    let body = "{{< figure src=\"/images/甘特图.png\" caption=\"甘特图\" >}}\n\n见[周报]({{< relref \"/practices/weekly.md\" >}})与[本节]({{< ref \"gates.md\" >}})。\n";
    let (_, problems) = md(body);
    let told = crate::diagnostics::told_with_help(&problems);
    assert_eq!(told.len(), 3, "{told:#?}");
    assert!(
        told[0].contains("`![甘特图](/images/甘特图.png)`")
            && told[0].contains("from the site's root"),
        "{}",
        told[0]
    );
    assert!(
        told[1].contains("`[周报](/practices/weekly.md)`") && told[1].contains("from content/"),
        "{}",
        told[1]
    );
    assert!(
        told[2].contains("`[本节](gates.md)`") && told[2].contains("from this file's folder"),
        "{}",
        told[2]
    );
}
