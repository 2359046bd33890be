//! Doubtful data must never turn into a figure shown as right: each case here ends in an
//! error (or, where only suspicious, a warning) naming the file, line and column (or
//! sheet!cell) and the value found.

mod common;

use common::{failing, Site};

const ERP: &str = "content/projects/erp/index.md";
const BUDGET: &str = "content/projects/erp/budget.csv";

/// The erp project's front matter with one line replaced.
fn project_with(old: &str, new: &str) -> String {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/basic/content/projects/erp/index.md"),
    )
    .unwrap();
    assert!(text.contains(old), "fixture changed: {old}");
    text.replacen(old, new, 1)
}

/// A budget in another format, with the CSV removed so only one file makes the table.
fn failing_budget(file: &str, text: &str) -> String {
    let site = Site::fixture("basic");
    site.remove(BUDGET);
    site.write(&format!("content/projects/erp/{file}"), text);
    site.build_err()
}

#[test]
fn bac_that_is_not_a_finite_number() {
    for value in [".nan", ".inf", "-.inf", "1e400", "1e308"] {
        let m = failing(ERP, project_with("bac: 3200000", &format!("bac: {value}")));
        assert!(
            m.contains("content/projects/erp/index.md:9:6"),
            "{value}: {m}"
        );
        // YAML itself refuses 1e400 ("invalid floating point"), at the same place.
        assert!(value == "1e400" || m.contains("`bac`"), "{value}: {m}");
        assert!(!m.contains("NaN") && !m.contains("inf\n"), "{value}: {m}");
    }
}

#[test]
fn bac_in_toml_front_matter_that_is_nan() {
    let m = failing(
        ERP,
        "+++\ntitle = \"ERP\"\nstatus = \"active\"\nbac = nan\n+++\n",
    );
    assert!(m.contains("content/projects/erp/index.md:4:7"), "{m}");
    assert!(m.contains("`bac`"), "{m}");
}

#[test]
fn negative_bac() {
    let m = failing(ERP, project_with("bac: 3200000", "bac: -3200000"));
    assert!(m.contains("content/projects/erp/index.md:9:6"), "{m}");
    assert!(m.contains("negative"), "{m}");
}

#[test]
fn finish_before_start() {
    let m = failing(
        ERP,
        project_with("finish: 2024-12-20", "finish: 2023-12-20"),
    );
    assert!(m.contains("content/projects/erp/index.md:8:9"), "{m}");
    assert!(m.contains("before"), "{m}");
}

#[test]
fn budget_cells_that_are_not_finite() {
    let m = failing_budget("budget.toml", "[[rows]]\nperiod = \"2024-01\"\npv = nan\n");
    assert!(m.contains("content/projects/erp/budget.toml:3:6"), "{m}");
    let m = failing_budget("budget.yaml", "- period: 2024-01\n  pv: .inf\n");
    assert!(m.contains("content/projects/erp/budget.yaml:2:7"), "{m}");
    let m = failing_budget("budget.json", "[{\"period\":\"2024-01\",\"pv\":1e400}]");
    assert!(m.contains("content/projects/erp/budget.json:1:"), "{m}");
    let m = failing(BUDGET, "period,pv,ev,ac\n2024-01,1e308,1,1\n");
    assert!(m.contains("content/projects/erp/budget.csv:2:9"), "{m}");
}

/// `bac: 一百二十万` was told "no thousands separators, currency or units", though
/// `bac: ¥1,200,000` is read: the help names the plain number it would be.
#[test]
fn a_budget_written_in_words_is_told_what_is_not_read() {
    let m = failing(ERP, project_with("bac: 3200000", "bac: 一百二十万"));
    assert!(m.contains("index.md:9:6"), "{m}");
    assert!(m.contains("`bac` takes a plain number"), "{m}");
    assert!(
        m.contains("`一百二十万` would be 1200000: write `bac: 1200000`"),
        "{m}"
    );
    assert!(!m.contains("thousands separators"), "{m}");
}

/// A number no figure can be is told as out of range, or as no figure, with the value:
/// "takes a number" said nothing about `1e400`, which looks like one.
#[test]
fn numbers_beyond_any_figure_are_named_with_their_value() {
    let m = failing(ERP, project_with("bac: 3200000", "bac: 1e400"));
    assert!(m.contains("index.md:9:6"), "{m}");
    assert!(m.contains("`bac` is out of range: `1e400`"), "{m}");
    let m = failing(ERP, project_with("bac: 3200000", "bac: 1e20"));
    assert!(
        m.contains("`bac` is out of range: `1e20` is larger than 10^15"),
        "{m}"
    );
    let m = failing(ERP, project_with("bac: 3200000", "bac: .nan"));
    assert!(m.contains("`bac` is `.nan`, which is not a figure"), "{m}");
    for (cell, says) in [
        ("1e400", "expected a number in range"),
        ("-1e400", "expected a number in range"),
        ("NaN", "`NaN` is not a figure"),
        ("inf", "`inf` is not a figure"),
    ] {
        let m = failing(BUDGET, format!("period,pv,ev,ac\n2024-01,1,{cell},1\n"));
        assert!(
            m.contains("content/projects/erp/budget.csv:2:11"),
            "{cell}: {m}"
        );
        assert!(m.contains(says), "{cell}: {m}");
        assert!(m.contains(&format!("`{cell}`")), "{cell}: {m}");
    }
    let m = failing_budget("budget.yaml", "- period: 2024-01\n  pv: .inf\n");
    assert!(
        m.contains("is not a figure") || m.contains("out of range"),
        "{m}"
    );
}

#[test]
fn budget_sums_that_overflow() {
    let m = failing(
        BUDGET,
        "period,pv\n2024-01,900000000000000\n2024-02,900000000000000\n",
    );
    assert!(m.contains("content/projects/erp/budget.csv:3:9"), "{m}");
    assert!(m.contains("running total"), "{m}");
}

/// `1,2OO` (letters O for zeros) was told decimals take a point, and `1OOOOO` only
/// "e.g. 1200000" (the new-user walk-through): neither said what was wrong.
#[test]
fn letters_typed_for_zeros_are_named_with_the_number_meant() {
    for (cell, meant) in [("\"1,2OO\"", "1,200"), ("1OOOOO", "100000")] {
        let m = failing_budget(
            "budget.csv",
            &format!("period,pv,ev,ac\n2024-01,{cell},100,100\n"),
        );
        assert!(m.contains("budget.csv:2:"), "{cell}: {m}");
        assert!(
            m.contains(&format!("did you mean `{meant}`?")),
            "{cell}: {m}"
        );
        assert!(!m.contains("write decimals with a point"), "{cell}: {m}");
    }
}

#[test]
fn empty_pv_cell() {
    let m = failing(BUDGET, "period,pv,ev,ac\n2024-01,,90,100\n");
    assert!(m.contains("content/projects/erp/budget.csv:2:9"), "{m}");
    assert!(m.contains("`pv`"), "{m}");
    // Not "column `pv` holds ``" (the new-user walk-through).
    assert!(m.contains("column `pv` is empty on this row"), "{m}");
}

#[test]
fn two_rows_for_one_period() {
    let m = failing(
        BUDGET,
        "period,pv,ev,ac\n2024-01,100,90,100\n2024-01,100,90,100\n",
    );
    assert!(m.contains("content/projects/erp/budget.csv:3:1"), "{m}");
    assert!(m.contains("2024-01") && m.contains("line 2"), "{m}");
}

#[test]
fn empty_column_header() {
    let m = failing(BUDGET, "period,pv,,ac\n2024-01,100,90,100\n");
    assert!(m.contains("content/projects/erp/budget.csv:1:11"), "{m}");
    assert!(m.contains("column 3"), "{m}");
}

#[test]
fn wrong_cell_types_in_json_and_toml_name_line_and_column() {
    let m = failing_budget(
        "budget.json",
        "[\n{\"period\":\"2024-01\",\"pv\":1},\n{\"period\":\"2024-02\",\"pv\":\"abc\"}\n]",
    );
    assert!(m.contains("content/projects/erp/budget.json:3:27"), "{m}");
    assert!(m.contains("column `pv` holds `abc`"), "{m}");
    let m = failing_budget(
        "budget.toml",
        "[[rows]]\nperiod = \"2024-01\"\npv = 1\n\n[[rows]]\nperiod = \"2024-02\"\npv = \"abc\"\n",
    );
    assert!(m.contains("content/projects/erp/budget.toml:7:7"), "{m}");
    let m = failing_budget(
        "budget.yaml",
        "- period: 2024-01\n  pv: 1\n- period: 2024-02\n  pv: abc\n",
    );
    assert!(m.contains("content/projects/erp/budget.yaml:4:7"), "{m}");
}

