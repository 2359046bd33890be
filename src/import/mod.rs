//! `pmo import lessons FILE` and `pmo import projects FILE`: a lessons-learned register
//! or a list of projects kept in Excel (or saved as CSV) becomes one Markdown lesson
//! per row under `content/lessons/`, or one project folder per row under
//! `content/projects/`; `pmo import html DIR` brings a Confluence space exported as
//! HTML in as Markdown pages (`html`).
//!
//! An import never overwrites: a row whose id, code or file is already in the site is
//! skipped, so importing the same register again changes nothing, and a register that
//! grows can be imported again for its new rows. A bad row is reported at its cell and
//! the others still import, so one typo does not hold back a whole register.

pub use crate::date_order::DateOrder;

mod budgets;
mod dates;
pub(crate) mod headers;
mod html;
mod lesson;
mod lessons;
mod plan;
mod project;
mod projects;
mod rates;
mod sheet;
mod sites;
mod tables;
pub(crate) mod values;
mod workbook;

use std::path::PathBuf;

use crate::diagnostics::Diagnostic;
use crate::messages::Text;

pub use html::{html, HtmlOptions, PageKind};
pub use lessons::lessons;
pub use projects::projects;
pub use tables::{milestones, risks};

/// What to import, and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The register: `.xlsx`, `.xlsm`, `.xls`, `.ods` or `.csv`.
    pub file: PathBuf,
    /// `--map COLUMN=FIELD` arguments, as given.
    pub maps: Vec<String>,
    /// Show what would be written, and write nothing.
    pub dry_run: bool,
    /// `--sheet NAME` and `--sheet PART=NAME` arguments, as given: which sheet of a
    /// workbook holds the projects, the milestones and the risks.
    pub sheets: Vec<String>,
    /// The sheet to read, when the import has chosen one.
    pub sheet: Option<String>,
    /// Sheets not to look in for the header: those another part of the import reads.
    pub skip_sheets: Vec<String>,
    /// `--date-order`: how the register writes a date with the year last, over
    /// site.toml's `date_order`.
    pub date_order: Option<DateOrder>,
}

/// A page written (or, in a dry run, that would be).
#[derive(Debug, Clone)]
pub struct Planned {
    /// Relative to the site root: `content/lessons/ll-2024-001.md`.
    pub path: PathBuf,
    pub front_matter: String,
    /// The row it came from (`登记册!A7`, `line 7`).
    pub place: Text,
}

/// What was imported: the summary line says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    Lessons,
    Projects,
    /// Projects' `milestones.csv`, one a project.
    Milestones,
    /// Projects' `risks.csv`, one a project.
    Risks,
    /// Pages of a Confluence space's HTML export.
    Pages,
}

/// What an import did: the pages written, the rows skipped because they were already
/// in the site, and the problems, sorted by row.
#[derive(Debug)]
pub struct Report {
    pub what: Imported,
    pub planned: Vec<Planned>,
    pub skipped: usize,
    /// Rows not imported because of an error.
    pub failed: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub dry_run: bool,
    /// The milestones and risks sheets imported with a list of projects.
    pub also: Vec<Report>,
    /// The projects written (or, in a dry run, that would be), for the milestones and
    /// risks sheets to find theirs.
    pub(crate) written: Vec<sites::Known>,
    /// The folder the pages were written into (`pmo import html`).
    pub into: Option<PathBuf>,
}

impl Report {
    fn new(what: Imported, dry_run: bool) -> Report {
        Report {
            what,
            planned: Vec::new(),
            skipped: 0,
            failed: 0,
            diagnostics: Vec::new(),
            dry_run,
            also: Vec::new(),
            written: Vec::new(),
            into: None,
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
            || self.also.iter().any(Report::has_errors)
    }
}
