//! A diagnostic as a person reads it: its message in the site's language, the lines
//! around its spot with the spot marked (through miette), and the fix. Long lines are
//! cut around the spot and control characters tamed, so no file can flood or rewrite a
//! terminal.

use super::*;

/// The miette view of a diagnostic in one language: its message alone (the place and the
/// help are drawn by miette around the source excerpt).
#[derive(Debug)]
pub struct Report<'a> {
    diagnostic: &'a Diagnostic,
    message: String,
    help: Option<String>,
    label: String,
    /// The excerpt's place, its text tamed for a terminal (see `escape::for_terminal`).
    location: Option<Location>,
}

/// The full report, as the CLI prints it and `serve`'s overlay shows it: the place, an
/// excerpt with the spot marked, and the fix.
pub fn render(d: &Diagnostic, lang: Lang, color: bool) -> String {
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler =
        miette::GraphicalReportHandler::new_themed(theme).with_context_lines(CONTEXT_LINES);
    let mut out = String::new();
    // What an author wrote reaches the terminal as text, never as its commands.
    let tame = |text: String| crate::escape::for_terminal(&text).into_owned();
    let report = Report {
        diagnostic: d,
        message: tame(d.message().render(lang)),
        help: d.help.as_ref().map(|h| tame(h.render(lang))),
        label: t!("here").render(lang),
        location: d.location.as_deref().map(around_the_spot),
    };
    match handler.render_report(&mut out, &report) {
        Ok(()) => out,
        Err(_) => d.to_string(),
    }
}

/// `l` cut to the lines a report shows around its spot (two each side, as miette
/// shows them), with what would steer a terminal escaped. Each report read its whole
/// file to show five lines: a page with 15,000 broken links took 12 s to print.
fn around_the_spot(l: &Location) -> Location {
    let source = &l.source;
    let mark_end = ceil_char_boundary(source, (l.offset + l.len).min(source.len()));
    let std::ops::Range { start, end } = context_lines(source, l.offset, mark_end);
    let window = &source[start..end];
    let lines_before = source.as_bytes()[..start]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    let text = crate::escape::for_terminal_in_place(window).unwrap_or_else(|| window.to_string());
    // A character written as several `?` counts as one column after it.
    let tamed: Vec<(usize, isize)> = window
        .char_indices()
        .filter_map(|(at, c)| {
            let n = c.len_utf8();
            (n > 1 && text.as_bytes()[at] == b'?').then_some((at + n, 1 - n as isize))
        })
        .collect();
    Location {
        path: l.path.clone(),
        source: Arc::from(text),
        offset: l.offset - start,
        len: mark_end - l.offset,
        lines_before: l.lines_before + lines_before,
        shifts: written::within(l.shifts.as_ref(), start, end, tamed),
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.diagnostic.location, &self.diagnostic.path) {
            (None, Some(path)) => match self.diagnostic.cell {
                Some((row, col)) => write!(f, "{}:{row}:{col}: {}", shown(path), self.message),
                None => write!(f, "{}: {}", shown(path), self.message),
            },
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.location.as_ref().map(|l| l as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let loc = self.location.as_ref()?;
        // A mark longer than an excerpt's window would run past what it shows.
        let len = match long_line_window(&loc.source, loc.offset) {
            Some(window) => {
                floor_char_boundary(&loc.source, (loc.offset + loc.len).min(window.end))
                    .saturating_sub(loc.offset)
            }
            None => loc.len,
        };
        let span = miette::LabeledSpan::new_with_span(Some(self.label.clone()), (loc.offset, len));
        Some(Box::new(std::iter::once(span)))
    }
}

/// A path as a report shows it: a control character in a file name (a line break, a tab
/// pasted into it) written as its escape, so the `[path:line:col]` header stays on one
/// line and names the file as the author would have to type it.
pub fn shown(path: &Path) -> String {
    crate::escape::controls_escaped(&path.display().to_string()).into_owned()
}

/// Lets miette read the excerpt and name the file in its `[path:line:col]` header.
impl miette::SourceCode for Location {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let name = shown(&self.path);
        if let Some(window) = long_line_window(&self.source, span.offset()) {
            // The line alone, cut around the spot: the whole of a minified file's line
            // filled the terminal, and past 65,535 columns miette's padding panicked.
            let (line, column) = self.line_col_at(span.offset());
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                name,
                self.source[window.clone()].as_bytes(),
                (window.start, window.len()).into(),
                self.lines_before + line - 1,
                column - 1,
                1,
            )));
        }
        let inner = self
            .source
            .read_span(span, context_lines_before, context_lines_after)?;
        // miette counts columns in bytes; an editor (and our one-line form) counts
        // characters, which on a Chinese line is a third of that.
        let (_, column) = self.line_col_at(inner.span().offset());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            name,
            inner.data(),
            *inner.span(),
            self.lines_before + inner.line(),
            column - 1,
            inner.line_count(),
        )))
    }
}

/// The longest line an excerpt shows whole, in bytes.
const EXCERPT_LINE: usize = 240;
/// How much of a longer line an excerpt shows on each side of the spot, in bytes.
const EXCERPT_SIDE: usize = 60;

/// The part of `offset`'s line an excerpt shows when the line (or one of the context
/// lines, which miette would show whole) is longer than [`EXCERPT_LINE`]; `None` when
/// it is short enough to show as it is.
fn long_line_window(source: &str, offset: usize) -> Option<std::ops::Range<usize>> {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    let near = |from: usize, to: usize| {
        source[from..to]
            .split('\n')
            .any(|line| line.len() > EXCERPT_LINE)
    };
    // The line itself, or the lines miette shows around it.
    let around = context_lines(source, offset, offset);
    if !near(around.start, end) && !near(end, around.end) {
        return None;
    }
    let from = floor_char_boundary(source, offset.saturating_sub(EXCERPT_SIDE).max(start));
    let mut to = (offset + EXCERPT_SIDE).min(end);
    while !source.is_char_boundary(to) {
        to += 1;
    }
    Some(from..to)
}

/// Lines a report shows on each side of its spot's.
const CONTEXT_LINES: usize = 2;

/// The text of the lines a report shows for `offset..end`: from the start of the line
/// [`CONTEXT_LINES`] before `offset`'s to the end of the line as many after `end`'s.
fn context_lines(source: &str, offset: usize, end: usize) -> std::ops::Range<usize> {
    let mut before = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    for _ in 0..CONTEXT_LINES {
        if before == 0 {
            break;
        }
        before = source[..before - 1].rfind('\n').map_or(0, |i| i + 1);
    }
    let line_end = source[end..].find('\n').map_or(source.len(), |i| end + i);
    let after = source[line_end..]
        .match_indices('\n')
        .nth(CONTEXT_LINES)
        .map_or(source.len(), |(i, _)| line_end + i);
    before..after
}
