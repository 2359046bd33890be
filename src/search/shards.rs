//! Which file each term goes to (docs/search-format.md, "Shards").
//!
//! CJK terms and word pairs go to the shard of a hash of the whole term, so common
//! bigrams like 项目 spread over many files. Words must stay findable by prefix, so a
//! word goes to the shard of its first two characters (its *group*); a group that would
//! be too big for one file is split by one more character, recursively, and the split
//! groups are listed in `meta.split` so the client can follow.

use std::collections::{BTreeMap, BTreeSet, HashMap};

/// FNV-1a, 32 bits: the shard hash the client computes too.
pub fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Enough shards that each holds a modest slice of the vocabulary: a query loads a
/// shard for each of its terms, most of it other terms' postings. (One per 8 pages, 2,048
/// at 10k: a long title typed as a query loaded 15 shards, 26 KB gzip-compressed.)
pub fn shard_count(docs: usize) -> u32 {
    ((docs / 4).max(16).next_power_of_two() as u32).min(4096)
}

/// How many word files (`w/<i>.js`) the word groups (`bytes` in all, each up to `limit`)
/// are hashed into: a power of two (at least 16) at least twice their number, so that
/// most groups have their file to themselves — but not more files than one per eighth
/// of a group's limit of bytes. On a small site each two-character group is a few words,
/// and a file per group left 264 of the 80-page sample's 512 word files empty. (One per
/// half the limit halved the files at 10k, 1,024 to 512, and a long title typed as a
/// query then loaded 62 KB where the budget is 60; at 1,024 files for 664 groups, the
/// groups sharing a file with those of `北斗 规划阶段持续改进经验教训：steering committee`
/// were 3.5 KB of its 61.5 KB.)
pub fn word_file_count(groups: usize, bytes: usize, limit: usize) -> u32 {
    let by_groups = (groups.max(8) * 2).next_power_of_two();
    let by_bytes = bytes
        .div_ceil((limit / 8).max(1))
        .max(16)
        .next_power_of_two();
    (by_groups.min(by_bytes) as u32).min(1 << 16)
}

/// The shard of a hash key.
pub fn shard_of(key: &str, shards: u32) -> u32 {
    fnv1a(key.as_bytes()) % shards
}

/// The first `n` characters of `word` (all of it when shorter).
fn prefix(word: &str, n: usize) -> &str {
    word.char_indices().nth(n).map_or(word, |(i, _)| &word[..i])
}

/// Word groups: each word's group key, and the split groups with their sub-groups.
#[derive(Debug, Default)]
pub struct Groups {
    /// Split group → the keys one character longer that exist under it.
    pub split: BTreeMap<String, BTreeSet<String>>,
}

