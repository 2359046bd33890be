//! `[[menu]]` in site.toml: the site's own links in the header's menu, after the
//! portal's entries, relative to each page, escaped, and checked like links in pages.

mod common;

use common::Site;

/// The `basic` fixture with `extra` appended to its site.toml.
fn basic_with(extra: &str) -> Site {
    let site = Site::fixture("basic");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{toml}{extra}"));
    site
}

/// The header menu of a built page: its `<nav class="site-nav">` element.
fn nav(html: &str) -> &str {
    let start = html.find("<nav class=\"site-nav\"").expect("a header menu");
    &html[start..start + html[start..].find("</nav>").unwrap()]
}

const MENU: &str = r#"
[[menu]]
name = "PMO 维基 <新>"
url = "https://wiki.example.com/pmo?a=1&b=2"

[[menu]]
name = "关于我们"
url = "/about/"
weight = -1

[[menu]]
name = "风险登记册"
url = "practices/risk/register.md#风险-识别"
weight = 5
"#;

#[test]
fn menu_links_follow_the_portals_entries_in_weight_order_relative_to_each_page() {
    let site = basic_with(MENU);
    let report = site.build_ok();
    let told: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(!told.join("\n").contains("menu link"), "{told:?}");
    let home = site.read("index.html");
    let menu = nav(&home);
    // After the built-in entries (the last of which is tags), lighter first, then the
    // entry without a weight.
    let tags = menu.find(">标签<").expect("the built-in tags entry");
    let about = menu.find("关于我们").unwrap();
    let register = menu.find("风险登记册").unwrap();
    let wiki = menu.find("PMO 维基").unwrap();
    assert!(
        tags < about && about < register && register < wiki,
        "{menu}"
    );
    assert!(
        menu.contains(r#"<a href="./about/">关于我们</a>"#),
        "{menu}"
    );
    assert!(
        menu.contains(r#"href="./practices/risk/register/#风险-识别""#),
        "{menu}"
    );
    // Escaped, the address whole.
    assert!(menu.contains("PMO 维基 &lt;新&gt;"), "{menu}");
    assert!(
        menu.contains(r#"href="https://wiki.example.com/pmo?a=1&amp;b=2""#),
        "{menu}"
    );
    // Two folders down, the same links climb back to the root; on its own page the
    // entry is marked.
    let lesson = site.read("lessons/vendor-delay/index.html");
    assert!(nav(&lesson).contains(r#"href="../../about/""#));
    let about_page = site.read("about/index.html");
    assert!(
        nav(&about_page)
            .contains(r#"<a href="../about/" class="active" aria-current="page">关于我们</a>"#),
        "{}",
        nav(&about_page)
    );
    // The 404 page, shown at any depth, links from the base path.
    assert!(nav(&site.read("404.html")).contains(r#"href="/pmo/about/""#));
}

#[test]
fn a_menu_link_that_could_run_a_script_is_refused_at_its_line() {
    for url in [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/",
        "/../../etc/passwd",
    ] {
        let site = basic_with(&format!("\n[[menu]]\nname = \"x\"\nurl = \"{url}\"\n"));
        let message = site.build_err();
        assert!(message.contains("site.toml:9:1"), "{url}: {message}");
        assert!(message.contains("help"), "{url}: {message}");
        assert!(!site.public().exists());
    }
}

#[test]
fn a_menu_link_to_no_page_is_warned_about_at_its_line() {
    let site = basic_with("\n[[menu]]\nname = \"旧门户\"\nurl = \"/lessons/2019/\"\n\n[[menu]]\nname = \"关于\"\nurl = \"/about\"\n");
    let report = site.build_ok();
    let told: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let told = told.join("\n");
    assert!(
        told.contains(
            "site.toml:9:1: the menu link `/lessons/2019/` names nothing the build writes"
        ),
        "{told}"
    );
    // A page's address without its final `/` is told how to write it.
    assert!(told.contains("site.toml:13:1"), "{told}");
    assert!(told.contains("write `/about/`"), "{told}");
    // Kept, as written: the author may publish it there by other means.
    assert!(nav(&site.read("index.html")).contains(r#"href="./lessons/2019/""#));
}

#[test]
fn hugos_menu_tables_and_unknown_entry_keys_are_told_the_form_pmo_reads() {
    let site = basic_with("\n[[menu.main]]\nname = \"Wiki\"\nurl = \"https://wiki.example.com\"\n");
    let message = site.build_err();
    assert!(message.contains("site.toml:7:1"), "{message}");
    assert!(message.contains("[[menu]]"), "{message}");

    let site = basic_with("\n[[menu]]\ntitle = \"Wiki\"\nurl = \"https://wiki.example.com\"\n");
    let message = site.build_err();
    assert!(
        message.contains("a `[[menu]]` entry takes `name`"),
        "{message}"
    );

    // An entry without its address is told at its header, not sent to the file's top.
    let site = basic_with("\n[[menu]]\nname = \"Wiki\"\n");
    let message = site.build_err();
    assert!(message.contains("site.toml:7:1"), "{message}");
    assert!(message.contains("to this `[[menu]]` entry"), "{message}");
}

#[test]
fn a_menu_link_to_a_page_an_audience_may_not_see_is_left_out_of_its_menu() {
    let site = basic_with("audiences = [\"public\", \"pmo\"]\n\n[[menu]]\nname = \"内部月报\"\nurl = \"/reports/monthly/\"\n\n[[menu]]\nname = \"月报原文\"\nurl = \"/reports/monthly.md\"\n");
    let monthly = std::fs::read_to_string(site.root().join("content/reports/monthly.md")).unwrap();
    site.write(
        "content/reports/monthly.md",
        monthly.replacen("---\n", "---\naudience: pmo\n", 1),
    );
    let printed = site.build_all_audiences();
    assert!(!printed.contains("names nothing"), "{printed}");
    let public = std::fs::read_to_string(site.public().join("public/index.html")).unwrap();
    assert!(!public.contains("内部月报"));
    assert!(!public.contains("月报原文"));
    assert!(!public.contains("reports/monthly"));
    let pmo = std::fs::read_to_string(site.public().join("pmo/index.html")).unwrap();
    assert!(nav(&pmo).contains(r#"<a href="./reports/monthly/">内部月报</a>"#));
    assert!(nav(&pmo).contains(r#"<a href="./reports/monthly/">月报原文</a>"#));
}

/// A menu address whose `%` escapes hide what its plain form is refused for —
/// `/%2e%2e/%2e%2e/etc/passwd`, `/a%0ab`, `javascript%3aalert(1)`, `/%2f%2fevil.example`
/// — was taken as a path of the site (the seventh hunt): browsers and servers read
/// `%2e%2e` as `..`, and some servers decode the rest. An error at its line naming the
/// address as decoded.
#[test]
fn a_menu_link_hiding_a_refused_address_in_escapes_is_refused_at_its_line() {
    for (url, decoded) in [
        ("/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd"),
        ("/lessons/%2E%2E/%2e./x", "/lessons/../../x"),
        ("/a%0ab", "/a\\nb"),
        ("javascript%3aalert(1)", "javascript:alert(1)"),
        ("/%2f%2fevil.example/", "///evil.example/"),
        ("/a%5cb/", "/a\\b/"),
        ("/%252e%252e/x", "/../x"),
    ] {
        let site = basic_with(&format!("\n[[menu]]\nname = \"x\"\nurl = \"{url}\"\n"));
        let message = site.build_err();
        assert!(message.contains("site.toml:9:1"), "{url}: {message}");
        assert!(
            message.contains("once its %-escapes are decoded"),
            "{url}: {message}"
        );
        assert!(message.contains(decoded), "{url}: {message}");
        assert!(!site.public().exists());
    }
    // Escapes of what a path may hold are the path.
    let site = basic_with("\n[[menu]]\nname = \"关于\"\nurl = \"/%E5%85%B3%E4%BA%8E/../about/\"\n");
    assert!(site.build_err().contains("holds `..`"));
    let site = basic_with("\n[[menu]]\nname = \"关于\"\nurl = \"/about/?q=%0a#%2e%2e\"\n");
    site.build_ok();
}

/// Renaming a menu entry, a PMO writes the label it sees as the key
/// (`"最佳实践" = "方法论"`): it was warned at line 1 (another key's line), with help
/// naming a file the installed binary has not. It is told at its own line, with the
/// key that shows that label; a key nothing resembles is told the menu's keys.
#[test]
fn a_ui_string_keyed_by_the_label_it_renames_is_told_the_key_at_its_line() {
    let site = Site::fixture("basic");
    site.write(
        "i18n/zh-CN.toml",
        "nav_dashboard = \"仪表板\"\n\"最佳实践\" = \"方法论\"\n'菜单二' = \"x\"\n",
    );
    let warnings = site.warnings();
    assert!(
        warnings.iter().any(|w| w.contains("i18n/zh-CN.toml:2:1")
            && w.contains("`最佳实践` is no UI string of the theme")
            && w.contains(
                "`最佳实践` is what `nav_practices` shows now: write `nav_practices = \"方法论\"`"
            )),
        "{warnings:#?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("i18n/zh-CN.toml:3:1")
            && w.contains("the menu's are nav_dashboard, nav_home, nav_lessons")),
        "{warnings:#?}"
    );
}

/// Written bare (`最佳实践 = "方法论"`), the label is a TOML error that said to quote it,
/// and only the quoted line was then told the key (the fifth walk-through's two tries):
/// the error names the key at once.
#[test]
fn a_bare_label_as_a_ui_string_key_is_told_the_key_in_the_error() {
    let site = Site::fixture("basic");
    site.write(
        "i18n/zh-CN.toml",
        "nav_dashboard = \"仪表板\"\n最佳实践 = \"方法论\"\n",
    );
    let err = site.build_err();
    assert!(err.contains("i18n/zh-CN.toml:2:"), "{err}");
    assert!(err.contains("write `nav_practices = \"方法论\"`"), "{err}");
}