/// A JSON table cut short or with a comma after its last item was told in serde_json's
/// English ("EOF while parsing a list at line 1 column 29"), its position twice.
#[test]
fn json_tables_typed_by_hand_are_told_their_mistake() {
    for (json, said) in [
        (
            "[{\"name\": \"甲\", \"value\": 1},",
            "the file ends inside a value",
        ),
        (
            "[{\"name\": \"甲\", \"value\": 1},]",
            "a comma after the last item",
        ),
        (
            "[{'name': '甲', 'value': 1}]",
            "text must be in double quotes",
        ),
        (
            "{\"name\": \"甲\"}",
            "wrong kind of value: found a group of named fields, expected a list",
        ),
    ] {
        let m = failing("data/teams.json", json);
        assert!(m.contains("data/teams.json:1:"), "{json}: {m}");
        assert!(m.contains(said), "{json}: {said}\n{m}");
        assert!(!m.contains(" at line "), "{json}: {m}");
    }
}

#[test]
fn thresholds_that_make_no_sense() {
    let site = "title = \"x\"\n[thresholds]\ncpi_green = 0.9\ncpi_amber = 0.95\n";
    let m = failing("site.toml", site);
    assert!(m.contains("site.toml:4:1"), "{m}");
    assert!(m.contains("cpi_amber") && m.contains("cpi_green"), "{m}");
    let m = failing(
        "site.toml",
        "title = \"x\"\n[thresholds]\nspi_green = nan\n",
    );
    assert!(m.contains("site.toml:3:13"), "{m}");
    let m = failing(
        "site.toml",
        "title = \"x\"\n[thresholds]\nspi_green = inf\n",
    );
    assert!(m.contains("site.toml:3:13"), "{m}");
}

#[cfg(unix)]
#[test]
fn symlinked_budget_inside_the_site_is_followed() {
    let plain = Site::fixture("basic");
    plain.build_ok();
    let expected = plain.read("projects/erp/index.html");

    let site = Site::fixture("basic");
    let original = std::fs::read(site.root().join(BUDGET)).unwrap();
    site.write("shared/budget.csv", original);
    site.remove(BUDGET);
    std::os::unix::fs::symlink("../../../shared/budget.csv", site.root().join(BUDGET)).unwrap();
    site.build_ok();
    assert_eq!(site.read("projects/erp/index.html"), expected);
}

#[cfg(unix)]
#[test]
fn symlinked_budget_outside_the_site_is_an_error() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("budget.csv"), "period,pv\n2024-01,1\n").unwrap();
    let site = Site::fixture("basic");
    site.remove(BUDGET);
    std::os::unix::fs::symlink(outside.path().join("budget.csv"), site.root().join(BUDGET))
        .unwrap();
    let m = site.build_err();
    assert!(m.contains("content/projects/erp/budget.csv"), "{m}");
    assert!(m.contains("outside the site"), "{m}");
}

fn block(kind: &str, body: &str) -> String {
    failing(
        "content/reports/bad-block.md",
        format!("---\ntitle: 图表\n---\n\n段落。\n\n```{kind}\n{body}```\n"),
    )
}

#[test]
fn chart_with_an_empty_y() {
    let m = block(
        "chart",
        "type = \"bar\"\ndata = \"portfolio\"\nx = \"title\"\ny = []\n",
    );
    assert!(m.contains("content/reports/bad-block.md:11:1"), "{m}");
    assert!(m.contains("`y`"), "{m}");
}

#[test]
fn chart_names_of_the_wrong_length() {
    let m = block(
        "chart",
        "type = \"bar\"\ndata = \"portfolio\"\nx = \"title\"\ny = [\"bac\", \"eac\"]\nnames = [\"预算\"]\n",
    );
    assert!(m.contains("content/reports/bad-block.md:12:1"), "{m}");
    assert!(m.contains("`names`"), "{m}");
}

#[test]
fn chart_rules_that_are_not_finite() {
    let m = block(
        "chart",
        "type = \"bar\"\ndata = \"portfolio\"\nx = \"title\"\ny = \"bac\"\nrules = [1.0, nan]\n",
    );
    assert!(m.contains("content/reports/bad-block.md:12:1"), "{m}");
    assert!(m.contains("`rules`"), "{m}");
}

#[test]
fn chart_whose_sums_overflow() {
    let site = Site::fixture("basic");
    site.write("data/huge.csv", "name,amount\na,1e308\nb,1e308\n");
    site.write(
        "content/reports/bad-block.md",
        "---\ntitle: 图表\n---\n\n```chart\ntype = \"bar\"\ndata = \"huge\"\nx = \"name\"\ny = \"amount\"\n```\n",
    );
    let m = site.build_err();
    assert!(m.contains("content/reports/bad-block.md:9:1"), "{m}");
    assert!(m.contains("data/huge.csv") && m.contains("line 3"), "{m}");
    assert!(!m.contains("inf"), "{m}");
}

#[test]
fn table_headers_of_the_wrong_length() {
    let m = block(
        "table",
        "data = \"portfolio\"\ncolumns = [\"code\", \"title\"]\nheaders = [\"编号\"]\n",
    );
    assert!(m.contains("content/reports/bad-block.md:10:1"), "{m}");
    assert!(m.contains("`headers`"), "{m}");
}

/// A table block with `columns = []` wrote `<tr></tr>` rows (invalid HTML, and no table),
/// and `limit = 0` a table or chart of nothing; each is refused at its field, as `y = []`.
#[test]
fn a_block_that_would_show_nothing_is_refused_at_its_field() {
    let m = block("table", "data = \"portfolio\"\ncolumns = []\n");
    assert!(m.contains("content/reports/bad-block.md:9:1"), "{m}");
    assert!(m.contains("`columns` is an empty list"), "{m}");
    let m = block("table", "data = \"portfolio\"\nlimit = 0\n");
    assert!(m.contains("content/reports/bad-block.md:9:1"), "{m}");
    assert!(m.contains("`limit = 0` would show no rows"), "{m}");
    let m = block(
        "chart",
        "type = \"bar\"\ndata = \"portfolio\"\nx = \"title\"\ny = \"bac\"\nlimit = 0\n",
    );
    assert!(m.contains("content/reports/bad-block.md:12:1"), "{m}");
    assert!(m.contains("`limit = 0` would show no rows"), "{m}");
}

#[test]
fn table_sorted_by_an_unknown_column() {
    let m = block("table", "data = \"portfolio\"\nsort = \"-budget\"\n");
    assert!(m.contains("content/reports/bad-block.md:9:1"), "{m}");
    assert!(m.contains("`sort`"), "{m}");
    let m = block("table", "data = \"portfolio\"\nsort = \"-\"\n");
    assert!(m.contains("content/reports/bad-block.md:9:1"), "{m}");
}

#[test]
fn csv_saved_as_gbk_is_named() {
    // 备注 / 已完成 in GBK, as Excel saves CSV on Chinese Windows.
    let m = failing(
        BUDGET,
        b"period,pv,ev,ac,\xb1\xb8\xd7\xa2\n2024-01,1,1,1,\xd2\xd1\xcd\xea\xb3\xc9\n".as_slice(),
    );
    assert!(m.contains("content/projects/erp/budget.csv:1:17"), "{m}");
    assert!(m.contains("GBK"), "{m}");
    assert!(m.contains("CSV UTF-8"), "{m}");
}

/// English Excel's "CSV (Comma delimited)" is Windows-1252: it was "not a text file"
/// with generic help (the fourth walk-through), while a GBK file was named.
#[test]
fn csv_saved_as_windows_1252_is_named() {
    let m = failing(
        "content/projects/erp/risks.csv",
        b"id,title,probability,impact,owner\nR1,Supplier fee \xa32,000,3,3,M\xfcller\n".as_slice(),
    );
    assert!(m.contains("content/projects/erp/risks.csv:2:17"), "{m}");
    assert!(m.contains("Windows-1252"), "{m}");
    assert!(m.contains("CSV UTF-8"), "{m}");
}

#[test]
fn csv_saved_as_utf16_is_named() {
    let mut bytes = vec![0xff, 0xfe];
    for unit in "period,pv\n2024-01,1\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let m = failing(BUDGET, &bytes);
    assert!(m.contains("content/projects/erp/budget.csv"), "{m}");
    assert!(m.contains("UTF-16"), "{m}");
    let without_bom: Vec<u8> = bytes[2..].to_vec();
    let m = failing(BUDGET, &without_bom);
    assert!(m.contains("UTF-16"), "{m}");
}

