//! The one date type of the site: front matter, tables and charts all read `YYYY-MM-DD`
//! the same way, so it lives below every stage.

use crate::date_order::year_last;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use crate::messages::Text;
use crate::t;

/// A calendar date written `YYYY-MM-DD`, accepted from YAML strings and TOML dates alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    pub fn parse(text: &str) -> Result<Date, Text> {
        let text = text.trim();
        let invalid = || {
            t!(
                "`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2024-03-18",
                text = text
            )
        };
        if text.chars().any(|c| ('\u{FF10}'..='\u{FF19}').contains(&c)) {
            let half: String = text.chars().map(crate::slugs::fold_full_width).collect();
            return Err(t!(
                "`{text}` is typed with full-width digits: write it half-width, `{half}`",
                text = text,
                half = half
            ));
        }
        if let Some(said) = year_last_help(text) {
            return Err(said);
        }
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10
            || b[4] != b'-'
            || b[7] != b'-'
            || !digits(0..4)
            || !digits(5..7)
            || !digits(8..10)
        {
            return Err(invalid());
        }
        // The shape is right (ASCII only), so the fields are numbers: say which is wrong.
        let number = |r: std::ops::Range<usize>| text[r].parse::<i16>().unwrap_or(0);
        let (year, month, day) = (number(0..4), number(5..7) as i8, number(8..10) as i8);
        if !(1..=12).contains(&month) {
            return Err(t!(
                "`{text}` is not a date: there is no month {month} (months are 01 to 12)",
                text = text,
                month = month
            ));
        }
        let first = jiff::civil::Date::new(year, month, 1).map_err(|_| invalid())?;
        let days = first.days_in_month();
        if day < 1 || day > days {
            return Err(t!(
                "`{text}` is not a date: {month} has days 01 to {days}",
                text = text,
                month = format!("{year}-{month:02}"),
                days = days
            ));
        }
        jiff::civil::Date::new(year, month, day)
            .map(Date)
            .map_err(|_| invalid())
    }

    /// Today in the machine's time zone: what "overdue" and "stale" are judged by
    /// unless an as-of date is given.
    pub fn today() -> Date {
        Date(jiff::Zoned::now().date())
    }

    pub fn iso(&self) -> String {
        self.0.to_string()
    }

    pub fn year(&self) -> i16 {
        self.0.year()
    }
}

/// Editors see a date as text in the form the parser accepts.
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "a calendar date written YYYY-MM-DD, e.g. 2024-03-18"
        })
    }
}

/// Written as front matter writes it (`2024-03-18`), so templates can show or compare it.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DayVisitor {
            parse: Date::parse,
            expecting: "a date written YYYY-MM-DD",
        })
    }
}

/// Reads a day from a YAML string or a TOML date with `parse`, the one way front matter
/// dates are read whatever else a field accepts.
struct DayVisitor {
    parse: fn(&str) -> Result<Date, Text>,
    expecting: &'static str,
}

impl<'de> Visitor<'de> for DayVisitor {
    type Value = Date;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
        (self.parse)(v).map_err(|e| E::custom(e.to_string()))
    }
    // TOML hands dates over as a one-entry map holding the date's text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
        let Some((_, value)) = map.next_entry::<String, String>()? else {
            return Err(de::Error::custom("expected a date written YYYY-MM-DD"));
        };
        // A date-time is refused as YAML refuses it: its time was dropped, and
        // `2024-02-29T23:30:00-10:00` is March 1 in UTC, so the day shown was
        // not certain. Anything else after ten characters is no date either.
        let (date_part, rest) = match value.char_indices().nth(10) {
            Some((at, _)) => value.split_at(at),
            None => (value.as_str(), ""),
        };
        if rest.starts_with(['T', 't', ' ']) {
            return Err(de::Error::custom(format!(
                "`{value}` is a date and a time: write the day alone, as {date_part}"
            )));
        }
        if !rest.is_empty() {
            return Err(de::Error::custom(format!(
                "`{value}` is not a date: write it as YYYY-MM-DD"
            )));
        }
        (self.parse)(date_part).map_err(|e| de::Error::custom(e.to_string()))
    }
}

/// The day a page's figures are as of (`as_of:` in its front matter): a day, or a month
/// written `YYYY-MM`, which is its last day — a monthly report is as of its month's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AsOf(pub Date);

