//! Columns of a project's tables that pmo does not read: a budget headed
//! `period,pv,EV,actual_cost` or `期间,计划价值,挣值,实际成本` lost its actual cost
//! without a word, and the page showed none. Each such column is named at its header,
//! with the column meant when the name says it.

use crate::data::Table;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::t;
use crate::units::{unit_of, Unit};

/// A table's columns, each with the names people give it.
type Known = [(&'static str, &'static [&'static str])];

/// The columns each project table reads, and names people give them.
const TABLES: &[(&str, &Known)] = &[
    (
        "budget",
        &[
            ("period", &["期间", "月份", "月", "期次", "month", "date"]),
            (
                "pv",
                &[
                    "计划价值",
                    "计划值",
                    "计划",
                    "plannedvalue",
                    "planned",
                    "plan",
                    "bcws",
                ],
            ),
            ("ev", &["挣值", "实现价值", "earnedvalue", "earned", "bcwp"]),
            (
                "ac",
                &[
                    "实际成本",
                    "实际",
                    "成本",
                    "actualcost",
                    "actual",
                    "cost",
                    "acwp",
                    "spent",
                ],
            ),
        ],
    ),
    (
        "milestones",
        &[
            ("name", &["里程碑", "名称", "milestone", "title"]),
            (
                "baseline",
                &["基线", "基线日期", "计划日期", "planned", "plan", "due"],
            ),
            ("forecast", &["预测", "预测日期", "预计", "expected"]),
            (
                "actual",
                &["实际", "实际日期", "完成日期", "done", "completed"],
            ),
        ],
    ),
    (
        "risks",
        &[
            ("id", &["编号", "风险编号", "no", "ref"]),
            (
                "title",
                &["风险", "名称", "标题", "risk", "name", "description"],
            ),
            ("probability", &["概率", "可能性", "likelihood", "prob"]),
            ("impact", &["影响", "影响程度", "severity"]),
            ("owner", &["负责人", "责任人", "responsible"]),
            ("status", &["状态", "state"]),
            (
                "response",
                &["应对", "应对措施", "措施", "mitigation", "action"],
            ),
        ],
    ),
];

/// The names a project table's columns may have besides pmo's own, in Chinese or in
/// English as a PMO writes its sheets: read as the column they name, compared as
/// [`header_key`] writes them. (The looser words of [`TABLES`] are only offered in
/// warnings: `actual` or `plan` could be either of two.)
const READ_AS: &[(&str, &Known)] = &[
    (
        "budget",
        &[
            ("period", &["期间", "月份", "month", "reporting month"]),
            ("pv", &["计划价值", "计划值", "planned value", "bcws"]),
            ("ev", &["挣值", "实现价值", "earned value", "bcwp"]),
            ("ac", &["实际成本", "actual cost", "acwp"]),
        ],
    ),
    (
        "milestones",
        &[
            (
                "name",
                &["里程碑", "里程碑名称", "milestone", "milestone name"],
            ),
            (
                "baseline",
                &[
                    "基线日期",
                    "计划日期",
                    "baseline date",
                    "planned date",
                    "plan date",
                ],
            ),
            (
                "forecast",
                &["预测日期", "预计日期", "forecast date", "expected date"],
            ),
            (
                "actual",
                &[
                    "实际日期",
                    "完成日期",
                    "actual date",
                    "completion date",
                    "completed date",
                    "done date",
                ],
            ),
        ],
    ),
    (
        "risks",
        &[
            ("id", &["编号", "风险编号", "risk id", "ref", "no."]),
            (
                "title",
                &[
                    "风险",
                    "风险名称",
                    "风险描述",
                    "risk",
                    "risk title",
                    "risk description",
                    "description",
                ],
            ),
            ("probability", &["概率", "可能性", "likelihood"]),
            ("impact", &["影响", "影响程度"]),
            ("owner", &["负责人", "责任人", "risk owner"]),
            ("status", &["状态", "state"]),
            (
                "response",
                &[
                    "应对措施",
                    "应对",
                    "mitigation",
                    "response plan",
                    "mitigation plan",
                ],
            ),
        ],
    ),
];

/// A header as [`READ_AS`] lists it: trimmed, lowercased, `_` and runs of spaces as one
/// space (`Planned_Value`, ` planned  value` are `planned value`).
fn header_key(header: &str) -> String {
    let header = match unit_of(header) {
        Some((base, Unit::Currency)) => base,
        _ => header,
    };
    header
        .to_lowercase()
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A project table's columns headed in Chinese (`期间,计划价值,挣值,实际成本`) or in plain
/// English (`Month,Planned Value,Earned Value,Actual Cost`) renamed to the names pmo
/// reads, where the table lacks that name: a PMO's own sheet is read as it is, its cells
/// still told at their place. Other tables are left as written.
pub fn read_as_named(table: &mut Table) {
    let mut parts = table.name.split('/');
    let (Some(crate::kinds::PROJECTS), Some(_), Some(kind), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return;
    };
    let Some((_, names)) = READ_AS.iter().find(|(k, _)| *k == kind) else {
        return;
    };
    let budget = kind == "budget";
    for (name, aliases) in names.iter() {
        if table.column(name).is_some() {
            continue;
        }
        let names_it = |key: &str| key == *name || aliases.contains(&key);
        let found = table
            .columns
            .iter()
            .position(|c| names_it(&header_key(c)))
            .map(|c| (c, None))
            .or_else(|| {
                // `计划值（万元）`: an amount column in a multiple, read converted.
                table.columns.iter().enumerate().find_map(|(c, header)| {
                    let (base, Unit::Scaled(_, factor)) = unit_of(header)? else {
                        return None;
                    };
                    let amounts = SCALED_AMOUNTS.contains(name);
                    (amounts && names_it(&header_key(base))).then_some((c, Some(factor)))
                })
            });
        if let Some((c, factor)) = found {
            let written = std::mem::replace(&mut table.columns[c], (*name).to_string());
            table.renamed.push((c, written));
            if let Some(factor) = factor {
                in_own_units(table, c, factor);
            }
        }
    }
    if budget {
        super::unit_rows::in_own_units(table);
    }
}

/// The amount columns read converted when headed in a multiple of the currency.
const SCALED_AMOUNTS: &[&str] = &["pv", "ev", "ac"];

/// Column `col` of `table`, headed in a multiple of the currency (`计划值（万元）`),
/// in the currency's own units: each figure times `factor` on the decimal written
/// (1234.56 万元 is 12,345,600 exactly). A cell that is no figure is left as written,
/// to be told at its place as any other.
fn in_own_units(table: &mut Table, col: usize, factor: u32) {
    for row in &mut table.rows {
        if let Some(cell) = row.get_mut(col) {
            scale_cell(cell, factor);
        }
    }
}

/// `cell` times `factor` on the decimal written, if it holds a figure; else left as
/// written, to be told at its place as any other.
pub(super) fn scale_cell(cell: &mut crate::data::table::Cell, factor: u32) {
    let figure = match cell {
        crate::data::table::Cell::Number(n) => Some(*n),
        crate::data::table::Cell::Text(t) => crate::numbers::parse_number(t),
        _ => None,
    };
    if let Some(scaled) = figure.and_then(|n| crate::units::scale_exactly(n, factor)) {
        *cell = crate::data::table::Cell::Number(scaled);
    }
}

/// The multiple of the currency the header of `table`'s column `col` was written in
/// before it was renamed (`计划值（万元）` → 10,000), if any: its figures are converted.
pub fn header_factor(table: &Table, col: usize) -> Option<(&'static str, u32)> {
    let (_, written) = table.renamed.iter().find(|(c, _)| *c == col)?;
    match unit_of(written)? {
        (_, Unit::Scaled(unit, factor)) => Some((unit, factor)),
        (_, Unit::Currency) => None,
    }
}

/// The column of a project table of `kind` that `header` is read as (`计划值` → `pv`),
/// or would be once its amounts are in the currency's own units (`计划值（万元）`).
pub fn reads_as(kind: &str, header: &str) -> Option<&'static str> {
    let (_, names) = READ_AS.iter().find(|(k, _)| *k == kind)?;
    let base = unit_of(header).map_or(header, |(base, _)| base);
    let key = header_key(base);
    names
        .iter()
        .find(|(name, aliases)| *name == key || aliases.contains(&key.as_str()))
        .map(|(name, _)| *name)
}

/// Which of the columns a project table does not read: those that name one it reads in
/// other words or with a typo (`actual_cost`, `EV值`), whose values the figures lack,
/// or the author's own (`备注`, `完成率`), which change no figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unread {
    Misnamed,
    Own,
}

/// The warnings for `table`'s columns of the `which` kind that a project table of
/// `kind` does not read.
pub fn unread(kind: &str, table: &Table, which: Unread) -> Vec<Diagnostic> {
    let Some((_, known)) = TABLES.iter().find(|(k, _)| *k == kind) else {
        return Vec::new();
    };
    let names: Vec<&str> = known.iter().map(|(name, _)| *name).collect();
    // What `table.column` finds, without a search of the header per column.
    let found: std::collections::HashSet<String> =
        table.columns.iter().map(|c| c.to_lowercase()).collect();
    // Each with the column meant and the help for a unit that scales its amounts.
    let columns: Vec<_> = table
        .columns
        .iter()
        .filter(|c| !c.trim().is_empty() && found.contains(&c.trim().to_lowercase()))
        .filter(|c| !names.contains(&c.trim().to_lowercase().as_str()))
        // A budget's unit column is read, row by row (`super::unit_rows`).
        .filter(|c| kind != "budget" || !super::budget::is_unit_column(c))
        .map(|c| {
            let help = scaled_help(kind, c).or_else(|| cumulative_help(kind, known, c));
            (c, meant(known, c), help)
        })
        .filter(|(_, meant, scaled)| {
            let misnamed = meant.is_some() || scaled.is_some();
            misnamed == (which == Unread::Misnamed)
        })
        .collect();
    let more = columns.len().saturating_sub(UNREAD_TOLD);
    let mut out: Vec<Diagnostic> = columns
        .into_iter()
        .take(UNREAD_TOLD)
        .map(|(column, meant, scaled)| {
            let message = t!(
                "column `{column}` is not one the {kind} table reads ({known}): its values are left out",
                column = column.trim(),
                kind = kind,
                known = names.join(", ")
            );
            let help = match (scaled, meant) {
                (Some(scaled), _) => scaled,
                (None, Some(name)) => t!(
                    "if it holds the {name} values, name it `{name}`; otherwise remove it or ignore this warning",
                    name = name
                ),
                (None, None) => t!("name the columns {known}; a column of your own is left out, and this warning can be ignored", known = names.join(", ")),
            };
            at_header(table, column, Diagnostic::warning(Problem::Content(message))).with_help(help)
        })
        .collect();
    if more > 0 {
        out.push(
            Diagnostic::warning(Problem::Content(t!(
                "{count} more columns are not ones the {kind} table reads: their values are left out",
                count = more,
                kind = kind
            )))
            .at_file_start(&table.path)
            .with_help(t!("keep a project table to the columns pmo reads, and the rest in a file of its own under data/")),
        );
    }
    out
}

/// The unread columns of one table told one by one; the rest are counted in one
/// warning (a header of 20,000 columns printed 20,000 and took 12 s).
const UNREAD_TOLD: usize = 10;

/// The column a project table of `kind` reads that `column` names in other words
/// (`实际成本` → `ac`), or is a typo of.
fn meant(known: &Known, column: &str) -> Option<&'static str> {
    let folded: String = column
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '（' | '）' | '(' | ')'))
        .collect();
    let names: Vec<&'static str> = known.iter().map(|(name, _)| *name).collect();
    known
        .iter()
        .find(|(_, aliases)| aliases.contains(&folded.as_str()))
        .map(|(name, _)| *name)
        .or_else(|| crate::suggest::did_you_mean(&folded, &names))
}

