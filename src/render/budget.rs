//! A bound on the work of one page's render. A site's own template is author input, and
//! Tera 2 renders whatever it is given for as long as it takes: three loops over the
//! pages, one inside the other, or two over `range(end=100000)`, made `pmo build` run
//! for days. Every loop's iterations are counted (see [`super::instrument`]) and the
//! bytes a render writes are counted too; past either limit the render stops with an
//! error at the loop, instead of the build never ending.

use std::cell::Cell;
use std::io::{self, Write};

use super::instrument::{ITEM_CALL, LOOP_CALL};

/// Loop iterations (of `{% for %}` bodies and list comprehensions together) one page's
/// render may run. The default theme runs at most 520 on a page of the 10,000-page
/// benchmark corpus; 10 million take about a second (release build).
pub const MAX_ITERATIONS: u64 = 10_000_000;

/// Bytes one page's render may write (256 MiB). The largest page of the 10,000-page
/// benchmark corpus is 0.3 MB; one showing the most table cells a page may (200,000)
/// is a few MB.
pub const MAX_BYTES: u64 = 256 << 20;

/// What a render ran out of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spent {
    Iterations,
    Bytes,
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

/// One more iteration of a loop; an error once the render has spent its budget.
fn step() -> tera::TeraResult<()> {
    let mut count = COUNT.get();
    count.iterations += 1;
    if count.spent.is_none() && count.iterations > MAX_ITERATIONS {
        count.spent = Some(Spent::Iterations);
    }
    COUNT.set(count);
    match count.spent {
        // Replaced by the build's own message (see `Templates::spent`).
        Some(_) => Err(tera::Error::message("the render's budget is spent")),
        None => Ok(()),
    }
}

/// Registers the counting calls [`super::instrument`] puts into templates.
pub fn register(tera: &mut tera::Tera) {
    tera.register_function(LOOP_CALL, |_: tera::Kwargs, _: &tera::State| {
        step().map(|()| "")
    });
    tera.register_function(ITEM_CALL, |_: tera::Kwargs, _: &tera::State| {
        step().map(|()| true)
    });
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
    let mut out = Bounded(Vec::new());
    let result = tera.render_to(template, ctx, &mut out);
    let count = COUNT.replace(Count::default());
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
        let (text, _) = super::super::instrument::instrument(template);
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
