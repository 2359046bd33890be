//! `pmo import lessons FILE`: a lessons-learned register kept in Excel (or saved as CSV)
//! becomes one Markdown lesson per row under `content/lessons/`.
//!
//! The import never overwrites: a row whose id or file is already in the site is
//! skipped, so importing the same register again changes nothing, and a register that
//! grows can be imported again for its new rows. A bad row is reported at its cell and
//! the others still import, so one typo does not hold back a whole register.

pub(crate) mod headers;
mod lesson;
mod sites;
pub(crate) mod values;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::schema::LessonMeta;
use crate::data::table::{Cell, Table};
use crate::diagnostics::{Diagnostic, Problem};
use crate::kinds::Kind;
use crate::messages::Text;
use crate::slugs::slugify;
use crate::suggest::did_you_mean;
use crate::t;

use headers::{Field, Header, Mapping};
use lesson::Lesson;
use values::Vocab;

/// What to import, and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The register: `.xlsx`, `.xlsm`, `.xls`, `.ods` or `.csv`.
    pub file: PathBuf,
    /// `--map COLUMN=FIELD` arguments, as given.
    pub maps: Vec<String>,
    /// Show what would be written, and write nothing.
    pub dry_run: bool,
}

/// A lesson written (or, in a dry run, that would be).
#[derive(Debug, Clone)]
pub struct Planned {
    /// Relative to the site root: `content/lessons/ll-2024-001.md`.
    pub path: PathBuf,
    pub front_matter: String,
    /// The row it came from (`登记册!A7`, `line 7`).
    pub place: Text,
}

/// What an import did: the lessons written, the rows skipped because they were already
/// in the site, and the problems, sorted by row.
#[derive(Debug)]
pub struct Report {
    pub planned: Vec<Planned>,
    pub skipped: usize,
    /// Rows not imported because of an error.
    pub failed: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub dry_run: bool,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

const FORMATS: &[&str] = &["xlsx", "xlsm", "xls", "ods", "csv"];

/// The fields without which no lesson can be written (those `LessonMeta` requires).
const REQUIRED: &[Field] = &[
    Field::Title,
    Field::Date,
    Field::Project,
    Field::Phase,
    Field::Impact,
];

/// Imports the register `options.file` into the site at `root`. An error returned
/// stops the whole import (an unreadable file, no header row, a bad `--map`); problems
/// of single rows are in the report.
pub fn lessons(root: &Path, options: &Options) -> Result<Report, Diagnostic> {
    let config = Config::load_site(root)?;
    let english = config.language.code().starts_with("en");
    let maps = options
        .maps
        .iter()
        .map(|m| headers::parse_map(m))
        .collect::<Result<Vec<_>, _>>()?;
    let file = options.file.as_path();
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !FORMATS.contains(&ext.as_str()) {
        return Err(
            Diagnostic::error(Problem::Content(t!("cannot import this kind of file")))
                .in_file(file)
                .with_help(t!(
                    "save the register as {formats}",
                    formats = FORMATS.join(", ")
                )),
        );
    }
    if !file.is_file() {
        return Err(Diagnostic::error(Problem::Io(t!("there is no such file")))
            .in_file(file)
            .with_help(t!(
                "give the register's path as seen from the current folder"
            )));
    }
    let tables = crate::data::read::read_rows(file, file)?;
    let Some((raw, header)) = tables
        .iter()
        .find_map(|t| headers::find_header(t, &maps).map(|h| (t, h)))
    else {
        return Err(Diagnostic::error(Problem::Content(t!(
            "found no header row: no row names {count} or more known columns",
            count = headers::HEADER_MIN_FIELDS
        )))
        .in_file(file)
        .with_help(t!(
            "name the columns e.g. ID, Title, Date, Project, Phase, Impact, or map yours with --map COLUMN=FIELD"
        )));
    };
    let table = below_header(raw, &header);
    let mut diagnostics = column_warnings(raw, &table, &header, &maps);
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|f| !header.fields.contains(&Some(**f)))
        .map(|f| f.name())
        .collect();
    if !missing.is_empty() {
        return Err(Diagnostic::error(Problem::Content(t!(
            "the header row ({place}) has no column for {fields}",
            place = header_place(raw, &header),
            fields = missing.join(", ")
        )))
        .in_file(file)
        .with_help(t!(
            "every lesson needs title, date, project, phase and impact: add the columns, or map yours with --map COLUMN=FIELD"
        )));
    }
    let site = sites::Site::load(root);
    let mut report = Report {
        planned: Vec::new(),
        skipped: 0,
        failed: 0,
        diagnostics: Vec::new(),
        dry_run: options.dry_run,
    };
    let rows = Rows {
        table: &table,
        header: &header,
        site: &site,
    };
    let mut seen: HashMap<String, Text> = HashMap::new();
    let mut per_project: std::collections::BTreeMap<String, usize> = Default::default();
    for row in 0..table.rows.len() {
        let lesson = match rows.lesson(row) {
            Ok(lesson) => lesson,
            Err(problems) => {
                report.failed += 1;
                report.diagnostics.extend(problems);
                continue;
            }
        };
        match rows.place(root, row, &lesson, &mut seen, english, options.dry_run) {
            Placed::Written(planned) => {
                *per_project.entry(lesson.meta.project.clone()).or_default() += 1;
                report.planned.push(planned);
            }
            Placed::Skipped(d) => {
                report.skipped += 1;
                report.diagnostics.push(d);
            }
            Placed::Failed(d) => {
                report.failed += 1;
                report.diagnostics.push(d);
            }
        }
    }
    diagnostics.append(&mut report.diagnostics);
    diagnostics.extend(
        per_project
            .iter()
            .filter_map(|(slug, count)| site.draft_project(root, slug, *count)),
    );
    report.diagnostics = diagnostics;
    Ok(report)
}

