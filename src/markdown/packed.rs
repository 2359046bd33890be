//! Text held from load to render, kept compressed.
//!
//! Every page's body HTML lives from the moment its Markdown is read until its output
//! page is written: at 100,000 pages that was 355 MiB, the largest single part of a
//! build's memory, held through the related-lessons and index stages that never read it.
//! LZ4 halves it for about a millisecond per megabyte each way, and each page is
//! unpacked only by the jobs that write it.

use std::fmt;

/// A string stored LZ4-compressed, with its length in front (lz4_flex's size-prepended
/// block format).
#[derive(Clone, PartialEq, Eq)]
pub struct Packed {
    bytes: Box<[u8]>,
}

impl Packed {
    pub fn new(text: &str) -> Packed {
        Packed {
            bytes: lz4_flex::block::compress_prepend_size(text.as_bytes()).into_boxed_slice(),
        }
    }

    /// The string as it was packed.
    pub fn unpack(&self) -> String {
        // Invariant: `bytes` is only ever made by `new` from a `&str`, so it decompresses
        // and the result is UTF-8; a failure here would be a bug in lz4_flex.
        let raw = lz4_flex::block::decompress_size_prepended(&self.bytes)
            .expect("a Packed holds lz4_flex's own compression of a string");
        String::from_utf8(raw).expect("a Packed was made from a string")
    }

    /// The length of the unpacked string, read from the header without unpacking.
    pub fn len(&self) -> usize {
        self.bytes
            .first_chunk::<4>()
            .map_or(0, |n| u32::from_le_bytes(*n) as usize)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes held, for the memory figures in bench/.
    pub fn packed_len(&self) -> usize {
        self.bytes.len()
    }
}

impl Default for Packed {
    fn default() -> Packed {
        Packed::new("")
    }
}

impl From<String> for Packed {
    fn from(text: String) -> Packed {
        Packed::new(&text)
    }
}

impl fmt::Debug for Packed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.unpack(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_any_string() {
        for s in [
            "",
            "a",
            "<p>供应商交付延期导致里程碑滑移</p>\n",
            &"<li>重复的行 repeated row</li>\n".repeat(500),
        ] {
            let p = Packed::new(s);
            assert_eq!(p.unpack(), s);
            assert_eq!(p.len(), s.len());
            assert_eq!(p.is_empty(), s.is_empty());
        }
    }

    #[test]
    fn repetitive_html_is_held_in_less_room() {
        let html = "<tr><td>2024-03</td><td>120,000</td><td>绿</td></tr>\n".repeat(200);
        assert!(Packed::new(&html).packed_len() * 3 < html.len());
    }
}
