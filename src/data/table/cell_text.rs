//! How a cell's text reads as a number, a month or a percentage, and how a cell is
//! named (`C7`): the rules shared by every table format.

use super::*;
use crate::messages::Text;
pub use crate::numbers::parse_number;

/// `100.000,00 €` → `100000.00`, `€ 100.000` → `100000`: an amount written as where the
/// comma is the decimal mark, in the plain form, for the error's help (a CSV separated
/// by semicolons has such amounts read: `data::decimals`). `None` for any other text.
pub(super) fn comma_decimal_amount(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let number = trimmed.trim_matches(crate::numbers::CURRENCY_SIGNS).trim();
    let signed = number.len() < trimmed.len();
    let european = (number.contains(',') && number.contains('.'))
        || (signed && crate::numbers::dotted_thousands(number).is_some());
    european
        .then(|| crate::numbers::comma_decimal(number))
        .flatten()
}

/// `EUR 100000`, `100000 EUR` → (`EUR`, `100000`): an amount with a currency's ISO code
/// beside it, as finance writes it, and the number alone.
pub(super) fn currency_code_beside(text: &str) -> Option<(String, String)> {
    let text = text.trim();
    let is_code = |w: &str| w.len() == 3 && w.bytes().all(|b| b.is_ascii_alphabetic());
    // `get`, not indexing: the third byte may fall inside a character (`1\u{202f}234`).
    let split = |at: usize| Some((text.get(..at)?, text.get(at..)?));
    let (code, number) = match (split(3), text.len().checked_sub(3).and_then(split)) {
        (Some((code, number)), _) if text.len() > 3 && is_code(code) => (code, number),
        (_, Some((number, code))) if text.len() > 3 && is_code(code) => (code, number),
        _ => return None,
    };
    let number = number.trim();
    let plain = parse_number(number)
        .map(super::format_number)
        .or_else(|| crate::numbers::comma_decimal(number))?;
    Some((code.to_ascii_uppercase(), plain))
}

/// Whether a number's text has a separator other than a comma between its characters
/// (`95 00`, `1 2,000`), as opposed to spaces around it.
pub(super) fn has_inner_gap(text: &str) -> bool {
    text.trim()
        .trim_start_matches(crate::numbers::CURRENCY_SIGNS)
        .trim()
        .chars()
        .any(|c| c != ',' && crate::numbers::is_group_separator(c))
}

