//! Building a small fixture portal and checking what a reader of the site would see.

mod common;

use std::path::Path;

use common::{assert_well_formed, links, snapshot, Site};

#[test]
fn every_kind_of_page_is_written() {
    let site = Site::fixture("basic");
    let report = site.build_ok();
    assert!(report.pages >= 12, "{}", report.pages);
    for page in [
        "index.html",
        "practices/index.html",
        "practices/risk/index.html",
        "practices/risk/register/index.html",
        "lessons/index.html",
        "lessons/vendor-delay/index.html",
        "projects/index.html",
        "projects/erp/index.html",
        "reviews/index.html",
        "reviews/2024/index.html",
        "reviews/erp-closure/index.html",
        "reports/monthly/index.html",
        "about/index.html",
        "tags/index.html",
        "tags/供应商/index.html",
        "categories/风险管理/index.html",
        "phases/execution/index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "css/style.css",
        "files/risk-register.csv",
    ] {
        assert!(site.exists(page), "missing {page}");
    }
    // Drafts stay out unless asked for.
    assert!(!site.exists("lessons/draft-lesson/index.html"));
}

#[test]
fn drafts_are_built_with_the_drafts_option() {
    let site = Site::fixture("basic");
    let mut options = pmo_portal::Options::new(site.root());
    options.drafts = true;
    pmo_portal::build(&options, &pmo_portal::Silent).unwrap();
    assert!(site.exists("lessons/draft-lesson/index.html"));
}

#[test]
fn links_to_md_files_become_relative_urls_that_work_under_any_base_path() {
    let site = Site::fixture("basic");
    site.build_ok();
    let html = site.read("lessons/vendor-delay/index.html");
    let hrefs = links(&html);
    assert!(
        hrefs.contains(&"../../practices/risk/register/".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"../../projects/erp/".to_string()),
        "{hrefs:?}"
    );
    let response = site.read("practices/risk/response/index.html");
    assert!(response.contains("href=\"../../../practices/risk/register/#风险-识别\""));
    // A root-absolute link to a static file is made relative too.
    let register = site.read("practices/risk/register/index.html");
    assert!(register.contains("href=\"../../../files/risk-register.csv\""));
    // No page links to the server root: the site works when served from /pmo/ or a file share.
    for entry in walkdir::WalkDir::new(site.public()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") && entry.file_name() != "404.html"
        {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            for link in links(&html) {
                assert!(!link.starts_with('/'), "{}: {link}", entry.path().display());
                assert!(
                    !link.contains("pmo-link:"),
                    "{}: {link}",
                    entry.path().display()
                );
            }
        }
    }
    // 404 pages are shown at any depth, so they use the base path from base_url.
    assert!(site
        .read("404.html")
        .contains("href=\"/pmo/css/style.css\""));
}

#[test]
fn every_internal_link_points_at_a_written_file() {
    let site = Site::fixture("basic");
    site.build_ok();
    let public = site.public();
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") || entry.file_name() == "404.html" {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let dir = entry.path().parent().unwrap();
        for link in links(&html) {
            if link.starts_with("http") || link.starts_with("mailto:") || link.starts_with('#') {
                continue;
            }
            let path = link.split(['#', '?']).next().unwrap();
            let target = dir.join(path);
            let target = if path.ends_with('/') || path.is_empty() {
                target.join("index.html")
            } else {
                target
            };
            assert!(
                target.exists(),
                "{} links to missing {link}",
                entry.path().display()
            );
        }
    }
}

#[test]
fn backlinks_list_the_pages_that_link_here() {
    let site = Site::fixture("basic");
    site.build_ok();
    let register = site.read("practices/risk/register/index.html");
    assert!(register.contains("被引用"), "no backlinks section");
    let backlinks = &register[register.find("被引用").unwrap()..];
    assert!(backlinks.contains("供应商交付延期导致里程碑滑移"));
    assert!(backlinks.contains("风险应对策略"));
}

#[test]
fn taxonomies_list_their_pages_with_pagination() {
    let site = Site::fixture("basic");
    site.build_ok();
    let tag = site.read("tags/供应商/index.html");
    assert!(tag.contains("供应商交付延期导致里程碑滑移"));
    assert!(tag.contains("Key users in every department"));
    let tags = site.read("tags/index.html");
    assert!(
        tags.contains("tags/数据迁移/") || tags.contains("数据迁移/"),
        "{tags}"
    );
    // paginate = 2 and three lessons: the register has two pages.
    let first = site.read("lessons/index.html");
    assert!(first.contains("page/2/"));
    assert!(
        site.read("lessons/page/2/index.html")
            .contains("供应商交付延期导致里程碑滑移"),
        "oldest lesson on page 2"
    );
    // Phases are shown in the site's language.
    assert!(site.read("phases/index.html").contains("执行"));
}

