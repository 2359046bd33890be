//! Sanity warnings: figures that parse and add up, yet are probably wrong. A CPI shown to
//! a steering committee from a plan that does not add up to its budget, or from running
//! totals summed as monthly amounts, looks as right as any other; so each doubt is said
//! at the file, line and value behind it, with how to settle it. They are warnings (the
//! site still builds); `--deny-warnings` makes them errors for CI.

use std::collections::HashMap;
use std::path::Path;

use crate::config::BudgetSettings;
use crate::content::front_matter;
use crate::content::load::field_offset;
use crate::content::page::ProjectInfo;
use crate::content::schema::ProjectStatus;
use crate::data::{BudgetRow, Milestone, Table};
use crate::derive::format_amount;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::Text;
use crate::site::Site;
use crate::source::Source;
use crate::t;

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
    /// Where `field`'s value is written, to the end of its line (the top of the front
    /// matter if it is not written).
    pub fn location(&self, field: &str) -> Location {
        let source = self.source.text(self.path);
        let offset = front_matter::split(self.path, &source)
            .map(|split| field_offset(&source, &split, field))
            .unwrap_or(0);
        let len = source[offset..].find('\n').unwrap_or(0);
        Location::new(self.path, &source, offset, len)
    }

    /// A warning at `field`'s value.
    fn warn(&self, field: &str, message: Text, help: Text) -> Diagnostic {
        Diagnostic::warning(Problem::Content(message))
            .at(self.location(field))
            .with_help(help)
    }
}

/// One project's files, as the checks need them.
pub struct Project<'a> {
    pub info: &'a ProjectInfo,
    pub front: FrontMatter<'a>,
    pub budget: Option<(&'a Table, &'a [BudgetRow])>,
    pub milestones: Option<(&'a Table, &'a [Milestone])>,
}

/// Every project's warnings, in project order.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let settings = &site.config.budget;
    let mut out = Vec::new();
    for (slug, &id) in &site.projects {
        let page = site.page(id);
        let Some(info) = page.project() else { continue };
        let data = site.project_data.get(slug);
        let table = |kind: &str| site.tables.get(&format!("projects/{slug}/{kind}"));
        let project = Project {
            info,
            front: FrontMatter {
                path: &page.path,
                source: &page.source,
            },
            budget: table("budget").zip(data.map(|d| d.budget.as_slice())),
            milestones: table("milestones").zip(data.map(|d| d.milestones.as_slice())),
        };
        out.extend(project_warnings(&project, settings));
        if let Some(risks) = table("risks") {
            out.extend(risk_warnings(risks));
        }
    }
    out.extend(shared_lesson_ids(site));
    let as_of = site.config.as_of();
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
                        other = earlier.display().to_string()
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

