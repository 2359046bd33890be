//! Amounts written in Chinese numerals, `一百二十万` or finance's capitals `壹佰贰拾万元整`,
//! read for an error's hint only: such a cell was "no number, e.g. 1200000", leaving its
//! author to work out the figure by hand, where `120万` was told it.

/// The whole number `text` writes in Chinese numerals (`零`–`九`, `两`, the capitals
/// `壹`–`玖`, the units `十 百 千 万 亿` and `拾 佰 仟`); `None` when any character is
/// another or no digit is written (`万` alone).
pub fn read(text: &str) -> Option<f64> {
    let (mut total, mut section, mut digit) = (0.0_f64, 0.0_f64, 0.0_f64);
    let mut any = false;
    for c in text.chars() {
        if let Some(d) = digit_of(c) {
            digit = d;
            any = true;
            continue;
        }
        match c {
            '十' | '拾' | '百' | '佰' | '千' | '仟' => {
                let unit = match c {
                    '十' | '拾' => 10.0,
                    '百' | '佰' => 100.0,
                    _ => 1000.0,
                };
                // `十二` is twelve: a ten without its digit is one ten.
                let times = if digit == 0.0 { 1.0 } else { digit };
                section += times * unit;
                digit = 0.0;
                any = true;
            }
            '万' => {
                total += (section + digit) * 1e4;
                (section, digit) = (0.0, 0.0);
            }
            '亿' => {
                total = (total + section + digit) * 1e8;
                (section, digit) = (0.0, 0.0);
            }
            _ => return None,
        }
    }
    let n = total + section + digit;
    (any && n > 0.0).then_some(n)
}

fn digit_of(c: char) -> Option<f64> {
    let d = match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    };
    Some(f64::from(d))
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn amounts_in_chinese_numerals_are_read() {
        for (text, n) in [
            ("一百二十万", 1_200_000.0),
            ("壹佰贰拾万", 1_200_000.0),
            ("三千五百万", 35_000_000.0),
            ("一亿二千万", 120_000_000.0),
            ("十二", 12.0),
            ("两千零五", 2005.0),
            ("八十万零三百", 800_300.0),
        ] {
            assert_eq!(read(text), Some(n), "{text}");
        }
        for text in ["万", "第一", "零", "", "120万", "一百二十万元"] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