/// The help for a budget column headed as running totals (`累计挣值`, `Cumulative AC`,
/// `EV YTD`), as ERP exports head them: pmo reads a budget per period unless the
/// project says otherwise, so renamed to `ev` alone it would be summed again, and left
/// as it is its amounts are missing from every figure. Said as such, with both ways out.
fn cumulative_help(kind: &str, known: &Known, column: &str) -> Option<crate::messages::Text> {
    if kind != "budget" {
        return None;
    }
    let folded: String = column
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '（' | '）' | '(' | ')'))
        .collect();
    const MARKS: [&str; 6] = ["累计", "累积", "cumulative", "todate", "ytd", "cum"];
    let rest = MARKS.iter().find_map(|m| {
        folded
            .strip_prefix(m)
            .or_else(|| folded.strip_suffix(m))
            .filter(|rest| !rest.is_empty())
    })?;
    let (name, _) = known
        .iter()
        .filter(|(name, _)| *name != "period")
        .find(|(name, aliases)| *name == rest || aliases.contains(&rest))?;
    Some(t!(
        "`{column}` holds running totals of {name}, as its name says, but a budget's amounts are read per period: if every amount column of the table holds running totals, name it `{name}` and write `basis: cumulative` in the project's index.md; otherwise give each period's own amount in a column named `{name}`",
        column = column.trim(),
        name = *name
    ))
}

