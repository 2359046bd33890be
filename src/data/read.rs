//! Reading tables from CSV, XLSX, JSON, TOML and YAML files.
//!
//! Every format ends as the same [`Table`]: a header row naming the columns and rows of
//! cells. Structured formats (JSON, TOML, YAML) are a list of records whose keys are the
//! columns, in the order of the first record.

use crate::t;
use std::path::Path;
use std::sync::Arc;

use calamine::{Data, Reader};

use crate::data::table::{cell_ref, Cell, Place, Table};
use crate::data::{records, workbook_limits};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::Text;

pub use crate::layout::is_table;

mod workbook;
#[cfg(test)]
use workbook::sheet_cell;
use workbook::{read_sheets, read_workbook, Purpose};

/// A file's tables, with the errors of cells that leave it readable.
pub type ReadTables = (Vec<Table>, Vec<Diagnostic>);

/// Reads the file at `full` (shown to users as `shown`) into tables named `name`; a
/// workbook adds its other sheets as `name/<sheet>`. With the tables come the errors of
/// cells that leave the file readable (a day number among a column's dates): refused
/// as the file was read, they hid the file's other cell errors until they were fixed.
pub fn read(full: &Path, shown: &Path, name: &str) -> Result<ReadTables, Diagnostic> {
    let mut tables = read_as_written(full, shown, name)?;
    if let Some(d) = tables
        .iter()
        .find_map(crate::data::header_again::header_again)
    {
        return Err(d);
    }
    let cells = tables
        .iter()
        .flat_map(Table::day_numbers_among_dates)
        .collect();
    for table in &mut tables {
        crate::data::columns::read_as_named(table);
    }
    Ok((tables, cells))
}

/// The tables of a file with their headers as written.
fn read_as_written(full: &Path, shown: &Path, name: &str) -> Result<Vec<Table>, Diagnostic> {
    let ext = full
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(full, shown, name),
        _ => {
            let text = crate::source::read_text(full, shown)?;
            if ext != "csv" && holds_nothing(&text) {
                // Read as no rows, the file was told only at a chart or table naming
                // a column of it, as "no such column".
                return Err(empty_file(shown, &text).with_help(t!(
                    "write a row for each record, naming its columns, as the file's format has it; or delete the file"
                )));
            }
            let table = match ext.as_str() {
                "csv" => read_csv(shown, &text, name)?,
                "json" => records::table(shown, &text, name, records::parse_json(shown, &text)?)?,
                "toml" => records::table(shown, &text, name, records::parse_toml(shown, &text)?)?,
                _ => records::table(shown, &text, name, records::parse_yaml(shown, &text)?)?,
            };
            Ok(vec![table])
        }
    }
}

/// At its first line, as every error is placed: the whole file is at fault.
fn empty_file(path: &Path, source: &Arc<str>) -> Diagnostic {
    Diagnostic::error(Problem::Data(t!("the file is empty")))
        .at(Location::new(path, source, 0, 0))
        .with_help(t!(
            "write a header row naming the columns, then a row for each record; or delete the file"
        ))
}

