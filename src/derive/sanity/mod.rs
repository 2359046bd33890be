//! Sanity warnings: figures that parse and add up, yet are probably wrong. A CPI shown to
//! a steering committee from a plan that does not add up to its budget, or from running
//! totals summed as monthly amounts, looks as right as any other; so each doubt is said
//! at the file, line and value behind it, with how to settle it. They are warnings (the
//! site still builds); `--deny-warnings` makes them errors for CI.

use std::collections::HashMap;
use std::path::Path;

use crate::config::BudgetSettings;
use crate::content::front_matter;
use crate::content::page::ProjectInfo;
use crate::content::page_file::field_offset;
use crate::data::columns::Unread;
use crate::data::{BudgetRow, Milestone, Table};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::Text;
use crate::site::Site;
use crate::source::Source;
use crate::t;

mod amounts;
mod budget;
mod closed;
mod hand_set;
mod milestones;
mod risks;
mod sheets;
mod span;
mod unreported;
mod wan;

pub use risks::risk_warnings;

/// Cumulative EV more than this many times cumulative PV is taken for a data error (EV
/// typed in the PV column, a value in the wrong unit), not a project far ahead of plan.
pub const EV_PV_FACTOR: f64 = 2.0;

/// A project's front matter, to place warnings at a field's value.
pub struct FrontMatter<'a> {
    pub path: &'a Path,
    /// Read only for a warning (see [`Source`]).
    pub source: &'a Source,
}

impl FrontMatter<'_> {
    /// Where `field`'s value is written, up to a comment after it (the top of the front
    /// matter if it is not written): a filled-in hint keeps its comment, which is no
    /// part of the mistake.
    pub fn location(&self, field: &str) -> Location {
        let source = self.source.text(self.path);
        let offset = front_matter::split(self.path, &source)
            .map(|split| field_offset(&source, &split, field))
            .unwrap_or(0);
        let line = source[offset..].lines().next().unwrap_or("");
        let len = without_comment(line).len();
        Location::new(self.path, &source, offset, len)
    }

    /// `field`'s value as written, without a comment after it: `1.200`, which YAML has
    /// read as 1.2.
    fn written(&self, field: &str) -> String {
        let source = self.source.text(self.path);
        let Ok(split) = front_matter::split(self.path, &source) else {
            return String::new();
        };
        let line = source[field_offset(&source, &split, field)..]
            .lines()
            .next()
            .unwrap_or("");
        without_comment(line).trim().to_string()
    }

    /// A warning at `field`'s value.
    fn warn(&self, field: &str, message: Text, help: Text) -> Diagnostic {
        Diagnostic::warning(Problem::Content(message))
            .at(self.location(field))
            .with_help(help)
    }
}

/// A front matter line's value without the comment after it (`#` after a space or a
/// tab, as YAML reads one) and the blanks before that.
fn without_comment(line: &str) -> &str {
    let end = line
        .char_indices()
        .find(|&(i, c)| c == '#' && line[..i].ends_with([' ', '\t']))
        .map_or(line.len(), |(i, _)| i);
    line[..end].trim_end()
}

/// One project's files, as the checks need them.
pub struct Project<'a> {
    pub info: &'a ProjectInfo,
    pub front: FrontMatter<'a>,
    pub budget: Option<(&'a Table, &'a [BudgetRow])>,
    pub milestones: Option<(&'a Table, &'a [Milestone])>,
    /// The day the site is built as of: no value is earned or money spent after it.
    pub as_of: crate::date::Date,
    /// Whether actual cost beyond the BAC of a running project is told: it is, to the
    /// author, but it is an overrun the figures show (CPI, EAC), no doubt about them.
    pub overruns: bool,
    /// The portfolio's currency, as a code: a project naming none is in it, and its page
    /// shows it so, so its amounts' signs are judged against it (`$1200` in such a
    /// project was read as 1,200 yuan without a word).
    pub portfolio_currency: Option<&'a str>,
}

/// Which of a project's warnings [`projects_in`] gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every warning the build tells its author.
    Told,
    /// Only those doubting the figures shown (`derive::doubts`), found over the budget
    /// as measured by the as-of day (see `derive::measured`): a risk's status or a
    /// milestone's date doubts no amount, an overrun is no data error, and a month
    /// after the as-of day is in no figure. A risk marked 已解决 had every figure of
    /// its project marked 数据存疑, and so had an overrun in a month the figures left
    /// out (the eighth walk-through).
    Figures,
    /// Only those about the project's milestones and risks: its page lists them beside
    /// its figures, but a milestone's date or a risk's status doubts no amount.
    Listed,
}

