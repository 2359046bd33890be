//! Data tables: site-wide ones under `data/` and each project's beside its `index.md`
//! (`budget`, `milestones`, `risks` and any other), in CSV, XLSX, JSON, TOML or YAML.
//! The three project tables are also read into typed rows with cell-level errors.

mod budget;
pub use budget::{amount_columns, unit_cells};
pub mod columns;
mod damaged;
mod decimals;
mod header_again;
pub(crate) mod hidden;
mod invisible;
mod json_places;
mod lookalike;
mod milestone_status;
pub(crate) mod number_formats;
pub mod read;
mod records;
pub mod table;
mod unit_rows;
mod unread;
mod workbook_limits;

use crate::kinds::PROJECTS;
use crate::messages::Text;
use crate::t;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;

pub use table::{Cell, ColumnType, Table};

use crate::content::page::Page;
use crate::content::schema::Basis;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Problem};

/// One reporting period of a project's budget; amounts are for the period, not
/// cumulative, whatever basis the table was written in.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRow {
    /// `YYYY-MM`.
    pub period: String,
    pub pv: f64,
    pub ev: Option<f64>,
    pub ac: Option<f64>,
    /// The row of the budget table it was read from, for warnings placed at its cells.
    pub row: usize,
}

#[cfg(test)]
impl BudgetRow {
    /// A row of no particular table, for unit tests.
    pub fn new(period: &str, pv: f64, ev: Option<f64>, ac: Option<f64>) -> BudgetRow {
        BudgetRow {
            period: period.into(),
            pv,
            ev,
            ac,
            row: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub name: String,
    pub baseline: Date,
    pub forecast: Option<Date>,
    pub actual: Option<Date>,
    /// The row of the milestones table it was read from, for warnings at its cells.
    pub row: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub id: String,
    pub title: String,
    pub probability: u8,
    pub impact: u8,
    pub owner: String,
    pub status: String,
    pub response: String,
}

impl Risk {
    pub fn exposure(&self) -> u8 {
        self.probability * self.impact
    }

    pub fn is_open(&self) -> bool {
        !closes_risk(&self.status)
    }
}

/// The statuses that close a risk, lower-cased. 已解决 is what Chinese registers most
/// often write for a risk that is over: read as open, it kept the risk in every exposure
/// figure (the eighth walk-through).
pub const RISK_CLOSED: [&str; 6] = ["closed", "resolved", "关闭", "已关闭", "已解决", "已完成"];

/// Whether a risk of `status` is closed (case and spaces around it aside).
pub fn closes_risk(status: &str) -> bool {
    RISK_CLOSED.contains(&status.trim().to_lowercase().as_str())
}

/// The tables of one project; a missing table is empty.
#[derive(Debug, Clone, Default)]
pub struct ProjectData {
    pub budget: Vec<BudgetRow>,
    pub milestones: Vec<Milestone>,
    pub risks: Vec<Risk>,
    /// The day the site is built as of, set once the site is linked: a milestone whose
    /// date passed before it without an actual date is late (see `derive::slip_days`).
    pub as_of: Option<Date>,
}

/// Every table of the site by name, and each project's typed data by slug.
#[derive(Debug, Default, Clone)]
pub struct Data {
    pub tables: BTreeMap<String, Table>,
    pub projects: BTreeMap<String, ProjectData>,
}

/// The basis each project's budget is written in: its front matter's `basis`, else
/// site.toml's `[budget] basis`.
#[derive(Debug, Clone, Default)]
pub struct Bases {
    declared: BTreeMap<String, Basis>,
    site: Basis,
}

impl Bases {
    pub fn new(pages: &[Page], site: Basis) -> Bases {
        let declared = pages
            .iter()
            .filter_map(|p| p.project())
            .filter_map(|info| Some((info.slug.clone(), info.basis?)))
            .collect();
        Bases { declared, site }
    }

    pub fn of(&self, slug: &str) -> Basis {
        self.declared.get(slug).copied().unwrap_or(self.site)
    }
}

/// A table file to read: its path relative to `root` and the name charts call it by.
struct TableFile {
    rel: String,
    name: String,
}

/// Reads the project tables found by the load stage (paths relative to `content/`) and
/// every table under `data/`, in parallel.
pub fn load(
    root: &Path,
    project_tables: &[String],
    bases: &Bases,
    diagnostics: &Diagnostics,
) -> Data {
    let mut files: Vec<TableFile> = project_tables
        .iter()
        .map(|rel| {
            let rel = format!("content/{rel}");
            TableFile {
                name: table_name(&rel).to_string(),
                rel,
            }
        })
        .collect();
    let data_dir = root.join("data");
    let mut problems = Vec::new();
    let content = crate::symlinks::Content::of(root);
    if data_dir.is_dir() {
        for entry in walkdir::WalkDir::new(&data_dir).sort_by_file_name() {
            // An unreadable folder under data/ would silently lose its tables.
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let at = e.path().unwrap_or(&data_dir);
                    problems.push(
                        Diagnostic::error(Problem::Io(crate::messages::reason(&e)))
                            .in_file(at.strip_prefix(root).unwrap_or(at))
                            .with_help(t!("make the folder readable by the user running pmo, or move it out of data/")),
                    );
                    continue;
                }
            };
            let Ok(rel) = entry.path().strip_prefix(&data_dir) else {
                continue;
            };
            let lossy = rel.to_string_lossy().replace('\\', "/");
            if rel.to_str().is_none() && !entry.file_type().is_dir() && read::is_table(&lossy) {
                // Read by its lossy name, it was "no such file", with no help.
                problems.push(crate::encoding::name_not_utf8(
                    &Path::new("data").join(rel),
                    rel,
                ));
                continue;
            }
            let rel = lossy;
            if entry.file_type().is_dir() && read::is_table(&rel) {
                problems.push(crate::symlinks::page_or_table_folder(
                    &Path::new("data").join(&rel),
                ));
                continue;
            }
            if crate::symlinks::is_special(entry.file_type()) && read::is_table(&rel) {
                problems.push(crate::symlinks::not_a_file(&Path::new("data").join(&rel)));
                continue;
            }
            let is_file = entry.file_type().is_file()
                || (entry.path_is_symlink()
                    && read::is_table(&rel)
                    && crate::symlinks::follow(root, entry.path(), &Path::new("data").join(&rel))
                        .unwrap_or_else(|d| {
                            problems.push(d);
                            false
                        }));
            let ignored = rel.split('/').any(crate::layout::is_ignored_name);
            if is_file && read::is_table(&rel) && !ignored {
                // A page or attachment linked in is refused before it is read; a project's
                // table is judged with the audience built for (`symlinks::into_unpublished`).
                let target = content.as_ref().and_then(|c| c.holds(entry.path()));
                if let Some(target) = target.filter(|t| !project_tables.contains(t)) {
                    problems.push(crate::symlinks::table_into_content(
                        &Path::new("data").join(&rel),
                        &target,
                    ));
                    continue;
                }
                let rel = format!("data/{rel}");
                files.push(TableFile {
                    name: table_name(&rel).to_string(),
                    rel,
                });
            } else if is_file && !ignored {
                problems.extend(unread::warning(entry.path(), &rel));
            }
        }
    }
    diagnostics.extend(problems);
    let results: Vec<Result<read::ReadTables, Diagnostic>> = files
        .par_iter()
        .map(|f| read::read(&root.join(&f.rel), Path::new(&f.rel), &f.name))
        .collect();
    let mut data = Data::default();
    // Told once a project's reader has had its say, which tells the same cell itself.
    let mut cells = Vec::new();
    for result in results {
        match result {
            Ok((tables, told)) => {
                cells.extend(told);
                for table in tables {
                    let (table, invisible) = invisible::check(table);
                    diagnostics.extend(invisible);
                    if let Some(previous) = data.tables.get(&table.name) {
                        diagnostics.push(
                            Diagnostic::error(Problem::Data(t!(
                                "two files make the table `{table}`: {other} and this one",
                                table = &table.name,
                                other = &previous.path
                            )))
                            .at_file_start(&table.path)
                            .with_help(t!("keep one file per table name (e.g. budget.csv or budget.xlsx, not both)")),
                        );
                        continue;
                    }
                    data.tables.insert(table.name.clone(), table);
                }
            }
            Err(d) => diagnostics.push(d),
        }
    }
    diagnostics.extend(lookalike::misnamed(&data.tables));
    let slugs: std::collections::BTreeSet<&str> = data
        .tables
        .keys()
        .filter_map(|name| project_table(name).map(|(slug, _)| slug))
        .collect();
    let mut projects = BTreeMap::new();
    let mut told = Vec::new();
    for slug in slugs {
        let (project, problems) = project_data(&data.tables, slug, bases.of(slug));
        told.extend(problems);
        projects.insert(slug.to_string(), project);
    }
    let place = |d: &Diagnostic| {
        (
            d.path.clone(),
            d.location.as_ref().map(|l| l.offset),
            d.cell,
        )
    };
    let places: BTreeSet<_> = told.iter().map(place).collect();
    diagnostics.extend(cells.into_iter().filter(|d| !places.contains(&place(d))));
    diagnostics.extend(told);
    data.projects = projects;
    data
}