/// A JSON, TOML or YAML file of blanks, comments and document markers only. An empty
/// list (`[]`) is not: it says on purpose that there are no rows yet.
fn holds_nothing(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

pub(crate) fn read_csv(path: &Path, source: &Arc<str>, name: &str) -> Result<Table, Diagnostic> {
    if let Some(len) = separator_line(source) {
        // Read as the header, it made every row "4 fields where the header has 2".
        return Err(Diagnostic::error(Problem::Data(t!(
            "the first line is Excel's note of the separator (`sep=`), not the header"
        )))
        .at(Location::new(path, source, 0, len))
        .with_help(t!(
            "delete this line: the separator is found without it, and the header follows"
        )));
    }
    let delimiter = delimiter_of(source);
    if let Some(title) = title_line(source, delimiter) {
        // Read as the header, it named one column and every row had too many fields.
        return Err(Diagnostic::error(Problem::Data(t!(
            "the first line (`{title}`) is a title above the header: the first line of a table names its columns",
            title = title
        )))
        .at(Location::new(path, source, 0, source.lines().next().unwrap_or("").len()))
        .with_help(t!(
            "delete the line, so that the header comes first; if it gives the amounts' unit (thousands, ten thousands), write the amounts in the currency's own units"
        )));
    }
    if let Some(at) = unclosed_quote(source, delimiter) {
        return Err(Diagnostic::error(Problem::Data(t!(
            "this quote is never closed: the rest of the file would be read as one field"
        )))
        .at(Location::new(path, source, at, 1))
        .with_help(t!("close the quote after the field's text, or remove it; a quote inside a quoted field is written twice (`\"\"`)")));
    }
    if source.trim().is_empty() {
        return Err(empty_file(path, source));
    }
    // Row lengths are checked in `csv_rows`, which first skips the rows holding nothing:
    // a last line of spaces was "line 20 has 1 fields".
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(source.as_bytes());
    let columns: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(path, source, e))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if let Some((first, col)) = repeated_column(&columns) {
        return Err(
            Diagnostic::error(Problem::Data(repeated_message(&columns, first, col)))
                .at(Location::new(
                    path,
                    source,
                    field_start_by(source, 0, col, delimiter),
                    columns[col].len(),
                ))
                .with_help(repeated_help()),
        );
    }
    let (mut rows, places) = csv_rows(&mut reader, path, source, Some(columns.len()), delimiter)?;
    if let Some(col) = unnamed_column(&columns, &rows) {
        return Err(Diagnostic::error(Problem::Data(t!(
            "column {column} of the header has no name, but holds values",
            column = col + 1
        )))
        .at(Location::new(
            path,
            source,
            field_start_by(source, 0, col, delimiter),
            0,
        ))
        .with_help(unnamed_help(&rows, col)));
    }
    let ambiguous = match delimiter {
        b',' => None,
        _ => match crate::data::decimals::read_marks(&mut rows) {
            crate::data::decimals::Decided::Ambiguous(row, col) => Some((row, col)),
            _ => None,
        },
    };
    let table = Table::from_text(name, path, source, columns, rows, places);
    match ambiguous {
        Some((row, col)) => Err(ambiguous_mark(&table, row, col, delimiter)),
        None => Ok(table),
    }
}

/// The error for an amount such as `100.000` in a file separated by `;` or tabs that
/// shows nowhere else which mark it takes for decimals.
fn ambiguous_mark(table: &Table, row: usize, col: usize, delimiter: u8) -> Diagnostic {
    let written = table.text(row, col);
    let number = written
        .trim()
        .trim_matches(crate::numbers::CURRENCY_SIGNS)
        .trim();
    // `100.000` or `1,085`: its one mark read between thousands, or before decimals.
    let mark = if number.contains(',') { ',' } else { '.' };
    let as_thousands: String = number.chars().filter(|&c| c != mark).collect();
    let as_decimal = number.replace(mark, ".");
    let separator = if delimiter == b'\t' {
        "tab".to_string()
    } else {
        char::from(delimiter).to_string()
    };
    table.bad_cell(
        row,
        col,
        t!("a number"),
        t!(
            "the file is separated by `{separator}`, as Excel saves it where the comma is the decimal mark, and no amount in it has decimals: `{value}` could be {thousands} (the mark between thousands) or {decimal}; write the plain number, e.g. {thousands}, or give the amounts their decimals as Excel writes them (`100.000,00`)",
            separator = separator,
            value = number,
            thousands = as_thousands,
            decimal = as_decimal
        ),
    )
}

