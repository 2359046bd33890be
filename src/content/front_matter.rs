//! Splitting a Markdown file into front matter and body, and parsing the front matter
//! into a kind's schema with errors placed in the file (not in the front matter alone).

use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::content::schema::fields_of;
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
    let (format, fence) = if text.starts_with("---\n") || &**text == "---" {
        (Format::Yaml, "---")
    } else if text.starts_with("+++\n") || &**text == "+++" {
        (Format::Toml, "+++")
    } else {
        let help = if text.trim().is_empty() {
            "the file is empty: start it with front matter, e.g.\n---\ntitle: 标题\n---"
        } else {
            "start the file with a front matter block, e.g.\n---\ntitle: 标题\n---"
        };
        return Err(
            Diagnostic::error(Problem::Content("no front matter".into()))
                .at(Location::new(path, text, 0, 0))
                .with_help(help),
        );
    };
    let start = fence.len() + 1;
    let mut line_start = start.min(text.len());
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
        .with_help(format!(
            "add a line holding only `{fence}` after the last front matter field"
        )))
}

/// Parses the front matter of `split` into `T`. `kind` names the schema in messages.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    text: &Arc<str>,
    split: &Split,
    kind: &'static str,
) -> Result<T, Diagnostic> {
    let front = &text[split.front.clone()];
    let (message, offset) = match split.format {
        Format::Yaml => match parse_yaml::<T>(front) {
            Ok(value) => return Ok(value),
            Err((message, line, col)) => {
                let local = crate::diagnostics::offset_of(front, line, col);
                (message, split.front.start + local)
            }
        },
        Format::Toml => match toml::from_str::<T>(front) {
            Ok(value) => return Ok(value),
            Err(e) => {
                let local = e.span().map_or(0, |r| r.start);
                (e.message().trim().to_string(), split.front.start + local)
            }
        },
    };
    Err(classify(path, text, offset, &message, kind))
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
) -> Diagnostic {
    let known = fields_of(kind);
    if let Some(field) = between(message, "unknown field `", "`") {
        let help = match did_you_mean(field, known) {
            _ if field == "draft" && kind == "section" => {
                "a section's _index.md cannot be a draft (its pages would lose their index): mark the pages in it `draft: true` instead".to_string()
            }
            Some(s) => format!(
                "did you mean `{s}`? (the fields of a {kind} are: {})",
                known.join(", ")
            ),
            None => format!("the fields of a {kind} are: {}", known.join(", ")),
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
        .with_help(format!("add `{field}:` to the front matter"));
    }
    let mut diagnostic = Diagnostic::error(Problem::FrontMatter(message.to_string()))
        .at(Location::new(path, text, offset, 1));
    if let Some(variant) = between(message, "unknown variant `", "`") {
        let allowed = message.split("expected ").nth(1).unwrap_or("");
        let allowed = allowed.strip_prefix("one of ").unwrap_or(allowed);
        let options: Vec<&str> = allowed
            .split([',', ' '])
            .map(|s| s.trim_matches('`'))
            .filter(|s| !s.is_empty() && *s != "or")
            .collect();
        diagnostic = diagnostic.with_help(match did_you_mean(variant, &options) {
            Some(s) => format!("did you mean `{s}`? allowed: {}", options.join(", ")),
            None => format!("allowed values: {}", options.join(", ")),
        });
    } else if message.contains("not a date") && message.contains("write it as") {
        diagnostic = diagnostic.with_help("write dates as YYYY-MM-DD, e.g. 2024-03-18");
    } else if message.contains("not a date") {
        diagnostic = diagnostic
            .with_help("the format is right but no such day exists: check the month and the day");
    } else if message.contains("invalid boolean") {
        diagnostic = diagnostic.with_help("write `true` or `false`: YAML 1.1 words such as yes, no, on and off are not read as booleans here, as they surprise too often");
    }
    diagnostic
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::schema::{LessonMeta, PageMeta};

    fn parse_str<T: DeserializeOwned>(text: &str, kind: &'static str) -> Result<T, Diagnostic> {
        let text: Arc<str> = Arc::from(text);
        let path = Path::new("a.md");
        let s = split(path, &text)?;
        parse(path, &text, &s, kind)
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
        assert!(e.help.unwrap().contains("did you mean `title`"));
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
