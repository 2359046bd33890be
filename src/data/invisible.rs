//! Characters that show as nothing, in a table's cells and headers: a zero-width space
//! or a soft hyphen pasted along with text from a web page or Word, a byte order mark
//! where two CSV files were joined into one. Each made a cell that looks right and is
//! not: `closed` followed by U+200B was an open risk (warned as an unusual word that
//! looked like `closed`), a JSON key `ac` so written a column of its own (the month's
//! cost silently gone from `ac`), `2023-06` after a BOM "not a month" (the eleventh
//! malformed hunt).
//!
//! The table is read without them, as it shows. One at the start or end of a value,
//! where it made another value, is a warning naming it and its place; a byte order mark
//! anywhere is an error, as what follows it is another file's (its header read as a
//! row). Zero-width joiners and non-joiners are left alone: emoji and several scripts
//! need them.

use crate::data::table::{Cell, Place, Table};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::Text;
use crate::t;

fn is_invisible(c: char) -> bool {
    named(c).is_some()
}

use crate::slugs::invisible_name as named;

/// `text` as it shows.
fn visible(text: &str) -> String {
    text.chars().filter(|&c| !is_invisible(c)).collect()
}

/// Whether `value` holds `c` where it makes another value: a byte order mark anywhere,
/// another invisible character at its start or end.
fn misleads(value: &str) -> Option<char> {
    let value = value.trim();
    value.chars().find(|&c| c == '\u{FEFF}').or_else(|| {
        [value.chars().next(), value.chars().last()]
            .into_iter()
            .flatten()
            .find(|&c| is_invisible(c))
    })
}

/// A diagnostic for each cell or header of `table` holding an invisible character where
/// it makes another value (one per column, so a pasted column is told once), and the
/// table without any.
pub fn check(mut table: Table) -> (Table, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut any = false;
    for col in 0..table.columns.len() {
        let header = table.written(col).to_string();
        any |= header.chars().any(is_invisible);
        if let Some(c) = misleads(&header) {
            out.push(in_header(&table, &header, c));
        }
        let mut told = false;
        for row in 0..table.rows.len() {
            let Cell::Text(t) = table.cell(row, col) else {
                continue;
            };
            any |= t.chars().any(is_invisible);
            if let Some(c) = misleads(t).filter(|_| !told) {
                out.push(in_cell(&table, row, col, c));
                told = true;
            }
        }
    }
    if !any {
        return (table, out);
    }
    let clean = visible;
    for name in &mut table.columns {
        *name = clean(name).trim().to_string();
    }
    for (_, header) in &mut table.renamed {
        *header = clean(header);
    }
    for cell in table.rows.iter_mut().flatten() {
        if let Cell::Text(t) = cell {
            let cleaned = clean(t);
            *cell = match cleaned.trim() {
                "" => Cell::Empty,
                kept => Cell::Text(kept.to_string()),
            };
        }
    }
    merge_same_columns(&mut table);
    (table, out)
}

/// Columns that one name once the invisible characters are gone (a JSON key `v` with a
/// zero-width space in some rows, plain in others) made one column, where no row holds
/// both: otherwise the rows with the other key would lose their value.
fn merge_same_columns(table: &mut Table) {
    let width = table.columns.len();
    let square = table.places.len() == table.rows.len()
        && table.rows.iter().all(|r| r.len() == width)
        && table.places.iter().all(|p| p.len() == width);
    if !square {
        return;
    }
    let mut col = 1;
    while col < table.columns.len() {
        let first = table.columns[..col]
            .iter()
            .position(|c| *c == table.columns[col]);
        let disjoint = |first: usize| {
            table
                .rows
                .iter()
                .all(|row| row[first] == Cell::Empty || row[col] == Cell::Empty)
        };
        match first.filter(|&f| disjoint(f)) {
            Some(first) => {
                for (row, places) in table.rows.iter_mut().zip(&mut table.places) {
                    let cell = row.remove(col);
                    let place = places.remove(col);
                    if cell != Cell::Empty {
                        row[first] = cell;
                        places[first] = place;
                    }
                }
                table.columns.remove(col);
                table.renamed.retain(|(c, _)| *c != col);
                for (c, _) in &mut table.renamed {
                    if *c > col {
                        *c -= 1;
                    }
                }
            }
            None => col += 1,
        }
    }
}

/// The message for `c` in `value`, told in `column`.
fn message(column: &str, value: &str, c: char) -> Text {
    if c == '\u{FEFF}' {
        return t!(
            "column `{column}` holds `{value}` with a byte order mark (U+FEFF) in it, which shows as nothing and belongs only at the start of a file",
            column = visible(column),
            value = visible(value)
        );
    }
    t!(
        "column `{column}` holds `{value}` with {what} (U+{code}) in it, which shows as nothing but made it another value; it is read without it",
        column = visible(column),
        value = visible(value),
        what = named(c).unwrap_or_else(|| t!("a zero-width space")),
        code = format!("{:04X}", c as u32)
    )
}

fn help(c: char) -> Text {
    if c == '\u{FEFF}' {
        t!("delete it: a byte order mark inside a file is where another file was pasted or joined after it (delete the repeated header after it too); in a workbook, retype the cell")
    } else {
        t!("delete it: it comes with text copied from a web page or a document; retyping the cell removes it")
    }
}

/// An error for a byte order mark, a warning for the others (the value is read as shown).
fn told(problem: Problem, c: char) -> Diagnostic {
    let d = if c == '\u{FEFF}' {
        Diagnostic::error(problem)
    } else {
        Diagnostic::warning(problem)
    };
    d.with_help(help(c))
}

fn in_cell(table: &Table, row: usize, col: usize, c: char) -> Diagnostic {
    let value = table.text(row, col);
    let d = told(Problem::Data(message(table.written(col), &value, c)), c);
    // At the character itself, where the file's text has it.
    if let (Some(Place::Offset(offset)), Some(source)) = (
        table.places.get(row).and_then(|p| p.get(col)),
        &table.source,
    ) {
        if let Some(at) = source
            .get(*offset..)
            .and_then(|rest| rest.find(c))
            .filter(|&i| i <= value.len())
        {
            return d.at(Location::new(
                &table.path,
                source,
                offset + at,
                c.len_utf8(),
            ));
        }
    }
    table.at_cell(d, row, col)
}

fn in_header(table: &Table, header: &str, c: char) -> Diagnostic {
    let problem = Problem::Data(t!(
        "the header `{column}` holds {what} (U+{code}), which shows as nothing but made it another column; it is read without it",
        column = visible(header),
        what = named(c).unwrap_or_else(|| t!("a zero-width space")),
        code = format!("{:04X}", c as u32)
    ));
    let d = told(problem, c);
    match table
        .source
        .as_ref()
        .and_then(|s| Some((s, s.find(header)? + header.find(c)?)))
    {
        Some((source, at)) => d.at(Location::new(&table.path, source, at, c.len_utf8())),
        None => d.at_file_start(&table.path),
    }
}
