//! Long listings come in pages (issue 18): a practice section, the reviews archive and
//! each of its years, the projects list and each RAG status's list. Every item is on
//! exactly one page of its list, in order, and the pages link each other; the dashboard's
//! table is cut to the projects most in need of attention.

mod common;

use common::{links, Site};

/// The RAG status set by hand on projects p0 to p6.
const RAGS: [&str; 7] = ["red", "green", "amber", "red", "green", "green", "red"];

/// The basic fixture (`paginate = 2`) with seven practices in one section, six more
/// reviews over 2023 and 2025, and seven more projects of set RAG statuses.
fn site() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "content/practices/quality/_index.md",
        "---\ntitle: 质量管理\n---\n质量规划与评审。\n",
    );
    for i in 1..=7 {
        site.write(
            &format!("content/practices/quality/q{i}.md"),
            format!("---\ntitle: 质量实践{i}\nweight: {i}\n---\n第{i}条质量实践。\n"),
        );
    }
    for (i, date) in [
        "2023-03-01",
        "2023-07-01",
        "2025-01-10",
        "2025-02-10",
        "2025-03-10",
        "2025-04-10",
    ]
    .iter()
    .enumerate()
    {
        site.write(
            &format!("content/reviews/r{i}.md"),
            format!("---\ntitle: 阶段评审{i}\ndate: {date}\nproject: erp\n---\n评审结论。\n"),
        );
    }
    for (i, rag) in RAGS.iter().enumerate() {
        site.write(
            &format!("content/projects/p{i}/index.md"),
            format!(
                "---\ntitle: 项目{i}\ncode: PRJ-{i:03}\nstatus: active\nrag: {rag}\nrag_reason: 测试\n---\n"
            ),
        );
    }
    site
}

/// The pages of the list starting at `first` (a folder under public/), following the
/// "next" links; and the items each shows, as links matching `item`.
fn walk(site: &Site, first: &str, item: impl Fn(&str) -> bool) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut url = first.to_string();
    loop {
        let html = site.read(&format!("{url}index.html"));
        let list = &html[html.find("<article").unwrap()..];
        let items: Vec<String> = links(list)
            .into_iter()
            .map(|l| l.trim_start_matches("../").to_string())
            .filter(|l| item(l))
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        pages.push(
            items
                .into_iter()
                .filter(|l| seen.insert(l.clone()))
                .collect(),
        );
        let next = html
            .split("class=\"pagination-next\" rel=\"next\" href=\"")
            .nth(1)
            .map(|rest| {
                rest[..rest.find('"').unwrap()]
                    .trim_start_matches("../")
                    .to_string()
            });
        match next {
            Some(next) => {
                assert_eq!(next, format!("{first}page/{}/", pages.len() + 1));
                url = next;
            }
            None => return pages,
        }
    }
}

fn flat(pages: &[Vec<String>]) -> Vec<String> {
    pages.iter().flatten().cloned().collect()
}

#[test]
fn a_practice_section_lists_each_page_once_over_its_pages() {
    let site = site();
    site.build_ok();
    let is_practice = |l: &str| l.starts_with("practices/quality/q");
    let pages = walk(&site, "practices/quality/", is_practice);
    assert_eq!(pages.len(), 4, "{pages:?}");
    assert!(pages.iter().all(|p| p.len() <= 2), "{pages:?}");
    let expected: Vec<String> = (1..=7)
        .map(|i| format!("practices/quality/q{i}/"))
        .collect();
    assert_eq!(flat(&pages), expected, "in weight order, none lost");

    let first = site.read("practices/quality/index.html");
    assert!(first.contains("质量规划与评审"), "the section's text");
    let third = site.read("practices/quality/page/3/index.html");
    assert!(!third.contains("质量规划与评审"), "its text on page 1 only");
    assert!(third.contains("第 3 / 4 页"), "where the reader is");
    for target in ["practices/quality/\"", "practices/quality/page/4/\""] {
        assert!(third.contains(target), "first and last linked: {target}");
    }
}

/// Each practice links the one before and after it in its section's reading order; the
/// first has no "previous", the last no "next", and other sections' practices are not
/// its neighbours.
#[test]
fn each_practice_links_its_neighbours_in_reading_order() {
    let site = site();
    site.build_ok();
    let prev_next = |i: usize| {
        let html = site.read(&format!("practices/quality/q{i}/index.html"));
        let nav = html
            .split("class=\"prevnext\"")
            .nth(1)
            .and_then(|n| n.split("</nav>").next())
            .unwrap_or("")
            .to_string();
        let find = |rel: &str| {
            nav.split(&format!("rel=\"{rel}\" href=\""))
                .nth(1)
                .and_then(|h| h.split('"').next())
                .map(|h| h.trim_start_matches("../").to_string())
        };
        (find("prev"), find("next"))
    };
    let q = |i: usize| Some(format!("practices/quality/q{i}/"));
    assert_eq!(prev_next(1), (None, q(2)));
    for i in 2..=6 {
        assert_eq!(prev_next(i), (q(i - 1), q(i + 1)), "practice {i}");
    }
    assert_eq!(prev_next(7), (q(6), None));
}

