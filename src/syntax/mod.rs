//! TOML, YAML and JSON syntax errors in words, with the fix.
//!
//! The parsers say what their grammar missed (`string values must be quoted, expected
//! literal string`, `mapping values are not allowed in this context`), in English and
//! without the fix. Authors of site.toml, front matter, chart blocks and data files make
//! a handful of mistakes again and again — a text without quotes, a quote not closed, a
//! `: ` inside a value, a tab, a key written twice — so each is named here by what the
//! author did, with the line as it should be. Shared by every stage that parses TOML or
//! YAML, so the same mistake reads the same wherever it is made.

mod controls;
mod grammar;
mod properties;
mod stray;
pub use properties::dropped_properties;
pub use stray::stray_character;

use crate::messages::Text;
use crate::t;

/// A syntax error told in words: the problem, its fix, and where it truly lies when the
/// parser noticed it later (a quote left open is found on the next line).
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    pub problem: Text,
    pub help: Text,
    /// The byte offset in the parsed text to point at instead of the parser's.
    pub at: Option<usize>,
}

/// Explains the TOML parser's `message` about `text` at byte `offset`, when it is one of
/// the mistakes people make by hand.
pub fn toml(message: &str, text: &str, offset: usize) -> Option<Explained> {
    let (message, offset, line) = (message.trim(), floor(text, offset), line_at(text, offset));
    if message.starts_with("floating-point number overflowed") {
        // Told without a help line before (the malformed sweep, seed 88).
        return explained_here(
            t!("the number is out of range, larger than any figure: check it for a typo or a misplaced exponent (`e`)"),
            t!("write the number as digits, e.g. `7.1` or `1200000`"),
        );
    }
    if message.starts_with("duplicate key") {
        let key = key_at(text, offset);
        return explained_here(
            t!("`{field}` is written twice", field = key),
            t!("keep one of the two `{field}` lines", field = key),
        );
    }
    // `key = text"`: the closing quote is there, the opening one is not.
    if message.starts_with("string values must be quoted")
        || message.starts_with("missing opening quote")
    {
        let (key, value) = toml_key_value(line);
        let value = value.trim_matches('"');
        return explained_here(
            t!("the text `{value}` is not in quotes", value = value),
            t!(
                "write text between double quotes: `{key} = \"{value}\"`",
                key = key,
                value = value.replace('\\', "\\\\").replace('"', "\\\"")
            ),
        );
    }
    if message.starts_with("invalid basic string") || message.starts_with("invalid literal string")
    {
        let quote = if message.contains("basic") { '"' } else { '\'' };
        let at = line_start(text, offset) + line.find(quote).unwrap_or(0);
        return Some(Explained {
            problem: t!("a quote is opened and not closed on its line"),
            help: chinese_close_help(line, quote).unwrap_or_else(|| t!("end the text with the quote it starts with (`{quote}`) on the same line; text over several lines goes between `\"\"\"` and `\"\"\"`", quote = quote.to_string())),
            at: Some(at),
        });
    }
    if message.starts_with("unclosed array") || message.starts_with("missing comma between array") {
        return explained_here(
            t!("a list is not closed, or two of its items have no comma between them"),
            t!("write a list as `[\"a\", \"b\"]`: items in quotes, a comma between them, `]` at the end"),
        );
    }
    if message.starts_with("unexpected key or value") || message.starts_with("unexpected content") {
        return explained_here(
            t!("more follows the value on this line"),
            t!("a line holds one `key = value`: put the whole text in double quotes, and write a quote inside it as `\\\"`"),
        );
    }
    if message.starts_with("key with no value") || message.starts_with("missing assignment") {
        if let Some(fixed) = colon_for_equals(line) {
            return explained_here(
                t!("this line has no `=`"),
                t!(
                    "a setting is written with `=`, not a colon: `{fixed}`",
                    fixed = fixed
                ),
            );
        }
        return explained_here(
            t!("this line has no `=`"),
            t!("write each setting as `key = value` on a line of its own; text over several lines goes between `\"\"\"` and `\"\"\"`"),
        );
    }
    if message.starts_with("invalid date") {
        // A date TOML reads as one (unquoted) but no such day: told as front matter and
        // tables tell it, from the value.
        let value = text[offset..]
            .split(|c: char| c.is_whitespace() || c == '#' || c == ',' || c == ']')
            .next()
            .unwrap_or("");
        let shaped = value.len() == 10
            && value.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if let (true, Err(problem)) = (shaped, crate::date::Date::parse(value)) {
            return explained_here(
                problem,
                t!("the format is right but no such day exists: check the month and the day"),
            );
        }
    }
    if message.starts_with("invalid unquoted key") {
        return explained_here(
            t!("a key holds a character keys may not hold without quotes"),
            t!("write keys of letters, digits, `_` and `-`, or put the key in quotes (`\"Project A\" = 1`); a text value goes after `=` in quotes"),
        );
    }
    grammar::explain(message, line)
}