/// UTF-32's little-endian byte order mark (`FF FE 00 00`) opens like UTF-16's, and the
/// file was called UTF-16; the big-endian one was called "not UTF-8" with no name.
#[test]
fn csv_saved_as_utf32_is_named_in_both_byte_orders() {
    let text = "\u{feff}period,pv\n2024-01,1\n";
    let le: Vec<u8> = text
        .chars()
        .flat_map(|c| u32::from(c).to_le_bytes())
        .collect();
    let be: Vec<u8> = text
        .chars()
        .flat_map(|c| u32::from(c).to_be_bytes())
        .collect();
    for (bytes, order) in [(le, "little-endian"), (be, "big-endian")] {
        let m = failing(BUDGET, &bytes);
        assert!(
            m.contains(&format!(
                "content/projects/erp/budget.csv:1:1: not UTF-8: this file looks UTF-32 ({order})-encoded"
            )),
            "{m}"
        );
        assert!(!m.contains("UTF-16"), "{m}");
        assert!(m.contains("save it as UTF-8"), "{m}");
    }
}

#[test]
fn markdown_saved_as_gbk_is_named() {
    let m = failing(
        "content/practices/gbk.md",
        b"---\ntitle: \xb7\xe7\xcf\xd5\xb9\xdc\xc0\xed\n---\n".as_slice(),
    );
    assert!(m.contains("content/practices/gbk.md:2:8"), "{m}");
    assert!(m.contains("GBK"), "{m}");
}

/// A zip holding one stored entry whose central directory declares `declared` bytes.
fn zip_declaring(name: &str, data: &[u8], declared: u32) -> Vec<u8> {
    let crc = 0u32; // never checked: the size check comes before any inflating
    let mut out = Vec::new();
    let le16 = |v: &mut Vec<u8>, x: u16| v.extend(x.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: u32| v.extend(x.to_le_bytes());
    // Local file header.
    le32(&mut out, 0x0403_4b50);
    le16(&mut out, 20);
    le16(&mut out, 0);
    le16(&mut out, 0); // stored
    le16(&mut out, 0);
    le16(&mut out, 0);
    le32(&mut out, crc);
    le32(&mut out, data.len() as u32);
    le32(&mut out, declared);
    le16(&mut out, name.len() as u16);
    le16(&mut out, 0);
    out.extend(name.as_bytes());
    out.extend(data);
    let central = out.len() as u32;
    le32(&mut out, 0x0201_4b50);
    le16(&mut out, 20);
    le16(&mut out, 20);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le32(&mut out, crc);
    le32(&mut out, data.len() as u32);
    le32(&mut out, declared);
    le16(&mut out, name.len() as u16);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le32(&mut out, 0);
    le32(&mut out, 0);
    out.extend(name.as_bytes());
    let size = out.len() as u32 - central;
    le32(&mut out, 0x0605_4b50);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, 1);
    le16(&mut out, 1);
    le32(&mut out, size);
    le32(&mut out, central);
    le16(&mut out, 0);
    out
}

/// A "workbook" that is none — an export system's web page saved as `.xls`, a CSV
/// renamed `.xlsx`, an empty file — is named for what it is, not by the zip or OLE
/// reader's words ("Could not find EOCD", "Invalid OLE").
#[test]
fn a_file_named_as_a_workbook_that_is_none_is_named_for_what_it_is() {
    for (name, bytes, said) in [
        (
            "budget.xls",
            "<html><body><table><tr><td>period</td></tr></table></body></html>",
            "is a web page (HTML or XML), not a workbook",
        ),
        (
            "budget.xlsx",
            "period,pv,ev,ac\n2024-01,100,90,95\n",
            "is text, not a workbook",
        ),
        ("budget.xlsx", "", "is empty"),
    ] {
        let site = Site::fixture("basic");
        site.remove("content/projects/erp/budget.csv");
        site.write(&format!("content/projects/erp/{name}"), bytes);
        let m = site.build_err();
        assert!(m.contains(&format!("content/projects/erp/{name}")), "{m}");
        assert!(m.contains(said), "{said}\n{m}");
        assert!(!m.contains("EOCD") && !m.contains("OLE"), "{m}");
    }
}

/// A workbook cut short (a copy or download that stopped half-way) is told as damaged,
/// with the fix, not only in the zip reader's words.
#[test]
fn a_workbook_cut_short_is_told_as_damaged() {
    let whole = xlsx_with(&[("A1", 1.0)]);
    let site = Site::fixture("basic");
    site.remove("content/projects/erp/budget.csv");
    site.write(
        "content/projects/erp/budget.xlsx",
        &whole[..whole.len() / 2],
    );
    let m = site.build_err();
    assert!(m.contains("content/projects/erp/budget.xlsx"), "{m}");
    assert!(
        m.contains("the workbook cannot be opened: the file is damaged or cut short"),
        "{m}"
    );
    assert!(m.contains("save it again as .xlsx"), "{m}");
    assert!(
        m.contains("WPS") && m.contains("save the sheet as CSV"),
        "{m}"
    );
}

/// A workbook whose sheet points past its shared text, or places a cell at no address,
/// was told in the reader's words ("Cell string index not found in shared strings
/// table") after the sheet's name, with help to save it again that did not say how: now
/// at the cell (or its row), as damaged, with how to get a sound copy.
#[test]
fn a_damaged_workbook_is_told_at_its_sheet_and_cell() {
    const FILE: &str = "content/projects/erp/budget.xlsx";
    let sound = xlsx_of(&budget_cells(
        "<c r=\"C2\"><v>90</v></c>",
        "<c r=\"C3\"><v>95</v></c>",
    ));
    let site = Site::fixture("basic");
    site.remove(BUDGET);
    site.write(FILE, &sound);
    site.build_ok();

    let sheet = "xl/worksheets/sheet1.xml";
    let shared = "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>2024-01</t></si></sst>";
    let past_the_text = common::xlsx::rezip(
        &sound,
        |name, xml| {
            if name != sheet {
                return xml;
            }
            xml.replace(
                "<c r=\"A3\" t=\"inlineStr\"><is><t>2024-02</t></is></c>",
                "<c r=\"A3\" t=\"s\"><v>5</v></c>",
            )
        },
        &[("xl/sharedStrings.xml", shared)],
    );
    site.write(FILE, &past_the_text);
    let m = site.build_err();
    assert!(
        m.contains(&format!("{FILE}:3:1: invalid data: Sheet1!A3: the cell's text is missing: it points at entry 5 of the workbook's shared text, which holds 1")),
        "{m}"
    );
    assert!(
        m.contains("WPS") && m.contains("save the sheet as CSV"),
        "{m}"
    );
    assert!(!m.contains("Cell string index"), "{m}");

    // D3 placed at `reference`, which is no cell address.
    let placed_at = |reference: &str| {
        let edit = |name: &str, xml: String| {
            if name == sheet {
                xml.replace("r=\"D3\"", &format!("r=\"{reference}\""))
            } else {
                xml
            }
        };
        common::xlsx::rezip(&sound, edit, &[])
    };
    site.write(FILE, placed_at("D-3"));
    let m = site.build_err();
    assert!(
        m.contains(&format!("{FILE}:3:4: invalid data: sheet `Sheet1`, row 3: a cell is placed at `D-3`, which is no cell address; the file is damaged")),
        "{m}"
    );
    assert!(m.contains("save the sheet as CSV"), "{m}");
    // No column letters to go by: the row's line, at its start.
    site.write(FILE, placed_at("#3"));
    let m = site.build_err();
    assert!(
        m.contains(&format!(
            "{FILE}:3:1: invalid data: sheet `Sheet1`, row 3: a cell is placed at `#3`"
        )),
        "{m}"
    );
}

#[test]
fn workbook_that_inflates_past_the_limit_is_refused() {
    let zip = zip_declaring("xl/sharedStrings.xml", b"<sst/>", 400_000_000);
    let m = failing("data/bomb.xlsx", zip);
    assert!(m.contains("data/bomb.xlsx"), "{m}");
    assert!(m.contains("xl/sharedStrings.xml"), "{m}");
    assert!(m.contains("100 MB"), "{m}");
}

/// A minimal .xlsx holding `cells` (reference, number) on one sheet.
fn xlsx_with(cells: &[(&str, f64)]) -> Vec<u8> {
    let sheet_cells: String = cells
        .iter()
        .map(|(r, v)| format!("<row r=\"{}\"><c r=\"{r}\"><v>{v}</v></c></row>", &r[1..]))
        .collect();
    xlsx_of(&sheet_cells)
}

/// A minimal .xlsx whose one sheet's `<sheetData>` holds `sheet_cells`.
fn xlsx_of(sheet_cells: &str) -> Vec<u8> {
    xlsx_after(sheet_cells, "")
}

/// A workbook whose sheet holds `sheet_cells`, then `after` (e.g. its merged cells).
fn xlsx_after(sheet_cells: &str, after: &str) -> Vec<u8> {
    xlsx_around("", sheet_cells, after)
}

