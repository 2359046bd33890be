//! Project data tables: `budget.csv`, `milestones.csv` and `risks.csv` beside a project's
//! `index.md`, read into typed rows with cell-level errors.

mod csv_table;

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

pub use csv_table::{CsvTable, Record};

use crate::content::schema::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// One reporting period of a project's budget; amounts are for the period, not cumulative.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRow {
    /// `YYYY-MM`.
    pub period: String,
    pub pv: f64,
    pub ev: Option<f64>,
    pub ac: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub name: String,
    pub baseline: Date,
    pub forecast: Option<Date>,
    pub actual: Option<Date>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub id: String,
    pub title: String,
    pub probability: u8,
    pub impact: u8,
    pub owner: String,
    pub status: String,
    pub response: String,
}

impl Risk {
    pub fn exposure(&self) -> u8 {
        self.probability * self.impact
    }

    pub fn is_open(&self) -> bool {
        !matches!(
            self.status.to_ascii_lowercase().as_str(),
            "closed" | "关闭" | "已关闭"
        )
    }
}

/// The tables of one project; a missing table is empty.
#[derive(Debug, Clone, Default)]
pub struct ProjectData {
    pub budget: Vec<BudgetRow>,
    pub milestones: Vec<Milestone>,
    pub risks: Vec<Risk>,
}

/// Reads every project table (paths relative to `content/`) in parallel, keyed by project slug.
pub fn load_projects(
    content_dir: &Path,
    root: &Path,
    tables: &[String],
    diagnostics: &Diagnostics,
) -> BTreeMap<String, ProjectData> {
    let parsed: Vec<(String, String, Result<ProjectData, Vec<Diagnostic>>)> = tables
        .par_iter()
        .filter_map(|rel| {
            let mut parts = rel.split('/');
            let slug = parts.nth(1)?.to_string();
            let name = parts.next()?.trim_end_matches(".csv").to_string();
            if !matches!(name.as_str(), "budget" | "milestones" | "risks") {
                return None;
            }
            let full = content_dir.join(rel);
            let shown = crate::content::load::display_path(root, &full);
            Some((slug, name.clone(), read_table(&full, &shown, &name)))
        })
        .collect();
    let mut projects: BTreeMap<String, ProjectData> = BTreeMap::new();
    for (slug, _, result) in parsed {
        match result {
            Ok(data) => {
                let entry = projects.entry(slug).or_default();
                entry.budget.extend(data.budget);
                entry.milestones.extend(data.milestones);
                entry.risks.extend(data.risks);
            }
            Err(problems) => diagnostics.extend(problems),
        }
    }
    projects
}

fn read_table(full: &Path, shown: &Path, name: &str) -> Result<ProjectData, Vec<Diagnostic>> {
    let text = crate::content::source::read_text(full, shown).map_err(|d| vec![d])?;
    let table = CsvTable::parse(shown, &text).map_err(|d| vec![d])?;
    let mut data = ProjectData::default();
    let mut problems = Vec::new();
    match name {
        "budget" => {
            // Earned value and actual cost may be left out of a plan-only budget.
            let cols = table.columns(&["period", "pv"]).map_err(|d| vec![d])?;
            let (ev, ac) = (table.optional_column("ev"), table.optional_column("ac"));
            for r in table.records() {
                let optional = |col: Option<usize>| col.map_or(Ok(None), |c| r.number(c));
                let row = (|| {
                    Ok(BudgetRow {
                        period: r.month(cols[0])?,
                        pv: r.number(cols[1])?.unwrap_or(0.0),
                        ev: optional(ev)?,
                        ac: optional(ac)?,
                    })
                })();
                push_row(&mut data.budget, &mut problems, row);
            }
        }
        "milestones" => {
            let cols = table
                .columns(&["name", "baseline", "forecast", "actual"])
                .map_err(|d| vec![d])?;
            for r in table.records() {
                let row = (|| {
                    Ok(Milestone {
                        name: r.text(cols[0]).to_string(),
                        baseline: r.date(cols[1])?.ok_or_else(|| r.missing(cols[1]))?,
                        forecast: r.date(cols[2])?,
                        actual: r.date(cols[3])?,
                    })
                })();
                push_row(&mut data.milestones, &mut problems, row);
            }
        }
        _ => {
            let cols = table
                .columns(&[
                    "id",
                    "title",
                    "probability",
                    "impact",
                    "owner",
                    "status",
                    "response",
                ])
                .map_err(|d| vec![d])?;
            for r in table.records() {
                let row = (|| {
                    Ok(Risk {
                        id: r.text(cols[0]).to_string(),
                        title: r.text(cols[1]).to_string(),
                        probability: r.scale(cols[2])?,
                        impact: r.scale(cols[3])?,
                        owner: r.text(cols[4]).to_string(),
                        status: r.text(cols[5]).to_string(),
                        response: r.text(cols[6]).to_string(),
                    })
                })();
                push_row(&mut data.risks, &mut problems, row);
            }
        }
    }
    if problems.is_empty() {
        Ok(data)
    } else {
        Err(problems)
    }
}

fn push_row<T>(rows: &mut Vec<T>, problems: &mut Vec<Diagnostic>, row: Result<T, Diagnostic>) {
    match row {
        Ok(row) => rows.push(row),
        Err(d) => problems.push(d),
    }
}
