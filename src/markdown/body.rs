//! The page body a pass reads, shared by every pass that tells a problem at its place:
//! the file as shown, the file's text, and where the body (after the front matter)
//! starts in it. Events' ranges count from the body's start; diagnostics from the file's.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::Location;

/// The body of a page being rendered.
pub(super) struct Body<'a> {
    pub path: &'a Path,
    pub text: &'a Arc<str>,
    /// Where `source` starts in `text`.
    pub base: usize,
    /// The body's own text, `text[base..]` up to its end.
    pub source: &'a str,
}

impl Body<'_> {
    /// The place `len` bytes long at byte `at` of the body, counted in the file.
    pub(super) fn at(&self, at: usize, len: usize) -> Location {
        Location::new(self.path, self.text, self.base + at, len)
    }
}
