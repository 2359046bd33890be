//! The rows and columns an `.xlsx` hides. Excel does not show them, yet they are data: a
//! row hidden for a month not yet closed, or an old line kept out of sight, was counted
//! in the project's figures without anyone seeing it (the fifth malformed hunt), and so
//! was a column of last month's actuals hidden beside this month's. calamine reads
//! cells, not row or column attributes, so the sheets' `<row hidden="1">` and
//! `<col hidden="1">` are read here, from the sheet parts the workbook reader takes out
//! of the archive once (`read::workbook::sheet_marks`); the archive helpers live here.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Read};
use std::path::Path;

use quick_xml::events::Event;
use quick_xml::Reader;

/// The most bytes of one part read here: the workbook's parts were already checked
/// against the inflation limit, so this only bounds a part the archive lies about.
const MAX_PART_BYTES: u64 = crate::data::workbook_limits::MAX_INFLATED_BYTES;

/// What one sheet hides, 0-based.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Hidden {
    pub rows: HashSet<u32>,
    /// Inclusive ranges, as `<col min max>` writes them: Excel hides "every column
    /// to the right" as one range up to column 16,384.
    pub columns: Vec<(u32, u32)>,
}

impl Hidden {
    pub fn column(&self, col: u32) -> bool {
        self.columns
            .iter()
            .any(|&(min, max)| (min..=max).contains(&col))
    }
}

/// An `.xlsx` opened as the zip archive it is.
pub(super) type Archive = zip::ZipArchive<BufReader<std::fs::File>>;

/// The archive of the `.xlsx` at `full`; `None` for a file that is none.
pub(super) fn archive(full: &Path) -> Option<Archive> {
    let file = std::fs::File::open(full).ok()?;
    zip::ZipArchive::new(BufReader::new(file)).ok()
}

/// Each sheet's name and the path of its part in the archive, in the workbook's order.
pub(super) fn sheet_paths(archive: &mut Archive) -> Vec<(String, String)> {
    let (Some(workbook), Some(rels)) = (
        part(archive, "xl/workbook.xml"),
        part(archive, "xl/_rels/workbook.xml.rels"),
    ) else {
        return Vec::new();
    };
    let targets = relationships(&rels);
    sheets(&workbook)
        .into_iter()
        .filter_map(|(name, id)| {
            let target = targets.get(&id)?;
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            };
            Some((name, path))
        })
        .collect()
}

pub(super) fn part<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Option<String> {
    let file = archive.by_name(name).ok()?;
    let mut text = String::new();
    file.take(MAX_PART_BYTES).read_to_string(&mut text).ok()?;
    Some(text)
}

/// The value of the attribute whose local name is `local` (`r:id` → `id`), unescaped.
pub(super) fn attribute(e: &quick_xml::events::BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Each `<sheet name=… r:id=…>` of workbook.xml, in order.
fn sheets(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    each_element(xml, &["sheet"], |e| {
        if let (Some(name), Some(id)) = (attribute(e, "name"), attribute(e, "id")) {
            out.push((name, id));
        }
    });
    out
}

/// Relationship id → target, from workbook.xml.rels.
fn relationships(xml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    each_element(xml, &["Relationship"], |e| {
        if let (Some(id), Some(target)) = (attribute(e, "Id"), attribute(e, "Target")) {
            out.insert(id, target);
        }
    });
    out
}

/// The 0-based rows and columns a sheet's XML marks hidden. A row without `r` follows
/// the one before it, as the format allows.
pub(super) fn hidden_in(xml: &str) -> Hidden {
    let mut out = Hidden::default();
    let mut next: u32 = 1;
    each_element(xml, &["row", "col"], |e| {
        // A row of height 0 or a column of width 0 is as unseen as a hidden one (the
        // ninth hunt): Excel's Unhide shows it again.
        let flat = |size| {
            attribute(e, size).is_some_and(|v| v.trim().parse::<f64>().is_ok_and(|v| v == 0.0))
        };
        let flagged = attribute(e, "hidden").is_some_and(|h| matches!(h.trim(), "1" | "true"));
        let is_col = e.local_name().as_ref() == "col";
        let hidden = flagged || flat(if is_col { "width" } else { "ht" });
        if is_col {
            let number = |name| attribute(e, name).and_then(|n| n.trim().parse::<u32>().ok());
            if let (true, Some(min), Some(max)) = (hidden, number("min"), number("max")) {
                if min > 0 && max >= min {
                    out.columns.push((min - 1, max - 1));
                }
            }
            return;
        }
        let number = attribute(e, "r")
            .and_then(|r| r.trim().parse::<u32>().ok())
            .unwrap_or(next);
        next = number.saturating_add(1);
        if hidden && number > 0 {
            out.rows.insert(number - 1);
        }
    });
    out
}

/// Calls `f` with every element named one of `locals` (open or empty) of `xml`; stops
/// at the first XML error, having seen what came before it.
pub(super) fn each_element(
    xml: &str,
    locals: &[&str],
    mut f: impl FnMut(&quick_xml::events::BytesStart),
) {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e))
                if locals.iter().any(|l| e.local_name().as_ref() == *l) =>
            {
                f(&e)
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_rows_are_read_by_number_or_by_order() {
        let xml = r#"<worksheet><sheetData><row r="1"><c/></row><row r="3" hidden="1"/><row hidden="true"/><row r="9" hidden="0"/></sheetData></worksheet>"#;
        let hidden = hidden_in(xml);
        assert_eq!(hidden.rows, HashSet::from([2, 3]));
        assert!(hidden.columns.is_empty());
    }

    /// Hunt 9: a row of height 0 and a column of width 0 were read without a word,
    /// though no one sees them.
    #[test]
    fn rows_of_no_height_and_columns_of_no_width_are_hidden() {
        let xml = r#"<worksheet><cols><col min="4" max="4" width="0" customWidth="1"/><col min="5" max="5" width="0.5"/></cols><sheetData><row r="2" ht="15"/><row r="6" ht="0" customHeight="1"/><row r="7" ht="0.0"/></sheetData></worksheet>"#;
        let hidden = hidden_in(xml);
        assert_eq!(hidden.rows, HashSet::from([5, 6]));
        assert_eq!(hidden.columns, [(3, 3)]);
    }

    #[test]
    fn hidden_columns_are_read_as_ranges() {
        let xml = r#"<worksheet><cols><col min="2" max="2" width="9" hidden="1"/><col min="3" max="3" width="9"/><col min="6" max="16384" hidden="true"/><col min="0" max="0" hidden="1"/></cols><sheetData/></worksheet>"#;
        let hidden = hidden_in(xml);
        assert_eq!(hidden.columns, [(1, 1), (5, 16383)]);
        assert!(hidden.column(1) && !hidden.column(2) && hidden.column(9));
        assert!(hidden.rows.is_empty());
    }

    #[test]
    fn sheets_and_their_parts_are_paired_by_relationship() {
        let wb = r#"<workbook xmlns:r="x"><sheets><sheet name="预算 &amp; 实际" sheetId="1" r:id="rId7"/></sheets></workbook>"#;
        assert_eq!(
            sheets(wb),
            [("预算 & 实际".to_string(), "rId7".to_string())]
        );
        let rels = r#"<Relationships><Relationship Id="rId7" Target="/xl/worksheets/s.xml"/></Relationships>"#;
        assert_eq!(relationships(rels)["rId7"], "/xl/worksheets/s.xml");
    }
}
