//! Script injection judged on what the build writes: a fixture seeded with payloads that
//! set `window.__pwned` in every place an author's text reaches the site — front matter
//! of every kind (YAML and TOML), folder and file names, prose, footnotes, headings and
//! their ids, image text, raw HTML with disguised addresses, mermaid and code blocks,
//! ```table and ```chart blocks, CSV, JSON and XLSX cells, headers and sheet names,
//! site.toml — then every file of the output is read (HTML, the search and register
//! scripts, SVG, the feed and sitemap) for markup or addresses that could run a script,
//! and Chromium visits every page and searches for the payloads' words, as a reader
//! would (`common::hostile`'s page harness), and must never see `__pwned` set.
//! `tests/injection.rs` runs its own payloads through focus and hover; this file adds
//! the file-by-file reading and the searches.

mod common;

use std::fs;
use std::path::Path;

use common::hostile::{csv_cell, lesson_with_every_field, quoted};
use common::xlsx::{xlsx, V};
use common::Site;

/// Each would set `__pwned` if a browser ran it.
const PAYLOADS: &[&str] = &[
    "<script>__pwned=1</script>",
    "<img src=x onerror=__pwned=1>",
    "\"><svg onload=__pwned=1>",
    "'><img src=x onerror=__pwned=1>",
    "\" autofocus onfocus=\"__pwned=1",
    "</script><script>__pwned=1</script>",
    "<!--<script>__pwned=1</script>",
    "\u{2028}__pwned=1//\u{2029}",
    "\";__pwned=1;//",
    "';__pwned=1;//",
    "\\\";__pwned=1;//",
    "${__pwned=1}`+(__pwned=1)+`",
    "{{ site.title }}{% if true %}<script>__pwned=1</script>{% endif %}",
    "<a href=\"javascript:__pwned=1\">点我</a>",
    "<a href=\"&#106;avascript:__pwned=1\">实体</a>",
    "<a href=\"java&#9;script:__pwned=1\">制表</a>",
    "<a href=\" JaVaScRiPt:__pwned=1\">大小写</a>",
    "<a href=\"vbscript:__pwned=1\">vb</a>",
    "<a href=\"data:text/html,<script>parent.__pwned=1</script>\">数据</a>",
    "<iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>",
    "<svg><animate onbegin=__pwned=1 attributeName=x dur=1s></svg>",
    "<svg><a xlink:href=\"javascript:__pwned=1\"><text y=\"9\">点</text></a></svg>",
    "<form><button formaction=\"javascript:__pwned=1\">提交</button></form>",
    "<object data=\"data:text/html,<script>parent.__pwned=1</script>\"></object>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:__pwned=1\">",
    "<base href=\"javascript:__pwned=1//\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=__pwned=1></style></mglyph></table></mtext></math>",
    "<noscript><p title=\"</noscript><img src=x onerror=__pwned=1>\">",
    "]]><script>__pwned=1</script>",
    "<details open ontoggle=__pwned=1>",
];

/// `text` as a file or folder name: what no file system takes replaced.
fn file_name(text: &str) -> String {
    text.replace(['/', '\\', '\u{2028}', '\u{2029}', '\0'], "_")
}

