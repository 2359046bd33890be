//! Packed text set aside on disk until it is read.
//!
//! A 100,000-page build held every page's packed body HTML and search text from loading
//! to rendering, about 300 MiB read by one stage each; the peak of the build's memory was
//! that plus the index's postings. A large one-shot build writes each page's packed text
//! to an unnamed temporary file as the page is loaded and reads it back when a stage
//! needs it: the system's page cache may keep it in memory, but as cache it can drop
//! under pressure, where the build's own heap could not.

use std::fs::File;
use std::io;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Sites of at least this many pages set their packed text aside (see the module's
/// documentation); smaller ones gain nothing worth a file. `PMO_SPILL_PAGES` overrides
/// it, so tests can spill a small site.
const SPILL_PAGES: usize = 20_000;

/// A piece that could not be read back: the disk under the temporary folder failed
/// during the build. Reading page text cannot fail otherwise, so the stages that read it
/// have no error path; the failure leaves the stage as a panic carrying this, which
/// [`crate::outcome::guarded`] reports as the disk's fault rather than as a bug in pmo.
#[derive(Debug)]
pub struct SpillLost(pub io::Error);

/// An unnamed temporary file that packed text is appended to. It has no name on disk,
/// so it goes with the process, however that ends.
#[derive(Debug)]
pub struct Spill {
    file: File,
    /// Where the next piece goes: pieces are placed by atomic reservation and written
    /// with positioned writes, so parallel loading never waits on a lock.
    end: AtomicU64,
    /// Pieces the file could not take (a full disk), kept in memory instead, and the
    /// first reason: the build warns of them once loading is done.
    refused: AtomicUsize,
    first_refusal: OnceLock<io::Error>,
}

impl Spill {
    /// A spill file for a one-shot build of `pages` pages, when it is large enough to
    /// gain from one (`None` otherwise), or why the system could not make one (the
    /// text then stays in memory, and the build says so).
    pub fn for_pages(pages: usize) -> Option<io::Result<Spill>> {
        let threshold = std::env::var("PMO_SPILL_PAGES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(SPILL_PAGES);
        if !cfg!(unix) || pages < threshold {
            return None;
        }
        Some(Spill::new())
    }

    pub fn new() -> io::Result<Spill> {
        tempfile::tempfile().map(Spill::in_file)
    }

    fn in_file(file: File) -> Spill {
        Spill {
            file,
            end: AtomicU64::new(0),
            refused: AtomicUsize::new(0),
            first_refusal: OnceLock::new(),
        }
    }

    /// Writes `bytes` and returns where they went. A failure is counted for
    /// [`Spill::refusals`].
    pub fn put(&self, bytes: &[u8]) -> io::Result<u64> {
        let at = self.end.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        write_at(&self.file, bytes, at).inspect_err(|e| {
            self.refused.fetch_add(1, Ordering::Relaxed);
            let _ = self
                .first_refusal
                .set(io::Error::new(e.kind(), e.to_string()));
        })?;
        Ok(at)
    }

    /// How many pieces the file could not take, and the first reason, if any.
    pub fn refusals(&self) -> Option<(usize, &io::Error)> {
        let first = self.first_refusal.get()?;
        Some((self.refused.load(Ordering::Relaxed), first))
    }

    /// The `len` bytes written at `at`.
    pub fn get(&self, at: u64, len: usize) -> io::Result<Vec<u8>> {
        let mut bytes = vec![0; len];
        read_at(&self.file, &mut bytes, at)?;
        Ok(bytes)
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

// `Spill::for_pages` makes none off unix, so these are never called there.
#[cfg(not(unix))]
fn write_at(_: &File, _: &[u8], _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(not(unix))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_refuses_a_piece_says_how_many_and_why() {
        // Opened for reading only, as a full or read-only disk refuses writes.
        let file = File::open(file!()).unwrap();
        let spill = Spill::in_file(file);
        assert!(spill.refusals().is_none());
        assert!(spill.put(b"abc").is_err());
        assert!(spill.put(b"def").is_err());
        let (count, _) = spill.refusals().unwrap();
        assert_eq!(count, 2);
    }
}
