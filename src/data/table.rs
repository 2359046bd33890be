//! A data table read from any supported format, with typed access whose errors point at
//! the exact cell: `budget.csv:7:12` for text formats, `budget.xlsx (Sheet1!C7)` for
//! workbooks, `budget.json (row 3, column ev)` for structured formats.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::number_formats::Shown;
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::t;

/// One cell's value, as read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Empty,
    Number(f64),
    Date(#[serde(serialize_with = "iso")] Date),
    Text(String),
}

fn iso<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.iso())
}

impl Cell {
    /// The cell as the thousands-point check weighs it: its text, when the file kept
    /// it, and the number it is read as.
    pub fn written(&self) -> crate::numbers::Written<'_> {
        let (text, value) = match self {
            Cell::Text(t) => (Some(t.as_str()), parse_number(t)),
            Cell::Number(n) => (None, Some(*n)),
            _ => (None, None),
        };
        crate::numbers::Written { text, value }
    }

    /// The cell as a user wrote it, for messages and tables.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(n) => format_number(*n),
            Cell::Date(d) => d.iso(),
            Cell::Text(t) => t.clone(),
        }
    }
}

pub use crate::numbers::format_number;

/// Where a cell is, for error messages.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// Byte offset into the file's text (CSV).
    Offset(usize),
    /// A worksheet cell.
    Sheet { sheet: String, cell: String },
    /// Row (1-based, header not counted) of a structured file (JSON, TOML, YAML).
    Row(usize),
}

/// The type a column holds, inferred from its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    Number,
    Date,
    Month,
    Text,
}

#[derive(Debug, Clone)]
pub struct Table {
    /// What charts and `table` blocks call it: `departments`, `projects/erp/budget`.
    pub name: String,
    pub path: PathBuf,
    /// The file's text, for placing errors (text formats only).
    pub source: Option<Arc<str>>,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// `places[row][col]`.
    pub places: Vec<Vec<Place>>,
    /// The headers [`crate::data::columns::read_as_named`] renamed, as the file writes
    /// them (`挣值` for `ev`): messages name the column the author wrote, and a unit in
    /// it (`计划值（美元）`) is checked against the project's currency.
    pub renamed: Vec<(usize, String)>,
    /// The number cells (row, column) of a workbook whose number format names a unit
    /// (`0.0"万元"`, `[$$-409]#,##0`): what the author sees beside the value is part of
    /// what it means.
    pub formats: Vec<(usize, usize, Shown)>,
}

impl Table {
    /// A table read from a text file (CSV, JSON, TOML, YAML), which keeps the file's text
    /// so that errors found later can quote it.
    pub fn from_text(
        name: &str,
        path: &Path,
        source: &Arc<str>,
        columns: Vec<String>,
        rows: Vec<Vec<Cell>>,
        places: Vec<Vec<Place>>,
    ) -> Table {
        Table {
            name: name.to_string(),
            path: path.to_path_buf(),
            source: Some(Arc::clone(source)),
            columns,
            rows,
            places,
            renamed: Vec::new(),
            formats: Vec::new(),
        }
    }

    /// Column `col`'s header as the file writes it.
    pub fn written(&self, col: usize) -> &str {
        self.renamed
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, header)| header.as_str())
            .or_else(|| self.columns.get(col).map(String::as_str))
            .unwrap_or("?")
    }

    pub fn column(&self, name: &str) -> Option<usize> {
        let name = name.trim().to_lowercase();
        self.columns
            .iter()
            .position(|c| c.chars().flat_map(char::to_lowercase).eq(name.chars()))
    }

    /// Column indexes of required columns; a missing one is an error naming the header.
    pub fn require(&self, names: &[&str]) -> Result<Vec<usize>, Diagnostic> {
        names
            .iter()
            .map(|name| {
                self.column(name).ok_or_else(|| {
                    self.error_at_top(
                        t!("the header has no column `{name}`", name = *name),
                        t!(
                            "the first row must name these columns: {columns}",
                            columns = names.join(", ")
                        ),
                    )
                })
            })
            .collect()
    }

    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    pub fn text(&self, row: usize, col: usize) -> String {
        self.cell(row, col).display()
    }

    /// The type every non-empty cell of a column agrees on (text when they disagree).
    pub fn column_type(&self, col: usize) -> ColumnType {
        let mut kind: Option<ColumnType> = None;
        for row in 0..self.rows.len() {
            let this = match self.cell(row, col) {
                Cell::Empty => continue,
                Cell::Number(_) => ColumnType::Number,
                Cell::Date(_) => ColumnType::Date,
                Cell::Text(t) if t.trim().is_empty() => continue,
                Cell::Text(t) if is_month(t.trim()) => ColumnType::Month,
                Cell::Text(t) if Date::parse(t).is_ok() => ColumnType::Date,
                Cell::Text(t) if parse_number(t).is_some() => ColumnType::Number,
                Cell::Text(_) => return ColumnType::Text,
            };
            match kind {
                None => kind = Some(this),
                Some(k) if k == this => {}
                Some(_) => return ColumnType::Text,
            }
        }
        kind.unwrap_or(ColumnType::Text)
    }
}

mod cell_errors;
mod cell_text;
mod dates;
mod levels;
mod number;
pub use cell_errors::at_sheet_ref;
use cell_text::{
    after_apostrophe, comma_decimal_amount, currency_code_beside, has_inner_gap, is_a_word,
    is_bare_totals_label, is_date_shaped, is_formula, letters_for_digits, month_help, other_minus,
    spreadsheet_error,
};
pub use cell_text::{
    cell_at, cell_ref, is_month, is_no_value_mark, is_totals_label, month_written_otherwise,
    parse_number, percent,
};
pub use dates::DatesAsText;

#[cfg(test)]
mod tests;
