//! ```table and ```chart blocks over the derived `portfolio`, which holds every
//! project's amounts converted into the portfolio currency and its figures whether
//! the build doubts them or not. A block showed BAC 10,650,000 for a project of
//! 1,500,000 USD with no unit anywhere on the page, and printed a CPI of 0.36 plain
//! while the dashboard marked the project 数据存疑 (the seventh walk-through). So the
//! money columns name the currency as the dashboard's amount axis does, and each
//! figure of a project in doubt carries the dashboard's mark. A block over one
//! project's own budget showed its amounts with no unit either: its money columns name
//! the project's currency the same way, but a label of the author's is left as
//! written, as nothing was converted behind the author's back.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::blocks::{Aggregate, ChartSpec, TableSpec};
use crate::charts::build::{self, DataTable};
use crate::data::Table;
use crate::derive::doubts::Mark;
use crate::derive::tables::{is_portfolio, portfolio_currency, CONVERTED_COLUMNS};
use crate::escape::xml as escape;
use crate::i18n::I18n;
use crate::site::Site;

/// The columns of `portfolio` whose values rest on a project's figures: its amounts,
/// the ratios made from them and the status graded from those.
fn is_figure(column: &str) -> bool {
    let column = column.trim().to_lowercase();
    crate::audience::MONEY_COLUMNS.contains(&column.as_str())
        || ["rag", "rag_name", "rag_computed"].contains(&column.as_str())
}

fn is_converted(column: &str) -> bool {
    CONVERTED_COLUMNS.contains(&column.trim().to_lowercase().as_str())
}

/// Whether `label` names `currency`: its code, or a name of it in brackets as a header
/// writes a unit (`完工预算（元）`, `BAC (RMB)`).
fn names_currency(label: &str, currency: &str) -> bool {
    label.contains(currency)
        || label
            .split(['(', '（'])
            .skip(1)
            .filter_map(|rest| rest.split([')', '）']).next())
            .any(|unit| crate::numbers::currency_code(unit) == currency)
}

/// The currency a block's amounts are in, when it has one to name.
pub struct Money {
    currency: String,
    /// Whether a label the author wrote gets the currency too: over `portfolio`, whose
    /// amounts were converted, which the author's label cannot have known.
    converted: bool,
}

/// The portfolio currency for a block over `portfolio`; a project's own (or, naming
/// none, the portfolio's, as its page shows it) for a block over its budget.
pub fn money(site: &Site, table: &Table) -> Option<Money> {
    if is_portfolio(table) {
        return portfolio_currency(table).map(|currency| Money {
            currency,
            converted: true,
        });
    }
    let slug = table
        .name
        .strip_prefix("projects/")?
        .strip_suffix("/budget")?;
    let info = site.page(*site.projects.get(slug)?).project()?;
    let currency = info
        .currency
        .as_deref()
        .map(crate::numbers::currency_code)
        .or_else(|| crate::derive::currency::of_site(site))
        .filter(|c| !c.is_empty())?;
    Some(Money {
        currency,
        converted: false,
    })
}

/// `label` with the currency after it (`BAC（CNY）`, `BAC (CNY)`), unless it names it.
fn in_currency(label: &str, currency: &str, i18n: &I18n) -> String {
    if names_currency(label, currency) {
        return label.to_string();
    }
    i18n.get("column_in_currency")
        .replace("{column}", label)
        .replace("{currency}", currency)
}

/// The ```table block's rows and columns, the headers of amounts naming their currency
/// (see [`money`]).
pub fn table(spec: &TableSpec, table: &Table, money: Option<&Money>, i18n: &I18n) -> DataTable {
    let mut data = build::table(spec, table);
    if let Some(money) = money {
        let shown = build::shown_columns(spec, table);
        let written = |i: usize| spec.headers.as_ref().is_some_and(|h| i < h.len());
        for (i, (header, &c)) in data.columns.iter_mut().zip(&shown).enumerate() {
            if is_converted(&table.columns[c]) && (money.converted || !written(i)) {
                *header = in_currency(header, &money.currency, i18n);
            }
        }
    }
    data
}

