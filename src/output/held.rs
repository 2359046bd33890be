//! A file of the site as `serve` keeps it in memory: LZ4-compressed.
//!
//! `serve` holds every file it serves. At 10,000 pages that was 272 MB of HTML and index
//! scripts, over a third of its memory, and at 100,000 pages 2.7 GB; pages repeat their
//! menus and markup, so LZ4 keeps about a fifth of that, packed in the render threads
//! for about a millisecond per megabyte and unpacked for each request in microseconds.

use std::fmt;

/// Bytes stored LZ4-compressed, with their length in front (lz4_flex's size-prepended
/// block format). Equal files pack to equal bytes, so comparing what is held compares
/// the files.
#[derive(Clone, PartialEq, Eq)]
pub struct Held(Box<[u8]>);

impl Held {
    pub fn new(bytes: &[u8]) -> Held {
        Held(lz4_flex::block::compress_prepend_size(bytes).into_boxed_slice())
    }

    /// The file's bytes.
    pub fn to_vec(&self) -> Vec<u8> {
        // Invariant: a `Held` is only made by `new`, so it decompresses; a failure here
        // would be a bug in lz4_flex.
        lz4_flex::block::decompress_size_prepended(&self.0)
            .expect("a Held holds lz4_flex's own compression")
    }
}

impl fmt::Debug for Held {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Held({} bytes packed)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_bytes_come_back_as_they_were_and_compare_as_files() {
        let page = "<nav>项目管理办公室</nav>".repeat(200);
        let held = Held::new(page.as_bytes());
        assert_eq!(held.to_vec(), page.as_bytes());
        assert!(
            held.0.len() * 4 < page.len(),
            "a repetitive page packs small"
        );
        assert_eq!(held, Held::new(page.as_bytes()));
        assert_ne!(held, Held::new(b"other"));
        assert_eq!(Held::new(b"").to_vec(), b"");
    }
}
