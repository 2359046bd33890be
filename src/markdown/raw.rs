//! Raw HTML in a page: what a browser or the sanitizer would do with it, told before
//! they do (a comment or `<script>` never closed, a script address the sanitizer drops),
//! and the addresses inside the site made placeholders as Markdown links are.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::body::Body;
use super::html::{self, find_ignore_case, raw_text_elements};
use super::links::{raw_links, scheme_of};
use super::Rendered;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::t;

/// Records what raw HTML `event` (at `range` of the body) holds and returns it with its
/// addresses inside the site made placeholders.
pub(super) fn inspect<'a>(
    event: Event<'a>,
    out: &mut Rendered,
    problems: &mut Vec<Diagnostic>,
    page: &Body<'_>,
    range: Range<usize>,
) -> Event<'a> {
    let (Event::Html(html) | Event::InlineHtml(html)) = &event else {
        return event;
    };
    out.has_raw_html = true;
    if let Some(at) = html.find("<!--") {
        // The block runs to the end of the page when nothing closes it.
        let start = find_ignore_case(&page.source[range.start..], "<!--")
            .map_or(range.start, |i| range.start + i);
        if !page.source[start + 4..].contains("-->") && !html[at..].contains("-->") {
            problems.push(
                Diagnostic::error(Problem::Content(t!(
                    "`<!--` is never closed: everything after it is hidden from the page"
                )))
                .at(Location::new(page.path, page.text, page.base + start, 4))
                .with_help(t!("close the comment with `-->`, or remove the `<!--`")),
            );
        }
    }
    for name in raw_text_elements(html) {
        // The event's text may lack a list's or quote's indent: find the tag
        // in the file itself.
        let start = find_ignore_case(&page.source[range.start..], &format!("<{name}"))
            .map_or(range.start, |at| range.start + at);
        let closed = find_ignore_case(&page.source[start..], &format!("</{name}"));
        if closed.is_some() {
            out.dropped_html.push((name.to_string(), page.base + start));
            continue;
        }
        problems.push(
            Diagnostic::error(Problem::Content(t!("`<{name}>` is never closed: a browser would swallow everything after it", name = name)))
            .at(Location::new(page.path, page.text, page.base + start, name.len() + 1))
            .with_help(t!("close it with `</{name}>`, or, to show the tag as text, write it as code: `<{name}>` between backticks", name = name)),
        );
    }
    let written = &page.source[range.clone()];
    for attribute in html::url_attributes(html) {
        // As a browser follows it: `&#106;avascript:` and `java&#9;script:` run too.
        let value = crate::escape::followed_address(attribute.value);
        let scheme = scheme_of(&value).map(str::to_ascii_lowercase);
        if matches!(scheme.as_deref(), Some("javascript" | "vbscript" | "data")) {
            let at = written.find(attribute.value).unwrap_or(0);
            out.dropped_links
                .push((value, page.base + range.start + at));
        } else if attribute.is_image && matches!(scheme.as_deref(), Some("http" | "https")) {
            let at = written.find(attribute.value).unwrap_or(0);
            problems.push(super::links::remote_image(
                page.path,
                page.text,
                &value,
                page.base + range.start + at,
                attribute.value.len(),
            ));
        } else if leaves_unsaid(&value) {
            let at = written.find(attribute.value).unwrap_or(0);
            out.offsite_links
                .push((value, page.base + range.start + at));
        }
    }
    match raw_links(
        out,
        html,
        &page.source[range.clone()],
        page.base + range.start,
    ) {
        Some(rewritten) if matches!(event, Event::Html(_)) => Event::Html(CowStr::from(rewritten)),
        Some(rewritten) => Event::InlineHtml(CowStr::from(rewritten)),
        None => event,
    }
}

/// Whether an address (as a browser follows it) leaves the site without a scheme:
/// `//host/x`, and `\\host/x` or `/\host/x`, which a browser reads the same. An image so
/// written loaded from any host the author named.
pub fn leaves_unsaid(address: &str) -> bool {
    let mut start = address.trim_start().chars().take(2);
    matches!(
        (start.next(), start.next()),
        (Some('/' | '\\'), Some('/' | '\\'))
    )
}
