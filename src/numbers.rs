//! How amounts are written for people: one place, as a page, a table cell, a chart
//! label and an error message all show the same figure the same way.

mod chinese;
mod points;

pub use points::{dotted_thousands, point_help, points_for_thousands, Written};

/// `3200000` → `3,200,000`: amounts rounded to whole units with thousands separators.
pub fn format_amount(value: f64) -> String {
    let rounded = value.round();
    let digits = format!("{:.0}", rounded.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if rounded < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Numbers without a spurious `.0`, with up to four decimals.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        let s = format!("{n:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// How many decimals a figure below one needs to keep two significant digits (`0.0035`,
/// `0.012`), and two for any other: written with two decimals, a defect rate of 0.0035
/// read `0` and a rate of 0.00045 into yuan `0`, figures shown as right that were not
/// (the seventeenth malformed hunt). At most [`MOST_DECIMALS`].
pub fn decimals_to_show(n: f64) -> usize {
    let size = n.abs();
    if !size.is_finite() || size == 0.0 || size >= 0.1 {
        return 2;
    }
    // 0.0035: its first digit is the third decimal; one more keeps a second digit.
    let first = (-size.log10().floor()) as usize;
    (first + 1).clamp(2, MOST_DECIMALS)
}

/// The most decimals [`decimals_to_show`] gives: a figure smaller than 10^-12 is shown
/// as 0, which no table of a PMO's figures holds.
pub const MOST_DECIMALS: usize = 12;

/// `n` with `decimals` decimals, trailing zeros and a bare point trimmed, and no `-0`.
pub fn trimmed_decimals(n: f64, decimals: usize) -> String {
    let fixed = format!("{n:.decimals$}");
    let fixed = if fixed.contains('.') {
        fixed.trim_end_matches('0').trim_end_matches('.')
    } else {
        fixed.as_str()
    };
    match fixed {
        "-0" => "0".to_string(),
        other => other.to_string(),
    }
}

/// The currency signs an amount may carry in a table cell: read as the amount without
/// them (see `derive::sanity` for the sign that contradicts a project's currency).
pub const CURRENCY_SIGNS: [char; 5] = ['¥', '￥', '$', '€', '£'];

/// A currency as compared and shown: its ISO 4217 code in capitals (`usd ` is USD), the
/// signs of one currency only (`£` GBP, `€` EUR, `US$` USD), the names a Chinese PMO
/// writes for the yuan (RMB, 人民币, ￥, ¥, 元) read as CNY, and the Chinese names of the
/// others (美元, 欧元, 港币 …), so a project in "RMB" beside one in "CNY" is one
/// currency, never two needing a rate, and its page never shows a code the rest of the
/// site does not use.
pub fn currency_code(text: &str) -> String {
    let code = text.trim().to_uppercase();
    match code.as_str() {
        "RMB" | "人民币" | "人民币元" | "￥" | "¥" | "元" | "CN¥" | "RMB¥" => {
            "CNY".to_string()
        }
        // Signs that name one currency only; `$` (dollars of many countries) stays a
        // sign, warned about as no code.
        "£" | "￡" | "GB£" => "GBP".to_string(),
        "€" | "欧元" => "EUR".to_string(),
        "US$" | "美元" => "USD".to_string(),
        "日元" => "JPY".to_string(),
        "港元" | "港币" | "HK$" => "HKD".to_string(),
        "英镑" => "GBP".to_string(),
        _ => code,
    }
}

/// Characters that may separate a number's thousands: a comma, an underscore, and the
/// spaces spreadsheets and French or Swiss exports put there (plain, no-break, narrow and
/// thin).
const GROUP_SEPARATORS: [char; 6] = [',', '_', ' ', '\u{a0}', '\u{202f}', '\u{2009}'];

/// Whether `c` can separate a number's thousands (see [`ungrouped`]).
pub fn is_group_separator(c: char) -> bool {
    GROUP_SEPARATORS.contains(&c)
}

/// `number` without its thousands separators, when it has them only between thousands:
/// one kind of separator, before the decimal point, after one to three digits and
/// followed by exactly three. `1.200,50` and `1,5` (decimal commas), `95 00` and
/// `1 2,000` (a slip of the keyboard or two numbers in one cell) are `None`: read as
/// 1.2005, 15, 9500 or 12000 they would be figures the author never typed.
pub fn ungrouped(number: &str) -> Option<String> {
    let mut kinds = number.chars().filter(|&c| is_group_separator(c));
    let Some(separator) = kinds.next() else {
        return Some(number.to_string());
    };
    if kinds.any(|c| c != separator) {
        return None;
    }
    let unsigned = number.trim_start_matches(['-', '+']);
    let whole = unsigned.split('.').next().unwrap_or(unsigned);
    if unsigned[whole.len()..].contains(separator) {
        return None;
    }
    let mut groups = whole.split(separator);
    let first_fits = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    let grouped =
        first_fits && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    grouped.then(|| number.chars().filter(|&c| c != separator).collect())
}

/// A number as people type it in a table, or as an amount in front matter (`bac:
/// 3,600,000`): thousands separators (`,` `_` or a space, one kind, between thousands
/// only: see [`ungrouped`]) and a currency sign are allowed. `1.200,50`, `1,5` or
/// `95 00` is refused, never read as 1.2005, 15 or 9500.
pub fn parse_number(text: &str) -> Option<f64> {
    let unsigned = without_currency_sign(text)?;
    // `¥ 1,200`: the space after the sign is no separator.
    let number = unsigned.trim();
    if number.is_empty() {
        return None;
    }
    // `€ 100.000` is a hundred thousand where it is so written, never a hundred: a
    // currency sign rules out the decimal point before three digits.
    if unsigned.len() < text.trim().len() && dotted_thousands(number).is_some() {
        return None;
    }
    let plain = ungrouped(number)?;
    if whole_beyond_exact(&plain) {
        return None;
    }
    plain.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// `text` without the one currency sign it may carry, before its figure (`¥1,200`,
/// `-¥1,200`, `¥-1,200`) or after it (`1,200 €`). A sign anywhere else (`12$34`, `1¥200`,
/// a slip of the shift key) or a second sign (`¥¥100`, `$100€`) is `None`: read without
/// it, `12$34` was 1234, a figure nobody typed.
fn without_currency_sign(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let (minus, rest) = match trimmed.strip_prefix(['-', '+']) {
        Some(rest) => (&trimmed[..1], rest),
        None => ("", trimmed),
    };
    let figure = if let Some(after) = rest.strip_prefix(CURRENCY_SIGNS) {
        after.trim_start()
    } else if let Some(before) = rest.strip_suffix(CURRENCY_SIGNS) {
        before.trim_end()
    } else {
        rest
    };
    if figure.contains(CURRENCY_SIGNS) {
        return None;
    }
    Some(format!("{minus}{figure}"))
}

/// Whether a currency sign stands between a cell's digits (`12$34`, `1,2¥00`): no amount
/// is so written, and nothing says which figure was meant, so the cell is refused with
/// that said rather than read as 1234 or hinted at as one.
pub fn sign_between_digits(text: &str) -> bool {
    text.char_indices().any(|(at, c)| {
        CURRENCY_SIGNS.contains(&c)
            && text[..at].bytes().any(|b| b.is_ascii_digit())
            && text[at + c.len_utf8()..]
                .bytes()
                .any(|b| b.is_ascii_digit())
    })
}

/// The largest whole number a figure keeps exactly (2^53). Past it, what was written
/// changes as it is read: an 18-digit ID card number, `110101199003077718`, was shown as
/// `110,101,199,003,077,712` (the eleventh malformed hunt).
const EXACT_UP_TO: u64 = 1 << 53;

/// Whether `plain` (digits, a sign, a point; no separators) has a whole part beyond
/// [`EXACT_UP_TO`]. One written with an exponent (`1.5e20`) says itself that it is
/// rounded, and is not told.
fn whole_beyond_exact(plain: &str) -> bool {
    let unsigned = plain.trim().trim_start_matches(['-', '+']);
    let whole = unsigned.split('.').next().unwrap_or(unsigned);
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let digits = whole.trim_start_matches('0');
    digits.len() > 16 || digits.parse::<u64>().is_ok_and(|n| n > EXACT_UP_TO)
}

/// Whether `text`, as typed in a cell (separators, a currency sign), is a number with more
/// digits than a figure keeps exactly: [`parse_number`] refuses it, since read as one its
/// last digits would change.
pub fn beyond_exact(text: &str) -> bool {
    let number: String = text
        .trim()
        .chars()
        .filter(|c| !CURRENCY_SIGNS.contains(c))
        .collect();
    let number = number.trim();
    let plain = ungrouped(number).unwrap_or_else(|| number.replace('_', ""));
    whole_beyond_exact(&plain)
}

/// The help for a cell [`beyond_exact`] tells: what it would change to, and that an
/// identifier is text.
pub fn beyond_exact_help(value: &str) -> crate::messages::Text {
    let read = value
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | '-'))
        .collect::<String>()
        .parse::<f64>()
        .map(format_amount)
        .unwrap_or_default();
    crate::t!(
        "`{value}` has more digits than a figure keeps exactly: read as one, it would be {read}. An identifier (an ID card, order or account number) is text, not a figure: leave it out of charts and sums; no amount is this large",
        value = value.trim(),
        read = read
    )
}

/// `1.234,56` → `1234.56`, `1200,5` → `1200.5`, `100.000` → `100000`: a number written
/// with a decimal comma and dots between thousands, in the plain form. `None` when
/// `number` is not so written (two commas, dots that are not between thousands).
pub fn comma_decimal(number: &str) -> Option<String> {
    let (sign, unsigned) = match number.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", number),
    };
    let (whole, decimals) = match unsigned.split_once(',') {
        Some((whole, decimals)) => (whole, Some(decimals)),
        None => (unsigned, None),
    };
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !(digits(whole) || dotted_thousands(whole).is_some()) || decimals.is_some_and(|d| !digits(d))
    {
        return None;
    }
    let whole = whole.replace('.', "");
    Some(match decimals {
        Some(d) => format!("{sign}{whole}.{d}"),
        None => format!("{sign}{whole}"),
    })
}

/// The plain number an amount written the way Chinese finance writes it would be:
/// `60万` (ten thousands), `1.2亿` (hundred millions), `3千`, a currency sign or unit
/// (`¥`, `元`, `RMB`), thousands separators. For the error's hint only: an amount so
/// written is said, never taken (`万` slips a figure by four digits when misread).
/// `None` when the text is no amount at all.
pub fn read_loosely(text: &str) -> Option<f64> {
    // `12$34` is no amount written loosely: which figure was meant, nobody can say.
    if sign_between_digits(text) {
        return None;
    }
    let folded: String = text
        .trim()
        .chars()
        .map(crate::slugs::fold_full_width)
        .filter(|c| !CURRENCY_SIGNS.contains(c))
        .collect();
    let mut rest = folded.trim();
    for unit in ["人民币", "RMB", "CNY"] {
        rest = rest.strip_prefix(unit).unwrap_or(rest);
    }
    for unit in ["整", "人民币", "RMB", "CNY", "元", "块"] {
        rest = rest.strip_suffix(unit).unwrap_or(rest);
    }
    rest = rest.trim();
    if let Some(n) = chinese::read(rest) {
        return Some(n);
    }
    let (digits, scale) = [("亿", 1e8), ("百万", 1e6), ("万", 1e4), ("千", 1e3)]
        .iter()
        .find_map(|(word, scale)| rest.strip_suffix(word).map(|d| (d, *scale)))
        .unwrap_or((rest, 1.0));
    // Separators only between thousands (`600,000`): `1,5` is a decimal comma, no hint.
    // An apostrophe between thousands is Switzerland's (`1'200'000`), said as the others.
    let digits: String = digits.trim().replace(['\'', '\u{2019}'], ",");
    let digits = ungrouped(&digits)?;
    if digits.is_empty()
        || !digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return None;
    }
    let n = digits.parse::<f64>().ok()? * scale;
    // 1.2 × 1e8 is 119999999.99999999 in floating point: round to the cent.
    Some((n * 100.0).round() / 100.0).filter(|n| n.is_finite())
}

