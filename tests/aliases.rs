//! `aliases:` in front matter: each old address of a page answers with a redirect to it,
//! relative to the site so it works under a base path and from a file share, and never
//! where another file of the site stands, nor in an audience's build without its page.

mod common;

use common::Site;

/// The register practice with `aliases` added to its front matter (as written after
/// `aliases:`).
fn register_with(aliases: &str) -> String {
    format!(
        "---\ntitle: 风险登记册的维护\ndate: 2024-05-01\ncategory: 风险管理\ntags: [风险, 模板]\n\
         weight: 1\nowner: 周静怡\naliases: {aliases}\n---\n\n## 风险 识别\n\n每周更新风险登记册。\n"
    )
}

/// The basic site with the `public` and `pmo` audiences, and the register practice for
/// `pmo` only, with `aliases`.
fn secret_register_with(aliases: &str) -> Site {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}audiences = [\"public\", \"pmo\"]\n"),
    );
    site.write(
        "content/practices/risk/register.md",
        register_with(aliases).replace("owner: 周静怡\n", "owner: 周静怡\naudience: pmo\n"),
    );
    site
}

#[test]
fn each_alias_writes_a_redirect_to_the_page_relative_to_the_site() {
    let site = Site::fixture("basic");
    site.write(
        "content/practices/risk/register.md",
        register_with("[old/register/, /经验/旧登记册/, /legacy/register.html]"),
    );
    site.build_ok();
    let folder = site.read("old/register/index.html");
    // Two folders down, to the page's folder: relative, so any base path and a file
    // share work.
    assert!(
        folder.contains(
            r#"<meta http-equiv="refresh" content="0; url=../../practices/risk/register/">"#
        ),
        "{folder}"
    );
    assert!(folder.contains(r#"<a href="../../practices/risk/register/">风险登记册的维护</a>"#));
    assert!(folder.contains(
        r#"<link rel="canonical" href="https://intranet.example.com/pmo/practices/risk/register/">"#
    ));
    assert!(folder.contains(r#"<meta name="robots" content="noindex">"#));
    // Opened from a file share, a folder shows a listing: the script goes to the file.
    assert!(folder.contains(r#""../../practices/risk/register/index.html""#));
    assert!(folder.contains("此页面已迁移至"));
    let chinese = site.read("经验/旧登记册/index.html");
    assert!(
        chinese.contains("url=../../practices/risk/register/"),
        "{chinese}"
    );
    // An alias ending in .html is the file itself, linked from its own folder.
    let file = site.read("legacy/register.html");
    assert!(file.contains("url=../practices/risk/register/"), "{file}");
    // Not listed anywhere a page is.
    for listed in ["sitemap.xml", "atom.xml", "search/meta.js"] {
        let text = site.read(listed);
        assert!(!text.contains("old/register"), "{listed}");
        assert!(!text.contains("legacy/register"), "{listed}");
    }
    let home = site.read("index.html");
    assert!(!home.contains("old/register"));
}

#[test]
fn a_single_alias_may_be_written_without_a_list_and_in_toml() {
    let site = Site::fixture("basic");
    site.write(
        "content/practices/risk/register.md",
        register_with("/lessons/旧名称/"),
    );
    site.write(
        "content/about.md",
        "+++\ntitle = \"About the PMO\"\naliases = [\"about-us\"]\n+++\n\nWho we are.\n",
    );
    // Left empty, as an archetype may leave it: no alias.
    site.write(
        "content/practices/risk/response.md",
        "---\ntitle: 风险应对\naliases:\n---\n\n应对。\n",
    );
    site.build_ok();
    assert!(site
        .read("lessons/旧名称/index.html")
        .contains("url=../../practices/risk/register/"));
    assert!(site.read("about-us/index.html").contains("url=../about/"));
}

#[test]
fn an_alias_leaving_the_site_is_refused_at_its_place() {
    for (alias, said) in [
        ("[../../etc/]", "climb out"),
        ("[https://old.example.com/x/]", "scheme or host"),
        ("[//old.example.com/x/]", "scheme or host"),
        ("['old\\x\\']", "backslash"),
        // A control character is dropped as the front matter is read (as from every
        // text a site holds), which leaves `old//`.
        ("[\"old/\\u0007/\"]", "holds `//`"),
        ("[old/page?id=3]", "query or a fragment"),
        ("[javascript:alert(1)]", "scheme or host"),
        // The same hidden in escapes, told as decoded.
        (
            "[javascript%3aalert(1)]",
            "reads `javascript:alert(1)` once",
        ),
        (
            "[/%2f%2fold.example.com/x/]",
            "reads `///old.example.com/x/` once",
        ),
        ("[/%2e%2e/%2e%2e/x/]", "reads `/../../x/` once"),
    ] {
        let message = common::failing("content/practices/risk/register.md", register_with(alias));
        assert!(message.contains(said), "{alias}: {message}");
        // At its own line (the eighth) and with a way out.
        assert!(
            message.contains("content/practices/risk/register.md:8:"),
            "{alias}: {message}"
        );
        assert!(message.contains("help"), "{alias}: {message}");
    }
}

#[test]
fn an_alias_taking_another_address_names_both_sides() {
    for (alias, other) in [
        // A real page.
        (
            "[/lessons/vendor-delay/]",
            "content/lessons/vendor-delay.md",
        ),
        // A list the portal writes.
        ("[/lessons/]", "the list at /lessons/"),
        ("[/tags/风险/]", "/tags/"),
        ("[/search/old/]", "/search/"),
        ("[/css/old/]", "/css/"),
        // A file of static/: a folder of its name cannot be made.
        (
            "[/files/risk-register.csv/]",
            "static/files/risk-register.csv",
        ),
        ("[/atom.xml/]", "atom.xml"),
        ("[/404.html]", "404.html"),
        // The page's own address.
        ("[/practices/risk/register/]", "own address"),
        // A list's second page, known once the lists are made.
        ("[/lessons/page/2/]", "page 2 of the list at /lessons/"),
    ] {
        let message = common::failing("content/practices/risk/register.md", register_with(alias));
        assert!(message.contains(other), "{alias}: {message}");
        assert!(
            message.contains("content/practices/risk/register.md"),
            "{alias}: {message}"
        );
    }
}

/// An alias on a file pmo writes beside the pages (the register's data, the sitemap's
/// parts, the output folder's marker) passed `pmo check`, and `pmo build` failed
/// writing it ("lessons/facets.js: Is a directory"), at no line of the page. Both now
/// refuse it alike, at the alias, naming what pmo writes there.
#[test]
fn an_alias_on_a_file_pmo_writes_is_refused_by_check_and_build_alike() {
    for (alias, what) in [
        (
            "[/lessons/facets.js/]",
            "the portal's own /lessons/facets.js",
        ),
        (
            "[/lessons/data-0.js/]",
            "the portal's own /lessons/data-0.js",
        ),
        (
            "[/Lessons/Data-12.JS/x.html]",
            "the portal's own /lessons/data-12.js",
        ),
        ("[/sitemap-3.xml/]", "the portal's own /sitemap-3.xml"),
        ("[/.pmo-output/]", "the portal's own /.pmo-output"),
        ("[/robots.txt/]", "the portal's own /robots.txt"),
    ] {
        let site = Site::fixture("basic");
        site.write("content/practices/risk/register.md", register_with(alias));
        let built = site.build_err();
        let checked = match pmo_portal::check(&pmo_portal::Options::new(site.root())) {
            Ok(_) => panic!("{alias}: `pmo check` accepted it"),
            Err(failure) => common::messages(&failure),
        };
        for told in [&built, &checked] {
            assert!(
                told.contains(&format!("takes the address of {what}")),
                "{alias}: {told}"
            );
            assert!(
                told.contains("content/practices/risk/register.md:8:"),
                "{alias}: {told}"
            );
        }
        assert_eq!(built, checked, "{alias}");
    }
}

#[test]
fn two_pages_with_one_alias_are_told_at_the_second_naming_the_first() {
    let site = Site::fixture("basic");
    site.write(
        "content/practices/risk/register.md",
        register_with("[/old/risk/]"),
    );
    site.write(
        "content/practices/risk/response.md",
        "---\ntitle: 风险应对\naliases: [/OLD/risk]\n---\n\n应对。\n",
    );
    let message = site.build_err();
    assert!(
        message.contains("the alias `/OLD/risk` takes the address of the alias `/old/risk/` of content/practices/risk/register.md"),
        "{message}"
    );
    assert!(
        message.contains("content/practices/risk/response.md:3:"),
        "{message}"
    );
}

#[test]
fn an_alias_windows_cannot_hold_is_warned_about_at_its_place() {
    let site = Site::fixture("basic");
    site.write(
        "content/practices/risk/register.md",
        register_with("[/old/con/, '/old/a:b/']"),
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let told = warnings.join("\n");
    assert!(told.contains("device name"), "{told}");
    assert!(told.contains("Windows forbids"), "{told}");
    assert!(told.contains("register.md:8:"), "{told}");
}

#[test]
fn a_page_an_audience_may_not_see_leaves_no_alias_in_its_build() {
    let site = secret_register_with("[/old/secret-register/]");
    site.build_all_audiences();
    let public = site.public().join("public");
    assert!(!public.join("old/secret-register").exists());
    assert!(!public.join("practices/risk/register").exists());
    let pmo =
        std::fs::read_to_string(site.public().join("pmo/old/secret-register/index.html")).unwrap();
    assert!(pmo.contains("url=../../practices/risk/register/"), "{pmo}");
    // Nothing of the public site names the page or its old address.
    for file in common::html_pages(&public) {
        let text = std::fs::read_to_string(public.join(&file)).unwrap();
        assert!(!text.contains("secret-register"), "{file}");
        assert!(!text.contains("风险登记册的维护"), "{file}");
    }
}

#[test]
fn a_link_to_a_moved_page_suggests_an_alias_for_its_old_address() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/monthly.md",
        "---\ntitle: 月报\ndate: 2024-06-30\n---\n\n见[经验](../lessons/2023/vendor-delay.md)。\n",
    );
    let message = site.build_err();
    assert!(
        message.contains("aliases: [/lessons/2023/vendor-delay/]"),
        "{message}"
    );
}

/// A page moved with `aliases:` for its old address, and other pages still linking the
/// old one (as its old `.md` file, its old address, or an old `.html` file): each link
/// was a broken-link error failing the build. Each goes to the page where it is now,
/// relative like every link, its `#anchor` kept, the build passing.
#[test]
fn a_link_to_an_address_an_alias_keeps_goes_to_the_page_where_it_is_now() {
    let site = Site::fixture("basic");
    let lesson =
        std::fs::read_to_string(site.root().join("content/lessons/vendor-delay.md")).unwrap();
    site.write(
        "content/lessons/vendor-delay.md",
        lesson.replacen(
            "id: LL-2024-001\n",
            "id: LL-2024-001\naliases: [/lessons/2023/vendor-delay/, /旧站/供应商.html]\n",
            1,
        ) + "\n## 经过\n\n接口延期。\n",
    );
    site.write(
        "content/reports/monthly.md",
        "---\ntitle: 月报\ndate: 2024-06-30\n---\n\n见[旧文件](../lessons/2023/vendor-delay.md)、\
         [旧地址](/lessons/2023/vendor-delay/)、[相对旧地址](../lessons/2023/vendor-delay/#经过)\
         和[旧页面](../旧站/供应商.html)。\n",
    );
    site.build_ok();
    let html = site.read("reports/monthly/index.html");
    assert_eq!(
        html.matches("href=\"../../lessons/vendor-delay/\"").count(),
        3,
        "{html}"
    );
    assert!(
        html.contains("href=\"../../lessons/vendor-delay/#经过\""),
        "{html}"
    );
    assert!(!html.contains("2023/"), "{html}");
    assert!(!html.contains("旧站/"), "{html}");
    // The lesson lists the report among the pages linking to it.
    let lesson = site.read("lessons/vendor-delay/index.html");
    assert!(lesson.contains("reports/monthly/"), "{lesson}");
    // An anchor the page lacks is still told, at the link.
    site.write(
        "content/reports/monthly.md",
        "---\ntitle: 月报\ndate: 2024-06-30\n---\n\n见[旧文件](../lessons/2023/vendor-delay.md#教训)。\n",
    );
    let message = site.build_err();
    assert!(message.contains("`教训`"), "{message}");
}

/// A link to the old address of a page one audience may not see is, in that audience's
/// build, text without the link, as a link to the page itself is; not a broken link.
#[test]
fn a_link_to_an_old_address_of_a_page_out_of_sight_is_made_text() {
    let site = secret_register_with("[/old/secret-register/, /old/secret.html]");
    site.write(
        "content/reports/monthly.md",
        "---\ntitle: 月报\ndate: 2024-06-30\n---\n\n见[旧登记册](../old/secret-register/)、\
         [旧文件](../old/secret-register.md)和[旧页面](/old/secret.html)。\n",
    );
    site.build_all_audiences();
    let public =
        std::fs::read_to_string(site.public().join("public/reports/monthly/index.html")).unwrap();
    assert!(
        public.contains("旧登记册") && public.contains("旧页面"),
        "{public}"
    );
    assert!(!public.contains("secret"), "{public}");
    let pmo =
        std::fs::read_to_string(site.public().join("pmo/reports/monthly/index.html")).unwrap();
    assert_eq!(
        pmo.matches("href=\"../../practices/risk/register/\"")
            .count(),
        3,
        "{pmo}"
    );
}

/// The `<title>` of the document Chromium ends on after loading `url`.
fn landed_on(url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = common::chromium_command(&profile)
        .arg("--virtual-time-budget=4000")
        .arg("--dump-dom")
        .arg(url)
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom.find("<title>").map_or(0, |i| i + 7);
    dom[start..start + dom[start..].find("</title>").unwrap_or(0)].to_string()
}

#[test]
fn a_browser_at_an_old_address_lands_on_the_page_from_a_file_share_and_over_http() {
    let site = Site::fixture("basic");
    site.write(
        "content/about.md",
        "---\ntitle: About the PMO\naliases: [old/about/, /legacy/about.html]\n---\n\nWho we are.\n",
    );
    site.build_ok();
    let public = site.public();
    // From a file share a folder shows a listing: the redirect goes to its index.html.
    let file = format!("file://{}/old/about/index.html#team", public.display());
    assert_eq!(landed_on(&file), "About the PMO · 测试门户");
    let port = common::static_server(public.clone(), 8);
    let http = format!("http://127.0.0.1:{port}/legacy/about.html");
    assert_eq!(landed_on(&http), "About the PMO · 测试门户");
}

#[test]
fn an_alias_written_with_the_base_path_is_told_to_drop_it() {
    // The fixture is published at https://intranet.example.com/pmo/.
    let site = Site::fixture("basic");
    site.write(
        "content/practices/risk/register.md",
        register_with("[/pmo/practices/old-register/]"),
    );
    let report = site.build_ok();
    let told: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let told = told.join("\n");
    assert!(told.contains("register.md:8:"), "{told}");
    assert!(
        told.contains("write it without the base path: `/practices/old-register/`"),
        "{told}"
    );
}

/// An alias whose file name a web server serves as its folder's own page (IIS's
/// `Default.htm`, `index.htm`, `default.aspx`; Apache's `index.php`) stood in that
/// folder beside the page or list whose address the folder is, and IIS, which looks for
/// `Default.htm` and `index.htm` before `index.html`, served the redirect there instead
/// (the seventh hunt). An error at the alias's line, unless the folder is the page's
/// own address, which is told as such.
#[test]
fn an_alias_named_as_a_folders_default_document_is_refused() {
    for alias in [
        "/lessons/vendor-delay/Default.htm",
        "/lessons/vendor-delay/index.htm",
        "/lessons/vendor-delay/default.aspx",
        "/lessons/vendor-delay/INDEX.HTML",
        "/lessons/default.html",
        "/default.htm",
        "/old/index.php",
        "/old/iisstart.htm",
    ] {
        let message = common::failing(
            "content/practices/risk/register.md",
            register_with(&format!("[{alias}]")),
        );
        assert!(
            message.contains("a name web servers serve as a folder's own page"),
            "{alias}: {message}"
        );
        assert!(
            message.contains("content/practices/risk/register.md:8:"),
            "{alias}: {message}"
        );
    }
    // The page's own folder: its own address.
    for alias in [
        "/practices/risk/register/Default.htm",
        "/practices/risk/register/index.html",
    ] {
        let message = common::failing(
            "content/practices/risk/register.md",
            register_with(&format!("[{alias}]")),
        );
        assert!(message.contains("own address"), "{alias}: {message}");
    }
    // Another page's `index.html` is that page's address, as before.
    let message = common::failing(
        "content/practices/risk/register.md",
        register_with("[/lessons/vendor-delay/index.html]"),
    );
    assert!(
        message.contains("content/lessons/vendor-delay.md"),
        "{message}"
    );
    // A folder no page has, written with the `index.html` pmo writes there itself, is
    // the folder's alias.
    let site = Site::fixture("basic");
    site.write(
        "content/practices/risk/register.md",
        register_with("[/old/index.html]"),
    );
    site.build_ok();
    assert!(site
        .read("old/index.html")
        .contains("practices/risk/register/"));
}
