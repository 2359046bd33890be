//! Currencies: each project's amounts stay in its own currency on its own page, and are
//! converted into the portfolio's currency, at the fixed rates site.toml gives, wherever
//! projects are added together (the `portfolio` table, department charts, the
//! dashboard). 600,000 CNY and 100,000 USD are never shown as 700,000 of anything: a
//! project whose currency has no rate stops the build, naming it.

use crate::config::CurrencySettings;
use crate::content::page::ProjectInfo;
use crate::derive::sanity::FrontMatter;
use crate::diagnostics::{Diagnostic, Problem};
use crate::site::Site;

/// A currency code as compared: `usd ` and `USD` are one currency.
fn code(text: &str) -> String {
    text.trim().to_ascii_uppercase()
}

/// The currency portfolio figures are shown in: site.toml's `[currency] portfolio`, else
/// the one currency all projects name (`None` when they name several, or none).
pub fn portfolio_currency(
    settings: &CurrencySettings,
    projects: &[&ProjectInfo],
) -> Option<String> {
    if let Some(portfolio) = &settings.portfolio {
        return Some(code(portfolio));
    }
    let mut named = projects
        .iter()
        .filter_map(|p| p.currency.as_deref())
        .map(code);
    let first = named.next()?;
    named.all(|c| c == first).then_some(first)
}

/// The site's projects, in slug order.
pub fn projects(site: &Site) -> Vec<&ProjectInfo> {
    site.projects
        .values()
        .filter_map(|&id| site.page(id).project())
        .collect()
}

/// [`portfolio_currency`] of the whole site.
pub fn of_site(site: &Site) -> Option<String> {
    portfolio_currency(&site.config.currency, &projects(site))
}

/// Units of `portfolio` per unit of the project's currency: 1 for the same currency (or
/// a project that names none, taken to be in the portfolio's), `None` without a rate.
pub fn rate(
    settings: &CurrencySettings,
    portfolio: Option<&str>,
    info: &ProjectInfo,
) -> Option<f64> {
    let Some(own) = info.currency.as_deref().map(code) else {
        return Some(1.0);
    };
    if portfolio.is_none_or(|p| p == own) {
        return Some(1.0);
    }
    settings
        .rates
        .iter()
        .find(|(k, _)| code(k) == own)
        .map(|(_, r)| *r)
}

/// Every project in a currency that cannot be converted: an error at its `currency`.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let settings = &site.config.currency;
    let portfolio = of_site(site);
    let mut out = Vec::new();
    for &id in site.projects.values() {
        let page = site.page(id);
        let Some(info) = page.project() else { continue };
        let Some(own) = info.currency.as_deref().map(code) else {
            continue;
        };
        let front = FrontMatter {
            path: &page.path,
            source: &page.source,
        };
        let problem = match &portfolio {
            None => Some((
                format!(
                    "project `{}` is in {own}, other projects in other currencies, and site.toml names no portfolio currency to add them up in",
                    info.slug
                ),
                format!("add to site.toml:\n[currency]\nportfolio = \"{own}\"\nrates = {{ XXX = 1.0 }}   # units of {own} per unit of each other currency"),
            )),
            Some(p) if rate(settings, Some(p), info).is_none() => Some((
                format!(
                    "project `{}` is in {own}, but site.toml gives no rate from {own} to the portfolio currency {p}",
                    info.slug
                ),
                format!("add `{own} = <{p} per {own}>` under [currency.rates] in site.toml, e.g. {own} = 7.1"),
            )),
            Some(_) => None,
        };
        if let Some((message, help)) = problem {
            let d = Diagnostic::error(Problem::Content(message))
                .at(front.location("currency"))
                .with_help(help);
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(currency: Option<&str>) -> ProjectInfo {
        ProjectInfo {
            currency: currency.map(str::to_string),
            ..ProjectInfo::for_tests()
        }
    }

    fn settings(portfolio: Option<&str>, rates: &[(&str, f64)]) -> CurrencySettings {
        CurrencySettings {
            portfolio: portfolio.map(str::to_string),
            rates: rates.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        }
    }

    #[test]
    fn the_portfolio_currency_is_declared_or_the_one_all_projects_share() {
        let (cny, usd, none) = (project(Some("CNY")), project(Some("usd")), project(None));
        let empty = settings(None, &[]);
        assert_eq!(
            portfolio_currency(&empty, &[&cny, &none]).as_deref(),
            Some("CNY")
        );
        assert_eq!(portfolio_currency(&empty, &[&cny, &usd]), None);
        let declared = settings(Some("cny"), &[]);
        assert_eq!(
            portfolio_currency(&declared, &[&cny, &usd]).as_deref(),
            Some("CNY")
        );
    }

    #[test]
    fn amounts_convert_at_the_declared_rate_and_never_without_one() {
        let s = settings(Some("CNY"), &[("USD", 7.1)]);
        assert_eq!(rate(&s, Some("CNY"), &project(Some("USD"))), Some(7.1));
        assert_eq!(rate(&s, Some("CNY"), &project(Some(" usd"))), Some(7.1));
        assert_eq!(rate(&s, Some("CNY"), &project(Some("CNY"))), Some(1.0));
        assert_eq!(rate(&s, Some("CNY"), &project(None)), Some(1.0));
        assert_eq!(rate(&s, Some("CNY"), &project(Some("EUR"))), None);
        // 600,000 CNY and 100,000 USD at 7.1: 1,310,000 CNY, not 700,000.
        let total = 600_000.0 * rate(&s, Some("CNY"), &project(Some("CNY"))).unwrap()
            + 100_000.0 * rate(&s, Some("CNY"), &project(Some("USD"))).unwrap();
        assert_eq!(total, 1_310_000.0);
    }
}
