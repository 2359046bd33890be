//! What gets rendered: one [`Job`] per output page, and the context each job's template
//! receives.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, Value};

use crate::content::schema::{Phase, Vocabulary};
use crate::kinds::{Kind, Listing};
use crate::render::context::{
    self, breadcrumbs, kind_rank, paged_url, paginator, project, project_row, section_card,
    section_title, FullPage, Keyed, Link,
};
use crate::render::Renderer;
use crate::site::{PageId, SectionId, Site};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// A content page (practice, lesson, project, review, report, plain page).
    Page(PageId),
    /// The home page (section 0).
    Home,
    /// An ordinary section listing (practices and their sub-folders, reports …).
    Section(SectionId),
    /// The lessons register, page `n` (1-based).
    Lessons(SectionId, usize),
    Projects(SectionId),
    /// The reviews archive, or one year of it.
    Reviews(SectionId, Option<i16>),
    /// The portfolio dashboard.
    Dashboard,
    /// The search results page (when the theme has `search.html`).
    Search,
    TaxonomyIndex(usize),
    /// Taxonomy, term, page number (1-based).
    Term(usize, usize, usize),
    NotFound,
}

pub fn plan(site: &Site, has_search_page: bool) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (id, page) in site.pages.iter().enumerate() {
        if !page.kind.is_index() {
            jobs.push(Job::Page(id));
        }
    }
    let per_page = site.config.paginate;
    for sid in 0..site.sections.len() {
        jobs.extend(section_jobs(site, sid));
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        jobs.push(Job::TaxonomyIndex(t));
        for (i, term) in taxonomy.terms.iter().enumerate() {
            for n in 1..=pages_for(term.pages.len(), per_page) {
                jobs.push(Job::Term(t, i, n));
            }
        }
    }
    if !site.projects.is_empty() {
        jobs.push(Job::Dashboard);
    }
    if has_search_page {
        jobs.push(Job::Search);
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
    let listing = Kind::of_folder(dir).map_or(Listing::Section, |k| k.spec().listing);
    match listing {
        Listing::Register => {
            let count = site.newest(Kind::Lesson).len();
            (1..=pages_for(count, site.config.paginate))
                .map(|n| Job::Lessons(sid, n))
                .collect()
        }
        Listing::Projects => vec![Job::Projects(sid)],
        Listing::ByYear => std::iter::once(Job::Reviews(sid, None))
            .chain(
                review_years(site)
                    .into_keys()
                    .map(|year| Job::Reviews(sid, Some(year))),
            )
            .collect(),
        Listing::Section => vec![Job::Section(sid)],
    }
}

pub(super) fn pages_for(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page).max(1)
}

/// Reviews by year, newest year first, each year newest first.
fn review_years(site: &Site) -> BTreeMap<i16, Vec<PageId>> {
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
            Job::Section(s) | Job::Projects(s) => site.section(*s).url.clone(),
            Job::Lessons(s, n) => paged_url(&site.section(*s).url, *n),
            Job::Reviews(s, None) => site.section(*s).url.clone(),
            Job::Reviews(s, Some(year)) => format!("{}{year}/", site.section(*s).url),
            Job::Dashboard => crate::layout::DASHBOARD_URL.to_string(),
            Job::Search => "search/".to_string(),
            Job::TaxonomyIndex(t) => site.taxonomies[*t].url(),
            Job::Term(t, i, n) => {
                let taxonomy = &site.taxonomies[*t];
                paged_url(&taxonomy.term_url(&taxonomy.terms[*i]), *n)
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
            Job::Section(_) => "section.html",
            Job::Lessons(..) => "lessons.html",
            Job::Projects(_) => "projects.html",
            Job::Reviews(..) => "reviews.html",
            Job::Dashboard => "dashboard.html",
            Job::Search => "search.html",
            Job::TaxonomyIndex(_) => "taxonomy.html",
            Job::Term(..) => "term.html",
            Job::NotFound => "404.html",
        }
    }

    /// The content file behind the job, to name in a template error.
    pub fn source_page(&self, site: &Site) -> Option<PageId> {
        match self {
            Job::Page(id) => Some(*id),
            Job::Home => site.sections[0].index,
            Job::Section(s) | Job::Projects(s) | Job::Lessons(s, _) | Job::Reviews(s, _) => {
                site.section(*s).index
            }
            _ => None,
        }
    }
}

