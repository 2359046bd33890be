//! A project table's workbook holding the table on more than one shown sheet.

use crate::data::table::Place;
use crate::data::Table;
use crate::diagnostics::{Diagnostic, Problem};
use crate::site::Site;
use crate::t;

/// A project's `kind` table read from a workbook's first sheet while a later shown sheet
/// holds the table's columns too: the old copy kept in front (`旧版`, last month's
/// snapshot) was read as the project's figures with no word, the current sheet behind
/// it only as `budget/<sheet>`. Either may be the one meant, so it is a warning at the
/// workbook, naming both sheets (hidden sheets are never read, so hiding one settles it).
pub fn other_sheet_holds_table(site: &Site, slug: &str, kind: &str) -> Option<Diagnostic> {
    let name = format!("projects/{slug}/{kind}");
    let first = site.tables.get(&name)?;
    let required = crate::data::required(kind);
    let prefix = format!("{name}/");
    let (other, _) = site
        .tables
        .range(prefix.clone()..)
        .take_while(|(n, _)| n.starts_with(&prefix))
        .find(|(_, t)| required.iter().all(|c| t.column(c).is_some()))?;
    let other = &other[prefix.len()..];
    let read = sheet_name(first)?;
    Some(
        Diagnostic::warning(Problem::Content(t!(
            "sheet `{other}` of this workbook holds the columns of the {kind} table too, but only the first sheet, `{read}`, is read: if `{other}` holds the current figures, the project shows those of `{read}`",
            other = other,
            kind = kind,
            read = read
        )))
        .at_file_start(&first.path)
        .with_help(t!(
            "keep the table on one sheet: delete or hide the other copy (a hidden sheet is not read), or drag the current sheet to the front, then save"
        )),
    )
}

/// The sheet `table` was read from, by its first cell's place (a CSV's has none).
fn sheet_name(table: &Table) -> Option<&str> {
    table.places.iter().flatten().find_map(|p| match p {
        Place::Sheet { sheet, .. } => Some(sheet.as_str()),
        Place::Offset(_) | Place::Row(_) => None,
    })
}
