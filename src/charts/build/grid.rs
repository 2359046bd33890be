//! Gathering a chart's rows into a grid of categories × series, and the grid's chart
//! and table.

use std::collections::HashMap;

use super::*;
/// Where each category and series was first seen while gathering: a search of the
/// lists per row was quadratic.
#[derive(Default)]
struct Slots {
    categories: HashMap<String, usize>,
    series: HashMap<(String, Option<usize>), usize>,
}

/// Dates that are all the first of a month are months (how workbooks store periods).
pub(super) fn is_monthly(table: &Table, rows: &[usize], x_col: usize) -> bool {
    table.column_type(x_col) == ColumnType::Date
        && rows.iter().all(|&r| match table.cell(r, x_col) {
            Cell::Date(d) => d.0.day() == 1,
            Cell::Text(t) => crate::date::Date::parse(t).is_ok_and(|d| d.0.day() == 1),
            _ => true,
        })
}

/// The name a series is shown by: its group (the `series` column's value, with the y
/// column when several are plotted), else the y column's name from `names` or the
/// table, else the y label of a count.
fn series_name(
    spec: &ChartSpec,
    table: &Table,
    group: Option<&str>,
    target: Option<usize>,
    targets: &[Option<usize>],
    y_cols: &[usize],
) -> String {
    match (group, target) {
        (Some(g), Some(c)) if targets.len() > 1 => format!("{g} · {}", table.columns[c]),
        (Some(g), _) => g.to_string(),
        (None, Some(c)) => {
            let i = y_cols.iter().position(|&y| y == c).unwrap_or(0);
            spec.names
                .as_ref()
                .and_then(|n| n.get(i).cloned())
                .unwrap_or_else(|| table.columns[c].clone())
        }
        (None, None) => spec.y_label.clone().unwrap_or_else(|| "count".into()),
    }
}

/// The selected rows grouped into categories (x values) and series (a `series` column's
/// values and/or the `y` columns), with the sum and count of each cell.
pub(super) struct Grid {
    y_names: Vec<String>,
    counting: bool,
    mean: bool,
    pub(super) categories: Vec<String>,
    /// (series name, y column or None when counting)
    series_keys: Vec<(String, Option<usize>)>,
    /// values[series][category] = (sum, count)
    pub(super) values: Vec<Vec<(f64, usize)>>,
    labels: Vec<Vec<Option<String>>>,
}

impl Grid {
    /// `by_x`: time-like x values are put in order (unless the spec sorts otherwise), as
    /// a category axis reads left to right in time.
    pub(super) fn gather(spec: &ChartSpec, table: &Table, by_x: bool) -> Grid {
        let mut rows = select(table, &spec.selection());
        let x_col = table.column(&spec.x).unwrap_or(0);
        let y_names = spec.y.as_ref().map(|y| y.to_vec()).unwrap_or_default();
        let y_cols: Vec<usize> = y_names.iter().filter_map(|n| table.column(n)).collect();
        let series_col = spec.series.as_deref().and_then(|s| table.column(s));

        if spec.sort.is_none()
            && matches!(
                table.column_type(x_col),
                ColumnType::Month | ColumnType::Date | ColumnType::Number
            )
            && by_x
        {
            rows.sort_by(|&a, &b| compare(table.cell(a, x_col), table.cell(b, x_col)));
        }

        let counting = spec.aggregate == Some(Aggregate::Count);
        let merging = merges_categories(spec);
        let label_col = spec.label.as_deref().and_then(|l| table.column(l));
        let targets: Vec<Option<usize>> = if counting || y_cols.is_empty() {
            vec![None]
        } else {
            y_cols.iter().map(|&c| Some(c)).collect()
        };
        let monthly = is_monthly(table, &rows, x_col);
        let mut grid = Grid {
            y_names,
            counting,
            mean: spec.aggregate == Some(Aggregate::Mean),
            categories: Vec::new(),
            series_keys: Vec::new(),
            values: Vec::new(),
            labels: Vec::new(),
        };
        let mut slots = Slots::default();
        for &r in &rows {
            let category = category_of(table.text(r, x_col), monthly);
            let group = series_col.map(|c| table.text(r, c));
            let names: Vec<(String, Option<usize>)> = targets
                .iter()
                .map(|&t| {
                    let name = series_name(spec, table, group.as_deref(), t, &targets, &y_cols);
                    (name, t)
                })
                .collect();
            // A table in long form (month, team, opened) names each row's series: the rows
            // of one month share its category across series, as a reader of the legend
            // expects, unless this row's series already has a mark there (a repeat, which
            // `repeated_category` warns of, is drawn apart rather than summed unasked).
            let shares = series_col.is_some()
                && slots.categories.get(&category).is_some_and(|&ci| {
                    names.iter().all(|key| {
                        slots
                            .series
                            .get(key)
                            .is_none_or(|&si| grid.values[si][ci].1 == 0)
                    })
                });
            let ci = grid.category_slot(&mut slots, category, merging || shares);
            for (name, target) in names {
                let si = grid.series_slot(&mut slots, name, target);
                let value = match target {
                    None => Some(1.0),
                    Some(c) => number_of(table.cell(r, c)),
                };
                if let Some(v) = value {
                    let slot = &mut grid.values[si][ci];
                    slot.0 += v;
                    slot.1 += 1;
                }
                if let Some(lc) = label_col {
                    grid.labels[si][ci] = Some(table.text(r, lc));
                }
            }
        }
        grid
    }

