//! Script injection: dozens of payloads in every place content reaches the site — titles,
//! summaries, taxonomy terms, heading text and ids, prose, Markdown tables, link targets
//! and titles, image text, project fields, data cells that become chart labels and table
//! cells, milestone names, lesson actions, chart and table block options, site.toml
//! strings and file names — and Chromium runs none of them, whether the
//! page is only loaded or its elements are focused and hovered.

mod common;

use common::hostile::{assert_no_script_runs, csv_cell, lesson_with_every_field, quoted};
use common::Site;

/// Each calls `alert`, which the test turns into a tripwire.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><img src=x onerror=alert(1)>",
    "'><svg onload=alert(1)>",
    "x\" autofocus onfocus=\"alert(1)",
    "x' autofocus onfocus='alert(1)",
    "\" onmouseover=\"alert(1)\" x=\"",
    "x\"/autofocus/tabindex=\"1\"/onfocus=\"alert(1)",
    "javascript:alert(1)",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "<iframe srcdoc=\"<script>parent.alert(1)</script>\"></iframe>",
    "<a href=\"javascript:alert(1)\">点我</a>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "]]><script>alert(1)</script>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"9\" y=\"9\">点</text></a></svg>",
    "<div style=\"background:url(javascript:alert(1))\">样式</div>",
    "<form><button formaction=\"javascript:alert(1)\">提交</button></form>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "`${alert(1)}`",
    "\u{2028}alert(1)//",
    "{{ config }}{% raw %}<script>alert(1)</script>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
];

/// Payloads that can stand as a heading's explicit `{#id}` (no spaces). With raw HTML
/// trusted, one holding a tag would be the author's own markup, not an id.
fn as_id(payload: &str, trust_html: bool) -> Option<String> {
    let fits = !payload.contains(char::is_whitespace) && !payload.contains('}');
    (fits && !(trust_html && payload.contains('<'))).then(|| payload.to_string())
}

/// The fixture with payloads everywhere. With `trust_html`, raw HTML in Markdown is the
/// author's to run, so only the places that are never HTML carry payloads: front matter,
/// heading ids, link targets, code, data cells, file names, site.toml.
fn hostile_site(trust_html: bool) -> Site {
    let site = Site::fixture("basic");
    site.write(
        "site.toml",
        format!(
            "title = {}\ndescription = {}\nbase_url = \"https://intranet.example.com/pmo/\"\n\
             language = \"zh-CN\"\npaginate = 50\nsearch = true\ntrust_html = {trust_html}\n\
             [currency]\nportfolio = \"CNY\"\nrates = {{ {} = 1.0 }}\n",
            quoted(&format!("门户{}", PAYLOADS[2])),
            quoted(PAYLOADS[4]),
            // The hostile project's currency is a payload too: it needs a rate.
            quoted(PAYLOADS[1]),
        ),
    );
    let mut risks = String::from("id,title,probability,impact,owner,status,response\n");
    let mut labels = String::from("name,value\n");
    for (i, p) in PAYLOADS.iter().enumerate() {
        let id_heading = as_id(p, trust_html)
            .map(|id| format!("## 显式编号 {{#{id}}}\n\n正文。\n\n"))
            .unwrap_or_default();
        let mut body = format!("{id_heading}`{p}`\n\n```\n{p}\n```\n\n");
        // A target holding a tag is no link: Markdown leaves it as the author's markup.
        if !(trust_html && p.contains(['<', '>'])) {
            body.push_str(&format!(
                "[链接](<https://example.com/{p}> {title})\n\n\
                 ![图](<https://example.com/{p}.png> {title})\n\n",
                title = quoted(p),
            ));
        }
        if !trust_html {
            body.push_str(&format!(
                "{p}\n\n## {p}\n\n段落里的 {p} 文字。\n\n\
                 | 列 | {p} |\n|---|---|\n| {p} | 值 |\n\n![{p}](https://example.com/x.png)\n\n\
                 - 列表 {p}\n\n> 引用 {p}\n"
            ));
        }
        let name = if i % 4 == 0 {
            // File names reach URLs, link text and the search index.
            format!("名{}", p.replace(['/', '\u{2028}'], "_"))
        } else {
            format!("hostile-{i}")
        };
        site.write(
            &format!("content/lessons/{name}.md"),
            lesson_with_every_field(&quoted(p), i % 28 + 1, &body),
        );
        risks.push_str(&format!(
            "R{i},{},{},{},{},open,{}\n",
            csv_cell(p),
            i % 5 + 1,
            (i / 5) % 5 + 1,
            csv_cell(p),
            csv_cell(p)
        ));
        labels.push_str(&format!("{},{}\n", csv_cell(p), i + 1));
    }
    site.write("content/projects/erp/risks.csv", risks);
    let mut milestones = String::from("name,baseline,forecast,actual\n");
    for (i, p) in PAYLOADS.iter().enumerate() {
        milestones.push_str(&format!("{},2024-{:02}-10,,\n", csv_cell(p), i % 12 + 1));
    }
    site.write("content/projects/hostile/milestones.csv", milestones);
    site.write("data/labels.csv", labels);
    site.write(
        "content/projects/hostile/index.md",
        format!(
            "---\ntitle: {t}\ncode: {t}\nsponsor: {t}\nmanager: {t}\ndepartment: {t}\n\
             status: active\nbac: 1000\ncurrency: {t}\ntags: [{t}]\n---\n\n{p}\n",
            t = quoted(PAYLOADS[1]),
            p = if trust_html { "正文" } else { PAYLOADS[5] },
        ),
    );
    if trust_html {
        // The fixture's own raw script, which trusting the authors lets run.
        site.write(
            "content/reports/monthly.md",
            "---\ntitle: 月报\ndate: 2024-06-30\n---\n\n月报正文。\n",
        );
    }
    site.write(
        "content/reports/charts-hostile.md",
        format!(
            "---\ntitle: {t}\n---\n\n```chart\ntype = \"bar\"\ndata = \"labels\"\nx = \"name\"\n\
             y = \"value\"\ntitle = {t}\nnames = [{a}]\ndescription = {b}\nx_label = {c}\n\
             y_label = {d}\n```\n\n```chart\ntype = \"scatter\"\ndata = \"labels\"\n\
             x = \"value\"\ny = \"value\"\nlabel = \"name\"\n```\n\n\
             ```table\ndata = \"labels\"\nheaders = [{a}, {b}]\n```\n",
            t = quoted(PAYLOADS[3]),
            a = quoted(PAYLOADS[0]),
            b = quoted(PAYLOADS[9]),
            c = quoted(PAYLOADS[16]),
            d = quoted(PAYLOADS[29]),
        ),
    );
    site.write(
        &format!("content/reports/{}.pdf", PAYLOADS[2].replace('/', "_")),
        "attachment",
    );
    site
}