/// `projects/<slug>/<kind>` → (slug, kind).
pub fn project_table(name: &str) -> Option<(&str, &str)> {
    let mut parts = name.split('/');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(folder), Some(slug), Some(kind), None) if folder == PROJECTS => Some((slug, kind)),
        _ => None,
    }
}

/// One project's typed rows from its tables, with every bad row's error; the budget is
/// read as written in `basis`.
pub fn project_data(
    tables: &BTreeMap<String, Table>,
    slug: &str,
    basis: Basis,
) -> (ProjectData, Vec<Diagnostic>) {
    let mut project = ProjectData::default();
    let mut problems = Vec::new();
    let prefix = format!("projects/{slug}/");
    for (name, table) in tables.range(prefix.clone()..) {
        let Some(kind) = name.strip_prefix(&prefix) else {
            break;
        };
        let result = match kind {
            "budget" => budget::read(table, basis).map(|rows| project.budget = rows),
            "milestones" => milestones(table).map(|rows| project.milestones = rows),
            "risks" => risks(table).map(|rows| project.risks = rows),
            _ => Ok(()),
        };
        if let Err(p) = result {
            problems
                .extend(data_on_another_sheet(tables, name, kind, table).map_or(p, |d| vec![d]));
        }
    }
    (project, problems)
}

