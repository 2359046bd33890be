//! Help for a risk's `probability` or `impact` written otherwise than as a level from 1
//! to 5: in words (`高`, `中`, `低`, `high`) or as a chance (`80%`, `0.8`). Which level
//! such a value is, is the organisation's choice, made once in its risk policy: `中` is
//! 3 on a scale of five words and also 3 where three words are spread over five, but
//! `高` is 4 on the one and 5 on the other. pmo never picks one (the register's
//! exposure and ranking would be off without a word): it shows the author the two
//! mappings registers most often use, and where their value falls on each.

use crate::messages::Text;
use crate::t;

/// The help for `value`, a level written in words: the mappings named in its own
/// script's words.
pub(super) fn in_words(value: &str) -> Text {
    let [very_low, low, medium, high, very_high] = if value.is_ascii() {
        ["very low", "low", "medium", "high", "very high"]
    } else {
        ["很低", "低", "中", "高", "很高"]
    };
    t!(
        "`{value}` is a level in words: which number it stands for is your organisation's choice, set in its risk policy. Two common mappings: five steps, {very_low} 1, {low} 2, {medium} 3, {high} 4, {very_high} 5; or three steps spread over five, {low} 1, {medium} 3, {high} 5. Write the number your register uses",
        value = value,
        very_low = very_low,
        low = low,
        medium = medium,
        high = high,
        very_high = very_high
    )
}

/// The chance `text` writes, in percent, when it is one: `80%`, `80 %`, `80％`, or a
/// fraction of one such as `0.8` (a level is never under 1).
pub(super) fn chance(text: &str, number: Option<f64>) -> Option<f64> {
    let text = text.trim();
    let percent = text
        .strip_suffix(['%', '％'])
        .and_then(|n| n.trim().parse::<f64>().ok())
        .or_else(|| number.filter(|n| *n > 0.0 && *n < 1.0).map(|n| n * 100.0))?;
    (percent.is_finite() && (0.0..=100.0).contains(&percent)).then_some(percent)
}

/// The help for a chance of `percent` written `value` where a level is read.
pub(super) fn as_chance(value: &str, percent: f64) -> Text {
    t!(
        "`{value}` is a chance, not a level from 1 to 5: which level a chance is, is your organisation's choice, set in its risk policy. Two common mappings: 1 up to 10 %, 2 up to 30 %, 3 up to 50 %, 4 up to 70 %, 5 above (so {value} is {banded}); or even fifths, 1 up to 20 %, 2 up to 40 %, 3 up to 60 %, 4 up to 80 %, 5 above (so {value} is {fifths}). Write the number your register uses",
        value = value,
        banded = level(percent, &[10.0, 30.0, 50.0, 70.0]),
        fifths = level(percent, &[20.0, 40.0, 60.0, 80.0])
    )
}

/// The level `percent` falls on, given each level's highest chance but the last's.
fn level(percent: f64, tops: &[f64; 4]) -> u8 {
    let below = tops.iter().filter(|top| percent > **top).count();
    // At most four tops are passed: the level is 1 to 5.
    u8::try_from(below).map_or(5, |b| b + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chance_is_read_as_written_and_placed_on_both_scales() {
        assert_eq!(chance("80%", None), Some(80.0));
        assert_eq!(chance(" 35 ％", None), Some(35.0));
        assert_eq!(chance("0.8", Some(0.8)), Some(80.0));
        assert_eq!(chance("3", Some(3.0)), None);
        assert_eq!(chance("180%", None), None);
        assert_eq!(level(80.0, &[10.0, 30.0, 50.0, 70.0]), 5);
        assert_eq!(level(80.0, &[20.0, 40.0, 60.0, 80.0]), 4);
        assert_eq!(level(5.0, &[10.0, 30.0, 50.0, 70.0]), 1);
        assert_eq!(level(30.0, &[10.0, 30.0, 50.0, 70.0]), 2);
    }
}
