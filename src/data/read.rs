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

/// Reads the file at `full` (shown to users as `shown`) into tables named `name`; a
/// workbook adds its other sheets as `name/<sheet>`.
pub fn read(full: &Path, shown: &Path, name: &str) -> Result<Vec<Table>, Diagnostic> {
    let mut tables = read_as_written(full, shown, name)?;
    for table in &mut tables {
        crate::data::columns::read_as_named(table);
    }
    Ok(tables)
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

pub(crate) fn read_csv(path: &Path, source: &Arc<str>, name: &str) -> Result<Table, Diagnostic> {
    let delimiter = delimiter_of(source);
    if let Some(at) = unclosed_quote(source, delimiter) {
        return Err(Diagnostic::error(Problem::Data(t!(
            "this quote is never closed: the rest of the file would be read as one field"
        )))
        .at(Location::new(path, source, at, 1))
        .with_help(t!("close the quote after the field's text, or remove it; a quote inside a quoted field is written twice (`\"\"`)")));
    }
    if source.trim().is_empty() {
        return Err(Diagnostic::error(Problem::Data(t!("the file is empty")))
            .in_file(path)
            .with_help(t!("write a header row naming the columns, then a row for each record; or delete the file")));
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
        .with_help(unnamed_help()));
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
    let as_thousands = crate::numbers::comma_decimal(number).unwrap_or_default();
    let as_decimal = number.replace(',', ".");
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
                    t => Cell::Text(t.to_string()),
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

/// Every row of the file that holds a value, the header among them, as tables without
/// `columns` (one per sheet of a workbook, named after it): for readers that find the
/// header themselves, such as `pmo import`, since registers kept by hand often have a
/// title or notes above it.
pub fn read_rows(full: &Path, shown: &Path) -> Result<Vec<Table>, Diagnostic> {
    let ext = full
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        // A register's header may be two rows with headings merged down over both.
        return Ok(read_sheets(full, shown, false)?
            .into_iter()
            .map(|sheet| Table {
                name: sheet.name,
                path: shown.to_path_buf(),
                source: None,
                columns: Vec::new(),
                rows: sheet.rows,
                places: sheet.places,
                renamed: Vec::new(),
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
    Ok(vec![Table::from_text(
        &name,
        shown,
        &source,
        Vec::new(),
        rows,
        places,
    )])
}

/// The separator of a file saved as CSV: commas, unless the first line holding a
/// separator holds no comma and is cut by semicolons or tabs (Excel saves so where the
/// comma is the decimal mark, and a German Excel's "CSV UTF-8 (Comma delimited)" writes
/// semicolons too). A data table's amounts are then read by the mark its own cells show
/// (`data::decimals`).
fn delimiter_of(source: &str) -> u8 {
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

fn unnamed_help() -> crate::messages::Text {
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

fn workbook_error(shown: &Path, message: crate::messages::Text) -> Diagnostic {
    Diagnostic::error(Problem::Data(message))
        .in_file(shown)
        .with_help(t!(
            "save the workbook again from Excel or LibreOffice as .xlsx"
        ))
}

/// A file named as a workbook that is none, told for what it is: many systems "export to
/// Excel" as a web page named `.xls`, and a CSV is sometimes renamed `.xlsx`. The zip
/// and OLE readers would say "Could not find EOCD" or "Invalid OLE". `None` for a file
/// that starts as a workbook does (or cannot be read: the reader then says why).
fn not_a_workbook(full: &Path, shown: &Path) -> Option<Diagnostic> {
    use std::io::Read;
    let mut head = Vec::with_capacity(512);
    std::fs::File::open(full)
        .ok()?
        .take(512)
        .read_to_end(&mut head)
        .ok()?;
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0";
    if head.starts_with(ZIP) || head.starts_with(OLE) {
        return None;
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    let start = text.iter().position(|b| !b.is_ascii_whitespace());
    let (problem, help) = match start.map(|i| text[i]) {
        None if head.is_empty() => (
            t!("the workbook is empty (0 bytes)"),
            t!("save the workbook again from Excel or LibreOffice as .xlsx, or delete the file"),
        ),
        Some(b'<') => (
            t!("this file is a web page (HTML or XML), not a workbook, though its name says so: systems that \"export to Excel\" often write one"),
            t!("open it in Excel and save it as .xlsx (Save As → Excel Workbook), or export the table as CSV"),
        ),
        _ if std::str::from_utf8(text).is_ok() || !text.contains(&0) => (
            t!("this file is text, not a workbook, though its name says so"),
            t!("if it is a CSV, give it the .csv extension; otherwise save it from Excel or LibreOffice as .xlsx"),
        ),
        _ => return None,
    };
    Some(
        Diagnostic::error(Problem::Data(problem))
            .in_file(shown)
            .with_help(help),
    )
}

/// A worksheet's rows that hold a value, with each cell's reference.
struct Sheet {
    name: String,
    rows: Vec<Vec<Cell>>,
    places: Vec<Vec<Place>>,
}

/// With `refuse_merged`, a range merged over rows and holding a value is an error (see
/// [`merged_cells`]).
fn read_sheets(full: &Path, shown: &Path, refuse_merged: bool) -> Result<Vec<Sheet>, Diagnostic> {
    let fail = |message| workbook_error(shown, message);
    if let Some(d) = not_a_workbook(full, shown) {
        return Err(d);
    }
    let extension = full
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if matches!(extension.as_deref(), Some("xlsx" | "xlsm" | "ods")) {
        workbook_limits::check(full, shown, workbook_limits::MAX_INFLATED_BYTES)?;
    }
    if extension.as_deref() == Some("ods") {
        workbook_limits::check_ods_area(full, shown, workbook_limits::MAX_SHEET_CELLS)?;
    }
    let hidden = if matches!(extension.as_deref(), Some("xlsx" | "xlsm")) {
        super::hidden::hidden(full)
    } else {
        Default::default()
    };
    let mut workbook = calamine::open_workbook_auto(full).map_err(|e| {
        // Starts as a workbook but its parts cannot be read: cut short in a copy or
        // a download, or damaged. The reader's words (`Could not find EOCD`) name
        // the part, which the author cannot act on; they follow in brackets.
        fail(t!(
            "the workbook cannot be opened: the file is damaged or cut short ({reason})",
            reason = e.to_string()
        ))
    })?;
    // A hidden sheet is not what the author sees (last month's snapshot, a lookup list
    // kept out of the way): read as the first sheet, it gave a project's figures as of
    // the month before with no word. Only the sheets Excel shows are tables.
    let shown_sheets: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible == calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    if shown_sheets.is_empty() && !workbook.sheet_names().is_empty() {
        return Err(
            fail(t!("every sheet of the workbook is hidden")).with_help(t!(
                "in Excel, right-click a sheet tab and choose Unhide, then save"
            )),
        );
    }
    let mut sheets = Vec::new();
    for sheet in shown_sheets {
        workbook_limits::check_sheet_area(
            &mut workbook,
            &sheet,
            shown,
            workbook_limits::MAX_SHEET_CELLS,
        )?;
        let range = workbook.worksheet_range(&sheet).map_err(|e| {
            fail(t!(
                "sheet `{sheet}`: {error}",
                sheet = &sheet,
                error = e.to_string()
            ))
        })?;
        unsaved_formula(&mut workbook, &sheet, &range, shown)?;
        if refuse_merged {
            merged_cells(&mut workbook, &sheet, &range, shown)?;
        }
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::new();
        let mut places = Vec::new();
        let hidden_here = hidden.get(&sheet);
        for (r, row) in range.rows().enumerate() {
            let cells: Vec<Cell> = row.iter().map(sheet_cell).collect();
            if cells.iter().all(|c| *c == Cell::Empty) {
                continue;
            }
            let at = top + r as u32;
            if let Some(hidden) = hidden_here {
                if hidden.rows.contains(&at) {
                    return Err(hidden_row(shown, &sheet, at));
                }
                let held = (0..cells.len())
                    .find(|&c| cells[c] != Cell::Empty && hidden.column(left + c as u32));
                if let Some(c) = held {
                    return Err(hidden_column(shown, &sheet, at, left + c as u32));
                }
            }
            places.push(
                (0..cells.len())
                    .map(|c| Place::Sheet {
                        sheet: sheet.clone(),
                        cell: cell_ref(top + r as u32, left + c as u32),
                    })
                    .collect(),
            );
            rows.push(cells);
        }
        sheets.push(Sheet {
            name: sheet,
            rows,
            places,
        });
    }
    Ok(sheets)
}

/// A row Excel hides but that holds values: read, it counts in the figures though no
/// one sees it (a month not yet closed, an old line kept out of sight).
fn hidden_row(shown: &Path, sheet: &str, row: u32) -> Diagnostic {
    workbook_error(
        shown,
        t!(
            "sheet `{sheet}`, row {row}: the row is hidden in the workbook, but holds values: pmo reads every row, so they would count without being seen",
            sheet = sheet,
            row = row + 1
        ),
    )
    .with_help(t!("unhide the row (select the rows around it, right-click, Unhide) and check it; delete it if it should not count"))
}

/// A column Excel hides but that holds values (last month's actuals kept beside this
/// month's, a column of drafts): read, it counts though no one sees it, and the first
/// of two columns of one name is the one read.
fn hidden_column(shown: &Path, sheet: &str, row: u32, col: u32) -> Diagnostic {
    let letters = cell_ref(row, col)
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .to_string();
    workbook_error(
        shown,
        t!(
            "sheet `{sheet}`, column {column}: the column is hidden in the workbook, but holds values (first at {cell}): pmo reads every column, so they would count without being seen",
            sheet = sheet,
            column = letters,
            cell = cell_ref(row, col)
        ),
    )
    .with_help(t!("unhide the column (select the columns around it, right-click, Unhide) and check it; delete it if it should not count"))
}

/// A formula cell whose value was never saved (the workbook was written by a script or
/// an export that does not calculate) reads as empty: an EV or AC "not reported on",
/// a figure shown as right. Such a cell is an error at its reference.
fn unsaved_formula<R: std::io::Read + std::io::Seek>(
    workbook: &mut calamine::Sheets<R>,
    sheet: &str,
    values: &calamine::Range<Data>,
    shown: &Path,
) -> Result<(), Diagnostic> {
    // A workbook format whose formulas calamine cannot list has nothing to check.
    let Ok(formulas) = workbook.worksheet_formula(sheet) else {
        return Ok(());
    };
    let (top, left) = formulas.start().unwrap_or((0, 0));
    for (r, c, formula) in formulas.used_cells() {
        let (row, col) = (top + r as u32, left + c as u32);
        let saved = values
            .get_value((row, col))
            .is_some_and(|v| *v != Data::Empty);
        if formula.trim().is_empty() || saved {
            continue;
        }
        return Err(workbook_error(
            shown,
            t!(
                "{cell}: the formula `={formula}` has no saved value",
                cell = format!("{sheet}!{}", cell_ref(row, col)),
                formula = formula.as_str()
            ),
        )
        .with_help(t!("the workbook was written by a program that does not calculate (a script or an export): open it in Excel or LibreOffice and save it, so that each formula's value is stored, or paste the values")));
    }
    Ok(())
}

/// Merged cells hold their value in the first cell only; the others read as empty, so
/// a budget's EV merged over three months would be one month's figure and two "not
/// reported on". A range merged over rows, or across a row below the header (EV and AC
/// as one figure), and holding a value is an error at its reference. One merged across
/// the header row is left alone. `pmo import` does
/// not ask for this check: a register's two-row header merges headings down over both
/// rows. (calamine lists merged ranges of .xlsx and .xls only.)
fn merged_cells<R: std::io::Read + std::io::Seek>(
    workbook: &mut calamine::Sheets<R>,
    sheet: &str,
    values: &calamine::Range<Data>,
    shown: &Path,
) -> Result<(), Diagnostic> {
    let merged = match workbook {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(sheet).ok(),
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(sheet).ok(),
        _ => None,
    };
    // The header is the first row holding a value; a range merged across a row below it
    // is a figure written over two columns, one of which reads as empty.
    let header = values
        .cells()
        .find(|(_, _, v)| **v != Data::Empty)
        .map(|(r, _, _)| values.start().unwrap_or((0, 0)).0 + r as u32);
    let holding = merged.unwrap_or_default().into_iter().find(|d| {
        let in_body = header.is_some_and(|h| d.start.0 > h);
        (d.start.0 != d.end.0 || in_body)
            && values.get_value(d.start).is_some_and(|v| *v != Data::Empty)
    });
    let Some(d) = holding else {
        return Ok(());
    };
    let (first, last) = (cell_ref(d.start.0, d.start.1), cell_ref(d.end.0, d.end.1));
    // Merged down from the header: a header of two rows, which "write the value in each
    // cell" only turned into a second error (a nameless column below the header).
    let help = if header == Some(d.start.0) {
        t!("a table's header is one row: write each column's name in row {row}, and delete the header's second row (or merge its two rows into one line of names)", row = d.start.0 + 1)
    } else {
        t!("unmerge the cells and write the value in each of them (each row of a table is read on its own)")
    };
    Err(workbook_error(
        shown,
        t!(
            "{range} is a merged cell: only {first} holds its value, the other cells read as empty",
            range = format!("{sheet}!{first}:{last}"),
            first = first.as_str()
        ),
    )
    .with_help(help))
}

fn read_workbook(full: &Path, shown: &Path, name: &str) -> Result<Vec<Table>, Diagnostic> {
    let mut tables = Vec::new();
    for (i, sheet) in read_sheets(full, shown, true)?.into_iter().enumerate() {
        let mut rows = sheet.rows.into_iter();
        let mut places = sheet.places.into_iter();
        // The used range starts at its first cell holding a value: the header.
        let (Some(header), Some(header_places)) = (rows.next(), places.next()) else {
            continue;
        };
        let columns: Vec<String> = header.iter().map(|c| c.display()).collect();
        let rows: Vec<Vec<Cell>> = rows.collect();
        // Where a header cell is, as the workbook's own editor names it.
        let header_cell = |col: usize| match header_places.get(col) {
            Some(Place::Sheet { sheet, cell }) => format!("{sheet}!{cell}"),
            _ => sheet.name.clone(),
        };
        if let Some((first, col)) = repeated_column(&columns) {
            let cell = header_cell(col);
            return Err(workbook_error(
                shown,
                t!(
                    "{cell}: {message}",
                    cell = cell,
                    message = repeated_message(&columns, first, col)
                ),
            )
            .with_help(repeated_help()));
        }
        if let Some(col) = unnamed_column(&columns, &rows) {
            let cell = header_cell(col);
            return Err(workbook_error(
                shown,
                t!(
                    "{cell}: column {column} of the header has no name, but holds values",
                    cell = cell,
                    column = col + 1
                ),
            )
            .with_help(unnamed_help()));
        }
        let table_name = if i == 0 {
            name.to_string()
        } else {
            format!("{name}/{}", sheet.name)
        };
        tables.push(Table {
            name: table_name,
            path: shown.to_path_buf(),
            source: None,
            columns,
            rows,
            places: places.collect(),
            renamed: Vec::new(),
        });
    }
    if tables.is_empty() {
        return Err(workbook_error(
            shown,
            t!("the workbook has no sheet with a header row"),
        ));
    }
    Ok(tables)
}

fn sheet_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.trim().to_string()),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            match jiff::civil::Date::new(y as i16, m as i8, d as i8) {
                Ok(date) => Cell::Date(Date(date)),
                Err(_) => Cell::Text(dt.to_string()),
            }
        }
        Data::DateTimeIso(s) => match Date::parse(s.get(..10).unwrap_or(s)) {
            Ok(d) => Cell::Date(d),
            Err(_) => Cell::Text(s.clone()),
        },
        Data::DurationIso(s) => Cell::Text(s.clone()),
        // As the spreadsheet shows it (`#DIV/0!`), so the message names what the user sees.
        Data::Error(e) => Cell::Text(e.to_string()),
    }
}

#[cfg(test)]
mod tests;
