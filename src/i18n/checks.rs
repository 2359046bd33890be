//! A site's own UI strings that would show a status or a date wrongly on every page:
//! `rag_green = "红"` beside `rag_red = "绿"` showed every green project as red, and
//! `date_format = ""` left every date out (the eleventh malformed hunt).

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

/// The groups of strings that name the values of one vocabulary, longest first so that
/// `lesson_status_` is not taken for `status_`.
const GROUPS: [&str; 7] = [
    "lesson_status_",
    "review_type_",
    "severity_",
    "status_",
    "impact_",
    "phase_",
    "rag_",
];

/// An error when `value`, the site's text for `key`, is the theme's text for another
/// value of the same vocabulary: the page would show one status as another.
pub(super) fn swapped_word(
    key: &str,
    value: &str,
    theme: &BTreeMap<String, String>,
) -> Option<Diagnostic> {
    let group = longest_group(key)?;
    let value = value.trim();
    let (other, _) = theme
        .iter()
        .find(|(k, v)| k.as_str() != key && longest_group(k) == Some(group) && v.trim() == value)?;
    Some(
        Diagnostic::error(Problem::Content(t!(
            "`{key}` would be shown as `{value}`, which is the theme's word for `{other}`: every page would show the one as the other",
            key = key,
            value = value,
            other = other.as_str()
        )))
        .with_help(t!(
            "give `{key}` a word of its own, or delete the line to keep the theme's `{theirs}`",
            key = key,
            theirs = theme.get(key).map_or("", String::as_str)
        )),
    )
}

fn longest_group(key: &str) -> Option<&'static str> {
    GROUPS.iter().find(|g| key.starts_with(*g)).copied()
}

/// An error when `date_format` would show a date with no digit of it (empty, or text
/// only), a warning when it is no format at all (the pages then show `2024-03-18`).
pub(super) fn dateless_format(key: &str, value: &str) -> Option<Diagnostic> {
    if key != "date_format" {
        return None;
    }
    let probe = jiff::civil::date(2024, 3, 18);
    let help = || {
        t!("write the day with `%Y`, `%m` and `%d` (`%-m` and `%-d` without a leading zero), e.g. `%Y-%m-%d`, `%-d %B %Y` or `%d/%m/%Y`")
    };
    match jiff::fmt::strtime::format(value.as_bytes(), probe) {
        Ok(shown) if !shown.chars().any(|c| c.is_ascii_digit()) => Some(
            Diagnostic::error(Problem::Content(t!(
                "`date_format = \"{value}\"` shows no day, month or year: every date of the site would be `{shown}`",
                value = value,
                shown = shown.as_str()
            )))
            .with_help(help()),
        ),
        Ok(_) => None,
        Err(_) => Some(
            Diagnostic::warning(Problem::Content(t!(
                "`date_format = \"{value}\"` is no date format pmo can write, so every date is shown as 2024-03-18",
                value = value
            )))
            .with_help(help()),
        ),
    }
}
