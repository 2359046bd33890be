//! What gets rendered: one [`Job`] per output page, and the pages of each listing. The
//! context each job's template receives is built in [`super::template_context`].

use std::collections::{BTreeMap, HashMap};

use crate::content::schema::Rag;
use crate::kinds::{Kind, Listing};
use crate::render::context::paged_url;
use crate::render::listings;
use crate::site::{Named, PageId, SectionId, Site, TermId};
use crate::t;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Job {
    /// A content page (practice, lesson, project, review, report, plain page).
    Page(PageId),
    /// The home page (section 0).
    Home,
    /// An ordinary section listing (practices and their sub-folders, reports …), page `n`
    /// (1-based).
    Section(SectionId, usize),
    /// The lessons register, page `n` (1-based).
    Lessons(SectionId, usize),
    /// The projects list, or the projects of one RAG status, page `n` (1-based).
    Projects(SectionId, Option<Rag>, usize),
    /// The reviews archive, or one year of it, page `n` (1-based).
    Reviews(SectionId, Option<i16>, usize),
    /// The portfolio dashboard.
    Dashboard,
    /// The search results page (when the theme has `search.html`).
    Search,
    /// The knowledge hygiene page (unless site.toml's `[hygiene] page = false`).
    Hygiene,
    /// The list of a taxonomy's terms.
    TaxonomyIndex(Named),
    /// Page `page` (1-based) of the pages of one term.
    Term {
        taxonomy: Named,
        term: TermId,
        page: usize,
    },
    NotFound,
    /// The redirect at alias `n` of a page's `aliases:` (see `render::alias`).
    Alias(PageId, usize),
}

/// What [`Job::template`] says of an alias's redirect, which is written without one.
pub const NO_TEMPLATE: &str = "";

pub fn plan(site: &Site, has_search_page: bool) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (id, page) in site.pages.iter_enumerated() {
        if !page.kind.is_index() {
            jobs.push(Job::Page(id));
        }
    }
    let per_page = site.config.paginate;
    for sid in site.sections.ids() {
        jobs.extend(section_jobs(site, sid));
    }
    for (named, taxonomy) in site.named_taxonomies() {
        jobs.push(Job::TaxonomyIndex(named));
        for (term, listed) in taxonomy.terms.iter_enumerated() {
            for page in 1..=pages_for(listed.pages.len(), per_page) {
                jobs.push(Job::Term {
                    taxonomy: named,
                    term,
                    page,
                });
            }
        }
    }
    if !site.projects.is_empty() {
        jobs.push(Job::Dashboard);
    }
    if has_search_page {
        jobs.push(Job::Search);
    }
    if site.config.hygiene.page {
        jobs.push(Job::Hygiene);
    }
    jobs.push(Job::NotFound);
    jobs.extend(alias_jobs(site));
    jobs
}

/// The redirects of every page's old addresses.
fn alias_jobs(site: &Site) -> impl Iterator<Item = Job> + '_ {
    site.pages
        .iter_enumerated()
        .flat_map(|(id, page)| (0..page.aliases.len()).map(move |n| Job::Alias(id, n)))
}

/// The listing pages of one section.
pub(super) fn section_jobs(site: &Site, sid: SectionId) -> Vec<Job> {
    let dir = site.section(sid).dir.as_str();
    if dir.is_empty() {
        return vec![Job::Home];
    }
    let per = site.config.paginate;
    let paged = |count: usize, job: &dyn Fn(usize) -> Job| -> Vec<Job> {
        (1..=pages_for(count, per)).map(job).collect()
    };
    match listing_of(dir) {
        Listing::Register => paged(site.newest(Kind::Lesson).len(), &|n| Job::Lessons(sid, n)),
        Listing::Projects => {
            let rags = listings::project_rags(site);
            let mut jobs = paged(rags.len(), &|n| Job::Projects(sid, None, n));
            for rag in listings::RAGS {
                let count = rags.iter().filter(|(_, r)| *r == Some(rag)).count();
                jobs.extend(paged(count, &|n| Job::Projects(sid, Some(rag), n)));
            }
            jobs
        }
        Listing::ByYear => {
            let mut jobs = paged(site.newest(Kind::Review).len(), &|n| {
                Job::Reviews(sid, None, n)
            });
            for (year, ids) in review_years(site) {
                jobs.extend(paged(ids.len(), &|n| Job::Reviews(sid, Some(year), n)));
            }
            jobs
        }
        Listing::Section => paged(site.section(sid).pages.len(), &|n| Job::Section(sid, n)),
    }
}

