//! What a project page and the projects list are given: a project's row, its shown
//! figures, milestones, risks and the rows of its budget and status tables, and the
//! portfolio's monthly trend.

use serde::Serialize;

use super::{Keyed, Link};
use crate::derive::{self, format_amount, SHOWN_PERIODS};
use crate::i18n::I18n;
use crate::site::{PageId, Site};

#[derive(Debug, Serialize)]
pub struct Milestone {
    pub name: String,
    pub baseline: String,
    pub forecast: String,
    pub actual: String,
    pub done: bool,
    /// Not reached and past its day (see `derive::is_late`): the row is marked red.
    pub late: bool,
    /// Reached after its baseline: said, not alarmed.
    pub finished_late: bool,
    pub slip_days: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct Risk<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub probability: u8,
    pub impact: u8,
    pub exposure: u8,
    pub owner: &'a str,
    /// In the site's language when it is a usual word (`open` → 未关闭).
    pub status: String,
    pub response: &'a str,
}

#[derive(Debug, Serialize)]
pub struct Period<'a> {
    pub period: &'a str,
    pub pv: String,
    pub ev: String,
    pub ac: String,
}

/// One month of a project's status over time, as shown.
#[derive(Debug, Serialize)]
pub struct StatusRow {
    pub period: String,
    pub cpi: String,
    pub spi: String,
    pub rag: Option<Keyed>,
}

/// One month of the portfolio's trend, as shown.
#[derive(Debug, Serialize)]
pub struct TrendRow {
    pub period: String,
    pub cpi: String,
    pub spi: String,
    pub green: usize,
    pub amber: usize,
    pub red: usize,
    /// Projects reporting the month (see `derive::history::Month::reporting`).
    pub reporting: usize,
}

/// How many months the dashboard's trend shows: a year reads at a glance.
pub const TREND_MONTHS: usize = 12;

/// The portfolio's last [`TREND_MONTHS`] months: CPI and SPI of all projects reporting
/// each month (in the portfolio's currency) and how many were green, amber and red.
pub fn portfolio_trend(site: &Site) -> Vec<TrendRow> {
    let (rates, _) = derive::currency::Rates::of_site(site);
    let projects: Vec<Vec<(derive::history::Snapshot, f64)>> = derive::currency::projects(site)
        .into_iter()
        .filter_map(|info| {
            let data = site.project_data.get(&info.slug)?;
            let history = derive::history::project(
                info.bac,
                &derive::measured(data),
                &site.config.thresholds,
            );
            // A month without a rate is left out rather than added unconverted.
            Some(
                history
                    .into_iter()
                    .filter_map(|s| Some((rates.rate(info, Some(&s.period))?, s)))
                    .map(|(rate, s)| (s, rate))
                    .collect(),
            )
        })
        .collect();
    let months = derive::history::portfolio(&projects);
    // The last twelve months of the calendar, not the last twelve months reported: a
    // portfolio silent from October to December showed 15 months as "the last 12", the
    // closed project's old months read as recent. A month no project reported is a
    // row saying so.
    let numbered: Vec<(i32, derive::history::Month)> = months
        .into_iter()
        .filter_map(|m| Some((derive::month_number(&m.period)?, m)))
        .collect();
    let Some(&(last, _)) = numbered.last() else {
        return Vec::new();
    };
    let first = numbered
        .first()
        .map_or(last, |(n, _)| *n)
        .max(last - TREND_MONTHS as i32 + 1);
    let mut reported = numbered.into_iter().peekable();
    let mut rows = Vec::new();
    for n in first..=last {
        while reported.next_if(|(m, _)| *m < n).is_some() {}
        rows.push(match reported.next_if(|(m, _)| *m == n) {
            Some((_, m)) => TrendRow {
                period: m.period,
                cpi: derive::evm::format_index(m.cpi),
                spi: derive::evm::format_index(m.spi),
                green: m.counts[0],
                amber: m.counts[1],
                red: m.counts[2],
                reporting: m.reporting,
            },
            None => TrendRow {
                period: derive::month_name(n),
                cpi: "n/a".to_string(),
                spi: "n/a".to_string(),
                green: 0,
                amber: 0,
                red: 0,
                reporting: 0,
            },
        });
    }
    rows
}

#[derive(Debug, Serialize)]
pub struct ShownFigures {
    pub bac_display: String,
    pub spent_display: String,
    pub spent_pct: String,
    pub ev_display: String,
    pub last_period: String,
    pub milestones_total: usize,
    pub milestones_done: usize,
    pub milestones_late: usize,
    pub milestones_finished_late: usize,
    pub risks_total: usize,
    pub risks_open: usize,
}

