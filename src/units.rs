//! The unit an author names for amounts: in a table's header (`计划值（万元）`,
//! `计划值/万元`, `PV in thousands`), in a column of its own (`单位` holding `万元`), or
//! in the comment after `bac` (`# 万元`). pmo reads every amount in the currency's own
//! units: a multiple of it (万元, k) would make each figure ten thousand times too small,
//! and another currency seven times off, while the page showed them as right. Text only,
//! so front matter (`content`) and tables (`data`) read units alike.

/// What a unit says of the amounts it stands beside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A currency's own units (`（元）`, `(CNY)`): the amounts are as pmo reads them.
    Currency,
    /// A multiple of them (`（万元）`, `(k)`), as the unit it was written and how many of
    /// the currency's units it stands for: read as written, each amount would be
    /// thousands of times too small.
    Scaled(&'static str, u32),
}

/// The units a header names the currency by that [`crate::numbers::currency_code`] does
/// not read as a code (its yuan names and signs it does).
const CURRENCY_WORDS: &[&str] = &["yuan", "$"];
/// The currencies a header's unit may name.
const CURRENCY_CODES: &[&str] = &[
    "CNY", "USD", "EUR", "GBP", "JPY", "HKD", "SGD", "AUD", "CAD", "CHF", "KRW", "TWD", "INR",
];
/// The multiples of a currency a unit may name, lowercased, each with how many of the
/// currency's units it stands for.
const SCALED_UNITS: &[(&str, u32)] = &[
    ("万元", 10_000),
    ("万", 10_000),
    ("千元", 1_000),
    ("千", 1_000),
    ("百万", 1_000_000),
    ("百万元", 1_000_000),
    ("亿", 100_000_000),
    ("亿元", 100_000_000),
    ("k", 1_000),
    ("'000", 1_000),
    ("000", 1_000),
    ("000s", 1_000),
    ("'000s", 1_000),
    ("thousand", 1_000),
    ("thousands", 1_000),
    ("m", 1_000_000),
    ("mn", 1_000_000),
    ("mm", 1_000_000),
    ("mio", 1_000_000),
    ("million", 1_000_000),
    ("millions", 1_000_000),
    ("k usd", 1_000),
    ("kusd", 1_000),
    ("kcny", 1_000),
    ("k cny", 1_000),
    ("k eur", 1_000),
    ("$m", 1_000_000),
    ("$mm", 1_000_000),
    ("m usd", 1_000_000),
    ("musd", 1_000_000),
    ("百万美元", 1_000_000),
    ("亿美元", 100_000_000),
    ("keur", 1_000),
    ("teur", 1_000),
    ("tcny", 1_000),
    ("k€", 1_000),
    ("k$", 1_000),
    ("$k", 1_000),
    ("万美元", 10_000),
    ("千美元", 1_000),
    ("万元人民币", 10_000),
    ("人民币万元", 10_000),
    ("万人民币", 10_000),
];

/// The currencies a dollar sign may stand for: a header in `$` names one of them only
/// when the site's or the project's currency says which.
pub const DOLLARS: &[&str] = &["USD", "HKD", "SGD", "AUD", "CAD", "NZD", "TWD", "MOP"];

/// What may stand between a header's name and its unit when no brackets close it
/// (`计划值/万元`, `pv_万元`, `PV - k`, `计划值 万元`).
const SEPARATORS: &[char] = &['/', '／', '_', '-', ' ', '\\', '|'];

/// Words that may open a unit (`单位：万元`, `unit: k`, `in thousands`).
const UNIT_PREFIXES: &[&str] = &[
    "金额单位",
    "货币单位",
    "单位",
    "币种",
    "units",
    "unit",
    "in ",
];

/// The unit `text` names on its own (`元`, `CNY`, `万元`, `单位：万元`, `(k)`), if any.
pub fn named(text: &str) -> Option<Unit> {
    let unit = bare(text);
    if currency_of(&unit).is_some() {
        return Some(Unit::Currency);
    }
    SCALED_UNITS
        .iter()
        .find(|(scaled, _)| *scaled == unit)
        .map(|&(scaled, factor)| Unit::Scaled(scaled, factor))
}

/// The multiples' own words, which [`scaled_currency`] takes off a unit to find the
/// currency left (`k usd` → `usd`, `万美元` → `美元`), longest first.
const MULTIPLE_WORDS: &[&str] = &[
    "thousands",
    "thousand",
    "millions",
    "million",
    "百万",
    "mio",
    "mm",
    "mn",
    "万",
    "千",
    "亿",
    "k",
    "t",
    "m",
];

