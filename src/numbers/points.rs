//! Amounts written with a point between thousands, the way much of Europe writes 1,200
//! as `1.200`: read as 1.2, a month's cost a thousand times too small. Which such cells
//! a column doubts, and how to write them either way they were meant.

use super::{format_amount, format_number, CURRENCY_SIGNS};

/// The number `text` would be with its points read as thousands separators, the way
/// much of Europe writes 1,200 as `1.200`: one to three digits (not starting with 0,
/// which no one writes before a separator), then one or more groups of a point and
/// exactly three digits, an optional minus and currency sign around them. `None` for
/// any other text: `1.2`, `12.3456`, `0.500` can only be decimals.
pub fn dotted_thousands(text: &str) -> Option<f64> {
    let bare = text.trim().trim_matches(CURRENCY_SIGNS).trim();
    let (negative, digits) = match bare.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, bare),
    };
    let mut groups = digits.split('.');
    let first = groups.next()?;
    let all_digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    if !(1..=3).contains(&first.len()) || !all_digits(first) || first.starts_with('0') {
        return None;
    }
    let mut plain = first.to_string();
    let mut dotted = false;
    for group in groups {
        if group.len() != 3 || !all_digits(group) {
            return None;
        }
        plain.push_str(group);
        dotted = true;
    }
    let n: f64 = plain.parse().ok().filter(|_| dotted)?;
    Some(if negative { -n } else { n })
}

/// One amount of a column as [`points_for_thousands`] weighs it: the cell's text when
/// the file keeps it (a CSV cell; a spreadsheet's number has none), and the number it
/// is read as.
#[derive(Debug, Clone, Copy)]
pub struct Written<'a> {
    pub text: Option<&'a str>,
    pub value: Option<f64>,
}

/// How many times below the other whole numbers' median a dotted number as read must be
/// to be doubted even when its thousands reading is further above it: neither reading
/// fits, and one written to the thousandth among whole numbers is most often thousands.
pub const POINT_READ_SLIP: f64 = 10.0;

/// The cells of `columns` (as `(column, position)`) whose point probably separates
/// thousands rather than starting decimals: `98.500` read as 98.5 among amounts near
/// 100,000 makes a month's cost a thousand times too small without a word.
///
/// Where the line is: a column holding other amounts with decimals (`1200.5`) is a
/// column of decimals, and its `12.345` is left alone. Among whole amounts, a dotted
/// cell is doubted when the number with the point read as a thousands separator is
/// nearer the other amounts' median (by ratio) than the number as read, or when the
/// number as read is more than [`POINT_READ_SLIP`] times below it: `98.500` beside
/// 100000 is, `98.500` beside 95 and 120 is not, and `1.860` among headcounts of 28 to
/// 212 is (1.86 fits them no better than 1,860: a column of whole numbers holding one
/// written to the thousandth is the thousands pattern, or a slip either way). A column
/// holding no other amount is weighed against the other columns' amounts; when no
/// column holds any, every amount is dotted, and two or more such cells are doubted
/// (money written to the thousandth throughout is not how amounts are written;
/// thousands separated by points is).
pub fn points_for_thousands(columns: &[Vec<Written>]) -> Vec<(usize, usize)> {
    let plain = |column: &[Written]| -> Vec<f64> {
        column
            .iter()
            .filter(|w| w.text.and_then(dotted_thousands).is_none())
            .filter_map(|w| w.value)
            .filter(|v| *v != 0.0 && v.is_finite())
            .map(f64::abs)
            .collect()
    };
    let median = |mut values: Vec<f64>| -> Option<f64> {
        values.sort_by(f64::total_cmp);
        values.get(values.len() / 2).copied()
    };
    let everywhere = median(columns.iter().flat_map(|c| plain(c)).collect());
    let dotted: Vec<(usize, usize, f64, f64)> = columns
        .iter()
        .enumerate()
        .flat_map(|(c, column)| {
            column.iter().enumerate().filter_map(move |(i, w)| {
                let grouped = w.text.and_then(dotted_thousands)?;
                Some((c, i, grouped, w.value?))
            })
        })
        .collect();
    let mut out = Vec::new();
    for &(c, i, grouped, read) in &dotted {
        let own = plain(&columns[c]);
        if own.iter().any(|v| v.fract() != 0.0) {
            continue;
        }
        let doubted = match median(own).or(everywhere) {
            // How far `a` is from the usual amount, by ratio, either way.
            Some(usual) => {
                let off = |a: f64| (a.abs() / usual).ln().abs();
                let below = read.abs() * POINT_READ_SLIP < usual;
                read != 0.0 && (off(grouped) < off(read) || below)
            }
            None => dotted.len() >= 2,
        };
        if doubted {
            out.push((c, i));
        }
    }
    out
}

