#[test]
fn letters_typed_for_digits_are_told_with_the_number_meant() {
    assert_eq!(super::letters_for_digits("1,2OO").as_deref(), Some("1,200"));
    assert_eq!(
        super::letters_for_digits(" 1OOOOO ").as_deref(),
        Some("100000")
    );
    assert_eq!(super::letters_for_digits("2l5").as_deref(), Some("215"));
    // No digit, or still no number: nothing to suggest.
    assert_eq!(super::letters_for_digits("OOO"), None);
    assert_eq!(super::letters_for_digits("12 Oranges"), None);
    assert_eq!(super::letters_for_digits("1200"), None);
}

use super::*;

#[test]
fn a_period_of_any_text_gets_a_help_without_a_panic() {
    for text in [
        "第一",
        "第一期",
        "二〇二四",
        "２０２４-３",
        "2024年",
        "2024-13",
        "202413",
        "—",
        "",
    ] {
        let help = month_help(text).to_string();
        assert!(!help.is_empty(), "{text}");
    }
    assert!(month_help("202403")
        .to_string()
        .contains("would be 2024-03"));
}

#[test]
fn cell_refs_are_spreadsheet_style() {
    assert_eq!(cell_ref(6, 2), "C7");
    assert_eq!(cell_ref(0, 25), "Z1");
    assert_eq!(cell_ref(0, 26), "AA1");
    assert_eq!(cell_at("B7"), Some((6, 1)));
    assert_eq!(cell_at("AA1"), Some((0, 26)));
    assert_eq!(cell_at("7"), None);
    assert_eq!(cell_at("B0"), None);
}

#[test]
fn numbers_months_and_formatting() {
    assert_eq!(parse_number("1,200,000"), Some(1_200_000.0));
    assert_eq!(parse_number("¥ 3.5"), Some(3.5));
    assert_eq!(parse_number("abc"), None);
    assert_eq!(parse_number("inf"), None);
    assert!(is_month("2024-12"));
    assert!(!is_month("2024-13"));
    assert_eq!(format_number(3.0), "3");
    assert_eq!(format_number(0.95), "0.95");
}

#[test]
fn a_comma_only_separates_thousands() {
    // A decimal comma (as Excel writes on European systems) must not become a figure
    // a thousand times too small or ten times too large.
    assert_eq!(parse_number("1,200.50"), Some(1200.5));
    assert_eq!(parse_number("-12,345,678"), Some(-12_345_678.0));
    assert_eq!(parse_number("1.200,50"), None);
    assert_eq!(parse_number("1,5"), None);
    assert_eq!(parse_number("12,34,567"), None);
    assert_eq!(parse_number(",100"), None);
    assert_eq!(parse_number("1,000,"), None);
    assert_eq!(parse_number("1,0000"), None);
}

#[test]
fn a_space_only_separates_thousands() {
    // `95 00` read as 9500 made a month's cost a tenth of what was typed.
    assert_eq!(parse_number("95 00"), None);
    assert_eq!(parse_number("1 2,000"), None);
    assert_eq!(parse_number("95000 5000"), None);
    assert_eq!(parse_number("1_0000"), None);
    assert_eq!(parse_number("1 200 000"), Some(1_200_000.0));
    assert_eq!(parse_number("1\u{a0}200\u{a0}000,5"), None);
    assert_eq!(parse_number("1\u{202f}200.5"), Some(1200.5));
    assert_eq!(parse_number("1_200_000"), Some(1_200_000.0));
    assert_eq!(parse_number(" ¥ 1,200 "), Some(1200.0));
    assert_eq!(parse_number("-¥1 200"), Some(-1200.0));
}

/// A one-row table `name` with `columns`, its cells as text.
fn one_row(name: &str, columns: [&str; 2], cells: [&str; 2]) -> Table {
    Table {
        name: name.into(),
        path: format!("{name}.csv").into(),
        source: None,
        columns: columns.iter().map(|c| c.to_string()).collect(),
        rows: vec![cells.iter().map(|c| Cell::Text(c.to_string())).collect()],
        places: vec![],
        renamed: Vec::new(),
        formats: Vec::new(),
    }
}

#[test]
fn a_number_with_a_gap_is_told_so() {
    let table = one_row("budget", ["period", "ac"], ["2026-03", "95 00"]);
    let e = table.number(0, 1).unwrap_err();
    let help = e.help.unwrap().to_string();
    assert!(help.contains("two numbers"), "{help}");
}

