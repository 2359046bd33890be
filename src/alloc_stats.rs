//! The live heap at each stage's end, and its peak within the stage, printed to stderr by
//! a build made with `--features alloc-stats` (see bench/README.md, "Memory by stage").
//!
//! RSS alone cannot say what holds memory: the allocator keeps what the last stage freed,
//! so a stage that frees much and one that allocates little look alike. Counting every
//! allocation can; it costs an atomic add per call, so it is never in a normal build.

#[cfg(feature = "alloc-stats")]
mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    pub static LIVE: AtomicUsize = AtomicUsize::new(0);
    pub static PEAK: AtomicUsize = AtomicUsize::new(0);

    fn grew(by: usize) {
        let now = LIVE.fetch_add(by, Relaxed) + by;
        PEAK.fetch_max(now, Relaxed);
    }

    /// The system allocator, counting the bytes it holds for the program.
    pub struct Counting;

    // SAFETY: every call is passed on to `System` unchanged; the counters are only read.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            grew(layout.size());
            // SAFETY: the caller's guarantees for `layout` are `System`'s.
            unsafe { System.alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            LIVE.fetch_sub(layout.size(), Relaxed);
            // SAFETY: `ptr` came from `System` with this layout.
            unsafe { System.dealloc(ptr, layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            match new_size.checked_sub(layout.size()) {
                Some(more) => grew(more),
                None => {
                    LIVE.fetch_sub(layout.size() - new_size, Relaxed);
                }
            }
            // SAFETY: as for `dealloc`, and `new_size` is the caller's to vouch for.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    #[global_allocator]
    static GLOBAL: Counting = Counting;
}

/// Prints the live heap now and its peak since the last call, then starts a new peak.
#[cfg(feature = "alloc-stats")]
pub fn lap(stage: &str) {
    use counting::{LIVE, PEAK};
    use std::sync::atomic::Ordering::Relaxed;
    let live = LIVE.load(Relaxed);
    let peak = PEAK.swap(live, Relaxed);
    let mib = |bytes: usize| bytes as f64 / f64::from(1 << 20);
    eprintln!(
        "heap after {stage}: {:.1} MiB live, {:.1} MiB at the stage's peak",
        mib(live),
        mib(peak)
    );
}

#[cfg(not(feature = "alloc-stats"))]
#[inline(always)]
pub fn lap(_stage: &str) {}
