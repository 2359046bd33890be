//! A limit on how far a workbook may inflate. An `.xlsx` or `.ods` is a zip archive: a
//! 400 KB file can hold a shared-strings part that inflates to 400 MB, and calamine
//! would read it all into memory (1.7 GB was seen). The archive's central directory
//! declares each part's uncompressed size, so the parts are summed before calamine
//! opens the file, without inflating anything.
//!
//! calamine also holds a sheet as a dense grid from its first to its last used cell, so
//! two cells at A1 and XFD1048576 would ask for 17 billion cells. Before reading an
//! `.xlsx` sheet, its used cells are streamed once to measure that grid.

use crate::t;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

use crate::data::table::cell_ref;
use crate::diagnostics::{Diagnostic, Problem};

/// The most a workbook may inflate to, all parts together: 100 MB, some 50 times what a
/// large real project workbook takes.
pub const MAX_INFLATED_BYTES: u64 = 100_000_000;

/// Refuses a zip-based workbook whose declared parts add up to more than `limit` bytes,
/// naming the largest part. A file that is not a readable zip is left to calamine, which
/// reports it in its own words.
pub fn check(full: &Path, shown: &Path, limit: u64) -> Result<(), Diagnostic> {
    let Ok(file) = std::fs::File::open(full) else {
        return Ok(());
    };
    let Ok(mut archive) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    let mut largest: Option<(String, u64)> = None;
    for i in 0..archive.len() {
        let Ok(part) = archive.by_index_raw(i) else {
            continue;
        };
        let size = part.size();
        total = total.saturating_add(size);
        if largest.as_ref().is_none_or(|(_, s)| size > *s) {
            largest = Some((part.name().map(|n| n.to_string()).unwrap_or_default(), size));
        }
    }
    if total <= limit {
        return Ok(());
    }
    let (name, size) = largest.unwrap_or_default();
    Err(Diagnostic::error(Problem::Data(t!(
        "the workbook inflates to {total} MB (its part `{name}` alone to {size} MB), over the limit of {limit} MB",
        total = megabytes(total),
        name = name,
        size = megabytes(size),
        limit = megabytes(limit)
    )))
    .at_file_start(shown)
    .with_help(t!("keep data workbooks small: delete unused sheets and cells, or split the data into several files")))
}

/// The most cells a sheet's grid (first to last used cell) may span: 2 million, e.g.
/// 20 columns by 100,000 rows.
pub const MAX_SHEET_CELLS: u64 = 2_000_000;

/// Refuses an `.xlsx` sheet whose used cells span a grid of more than `limit` cells,
/// naming the sheet and the span. Other workbook kinds are left to calamine.
pub fn check_sheet_area<RS: Read + Seek>(
    workbook: &mut calamine::Sheets<RS>,
    sheet: &str,
    shown: &Path,
    limit: u64,
) -> Result<(), Diagnostic> {
    let calamine::Sheets::Xlsx(xlsx) = workbook else {
        return Ok(());
    };
    // A sheet calamine cannot stream is reported when it is read for real.
    let Ok(mut cells) = xlsx.worksheet_cells_reader(sheet) else {
        return Ok(());
    };
    let (mut top, mut left, mut bottom, mut right) = (u32::MAX, u32::MAX, 0u32, 0u32);
    while let Ok(Some(cell)) = cells.next_cell() {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let (row, col) = cell.get_position();
        (top, left) = (top.min(row), left.min(col));
        (bottom, right) = (bottom.max(row), right.max(col));
        let area = u64::from(bottom - top + 1) * u64::from(right - left + 1);
        if area > limit {
            let range = format!("{}:{}", cell_ref(top, left), cell_ref(bottom, right));
            return Err(too_large(sheet, &range, area, limit, shown));
        }
    }
    Ok(())
}

/// [`check_sheet_area`] for an `.ods`, before calamine opens it: calamine reads every
/// sheet at once and writes out each `number-rows-repeated` and
/// `number-columns-repeated`, so a 0.8 KB file repeating one cell 5,000 × 2,000 times
/// took 1.8 GB, 49,000 rows 17 GB (the fourth security hunt). The grid each sheet's
/// cells holding a value span is worked out from the repeat counts, reading nothing out.
pub fn check_ods_area(full: &Path, shown: &Path, limit: u64) -> Result<(), Diagnostic> {
    use quick_xml::events::Event;
    let Ok(file) = std::fs::File::open(full) else {
        return Ok(());
    };
    let Ok(mut archive) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let Ok(part) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part.take(MAX_INFLATED_BYTES)));
    let mut buf = Vec::new();
    let mut sheet = String::new();
    // Rows before the current one, the end of the last row holding a value, the widest
    // such row; the current row's columns so far and its last cell holding one.
    let (mut rows, mut bottom, mut right) = (0u64, 0u64, 0u64);
    let (mut col, mut row_right, mut repeat) = (0u64, 0u64, 1u64);
    let count = |e: &quick_xml::events::BytesStart, name: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| a.value.trim().parse().ok())
            .unwrap_or(1)
    };
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        let (e, open) = match &event {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if row_right > 0 {
                    bottom = rows.saturating_add(repeat);
                    right = right.max(row_right);
                }
                rows = rows.saturating_add(repeat);
                let area = bottom.saturating_mul(right);
                if area > limit {
                    let last = cell_ref(
                        u32::try_from(bottom - 1).unwrap_or(u32::MAX),
                        u32::try_from(right - 1).unwrap_or(u32::MAX),
                    );
                    return Err(too_large(&sheet, &format!("A1:{last}"), area, limit, shown));
                }
                buf.clear();
                continue;
            }
            _ => {
                buf.clear();
                continue;
            }
        };
        match e.name().as_ref() {
            "table:table" => {
                sheet = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == "table:name")
                    .map(|a| a.value.to_string())
                    .unwrap_or_default();
                (rows, bottom, right) = (0, 0, 0);
            }
            "table:table-row" => {
                repeat = count(e, "table:number-rows-repeated");
                (col, row_right) = (0, 0);
                if !open {
                    rows = rows.saturating_add(repeat);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                // Every value a cell shows has its type (a string's is "string"); a cell
                // with none is empty, however it is written.
                let held = e
                    .attributes()
                    .flatten()
                    .any(|a| a.key.as_ref() == "office:value-type");
                col = col.saturating_add(count(e, "table:number-columns-repeated"));
                if held {
                    row_right = col;
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// The error for a sheet whose used cells span `range`, `area` cells, past `limit`.
fn too_large(sheet: &str, range: &str, area: u64, limit: u64, shown: &Path) -> Diagnostic {
    Diagnostic::error(Problem::Data(t!(
        "sheet `{sheet}` spans {range}, {area} cells, over the limit of {limit}",
        sheet = sheet,
        range = range,
        area = area,
        limit = limit
    )))
    .at_file_start(shown)
    .with_help(t!("delete stray cells far from the table (select the empty rows and columns after it and delete them), or split the data"))
}

fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1_000_000)
}