/// The rows under the header, named by it.
fn below_header(raw: &Table, header: &Header) -> Table {
    let first = header.row + header.rows;
    Table {
        name: raw.name.clone(),
        path: raw.path.clone(),
        source: raw.source.clone(),
        columns: header.names.clone(),
        rows: raw.rows.get(first..).unwrap_or(&[]).to_vec(),
        places: raw.places.get(first..).unwrap_or(&[]).to_vec(),
        renamed: Vec::new(),
        formats: Vec::new(),
    }
}

fn header_place(raw: &Table, header: &Header) -> Text {
    raw.place_name(header.row, 0)
}

/// Columns left out of the import: named ones nothing maps, nameless ones holding
/// values (beside a merged header cell), and `--map`s naming no column.
fn column_warnings(
    raw: &Table,
    table: &Table,
    header: &Header,
    maps: &[Mapping],
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let header_cell = |col: usize, d: Diagnostic| {
        raw.at_cell(d, header.row, col).with_help(t!(
            "map it with --map `{column}=FIELD`; the fields are {fields}",
            column = table.columns.get(col).map_or("", String::as_str),
            fields = Field::names().join(", ")
        ))
    };
    for (col, name) in table.columns.iter().enumerate() {
        if header.fields.get(col).copied().flatten().is_some() {
            continue;
        }
        let holds_values = (0..table.rows.len()).any(|r| *table.cell(r, col) != Cell::Empty);
        if name.trim().is_empty() {
            if holds_values {
                warnings.push(header_cell(
                    col,
                    Diagnostic::warning(Problem::Content(t!(
                        "column {column} has no header, so its values are not imported",
                        column = crate::data::table::cell_ref(0, col as u32)
                            .trim_end_matches('1')
                            .to_string()
                    ))),
                ));
            }
        } else if headers::field_of(name, maps).is_some() {
            warnings.push(
                raw.at_cell(
                    Diagnostic::warning(Problem::Content(t!(
                        "column `{column}` names a field an earlier column already fills, so it is not imported",
                        column = name
                    ))),
                    header.row,
                    col,
                )
                .with_help(t!("remove or rename one of the two columns")),
            );
        } else {
            warnings.push(header_cell(
                col,
                Diagnostic::warning(Problem::Content(t!(
                    "column `{column}` is not imported",
                    column = name
                ))),
            ));
        }
    }
    for map in maps {
        let key = headers::normalize(&map.column);
        if !table.columns.iter().any(|c| headers::normalize(c) == key) {
            warnings.push(
                Diagnostic::warning(Problem::Content(t!(
                    "--map names the column `{column}`, which the header row does not have",
                    column = &map.column
                )))
                .in_file(&table.path)
                .with_help(t!(
                    "the header's columns are {columns}",
                    columns = table
                        .columns
                        .iter()
                        .filter(|c| !c.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
    }
    warnings
}

/// What became of a row read without error.
enum Placed {
    Written(Planned),
    Skipped(Diagnostic),
    Failed(Diagnostic),
}

struct Rows<'a> {
    table: &'a Table,
    header: &'a Header,
    site: &'a sites::Site,
}

impl Rows<'_> {
    fn col(&self, field: Field) -> Option<usize> {
        self.header.fields.iter().position(|f| *f == Some(field))
    }

    fn text(&self, row: usize, field: Field) -> Option<String> {
        let text = self.table.text(row, self.col(field)?);
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    /// The lesson in `row`, or every problem of the row.
    fn lesson(&self, row: usize) -> Result<Lesson, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut required = |field: Field| {
            let col = self.col(field)?;
            if *self.table.cell(row, col) == Cell::Empty {
                problems.push(
                    self.table
                        .at_cell(
                            Diagnostic::error(Problem::Content(t!(
                                "column `{column}` is empty, but every lesson needs its {field}",
                                column = self.table.columns.get(col).map_or("", String::as_str),
                                field = field.name()
                            ))),
                            row,
                            col,
                        )
                        .with_help(t!("fill in the cell; the other rows are imported")),
                );
                return None;
            }
            Some(col)
        };
        let title = required(Field::Title).and_then(|_| self.text(row, Field::Title));
        let date_col = required(Field::Date);
        let project_col = required(Field::Project);
        let phase_col = required(Field::Phase);
        let impact_col = required(Field::Impact);
        let date = date_col.and_then(|col| {
            values::date(self.table.cell(row, col)).or_else(|| {
                // A day in a shape read here that does not exist: the shape is no mistake.
                let written = self.table.text(row, col);
                let help = crate::date::why_no_day(&written)
                    .or_else(|| crate::date::year_last_help(&written))
                    .unwrap_or_else(|| {
                        t!("write dates as 2024-03-18 or 2024/3/18, or format the cell as a date")
                    });
                problems.push(self.table.bad_cell(row, col, t!("a date"), help));
                None
            })
        });
        let project = project_col.and_then(|col| {
            self.site
                .project(&self.table.text(row, col))
                .map_err(|help| problems.push(self.unknown_project(row, col, help)))
                .ok()
        });
        let phase = phase_col.and_then(|col| self.vocab(row, col, &values::PHASES, &mut problems));
        let impact = impact_col.and_then(|col| {
            values::IMPACTS
                .find_sign(&self.table.text(row, col))
                .or_else(|| {
                    problems.push(self.bad_value(row, col, &values::IMPACTS));
                    None
                })
        });
        let severity = self
            .col(Field::Severity)
            .filter(|c| *self.table.cell(row, *c) != Cell::Empty)
            .and_then(|col| self.vocab(row, col, &values::SEVERITIES, &mut problems));
        let status = self
            .col(Field::Status)
            .filter(|c| *self.table.cell(row, *c) != Cell::Empty)
            .and_then(|col| self.vocab(row, col, &values::STATUSES, &mut problems));
        match (title, date, project, phase, impact) {
            (Some(title), Some(date), Some(project), Some(phase), Some(impact))
                if problems.is_empty() =>
            {
                Ok(Lesson {
                    meta: LessonMeta {
                        title,
                        date,
                        project,
                        phase,
                        // A dash or slash is a register's "none": a category needs a
                        // letter or digit to have a page.
                        category: self
                            .text(row, Field::Category)
                            .filter(|c| c.chars().any(char::is_alphanumeric)),
                        impact,
                        tags: self
                            .text(row, Field::Tags)
                            .map_or_else(Vec::new, |t| values::tags(&t)),
                        id: self.text(row, Field::Id),
                        owner: self.text(row, Field::Owner),
                        severity,
                        status,
                        // A register's action column is free text (several actions,
                        // owners and dates in one cell): it goes to the body's
                        // actions section, for the author to turn into `actions:`.
                        actions: Vec::new(),
                        summary: self.text(row, Field::Summary),
                        draft: false,
                        audience: None,
                        aliases: Default::default(),
                    },
                    background: self.text(row, Field::Background),
                    root_cause: self.text(row, Field::RootCause),
                    recommendation: self.text(row, Field::Recommendation),
                    actions: self.text(row, Field::Actions),
                })
            }
            _ => Err(problems),
        }
    }

    fn vocab<T: Copy>(
        &self,
        row: usize,
        col: usize,
        vocab: &Vocab<T>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        vocab.find(&self.table.text(row, col)).or_else(|| {
            problems.push(self.bad_value(row, col, vocab));
            None
        })
    }

    /// A value outside a vocabulary, with the values and the words for each.
    fn bad_value<T: Copy>(&self, row: usize, col: usize, vocab: &Vocab<T>) -> Diagnostic {
        let found = self.table.text(row, col);
        let accepted = vocab
            .values
            .iter()
            .map(|(_, name, words)| {
                let chinese: Vec<&str> = words.iter().copied().filter(|w| !w.is_ascii()).collect();
                format!("{name} ({})", chinese.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ");
        let help = match did_you_mean(found.trim(), &vocab.words())
            .and_then(|w| Some((w, vocab.name_of(w)?)))
        {
            // `negative` for `Negativ` is the value itself: said once.
            Some((word, value)) if word == value => t!(
                "did you mean `{word}`? Accepted: {accepted}",
                word = word,
                accepted = &accepted
            ),
            Some((word, value)) => t!(
                "did you mean `{word}` ({value})? Accepted: {accepted}",
                word = word,
                value = value,
                accepted = &accepted
            ),
            None => t!("accepted: {accepted}", accepted = &accepted),
        };
        self.table.bad_cell(
            row,
            col,
            t!("one of {values}", values = vocab.names().join(", ")),
            help,
        )
    }

    fn unknown_project(&self, row: usize, col: usize, help: Text) -> Diagnostic {
        self.table
            .at_cell(
                Diagnostic::error(Problem::Content(t!(
                    "column `{column}` holds `{found}`, which names no project in content/projects/",
                    column = self.table.columns.get(col).map_or("", String::as_str),
                    found = self.table.text(row, col)
                ))),
                row,
                col,
            )
            .with_help(help)
    }

    /// Where the lesson goes: skipped when its id or file is already in the site, an
    /// error when an earlier row of the register has its id or file, else written
    /// (unless a dry run).
    fn place(
        &self,
        root: &Path,
        row: usize,
        lesson: &Lesson,
        seen: &mut HashMap<String, Text>,
        english: bool,
        dry_run: bool,
    ) -> Placed {
        let key_col = match lesson.meta.id {
            Some(_) => self.col(Field::Id),
            None => self.col(Field::Title),
        }
        .unwrap_or(0);
        let at = |d: Diagnostic| self.table.at_cell(d, row, key_col);
        let slug = slugify(
            lesson.meta.id.as_deref().unwrap_or(&lesson.meta.title),
            "lesson",
        );
        // Lessons are files of their folder (`kinds` holds it), so there is a path.
        let rel = PathBuf::from(Kind::Lesson.new_path(&slug).unwrap_or_default());
        let id_key = lesson
            .meta
            .id
            .as_deref()
            .map(|id| format!("id:{}", id.to_lowercase()));
        if let Some(file) = id_key
            .as_deref()
            .and_then(|k| self.site.lesson_ids.get(&k[3..]))
        {
            return Placed::Skipped(
                at(Diagnostic::warning(Problem::Content(t!(
                    "skipped: the lesson with id `{id}` is already in {file}",
                    id = lesson.meta.id.as_deref().unwrap_or(""),
                    file = file.as_path()
                ))))
                .with_help(t!(
                    "the import never overwrites a lesson: edit the file itself"
                )),
            );
        }
        let file_key = format!("file:{}", rel.display());
        let earlier = id_key
            .as_deref()
            .and_then(|k| seen.get(k))
            .or_else(|| seen.get(&file_key));
        if let Some(earlier) = earlier {
            return Placed::Failed(at(Diagnostic::error(Problem::Content(t!(
                "this row would be {file} again, like the row at {earlier}",
                file = rel.as_path(),
                earlier = earlier.clone()
            ))))
            .with_help(t!("give each lesson an id of its own (or a title of its own when there are no ids)")));
        }
        if root.join(&rel).exists() {
            return Placed::Skipped(at(Diagnostic::warning(Problem::Content(t!(
                "skipped: {file} already exists",
                file = rel.as_path()
            ))))
            .with_help(t!("the import never overwrites a lesson: edit the file itself, or give the row an id of its own")));
        }
        let place = self.table.place_name(row, key_col);
        if let Some(k) = id_key {
            seen.insert(k, place.clone());
        }
        seen.insert(file_key, place.clone());
        let text = lesson.file(english);
        if let Err(d) = check_written(&rel, &text) {
            return Placed::Failed(d);
        }
        if !dry_run {
            if let Err(e) = write_new(&root.join(&rel), &text) {
                return Placed::Failed(
                    Diagnostic::error(Problem::Io(crate::messages::io_reason(&e)))
                        .in_file(&rel)
                        .with_help(t!("check that content/lessons/ is writable")),
                );
            }
        }
        Placed::Written(Planned {
            path: rel,
            front_matter: lesson.front_matter(),
            place,
        })
    }
}

/// The lesson parsed back as a build reads it: what the import writes must build.
fn check_written(rel: &Path, text: &str) -> Result<(), Diagnostic> {
    let source: std::sync::Arc<str> = std::sync::Arc::from(text);
    let bug = |d: Diagnostic| {
        Diagnostic::error(Problem::Internal(d.problem.text()))
            .in_file(rel)
            .with_help(t!("this is a bug in pmo, not in your register: please report it with the row. Nothing was written for it"))
    };
    let split = crate::content::front_matter::split(rel, &source).map_err(bug)?;
    crate::content::front_matter::parse::<LessonMeta>(rel, &source, &split, "lesson")
        .map(|_| ())
        .map_err(|ds| match ds.into_iter().next() {
            Some(d) => bug(d),
            None => bug(Diagnostic::error(Problem::Internal(t!(
                "invalid front matter"
            )))),
        })
}

/// Writes `text` to a new file; an existing file is left alone (and is an error), even
/// if it appeared since the import looked.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(text.as_bytes())
}