/// A workbook whose sheet holds `before` (e.g. its column widths), `sheet_cells`, then
/// `after`.
fn xlsx_around(before: &str, sheet_cells: &str, after: &str) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let parts = [
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_string()),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_string()),
        ("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".to_string()),
        ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".to_string()),
        ("xl/worksheets/sheet1.xml", format!("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{before}<sheetData>{sheet_cells}</sheetData>{after}</worksheet>")),
    ];
    for (name, text) in parts {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// The cells of a two-month budget sheet (period, pv, ev, ac) whose EV cells are
/// `ev2` and `ev3`, written out (a value, a formula, or nothing).
fn budget_cells(ev2: &str, ev3: &str) -> String {
    let row = |n: u32, ev: &str| {
        format!(
            "<row r=\"{n}\"><c r=\"A{n}\" t=\"inlineStr\"><is><t>2024-0{m}</t></is></c>\
             <c r=\"B{n}\"><v>100</v></c>{ev}<c r=\"D{n}\"><v>90</v></c></row>",
            m = n - 1
        )
    };
    let header = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>period</t></is></c>\
                  <c r=\"B1\" t=\"inlineStr\"><is><t>pv</t></is></c>\
                  <c r=\"C1\" t=\"inlineStr\"><is><t>ev</t></is></c>\
                  <c r=\"D1\" t=\"inlineStr\"><is><t>ac</t></is></c></row>";
    format!("{header}{}{}", row(2, ev2), row(3, ev3))
}

#[test]
fn a_formula_without_a_saved_value_is_refused_not_read_as_empty() {
    // Scripts and exports write formulas without computing them; calamine reads such a
    // cell as empty, which made a period's EV "not reported on" in silence.
    let site = Site::fixture("basic");
    site.remove("content/projects/erp/budget.csv");
    let saved = budget_cells(
        "<c r=\"C2\"><f>B2*0.9</f><v>90</v></c>",
        "<c r=\"C3\"><v>95</v></c>",
    );
    site.write("content/projects/erp/budget.xlsx", xlsx_of(&saved));
    site.build_ok();
    let unsaved = budget_cells(
        "<c r=\"C2\"><v>90</v></c>",
        "<c r=\"C3\"><f>B3*0.95</f></c>",
    );
    site.write("content/projects/erp/budget.xlsx", xlsx_of(&unsaved));
    let m = site.build_err();
    assert!(m.contains("content/projects/erp/budget.xlsx"), "{m}");
    assert!(m.contains("Sheet1!C3"), "{m}");
    assert!(m.contains("=B3*0.95"), "{m}");
    assert!(m.contains("no saved value"), "{m}");
}

#[test]
fn sheet_spanning_too_many_cells_is_refused() {
    // Two cells, but calamine would allocate every cell between them (2.6 million).
    let m = failing(
        "data/wide.xlsx",
        xlsx_with(&[("A1", 1.0), ("Z100000", 2.0)]),
    );
    assert!(m.contains("data/wide.xlsx"), "{m}");
    assert!(m.contains("A1:Z100000"), "{m}");
    // A small sheet made the same way is read.
    let site = Site::fixture("basic");
    site.write("data/small.xlsx", xlsx_with(&[("A1", 1.0), ("A2", 2.0)]));
    site.build_ok();
}

/// A folder under data/ that cannot be read is an error naming it, not tables lost in
/// silence. As root (CI), permissions do not stop reading, so pmo runs as `nobody`.
#[test]
fn an_unreadable_folder_under_data_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::fixture("basic");
    site.write("data/secret/costs.csv", "name,value\na,1\n");
    for entry in walkdir::WalkDir::new(site.root()).into_iter().flatten() {
        let mode = if entry.file_type().is_dir() {
            0o755
        } else {
            0o644
        };
        std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let root = site.root().to_str().unwrap();
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let check = || {
        let mut command = if is_root {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(env!("CARGO_BIN_EXE_pmo"));
            c
        } else {
            std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
        };
        command
            .args(["--root", root, "check"])
            .env("NO_COLOR", "1")
            .env("PMO_LANG", "en")
            .output()
            .unwrap()
    };
    if !check().status.success() {
        // `nobody` cannot read the temp folder at all here: nothing to learn.
        eprintln!("skipped: the site is not readable by another user here");
        return;
    }
    let secret = site.root().join("data/secret");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = check();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o755)).unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("data/secret"), "{text}");
}

/// A date cell that lost its date format (or a CSV saved from one) holds Excel's day
/// number: refused at the cell, with the day it would be, never read as a date silently.
#[test]
fn a_day_number_in_a_date_column_is_named_as_one() {
    let m = failing(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n启动会,45292,,\n上线,2024-11-30,12,\n",
    );
    assert!(m.contains("content/projects/erp/milestones.csv:2:"), "{m}");
    assert!(m.contains("45292 looks like a date"), "{m}");
    assert!(m.contains("2024-01-01"), "{m}");
    // A small number is not taken for a day number. (A day number among a column's
    // dates refuses the file as it is read, so this is its own file.)
    let m = failing(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n上线,2024-11-30,12,\n",
    );
    assert!(
        m.contains("milestones.csv:2:") && m.contains("write dates as YYYY-MM-DD"),
        "{m}"
    );
}

/// EV merged over two months is one month's figure and one "not reported on": refused
/// at the merged range. A merged range with nothing in it is harmless, and so is one
/// across a single row (a title banner).
#[test]
fn a_merged_cell_holding_a_value_is_refused() {
    let cells = budget_cells("<c r=\"C2\"><v>180</v></c>", "");
    let site = Site::fixture("basic");
    site.remove("content/projects/erp/budget.csv");
    site.write(
        "content/projects/erp/budget.xlsx",
        xlsx_after(
            &cells,
            "<mergeCells count=\"2\"><mergeCell ref=\"F2:F3\"/><mergeCell ref=\"E3:F3\"/></mergeCells>",
        ),
    );
    site.build_ok();
    // Merged across a data row (EV and AC as one figure): AC reads as empty, "not
    // reported on", in silence.
    site.write(
        "content/projects/erp/budget.xlsx",
        xlsx_after(
            &cells,
            "<mergeCells count=\"1\"><mergeCell ref=\"C2:D2\"/></mergeCells>",
        ),
    );
    let m = site.build_err();
    assert!(m.contains("`Sheet1!C2:D2` is a merged cell"), "{m}");
    site.write(
        "content/projects/erp/budget.xlsx",
        xlsx_after(
            &cells,
            "<mergeCells count=\"1\"><mergeCell ref=\"C2:C3\"/></mergeCells>",
        ),
    );
    let m = site.build_err();
    assert!(m.contains("content/projects/erp/budget.xlsx"), "{m}");
    assert!(m.contains("`Sheet1!C2:C3` is a merged cell"), "{m}");
    assert!(m.contains("write the value in each of them"), "{m}");
    // Merged down from the header row: a header of two rows, whose fix is one header
    // row, not a value in each cell (which led to a second error, the third walk-through).
    site.write(
        "content/projects/erp/budget.xlsx",
        xlsx_after(
            &cells,
            "<mergeCells count=\"1\"><mergeCell ref=\"A1:A2\"/></mergeCells>",
        ),
    );
    let m = site.build_err();
    assert!(m.contains("`Sheet1!A1:A2` is a merged cell"), "{m}");
    assert!(m.contains("a table's header is one row"), "{m}");
}

/// A header naming a column twice (`pv,pv`, or `PV` beside `pv`) read the first and
/// ignored the second in silence: an error at the second, in CSV and workbooks alike.
#[test]
fn a_column_named_twice_is_refused_at_the_second() {
    let m = failing(BUDGET, "period,pv,ev,PV\n2024-01,1,1,2\n");
    assert!(m.contains("content/projects/erp/budget.csv:1:"), "{m}");
    assert!(m.contains("`PV`") && m.contains("twice"), "{m}");
    let site = Site::fixture("basic");
    site.remove(BUDGET);
    let cells = budget_cells("<c r=\"C2\"><v>90</v></c>", "").replace("<t>ac</t>", "<t>ev</t>");
    site.write("content/projects/erp/budget.xlsx", xlsx_of(&cells));
    let m = site.build_err();
    assert!(m.contains("Sheet1!D1"), "{m}");
    assert!(m.contains("twice"), "{m}");
}

/// A quote opened and never closed makes the rest of the file one field: the error was
/// "line 2 has 2 fields" (or "no `period` column") about a line that plainly has four.
#[test]
fn an_unclosed_quote_in_a_csv_is_named_at_the_quote() {
    let m = failing(
        BUDGET,
        "period,pv,ev,ac\n2024-01,\"100,95,98\n2024-02,1,2,3\n",
    );
    assert!(m.contains("content/projects/erp/budget.csv:2:9"), "{m}");
    assert!(m.contains("never closed"), "{m}");
    let m = failing(BUDGET, "\"period,pv\n2024-01,1\n");
    assert!(m.contains("content/projects/erp/budget.csv:1:1"), "{m}");
    assert!(m.contains("never closed"), "{m}");
    // A quote inside a field that does not start with one is text, as CSV readers take it.
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/milestones.csv",
        std::fs::read_to_string(site.root().join("content/projects/erp/milestones.csv"))
            .unwrap()
            .replacen("启动会,", "启动会 5\" 屏,", 1),
    );
    site.build_ok();
}

