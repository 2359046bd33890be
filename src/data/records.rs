//! Structured tables (JSON, TOML, YAML): a list of records whose keys are the columns,
//! in the order first seen. Every value keeps where it was written, so a bad cell is
//! reported at its line and column like a CSV cell, and a NaN or infinity (which TOML and
//! YAML allow) is refused at its place instead of vanishing into an empty cell.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::data::table::{Cell, Place, Table};
use crate::diagnostics::{offset_of, Diagnostic, Location, Problem};
use crate::messages::Text;
use crate::t;

/// One value of a record, as the format wrote it.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Null,
    /// Kept as read, NaN and infinities included, so they can be refused at their place.
    Number(f64),
    Text(String),
    /// A list, a nested table or a boolean: shown as written, never a number.
    Other(String),
}

/// The key TOML's deserializer uses to hand over a date-time as a one-entry map.
const TOML_DATETIME: &str = "$__toml_private_datetime";

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
                Scalar::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Scalar, E> {
                Ok(Scalar::Other(b.to_string()))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(n as f64))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(n as f64))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Scalar, E> {
                Ok(Scalar::Number(n))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(s.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other("[…]".into()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                let mut out = Scalar::Other("{…}".into());
                while let Some(key) = map.next_key::<String>()? {
                    if key == TOML_DATETIME {
                        out = Scalar::Text(map.next_value::<String>()?);
                    } else {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_any(V)
    }
}

/// One record: its fields in the order written, each with the byte offset of its value
/// when the format tells it.
pub type Record = Vec<(String, Scalar, Option<usize>)>;

/// A record read with span-carrying values `S` (the TOML or YAML `Spanned` wrapper).
struct Spans<S>(Vec<(String, S)>);

impl<'de, S: Deserialize<'de>> Deserialize<'de> for Spans<S> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<S>(std::marker::PhantomData<S>);
        impl<'de, S: Deserialize<'de>> Visitor<'de> for V<S> {
            type Value = Spans<S>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a record of column = value pairs")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Spans<S>, A::Error> {
                let mut fields = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    fields.push((key, map.next_value::<S>()?));
                }
                Ok(Spans(fields))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// The offset of a value's text, past an opening quote, so the column is where the
/// user's characters start (as for CSV cells).
fn past_quote(text: &str, offset: usize) -> usize {
    match text.as_bytes().get(offset) {
        Some(b'"' | b'\'') => offset + 1,
        _ => offset,
    }
}

fn structured_error(
    path: &Path,
    source: &Arc<str>,
    message: Text,
    offset: usize,
    help: Text,
) -> Diagnostic {
    Diagnostic::error(Problem::Data(message))
        .at(Location::new(path, source, offset, 1))
        .with_help(help)
}

fn no_rows(path: &Path, text: &Arc<str>, help: Text) -> Diagnostic {
    structured_error(path, text, t!("no array of tables found"), 0, help)
}

pub fn parse_json(path: &Path, text: &Arc<str>) -> Result<Vec<Record>, Diagnostic> {
    let help =
        || t!("a JSON table is a list of objects: [{{\"period\": \"2024-01\", \"pv\": 100}}, …]");
    let values = serde_json::from_str::<Vec<serde_json::Map<String, serde_json::Value>>>(text)
        .map_err(|e| {
            let offset = offset_of(text, e.line(), e.column());
            // serde_json ends its message with the position, which ours gives.
            let message = e.to_string();
            let message = message
                .rfind(" at line ")
                .map_or(message.as_str(), |i| &message[..i]);
            match crate::syntax::json(message, e.is_eof()) {
                Some(x) => structured_error(path, text, x.problem, offset, x.help),
                None => structured_error(
                    path,
                    text,
                    crate::messages::library(message),
                    offset,
                    help(),
                ),
            }
        })?;
    let offsets = crate::data::json_places::value_offsets(text);
    // serde_json keeps the last of two values of one key: `"ac": 463000, "ac": 363000`
    // showed the second as the month's cost, unsaid, where YAML's is an error.
    for row in &offsets {
        for (k, (key, at)) in row.iter().enumerate() {
            if row[..k].iter().any(|(earlier, _)| earlier == key) {
                return Err(structured_error(
                    path,
                    text,
                    t!("`{field}` is written twice", field = key.as_str()),
                    *at,
                    t!(
                        "keep one of the two `{field}` values of this row",
                        field = key.as_str()
                    ),
                ));
            }
        }
    }
    Ok(values
        .into_iter()
        .enumerate()
        .map(|(r, record)| {
            record
                .into_iter()
                .map(|(key, value)| {
                    let at = offsets
                        .get(r)
                        .and_then(|row| row.iter().find(|(k, _)| *k == key))
                        .map(|(_, o)| past_quote(text, *o));
                    let scalar = match value {
                        serde_json::Value::Null => Scalar::Null,
                        serde_json::Value::Number(n) => n
                            .as_f64()
                            .map_or(Scalar::Other(n.to_string()), Scalar::Number),
                        serde_json::Value::String(s) => Scalar::Text(s),
                        other => Scalar::Other(other.to_string()),
                    };
                    (key, scalar, at)
                })
                .collect()
        })
        .collect())
}

pub fn parse_toml(path: &Path, text: &Arc<str>) -> Result<Vec<Record>, Diagnostic> {
    let help = || t!("a TOML table is a list of [[rows]] entries, one per row");
    let toml_error = |e: toml::de::Error| {
        let offset = e.span().map_or(0, |r| r.start);
        if let Some(x) = crate::syntax::toml(e.message(), text, offset) {
            return structured_error(path, text, x.problem, x.at.unwrap_or(offset), x.help);
        }
        structured_error(
            path,
            text,
            crate::messages::library(e.message()),
            offset,
            help(),
        )
    };
    // First find which key holds the rows, then read just that array with spans.
    let value: toml::Table = toml::from_str(text).map_err(toml_error)?;
    let written = |k: &str| text.find(&format!("[[{k}]]")).unwrap_or(usize::MAX);
    let mut keys: Vec<&String> = value
        .iter()
        .filter(|(_, v)| {
            v.as_array()
                .is_some_and(|a| a.iter().all(toml::Value::is_table))
        })
        .map(|(k, _)| k)
        .collect();
    keys.sort_by_key(|k| written(k));
    // Rows split in two lists (`[[y2024]]` then `[[y2023]]`): one was read, the other
    // left out without a word (the fifth malformed hunt).
    if let [first, second, ..] = keys.as_slice() {
        let at = written(second).min(text.len());
        return Err(structured_error(
            path,
            text,
            t!(
                "the rows are in two lists, `[[{first}]]` and `[[{second}]]`: a table is one list",
                first = first.as_str(),
                second = second.as_str()
            ),
            at,
            t!("name every row's header the same, e.g. [[rows]]"),
        ));
    }
    let key = keys
        .first()
        .map(|k| k.to_string())
        .ok_or_else(|| no_rows(path, text, help()))?;
    #[derive(serde::Deserialize)]
    struct Rows(std::collections::HashMap<String, RowsOrOther>);
    struct RowsOrOther(Option<Vec<Spans<toml::Spanned<Scalar>>>>);
    impl<'de> Deserialize<'de> for RowsOrOther {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = RowsOrOther;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("anything")
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RowsOrOther, A::Error> {
                    let mut rows = Vec::new();
                    while let Some(row) = seq.next_element::<MaybeRecord>()? {
                        match row.0 {
                            Some(r) => rows.push(r),
                            None => return Ok(RowsOrOther(None)),
                        }
                    }
                    Ok(RowsOrOther(Some(rows)))
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RowsOrOther, A::Error> {
                    while map
                        .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                        .is_some()
                    {}
                    Ok(RowsOrOther(None))
                }
                fn visit_str<E: de::Error>(self, _: &str) -> Result<RowsOrOther, E> {
                    Ok(RowsOrOther(None))
                }
                fn visit_i64<E: de::Error>(self, _: i64) -> Result<RowsOrOther, E> {
                    Ok(RowsOrOther(None))
                }
                fn visit_f64<E: de::Error>(self, _: f64) -> Result<RowsOrOther, E> {
                    Ok(RowsOrOther(None))
                }
                fn visit_bool<E: de::Error>(self, _: bool) -> Result<RowsOrOther, E> {
                    Ok(RowsOrOther(None))
                }
            }
            d.deserialize_any(V)
        }
    }
    struct MaybeRecord(Option<Spans<toml::Spanned<Scalar>>>);
    impl<'de> Deserialize<'de> for MaybeRecord {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Spans::deserialize(d).map(|s| MaybeRecord(Some(s)))
        }
    }
    let mut rows: Rows = toml::from_str(text).map_err(toml_error)?;
    let records = rows
        .0
        .remove(&key)
        .and_then(|r| r.0)
        .ok_or_else(|| no_rows(path, text, help()))?;
    Ok(records
        .into_iter()
        .map(|Spans(fields)| {
            fields
                .into_iter()
                .map(|(k, v)| {
                    let at = past_quote(text, v.span().start);
                    (k, v.into_inner(), Some(at))
                })
                .collect()
        })
        .collect())
}

