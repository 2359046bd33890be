//! The tables of site.toml below its top-level keys, each with the defaults a site gets
//! when it leaves them out.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use super::key_place;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::t;

/// How a budget table's amounts are written. Per period is the default; a table of
/// running totals must say so, because summing running totals as if they were per-period
/// amounts overstates every figure without looking wrong.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// Each row holds the amounts of its own period.
    #[default]
    Period,
    /// Each row holds the running total up to and including its period.
    Cumulative,
}

/// The UI language of the site. Content may mix languages; this picks the UI strings,
/// date format and `lang` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, schemars::JsonSchema)]
pub enum Language {
    /// Also taken as the other usual spellings of Simplified Chinese (`pmo init --lang
    /// zh` names it `zh`).
    #[default]
    #[serde(
        rename = "zh-CN",
        alias = "zh",
        alias = "zh-cn",
        alias = "zh_CN",
        alias = "zh-Hans"
    )]
    ZhCn,
    #[serde(rename = "en", alias = "en-US", alias = "en-GB", alias = "EN")]
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }
}

/// RAG thresholds for cost (CPI) and schedule (SPI) performance: at or above `green` is
/// green, at or above `amber` is amber, below is red.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    pub cpi_green: f64,
    pub cpi_amber: f64,
    pub spi_green: f64,
    pub spi_amber: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            cpi_green: 0.95,
            cpi_amber: 0.85,
            spi_green: 0.95,
            spi_amber: 0.85,
        }
    }
}

/// The highest CPI or SPI threshold that means anything: a project earning twice its
/// cost is far beyond any green line a PMO draws.
const MAX_THRESHOLD: f64 = 2.0;

impl Thresholds {
    /// Refuses thresholds that would grade every project wrongly: NaN or infinite
    /// values (TOML allows `nan` and `inf`), and amber above green (nothing could be
    /// amber). Errors point at the key's line in site.toml.
    pub(super) fn check(&self, path: &Path, source: &Arc<str>) -> Result<(), Diagnostic> {
        let values = [
            ("cpi_green", self.cpi_green),
            ("cpi_amber", self.cpi_amber),
            ("spi_green", self.spi_green),
            ("spi_amber", self.spi_amber),
        ];
        for (key, value) in values {
            if !value.is_finite() {
                let (line, value_at) = key_place(source, key);
                return Err(Diagnostic::error(Problem::Config(t!(
                    "`{key}` is not a finite number",
                    key = key
                )))
                .at(Location::new(
                    path,
                    source,
                    value_at,
                    source[value_at..].find('\n').unwrap_or(0),
                ))
                .with_help(t!(
                    "thresholds are ratios such as 0.95 (line {line})",
                    line = line
                )));
            }
            // CPI and SPI are ratios near 1: `cpi_green = 95` (a percentage) would grade
            // every project red, and show it as right.
            if !(0.0..=MAX_THRESHOLD).contains(&value) {
                let (_, value_at) = key_place(source, key);
                let help = if value > MAX_THRESHOLD && value <= 200.0 {
                    t!(
                        "it reads like a percentage: write it as a ratio, `{key} = {ratio}`",
                        key = key,
                        ratio = value / 100.0
                    )
                } else {
                    t!("thresholds are ratios such as 0.95: CPI and SPI are 1 on plan")
                };
                return Err(Diagnostic::error(Problem::Config(t!(
                    "`{key}` is {value}, but CPI and SPI thresholds lie from 0 up to {max}",
                    key = key,
                    value = value,
                    max = MAX_THRESHOLD
                )))
                .at(Location::new(
                    path,
                    source,
                    value_at,
                    source[value_at..].find('\n').unwrap_or(0),
                ))
                .with_help(help));
            }
        }
        for (index, green, amber) in [
            ("cpi", self.cpi_green, self.cpi_amber),
            ("spi", self.spi_green, self.spi_amber),
        ] {
            if amber > green {
                let key = format!("{index}_amber");
                let (_, value_at) = key_place(source, &key);
                let line_start = source[..value_at].rfind('\n').map_or(0, |i| i + 1);
                return Err(Diagnostic::error(Problem::Config(t!("`{key}` ({amber}) is above `{index}_green` ({green}), so no project could be amber", key = &key, amber = amber, index = index, green = green)))
                .at(Location::new(path, source, line_start, key.len()))
                .with_help(t!("amber is the lower bound: e.g. {index}_green = 0.95 and {index}_amber = 0.85", index = index)));
            }
        }
        Ok(())
    }
}

/// How budgets are read and checked site-wide (`[budget]` in site.toml).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct BudgetSettings {
    /// How budget tables write their amounts, unless a project's front matter says
    /// otherwise: `period` (each row the period's own amounts) or `cumulative`.
    pub basis: Basis,
    /// How far the sum of planned values may stray from a project's BAC, as a share of
    /// the BAC, before a warning says so: 0.01 is 1 %. Plans are often rounded to
    /// thousands; a larger gap is a plan that does not add up to its budget.
    pub tolerance: f64,
}

impl Default for BudgetSettings {
    fn default() -> Self {
        BudgetSettings {
            basis: Basis::Period,
            tolerance: 0.01,
        }
    }
}

/// The portfolio's currency and the fixed rates into it (`[currency]` in site.toml).
/// Amounts in different currencies are never added as they are: a project in another
/// currency needs a rate, or the build stops naming it.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CurrencySettings {
    /// The currency of portfolio totals, department charts and the dashboard, e.g.
    /// `CNY`. Left out, it is the one currency all projects use.
    pub portfolio: Option<String>,
    /// Units of the portfolio currency per unit of another: `USD = 7.1` when one US
    /// dollar is 7.1 yuan.
    pub rates: std::collections::BTreeMap<String, f64>,
    /// A table under `data/` of rates by month (`period`, then a column per currency),
    /// e.g. `rates_table = "rates"` for `data/rates.csv`; it wins over `rates` for the
    /// months it covers.
    pub rates_table: Option<String>,
}

/// When the hygiene checks call something stale (`[hygiene]`).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct HygieneSettings {
    /// A practice without `review_by` is stale this many months after its `date`.
    pub practice_max_age_months: i32,
    /// An active project whose last reported period is more than this many months
    /// before the as-of date has stopped reporting.
    pub data_stale_months: i32,
    /// A draft older than this many days is listed.
    pub draft_max_age_days: i32,
    /// Publish the `hygiene/` page (the report is there either way).
    pub page: bool,
}

impl Default for HygieneSettings {
    fn default() -> Self {
        HygieneSettings {
            practice_max_age_months: 24,
            data_stale_months: 3,
            draft_max_age_days: 30,
            page: true,
        }
    }
}

/// Fields kept from lower audiences on pages they otherwise see (`[restrict]`).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Restrict {
    /// The lowest audience that sees amounts: BAC, budget tables, the EVM figures and
    /// status computed from them, department totals. Below it projects show their
    /// status, milestones, risks and lessons without a figure of money.
    pub money: Option<String>,
    /// Other tables that hold amounts, kept from the same audiences: a table under
    /// `data/` by name (`department-costs`), or a table name of project folders
    /// (`costs` for every `projects/<slug>/costs.*`).
    pub money_tables: Vec<String>,
}
