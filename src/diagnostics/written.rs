//! Columns as the file is written. Loading drops the noncharacters (U+FFFE …) from every
//! text, and a report's excerpt writes a control character as one `?` per byte: counted
//! in either text, every column after such a character on its line was one off (or two,
//! after a three-byte character), so an editor sent the author to the wrong place.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};

/// Byte offsets in a text and how many columns the file as written has more (or fewer)
/// from each on, to the end of its line. Sorted by offset.
pub type Shifts = Arc<[(usize, isize)]>;

/// The shifts of each loaded text that lost characters, by the address of its text:
/// the few files holding a noncharacter. The weak reference keeps the address from
/// being reused while the entry stands.
type Registry = HashMap<usize, (Weak<str>, Shifts)>;

static REGISTRY: OnceLock<Mutex<Registry>> = OnceLock::new();
/// Whether any text was registered: most builds have none, and look nothing up.
static ANY: AtomicBool = AtomicBool::new(false);

/// Notes that `text` lost a character before each of `dropped` (byte offsets in
/// `text`, one entry per character lost).
pub(crate) fn remember_dropped(text: &Arc<str>, dropped: &[usize]) {
    if dropped.is_empty() {
        return;
    }
    let shifts: Shifts = dropped.iter().map(|&at| (at, 1)).collect();
    let registry = REGISTRY.get_or_init(Default::default);
    if let Ok(mut map) = registry.lock() {
        // Entries whose text is gone are pruned now and then, not at each insert.
        if map.len() >= 64 && map.len().is_power_of_two() {
            map.retain(|_, (held, _)| held.strong_count() > 0);
        }
        map.insert(address(text), (Arc::downgrade(text), shifts));
        ANY.store(true, Ordering::Relaxed);
    }
}

/// The shifts registered for `text`, if it is a loaded text that lost characters.
pub(crate) fn shifts_of(text: &Arc<str>) -> Option<Shifts> {
    if !ANY.load(Ordering::Relaxed) {
        return None;
    }
    let map = REGISTRY.get()?.lock().ok()?;
    let (held, shifts) = map.get(&address(text))?;
    // The same allocation, not merely the same address.
    let held = held.upgrade()?;
    Arc::ptr_eq(&held, text).then(|| Arc::clone(shifts))
}

fn address(text: &Arc<str>) -> usize {
    Arc::as_ptr(text) as *const u8 as usize
}

/// The column in the file as written of the character at `offset`, whose column in
/// `text` is `col` (1-based) and whose line starts at `line_start`.
pub(crate) fn written_column(
    shifts: Option<&Shifts>,
    line_start: usize,
    offset: usize,
    col: usize,
) -> usize {
    let Some(shifts) = shifts else {
        return col;
    };
    let from = shifts.partition_point(|&(at, _)| at < line_start);
    let moved: isize = shifts[from..]
        .iter()
        .take_while(|&&(at, _)| at <= offset)
        .map(|&(_, by)| by)
        .sum();
    col.saturating_add_signed(moved).max(1)
}

/// `shifts` within `start..end` of a text, made relative to `start`, with `more` (the
/// shifts of an excerpt of it) merged in.
pub(crate) fn within(
    shifts: Option<&Shifts>,
    start: usize,
    end: usize,
    more: impl IntoIterator<Item = (usize, isize)>,
) -> Option<Shifts> {
    let mut all: Vec<(usize, isize)> = shifts
        .map(|s| {
            s.iter()
                .filter(|&&(at, _)| (start..=end).contains(&at))
                .map(|&(at, by)| (at - start, by))
                .collect()
        })
        .unwrap_or_default();
    all.extend(more);
    if all.is_empty() {
        return None;
    }
    all.sort_by_key(|&(at, _)| at);
    Some(all.into())
}