#[test]
fn project_page_shows_figures_lessons_and_review() {
    let site = Site::fixture("basic");
    site.build_ok();
    let html = site.read("projects/erp/index.html");
    assert!(html.contains("3,200,000"), "BAC");
    assert!(html.contains("2,100,000"), "spent to date");
    assert!(
        html.contains("供应商延期, 接口"),
        "risk with a comma in its title"
    );
    assert!(html.contains("供应商交付延期导致里程碑滑移"), "its lesson");
    assert!(html.contains("ERP 升级项目收尾评审"), "its review");
    let reviews = site.read("reviews/index.html");
    assert!(reviews.contains("2024"));
    assert!(reviews.contains("ERP 升级项目收尾评审"));
}

#[test]
fn practices_have_breadcrumbs_toc_and_neighbours() {
    let site = Site::fixture("basic");
    site.build_ok();
    let html = site.read("practices/risk/register/index.html");
    assert!(html.contains("id=\"风险-识别\""));
    assert!(html.contains("href=\"#概率与影响\""), "TOC entry");
    assert!(
        html.contains("href=\"../../../practices/risk/\""),
        "breadcrumb"
    );
    // The home page is named as the menu names it, not by its title (the fifth
    // walk-through read 欢迎来到 PMO 知识门户 at the root of every trail).
    let crumbs = &html[html.find("class=\"breadcrumbs\"").unwrap()..];
    let crumbs = &crumbs[..crumbs.find("</nav>").unwrap()];
    assert!(crumbs.contains(">首页</a>"), "{crumbs}");
    assert_eq!(crumbs.matches("href=\"../../../\"").count(), 1, "{crumbs}");
    assert!(
        html.contains("href=\"../../../practices/risk/response/\""),
        "next practice"
    );
    assert!(html.contains("type=\"checkbox\""), "task list");
    assert!(html.contains("<del>旧做法</del>"));
    assert!(html.contains("footnote"));
}

#[test]
fn raw_html_is_sanitized_unless_trusted() {
    let site = Site::fixture("basic");
    site.build_ok();
    let html = site.read("reports/monthly/index.html");
    assert!(!html.contains("<script>alert"), "script kept");
    assert!(!html.contains("onclick"), "event handler kept");
    assert!(html.contains("<b>粗体</b>"));

    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{config}trust_html = true\n"));
    site.build_ok();
    assert!(site
        .read("reports/monthly/index.html")
        .contains("<script>alert"));
}

#[test]
fn links_in_raw_html_are_checked_and_made_relative_like_markdown_links() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/links.md",
        "---\ntitle: 原始链接\n---\n\n<div class=\"box\">\n  <a href=\"../lessons/vendor-delay.md\">供应商延期</a>\n  \
         <a href='/lessons/'>全部教训</a> <a href=\"../nowhere.md\">别处</a>\n  <a href=\"https://example.com/x\">外部</a>\n</div>\n",
    );
    let report = site.build_ok();
    let html = site.read("reports/links/index.html");
    assert!(
        html.contains("href=\"../../lessons/vendor-delay/\""),
        "{html}"
    );
    assert!(html.contains("href=\"../../lessons/\""), "{html}");
    assert!(html.contains("href=\"https://example.com/x\""), "{html}");
    // The author's own address, which names nothing here: kept, and warned of at its line.
    assert!(html.contains("href=\"../nowhere.md\""), "{html}");
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("content/reports/links.md:7") && w.contains("nowhere.md")),
        "{warnings:?}"
    );
    // The lesson counts the report among the pages that cite it.
    let lesson = site.read("lessons/vendor-delay/index.html");
    assert!(lesson.contains("reports/links/"), "{lesson}");
}

#[test]
fn feed_and_sitemap_are_well_formed_xml() {
    let site = Site::fixture("basic");
    site.build_ok();
    for file in ["atom.xml", "sitemap.xml"] {
        assert_well_formed(&site.read(file));
    }
    let atom = site.read("atom.xml");
    assert!(atom.contains("<entry>"));
    assert!(atom.contains("https://intranet.example.com/pmo/reviews/erp-closure/"));
    // Links inside entries are absolute.
    assert!(atom.contains("https://intranet.example.com/pmo/lessons/vendor-delay/"));
    assert!(!atom.contains("草稿经验"));
    assert!(site
        .read("sitemap.xml")
        .contains("<loc>https://intranet.example.com/pmo/projects/erp/</loc>"));
}

