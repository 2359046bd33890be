//! A page published with its archetype's headings and nothing under them: `pmo new`
//! writes the sections a kind needs as headings with hints in comments, and a page whose
//! `draft: true` was lifted before any text was written builds into empty sections.

use std::path::Path;

use super::{count_words, Rendered, TocEntry};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::source::Source;
use crate::t;

/// The warning for a body of headings only — no prose, list, table, image or block
/// beside them — at its first heading; `None` for any other body (an empty one
/// included: a page may say all in its front matter).
pub fn headings_only(path: &Path, source: &Source, body: &Rendered) -> Option<Diagnostic> {
    let first = body.toc.first()?;
    if !body.blocks.is_empty() || body.word_count > heading_words(&body.toc) {
        return None;
    }
    let text = source.text(path);
    // After the front matter, whose comments may hold the same words.
    let body_start = ["---", "+++"]
        .iter()
        .filter(|fence| text.starts_with(**fence))
        .find_map(|fence| text[3..].find(&format!("\n{fence}")).map(|end| end + 7))
        .unwrap_or(0)
        .min(text.len());
    let at = text
        .get(body_start..)
        .and_then(|body| body.find(&first.title))
        .map_or(body_start, |i| body_start + i);
    Some(
        Diagnostic::warning(Problem::Content(t!(
            "the page has headings and nothing under them: its text is still to be written"
        )))
        .at(Location::new(path, &text, at, first.title.len()))
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
