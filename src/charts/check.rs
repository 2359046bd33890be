//! Checks a chart or table block against the table it names: the columns exist, hold
//! numbers where numbers are plotted, and add up to figures a chart can draw. Done here,
//! at the chart stage, because only now are the tables known; the block's own syntax was
//! checked when the page was loaded.

use crate::blocks::{field_span, Aggregate, BlockSpec, Selection, SpecError};
use crate::data::{ColumnType, Table};
use crate::messages::Text;
use crate::suggest::{closest, did_you_mean};
use crate::t;

mod twice;
mod written;
use written::{
    holds_plain_numbers, odd_cell_help, point_for_thousands, sorted_dates, sorted_with_text,
};

/// The columns of `portfolio` that are ratios of a project's amounts.
const RATIO_COLUMNS: [&str; 6] = [
    "cpi",
    "spi",
    "tcpi",
    "percent_complete",
    "rate",
    "rag_order",
];

/// Refuses `aggregate = "sum"` or `cumulative = true` over a ratio of `portfolio`: a
/// department's CPIs added up drew a CPI of 1.91 for two projects of 0.89 and 1.02,
/// shown as a CPI (the eleventh malformed hunt).
fn summed_ratio(
    spec: &crate::blocks::ChartSpec,
    table: &Table,
    name: &str,
    text: &str,
) -> Result<(), SpecError> {
    let ratio = crate::derive::tables::is_portfolio(table)
        && RATIO_COLUMNS.contains(&name.trim().to_lowercase().as_str());
    let field = match (spec.aggregate, spec.cumulative) {
        (Some(Aggregate::Sum), _) => "aggregate",
        (_, true) => "cumulative",
        _ => return Ok(()),
    };
    if !ratio {
        return Ok(());
    }
    Err(SpecError {
        message: t!(
            "`{column}` is a ratio: added up over projects or months it is no `{column}` of anything, yet the chart would show it as one",
            column = name
        ),
        help: t!(
            "write aggregate = \"mean\" for the average of the projects' `{column}`, or chart the amounts it is made of (`ev`, `ac`, `pv`, `bac`) summed",
            column = name
        ),
        span: field_span(text, field),
    })
}

/// Why [`check`] refuses a block: a mistake of the block itself (told at its field), or a
/// cell of its table that is no number among numbers (told at the cell, the chart named:
/// `约8人` in a column of head counts was told at the chart's `y`, the file's row only
/// in the help, and its author looked for the mistake in the chart).
#[derive(Debug)]
pub struct Refusal {
    pub error: SpecError,
    /// The cell at fault, `(row, column)`, when the table is the one to mend.
    pub cell: Option<(usize, usize)>,
    /// The header's column holding a number, when the block names a column the table
    /// lacks because its header is no header (a first row of data, rows swapped).
    pub header: Option<usize>,
}

impl From<SpecError> for Refusal {
    fn from(error: SpecError) -> Refusal {
        Refusal {
            error,
            cell: None,
            header: None,
        }
    }
}

/// The first header of a `data/` table that reads as a number: no column is named so,
/// and the row is data (the header lost, or swapped with a row below). The block's
/// missing column is then the file's mistake (the twenty-fifth malformed hunt). A year
/// (`2024`) names a column of a year's figures, and is a header.
fn numeric_header(table: &Table) -> Option<usize> {
    if !table.path.starts_with("data") {
        return None;
    }
    table.columns.iter().position(|c| {
        crate::data::table::parse_number(c.trim())
            .is_some_and(|n| !(n.fract() == 0.0 && (1900.0..=2100.0).contains(&n)))
    })
}