/// A feed reader resolves `#背景` against the feed, not the entry: a heading's anchor and
/// a footnote pointed into atom.xml, and every heading ended in a bare `#` (no style
/// sheet hides it there). Anchors go; other fragments point into the entry's page.
#[test]
fn fragment_links_in_the_feed_point_into_the_entrys_page() {
    let site = Site::fixture("basic");
    let lesson =
        std::fs::read_to_string(site.root().join("content/lessons/vendor-delay.md")).unwrap();
    site.write(
        "content/lessons/vendor-delay.md",
        format!("{lesson}\n## 建议\n\n见[背景](#建议)与脚注[^1]。\n\n[^1]: 合同第 7 条。\n"),
    );
    site.build_ok();
    let atom = site.read("atom.xml");
    let page = "https://intranet.example.com/pmo/lessons/vendor-delay/";
    assert!(!atom.contains("class=&quot;anchor&quot;"), "{atom}");
    assert!(!atom.contains("href=&quot;#"), "{atom}");
    // The link to the heading (percent-encoded as on the page) and the footnote's.
    assert_eq!(
        atom.matches(&format!("href=&quot;{page}#")).count(),
        2,
        "{atom}"
    );
    assert!(
        atom.contains(&format!("href=&quot;{page}#1&quot;")),
        "{atom}"
    );
    // The page itself keeps its anchors.
    assert!(site
        .read("lessons/vendor-delay/index.html")
        .contains("class=\"anchor\" href=\"#建议\""));
}

/// Every page a reader can reach is in the sitemap — paginated listings, review years
/// and the dashboard too — but not the search page or the 404 page.
#[test]
fn the_sitemap_lists_every_published_page() {
    let site = Site::fixture("basic");
    site.build_ok();
    let sitemap = site.read("sitemap.xml");
    let decoded = common::percent_decode(&sitemap);
    let base = "https://intranet.example.com/pmo/";
    let mut missing = Vec::new();
    let public = site.public();
    for entry in walkdir::WalkDir::new(&public) {
        let path = entry.unwrap().into_path();
        let rel = path
            .strip_prefix(&public)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !rel.ends_with(".html") || rel == "404.html" || rel.starts_with("search/") {
            continue;
        }
        let url = format!("<loc>{base}{}</loc>", rel.trim_end_matches("index.html"));
        if !decoded.contains(&url) {
            missing.push(url);
        }
    }
    assert!(missing.is_empty(), "not in the sitemap: {missing:?}");
    // The protocol asks for URL-escaped addresses: a tag page's Chinese name is not
    // written as is.
    assert!(sitemap.is_ascii(), "{sitemap}");
    assert!(sitemap.contains("/pmo/dashboard/</loc>"), "{sitemap}");
    assert!(sitemap.contains("/pmo/lessons/page/2/</loc>"), "{sitemap}");
    assert!(!sitemap.contains("/pmo/search/"));
    assert!(!sitemap.contains("404"));
    // The sitemap protocol takes RFC 3986 addresses: Chinese slugs percent-encoded.
    assert!(
        sitemap.contains("/pmo/tags/%E9%A3%8E%E9%99%A9/</loc>"),
        "{sitemap}"
    );
    for loc in sitemap.split("<loc>").skip(1) {
        let loc = loc.split("</loc>").next().unwrap();
        assert!(loc.is_ascii(), "not an RFC 3986 address: {loc}");
    }
    let robots = site.read("robots.txt");
    assert!(robots.is_ascii(), "{robots}");
}

/// robots.txt is read only at the host's root: for a site under `/pmo/` its lines are
/// copied there, where `Allow: /` spoke for the whole host rather than the portal. Its
/// sitemap is a full address.
#[test]
fn robots_txt_speaks_for_the_portal_s_own_path() {
    let site = Site::fixture("basic");
    site.build_ok();
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /pmo/\n\nSitemap: https://intranet.example.com/pmo/sitemap.xml\n"
    );
}

/// A Markdown template offered for download under static/ is a file to link to, not a
/// page: the link once failed as "there is no content/templates/…".
#[test]
fn a_markdown_file_under_static_can_be_linked_for_download() {
    let site = Site::fixture("basic");
    site.write("static/templates/教训模板.md", "## 背景\n");
    site.write(
        "content/about.md",
        "---\ntitle: 关于\n---\n下载[模板](templates/教训模板.md)。\n",
    );
    site.build_ok();
    assert!(site.exists("templates/教训模板.md"));
    let about = site.read("about/index.html");
    assert!(
        about.contains("href=\"../templates/教训模板.md\""),
        "{about}"
    );
}

