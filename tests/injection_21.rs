//! Hostile sites, the twenty-first hunt: what a page that fails still has to tell, an
//! invisible character named by what it is, imports that write and name files plainly,
//! a lessons folder linked from elsewhere in the site, and payloads earlier rounds did
//! not plant (SVG drawings, styles, `<meta>`, `<base>`, forms, front matter landing in
//! attributes, cells and file names) loaded in Chromium.

mod common;

use std::path::{Path, PathBuf};

use common::Site;

/// Every file and folder under `dir` but `public/`, with its bytes (none for a folder).
fn outside_public(dir: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(dir).unwrap().to_path_buf();
            if rel == Path::new("public") {
                continue;
            }
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
                found.push((rel, None));
            } else {
                found.push((rel, std::fs::read(&path).ok()));
            }
        }
    }
    found.sort();
    found
}

/// A page failing on its front matter, or on a chart block, lost what the sanitizer
/// dropped from its body: the author mended the field, built again, and only then
/// learnt their `<script>` was gone. Both are told with the error now.
#[test]
fn a_page_that_fails_still_tells_what_the_sanitizer_drops() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/坏字段.md",
        "---\ntitle: 坏字段\ndate: 2024-07-01\n负责人: 张三\n---\n\n\
         正文<script>alert(1)</script>结束。\n",
    );
    site.write(
        "content/reports/坏图表.md",
        "---\ntitle: 坏图表\ndate: 2024-07-01\n---\n\n<style>p{color:red}</style>\n\n\
         ```chart\ntype = \"饼\"\n```\n\n[链接](<javascript:alert(1)>)\n",
    );
    let told = site.build_err();
    for (file, shown) in [
        ("content/reports/坏字段.md:7:", "`<script>` is removed"),
        ("content/reports/坏图表.md:6:", "`<style>` is removed"),
    ] {
        assert!(
            told.split("\n\n")
                .any(|block| block.contains(file) && block.contains(shown)),
            "{shown} at {file} not told:\n{told}"
        );
    }
}

/// A bell or a vertical tab pasted into an unquoted value was told as "a value starts
/// with `\`" (the reader names the character by its escape), pointing at the value's
/// first character, with a help quoting the escape back, which YAML does not read as
/// that character. The character is named and pointed at, and the help is the line
/// without it.
#[test]
fn a_control_character_in_a_front_matter_value_is_named_where_it_stands() {
    for (c, code) in [
        ('\u{7}', "U+0007 (BEL)"),
        ('\u{B}', "U+000B (VT)"),
        ('\u{1B}', "U+001B (ESC)"),
    ] {
        let site = Site::fixture("basic");
        site.write(
            "content/reports/控制.md",
            format!("---\ntitle: 周{c}报\ndate: 2024-07-01\n---\n\n正文。\n"),
        );
        let told = site.build_err();
        assert!(!told.contains("starts with `\\`"), "{told}");
        assert!(
            told.contains(code) && told.contains("`title`"),
            "{code} not named:\n{told}"
        );
        assert!(told.contains("content/reports/控制.md:2:9"), "{told}");
        assert!(told.contains("`title: 周报`"), "{told}");
    }
}

/// A one-page Confluence export whose page shows the attachments named in `names`
/// (Confluence's own names, in `data-linked-resource-default-alias`).
fn export_with(names: &[&str]) -> tempfile::TempDir {
    let mut links = String::new();
    for (n, name) in names.iter().enumerate() {
        links.push_str(&format!(
            "<a href=\"attachments/111/{n}.txt\" data-linked-resource-default-alias=\"{name}\">{name}</a>，"
        ));
    }
    let dir = common::import::one_page_export(&format!("<p>见{links}。</p>"));
    for n in 0..names.len() {
        std::fs::write(
            dir.path().join(format!("attachments/111/{n}.txt")),
            format!("附件 {n}"),
        )
        .unwrap();
    }
    dir
}

fn import_html(site: &Site, export: &Path) -> std::process::Output {
    common::pmo(&[
        "--root",
        site.root().to_str().unwrap(),
        "import",
        "html",
        export.to_str().unwrap(),
        "--into",
        "知识库",
    ])
}

/// A file the import could not write was told as "cannot read:", which sent the author
/// to the export. It says "cannot write", at the file it was writing.
#[test]
fn an_import_that_cannot_write_says_so_at_the_file_it_was_writing() {
    let site = Site::fixture("basic");
    // A file where the import's folder would go: nothing can be written under it.
    site.write("content/知识库", "不是文件夹");
    let export = export_with(&["纪要.txt"]);
    let out = import_html(&site, export.path());
    let told = common::stderr(&out);
    assert!(!out.status.success(), "{told}");
    assert!(!told.contains("cannot read"), "{told}");
    assert!(told.lines().any(|l| l.contains("cannot write")), "{told}");
    assert!(told.contains("content/知识库/附件页"), "{told}");
}

