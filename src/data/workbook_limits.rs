//! A limit on how far a workbook may inflate. An `.xlsx` or `.ods` is a zip archive: a
//! 400 KB file can hold a shared-strings part that inflates to 400 MB, and calamine
//! would read it all into memory (1.7 GB was seen). The archive's central directory
//! declares each part's uncompressed size, so the parts are summed before calamine
//! opens the file, without inflating anything.

use std::io::BufReader;
use std::path::Path;

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
    Err(Diagnostic::error(Problem::Data(format!(
        "the workbook inflates to {} MB (its part `{name}` alone to {} MB), over the limit of {} MB",
        megabytes(total),
        megabytes(size),
        megabytes(limit)
    )))
    .in_file(shown)
    .with_help("keep data workbooks small: delete unused sheets and cells, or split the data into several files"))
}

fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1_000_000)
}
