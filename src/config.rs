//! `site.toml`: the few settings a PMO changes, all checked strictly so that a typo
//! (`paginte = 10`) is an error rather than a silently ignored line.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::Text;
use crate::suggest::did_you_mean;
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
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
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

impl Thresholds {
    /// Refuses thresholds that would grade every project wrongly: NaN or infinite
    /// values (TOML allows `nan` and `inf`), and amber above green (nothing could be
    /// amber). Errors point at the key's line in site.toml.
    fn check(&self, path: &Path, source: &Arc<str>) -> Result<(), Diagnostic> {
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

impl Config {
    /// `d` placed at `key = …` in site.toml (a bare or quoted key, in any table), for a
    /// problem found after the file was read; at the file alone when the key is not
    /// written there (a default is in force).
    pub fn at_key(&self, d: Diagnostic, key: &str) -> Diagnostic {
        let path = Path::new("site.toml");
        let mut offset = 0;
        for line in self.source.split_inclusive('\n') {
            let indent = line.len() - line.trim_start().len();
            let written = line.trim_start();
            let quote = written.chars().next().filter(|c| matches!(c, '"' | '\''));
            let rest = match quote {
                Some(q) => written[1..]
                    .strip_prefix(key)
                    .and_then(|r| r.strip_prefix(q)),
                None => written.strip_prefix(key),
            };
            if rest.is_some_and(|r| r.trim_start().starts_with('=')) {
                let at = offset + indent + usize::from(quote.is_some());
                return d.at(Location::new(path, &self.source, at, key.len()));
            }
            offset += line.len();
        }
        d.in_file(path)
    }
}

/// The line number and value offset of `key = …` in site.toml (the end of the text if
/// the key is not written, i.e. a default is in force).
fn key_place(source: &str, key: &str) -> (usize, usize) {
    let mut offset = 0;
    for (n, line) in source.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            if let Some(value) = rest.trim_start().strip_prefix('=') {
                let value_at = line.len() - value.trim_start().len();
                return (n + 1, offset + value_at);
            }
        }
        offset += line.len();
    }
    (source.lines().count(), source.len())
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

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Absolute URL of the published site; used only where absolute URLs are required
    /// (feed, sitemap, canonical links). Page links are relative, so the site works
    /// under any base path and from a file share.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default)]
    pub language: Language,
    /// Items per page in paginated lists (lessons register, term pages).
    #[serde(default = "default_paginate")]
    pub paginate: usize,
    /// Keep raw HTML in Markdown as written. Off by default: content comes from many
    /// authors, so raw HTML is sanitized.
    #[serde(default)]
    pub trust_html: bool,
    /// Theme folder name under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Number of entries in the Atom feed.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    #[serde(default)]
    pub thresholds: Thresholds,
    #[serde(default)]
    pub budget: BudgetSettings,
    #[serde(default)]
    pub currency: CurrencySettings,
    /// Build the client-side search index and show the search box. On by default: a
    /// portal is read by searching it; `search = false` leaves out the index, the box and
    /// the results page (a site that embeds another search, or a tiny one).
    #[serde(default = "default_search")]
    pub search: bool,
    /// The site's own words (product names, internal terms: `主数据`, `北斗`) that search
    /// should weigh as whole words in titles and headings, beside the built-in PMO
    /// glossary (`search::glossary`).
    #[serde(default)]
    pub search_words: Vec<String>,
    /// Who reads the portal, lowest first (`["public", "internal", "pmo"]`): each
    /// audience gets a build of its own holding only what it may see, since a static
    /// site cannot ask who is reading. Left out, there is one site with everything.
    #[serde(default)]
    pub audiences: Vec<String>,
    /// The audience of a folder under `content/` and everything in it, unless a page or
    /// an `_index.md` below says otherwise: `projects = "internal"`.
    #[serde(default)]
    pub audience_defaults: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub restrict: Restrict,
    /// The day the site is built as of (`2025-06-30`): what is overdue is counted against
    /// it. Left out, the day of the build; set it (or `--as-of`) for a report that must
    /// read the same whenever it is rebuilt.
    pub as_of: Option<Date>,
    #[serde(default)]
    pub hygiene: HygieneSettings,
    /// The text of site.toml, to place the errors found after it was read (a folder or
    /// table a key names that does not exist) at their line.
    #[serde(skip)]
    #[schemars(skip)]
    source: Arc<str>,
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

const FIELDS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "paginate",
    "trust_html",
    "theme",
    "feed_limit",
    "thresholds",
    "search",
    "budget",
    "basis",
    "tolerance",
    "currency",
    "portfolio",
    "rates",
    "rates_table",
    "search_words",
    "audiences",
    "audience_defaults",
    "restrict",
    "money",
    "money_tables",
    "hygiene",
    "practice_max_age_months",
    "data_stale_months",
    "draft_max_age_days",
    "page",
    "as_of",
    "cpi_green",
    "cpi_amber",
    "spi_green",
    "spi_amber",
];