/// Attachment names drawn like `/` or `..` (`∕ ⁄ ／ ⧸`, `․․`) were written as they were:
/// `․․∕․․∕evil.txt` beside the page read in any listing as a file two folders up, and a
/// file named `․․` as the folder above. Each is written with plain `-` and `_` in their
/// place, two names made one are numbered apart, and the report says under which name
/// each file now stands; nothing is written outside the page's folder.
#[test]
fn attachment_names_drawn_like_paths_are_written_plainly_and_told() {
    let names = [
        "a∕b.txt",
        "a／b.txt",
        "a⁄b.txt",
        "a⧸b.txt",
        "․․",
        "․․∕․․∕evil.txt",
        "计划＼草稿.txt",
    ];
    let site = Site::fixture("basic");
    let before = outside_public(site.root());
    let export = export_with(&names);
    let out = import_html(&site, export.path());
    let told = common::stderr(&out) + &String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{told}");
    let folder = site.root().join("content/知识库/附件页");
    let mut written: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "index.md")
        .collect();
    written.sort();
    assert_eq!(written.len(), names.len(), "{written:?}");
    for name in &written {
        assert!(
            !name.contains(['∕', '／', '⁄', '⧸', '․', '＼', '/', '\\']) && !name.starts_with('.'),
            "{name:?}"
        );
        assert!(
            told.contains(&format!("`{name}`")),
            "{name} not told:\n{told}"
        );
    }
    // Nothing but the import's own folder appeared.
    let after: Vec<PathBuf> = outside_public(site.root())
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| !p.starts_with("content/知识库"))
        .collect();
    let before: Vec<PathBuf> = before.into_iter().map(|(p, _)| p).collect();
    assert_eq!(after, before);
    let page = std::fs::read_to_string(folder.join("index.md")).unwrap();
    for name in &written {
        assert!(page.contains(&format!("(<{name}>)")), "{name}: {page}");
    }
    site.build_ok();
}

/// `content/lessons` kept in a folder of the site's own (`shared/lessons`, read by a
/// second portal too) and linked in was left out with a warning, every link to a lesson
/// broken. A folder inside the site holds nothing the build may not read: it is read as
/// if it stood at the link. A link leading out of the site, into `.git` or back into
/// content/ stays left out, told.
#[test]
fn a_lessons_folder_linked_from_inside_the_site_is_read_and_one_from_outside_is_not() {
    let site = Site::fixture("basic");
    let lessons = site.root().join("content/lessons");
    let shared = site.root().join("shared/lessons");
    std::fs::create_dir_all(shared.parent().unwrap()).unwrap();
    std::fs::rename(&lessons, &shared).unwrap();
    std::os::unix::fs::symlink("../shared/lessons", &lessons).unwrap();
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        !warnings.iter().any(|w| w.contains("content/lessons:")),
        "{warnings:#?}"
    );
    assert!(site.exists("lessons/vendor-delay/index.html"));

    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("秘密")).unwrap();
    std::fs::write(
        outside.path().join("秘密/机密.md"),
        "---\ntitle: 机密文件\ndate: 2024-07-01\n---\n\n不应发布。\n",
    )
    .unwrap();
    std::fs::create_dir_all(site.root().join(".git/内部")).unwrap();
    std::fs::write(
        site.root().join(".git/内部/隐藏.md"),
        "---\ntitle: 隐藏文件\ndate: 2024-07-01\n---\n\n不应发布。\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("秘密"),
        site.root().join("content/外部"),
    )
    .unwrap();
    std::os::unix::fs::symlink("../.git/内部", site.root().join("content/内部")).unwrap();
    std::os::unix::fs::symlink("..", site.root().join("content/上层")).unwrap();
    std::os::unix::fs::symlink("../..", shared.join("回环")).unwrap();
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    for link in [
        "content/外部",
        "content/内部",
        "content/上层",
        "content/lessons/回环",
    ] {
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(link) && w.contains("not followed")),
            "{link}: {warnings:#?}"
        );
    }
    for page in common::html_pages(&site.public()) {
        let html = std::fs::read_to_string(site.public().join(&page)).unwrap();
        assert!(
            !html.contains("机密文件") && !html.contains("隐藏文件"),
            "{page}"
        );
    }
}

