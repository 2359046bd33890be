//! Which jobs show what: after an edit, `serve` re-renders only the jobs that show the
//! edited pages or tables. `tests/incremental.rs` holds these to account: after every kind
//! of edit the files must equal a clean build's.

use crate::kinds::Kind;
use crate::render::jobs::{listing_pages_of, pages_for, section_jobs, Job};
use crate::site::{Named, PageId, Site};

/// The jobs that show page `id`'s own text or its backlinks: its page, or for a
/// section's `_index.md` the section's listing pages; and the same of each page showing
/// it through an embed (`![[页面]]`).
pub fn showing(site: &Site, id: PageId) -> Vec<Job> {
    let mut jobs = own(site, id);
    for shown_in in crate::site::embedders(site, id) {
        jobs.extend(own(site, shown_in));
    }
    jobs
}

/// The jobs that show page `id`'s own text (see [`showing`]).
fn own(site: &Site, id: PageId) -> Vec<Job> {
    // Its redirects name its title.
    let redirects = (0..site.page(id).aliases.len()).map(|n| Job::Alias(id, n));
    let mut jobs = match site.page(id).kind {
        Kind::Home => vec![Job::Home],
        Kind::Section => site
            .sections
            .position(|s| s.index == Some(id))
            .map(|sid| section_jobs(site, sid))
            .unwrap_or_default(),
        _ => vec![Job::Page(id)],
    };
    jobs.extend(redirects);
    jobs
}

/// The jobs that list page `id` by its summary: its sections, its taxonomy terms, its
/// project, the pages it links to (which list it among their backlinks), home and the
/// dashboard. When the page kept its place (`moved` false) no list is reordered, so of a
/// paginated list only the page showing it is re-rendered (and of a parent section's, the
/// first page, with the sub-section cards); otherwise every page of it.
pub fn listing(site: &Site, id: PageId, moved: bool) -> Vec<Job> {
    let per = site.config.paginate;
    let page = site.page(id);
    let mut jobs = vec![Job::Home];
    let mut section = Some(site.page_section[id]);
    while let Some(sid) = section {
        if moved {
            jobs.extend(section_jobs(site, sid));
        } else {
            jobs.extend(listing_pages_of(site, sid, id));
        }
        section = site.section(sid).parent;
    }
    for (taxonomy, of) in site.named_taxonomies() {
        for (term, listed) in of.terms.iter_enumerated() {
            if let Some(position) = listed.pages.iter().position(|&p| p == id) {
                // Moved: every page of the term shifts; edited: only its own page.
                let pages = if moved {
                    1..=pages_for(listed.pages.len(), per)
                } else {
                    let own = position / per + 1;
                    own..=own
                };
                jobs.extend(pages.map(|page| Job::Term {
                    taxonomy,
                    term,
                    page,
                }));
            }
        }
    }
    for (&project, links) in &site.project_links {
        if links.lessons.contains(&id) || links.reviews.contains(&id) || links.related.contains(&id)
        {
            jobs.push(Job::Page(project));
        }
    }
    for target in site.links[id].iter().flatten().filter_map(|r| r.target) {
        jobs.extend(showing(site, target));
    }
    if matches!(page.kind, Kind::Lesson | Kind::Project | Kind::Review) && !site.projects.is_empty()
    {
        jobs.push(Job::Dashboard);
    }
    if moved {
        // Term counts; the practices before and after it in reading order; and the
        // charts and tables drawn from the derived tables, which list it.
        jobs.extend(Named::ALL.map(Job::TaxonomyIndex));
        // Projects are listed with their counts of lessons and reviews.
        if matches!(page.kind, Kind::Lesson | Kind::Review) {
            if let Some(sid) = site.section_of_kind(Kind::Project) {
                jobs.extend(section_jobs(site, sid));
            }
        }
        if page.kind == Kind::Practice {
            let section = site.section(site.page_section[id]);
            jobs.extend(section.pages.iter().map(|&p| Job::Page(p)));
        }
        for (other, page) in site.pages.iter_enumerated() {
            if !page.blocks.is_empty() {
                jobs.extend(showing(site, other));
            }
        }
    }
    jobs
}

