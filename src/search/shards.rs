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

/// Enough shards that each holds a modest slice of the vocabulary.
pub fn shard_count(docs: usize) -> u32 {
    ((docs / 16).max(16).next_power_of_two() as u32).min(4096)
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
    pub fn new<'a>(words: impl Iterator<Item = (&'a str, usize)> + Clone, limit: usize) -> Groups {
        let mut groups = Groups::default();
        loop {
            let mut sizes: HashMap<&str, (usize, bool)> = HashMap::new();
            for (word, bytes) in words.clone() {
                let key = groups.key(word);
                let e = sizes.entry(key).or_default();
                e.0 += bytes;
                // Splitting helps only when some word is longer than the key.
                e.1 |= key.len() < word.len();
            }
            let mut grown = false;
            for (key, (size, longer)) in sizes {
                if size > limit && longer {
                    groups.split.insert(key.to_string(), BTreeSet::new());
                    grown = true;
                }
            }
            if !grown {
                break;
            }
        }
        for (word, _) in words {
            let key = groups.key(word);
            let n = key.chars().count();
            if n > 2 {
                let parent = prefix(key, n - 1);
                if let Some(children) = groups.split.get_mut(parent) {
                    children.insert(key.to_string());
                }
            }
        }
        // A split group's children that are split again are listed too.
        let nested: Vec<(String, String)> = groups
            .split
            .keys()
            .filter_map(|k| {
                let n = k.chars().count();
                (n > 2).then(|| (prefix(k, n - 1).to_string(), k.clone()))
            })
            .collect();
        for (parent, child) in nested {
            if let Some(children) = groups.split.get_mut(&parent) {
                children.insert(child);
            }
        }
        groups
    }

    /// The group of `word`: its first two characters, one more for each split level.
    pub fn key<'w>(&self, word: &'w str) -> &'w str {
        let mut n = 2;
        let mut key = prefix(word, n);
        while key.len() < word.len() && self.split.contains_key(key) {
            n += 1;
            key = prefix(word, n);
        }
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a(b"foobar"), 0xbf9c_f968);
        assert_eq!(shard_count(80), 16);
        assert_eq!(shard_count(10_300), 1024);
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
