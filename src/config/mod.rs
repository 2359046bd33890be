//! `site.toml`: the few settings a PMO changes, all checked strictly so that a typo
//! (`paginte = 10`) is an error rather than a silently ignored line.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::t;

mod checks;
mod hints;
mod menu;
mod settings;

use checks::{
    check_audiences, check_chart_colors, check_hygiene, check_rates, check_search_synonyms,
    check_theme_name,
};
use hints::{example_help, missing_key_help, unknown_key_help, unquoted_value};

pub use checks::{check_base_url, unknown_audience_help};
pub use menu::{target as menu_target, MenuEntry, Target as MenuTarget};
pub use settings::*;

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
    /// The site's own words that mean the same (`[["北斗", "BD 平台"], ["乙方", "外协"]]`),
    /// beside the built-in PMO synonyms (`search::synonyms`): a query finding less than a
    /// page of results goes on to the pages written with another word of its group.
    #[serde(default)]
    pub search_synonyms: Vec<Vec<String>>,
    /// The colours of chart series, in order (`["#9c2a2a", "#f2a900"]`), for charts in
    /// the organisation's colours: the theme's custom properties cannot reach them, as
    /// charts carry fixed colours to look the same when copied into a slide. Left out,
    /// the theme's six.
    #[serde(default)]
    pub chart_colors: Vec<String>,
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
    /// read the same whenever it is rebuilt. A month in quotes (`"2026-11"`) is its last
    /// day, as in a page's front matter: the help for `as_of = 2026-11` says to quote it,
    /// and the quoted month was then refused (the fifth new-user walk-through).
    #[serde(default, deserialize_with = "crate::date::as_of_day")]
    #[schemars(with = "Option<crate::date::AsOf>")]
    pub as_of: Option<Date>,
    /// How the team writes a date with the year last (`"dmy"`: 13/05/2026, `"mdy"`:
    /// 05/13/2026, `"ymd"`: never): what `pmo import` reads `03/05/2026` as. Left out,
    /// such a day is refused, since nothing in it says which it is.
    #[serde(default)]
    pub date_order: Option<crate::date_order::DateOrder>,
    #[serde(default)]
    pub hygiene: HygieneSettings,
    /// Links of the site's own in the header's menu, after the portal's entries
    /// (`[[menu]]` with `name`, `url` and an optional `weight`).
    #[serde(default)]
    pub menu: Vec<MenuEntry>,
    /// The text of site.toml, to place the errors found after it was read (a folder or
    /// table a key names that does not exist) at their line.
    #[serde(skip)]
    #[schemars(skip)]
    source: Arc<str>,
}

impl Config {
    /// `chart_colors` as red, green and blue (checked when the configuration is read).
    pub fn chart_rgb(&self) -> Vec<[u8; 3]> {
        self.chart_colors
            .iter()
            .filter_map(|c| crate::colour::hex(c))
            .collect()
    }

    /// Whether site.toml writes `key = …` (in any table), rather than leaving its
    /// default in force.
    pub fn sets(&self, key: &str) -> bool {
        self.source.lines().any(|line| {
            let written = line.trim_start().trim_start_matches(['"', '\'']);
            written
                .strip_prefix(key)
                .map(|rest| rest.trim_start_matches(['"', '\'']).trim_start())
                .is_some_and(|rest| rest.starts_with('='))
        })
    }

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
        match inline_key_at(&self.source, key) {
            Some(at) => d.at(Location::new(path, &self.source, at, key.len())),
            // Not written (a default is in force): the file's start, so tools reading
            // `path:line:col` still find site.toml.
            None => d.at(Location::new(path, &self.source, 0, 0)),
        }
    }
}

/// Where `key` of an inline table is written (`rates = { USD = 7.1, EUR = 7.8 }`), bare
/// or quoted.
pub(super) fn inline_key_at(source: &str, key: &str) -> Option<usize> {
    source.match_indices(key).map(|(at, _)| at).find(|&at| {
        let before = source[..at].trim_end_matches(['"', '\'']).trim_end();
        let after = source[at + key.len()..].trim_start_matches(['"', '\'']);
        before.ends_with(['{', ',']) && after.trim_start().starts_with('=')
    })
}