fn listing_of(dir: &str) -> Listing {
    Kind::of_folder(dir).map_or(Listing::Section, |k| k.spec().listing)
}

/// The listing pages of section `sid` that show page `id` in their list, for an edit that
/// kept every page in its place; the first page (which shows the sub-sections) when the
/// section does not list it itself.
pub(super) fn listing_pages_of(site: &Site, sid: SectionId, id: PageId) -> Vec<Job> {
    let dir = site.section(sid).dir.as_str();
    if dir.is_empty() {
        return vec![Job::Home];
    }
    let per = site.config.paginate;
    let page_of = |list: &[PageId]| list.iter().position(|&p| p == id).map(|i| i / per + 1);
    let jobs = match listing_of(dir) {
        Listing::Register => page_of(site.newest(Kind::Lesson))
            .map(|n| Job::Lessons(sid, n))
            .into_iter()
            .collect(),
        Listing::Projects => {
            let rags = listings::project_rags(site);
            let all: Vec<PageId> = rags.iter().map(|(p, _)| *p).collect();
            let mut jobs: Vec<Job> = page_of(&all)
                .map(|n| Job::Projects(sid, None, n))
                .into_iter()
                .collect();
            if let Some(rag) = rags.iter().find(|(p, _)| *p == id).and_then(|(_, r)| *r) {
                let same: Vec<PageId> = rags
                    .iter()
                    .filter(|(_, r)| *r == Some(rag))
                    .map(|(p, _)| *p)
                    .collect();
                jobs.extend(page_of(&same).map(|n| Job::Projects(sid, Some(rag), n)));
            }
            jobs
        }
        Listing::ByYear => {
            let mut jobs: Vec<Job> = page_of(site.newest(Kind::Review))
                .map(|n| Job::Reviews(sid, None, n))
                .into_iter()
                .collect();
            for (year, ids) in review_years(site) {
                jobs.extend(page_of(&ids).map(|n| Job::Reviews(sid, Some(year), n)));
            }
            jobs
        }
        Listing::Section => page_of(&site.section(sid).pages)
            .map(|n| Job::Section(sid, n))
            .into_iter()
            .collect(),
    };
    if jobs.is_empty() {
        section_jobs(site, sid).into_iter().take(1).collect()
    } else {
        jobs
    }
}

pub(super) fn pages_for(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page).max(1)
}

/// Reviews by year, oldest year first, each year newest first.
pub(super) fn review_years(site: &Site) -> BTreeMap<i16, Vec<PageId>> {
    let mut years: BTreeMap<i16, Vec<PageId>> = BTreeMap::new();
    for &id in site.newest(Kind::Review) {
        if let Some(date) = site.page(id).date {
            years.entry(date.year()).or_default().push(id);
        }
    }
    years
}

impl Job {
    pub fn url(&self, site: &Site) -> String {
        match self {
            Job::Page(id) => site.page(*id).url.clone(),
            Job::Home => String::new(),
            Job::Section(s, n) | Job::Lessons(s, n) => paged_url(&site.section(*s).url, *n),
            Job::Projects(s, rag, n) => {
                paged_url(&listings::projects_url(&site.section(*s).url, *rag), *n)
            }
            Job::Reviews(s, year, n) => {
                paged_url(&listings::reviews_url(&site.section(*s).url, *year), *n)
            }
            Job::Dashboard => crate::layout::DASHBOARD_URL.to_string(),
            Job::Search => "search/".to_string(),
            Job::Hygiene => crate::layout::HYGIENE_URL.to_string(),
            Job::TaxonomyIndex(named) => site.taxonomy(*named).url(),
            Job::Term {
                taxonomy,
                term,
                page,
            } => {
                let taxonomy = site.taxonomy(*taxonomy);
                paged_url(&taxonomy.term_url(&taxonomy.terms[*term]), *page)
            }
            Job::NotFound => String::new(),
            Job::Alias(id, n) => site.page(*id).aliases[*n].url.clone(),
        }
    }

    pub fn output_path(&self, url: &str) -> String {
        match self {
            Job::NotFound => "404.html".to_string(),
            Job::Alias(..) if crate::content::aliases::is_file(url) => url.to_string(),
            _ => format!("{url}index.html"),
        }
    }