    /// The column of `category`: where it was first seen when the spec merges repeated
    /// categories, else a new one.
    fn category_slot(&mut self, slots: &mut Slots, category: String, merging: bool) -> usize {
        if merging {
            if let Some(&i) = slots.categories.get(&category) {
                return i;
            }
        }
        slots
            .categories
            .entry(category.clone())
            .or_insert(self.categories.len());
        self.categories.push(category);
        for v in self.values.iter_mut() {
            v.push((0.0, 0));
        }
        for l in self.labels.iter_mut() {
            l.push(None);
        }
        self.categories.len() - 1
    }

    /// The row of series `name` (summing column `target`), added on first sight.
    fn series_slot(&mut self, slots: &mut Slots, name: String, target: Option<usize>) -> usize {
        let key = (name, target);
        if let Some(&i) = slots.series.get(&key) {
            return i;
        }
        slots.series.insert(key.clone(), self.series_keys.len());
        self.series_keys.push(key);
        self.values.push(vec![(0.0, 0); self.categories.len()]);
        self.labels.push(vec![None; self.categories.len()]);
        self.series_keys.len() - 1
    }

    /// A cell's value: its sum, or its mean when the spec averages.
    pub(super) fn value(&self, sum: f64, n: usize) -> f64 {
        if self.mean && n > 0 {
            sum / n as f64
        } else {
            sum
        }
    }

    /// The series with a point per filled cell (every cell when counting), at the x that
    /// `x_of(category index, category)` gives, accumulated when the spec asks.
    pub(super) fn series(
        &self,
        spec: &ChartSpec,
        x_of: impl Fn(usize, &str) -> f64,
    ) -> Vec<Series> {
        self.series_keys
            .iter()
            .enumerate()
            .map(|(si, (name, _))| {
                let mut running = 0.0;
                let points = self.values[si]
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, n))| *n > 0 || self.counting)
                    .map(|(ci, &(sum, n))| {
                        let mut y = self.value(sum, n);
                        if spec.cumulative {
                            running += y;
                            y = running;
                        }
                        Point {
                            x: x_of(ci, &self.categories[ci]),
                            y,
                            label: self.labels[si][ci].clone(),
                        }
                    })
                    .collect();
                Series {
                    name: name.clone(),
                    tone: None,
                    points,
                }
            })
            .collect()
    }

    /// A row per category, a column per series.
    pub(super) fn category_table(&self, spec: &ChartSpec, series: &[Series]) -> DataTable {
        DataTable {
            columns: std::iter::once(spec.x_label.clone().unwrap_or_else(|| spec.x.clone()))
                .chain(series.iter().map(|s| s.name.clone()))
                .collect(),
            rows: self
                .categories
                .iter()
                .enumerate()
                .map(|(ci, c)| {
                    std::iter::once(c.clone())
                        .chain(self.values.iter().zip(series).map(|(v, s)| {
                            let (sum, n) = v[ci];
                            if n == 0 && !self.counting {
                                String::new()
                            } else if spec.cumulative {
                                // The running total the line draws, not the period's own
                                // amount: the table is the chart's numbers.
                                s.points
                                    .iter()
                                    .find(|p| p.x == ci as f64)
                                    .map_or_else(String::new, |p| readable_number(p.y))
                            } else {
                                readable_number(self.value(sum, n))
                            }
                        }))
                        .collect()
                })
                .collect(),
        }
    }

    /// The chart around `series`: titles, axis labels, description and rules.
    pub(super) fn chart(
        &self,
        spec: &ChartSpec,
        x: XAxis,
        series: Vec<Series>,
        heatmap: Option<Heatmap>,
    ) -> Chart {
        let description = spec.description.clone().unwrap_or_else(|| {
            let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
            // Named by the axis labels the reader sees (never a column's key), with no
            // English word, so it reads in either language.
            let x = spec.x_label.as_deref().unwrap_or(&spec.x);
            let y = spec
                .y_label
                .clone()
                .unwrap_or_else(|| self.y_names.join(", "));
            // The series named once: when they are the y columns themselves, the list
            // after the colon would only say them again.
            let listed = names.join(", ");
            if listed == y {
                format!("{y} × {x}")
            } else {
                format!("{y} × {x}: {listed}")
            }
        });
        Chart {
            kind: spec.kind,
            title: spec.title.clone().unwrap_or_default(),
            description,
            x_label: spec.x_label.clone().unwrap_or_else(|| spec.x.clone()),
            y_label: spec
                .y_label
                .clone()
                .unwrap_or_else(|| self.y_names.join(", ")),
            x,
            series,
            rules: spec
                .rules
                .iter()
                .map(|&v| Rule {
                    horizontal: true,
                    value: v,
                    // As the axis and the tables write numbers (`1,200,000`).
                    label: readable_number(v),
                })
                .collect(),
            heatmap,
        }
    }
}
