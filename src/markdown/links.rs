//! The links of a page: what goes into each `href` and `src`, the placeholders that
//! stand for addresses inside the site until every page is loaded, and the links
//! Markdown left as text (a reference never defined, a wiki link).

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::body::Body;
use super::{html, LinkRef, Rendered};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::escape;
use crate::t;

/// What an address inside the site is written as until [`substitute_links`] resolves it.
pub(super) const PLACEHOLDER: &str = "pmo-link:";

/// Whether `written` is a run of bracketed numbers (`[1][2]`, `[3][]`).
fn is_citation(written: &str) -> bool {
    written.split(['[', ']']).all(|part| {
        part.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | ' '))
    })
}

/// Links Markdown left as text, brackets and all: a reference whose label no line of
/// the page defines (`[清单][供应商]`, `[x][]`) and a link whose address holds a space
/// (`[x](other page.md)`), which Markdown does not take for an address. A lone `[草稿]`
/// is ordinary text to its author, so a shortcut reference is told only when followed by
/// such an address.
pub(super) fn unread_links(
    path: &Path,
    text: &Arc<str>,
    base: usize,
    broken: &[(Range<usize>, LinkType)],
) -> Vec<Diagnostic> {
    let source = &text[base..];
    let mut out = Vec::new();
    for (span, kind) in broken {
        let written = &source[span.clone()];
        let d = match kind {
            LinkType::Shortcut => match spaced_address(source, span) {
                Some(spaced) => spaced.told(path, text, base),
                None => continue,
            },
            // `文献[1][2]`: citation marks, not a link.
            LinkType::Reference | LinkType::Collapsed if is_citation(written) => continue,
            LinkType::Reference | LinkType::Collapsed => {
                let label = match written.rfind("][") {
                    Some(i) if !written.ends_with("[]") => &written[i + 1..],
                    _ => written.trim_end_matches("[]"),
                };
                Diagnostic::warning(Problem::Content(t!(
                    "`{written}` refers to the link `{label}`, which this page never defines: the page shows it as written, brackets and all",
                    written = written,
                    label = label
                )))
                .at(Location::new(path, text, base + span.start, written.len()))
                .with_help(t!(
                    "add a line `{label}: address` to the page, or write the link in place: [text](address)",
                    label = label
                ))
            }
            _ => continue,
        };
        out.push(d);
    }
    out
}

/// `[text](an address with spaces)` that Markdown shows as written: the bracket at
/// `span` followed on its line by `(…)` holding a space.
struct SpacedAddress<'a> {
    /// The whole of it, `!` of an image included, and where it starts in the body.
    written: &'a str,
    start: usize,
    text: &'a str,
    address: &'a str,
}

fn spaced_address<'a>(source: &'a str, span: &Range<usize>) -> Option<SpacedAddress<'a>> {
    let rest = source[span.end..].strip_prefix('(')?;
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let address = &line[..line.find(')')?];
    // A Hugo shortcode in the address (`[x]({{< ref "x.md" >}})`) is told as such,
    // with the link to write (`foreign.rs`): angle brackets would not mend it.
    if !address.trim().contains(char::is_whitespace)
        || address.starts_with('<')
        || address.trim_start().starts_with("{{")
    {
        return None;
    }
    // An image's span starts at its `!`.
    let label = source[span.clone()].trim_start_matches('!');
    let end = span.end + 1 + address.len() + 1;
    Some(SpacedAddress {
        written: &source[span.start..end],
        start: span.start,
        text: label.strip_prefix('[')?.strip_suffix(']')?,
        address,
    })
}