/// `dddd-dd-dd`, whether or not such a day exists.
pub(super) fn is_date_shaped(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Text holding no digit at all (`高`, `high`), as opposed to a mistyped number.
pub(super) fn is_a_word(text: &str) -> bool {
    !text.is_empty() && !text.chars().any(|c| c.is_ascii_digit() || c.is_numeric())
}

pub fn is_month(text: &str) -> bool {
    text.len() == 7
        && text.as_bytes()[4] == b'-'
        && text[..4].bytes().all(|b| b.is_ascii_digit())
        && matches!(text[5..].parse::<u8>(), Ok(1..=12))
}

/// The words a totals row is labelled with, as finance exports end a table.
const TOTALS: &[&str] = &[
    "合计", "总计", "小计", "累计", "汇总", "总额", "total", "sum",
];

/// `text` lower-cased without spaces: `合 计`, as a report centres it, is 合计 too.
fn totals_form(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Whether a cell is the label of a totals row: one of [`TOTALS`] (`合计`, `Total`),
/// alone or with a colon, or `grand total` and `subtotal`; or a subtotal named for what
/// it adds up (`研发中心小计`, `一季度合计`, `合计（万元）`, `Q1 Total`, `Total 2024`,
/// `Sub-total`): exported between the rows it sums, such a row was drawn as one more
/// bar and added in again by a chart's sum, without a word (the seventeenth malformed
/// hunt). Words that also end other labels (`累计投入`, `数据汇总`, `总计划`) count
/// only alone.
pub fn is_totals_label(text: &str) -> bool {
    if is_bare_totals_label(text) {
        return true;
    }
    // `Q1 Total`, `Total 2024`, `Sub-total`: the word first or last among the label's.
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let totals_word = |w: &String| ["total", "subtotal", "totals"].contains(&w.as_str());
    words.len() > 1
        && (words.first().is_some_and(totals_word) || words.last().is_some_and(totals_word))
}

/// Whether a cell is a totals label by its words alone, [`is_totals_label`] but for a
/// `Total` among other words: "Total cost overrun" may be a risk's title, `合计` and
/// `一季度合计` are no milestone's name.
pub fn is_bare_totals_label(text: &str) -> bool {
    let form = totals_form(text);
    let form = form.trim_end_matches([':', '：']);
    if TOTALS.contains(&form) || ["grandtotal", "subtotal", "totals"].contains(&form) {
        return true;
    }
    // A unit or a note in brackets after the word: `合计（万元）`, `小计(含税)`.
    let bare = form
        .strip_suffix([')', '）'])
        .and_then(|rest| rest.rfind(['(', '（']).map(|at| &rest[..at]))
        .unwrap_or(form)
        .trim_end_matches([':', '：']);
    const QUALIFIED: [&str; 3] = ["合计", "总计", "小计"];
    let marked = |rest: &str| rest.is_empty() || rest.starts_with([':', '：', '-', '—', '(', '（']);
    QUALIFIED
        .iter()
        .any(|w| bare.ends_with(w) || form.strip_prefix(w).is_some_and(marked))
}

/// How to write a period typed as something other than `YYYY-MM`: the month it would be
/// (`2024-3`, `2024年3月`: said, never taken, as for days), a day's month, or that a
/// totals row (`合计`, as finance exports end) goes.
pub(super) fn month_help(text: &str) -> Text {
    let lower = totals_form(text);
    if TOTALS
        .iter()
        .any(|w| lower.starts_with(w) || lower.ends_with(w))
    {
        return t!(
            "`{value}` looks like a totals row: delete it, the portal adds the periods up itself",
            value = text
        );
    }
    if let Some(help) = span_of_months(text) {
        return help;
    }
    let day = crate::date::read_loosely(text)
        .filter(|_| Date::parse(text).is_ok())
        .or_else(|| crate::date::read_year_last(text));
    if let Some(day) = day {
        return t!(
            "`{value}` is a day: write its month, {month}",
            value = text,
            month = &day.iso()[..7]
        );
    }
    if let Some(month) = month_written_otherwise(text) {
        return t!(
            "`{value}` would be {month}: write months as YYYY-MM",
            value = text,
            month = month
        );
    }
    if let Some(day) = parse_number(text).and_then(crate::date::spreadsheet_day) {
        return t!(
            "`{value}` is a spreadsheet's number for the day {day} (a date cell that lost its format): write its month, {month}",
            value = text,
            day = day.iso(),
            month = &day.iso()[..7]
        );
    }
    match month_in_words(text) {
        Some((None, month)) => t!(
            "`{value}` names a month but not its year: write it as YYYY-MM, e.g. {example}",
            value = text,
            example = format!("2024-{month:02}")
        ),
        _ => t!("write months as YYYY-MM, e.g. 2024-03"),
    }
}

/// A period of several months — a quarter (`2024-Q1`, `Q1 2024`), a half year
/// (`2024 H1`) or a fiscal year (`FY24`) — typed among months: refused as "expected a
/// month" with the help to write YYYY-MM, its author was left to guess that the row
/// must be split, and into which months. `None` for any other text.
fn span_of_months(text: &str) -> Option<Text> {
    let folded: String = text
        .chars()
        .map(crate::slugs::fold_full_width)
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '/' | '.'))
        .collect::<String>()
        .to_uppercase();
    let year_of = |digits: &str| -> Option<u32> {
        let n: u32 = digits.parse().ok()?;
        match digits.len() {
            2 => Some(2000 + n),
            4 => Some(n),
            _ => None,
        }
    };
    // The year and the part, in either order: 2024Q1, Q12024.
    let split = |mark: char| -> Option<(u32, u32)> {
        let at = folded.find(mark)?;
        let (before, after) = (&folded[..at], &folded[at + 1..]);
        let (year, part) = if before.is_empty() {
            (after.get(1..)?, after.get(..1)?)
        } else {
            (before, after)
        };
        Some((year_of(year)?, part.parse().ok()?))
    };
    // A quarter is three months, a half year six: the part's first and last months.
    for (mark, months) in [('Q', 3), ('H', 6)] {
        let Some((year, part)) = split(mark).filter(|(_, p)| (1..=12 / months).contains(p)) else {
            continue;
        };
        let first = (part - 1) * months + 1;
        let (value, last) = (text.trim(), first + months - 1);
        let (first, last) = (format!("{year}-{first:02}"), format!("{year}-{last:02}"));
        return Some(if mark == 'Q' {
            t!("`{value}` is a quarter, not a month: the table holds one row per month, so split its amounts into {first} to {last}", value = value, first = first, last = last)
        } else {
            t!("`{value}` is a half year, not a month: the table holds one row per month, so split its amounts into {first} to {last}", value = value, first = first, last = last)
        });
    }
    let fiscal = folded.strip_prefix("FY").and_then(year_of);
    fiscal.map(|year| {
        t!(
            "`{value}` is a fiscal year, not a month: the table holds one row per month, so split its amounts into the months of {year}",
            value = text.trim(),
            year = year
        )
    })
}

