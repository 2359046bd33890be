//! Errors and warnings placed at a cell: at its line and column in a text file, by its
//! sheet reference in a workbook, by its row otherwise, naming the column as the file
//! writes it and the value found.

use super::*;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::Text;
use crate::t;

impl Table {
    /// The error for a number or date written after a spreadsheet's text mark
    /// (`'1200000`): read as text, it was told as no number with only an example.
    pub(super) fn apostrophe(
        &self,
        row: usize,
        col: usize,
        expected: Text,
        written: &str,
    ) -> Diagnostic {
        let help = t!(
            "`{value}` starts with an apostrophe, the mark a spreadsheet keeps in front of a number or date stored as text: delete the `'` and write {fixed}",
            value = written.trim(),
            fixed = after_apostrophe(written).unwrap_or_default()
        );
        self.bad_cell(row, col, expected, help)
    }

    /// The error for a mark typed for "no value" (`—`, `TBD`): the table's way to say so
    /// is an empty cell.
    pub(super) fn no_value_mark(&self, row: usize, col: usize, expected: Text) -> Diagnostic {
        let found = self.text(row, col);
        self.bad_cell(
            row,
            col,
            expected,
            t!("`{value}` stands for no value: leave the cell empty, which says so here (a column that needs a value needs the real one)", value = found.trim()),
        )
    }

    /// The error for an empty cell of a column that needs a value (it read "holds ``").
    /// A totals row's empty cells are told once, as the totals row (`data::rows`).
    pub fn required(&self, row: usize, col: usize) -> Diagnostic {
        let column = self.written(col);
        let message = t!("column `{column}` is empty on this row", column = column);
        self.at_cell(Diagnostic::error(Problem::Data(message)), row, col)
            .with_help(t!("this column may not be empty"))
    }

    /// The one error of a totals row (`合计`, `Total`, as a sheet's last row sums the
    /// milestones or risks above it) found wrong: told cell by cell, `合计,,6,8` was
    /// "title is empty" and two sums out of the 1–5 scale, and its author mended the
    /// sums. A label among other words (`Total 2024`) counts only with one of the
    /// `required` columns empty: "Total cost overrun" is a risk's title.
    pub fn totals_row(&self, row: usize, required: &[usize]) -> Option<Diagnostic> {
        let blank = required
            .iter()
            .any(|&c| self.text(row, c).trim().is_empty());
        let (col, label) = (0..self.columns.len())
            .map(|c| (c, self.text(row, c)))
            .find(|(_, text)| is_bare_totals_label(text) || (blank && is_totals_label(text)))?;
        let message = t!("a totals row among the rows");
        Some(
            self.at_cell(Diagnostic::error(Problem::Data(message)), row, col)
                .with_help(t!(
                    "`{value}` looks like a totals row: delete it, the portal counts and adds up the rows itself",
                    value = label.trim()
                )),
        )
    }

    /// An error placed at the cell, naming the column, the value found and what was expected.
    pub fn bad_cell(&self, row: usize, col: usize, expected: Text, help: Text) -> Diagnostic {
        let column = self.written(col);
        let found = self.text(row, col);
        let message = if found.trim().is_empty() {
            t!(
                "column `{column}` is empty on this row, expected {expected}",
                column = column,
                expected = expected
            )
        } else {
            t!(
                "column `{column}` holds `{found}`, expected {expected}",
                column = column,
                found = &found,
                expected = expected
            )
        };
        self.at_cell(Diagnostic::error(Problem::Data(message)), row, col)
            .with_help(help)
    }

    /// A warning of `message` at the cell, as the sanity checks tell a doubt.
    pub fn warning_at(&self, row: usize, col: usize, message: Text) -> Diagnostic {
        self.at_cell(Diagnostic::warning(Problem::Content(message)), row, col)
    }

    /// `d` placed at the cell: at its line and column in a text file, by its sheet
    /// reference in a workbook, by its row number otherwise (those two say it in the
    /// message, having no line to point at).
    pub fn at_cell(&self, d: Diagnostic, row: usize, col: usize) -> Diagnostic {
        let found = self.text(row, col);
        match (self.places.get(row).and_then(|p| p.get(col)), &self.source) {
            (Some(Place::Offset(offset)), Some(source)) => d.at(Location::new(
                &self.path,
                source,
                *offset,
                found.len().max(1),
            )),
            (Some(Place::Sheet { sheet, cell }), _) => {
                let d = prefixed(d, crate::messages::verbatim(format!("{sheet}!{cell}")));
                at_sheet_ref(d.in_file(&self.path), cell)
            }
            _ => prefixed(d, t!("row {row}", row = row + 1)).in_file(&self.path),
        }
    }

    /// Where a cell is, in words for a message: `line 7`, `Sheet1!B7` or `row 3`.
    pub fn place_name(&self, row: usize, col: usize) -> Text {
        match (self.places.get(row).and_then(|p| p.get(col)), &self.source) {
            (Some(Place::Offset(offset)), Some(source)) => t!(
                "line {line}",
                line = crate::diagnostics::line_col(source, *offset).0
            ),
            (Some(Place::Sheet { sheet, cell }), _) => {
                crate::messages::verbatim(format!("{sheet}!{cell}"))
            }
            _ => t!("row {row}", row = row + 1),
        }
    }

    pub(crate) fn error_at_top(&self, message: Text, help: Text) -> Diagnostic {
        let d = Diagnostic::error(Problem::Data(message));
        match &self.source {
            Some(source) => d.at(Location::new(&self.path, source, 0, 0)),
            None => d.at_file_start(&self.path),
        }
        .with_help(help)
    }
}

/// `d` placed at a workbook's cell named as its editor names it (`B7`); left as it is
/// for a name that is no cell's.
pub fn at_sheet_ref(d: Diagnostic, cell: &str) -> Diagnostic {
    match cell_at(cell) {
        Some((row, col)) => d.at_sheet_cell(row, col),
        None => d,
    }
}

/// `d` with its data message led by where it is (`Sheet1!C7: …`).
fn prefixed(mut d: Diagnostic, place: Text) -> Diagnostic {
    if let Problem::Data(message) | Problem::Content(message) = &mut d.problem {
        *message = t!("{cell}: {message}", cell = place, message = message.clone());
    }
    d
}
