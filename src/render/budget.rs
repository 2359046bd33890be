//! A bound on the work of one page's render. A site's own template is author input, and
//! Tera 2 renders whatever it is given for as long as it takes: three loops over the
//! pages, one inside the other, or two over `range(end=100000)`, made `pmo build` run
//! for days. Every loop's iterations are counted (see [`super::instrument`]) and the
//! bytes a render writes are counted too; past either limit the render stops with an
//! error at the loop, instead of the build never ending. A value needs no loop to grow:
//! each `{% set s = s ~ s %}` doubles `s`, and 24 of them took 1.7 GB. So every value a
//! `{% set %}` gives is measured too ([`MAX_VALUE`]), and the render stops at the first
//! one past it.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::{self, Write};

use super::instrument::{ITEM_CALL, LOOP_CALL, VALUE_FILTER};

/// Loop iterations (of `{% for %}` bodies and list comprehensions together) one page's
/// render may run. The default theme runs at most 520 on a page of the 10,000-page
/// benchmark corpus; 10 million take about a second (release build).
pub const MAX_ITERATIONS: u64 = 10_000_000;

/// Bytes one page's render may write (256 MiB). The largest page of the 10,000-page
/// benchmark corpus is 0.3 MB; one showing the most table cells a page may (200,000)
/// is a few MB.
pub const MAX_BYTES: u64 = 256 << 20;

/// The text one value a template sets may hold (64 MiB), its lists' and maps' items
/// together: a page's whole content is a few MB at most (see [`MAX_BYTES`]), and a list
/// of 64 MB that a `join` or `~` turns into one text already takes that much again.
pub const MAX_VALUE: u64 = 64 << 20;

/// How deep a value a template sets may nest lists and maps in one another. The site's
/// own data nests a few levels; `{% set m = {"a": m} %}` in a loop nested a million deep,
/// and dropping or printing such a value overflows the stack.
pub const MAX_DEPTH: u32 = 100;

/// Past this many bytes written the render stops at once, at whatever it was writing
/// (four times [`MAX_BYTES`]): a list of a hundred thousand 64 MB texts, written in one
/// `{{ }}`, would otherwise be read out to its end before the next loop step.
const CUT_OFF: u64 = 4 * MAX_BYTES;

/// What a render ran out of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spent {
    Iterations,
    Bytes,
    /// A value set of more than [`MAX_VALUE`] bytes.
    Value,
    /// A value set nested more than [`MAX_DEPTH`] deep.
    Depth,
    /// The rendering thread's heap grew past [`crate::heap::RENDER_SOFT`].
    Memory,
}

#[derive(Clone, Copy, Default)]
struct Count {
    iterations: u64,
    bytes: u64,
    spent: Option<Spent>,
}

thread_local! {
    /// The count of the render running on this thread: a render runs on one thread
    /// from start to end, and the counting calls cannot be handed any state of ours.
    static COUNT: Cell<Count> = const { Cell::new(Count { iterations: 0, bytes: 0, spent: None }) };
}

thread_local! {
    /// The lists and maps measured during the render running on this thread, by address,
    /// with their size and depth: a value set again (`{% set doc = page %}` in a loop), or
    /// put inside a new one (`{% set m = {"a": m} %}`), is not walked again. Each is kept
    /// alive until the render ends, so that its address cannot be taken by another.
    static MEASURED: RefCell<HashMap<usize, (Size, tera::Value)>> = RefCell::new(HashMap::new());
}

/// One more iteration of a loop; an error once the render has spent its budget.
fn step() -> tera::TeraResult<()> {
    let mut count = COUNT.get();
    count.iterations += 1;
    if count.spent.is_none() && count.iterations > MAX_ITERATIONS {
        count.spent = Some(Spent::Iterations);
    }
    COUNT.set(count);
    spent()
}

/// An error once the render has spent its budget, its memory included: each loop step,
/// `set` and write asks.
fn spent() -> tera::TeraResult<()> {
    if crate::heap::grown() > crate::heap::RENDER_SOFT {
        let mut count = COUNT.get();
        count.spent.get_or_insert(Spent::Memory);
        COUNT.set(count);
    }
    match COUNT.get().spent {
        // Replaced by the build's own message (see `Templates::spent`).
        Some(_) => Err(tera::Error::message("the render's budget is spent")),
        None => Ok(()),
    }
}

/// The text a value holds and how deep it nests.
#[derive(Clone, Copy, Default)]
struct Size {
    bytes: u64,
    depth: u32,
}

