//! A page kept for an audience above the lowest says so under its title, in every
//! site that shows it: a steering-committee reader forwarding a page, or printing it,
//! saw nothing telling it apart from what everyone may read.

mod common;

use common::{messages, Site};
use pmo_portal::{DefaultAudience, Options, Scope, Workspace};

const SITE_TOML: &str = r#"title = "受众标记门户"
base_url = "https://intranet.example.com/pmo/"
language = "zh-CN"
audiences = ["public", "internal", "steering"]

[audience_defaults]
"reviews/confidential" = "steering"
"#;

fn site() -> Site {
    let site = Site::empty();
    site.write("site.toml", SITE_TOML);
    site.write("content/_index.md", "---\ntitle: 首页\n---\n\n欢迎。\n");
    site.write(
        "content/practices/plan.md",
        "---\ntitle: 计划编制规范\n---\n\n计划要经评审。\n",
    );
    site.write(
        "content/lessons/vendor.md",
        "---\ntitle: 供应商延期的教训\ndate: 2024-05-01\nproject: mes\nphase: execution\nimpact: negative\naudience: internal\n---\n\n\
         供应商两次推迟交货。\n",
    );
    site.write(
        "content/projects/mes/index.md",
        "---\ntitle: MES 一期\ncode: PRJ-2024-001\nstatus: active\nbac: 1200000\naudience: internal\n---\n\n制造执行系统。\n",
    );
    site.write(
        "content/reviews/confidential/erp.md",
        "---\ntitle: ERP 项目收尾评审\ndate: 2024-06-30\nproject: mes\ntype: closure\n---\n\n超支原因分析。\n",
    );
    site
}

const NOTE: &str = "class=\"restricted-note\"";

fn note_of(html: &str) -> Option<&str> {
    let at = html.find(NOTE)?;
    Some(&html[at..at + html[at..].find("</p>").unwrap_or(0)])
}

#[test]
fn a_page_above_the_lowest_audience_is_marked_with_the_audience_it_is_kept_for() {
    let site = site();
    site.build_all_audiences();
    // What everyone may read is never marked, whoever's site it is in.
    for audience in ["public", "internal", "steering"] {
        let plan = site.read(&format!("{audience}/practices/plan/index.html"));
        assert!(note_of(&plan).is_none(), "{audience}: {plan}");
    }
    for audience in ["internal", "steering"] {
        for page in ["lessons/vendor/index.html", "projects/mes/index.html"] {
            let html = site.read(&format!("{audience}/{page}"));
            let note = note_of(&html).unwrap_or_else(|| panic!("{audience}/{page} unmarked"));
            assert!(note.contains("受限"), "{note}");
            assert!(note.contains("仅 internal 及以上受众可见"), "{note}");
        }
    }
    // By its folder's default, not its front matter.
    let review = site.read("steering/reviews/confidential/erp/index.html");
    let note = note_of(&review).expect("the steering review is marked");
    assert!(note.contains("仅 steering 及以上受众可见"), "{note}");
    // The lowest audience's site holds none of them, so no mark and no audience name.
    for page in common::html_pages(&site.public().join("public")) {
        let html = site.read(&format!("public/{page}"));
        assert!(note_of(&html).is_none(), "{page}");
    }
}

#[test]
fn an_english_site_marks_the_page_in_english() {
    let site = site();
    site.write(
        "site.toml",
        SITE_TOML.replace("language = \"zh-CN\"", "language = \"en\""),
    );
    site.build_audience("internal");
    let html = site.read("lessons/vendor/index.html");
    let note = note_of(&html).expect("marked");
    assert!(note.contains(">Restricted<"), "{note}");
    assert!(
        note.contains("Only the internal audience and above may see this page"),
        "{note}"
    );
}

/// `serve` patches an edited page in without filtering the whole site again: the mark
/// must survive the patch.
#[test]
fn an_edit_of_a_marked_page_while_serving_keeps_its_mark() {
    let site = site();
    let mut options = Options::new(site.root());
    options.default_audience = DefaultAudience::Highest;
    let (mut workspace, _) = match Workspace::open(options.clone()) {
        Ok(w) => w,
        Err(f) => panic!("{}", messages(&f)),
    };
    site.write(
        "content/lessons/vendor.md",
        "---\ntitle: 供应商延期的教训\ndate: 2024-05-01\nproject: mes\nphase: execution\nimpact: negative\naudience: internal\n---\n\n\
         供应商两次推迟交货，改为按周跟踪。\n",
    );
    let rebuilt = match workspace.rebuild([site.root().join("content/lessons/vendor.md")]) {
        Ok(r) => r,
        Err(f) => panic!("{}", messages(&f)),
    };
    assert!(
        matches!(rebuilt.scope, Scope::Pages(_)),
        "{:?}",
        rebuilt.scope
    );
    // What the patch left owed (the search index), paid as serve does between saves.
    if let Err(f) = workspace.settle_all() {
        panic!("{}", messages(&f));
    }
    let held = workspace.files();
    let files = pmo_portal::read_files(&held);
    let html = String::from_utf8(files["lessons/vendor/index.html"].to_vec()).unwrap();
    assert!(html.contains("改为按周跟踪"), "the edit is in");
    let note = note_of(&html).expect("still marked after the patch");
    assert!(note.contains("仅 internal 及以上受众可见"), "{note}");
    common::assert_clean(&workspace, options, "a body edit of a marked page");
}