/// The basic fixture with the payloads in every place (`trust_html` off: raw HTML in
/// Markdown is the authors' too).
fn seeded_site() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "site.toml",
        format!(
            "title = {}\ndescription = {}\nbase_url = \"https://intranet.example.com/pmo/\"\n\
             language = \"zh-CN\"\npaginate = 50\nsearch = true\nsearch_words = [{}]\n\
             search_synonyms = [[{}, {}, \"供应商\"]]\n",
            quoted(&format!("门户{}", PAYLOADS[2])),
            quoted(PAYLOADS[7]),
            quoted(PAYLOADS[9]),
            quoted(PAYLOADS[0]),
            quoted(PAYLOADS[5]),
        ),
    );
    let mut json = Vec::new();
    let mut rows = vec![vec![V::S("名称".into()), V::S(PAYLOADS[3].into())]];
    let mut labels = String::from("name,value\n");
    for (i, p) in PAYLOADS.iter().enumerate() {
        let t = quoted(p);
        let day = i % 28 + 1;
        let name = if i % 3 == 0 {
            format!("名{i}{}", file_name(p))
        } else {
            format!("payload-{i}")
        };
        // An unclosed `<!--` in prose is an error of its own (it would hide the rest).
        let closed = format!("{p}-->");
        let p: &str = if p.contains("<!--") { &closed } else { p };
        let body = format!(
            "{p}\n\n## {p}\n\n## 显式编号 {{#{id}}}\n\n段落 {p} 文字[^{i}]。\n\n`{p}`\n\n\
             ```\n{p}\n```\n\n```mermaid\ngraph TD; A-->B[\"{p}\"]\n```\n\n\
             | 列 | {p} |\n|---|---|\n| {p} | 值 |\n\n![{p}](https://example.com/x.png {t})\n\n\
             [链接](https://example.com/ {t})\n\n- [ ] {p}\n\n> {p}\n\n[^{i}]: 脚注 {p}\n",
            id = file_name(p).replace([' ', '}', '{'], "_"),
        );
        site.write(
            &format!("content/lessons/{name}.md"),
            lesson_with_every_field(&t, day, &body),
        );
        if i % 5 == 0 {
            // TOML front matter, and a section folder named by the payload.
            site.write(
                &format!("content/practices/{}/_index.md", file_name(p)),
                format!("+++\ntitle = {t}\nweight = {i}\n+++\n\n{p}\n"),
            );
            site.write(
                &format!("content/practices/{}/做法.md", file_name(p)),
                format!(
                    "+++\ntitle = {t}\ndate = 2024-05-{day:02}\ncategory = {t}\ntags = [{t}]\n\
                     owner = {t}\nsummary = {t}\n+++\n\n{body}"
                ),
            );
            site.write(
                &format!("content/reviews/评审-{i}.md"),
                format!(
                    "---\ntitle: {t}\ndate: 2024-06-{day:02}\nproject: erp\ntags: [{t}]\n\
                     owner: {t}\nsummary: {t}\n---\n\n{body}"
                ),
            );
        }
        json.push(serde_json::json!({ "名称": p, *p: i, "值": i }));
        rows.push(vec![V::S(p.to_string()), V::N((i + 1) as f64)]);
        labels.push_str(&format!("{},{}\n", csv_cell(p), i + 1));
    }
    site.write(
        "content/projects/hostile/index.md",
        format!(
            "---\ntitle: {t}\ncode: {t}\nsponsor: {t}\nmanager: {t}\ndepartment: {t}\n\
             status: active\nrag: red\nrag_reason: {t}\nsummary: {t}\nbac: 1000\n\
             currency: CNY\ntags: [{t}]\n---\n\n{p}\n",
            t = quoted(PAYLOADS[1]),
            p = PAYLOADS[5],
        ),
    );
    let mut milestones = String::from("name,baseline,forecast,actual\n");
    let mut risks = String::from("id,title,probability,impact,owner,status,response\n");
    for (i, p) in PAYLOADS.iter().enumerate() {
        milestones.push_str(&format!("{},2024-{:02}-10,,\n", csv_cell(p), i % 12 + 1));
        risks.push_str(&format!(
            "R{i},{c},{},{},{c},open,{c}\n",
            i % 5 + 1,
            (i / 5) % 5 + 1,
            c = csv_cell(p)
        ));
    }
    site.write("content/projects/hostile/milestones.csv", milestones);
    site.write("content/projects/hostile/risks.csv", risks);
    site.write("data/labels.csv", labels);
    site.write("data/payloads.json", serde_json::to_string(&json).unwrap());
    site.write("data/sheet.xlsx", xlsx(PAYLOADS[4], &rows, &[]));
    site.write(
        "content/reports/blocks.md",
        format!(
            "---\ntitle: {t}\ndate: 2024-06-30\n---\n\n\
             ```chart\ntype = \"bar\"\ndata = \"labels\"\nx = \"name\"\ny = \"value\"\n\
             title = {t}\ndescription = {a}\nx_label = {b}\ny_label = {c}\n```\n\n\
             ```chart\ntype = \"scatter\"\ndata = \"labels\"\nx = \"value\"\ny = \"value\"\n\
             label = \"name\"\n```\n\n\
             ```table\ndata = \"labels\"\nheaders = [{a}, {b}]\ntitle = {t}\n```\n\n\
             ```table\ndata = \"payloads\"\n```\n\n```table\ndata = \"sheet\"\n```\n",
            t = quoted(PAYLOADS[3]),
            a = quoted(PAYLOADS[0]),
            b = quoted(PAYLOADS[5]),
            c = quoted(PAYLOADS[7]),
        ),
    );
    site
}