/// The currency a multiple names besides its size (`万元` → CNY, `k USD` → USD, `$M` →
/// `$`), as [`header_currency`] gives it; `None` for a bare multiple (`k`, `万`).
fn scaled_currency(unit: &str) -> Option<String> {
    let unit = bare(unit);
    let rest = MULTIPLE_WORDS
        .iter()
        .find_map(|w| unit.strip_prefix(w))
        .or_else(|| MULTIPLE_WORDS.iter().find_map(|w| unit.strip_suffix(w)))?
        .trim();
    if rest.is_empty() {
        return None;
    }
    currency_of(rest)
}

/// `value` times `factor` (a power of ten, as every multiple in [`SCALED_UNITS`] is),
/// worked on the decimal the cell shows rather than on the binary fraction holding it:
/// `0.57 × 10000` in floating point is 5699.999999999999, a figure nobody wrote, and
/// `1234.56 万元` must be 12,345,600 exactly. The decimal point is moved; the result is
/// the binary number nearest the exact product. `None` for a factor that is no power of
/// ten.
pub fn scale_exactly(value: f64, factor: u32) -> Option<f64> {
    let zeros = factor.checked_ilog10()?;
    if 10u32.checked_pow(zeros)? != factor || !value.is_finite() {
        return None;
    }
    // Rust writes the shortest decimal that reads back as `value`, never with an
    // exponent: the digits the author typed.
    let written = format!("{value}");
    let (sign, digits) = match written.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", written.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let zeros = zeros as usize;
    let moved: String = fraction.chars().take(zeros).collect();
    let padding = "0".repeat(zeros.saturating_sub(moved.len()));
    let rest = fraction.get(moved.len()..).unwrap_or("");
    let shifted = format!("{sign}{whole}{moved}{padding}.{rest}0");
    shifted.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// `text` lowercased, without the brackets around it or a word saying it is a unit.
fn bare(text: &str) -> String {
    let mut unit = text.trim().to_lowercase();
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']'), ('【', '】')] {
        if let Some(inner) = unit.strip_prefix(open).and_then(|u| u.strip_suffix(close)) {
            unit = inner.trim().to_string();
        }
    }
    for prefix in UNIT_PREFIXES {
        if let Some(rest) = unit.strip_prefix(prefix) {
            unit = rest.trim_start_matches([':', '：', ' ']).trim().to_string();
            break;
        }
    }
    unit
}

/// The currency a bare unit names, as a code, or `$` for the dollar sign.
fn currency_of(unit: &str) -> Option<String> {
    if CURRENCY_WORDS.contains(&unit) {
        return Some(if unit == "$" { "$" } else { "CNY" }.to_string());
    }
    let code = crate::numbers::currency_code(unit);
    CURRENCY_CODES.contains(&code.as_str()).then_some(code)
}

/// A header's name and the unit written after it, if the unit is one of money's: in
/// brackets (`计划值（元）`, `EV (k)`), after a separator (`计划值/万元`, `PV in
/// thousands`) or joined to it (`计划值万元`).
pub fn unit_of(header: &str) -> Option<(&str, Unit)> {
    let (base, unit) = split(header)?;
    Some((base, named(unit)?))
}

/// The currency a header's unit names, as a code (`计划值（美元）` → USD), or `$` for the
/// dollar sign, which stands for many.
pub fn header_currency(header: &str) -> Option<String> {
    let (_, unit) = split(header)?;
    currency_of(&bare(unit)).or_else(|| scaled_currency(unit))
}

/// `header` split into its name and a unit of money after it, where one is written.
fn split(header: &str) -> Option<(&str, &str)> {
    let header = header.trim();
    let candidates = [bracketed(header), separated(header), joined(header)];
    candidates
        .into_iter()
        .flatten()
        .find(|(base, unit)| !base.is_empty() && named(unit).is_some())
}

/// A header's name and the text in the brackets closing it.
fn bracketed(header: &str) -> Option<(&str, &str)> {
    let (open, close) = match header.chars().last()? {
        ')' => ('(', ')'),
        '）' => ('（', '）'),
        ']' => ('[', ']'),
        '】' => ('【', '】'),
        _ => return None,
    };
    let at = header.rfind(open)?;
    let unit = &header[at + open.len_utf8()..header.len() - close.len_utf8()];
    Some((header[..at].trim_end(), unit))
}

/// A header's name and what follows its last separator (`计划值/万元`), or ` in `
/// (`PV in thousands`).
fn separated(header: &str) -> Option<(&str, &str)> {
    // ASCII lowercasing keeps every byte where it was, so positions carry over.
    let lower = header.to_ascii_lowercase();
    if let Some(at) = lower.rfind(" in ") {
        return Some((header[..at].trim_end(), &header[at + 4..]));
    }
    let at = header.rfind(SEPARATORS)?;
    let sep = header[at..].chars().next()?.len_utf8();
    Some((
        header[..at].trim_end_matches(SEPARATORS),
        &header[at + sep..],
    ))
}