impl Groups {
    /// Groups `words` (each with the bytes it adds to a file) so that no group beyond a
    /// single word exceeds `limit` bytes.
    ///
    /// The work is linear in the words' total length: a group that is too big is split
    /// by walking its words once, in sorted order, where the words sharing a key are
    /// neighbours, and only its own words are looked at again one character deeper. (It
    /// used to weigh every word of the site again for each level, each time walking the
    /// word from its start: quadratic in the length of a shared prefix, and a word of
    /// 33 KB made 33,000 levels.) How deep groups go is bounded by the tokenizer, which
    /// cuts words at [`MAX_WORD_CHARS`] characters.
    ///
    /// [`MAX_WORD_CHARS`]: crate::search::tokenize::MAX_WORD_CHARS
    pub fn new<'a>(words: impl Iterator<Item = (&'a str, usize)> + Clone, limit: usize) -> Groups {
        let mut groups = Groups::default();
        // Most groups are small: weigh the two-character groups first, and sort only
        // the words of those that must split.
        let mut sizes: HashMap<&str, (usize, bool)> = HashMap::new();
        for (word, bytes) in words.clone() {
            let key = prefix(word, 2);
            let e = sizes.entry(key).or_default();
            e.0 += bytes;
            // Splitting helps only when some word is longer than the key.
            e.1 |= key.len() < word.len();
        }
        let mut big: Vec<(&str, usize)> = words
            .filter(|(word, _)| {
                sizes
                    .get(prefix(word, 2))
                    .is_some_and(|&(size, longer)| size > limit && longer)
            })
            .collect();
        big.sort_unstable();
        // Groups to split: the words of one group (a run of `big`) and its key's length
        // in bytes.
        let mut todo: Vec<(&[(&str, usize)], usize)> = runs(&big, |w| prefix(w, 2).len());
        while let Some((members, key_len)) = todo.pop() {
            let size: usize = members.iter().map(|(_, bytes)| bytes).sum();
            // Sorted: the word equal to the key, if any, comes first and stays.
            let longer = match members.first() {
                Some((word, _)) if word.len() == key_len => &members[1..],
                _ => members,
            };
            let Some((first, _)) = longer.first() else {
                continue;
            };
            if size <= limit {
                continue;
            }
            let children = groups
                .split
                .entry(first[..key_len].to_string())
                .or_default();
            for (child, child_len) in runs(longer, |w| key_len + next_char_len(w, key_len)) {
                if let Some((word, _)) = child.first() {
                    children.insert(word[..child_len].to_string());
                }
                todo.push((child, child_len));
            }
        }
        groups
    }

    /// `meta.split`: the split groups as a tree in one string (docs/search-format.md,
    /// "Word files"). Each split group with no split group above it (a two-character
    /// key) is written whole, followed by its children between `{` and `}`: the last
    /// character of each key one character longer under it, that character followed by
    /// its own children in braces when it is split too. No key holds a brace (words and
    /// codes are letters, digits and `-./_,%`). Written as an object of each split key
    /// and its children, the keys cost more than the children: 1.3 KB gzip-compressed
    /// at 10k, in meta.js, which every query loads, against 0.65 KB.
    pub fn tree(&self) -> String {
        let mut out = String::new();
        // Depth-first, without recursion: a long shared prefix splits once per
        // character (64 levels at most through the tokenizer, more in tests).
        let mut stack: Vec<std::collections::btree_set::Iter<'_, String>> = Vec::new();
        for (key, children) in &self.split {
            let above = key.char_indices().last().map_or("", |(i, _)| &key[..i]);
            if self.split.contains_key(above) {
                continue;
            }
            out.push_str(key);
            out.push('{');
            stack.push(children.iter());
            while let Some(top) = stack.last_mut() {
                let Some(child) = top.next() else {
                    out.push('}');
                    stack.pop();
                    continue;
                };
                out.extend(child.chars().last());
                if let Some(under) = self.split.get(child) {
                    out.push('{');
                    stack.push(under.iter());
                }
            }
        }
        out
    }

    /// The group of `word`: its first two characters, one more for each split level.
    pub fn key<'w>(&self, word: &'w str) -> &'w str {
        let mut end = prefix(word, 2).len();
        while end < word.len() && self.split.contains_key(&word[..end]) {
            end += next_char_len(word, end);
        }
        &word[..end]
    }
}

/// The length in bytes of the character of `word` that starts at byte `at` (0 at the
/// end).
fn next_char_len(word: &str, at: usize) -> usize {
    word.get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(0, char::len_utf8)
}