/// `text` with the character references a page's text uses read back.
fn unescaped(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// A payload written as raw HTML in a page: each is dropped or made inert by the
/// sanitizer, told as a warning, and runs nothing in Chromium.
const RAW: &[&str] = &[
    "<a href=\"  JaVaScRiPt:alert(1)\">空格大写</a>",
    "<a href=\"&#0000106;avascript:alert(1)\">零填充实体</a>",
    "<a href=\"&#x000006A;avascript:alert(1)\">十六进制零填充</a>",
    "<p style=\"width: expression(alert(1)); background: url(javascript:alert(1))\">样式表达式</p>",
    "<div style=\"background-image: url('javascript:alert(1)')\">样式地址</div>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"https://evil.example/\">",
    "<form action=\"javascript:alert(1)\"><input type=\"submit\" value=\"表单\"></form>",
    "<form><button formaction=\"javascript:alert(1)\">表单按钮</button></form>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>",
    "<math><mi xlink:href=\"javascript:alert(1)\">数学链接</mi></math>",
    "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(1)\">动作</maction></math>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a href=\"javascript:alert(1)\"><text y=\"15\">矢量</text></a></svg>",
    "<object data=\"data:image/svg+xml,<svg onload=alert(1)>\"></object>",
    "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\" alt=\"数据图\">",
];

/// Payloads that earlier rounds had not loaded in a browser: raw HTML (styles,
/// `<meta>`, `<base>`, forms, `srcdoc`, SVG and MathML), front matter values that land
/// in attributes (a title closing its quote, tags closing a script, an owner with an
/// `onerror`), CSV and XLSX cells in a chart's SVG, its tooltips and a table, and page
/// and attachment names holding `<`, `"` and `'`. No script runs, the words show as
/// text, and the build writes nothing outside public/.
#[test]
fn the_twenty_first_rounds_payloads_run_nothing_and_show_as_text() {
    const P: &str = "<img src=x onerror=alert(1)>";
    let site = Site::fixture("basic");
    let mut body = String::from("第二十一轮正文。\n\n");
    for raw in RAW {
        body.push_str(&format!("{raw}\n\n前后文字 {raw} 同一行。\n\n"));
    }
    body.push_str("![矢量图](evil-drawing.svg)\n\n[附件](<x\"y'z<w.pdf>)\n");
    site.write(
        "content/reports/二十一/index.md",
        format!(
            "---\ntitle: {}\ndate: 2024-07-05\n\
             tags: [{}, 标签二]\nowner: {}\nsummary: {}\n---\n\n{body}",
            common::hostile::quoted("二十一轮 \"><svg onload=alert(1)> 题'目"),
            common::hostile::quoted("</script><script>alert(1)</script>"),
            common::hostile::quoted(&format!("负责人{P}")),
            common::hostile::quoted("摘要\" onmouseover=\"alert(1)"),
        ),
    );
    site.write(
        "content/reports/二十一/evil-drawing.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>",
    );
    site.write("content/reports/二十一/x\"y'z<w.pdf", "%PDF-1.4 附件");
    site.write(
        "content/reports/名字<\"引号'.md",
        "---\ntitle: 名字页\ndate: 2024-07-06\n---\n\n文件名带尖括号和引号。\n",
    );
    site.write(
        "data/二十一.csv",
        format!(
            "名称,类别,数值\n{},{},1\n{},{},2\n{},{},3\n",
            common::hostile::csv_cell(&format!("格甲{P}")),
            common::hostile::csv_cell("</script><script>alert(1)</script>"),
            common::hostile::csv_cell("格乙\" onmouseover=\"alert(1)"),
            common::hostile::csv_cell(
                "<svg><a href=\"javascript:alert(1)\"><text>链</text></a></svg>"
            ),
            common::hostile::csv_cell("格丙 javascript:alert(1)"),
            common::hostile::csv_cell("<style>*{background:url(javascript:alert(1))}</style>"),
        ),
    );
    {
        use common::xlsx::V;
        site.write(
            "data/二十一表.xlsx",
            common::xlsx::xlsx(
                "Sheet1",
                &[
                    vec![V::S("名称".into()), V::S("数值".into())],
                    vec![V::S(format!("工作簿格{P}")), V::N(4.0)],
                    vec![V::S("</title><script>alert(1)</script>".into()), V::N(5.0)],
                ],
                &[],
            ),
        );
    }
    site.write(
        "content/reports/二十一图.md",
        format!(
            "---\ntitle: 二十一图\ndate: 2024-07-07\n---\n\n```chart\ntype = \"bar\"\ndata = \"二十一\"\n\
             x = \"名称\"\ny = \"数值\"\nseries = \"类别\"\ntitle = {}\n```\n\n\
             ```chart\ntype = \"line\"\ndata = \"二十一表\"\nx = \"名称\"\ny = \"数值\"\n```\n\n\
             ```table\ndata = \"二十一\"\n```\n\n```table\ndata = \"二十一表\"\n```\n",
            common::hostile::quoted(&format!("图题{P}"))
        ),
    );
    // More lessons, each with a tag and an owner of markup: the listings and tag pages.
    for n in 1..=12 {
        site.write(
            &format!("content/lessons/二十一-{n}.md"),
            format!(
                "---\ntitle: 二十一清单 {n}\ndate: 2024-06-{n:02}\nproject: erp\nphase: execution\n\
                 impact: positive\ntags: [清单{n}, {}]\nowner: {}\nsummary: 摘要 {n}\n---\n\n正文 {n}。\n",
                common::hostile::quoted(&format!("</script>{P}{n}")),
                common::hostile::quoted(&format!("负责人\"><svg onload=alert({n})>")),
            ),
        );
    }
    let before = outside_public(site.root());
    let report = site.build_ok();
    assert_eq!(
        outside_public(site.root()),
        before,
        "a file written outside public/"
    );
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("二十一/index.md") && w.contains("sanitized")),
        "{warnings:#?}"
    );
    // The words show as text where a reader sees them.
    let lesson = site.read("reports/二十一/index.html");
    let shown = unescaped(&common::visible_text(&lesson));
    for words in [
        "二十一轮 \"><svg onload=alert(1)> 题'目",
        "负责人<img src=x onerror=alert(1)>",
        "空格大写",
        "零填充实体",
        "样式表达式",
    ] {
        assert!(shown.contains(words), "{words} not shown as text:\n{shown}");
    }
    // What runs no script may still restyle, redirect or post: no tag of the page's
    // content keeps a style, a script address, another document or a form's target.
    let main = lesson
        .split_once("<main")
        .and_then(|(_, rest)| rest.split_once("</main>"))
        .map_or("", |(main, _)| main);
    for tag in main.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("").to_lowercase();
        let name = tag.split_whitespace().next().unwrap_or("");
        assert!(
            !["base", "meta", "form", "iframe", "object", "embed", "button", "style"]
                .contains(&name),
            "<{tag}>"
        );
        // A task list's box is the only input a page's content may hold.
        if name == "input" {
            assert!(
                tag.contains("type=\"checkbox\"") && tag.contains("disabled"),
                "<{tag}>"
            );
        }
        for bad in [
            "javascript:",
            "expression(",
            "url(",
            "srcdoc",
            "formaction",
            "style=",
            "data:image/svg",
        ] {
            assert!(!tag.contains(bad), "<{tag}>");
        }
    }
    let chart = site.read("reports/二十一图/index.html");
    assert!(chart.contains("格甲&lt;img"), "a cell not shown as text");
    assert!(
        chart.contains("工作簿格&lt;img"),
        "an XLSX cell not shown as text"
    );
    common::hostile::assert_built_site_runs_no_script(&site, &["二十一轮", "格甲", "名字页"]);
    assert_eq!(
        outside_public(site.root()),
        before,
        "a file written outside public/"
    );
}