/// Checks that the table and every named column exist (and that value columns are
/// numbers). Errors name the field and list what is available.
pub fn check(spec: &BlockSpec, table: &Table, text: &str) -> Result<(), Refusal> {
    let column = |field: &str, name: &str, numeric: bool| -> Result<(), Refusal> {
        let Some(col) = table.column(name) else {
            let names: Vec<&str> = table.columns.iter().map(String::as_str).collect();
            let help = match did_you_mean(name, &names) {
                // An empty file (or one holding `[]`) has no columns to list.
                None if names.is_empty() => t!(
                    "`{table}` ({path}) holds no columns at all: is the file empty?",
                    table = &table.name,
                    path = crate::diagnostics::shown(&table.path)
                ),
                Some(s) => t!(
                    "did you mean `{s}`? columns of `{table}`: {columns}",
                    s = s,
                    table = &table.name,
                    columns = names.join(", ")
                ),
                None => t!(
                    "columns of `{table}`: {columns}",
                    table = &table.name,
                    columns = names.join(", ")
                ),
            };
            return Err(Refusal {
                header: numeric_header(table),
                ..SpecError {
                    message: t!(
                        "`{field}` names the column `{name}`, which table `{table}` does not have",
                        field = field,
                        name = name,
                        table = &table.name
                    ),
                    help,
                    span: field_span(text, field),
                }
                .into()
            });
        };
        // A column with no value yet (a budget of a project that has not reported, `eac`
        // of projects without one) is no column of text: its chart is drawn empty.
        let has_values = (0..table.rows.len()).any(|row| !table.text(row, col).trim().is_empty());
        if numeric && has_values && table.column_type(col) != ColumnType::Number {
            let odd = odd_cell_help(table, col, name);
            return Err(Refusal {
                error: SpecError {
                    message: t!(
                        "`{field}` needs a column of numbers, but `{name}` holds {kind} values",
                        field = field,
                        name = name,
                        kind = type_name(table.column_type(col))
                    ),
                    help: odd.as_ref().map_or_else(
                        || t!("plot a numeric column, or use aggregate = \"count\" to count rows"),
                        |(_, help)| help.clone(),
                    ),
                    span: field_span(text, field),
                },
                cell: odd.map(|(row, _)| (row, col)),
                header: None,
            });
        }
        Ok(())
    };
    let selection = match spec {
        BlockSpec::Chart(c) => {
            column("x", &c.x, false)?;
            let counting = c.aggregate == Some(Aggregate::Count);
            match (&c.y, counting) {
                    (Some(y), _) if y.to_vec().is_empty() => {
                        return Err(Refusal::from(SpecError {
                            message: t!("`y` is an empty list: the chart would have no series"),
                            help: t!("name one column or more, e.g. y = [\"pv\", \"ev\"], or leave y out with aggregate = \"count\""),
                            span: field_span(text, "y"),
                        }))
                    }
                    (Some(y), _) => {
                        for name in y.to_vec() {
                            column("y", &name, !counting)?;
                            if let Some(col) = table.column(&name) {
                                finite_sums(table, col, text)?;
                            }
                            summed_ratio(c, table, &name, text)?;
                        }
                        twice::chart_y(&y.to_vec(), table, text)?;
                    }
                    (None, true) => {}
                    (None, false) => return Err(Refusal::from(SpecError {
                        message: t!("the chart has no `y`"),
                        help: t!("add y = \"column\" (or y = [\"a\", \"b\"]), or aggregate = \"count\""),
                        span: 0..0,
                    })),
                }
            if c.rules.iter().any(|r| !r.is_finite()) {
                return Err(Refusal::from(SpecError {
                    message: t!("`rules` holds a value that is not a finite number"),
                    help: t!("reference lines are plain numbers, e.g. rules = [1.0]"),
                    span: field_span(text, "rules"),
                }));
            }
            if let (Some(names), Some(y)) = (&c.names, &c.y) {
                same_length("names", names.len(), "y", y.to_vec().len(), text)?;
            }
            if let Some(s) = &c.series {
                column("series", s, false)?;
            }
            if let Some(l) = &c.label {
                column("label", l, false)?;
            }
            c.selection()
        }
        BlockSpec::Table(t) => {
            if t.columns.as_ref().is_some_and(Vec::is_empty) {
                return Err(Refusal::from(SpecError {
                    message: t!("`columns` is an empty list: the table would have no columns"),
                    help: t!("name the columns to show, e.g. columns = [\"code\", \"title\"], or leave `columns` out to show them all"),
                    span: field_span(text, "columns"),
                }));
            }
            for name in t.columns.iter().flatten() {
                column("columns", name, false)?;
            }
            if let Some(headers) = &t.headers {
                let (shown, of) = match &t.columns {
                    Some(c) => (c.len(), "columns"),
                    None => (table.columns.len(), "the table's columns"),
                };
                same_length("headers", headers.len(), of, shown, text)?;
            }
            t.selection()
        }
    };
    let selection = &selection;
    if selection.limit == Some(0) {
        return Err(Refusal::from(SpecError {
            message: t!("`limit = 0` would show no rows"),
            help: t!(
                "give the most rows to show, from 1 up, or leave `limit` out to show them all"
            ),
            span: field_span(text, "limit"),
        }));
    }
    for key in selection.filter.keys() {
        column("filter", key, false)?;
    }
    if let Some(sort) = &selection.sort {
        let name = sort.trim_start_matches('-');
        if name.trim().is_empty() {
            return Err(Refusal::from(SpecError {
                message: t!("`sort` names no column"),
                help: t!(
                    "write the column to sort by, e.g. sort = \"title\", or sort = \"-title\" to sort descending; columns of `{table}`: {columns}",
                    table = &table.name,
                    columns = table.columns.join(", ")
                ),
                span: field_span(text, "sort"),
            }));
        }
        column("sort", name, false)?;
    }
    Ok(())
}

