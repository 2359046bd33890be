//! A cell read as a date or a reporting month, and the error that says why one is none:
//! a year typed short, a day number that lost its date format, a day written the way
//! one country's computers show it.

use super::*;
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::t;

impl Table {
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
        // `2024`, `2024-03`, `March 5, 2024`: the help says what was read.
        let bad = || {
            let written = self.text(row, col);
            self.bad_cell(
                row,
                col,
                t!("a date"),
                crate::date_forms::help(&written)
                    .unwrap_or_else(|| t!("write dates as YYYY-MM-DD, e.g. 2024-03-18")),
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
                        None => crate::date::year_last_help(t).or_else(|| crate::date::yearless_help(t)).map_or_else(bad, |help| {
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

    /// A whole number among the days of a column (`45292` under `2024-01-03`): a date
    /// cell that lost its format, shown as a number in a table block whatever the
    /// column's other cells say (the twenty-third malformed hunt). An error at each
    /// such cell, naming the day it would be, as for a column read as dates.
    pub fn day_numbers_among_dates(&self) -> Vec<Diagnostic> {
        (0..self.columns.len())
            .flat_map(|col| {
                let is_day = |row: usize| match self.cell(row, col) {
                    Cell::Date(_) => true,
                    Cell::Text(t) => is_date_shaped(t.trim()),
                    _ => false,
                };
                let any_day = (0..self.rows.len()).any(is_day);
                (0..self.rows.len())
                    .filter(move |_| any_day)
                    .filter_map(move |row| {
                        let n = match self.cell(row, col) {
                            Cell::Number(n) => *n,
                            Cell::Text(t) => t.trim().parse::<f64>().ok()?,
                            _ => return None,
                        };
                        self.serial_date(row, col, n)
                    })
            })
            .collect()
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
}

/// The first cell of a column (of `rows`, in the order given) holding a month or day
/// written otherwise than `YYYY-MM` or `YYYY-MM-DD`, how to write it, and how many more
/// the column holds: what a chart's `x` and any block's `sort` order as text.
pub struct DatesAsText {
    /// The row of the first such cell.
    pub row: usize,
    /// How to write it, naming the `YYYY-MM(-DD)` it would be or the two days it could be.
    pub help: crate::messages::Text,
    /// How many more cells of `rows` are written so.
    pub more: usize,
}

impl Table {
    /// Months or days written another way in column `col` (`2024年3月`, `2024/3`,
    /// `03/05/2026`), which every block reads as text: ordered by their characters,
    /// `01/02/2026` before `12/01/2025` and `2024年10月` before `2024年2月`. One check for
    /// a chart's x values and any block's `sort` (the twelfth, twentieth and twenty-first
    /// malformed hunts). A column read as months or days is in time's order already, and
    /// is left alone, as is one of any other text.
    pub fn dates_as_text(&self, col: usize, rows: &[usize]) -> Option<DatesAsText> {
        if !matches!(self.column_type(col), ColumnType::Text | ColumnType::Number) {
            return None;
        }
        let meant = |row: usize| match self.cell(row, col) {
            Cell::Text(t) => date_written_otherwise(t.trim()),
            _ => None,
        };
        let mut odd = rows.iter().filter_map(|&r| meant(r).map(|m| (r, m)));
        let (row, help) = odd.next()?;
        Some(DatesAsText {
            row,
            help,
            more: odd.count(),
        })
    }
}

/// How to write a month or day written another way, naming the `YYYY-MM` or
/// `YYYY-MM-DD` it would be; `None` for those forms themselves, for any other text, and
/// for six digits (`202403`), whose order as numbers is time's. A day written with the
/// year last (`03/05/2026`, `18.03.2026`) is told the day or the two days it could be.
fn date_written_otherwise(text: &str) -> Option<crate::messages::Text> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let meant = month_written_otherwise(text).or_else(|| {
        crate::date::read_loosely(text)
            .filter(|_| Date::parse(text).is_err())
            .map(|d| d.iso())
    });
    match meant {
        Some(date) => Some(t!(
            "write months as YYYY-MM and days as YYYY-MM-DD (`{value}` would be {date}): they then sort in time's order",
            value = text,
            date = date
        )),
        None => crate::date::year_last_help(text),
    }
}