/// `key: value` or `key：value` (YAML's way, or a Chinese input method's colon) as the
/// TOML line it means, `key = value`, its text quoted when it is not a number, a
/// boolean, a list or already quoted.
fn colon_for_equals(line: &str) -> Option<String> {
    let (key, value) = line.split_once([':', '：'])?;
    let key = key.trim();
    let plain_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !plain_key {
        return None;
    }
    let value = value.split(" #").next().unwrap_or("").trim();
    let literal = value.starts_with(['"', '\'', '[', '{'])
        || value == "true"
        || value == "false"
        || value.parse::<f64>().is_ok();
    let value = if literal {
        value.to_string()
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    };
    Some(format!("{key} = {value}"))
}

/// The help for a quote a Chinese input method "closed" with `”` or `’` (or `“`): a
/// different character, so the ASCII quote that `line` opens stays open.
fn chinese_close_help(line: &str, quote: char) -> Option<Text> {
    let after = &line[line.find(quote)? + 1..];
    let mark = after.chars().find(|c| matches!(c, '”' | '“' | '’' | '‘'))?;
    Some(t!(
        "the value ends with a Chinese quotation mark `{mark}`, which does not close `{quote}`: type the closing `{quote}` with the input method in English mode",
        mark = mark.to_string(),
        quote = quote.to_string()
    ))
}

