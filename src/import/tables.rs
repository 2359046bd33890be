//! `pmo import milestones FILE`, `pmo import risks FILE`, and the 里程碑 and 风险 sheets
//! of `pmo import projects`: the rows of a PMO's sheet, each naming its project by code
//! (or title), become each project's `milestones.csv` or `risks.csv` beside its
//! `index.md`. A project's table is written whole or not at all: one left without a row
//! that had an error would show a milestone fewer (one fewer late) as if that were all,
//! and the next import, finding the file, would never add the row. A project that has
//! the table already is skipped, so importing twice changes nothing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::data::table::{Cell, Table};
use crate::diagnostics::{Diagnostic, Problem};
use crate::messages::Text;
use crate::t;

use super::headers::{normalize, FieldSet, Header};
use super::plan::{MilestoneField, RiskField, RISK_STATUSES};
use super::sheet::{empty_cell, Needs, Opened};
use super::sites::{Known, Site};
use super::workbook::{self, Chosen, Part};
use super::{values, Imported, Options, Planned, Report};

/// Imports a milestones sheet (or CSV file) into the projects of the site at `root`.
pub fn milestones(root: &Path, options: &Options) -> Result<Report, Diagnostic> {
    alone::<MilestoneField>(root, options, Part::Milestones)
}

/// Imports a risks sheet (or CSV file) into the projects of the site at `root`.
pub fn risks(root: &Path, options: &Options) -> Result<Report, Diagnostic> {
    alone::<RiskField>(root, options, Part::Risks)
}

fn alone<F: Sheet>(root: &Path, options: &Options, part: Part) -> Result<Report, Diagnostic> {
    let chosen = Chosen::parse(&options.sheets, part)?;
    let names = workbook::sheet_names(&options.file);
    let Some(options) = chosen.options(options, &names, part, true) else {
        return Ok(Report::new(F::WHAT, options.dry_run));
    };
    import::<F>(root, &options, &Site::load(root).known())
}

/// What a milestones or a risks sheet reads and writes.
pub(super) trait Sheet: FieldSet {
    const WHAT: Imported;
    /// The table's file name in a project's folder, without its extension.
    const FILE: &'static str;
    const HEADER: &'static [&'static str];
    const CODE: Self;
    const PROJECT: Self;
    fn needs() -> Needs<'static, Self>;
    /// The row's values in the order of [`Sheet::HEADER`], or its problems. `n` is the
    /// row's number among its project's rows, from 1.
    fn record(rows: &Rows<Self>, row: usize, n: usize) -> Result<Vec<String>, Vec<Diagnostic>>;
}

pub(super) struct Rows<'a, F> {
    table: &'a Table,
    header: &'a Header<F>,
}

impl<F: FieldSet> Rows<'_, F> {
    fn col(&self, field: F) -> Option<usize> {
        self.header.fields.iter().position(|f| *f == Some(field))
    }

    fn text(&self, row: usize, field: F) -> Option<String> {
        let text = self.table.text(row, self.col(field)?);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        text.chars().any(char::is_alphanumeric).then_some(text)
    }

    fn filled(&self, row: usize, field: F) -> Option<usize> {
        self.col(field)
            .filter(|c| *self.table.cell(row, *c) != Cell::Empty)
    }

    /// The cell's text, or the error that the column (or cell) is empty.
    fn needed(&self, row: usize, field: F, problems: &mut Vec<Diagnostic>) -> Option<String> {
        let text = self.text(row, field);
        if text.is_none() {
            let col = self.col(field).unwrap_or(0);
            problems.push(empty_cell(
                self.table,
                row,
                col,
                t!(
                    "column `{column}` is empty, but every row needs its {field}",
                    column = self.table.columns.get(col).map_or("", String::as_str),
                    field = field.name()
                ),
            ));
        }
        text
    }

    /// The date in `field`'s cell as ISO (empty when the cell is), read as the projects
    /// import reads one.
    fn date(&self, row: usize, field: F, problems: &mut Vec<Diagnostic>) -> Option<String> {
        let Some(col) = self.filled(row, field) else {
            return Some(String::new());
        };
        values::date_at(self.table, row, col)
            .map(|d| d.iso())
            .map_err(|d| problems.push(d))
            .ok()
    }

    fn is_blank(&self, row: usize) -> bool {
        self.table
            .rows
            .get(row)
            .is_none_or(|cells| cells.iter().all(|c| c.display().trim().is_empty()))
    }
}

