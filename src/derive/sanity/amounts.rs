//! Amounts a budget cell reads as a plain number although its text says otherwise: a
//! currency sign of another currency than the project's (`¥480` in a USD project is
//! read as 480 dollars), and scientific notation, which is how a spreadsheet saves a
//! number it shows rounded (`1.23457E+11`), and a point between thousands (`98.500`,
//! read as 98.5). All are read, so they are warnings, each said once per table at its
//! first cell.

use crate::data::{Cell, Table};
use crate::diagnostics::{Diagnostic, Problem};
use crate::numbers::Written;
use crate::t;

/// The amount columns of a budget table.
const AMOUNTS: [&str; 3] = ["pv", "ev", "ac"];

/// The currencies each sign may stand for. The yuan and the yen share theirs, as do the
/// dollars.
const SIGNS: &[(char, &[&str])] = &[
    ('$', crate::units::DOLLARS),
    ('¥', &["CNY", "JPY"]),
    ('￥', &["CNY", "JPY"]),
    ('€', &["EUR"]),
    ('£', &["GBP"]),
];

/// The doubts of `table`'s amount cells; `currency` is the project's own, as a code
/// (`None` when the project names none: then no sign can be told wrong).
pub(super) fn doubts(table: &Table, currency: Option<&str>) -> Vec<Diagnostic> {
    let cells: Vec<(usize, usize, &str)> = AMOUNTS
        .iter()
        .filter_map(|name| table.column(name))
        .flat_map(|col| {
            (0..table.rows.len()).filter_map(move |row| match table.cell(row, col) {
                Cell::Text(text) => Some((row, col, text.as_str())),
                _ => None,
            })
        })
        .collect();
    let mut out = Vec::new();
    if let Some(currency) = currency {
        let foreign: Vec<&(usize, usize, &str)> = cells
            .iter()
            .filter(|(_, _, text)| foreign_sign(text, currency).is_some())
            .collect();
        if let Some(&&(row, col, text)) = foreign.first() {
            let sign = foreign_sign(text, currency).unwrap_or('$');
            let message = t!(
                "`{text}` carries the {sign} sign, but this project's amounts are in {currency}: it is read as {currency} all the same{more}",
                text = text.trim(),
                sign = sign.to_string(),
                currency = currency,
                more = more(foreign.len())
            );
            out.push(
                table
                    .warning_at(row, col, message)
                    .with_help(t!(
                        "convert such amounts into {currency} and write them without a sign, or correct the project's `currency`",
                        currency = currency
                    )),
            );
        }
    }
    out.extend(currency.and_then(|currency| header_in_other_currency(table, currency)));
    out.extend(currency.and_then(|currency| unit_column_in_other_currency(table, currency)));
    out.extend(currency.and_then(|currency| format_in_other_currency(table, currency)));
    out.extend(points_for_thousands(table));
    let rounded: Vec<&(usize, usize, &str)> = cells
        .iter()
        .filter(|(_, _, text)| scientific(text))
        .collect();
    if let Some(&&(row, col, text)) = rounded.first() {
        let message = t!(
            "`{text}` is written in scientific notation, as a spreadsheet saves a number it shows rounded (to six digits): the amount may have lost its last digits{more}",
            text = text.trim(),
            more = more(rounded.len())
        );
        out.push(
            table
                .warning_at(row, col, message)
                .with_help(t!(
                    "write the whole amount: in the spreadsheet, format the column as a number without decimals before saving it as CSV"
                )),
        );
    }
    out
}

/// The amount cells (row, column) whose point probably separates thousands (see
/// [`crate::numbers::points_for_thousands`]), in column order.
pub(super) fn dotted_cells(table: &Table) -> Vec<(usize, usize)> {
    let columns = crate::data::amount_columns(table);
    let written: Vec<Vec<Written>> = columns
        .iter()
        .map(|&col| {
            (0..table.rows.len())
                .map(|row| table.cell(row, col).written())
                .collect()
        })
        .collect();
    crate::numbers::points_for_thousands(&written)
        .into_iter()
        .map(|(c, row)| (row, columns[c]))
        .collect()
}

/// `98.500` among amounts near 100,000: read as 98.5, a month's cost a thousand times
/// too small, and the project's CPI and status with it.
fn points_for_thousands(table: &Table) -> Option<Diagnostic> {
    let dotted = dotted_cells(table);
    let &(row, col) = dotted.first()?;
    let text = table.text(row, col);
    let grouped = crate::numbers::dotted_thousands(&text)?;
    let read = crate::data::table::parse_number(&text)?;
    let message = t!(
        "`{value}` reads as {number}; with its point separating thousands, as much of Europe writes them, it would be {whole}{more}",
        value = text.trim(),
        number = crate::data::table::format_number(read),
        whole = crate::numbers::format_amount(grouped),
        more = more(dotted.len())
    );
    Some(
        table
            .warning_at(row, col, message)
            .with_help(crate::numbers::point_help(grouped, read)),
    )
}

/// An amount column headed in another currency than the project's (`计划值（美元）`
/// in a CNY project): its amounts are read as the project's, 7 times off, so the header
/// is a doubt, told once per table at its first such column.
fn header_in_other_currency(table: &Table, currency: &str) -> Option<Diagnostic> {
    let (header, named) = AMOUNTS
        .iter()
        .filter_map(|name| table.column(name))
        .map(|col| table.written(col))
        .find_map(|header| {
            let named = crate::units::header_currency(header)?;
            (!fits(&named, currency)).then_some((header, named))
        })?;
    let message = t!(
        "column `{header}` gives its amounts in {named}, but this project's amounts are in {currency}: they are read as {currency} all the same",
        header = header.trim(),
        named = named,
        currency = currency
    );
    let d = Diagnostic::warning(Problem::Content(message)).with_help(t!(
        "convert the column into {currency} and head it so, or correct the project's `currency` (a project's amounts are all in one currency)",
        currency = currency
    ));
    Some(crate::data::columns::at_header(table, header.trim(), d))
}

