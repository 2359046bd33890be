//! The rest of TOML's grammar errors, each told by what was written wrong.
//!
//! [`super::toml`] names the everyday mistakes with the line as it should be; what is
//! left here are the rarer ones (a table heading not closed, a number TOML does not
//! read, an escape it does not know). Without this table the parser's own words
//! (`unclosed table, expected `]``, `unquoted keys cannot be empty, expected letters,
//! numbers, `-`, `_``) reached the author untranslated and without a fix. Only the
//! parser's known descriptions match, so serde's messages about the values (an unknown
//! field, a wrong type) keep their own, more precise, explanations.

use super::Explained;
use crate::messages::Text;
use crate::t;

/// What went wrong, by the part of the grammar it concerns.
#[derive(Clone, Copy)]
enum Slip {
    TableHeading,
    ArrayTableHeading,
    InlineTable,
    List,
    ListWithAssignment,
    LongText,
    Escape,
    Number,
    EmptyKey,
    KeyAsLongText,
    TwoAssignments,
    NoValue,
    Comment,
    LoneCarriageReturn,
    DateTime,
    TooDeep,
}

/// The parser's descriptions (the text before `, expected`), each with its slip.
const DESCRIPTIONS: &[(&str, Slip)] = &[
    ("unclosed array table", Slip::ArrayTableHeading),
    ("unclosed table", Slip::TableHeading),
    ("missing table open", Slip::TableHeading),
    ("invalid table", Slip::TableHeading),
    ("unclosed inline table", Slip::InlineTable),
    ("missing inline table opening", Slip::InlineTable),
    ("invalid inline table element", Slip::InlineTable),
    ("missing key for inline table element", Slip::InlineTable),
    ("extra comma in inline table", Slip::InlineTable),
    ("missing comma between key-value pairs", Slip::InlineTable),
    ("extra comma in array", Slip::List),
    ("missing array opening", Slip::List),
    ("unexpected `=` in array", Slip::ListWithAssignment),
    ("invalid multi-line basic string", Slip::LongText),
    ("invalid multi-line literal string", Slip::LongText),
    ("missing escaped value", Slip::Escape),
    ("too few unicode value digits", Slip::Escape),
    ("integers with a radix cannot be signed", Slip::Number),
    ("radix must be lowercase", Slip::Number),
    ("unexpected leading zero", Slip::Number),
    ("unexpected sign", Slip::Number),
    ("redundant numeric sign", Slip::Number),
    ("redundant integer number prefix", Slip::Number),
    ("`_` may only go between digits", Slip::Number),
    ("invalid integer number", Slip::Number),
    ("invalid float", Slip::Number),
    ("invalid fraction", Slip::Number),
    ("invalid exponent", Slip::Number),
    ("invalid mantissa", Slip::Number),
    ("invalid hexadecimal number", Slip::Number),
    ("invalid octal number", Slip::Number),
    ("invalid binary number", Slip::Number),
    ("unquoted keys cannot be empty", Slip::EmptyKey),
    ("invalid key", Slip::EmptyKey),
    (
        "keys cannot be multi-line basic strings",
        Slip::KeyAsLongText,
    ),
    (
        "keys cannot be multi-line literal strings",
        Slip::KeyAsLongText,
    ),
    (
        "extra assignment between key-value pairs",
        Slip::TwoAssignments,
    ),
    ("extra `=`", Slip::TwoAssignments),
    ("missing value", Slip::NoValue),
    ("invalid value", Slip::NoValue),
    ("invalid key-value pair", Slip::NoValue),
    ("invalid string", Slip::NoValue),
    ("invalid boolean", Slip::NoValue),
    ("invalid comment character", Slip::Comment),
    (
        "unexpected content between comment and newline",
        Slip::Comment,
    ),
    ("missing comment start", Slip::Comment),
    (
        "carriage return must be followed by newline",
        Slip::LoneCarriageReturn,
    ),
    ("invalid date-time", Slip::DateTime),
    ("invalid date", Slip::DateTime),
    ("invalid time", Slip::DateTime),
    ("invalid offset", Slip::DateTime),
    (
        "cannot recurse further; max recursion depth met",
        Slip::TooDeep,
    ),
];

/// Explains a TOML grammar error the everyday cases in [`super::toml`] left, when
/// `message` is one of the parser's; `line` is the line holding the error.
pub(super) fn explain(message: &str, line: &str) -> Option<Explained> {
    let description = message.split(", expected").next().unwrap_or(message);
    // Whole descriptions only: serde's `invalid value: …, expected …` starts like the
    // parser's `invalid value`, and is told better by `messages::library`.
    let slip = DESCRIPTIONS
        .iter()
        .find(|(d, _)| description == *d)
        .map(|&(_, slip)| slip)?;
    let (problem, help) = told(slip, line);
    Some(Explained {
        problem,
        help,
        at: None,
    })
}

