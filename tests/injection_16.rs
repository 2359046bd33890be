//! Script injection, the sixteenth hunt: what the pages' Content-Security-Policy keeps
//! from running is told where it is written. A site's own template holding an inline
//! `<script>` (an analytics snippet pasted into `base.html`, a theme copied before the
//! policy), a handler attribute, a `javascript:` link or a script from another host lost
//! it in silence: the build said nothing, and the browser's console was the only place
//! that did. (`tests/injection_15.rs` shows in Chromium that they do not run.)

mod common;

use common::Site;

/// A page template of the site's own with each thing the policy refuses, on lines of
/// their own, beside the site's own script file, which runs.
const TEMPLATE: &str = "{% extends \"base.html\" %}\n\
{% block content %}<h1>{{ page.title }}</h1>\n\
<script>window.__统计 = true;</script>\n\
<img src=\"x\" alt=\"\" onerror=\"window.__handler = true\">\n\
<a href=\"javascript:window.__link = true\">链接</a>\n\
<script src=\"https://cdn.example.com/analytics.js\"></script>\n\
<script src=\"{{ root }}js/site.js\" defer></script>\n\
<script type=\"application/ld+json\">{\"name\": \"项目管理办公室\"}</script>\n\
{# <script>旧代码()</script> #}\n\
{% endblock content %}\n";

fn site_with_template(trust_html: bool) -> Site {
    let site = Site::fixture("basic");
    site.write("templates/page.html", TEMPLATE);
    site.write("static/js/site.js", "window.__site = true;\n");
    if trust_html {
        let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
        site.write("site.toml", format!("{toml}trust_html = true\n"));
    }
    site
}

#[test]
fn a_templates_inline_script_handler_and_script_address_are_warned_where_written() {
    let site = site_with_template(false);
    let warnings = site.warnings();
    let ours: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("templates/page.html"))
        .collect();
    let at = |place: &str, words: &str| {
        assert!(
            ours.iter()
                .any(|w| w.contains(&format!("templates/page.html:{place}:")) && w.contains(words)),
            "no warning at {place} saying {words}:\n{}",
            warnings.join("\n")
        );
    };
    at("3:1", "`<script>`");
    at("4:21", "`onerror`");
    at("5:4", "`javascript:`");
    at("6:9", "`https://cdn.example.com/analytics.js`");
    // The site's own script file, a data block and a commented-out script are fine.
    assert_eq!(ours.len(), 4, "{ours:#?}");
    // Each says how to make it run.
    assert!(ours.iter().all(|w| w.contains("static/js/")), "{ours:#?}");
}

#[test]
fn a_site_that_trusts_its_html_states_no_policy_and_is_not_warned() {
    let site = site_with_template(true);
    let warnings = site.warnings();
    assert!(
        !warnings.iter().any(|w| w.contains("templates/page.html")),
        "{}",
        warnings.join("\n")
    );
}

/// The built-in theme's templates, and a site's copy of them, need no inline script.
#[test]
fn the_built_in_theme_copied_into_the_site_is_not_warned() {
    let site = Site::fixture("basic");
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    for name in ["base.html", "page.html", "search.html", "lessons.html"] {
        site.write(
            &format!("templates/{name}"),
            std::fs::read(theme.join(name)).unwrap(),
        );
    }
    let warnings = site.warnings();
    assert!(
        !warnings.iter().any(|w| w.contains("templates/")),
        "{}",
        warnings.join("\n")
    );
}

/// An author's `.js` under content/ was published as it was: a script of the site's
/// own, which the policy (`script-src 'self'`) lets any page load and run, so that the
/// one markup ever to slip past the sanitizer needed no script of its own to carry in.
/// Refused at the file, as an HTML attachment is; shared as a `.txt` or trusted, it is
/// published.
#[test]
fn a_script_file_among_the_attachments_is_refused() {
    for rel in [
        "content/lessons/统计脚本.js",
        "content/reports/工具.MJS",
        "content/sw.js",
        "content/projects/erp/helper.cjs.",
    ] {
        let site = Site::fixture("basic");
        site.write(rel, "navigator.serviceWorker && alert(document.domain);\n");
        let m = site.build_err();
        let shown = rel.trim_end_matches('.');
        assert!(
            m.lines().any(|l| l.starts_with("error:")
                && l.contains(shown)
                && l.contains("published as a script of the portal's own")),
            "{rel}: {m}"
        );
        assert!(m.contains("static/js/"), "{rel}: {m}");
    }
    let site = Site::fixture("basic");
    site.write("content/reports/工具.js.txt", "alert(1);\n");
    site.write("content/reports/工具.js.map", "{\"version\": 3}\n");
    site.build_ok();
    assert!(site.exists("reports/工具.js.txt"));
    let site = site_with_template(true);
    site.write("content/reports/工具.js", "window.x = 1;\n");
    site.build_ok();
    assert!(site.exists("reports/工具.js"));
}

