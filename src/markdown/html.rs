//! Reading the author's raw HTML: how deep it nests, which raw-text elements it opens,
//! and the addresses in its tags, so that links written in HTML are checked, made
//! relative and kept from readers who may not see their target, as Markdown links are.

use std::ops::Range;

use pulldown_cmark::Event;

use super::links::PLACEHOLDER;

/// `html` with link `n` turned into its plain text (a link) or left out (an image): for
/// a target the reader of this build may not see, whose address must not appear. Any
/// other element keeps its place and loses the address.
pub fn unlink(html: &str, n: usize) -> String {
    let value = format!("{PLACEHOLDER}{n}");
    // Edits by their place in `html`, made from the last so the earlier stay in place.
    // The tag is the one the attribute was read in: looking back for its `<` found
    // one inside an earlier attribute's value (`title="<img…>"`), and the link's text
    // was lost up to the next quote.
    let mut edits: Vec<(Range<usize>, &str)> = Vec::new();
    for a in url_attributes(html)
        .into_iter()
        .filter(|a| a.value == value)
    {
        if a.tag_name.eq_ignore_ascii_case("a") {
            edits.push((a.tag.clone(), ""));
            if let Some(end) = find_ignore_case(&html[a.tag.end..], "</a>") {
                let end = a.tag.end + end;
                edits.push((end..end + 4, ""));
            }
        } else if a.is_image {
            edits.push((a.tag.clone(), ""));
        } else {
            edits.push((a.written.clone(), "\"\""));
        }
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = html.to_string();
    let mut before = html.len();
    for (range, with) in edits.into_iter().rev() {
        // Two edits of one place (a tag's own `</a>` found twice) are made once.
        if range.end <= before {
            before = range.start;
            out.replace_range(range, with);
        }
    }
    out
}

/// The element name at the start of a tag's text (after its `<`), as written.
fn tag_name(tag: &str) -> &str {
    // A name starts with a letter, and ends at the next `<` at the latest: looking on to
    // a space or `>` made `<![CDATA[` × 20,000 (no space in it) take 4 s, 100,000 of them
    // two minutes, each `<` scanning to the end of the line.
    if !tag.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return "";
    }
    let len = tag
        .find(|c: char| c.is_whitespace() || matches!(c, '/' | '>' | '<'))
        .unwrap_or(tag.len());
    &tag[..len]
}

/// Attributes whose value is an address a browser follows or fetches.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "poster",
    "cite",
    "action",
    "formaction",
    "data",
    "background",
    "longdesc",
];

/// An address in a tag of raw HTML.
#[derive(Debug, PartialEq)]
pub(super) struct UrlAttribute<'a> {
    /// Where the value is written in the HTML, quotes included.
    pub written: Range<usize>,
    /// The value without its quotes.
    pub value: &'a str,
    /// On an `<img>`: the address shows a picture rather than leading somewhere.
    pub is_image: bool,
    /// The element's name as written, and its whole tag, `<` to `>` (to the end of the
    /// HTML for a tag left open).
    pub tag_name: &'a str,
    pub tag: Range<usize>,
}