fn default_base_url() -> String {
    "http://localhost/".to_string()
}
fn default_paginate() -> usize {
    20
}
fn default_theme() -> String {
    "default".to_string()
}
fn default_feed_limit() -> usize {
    20
}
fn default_search() -> bool {
    true
}

impl Config {
    /// The day the site is built as of. A build settles it once, when it loads the
    /// configuration (`--as-of`, else `as_of`, else today), so every page counts from
    /// the same day; today is only the fallback of a configuration read outside a build.
    pub fn as_of(&self) -> Date {
        self.as_of.unwrap_or_else(Date::today)
    }

    /// Reads and checks `site.toml`. Errors point at the offending key.
    pub fn load(path: &Path) -> Result<Config, Diagnostic> {
        if !path.is_file() {
            return Err(Diagnostic::error(Problem::Config(t!("there is no site.toml")))
                .in_file(path)
                .with_help(t!("run the command in the folder that holds site.toml, or pass --root DIR (`pmo init DIR` makes a new site)")));
        }
        let text = crate::source::read_text(path, path)?;
        Config::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config, Diagnostic> {
        let source: Arc<str> = Arc::from(text);
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let (offset, len) = e.span().map_or((0, 0), |r| (r.start, r.len()));
            let message = e.message().to_string();
            let help = unknown_key_help(&message, text, offset);
            if let (None, Some(x)) = (&help, crate::syntax::toml(&message, text, offset)) {
                let (offset, len) = x.at.map_or((offset, len), |at| (at, 1));
                return Diagnostic::error(Problem::Config(x.problem))
                    .at(Location::new(path, &source, offset, len))
                    .with_help(x.help);
            }
            let help = help.or_else(|| example_help(text, offset));
            let mut d = Diagnostic::error(Problem::Config(crate::messages::library(&message)))
                .at(Location::new(path, &source, offset, len));
            if let Some(help) = help {
                d = d.with_help(help);
            }
            d
        })?;
        config.source = source.clone();
        if config.paginate == 0 {
            return Err(
                Diagnostic::error(Problem::Config(t!("`paginate` must be at least 1")))
                    .at(Location::new(
                        path,
                        &source,
                        text.find("paginate").unwrap_or(0),
                        8,
                    ))
                    .with_help(t!("set `paginate = 20` or another positive number")),
            );
        }
        config.thresholds.check(path, &source)?;
        let tolerance = config.budget.tolerance;
        if !(0.0..1.0).contains(&tolerance) {
            let (_, value_at) = key_place(text, "tolerance");
            return Err(Diagnostic::error(Problem::Config(t!("`tolerance` is {tolerance}, expected a share from 0 up to (not including) 1", tolerance = tolerance)))
            .at(Location::new(path, &source, value_at, 0))
            .with_help(t!("write the allowed gap between the planned values and the BAC as a share, e.g. tolerance = 0.01 for 1 %")));
        }
        for (code, rate) in &config.currency.rates {
            if !(rate.is_finite() && *rate > 0.0) {
                let (_, value_at) = key_place(text, code);
                return Err(Diagnostic::error(Problem::Config(t!("the rate of `{code}` is {rate}, expected a positive number", code = code, rate = rate)))
                .at(Location::new(path, &source, value_at, 0))
                .with_help(t!("write how many units of the portfolio currency one {code} is worth, e.g. {code} = 7.1", code = code)));
            }
        }
        let at = |key: &str| {
            let (_, value_at) = key_place(text, key);
            let line_start = text[..value_at].rfind('\n').map_or(0, |i| i + 1);
            let indent = text[line_start..].len() - text[line_start..].trim_start().len();
            Location::new(path, &source, line_start + indent, key.len())
        };
        if crate::slugs::is_blank(&config.title) {
            return Err(Diagnostic::error(Problem::Config(t!("the site's title is empty")))
                .at(at("title"))
                .with_help(t!("every page's title and header show it: write the portal's name, e.g. title = \"PMO 知识门户\"")));
        }
        if let Err(why) = check_base_url(&config.base_url) {
            return Err(Diagnostic::error(Problem::Config(why))
                .at(at("base_url"))
                .with_help(t!("write the address the portal is published at, e.g. base_url = \"https://intranet.example.com/pmo/\"")));
        }
        if let Err(why) = check_theme_name(&config.theme) {
            return Err(Diagnostic::error(Problem::Config(why))
                .at(at("theme"))
                .with_help(t!("name a folder under themes/ (e.g. theme = \"corporate\" for themes/corporate/), or leave `theme` out for the built-in theme")));
        }
        let themes = path.parent().unwrap_or(Path::new("")).join("themes");
        if config.theme != "default" && !themes.join(&config.theme).is_dir() {
            return Err(Diagnostic::error(Problem::Config(t!(
                "theme `{theme}` not found: there is no folder themes/{theme}/",
                theme = &config.theme
            )))
            .at(at("theme"))
            .with_help(t!(
                "create the folder, fix the name, or leave `theme` out for the built-in theme"
            )));
        }
        check_audiences(&config, path, &source)?;
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        Ok(config)
    }

    /// The path part of `base_url` (`/pmo/`), for pages that cannot use relative links.
    pub fn base_path(&self) -> String {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, rest)| rest);
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_string(),
            None => "/".to_string(),
        }
    }
}

