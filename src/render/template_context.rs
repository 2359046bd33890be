//! The context each job's template receives: the page, listing, term page or home page
//! it shows, in the shapes docs/templates.md documents.

use serde::Serialize;
use tera::{Context, Value};

use crate::content::schema::{Phase, Rag, Vocabulary};
use crate::diagnostics::Diagnostic;
use crate::kinds::Kind;
use crate::render::context::{
    self, breadcrumbs, kind_rank, paginator, project, section_card, section_title, FullPage, Keyed,
    Link,
};
use crate::render::jobs::{pages_for, Job};
use crate::render::{listings, Renderer};
use crate::site::{Named, PageId, SectionId, TermId};

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
    /// Whether the projects list has a page of its own for the status (not for the
    /// projects not rated).
    pub listed: bool,
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
        Job::Search | Job::NotFound | Job::Alias(..) => {}
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
            let slug = page.project().map_or("", |p| p.slug.as_str());
            ctx.insert("data_notes", r.data_notes(slug));
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
        summary: context::summary(site, r.i18n, id, &context::Shared::default()),
        lede: if page.explicit_summary {
            &page.summary
        } else {
            ""
        },
        description: if is_index {
            String::new()
        } else {
            super::description::of(&page.summary)
        },
        restricted: page.restricted.as_deref(),
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
    /// Projects whose data the build doubts, counted in `rag_counts` all the same.
    doubtful: usize,
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
        listed: true,
    })
    .collect();
    let rags = listings::project_rags(site);
    Home {
        doubtful: rags.iter().filter(|(id, _)| r.doubts(*id) > 0).count(),
        rag_counts: rag_counts(&rags, r),
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

/// How many projects are green, amber and red, and how many have no status. Where the
/// audience may not see money, the status computed from it is withheld: "0 Green, 2 Not
/// rated" told a reader that nothing was green and nothing had been rated, so only the
/// statuses set by hand are counted, and the rest are told as not shown.
pub(super) fn rag_counts(projects: &[(PageId, Option<Rag>)], r: &Renderer) -> Vec<StatusCount> {
    let money_shown = r.site.money_shown;
    let mut out: Vec<StatusCount> = [Rag::Green, Rag::Amber, Rag::Red]
        .into_iter()
        .map(|rag| StatusCount {
            key: rag.key(),
            name: r.i18n.term(rag),
            count: projects.iter().filter(|(_, p)| *p == Some(rag)).count(),
            listed: true,
        })
        .filter(|s| money_shown || s.count > 0)
        .collect();
    // Projects with no status yet are counted too: the shares of the three alone added
    // up to 50% of a portfolio half unrated, with no word of the other half.
    let unrated = projects.iter().filter(|(_, p)| p.is_none()).count();
    if unrated > 0 {
        out.push(StatusCount {
            key: "unrated",
            name: r
                .i18n
                .get(if money_shown {
                    "rag_unrated"
                } else {
                    "rag_withheld"
                })
                .to_string(),
            count: unrated,
            listed: false,
        });
    }
    out
}
