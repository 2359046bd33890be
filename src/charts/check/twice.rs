//! A column a block names twice (`y = ["pv", "ev", "pv"]`, or `pv` and `PV`, which are
//! one column): a chart drew the same figures as two series — a stacked chart added
//! them up twice, its bars as tall as a budget nobody planned — and a table showed the
//! column twice, each with no word.

use std::ops::Range;

use crate::blocks::{field_span, SpecError};
use crate::data::Table;
use crate::messages::Text;
use crate::t;

/// The first of `names` standing for the same column of `table` as an earlier one:
/// its place among `names`. Names the table lacks are told by the caller's column check.
fn repeated(names: &[String], table: &Table) -> Option<usize> {
    let columns: Vec<Option<usize>> = names.iter().map(|n| table.column(n)).collect();
    (1..names.len()).find(|&i| columns[i].is_some() && columns[..i].contains(&columns[i]))
}

/// `names` with each column once, in the order first written, quoted as TOML lists them.
fn once_each(names: &[String], table: &Table) -> String {
    let mut seen = Vec::new();
    let mut kept = Vec::new();
    for name in names {
        let col = table.column(name);
        if !seen.contains(&col) {
            seen.push(col);
            kept.push(format!("\"{}\"", name.trim()));
        }
    }
    kept.join(", ")
}

/// Where the repeated name stands in the block: its quoted text at `field`, counting the
/// same text written earlier in the list; the field's line when it cannot be found.
fn span_of(text: &str, field: &str, names: &[String], again: usize) -> Range<usize> {
    let line = field_span(text, field);
    let written = &names[again];
    let earlier = names[..again].iter().filter(|n| *n == written).count();
    let from = line.start;
    let rest = text.get(from..).unwrap_or("");
    let mut found: Vec<usize> = ["\"", "'"]
        .iter()
        .flat_map(|q| {
            let quoted = format!("{q}{written}{q}");
            rest.match_indices(&quoted)
                .map(|(at, _)| at)
                .collect::<Vec<_>>()
        })
        .collect();
    found.sort_unstable();
    match found.get(earlier) {
        Some(&at) => from + at..from + at + written.len() + 2,
        None => line,
    }
}

/// The block's `field` naming a column twice, told by `message` (given the name), with
/// the list written once each for help.
fn named_twice(
    field: &str,
    names: &[String],
    table: &Table,
    text: &str,
    message: impl Fn(&str) -> Text,
) -> Option<SpecError> {
    let again = repeated(names, table)?;
    Some(SpecError {
        message: message(names[again].trim()),
        help: t!(
            "name each column once: {field} = [{names}]",
            field = field,
            names = once_each(names, table)
        ),
        span: span_of(text, field, names, again),
    })
}

/// A chart's `y` naming one column twice is an error: its figures would be drawn, and
/// in a stacked chart summed, twice.
pub(super) fn chart_y(names: &[String], table: &Table, text: &str) -> Result<(), SpecError> {
    let twice = named_twice("y", names, table, text, |name| {
        t!(
            "`y` names the column `{name}` twice: the chart would draw its figures as two series, and a stacked chart would add them up twice",
            name = name
        )
    });
    twice.map_or(Ok(()), Err)
}

/// A table's `columns` naming one column twice is a warning: the table shows it twice,
/// a slip but no wrong figure.
pub(super) fn table_columns(names: &[String], table: &Table, text: &str) -> Option<SpecError> {
    named_twice("columns", names, table, text, |name| {
        t!(
            "`columns` names the column `{name}` twice: the table shows it twice",
            name = name
        )
    })
}
