//! The tables a page's ```chart and ```table blocks read. A page pinned to a day
//! (`as_of:` in its front matter: a monthly report, a gate review) reads `portfolio` and
//! its projects' budgets as they stood that day, so that adding December's EV and AC to
//! a workbook leaves November's report as it was published; every other page, and
//! every other table, reads the site's.

use std::collections::{BTreeSet, HashMap};

use crate::data::Table;
use crate::date::Date;
use crate::derive::tables::{is_portfolio, portfolio_on};
use crate::i18n::I18n;
use crate::site::{PageId, Site};

/// The day page `id`'s blocks are as of when it is pinned: its `as_of`, or the site's
/// day when that is earlier (figures after it cannot be known; warned at the field).
pub fn pinned_day(site: &Site, id: PageId) -> Option<Date> {
    site.page(id).as_of.map(|day| day.min(site.config.as_of()))
}

/// The tables one page's blocks read, by the names its blocks write.
pub struct PageTables<'a> {
    site: &'a Site,
    id: PageId,
    day: Option<Date>,
    /// The tables made for the page's day, by the name a block wrote.
    own: HashMap<String, Table>,
}

impl<'a> PageTables<'a> {
    pub fn of(site: &'a Site, id: PageId, i18n: &I18n) -> PageTables<'a> {
        let day = pinned_day(site, id);
        let mut own = HashMap::new();
        if let Some(day) = day {
            let names: BTreeSet<&str> = site.page(id).blocks.iter().map(|b| b.data()).collect();
            for name in names {
                let Some(table) = super::find_table(site, id, name) else {
                    continue;
                };
                let made = if is_portfolio(table) {
                    Some(portfolio_on(site, i18n, Some(day)))
                } else {
                    budget_on(site, table, day)
                };
                if let Some(made) = made {
                    own.insert(name.to_string(), made);
                }
            }
        }
        PageTables { site, id, day, own }
    }

    /// The table a block names, as the page sees it.
    pub fn get(&self, name: &str) -> Option<&Table> {
        self.own
            .get(name)
            .or_else(|| super::find_table(self.site, self.id, name))
    }

    /// The day the page is pinned to, if it is.
    pub fn day(&self) -> Option<Date> {
        self.day
    }

    /// The day the table a block names is as of, when it was made for the page's day
    /// (a table of `data/` or the `lessons` register is the site's, and says nothing).
    pub fn pinned(&self, name: &str) -> Option<Date> {
        self.day.filter(|_| self.own.contains_key(name))
    }
}

/// A project's budget table without the rows of months after `day`'s: their EV, AC and
/// plan were not written yet on that day. The rows are those the project's own figures
/// read (`derive::on_day` leaves the same out); `None` for any other table.
fn budget_on(site: &Site, table: &Table, day: Date) -> Option<Table> {
    let (slug, "budget") = crate::data::project_table(&table.name)? else {
        return None;
    };
    let later: BTreeSet<usize> = site
        .project_data
        .get(slug)?
        .budget
        .iter()
        .filter(|b| crate::derive::after_month_of(&b.period, day))
        .map(|b| b.row)
        .collect();
    let keep = |r: &usize| !later.contains(r);
    let mut cut = table.clone();
    cut.rows = (0..table.rows.len())
        .filter(keep)
        .map(|r| table.rows[r].clone())
        .collect();
    if table.places.len() == table.rows.len() {
        cut.places = (0..table.places.len())
            .filter(keep)
            .map(|r| table.places[r].clone())
            .collect();
    }
    Some(cut)
}
