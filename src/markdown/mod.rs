//! Markdown to HTML, in one pass over pulldown-cmark's events.
//!
//! The pass also collects what later stages need so nothing is parsed twice: heading
//! anchors and the table of contents, every link with its position (checked and
//! resolved by the link stage), a word count and a summary. Links that point inside the
//! site are written as placeholders (`"pmo-link:N"`) because their final relative URL
//! depends on targets that may not be loaded yet; [`substitute_links`] fills them in.

use crate::t;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, Problem};
use html::{find_ignore_case, Nesting};
pub use html::{unlink, MAX_NESTING};

mod balance;
mod body;
mod callout;
mod code;
mod confluence;
mod deceptive;
mod fences;
mod footnotes;
mod foreign;
mod html;
mod links;
mod packed;
mod panels;
mod raw;
pub use raw::{leaves_unsaid, sanitizer_warnings};
pub(crate) mod spill;
mod summary;
mod tasks;
mod toc;
mod unclosed;
mod words;
pub(crate) use balance::balance;
pub use callout::callout_titles;
pub use fences::{block_marker, embedded_block_marker, RawBlock};
pub use links::{scheme_of, substitute_links, unembed};
use links::{unread_links, Guard};
pub use packed::Packed;
pub use spill::Spill;
pub use toc::TocEntry;
pub use unclosed::unclosed_warnings;
pub use words::{count_words, is_cjk};

/// A link or image destination as written, with its place in the file.
#[derive(Debug, Clone)]
pub struct LinkRef {
    pub dest: String,
    /// Byte range of the whole link in the file (not just the body).
    pub span: Range<usize>,
    pub is_image: bool,
    /// Written in raw HTML: a target the build does not know is the author's own
    /// business (a warning, and the address is kept as written).
    pub raw: bool,
    /// A wiki link (`[[页面]]`, `![[图.png]]`): `dest` is the page's title or file name
    /// as written, found in the link stage; one found nowhere is shown as its text.
    pub wiki: bool,
}

/// The result of rendering one page body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML with `"pmo-link:N"` placeholders for `links[N]`, packed until render: at
    /// 100,000 pages it was the largest thing a build held.
    pub html: Packed,
    pub toc: Vec<TocEntry>,
    /// The footnotes' anchor ids, for checking `#fragment`s with the headings' (see
    /// [`Rendered::anchor_ids`]): the headings' ids are the toc's, not held twice.
    pub anchors: Vec<String>,
    pub links: Vec<LinkRef>,
    pub blocks: Vec<RawBlock>,
    /// Raw HTML was present: the page must be sanitized unless the site trusts its authors.
    pub has_raw_html: bool,
    /// Raw elements whose whole content a sanitizer drops (`<style>`, `<script>` …):
    /// the tag's name and its byte offset in the file, for a warning when it is dropped.
    pub dropped_html: Vec<(String, usize)>,
    /// Raw HTML addresses a sanitizer drops because they can run a script
    /// (`javascript:`, `vbscript:`, `data:`): the address and its byte offset in the
    /// file. A Markdown link so written is an error; the raw one would vanish unsaid.
    pub dropped_links: Vec<(String, usize)>,
    /// Raw HTML addresses a sanitizer drops because they leave the site without naming
    /// how (`//host/x`, `\\host/x`, which a browser reads as `//host/x`): the address and
    /// its byte offset. A Markdown link so written is an error.
    pub offsite_links: Vec<(String, usize)>,
    /// Raw elements the page leaves open, closed for it where their block ends: the
    /// tag's name and its byte offset in the file, for [`unclosed_warnings`].
    pub unclosed_html: Vec<(String, usize)>,
    pub word_count: usize,
    /// Plain text of the first paragraph, shortened.
    pub first_paragraph: String,
    /// The page's plain text (headings, paragraphs, lists, table rows that say something
    /// in words), one block per line: what search indexes and quotes in excerpts. Packed
    /// like the HTML: read by the related and index stages only, it was after the HTML the
    /// largest part of a 100k build's memory.
    pub text: Packed,
    /// What the page shows that is not its own prose, one block per line: table rows
    /// that are mostly numbers and list items that are only a link (a "related pages"
    /// list). Searched, never quoted: an excerpt of `1 · 2 · 3 · 5 · 10`, or of other
    /// pages' titles, tells a reader nothing (see `prose`).
    pub aside: String,
}

