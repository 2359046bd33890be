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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_get_thousands_separators() {
        assert_eq!(format_amount(3_200_000.0), "3,200,000");
        assert_eq!(format_amount(999.6), "1,000");
        assert_eq!(format_amount(-12345.0), "-12,345");
        assert_eq!(format_amount(0.0), "0");
    }
}
