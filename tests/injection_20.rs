//! Hostile sites, the twentieth hunt: columns after a character the build drops, bad
//! links hidden in tables, writers led through symbolic links, and the outputs earlier
//! rounds did not load in a browser (feeds, the 404 page, `pmo serve`'s own pages).

mod common;

use common::Site;

/// A link's place as `pmo check --format json` and the terminal report tell it.
fn places(site: &Site, link: &str) -> (String, String) {
    let root = site.root().to_str().unwrap();
    let json = common::pmo(&["--root", root, "check", "--format", "json"]);
    let json = String::from_utf8_lossy(&json.stdout).into_owned();
    let line = json
        .lines()
        .find(|l| l.contains(link))
        .unwrap_or_else(|| panic!("{link} not told: {json}"));
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    let from_json = format!("{}:{}", v["line"], v["column"]);
    let out = common::pmo(&["--root", root, "build"]);
    let text = common::stderr(&out);
    let block = text
        .split("\n\n")
        .find(|b| b.lines().next().is_some_and(|l| l.contains(link)))
        .unwrap_or_else(|| panic!("{link} not told: {text}"));
    let header = block.split("col.md:").nth(1).unwrap();
    let from_terminal = header[..header.find(']').unwrap()].to_string();
    assert!(
        !text.contains('\u{202E}'),
        "an override reached the terminal: {text}"
    );
    (from_json, from_terminal)
}

/// Loading drops U+FFFE and its kind from every text, and the report's excerpt writes a
/// control character as one `?` per byte: each place after one on its line was counted
/// in the text so changed, one column short after a noncharacter (JSON and terminal
/// alike) and one column long after U+0085 in the terminal, so an editor opened the
/// file beside the link. Both now count the file as written, and a right-to-left
/// override reaches the terminal as `?`, not turning the excerpt's line around.
#[test]
fn a_place_after_a_dropped_or_tamed_character_is_its_column_as_written() {
    let site = Site::fixture("basic");
    site.write(
        "content/col.md",
        "---\ntitle: 列\ndate: 2024-07-01\n---\n\n\
         甲\u{FFFE}乙 [坏](/不存在甲/) \u{85}\u{FFFF}\u{FDD0} [坏2](/不存在乙/)\n\n\
         丙\u{202E}丁 [坏3](/不存在丙/)\n",
    );
    let cases = [
        ("不存在甲", "6:5"),
        ("不存在乙", "6:21"),
        ("不存在丙", "8:5"),
    ];
    for (link, place) in cases {
        let (json, terminal) = places(&site, link);
        assert_eq!(json, place, "{link} (JSON)");
        assert_eq!(terminal, place, "{link} (terminal)");
    }
}

/// `jav&#x09;ascript:` is `javascript:` to a browser, which drops tabs and line breaks
/// from an address. Read by pmo as a path in the site, it was safe (the build failed on
/// it as a broken link) but told only once every other unsafe link was mended, since
/// broken links are looked for after them. Each is now an unsafe link, told with the
/// rest at once, its hidden character shown as its escape.
#[test]
fn a_hidden_script_address_in_a_table_is_told_with_the_other_unsafe_links() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/隐藏链接.md",
        "---\ntitle: 隐藏链接\ndate: 2024-07-01\n---\n\n[明显](javascript:alert(1))\n\n\
         | 项目 | 链接 |\n|---|---|\n| 甲 | [乙](jav&#x09;ascript:alert(2)) |\n\
         | 丙 | [丁](JAVA&#x0A;SCRIPT:alert(3)) |\n\n[戊](&#x01;javascript:alert(4))\n",
    );
    let told = site.build_err();
    for shown in [
        "`javascript:alert(1)`",
        "`jav\\tascript:alert(2)`",
        "`JAVA\\nSCRIPT:alert(3)`",
        "`\\u{1}javascript:alert(4)`",
    ] {
        assert!(
            told.lines()
                .any(|l| l.contains(shown) && l.contains("隐藏链接.md") && l.contains("unsafe")),
            "{shown} not told as unsafe:\n{told}"
        );
    }
    assert!(!told.contains("broken"), "{told}");
}

/// A one-page Confluence export whose page links the attachment `表.docx`.
fn export_with_attachment() -> tempfile::TempDir {
    let dir = common::import::one_page_export(
        "<p>见<a href=\"attachments/111/表.docx\">评估表</a>。</p>",
    );
    std::fs::write(
        dir.path().join("attachments/111/表.docx"),
        "PK\u{3}\u{4}新版",
    )
    .unwrap();
    dir
}

fn pmo_ok(args: &[&str]) -> String {
    let out = common::pmo(args);
    assert!(out.status.success(), "{}", common::stderr(&out));
    common::stderr(&out)
}

