//! Exact titles: a page whose title is the query — ignoring case, spacing and
//! punctuation — is the result a reader wants first, whatever the scores say.
//!
//! Each title is written to the index as one more term, `=` followed by its letters,
//! digits and CJK characters (folded and lowercased): `=erp升级`. No real term starts
//! with `=`. The term goes into the shard the query's own first term lives in (the first
//! bigram of a Chinese title, the first word's group otherwise), so looking it up loads
//! no file the query did not load already. The client (`titleKey` in search-verify.js)
//! normalizes the query by the same rules.

use crate::markdown::is_cjk;
use crate::search::tokenize::{scan, search_char, Token};

/// Characters of a normalized title past which it gets no exact-title term: nobody types
/// a longer title, and the term would only cost bytes (`TITLE_KEY_CHARS` in search-verify.js).
pub const TITLE_KEY_CHARS: usize = 100;

/// The first term of a query typed as `title`: where its exact-title term is filed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum First {
    /// A CJK bigram or, for a run of one character, that character.
    Cjk(String),
    /// A word's stem, or a code as written: filed by its word group.
    Word(String),
}

/// The exact-title term of `title` (`=` and the normalized title) and the first term it
/// is filed by; `None` for a title with nothing to search by or too long to be typed.
pub fn title_term(title: &str) -> Option<(String, First)> {
    let mut key = String::from("=");
    let mut chars = 0;
    for c in title.chars().filter_map(search_char) {
        if is_cjk(c) || c.is_alphanumeric() {
            key.extend(c.to_lowercase());
            chars += 1;
            if chars > TITLE_KEY_CHARS {
                return None;
            }
        }
    }
    Some((key, first_term(title)?))
}

/// The exact-title terms of `page`: its title's, and for a project page the name people
/// call it by — the title's first word, or the whole title of one word — with 项目 or
/// project after it (`鲲鹏项目`, `ERP 项目`, `Rhine project`). Every lesson and review of
/// a project opens with "鲲鹏 项目（…）", so the exact-text rule put the project's own
/// page at rank 400 for `鲲鹏项目` at 10,000 pages (the eighth search tester).
pub fn title_keys(page: &crate::content::page::Page) -> Vec<String> {
    let mut keys: Vec<String> = title_term(&page.title)
        .map(|(key, _)| key)
        .into_iter()
        .collect();
    if page.project().is_some() {
        let name = page.title.split_whitespace().next().unwrap_or("");
        for alias in [format!("{name}项目"), format!("{name} project")] {
            if let Some((key, _)) = title_term(&alias) {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
    }
    keys
}

/// The first group of `title` read as a query (`tokenize` in search-text.js): the first
/// CJK bigram or lone character, or the first word — or the code that word begins.
fn first_term(title: &str) -> Option<First> {
    enum Seen {
        /// A CJK character, where it ends, and the one right after it.
        Cjk(char, usize, Option<char>),
        Word(String),
    }
    let mut first: Option<Seen> = None;
    let mut words = 0u32;
    let mut code: Option<String> = None;
    let mut done = false;
    scan(title, |token| {
        if done {
            return;
        }
        match (&mut first, token) {
            (None, Token::Cjk { c, at, .. }) => first = Some(Seen::Cjk(c, at + c.len_utf8(), None)),
            (None, Token::Word { stem, .. }) => {
                first = Some(Seen::Word(stem.to_string()));
                words = 1;
            }
            // The index reads `风 险` as one run, a query as two groups: only a character
            // right after the first makes its bigram.
            (
                Some(Seen::Cjk(_, end, second)),
                Token::Cjk {
                    prev: Some(_),
                    c,
                    at,
                },
            ) => {
                if at == *end {
                    *second = Some(c);
                }
                done = true;
            }
            (Some(Seen::Cjk(..)), _) => done = true,
            (Some(Seen::Word(_)), Token::Word { .. }) => words += 1,
            (Some(Seen::Word(_)), Token::Code { text, parts, .. }) => {
                // The first code ends the question: it starts at the first word or not.
                if words == parts {
                    code = Some(text.to_string());
                }
                done = true;
            }
            (Some(Seen::Word(_)), Token::Cjk { .. }) => done = true,
            (None, Token::Code { .. }) => {}
        }
    });
    match first? {
        Seen::Cjk(a, _, Some(b)) => Some(First::Cjk([a, b].iter().collect())),
        Seen::Cjk(a, _, None) => Some(First::Cjk(a.to_string())),
        Seen::Word(stem) => Some(First::Word(code.unwrap_or(stem))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(title: &str) -> Option<(String, First)> {
        title_term(title)
    }

    #[test]
    fn titles_fold_to_letters_digits_and_cjk() {
        let cjk = |s: &str| First::Cjk(s.to_string());
        let word = |s: &str| First::Word(s.to_string());
        assert_eq!(term("ERP 升级"), Some(("=erp升级".into(), word("erp"))));
        assert_eq!(
            term("北斗 规划阶段资源协调最佳实践：budget"),
            Some(("=北斗规划阶段资源协调最佳实践budget".into(), cjk("北斗")))
        );
        assert_eq!(term("风 险"), Some(("=风险".into(), cjk("风"))));
        assert_eq!(
            term("LL-2024-012 复盘"),
            Some(("=ll2024012复盘".into(), word("ll-2024-012")))
        );
        assert_eq!(
            term("Vendor Delays"),
            Some(("=vendordelays".into(), word("vendor")))
        );
        assert_eq!(term("Go 2024-03"), Some(("=go202403".into(), word("go"))));
        assert_eq!(term("。！"), None);
        assert_eq!(term(&"长".repeat(TITLE_KEY_CHARS + 1)), None);
    }
}