#[derive(Debug, Serialize)]
pub struct ProjectRow {
    pub title: String,
    pub url: String,
    pub code: String,
    pub manager: String,
    pub department: String,
    pub status: Keyed,
    /// The status shown: set by hand when `rag_by_hand`, computed otherwise.
    pub rag: Option<Keyed>,
    /// The status was set by hand (`rag:`); `rag_computed` and `rag_reason` go beside it.
    pub rag_by_hand: bool,
    pub rag_computed: Option<Keyed>,
    pub rag_reason: String,
    pub start_display: String,
    pub finish_display: String,
    pub bac_display: String,
    pub currency: String,
    pub lessons_count: usize,
    /// Milestones and risks, for the lists of projects: the dashboard's table shows how
    /// many milestones are done and delayed and how many risks are open.
    pub milestones_total: usize,
    pub milestones_done: usize,
    pub milestones_late: usize,
    pub risks_total: usize,
    pub risks_open: usize,
    pub review: Option<Link>,
    /// Earned-value measures at the last reported period ("n/a" where undefined).
    pub cpi: String,
    pub spi: String,
    pub eac_display: String,
    pub vac_display: String,
    pub percent_complete: String,
    pub last_period: String,
    /// Active, with figures that stopped more than hygiene's `data_stale_months` ago:
    /// its status is as of `last_period`, which the lists mark.
    pub stale: bool,
    /// How many doubts the build has about its data (its page lists them): the lists
    /// mark such a project, whose CPI or status may be wrong (see `render::notes`).
    pub doubts: usize,
}

#[derive(Debug, Serialize)]
pub struct Project<'a> {
    #[serde(flatten)]
    pub row: ProjectRow,
    pub sponsor: String,
    pub phase: Option<Keyed>,
    pub figures: ShownFigures,
    pub milestones: Vec<Milestone>,
    pub risks: Vec<Risk<'a>>,
    /// How many of `risks` the page lists ([`derive::RISKS_SHOWN`]).
    pub risks_shown: usize,
    /// The latest [`SHOWN_PERIODS`] rows of the budget table.
    pub budget: Vec<Period<'a>>,
    /// How many rows the budget table has, shown or not.
    pub budget_periods: usize,
    /// CPI, SPI and the computed status as of each of the latest [`SHOWN_PERIODS`]
    /// reported months.
    pub history: Vec<StatusRow>,
    /// How many months the status history has, shown or not.
    pub history_periods: usize,
}

/// The last [`SHOWN_PERIODS`] of `rows`, and how many there were.
fn latest<T>(rows: Vec<T>) -> (Vec<T>, usize) {
    let total = rows.len();
    let shown = rows
        .into_iter()
        .skip(total.saturating_sub(SHOWN_PERIODS))
        .collect();
    (shown, total)
}

pub fn project_row(site: &Site, i18n: &I18n, id: PageId) -> Option<ProjectRow> {
    let page = site.page(id);
    let info = page.project()?;
    let data = site
        .project_data
        .get(&info.slug)
        .cloned()
        .unwrap_or_default();
    let figures = derive::key_figures(info, &data);
    let links = site.project_links.get(&id);
    let date =
        |d: Option<crate::content::schema::Date>| d.map(|d| i18n.date(&d)).unwrap_or_default();
    Some(ProjectRow {
        title: page.title.clone(),
        url: page.url.clone(),
        code: info.code.clone().unwrap_or_default(),
        manager: info.manager.clone().unwrap_or_default(),
        department: info.department.clone().unwrap_or_default(),
        status: Keyed::of(info.status, i18n, String::new()),
        rag: derive::rag(info, &figures, &site.config.thresholds)
            .map(|r| Keyed::of(r, i18n, String::new())),
        rag_by_hand: info.rag.is_some(),
        rag_computed: derive::computed_rag(&figures, &site.config.thresholds)
            .map(|r| Keyed::of(r, i18n, String::new())),
        rag_reason: info.rag_reason.clone().unwrap_or_default(),
        start_display: date(info.start),
        finish_display: date(info.finish),
        bac_display: info.bac.map(format_amount).unwrap_or_default(),
        // A project naming none is in the portfolio's (warned when the site has several).
        currency: info
            .currency
            .clone()
            .or_else(|| derive::currency::of_site(site))
            .unwrap_or_default(),
        lessons_count: links.map_or(0, |l| l.lessons.len()),
        milestones_total: figures.milestones_total,
        milestones_done: figures.milestones_done,
        milestones_late: figures.milestones_late,
        risks_total: figures.risks_total,
        risks_open: figures.risks_open,
        review: site.closure_reviews(id).next().map(|r| Link {
            title: site.page(r).title.clone(),
            url: site.page(r).url.clone(),
        }),
        cpi: derive::evm::format_index(figures.cpi),
        spi: derive::evm::format_index(figures.spi),
        eac_display: figures
            .latest
            .as_ref()
            .and_then(|m| m.eac)
            .map_or_else(|| "n/a".to_string(), format_amount),
        vac_display: figures
            .latest
            .as_ref()
            .and_then(|m| m.vac)
            .map_or_else(|| "n/a".to_string(), format_amount),
        percent_complete: figures
            .latest
            .as_ref()
            .and_then(|m| m.percent_complete)
            .map_or_else(|| "n/a".to_string(), derive::evm::format_percent),
        last_period: figures.last_period.clone().unwrap_or_default(),
        stale: derive::doubts::stopped(site, info, figures.last_period.as_deref()),
        // Known to the renderer only (see `Renderer::doubts`), which sets it.
        doubts: 0,
    })
}

