//! The steps every import shares: the file checked and read, its header row found and
//! mapped, the columns left out told, and each page written new and checked to parse.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::config::Config;
use crate::data::read::SheetRows;
use crate::data::table::{Cell, Table};
use crate::diagnostics::{Diagnostic, Problem};
use crate::messages::Text;
use crate::t;

use super::headers::{self, FieldSet, Header, Mapping};
use super::{Options, Planned, Report};

const FORMATS: &[&str] = &["xlsx", "xlsm", "xls", "ods", "csv"];

/// A register opened: its header found, the rows under it, and the warnings about its
/// columns.
pub(super) struct Opened<F> {
    pub config: Config,
    pub english: bool,
    /// The rows under the header, named by it.
    pub table: Table,
    pub header: Header<F>,
    /// The sheet as read, header rows included, to place errors at a header cell.
    pub raw: Table,
    /// Columns left out, `--map`s naming no column.
    pub warnings: Vec<Diagnostic>,
}

/// What one kind of import says when a register lacks what it needs.
pub(super) struct Needs<'a, F> {
    /// The fields without which no page can be written.
    pub required: &'a [F],
    /// The help when no header row is found (the columns to name).
    pub no_header: Text,
    /// The help when the header lacks a required column.
    pub missing: Text,
}

/// Reads `options.file` and finds its header. An error returned stops the whole import
/// (an unreadable file, no header row, a required column missing, a bad `--map`).
pub(super) fn open<F: FieldSet>(
    root: &Path,
    options: &Options,
    needs: Needs<F>,
) -> Result<Opened<F>, Diagnostic> {
    let config = Config::load_site(root)?;
    let english = config.language.code().starts_with("en");
    let maps = options
        .maps
        .iter()
        .map(|m| headers::parse_map::<F>(m))
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
    let chosen = choose(&tables, options, ext == "csv")?;
    let Some((raw, hidden, header)) = chosen.into_iter().find_map(|t| {
        headers::find_header(&t.table, &maps).map(|h| (&t.table, &t.hidden_columns, h))
    }) else {
        return Err(Diagnostic::error(Problem::Content(t!(
            "found no header row: no row names {count} or more known columns",
            count = headers::HEADER_MIN_FIELDS
        )))
        .in_file(file)
        .with_help(needs.no_header));
    };
    let mut table = below_header(raw, &header);
    if let Some(d) = hidden_field(raw, &table, &header, hidden) {
        return Err(d);
    }
    super::dates::in_order(&mut table, options.date_order.or(config.date_order))?;
    let warnings = column_warnings(raw, &table, &header, &maps, hidden);
    let missing: Vec<&str> = needs
        .required
        .iter()
        .filter(|f| !header.fields.contains(&Some(**f)))
        .map(|f| f.name())
        .collect();
    if !missing.is_empty() {
        return Err(Diagnostic::error(Problem::Content(t!(
            "the header row ({place}) has no column for {fields}",
            place = raw.place_name(header.row, 0),
            fields = missing.join(", ")
        )))
        .in_file(file)
        .with_help(needs.missing));
    }
    Ok(Opened {
        config,
        english,
        table,
        header,
        raw: raw.clone(),
        warnings,
    })
}

