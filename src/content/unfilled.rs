//! A page published as `pmo new` wrote it: the archetype's headings, and under them only
//! its hints in comments, list items and checkboxes holding a comment, and tables whose
//! cells are blank but for their labels. A page whose `draft: true` was lifted before any
//! text was written builds into empty sections, `1. 2. 3.` and blank checkboxes.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::content::front_matter;
use crate::content::page::Page;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::kinds::Kind;
use crate::markdown::{count_words, TocEntry};
use crate::t;

/// How many words beside its headings a page may hold and still be a scaffold: the
/// labels of the archetypes' tables (`角色`, `项目经理`, `Cost` …) are a few dozen. A page
/// with more is written, and is not read again to find out (a one-shot build let its
/// text go once parsed).
const LABEL_WORDS: usize = 100;

/// The warning for a page whose body holds nothing its author wrote beside headings,
/// at its first heading; `None` for any other body (an empty one included: a page may
/// say all in its front matter), and for a section or the home page, which show their
/// pages whatever their body holds.
pub fn headings_only(page: &Page) -> Option<Diagnostic> {
    if matches!(page.kind, Kind::Section | Kind::Home) {
        return None;
    }
    let body = &page.body;
    let first = body.toc.first()?;
    if !body.blocks.is_empty() || body.word_count > heading_words(&body.toc) + LABEL_WORDS {
        return None;
    }
    let text = page.source.text(&page.path);
    let body_range =
        front_matter::split(&page.path, &text).map_or(0..text.len(), |split| split.body);
    let heading = unwritten(&text, body_range)?;
    // At the title, not the `##` before it; the heading's start if it is not found as typed.
    let at = text
        .get(heading.clone())
        .and_then(|h| h.find(&first.title))
        .map_or(heading.start, |i| heading.start + i);
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

/// The warning for a page with nothing below its front matter (not even a comment's
/// worth of text), at its closing fence: published, it shows its title alone. Hugo and
/// Zola build such a page without a word, but in a portal it is a page saved before its
/// text was written, or whose text went into the front matter. A section, the home page
/// and a project (whose figures are its front matter and tables) say what they have to
/// without a body; a page whose front matter gives a `summary` says it there.
pub fn nothing_below(page: &Page) -> Option<Diagnostic> {
    if matches!(page.kind, Kind::Section | Kind::Home | Kind::Project)
        || page.draft
        || page.explicit_summary
        || page.body.word_count > 0
        || !page.body.toc.is_empty()
        || !page.body.blocks.is_empty()
    {
        return None;
    }
    let text = page.source.text(&page.path);
    let split = front_matter::split(&page.path, &text).ok()?;
    let mut body = text.get(split.body.clone())?.to_string();
    while let Some(open) = body.find("<!--") {
        let end = body[open..]
            .find("-->")
            .map_or(body.len(), |e| open + e + 3);
        body.replace_range(open..end, "");
    }
    if !body.trim().is_empty() {
        return None;
    }
    // The closing fence: the line just before the body.
    let fence_end = text[..split.body.start]
        .trim_end_matches(['\n', '\r'])
        .len();
    let fence_start = text[..fence_end].rfind('\n').map_or(0, |i| i + 1);
    Some(
        Diagnostic::warning(Problem::Content(t!(
            "the page has nothing below its front matter: it is published as its title alone"
        )))
        .at(Location::new(&page.path, &text, fence_start, fence_end - fence_start))
        .with_help(t!(
            "write the page's text below this line; keep the page a draft (`draft: true`) until it is written, or give it a `summary:` if the front matter says all"
        )),
    )
}

/// Where the first heading of `text[body]` is, when nothing beside its headings was
/// written: no text outside the headings, a table's header row and (in a table of
/// several columns) its first column; no HTML but comments; no image, code or footnote.
fn unwritten(text: &str, body: Range<usize>) -> Option<Range<usize>> {
    let markdown = text.get(body.clone())?;
    let mut first: Option<Range<usize>> = None;
    let (mut in_heading, mut in_head, mut in_comment) = (false, false, false);
    let (mut columns, mut cell) = (0, 0);
    for (event, range) in Parser::new_ext(markdown, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                first.get_or_insert(body.start + range.start..body.start + range.end);
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::Table(aligns)) => columns = aligns.len(),
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => cell = 0,
            Event::End(TagEnd::TableCell) => cell += 1,
            Event::Text(words) | Event::Code(words) => {
                let label = in_head || (cell == 0 && columns > 1);
                if !in_heading && !label && !words.trim().is_empty() {
                    return None;
                }
            }
            Event::Html(html) | Event::InlineHtml(html)
                if !only_comments(&html, &mut in_comment) =>
            {
                return None;
            }
            Event::Start(Tag::Image { .. } | Tag::CodeBlock(_) | Tag::FootnoteDefinition(_))
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => return None,
            _ => {}
        }
    }
    first
}

/// Whether a piece of raw HTML holds only comments (and space), carrying whether a
/// comment is still open into the next piece: a comment over several lines comes a line
/// at a time.
fn only_comments(mut html: &str, in_comment: &mut bool) -> bool {
    loop {
        if *in_comment {
            match html.find("-->") {
                Some(end) => {
                    html = &html[end + 3..];
                    *in_comment = false;
                }
                None => return true,
            }
        }
        let rest = html.trim_start();
        if rest.is_empty() {
            return true;
        }
        match rest.strip_prefix("<!--") {
            Some(after) => {
                html = after;
                *in_comment = true;
            }
            None => return false,
        }
    }
}

fn heading_words(toc: &[TocEntry]) -> usize {
    toc.iter()
        .map(|e| count_words(&e.title) + heading_words(&e.children))
        .sum()
}
