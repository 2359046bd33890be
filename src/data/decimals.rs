//! Which mark a CSV file not separated by commas uses for decimals.
//!
//! Excel writes its "CSV" with semicolons wherever the comma is the decimal mark (Germany,
//! France, the Netherlands …): `100.000,00 €` is a hundred thousand there. Where the
//! list separator is `;` but the decimal mark a point (Switzerland), `1234.50` is written
//! as elsewhere. So a file's own cells decide: amounts with a decimal comma and none
//! with a decimal point make it a comma file, whose amounts are read as written there; a
//! file whose only sign is a dot before three digits (`100.000`) is refused, since it
//! could be a hundred or a hundred thousand and nothing in it says which.

use crate::data::table::Cell;
use crate::numbers::{comma_decimal, dotted_thousands, CURRENCY_SIGNS};

/// How a cell's number is written, for telling a file's decimal mark.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `1.234,56`, `1200,5`: a comma before the decimals.
    Comma,
    /// `1234.5`, `1,234.50`: a point before the decimals.
    Point,
    /// `100.000`: a point before three digits, either mark.
    Dotted,
    /// `1,200`: a comma before three digits, either mark.
    Grouped,
    /// Anything else: a plain `1200`, a date, a word.
    Other,
}

/// The number a cell holds, without the currency sign on either side, nor the marks
/// of a sign or share (`(1.234,56)`, `1.234,56-`, `−1.234,56`, `12,5%`): rewritten
/// with the rest, such a cell is then told what its own mark means (write -1234.56),
/// not "write decimals with a point" in a file of decimal commas.
fn core(text: &str) -> &str {
    text.trim()
        .trim_matches(CURRENCY_SIGNS)
        .trim()
        .trim_start_matches(['+', '-', '\u{2212}', '('])
        .trim_end_matches([')', '-', '%'])
        .trim()
        .trim_matches(CURRENCY_SIGNS)
        .trim()
}

fn shape(text: &str) -> Shape {
    let number = core(text);
    if dotted_thousands(number).is_some() {
        Shape::Dotted
    } else if number.matches(',').count() == 1
        && !number.contains('.')
        && crate::numbers::ungrouped(number).is_some_and(|plain| plain != number)
    {
        Shape::Grouped
    } else if number.contains(',') && comma_decimal(number).is_some() {
        Shape::Comma
    } else if number.contains('.') && crate::data::table::parse_number(number).is_some() {
        Shape::Point
    } else {
        Shape::Other
    }
}

/// What the cells of a file not separated by commas show of its decimal mark.
pub(crate) enum Decided {
    /// Read as any CSV is: decimal points, commas between thousands.
    Points,
    /// Rewritten: the cells' amounts in decimal points, their signs kept.
    Commas,
    /// The cell (row, column) whose dot nothing in the file explains.
    Ambiguous(usize, usize),
}

