//! `pmo import projects FILE`: each row of a list of projects (a finance team's export)
//! becomes a project folder, `content/projects/<folder>/index.md`, as `pmo new project`
//! would make it, with the row's facts filled in. A project the site has already (its
//! folder, its code, or its title when the row has no code) is skipped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::content::schema::{Date, ProjectMeta};
use crate::data::table::{Cell, Table};
use crate::diagnostics::{Diagnostic, Problem};
use crate::kinds::Kind;
use crate::messages::{Lang, Text};
use crate::t;
use crate::units::Unit;

use super::headers::{FieldSet, Header};
use super::plan::{MilestoneField, RiskField};
use super::project::{Field, Project, RAGS, STATUSES};
use super::sheet::{empty_cell, place, Needs, Opened, Page, Placed};
use super::workbook::{self, Chosen, Part};
use super::{budgets, sites, tables, values, Imported, Options, Report};

/// The fields without which no project can be written (those `ProjectMeta` requires).
const REQUIRED: &[Field] = &[Field::Title, Field::Status];

/// Imports the list of projects `options.file` into the site at `root`. An error
/// returned stops the whole import (an unreadable file, no header row, a budget column
/// in a multiple of the currency, a bad `--map`); problems of single rows are in the
/// report.
pub fn projects(root: &Path, options: &Options) -> Result<Report, Diagnostic> {
    let chosen = Chosen::parse(&options.sheets, Part::Projects)?;
    let names = workbook::sheet_names(&options.file);
    let own = chosen
        .options(options, &names, Part::Projects, true)
        .unwrap_or_else(|| options.clone());
    let mut report = list(root, &own)?;
    // The milestones and risks sheets of the same workbook, into the projects the site
    // had and those just imported (written, or in a dry run to be).
    let mut known = sites::Site::load(root).known();
    known.extend(report.written.iter().cloned());
    for part in [Part::Milestones, Part::Risks] {
        let Some(sheet) = chosen.options(options, &names, part, false) else {
            continue;
        };
        let done = match part {
            Part::Milestones => tables::import::<MilestoneField>(root, &sheet, &known),
            _ => tables::import::<RiskField>(root, &sheet, &known),
        };
        report.also.push(done.unwrap_or_else(|d| {
            let mut failed = Report::new(
                if part == Part::Milestones {
                    Imported::Milestones
                } else {
                    Imported::Risks
                },
                options.dry_run,
            );
            failed.diagnostics.push(d);
            failed
        }));
    }
    Ok(report)
}

/// Imports the list of projects itself.
fn list(root: &Path, options: &Options) -> Result<Report, Diagnostic> {
    let Opened {
        config,
        english,
        table,
        header,
        raw,
        warnings: mut diagnostics,
    } = super::sheet::open(
        root,
        options,
        Needs {
            required: REQUIRED,
            no_header: t!(
                "name the columns e.g. Project name, Code, Start, Finish, Status, BAC, or map yours with --map COLUMN=FIELD"
            ),
            missing: t!(
                "every project needs a title and a status: add the columns, or map yours with --map COLUMN=FIELD"
            ),
        },
    )?;
    let bac_col = header.fields.iter().position(|f| *f == Some(Field::Bac));
    let rows = Rows {
        table: &table,
        header: &header,
        file: file_name(&options.file),
        lang: Lang::from_code(config.language.code()),
        multiple: bac_col
            .and_then(|c| table.columns.get(c))
            .and_then(|h| budgets::multiple(h)),
    };
    let site = sites::Site::load(root);
    // `预算（美元）`: the budgets are in that currency, whatever the site's usual one.
    let usual = crate::scaffold::currency_for_new_project(root, &config);
    let headed = rows.budget_currency(&raw, &usual)?;
    let currency = headed.clone().unwrap_or_else(|| usual.clone());
    let headed = headed.map(|code| {
        let col = rows.col(Field::Bac).unwrap_or(0);
        (code, raw.place_name(rows.header.row, col))
    });
    if let Some(col) = bac_col {
        diagnostics.extend(budgets::doubts(&budgets::Column {
            table: &table,
            raw: &raw,
            header_row: rows.header.row,
            col,
            rows: (0..table.rows.len())
                .filter(|r| !rows.is_totals(*r))
                .collect(),
            multiple: rows.multiple,
            units: rows.col(Field::Unit),
            currency: &currency,
            site: &site.budgets(&currency, &usual),
        }));
    }
    let mut report = Report::new(Imported::Projects, options.dry_run);
    let mut seen: HashMap<String, Text> = HashMap::new();
    let mut rates = super::rates::Missing::new(&config, &usual, !site.known().is_empty());
    for row in (0..table.rows.len()).filter(|r| !rows.is_totals(*r)) {
        let placed = rows
            .project(row, &currency, headed.as_ref())
            .map(|project| {
                let known = sites::Known {
                    folder: String::new(),
                    title: project.meta.title.clone(),
                    code: project.meta.code.clone(),
                };
                let own = project.meta.currency.clone();
                let placed = rows.place(
                    root,
                    row,
                    project,
                    &site,
                    &mut seen,
                    english,
                    options.dry_run,
                );
                (placed, known, own)
            });
        let placed = match placed {
            Ok((placed, mut known, own)) => {
                if let Placed::Written(planned) = &placed {
                    known.folder = folder_of(&planned.path);
                    report.written.push(known);
                    let col = rows
                        .filled(row, Field::Currency)
                        .or(rows.col(Field::Bac))
                        .or(rows.col(Field::Title))
                        .unwrap_or(0);
                    if let Some(own) = own {
                        rates.note(&own, |d| table.at_cell(d, row, col));
                    }
                }
                Ok(placed)
            }
            Err(problems) => Err(problems),
        };
        report.add(placed);
    }
    report.diagnostics.extend(rates.warnings());
    diagnostics.append(&mut report.diagnostics);
    report.diagnostics = diagnostics;
    Ok(report)
}