#[test]
fn attachments_whose_names_hold_spaces_hashes_or_question_marks_are_linked_escaped() {
    let site = Site::fixture("basic");
    for name in ["会议 纪要.pdf", "a#b.png", "q?.png", "100%.pdf"] {
        site.write(&format!("content/practices/{name}"), "x");
    }
    site.write(
        "content/about.md",
        "---\ntitle: 关于\n---\n[纪要](<practices/会议 纪要.pdf>) ![h](practices/a%23b.png) \
         ![q](practices/q%3F.png) [百分](practices/100%.pdf)\n",
    );
    site.build_ok();
    let about = site.read("about/index.html");
    // Unescaped, the space is invalid HTML and `#` or `?` would cut the file's name.
    for url in [
        "href=\"../practices/会议%20纪要.pdf\"",
        "src=\"../practices/a%23b.png\"",
        "src=\"../practices/q%3F.png\"",
        "href=\"../practices/100%25.pdf\"",
    ] {
        assert!(about.contains(url), "{url} not in {about}");
    }
    assert!(site.exists("practices/a#b.png"));
}

#[test]
fn every_page_links_the_favicon_the_build_writes() {
    let site = Site::fixture("basic");
    site.build_ok();
    assert!(site.read("favicon.svg").starts_with("<svg"));
    let lesson = site.read("lessons/vendor-delay/index.html");
    assert!(
        lesson.contains("<link rel=\"icon\" href=\"../../favicon.svg\" type=\"image/svg+xml\">"),
        "{lesson}"
    );
}

#[test]
fn a_site_template_overrides_the_theme() {
    let site = Site::fixture("basic");
    site.write(
        "templates/lesson.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">OVERRIDE {{ page.title }}</p>{% endblock content %}",
    );
    site.build_ok();
    let html = site.read("lessons/vendor-delay/index.html");
    assert!(html.contains("OVERRIDE 供应商交付延期导致里程碑滑移"));
    assert!(
        html.contains("<meta charset=\"utf-8\">"),
        "base.html of the theme still used"
    );
}

/// A PMO adding a contact line to the foot of every page had to copy the whole of
/// `base.html` (and lose every later fix to it): the footer is its own part.
#[test]
fn a_site_changes_its_footer_by_one_partial() {
    let site = Site::fixture("basic");
    site.write(
        "templates/partials/footer.html",
        "<footer class=\"site-footer\"><p>联系 PMO：分机 8123 · {{ site.title }}</p></footer>",
    );
    site.build_ok();
    for page in ["index.html", "lessons/vendor-delay/index.html", "404.html"] {
        let html = site.read(page);
        assert_eq!(html.matches("<footer").count(), 1, "{page}: {html}");
        assert!(html.contains("<p>联系 PMO：分机 8123 · "), "{page}: {html}");
        assert!(
            !html.contains("site-footer-inner"),
            "{page}: the theme's footer still shown"
        );
        assert!(html.contains("<meta charset=\"utf-8\">"), "{page}");
    }
}

/// Every front matter field reaches a template as parsed (`page.meta`), so a theme can
/// show a field no built-in template shows, and a new field needs no render code.
#[test]
fn a_template_reads_the_front_matter_as_parsed() {
    let site = Site::fixture("basic");
    site.write(
        "templates/lesson.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"meta\">{{ page.meta.project }}|{{ page.meta.phase }}|{{ t[\"phase_\" ~ page.meta.phase] }}|{{ page.meta.date }}|{{ page.meta.tags | join(sep=\",\") }}</p>{% endblock content %}",
    );
    site.build_ok();
    let html = site.read("lessons/data-migration/index.html");
    assert!(
        html.contains("<p class=\"meta\">erp|monitoring|监控|2024-05-20|数据迁移</p>"),
        "{html}"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = Site::fixture("basic");
    site.build_ok();
    let before = snapshot(&site.public());
    site.write("content/lessons/broken.md", "---\ntitle: [unclosed\n---\n");
    site.build_err();
    assert_eq!(snapshot(&site.public()), before);
    // No staging folder is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::fixture("basic");
    site.build_ok();
    let first = snapshot(&site.public());
    site.build_ok();
    assert_eq!(snapshot(&site.public()), first);
}

/// A site's template iterating over a map (`{% for key, value in page %}`) wrote its
/// keys in a new order at each build, and on each page: Tera kept maps in hash order.
#[test]
fn a_template_iterating_over_a_map_writes_it_in_one_order_every_build() {
    let site = Site::fixture("basic");
    site.write(
        "templates/lesson.html",
        "{% extends \"base.html\" %}\n{% block content %}<p id=\"keys\">\
         {% for key, value in page %}{{ key }},{% endfor %}\
         {% for key, value in site %}{{ key }},{% endfor %}</p>{% endblock content %}",
    );
    site.build_ok();
    // Every page's map in the same order: the order of its fields.
    let keys = |rel: &str| {
        let html = site.read(rel);
        let at = html.find("<p id=\"keys\">").unwrap();
        html[at..].split("</p>").next().unwrap().to_string()
    };
    let one = keys("lessons/vendor-delay/index.html");
    assert!(one.contains(">kind,kind_name,title,url,"), "{one}");
    assert_eq!(keys("lessons/key-user/index.html"), one);
    assert_eq!(keys("lessons/data-migration/index.html"), one);
    let first = snapshot(&site.public());
    site.build_ok();
    assert!(
        snapshot(&site.public()) == first,
        "the second build differs"
    );
}

/// A large site's page text is set aside in a temporary file while it builds (see
/// src/markdown/spill.rs); a site built so must be the same bytes. `PMO_SPILL_PAGES=0`
/// makes the small fixture spill.
#[test]
fn a_build_with_its_text_set_aside_on_disk_writes_the_same_site() {
    let site = Site::fixture("basic");
    site.build_ok();
    let held = snapshot(&site.public());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
        .arg("--root")
        .arg(site.root())
        .arg("build")
        .env("PMO_SPILL_PAGES", "0")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(snapshot(&site.public()), held);
}

/// A temporary folder that cannot take the set-aside text (missing, full) leaves the
/// text in memory: the site is the same, and the build says why its memory grew.
#[test]
fn a_temporary_folder_that_cannot_take_the_text_is_warned_of_and_the_site_is_the_same() {
    let site = Site::fixture("basic");
    site.build_ok();
    let held = snapshot(&site.public());
    let missing = site.root().join("没有这个临时文件夹");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
        .arg("--root")
        .arg(site.root())
        .arg("build")
        .env("PMO_SPILL_PAGES", "0")
        .env("TMPDIR", &missing)
        .env("PMO_LANG", "en")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("could not be set aside in the temporary folder")
            && stderr.contains("没有这个临时文件夹")
            && stderr.contains("TMPDIR"),
        "{stderr}"
    );
    assert_eq!(snapshot(&site.public()), held);
}

