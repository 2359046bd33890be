//! Fenced code blocks: a ```chart or ```table block is gathered as a spec for the charts
//! module, its figure's place marked in the HTML; a fence never closed, which would
//! swallow the rest of the page, and a block's name written in another case are told.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::body::Body;
use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

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

/// The marker of block `n` of page `page` shown inside another page (`![[页面]]`): its
/// own, so that the showing page's block `n` never takes its place.
pub fn embedded_block_marker(page: usize, n: usize) -> String {
    format!("<div class=\"pmo-block\">pmo-block:{page}.{n}</div>")
}

/// The ```chart or ```table block being gathered, if one is open.
#[derive(Default)]
pub(super) struct Blocks {
    open: Option<RawBlock>,
}

impl Blocks {
    /// Takes an event inside an open block (at `range` of `body`): its text is gathered
    /// instead of rendered, and its end puts the figure's marker in `events` and the
    /// block in `blocks`. False when no block is open.
    pub(super) fn gather(
        &mut self,
        event: &Event<'_>,
        range: &Range<usize>,
        body: &Body<'_>,
        events: &mut Vec<Event<'_>>,
        blocks: &mut Vec<RawBlock>,
    ) -> bool {
        let Some(b) = self.open.as_mut() else {
            return false;
        };
        match event {
            Event::Text(t) => {
                if b.text.is_empty() {
                    b.offset = body.base + range.start;
                }
                b.text.push_str(t);
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(done) = self.open.take() {
                    events.push(Event::Html(CowStr::from(block_marker(blocks.len()))));
                    blocks.push(done);
                }
            }
            _ => {}
        }
        true
    }

    /// Looks at a fenced block's opening (at `range` of `body`): true when it opens a
    /// chart or table block, whose events [`Blocks::gather`] takes from now on. A fence
    /// never closed and a block's name in another case are told in `problems`.
    pub(super) fn open(
        &mut self,
        event: &Event<'_>,
        range: &Range<usize>,
        body: &Body<'_>,
        problems: &mut Vec<Diagnostic>,
    ) -> bool {
        let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = event else {
            return false;
        };
        let source = body.source;
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
                .at(body.at(range.start, 3 + word.len()))
                .with_help(t!("end the block's settings with a line of ``` of its own")),
            );
        } else if word == "chart" || word == "table" {
            self.open = Some(RawBlock {
                chart: word == "chart",
                text: String::new(),
                offset: body.base + range.start,
                fence: body.base + range.start,
            });
            return true;
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
                .at(body.at(range.start, 3 + word.len()))
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
                .at(body.at(range.start, fence.len()))
                .with_help(t!("end the code with a line of {fence} of its own", fence = fence)),
            );
        }
        false
    }
}

/// Whether a fenced code block (`block`, its source from the opening fence on) ends with
/// a closing fence: a line of at least as many of the opening fence's character and
/// nothing else (after the `>` of a quote it stands in). Markdown closes an unclosed
/// block at the end of the document, or of the list item or quote holding it.
pub(super) fn fence_closed(block: &str) -> bool {
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
