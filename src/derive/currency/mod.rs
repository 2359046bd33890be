//! Currencies: each project's amounts stay in its own currency on its own page, and are
//! converted into the portfolio's currency wherever projects are added together (the
//! `portfolio` table, department charts, the dashboard). 600,000 CNY and 100,000 USD are
//! never shown as 700,000 of anything: a project whose currency has no rate stops the
//! build, naming it.
//!
//! Rates are fixed (`[currency] rates` in site.toml) or by month (`rates_table`: a table
//! under `data/` with a `period` column and one column per currency). A month's figure
//! uses the rate of that month, or of the latest month before it that has one, else the
//! fixed rate; cumulative totals as of a month are converted at that month's rate.

use crate::t;
use std::collections::BTreeMap;

use crate::config::CurrencySettings;
use crate::content::page::ProjectInfo;
use crate::data::Table;
use crate::derive::sanity::FrontMatter;
use crate::diagnostics::{Diagnostic, Problem};
use crate::site::Site;

mod rough;

/// A currency code as compared: `usd ` and `USD` are one currency, RMB and CNY too.
fn code(text: &str) -> String {
    crate::numbers::currency_code(text)
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

/// Whether some project's amounts are in another currency than the portfolio's, so
/// portfolio figures were converted: a single-currency site was told of rates in
/// site.toml it does not have.
pub fn converts(site: &Site) -> bool {
    let Some(portfolio) = of_site(site) else {
        return false;
    };
    projects(site)
        .iter()
        .filter_map(|p| p.currency.as_deref())
        .any(|c| code(c) != portfolio)
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

/// Every rate into the portfolio currency the site gives.
#[derive(Debug, Clone, Default)]
pub struct Rates {
    pub portfolio: Option<String>,
    fixed: BTreeMap<String, f64>,
    /// Currency → month (`YYYY-MM`) → rate.
    monthly: BTreeMap<String, BTreeMap<String, f64>>,
}

impl Rates {
    /// The site's rates, with the problems of its monthly rates table (each at its cell).
    pub fn of_site(site: &Site) -> (Rates, Vec<Diagnostic>) {
        let settings = &site.config.currency;
        let mut rates = Rates {
            portfolio: of_site(site),
            fixed: settings.rates.iter().map(|(k, v)| (code(k), *v)).collect(),
            monthly: BTreeMap::new(),
        };
        let mut problems = Vec::new();
        if let Some(name) = &settings.rates_table {
            match site.tables.get(name) {
                Some(table) => match monthly(table, rates.portfolio.as_deref(), &rates.fixed) {
                    Ok(m) => rates.monthly = m,
                    Err(p) => problems.extend(p),
                },
                None => problems.push(
                    site.config.at_key(Diagnostic::error(Problem::Config(t!("`rates_table = \"{name}\"` names no table: there is no data/{name}.csv (or .xlsx, .json, .toml, .yaml)", name = name))), "rates_table")
                    .with_help(t!("add the table under data/ (columns: period, then one per currency, e.g. period,USD,EUR), or fix the name")),
                ),
            }
        }
        (rates, problems)
    }

    /// Units of the portfolio currency per unit of the project's currency as of `period`
    /// (the latest rate when `None`): 1 for the same currency (or a project that names
    /// none, taken to be in the portfolio's), `None` without a rate.
    pub fn rate(&self, info: &ProjectInfo, period: Option<&str>) -> Option<f64> {
        let Some(own) = info.currency.as_deref().map(code) else {
            return Some(1.0);
        };
        if self.portfolio.as_deref().is_none_or(|p| p == own) {
            return Some(1.0);
        }
        let by_month = self.monthly.get(&own).and_then(|months| match period {
            Some(p) => months.range(..=p.to_string()).next_back(),
            None => months.iter().next_back(),
        });
        by_month
            .map(|(_, r)| *r)
            .or_else(|| self.fixed.get(&own).copied())
    }
}

/// A rates table: `period`, then one column per currency; an empty cell is no rate for
/// that month.
fn monthly(
    t: &Table,
    portfolio: Option<&str>,
    fixed: &BTreeMap<String, f64>,
) -> Result<BTreeMap<String, BTreeMap<String, f64>>, Vec<Diagnostic>> {
    let period = t.require(&["period"]).map_err(|d| vec![d])?[0];
    let mut out: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    let mut problems = Vec::new();
    // A column of the portfolio currency itself was read past without a word, while
    // the same rate in site.toml is an error.
    if let Some(col) = portfolio
        .and_then(|p| (0..t.columns.len()).find(|&c| c != period && code(&t.columns[c]) == p))
    {
        problems.push(t.error_at_top(
            t!(
                "the rates table has a column for {currency}, the portfolio currency itself, whose rate to itself is 1",
                currency = code(&t.columns[col])
            ),
            t!("remove the column: the rates table gives the other currencies' rates into the portfolio's"),
        ));
    }
    let mut first_row: BTreeMap<String, usize> = BTreeMap::new();
    for row in 0..t.rows.len() {
        let month = match t.month(row, period) {
            Ok(m) => m,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        // A month twice: the last row silently won, converting the month at a rate the
        // reader of the table would not take for it.
        if let Some(&first) = first_row.get(&month) {
            problems.push(t.bad_cell(
                row,
                period,
                t!(
                    "each month once, but `{period}` is also on {place}",
                    period = &month,
                    place = t.place_name(first, period)
                ),
                t!("keep the one row with the month's rates and delete the other"),
            ));
            continue;
        }
        first_row.insert(month.clone(), row);
        for col in (0..t.columns.len()).filter(|&c| c != period) {
            match t.number(row, col) {
                Ok(None) => {}
                Ok(Some(r)) if r.is_finite() && r > 0.0 => {
                    out.entry(code(&t.columns[col]))
                        .or_default()
                        .insert(month.clone(), r);
                }
                Ok(Some(_)) => problems.push(t.bad_cell(
                    row,
                    col,
                    t!("a positive rate"),
                    t!("write how many units of the portfolio currency one unit of this column's currency was worth that month, e.g. 7.1"),
                )),
                Err(d) => problems.push(d),
            }
        }
    }
    problems.extend(out_of_line(t, &out, &first_row));
    problems.extend(far_from_fixed(t, &out, &first_row, fixed));
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// How many times a month's rate may differ from both its neighbours': no currency moves
/// so far in a month, while a rate typed per 100 units or inverted (0.141 among 7.1) is
/// 50 times off.
const RATE_JUMP: f64 = 5.0;

/// A month whose rate is far from the months on both sides of it: read as written, it
/// would convert that month's amounts at a rate no one quoted.
fn out_of_line(
    t: &Table,
    rates: &BTreeMap<String, BTreeMap<String, f64>>,
    rows: &BTreeMap<String, usize>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (currency, months) in rates {
        let list: Vec<(&String, f64)> = months.iter().map(|(m, r)| (m, *r)).collect();
        let far = |a: f64, b: f64| a / b > RATE_JUMP || b / a > RATE_JUMP;
        let jump = list
            .windows(3)
            .find(|w| far(w[1].1, w[0].1) && far(w[1].1, w[2].1));
        let Some(w) = jump else { continue };
        let (Some(col), Some(&row)) = (
            (0..t.columns.len()).find(|&c| code(&t.columns[c]) == *currency),
            rows.get(w[1].0),
        ) else {
            continue;
        };
        out.push(t.bad_cell(
            row,
            col,
            t!("a rate in line with the months around it"),
            t!(
                "{currency} is {rate} in {month}, but {before} in {prev} and {after} in {next}: check for a rate quoted per 100 units or the wrong way round",
                currency = currency.as_str(),
                rate = w[1].1,
                month = w[1].0.as_str(),
                before = w[0].1,
                prev = w[0].0.as_str(),
                after = w[2].1,
                next = w[2].0.as_str()
            ),
        ));
    }
    out
}

/// How many times a month's rate may differ from the fixed rate site.toml gives the
/// same currency: a budget rate set at the start of the year is not a month's, but no
/// currency moves twenty times in a portfolio's life.
const RATE_FAR: f64 = 20.0;

/// A currency whose table rates are far from its fixed rate in site.toml, told at its
/// first such month: `"1,085"` (a decimal comma, USD per EUR) was read as 1085 beside
/// `EUR = 1.08`, and the dashboard showed every EUR project 1,000 times too large.
fn far_from_fixed(
    t: &Table,
    rates: &BTreeMap<String, BTreeMap<String, f64>>,
    rows: &BTreeMap<String, usize>,
    fixed: &BTreeMap<String, f64>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (currency, months) in rates {
        let Some(&set) = fixed.get(currency).filter(|f| **f > 0.0) else {
            continue;
        };
        let far = months
            .iter()
            .find(|(_, r)| **r / set > RATE_FAR || set / **r > RATE_FAR);
        let Some((month, rate)) = far else { continue };
        let (Some(col), Some(&row)) = (
            (0..t.columns.len()).find(|&c| code(&t.columns[c]) == *currency),
            rows.get(month),
        ) else {
            continue;
        };
        out.push(t.bad_cell(
            row,
            col,
            t!("a rate near the fixed rate site.toml gives"),
            t!(
                "{currency} is {rate} in {month} here, but {fixed} in site.toml's [currency] rates: check for a decimal comma read as a thousands separator (1,085 for 1.085), a rate quoted per 100 units or the wrong way round",
                currency = currency.as_str(),
                rate = *rate,
                month = month.as_str(),
                fixed = set
            ),
        ));
    }
    out
}

/// The problems of the rates table, and every project in a currency that cannot be
/// converted as of its last reported month: an error at its `currency`.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let (rates, mut out) = Rates::of_site(site);
    // Without a portfolio currency, the one most projects use is offered, and only the
    // projects in another are told: each had an error offering its own.
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    for info in projects(site) {
        if let Some(own) = info.currency.as_deref().map(code) {
            *used.entry(own).or_default() += 1;
        }
    }
    // A rate for what is no currency code and no project names (`DOLLAR = 7`) converts
    // nothing, unsaid: the projects it was meant for are in USD, or named otherwise.
    for key in site.config.currency.rates.keys() {
        let read = code(key);
        let is_code = read.len() == 3 && read.bytes().all(|b| b.is_ascii_uppercase());
        if !is_code && !used.contains_key(&read) {
            out.push(
                site.config.at_key(
                    Diagnostic::warning(Problem::Config(t!(
                        "`{key}` in `rates` is no currency code, and no project names it: its rate converts nothing",
                        key = key.as_str()
                    ))),
                    key,
                )
                .with_help(t!("write the currency's three-letter ISO 4217 code, as projects name it in `currency:` (USD, EUR, GBP …)")),
            );
        }
    }
    out.extend(rough_doubts(site).into_iter().map(|(_, d)| d));
    let likeliest = used
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(c, _)| c.clone())
        .unwrap_or_default();
    let others: Vec<&str> = used
        .keys()
        .filter(|c| **c != likeliest)
        .map(String::as_str)
        .collect();
    // A site whose amounts are in more than one currency: a project naming none is taken
    // to be in the portfolio's, which its author may never have meant.
    let several = used.len() > 1
        || !rates.fixed.is_empty()
        || !rates.monthly.is_empty()
        || rates
            .portfolio
            .as_ref()
            .is_some_and(|p| used.keys().any(|c| c != p));
    for &id in site.projects.values() {
        let page = site.page(id);
        let Some(info) = page.project() else { continue };
        let front = FrontMatter {
            path: &page.path,
            source: &page.source,
        };
        let Some(own) = info.currency.as_deref().map(code) else {
            // A project with no amounts at all (no BAC, no budget rows) has nothing a
            // currency would be the unit of.
            let amounts = info.bac.is_some()
                || site
                    .project_data
                    .get(&info.slug)
                    .is_some_and(|d| !d.budget.is_empty());
            if let Some(portfolio) = rates.portfolio.as_deref().filter(|_| several && amounts) {
                let field = if info.bac.is_some() { "bac" } else { "title" };
                out.push(unnamed_currency(&front, field, &info.slug, portfolio));
            }
            continue;
        };
        let last = site
            .project_data
            .get(&info.slug)
            .and_then(|d| d.budget.iter().map(|b| b.period.as_str()).max());
        let problem = match &rates.portfolio {
            None if own == likeliest => None,
            None => Some((
                t!(
                    "project `{project}` is in {own}, other projects in {likeliest}, and site.toml names no portfolio currency to add them up in",
                    project = &info.slug,
                    own = &own,
                    likeliest = &likeliest
                ),
                t!(
                    "add to site.toml, with the real rates:\n[currency]\nportfolio = \"{portfolio}\"\nrates = {{ {rates} }}   # units of {portfolio} per unit of each",
                    portfolio = &likeliest,
                    rates = others
                        .iter()
                        .map(|c| format!("{c} = 1.0"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
            Some(p) if rates.rate(info, last).is_none() => Some((
                // No rate for the currency in any month: naming the last month would send
                // the reader to look for a month's rate.
                match last.filter(|_| rates.rate(info, None).is_some()) {
                    Some(month) => t!(
                        "project `{project}` is in {own}, but site.toml gives no rate from {own} to the portfolio currency {portfolio} for {month}",
                        project = &info.slug,
                        own = &own,
                        portfolio = p,
                        month = month
                    ),
                    None => t!(
                        "project `{project}` is in {own}, but site.toml gives no rate from {own} to the portfolio currency {portfolio}",
                        project = &info.slug,
                        own = &own,
                        portfolio = p
                    ),
                },
                t!("under [currency.rates] in site.toml, add a line `{key} = ` and how many {portfolio} one {own} is worth (or a column {own} in the rates table)", key = toml_key(&own), own = &own, portfolio = p),
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

/// Each fixed rate far from its currency's rough rate, by currency code, with what is
/// said of it: an error when it looks the wrong way round, else a warning, and then
/// every figure converted with it is in doubt (`derive::doubts`).
pub fn rough_doubts(site: &Site) -> Vec<(String, Diagnostic)> {
    let Some(portfolio) = of_site(site) else {
        return Vec::new();
    };
    site.config
        .currency
        .rates
        .iter()
        .filter_map(|(key, &fixed)| {
            far_from_rough(site, key, fixed, &portfolio).map(|d| (code(key), d))
        })
        .collect()
}

/// What is said of a fixed rate far from the currency's rough rate in `portfolio`
/// ([`rough`]). Typed the wrong way round (`USD = 0.141` where a dollar is 7.1 yuan),
/// it shrank every USD project fifty times in the portfolio's figures: only warned, the
/// dashboard showed a BAC of 47,940 for 2,414,000 unmarked (the eighth walk-through),
/// so a rate recognised as inverted is refused.
fn far_from_rough(site: &Site, key: &str, fixed: f64, portfolio: &str) -> Option<Diagnostic> {
    let currency = code(key);
    let doubt = rough::doubt(&currency, portfolio, fixed)?;
    let about = rough::rate(&currency, portfolio)?;
    let written = format!("{key} = {fixed}");
    let (message, help) = match doubt {
        rough::Doubt::Inverted => (
            t!(
                "`{written}` looks the wrong way round: one {currency} is worth roughly {about} {portfolio} (pmo's rough rate), and {fixed} is about how many {currency} one {portfolio} is worth; every {currency} amount would be added into the portfolio's figures at {share} its worth",
                written = written.as_str(),
                currency = currency.as_str(),
                about = significant(about),
                portfolio = portfolio,
                fixed = fixed,
                share = share(fixed, about)
            ),
            t!(
                "a rate is how many {portfolio} one {currency} is worth ({portfolio} per 1 {currency}): write `{key} = {inverse}` (1/{fixed})",
                portfolio = portfolio,
                currency = currency.as_str(),
                key = key,
                inverse = significant(1.0 / fixed),
                fixed = fixed
            ),
        ),
        rough::Doubt::Far => (
            t!(
                "`{written}` is {share} pmo's rough rate, one {currency} for about {about} {portfolio}: every {currency} amount would be added into the portfolio's figures as far off",
                written = written.as_str(),
                share = share(fixed, about),
                currency = currency.as_str(),
                about = significant(about),
                portfolio = portfolio
            ),
            t!(
                "write how many {portfolio} one {currency} is worth, not per 100 or 1,000 units; pmo's rough rates doubt only a rate {tolerance} times off or more, so if this one is right the warning can be ignored",
                portfolio = portfolio,
                currency = currency.as_str(),
                tolerance = rough::TOLERANCE
            ),
        ),
    };
    let said = match doubt {
        rough::Doubt::Inverted => Diagnostic::error(Problem::Config(message)),
        rough::Doubt::Far => Diagnostic::warning(Problem::Config(message)),
    };
    Some(site.config.at_key(said, key).with_help(help))
}

/// How `fixed` compares with `about`: "50 times", "about 1/50 of".
fn share(fixed: f64, about: f64) -> crate::messages::Text {
    if fixed > about {
        t!("{times} times", times = format!("{:.0}", fixed / about))
    } else {
        t!(
            "about 1/{times} of",
            times = format!("{:.0}", about / fixed)
        )
    }
}

/// `x` to three significant digits: 7.09, 0.141, 0.00671.
fn significant(x: f64) -> String {
    let digits = (2 - x.abs().log10().floor() as i32).max(0) as usize;
    format!("{x:.digits$}")
}

/// The warning for project `slug`, naming no currency in a site of several, whose
/// amounts are taken to be in `portfolio`; at `field`, its BAC when it has one.
fn unnamed_currency(front: &FrontMatter, field: &str, slug: &str, portfolio: &str) -> Diagnostic {
    Diagnostic::warning(Problem::Content(t!(
        "project `{project}` names no currency: its amounts are taken to be in {portfolio}, the portfolio's, and added up as such",
        project = slug,
        portfolio = portfolio
    )))
    .at(front.location(field))
    .with_help(t!("write the currency of its budget in index.md, e.g. `currency: {portfolio}`", portfolio = portfolio))
}

/// `code` as a site.toml key: bare when TOML takes it so, else quoted (`"$"`), so the
/// line the help shows can be pasted as it is.
fn toml_key(code: &str) -> String {
    if !code.is_empty()
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
    {
        code.to_string()
    } else {
        format!("{code:?}")
    }
}

#[cfg(test)]
mod tests;
