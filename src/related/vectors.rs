//! Sparse weighted vectors of tags and text, and an inverted index that finds each
//! vector's likely neighbours without comparing every pair (30k lessons make 450 million
//! pairs; an inverted index over the rarer terms visits a few hundred per lesson).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use crate::search::tokenize::{scan, Token};

/// A term: a CJK character pair, a word or a tag, folded into one number. The top two
/// bits say which, so a tag never meets a word of the same spelling.
pub type Key = u64;

const BIGRAM: Key = 1 << 62;
const WORD: Key = 2 << 62;
const TAG: Key = 3 << 62;
const LOW: Key = (1 << 62) - 1;

/// Keys are hashes or packed characters already: one multiplication mixes them, where
/// the standard hasher spent a good part of the stage.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, k: u64) {
        self.0 = (self.0 ^ k).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

/// A map by [`Key`].
pub type KeyMap<V> = HashMap<Key, V, BuildHasherDefault<KeyHasher>>;

/// Bytes of a page's text that count: the first screens of a lesson (background, what
/// happened) say what it is about; the rest costs time and adds little.
pub const TEXT_BYTES: usize = 3_000;

/// English words too common to say what a text is about. Rarity alone would not drop
/// them: in a mostly Chinese register the few English lessons all hold them.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "was", "were", "are", "with", "that", "this", "from", "but", "not", "had",
    "has", "have", "been", "its", "their", "they", "them", "than", "then", "into", "our", "out",
    "who", "which", "when", "what", "all", "any", "one", "two", "each", "only", "after", "before",
    "about", "over", "more", "most", "also", "can", "could", "would", "should", "will", "did",
    "does", "because", "until", "while", "per",
];

/// Terms counted in one text: `(key, count)`, sorted by key.
pub type Bag = Vec<(Key, u32)>;

/// The terms of texts (the first [`TEXT_BYTES`] of each), each counted `times` times
/// per occurrence (a title says more per word than a body): CJK character pairs and
/// words of other scripts as the search tokenizer reads them. Single characters and
/// numbers are left out: they say little about what a text is about.
pub fn text_bag(parts: &[(&str, u32)]) -> Bag {
    let mut seen: Vec<(Key, u32)> = Vec::new();
    for &(part, times) in parts {
        let part = cut(part, TEXT_BYTES);
        scan(part, |token| match token {
            Token::Cjk {
                prev: Some(p), c, ..
            } => seen.push((BIGRAM | (u64::from(p) << 21) | u64::from(c), times)),
            Token::Word { stem, .. }
                if stem.len() > 2
                    && !stem.bytes().all(|b| b.is_ascii_digit())
                    && !STOP_WORDS.contains(&stem) =>
            {
                seen.push((WORD | (fnv(stem) & LOW), times));
            }
            _ => {}
        });
    }
    counted(seen)
}

/// The tags as terms, compared without case (`CRM` is `crm`).
pub fn tag_bag<'a>(tags: impl IntoIterator<Item = &'a String>) -> Bag {
    let mut bag: Bag = tags.into_iter().map(|t| (tag_key(t), 1)).collect();
    bag.sort_unstable();
    bag.dedup_by_key(|&mut (k, _)| k);
    bag
}

pub fn tag_key(tag: &str) -> Key {
    TAG | (fnv(&tag.trim().to_lowercase()) & LOW)
}

/// The counts of several bags added up (a project's bag is its own and its lessons').
pub fn sum<'a>(bags: impl IntoIterator<Item = &'a Bag>) -> Bag {
    counted(bags.into_iter().flatten().copied().collect())
}

/// `(key, count)` pairs in any order, with repeated keys, as a bag.
pub fn counted(mut seen: Vec<(Key, u32)>) -> Bag {
    seen.sort_unstable_by_key(|&(k, _)| k);
    let mut bag: Bag = Vec::with_capacity(seen.len() / 2);
    for (k, n) in seen {
        match bag.last_mut() {
            Some((last, count)) if *last == k => *count += n,
            _ => bag.push((k, n)),
        }
    }
    bag.shrink_to_fit();
    bag
}

/// The longest start of `text` of at most `max` bytes that ends on a character boundary.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// FNV-1a: a fixed hash, so keys (and every tie they break) are the same run to run.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The text bags of many documents, held small: each term is numbered once (in the
/// order first met) and a bag is its terms' numbers and counts as variable-length
/// integers, in the bag's key order, some 4 bytes a term instead of 16. At 100,000 pages
/// the 50,000 lessons' bags took 360 MiB as `(Key, u32)` pairs, the related stage's peak.
/// Counting each term's documents as it is numbered gives the rarity at no extra pass.
pub struct TextBags {
    /// Each number's key.
    keys: Vec<Key>,
    /// Each number's documents.
    df: Vec<u32>,
    bags: Vec<Box<[u8]>>,
}