/// What a block that draws still shows wrongly without a word: rows that repeat an x
/// value under one label, a `filter` value no row has. Only for a block [`check`] passed.
/// Each is a [`SpecError`] kept as a warning: the page builds, as the block asked.
pub fn warnings(spec: &BlockSpec, table: &Table, text: &str) -> Vec<SpecError> {
    let selection = match spec {
        BlockSpec::Chart(c) => c.selection(),
        BlockSpec::Table(t) => t.selection(),
    };
    if let Some(w) = no_rows(table, text) {
        return vec![w];
    }
    let mut out = unmatched_filters(&selection, table, text);
    if out.is_empty() {
        out.extend(filters_that_exclude_each_other(&selection, table, text));
    }
    out.extend(sorted_with_text(&selection, table, text));
    let x = match spec {
        BlockSpec::Chart(c) => Some(c.x.as_str()),
        BlockSpec::Table(_) => None,
    };
    out.extend(sorted_dates(&selection, table, x, text));
    if let BlockSpec::Table(t) = spec {
        if let Some(columns) = &t.columns {
            out.extend(twice::table_columns(columns, table, text));
        }
        // A table prints `1.860` as written, which a reader may take for 1,860, while
        // sorting and any chart of the column take 1.86. A column of dotted numbers
        // only (versions, `1.100`) has nothing to weigh them against, and is left alone.
        let field = if t.columns.is_some() {
            "columns"
        } else {
            "data"
        };
        let shown = t.columns.clone().unwrap_or_else(|| table.columns.clone());
        for name in shown.iter().filter(|n| holds_plain_numbers(table, n)) {
            if let Some(w) = point_for_thousands(table, name, text, field) {
                out.push(w);
            }
        }
    }
    if let BlockSpec::Chart(c) = spec {
        // The rows the chart draws, in the table's order: selected once for the checks.
        let mut rows = crate::charts::build::select(table, &c.selection());
        rows.sort_unstable();
        out.extend(crate::charts::totals_row::warning(c, table, &rows, text));
        out.extend(crate::charts::share_scale::warning(c, table, &rows, text));
        out.extend(crate::charts::text_months::warning(c, table, &rows, text));
        out.extend(crate::charts::two_ways::warning(c, table, &rows, text));
        let y: Vec<String> = c.y.as_ref().map(|y| y.to_vec()).unwrap_or_default();
        for name in &y {
            if let Some(w) = point_for_thousands(table, name, text, "y") {
                out.push(w);
            }
        }
        if let Some(rep) = crate::charts::build::repeated_category(c, table) {
            let x_col = table.column(&c.x).unwrap_or(0);
            let (first, again) = (
                table.place_name(rep.first, x_col),
                table.place_name(rep.again, x_col),
            );
            let message = if rep.others.is_empty() {
                t!(
                    "`x = \"{x}\"` repeats `{value}` ({first} and {again} of {table}): the chart draws a mark for each row under the same label",
                    x = &c.x,
                    value = &rep.value,
                    first = first,
                    again = again,
                    table = &table.name
                )
            } else {
                t!(
                    "`x = \"{x}\"` repeats `{value}` ({first} and {again} of {table}) and {count} more values ({others}): the chart draws a mark for each row under the same label",
                    x = &c.x,
                    value = &rep.value,
                    first = first,
                    again = again,
                    table = &table.name,
                    count = rep.others.len(),
                    others = listed(&rep.others)
                )
            };
            out.push(SpecError {
                message,
                help: t!("add aggregate = \"sum\" (or \"mean\", \"count\") to group rows by `x`, series = \"column\" if a column tells the rows apart, or a `filter` that keeps one row per value"),
                span: field_span(text, "x"),
            });
        }
    }
    out
}

