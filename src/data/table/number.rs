//! A cell read as a number, and the error that says why one is none: the ways a
//! spreadsheet, an accountant or another country writes a figure, each told with the
//! number to write instead.

use super::*;
use crate::diagnostics::Diagnostic;
use crate::messages::Text;
use crate::numbers::{not_a_figure, NotAFigure};
use crate::t;

impl Table {
    /// A number; text cells may carry thousands separators and a currency sign.
    pub fn number(&self, row: usize, col: usize) -> Result<Option<f64>, Diagnostic> {
        let not_a_number = |help: Text| self.bad_cell(row, col, t!("a number"), help);
        match self.cell(row, col) {
            Cell::Empty => Ok(None),
            Cell::Number(n) if n.is_finite() => Ok(Some(*n)),
            Cell::Number(n) if n.is_nan() => Err(self.not_a_figure(row, col, NotAFigure::NotANumber)),
            Cell::Number(_) => Err(self.not_a_figure(row, col, NotAFigure::OutOfRange)),
            Cell::Text(t) => match parse_number(t) {
                Some(n) => Ok(Some(n)),
                None if t.trim().is_empty() => Ok(None),
                None if crate::numbers::beyond_exact(t) => Err(not_a_number(crate::numbers::beyond_exact_help(t))),
                None if not_a_figure(t).is_some() => {
                    let why = not_a_figure(t).unwrap_or(NotAFigure::NotANumber);
                    Err(self.not_a_figure(row, col, why))
                }
                None if t.chars().any(|c| matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF0C}' | '\u{FF0E}')) => {
                    Err(not_a_number(t!("its digits are full-width (as a Chinese input method types them in full-width mode): type them half-width, e.g. 10000")))
                }
                None if is_no_value_mark(t) => Err(self.no_value_mark(row, col, t!("a number"))),
                None if spreadsheet_error(t) => Err(not_a_number(t!("`{value}` is the spreadsheet's error for a formula that cannot be worked out: correct the formula in the workbook (a division by an empty cell, a deleted reference), then export again", value = t.trim()))),
                None if after_apostrophe(t).and_then(parse_number).is_some() => {
                    Err(self.apostrophe(row, col, t!("a number"), t))
                }
                None if is_formula(t) => Err(not_a_number(t!("`{value}` is a spreadsheet formula written out as text, not its result: save the sheet as CSV again with its values (in LibreOffice, untick \"Save cell formulas instead of calculated values\"), or write the figure", value = t.trim()))),
                None if other_minus(t).is_some() => {
                    let fixed = other_minus(t).unwrap_or_default();
                    Err(not_a_number(t!("`{value}` is written with a typographic minus or in brackets, as accounts show a negative amount: write `{fixed}`", value = t.trim(), fixed = fixed)))
                }
                None if currency_code_beside(t).is_some() => {
                    let (code, number) = currency_code_beside(t).unwrap_or_default();
                    Err(not_a_number(t!("`{value}` has the currency code {code} in the cell: write the plain number, {number}; a project's currency is set once, by `currency:` in the front matter of its index.md", value = t.trim(), code = code, number = number)))
                }
                None if comma_decimal_amount(t).is_some() => {
                    let number = comma_decimal_amount(t).unwrap_or_default();
                    Err(not_a_number(t!("`{value}` is written with a dot between thousands (and a comma before any decimals), as amounts are written in German or Dutch: it would be {number}; write {number}", value = t.trim(), number = number)))
                }
                None if crate::numbers::dotted_thousands(t).is_some() => {
                    let n = crate::numbers::dotted_thousands(t).unwrap_or_default();
                    Err(not_a_number(t!("`{value}` separates thousands with points, as much of Europe writes them: write {number} (a point in a number always starts its decimals)", value = t.trim(), number = format!("{n:.0}"))))
                }
                None if crate::numbers::sign_between_digits(t) => Err(not_a_number(t!("`{value}` has a currency sign between its digits, where no amount carries one: write the amount alone, digits only (a project's currency is set once, by `currency:` in its index.md)", value = t.trim()))),
                None if crate::numbers::read_loosely(t).is_some() => {
                    let n = crate::numbers::read_loosely(t).unwrap_or_default();
                    Err(not_a_number(t!("`{value}` would be {number}: write the plain number", value = t.trim(), number = n)))
                }
                None if percent(t).is_some() => Err(not_a_number(t!("`{value}` is a percentage, but the column holds amounts or plain numbers, not shares: write the amount itself, in the currency's units (EV is the budgeted cost of the work done, not its share of the budget)", value = t.trim()))),
                None if letters_for_digits(t).is_some() => {
                    let fixed = letters_for_digits(t).unwrap_or_default();
                    Err(not_a_number(t!("`{value}` has a letter (O, l or I) among its digits: did you mean `{fixed}`?", value = t.trim(), fixed = fixed)))
                }
                None if has_inner_gap(t) => Err(not_a_number(t!("`{value}` has a space or `_` inside: one may only separate thousands, as in 1 200 000, and never beside commas; if the cell holds two numbers, keep one", value = t.trim()))),
                None if t.contains(',') => Err(not_a_number(t!("a comma may only separate thousands, e.g. 1,200,000.50; write decimals with a point: 1200.5, not 1200,5"))),
                None => Err(not_a_number(t!("e.g. 1200000 or 1,200,000"))),
            },
            _ => Err(not_a_number(t!("e.g. 1200000 or 1,200,000"))),
        }
    }

    /// The error for a cell that reads as a number but is none a table can hold
    /// (`1e400`, `NaN`), saying which, with the value.
    fn not_a_figure(&self, row: usize, col: usize, why: NotAFigure) -> Diagnostic {
        let found = self.text(row, col);
        match why {
            NotAFigure::OutOfRange => self.bad_cell(
                row,
                col,
                t!("a number in range"),
                t!("`{value}` is out of range, larger than any figure: check the cell for a typo or a misplaced exponent (`e`)", value = &found),
            ),
            NotAFigure::NotANumber => self.bad_cell(
                row,
                col,
                t!("a number"),
                t!("`{value}` is not a figure: write the amount, or leave the cell empty when nothing was reported", value = &found),
            ),
        }
    }

    /// A whole number from 1 to 5 (probability and impact scales).
    pub fn scale(&self, row: usize, col: usize) -> Result<u8, Diagnostic> {
        let expected = || t!("a whole number from 1 to 5");
        let text = self.text(row, col);
        let text = text.trim();
        let number = self.number(row, col);
        if let Ok(Some(n)) = number {
            if n.fract() == 0.0 && (1.0..=5.0).contains(&n) {
                return Ok(n as u8);
            }
        }
        // 高/中/低 and 80 % map to levels differently in each register (高 is 4 on a
        // scale of five words, 5 where three are spread over five): the author must
        // choose, shown both.
        let help = if number.is_err() && is_a_word(text) {
            super::levels::in_words(text)
        } else if let Some(percent) = super::levels::chance(text, number.ok().flatten()) {
            super::levels::as_chance(text, percent)
        } else {
            t!("1 = very low … 5 = very high")
        };
        Err(self.bad_cell(row, col, expected(), help))
    }
}
