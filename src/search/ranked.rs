//! Ranked postings: how the lists of terms held by many pages are written, so that a first
//! query loads little (docs/search-format.md, "Ranked lists").
//!
//! A plain list spends a character on each page's impact, and the impacts are most of its
//! compressed size (a bigram in 8,000 of 10,000 pages: 5 KB gzip-compressed, 1.3 KB of it
//! the pages). Which pages hold a term must stay exact — matching, nearness and exact
//! text depend on it — but a term in hundreds of pages weighs little (its idf is small),
//! and only its best pages' impacts decide which of them come first. So a long list is
//! written as the pages that hold the term (gaps only), the [`TOP_DOCS`] best pages with
//! their impacts, and one impact that stands for all the others.
//!
//! Such lists of CJK terms and word pairs are also moved out of the hashed term shards
//! into files of their own (`p/<bucket>.js`): the shards hold many terms each, and a few
//! long lists in one made every query that touched any of its terms load them all. The
//! file is named by a hash of the term (its *bucket*), and `meta.ranked` lists the
//! buckets that have one, so the client asks for a term's ranked list in the same round
//! as its shard instead of one round after it (a stub in the shard said where it was).

use crate::search::encode;
use crate::search::postings::List;
use crate::search::shards::fnv1a;

/// Buckets per ranked term, at least: the share of other terms whose bucket holds a
/// ranked list (a file loaded for nothing) is at most 1/16, and the list of buckets in
/// meta.js stays near a character and a half per ranked term.
const SPREAD: usize = 16;

/// How many buckets the ranked lists of `terms` terms are hashed into: a power of two.
pub fn bucket_count(terms: usize) -> u32 {
    // 2^31 buckets would take 134 million terms: far beyond any site's vocabulary.
    (terms
        .saturating_mul(SPREAD)
        .clamp(64, 1 << 31)
        .next_power_of_two()) as u32
}

/// The bucket of a term's ranked list: FNV-1a of its UTF-8 bytes, as the client hashes it.
pub fn bucket_of(term: &str, buckets: u32) -> u32 {
    fnv1a(term.as_bytes()) % buckets
}

/// `meta.ranked.set`: the buckets (ascending, distinct) as differences from the previous
/// one, the first absolute, in the index's number encoding.
pub fn bucket_set(buckets: &[u32]) -> String {
    let mut out = String::with_capacity(buckets.len() * 2);
    let mut last = 0;
    for (i, &b) in buckets.iter().enumerate() {
        encode::push(&mut out, if i == 0 { b } else { b - last });
        last = b;
    }
    out
}

/// Pages above which a list is written ranked: the best this many keep their impacts.
pub const TOP_DOCS: usize = 256;

/// Pages at the head of a ranked list whose reach codes are written outside the top
/// block. Past the top block every page weighs the floor, so among pages of equal
/// weight the first in page order come first in results: they are the ones read. At
/// 10k, writing the codes of every page added a third to the lists' compressed size
/// (the results page of `pmo 团队与项` went over its 60 KB); the first 512 took two
/// thirds of the rounds saved (header box, 310 queries: 1,160 → 1,113 rounds; all
/// codes: 1,085) for 0.6 KB more at most.
pub const REACH_PAGES: usize = 512;

/// A ranked list, ready to write as `["<pages>","<top>",floor]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    /// Every page holding the term, as gaps (the first absolute).
    pub pages: String,
    /// The best pages, as a plain list (page deltas and impacts).
    pub top: String,
    /// The impact of every page not in `top`: the median of theirs.
    pub floor: u32,
    /// Pages of `top` whose impact carries a reach code (see `List::reached`).
    pub reached: u32,
    /// The reach codes of the other pages that have one (see [`reach_code`]); empty
    /// when none has.
    pub reach: String,
}

impl Ranked {
    /// The JSON array the client reads; a `modulus` other than 0 adds a fourth entry, the
    /// modulus the term's places are written with (`m/p<bucket>.js`,
    /// docs/search-format.md, "Places"), and reach codes outside the top block a fifth
    /// (the fourth then 0 when no places are written).
    pub fn json(&self, modulus: u32) -> String {
        // Neither encoding alphabet needs escaping (see `encode`).
        let tail = match (modulus, self.reach.is_empty()) {
            (0, true) => String::new(),
            (m, true) => format!(",{m}"),
            (m, false) => format!(",{m},\"{}\"", self.reach),
        };
        format!("[\"{}\",\"{}\",{}{tail}]", self.pages, self.top, self.floor)
    }

    /// The bytes [`Ranked::json`] writes, reach codes left out: word groups are weighed
    /// without them, so they split where they did before reach was written.
    pub fn len_without_reach(&self) -> usize {
        self.json(0).len() - self.reached as usize - self.reach_len()
    }