impl Sheet for MilestoneField {
    const WHAT: Imported = Imported::Milestones;
    const FILE: &'static str = "milestones";
    const HEADER: &'static [&'static str] = &["name", "baseline", "forecast", "actual"];
    const CODE: Self = MilestoneField::Code;
    const PROJECT: Self = MilestoneField::Project;
    fn needs() -> Needs<'static, Self> {
        Needs {
            required: &[MilestoneField::Name, MilestoneField::Baseline],
            no_header: t!("name the columns e.g. Project code, Milestone, Baseline date, Forecast date, Actual date, or map yours with --map COLUMN=FIELD"),
            missing: t!("every milestone needs its name and baseline date: add the columns, or map yours with --map COLUMN=FIELD"),
        }
    }
    fn record(rows: &Rows<Self>, row: usize, _: usize) -> Result<Vec<String>, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let name = rows.needed(row, MilestoneField::Name, &mut problems);
        if rows.filled(row, MilestoneField::Baseline).is_none() {
            rows.needed(row, MilestoneField::Baseline, &mut problems);
        }
        let baseline = rows.date(row, MilestoneField::Baseline, &mut problems);
        let forecast = rows.date(row, MilestoneField::Forecast, &mut problems);
        let actual = rows.date(row, MilestoneField::Actual, &mut problems);
        match (name, baseline, forecast, actual) {
            (Some(name), Some(b), Some(f), Some(a)) if problems.is_empty() => {
                Ok(vec![name, b, f, a])
            }
            _ => Err(problems),
        }
    }
}

impl Sheet for RiskField {
    const WHAT: Imported = Imported::Risks;
    const FILE: &'static str = "risks";
    const HEADER: &'static [&'static str] = &[
        "id",
        "title",
        "probability",
        "impact",
        "owner",
        "status",
        "response",
    ];
    const CODE: Self = RiskField::Code;
    const PROJECT: Self = RiskField::Project;
    fn needs() -> Needs<'static, Self> {
        Needs {
            required: &[RiskField::Title, RiskField::Probability, RiskField::Impact],
            no_header: t!("name the columns e.g. Project code, Risk ID, Risk, Probability, Impact, Owner, Status, Response, or map yours with --map COLUMN=FIELD"),
            missing: t!("every risk needs its title, probability and impact: add the columns, or map yours with --map COLUMN=FIELD"),
        }
    }
    fn record(rows: &Rows<Self>, row: usize, n: usize) -> Result<Vec<String>, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let title = rows.needed(row, RiskField::Title, &mut problems);
        let probability = score(rows, row, RiskField::Probability, &mut problems);
        let impact = score(rows, row, RiskField::Impact, &mut problems);
        let status = match rows.filled(row, RiskField::Status) {
            Some(col) => values::vocab_at(rows.table, row, col, &RISK_STATUSES, &mut problems)
                .map(str::to_string),
            // A risk in the register with no status is one still open.
            None => Some("open".to_string()),
        };
        // `R1`, `R2` … in the project's order, as pmo's own tables number them.
        let id = rows
            .text(row, RiskField::Id)
            .unwrap_or_else(|| format!("R{n}"));
        let owner = rows.text(row, RiskField::Owner).unwrap_or_default();
        let response = rows.text(row, RiskField::Response).unwrap_or_default();
        match (title, probability, impact, status) {
            (Some(title), Some(p), Some(i), Some(s)) if problems.is_empty() => {
                Ok(vec![id, title, p, i, owner, s, response])
            }
            _ => Err(problems),
        }
    }
}