#[derive(Serialize)]
struct SectionContext<'a> {
    title: String,
    url: String,
    content: String,
    toc: &'a [crate::markdown::TocEntry],
    breadcrumbs: Vec<Link>,
    backlinks: Vec<Value>,
    pages: Value,
    subsections: Vec<context::SectionCard>,
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
struct Year {
    year: i16,
    url: String,
    reviews: Value,
}

#[derive(Serialize)]
struct StatusCount {
    key: &'static str,
    name: String,
    count: usize,
}

#[derive(Serialize)]
struct Counts {
    practices: usize,
    lessons: usize,
    projects: usize,
    reviews: usize,
}

pub fn context(r: &Renderer, job: &Job) -> (&'static str, Context) {
    let site = r.site;
    let mut ctx = Context::new();
    let no_pages = || Value::from(Vec::<Value>::new());
    match job {
        Job::Page(id) => page_context(r, &mut ctx, *id),
        Job::Home => {
            let home = &site.sections[0];
            ctx.insert("page", &home.index.map(|id| full_page(r, id)));
            ctx.insert("home", &home_context(r));
        }
        Job::Section(s) => {
            let pages = site.section(*s).pages.clone();
            ctx.insert("section", &section_context(r, *s, r.summaries(&pages)));
        }
        Job::Lessons(s, n) => {
            ctx.insert("section", &section_context(r, *s, no_pages()));
            lessons_context(r, &mut ctx, &site.section(*s).url, *n);
        }
        Job::Projects(s) => {
            ctx.insert("section", &section_context(r, *s, no_pages()));
            ctx.insert("projects", &project_rows(r));
        }
        Job::Reviews(s, year) => {
            ctx.insert("section", &section_context(r, *s, no_pages()));
            ctx.insert("years", &years_context(r, &site.section(*s).url, *year));
            match year {
                Some(y) => ctx.insert("year", y),
                None => ctx.insert("year", ""),
            }
        }
        Job::Dashboard => {
            ctx.insert("dashboard", &dashboard_context(r));
        }
        Job::Search | Job::NotFound => {}
        Job::TaxonomyIndex(t) => {
            ctx.insert("taxonomy", &taxonomy_info(r, *t, true));
        }
        Job::Term(t, i, n) => term_context(r, &mut ctx, *t, *i, *n),
    }
    let template = job.template(site);
    (template, ctx)
}