#[test]
fn european_amounts_and_currency_codes_are_told_with_the_number_they_would_be() {
    let help = |cell: &str| {
        let table = one_row("budget", ["period", "ac"], ["2026-03", cell]);
        table.number(0, 1).unwrap_err().help.unwrap().to_string()
    };
    for (cell, number) in [
        ("100.000,00 €", "100000.00"),
        ("€ 100.000", "100000"),
        ("100.000 €", "100000"),
        ("€1.250.000", "1250000"),
    ] {
        let h = help(cell);
        assert!(
            h.contains(&format!("would be {number}; write {number}")),
            "{cell}: {h}"
        );
        assert!(
            h.contains("dot between thousands") && !h.contains("space or"),
            "{cell}: {h}"
        );
    }
    for (cell, code) in [
        ("EUR 100000", "EUR"),
        ("100000 EUR", "EUR"),
        ("usd 1,200", "USD"),
    ] {
        let h = help(cell);
        assert!(
            h.contains(&format!("currency code {code} in the cell")),
            "{cell}: {h}"
        );
        assert!(
            h.contains("write the plain number") && h.contains("`currency:`"),
            "{cell}: {h}"
        );
        assert!(!h.contains("space or"), "{cell}: {h}");
    }
    // A sign beside a number with decimals is read as before.
    assert_eq!(parse_number("€ 100.50"), Some(100.5));
    assert_eq!(parse_number("€100000"), Some(100000.0));
    assert_eq!(parse_number("€ 100.000"), None, "never a hundred");
    // One sign, before the figure or after it; never between its digits.
    assert_eq!(parse_number("1,200 €"), Some(1200.0));
    assert_eq!(parse_number("¥-1,200"), Some(-1200.0));
    assert_eq!(parse_number("12$34"), None, "never 1234");
    assert_eq!(parse_number("1,2¥00"), None);
    assert_eq!(parse_number("¥¥100"), None);
    assert_eq!(parse_number("$100€"), None);
    assert_eq!(parse_number("- 5"), None, "as before");
}

#[test]
fn a_day_written_year_last_as_a_period_is_told_with_its_month() {
    let table = one_row("budget", ["period", "ac"], ["31.01.2024", "100"]);
    let help = table.month(0, 0).unwrap_err().help.unwrap().to_string();
    assert!(help.contains("write its month, 2024-01"), "{help}");
}

#[test]
fn an_impossible_day_in_a_table_is_told_as_such() {
    let table = one_row("milestones", ["name", "baseline"], ["上线", "2026-02-30"]);
    let e = table.date(0, 1).unwrap_err();
    let help = e.help.unwrap().to_string();
    assert!(help.contains("no such day"), "{help}");
}

#[test]
fn column_types_are_inferred() {
    let table = Table {
        name: "t".into(),
        path: "t.csv".into(),
        source: None,
        columns: vec!["m".into(), "n".into(), "d".into(), "x".into()],
        rows: vec![
            vec![
                Cell::Text("2024-01".into()),
                Cell::Text("1,000".into()),
                Cell::Text("2024-01-05".into()),
                Cell::Text("a".into()),
            ],
            vec![
                Cell::Text("2024-02".into()),
                Cell::Number(2.0),
                Cell::Empty,
                Cell::Number(1.0),
            ],
        ],
        places: vec![],
        renamed: Vec::new(),
        formats: Vec::new(),
    };
    assert_eq!(table.column_type(0), ColumnType::Month);
    assert_eq!(table.column_type(1), ColumnType::Number);
    assert_eq!(table.column_type(2), ColumnType::Date);
    assert_eq!(table.column_type(3), ColumnType::Text);
}

#[test]
fn sheet_errors_name_the_cell() {
    let table = Table {
        name: "budget".into(),
        path: "budget.xlsx".into(),
        source: None,
        columns: vec!["period".into(), "pv".into()],
        rows: vec![vec![Cell::Text("2024-01".into()), Cell::Text("n/a".into())]],
        places: vec![vec![
            Place::Sheet {
                sheet: "Sheet1".into(),
                cell: "A2".into(),
            },
            Place::Sheet {
                sheet: "Sheet1".into(),
                cell: "B2".into(),
            },
        ]],
        renamed: Vec::new(),
        formats: Vec::new(),
    };
    let e = table.number(0, 1).unwrap_err().to_string();
    assert!(
        e.contains(
            "budget.xlsx:2:2: invalid data: Sheet1!B2: column `pv` holds `n/a`, expected a number"
        ),
        "{e}"
    );
}