fn pmo_refused(args: &[&str]) -> String {
    let out = common::pmo(args);
    let err = common::stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("symbolic link"), "{err}");
    err
}

/// `pmo import html --force` wrote an attachment through a symbolic link standing at
/// its place, over the file it pointed to outside the site; a link there to nothing
/// was taken for a free place even without `--force`, and the file was made where it
/// pointed; a folder on the way that was a link took the pages outside. Each is now
/// refused before anything is written, the page beside it left as it was.
#[cfg(unix)]
#[test]
fn an_import_never_writes_through_a_symbolic_link() {
    use std::os::unix::fs::symlink;
    let site = Site::fixture("basic");
    let export = export_with_attachment();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.docx");
    std::fs::write(&victim, "作者的文件").unwrap();
    let root = site.root().to_str().unwrap();
    let exp = export.path().to_str().unwrap();
    let args = ["--root", root, "import", "html", exp, "--into", "库"];
    pmo_ok(&args);
    let attachment = site.root().join("content/库/附件页/表.docx");
    let page = site.root().join("content/库/附件页/index.md");
    std::fs::remove_file(&attachment).unwrap();
    symlink(&victim, &attachment).unwrap();
    std::fs::write(&page, "---\ntitle: 附件页\n---\n\n本地修改。\n").unwrap();
    let forced: Vec<&str> = args.iter().copied().chain(["--force"]).collect();
    pmo_refused(&forced);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "作者的文件");
    assert!(std::fs::read_to_string(&page).unwrap().contains("本地修改"));

    // A link to nothing: nothing is made where it points, with or without --force.
    let nowhere = outside.path().join("made.docx");
    std::fs::remove_file(&attachment).unwrap();
    symlink(&nowhere, &attachment).unwrap();
    std::fs::remove_file(&page).unwrap();
    common::pmo(&args);
    pmo_refused(&forced);
    assert!(!nowhere.exists());
    assert!(!page.exists());

    // A linked folder on the way.
    std::fs::remove_dir_all(site.root().join("content/库")).unwrap();
    symlink(outside.path(), site.root().join("content/库")).unwrap();
    pmo_refused(&forced);
    let mut left: Vec<_> = std::fs::read_dir(outside.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    left.sort();
    assert_eq!(left, ["victim.docx"]);
}

/// `pmo new` took a link to nothing at its page's place for a free place and wrote
/// the page where it pointed; `pmo import lessons` and `pmo init` wrote into a linked
/// folder. Each is refused, nothing written outside.
#[cfg(unix)]
#[test]
fn new_init_and_a_lessons_import_never_write_through_a_symbolic_link() {
    use std::os::unix::fs::symlink;
    let site = Site::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    let root = site.root().to_str().unwrap();
    let nowhere = outside.path().join("新页.md");
    symlink(&nowhere, site.root().join("content/lessons/供应商复盘.md")).unwrap();
    let out = common::pmo(&["--root", root, "new", "lesson", "供应商复盘"]);
    assert!(!out.status.success(), "{}", common::stderr(&out));
    assert!(!nowhere.exists());

    let csv = site.root().join("登记册.csv");
    std::fs::write(
        &csv,
        "标题,日期,项目,阶段,影响\n接口延期,2024-05-01,erp,执行,负面\n",
    )
    .unwrap();
    std::fs::remove_dir_all(site.root().join("content/lessons")).unwrap();
    symlink(outside.path(), site.root().join("content/lessons")).unwrap();
    pmo_refused(&["--root", root, "import", "lessons", csv.to_str().unwrap()]);
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);

    let fresh = tempfile::tempdir().unwrap();
    let made = fresh.path().join("新站");
    std::fs::create_dir_all(&made).unwrap();
    symlink(outside.path(), made.join("content")).unwrap();
    // `pmo init` refuses a folder holding anything: a link alone is something.
    let out = common::pmo(&["init", made.to_str().unwrap()]);
    assert!(!out.status.success(), "{}", common::stderr(&out));
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

