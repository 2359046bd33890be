//! Workbooks (`.xlsx`, `.xls`, `.ods`) as tables: each shown sheet, checked first for
//! what would make its cells say other than what Excel shows — hidden rows and columns
//! holding values, formulas whose values were never saved, merged ranges, a file that
//! is no workbook or would inflate past the limits.

use super::*;
use crate::data::hidden::Hidden;
use crate::data::number_formats::Shown;
use crate::data::table::at_sheet_ref;
use std::collections::HashMap;

fn workbook_error(shown: &Path, message: crate::messages::Text) -> Diagnostic {
    Diagnostic::error(Problem::Data(message))
        .at_file_start(shown)
        .with_help(t!(
            "save the workbook again from Excel or LibreOffice as .xlsx"
        ))
}

/// A workbook the reader could not read: told as damaged, with how to get a sound copy.
fn damaged(shown: &Path, message: crate::messages::Text) -> Diagnostic {
    Diagnostic::error(Problem::Data(message))
        .at_file_start(shown)
        .with_help(t!("open the workbook in Excel, WPS or LibreOffice and save it again as .xlsx (they repair what they can), or save the sheet as CSV and use that file instead"))
}

/// A sheet calamine could not read (`reason` in its words), told at the damaged cell
/// when the sheet's XML shows one (at its row, when only that is known).
fn damaged_sheet(full: &Path, shown: &Path, sheet: &str, reason: String) -> Diagnostic {
    use crate::data::damaged::{damage_in, Damage};
    let damage = damage_in(full, sheet);
    let at = damage.as_ref().and_then(Damage::cell);
    let message = match damage {
        Some(Damage::SharedText {
            cell,
            index,
            entries,
        }) => t!(
            "{cell}: the cell's text is missing: it points at entry {index} of the workbook's shared text, which holds {entries} (numbered from 0); the file is damaged",
            cell = format!("{sheet}!{cell}"),
            index = index,
            entries = entries
        ),
        Some(Damage::Reference { reference, row }) => t!(
            "sheet `{sheet}`, row {row}: a cell is placed at `{reference}`, which is no cell address; the file is damaged",
            sheet = sheet,
            row = row,
            reference = reference
        ),
        None => t!(
            "sheet `{sheet}` cannot be read: the file is damaged (the reader says `{reason}`)",
            sheet = sheet,
            reason = reason
        ),
    };
    let d = damaged(shown, message);
    match at {
        Some((row, col)) => d.at_sheet_cell(row, col),
        None => d,
    }
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
    let named_ooxml = full
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "xlsx" | "xlsm"));
    if head.starts_with(OLE) && named_ooxml {
        // An .xlsx is a zip: one in Excel's older container is an .xls renamed, or a
        // workbook saved with a password to open (Excel encrypts it into that
        // container). The zip reader said "damaged or cut short", and the author
        // repaired a file that was whole.
        return Some(
            Diagnostic::error(Problem::Data(t!(
                "this file is not an .xlsx inside, though its name says so: it is an Excel 97–2003 workbook (.xls) renamed, or a workbook protected with a password to open"
            )))
            .at_file_start(shown)
            .with_help(t!(
                "open it in Excel or WPS, remove the password to open if it has one (File → Info → Protect Workbook), and save it as .xlsx (Save As → Excel Workbook); or rename it .xls if it is one"
            )),
        );
    }
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
            .at_file_start(shown)
            .with_help(help),
    )
}

/// A worksheet's rows that hold a value, with each cell's reference.
pub(super) struct Sheet {
    pub(super) name: String,
    pub(super) rows: Vec<Vec<Cell>>,
    pub(super) places: Vec<Vec<Place>>,
    /// (row in `rows`, column, what its number format shows), as in [`Table::formats`].
    pub(super) formats: Vec<(usize, usize, Shown)>,
    /// The columns (indices in `rows`) the sheet hides and that hold a value; only
    /// [`Purpose::Import`] reads such a sheet.
    pub(super) hidden_columns: Vec<usize>,
}