/// The month `text` names when it is written otherwise than `YYYY-MM` — `2024-3`,
/// `2024/03`, `2024.3`, `2024年3月`, `202403`, `Mar-23`, `March 2024` — as `YYYY-MM`.
/// `None` for `YYYY-MM` itself and for any other text. A budget's period so written is
/// refused naming it; a chart's `x` column so written is warned of, as it orders the
/// months as text.
pub fn month_written_otherwise(text: &str) -> Option<String> {
    let folded: String = text.chars().map(crate::slugs::fold_full_width).collect();
    let folded = folded.strip_suffix('月').unwrap_or(&folded);
    let parts: Vec<&str> = folded.split(['-', '/', '.', '年']).collect();
    let month = match parts.as_slice() {
        [y, m] => Some((*y, *m)),
        [ym] if ym.len() == 6 && ym.bytes().all(|b| b.is_ascii_digit()) => {
            Some((&ym[..4], &ym[4..]))
        }
        _ => None,
    }
    .filter(|(y, m)| {
        y.len() == 4
            && y.bytes().all(|b| b.is_ascii_digit())
            && matches!(m.parse::<u8>(), Ok(1..=12))
    });
    let month = match month {
        Some((y, m)) => Some(format!("{y}-{:02}", m.parse::<u8>().unwrap_or(1))),
        None => match month_in_words(text) {
            Some((Some(year), month)) => Some(format!("{year}-{month:02}")),
            _ => None,
        },
    };
    month.filter(|m| !is_month(text.trim()) && m.as_str() != text.trim())
}