/// Every project's warnings, in project order, then the lessons'.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut out = projects(site);
    out.extend(own_columns(site));
    out.extend(shared_lesson_ids(site));
    let as_of = site.config.as_of();
    out.extend(
        site.pages
            .iter()
            .filter_map(|page| crate::content::dated::after_as_of(page, as_of)),
    );
    out.extend(
        site.pages
            .iter()
            .filter_map(|page| crate::content::dated::pinned_after_as_of(page, as_of)),
    );
    for &id in site.newest(crate::kinds::Kind::Lesson) {
        let page = site.page(id);
        if let Some(lesson) = page.lesson() {
            out.extend(crate::content::actions::warnings(
                &page.path,
                &page.source,
                lesson,
                as_of,
            ));
        }
    }
    out
}

/// The warnings about each project's own files (its index.md and tables), in project
/// order: what a project page lists beside its figures.
pub fn projects(site: &Site) -> Vec<Diagnostic> {
    projects_in(site, Scope::Told)
}

/// The warnings about each project's own files of the `scope` asked for.
pub fn projects_in(site: &Site, scope: Scope) -> Vec<Diagnostic> {
    let settings = &site.config.budget;
    let told = scope == Scope::Told;
    let schedule = matches!(scope, Scope::Told | Scope::Listed);
    let mut out = Vec::new();
    let portfolio_currency = super::currency::of_site(site);
    let budgets = wan::Budgets::of(site, portfolio_currency.as_deref());
    for (slug, &id) in &site.projects {
        let page = site.page(id);
        let Some(info) = page.project() else { continue };
        let data = site.project_data.get(slug);
        let table = |kind: &str| site.tables.get(&format!("projects/{slug}/{kind}"));
        let rows = data.and_then(|d| match scope {
            Scope::Told => Some(std::borrow::Cow::Borrowed(d.budget.as_slice())),
            Scope::Figures => Some(super::measured(d)),
            Scope::Listed => None,
        });
        let project = Project {
            info,
            front: FrontMatter {
                path: &page.path,
                source: &page.source,
            },
            budget: table("budget").zip(rows.as_deref()),
            milestones: table("milestones")
                .zip(data.map(|d| d.milestones.as_slice()))
                .filter(|_| schedule),
            as_of: site.config.as_of(),
            overruns: told,
            portfolio_currency: portfolio_currency.as_deref(),
        };
        if scope == Scope::Listed {
            out.extend(milestone_warnings(&project));
        } else {
            out.extend(wan::bac_in_wan(&project, &budgets));
            out.extend(project_warnings(&project, settings));
        }
        if let Some((table, rows)) = project.budget {
            out.extend(stopped_reporting(site, info, table, rows));
        }
        if let Some(risks) = table("risks").filter(|_| schedule) {
            out.extend(header_only(risks, "risks"));
            out.extend(risk_warnings(risks));
        }
        if told {
            out.extend(hand_set::green_by_hand(
                info,
                data,
                &project.front,
                &site.config.thresholds,
            ));
        }
        if schedule {
            out.extend(span::active_past_finish(&project));
            out.extend(span::dated_long_ago(&project));
            out.extend(closed::left_open(
                info.status,
                project.milestones,
                table("risks"),
            ));
        }
        let kinds: &[&str] = match scope {
            Scope::Told => &crate::kinds::PROJECT_TABLES,
            Scope::Figures => &["budget"],
            Scope::Listed => &["milestones", "risks"],
        };
        out.extend(unread_columns(site, slug, kinds, Unread::Misnamed));
        out.extend(
            kinds
                .iter()
                .filter_map(|kind| sheets::other_sheet_holds_table(site, slug, kind)),
        );
    }
    out
}

/// The columns of project `slug`'s tables of `kinds`, of the `which` kind, that pmo
/// does not read.
fn unread_columns(site: &Site, slug: &str, kinds: &[&str], which: Unread) -> Vec<Diagnostic> {
    kinds
        .iter()
        .filter_map(|kind| {
            let t = site.tables.get(&format!("projects/{slug}/{kind}"))?;
            Some(crate::data::columns::unread(kind, t, which))
        })
        .flatten()
        .collect()
}

/// Every project's columns of the author's own (`备注`, `完成率`): told, so a column
/// meant for pmo and named otherwise is not missed, but no doubt about its figures.
pub fn own_columns(site: &Site) -> Vec<Diagnostic> {
    site.projects
        .keys()
        .flat_map(|slug| unread_columns(site, slug, &crate::kinds::PROJECT_TABLES, Unread::Own))
        .collect()
}

