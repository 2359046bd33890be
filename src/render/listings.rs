//! The long listings, page by page: a section's pages, the reviews archive and each of its
//! years, the projects list and its RAG filters; and the dashboard's projects table, cut
//! to the projects most in need of attention. At 100,000 pages a listing on one page grew
//! to tens of megabytes, past what a browser on an intranet laptop opens comfortably.

use serde::Serialize;
use tera::{Context, Value};

use crate::content::schema::{Rag, Vocabulary};
use crate::derive;
use crate::kinds::Kind;
use crate::render::context::{self, paginator, ProjectRow};
use crate::render::jobs::pages_for;
use crate::render::template_context::{rag_counts, section_context, StatusCount};
use crate::render::Renderer;
use crate::site::{PageId, SectionId, Site};

/// The statuses the projects list can be filtered by, each a listing of its own.
pub const RAGS: [Rag; 3] = [Rag::Green, Rag::Amber, Rag::Red];

/// At most this many projects in the dashboard's table. It is read whole (sorted by eye,
/// printed for a steering meeting), so it is cut rather than paginated: beyond this the
/// table shows the projects most in need of attention and links the full list.
pub const DASHBOARD_ROWS: usize = 100;

/// Every project in the order of the projects list (by status, then code, then title),
/// with its RAG status.
pub fn project_rags(site: &Site) -> Vec<(PageId, Option<Rag>)> {
    let mut ids: Vec<PageId> = site.projects.values().copied().collect();
    ids.sort_by_key(|&id| {
        let p = site.page(id);
        (
            p.project().map(|i| i.status),
            p.project().and_then(|i| i.code.clone()),
            p.title.clone(),
        )
    });
    let empty = crate::data::ProjectData::default();
    ids.into_iter()
        .map(|id| {
            let rag = site.page(id).project().and_then(|info| {
                let data = site.project_data.get(&info.slug).unwrap_or(&empty);
                derive::rag(
                    info,
                    &derive::key_figures(info, data),
                    &site.config.thresholds,
                )
            });
            (id, rag)
        })
        .collect()
}

/// The first page of the projects list, or of its projects of one status. Under `rag/`
/// so that no project's folder name can clash with it.
pub fn projects_url(base: &str, rag: Option<Rag>) -> String {
    match rag {
        Some(rag) => format!("{base}rag/{}/", rag.key()),
        None => base.to_string(),
    }
}

/// The first page of the reviews archive, or of one year of it.
pub fn reviews_url(base: &str, year: Option<i16>) -> String {
    match year {
        Some(year) => format!("{base}{year}/"),
        None => base.to_string(),
    }
}

fn slice<T: Copy>(all: &[T], per: usize, n: usize) -> Vec<T> {
    all.iter()
        .skip((n - 1).saturating_mul(per))
        .take(per)
        .copied()
        .collect()
}

/// Page `n` of an ordinary section: its text and sub-sections on the first page only.
pub fn section(r: &Renderer, ctx: &mut Context, s: SectionId, n: usize) {
    let all = &r.site.section(s).pages;
    let per = r.site.config.paginate;
    let mut section = section_context(r, s, r.summaries(&slice(all, per, n)));
    if n > 1 {
        section.content = String::new();
        section.toc = &[];
        section.subsections = Vec::new();
    }
    ctx.insert("section", &section);
    ctx.insert(
        "paginator",
        &paginator(&r.site.section(s).url, n, pages_for(all.len(), per)),
    );
    ctx.insert("total", &all.len());
}

