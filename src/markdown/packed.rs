//! Text held from load to render, kept compressed.
//!
//! Every page's body HTML lives from the moment its Markdown is read until its output
//! page is written: at 100,000 pages that was 355 MiB, the largest single part of a
//! build's memory, held through the related-lessons and index stages that never read it.
//! LZ4 halves it for about a millisecond per megabyte each way, and each page is
//! unpacked only by the jobs that write it.

use std::fmt;
use std::sync::Arc;

use super::spill::{Spill, SpillLost};

/// A string stored LZ4-compressed, with its length in front (lz4_flex's size-prepended
/// block format): in memory, or set aside in a [`Spill`] file.
#[derive(Clone)]
pub struct Packed {
    place: Place,
}

#[derive(Clone)]
enum Place {
    Held(Box<[u8]>),
    Spilled {
        spill: Arc<Spill>,
        at: u64,
        /// The packed bytes' length, then the string's.
        packed: u32,
        text: u32,
    },
}

impl Packed {
    pub fn new(text: &str) -> Packed {
        // Most pages hold several empty texts (a table of contents, a default): each
        // compression zeroes an 8 KiB hash table first, which cost 0.6 % of a build's
        // instructions for texts of no bytes. The empty text's packing is made once.
        static EMPTY: std::sync::LazyLock<Box<[u8]>> =
            std::sync::LazyLock::new(|| lz4_flex::block::compress_prepend_size(b"").into());
        let bytes = if text.is_empty() {
            EMPTY.clone()
        } else {
            lz4_flex::block::compress_prepend_size(text.as_bytes()).into_boxed_slice()
        };
        Packed {
            place: Place::Held(bytes),
        }
    }

    /// Moves the packed bytes into `spill`, to be read back by [`Packed::unpack`]. Kept
    /// in memory when the file cannot take them (a full disk).
    pub fn spill(&mut self, spill: &Arc<Spill>) {
        let Place::Held(bytes) = &self.place else {
            return;
        };
        let (Ok(packed), text) = (u32::try_from(bytes.len()), self.len() as u32) else {
            return;
        };
        if let Ok(at) = spill.put(bytes) {
            self.place = Place::Spilled {
                spill: Arc::clone(spill),
                at,
                packed,
                text,
            };
        }
    }

    /// The string as it was packed.
    pub fn unpack(&self) -> String {
        let raw = match &self.place {
            Place::Held(bytes) => decompress(bytes),
            Place::Spilled {
                spill, at, packed, ..
            } => {
                // The spill file is this process's own unnamed file, and these bytes were
                // written to it whole before: reading them back fails only if the disk
                // itself does, which the build reports and stops at (see `SpillLost`).
                let bytes = spill
                    .get(*at, *packed as usize)
                    .unwrap_or_else(|e| std::panic::panic_any(SpillLost(e)));
                decompress(&bytes)
            }
        };
        String::from_utf8(raw).expect("a Packed was made from a string")
    }

    /// The length of the unpacked string, read from the header without unpacking.
    pub fn len(&self) -> usize {
        match &self.place {
            Place::Held(bytes) => bytes
                .first_chunk::<4>()
                .map_or(0, |n| u32::from_le_bytes(*n) as usize),
            Place::Spilled { text, .. } => *text as usize,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes held in memory, for the memory figures in bench/.
    pub fn packed_len(&self) -> usize {
        match &self.place {
            Place::Held(bytes) => bytes.len(),
            Place::Spilled { .. } => 0,
        }
    }
}

fn decompress(bytes: &[u8]) -> Vec<u8> {
    // Invariant: the bytes are only ever made by `Packed::new` from a `&str`, so they
    // decompress; a failure here would be a bug in lz4_flex.
    lz4_flex::block::decompress_size_prepended(bytes)
        .expect("a Packed holds lz4_flex's own compression of a string")
}

impl PartialEq for Packed {
    fn eq(&self, other: &Packed) -> bool {
        match (&self.place, &other.place) {
            (Place::Held(a), Place::Held(b)) => a == b,
            _ => self.unpack() == other.unpack(),
        }
    }
}

impl Eq for Packed {}

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
    fn spilled_text_reads_back_as_it_was() {
        let spill = Arc::new(Spill::new().unwrap());
        let texts = ["", "<p>供应商交付延期</p>", &"风险 risk\n".repeat(300)];
        let mut packed: Vec<Packed> = texts.iter().map(|t| Packed::new(t)).collect();
        for p in &mut packed {
            p.spill(&spill);
            assert_eq!(p.packed_len(), 0);
        }
        for (p, t) in packed.iter().zip(texts) {
            assert_eq!(p.unpack(), t);
            assert_eq!(p.len(), t.len());
            assert_eq!(*p, Packed::new(t));
        }
    }

    #[test]
    fn the_empty_text_packs_as_lz4_flex_packs_it() {
        let empty = Packed::default();
        let Place::Held(bytes) = &empty.place else {
            panic!("a new Packed is held in memory");
        };
        assert_eq!(&bytes[..], &lz4_flex::block::compress_prepend_size(b"")[..]);
        assert_eq!(empty, Packed::new(""));
        assert_eq!(empty.unpack(), "");
    }

    #[test]
    fn repetitive_html_is_held_in_less_room() {
        let html = "<tr><td>2024-03</td><td>120,000</td><td>绿</td></tr>\n".repeat(200);
        assert!(Packed::new(&html).packed_len() * 3 < html.len());
    }
}
