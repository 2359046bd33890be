//! Problems found in a site, each pinned to a place in a file.
//!
//! Every stage reports into a [`Diagnostics`] list instead of returning at the first
//! problem, so one build tells an author about all of them at once. Each [`Diagnostic`]
//! carries the text of its file so it can be shown like a compiler's message (via
//! miette) without going back to the disk.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::messages::{self, Lang, Text};
use crate::t;

/// How bad a problem is: errors fail the build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// What went wrong. The message says what is wrong; the `help` of the [`Diagnostic`] says
/// how to fix it. Messages are [`Text`]s, shown in the reader's language at the edge.
#[derive(Debug, Clone)]
pub enum Problem {
    Io(Text),
    InvalidUtf8 {
        offset: usize,
    },
    Encoding {
        encoding: &'static str,
        offset: usize,
    },
    UnclosedFrontMatter {
        fence: &'static str,
    },
    FrontMatter(Text),
    UnknownField {
        field: String,
        kind: &'static str,
    },
    MissingField {
        field: String,
        kind: &'static str,
    },
    BrokenLink {
        target: String,
        reason: Text,
    },
    UnsafeLink(String),
    UnknownProject(String),
    Content(Text),
    Data(Text),
    Config(Text),
    Template(Text),
    Output(Text),
    Internal(Text),
}