/// The project folder's name of `content/projects/<folder>/index.md`.
fn folder_of(path: &Path) -> String {
    path.parent()
        .and_then(Path::file_name)
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// The register's file name, as the `rag_reason` of a status it sets names it.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

struct Rows<'a> {
    table: &'a Table,
    header: &'a Header<Field>,
    file: String,
    /// The site's language, in which a `rag_reason` the import writes names its cell.
    lang: Lang,
    /// The multiple of the currency the budget column's header names (`预算（万元）`).
    multiple: Option<(&'static str, u32)>,
}

impl Rows<'_> {
    fn col(&self, field: Field) -> Option<usize> {
        self.header.fields.iter().position(|f| *f == Some(field))
    }

    /// The trimmed text of `field`'s cell; `None` when the column or the text is
    /// missing, or is only a dash or slash (a list's "none").
    fn text(&self, row: usize, field: Field) -> Option<String> {
        let text = self.table.text(row, self.col(field)?);
        let text = text.trim();
        text.chars()
            .any(char::is_alphanumeric)
            .then(|| text.to_string())
    }

    fn filled(&self, row: usize, field: Field) -> Option<usize> {
        self.col(field)
            .filter(|c| *self.table.cell(row, *c) != Cell::Empty)
    }

    /// A totals row under the list, no project: no status, and `合计` or `Total` in the
    /// title column or, that left empty, in another cell — WPS and Excel lists at a
    /// bank put it in the `序号` column, merged over the columns before the amounts.
    fn is_totals(&self, row: usize) -> bool {
        use crate::data::table::is_totals_label;
        if self.filled(row, Field::Status).is_some() {
            return false;
        }
        let title = self.col(Field::Title).map(|c| self.table.text(row, c));
        match title.as_deref().map(str::trim) {
            Some(title) if !title.is_empty() => is_totals_label(title),
            _ => (0..self.table.columns.len())
                .any(|c| is_totals_label(self.table.text(row, c).trim())),
        }
    }

    /// The currency the budget column's header names (`预算（美元）` → USD), if any. A
    /// dollar sign alone (`Cost ($M)`) is the site's `usual` currency when that is a
    /// dollar (a US or Hong Kong office's list); beside any other it names none of the
    /// dollars, and stops the import.
    fn budget_currency(&self, raw: &Table, usual: &str) -> Result<Option<String>, Diagnostic> {
        let Some(col) = self.col(Field::Bac) else {
            return Ok(None);
        };
        let name = self.table.columns.get(col).map_or("", String::as_str);
        match crate::units::header_currency(name) {
            Some(code) if code == "$" && crate::units::DOLLARS.contains(&usual) => {
                Ok(Some(usual.to_string()))
            }
            Some(code) if code == "$" => Err(raw
                .at_cell(
                    Diagnostic::error(Problem::Content(t!(
                        "column `{column}` gives the budgets in dollars, but not which",
                        column = name.trim()
                    ))),
                    self.header.row,
                    col,
                )
                .with_help(t!(
                    "head it with the currency's code, e.g. `{column}` → `BAC (USD)`, or add a currency column; nothing was written",
                    column = name.trim()
                ))),
            code => Ok(code),
        }
    }

    /// The project in `row`, or every problem of the row.
    /// `headed`: the currency the budget column's header names, and that header's cell.
    fn project(
        &self,
        row: usize,
        currency: &str,
        headed: Option<&(String, Text)>,
    ) -> Result<Project, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let title = match self.text(row, Field::Title) {
            Some(title) => Some(title.split_whitespace().collect::<Vec<_>>().join(" ")),
            None => {
                problems.push(self.empty(row, Field::Title));
                None
            }
        };
        let status = match self.filled(row, Field::Status) {
            Some(col) => values::vocab_at(self.table, row, col, &STATUSES, &mut problems),
            None => {
                problems.push(self.empty(row, Field::Status));
                None
            }
        };
        let mut date = |field: Field| {
            let col = self.filled(row, field)?;
            values::date_at(self.table, row, col)
                .map_err(|d| problems.push(d))
                .ok()
        };
        let start = date(Field::Start);
        let finish = date(Field::Finish);
        if let (Some(start), Some(finish), Some(col)) = (start, finish, self.col(Field::Finish)) {
            if finish < start {
                problems.push(self.table.bad_cell(
                    row,
                    col,
                    t!("a finish on or after the start, {start}", start = start.iso()),
                    t!("the finish comes before the start: check both cells (a day and month swapped, a year mistyped)"),
                ));
            }
        }
        let bac = self.bac(row, &mut problems);
        let own = self.currency(row, &mut problems);
        if let (Some(own), Some((header, place)), Some(col)) =
            (&own, headed, self.filled(row, Field::Currency))
        {
            // `预算（美元）` over a row in CNY: one of the two is wrong, and either way
            // round the budget would be shown in a currency it is not in.
            if own != header {
                problems.push(self.table.bad_cell(
                    row,
                    col,
                    t!(
                        "{code}, the currency the budget column's header ({place}) names",
                        code = header.as_str(),
                        place = place.clone()
                    ),
                    t!("correct the currency cell, or the budget column's header (head it `Budget` when the projects' currencies differ); nothing was written for this row"),
                ));
            }
        }
        let currency = own.or_else(|| Some(currency.to_string()));
        let phase = self
            .filled(row, Field::Phase)
            .and_then(|col| values::vocab_at(self.table, row, col, &values::PHASES, &mut problems));
        let rag = self
            .filled(row, Field::Rag)
            .and_then(|col| values::vocab_at(self.table, row, col, &RAGS, &mut problems));
        // A status set by hand needs the reason and who set it: the list's own, or the
        // list itself.
        let rag_reason = rag.map(|_| {
            self.text(row, Field::RagReason).unwrap_or_else(|| {
                let place = self
                    .col(Field::Rag)
                    .map(|c| self.table.place_name(row, c).render(self.lang))
                    .unwrap_or_default();
                format!("{} ({place})", self.file)
            })
        });
        let (Some(title), Some(status)) = (title, status) else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let code = self.text(row, Field::Code);
        Ok(Project {
            meta: ProjectMeta {
                title,
                code,
                sponsor: self.text(row, Field::Sponsor),
                manager: self.text(row, Field::Manager),
                department: self.text(row, Field::Department),
                start,
                finish,
                bac,
                currency,
                basis: None,
                status,
                rag,
                rag_reason,
                phase,
                tags: self
                    .text(row, Field::Tags)
                    .map_or_else(Vec::new, |t| values::tags(&t)),
                summary: self.text(row, Field::Summary),
                description: None,
                audience: None,
                aliases: Default::default(),
                draft: false,
            },
            code_hint: None,
        })
    }

    fn empty(&self, row: usize, field: Field) -> Diagnostic {
        let col = self.col(field).unwrap_or(0);
        let message = t!(
            "column `{column}` is empty, but every project needs its {field}",
            column = self.table.columns.get(col).map_or("", String::as_str),
            field = field.name()
        );
        empty_cell(self.table, row, col, message)
    }

    /// The budget, read as a budget table's cell is (`3,600,000`, `¥3,600,000`); what a
    /// cell refuses (`360万`, `1.200,50`) is refused here, at the cell, and so is a
    /// negative budget and a number the cell's format shows in a multiple of the
    /// currency. Under a header in a multiple (`预算（万元）`) it is converted exactly.
    fn bac(&self, row: usize, problems: &mut Vec<Diagnostic>) -> Option<f64> {
        let col = self.filled(row, Field::Bac)?;
        let bac = self
            .table
            .number(row, col)
            .map_err(|d| problems.push(d))
            .ok()
            .flatten()?;
        if bac < 0.0 {
            problems.push(self.table.bad_cell(
                row,
                col,
                t!("a budget of 0 or more"),
                t!("a budget at completion is never negative: check the cell's sign"),
            ));
            return None;
        }
        let shown = self
            .table
            .formats
            .iter()
            .find(|(r, c, _)| *r == row && *c == col)
            .and_then(|(_, _, shown)| Some((&shown.code, shown.multiple?)));
        if let Some((format, (unit, factor))) = shown {
            problems.push(self.table.bad_cell(
                row,
                col,
                t!("the amount in the currency's own units (CNY, USD …)"),
                t!(
                    "the cell's number format `{format}` shows it in {unit}, so the amount meant is {whole}, but pmo reads the {value} the cell holds: enter the whole amount ({whole}) and import again",
                    format = format,
                    unit = unit,
                    whole = crate::numbers::format_amount(bac * f64::from(factor)),
                    value = crate::numbers::format_number(bac)
                ),
            ));
            return None;
        }
        let multiple = budgets::row_multiple(self.table, row, self.col(Field::Unit), self.multiple)
            .map_err(|d| problems.push(d))
            .ok()?;
        budgets::in_own_units(bac, multiple)
    }

    /// The currency's code (`人民币`, `RMB`, `¥` are CNY); a multiple (`万元`) or a word
    /// naming no currency is refused at the cell.
    fn currency(&self, row: usize, problems: &mut Vec<Diagnostic>) -> Option<String> {
        let col = self.filled(row, Field::Currency)?;
        let text = self.table.text(row, col);
        let code = crate::numbers::currency_code(text.trim());
        let is_code = code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase());
        if is_code && !matches!(crate::units::named(&text), Some(Unit::Scaled(..))) {
            return Some(code);
        }
        problems.push(self.table.bad_cell(
            row,
            col,
            t!("a currency code such as CNY or USD"),
            t!("write the currency's three-letter code (人民币 and ¥ are CNY); amounts are in its own units, never a multiple such as 万元"),
        ));
        None
    }

    /// Where the project goes: skipped when its folder, its code (or, without a code,
    /// its title) is already in the site, an error when an earlier row has its folder or
    /// code, else written (unless a dry run).
    #[allow(clippy::too_many_arguments)]
    fn place(
        &self,
        root: &Path,
        row: usize,
        mut project: Project,
        site: &sites::Site,
        seen: &mut HashMap<String, Text>,
        english: bool,
        dry_run: bool,
    ) -> Placed {
        let code = project.meta.code.clone();
        let key_col = match code {
            Some(_) => self.col(Field::Code),
            None => self.col(Field::Title),
        }
        .unwrap_or(0);
        let at = |d: Diagnostic| self.table.at_cell(d, row, key_col);
        // `pmo new project "名称" --slug CODE`: the folder is named after the code.
        let folder = crate::scaffold::page_stem(
            code.as_deref().unwrap_or(&project.meta.title),
            Kind::Project,
        );
        // Projects are bundles of their folder (`kinds` holds it), so there is a path.
        let rel = PathBuf::from(Kind::Project.new_path(&folder).unwrap_or_default());
        let dir = rel.parent().map_or_else(PathBuf::new, Path::to_path_buf);
        let existing = match &code {
            Some(code) => site.with_code(code).map(|slug| {
                t!(
                    "skipped: the project with code `{code}` is already in content/projects/{slug}/",
                    code = code,
                    slug = slug
                )
            }),
            None => site.titled(&project.meta.title).map(|slug| {
                t!(
                    "skipped: the project titled “{title}” is already in content/projects/{slug}/",
                    title = &project.meta.title,
                    slug = slug
                )
            }),
        };
        if let Some(message) = existing {
            return Placed::Skipped(
                at(Diagnostic::warning(Problem::Content(message))).with_help(t!(
                    "the import never overwrites a project: edit its index.md itself"
                )),
            );
        }
        if code.is_none() {
            let year = project.meta.start.unwrap_or_else(Date::today).year();
            project.code_hint = Some(format!("PRJ-{year}-{}", folder.to_uppercase()));
        }
        place::<ProjectMeta>(
            root,
            Page {
                table: self.table,
                row,
                key_col,
                rel,
                taken: dir,
                id_key: code.map(|c| format!("code:{}", super::headers::normalize(&c))),
                text: project.file(english),
                front_matter: project.front_matter(),
                again: t!("give each project a code of its own (or a title of its own when there are no codes)"),
                exists: t!("the import never overwrites a project: edit its index.md itself, or give the row a code of its own"),
                writable: t!("check that content/projects/ is writable"),
            },
            seen,
            "project",
            dry_run,
        )
    }
}
