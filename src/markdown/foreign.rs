//! Markup of the tools a PMO's notes often come from, which Markdown shows as typed:
//! Hugo's shortcodes (`{{< figure … >}}`, `{{% notice %}}`) and Confluence's macros
//! (`confluence.rs`). A page moved in from Hugo
//! showed them as text, braces and all, without a word (the eighth new-user
//! walk-through): each is warned of at its place, with what to write instead. Obsidian's
//! callouts and wiki links are drawn and resolved (`callout.rs`, the link stage).

use std::ops::Range;

use pulldown_cmark::Event;

use super::body::Body;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::Text;
use crate::t;

/// Watches a page's events for Hugo's shortcodes.
#[derive(Default)]
pub(super) struct Foreign {
    /// Where the last shortcode told starts, so text split into several events
    /// tells it once.
    last: Option<usize>,
    /// Where the last piece of Confluence markup told starts, for the same reason.
    last_confluence: Option<usize>,
}

impl Foreign {
    /// Looks at one event of the page's body; `in_code` when it is inside a code block,
    /// where such markup is an example of itself.
    pub(super) fn see(
        &mut self,
        event: &Event<'_>,
        range: &Range<usize>,
        page: &Body<'_>,
        in_code: bool,
        problems: &mut Vec<Diagnostic>,
    ) {
        match event {
            Event::Text(_) if !in_code => {
                for at in shortcodes_in(page.source, range) {
                    if self.last.is_some_and(|last| at <= last) {
                        continue;
                    }
                    self.last = Some(at);
                    problems.push(shortcode(page, at));
                }
                for markup in super::confluence::markup_in(page.source, range) {
                    if self.last_confluence.is_some_and(|last| markup.at <= last) {
                        continue;
                    }
                    self.last_confluence = Some(markup.at);
                    problems.push(confluence(page, markup));
                }
            }
            _ => {}
        }
    }
}

/// A piece of Confluence markup, told at its place with what to write instead.
fn confluence(page: &Body<'_>, markup: super::confluence::Markup<'_>) -> Diagnostic {
    Diagnostic::warning(Problem::Content(markup.problem))
        .at(page.at(markup.at, markup.written.len()))
        .with_help(markup.help)
}

/// Where a shortcode opens (`{{<` or `{{%`) in the text at `range`, its `{{` inside it.
fn shortcodes_in<'s>(source: &'s str, range: &Range<usize>) -> impl Iterator<Item = usize> + 's {
    let start = range.start.min(source.len());
    let end = range.end.min(source.len());
    source[start..end]
        .match_indices("{{")
        .map(move |(i, _)| start + i)
        .filter(move |&at| {
            let rest = &source[at + 2..];
            rest.starts_with('<') || rest.starts_with('%')
        })
}

/// The shortcode opening at `at`: its text to the `}}` that closes it on its line, and
/// its name (`figure`, `/notice` for a closing one).
fn shortcode(page: &Body<'_>, at: usize) -> Diagnostic {
    let rest = &page.source[at..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let written = match line[2..].find("}}") {
        Some(end) => &line[..end + 4],
        None => line,
    };
    let inner = written[3..].trim_start();
    let name: String = inner
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'))
        .collect();
    let help = help_for(
        name.trim_start_matches('/'),
        written,
        link_text(page.source, at),
    );
    Diagnostic::warning(Problem::Content(t!(
        "`{written}` is a Hugo shortcode, which pmo does not run: the page shows it as written, braces and all",
        written = written
    )))
    .at(Location::new(
        page.path,
        page.text,
        page.base + at,
        written.len(),
    ))
    .with_help(help)
}

/// The text of the link whose address is the shortcode at `at`, `[text]({{< ref … >}})`.
fn link_text(source: &str, at: usize) -> Option<&str> {
    let before = source[..at].strip_suffix("](")?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    line.rfind('[').map(|open| &line[open + 1..])
}

/// What to write in a shortcode's place, by its name (`text`: the link's own text when
/// the shortcode is a link's address).
fn help_for(name: &str, written: &str, text: Option<&str>) -> Text {
    match name.to_ascii_lowercase().as_str() {
        "figure" | "img" | "image" => {
            let src = attribute(written, "src").unwrap_or("image.png");
            let alt = attribute(written, "caption")
                .or_else(|| attribute(written, "alt"))
                .or_else(|| attribute(written, "title"))
                .unwrap_or("");
            // Hugo's `/images/x.png` is from the site's root, as pmo reads it too: "from
            // this file's folder" beside it misled (the tenth walk-through).
            if src.starts_with('/') {
                t!(
                    "write the image in Markdown, `![{alt}]({src})`: a path starting with `/` is from the site's root, static/ or content/",
                    alt = alt,
                    src = src
                )
            } else {
                t!(
                    "write the image in Markdown, its path from this file's folder: `![{alt}]({src})`",
                    alt = alt,
                    src = src
                )
            }
        }
        "ref" | "relref" => {
            let target = written
                .split('"')
                .nth(1)
                .filter(|s| !s.is_empty())
                .unwrap_or("page.md");
            // Markdown takes an address holding a space only in angle brackets.
            let target = if target.contains(char::is_whitespace) {
                format!("<{target}>")
            } else {
                target.to_string()
            };
            let text = text.filter(|s| !s.is_empty()).unwrap_or("text");
            if target.trim_start_matches('<').starts_with('/') {
                t!(
                    "link to the page's file, `[{text}]({target})`: a path starting with `/` is from content/; pmo finds the page and checks the link",
                    text = text,
                    target = target
                )
            } else {
                t!(
                    "link to the page's file with its path from this file's folder, `[{text}]({target})`: pmo finds the page and checks the link",
                    text = text,
                    target = target
                )
            }
        }
        box_name @ ("notice" | "hint" | "alert" | "callout" | "admonition" | "note" | "tip"
        | "warning") => {
            // The box's own kind, `{{% notice warning %}}`, else the shortcode's name
            // when it is one, so the help is the line to write, not a list to pick from.
            let word = written[3..]
                .split_whitespace()
                .nth(1)
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase());
            let kind = match (box_name, word.as_deref()) {
                (_, Some(w @ ("note" | "tip" | "info" | "warning" | "danger" | "caution" | "important"))) => w.to_string(),
                ("note" | "tip" | "warning", _) => box_name.to_string(),
                _ => "note".to_string(),
            };
            t!(
                "write the box as a callout: a line `> [!{kind}]`, then its text on lines starting `> `; delete the shortcode's lines",
                kind = kind
            )
        }
        "highlight" => t!("write the code as a fenced block: a line ```language, the code, then a line ```"),
        "youtube" | "vimeo" | "tweet" | "x" | "gist" | "instagram" => t!(
            "the portal fetches nothing from the internet: write a link to it instead, `[text](https://…)`"
        ),
        _ => t!(
            "write what the shortcode made in Markdown (an image `![text](file.png)`, a link `[text](page.md)`) or in HTML, and delete the shortcode"
        ),
    }
}

/// The value of `name="…"` in a shortcode's text.
fn attribute<'a>(written: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = written[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before = written[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(value) = written[from..].trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let value = &value[1..];
        return value.find(quote).map(|end| &value[..end]);
    }
    None
}