impl SpacedAddress<'_> {
    /// An error when the address names a file (`.md`, `.png` …: the author meant a
    /// link), else a warning (`[说明](参见 第三章)` may be meant as text).
    fn told(&self, path: &Path, text: &Arc<str>, base: usize) -> Diagnostic {
        let problem = Problem::Content(t!(
            "`{written}` is no link: Markdown takes no address holding a space, so the page shows it as written, brackets and all",
            written = self.written
        ));
        let last = self.address.rsplit('/').next().unwrap_or(self.address);
        let names_a_file = last.rsplit_once('.').is_some_and(|(_, ext)| {
            (1..=5).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric())
        });
        let d = if names_a_file {
            Diagnostic::error(problem)
        } else {
            Diagnostic::warning(problem)
        };
        let bang = if self.written.starts_with('!') {
            "!"
        } else {
            ""
        };
        d.at(Location::new(path, text, base + self.start, self.written.len()))
            .with_help(t!(
                "put the address in angle brackets, `{bang}[{label}](<{address}>)`, or rename the file without spaces",
                bang = bang,
                label = self.text,
                address = self.address
            ))
    }
}

/// The warning for an image loaded from another host (`address`, at `start` of `text`):
/// kept, but the portal is otherwise self-contained, and the host sees every reader.
pub(super) fn remote_image(
    path: &Path,
    text: &Arc<str>,
    address: &str,
    start: usize,
    len: usize,
) -> Diagnostic {
    Diagnostic::warning(Problem::Content(t!(
        "the image `{address}` is loaded from another host each time the page is opened: the portal is otherwise self-contained, and that host sees who reads the page",
        address = address
    )))
    .at(Location::new(path, text, start, len))
    .with_help(t!("save the image next to the page and give its path, e.g. `![Process](process.png)`"))
}

/// A link's or image's start (at `range` of `body`) with what goes into its `href` or
/// `src`: a wiki link (`[[页面]]`, `![[图.png]]`) is found by title or file name in the
/// link stage, any other address as [`link_dest`] decides. Any other event is given back
/// as it is.
pub(super) fn addressed<'a>(
    event: Event<'a>,
    out: &mut Rendered,
    problems: &mut Vec<Diagnostic>,
    body: &Body<'_>,
    range: &Range<usize>,
) -> Event<'a> {
    let span = body.base + range.start..body.base + range.end;
    let mut dest = |link_type: LinkType, dest_url: &CowStr<'a>, is_image: bool| {
        if matches!(link_type, LinkType::WikiLink { .. }) {
            wiki_dest(out, dest_url, span.clone(), is_image)
        } else {
            link_dest(
                out,
                problems,
                body.path,
                body.text,
                dest_url,
                span.clone(),
                is_image,
            )
        }
    };
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = dest(link_type, &dest_url, false);
            if link_type == LinkType::Autolink && title.is_empty() {
                // `<https://…>` shows its address as its text: marked so that print
                // does not add the address a second time after it.
                let href = crate::escape::ascii_uri(&dest_url).replace('&', "&amp;");
                return Event::InlineHtml(CowStr::from(format!(
                    "<a class=\"bare-address\" href=\"{href}\">"
                )));
            }
            if let Some(readable) = readable_address(&dest_url) {
                // The address as written, for print to show after the link: the href
                // is percent-encoded, which no reader of the paper can type back.
                let href = crate::escape::ascii_uri(&dest_url).replace('&', "&amp;");
                let title = match title.is_empty() {
                    true => String::new(),
                    false => format!(" title=\"{}\"", crate::escape::xml(&title)),
                };
                return Event::InlineHtml(CowStr::from(format!(
                    "<a href=\"{href}\"{title} data-address=\"{}\">",
                    crate::escape::xml(&readable)
                )));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: dest(link_type, &dest_url, true),
            title,
            id,
        }),
        other => other,
    }
}

/// An external web address holding more than ASCII (`https://wiki.example.cn/pmo/来料`,
/// or the same percent-encoded), as a reader would type it: none for one all ASCII,
/// which prints as its `href` does.
fn readable_address(dest: &str) -> Option<String> {
    let scheme = scheme_of(dest)?.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let readable = crate::escape::percent_decode(dest);
    // Bytes that are no UTF-8 (`%B2`, a GBK address) print as encoded.
    let garbled = readable.contains('\u{FFFD}') && !dest.contains('\u{FFFD}');
    (!readable.is_ascii() && !garbled && !readable.chars().any(char::is_control))
        .then_some(readable)
}

