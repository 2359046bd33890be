//! Confluence's panels in a page exported as Markdown: `{info}` … `{info}`, `{note}`,
//! `{tip}`, `{warning}` and `{panel}`, each marker alone on its line (`{info:title=注意}`
//! opening one with a title). Confluence drew them as coloured boxes; a page moved in
//! showed the braces, each warned of (the eleventh new-user walk-through). A pair is drawn
//! as the callout of its kind; a marker without its partner is left as written, and
//! `confluence.rs` tells it.
//!
//! The markers are found before the page is parsed, on their own lines outside fenced
//! code, and blanked (spaces, so every offset stays true): the text between them is then
//! Markdown as any other, and the box's HTML is put around its events.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::callout::TITLE_MARK;
use super::confluence::parameter;
use crate::escape;

/// The panel macros drawn as callouts, with the callout kind each becomes.
const PANELS: &[(&str, &str)] = &[
    ("info", "info"),
    ("note", "note"),
    ("tip", "tip"),
    ("warning", "warning"),
    ("panel", "note"),
];

/// One pair of markers.
#[derive(Debug, PartialEq)]
struct Pair {
    /// The callout kind drawn.
    kind: &'static str,
    /// The `title=` written on the opening marker.
    title: Option<String>,
    /// Where the line after the opening marker starts.
    body_start: usize,
    /// Where the closing marker's line starts.
    close_at: usize,
}

/// A marker line: the macro's name, whether it has parameters, its parameters.
fn marker(line: &str) -> Option<(&str, &str, &'static str)> {
    let inner = line.trim_end().strip_prefix('{')?.strip_suffix('}')?;
    if inner.contains(['{', '}']) {
        return None;
    }
    let (name, parameters) = inner.split_once(':').unwrap_or((inner, ""));
    let kind = PANELS.iter().find(|(n, _)| *n == name)?.1;
    Some((name, parameters, kind))
}