/// The size of `value`, its lists and maps measured once per render.
fn size(value: &tera::Value) -> Size {
    if let Some(text) = value.as_str() {
        return Size {
            bytes: text.len() as u64,
            depth: 0,
        };
    }
    if let Some(bytes) = value.as_bytes() {
        return Size {
            bytes: bytes.len() as u64,
            depth: 0,
        };
    }
    let address = match (value.as_array(), value.as_map()) {
        (Some(items), _) => items.as_ptr() as usize,
        (None, Some(map)) => std::ptr::from_ref(map) as usize,
        // A number, a boolean or none: a few bytes as text.
        (None, None) => return Size { bytes: 8, depth: 0 },
    };
    if let Some(known) = MEASURED.with_borrow(|m| m.get(&address).map(|(s, _)| *s)) {
        return known;
    }
    let mut total = Size::default();
    let mut add = |part: Size| {
        total.bytes = total.bytes.saturating_add(part.bytes);
        total.depth = total.depth.max(part.depth + 1);
    };
    if let Some(items) = value.as_array() {
        items.iter().for_each(|item| add(size(item)));
    } else if let Some(map) = value.as_map() {
        for (key, item) in map {
            add(Size {
                bytes: key.as_str().map_or(8, |k| k.len() as u64),
                depth: 0,
            });
            add(size(item));
        }
    }
    MEASURED.with_borrow_mut(|m| m.insert(address, (total, value.clone())));
    total
}

/// `value`, set by the template: an error past [`MAX_VALUE`] or [`MAX_DEPTH`].
fn measured(value: tera::Value) -> tera::TeraResult<tera::Value> {
    let Size { bytes, depth } = size(&value);
    let over = if bytes > MAX_VALUE {
        Some(Spent::Value)
    } else if depth > MAX_DEPTH {
        Some(Spent::Depth)
    } else {
        None
    };
    if let Some(over) = over {
        let mut count = COUNT.get();
        count.spent.get_or_insert(over);
        COUNT.set(count);
    }
    spent().map(|()| value)
}

/// Registers the counting calls [`super::instrument`] puts into templates.
pub fn register(tera: &mut tera::Tera) {
    tera.register_function(LOOP_CALL, |_: tera::Kwargs, _: &tera::State| {
        step().map(|()| "")
    });
    tera.register_function(ITEM_CALL, |_: tera::Kwargs, _: &tera::State| {
        step().map(|()| true)
    });
    tera.register_filter(
        VALUE_FILTER,
        |value: tera::Value, _: tera::Kwargs, _: &tera::State| measured(value),
    );
}

/// A failed render.
pub enum Failure {
    /// Tera's own error.
    Tera(tera::Error),
    /// The render ran out of its budget: Tera's error where it stopped, unless it had
    /// come to the end.
    Spent(Spent, Option<tera::Error>),
}

/// `template` rendered with `ctx`, within the budget.
pub fn render(tera: &tera::Tera, template: &str, ctx: &tera::Context) -> Result<String, Failure> {
    COUNT.set(Count::default());
    MEASURED.with_borrow_mut(HashMap::clear);
    let mut out = Bounded(Vec::new());
    crate::heap::arm();
    let result = tera.render_to(template, ctx, &mut out);
    let _ = spent();
    crate::heap::disarm();
    let count = COUNT.replace(Count::default());
    MEASURED.with_borrow_mut(HashMap::clear);
    match (result, count.spent) {
        (Err(error), Some(spent)) => Err(Failure::Spent(spent, Some(error))),
        (Err(error), None) => Err(Failure::Tera(error)),
        // Written past the limit after the last loop's last step.
        (Ok(()), Some(spent)) => Err(Failure::Spent(spent, None)),
        (Ok(()), None) => String::from_utf8(out.0).map_err(|e| Failure::Tera(e.into())),
    }
}

/// The page being written, which stops growing at [`MAX_BYTES`]: the next loop step
/// then fails.
struct Bounded(Vec<u8>);

impl Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut count = COUNT.get();
        count.bytes += buf.len() as u64;
        if count.bytes > MAX_BYTES {
            count.spent.get_or_insert(Spent::Bytes);
        } else {
            self.0.extend_from_slice(buf);
        }
        COUNT.set(count);
        if count.bytes > CUT_OFF {
            return Err(io::Error::other("the render's budget is spent"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(template: &str) -> tera::Tera {
        let mut tera = tera::Tera::new();
        register(&mut tera);
        let (text, _) = super::super::instrument::instrument(template, true);
        tera.add_raw_template("t.html", &text).unwrap();
        tera
    }

    #[test]
    fn loops_within_the_budget_render_as_written() {
        let tera = counted("{% for a in range(end=3) %}{% for b in [1, 2] %}{{ a }}{{ b }} {% endfor %}{% endfor %}{{ [x for x in range(end=3)] }}");
        let html = render(&tera, "t.html", &tera::Context::new()).ok().unwrap();
        assert_eq!(html, "01 02 11 12 21 22 [0, 1, 2]");
    }

    #[test]
    fn a_page_past_the_size_limit_stops() {
        let tera = counted("{% set s = \"x\" %}{% for n in range(end=24) %}{% set_global s = s ~ s %}{% endfor %}{% for a in range(end=100) %}{{ s }}{% endfor %}");
        let failure = render(&tera, "t.html", &tera::Context::new())
            .err()
            .unwrap();
        assert!(matches!(failure, Failure::Spent(Spent::Bytes, Some(_))));
        // The next render on this thread starts afresh.
        let tera = counted("{% for a in [1] %}{{ a }}{% endfor %}");
        assert_eq!(
            render(&tera, "t.html", &tera::Context::new()).ok().unwrap(),
            "1"
        );
    }
}