/// Documents whose bags are made together before being numbered: their plain bags are
/// the only ones held at once (two such groups: one made while the other is numbered).
const BAG_BATCH: usize = 1024;

impl TextBags {
    /// The bags of documents `0..count`, `bag_of(n)` making document `n`'s. Bags are
    /// made in parallel, a batch at a time, and numbered in document order beside the
    /// next batch's making, so the numbers are the same every build.
    pub fn new(count: usize, bag_of: impl Fn(usize) -> Bag + Sync) -> TextBags {
        let mut ids: KeyMap<u32> = KeyMap::default();
        let mut packed = TextBags {
            keys: Vec::new(),
            df: Vec::new(),
            bags: Vec::with_capacity(count),
        };
        let batches: Vec<std::ops::Range<usize>> = (0..count)
            .step_by(BAG_BATCH)
            .map(|start| start..(start + BAG_BATCH).min(count))
            .collect();
        let mut previous: Vec<Bag> = Vec::new();
        for b in 0..=batches.len() {
            let (made, ()) = rayon::join(
                || {
                    batches
                        .get(b)
                        .map(|range| range.clone().into_par_iter().map(&bag_of).collect())
                        .unwrap_or_default()
                },
                || {
                    for bag in previous.drain(..) {
                        packed.push(&mut ids, &bag);
                    }
                },
            );
            previous = made;
        }
        packed
    }

    /// Numbers the terms of `bag` and appends it.
    fn push(&mut self, ids: &mut KeyMap<u32>, bag: &Bag) {
        let mut bytes = Vec::with_capacity(bag.len() * 4);
        for &(key, count) in bag {
            let id = *ids.entry(key).or_insert_with(|| {
                self.keys.push(key);
                self.df.push(0);
                // Fewer terms than documents times TEXT_BYTES: far below u32::MAX.
                (self.keys.len() - 1) as u32
            });
            self.df[id as usize] += 1;
            push_varint(&mut bytes, id);
            push_varint(&mut bytes, count);
        }
        self.bags.push(bytes.into_boxed_slice());
    }

    pub fn len(&self) -> usize {
        self.bags.len()
    }

    /// Document `n`'s bag, `(key, count)` sorted by key, as [`text_bag`] made it.
    pub fn bag(&self, n: usize) -> impl Iterator<Item = (Key, u32)> + '_ {
        let mut bytes: &[u8] = &self.bags[n];
        std::iter::from_fn(move || {
            let id = take_varint(&mut bytes)?;
            let count = take_varint(&mut bytes)?;
            Some((self.keys[id as usize], count))
        })
    }

    /// The rarity of text terms over these documents, as [`Rarity::text`] of their bags.
    fn rarity(&self) -> Rarity {
        Rarity {
            df: self
                .keys
                .iter()
                .copied()
                .zip(self.df.iter().copied())
                .collect(),
            n: self.bags.len() as f32,
            plus: 0.0,
        }
    }
}

/// Appends `n` as a little-endian base-128 integer (7 bits a byte, the high bit set on
/// all but the last).
fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads one integer [`push_varint`] wrote off the front of `bytes`.
fn take_varint(bytes: &mut &[u8]) -> Option<u32> {
    let mut n = 0u32;
    let mut shift = 0;
    loop {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        n |= u32::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(n);
        }
        shift += 7;
    }
}

/// A vector of unit length, sorted by key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sparse(pub Vec<(Key, f32)>);

impl Sparse {
    /// The cosine of two unit vectors.
    pub fn dot(&self, other: &Sparse) -> f32 {
        self.shared(other).map(|(_, w)| w).sum()
    }

    /// The keys both hold, with the product of their weights: what made two vectors
    /// similar.
    pub fn shared<'a>(&'a self, other: &'a Sparse) -> impl Iterator<Item = (Key, f32)> + 'a {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j) = (0, 0);
        std::iter::from_fn(move || {
            while i < a.len() && j < b.len() {
                match a[i].0.cmp(&b[j].0) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        let found = (a[i].0, a[i].1 * b[j].1);
                        i += 1;
                        j += 1;
                        return Some(found);
                    }
                }
            }
            None
        })
    }

    /// `self` scaled by `a` beside `other` scaled by `b` (their keys never overlap: tags
    /// and text), so one dot product weighs tags and text at once.
    pub fn joined(&self, a: f32, other: &Sparse, b: f32) -> Sparse {
        let mut v: Vec<(Key, f32)> = self
            .0
            .iter()
            .map(|&(k, w)| (k, w * a))
            .chain(other.0.iter().map(|&(k, w)| (k, w * b)))
            .collect();
        v.sort_unstable_by_key(|&(k, _)| k);
        Sparse(v)
    }
}

