//! Which jobs show what: after an edit, `serve` re-renders only the jobs that show the
//! edited pages or tables. `tests/incremental.rs` holds these to account: after every kind
//! of edit the files must equal a clean build's.

use crate::kinds::Kind;
use crate::render::jobs::{pages_for, section_jobs, Job};
use crate::site::{PageId, Site};

/// The jobs that show page `id`'s own text or its backlinks: its page, or for a
/// section's `_index.md` the section's listing pages.
pub fn showing(site: &Site, id: PageId) -> Vec<Job> {
    match site.page(id).kind {
        Kind::Home => vec![Job::Home],
        Kind::Section => site
            .sections
            .iter()
            .position(|s| s.index == Some(id))
            .map(|sid| section_jobs(site, sid))
            .unwrap_or_default(),
        _ => vec![Job::Page(id)],
    }
}

/// The jobs that list page `id` by its summary: its sections, its taxonomy terms, its
/// project, the pages it links to (which list it among their backlinks), home and the
/// dashboard. When the page kept its place (`moved` false) no list is reordered, so of a
/// paginated list only the page showing it is re-rendered; otherwise every page of it.
pub fn listing(site: &Site, id: PageId, moved: bool) -> Vec<Job> {
    let per = site.config.paginate;
    let page = site.page(id);
    let mut jobs = vec![Job::Home];
    let mut section = Some(site.page_section[id]);
    while let Some(sid) = section {
        if site.section_of_kind(Kind::Lesson) == Some(sid) && !moved {
            let position = site.newest(Kind::Lesson).iter().position(|&p| p == id);
            jobs.push(Job::Lessons(sid, position.map_or(1, |i| i / per + 1)));
        } else {
            jobs.extend(section_jobs(site, sid));
        }
        section = site.section(sid).parent;
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        for (i, term) in taxonomy.terms.iter().enumerate() {
            if let Some(position) = term.pages.iter().position(|&p| p == id) {
                if moved {
                    let pages = pages_for(term.pages.len(), per);
                    jobs.extend((1..=pages).map(|n| Job::Term(t, i, n)));
                } else {
                    jobs.push(Job::Term(t, i, position / per + 1));
                }
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
        jobs.extend((0..site.taxonomies.len()).map(Job::TaxonomyIndex));
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
        for (other, page) in site.pages.iter().enumerate() {
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
    for (id, page) in site.pages.iter().enumerate() {
        if !page.blocks.is_empty() {
            jobs.extend(showing(site, id));
        }
    }
    jobs.dedup();
    jobs
}
