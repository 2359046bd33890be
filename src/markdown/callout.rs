//! Callouts: Obsidian's `> [!tip] Title` and GitHub's `> [!NOTE]` alerts, drawn as a
//! box with a title line instead of a quote that begins with its marker. Notes moved in
//! from either showed the marker as typed (the eighth new-user walk-through).
//!
//! pulldown-cmark reads GitHub's form alone on its line (`BlockQuoteKind`) and drops the
//! marker itself; Obsidian's, with a title or a fold sign (`[!tip]- 标题`) and its many
//! kinds, it leaves as a quote, so the marker line is read here from the source and its
//! events are left out.

use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Parser, Tag, TagEnd};

use super::body::Body;
use super::links::Guard;
use super::Rendered;
use crate::diagnostics::Diagnostic;

use crate::escape;

/// The text a callout's title holds until the page is rendered in the site's language:
/// followed by the kind, it stands for the kind's own title (`callout_tip`, 提示).
pub const TITLE_MARK: &str = "pmo-callout:";

/// The kinds drawn, each with its own colour and title; any other kind is drawn as a
/// note. Obsidian's other names for them are read as these.
const KINDS: &[(&str, &[&str])] = &[
    ("note", &[]),
    ("abstract", &["summary", "tldr"]),
    ("info", &["todo"]),
    ("tip", &["hint"]),
    ("important", &[]),
    ("success", &["check", "done"]),
    ("question", &["help", "faq"]),
    ("warning", &["attention"]),
    ("caution", &[]),
    ("failure", &["fail", "missing"]),
    ("danger", &["error"]),
    ("bug", &[]),
    ("example", &[]),
    ("quote", &["cite"]),
];

/// The kind a callout of `written` kind is drawn as (`hint` → `tip`), any case.
pub fn kind_of(written: &str) -> &'static str {
    let lower = written.to_lowercase();
    KINDS
        .iter()
        .find(|(kind, others)| *kind == lower || others.contains(&lower.as_str()))
        .map_or("note", |(kind, _)| kind)
}

/// A callout's marker line, `> [!kind]± title`, as read from the source.
#[derive(Debug, PartialEq)]
pub(super) struct Marker<'a> {
    pub kind: &'a str,
    pub title: &'a str,
    /// Where the title starts in the source.
    pub title_at: usize,
    /// Where the marker line's text ends (before its line break and trailing spaces).
    pub end: usize,
}

/// The callout marker of the quote whose source starts at `start`, if it opens with one.
/// `[!` followed by anything else (`[!重要 事项]`, a link `[!x](y)`) keeps the quote.
pub(super) fn marker(source: &str, start: usize) -> Option<Marker<'_>> {
    let rest = source.get(start..)?;
    let after_quote = rest.trim_start_matches([' ', '\t']).strip_prefix('>')?;
    let inner = after_quote.trim_start_matches([' ', '\t']);
    let body = inner.strip_prefix("[!")?;
    let close = body.find(']')?;
    let kind = &body[..close];
    if kind.is_empty()
        || !kind
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return None;
    }
    let after = &body[close + 1..];
    if after.starts_with(['(', '[', ':']) {
        return None;
    }
    let line = &after[..after.find('\n').unwrap_or(after.len())];
    let title = line.trim_start_matches(['-', '+']).trim();
    let line_start = source.len() - after.len();
    let title_at =
        line_start + (line.len() - line.trim_start_matches(['-', '+']).trim_start().len());
    let end = line_start + line.trim_end().len();
    Some(Marker {
        kind,
        title,
        title_at,
        end,
    })
}