/// [`Table::require`] for a project table of `kind`: a header in other words
/// (`期间,计划价值`) lacking a column it needs is told which of its columns to rename.
pub fn require(kind: &str, table: &Table, names: &[&str]) -> Result<Vec<usize>, Diagnostic> {
    table
        .require(names)
        .map_err(|d| match renames(kind, table) {
            Some(help) => d.with_help(help),
            None => d,
        })
}

/// The help for a header naming a column of `kind` in a multiple of the currency
/// (`计划值（万元）`) beside a column of the plain name: not read, as an extra column.
pub(super) fn scaled_help(kind: &str, column: &str) -> Option<crate::messages::Text> {
    let (_, names) = READ_AS.iter().find(|(k, _)| *k == kind)?;
    let (base, Unit::Scaled(unit, factor)) = unit_of(column)? else {
        return None;
    };
    let key = header_key(base);
    let (name, _) = names
        .iter()
        .find(|(name, aliases)| *name == key || aliases.contains(&key.as_str()))?;
    let factor = crate::numbers::format_amount(f64::from(factor));
    // `pv(万)` and `PV (k)` are headed `pv` either way: one name, not "`pv` or `pv`".
    Some(if key == *name {
        t!(
            "`{column}` gives its amounts in {unit}, {factor} of the currency's units: pmo reads amounts in the currency's own units, so multiply its amounts by {factor} and head it `{name}`, with no unit in brackets or the currency's own (`CNY`, `USD` …), never a multiple of it",
            column = column.trim(),
            unit = unit,
            factor = factor,
            name = *name
        )
    } else {
        t!(
            "`{column}` gives its amounts in {unit}, {factor} of the currency's units: pmo reads amounts in the currency's own units, so multiply its amounts by {factor} and head it `{base}` or `{name}`, with no unit in brackets or the currency's own (`CNY`, `USD` …), never a multiple of it",
            column = column.trim(),
            unit = unit,
            factor = factor,
            base = base,
            name = *name
        )
    })
}

/// Which of `table`'s columns would be which (`期间` → `period`), as a help line;
/// `None` when none says.
fn renames(kind: &str, table: &Table) -> Option<crate::messages::Text> {
    let (_, known) = TABLES.iter().find(|(k, _)| *k == kind)?;
    let pairs: Vec<String> = table
        .columns
        .iter()
        .filter_map(|c| {
            let name = meant(known, c)?;
            (c.trim().to_lowercase() != name).then(|| format!("`{}` → `{name}`", c.trim()))
        })
        .collect();
    (!pairs.is_empty()).then(|| {
        t!(
            "rename the columns pmo reads: {pairs}",
            pairs = pairs.join(", ")
        )
    })
}

/// `d` at `column`'s name in the header line of a text table, else at the file.
pub fn at_header(table: &Table, column: &str, d: Diagnostic) -> Diagnostic {
    match &table.source {
        Some(source) => {
            let header = source.lines().next().unwrap_or("");
            let at = header.find(column).unwrap_or(0);
            d.at(Location::new(&table.path, source, at, column.len()))
        }
        None => d.at_file_start(&table.path),
    }
}

#[cfg(test)]
mod tests;