/// A risks table's doubtful rows: a status one or two typos from `closed` (it counts as
/// open, so the risk stays in every exposure figure while its owner thinks it is closed),
/// and an id an earlier row of the table already has.
pub fn risk_warnings(table: &Table) -> Vec<Diagnostic> {
    const CLOSED: [&str; 3] = ["closed", "关闭", "已关闭"];
    // The other words the site shows in its language (`risk_state_*`), and the Chinese
    // it shows them as: a risk so marked is open, and its author knows it.
    const OPEN: [&str; 13] = [
        "open",
        "in-progress",
        "in progress",
        "in_progress",
        "mitigated",
        "monitoring",
        "未关闭",
        "打开",
        "开放",
        "处理中",
        "已缓解",
        "监控中",
        "进行中",
    ];
    let mut out = Vec::new();
    if let Some(col) = table.column("status") {
        for row in 0..table.rows.len() {
            let status = table.text(row, col);
            let folded = status.trim().to_lowercase();
            if folded.is_empty()
                || CLOSED.contains(&folded.as_str())
                || OPEN.contains(&folded.as_str())
            {
                continue;
            }
            // Latin letters only: a Chinese status near 已关闭 is as likely to say the
            // opposite (未关闭, 关闭中) as to be a typo.
            let typo = folded.is_ascii()
                && folded.len() >= 4
                && strsim::damerau_levenshtein(&folded, "closed") <= 2;
            if let Some(meant) = typo.then_some("closed") {
                let message = t!(
                    "risk status `{status}` is read as open",
                    status = status.trim()
                );
                out.push(
                    table
                        .at_cell(Diagnostic::warning(Problem::Content(message)), row, col)
                        .with_help(t!(
                            "did you mean `{meant}`? Only closed, 关闭 or 已关闭 close a risk; any other status keeps it in the exposure figures",
                            meant = meant
                        )),
                );
            } else {
                // `已解决`, `done`, `cancelled`: its author thinks it settled, but the
                // risk stays in every exposure figure.
                let message = t!(
                    "risk status `{status}` is none of the usual words, and is read as open",
                    status = status.trim()
                );
                out.push(
                    table
                        .at_cell(Diagnostic::warning(Problem::Content(message)), row, col)
                        .with_help(t!(
                            "write closed (关闭, 已关闭) for a risk that is over; open, in-progress, mitigated or monitoring (未关闭, 处理中, 已缓解, 监控中) keep it in the exposure figures"
                        )),
                );
            }
        }
    }
    if let Some(col) = table.column("id") {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for row in 0..table.rows.len() {
            let id = table.text(row, col);
            let key = id.trim().to_lowercase();
            if key.is_empty() {
                continue;
            }
            if let Some(&first) = seen.get(&key) {
                let message = t!(
                    "risk id `{id}` is already used at {place}",
                    id = id.trim(),
                    place = table.place_name(first, col)
                );
                out.push(
                    table
                        .at_cell(Diagnostic::warning(Problem::Content(message)), row, col)
                        .with_help(t!("give each risk of the project its own id")),
                );
            } else {
                seen.insert(key, row);
            }
        }
    }
    out
}

/// The warnings of one project.
pub fn project_warnings(p: &Project, settings: &BudgetSettings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some((table, [])) = p.budget {
        // A header alone reads as a project that has spent and earned nothing.
        out.push(
            Diagnostic::warning(Problem::Content(t!(
                "the budget table has a header but no rows: the project's cost and earned value show as 0"
            )))
            .in_file(&table.path)
            .with_help(t!(
                "add a row per period (period, pv, ev, ac), or delete the file if the project keeps no budget"
            )),
        );
    }
    if let Some((table, rows)) = p.budget.filter(|(_, rows)| !rows.is_empty()) {
        let totals = running_totals(rows);
        if let Some(bac) = p.info.bac.filter(|b| *b > 0.0) {
            out.extend(plan_against_bac(p, &totals, bac, settings.tolerance));
            out.extend(beyond_bac(p, table, &totals, bac, settings.tolerance));
            out.extend(closed_with_budget_to_earn(
                p,
                &totals,
                bac,
                settings.tolerance,
            ));
        }
        if p.info.bac == Some(0.0) {
            out.extend(zero_bac(p, &totals));
        }
        out.extend(ev_far_ahead_of_pv(table, &totals));
        out.extend(period_gaps(table, &totals));
        out.extend(falling_totals(table, &totals));
    }
    if let Some((table, milestones)) = p.milestones {
        out.extend(milestones_after_finish(table, milestones, p.info.finish));
        out.extend(milestone_names_used_twice(table, milestones));
    }
    if let (Some((table, milestones)), Some(start)) = (p.milestones, p.info.start) {
        for m in milestones {
            if let (Some(actual), Some(col)) = (m.actual, table.column("actual")) {
                if actual < start {
                    let message = t!(
                        "milestone `{name}` was reached on {actual}, before the project started ({start})",
                        name = &m.name,
                        actual = actual.iso(),
                        start = start.iso()
                    );
                    out.push(
                        table
                            .at_cell(Diagnostic::warning(Problem::Content(message)), m.row, col)
                            .with_help(t!(
                                "correct the actual date, or the project's `start` in its index.md"
                            )),
                    );
                }
            }
        }
    }
    out
}

