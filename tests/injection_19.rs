//! Hostile sites, the nineteenth hunt: characters no page should hold, written so that
//! each output kept a different part of them, names of an author's that Windows keeps
//! for its devices, and markup where earlier rounds planted none (namespaces, mutation
//! tricks, addresses hidden behind entities, and the listings' fields).

mod common;

use common::Site;

/// Whether `c` is one of the characters the build drops from what authors write: a
/// control character but tab and line breaks, a noncharacter, a line or paragraph
/// separator.
fn unwanted(c: char) -> bool {
    let n = c as u32;
    (n < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&n)
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Every text file of the built site holding one of them, with where.
fn holding_unwanted(public: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![public.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                if let Some((at, c)) = text.char_indices().find(|&(_, c)| unwanted(c)) {
                    found.push(format!("{}: U+{:04X} at {at}", path.display(), c as u32));
                }
            }
        }
    }
    found
}

/// A title holding U+FFFE and U+FFFF (a byte order mark read the wrong way round), NUL,
/// ESC and U+2028, written as YAML escapes, stood in the page's HTML with the two
/// noncharacters, in the search index with all of them (NUL and ESC as `\u` escapes), and
/// in the feed with none: the title searched as shown found nothing, and a tag so
/// written was shown with its U+FFFF over a folder named without it. Each is now dropped
/// (the separators read as a space) alike in the page, the listings, the search index,
/// the feed and the tables, whether written raw, escaped in the front matter, escaped in
/// a data file or as a character reference in the text.
#[test]
fn invisible_characters_are_dropped_alike_from_every_output() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/字节序.md",
        "---\ntitle: \"供应商\\uFFFE延期\\uFFFF复盘\\0与\\e总结\\L补记\\uFDD0\"\n\
         date: 2024-07-01\nproject: erp\nphase: execution\nimpact: negative\n\
         summary: \"摘要\\uFFFE甲\\P乙\"\nowner: \"张\\x1b三\"\ntags: [\"字节标签\\uFFFF\"]\n---\n\n\
         正文\u{FFFE}中\u{FFFF}间\u{1b}，引用&#xFFFE;甲&#x1b;乙&#x2028;丙&#xFDD0;丁。\n",
    );
    site.write("data/字节表.csv", "名称,数值\n\"甲\u{FFFE}乙\u{1b}\",1\n");
    site.write(
        "data/字节表二.json",
        "[{\"名称\": \"丙\\uFFFF丁\\u0000\", \"数值\": 2}]",
    );
    site.write(
        "content/reports/字节表.md",
        "---\ntitle: 字节表\ndate: 2024-07-02\n---\n\n```table\ndata = \"字节表\"\n```\n\n\
         ```table\ndata = \"字节表二\"\n```\n",
    );
    site.build_ok();
    let found = holding_unwanted(&site.public());
    assert!(found.is_empty(), "{}", found.join("\n"));
    let title = "供应商延期复盘与总结 补记";
    let page = site.read("lessons/字节序/index.html");
    assert!(page.contains(&format!("<h1>{title}</h1>")), "{page}");
    assert!(page.contains("摘要甲 乙"), "{page}");
    assert!(page.contains("张三"), "{page}");
    assert!(page.contains("正文中间，引用甲乙 丙丁。"), "{page}");
    assert!(site.exists("tags/字节标签/index.html"));
    assert!(site.read("tags/index.html").contains(">字节标签 <"));
    let atom = site.read("atom.xml");
    assert!(atom.contains(&format!("<title>{title}</title>")), "{atom}");
    let table = site.read("reports/字节表/index.html");
    assert!(table.contains("<td>甲乙</td>"), "{table}");
    assert!(table.contains("<td>丙丁</td>"), "{table}");
    let r = common::search_client(&site, &serde_json::json!(["供应商延期复盘", "补记"]));
    for res in &r {
        assert_eq!(
            common::result_urls(res).first().map(String::as_str),
            Some("lessons/字节序/"),
            "{res}"
        );
    }
}

