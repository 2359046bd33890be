//! Exact titles: a page whose title is the query — ignoring case, spacing and
//! punctuation — is the result a reader wants first, whatever the scores say.
//!
//! Each title is written to the index as one more term, `=` followed by its letters,
//! digits and CJK characters (folded and lowercased): `=erp升级`. No real term starts
//! with `=`. The term goes into the shard the query's own first term lives in (the first
//! bigram of a Chinese title, the first word's group otherwise), so looking it up loads
//! no file the query did not load already. The client (`titleKey` in search-verify.js)
//! normalizes the query by the same rules.

use crate::content::schema::ProjectStatus;
use crate::markdown::is_cjk;
use crate::search::synonyms;
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
/// project after it (`鲲鹏项目`, `ERP 项目`, `Rhine project`), its folder's name and its
/// status as readers type it (`status_titles`). Every lesson and review of
/// a project opens with "鲲鹏 项目（…）", so the exact-text rule put the project's own
/// page at rank 400 for `鲲鹏项目` at 10,000 pages (the eighth search tester).
///
/// Then the title's synonym wordings (`synonym_keys`, from `groups`, those of syn.js).
pub fn title_keys(page: &crate::content::page::Page, groups: &[Vec<(String, u32)>]) -> Vec<String> {
    let mut keys: Vec<String> = title_term(&page.title)
        .map(|(key, _)| key)
        .into_iter()
        .collect();
    for key in synonym_keys(&page.title, groups) {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    if let Some(project) = page.project() {
        let name = page.title.split_whitespace().next().unwrap_or("");
        // Its folder's name too (`crm-rollout`), which lessons write in their `project`
        // field: typed, it found the lessons of the project before its own page.
        let mut aliases = vec![
            format!("{name}项目"),
            format!("{name} project"),
            project.slug.clone(),
        ];
        aliases.extend(status_titles(project.status));
        for alias in aliases {
            if let Some((key, _)) = title_term(&alias) {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
    }
    keys
}

/// A project's status as readers type it, alone or naming the kind after it (`暂停`,
/// `已完成的项目`, `closed projects`): a query of a status asks for the projects in it.
/// As a title, since the word is a title's in the lessons about it (暂停决定没有写明复工条件…),
/// which came before the paused project, or found nothing the project holds
/// (`closed projects`).
fn status_titles(status: ProjectStatus) -> Vec<String> {
    let mut out = Vec::new();
    for word in synonyms::status_words(status) {
        out.push((*word).to_string());
        if word.chars().next().is_some_and(is_cjk) {
            out.push(format!("{word}项目"));
            out.push(format!("{word}的项目"));
        } else {
            out.push(format!("{word} project"));
            out.push(format!("{word} projects"));
        }
    }
    out
}

/// Characters of a title (as its exact-title term counts them) up to which it is also
/// filed under its synonym wordings (`synonym_keys`): a short title is one a reader types
/// whole, and may type in other words.
pub const SYNONYM_TITLE_CHARS: usize = 24;
/// Synonym wordings of one title at most: each is one more term in a shard.
pub const SYNONYM_TITLES: usize = 8;

/// The exact-title terms of `title` written with synonyms of its words (`groups`, those
/// of syn.js): "Vendor management" is also titled 供应商管理 and 供应商 management, so a
/// reader typing the title in the other language, or with another word for one of its
/// words (风险台账 for 风险登记册), finds the page first as they would typing it as
/// written. The wordings nearest the title come first (each word's nearest synonyms, as
/// a group lists them), up to SYNONYM_TITLES; a Chinese word inside a longer run is not
/// replaced by an English one (`risk register的建立与维护` is typed by nobody).
pub fn synonym_keys(title: &str, groups: &[Vec<(String, u32)>]) -> Vec<String> {
    let Some((own, _)) = title_term(title) else {
        return Vec::new();
    };
    if own.chars().count() > SYNONYM_TITLE_CHARS + 1 {
        return Vec::new();
    }
    let text = synonyms::normalize(title);
    let words = synonym_words(&text, groups);
    // Each word's choices: its own, then the other members of its group in order.
    let choices: Vec<Vec<&str>> =
        words
            .iter()
            .map(|&(at, end, g)| {
                let word = &text[at..end];
                let in_run = cjk_beside(&text, at, end);
                std::iter::once(word)
                    .chain(groups[g].iter().map(|(m, _)| m.as_str()).filter(|m| {
                        *m != word && (!in_run || m.chars().next().is_some_and(is_cjk))
                    }))
                    .collect()
            })
            .collect();
    let mut keys: Vec<String> = Vec::new();
    let farthest: usize = choices.iter().map(|c| c.len() - 1).sum();
    let mut picks = vec![0; choices.len()];
    // Wordings by how far they are from the title: the sum of their members' places.
    for distance in 1..=farthest {
        let more = wordings(&choices, &mut picks, 0, distance, &mut |picks| {
            let mut wording = String::new();
            let mut at = 0;
            for (i, &(start, end, _)) in words.iter().enumerate() {
                wording.push_str(&text[at..start]);
                wording.push_str(choices[i][picks[i]]);
                at = end;
            }
            wording.push_str(&text[at..]);
            if let Some((key, _)) = title_term(&wording) {
                if key != own && !keys.contains(&key) {
                    keys.push(key);
                }
            }
            keys.len() < SYNONYM_TITLES
        });
        if !more {
            break;
        }
    }
    keys
}

/// The words of `text` (normalized) that are members of `groups`, as (start, end,
/// group) in the order they stand; of two overlapping, the longer (风险登记册, not 登记册
/// within it). An English member is a word only between non-letters (`rag` is not in
/// `storage`).
fn synonym_words(text: &str, groups: &[Vec<(String, u32)>]) -> Vec<(usize, usize, usize)> {
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        for (member, _) in group {
            // Most members' first character is not in the title at all: looking for it
            // first spares setting up a substring search per member and title, which was
            // half of the titles' share of the index stage (hundreds of members, each
            // title).
            if !member.chars().next().is_some_and(|c| text.contains(c)) {
                continue;
            }
            for (at, _) in text.match_indices(member.as_str()) {
                let end = at + member.len();
                let before = text[..at].chars().next_back();
                let after = text[end..].chars().next();
                let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                let first = member.chars().next();
                let last = member.chars().next_back();
                let inside = alnum(first) && alnum(before) || alnum(last) && alnum(after);
                if !inside {
                    found.push((at, end, g));
                }
            }
        }
    }
    found.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
    let mut words: Vec<(usize, usize, usize)> = Vec::new();
    for f in found {
        if !words.iter().any(|w| f.0 < w.1 && w.0 < f.1) {
            words.push(f);
        }
    }
    words.sort_unstable();
    words
}

/// Whether a CJK character stands right before `at` or right after `end` in `text`.
fn cjk_beside(text: &str, at: usize, end: usize) -> bool {
    text[..at].chars().next_back().is_some_and(is_cjk)
        || text[end..].chars().next().is_some_and(is_cjk)
}

/// Calls `visit` with each choice of a member for every word (`picks`, places in
/// `choices`) whose places add up to `left`, from word `i` on; false once `visit` asks to
/// stop.
fn wordings(
    choices: &[Vec<&str>],
    picks: &mut [usize],
    i: usize,
    left: usize,
    visit: &mut dyn FnMut(&[usize]) -> bool,
) -> bool {
    if i == choices.len() {
        return left > 0 || visit(picks);
    }
    for pick in 0..choices[i].len().min(left + 1) {
        picks[i] = pick;
        if !wordings(choices, picks, i + 1, left - pick, visit) {
            picks[i] = 0;
            return false;
        }
    }
    picks[i] = 0;
    true
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

    #[test]
    fn a_short_title_is_filed_under_its_synonym_wordings() {
        let group = |members: &[&str]| -> Vec<(String, u32)> {
            members.iter().map(|m| (m.to_string(), 1)).collect()
        };
        let groups = vec![
            group(&["供应商", "厂商", "vendor"]),
            group(&["管理", "management"]),
            group(&["风险登记册", "风险台账", "risk register"]),
            group(&["登记册", "登纪册"]),
            group(&["rag", "红黄绿"]),
        ];
        let keys = synonym_keys("Vendor management", &groups);
        assert_eq!(
            keys,
            [
                "=vendor管理",
                "=供应商management",
                "=供应商管理",
                "=厂商management",
                "=厂商管理"
            ]
        );
        // A Chinese word inside a run keeps to the Chinese members; the longest member
        // is the word (风险登记册, not 登记册).
        assert_eq!(
            synonym_keys("风险登记册的建立与维护", &groups),
            ["=风险台账的建立与维护"]
        );
        // An English member is a word only between non-letters.
        assert!(synonym_keys("Storage plan", &groups).is_empty());
        // A long title, and one holding no member, are filed only as written.
        let long = format!("供应商{}", "长".repeat(SYNONYM_TITLE_CHARS));
        assert!(synonym_keys(&long, &groups).is_empty());
        assert!(synonym_keys("项目收尾", &groups).is_empty());
        // At most SYNONYM_TITLES wordings.
        let many = vec![
            group(&["a1", "a2", "a3", "a4", "a5"]),
            group(&["b1", "b2", "b3", "b4"]),
        ];
        assert_eq!(synonym_keys("a1 b1", &many).len(), SYNONYM_TITLES);
    }
}