/// Milestones planned (baseline) after the project's `finish`: a plan that cannot hold,
/// or a finish left unchanged when the plan was re-baselined. A forecast or actual date
/// after it is a late project, which the slip chart shows, not a data error.
fn milestones_after_finish(
    table: &Table,
    milestones: &[Milestone],
    finish: Option<crate::date::Date>,
) -> Vec<Diagnostic> {
    let (Some(finish), Some(col)) = (finish, table.column("baseline")) else {
        return Vec::new();
    };
    milestones
        .iter()
        .filter(|m| m.baseline > finish)
        .map(|m| {
            let message = t!(
                "milestone `{name}` is planned for {date}, after the project's finish ({finish})",
                name = &m.name,
                date = m.baseline.iso(),
                finish = finish.iso()
            );
            table
                .at_cell(Diagnostic::warning(Problem::Content(message)), m.row, col)
                .with_help(t!(
                    "correct the baseline date, or the project's `finish` in its index.md if the plan was re-baselined"
                ))
        })
        .collect()
}

/// A milestone name an earlier row already has: the slip chart and the table show two
/// rows no reader can tell apart, and one of them is usually a row left from an old plan.
fn milestone_names_used_twice(table: &Table, milestones: &[Milestone]) -> Vec<Diagnostic> {
    let Some(col) = table.column("name") else {
        return Vec::new();
    };
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for m in milestones {
        let key = m.name.trim().to_lowercase();
        match first.get(&key) {
            Some(&row) => {
                let message = t!(
                    "milestone `{name}` is already named on {place}",
                    name = m.name.trim(),
                    place = table.place_name(row, col)
                );
                out.push(
                    table
                        .at_cell(Diagnostic::warning(Problem::Content(message)), m.row, col)
                        .with_help(t!(
                            "give each milestone its own name, or delete the row left from an earlier plan"
                        )),
                );
            }
            None => {
                first.insert(key, m.row);
            }
        }
    }
    out
}

/// Running totals at the end of each period, in period order.
struct Total<'a> {
    row: &'a BudgetRow,
    pv: f64,
    ev: f64,
    ac: f64,
}

fn running_totals(rows: &[BudgetRow]) -> Vec<Total<'_>> {
    let mut sorted: Vec<&BudgetRow> = rows.iter().collect();
    sorted.sort_by(|a, b| a.period.cmp(&b.period));
    let (mut pv, mut ev, mut ac) = (0.0, 0.0, 0.0);
    sorted
        .into_iter()
        .map(|row| {
            pv += row.pv;
            ev += row.ev.unwrap_or(0.0);
            ac += row.ac.unwrap_or(0.0);
            Total { row, pv, ev, ac }
        })
        .collect()
}

/// The running total of one of PV, EV and AC.
type TotalOf = fn(&Total) -> f64;
/// One period's own amount of one of PV, EV and AC (none when not reported).
type AmountOf = fn(&BudgetRow) -> Option<f64>;

/// A negative amount in a period makes the running total fall: a correction (a
/// reversed invoice) at best, more often a sign typed wrong or a running total typed as
/// a monthly amount. The S-curve would dip and CPI jump without a word, so the first
/// period where each of PV, EV and AC falls is named, with the totals before and after.
fn falling_totals(table: &Table, totals: &[Total]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let columns: [(&str, TotalOf, AmountOf); 3] = [
        ("pv", |t| t.pv, |r| Some(r.pv)),
        ("ev", |t| t.ev, |r| r.ev),
        ("ac", |t| t.ac, |r| r.ac),
    ];
    for (name, total, amount) in columns {
        let Some(col) = table.column(name) else {
            continue;
        };
        let Some(t) = totals
            .iter()
            .find(|t| amount(t.row).is_some_and(|a| a < 0.0))
        else {
            continue;
        };
        let after = total(t);
        let before = after - amount(t.row).unwrap_or(0.0);
        let message = t!(
            "the cumulative {column} falls in {period}, from {before} to {after}",
            column = name.to_uppercase(),
            period = &t.row.period,
            before = format_amount(before),
            after = format_amount(after)
        );
        out.push(
            table
                .at_cell(Diagnostic::warning(Problem::Content(message)), t.row.row, col)
                .with_help(t!("a negative amount is a correction: check its sign, and that the table holds each period's own amounts (running totals need `basis: cumulative`)")),
        );
    }
    out
}

