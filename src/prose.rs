//! Which of a page's plain text is its own prose, and which only accompanies it.
//!
//! Search indexes everything a page shows, but an excerpt quotes prose: a table row of
//! figures (`1 · 2 · 3 · 5 · 10`) or a list of links to other pages (their titles, under
//! "相关 Related") says nothing about the page a reader is deciding to open, and quoting
//! other pages' titles makes every result look like another. While Markdown is turned
//! into text, [`Prose`] moves such blocks from the text to the page's *aside*, which is
//! searched with the body but never quoted.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Follows the Markdown events of one page; see the module's doc.
#[derive(Debug, Default)]
pub struct Prose {
    /// Where the table row being read starts in the text.
    row: usize,
    /// Per open list item: where it starts in the text, and the bytes of link text read
    /// before it started.
    items: Vec<(usize, usize)>,
    /// Open links (a link inside a link is not Markdown, but raw HTML may nest).
    links: usize,
    /// Bytes of text read inside links so far.
    linked: usize,
    /// Length of the text before the current event, to count the link text it adds.
    before: usize,
}

impl Prose {
    /// Called with each event before its text is added to `text`.
    pub fn before(&mut self, event: &Event<'_>, text: &str) {
        self.before = text.len();
        match event {
            Event::Start(Tag::TableRow | Tag::TableHead) => self.row = text.len(),
            Event::Start(Tag::Item) => self.items.push((text.len(), self.linked)),
            Event::Start(Tag::Link { .. }) => self.links += 1,
            Event::End(TagEnd::Link) => self.links = self.links.saturating_sub(1),
            _ => {}
        }
    }

    /// Called with each event after its text was added to `text`: a finished block that
    /// is not prose moves to `aside`.
    pub fn after(&mut self, event: &Event<'_>, text: &mut String, aside: &mut String) {
        if self.links > 0 {
            self.linked += text.len().saturating_sub(self.before);
        }
        let start = match event {
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                Some(self.row).filter(|&row| text.get(row..).is_some_and(is_numeric))
            }
            Event::End(TagEnd::Item) => self.items.pop().and_then(|(start, linked)| {
                let item = text.get(start..)?;
                let words = item.trim().len();
                // Only a link (or links): the whole item's words are link text.
                (words > 0 && self.linked - linked >= words).then_some(start)
            }),
            _ => None,
        };
        if let Some(start) = start.filter(|&s| s <= text.len() && text.is_char_boundary(s)) {
            aside.push_str(&text[start..]);
            text.truncate(start);
        }
    }
}

/// Whether a table row is figures rather than words: it holds more digits than letters
/// (CJK characters count as letters). `2024-03 · 120,000 · 0.95` is; `供应商 · 延期 · 3`
/// is not.
pub fn is_numeric(row: &str) -> bool {
    let (digits, letters) = row.chars().fold((0usize, 0usize), |(d, l), c| {
        if c.is_numeric() {
            (d + 1, l)
        } else if c.is_alphabetic() {
            (d, l + 1)
        } else {
            (d, l)
        }
    });
    digits > letters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_numeric_and_words_are_not() {
        assert!(is_numeric("2024-03\n120,000\n0.95\n"));
        assert!(is_numeric("5\n5\n10\n"));
        assert!(!is_numeric("供应商\n延期\n3\n"));
        assert!(!is_numeric("预算 budget (万元)\n450\n480\n+6.7%\n"));
    }
}
