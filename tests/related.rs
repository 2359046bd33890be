//! Related lessons (issue 16 part 5): the sample portal's lesson and project pages show
//! what a PMO would expect (tests/fixtures/related_truth.toml, written before the
//! scoring), never a lesson of the same project, and nothing when nothing is alike.

mod common;

use std::collections::BTreeMap;

use common::Site;

/// The lessons (file stems) a page's related-lessons section links to, in order.
fn shown(html: &str) -> Vec<String> {
    let Some(start) = html.find("<section class=\"block related-lessons\"") else {
        return Vec::new();
    };
    let section = &html[start..];
    let section = &section[..section.find("</section>").unwrap()];
    common::links(section)
        .into_iter()
        .filter_map(|href| {
            let rest = &href[href.find("lessons/")? + "lessons/".len()..];
            Some(rest.trim_end_matches('/').to_string())
        })
        .collect()
}

#[derive(serde::Deserialize)]
struct Truth {
    lessons: BTreeMap<String, Expected>,
    projects: BTreeMap<String, Expected>,
}

#[derive(serde::Deserialize)]
struct Expected {
    expect: Vec<String>,
    #[serde(default)]
    avoid: Vec<String>,
}

/// Expectations of the truth file the scoring does not meet, as `page: lesson`. Each
/// relates by meaning rather than by shared tags or words (an office move is a physical
/// migration; a payroll parallel run is a rehearsal), which the scoring cannot see.
/// Kept here rather than taken out of the truth, so a better scoring shows up: a miss
/// that is found fails the test until it is taken off this list.
const KNOWN_MISSES: &[&str] = &[
    "lessons/crm-sales-champions: erp-key-user-network",
    "lessons/hr-payroll-parallel-run: erp-data-migration-rehearsal",
    "lessons/mes-pilot-line-first: dc-wave-planning",
    "projects/hr-self-service: erp-key-user-network",
    "projects/hr-self-service: erp-hypercare-support",
    "projects/office-relocation: dc-early-circuit-order",
    "projects/office-relocation: dc-change-freeze-communication",
    "projects/office-relocation: dc-asset-decommission-list",
];

#[test]
fn the_sample_shows_what_a_pmo_expects() {
    let truth: Truth = toml::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/related_truth.toml"),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(truth.lessons.len() >= 8 && truth.projects.len() >= 3);
    let site = Site::sample();
    site.build_ok();
    let mut misses = Vec::new();
    let (mut expected_total, mut found) = (0, 0);
    let mut check = |page: String, expected: &Expected, limit: usize| {
        let list = shown(&site.read(&format!("{page}/index.html")));
        assert!(list.len() <= limit, "{page}: {list:?}");
        for want in &expected.expect {
            expected_total += 1;
            let known = KNOWN_MISSES.contains(&format!("{page}: {want}").as_str());
            match (list.contains(want), known) {
                (true, false) => found += 1,
                (false, true) => {}
                (false, false) => {
                    misses.push(format!("{page}: `{want}` is not shown, got {list:?}"))
                }
                (true, true) => misses.push(format!(
                    "{page}: `{want}` is found now: take it off KNOWN_MISSES"
                )),
            }
        }
        for noise in &expected.avoid {
            if list.contains(noise) {
                misses.push(format!("{page}: `{noise}` is shown, got {list:?}"));
            }
        }
    };
    for (lesson, expected) in &truth.lessons {
        check(format!("lessons/{lesson}"), expected, 5);
    }
    for (project, expected) in &truth.projects {
        check(format!("projects/{project}"), expected, 6);
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
    assert_eq!(found + KNOWN_MISSES.len(), expected_total);
    eprintln!("related lessons: {found} of {expected_total} expected lessons shown");
}

#[test]
fn a_lesson_is_related_across_projects_with_its_reason() {
    let site = Site::sample_in("en");
    site.build_ok();
    let html = site.read("lessons/erp-interface-vendor-delay/index.html");
    let list = shown(&html);
    assert!(!list.is_empty());
    assert!(
        list.iter().all(|l| !l.starts_with("erp-")),
        "never the lesson's own project: {list:?}"
    );
    assert!(
        html.contains("Related lessons from other projects"),
        "{html}"
    );
    // The reason names the tags the two share, as the shown lesson spells them.
    assert!(html.contains("Shared tags: "), "{html}");
    assert!(html.contains("供应商"), "{html}");
    let project = site.read("projects/mes-smart-factory/index.html");
    assert!(
        project.contains("Lessons from similar projects"),
        "{project}"
    );
    assert!(
        project.contains("Similar project: <a href=\"../../projects/"),
        "{project}"
    );
    // The project's own lessons are listed as its own, not as related.
    assert!(shown(&project).iter().all(|l| !l.starts_with("mes-")));
}

/// Two projects whose lessons share nothing but a phase: neither lesson is shown with
/// the other, and the pages have no related section at all.
#[test]
fn nothing_alike_shows_nothing() {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"门户\"\nbase_url = \"https://pmo.example.com/\"\nlanguage = \"zh-CN\"\n",
    );
    site.write("content/_index.md", "---\ntitle: 首页\n---\n\n欢迎。\n");
    site.write(
        "content/projects/alpha/index.md",
        "---\ntitle: 甲项目\nstatus: closed\n---\n\n甲项目的概况。\n",
    );
    site.write(
        "content/projects/beta/index.md",
        "---\ntitle: 乙项目\nstatus: active\n---\n\n乙项目的概况。\n",
    );
    site.write(
        "content/lessons/alpha-cabling.md",
        "---\ntitle: 机房布线标签不全\ndate: 2024-03-01\nproject: alpha\nphase: execution\nimpact: negative\ntags: [布线]\n---\n\n线缆两端没有标签，排障时逐根追线。\n",
    );
    site.write(
        "content/lessons/beta-training.md",
        "---\ntitle: 财务人员培训提前一个月\ndate: 2024-05-01\nproject: beta\nphase: execution\nimpact: positive\ntags: [培训]\n---\n\n月结前完成培训，上线后差错很少。\n",
    );
    site.build_ok();
    for page in [
        "lessons/alpha-cabling/index.html",
        "lessons/beta-training/index.html",
        "projects/beta/index.html",
    ] {
        let html = site.read(page);
        assert!(!html.contains("related-lessons"), "{page}: {html}");
    }
}
