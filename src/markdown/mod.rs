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

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::source::Source;
use html::{find_ignore_case, Nesting};
pub use html::{unlink, MAX_NESTING};

mod balance;
mod callout;
mod deceptive;
mod footnotes;
mod foreign;
mod html;
mod links;
mod packed;
mod raw;
pub use raw::leaves_unsaid;
pub(crate) mod spill;
mod unclosed;
use crate::escape;
use crate::slugs::{slugify, Unique};
pub use callout::callout_titles;
use links::{guarded, link_dest, unread_links, wiki_dest};
pub use links::{scheme_of, substitute_links, unembed};
pub use packed::Packed;
pub use spill::Spill;

/// A heading in the table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

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

/// A ```chart or ```table block: its text is a spec read by the charts module, and the
/// HTML holds `<div class="pmo-block">pmo-block:N</div>` where its figure goes.
#[derive(Debug, Clone, PartialEq)]
pub struct RawBlock {
    pub chart: bool,
    pub text: String,
    /// Byte offset in the file where the block's text starts.
    pub offset: usize,
    /// Byte offset of the opening fence, for errors about the block as a whole.
    pub fence: usize,
}

/// The marker a block's figure replaces; plain text in a div so it survives sanitizing.
pub fn block_marker(n: usize) -> String {
    format!("<div class=\"pmo-block\">pmo-block:{n}</div>")
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

const SUMMARY_CHARS: usize = 140;

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
    let source = &text[body];
    let mut out = Rendered::default();
    // The plain text, packed into `out.text` at the end.
    let mut plain = String::new();
    let mut problems = Vec::new();
    let mut ids = Unique::default();
    let mut events: Vec<Event> = Vec::new();
    let mut heading: Option<(HeadingLevel, Option<String>, usize)> = None;
    let mut heading_text = String::new();
    let mut paragraph_depth = 0usize;
    let mut in_first_paragraph = false;
    let mut first_done = false;
    let mut nesting = Nesting::default();
    // Inside an image's description (its `alt`): see [`guarded`].
    let mut image_depth = 0usize;

    let mut block: Option<RawBlock> = None;
    let mut prose = crate::prose::Prose::default();

    let mut unclosed = unclosed::Unclosed::default();
    let mut foreign = foreign::Foreign::default();
    let mut callouts = callout::Callouts::default();
    let mut footnotes = footnotes::Footnotes::default();
    let mut deceptive = deceptive::Deceptive::default();

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
                .at(Location::new(path, text, base + range.start, 1))
                .with_help(t!("flatten the structure; deeper nesting makes pages that browsers and the sanitizer handle very slowly")),
            );
            // One report is enough; the rest of the page is not rendered.
            break;
        }
        match callouts.step(&event, &range, source) {
            callout::Step::Pass => {}
            callout::Step::Skip => continue,
            callout::Step::Html(html, title) => {
                if let Some(title) = title {
                    plain.push_str(&title);
                }
                plain.push('\n');
                events.push(Event::Html(CowStr::from(html)));
                continue;
            }
        }
        footnotes.see(&event, &range, source);
        unclosed.see(&event, source, &range);
        let body = foreign::Body {
            path,
            text,
            base,
            source,
        };
        foreign.see(&event, &range, &body, &mut problems);
        deceptive.see(&event, &range, &body, &mut problems);
        // Inside a chart or table block: gather its text instead of rendering it.
        if let Some(b) = block.as_mut() {
            match event {
                Event::Text(t) => {
                    if b.text.is_empty() {
                        b.offset = base + range.start;
                    }
                    b.text.push_str(&t);
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some(done) = block.take() {
                        events.push(Event::Html(CowStr::from(block_marker(out.blocks.len()))));
                        out.blocks.push(done);
                    }
                }
                _ => {}
            }
            continue;
        }
        prose.before(&event, &plain);
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = &event {
            let word = info.split_whitespace().next().unwrap_or("");
            let runs_to_end = range.end >= source.trim_end().len();
            if (word == "chart" || word == "table")
                && runs_to_end
                && !fence_closed(&source[range.clone()])
            {
                // Read as settings, the rest of the page would give a puzzling error at
                // its first line of prose, or none when only headings (TOML comments)
                // follow: the page would lose them without a word.
                problems.push(
                    Diagnostic::error(Problem::Content(t!("this ```{kind} block is never closed: everything after it, to the end of the page, would be read as its settings", kind = word.to_string())))
                    .at(Location::new(path, text, base + range.start, 3 + word.len()))
                    .with_help(t!("end the block's settings with a line of ``` of its own")),
                );
            } else if word == "chart" || word == "table" {
                block = Some(RawBlock {
                    chart: word == "chart",
                    text: String::new(),
                    offset: base + range.start,
                    fence: base + range.start,
                });
                continue;
            } else if let Some(name) = ["chart", "table"]
                .into_iter()
                .find(|name| word.eq_ignore_ascii_case(name))
            {
                // The names are read in lower case only: ```Chart is a code block in a
                // language called Chart, its settings shown and nothing drawn.
                problems.push(
                    Diagnostic::warning(Problem::Content(t!(
                        "```{word} is shown as code, not drawn: did you mean ```{name}?",
                        word = word.to_string(),
                        name = name
                    )))
                    .at(Location::new(path, text, base + range.start, 3 + word.len()))
                    .with_help(t!(
                        "write the block's name in lower case, ```{name}, for the {name} to be made",
                        name = name
                    )),
                );
            }
            if !matches!(word, "chart" | "table")
                && runs_to_end
                && !fence_closed(&source[range.clone()])
            {
                // Any other code block left open swallows the headings and prose after
                // it, published as code without a word (the eighteenth hunt).
                let open = source[range.clone()].trim_start_matches(' ');
                let mark = open.chars().next().unwrap_or('`');
                let fence: String = open.chars().take_while(|&c| c == mark).collect();
                problems.push(
                    Diagnostic::warning(Problem::Content(t!("this code block is never closed: everything after it, to the end of the page, shows as code")))
                    .at(Location::new(path, text, base + range.start, fence.len()))
                    .with_help(t!("end the code with a line of {fence} of its own", fence = fence)),
                );
            }
        }
        let event = match event {
            // `[[页面]]`, `![[图.png]]`: found by title or file name in the link stage.
            Event::Start(Tag::Link {
                link_type: link_type @ LinkType::WikiLink { .. },
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: wiki_dest(
                    &mut out,
                    &dest_url,
                    base + range.start..base + range.end,
                    false,
                ),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type: link_type @ LinkType::WikiLink { .. },
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: wiki_dest(
                    &mut out,
                    &dest_url,
                    base + range.start..base + range.end,
                    true,
                ),
                title,
                id,
            }),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = link_dest(
                    &mut out,
                    &mut problems,
                    path,
                    text,
                    &dest_url,
                    base + range.start..base + range.end,
                    false,
                );
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = link_dest(
                    &mut out,
                    &mut problems,
                    path,
                    text,
                    &dest_url,
                    base + range.start..base + range.end,
                    true,
                );
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                let page = raw::Page {
                    path,
                    text,
                    base,
                    source,
                };
                raw::inspect(event, &mut out, &mut problems, &page, range.clone())
            }
            Event::Start(Tag::Paragraph) => {
                paragraph_depth += 1;
                if !first_done && heading.is_none() {
                    in_first_paragraph = true;
                }
                event
            }
            Event::End(TagEnd::Paragraph) => {
                plain.push('\n');
                paragraph_depth = paragraph_depth.saturating_sub(1);
                if in_first_paragraph && !out.first_paragraph.is_empty() {
                    first_done = true;
                }
                in_first_paragraph = false;
                event
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                out.word_count += count_words(t);
                plain.push_str(t);
                if heading.is_some() {
                    heading_text.push_str(t);
                }
                if in_first_paragraph && paragraph_depth > 0 {
                    out.first_paragraph.push_str(t);
                }
                event
            }
            Event::SoftBreak | Event::HardBreak => {
                if in_first_paragraph {
                    out.first_paragraph.push(' ');
                }
                plain.push(' ');
                event
            }
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => {
                plain.push('\n');
                event
            }
            // A footnote's label is its definition's id and its reference's `#fragment`:
            // renamed alike when it would take the theme's place.
            Event::FootnoteReference(name) => {
                let name = footnote_id(name);
                out.anchors.push(name.to_string());
                Event::FootnoteReference(name)
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let name = footnote_id(name);
                out.anchors.push(name.to_string());
                Event::Start(Tag::FootnoteDefinition(name))
            }
            // A task's box is a picture of its state, not a control: hidden from assistive
            // technology (an unlabelled checkbox is a form field without a name), with the
            // state told in a mark that needs no translation.
            Event::TaskListMarker(done) => {
                mark_task_item(&mut events);
                Event::Html(CowStr::Borrowed(if done {
                    "<input type=\"checkbox\" disabled=\"\" checked=\"\" aria-hidden=\"true\"><span class=\"visually-hidden\">☑ </span>"
                } else {
                    "<input type=\"checkbox\" disabled=\"\" aria-hidden=\"true\"><span class=\"visually-hidden\">☐ </span>"
                }))
            }
            other => other,
        };
        prose.after(&event, &mut plain, &mut out.aside);

        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level, id.map(|s| s.to_string()), events.len()));
                heading_text.clear();
                // Placeholder; replaced with the finished start tag at the end of the heading.
                events.push(Event::Text(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Heading(level)) => {
                let Some((_, explicit, at)) = heading.take() else {
                    continue;
                };
                let title = heading_text.trim().to_string();
                let wanted = explicit.unwrap_or_else(|| slugify(&title, "section"));
                // `{#PmoSearch}` would be `window.PmoSearch` under the theme's scripts.
                let wanted = if crate::slugs::shadows_script_name(&wanted) {
                    format!("{wanted}-1")
                } else {
                    wanted
                };
                let id = ids.claim_free(wanted, crate::slugs::is_theme_id);
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
                out.toc.push(TocEntry {
                    level: level as u8,
                    id,
                    title,
                    children: Vec::new(),
                });
            }
            Event::Start(Tag::Image { .. }) => {
                image_depth += 1;
                events.push(event);
            }
            Event::End(TagEnd::Image) => {
                image_depth = image_depth.saturating_sub(1);
                events.push(event);
            }
            other => events.push(guarded(&other, image_depth > 0).unwrap_or(other)),
        }
    }

    let mut html = String::with_capacity(source.len() + source.len() / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if out.has_raw_html {
        // What the author's HTML left open must not run into the next block or the theme.
        html = balance::balance(&html);
    }
    // HTML forbids most control characters; a pasted one would fail a validator.
    out.html = Packed::new(&crate::escape::without_controls(&html));
    out.unclosed_html = unclosed
        .finish()
        .into_iter()
        .map(|(name, at)| (name, base + at))
        .collect();
    out.toc = nest_toc(std::mem::take(&mut out.toc));
    out.first_paragraph = shorten(out.first_paragraph.trim(), SUMMARY_CHARS);
    // Every page's text is kept until the index is written: the room the strings grew
    // into (up to twice their length) was, with the HTML's, a third of a 10k build's
    // peak memory; packed, the text itself takes about half.
    out.text = Packed::new(&plain);
    out.aside.shrink_to_fit();
    problems.extend(unread_links(path, text, base, &broken.into_inner()));
    problems.extend(footnotes.finish(path, text, base));
    (out, plain, problems)
}