/// What the build wrote that could run a script an author planted, file by file.
fn author_script(public: &Path) -> Vec<String> {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    // The one inline script pmo writes: an old address's redirect. The theme has none.
    let inline = pmo_portal::ALIAS_SCRIPT;
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(public).into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(public)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let Ok(text) = fs::read_to_string(entry.path()) else {
            continue;
        };
        let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
        let mut say = |what: String| found.push(format!("{rel}: {what}"));
        match ext {
            "html" => scan_markup(&text, Some(inline), &mut say),
            "svg" => scan_markup(&text, None, &mut say),
            "js" => scan_script(&rel, &text, &theme, &mut say),
            "json" if serde_json::from_str::<serde_json::Value>(&text).is_err() => {
                say("not JSON".into());
            }
            "xml" => {
                common::assert_well_formed(&text);
                // A feed reader shows the entries' HTML.
                for part in text.split("type=\"html\">").skip(1) {
                    let html = part[..part.find("</").unwrap_or(part.len())]
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&#39;", "'")
                        .replace("&amp;", "&");
                    scan_markup(&html, None, &mut say);
                }
                scan_markup(&text, None, &mut say);
            }
            _ => {}
        }
    }
    found
}

/// A theme script unchanged, or a data script: one call whose arguments are JSON, with
/// no raw line separator an older engine would end a string at.
fn scan_script(rel: &str, text: &str, theme: &Path, say: &mut dyn FnMut(String)) {
    if let Some(name) = rel.strip_prefix("js/") {
        if fs::read_to_string(theme.join("static/js").join(name))
            .ok()
            .as_deref()
            != Some(text)
        {
            say("not the theme's script".into());
        }
        return;
    }
    if text.contains(['\u{2028}', '\u{2029}']) {
        say("a raw U+2028 or U+2029".into());
    }
    let callee_end = text.find('(').unwrap_or(0);
    let callee = &text[..callee_end];
    let args = text
        .trim_end()
        .strip_suffix(");")
        .map(|t| &t[callee_end + 1..]);
    let is_name = !callee.is_empty()
        && callee
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    match args {
        Some(args)
            if is_name
                && serde_json::from_str::<serde_json::Value>(&format!("[{args}]")).is_ok() => {}
        _ => say(format!(
            "not one call with JSON arguments: {}",
            &text[..text.len().min(120)]
        )),
    }
}