fn percent(part: f64, whole: f64) -> String {
    format!("{:.1} %", part / whole * 100.0)
}

/// The plan should spend the budget: planned values that add up to more or less than
/// the BAC make SPI and percent complete disagree with each other.
/// `bac: 0` beside a budget that plans money is a placeholder left in: EAC and VAC would
/// show as 0 and percent complete as n/a, each looking like a figure.
fn zero_bac(p: &Project, totals: &[Total]) -> Option<Diagnostic> {
    let planned = totals.last()?.pv;
    (planned > 0.0).then(|| {
        p.front.warn(
            "bac",
            t!(
                "`bac` is 0, but the budget plans {planned}: EAC, VAC and percent complete cannot be worked out",
                planned = format_amount(planned),
            ),
            t!("write the project's budget at completion, e.g. `bac: {planned}` if the plan is the whole budget", planned = format!("{planned:.0}")),
        )
    })
}

fn plan_against_bac(p: &Project, totals: &[Total], bac: f64, tolerance: f64) -> Option<Diagnostic> {
    let planned = totals.last()?.pv;
    let gap = (planned - bac).abs();
    (gap > bac * tolerance).then(|| {
        p.front.warn(
            "bac",
            t!(
                "the planned values in the budget add up to {planned}, but `bac` is {bac} (a gap of {gap}, more than the {allowed} allowed)",
                planned = format_amount(planned),
                bac = format_amount(bac),
                gap = percent(gap, bac),
                allowed = percent(tolerance, 1.0),
            ),
            t!("plan every period up to the finish so the pv column adds up to the BAC, or correct `bac`; if the amounts are running totals, write `basis: cumulative` in index.md (the allowed gap is `tolerance` under [budget] in site.toml)"),
        )
    })
}

/// Earned value cannot pass the budget: more than 100 % complete is a data error. Actual
/// cost may pass it, but on a project still running that is spending without an
/// approved budget, worth a word before the steering committee sees it; a closed
/// project's overrun is history, shown by its CPI and VAC.
fn beyond_bac(
    p: &Project,
    table: &Table,
    totals: &[Total],
    bac: f64,
    tolerance: f64,
) -> Vec<Diagnostic> {
    let limit = bac * (1.0 + tolerance);
    let mut out = Vec::new();
    let earned: fn(&Total) -> f64 = |t| t.ev;
    let spent: fn(&Total) -> f64 = |t| t.ac;
    let checks = [
        ("ev", earned, true),
        ("ac", spent, p.info.status != ProjectStatus::Closed),
    ];
    for (name, value, applies) in checks {
        let Some(col) = table.column(name).filter(|_| applies) else {
            continue;
        };
        if let Some(t) = totals.iter().find(|t| value(t) > limit) {
            let what = if name == "ev" {
                t!("earned value")
            } else {
                t!("actual cost")
            };
            let message = t!(
                "the {what} reaches {value} by {period}, beyond the BAC of {bac} ({share} of it)",
                what = what,
                value = format_amount(value(t)),
                period = &t.row.period,
                bac = format_amount(bac),
                share = percent(value(t), bac),
            );
            let help = if name == "ev" {
                t!("no project earns more than its budget: check the value, raise `bac` if the budget was re-baselined, or write `basis: cumulative` in index.md if the amounts are running totals")
            } else {
                t!("if the budget was raised, write the new `bac` in index.md; if the amounts are running totals, write `basis: cumulative`; otherwise check the value")
            };
            out.push(
                table
                    .at_cell(
                        Diagnostic::warning(Problem::Content(message)),
                        t.row.row,
                        col,
                    )
                    .with_help(help),
            );
        }
    }
    out
}