/// The line number and value offset of `key = …` in site.toml (the end of the text if
/// the key is not written, i.e. a default is in force).
pub(super) fn key_place(source: &str, key: &str) -> (usize, usize) {
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

pub(super) const FIELDS: &[&str] = &[
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
    "search_synonyms",
    "chart_colors",
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
    "date_order",
    "cpi_green",
    "cpi_amber",
    "spi_green",
    "spi_amber",
    "menu",
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

/// What to do when the site folder holds no site.toml: when it lies inside a site (a
/// command run in `content/`), go to that site's folder; else find or make one.
fn no_site_help(path: &Path) -> crate::messages::Text {
    let root = path.parent().unwrap_or(Path::new("."));
    match crate::layout::site_above(root) {
        Some((_, up)) if root.as_os_str().is_empty() || root == Path::new(".") => t!(
            "this folder is inside a site: run the command from the folder that holds its site.toml (`cd {up}`)",
            up = vec![".."; up].join("/")
        ),
        Some((site, _)) => t!(
            "that folder is inside a site: pass --root {site}, the folder that holds its site.toml",
            site = site.display().to_string()
        ),
        None => sites_help(&crate::layout::sites_below(root)),
    }
}

/// Where the site is when the folder holds none: the one site folder below it, or each
/// of several side by side (a Chinese and an English site), not "no site".
fn sites_help(sites: &[String]) -> crate::messages::Text {
    match sites {
        [] => t!("run the command in the folder that holds site.toml, or pass --root DIR (`pmo init DIR` makes a new site)"),
        // `pmo init pmo-portal`, then a command without the `cd`.
        [folder] => t!(
            "the site is in the folder `{folder}`: `cd {folder}` first, or pass --root {folder}",
            folder = folder.as_str()
        ),
        [first, ..] => t!(
            "the sites here are in the folders {folders}: `cd` into the one meant first (`cd {first}`), or pass --root {first}",
            folders = sites
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", "),
            first = first.as_str()
        ),
    }
}

impl Config {
    /// The day the site is built as of. A build settles it once, when it loads the
    /// configuration (`--as-of`, else `as_of`, else today), so every page counts from
    /// the same day; today is only the fallback of a configuration read outside a build.
    pub fn as_of(&self) -> Date {
        self.as_of.unwrap_or_else(Date::today)
    }

    /// Reads the `site.toml` of the site at `root`, its errors naming the file as the
    /// author sees it from the site folder (`site.toml`, not `./site.toml`), the same
    /// whichever command met them.
    pub fn load_site(root: &Path) -> Result<Config, Diagnostic> {
        Config::load(&root.join(crate::layout::CONFIG_FILE)).map_err(|mut d| {
            let shown = |p: &Path| crate::layout::display_path(root, p);
            d.path = d.path.map(|p| shown(&p));
            if let Some(loc) = &mut d.location {
                loc.path = shown(&loc.path);
            }
            d
        })
    }

    /// Reads and checks `site.toml`. Errors point at the offending key.
    pub fn load(path: &Path) -> Result<Config, Diagnostic> {
        // Told by its type, never opened: a named pipe would block the read for ever.
        if let Some(what) = crate::symlinks::not_a_file_at(path) {
            return Err(Diagnostic::error(Problem::Config(t!(
                "site.toml is {what}, not a file pmo can read",
                what = what
            )))
            .in_file(path)
            .with_help(t!(
                "replace it with the site's settings, a text file (`pmo init DIR` writes one to copy from)"
            )));
        }
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
            reachable(folder, path)?;
        }
        if !path.is_file() {
            return Err(
                Diagnostic::error(Problem::Content(t!("there is no site.toml here")))
                    .in_file(path)
                    .with_help(no_site_help(path)),
            );
        }
        let text = crate::source::read_text(path, path)?;
        Config::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config, Diagnostic> {
        let source: Arc<str> = Arc::from(text);
        menu::check_form(path, &source)?;
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let (offset, len) = e.span().map_or((0, 0), |r| (r.start, r.len()));
            let message = e.message().to_string();
            if let Some(x) = crate::syntax::stray_character(text, offset, "site.toml") {
                let at = x.at.unwrap_or(offset);
                let len = text[at..].chars().next().map_or(1, char::len_utf8);
                return Diagnostic::error(Problem::Config(x.problem))
                    .at(Location::new(path, &source, at, len))
                    .with_help(x.help);
            }
            let help = unknown_key_help(&message, text, offset);
            if let (None, Some(x)) = (&help, crate::syntax::toml(&message, text, offset)) {
                if let Some((at, len, problem, help)) = unquoted_value(text, offset) {
                    return Diagnostic::error(Problem::Config(problem))
                        .at(Location::new(path, &source, at, len))
                        .with_help(help);
                }
                let (offset, len) = x.at.map_or((offset, len), |at| (at, 1));
                return Diagnostic::error(Problem::Config(x.problem))
                    .at(Location::new(path, &source, offset, len))
                    .with_help(x.help);
            }
            // Every error says how to fix it: a key no example covers (a folder of
            // `[audience_defaults]` given a number) gets the forms a value takes.
            let help = help
                .or_else(|| missing_key_help(&message, text, offset))
                .or_else(|| example_help(text, offset))
                .unwrap_or_else(|| t!("write the value in the form named above: text in double quotes (\"internal\"), a number or true/false as it is, a list in [ ]; the README's site.toml section lists every key"));
            let told = crate::messages::toml_library(&message, text, offset);
            Diagnostic::error(Problem::Config(told))
                .at(Location::new(path, &source, offset, len))
                .with_help(help)
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
        // Any other text would be taken as a currency no rate converts into, and each
        // project refused for it instead of this line.
        if let Some(portfolio) = &config.currency.portfolio {
            let code = crate::numbers::currency_code(portfolio);
            if !(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())) {
                let (_, value_at) = key_place(text, "portfolio");
                return Err(Diagnostic::error(Problem::Config(t!(
                    "`portfolio` is `{value}`, which is no currency code",
                    value = portfolio
                )))
                .at(Location::new(path, &source, value_at, 0))
                .with_help(t!("write the currency's three-letter ISO 4217 code, e.g. portfolio = \"CNY\" (RMB and 人民币 are read as CNY)")));
            }
        }
        check_rates(&config, path, &source)?;
        check_hygiene(&config, path, &source)?;
        let at = |key: &str| {
            let (_, value_at) = key_place(text, key);
            let line_start = text[..value_at].rfind('\n').map_or(0, |i| i + 1);
            let indent = text[line_start..].len() - text[line_start..].trim_start().len();
            Location::new(path, &source, line_start + indent, key.len())
        };
        if crate::slugs::is_blank(&config.title) {
            return Err(Diagnostic::error(Problem::Config(t!("the site's title is empty")))
                .at(at("title"))
                .with_help(t!("every page's title and header show it: write the portal's name, e.g. title = \"PMO Knowledge Portal\"")));
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
        check_chart_colors(&config, path, &source)?;
        check_search_synonyms(&config, path, &source)?;
        menu::check(&config, path, &source)?;
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

/// Whether the site's folder `folder` can be read, `site_toml` being its settings file.
/// `--root` naming a folder that is not there (a network drive a scheduled job found
/// unmounted) was told "there is no site.toml here", as if the folder were the wrong
/// one, and `pmo build` "cannot write the site": it names the folder, and the drive to
/// check. A folder there but not readable (a share whose rights were withdrawn) is out
/// of reach alike.
pub fn reachable(folder: &Path, site_toml: &Path) -> Result<(), Diagnostic> {
    if folder.is_dir() && std::fs::read_dir(folder).is_ok() {
        return Ok(());
    }
    Err(Diagnostic::error(Problem::Unreachable(t!(
        "the site folder {folder} does not exist or cannot be reached",
        folder = folder.display().to_string()
    )))
    .in_file(site_toml)
    .with_help(t!(
        "check the folder given with --root; on a network drive or share, check that it is connected"
    )))
}

#[cfg(test)]
mod tests;