/// HTML or SVG: every `<script>` the theme's (an external one from `js/`, or the
/// `inline` one), no element that loads another document, no handler attribute, no
/// script address in any attribute a browser follows or loads.
fn scan_markup(text: &str, inline: Option<&str>, say: &mut dyn FnMut(String)) {
    let lower = text.to_ascii_lowercase();
    let mut i = 0;
    while let Some(found) = lower[i..].find('<') {
        let at = i + found;
        let rest = &lower[at..];
        if let Some(after) = rest.strip_prefix("<!--") {
            i = at + 4 + after.find("-->").map_or(after.len(), |e| e + 3);
            continue;
        }
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            i = at + 1;
            continue;
        }
        let end = tag_end(text.as_bytes(), at + 1);
        let tag = &text[at..end];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '/' | '>'))
            .collect::<String>()
            .to_ascii_lowercase();
        let attrs = attributes(tag);
        let raw_text = ["script", "style", "textarea", "title", "xmp", "noscript"];
        let mut next = end;
        if raw_text.contains(&name.as_str()) {
            let close = format!("</{name}");
            let body_end = lower[end..].find(&close).map_or(text.len(), |e| end + e);
            if name == "script" {
                let body = &text[end..body_end];
                let src = attrs
                    .iter()
                    .find(|(n, _)| n == "src")
                    .map(|(_, v)| v.clone());
                let theirs = match (&src, inline) {
                    // The root is relative (`../`, `./`) or the base path (the 404 page).
                    (Some(src), Some(_)) => {
                        let file = src.rsplit_once("js/").map_or("", |(_, f)| f);
                        let root = &src[..src.len() - file.len() - 3];
                        body.is_empty()
                            && THEME_SCRIPTS.contains(&file)
                            && (root
                                .split('/')
                                .all(|p| p.is_empty() || p == ".." || p == ".")
                                || root == "/pmo/")
                    }
                    (None, Some(inline)) => body == inline,
                    _ => false,
                };
                if !theirs {
                    say(format!(
                        "a script not the theme's: {}",
                        short(&text[at..body_end])
                    ));
                }
            }
            next = body_end;
        }
        let loads = [
            "iframe", "frame", "object", "embed", "base", "applet", "portal",
        ];
        if loads.contains(&name.as_str())
            || name == "meta"
                && attrs.iter().any(|(n, v)| {
                    // The theme's own policy is the one `http-equiv` a page may hold.
                    n == "http-equiv"
                        && !(v.eq_ignore_ascii_case("content-security-policy")
                            && attrs
                                .iter()
                                .any(|(n, v)| n == "content" && *v == pmo_portal::page_policy()))
                })
        {
            say(format!("<{name}>: {}", short(tag)));
        }
        for (attr, value) in &attrs {
            let address = normalized(value);
            let followed = [
                "href",
                "src",
                "action",
                "formaction",
                "xlink:href",
                "data",
                "poster",
                "background",
                "srcset",
                "ping",
                "cite",
                "content",
                "to",
                "from",
                "values",
                "lowsrc",
                "dynsrc",
                "codebase",
                "archive",
                "manifest",
                "style",
            ];
            let runs = ["javascript:", "vbscript:", "data:text/html", "expression("]
                .iter()
                .any(|s| address.contains(s));
            if attr.starts_with("on")
                || attr == "srcdoc"
                || followed.contains(&attr.as_str()) && runs
            {
                say(format!("{attr}= on <{name}>: {}", short(tag)));
            }
        }
        i = next.max(at + 1);
    }
}

/// The theme's scripts a page may load.
const THEME_SCRIPTS: &[&str] = &[
    "search-text.js",
    "search-query.js",
    "search-marks.js",
    "search-load.js",
    "search-rank.js",
    "search-excerpts.js",
    "search-verify.js",
    "search-results.js",
    "search-widen.js",
    "search-mend.js",
    "search.js",
    "search-ui.js",
    "register.js",
    "projects-filter.js",
    "file-links.js",
];

fn short(text: &str) -> String {
    text.chars().take(160).collect()
}

/// Where the tag starting before `from` ends (after its `>`), quoted values skipped.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (j, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return j + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// A tag's attributes, names lowercased, values as written.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let body = tag
        .trim_end_matches('>')
        .trim_end_matches('/')
        .split_once(|c: char| c.is_whitespace() || c == '/')
        .map_or("", |(_, rest)| rest);
    let mut found = Vec::new();
    let mut chars = body.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() || c == '/' {
            chars.next();
            continue;
        }
        let mut end = start;
        while let Some(&(j, c)) = chars.peek() {
            if c.is_whitespace() || c == '=' {
                break;
            }
            end = j + c.len_utf8();
            chars.next();
        }
        let name = body[start..end].to_ascii_lowercase();
        while chars.peek().is_some_and(|&(_, c)| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek().is_some_and(|&(_, c)| c == '=') {
            chars.next();
            while chars.peek().is_some_and(|&(_, c)| c.is_whitespace()) {
                chars.next();
            }
            match chars.peek().map(|&(_, c)| c) {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    for (_, c) in chars.by_ref() {
                        if c == q {
                            break;
                        }
                        value.push(c);
                    }
                }
                _ => {
                    while let Some(&(_, c)) = chars.peek() {
                        if c.is_whitespace() {
                            break;
                        }
                        value.push(c);
                        chars.next();
                    }
                }
            }
        }
        if !name.is_empty() {
            found.push((name, value));
        }
    }
    found
}

