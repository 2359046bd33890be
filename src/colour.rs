//! Colours as site.toml writes them (`#rrggbb`, `#rgb`) and WCAG's luminance, shared by
//! the configuration's checks and the charts' palette.

/// Red, green and blue.
pub type Rgb = [u8; 3];

/// A colour written `#rrggbb` or `#rgb` (either case).
pub fn hex(text: &str) -> Option<Rgb> {
    let digits = text.strip_prefix('#')?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |hex: &str| u8::from_str_radix(hex, 16).ok();
    match digits.len() {
        6 => Some([
            channel(&digits[0..2])?,
            channel(&digits[2..4])?,
            channel(&digits[4..6])?,
        ]),
        3 => {
            let short = |i: usize| channel(&digits[i..=i]).map(|v| v * 17);
            Some([short(0)?, short(1)?, short(2)?])
        }
        _ => None,
    }
}

/// WCAG's relative luminance.
pub fn luminance([r, g, b]: Rgb) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG's contrast ratio of a colour against white.
pub fn contrast_on_white(colour: Rgb) -> f64 {
    1.05 / (luminance(colour) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_reads_long_and_short_forms_only() {
        assert_eq!(hex("#9C2a2a"), Some([0x9c, 0x2a, 0x2a]));
        assert_eq!(hex("#0a7"), Some([0x00, 0xaa, 0x77]));
        for bad in [
            "9c2a2a",
            "#9c2a2",
            "#9c2a2g",
            "#",
            "red",
            "#+1+2+3",
            "#１２３",
        ] {
            assert_eq!(hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_runs_from_one_for_white_to_twenty_one_for_black() {
        assert!((contrast_on_white([255, 255, 255]) - 1.0).abs() < 1e-9);
        assert!((contrast_on_white([0, 0, 0]) - 21.0).abs() < 1e-9);
    }
}
