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
    .in_file(shown)
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
            return Err(Diagnostic::error(Problem::Data(t!(
                "sheet `{sheet}` spans {range}, {area} cells, over the limit of {limit}",
                sheet = sheet,
                range = format!("{}:{}", cell_ref(top, left), cell_ref(bottom, right)),
                area = area,
                limit = limit
            )))
            .in_file(shown)
            .with_help(t!("delete stray cells far from the table (select the empty rows and columns after it and delete them), or split the data")));
        }
    }
    Ok(())
}

fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1_000_000)
}
