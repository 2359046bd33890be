//! The eleventh new-user walk-through: a PMO's knowledge base moved over from a Hugo
//! site (YAML and TOML front matter as Hugo writes it) and from a Confluence space
//! exported as Markdown. Each test is a place where she was stuck or misled.

mod common;

use common::{messages, Site};

/// The `basic` fixture with `files` written into it.
fn site_with(files: &[(&str, &str)]) -> Site {
    let site = Site::fixture("basic");
    for (rel, text) in files {
        site.write(rel, text);
    }
    site
}

/// A lesson as Hugo writes its front matter, `description:` for its summary.
const HUGO_LESSON: &str = "---\ntitle: 供应商交付延期的教训\ndescription: 核心系统供应商两次延期交付，导致 UAT 推迟三周。\ndate: 2025-03-10\nproject: erp\nphase: execution\nimpact: negative\n---\n\n正文第一段，不是摘要。\n";

/// Hugo's `description:` was an error on every page, "did you mean `summary`": with 300
/// pages moved in, 300 errors to fix by hand for a field that means the same. It is read
/// as the summary, in YAML and TOML, on lessons, practices and sections alike.
#[test]
fn hugo_description_is_the_summary() {
    let toml_practice = "+++\ntitle = \"变更控制委员会的节奏\"\ndescription = \"每两周一次 CCB 会议比每月一次更能控制范围蔓延。\"\nweight = 10\n+++\n\n正文。\n";
    let section = "---\ntitle: 风险管理\ndescription: 识别、评估与应对项目风险的做法。\n---\n";
    let site = site_with(&[
        ("content/lessons/vendor-2025.md", HUGO_LESSON),
        ("content/practices/ccb-cadence.md", toml_practice),
        ("content/practices/risk/_index.md", section),
    ]);
    site.build_ok();
    let lesson = site.read("lessons/vendor-2025/index.html");
    assert!(
        lesson.contains("class=\"lede\">核心系统供应商两次延期交付，导致 UAT 推迟三周。<"),
        "the description is the page's summary: {lesson}"
    );
    let practices = site.read("practices/index.html");
    assert!(
        practices.contains("每两周一次 CCB 会议比每月一次更能控制范围蔓延。"),
        "listed with its description"
    );
    assert!(
        practices.contains("识别、评估与应对项目风险的做法。"),
        "a section's description is its summary"
    );
}

/// Both written and the same is no mistake; both written and different is, told at the
/// description with which to keep.
#[test]
fn description_and_a_different_summary_is_an_error() {
    let same = HUGO_LESSON.replace(
        "date:",
        "summary: 核心系统供应商两次延期交付，导致 UAT 推迟三周。\ndate:",
    );
    let site = site_with(&[("content/lessons/vendor-2025.md", &same)]);
    site.build_ok();

    let differ = HUGO_LESSON.replace("date:", "summary: 另一段摘要。\ndate:");
    let site = site_with(&[("content/lessons/vendor-2025.md", &differ)]);
    let err = match site.build() {
        Ok(_) => panic!("a description and a different summary must fail"),
        Err(failure) => messages(&failure),
    };
    assert!(
        err.contains("vendor-2025.md:3:"),
        "at the description: {err}"
    );
    assert!(
        err.contains("description") && err.contains("summary"),
        "names both: {err}"
    );
}