#[test]
fn no_payload_runs_in_chromium() {
    assert_no_script_runs(&hostile_site(false));
}

#[test]
fn trusting_raw_html_lets_no_other_content_run() {
    assert_no_script_runs(&hostile_site(true));
}

/// Filter evasions from the well-known lists, each in raw HTML (sanitized: `trust_html`
/// is off) or in the Markdown around it: SVG animation and `<use>`, MathML actions,
/// `<template>`, addresses spelt with padded, unterminated and named character
/// references or with control characters, elements whose text a browser reads raw
/// (`<noembed>`, `<noframes>`, `<xmp>`) and the namespace-confusion breakouts, legacy
/// elements (`<isindex>`, `<marquee>`), media events, image maps, comments and
/// processing instructions that hide a tag, the placeholders the build writes
/// (`pmo-link:N`, a chart's marker), and handlers and ids in a heading's attribute list.
const EVASIONS: &[&str] = &[
    "<svg><animate attributeName=\"href\" values=\"javascript:alert(1)\"/><a><text y=\"9\">点</text></a></svg>",
    "<svg><set attributeName=\"href\" to=\"javascript:alert(1)\"/><a><text y=\"9\">点</text></a></svg>",
    "<svg><use href=\"data:image/svg+xml,&lt;svg id='x' xmlns='http://www.w3.org/2000/svg'&gt;&lt;image href='1' onerror='alert(1)' /&gt;&lt;/svg&gt;#x\"/></svg>",
    "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(1)\">点我<mtext>x</mtext></maction></math>",
    "<math href=\"javascript:alert(1)\">点我</math>",
    "<math><annotation-xml encoding=\"text/html\"><img src=x onerror=alert(1)></annotation-xml></math>",
    "<template><img src=x onerror=alert(1)></template>",
    "<a href=\"&#x6A;avascript:alert(1)\">实体</a>",
    "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">填零</a>",
    "<a href=\"&#x6a&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3a;alert(1)\">无分号</a>",
    "<a href=\"javascript&colon;alert(1)\">命名</a>",
    "<a href=\"ja&Tab;vascript:alert(1)\">制表</a>",
    "<a href=\"ja&NewLine;vascript:alert(1)\">换行</a>",
    "<a href=\"jav\nascript:alert(1)\">断行</a>",
    "<a href=\"\u{1}javascript:alert(1)\">控制符</a>",
    "<a href=\"  &#14;  javascript:alert(1)\">前导</a>",
    "<a href=javascript&#x3A;alert(1)>无引号</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">数据</a>",
    "<a href=\"pmo-link:0\">占位</a>",
    "<div class=\"pmo-block\">pmo-block:0</div>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<embed src=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><input type=\"submit\" value=\"提交\"></form>",
    "<isindex type=image src=1 onerror=alert(1)>",
    "<video poster=\"javascript:alert(1)\"><source onerror=\"alert(1)\"></video>",
    "<audio src=x onerror=alert(1)>",
    "<body onpageshow=alert(1)>",
    "<marquee onstart=alert(1)>跑马灯</marquee>",
    "<div style=\"width:expression(alert(1))\">表达式</div>",
    "<style>@import \"javascript:alert(1)\";</style>",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    "<table background=\"javascript:alert(1)\"><tr><td>表</td></tr></table>",
    "<img src=\"x\" srcset=\"javascript:alert(1) 1x\">",
    "<img/src=x/onerror=alert(1)>",
    "<img src=`x`onerror=alert(1)>",
    "<img src=\"x\" usemap=\"#m\"><map name=\"m\"><area href=\"javascript:alert(1)\" shape=\"default\"></map>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<noembed><img title=\"</noembed><img src=x onerror=alert(1)>\"></noembed>",
    "<noframes><img title=\"</noframes><img src=x onerror=alert(1)>\"></noframes>",
    "<select><template><style><img src=x onerror=alert(1)></style></template></select>",
    "<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">",
    "<math><mi><mglyph><svg><mtext><textarea><path id=\"</textarea><img onerror=alert(1) src=1>\">",
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--><img src=x onerror=alert(1)>-->",
    "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    "<? x ?><img src=x onerror=alert(1)>",
    "<![CDATA[><img src=x onerror=alert(1)>]]>",
    "<a title=\"&#x22; onmouseover=alert(1) x=&#x22;\">引号</a>",
    "<img alt=\"``onerror=alert(1)\" src=x>",
    "<svg><foreignObject><iframe srcdoc=\"<script>parent.alert(1)</script>\"></iframe></foreignObject></svg>",
    "<input type=\"image\" src=x onerror=alert(1)>",
];