/// Whether a number is written in hexadecimal, octal or binary (`0x10`, `-0o17`), as
/// YAML reads it: a figure no one meant, from a slip or an export.
pub fn in_another_base(written: &str) -> bool {
    let digits = written.trim_start_matches(['-', '+']).to_ascii_lowercase();
    ["0x", "0o", "0b"].iter().any(|p| digits.starts_with(p))
}

/// Why text that reads as a number is no figure: it is out of any range (`1e400`, which
/// overflows to infinity) or it names no quantity at all (`NaN`, `inf`, `.nan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAFigure {
    OutOfRange,
    NotANumber,
}

/// Whether `text` (as typed in a table cell or front matter) is a number that no figure
/// can be: parsers give up on it or read it as infinity, and either way a plain "takes a
/// number" does not tell the author what is wrong with what they wrote.
pub fn not_a_figure(text: &str) -> Option<NotAFigure> {
    let plain: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, '_' | ' ' | ','))
        .collect();
    let unsigned = plain.trim_start_matches(['-', '+']);
    let word = unsigned.trim_start_matches('.').to_ascii_lowercase();
    if matches!(word.as_str(), "nan" | "inf" | "infinity") {
        return Some(NotAFigure::NotANumber);
    }
    let parsed = plain.parse::<f64>().ok()?;
    if parsed.is_nan() {
        Some(NotAFigure::NotANumber)
    } else if parsed.is_infinite() {
        Some(NotAFigure::OutOfRange)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_below_one_keeps_two_significant_digits() {
        for (n, shown) in [
            (0.0035, "0.0035"),
            (0.012, "0.012"),
            (0.00045, "0.00045"),
            (-0.0007, "-0.0007"),
            (0.78, "0.78"),
            (0.1, "0.1"),
            (0.05, "0.05"),
            (12.3456, "12.35"),
            (3.0, "3"),
            (0.0, "0"),
            (-0.0, "0"),
            (1e-15, "0"),
        ] {
            assert_eq!(trimmed_decimals(n, decimals_to_show(n)), shown, "{n}");
        }
    }

    #[test]
    fn amounts_in_wan_and_with_units_are_read_for_a_hint() {
        assert_eq!(read_loosely("60万"), Some(600_000.0));
        assert_eq!(read_loosely("1.2亿"), Some(120_000_000.0));
        assert_eq!(read_loosely("600,000元"), Some(600_000.0));
        assert_eq!(read_loosely("RMB 3,200,000"), Some(3_200_000.0));
        assert_eq!(read_loosely("１２万"), Some(120_000.0));
        assert_eq!(read_loosely("一百二十万"), Some(1_200_000.0));
        assert_eq!(read_loosely("1'200'000"), Some(1_200_000.0));
        assert_eq!(read_loosely("1\u{2019}200"), Some(1_200.0));
        assert_eq!(read_loosely("12'00"), None);
        assert_eq!(read_loosely("壹佰贰拾万元整"), Some(1_200_000.0));
        for not_one in [
            "1,5", "1.200,50", "12,34", "N/A", "万", "-", "0x10", "1e5万", "第一",
        ] {
            assert_eq!(read_loosely(not_one), None, "{not_one}");
        }
    }

    #[test]
    fn the_yuans_other_names_are_cny() {
        for name in ["RMB", "rmb", "人民币", "￥", "¥", " 元 ", "cny"] {
            assert_eq!(currency_code(name), "CNY", "{name}");
        }
        assert_eq!(currency_code("usd "), "USD");
    }

    #[test]
    fn numbers_beyond_any_figure_are_told_apart() {
        assert_eq!(not_a_figure("1e400"), Some(NotAFigure::OutOfRange));
        assert_eq!(not_a_figure("-1E+400"), Some(NotAFigure::OutOfRange));
        assert_eq!(not_a_figure("NaN"), Some(NotAFigure::NotANumber));
        assert_eq!(not_a_figure(".nan"), Some(NotAFigure::NotANumber));
        assert_eq!(not_a_figure("-.inf"), Some(NotAFigure::NotANumber));
        assert_eq!(not_a_figure("Infinity"), Some(NotAFigure::NotANumber));
        assert_eq!(not_a_figure("1e20"), None);
        assert_eq!(not_a_figure("60万"), None);
        assert_eq!(not_a_figure("info"), None);
    }

    #[test]
    fn decimal_commas_and_dots_between_thousands_read_in_the_plain_form() {
        assert_eq!(comma_decimal("1.234,56").as_deref(), Some("1234.56"));
        assert_eq!(comma_decimal("-100.000,00").as_deref(), Some("-100000.00"));
        assert_eq!(comma_decimal("1200,5").as_deref(), Some("1200.5"));
        assert_eq!(comma_decimal("100.000").as_deref(), Some("100000"));
        for no in ["1,2,3", "12.34,5", "1.5", "31.01.2024", ",5", "1,", "abc"] {
            assert_eq!(comma_decimal(no), None, "{no}");
        }
        assert_eq!(dotted_thousands("100.000"), Some(100_000.0));
        assert_eq!(dotted_thousands("-1.200.000"), Some(-1_200_000.0));
        for no in ["1.5", "1000.000", "100"] {
            assert_eq!(dotted_thousands(no), None, "{no}");
        }
    }

    #[test]
    fn amounts_get_thousands_separators() {
        assert_eq!(format_amount(3_200_000.0), "3,200,000");
        assert_eq!(format_amount(999.6), "1,000");
        assert_eq!(format_amount(-12345.0), "-12,345");
        assert_eq!(format_amount(0.0), "0");
    }
}
