//! The small TOML language of ```chart and ```table blocks, parsed when the page loads
//! (so syntax errors point at the block's line) and checked against the tables once they
//! are all known (so an unknown column names the field that asked for it).

use std::ops::Range;

use serde::Deserialize;

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

impl ChartKind {
    /// Every chart type, in the order the help lists them.
    pub const ALL: [ChartKind; 6] = [
        ChartKind::Line,
        ChartKind::Bar,
        ChartKind::StackedBar,
        ChartKind::Area,
        ChartKind::Scatter,
        ChartKind::Heatmap,
    ];

    /// The name a block writes (`type = "stacked-bar"`), also the SVG's and the figure's
    /// CSS class. The one place the names are written: serde's kebab-case renaming must
    /// agree, which a test checks.
    pub const fn name(self) -> &'static str {
        match self {
            ChartKind::Line => "line",
            ChartKind::Bar => "bar",
            ChartKind::StackedBar => "stacked-bar",
            ChartKind::Area => "area",
            ChartKind::Scatter => "scatter",
            ChartKind::Heatmap => "heatmap",
        }
    }
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

/// The keys a ```chart block may hold, read off [`ChartSpec`] itself, so a field added
/// to the type is at once suggested on a typo.
pub fn chart_fields() -> &'static [&'static str] {
    fields_of::<ChartSpec>()
}

/// The keys a ```table block may hold, read off [`TableSpec`].
pub fn table_fields() -> &'static [&'static str] {
    fields_of::<TableSpec>()
}

/// The field names serde's derive gives a struct (as written in the block, renames
/// applied): it hands them to the deserializer, which here only keeps them.
fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Fields(std::cell::Cell<&'static [&'static str]>);

    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("fields read")
        }
    }
    impl std::error::Error for Stop {}
    impl serde::de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Stop
        }
    }

    impl<'de> serde::Deserializer<'de> for &Fields {
        type Error = Stop;

        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Stop> {
            self.0.set(fields);
            Err(Stop)
        }

        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
            enum identifier ignored_any
        }
    }

    let fields = Fields(std::cell::Cell::new(&[]));
    // The derive always asks for a struct first and stops at the error: the result is
    // only the error, and the names are kept.
    let _ = T::deserialize(&fields);
    fields.0.get()
}

/// A parsed block with where it is in its file.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockSpec {
    Chart(ChartSpec),
    Table(TableSpec),
}

impl BlockSpec {
    /// The table the block reads, as written.
    pub fn data(&self) -> &str {
        match self {
            BlockSpec::Chart(c) => &c.data,
            BlockSpec::Table(t) => &t.data,
        }
    }
}

/// A problem in a block: the message, and the byte range inside the block's text.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecError {
    pub message: Text,
    pub help: Text,
    pub span: Range<usize>,
}

pub fn parse(chart: bool, text: &str) -> Result<BlockSpec, SpecError> {
    let spec = parse_toml(chart, text)?;
    let selection = match &spec {
        BlockSpec::Chart(c) => c.selection(),
        BlockSpec::Table(t) => t.selection(),
    };
    filter_values(&selection.filter, text)?;
    Ok(spec)
}

/// Refuses a `filter` value that is no value to compare a cell with: an empty list (no
/// row kept), a TOML table or a list of lists (compared as their TOML text, which no
/// cell holds). Either showed an empty block without a word.
fn filter_values(filter: &toml::Table, text: &str) -> Result<(), SpecError> {
    let plain = |v: &toml::Value| !matches!(v, toml::Value::Array(_) | toml::Value::Table(_));
    for (column, value) in filter {
        let fine = match value {
            toml::Value::Array(values) => !values.is_empty() && values.iter().all(plain),
            one => plain(one),
        };
        if !fine {
            return Err(SpecError {
                message: t!(
                    "`filter` gives `{column}` {value}, which no cell can equal",
                    column = column.as_str(),
                    value = value.to_string()
                ),
                help: t!(
                    "give the value to keep, `\"{column}\" = \"done\"`, or a list of values, `\"{column}\" = [\"open\", \"done\"]`",
                    column = column.as_str()
                ),
                span: field_span(text, "filter"),
            });
        }
    }
    Ok(())
}

