//! Knowledge hygiene: what in the portal has gone stale or was never finished, each
//! finding naming its file and its owner, so that a PMO can chase it (the `hygiene/`
//! page, `pmo report hygiene`).
//!
//! Every check is a pure function of the linked site and one as-of date: the report of a
//! given date is the same on every machine, and a site with `as_of` set in site.toml
//! builds byte-identically whenever it is built.

pub mod report;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::HygieneSettings;
use crate::content::page::Page;
use crate::content::schema::ProjectStatus;
use crate::date::Date;
use crate::kinds::Kind;
use crate::site::{PageId, Site};

/// The kinds of finding, in the order they are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// An action of a lesson past its due date and still owed.
    OverdueActions,
    /// A practice past its `review_by` date, or, without one, older than the site's
    /// maximum age.
    StalePractices,
    LessonsWithoutCategory,
    /// A lesson with no follow-up action: learned, but nobody was asked to act on it.
    LessonsWithoutActions,
    /// A closed project without a closure review: its lessons were never gathered.
    ClosedWithoutReview,
    /// An active project whose reported data stopped months before the as-of date.
    StaleProjectData,
    /// A page no other page links to (lessons and reviews are reached from their
    /// project, so only practices, reports and plain pages can be left unlinked).
    Unlinked,
    /// A draft older than the site allows: finished and forgotten, or abandoned.
    OldDrafts,
}

impl Check {
    pub const ALL: [Check; 8] = [
        Check::OverdueActions,
        Check::StalePractices,
        Check::LessonsWithoutCategory,
        Check::LessonsWithoutActions,
        Check::ClosedWithoutReview,
        Check::StaleProjectData,
        Check::Unlinked,
        Check::OldDrafts,
    ];

    /// The name used on the command line, in JSON and in the theme's i18n keys.
    pub fn key(self) -> &'static str {
        match self {
            Check::OverdueActions => "overdue-actions",
            Check::StalePractices => "stale-practices",
            Check::LessonsWithoutCategory => "lessons-without-category",
            Check::LessonsWithoutActions => "lessons-without-actions",
            Check::ClosedWithoutReview => "closed-without-review",
            Check::StaleProjectData => "stale-project-data",
            Check::Unlinked => "unlinked",
            Check::OldDrafts => "old-drafts",
        }
    }

    pub fn of_key(key: &str) -> Option<Check> {
        Check::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// One thing to chase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub check: Check,
    /// The source file as the author knows it (`content/practices/risk.md`).
    pub file: String,
    pub title: String,
    /// The page's URL, when the build publishes it (a draft has none).
    pub url: Option<String>,
    /// Who should act: the page's owner, a project's manager.
    pub owner: Option<String>,
    /// The date the finding counts from: the review date passed, the page's date, the
    /// first day of the last month with data, an action's due date.
    pub since: Option<Date>,
    /// Days from `since` to the as-of date.
    pub days: Option<i64>,
    /// What the finding is about beyond the page: the overdue action, the last period with
    /// data (`2024-02`).
    pub note: Option<String>,
}