/// A table of `data/` with a header and no rows: its chart was drawn as empty axes, its
/// table as a header, without a word (the twelfth malformed hunt) — most often an export
/// saved before its query ran, or rows deleted by mistake. A project's own tables are
/// empty until it reports, and the derived tables until the site has their pages: both
/// are left alone.
fn no_rows(table: &Table, text: &str) -> Option<SpecError> {
    if !table.rows.is_empty() || !table.path.starts_with("data") {
        return None;
    }
    Some(SpecError {
        message: t!(
            "table `{table}` ({path}) has a header and no rows: the block shows nothing",
            table = &table.name,
            path = crate::diagnostics::shown(&table.path)
        ),
        help: t!("fill in the table's rows (an export saved before its data came, or rows deleted by mistake?), or leave the block out until it has some"),
        span: field_span(text, "data"),
    })
}

/// The most values of a column a warning lists: enough to spot the one meant.
const VALUES_LISTED: usize = 8;

/// `values` as a warning lists them: in backticks, the first [`VALUES_LISTED`], then `…`.
fn listed(values: &[String]) -> String {
    let mut out = values
        .iter()
        .take(VALUES_LISTED)
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if values.len() > VALUES_LISTED {
        out.push_str(", …");
    }
    out
}

/// A `filter` of two or more columns whose values each some row holds, but no row all
/// of them (`{ "状态" = "已关闭", "阶段" = "执行" }` where every closed row is in
/// closing): the block shows nothing, and the per-column check finds each value fine.
fn filters_that_exclude_each_other(
    selection: &Selection,
    table: &Table,
    text: &str,
) -> Option<SpecError> {
    if selection.filter.len() < 2 || table.rows.is_empty() {
        return None;
    }
    if !crate::charts::build::select(table, selection).is_empty() {
        return None;
    }
    let columns = selection
        .filter
        .keys()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Some(SpecError {
        message: t!(
            "`filter` keeps rows matching all of {columns} at once, and no row of `{table}` does, though each value alone is found: the block shows nothing",
            columns = columns.as_str(),
            table = &table.name
        ),
        help: t!("check which rows hold each value: two of the conditions exclude each other; a list of values (`\"status\" = [\"open\", \"closed\"]`) keeps rows holding any of them"),
        span: field_span(text, "filter"),
    })
}