/// Audience names must be declared once each, and every name used in site.toml must be
/// one of them: a misspelt audience would otherwise hide, or publish, a whole folder.
fn check_audiences(config: &Config, path: &Path, source: &Arc<str>) -> Result<(), Diagnostic> {
    // The `nth` time `"name"` is written (0 for the first): a name declared twice is
    // told at its second writing, the one to delete.
    let quoted_nth = |name: &str, nth: usize| {
        let offset = source
            .match_indices(&format!("\"{name}\""))
            .nth(nth)
            .map_or(0, |(i, _)| i + 1);
        Location::new(path, source, offset, name.len())
    };
    let quoted_at = |name: &str| quoted_nth(name, 0);
    let declared: Vec<&str> = config.audiences.iter().map(String::as_str).collect();
    for (i, name) in declared.iter().enumerate() {
        let plain = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'));
        if !plain || declared[..i].contains(name) {
            return Err(Diagnostic::error(Problem::Config(t!(
                "`{name}` cannot be an audience: names must be unique and made of letters, digits, `-` and `_`",
                name = *name
            )))
            .at(quoted_nth(name, declared[..i].iter().filter(|n| *n == name).count()))
            .with_help(t!("list each audience once, lowest first, e.g. audiences = [\"public\", \"internal\", \"pmo\"]; each becomes a folder name of --all-audiences")));
        }
    }
    let used = config
        .audience_defaults
        .values()
        .chain(config.restrict.money.as_ref());
    for name in used {
        if declared.contains(&name.as_str()) {
            continue;
        }
        let help = unknown_audience_help(name, &declared);
        return Err(Diagnostic::error(Problem::Config(t!(
            "there is no audience `{name}`",
            name = name
        )))
        .at(quoted_at(name))
        .with_help(help));
    }
    Ok(())
}

