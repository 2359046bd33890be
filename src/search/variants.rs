//! Traditional characters and their simplified forms, for a query typed in traditional
//! Chinese (供應商) on a portal written in simplified Chinese (供应商).
//!
//! The index holds the text as written, so a traditional query matches nothing. Folding
//! every query in the browser would need the table on every first query; instead the
//! client loads `search/t2s.js` only when a query with CJK characters finds nothing, and
//! runs it again with each character replaced by its simplified form.
//!
//! The table is OpenCC's (Apache-2.0), read character by character through the hanconv
//! crate. Phrase-level conversions are left out: at the level of single characters the
//! bigrams of the folded query are what the index holds. Only the pairs whose simplified
//! form some page or the synonyms' table holds are written: folding to a character no page holds finds nothing
//! either, and the whole table was 17 KB (12 KB gzip-compressed) for a portal using a
//! fraction of it.

use hanconv::RawDictionary;

/// The CJK Unified Ideographs block, where every character an input method offers by
/// default lies: the table's rarer characters (extensions A to G) would double the file
/// (18.7 KB gzip-compressed, against 12.2 KB) for characters hardly ever typed.
const COMMON: std::ops::RangeInclusive<char> = '\u{4E00}'..='\u{9FFF}';

/// Every common traditional character whose simplified form differs and is `held` (by
/// some page of the index), each followed by that form, in the dictionary's order:
/// `應应會会…`. A character with several simplified forms (線 → 线 缐) takes the first,
/// the usual one.
pub fn traditional_to_simplified(held: impl Fn(char) -> bool) -> String {
    let mut pairs = String::new();
    for (traditional, simplified) in RawDictionary::TSCharacters.iter() {
        let (mut t, mut s) = (traditional.chars(), simplified.chars());
        if let (Some(t), None, Some(s), None) = (t.next(), t.next(), s.next(), s.next()) {
            if t != s && COMMON.contains(&t) && COMMON.contains(&s) && held(s) {
                pairs.push(t);
                pairs.push(s);
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_traditional_characters_have_their_simplified_forms() {
        let pairs: Vec<char> = traditional_to_simplified(|_| true).chars().collect();
        let form = |t: char| pairs.chunks(2).find(|p| p[0] == t).map(|p| p[1]);
        assert_eq!(form('應'), Some('应'));
        assert_eq!(form('線'), Some('线'));
        assert_eq!(form('裡'), Some('里'));
        assert_eq!(form('會'), Some('会'));
        // A character written the same in both is not listed.
        assert_eq!(form('供'), None);
        assert_eq!(pairs.len() % 2, 0);
        assert!(pairs.len() / 2 > 2500, "{}", pairs.len() / 2);
    }

    #[test]
    fn only_the_simplified_forms_held_are_written() {
        let held = |c: char| "应商验训".contains(c);
        let pairs = traditional_to_simplified(held);
        assert!(pairs.contains("應应"), "{pairs}");
        assert!(pairs.contains("驗验"), "{pairs}");
        assert!(!pairs.contains('会'), "{pairs}");
        // A simplified form held by several traditional ones keeps each of them.
        assert_eq!(pairs.chars().count() % 2, 0);
        assert!(pairs.chars().count() < 20, "{pairs}");
    }
}
