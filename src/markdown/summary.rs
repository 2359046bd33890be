//! A page's summary: the plain text of its first paragraph that holds any, shortened.

use pulldown_cmark::{Event, Tag, TagEnd};

/// How many characters a summary keeps.
const SUMMARY_CHARS: usize = 140;

/// The first paragraph's text, gathered from the page's events.
#[derive(Default)]
pub(super) struct Summary {
    /// Paragraphs open around the current event.
    depth: usize,
    /// Inside the first paragraph (not a heading's) whose text is taken.
    in_first: bool,
    /// A paragraph holding text was taken: the summary is done.
    done: bool,
    first: String,
}

impl Summary {
    /// Sees one event; `in_heading` when a heading is open.
    pub(super) fn see(&mut self, event: &Event<'_>, in_heading: bool) {
        match event {
            Event::Start(Tag::Paragraph) => {
                self.depth += 1;
                if !self.done && !in_heading {
                    self.in_first = true;
                }
            }
            Event::End(TagEnd::Paragraph) => {
                self.depth = self.depth.saturating_sub(1);
                if self.in_first && !self.first.is_empty() {
                    self.done = true;
                }
                self.in_first = false;
            }
            Event::Text(t) | Event::Code(t) if self.in_first && self.depth > 0 => {
                self.first.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak if self.in_first => self.first.push(' '),
            _ => {}
        }
    }

    /// The summary, shortened to [`SUMMARY_CHARS`].
    pub(super) fn finish(self) -> String {
        shorten(self.first.trim(), SUMMARY_CHARS)
    }
}

/// Cuts text to at most `max` characters on a character boundary, adding `…`.
pub(super) fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
    }
}