/// Where a YAML file's second document starts: its `---` line after some content (or
/// the start of the file, if there is none such).
fn second_document(text: &str) -> usize {
    let mut offset = 0;
    let mut content = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if (trimmed == "---" || trimmed.starts_with("--- ")) && content {
            return offset;
        }
        content |= !trimmed.is_empty() && !trimmed.starts_with('#') && trimmed != "---";
        offset += line.len();
    }
    0
}

pub fn parse_yaml(path: &Path, text: &Arc<str>) -> Result<Vec<Record>, Diagnostic> {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.with_snippet = false;
    options.crop_radius = 0;
    let records = serde_saphyr::from_str_with_options::<Vec<Spans<serde_saphyr::Spanned<Scalar>>>>(
        text, options,
    )
    .map_err(|e| {
        if matches!(e, serde_saphyr::Error::MultipleDocuments { .. }) {
            // The reader's words name its own functions; the author needs the `---`.
            let offset = second_document(text);
            return structured_error(
                path,
                text,
                t!("the file holds more than one YAML document: a line `---` starts another"),
                offset,
                t!("a table is one list of rows: remove the `---` line, or move what follows it into a file of its own"),
            );
        }
        let (line, col) = e
            .location()
            .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
        let offset = offset_of(text, line, col);
        let message = e.to_string();
        let message = message.lines().next().unwrap_or(&message);
        // The reader ends its message with the position, which ours gives.
        let message = message
            .rfind(" at line ")
            .map_or(message, |i| &message[..i])
            .to_string();
        if message.starts_with("expected sequence") || message.starts_with("expected mapping") {
            let (problem, help) = if message.starts_with("expected sequence") {
                (
                    t!("the file is not a list of rows"),
                    t!("a YAML table is a list of rows, each starting with `- ` at the beginning of a line: `- {{period: 2024-01, pv: 100}}`"),
                )
            } else {
                (
                    t!("a row is not a group of named fields"),
                    t!("write each row as its columns' names and values: `- {{period: 2024-01, pv: 100}}`, or `- period: 2024-01` with the next column below it, indented to match"),
                )
            };
            return structured_error(path, text, problem, offset, help);
        }
        // `.inf` or `.nan` in a cell: a value, not the table's shape, is wrong.
        if let Some(value) = message
            .strip_prefix("non-finite float `")
            .and_then(|rest| rest.split('`').next())
        {
            return structured_error(
                path,
                text,
                t!("a cell holds `{value}`, expected a number", value = value),
                offset,
                t!("`{value}` is not a figure: write the amount, or leave the cell empty when nothing was reported", value = value),
            );
        }
        if let Some(x) = crate::syntax::yaml(&message, text, offset) {
            return structured_error(path, text, x.problem, x.at.unwrap_or(offset), x.help);
        }
        structured_error(
            path,
            text,
            crate::messages::library(&message),
            offset,
            t!("a YAML table is a list of mappings: - {{period: 2024-01, pv: 100}}"),
        )
    })?;
    // `- {项目: &甲 ERP}`: words YAML took as an anchor or a tag and left out of the cell.
    if let Some(e) = crate::syntax::dropped_properties(text).into_iter().next() {
        return Err(structured_error(
            path,
            text,
            e.problem,
            e.at.unwrap_or(0),
            e.help,
        ));
    }
    Ok(records
        .into_iter()
        .map(|Spans(fields)| {
            fields
                .into_iter()
                .map(|(k, v)| {
                    let loc = v.referenced;
                    let at = (loc.line() > 0).then(|| {
                        past_quote(
                            text,
                            offset_of(text, loc.line() as usize, loc.column() as usize),
                        )
                    });
                    (k, v.value, at)
                })
                .collect()
        })
        .collect())
}

