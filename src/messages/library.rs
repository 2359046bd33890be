//! serde's and toml's messages (through the YAML, TOML and JSON readers) in the reader's
//! words: each of their usual shapes becomes a message a translation can carry.

use super::{recognize, verbatim, Text};
use crate::t;

/// The choices serde lists after "expected": "one of `a`, `b`, `c`", or for two "`a` or
/// `b`", as `a`, `b` (the English "or" stayed in a Chinese message, `title` under
/// `[budget]`); `None` for one choice.
fn one_of(expected: &str) -> Option<String> {
    if let Some(listed) = expected.strip_prefix("one of ") {
        return Some(listed.to_string());
    }
    expected
        .split_once("` or `")
        .filter(|(a, b)| a.starts_with('`') && b.ends_with('`'))
        .map(|(a, b)| format!("{a}`, `{b}"))
}

/// A message from serde (through the YAML, TOML or JSON reader), translated where it has
/// one of serde's usual shapes; the parts quoted from the input stay as they are.
pub fn library(message: &str) -> Text {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((field, expected)) = rest.split_once("`, expected ") {
            if let Some(listed) = one_of(expected) {
                return t!(
                    "unknown field `{field}`, expected one of {expected}",
                    field = field,
                    expected = listed
                );
            }
            return t!(
                "unknown field `{field}`, expected {expected}",
                field = field,
                expected = expected
            );
        }
    }
    if let Some(value) = message
        .strip_prefix("non-finite float `")
        .and_then(|r| r.strip_suffix("` rejected by the configured policy"))
    {
        return t!(
            "`{value}` is no finite number (too large, or not a number at all): check it for a typo or a misplaced exponent (`e`)",
            value = value
        );
    }
    // Our own date reader's words, through serde (src/date.rs).
    if let Some((value, day)) = message
        .strip_prefix('`')
        .and_then(|r| r.split_once("` is a date and a time: write the day alone, as "))
    {
        return t!(
            "`{value}` is a date and a time: write the day alone, as {day}",
            value = value,
            day = day
        );
    }
    if let Some(value) = message
        .strip_prefix('`')
        .and_then(|r| r.strip_suffix("` is not a date: write it as YYYY-MM-DD"))
    {
        return t!(
            "`{value}` is not a date: write it as YYYY-MM-DD",
            value = value
        );
    }
    if message == "floating-point number overflowed" {
        return t!("the number is out of range, larger than any figure: check it for a typo or a misplaced exponent (`e`)");
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        if let Some((value, expected)) = rest.split_once("`, expected ") {
            if let Some(listed) = one_of(expected) {
                return t!(
                    "unknown value `{value}`, expected one of {expected}",
                    value = value,
                    expected = listed
                );
            }
            return t!(
                "unknown value `{value}`, expected {expected}",
                value = value,
                expected = expected
            );
        }
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return t!("missing field `{field}`", field = field);
    }
    if let Some(field) = message
        .strip_prefix("duplicate field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return t!("the field `{field}` is given twice", field = field);
    }
    if message.starts_with("wanted exactly 1 element") {
        // serde reading a choice (`type = "bar"`) from a table: `[type]` or `type = {}`.
        return t!(
            "wrong kind of value: found {found}, expected {expected}",
            found = t!("a group of named fields"),
            expected = t!("one value")
        );
    }
    if message == "wanted string or table" {
        // toml reading a choice (`type = "bar"`) from a number, a date or a list.
        return t!(
            "wrong kind of value: expected {expected}",
            expected = t!("text in quotes")
        );
    }
    if let Some(told) = not_whole(message) {
        return told;
    }
    for (prefix, is_type) in [("invalid type: ", true), ("invalid value: ", false)] {
        if let Some((found, expected)) = message
            .strip_prefix(prefix)
            .and_then(|r| r.split_once(", expected "))
        {
            let expected = expected_in_words(expected);
            let found = found_in_words(found);
            return if is_type {
                t!(
                    "wrong kind of value: found {found}, expected {expected}",
                    found = found,
                    expected = expected
                )
            } else {
                t!(
                    "invalid value: found {found}, expected {expected}",
                    found = found,
                    expected = expected
                )
            };
        }
    }
    // One of ours rendered in English inside the library's message (a value's own
    // `Deserialize` can only hand serde a string).
    recognize::recognized(message).unwrap_or_else(|| verbatim(message))
}