/// A probability or impact: a whole number from 1 to 5. A word (高, 中) is refused:
/// which number it stands for is the register's own scale, not pmo's to guess.
fn score(
    rows: &Rows<RiskField>,
    row: usize,
    field: RiskField,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    let Some(col) = rows.filled(row, field) else {
        rows.needed(row, field, problems);
        return None;
    };
    match rows.table.number(row, col) {
        Ok(Some(n)) if (1.0..=5.0).contains(&n) && n.fract() == 0.0 => Some(format!("{n}")),
        _ => {
            problems.push(rows.table.bad_cell(
                row,
                col,
                t!("a whole number from 1 to 5"),
                t!("rate it from 1 (rare, minor) to 5 (almost certain, severe); words such as High or Medium are not read, as each register has its own scale: write the number"),
            ));
            None
        }
    }
}

/// One project's rows: written together, or not at all.
struct Group {
    folder: String,
    /// Where its first row names the project.
    first: (usize, usize),
    records: Vec<Vec<String>>,
    failed: bool,
}

/// Reads the sheet `options` names and writes each project's table.
pub(super) fn import<F: Sheet>(
    root: &Path,
    options: &Options,
    known: &[Known],
) -> Result<Report, Diagnostic> {
    let Opened {
        table,
        header,
        raw,
        warnings,
        ..
    } = super::sheet::open(root, options, F::needs())?;
    let rows = Rows {
        table: &table,
        header: &header,
    };
    let key = |row: usize| {
        [F::CODE, F::PROJECT]
            .into_iter()
            .find_map(|f| Some((f, rows.filled(row, f)?)))
    };
    if rows.col(F::CODE).is_none() && rows.col(F::PROJECT).is_none() {
        return Err(Diagnostic::error(Problem::Content(t!(
            "the header row ({place}) has no column naming each row's project",
            place = raw.place_name(header.row, 0)
        )))
        .in_file(&options.file)
        .with_help(t!(
            "add a column `Project code` holding the project's code, or `Project` holding its title"
        )));
    }
    let mut report = Report::new(F::WHAT, options.dry_run);
    let mut groups: Vec<Group> = Vec::new();
    let mut by_folder: HashMap<String, usize> = HashMap::new();
    for row in (0..table.rows.len()).filter(|r| !rows.is_blank(*r)) {
        let Some((field, col)) = key(row) else {
            let col = rows.col(F::CODE).or(rows.col(F::PROJECT)).unwrap_or(0);
            report.failed += 1;
            report.diagnostics.push(empty_cell(
                &table,
                row,
                col,
                t!(
                    "column `{column}` is empty, but every row needs its project",
                    column = table.columns.get(col).map_or("", String::as_str)
                ),
            ));
            continue;
        };
        let named = table.text(row, col);
        let folder = match find(known, named.trim(), field == F::CODE) {
            Ok(folder) => folder,
            Err(help) => {
                report.failed += 1;
                report.diagnostics.push(
                    table
                        .at_cell(
                            Diagnostic::error(Problem::Content(if field == F::CODE {
                                t!("no project has the code `{code}`", code = named.trim())
                            } else {
                                t!("no project is titled “{title}”", title = named.trim())
                            })),
                            row,
                            col,
                        )
                        .with_help(help),
                );
                continue;
            }
        };
        let index = *by_folder.entry(folder.clone()).or_insert_with(|| {
            groups.push(Group {
                folder: folder.clone(),
                first: (row, col),
                records: Vec::new(),
                failed: false,
            });
            groups.len() - 1
        });
        let group = &mut groups[index];
        match F::record(&rows, row, group.records.len() + 1) {
            Ok(record) => group.records.push(record),
            Err(problems) => {
                group.failed = true;
                report.failed += 1;
                report.diagnostics.extend(problems);
            }
        }
    }
    for group in groups {
        write::<F>(root, &table, group, &mut report);
    }
    let mut diagnostics = warnings;
    diagnostics.append(&mut report.diagnostics);
    report.diagnostics = diagnostics;
    Ok(report)
}

