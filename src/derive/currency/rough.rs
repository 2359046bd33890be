//! Rough rates of common currencies, to doubt a fixed rate typed the wrong way round
//! (`USD = 0.141` for 7.1 yuan to the dollar shrank every USD project fifty times on
//! the dashboard) or in another unit (`USD = 7100`). They are rough on purpose: a
//! rate is doubted only when it is more than [`TOLERANCE`] times off, which no
//! currency of the list has moved against another in decades, so they need no update
//! with the markets. Currencies not listed are not checked.

/// US dollars one unit was worth, roughly (2024).
const DOLLARS_PER_UNIT: [(&str, f64); 12] = [
    ("USD", 1.0),
    ("EUR", 1.08),
    ("GBP", 1.27),
    ("CHF", 1.13),
    ("JPY", 0.0067),
    ("CNY", 0.14),
    ("HKD", 0.128),
    ("SGD", 0.74),
    ("AUD", 0.66),
    ("CAD", 0.73),
    ("KRW", 0.00074),
    ("INR", 0.012),
];

/// How many times a fixed rate may be off its rough rate, either way.
pub const TOLERANCE: f64 = 4.0;

/// How a fixed rate compares with the rough one.
#[derive(Debug, PartialEq)]
pub enum Doubt {
    /// Within [`TOLERANCE`] of the rough rate's inverse: the rate of the portfolio
    /// currency in the project's, typed the wrong way round.
    Inverted,
    /// Far from the rough rate and from its inverse: another unit (per 100, per 1,000)
    /// or a number typed wrong.
    Far,
}

/// Units of `portfolio` one `currency` is roughly worth; `None` when either is not in
/// the list.
pub fn rate(currency: &str, portfolio: &str) -> Option<f64> {
    let dollars = |code: &str| {
        DOLLARS_PER_UNIT
            .iter()
            .find(|(c, _)| *c == code)
            .map(|&(_, d)| d)
    };
    Some(dollars(currency)? / dollars(portfolio)?)
}

/// Whether `fixed`, given for one `currency` in `portfolio`, is in doubt.
pub fn doubt(currency: &str, portfolio: &str, fixed: f64) -> Option<Doubt> {
    let rough = rate(currency, portfolio)?;
    let near = |a: f64, b: f64| a / b <= TOLERANCE && b / a <= TOLERANCE;
    if near(fixed, rough) {
        None
    } else if near(1.0 / fixed, rough) {
        Some(Doubt::Inverted)
    } else {
        Some(Doubt::Far)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_the_wrong_way_round_or_in_another_unit_is_doubted() {
        assert_eq!(doubt("USD", "CNY", 7.1), None);
        assert_eq!(doubt("USD", "CNY", 6.2), None);
        assert_eq!(doubt("USD", "CNY", 0.141), Some(Doubt::Inverted));
        assert_eq!(doubt("USD", "CNY", 7100.0), Some(Doubt::Far));
        assert_eq!(doubt("JPY", "CNY", 0.048), None);
        assert_eq!(doubt("JPY", "CNY", 4.8), Some(Doubt::Far));
        assert_eq!(doubt("CNY", "EUR", 0.13), None);
        assert_eq!(doubt("CNY", "EUR", 7.8), Some(Doubt::Inverted));
        // Between currencies near par either way, the inverse is as near: never doubted.
        assert_eq!(doubt("EUR", "USD", 1.0 / 1.08), None);
        assert_eq!(doubt("XAF", "CNY", 0.012), None);
    }
}