/// Digits typed with a Chinese input method in full-width mode look like digits: "e.g.
/// 1200000" would not tell the author what is wrong with `１００００`.
#[test]
fn full_width_digits_are_named_as_such() {
    let m = failing(BUDGET, "period,pv,ev,ac\n2024-01,１００００,90,100\n");
    assert!(m.contains("content/projects/erp/budget.csv:2:9"), "{m}");
    assert!(m.contains("full-width"), "{m}");
}

/// `bac: 0` (a placeholder left in) beside a budget that plans money: EAC and VAC would
/// show as 0 and percent complete as n/a, all looking like figures. The build warns.
#[test]
fn zero_bac_beside_a_planned_budget_is_a_warning() {
    let site = Site::fixture("basic");
    site.write(ERP, project_with("bac: 3200000", "bac: 0"));
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("content/projects/erp/index.md:9:6") && w.contains("`bac` is 0")),
        "{warnings:?}"
    );
}

/// A YAML, JSON or TOML table written wrong in shape or syntax — not a list of rows, a
/// row that is a list, a column written twice, a bracket left open, an unquoted month in
/// TOML, a number past any figure in JSON — is told in words with the fix, never in the
/// reader's terms (`expected sequence start at line 1, column 1`, `set
/// DuplicateKeyPolicy in Options`, `invalid date, expected `-` (MM-DD)`).
#[test]
fn a_table_written_wrong_is_told_in_words() {
    for (file, text, said) in [
        (
            "budget.yaml",
            "period: 2024-01\npv: 100\n",
            "budget.yaml:1:1: invalid data: the file is not a list of rows",
        ),
        (
            "budget.yaml",
            "- [2024-01, 100]\n",
            "budget.yaml:1:3: invalid data: a row is not a group of named fields",
        ),
        (
            "budget.yaml",
            "- period: 2024-01\n  pv: 100\n  pv: 200\n",
            "budget.yaml:3:3: invalid data: `pv` is written twice",
        ),
        (
            "budget.yaml",
            "- period: 2024-01\n  pv: [100\n",
            "invalid data: unclosed bracket `[`",
        ),
        (
            "budget.toml",
            "[[budget]]\nperiod = 2024-01\npv = 100\n",
            "invalid data: `2024-01` is not a date TOML reads",
        ),
        (
            "budget.json",
            "[{\"period\": \"2024-01\", \"pv\": 1e999}]",
            "invalid data: the number is out of range",
        ),
    ] {
        let m = failing_budget(file, text);
        assert!(m.contains(said), "{file}: {said}\n{m}");
        for jargon in [
            " at line ",
            "Options",
            "expected sequence",
            "expected mapping",
            "(MM-DD)",
        ] {
            assert!(!m.contains(jargon), "{file}: {jargon}\n{m}");
        }
    }
    let m = failing_budget("budget.toml", "[[budget]]\nperiod = 2024-01\npv = 100\n");
    assert!(m.contains("`period = \"2024-01\"`"), "{m}");
}

/// A percentage typed with `%` was told "e.g. 1200000" in a budget, and in a chart's
/// column "the other cells are numbers" when several were percentages (the second
/// walk-through); then "write 0.85 for 85%" in an amount column, which led an author to
/// EV written as shares (the fifth).
#[test]
fn percentages_written_with_a_percent_sign_are_told_so() {
    let m = failing_budget("budget.csv", "period,pv,ev,ac\n2024-01,100,85%,90\n");
    assert!(m.contains("budget.csv:2:13"), "{m}");
    assert!(
        m.contains("`85%` is a percentage, but the column holds amounts or plain numbers, not shares: write the amount itself"),
        "{m}"
    );
    let site = Site::fixture("basic");
    site.write(
        "data/progress.csv",
        "team,complete\n开发,85%\n测试,60%\n运维,0.9\n",
    );
    site.write(
        "content/reports/progress.md",
        "---\ntitle: 进度\ndate: 2024-12-30\n---\n\n```chart\ntype = \"bar\"\ndata = \"progress\"\nx = \"team\"\ny = \"complete\"\n```\n",
    );
    let m = site.build_err();
    assert!(
        m.contains("`85%` is a percentage written with `%`, as are 2 cell(s) of `complete`"),
        "{m}"
    );
    assert!(!m.contains("while the other cells"), "{m}");
}

#[test]
fn a_yaml_amount_in_another_base_is_refused_at_its_cell() {
    // YAML reads `0x10` as 16 and `0o17` as 15: figures nobody typed.
    let m = failing_budget(
        "budget.yaml",
        "- period: 2024-01\n  pv: 100000\n  ev: 0x10\n  ac: 95000\n",
    );
    assert!(m.contains("content/projects/erp/budget.yaml:3:7"), "{m}");
    assert!(m.contains("0x10") && m.contains("16"), "{m}");
}

#[test]
fn an_amount_with_a_space_inside_is_refused_at_its_cell() {
    let site = Site::fixture("basic");
    site.write(
        BUDGET,
        "period,pv,ev,ac\n2024-01,100000,100000,100000\n2024-02,100000,95000,95 00\n",
    );
    let m = site.build_err();
    assert!(m.contains("content/projects/erp/budget.csv:3:22"), "{m}");
    assert!(m.contains("`95 00`"), "{m}");
}

/// A key twice in a row of a JSON table kept the second value, unsaid (`"ac": 463000,
/// "ac": 363000` showed a CPI of 0.90 for 0.89), where YAML's is an error (the
/// malformed-site hunt of the fourth round).
#[test]
fn a_key_twice_in_a_json_row_is_an_error_at_the_second() {
    let m = failing_budget(
        "budget.json",
        "[\n{\"period\": \"2024-01\", \"pv\": 1, \"ev\": 1, \"ac\": 2, \"ac\": 1}\n]\n",
    );
    assert!(m.contains("content/projects/erp/budget.json:2:"), "{m}");
    assert!(m.contains("`ac` is written twice"), "{m}");
}

/// A budget sheet's header row, for [`common::xlsx::workbook`].
fn sheet_header() -> Vec<common::xlsx::V> {
    Vec::from(["period", "pv", "ev", "ac"].map(|h| common::xlsx::V::S(h.into())))
}

/// A budget sheet's row of one period.
fn sheet_row(period: &str, pv: f64, ev: f64, ac: f64) -> Vec<common::xlsx::V> {
    use common::xlsx::V;
    vec![V::S(period.into()), V::N(pv), V::N(ev), V::N(ac)]
}

/// A hidden first sheet (last month's snapshot) was read as the budget: the project was
/// shown as of the month before, with no word (the fifth malformed hunt). Only the
/// sheets Excel shows are tables; a workbook whose every sheet is hidden is refused.
#[test]
fn hidden_sheets_are_not_read_as_tables() {
    use common::xlsx::workbook;
    let row = sheet_row;
    let header = sheet_header;
    let old = [header(), row("2024-01", 1000.0, 900.0, 1000.0)];
    let now = [
        header(),
        row("2024-01", 1000.0, 900.0, 1000.0),
        row("2024-02", 1000.0, 1000.0, 1100.0),
    ];
    let site = Site::fixture("basic");
    std::fs::remove_file(site.root().join("content/projects/erp/budget.csv")).unwrap();
    site.write(
        "content/projects/erp/budget.xlsx",
        workbook(&[("上月快照", true, &old, &[]), ("预算", false, &now, &[])]),
    );
    site.build_ok();
    let page = site.read("projects/erp/index.html");
    assert!(page.contains("2024-02"), "the visible sheet's last month");
    site.write(
        "content/projects/erp/budget.xlsx",
        workbook(&[("预算", true, &now, &[])]),
    );
    let m = site.build_err();
    assert!(m.contains("budget.xlsx"), "{m}");
    assert!(m.contains("every sheet of the workbook is hidden"), "{m}");
}