/// The addresses in the tags of a piece of raw HTML, in order. Closing tags, comments
/// and the text of raw-text elements (a script's strings) hold none.
pub(super) fn url_attributes(html: &str) -> Vec<UrlAttribute<'_>> {
    let b = html.as_bytes();
    let skip_space = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<').map(|at| i + at) {
        i = lt + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |end| i + end + 3);
            continue;
        }
        let name = tag_name(&html[i..]);
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        i += name.len();
        let first_of_tag = found.len();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let attribute = &html[start..i];
            i = skip_space(i);
            if b.get(i) != Some(&b'=') {
                continue;
            }
            i = skip_space(i + 1);
            let (written, value) = match b.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = html[i + 1..]
                        .find(char::from(quote))
                        .map_or(html.len(), |e| i + 1 + e);
                    ((i..(end + 1).min(html.len())), &html[i + 1..end])
                }
                _ => {
                    let start = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    (start..i, &html[start..i])
                }
            };
            i = written.end;
            if URL_ATTRIBUTES
                .iter()
                .any(|a| a.eq_ignore_ascii_case(attribute))
            {
                found.push(UrlAttribute {
                    written,
                    value,
                    is_image: name.eq_ignore_ascii_case("img"),
                    tag_name: name,
                    tag: lt..lt,
                });
            }
        }
        let tag_end = (i + 1).min(html.len());
        for attribute in &mut found[first_of_tag..] {
            attribute.tag.end = tag_end;
        }
        if let Some(raw) = RAW_TEXT_ELEMENTS
            .iter()
            .find(|raw| raw.eq_ignore_ascii_case(name))
        {
            i = find_ignore_case(&html[i..], &format!("</{raw}")).map_or(html.len(), |at| i + at);
        }
    }
    found
}

/// How deep Markdown structure and raw HTML together may nest. Real pages stay under 20;
/// a hundred thousand nested `<div>`s took the sanitizer minutes.
pub const MAX_NESTING: usize = 256;

/// The nesting depth of a page as its events go by: Markdown's own blocks and inlines,
/// plus the elements opened and closed in raw HTML.
#[derive(Default)]
pub(super) struct Nesting {
    markdown: usize,
    html: usize,
}

impl Nesting {
    /// Takes one event; returns the depth when it passes [`MAX_NESTING`].
    pub(super) fn step(&mut self, event: &Event) -> Option<usize> {
        match event {
            Event::Start(_) => self.markdown += 1,
            Event::End(_) => self.markdown = self.markdown.saturating_sub(1),
            Event::Html(html) | Event::InlineHtml(html) => {
                for tag in html_tags(html) {
                    let void = VOID_ELEMENTS
                        .iter()
                        .any(|v| v.eq_ignore_ascii_case(tag.name));
                    if tag.closing {
                        self.html = self.html.saturating_sub(1);
                    } else if !tag.self_closing && !void {
                        self.html += 1;
                        // Deepest inside the event: 250,000 `<div>`s opened and closed
                        // on one line are one event, back at depth 0 by its end, and
                        // took the sanitizer minutes.
                        if self.markdown + self.html > MAX_NESTING {
                            return Some(self.markdown + self.html);
                        }
                    }
                }
            }
            _ => {}
        }
        let depth = self.markdown + self.html;
        (depth > MAX_NESTING).then_some(depth)
    }
}

const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// A tag in a piece of raw HTML.
struct HtmlTag<'a> {
    closing: bool,
    /// `<br/>`: ends in a slash (which browsers ignore on `<script/>` and the like).
    self_closing: bool,
    /// As written; compare ignoring ASCII case.
    name: &'a str,
}

/// The tags in a piece of raw HTML, named as a browser names them (up to a space, `/`
/// or `>`). Comments, declarations and a lone `<` are skipped.
fn html_tags(html: &str) -> impl Iterator<Item = HtmlTag<'_>> + '_ {
    html.match_indices('<').filter_map(move |(at, _)| {
        let rest = &html[at + 1..];
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let name = tag_name(rest);
        if name.is_empty() {
            return None;
        }
        // Up to the next `<` at most: `<a <a <a …` without a `>` was read to the end
        // for each of its tags.
        let end = rest.find(['>', '<']).unwrap_or(rest.len());
        Some(HtmlTag {
            closing,
            self_closing: rest[..end].ends_with('/'),
            name,
        })
    })
}

