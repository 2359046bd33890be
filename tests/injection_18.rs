//! Hostile sites, the eighteenth hunt: what earlier rounds left untried. Names an author
//! writes that become file names longer than a file system takes (a tag, a category, an
//! alias, an imported lesson's title), and characters XML cannot carry in the feed,
//! which a feed reader then refuses whole.

mod common;

use common::Site;

/// 100 Chinese characters: 300 bytes, past the 255 a file name may have on Linux, macOS
/// and Windows alike.
fn long_name() -> String {
    "长".repeat(100)
}

/// A tag, a category or an alias of 300 bytes made a folder the build could not create:
/// the whole site failed with `File name too long (os error 36)` at the folder, naming
/// no page. Each is refused at its field, and the rest of the site is told of too.
#[test]
fn a_name_longer_than_a_file_system_takes_is_refused_at_its_field() {
    let site = Site::fixture("basic");
    let long = long_name();
    site.write(
        "content/lessons/长标签.md",
        format!(
            "---\ntitle: 长标签\ndate: 2024-05-01\nproject: erp\nphase: execution\n\
             impact: negative\ntags: [供应商, {long}]\n---\n\n正文。\n"
        ),
    );
    site.write(
        "content/lessons/长类别.md",
        format!(
            "---\ntitle: 长类别\ndate: 2024-05-02\nproject: erp\nphase: execution\n\
             impact: negative\ncategory: {long}\n---\n\n正文。\n"
        ),
    );
    site.write(
        "content/reports/长别名.md",
        format!(
            "---\ntitle: 长别名\ndate: 2024-05-03\naliases: [\"/旧/{long}/\"]\n---\n\n正文。\n"
        ),
    );
    let m = site.build_err();
    assert!(!m.contains("os error"), "{m}");
    for (file, line) in [
        ("content/lessons/长标签.md", 7),
        ("content/lessons/长类别.md", 7),
        ("content/reports/长别名.md", 4),
    ] {
        assert!(
            m.lines().any(|l| l.contains(&format!("{file}:{line}:"))
                && l.contains("300 bytes")
                && l.contains("255")),
            "{file} not refused at line {line}:\n{m}"
        );
    }
    // At the limit, a name is kept: 85 characters are 255 bytes.
    let longest = "长".repeat(85);
    for file in ["长标签", "长类别", "长别名"] {
        let rel = if file == "长别名" {
            format!("content/reports/{file}.md")
        } else {
            format!("content/lessons/{file}.md")
        };
        let text = std::fs::read_to_string(site.root().join(&rel)).unwrap();
        site.write(&rel, text.replace(&long, &longest));
    }
    site.build_ok();
    assert!(site.exists(&format!("tags/{longest}/index.html")));
    assert!(site.exists(&format!("categories/{longest}/index.html")));
    assert!(site.exists(&format!("旧/{longest}/index.html")));
}

/// XML 1.0 forbids U+FFFE and U+FFFF as it does the C0 controls; a title or a body
/// holding one (pasted from a file read in the wrong byte order) made atom.xml a file
/// no feed reader takes, every entry lost with it. `]]>` and markup in a summary are
/// escaped once.
#[test]
fn the_feed_stays_well_formed_whatever_an_author_writes() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/非字符.md",
        "---\ntitle: \"字节序\\uFFFE标记\\uFFFF与\\v换行\"\ndate: 2024-07-01\nproject: erp\n\
         phase: execution\nimpact: negative\nsummary: \"摘要 ]]> <b>粗</b> &amp; \\uFFFE\"\n\
         tags: [\"标签\\uFFFF\"]\n---\n\n正文\u{FFFE}中\u{FFFF}间\u{c}换页 ]]> 结束。\n",
    );
    site.build_ok();
    let atom = site.read("atom.xml");
    common::assert_well_formed(&atom);
    assert!(atom.contains("<title>字节序标记与换行</title>"), "{atom}");
    // The summary is the page's plain text: the tags dropped, the entity read once.
    assert!(
        atom.contains("<summary>摘要 ]]&gt; 粗 &amp;</summary>"),
        "{atom}"
    );
    // The body is HTML (`]]&gt;`), written into the feed as text.
    assert!(atom.contains("正文中间换页 ]]&amp;gt; 结束。"), "{atom}");
}

/// A feed reader shows an entry's `<summary>` as text: the summary as its author typed it
/// (a Markdown link, an emphasis tag, an entity) showed its brackets, address and `&amp;`
/// to every subscriber. It carries the page's plain-text description instead.
#[test]
fn a_feed_summary_is_the_plain_text_a_reader_sees() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/摘要纯文本.md",
        "---\ntitle: 接口联调延期\ndate: 2024-07-02\nproject: erp\nphase: execution\n\
         impact: negative\nsummary: \"见[联调计划](../计划/)，<em>供应商</em>响应 &amp; 升级\"\n\
         ---\n\n正文。\n",
    );
    site.build_ok();
    let atom = site.read("atom.xml");
    common::assert_well_formed(&atom);
    assert!(
        atom.contains("<summary>见联调计划，供应商响应 &amp; 升级</summary>"),
        "{atom}"
    );
    assert!(!atom.contains("../计划/"), "{atom}");
}

