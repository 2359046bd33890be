//! The compact text encoding of numbers inside index files (docs/search-format.md,
//! "Numbers"). Index files are JavaScript, so binary data would need base64 plus a decode
//! step; instead every number is written as a few characters of a JS string that the
//! client decodes in one pass, and that gzip compresses well.
//!
//! A number is written in base 32, most significant digit first: every digit but the last
//! from [`MORE`], the last from [`LAST`]. So 0–31 take one character, up to 1023 two.
//! Neither alphabet holds `"` or `\`, so the strings need no escaping.

/// Final digits, values 0–31.
pub const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
/// Leading digits, values 0–31.
pub const MORE: &[u8; 32] = b"wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$";

/// Appends `value` to `out`.
pub fn push(out: &mut String, value: u32) {
    let mut digits = [0u8; 7];
    let mut n = 0;
    let mut v = value;
    loop {
        digits[n] = (v & 31) as u8;
        n += 1;
        v >>= 5;
        if v == 0 {
            break;
        }
    }
    for i in (1..n).rev() {
        out.push(char::from(MORE[usize::from(digits[i])]));
    }
    out.push(char::from(LAST[usize::from(digits[0])]));
}

/// Each byte's digit: `MORE`'s with bit 5 set, `LAST`'s as they are, 0xFF for no digit.
/// Ranking long lists decodes them (twice for a word's), and looking each byte up in the
/// alphabets showed in the index stage's profile.
const DIGITS: [u8; 256] = {
    let mut t = [0xFF; 256];
    let mut i = 0;
    while i < 32 {
        t[MORE[i] as usize] = 32 | i as u8;
        t[LAST[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Reads the numbers of `text` back one by one, without a vector (how many places a
/// list's pages have, for every list with places). False when a byte is no digit.
pub fn each(text: &str, mut f: impl FnMut(u32)) -> bool {
    let mut v: u32 = 0;
    for b in text.bytes() {
        match DIGITS[usize::from(b)] {
            0xFF => return false,
            d if d & 32 != 0 => v = (v << 5) | u32::from(d & 31),
            d => {
                f((v << 5) | u32::from(d));
                v = 0;
            }
        }
    }
    true
}

/// Reads the numbers of `text` back (ranking long lists, tests, the serve hook's checks).
pub fn decode(text: &str) -> Option<Vec<u32>> {
    let mut out = Vec::with_capacity(text.len() / 2);
    each(text, |n| out.push(n)).then_some(out)
}

/// BM25 parameters, shared with the client's idf.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Field weights, in the order title, headings, metadata, body, address (bits 1, 2, 4, 8,
/// 16). The address's words (`key-developer-resignation`) are an English name the writer
/// gave a Chinese page: a reader typing them means that page, but a word the page's own
/// text or a synonym of the query holds says more, so they weigh least.
pub const FIELD_WEIGHTS: [f64; 5] = [4.0, 2.5, 2.0, 1.0, 0.8];
/// How much a short title adds to the title's weight at most (and a long one takes).
const TITLE_RANGE: (f64, f64) = (0.6, 1.5);
/// The largest impact: the best field weight times BM25's limit `k1 + 1`.
const MAX_IMPACT: f64 = 4.0 * TITLE_RANGE.1 * (K1 + 1.0);

/// A document's lengths relative to the average document's.
#[derive(Debug, Clone, Copy)]
pub struct Lengths {
    /// Bytes of title and body text over the average.
    pub text: f64,
    /// Bytes of the title over the average title.
    pub title: f64,
}

/// A term's weight in one document, without its idf, quantized to 1–31 so it takes one
/// character: BM25's term-frequency part (long pages count less) times the weight of the
/// best field the term occurs in. A title match weighs more in a short title: "ERP 升级"
/// is a better answer to "ERP" than "ERP 升级项目收尾评审". The client multiplies the
/// impact by the idf it computes from the postings' length.
pub fn impact(tf: u32, fields: u8, lengths: Lengths) -> u32 {
    // Fields are ordered by weight: the lowest bit set is the best field.
    let best = (fields.trailing_zeros() as usize).min(FIELD_WEIGHTS.len() - 1);
    let mut weight = FIELD_WEIGHTS[best];
    if fields & 1 != 0 {
        weight *= (2.0 / (1.0 + lengths.title)).clamp(TITLE_RANGE.0, TITLE_RANGE.1);
    }
    let tf = f64::from(tf.max(1));
    let norm = 1.0 - B + B * lengths.text;
    let score = weight * tf * (K1 + 1.0) / (tf + K1 * norm);
    // `+ 0.5` then truncation rounds (the score is positive) without a libm call.
    ((score / MAX_IMPACT * 31.0 + 0.5) as u32).clamp(1, 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        let values = [0, 1, 31, 32, 1023, 1024, 70_000, u32::MAX];
        let mut s = String::new();
        for v in values {
            push(&mut s, v);
        }
        assert_eq!(decode(&s).unwrap(), values);
        let mut one = String::new();
        push(&mut one, 33);
        assert_eq!(one, "x1");
        assert_eq!(decode("1\"2"), None, "not a digit");
        assert_eq!(decode(""), Some(Vec::new()));
    }

    fn at(text: f64, title: f64) -> Lengths {
        Lengths { text, title }
    }

    #[test]
    fn impact_prefers_titles_and_short_pages() {
        let body = impact(1, 8, at(1.0, 1.0));
        assert!(impact(1, 1, at(1.0, 1.0)) > body);
        assert!(impact(1, 1, at(1.0, 0.3)) > impact(2, 1, at(1.0, 1.5)));
        assert!(impact(1, 8, at(0.5, 1.0)) > impact(1, 8, at(4.0, 1.0)));
        assert!(impact(5, 8, at(1.0, 1.0)) > body);
        assert_eq!(impact(1000, 15, at(0.01, 0.0)), 31);
        assert!(impact(1, 8, at(1e9, 1.0)) >= 1);
    }
}
