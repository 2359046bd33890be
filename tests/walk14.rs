//! The fourteenth new-user walk-through: what a user following the README from a fresh
//! `pmo init` tripped over — search results dated another way than the rest of the
//! site, a CPI axis reading `0.98` beside `1`, empty cells in the projects table, a
//! check summary counting "94 files" without saying which, and a 404 page that lost
//! its styles when opened from the file system.

mod common;

use std::path::{Path, PathBuf};

use common::{pmo, search_client, stderr, Site};

/// A fresh site made by `pmo init --lang LANG` in a temp folder.
fn init(lang: &str) -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("门户 site");
    let out = pmo(&["init", "--lang", lang, dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    (home, dir)
}

fn build(dir: &Path) -> String {
    let out = pmo(&["build", "--root", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    stderr(&out)
}

/// A search result's date reads as every other date of the site: `5 March 2024` on an
/// English site, `2024年3月5日` on a Chinese one (both showed `2024-03-05`), while its
/// `<time datetime>` keeps the ISO date.
#[test]
fn search_results_show_dates_in_the_sites_format() {
    for (language, shown) in [("en", "5 March 2024"), ("zh-CN", "2024年3月5日")] {
        let site = Site::empty();
        site.write(
            "site.toml",
            format!("title = \"PMO\"\nlanguage = \"{language}\"\nsearch = true\n"),
        );
        site.write(
            "content/practices/gate.md",
            "---\ntitle: 阶段关口评审 gate review\ndate: 2024-03-05\n---\n\n每个阶段结束前召开关口评审 gate review。\n",
        );
        site.build_ok();
        let r = search_client(&site, &serde_json::json!(["gate"]));
        let first = &r[0]["results"][0];
        assert_eq!(first["date"], "2024-03-05", "{language}: {first}");
        assert_eq!(first["dateShown"], shown, "{language}: {first}");
        let page = site.read("practices/gate/index.html");
        assert!(
            page.contains(shown),
            "{language}: the page itself shows {shown}"
        );
    }
}

/// The tick labels of every chart's value axis (`text-anchor="end"` at the left edge).
fn value_axes(html: &str) -> Vec<Vec<String>> {
    html.split("<svg")
        .skip(1)
        .map(|svg| {
            let svg = &svg[..svg.find("</svg>").unwrap_or(svg.len())];
            svg.split("<text ")
                .skip(1)
                .filter(|t| t.contains("x=\"66\"") && t.contains("text-anchor=\"end\""))
                .filter_map(|t| {
                    let label = &t[t.find('>')? + 1..t.find("</text>")?];
                    Some(label.to_string())
                })
                .filter(|l| l.chars().all(|c| c.is_ascii_digit() || c == '.'))
                .collect::<Vec<_>>()
        })
        .filter(|axis| axis.len() > 1)
        .collect()
}

/// The CPI/SPI chart of the starter project labels its axis `0.96 0.98 1.00`, not
/// `0.96 0.98 1`: one count of decimals per axis.
#[test]
fn a_chart_axis_writes_every_tick_with_the_same_decimals() {
    let (_home, dir) = init("en");
    build(&dir);
    let html = std::fs::read_to_string(dir.join("public/projects/pilot/index.html")).unwrap();
    let axes = value_axes(&html);
    assert!(!axes.is_empty(), "no chart axis found");
    assert!(
        axes.iter().any(|a| a.iter().any(|l| l.starts_with("0.9"))),
        "{axes:?}"
    );
    for axis in &axes {
        let decimals: Vec<usize> = axis
            .iter()
            .map(|l| l.split_once('.').map_or(0, |(_, f)| f.len()))
            .collect();
        assert!(
            decimals.windows(2).all(|w| w[0] == w[1]),
            "ticks with different decimals: {axis:?}"
        );
    }
}

/// A project without a manager, department or code shows a dash in those columns of the
/// projects table (and a risk without an owner in the risk register), never an empty
/// cell that reads as a rendering fault.
#[test]
fn missing_project_facts_show_a_dash_not_an_empty_cell() {
    let (_home, dir) = init("en");
    std::fs::create_dir_all(dir.join("content/projects/bare")).unwrap();
    std::fs::write(
        dir.join("content/projects/bare/index.md"),
        "---\ntitle: 仓库搬迁 Warehouse move\nstatus: active\n---\n\nMoving the warehouse.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("content/projects/bare/risks.csv"),
        "id,title,probability,impact,owner,status,response\nR1,叉车不足,3,4,,,\n",
    )
    .unwrap();
    build(&dir);
    let list = std::fs::read_to_string(dir.join("public/projects/index.html")).unwrap();
    let row = list
        .split("<tr")
        .find(|r| r.contains("Warehouse move"))
        .expect("the project's row");
    for empty in [
        "<td class=\"mono nowrap\"></td>",
        "<td class=\"col-wrap\"></td>",
        "<td class=\"col-wrap col-dept\"></td>",
    ] {
        assert!(!row.contains(empty), "{empty} in {row}");
    }
    let page = std::fs::read_to_string(dir.join("public/projects/bare/index.html")).unwrap();
    let risk = page
        .split("<tr")
        .find(|r| r.contains("叉车不足"))
        .expect("the risk's row");
    assert!(!risk.contains("\"></td>"), "{risk}");
    assert!(risk.contains("<td class=\"nowrap\">—</td>"), "{risk}");
}

/// `pmo check`'s last line says what its count of files is: those a build would write
/// (pages, listings, feeds, stylesheets, search index), not files it read or wrote.
#[test]
fn the_check_summary_says_what_its_files_are() {
    let (_home, dir) = init("en");
    let out = pmo(&["check", "--root", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("checked 7 pages ("), "{err}");
    assert!(
        err.contains(
            "files a build would write with the listings, feeds, stylesheets and search index"
        ),
        "{err}"
    );
    let built = build(&dir);
    assert!(
        built.contains("files written with the listings, feeds, stylesheets and search index"),
        "{built}"
    );
}

/// Opened from the file system (`public/404.html` double-clicked, or on a file share),
/// the "page not found" page finds its stylesheets: one of its `<link rel=stylesheet>`
/// addresses, resolved as a browser resolves it against the file, is a file of the
/// site. Its absolute addresses (for a web server) led to the disk's root.
#[test]
fn the_404_page_opened_from_the_file_system_finds_its_styles() {
    let (_home, dir) = init("zh");
    build(&dir);
    let public = dir.join("public");
    let html = std::fs::read_to_string(public.join("404.html")).unwrap();
    let found: Vec<PathBuf> = html
        .split("<link rel=\"stylesheet\" href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| match href.strip_prefix('/') {
            Some(abs) => PathBuf::from("/").join(abs),
            None => public.join(href),
        })
        .filter(|p| p.is_file())
        .collect();
    assert!(
        found.iter().any(|p| p.ends_with("css/style.css")),
        "no stylesheet reachable from file://: {found:?}"
    );
    assert!(
        found.iter().any(|p| p.ends_with("css/custom.css")),
        "{found:?}"
    );
    // A web server still gets the absolute ones, first.
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/css/style.css\">"));
}

/// The same in Chromium: `404.html` opened from the file system, in a frame of a driver
/// page beside it (its script a file, as the site's pages allow no inline script), has
/// the header's colour and the theme's fonts; unstyled, the header was transparent.
#[test]
fn the_404_page_from_the_file_system_is_styled_in_chromium() {
    let (_home, dir) = init("en");
    build(&dir);
    let public = dir.join("public");
    std::fs::write(
        public.join("w14-driver.html"),
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>driver</title></head><body>\
         <iframe id=\"f\" src=\"404.html\" width=\"800\" height=\"600\"></iframe>\
         <script src=\"w14-probe.js\"></script></body></html>",
    )
    .unwrap();
    std::fs::write(
        public.join("w14-probe.js"),
        "var f = document.getElementById('f');\n\
         f.onload = function () {\n\
           var d = f.contentDocument, w = f.contentWindow, out;\n\
           try {\n\
             out = { header: w.getComputedStyle(d.querySelector('.site-header')).backgroundColor,\n\
                     font: w.getComputedStyle(d.body).fontFamily };\n\
           } catch (e) { out = { error: String(e) }; }\n\
           document.body.setAttribute('data-probe', JSON.stringify(out));\n\
         };\n",
    )
    .unwrap();
    let url = format!("file://{}", public.join("w14-driver.html").display());
    let probe =
        common::chromium_probe_with(&url, "900,700", 5_000, &["--allow-file-access-from-files"]);
    let seen: serde_json::Value =
        serde_json::from_str(&probe).unwrap_or_else(|e| panic!("{e}: {probe}"));
    let header = seen["header"].as_str().unwrap_or_default();
    assert!(
        !header.is_empty() && header != "rgba(0, 0, 0, 0)",
        "the header is unstyled: {seen}"
    );
    assert!(
        seen["font"]
            .as_str()
            .unwrap_or_default()
            .contains("system-ui"),
        "{seen}"
    );
}

/// The README's first steps make the project before the lesson and the review that name
/// it, so that each command works, and builds, when run in that order.
#[test]
fn the_readme_makes_the_project_before_what_names_it() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let at = |needle: &str| {
        readme
            .find(needle)
            .unwrap_or_else(|| panic!("README lacks {needle}"))
    };
    let project = at("pmo new project \"ERP 升级\"");
    assert!(project < at("pmo new lesson \"供应商交付延期导致里程碑滑移\""));
    assert!(project < at("pmo new review \"ERP 升级收尾评审\""));
}

