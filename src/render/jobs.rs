//! What gets rendered: one [`Job`] per output page, and the context each job's template
//! receives.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tera::{Context, Value};

use crate::content::schema::{Phase, Rag, Vocabulary};
use crate::diagnostics::Diagnostic;
use crate::kinds::{Kind, Listing};
use crate::render::context::{
    self, breadcrumbs, kind_rank, paged_url, paginator, project, section_card, section_title,
    FullPage, Keyed, Link,
};
use crate::render::{listings, Renderer};
use crate::site::{Named, PageId, SectionId, Site, TermId};

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
}

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
    jobs
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
        }
    }

    pub fn output_path(&self, url: &str) -> String {
        match self {
            Job::NotFound => "404.html".to_string(),
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
        }
    }

    /// The content file behind the job, to name in a template error.
    pub fn source_page(&self, site: &Site) -> Option<PageId> {
        match self {
            Job::Page(id) => Some(*id),
            Job::Home => site.sections[SectionId::ROOT].index,
            Job::Section(s, _)
            | Job::Projects(s, ..)
            | Job::Lessons(s, _)
            | Job::Reviews(s, ..) => site.section(*s).index,
            _ => None,
        }
    }
}

#[derive(Serialize)]
pub(super) struct SectionContext<'a> {
    title: String,
    url: String,
    /// The section page's language where it is not the site's (see `FullPage::lang`).
    lang: Option<&'static str>,
    pub content: String,
    pub toc: &'a [crate::markdown::TocEntry],
    breadcrumbs: Vec<Link>,
    backlinks: Vec<Value>,
    pages: Value,
    pub subsections: Vec<context::SectionCard>,
}

