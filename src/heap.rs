//! Hands the heap a finished stage freed back to the system.
//!
//! An allocator keeps freed memory for the next allocation. A stage's large, long-lived
//! allocations (the related stage's term bags, the index's postings) freed between the
//! site's own leave holes that stay resident: at 100,000 pages, some 300 MB above the
//! live heap with glibc. glibc's `malloc_trim` releases the whole free pages of every
//! arena; a binary with an allocator of its own (jemalloc, see `pmo`'s main) says how
//! to do the same through [`use_release`], as jemalloc only returns pages after seconds
//! of decay, long after the next stage has grown on top of them.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
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

/// How much the heap of a thread may grow while it renders one page before the render is
/// stopped at its next loop step, `set` or write ([`grown`]): a site's template can
/// repeat a text without writing it to the page (`{% set x %}` around a loop, a `replace`
/// whose `to` holds the text it replaces), and that memory is counted nowhere else.
pub const RENDER_SOFT: i64 = 1 << 30;

/// Past this growth an allocation of the rendering thread fails, which ends the process
/// (Rust aborts on a failed allocation): a template can grow a text by gigabytes between
/// two places where its render could stop. The build ends with the allocator's message
/// rather than the machine running out of memory.
pub const RENDER_HARD: i64 = 4 << 30;

thread_local! {
    /// The bytes this thread's heap grew by since [`arm`], or `None` when it is not
    /// rendering. A plain `Cell` with a constant start: the allocator reads it on every
    /// call, and it must never allocate.
    static GROWTH: Cell<Option<i64>> = const { Cell::new(None) };
}

/// Starts counting this thread's allocations (a render starts).
pub fn arm() {
    let _ = GROWTH.try_with(|g| g.set(Some(0)));
}

/// Stops counting this thread's allocations (its render ended).
pub fn disarm() {
    let _ = GROWTH.try_with(|g| g.set(None));
}

/// How many bytes this thread's heap grew by since [`arm`]; 0 where the binary does not
/// count (its allocator is not [`Budgeted`]).
pub fn grown() -> i64 {
    GROWTH.try_with(Cell::get).ok().flatten().unwrap_or(0)
}

/// Whether any template the renders use is the site's own ([`count_renders`]): until
/// then the allocator counts nothing, and costs one relaxed load per call.
static COUNTING: AtomicBool = AtomicBool::new(false);

/// Makes the allocator count what renders grow: a template the built-in theme does not
/// ship is about to be used. The built-in theme's are the build's own code, tested, and
/// counting every allocation of every render cost 2% of a 10,000-page build.
pub fn count_renders() {
    COUNTING.store(true, Ordering::Relaxed);
}

/// Whether this thread may grow its heap by `by` bytes (counted if so). Inlined into the
/// binary's allocator: called, it was 1% of a build that counts nothing.
#[inline]
fn grow(by: i64) -> bool {
    !COUNTING.load(Ordering::Relaxed) || counted(by)
}

/// [`grow`] once renders are counted.
#[inline(never)]
fn counted(by: i64) -> bool {
    GROWTH
        .try_with(|g| match g.get() {
            None => true,
            Some(now) => {
                let next = now.saturating_add(by);
                if by > 0 && next > RENDER_HARD {
                    return false;
                }
                g.set(Some(next));
                true
            }
        })
        .unwrap_or(true)
}

/// An allocator counting the growth of a rendering thread's heap ([`arm`]), and refusing
/// to grow it past [`RENDER_HARD`]. The binary wraps its allocator in it.
pub struct Budgeted<A>(pub A);

// SAFETY: every call is passed on to the wrapped allocator unchanged, or refused with a
// null pointer before it, as `GlobalAlloc` allows; the count is a thread-local `Cell` that
// never allocates.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Budgeted<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !grow(layout.size() as i64) {
            return std::ptr::null_mut();
        }
        // SAFETY: the caller's guarantees for `layout` are the wrapped allocator's.
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !grow(layout.size() as i64) {
            return std::ptr::null_mut();
        }
        // SAFETY: as for `alloc`.
        unsafe { self.0.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        grow(-(layout.size() as i64));
        // SAFETY: `ptr` came from the wrapped allocator with this layout.
        unsafe { self.0.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !grow(new_size as i64 - layout.size() as i64) {
            return std::ptr::null_mut();
        }
        // SAFETY: as for `dealloc`, and `new_size` is the caller's to vouch for.
        unsafe { self.0.realloc(ptr, layout, new_size) }
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
