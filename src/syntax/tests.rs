use super::*;

fn at(text: &str, needle: &str) -> usize {
    text.find(needle).unwrap()
}

/// A list whose `]` went missing: saphyr's "illegal placement of ':' indicator" at the
/// next field, in English and without help; told at the open bracket.
#[test]
fn a_list_left_open_is_told_at_its_bracket() {
    let text = "title: 周报\ntags: [风险, 供应商\nowner: 王芳\n";
    let e = yaml(
        "illegal placement of ':' indicator",
        text,
        at(text, "owner") + 5,
    )
    .unwrap();
    assert_eq!(e.at, Some(at(text, "[风险")));
    assert!(
        e.problem.to_string().contains("not closed"),
        "{}",
        e.problem
    );
}

#[test]
fn a_toml_text_without_quotes_is_shown_quoted() {
    let text = "title = PMO 门户\n";
    let e = toml(
        "string values must be quoted, expected literal string",
        text,
        8,
    )
    .unwrap();
    assert!(
        e.help.to_string().contains("`title = \"PMO 门户\"`"),
        "{}",
        e.help
    );
}

/// Written as YAML (`title: "门户"`) or with a Chinese input method's colon: told to
/// use `=`, with the line as it should be.
#[test]
fn a_toml_setting_written_with_a_colon_is_shown_with_an_equals_sign() {
    for (text, fixed) in [
        ("title: \"PMO 门户\"\n", "`title = \"PMO 门户\"`"),
        ("title：PMO 门户\n", "`title = \"PMO 门户\"`"),
        ("paginate: 20\n", "`paginate = 20`"),
    ] {
        let error = toml::from_str::<toml::Table>(text).unwrap_err();
        let offset = error.span().map_or(0, |s| s.start);
        let e = toml(error.message(), text, offset).unwrap();
        assert!(e.help.to_string().contains(fixed), "{text}: {}", e.help);
    }
}

/// `title = "门户”`: the closing quote typed by a Chinese input method closes
/// nothing; the help names the mark.
#[test]
fn a_quote_closed_with_a_chinese_quotation_mark_is_named() {
    let text = "title = \"PMO 门户”\n";
    let error = toml::from_str::<toml::Table>(text).unwrap_err();
    let offset = error.span().map_or(0, |s| s.start);
    let e = toml(error.message(), text, offset).unwrap();
    assert!(e.help.to_string().contains("`”`"), "{}", e.help);
    let text = "title: \"周报”\ndate: 2024-03-18\n";
    let e = yaml(
        "while scanning a quoted scalar, found unexpected end of stream",
        text,
        7,
    )
    .unwrap();
    assert!(e.help.to_string().contains("`”`"), "{}", e.help);
}

#[test]
fn a_toml_key_written_twice_is_named() {
    let text = "title = \"a\"\ntitle = \"b\"\n";
    let e = toml("duplicate key", text, 12).unwrap();
    assert_eq!(e.problem.to_string(), "`title` is written twice");
}

#[test]
fn an_open_quote_is_pointed_at_where_it_opens() {
    let text = "title: x\ncategory: \"沟通管理\nowner: 甲\n";
    let e = yaml(
        "invalid indentation in multiline quoted scalar",
        text,
        at(text, "owner"),
    )
    .unwrap();
    assert_eq!(e.at, Some(at(text, "\"沟通")));
    let text = "title = \"x\"\ncategory = \"沟通\n";
    let e = toml("invalid basic string, expected `\"`", text, text.len() - 1).unwrap();
    assert_eq!(e.at, Some(at(text, "\"沟通")));
}

#[test]
fn a_tab_is_pointed_at() {
    let text = "title: x\n\tphase: a\n";
    let e = yaml("while scanning a plain scalar, found a tab", text, 7).unwrap();
    assert_eq!(e.at, Some(at(text, "\t")));
}

#[test]
fn a_value_yaml_reads_as_syntax_is_shown_quoted() {
    let text = "category: 沟通: 管理\n";
    let e = yaml("mapping values are not allowed in this context", text, 16).unwrap();
    assert!(
        e.help.to_string().contains("`category: \"沟通: 管理\"`"),
        "{}",
        e.help
    );
    let text = "owner: 张三\n  reviewer: 李四\n";
    let e = yaml("mapping values are not allowed in this context", text, 22).unwrap();
    assert!(e.problem.to_string().contains("indented"), "{}", e.problem);
    let text = "summary: *重点* 在前\n";
    let e = yaml("alias references unknown anchor", text, 9).unwrap();
    assert!(
        e.help.to_string().contains("`summary: \"*重点* 在前\"`"),
        "{}",
        e.help
    );
    let text = "owner: @张三\n";
    let e = yaml("unexpected character: `@'", text, 7).unwrap();
    assert_eq!(
        e.problem.to_string(),
        "a value starts with `@`, which YAML keeps for itself"
    );
}

#[test]
fn a_toml_date_that_does_not_exist_is_named_by_its_value() {
    let e = toml(
        "invalid date, expected day between 01 and 29",
        "as_of = 2024-02-30 # 月末\n",
        8,
    )
    .unwrap();
    assert!(
        e.problem.to_string().contains("`2024-02-30` is not a date"),
        "{}",
        e.problem
    );
}

#[test]
fn json_mistakes_by_hand_are_named() {
    assert!(json("EOF while parsing a list", true).is_some());
    let e = json("trailing comma", false).unwrap();
    assert!(e
        .problem
        .to_string()
        .contains("a comma after the last item"));
    assert!(json("expected value", false).is_some());
}

#[test]
fn other_messages_are_left_to_the_caller() {
    assert_eq!(toml("unknown field `d`, expected `x`", "d = 1", 0), None);
    // A month written bare is no date TOML reads: told with the quotes it wants.
    let e = toml("invalid date, expected `-` (MM-DD)", "d = 2024-13", 4).unwrap();
    assert_eq!(e.problem.to_string(), "`2024-13` is not a date TOML reads");
    assert!(e.help.to_string().contains("`d = \"2024-13\"`"));
    assert_eq!(yaml("recursion limit exceeded", "a: b", 0), None);
}