/// An active project whose figures stop months before the as-of day (hygiene's
/// `data_stale_months`): the home page and dashboard count its status as of then,
/// so the build says so at its last reported row, as the hygiene report lists it.
fn stopped_reporting(
    site: &Site,
    info: &ProjectInfo,
    table: &Table,
    rows: &[BudgetRow],
) -> Option<Diagnostic> {
    let data = site.project_data.get(&info.slug)?;
    let last = crate::derive::key_figures(info, data).last_period?;
    let as_of = site.config.as_of();
    let months = crate::derive::stale_months(
        info,
        Some(&last),
        as_of,
        site.config.hygiene.data_stale_months,
    )?;
    let row = rows.iter().find(|r| r.period == last)?;
    let message = t!(
        "project `{project}` is active, but its figures stop at {period}, {months} months before {as_of}: its CPI, SPI and status are shown as of then",
        project = &info.slug,
        period = &last,
        months = months,
        as_of = as_of.iso()
    );
    Some(
        table
            .warning_at(row.row, table.column("period")?, message)
            .with_help(t!("add the months since to the table; if the project is paused or over, set `status: on-hold` or `closed` in its index.md (the months allowed are `data_stale_months` under [hygiene] in site.toml)")),
    )
}

/// Lessons whose `id` (the register number) another lesson already has, ignoring case
/// and spaces around it: the register would show two rows under one number, and a
/// reference to it could mean either. Said at the later file (by path), naming the first.
fn shared_lesson_ids(site: &Site) -> Vec<Diagnostic> {
    let mut first: HashMap<String, &Path> = HashMap::new();
    let mut out = Vec::new();
    for page in site.pages.iter() {
        let Some(id) = page.lesson().and_then(|l| l.id.as_deref()) else {
            continue;
        };
        let key = id.trim().to_lowercase();
        if key.is_empty() {
            continue;
        }
        match first.get(&key) {
            Some(earlier) => {
                let front = FrontMatter {
                    path: &page.path,
                    source: &page.source,
                };
                out.push(front.warn(
                    "id",
                    t!(
                        "lesson id `{id}` is already the id of {other}",
                        id = id.trim(),
                        other = crate::diagnostics::shown(earlier)
                    ),
                    t!("each lesson in the register needs its own id: give this one the next free number"),
                ));
            }
            None => {
                first.insert(key, &page.path);
            }
        }
    }
    out
}

/// The warnings of one project.
pub fn project_warnings(p: &Project, settings: &BudgetSettings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    out.extend(p.info.currency.as_deref().and_then(|c| odd_currency(p, c)));
    out.extend(closed::finish(p));
    if let Some((table, [])) = p.budget {
        // A header alone reads as a project that has spent and earned nothing.
        out.push(
            Diagnostic::warning(Problem::Content(t!(
                "the budget table has a header but no rows: the project shows no cost, earned value or index"
            )))
            .at_file_start(&table.path)
            .with_help(t!(
                "add a row per period (period, pv, ev, ac), or delete the file if the project keeps no budget"
            )),
        );
    }
    let dotted_bac = bac_with_thousands_point(p);
    // Its gap from the plan follows from the point alone: said once, at the point.
    let bac_in_doubt = dotted_bac.is_some();
    out.extend(dotted_bac);
    if let Some((table, rows)) = p.budget.filter(|(_, rows)| !rows.is_empty()) {
        let currency = p
            .info
            .currency
            .as_deref()
            .map(crate::numbers::currency_code)
            .or_else(|| p.portfolio_currency.map(str::to_string));
        out.extend(amounts::doubts(table, currency.as_deref()));
        let totals = budget::running_totals(rows);
        if let Some(bac) = p.info.bac.filter(|b| *b > 0.0 && !bac_in_doubt) {
            out.extend(budget::plan_against_bac(
                p,
                &totals,
                bac,
                settings.tolerance,
            ));
            out.extend(budget::beyond_bac(
                p,
                table,
                &totals,
                bac,
                settings.tolerance,
            ));
            out.extend(budget::closed_with_budget_to_earn(
                p,
                &totals,
                bac,
                settings.tolerance,
            ));
        }
        if p.info.bac == Some(0.0) {
            out.extend(budget::zero_bac(p, &totals));
        }
        if p.info.bac.is_none() {
            // CPI and SPI show, but EAC, VAC and percent complete cannot be worked out,
            // and the dashboard counted the project as having "no figures yet".
            out.push(
                Diagnostic::warning(Problem::Content(t!(
                    "the project has a budget table but no `bac`: its EAC, VAC and percent complete cannot be worked out, and it is left out of the BAC and EAC totals"
                )))
                .at(p.front.location("title"))
                .with_help(t!("add `bac:` (the approved budget at completion) to the front matter")),
            );
        }
        out.extend(budget::ev_far_ahead_of_pv(table, &totals));
        out.extend(budget::period_gaps(table, &totals));
        out.extend(budget::reported_ahead(table, &totals, p.as_of));
        out.extend(unreported::zeros_not_reported(table, rows));
        if let Some(start) = p.info.start {
            out.extend(span::before_start(table, &totals, start));
        }
        if let Some(finish) = p.info.finish {
            out.extend(span::planned_after_finish(table, &totals, finish));
        }
        out.extend(budget::falling_totals(table, &totals));
        out.extend(budget::out_of_scale(table, &totals));
        out.extend(budget::column_in_other_unit(table, &totals));
        out.extend(budget::column_left_at_zero(table, &totals));
        // A running total left empty is a month not reported: the next total is as
        // typed, so nothing after it is off.
        if p.info.basis.unwrap_or(settings.basis) == crate::content::schema::Basis::Period {
            out.extend(budget::blanks_between(table, &totals));
        }
        out.extend(budget::reported_unevenly(table, &totals));
    }
    out.extend(milestone_warnings(p));
    out
}

