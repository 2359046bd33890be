//! Splitting a Markdown file into front matter and body, and parsing the front matter
//! into a kind's schema with errors placed in the file (not in the front matter alone).

use crate::t;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::content::schema::{Fields, Shape};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::suggest::did_you_mean;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
}

/// Where the parts of a file lie, as byte ranges into its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub format: Format,
    /// The front matter text between the fences.
    pub front: std::ops::Range<usize>,
    /// The Markdown after the closing fence.
    pub body: std::ops::Range<usize>,
}

/// Finds the front matter fences. A file without front matter is an error because
/// every page needs at least a title.
pub fn split(path: &Path, text: &Arc<str>) -> Result<Split, Diagnostic> {
    // The opening fence, like the closing one, may end in spaces an editor left there.
    let first_line = text.split('\n').next().unwrap_or("");
    let (format, fence) = if first_line.trim_end() == "---" {
        (Format::Yaml, "---")
    } else if first_line.trim_end() == "+++" {
        (Format::Toml, "+++")
    } else {
        let fence_like = first_line.trim_end();
        if fence_like.len() > 3
            && (fence_like.bytes().all(|b| b == b'-') || fence_like.bytes().all(|b| b == b'+'))
        {
            // `----`: a Markdown rule to the parser, a fence to its author.
            let fence = &fence_like[..3];
            return Err(Diagnostic::error(Problem::Content(t!(
                "the front matter fence is `{written}`, {count} characters: it must be `{fence}`, three",
                written = fence_like,
                count = fence_like.len(),
                fence = fence
            )))
            .at(Location::new(path, text, 0, fence_like.len()))
            .with_help(t!("write the first and the closing fence as `{fence}` alone on their lines", fence = fence)));
        }
        if let Some(offset) = fence_below_blank_lines(text) {
            return Err(Diagnostic::error(Problem::Content(t!("no front matter")))
                .at(Location::new(path, text, offset, 3))
                .with_help(t!("the front matter must start on the first line: delete the blank lines above it")));
        }
        let help = if text.trim().is_empty() {
            t!("the file is empty: start it with front matter, e.g.\n---\ntitle: 标题\n---")
        } else {
            t!("start the file with a front matter block, e.g.\n---\ntitle: 标题\n---")
        };
        return Err(Diagnostic::error(Problem::Content(t!("no front matter")))
            .at(Location::new(path, text, 0, 0))
            .with_help(help));
    };
    let start = (first_line.len() + 1).min(text.len());
    let mut line_start = start;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim_end() == fence {
            let body_start = (line_end + 1).min(text.len());
            return Ok(Split {
                format,
                front: start..line_start,
                body: body_start..text.len(),
            });
        }
        line_start = line_end + 1;
    }
    Err(Diagnostic::error(Problem::UnclosedFrontMatter { fence })
        .at(Location::new(path, text, 0, fence.len()))
        .with_help(t!(
            "add a line holding only `{fence}` after the last front matter field",
            fence = fence
        )))
}

/// Where a fence stands when only blank lines are above it: a front matter the
/// author meant, which the parser cannot take for one.
fn fence_below_blank_lines(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if matches!(trimmed, "---" | "+++") {
            return Some(offset + (line.len() - line.trim_start().len()));
        }
        if !trimmed.is_empty() {
            return None;
        }
        offset += line.len();
    }
    None
}

