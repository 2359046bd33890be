//! Footnotes that lead nowhere: a reference `[^1]` no line of the page defines, which
//! Markdown shows as typed without a word, and a definition `[^2]: …` nothing refers to,
//! which the page shows under a number no reader can reach.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, Tag};

use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::t;

/// The footnotes a page refers to and defines, gathered from its events.
#[derive(Default)]
pub(super) struct Footnotes {
    referred: HashSet<String>,
    /// Each definition's label and where it starts in the body.
    defined: Vec<(String, usize)>,
    /// Each reference Markdown left as text: its label and where its `[` is.
    undefined: Vec<(String, usize)>,
}

impl Footnotes {
    /// Looks at one event of the page's body `source`; `in_code` when it is inside a code
    /// block, where `[^1]` is an example, not a reference.
    pub(super) fn see(
        &mut self,
        event: &Event<'_>,
        range: &Range<usize>,
        source: &str,
        in_code: bool,
    ) {
        match event {
            Event::FootnoteReference(label) => {
                self.referred.insert(label.to_lowercase());
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.defined.push((label.to_string(), range.start));
            }
            Event::Text(text) if !in_code && text.starts_with('[') => {
                if let Some(label) = source.get(range.start..).and_then(unmade_reference) {
                    self.undefined.push((label.to_string(), range.start));
                }
            }
            _ => {}
        }
    }

    /// A warning at each reference without a definition and each definition without a
    /// reference (`base`: where the body starts in `text`).
    pub(super) fn finish(self, path: &Path, text: &Arc<str>, base: usize) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (label, at) in &self.undefined {
            out.push(
                Diagnostic::warning(Problem::Content(t!(
                    "the footnote `[^{label}]` is never defined: the page shows it as typed, brackets and all",
                    label = label.as_str()
                )))
                .at(Location::new(path, text, base + at, label.len() + 3))
                .with_help(t!(
                    "add a line `[^{label}]: the note's text` to the page (a blank line before it), or delete the reference",
                    label = label.as_str()
                )),
            );
        }
        for (label, at) in &self.defined {
            if self.referred.contains(&label.to_lowercase()) {
                continue;
            }
            out.push(
                Diagnostic::warning(Problem::Content(t!(
                    "the footnote `[^{label}]` is defined but nothing refers to it: the page lists it under a number no reader can reach",
                    label = label.as_str()
                )))
                .at(Location::new(path, text, base + at, label.len() + 3))
                .with_help(t!(
                    "write `[^{label}]` where the note belongs, or delete the definition",
                    label = label.as_str()
                )),
            );
        }
        out.sort_by_key(|d| d.location.as_ref().map(|l| l.offset));
        out
    }
}

/// A footnote's reference or definition with its label as its id, noted in `anchors`
/// for checking `#fragment`s: a label is its definition's id and its reference's
/// `#fragment`, renamed alike when it would take the theme's place. Any other event is
/// given back as it is.
pub(super) fn anchored<'a>(event: Event<'a>, anchors: &mut Vec<String>) -> Event<'a> {
    match event {
        Event::FootnoteReference(name) => {
            let name = footnote_id(name);
            anchors.push(name.to_string());
            Event::FootnoteReference(name)
        }
        Event::Start(Tag::FootnoteDefinition(name)) => {
            let name = footnote_id(name);
            anchors.push(name.to_string());
            Event::Start(Tag::FootnoteDefinition(name))
        }
        other => other,
    }
}

/// A footnote's label as its id: renamed with `-1` when it would take the theme's place
/// (`[^search-app]`, `[^PmoSearch]`), as a heading's or raw HTML's id is.
fn footnote_id(label: CowStr<'_>) -> CowStr<'_> {
    if crate::slugs::takes_theme_place(&label) {
        CowStr::from(format!("{label}-1"))
    } else {
        label
    }
}

/// The label of a footnote reference written at the start of `rest` (`[^1]`, `[^来源]`),
/// one Markdown did not make a footnote because nothing defines it.
fn unmade_reference(rest: &str) -> Option<&str> {
    let inner = rest.strip_prefix("[^")?;
    let end = inner.find(']')?;
    let label = &inner[..end];
    let fine = !label.is_empty()
        && label.chars().count() <= 100
        && !label.contains(|c: char| c.is_whitespace() || matches!(c, '[' | '^'));
    // `[^1]: …` is a definition (one pulldown-cmark did not take, as in a table).
    (fine && !inner[end + 1..].starts_with(':')).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::unmade_reference;

    #[test]
    fn reads_a_reference_left_as_text() {
        assert_eq!(unmade_reference("[^1] 之后"), Some("1"));
        assert_eq!(unmade_reference("[^来源]。"), Some("来源"));
        assert_eq!(unmade_reference("[^ 1]"), None);
        assert_eq!(unmade_reference("[^]"), None);
        assert_eq!(unmade_reference("[^1]: 定义"), None);
        assert_eq!(unmade_reference("[1]"), None);
    }
}
