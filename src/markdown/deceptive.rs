//! Link text that does not show as it is written. A bidirectional control (U+202E, the
//! right-to-left override, turns `moc.elpmaxe` into `example.com` on screen) or a
//! character that shows as nothing (a zero-width space) in a link's text lets the text
//! say one thing while the characters — and what a reader copies or trusts — say
//! another: `[https://pmo.example.com` U+202E `moc.live//:sptth](https://live.example.com)` shows
//! as `https://pmo.example.comhttps://live.com`.
//! Nothing runs, so the page is built; each such link is warned of at the character.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::Text;
use crate::t;

use super::body::Body;

/// Watches a page's events for link text holding a character that changes how it shows.
#[derive(Default)]
pub(super) struct Deceptive {
    /// Links open around the current event (a link inside an image's text, say).
    depth: usize,
    /// Told for the link open: one warning a link.
    told: bool,
}

impl Deceptive {
    /// Looks at one event of the page's body (`page.source`, at `page.base` in the file).
    pub(super) fn see(
        &mut self,
        event: &Event<'_>,
        range: &Range<usize>,
        page: &Body<'_>,
        problems: &mut Vec<Diagnostic>,
    ) {
        match event {
            Event::Start(Tag::Link { .. }) => {
                self.depth += 1;
                if self.depth == 1 {
                    self.told = false;
                }
            }
            Event::End(TagEnd::Link) => self.depth = self.depth.saturating_sub(1),
            Event::Text(shown) | Event::Code(shown) if self.depth > 0 && !self.told => {
                let Some(c) = shown.chars().find(|&c| hidden_name(c).is_some()) else {
                    return;
                };
                self.told = true;
                // At the character when it is written as itself; else (`&#x202E;`) at
                // the text that holds it.
                let start = range.start.min(page.source.len());
                let end = range.end.min(page.source.len());
                let at = page
                    .source
                    .get(start..end)
                    .and_then(|written| written.find(c))
                    .map_or(start, |i| start + i);
                let name = hidden_name(c).unwrap_or_else(|| t!("a zero-width space"));
                problems.push(
                    Diagnostic::warning(Problem::Content(t!(
                        "this link's text holds {name} (U+{code}), which changes how the text shows: what a reader sees of the link is not what it says, nor where it goes",
                        name = name,
                        code = format!("{:04X}", c as u32)
                    )))
                    .at(Location::new(
                        page.path,
                        page.text,
                        page.base + at,
                        c.len_utf8(),
                    ))
                    .with_help(t!("delete the character (an editor that shows invisible characters finds it), or retype the link's text")),
                );
            }
            _ => {}
        }
    }
}

/// The name of a character that reorders the text around it or shows as nothing.
/// Zero-width joiners and non-joiners are left alone: emoji and several scripts need them.
fn hidden_name(c: char) -> Option<Text> {
    match c {
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            Some(t!("a bidirectional control character"))
        }
        '\u{200E}' | '\u{200F}' | '\u{061C}' => Some(t!("a direction mark")),
        _ => crate::slugs::invisible_name(c).filter(|_| c != '\u{00AD}'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reordering_and_invisible_characters_are_named_and_others_are_not() {
        for c in [
            '\u{202E}', '\u{202A}', '\u{2066}', '\u{2069}', '\u{200F}', '\u{200B}', '\u{FEFF}',
        ] {
            assert!(hidden_name(c).is_some(), "{:04X}", c as u32);
        }
        for c in [
            'a', '项', '\u{200D}', '\u{200C}', '\u{00AD}', ' ', '\u{3000}',
        ] {
            assert!(hidden_name(c).is_none(), "{:04X}", c as u32);
        }
    }
}
