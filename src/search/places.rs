//! Where a term stands in a page, kept coarsely: enough for the client to tell a page
//! holding a phrase's bigrams in a row from one holding them apart without reading its
//! text (docs/search-format.md, "Places"), and the rules for which lists write them.

use crate::search::encode;

/// Positions are kept modulo this many places: a term's places in a document are a set
/// of one bit each, one base-32 digit a posting.
pub const PLACES: u32 = 10;

/// A term's places in one document: bit `position mod PLACES` for each occurrence.
pub type Places = u16;

/// The bit of the place of position `at`. Bigrams and word–CJK pairs record the places of
/// their occurrences, so the client can tell a page holding a phrase's bigrams in a row
/// (at places that follow each other) from one holding them scattered, without reading
/// its text (docs/search-format.md, "Places"). (Tried: the position modulo 31 of a term
/// occurring once, nothing for more: more pages read at 10k, as a phrase's bigrams often
/// occur twice in the pages that hold them apart.)
pub fn place(at: u32) -> Places {
    1 << (at % PLACES)
}

/// Places as most lists write them: modulo [`COARSE`], one digit a page. Positions are
/// kept modulo [`PLACES`] and folded for the lists that need no finer ones.
pub const COARSE: u32 = 5;

/// `places` (one number of [`PLACES`] bits a page) folded modulo [`COARSE`].
pub fn coarse(places: &str) -> String {
    let mut out = String::with_capacity(places.len());
    let mask = (1u32 << COARSE) - 1;
    let mut fold = |mut p: u32| {
        let mut set = 0;
        while p != 0 {
            set |= p & mask;
            p >>= COARSE;
        }
        encode::push(&mut out, set);
    };
    encode::each(places, &mut fold);
    out
}

/// `places` (one number of [`PLACES`] bits a page) as written modulo [`PLACES`]: each set
/// as its rank among all sets, fewer places first, then by value (docs/search-format.md,
/// "Places"). Three pages in four hold a term once: a set of one place is then one digit
/// (1–10) where its bit (up to 512) took two, and a set of two places up to 55. At 10k,
/// the places of `pmo 团队与项`'s three ranked lists fell from 6.9 to 5.8 KB gzip.
pub fn ranked(places: &str) -> String {
    let mut out = String::with_capacity(places.len());
    encode::each(places, |set| encode::push(&mut out, rank(set)));
    out
}

/// The rank of a set of [`PLACES`] bits: the sets with fewer bits, then those with as
/// many and a lower value (counted as the combinatorial number system does).
fn rank(set: u32) -> u32 {
    let set = set & ((1 << PLACES) - 1);
    let fewer: u32 = (0..set.count_ones()).map(|k| choose(PLACES, k)).sum();
    let mut lower = 0;
    let mut nth = 0;
    for bit in 0..PLACES {
        if (set >> bit) & 1 == 1 {
            nth += 1;
            lower += choose(bit, nth);
        }
    }
    fewer + lower
}

/// The number of ways to choose `k` of `n` (0 when `k > n`).
fn choose(n: u32, k: u32) -> u32 {
    if k > n {
        return 0;
    }
    (0..k).fold(1, |acc, i| acc * (n - i) / (i + 1))
}

/// Whether a list of `df` of the `docs` pages writes its places modulo [`PLACES`]
/// rather than [`COARSE`]: at most two pages in five. Finer places let through half as
/// many pages holding a phrase's parts apart, at about 1.5 times the bytes, and a query
/// loads every page's places of its terms: worth it for the lists of fewer pages. At 10k,
/// `pmo 团队与项`'s claimers left after places fell from 187 to 152 (its results page
/// from 66.2 to 58.8 KB gz); with every list finer, queries of `阶段的` (its 段的 in
/// every page) loaded 3 KB more of them for no page told apart.
pub fn fine(df: u32, docs: usize) -> bool {
    u64::from(df) * 5 <= docs as u64 * 2
}

/// Places a term has, on average over the pages holding it, from which on its places are
/// not written: a term standing at most places of most pages it is in (阶段, 团队, 发现
/// at 10k, each in nearly every page and several times) lets nearly every page pass,
/// so its places cost the client the largest files for no page told apart. At 10k, the
/// claimers left after the places of `pmo 团队与项`, `尾阶段敏捷` and `财务部发现` were
/// the same with or without those of their densest term, at half the bytes.
const DENSE_PLACES: usize = 2;

/// Whether a term's places (one number a page) are worth writing: on average fewer than
/// [`DENSE_PLACES`] places a page. Without them the client counts the term as standing
/// anywhere, so leaving them out never drops a page that holds the phrase.
pub fn telling(places: &str) -> bool {
    let (mut set, mut pages) = (0usize, 0usize);
    let read = encode::each(places, |p| {
        set += p.count_ones() as usize;
        pages += 1;
    });
    read && set < DENSE_PLACES * pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fine_places_are_written_as_their_rank_fewer_places_first() {
        // No place, then the ten single places, then pairs by value, …, all ten last.
        let ranks: Vec<u32> = [0, 1, 2, 512, 3, 5, 6, 768, 7, 1023]
            .into_iter()
            .map(rank)
            .collect();
        assert_eq!(ranks, [0, 1, 2, 10, 11, 12, 13, 55, 56, 1023]);
        // Every set its own rank.
        let mut all: Vec<u32> = (0..1 << PLACES).map(rank).collect();
        all.sort_unstable();
        assert!(all.iter().enumerate().all(|(i, &r)| r == i as u32));
        assert_eq!(ranked("g" /* 16 */), "5");
    }

    #[test]
    fn places_standing_at_most_places_of_their_pages_are_not_worth_writing() {
        // One place a page (digits 1, 2, 4, 8, g) tells; "v" is all five.
        assert!(telling("1248g"));
        // Two places a page on average: left out.
        assert!(!telling("3333"));
        assert!(!telling("vv11"));
        assert!(telling("v1111"));
        assert!(!telling("v"));
    }
}