fn csv_error(path: &Path, source: &Arc<str>, e: csv::Error) -> Diagnostic {
    let offset = e.position().map_or(0, |p| p.byte() as usize);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos: Some(pos),
            expected_len,
            len,
        } => t!(
            "line {line} has {found} fields, but the header has {expected}",
            line = pos.line(),
            found = *len,
            expected = *expected_len
        ),
        _ => crate::messages::verbatim(&e),
    };
    Diagnostic::error(Problem::Data(message))
        .at(Location::new(path, source, offset, 0))
        .with_help(t!("every row needs as many comma-separated fields as the header; quote fields that contain commas"))
}

/// Rows of cells, and where each cell is.
type Rows = (Vec<Vec<Cell>>, Vec<Vec<Place>>);

/// The records left in `reader` that hold a value, with each field's place.
fn csv_rows(
    reader: &mut csv::Reader<&[u8]>,
    path: &Path,
    source: &Arc<str>,
    width: Option<usize>,
    delimiter: u8,
) -> Result<Rows, Diagnostic> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut places = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, source, e))?;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let start = record.position().map_or(0, |p| p.byte() as usize);
        if let Some(d) = control_only(&record, path, source, start) {
            return Err(d);
        }
        if let Some(width) = width.filter(|&w| w != record.len()) {
            let line = record.position().map_or(0, |p| p.line());
            return Err(Diagnostic::error(Problem::Data(t!(
                "line {line} has {found} fields, but the header has {expected}",
                line = line,
                found = record.len(),
                expected = width
            )))
            .at(Location::new(path, source, start, 0))
            .with_help(t!("every row needs as many comma-separated fields as the header; quote fields that contain commas")));
        }
        rows.push(
            record
                .iter()
                .map(|f| match f.trim() {
                    "" => Cell::Empty,
                    // A control character (ESC, DEL) shows nowhere and would stand in
                    // the search index but not in the table.
                    t => Cell::Text(crate::escape::cleaned(t).into_owned()),
                })
                .collect(),
        );
        places.push(
            (0..record.len())
                .map(|col| Place::Offset(field_start_by(source, start, col, delimiter)))
                .collect(),
        );
    }
    Ok((rows, places))
}

/// A sheet (or CSV file) as [`read_rows`] gives it.
pub struct SheetRows {
    pub table: Table,
    /// The columns of `table` the workbook hides and that hold a value: the reader
    /// says whether it reads them (a CSV file hides none).
    pub hidden_columns: Vec<usize>,
}

/// A row holding nothing but control characters: Ctrl-Z (U+001A), which old DOS and
/// ERP export tools write to end a file, was "line 4 has 1 fields, but the header has
/// 4" on a line that shows empty in an editor.
fn control_only(
    record: &csv::StringRecord,
    path: &Path,
    source: &Arc<str>,
    start: usize,
) -> Option<Diagnostic> {
    let chars = || record.iter().flat_map(str::chars);
    // Stops at a row's first letter or digit: every row is asked.
    if !chars().all(|c| c.is_control() || c.is_whitespace()) {
        return None;
    }
    let first = chars().find(|c| !c.is_whitespace())?;
    let at = start + source.get(start..)?.find(first)?;
    let code = format!("U+{:04X}", first as u32);
    let message = match first {
        '\u{1a}' => t!(
            "this line holds only {code} (Ctrl-Z), the end-of-file mark of old DOS and export tools, and no values",
            code = code
        ),
        _ => t!(
            "this line holds only the control character {code}, and no values",
            code = code
        ),
    };
    Some(
        Diagnostic::error(Problem::Data(message))
            .at(Location::new(path, source, at, first.len_utf8()))
            .with_help(t!(
                "delete the line, in an editor that shows control characters (VS Code, Notepad++), or export the file again"
            )),
    )
}