/// A cell error in a sheet headed `挣值` named the column `ev`, a name the author never
/// wrote.
#[test]
fn a_cell_error_names_the_column_as_the_header_writes_it() {
    let text: std::sync::Arc<str> =
        std::sync::Arc::from("期间,计划值（元）,挣值,实际成本\n2024-01,100,abc,90\n");
    let mut table = crate::data::read::read_csv(
        std::path::Path::new("budget.csv"),
        &text,
        "projects/p/budget",
    )
    .unwrap();
    crate::data::columns::read_as_named(&mut table);
    assert_eq!(table.columns, ["period", "pv", "ev", "ac"]);
    let col = table.column("ev").unwrap();
    let message = table.number(0, col).unwrap_err().to_string();
    assert!(message.contains("column `挣值` holds `abc`"), "{message}");
    assert_eq!(table.written(1), "计划值（元）");
    assert_eq!(table.written(3), "实际成本");
}

/// `1 234,56` with French Excel's narrow no-break space (three bytes) panicked: the
/// currency-code check cut the text at its third byte.
#[test]
fn a_cell_with_a_wide_character_near_its_ends_is_told_not_cut() {
    for cell in [
        "1\u{202f}234,56",
        "1\u{2009}234,56",
        "1\u{2019}234,56",
        "\u{661}\u{662}\u{663}\u{664}",
        "12€",
        "€12",
    ] {
        let table = one_row("budget", ["period", "ac"], ["2026-03", cell]);
        let _ = table.number(0, 1);
    }
}

/// A milestone dated in the year 224 or 0 was taken as a plan 1,800 years late, while
/// a page's date before 1900 is refused (the eighth malformed hunt).
#[test]
fn a_date_before_1900_in_a_table_is_refused_as_on_a_page() {
    let table = one_row("milestones", ["name", "baseline"], ["上线", "0224-03-18"]);
    let e = table.date(0, 1).unwrap_err();
    assert!(e.to_string().contains("0224-03-18"), "{e}");
    let help = e.help.unwrap().to_string();
    assert!(help.contains("2024-03-18"), "{help}");
    let table = one_row("milestones", ["name", "baseline"], ["上线", "1900-01-01"]);
    assert!(table.date(0, 1).is_ok());
}

#[test]
fn a_spreadsheets_day_zero_in_a_table_is_told_as_such() {
    let table = one_row("milestones", ["name", "baseline"], ["上线", "1899-12-30"]);
    let help = table.date(0, 1).unwrap_err().help.unwrap().to_string();
    assert!(
        help.contains("how a spreadsheet shows an empty date"),
        "{help}"
    );
}

/// A period Excel wrote as `Mar-23` or as a day number was told only "write months as
/// YYYY-MM" (the eleventh session's list): the help names the month meant.
#[test]
fn a_period_in_words_or_as_a_day_number_is_told_its_month() {
    for (text, told) in [
        ("Mar-23", "would be 2023-03"),
        ("March 2024", "would be 2024-03"),
        ("2024 Mar", "would be 2024-03"),
        ("Sept. 2024", "would be 2024-09"),
        ("3/2024", "would be 2024-03"),
        ("45292", "the day 2024-01-01"),
        ("三月", "names a month but not its year"),
        ("3月", "names a month but not its year"),
        ("Mar", "names a month but not its year"),
        ("2024 Q1", "is a quarter, not a month"),
    ] {
        let help = super::month_help(text).to_string();
        assert!(help.contains(told), "{text}: {help}");
    }
    for text in ["23-Mar", "Marketing", "13/2024", "2024 Q5", "FY"] {
        let help = super::month_help(text).to_string();
        assert!(
            help.starts_with("write months as YYYY-MM"),
            "{text}: {help}"
        );
    }
}

#[test]
fn a_subtotal_named_for_what_it_adds_up_is_a_totals_label() {
    use super::is_totals_label;
    for label in [
        "合计",
        "合 计",
        "Total",
        "总计：",
        "Grand total",
        "研发中心小计",
        "市场部 小计",
        "一季度合计",
        "2024年总计",
        "合计（万元）",
        "小计(含税)",
        "合计：华东",
        "Q1 Total",
        "Total 2024",
        "Sub-total",
        "Sub total",
        "TOTAL COST",
    ] {
        assert!(is_totals_label(label), "{label}");
    }
    for label in [
        "总计划评审",
        "累计投入",
        "数据汇总",
        "合计划",
        "Totally new",
        "totalizer",
        "研发中心",
        "2024-Q1",
        "",
        "Q1",
    ] {
        assert!(!is_totals_label(label), "{label}");
    }
}
