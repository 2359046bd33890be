//! Headings: each given a unique id (its own `{#id}` or a slug of its text) that stays
//! clear of the theme's ids and scripts, an anchor link, and a place in the table of
//! contents.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use serde::Serialize;

use crate::escape;
use crate::slugs::{slugify, Unique};

/// A heading in the table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// The heading open and the ones done, in the page's order.
#[derive(Default)]
pub(super) struct Headings {
    /// The open heading's level, its `{#id}` if written, and where its start tag's
    /// placeholder stands in the events.
    open: Option<(HeadingLevel, Option<String>, usize)>,
    /// The open heading's text.
    text: String,
    ids: Unique,
    /// Every heading done, flat.
    toc: Vec<TocEntry>,
}

impl Headings {
    /// Whether a heading is open: its text is the heading's, not a paragraph's.
    pub(super) fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Text of the page's (inside a heading, the heading's).
    pub(super) fn text(&mut self, text: &str) {
        if self.open.is_some() {
            self.text.push_str(text);
        }
    }

    /// Takes a heading's start or end into `events` (the start as a placeholder until
    /// the id is known at its end); gives any other event back.
    pub(super) fn take<'a>(
        &mut self,
        event: Event<'a>,
        events: &mut Vec<Event<'a>>,
    ) -> Option<Event<'a>> {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.open = Some((level, id.map(|s| s.to_string()), events.len()));
                self.text.clear();
                // Placeholder; replaced with the finished start tag at the end of the heading.
                events.push(Event::Text(CowStr::Borrowed("")));
                None
            }
            Event::End(TagEnd::Heading(level)) => {
                let (_, explicit, at) = self.open.take()?;
                let title = self.text.trim().to_string();
                let wanted = explicit.unwrap_or_else(|| slugify(&title, "section"));
                // `{#PmoSearch}` would be `window.PmoSearch` under the theme's scripts.
                let wanted = if crate::slugs::shadows_script_name(&wanted) {
                    format!("{wanted}-1")
                } else {
                    wanted
                };
                let id = self.ids.claim_free(wanted, crate::slugs::is_theme_id);
                events[at] = Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id.clone())),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                });
                events.push(Event::Html(CowStr::from(format!(
                    "<a class=\"anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>",
                    escape::xml(&id)
                ))));
                events.push(Event::End(TagEnd::Heading(level)));
                self.toc.push(TocEntry {
                    level: level as u8,
                    id,
                    title,
                    children: Vec::new(),
                });
                None
            }
            other => Some(other),
        }
    }

    /// The table of contents: each heading holding the deeper ones after it.
    pub(super) fn finish(self) -> Vec<TocEntry> {
        nest_toc(self.toc)
    }
}

/// Turns the flat heading list into a tree: each heading holds the deeper ones after it.
fn nest_toc(flat: Vec<TocEntry>) -> Vec<TocEntry> {
    let mut root: Vec<TocEntry> = Vec::new();
    for entry in flat {
        insert_toc(&mut root, entry);
    }
    root
}

fn insert_toc(list: &mut Vec<TocEntry>, entry: TocEntry) {
    match list.last_mut() {
        Some(last) if last.level < entry.level => insert_toc(&mut last.children, entry),
        _ => list.push(entry),
    }
}