#[test]
fn english_sites_get_an_english_ui_and_dates() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", config.replace("zh-CN", "en"));
    site.build_ok();
    let html = site.read("lessons/vendor-delay/index.html");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("18 March 2024"), "date in English");
    assert!(
        html.contains("Linked from")
            || site
                .read("practices/risk/register/index.html")
                .contains("Linked from")
    );
}

#[test]
fn output_folder_can_be_chosen_and_the_base_url_overridden() {
    let site = Site::fixture("basic");
    let out = site.root().join("elsewhere");
    let options = pmo_portal::Options {
        root: site.root().to_path_buf(),
        output: Some(out.clone()),
        base_url: Some("http://staging.local/portal".into()),
        ..pmo_portal::Options::new(site.root())
    };
    pmo_portal::build(&options, &pmo_portal::Silent).unwrap();
    let atom = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    assert!(atom.contains("http://staging.local/portal/lessons/"));
    assert!(!Path::new(&site.public()).exists());
}

#[test]
fn windows_line_endings_and_a_bom_are_fine() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/crlf.md",
        "\u{feff}---\r\ntitle: 行尾测试\r\ndate: 2024-07-01\r\nproject: erp\r\nphase: closing\r\nimpact: positive\r\n---\r\n\r\n## 小节\r\n\r\n正文。\r\n",
    );
    site.build_ok();
    let html = site.read("lessons/crlf/index.html");
    assert!(html.contains("id=\"小节\""));
}

#[test]
fn tables_are_read_from_every_format() {
    let site = Site::fixture("basic");
    site.write(
        "data/plan.json",
        r#"[{"period": "2024-01", "pv": 100}, {"period": "2024-02", "pv": "1,200"}]"#,
    );
    site.write(
        "data/plan2.toml",
        "[[rows]]\nperiod = \"2024-01\"\npv = 1\n",
    );
    site.write("data/plan3.yaml", "- period: 2024-01\n  pv: 1\n");
    let root = site.root().to_path_buf();
    let diagnostics = pmo_portal::diagnostics::Diagnostics::default();
    let data = pmo_portal::load_tables(
        &root,
        &["projects/erp/budget.csv".to_string()],
        &pmo_portal::Bases::default(),
        &diagnostics,
    );
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.into_sorted());
    let names: Vec<&str> = data.tables.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "departments",
            "departments/预算",
            "plan",
            "plan2",
            "plan3",
            "projects/erp/budget"
        ]
    );
    let departments = &data.tables["departments"];
    assert_eq!(
        departments.columns,
        ["department", "head", "headcount", "since"]
    );
    assert_eq!(departments.text(0, 0), "信息中心");
    assert_eq!(departments.number(0, 2).unwrap(), Some(42.0));
    assert_eq!(departments.date(1, 3).unwrap().unwrap().iso(), "2020-07-15");
    assert_eq!(data.tables["plan"].number(1, 1).unwrap(), Some(1200.0));
    assert_eq!(data.projects["erp"].budget.len(), 3);
}