    /// The template that renders the job.
    pub fn template(&self, site: &Site) -> &'static str {
        match self {
            Job::Page(id) => site.page(*id).kind.spec().template,
            Job::Home => "home.html",
            Job::Section(..) => "section.html",
            Job::Lessons(..) => "lessons.html",
            Job::Projects(..) => "projects.html",
            Job::Reviews(..) => "reviews.html",
            Job::Dashboard => "dashboard.html",
            Job::Search => "search.html",
            Job::Hygiene => "hygiene.html",
            Job::TaxonomyIndex(_) => "taxonomy.html",
            Job::Term { .. } => "term.html",
            Job::NotFound => "404.html",
            Job::Alias(..) => NO_TEMPLATE,
        }
    }

    /// The content file behind the job, to name in a template error.
    pub fn source_page(&self, site: &Site) -> Option<PageId> {
        match self {
            Job::Page(id) | Job::Alias(id, _) => Some(*id),
            Job::Home => site.sections[SectionId::ROOT].index,
            Job::Section(s, _)
            | Job::Projects(s, ..)
            | Job::Lessons(s, _)
            | Job::Reviews(s, ..) => site.section(*s).index,
            _ => None,
        }
    }
}

/// The pages whose address is one the portal writes a list at: `reviews/2024.md` at the
/// reviews of 2024, `page/2.md` at a list's second page. Told at the page's file, naming
/// the list, before anything is written: the output's own refusal of the second file at
/// an address could name only that address.
pub(super) fn clashes(site: &Site, jobs: &[Job]) -> Vec<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::{Diagnostic, Problem};
    let lists: HashMap<String, &Job> = jobs
        .iter()
        .filter(|job| !matches!(job, Job::Page(_) | Job::NotFound | Job::Alias(..)))
        .map(|job| (job.url(site), job))
        .collect();
    let what = |list: &Job| match list {
        Job::Reviews(_, Some(year), 1) => t!("the list of the reviews of {year}", year = *year),
        Job::Reviews(_, Some(year), n) => t!(
            "page {n} of the list of the reviews of {year}",
            n = *n,
            year = *year
        ),
        Job::Section(s, n)
        | Job::Lessons(s, n)
        | Job::Reviews(s, None, n)
        | Job::Projects(s, None, n) => t!(
            "page {n} of the list at /{list}",
            n = *n,
            list = &site.section(*s).url
        ),
        _ => t!("a page the portal writes itself"),
    };
    let mut found: Vec<Diagnostic> = jobs
        .iter()
        .filter_map(|job| match job {
            Job::Page(id) => {
                let page = site.page(*id);
                let list = lists.get(&page.url)?;
                Some(
                    Diagnostic::error(Problem::Content(t!(
                        "this page's address /{url} is {what}",
                        url = &page.url,
                        what = what(list)
                    )))
                    .in_file(&page.path)
                    .with_help(t!("rename the file: a page's address is its path under content/, and the portal writes its lists at these addresses")),
                )
            }
            // A list's later pages (`lessons/page/2/`) are known only here.
            Job::Alias(id, n) => {
                let page = site.page(*id);
                let alias = &page.aliases[*n];
                let list = lists.get(&alias.url.to_lowercase())?;
                let text = page.source.text(&page.path);
                Some(
                    Diagnostic::error(Problem::Content(t!(
                        "the alias `{alias}` takes the address of {other}",
                        alias = alias.written.as_str(),
                        other = what(list)
                    )))
                    .at(crate::diagnostics::Location::new(&page.path, &text, alias.at, alias.written.len()))
                    .with_help(t!("remove the alias, or correct it to the page's old address: pages, lists, files and the portal's own folders (search/, css/, js/, tags/ …) keep theirs, and each old address sends to one page")),
                )
            }
            _ => None,
        })
        .collect();
    found.sort_by_key(|d| d.path.clone());
    found
}

/// Each practice of a section: the practices before and after it in reading order.
pub(super) type Neighbours = HashMap<PageId, (Option<PageId>, Option<PageId>)>;

/// The practices of section `section`, each with its neighbours in reading order.
pub(super) fn neighbours(site: &Site, section: SectionId) -> Neighbours {
    let list: Vec<PageId> = site
        .section(section)
        .pages
        .iter()
        .copied()
        .filter(|&p| site.page(p).kind == Kind::Practice)
        .collect();
    list.iter()
        .enumerate()
        .map(|(i, &id)| {
            let before = i.checked_sub(1).map(|j| list[j]);
            (id, (before, list.get(i + 1).copied()))
        })
        .collect()
}
