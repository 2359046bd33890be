//! Which projects' figures the build doubts, and why: the warnings about a project's
//! `index.md` and budget (a month left blank, an amount out of scale, figures that
//! stopped) and the rate they are converted at; those about its milestones and risks
//! are listed on its page but mark no figure. One decision behind every place that shows
//! a project's figures: its page lists the doubts above them, and the dashboard's and
//! projects list's rows, the rows of ```table blocks over `portfolio` and the charts
//! drawn from it mark them. A ```table block printed a CPI of 0.36 plain while the
//! dashboard marked the same project 数据存疑 (the seventh walk-through).
//!
//! Found again from the site being shown, never taken from the build's list: an
//! audience's build prints warnings about data only higher audiences see, which its
//! pages must not show.

use std::collections::HashMap;
use std::path::Path;

use crate::content::page::ProjectInfo;
use crate::data::ProjectData;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Severity};
use crate::site::Site;

use super::sanity::Scope;

/// One doubt about a project's data, at its file within the project's folder (or the
/// line of site.toml giving the rate its amounts are converted at).
#[derive(Debug, Clone)]
pub struct Doubt {
    /// The file within the project's folder and the line: `budget.csv:4`, `site.toml:12`.
    pub place: String,
    pub warning: Diagnostic,
    /// Whether it doubts the project's figures, so that they are marked where listed:
    /// a doubt about a milestone or a risk is listed on the project's page only.
    pub marks: bool,
}

/// Each project's doubts, by slug.
pub fn by_project(site: &Site) -> HashMap<String, Vec<Doubt>> {
    let mut out: HashMap<String, Vec<Doubt>> = HashMap::new();
    let figures = super::sanity::projects_in(site, Scope::Figures)
        .into_iter()
        .chain(super::currency::check(site));
    for d in figures.filter(|d| d.severity == Severity::Warning) {
        if let Some((slug, doubt)) = doubt(d, true) {
            push(site, &mut out, slug, doubt);
        }
    }
    let listed = super::sanity::projects_in(site, Scope::Listed);
    for d in listed
        .into_iter()
        .filter(|d| d.severity == Severity::Warning)
    {
        if let Some((slug, doubt)) = doubt(d, false) {
            push(site, &mut out, slug, doubt);
        }
    }
    // A fixed rate far from its currency's rough rate is told at site.toml, yet every
    // figure converted with it is as far off: each project in that currency is doubted.
    let rates = super::currency::rough_doubts(site);
    for (currency, warning) in rates
        .into_iter()
        .filter(|(_, d)| d.severity == Severity::Warning)
    {
        for info in super::currency::projects(site) {
            let own = info.currency.as_deref().map(crate::numbers::currency_code);
            if own.as_deref() == Some(currency.as_str()) {
                let place = match &warning.location {
                    Some(at) => format!("site.toml:{}", at.line_col().0),
                    None => "site.toml".to_string(),
                };
                let doubt = Doubt {
                    place,
                    warning: warning.clone(),
                    marks: true,
                };
                push(site, &mut out, info.slug.clone(), doubt);
            }
        }
    }
    out
}

/// Adds `doubt` to project `slug`'s, unless it quotes an amount the audience may not see.
fn push(site: &Site, out: &mut HashMap<String, Vec<Doubt>>, slug: String, doubt: Doubt) {
    // A build whose audience sees no money gets no note quoting an amount: only those
    // about milestones and risks.
    if site.money_shown || !doubt.marks {
        out.entry(slug).or_default().push(doubt);
    }
}

/// The project `d` is about (its file under `content/projects/<slug>/`) and the doubt,
/// which `marks` the project's figures or is only listed on its page.
fn doubt(d: Diagnostic, marks: bool) -> Option<(String, Doubt)> {
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
    Some((
        slug,
        Doubt {
            place,
            warning: d,
            marks,
        },
    ))
}

/// Whether an active project's figures stopped more than hygiene's `data_stale_months`
/// before the as-of day (see [`super::stale_months`]): its figures are as of then.
pub fn stopped(site: &Site, info: &ProjectInfo, last_period: Option<&str>) -> bool {
    stopped_on(site, info, last_period, site.config.as_of())
}

/// [`stopped`] by `day`'s count.
fn stopped_on(site: &Site, info: &ProjectInfo, last_period: Option<&str>, day: Date) -> bool {
    super::stale_months(
        info,
        last_period,
        day,
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

/// How many of `doubts` mark the figures.
pub fn marking(doubts: &[Doubt]) -> usize {
    doubts.iter().filter(|d| d.marks).count()
}

/// Each marked project's [`Mark`], by slug (projects with nothing to mark left out).
pub fn marks(site: &Site) -> HashMap<String, Mark> {
    marks_on(site, None)
}

/// [`marks`] of the figures as they stood on `day` (see [`super::on_day`]), for a page
/// pinned to it: whether they had stopped is counted from that day. The other doubts
/// are the data's as the site reads it: the months after the day leave none out of the
/// figures shown then, and a doubt too many is a mark, never a figure shown as right.
pub fn marks_on(site: &Site, day: Option<Date>) -> HashMap<String, Mark> {
    let doubts = by_project(site);
    site.projects
        .iter()
        .filter_map(|(slug, &id)| {
            let info = site.page(id).project()?;
            let data = site.project_data.get(slug);
            let last = |data: &ProjectData| super::key_figures(info, data).last_period;
            let now = data.and_then(last);
            let stopped_now = stopped(site, info, now.as_deref());
            let doubts = doubts.get(slug).map_or(0, |d| marking(d));
            let mark = match day {
                None => Mark::of(stopped_now, doubts),
                Some(day) => {
                    let then = data.and_then(|data| last(&super::on_day(data, day)));
                    Mark {
                        stopped: stopped_on(site, info, then.as_deref(), day),
                        // The site's "figures stopped" warning is one of its doubts.
                        others: doubts.saturating_sub(usize::from(stopped_now)),
                    }
                }
            };
            (!mark.is_none()).then(|| (slug.clone(), mark))
        })
        .collect()
}