/// How to fix a name that is not one of the `declared` audiences.
pub fn unknown_audience_help(name: &str, declared: &[&str]) -> Text {
    if declared.is_empty() {
        return t!("declare the audiences in site.toml first, lowest first, e.g. audiences = [\"public\", \"internal\", \"pmo\"]");
    }
    match did_you_mean(name, declared) {
        Some(s) => t!(
            "did you mean `{s}`? The audiences are: {all}",
            s = s,
            all = declared.join(", ")
        ),
        None => t!("the audiences are: {all}", all = declared.join(", ")),
    }
}

/// A base URL must be an absolute http(s) or file address: it is written into the feed,
/// the sitemap and canonical links, where a `javascript:` one would run.
pub fn check_base_url(url: &str) -> Result<(), Text> {
    let lower = url.to_ascii_lowercase();
    let rest = ["https://", "http://", "file://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme));
    let Some(rest) = rest else {
        return Err(t!(
            "base_url `{url}` is not a web or file address: it must start with https://, http:// or file://",
            url = url
        ));
    };
    let host = rest.split('/').next().unwrap_or("");
    let bad = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'));
    if let Some(c) = bad {
        return Err(t!(
            "base_url `{url}` holds {c}, which no address may",
            url = url,
            c = format!("{c:?}")
        ));
    }
    if url.contains(['?', '#']) {
        return Err(t!(
            "base_url `{url}` has a query or a fragment (`?`, `#`): every address of the site would be written after it",
            url = url
        ));
    }
    if host.is_empty() && !lower.starts_with("file://") {
        return Err(t!("base_url `{url}` names no host", url = url));
    }
    Ok(())
}

/// A theme is a folder name under `themes/`: never a path that leads elsewhere.
fn check_theme_name(name: &str) -> Result<(), Text> {
    let plain = !name.is_empty()
        && name != "."
        && name != ".."
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if plain {
        Ok(())
    } else {
        Err(t!(
            "theme `{name}` is not a folder name: themes live in themes/<name>/ under the site",
            name = name
        ))
    }
}

/// Where each key of a site.toml table belongs (the rest are top-level keys).
const TABLE_OF: &[(&str, &str)] = &[
    ("cpi_green", "thresholds"),
    ("cpi_amber", "thresholds"),
    ("spi_green", "thresholds"),
    ("spi_amber", "thresholds"),
    ("basis", "budget"),
    ("tolerance", "budget"),
    ("portfolio", "currency"),
    ("rates", "currency"),
    ("rates_table", "currency"),
    ("money", "restrict"),
    ("money_tables", "restrict"),
    ("practice_max_age_months", "hygiene"),
    ("data_stale_months", "hygiene"),
    ("draft_max_age_days", "hygiene"),
];

/// A value each site.toml key takes, as it is written: the help for a value of the
/// wrong kind (`paginate = "20"`, `search = "yes"`), which the parser names but does not
/// show.
const EXAMPLES: &[(&str, &str)] = &[
    ("title", "\"PMO 知识门户\""),
    ("description", "\"项目管理办公室的最佳实践与经验教训\""),
    ("base_url", "\"https://intranet.example.com/pmo/\""),
    ("language", "\"zh-CN\""),
    ("paginate", "20"),
    ("trust_html", "false"),
    ("theme", "\"default\""),
    ("feed_limit", "20"),
    ("search", "true"),
    ("search_words", "[\"主数据\", \"北斗\"]"),
    ("audiences", "[\"public\", \"internal\", \"pmo\"]"),
    ("as_of", "2025-06-30"),
    ("cpi_green", "0.95"),
    ("cpi_amber", "0.85"),
    ("spi_green", "0.95"),
    ("spi_amber", "0.85"),
    ("basis", "\"cumulative\""),
    ("tolerance", "0.01"),
    ("portfolio", "\"CNY\""),
    ("rates_table", "\"rates\""),
    ("money", "\"internal\""),
    ("money_tables", "[\"costs\"]"),
    ("practice_max_age_months", "24"),
    ("data_stale_months", "3"),
    ("draft_max_age_days", "30"),
    ("page", "true"),
];

/// The help for a bad value at `offset`: its key's line written right, when the key is
/// one of site.toml's own.
fn example_help(text: &str, offset: usize) -> Option<Text> {
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let key = text[start..].split('=').next()?.trim();
    let (key, example) = EXAMPLES.iter().find(|(k, _)| *k == key)?;
    Some(t!(
        "write it like `{key} = {example}`",
        key = *key,
        example = *example
    ))
}

/// The `[table]` whose header is the last before `offset` in `text`, if any: its name
/// alone, without the brackets or a comment after them (`[thresholds]  # RAG`).
fn table_at(text: &str, offset: usize) -> Option<&str> {
    text.get(..offset)?
        .lines()
        .rev()
        .map(str::trim)
        .find(|line| line.starts_with('['))
        .map(|line| {
            let name = line.trim_start_matches('[');
            name[..name.find(']').unwrap_or(name.len())].trim()
        })
}

/// The help for an unknown key. A key that is right but in the wrong place — a
/// top-level key appended at the end of the file, so under the last `[table]`, or a
/// table's key written at the top — is told where it goes; "did you mean" would
/// suggest the very name written.
fn unknown_key_help(message: &str, text: &str, offset: usize) -> Option<Text> {
    let field = message.strip_prefix("unknown field `")?.split('`').next()?;
    let table = table_at(text, offset);
    if let Some(&(_, home)) = TABLE_OF.iter().find(|(key, _)| *key == field) {
        if table != Some(home) {
            return Some(t!(
                "`{field}` belongs under `[{table}]`: move the line below that header (write the header if the file has none)",
                field = field,
                table = home
            ));
        }
    } else if FIELDS.contains(&field) {
        if let Some(table) = table {
            return Some(t!(
                "`{field}` is a top-level key, but here it is read as part of `[{table}]` (every line after a `[…]` header belongs to it): move it above the first `[…]` header",
                field = field,
                table = table
            ));
        }
    }
    Some(match did_you_mean(field, FIELDS) {
        Some(s) => t!("did you mean `{s}`?", s = s),
        None => t!("known keys: {keys}", keys = FIELDS[..9].join(", ")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_the_optional_keys() {
        let c = Config::parse(Path::new("site.toml"), "title = \"门户\"\n").unwrap();
        assert_eq!(c.language, Language::ZhCn);
        assert_eq!(c.paginate, 20);
        assert!(!c.trust_html);
        assert_eq!(c.thresholds.cpi_green, 0.95);
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn base_path_is_taken_from_base_url() {
        let c = Config::parse(
            Path::new("site.toml"),
            "title = \"x\"\nbase_url = \"http://intranet/pmo\"\n",
        )
        .unwrap();
        assert_eq!(c.base_url, "http://intranet/pmo/");
        assert_eq!(c.base_path(), "/pmo/");
    }

    #[test]
    fn unknown_key_is_an_error_with_a_suggestion() {
        let err =
            Config::parse(Path::new("site.toml"), "title = \"x\"\npaginte = 3\n").unwrap_err();
        assert!(err.to_string().contains("site.toml:2:1"), "{err}");
        assert!(err.help.unwrap().to_string().contains("paginate"));
    }

    #[test]
    fn a_key_in_the_wrong_table_is_told_where_it_goes() {
        let err = Config::parse(
            Path::new("site.toml"),
            "title = \"x\"\n[thresholds]\ncpi_green = 0.9\nsearch_words = [\"主数据\"]\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("site.toml:4:1"), "{err}");
        let help = err.help.unwrap().to_string();
        assert!(
            help.contains(
                "`search_words` is a top-level key, but here it is read as part of `[thresholds]`"
            ),
            "{help}"
        );
        let err =
            Config::parse(Path::new("site.toml"), "title = \"x\"\ncpi_green = 0.9\n").unwrap_err();
        let help = err.help.unwrap().to_string();
        assert!(
            help.contains("`cpi_green` belongs under `[thresholds]`"),
            "{help}"
        );
        // `pmo init` writes a comment after the header: the help names the table alone.
        let err = Config::parse(
            Path::new("site.toml"),
            "title = \"x\"\n[thresholds]      # RAG status\nsearch = true\n",
        )
        .unwrap_err();
        let help = err.help.unwrap().to_string();
        assert!(help.contains("read as part of `[thresholds]` ("), "{help}");
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_shown_written_right() {
        for (line, right) in [
            ("paginate = \"20\"", "`paginate = 20`"),
            ("search = \"yes\"", "`search = true`"),
            ("language = \"zh\"", "`language = \"zh-CN\"`"),
            ("as_of = \"2025-6-30\"", "`as_of = 2025-06-30`"),
        ] {
            let err = Config::parse(Path::new("site.toml"), &format!("title = \"x\"\n{line}\n"))
                .unwrap_err();
            let help = err.help.map(|h| h.to_string()).unwrap_or_default();
            assert!(help.contains(right), "{line}: {help}");
        }
    }

    #[test]
    fn an_audience_declared_twice_is_told_at_its_second_writing() {
        let err = Config::parse(
            Path::new("site.toml"),
            "title = \"x\"\naudiences = [\"public\", \"internal\", \"public\"]\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("site.toml:2:37"), "{err}");
    }

    #[test]
    fn messages_know_the_default_language() {
        use crate::messages::{Lang, SITE_DEFAULT};
        assert_eq!(Lang::from_code(Language::default().code()), SITE_DEFAULT);
    }

    #[test]
    fn the_budget_basis_is_period_unless_site_toml_says_cumulative() {
        let c = Config::parse(Path::new("site.toml"), "title = \"x\"\n").unwrap();
        assert_eq!(c.budget.basis, Basis::Period);
        assert_eq!(c.budget.tolerance, 0.01);
        let c = Config::parse(
            Path::new("site.toml"),
            "title = \"x\"\n[budget]\nbasis = \"cumulative\"\n",
        )
        .unwrap();
        assert_eq!(c.budget.basis, Basis::Cumulative);
        let err = Config::parse(
            Path::new("site.toml"),
            "title = \"x\"\n[budget]\ntolerance = nan\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("site.toml:3:13"), "{err}");
        let err = Config::parse(
            Path::new("site.toml"),
            "title = \"x\"\n[budget]\nbasis = \"running\"\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("site.toml:3:9"), "{err}");
    }

    #[test]
    fn currency_rates_must_be_positive_numbers() {
        let c = Config::parse(
            Path::new("site.toml"),
            "title = \"x\"\n[currency]\nportfolio = \"CNY\"\nrates = { USD = 7.1 }\n",
        )
        .unwrap();
        assert_eq!(c.currency.portfolio.as_deref(), Some("CNY"));
        assert_eq!(c.currency.rates["USD"], 7.1);
        let err = Config::parse(
            Path::new("site.toml"),
            "title = \"x\"\n[currency.rates]\nUSD = 0\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("site.toml:3:7"), "{err}");
        assert!(err.to_string().contains("`USD` is 0"), "{err}");
    }

    #[test]
    fn bad_language_is_an_error() {
        let err = Config::parse(Path::new("site.toml"), "title = \"x\"\nlanguage = \"fr\"\n")
            .unwrap_err();
        assert!(err.to_string().contains("site.toml:2:12"), "{err}");
    }
}