/// Decides what goes into the `href`/`src`: external links stay, unsafe schemes are
/// neutralised (and reported), everything inside the site becomes a placeholder.
fn link_dest<'a>(
    out: &mut Rendered,
    problems: &mut Vec<Diagnostic>,
    path: &Path,
    text: &Arc<str>,
    dest: &CowStr<'a>,
    span: Range<usize>,
    is_image: bool,
) -> CowStr<'a> {
    if dest.is_empty() {
        return dest.clone();
    }
    // A browser drops tabs and line breaks from an address and trims controls and
    // spaces at its ends: `jav&#x09;ascript:` runs as `javascript:`. Taken for a path in
    // the site, it was told as a broken link only once every other unsafe link was gone.
    let followed = as_followed(dest);
    if let Some(scheme) = scheme_of(&followed) {
        let hidden = scheme_of(dest).is_none();
        if !hidden
            && matches!(
                scheme.to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto" | "tel"
            )
        {
            if is_image {
                problems.push(remote_image(path, text, dest, span.start, span.len()));
            }
            return dest.clone();
        }
        let location = Location::new(path, text, span.start, span.len());
        let shown = if hidden {
            crate::escape::controls_escaped(dest).into_owned()
        } else {
            dest.to_string()
        };
        problems.push(
            Diagnostic::error(Problem::UnsafeLink(shown))
                .at(location)
                .with_help(t!(
                    "link to a page with a relative path to its .md file, or to an http(s) address"
                )),
        );
        return CowStr::Borrowed("#");
    }
    out.links.push(LinkRef {
        dest: dest.to_string(),
        span,
        is_image,
        raw: false,
        wiki: false,
    });
    if dest.starts_with('#') {
        return dest.clone();
    }
    CowStr::from(format!("{PLACEHOLDER}{}", out.links.len() - 1))
}

/// `dest` as a browser reads its scheme (see [`crate::escape::followed_address`]; the
/// references are decoded already): borrowed when it holds nothing a browser drops.
fn as_followed(dest: &str) -> std::borrow::Cow<'_, str> {
    if !dest.contains(|c: char| c <= ' ') {
        return std::borrow::Cow::Borrowed(dest);
    }
    std::borrow::Cow::Owned(
        dest.chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect::<String>()
            .trim_matches(|c: char| c <= ' ')
            .to_string(),
    )
}

/// The placeholder for a wiki link to `dest` (`页面 标题#小节`, `图.png`) at `span`: no
/// scheme is read from it, as a title may hold a colon (`周会: 第三季度`).
fn wiki_dest<'a>(out: &mut Rendered, dest: &str, span: Range<usize>, is_image: bool) -> CowStr<'a> {
    out.links.push(LinkRef {
        dest: dest.to_string(),
        span,
        is_image,
        raw: false,
        wiki: true,
    });
    CowStr::from(format!("{PLACEHOLDER}{}", out.links.len() - 1))
}

/// The events of a page's HTML as they are pushed, each text guarded (see [`guarded`])
/// knowing whether it is an image's description.
#[derive(Default)]
pub(super) struct Guard {
    /// Inside an image's description (its `alt`).
    image_depth: usize,
}

impl Guard {
    pub(super) fn push<'a>(&mut self, event: Event<'a>, events: &mut Vec<Event<'a>>) {
        match event {
            Event::Start(Tag::Image { .. }) => {
                self.image_depth += 1;
                events.push(event);
            }
            Event::End(TagEnd::Image) => {
                self.image_depth = self.image_depth.saturating_sub(1);
                events.push(event);
            }
            other => events.push(guarded(&other, self.image_depth > 0).unwrap_or(other)),
        }
    }
}