/// The table made of `records`; a number that is NaN or infinite is an error at its place.
pub fn table(
    path: &Path,
    source: &Arc<str>,
    name: &str,
    records: Vec<Record>,
) -> Result<Table, Diagnostic> {
    let mut columns: Vec<String> = Vec::new();
    for record in &records {
        for (key, _, _) in record {
            if !columns.contains(key) {
                columns.push(key.clone());
            }
        }
    }
    let mut rows = Vec::with_capacity(records.len());
    let mut places = Vec::with_capacity(records.len());
    for (r, record) in records.iter().enumerate() {
        let mut cells = vec![Cell::Empty; columns.len()];
        let mut at = vec![Place::Row(r + 1); columns.len()];
        for (key, value, offset) in record {
            let Some(c) = columns.iter().position(|k| k == key) else {
                continue;
            };
            if let Some(o) = offset {
                at[c] = Place::Offset(*o);
            }
            cells[c] = match value {
                Scalar::Null => Cell::Empty,
                Scalar::Number(n) if !n.is_finite() => {
                    let shown = non_finite(*n);
                    let message = t!(
                        "column `{key}` holds `{shown}`, expected a finite number",
                        key = key,
                        shown = shown
                    );
                    let d = Diagnostic::error(Problem::Data(message))
                        .with_help(t!("write the amount as a plain number, e.g. 1200000; leave the cell out if it is unknown"));
                    return Err(match offset {
                        Some(o) => d.at(Location::new(path, source, *o, shown.len())),
                        None => d.at_file_start(path),
                    });
                }
                Scalar::Number(n) => {
                    if let Some((o, written)) =
                        offset.and_then(|o| radix_prefixed(source, o).map(|w| (o, w)))
                    {
                        let message = t!(
                            "column `{key}` holds `{written}`, a number in another base",
                            key = key,
                            written = written
                        );
                        return Err(Diagnostic::error(Problem::Data(message))
                            .at(Location::new(path, source, o, written.len()))
                            .with_help(t!("YAML reads `{written}` as {number}: write the amount in decimal digits, e.g. 1200000", written = written, number = crate::numbers::format_amount(*n))));
                    }
                    // An ID card number read as a figure lost its last digits: kept
                    // as written, it is text, as the same cell of a CSV file is.
                    match offset.and_then(|o| written_at(source, o)) {
                        Some(w) if crate::numbers::beyond_exact(w) => Cell::Text(w.to_string()),
                        _ => Cell::Number(*n),
                    }
                }
                Scalar::Text(s) if s.trim().is_empty() => Cell::Empty,
                // A JSON, YAML or TOML escape makes back what loading dropped.
                Scalar::Text(s) => Cell::Text(crate::escape::cleaned(s.trim()).into_owned()),
                Scalar::Other(s) => Cell::Text(s.clone()),
            };
        }
        rows.push(cells);
        places.push(at);
    }
    Ok(Table::from_text(name, path, source, columns, rows, places))
}

/// The number written at `offset` when YAML read it in hexadecimal, octal or binary
/// (`0x10` is 16, `0o17` is 15): a figure no one meant, from a slip or an export.
fn radix_prefixed(source: &str, offset: usize) -> Option<&str> {
    written_at(source, offset).filter(|w| crate::numbers::in_another_base(w))
}

/// The number written at `offset`, up to what ends a value in JSON, TOML or YAML.
fn written_at(source: &str, offset: usize) -> Option<&str> {
    let rest = source.get(offset..)?;
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | '}' | ']' | '#'))
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// How a non-finite number is named in messages (never Rust's `NaN` or `inf`).
fn non_finite(n: f64) -> &'static str {
    if n.is_nan() {
        "nan"
    } else if n > 0.0 {
        "infinity"
    } else {
        "-infinity"
    }
}
