//! Dates prose writes in words, read as the ISO terms a front-matter date is indexed by
//! (`2025-09`, `2025-10-08` and its month): a query typed `2025-10-08`, `2025/10/8` or
//! `2025.10` finds the prose that says it as it finds a page dated then. The text is
//! indexed as written besides.
//!
//! Read are the Chinese way (`2025 年 9 月`, `2025年10月8日`), the European day first with
//! dots (`27.09.2024`: dots are how German, Russian or Polish write a date, always day
//! first), and English month names (`28 October 2026`, `October 28, 2026`, `Sept 2024`).
//! Slashes are not: `03/05/2024` is March or May depending on who wrote it.

/// The ISO terms of the dates `text` writes in words, each once, sorted.
pub fn written_dates(text: &str) -> Vec<String> {
    let mut out = chinese(text);
    let tokens = tokens(text);
    dotted(&tokens, &mut out);
    english(&tokens, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// The month and, when `day` is one, the day.
fn push(out: &mut Vec<String>, year: &str, month: u32, day: Option<u32>) {
    out.push(format!("{year}-{month:02}"));
    if let Some(day) = day.filter(|d| (1..=31).contains(d)) {
        out.push(format!("{year}-{month:02}-{day:02}"));
    }
}

/// `2025 年 9 月`, `2025年10月8日`.
fn chinese(text: &str) -> Vec<String> {
    /// The number of at most `max` ASCII digits at the start of `s` (after spaces), and
    /// the rest after it and the spaces that follow.
    fn number(s: &str, max: usize) -> Option<(u32, &str)> {
        let s = s.trim_start();
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > max {
            return None;
        }
        Some((s[..digits].parse().ok()?, s[digits..].trim_start()))
    }
    let mut out = Vec::new();
    for (at, _) in text.match_indices('年') {
        let before = text[..at].trim_end();
        let digits = before.bytes().rev().take_while(u8::is_ascii_digit).count();
        if digits != 4 {
            continue;
        }
        let year = &before[before.len() - 4..];
        let Some((month, rest)) = number(&text[at + '年'.len_utf8()..], 2) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix('月')
            .filter(|_| (1..=12).contains(&month))
        else {
            continue;
        };
        let day = number(rest, 2)
            .filter(|(_, rest)| rest.starts_with('日'))
            .map(|(day, _)| day);
        push(&mut out, year, month, day);
    }
    out
}

/// A run of ASCII letters or digits and what stands between it and the run before.
struct Token<'a> {
    text: &'a str,
    before: &'a str,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut last_end = 0;
    let mut start = None;
    // By bytes: every byte of a character beyond ASCII is ≥ 0x80, never a letter or
    // digit, so runs begin and end on character boundaries as they would by characters,
    // without decoding the Chinese prose that is most of what is read here.
    for (at, b) in text
        .bytes()
        .enumerate()
        .chain(std::iter::once((text.len(), b' ')))
    {
        let part = b.is_ascii_alphanumeric();
        match (start, part) {
            (None, true) => start = Some(at),
            (Some(s), false) => {
                out.push(Token {
                    text: &text[s..at],
                    before: &text[last_end..s],
                });
                last_end = at;
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn digits(token: &Token<'_>, lengths: std::ops::RangeInclusive<usize>) -> Option<u32> {
    let t = token.text;
    (lengths.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// `27.09.2024`, `1.3.2025`: day, month and year joined by single dots, with no dot or
/// digit joined before or after (a version number `1.2.2024.5` is none).
fn dotted(tokens: &[Token<'_>], out: &mut Vec<String>) {
    for (i, w) in tokens.windows(3).enumerate() {
        let (Some(day), Some(month), Some(_)) = (
            digits(&w[0], 1..=2),
            digits(&w[1], 1..=2),
            digits(&w[2], 4..=4),
        ) else {
            continue;
        };
        let joined_before = w[0].before.ends_with('.') && i > 0;
        let joined_after = tokens
            .get(i + 3)
            .is_some_and(|next| next.before == "." || next.before.is_empty());
        let dots = w[1].before == "." && w[2].before == ".";
        if dots && !joined_before && !joined_after && (1..=12).contains(&month) {
            push(out, w[2].text, month, Some(day));
        }
    }
}

/// Whether only spaces, and at most one `.` or `,`, stand between two parts of a date.
fn spaced(before: &str) -> bool {
    let marks = before.chars().filter(|c| matches!(c, '.' | ',')).count();
    before
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '.' | ','))
        && marks <= 1
        && !before.is_empty()
}

/// `28 October 2026`, `October 28, 2026`, `Sept 2024` (its month).
fn english<'a>(tokens: &[Token<'a>], out: &mut Vec<String>) {
    fn year_at<'a>(t: Option<&Token<'a>>) -> Option<&'a str> {
        t.filter(|t| spaced(t.before))
            .and_then(|t| digits(t, 4..=4).map(|_| t.text))
    }
    for (i, token) in tokens.iter().enumerate() {
        let Some(month) = crate::date::english_month(token.text).map(u32::from) else {
            continue;
        };
        let next = tokens.get(i + 1).filter(|t| spaced(t.before));
        // Day first: `28 October 2026`.
        let before = i
            .checked_sub(1)
            .and_then(|j| tokens.get(j))
            .filter(|_| spaced(token.before));
        if let (Some(day), Some(year)) = (before.and_then(|t| digits(t, 1..=2)), year_at(next)) {
            push(out, year, month, Some(day));
            continue;
        }
        // Month first: `October 28, 2026`, or no day: `October 2026`.
        if let Some(year) = year_at(next) {
            // `may 2024` is a month; `may` alone is a word, never read.
            push(out, year, month, None);
        } else if let (Some(day), Some(year)) = (
            next.and_then(|t| digits(t, 1..=2)),
            year_at(tokens.get(i + 2)),
        ) {
            push(out, year, month, Some(day));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{tokens, written_dates};

    /// Runs read by bytes are those read by characters, in text mixing ASCII with
    /// characters of two, three and four bytes and letters outside ASCII.
    #[test]
    fn tokens_read_by_bytes_are_those_read_by_characters() {
        let by_chars = |text: &str| -> Vec<(String, String)> {
            let mut out = Vec::new();
            let (mut last_end, mut start) = (0, None);
            for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (start, c.is_ascii_alphanumeric()) {
                    (None, true) => start = Some(at),
                    (Some(s), false) => {
                        out.push((text[s..at].to_string(), text[last_end..s].to_string()));
                        last_end = at;
                        start = None;
                    }
                    _ => {}
                }
            }
            out
        };
        for text in [
            "",
            "切换在2025年9月完成，Abnahme am 27.09.2024；Sept 2024",
            "Württemberg·élan 12😀ab 𠀋x9 ，October 5, 2027。",
            "ab",
            "中文",
            "a中b",
        ] {
            let got: Vec<(String, String)> = tokens(text)
                .iter()
                .map(|t| (t.text.to_string(), t.before.to_string()))
                .collect();
            assert_eq!(got, by_chars(text), "{text}");
        }
    }

    #[test]
    fn dates_written_the_chinese_way_become_iso_terms() {
        assert_eq!(
            written_dates("切换在 2025 年 9 月完成，演练定于2025年10月8日，2024年3月再议。"),
            ["2024-03", "2025-09", "2025-10", "2025-10-08"]
        );
        // A year alone, a month out of range, a count of months, five digits: none.
        assert!(written_dates("2025 年共 9 个议题；2025年13月；12025年3月；年月").is_empty());
        // The day only with 日, and only a real one.
        assert_eq!(written_dates("2025年2月40日 前"), ["2025-02"]);
    }

    #[test]
    fn european_dates_with_dots_are_day_first() {
        assert_eq!(
            written_dates("Abnahme am 27.09.2024, Start 1.3.2025."),
            ["2024-09", "2024-09-27", "2025-03", "2025-03-01"]
        );
        // A month out of range, a version number, slashes (March or May?): none.
        for none in [
            "am 27.13.2024",
            "v1.2.2024.5",
            "Release 3.1.20245",
            "03/05/2024",
        ] {
            assert!(written_dates(none).is_empty(), "{none}");
        }
    }

    #[test]
    fn english_month_names_day_first_or_after() {
        assert_eq!(
            written_dates("The review was held on 28 October 2026; go-live is October 5, 2027."),
            ["2026-10", "2026-10-28", "2027-10", "2027-10-05"]
        );
        assert_eq!(written_dates("Cut-over in Sept 2024"), ["2024-09"]);
        assert_eq!(
            written_dates("Dec. 2025 and 3 Jan 2026"),
            ["2025-12", "2026-01", "2026-01-03"]
        );
        // `may` and `march` as words, a month without a year: none.
        for none in ["We may 2 finish", "march on", "in October", "May 20245"] {
            assert!(written_dates(none).is_empty(), "{none}");
        }
    }
}