/// Every finding of `site` as of `as_of`, sorted by check, then oldest first, then file.
pub(crate) fn findings(site: &Site, as_of: Date) -> Vec<Finding> {
    let settings = &site.config.hygiene;
    let mut found = Vec::new();
    for (id, page) in site.pages.iter_enumerated() {
        let finding = |check: Check, since: Option<Date>, note: Option<String>| Finding {
            check,
            file: page.path.to_string_lossy().replace('\\', "/"),
            title: page.title.clone(),
            url: Some(page.url.clone()),
            owner: page.owner.clone(),
            since,
            days: since.map(|d| days_between(d, as_of)),
            note,
        };
        match page.kind {
            Kind::Practice => {
                if let Some(since) = stale_since(page, settings, as_of) {
                    found.push(finding(Check::StalePractices, Some(since), None));
                }
            }
            Kind::Lesson => {
                let actions = page.lesson().map_or(&[][..], |l| &l.actions[..]);
                for action in actions.iter().filter(|a| a.is_overdue(as_of)) {
                    let mut f =
                        finding(Check::OverdueActions, action.due, Some(action.what.clone()));
                    f.owner = action.owner.clone().or(f.owner);
                    found.push(f);
                }
                if page.category.is_none() {
                    found.push(finding(Check::LessonsWithoutCategory, page.date, None));
                }
                if actions.is_empty() {
                    found.push(finding(Check::LessonsWithoutActions, page.date, None));
                }
            }
            Kind::Project => {
                if let Some(mut f) = project_finding(site, id, settings, as_of, finding) {
                    f.owner = page.project().and_then(|p| p.manager.clone()).or(f.owner);
                    found.push(f);
                }
            }
            _ => {}
        }
        let citable = matches!(page.kind, Kind::Practice | Kind::Report | Kind::Page);
        if citable && site.backlinks[id].is_empty() {
            found.push(finding(Check::Unlinked, page.date, None));
        }
    }
    let cutoff = as_of
        .0
        .checked_sub(jiff::Span::new().days(settings.draft_max_age_days))
        .ok();
    for draft in site.drafts.iter().filter(|d| d.listed) {
        let old = match (draft.date, cutoff) {
            (Some(date), Some(cutoff)) => date.0 < cutoff,
            _ => false,
        };
        if old {
            found.push(Finding {
                check: Check::OldDrafts,
                file: draft.path.clone(),
                title: draft.title.clone(),
                url: None,
                owner: draft.owner.clone(),
                since: draft.date,
                days: draft.date.map(|d| days_between(d, as_of)),
                note: None,
            });
        }
    }
    found.sort_by(|a, b| {
        (a.check, a.since, &a.file, &a.note).cmp(&(b.check, b.since, &b.file, &b.note))
    });
    found
}

/// The findings by owner, owners in name order and those without one last: "what I owe".
pub(crate) fn by_owner(findings: &[Finding]) -> Vec<(Option<&str>, Vec<&Finding>)> {
    let mut owners: BTreeMap<(bool, &str), Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        let key = match f.owner.as_deref() {
            Some(o) => (false, o),
            None => (true, ""),
        };
        owners.entry(key).or_default().push(f);
    }
    owners
        .into_iter()
        .map(|((none, name), list)| ((!none).then_some(name), list))
        .collect()
}

/// When a practice went stale: its `review_by` date once passed, or, without one, the
/// day its `date` became older than the site's maximum age.
fn stale_since(page: &Page, settings: &HygieneSettings, as_of: Date) -> Option<Date> {
    if let Some(review_by) = page.practice().and_then(|p| p.review_by) {
        return (review_by < as_of).then_some(review_by);
    }
    let date = page.date?;
    let limit = date
        .0
        .checked_add(jiff::Span::new().months(settings.practice_max_age_months))
        .ok()?;
    (limit < as_of.0).then_some(Date(limit))
}

/// A project's finding, if any: closed without a closure review, or active with data
/// that stopped more than `data_stale_months` before the as-of month.
fn project_finding(
    site: &Site,
    id: PageId,
    settings: &HygieneSettings,
    as_of: Date,
    finding: impl Fn(Check, Option<Date>, Option<String>) -> Finding,
) -> Option<Finding> {
    let page = site.page(id);
    let info = page.project()?;
    match info.status {
        ProjectStatus::Closed => {
            // A review only a higher audience sees is a review: this audience is not told
            // that there is none, nor which it is.
            let reviewed = site.closure_reviews(id).next().is_some()
                || site.reviewed_out_of_sight.contains(&info.slug);
            (!reviewed).then(|| finding(Check::ClosedWithoutReview, info.finish, None))
        }
        ProjectStatus::Active => {
            let data = site.project_data.get(&info.slug)?;
            let figures = crate::derive::key_figures(info, data);
            let period = figures.last_period?;
            let month = month_start(&period)?;
            crate::derive::stale_months(info, Some(&period), as_of, settings.data_stale_months)
                .map(|_| finding(Check::StaleProjectData, Some(month), Some(period)))
        }
        ProjectStatus::OnHold => None,
    }
}

