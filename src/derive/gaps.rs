//! Months missing between two months read one after the other: a budget's periods,
//! summed into running totals, or a chart's x axis, drawn a step apart. What a missing
//! month held is not zero but unknown, so a gap is told, never filled in.

use crate::data::Table;
use crate::derive::{month_name, month_number};
use crate::messages::Text;
use crate::t;

/// Two months that follow each other, in the rows `before` and `after`, with months
/// missing between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Gap {
    pub(crate) before: usize,
    pub(crate) after: usize,
    /// The months themselves, counted as [`month_number`] counts them.
    from: i32,
    to: i32,
}

/// The most missing months a message names one by one; a longer run is named by its
/// first and last.
const NAMED: i32 = 4;

/// The gaps between each month of `months` (its row, the month written `YYYY-MM`) and
/// the next, in the order given. A value that is no month is passed over.
pub(crate) fn between<'a>(months: impl IntoIterator<Item = (usize, &'a str)>) -> Vec<Gap> {
    let months: Vec<(usize, i32)> = months
        .into_iter()
        .filter_map(|(row, month)| Some((row, month_number(month.trim())?)))
        .collect();
    months
        .windows(2)
        .filter(|pair| pair[1].1 - pair[0].1 > 1)
        .map(|pair| Gap {
            before: pair[0].0,
            after: pair[1].0,
            from: pair[0].1,
            to: pair[1].1,
        })
        .collect()
}

impl Gap {
    /// `2 month(s) missing between 2024-02 (line 2) and 2024-05 (2024-03, 2024-04)`,
    /// the month before placed in `table`'s column `col`.
    pub(crate) fn told(&self, table: &Table, col: usize) -> Text {
        let missing = self.to - self.from - 1;
        let months = if missing <= NAMED {
            ((self.from + 1)..self.to)
                .map(month_name)
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            format!(
                "{} … {}",
                month_name(self.from + 1),
                month_name(self.to - 1)
            )
        };
        t!(
            "{missing} month(s) missing between {before} ({place}) and {after} ({months})",
            missing = missing,
            before = month_name(self.from),
            place = table.place_name(self.before, col),
            after = month_name(self.to),
            months = months
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_months_between_two_are_named_across_a_year() {
        let gaps = between([(0, "2023-11"), (1, "2024-02"), (2, "2024-03"), (5, "x")]);
        assert_eq!(gaps.len(), 1);
        assert_eq!((gaps[0].before, gaps[0].after), (0, 1));
        assert_eq!(month_name(gaps[0].from + 1), "2023-12");
        assert_eq!(month_name(gaps[0].to - 1), "2024-01");
    }
}