/// Markdown around each evasion: a heading whose attribute list names a handler, a
/// footnote and a fenced code block whose label and language are the payload.
fn evasion_lesson(n: usize, payload: &str) -> String {
    let label: String = payload
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ']')
        .collect();
    format!(
        "---\ntitle: 规避 {n}\ndate: 2024-03-{day:02}\nproject: erp\nphase: execution\n\
         impact: negative\n---\n\n## 标题 {{#h{n} .cls onclick=alert(1) style=color:red}}\n\n\
         前文。\n\n{payload}\n\n行内 {payload} 文字[^{label}]。\n\n[^{label}]: 脚注 {payload}\n\n\
         ```{label}\n代码\n```\n\n<https://example.com/\"onmouseover=\"alert(1)>\n",
        day = n % 28 + 1,
    )
}

#[test]
fn filter_evasions_run_nothing_in_chromium() {
    let site = Site::fixture("basic");
    for (n, payload) in EVASIONS.iter().enumerate() {
        site.write(
            &format!("content/lessons/evasion-{n}.md"),
            evasion_lesson(n, payload),
        );
    }
    assert_no_script_runs(&site);
}

/// The register's data files are scripts: a title holding U+2028 or U+2029 (pasted from
/// Word) must reach them escaped, as the search index's do, or an engine before ES2019
/// reads a line break inside a string literal and the register's filters die.
#[test]
fn line_separators_reach_the_register_data_escaped() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/separators.md",
        "---\ntitle: \"一\u{2028}二\u{2029}三\"\ndate: 2024-05-01\nproject: erp\n\
         phase: execution\nimpact: negative\nowner: \"甲\u{2028}乙\"\n\
         category: \"类\u{2029}别\"\n---\n\n正文。\n",
    );
    site.build_ok();
    for file in ["lessons/data-0.js", "lessons/facets.js"] {
        let js = site.read(file);
        assert!(
            !js.contains(['\u{2028}', '\u{2029}']),
            "{file} holds a raw line separator"
        );
    }
    // Every text is tidied as it is read (security round 19): each separator is a
    // space, in the title, the owner and the category alike.
    let data = site.read("lessons/data-0.js");
    assert!(data.contains("一 二 三"), "{data}");
    assert!(data.contains("\"甲 乙\""), "{data}");
    let facets = site.read("lessons/facets.js");
    assert!(facets.contains("类 别"), "{facets}");
}

/// Control characters (Word writes U+000B for a manual line break; a YAML `\u0007` or a
/// stray NUL pasted into a title) reached the HTML as they were: HTML forbids them, so a
/// validator failed every page listing the lesson. Each is dropped from every page, as
/// the feed already dropped them.
#[test]
fn control_characters_reach_no_html_page() {
    let site = common::Site::fixture("basic");
    site.write(
        "content/lessons/控制符.md",
        "---\ntitle: \"关键\\u000b用户\\u0007提前\\u0000确定\"\ndate: 2024-04-03\nproject: erp\nphase: planning\ncategory: \"干系\\u0001人管理\"\nimpact: positive\ntags: [\"供应\\u001f商\"]\nsummary: \"尽早\\u0008确定\"\n---\n\n关键用户\u{b}尽早确定，\u{7}效果好。\n",
    );
    site.build_ok();
    let forbidden = |c: char| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r' | '\u{c}');
    let mut checked = 0;
    for page in common::html_pages(&site.public()) {
        let html = std::fs::read_to_string(site.public().join(&page)).unwrap();
        assert!(!html.contains(forbidden), "{page}");
        checked += usize::from(html.contains("关键用户提前确定"));
    }
    assert!(
        checked >= 2,
        "the lesson's title is on its page and in lists"
    );
}