#[derive(Serialize)]
struct TermInfo {
    name: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct TaxonomyInfo {
    key: &'static str,
    name: String,
    url: String,
    terms: Vec<TermInfo>,
}

#[derive(Serialize)]
pub(super) struct StatusCount {
    pub key: &'static str,
    pub name: String,
    pub count: usize,
}

#[derive(Serialize)]
struct Counts {
    practices: usize,
    lessons: usize,
    projects: usize,
    reviews: usize,
}

/// The template and context of `job`. Fails only where the job draws what it shows (a
/// project's charts in a one-shot build).
pub fn context(r: &Renderer, job: &Job) -> Result<(&'static str, Context), Diagnostic> {
    let site = r.site;
    let mut ctx = Context::new();
    let no_pages = || Value::from(Vec::<Value>::new());
    match job {
        Job::Page(id) => page_context(r, &mut ctx, *id)?,
        Job::Home => {
            let home = &site.sections[SectionId::ROOT];
            ctx.insert("page", &home.index.map(|id| full_page(r, id)));
            ctx.insert("home", &home_context(r));
        }
        Job::Section(s, n) => listings::section(r, &mut ctx, *s, *n),
        Job::Lessons(s, n) => {
            ctx.insert("section", &section_context(r, *s, no_pages()));
            lessons_context(r, &mut ctx, &site.section(*s).url, *n);
        }
        Job::Projects(s, rag, n) => {
            ctx.insert("section", &section_context(r, *s, no_pages()));
            listings::projects(r, &mut ctx, *s, *rag, *n);
        }
        Job::Reviews(s, year, n) => {
            ctx.insert("section", &section_context(r, *s, no_pages()));
            listings::reviews(r, &mut ctx, *s, *year, *n);
        }
        Job::Dashboard => {
            ctx.insert("dashboard", &listings::dashboard(r));
        }
        Job::Hygiene => ctx.insert("hygiene", &super::hygiene::context(r)),
        Job::Search | Job::NotFound => {}
        Job::TaxonomyIndex(named) => {
            ctx.insert("taxonomy", &taxonomy_info(r, *named, true));
        }
        Job::Term {
            taxonomy,
            term,
            page,
        } => term_context(r, &mut ctx, *taxonomy, *term, *page),
    }
    let template = job.template(site);
    Ok((template, ctx))
}

/// A content page, and for projects and reviews what their templates show beside it.
fn page_context(r: &Renderer, ctx: &mut Context, id: PageId) -> Result<(), Diagnostic> {
    let site = r.site;
    let page = site.page(id);
    ctx.insert("page", &full_page(r, id));
    ctx.insert("related_lessons", &super::related::items(r, id));
    match page.kind {
        Kind::Project => {
            ctx.insert("project", &project(site, r.i18n, id));
            match &r.drawings.projects {
                Some(kept) => ctx.insert("charts", kept.get(&id).map_or(&[][..], Vec::as_slice)),
                None => {
                    let slug = page.project().map_or("", |p| p.slug.as_str());
                    let drawn = crate::charts::project_drawings(site, slug, id, r.i18n)?;
                    ctx.insert("charts", &drawn);
                }
            }
            let links = site.project_links.get(&id).cloned().unwrap_or_default();
            ctx.insert_value("lessons", r.summaries(&links.lessons));
            ctx.insert_value("reviews", r.summaries(&links.reviews));
            ctx.insert_value("related", r.summaries(&links.related));
        }
        Kind::Lesson => {
            let actions = page.lesson().map_or(&[][..], |l| l.actions.as_slice());
            let rows = crate::render::register::action_rows(actions, r.i18n, site.config.as_of());
            ctx.insert("actions", &rows);
        }
        Kind::Review => {
            let project = site.project_of(page).map(|p| Link {
                title: site.page(p).title.clone(),
                url: site.page(p).url.clone(),
            });
            ctx.insert("review", &ReviewContext { project });
        }
        _ => {}
    }
    Ok(())
}

/// Page `n` of the lessons register.
fn lessons_context(r: &Renderer, ctx: &mut Context, url: &str, n: usize) {
    let all = r.site.newest(Kind::Lesson);
    let per = r.site.config.paginate;
    let slice: Vec<PageId> = all.iter().skip((n - 1) * per).take(per).copied().collect();
    ctx.insert_value("pages", r.summaries(&slice));
    ctx.insert("paginator", &paginator(url, n, pages_for(all.len(), per)));
    ctx.insert("total", &all.len());
    ctx.insert("register_chunks", &crate::render::register::chunks(r.site));
    // Overdue counts depend on the day the site is built as of: say which, on a page
    // that shows some. Decided by the page's own rows, which `serve` re-renders it for.
    let with_actions = slice.iter().any(|&id| {
        r.site
            .page(id)
            .lesson()
            .is_some_and(|l| !l.actions.is_empty())
    });
    ctx.insert("register_as_of", &with_actions);
}

/// Page `n` of term `term` of taxonomy `t`.
fn term_context(r: &Renderer, ctx: &mut Context, t: Named, term: TermId, n: usize) {
    let taxonomy = r.site.taxonomy(t);
    let term = &taxonomy.terms[term];
    let per = r.site.config.paginate;
    let slice: Vec<PageId> = term
        .pages
        .iter()
        .skip((n - 1) * per)
        .take(per)
        .copied()
        .collect();
    let url = taxonomy.term_url(term);
    ctx.insert("taxonomy", &taxonomy_info(r, t, false));
    ctx.insert(
        "term",
        &TermInfo {
            name: term_name(r, taxonomy.key, &term.name),
            url: url.clone(),
            count: term.pages.len(),
        },
    );
    ctx.insert_value("pages", r.summaries(&slice));
    ctx.insert(
        "paginator",
        &paginator(&url, n, pages_for(term.pages.len(), per)),
    );
}

#[derive(Serialize)]
struct ReviewContext {
    project: Option<Link>,
}

fn term_name(r: &Renderer, taxonomy: &str, name: &str) -> String {
    if taxonomy == "phases" {
        if let Some(phase) = Phase::ALL.iter().find(|p| p.key() == name) {
            return r.i18n.term(*phase);
        }
    }
    name.to_string()
}

fn taxonomy_info(r: &Renderer, t: Named, with_terms: bool) -> TaxonomyInfo {
    let taxonomy = r.site.taxonomy(t);
    TaxonomyInfo {
        key: taxonomy.key,
        name: r
            .i18n
            .get(&format!("taxonomy_{}", taxonomy.key))
            .to_string(),
        url: taxonomy.url(),
        terms: if with_terms {
            taxonomy
                .terms
                .iter()
                .map(|term| TermInfo {
                    name: term_name(r, taxonomy.key, &term.name),
                    url: taxonomy.term_url(term),
                    count: term.pages.len(),
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

fn backlinks(r: &Renderer, id: PageId) -> Vec<Value> {
    let site = r.site;
    let mut ids = site.backlinks[id].clone();
    ids.sort_by(|&a, &b| {
        let (pa, pb) = (site.page(a), site.page(b));
        kind_rank(pa.kind)
            .cmp(&kind_rank(pb.kind))
            .then_with(|| pa.title.cmp(&pb.title))
    });
    ids.iter().map(|&i| r.summaries[i].clone()).collect()
}

fn full_page<'a>(r: &Renderer<'a>, id: PageId) -> FullPage<'a> {
    let site = r.site;
    let page = site.page(id);
    let section = site.page_section[id];
    let is_index = page.kind.is_index();
    let (prev, next) = if page.kind == Kind::Practice {
        let link = |p: PageId| Link {
            title: site.page(p).title.clone(),
            url: site.page(p).url.clone(),
        };
        let (before, after) = r.neighbours(section).get(&id).copied().unwrap_or_default();
        (before.map(link), after.map(link))
    } else {
        (None, None)
    };
    let keyed = |v: Option<_>| v.map(|v| Keyed::of(v, r.i18n, String::new()));
    FullPage {
        summary: context::summary(site, r.i18n, id),
        lede: if page.explicit_summary {
            &page.summary
        } else {
            ""
        },
        lang: context::own_language(site, id),
        content: r.body_html(id),
        toc: &page.body.toc,
        breadcrumbs: breadcrumbs(site, section, r.i18n, !is_index),
        backlinks: backlinks(r, id),
        prev,
        next,
        permalink: format!("{}{}", site.config.base_url, page.url),
        word_count: page.body.word_count,
        reading_minutes: context::reading_minutes(page),
        owner: page.owner.as_deref(),
        source_path: page.path.to_string_lossy().replace('\\', "/"),
        weight: page.weight,
        lesson_id: page.lesson().and_then(|l| l.id.as_deref()),
        severity: keyed(page.lesson().and_then(|l| l.severity)),
        status: page
            .lesson()
            .and_then(|l| l.status)
            .map(|s| Keyed::of(s, r.i18n, String::new())),
        year: (page.kind == Kind::Review)
            .then(|| page.date.map(|d| d.year()))
            .flatten(),
        review_type: page
            .review()
            .map(|rv| Keyed::of(rv.review_type, r.i18n, String::new())),
        review_by: page
            .practice()
            .and_then(|p| p.review_by)
            .map(|d| context::ReviewBy {
                date: d.iso(),
                display: r.i18n.date(&d),
                past: d < site.config.as_of(),
            }),
        meta: (!matches!(page.extra, crate::content::page::Extra::None)).then_some(&page.extra),
    }
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

pub(super) fn section_context<'a>(
    r: &Renderer<'a>,
    s: SectionId,
    pages: Value,
) -> SectionContext<'a> {
    let site = r.site;
    let section = site.section(s);
    let index = section.index;
    SectionContext {
        title: section_title(site, s, r.i18n),
        url: section.url.clone(),
        lang: index.and_then(|id| context::own_language(site, id)),
        content: index.map(|id| r.body_html(id)).unwrap_or_default(),
        toc: index.map_or(&[][..], |id| &site.page(id).body.toc[..]),
        breadcrumbs: breadcrumbs(site, s, r.i18n, false),
        backlinks: index.map(|id| backlinks(r, id)).unwrap_or_default(),
        pages,
        subsections: section
            .children
            .iter()
            .map(|&c| section_card(site, c, r.i18n))
            .collect(),
    }
}

#[derive(Serialize)]
struct Home {
    /// Green, amber and red projects, for the portfolio at a glance.
    rag_counts: Vec<StatusCount>,
    counts: Counts,
    recent_lessons: Value,
    recent_reviews: Value,
    sections: Vec<context::SectionCard>,
    projects_by_status: Vec<StatusCount>,
}

fn home_context(r: &Renderer) -> Home {
    let site = r.site;
    let count = |k: Kind| site.pages.iter().filter(|p| p.kind == k).count();
    let lessons = site.newest(Kind::Lesson);
    let reviews = site.newest(Kind::Review);
    let cards_of = site
        .section_of_kind(Kind::Practice)
        .unwrap_or(SectionId::ROOT);
    let sections = site
        .section(cards_of)
        .children
        .iter()
        .map(|&c| section_card(site, c, r.i18n))
        .collect();
    use crate::content::schema::ProjectStatus;
    let projects_by_status = [
        ProjectStatus::Active,
        ProjectStatus::OnHold,
        ProjectStatus::Closed,
    ]
    .into_iter()
    .map(|status| StatusCount {
        key: status.key(),
        name: r.i18n.term(status),
        count: site
            .projects
            .values()
            .filter(|&&id| site.page(id).project().is_some_and(|p| p.status == status))
            .count(),
    })
    .collect();
    Home {
        rag_counts: rag_counts(&listings::project_rags(site), r),
        counts: Counts {
            practices: count(Kind::Practice),
            lessons: lessons.len(),
            projects: site.projects.len(),
            reviews: reviews.len(),
        },
        recent_lessons: r.summaries(&lessons[..lessons.len().min(6)]),
        recent_reviews: r.summaries(&reviews[..reviews.len().min(3)]),
        sections,
        projects_by_status,
    }
}

/// How many projects are green, amber and red (projects without a status are left out).
pub(super) fn rag_counts(projects: &[(PageId, Option<Rag>)], r: &Renderer) -> Vec<StatusCount> {
    [Rag::Green, Rag::Amber, Rag::Red]
        .into_iter()
        .map(|rag| StatusCount {
            key: rag.key(),
            name: r.i18n.term(rag),
            count: projects.iter().filter(|(_, p)| *p == Some(rag)).count(),
        })
        .collect()
}