/// `pmo import lessons` names each file by its lesson's title: a title of 100 Chinese
/// characters made a file name of 303 bytes, and the row failed with `File name too
/// long`. The name is cut to what a file system takes, the title kept whole, and a
/// second import finds the lesson already there.
#[test]
fn an_imported_lesson_with_a_long_title_gets_a_file_it_can_have() {
    let site = Site::fixture("basic");
    let title = format!("接口{}", long_name());
    let csv = format!("标题,日期,项目,阶段,影响\n{title},2024-05-01,erp,执行,负面\n");
    let file = site.root().join("登记册.csv");
    std::fs::write(&file, csv).unwrap();
    let root = site.root().to_str().unwrap();
    let args = ["--root", root, "import", "lessons", file.to_str().unwrap()];
    let out = common::pmo(&args);
    let said = common::stderr(&out);
    assert!(out.status.success(), "{said}");
    assert!(!said.contains("os error"), "{said}");
    // The lessons the import wrote, by file name.
    let imported = || -> Vec<String> {
        std::fs::read_dir(site.root().join("content/lessons"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("接口"))
            .collect()
    };
    let written = imported();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(written[0].len() <= 255, "{}", written[0].len());
    let text =
        std::fs::read_to_string(site.root().join("content/lessons").join(&written[0])).unwrap();
    assert!(text.contains(&title), "{text}");
    site.build_ok();
    // Imported again, the row is found already written.
    let again = common::pmo(&args);
    assert!(again.status.success(), "{}", common::stderr(&again));
    assert_eq!(imported(), written);
}

/// A page embedding another (`![[…]]`) pastes that page's body where the embed stood —
/// in a paragraph, a table cell, a heading, a link's text — and Confluence's panels draw
/// a callout titled as written: each with an author's markup in the embedded page's
/// title, body and headings, and in a panel's title and colour. An embed in code stays
/// text. Chromium loads every page and searches the payloads' words.
#[test]
fn embeds_and_panels_holding_markup_run_nothing_in_chromium() {
    const P: &str = "<img src=x onerror=__pwned=1>";
    let site = Site::fixture("basic");
    site.write(
        "content/reports/被嵌.md",
        format!(
            "---\ntitle: {t}\ndate: 2024-05-02\nsummary: {t}\n---\n\n{P} 原始 \
             <a href=\"javascript:__pwned=1\">链接</a> <svg onload=__pwned=1></svg>\n\n\
             ## 小节 {P}\n\n小节正文 ]]> \u{2028} 结束。\n",
            t = common::hostile::quoted(&format!("被嵌页 \"><svg onload=__pwned=1> {P}")),
        ),
    );
    site.write(
        "content/reports/嵌入者.md",
        format!(
            "---\ntitle: 嵌入者\ndate: 2024-05-03\n---\n\n正文 ![[被嵌]] 之后。\n\n\
             `![[被嵌]]` 行内。\n\n```\n![[被嵌]]\n```\n\n| 格 | 嵌 |\n|---|---|\n| ![[被嵌]] | 值 |\n\n\
             ## ![[被嵌#小节-img-src-x-onerror-pwned-1]]\n\n[链接文字 ![[被嵌]]](被嵌.md)\n\n\
             {{info:title={P}}}\n信息\n{{info}}\n\n\
             {{panel:bgColor=red;background:url(javascript:__pwned=1)|title=\"><svg onload=__pwned=1>}}\n\
             面板\n{{panel}}\n\n{{note}}\n外层\n{{tip:title=</aside>{P}}}\n内层\n{{tip}}\n{{note}}\n"
        ),
    );
    // A chain of lessons each showing the one before and the hostile page: nested
    // pastes, their ids prefixed, each lesson with tags of its own.
    for n in 1..=8 {
        site.write(
            &format!("content/lessons/链-{n}.md"),
            format!(
                "---\ntitle: 链 {n}\ndate: 2024-06-{n:02}\nproject: erp\nphase: execution\n\
                 impact: negative\ntags: [链标签{n}, 环节{n}]\n---\n\n![[链-{}]]\n\n![[被嵌]]\n",
                n - 1
            ),
        );
    }
    site.build_ok();
    let page = site.read("reports/嵌入者/index.html");
    assert!(page.contains("<code>![[被嵌]]</code>"), "{page}");
    assert!(
        page.contains("<pre><code>![[被嵌]]\n</code></pre>"),
        "{page}"
    );
    assert!(page.contains("class=\"page-embed\""), "{page}");
    common::hostile::assert_built_site_runs_no_script(&site, &["被嵌页", "小节正文", P]);
}
