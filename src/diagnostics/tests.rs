use super::*;

/// A one-line file (a minified JSON table, a YAML of 100,000 `[`) put its whole line
/// in the excerpt: 200 KB of terminal for one error. The excerpt is cut around the
/// spot, the header still naming its true line and column.
#[test]
fn a_long_line_is_cut_around_the_spot_in_the_excerpt() {
    let text: Arc<str> = format!(
        "title = \"门户\"\n{}错{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    )
    .into();
    let offset = text.find('错').unwrap_or_default();
    let d = Diagnostic::error(Problem::Content(t!("no table named `{name}`", name = "x"))).at(
        Location::new(Path::new("data/宽.json"), &text, offset, 100_000),
    );
    let shown = render(&d, Lang::ZhCn, false);
    assert!(shown.len() < 2_000, "{} bytes", shown.len());
    assert!(shown.contains("data/宽.json:2:100001"), "{shown}");
    assert!(shown.contains("[[[错]]]"), "{shown}");
}

#[test]
fn line_col_counts_characters_not_bytes() {
    let text = "第一行\n标题: 值\n";
    let offset = text.find('值').unwrap();
    assert_eq!(line_col(text, offset), (2, 5));
    assert_eq!(offset_of(text, 2, 5), offset);
}

#[test]
fn offsets_past_the_end_are_clamped() {
    assert_eq!(offset_of("ab\ncd", 9, 1), 5);
    assert_eq!(offset_of("ab\ncd", 2, 99), 5);
    assert_eq!(line_col("ab", 99), (1, 3));
}

#[test]
fn display_names_file_line_and_column() {
    let source: Arc<str> = Arc::from("---\ntitle: x\n---\n");
    let loc = Location::at_line_col(Path::new("content/a.md"), &source, 2, 8, 1);
    let d = Diagnostic::error(Problem::Content(messages::verbatim("bad")))
        .at(loc)
        .with_help(messages::verbatim("fix it"));
    assert_eq!(
        d.to_string(),
        "error: content/a.md:2:8: bad\n  help: fix it"
    );
}

/// Each report read its whole file to show five lines, so 15,000 warnings in one page
/// took 12 s to print (the fourth security hunt). The excerpt is the lines around the
/// spot, numbered as in the file.
#[test]
fn an_excerpt_deep_in_a_file_shows_its_own_lines_numbered_as_in_the_file() {
    let text: Arc<str> = (1..=40)
        .map(|n| format!("第 {n} 行\n"))
        .collect::<String>()
        .into();
    let offset = text.find("第 30 行").unwrap_or_default();
    let d = Diagnostic::warning(Problem::Content(t!("no table named `{name}`", name = "x")))
        .at(Location::new(Path::new("content/长.md"), &text, offset, 3));
    let shown = render(&d, Lang::ZhCn, false);
    assert!(shown.contains("content/长.md:30:1"), "{shown}");
    for n in 28..=32 {
        assert!(
            shown.contains(&format!("{n} │ 第 {n} 行")),
            "line {n}: {shown}"
        );
    }
    assert!(
        !shown.contains("第 1 行") && !shown.contains("第 34 行"),
        "{shown}"
    );
}

/// `1.234,56 €` was read as `1234.56 €` and warned with that text's length: the span
/// ended inside the `€`, and rendering the report panicked after public/ was swapped.
#[test]
fn a_span_ending_inside_a_character_reaches_its_end() {
    let text: Arc<str> = "period;ac\n2026-06;1.234,56 €\n".into();
    let offset = text.find('1').unwrap();
    for len in 1..=12 {
        let l = Location::new(Path::new("budget.csv"), &text, offset, len);
        assert!(text.is_char_boundary(l.offset + l.len), "{len}");
        let d =
            Diagnostic::warning(Problem::Content(t!("no table named `{name}`", name = "x"))).at(l);
        let shown = render(&d, Lang::En, false);
        assert!(shown.contains("budget.csv:2:9"), "{shown}");
    }
}

/// A warning about site.toml read "invalid site.toml: …" though the site built: only
/// an error says the file is invalid, in every form a diagnostic is shown.
#[test]
fn a_warning_about_site_toml_is_not_told_invalid() {
    let text: Arc<str> = "title = \"门户\"\n[currency.rates]\nDOLLAR = 7\n".into();
    let at = Location::new(
        Path::new("site.toml"),
        &text,
        text.find("DOLLAR").unwrap(),
        6,
    );
    let detail = || {
        t!(
            "`{key}` in `rates` is no currency code, and no project names it: its rate converts nothing",
            key = "DOLLAR"
        )
    };
    let warning = Diagnostic::warning(Problem::Config(detail())).at(at.clone());
    let error = Diagnostic::error(Problem::Config(detail())).at(at);
    for lang in [Lang::En, Lang::ZhCn] {
        for (d, invalid) in [(&warning, false), (&error, true)] {
            let shown = [
                d.to_string(),
                render(d, lang, false),
                d.to_json(lang)["message"].to_string(),
                d.message().render(lang),
            ];
            for told in shown {
                assert!(told.contains("DOLLAR"), "{told}");
                assert_eq!(
                    told.contains("invalid site.toml") || told.contains("site.toml 有误"),
                    invalid,
                    "{told}"
                );
            }
        }
    }
}