/// How rare each term is among a set of documents: a term every document has tells
/// nothing, one that two share says much.
pub struct Rarity {
    df: KeyMap<u32>,
    n: f32,
    /// Added to n / df before the logarithm: 1 lets a term in every document still
    /// count a little (see [`Rarity::tags`]).
    plus: f32,
}

impl Rarity {
    /// Rarity of text terms: a word in every lesson (a heading of the template all use)
    /// counts for nothing.
    fn text<'a>(bags: impl IntoIterator<Item = &'a Bag>) -> Rarity {
        Rarity::new(bags, 0.0)
    }

    /// Rarity of tags, ln(1 + n / df): a tag is chosen, not boilerplate, so one held by
    /// every lesson still relates them (on a small site, two lessons share every tag
    /// they share with anyone).
    fn tags<'a>(bags: impl IntoIterator<Item = &'a Bag>) -> Rarity {
        Rarity::new(bags, 1.0)
    }

    fn new<'a>(bags: impl IntoIterator<Item = &'a Bag>, plus: f32) -> Rarity {
        let mut df: KeyMap<u32> = KeyMap::default();
        let mut n = 0usize;
        for bag in bags {
            n += 1;
            for &(k, _) in bag {
                *df.entry(k).or_default() += 1;
            }
        }
        Rarity {
            df,
            n: n as f32,
            plus,
        }
    }

    /// ln(n / df) for text, 0 for a term in every document; ln(1 + n / df) for tags.
    pub fn weight(&self, key: Key) -> f32 {
        self.of_df(self.df.get(&key).copied().unwrap_or(1).max(1))
    }

    fn of_df(&self, df: u32) -> f32 {
        (self.plus + self.n / df as f32).ln().max(0.0)
    }

    /// The bag as a unit vector of (1 + ln tf) × rarity, keeping its `keep` heaviest
    /// terms (ties by key): the terms that say what the text is about. A text term held
    /// by this document alone is left out (a name, a figure, a typo: the rarest terms,
    /// which would fill the kept ones and match nothing); a tag of its own stays, as
    /// sharing one tag of two says more than sharing one of five.
    pub fn vector(&self, bag: impl IntoIterator<Item = (Key, u32)>, keep: usize) -> Sparse {
        let mut v: Vec<(Key, f32)> = bag
            .into_iter()
            .filter_map(|(k, tf)| {
                let df = self.df.get(&k).copied().unwrap_or(1).max(1);
                if df == 1 && self.plus == 0.0 {
                    return None;
                }
                let w = (1.0 + (tf as f32).ln()) * self.of_df(df);
                (w > 0.0).then_some((k, w))
            })
            .collect();
        if v.len() > keep {
            v.select_nth_unstable_by(keep, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(keep);
        }
        // Kept for the whole stage, one per lesson: the room for every term of the bag
        // would outweigh the kept ones many times.
        v.shrink_to_fit();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut v {
                *w /= norm;
            }
        }
        v.sort_unstable_by_key(|&(k, _)| k);
        Sparse(v)
    }
}

/// The tag and text vectors of a set of documents (lessons, or projects), with the
/// rarities they were weighed by and the index that finds each one's neighbours.
pub struct Vectors {
    pub text_rarity: Rarity,
    pub tag_rarity: Rarity,
    pub text: Vec<Sparse>,
    pub tags: Vec<Sparse>,
    /// Tags and text in one vector, weighed `w_tags` and `w_text`, for finding candidates.
    joined: Vec<Sparse>,
    index: Index,
}

impl Vectors {
    /// Each document's text keeps its `text_terms` heaviest terms.
    pub fn new(
        text_bags: &[Bag],
        tag_bags: &[Bag],
        text_terms: usize,
        weights: (f32, f32),
    ) -> Vectors {
        let text_rarity = Rarity::text(text_bags);
        let text: Vec<Sparse> = text_bags
            .par_iter()
            .map(|b| text_rarity.vector(b.iter().copied(), text_terms))
            .collect();
        Vectors::with_text(text_rarity, text, tag_bags, weights)
    }

    /// [`Vectors::new`] of bags held packed.
    pub fn of_packed(
        text_bags: &TextBags,
        tag_bags: &[Bag],
        text_terms: usize,
        weights: (f32, f32),
    ) -> Vectors {
        let text_rarity = text_bags.rarity();
        let text: Vec<Sparse> = (0..text_bags.len())
            .into_par_iter()
            .map(|n| text_rarity.vector(text_bags.bag(n), text_terms))
            .collect();
        Vectors::with_text(text_rarity, text, tag_bags, weights)
    }

