//! Workbooks for the tests, laid out as Excel writes them.

use std::io::Write;

/// `text` as XML character data or an attribute value.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A cell of the test workbook.
pub enum V {
    S(String),
    /// A plain number (a date typed as an Excel serial in a General cell).
    N(f64),
    /// A number formatted as a date (what Excel stores for a typed date).
    D(f64),
    /// A number shown with a custom number format (`0.0"万元"`).
    F(f64, &'static str),
    /// First in a row: the row is hidden (`<row hidden="1">`); it holds no cell itself.
    Hidden,
}

/// A one-sheet .xlsx named `sheet`, with `rows` from A1 and the `merged` ranges, as
/// Excel lays it out: inline strings, a date style, merge records.
pub fn xlsx(sheet: &str, rows: &[Vec<V>], merged: &[&str]) -> Vec<u8> {
    workbook(&[(sheet, false, rows, merged)])
}

/// [`xlsx`] with the 0-based `columns` hidden (`<col hidden="1">`), as WPS and Excel
/// write a column hidden with right-click, Hide.
pub fn xlsx_hiding(sheet: &str, rows: &[Vec<V>], merged: &[&str], columns: &[u32]) -> Vec<u8> {
    let cols: String = columns
        .iter()
        .map(|c| {
            format!(
                "<col min=\"{0}\" max=\"{0}\" width=\"0\" hidden=\"1\" customWidth=\"1\"/>",
                c + 1
            )
        })
        .collect();
    let plain = workbook(&[(sheet, false, rows, merged)]);
    let hidden = format!("<cols>{cols}</cols><sheetData>");
    rezip(
        &plain,
        |name, text| {
            if name == "xl/worksheets/sheet1.xml" {
                text.replacen("<sheetData>", &hidden, 1)
            } else {
                text
            }
        },
        &[],
    )
}

/// The parts of the workbook `bytes`, each rewritten by `edit` (name, text → text), with
/// `added` parts after them: a sound workbook damaged as a faulty writer or a bad copy
/// would.
pub fn rezip(
    bytes: &[u8],
    edit: impl Fn(&str, String) -> String,
    added: &[(&str, &str)],
) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut text = String::new();
        part.read_to_string(&mut text).unwrap();
        zip.start_file(name.as_str(), stored).unwrap();
        zip.write_all(edit(&name, text).as_bytes()).unwrap();
    }
    for (name, text) in added {
        zip.start_file(*name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// One sheet of [`workbook`]: its name, whether it is hidden, its rows and merged ranges.
pub type Sheet<'a> = (&'a str, bool, &'a [Vec<V>], &'a [&'a str]);

/// The custom number formats the sheets' cells use, in order of first use: the first is
/// style 2 (after General and the date style), with format id 164, as Excel numbers them.
fn custom_formats(sheets: &[Sheet]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for (_, _, rows, _) in sheets {
        for value in rows.iter().flatten() {
            if let V::F(_, code) = value {
                if !out.contains(code) {
                    out.push(*code);
                }
            }
        }
    }
    out
}

fn sheet_xml(rows: &[Vec<V>], merged: &[&str], formats: &[&str]) -> String {
    let mut data = String::new();
    for (r, row) in rows.iter().enumerate() {
        if row.is_empty() {
            continue;
        }
        let hidden = if matches!(row[0], V::Hidden) {
            " hidden=\"1\""
        } else {
            ""
        };
        data.push_str(&format!("<row r=\"{}\"{hidden}>", r + 1));
        let cells = row.iter().filter(|v| !matches!(v, V::Hidden));
        for (c, value) in cells.enumerate() {
            let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
            match value {
                V::S(s) if s.is_empty() => {}
                V::S(s) => data.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                    xml_text(s)
                )),
                V::N(n) => data.push_str(&format!("<c r=\"{at}\"><v>{n}</v></c>")),
                V::D(n) => data.push_str(&format!("<c r=\"{at}\" s=\"1\"><v>{n}</v></c>")),
                V::F(n, code) => {
                    let style = 2 + formats.iter().position(|f| f == code).unwrap_or(0);
                    data.push_str(&format!("<c r=\"{at}\" s=\"{style}\"><v>{n}</v></c>"))
                }
                V::Hidden => {}
            }
        }
        data.push_str("</row>");
    }
    let merges: String = merged
        .iter()
        .map(|m| format!("<mergeCell ref=\"{m}\"/>"))
        .collect();
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    format!("<?xml version=\"1.0\"?><worksheet xmlns=\"{main}\"><sheetData>{data}</sheetData><mergeCells count=\"{}\">{merges}</mergeCells></worksheet>", merged.len())
}

/// An .xlsx of `sheets`, in order, as Excel lays it out.
pub fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let ct = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    let n = sheets.len();
    let overrides: String = (1..=n)
        .map(|i| format!("<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"{ct}.worksheet+xml\"/>"))
        .collect();
    let listed: String = sheets
        .iter()
        .enumerate()
        .map(|(i, (name, hidden, ..))| {
            let state = if *hidden { " state=\"hidden\"" } else { "" };
            format!(
                "<sheet name=\"{}\" sheetId=\"{}\"{state} r:id=\"rId{}\"/>",
                xml_text(name),
                i + 1,
                i + 1
            )
        })
        .collect();
    let rels: String = (1..=n)
        .map(|i| format!("<Relationship Id=\"rId{i}\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"))
        .collect();
    let formats = custom_formats(sheets);
    let num_fmts: String = formats
        .iter()
        .enumerate()
        .map(|(i, code)| {
            format!(
                "<numFmt numFmtId=\"{}\" formatCode=\"{}\"/>",
                164 + i,
                xml_text(code)
            )
        })
        .collect();
    let xfs: String = (0..formats.len())
        .map(|i| format!("<xf numFmtId=\"{}\" applyNumberFormat=\"1\"/>", 164 + i))
        .collect();
    let mut parts = vec![
        ("[Content_Types].xml".to_string(), format!("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"{ct}.sheet.main+xml\"/>{overrides}<Override PartName=\"/xl/styles.xml\" ContentType=\"{ct}.styles+xml\"/></Types>")),
        ("_rels/.rels".to_string(), format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")),
        ("xl/workbook.xml".to_string(), format!("<?xml version=\"1.0\"?><workbook xmlns=\"{main}\" xmlns:r=\"{rel}\"><sheets>{listed}</sheets></workbook>")),
        ("xl/_rels/workbook.xml.rels".to_string(), format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}<Relationship Id=\"rIdS\" Type=\"{rel}/styles\" Target=\"styles.xml\"/></Relationships>")),
        ("xl/styles.xml".to_string(), format!("<?xml version=\"1.0\"?><styleSheet xmlns=\"{main}\"><numFmts count=\"{}\">{num_fmts}</numFmts><cellXfs count=\"{}\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>{xfs}</cellXfs></styleSheet>", formats.len(), formats.len() + 2)),
    ];
    for (i, (_, _, rows, merged)) in sheets.iter().enumerate() {
        parts.push((
            format!("xl/worksheets/sheet{}.xml", i + 1),
            sheet_xml(rows, merged, &formats),
        ));
    }
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in parts {
        zip.start_file(name.as_str(), stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}