/// The first day of a `YYYY-MM` period (or of the month of a `YYYY-MM-DD` one).
fn month_start(period: &str) -> Option<Date> {
    let head = period.get(..7)?;
    Date::parse(&format!("{head}-01")).ok()
}

fn days_between(from: Date, to: Date) -> i64 {
    from.0
        .until(to.0)
        .map_or(0, |span| i64::from(span.get_days()))
}

/// The owners of findings that `owner` likely meant, when no finding has `owner` itself:
/// `周静` for 周静怡, or each of 王芳 and 王强 for a bare `王` (picking one of them would
/// send the reader to the wrong person's list). A name close to none is someone with
/// nothing owed: empty.
pub fn owners_meant(owner: &str, findings: &[Finding]) -> Vec<String> {
    let mut owners: Vec<&str> = findings.iter().filter_map(|f| f.owner.as_deref()).collect();
    if owners.contains(&owner) {
        return Vec::new();
    }
    owners.sort_unstable();
    owners.dedup();
    let wanted = owner.to_lowercase();
    let holding: Vec<String> = owners
        .iter()
        .filter(|o| !wanted.is_empty() && o.to_lowercase().contains(&wanted))
        .map(|o| o.to_string())
        .collect();
    if !holding.is_empty() {
        return holding;
    }
    crate::suggest::did_you_mean(owner, &owners)
        .map(str::to_string)
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn months_and_days_count_as_a_calendar_does() {
        assert_eq!(days_between(date("2024-02-28"), date("2024-03-01")), 2);
        assert_eq!(month_start("2024-07"), Some(date("2024-07-01")));
        assert_eq!(month_start("2024-07-19"), Some(date("2024-07-01")));
        assert_eq!(month_start("2024"), None);
        assert_eq!(month_start("Q3"), None);
    }

    #[test]
    fn checks_round_trip_through_their_keys() {
        for check in Check::ALL {
            assert_eq!(Check::of_key(check.key()), Some(check));
        }
        assert_eq!(Check::of_key("stale"), None);
    }

    #[test]
    fn a_part_of_several_owners_names_each_and_a_typo_the_one_meant() {
        let f = |owner: &str| Finding {
            check: Check::Unlinked,
            file: "a".into(),
            title: "a".into(),
            url: None,
            owner: Some(owner.into()),
            since: None,
            days: None,
            note: None,
        };
        let all = [f("王强"), f("周静怡"), f("王芳"), f("王强"), f("Li Na")];
        assert_eq!(owners_meant("王", &all), ["王强", "王芳"]);
        assert_eq!(owners_meant("周静", &all), ["周静怡"]);
        assert_eq!(owners_meant("li", &all), ["Li Na"]);
        assert_eq!(owners_meant("周静怡", &all), Vec::<String>::new());
        assert_eq!(owners_meant("欧阳修", &all), Vec::<String>::new());
    }

    #[test]
    fn owners_are_grouped_in_name_order_with_the_unowned_last() {
        let f = |owner: Option<&str>, file: &str| Finding {
            check: Check::Unlinked,
            file: file.into(),
            title: file.into(),
            url: None,
            owner: owner.map(Into::into),
            since: None,
            days: None,
            note: None,
        };
        let all = [
            f(Some("王五"), "a"),
            f(None, "b"),
            f(Some("李四"), "c"),
            f(Some("王五"), "d"),
        ];
        let grouped = by_owner(&all);
        let names: Vec<Option<&str>> = grouped.iter().map(|(o, _)| *o).collect();
        assert_eq!(names, [Some("李四"), Some("王五"), None]);
        assert_eq!(grouped[1].1.len(), 2);
    }
}
