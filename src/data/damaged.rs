//! Where an `.xlsx` that calamine cannot read is damaged. calamine says what it met
//! ("Cell string index not found in shared strings table", "Expecting alphanumeric
//! character, got 2D") but not at which cell, so the sheet's part is read again here
//! for the first cell so damaged: a cell whose text points past the end of the
//! workbook's shared text, or whose reference is no cell address.

use std::path::Path;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::hidden::{archive, attribute, part, sheet_paths};

/// The first damage found in a sheet.
#[derive(Debug, PartialEq, Eq)]
pub enum Damage {
    /// A text cell (`t="s"`) whose number points past the shared text's entries.
    SharedText {
        cell: String,
        index: String,
        entries: usize,
    },
    /// A cell whose reference (`r`) is no cell address, in its row (1-based).
    Reference { reference: String, row: u32 },
}

/// The first damage of the sheet `sheet` of the `.xlsx` at `full`; `None` when the
/// sheet's part cannot be read or shows neither kind.
pub fn damage_in(full: &Path, sheet: &str) -> Option<Damage> {
    let mut archive = archive(full)?;
    let (_, path) = sheet_paths(&mut archive)
        .into_iter()
        .find(|(name, _)| name == sheet)?;
    let xml = part(&mut archive, &path)?;
    let entries = part(&mut archive, "xl/sharedStrings.xml").map_or(0, |x| shared_entries(&x));
    damage_of(&xml, entries)
}

/// How many `<si>` entries the shared text holds.
fn shared_entries(xml: &str) -> usize {
    let mut reader = Reader::from_str(xml);
    let mut count = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "si" => count += 1,
            Ok(Event::Eof) | Err(_) => return count,
            Ok(_) => {}
        }
    }
}

/// [`damage_in`] over a sheet's XML, given the number of shared text entries.
fn damage_of(xml: &str, entries: usize) -> Option<Damage> {
    let mut reader = Reader::from_str(xml);
    let (mut row, mut next_row) = (0u32, 1u32);
    // The reference of the shared-text cell being read, and whether in its `<v>`.
    let mut text_cell: Option<String> = None;
    let mut in_value = false;
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return None,
            Ok(event) => event,
        };
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" => {
                row = attribute(&e, "r")
                    .and_then(|r| r.trim().parse().ok())
                    .unwrap_or(next_row);
                next_row = row.saturating_add(1);
            }
            Event::Start(e) if e.local_name().as_ref() == "c" => {
                let reference = attribute(&e, "r");
                if let Some(reference) = reference.as_ref().filter(|r| !is_cell_address(r)) {
                    return Some(Damage::Reference {
                        reference: reference.clone(),
                        row,
                    });
                }
                text_cell = (attribute(&e, "t").as_deref() == Some("s"))
                    .then(|| reference.unwrap_or_default());
            }
            Event::Empty(e) if e.local_name().as_ref() == "c" => {
                if let Some(reference) = attribute(&e, "r").filter(|r| !is_cell_address(r)) {
                    return Some(Damage::Reference { reference, row });
                }
            }
            Event::Start(e) if e.local_name().as_ref() == "v" => in_value = text_cell.is_some(),
            Event::Text(t) if in_value => {
                let index = AsRef::<str>::as_ref(&t).trim();
                let within = index.parse::<usize>().is_ok_and(|i| i < entries);
                if !index.is_empty() && !within {
                    return Some(Damage::SharedText {
                        cell: text_cell.take().unwrap_or_default(),
                        index: index.to_string(),
                        entries,
                    });
                }
            }
            Event::End(e) if e.local_name().as_ref() == "v" => in_value = false,
            Event::End(e) if e.local_name().as_ref() == "c" => text_cell = None,
            _ => {}
        }
    }
}

impl Damage {
    /// The damaged cell as (row, column), 0-based, for the error to point at: a cell whose
    /// reference is no address is in its row, and in the column its letters name when
    /// they name one (`D-3`), else told at the row's start.
    pub fn cell(&self) -> Option<(u32, u32)> {
        match self {
            Damage::SharedText { cell, .. } => crate::data::table::cell_at(cell),
            Damage::Reference { reference, row } => {
                let column = column_of(reference).map_or(0, |c| c - 1);
                Some((row.saturating_sub(1), column))
            }
        }
    }
}

/// The column (1-based) named by the letters `r` starts with, when they name one Excel
/// could write: one to three letters, up to XFD.
fn column_of(r: &str) -> Option<u32> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    // Folded only when short: ten letters would overflow.
    let column = r[..letters].bytes().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    ((1..=3).contains(&letters) && (1..=16_384).contains(&column)).then_some(column)
}

/// Whether `r` is a cell address Excel could write: one to three letters for a column
/// up to XFD, then a row from 1 to 1,048,576.
fn is_cell_address(r: &str) -> bool {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let row = &r[letters..];
    column_of(r).is_some()
        && row.bytes().all(|b| b.is_ascii_digit())
        && row
            .parse::<u32>()
            .is_ok_and(|n| (1..=1_048_576).contains(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROWS: &str = r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>金额</t></is></c></row>"#;

    #[test]
    fn a_text_cell_past_the_shared_text_is_found_at_its_reference() {
        let xml = format!(
            r#"{ROWS}<row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2"><v>7</v></c></row></sheetData></worksheet>"#
        );
        assert_eq!(
            damage_of(&xml, 1),
            Some(Damage::SharedText {
                cell: "A2".into(),
                index: "7".into(),
                entries: 1
            })
        );
        // Within the shared text, and a number past it in a cell that is no text: sound.
        assert_eq!(damage_of(&xml, 8), None);
    }

    #[test]
    fn a_reference_that_is_no_address_is_found_in_its_row() {
        for bad in ["C-3", "3C", "ABCD3", "XFE3", "C0", "C1048577", ""] {
            let xml = format!(
                r#"{ROWS}<row r="3"><c r="{bad}"><v>1</v></c></row></sheetData></worksheet>"#
            );
            assert_eq!(
                damage_of(&xml, 1),
                Some(Damage::Reference {
                    reference: bad.into(),
                    row: 3
                }),
                "{bad}"
            );
        }
        let at = |reference: &str| {
            Damage::Reference {
                reference: reference.into(),
                row: 3,
            }
            .cell()
        };
        assert_eq!(at("D-3"), Some((2, 3)));
        assert_eq!(at("#3"), Some((2, 0)));
        assert_eq!(at("ABCD3"), Some((2, 0)));
        for good in ["C3", "xfd3", "XFD1048576"] {
            assert!(is_cell_address(good), "{good}");
        }
    }
}
