//! How the postings key their terms: CJK terms by packed code points, words by an FNV
//! hash, in maps that pass those keys through rather than hash them again.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// Key tag of a bigram (the two code points are in the low 42 bits); keys with no tag
/// are unigrams.
pub(crate) const BIGRAM: u64 = 1 << 62;

/// The key of the bigram `p` `c`: both code points packed under the [`BIGRAM`] tag (a
/// unigram's key is its code point alone).
pub(crate) fn bigram_key(p: char, c: char) -> u64 {
    BIGRAM | (u64::from(u32::from(p)) << 21) | u64::from(u32::from(c))
}

/// FNV-1a 64 bits over bytes.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Passes keys that are already hashes (or packed code points) through: the maps here
/// hold millions of such keys, where SipHash would cost a tenth of the stage.
#[derive(Default)]
pub struct Identity(u64);

impl std::hash::Hasher for Identity {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv64(bytes) ^ self.0.rotate_left(5);
    }

    fn write_u64(&mut self, n: u64) {
        // Spread packed code points over the table's low bits.
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Identity>>;
