//! A front matter error told in the author's terms: a value of the wrong shape with an
//! example of the right one, a Chinese colon, an indented field, a YAML or TOML slip.
//! Each hint leaves a diagnostic alone when an earlier one already explained it.

use std::path::Path;
use std::sync::Arc;

use super::{field_block, is_schema_error, Format, Split};
use crate::content::schema::{Fields, Shape};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::t;

/// Digits a Chinese input method types in full-width mode: ０ to ９.
const FULL_WIDTH_DIGITS: std::ops::RangeInclusive<char> = '\u{FF10}'..='\u{FF19}';

/// A problem and its help, to put on a diagnostic in place of the parser's.
struct Told {
    problem: crate::messages::Text,
    help: crate::messages::Text,
}

impl Told {
    fn with(self, mut d: Diagnostic) -> Diagnostic {
        d.problem = Problem::FrontMatter(self.problem);
        d.help = Some(Box::new(self.help));
        d
    }
}

/// A number where a whole number goes that is one no whole-number field holds: past
/// the largest (`weight: 1e20`, which YAML reads as a fraction-capable figure) or with a
/// fraction (`weight: 2.5`). "Takes a number" would tell its author nothing.
fn not_whole(field: &str, value: &str) -> Option<Told> {
    let plain: String = value.trim().chars().filter(|c| *c != '_').collect();
    let number = plain.parse::<f64>().ok().filter(|n| !n.is_nan())?;
    // i64's range as a float: 2^63, exactly representable.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    let help = t!(
        "write a whole number from {min} to {max}, e.g. `{field}: 10`",
        min = i64::MIN,
        max = i64::MAX,
        field = field
    );
    if number < -LIMIT {
        // `weight: -99999999999999999999` was told "too large".
        Some(Told {
            problem: t!(
                "`{field}` is too small: `{value}` is below the smallest whole number it takes",
                field = field,
                value = value
            ),
            help,
        })
    } else if number >= LIMIT {
        Some(Told {
            problem: t!(
                "`{field}` is too large: `{value}` is past the largest whole number it takes",
                field = field,
                value = value
            ),
            help,
        })
    } else if number.fract() != 0.0 {
        Some(Told {
            problem: t!(
                "`{field}` takes a whole number, not `{value}`",
                field = field,
                value = value
            ),
            help,
        })
    } else {
        None
    }
}

/// A number field's value that names no figure, said by field: `bac: 1e400` is out of
/// range, `bac: .nan` no figure at all. Shared by the shape check and the reader's own
/// refusal of a non-finite float, so both say it the same way.
pub(super) fn not_a_figure_problem(
    field: &str,
    value: &str,
    why: crate::numbers::NotAFigure,
) -> crate::messages::Text {
    match why {
        crate::numbers::NotAFigure::OutOfRange => t!(
            "`{field}` is out of range: `{value}` is larger than any figure",
            field = field,
            value = value
        ),
        crate::numbers::NotAFigure::NotANumber => t!(
            "`{field}` is `{value}`, which is not a figure",
            field = field,
            value = value
        ),
    }
}