impl Problem {
    /// The message, ready to be shown in any language.
    pub fn text(&self) -> Text {
        match self {
            Problem::Io(reason) => t!("cannot read: {reason}", reason = reason),
            Problem::InvalidUtf8 { offset } => t!(
                "not a text file: invalid UTF-8 at byte {offset}",
                offset = *offset
            ),
            Problem::Encoding { encoding, offset } => t!(
                "not UTF-8: this file looks {encoding}-encoded (invalid UTF-8 at byte {offset})",
                encoding = *encoding,
                offset = *offset
            ),
            Problem::UnclosedFrontMatter { fence } => t!(
                "front matter opened with `{fence}` is never closed",
                fence = *fence
            ),
            Problem::FrontMatter(detail) => {
                t!("invalid front matter: {detail}", detail = detail)
            }
            Problem::UnknownField { field, kind } => t!(
                "unknown field `{field}` in the front matter of a {kind}",
                field = field,
                kind = messages::kind_name(kind)
            ),
            Problem::MissingField { field, kind } => t!(
                "missing required field `{field}` in the front matter of a {kind}",
                field = field,
                kind = messages::kind_name(kind)
            ),
            Problem::BrokenLink { target, reason } => t!(
                "broken link `{target}`: {reason}",
                target = target,
                reason = reason
            ),
            Problem::UnsafeLink(target) => t!(
                "unsafe link `{target}`: only http, https, mailto and tel links may leave the site",
                target = target
            ),
            Problem::UnknownProject(name) => t!(
                "`project: {name}` names no project: there is no content/projects/{name}/index.md",
                name = name
            ),
            Problem::Content(text) => text.clone(),
            Problem::Data(detail) => t!("invalid data: {detail}", detail = detail),
            Problem::Config(detail) => t!("invalid site.toml: {detail}", detail = detail),
            Problem::Template(detail) => t!("template error: {detail}", detail = detail),
            Problem::Output(detail) => t!("cannot write the site: {detail}", detail = detail),
            Problem::Internal(detail) => t!("internal error: {detail}", detail = detail),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for Problem {}

/// A place in a file: the file's text is shared so the message can quote it.
#[derive(Clone)]
pub struct Location {
    pub path: PathBuf,
    pub source: Arc<str>,
    /// Byte offset into `source` where the problem starts.
    pub offset: usize,
    /// Length in bytes of the marked text (may be zero).
    pub len: usize,
    /// Lines of the file before `source` starts: 0, but for the lines around the spot
    /// that a report shows (see [`render`]).
    pub lines_before: usize,
}

impl Location {
    pub fn new(path: &Path, source: &Arc<str>, offset: usize, len: usize) -> Self {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        // A span whose end falls inside a character (a length counted in another form
        // of the text, `1.234,56 €` read as `1234.56 €`) reaches to that character's end:
        // the report slices the text there.
        let len = ceil_char_boundary(source, offset.saturating_add(len).min(source.len())) - offset;
        Location {
            path: path.to_path_buf(),
            source: Arc::clone(source),
            offset,
            len,
            lines_before: 0,
        }
    }

    /// The place given as a 1-based line and column (columns count characters).
    pub fn at_line_col(
        path: &Path,
        source: &Arc<str>,
        line: usize,
        col: usize,
        len: usize,
    ) -> Self {
        Location::new(path, source, offset_of(source, line, col), len)
    }

    /// 1-based line and column (in characters) of the start.
    pub fn line_col(&self) -> (usize, usize) {
        line_col(&self.source, self.offset)
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, col) = self.line_col();
        write!(f, "{}:{line}:{col}", shown(&self.path))
    }
}

/// One problem, where it is, and what to do about it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub problem: Problem,
    /// Where: a file, and when known a place in it. Files without a place (a folder,
    /// an unreadable file) keep only the path.
    pub path: Option<PathBuf>,
    pub location: Option<Box<Location>>,
    pub help: Option<Box<Text>>,
}

impl Diagnostic {
    /// A file of the site could not be written: `file` as the output names it (relative
    /// to the output folder), the system's reason, and what to check.
    pub fn unwritable<E: std::error::Error + 'static>(file: &str, error: &E) -> Diagnostic {
        let claimed = (error as &dyn std::error::Error)
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::AlreadyExists);
        if claimed {
            // Two files of this build at one path: no disk is at fault, an address is.
            return Diagnostic::error(Problem::Content(t!(
                "two files of the site are made at this address: a page's file name takes the address of a list's further pages (`page/2/`) or of another page"
            )))
            .in_file(Path::new(file))
            .with_help(t!(
                "rename the page: under a section, tag or category, `page` and `page/N` are the addresses of its list's pages"
            ));
        }
        Diagnostic::error(Problem::Output(messages::reason(error)))
            .in_file(Path::new(file))
            .with_help(t!(
                "check that the output folder is writable and its disk has room"
            ))
    }

    pub fn error(problem: Problem) -> Self {
        Diagnostic {
            severity: Severity::Error,
            problem,
            path: None,
            location: None,
            help: None,
        }
    }

    pub fn warning(problem: Problem) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(problem)
        }
    }

    pub fn in_file(mut self, path: &Path) -> Self {
        self.path = Some(path.to_path_buf());
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.path = Some(location.path.clone());
        self.location = Some(Box::new(location));
        self
    }

    pub fn with_help(mut self, help: Text) -> Self {
        self.help = Some(Box::new(help));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col` (or just the path) for one-line output and tests.
    pub fn position(&self) -> Option<String> {
        match (&self.location, &self.path) {
            (Some(loc), _) => {
                let (line, col) = loc.line_col();
                Some(format!("{}:{line}:{col}", shown(&loc.path)))
            }
            (None, Some(path)) => Some(shown(path)),
            (None, None) => None,
        }
    }
}

impl Diagnostic {
    /// The machine-readable form for CI and editors (`--format json`): one object per
    /// diagnostic, lines and columns 1-based, columns in characters, `end` exclusive,
    /// `message` and `help` in `lang`.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let file = self
            .location
            .as_ref()
            .map(|l| l.path.clone())
            .or_else(|| self.path.clone())
            .map(|p| p.to_string_lossy().replace('\\', "/"));
        let (start, end) = match &self.location {
            Some(loc) => {
                let (line, column) = loc.line_col();
                let (end_line, end_column) = line_col(&loc.source, loc.offset + loc.len);
                (
                    serde_json::json!({ "line": line, "column": column }),
                    serde_json::json!({ "line": end_line, "column": end_column }),
                )
            }
            None => (serde_json::Value::Null, serde_json::Value::Null),
        };
        serde_json::json!({
            "severity": match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            "file": file,
            "line": start.get("line"),
            "column": start.get("column"),
            "end": end,
            "message": self.problem.text().render(lang),
            "help": self.help.as_ref().map(|h| h.render(lang)),
        })
    }
}

/// The one-line form: `error: path:line:col: message (help: …)`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: ")?;
        if let Some(pos) = self.position() {
            write!(f, "{pos}: ")?;
        }
        let problem = self.problem.to_string();
        write!(f, "{}", crate::escape::for_terminal(&problem))?;
        if let Some(help) = &self.help {
            let help = help.to_string();
            write!(f, "\n  help: {}", crate::escape::for_terminal(&help))?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

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
        message: tame(d.problem.text().render(lang)),
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
    Location {
        path: l.path.clone(),
        source: Arc::from(text),
        offset: l.offset - start,
        len: mark_end - l.offset,
        lines_before: l.lines_before + lines_before,
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.diagnostic.location, &self.diagnostic.path) {
            (None, Some(path)) => write!(f, "{}: {}", shown(path), self.message),
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
            let (line, column) = line_col(&self.source, span.offset());
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
        let (_, column) = line_col(&self.source, inner.span().offset());
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

/// Problems collected from every stage, possibly from many threads at once.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn push(&self, diagnostic: Diagnostic) {
        // A poisoned lock means another thread panicked mid-push; the list is still usable.
        let mut items = self.items.lock().unwrap_or_else(|e| e.into_inner());
        items.push(diagnostic);
    }

    pub fn extend(&self, more: impl IntoIterator<Item = Diagnostic>) {
        let mut items = self.items.lock().unwrap_or_else(|e| e.into_inner());
        items.extend(more);
    }

    pub fn has_errors(&self) -> bool {
        let items = self.items.lock().unwrap_or_else(|e| e.into_inner());
        items.iter().any(Diagnostic::is_error)
    }

    /// All diagnostics, sorted by file and position so output does not depend on thread timing.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut items = self.items.into_inner().unwrap_or_else(|e| e.into_inner());
        items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.severity,
                    d.path.clone(),
                    d.location.as_ref().map(|l| l.offset),
                )
            };
            key(a).cmp(&key(b)).then_with(|| {
                let (a, b) = (a.problem.to_string(), b.problem.to_string());
                // Leading zeros aside (`B02`, `B2`), the text decides, not thread timing.
                numbers_by_value(&a, &b).then_with(|| a.cmp(&b))
            })
        });
        items
    }
}

/// Orders two messages as text, but a run of digits by its value, so the cells a
/// workbook's problems name (`Sheet1!B2`, `Sheet1!B10`) follow the sheet's rows.
fn numbers_by_value(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (da, db) = (digits(a), digits(b));
        if da > 0 && db > 0 {
            let (na, nb) = (
                a[..da].trim_start_matches('0'),
                b[..db].trim_start_matches('0'),
            );
            let by_value = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
            if by_value.is_ne() {
                return by_value;
            }
            (a, b) = (&a[da..], &b[db..]);
            continue;
        }
        let (mut ca, mut cb) = (a.chars(), b.chars());
        match (ca.next(), cb.next()) {
            (None, None) => return a.cmp(b),
            (x, y) if x != y => return x.cmp(&y),
            _ => (a, b) = (ca.as_str(), cb.as_str()),
        }
    }
}

#[cfg(test)]
mod order_tests;

#[cfg(test)]
mod column_tests;

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Byte offset of a 1-based line and character column (clamped to the text).
pub fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[start..];
    let line_end = line_text.find('\n').unwrap_or(line_text.len());
    let within = line_text[..line_end]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line_end, |(i, _)| i);
    start + within
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset < text.len() && !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
mod tests;
