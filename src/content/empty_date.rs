//! A `date` written with no day in it: `date: null`, `date: ~`, `date:` (YAML's ways of
//! saying "nothing") and `date: ""` (an empty text). A lesson or a review files by its
//! date, and was refused with "`date` expected a date", which did not say the date was
//! missing; a practice or another page may go without one, and `date: null` was
//! published as undated without a word, while `date: ""` was refused (the twenty-fifth
//! malformed hunt). Now each is told at its value: for a kind that needs its date, an
//! error saying so; for another, a warning that the page goes undated (YAML's "nothing"),
//! or an error for the empty text, which is no day and no "nothing".

use std::path::Path;
use std::sync::Arc;

use crate::content::front_matter::Split;
use crate::content::page_file::field_offset;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::kinds::Kind;
use crate::t;

/// How the value was left empty.
#[derive(PartialEq)]
enum Empty {
    /// YAML's null: `null`, `~`, nothing at all.
    Nothing,
    /// `""` or `''`.
    Text,
}

fn empty(value: &str) -> Option<Empty> {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => Some(Empty::Nothing),
        "\"\"" | "''" => Some(Empty::Text),
        _ => None,
    }
}

/// The problem of a `date` left empty in the front matter of a page of `kind`, at its
/// value; `None` when the date is written, or absent (a missing field is the schema's).
pub fn told(kind: Kind, path: &Path, text: &Arc<str>, split: &Split) -> Option<Diagnostic> {
    let required = match kind {
        Kind::Lesson | Kind::Review => true,
        Kind::Practice | Kind::Report | Kind::Page | Kind::Home => false,
        Kind::Section | Kind::Project => return None,
    };
    let at = field_offset(text, split, "date");
    if at == split.front.start {
        return None;
    }
    let rest = text.get(at..)?;
    let line = rest.lines().next().unwrap_or("");
    let value = line.split(" #").next().unwrap_or(line).trim_end();
    let how = empty(value.trim_start_matches('#').trim())?;
    // `date:` with its value on the indented line below is YAML's too, and written.
    let below = rest.lines().nth(1).unwrap_or("");
    if value.is_empty() && below.starts_with([' ', '\t']) && !below.trim().is_empty() {
        return None;
    }
    let written = if value.is_empty() {
        "date:".to_string()
    } else {
        format!("date: {value}")
    };
    let place = Location::new(path, text, at, value.len().max(1));
    let help = t!("write the day as YYYY-MM-DD, e.g. 2024-03-18");
    let d = match (required, how) {
        (true, _) if kind == Kind::Review => Diagnostic::error(Problem::FrontMatter(t!(
            "`{written}` leaves the date empty, but a review needs its date: the archive files it under its year",
            written = &written
        ))),
        (true, _) => Diagnostic::error(Problem::FrontMatter(t!(
            "`{written}` leaves the date empty, but a lesson needs the date it was recorded",
            written = &written
        ))),
        (false, Empty::Text) => Diagnostic::error(Problem::FrontMatter(t!(
            "`{written}` is an empty text, not a date",
            written = &written
        ))),
        (false, Empty::Nothing) if kind != Kind::Practice => Diagnostic::warning(
            Problem::FrontMatter(t!(
                "`{written}` leaves the date empty: the page is published with no date",
                written = &written
            )),
        ),
        (false, Empty::Nothing) => Diagnostic::warning(Problem::FrontMatter(t!(
            "`{written}` leaves the date empty: the page is published with no date, and a practice without one is never listed as stale",
            written = &written
        ))),
    };
    let help = if required {
        help
    } else {
        t!("write the day as YYYY-MM-DD, e.g. 2024-03-18, or delete the line if the page has no date")
    };
    Some(d.at(place).with_help(help))
}

#[cfg(test)]
mod tests {
    use super::{empty, Empty};

    #[test]
    fn only_yaml_words_for_nothing_and_empty_quotes_are_empty() {
        for v in ["", "~", "null", "NULL"] {
            assert!(empty(v) == Some(Empty::Nothing), "{v}");
        }
        for v in ["\"\"", "''"] {
            assert!(empty(v) == Some(Empty::Text), "{v}");
        }
        for v in ["2024-03-05", "nil", "\"null\"", "无"] {
            assert!(empty(v).is_none(), "{v}");
        }
    }
}