/// The month a period names in words, with its year when it has one: `Mar-23` (as Excel
/// shows March 2023 under `mmm-yy`), `March 2024`, `2024 Mar`, `3/2024`, `三月`, `3月`.
/// A day and month without a year (`23-Mar`, Excel's `d-mmm`) is none.
fn month_in_words(text: &str) -> Option<(Option<u16>, u8)> {
    const CHINESE: [&str; 12] = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
    ];
    let folded: String = text
        .trim()
        .chars()
        .map(crate::slugs::fold_full_width)
        .collect::<String>()
        .to_lowercase();
    if let Some(name) = folded.strip_suffix('月') {
        let month = CHINESE
            .iter()
            .position(|c| *c == name)
            .map(|i| i as u8 + 1)
            .or_else(|| name.parse::<u8>().ok().filter(|m| (1..=12).contains(m)))?;
        return Some((None, month));
    }
    let parts: Vec<&str> = folded
        .split(['-', '/', ' ', '.', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let named = |word: &str| crate::date::english_month(word.trim_end_matches('.'));
    let year = |digits: &str| -> Option<u16> {
        let n: u16 = digits.parse().ok()?;
        match digits.len() {
            2 => Some(2000 + n),
            4 if (1900..=2099).contains(&n) => Some(n),
            _ => None,
        }
    };
    match parts.as_slice() {
        [m] => named(m).map(|m| (None, m)),
        [m, y] if named(m).is_some() => Some((Some(year(y)?), named(m)?)),
        [y, m] if named(m).is_some() && y.len() == 4 => Some((Some(year(y)?), named(m)?)),
        [m, y] if y.len() == 4 => {
            let m: u8 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
            Some((Some(year(y)?), m))
        }
        _ => None,
    }
}

/// `C7` for zero-based row 6, column 2.
pub fn cell_ref(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push((b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

/// `B7` as zero-based (row 6, column 1): [`cell_ref`] read back.
pub fn cell_at(cell: &str) -> Option<(u32, u32)> {
    let cell = cell.trim();
    let digits = cell.find(|c: char| c.is_ascii_digit())?;
    let (letters, number) = cell.split_at(digits);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let col = letters.chars().try_fold(0u32, |n, c| {
        n.checked_mul(26)?
            .checked_add(c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
    })?;
    let row: u32 = number.parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

/// The fraction a percentage written with `%` stands for (`85%` → 0.85), for the help of
/// a number cell that holds one: said, never taken, as a table's percentages are written
/// as numbers.
pub fn percent(text: &str) -> Option<f64> {
    let digits = text.trim().strip_suffix(['%', '％'])?;
    parse_number(digits.trim()).map(|n| n / 100.0)
}

/// The number `text` would be with the letters that look like digits (O and o for 0,
/// l and I for 1) read as those digits — `1,2OO` typed for 1,200 — if it has a digit
/// and such a letter, and would then be a number. Said, never taken.
pub(super) fn letters_for_digits(text: &str) -> Option<String> {
    let text = text.trim();
    let lookalike = |c: char| matches!(c, 'O' | 'o' | 'l' | 'I');
    if !text.chars().any(|c| c.is_ascii_digit()) || !text.chars().any(lookalike) {
        return None;
    }
    let fixed: String = text
        .chars()
        .map(|c| match c {
            'O' | 'o' => '0',
            'l' | 'I' => '1',
            c => c,
        })
        .collect();
    parse_number(&fixed).map(|_| fixed)
}

/// Whether a cell holds a mark people type for "no value yet" rather than a value:
/// dashes or question marks alone, or a word such as N/A, TBD, 待定.
pub fn is_no_value_mark(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "n/a",
        "na",
        "none",
        "null",
        "nil",
        "tbd",
        "tba",
        "unknown",
        "无",
        "暂无",
        "待定",
        "未定",
        "未知",
        "不适用",
        "空",
        "缺",
    ];
    let text = text.trim();
    !text.is_empty()
        && (text.chars().all(|c| {
            matches!(
                c,
                '-' | '—' | '–' | '‐' | '―' | '─' | '/' | '?' | '？' | '…'
            )
        }) || WORDS.contains(&text.to_lowercase().as_str()))
}

/// A spreadsheet's error value (`#DIV/0!`, `#N/A`, `#REF!`, `#VALUE!`): a formula that
/// could not be worked out, exported as text.
pub(super) fn spreadsheet_error(text: &str) -> bool {
    let t = text.trim().to_ascii_uppercase();
    matches!(
        t.as_str(),
        "#DIV/0!"
            | "#N/A"
            | "#REF!"
            | "#VALUE!"
            | "#NAME?"
            | "#NUM!"
            | "#NULL!"
            | "#SPILL!"
            | "#CALC!"
    )
}

/// The number a negative amount written the accountant's way stands for, as it should be
/// typed: `(1,200)` → `-1200`, `−1200` (a typographic minus) → `-1200`. Said, never
/// taken: a bracket may as well be a note.
pub(super) fn other_minus(text: &str) -> Option<String> {
    let t = text.trim();
    let inner = t.strip_prefix(['−', '–', '—', '－']).or_else(|| {
        t.strip_prefix(['(', '（'])
            .and_then(|r| r.strip_suffix([')', '）']))
    })?;
    let n = parse_number(inner.trim())?;
    (n >= 0.0).then(|| crate::data::table::format_number(-n))
}

/// `'1200000`, `'2024-03-05` → the text after the apostrophe Excel keeps in front of a
/// number or date typed to stay text (an ID column's habit, copied over an amount), and
/// which a paste or a CSV export carries along.
pub(super) fn after_apostrophe(text: &str) -> Option<&str> {
    let rest = text.trim().strip_prefix('\'')?.trim();
    (!rest.is_empty() && !rest.ends_with('\'')).then_some(rest)
}

/// `=SUM(B2:B13)`: a formula written out as text, as a CSV saved with "formulas instead
/// of calculated values" (LibreOffice) or a sheet copied in formula view holds it.
pub(super) fn is_formula(text: &str) -> bool {
    text.trim()
        .strip_prefix('=')
        .is_some_and(|rest| !rest.trim().is_empty())
}
