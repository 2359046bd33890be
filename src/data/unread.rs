//! A file under `data/` holding a table in a form pmo does not read — tab-separated
//! values (`.tsv`, `.tab`, a `.txt` export), an Apple Numbers or WPS sheet, Excel's
//! binary workbook — was passed over without a word, and a block naming it told only
//! "no table named `x`" (the twelfth malformed hunt). It is a warning naming the forms
//! read and how to get one.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Problem};
use crate::messages::Text;
use crate::t;

/// The warning for `rel` (under `data/`, `full` on disk) when it is a table in a form
/// not read; `None` for any other file (notes, images, a README).
pub fn warning(full: &Path, rel: &str) -> Option<Diagnostic> {
    let (stem, ext) = rel.rsplit_once('.')?;
    if ext.eq_ignore_ascii_case("md") && starts_with_fence(full) {
        return Some(page_in_data(rel));
    }
    let stem = stem.rsplit('/').next().unwrap_or(stem);
    let help = how_to_read(full, stem, &ext.to_ascii_lowercase())?;
    Some(
        Diagnostic::warning(Problem::Content(t!(
            "this file is not read as a table: tables under data/ are .csv, .xlsx, .xls, .ods, .json, .toml or .yaml files, so a block naming `{name}` finds none",
            name = stem
        )))
        .at_file_start(&Path::new("data").join(rel))
        .with_help(help),
    )
}

/// How to turn a file of extension `ext` into a table pmo reads.
fn how_to_read(full: &Path, stem: &str, ext: &str) -> Option<Text> {
    let csv = format!("{stem}.csv");
    match ext {
        // A text export is a table when its first line separates names.
        "tsv" | "tab" | "txt" if ext != "txt" || first_line_separates(full) => Some(t!(
            "rename it `{csv}`: a file separated by tabs or semicolons is read as CSV too",
            csv = csv.as_str()
        )),
        "numbers" => Some(t!(
            "export it from Numbers (File → Export To → CSV or Excel) as `{csv}` or `{stem}.xlsx`",
            csv = csv.as_str(),
            stem = stem
        )),
        "xlsb" | "et" | "ett" | "dbf" => Some(t!(
            "open it in Excel, WPS or LibreOffice and save it as `{stem}.xlsx` (or the sheet as `{csv}`)",
            stem = stem,
            csv = csv.as_str()
        )),
        _ => None,
    }
}

/// Whether the file's first line holds a tab, a comma or a semicolon between names.
fn first_line_separates(full: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4096];
    let Ok(read) = std::fs::File::open(full).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    let text = String::from_utf8_lossy(&head[..read]);
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("");
    lines.next().is_some() && first.contains(['\t', ',', ';'])
}

/// A page (a Markdown file opening with front matter) saved under data/, beside the
/// tables: it was left out of the site without a word. A note without front matter (a
/// README on the tables) is not one.
fn page_in_data(rel: &str) -> Diagnostic {
    Diagnostic::warning(Problem::Content(t!(
        "this page is under data/, which holds tables: it is not published"
    )))
    .at_file_start(&Path::new("data").join(rel))
    .with_help(t!(
        "move it under content/ (e.g. `content/{rel}`), where pages are read; or delete it",
        rel = rel
    ))
}

/// Whether the file's first line is a front matter fence, `---` or `+++`.
fn starts_with_fence(full: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 8];
    let Ok(read) = std::fs::File::open(full).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    let head = head[..read]
        .strip_prefix(b"\xef\xbb\xbf".as_slice())
        .unwrap_or(&head[..read]);
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    matches!(line.trim_ascii_end(), b"---" | b"+++")
}
