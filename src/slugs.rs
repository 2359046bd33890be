//! Readable identifiers for URLs and heading anchors.
//!
//! Chinese stays Chinese: `## 风险 识别` becomes `#风险-识别`, not a transliteration
//! that no reader recognizes (and that would make 期中 and 其中 collide).

use std::collections::HashMap;

/// Lowercases, keeps letters and digits of any script, and turns every run of spaces and
/// punctuation into a single dash. Never empty: falls back to `fallback`.
pub fn slugify(text: &str, fallback: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        let c = fold_full_width(c);
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

/// Full-width ASCII (`Ａ`, `１`) as typed by Chinese input methods, folded to ASCII.
pub fn fold_full_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Hands out unique slugs: the second `概述` becomes `概述-1`, like GitHub's anchors.
#[derive(Debug, Default)]
pub struct Unique {
    seen: HashMap<String, usize>,
}

impl Unique {
    pub fn claim(&mut self, slug: String) -> String {
        let Some(&last) = self.seen.get(&slug) else {
            self.seen.insert(slug.clone(), 0);
            return slug;
        };
        let mut n = last;
        loop {
            n += 1;
            let candidate = format!("{slug}-{n}");
            if !self.seen.contains_key(&candidate) {
                self.seen.insert(slug, n);
                self.seen.insert(candidate.clone(), 0);
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_chinese_and_drops_punctuation() {
        assert_eq!(slugify("风险 识别（Risk ID）", "x"), "风险-识别-risk-id");
        assert_eq!(slugify("1. 背景：为什么？", "x"), "1-背景-为什么");
        assert_eq!(slugify("Ｖｅｎｄｏｒ  Delay", "x"), "vendor-delay");
        assert_eq!(slugify("!!!", "section"), "section");
    }

    #[test]
    fn duplicates_get_numbered() {
        let mut u = Unique::default();
        assert_eq!(u.claim("概述".into()), "概述");
        assert_eq!(u.claim("概述".into()), "概述-1");
        assert_eq!(u.claim("概述-1".into()), "概述-1-1");
        assert_eq!(u.claim("概述".into()), "概述-2");
    }
}
