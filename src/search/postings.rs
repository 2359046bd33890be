//! Postings: which documents hold each term, and how much the term weighs in each.
//!
//! Each document is tokenized once into a small map of its distinct terms
//! ([`DocTerms`]); CJK terms are keyed by their code points packed into a `u64` and words
//! by a hash, so no string is allocated per occurrence. The documents' terms are then
//! appended, already encoded (docs/search-format.md), to per-term buffers ([`Postings`])
//! split into partitions that fill in parallel.

use crate::search::encode;
use crate::search::places::{place, Places};
use crate::search::reach::{self, Layout, Seen};
use crate::search::tokenize::{scan, Token};

mod keys;

pub(crate) use keys::{bigram_key, BIGRAM};
pub use keys::{fnv64, FastMap, Identity};

/// A CJK term of one document while it is tokenized.
#[derive(Clone, Copy, Default)]
struct Count {
    fields: u8,
    /// The places of a bigram's occurrences (0 for unigrams).
    places: Places,
    tf: u32,
    /// Where in the excerpt blocks it occurs (see [`reach`]).
    seen: Seen,
}

/// A word of one document while it is tokenized.
#[derive(Clone, Copy)]
struct Acc {
    fields: u8,
    /// For a pair of a word and a CJK character: the places of the character.
    places: Places,
    tf: u32,
    /// Where in the excerpt blocks it occurs (see [`reach`]).
    seen: Seen,
    /// For words: the term's bytes in [`DocTerms::text`].
    start: u32,
    len: u32,
    /// For words: the hash the vocabulary keys it by (see [`pair_hash`]).
    hash: u64,
}