/// A value of the wrong shape (a word where a list goes, a list where a text goes, an
/// empty value, a field written twice) told in words with an example of the right one,
/// instead of the parser's own terms (`expected sequence start`, `use Option<String>`).
pub(super) fn in_words(
    mut d: Diagnostic,
    message: &str,
    front: &str,
    local: usize,
    fields: &Fields,
) -> Diagnostic {
    if d.help.is_some()
        || !matches!(d.problem, Problem::FrontMatter(_))
        || !is_schema_error(message)
    {
        return d;
    }
    let block = field_block(front, local);
    let is_field = |range: &std::ops::Range<usize>| front[range.clone()].contains([':', '=']);
    if message.starts_with("expected mapping") && !block.as_ref().is_some_and(|(_, b)| is_field(b))
    {
        // The whole front matter is a list or a lone value (`[a, b]`, `- a`, a sentence).
        d.problem = Problem::FrontMatter(t!("the front matter is not written as fields"));
        d.help = Some(Box::new(t!("write each field as its name, a colon and a space, then its value, at the beginning of a line (`category: procurement`); a list's items go under it, each after `- `")));
        return d;
    }
    let Some((mut field, block)) = block else {
        return d;
    };
    let mut value = field_value(&front[block]);
    let mut shape = fields.shape(&field);
    if shape == Shape::Records {
        // A value inside an item (`    due: 45356`): told by the item's own field, as
        // the list itself is right.
        if let Some((key, item_value, item_shape)) = item_field(front, local, &field, fields) {
            if item_value.is_empty() && item_shape == Shape::Text {
                d.problem = Problem::FrontMatter(t!("`{field}` is empty", field = key));
                d.help = Some(Box::new(t!(
                    "write its value on the same line, after `{field}: `; this field of an item may not be left empty",
                    field = key
                )));
                return d;
            }
            (field, value, shape) = (key.to_string(), item_value, item_shape);
        }
    }
    // Before the checks of how a number is written: a second `bac` line, whatever it
    // holds, was told "`480000` would be 480000" (the twelfth malformed hunt).
    if message.contains("duplicate") {
        d.problem = Problem::FrontMatter(t!("`{field}` is written twice", field = &field));
        d.help = Some(Box::new(t!(
            "keep one of the two `{field}` lines",
            field = &field
        )));
        return d;
    }
    if shape.is_number() && value.chars().any(|c| FULL_WIDTH_DIGITS.contains(&c)) {
        // `bac: １２０００００` looks like a number to its author: "takes a number" with
        // an example that looks the same would not say what is wrong.
        let half: String = value.chars().map(crate::slugs::fold_full_width).collect();
        d.problem = Problem::FrontMatter(t!(
            "`{field}` is typed with full-width digits (`{value}`)",
            field = &field,
            value = value
        ));
        d.help = Some(Box::new(t!(
            "type them half-width (a Chinese input method in full-width mode types them so): `{field}: {half}`",
            field = &field,
            half = half
        )));
        return d;
    }
    if let (true, Some(n)) = (shape.is_number(), crate::numbers::dotted_thousands(value)) {
        // `1.200.000`: a string to YAML, 1,200,000 to much of Europe.
        d.problem = Problem::FrontMatter(t!("`{field}` takes a plain number", field = &field));
        d.help = Some(Box::new(t!(
            "`{value}` separates thousands with points: write `{field}: {number}` (a point in a number always starts its decimals)",
            value = value,
            number = format!("{n:.0}"),
            field = &field
        )));
        return d;
    }
    if let Some(whole) = not_whole(&field, value).filter(|_| shape == Shape::Whole) {
        return whole.with(d);
    }
    let not_a_figure = crate::numbers::not_a_figure(value);
    if let (true, Some(why)) = (shape.is_number(), not_a_figure) {
        // `1e400` is a number to the author and a string to YAML: "takes a number" would
        // not say what is wrong with it.
        d.problem = Problem::FrontMatter(not_a_figure_problem(&field, value, why));
        d.help = Some(Box::new(t!(
            "write a plain number, e.g. `{field}: 1200000`",
            field = &field
        )));
        return d;
    }
    if let (true, Some(n)) = (shape.is_number(), crate::numbers::read_loosely(value)) {
        // `60万`, `600000元`: the plain number, said, never taken.
        d.problem = Problem::FrontMatter(t!("`{field}` takes a plain number", field = &field));
        d.help = Some(Box::new(t!(
            "`{value}` would be {number}: write `{field}: {number}`",
            value = value,
            number = n,
            field = &field
        )));
        return d;
    }
    if let (true, Some(words)) = (
        message.contains("externally tagged enum"),
        fields.values(&field),
    ) {
        // A list or a group where one word of a set goes (`status: [1, 2]`).
        d.problem = Problem::FrontMatter(t!(
            "`{field}` takes one word, not a list or a group of fields",
            field = &field
        ));
        d.help = Some(Box::new(t!(
            "write one of {words}, e.g. `{field}: {first}`",
            words = words.join(", "),
            field = &field,
            first = words.first().map_or("", String::as_str)
        )));
        return d;
    }
    let (shape, help) = match shape {
        Shape::List => (
            t!("a list"),
            match listed(value) {
                // `tags: 进度，沟通，风险`: the list as it would be written, since a
                // full-width comma parts nothing in YAML.
                Some(items) => t!(
                    "write the items in square brackets, parted by half-width commas: `{field}: [{items}]`, or each on a line of its own after `- `",
                    field = &field,
                    items = items
                ),
                None => t!("write `{field}: [a, b]`, or each item on a line of its own after `- `", field = &field),
            },
        ),
        Shape::Text => match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            // `owner: [张三, 李四]`: several where one text goes, shown as one.
            Some(items) if items.contains([',', '，']) => (
                t!("one text"),
                t!(
                    "write the names as one text, `{field}: {joined}`, or put `{value}` in quotes to keep it as written",
                    field = &field,
                    joined = items
                        .split([',', '，'])
                        .map(|i| i.trim().trim_matches(['"', '\'']))
                        .filter(|i| !i.is_empty())
                        .collect::<Vec<_>>()
                        .join("、"),
                    value = value
                ),
            ),
            // `title: null`: YAML's word for no value, told as the text's format.
            _ if matches!(value, "null" | "Null" | "NULL" | "~") => (
                t!("one text"),
                t!("`{value}` is YAML's word for no value: write the text after `{field}:`, in quotes (`{field}: \"{value}\"`) if the word itself is meant", field = &field, value = value),
            ),
            _ => (
                t!("one text"),
                t!("write `{field}:` and the text on one line; put it in quotes (\"…\") if it starts with [ or {{ or holds `: `", field = &field),
            ),
        },
        Shape::Records => (
            t!("a list of items, each with fields of its own"),
            t!("write `{field}:` alone on its line, then each item on lines of its own: `  - what: …` and its other fields below it, indented to match (`    owner: Anna Schmidt`, `    due: 2024-06-30`)", field = &field),
        ),
        Shape::Number => (
            t!("a number"),
            t!("write a number, e.g. `{field}: 1200000`: a word or a unit such as 万 or k is not read", field = &field),
        ),
        Shape::Whole => (
            t!("a whole number"),
            t!("write a whole number, e.g. `{field}: 10`: no thousands separators or units", field = &field),
        ),
        Shape::Boolean => (
            t!("true or false"),
            t!("write `{field}: true` or `{field}: false`", field = &field),
        ),
        Shape::Date => (t!("a date"), date_help(value)),
        Shape::Other => return d,
    };
    d.problem = Problem::FrontMatter(t!("`{field}` takes {shape}", field = &field, shape = shape));
    d.help = Some(Box::new(help));
    d
}

