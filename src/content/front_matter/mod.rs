//! Splitting a Markdown file into front matter and body, and parsing the front matter
//! into a kind's schema with errors placed in the file (not in the front matter alone).

mod classify;
mod explain;
mod unclosed;

use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::content::schema::Fields;
use crate::de_clean::Cleaned;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::t;
use classify::{classify, synonym};
use explain::{
    colon_hint, commented_out, in_words, indent_hint, indented, indented_key, syntax_hint,
};

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
            t!("the file is empty: start it with front matter, e.g.\n---\ntitle: The page's title\n---")
        } else {
            t!("start the file with a front matter block, e.g.\n---\ntitle: The page's title\n---")
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
        let line = text[line_start..line_end].trim_end();
        // YAML also ends a document with `...` (pandoc writes front matter so).
        if line == other_fence(format) {
            // `+++` under `---` (or the reverse), as copied from another site's page:
            // "never closed" at line 1 sent its author to add a fence under this one.
            return Err(Diagnostic::error(Problem::Content(t!(
                "`{written}` closes a front matter opened with `{fence}`",
                written = line,
                fence = fence
            )))
            .at(Location::new(path, text, line_start, line.len()))
            .with_help(t!(
                "a front matter's two fences are the same: write `{fence}` here",
                fence = fence
            )));
        }
        if line == fence || (format == Format::Yaml && line == "...") {
            let body_start = (line_end + 1).min(text.len());
            return Ok(Split {
                format,
                front: start..line_start,
                body: body_start..text.len(),
            });
        }
        line_start = line_end + 1;
    }
    let help = match unclosed::last_field_above_text(&text[start..], format) {
        Some((line, field)) => t!(
            "add a line holding only `{fence}` after line {line} (`{field}`), the last field above the page's text",
            fence = fence,
            line = line + 1,
            field = field
        ),
        None => t!(
            "add a line holding only `{fence}` after the last front matter field",
            fence = fence
        ),
    };
    Err(Diagnostic::error(Problem::UnclosedFrontMatter { fence })
        .at(Location::new(path, text, 0, fence.len()))
        .with_help(help))
}