#[test]
fn project_tables_may_be_workbooks() {
    let site = Site::fixture("basic");
    site.remove("content/projects/erp/budget.csv");
    std::fs::copy(
        site.root().join("data/departments.xlsx"),
        site.root().join("content/projects/erp/budget.xlsx"),
    )
    .unwrap();
    // The first sheet has no `period` column: the error names the file.
    let m = site.build_err();
    assert!(m.contains("content/projects/erp/budget.xlsx"), "{m}");
    assert!(m.contains("no column `period`"), "{m}");
}

#[test]
fn links_to_generated_pages_resolve() {
    let site = Site::fixture("basic");
    site.write(
        "content/practices/links.md",
        "---\ntitle: 链接\n---\n\n[仪表盘](/dashboard/) [标签](/tags/供应商/) [类别](/categories/) [评审](/reviews/)\n",
    );
    site.build_ok();
    let html = site.read("practices/links/index.html");
    for href in [
        "../../dashboard/",
        "../../tags/供应商/",
        "../../categories/",
        "../../reviews/",
    ] {
        assert!(html.contains(&format!("href=\"{href}\"")), "{href}");
    }
}

#[test]
fn the_search_index_is_built_unless_turned_off() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{config}search = false\n"));
    site.build_ok();
    assert!(
        !site.exists("search/meta.js"),
        "search = false writes no index"
    );
    assert!(
        !site.read("index.html").contains("site-search-q"),
        "and no box"
    );
    site.write("site.toml", config);
    site.build_ok();
    assert!(
        site.read("index.html").contains("site-search-q"),
        "on by default"
    );
    let meta = site.read("search/meta.js");
    assert!(meta.starts_with("_pmo(\"meta\",{\"v\":11,"), "{meta}");
    assert!(site.exists("search/s/0.js"));
    assert!(site.exists("search/d/0.js"));
    // The rows, a few documents a chunk.
    let docs: String = (0..)
        .map(|k| format!("search/d/{k}.js"))
        .take_while(|chunk| site.exists(chunk))
        .map(|chunk| site.read(&chunk))
        .collect();
    assert!(docs.contains("供应商交付延期导致里程碑滑移"));
    // Every shard and word file is valid JavaScript data: a call with a JSON object.
    for dir in ["s", "w"] {
        for n in 0..16 {
            let shard = site.read(&format!("search/{dir}/{n}.js"));
            let json = shard
                .strip_prefix(&format!("_pmo(\"{dir}/{n}\","))
                .and_then(|s| s.strip_suffix(");\n"))
                .unwrap_or_else(|| panic!("{dir}/{n}: {shard}"));
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            assert!(value.is_object());
        }
    }
}

#[test]
fn risk_status_words_are_shown_in_the_site_language() {
    let site = Site::fixture("basic");
    site.build_ok();
    let html = site.read("projects/erp/index.html");
    let row = html
        .split("<tr>")
        .find(|r| r.contains("供应商延期, 接口"))
        .expect("the risk row");
    assert!(row.contains(">未关闭<"), "{row}");
    assert!(!row.contains(">open<"), "{row}");
    // A word of the register's own stays as written.
    site.write(
        "content/projects/erp/risks.csv",
        "id,title,probability,impact,owner,status,response\nR1,接口,4,5,张伟,待评估,每周检查\n",
    );
    site.build_ok();
    assert!(site.read("projects/erp/index.html").contains(">待评估<"));
}

/// One tag written three ways on one page (`RACI`, `raci`, full-width `ＲＡＣＩ`) is one
/// tag: the page showed three chips that all led to `tags/raci/`.
#[test]
fn a_tag_repeated_in_other_case_or_width_is_shown_once() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/raci-twice.md",
        "---\ntitle: 职责矩阵写了三遍\ndate: 2024-05-01\nproject: erp\ncategory: 治理\nphase: planning\nimpact: negative\ntags: [RACI, raci, ＲＡＣＩ, 启动]\n---\n\n正文。\n",
    );
    site.build_ok();
    let page = site.read("lessons/raci-twice/index.html");
    let chips = page.matches("tags/raci/").count();
    assert_eq!(chips, 1, "{page}");
    let at = page.find("tags/raci/").unwrap();
    assert!(
        page[at..at + 80].contains("RACI"),
        "the first spelling is kept: {}",
        &page[at..at + 80]
    );
    assert!(page.contains("tags/启动/") || page.contains("%E5%90%AF%E5%8A%A8"));
    let tag = site.read("tags/raci/index.html");
    assert_eq!(tag.matches("lessons/raci-twice/").count(), 1, "{tag}");
}

