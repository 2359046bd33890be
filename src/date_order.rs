//! The order of day and month in a date written with the year last (`03/05/2026`):
//! 3 May in the UK and China's exports of European tools, March 5 in the US. Nothing in
//! the text says which, so a team states it once in site.toml (`date_order = "dmy"`);
//! without it a day both ways (both numbers 12 or under) is refused, and one that can
//! be read one way only (`13/05/2026`) sets the order the rest of its column is
//! checked against. A two-digit year (`5/3/26`) is never read: which century, and which
//! of its three numbers is the year, would be guesses.

use serde::Deserialize;

/// How a team writes dates with the year last, or that it never does (`ymd`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Day first: `13/05/2026`, `5.3.2026`.
    Dmy,
    /// Month first: `05/13/2026`.
    Mdy,
    /// Year first only (`2026/5/3`): a date with the year last is refused.
    Ymd,
}

impl DateOrder {
    /// The order `key` names (`dmy`, `mdy`, `ymd`), as `--date-order` takes it.
    pub fn from_key(key: &str) -> Option<DateOrder> {
        [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd]
            .into_iter()
            .find(|o| o.key() == key.trim().to_ascii_lowercase())
    }

    /// The setting as site.toml writes it.
    pub fn key(self) -> &'static str {
        match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
            DateOrder::Ymd => "ymd",
        }
    }
}

/// The two numbers before a four-digit year (`13/05/2026` → 13, 5, 2026), if the text
/// is a date with the year last.
pub fn year_last(text: &str) -> Option<(i16, i16, i16)> {
    let parts: Vec<&str> = text.trim().split(['.', '/', '-']).collect();
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i16>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [a, b, y] => Some((number(a, 1..=2)?, number(b, 1..=2)?, number(y, 4..=4)?)),
        _ => None,
    }
}

/// The order a date with the year last can only be read in: day first when its first
/// number is no month, month first when its second is none; `None` when both readings
/// are months (`03/05/2026`) or the same day (`05/05/2026`).
pub fn only_order(a: i16, b: i16) -> Option<DateOrder> {
    match (a > 12, b > 12) {
        (true, false) => Some(DateOrder::Dmy),
        (false, true) => Some(DateOrder::Mdy),
        _ => None,
    }
}

/// The day `(a, b, year)` is in `order`, as `YYYY-MM-DD`; `None` for `ymd` or a day
/// that does not exist.
pub fn iso_in(order: DateOrder, (a, b, y): (i16, i16, i16)) -> Option<String> {
    let (m, d) = match order {
        DateOrder::Dmy => (b, a),
        DateOrder::Mdy => (a, b),
        DateOrder::Ymd => return None,
    };
    let day = jiff::civil::Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()?;
    Some(format!("{day}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_with_the_year_last_reads_in_the_order_stated_or_the_only_one_it_has() {
        assert_eq!(year_last("03/05/2026"), Some((3, 5, 2026)));
        assert_eq!(year_last("5.3.2026"), Some((5, 3, 2026)));
        assert_eq!(year_last("5/3/26"), None);
        assert_eq!(year_last("2026/5/3"), None);
        assert_eq!(only_order(13, 5), Some(DateOrder::Dmy));
        assert_eq!(only_order(5, 13), Some(DateOrder::Mdy));
        assert_eq!(only_order(3, 5), None);
        assert_eq!(
            iso_in(DateOrder::Dmy, (3, 5, 2026)).as_deref(),
            Some("2026-05-03")
        );
        assert_eq!(
            iso_in(DateOrder::Mdy, (3, 5, 2026)).as_deref(),
            Some("2026-03-05")
        );
        assert_eq!(iso_in(DateOrder::Mdy, (13, 5, 2026)), None);
        assert_eq!(iso_in(DateOrder::Ymd, (3, 5, 2026)), None);
    }
}