/// Splits sorted `words` into runs with the same key, where `key_len(word)` is the
/// length in bytes of the word's key (a prefix of it): as the words are sorted, words
/// with the same key are neighbours (a word shorter than the others' keys, `a` before
/// `ab`, is a run of its own). Returns each run with its key's length.
fn runs<'s, 'a>(
    words: &'s [(&'a str, usize)],
    key_len: impl Fn(&str) -> usize,
) -> Vec<(&'s [(&'a str, usize)], usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while let Some((word, _)) = words.get(start) {
        let len = key_len(word);
        let key = &word[..len];
        let end = start
            + words[start..]
                .iter()
                .take_while(|(w, _)| w.starts_with(key) && key_len(w) == len)
                .count();
        out.push((&words[start..end], len));
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tokenize::MAX_WORD_CHARS;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a(b"foobar"), 0xbf9c_f968);
        assert_eq!(shard_count(80), 32);
        assert_eq!(shard_count(10_300), 4096);
        assert_eq!(shard_count(100_000), 4096);
        assert_eq!(word_file_count(3, 100, 8192), 16);
        assert_eq!(word_file_count(516, 4_000_000, 8192), 2048);
        // Many small groups: a file per KB, not two per group.
        assert_eq!(word_file_count(300, 30_000, 8192), 32);
        assert_eq!(word_file_count(600, 200_000, 8192), 256);
        // The 10k corpus: 664 groups, 2.2 MB of words.
        assert_eq!(word_file_count(664, 2_200_000, 8192), 2048);
    }

    /// The grouping as it was first written: weigh every word again for each new level
    /// until no group grows. Quadratic, but plainly the rule of the format.
    fn reference(words: &[(&str, usize)], limit: usize) -> BTreeMap<String, BTreeSet<String>> {
        let mut g = Groups::default();
        loop {
            let mut sizes: HashMap<&str, (usize, bool)> = HashMap::new();
            for &(word, bytes) in words {
                let key = g.key(word);
                let e = sizes.entry(key).or_default();
                e.0 += bytes;
                e.1 |= key.len() < word.len();
            }
            let big: Vec<&str> = sizes
                .into_iter()
                .filter(|&(_, (size, longer))| size > limit && longer)
                .map(|(k, _)| k)
                .collect();
            if big.is_empty() {
                break;
            }
            for k in big {
                g.split.insert(k.to_string(), BTreeSet::new());
            }
        }
        let mut split = g.split.clone();
        for &(word, _) in words {
            let key = g.key(word);
            let n = key.chars().count();
            if n > 2 {
                if let Some(children) = split.get_mut(prefix(key, n - 1)) {
                    children.insert(key.to_string());
                }
            }
        }
        for k in g.split.keys() {
            let n = k.chars().count();
            if n > 2 {
                if let Some(children) = split.get_mut(prefix(k, n - 1)) {
                    children.insert(k.clone());
                }
            }
        }
        split
    }

    #[test]
    fn the_split_groups_are_written_as_a_tree_of_last_characters() {
        let mut g = Groups::default();
        let set = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect::<BTreeSet<_>>();
        g.split.insert("10".into(), set(&["10%", "10.", "100"]));
        g.split.insert("10.".into(), set(&["10.5", "10.7"]));
        g.split.insert("10.7".into(), set(&["10.75"]));
        g.split.insert("co".into(), set(&["con", "cos"]));
        g.split.insert("中文".into(), set(&["中文版"]));
        assert_eq!(g.tree(), "10{%.{57{5}}0}co{ns}中文{版}");
        assert_eq!(Groups::default().tree(), "");
    }

    #[test]
    fn splits_as_the_reference_rule_does() {
        // Words over a small alphabet (multibyte letters too), so prefixes are shared
        // deeply and groups split at several levels.
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        for round in 0..40 {
            let mut words: BTreeSet<String> = BTreeSet::new();
            for _ in 0..(20 + round * 10) {
                let len = 1 + next() % 9;
                words.insert(
                    (0..len)
                        .map(|_| ['a', 'b', 'é', '中'][next() % 4])
                        .collect(),
                );
            }
            let sized: Vec<(&str, usize)> = words
                .iter()
                .map(|w| (w.as_str(), 1 + next() % 40))
                .collect();
            let limit = 30 + next() % 200;
            let g = Groups::new(sized.iter().copied(), limit);
            assert_eq!(g.split, reference(&sized, limit), "round {round}");
        }
    }

    #[test]
    fn a_long_shared_prefix_splits_once_per_level() {
        // 40 words of 2,000 characters that part only at their end: one group level per
        // character of the prefix, each found by looking at the 40 words once (this
        // took minutes when every level weighed every word from its start).
        let prefix = "p".repeat(2_000);
        let words: Vec<String> = (0..40).map(|i| format!("{prefix}{i:02}")).collect();
        let g = Groups::new(words.iter().map(|w| (w.as_str(), w.len())), 32 * 1024);
        assert_eq!(g.key(&words[7]), format!("{prefix}0"));
        assert_eq!(g.split.len(), 2_000 - 1, "keys of 2 to 2,000 characters");
        assert_eq!(g.split[&prefix].len(), 4);
    }

    #[test]
    fn one_word_bigger_than_a_group_splits_down_to_itself() {
        // The format's rule; the tokenizer's cap on words keeps this chain short.
        let word = "a".repeat(MAX_WORD_CHARS);
        let g = Groups::new([(word.as_str(), 40 * 1024)].into_iter(), 32 * 1024);
        assert_eq!(g.split.len(), MAX_WORD_CHARS - 2);
        assert_eq!(g.key(&word), word);
    }

    #[test]
    fn big_groups_split_by_one_more_character() {
        let words = [
            ("cost", 60),
            ("control", 60),
            ("contract", 60),
            ("co", 5),
            ("vendor", 10),
        ];
        let g = Groups::new(words.iter().copied(), 100);
        assert_eq!(g.key("vendor"), "ve");
        assert_eq!(g.key("co"), "co");
        assert_eq!(g.key("cost"), "cos");
        // control and contract (120 bytes) split until they part.
        assert_eq!(g.key("control"), "contro");
        assert_eq!(g.key("contract"), "contra");
        assert_eq!(
            g.split.keys().collect::<Vec<_>>(),
            ["co", "con", "cont", "contr"]
        );
        assert!(g.split["co"].contains("con") && g.split["co"].contains("cos"));
        assert!(g.split["contr"].contains("contro") && g.split["con"].contains("cont"));
    }
}
