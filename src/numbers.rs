//! How amounts are written for people: one place, as a page, a table cell, a chart
//! label and an error message all show the same figure the same way.

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

/// The plain number an amount written the way Chinese finance writes it would be:
/// `60万` (ten thousands), `1.2亿` (hundred millions), `3千`, a currency sign or unit
/// (`¥`, `元`, `RMB`), thousands separators. For the error's hint only: an amount so
/// written is said, never taken (`万` slips a figure by four digits when misread).
/// `None` when the text is no amount at all.
pub fn read_loosely(text: &str) -> Option<f64> {
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
    for unit in ["人民币", "RMB", "CNY", "元", "块"] {
        rest = rest.strip_suffix(unit).unwrap_or(rest);
    }
    rest = rest.trim();
    let (digits, scale) = [("亿", 1e8), ("百万", 1e6), ("万", 1e4), ("千", 1e3)]
        .iter()
        .find_map(|(word, scale)| rest.strip_suffix(word).map(|d| (d, *scale)))
        .unwrap_or((rest, 1.0));
    // Separators only between thousands (`600,000`): `1,5` is a decimal comma, no hint.
    let digits = ungrouped(digits.trim())?;
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
    fn amounts_in_wan_and_with_units_are_read_for_a_hint() {
        assert_eq!(read_loosely("60万"), Some(600_000.0));
        assert_eq!(read_loosely("1.2亿"), Some(120_000_000.0));
        assert_eq!(read_loosely("600,000元"), Some(600_000.0));
        assert_eq!(read_loosely("RMB 3,200,000"), Some(3_200_000.0));
        assert_eq!(read_loosely("１２万"), Some(120_000.0));
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
    fn amounts_get_thousands_separators() {
        assert_eq!(format_amount(3_200_000.0), "3,200,000");
        assert_eq!(format_amount(999.6), "1,000");
        assert_eq!(format_amount(-12345.0), "-12,345");
        assert_eq!(format_amount(0.0), "0");
    }
}