/// A header's name and a multiple joined to its end (`计划值万元`, `pvKCNY`): only
/// units too long or too Chinese to end a word by chance.
fn joined(header: &str) -> Option<(&str, &str)> {
    let lower = header.to_ascii_lowercase();
    SCALED_UNITS
        .iter()
        .filter(|(unit, _)| !unit.is_ascii() || unit.len() >= 4)
        .filter(|(unit, _)| lower.ends_with(unit))
        .max_by_key(|(unit, _)| unit.len())
        .map(|(unit, _)| header.split_at(header.len() - unit.len()))
}

/// The currency a unit cell names (`USD`, `美元`), as a code, or `$`.
pub fn cell_currency(text: &str) -> Option<String> {
    currency_of(&bare(text))
}

/// The multiple of a currency `text` names as a unit on its own (`万元`, `k`, `'000`), or
/// at its start (`万元（含税）`, `in thousands`): what a number format's suffix and a
/// project's `currency` are read by.
pub fn multiple_named(text: &str) -> Option<(&'static str, u32)> {
    match named(text) {
        Some(Unit::Scaled(unit, factor)) => Some((unit, factor)),
        _ => multiple_in_note(text),
    }
}

/// The multiple of the currency a note names at its start (`万元`, `单位：万元（含税）`,
/// `in thousands`, `k`). A note holding a figure (`即 320 万元`) converts rather than
/// names a unit, and names none.
pub fn multiple_in_note(note: &str) -> Option<(&'static str, u32)> {
    if note.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if let Some(Unit::Scaled(unit, factor)) = named(note) {
        return Some((unit, factor));
    }
    let note = bare(note);
    SCALED_UNITS
        .iter()
        .filter(|(unit, _)| !unit.is_ascii() && note.starts_with(unit))
        // `万元…` is a unit whatever follows; `万` only before a stop (`万一` is a word).
        .filter(|(unit, _)| {
            unit.ends_with('元')
                || note[unit.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .max_by_key(|(unit, _)| unit.len())
        .map(|&(unit, factor)| (unit, factor))
}

/// Under this an amount reads as 万元 rather than the currency's own units: a project
/// of 9,999 元 is rare, one of 9,999 万元 is not.
pub const UNDER_WAN: f64 = 10_000.0;

/// Whether budgets naming no unit read as 万元 beside the site's others in the
/// currency's own units: more than half of `figures` under 10,000 while more than half
/// of `others` are not, and the middle of the others a thousand times the middle small
/// figure or more. Read as 元, each would be ten thousand times too small, and the
/// portfolio's sums short by as much, shown as right. The one test of an imported
/// list's budget column and of a project's `bac` among the site's.
pub fn reads_as_wan(figures: &[f64], others: &[f64]) -> bool {
    let small: Vec<f64> = figures.iter().copied().filter(|n| *n < UNDER_WAN).collect();
    let large = others.iter().filter(|n| **n >= UNDER_WAN).count();
    // Beside others of the same size a small budget is a small project, not a unit
    // slip: only one a thousand times under the site's middle budget reads as 万元
    // (320 beside millions does; 9,000 beside 28,000 and 45,000 does not).
    let far_under = median(others) >= median(&small) * 1_000.0;
    small.len() * 2 > figures.len() && large * 2 > others.len() && far_under
}

/// The middle of `values` (the upper of the two middle ones), 0 for none: the site's
/// budgets a doubt about a unit names, which one far-off project does not move.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A unit after a separator, in words, or joined on was not seen (the tenth
    /// malformed hunt): `pv_万元` was told to be renamed `pv`, which would have read its
    /// amounts ten thousand times too small.
    #[test]
    fn a_unit_is_found_however_it_follows_the_name() {
        for (header, base, unit, factor) in [
            ("计划值（万元）", "计划值", "万元", 10_000),
            ("计划值/万元", "计划值", "万元", 10_000),
            ("计划值 万元", "计划值", "万元", 10_000),
            ("计划值-万元", "计划值", "万元", 10_000),
            ("pv_万元", "pv", "万元", 10_000),
            ("计划值【万元】", "计划值", "万元", 10_000),
            ("计划值(单位:万元)", "计划值", "万元", 10_000),
            ("计划值万元", "计划值", "万元", 10_000),
            ("PV in thousands", "PV", "thousands", 1_000),
            ("PV ($K)", "PV", "$k", 1_000),
            ("PV (kUSD)", "PV", "kusd", 1_000),
            ("pvKCNY", "pv", "kcny", 1_000),
            ("计划值/千元", "计划值", "千元", 1_000),
        ] {
            assert_eq!(
                unit_of(header),
                Some((base, Unit::Scaled(unit, factor))),
                "{header}"
            );
        }
        assert_eq!(
            unit_of("Earned Value CNY"),
            Some(("Earned Value", Unit::Currency))
        );
        assert_eq!(header_currency("挣值/美元").as_deref(), Some("USD"));
        for plain in [
            "Planned Value",
            "period",
            "风险（高）",
            "Risk ID",
            "Baseline date",
            "bcwp",
        ] {
            assert_eq!(unit_of(plain), None, "{plain}");
        }
    }

    /// Each multiple is worked on the decimal written: float multiplication made
    /// 0.57 万 5699.999999999999, 0.07 万 700.0000000000001 and 4.35 亿
    /// 434999999.99999994.
    #[test]
    fn a_multiple_scales_the_decimal_written_exactly() {
        for (value, factor, exact) in [
            (1234.56, 10_000, 12_345_600.0),
            (1.1, 10_000, 11_000.0),
            (0.57, 10_000, 5_700.0),
            (0.07, 10_000, 700.0),
            (4.35, 100_000_000, 435_000_000.0),
            (4.35, 10_000, 43_500.0),
            (0.29, 1_000, 290.0),
            (0.3, 100_000_000, 30_000_000.0),
            (12.345_678_9, 10_000, 123_456.789),
            (-0.07, 1_000_000, -70_000.0),
            (360.0, 10_000, 3_600_000.0),
            (0.000_05, 1_000, 0.05),
        ] {
            assert_eq!(
                scale_exactly(value, factor),
                Some(exact),
                "{value} × {factor}"
            );
        }
        assert_ne!(0.57 * 10_000.0, 5_700.0, "the float product this replaces");
        assert_eq!(scale_exactly(1.0, 1_024), None);
        assert_eq!(scale_exactly(f64::NAN, 1_000), None);
    }

    #[test]
    fn a_multiple_names_its_currency_where_it_says_one() {
        for (header, code) in [
            ("预算（万元）", Some("CNY")),
            ("Budget (k CNY)", Some("CNY")),
            ("金额(亿元)", Some("CNY")),
            ("Cost ($M)", Some("$")),
            ("预算（万美元）", Some("USD")),
            ("PV (kUSD)", Some("USD")),
            ("预算（千元）", Some("CNY")),
            ("PV (k)", None),
            ("预算（万）", None),
        ] {
            assert_eq!(header_currency(header).as_deref(), code, "{header}");
        }
        assert_eq!(
            unit_of("Cost ($M)"),
            Some(("Cost", Unit::Scaled("$m", 1_000_000)))
        );
        assert_eq!(
            unit_of("Budget (k CNY)"),
            Some(("Budget", Unit::Scaled("k cny", 1_000)))
        );
    }

    #[test]
    fn budgets_read_as_wan_only_when_most_are_small_beside_most_of_the_sites_large() {
        let site = [3_200_000.0, 850_000.0, 12_000_000.0];
        assert!(reads_as_wan(&[320.0], &site));
        assert!(reads_as_wan(&[320.0, 85.0, 4_000_000.0], &site));
        assert!(!reads_as_wan(&[320.0, 4_000_000.0], &site));
        assert!(!reads_as_wan(&[3_200_000.0], &site));
        assert!(!reads_as_wan(&[320.0], &[]));
        assert!(!reads_as_wan(&[320.0], &[500.0, 900.0, 2_000_000.0]));
        // A small project among small ones, alone or in a list, is no unit slip.
        assert!(!reads_as_wan(&[9_000.0], &[28_000.0, 45_000.0]));
        assert!(!reads_as_wan(&[9_000.0, 6_500.0], &[28_000.0, 45_000.0]));
        assert!(reads_as_wan(&[300.0], &[2_800_000.0]));
        assert!(reads_as_wan(&[300.0, 850.0], &[2_800_000.0, 4_500_000.0]));
        assert_eq!(median(&site), 3_200_000.0);
        assert_eq!(median(&[]), 0.0);
    }

    #[test]
    fn a_unit_cell_is_read_with_its_label() {
        assert_eq!(named("万元"), Some(Unit::Scaled("万元", 10_000)));
        assert_eq!(named("单位：万元"), Some(Unit::Scaled("万元", 10_000)));
        assert_eq!(named(" K "), Some(Unit::Scaled("k", 1_000)));
        assert_eq!(named("元"), Some(Unit::Currency));
        assert_eq!(cell_currency("美元").as_deref(), Some("USD"));
        assert_eq!(named("备注"), None);
    }

    #[test]
    fn a_note_names_a_multiple_only_as_its_unit() {
        for (note, unit) in [
            ("万元", "万元"),
            ("单位：万元（含税）", "万元"),
            ("in thousands", "thousands"),
            ("k", "k"),
            ("万，含税", "万"),
        ] {
            assert_eq!(multiple_in_note(note).map(|(u, _)| u), Some(unit), "{note}");
        }
        for note in ["元，含税", "即 320 万元", "key figure", "万一超支再议"] {
            assert_eq!(multiple_in_note(note), None, "{note}");
        }
    }
}