/// Rewrites the amounts of a comma file (`100.000,00 €` → `100000.00 €`) so every later
/// reader, charts among them, reads them as any other; leaves a file of decimal points
/// as it is.
pub(crate) fn read_marks(rows: &mut [Vec<Cell>]) -> Decided {
    // A column of decimal points (a WBS code `1.2`, a CPI an English colleague typed)
    // speaks for itself, not for the amounts beside it: one decided the whole file, and
    // every right `50.000,00` was refused (the seventh malformed hunt).
    let point_columns: std::collections::BTreeSet<usize> = rows
        .iter()
        .flat_map(|row| row.iter().enumerate())
        .filter(|(_, c)| matches!(c, Cell::Text(t) if shape(t) == Shape::Point))
        .map(|(col, _)| col)
        .collect();
    let outside_points = |col: usize| !point_columns.contains(&col);
    let has_comma = rows.iter().any(|row| {
        row.iter().enumerate().any(|(col, c)| {
            outside_points(col) && matches!(c, Cell::Text(t) if shape(t) == Shape::Comma)
        })
    });
    if !has_comma && !point_columns.is_empty() {
        return Decided::Points;
    }
    // A dot before three digits (`100.000`) that nothing in the file explains — no
    // decimal comma anywhere, or a column of points beside it — could be either: told,
    // not read a thousand times over.
    if !has_comma || !point_columns.is_empty() {
        let unsure = rows.iter().enumerate().find_map(|(r, row)| {
            row.iter().enumerate().find_map(|(col, c)| {
                let doubt = outside_points(col)
                    && matches!(c, Cell::Text(t) if matches!(shape(t), Shape::Dotted | Shape::Grouped));
                doubt.then_some(Decided::Ambiguous(r, col))
            })
        });
        if let Some(decided) = unsure {
            return decided;
        }
        if !has_comma {
            return Decided::Points;
        }
    }
    for (_, cell) in rows
        .iter_mut()
        .flat_map(|row| row.iter_mut().enumerate())
        .filter(|(col, _)| outside_points(*col))
    {
        if let Cell::Text(text) = cell {
            if matches!(shape(text), Shape::Comma | Shape::Dotted | Shape::Grouped) {
                let number = core(text);
                if let Some(plain) = comma_decimal(number) {
                    *text = text.replacen(number, &plain, 1);
                }
            }
        }
    }
    Decided::Commas
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<Vec<Cell>> {
        vec![texts.iter().map(|t| Cell::Text(t.to_string())).collect()]
    }

    #[test]
    fn a_file_of_decimal_commas_is_read_as_written_there() {
        let mut rows = cells(&[
            "31.01.2024",
            "100.000,00 €",
            "€ 98.500,50",
            "-1.234,5",
            "120.000",
            "1,250",
            "95000",
            "项目",
        ]);
        assert!(matches!(read_marks(&mut rows), Decided::Commas));
        let read: Vec<String> = rows[0].iter().map(Cell::display).collect();
        assert_eq!(
            read,
            [
                "31.01.2024",
                "100000.00 €",
                "€ 98500.50",
                "-1234.5",
                "120000",
                "1.250",
                "95000",
                "项目"
            ]
        );
    }

    #[test]
    fn signs_brackets_and_shares_keep_their_marks_around_the_rewritten_number() {
        let mut rows = cells(&[
            "100.000,00",
            "(1.234,56)",
            "1.234,56-",
            "\u{2212}1.234,56",
            "12,5%",
        ]);
        assert!(matches!(read_marks(&mut rows), Decided::Commas));
        let read: Vec<String> = rows[0].iter().map(Cell::display).collect();
        assert_eq!(
            read,
            [
                "100000.00",
                "(1234.56)",
                "1234.56-",
                "\u{2212}1234.56",
                "12.5%"
            ]
        );
    }

    #[test]
    fn a_file_of_decimal_points_is_left_as_it_is() {
        let mut rows = cells(&["1234.50", "1200.5", "100.000"]);
        assert!(matches!(read_marks(&mut rows), Decided::Points));
        assert_eq!(rows, cells(&["1234.50", "1200.5", "100.000"]));
        // Points in one column, commas in another: a dot before three digits elsewhere
        // could be either.
        let mut rows = cells(&["1234.50", "1200,5", "100.000"]);
        assert!(matches!(read_marks(&mut rows), Decided::Ambiguous(0, 2)));
    }

    #[test]
    fn a_column_of_decimal_points_decides_for_itself_only() {
        let mut rows = vec![
            vec![Cell::Text("1.1".into()), Cell::Text("50.000,00".into())],
            vec![Cell::Text("1.2".into()), Cell::Text("49.500,50".into())],
        ];
        assert!(matches!(read_marks(&mut rows), Decided::Commas));
        let read: Vec<String> = rows.iter().flatten().map(Cell::display).collect();
        assert_eq!(read, ["1.1", "50000.00", "1.2", "49500.50"]);
    }

    #[test]
    fn a_dot_nothing_explains_is_told() {
        let mut rows = cells(&["2024-01", "95000", "€ 100.000"]);
        assert!(matches!(read_marks(&mut rows), Decided::Ambiguous(0, 2)));
        assert!(matches!(
            read_marks(&mut cells(&["1,200", "95000"])),
            Decided::Ambiguous(0, 0)
        ));
        assert!(matches!(
            read_marks(&mut cells(&["2024-01", "95000"])),
            Decided::Points
        ));
    }
}