/// A fence line (```` ``` ```` or `~~~`, indented three spaces at most): its character and length.
fn fence(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let c = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let n = trimmed.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

/// The pairs of panel markers in `source`, and the lines of each marker paired.
fn pairs(source: &str) -> (Vec<Pair>, Vec<Range<usize>>) {
    // The markers opened and not yet closed: name, line, title, kind.
    let mut open: Vec<(&str, Range<usize>, Option<String>, &'static str)> = Vec::new();
    let mut pairs = Vec::new();
    let mut lines = Vec::new();
    let mut code: Option<(char, usize)> = None;
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let range = at..at + line.len();
        at = range.end;
        let text = line.trim_end_matches(['\n', '\r']);
        match (code, fence(text)) {
            (Some((c, n)), Some((c2, n2))) if c == c2 && n2 >= n => {
                code = None;
                continue;
            }
            (None, Some(f)) => {
                code = Some(f);
                continue;
            }
            (Some(_), _) => continue,
            (None, None) => {}
        }
        let Some((name, parameters, kind)) = marker(text) else {
            continue;
        };
        let closes = parameters.is_empty() && text.len() == name.len() + 2;
        match open.iter().rposition(|(n, ..)| *n == name) {
            Some(i) if closes => {
                // Markers opened inside it and never closed stay as written.
                open.truncate(i + 1);
                if let Some((_, opened, title, kind)) = open.pop() {
                    pairs.push(Pair {
                        kind,
                        title,
                        body_start: opened.end,
                        close_at: range.start,
                    });
                    lines.push(opened);
                    lines.push(range);
                }
            }
            _ => {
                let title = parameter(parameters, "title").map(str::to_string);
                open.push((name, range, title, kind));
            }
        }
    }
    pairs.sort_by_key(|p| p.body_start);
    (pairs, lines)
}

/// The panels of a page's body, put around its events as they pass.
#[derive(Default)]
pub(super) struct Panels {
    /// The pairs not yet opened, last first.
    waiting: Vec<Pair>,
    /// The boxes open: where each closes and the nesting it opened at.
    open: Vec<(usize, usize)>,
    /// How deep the events passed so far nest.
    depth: usize,
}

impl Panels {
    /// The panels of `source` and the text to parse: `source` with their markers' lines
    /// blanked, or `source` itself when it has none.
    pub(super) fn find(source: &str) -> (Panels, Cow<'_, str>) {
        if !source.contains('{') {
            return (Panels::default(), Cow::Borrowed(source));
        }
        let (mut pairs, lines) = pairs(source);
        if pairs.is_empty() {
            return (Panels::default(), Cow::Borrowed(source));
        }
        let mut text = source.to_string();
        for line in lines {
            let end = line.start + source[line.clone()].trim_end_matches(['\n', '\r']).len();
            text.replace_range(line.start..end, &" ".repeat(end - line.start));
        }
        pairs.reverse();
        let panels = Panels {
            waiting: pairs,
            ..Panels::default()
        };
        (panels, Cow::Owned(text))
    }

    /// Before `event`, at `start` of the body: the boxes that close or open there into
    /// `events`, each opened box's title into `plain`. A box closes at its closing marker,
    /// or before the end of an element it opened inside, so the HTML stays nested.
    pub(super) fn before(
        &mut self,
        event: &Event<'_>,
        start: usize,
        plain: &mut String,
        events: &mut Vec<Event<'_>>,
    ) {
        if self.waiting.is_empty() && self.open.is_empty() {
            return;
        }
        let ends = matches!(event, Event::End(_));
        self.close_while(
            |close, depth, now| (start >= close || ends) && depth == now,
            events,
        );
        while self.waiting.last().is_some_and(|p| start >= p.body_start) {
            let Some(pair) = self.waiting.pop() else {
                break;
            };
            let title = match &pair.title {
                Some(title) => {
                    plain.push_str(title);
                    escape::xml(title)
                }
                None => format!("{TITLE_MARK}{}", pair.kind),
            };
            plain.push('\n');
            events.push(Event::Html(CowStr::from(format!(
                "<aside class=\"callout callout-{kind}\" role=\"note\"><p class=\"callout-title\">{title}</p><div class=\"callout-body\">\n",
                kind = pair.kind
            ))));
            self.open.push((pair.close_at, self.depth));
            self.close_while(|close, depth, now| start >= close && depth == now, events);
        }
        match event {
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
    }

    /// Closes the innermost open boxes while `closes(close_at, opened_depth, depth)`.
    fn close_while(
        &mut self,
        closes: impl Fn(usize, usize, usize) -> bool,
        events: &mut Vec<Event<'_>>,
    ) {
        while let Some(&(close, depth)) = self.open.last() {
            if !closes(close, depth, self.depth) {
                break;
            }
            self.open.pop();
            events.push(Event::Html(CowStr::from("</div></aside>\n")));
        }
    }

    /// At the end of the body: every box still open closed.
    pub(super) fn finish(&mut self, events: &mut Vec<Event<'_>>) {
        self.close_while(|_, _, _| true, events);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_markers_by_name_outside_code() {
        let source = "{info:title=注意}\n文字\n{info}\n```\n{tip}\n```\n{tip}\n{warning}\nx\n{note}\n{warning}\n";
        let (pairs, lines) = pairs(source);
        assert_eq!(pairs.len(), 2, "{pairs:?}");
        assert_eq!(pairs[0].kind, "info");
        assert_eq!(pairs[0].title.as_deref(), Some("注意"));
        assert_eq!(&source[pairs[0].body_start..pairs[0].close_at], "文字\n");
        assert_eq!(pairs[1].kind, "warning");
        assert_eq!(
            &source[pairs[1].body_start..pairs[1].close_at],
            "x\n{note}\n"
        );
        assert_eq!(lines.len(), 4);
        // A marker with text beside it, or indented, is no marker line.
        assert_eq!(super::pairs("{info} 文字\n{info}\n").0, []);
        assert_eq!(super::pairs("  {info}\n文字\n{info}\n").0, []);
    }

    #[test]
    fn blanking_keeps_every_offset() {
        let source = "前\n{info}\n文字\r\n{info}\r\n后";
        let (_, text) = Panels::find(source);
        assert_eq!(text.len(), source.len());
        assert_eq!(text, "前\n      \n文字\r\n      \r\n后");
    }
}
