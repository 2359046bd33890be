//! One name written two ways in a column a chart groups rows by — `IT` and `ＩＴ` (typed
//! with a Chinese input method's full-width letters), `IT` and `it`, `东区` and `东区 ` —
//! was two bars or two series, each with part of the sum, without a word (the twelfth
//! malformed hunt): a department's total was split in two. The lessons' categories are
//! folded so on their pages; a chart over a table of the author's own warns, naming
//! both cells, since the table may mean them apart.

use std::collections::HashMap;

use crate::blocks::{field_span, ChartSpec, SpecError};
use crate::data::Table;
use crate::t;

/// The warning for the first two values, among the drawn `rows`, of the `x` column (when
/// the chart groups rows by it) or of the `series` column that differ only in case, width
/// or spaces.
pub fn warning(spec: &ChartSpec, table: &Table, rows: &[usize], text: &str) -> Option<SpecError> {
    let grouping_x = crate::charts::build::merges_categories(spec).then_some(("x", &spec.x));
    let series = spec.series.as_ref().map(|s| ("series", s));
    grouping_x.into_iter().chain(series).find_map(|(field, column)| {
        let col = table.column(column)?;
        let mut seen: HashMap<String, (usize, String)> = HashMap::new();
        rows.iter().find_map(|&r| {
            let value = table.text(r, col);
            let key = crate::slugs::tidy_name(&value)?.to_lowercase();
            match seen.get(&key) {
                Some((first, written)) if *written != value => Some(SpecError {
                    message: t!(
                        "`{first}` ({path} {first_place}) and `{again}` ({again_place}) in `{column}` are one name written two ways: the chart draws them apart, each with part of the rows",
                        first = written.as_str(),
                        path = crate::diagnostics::shown(&table.path),
                        first_place = table.place_name(*first, col),
                        again = value.as_str(),
                        again_place = table.place_name(r, col),
                        column = column.as_str()
                    ),
                    help: t!("write the name the same way in every row (same case, half-width letters, no space around it), or, if they are two, name them apart"),
                    span: field_span(text, field),
                }),
                Some(_) => None,
                None => {
                    seen.insert(key, (r, value));
                    None
                }
            }
        })
    })
}