/// `pmo import lessons` named each file by its lesson's title: `CON`, `nul`, `COM1`
/// made `con.md`, `nul.md`, `com1.md`, files a Windows share cannot hold nor an author
/// there open or delete. Each gets a name Windows takes, its title kept; the other
/// titles Windows would trip on (`aux.txt`, one ending in a dot or a space) were already
/// slugs without the dot or space. A second import finds every one already there.
#[test]
fn an_imported_lesson_named_as_a_windows_device_gets_a_file_windows_can_open() {
    let site = Site::fixture("basic");
    let titles = [
        "CON", "nul", "COM1", "aux.txt", "Lpt9.log", "纪要.", "备注 ",
    ];
    let mut csv = String::from("标题,日期,项目,阶段,影响\n");
    for (n, title) in titles.iter().enumerate() {
        csv.push_str(&format!(
            "{},2024-05-{:02},erp,执行,负面\n",
            common::hostile::csv_cell(title),
            n + 1
        ));
    }
    let file = site.root().join("设备名.csv");
    std::fs::write(&file, csv).unwrap();
    let root = site.root().to_str().unwrap();
    let args = ["--root", root, "import", "lessons", file.to_str().unwrap()];
    let before: Vec<String> = names_in(&site.root().join("content/lessons"));
    let out = common::pmo(&args);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let written: Vec<String> = names_in(&site.root().join("content/lessons"))
        .into_iter()
        .filter(|n| !before.contains(n))
        .collect();
    assert_eq!(written.len(), titles.len(), "{written:?}");
    for name in &written {
        let stem = name.strip_suffix(".md").unwrap();
        let device = stem.split('.').next().unwrap().to_ascii_lowercase();
        assert!(
            !["con", "prn", "aux", "nul"].contains(&device.as_str())
                && !(device.len() == 4 && (device.starts_with("com") || device.starts_with("lpt"))),
            "{name}"
        );
        assert!(!stem.ends_with(['.', ' ']), "{name:?}");
    }
    for title in titles {
        assert!(
            written.iter().any(|n| {
                std::fs::read_to_string(site.root().join("content/lessons").join(n))
                    .unwrap()
                    .lines()
                    .any(|l| l.starts_with("title: ") && l.contains(title.trim()))
            }),
            "{title} not kept: {written:?}"
        );
    }
    site.build_ok();
    let again = common::pmo(&args);
    assert!(again.status.success(), "{}", common::stderr(&again));
    assert_eq!(
        names_in(&site.root().join("content/lessons")).len(),
        before.len() + titles.len()
    );
}

fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A Confluence page titled `CON` and its attachments named (as Confluence shows them)
/// `aux.txt`, `纪要.` and `a:b.pdf`: `pmo import html` wrote `con.md` and copied the
/// files under those names, which a Windows share cannot hold (`a:b.pdf` there names a
/// hidden stream of `a`). Each now gets a name Windows takes, and the links follow.
#[test]
fn confluence_pages_and_attachments_named_as_devices_get_names_windows_takes() {
    let site = Site::fixture("basic");
    let export = tempfile::tempdir().unwrap();
    let write = |rel: &str, bytes: &[u8]| {
        let path = export.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    write(
        "index.html",
        "<!DOCTYPE html><html><head><title>PMO 知识库</title></head><body>\
         <div id=\"main-content\"><ul><li><a href=\"11111111.html\">CON</a></li></ul></div>\
         </body></html>"
            .as_bytes(),
    );
    let body = "<p>附件：<a href=\"attachments/11111111/1.txt\" \
        data-linked-resource-default-alias=\"aux.txt\">aux.txt</a>，\
        <a href=\"attachments/11111111/2.txt\" data-linked-resource-default-alias=\"纪要.\">纪要.</a>，\
        <a href=\"attachments/11111111/3.pdf\" data-linked-resource-default-alias=\"a:b.pdf\">a:b.pdf</a>。</p>";
    write(
        "11111111.html",
        format!(
            "<!DOCTYPE html><html><head><title>PMO 知识库 : CON</title></head><body>\
             <h1 id=\"title-heading\"><span id=\"title-text\">PMO 知识库 : CON</span></h1>\
             <div id=\"main-content\" class=\"wiki-content group\">{body}</div></body></html>"
        )
        .as_bytes(),
    );
    write("attachments/11111111/1.txt", "会议纪要".as_bytes());
    write("attachments/11111111/2.txt", "纪要正文".as_bytes());
    write("attachments/11111111/3.pdf", b"%PDF-1.4");
    let root = site.root().to_str().unwrap();
    let out = common::pmo(&[
        "--root",
        root,
        "import",
        "html",
        export.path().to_str().unwrap(),
        "--into",
        "知识库",
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let mut written = Vec::new();
    let mut stack = vec![site.root().join("content/知识库")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            written.push(name.clone());
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    for name in &written {
        let stem = name.split('.').next().unwrap().to_ascii_lowercase();
        assert!(
            !["con", "prn", "aux", "nul"].contains(&stem.as_str()),
            "{name}: {written:?}"
        );
        assert!(
            !name.ends_with(['.', ' ']) && !name.contains(':'),
            "{name:?}"
        );
    }
    assert!(written.len() >= 4, "{written:?}");
    site.build_ok();
}

/// `javascript:` and `data:` addresses behind character references, tabs and capitals, in
/// links, images, reference definitions, autolinks, footnotes and table cells: each is
/// refused at its place, as the plain ones are; a link title closing its quote is text.
#[test]
fn addresses_hidden_behind_entities_and_case_are_refused_where_written() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/隐藏地址.md",
        "---\ntitle: 隐藏地址\ndate: 2024-07-04\nproject: erp\nphase: execution\nimpact: negative\n---\n\n\
         [实体链接](&#106;avascript&#58;alert(1))\n\n\
         [大写链接](JaVaScRiPt:alert(1))\n\n\
         [数据链接](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n\n\
         [冒号实体](javascript&colon;alert(1))\n\n\
         [十六进制](&#x6A;&#x61;vascript:alert(1))\n\n\
         ![实体图片](&#106;avascript:alert(1))\n\n\
         ![数据图片](data:image/svg+xml,<svg/onload=alert(1)>)\n\n\
         [引用链接][坏]\n\n\
         <JAVASCRIPT:alert(1)>\n\n\
         脚注[^坏]\n\n| 单元格 | 值 |\n|---|---|\n| [格链](jav&#x09;ascript:alert(1)) | 值 |\n\n\
         [坏]: &#106;avascript:alert(1) \"标题\"\n\n[^坏]: 脚注 [脚注链接](vbscript:alert(1))\n",
    );
    let m = site.build_err();
    for line in [9, 11, 13, 15, 17, 19, 21, 23, 25, 35] {
        assert!(
            m.contains(&format!("content/lessons/隐藏地址.md:{line}:")),
            "line {line} not refused:\n{m}"
        );
    }
}

/// Markup where earlier rounds planted none: SVG and MathML wrapping what HTML would
/// read as text (namespace confusion), `<noscript>`, `<template>` and `<style>` holding
/// markup that a second parse makes live (mutation XSS), `srcdoc`, `formaction`,
/// `xlink:href`, a link title closing its quote; and the same payloads in the listings'
/// fields (owner, tags, summary) and a data file's cells. Chromium loads every page,
/// hovers and focuses each element, and searches the words.
#[test]
fn namespace_and_mutation_markup_runs_nothing_in_chromium() {
    const P: &str = "<img src=x onerror=alert(1)>";
    let site = Site::fixture("basic");
    let body = format!(
        "命名空间 <svg><style><img src=x onerror=alert(1)></style></svg> 与 \
         <math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>\n\n\
         <noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>\n\n\
         <template><img src=x onerror=alert(1)></template>\n\n\
         <style><img src=x onerror=alert(1)></style>\n\n\
         <iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>\n\n\
         <form><button formaction=\"javascript:alert(1)\">提交</button></form>\n\n\
         <svg><a xlink:href=\"javascript:alert(1)\"><text x=\"0\" y=\"15\">矢量链接</text></a></svg>\n\n\
         <svg><animate attributeName=\"href\" values=\"javascript:alert(1)\"/></svg>\n\n\
         [标题链接](https://example.com \"\\\"><img src=x onerror=alert(1)>\")\n\n\
         | 单元格 | 值 |\n|---|---|\n| {P} | <svg><style>{P}</style></svg> |\n"
    );
    let t = common::hostile::quoted(&format!("命名空间页 \"><svg onload=alert(1)> {P}"));
    site.write(
        "content/lessons/命名空间.md",
        common::hostile::lesson_with_every_field(&t, 9, &body),
    );
    site.write(
        "data/恶意表.csv",
        format!(
            "名称,数值\n{},1\n{},2\n",
            common::hostile::csv_cell(&format!("恶意格 {P} javascript:alert(1)")),
            common::hostile::csv_cell("<svg><style><img src=x onerror=alert(1)></style></svg>")
        ),
    );
    site.write(
        "content/reports/恶意表.md",
        "---\ntitle: 恶意表\ndate: 2024-07-03\n---\n\n```table\ndata = \"恶意表\"\n```\n",
    );
    // More lessons, each with tags and an owner of markup: the listings they show in.
    for n in 1..=8 {
        site.write(
            &format!("content/lessons/列表-{n}.md"),
            format!(
                "---\ntitle: 列表 {n}\ndate: 2024-06-{n:02}\nproject: erp\nphase: execution\n\
                 impact: negative\ntags: [列表标签{n}, {}]\nowner: {}\nsummary: {}\n---\n\n正文 {n}。\n",
                common::hostile::quoted(&format!("<svg><style>{P}</style></svg>{n}")),
                common::hostile::quoted(&format!("<math><mtext><table><mglyph><style>{P}")),
                common::hostile::quoted(&format!("<noscript><p title=\"</noscript>{P}\">")),
            ),
        );
    }
    site.build_ok();
    common::hostile::assert_built_site_runs_no_script(&site, &["命名空间页", "恶意格"]);
}