/// Gives the item a task's box is in the class the theme drops the bullet by: a bullet
/// and a box side by side are two markers for one item. The box comes first in its item
/// (inside a paragraph in a loose list), so the item is the last one opened.
fn mark_task_item(events: &mut [Event<'_>]) {
    if let Some(item) = events
        .iter_mut()
        .rev()
        .find(|event| matches!(event, Event::Start(Tag::Item)))
    {
        *item = Event::Html(CowStr::Borrowed("<li class=\"task-list-item\">"));
    }
}

/// Words as a reader counts them: each CJK character is a word, Latin words by spaces.
pub fn count_words(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            count += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                count += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    count
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x20000..=0x2FA1F)
}

/// Cuts text to at most `max` characters on a character boundary, adding `…`.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
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

/// Whether a fenced code block (`block`, its source from the opening fence on) ends with
/// a closing fence: a line of at least as many of the opening fence's character and
/// nothing else (after the `>` of a quote it stands in). Markdown closes an unclosed
/// block at the end of the document, or of the list item or quote holding it.
fn fence_closed(block: &str) -> bool {
    let open = block.trim_start_matches(' ');
    let Some(mark) = open.chars().next() else {
        return false;
    };
    let width = open.chars().take_while(|&c| c == mark).count();
    let body = block.trim_end_matches(['\n', '\r', ' ']);
    match body.rsplit_once('\n') {
        Some((_, last)) => {
            let last = last.trim_start_matches([' ', '>']).trim_end();
            last.chars().count() >= width && last.chars().all(|c| c == mark)
        }
        // The fence line alone: nothing closes it.
        None => false,
    }
}

/// A warning at each raw element `page` leaves open (see [`unclosed`]): `path` and
/// `source` are the page's file as shown and its text, read only if there is one.
pub fn unclosed_warnings(path: &Path, source: &Source, body: &Rendered) -> Vec<Diagnostic> {
    if body.unclosed_html.is_empty() {
        return Vec::new();
    }
    let text = source.text(path);
    body.unclosed_html
        .iter()
        .map(|(name, at)| {
            Diagnostic::warning(Problem::Content(t!("`<{name}>` is never closed: it is closed for you where its paragraph or block ends, which may not be where you meant", name = name.clone())))
            .at(Location::new(path, &text, *at, name.len() + 1))
            .with_help(t!("close it with `</{name}>` where it should end", name = name.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests;
