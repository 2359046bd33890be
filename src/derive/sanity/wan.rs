//! A project's `bac` that reads as 万元 among the site's projects in 元: `bac: 320` (and
//! a budget table of 100, 100, 120) beside projects of millions. Each figure of its own
//! agrees with the others, so no check of the project alone doubts it, while its page
//! shows a budget ten thousand times too small and the portfolio's sums leave it out
//! but for a rounding error (the twenty-first malformed hunt). `pmo import projects`
//! asks the same of an imported list's budget column ([`crate::units::reads_as_wan`]).

use super::Project;
use crate::diagnostics::Diagnostic;
use crate::numbers::{format_amount, format_number};
use crate::t;

/// Each project's `bac` with its currency as a code, to weigh one against the rest.
pub(super) struct Budgets(Vec<(String, String, f64)>);

impl Budgets {
    /// The site's projects' `bac`s over 0, each in its own currency or the portfolio's.
    pub(super) fn of(site: &crate::site::Site, portfolio: Option<&str>) -> Budgets {
        let budgets = site
            .projects
            .values()
            .filter_map(|&id| site.page(id).project())
            .filter_map(|info| {
                let bac = info.meta.bac.filter(|b| *b > 0.0)?;
                let currency = currency(info, portfolio);
                Some((info.slug.clone(), currency, bac))
            })
            .collect();
        Budgets(budgets)
    }

    /// The other projects' budgets in `currency`.
    fn others(&self, slug: &str, currency: &str) -> Vec<f64> {
        self.0
            .iter()
            .filter(|(s, c, _)| s != slug && c == currency)
            .map(|&(_, _, bac)| bac)
            .collect()
    }
}

/// The currency `info`'s amounts are in, as a code (empty when neither it nor the
/// portfolio names one: all such projects are weighed together).
fn currency(info: &crate::content::page::ProjectInfo, portfolio: Option<&str>) -> String {
    info.meta
        .currency
        .as_deref()
        .or(portfolio)
        .map(crate::numbers::currency_code)
        .unwrap_or_default()
}

/// The warning for `p`'s `bac` under 10,000 while most of the site's other projects in
/// its currency have 10,000 or more, their middle one a thousand times `p`'s or more.
pub(super) fn bac_in_wan(p: &Project, budgets: &Budgets) -> Option<Diagnostic> {
    let bac = p.info.meta.bac.filter(|b| *b > 0.0)?;
    let currency = currency(p.info, p.portfolio_currency);
    let others = budgets.others(&p.info.slug, &currency);
    if !crate::units::reads_as_wan(&[bac], &others) {
        return None;
    }
    let wan = crate::units::scale_exactly(bac, 10_000)?;
    let shown = if currency.is_empty() {
        String::new()
    } else {
        format!(" {currency}")
    };
    Some(p.front.warn(
        "bac",
        t!(
            "`bac` is {bac}{currency}, while the site's {count} other projects' budgets are mostly 10,000 or more (median {median}): if it is in 万元, it is {wan}{currency}, and the page and the portfolio's sums show it ten thousand times too small",
            bac = format_number(bac),
            currency = &shown,
            count = others.len(),
            median = format_amount(crate::units::median(&others)),
            wan = format_amount(wan)
        ),
        t!(
            "pmo reads every amount in the currency's own units: if the budget is in 万元, write `bac: {wan}` and the budget table's amounts in full too; if {bac} is right, leave it",
            wan = format!("{wan:.0}"),
            bac = format_number(bac)
        ),
    ))
}
