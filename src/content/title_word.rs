//! A title YAML reads as something other than words. `title: .inf` and `title: true`
//! were published as typed, without a word, though such a value is far more often a
//! slip (a value pasted into the wrong field, a placeholder) than a page's name; a
//! title typed as a number (`title: 2024`) is shown as typed and is left alone.

use std::path::Path;
use std::sync::Arc;

use crate::content::front_matter::{Format, Split};
use crate::content::page_file::field_offset;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::Text;
use crate::t;

/// The warning for a plain (unquoted) `title` YAML reads as infinity, no number or a
/// yes-or-no, at its value.
pub fn doubtful(path: &Path, text: &Arc<str>, split: &Split) -> Option<Diagnostic> {
    if split.format != Format::Yaml {
        return None;
    }
    let at = field_offset(text, split, "title");
    if at == split.front.start {
        return None;
    }
    let line = text.get(at..)?.lines().next()?;
    let value = line.split(" #").next().unwrap_or(line).trim_end();
    let meaning = meaning(value)?;
    Some(
        Diagnostic::warning(Problem::FrontMatter(t!(
            "`title: {value}` reads in YAML as {meaning}, not as words: the page is listed as `{value}`",
            value = value,
            meaning = meaning
        )))
        .at(Location::new(path, text, at, value.len()))
        .with_help(t!(
            "write the page's title; if `{value}` is meant, put it in quotes: `title: \"{value}\"`",
            value = value
        )),
    )
}

/// What YAML makes of `value` when it is no text.
fn meaning(value: &str) -> Option<Text> {
    let bare = value.trim_start_matches(['+', '-']);
    Some(match bare {
        ".inf" | ".Inf" | ".INF" => t!("infinity"),
        ".nan" | ".NaN" | ".NAN" if bare == value => t!("no number (not-a-number)"),
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" if bare == value => {
            t!("a yes or a no")
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::meaning;

    #[test]
    fn only_yaml_words_that_are_no_text_are_doubtful() {
        for word in [".inf", "-.inf", "+.Inf", ".nan", "true", "False"] {
            assert!(meaning(word).is_some(), "{word}");
        }
        for word in [
            "2024",
            "1e400",
            "99999999999999999999999",
            "-true",
            "风险",
            "\".inf\"",
        ] {
            assert!(meaning(word).is_none(), "{word}");
        }
    }
}