/// What to do with an event, as [`Callouts::step`] decides.
#[derive(Debug, PartialEq)]
enum Step {
    /// Not a callout's: rendered as usual.
    Pass,
    /// Part of a marker line: left out.
    Skip,
    /// A callout of `kind` opens, titled so.
    Open { kind: &'static str, title: Title },
    /// A callout closes.
    Close,
}

/// A callout's title line.
#[derive(Debug, PartialEq)]
enum Title {
    /// The kind's own title, in the site's language at render.
    Kind,
    /// An unknown kind's name as written (`[!风险]`), drawn as a note's.
    Own(String),
    /// The title the author wrote, at this range of the body: inline Markdown.
    Written(Range<usize>),
}

/// The quotes open, each a callout or not, and the marker line being left out.
#[derive(Default)]
pub(super) struct Callouts {
    open: Vec<bool>,
    first_line: Option<FirstLine>,
}

struct FirstLine {
    end: usize,
    /// The marker line is a paragraph of its own: its end is left out too.
    drop_paragraph_end: bool,
}

impl Callouts {
    /// Takes a callout's events (at `range` of `source`, the page's body): its box's HTML
    /// into `events`, its title into the page's `plain` text, its marker line left out.
    /// `written` renders a title the author wrote (a range of the body) as HTML and
    /// plain text. False for an event that is not a callout's, rendered as usual.
    pub(super) fn take(
        &mut self,
        event: &Event<'_>,
        range: &Range<usize>,
        source: &str,
        plain: &mut String,
        events: &mut Vec<Event<'_>>,
        written: impl FnOnce(Range<usize>) -> (String, String),
    ) -> bool {
        let html = match self.step(event, range, source) {
            Step::Pass => return false,
            Step::Skip => return true,
            Step::Close => "</div></aside>\n".to_string(),
            Step::Open { kind, title } => {
                let title = match title {
                    Title::Kind => format!("{TITLE_MARK}{kind}"),
                    Title::Own(name) => escape::xml(&name),
                    Title::Written(at) => {
                        let (html, text) = written(at);
                        plain.push_str(&text);
                        html
                    }
                };
                plain.push('\n');
                format!(
                    "<aside class=\"callout callout-{kind}\" role=\"note\"><p class=\"callout-title\">{title}</p><div class=\"callout-body\">\n"
                )
            }
        };
        events.push(Event::Html(CowStr::from(html)));
        true
    }

    /// Looks at one event (`range` in `source`, the page's body).
    fn step(&mut self, event: &Event<'_>, range: &Range<usize>, source: &str) -> Step {
        if let Some(first) = &mut self.first_line {
            match event {
                Event::Start(Tag::Paragraph) if range.start < first.end => {
                    let text_end = range.start + source[range.clone()].trim_end().len();
                    if text_end <= first.end {
                        first.drop_paragraph_end = true;
                        return Step::Skip;
                    }
                    return Step::Pass;
                }
                Event::End(TagEnd::Paragraph) if first.drop_paragraph_end => {
                    self.first_line = None;
                    return Step::Skip;
                }
                Event::SoftBreak | Event::HardBreak if range.start >= first.end => {
                    self.first_line = None;
                    return Step::Skip;
                }
                _ if range.start < first.end => return Step::Skip,
                _ => self.first_line = None,
            }
        }
        match event {
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                self.open.push(true);
                let kind = match kind {
                    BlockQuoteKind::Note => "note",
                    BlockQuoteKind::Tip => "tip",
                    BlockQuoteKind::Important => "important",
                    BlockQuoteKind::Warning => "warning",
                    BlockQuoteKind::Caution => "caution",
                };
                Step::Open {
                    kind,
                    title: Title::Kind,
                }
            }
            Event::Start(Tag::BlockQuote(None)) => match marker(source, range.start) {
                Some(m) => {
                    self.open.push(true);
                    self.first_line = Some(FirstLine {
                        end: m.end,
                        drop_paragraph_end: false,
                    });
                    let kind = kind_of(m.kind);
                    let title = if !m.title.is_empty() {
                        Title::Written(m.title_at..m.title_at + m.title.len())
                    } else if kind == "note" && !m.kind.eq_ignore_ascii_case("note") {
                        // An unknown kind is drawn as a note, titled as written (`[!风险]`).
                        Title::Own(m.kind.to_string())
                    } else {
                        Title::Kind
                    };
                    Step::Open { kind, title }
                }
                None => {
                    self.open.push(false);
                    Step::Pass
                }
            },
            Event::End(TagEnd::BlockQuote(_)) => {
                if self.open.pop() == Some(true) {
                    Step::Close
                } else {
                    Step::Pass
                }
            }
            _ => Step::Pass,
        }
    }
}