/// Markup where no earlier round put it, in one site loaded whole in Chromium: every UI
/// string of the theme overridden by the site's `i18n/zh-CN.toml` (the facets' phase
/// and impact names reach the register's and the search page's scripts as data),
/// `site.toml`'s title and description (in every page's head, the feed and the 404
/// page), a page whose file name is markup (its address, the sitemap), and a chart's
/// labels, series and title from a data file's cells. Every page is loaded, hovered and
/// searched; nothing may run.
#[test]
fn ui_strings_site_settings_file_names_and_chart_labels_of_markup_run_nothing() {
    const P: &str = "<img src=x onerror=alert(1)>";
    let site = Site::fixture("basic");
    let strings = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/zh-CN.toml"),
    )
    .unwrap();
    let mut overrides = String::new();
    for line in strings.lines() {
        let Some((key, value)) = line.split_once(" = \"") else {
            continue;
        };
        if key.starts_with('#') || key == "date_format" {
            continue;
        }
        overrides.push_str(&format!(
            "{key} = \"<img src=x onerror=alert('{key}')>{value}\n"
        ));
    }
    site.write("i18n/zh-CN.toml", overrides);
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let toml: String = toml
        .lines()
        .map(|l| {
            if l.starts_with("title = ") {
                format!(
                    "title = {}",
                    common::hostile::quoted(&format!("门户\"></title>{P}"))
                )
            } else if l.starts_with("description = ") {
                format!(
                    "description = {}",
                    common::hostile::quoted(&format!("描述 {P}"))
                )
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    site.write("site.toml", toml + "\n");
    site.write(
        &format!("content/lessons/{P}.md"),
        common::hostile::lesson_with_every_field(
            &common::hostile::quoted(&format!("文件名页 {P}")),
            9,
            "正文。\n",
        ),
    );
    site.write(
        "data/恶意图.csv",
        format!(
            "名称,类别,数值\n{},{},1\n{},{},2\n",
            common::hostile::csv_cell(&format!("甲{P}")),
            common::hostile::csv_cell("<svg onload=alert(1)>"),
            common::hostile::csv_cell("乙\"><script>alert(1)</script>"),
            common::hostile::csv_cell("类'onmouseover='alert(1)"),
        ),
    );
    site.write(
        "content/reports/恶意图.md",
        format!(
            "---\ntitle: 恶意图\ndate: 2024-07-03\n---\n\n```chart\ntype = \"bar\"\ndata = \"恶意图\"\n\
             x = \"名称\"\ny = \"数值\"\nseries = \"类别\"\ntitle = {}\n```\n",
            common::hostile::quoted(&format!("图题{P}"))
        ),
    );
    // More lessons, each with its own tag and owner: the listings and tag pages.
    for n in 1..=12 {
        site.write(
            &format!("content/lessons/清单-{n}.md"),
            format!(
                "---\ntitle: 清单 {n}\ndate: 2024-06-{n:02}\nproject: erp\nphase: execution\n\
                 impact: positive\ntags: [清单标签{n}]\nowner: 负责人{n}\nsummary: 摘要 {n}\n---\n\n正文 {n}。\n"
            ),
        );
    }
    site.build_ok();
    for feed in ["atom.xml", "sitemap.xml"] {
        common::assert_well_formed(&site.read(feed));
    }
    common::hostile::assert_built_site_runs_no_script(&site, &["文件名页", "恶意图", "正面"]);
}

/// An export's attachment that is a symbolic link (an unzipped export may hold one) had
/// its target copied into the site, to be published: `表.docx → ../secret.txt` put a
/// file from outside the export at the page's side. Such a link is no attachment; the
/// page keeps the link's words and a warning says the file is not in the export.
#[cfg(unix)]
#[test]
fn an_exports_attachment_that_is_a_symbolic_link_is_not_copied() {
    let site = Site::fixture("basic");
    let export = export_with_attachment();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "口令 hunter2").unwrap();
    let attachment = export.path().join("attachments/111/表.docx");
    std::fs::remove_file(&attachment).unwrap();
    std::os::unix::fs::symlink(&secret, &attachment).unwrap();
    let root = site.root().to_str().unwrap();
    let exp = export.path().to_str().unwrap();
    pmo_ok(&["--root", root, "import", "html", exp, "--into", "库"]);
    let copied = site.root().join("content/库/附件页/表.docx");
    assert!(std::fs::symlink_metadata(&copied).is_err(), "copied");
    let written = walkdir::WalkDir::new(site.root().join("content/库"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .any(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("hunter2")));
    assert!(!written);
}

/// Links leaving the site under static/, content/ and data/: the first under static/
/// stopped the build alone, so an author mended one, built, and met the next. All are
/// told at once, and nothing is written.
#[cfg(unix)]
#[test]
fn every_link_leaving_the_site_is_told_at_once() {
    use std::os::unix::fs::symlink;
    let site = Site::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "口令").unwrap();
    let links = [
        "static/密钥.txt",
        "static/样式.css",
        "content/lessons/外链.md",
        "content/reports/附件.pdf",
        "data/外表.csv",
    ];
    for link in links {
        symlink(&secret, site.root().join(link)).unwrap();
    }
    let told = site.build_err();
    for link in links {
        assert!(told.contains(link), "{link} not told:\n{told}");
    }
    assert!(!site.public().exists());
}