fn parse_toml(chart: bool, text: &str) -> Result<BlockSpec, SpecError> {
    let result = if chart {
        toml::from_str::<ChartSpec>(text).map(BlockSpec::Chart)
    } else {
        toml::from_str::<TableSpec>(text).map(BlockSpec::Table)
    };
    result.map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let detail = e.message().trim().to_string();
        if let Some(x) = crate::syntax::toml(&detail, text, span.start) {
            return SpecError {
                message: x.problem,
                help: x.help,
                span: x.at.map_or(span, |at| at..at + 1),
            };
        }
        if let Some(wrong) = wrong_shape(&detail, text, span.start) {
            return wrong;
        }
        let fields = if chart {
            chart_fields()
        } else {
            table_fields()
        };
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
                let kinds: Vec<&str> = ChartKind::ALL.iter().map(|k| k.name()).collect();
                let written = detail
                    .split_once("unknown variant `")
                    .and_then(|(_, rest)| rest.split('`').next());
                match written.and_then(|w| did_you_mean(w, &kinds)) {
                    Some(s) => t!(
                        "did you mean `{s}`? type is one of: {kinds}",
                        s = s,
                        kinds = kinds.join(", ")
                    ),
                    None => t!("type is one of: {kinds}", kinds = kinds.join(", ")),
                }
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

/// A value of the wrong kind (`y = 3`, `limit = "5"`) told by its field, with the
/// shape the field takes and an example, instead of serde's terms (`did not match any
/// variant of untagged enum`, `expected usize`). Placed at the field's key.
fn wrong_shape(detail: &str, text: &str, at: usize) -> Option<SpecError> {
    let type_error = ["invalid type", "did not match any variant", "invalid value"]
        .iter()
        .any(|m| detail.contains(m));
    if !type_error {
        return None;
    }
    let line_start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let field = line.split('=').next()?.trim();
    let (shape, example) = match field {
        "y" => (
            t!("a column name or a list of column names"),
            "y = [\"pv\", \"ev\"]",
        ),
        "names" => (t!("a list of texts"), "names = [\"PV\", \"EV\"]"),
        "headers" => (t!("a list of texts"), "headers = [\"编号\", \"项目\"]"),
        "columns" => (
            t!("a list of column names"),
            "columns = [\"code\", \"title\"]",
        ),
        "rules" => (t!("a list of numbers"), "rules = [1.0]"),
        "limit" => (t!("a whole number of 1 or more"), "limit = 10"),
        "cumulative" => (t!("true or false"), "cumulative = true"),
        "aggregate" => (t!("count, sum or mean"), "aggregate = \"sum\""),
        "filter" => (
            t!("a table of columns and the values to keep"),
            "filter = { status = [\"active\", \"on-hold\"] }",
        ),
        "data" => (t!("a table name in quotes"), "data = \"portfolio\""),
        "x" => (t!("a column name in quotes"), "x = \"period\""),
        "series" => (t!("a column name in quotes"), "series = \"status\""),
        "label" => (t!("a column name in quotes"), "label = \"code\""),
        "sort" => (t!("a column name in quotes"), "sort = \"-cpi\""),
        "title" => (t!("a text in quotes"), "title = \"ERP 累计挣值\""),
        "description" => (t!("a text in quotes"), "description = \"…\""),
        "x_label" => (t!("a text in quotes"), "x_label = \"月份\""),
        "y_label" => (t!("a text in quotes"), "y_label = \"金额（元）\""),
        _ => return None,
    };
    let start = line_start + (line.len() - line.trim_start().len());
    Some(SpecError {
        message: t!("`{field}` takes {shape}", field = field, shape = shape),
        help: t!("for example: {example}", example = example),
        span: start..start + field.len(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_of_the_wrong_kind_is_told_with_the_fields_shape() {
        let base = "type = \"line\"\ndata = \"portfolio\"\nx = \"period\"\n";
        for (line, field, example) in [
            ("y = 3", "y", "y = [\"pv\", \"ev\"]"),
            ("y = [1, 2]", "y", "y = [\"pv\", \"ev\"]"),
            ("limit = \"5\"", "limit", "limit = 10"),
            ("cumulative = \"yes\"", "cumulative", "cumulative = true"),
            ("names = \"PV\"", "names", "names = [\"PV\", \"EV\"]"),
            ("rules = 1.0", "rules", "rules = [1.0]"),
            ("title = 2024", "title", "title = \""),
        ] {
            let text = format!("{base}{line}\n");
            let Err(e) = parse(true, &text) else {
                panic!("{line} parsed")
            };
            let message = e.message.to_string();
            let help = e.help.to_string();
            assert!(
                !message.contains("untagged") && !message.contains("OneOrMany"),
                "{line}: {message}"
            );
            assert!(message.contains(&format!("`{field}`")), "{line}: {message}");
            assert!(help.contains(example), "{line}: {help}");
            assert_eq!(
                &text[e.span.start..e.span.start + field.len()],
                field,
                "{line}"
            );
        }
    }

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
    fn the_known_keys_are_read_off_the_types() {
        assert_eq!(
            chart_fields(),
            [
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
                "names",
                "rules",
                "filter",
                "sort",
                "limit"
            ]
        );
        assert_eq!(
            table_fields(),
            ["data", "columns", "headers", "title", "filter", "sort", "limit"]
        );
        // `names` was once missing from a hand-kept list: a typo of it got no suggestion.
        let e = parse(
            true,
            "type = \"bar\"\ndata = \"t\"\nx = \"a\"\nnamess = [\"A\"]\n",
        )
        .unwrap_err();
        assert!(
            e.help.to_string().contains("did you mean `names`?"),
            "{}",
            e.help
        );
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
    fn each_chart_type_is_read_by_its_name() {
        for kind in ChartKind::ALL {
            let text = format!("type = \"{}\"\ndata = \"x\"\nx = \"a\"\n", kind.name());
            match parse(true, &text) {
                Ok(BlockSpec::Chart(c)) => assert_eq!(c.kind, kind),
                other => panic!("{}: {other:?}", kind.name()),
            }
        }
        // The help of an unknown type lists them all.
        let help = parse(true, "type = \"pie\"\ndata = \"x\"\nx = \"a\"\n")
            .unwrap_err()
            .help
            .to_string();
        let listed = help.matches(", ").count() + 1;
        assert_eq!(listed, ChartKind::ALL.len(), "{help}");
    }

    #[test]
    fn field_span_finds_the_line() {
        let text = "type = \"line\"\n  data = \"nope\"\n";
        assert_eq!(&text[field_span(text, "data")], "data = \"nope\"");
    }
}