/// A budget typed in 万元 under a number format that shows them so (480 under
/// `0.0"万元"` reads `480.0万元` in Excel) was read as 480 yuan: every figure ten
/// thousand times too small, shown as right. It is refused at the cell, naming the
/// format and the whole amount; a format that divides a whole amount (`0!.0,"万"`) is
/// read as the amount it holds.
#[test]
fn an_amount_shown_in_wan_by_its_number_format_is_refused() {
    use common::xlsx::{workbook, V};
    let row = |period: &str, pv: f64, format: &'static str| {
        vec![
            V::S(period.into()),
            V::F(pv, format),
            V::F(pv, format),
            V::F(pv, format),
        ]
    };
    let site = Site::fixture("basic");
    std::fs::remove_file(site.root().join("content/projects/erp/budget.csv")).unwrap();
    let in_wan = [
        sheet_header(),
        row("2024-01", 480.0, "0.0\"万元\""),
        row("2024-02", 320.0, "0.0\"万元\""),
    ];
    site.write(
        "content/projects/erp/budget.xlsx",
        workbook(&[("预算", false, &in_wan, &[])]),
    );
    let m = site.build_err();
    assert!(m.contains("budget.xlsx"), "{m}");
    assert!(m.contains("预算!B2"), "{m}");
    assert!(m.contains("`0.0\"万元\"`"), "{m}");
    assert!(m.contains("4,800,000"), "{m}");
    assert!(m.contains("0!.0,\"万元\""), "{m}");
    // A sheet's rows and columns stand for lines and columns, in text and JSON alike
    // (`line: null` before).
    assert!(m.contains("budget.xlsx:2:2:"), "{m}");
    let root = site.root().to_str().unwrap();
    let out = common::pmo(&["--root", root, "check", "--format", "json"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let bad: serde_json::Value = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|d| d["severity"] == "error")
        .unwrap_or_else(|| panic!("{stdout}"));
    assert_eq!(bad["file"], "content/projects/erp/budget.xlsx", "{bad}");
    assert_eq!(
        (bad["line"].as_u64(), bad["column"].as_u64()),
        (Some(2), Some(2)),
        "{bad}"
    );
    // Whole amounts under a format that divides them are read as they are.
    let whole = [
        sheet_header(),
        row("2024-01", 4_800_000.0, "0!.0,\"万元\""),
        row("2024-02", 3_200_000.0, "0!.0,\"万元\""),
    ];
    site.write(
        "content/projects/erp/budget.xlsx",
        workbook(&[("预算", false, &whole, &[])]),
    );
    site.build_ok();
}

/// Cells formatted as US dollars in a yuan project (`[$$-409]#,##0`) showed dollars in
/// Excel and yuan on the page, with no word. It is a doubt on the project, at the cell.
#[test]
fn an_amount_shown_in_another_currency_by_its_number_format_is_warned() {
    use common::xlsx::{workbook, V};
    let row = |period: &str, pv: f64| {
        let dollars = "[$$-409]#,##0.00";
        vec![V::S(period.into()), V::F(pv, dollars), V::N(pv), V::N(pv)]
    };
    let site = Site::fixture("basic");
    std::fs::remove_file(site.root().join("content/projects/erp/budget.csv")).unwrap();
    let rows = [
        sheet_header(),
        row("2024-01", 1000.0),
        row("2024-02", 1000.0),
    ];
    site.write(
        "content/projects/erp/budget.xlsx",
        workbook(&[("Budget", false, &rows, &[])]),
    );
    let warnings = site.warnings();
    let told: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("[$$-409]#,##0.00"))
        .collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    assert!(told[0].contains("Budget!B2"), "{}", told[0]);
    assert!(told[0].contains("CNY"), "{}", told[0]);
    assert!(told[0].contains("1 more such cells"), "{}", told[0]);
}

/// A hidden row was counted in the figures though no one saw it (the fifth malformed
/// hunt: a month not yet closed, hidden, added 410,000 to AC). It is refused, named.
#[test]
fn a_hidden_row_holding_values_is_refused() {
    use common::xlsx::{workbook, V};
    let row = |hidden: bool, period: &str, pv: f64| {
        let mut cells = sheet_row(period, pv, pv, pv);
        if hidden {
            cells.insert(0, V::Hidden);
        }
        cells
    };
    let header = sheet_header;
    let rows = [
        header(),
        row(false, "2024-01", 1000.0),
        row(true, "2024-02", 1000.0),
        row(false, "2024-03", 1000.0),
    ];
    let site = Site::fixture("basic");
    std::fs::remove_file(site.root().join("content/projects/erp/budget.csv")).unwrap();
    site.write(
        "content/projects/erp/budget.xlsx",
        workbook(&[("预算", false, &rows, &[])]),
    );
    let m = site.build_err();
    assert!(m.contains("budget.xlsx"), "{m}");
    assert!(
        m.contains("sheet `预算`, row 3: the row is hidden in the workbook, but holds values"),
        "{m}"
    );
    // Shown again, it is read.
    let shown = [
        header(),
        row(false, "2024-01", 1000.0),
        row(false, "2024-02", 1000.0),
    ];
    site.write(
        "content/projects/erp/budget.xlsx",
        workbook(&[("预算", false, &shown, &[])]),
    );
    site.build_ok();
}

/// A row of height 0 and a column of width 0 are as unseen as hidden ones, yet were read
/// without a word (the ninth hunt): each is refused as a hidden one is.
#[test]
fn a_row_of_no_height_or_a_column_of_no_width_holding_values_is_refused() {
    let row = |n: u32, attributes: &str| {
        format!(
            "<row r=\"{n}\"{attributes}><c r=\"A{n}\" t=\"inlineStr\"><is><t>2024-0{n}</t></is></c>\
             <c r=\"B{n}\"><v>100</v></c><c r=\"C{n}\"><v>90</v></c><c r=\"D{n}\"><v>95</v></c></row>"
        )
    };
    let header = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>period</t></is></c>\
        <c r=\"B1\" t=\"inlineStr\"><is><t>pv</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>ev</t></is></c>\
        <c r=\"D1\" t=\"inlineStr\"><is><t>ac</t></is></c></row>";
    let site = Site::fixture("basic");
    std::fs::remove_file(site.root().join("content/projects/erp/budget.csv")).unwrap();
    let flat_row = format!(
        "{header}{}{}",
        row(2, ""),
        row(3, " ht=\"0\" customHeight=\"1\"")
    );
    site.write(
        "content/projects/erp/budget.xlsx",
        xlsx_around("", &flat_row, ""),
    );
    let m = site.build_err();
    assert!(
        m.contains("sheet `Sheet1`, row 3: the row is hidden in the workbook, but holds values"),
        "{m}"
    );
    let cells = format!("{header}{}{}", row(2, ""), row(3, ""));
    site.write(
        "content/projects/erp/budget.xlsx",
        xlsx_around(
            "<cols><col min=\"4\" max=\"4\" width=\"0\" customWidth=\"1\"/></cols>",
            &cells,
            "",
        ),
    );
    let m = site.build_err();
    assert!(
        m.contains("sheet `Sheet1`, column D: the column is hidden in the workbook, but holds values (first at D1)"),
        "{m}"
    );
}

/// A hidden column was read as if shown: last month's actuals kept beside this month's
/// and hidden counted unseen, and the first of two `ac` columns was the one read. A
/// hidden column holding values is refused, named; Excel's "hide every column to the
/// right" over empty columns is not.
#[test]
fn a_hidden_column_holding_values_is_refused() {
    let row = |n: u32, period: &str, old_ac: &str| {
        format!(
            "<row r=\"{n}\"><c r=\"A{n}\" t=\"inlineStr\"><is><t>{period}</t></is></c>\
             <c r=\"B{n}\"><v>100</v></c><c r=\"C{n}\"><v>90</v></c>{old_ac}\
             <c r=\"E{n}\"><v>95</v></c></row>"
        )
    };
    let header = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>period</t></is></c>\
        <c r=\"B1\" t=\"inlineStr\"><is><t>pv</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>ev</t></is></c>\
        <c r=\"D1\" t=\"inlineStr\"><is><t>ac</t></is></c><c r=\"E1\" t=\"inlineStr\"><is><t>ac</t></is></c></row>";
    let old = |n: u32| format!("<c r=\"D{n}\"><v>400000</v></c>");
    let cells = format!(
        "{header}{}{}",
        row(2, "2024-01", &old(2)),
        row(3, "2024-02", &old(3))
    );
    let site = Site::fixture("basic");
    std::fs::remove_file(site.root().join("content/projects/erp/budget.csv")).unwrap();
    site.write(
        "content/projects/erp/budget.xlsx",
        xlsx_around(
            "<cols><col min=\"4\" max=\"4\" width=\"12\" hidden=\"1\"/></cols>",
            &cells,
            "",
        ),
    );
    let m = site.build_err();
    assert!(m.contains("budget.xlsx"), "{m}");
    assert!(
        m.contains("sheet `Sheet1`, column D: the column is hidden in the workbook, but holds values (first at D1)"),
        "{m}"
    );
    // The hidden column emptied (and the rest of the sheet hidden), it is read.
    let header = header.replace("<c r=\"D1\" t=\"inlineStr\"><is><t>ac</t></is></c>", "");
    let cells = format!("{header}{}{}", row(2, "2024-01", ""), row(3, "2024-02", ""));
    site.write(
        "content/projects/erp/budget.xlsx",
        xlsx_around(
            "<cols><col min=\"4\" max=\"4\" hidden=\"1\"/><col min=\"6\" max=\"16384\" hidden=\"1\"/></cols>",
            &cells,
            "",
        ),
    );
    site.build_ok();
}