impl Rendered {
    /// Every anchor id in the page, the headings' in their order, then the footnotes'.
    pub fn anchor_ids(&self) -> Vec<&str> {
        fn walk<'a>(toc: &'a [TocEntry], out: &mut Vec<&'a str>) {
            for entry in toc {
                out.push(&entry.id);
                walk(&entry.children, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.toc, &mut out);
        out.extend(self.anchors.iter().map(String::as_str));
        out
    }
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_GFM
}

/// Renders `text[body]` (the part after the front matter). Problems such as unsafe link
/// schemes are returned as diagnostics placed in `path`.
pub fn render(path: &Path, text: &Arc<str>, body: Range<usize>) -> (Rendered, Vec<Diagnostic>) {
    let (out, _, problems) = render_with_text(path, text, body);
    (out, problems)
}

/// [`render`], also returning the plain text it packed into [`Rendered::text`]: loading
/// reads its start for the page's language, which unpacking again would cost.
pub fn render_with_text(
    path: &Path,
    text: &Arc<str>,
    body: Range<usize>,
) -> (Rendered, String, Vec<Diagnostic>) {
    let base = body.start;
    // Confluence's panel markers blanked, each pair drawn as a callout around its text.
    let (mut panels, source) = panels::Panels::find(&text[body]);
    let page = body::Body {
        path,
        text,
        base,
        source: &source,
    };
    let source = page.source;
    let mut out = Rendered::default();
    // The plain text, packed into `out.text` at the end.
    let mut plain = String::new();
    let mut problems = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut nesting = Nesting::default();
    let mut headings = toc::Headings::default();
    let mut summary = summary::Summary::default();
    let mut guard = Guard::default();
    let mut blocks = fences::Blocks::default();
    let mut prose = crate::prose::Prose::default();

    let mut unclosed = unclosed::Unclosed::default();
    let mut foreign = foreign::Foreign::default();
    let mut callouts = callout::Callouts::default();
    let mut footnotes = footnotes::Footnotes::default();
    let mut deceptive = deceptive::Deceptive::default();
    let mut code = code::CodeBlocks::default();

    let broken = std::cell::RefCell::new(Vec::new());
    let mut note_broken = |link: pulldown_cmark::BrokenLink<'_>| {
        broken.borrow_mut().push((link.span, link.link_type));
        None
    };
    let parser = Parser::new_with_broken_link_callback(source, options(), Some(&mut note_broken));
    for (event, range) in parser.into_offset_iter() {
        // First: an event nesting too deep is not looked into further (a line of
        // 100,000 `<div>`s is one event).
        if let Some(depth) = nesting.step(&event) {
            problems.push(
                Diagnostic::error(Problem::Content(t!("elements nested {depth} deep: pages may nest at most {max} elements (lists, quotes, raw HTML)", depth = depth, max = MAX_NESTING)))
                .at(page.at(range.start, 1))
                .with_help(t!("flatten the structure; deeper nesting makes pages that browsers and the sanitizer handle very slowly")),
            );
            // One report is enough; the rest of the page is not rendered.
            break;
        }
        panels.before(&event, range.start, &mut plain, &mut events);
        let in_code = code.see(&event);
        let title = |at| callout::title_html(&page, at, &mut out, &mut problems);
        if callouts.take(&event, &range, source, &mut plain, &mut events, title) {
            continue;
        }
        footnotes.see(&event, &range, source, in_code);
        unclosed.see(&event, source, &range);
        foreign.see(&event, &range, &page, in_code, &mut problems);
        deceptive.see(&event, &range, &page, &mut problems);
        // Inside a chart or table block: gather its text instead of rendering it.
        if blocks.gather(&event, &range, &page, &mut events, &mut out.blocks) {
            continue;
        }
        prose.before(&event, &plain);
        if blocks.open(&event, &range, &page, &mut problems) {
            continue;
        }
        let event = match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                links::addressed(event, &mut out, &mut problems, &page, &range)
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                raw::inspect(event, &mut out, &mut problems, &page, range.clone())
            }
            Event::TaskListMarker(done) => tasks::checkbox(done, &mut events),
            other => footnotes::anchored(other, &mut out.anchors),
        };
        summary.see(&event, headings.is_open());
        match &event {
            Event::Text(t) | Event::Code(t) => {
                out.word_count += count_words(t);
                plain.push_str(t);
                headings.text(t);
            }
            Event::SoftBreak | Event::HardBreak => plain.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => plain.push('\n'),
            _ => {}
        }
        prose.after(&event, &mut plain, &mut out.aside);
        if let Some(event) = headings.take(event, &mut events) {
            guard.push(event, &mut events);
        }
    }

    panels.finish(&mut events);
    let mut html = String::with_capacity(source.len() + source.len() / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if out.has_raw_html {
        // What the author's HTML left open must not run into the next block or the theme.
        html = balance::balance(&html);
    }
    // HTML forbids most control characters; a pasted one would fail a validator. A
    // character reference (`&#xFFFE;`) brings back what loading dropped from the text.
    out.html = Packed::new(&crate::escape::cleaned(&html));
    out.unclosed_html = unclosed
        .finish()
        .into_iter()
        .map(|(name, at)| (name, base + at))
        .collect();
    out.toc = headings.finish();
    out.first_paragraph = summary.finish();
    // Every page's text is kept until the index is written: the room the strings grew
    // into (up to twice their length) was, with the HTML's, a third of a 10k build's
    // peak memory; packed, the text itself takes about half.
    // As the HTML: what a character reference brought back is dropped here too.
    let plain = crate::escape::cleaned_owned(plain);
    out.text = Packed::new(&plain);
    out.aside.shrink_to_fit();
    problems.extend(unread_links(path, text, base, &broken.into_inner()));
    problems.extend(footnotes.finish(path, text, base));
    (out, plain, problems)
}

#[cfg(test)]
mod tests;