/// A column of the table's own naming another currency than the project's (`currency`
/// holding `USD` in a CNY project): its amounts are read as the project's all the same.
fn unit_column_in_other_currency(table: &Table, currency: &str) -> Option<Diagnostic> {
    let (row, col, named) =
        crate::data::unit_cells(table)
            .into_iter()
            .find_map(|(row, col, _)| {
                let named = crate::units::cell_currency(&table.text(row, col))?;
                (!fits(&named, currency)).then_some((row, col, named))
            })?;
    let message = t!(
        "column `{column}` says the amounts are in {named}, but this project's amounts are in {currency}: they are read as {currency} all the same",
        column = table.written(col).trim(),
        named = named,
        currency = currency
    );
    Some(
        table
            .warning_at(row, col, message)
            .with_help(t!(
                "convert the amounts into {currency} and write {currency} in this column, or correct the project's `currency` (a project's amounts are all in one currency)",
                currency = currency
            )),
    )
}

/// An amount cell of a workbook whose number format shows another currency than the
/// project's (`[$$-409]#,##0` in a CNY project): the author sees dollars, the page
/// shows yuan.
fn format_in_other_currency(table: &Table, currency: &str) -> Option<Diagnostic> {
    let columns = crate::data::amount_columns(table);
    let foreign: Vec<_> = table
        .formats
        .iter()
        .filter(|(_, col, _)| columns.contains(col))
        .filter_map(|(row, col, shown)| {
            let named = shown.currency.as_deref()?;
            (!fits(named, currency)).then_some((*row, *col, shown, named))
        })
        .collect();
    let &(row, col, shown, named) = foreign.first()?;
    let message = t!(
        "the cell's number format `{format}` shows its amount in {named}, but this project's amounts are in {currency}: it is read as {currency} all the same{more}",
        format = &shown.code,
        named = named,
        currency = currency,
        more = more(foreign.len())
    );
    Some(
        table
            .warning_at(row, col, message)
            .with_help(t!(
                "convert the amounts into {currency} and give the cells a {currency} number format, or correct the project's `currency`",
                currency = currency
            )),
    )
}

/// Whether a currency a table names (a sign such as `$` for any of its currencies) can
/// be the project's.
fn fits(named: &str, currency: &str) -> bool {
    let mut chars = named.chars();
    match (chars.next(), chars.next()) {
        (Some(sign), None) if SIGNS.iter().any(|(s, _)| *s == sign) => {
            foreign_sign(named, currency).is_none()
        }
        _ => named == currency,
    }
}

/// What follows a doubt told once for `found` cells: how many more there are.
fn more(found: usize) -> crate::messages::Text {
    // A message of its own, translated with the one around it: rendered here, it was
    // English inside a Chinese warning.
    match found {
        0 | 1 => crate::messages::verbatim(""),
        n => t!(" ({more} more such cells in this table)", more = n - 1),
    }
}

/// The sign in `text` that cannot stand for `currency`, if any.
fn foreign_sign(text: &str, currency: &str) -> Option<char> {
    text.chars().find(|c| {
        SIGNS
            .iter()
            .any(|(sign, codes)| sign == c && !codes.contains(&currency))
    })
}

/// Whether `text` is a number in scientific notation (`5E+02`, `1.2e6`).
fn scientific(text: &str) -> bool {
    let text = text.trim();
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.trim_start_matches(['+', '-']);
    !mantissa.is_empty()
        && mantissa
            .trim_start_matches(['-', '+'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
        && !exponent.is_empty()
        && exponent.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn how_many_more_is_said_in_the_warnings_language() {
        let zh = t!("{cell}: {message}", cell = "x", message = more(3))
            .render(crate::messages::Lang::ZhCn);
        assert!(zh.contains("（本表另有 2 个这样的单元格）"), "{zh}");
        assert!(!zh.contains("more such"), "{zh}");
        assert_eq!(more(1).render(crate::messages::Lang::ZhCn), "");
    }

    #[test]
    fn scientific_notation_and_not() {
        for yes in ["5E+02", "1.23457E+11", "5e3", "-1.2e-3"] {
            assert!(scientific(yes), "{yes}");
        }
        for no in ["500", "e3", "5E", "1,200", "5 EUR", "¥5e3x"] {
            assert!(!scientific(no), "{no}");
        }
    }

    #[test]
    fn every_sign_a_cell_may_carry_stands_for_some_currency() {
        for sign in crate::numbers::CURRENCY_SIGNS {
            assert!(SIGNS.iter().any(|(s, _)| *s == sign), "{sign}");
        }
    }

    #[test]
    fn a_sign_is_foreign_only_when_it_cannot_stand_for_the_currency() {
        assert_eq!(foreign_sign("¥480", "USD"), Some('¥'));
        assert_eq!(foreign_sign("$480", "USD"), None);
        assert_eq!(foreign_sign("$480", "HKD"), None);
        assert_eq!(foreign_sign("￥480", "CNY"), None);
        assert_eq!(foreign_sign("€480", "CNY"), Some('€'));
        assert_eq!(foreign_sign("480", "CNY"), None);
    }
}