/// The sheets to look for the header in: the one `options.sheet` names (an error when
/// the workbook has none of that name), else every sheet but those another part of the
/// import reads (`里程碑` is no list of projects, though it has a `项目编号` column).
fn choose<'a>(
    tables: &'a [SheetRows],
    options: &Options,
    csv: bool,
) -> Result<Vec<&'a SheetRows>, Diagnostic> {
    let same = |a: &str, b: &str| headers::normalize(a) == headers::normalize(b);
    match &options.sheet {
        Some(name) if !csv => match tables.iter().find(|t| same(&t.table.name, name)) {
            Some(table) => Ok(vec![table]),
            None => Err(Diagnostic::error(Problem::Content(t!(
                "the workbook has no sheet named `{sheet}`",
                sheet = name.as_str()
            )))
            .in_file(&options.file)
            .with_help(t!(
                "its sheets are {sheets}: name one with --sheet",
                sheets = tables
                    .iter()
                    .map(|t| t.table.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        },
        _ if csv => Ok(tables.iter().collect()),
        _ => Ok(tables
            .iter()
            .filter(|t| !options.skip_sheets.iter().any(|s| same(s, &t.table.name)))
            .collect()),
    }
}

/// The rows under the header, named by it.
fn below_header<F>(raw: &Table, header: &Header<F>) -> Table {
    let first = header.row + header.rows;
    Table {
        name: raw.name.clone(),
        path: raw.path.clone(),
        source: raw.source.clone(),
        columns: header.names.clone(),
        rows: raw.rows.get(first..).unwrap_or(&[]).to_vec(),
        places: raw.places.get(first..).unwrap_or(&[]).to_vec(),
        renamed: Vec::new(),
        formats: raw
            .formats
            .iter()
            .filter_map(|(row, col, shown)| Some((row.checked_sub(first)?, *col, shown.clone())))
            .collect(),
    }
}

/// Columns left out of the import: named ones nothing maps, nameless ones holding
/// values (beside a merged header cell), and `--map`s naming no column.
/// A column the workbook hides that a field reads (an old budget kept out of sight):
/// imported, figures no one sees in the list would be published, so the import stops
/// before anything is written. A hidden column no field reads is only left out.
fn hidden_field<F: FieldSet>(
    raw: &Table,
    table: &Table,
    header: &Header<F>,
    hidden: &[usize],
) -> Option<Diagnostic> {
    let col = hidden
        .iter()
        .copied()
        .find(|c| header.fields.get(*c).copied().flatten().is_some())?;
    let field = header.fields.get(col).copied().flatten()?;
    Some(
        raw.at_cell(
            Diagnostic::error(Problem::Content(t!(
                "column `{column}` is hidden in the workbook, but it would be read as {field}: what no one sees in the list would be published",
                column = table.columns.get(col).map_or("", String::as_str).trim(),
                field = field.name()
            ))),
            header.row,
            col,
        )
        .with_help(t!("unhide the column (select the columns around it, right-click, Unhide) and check it; delete it if it should not count")),
    )
}

fn column_warnings<F: FieldSet>(
    raw: &Table,
    table: &Table,
    header: &Header<F>,
    maps: &[Mapping<F>],
    hidden: &[usize],
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let header_cell = |col: usize, d: Diagnostic| {
        raw.at_cell(d, header.row, col).with_help(t!(
            "map it with --map `{column}=FIELD`; the fields are {fields}",
            column = table.columns.get(col).map_or("", String::as_str),
            fields = F::names().join(", ")
        ))
    };
    for (col, name) in table.columns.iter().enumerate() {
        if header.fields.get(col).copied().flatten().is_some() {
            continue;
        }
        let holds_values = (0..table.rows.len()).any(|r| *table.cell(r, col) != Cell::Empty);
        if hidden.contains(&col) {
            // Kept out of sight in the list (notes, an old numbering): not read, and
            // said so, so that no one looks for it on the site.
            warnings.push(
                raw.at_cell(
                    Diagnostic::warning(Problem::Content(t!(
                        "column `{column}` is hidden in the workbook, so it is not imported",
                        column = name.trim()
                    ))),
                    header.row,
                    col,
                )
                .with_help(t!(
                    "to import it, unhide it and name it as a field, or map it with --map `{column}=FIELD`",
                    column = name.trim()
                )),
            );
        } else if name.trim().is_empty() {
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
            let d = Diagnostic::warning(Problem::Content(t!(
                "column `{column}` is not imported",
                column = name
            )));
            warnings.push(match F::near(name) {
                // `项目经里` for `项目经理`: one slip, and the column would be lost.
                Some((word, field)) => raw.at_cell(d, header.row, col).with_help(t!(
                    "did you mean `{word}` ({field})? Rename the column, or map it with --map `{column}={field}`",
                    word = word,
                    field = field.name(),
                    column = name
                )),
                None => header_cell(col, d),
            });
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

/// The page parsed back as a build reads it (as `kind`): what the import writes must
/// build.
pub(super) fn check_written<T: DeserializeOwned + schemars::JsonSchema>(
    rel: &Path,
    text: &str,
    kind: &'static str,
) -> Result<(), Diagnostic> {
    let source: std::sync::Arc<str> = std::sync::Arc::from(text);
    let bug = |d: Diagnostic| {
        Diagnostic::error(Problem::Internal(d.problem.text()))
            .in_file(rel)
            .with_help(t!("this is a bug in pmo, not in your register: please report it with the row. Nothing was written for it"))
    };
    let split = crate::content::front_matter::split(rel, &source).map_err(bug)?;
    crate::content::front_matter::parse::<T>(rel, &source, &split, kind)
        .map(|_| ())
        .map_err(|ds| match ds.into_iter().next() {
            Some(d) => bug(d),
            None => bug(Diagnostic::error(Problem::Internal(t!(
                "invalid front matter"
            )))),
        })
}

/// Writes `text` to a new file `rel` under `root`; an existing file is left alone (and
/// is an error), even if it appeared since the import looked, and no symbolic link is
/// written through.
pub(super) fn write_new(root: &Path, rel: &Path, text: &str) -> std::io::Result<()> {
    use crate::safe_write::Existing;
    crate::safe_write::write(root, rel, text.as_bytes(), Existing::Refuse)
}

/// The error for a required cell left empty (`message` names the column and field).
pub(super) fn empty_cell(table: &Table, row: usize, col: usize, message: Text) -> Diagnostic {
    table
        .at_cell(Diagnostic::error(Problem::Content(message)), row, col)
        .with_help(t!("fill in the cell; the other rows are imported"))
}

/// What became of a row read without error.
pub(super) enum Placed {
    Written(Planned),
    Skipped(Diagnostic),
    Failed(Diagnostic),
}

impl Report {
    /// Counts a row: read with `problems`, or placed. True when its page was written.
    pub(super) fn add(&mut self, row: Result<Placed, Vec<Diagnostic>>) -> bool {
        match row {
            Ok(Placed::Written(planned)) => {
                self.planned.push(planned);
                return true;
            }
            Ok(Placed::Skipped(d)) => {
                self.skipped += 1;
                self.diagnostics.push(d);
            }
            Ok(Placed::Failed(d)) => {
                self.failed += 1;
                self.diagnostics.push(d);
            }
            Err(problems) => {
                self.failed += 1;
                self.diagnostics.extend(problems);
            }
        }
        false
    }
}

/// A page an import is about to write, once the site was found not to have it.
pub(super) struct Page<'a> {
    pub table: &'a Table,
    pub row: usize,
    /// The column naming the page (its id or code, else its title), where its
    /// problems are told.
    pub key_col: usize,
    /// The file to write, relative to the site.
    pub rel: PathBuf,
    /// What must not exist yet: the file, or a project's folder.
    pub taken: PathBuf,
    /// The row's id or code, compared with the earlier rows'.
    pub id_key: Option<String>,
    pub text: String,
    pub front_matter: String,
    /// Help for a row that would be an earlier row's page again.
    pub again: Text,
    /// Help for a page whose file (or folder) exists.
    pub exists: Text,
    /// Help when the page cannot be written.
    pub writable: Text,
}

/// Writes `page` (unless a dry run): an error when an earlier row of the register has
/// its id or file, skipped when its file is there, checked to parse as `T` first.
pub(super) fn place<T: DeserializeOwned + schemars::JsonSchema>(
    root: &Path,
    page: Page,
    seen: &mut HashMap<String, Text>,
    kind: &'static str,
    dry_run: bool,
) -> Placed {
    let at = |d: Diagnostic| page.table.at_cell(d, page.row, page.key_col);
    let file_key = format!("file:{}", page.taken.display());
    let earlier = page
        .id_key
        .as_deref()
        .and_then(|k| seen.get(k))
        .or_else(|| seen.get(&file_key));
    if let Some(earlier) = earlier {
        return Placed::Failed(
            at(Diagnostic::error(Problem::Content(t!(
                "this row would be {file} again, like the row at {earlier}",
                file = page.rel.as_path(),
                earlier = earlier.clone()
            ))))
            .with_help(page.again),
        );
    }
    if root.join(&page.taken).exists() {
        return Placed::Skipped(
            at(Diagnostic::warning(Problem::Content(t!(
                "skipped: {file} already exists",
                file = page.taken.as_path()
            ))))
            .with_help(page.exists),
        );
    }
    let place = page.table.place_name(page.row, page.key_col);
    if let Some(k) = page.id_key {
        seen.insert(k, place.clone());
    }
    seen.insert(file_key, place.clone());
    if let Err(d) = check_written::<T>(&page.rel, &page.text, kind) {
        return Placed::Failed(d);
    }
    if !dry_run {
        if let Err(e) = write_new(root, &page.rel, &page.text) {
            let help = Some(page.writable);
            return Placed::Failed(crate::safe_write::failed_at(&e, &page.rel, help));
        }
    }
    Placed::Written(Planned {
        path: page.rel,
        front_matter: page.front_matter,
        place,
    })
}