pub fn project<'a>(site: &'a Site, i18n: &I18n, id: PageId) -> Option<Project<'a>> {
    let row = project_row(site, i18n, id)?;
    let page = site.page(id);
    let info = page.project()?;
    static EMPTY: crate::data::ProjectData = crate::data::ProjectData {
        budget: Vec::new(),
        milestones: Vec::new(),
        risks: Vec::new(),
        as_of: None,
    };
    let data = site.project_data.get(&info.slug).unwrap_or(&EMPTY);
    let figures = derive::key_figures(info, data);
    let amount = |v: Option<f64>| v.map(format_amount).unwrap_or_default();
    let (budget, budget_periods) = latest(
        data.budget
            .iter()
            .map(|b| Period {
                period: &b.period,
                pv: format_amount(b.pv),
                ev: amount(b.ev),
                ac: amount(b.ac),
            })
            .collect(),
    );
    let (history, history_periods) = latest(
        derive::history::project(info.bac, &derive::measured(data), &site.config.thresholds)
            .into_iter()
            .map(|h| StatusRow {
                period: h.period,
                cpi: derive::evm::format_index(h.cpi),
                spi: derive::evm::format_index(h.spi),
                rag: h.rag.map(|r| Keyed::of(r, i18n, String::new())),
            })
            .collect(),
    );
    let risks = derive::risks_by_exposure(&data.risks);
    let iso = |d: Option<crate::content::schema::Date>| d.map(|d| d.iso()).unwrap_or_default();
    Some(Project {
        row,
        sponsor: info.sponsor.clone().unwrap_or_default(),
        phase: info.phase.map(|p| Keyed::of(p, i18n, String::new())),
        figures: ShownFigures {
            bac_display: amount(figures.bac),
            spent_display: amount(figures.spent),
            spent_pct: figures
                .spent_ratio()
                .map(derive::evm::percent_digits)
                .unwrap_or_default(),
            ev_display: amount(figures.ev),
            last_period: figures.last_period.clone().unwrap_or_default(),
            milestones_total: figures.milestones_total,
            milestones_done: figures.milestones_done,
            milestones_late: figures.milestones_late,
            milestones_finished_late: figures.milestones_finished_late,
            risks_total: figures.risks_total,
            risks_open: figures.risks_open,
        },
        milestones: data
            .milestones
            .iter()
            .map(|m| Milestone {
                name: m.name.clone(),
                baseline: m.baseline.iso(),
                forecast: iso(m.forecast),
                actual: iso(m.actual),
                done: m.actual.is_some(),
                late: derive::is_late(m, data.as_of),
                finished_late: derive::finished_late(m),
                slip_days: derive::slip_days(m, data.as_of),
            })
            .collect(),
        risks: risks
            .into_iter()
            .map(|r| Risk {
                id: &r.id,
                title: &r.title,
                probability: r.probability,
                impact: r.impact,
                exposure: r.exposure(),
                owner: &r.owner,
                status: i18n.risk_status(&r.status),
                response: &r.response,
            })
            .collect(),
        risks_shown: derive::RISKS_SHOWN,
        budget,
        budget_periods,
        history,
        history_periods,
    })
}