/// The folder of the project `named` names: by code when `by_code`, else by title
/// (case, width and punctuation aside); else the help naming the closest.
fn find(known: &[Known], named: &str, by_code: bool) -> Result<String, Text> {
    let key = normalize(named);
    let name = |k: &Known| {
        if by_code {
            k.code.clone()
        } else {
            Some(k.title.clone())
        }
    };
    if let Some(k) = known
        .iter()
        .find(|k| name(k).is_some_and(|n| normalize(&n) == key))
    {
        return Ok(k.folder.clone());
    }
    let names: Vec<String> = known.iter().filter_map(name).collect();
    let words: Vec<&str> = names.iter().map(String::as_str).collect();
    let closest = crate::suggest::closest(named, &words, 3).join(", ");
    Err(match (by_code, closest.is_empty()) {
        (_, true) => t!("the site has no projects yet: import the list of projects first"),
        (true, false) => t!(
            "the closest codes are {codes}: correct the cell, or add the project to the list of projects and import again",
            codes = closest
        ),
        (false, false) => t!(
            "the closest titles are {titles}: correct the cell, or add the project to the list of projects and import again",
            titles = closest
        ),
    })
}

/// Writes a project's table, unless it has one already or one of its rows failed.
fn write<F: Sheet>(root: &Path, table: &Table, group: Group, report: &mut Report) {
    let (row, col) = group.first;
    let dir = PathBuf::from("content/projects").join(&group.folder);
    let rel = dir.join(format!("{}.csv", F::FILE));
    if let Some(existing) = existing_table(&root.join(&dir), F::FILE) {
        report.skipped += 1;
        report.diagnostics.push(
            table
                .at_cell(
                    Diagnostic::warning(Problem::Content(t!(
                        "skipped: {file} already exists",
                        file = dir.join(existing).as_path()
                    ))),
                    row,
                    col,
                )
                .with_help(t!(
                    "the import never overwrites a project's table: edit it itself, or remove it and import again"
                )),
        );
        return;
    }
    if group.failed {
        report.diagnostics.push(
            Diagnostic::warning(Problem::Content(t!(
                "{file} was not written: it is written whole or not at all",
                file = rel.as_path()
            )))
            .in_file(&table.path)
            .with_help(t!("mend the rows with errors above and import again")),
        );
        return;
    }
    let text = match csv_text(F::HEADER, &group.records) {
        Ok(text) => text,
        Err(e) => {
            report.failed += 1;
            report
                .diagnostics
                .push(Diagnostic::error(Problem::Io(crate::messages::io_reason(&e))).in_file(&rel));
            return;
        }
    };
    if !report.dry_run {
        if let Err(e) = super::sheet::write_new(root, &rel, &text) {
            report.failed += 1;
            let help = t!("check that content/projects/ is writable");
            let failed = crate::safe_write::failed_at(&e, &rel, Some(help));
            report.diagnostics.push(failed);
            return;
        }
    }
    report.planned.push(Planned {
        path: rel,
        front_matter: text,
        place: table.place_name(row, col),
    });
}

/// A table of the project's under the name `stem` in any format a build reads
/// (`milestones.xlsx` as much as `milestones.csv`).
fn existing_table(dir: &Path, stem: &str) -> Option<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| {
            Path::new(n)
                .file_stem()
                .is_some_and(|s| s.to_string_lossy().eq_ignore_ascii_case(stem))
        })
        .collect();
    names.sort();
    names.into_iter().next()
}

fn csv_text(header: &[&str], records: &[Vec<String>]) -> std::io::Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header)?;
    for record in records {
        writer.write_record(record)?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}