/// A callout's title as the author wrote it (`title`, a range of `page`'s body), rendered
/// as the inline Markdown it is, as Obsidian draws it: emphasis, code and links, each
/// link checked and placed as the body's are (in `out`, told in `problems`). Raw HTML
/// in it shows as written, as the whole title did before. Returns its HTML and its
/// plain text.
pub(super) fn title_html(
    page: &Body<'_>,
    title: Range<usize>,
    out: &mut Rendered,
    problems: &mut Vec<Diagnostic>,
) -> (String, String) {
    // Read after a word of its own, so that a title that would start a block
    // (`1. 步骤`, `# 号`, `- 注意`) stays a line of text.
    const LEAD: &str = "x ";
    let written = format!("{LEAD}{}", &page.source[title.clone()]);
    let (mut events, mut plain, mut guard) = (Vec::new(), String::new(), Guard::default());
    for (event, range) in Parser::new_ext(&written, super::options()).into_offset_iter() {
        let at = title.start + range.start.saturating_sub(LEAD.len())
            ..title.start + range.end.saturating_sub(LEAD.len());
        let event = match event {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => continue,
            Event::Text(text) if range.start < LEAD.len() => {
                match text.get((LEAD.len() - range.start).min(text.len())..) {
                    Some(rest) if !rest.is_empty() => Event::Text(CowStr::from(rest.to_string())),
                    _ => continue,
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                super::links::addressed(event, out, problems, page, &at)
            }
            other => other,
        };
        if let Event::Text(text) | Event::Code(text) = &event {
            plain.push_str(text);
        }
        guard.push(event, &mut events);
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    (html, plain)
}

/// `html` with each callout's kind title (see [`TITLE_MARK`]) in the site's language:
/// `title` gives the text of a kind (`tip` → 提示).
pub fn callout_titles(html: &str, title: impl Fn(&str) -> String) -> String {
    let needle = format!("<p class=\"callout-title\">{TITLE_MARK}");
    if !html.contains(&needle) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let Some(end) = after.find("</p>") else {
            break;
        };
        out.push_str(&rest[..i]);
        out.push_str("<p class=\"callout-title\">");
        out.push_str(&escape::xml(&title(kind_of(&after[..end]))));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_marker_line_and_refuses_what_only_looks_like_one() {
        let m = marker("> [!tip]- 评审之前\n> 正文", 0).unwrap();
        assert_eq!((m.kind, m.title), ("tip", "评审之前"));
        let src = "> [!tip]- 评审之前\n> 正文";
        assert_eq!(&src[m.title_at..m.title_at + m.title.len()], "评审之前");
        assert_eq!(&"> [!tip]- 评审之前\n"[..m.end], "> [!tip]- 评审之前");
        let m = marker("  > [!WARNING]  \n> x", 0).unwrap();
        assert_eq!((m.kind, m.title, m.end), ("WARNING", "", 14));
        for not in [
            "> [!重要 事项] 文字",
            "> [!] 空",
            "> [!note](a.md) 链接",
            "> [!note",
            "> 普通 [!note]",
        ] {
            assert_eq!(marker(not, 0), None, "{not}");
        }
    }

    #[test]
    fn other_names_and_unknown_kinds() {
        assert_eq!(kind_of("TLDR"), "abstract");
        assert_eq!(kind_of("Summary"), "abstract");
        assert_eq!(kind_of("hint"), "tip");
        assert_eq!(kind_of("DANGER"), "danger");
        assert_eq!(kind_of("风险"), "note");
    }

    #[test]
    fn kind_titles_take_the_site_language() {
        let html = "<aside><p class=\"callout-title\">pmo-callout:tip</p>x<p class=\"callout-title\">pmo-callout:bug</p>";
        let out = callout_titles(html, |k| {
            if k == "tip" { "提示" } else { "缺陷<" }.to_string()
        });
        assert_eq!(
            out,
            "<aside><p class=\"callout-title\">提示</p>x<p class=\"callout-title\">缺陷&lt;</p>"
        );
    }
}
