//! The small TOML language of ```chart and ```table blocks, parsed when the page loads
//! (so syntax errors point at the block's line) and checked against the tables once they
//! are all known (so an unknown column names the field that asked for it).

use std::ops::Range;

use serde::Deserialize;

use crate::data::{ColumnType, Table};
use crate::messages::Text;
use crate::suggest::did_you_mean;
use crate::t;

/// The chart types a ```chart block may ask for (`type = "stacked-bar"` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    Line,
    Bar,
    StackedBar,
    Area,
    Scatter,
    Heatmap,
}

/// Rows to keep, how to order them and how many: shared by charts and tables.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    /// Keep rows whose column equals the value (or one of the values).
    pub filter: toml::Table,
    /// A column to sort by; `-cpi` sorts descending.
    pub sort: Option<String>,
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregate {
    Count,
    Sum,
    Mean,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// A ```chart block.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    #[serde(rename = "type")]
    pub kind: ChartKind,
    /// A table name: `data/…` file stem, `projects/<slug>/<table>`, or a derived table.
    pub data: String,
    pub x: String,
    /// One or more numeric columns; may be left out with `aggregate = "count"`.
    pub y: Option<OneOrMany>,
    /// A column whose values split the rows into series (long-format data).
    pub series: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub x_label: Option<String>,
    pub y_label: Option<String>,
    /// Group rows by `x` (and `series`) and count, sum or average `y`.
    pub aggregate: Option<Aggregate>,
    /// Running totals, for per-period amounts.
    #[serde(default)]
    pub cumulative: bool,
    /// Scatter: the column that labels each point.
    pub label: Option<String>,
    /// Display names for the `y` columns, in the same order (default: the column names).
    pub names: Option<Vec<String>>,
    /// Horizontal reference lines, e.g. `rules = [1.0]`.
    #[serde(default)]
    pub rules: Vec<f64>,
    #[serde(default)]
    pub filter: toml::Table,
    pub sort: Option<String>,
    pub limit: Option<usize>,
}

/// A ```table block.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    pub data: String,
    /// Columns to show, in order; all by default.
    pub columns: Option<Vec<String>>,
    /// Header texts for those columns (default: the column names).
    pub headers: Option<Vec<String>>,
    pub title: Option<String>,
    #[serde(default)]
    pub filter: toml::Table,
    pub sort: Option<String>,
    pub limit: Option<usize>,
}

impl ChartSpec {
    pub fn selection(&self) -> Selection {
        Selection {
            filter: self.filter.clone(),
            sort: self.sort.clone(),
            limit: self.limit,
        }
    }
}

impl TableSpec {
    pub fn selection(&self) -> Selection {
        Selection {
            filter: self.filter.clone(),
            sort: self.sort.clone(),
            limit: self.limit,
        }
    }
}

pub const CHART_FIELDS: &[&str] = &[
    "type",
    "data",
    "x",
    "y",
    "series",
    "title",
    "description",
    "x_label",
    "y_label",
    "aggregate",
    "cumulative",
    "label",
    "rules",
    "filter",
    "sort",
    "limit",
];
pub const TABLE_FIELDS: &[&str] = &[
    "data", "columns", "headers", "title", "filter", "sort", "limit",
];

/// A parsed block with where it is in its file.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockSpec {
    Chart(ChartSpec),
    Table(TableSpec),
}

/// A problem in a block: the message, and the byte range inside the block's text.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecError {
    pub message: Text,
    pub help: Text,
    pub span: Range<usize>,
}

pub fn parse(chart: bool, text: &str) -> Result<BlockSpec, SpecError> {
    let result = if chart {
        toml::from_str::<ChartSpec>(text).map(BlockSpec::Chart)
    } else {
        toml::from_str::<TableSpec>(text).map(BlockSpec::Table)
    };
    result.map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let detail = e.message().trim().to_string();
        let fields = if chart { CHART_FIELDS } else { TABLE_FIELDS };
        let help = match detail
            .strip_prefix("unknown field `")
            .and_then(|m| m.split('`').next())
        {
            Some(field) => match did_you_mean(field, fields) {
                Some(s) => t!(
                    "did you mean `{s}`? fields: {fields}",
                    s = s,
                    fields = fields.join(", ")
                ),
                None => t!("fields: {fields}", fields = fields.join(", ")),
            },
            None if detail.contains("unknown variant") => {
                t!("type is one of: line, bar, stacked-bar, area, scatter, heatmap")
            }
            None if chart => t!("a chart block holds TOML, e.g. data = \"portfolio\""),
            None => t!("a table block holds TOML, e.g. data = \"portfolio\""),
        };
        SpecError {
            message: crate::messages::library(&detail),
            help,
            span,
        }
    })
}

