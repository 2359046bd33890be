use super::*;

#[test]
fn holes_are_filled_by_name_in_either_language() {
    let text = t!("cannot read: {reason}", reason = t!("permission denied"));
    assert_eq!(text.to_string(), "cannot read: permission denied");
    assert_eq!(text.render(Lang::ZhCn), "无法读取：没有权限");
}

#[test]
fn braces_can_be_written_doubled() {
    let text = t!("{{x}} is {value}", value = 3usize);
    assert_eq!(text.to_string(), "{x} is 3");
    assert_eq!(holes("{{x}} {a} and {b}"), ["a", "b"]);
}

#[test]
fn serdes_words_for_lists_and_groups_are_told_in_the_readers() {
    let told = library("invalid type: map, expected a sequence").render(Lang::ZhCn);
    assert!(
        !told.contains("map") && !told.contains("sequence"),
        "{told}"
    );
    let told = library("invalid type: integer `1`, expected a map").render(Lang::ZhCn);
    assert!(told.contains("数字 1") && !told.contains("a map"), "{told}");
}

/// site.toml's `as_of = true` was told "写的是 boolean `true`，应为 a date written
/// YYYY-MM-DD": the date's own expectation and a true/false value reached a Chinese
/// site in English.
#[test]
fn a_true_or_false_where_a_date_belongs_is_told_in_the_readers_words() {
    let told = library("invalid type: boolean `true`, expected a date written YYYY-MM-DD")
        .render(Lang::ZhCn);
    assert!(
        !told.contains("boolean") && !told.contains("date written"),
        "{told}"
    );
    assert!(
        told.contains("true") && told.contains("YYYY-MM-DD"),
        "{told}"
    );
    let told = library(
        "invalid type: boolean `true`, expected a day written YYYY-MM-DD, or a month written YYYY-MM",
    )
    .render(Lang::ZhCn);
    assert!(
        told.contains("YYYY-MM 的月份") && !told.contains("day written"),
        "{told}"
    );
    let told = library(
            "invalid type: integer `99999999999999999999999` as i128, expected a date written YYYY-MM-DD",
        )
        .render(Lang::ZhCn);
    assert!(
        told.contains("数字 99999999999999999999999") && !told.contains("i128"),
        "{told}"
    );
}

#[test]
fn a_message_without_translation_stays_english() {
    let text = verbatim("disk on fire");
    assert_eq!(text.render(Lang::ZhCn), "disk on fire");
}

#[test]
fn serde_messages_are_translated_by_shape() {
    let text = library("invalid type: string \"abc\", expected a number");
    assert_eq!(
        text.render(Lang::ZhCn),
        "值的类型不对：写的是 带引号的文字 \"abc\"，应为 数字"
    );
    let text = library("unknown field `titel`, expected one of `title`, `date`");
    assert_eq!(
        text.to_string(),
        "unknown field `titel`, expected one of `title`, `date`"
    );
    assert_eq!(library("tab found").to_string(), "tab found");
    // Rust's type names are no words for a user.
    let text = library("invalid type: string \"20\", expected usize");
    assert_eq!(
        text.to_string(),
        "wrong kind of value: found the text \"20\" (in quotes), expected a whole number from 0 up"
    );
    assert_eq!(
        text.render(Lang::ZhCn),
        "值的类型不对：写的是 带引号的文字 \"20\"，应为 非负整数"
    );
    let text = library("invalid value: integer `-1`, expected usize");
    assert!(
        text.to_string()
            .ends_with("expected a whole number from 0 up"),
        "{text}"
    );
    // A whole-number setting given a number it cannot hold: too large, a fraction or
    // an exponent, told so rather than as a "wrong kind" with Rust's `i128` in it.
    let text = library("invalid type: integer `99999999999999999999` as i128, expected usize");
    assert_eq!(
        text.render(Lang::ZhCn),
        "`99999999999999999999` 太大：应为非负整数"
    );
    let text = library("invalid type: floating point `100000000000000000000.0`, expected usize");
    assert_eq!(
        text.to_string(),
        "`100000000000000000000` is too large: expected a whole number from 0 up"
    );
    let text = library("invalid type: floating point `2.5`, expected usize");
    assert_eq!(
        text.to_string(),
        "`2.5` is not a whole number: expected a whole number from 0 up"
    );
    let text = library("invalid type: floating point `1000.0`, expected u32");
    assert_eq!(
        text.to_string(),
        "a whole number is written without a point or an exponent: write `1000`"
    );
    // serde's "one of" is part of the template, so Chinese gets no English in it.
    let text = library("unknown variant `执行`, expected one of `initiation`, `planning`");
    assert_eq!(
        text.render(Lang::ZhCn),
        "未知的值 `执行`，可取 `initiation`, `planning`"
    );
    assert_eq!(
        text.to_string(),
        "unknown value `执行`, expected one of `initiation`, `planning`"
    );
    let text = library("unknown field `titel`, expected one of `title`, `date`");
    assert_eq!(
        text.render(Lang::ZhCn),
        "未知字段 `titel`，可用的有 `title`, `date`"
    );
    // Two choices are "`a` or `b`" to serde: no English "or" in Chinese either.
    let text = library("unknown variant `zh-TW`, expected `zh-CN` or `en`");
    assert_eq!(
        text.render(Lang::ZhCn),
        "未知的值 `zh-TW`，可取 `zh-CN`, `en`"
    );
    // An unknown field of a table of two fields (`title` under `[budget]`) likewise.
    let text = library("unknown field `title`, expected `basis` or `tolerance`");
    assert_eq!(
        text.render(Lang::ZhCn),
        "未知字段 `title`，可用的有 `basis`, `tolerance`"
    );
    // TOML's overflow (`cpi_green = 1e400`) says what is wrong in the reader's words.
    let text = library("floating-point number overflowed");
    assert!(!text.render(Lang::ZhCn).contains("overflowed"), "{text}");
    assert!(text.to_string().contains("out of range"), "{text}");
}

#[test]
fn language_codes() {
    assert_eq!(Lang::from_code("zh-CN"), Lang::ZhCn);
    assert_eq!(Lang::from_code("zh"), Lang::ZhCn);
    assert_eq!(Lang::from_code("en"), Lang::En);
    assert_eq!(Lang::from_code("fr"), Lang::En);
}
