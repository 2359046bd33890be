//! Raw HTML in a page: what a browser or the sanitizer would do with it, told before
//! they do (a comment or `<script>` never closed, a script address the sanitizer drops),
//! and the addresses inside the site made placeholders as Markdown links are.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

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

impl Rendered {
    /// Whether the sanitizer drops something of this body that its author is told of.
    pub fn sanitized_anything(&self) -> bool {
        !(self.dropped_links.is_empty()
            && self.offsite_links.is_empty()
            && self.dropped_html.is_empty())
    }
}

/// The warnings for what the sanitizer drops from `body`, the page at `path` holding
/// `text`: an element with its content, a script address, an address leaving the site
/// unsaid. Told of a page that builds and of one that fails alike: a page failing on
/// its front matter had its `<script>` dropped unsaid, so the author mended the field
/// and learnt of the script only in the next run.
pub fn sanitizer_warnings(body: &Rendered, path: &Path, text: &Arc<str>) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (url, at) in &body.dropped_links {
        warnings.push(
            Diagnostic::warning(Problem::Content(t!("the address `{url}` is removed from the page: raw HTML is sanitized, and such an address can run a script", url = url)))
            .at(Location::new(path, text, *at, url.len()))
            .with_help(t!("link to an http(s) address or to a page's .md file instead")),
        );
    }
    for (url, at) in &body.offsite_links {
        warnings.push(
            Diagnostic::warning(Problem::Content(t!("the address `{url}` is removed from the page: it leaves the site without saying how (a browser reads `\\\\` as `//`), and would load from any host it names", url = url)))
            .at(Location::new(path, text, *at, url.len()))
            .with_help(t!("write the whole address (https://…) for a link; save an image next to the page and use its path")),
        );
    }
    for (name, at) in &body.dropped_html {
        warnings.push(
            Diagnostic::warning(Problem::Content(t!("`<{name}>` is removed from the page with everything in it: raw HTML is sanitized", name = name)))
            .at(Location::new(path, text, *at, name.len() + 1))
            .with_help(match name.as_str() {
                "style" => t!("style pages through the theme (static/css/ or templates/); inline styles are not kept"),
                _ => t!("remove it; if every author of this site may run scripts, set `trust_html = true` in site.toml"),
            }),
        );
    }
    warnings
}
