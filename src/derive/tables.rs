//! Tables the build derives for charts, `table` blocks and the dashboard: `portfolio`
//! (one row per project with its metrics), `lessons` (one row per lesson) and `risks`
//! (every project's risks). They are ordinary [`Table`]s, so a ```chart block reads them
//! exactly like a CSV file.

use crate::t;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::content::schema::Vocabulary;
use crate::data::{Cell, Table};
use crate::derive::{self, key_figures};
use crate::diagnostics::{Diagnostic, Diagnostics, Problem};
use crate::i18n::I18n;
use crate::kinds::Kind;
use crate::site::{PageId, Site};

fn text(s: impl Into<String>) -> Cell {
    let s = s.into();
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

/// A count of what a project's table lists, empty when it has no such table.
fn count(n: usize, listed: bool) -> Cell {
    if listed {
        Cell::Number(n as f64)
    } else {
        Cell::Empty
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
        renamed: Vec::new(),
        formats: Vec::new(),
    }
}

/// The names of the tables [`all`] derives.
pub const NAMES: [&str; 3] = crate::layout::DERIVED_TABLES;

/// The derive stage's step after linking: puts the derived tables into the site, where
/// charts and `table` blocks find them beside the files' tables. Derived tables of an
/// earlier pass are replaced; a file whose table takes a derived name is an error.
pub fn attach(site: &mut Site, i18n: &I18n, diagnostics: &Diagnostics) {
    for name in NAMES {
        if site.tables.get(name).is_some_and(is_derived) {
            site.tables.remove(name);
        }
    }
    for (name, table) in all(site, i18n) {
        if let Some(clash) = site.tables.get(&name) {
            diagnostics.push(
                Diagnostic::error(Problem::Data(t!("the table name `{name}` is taken by the table the build derives", name = &name)))
                .at_file_start(&clash.path)
                .with_help(t!("rename the file: `portfolio`, `lessons` and `risks` are built from the content")),
            );
        }
        site.tables.insert(name, table);
    }
}

/// Brings the derived `lessons` table up to date after lessons `ids` got new titles (and
/// the site's lists were sorted again): their rows are made again, the others kept and
/// put in the lists' order. At 100,000 pages making every row again was most of a title
/// edit in `serve`; the projects' figures and risks do not read lessons' titles.
pub fn retitle_lessons(site: &mut Site, i18n: &I18n, ids: &[PageId]) {
    let Some(table) = site.tables.get_mut("lessons").filter(|t| is_derived(t)) else {
        return;
    };
    let url = LESSON_COLUMNS.iter().position(|c| *c == "url");
    let mut kept: HashMap<String, Vec<Cell>> = std::mem::take(&mut table.rows)
        .into_iter()
        .filter_map(|row| match url.and_then(|u| row.get(u)) {
            Some(Cell::Text(u)) => Some((u.clone(), row)),
            _ => None,
        })
        .collect();
    let rows: Vec<Vec<Cell>> = site
        .newest(Kind::Lesson)
        .iter()
        .rev()
        .filter_map(|&id| {
            let kept = (!ids.contains(&id))
                .then(|| kept.remove(&site.page(id).url))
                .flatten();
            // A row not found is made again: the table stays what a clean build makes.
            kept.or_else(|| lesson_row(site, i18n, id))
        })
        .collect();
    if let Some(table) = site.tables.get_mut("lessons") {
        table.rows = rows;
    }
}

pub fn is_derived(table: &Table) -> bool {
    table.source.is_none()
        && table
            .path
            .to_str()
            .is_some_and(|p| p.starts_with("<derived table"))
}

pub fn all(site: &Site, i18n: &I18n) -> BTreeMap<String, Table> {
    let mut out = BTreeMap::new();
    for t in [
        portfolio(site, i18n),
        lessons(site, i18n),
        risks(site, i18n),
    ] {
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
    "rag_order",
    "rag_computed",
    "rag_reason",
    "currency",
    "project_currency",
    "rate",
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

/// The columns of `portfolio` holding amounts converted into the portfolio currency
/// (`currency`): a ```table block names that currency in their headers, as a chart
/// over them names it on its axis.
pub const CONVERTED_COLUMNS: &[&str] = &["bac", "pv", "ev", "ac", "cv", "sv", "eac", "etc", "vac"];

/// Whether `table` is the `portfolio` the build derives (no file may take its name).
pub fn is_portfolio(table: &Table) -> bool {
    table.name == "portfolio" && is_derived(table)
}

/// The currency `portfolio`'s amounts are in, when there is one to name (none while no
/// project names a currency and site.toml gives none).
pub fn portfolio_currency(portfolio: &Table) -> Option<String> {
    let c = portfolio.column("currency")?;
    (!portfolio.rows.is_empty())
        .then(|| portfolio.text(0, c))
        .filter(|c| !c.is_empty())
}

/// One row per project, its amounts in the portfolio's currency (see
/// [`derive::currency`]) so that rows can be summed; `project_currency` and `rate` say
/// what they were converted from.
fn portfolio(site: &Site, i18n: &I18n) -> Table {
    portfolio_on(site, i18n, None)
}

/// [`portfolio`] as it stood on `day` (each project's data [`derive::on_day`]), for the
/// blocks of a page pinned to that day; the site's own with `None`.
pub fn portfolio_on(site: &Site, i18n: &I18n, day: Option<crate::date::Date>) -> Table {
    let (rates, _) = derive::currency::Rates::of_site(site);
    let mut rows = Vec::new();
    for (slug, &id) in &site.projects {
        let page = site.page(id);
        let Some(info) = page.project() else { continue };
        let data = site
            .project_data
            .get(slug)
            .map_or_else(Default::default, |data| match day {
                Some(day) => derive::on_day(data, day),
                None => data.clone(),
            });
        let f = key_figures(info, &data);
        let m = f.latest.clone();
        // Without a rate (an error already reported) amounts are left out, not guessed.
        let rate = rates.rate(info, f.last_period.as_deref());
        let money = |v: Option<f64>| number(v.zip(rate).map(|(v, r)| v * r));
        let rag = derive::rag(info, &f, &site.config.thresholds);
        let closed_year = (info.status == crate::content::schema::ProjectStatus::Closed)
            .then(|| {
                site.closure_reviews(id)
                    .filter_map(|r| site.page(r).date)
                    .max()
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
        let get_money =
            |f: fn(&derive::evm::PeriodMetrics) -> Option<f64>| money(m.as_ref().and_then(f));
        rows.push(named_row(
            PORTFOLIO_COLUMNS,
            vec![
                ("project", text(slug.clone())),
                ("title", text(page.title.clone())),
                ("code", text(info.code.clone().unwrap_or_default())),
                (
                    "department",
                    text(info.department.clone().unwrap_or_default()),
                ),
                ("manager", text(info.manager.clone().unwrap_or_default())),
                ("status", text(info.status.key())),
                ("status_name", text(i18n.term(info.status))),
                ("rag", text(rag.map(|r| r.key()).unwrap_or_default())),
                (
                    "rag_name",
                    text(rag.map(|r| i18n.term(r)).unwrap_or_default()),
                ),
                ("rag_order", number(rag.map(|r| r as u8 as f64 + 1.0))),
                (
                    "rag_computed",
                    text(
                        derive::computed_rag(&f, &site.config.thresholds)
                            .map(|r| r.key())
                            .unwrap_or_default(),
                    ),
                ),
                (
                    "rag_reason",
                    text(info.rag_reason.clone().unwrap_or_default()),
                ),
                (
                    "currency",
                    text(rates.portfolio.clone().unwrap_or_default()),
                ),
                (
                    "project_currency",
                    text(info.currency.clone().unwrap_or_default()),
                ),
                ("rate", number(rate)),
                ("bac", money(info.bac)),
                ("pv", money(m.as_ref().map(|m| m.pv))),
                ("ev", get_money(|m| m.ev)),
                ("ac", get_money(|m| m.ac)),
                ("cv", get_money(|m| m.cv)),
                ("sv", get_money(|m| m.sv)),
                ("cpi", get(|m| m.cpi)),
                ("spi", get(|m| m.spi)),
                ("eac", get_money(|m| m.eac)),
                ("etc", get_money(|m| m.etc)),
                ("vac", get_money(|m| m.vac)),
                ("tcpi", get(|m| m.tcpi)),
                ("percent_complete", get(|m| m.percent_complete)),
                // A project without a milestones or risks table has no count, as its
                // page shows "—": a 0 read as "none late" where nothing was reported.
                (
                    "milestones_total",
                    count(f.milestones_total, !data.milestones.is_empty()),
                ),
                (
                    "milestones_done",
                    count(f.milestones_done, !data.milestones.is_empty()),
                ),
                (
                    "milestones_late",
                    count(f.milestones_late, !data.milestones.is_empty()),
                ),
                ("risks_total", count(f.risks_total, !data.risks.is_empty())),
                ("risks_open", count(f.risks_open, !data.risks.is_empty())),
                ("top_exposure", number(top_exposure.map(f64::from))),
                ("start", info.start.map_or(Cell::Empty, Cell::Date)),
                ("finish", info.finish.map_or(Cell::Empty, Cell::Date)),
                ("closed_year", number(closed_year)),
                ("period", text(f.last_period.clone().unwrap_or_default())),
                ("url", text(page.url.clone())),
            ],
        ));
    }
    table("portfolio", PORTFOLIO_COLUMNS, rows)
}

pub const LESSON_COLUMNS: &[&str] = &[
    "title",
    "date",
    "year",
    "project",
    "project_title",
    "phase",
    "phase_name",
    "phase_order",
    "category",
    "impact",
    "impact_name",
    "severity",
    "status",
    "url",
];

fn lessons(site: &Site, i18n: &I18n) -> Table {
    let rows = site
        .newest(Kind::Lesson)
        .iter()
        .rev()
        .filter_map(|&id| lesson_row(site, i18n, id))
        .collect();
    table("lessons", LESSON_COLUMNS, rows)
}

/// Lesson `id`'s row of the `lessons` table (`None` for a page that is not a lesson).
fn lesson_row(site: &Site, i18n: &I18n, id: PageId) -> Option<Vec<Cell>> {
    let page = site.page(id);
    let l = page.lesson()?;
    let project_title = site
        .project_of(page)
        .map(|p| site.page(p).title.clone())
        .unwrap_or_default();
    let phase_order = crate::content::schema::Phase::ALL
        .iter()
        .position(|p| *p == l.phase)
        .map_or(0.0, |i| i as f64 + 1.0);
    Some(named_row(
        LESSON_COLUMNS,
        vec![
            ("title", text(page.title.clone())),
            ("date", page.date.map_or(Cell::Empty, Cell::Date)),
            ("year", number(page.date.map(|d| f64::from(d.year())))),
            ("project", text(l.project.clone())),
            ("project_title", text(project_title)),
            ("phase", text(l.phase.key())),
            ("phase_name", text(i18n.term(l.phase))),
            ("phase_order", Cell::Number(phase_order)),
            (
                "category",
                text(site.category_of(page).unwrap_or_default().to_string()),
            ),
            ("impact", text(l.impact.key())),
            ("impact_name", text(i18n.term(l.impact))),
            (
                "severity",
                text(l.severity.map(|s| s.key()).unwrap_or_default()),
            ),
            (
                "status",
                text(l.status.map(|s| s.key()).unwrap_or_default()),
            ),
            ("url", text(page.url.clone())),
        ],
    ))
}

pub const RISK_COLUMNS: &[&str] = &[
    "project",
    "project_title",
    "id",
    "title",
    "probability",
    "impact",
    "exposure",
    "owner",
    "status",
    "status_name",
    "state",
    "response",
];

fn risks(site: &Site, i18n: &I18n) -> Table {
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
            named_row(
                RISK_COLUMNS,
                vec![
                    ("project", text(slug)),
                    ("project_title", text(title)),
                    ("id", text(r.id.clone())),
                    ("title", text(r.title.clone())),
                    ("probability", Cell::Number(f64::from(r.probability))),
                    ("impact", Cell::Number(f64::from(r.impact))),
                    ("exposure", Cell::Number(f64::from(r.exposure()))),
                    ("owner", text(r.owner.clone())),
                    ("status", text(r.status.clone())),
                    // As the project page shows it (`in-progress` → 处理中).
                    ("status_name", text(i18n.risk_status(&r.status))),
                    ("state", text(if r.is_open() { "open" } else { "closed" })),
                    ("response", text(r.response.clone())),
                ],
            )
        })
        .collect();
    table("risks", RISK_COLUMNS, rows)
}

/// A row written as (column, cell) pairs, so a cell can never land under the wrong
/// header: the names must match the table's columns one for one.
fn named_row(columns: &[&str], cells: Vec<(&str, Cell)>) -> Vec<Cell> {
    debug_assert!(
        cells.iter().map(|(c, _)| *c).eq(columns.iter().copied()),
        "derived table cells out of step with its columns"
    );
    cells.into_iter().map(|(_, cell)| cell).collect()
}

#[cfg(test)]
mod tests {
    use super::{CONVERTED_COLUMNS, LESSON_COLUMNS, PORTFOLIO_COLUMNS, RISK_COLUMNS};

    #[test]
    fn every_converted_column_is_a_money_column_of_the_portfolio() {
        for c in CONVERTED_COLUMNS {
            assert!(PORTFOLIO_COLUMNS.contains(c), "{c}");
            assert!(crate::audience::MONEY_COLUMNS.contains(c), "{c}");
        }
    }

    #[test]
    fn every_money_column_the_audience_filter_knows_is_a_portfolio_column() {
        for column in crate::audience::MONEY_COLUMNS {
            assert!(PORTFOLIO_COLUMNS.contains(column), "{column}");
        }
    }

    /// `rag_name`, `impact_name` and `project_title` were found only by provoking an
    /// error (the fifth walk-through): the README lists every derived column.
    #[test]
    fn the_readme_lists_every_derived_column() {
        let readme = include_str!("../../README.md");
        for (table, columns) in [
            ("portfolio", PORTFOLIO_COLUMNS),
            ("lessons", LESSON_COLUMNS),
            ("risks", RISK_COLUMNS),
        ] {
            let listed: String = columns
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ");
            assert!(
                readme.contains(&format!("- `{table}`: {listed}")),
                "README's list of `{table}` columns"
            );
        }
    }
}