/// A project without reported costs has no actual cost or earned value: its page says
/// so rather than showing 0, which a reader takes for "nothing spent yet".
#[test]
fn a_project_without_reported_costs_shows_none_rather_than_zero() {
    let site = Site::fixture("basic");
    // Periods planned, none reported yet: the usual state of a project just started.
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,1000000,,\n2024-02,1000000,,\n",
    );
    site.build_ok();
    let page = site.read("projects/erp/index.html");
    let at = page.find("累计实际成本").expect("the spent card is shown");
    let card = &page[at..at + page[at..].find("</li>").unwrap()];
    assert!(card.contains("—"), "{card}");
    assert!(!card.contains(">0 <"), "{card}");
    assert!(
        !card.contains("挣值"),
        "no earned value without a report: {card}"
    );
    assert!(!card.contains('%'), "no share of the budget: {card}");
}

/// A heading named like an element of the theme (`## Main`, the skip link's target;
/// `## Chart 1`, a drawing's figure) gets an id of its own: two elements of one id are
/// invalid HTML, and the skip link or the chart's label would lead to the heading.
#[test]
fn a_heading_never_takes_an_id_the_theme_uses_on_the_page() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/ids.md",
        "---\ntitle: 编号冲突\n---\n\n## Main\n\n正文。\n\n## Chart 1\n\n\
         ```chart\ntype = \"bar\"\ndata = \"projects/erp/budget\"\nx = \"period\"\ny = \"pv\"\n```\n\n\
         ## 见 {#toc-title}\n\n[回到正文](#main-1)\n",
    );
    site.build_ok();
    let page = site.read("reports/ids/index.html");
    let mut ids: Vec<&str> = page
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    ids.sort_unstable();
    let twice: Vec<&&str> = ids
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| &w[0])
        .collect();
    assert!(twice.is_empty(), "ids used twice: {twice:?}");
    assert!(page.contains("<h2 id=\"main-1\">"), "{page}");
    assert!(page.contains("<h2 id=\"chart-1-1\">"), "{page}");
}

/// A page written in English on a Chinese portal (and a Chinese one on an English portal)
/// has its title and text marked with their language, so a screen reader switches voice;
/// the portal's own labels around them keep the site's. A Chinese page quoting English
/// terms is Chinese, and is not marked.
#[test]
fn a_page_in_another_language_than_the_site_is_marked_as_such() {
    let english = "---\ntitle: Vendor management\n---\n\nVendor management covers how the \
                   project selects, contracts and monitors its suppliers, and how a delay \
                   that threatens a milestone is escalated.\n";
    let chinese = "---\ntitle: 供应商管理\n---\n\n供应商管理包括选择、签约和监控供应商，\
                   以及威胁里程碑的延期如何上报；ERP 项目的 SPI 每月复核。\n";
    let site = Site::fixture("basic");
    site.write("content/practices/vendor-en.md", english);
    site.write("content/practices/vendor-zh.md", chinese);
    site.build_ok();
    let page = site.read("practices/vendor-en/index.html");
    assert!(page.contains("<html lang=\"zh-CN\">"), "{page}");
    assert!(
        page.contains("<h1 lang=\"en\">Vendor management</h1>"),
        "{page}"
    );
    assert!(page.contains("class=\"doc-body\" lang=\"en\""), "{page}");
    let page = site.read("practices/vendor-zh/index.html");
    assert!(!page.contains(" lang=\"en\""), "{page}");
    assert!(!page.contains("<h1 lang="), "{page}");

    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        config.replace("language = \"zh-CN\"", "language = \"en\""),
    );
    site.build_ok();
    let page = site.read("practices/vendor-zh/index.html");
    assert!(
        page.contains("<h1 lang=\"zh-CN\">供应商管理</h1>"),
        "{page}"
    );
    let page = site.read("practices/vendor-en/index.html");
    assert!(!page.contains("<h1 lang="), "{page}");
}

/// The "page not found" page marked Home as the page the reader was on (its address is
/// empty, as the home page's): highlighted in the menu and `aria-current` for a screen
/// reader, at whatever address was missing. No menu entry is current there.
#[test]
fn the_not_found_page_marks_no_menu_entry_current() {
    let site = Site::fixture("basic");
    site.build_ok();
    let page = site.read("404.html");
    assert!(page.contains("<nav class=\"site-nav\""), "{page}");
    assert!(!page.contains("aria-current"), "{page}");
    assert!(!page.contains("class=\"active\""), "{page}");
    assert!(site.read("index.html").contains("aria-current"));
}

