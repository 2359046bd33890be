//! Turning page text and queries into index terms, the same way on both sides.
//!
//! The rules are simple enough to mirror exactly in the browser client:
//!
//! 1. Fold full-width ASCII (`Ｖｅｎｄｏｒ`, `１２`) to ASCII and lowercase everything.
//! 2. Split into runs: CJK runs (Han, kana, hangul) and word runs (letters and digits of
//!    other scripts, with inner `'` `-` `.` `_` splitting words). Everything else
//!    (punctuation, spaces, emoji) separates runs and is never a term.
//! 3. A CJK run yields every single character and every overlapping pair (bigram), so any
//!    substring of two or more characters is found by intersecting its bigrams, and a
//!    one-character query still matches.
//! 4. A word yields itself, lightly stemmed (`delays` → `delay`, `estimates` → `estimate`),
//!    so a query matches plural and singular; the client matches prefixes of stems for
//!    search-as-you-type.
//!
//! Every term carries its position, counted so that neighbours in the text are
//! neighbours in positions: a phrase query can check adjacency.

use crate::markdown::is_cjk;
use crate::slugs::fold_full_width;

/// What a term was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// One CJK character.
    Unigram,
    /// Two adjacent CJK characters.
    Bigram,
    /// A (stemmed) word of any other script.
    Word,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub kind: TermKind,
    /// Position in the text: one per CJK character or word. A bigram has the position of
    /// its first character.
    pub position: u32,
}

/// All index terms of `text`, in order.
pub fn terms(text: &str) -> Vec<Term> {
    let mut out = Vec::new();
    let mut position = 0u32;
    let mut word = String::new();
    let mut previous_cjk: Option<char> = None;

    let flush_word = |word: &mut String, out: &mut Vec<Term>, position: &mut u32| {
        if !word.is_empty() {
            out.push(Term {
                text: stem(word),
                kind: TermKind::Word,
                position: *position,
            });
            *position += 1;
            word.clear();
        }
    };

    for c in text.chars().map(fold_full_width) {
        if is_cjk(c) {
            flush_word(&mut word, &mut out, &mut position);
            if let Some(prev) = previous_cjk {
                out.push(Term {
                    text: [prev, c].iter().collect(),
                    kind: TermKind::Bigram,
                    position: position - 1,
                });
            }
            out.push(Term {
                text: c.to_string(),
                kind: TermKind::Unigram,
                position,
            });
            position += 1;
            previous_cjk = Some(c);
        } else if c.is_alphanumeric() {
            previous_cjk = None;
            word.extend(c.to_lowercase());
        } else {
            previous_cjk = None;
            flush_word(&mut word, &mut out, &mut position);
        }
    }
    flush_word(&mut word, &mut out, &mut position);
    out
}

/// Light English stemming: enough to match plurals and common verb forms, never so much
/// that unrelated words collide. Words of four letters or fewer, and non-ASCII words,
/// are left alone.
pub fn stem(word: &str) -> String {
    if word.len() <= 4 || !word.is_ascii() {
        return word.to_string();
    }
    let strip = |suffix: &str, replacement: &str| -> Option<String> {
        word.strip_suffix(suffix)
            .filter(|stem| stem.len() >= 3)
            .map(|stem| format!("{stem}{replacement}"))
    };
    // Order matters: the longest matching suffix wins.
    strip("ies", "y")
        .or_else(|| {
            ["sses", "shes", "ches", "xes", "zes"]
                .iter()
                .find(|s| word.ends_with(*s))
                .and_then(|_| strip("es", ""))
        })
        .or_else(|| {
            (word.ends_with('s')
                && !word.ends_with("ss")
                && !word.ends_with("us")
                && !word.ends_with("is"))
            .then(|| strip("s", ""))
            .flatten()
        })
        .unwrap_or_else(|| word.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        terms(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn chinese_runs_give_unigrams_and_bigrams() {
        assert_eq!(texts("供应商"), ["供", "供应", "应", "应商", "商"]);
        let t = terms("供应商");
        assert_eq!(t[1].position, 0, "a bigram sits at its first character");
        assert_eq!(t[4].position, 2);
    }

    #[test]
    fn every_substring_of_two_or_more_characters_is_covered_by_bigrams() {
        let text = "供应商交付延期导致里程碑滑移";
        let all = texts(text);
        let chars: Vec<char> = text.chars().collect();
        for start in 0..chars.len() {
            for end in start + 2..=chars.len() {
                for pair in chars[start..end].windows(2) {
                    let bigram: String = pair.iter().collect();
                    assert!(all.contains(&bigram), "{bigram}");
                }
            }
        }
    }

    #[test]
    fn english_words_are_lowercased_and_stemmed() {
        assert_eq!(
            texts("Vendor Delays hit the Schedules"),
            ["vendor", "delay", "hit", "the", "schedule"]
        );
        assert_eq!(stem("categories"), "category");
        assert_eq!(stem("processes"), "process");
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("analysis"), "analysis");
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("risks"), "risk");
    }

    #[test]
    fn mixed_text_keeps_positions_in_reading_order() {
        let t = terms("ERP 升级 UAT");
        let words: Vec<(&str, u32)> = t
            .iter()
            .filter(|t| t.kind != TermKind::Bigram)
            .map(|t| (t.text.as_str(), t.position))
            .collect();
        assert_eq!(words, [("erp", 0), ("升", 1), ("级", 2), ("uat", 3)]);
    }

    #[test]
    fn punctuation_and_emoji_separate_runs() {
        assert_eq!(
            texts("风险，延期"),
            ["风", "风险", "险", "延", "延期", "期"]
        );
        assert_eq!(texts("go-live 🚀 cut-over!"), ["go", "live", "cut", "over"]);
        assert!(texts("。，！？🙂").is_empty());
    }

    #[test]
    fn full_width_letters_fold_to_ascii() {
        assert_eq!(texts("ＵＡＴ测试"), ["uat", "测", "测试", "试"]);
    }
}