/// Parses the front matter of `split` into `T`. `kind` names the schema in messages.
///
/// Every mistake of the file is reported at once: serde stops at the first, so after a
/// field's value is found wrong, that field's lines are blanked (offsets kept) and the
/// rest parsed again. Syntax errors stop the search, since what follows them cannot be
/// trusted; so does the "missing" report of a field blanked here, which is no news.
pub fn parse<T: DeserializeOwned + schemars::JsonSchema>(
    path: &Path,
    text: &Arc<str>,
    split: &Split,
    kind: &'static str,
) -> Result<T, Vec<Diagnostic>> {
    let mut front = text[split.front.clone()].to_string();
    // Read off the type only when there is a mistake to explain.
    let fields = std::cell::OnceCell::new();
    let fields = || fields.get_or_init(Fields::of::<T>);
    let mut found = Vec::new();
    let mut blanked: Vec<String> = Vec::new();
    for _ in 0..MAX_FRONT_MATTER_ERRORS {
        let (message, local) = match parse_once::<T>(&front, split.format) {
            Ok(value) if found.is_empty() => {
                return match second_block(path, text, split, fields) {
                    Some(d) => Err(vec![d]),
                    None => Ok(value),
                };
            }
            Ok(_) => break,
            Err(e) => e,
        };
        if found.is_empty() {
            if let Some(d) = other_format(path, text, split) {
                return Err(vec![d]);
            }
        }
        let d = classify(
            path,
            text,
            split.front.start + local,
            &message,
            kind,
            fields(),
        );
        let d = in_words(d, &message, &front, local, fields());
        let d = colon_hint(d, &front, fields());
        let d = indent_hint(d, path, text, split.front.start, &front, local, fields());
        let d = syntax_hint(d, path, text, split, &message, &front, local);
        if let Problem::MissingField { .. } = &d.problem {
            // serde names only the first missing field: name them all.
            for field in &fields().required {
                // Written, but indented under a field blanked above: it was never read
                // as a field, and that is the mistake to name.
                if let Some(at) = indented_key(&text[split.front.clone()], field)
                    .filter(|&at| front[at..].starts_with(' '))
                {
                    found.push(indented(path, text, split.front.start + at, field));
                    continue;
                }
                if !blanked.iter().any(|b| b == field) && !has_key(&front, field) {
                    found.push(classify(
                        path,
                        text,
                        split.front.start,
                        &format!("missing field `{field}`"),
                        kind,
                        fields(),
                    ));
                }
            }
            break;
        }
        found.push(d);
        if !is_schema_error(&message) {
            break;
        }
        match field_block(&front, local) {
            Some((field, range)) if !blanked.contains(&field) => {
                blank(&mut front, range);
                blanked.push(field);
            }
            _ => break,
        }
    }
    Err(found)
}

/// A second front matter block at the start of the text (a page pasted under another's
/// fields): Markdown would publish it as a rule and a heading reading `title: …`. Only
/// a fenced block whose first line is a field of the kind counts, so a rule starting
/// the text is left alone.
fn second_block<'a>(
    path: &Path,
    text: &Arc<str>,
    split: &Split,
    fields: impl Fn() -> &'a Fields,
) -> Option<Diagnostic> {
    let body = &text[split.body.clone()];
    let rest = body.trim_start_matches(['\n', '\r', ' ', '\t']);
    let lead = body.len() - rest.len();
    let first = rest.lines().next()?;
    let fence = first.trim_end();
    if fence != "---" && fence != "+++" {
        return None;
    }
    let after = rest.get(first.len()..)?;
    let next = after.lines().find(|l| !l.trim().is_empty())?;
    let key = next.split([':', '=']).next()?.trim();
    let closed = after.lines().skip(1).any(|l| l.trim_end() == fence);
    (closed && fields().known.iter().any(|k| k == key)).then(|| {
        Diagnostic::error(Problem::FrontMatter(t!(
            "the page's text starts with a second front matter block"
        )))
        .at(Location::new(path, text, split.body.start + lead, 3))
        .with_help(t!("keep one front matter: move the fields you need into the first block and delete the second, fences and all"))
    })
}

/// TOML written between `---` fences, or YAML between `+++`: every line would be
/// reported, none of them truly wrong. Told once, at the first field, with the fix.
fn other_format(path: &Path, text: &Arc<str>, split: &Split) -> Option<Diagnostic> {
    let front = &text[split.front.clone()];
    let mut offset = split.front.start;
    for line in front.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed.is_empty() || trimmed.starts_with(['#', ' ', '\t', '-', '[']) {
            continue;
        }
        let key_len = trimmed
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(trimmed.len());
        let after_key = trimmed[key_len..].trim_start();
        let help = match split.format {
            Format::Yaml if key_len > 0 && after_key.starts_with('=') => t!("this front matter is written in TOML (`key = value`), which goes between `+++` lines: change both `---` lines to `+++`, or write each field as `key: value`"),
            Format::Toml if key_len > 0 && after_key.starts_with(':') => t!("this front matter is written in YAML (`key: value`), which goes between `---` lines: change both `+++` lines to `---`, or write each field as `key = \"value\"`"),
            _ => return None,
        };
        return Some(
            Diagnostic::error(Problem::FrontMatter(t!(
                "the front matter is not in the format its fences announce"
            )))
            .at(Location::new(path, text, here, key_len))
            .with_help(help),
        );
    }
    None
}

/// Enough to list every mistake of a hand-written front matter.
const MAX_FRONT_MATTER_ERRORS: usize = 24;

/// One parse, the error as a message and a byte offset into `front`.
fn parse_once<T: DeserializeOwned>(front: &str, format: Format) -> Result<T, (String, usize)> {
    match format {
        Format::Yaml => parse_yaml::<T>(front).map_err(|(message, line, col)| {
            (message, crate::diagnostics::offset_of(front, line, col))
        }),
        Format::Toml => toml::from_str::<T>(front).map_err(|e| {
            let local = e.span().map_or(0, |r| r.start);
            (e.message().trim().to_string(), local)
        }),
    }
}

