//! The site's Chinese words, for mending a query typed with one wrong character: an
//! input method offers homophones, and 经验交训, 变跟控制 or 成本朝支 found nothing, then
//! were cut to what was left (or to nothing, when that was half the query or less).
//!
//! The client cannot list the bigrams the index holds (they are filed by hash), so the
//! build writes the words a reader is likely to mean — those of titles (as the word
//! segmenter cuts them), tags, categories, the glossary, the site's `search_words` and
//! the synonyms' Chinese members — that some page holds, most held first, up to
//! [`MAX_WORDS`]. `search/vocab.js` is loaded only by a query with Chinese in it that
//! finds nothing, as `t2s.js` is.

use std::collections::HashSet;

use crate::markdown::is_cjk;
use crate::search::postings::Partition;
use crate::search::synonyms::pages_with_all;
use crate::site::{PageId, Site};

/// Words written at most: ≈ 10 KB gzip-compressed, loaded only by a query finding nothing.
pub const MAX_WORDS: usize = 2_000;

/// A word's length in characters, at least and at most: one character is no word to
/// mend to, and a longer title fragment is no word.
const CHARS: std::ops::RangeInclusive<usize> = 2..=8;

/// The words, separated by spaces, most held first (then in code point order).
/// `title_starts` are where the words of each document's title start (byte offsets,
/// as the segmenter cut them for the index).
pub fn vocabulary(
    site: &Site,
    docs: &[PageId],
    title_starts: &[&[u32]],
    synonyms: &[Vec<(String, u32)>],
    parts: &[Partition],
) -> String {
    let mut seen: HashSet<String> = HashSet::new();
    let mut add = |word: &str| {
        let word = word.trim();
        let n = word.chars().count();
        if CHARS.contains(&n) && word.chars().all(is_cjk) && !seen.contains(word) {
            seen.insert(word.to_string());
        }
    };
    for (&d, starts) in docs.iter().zip(title_starts) {
        let page = site.page(d);
        let title = page.title.as_str();
        let mut at = 0;
        for &end in starts.iter().chain(std::iter::once(&(title.len() as u32))) {
            let end = end as usize;
            if let Some(word) = title.get(at..end) {
                add(word);
            }
            at = end;
        }
        page.tags.iter().for_each(|t| add(t));
        if let Some(category) = &page.category {
            add(category);
        }
    }
    crate::search::glossary::GLOSSARY
        .iter()
        .for_each(|w| add(w));
    site.config.search_words.iter().for_each(|w| add(w));
    for group in synonyms {
        group.iter().for_each(|(w, _)| add(w));
    }
    let mut held: Vec<(u32, String)> = seen
        .into_iter()
        .map(|w| (pages_with_all(parts, &w), w))
        .filter(|(n, _)| *n > 0)
        .collect();
    held.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    held.truncate(MAX_WORDS);
    let words: Vec<String> = held.into_iter().map(|(_, w)| w).collect();
    words.join(" ")
}