impl AsOf {
    /// `YYYY-MM-DD`, or `YYYY-MM` for the month's last day.
    pub fn parse(text: &str) -> Result<Date, Text> {
        let trimmed = text.trim();
        let b = trimmed.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 7 || b[4] != b'-' || !digits(0..4) || !digits(5..7) {
            return Date::parse(text);
        }
        // The shape is right (ASCII digits), so both parse.
        let year = trimmed[..4].parse::<i16>().unwrap_or(0);
        let month = trimmed[5..].parse::<i8>().unwrap_or(0);
        if !(1..=12).contains(&month) {
            return Err(t!(
                "`{text}` is not a date: there is no month {month} (months are 01 to 12)",
                text = trimmed,
                month = month
            ));
        }
        jiff::civil::Date::new(year, month, 1)
            .map(|first| Date(first.last_of_month()))
            .map_err(|_| {
                t!(
                    "`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2024-03-18",
                    text = trimmed
                )
            })
    }
}

impl<'de> Deserialize<'de> for AsOf {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(DayVisitor {
                parse: AsOf::parse,
                expecting: "a day written YYYY-MM-DD, or a month written YYYY-MM",
            })
            .map(AsOf)
    }
}

/// site.toml's `as_of`: a day, or a month for its last day, as [`AsOf`] reads them.
pub fn as_of_day<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
    AsOf::deserialize(deserializer).map(|a| Some(a.0))
}

impl serde::Serialize for AsOf {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl schemars::JsonSchema for AsOf {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AsOf".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$",
            "description": "a day written YYYY-MM-DD, or a month written YYYY-MM meaning its last day"
        })
    }
}

/// The earliest year a page of a portal can be dated: anything before is a year typed
/// short or with a digit missing (`0202`, `0000`), never a project's day.
pub const EARLIEST_YEAR: i16 = 1900;

/// The latest year a project's day can be in: a later one is a year typed wrong (`2204`
/// for 2024), never a plan a portal holds.
pub const LATEST_YEAR: i16 = 2099;

/// Days in a data file before this year are doubted (warned), from
/// [`EARLIEST_YEAR`] on: 1900-01-01 is a spreadsheet's day 0, what an empty date cell
/// or a formula over one shows, and no project of a portal is planned so long ago.
pub const DOUBTFUL_BEFORE_YEAR: i16 = 1950;

/// The year `year` was probably meant to be when it is a slip of the fingers: the one
/// year in `range` made by swapping two neighbouring digits (`2042` for 2024, `0224` for
/// 2024) or by moving the first digit to the end or the last to the front. `None` when
/// no such year, or more than one, lies in `range`: a guess shown must be the only one.
pub fn likely_year(year: i16, range: std::ops::RangeInclusive<i16>) -> Option<i16> {
    let digits: Vec<u8> = format!("{year:04}").into_bytes();
    if digits.len() != 4 {
        return None;
    }
    let mut found: Vec<i16> = Vec::new();
    let mut consider = |d: &[u8]| {
        let candidate = std::str::from_utf8(d).ok()?.parse::<i16>().ok()?;
        if candidate != year && range.contains(&candidate) && !found.contains(&candidate) {
            found.push(candidate);
        }
        Some(())
    };
    for i in 0..3 {
        let mut d = digits.clone();
        d.swap(i, i + 1);
        consider(&d);
    }
    let mut left = digits.clone();
    left.rotate_left(1);
    consider(&left);
    let mut right = digits;
    right.rotate_right(1);
    consider(&right);
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The month a word names in English (`october`, `oct`, `sept`), 1 to 12.
pub fn english_month(word: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    // Compared without a lowercased copy: search reads every ASCII word of every page
    // through here (`prose_dates`), and the copies were most of that reading. Most
    // words are no month's length (3 to 9 letters) and need no comparing at all.
    if !(3..=9).contains(&word.len()) {
        return None;
    }
    let word = if word.eq_ignore_ascii_case("sept") {
        "sep"
    } else {
        word
    };
    MONTHS
        .iter()
        .position(|m| {
            m.eq_ignore_ascii_case(word)
                || (word.len() == 3 && m.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(word)))
        })
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// The day a whole number stands for as a spreadsheet's day number (days since
/// 1899-12-30, as Excel counts past February 1900), for the numbers of 1990 to 2100: a
/// date cell that lost its date format, or a CSV saved from one. `None` for any other
/// number, which is no such day as likely as it is one.
pub fn spreadsheet_day(n: f64) -> Option<Date> {
    if n.fract() != 0.0 || !(32_874.0..=73_415.0).contains(&n) {
        return None;
    }
    jiff::civil::date(1899, 12, 30)
        .checked_add(jiff::Span::new().days(n as i64))
        .ok()
        .map(Date)
}

/// A day written the other ways spreadsheets and people write it: `2024/3/18`,
/// `2024.3.18`, `2024年3月18日`, `20240318`, in full-width digits too, a date-time
/// keeping its date. `None` when it is none of these. The build does not take such a
/// date as written (`YYYY-MM-DD` only); it names the day in its error, and
/// `pmo import` reads registers with it.
pub fn read_loosely(text: &str) -> Option<Date> {
    let (y, m, d) = loose_parts(text)?;
    jiff::civil::Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?)
        .ok()
        .map(Date)
}