/// A number a whole-number setting cannot hold, as serde reports it: an integer past
/// 64 bits (`integer `…` as i128`) or any float (`1e20`, `2.5`, `1e3`). Told as too
/// large, not whole, or to be written as digits, instead of a "wrong kind of value".
fn not_whole(message: &str) -> Option<Text> {
    let (found, expected) = message
        .strip_prefix("invalid type: ")?
        .split_once(", expected ")?;
    let whole = matches!(
        expected,
        "usize"
            | "u8"
            | "u16"
            | "u32"
            | "u64"
            | "isize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "an integer"
    );
    if !whole {
        return None;
    }
    let expected = expected_in_words(expected);
    if let Some(big) = found.strip_prefix("integer `").and_then(|r| {
        r.strip_suffix("` as i128")
            .or_else(|| r.strip_suffix("` as u128"))
    }) {
        return Some(t!(
            "`{value}` is too large: expected {expected}",
            value = big,
            expected = expected
        ));
    }
    let float = found.strip_prefix("floating point `")?.strip_suffix('`')?;
    let number = float.parse::<f64>().ok()?;
    let digits = float.strip_suffix(".0").unwrap_or(float);
    // 2^63, exactly a float: no whole-number setting holds as much.
    Some(
        if number.abs() >= 9_223_372_036_854_775_808.0 || !number.is_finite() {
            t!(
                "`{value}` is too large: expected {expected}",
                value = digits,
                expected = expected
            )
        } else if number.fract() != 0.0 {
            t!(
                "`{value}` is not a whole number: expected {expected}",
                value = digits,
                expected = expected
            )
        } else {
            t!(
                "a whole number is written without a point or an exponent: write `{value}`",
                value = digits
            )
        },
    )
}

/// What serde expected, in words when it names a Rust type (`usize`, `f64`).
fn expected_in_words(expected: &str) -> Text {
    match expected {
        "a sequence" => t!("a list"),
        "a map" => t!("a group of named fields"),
        "usize" | "u8" | "u16" | "u32" | "u64" => t!("a whole number from 0 up"),
        "isize" | "i8" | "i16" | "i32" | "i64" | "an integer" => t!("a whole number"),
        "f32" | "f64" | "a float" | "a number" => t!("a number"),
        "a boolean" => t!("true or false"),
        "a string" => t!("text in quotes"),
        "a date written YYYY-MM-DD" => t!("a date written YYYY-MM-DD"),
        "a day written YYYY-MM-DD, or a month written YYYY-MM" => {
            t!("a day written YYYY-MM-DD, or a month written YYYY-MM")
        }
        _ => verbatim(expected),
    }
}

/// toml's `message` for the value at `offset` of `text`, as [`library`] tells it. toml
/// hands a date to serde as a table holding its text, so a date where something else
/// belongs was told as "the text "2024-03-18" (in quotes)" or "a group of named
/// fields": it is named a date.
pub fn toml_library(message: &str, text: &str, offset: usize) -> Text {
    let value: &str = text.get(offset..).map_or("", |rest| {
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | '}' | ']' | '#'))
            .unwrap_or(rest.len());
        &rest[..end]
    });
    let bytes = value.as_bytes();
    let is_date = bytes.len() >= 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| bytes[i].is_ascii_digit());
    let expected = message
        .strip_prefix("invalid type: ")
        .and_then(|r| r.split_once(", expected "))
        .map(|(_, expected)| expected);
    match expected {
        Some(expected) if is_date => library(&format!(
            "invalid type: date `{value}`, expected {expected}"
        )),
        _ => library(message),
    }
}

/// What serde found, in the reader's words: `map` and `sequence` are its terms for a
/// group of named fields (`{"x": 1}`) and a list (`[1, 2]`).
fn found_in_words(found: &str) -> Text {
    match found {
        "map" => t!("a group of named fields"),
        "sequence" => t!("a list"),
        "unit value" | "null" => t!("nothing"),
        _ => {
            // `string "false"`, `integer `-1``, `floating point `2.5``: the value as
            // written, named in the reader's words.
            if let Some(text) = found.strip_prefix("string ") {
                return t!("the text {value} (in quotes)", value = text);
            }
            if let Some(date) = found
                .strip_prefix("date `")
                .and_then(|r| r.strip_suffix('`'))
            {
                return t!("the date {value}", value = date);
            }
            if let Some(value) = found
                .strip_prefix("boolean `")
                .and_then(|r| r.strip_suffix('`'))
            {
                return t!("the value {value} (true or false)", value = value);
            }
            // toml names a number past 64 bits `integer `…` as i128`.
            let found = found
                .strip_suffix(" as i128")
                .or_else(|| found.strip_suffix(" as u128"))
                .unwrap_or(found);
            let number = ["integer `", "floating point `"]
                .iter()
                .find_map(|p| found.strip_prefix(p)?.strip_suffix('`'));
            match number {
                Some(n) => t!("the number {value}", value = n),
                None => verbatim(found),
            }
        }
    }
}