/// A closed project has earned its budget, or its BAC was never lowered after scope
/// was cut: either way its completion and TCPI would be shown wrong.
fn closed_with_budget_to_earn(
    p: &Project,
    totals: &[Total],
    bac: f64,
    tolerance: f64,
) -> Option<Diagnostic> {
    if p.info.status != ProjectStatus::Closed {
        return None;
    }
    let earned = totals.last()?.ev;
    (earned < bac * (1.0 - tolerance)).then(|| {
        p.front.warn(
            "status",
            t!(
                "the project is closed, but has earned {earned} of its BAC of {bac} ({share}); {rest} is still to be earned",
                earned = format_amount(earned),
                bac = format_amount(bac),
                share = percent(earned, bac),
                rest = format_amount(bac - earned),
            ),
            t!("record the final earned value in the budget table, or lower `bac` to the budget approved when scope was cut"),
        )
    })
}

/// Earned value far ahead of the plan is more often a slip of the keyboard than a
/// project that much ahead of schedule. Only the first such period is named.
fn ev_far_ahead_of_pv(table: &Table, totals: &[Total]) -> Option<Diagnostic> {
    let col = table.column("ev")?;
    let t = totals
        .iter()
        .find(|t| t.pv > 0.0 && t.ev > EV_PV_FACTOR * t.pv)?;
    let message = t!(
        "by {period} the earned value ({ev}) is {times} times the planned value ({pv}), more than {factor} times",
        period = &t.row.period,
        ev = format_amount(t.ev),
        times = format!("{:.1}", t.ev / t.pv),
        pv = format_amount(t.pv),
        factor = EV_PV_FACTOR,
    );
    Some(
        table
            .at_cell(Diagnostic::warning(Problem::Content(message)), t.row.row, col)
            .with_help(t!("check the ev and pv values of this and earlier periods (a value in the wrong column or unit?)")),
    )
}

/// `YYYY-MM` as a month count, to find months missing between two periods.
fn month_number(period: &str) -> Option<i32> {
    let (year, month) = period.split_once('-')?;
    Some(year.parse::<i32>().ok()? * 12 + month.parse::<i32>().ok()? - 1)
}