/// The items of a list written as one text (`进度，沟通`, `a, b`, `a；b`), parted by
/// half-width commas; `None` for a value that is not plain text (a group, a list
/// already, a quoted text) or is empty.
fn listed(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || value.starts_with(['{', '[', '"', '\'', '&', '*', '!', '|', '>']) {
        return None;
    }
    let items: Vec<&str> = value
        .split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .collect();
    (!items.is_empty()).then(|| items.join(", "))
}

/// The help for a date typed another way: the day it would be, as tables tell it
/// (`2024/3/5` would be 2024-03-05, `45356` a spreadsheet's day number: said, never
/// taken).
pub(super) fn date_help(value: &str) -> crate::messages::Text {
    let serial = value
        .parse::<f64>()
        .ok()
        .and_then(crate::date::spreadsheet_day);
    match (crate::date::read_loosely(value), serial) {
        (Some(day), _) => t!(
            "`{value}` would be {day}: write dates as YYYY-MM-DD",
            value = value,
            day = day.iso()
        ),
        (None, Some(day)) => t!(
            "`{value}` would be {day} as a spreadsheet's day number (an Excel date serial): write dates as YYYY-MM-DD",
            value = value,
            day = day.iso()
        ),
        (None, None) => crate::date::yearless_help(value)
            .or_else(|| crate::date_forms::help(value))
            .or_else(|| {
                // `date: 0`, `date: -1`: a placeholder, or a cell's number pasted in.
                value.trim().parse::<f64>().is_ok().then(|| t!(
                    "`{value}` is a number, not a day: write dates as YYYY-MM-DD, e.g. 2024-03-18, or leave the field out until the day is known",
                    value = value.trim()
                ))
            })
            .unwrap_or_else(|| t!("write dates as YYYY-MM-DD, e.g. 2024-03-18")),
    }
}

