//! A column of shares (`完成率`, `进度`, `占比`, `% complete`) written two ways — most
//! cells as fractions (0.85, 0.9) and one as a percentage (92), or the other way round —
//! as a sheet pasted together from two exports writes it: the chart drew the 92 a hundred
//! times the others (9,200 %), a project's progress shown as right without a word (the
//! seventeenth malformed hunt).

use crate::blocks::{field_span, ChartSpec, SpecError};
use crate::data::Table;
use crate::t;

/// What a header names when its column holds shares of a whole. 汇率 (an exchange rate)
/// and 倍率 hold ratios of any size, and are none.
fn names_a_share(header: &str) -> bool {
    let lower = header.trim().to_lowercase();
    if ["汇率", "倍率", "exchange", "fx"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return false;
    }
    [
        "率",
        "占比",
        "比例",
        "百分比",
        "进度",
        "%",
        "％",
        "percent",
        "pct",
        "progress",
        "share",
        "complete",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// A share as a fraction: above 0, at most 1, and not a whole number (1 is both 100 %
/// and 1 %).
fn is_fraction(v: f64) -> bool {
    v > 0.0 && v < 1.0
}

/// A share as a percentage: a figure from 2 to 100 (a fraction's column never holds
/// one; 1.2, a project 20 % over, may be either).
fn is_percentage(v: f64) -> bool {
    (2.0..=100.0).contains(&v)
}

/// The warning for the first `y` column naming a share whose drawn `rows` hold both
/// fractions and percentages, at the first cell of the fewer kind.
pub fn warning(spec: &ChartSpec, table: &Table, rows: &[usize], text: &str) -> Option<SpecError> {
    // `portfolio`'s shares (`percent_complete`) are computed, never written.
    if crate::derive::tables::is_portfolio(table) {
        return None;
    }
    let y = spec.y.as_ref()?.to_vec();
    y.iter().filter(|name| names_a_share(name)).find_map(|name| {
        let col = table.column(name)?;
        let values: Vec<(usize, f64)> = rows
            .iter()
            .filter_map(|&r| Some((r, table.number(r, col).ok()??)))
            .collect();
        let fractions: Vec<usize> = values
            .iter()
            .filter(|(_, v)| is_fraction(*v))
            .map(|(r, _)| *r)
            .collect();
        let percentages: Vec<usize> = values
            .iter()
            .filter(|(_, v)| is_percentage(*v))
            .map(|(r, _)| *r)
            .collect();
        let (&fraction, &percentage) = (fractions.first()?, percentages.first()?);
        // The odd one out is the kind fewer cells are written in; it is doubted only
        // when, read the other way, it falls among the others (92 as 0.92 among 0.6 to
        // 0.9): `缺陷率（%）` of 0.5 and 2.3 is a column of percentages, small and large.
        let value = |r: usize| values.iter().find(|(row, _)| *row == r).map_or(0.0, |v| v.1);
        let (odd, usual, kin, scale) = if percentages.len() <= fractions.len() {
            (percentage, fraction, &fractions, 0.01)
        } else {
            (fraction, percentage, &percentages, 100.0)
        };
        let (low, high) = kin.iter().map(|&r| value(r)).fold((f64::MAX, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let read_so = value(odd) * scale;
        if read_so < low / 3.0 || read_so > high * 3.0 {
            return None;
        }
        Some(SpecError {
            message: t!(
                "`{column}` holds shares written two ways: `{odd}` ({path} {odd_place}) beside `{usual}` ({usual_place}); the chart draws the percentage a hundred times the fraction",
                column = name.as_str(),
                odd = table.text(odd, col),
                path = crate::diagnostics::shown(&table.path),
                odd_place = table.place_name(odd, col),
                usual = table.text(usual, col),
                usual_place = table.place_name(usual, col)
            ),
            help: t!(
                "write every share of `{column}` one way: as a fraction (0.92 for 92%) or as a percentage (92) throughout — {fractions} cell(s) are fractions, {percentages} percentages",
                column = name.as_str(),
                fractions = fractions.len(),
                percentages = percentages.len()
            ),
            span: field_span(text, "y"),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::names_a_share;

    #[test]
    fn a_header_naming_a_share_is_told_from_one_naming_a_rate_of_exchange() {
        for share in [
            "完成率",
            "进度（%）",
            "占比",
            "% complete",
            "Progress",
            "缺陷率",
        ] {
            assert!(names_a_share(share), "{share}");
        }
        for other in ["汇率", "USD 汇率", "成本", "FX rate", "headcount"] {
            assert!(!names_a_share(other), "{other}");
        }
    }
}