/// Whether serde found a value of the wrong shape (which leaves the rest of the front
/// matter readable), rather than text it could not parse at all.
fn is_schema_error(message: &str) -> bool {
    // saphyr's type errors read "expected string scalar", its syntax errors "did not
    // find expected …".
    message.starts_with("expected ")
        || [
            "unknown field",
            "unknown variant",
            "invalid type",
            "invalid value",
            "not a date",
            "invalid boolean",
            "invalid i64",
            "invalid u64",
            "invalid f64",
            "invalid length",
            "duplicate field",
            "duplicate mapping key",
            "cannot deserialize null",
            "invalid floating point",
        ]
        .iter()
        .any(|m| message.contains(m))
}

/// Digits a Chinese input method types in full-width mode: ０ to ９.
const FULL_WIDTH_DIGITS: std::ops::RangeInclusive<char> = '\u{FF10}'..='\u{FF19}';

/// A value of the wrong shape (a word where a list goes, a list where a text goes, an
/// empty value, a field written twice) told in words with an example of the right one,
/// instead of the parser's own terms (`expected sequence start`, `use Option<String>`).
fn in_words(
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
    let Some((field, block)) = field_block(front, local) else {
        return d;
    };
    let value = field_value(&front[block]);
    if fields.shape(&field) == Shape::Number
        && value.chars().any(|c| FULL_WIDTH_DIGITS.contains(&c))
    {
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
    let not_a_figure = crate::numbers::not_a_figure(value);
    if let (Shape::Number, Some(why)) = (fields.shape(&field), not_a_figure) {
        // `1e400` is a number to the author and a string to YAML: "takes a number" would
        // not say what is wrong with it.
        d.problem = Problem::FrontMatter(match why {
            crate::numbers::NotAFigure::OutOfRange => t!(
                "`{field}` is out of range: `{value}` is larger than any figure",
                field = &field,
                value = value
            ),
            crate::numbers::NotAFigure::NotANumber => t!(
                "`{field}` is `{value}`, which is not a figure",
                field = &field,
                value = value
            ),
        });
        d.help = Some(Box::new(t!(
            "write a plain number, e.g. `{field}: 1200000`",
            field = &field
        )));
        return d;
    }
    if let (Shape::Number, Some(n)) = (fields.shape(&field), crate::numbers::read_loosely(value)) {
        // `60万`, `600,000`, `600000元`: the plain number, said, never taken.
        d.problem = Problem::FrontMatter(t!("`{field}` takes a plain number", field = &field));
        d.help = Some(Box::new(t!(
            "`{value}` would be {number}: write `{field}: {number}`",
            value = value,
            number = n,
            field = &field
        )));
        return d;
    }
    if message.contains("duplicate") {
        d.problem = Problem::FrontMatter(t!("`{field}` is written twice", field = &field));
        d.help = Some(Box::new(t!(
            "keep one of the two `{field}` lines",
            field = &field
        )));
        return d;
    }
    let (shape, help) = match fields.shape(&field) {
        Shape::List => (
            t!("a list"),
            t!("write `{field}: [a, b]`, or each item on a line of its own after `- `", field = &field),
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
            _ => (
                t!("one text"),
                t!("write `{field}:` and the text on one line; put it in quotes (\"…\") if it starts with [ or {{ or holds `: `", field = &field),
            ),
        },
        Shape::Records => (
            t!("a list of items, each with fields of its own"),
            t!("write `{field}:` alone on its line, then each item on lines of its own: `  - what: …` and its other fields below it, indented to match (`    owner: 张三`, `    due: 2024-06-30`)", field = &field),
        ),
        Shape::Number => (
            t!("a number"),
            t!("write a plain number, e.g. `{field}: 1200000`: no thousands separators, currency or units", field = &field),
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

/// The help for a date typed another way: the day it would be, as tables tell it
/// (`2024/3/5` would be 2024-03-05: said, never taken).
fn date_help(value: &str) -> crate::messages::Text {
    match crate::date::read_loosely(value) {
        Some(day) => t!(
            "`{value}` would be {day}: write dates as YYYY-MM-DD",
            value = value,
            day = day.iso()
        ),
        None => t!("write dates as YYYY-MM-DD, e.g. 2024-03-18"),
    }
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
/// space) is no field to YAML, and its error names neither: the help shows the line as
/// it should be.
fn colon_hint(mut d: Diagnostic, front: &str, fields: &Fields) -> Diagnostic {
    if d.help.is_some() || !matches!(d.problem, Problem::FrontMatter(_)) {
        return d;
    }
    let fixed = front.lines().find_map(|line| {
        let (key, value) = line.split_once('：').or_else(|| {
            line.split_once(':')
                .filter(|(_, v)| !v.is_empty() && !v.starts_with([' ', '\t']))
        })?;
        let key = key.trim_end();
        fields
            .known
            .iter()
            .any(|k| k == key)
            .then(|| format!("{key}: {}", value.trim()))
    });
    if let Some(fixed) = fixed {
        d.help = Some(Box::new(t!(
            "write a field as its name, an ASCII colon and a space, then its value: `{fixed}`",
            fixed = fixed
        )));
    }
    d
}

/// Where `field` is written as a key with spaces before it (`  impact: negative`): the
/// offset of the key in `front`.
fn indented_key(front: &str, field: &str) -> Option<usize> {
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
fn indented(path: &Path, text: &Arc<str>, at: usize, field: &str) -> Diagnostic {
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
fn indent_hint(
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
fn syntax_hint(
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

/// The top-level field whose lines hold `offset`: its name and the byte range from its
/// key to the next top-level line (a YAML block list, a TOML array over several lines).
fn field_block(front: &str, offset: usize) -> Option<(String, std::ops::Range<usize>)> {
    let mut starts: Vec<usize> = vec![0];
    starts.extend(front.match_indices('\n').map(|(i, _)| i + 1));
    starts.retain(|&s| s < front.len());
    let top_level = |s: usize| {
        let line = &front[s..];
        let first = line.chars().next().unwrap_or(' ');
        !matches!(first, ' ' | '\t' | '\n' | '-' | ']' | '}' | '#')
    };
    let here = starts.iter().rposition(|&s| s <= offset)?;
    let key_line = (0..=here).rev().find(|&i| top_level(starts[i]))?;
    let start = starts[key_line];
    let end = starts[key_line + 1..]
        .iter()
        .copied()
        .find(|&s| top_level(s))
        .unwrap_or(front.len());
    let line = &front[start..end];
    let key = line
        .split([':', '='])
        .next()?
        .trim()
        .trim_matches(['"', '\'']);
    (!key.is_empty()).then(|| (key.to_string(), start..end))
}

/// Whether `front` has `field` as a top-level key (YAML or TOML).
fn has_key(front: &str, field: &str) -> bool {
    front.lines().any(|line| {
        let rest = line.strip_prefix(field).map(str::trim_start);
        rest.is_some_and(|r| r.starts_with(':') || r.starts_with('='))
    })
}

/// Replaces `range` with spaces, keeping line breaks, so offsets after it stay true.
fn blank(front: &mut String, range: std::ops::Range<usize>) {
    let blanked: String = front[range.clone()]
        .chars()
        .flat_map(|c| {
            let n = if c == '\n' { 0 } else { c.len_utf8() };
            std::iter::repeat_n(' ', n).chain((c == '\n').then_some('\n'))
        })
        .collect();
    front.replace_range(range, &blanked);
}

fn parse_yaml<T: DeserializeOwned>(front: &str) -> Result<T, (String, usize, usize)> {
    let mut options = serde_saphyr::Options::default();
    // YAML 1.1 habits (`yes` as true) are errors rather than surprises.
    options.strict_booleans = true;
    options.with_snippet = false;
    options.crop_radius = 0;
    // An empty front matter block is an empty mapping, so the schema reports what is missing.
    let front = if front.trim().is_empty() { "{}" } else { front };
    serde_saphyr::from_str_with_options::<T>(front, options).map_err(|e| {
        let (line, col) = e
            .location()
            .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
        (plain_message(&e.to_string()), line, col)
    })
}

/// Drops the position that serde-saphyr appends to its messages: ours is added later,
/// counted from the start of the file.
fn plain_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

/// Turns serde's messages into problems with a fix: unknown fields get a "did you mean",
/// missing fields name themselves, bad enum values list the allowed ones.
fn classify(
    path: &Path,
    text: &Arc<str>,
    offset: usize,
    message: &str,
    kind: &'static str,
    fields: &Fields,
) -> Diagnostic {
    let known: Vec<&str> = fields.known.iter().map(String::as_str).collect();
    if let Some(field) = between(message, "unknown field `", "`") {
        // A field of a nested mapping (an action of a lesson): serde lists the fields
        // allowed there, which are not the kind's.
        let expected = message
            .split_once("expected ")
            .map_or_else(Vec::new, |(_, list)| listed(list));
        if !expected.is_empty() && expected.iter().any(|f| !known.contains(f)) {
            let help = match did_you_mean(field, &expected) {
                Some(s) => t!(
                    "did you mean `{s}`? (the fields allowed here are: {fields})",
                    s = s,
                    fields = expected.join(", ")
                ),
                None => t!(
                    "the fields allowed here are: {fields}",
                    fields = expected.join(", ")
                ),
            };
            return Diagnostic::error(Problem::UnknownField {
                field: field.to_string(),
                kind,
            })
            .at(Location::new(path, text, offset, field.len()))
            .with_help(help);
        }
        let help = match did_you_mean(field, &known) {
            _ if field == "draft" && kind == "section" => {
                t!("a section's _index.md cannot be a draft (its pages would lose their index): mark the pages in it `draft: true` instead")
            }
            Some(s) => t!(
                "did you mean `{s}`? (the fields of a {kind} are: {fields})",
                s = s,
                kind = crate::messages::kind_name(kind),
                fields = known.join(", ")
            ),
            None => t!(
                "the fields of a {kind} are: {fields}",
                kind = crate::messages::kind_name(kind),
                fields = known.join(", ")
            ),
        };
        return Diagnostic::error(Problem::UnknownField {
            field: field.to_string(),
            kind,
        })
        .at(Location::new(path, text, offset, field.len()))
        .with_help(help);
    }
    if let Some(field) = between(message, "missing field `", "`") {
        return Diagnostic::error(Problem::MissingField {
            field: field.to_string(),
            kind,
        })
        .at(Location::new(path, text, offset, 0))
        .with_help(match fields.values(field) {
            Some(words) if !words.is_empty() => t!(
                "add `{field}:` to the front matter, with one of: {values}",
                field = field,
                values = words.join(", ")
            ),
            _ => t!("add `{field}:` to the front matter", field = field),
        });
    }
    // A date's own message is made again from its value, so that it can be translated
    // (serde passes it on as English text).
    let detail = message
        .find("` is not a date")
        .and_then(|end| {
            message[..end]
                .rfind('`')
                .map(|start| &message[start + 1..end])
        })
        .and_then(|value| crate::content::schema::Date::parse(value).err())
        .unwrap_or_else(|| crate::messages::library(message));
    let mut diagnostic =
        Diagnostic::error(Problem::FrontMatter(detail)).at(Location::new(path, text, offset, 1));
    if let Some(variant) = between(message, "unknown variant `", "`") {
        let options = listed(message.split("expected ").nth(1).unwrap_or(""));
        // A value written as the portal shows it (`phase: 执行`): the word to write.
        let mut named: Vec<&str> = crate::theme::builtin_label_keys(variant)
            .into_iter()
            .filter_map(|key| {
                options
                    .iter()
                    .copied()
                    .find(|o| key.ends_with(&format!("_{}", o.replace('-', "_"))))
            })
            .collect();
        named.dedup();
        diagnostic = diagnostic.with_help(match (did_you_mean(variant, &options), &named[..]) {
            (_, [one]) => t!(
                "`{variant}` is how the portal shows `{s}`: write `{s}` (allowed: {options})",
                variant = variant,
                s = *one,
                options = options.join(", ")
            ),
            (Some(s), _) => t!(
                "did you mean `{s}`? allowed: {options}",
                s = s,
                options = options.join(", ")
            ),
            (None, _) => t!("allowed values: {options}", options = options.join(", ")),
        });
    } else if message.contains("not a date") && message.contains("write it as") {
        diagnostic = diagnostic.with_help(date_help(between(message, "`", "`").unwrap_or("")));
    } else if message.contains("not a date") {
        diagnostic = diagnostic.with_help(t!(
            "the format is right but no such day exists: check the month and the day"
        ));
    } else if message.contains("invalid boolean") {
        diagnostic = diagnostic.with_help(t!("write `true` or `false`: YAML 1.1 words such as yes, no, on and off are not read as booleans here, as they surprise too often"));
    }
    diagnostic
}

/// The names serde lists after "expected" (`one of a, b or c`, with or without
/// backquotes).
fn listed(allowed: &str) -> Vec<&str> {
    let allowed = allowed.strip_prefix("one of ").unwrap_or(allowed);
    allowed
        .split([',', ' '])
        .map(|s| s.trim_matches('`'))
        .filter(|s| !s.is_empty() && *s != "or")
        .collect()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::schema::{LessonMeta, PageMeta};

    fn parse_str<T: DeserializeOwned + schemars::JsonSchema>(
        text: &str,
        kind: &'static str,
    ) -> Result<T, Diagnostic> {
        parse_all(text, kind).map_err(|mut all| all.remove(0))
    }

    fn parse_all<T: DeserializeOwned + schemars::JsonSchema>(
        text: &str,
        kind: &'static str,
    ) -> Result<T, Vec<Diagnostic>> {
        let text: Arc<str> = Arc::from(text);
        let path = Path::new("a.md");
        let s = split(path, &text).map_err(|d| vec![d])?;
        parse(path, &text, &s, kind)
    }

    #[test]
    fn several_names_where_one_text_goes_are_shown_as_one() {
        let text = "---\ntitle: x\ndate: 2024-03-18\nproject: erp\nphase: closing\nimpact: positive\nowner: [张三, 李四]\n---\n";
        let d = parse_str::<LessonMeta>(text, "lesson").unwrap_err();
        let help = d.help.map(|h| h.to_string()).unwrap_or_default();
        assert!(help.contains("`owner: 张三、李四`"), "{help}");
    }

    #[test]
    fn a_second_front_matter_block_is_refused_and_a_rule_is_not() {
        let text = "---\ntitle: 点\n---\n\n---\ntitle: 又\ndate: 2024-01-01\n---\n正文\n";
        let d = parse_str::<PageMeta>(text, "page").unwrap_err();
        assert!(d.to_string().contains("a.md:5:1"), "{d}");
        assert!(d.to_string().contains("second front matter block"), "{d}");
        let rule = "---\ntitle: 点\n---\n\n---\n\n注意：这是正文。\n\n---\n";
        assert!(parse_str::<PageMeta>(rule, "page").is_ok());
    }

    #[test]
    fn a_fence_of_more_than_three_dashes_is_told_its_length() {
        for (text, fence) in [
            ("----\ntitle: 点\n----\n\n正文\n", "----"),
            ("++++\ntitle = \"点\"\n++++\n", "++++"),
        ] {
            let d = parse_str::<PageMeta>(text, "page").unwrap_err();
            assert!(
                d.to_string()
                    .contains(&format!("the front matter fence is `{fence}`")),
                "{d}"
            );
            assert!(d.to_string().starts_with("error: a.md:1:1"), "{d}");
        }
    }

    #[test]
    fn a_date_typed_another_way_is_told_the_day_it_would_be() {
        for (date, day) in [
            ("2024-3-5", "2024-03-05"),
            ("2024/03/05", "2024-03-05"),
            ("2024年3月5日", "2024-03-05"),
            ("20240305", "2024-03-05"),
        ] {
            let text = format!(
                "---\ntitle: x\ndate: {date}\nproject: erp\nphase: closing\nimpact: positive\n---\n"
            );
            let d = parse_str::<LessonMeta>(&text, "lesson").unwrap_err();
            let help = d.help.map(|h| h.to_string()).unwrap_or_default();
            assert!(
                help.contains(&format!("`{date}` would be {day}")),
                "{date}: {help}"
            );
        }
    }

    #[test]
    fn a_list_of_items_written_as_a_word_or_a_list_of_words_is_shown_its_shape() {
        for actions in ["actions: 补签合同\n", "actions:\n  - 补签合同\n"] {
            let text = format!(
                "---\ntitle: x\ndate: 2024-03-18\nproject: erp\nphase: closing\nimpact: positive\n{actions}---\n"
            );
            let d = parse_str::<LessonMeta>(&text, "lesson").unwrap_err();
            assert!(
                d.to_string().contains("`actions` takes a list of items"),
                "{actions}: {d}"
            );
            let help = d.help.map(|h| h.to_string()).unwrap_or_default();
            assert!(help.contains("- what: …"), "{help}");
        }
    }

    #[test]
    fn every_mistake_of_a_front_matter_is_reported_at_once() {
        let text = "---\ntitle: 供应商延期\ndate: 2024-13-18\nproject: erp\nphase: executon\n\
                    impact: bad\ncatgory: 采购\ntags:\n  - a\n  - {b: 1}\nseverity: 高\n---\n";
        let all = parse_all::<LessonMeta>(text, "lesson").unwrap_err();
        let places: Vec<String> = all.iter().filter_map(Diagnostic::position).collect();
        assert_eq!(
            places,
            [
                "a.md:3:7",
                "a.md:5:8",
                "a.md:6:9",
                "a.md:7:1",
                "a.md:10:5",
                "a.md:11:11"
            ],
            "{all:#?}"
        );
        // Blanked fields are not then reported missing; a field truly missing is.
        let text = "---\ntitle: x\ndate: 2024-13-18\nphase: closing\nimpact: positive\n---\n";
        let all = parse_all::<LessonMeta>(text, "lesson").unwrap_err();
        let messages: Vec<String> = all.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2, "{messages:#?}");
        assert!(
            messages[1].contains("missing required field `project`"),
            "{messages:#?}"
        );
        let toml = "+++\ntitle = 3\nweight = \"x\"\ndraft = \"no\"\n+++\n";
        let all = parse_all::<PageMeta>(toml, "page").unwrap_err();
        assert_eq!(all.len(), 3, "{all:#?}");
    }

    #[test]
    fn splits_yaml_and_toml() {
        let text: Arc<str> = Arc::from("---\ntitle: x\n---\nbody\n");
        let s = split(Path::new("a.md"), &text).unwrap();
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(&text[s.front.clone()], "title: x\n");
        assert_eq!(&text[s.body.clone()], "body\n");
        let text: Arc<str> = Arc::from("+++\ntitle = \"x\"\n+++");
        let s = split(Path::new("a.md"), &text).unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(&text[s.body.clone()], "");
    }

    #[test]
    fn an_opening_fence_may_end_in_spaces_like_the_closing_one() {
        let text: Arc<str> = Arc::from("--- \ntitle: x\n---  \nbody\n");
        let s = split(Path::new("a.md"), &text).unwrap();
        assert_eq!(&text[s.front.clone()], "title: x\n");
        assert_eq!(&text[s.body.clone()], "body\n");
        let text: Arc<str> = Arc::from("+++\t\ntitle = \"x\"\n+++\n");
        assert_eq!(
            split(Path::new("a.md"), &text).unwrap().format,
            Format::Toml
        );
    }

    #[test]
    fn front_matter_below_blank_lines_is_pointed_at() {
        let e = parse_str::<PageMeta>("\n\n---\ntitle: x\n---\n", "page").unwrap_err();
        assert!(e.to_string().contains("a.md:3:1"), "{e}");
        let help = e.help.unwrap().to_string();
        assert!(help.contains("first line"), "{help}");
    }

    #[test]
    fn a_value_of_the_wrong_shape_is_told_in_words_with_an_example() {
        let lesson = |field: &str| {
            let text = format!(
                "---\ntitle: 标题\ndate: 2024-03-18\nproject: erp\nphase: execution\n\
                 impact: negative\n{field}\n---\n"
            );
            let e = parse_str::<LessonMeta>(&text, "lesson").unwrap_err();
            (
                e.to_string(),
                e.help.map(|h| h.to_string()).unwrap_or_default(),
            )
        };
        let (message, help) = lesson("tags: RACI");
        assert!(
            message.contains("a.md:7:7: invalid front matter: `tags` takes a list"),
            "{message}"
        );
        assert!(help.contains("tags: [a, b]"), "{help}");
        let (message, help) = lesson("category: [a, b]");
        assert!(message.contains("`category` takes one text"), "{message}");
        assert!(help.contains("category:"), "{help}");
        let (message, _) = lesson("title: 重复");
        assert!(message.contains("`title` is written twice"), "{message}");
        assert!(!message.contains("DuplicateKeyPolicy"), "{message}");
        let e = parse_str::<PageMeta>("---\ntitle:\n---\n", "page").unwrap_err();
        assert!(e.to_string().contains("`title` takes one text"), "{e}");
        assert!(!e.to_string().contains("Option<String>"), "{e}");
        let project = "---\ntitle: x\nstatus: active\nbac: 60万\n---\n";
        let e = parse_str::<crate::content::schema::ProjectMeta>(project, "project").unwrap_err();
        assert!(e.to_string().contains("`bac` takes a plain number"), "{e}");
        assert!(e
            .help
            .unwrap()
            .to_string()
            .contains("`60万` would be 600000: write `bac: 600000`"));
        let project = "---\ntitle: x\nstatus: active\nbac: 1e400  # 太大\n---\n";
        let e = parse_str::<crate::content::schema::ProjectMeta>(project, "project").unwrap_err();
        assert!(
            e.to_string()
                .contains("`bac` is out of range: `1e400` is larger than any figure"),
            "{e}"
        );
    }

    /// A required field written with spaces before it (uncommenting `#   impact:` from
    /// the scaffold) is named as indented, alone or after another mistake; it was a bare
    /// "did not find expected key", or, after a wrong `phase`, "missing `impact`".
    #[test]
    fn an_indented_field_is_named_as_such() {
        let lesson = |phase: &str| {
            format!(
                "---\ntitle: 标题\ndate: 2024-03-18\nproject: erp\nphase: {phase}   # 必填\n\
                 # category: 采购管理\n  impact: negative   # 必填\n---\n"
            )
        };
        let e = parse_all::<LessonMeta>(&lesson("execution"), "lesson").unwrap_err();
        assert_eq!(e.len(), 1, "{e:#?}");
        let message = e[0].to_string();
        assert!(message.contains("a.md:7:3"), "{message}");
        assert!(message.contains("`impact` is indented"), "{message}");
        assert!(
            e[0].help
                .as_ref()
                .unwrap()
                .to_string()
                .contains("remove the spaces before `impact:`"),
            "{:?}",
            e[0].help
        );
        let e = parse_all::<LessonMeta>(&lesson("执行"), "lesson").unwrap_err();
        let help = e[0].help.as_ref().unwrap().to_string();
        assert!(
            help.contains("`执行` is how the portal shows `execution`"),
            "{help}"
        );
        let all: Vec<String> = e.iter().map(ToString::to_string).collect();
        assert!(all.iter().any(|m| m.contains("a.md:5:8")), "{all:#?}");
        assert!(
            all.iter()
                .any(|m| m.contains("a.md:7:3") && m.contains("`impact` is indented")),
            "{all:#?}"
        );
        assert!(!all.iter().any(|m| m.contains("missing")), "{all:#?}");
    }

    #[test]
    fn toml_between_dashes_and_yaml_between_pluses_are_named() {
        let e =
            parse_all::<PageMeta>("---\ntitle = \"标题\"\nweight = 2\n---\n", "page").unwrap_err();
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(e[0].to_string().contains("a.md:2:1"), "{}", e[0]);
        let help = e[0].help.as_ref().unwrap().to_string();
        assert!(help.contains("+++"), "{help}");
        let e = parse_all::<PageMeta>("+++\ntitle: 标题\n+++\n", "page").unwrap_err();
        assert_eq!(e.len(), 1, "{e:#?}");
        let help = e[0].help.as_ref().unwrap().to_string();
        assert!(help.contains("---"), "{help}");
    }

    #[test]
    fn a_full_width_colon_or_a_missing_space_gets_a_hint() {
        let text = "---\ntitle: 标题\nweight：3\n---\n";
        let e = parse_str::<PageMeta>(text, "page").unwrap_err();
        let help = e.help.as_ref().map(|h| h.to_string()).unwrap_or_default();
        assert!(help.contains("`weight: 3`"), "{e} / {help}");
        let text = "---\ntitle: 标题\nweight:3\n---\n";
        let e = parse_str::<PageMeta>(text, "page").unwrap_err();
        let help = e.help.as_ref().map(|h| h.to_string()).unwrap_or_default();
        assert!(help.contains("`weight: 3`"), "{e} / {help}");
    }

    #[test]
    fn unclosed_and_missing_front_matter_are_errors() {
        let e = parse_str::<PageMeta>("---\ntitle: x\nbody", "page").unwrap_err();
        assert!(matches!(e.problem, Problem::UnclosedFrontMatter { .. }));
        let e = parse_str::<PageMeta>("", "page").unwrap_err();
        assert!(e.to_string().contains("a.md:1:1"));
    }

    #[test]
    fn unknown_field_points_at_its_line_with_a_hint() {
        let e = parse_str::<PageMeta>("---\ntitle: 标题\ntitel: x\n---\n", "page").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("error: a.md:3:1: unknown field `titel`"),
            "{e}"
        );
        assert!(e.help.unwrap().to_string().contains("did you mean `title`"));
    }

    #[test]
    fn bad_enum_value_lists_the_allowed_values() {
        let text = "---\ntitle: 供应商延期\ndate: 2024-03-18\nproject: erp\nphase: executon\nimpact: negative\n---\n";
        let e = parse_str::<LessonMeta>(text, "lesson").unwrap_err();
        assert!(e.to_string().contains("a.md:5:8"), "{e}");
        assert!(
            e.help
                .as_ref()
                .unwrap()
                .to_string()
                .contains("did you mean `execution`"),
            "{e} {:?}",
            e.help
        );
    }

    #[test]
    fn bad_date_points_at_the_value() {
        let text = "---\ntitle: x\ndate: 2024-13-01\n---\n";
        let e = parse_str::<PageMeta>(text, "page").unwrap_err();
        assert!(e.to_string().contains("a.md:3:7"), "{e}");
        assert!(e.to_string().contains("not a date"), "{e}");
    }

    #[test]
    fn toml_front_matter_reports_positions_in_the_file() {
        let text = "+++\ntitle = \"x\"\ndate = 2024-02-30\n+++\n";
        let e = parse_str::<PageMeta>(text, "page").unwrap_err();
        assert!(e.to_string().contains("a.md:3:"), "{e}");
        let ok: PageMeta =
            parse_str("+++\ntitle = \"x\"\ndate = 2024-02-03\n+++\n", "page").unwrap();
        assert_eq!(ok.date.unwrap().iso(), "2024-02-03");
    }

    #[test]
    fn yaml_one_one_booleans_are_rejected() {
        let e = parse_str::<PageMeta>("---\ntitle: x\ndraft: yes\n---\n", "page").unwrap_err();
        assert!(e.to_string().contains("a.md:3:8"), "{e}");
    }

    #[test]
    fn missing_title_is_named() {
        let e = parse_str::<PageMeta>("---\ntags: [a]\n---\n", "page").unwrap_err();
        assert!(matches!(e.problem, Problem::MissingField { .. }), "{e}");
    }
}