/// Why text written the way `read_loosely` reads a day (`2024/4/31`) names no day, as
/// `Date::parse` tells it for the same day written `YYYY-MM-DD`. `None` when the text is
/// of another shape or the day exists.
pub fn why_no_day(text: &str) -> Option<Text> {
    let (y, m, d) = loose_parts(text)?;
    Date::parse(&format!("{y:04}-{m:02}-{d:02}")).err()
}

fn day(y: i16, m: i16, d: i16) -> Option<Date> {
    jiff::civil::Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?)
        .ok()
        .map(Date)
}

/// A day written with the year last that can be one day only: its first number is no
/// month (`18.03.2024`), or both are the same (`05.05.2024`). `pmo import` reads it; a
/// day such as `05.11.2024` (5 November in Germany, May 11 in the US) is never read.
pub fn read_year_last(text: &str) -> Option<Date> {
    let (a, b, y) = year_last(text)?;
    if a > 12 || a == b {
        day(y, b, a)
    } else {
        None
    }
}

/// What a day written with the year last would be, said in an error: the one day it
/// can be, or the two it could be. `None` when the text is of another shape or names
/// no day either way.
pub fn year_last_help(text: &str) -> Option<Text> {
    let (a, b, y) = year_last(text)?;
    match (day(y, b, a), day(y, a, b)) {
        (Some(dm), Some(md)) if dm != md => Some(t!(
            "`{text}` could be {day_first} (day first, as written in Germany or the UK) or {month_first} (month first, as in the US): write the day meant as YYYY-MM-DD",
            text = text.trim(),
            day_first = dm.iso(),
            month_first = md.iso()
        )),
        (Some(one), _) | (None, Some(one)) => Some(t!(
            "`{text}` would be {day}: write it as YYYY-MM-DD, {day}",
            text = text.trim(),
            day = one.iso()
        )),
        (None, None) => None,
    }
}

/// The help for a month and day written without a year (`3月5日`, `3月5号`, as Excel
/// shows a date under its `m月d日` format): it was "write dates as YYYY-MM-DD" alone,
/// which did not say what was missing. `None` for any other text, and for no such day.
pub fn yearless_help(text: &str) -> Option<Text> {
    let folded: String = text
        .trim()
        .chars()
        .map(crate::slugs::fold_full_width)
        .collect();
    let rest = folded
        .strip_suffix('日')
        .or_else(|| folded.strip_suffix('号'))?;
    let (m, d) = rest.split_once('月')?;
    let (m, d): (i16, i16) = (m.trim().parse().ok()?, d.trim().parse().ok()?);
    // 2024 has every day of the calendar, 29 February too.
    day(2024, m, d)?;
    Some(t!(
        "`{text}` names no year: write it as YYYY-{month}-{day} with the year's four digits",
        text = text.trim(),
        month = format!("{m:02}"),
        day = format!("{d:02}")
    ))
}