/// An attribute value as a browser follows it: references decoded, whitespace and
/// control characters dropped, lowercased.
fn normalized(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(c) = rest.chars().next() {
        if c == '&' {
            let body = &rest[1..];
            let named = [
                ("colon;", ':'),
                ("tab;", '\t'),
                ("newline;", '\n'),
                ("amp;", '&'),
            ]
            .into_iter()
            .find(|(n, _)| body.to_ascii_lowercase().starts_with(n));
            if let Some((n, c)) = named {
                out.push(c);
                rest = &body[n.len()..];
                continue;
            }
            if let Some(num) = body.strip_prefix('#') {
                let (digits, radix) = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => (hex, 16),
                    None => (num, 10),
                };
                let len = digits
                    .find(|c: char| !c.is_digit(radix))
                    .unwrap_or(digits.len());
                if let Some(c) = u32::from_str_radix(&digits[..len], radix)
                    .ok()
                    .and_then(char::from_u32)
                {
                    out.push(c);
                    let used = num.len() - digits.len() + len;
                    rest = num[used..].strip_prefix(';').unwrap_or(&num[used..]);
                    continue;
                }
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase()
}

#[test]
fn no_output_file_holds_script_an_author_wrote() {
    let site = seeded_site();
    site.build_ok();
    let found = author_script(&site.public());
    assert!(
        found.is_empty(),
        "{} finding(s):\n{}",
        found.len(),
        found.join("\n")
    );

    let words = [
        "pwned",
        "onerror",
        "script",
        "点我",
        "实体",
        "制表",
        "提交",
        "javascript",
        "脚注",
    ];
    common::hostile::assert_built_site_runs_no_script(&site, &words);
}

/// The scan itself finds what it looks for: a page with each kind of planted script.
#[test]
fn the_scan_finds_planted_script() {
    let dir = tempfile::tempdir().unwrap();
    let planted = [
        ("a.html", "<p><img src=x onerror=x()></p>"),
        (
            "b.html",
            "<a href=\"&#106;ava&#x09;script&colon;x()\">x</a>",
        ),
        ("c.html", "<script>x()</script>"),
        ("d.svg", "<svg><animate to=\"javascript:x()\"/></svg>"),
        ("e.js", "PmoSearch._receive(\"w\",{\"a\":1});x();//"),
        ("f.html", "<iframe src=\"x.html\"></iframe>"),
        (
            "g.html",
            "<form><button formaction=\" JAVASCRIPT:x()\">x</button></form>",
        ),
    ];
    for (name, text) in planted {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let found = author_script(dir.path());
    for (name, _) in planted {
        assert!(
            found.iter().any(|f| f.starts_with(name)),
            "{name} missed: {found:#?}"
        );
    }
}

/// An attachment a browser opens as a document of the portal — HTML, or an SVG or XML
/// file with a script in it — would run that script with every page's rights; without
/// `trust_html` it is refused, at the part that would run.
#[test]
fn an_attachment_that_would_run_a_script_is_refused() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/导出.html",
        "<p>报表</p><script>__pwned=1</script>",
    );
    site.write(
        "content/reports/流程图.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect width=\"9\" onload=\"__pwned=1\"/>\n</svg>\n",
    );
    site.write(
        "content/reports/清单.xml",
        "<r><h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">__pwned=1</h:script></r>",
    );
    site.write(
        "content/reports/组织图.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>组织 onload</text></svg>",
    );
    let errors = site.build_err();
    assert!(
        errors.contains("content/reports/导出.html") && errors.contains("`.html`"),
        "{errors}"
    );
    assert!(
        errors.contains("content/reports/流程图.svg:2:19"),
        "{errors}"
    );
    assert!(errors.contains("onload=\"__pwned=1\""), "{errors}");
    assert!(errors.contains("content/reports/清单.xml:1:4"), "{errors}");
    assert!(
        !errors.contains("组织图"),
        "a plain drawing is fine: {errors}"
    );
    assert!(!site.public().exists());

    let config = fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{config}trust_html = true\n"));
    site.build_ok();
    assert!(site.exists("reports/流程图.svg"));
}

/// What a browser renders as a document is not only `.html`, `.svg` and `.xml`: `.rss`,
/// `.atom` and `.xsd` holding XHTML ran their script from file:// and over HTTP, and a
/// gzipped `.svgz` once a server sends it encoded (the second hunt for script).
#[test]
fn markup_under_any_name_is_read_for_scripts() {
    let xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><script>__pwned=1</script></body></html>";
    for name in [
        "feed.rss",
        "feed.atom",
        "schema.xsd",
        "page.xhtm",
        "note.txt",
        "plain",
        "x.html.",
    ] {
        let site = Site::fixture("basic");
        site.write(
            &format!("content/reports/{name}"),
            format!("\u{feff}\n  {xhtml}"),
        );
        let errors = site.build_err();
        assert!(
            errors.contains(&format!("content/reports/{name}")),
            "{name}: {errors}"
        );
    }
    let site = Site::fixture("basic");
    site.write("content/reports/图.svgz", [0x1f_u8, 0x8b, 8, 0, 0, 0]);
    assert!(site.build_err().contains("`.svgz`"));
    // IIS's configuration from any folder it serves: MIME types, redirects, headers.
    let site = Site::fixture("basic");
    site.write("content/lessons/web.config", "<configuration/>");
    assert!(site.build_err().contains("content/lessons/web.config"));
    // Text that is no markup, and a drawing without a script, are published.
    let site = Site::fixture("basic");
    site.write("content/reports/notes.txt", "a < b, and <b> is bold\n");
    site.write(
        "content/reports/feed.rss",
        "<rss version=\"2.0\"><channel><title>周报</title></channel></rss>",
    );
    site.build_ok();
    assert!(site.exists("reports/feed.rss"));
}

/// The scan read bytes as UTF-8, a browser decodes UTF-16 (with a byte order mark or
/// without) and drops ISO-2022-JP's escape sequences: an SVG so saved ran its script from
/// the portal (the third hunt for script). Refused, with the encoding named.
#[test]
fn markup_in_an_encoding_the_scan_cannot_read_is_refused() {
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>__pwned=1</script></svg>";
    let le: Vec<u8> = svg.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = svg.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let with_bom = [vec![0xff, 0xfe], le.clone()].concat();
    let jis = svg.replace("<script>", "<scr\u{1b}(Bipt>").into_bytes();
    for (name, bytes, encoding) in [
        ("图.svg", with_bom, "UTF-16"),
        ("图.svg", le.clone(), "UTF-16"),
        ("图.svg", be, "UTF-16"),
        ("feed.rss", le, "UTF-16"),
        ("图.svg", jis, "ISO-2022-JP"),
    ] {
        let site = Site::fixture("basic");
        site.write(&format!("content/reports/{name}"), &bytes);
        let errors = site.build_err();
        assert!(
            errors.contains(&format!("content/reports/{name}")),
            "{errors}"
        );
        assert!(errors.contains(encoding), "{name} {encoding}: {errors}");
        assert!(errors.contains("UTF-8"), "{errors}");
    }
    // A binary file that happens to hold NUL bytes is no markup.
    let site = Site::fixture("basic");
    site.write(
        "content/reports/data.bin",
        [0x50_u8, 0x4b, 3, 4, 0, 0, 0x3c],
    );
    site.build_ok();
}

/// Raw HTML addresses that leave the site without a scheme (`//host`, `\\host`, which
/// browsers read alike) loaded images from any host; a Markdown link so written was an
/// error, the raw one kept. `cite` kept `javascript:` (the second hunt for script).
#[test]
fn raw_addresses_that_leave_unsaid_are_removed_and_told() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/px.md",
        "---\ntitle: 像素\ndate: 2024-03-01\n---\n\n<img src=\"//evil.test/i.png\"> <img src=\"\\\\evil.test/j.png\"> <a href=\"/\\evil.test/k\">k</a> <q cite=\"javascript:alert(1)\">引</q>\n\n![远程](https://evil.test/pixel.png)\n",
    );
    let report = site.build_ok();
    let html = site.read("reports/px/index.html");
    assert!(!html.contains("evil.test/i.png"), "{html}");
    assert!(!html.contains("evil.test/j.png"), "{html}");
    assert!(!html.contains("evil.test/k"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let removed = warnings
        .iter()
        .filter(|w| w.contains("leaves the site without saying how"))
        .count();
    assert_eq!(removed, 3, "{warnings:#?}");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("content/reports/px.md:8:1")
                && w.contains("loaded from another host")),
        "{warnings:#?}"
    );
}