/// The jobs that show data tables: the pages of the projects whose tables changed, every
/// list of projects with their key figures (home, the projects section, the dashboard),
/// and every page with ```chart or ```table blocks.
pub fn showing_data(site: &Site, projects: &[PageId]) -> Vec<Job> {
    let mut jobs: Vec<Job> = projects.iter().map(|&p| Job::Page(p)).collect();
    jobs.push(Job::Home);
    if !site.projects.is_empty() {
        jobs.push(Job::Dashboard);
    }
    if let Some(sid) = site.section_of_kind(Kind::Project) {
        jobs.extend(section_jobs(site, sid));
    }
    for (id, page) in site.pages.iter_enumerated() {
        if !page.blocks.is_empty() {
            jobs.extend(showing(site, id));
        }
    }
    jobs.dedup();
    jobs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;

    /// A small site, linked as a build links it: three lessons of one project (two per
    /// register page), three practices in one section (two pages), a review and a report.
    fn site() -> (tempfile::TempDir, Site) {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            ("site.toml", "title = \"测试\"\nbase_url = \"https://x/\"\npaginate = 2\n"),
            ("content/_index.md", "---\ntitle: 首页\n---\n"),
            ("content/practices/_index.md", "---\ntitle: 实践\n---\n"),
            ("content/practices/a.md", "---\ntitle: 甲\nweight: 1\n---\n见[乙](b.md)。\n"),
            ("content/practices/b.md", "---\ntitle: 乙\nweight: 2\n---\n"),
            ("content/practices/c.md", "---\ntitle: 丙\nweight: 3\n---\n"),
            ("content/projects/erp/index.md", "---\ntitle: ERP\nstatus: active\n---\n"),
            ("content/lessons/l1.md", "---\ntitle: 一\ndate: 2024-03-01\nproject: erp\nphase: planning\nimpact: negative\ntags: [供应商]\n---\n"),
            ("content/lessons/l2.md", "---\ntitle: 二\ndate: 2024-02-01\nproject: erp\nphase: planning\nimpact: positive\n---\n"),
            ("content/lessons/l3.md", "---\ntitle: 三\ndate: 2024-01-01\nproject: erp\nphase: closing\nimpact: positive\ntags: [供应商]\n---\n"),
            ("content/reviews/r.md", "---\ntitle: 评审\ndate: 2024-06-01\nproject: erp\n---\n"),
            ("content/reports/m.md", "---\ntitle: 月报\n---\n"),
        ];
        for (rel, text) in files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let root = dir.path();
        let diagnostics = Diagnostics::default();
        let config = crate::config::Config::load(&root.join("site.toml")).unwrap();
        let loaded = crate::content::load::load(
            &root.join("content"),
            root,
            false,
            true,
            true,
            &diagnostics,
        );
        let bases = crate::data::Bases::new(&loaded.pages, config.budget.basis);
        let data = crate::data::load(root, &loaded.tables, &bases, &diagnostics);
        let site = crate::site::link(config, loaded, data, Default::default(), &diagnostics);
        assert!(!diagnostics.has_errors());
        (dir, site)
    }

    fn id(site: &Site, rel: &str) -> PageId {
        site.page_at(rel).unwrap()
    }

    /// Each job by the file it writes, sorted and without repeats, to compare as text.
    fn files(site: &Site, jobs: Vec<Job>) -> Vec<String> {
        let mut files: Vec<String> = jobs.iter().map(|j| j.output_path(&j.url(site))).collect();
        files.sort();
        files.dedup();
        files
    }

    #[test]
    fn each_page_is_shown_by_its_own_job_or_its_section_listings() {
        let (_dir, site) = site();
        let cases: &[(&str, &[&str])] = &[
            ("_index.md", &["index.html"]),
            // Every page of the listing shows the section's title.
            (
                "practices/_index.md",
                &["practices/index.html", "practices/page/2/index.html"],
            ),
            ("lessons/l2.md", &["lessons/l2/index.html"]),
            ("projects/erp/index.md", &["projects/erp/index.html"]),
        ];
        for (rel, expected) in cases {
            assert_eq!(
                files(&site, showing(&site, id(&site, rel))),
                *expected,
                "{rel}"
            );
        }
    }

    #[test]
    fn an_edit_that_keeps_a_page_in_place_rerenders_only_the_lists_showing_it() {
        let (_dir, site) = site();
        // (page, moved, files that must be re-rendered, files that must not be)
        let cases: &[(&str, bool, &[&str], &[&str])] = &[
            (
                // The second register page holds the third-newest lesson.
                "lessons/l3.md",
                false,
                &[
                    "index.html",
                    "lessons/page/2/index.html",
                    "projects/erp/index.html",
                    "tags/供应商/index.html",
                    "phases/closing/index.html",
                    "dashboard/index.html",
                ],
                &[
                    "lessons/index.html",
                    "tags/index.html",
                    "projects/index.html",
                ],
            ),
            (
                "lessons/l3.md",
                true,
                &[
                    "lessons/index.html",
                    "lessons/page/2/index.html",
                    "tags/index.html",
                    "categories/index.html",
                    "projects/index.html",
                ],
                &[],
            ),
            (
                // Its link target lists it among its backlinks; moved, its neighbours'
                // previous/next change.
                "practices/a.md",
                true,
                &[
                    "practices/index.html",
                    "practices/b/index.html",
                    "practices/a/index.html",
                ],
                &["dashboard/index.html", "projects/index.html"],
            ),
            (
                "practices/a.md",
                false,
                &["practices/index.html", "practices/b/index.html"],
                &["practices/a/index.html", "tags/index.html"],
            ),
            (
                // On the second page of its section.
                "practices/c.md",
                false,
                &["practices/page/2/index.html"],
                &["practices/index.html"],
            ),
            (
                "practices/c.md",
                true,
                &["practices/index.html", "practices/page/2/index.html"],
                &[],
            ),
            (
                "reviews/r.md",
                false,
                &[
                    "reviews/index.html",
                    "reviews/2024/index.html",
                    "projects/erp/index.html",
                ],
                &["lessons/index.html"],
            ),
            (
                "reports/m.md",
                false,
                &["reports/index.html", "index.html"],
                &["dashboard/index.html", "projects/erp/index.html"],
            ),
        ];
        for (rel, moved, must, must_not) in cases {
            let got = files(&site, listing(&site, id(&site, rel), *moved));
            for file in *must {
                assert!(
                    got.iter().any(|g| g == file),
                    "{rel} moved={moved}: {file} missing from {got:?}"
                );
            }
            for file in *must_not {
                assert!(
                    !got.iter().any(|g| g == file),
                    "{rel} moved={moved}: {file} in {got:?}"
                );
            }
        }
    }

    #[test]
    fn a_data_edit_rerenders_its_project_and_every_list_of_projects() {
        let (_dir, site) = site();
        let erp = id(&site, "projects/erp/index.md");
        let got = files(&site, showing_data(&site, &[erp]));
        for file in [
            "projects/erp/index.html",
            "index.html",
            "dashboard/index.html",
            "projects/index.html",
        ] {
            assert!(got.iter().any(|g| g == file), "{file} missing from {got:?}");
        }
        assert!(!got.iter().any(|g| g.starts_with("lessons/")), "{got:?}");
    }
}