/// The examples at the end of a command's `--help`: the lines under `Examples:` that
/// start with `pmo `, as words (quotes kept together).
fn help_examples(args: &[&str]) -> Vec<Vec<String>> {
    let mut with_help = args.to_vec();
    with_help.push("--help");
    let out = pmo(&with_help);
    assert!(out.status.success(), "{}", stderr(&out));
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    let examples = help
        .split_once("Examples:")
        .unwrap_or_else(|| panic!("`pmo {}` has no examples:\n{help}", args.join(" ")))
        .1;
    examples
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pmo "))
        .map(|l| {
            l.split('"')
                .enumerate()
                .flat_map(|(i, part)| {
                    if i % 2 == 1 {
                        vec![part.to_string()]
                    } else {
                        part.split_whitespace().map(str::to_string).collect()
                    }
                })
                .collect()
        })
        .collect()
}

/// Every command's `--help` ends with examples, and those that need no file of their
/// own (a workbook, an export) or a running server work as written, in order, in a site
/// `pmo init` made; `pmo --help` shows the first steps.
#[test]
fn every_commands_help_has_examples_that_run() {
    let top = String::from_utf8_lossy(&pmo(&["--help"]).stdout).into_owned();
    assert!(
        top.contains("pmo init pmo-portal") && top.contains("pmo help COMMAND"),
        "{top}"
    );
    for command in [
        &["serve"][..],
        &["import", "lessons"],
        &["import", "projects"],
        &["import", "milestones"],
        &["import", "risks"],
        &["import", "html"],
    ] {
        assert!(!help_examples(command).is_empty(), "{command:?}");
    }
    let home = tempfile::tempdir().unwrap();
    for example in help_examples(&["init"]) {
        let args: Vec<&str> = example.iter().map(String::as_str).collect();
        let dir = home.path().join(format!("{}", args.len()));
        std::fs::create_dir(&dir).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
            .args(&args)
            .current_dir(&dir)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "pmo {args:?}: {}", stderr(&out));
    }
    let (_site_home, site) = init("en");
    // `new` last: its drafts are warnings, which `--deny-warnings` fails on.
    for command in [
        &["build"][..],
        &["check"],
        &["schema"],
        &["report", "hygiene"],
        &["new"],
    ] {
        let examples = help_examples(command);
        assert!(!examples.is_empty(), "{command:?}");
        for example in examples {
            let args: Vec<&str> = example.iter().map(String::as_str).collect();
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
                .args(&args)
                .current_dir(&site)
                .env("NO_COLOR", "1")
                .env("PMO_LANG", "en")
                .output()
                .unwrap();
            assert!(out.status.success(), "pmo {args:?}: {}", stderr(&out));
        }
    }
}

