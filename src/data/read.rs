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

pub use crate::layout::is_table;

/// Reads the file at `full` (shown to users as `shown`) into tables named `name`; a
/// workbook adds its other sheets as `name/<sheet>`.
pub fn read(full: &Path, shown: &Path, name: &str) -> Result<Vec<Table>, Diagnostic> {
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
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(source.as_bytes());
    let csv_error = |e: csv::Error| {
        let offset = e.position().map_or(0, |p| p.byte() as usize);
        Diagnostic::error(Problem::Data(crate::messages::verbatim(&e)))
            .at(Location::new(path, source, offset, 0))
            .with_help(t!("every row needs as many comma-separated fields as the header; quote fields that contain commas"))
    };
    let columns: Vec<String> = reader
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut places = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let start = record.position().map_or(0, |p| p.byte() as usize);
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
                .map(|col| Place::Offset(field_start(source, start, col)))
                .collect(),
        );
    }
    if let Some(col) = unnamed_column(&columns, &rows) {
        return Err(Diagnostic::error(Problem::Data(t!(
            "column {column} of the header has no name, but holds values",
            column = col + 1
        )))
        .at(Location::new(path, source, field_start(source, 0, col), 0))
        .with_help(unnamed_help()));
    }
    Ok(Table::from_text(name, path, source, columns, rows, places))
}

fn unnamed_help() -> crate::messages::Text {
    t!("name every column in the first row (e.g. period,pv,ev,ac); a column without a name would be left out")
}

/// The first column with an empty header but a value in some row. A nameless column
/// that is empty all the way down (a trailing comma, unused spreadsheet columns) is
/// harmless; one with values would silently drop them.
fn unnamed_column(columns: &[String], rows: &[Vec<Cell>]) -> Option<usize> {
    columns.iter().enumerate().find_map(|(c, name)| {
        (name.is_empty()
            && rows
                .iter()
                .any(|r| r.get(c).is_some_and(|x| *x != Cell::Empty)))
        .then_some(c)
    })
}

/// Byte offset of field `col` of the CSV record starting at `start`, honouring quotes.
fn field_start(text: &str, start: usize, col: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut field = 0;
    let mut quoted = false;
    while i < bytes.len() && field < col {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b',' if !quoted => field += 1,
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

fn read_workbook(full: &Path, shown: &Path, name: &str) -> Result<Vec<Table>, Diagnostic> {
    let fail = |message: crate::messages::Text| {
        Diagnostic::error(Problem::Data(message))
            .in_file(shown)
            .with_help(t!(
                "save the workbook again from Excel or LibreOffice as .xlsx"
            ))
    };
    if matches!(
        full.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("xlsx" | "xlsm" | "ods")
    ) {
        workbook_limits::check(full, shown, workbook_limits::MAX_INFLATED_BYTES)?;
    }
    let mut workbook =
        calamine::open_workbook_auto(full).map_err(|e| fail(crate::messages::verbatim(e)))?;
    let sheets = workbook.sheet_names();
    let mut tables = Vec::new();
    for (i, sheet) in sheets.iter().enumerate() {
        workbook_limits::check_sheet_area(
            &mut workbook,
            sheet,
            shown,
            workbook_limits::MAX_SHEET_CELLS,
        )?;
        let range = workbook.worksheet_range(sheet).map_err(|e| {
            fail(t!(
                "sheet `{sheet}`: {error}",
                sheet = sheet,
                error = e.to_string()
            ))
        })?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut row_iter = range.rows();
        let Some(header) = row_iter.next() else {
            continue;
        };
        let columns: Vec<String> = header
            .iter()
            .map(|c| sheet_cell(c).display().trim().to_string())
            .collect();
        let mut rows = Vec::new();
        let mut places = Vec::new();
        for (r, row) in row_iter.enumerate() {
            let cells: Vec<Cell> = row.iter().map(sheet_cell).collect();
            if cells.iter().all(|c| *c == Cell::Empty) {
                continue;
            }
            places.push(
                (0..cells.len())
                    .map(|c| Place::Sheet {
                        sheet: sheet.clone(),
                        cell: cell_ref(top + 1 + r as u32, left + c as u32),
                    })
                    .collect(),
            );
            rows.push(cells);
        }
        if let Some(col) = unnamed_column(&columns, &rows) {
            return Err(fail(t!(
                "{cell}: column {column} of the header has no name, but holds values",
                cell = format!("{sheet}!{}", cell_ref(top, left + col as u32)),
                column = col + 1
            ))
            .with_help(unnamed_help()));
        }
        let table_name = if i == 0 {
            name.to_string()
        } else {
            format!("{name}/{sheet}")
        };
        tables.push(Table {
            name: table_name,
            path: shown.to_path_buf(),
            source: None,
            columns,
            rows,
            places,
        });
    }
    if tables.is_empty() {
        return Err(fail(t!("the workbook has no sheet with a header row")));
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
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Arc<str> {
        Arc::from(s)
    }

    #[test]
    fn csv_cells_know_their_offsets() {
        let t = read_csv(
            Path::new("b.csv"),
            &text("period,pv,ev\n2024-01,100,90\n2024-02,\"a,b\",abc\n"),
            "b",
        )
        .unwrap();
        let e = t.number(1, 2).unwrap_err().to_string();
        assert!(e.contains("b.csv:3:15"), "{e}");
        assert!(
            e.contains("column `ev` holds `abc`, expected a number"),
            "{e}"
        );
        let e = t.number(1, 1).unwrap_err().to_string();
        assert!(e.contains("b.csv:3:10"), "{e}");
    }

    #[test]
    fn structured_formats_keep_column_order() {
        let json = records::parse_json(
            Path::new("t.json"),
            &text(r#"[{"period":"2024-01","pv":100},{"period":"2024-02","pv":"1,200","ev":5}]"#),
        )
        .unwrap();
        let t = records::table(Path::new("t.json"), &text(""), "t", json).unwrap();
        assert_eq!(t.columns, ["period", "pv", "ev"]);
        assert_eq!(t.number(1, 1).unwrap(), Some(1200.0));
        assert_eq!(t.number(0, 2).unwrap(), None);

        let toml = records::parse_toml(
            Path::new("t.toml"),
            &text(
                "[[rows]]\nperiod = \"2024-01\"\npv = 1\n[[rows]]\nperiod = \"2024-02\"\npv = 2\n",
            ),
        )
        .unwrap();
        let t = records::table(Path::new("t.toml"), &text(""), "t", toml).unwrap();
        assert_eq!(t.rows.len(), 2);

        let source = text("- period: 2024-01\n  pv: 1\n- period: 2024-02\n  pv: x\n");
        let yaml = records::parse_yaml(Path::new("t.yaml"), &source).unwrap();
        let t = records::table(Path::new("t.yaml"), &source, "t", yaml).unwrap();
        let e = t.number(1, 1).unwrap_err().to_string();
        assert!(
            e.contains("t.yaml:4:7: invalid data: column `pv` holds `x`"),
            "{e}"
        );
    }

    #[test]
    fn broken_json_points_at_the_error() {
        let e = records::parse_json(Path::new("t.json"), &text("[\n{\"a\": 1,}\n]"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("t.json:2:"), "{e}");
    }
}