/// The byte range of `field = …` in the block, to point an error at the right line.
pub fn field_span(text: &str, field: &str) -> Range<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(field) {
            if rest.trim_start().starts_with('=') {
                let start = offset + (line.len() - trimmed.len());
                return start..start + line.trim_end().len() - (line.len() - trimmed.len());
            }
        }
        offset += line.len();
    }
    0..0
}

/// Checks that the table and every named column exist (and that value columns are
/// numbers). Errors name the field and list what is available.
pub fn check(spec: &BlockSpec, table: &Table, text: &str) -> Result<(), SpecError> {
    let column = |field: &str, name: &str, numeric: bool| -> Result<(), SpecError> {
        let Some(col) = table.column(name) else {
            let names: Vec<&str> = table.columns.iter().map(String::as_str).collect();
            let help = match did_you_mean(name, &names) {
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
            return Err(SpecError {
                message: t!(
                    "`{field}` names the column `{name}`, which table `{table}` does not have",
                    field = field,
                    name = name,
                    table = &table.name
                ),
                help,
                span: field_span(text, field),
            });
        };
        if numeric && table.column_type(col) != ColumnType::Number {
            return Err(SpecError {
                message: t!(
                    "`{field}` needs a column of numbers, but `{name}` holds {kind} values",
                    field = field,
                    name = name,
                    kind = type_name(table.column_type(col))
                ),
                help: t!("plot a numeric column, or use aggregate = \"count\" to count rows"),
                span: field_span(text, field),
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
                        return Err(SpecError {
                            message: t!("`y` is an empty list: the chart would have no series"),
                            help: t!("name one column or more, e.g. y = [\"pv\", \"ev\"], or leave y out with aggregate = \"count\""),
                            span: field_span(text, "y"),
                        })
                    }
                    (Some(y), _) => {
                        for name in y.to_vec() {
                            column("y", &name, !counting)?;
                            if let Some(col) = table.column(&name) {
                                finite_sums(table, col, text)?;
                            }
                        }
                    }
                    (None, true) => {}
                    (None, false) => return Err(SpecError {
                        message: t!("the chart has no `y`"),
                        help: t!("add y = \"column\" (or y = [\"a\", \"b\"]), or aggregate = \"count\""),
                        span: 0..0,
                    }),
                }
            if c.rules.iter().any(|r| !r.is_finite()) {
                return Err(SpecError {
                    message: t!("`rules` holds a value that is not a finite number"),
                    help: t!("reference lines are plain numbers, e.g. rules = [1.0]"),
                    span: field_span(text, "rules"),
                });
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
    for key in selection.filter.keys() {
        column("filter", key, false)?;
    }
    if let Some(sort) = &selection.sort {
        column("sort", sort.trim_start_matches('-'), false)?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_chart_block() {
        let spec = parse(true, "type = \"stacked-bar\"\ndata = \"portfolio\"\nx = \"department\"\ny = [\"bac\", \"eac\"]\nsort = \"-bac\"\nlimit = 5\nfilter = { status = \"active\" }\n").unwrap();
        let BlockSpec::Chart(c) = spec else { panic!() };
        assert_eq!(c.kind, ChartKind::StackedBar);
        assert_eq!(c.y.unwrap().to_vec(), ["bac", "eac"]);
        assert_eq!(c.sort.as_deref(), Some("-bac"));
        assert_eq!(c.limit, Some(5));
        assert_eq!(c.filter["status"].as_str(), Some("active"));
    }

    #[test]
    fn unknown_fields_and_types_are_explained() {
        let e = parse(
            true,
            "type = \"line\"\ndata = \"x\"\nx = \"a\"\ncolour = \"red\"\n",
        )
        .unwrap_err();
        assert!(
            e.message.to_string().contains("unknown field `colour`"),
            "{e:?}"
        );
        assert_eq!(e.span.start, 33);
        let e = parse(true, "type = \"pie\"\ndata = \"x\"\nx = \"a\"\n").unwrap_err();
        assert!(e.help.to_string().contains("stacked-bar"), "{e:?}");
    }

    #[test]
    fn field_span_finds_the_line() {
        let text = "type = \"line\"\n  data = \"nope\"\n";
        assert_eq!(&text[field_span(text, "data")], "data = \"nope\"");
    }
}
