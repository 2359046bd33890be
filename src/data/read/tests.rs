use super::*;

fn text(s: &str) -> Arc<str> {
    Arc::from(s)
}

#[test]
fn an_error_cell_reads_as_the_spreadsheet_shows_it() {
    let cell = sheet_cell(&Data::Error(calamine::CellErrorType::Div0));
    assert_eq!(cell, Cell::Text("#DIV/0!".into()));
}

#[test]
fn csv_cells_know_their_offsets() {
    let t = read_csv(
        Path::new("b.csv"),
        &text("period,pv,ev\n2024-01,100,90\n2024-02,\"a,b\",abc\n"),
        "b",
    )
    .unwrap();
    let e = t.number(1, 2).unwrap_err().to_string();
    assert!(e.contains("b.csv:3:15"), "{e}");
    assert!(
        e.contains("column `ev` holds `abc`, expected a number"),
        "{e}"
    );
    let e = t.number(1, 1).unwrap_err().to_string();
    assert!(e.contains("b.csv:3:10"), "{e}");
}

#[test]
fn structured_formats_keep_column_order() {
    let json = records::parse_json(
        Path::new("t.json"),
        &text(r#"[{"period":"2024-01","pv":100},{"period":"2024-02","pv":"1,200","ev":5}]"#),
    )
    .unwrap();
    let t = records::table(Path::new("t.json"), &text(""), "t", json).unwrap();
    assert_eq!(t.columns, ["period", "pv", "ev"]);
    assert_eq!(t.number(1, 1).unwrap(), Some(1200.0));
    assert_eq!(t.number(0, 2).unwrap(), None);

    let toml = records::parse_toml(
        Path::new("t.toml"),
        &text("[[rows]]\nperiod = \"2024-01\"\npv = 1\n[[rows]]\nperiod = \"2024-02\"\npv = 2\n"),
    )
    .unwrap();
    let t = records::table(Path::new("t.toml"), &text(""), "t", toml).unwrap();
    assert_eq!(t.rows.len(), 2);

    let source = text("- period: 2024-01\n  pv: 1\n- period: 2024-02\n  pv: x\n");
    let yaml = records::parse_yaml(Path::new("t.yaml"), &source).unwrap();
    let t = records::table(Path::new("t.yaml"), &source, "t", yaml).unwrap();
    let e = t.number(1, 1).unwrap_err().to_string();
    assert!(
        e.contains("t.yaml:4:7: invalid data: column `pv` holds `x`"),
        "{e}"
    );
}

#[test]
fn broken_json_points_at_the_error() {
    let e = records::parse_json(Path::new("t.json"), &text("[\n{\"a\": 1,}\n]"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("t.json:2:"), "{e}");
}