/// A text or code span that spells a placeholder between quotes (`"pmo-link:0"`, typed in
/// prose or a code sample), written with its quotes as references: Markdown writes text
/// with `"` as it is, and [`substitute_links`] put a page's address where the author's
/// words stood. `None` for any other event, and for text in an image's description,
/// which Markdown writes into the `alt` attribute with its quotes escaped already.
fn guarded<'a>(event: &Event<'a>, in_image: bool) -> Option<Event<'a>> {
    let (text, code) = match event {
        Event::Text(t) => (t, false),
        Event::Code(t) => (t, true),
        _ => return None,
    };
    if in_image || !text.contains(&format!("\"{PLACEHOLDER}")) {
        return None;
    }
    let escaped = escape::xml(text);
    Some(Event::Html(CowStr::from(if code {
        format!("<code>{escaped}</code>")
    } else {
        escaped
    })))
}

/// Raw HTML with the addresses inside the site made placeholders, as Markdown links are,
/// or `None` when it has none. `written` is the event's text as the file has it (an
/// indented block's lines may differ from the event's), starting at byte `at`.
pub(super) fn raw_links(
    out: &mut Rendered,
    html: &str,
    written: &str,
    at: usize,
) -> Option<String> {
    let inside = |dest: &str| {
        !dest.is_empty()
            && !dest.starts_with('#')
            && !super::raw::leaves_unsaid(dest)
            && scheme_of(dest).is_none()
    };
    // Each with its address as a browser reads it (references decoded).
    let attributes: Vec<_> = html::url_attributes(html)
        .into_iter()
        .map(|a| {
            let dest = crate::escape::followed_address(a.value);
            (a, dest)
        })
        .filter(|(_, dest)| inside(dest))
        .collect();
    if attributes.is_empty() {
        return None;
    }
    let mut rewritten = String::with_capacity(html.len() + 16 * attributes.len());
    let (mut done, mut searched) = (0, 0);
    for (attribute, dest) in attributes {
        let value = &html[attribute.written.clone()];
        let start = match written[searched..].find(value) {
            Some(i) => searched + i,
            None => searched,
        };
        searched = (start + value.len()).min(written.len());
        out.links.push(LinkRef {
            dest,
            span: at + start..at + searched,
            is_image: attribute.is_image,
            raw: true,
            wiki: false,
        });
        rewritten.push_str(&html[done..attribute.written.start]);
        rewritten.push_str(&format!("\"{PLACEHOLDER}{}\"", out.links.len() - 1));
        done = attribute.written.end;
    }
    rewritten.push_str(&html[done..]);
    Some(rewritten)
}

/// The URL scheme of `dest` (`https`, `javascript` …), if it has one.
pub fn scheme_of(dest: &str) -> Option<&str> {
    let colon = dest.find(':')?;
    let scheme = &dest[..colon];
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if first_ok && rest_ok && !dest[..colon].contains(['/', '?', '#']) {
        Some(scheme)
    } else {
        None
    }
}

/// `html` with the picture of link `n` (Markdown's `<img src="pmo-link:N" alt="…" />`)
/// turned into its description: an embed `![[图.png]]` whose file was not found reads
/// as its name rather than vanishing.
pub fn unembed(html: &str, n: usize) -> String {
    let start_of = format!("<img src=\"{PLACEHOLDER}{n}\"");
    let Some(at) = html.find(&start_of) else {
        return html.to_string();
    };
    let Some(len) = html[at..].find("/>").map(|end| end + 2) else {
        return html.to_string();
    };
    let tag = &html[at..at + len];
    let alt = tag
        .split_once(" alt=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map_or("", |(alt, _)| alt);
    format!("{}{alt}{}", &html[..at], &html[at + len..])
}

/// Replaces every `"pmo-link:N"` with `"{resolve(N)}"`. Links that cannot be resolved
/// (already reported) become `#`.
pub fn substitute_links(html: &str, mut resolve: impl FnMut(usize) -> Option<String>) -> String {
    let needle = format!("\"{PLACEHOLDER}");
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        out.push_str(&rest[..=i]);
        let after = &rest[i + needle.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after[..digits].parse::<usize>() {
            Ok(n) if after[digits..].starts_with('"') => {
                match resolve(n) {
                    Some(url) => out.push_str(&escape::xml(&url)),
                    None => out.push('#'),
                }
                rest = &after[digits..];
            }
            _ => {
                out.push_str(&needle[1..]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
