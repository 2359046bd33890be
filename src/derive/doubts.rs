//! Which projects' figures the build doubts, and why: the warnings about a project's
//! `index.md` and tables (a month left blank, an amount out of scale, figures that
//! stopped). One decision behind every place that shows a project's figures: its page
//! lists the doubts above them, and the dashboard's and projects list's rows, the rows of
//! ```table blocks over `portfolio` and the charts drawn from it mark them. A ```table
//! block printed a CPI of 0.36 plain while the dashboard marked the same project
//! 数据存疑 (the seventh walk-through).
//!
//! Found again from the site being shown, never taken from the build's list: an
//! audience's build prints warnings about data only higher audiences see, which its
//! pages must not show.

use std::collections::HashMap;
use std::path::Path;

use crate::content::page::ProjectInfo;
use crate::diagnostics::{Diagnostic, Severity};
use crate::site::Site;

/// One doubt about a project's data, at its file within the project's folder.
#[derive(Debug, Clone)]
pub struct Doubt {
    /// The file within the project's folder and the line: `budget.csv:4`.
    pub place: String,
    pub warning: Diagnostic,
}

/// Each project's doubts, by slug.
pub fn by_project(site: &Site) -> HashMap<String, Vec<Doubt>> {
    let mut out: HashMap<String, Vec<Doubt>> = HashMap::new();
    let warnings = super::sanity::projects(site)
        .into_iter()
        .chain(super::currency::check(site));
    for d in warnings.filter(|d| d.severity == Severity::Warning) {
        if let Some((slug, doubt)) = doubt(d) {
            // A build whose audience sees no money gets no note quoting an amount: only
            // those about milestones and risks.
            let money_free = ["milestones.", "risks."]
                .iter()
                .any(|f| doubt.place.starts_with(f));
            if site.money_shown || money_free {
                out.entry(slug).or_default().push(doubt);
            }
        }
    }
    out
}

/// The project `d` is about (its file under `content/projects/<slug>/`) and the doubt.
fn doubt(d: Diagnostic) -> Option<(String, Doubt)> {
    let (path, line) = match &d.location {
        Some(at) => (at.path.as_path(), Some(at.line_col().0)),
        None => (d.path.as_deref()?, None),
    };
    let within = path
        .strip_prefix(Path::new("content").join(crate::kinds::PROJECTS))
        .ok()?;
    let mut parts = within.components();
    let slug = parts.next()?.as_os_str().to_string_lossy().into_owned();
    let file = parts.as_path().to_string_lossy().replace('\\', "/");
    if file.is_empty() {
        return None;
    }
    let place = match line {
        Some(line) => format!("{file}:{line}"),
        None => file,
    };
    Some((slug, Doubt { place, warning: d }))
}

/// Whether an active project's figures stopped more than hygiene's `data_stale_months`
/// before the as-of day (see [`super::stale_months`]): its figures are as of then.
pub fn stopped(site: &Site, info: &ProjectInfo, last_period: Option<&str>) -> bool {
    super::stale_months(
        info,
        last_period,
        site.config.as_of(),
        site.config.hygiene.data_stale_months,
    )
    .is_some()
}

/// How a project's figures are marked where they are listed: "data stopped" when they
/// stopped months ago, "data in doubt" for any other doubt (a project whose one doubt
/// is that its figures stopped is marked once).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mark {
    pub stopped: bool,
    /// The doubts besides the figures having stopped.
    pub others: usize,
}

impl Mark {
    /// The mark of a project with `doubts` doubts, `stopped` or not.
    pub fn of(stopped: bool, doubts: usize) -> Mark {
        Mark {
            stopped,
            others: doubts.saturating_sub(usize::from(stopped)),
        }
    }

    pub fn is_none(&self) -> bool {
        !self.stopped && self.others == 0
    }
}

/// Each marked project's [`Mark`], by slug (projects with nothing to mark left out).
pub fn marks(site: &Site) -> HashMap<String, Mark> {
    let doubts = by_project(site);
    site.projects
        .iter()
        .filter_map(|(slug, &id)| {
            let info = site.page(id).project()?;
            let last = site
                .project_data
                .get(slug)
                .and_then(|data| super::key_figures(info, data).last_period);
            let mark = Mark::of(
                stopped(site, info, last.as_deref()),
                doubts.get(slug).map_or(0, Vec::len),
            );
            (!mark.is_none()).then(|| (slug.clone(), mark))
        })
        .collect()
}