/// A content page, and for projects and reviews what their templates show beside it.
fn page_context(r: &Renderer, ctx: &mut Context, id: PageId) {
    let site = r.site;
    let page = site.page(id);
    ctx.insert("page", &full_page(r, id));
    ctx.insert("related_lessons", &super::related::items(r, id));
    match page.kind {
        Kind::Project => {
            ctx.insert("project", &project(site, r.i18n, id));
            let none = Vec::new();
            ctx.insert("charts", r.figures.projects.get(&id).unwrap_or(&none));
            let links = site.project_links.get(&id).cloned().unwrap_or_default();
            ctx.insert_value("lessons", r.summaries(&links.lessons));
            ctx.insert_value("reviews", r.summaries(&links.reviews));
            ctx.insert_value("related", r.summaries(&links.related));
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
}

/// Page `n` of the lessons register.
fn lessons_context(r: &Renderer, ctx: &mut Context, url: &str, n: usize) {
    let all = r.site.newest(Kind::Lesson);
    let per = r.site.config.paginate;
    let slice: Vec<PageId> = all.iter().skip((n - 1) * per).take(per).copied().collect();
    ctx.insert_value("pages", r.summaries(&slice));
    ctx.insert("paginator", &paginator(url, n, pages_for(all.len(), per)));
    ctx.insert("total", &all.len());
}

/// Every project's row, by status, then code, then title.
fn project_rows(r: &Renderer) -> Vec<context::ProjectRow> {
    let site = r.site;
    let mut ids: Vec<PageId> = site.projects.values().copied().collect();
    ids.sort_by_key(|&id| {
        let p = site.page(id);
        (
            p.project().map(|i| i.status),
            p.project().and_then(|i| i.code.clone()),
            p.title.clone(),
        )
    });
    ids.iter()
        .filter_map(|&id| project_row(site, r.i18n, id))
        .collect()
}

/// The reviews by year, newest year first: all of them, or `only` one year.
fn years_context(r: &Renderer, base: &str, only: Option<i16>) -> Vec<Year> {
    review_years(r.site)
        .into_iter()
        .rev()
        .filter(|(y, _)| only.is_none_or(|only| only == *y))
        .map(|(y, ids)| Year {
            year: y,
            url: format!("{base}{y}/"),
            reviews: r.summaries(&ids),
        })
        .collect()
}

/// Page `n` of term `term` of taxonomy `t`.
fn term_context(r: &Renderer, ctx: &mut Context, t: usize, term: usize, n: usize) {
    let taxonomy = &r.site.taxonomies[t];
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

fn taxonomy_info(r: &Renderer, t: usize, with_terms: bool) -> TaxonomyInfo {
    let taxonomy = &r.site.taxonomies[t];
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
        neighbours(site, section, id)
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
        meta: (!matches!(page.extra, crate::content::page::Extra::None)).then_some(&page.extra),
    }
}

/// The practices before and after `id` in its section's reading order.
fn neighbours(site: &Site, section: SectionId, id: PageId) -> (Option<Link>, Option<Link>) {
    let list: Vec<PageId> = site
        .section(section)
        .pages
        .iter()
        .copied()
        .filter(|&p| site.page(p).kind == Kind::Practice)
        .collect();
    let link = |p: PageId| Link {
        title: site.page(p).title.clone(),
        url: site.page(p).url.clone(),
    };
    match list.iter().position(|&p| p == id) {
        Some(i) => (
            i.checked_sub(1).map(|j| link(list[j])),
            list.get(i + 1).map(|&j| link(j)),
        ),
        None => (None, None),
    }
}

fn section_context<'a>(r: &Renderer<'a>, s: SectionId, pages: Value) -> SectionContext<'a> {
    let site = r.site;
    let section = site.section(s);
    let index = section.index;
    SectionContext {
        title: section_title(site, s, r.i18n),
        url: section.url.clone(),
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
    let cards_of = site.section_of_kind(Kind::Practice).unwrap_or(0);
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
    let rows: Vec<context::ProjectRow> = site
        .projects
        .values()
        .filter_map(|&id| project_row(site, r.i18n, id))
        .collect();
    Home {
        rag_counts: rag_counts(&rows, r),
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
fn rag_counts(projects: &[context::ProjectRow], r: &Renderer) -> Vec<StatusCount> {
    use crate::content::schema::Rag;
    [Rag::Green, Rag::Amber, Rag::Red]
        .into_iter()
        .map(|rag| StatusCount {
            key: rag.key(),
            name: r.i18n.term(rag),
            count: projects
                .iter()
                .filter(|p| p.rag.as_ref().is_some_and(|k| k.key == rag.key()))
                .count(),
        })
        .collect()
}

#[derive(Serialize)]
struct Dashboard<'a> {
    title: String,
    projects: Vec<context::ProjectRow>,
    rag_counts: Vec<StatusCount>,
    charts: &'a [crate::charts::Figure],
    /// The latest reporting period across the portfolio.
    as_of: String,
    /// The currency portfolio amounts are converted into (empty when unknown).
    currency: String,
    /// The portfolio month by month.
    trend: Vec<context::TrendRow>,
}

fn dashboard_context<'a>(r: &Renderer<'a>) -> Dashboard<'a> {
    let site = r.site;
    let projects = project_rows(r);
    let rag_counts = rag_counts(&projects, r);
    let as_of = projects
        .iter()
        .map(|p| p.last_period.clone())
        .max()
        .unwrap_or_default();
    Dashboard {
        title: r.i18n.get("dashboard_open").to_string(),
        projects,
        rag_counts,
        charts: &r.figures.dashboard,
        as_of,
        currency: crate::derive::currency::of_site(site).unwrap_or_default(),
        trend: context::portfolio_trend(site),
    }
}
