//! The number formats an `.xlsx` shows its cells with, where they name a unit. A cell
//! holding 480 under the custom format `0.0"万元"` reads `480.0万元` in Excel, and its
//! author means 4,800,000 yuan; pmo reads the 480 the cell holds, and the project's
//! figures came out ten thousand times too small with no word, for a workbook kept in
//! 万元 as many PMOs keep theirs. Likewise `[$$-409]#,##0` shows dollars in a yuan project. calamine reads
//! values, not formats, so the custom formats of `xl/styles.xml` and the style of each
//! cell are read here, from the parts the workbook reader opens for hidden rows
//! (`read::workbook::sheet_marks`); a sheet's cells are looked at only when some custom
//! format names a unit, which few workbooks have.

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::hidden::{attribute, each_element};
use super::table::cell_at;

/// What a cell's number format writes beside its number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The format as the workbook writes it (`0.0"万元"`), for messages.
    pub code: String,
    /// A multiple of the currency the format names after the number (`万元`, `k`),
    /// when it does not also divide the number to fit (`0!.0,"万"` shows a whole
    /// amount in 万 and is read right).
    pub multiple: Option<(&'static str, u32)>,
    /// The currency it names (`USD`, `$` for any dollar, `CNY`).
    pub currency: Option<String>,
}