/// The chart block's spec, its axis over amounts naming their currency (see [`money`]):
/// the label written, else the columns' names.
pub fn chart_spec<'s>(
    spec: &'s ChartSpec,
    money: Option<&Money>,
    i18n: &I18n,
) -> Cow<'s, ChartSpec> {
    let Some(money) = money else {
        return Cow::Borrowed(spec);
    };
    let mut out = Cow::Borrowed(spec);
    let ys = spec.y.as_ref().map(|y| y.to_vec()).unwrap_or_default();
    let counted = spec.aggregate == Some(Aggregate::Count);
    let named = |label: &Option<String>| money.converted || label.is_none();
    if !counted && !ys.is_empty() && ys.iter().all(|y| is_converted(y)) && named(&spec.y_label) {
        let label = spec.y_label.clone().unwrap_or_else(|| ys.join(", "));
        out.to_mut().y_label = Some(in_currency(&label, &money.currency, i18n));
    }
    if is_converted(&spec.x) && named(&spec.x_label) {
        let label = spec.x_label.clone().unwrap_or_else(|| spec.x.clone());
        out.to_mut().x_label = Some(in_currency(&label, &money.currency, i18n));
    }
    out
}

/// The doubt marks of a ```table block's cells: per row shown and column, the marks
/// after a figure of a project in doubt, as the dashboard's rows carry them.
pub fn table_marks(
    spec: &TableSpec,
    table: &Table,
    marks: &HashMap<String, Mark>,
    i18n: &I18n,
) -> HashMap<(usize, usize), String> {
    let mut out = HashMap::new();
    let (Some(project), true) = (table.column("project"), is_portfolio(table)) else {
        return out;
    };
    let shown = build::shown_columns(spec, table);
    for (r, row) in build::select(table, &spec.selection())
        .into_iter()
        .enumerate()
    {
        let Some(&mark) = marks.get(&table.text(row, project)) else {
            continue;
        };
        for (c, &col) in shown.iter().enumerate() {
            let filled = !table.text(row, col).is_empty();
            if filled && is_figure(&table.columns[col]) {
                out.insert((r, c), mark_html(mark, i18n));
            }
        }
    }
    out
}

/// The note under a chart over `portfolio` that draws projects in doubt: the
/// dashboard's, saying how many.
pub fn chart_note(
    spec: &ChartSpec,
    table: &Table,
    marks: &HashMap<String, Mark>,
    i18n: &I18n,
) -> Option<String> {
    let project = table.column("project").filter(|_| is_portfolio(table))?;
    let mut doubted: Vec<String> = build::select(table, &spec.selection())
        .into_iter()
        .map(|r| table.text(r, project))
        .filter(|slug| marks.contains_key(slug))
        .collect();
    doubted.sort();
    doubted.dedup();
    let note = match doubted.len() {
        0 => return None,
        1 => i18n.get("doubtful_counted_one").to_string(),
        n => i18n
            .get("doubtful_counted")
            .replace("{count}", &n.to_string()),
    };
    Some(format!("<p class=\"table-note\">{}</p>", escape(&note)))
}

/// The dashboard's marks (templates/dashboard.html): figures that stopped, other doubts.
fn mark_html(mark: Mark, i18n: &I18n) -> String {
    let one = |word: &str, hint: &str| {
        format!(
            " <span class=\"stale-mark\" title=\"{}\">⚠ <span>{}</span></span>",
            escape(i18n.get(hint)),
            escape(i18n.get(word))
        )
    };
    let mut out = String::new();
    if mark.stopped {
        out.push_str(&one("data_stale", "data_stale_hint"));
    }
    if mark.others > 0 {
        out.push_str(&one("data_doubts", "data_doubts_hint"));
    }
    out
}
