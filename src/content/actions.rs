//! The checks across a lesson's `actions:` that a schema cannot state: a done date on an
//! action still open, an action marked done without its date, a due date before the
//! lesson was written. Each is told at the action's own line, since a lesson may list
//! many.

use std::path::Path;
use std::sync::Arc;

use crate::content::front_matter::{Format, Split};
use crate::content::page_file::field_offset;
use crate::content::schema::{Action, ActionStatus, Date, LessonMeta, Vocabulary};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::source::Source;
use crate::t;

/// The contradictions that would show wrong data: a done date on an action that is not
/// done (is it done or not?). Errors, at the `done:` line.
pub fn errors(path: &Path, text: &Arc<str>, split: &Split, meta: &LessonMeta) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (n, action) in meta.actions.iter().enumerate() {
        if let (Some(done), false) = (action.done, action.status == ActionStatus::Done) {
            out.push(
                Diagnostic::error(Problem::Content(t!(
                    "action {n} has a done date ({done}) but its status is `{status}`",
                    n = n + 1,
                    done = done.iso(),
                    status = action.status.key()
                )))
                .at(at(path, text, split, n, "done"))
                .with_help(t!(
                    "set `status: done` if it was done, or remove `done:` if it is still owed"
                )),
            );
        }
        if action.what.trim().is_empty() {
            out.push(
                Diagnostic::error(Problem::Content(t!(
                    "action {n} does not say what is to be done",
                    n = n + 1
                )))
                .at(at(path, text, split, n, "what"))
                .with_help(t!(
                    "write the action in `what:`, e.g. what: Add a delay penalty to the vendor contract"
                )),
            );
        }
    }
    out
}

/// What is probably a slip rather than a contradiction: warnings, at the action's line.
/// `as_of` is the date the site is built as of. The page's text is read only when there
/// is something to say (a one-shot build has let it go: see [`Source`]).
pub fn warnings(path: &Path, source: &Source, meta: &LessonMeta, as_of: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut warn = |n: usize, key: &'static str, message, help| out.push((n, key, message, help));
    for (n, action) in meta.actions.iter().enumerate() {
        let number = n + 1;
        if action.status == ActionStatus::Done && action.done.is_none() {
            warn(
                n,
                "status",
                t!("action {n} is done but does not say when", n = number),
                t!("add `done: YYYY-MM-DD` with the day it was done"),
            );
        }
        if let Some(done) = action.done.filter(|d| *d > as_of) {
            warn(
                n,
                "done",
                t!(
                    "action {n} was done on {done}, after the date the site is built as of ({as_of})",
                    n = number,
                    done = done.iso(),
                    as_of = as_of.iso()
                ),
                t!("check the date; a build for a later day takes `--as-of YYYY-MM-DD` or site.toml `as_of`"),
            );
        }
        if let Some(due) = action.due.filter(|d| *d < meta.date) {
            warn(
                n,
                "due",
                t!(
                    "action {n} is due on {due}, before the lesson's date ({date})",
                    n = number,
                    due = due.iso(),
                    date = meta.date.iso()
                ),
                t!("check the due date: an action follows the lesson it comes from"),
            );
        }
        if action.status.is_open() && (action.owner.is_none() || action.due.is_none()) {
            let missing = if action.owner.is_none() {
                "owner"
            } else {
                "due"
            };
            warn(
                n,
                "what",
                t!(
                    "action {n} is still open but has no `{missing}`: nobody can be held to it",
                    n = number,
                    missing = missing
                ),
                t!("give every open action an `owner:` and a `due:` date"),
            );
        }
    }
    if out.is_empty() {
        return Vec::new();
    }
    let text = source.text(path);
    let Ok(split) = crate::content::front_matter::split(path, &text) else {
        return Vec::new();
    };
    out.into_iter()
        .map(|(n, key, message, help)| {
            Diagnostic::warning(Problem::Content(message))
                .at(at(path, &text, &split, n, key))
                .with_help(help)
        })
        .collect()
}

/// How many of `actions` are still owed, and how many of those are overdue as of `as_of`.
pub fn counts(actions: &[Action], as_of: Date) -> (usize, usize) {
    let open = actions.iter().filter(|a| a.status.is_open()).count();
    let overdue = actions.iter().filter(|a| a.is_overdue(as_of)).count();
    (open, overdue)
}

/// Where `key` of the `n`th action (0-based) is written, to the end of its line: the
/// action's first line when the key is not written, the `actions` field when the list
/// is not written one item per block (a YAML flow list, a TOML inline array).
fn at(path: &Path, text: &Arc<str>, split: &Split, n: usize, key: &str) -> Location {
    let offset =
        action_offset(text, split, n, key).unwrap_or_else(|| field_offset(text, split, "actions"));
    let len = text[offset..].find('\n').unwrap_or(text.len() - offset);
    Location::new(path, text, offset, len)
}

