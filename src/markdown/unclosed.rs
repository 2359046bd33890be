//! Which of an author's raw HTML elements [`super::balance`] will close for them, found
//! at their place in the file. The balanced page is valid either way, but an element
//! closed where its Markdown block ends (or at the end of the page) is seldom where the
//! author meant it to end: the rest of a sentence turns bold, a `<div>` swallows the
//! sections after it. So each is a warning at its start tag.
//!
//! This mirrors the balancing on the source's events: a Markdown container (paragraph,
//! list item, emphasis…) closes whatever raw element is still open inside it, and a raw
//! end tag closes the nearest raw element of its name opened in the same container.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Tag};

use super::balance::{scan, RawTag};
use super::Rendered;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::source::Source;
use crate::t;

/// Elements whose end tag HTML lets an author leave out: never a warning.
const OPTIONAL_END: &[&str] = &[
    "li", "dt", "dd", "p", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
    "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
];

enum Open {
    /// A container the Markdown renderer writes, closed by its own end event.
    Markdown,
    /// A raw element: its name and its start tag's offset in the source.
    Raw(String, usize),
}

/// Follows a page's events; [`Unclosed::finish`] gives each raw element left open as
/// (name, offset in the Markdown source).
#[derive(Default)]
pub(crate) struct Unclosed {
    open: Vec<Open>,
    /// Where each [`Open::Markdown`] stands in `open`, innermost last: an end tag looked
    /// for the innermost one by walking down the stack, and 100,000 `<div>`s opened and
    /// closed on one line took a minute.
    markdown: Vec<usize>,
    found: Vec<(String, usize)>,
}

impl Unclosed {
    /// Sees one event of the source, at `range` of the Markdown source.
    pub(crate) fn see(&mut self, event: &Event, source: &str, range: &Range<usize>) {
        match event {
            // An HTML block writes no element of its own around the author's HTML.
            Event::Start(Tag::HtmlBlock) | Event::End(pulldown_cmark::TagEnd::HtmlBlock) => {}
            Event::Start(_) => {
                self.markdown.push(self.open.len());
                self.open.push(Open::Markdown);
            }
            Event::End(_) => {
                self.markdown.pop();
                while let Some(top) = self.open.pop() {
                    match top {
                        Open::Markdown => break,
                        Open::Raw(name, at) => self.left_open(name, at),
                    }
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => self.raw(html, source, range),
            _ => {}
        }
    }

    fn raw(&mut self, html: &str, source: &str, range: &Range<usize>) {
        // The event's text may lack a list's or quote's indent: each tag is found in the
        // file itself, after the one before it.
        let mut cursor = range.start;
        for (_, tag) in scan(html) {
            match tag {
                RawTag::Open(name) => {
                    let at = super::find_ignore_case(
                        source.get(cursor..range.end).unwrap_or(""),
                        &format!("<{name}"),
                    )
                    .map_or(cursor, |i| cursor + i);
                    cursor = (at + 1).min(range.end.max(cursor));
                    self.open.push(Open::Raw(name, at));
                }
                RawTag::Close(name) => {
                    let inside = self.markdown.last().map_or(0, |at| at + 1);
                    let matching = self.open[inside..]
                        .iter()
                        .rposition(|o| matches!(o, Open::Raw(n, _) if *n == name));
                    if let Some(m) = matching {
                        let mut inner: Vec<Open> = self.open.drain(inside + m..).collect();
                        inner.remove(0);
                        for o in inner.into_iter().rev() {
                            if let Open::Raw(n, at) = o {
                                self.left_open(n, at);
                            }
                        }
                    }
                }
            }
        }
    }

    fn left_open(&mut self, name: String, at: usize) {
        if !OPTIONAL_END.contains(&name.as_str()) {
            self.found.push((name, at));
        }
    }

    /// Every raw element left open, in source order.
    pub(crate) fn finish(mut self) -> Vec<(String, usize)> {
        while let Some(top) = self.open.pop() {
            if let Open::Raw(name, at) = top {
                self.left_open(name, at);
            }
        }
        self.found.sort_by_key(|(_, at)| *at);
        self.found
    }
}

/// A warning at each raw element `page` leaves open (see [`Unclosed`]): `path` and
/// `source` are the page's file as shown and its text, read only if there is one.
pub fn unclosed_warnings(path: &Path, source: &Source, body: &Rendered) -> Vec<Diagnostic> {
    if body.unclosed_html.is_empty() {
        return Vec::new();
    }
    let text = source.text(path);
    body.unclosed_html
        .iter()
        .map(|(name, at)| {
            Diagnostic::warning(Problem::Content(t!("`<{name}>` is never closed: it is closed for you where its paragraph or block ends, which may not be where you meant", name = name.clone())))
            .at(Location::new(path, &text, *at, name.len() + 1))
            .with_help(t!("close it with `</{name}>` where it should end", name = name.clone()))
        })
        .collect()
}
