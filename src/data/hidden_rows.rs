//! The rows an `.xlsx` hides. Excel does not show them, yet they are data: a row hidden
//! for a month not yet closed, or an old line kept out of sight, was counted in the
//! project's figures without anyone seeing it (the fifth malformed hunt). calamine reads
//! cells, not row attributes, so the sheets' `<row hidden="1">` are read here from the
//! archive, once per workbook.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Read};
use std::path::Path;

use quick_xml::events::Event;
use quick_xml::Reader;

/// The most bytes of one part read here: the workbook's parts were already checked
/// against the inflation limit, so this only bounds a part the archive lies about.
const MAX_PART_BYTES: u64 = crate::data::workbook_limits::MAX_INFLATED_BYTES;

/// For each sheet (by name) of the `.xlsx` at `full`, the rows it hides, 0-based. Empty
/// for a file that is not such a workbook or cannot be read: calamine then says why.
pub fn hidden_rows(full: &Path) -> HashMap<String, HashSet<u32>> {
    let mut out = HashMap::new();
    let Ok(file) = std::fs::File::open(full) else {
        return out;
    };
    let Ok(mut archive) = zip::ZipArchive::new(BufReader::new(file)) else {
        return out;
    };
    let Some(workbook) = part(&mut archive, "xl/workbook.xml") else {
        return out;
    };
    let Some(rels) = part(&mut archive, "xl/_rels/workbook.xml.rels") else {
        return out;
    };
    let targets = relationships(&rels);
    for (name, id) in sheets(&workbook) {
        let Some(target) = targets.get(&id) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("xl/{target}"),
        };
        if let Some(xml) = part(&mut archive, &path) {
            let hidden = hidden_in(&xml);
            if !hidden.is_empty() {
                out.insert(name, hidden);
            }
        }
    }
    out
}

fn part<R: Read + std::io::Seek>(archive: &mut zip::ZipArchive<R>, name: &str) -> Option<String> {
    let file = archive.by_name(name).ok()?;
    let mut text = String::new();
    file.take(MAX_PART_BYTES).read_to_string(&mut text).ok()?;
    Some(text)
}

/// The value of the attribute whose local name is `local` (`r:id` → `id`), unescaped.
fn attribute(e: &quick_xml::events::BytesStart, local: &str) -> Option<String> {
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
    each_element(xml, "sheet", |e| {
        if let (Some(name), Some(id)) = (attribute(e, "name"), attribute(e, "id")) {
            out.push((name, id));
        }
    });
    out
}

/// Relationship id → target, from workbook.xml.rels.
fn relationships(xml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    each_element(xml, "Relationship", |e| {
        if let (Some(id), Some(target)) = (attribute(e, "Id"), attribute(e, "Target")) {
            out.insert(id, target);
        }
    });
    out
}

/// The 0-based rows a sheet's XML marks hidden. A row without `r` follows the one
/// before it, as the format allows.
fn hidden_in(xml: &str) -> HashSet<u32> {
    let mut out = HashSet::new();
    let mut next: u32 = 1;
    each_element(xml, "row", |e| {
        let number = attribute(e, "r")
            .and_then(|r| r.trim().parse::<u32>().ok())
            .unwrap_or(next);
        next = number.saturating_add(1);
        let hidden = attribute(e, "hidden").is_some_and(|h| matches!(h.trim(), "1" | "true"));
        if hidden && number > 0 {
            out.insert(number - 1);
        }
    });
    out
}

/// Calls `f` with every element named `local` (open or empty) of `xml`; stops at the
/// first XML error, having seen what came before it.
fn each_element(xml: &str, local: &str, mut f: impl FnMut(&quick_xml::events::BytesStart)) {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == local => f(&e),
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
        assert_eq!(hidden, HashSet::from([2, 3]));
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
