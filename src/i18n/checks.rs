//! A site's own UI strings that would show a status or a date wrongly on every page:
//! `rag_green = "红"` beside `rag_red = "绿"` showed every green project as red, and
//! `date_format = ""` left every date out (the eleventh malformed hunt); or that are
//! not shown at all, from a file named for the language another way.

use std::collections::BTreeMap;
use std::path::Path;

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

/// The site's strings files named for the site's language another way (`i18n/zh.toml`,
/// `i18n/zh_CN.toml` where the theme's file, and so the site's, is `i18n/zh-CN.toml`):
/// site.toml takes `language = "zh"`, but the strings file is read by its one name
/// only, and the labels it changed stayed the theme's without a word (the eleventh
/// malformed hunt). `name` is the file read (`i18n/zh-CN.toml`), absent here.
pub(super) fn misnamed_strings(root: &Path, name: &str) -> Vec<Diagnostic> {
    let Some(meant) = Path::new(name).file_stem().and_then(|s| s.to_str()) else {
        return Vec::new();
    };
    // The language a name stands for, as its first part (`zh` of `zh_CN`, `zh-Hans`;
    // `en` of `EN`, `en-US`): the spellings site.toml's `language` takes.
    let language = |stem: &str| stem.split(['-', '_']).next().map(str::to_ascii_lowercase);
    let Ok(entries) = std::fs::read_dir(root.join("i18n")) else {
        return Vec::new();
    };
    let mut found: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|file| {
            let stem = file.strip_suffix(".toml").unwrap_or("");
            !stem.is_empty() && stem != meant && language(stem) == language(meant)
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|file| {
            Diagnostic::warning(Problem::Content(t!(
                "this strings file is not read: the site's UI strings for its language are read from {name} only",
                name = name
            )))
            .at_file_start(&Path::new("i18n").join(&file))
            .with_help(t!("rename the file to {name}", name = name))
        })
        .collect()
}
#[cfg(test)]
mod tests {
    /// Only the other spellings of the site's language are told: a file for another
    /// language is the site's own business.
    #[test]
    fn a_strings_file_named_for_the_language_another_way_is_told() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("i18n")).unwrap();
        for file in ["zh.toml", "zh_CN.toml", "en.toml", "notes.txt"] {
            std::fs::write(root.path().join("i18n").join(file), "").unwrap();
        }
        let told: Vec<String> = super::misnamed_strings(root.path(), "i18n/zh-CN.toml")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(told.len(), 2, "{told:#?}");
        assert!(told[0].starts_with("warning: i18n/zh.toml:1:1: this strings file is not read"));
        assert!(told[1].contains("i18n/zh_CN.toml"), "{}", told[1]);
        assert!(
            told[1].contains("rename the file to i18n/zh-CN.toml"),
            "{}",
            told[1]
        );
    }
}