/// The columns each project table's reader requires: read by the readers and by the
/// search for them on a workbook's other sheets alike.
const REQUIRED: [(&str, &[&str]); 3] = [
    ("budget", &["period", "pv"]),
    ("milestones", &["name", "baseline"]),
    ("risks", &["id", "title", "probability", "impact"]),
];

/// The columns the reader of project table `kind` requires (one of [`REQUIRED`]'s).
pub(crate) fn required(kind: &str) -> &'static [&'static str] {
    REQUIRED
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(&[], |(_, columns)| columns)
}

/// A workbook whose first sheet lacks the columns of its table (a sheet of notes,
/// 填表说明, in front) while a later sheet has them all: "the header has no column
/// `period`" sent its author looking for a column that is there, on the next sheet.
fn data_on_another_sheet(
    tables: &BTreeMap<String, Table>,
    name: &str,
    kind: &str,
    table: &Table,
) -> Option<Diagnostic> {
    let required = required(kind);
    let missing = required.iter().find(|c| table.column(c).is_none())?;
    let prefix = format!("{name}/");
    let (with_columns, _) = tables
        .range(prefix.clone()..)
        .take_while(|(n, _)| n.starts_with(&prefix))
        .find(|(_, t)| required.iter().all(|c| t.column(c).is_some()))?;
    let sheet = &with_columns[prefix.len()..];
    Some(
        Diagnostic::error(Problem::Data(t!(
            "the workbook's first sheet has no column `{column}`, and the table is read from the first sheet: sheet `{sheet}` holds the table's columns",
            column = *missing,
            sheet = sheet
        )))
        .at_file_start(&table.path)
        .with_help(t!("drag the sheet `{sheet}` to the front, then save", sheet = sheet)),
    )
}

/// What charts call the table in `rel` (relative to the site root): its path under
/// `content/` or `data/` without the extension (`projects/erp/budget`, `departments`).
pub fn table_name(rel: &str) -> &str {
    let inner = rel
        .strip_prefix("content/")
        .or_else(|| rel.strip_prefix("data/"))
        .unwrap_or(rel);
    inner.rsplit_once('.').map_or(inner, |(stem, _)| stem)
}

/// Reads every row with `f`, collecting every bad cell's error instead of stopping: a row
/// with two bad cells names both in one run. A wrong row that is a totals row (a label
/// such as `合计`, one of the `required` columns empty) is told once, as that.
fn rows<T>(
    table: &Table,
    required: &[usize],
    mut f: impl FnMut(usize, &mut Cells) -> Option<T>,
) -> Result<Vec<T>, Vec<Diagnostic>> {
    let mut out = Vec::with_capacity(table.rows.len());
    let mut cells = Cells::default();
    for row in 0..table.rows.len() {
        let before = cells.problems.len();
        let value = f(row, &mut cells);
        if cells.problems.len() > before {
            if let Some(totals) = table.totals_row(row, required) {
                cells.problems.truncate(before);
                cells.problems.push(totals);
            }
        }
        // A row with a bad cell gives no value, even where `f` could build one.
        if cells.problems.is_empty() {
            out.extend(value);
        }
        if cells.problems.len() >= MAX_TABLE_ERRORS && row + 1 < table.rows.len() {
            cells.problems.push(
                Diagnostic::error(Problem::Data(t!(
                    "{count} cells of this table are wrong up to here; its later rows are not checked",
                    count = cells.problems.len()
                )))
                .at_file_start(&table.path)
                .with_help(t!("mend these, then build again: the rest of the table is read then")),
            );
            break;
        }
    }
    if cells.problems.is_empty() {
        Ok(out)
    } else {
        Err(cells.problems)
    }
}

