//! Hands the heap a finished stage freed back to the system.
//!
//! An allocator keeps freed memory for the next allocation. A stage's large, long-lived
//! allocations (the related stage's term bags, the index's postings) freed between the
//! site's own leave holes that stay resident: at 100,000 pages, some 300 MB above the
//! live heap with glibc. glibc's `malloc_trim` releases the whole free pages of every
//! arena; a binary with an allocator of its own (jemalloc, see `pmo`'s main) says how
//! to do the same through [`use_release`], as jemalloc only returns pages after seconds
//! of decay, long after the next stage has grown on top of them.

use std::sync::OnceLock;

/// How the process's allocator releases its free pages, when it is not glibc's malloc.
static RELEASE: OnceLock<fn()> = OnceLock::new();

/// Makes [`give_back`] call `release` instead of glibc's `malloc_trim`: the binary chose
/// the allocator, so the binary knows how to ask it. Set once, at start-up.
pub fn use_release(release: fn()) {
    let _ = RELEASE.set(release);
}

/// Releases the free pages of every arena. Costs a walk of the free lists and one
/// `madvise` per free run: milliseconds, so call it only after a stage that freed much.
pub fn give_back() {
    if let Some(release) = RELEASE.get() {
        release();
        return;
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointer and only walks the allocator's own free lists;
    // it is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static ASKED: AtomicUsize = AtomicUsize::new(0);

    fn count() {
        ASKED.fetch_add(1, Ordering::Relaxed);
    }

    #[test]
    fn the_allocator_the_binary_chose_is_asked() {
        use_release(count);
        give_back();
        assert!(ASKED.load(Ordering::Relaxed) >= 1);
    }
}