/// A `javascript:` address made of a DTD entity whose own text is harmless.
#[test]
fn a_script_address_spelt_with_an_entity_is_refused() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/e5.svg",
        "<!DOCTYPE svg [<!ENTITY j \"java\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"&j;script:alert(1)\"><rect width=\"9\" height=\"9\"/></a></svg>",
    );
    let errors = site.build_err();
    assert!(errors.contains("content/reports/e5.svg:1:"), "{errors}");
}

/// The one `<meta name="description">` of the page at `rel`.
fn meta_description(site: &Site, rel: &str) -> String {
    let html = site.read(rel);
    let metas: Vec<&str> = html
        .lines()
        .filter(|l| l.starts_with("<meta name=\"description\""))
        .collect();
    assert_eq!(metas.len(), 1, "{rel}: {metas:?}");
    metas[0]
        .strip_prefix("<meta name=\"description\" content=\"")
        .and_then(|m| m.strip_suffix("\">"))
        .unwrap_or_else(|| panic!("{rel}: {}", metas[0]))
        .to_string()
}

/// A page's `<meta name="description">` is its summary's plain text, so that a lesson's
/// link pasted into a chat app previews the lesson, not the portal's tagline. The summary
/// is the author's source (a front matter `summary:` as typed): tags, entities,
/// Markdown links and `javascript:` addresses never reach the attribute; Chinese and
/// emoji stay whole; listings keep the site's description.
#[test]
fn a_pages_meta_description_is_its_summarys_plain_text_and_nothing_else() {
    let site = Site::fixture("basic");
    let lesson = |title: &str, summary: Option<&str>, body: &str| {
        format!(
            "---\ntitle: {}\ndate: 2024-05-01\nproject: erp\nphase: execution\n\
             impact: negative\n{}---\n\n{body}\n",
            quoted(title),
            summary.map_or(String::new(), |s| format!("summary: {}\n", quoted(s))),
        )
    };
    let cases = [
        (
            "a",
            Some("<a href=\"javascript:__pwned=1\">供应商</a>接口&amp;验收 <b>延期</b>三周 🚚"),
            "供应商接口&amp;验收 延期三周 🚚",
        ),
        (
            "b",
            Some("[点我](javascript:__pwned=1) 与 &lt;script&gt;__pwned=1&lt;/script&gt;里程碑"),
            "点我 与 里程碑",
        ),
        (
            "c",
            Some("<img src=x onerror=__pwned=1>"),
            "集成测试用的小站点",
        ),
        (
            "d",
            Some("复现：在地址栏输入 javascript:__pwned=1"),
            "集成测试用的小站点",
        ),
        (
            "e",
            None,
            "供应商接口延期&quot;三周&quot; 👨‍👩‍👧 见风险登记册。",
        ),
    ];
    for (name, summary, _) in &cases {
        let body = if summary.is_none() {
            "供应商接口延期<span title=\"x\">\"三周\"</span> 👨\u{200d}👩\u{200d}👧 \
             见<a href=\"javascript:__pwned=1\">风险登记册</a>。\n\n第二段。"
        } else {
            "正文。"
        };
        site.write(
            &format!("content/lessons/描述-{name}.md"),
            lesson(&format!("描述 {name}"), *summary, body),
        );
    }
    site.build_ok();
    for (name, _, expected) in &cases {
        let rel = format!("lessons/描述-{name}/index.html");
        assert_eq!(&meta_description(&site, &rel), expected, "{rel}");
    }
    assert_eq!(
        meta_description(&site, "lessons/index.html"),
        "集成测试用的小站点",
        "a listing keeps the site's description"
    );
    let found = author_script(&site.public());
    assert!(found.is_empty(), "{}", found.join("\n"));
}