    fn reach_len(&self) -> usize {
        if self.reach.is_empty() {
            0
        } else {
            self.reach.len() + 5
        }
    }
}

/// Whether `list` is written ranked.
pub fn is_long(list: &List) -> bool {
    list.df as usize > TOP_DOCS
}

/// `list` ranked, when it is long (see [`is_long`]).
///
/// Works from how many pages hold each impact: the top block's threshold and the floor
/// (the median impact below it) both follow from those 32 counts. Sorting every long
/// list's impacts for the floor took a third of the time spent writing the ranked
/// lists at 10k (5.8 million postings).
pub fn rank(list: &List) -> Option<Ranked> {
    if !is_long(list) {
        return None;
    }
    // Per page: the gap from the previous page (the first absolute), then the impact
    // with the term's reach above its five bits (see `reach`): kept for the top block.
    let nums = encode::decode(&list.encoded)?;
    // The lowest impact whose pages, with those above it, are at most TOP_DOCS: the top
    // block takes whole levels, so which pages it holds never depends on page order.
    let mut counts = [0usize; 33];
    for pair in nums.chunks_exact(2) {
        counts[(pair[1] & 31) as usize] += 1;
    }
    let mut threshold = 33;
    let mut above = 0;
    while threshold > 1 && above + counts[threshold - 1] <= TOP_DOCS {
        threshold -= 1;
        above += counts[threshold];
    }
    let floor = median_below(&counts, threshold).unwrap_or(1);
    let threshold = threshold as u32;
    // A page's gap is the same whether or not impacts follow it.
    let mut pages = String::with_capacity(nums.len());
    let mut top = List::default();
    let mut reach = String::new();
    let mut doc = 0;
    // The position of the last page outside the top block written with its code.
    let mut last_reached = None;
    for (i, pair) in nums.chunks_exact(2).enumerate() {
        doc = if i == 0 { pair[0] } else { doc + pair[0] };
        encode::push(&mut pages, pair[0]);
        if pair[1] & 31 >= threshold {
            top.append(doc, pair[1]);
        } else if pair[1] > 31 && i < REACH_PAGES {
            let gap = last_reached.map_or(i, |last| i - last);
            encode::push(&mut reach, reach_code(gap as u32, pair[1] >> 5));
            last_reached = Some(i);
        }
    }
    Some(Ranked {
        pages,
        top: top.encoded,
        floor,
        reached: top.reached,
        reach,
    })
}

/// One entry of a ranked list's reach codes (its fifth entry, docs/search-format.md,
/// "Reach"): the page's position in `pages` as a gap from the previous entry's (the
/// first absolute) times 6, plus its code (1–6) less one. One number a page, one
/// character while the gap is at most 5: a page past the top block whose term first
/// stands past block 0 would otherwise read as in block 0, and the client read its next
/// block a round after the first (123 of 310 header-box queries at 10k). Written for the
/// first [`REACH_PAGES`] pages only.
fn reach_code(gap: u32, code: u32) -> u32 {
    gap.saturating_mul(6).saturating_add(code.saturating_sub(1))
}

