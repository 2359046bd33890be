//! Hands the heap a finished stage freed back to the system.
//!
//! glibc keeps freed memory for the next allocation, and returns it to the system only
//! from the top of each arena. A stage's large, long-lived allocations (the related
//! stage's term bags, the index's postings) freed between the site's own leave holes
//! below the top that stay resident: at 100,000 pages, some 300 MB above the live heap.
//! `malloc_trim` releases the whole free pages of every arena, wherever they are.

/// Releases the free pages of every arena, on glibc (a no-op elsewhere). Costs a walk of
/// the free lists and one `madvise` per free run: milliseconds, so call it only after a
/// stage that freed much.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointer and only walks the allocator's own free lists;
    // it is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