/// A 0.8 KB `.ods` repeating one cell 5,000 × 2,000 times took 1.8 GB before any check,
/// as the reader writes every repeat out (the fourth security hunt). Its grid is worked
/// out from the repeat counts and refused before it is read.
#[test]
fn an_ods_repeating_cells_past_the_sheet_limit_is_refused_before_it_is_read() {
    use std::io::Write;
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S1"><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="5000"><table:table-cell office:value-type="string" table:number-columns-repeated="2000"><text:p>x</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
    let site = Site::fixture("basic");
    site.write("data/rep.ods", out.into_inner());
    let m = site.build_err();
    assert!(
        m.contains(
            "data/rep.ods:1:1: invalid data: sheet `S1` spans A1:BXX5001, 10002000 cells, over the limit of 2000000"
        ),
        "{m}"
    );
}

/// `(1,200)` was told about decimal commas, `−1200` and `#DIV/0!` "e.g. 1200000" (the
/// fifth malformed hunt): each is now told what it is and what to write.
#[test]
fn accountants_negatives_and_spreadsheet_errors_are_told_what_they_are() {
    for (cell, said) in [
        ("\"(1,200)\"", "`(1,200)` is written with a typographic minus or in brackets, as accounts show a negative amount: write `-1200`"),
        ("−1200", "`−1200` is written with a typographic minus or in brackets, as accounts show a negative amount: write `-1200`"),
        ("#DIV/0!", "`#DIV/0!` is the spreadsheet's error for a formula that cannot be worked out"),
    ] {
        let m = failing_budget("budget.csv", &format!("period,pv,ev,ac\n2024-01,100,90,{cell}\n"));
        assert!(m.contains("budget.csv:2:"), "{cell}: {m}");
        assert!(m.contains(said), "{cell}: {m}");
    }
}

/// An empty CSV was "the header has no column `period`", and a last line of spaces
/// "line 4 has 1 fields" (the fifth malformed hunt).
#[test]
fn an_empty_table_and_a_blank_last_line_are_told_as_they_are() {
    let m = failing_budget("budget.csv", "");
    assert!(
        m.contains("budget.csv:1:1: invalid data: the file is empty"),
        "{m}"
    );
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,1000000,900000,1000000\n2024-02,1000000,1000000,1100000\n   \n",
    );
    site.build_ok();
    let m = failing_budget("budget.csv", "period,pv,ev,ac\n2024-01,100,90\n");
    assert!(
        m.contains("line 2 has 3 fields, but the header has 4"),
        "{m}"
    );
}

/// A YAML budget of two documents was told to "use from_str_multiple", the reader's own
/// function (the fifth malformed hunt): it is told where the second document starts.
#[test]
fn a_yaml_table_of_two_documents_is_told_at_its_second() {
    let m = failing_budget(
        "budget.yaml",
        "- {period: 2024-01, pv: 100}\n---\n- {period: 2024-02, pv: 100}\n",
    );
    assert!(m.contains("budget.yaml:2:1"), "{m}");
    assert!(m.contains("more than one YAML document"), "{m}");
    assert!(!m.contains("from_str"), "{m}");
}

/// A TOML budget split in `[[y2024]]` and `[[y2023]]` was read as one of them, the
/// other left out without a word (the fifth malformed hunt).
#[test]
fn a_toml_table_split_in_two_lists_is_refused() {
    let m = failing_budget(
        "budget.toml",
        "[[y2024]]\nperiod = \"2024-01\"\npv = 100\n\n[[y2023]]\nperiod = \"2023-12\"\npv = 100\n",
    );
    assert!(m.contains("budget.toml:5:1"), "{m}");
    assert!(m.contains("the rows are in two lists"), "{m}");
}

/// A totals row whose label sat in another column was told "`period` is empty", and
/// `合 计` (centred with a space) was not taken for 合计 (the fifth walk-through).
#[test]
fn a_totals_row_is_told_as_one_however_it_is_labelled() {
    let m = failing_budget(
        "budget.csv",
        "period,pv,ev,ac\n2024-01,100,90,95\n2024-02,100,100,105\n,200,190,200\n",
    );
    assert!(m.contains("budget.csv:4:"), "{m}");
    assert!(m.contains("the sum of the rows above: a totals row"), "{m}");
    let m = failing_budget(
        "budget.csv",
        "period,pv,ev,ac\n2024-01,100,90,95\n2024-02,100,100,105\n合 计,200,190,200\n",
    );
    assert!(m.contains("looks like a totals row"), "{m}");
}

/// A 200,000-row budget repeating one month gave an error a row, each naming the first
/// row's line, and took 97 s (the fifth security hunt). Fifty cell errors of a table are
/// told, then that its later rows were not checked.
#[test]
fn a_table_stops_being_checked_after_fifty_wrong_cells() {
    let site = Site::fixture("basic");
    let rows: String = (0..5000).map(|_| "2024-01,1,1,1\n").collect();
    site.write(
        "content/projects/erp/budget.csv",
        format!("period,pv,ev,ac\n{rows}"),
    );
    let m = site.build_err();
    assert_eq!(m.matches("is also on").count(), 50, "{m}");
    assert!(
        m.contains("50 cells of this table are wrong up to here; its later rows are not checked"),
        "{m}"
    );
}

/// A multiple of the currency written after a header without brackets (`计划值/万元`,
/// `pv_万元`, `PV ($K)`, `PV in thousands`) was not seen (the tenth malformed hunt):
/// the help said to rename `pv_万元` to `pv`, which would have read every amount ten
/// thousand times too small. Then it was refused as the bracketed `计划值（万元）` was;
/// now each is read converted, and the project's budget is the one written in 元.
#[test]
fn a_multiple_after_a_header_is_read_converted_however_it_is_joined() {
    let budget_of = |text: String| {
        let site = Site::fixture("basic");
        site.write(BUDGET, text);
        site.build_ok();
        let page = site.read("projects/erp/index.html");
        let at = page.find("<table").unwrap_or(0);
        page[at..].to_string()
    };
    for (header, figures) in [
        (
            "月份,计划值/万元,挣值/万元,实际成本/万元",
            ["10.5", "9", "10.5"],
        ),
        ("period,pv_万元,ev_万元,ac_万元", ["10.5", "9", "10.5"]),
        (
            "月份,计划值 万元,挣值 万元,实际成本 万元",
            ["10.5", "9", "10.5"],
        ),
        (
            "period,PV in thousands,EV in thousands,AC in thousands",
            ["105", "90", "105"],
        ),
        ("period,pvKCNY,evKCNY,acKCNY", ["105", "90", "105"]),
    ] {
        let [pv, ev, ac] = figures;
        let scaled = budget_of(format!(
            "{header}\n2024-01,{pv},{ev},{ac}\n2024-02,{pv},{pv},{ac}\n"
        ));
        let plain = budget_of(
            "period,pv,ev,ac\n2024-01,105000,90000,105000\n2024-02,105000,105000,105000\n"
                .to_string(),
        );
        assert!(scaled.contains("210,000"), "{header}: {scaled}");
        assert_eq!(scaled, plain, "{header}");
    }
}

/// A budget whose own `单位` column says its amounts are in 万元 was read in yuan, the
/// column warned about as one pmo does not read and the page showing a BAC of 480 with no
/// doubt (the tenth malformed hunt). Such a column's rows are read converted (the
/// twenty-second hunt, `tests/malformed_22.rs`); one naming another currency than the
/// project's is a doubt.
#[test]
fn a_unit_column_naming_a_multiple_is_read_converted_and_another_currency_doubted() {
    let site = Site::fixture("basic");
    site.write(
        BUDGET,
        "period,pv,ev,ac,单位\n2024-01,100,90,100,万元\n2024-02,100,100,110,万元\n",
    );
    site.build_ok();
    let page = site.read("projects/erp/index.html");
    assert!(page.contains("<td class=\"num\">1,000,000</td>"), "{page}");
    let site = Site::fixture("basic");
    site.write(
        BUDGET,
        "period,pv,ev,ac,currency\n2024-01,1000000,900000,1000000,USD\n2024-02,1000000,1000000,1100000,USD\n2024-03,1200000,,,USD\n",
    );
    let report = site.build_ok();
    let told: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        told.iter().any(|w| w.contains("budget.csv:2:32")
            && w.contains("column `currency` says the amounts are in USD")),
        "{told:#?}"
    );
    assert!(site
        .read("projects/erp/index.html")
        .contains("<code>budget.csv:2</code>"));
    // A unit column naming the project's own currency changes nothing.
    let site = Site::fixture("basic");
    site.write(
        BUDGET,
        "period,pv,ev,ac,单位\n2024-01,1000000,900000,1000000,元\n2024-02,1000000,1000000,1100000,元\n2024-03,1200000,,,元\n",
    );
    let report = site.build_ok();
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.to_string().contains("says the amounts")),
        "{:#?}",
        report.warnings
    );
}