fn action_offset(text: &str, split: &Split, n: usize, key: &str) -> Option<usize> {
    let front = &text[split.front.clone()];
    let mut lines = Vec::new();
    let mut offset = split.front.start;
    for line in front.split_inclusive('\n') {
        lines.push((offset, line.trim_end_matches(['\n', '\r'])));
        offset += line.len();
    }
    // The items: (offset of the item's first line, its lines).
    let items: Vec<&[(usize, &str)]> = match split.format {
        Format::Yaml => {
            let start = lines.iter().position(|(_, l)| {
                l.strip_prefix("actions")
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            })?;
            let body = &lines[start + 1..];
            let end = body
                .iter()
                .position(|(_, l)| !l.is_empty() && !l.starts_with([' ', '\t', '-', '#']))
                .unwrap_or(body.len());
            let body = &body[..end];
            let indent = body
                .iter()
                .filter(|(_, l)| l.trim_start().starts_with('-'))
                .map(|(_, l)| l.len() - l.trim_start().len())
                .min()?;
            let starts: Vec<usize> = body
                .iter()
                .enumerate()
                .filter(|(_, (_, l))| {
                    l.len() - l.trim_start().len() == indent && l.trim_start().starts_with('-')
                })
                .map(|(i, _)| i)
                .collect();
            starts
                .iter()
                .enumerate()
                .map(|(k, &s)| &body[s..starts.get(k + 1).copied().unwrap_or(body.len())])
                .collect()
        }
        Format::Toml => {
            let starts: Vec<usize> = lines
                .iter()
                .enumerate()
                .filter(|(_, (_, l))| l.trim() == "[[actions]]")
                .map(|(i, _)| i)
                .collect();
            starts
                .iter()
                .map(|&s| {
                    let rest = &lines[s..];
                    let end = rest[1..]
                        .iter()
                        .position(|(_, l)| l.trim_start().starts_with('['))
                        .map_or(rest.len(), |e| e + 1);
                    &rest[..end]
                })
                .collect()
        }
    };
    let item = items.get(n)?;
    for (line_at, line) in item.iter() {
        let body = line.trim_start().trim_start_matches('-').trim_start();
        if let Some(rest) = body.strip_prefix(key) {
            let rest = rest.trim_start();
            if let Some(value) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('=')) {
                // YAML's blanks only: a full-width space is the value's own.
                let value_at = line.len() - value.trim_start_matches([' ', '\t']).len();
                return Some(line_at + value_at);
            }
        }
    }
    let (first_at, first) = item.first()?;
    Some(first_at + (first.len() - first.trim_start().len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(front: &str) -> (Arc<str>, Split, LessonMeta) {
        let text: Arc<str> = Arc::from(front);
        let path = Path::new("l.md");
        let split = crate::content::front_matter::split(path, &text).unwrap();
        let meta = crate::content::front_matter::parse::<LessonMeta>(path, &text, &split, "lesson")
            .unwrap();
        (text, split, meta)
    }

    const YAML: &str = "---\ntitle: 供应商延期\ndate: 2024-03-18\nproject: erp\nphase: execution\nimpact: negative\nactions:\n  - what: 合同增加延期罚则\n    owner: 王芳\n    due: 2024-05-31\n    status: in-progress\n    done: 2024-05-20\n  -\n    what: 建立供应商周报\n    status: done\n    due: 2024-03-01\ntags: [供应商]\n---\n";

    #[test]
    fn a_done_date_on_an_owed_action_is_an_error_at_its_line() {
        let (text, split, meta) = lesson(YAML);
        let found = errors(Path::new("l.md"), &text, &split, &meta);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].position().as_deref(), Some("l.md:12:11"));
        assert!(found[0].to_string().contains("action 1"), "{}", found[0]);
    }

    #[test]
    fn slips_are_warnings_at_the_action_they_concern() {
        let (text, _, meta) = lesson(YAML);
        let as_of = Date::parse("2024-06-30").unwrap();
        let found = warnings(Path::new("l.md"), &Source::Held(text), &meta, as_of);
        let places: Vec<String> = found.iter().filter_map(Diagnostic::position).collect();
        // Action 2: done without a date (its status line), due before the lesson (its
        // due line); action 1 has everything.
        assert_eq!(places, ["l.md:15:13", "l.md:16:10"], "{found:#?}");
    }

    #[test]
    fn toml_actions_are_placed_too_and_overdue_counts_only_owed_actions() {
        let front = "+++\ntitle = \"x\"\ndate = 2024-03-18\nproject = \"erp\"\nphase = \"closing\"\nimpact = \"positive\"\n\n[[actions]]\nwhat = \"a\"\nowner = \"李雷\"\ndue = 2024-04-01\n\n[[actions]]\nwhat = \"b\"\nowner = \"李雷\"\ndue = 2024-04-01\nstatus = \"dropped\"\ndone = 2024-04-02\n+++\n";
        let (text, split, meta) = lesson(front);
        let found = errors(Path::new("l.md"), &text, &split, &meta);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].position().as_deref(), Some("l.md:18:8"));
        let as_of = Date::parse("2024-04-02").unwrap();
        assert_eq!(counts(&meta.actions, as_of), (1, 1));
        assert_eq!(
            counts(&meta.actions, Date::parse("2024-04-01").unwrap()),
            (1, 0)
        );
    }
}