    fn with_text(
        text_rarity: Rarity,
        text: Vec<Sparse>,
        tag_bags: &[Bag],
        (w_tags, w_text): (f32, f32),
    ) -> Vectors {
        let tag_rarity = Rarity::tags(tag_bags);
        let tags: Vec<Sparse> = tag_bags
            .iter()
            .map(|b| tag_rarity.vector(b.iter().copied(), usize::MAX))
            .collect();
        let joined: Vec<Sparse> = tags
            .iter()
            .zip(&text)
            .map(|(t, x)| t.joined(w_tags.sqrt(), x, w_text.sqrt()))
            .collect();
        let index = Index::new(&joined, max_df(joined.len()));
        Vectors {
            text_rarity,
            tag_rarity,
            text,
            tags,
            joined,
            index,
        }
    }

    /// Up to `limit` likely neighbours of document `d` (by the rarer terms they share),
    /// best first, without those `skip` refuses.
    pub fn nearest(
        &self,
        d: usize,
        limit: usize,
        scratch: &mut Scratch,
        skip: impl Fn(u32) -> bool,
    ) -> Vec<u32> {
        self.index.nearest(&self.joined[d], limit, scratch, skip)
    }
}

/// Terms held by more documents than this are not followed to find candidates (they
/// still count in the exact score): a few hundred documents per term keeps the work per
/// document bounded however large the register grows.
fn max_df(docs: usize) -> usize {
    ((docs as f64).sqrt() as usize * 2).max(64)
}

/// Terms of a document followed to find its candidates: its heaviest, which its best
/// matches share.
const QUERY_TERMS: usize = 24;

/// Documents by term, for the terms held by at most `max_df` documents: a term in
/// thousands of documents would make every one a candidate of every other (and weighs
/// little: its rarity is low). Candidates are scored exactly afterwards.
struct Index {
    postings: KeyMap<Vec<(u32, f32)>>,
    docs: usize,
}

impl Index {
    fn new(vectors: &[Sparse], max_df: usize) -> Index {
        let mut postings: KeyMap<Vec<(u32, f32)>> = KeyMap::default();
        for (d, v) in vectors.iter().enumerate() {
            for &(k, w) in &v.0 {
                postings.entry(k).or_default().push((d as u32, w));
            }
        }
        postings.retain(|_, list| list.len() >= 2 && list.len() <= max_df);
        Index {
            postings,
            docs: vectors.len(),
        }
    }

    /// The `limit` documents with the highest partial dot product with `query` (over the
    /// indexed terms), best first, ties by document number; documents `skip` refuses
    /// are passed over.
    fn nearest(
        &self,
        query: &Sparse,
        limit: usize,
        scratch: &mut Scratch,
        skip: impl Fn(u32) -> bool,
    ) -> Vec<u32> {
        scratch.prepare(self.docs);
        let mut terms: Vec<(Key, f32)> = query
            .0
            .iter()
            .filter(|(k, _)| self.postings.contains_key(k))
            .copied()
            .collect();
        if terms.len() > QUERY_TERMS {
            terms.select_nth_unstable_by(QUERY_TERMS, |a, b| {
                b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
            });
            terms.truncate(QUERY_TERMS);
            terms.sort_unstable_by_key(|&(k, _)| k);
        }
        for &(k, w) in &terms {
            if let Some(list) = self.postings.get(&k) {
                for &(d, dw) in list {
                    let slot = &mut scratch.scores[d as usize];
                    if *slot == 0.0 {
                        scratch.touched.push(d);
                    }
                    *slot += w * dw;
                }
            }
        }
        let mut found: Vec<(u32, f32)> = scratch
            .touched
            .iter()
            .filter(|&&d| !skip(d))
            .map(|&d| (d, scratch.scores[d as usize]))
            .collect();
        for &d in &scratch.touched {
            scratch.scores[d as usize] = 0.0;
        }
        scratch.touched.clear();
        let by_score = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if found.len() > limit {
            found.select_nth_unstable_by(limit, by_score);
            found.truncate(limit);
        }
        found.sort_unstable_by(by_score);
        found.into_iter().map(|(d, _)| d).collect()
    }
}

/// One thread's running sums, reused query after query.
#[derive(Default)]
pub struct Scratch {
    scores: Vec<f32>,
    touched: Vec<u32>,
}

impl Scratch {
    fn prepare(&mut self, docs: usize) {
        if self.scores.len() < docs {
            self.scores.resize(docs, 0.0);
        }
    }
}

#[cfg(test)]
mod tests;