/// How to write an amount written with a point between thousands (`grouped` with the
/// point so read, `read` as a number reads it), either way it was meant.
pub fn point_help(grouped: f64, read: f64) -> crate::messages::Text {
    crate::t!(
        "write `{plain}` if the amount is {whole} (a point in a number always starts its decimals), or `{number}` if it is {number}",
        plain = format!("{grouped:.0}"),
        whole = format_amount(grouped),
        number = format_number(read)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(texts: &[&'static str]) -> Vec<Written<'static>> {
        texts
            .iter()
            .map(|t| Written {
                text: Some(t),
                value: t.parse().ok(),
            })
            .collect()
    }

    #[test]
    fn points_that_separate_thousands_are_told_from_decimals() {
        assert_eq!(dotted_thousands("98.500"), Some(98_500.0));
        assert_eq!(dotted_thousands(" 1.200.000 "), Some(1_200_000.0));
        assert_eq!(dotted_thousands("€-112.300"), Some(-112_300.0));
        for decimal in [
            "98.5", "12.3456", "0.500", "1200", "1234.500", "1.2.3", "1.20O",
        ] {
            assert_eq!(dotted_thousands(decimal), None, "{decimal}");
        }
    }

    #[test]
    fn a_dotted_amount_is_doubted_where_the_thousands_reading_fits_its_column() {
        let first_month = written(&["98.500", "104200", "118750", "121000", "112300"]);
        assert_eq!(points_for_thousands(&[first_month]), vec![(0, 0)]);
        let last_month = written(&["98500", "104200", "118750", "121000", "112.300"]);
        assert_eq!(points_for_thousands(&[last_month]), vec![(0, 4)]);
        // Small whole amounts: 98.5 fits them better than 98,500.
        assert!(points_for_thousands(&[written(&["95", "120", "98.500"])]).is_empty());
        // A column of decimals keeps its 12.345.
        assert!(points_for_thousands(&[written(&["12.5", "13.25", "12.345"])]).is_empty());
        // Every amount dotted: nothing to weigh against, and several are doubted.
        let all = written(&["100.000", "100.000", "120.000"]);
        assert_eq!(points_for_thousands(&[all]).len(), 3);
        // A column reporting one dotted amount is weighed against the others.
        let columns = [written(&["100000", "120000"]), written(&["98.500", ""])];
        assert_eq!(points_for_thousands(&columns), vec![(1, 0)]);
        // One lone dotted amount with nothing beside it stays as read.
        assert!(points_for_thousands(&[written(&["12.345"])]).is_empty());
    }

    /// Hunt 9: `1.860` (1,860) among headcounts of 28 to 212 was drawn as 1.86 without a
    /// word, its thousands reading being further above their median than 1.86 below.
    #[test]
    fn a_dotted_number_that_fits_its_column_neither_way_is_doubted() {
        let headcounts = written(&["86", "34", "212", "28", "45", "1.860"]);
        assert_eq!(points_for_thousands(&[headcounts]), vec![(0, 5)]);
        // Amounts in 万 with one half: 12.5 fits, and stays as read.
        assert!(points_for_thousands(&[written(&["12", "15", "18", "12.500"])]).is_empty());
    }
}
