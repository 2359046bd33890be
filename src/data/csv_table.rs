//! A CSV file with a header row, whose cells are read by column name with errors that
//! point at the exact cell (`budget.csv:7:12`) and say what was expected.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::schema::Date;
use crate::diagnostics::{Diagnostic, Location, Problem};

#[derive(Debug)]
pub struct CsvTable {
    path: PathBuf,
    source: Arc<str>,
    headers: Vec<String>,
    records: Vec<(csv::StringRecord, usize)>,
}

/// One data row, borrowed from its table.
pub struct Record<'a> {
    table: &'a CsvTable,
    record: &'a csv::StringRecord,
    offset: usize,
}

impl CsvTable {
    pub fn parse(path: &Path, source: &Arc<str>) -> Result<CsvTable, Diagnostic> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .trim(csv::Trim::All)
            .from_reader(source.as_bytes());
        let csv_error = |e: csv::Error| {
            let offset = e.position().map_or(0, |p| p.byte() as usize);
            Diagnostic::error(Problem::Data(e.to_string()))
                .at(Location::new(path, source, offset, 0))
                .with_help("every row needs as many comma-separated fields as the header; quote fields that contain commas")
        };
        let headers = reader
            .headers()
            .map_err(csv_error)?
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect();
        let mut records = Vec::new();
        for record in reader.records() {
            let record = record.map_err(csv_error)?;
            let offset = record.position().map_or(0, |p| p.byte() as usize);
            if record.iter().all(str::is_empty) {
                continue;
            }
            records.push((record, offset));
        }
        Ok(CsvTable {
            path: path.to_path_buf(),
            source: Arc::clone(source),
            headers,
            records,
        })
    }

    /// Column indexes of `names`, in order; a missing column is an error at the header.
    pub fn columns(&self, names: &[&str]) -> Result<Vec<usize>, Diagnostic> {
        names
            .iter()
            .map(|name| {
                self.headers.iter().position(|h| h == name).ok_or_else(|| {
                    Diagnostic::error(Problem::Data(format!("the header has no column `{name}`")))
                        .at(Location::new(&self.path, &self.source, 0, 0))
                        .with_help(format!(
                            "the header row must name these columns: {}",
                            names.join(",")
                        ))
                })
            })
            .collect()
    }

    /// Index of an optional column.
    pub fn optional_column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    pub fn records(&self) -> impl Iterator<Item = Record<'_>> {
        self.records.iter().map(move |(record, offset)| Record {
            table: self,
            record,
            offset: *offset,
        })
    }
}

impl Record<'_> {
    pub fn text(&self, col: usize) -> &str {
        self.record.get(col).unwrap_or("")
    }

    /// A number; thousands separators (`1,200,000`) and a currency sign are allowed.
    /// An empty cell is `None`.
    pub fn number(&self, col: usize) -> Result<Option<f64>, Diagnostic> {
        let raw = self.text(col);
        if raw.is_empty() {
            return Ok(None);
        }
        let cleaned: String = raw
            .chars()
            .filter(|c| !matches!(c, ',' | '_' | ' ' | '¥' | '￥' | '$' | '€'))
            .collect();
        match cleaned.parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(Some(n)),
            _ => Err(self.bad_cell(col, "a number", "e.g. 1200000 or 1,200,000")),
        }
    }

    /// A whole number from 1 to 5 (probability and impact scales).
    pub fn scale(&self, col: usize) -> Result<u8, Diagnostic> {
        match self.text(col).parse::<u8>() {
            Ok(n @ 1..=5) => Ok(n),
            _ => Err(self.bad_cell(
                col,
                "a whole number from 1 to 5",
                "1 = very low … 5 = very high",
            )),
        }
    }

    pub fn date(&self, col: usize) -> Result<Option<Date>, Diagnostic> {
        let raw = self.text(col);
        if raw.is_empty() {
            return Ok(None);
        }
        Date::parse(raw)
            .map(Some)
            .map_err(|_| self.bad_cell(col, "a date", "write dates as YYYY-MM-DD, e.g. 2024-03-18"))
    }

    /// A reporting month `YYYY-MM`.
    pub fn month(&self, col: usize) -> Result<String, Diagnostic> {
        let raw = self.text(col);
        let ok = raw.len() == 7
            && raw.as_bytes()[4] == b'-'
            && raw[..4].bytes().all(|b| b.is_ascii_digit())
            && matches!(raw[5..].parse::<u8>(), Ok(1..=12));
        if ok {
            Ok(raw.to_string())
        } else {
            Err(self.bad_cell(col, "a month", "write months as YYYY-MM, e.g. 2024-03"))
        }
    }

    pub fn missing(&self, col: usize) -> Diagnostic {
        self.bad_cell(col, "a value", "this column may not be empty")
    }

    fn bad_cell(&self, col: usize, expected: &str, help: &str) -> Diagnostic {
        let column = self.table.headers.get(col).map_or("?", String::as_str);
        let found = self.text(col);
        let offset = field_start(&self.table.source, self.offset, col);
        Diagnostic::error(Problem::Data(format!(
            "column `{column}` holds `{found}`, expected {expected}"
        )))
        .at(Location::new(
            &self.table.path,
            &self.table.source,
            offset,
            found.len().max(1),
        ))
        .with_help(help.to_string())
    }
}

/// Byte offset of field `col` of the record starting at `start`, honouring quotes.
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
    while i < bytes.len() && bytes[i] == b' ' {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> CsvTable {
        CsvTable::parse(Path::new("budget.csv"), &Arc::from(text)).unwrap()
    }

    #[test]
    fn numbers_accept_thousands_separators() {
        let t = table("period,pv\n2024-01,\"1,200,000\"\n");
        let r = t.records().next().unwrap();
        assert_eq!(r.number(1).unwrap(), Some(1_200_000.0));
    }

    #[test]
    fn a_bad_cell_names_line_column_value_and_type() {
        let t = table("period,pv,ev\n2024-01,100,90\n2024-02,\"a,b\",abc\n");
        let r = t.records().nth(1).unwrap();
        let e = r.number(2).unwrap_err();
        assert!(e.to_string().contains("budget.csv:3:15"), "{e}");
        assert!(
            e.to_string()
                .contains("column `ev` holds `abc`, expected a number"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_column_is_reported() {
        let t = table("period,pv\n");
        assert!(t.columns(&["period", "ac"]).is_err());
    }

    #[test]
    fn months_and_scales_are_checked() {
        let t = table("m,p\n2024-13,6\n");
        let r = t.records().next().unwrap();
        assert!(r.month(0).is_err());
        assert!(r.scale(1).is_err());
    }
}