/// The warnings about a project's milestones: dates after its finish or before its
/// start, names used twice, reached after the as-of day or long ago.
fn milestone_warnings(p: &Project) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some((table, milestones)) = p.milestones {
        out.extend(header_only(table, "milestones"));
        out.extend(milestones::after_finish(table, milestones, p.info.finish));
        out.extend(milestones::names_used_twice(table, milestones));
        out.extend(milestones::reached_after_as_of(table, milestones, p.as_of));
        out.extend(milestones::dated_long_ago(table, milestones));
        out.extend(milestones::far_from_baseline(
            table,
            milestones,
            p.info.start,
        ));
    }
    if let (Some((table, milestones)), Some(start)) = (p.milestones, p.info.start) {
        out.extend(milestones::dated_before_start(table, milestones, start));
    }
    out
}

/// A milestones or risks table (`kind`) with a header and no rows: the register's
/// template filed unfilled showed "—" for the project's milestones or risks, and
/// counted none late or open, without a word (as a budget table's header alone is told).
fn header_only(table: &Table, kind: &str) -> Option<Diagnostic> {
    if !table.rows.is_empty() {
        return None;
    }
    let (message, help) = if kind == "risks" {
        (
            t!("the risks table has a header but no rows: the project shows no risks, and counts none open"),
            t!("add a row per risk (id, title, probability, impact, owner, status, response), or delete the file if the project keeps no risk register"),
        )
    } else {
        (
            t!("the milestones table has a header but no rows: the project shows no milestones, and counts none late"),
            t!("add a row per milestone (name, baseline, forecast, actual), or delete the file if the project keeps no milestones"),
        )
    };
    Some(
        Diagnostic::warning(Problem::Content(message))
            .at_file_start(&table.path)
            .with_help(help),
    )
}

/// `bac: 1.200`, the way much of Europe writes 1,200: YAML reads 1.2, and EAC, VAC and
/// percent complete follow it without a word.
fn bac_with_thousands_point(p: &Project) -> Option<Diagnostic> {
    let read = p.info.bac?;
    let written = p.front.written("bac");
    // Quoted (`bac: "600.000"`), YAML gives a text the number is read from all the same.
    let unquoted = written.trim().trim_matches(['"', '\'']);
    let grouped = crate::numbers::dotted_thousands(unquoted)?;
    Some(p.front.warn(
        "bac",
        t!(
            "`{value}` reads as {number}; with its point separating thousands, as much of Europe writes them, it would be {whole}",
            value = written.as_str(),
            number = crate::data::table::format_number(read),
            whole = crate::numbers::format_amount(grouped)
        ),
        crate::numbers::point_help(grouped, read),
    ))
}

/// A currency that is no three-letter code once the names people write are mapped
/// (人民币, RMB, ¥ → CNY): every amount of the project is printed with it as its unit,
/// and a date or a name pasted there (`24/03/2024`) would be shown as one.
fn odd_currency(p: &Project, text: &str) -> Option<Diagnostic> {
    let code = crate::numbers::currency_code(text);
    let is_code = code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase());
    (!is_code).then(|| {
        p.front.warn(
            "currency",
            t!(
                "`{text}` is not a currency code, yet every amount of the project is shown with it as its unit",
                text = text.trim()
            ),
            t!("write the currency's three-letter code (ISO 4217), such as CNY, USD or EUR"),
        )
    })
}

#[cfg(test)]
mod tests;