#[derive(Serialize)]
struct YearLink {
    year: i16,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct YearGroup {
    year: i16,
    url: String,
    /// The reviews of the whole year, not only of this page.
    count: usize,
    reviews: Value,
}

/// Page `n` of the reviews archive (every year, newest first), or of `year`.
pub fn reviews(r: &Renderer, ctx: &mut Context, s: SectionId, year: Option<i16>, n: usize) {
    let site = r.site;
    let base = &site.section(s).url;
    let years = r.review_years();
    let all: &[PageId] = match year {
        Some(y) => years.get(&y).map_or(&[], Vec::as_slice),
        None => site.newest(Kind::Review),
    };
    let per = site.config.paginate;
    let shown = slice(all, per, n);
    let mut grouped: Vec<(i16, Vec<PageId>)> = Vec::new();
    for id in shown {
        let Some(y) = site.page(id).date.map(|d| d.year()) else {
            continue;
        };
        match grouped.last_mut() {
            Some((year, ids)) if *year == y => ids.push(id),
            _ => grouped.push((y, vec![id])),
        }
    }
    let groups: Vec<YearGroup> = grouped
        .into_iter()
        .map(|(y, ids)| YearGroup {
            year: y,
            url: reviews_url(base, Some(y)),
            count: years.get(&y).map_or(0, Vec::len),
            reviews: r.summaries(&ids),
        })
        .collect();
    let nav: Vec<YearLink> = years
        .iter()
        .rev()
        .map(|(&y, ids)| YearLink {
            year: y,
            url: reviews_url(base, Some(y)),
            count: ids.len(),
        })
        .collect();
    ctx.insert("years", &nav);
    ctx.insert("groups", &groups);
    match year {
        Some(y) => ctx.insert("year", &y),
        None => ctx.insert("year", ""),
    }
    ctx.insert(
        "paginator",
        &paginator(&reviews_url(base, year), n, pages_for(all.len(), per)),
    );
    ctx.insert("total", &all.len());
}

#[derive(Serialize)]
struct RagFilter {
    key: &'static str,
    name: String,
    url: String,
    count: usize,
    current: bool,
}

/// Page `n` of the projects list, or of its projects of status `rag`; with a link to each
/// status's list, which is how the list is filtered (no script needed, and over file://).
pub fn projects(r: &Renderer, ctx: &mut Context, s: SectionId, rag: Option<Rag>, n: usize) {
    let site = r.site;
    let base = &site.section(s).url;
    let rags = project_rags(site);
    let ids: Vec<PageId> = rags
        .iter()
        .filter(|(_, r)| rag.is_none() || *r == rag)
        .map(|(id, _)| *id)
        .collect();
    let per = site.config.paginate;
    let rows: Vec<ProjectRow> = slice(&ids, per, n)
        .into_iter()
        .filter_map(|id| r.project_row(id))
        .collect();
    let filters: Vec<RagFilter> = RAGS
        .iter()
        .rev()
        .map(|&each| RagFilter {
            key: each.key(),
            name: r.i18n.term(each),
            url: projects_url(base, Some(each)),
            count: rags.iter().filter(|(_, r)| *r == Some(each)).count(),
            current: rag == Some(each),
        })
        .collect();
    ctx.insert("projects", &rows);
    ctx.insert("rag_filters", &filters);
    ctx.insert("all_projects", &rags.len());
    match rag {
        Some(rag) => ctx.insert("filter", &context::Keyed::of(rag, r.i18n, String::new())),
        None => ctx.insert("filter", ""),
    }
    ctx.insert(
        "paginator",
        &paginator(&projects_url(base, rag), n, pages_for(ids.len(), per)),
    );
    ctx.insert("total", &ids.len());
}

#[derive(Serialize)]
pub struct Dashboard<'a> {
    title: String,
    /// At most [`DASHBOARD_ROWS`] projects; `total` is how many there are.
    projects: Vec<ProjectRow>,
    total: usize,
    /// The projects list, which shows them all.
    all_url: String,
    rag_counts: Vec<StatusCount>,
    charts: &'a [crate::charts::Drawing],
    /// The latest reporting period across the portfolio.
    as_of: String,
    /// The currency portfolio amounts are converted into (empty when unknown).
    currency: String,
    /// Whether some project is in another currency, its amounts converted.
    converted: bool,
    /// The portfolio month by month.
    trend: Vec<context::TrendRow>,
    /// Projects the BAC/EAC chart leaves out, having no EAC.
    without_eac: usize,
    /// Projects whose data the build doubts, counted in the figures all the same.
    doubtful: usize,
}

pub fn dashboard<'a>(r: &Renderer<'a>) -> Dashboard<'a> {
    let site = r.site;
    let rags = project_rags(site);
    let shown = attention(&rags, DASHBOARD_ROWS);
    let rows: Vec<ProjectRow> = shown.iter().filter_map(|&id| r.project_row(id)).collect();
    let empty = crate::data::ProjectData::default();
    let as_of = rags
        .iter()
        .filter_map(|(id, _)| {
            let info = site.page(*id).project()?;
            let data = site.project_data.get(&info.slug).unwrap_or(&empty);
            derive::key_figures(info, data).last_period
        })
        .max()
        .unwrap_or_default();
    let counts: Vec<StatusCount> = rag_counts(&rags, r);
    Dashboard {
        title: r.i18n.get("dashboard_open").to_string(),
        projects: rows,
        total: rags.len(),
        all_url: site
            .section_of_kind(Kind::Project)
            .map(|s| site.section(s).url.clone())
            .unwrap_or_default(),
        rag_counts: counts,
        charts: &r.drawings.dashboard,
        as_of,
        currency: derive::currency::of_site(site).unwrap_or_default(),
        converted: derive::currency::converts(site),
        trend: context::portfolio_trend(site),
        without_eac: site
            .tables
            .get("portfolio")
            .map_or(0, crate::charts::portfolio::without_eac),
        doubtful: rags.iter().filter(|(id, _)| r.doubts(*id) > 0).count(),
    }
}

/// The projects a table of at most `limit` rows shows: all of them in list order when
/// they fit, otherwise red ones first, then amber, green and those without a status,
/// each in list order.
fn attention(rags: &[(PageId, Option<Rag>)], limit: usize) -> Vec<PageId> {
    if rags.len() <= limit {
        return rags.iter().map(|(id, _)| *id).collect();
    }
    let rank = |rag: Option<Rag>| match rag {
        Some(Rag::Red) => 0,
        Some(Rag::Amber) => 1,
        Some(Rag::Green) => 2,
        None => 3,
    };
    let mut ranked: Vec<(usize, PageId)> = rags.iter().map(|&(id, r)| (rank(r), id)).collect();
    // Stable: list order within a status.
    ranked.sort_by_key(|(rank, _)| *rank);
    ranked.into_iter().take(limit).map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::Id;

    #[test]
    fn a_table_too_long_keeps_the_projects_most_in_need_of_attention() {
        let id = PageId::new;
        let rags = [
            (id(0), Some(Rag::Green)),
            (id(1), None),
            (id(2), Some(Rag::Red)),
            (id(3), Some(Rag::Amber)),
            (id(4), Some(Rag::Red)),
        ];
        let ids = |v: &[usize]| v.iter().map(|&i| id(i)).collect::<Vec<_>>();
        assert_eq!(attention(&rags, 5), ids(&[0, 1, 2, 3, 4]));
        assert_eq!(attention(&rags, 3), ids(&[2, 4, 3]));
        assert_eq!(attention(&rags, 4), ids(&[2, 4, 3, 0]));
    }

    #[test]
    fn a_page_slice_past_the_end_is_empty() {
        let all = [1, 2, 3, 4, 5];
        assert_eq!(slice(&all, 2, 1), vec![1, 2]);
        assert_eq!(slice(&all, 2, 3), vec![5]);
        assert!(slice(&all, 2, 4).is_empty());
    }
}