/// Listed, an English lesson on a Chinese portal kept no mark of its language: the home
/// page, its section and the lessons register read its title and summary with Chinese
/// sounds. The list marks them as the page itself does; a Chinese lesson beside it is
/// not marked.
#[test]
fn a_listed_page_in_another_language_is_marked_as_such() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/vendor-sla-en.md",
        "---\ntitle: Vendor contract had no response time\ndate: 2024-06-03\nproject: erp\n\
         phase: execution\nimpact: negative\nsummary: The integration vendor took three \
         working days to answer a blocking defect.\n---\n\nThe contract named deliverables \
         but no response time, so a blocking defect waited three working days for an \
         engineer.\n",
    );
    site.build_ok();
    let home = site.read("index.html");
    assert!(
        home.contains("class=\"summary-title\" lang=\"en\"><a href=\"./lessons/vendor-sla-en/\">"),
        "{home}"
    );
    assert!(
        home.contains("<p class=\"summary-text\" lang=\"en\">The integration vendor"),
        "{home}"
    );
    let register = site.read("lessons/index.html");
    assert!(
        register
            .contains("<td class=\"col-title\" lang=\"en\"><a href=\"../lessons/vendor-sla-en/\">"),
        "{register}"
    );
    assert_eq!(
        register.matches("class=\"col-title\" lang=").count(),
        1,
        "{register}"
    );
}

/// A site changes the theme's colours in its own `static/css/custom.css`, loaded after
/// the theme's `style.css`, without copying (and forking) the whole stylesheet.
#[test]
fn a_sites_custom_css_is_loaded_after_the_themes_stylesheet() {
    let site = Site::fixture("basic");
    site.build_ok();
    let html = site.read("lessons/vendor-delay/index.html");
    let style = html
        .find("href=\"../../css/style.css\"")
        .expect("style.css linked");
    let custom = html
        .find("href=\"../../css/custom.css\"")
        .expect("custom.css linked");
    assert!(style < custom, "custom.css comes after style.css");
    assert!(site
        .read("css/custom.css")
        .contains("static/css/custom.css"));

    let own = ":root { --header-bg: #7a1f1f; } /* 品牌色 */\n";
    site.write("static/css/custom.css", own);
    site.build_ok();
    assert_eq!(site.read("css/custom.css"), own);
    assert!(site.read("css/style.css").contains("--header-bg: #15324f"));
}

/// A link's query string (`?tab=risks`, a raw `<a href="…?a=1&amp;b=2">`) was dropped
/// when its page was resolved: it reaches the built page, escaped, before the anchor.
#[test]
fn a_links_query_string_is_kept() {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"门户\"\nlanguage = \"zh-CN\"\nbase_url = \"https://pmo.example.org/\"\n",
    );
    site.write(
        "content/practices/target.md",
        "---\ntitle: 目标\ndate: 2024-05-01\n---\n\n## 背景\n\n正文。\n",
    );
    site.write(
        "content/practices/from.md",
        "---\ntitle: 来源\ndate: 2024-05-01\n---\n\n见 [目标](target.md?tab=risks#背景)、\
         <a href=\"target.md?a=1&amp;b=2\">原始链接</a> 和 [目标](target.md)。\n",
    );
    site.build_ok();
    let html = site.read("practices/from/index.html");
    assert!(
        html.contains("href=\"../../practices/target/?tab=risks#背景\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"../../practices/target/?a=1&amp;b=2\""),
        "{html}"
    );
    assert!(html.contains("href=\"../../practices/target/\""), "{html}");
}

/// A page whose body raised only warnings (a link with a space, an image from another
/// host) was dropped from the site: its warnings printed, the build a success, the page
/// gone, and every link to it broken.
#[test]
fn a_page_with_only_warnings_is_published() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/warned.md",
        "---\ntitle: 有警告的页面\ndate: 2024-03-01\n---\n\n正文 [链接](some page) 文字。\n\n![远程](https://example.com/x.png)\n",
    );
    let report = site.build_ok();
    assert!(report.warnings.len() >= 2, "{:?}", report.warnings);
    let html = site.read("reports/warned/index.html");
    assert!(html.contains("有警告的页面"), "{html}");
}

/// Security hunt 6: an attachment at `content/search/m/0.js` was published beside the
/// search index, whose files the search box loads as scripts. With search on, nothing
/// of the author's may be published under /search/.
#[test]
fn no_authored_file_is_published_in_the_search_index_folder() {
    let site = Site::fixture("basic");
    // Trusted: without it any `.js` under content/ is refused (`tests/injection_16.rs`).
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("trust_html = true\n{config}"));
    site.write("content/search/m/0.js", "alert(document.domain)");
    site.write("static/search/notes.txt", "笔记");
    let m = site.build_err();
    for file in ["content/search/m/0.js", "static/search/notes.txt"] {
        assert!(
            m.contains(&format!(
                "{file}: this file would be published under /search/"
            )),
            "{file}: {m}"
        );
    }
    // Without search the folder is the author's.
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("search = false\n{config}"));
    site.build_ok();
    assert!(site.exists("search/notes.txt"));
}