/// Year, month and day of a date written one of the ways `read_loosely` reads, whether
/// or not that day exists.
fn loose_parts(text: &str) -> Option<(i16, i16, i16)> {
    let text: String = text
        .trim()
        .chars()
        .map(crate::slugs::fold_full_width)
        .collect();
    let text = text.split([' ', 'T']).next().unwrap_or("");
    let number = |s: &str, max: usize| {
        (!s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i16>().ok())
            .flatten()
    };
    let ymd = |y: &str, m: &str, d: &str| Some((number(y, 4)?, number(m, 2)?, number(d, 2)?));
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return ymd(&text[..4], &text[4..6], &text[6..]);
    }
    let text = text.strip_suffix(['日', '号']).unwrap_or(text);
    let parts: Vec<&str> = text.split(['-', '/', '.', '年', '月']).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => ymd(y, m, d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_without_its_year_is_told_so() {
        assert!(yearless_help("3月5日").is_some());
        assert!(yearless_help("１２月３１号").is_some());
        assert!(yearless_help("2月30日").is_none());
        assert!(yearless_help("2026年3月5日").is_none());
        assert!(yearless_help("三月五日").is_none());
    }

    #[test]
    fn english_months_are_read_in_any_case_whole_or_by_three_letters() {
        for (word, month) in [
            ("October", Some(10)),
            ("OCT", Some(10)),
            ("oct", Some(10)),
            ("Sept", Some(9)),
            ("SEP", Some(9)),
            ("september", Some(9)),
            ("May", Some(5)),
            ("mAY", Some(5)),
            ("Ma", None),
            ("Octo", None),
            ("Octobers", None),
            ("Märch", None),
            ("Octóber", None),
            ("", None),
        ] {
            assert_eq!(english_month(word), month, "{word}");
        }
    }

    #[test]
    fn impossible_dates_say_which_field_is_wrong() {
        let e = Date::parse("2026-13-45").unwrap_err();
        assert!(e.to_string().contains("no month 13"), "{e}");
        let e = Date::parse("2024-02-30").unwrap_err();
        assert!(e.to_string().contains("2024-02 has days 01 to 29"), "{e}");
        let e = Date::parse("2023-04-31").unwrap_err();
        assert!(e.to_string().contains("01 to 30"), "{e}");
        assert!(Date::parse("２０２４-03-18").is_err());
        assert!(Date::parse("2024-0３-18").is_err());
    }

    #[test]
    fn a_date_that_is_a_map_of_multibyte_text_is_an_error_not_a_panic() {
        #[derive(Debug, Deserialize)]
        struct Fm {
            #[allow(dead_code)]
            date: Date,
        }
        for text in [
            "date = { a = \"中文中文中文中文\" }",
            "date = { a = \"2024-03-1中文\" }",
            "date = { a = \"2024-03-18中\" }",
        ] {
            assert!(toml::from_str::<Fm>(text).is_err(), "{text}");
        }
        for text in ["date: {a: 中文中文中文中文}", "date: {k: 2024-03-18中文}"] {
            assert!(serde_saphyr::from_str::<Fm>(text).is_err(), "{text}");
        }
    }

    #[test]
    fn a_year_typed_wrong_is_taken_back_only_when_one_year_fits() {
        assert_eq!(likely_year(2042, 1900..=2026), Some(2024));
        assert_eq!(likely_year(224, 1900..=2099), Some(2024));
        assert_eq!(likely_year(1, 1900..=2099), None);
        assert_eq!(likely_year(9999, 1900..=2026), None);
        // `0202`: 2002 by a swap, 2020 by a rotation; no guess is the only one.
        assert_eq!(likely_year(202, 1900..=2099), None);
        assert_eq!(likely_year(2031, 1900..=2026), Some(2013));
    }

    #[test]
    fn a_day_written_year_last_is_named_and_read_only_when_it_can_be_one_day() {
        let said = |t: &str| Date::parse(t).unwrap_err().to_string();
        assert!(
            said("18.03.2024").contains("would be 2024-03-18"),
            "{}",
            said("18.03.2024")
        );
        let both = said("05.11.2024");
        assert!(
            both.contains("could be 2024-11-05") && both.contains("or 2024-05-11"),
            "{both}"
        );
        assert!(said("12/31/2024").contains("would be 2024-12-31"));
        assert_eq!(
            read_year_last("18.03.2024").map(|d| d.iso()).as_deref(),
            Some("2024-03-18")
        );
        assert_eq!(
            read_year_last("05.05.2024").map(|d| d.iso()).as_deref(),
            Some("2024-05-05")
        );
        assert_eq!(read_year_last("05.11.2024"), None, "ambiguous");
        assert_eq!(
            read_year_last("12/31/2024"),
            None,
            "month first is never read"
        );
        assert_eq!(read_year_last("31.02.2024"), None);
        assert_eq!(year_last_help("2024-03-18"), None);
    }

    #[test]
    fn dates_must_be_real_and_iso() {
        assert_eq!(Date::parse("2024-03-18").unwrap().iso(), "2024-03-18");
        assert!(Date::parse("2024-02-30").is_err());
        assert!(Date::parse("2024/03/18").is_err());
        assert!(Date::parse("2024-3-8").is_err());
    }

    #[test]
    fn an_as_of_day_is_a_day_or_a_month_meaning_its_last_day() {
        let day = |t: &str| AsOf::parse(t).map(|d| d.iso());
        assert_eq!(day("2026-11-30").as_deref(), Ok("2026-11-30"));
        assert_eq!(day("2026-11").as_deref(), Ok("2026-11-30"));
        assert_eq!(day("2024-02").as_deref(), Ok("2024-02-29"));
        assert_eq!(day(" 2026-12 ").as_deref(), Ok("2026-12-31"));
        let said = |t: &str| AsOf::parse(t).unwrap_err().to_string();
        assert!(
            said("2026-13").contains("no month 13"),
            "{}",
            said("2026-13")
        );
        assert!(said("2026-11-31").contains("01 to 30"));
        assert!(said("11月").contains("YYYY-MM-DD"));
        #[derive(Debug, Deserialize)]
        struct Fm {
            as_of: AsOf,
        }
        let toml: Fm = toml::from_str("as_of = 2026-11-30").unwrap();
        assert_eq!(toml.as_of.0.iso(), "2026-11-30");
        let yaml: Fm = serde_saphyr::from_str("as_of: 2026-11").unwrap();
        assert_eq!(yaml.as_of.0.iso(), "2026-11-30");
    }
}
