//! Checks of a page's own `date` that its type cannot state. A year typed wrong (`2042`
//! for 2024, `0202`) parses as a day like any other, then files a review under a year
//! archive of its own, counts a project closed in that year on the dashboard and puts a
//! lesson first in every dated list: so a year before [`EARLIEST_YEAR`] is refused at
//! load, and a day after the as-of day is warned, since a review planned for next month
//! may rightly carry its day.

use std::path::Path;
use std::sync::Arc;

use crate::content::front_matter::Split;
use crate::content::page::Page;
use crate::content::page_file::field_offset;
use crate::date::{likely_year, Date, EARLIEST_YEAR, LATEST_YEAR};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::kinds::Kind;
use crate::t;

/// The page's `date` written with `year` in place of its own.
fn with_year(date: Date, year: i16) -> String {
    format!("{year:04}{}", &date.iso()[4..])
}

/// Where the page's `date` value is written, to the end of its line.
fn date_at(path: &Path, text: &Arc<str>, split: &Split) -> Location {
    field_at(path, text, split, "date")
}

/// Where `field`'s value is written, to the end of its line.
fn field_at(path: &Path, text: &Arc<str>, split: &Split, field: &str) -> Location {
    let offset = field_offset(text, split, field);
    let len = text[offset..].find('\n').unwrap_or(text.len() - offset);
    Location::new(path, text, offset, len)
}

/// The error for a page dated before [`EARLIEST_YEAR`]. A project's day is its `start`,
/// not a `date`, and is not judged here.
pub fn too_early(page: &Page, path: &Path, text: &Arc<str>, split: &Split) -> Option<Diagnostic> {
    let date = page.date.filter(|d| d.year() < EARLIEST_YEAR)?;
    if page.kind == Kind::Project {
        return None;
    }
    let help = match likely_year(date.year(), EARLIEST_YEAR..=LATEST_YEAR) {
        Some(year) => t!(
            "write the year in full with its four digits; if {year} was meant: `date: {date}`",
            year = year,
            date = with_year(date, year)
        ),
        None => t!(
            "write the year in full with its four digits, e.g. `date: {date}`",
            date = with_year(date, 2024)
        ),
    };
    Some(
        Diagnostic::error(Problem::Content(t!(
            "the date {date} is in the year {year}: no page of a portal is dated before {earliest}",
            date = date.iso(),
            year = date.year(),
            earliest = EARLIEST_YEAR
        )))
        .at(date_at(path, text, split))
        .with_help(help),
    )
}

/// The error for a project's `start` or `finish` outside the years a portal's projects
/// run in (a year typed `1899` or `2204`), shown as its dates and bending its milestones'
/// checks. The year guessed keeps the start before the finish.
pub fn project_day_out_of_range(
    path: &Path,
    text: &Arc<str>,
    split: &Split,
    start: Option<Date>,
    finish: Option<Date>,
) -> Option<Diagnostic> {
    let in_range = |d: &Date| (EARLIEST_YEAR..=LATEST_YEAR).contains(&d.year());
    let year_of =
        |d: Option<Date>, fallback: i16| d.filter(in_range).map_or(fallback, |d| d.year());
    let (field, date, guesses) = match (start, finish) {
        (Some(s), _) if !in_range(&s) => ("start", s, EARLIEST_YEAR..=year_of(finish, LATEST_YEAR)),
        (_, Some(f)) if !in_range(&f) => ("finish", f, year_of(start, EARLIEST_YEAR)..=LATEST_YEAR),
        _ => return None,
    };
    let help = match likely_year(date.year(), guesses) {
        Some(year) => t!(
            "check the year; if {year} was meant: `{field}: {date}`",
            year = year,
            field = field,
            date = with_year(date, year)
        ),
        None => t!(
            "check the year, written in full with its four digits (YYYY-MM-DD, e.g. `{field}: {date}`)",
            field = field,
            date = with_year(date, 2024)
        ),
    };
    Some(
        Diagnostic::error(Problem::Content(t!(
            "`{field}` is {date}, in the year {year}: no project of a portal runs before {earliest} or after {latest}",
            field = field,
            date = date.iso(),
            year = date.year(),
            earliest = EARLIEST_YEAR,
            latest = LATEST_YEAR
        )))
        .at(field_at(path, text, split, field))
        .with_help(help),
    )
}

/// The warning for a page dated after `as_of`, the day the site is built as of. The
/// page's text is read only when there is something to say.
pub fn after_as_of(page: &Page, as_of: Date) -> Option<Diagnostic> {
    let date = page.date.filter(|d| *d > as_of)?;
    if page.kind == Kind::Project {
        return None;
    }
    let text = page.source.text(&page.path);
    let split = crate::content::front_matter::split(&page.path, &text).ok()?;
    let help = match likely_year(date.year(), EARLIEST_YEAR..=as_of.year()) {
        Some(year) => t!(
            "if {year} was meant, write `date: {date}`; a page about a day still to come (a planned review) may keep its date, and a build for a later day takes `--as-of YYYY-MM-DD` or site.toml `as_of`",
            year = year,
            date = with_year(date, year)
        ),
        None => t!(
            "check the year; a page about a day still to come (a planned review) may keep its date, and a build for a later day takes `--as-of YYYY-MM-DD` or site.toml `as_of`"
        ),
    };
    Some(
        Diagnostic::warning(Problem::Content(t!(
            "the page is dated {date}, after the day the site is built as of ({as_of}): it is listed first and counted in the year {year}",
            date = date.iso(),
            as_of = as_of.iso(),
            year = date.year()
        )))
        .at(date_at(&page.path, &text, &split))
        .with_help(help),
    )
}

/// The warning for a page pinned (`as_of:`) to a day after the site's: its figures of
/// that day cannot be known yet, so its blocks show the site's day's (see
/// `charts::pinned::pinned_day`), which the warning names.
pub fn pinned_after_as_of(page: &Page, as_of: Date) -> Option<Diagnostic> {
    let pinned = page.as_of.filter(|d| *d > as_of)?;
    let text = page.source.text(&page.path);
    let split = crate::content::front_matter::split(&page.path, &text).ok()?;
    Some(
        Diagnostic::warning(Problem::Content(t!(
            "the page's figures are pinned to {day} (`as_of`), after the day the site is built as of ({as_of}): a day not yet over has no figures, so its blocks show those of {as_of}",
            day = pinned.iso(),
            as_of = as_of.iso()
        )))
        .at(field_at(&page.path, &text, &split, "as_of"))
        .with_help(t!(
            "pin the page to a day up to {as_of} (a monthly report to its month, e.g. `as_of: 2026-11`), or build the site as of a later day with `--as-of YYYY-MM-DD` or site.toml `as_of`",
            as_of = as_of.iso()
        )),
    )
}