/// Every row of the file that holds a value, the header among them, as tables without
/// `columns` (one per sheet of a workbook, named after it): for readers that find the
/// header themselves, such as `pmo import`, since registers kept by hand often have a
/// title or notes above it.
pub fn read_rows(full: &Path, shown: &Path) -> Result<Vec<SheetRows>, Diagnostic> {
    let ext = full
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        // A register's header may be two rows with headings merged down over both.
        return Ok(read_sheets(full, shown, Purpose::Import)?
            .into_iter()
            .map(|sheet| SheetRows {
                hidden_columns: sheet.hidden_columns,
                table: Table {
                    name: sheet.name,
                    path: shown.to_path_buf(),
                    source: None,
                    columns: Vec::new(),
                    rows: sheet.rows,
                    places: sheet.places,
                    renamed: Vec::new(),
                    // What a cell's number format shows (`0.0"万元"`): an import refuses an
                    // amount so shown rather than read it ten thousand times too small.
                    formats: sheet.formats,
                },
            })
            .collect());
    }
    let source = crate::source::read_text(full, shown)?;
    let delimiter = delimiter_of(&source);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(source.as_bytes());
    let (rows, places) = csv_rows(&mut reader, shown, &source, None, delimiter)?;
    let name = full
        .file_stem()
        .map_or(String::new(), |s| s.to_string_lossy().into_owned());
    Ok(vec![SheetRows {
        table: Table::from_text(&name, shown, &source, Vec::new(), rows, places),
        hidden_columns: Vec::new(),
    }])
}

/// The first line's one value when it is a title above the header (`单位：万元`, `2024
/// 年预算表`, as a sheet's title row exports: perhaps with empty fields after it) and
/// the next line holding anything names two columns or more.
fn title_line(source: &str, delimiter: u8) -> Option<&str> {
    let mut lines = source.lines().filter(|l| !l.trim().is_empty());
    let fields = |line: &str| -> Vec<String> {
        line.split(char::from(delimiter))
            .map(|f| f.trim().trim_matches('"').trim().to_string())
            .filter(|f| !f.is_empty())
            .collect()
    };
    let first = lines.next()?;
    let next = lines.next()?;
    (fields(first).len() == 1 && fields(next).len() >= 2)
        .then(|| first.trim().trim_end_matches(char::from(delimiter)).trim())
}

/// The length of the first line when it is the separator note Excel writes and reads
/// (`sep=;`, `sep=,`): one character after `sep=`.
fn separator_line(source: &str) -> Option<usize> {
    let first = source.lines().next()?;
    let note = first.trim_end().strip_prefix("sep=")?;
    (note.chars().count() == 1).then_some(first.trim_end().len())
}

/// The separator of a file saved as CSV: commas, unless the first line holding a
/// separator holds no comma and is cut by semicolons or tabs (Excel saves so where the
/// comma is the decimal mark, and a German Excel's "CSV UTF-8 (Comma delimited)" writes
/// semicolons too). A data table's amounts are then read by the mark its own cells show
/// (`data::decimals`).
fn delimiter_of(source: &str) -> u8 {
    // A separator that parts each of the first lines into as many fields, two or more,
    // is the one: a tab-separated file whose header names a column with a comma in it
    // (`预算（万元, 含税）`) was read by commas, "line 2 has 1 fields, but the header
    // has 2" (the twenty-third malformed hunt).
    let lines: Vec<&str> = source
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(5)
        .collect();
    let parts_all = |d: char| {
        let first = lines.first().map_or(0, |l| l.split(d).count());
        lines.len() >= 2 && first >= 2 && lines.iter().all(|l| l.split(d).count() == first)
    };
    if let Some(d) = [',', '\t', ';'].into_iter().find(|&d| parts_all(d)) {
        return d as u8;
    }
    let first = source
        .lines()
        .find(|l| l.contains([',', ';', '\t']))
        .unwrap_or("");
    if first.contains(',') {
        return b',';
    }
    let count = |d: u8| first.bytes().filter(|&b| b == d).count();
    if count(b'\t') > count(b';') {
        b'\t'
    } else if count(b';') > 0 {
        b';'
    } else {
        b','
    }
}

