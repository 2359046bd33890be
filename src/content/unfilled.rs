//! A page published with its archetype's headings and nothing under them: `pmo new`
//! writes the sections a kind needs as headings with hints in comments, and a page whose
//! `draft: true` was lifted before any text was written builds into empty sections.

use crate::content::front_matter;
use crate::content::page::Page;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::kinds::Kind;
use crate::markdown::{count_words, TocEntry};
use crate::t;

/// The warning for a page whose body is headings only — no prose, list, table, image or
/// block beside them — at its first heading; `None` for any other body (an empty one
/// included: a page may say all in its front matter), and for a project page or a
/// section, which show their data or their pages whatever their body holds.
pub fn headings_only(page: &Page) -> Option<Diagnostic> {
    if matches!(page.kind, Kind::Project | Kind::Section | Kind::Home) {
        return None;
    }
    let body = &page.body;
    let first = body.toc.first()?;
    if !body.blocks.is_empty() || body.word_count > heading_words(&body.toc) {
        return None;
    }
    let text = page.source.text(&page.path);
    // After the front matter, whose comments may hold the same words.
    let body_start = front_matter::split(&page.path, &text).map_or(0, |split| split.body.start);
    let at = text
        .get(body_start..)
        .and_then(|body| body.find(&first.title))
        .map_or(body_start, |i| body_start + i);
    Some(
        Diagnostic::warning(Problem::Content(t!(
            "the page has headings and nothing under them: its text is still to be written"
        )))
        .at(Location::new(&page.path, &text, at, first.title.len()))
        .with_help(t!(
            "write each section's text, or keep the page a draft (`draft: true`) until it is written"
        )),
    )
}

fn heading_words(toc: &[TocEntry]) -> usize {
    toc.iter()
        .map(|e| count_words(&e.title) + heading_words(&e.children))
        .sum()
}
