//! Text measuring without fonts.
//!
//! The build must not depend on the fonts installed on the build machine, and the reader's
//! browser picks the real font from [`FONT_STACK`] anyway, so exact metrics are impossible.
//! These estimates only have to be good enough to lay out legends, size the tick-label
//! margin and decide where labels fit; they err slightly on the wide side so that text is
//! more likely to get a little extra room than to overlap.

/// The CSS font stack of the theme (`--font-sans`), written with single quotes so it can sit
/// inside a double-quoted SVG attribute without escaping.
pub const FONT_STACK: &str = "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', \
'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', \
'Helvetica Neue', Arial, sans-serif";

/// The string that ends a label cut short by [`truncate_to_width`].
const ELLIPSIS: char = '…';

/// Estimated advance width, in pixels, of `text` set at `font_px` in a sans-serif font.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * font_px
}

/// Width of one character in em. CJK ideographs, kana, hangul and fullwidth forms are
/// square (1 em) in every CJK font. Latin widths are those of DejaVu Sans, the sans-serif
/// that Debian's Chromium falls back to and one of the widest UI fonts, rounded up: the
/// narrower fonts of other systems (Segoe UI, San Francisco) get a little room to spare,
/// and tests/charts.rs, which measures the labels in Chromium, finds none overlapping.
/// The one table of widths: the tests' own estimates (tests/numbers.rs) call
/// [`text_width`] too.
fn char_em(c: char) -> f64 {
    if is_wide(c) {
        return 1.0;
    }
    match c {
        'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | ' ' => 0.34,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '/' | '\\' | '-' | '!' => 0.4,
        '0'..='9' | '$' | '_' | '?' | '*' | '`' => 0.64,
        '#' | '+' | '=' | '<' | '>' | '~' | '^' | '×' | '{' | '}' | '&' => 0.84,
        'w' => 0.82,
        'm' | 'M' | 'W' | '%' | '@' => 1.0,
        'A'..='Z' => 0.76,
        'a'..='z' | '"' => 0.62,
        c if c.is_control() => 0.0,
        // Accented Latin, Greek, Cyrillic and symbols: about a capital letter.
        _ => 0.76,
    }
}

/// Characters drawn one em wide: the East Asian wide and fullwidth blocks, plus the
/// ellipsis and dashes that CJK fonts (the likely fallback here) draw full width.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2014..=0x2015
        | 0x2026
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x20000..=0x3FFFD)
}

/// `text` shortened with an ellipsis so its estimated width is at most `max_px`; unchanged
/// when it already fits. Never returns more than the ellipsis for a tiny `max_px`.
pub fn truncate_to_width(text: &str, font_px: f64, max_px: f64) -> String {
    if text_width(text, font_px) <= max_px {
        return text.to_string();
    }
    let budget = max_px - char_em(ELLIPSIS) * font_px;
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        used += char_em(c) * font_px;
        if used > budget {
            break;
        }
        out.push(c);
    }
    let mut out = out.trim_end().to_string();
    out.push(ELLIPSIS);
    out
}

/// Label text made safe to draw on one line: control characters (which XML 1.0 forbids,
/// and line breaks, which would split a label) become spaces; runs of spaces collapse and
/// the ends are trimmed, as an SVG viewer would show them anyway.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_control() { ' ' } else { c };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn cjk_is_one_em_per_character() {
        assert!(close(text_width("进度偏差", 12.0), 48.0));
        assert!(close(text_width("（全角）", 10.0), 40.0));
    }

    #[test]
    fn ascii_uses_the_class_widths() {
        assert!(close(text_width("il.,", 10.0), 4.0 * 3.4));
        assert!(close(text_width("2024", 10.0), 4.0 * 6.4));
        assert!(close(text_width("AB", 10.0), 15.2));
        assert!(close(text_width("ab", 10.0), 12.4));
        assert!(close(text_width("", 12.0), 0.0));
    }

    #[test]
    fn mixed_text_adds_up_and_scales_with_the_font() {
        let mixed = text_width("Q3 预算", 12.0);
        let parts = text_width("Q3 ", 12.0) + text_width("预算", 12.0);
        assert!(close(mixed, parts));
        assert!(close(text_width("Q3 预算", 24.0), 2.0 * mixed));
    }

    #[test]
    fn chinese_is_about_twice_as_wide_as_latin_per_character() {
        let zh = text_width("风险登记", 12.0);
        let en = text_width("risk", 12.0);
        assert!(zh > 1.7 * en && zh < 3.0 * en);
    }

    #[test]
    fn truncation_fits_and_marks_the_cut() {
        assert_eq!(truncate_to_width("短", 12.0, 100.0), "短");
        let cut = truncate_to_width("系统上线与数据迁移切换", 12.0, 60.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, 12.0) <= 60.0, "{cut}");
        assert_eq!(truncate_to_width("abc", 12.0, 1.0), "…");
    }

    #[test]
    fn one_line_removes_breaks_and_control_characters() {
        assert_eq!(one_line("  a\nb\t\u{1}c  "), "a b c");
        assert_eq!(one_line("项目 A"), "项目 A");
        assert_eq!(one_line("\n"), "");
    }
}
