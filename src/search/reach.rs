//! How far into a page's excerpt blocks a term first stands (docs/search-format.md,
//! "Reach"), written with each posting so the client asks for the block it will need in
//! the same round as the page's block 0.
//!
//! A page of results loads block 0 of each result; when block 0 holds no match, the
//! client read the next block a round later — and so did the check of a page's exact
//! text. At 10k that 4th round was the p95 of a cold query (every file of it a later
//! block). Knowing, for each term and page, the first block that holds the term, the
//! client knows before reading anything that a match cannot lie before it, and asks for
//! the blocks up to it at once.

use std::ops::Range;

use crate::search::documents;

/// A term's occurrences in one page so far, as a set of bits: bit `b` for an occurrence
/// in excerpt block `b`, [`SHOWN`] for one in the title or in what the page shows
/// besides its prose (block 0's file carries both). Sets merge by `|`, so a unigram takes
/// the bits of the bigrams around it.
pub type Seen = u8;

/// The bit of an occurrence in the title or beside the prose.
pub const SHOWN: Seen = 1 << 7;

/// Blocks of excerpt text a page has at most: the reach code has room for four.
const BLOCKS: usize = 4;
const _: () = assert!(documents::MAX_BLOCKS <= BLOCKS);

/// Where a page's body field stands in its excerpt blocks: the prose comes first in the
/// body field (`fields::body`), so its byte offsets are the blocks' own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    /// Where blocks 1, 2, 3 start (the first `count - 1` are used).
    starts: [u32; BLOCKS - 1],
    /// Number of blocks; 0 for a page without excerpt blocks (no reach is written).
    count: u8,
    /// The end of the prose kept in the blocks.
    kept: u32,
    /// The end of the prose: what follows in the body field is shown beside it.
    prose: u32,
}

impl Layout {
    /// The layout of blocks cut at `ranges` (`documents::block_ranges`) from a prose of
    /// `prose` bytes.
    pub fn new(ranges: &[Range<usize>], prose: usize) -> Layout {
        let mut starts = [u32::MAX; BLOCKS - 1];
        for (slot, range) in starts.iter_mut().zip(ranges.iter().skip(1)) {
            *slot = range.start as u32;
        }
        Layout {
            starts,
            count: ranges.len().min(BLOCKS) as u8,
            kept: ranges[..ranges.len().min(BLOCKS)]
                .last()
                .map_or(0, |r| r.end as u32),
            prose: prose as u32,
        }
    }

    /// What an occurrence at byte `at` of the body field is: in a block, beside the
    /// prose, or in prose past the blocks (nothing).
    #[inline]
    pub fn body(&self, at: usize) -> Seen {
        let at = at as u32;
        if at < self.kept {
            let block = self.starts.iter().take_while(|&&s| s <= at).count();
            1 << block
        } else if at >= self.prose {
            SHOWN
        } else {
            0
        }
    }

    /// The reach code of a term seen as `seen` (written with its posting, see
    /// [`with_reach`]): 0 when it stands in block 0 (or the page has no blocks);
    /// otherwise its first block `b` (1–3), or the last block when no block holds it,
    /// plus 3 when the title or what the page shows beside its prose holds it too.
    pub fn code(&self, seen: Seen) -> u8 {
        if self.count == 0 {
            return 0;
        }
        let blocks = seen & !SHOWN;
        let first = if blocks == 0 {
            self.count - 1
        } else {
            blocks.trailing_zeros() as u8
        };
        match first {
            0 => 0,
            b if seen & SHOWN != 0 => b + 3,
            b => b,
        }
    }
}

/// An impact (1–31) and a reach code (0–6) as the one number a posting writes: the
/// impact in the low five bits, so a term in block 0 costs no character more.
pub fn with_reach(impact: u8, code: u8) -> u8 {
    (impact & 31) | (code << 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_fall_in_their_block_beside_or_past_the_blocks() {
        // Blocks at 0..10, 10..40, 40..70; the prose runs to 90, then what is beside it.
        let l = Layout::new(&[0..10, 10..40, 40..70], 90);
        assert_eq!(l.body(0), 1);
        assert_eq!(l.body(9), 1);
        assert_eq!(l.body(10), 2);
        assert_eq!(l.body(69), 4);
        assert_eq!(l.body(75), 0);
        assert_eq!(l.body(91), SHOWN);
    }

    #[test]
    fn codes_tell_the_first_block_the_last_when_none_and_the_title() {
        let l = Layout::new(&[0..10, 10..40, 40..70], 90);
        assert_eq!(l.code(1 | 4), 0);
        assert_eq!(l.code(2 | 4), 1);
        assert_eq!(l.code(4), 2);
        assert_eq!(l.code(4 | SHOWN), 5);
        // Not in the blocks: the client reads them all.
        assert_eq!(l.code(0), 2);
        assert_eq!(l.code(SHOWN), 5);
        // A page of one block reaches nothing past it.
        let whole = std::iter::once(0..5).collect::<Vec<_>>();
        assert_eq!(Layout::new(&whole, 5).code(0), 0);
        assert_eq!(Layout::default().code(4), 0);
        assert_eq!(with_reach(17, 0), 17);
        assert_eq!(with_reach(17, 5), 17 + 160);
    }
}
