//! A data table read from any supported format, with typed access whose errors point at
//! the exact cell: `budget.csv:7:12` for text formats, `budget.xlsx (Sheet1!C7)` for
//! workbooks, `budget.json (row 3, column ev)` for structured formats.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::number_formats::Shown;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::Text;
use crate::numbers::{not_a_figure, NotAFigure};
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

    /// A number; text cells may carry thousands separators and a currency sign.
    pub fn number(&self, row: usize, col: usize) -> Result<Option<f64>, Diagnostic> {
        match self.cell(row, col) {
            Cell::Empty => Ok(None),
            Cell::Number(n) if n.is_finite() => Ok(Some(*n)),
            Cell::Number(n) if n.is_nan() => Err(self.not_a_figure(row, col, NotAFigure::NotANumber)),
            Cell::Number(_) => Err(self.not_a_figure(row, col, NotAFigure::OutOfRange)),
            Cell::Text(t) => match parse_number(t) {
                Some(n) => Ok(Some(n)),
                None if t.trim().is_empty() => Ok(None),
                None if crate::numbers::beyond_exact(t) => Err(self.bad_cell(
                    row,
                    col,
                    t!("a number"),
                    crate::numbers::beyond_exact_help(t),
                )),
                None if not_a_figure(t).is_some() => {
                    let why = not_a_figure(t).unwrap_or(NotAFigure::NotANumber);
                    Err(self.not_a_figure(row, col, why))
                }
                None if t.chars().any(|c| matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF0C}' | '\u{FF0E}')) => {
                    Err(self.bad_cell(
                        row,
                        col,
                        t!("a number"),
                        t!("its digits are full-width (as a Chinese input method types them in full-width mode): type them half-width, e.g. 10000"),
                    ))
                }
                None if is_no_value_mark(t) => Err(self.no_value_mark(row, col, t!("a number"))),
                None if spreadsheet_error(t) => Err(self.bad_cell(
                    row,
                    col,
                    t!("a number"),
                    t!("`{value}` is the spreadsheet's error for a formula that cannot be worked out: correct the formula in the workbook (a division by an empty cell, a deleted reference), then export again", value = t.trim()),
                )),
                None if after_apostrophe(t).and_then(parse_number).is_some() => {
                    Err(self.apostrophe(row, col, t!("a number"), t))
                }
                None if is_formula(t) => Err(self.bad_cell(
                    row,
                    col,
                    t!("a number"),
                    t!("`{value}` is a spreadsheet formula written out as text, not its result: save the sheet as CSV again with its values (in LibreOffice, untick \"Save cell formulas instead of calculated values\"), or write the figure", value = t.trim()),
                )),
                None if other_minus(t).is_some() => {
                    let fixed = other_minus(t).unwrap_or_default();
                    Err(self.bad_cell(
                        row,
                        col,
                        t!("a number"),
                        t!("`{value}` is written with a typographic minus or in brackets, as accounts show a negative amount: write `{fixed}`", value = t.trim(), fixed = fixed),
                    ))
                }
                None if currency_code_beside(t).is_some() => {
                    let (code, number) = currency_code_beside(t).unwrap_or_default();
                    Err(self.bad_cell(
                        row,
                        col,
                        t!("a number"),
                        t!("`{value}` has the currency code {code} in the cell: write the plain number, {number}; a project's currency is set once, by `currency:` in the front matter of its index.md", value = t.trim(), code = code, number = number),
                    ))
                }
                None if comma_decimal_amount(t).is_some() => {
                    let number = comma_decimal_amount(t).unwrap_or_default();
                    Err(self.bad_cell(
                        row,
                        col,
                        t!("a number"),
                        t!("`{value}` is written with a dot between thousands (and a comma before any decimals), as amounts are written in German or Dutch: it would be {number}; write {number}", value = t.trim(), number = number),
                    ))
                }
                None if crate::numbers::dotted_thousands(t).is_some() => {
                    let n = crate::numbers::dotted_thousands(t).unwrap_or_default();
                    Err(self.bad_cell(
                        row,
                        col,
                        t!("a number"),
                        t!("`{value}` separates thousands with points, as much of Europe writes them: write {number} (a point in a number always starts its decimals)", value = t.trim(), number = format!("{n:.0}")),
                    ))
                }
                None if crate::numbers::sign_between_digits(t) => Err(self.bad_cell(
                    row,
                    col,
                    t!("a number"),
                    t!("`{value}` has a currency sign between its digits, where no amount carries one: write the amount alone, digits only (a project's currency is set once, by `currency:` in its index.md)", value = t.trim()),
                )),
                None if crate::numbers::read_loosely(t).is_some() => {
                    let n = crate::numbers::read_loosely(t).unwrap_or_default();
                    Err(self.bad_cell(
                        row,
                        col,
                        t!("a number"),
                        t!("`{value}` would be {number}: write the plain number", value = t.trim(), number = n),
                    ))
                }
                None if percent(t).is_some() => Err(self.bad_cell(
                    row,
                    col,
                    t!("a number"),
                    t!("`{value}` is a percentage, but the column holds amounts or plain numbers, not shares: write the amount itself, in the currency's units (EV is the budgeted cost of the work done, not its share of the budget)", value = t.trim()),
                )),
                None if letters_for_digits(t).is_some() => {
                    let fixed = letters_for_digits(t).unwrap_or_default();
                    Err(self.bad_cell(
                        row,
                        col,
                        t!("a number"),
                        t!("`{value}` has a letter (O, l or I) among its digits: did you mean `{fixed}`?", value = t.trim(), fixed = fixed),
                    ))
                }
                None if has_inner_gap(t) => Err(self.bad_cell(
                    row,
                    col,
                    t!("a number"),
                    t!("`{value}` has a space or `_` inside: one may only separate thousands, as in 1 200 000, and never beside commas; if the cell holds two numbers, keep one", value = t.trim()),
                )),
                None if t.contains(',') => Err(self.bad_cell(
                    row,
                    col,
                    t!("a number"),
                    t!("a comma may only separate thousands, e.g. 1,200,000.50; write decimals with a point: 1200.5, not 1200,5"),
                )),
                None => {
                    Err(self.bad_cell(row, col, t!("a number"), t!("e.g. 1200000 or 1,200,000")))
                }
            },
            _ => Err(self.bad_cell(row, col, t!("a number"), t!("e.g. 1200000 or 1,200,000"))),
        }
    }

    /// The error for a number or date written after a spreadsheet's text mark
    /// (`'1200000`): read as text, it was told as no number with only an example.
    fn apostrophe(&self, row: usize, col: usize, expected: Text, written: &str) -> Diagnostic {
        let help = t!(
            "`{value}` starts with an apostrophe, the mark a spreadsheet keeps in front of a number or date stored as text: delete the `'` and write {fixed}",
            value = written.trim(),
            fixed = after_apostrophe(written).unwrap_or_default()
        );
        self.bad_cell(row, col, expected, help)
    }

    /// The error for a cell that reads as a number but is none a table can hold
    /// (`1e400`, `NaN`), saying which, with the value.
    fn not_a_figure(&self, row: usize, col: usize, why: NotAFigure) -> Diagnostic {
        let found = self.text(row, col);
        match why {
            NotAFigure::OutOfRange => self.bad_cell(
                row,
                col,
                t!("a number in range"),
                t!("`{value}` is out of range, larger than any figure: check the cell for a typo or a misplaced exponent (`e`)", value = &found),
            ),
            NotAFigure::NotANumber => self.bad_cell(
                row,
                col,
                t!("a number"),
                t!("`{value}` is not a figure: write the amount, or leave the cell empty when nothing was reported", value = &found),
            ),
        }
    }

    /// A whole number from 1 to 5 (probability and impact scales).
    pub fn scale(&self, row: usize, col: usize) -> Result<u8, Diagnostic> {
        let bad = || {
            self.bad_cell(
                row,
                col,
                t!("a whole number from 1 to 5"),
                t!("1 = very low … 5 = very high"),
            )
        };
        match self.number(row, col) {
            Ok(Some(n)) if n.fract() == 0.0 && (1.0..=5.0).contains(&n) => Ok(n as u8),
            // 高/中/低 map to numbers differently in each register (中 is 3 on a scale
            // of five, 2 on one of three): the author must choose.
            Err(_) if is_a_word(self.text(row, col).trim()) => {
                Err(self.bad_cell(
                    row,
                    col,
                    t!("a whole number from 1 to 5"),
                    t!(
                        "`{value}` is a word: write the level as a number, 1 (very low) to 5 (very high)",
                        value = self.text(row, col).trim()
                    ),
                ))
            }
            _ => Err(bad()),
        }
    }

    /// A cell's date; a year before [`crate::date::EARLIEST_YEAR`] is refused, as on a
    /// page: a year typed short (`0224`), or a spreadsheet's day 0, never a project's day.
    pub fn date(&self, row: usize, col: usize) -> Result<Option<Date>, Diagnostic> {
        let date = self.any_date(row, col)?;
        match date.filter(|d| d.year() < crate::date::EARLIEST_YEAR) {
            Some(early) => {
                let with_year = |year: i16| format!("{year:04}{}", &early.iso()[4..]);
                let help = match crate::date::likely_year(
                    early.year(),
                    crate::date::EARLIEST_YEAR..=2099,
                ) {
                    // 1899-12-30 and -31 are what a spreadsheet shows for its day 0.
                    _ if early.year() == crate::date::EARLIEST_YEAR - 1 => t!("{date} is how a spreadsheet shows an empty date (its day 0): write the date as YYYY-MM-DD, or leave the cell empty if there is none", date = early.iso()),
                    Some(year) => t!(
                        "write the year in full with its four digits; if {year} was meant: {date}",
                        year = year,
                        date = with_year(year)
                    ),
                    None => t!("write the year in full with its four digits, e.g. {date}; leave the cell empty if there is no date", date = with_year(2024)),
                };
                Err(self.bad_cell(
                    row,
                    col,
                    t!(
                        "a date from {earliest} on",
                        earliest = crate::date::EARLIEST_YEAR
                    ),
                    help,
                ))
            }
            None => Ok(date),
        }
    }

    /// Whether the table was read from a CSV file (a spreadsheet's export).
    fn is_csv(&self) -> bool {
        let csv = |e: &std::ffi::OsStr| e.eq_ignore_ascii_case("csv");
        self.path.extension().is_some_and(csv)
    }

    fn any_date(&self, row: usize, col: usize) -> Result<Option<Date>, Diagnostic> {
        let bad = || {
            self.bad_cell(
                row,
                col,
                t!("a date"),
                t!("write dates as YYYY-MM-DD, e.g. 2024-03-18"),
            )
        };
        match self.cell(row, col) {
            Cell::Empty => Ok(None),
            Cell::Date(d) => Ok(Some(*d)),
            Cell::Text(t) if t.trim().is_empty() => Ok(None),
            // Written as a date but no such day (2026-02-30): the format is not the mistake.
            Cell::Text(t) if is_date_shaped(t.trim()) => Date::parse(t).map(Some).map_err(|_| {
                self.bad_cell(
                    row,
                    col,
                    t!("a date"),
                    t!("the format is right but no such day exists: check the month and the day"),
                )
            }),
            Cell::Text(t) if is_no_value_mark(t) => Err(self.no_value_mark(row, col, t!("a date"))),
            Cell::Text(t) if after_apostrophe(t).is_some_and(|r| Date::parse(r).is_ok()) => {
                Err(self.apostrophe(row, col, t!("a date"), t))
            }
            Cell::Text(t) => Date::parse(t).map(Some).map_err(|_| {
                t.trim().parse::<f64>().map_or_else(
                    |_| match crate::date::read_loosely(t) {
                        // Said, never taken: every source writes a day one way, as
                        // front matter does, so a sheet never mixes `2024/3/5` with
                        // `3/5/2024`. A CSV saved by Excel writes its date column the
                        // way the computer shows dates: the help says where it came from.
                        Some(day) => {
                            let (value, day) = (t.trim(), day.iso());
                            let help = if self.is_csv() {
                                t!("`{value}` would be {day}: write dates as YYYY-MM-DD. Excel saves a date column to CSV as the computer shows dates: keep the workbook (.xlsx), whose dates are read as they are, or format the column as yyyy-mm-dd before saving", value = value, day = day)
                            } else {
                                t!("`{value}` would be {day}: write dates as YYYY-MM-DD", value = value, day = day)
                            };
                            self.bad_cell(row, col, t!("a date"), help)
                        }
                        // `3/5/2024`: 3 May in Germany, March 5 in the US, as front
                        // matter tells it; it was "write dates as YYYY-MM-DD" alone.
                        // A CSV saved by Excel on a European computer writes
                        // `05.03.2026`: the help says where it came from, as above.
                        None => crate::date::year_last_help(t).map_or_else(bad, |help| {
                            let help = if self.is_csv() {
                                t!("{help}. Excel saves a date column to CSV as the computer shows dates: keep the workbook (.xlsx), whose dates are read as they are, or format the column as yyyy-mm-dd before saving", help = help)
                            } else {
                                help
                            };
                            self.bad_cell(row, col, t!("a date"), help)
                        }),
                    },
                    |n| self.serial_date(row, col, n).unwrap_or_else(bad),
                )
            }),
            Cell::Number(n) => Err(self.serial_date(row, col, *n).unwrap_or_else(bad)),
        }
    }

    /// A whole number where a date belongs, in the range of Excel's day numbers for
    /// 1990–2100 (`date::spreadsheet_day`): most likely a date cell that lost its date format (or a CSV saved
    /// from one). The error says which day it would be, without reading it as that.
    fn serial_date(&self, row: usize, col: usize, n: f64) -> Option<Diagnostic> {
        let day = crate::date::spreadsheet_day(n)?;
        Some(self.bad_cell(
            row,
            col,
            t!("a date"),
            t!(
                "{number} looks like a date the spreadsheet stores as a day number ({day}): format the column as dates before saving, or write YYYY-MM-DD",
                number = n as i64,
                day = day.iso()
            ),
        ))
    }

    /// A reporting month `YYYY-MM` (a full date in a workbook counts as its month).
    pub fn month(&self, row: usize, col: usize) -> Result<String, Diagnostic> {
        match self.cell(row, col) {
            Cell::Date(d) => Ok(d.iso()[..7].to_string()),
            Cell::Text(t) if is_month(t.trim()) => Ok(t.trim().to_string()),
            Cell::Text(t) => Err(self.bad_cell(row, col, t!("a month"), month_help(t.trim()))),
            _ => Err(self.bad_cell(
                row,
                col,
                t!("a month"),
                t!("write months as YYYY-MM, e.g. 2024-03"),
            )),
        }
    }

    /// The error for a mark typed for "no value" (`—`, `TBD`): the table's way to say so
    /// is an empty cell.
    fn no_value_mark(&self, row: usize, col: usize, expected: Text) -> Diagnostic {
        let found = self.text(row, col);
        self.bad_cell(
            row,
            col,
            expected,
            t!("`{value}` stands for no value: leave the cell empty, which says so here (a column that needs a value needs the real one)", value = found.trim()),
        )
    }

    /// The error for an empty cell of a column that needs a value (it read "holds ``").
    /// On a totals row (`合计`, `Total`, its other cells empty, as a sheet's last row
    /// sums the milestones or risks above it) the help says so: "may not be empty" had
    /// its author fill the cell in, and the row counted as one more milestone.
    pub fn required(&self, row: usize, col: usize) -> Diagnostic {
        let column = self.written(col);
        let message = t!("column `{column}` is empty on this row", column = column);
        let label = (0..self.columns.len())
            .map(|c| self.text(row, c))
            .find(|text| is_totals_label(text));
        let help = match label {
            Some(label) => t!(
                "`{value}` looks like a totals row: delete it, the portal counts and adds up the rows itself",
                value = label.trim()
            ),
            None => t!("this column may not be empty"),
        };
        self.at_cell(Diagnostic::error(Problem::Data(message)), row, col)
            .with_help(help)
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

    /// An error placed at the cell, naming the column, the value found and what was expected.
    pub fn bad_cell(&self, row: usize, col: usize, expected: Text, help: Text) -> Diagnostic {
        let column = self.written(col);
        let found = self.text(row, col);
        let message = if found.trim().is_empty() {
            t!(
                "column `{column}` is empty on this row, expected {expected}",
                column = column,
                expected = expected
            )
        } else {
            t!(
                "column `{column}` holds `{found}`, expected {expected}",
                column = column,
                found = &found,
                expected = expected
            )
        };
        self.at_cell(Diagnostic::error(Problem::Data(message)), row, col)
            .with_help(help)
    }

    /// A warning of `message` at the cell, as the sanity checks tell a doubt.
    pub fn warning_at(&self, row: usize, col: usize, message: Text) -> Diagnostic {
        self.at_cell(Diagnostic::warning(Problem::Content(message)), row, col)
    }

    /// `d` placed at the cell: at its line and column in a text file, by its sheet
    /// reference in a workbook, by its row number otherwise (those two say it in the
    /// message, having no line to point at).
    pub fn at_cell(&self, d: Diagnostic, row: usize, col: usize) -> Diagnostic {
        let found = self.text(row, col);
        match (self.places.get(row).and_then(|p| p.get(col)), &self.source) {
            (Some(Place::Offset(offset)), Some(source)) => d.at(Location::new(
                &self.path,
                source,
                *offset,
                found.len().max(1),
            )),
            (Some(Place::Sheet { sheet, cell }), _) => {
                let d = prefixed(d, crate::messages::verbatim(format!("{sheet}!{cell}")));
                at_sheet_ref(d.in_file(&self.path), cell)
            }
            _ => prefixed(d, t!("row {row}", row = row + 1)).in_file(&self.path),
        }
    }

    /// Where a cell is, in words for a message: `line 7`, `Sheet1!B7` or `row 3`.
    pub fn place_name(&self, row: usize, col: usize) -> Text {
        match (self.places.get(row).and_then(|p| p.get(col)), &self.source) {
            (Some(Place::Offset(offset)), Some(source)) => t!(
                "line {line}",
                line = crate::diagnostics::line_col(source, *offset).0
            ),
            (Some(Place::Sheet { sheet, cell }), _) => {
                crate::messages::verbatim(format!("{sheet}!{cell}"))
            }
            _ => t!("row {row}", row = row + 1),
        }
    }

    pub(crate) fn error_at_top(&self, message: Text, help: Text) -> Diagnostic {
        let d = Diagnostic::error(Problem::Data(message));
        match &self.source {
            Some(source) => d.at(Location::new(&self.path, source, 0, 0)),
            None => d.at_file_start(&self.path),
        }
        .with_help(help)
    }
}

/// `d` placed at a workbook's cell named as its editor names it (`B7`); left as it is
/// for a name that is no cell's.
pub fn at_sheet_ref(d: Diagnostic, cell: &str) -> Diagnostic {
    match cell_at(cell) {
        Some((row, col)) => d.at_sheet_cell(row, col),
        None => d,
    }
}

/// `d` with its data message led by where it is (`Sheet1!C7: …`).
fn prefixed(mut d: Diagnostic, place: Text) -> Diagnostic {
    if let Problem::Data(message) | Problem::Content(message) = &mut d.problem {
        *message = t!("{cell}: {message}", cell = place, message = message.clone());
    }
    d
}

mod cell_text;
use cell_text::{
    after_apostrophe, comma_decimal_amount, currency_code_beside, has_inner_gap, is_a_word,
    is_date_shaped, is_formula, is_no_value_mark, letters_for_digits, month_help, other_minus,
    spreadsheet_error,
};
pub use cell_text::{
    cell_at, cell_ref, is_month, is_totals_label, month_written_otherwise, parse_number, percent,
};

#[cfg(test)]
mod tests;