/// Style index (the position of an `<xf>` in `<cellXfs>`, which a cell's `s` names) →
/// what its custom format shows, for the styles whose format names a unit.
pub(super) fn styles_naming_units(xml: &str) -> HashMap<u32, Shown> {
    let mut formats: HashMap<u32, Shown> = HashMap::new();
    each_element(xml, &["numFmt"], |e| {
        let id = attribute(e, "numFmtId").and_then(|n| n.trim().parse::<u32>().ok());
        if let (Some(id), Some(code)) = (id, attribute(e, "formatCode")) {
            if let Some(shown) = read_format(&code) {
                formats.insert(id, shown);
            }
        }
    });
    let mut out = HashMap::new();
    if formats.is_empty() {
        return out;
    }
    // `<xf>` also lists `<cellStyleXfs>`, which no cell names: count only those inside
    // `<cellXfs>`.
    let mut reader = Reader::from_str(xml);
    let (mut inside, mut index) = (false, 0u32);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "cellXfs" => inside = true,
            Ok(Event::End(e)) if e.local_name().as_ref() == "cellXfs" => inside = false,
            Ok(Event::Start(e) | Event::Empty(e)) if inside && e.local_name().as_ref() == "xf" => {
                let id = attribute(&e, "numFmtId").and_then(|n| n.trim().parse::<u32>().ok());
                if let Some(shown) = id.and_then(|id| formats.get(&id)) {
                    out.insert(index, shown.clone());
                }
                index += 1;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// The cells of a sheet's XML styled with one of `by_style`, by 0-based (row, column).
/// A row or cell without `r` follows the one before it, as the format allows.
pub(super) fn styled_cells(
    xml: &str,
    by_style: &HashMap<u32, Shown>,
) -> HashMap<(u32, u32), Shown> {
    let mut out = HashMap::new();
    let (mut row, mut col): (u32, u32) = (0, 0);
    let mut next_row: u32 = 0;
    each_element(xml, &["row", "c"], |e| {
        if e.local_name().as_ref() == "row" {
            row = attribute(e, "r")
                .and_then(|r| r.trim().parse::<u32>().ok())
                .and_then(|r| r.checked_sub(1))
                .unwrap_or(next_row);
            next_row = row.saturating_add(1);
            col = 0;
            return;
        }
        let at = attribute(e, "r").and_then(|r| cell_at(&r));
        let (r, c) = at.unwrap_or((row, col));
        col = c.saturating_add(1);
        let style = attribute(e, "s").and_then(|s| s.trim().parse::<u32>().ok());
        if let Some(shown) = style.and_then(|s| by_style.get(&s)) {
            out.insert((r, c), shown.clone());
        }
    });
    out
}

/// What a custom number format shows beside its number, when it names a unit; `None`
/// for a date, a time, text, or a format naming none.
pub fn read_format(code: &str) -> Option<Shown> {
    let mut multiple = None;
    let mut currency = None;
    // A format has up to four sections (positive; negative; zero; text): a unit in any
    // of the number sections is shown with the amount.
    for section in sections(code).into_iter().take(3) {
        let Some(parts) = section_parts(section) else {
            continue;
        };
        let texts = [&parts.before, &parts.after];
        for text in texts.into_iter().chain(&parts.currency_tags) {
            // A sign or the brackets of a negative amount are not the unit.
            let text = text.trim_matches(|c: char| matches!(c, '-' | '+' | '(' | ')' | ' '));
            if let Some(named) = currency_named(text) {
                currency.get_or_insert(named);
            }
        }
        if parts.divides {
            continue;
        }
        // The unit ends the number's text (`"万元"`, `" k"`), or leads a currency sign
        // (`¥#,##0.0"万"`): the word after the number is what it stands in.
        let after = parts.after.trim();
        multiple = multiple.or(crate::units::multiple_named(after));
    }
    if multiple.is_none() && currency.is_none() {
        return None;
    }
    Some(Shown {
        code: code.to_string(),
        multiple,
        currency,
    })
}

/// The currency `text` names: a sign kept as the sign (`¥` is the yuan's and the yen's,
/// `$` many dollars'), a name or code as its code.
fn currency_named(text: &str) -> Option<String> {
    if let [sign @ ('$' | '¥' | '￥' | '€' | '£')] = text.chars().collect::<Vec<_>>()[..] {
        return Some(sign.to_string());
    }
    crate::units::cell_currency(text)
}

/// A format's sections, split at `;` outside quotes and brackets.
fn sections(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted, mut bracket, mut escaped) = (0, false, false, false);
    for (i, c) in code.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' | '!' | '_' | '*' if !quoted && !bracket => escaped = true,
            '"' if !bracket => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => {
                out.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&code[start..]);
    out
}

/// One number section read into the text before and after its digits.
#[derive(Debug, Default)]
struct Parts {
    before: String,
    after: String,
    /// The symbols of `[$¥-804]` tags.
    currency_tags: Vec<String>,
    /// A comma right after the last digit placeholder divides the number by 1,000.
    divides: bool,
}

/// A number section's literal text before and after its digit placeholders; `None` for
/// a date or time section (whose letters are codes) or one with no digit at all.
fn section_parts(section: &str) -> Option<Parts> {
    let mut parts = Parts::default();
    let mut seen_digit = false;
    // Whether the last thing read was a digit placeholder or a scaling comma after one.
    let mut after_digits = false;
    let mut chars = section.chars().peekable();
    let literal = |parts: &mut Parts, seen: bool, text: &str| {
        if seen {
            parts.after.push_str(text);
        } else {
            parts.before.push_str(text);
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let text: String = chars.by_ref().take_while(|&c| c != '"').collect();
                literal(&mut parts, seen_digit, &text);
                after_digits = false;
            }
            '\\' | '!' => {
                if let Some(next) = chars.next() {
                    literal(&mut parts, seen_digit, &next.to_string());
                }
                after_digits = false;
            }
            // `_x` leaves the width of x, `*x` fills with x: neither is text.
            '_' | '*' => {
                chars.next();
                after_digits = false;
            }
            '[' => {
                let tag: String = chars.by_ref().take_while(|&c| c != ']').collect();
                if let Some(symbol) = tag.strip_prefix('$') {
                    let symbol = symbol.split('-').next().unwrap_or("").trim();
                    if !symbol.is_empty() {
                        parts.currency_tags.push(symbol.to_string());
                    }
                }
                after_digits = false;
            }
            '0' | '#' | '?' => {
                seen_digit = true;
                after_digits = true;
                // Text before a later digit is inside the number (`0!.0`), not after it.
                parts.after.clear();
                parts.divides = false;
            }
            '.' => after_digits = seen_digit,
            ',' => {
                if after_digits && chars.peek().is_none_or(|n| !matches!(n, '0' | '#' | '?')) {
                    parts.divides = true;
                }
            }
            c if c.is_ascii_alphabetic() => {
                // `General` and the exponent's `E+` are the number; other letters
                // are date and time codes (y m d h s) or `AM/PM`.
                if matches!(c, 'E' | 'e') && chars.peek().is_some_and(|n| matches!(n, '+' | '-')) {
                    chars.next();
                    continue;
                }
                return None;
            }
            c => {
                literal(&mut parts, seen_digit, &c.to_string());
                after_digits = false;
            }
        }
    }
    seen_digit.then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multiple_after_the_number_is_read_unless_the_format_divides() {
        for (code, unit) in [
            (r#"0.0"万元""#, Some("万元")),
            (r#"#,##0.00" 万元""#, Some("万元")),
            (r#"0\万"#, Some("万")),
            (r#"¥#,##0.0"万";-¥#,##0.0"万""#, Some("万")),
            (r#"#,##0" k""#, Some("k")),
            (r#"0.0"百万元""#, Some("百万元")),
            (r#"0!.0,"万""#, None),
            (r#"#,##0,"千元""#, None),
            (r#"#,##0.0,,"M""#, None),
            (r#"#,##0"元""#, None),
            (r#"0.0%"#, None),
        ] {
            let read = read_format(code).and_then(|s| s.multiple).map(|(u, _)| u);
            assert_eq!(read, unit, "{code}");
        }
    }

    #[test]
    fn the_currency_a_format_shows_is_read_from_text_and_tags() {
        for (code, currency) in [
            (r#"[$$-409]#,##0.00"#, Some("$")),
            (r#"[$USD] #,##0"#, Some("USD")),
            (r#"[$€-2] #,##0.00"#, Some("€")),
            (r#"[$¥-804]#,##0"#, Some("¥")),
            (r#"[$CN¥-804]#,##0"#, Some("CNY")),
            (r#"-¥#,##0.00;(¥#,##0.00)"#, Some("¥")),
            (r#"#,##0.00"美元""#, Some("USD")),
            (r##""$"#,##0"##, Some("$")),
            (r#"#,##0.00"#, None),
        ] {
            let read = read_format(code).and_then(|s| s.currency);
            assert_eq!(read.as_deref(), currency, "{code}");
        }
    }

    #[test]
    fn dates_text_and_general_name_no_unit() {
        for code in [
            r#"yyyy"年"m"月""#,
            r#"m/d/yyyy"#,
            r#"[h]:mm:ss"#,
            r#"@"万元""#,
            "General",
            r#"[Red]0.00"#,
        ] {
            assert_eq!(read_format(code), None, "{code}");
        }
    }

    #[test]
    fn cell_styles_are_counted_in_cell_xfs_only() {
        let styles = r#"<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0&quot;万元&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="164"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>"#;
        let by_style = styles_naming_units(styles);
        assert_eq!(by_style.keys().copied().collect::<Vec<_>>(), [2]);
        let sheet = r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" s="1"><v>45292</v></c><c s="2"><v>480</v></c></row><row><c r="C3" s="2"><v>1</v></c></row></sheetData></worksheet>"#;
        let cells = styled_cells(sheet, &by_style);
        let mut at: Vec<_> = cells.keys().copied().collect();
        at.sort();
        assert_eq!(at, [(1, 1), (2, 2)]);
    }
}