/// An export page: its breadcrumbs (the space, then the pages above it, as file names)
/// and a body.
fn confluence_page(title: &str, above: &[&str]) -> String {
    let crumbs: String = above
        .iter()
        .map(|f| format!("<li><span><a href=\"{f}\">{f}</a></span></li>"))
        .collect();
    format!(
        "<!DOCTYPE html><html><head><title>PMO 知识库 : {title}</title></head><body>\
         <div id=\"breadcrumb-section\"><ol id=\"breadcrumbs\"><li class=\"first\"><span>\
         <a href=\"index.html\">PMO 知识库</a></span></li>{crumbs}</ol></div>\
         <div id=\"main-content\" class=\"wiki-content group\"><p>{title}的正文。</p></div>\
         </body></html>"
    )
}

/// `pmo import html` writes a space's pages side by side; pages that stood below a
/// sub-page in Confluence's tree are told once, at the export's index.html, naming one
/// and where they went. Children of the home page alone are not (a folder would keep
/// nothing more). It said nothing, and the tree was gone without a word.
#[test]
fn an_import_that_flattens_confluence_s_tree_says_so() {
    let export = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(export.path().join(name), text).unwrap();
    write(
        "index.html",
        "<html><body><ul><li>PMO</li></ul></body></html>",
    );
    write("1.html", &confluence_page("知识库首页", &[]));
    write("2.html", &confluence_page("采购管理", &["1.html"]));
    write(
        "3.html",
        &confluence_page("供应商评估", &["1.html", "2.html"]),
    );
    let (_home, dir) = init("zh");
    let root = dir.to_str().unwrap();
    let args = [
        "--root",
        root,
        "import",
        "html",
        export.path().to_str().unwrap(),
        "--into",
        "kb",
        "--dry-run",
    ];
    let err = stderr(&pmo(&args));
    assert!(
        err.contains("Confluence's page tree is not kept: 1 page(s)"),
        "{err}"
    );
    assert!(err.contains("`供应商评估` under `采购管理`"), "{err}");
    assert!(err.contains("index.html"), "{err}");
    let zh = stderr(&common::pmo_in("zh-CN", &args));
    assert!(zh.contains("不保留 Confluence 的页面树"), "{zh}");

    std::fs::remove_file(export.path().join("3.html")).unwrap();
    let err = stderr(&pmo(&args));
    assert!(!err.contains("page tree"), "{err}");
}