/// `bac: 320  # 万元`, a budget kept in 万元 with its comment saying so, was read as 320
/// yuan, with the tables in 万元 too every figure agreed and the page showed a BAC of 320
/// CNY without a doubt (the tenth malformed hunt). A comment naming a multiple of the
/// currency is an error at `bac` naming the whole amount.
#[test]
fn bac_with_a_comment_naming_a_multiple_is_refused() {
    for (line, whole) in [
        ("bac: 320  # 万元", "3200000"),
        ("bac: 320 # 单位：万元（含税）", "3200000"),
        ("bac: 3200 # in thousands", "3200000"),
        ("bac: 3200 # k", "3200000"),
    ] {
        let m = failing(ERP, project_with("bac: 3200000", line));
        assert!(
            m.contains("content/projects/erp/index.md:9:6"),
            "{line}: {m}"
        );
        assert!(m.contains("its comment says it is in"), "{line}: {m}");
        assert!(m.contains(&format!("`bac: {whole}`")), "{line}: {m}");
    }
    // A comment naming the currency's own unit, or an amount beside it, is the author's.
    for line in [
        "bac: 3200000  # 元，含税",
        "bac: 3200000 # 即 320 万元",
        "bac: 3200000 # key figure",
    ] {
        let site = Site::fixture("basic");
        site.write(ERP, project_with("bac: 3200000", line));
        site.build_ok();
    }
}

/// `currency: 万元` (or `kCNY`, `CNY (thousands)`) was a warning only, and the project's
/// amounts were shown with 万元 as a currency's code and summed into the portfolio's
/// yuan ten thousand times apart. A multiple of a currency is an error at `currency`.
#[test]
fn a_currency_naming_a_multiple_is_refused() {
    for currency in ["万元", "人民币万元", "kCNY", "CNY (thousands)", "千元"] {
        let m = failing(
            ERP,
            project_with("currency: CNY", &format!("currency: {currency}")),
        );
        assert!(
            m.contains("content/projects/erp/index.md:10:"),
            "{currency}: {m}"
        );
        assert!(
            m.contains(&format!("`currency` is {currency},")),
            "{currency}: {m}"
        );
        assert!(m.contains("`currency: CNY`"), "{currency}: {m}");
    }
    for currency in ["RMB", "人民币", "usd", "美元"] {
        let site = Site::fixture("basic");
        site.write(
            ERP,
            project_with("currency: CNY", &format!("currency: {currency}")),
        );
        site.build_ok();
    }
}

/// A CSV saved with Excel's separator note (`sep=;`) on its first line: the note was
/// read as the header, and the error said line 2 had 4 fields where the header had 2
/// (the tenth malformed hunt).
#[test]
fn excels_separator_line_is_told_at_line_one() {
    for text in [
        "sep=;\nperiod;pv;ev;ac\n2024-01;100;90;95\n",
        "\u{feff}sep=,\r\nperiod,pv,ev,ac\r\n2024-01,100,90,95\r\n",
    ] {
        let m = failing_budget("budget.csv", text);
        assert!(m.contains("content/projects/erp/budget.csv:1:1"), "{m}");
        assert!(m.contains("Excel's note of the separator"), "{m}");
        assert!(m.contains("delete this line"), "{m}");
    }
}

/// A sheet's title row exported above the header (`单位：万元`, perhaps with empty
/// fields after it) was read as the header: "line 2 has 4 fields, the header 1" (the
/// tenth malformed hunt). A table of one column is still a table.
#[test]
fn a_title_line_above_the_header_is_told_at_line_one() {
    for text in [
        "单位：万元\nperiod,pv,ev,ac\n2024-01,100,90,95\n",
        "二期厂房预算表,,,\nperiod,pv,ev,ac\n2024-01,100,90,95\n",
    ] {
        let m = failing_budget("budget.csv", text);
        assert!(m.contains("content/projects/erp/budget.csv:1:1"), "{m}");
        assert!(m.contains("is a title above the header"), "{m}");
    }
    let site = Site::fixture("basic");
    site.write("data/names.csv", "name\n张伟\n李娜\n");
    site.build_ok();
}

/// `bac: 0x493E00` was read as 4,800,000 without a word, where the same in a YAML table
/// cell is an error (the tenth malformed hunt).
#[test]
fn bac_in_another_base_is_refused() {
    for (line, read) in [
        ("bac: 0x493E00", "4,800,000"),
        ("bac: 0o22240000", "4,800,512"),
    ] {
        let m = failing(ERP, project_with("bac: 3200000", line));
        assert!(
            m.contains("content/projects/erp/index.md:9:"),
            "{line}: {m}"
        );
        assert!(m.contains("a number in another base"), "{line}: {m}");
        assert!(m.contains(read), "{line}: {m}");
    }
}

/// A project's `start` or `finish` with its year typed wrong (`1899`, `2204` for 2024)
/// was shown as its dates without a word, where a page's `date` before 1900 is refused;
/// a milestone forecast of 2204 showed a slip of 65,821 days (the tenth malformed hunt).
#[test]
fn a_project_or_milestone_day_in_no_years_of_a_portal_is_told() {
    for (old, new, place, meant) in [
        (
            "start: 2024-01-08",
            "start: 1899-01-08",
            "index.md:7:8",
            None,
        ),
        (
            "finish: 2024-12-20",
            "finish: 2204-12-20",
            "index.md:8:9",
            None,
        ),
        (
            "start: 2024-01-08",
            "start: 2204-01-08",
            "index.md:7:8",
            Some("`start: 2024-01-08`"),
        ),
    ] {
        let m = failing(ERP, project_with(old, new));
        assert!(
            m.contains(&format!("content/projects/erp/{place}")),
            "{new}: {m}"
        );
        assert!(m.contains("no project of a portal"), "{new}: {m}");
        if let Some(meant) = meant {
            assert!(m.contains(meant), "{new}: {m}");
        }
    }
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n启动会,2024-01-10,,2024-01-10\n上线,2024-11-30,2204-12-15,\n",
    );
    let report = site.build_ok();
    let told: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        told.iter().any(|w| w.contains("milestones.csv:3:15")
            && w.contains("the forecast of milestone `上线` is 2204-12-15, after 2099")),
        "{told:#?}"
    );
}

/// A forecast of 2042 for a milestone planned in 2024 (two digits swapped) was shown as
/// a slip of 6,500 days with no word: any forecast or actual more than five years from
/// its baseline is doubted, with the year likely meant; a slip of a year is not.
#[test]
fn a_milestone_date_years_off_its_baseline_is_told() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n启动会,2024-01-10,,2024-01-10\n上线,2024-06-30,2042-07-15,\n验收,2024-09-30,2025-10-31,\n",
    );
    let told: Vec<String> = site
        .warnings()
        .into_iter()
        .filter(|w| w.contains("years after its baseline"))
        .collect();
    assert_eq!(told.len(), 1, "{told:#?}");
    assert!(told[0].contains("milestones.csv:3:15"), "{}", told[0]);
    assert!(
        told[0].contains("the forecast of milestone `上线` is 2042-07-15, 18 years after its baseline (2024-06-30)"),
        "{}",
        told[0]
    );
    assert!(told[0].contains("a slip of 6,589 days"), "{}", told[0]);
    assert!(
        told[0].contains("if 2024 was meant, write 2024-07-15"),
        "{}",
        told[0]
    );
}

/// A table saved as UTF-16 or UTF-32, or left empty, was told at its file with no line
/// or column (`--format json` gave `"line": null`), where every other error has one (the
/// tenth malformed hunt): the whole file is at fault from its first character, so it is
/// told at line 1, column 1.
#[test]
fn a_file_wrong_as_a_whole_is_told_at_its_first_line() {
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "period,pv\n2024-01,1\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let utf32: Vec<u8> = "\u{feff}period,pv\n"
        .chars()
        .flat_map(|c| u32::from(c).to_le_bytes())
        .collect();
    for bytes in [utf16.clone(), utf16[2..].to_vec(), utf32, Vec::new()] {
        let m = failing(BUDGET, &bytes);
        assert!(m.contains("content/projects/erp/budget.csv:1:1:"), "{m}");
    }
}