fn unnamed_help(rows: &[Vec<Cell>], col: usize) -> crate::messages::Text {
    if header_below(rows, col) {
        return t!("the row below names every column: the first row is a row of headings grouping them (cells merged across columns in the workbook); delete it, so that the names of the columns come first");
    }
    t!("name every column in the first row (e.g. period,pv,ev,ac); a column without a name would be left out")
}

/// The first column with an empty header but a value in some row. A nameless column
/// that is empty all the way down (a trailing comma, unused spreadsheet columns) is
/// harmless; one with values would silently drop them.
/// The first column whose name an earlier column already has (ignoring case, as columns
/// are looked up): the earlier one's index and its own. Only the first would be read.
fn repeated_column(columns: &[String]) -> Option<(usize, usize)> {
    // By a map, not by searching the columns before each: a header of 40,000 columns
    // took 55 s.
    let mut first: std::collections::HashMap<String, usize> = Default::default();
    columns.iter().enumerate().find_map(|(c, name)| {
        let name = name.to_lowercase();
        if name.is_empty() {
            return None;
        }
        match first.get(&name) {
            Some(&f) => Some((f, c)),
            None => {
                first.insert(name, c);
                None
            }
        }
    })
}

fn repeated_message(columns: &[String], first: usize, col: usize) -> Text {
    t!(
        "the header names `{name}` twice (columns {first} and {second}): only the first would be read",
        name = &columns[col],
        first = first + 1,
        second = col + 1
    )
}

fn repeated_help() -> Text {
    t!("rename or remove one of the two columns")
}

fn unnamed_column(columns: &[String], rows: &[Vec<Cell>]) -> Option<usize> {
    columns.iter().enumerate().find_map(|(c, name)| {
        (name.is_empty()
            && rows
                .iter()
                .any(|r| r.get(c).is_some_and(|x| *x != Cell::Empty)))
        .then_some(c)
    })
}

/// Whether the first row under the header names column `col` and holds no figure or
/// date, with rows below it: the real header, under a row of group headings (`基本信息,,
/// 预算,,` over `部门,项目数,完成率`), as a sheet with merged heading cells exports.
fn header_below(rows: &[Vec<Cell>], col: usize) -> bool {
    let Some(first) = rows.first().filter(|_| rows.len() >= 2) else {
        return false;
    };
    let names = |cell: &Cell| match cell {
        Cell::Text(t) => {
            crate::data::table::parse_number(t).is_none() && crate::date::Date::parse(t).is_err()
        }
        _ => false,
    };
    first.get(col).is_some_and(names)
        && first.iter().all(|c| *c == Cell::Empty || names(c))
        && first.iter().filter(|c| names(c)).count() >= 2
}

/// Where a quote opens a field that no quote closes, as a CSV reader reads quotes: one
/// opens a field only at its start, and inside, `""` is a quote and `"` ends it.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut opened: Option<usize> = None;
    let mut field_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match opened {
            Some(_) if b == b'"' && bytes.get(i + 1) == Some(&b'"') => i += 1,
            Some(_) if b == b'"' => {
                opened = None;
                field_start = false;
            }
            Some(_) => {}
            None if b == b'"' && field_start => opened = Some(i),
            None => field_start = b == delimiter || matches!(b, b'\n' | b'\r'),
        }
        i += 1;
    }
    opened
}

/// Byte offset of field `col` of the CSV record starting at `start`, honouring quotes, in
/// a file whose fields are separated by `delimiter`.
fn field_start_by(text: &str, start: usize, col: usize, delimiter: u8) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut field = 0;
    let mut quoted = false;
    while i < bytes.len() && field < col {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b if b == delimiter && !quoted => field += 1,
            b'\n' if !quoted => break,
            _ => {}
        }
        i += 1;
    }
    while i < bytes.len() && matches!(bytes[i], b' ' | b'"') {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests;
