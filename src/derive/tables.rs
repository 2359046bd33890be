//! Tables the build derives for charts, `table` blocks and the dashboard: `portfolio`
//! (one row per project with its metrics), `lessons` (one row per lesson) and `risks`
//! (every project's risks). They are ordinary [`Table`]s, so a ```chart block reads them
//! exactly like a CSV file.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::content::page::Kind;
use crate::content::schema::Vocabulary;
use crate::data::{Cell, Table};
use crate::derive::{self, key_figures};
use crate::render::i18n::I18n;
use crate::site::Site;

fn text(s: impl Into<String>) -> Cell {
    let s = s.into();
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

fn number(n: Option<f64>) -> Cell {
    n.map_or(Cell::Empty, Cell::Number)
}

fn table(name: &str, columns: &[&str], rows: Vec<Vec<Cell>>) -> Table {
    Table {
        name: name.to_string(),
        path: PathBuf::from(format!("<derived table {name}>")),
        source: None,
        columns: columns.iter().map(|c| c.to_string()).collect(),
        rows,
        places: Vec::new(),
    }
}

pub fn all(site: &Site, i18n: &I18n) -> BTreeMap<String, Table> {
    let mut out = BTreeMap::new();
    for t in [portfolio(site, i18n), lessons(site, i18n), risks(site)] {
        out.insert(t.name.clone(), t);
    }
    out
}

pub const PORTFOLIO_COLUMNS: &[&str] = &[
    "project",
    "title",
    "code",
    "department",
    "manager",
    "status",
    "status_name",
    "rag",
    "rag_name",
    "currency",
    "bac",
    "pv",
    "ev",
    "ac",
    "cv",
    "sv",
    "cpi",
    "spi",
    "eac",
    "etc",
    "vac",
    "tcpi",
    "percent_complete",
    "milestones_total",
    "milestones_done",
    "milestones_late",
    "risks_total",
    "risks_open",
    "top_exposure",
    "start",
    "finish",
    "closed_year",
    "period",
    "url",
];

fn portfolio(site: &Site, i18n: &I18n) -> Table {
    let mut rows = Vec::new();
    for (slug, &id) in &site.projects {
        let page = site.page(id);
        let Some(info) = page.project() else { continue };
        let data = site.project_data.get(slug).cloned().unwrap_or_default();
        let f = key_figures(info, &data);
        let m = f.latest.clone();
        let rag = derive::rag(info, &f, &site.config.thresholds);
        let closed_year = (info.status == crate::content::schema::ProjectStatus::Closed)
            .then(|| {
                site.project_links
                    .get(&id)
                    .and_then(|l| l.reviews.iter().filter_map(|&r| site.page(r).date).max())
                    .or(info.finish)
                    .map(|d| f64::from(d.year()))
            })
            .flatten();
        let top_exposure = data
            .risks
            .iter()
            .filter(|r| r.is_open())
            .map(|r| r.exposure())
            .max();
        let get =
            |f: fn(&derive::evm::PeriodMetrics) -> Option<f64>| number(m.as_ref().and_then(f));
        rows.push(vec![
            text(slug.clone()),
            text(page.title.clone()),
            text(info.code.clone().unwrap_or_default()),
            text(info.department.clone().unwrap_or_default()),
            text(info.manager.clone().unwrap_or_default()),
            text(info.status.key()),
            text(i18n.term(info.status)),
            text(rag.map(|r| r.key()).unwrap_or_default()),
            text(rag.map(|r| i18n.term(r)).unwrap_or_default()),
            text(info.currency.clone().unwrap_or_default()),
            number(info.bac),
            number(m.as_ref().map(|m| m.pv)),
            get(|m| m.ev),
            get(|m| m.ac),
            get(|m| m.cv),
            get(|m| m.sv),
            get(|m| m.cpi),
            get(|m| m.spi),
            get(|m| m.eac),
            get(|m| m.etc),
            get(|m| m.vac),
            get(|m| m.tcpi),
            get(|m| m.percent_complete),
            Cell::Number(f.milestones_total as f64),
            Cell::Number(f.milestones_done as f64),
            Cell::Number(f.milestones_late as f64),
            Cell::Number(f.risks_total as f64),
            Cell::Number(f.risks_open as f64),
            number(top_exposure.map(f64::from)),
            info.start.map_or(Cell::Empty, Cell::Date),
            info.finish.map_or(Cell::Empty, Cell::Date),
            number(closed_year),
            text(f.last_period.clone().unwrap_or_default()),
            text(page.url.clone()),
        ]);
    }
    table("portfolio", PORTFOLIO_COLUMNS, rows)
}

fn lessons(site: &Site, i18n: &I18n) -> Table {
    let mut rows = Vec::new();
    for id in site.newest(Kind::Lesson).into_iter().rev() {
        let page = site.page(id);
        let Some(l) = page.lesson() else { continue };
        let project_title = site
            .project_of(page)
            .map(|p| site.page(p).title.clone())
            .unwrap_or_default();
        rows.push(vec![
            text(page.title.clone()),
            page.date.map_or(Cell::Empty, Cell::Date),
            number(page.date.map(|d| f64::from(d.year()))),
            text(l.project.clone()),
            text(project_title),
            text(l.phase.key()),
            text(i18n.term(l.phase)),
            text(page.category.clone().unwrap_or_default()),
            text(l.impact.key()),
            text(i18n.term(l.impact)),
            text(l.severity.map(|s| s.key()).unwrap_or_default()),
            text(l.status.map(|s| s.key()).unwrap_or_default()),
            text(page.url.clone()),
        ]);
    }
    table(
        "lessons",
        &[
            "title",
            "date",
            "year",
            "project",
            "project_title",
            "phase",
            "phase_name",
            "category",
            "impact",
            "impact_name",
            "severity",
            "status",
            "url",
        ],
        rows,
    )
}

fn risks(site: &Site) -> Table {
    let mut all: Vec<(&str, &crate::data::Risk)> = site
        .project_data
        .iter()
        .flat_map(|(slug, d)| d.risks.iter().map(move |r| (slug.as_str(), r)))
        .collect();
    all.sort_by(|a, b| {
        b.1.exposure()
            .cmp(&a.1.exposure())
            .then_with(|| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)))
    });
    let rows = all
        .into_iter()
        .map(|(slug, r)| {
            let title = site
                .projects
                .get(slug)
                .map(|&p| site.page(p).title.clone())
                .unwrap_or_default();
            vec![
                text(slug),
                text(title),
                text(r.id.clone()),
                text(r.title.clone()),
                Cell::Number(f64::from(r.probability)),
                Cell::Number(f64::from(r.impact)),
                Cell::Number(f64::from(r.exposure())),
                text(r.owner.clone()),
                text(r.status.clone()),
                text(if r.is_open() { "open" } else { "closed" }),
                text(r.response.clone()),
            ]
        })
        .collect();
    table(
        "risks",
        &[
            "project",
            "project_title",
            "id",
            "title",
            "probability",
            "impact",
            "exposure",
            "owner",
            "status",
            "state",
            "response",
        ],
        rows,
    )
}
