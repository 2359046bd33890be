//! `pmo import lessons FILE`: each row of a lessons-learned register becomes a lesson
//! under `content/lessons/`, skipped when its id or file is already there.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::content::schema::LessonMeta;
use crate::data::table::{Cell, Table};
use crate::diagnostics::{Diagnostic, Problem};
use crate::kinds::Kind;
use crate::messages::Text;
use crate::slugs::slugify;
use crate::t;

use super::headers::{Field, FieldSet, Header};
use super::lesson::Lesson;
use super::sheet::{empty_cell, place, Needs, Opened, Page, Placed};
use super::values;
use super::{sites, Imported, Options, Report};

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
    let Opened {
        english,
        table,
        header,
        warnings: mut diagnostics,
        ..
    } = super::sheet::open(
        root,
        options,
        Needs {
            required: REQUIRED,
            no_header: t!(
                "name the columns e.g. ID, Title, Date, Project, Phase, Impact, or map yours with --map COLUMN=FIELD"
            ),
            missing: t!(
                "every lesson needs title, date, project, phase and impact: add the columns, or map yours with --map COLUMN=FIELD"
            ),
        },
    )?;
    let site = sites::Site::load(root);
    let mut report = Report::new(Imported::Lessons, options.dry_run);
    let rows = Rows {
        table: &table,
        header: &header,
        site: &site,
    };
    let mut seen: HashMap<String, Text> = HashMap::new();
    let mut per_project: std::collections::BTreeMap<String, usize> = Default::default();
    for row in 0..table.rows.len() {
        let lesson = rows.lesson(row);
        let project = lesson.as_ref().map(|l| l.meta.project.clone()).ok();
        let placed = lesson
            .map(|lesson| rows.place(root, row, &lesson, &mut seen, english, options.dry_run));
        if report.add(placed) {
            if let Some(project) = project {
                *per_project.entry(project).or_default() += 1;
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

struct Rows<'a> {
    table: &'a Table,
    header: &'a Header<Field>,
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
                let message = t!(
                    "column `{column}` is empty, but every lesson needs its {field}",
                    column = self.table.columns.get(col).map_or("", String::as_str),
                    field = field.name()
                );
                problems.push(empty_cell(self.table, row, col, message));
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
            values::date_at(self.table, row, col)
                .map_err(|d| problems.push(d))
                .ok()
        });
        let project = project_col.and_then(|col| {
            self.site
                .project(&self.table.text(row, col))
                .map_err(|help| problems.push(self.unknown_project(row, col, help)))
                .ok()
        });
        let phase = phase_col
            .and_then(|col| values::vocab_at(self.table, row, col, &values::PHASES, &mut problems));
        let impact = impact_col.and_then(|col| {
            values::IMPACTS
                .find_sign(&self.table.text(row, col))
                .or_else(|| {
                    problems.push(values::bad_value(self.table, row, col, &values::IMPACTS));
                    None
                })
        });
        let severity = self
            .col(Field::Severity)
            .filter(|c| *self.table.cell(row, *c) != Cell::Empty)
            .and_then(|col| {
                values::vocab_at(self.table, row, col, &values::SEVERITIES, &mut problems)
            });
        let status = self
            .col(Field::Status)
            .filter(|c| *self.table.cell(row, *c) != Cell::Empty)
            .and_then(|col| {
                values::vocab_at(self.table, row, col, &values::STATUSES, &mut problems)
            });
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
                        description: None,
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
        // Cut only to what a file system takes (a title of 100 Chinese characters failed
        // the row with `File name too long`), not to `pmo new`'s shorter names: a
        // register imported before found again by its files' names.
        // A lesson titled `CON` or `nul` was written as a file a Windows share cannot
        // hold (nor open, nor delete by its name).
        let slug = crate::slugs::off_device(
            crate::scaffold::cut_stem(
                &slugify(
                    lesson.meta.id.as_deref().unwrap_or(&lesson.meta.title),
                    "lesson",
                ),
                crate::output::portable::MAX_NAME_BYTES - ".md".len(),
            ),
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
        place::<LessonMeta>(
            root,
            Page {
                table: self.table,
                row,
                key_col,
                taken: rel.clone(),
                rel,
                id_key,
                text: lesson.file(english),
                front_matter: lesson.front_matter(),
                again: t!("give each lesson an id of its own (or a title of its own when there are no ids)"),
                exists: t!("the import never overwrites a lesson: edit the file itself, or give the row an id of its own"),
                writable: t!("check that content/lessons/ is writable"),
            },
            seen,
            "lesson",
            dry_run,
        )
    }
}