/// Explains the YAML parser's `message` about `text` (a front matter or a YAML data file)
/// at byte `offset`.
pub fn yaml(message: &str, text: &str, offset: usize) -> Option<Explained> {
    let (message, offset, line) = (message.trim(), floor(text, offset), line_at(text, offset));
    if message.contains("found a tab") || message.contains("tabs") {
        let start = line_start(text, offset);
        let at = text[start..]
            .find('\t')
            .map(|i| start + i)
            .or_else(|| text.find('\t'));
        return Some(Explained {
            problem: t!("a tab character: YAML allows only spaces here"),
            help: t!("replace the tab with spaces (or delete it): a field starts at the beginning of its line, and an item under it is indented with spaces"),
            at,
        });
    }
    // A byte order mark pasted in with a line from another file: the YAML reader's
    // own words, in English and with no help, were all the author got.
    if message.contains("BOM must not appear") {
        let start = line_start(text, offset);
        let at = text[start..]
            .find('\u{FEFF}')
            .map(|i| start + i)
            .or_else(|| text.get(1..)?.find('\u{FEFF}').map(|i| i + 1));
        return Some(Explained {
            problem: t!("a byte order mark (U+FEFF), which shows as nothing and belongs only at the start of a file"),
            help: t!("delete it: it came with text pasted or joined from another file; an editor that shows invisible characters finds it, or retype the line"),
            at,
        });
    }
    if message.contains("mapping values are not allowed") && line.starts_with([' ', '\t']) {
        return explained_here(
            t!("this line is indented, so YAML reads it as the rest of the value above"),
            t!("remove the spaces at the start of the line: a field starts at the beginning of its line"),
        );
    }
    if message.contains("mapping values are not allowed") {
        return explained_here(
            t!("a value holds `: ` (a colon and a space), which YAML reads as the start of another field"),
            quote_help(line),
        );
    }
    // Aliases of aliases (`b: [*a, *a, …]` nine deep, "a billion laughs"): the reader
    // stops at its budget, and its words (`budget breached: Nodes { nodes: 250001 }`)
    // were the whole message, in English on a Chinese site (the twenty-third hunt).
    if message.contains("budget breached") {
        return explained_here(
            t!("the aliases (`*name`) here repeat what their anchors (`&name`) hold so many times over that the file would grow past what a page or a table can hold"),
            t!("write the values out where they belong, without `&` anchors and `*` aliases: a table or a front matter needs none"),
        );
    }
    if message.contains("alias references unknown anchor") {
        return explained_here(
            t!("a value starts with `*`, which YAML reads as a reference to an anchor"),
            quote_help(line),
        );
    }
    // `title: !紧急 宕机`: a tag of characters a tag may not hold, told by the scanner
    // in its own English with no help before (the eighteenth malformed hunt).
    if message.contains("while scanning a tag") || message.contains("while parsing a tag") {
        return explained_here(
            t!(
                "a value starts with `{c}`, which YAML keeps for itself",
                c = "!".to_string()
            ),
            quote_help(line),
        );
    }
    if let Some(explained) = controls::in_yaml_value(message, text, offset) {
        return Some(explained);
    }
    if let Some(c) = message
        .strip_prefix("unexpected character: `")
        .and_then(|r| r.chars().next())
    {
        return explained_here(
            t!(
                "a value starts with `{c}`, which YAML keeps for itself",
                c = c.to_string()
            ),
            quote_help(line),
        );
    }
    if let Some(rest) = message.strip_prefix("unclosed bracket") {
        let bracket = rest
            .trim()
            .trim_matches(['\'', '`', '"'])
            .chars()
            .next()
            .filter(|c| matches!(c, '[' | '{'))
            .unwrap_or('[');
        return explained_here(
            t!(
                "unclosed bracket `{bracket}`: a list or group opened here is not closed",
                bracket = bracket.to_string()
            ),
            t!("close it on the same line (`[a, b]`, `{{a: 1}}`), or put the value in double quotes if the bracket is part of the text"),
        );
    }
    // `title: 周报]`: a closing bracket no `[` opened, in the reader's own words.
    if message.starts_with("misplaced bracket") {
        return explained_here(
            t!("a closing bracket (`]` or `}}`) that no `[` or `{{` opened"),
            t!("delete the bracket, or put the whole value in double quotes if the bracket is part of the text"),
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key") {
        let key = rest
            .trim_start_matches([':', ' '])
            .split([',', ' '])
            .next()
            .unwrap_or("")
            .trim_matches('`');
        return explained_here(
            t!("`{field}` is written twice", field = key),
            t!("keep one of the two `{field}` lines", field = key),
        );
    }
    // `[a,, b]`, `[, a]`: saphyr tells a broken bracketed list as a flow mapping or
    // sequence it could not finish.
    if message.contains("flow mapping") || message.contains("flow sequence") {
        return explained_here(
            t!("a list in brackets is broken here: two commas in a row, a comma with no item before it, or a `]` missing"),
            t!("write a list as `[a, b, c]`, one comma between two items; put an item that holds `,` `:` or a bracket in double quotes"),
        );
    }
    // `tags: [风险, 供应商` with its `]` missing: saphyr reads the next field inside the
    // list and stops at its colon.
    if message.contains("illegal placement of ':' indicator") {
        return Some(Explained {
            problem: t!("a list or group in brackets is not closed, so the lines after it are read inside it"),
            help: t!("close it on the same line (`[a, b]`, `{{a: 1}}`), or put the value in double quotes if the bracket is part of the text"),
            at: open_bracket_above(text, offset),
        });
    }
    if message.contains("tagged scalar") || message.starts_with("unsupported tag") {
        return explained_here(
            t!("a value starts with `!`, which YAML reads as a type tag"),
            quote_help(line),
        );
    }
    // `"D:\项目\ERP"`: a backslash in double quotes starts an escape, and `\项` is none;
    // it was told as a quote left open, which it is not.
    if message.contains("unknown escape character")
        || message.contains("invalid Unicode character escape")
    {
        let start = line_start(text, offset);
        let at = text[start..]
            .find('\\')
            .map(|i| start + i)
            .filter(|&i| text[..i].rfind('\n').map_or(0, |n| n + 1) == start);
        return Some(Explained {
            problem: t!("a `\\` inside double quotes starts an escape (`\\n`, `\\t`, `\\u4e00`), and what follows it here is none"),
            help: t!("put the value in single quotes, where `\\` is kept as written (`owner: 'D:\\Projects'`), or write each `\\` twice"),
            at,
        });
    }
    if message.contains("quoted scalar") && !message.contains("trailing content") {
        let at = open_quote_above(text, offset);
        let quoted = line_at(text, at.unwrap_or(offset));
        let quote = if quoted.contains('"') { '"' } else { '\'' };
        return Some(Explained {
            problem: t!("a quote is opened and not closed on its line"),
            help: chinese_close_help(quoted, quote).unwrap_or_else(|| t!("end the value with the quote it starts with, on the same line, or remove the opening quote")),
            at,
        });
    }
    if message.contains("trailing content after") {
        return explained_here(
            t!("more follows the value's closing quote"),
            t!("quote the whole value with the other kind of quote (`title: \"It's\"`), or write a quote inside single quotes twice (`'It''s'`)"),
        );
    }
    if message.contains("block scalar") {
        return explained_here(
            t!("a value starts with `|` or `>`, which YAML reads as the start of a block of text"),
            quote_help(line),
        );
    }
    if message.contains("did not find expected key")
        || message.contains("simple key expected")
        || message.contains("could not find expected ':'")
    {
        return explained_here(
            t!("this line is not a field"),
            t!("write each field as its name, a colon and a space, then its value, at the beginning of a line (`category: procurement`); a list's items go under it, each after `- `"),
        );
    }
    None
}

/// Explains serde_json's `message` (its position already cut off), when it is a mistake
/// people make by hand in a JSON table; `eof` when the text ended inside a value.
pub fn json(message: &str, eof: bool) -> Option<Explained> {
    if eof {
        return explained_here(
            t!("the file ends inside a value: a `]`, `}}` or `\"` is missing"),
            t!("close every `[` with `]`, every `{{` with `}}` and every text with `\"`: a JSON table is [{{\"period\": \"2024-01\", \"pv\": 100}}, …]"),
        );
    }
    if message.starts_with("number out of range") {
        return explained_here(
            t!("the number is out of range, larger than any figure: check it for a typo or a misplaced exponent (`e`)"),
            t!("write the amount as digits (`1200000`), or leave the cell empty when nothing was reported"),
        );
    }
    if message.starts_with("trailing comma") {
        return explained_here(
            t!("a comma after the last item, which JSON does not allow"),
            t!("delete the comma before the closing `]` or `}}`"),
        );
    }
    if message.starts_with("control character") {
        return explained_here(
            t!("a control character (an invisible character such as a tab, a line break or NUL) inside a text in quotes, which JSON does not allow"),
            t!("delete the invisible character, or write it escaped (`\\t` for a tab, `\\n` for a line break)"),
        );
    }
    if message.starts_with("expected `,` or") {
        return explained_here(
            t!("a comma is missing between two items"),
            t!("separate the items of a list and the fields of an object with commas: {{\"period\": \"2024-01\", \"pv\": 100}}"),
        );
    }
    if message.starts_with("expected `:`") {
        return explained_here(
            t!("a colon is missing after a key"),
            t!("write each field as `\"key\": value`, with a colon between the key and its value"),
        );
    }
    if message.starts_with("invalid escape") || message.starts_with("invalid unicode") {
        return explained_here(
            t!("a backslash in a text starts no escape JSON knows"),
            t!("write a backslash as `\\\\` (a Windows path `C:\\\\Reports`), or use `/` instead"),
        );
    }
    if message.starts_with("invalid number") {
        return explained_here(
            t!("a number JSON cannot read"),
            t!("write numbers as digits with a point for decimals (`1200000.50`), no thousands separators, signs of currency or `%`; put anything else in double quotes"),
        );
    }
    if message.starts_with("trailing characters") {
        return explained_here(
            t!("text after the end of the table"),
            t!("a JSON table is one list: delete what follows its closing `]`, or move it inside"),
        );
    }
    if message.starts_with("expected value")
        || message.starts_with("key must be a string")
        || message.starts_with("expected ident")
    {
        return explained_here(
            t!("a value or key JSON cannot read: text must be in double quotes"),
            t!("write texts and keys in double quotes (`\"pv\": 100`, `\"name\": \"Kick-off\"`), numbers bare, and no comments"),
        );
    }
    None
}

/// A mistake that lies where the parser found it.
fn explained_here(problem: Text, help: Text) -> Option<Explained> {
    Some(Explained {
        problem,
        help,
        at: None,
    })
}

/// The help for a value YAML read as syntax: the line again with the value in quotes.
fn quote_help(line: &str) -> Text {
    match line.split_once(':') {
        Some((key, value))
            if !key.trim().is_empty() && !key.starts_with([' ', '\t', '-']) && !value.trim().is_empty() =>
        {
            let value = value.trim();
            t!(
                "put the value in double quotes: `{key}: \"{value}\"`",
                key = key.trim(),
                value = value.replace('\\', "\\\\").replace('"', "\\\"")
            )
        }
        _ => t!("put the value in double quotes (\"…\") when it starts with a sign or holds `: ` or ` #`"),
    }
}

/// The line holding `offset`, without its line break.
pub(crate) fn line_at(text: &str, offset: usize) -> &str {
    let start = line_start(text, floor(text, offset));
    text[start..].lines().next().unwrap_or("")
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// `offset` moved back to a character boundary within `text`.
fn floor(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The TOML key written at `offset`: up to a space, `=`, `.` or a bracket, unquoted.
fn key_at(text: &str, offset: usize) -> &str {
    let rest = &text[offset..];
    let end = rest
        .find([' ', '\t', '=', '.', ']', '\n', '\r'])
        .unwrap_or(rest.len());
    rest[..end].trim_matches(['"', '\''])
}

/// A TOML line's key and its value (without a trailing comment).
fn toml_key_value(line: &str) -> (&str, &str) {
    let (key, value) = line.split_once('=').unwrap_or(("", line));
    let value = value.split(" #").next().unwrap_or(value);
    (key.trim(), value.trim())
}

/// Where the quote that a YAML value opens and never closes stands: the last field above
/// `offset` whose value starts with a quote its line does not close.
/// The last `[` or `{` opened before `offset` on a line of its own that the line does
/// not close, outside quotes.
fn open_bracket_above(text: &str, offset: usize) -> Option<usize> {
    let mut found = None;
    let mut start = 0;
    for line in text[..floor(text, offset)].split_inclusive('\n') {
        let mut open: Vec<usize> = Vec::new();
        let mut quote = None;
        for (i, c) in line.char_indices() {
            match (quote, c) {
                (Some(q), _) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '[' | '{') => open.push(start + i),
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
        }
        if let Some(&at) = open.first() {
            found = Some(at);
        }
        start += line.len();
    }
    found
}

fn open_quote_above(text: &str, offset: usize) -> Option<usize> {
    let mut found = None;
    let mut start = 0;
    for line in text[..line_start(text, offset).max(offset)].split_inclusive('\n') {
        if let Some((key, value)) = line.split_once(':') {
            let trimmed = value.trim();
            let quote = trimmed.chars().next().filter(|c| matches!(c, '"' | '\''));
            if let Some(q) = quote {
                if trimmed.len() == 1 || !trimmed.ends_with(q) {
                    found = Some(start + key.len() + 1 + (value.len() - value.trim_start().len()));
                }
            }
        }
        start += line.len();
    }
    found
}

#[cfg(test)]
mod tests;
