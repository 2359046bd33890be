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

mod fold;
mod report;
mod written;
pub use fold::{folded, SHOWN_WHOLE};
pub use report::{render, shown, Report};
pub(crate) use written::remember_dropped;

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
    /// A file a command was writing (an import, `pmo new`, the schemas) and the system
    /// refused: told as "cannot read" before, which sent the author to the source.
    Write(Text),
    InvalidUtf8 {
        offset: usize,
    },
    /// A file of UTF-8 text but for a byte or a few: a character pasted from a program
    /// writing another encoding, which "not a text file" misnamed.
    StrayByte {
        byte: u8,
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
    /// The site's folder (`--root`) is not there or cannot be read: a network share not
    /// connected, which a scheduled job tells apart from content to mend (exit code 3).
    Unreachable(Text),
    Data(Text),
    Config(Text),
    Template(Text),
    Output(Text),
    Internal(Text),
}

impl Problem {
    /// The message as a diagnostic of `severity` tells it: a warning about site.toml is
    /// no sign the file is invalid (the site builds), so it says what it found alone.
    pub fn text_as(&self, severity: Severity) -> Text {
        match (self, severity) {
            (Problem::Config(detail), Severity::Warning) => detail.clone(),
            _ => self.text(),
        }
    }

    /// The message, ready to be shown in any language.
    pub fn text(&self) -> Text {
        match self {
            Problem::Io(reason) => t!("cannot read: {reason}", reason = reason),
            Problem::Write(reason) => t!("cannot write: {reason}", reason = reason),
            Problem::InvalidUtf8 { offset } => t!(
                "not a text file: invalid UTF-8 at byte {offset}",
                offset = *offset
            ),
            Problem::StrayByte { byte } => t!(
                "the byte 0x{byte} here is not UTF-8, though the rest of the file is: a character pasted from a program that writes another encoding",
                byte = format!("{byte:02X}")
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
            Problem::Content(text) | Problem::Unreachable(text) => text.clone(),
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
    /// Where the file as written has more (or fewer) columns than `source` (see
    /// [`written`]).
    shifts: Option<written::Shifts>,
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
            shifts: written::shifts_of(source),
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

    /// 1-based line and column (in characters) of the start, in the file as written.
    pub fn line_col(&self) -> (usize, usize) {
        self.line_col_at(self.offset)
    }

    /// 1-based line and column of `offset` in `source`, in the file as written: a
    /// character loading dropped still counts.
    pub fn line_col_at(&self, offset: usize) -> (usize, usize) {
        let (line, col) = line_col(&self.source, offset);
        let offset = floor_char_boundary(&self.source, offset.min(self.source.len()));
        let line_start = self.source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let col = written::written_column(self.shifts.as_ref(), line_start, offset, col);
        (line, col)
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
    /// A workbook's cell as (row, column), 1-based: a sheet has no lines, but its rows
    /// and columns stand where a text file's lines and columns do, so tools reading
    /// `path:line:col` (or JSON's `line` and `column`) find the cell.
    pub cell: Option<(u32, u32)>,
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
            cell: None,
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

    /// Placed at line 1, column 1 of `path`: the whole file is at fault — a file in
    /// another encoding, a second file making one table, a workbook that cannot be
    /// opened — so tools reading `path:line:col` (and JSON's `line` and `column`) still
    /// find it, where a bare path gave `null`. Not for what has no line 1 to open: a
    /// folder, a link that leads nowhere or in a loop, a pipe, an unreadable entry
    /// (those keep the bare path, [`Diagnostic::in_file`]).
    pub fn at_file_start(self, path: &Path) -> Self {
        self.at(Location::new(path, &Arc::from(""), 0, 0))
    }

    /// Placed at the zero-based `row` and `col` of a workbook's sheet (the message names
    /// the sheet and cell, `预算!B7`).
    pub fn at_sheet_cell(mut self, row: u32, col: u32) -> Self {
        // The cell says more than the file's start (see [`Diagnostic::at_file_start`]).
        if self.location.as_ref().is_some_and(|l| l.source.is_empty()) {
            self.location = None;
        }
        self.cell = Some((row.saturating_add(1), col.saturating_add(1)));
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
            (None, Some(path)) => Some(match self.cell {
                Some((row, col)) => format!("{}:{row}:{col}", shown(path)),
                None => shown(path),
            }),
            (None, None) => None,
        }
    }
}

impl Diagnostic {
    /// What is wrong, as every form of the diagnostic shows it (see [`Problem::text_as`]).
    pub fn message(&self) -> Text {
        self.problem.text_as(self.severity)
    }

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
                let (end_line, end_column) = loc.line_col_at(loc.offset + loc.len);
                (
                    serde_json::json!({ "line": line, "column": column }),
                    serde_json::json!({ "line": end_line, "column": end_column }),
                )
            }
            None => match self.cell {
                Some((row, col)) => (
                    serde_json::json!({ "line": row, "column": col }),
                    serde_json::json!({ "line": row, "column": col + 1 }),
                ),
                None => (serde_json::Value::Null, serde_json::Value::Null),
            },
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
            "message": self.message().render(lang),
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
        let problem = self.message().to_string();
        write!(f, "{}", crate::escape::for_terminal(&problem))?;
        if let Some(help) = &self.help {
            let help = help.to_string();
            write!(f, "\n  help: {}", crate::escape::for_terminal(&help))?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

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
        sort(&mut items);
        items
    }
}

/// Sorts diagnostics by severity, file and position, then by their text, so what is
/// printed never depends on the order threads or rebuilds found them in.
pub fn sort(items: &mut [Diagnostic]) {
    items.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            (
                d.severity,
                d.path.clone(),
                d.location.as_ref().map(|l| l.offset),
                d.cell,
            )
        };
        key(a).cmp(&key(b)).then_with(|| {
            let (a, b) = (a.problem.to_string(), b.problem.to_string());
            // Leading zeros aside (`B02`, `B2`), the text decides, not thread timing.
            numbers_by_value(&a, &b).then_with(|| a.cmp(&b))
        })
    });
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

/// Each problem as tests read it: the report, then ` | ` and its help.
#[cfg(test)]
pub(crate) fn told_with_help(all: &[Diagnostic]) -> Vec<String> {
    all.iter()
        .map(|d| {
            let help = d.help.as_ref().map(ToString::to_string).unwrap_or_default();
            format!("{d} | {help}")
        })
        .collect()
}

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