/// A month missing between two periods: its amounts are not zero, they are unknown,
/// and the running totals after it are short by them. (A period listed twice is
/// already an error where the budget is read.)
fn period_gaps(table: &Table, totals: &[Total]) -> Vec<Diagnostic> {
    let Some(col) = table.column("period") else {
        return Vec::new();
    };
    totals
        .windows(2)
        .filter_map(|pair| {
            let (before, after) = (&pair[0].row, &pair[1].row);
            let missing = month_number(&after.period)? - month_number(&before.period)? - 1;
            (missing > 0).then(|| {
                let message = t!(
                    "{missing} month(s) missing between {before} ({place}) and {after}",
                    missing = missing,
                    before = &before.period,
                    place = table.place_name(before.row, col),
                    after = &after.period
                );
                table
                    .at_cell(Diagnostic::warning(Problem::Content(message)), after.row, col)
                    .with_help(t!("add a row for each missing month, with 0 where nothing was planned, earned or spent"))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::schema::Date;

    #[test]
    fn a_status_almost_closed_and_a_repeated_id_are_warned_at_their_cells() {
        let t = csv(
            "risks.csv",
            "id,title,probability,impact,status\n\
             R-01,供应商延期,3,4,clsoed\n\
             R-02,需求变更,2,3,closed\n\
             r-01,数据迁移,4,4,open\n\
             R-03,人员流失,2,2,已关闭\n\
             R-04,预算超支,2,2,\n\
             R-05,关键人员,2,2,closing\n\
             R-06,合同,2,2,未关闭\n\
             R-07,范围,2,2,已解决\n\
             R-08,进度,2,2,Mitigated\n",
        );
        let warnings: Vec<String> = risk_warnings(&t).iter().map(|d| d.to_string()).collect();
        assert_eq!(warnings.len(), 4, "{warnings:?}");
        assert!(
            warnings[0].contains("risks.csv:2:")
                && warnings[0].contains("`clsoed` is read as open"),
            "{warnings:?}"
        );
        // Words outside the list are read as open, and said so.
        assert!(
            warnings[1].contains("risks.csv:7:")
                && warnings[1]
                    .contains("`closing` is none of the usual words, and is read as open"),
            "{warnings:?}"
        );
        assert!(
            warnings[2].contains("risks.csv:9:") && warnings[2].contains("`已解决`"),
            "{warnings:?}"
        );
        assert!(
            warnings[3].contains("risks.csv:4:")
                && warnings[3].contains("`r-01` is already used at line 2"),
            "{warnings:?}"
        );
    }

    fn csv(name: &str, text: &str) -> Table {
        let source: std::sync::Arc<str> = std::sync::Arc::from(text);
        crate::data::read::read_csv(Path::new(name), &source, name).unwrap()
    }

    fn budget(t: &Table) -> Vec<BudgetRow> {
        let (data, problems) = crate::data::project_data(
            &[("projects/p/budget".to_string(), t.clone())].into(),
            "p",
            crate::content::schema::Basis::Period,
        );
        assert!(problems.is_empty(), "{problems:?}");
        data.budget
    }

    fn info(bac: f64, status: ProjectStatus) -> ProjectInfo {
        let mut info = ProjectInfo::for_tests();
        info.meta.start = Some(Date::parse("2024-01-08").unwrap());
        info.meta.bac = Some(bac);
        info.meta.status = status;
        info
    }

    const FRONT: &str = "---\ntitle: 机房迁移\nbac: 1000\nstatus: closed\n---\n正文\n";

    fn warnings(info: &ProjectInfo, budget_csv: &str, milestones_csv: Option<&str>) -> Vec<String> {
        let source = Source::Held(std::sync::Arc::from(FRONT));
        let table = csv("budget.csv", budget_csv);
        let rows = budget(&table);
        let milestones = milestones_csv.map(|text| csv("milestones.csv", text));
        let ms: Vec<Milestone> = milestones
            .as_ref()
            .map(|t| {
                let tables = [("projects/p/milestones".to_string(), t.clone())].into();
                crate::data::project_data(&tables, "p", Default::default())
                    .0
                    .milestones
            })
            .unwrap_or_default();
        let project = Project {
            info,
            front: FrontMatter {
                path: Path::new("content/projects/p/index.md"),
                source: &source,
            },
            budget: Some((&table, &rows)),
            milestones: milestones.as_ref().map(|t| (t, ms.as_slice())),
        };
        project_warnings(&project, &BudgetSettings::default())
            .iter()
            .map(|d| {
                assert!(!d.is_error());
                d.to_string()
            })
            .collect()
    }

    #[test]
    fn a_plan_that_adds_up_and_is_earned_gives_none() {
        let w = warnings(
            &info(1000.0, ProjectStatus::Closed),
            "period,pv,ev,ac\n2024-01,400,380,390\n2024-02,600,620,640\n",
            Some("name,baseline,actual\n启动会,2024-01-10,2024-01-10\n"),
        );
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn planned_values_that_miss_the_bac_are_named_at_bac() {
        let w = warnings(
            &info(1000.0, ProjectStatus::Active),
            "period,pv,ev,ac\n2024-01,400,380,390\n2024-02,500,,\n",
            None,
        );
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("index.md:3:6"), "{w:?}");
        assert!(
            w[0].contains(
                "add up to 900, but `bac` is 1,000 (a gap of 10.0 %, more than the 1.0 % allowed)"
            ),
            "{w:?}"
        );
        // Within the tolerance, no warning.
        let w = warnings(
            &info(1000.0, ProjectStatus::Active),
            "period,pv,ev,ac\n2024-01,400,380,390\n2024-02,595,,\n",
            None,
        );
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn earned_value_beyond_bac_is_named_at_its_cell_and_open_overspend_too() {
        // Running totals read as monthly amounts: the case.
        let w = warnings(
            &info(1000.0, ProjectStatus::Active),
            "period,pv,ev,ac\n2024-01,300,300,310\n2024-02,300,600,620\n2024-03,400,900,950\n",
            None,
        );
        let ev = w
            .iter()
            .find(|m| m.contains("earned value reaches"))
            .unwrap();
        assert!(ev.contains("budget.csv:4:13"), "{ev}");
        assert!(
            ev.contains("reaches 1,800 by 2024-03, beyond the BAC of 1,000 (180.0 % of it)"),
            "{ev}"
        );
        let ac = w
            .iter()
            .find(|m| m.contains("actual cost reaches"))
            .unwrap();
        assert!(ac.contains("budget.csv:4:17"), "{ac}");
    }

    #[test]
    fn a_closed_projects_overrun_is_history_but_its_unearned_budget_is_not() {
        let w = warnings(
            &info(1000.0, ProjectStatus::Closed),
            "period,pv,ev,ac\n2024-01,500,400,700\n2024-02,500,400,700\n",
            None,
        );
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("index.md:4:9"), "{w:?}");
        assert!(
            w[0].contains("earned 800 of its BAC of 1,000 (80.0 %); 200 is still to be earned"),
            "{w:?}"
        );
    }

    #[test]
    fn earned_value_far_ahead_of_plan_is_doubted() {
        let w = warnings(
            &info(1000.0, ProjectStatus::Active),
            "period,pv,ev,ac\n2024-01,100,250,90\n2024-02,900,,\n",
            None,
        );
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("budget.csv:2:13"), "{w:?}");
        assert!(
            w[0].contains("by 2024-01 the earned value (250) is 2.5 times the planned value (100)"),
            "{w:?}"
        );
    }

    #[test]
    fn a_missing_month_is_named_after_the_gap() {
        let w = warnings(
            &info(1000.0, ProjectStatus::Active),
            "period,pv,ev,ac\n2024-01,300,,\n2024-04,400,,\n2023-12,300,,\n",
            None,
        );
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("budget.csv:3:1"), "{w:?}");
        assert!(
            w[0].contains("2 month(s) missing between 2024-01 (line 2) and 2024-04"),
            "{w:?}"
        );
        assert_eq!(
            month_number("2024-01").unwrap() - month_number("2023-12").unwrap(),
            1
        );
    }

    #[test]
    fn a_milestone_reached_before_the_start_is_doubted() {
        let w = warnings(
            &info(1000.0, ProjectStatus::Active),
            "period,pv,ev,ac\n2024-01,1000,,\n",
            Some("name,baseline,actual\n需求确认,2024-02-01,2023-12-29\n"),
        );
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("milestones.csv:2:17"), "{w:?}");
        assert!(
            w[0].contains(
                "`需求确认` was reached on 2023-12-29, before the project started (2024-01-08)"
            ),
            "{w:?}"
        );
    }

    #[test]
    fn a_milestone_after_the_finish_and_a_name_used_twice_are_doubted() {
        let mut info = info(1000.0, ProjectStatus::Active);
        info.meta.finish = Some(Date::parse("2024-06-30").unwrap());
        let w = warnings(
            &info,
            "period,pv,ev,ac\n2024-01,1000,,\n",
            Some(
                "name,baseline,forecast,actual\n上线,2024-07-01,2024-07-15,\n\
                 验收,2024-06-30,2024-08-01,\n上线,2024-06-01,,\n",
            ),
        );
        assert_eq!(w.len(), 2, "{w:?}");
        // A forecast after the finish (验收) is a late project, not a data error.
        assert!(w[0].contains("milestones.csv:2:4"), "{w:?}");
        assert!(
            w[0].contains(
                "`上线` is planned for 2024-07-01, after the project's finish (2024-06-30)"
            ),
            "{w:?}"
        );
        assert!(w[1].contains("milestones.csv:4:1"), "{w:?}");
        assert!(
            w[1].contains("milestone `上线` is already named on line 2"),
            "{w:?}"
        );
    }

    #[test]
    fn a_running_total_that_falls_is_named_at_its_period() {
        let w = warnings(
            &info(1000.0, ProjectStatus::Active),
            "period,pv,ev,ac\n2024-01,500,300,300\n2024-02,500,-400,-10\n",
            None,
        );
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[0].contains("budget.csv:3:13"), "{w:?}");
        assert!(
            w[0].contains("the cumulative EV falls in 2024-02, from 300 to -100"),
            "{w:?}"
        );
        assert!(
            w[1].contains("the cumulative AC falls in 2024-02, from 300 to 290"),
            "{w:?}"
        );
    }
}