/// The hash of the pair term `"first second"`, from the words' own hashes: pairs are a
/// fifth of all postings, and hashing their joined text again cost a tenth of the
/// tokenizing. Any function of the text does, as every user of the hash compares the
/// words themselves on a match.
fn pair_hash(first: u64, second: u64) -> u64 {
    (first.rotate_left(23) ^ second).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A term of one document: CJK terms by packed code points, words (and word pairs,
/// `"vendor delay"`) by their bytes in [`DocIndex::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    Cjk(u64),
    /// `hash` is [`fnv64`] of the word, computed once for its partition and reused as
    /// the key of the vocabulary's map.
    Word {
        start: u32,
        len: u32,
        hash: u64,
    },
}

/// A term as the vocabulary knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermRef<'a> {
    Cjk(u64),
    Word(&'a str, u64),
}

/// One document's terms, ready to merge: each with its impact, grouped by vocabulary
/// partition.
#[derive(Debug, Default)]
pub struct DocIndex {
    pub text: String,
    /// Each term with its impact and reach code (see [`reach::with_reach`]) and its
    /// places (see [`place`]; 0 for terms without: unigrams, words, pairs of words).
    pub terms: Vec<(u8, Places, Term)>,
    /// Where each partition's terms start in `terms` (one more entry than partitions),
    /// so the merge slices them out without searching.
    starts: Vec<u32>,
}

impl DocIndex {
    pub fn term(&self, term: Term) -> TermRef<'_> {
        match term {
            Term::Cjk(k) => TermRef::Cjk(k),
            Term::Word { start, len, hash } => {
                TermRef::Word(&self.text[start as usize..(start + len) as usize], hash)
            }
        }
    }

    /// The terms of partition `p`.
    pub fn partition(&self, p: usize) -> &[(u8, Places, Term)] {
        match (self.starts.get(p), self.starts.get(p + 1)) {
            (Some(&a), Some(&b)) => &self.terms[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// The distinct terms of one document with their fields and frequencies.
#[derive(Default)]
pub struct DocTerms {
    /// CJK terms by packed code points: small entries, as they take most of the
    /// counting.
    cjk: FastMap<u64, Count>,
    /// Words and pairs by their hash (see [`upsert`]).
    words: FastMap<u64, Acc>,
    /// The words' text, each distinct word once.
    text: String,
    /// The previous word's stem and its hash, for word pairs.
    previous: String,
    previous_hash: u64,
    has_previous: bool,
    /// The previous word as written (lowercased) and where it ends in the field, for a
    /// compound joined by a hyphen (see [`DocTerms::joined`]).
    previous_raw: String,
    previous_end: usize,
    /// The last CJK character read and its position, while no word followed it: for the
    /// pair of a CJK run and the word after it.
    last_cjk: Option<(char, u32)>,
    /// The position of the next CJK character: characters read so far in the document,
    /// plus one for each run begun, so that runs apart never read as one.
    at: u32,
    /// A CJK character that started a run, and where it stands; when no second character
    /// follows, it is a run of one and becomes a unigram of its own.
    lone: Option<(char, Seen)>,
    /// [`DocTerms::finish`]'s list of bigrams, kept for the next document.
    bigrams: Vec<(u64, Count)>,
    /// Where the body field stands in the excerpt blocks (see [`DocTerms::blocks`]).
    layout: Layout,
    /// The field being read.
    field: usize,
}

/// What unigrams and pairs write of where they stand: block 0, i.e. nothing. The client
/// reads a query's excerpt and exact text from its bigrams and words; a pair's or a
/// character's code would only repeat theirs, and unigrams and pairs are half the
/// postings a first query loads (at 10k, writing their codes made a results page up to
/// ≈ 0.4 KB larger).
const PAIR: Seen = 1;

/// The body's field bit: what a straddling bigram in a title or heading counts as.
const BODY_BIT: u8 = 1 << 3;

impl DocTerms {
    /// Tells where the excerpt blocks lie in the body field to come, so that each term's
    /// posting says the first block holding it (see [`reach`]). Without it, every term
    /// counts as in block 0.
    pub fn blocks(&mut self, layout: Layout) {
        self.layout = layout;
    }

    /// What an occurrence at byte `at` of the field being read tells of the blocks.
    #[inline]
    fn seen(&self, at: usize) -> Seen {
        match self.field {
            0 => reach::SHOWN,
            3 => self.layout.body(at),
            _ => 0,
        }
    }

    /// Adds the terms of one field (0 title, 1 headings, 2 metadata, 3 body, 4 address). `words`
    /// are the byte offsets where the field's words start (see [`Segmenter::starts`];
    /// empty for fields not segmented): a bigram straddling two words counts as body
    /// text, as a field's weight is for what it says, not for characters that happen to
    /// meet.
    ///
    /// [`Segmenter::starts`]: crate::search::words::Segmenter::starts
    pub fn add_field(&mut self, field: usize, text: &str, words: &[u32]) {
        let bit = 1u8 << field;
        self.field = field;
        self.has_previous = false;
        self.last_cjk = None;
        scan(text, |token| match token {
            Token::Cjk { prev, c, at } => {
                if prev.is_none() {
                    self.at = self.at.wrapping_add(1);
                }
                let here = self.at;
                self.at = self.at.wrapping_add(1);
                let seen = self.seen(at);
                match prev {
                    None => {
                        self.flush_lone(bit);
                        self.lone = Some((c, seen));
                        if self.has_previous {
                            // A word then a CJK run (`ERP 上线`): the pair `erp 上`.
                            let previous = std::mem::take(&mut self.previous);
                            let first = c.encode_utf8(&mut [0; 4]).to_string();
                            let hash = pair_hash(self.previous_hash, fnv64(first.as_bytes()));
                            self.word(&previous, Some(&first), hash, bit, place(here), PAIR);
                            self.previous = previous;
                        }
                    }
                    Some(p) => {
                        self.lone = None;
                        let key = bigram_key(p, c);
                        let straddles = words.binary_search(&(at as u32)).is_ok();
                        let field = if straddles { BODY_BIT } else { bit };
                        self.bump(key, field, place(here.wrapping_sub(1)), seen);
                    }
                }
                self.has_previous = false;
                self.last_cjk = Some((c, here));
            }
            Token::Code { text, at, .. } => {
                let seen = self.seen(at);
                self.word(text, None, fnv64(text.as_bytes()), bit, 0, seen);
            }
            Token::Word { stem, raw, at } => {
                self.flush_lone(bit);
                let seen = self.seen(at);
                let hash = fnv64(stem.as_bytes());
                self.word(stem, None, hash, bit, 0, seen);
                if raw != stem {
                    self.word(raw, None, fnv64(raw.as_bytes()), bit, 0, seen);
                }
                if self.has_previous && text.get(self.previous_end..at) == Some("-") {
                    self.joined(raw, bit, seen);
                }
                self.previous_raw.clear();
                self.previous_raw.push_str(raw);
                self.previous_end = at + raw.len();
                if self.has_previous {
                    let previous = std::mem::take(&mut self.previous);
                    self.word(
                        &previous,
                        Some(stem),
                        pair_hash(self.previous_hash, hash),
                        bit,
                        0,
                        PAIR,
                    );
                    self.previous = previous;
                } else if let Some((c, at)) = self.last_cjk.take() {
                    // A CJK run then a word (`一期 MES`): the pair `期 mes`.
                    let last = c.encode_utf8(&mut [0; 4]).to_string();
                    let pair = pair_hash(fnv64(last.as_bytes()), hash);
                    self.word(&last, Some(stem), pair, bit, place(at), PAIR);
                }
                self.previous.clear();
                self.previous.push_str(stem);
                self.previous_hash = hash;
                self.has_previous = true;
            }
        });
        self.flush_lone(bit);
    }

    /// A compound written with a hyphen (`go-live`, `sign-offs`) is also the word written
    /// without it (golive, signoff): a reader types either, and `golive`, `signoff` and
    /// `cutover` found nothing on pages writing go-live, sign-off and cut-over. Only
    /// letters: `ll-2024` is a code's part, not a word.
    fn joined(&mut self, raw: &str, bit: u8, seen: Seen) {
        let letters = |w: &str| w.chars().all(char::is_alphabetic);
        if !letters(&self.previous_raw) || !letters(raw) {
            return;
        }
        let whole = format!("{}{raw}", self.previous_raw);
        let mut stem = String::new();
        crate::search::tokenize::stem_into(&whole, &mut stem);
        self.word(&stem, None, fnv64(stem.as_bytes()), bit, 0, seen);
        if stem != whole {
            self.word(&whole, None, fnv64(whole.as_bytes()), bit, 0, seen);
        }
    }

    fn flush_lone(&mut self, bit: u8) {
        if let Some((c, seen)) = self.lone.take() {
            self.bump(u64::from(u32::from(c)), bit, 0, seen);
        }
    }

    fn bump(&mut self, key: u64, bit: u8, places: Places, seen: Seen) {
        let count = self.cjk.entry(key).or_default();
        count.fields |= bit;
        count.places |= places;
        count.tf += 1;
        count.seen |= seen;
    }

    /// Counts a word — or, with `second`, the pair `"first second"` — keyed by its hash
    /// (see [`upsert`]).
    fn word(
        &mut self,
        first: &str,
        second: Option<&str>,
        hash: u64,
        bit: u8,
        places: Places,
        seen: Seen,
    ) {
        let text = &self.text;
        let (start, len) = (text.len(), first.len() + second.map_or(0, |s| s.len() + 1));
        let added = upsert(
            &mut self.words,
            hash,
            |acc| {
                same_term(
                    &text[acc.start as usize..(acc.start + acc.len) as usize],
                    first,
                    second,
                )
            },
            |acc| {
                acc.fields |= bit;
                acc.places |= places;
                acc.tf += 1;
                acc.seen |= seen;
            },
            || Acc {
                fields: bit,
                places,
                tf: 1,
                seen,
                start: start as u32,
                len: len as u32,
                hash,
            },
        );
        if added {
            self.text.push_str(first);
            if let Some(second) = second {
                self.text.push(' ');
                self.text.push_str(second);
            }
        }
    }

    /// Every term with its impact (see [`encode::impact`]), grouped by partition (of
    /// `partitions`, a power of two), leaving `self` empty for the next document. A CJK
    /// character that only occurs inside longer runs is a unigram too: it takes the fields
    /// and the summed frequency of the bigrams it starts or ends, so unigrams cost no work
    /// per character.
    pub fn finish(&mut self, lengths: encode::Lengths, partitions: usize) -> DocIndex {
        debug_assert!(partitions.is_power_of_two());
        let mask = partitions as u64 - 1;
        let mut bigrams = std::mem::take(&mut self.bigrams);
        bigrams.extend(
            self.cjk
                .iter()
                .filter(|(k, _)| *k & BIGRAM != 0)
                .map(|(k, c)| (*k, *c)),
        );
        for (key, count) in bigrams.drain(..) {
            for c in [(key >> 21) & 0x1f_ffff, key & 0x1f_ffff] {
                let u = self.cjk.entry(c).or_default();
                u.fields |= count.fields;
                u.tf += count.tf;
                u.seen |= count.seen;
            }
        }
        self.bigrams = bigrams;
        let cjk_part = |key: u64| cjk_partition(key, mask);
        let word_part = |acc: &Acc| (acc.hash & mask) as usize;
        // A counting sort straight into place: hundreds of terms into a few dozen
        // partitions, with no list of them in between.
        let mut starts = vec![0u32; partitions + 1];
        for key in self.cjk.keys() {
            starts[cjk_part(*key) + 1] += 1;
        }
        for acc in self.words.values() {
            starts[word_part(acc) + 1] += 1;
        }
        for p in 0..partitions {
            starts[p + 1] += starts[p];
        }
        let mut next = starts.clone();
        let mut sorted = vec![(0u8, 0, Term::Cjk(0)); self.cjk.len() + self.words.len()];
        let mut put = |p: usize, entry: (u8, Places, Term)| {
            let at = &mut next[p];
            sorted[*at as usize] = entry;
            *at += 1;
        };
        // Most terms occur once or twice in one field: their impacts repeat.
        let mut memo = [[0u8; 4]; 32];
        let mut impact = |tf: u32, fields: u8| {
            let slot = memo
                .get_mut(usize::from(fields))
                .and_then(|m| m.get_mut(tf as usize));
            match slot {
                Some(m) if *m != 0 => *m,
                Some(m) => {
                    *m = encode::impact(tf, fields, lengths) as u8;
                    *m
                }
                None => encode::impact(tf, fields, lengths) as u8,
            }
        };
        let layout = std::mem::take(&mut self.layout);
        for (key, c) in self.cjk.drain() {
            // Unigrams say nothing of where they stand (see `PAIR`).
            let seen = if key & BIGRAM != 0 { c.seen } else { PAIR };
            let written = reach::with_reach(impact(c.tf, c.fields), layout.code(seen));
            put(cjk_part(key), (written, c.places, Term::Cjk(key)));
        }
        for (_, acc) in self.words.drain() {
            let (start, len, hash) = (acc.start, acc.len, acc.hash);
            let written = reach::with_reach(impact(acc.tf, acc.fields), layout.code(acc.seen));
            put(
                word_part(&acc),
                (written, acc.places, Term::Word { start, len, hash }),
            );
        }
        let text = std::mem::take(&mut self.text);
        self.previous.clear();
        self.has_previous = false;
        self.last_cjk = None;
        self.lone = None;
        self.at = 0;
        DocIndex {
            text,
            terms: sorted,
            starts,
        }
    }
}

/// The partition of a CJK term: its key is packed code points, whose low bits cluster.
pub(crate) fn cjk_partition(key: u64, mask: u64) -> usize {
    ((key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) & mask) as usize
}

/// Whether `text` is the word `first`, or with `second` the pair `"first second"`.
fn same_term(text: &str, first: &str, second: Option<&str>) -> bool {
    match second {
        None => text == first,
        Some(second) => {
            text.len() == first.len() + 1 + second.len()
                && text.starts_with(first)
                && text.as_bytes()[first.len()] == b' '
                && text.ends_with(second)
        }
    }
}

/// The text of a CJK key: one or two characters.
pub fn cjk_text(key: u64) -> String {
    let mut out = String::new();
    if key & BIGRAM != 0 {
        out.extend(char::from_u32(((key >> 21) & 0x1f_ffff) as u32));
    }
    out.extend(char::from_u32((key & 0x1f_ffff) as u32));
    out
}

/// One term's encoded postings: document deltas and impacts.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct List {
    pub encoded: String,
    /// For bigrams and word–CJK pairs: the term's places in each document (see
    /// [`place`]), one digit a document (empty for other terms).
    pub places: String,
    /// Documents so far.
    pub df: u32,
    /// Documents whose impact carries a reach code (one character more each): a word
    /// group's size leaves them out, so the groups split where they did before reach.
    pub reached: u32,
    /// The last document appended.
    last: u32,
}

/// Makes room for `more` bytes at the end of `text`, growing it by a quarter rather than
/// doubling it. The lists grow a batch of documents at a time until the last is merged,
/// and doubling left a third of their room unused at that peak, the index stage's: at
/// 100,000 pages 96 MiB (`encoded` 156 MB used of 238, `places` 47 of 65). A quarter
/// leaves at most a fifth unused, for a few more copies of the growing lists.
fn room(text: &mut String, more: usize) {
    if text.capacity() - text.len() < more {
        text.reserve_exact(more.max(text.len() / 4).max(8));
    }
}

/// The most bytes one number takes written by [`encode::push`] (a `u32` in base 32).
const NUMBER_BYTES: usize = 7;

impl List {
    /// Appends document `doc` (greater than any before) with `impact`, which carries the
    /// term's reach code above its five bits (see [`reach::with_reach`]).
    pub fn append(&mut self, doc: u32, impact: u32) {
        let delta = if self.df == 0 { doc } else { doc - self.last };
        room(&mut self.encoded, NUMBER_BYTES + 1);
        encode::push(&mut self.encoded, delta);
        encode::push(&mut self.encoded, impact);
        self.reached += u32::from(impact > 31);
        self.last = doc;
        self.df += 1;
    }

    /// Appends document `doc` with `impact` and the term's places in it (none: 0).
    pub fn append_placed(&mut self, doc: u32, impact: u32, places: Places) {
        self.append(doc, impact);
        if places != 0 {
            room(&mut self.places, NUMBER_BYTES);
            encode::push(&mut self.places, u32::from(places));
        }
    }
}

/// The postings of one partition of the vocabulary.
#[derive(Default)]
pub struct Partition {
    pub cjk: FastMap<u64, List>,
    /// Words and pairs by their hash (see [`upsert`]).
    pub words: FastMap<u64, (Box<str>, List)>,
}

impl Partition {
    pub fn append(&mut self, doc: u32, term: TermRef<'_>, impact: u32, places: Places) {
        match term {
            TermRef::Cjk(k) => self
                .cjk
                .entry(k)
                .or_default()
                .append_placed(doc, impact, places),
            TermRef::Word(word, hash) => {
                upsert(
                    &mut self.words,
                    hash,
                    |(w, _)| **w == *word,
                    |(_, list)| list.append_placed(doc, impact, places),
                    || {
                        let mut list = List::default();
                        list.append_placed(doc, impact, places);
                        (Box::from(word), list)
                    },
                );
            }
        }
    }
}

/// Updates the term that `is_it` recognises in a map keyed by term hashes, or inserts it
/// (returning true). A term starts at its hash, and a different term already there
/// pushes it to the next key, so hash collisions never merge two terms.
fn upsert<V>(
    map: &mut FastMap<u64, V>,
    hash: u64,
    is_it: impl Fn(&V) -> bool,
    update: impl FnOnce(&mut V),
    new: impl FnOnce() -> V,
) -> bool {
    let mut key = hash;
    loop {
        match map.get_mut(&key) {
            Some(v) if is_it(v) => {
                update(v);
                return false;
            }
            Some(_) => key = key.wrapping_add(1),
            None => {
                map.insert(key, new());
                return true;
            }
        }
    }
}

#[cfg(test)]
mod tests;