/// The median of the impacts below `threshold`, given how many pages hold each impact
/// (`counts[i]`): the one at position n / 2 of the n impacts in ascending order. None
/// when no page is below it.
fn median_below(counts: &[usize; 33], threshold: usize) -> Option<u32> {
    let below = &counts[..threshold.min(counts.len())];
    let middle = below.iter().sum::<usize>() / 2;
    let mut seen = 0;
    below
        .iter()
        .position(|&n| {
            seen += n;
            seen > middle
        })
        .map(|impact| impact as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(postings: &[(u32, u32)]) -> List {
        let mut l = List::default();
        for &(d, i) in postings {
            l.append(d, i);
        }
        l
    }

    #[test]
    fn short_lists_stay_plain() {
        let l = list(&(0..TOP_DOCS as u32).map(|d| (d, 3)).collect::<Vec<_>>());
        assert_eq!(rank(&l), None);
    }

    #[test]
    fn long_lists_keep_every_page_and_the_best_impacts() {
        // 400 pages: 100 with impact 20 (titles), 100 with 9, 200 with 2 or 3.
        let postings: Vec<(u32, u32)> = (0..400)
            .map(|d| {
                let impact = match d % 4 {
                    0 => 20,
                    1 => 9,
                    2 => 2,
                    _ => 3,
                };
                (d * 2, impact)
            })
            .collect();
        let r = rank(&list(&postings)).unwrap();
        let pages = encode::decode(&r.pages).unwrap();
        assert_eq!(pages.len(), 400);
        assert_eq!(pages[0], 0);
        assert!(pages[1..].iter().all(|&g| g == 2));
        // Levels 20 and 9 (200 pages) fit in the top block; 3 would make it 300.
        let top = encode::decode(&r.top).unwrap();
        assert_eq!(top.len(), 400);
        assert!(top.chunks(2).all(|p| p[1] == 20 || p[1] == 9));
        assert_eq!(r.floor, 3);
        assert_eq!(r.json(0).chars().next(), Some('['));
        assert!(r.json(5).ends_with(",5]"));
        assert!(r.json(10).ends_with(",10]"));
    }

    #[test]
    fn buckets_are_a_power_of_two_sixteen_times_the_terms_or_more() {
        assert_eq!(bucket_count(0), 64);
        assert_eq!(bucket_count(2836), 65536);
        assert_eq!(bucket_count(4096), 65536);
        assert_eq!(bucket_count(4097), 131072);
    }

    #[test]
    fn the_bucket_set_is_written_as_gaps() {
        let set = bucket_set(&[3, 40, 41, 1000]);
        assert_eq!(encode::decode(&set).unwrap(), [3, 37, 1, 959]);
        assert_eq!(bucket_set(&[]), "");
        // The client's hash (search-load.js `fnv1a32`): "a" is 0xe40c292c.
        assert_eq!(bucket_of("a", 1 << 31), 0xe40c_292c % (1 << 31));
    }

    /// The floor is the median of the impacts outside the top block, as sorting them
    /// would give it, over lists of many shapes.
    #[test]
    fn the_floor_is_the_median_of_the_impacts_below_the_top_block() {
        let mut state = 7u64;
        for n in [257u32, 300, 301, 1000, 4001] {
            for spread in [1u64, 3, 31] {
                let postings: Vec<(u32, u32)> = (0..n)
                    .map(|d| {
                        state = state
                            .wrapping_mul(6_364_136_223_846_793_005)
                            .wrapping_add(1_442_695_040_888_963_407);
                        (d, 1 + ((state >> 33) % spread) as u32)
                    })
                    .collect();
                let r = rank(&list(&postings)).unwrap();
                let top = encode::decode(&r.top).unwrap();
                let threshold = top.chunks(2).map(|p| p[1]).min().unwrap_or(u32::MAX);
                let mut rest: Vec<u32> = postings
                    .iter()
                    .map(|p| p.1)
                    .filter(|&i| i < threshold)
                    .collect();
                rest.sort_unstable();
                let median = rest.get(rest.len() / 2).copied().unwrap_or(1);
                assert_eq!(r.floor, median, "{n} pages, impacts 1..={spread}");
            }
        }
    }

    #[test]
    fn the_top_block_keeps_reach_codes_and_ranks_by_impact_alone() {
        // 300 pages of impact 2 in block 0; 10 of impact 20, first in block 2 (code 2).
        let postings: Vec<(u32, u32)> = (0..310)
            .map(|d| (d, if d < 10 { 20 | 2 << 5 } else { 2 }))
            .collect();
        let r = rank(&list(&postings)).unwrap();
        let top = encode::decode(&r.top).unwrap();
        assert_eq!(top.len(), 20);
        assert!(top.chunks(2).all(|p| p[1] == 20 | 2 << 5));
        assert_eq!(r.floor, 2);
    }

    #[test]
    fn pages_past_the_top_block_keep_their_reach_codes_at_the_head_of_the_list() {
        // 600 pages of impact 3; every third first in block 1 (code 1), every fifth in
        // block 2 beside the title (code 5): no top block, as one level holds them all.
        let code = |d: u32| match (d % 3, d % 5) {
            (0, _) => 1,
            (_, 0) => 5,
            _ => 0,
        };
        let postings: Vec<(u32, u32)> = (0..600).map(|d| (d, 3 | code(d) << 5)).collect();
        let r = rank(&list(&postings)).unwrap();
        assert_eq!(r.top, "");
        let mut at = 0;
        let mut read = Vec::new();
        for (j, x) in encode::decode(&r.reach).unwrap().into_iter().enumerate() {
            at = if j == 0 { x / 6 } else { at + x / 6 };
            read.push((at, x % 6 + 1));
        }
        let expected: Vec<(u32, u32)> = (0..REACH_PAGES as u32)
            .filter(|&d| code(d) != 0)
            .map(|d| (d, code(d)))
            .collect();
        assert_eq!(read, expected);
        assert!(r.json(0).ends_with(&format!(",0,\"{}\"]", r.reach)));
        assert!(r.json(5).ends_with(&format!(",5,\"{}\"]", r.reach)));
        assert_eq!(r.len_without_reach(), r.json(0).len() - r.reach.len() - 5);
    }

    #[test]
    fn one_level_too_big_for_the_block_leaves_it_empty() {
        let postings: Vec<(u32, u32)> = (0..300).map(|d| (d, 17)).collect();
        let r = rank(&list(&postings)).unwrap();
        assert_eq!(r.top, "");
        assert_eq!(r.floor, 17);
    }
}