/// Who reads the sheets, which decides what is refused.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Purpose {
    /// A data table: a range merged over rows and holding a value, and a hidden column
    /// holding one, are errors (every column of a table counts).
    Table,
    /// `pmo import`, which finds its header itself (two rows merged down are read as
    /// one) and reads only the columns its fields name: a hidden column is listed in
    /// [`Sheet::hidden_columns`] for it to judge by its header, since a column of notes
    /// a WPS or Excel list keeps out of sight is read by no field.
    Import,
}

/// Reads each sheet Excel shows, refusing what would make its cells say other than
/// what Excel shows for `purpose`.
pub(super) fn read_sheets(
    full: &Path,
    shown: &Path,
    purpose: Purpose,
) -> Result<Vec<Sheet>, Diagnostic> {
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
    let (hidden, shown_units) = if matches!(extension.as_deref(), Some("xlsx" | "xlsm")) {
        sheet_marks(full)
    } else {
        Default::default()
    };
    let mut workbook = calamine::open_workbook_auto(full).map_err(|e| {
        // Starts as a workbook but its parts cannot be read: cut short in a copy or
        // a download, or damaged. The reader's words (`Could not find EOCD`) name
        // the part, which the author cannot act on; they follow in brackets.
        damaged(
            shown,
            t!(
                "the workbook cannot be opened: the file is damaged or cut short (the reader says `{reason}`)",
                reason = e.to_string()
            ),
        )
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
        let range = workbook
            .worksheet_range(&sheet)
            .map_err(|e| damaged_sheet(full, shown, &sheet, e.to_string()))?;
        unsaved_formula(&mut workbook, &sheet, &range, shown)?;
        if purpose == Purpose::Table {
            merged_cells(&mut workbook, &sheet, &range, shown)?;
        }
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::new();
        let mut places = Vec::new();
        let mut formats = Vec::new();
        let mut hidden_columns: Vec<usize> = Vec::new();
        let hidden_here = hidden.get(&sheet);
        let shown_here = shown_units.get(&sheet);
        for (r, row) in range.rows().enumerate() {
            let cells: Vec<Cell> = row.iter().map(sheet_cell).collect();
            if cells.iter().all(|c| *c == Cell::Empty) {
                continue;
            }
            let at = top + r as u32;
            if let Some(hidden) = hidden_here {
                if hidden.rows.contains(&at) {
                    let first = cells.iter().position(|c| *c != Cell::Empty).unwrap_or(0);
                    return Err(
                        hidden_row(shown, &sheet, at).at_sheet_cell(at, left + first as u32)
                    );
                }
                let held: Vec<usize> = (0..cells.len())
                    .filter(|&c| cells[c] != Cell::Empty && hidden.column(left + c as u32))
                    .collect();
                if purpose == Purpose::Import {
                    for c in held {
                        if !hidden_columns.contains(&c) {
                            hidden_columns.push(c);
                        }
                    }
                } else if let Some(&c) = held.first() {
                    return Err(hidden_column(shown, &sheet, at, left + c as u32)
                        .at_sheet_cell(at, left + c as u32));
                }
            }
            if let Some(shown) = shown_here {
                for (c, cell) in cells.iter().enumerate() {
                    let format = shown.get(&(at, left + c as u32));
                    if let (Cell::Number(_), Some(format)) = (cell, format) {
                        formats.push((rows.len(), c, format.clone()));
                    }
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
            formats,
            hidden_columns,
        });
    }
    Ok(sheets)
}

/// Cells by sheet name, then 0-based (row, column).
type ByCell<T> = HashMap<String, HashMap<(u32, u32), T>>;

/// What an `.xlsx`'s sheets say that calamine does not read: the rows and columns each
/// hides ([`crate::data::hidden`]) and the cells whose number format names a unit
/// ([`crate::data::number_formats`]). The archive is opened once and each sheet's part
/// read once for both. Empty for a file that is no such workbook: calamine says why.
fn sheet_marks(full: &Path) -> (HashMap<String, Hidden>, ByCell<Shown>) {
    use crate::data::hidden::{archive, hidden_in, part, sheet_paths};
    use crate::data::number_formats::{styled_cells, styles_naming_units};
    let (mut hidden, mut shown) = (HashMap::new(), HashMap::new());
    let Some(mut archive) = archive(full) else {
        return (hidden, shown);
    };
    let by_style = part(&mut archive, "xl/styles.xml")
        .map(|styles| styles_naming_units(&styles))
        .unwrap_or_default();
    for (name, path) in sheet_paths(&mut archive) {
        let Some(xml) = part(&mut archive, &path) else {
            continue;
        };
        let hides = hidden_in(&xml);
        if hides != Hidden::default() {
            hidden.insert(name.clone(), hides);
        }
        if !by_style.is_empty() {
            let cells = styled_cells(&xml, &by_style);
            if !cells.is_empty() {
                shown.insert(name, cells);
            }
        }
    }
    (hidden, shown)
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
        .at_sheet_cell(row, col)
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
            "`{range}` is a merged cell: only {first} holds its value, the other cells read as empty",
            range = format!("{sheet}!{first}:{last}"),
            first = first.as_str()
        ),
    )
    .at_sheet_cell(d.start.0, d.start.1)
    .with_help(help))
}

