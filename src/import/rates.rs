//! A project imported in a currency site.toml has no rate for: the build stops at it
//! (amounts in two currencies are never added as they are), so the import says so at
//! once, at the row's cell, with the lines of site.toml to add.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

/// The currencies met without a rate, each told once, at its first project's cell.
pub(super) struct Missing {
    /// `[currency] portfolio`, when site.toml names one.
    portfolio: Option<String>,
    /// The currency the site's projects use (or, on a site without projects, the first
    /// imported project's): with no portfolio currency named, another is one too many.
    usual: Option<String>,
    rates: Vec<String>,
    /// Rates by month in a table: the import does not read it.
    by_month: bool,
    told: BTreeMap<String, Diagnostic>,
}

impl Missing {
    pub fn new(config: &Config, usual: &str, site_has_projects: bool) -> Missing {
        Missing {
            portfolio: config.currency.portfolio.clone(),
            usual: site_has_projects.then(|| usual.to_string()),
            rates: config
                .currency
                .rates
                .keys()
                .map(|k| k.to_uppercase())
                .collect(),
            by_month: config.currency.rates_table.is_some(),
            told: BTreeMap::new(),
        }
    }

    /// A project written in `own`; `at` places a diagnostic at its currency's cell.
    pub fn note(&mut self, own: &str, at: impl FnOnce(Diagnostic) -> Diagnostic) {
        if self.by_month || self.told.contains_key(own) {
            return;
        }
        let warning = match &self.portfolio {
            Some(portfolio) if portfolio != own && !self.rates.iter().any(|r| r == own) => {
                Diagnostic::warning(Problem::Content(t!(
                    "the project is in {own}, but site.toml gives no rate from {own} to the portfolio currency {portfolio}: `pmo build` stops at every project in {own} until it has one",
                    own = own,
                    portfolio = portfolio.as_str()
                )))
                .with_help(t!(
                    "add under [currency.rates] in site.toml the line `{own} = ` and how many {portfolio} one {own} is worth",
                    own = own,
                    portfolio = portfolio.as_str()
                ))
            }
            Some(_) => return,
            None => {
                let usual = self.usual.get_or_insert_with(|| own.to_string()).clone();
                if usual == own {
                    return;
                }
                Diagnostic::warning(Problem::Content(t!(
                    "the project is in {own}, the site's other projects in {usual}, and site.toml names no portfolio currency to add them up in: `pmo build` stops at every project in {own} until it does",
                    own = own,
                    usual = usual.as_str()
                )))
                .with_help(t!(
                    "add to site.toml, with how many {usual} one {own} is worth after `{own} = `:\n[currency]\nportfolio = \"{usual}\"\n\n[currency.rates]\n{own} = ",
                    own = own,
                    usual = usual.as_str()
                ))
            }
        };
        self.told.insert(own.to_string(), at(warning));
    }

    pub fn warnings(self) -> Vec<Diagnostic> {
        self.told.into_values().collect()
    }
}
