//! Dates written the ways a person writes them in a hurry, for the help of the error that
//! refuses them: a year alone (`date: 2024`), a month (`2024-03`, `March 2024`) or a day
//! in English words (`March 5, 2024`). The build takes `YYYY-MM-DD` only; these were told
//! "write dates as YYYY-MM-DD" alone, which said neither what was read nor what was
//! missing.

use crate::messages::Text;
use crate::t;

/// What `text` was read as and how to write it, or `None` when it is none of these forms
/// (or names no day: `February 30, 2024` is left to the general help).
pub fn help(text: &str) -> Option<Text> {
    let value = text.trim();
    let folded: String = value.chars().map(crate::slugs::fold_full_width).collect();
    let folded = folded.trim_end_matches('日').trim_end_matches('号');
    let parts: Vec<&str> = folded
        .split([' ', ',', '-', '/', '.', '年', '月'])
        .filter(|p| !p.is_empty())
        .collect();
    if let Some(day) = in_words(&parts) {
        return Some(t!(
            "`{value}` would be {day}: write dates as YYYY-MM-DD",
            value = value,
            day = day
        ));
    }
    if let Some((year, month)) = year_and_month(&parts) {
        return Some(t!(
            "`{value}` names a month, not a day: write the day as YYYY-MM-DD, e.g. {first} for the month's first day",
            value = value,
            first = format!("{year:04}-{month:02}-01")
        ));
    }
    match parts.as_slice() {
        [y] if year(y).is_some() => Some(t!(
            "`{value}` is a year alone, not a day: write the day as YYYY-MM-DD, e.g. {first} or {last}",
            value = value,
            first = format!("{y}-01-01"),
            last = format!("{y}-12-31")
        )),
        _ => None,
    }
}

/// A four-digit year of the years a portal's dates fall in.
fn year(part: &str) -> Option<i16> {
    let n: i16 = part
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| part.parse().ok())
        .flatten()?;
    (part.len() == 4 && (1900..=2100).contains(&n)).then_some(n)
}

/// A day of the month, with an English ordinal's ending (`5th`) taken off.
fn day_number(part: &str) -> Option<i8> {
    let digits = part.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &part[digits.len()..];
    if !["", "st", "nd", "rd", "th"].contains(&suffix.to_ascii_lowercase().as_str())
        || digits.is_empty()
        || digits.len() > 2
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    digits.parse().ok()
}

fn month_word(part: &str) -> Option<i8> {
    crate::date::english_month(part.trim_end_matches('.')).and_then(|m| i8::try_from(m).ok())
}

/// A day whose month is an English word: `March 5, 2024`, `5 March 2024`, `5-Mar-2024`,
/// `2024 Mar 5`, as `YYYY-MM-DD` when that day exists.
fn in_words(parts: &[&str]) -> Option<String> {
    let (y, m, d) = match parts {
        [m, d, y] if month_word(m).is_some() => (year(y)?, month_word(m)?, day_number(d)?),
        [d, m, y] if month_word(m).is_some() => (year(y)?, month_word(m)?, day_number(d)?),
        [y, m, d] if month_word(m).is_some() => (year(y)?, month_word(m)?, day_number(d)?),
        _ => return None,
    };
    jiff::civil::Date::new(y, m, d)
        .ok()
        .map(|day| day.strftime("%Y-%m-%d").to_string())
}

/// A month of a year: `2024-03`, `2024/3`, `2024年3月`, `March 2024`, `2024 Mar`.
fn year_and_month(parts: &[&str]) -> Option<(i16, i8)> {
    let number = |m: &str| -> Option<i8> {
        let n: i8 = (m.len() <= 2 && m.bytes().all(|b| b.is_ascii_digit()))
            .then(|| m.parse().ok())
            .flatten()?;
        (1..=12).contains(&n).then_some(n)
    };
    match parts {
        [y, m] if year(y).is_some() => Some((year(y)?, month_word(m).or_else(|| number(m))?)),
        [m, y] if month_word(m).is_some() => Some((year(y)?, month_word(m)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str) -> String {
        help(text).map(|t| t.to_string()).unwrap_or_default()
    }

    #[test]
    fn reads_what_was_meant() {
        assert!(said("March 5, 2024").contains("2024-03-05"));
        assert!(said("5 March 2024").contains("2024-03-05"));
        assert!(said("5-Mar-2024").contains("2024-03-05"));
        assert!(said("Mar. 5th, 2024").contains("2024-03-05"));
        assert!(said("2024").contains("2024-01-01"));
        assert!(said("２０２４").contains("2024-12-31"));
        assert!(said("2024-03").contains("2024-03-01"));
        assert!(said("2024年3月").contains("2024-03-01"));
        assert!(said("March 2024").contains("2024-03-01"));
    }

    #[test]
    fn leaves_other_text_alone() {
        for text in [
            "February 30, 2024",
            "12",
            "2024-13",
            "soon",
            "May",
            "1234",
            "5 5 2024",
        ] {
            assert_eq!(help(text), None, "{text}");
        }
    }
}