/// A warning for each `filter` column none of whose values a row holds: the block would
/// show an empty table or chart, and a typo (`已完` for `已完成`) is the likeliest reason.
fn unmatched_filters(selection: &Selection, table: &Table, text: &str) -> Vec<SpecError> {
    let mut out = Vec::new();
    for (column, wanted) in &selection.filter {
        let Some(col) = table.column(column) else {
            continue;
        };
        // In order of first appearance, for the list; the set to look values up in.
        let mut values: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for row in 0..table.rows.len() {
            let value = table.text(row, col);
            if seen.insert(value.clone()) {
                values.push(value);
            }
        }
        let options: Vec<String> = match wanted {
            toml::Value::Array(options) => options
                .iter()
                .map(crate::charts::build::toml_text)
                .collect(),
            one => vec![crate::charts::build::toml_text(one)],
        };
        // One value a row has is enough: `["active", "on-hold"]` with nothing on hold
        // this month is a filter that works.
        // A table without rows yet (a project that has not reported) shows nothing
        // whatever the filter says.
        let kept = (0..table.rows.len())
            .any(|row| crate::charts::build::filter_keeps(wanted, table, row, col));
        if values.is_empty() || kept {
            continue;
        }
        let Some(first) = options.first() else {
            continue;
        };
        let known: Vec<&str> = values.iter().map(String::as_str).collect();
        let mut listed = closest(first, &known, VALUES_LISTED).join(", ");
        if known.len() > VALUES_LISTED {
            listed.push_str(", …");
        }
        let wanted = options
            .iter()
            .map(|o| format!("`{o}`"))
            .collect::<Vec<_>>()
            .join(", ");
        // A value written as the portal shows it (`黄` for amber): the word to write.
        // Among the column's values, else the vocabulary word its label key names
        // (`rag_amber` for a column `rag` that holds no amber yet).
        let prefix = format!("{}_", column.trim().to_lowercase());
        let shown_as: Option<String> = crate::theme::words_shown_as(first, &known)
            .first()
            .map(|v| v.to_string())
            .or_else(|| {
                crate::theme::builtin_label_keys(first)
                    .into_iter()
                    .find_map(|key| key.strip_prefix(&prefix).map(|v| v.replace('_', "-")))
            })
            // `active` is shown as `Active`: a word right as written, that no row has yet,
            // is no label to write otherwise.
            .filter(|value| value != first);
        let help = match shown_as {
            Some(value) => t!(
                "`{shown}` is how the portal shows `{value}`: filters compare the table's own values, so write `{value}` (values of `{column}`: {values})",
                shown = first.as_str(),
                value = value.as_str(),
                column = column.as_str(),
                values = &listed
            ),
            None => t!(
                "values of `{column}`, closest first: {values}",
                column = column.as_str(),
                values = &listed
            ),
        };
        out.push(SpecError {
            message: t!(
                "`filter` keeps rows whose `{column}` is {wanted}, but no row of `{table}` has it: the block shows nothing",
                column = column.as_str(),
                wanted = &wanted,
                table = &table.name
            ),
            help,
            span: field_span(text, "filter"),
        });
    }
    out
}

/// Refuses a value column whose sum could overflow to infinity (sums, means, running
/// totals and stacks all add its values), naming the cell where it does: an infinite
/// bar or a `inf` label must never be drawn.
fn finite_sums(table: &Table, col: usize, text: &str) -> Result<(), SpecError> {
    let mut total = 0.0f64;
    for row in 0..table.rows.len() {
        let value = match table.cell(row, col) {
            crate::data::Cell::Number(n) => *n,
            crate::data::Cell::Text(t) => crate::data::table::parse_number(t).unwrap_or(0.0),
            _ => 0.0,
        };
        total += value.abs();
        if !total.is_finite() {
            return Err(SpecError {
                message: t!(
                    "the values of `{column}` in {file} add up past the largest number a chart can draw, at {cell} (`{value}`)",
                    column = table.columns.get(col).map_or("?", String::as_str),
                    file = &table.path,
                    cell = table.place_name(row, col),
                    value = table.text(row, col)
                ),
                help: t!("check that cell for a typo or an exponent such as 1e308"),
                span: field_span(text, "y"),
            });
        }
    }
    Ok(())
}

/// Labels given one per column or series must match them in number: one too few
/// would leave a series unnamed, one too many would shift every label.
fn same_length(
    field: &str,
    len: usize,
    of: &str,
    expected: usize,
    text: &str,
) -> Result<(), SpecError> {
    if len == expected {
        return Ok(());
    }
    let of_field = if of.contains(' ') {
        t!("the table's columns")
    } else {
        crate::messages::verbatim(format!("`{of}`"))
    };
    Err(SpecError {
        message: t!(
            "`{field}` has {len} entries, but {of_field} has {expected}",
            field = field,
            len = len,
            of_field = &of_field,
            expected = expected
        ),
        help: t!(
            "give one entry of `{field}` for each of {of_field}, in the same order",
            field = field,
            of_field = &of_field
        ),
        span: field_span(text, field),
    })
}

fn type_name(t: ColumnType) -> Text {
    match t {
        ColumnType::Number => t!("number"),
        ColumnType::Date => t!("date"),
        ColumnType::Month => t!("month"),
        ColumnType::Text => t!("text"),
    }
}