#[test]
fn the_reviews_archive_and_each_year_are_paginated_newest_first() {
    let site = site();
    site.build_ok();
    let is_review = |l: &str| {
        let rest = l.strip_prefix("reviews/").unwrap_or("2");
        !rest.is_empty() && !rest.starts_with('2') && !rest.starts_with("page/")
    };
    let all = flat(&walk(&site, "reviews/", is_review));
    let expected: Vec<String> = ["r5", "r4", "r3", "r2", "erp-closure", "r1", "r0"]
        .iter()
        .map(|s| format!("reviews/{s}/"))
        .collect();
    assert_eq!(all, expected);

    let year = walk(&site, "reviews/2025/", is_review);
    assert_eq!(year.len(), 2);
    assert_eq!(flat(&year), expected[..4]);
    let page = site.read("reviews/2025/page/2/index.html");
    assert!(
        page.contains("4 份评审"),
        "the year's count, not the page's"
    );
    assert!(
        page.contains("2023 <span class=\"count\">2</span>"),
        "every year linked"
    );
    assert_eq!(
        flat(&walk(&site, "reviews/2024/", is_review)),
        expected[4..5]
    );
}

#[test]
fn the_projects_list_is_filtered_by_rag_status_across_its_pages() {
    let site = site();
    site.build_ok();
    let is_project = |l: &str| l.starts_with("projects/p") && l.ends_with('/') && l.len() < 14;
    let all = flat(&walk(&site, "projects/", is_project));
    assert_eq!(all.len(), 7, "{all:?}");
    let mut rags = Vec::new();
    for (rag, count) in [("red", 3), ("amber", 1), ("green", 3)] {
        let pages = walk(&site, &format!("projects/rag/{rag}/"), is_project);
        let shown = flat(&pages);
        assert_eq!(shown.len(), count, "{rag}: {shown:?}");
        assert_eq!(pages.len(), count.div_ceil(2));
        for p in &shown {
            let i: usize = p["projects/p".len()..p.len() - 1].parse().unwrap();
            assert_eq!(RAGS[i], rag, "{p} in {rag}'s list");
        }
        rags.extend(shown);
    }
    rags.sort();
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(rags, sorted, "each project in exactly one status's list");

    let home = site.read("index.html");
    assert!(
        home.contains("projects/rag/red/\""),
        "the home page links a status's list"
    );
    let red = site.read("projects/rag/red/index.html");
    assert!(red.contains("aria-current=\"page\"><span class=\"badge rag rag-red\""));
    assert!(red.contains("projects-filter-note"));
}

#[test]
fn a_dashboard_of_many_projects_shows_those_needing_attention_first() {
    let site = site();
    for i in 0..100 {
        site.write(
            &format!("content/projects/g{i:03}/index.md"),
            format!("---\ntitle: 绿色项目{i}\ncode: G-{i:03}\nstatus: active\nrag: green\nrag_reason: 测试\n---\n"),
        );
    }
    site.build_ok();
    let dashboard = site.read("dashboard/index.html");
    let rows = dashboard.matches("<th scope=\"row\">").count();
    assert_eq!(rows, 100, "at most a hundred rows");
    for red in ["p0", "p3", "p6"] {
        assert!(dashboard.contains(&format!("projects/{red}/\"")), "{red}");
    }
    assert!(dashboard.contains("共 108 个项目"), "says it is cut");
    assert!(
        dashboard.contains("href=\"../projects/\""),
        "links the full list"
    );
}

/// A tag or category that is a Windows device name (`CON`, `aux`, `LPT1`) made a folder
/// `tags/con/`, which a Windows share or IIS cannot create, so copying the portal there
/// failed far from the author. Its term page gets an address Windows can hold.
#[test]
fn a_term_named_like_a_windows_device_gets_a_folder_windows_can_hold() {
    let site = Site::fixture("basic");
    site.write(
        "content/practices/设备名.md",
        "---\ntitle: 设备名标签\ncategory: aux\ntags: [CON, LPT1, 采购]\n---\n\n正文。\n",
    );
    site.build_ok();
    for entry in walkdir::WalkDir::new(site.public()) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
        let stem = name.split('.').next().unwrap_or_default();
        assert!(
            !["con", "prn", "aux", "nul", "lpt1"].contains(&stem),
            "{}",
            entry.path().display()
        );
    }
    let page = site.read("practices/设备名/index.html");
    assert!(
        page.contains("tags/con-/") && page.contains("categories/aux-/"),
        "{page}"
    );
    assert!(site.read("tags/con-/index.html").contains("设备名标签"));
}