/// The field of an item of the list `list` written on the line at `local` in `front`
/// (`  - what: …`, `    due: 45356`, `due = 45356` under `[[actions]]`): its name, its
/// value (without a comment or quotes) and what it holds. `None` when that line holds
/// no field an item has.
fn item_field<'a>(
    front: &'a str,
    local: usize,
    list: &str,
    fields: &Fields,
) -> Option<(&'a str, &'a str, Shape)> {
    let start = front[..local.min(front.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = front[start..].lines().next().unwrap_or("");
    // An item written on one line, `actions: [{what: x, due: 2024}]`: the field around
    // the error's place, between the marks that part an item's fields. Told as
    // "`actions` takes a list of items", the help to write it on lines of its own
    // changed nothing (malformed hunt 8).
    let at = local.min(front.len()).saturating_sub(start).min(line.len());
    let before = line.get(..at).unwrap_or(line);
    let entry = match before.rfind(['{', ',']) {
        Some(open) if before.contains('{') => {
            let rest = &line[open + 1..];
            let end = rest
                .find([',', '}'])
                .map_or(rest.len(), |e| e.max(at - open - 1));
            rest[..end.min(rest.len())].trim_start()
        }
        _ => {
            let entry = line.trim_start();
            entry.strip_prefix('-').map_or(entry, str::trim_start)
        }
    };
    let (key, _) = entry.split_once([':', '='])?;
    let key = key.trim();
    let shape = fields.item_shape(list, key)?;
    Some((key, field_value(entry), shape))
}

/// The value on a field's first line, without its key, a trailing comment or quotes.
fn field_value(block: &str) -> &str {
    let line = block.lines().next().unwrap_or("");
    let value = line
        .split_once([':', '='])
        .map_or("", |(_, v)| v)
        .split(" #")
        .next()
        .unwrap_or("");
    value.trim().trim_matches(['"', '\''])
}

/// A field written `key：value` (a Chinese input method's colon) or `key:value` (no
/// space) is no field to YAML, and its error names neither — or, on the first line, is
/// "not written as fields" followed by every field then missing. Told at the colon, with
/// the line as it should be; returns whether it was (nothing after it can be trusted).
pub(super) fn colon_hint(
    d: Diagnostic,
    path: &Path,
    text: &Arc<str>,
    front_start: usize,
    front: &str,
    fields: &Fields,
    kind: &str,
) -> (Diagnostic, bool) {
    if !matches!(d.problem, Problem::FrontMatter(_)) {
        return (d, false);
    }
    let mut offset = 0;
    let slip = front.split_inclusive('\n').find_map(|line| {
        let here = offset;
        offset += line.len();
        let (colon, full_width) = match line.find('：') {
            Some(at) => (at, true),
            None => {
                let at = line.find(':')?;
                let value = line[at + 1..].trim_end_matches(['\r', '\n']);
                if value.is_empty() || value.starts_with([' ', '\t']) {
                    return None;
                }
                (at, false)
            }
        };
        let key = line[..colon].trim_end();
        let value = line[colon + if full_width { '：'.len_utf8() } else { 1 }..].trim();
        // A field's Chinese name typed with a Chinese colon (`标签：进度，沟通`) was "this
        // line is not a field": told as the field it names, its value as that field
        // takes it.
        let name = match fields.known.iter().find(|k| *k == key) {
            Some(known) => known.as_str(),
            None => super::classify::synonym(kind, key)
                .filter(|s| fields.known.iter().any(|k| k == s))?,
        };
        let inner = value
            .strip_prefix('[')
            .and_then(|v| v.strip_suffix(']'))
            .unwrap_or(value);
        let value = match listed(inner) {
            Some(items) if fields.shape(name) == Shape::List => format!("[{items}]"),
            _ => value.to_string(),
        };
        Some((here + colon, key, full_width, format!("{name}: {value}")))
    });
    let Some((at, key, full_width, fixed)) = slip else {
        return (d, false);
    };
    let problem = if full_width {
        t!(
            "`{key}` is followed by a full-width colon `：`, which YAML does not take for a field's colon",
            key = key
        )
    } else if front[at + 1..].starts_with('\u{3000}') {
        t!(
            "`{key}:` is followed by a full-width space `　`, which YAML does not take for the space after a colon",
            key = key
        )
    } else {
        t!(
            "`{key}:` has no space after its colon, so YAML does not take it for a field",
            key = key
        )
    };
    let width = if full_width { '：'.len_utf8() } else { 1 };
    let told = Diagnostic::error(Problem::FrontMatter(problem))
        .at(Location::new(path, text, front_start + at, width))
        .with_help(t!(
            "write a field as its name, an ASCII colon and a space, then its value: `{fixed}`",
            fixed = fixed
        ));
    (told, true)
}

/// A required field still written as the hint `pmo new` leaves (`# project: erp  # 必填…`):
/// its missing-field error is placed at that line and told to remove the `#`, ahead of
/// what the help said already (the values it takes). `front` is the front matter's range
/// in `text`.
pub(super) fn commented_out(
    mut d: Diagnostic,
    path: &Path,
    text: &Arc<str>,
    front: std::ops::Range<usize>,
    field: &str,
) -> Diagnostic {
    let mut offset = front.start;
    for line in text[front].split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        let Some(value) = line
            .trim_start()
            .strip_prefix('#')
            .and_then(|l| l.trim_start().strip_prefix(field))
            .and_then(|l| l.trim_start().strip_prefix(':'))
        else {
            continue;
        };
        let value = value.split(" #").next().unwrap_or("").trim();
        let note = t!(
            "it is written as a hint, after a `#`: remove the `#` at the start of the line so that it reads `{fixed}`, and fill in its value",
            fixed = format!("{field}: {value}").trim_end().to_string()
        );
        // Not "add `phase:`", which the line behind the `#` contradicts: the values it
        // takes, when the help listed them.
        let values = d
            .help
            .take()
            .and_then(|h| h.plain_arg("values").map(str::to_string));
        d.help = Some(Box::new(match values {
            Some(valid) => t!(
                "{help}\n{note}",
                help = note,
                note = t!("it takes one of: {valid}", valid = valid)
            ),
            None => note,
        }));
        // The hint itself, `# project: erp`, without the comment after it.
        let hint = line.trim_start();
        let lead = line.len() - hint.len();
        let end = hint[1..].find(" #").map_or(hint.len(), |i| i + 1);
        let width = hint[..end].trim_end().len();
        return d.at(Location::new(path, text, here + lead, width));
    }
    d
}

/// Where `field` is written as a key with spaces before it (`  impact: negative`): the
/// offset of the key in `front`.
pub(super) fn indented_key(front: &str, field: &str) -> Option<usize> {
    let mut offset = 0;
    for line in front.split_inclusive('\n') {
        let key = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - key.len();
        if indent > 0
            && key
                .strip_prefix(field)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        {
            return Some(offset + indent);
        }
        offset += line.len();
    }
    None
}

/// The error for a field written with spaces before it, at its key.
pub(super) fn indented(path: &Path, text: &Arc<str>, at: usize, field: &str) -> Diagnostic {
    Diagnostic::error(Problem::FrontMatter(t!(
        "`{field}` is indented: a field starts at the beginning of its line",
        field = field
    )))
    .at(Location::new(path, text, at, field.len()))
    .with_help(t!(
        "remove the spaces before `{field}:` (an uncommented hint keeps the space after its `#`)",
        field = field
    ))
}

/// A syntax error at a known field written with spaces before it is that indentation:
/// YAML's own "did not find expected key" does not say so.
pub(super) fn indent_hint(
    d: Diagnostic,
    path: &Path,
    text: &Arc<str>,
    base: usize,
    front: &str,
    local: usize,
    fields: &Fields,
) -> Diagnostic {
    if d.help.is_some() || !matches!(d.problem, Problem::FrontMatter(_)) {
        return d;
    }
    let line_start = front[..local.min(front.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = front[line_start..].lines().next().unwrap_or("");
    let key = line.trim_start_matches([' ', '\t']);
    let known = fields.known.iter().find(|f| {
        key.strip_prefix(f.as_str())
            .is_some_and(|r| r.trim_start().starts_with(':'))
    });
    // Under a top-level field's line, not inside a list (an action's `owner:`).
    let above_top_level = front[..line_start]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .is_some_and(|l| !l.starts_with([' ', '\t', '-']));
    match known {
        Some(field) if key.len() < line.len() && above_top_level => indented(
            path,
            text,
            base + line_start + line.len() - key.len(),
            field,
        ),
        _ => d,
    }
}

/// A syntax error nothing above explained, told by the mistake made (a value without
/// quotes, a quote left open, a tab) instead of the parser's grammar words.
pub(super) fn syntax_hint(
    d: Diagnostic,
    path: &Path,
    text: &Arc<str>,
    split: &Split,
    message: &str,
    front: &str,
    local: usize,
) -> Diagnostic {
    if d.help.is_some() || !matches!(d.problem, Problem::FrontMatter(_)) || is_schema_error(message)
    {
        return d;
    }
    let explained = match split.format {
        Format::Yaml => crate::syntax::yaml(message, front, local),
        Format::Toml => crate::syntax::toml(message, front, local),
    };
    let Some(x) = explained else {
        return d;
    };
    let at = split.front.start + x.at.unwrap_or(local);
    Diagnostic::error(Problem::FrontMatter(x.problem))
        .at(Location::new(path, text, at, 1))
        .with_help(x.help)
}