/// The fence of the other format: `+++` (TOML) for a YAML front matter, `---` for TOML.
/// Only at the start of a line: neither format holds it there (TOML but in a multi-line
/// string, which a front matter has no use for).
fn other_fence(format: Format) -> &'static str {
    match format {
        Format::Yaml => "+++",
        Format::Toml => "---",
    }
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
    if let Some(d) = fields_below_fence(path, text, split, fields) {
        return Err(vec![d]);
    }
    let mut found = Vec::new();
    let mut blanked: Vec<String> = Vec::new();
    for _ in 0..MAX_FRONT_MATTER_ERRORS {
        let (message, local) = match parse_once::<T>(&front, split.format) {
            Ok(value) if found.is_empty() => {
                if let Some(d) = second_block(path, text, split, fields) {
                    return Err(vec![d]);
                }
                let dropped = dropped_properties(path, text, split);
                return if dropped.is_empty() {
                    Ok(value)
                } else {
                    Err(dropped)
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
        let local = at_value(&front, local, &message);
        let d = classify(
            path,
            text,
            split.front.start + local,
            &message,
            kind,
            fields(),
        );
        let (d, colon_slip) = colon_hint(d, path, text, split.front.start, &front, fields(), kind);
        if colon_slip {
            found.push(d);
            break;
        }
        let d = in_words(d, &message, &front, local, fields());
        let d = indent_hint(d, path, text, split.front.start, &front, local, fields());
        let d = syntax_hint(d, path, text, split, &message, &front, local);
        if let Problem::MissingField { field: missing, .. } = &d.problem {
            // A field missing inside a list (an action without `what`) is none of the
            // page's own: told as serde found it. Without it the page was dropped from
            // the site with no word at all.
            let nested = !fields().required.iter().any(|f| f == missing);
            if nested {
                found.push(d);
                break;
            }
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
                // Written under its Chinese name (`标题:`), told above as that name.
                let written_so = blanked.iter().any(|b| synonym(kind, b) == Some(field));
                if !written_so && !blanked.iter().any(|b| b == field) && !has_key(&front, field) {
                    let missing = classify(
                        path,
                        text,
                        split.front.start,
                        &format!("missing field `{field}`"),
                        kind,
                        fields(),
                    );
                    found.push(commented_out(
                        missing,
                        path,
                        text,
                        split.front.clone(),
                        field,
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
/// fields, or a second YAML block as pandoc reads one after a front matter closed by
/// `...`): Markdown would publish it as a rule and a heading reading `title: …`, and its
/// fields would be read as none. A fenced block counts when its first line is a field of
/// the kind, or when its lines all read as fields, two of them at least (names the kind
/// does not know are told where they are moved to); a rule starting the text, a line of
/// prose or one `Note: …` line between two rules are left alone.
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
    let separator = match fence {
        "---" => ':',
        "+++" => '=',
        _ => return None,
    };
    let after = rest.get(first.len()..)?;
    let next = after.lines().find(|l| !l.trim().is_empty())?;
    let key = next.split([':', '=']).next()?.trim();
    let closed = after.lines().skip(1).any(|l| l.trim_end() == fence);
    let block: Vec<&str> = after
        .lines()
        .skip(1)
        .take_while(|l| l.trim_end() != fence)
        .collect();
    let reads_as_fields = block.iter().all(|l| reads_as_front_matter(l, separator))
        && block
            .iter()
            .filter(|l| key_in(l, separator).is_some())
            .count()
            >= 2;
    (closed && (reads_as_fields || fields().known.iter().any(|k| k == key))).then(|| {
        Diagnostic::error(Problem::FrontMatter(t!(
            "the page's text starts with a second front matter block"
        )))
        .at(Location::new(path, text, split.body.start + lead, 3))
        .with_help(t!("keep one front matter: move the fields you need into the first block and delete the second, fences and all"))
    })
}

/// An anchor's name or a tag starting a YAML value, which the parser left out of the
/// value without a word (see [`crate::syntax::dropped_properties`]).
fn dropped_properties(path: &Path, text: &Arc<str>, split: &Split) -> Vec<Diagnostic> {
    if split.format != Format::Yaml {
        return Vec::new();
    }
    let front = &text[split.front.clone()];
    crate::syntax::dropped_properties(front)
        .into_iter()
        .map(|e| {
            let at = split.front.start + e.at.unwrap_or(0);
            let len = text[at..]
                .find(char::is_whitespace)
                .unwrap_or(text.len() - at);
            Diagnostic::error(Problem::FrontMatter(e.problem))
                .at(Location::new(path, text, at, len))
                .with_help(e.help)
        })
        .collect()
}

/// The name of the field `line` sets (`key: value` in YAML, `key = value` in TOML, by
/// `separator`): a name with no space in it and not indented, followed in YAML by a
/// space or the line's end (`a:b` and `http://…` are text to YAML).
fn key_in(line: &str, separator: char) -> Option<&str> {
    let (key, value) = line.split_once(separator)?;
    let key = key.trim_end();
    let spaced = separator != ':' || value.is_empty() || value.starts_with([' ', '\t']);
    (spaced && !key.is_empty() && !key.starts_with(char::is_whitespace) && !key.contains(' '))
        .then_some(key)
}

/// Whether `line` reads as a line of front matter: a field, a list item, an indented
/// line, a comment or a blank line.
fn reads_as_front_matter(line: &str, separator: char) -> bool {
    line.trim().is_empty()
        || line.starts_with([' ', '\t', '-', '#', ']'])
        || key_in(line, separator).is_some()
}

/// A fence (or YAML's `...`) written between two fields: the front matter ends there,
/// and the fields below it, down to the fence meant to close it, were published as the
/// page's text (a heading reading `severity: medium`) and read as no field — a lesson
/// lost its status without a word, a project was told `status` was missing though it
/// was written (the twelfth malformed hunt). Only lines that all read as front matter
/// (fields, list items, indented lines, comments) down to a closing fence count, the
/// first of them a field of the kind, so a page whose text opens like a field is text.
fn fields_below_fence<'a>(
    path: &Path,
    text: &Arc<str>,
    split: &Split,
    fields: impl Fn() -> &'a Fields,
) -> Option<Diagnostic> {
    let (fence, separator) = match split.format {
        Format::Yaml => ("---", ':'),
        Format::Toml => ("+++", '='),
    };
    let lines: Vec<&str> = text[split.body.clone()]
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| l.trim_end() != fence)
        .collect();
    let first = key_in(lines.first()?, separator)?;
    let closed = text[split.body.clone()]
        .lines()
        .any(|l| l.trim_end() == fence);
    if !closed || !lines.iter().all(|l| reads_as_front_matter(l, separator)) {
        return None;
    }
    let known = &fields().known;
    if !known.iter().any(|k| k == first) {
        return None;
    }
    let named: Vec<String> = lines
        .iter()
        .filter_map(|l| key_in(l, separator))
        .filter(|k| known.iter().any(|f| f == k))
        .take(3)
        .map(|k| format!("`{k}`"))
        .collect();
    let at = split.front.end;
    let written = text[at..split.body.start].trim_end();
    Some(
        Diagnostic::error(Problem::FrontMatter(t!(
            "the front matter ends at this `{fence}`, yet the lines below it are its fields ({fields}): they would be published as the page's text and read as no field",
            fence = written,
            fields = named.join(", ")
        )))
        .at(Location::new(path, text, at, written.len()))
        .with_help(t!(
            "delete this `{fence}` line: a front matter has one fence line above its fields and one below them, none between",
            fence = written
        )),
    )
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
        Format::Toml => toml::from_str::<Cleaned<T>>(front)
            .map(|c| c.0)
            .map_err(|e| {
                let local = e.span().map_or(0, |r| r.start);
                (e.message().trim().to_string(), local)
            }),
    }
}

/// Whether serde found a value of the wrong shape (which leaves the rest of the front
/// matter readable), rather than text it could not parse at all.
/// Where a value of the wrong type is told. saphyr places a null (`date: null`,
/// `date: ~`) at its key, as it places an unknown field; the value is the mistake, and
/// the author's eye goes to it. Any other error stays where saphyr put it.
fn at_value(front: &str, local: usize, message: &str) -> usize {
    if !message.starts_with("invalid type") {
        return local;
    }
    let Some(rest_of_front) = front.get(local..) else {
        return local;
    };
    let line = rest_of_front.lines().next().unwrap_or("");
    let Some((key, after)) = line.split_once(':') else {
        return local;
    };
    let value = after.trim_start();
    if key.is_empty() || key.contains(char::is_whitespace) || !after.starts_with(' ') {
        return local;
    }
    if value.is_empty() || value.starts_with('#') {
        return local;
    }
    local + key.len() + 1 + (after.len() - value.len())
}

pub(super) fn is_schema_error(message: &str) -> bool {
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
            "externally tagged enum",
        ]
        .iter()
        .any(|m| message.contains(m))
}

/// The top-level field whose lines hold `offset`: its name and the byte range from its
/// key to the next top-level line (a YAML block list, a TOML array over several lines).
pub(super) fn field_block(front: &str, offset: usize) -> Option<(String, std::ops::Range<usize>)> {
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
    // An empty front matter block is an empty mapping, so the schema reports what is
    // missing. So is one of comments only (`# 草稿`), which YAML reads as no document at
    // all and saphyr told as "unexpected end of input".
    let only_comments = front
        .lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'));
    let front = if only_comments { "{}" } else { front };
    serde_saphyr::from_str_with_options::<Cleaned<T>>(front, options)
        .map(|c| c.0)
        .map_err(|e| {
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

#[cfg(test)]
mod tests;