pub(super) fn read_workbook(
    full: &Path,
    shown: &Path,
    name: &str,
) -> Result<Vec<Table>, Diagnostic> {
    let sheets = read_sheets(full, shown, Purpose::Table)?;
    if let Some(d) = empty_first_sheet(&sheets, shown) {
        return Err(d);
    }
    let mut tables = Vec::new();
    for (i, sheet) in sheets.into_iter().enumerate() {
        let mut rows = sheet.rows.into_iter();
        let mut places = sheet.places.into_iter();
        // The used range starts at its first cell holding a value: the header.
        let (Some(header), Some(header_places)) = (rows.next(), places.next()) else {
            continue;
        };
        let columns: Vec<String> = header.iter().map(|c| c.display()).collect();
        let rows: Vec<Vec<Cell>> = rows.collect();
        // An error at a header cell, named as the workbook's own editor names it.
        let at_header = |col: usize, message: crate::messages::Text| {
            let d = |cell: String| {
                workbook_error(
                    shown,
                    t!("{cell}: {message}", cell = cell, message = message),
                )
            };
            match header_places.get(col) {
                Some(Place::Sheet { sheet, cell }) => {
                    at_sheet_ref(d(format!("{sheet}!{cell}")), cell)
                }
                _ => d(sheet.name.clone()),
            }
        };
        if let Some((first, col)) = repeated_column(&columns) {
            return Err(
                at_header(col, repeated_message(&columns, first, col)).with_help(repeated_help())
            );
        }
        if let Some(col) = unnamed_column(&columns, &rows) {
            return Err(at_header(
                col,
                t!(
                    "column {column} of the header has no name, but holds values",
                    column = col + 1
                ),
            )
            .with_help(unnamed_help(&rows, col)));
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
            // The header is not among the rows.
            formats: sheet
                .formats
                .into_iter()
                .filter_map(|(row, col, shown)| Some((row.checked_sub(1)?, col, shown)))
                .collect(),
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

/// A first sheet holding nothing (a blank `Sheet1` left in front of the data) while a
/// later sheet holds a table: the table is the first sheet's, so the workbook read as
/// none, and a project's milestones or budget vanished from its page and the
/// dashboard's counts without a word.
fn empty_first_sheet(sheets: &[Sheet], shown: &Path) -> Option<Diagnostic> {
    let (first, rest) = sheets.split_first()?;
    let with_data = rest.iter().find(|s| !s.rows.is_empty())?;
    first.rows.is_empty().then(|| {
        Diagnostic::error(Problem::Data(t!(
            "the workbook's first sheet `{empty}` is empty, and the table is read from the first sheet: the data on sheet `{sheet}` is not read",
            empty = &first.name,
            sheet = &with_data.name
        )))
        .at_file_start(shown)
        .with_help(t!(
            "drag the sheet `{sheet}` to the front (or delete the empty sheet `{empty}`), then save",
            sheet = &with_data.name,
            empty = &first.name
        ))
    })
}

pub(super) fn sheet_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(crate::escape::cleaned(s.trim()).into_owned()),
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