/// The cell errors told of one table at most: a 200,000-row budget repeating one month
/// gave an error a row, each naming the first row's line, and took 97 s (the fifth
/// security hunt).
const MAX_TABLE_ERRORS: usize = 50;

/// The bad cells met so far.
#[derive(Default)]
struct Cells {
    problems: Vec<Diagnostic>,
}

impl Cells {
    /// The cell's value, or `None` with its error kept.
    fn read<T>(&mut self, cell: Result<T, Diagnostic>) -> Option<T> {
        cell.map_err(|d| self.problems.push(d)).ok()
    }
}

fn milestones(t: &Table) -> Result<Vec<Milestone>, Vec<Diagnostic>> {
    let cols = columns::require("milestones", t, required("milestones")).map_err(|d| vec![d])?;
    let (forecast, actual) = (t.column("forecast"), t.column("actual"));
    let status = milestone_status::column(t);
    let optional = |row, col: Option<usize>| col.map_or(Ok(None), |c| t.date(row, c));
    rows(t, &cols, |r, cells| {
        // A milestone without a name showed as a blank row of dates.
        let name = t.text(r, cols[0]);
        let name = cells.read(if name.trim().is_empty() {
            Err(t.required(r, cols[0]))
        } else {
            Ok(name)
        });
        let baseline = cells.read(
            t.date(r, cols[1])
                .and_then(|d| d.ok_or_else(|| t.required(r, cols[1]))),
        );
        let forecast = cells.read(optional(r, forecast));
        let actual = cells.read(optional(r, actual));
        if let (Some(col), Some(reached)) = (status, &actual) {
            let contradiction = milestone_status::contradiction(t, r, col, reached.is_some());
            cells.read(contradiction.map_or(Ok(()), Err));
        }
        Some(Milestone {
            name: name?,
            baseline: baseline?,
            forecast: forecast?,
            actual: actual?,
            row: r,
        })
    })
}

fn risks(t: &Table) -> Result<Vec<Risk>, Vec<Diagnostic>> {
    let cols = columns::require("risks", t, required("risks")).map_err(|d| vec![d])?;
    let text = |row, name: &str| t.column(name).map(|c| t.text(row, c)).unwrap_or_default();
    rows(t, &cols, |r, cells| {
        // A risk without a title showed as a row nobody could act on.
        let title = t.text(r, cols[1]);
        let title = cells.read(if title.trim().is_empty() {
            Err(t.required(r, cols[1]))
        } else {
            Ok(title)
        });
        let probability = cells.read(t.scale(r, cols[2]));
        let impact = cells.read(t.scale(r, cols[3]));
        Some(Risk {
            id: t.text(r, cols[0]),
            title: title?,
            probability: probability?,
            impact: impact?,
            owner: text(r, "owner"),
            status: text(r, "status"),
            response: text(r, "response"),
        })
    })
}

/// The error for table `name` when what stands at its place in data/ is a folder named
/// as its file (`costs.xlsx/`), at that folder; `wanted` says what needed the table.
/// The folder alone is only warned of (nothing may need it), and what needed the table
/// was told elsewhere as "no such table", away from the cause.
pub fn folder_in_place(root: &Path, name: &str, wanted: Text) -> Option<Diagnostic> {
    let entries = std::fs::read_dir(root.join("data")).ok()?;
    let folder = entries.flatten().find_map(|entry| {
        let file_name = entry.file_name();
        let file_name = file_name.to_str()?;
        let (stem, _) = file_name.rsplit_once('.')?;
        (stem == name && read::is_table(file_name) && entry.path().is_dir())
            .then(|| Path::new("data").join(file_name))
    })?;
    Some(
        Diagnostic::error(Problem::Content(t!(
            "this is a folder, though its name is a file's: table `{name}` is not read, and {wanted}",
            name = name,
            wanted = wanted
        )))
        .in_file(&folder)
        .with_help(t!(
            "put the table's file back in the folder's place, or rename the folder (its name should not end in {endings})",
            endings = t!("`.md` or a table's extension")
        )),
    )
}

/// [`folder_in_place`] for the tables the pages' chart and table blocks show.
pub fn block_tables_in_folders(root: &Path, data: &Data, pages: &[Page]) -> Vec<Diagnostic> {
    let wanted: BTreeSet<&str> = pages
        .iter()
        .flat_map(|p| p.blocks.iter().map(|b| b.data()))
        .filter(|name| !data.tables.contains_key(*name))
        .collect();
    wanted
        .into_iter()
        .filter_map(|name| folder_in_place(root, name, t!("a chart or a table block shows it")))
        .collect()
}