/// What the sanitizer cannot make inert is refused where it is written: a drawing
/// holding a script, a `data:` SVG as a Markdown image, Markdown's own autolink and
/// reference definition to `javascript:`. The build fails naming each, and writes
/// nothing outside public/.
#[test]
fn script_drawings_and_markdown_script_addresses_are_refused_where_written() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/脚本图/index.md",
        "---\ntitle: 脚本图\ndate: 2024-07-01\n---\n\n![图](evil.svg)\n\n\
         ![数据图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)\n\n\
         <javascript:alert(1)>\n\n[引用][坏]\n\n[坏]: JaVaScRiPt:alert(1)\n",
    );
    site.write(
        "content/reports/脚本图/evil.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
    );
    let before = outside_public(site.root());
    let told = site.build_err();
    assert!(told.contains("content/reports/脚本图/evil.svg"), "{told}");
    for line in [8, 10, 12] {
        assert!(
            told.contains(&format!("content/reports/脚本图/index.md:{line}:")),
            "line {line} not refused:\n{told}"
        );
    }
    assert_eq!(outside_public(site.root()), before);
}

/// In a site with audiences a linked folder is refused, as a linked file is: its pages
/// would take the audience of where the link stands, not of where they are kept.
#[test]
fn a_linked_lessons_folder_is_refused_in_a_site_with_audiences() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("audiences = [\"public\", \"internal\", \"pmo\"]\n{config}"),
    );
    let lessons = site.root().join("content/lessons");
    let shared = site.root().join("shared/lessons");
    std::fs::create_dir_all(shared.parent().unwrap()).unwrap();
    std::fs::rename(&lessons, &shared).unwrap();
    std::os::unix::fs::symlink("../shared/lessons", &lessons).unwrap();
    let told = site.build_err();
    assert!(
        told.lines()
            .any(|l| l.contains("content/lessons") && l.contains("audience")),
        "{told}"
    );
}