/// `pmo serve` reloads an edited template without loading the site again: the inline
/// script just pasted into it is told then, and no longer once it is moved out.
#[test]
fn serve_tells_of_an_inline_script_saved_into_a_template() {
    let site = Site::fixture("basic");
    let plain = "{% extends \"base.html\" %}\n{% block content %}<h1>{{ page.title }}</h1>\n{% endblock content %}\n";
    site.write("templates/page.html", plain);
    let (mut workspace, _) =
        pmo_portal::Workspace::open(pmo_portal::Options::new(site.root())).unwrap();
    let told =
        common::serve_warnings_after_saving(&mut workspace, &site, "templates/page.html", TEMPLATE);
    let ours = told
        .iter()
        .filter(|w| w.contains("templates/page.html:"))
        .count();
    assert_eq!(ours, 4, "{told:#?}");
    let told =
        common::serve_warnings_after_saving(&mut workspace, &site, "templates/page.html", plain);
    assert!(
        !told.iter().any(|w| w.contains("templates/page.html")),
        "{told:#?}"
    );
}

/// Payload classes not tried before, in raw HTML (sanitized: `trust_html` is off): a
/// scheme split by a tab reference or a NUL, in mixed case, `vbscript:`, a colon written
/// without its semicolon, `<link rel=import>`, `<meta>` refresh and charset, `<portal>`,
/// a popover's toggle event, IE's `behavior`, an image from another host written
/// protocol-relative or with a backslash, a `data:` SVG link, a `formaction` to another
/// host, an equals sign written as a reference, and the register's and search's data
/// attributes. Each held: nothing runs in Chromium, with the policy taken out.
const EVASIONS: &[&str] = &[
    "<a href=\"jav&#x09;ascript:alert(1)\">制表实体</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">大小写</a>",
    "<a href=\"VBScript:msgbox(1)\">vb</a>",
    "<a href=\"java&#0;script:alert(1)\">零</a>",
    "<a href=\"javascript&#58alert(1)\">冒号</a>",
    "<a href=\"jav&#X41;script:alert(1)\">大写X</a>",
    "<a href=\" &#x0A;javascript:alert(1)\">换行</a>",
    "<link rel=\"import\" href=\"x.html\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<meta charset=\"utf-7\">+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
    "<portal src=\"javascript:alert(1)\"></portal>",
    "<button popovertarget=\"p1\">弹</button><div popover id=\"p1\" onbeforetoggle=\"alert(1)\">层</div>",
    "<span style=\"behavior:url(x.htc)\">htc</span>",
    "<img src=\"/\\evil.example/x.png\" onerror=\"alert(1)\">",
    "<a href=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">svg</a>",
    "<form action=\"https://evil.example/\"><button formaction=\"javascript:alert(1)\">提交</button></form>",
    "<img src=x onerror&#x3d;alert(1)>",
    "<div data-pmo-filter=\"x\" data-search='\"><img src=x onerror=alert(1)>'>属性</div>",
    "<svg><image href=\"javascript:alert(1)\"/></svg>",
    "<math><mi xlink:href=\"javascript:alert(1)\">m</mi></math>",
    "<a target=\"_blank\" href=\"https://example.com/\" onclick=\"alert(1)\">新窗口</a>",
    "<object data=\"x.svg\" type=\"image/svg+xml\"></object><embed src=\"x.svg\">",
    "<iframe srcdoc=\"&lt;script&gt;parent.alert(1)&lt;/script&gt;\"></iframe>",
];

#[test]
fn the_sixteenth_rounds_payloads_run_nothing_in_chromium() {
    let site = Site::fixture("basic");
    for (n, payload) in EVASIONS.iter().enumerate() {
        site.write(
            &format!("content/lessons/规避-{n}.md"),
            format!(
                "---\ntitle: 规避 {n}\ndate: 2024-04-{day:02}\nproject: erp\nphase: execution\n\
                 impact: negative\nsummary: {quoted}\n---\n\n前文。\n\n{payload}\n\n行内 {payload} 文字。\n",
                day = n % 28 + 1,
                quoted = common::hostile::quoted(payload),
            ),
        );
    }
    common::hostile::assert_no_script_runs(&site);
}