/// Elements whose content is raw text to a browser: once opened, everything up to their
/// closing tag belongs to them, and sanitizers drop them whole.
pub(super) const RAW_TEXT_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// The raw-text elements opened in a piece of raw HTML. A slash does not close them:
/// browsers read `<script/>` as an opening tag.
pub(super) fn raw_text_elements(html: &str) -> impl Iterator<Item = &'static str> + '_ {
    html_tags(html)
        .filter(|tag| !tag.closing)
        .filter_map(|tag| {
            RAW_TEXT_ELEMENTS
                .iter()
                .copied()
                .find(|raw| raw.eq_ignore_ascii_case(tag.name))
        })
}

/// Where `needle` (ASCII) first occurs in `haystack`, ignoring ASCII case.
pub(super) fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    h.windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(html: &str) -> Vec<(&str, bool)> {
        url_attributes(html)
            .into_iter()
            .map(|a| (a.value, a.is_image))
            .collect()
    }

    /// A name ends at the next `<`, and markup that is no element has none: each `<` of
    /// `<![CDATA[` × 100,000 looked to the end of the line for a space (two minutes).
    #[test]
    fn a_tag_name_is_a_letter_and_ends_at_the_next_tag() {
        assert_eq!(tag_name("a<b"), "a");
        assert_eq!(tag_name("![CDATA[<![CDATA["), "");
        assert_eq!(tag_name("?xml"), "");
        assert_eq!(tag_name("Script src=x>"), "Script");
        let names: Vec<&str> = html_tags("<![CDATA[<b<i>x</i>").map(|t| t.name).collect();
        assert_eq!(names, ["b", "i", "i"]);
    }

    #[test]
    fn addresses_are_found_however_they_are_quoted() {
        let html = "<p><a class=x href=\"a.md\">一</a><A HREF='b/c.md' title=\"d\">二</A>\
                    <img alt=\"图 > 表\" src=e.png/><video poster = f.jpg></video></p>";
        assert_eq!(
            values(html),
            [
                ("a.md", false),
                ("b/c.md", false),
                ("e.png/", true),
                ("f.jpg", false)
            ]
        );
        let first = &url_attributes(html)[0];
        assert_eq!(&html[first.written.clone()], "\"a.md\"");
    }

    #[test]
    fn comments_closing_tags_and_script_text_hold_no_addresses() {
        let html = "<!-- <a href=\"x.md\"> --></a href=\"y.md\"><script>var s = '<a href=\"z.md\">';</script>\
                    <a data-x=\"1\" href=\"w.md\">w</a>";
        assert_eq!(values(html), [("w.md", false)]);
    }

    #[test]
    fn unterminated_tags_end_the_scan() {
        assert_eq!(values("<a href=\"x.md"), [("x.md", false)]);
        assert_eq!(values("<a href="), [("", false)]);
        assert!(values("<").is_empty());
        assert!(values("<a =x>").is_empty());
    }

    #[test]
    fn unlinking_keeps_a_links_text_and_drops_an_image() {
        let html = "<p>见<a class=\"x\" href=\"pmo-link:0\">预算</a>与<A href=\"pmo-link:1\">x</A>\
                    <img alt=\"图\" src=\"pmo-link:2\"><video src=\"pmo-link:3\"></video></p>";
        let out = unlink(&unlink(&unlink(html, 0), 2), 3);
        assert_eq!(
            out,
            "<p>见预算与<A href=\"pmo-link:1\">x</A><video src=\"\"></video></p>"
        );
        assert_eq!(unlink(&out, 1), "<p>见预算与x<video src=\"\"></video></p>");
    }

    /// The ninth security hunt: a `<` inside an earlier attribute's value was taken
    /// for the tag's start, and the link's text was lost up to the next quote.
    #[test]
    fn unlinking_finds_the_tag_past_a_bracket_in_a_value() {
        let html = "<p><a title=\"<img x>\" href=\"pmo-link:0\">机密页</a>之后</p>";
        assert_eq!(unlink(html, 0), "<p>机密页之后</p>");
        let html = "<p><img alt=\"a > b\" src=\"pmo-link:4\">图后</p>";
        assert_eq!(unlink(html, 4), "<p>图后</p>");
    }
}