fn told(slip: Slip, line: &str) -> (Text, Text) {
    let (key, value) = super::toml_key_value(line);
    match slip {
        Slip::TableHeading => (
            t!("a table heading is not written as `[name]`"),
            t!("a table heading stands alone on its line, its name between `[` and `]` (`[thresholds]`); a value goes after `key =` instead"),
        ),
        Slip::ArrayTableHeading => (
            t!("a heading of repeated tables is not written as `[[name]]`"),
            t!("write the heading alone on its line, its name between `[[` and `]]`"),
        ),
        Slip::InlineTable => (
            t!("a group `{{ … }}` is not written right"),
            t!("write a group on one line as `{{ key = \"value\", other = 1 }}`: a comma between pairs, none after the last, and `}}` at the end"),
        ),
        Slip::List => (
            t!("a list is not written right"),
            t!("write a list as `[\"a\", \"b\"]`: items in quotes, one comma between two of them, `]` at the end"),
        ),
        Slip::ListWithAssignment => (
            t!("a list holds `=`: a list holds values only"),
            t!("write a list as `[\"a\", \"b\"]`; named values go in a group, `{{ state = \"open\" }}`"),
        ),
        Slip::LongText => (
            t!("a text opened with three quotes is not closed"),
            t!("end a text over several lines with the same three quotes it starts with (`\"\"\"` or `'''`); text on one line takes one quote at each end"),
        ),
        Slip::Escape => (
            t!("a backslash starts an escape TOML does not know"),
            t!("inside double quotes write a backslash as `\\\\`, or put the text in single quotes, where a backslash is kept as it is (`path = 'D:\\Reports'`)"),
        ),
        Slip::Number => (
            t!("`{value}` is not a number TOML reads", value = value),
            t!("write a plain number (`0.95`, `-3`, `1200000`); a code that starts with 0 or holds letters is text and goes in quotes (`code = \"{value}\"`)", value = value.trim_matches(['"', '\''])),
        ),
        Slip::EmptyKey => (
            t!("this line has no key before `=`, or a key TOML cannot read"),
            t!("write each setting as `key = value` on a line of its own; a key is letters, digits, `_` and `-`, or in quotes (`\"Project A\" = 1`)"),
        ),
        Slip::KeyAsLongText => (
            t!("a key is written with three quotes"),
            t!("a key takes one quote at each end (`\"Project A\" = 1`), or none"),
        ),
        Slip::TwoAssignments => (
            t!("this line has more than one `=`"),
            t!("a line holds one `key = value`; an `=` inside a text goes between the text's quotes (`note = \"a = b\"`)"),
        ),
        Slip::NoValue => (
            t!("a value is missing or TOML cannot read it"),
            t!("write a value after `=`: text in double quotes (`title = \"…\"`), numbers and true/false bare, a list as `[\"a\", \"b\"]`"),
        ),
        Slip::Comment => (
            t!("a comment holds a character TOML does not allow"),
            t!("a comment starts with `#` and runs to the end of its line; delete the invisible character (a control character pasted from another program)"),
        ),
        Slip::LoneCarriageReturn => (
            t!("a line ends in a lone carriage return"),
            t!("save the file with ordinary line endings (LF, or CR LF as Windows writes them)"),
        ),
        Slip::DateTime => (
            t!("`{value}` is not a date TOML reads", value = value),
            t!("write a date as `2024-03-05` (year, month, day, with `-`); a month or anything else is text and goes in quotes (`{key} = \"{value}\"`)", key = key, value = value),
        ),
        Slip::TooDeep => (
            t!("lists or groups are nested too deeply"),
            t!("close each `[` and `{{` you open; lists and groups nest a few levels at most"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(message: &str, line: &str) -> String {
        explain(message, line).unwrap().problem.to_string()
    }

    #[test]
    fn every_listed_description_is_explained() {
        for (description, _) in DESCRIPTIONS {
            let message = format!("{description}, expected `]`");
            let told = explain(&message, "key = value").unwrap();
            assert!(!told.problem.to_string().contains("expected"), "{message}");
        }
    }

    #[test]
    fn a_table_heading_left_open_is_named() {
        assert_eq!(
            problem("unclosed table, expected `]`", "[thresholds"),
            "a table heading is not written as `[name]`"
        );
        assert_eq!(
            problem("unclosed array table, expected `]]`", "[[x]"),
            "a heading of repeated tables is not written as `[[name]]`"
        );
    }

    #[test]
    fn a_number_names_the_value_written() {
        let told = explain("unexpected leading zero", "code = 007").unwrap();
        assert_eq!(told.problem.to_string(), "`007` is not a number TOML reads");
        assert!(told.help.to_string().contains("`code = \"007\"`"));
    }

    #[test]
    fn serde_messages_are_left_to_their_own_explanations() {
        for message in [
            "unknown field `colour`, expected one of `type`, `data`",
            "invalid type: string \"x\", expected a sequence",
            "missing field `data`",
            "wanted exactly 1 element, found 0 elements",
            "invalid value: integer `-1`, expected a whole number from 0 up",
        ] {
            assert!(explain(message, "x = 1").is_none(), "{message}");
        }
    }
}
