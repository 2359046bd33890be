//! Settings checked against each other after site.toml is read: audience names, the
//! base URL, the theme's folder name, chart colours, search synonyms, currency rates and
//! hygiene limits.

use std::path::Path;
use std::sync::Arc;

use super::Config;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::Text;
use crate::suggest::did_you_mean;
use crate::t;

/// Audience names must be declared once each, and every name used in site.toml must be
/// one of them: a misspelt audience would otherwise hide, or publish, a whole folder.
pub(super) fn check_audiences(
    config: &Config,
    path: &Path,
    source: &Arc<str>,
) -> Result<(), Diagnostic> {
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
        // `public` and `Public`: one folder to Windows and macOS, so --all-audiences
        // would write one audience's site into the other's (the eighteenth hunt).
        if let Some(twin) = declared[..i]
            .iter()
            .find(|n| n.to_lowercase() == name.to_lowercase())
        {
            return Err(Diagnostic::error(Problem::Config(t!(
                "audiences `{name}` and `{twin}` differ only in case: Windows and macOS take their --all-audiences folders for one",
                name = *name,
                twin = *twin
            )))
            .at(quoted_nth(name, 0))
            .with_help(t!("list each audience once, lowest first, e.g. audiences = [\"public\", \"internal\", \"pmo\"]; each becomes a folder name of --all-audiences")));
        }
        // Its --all-audiences folder could not be copied to a Windows share (the
        // eleventh hunt for script): where a portal is often published.
        if crate::output::portable::is_device_name(name) {
            return Err(Diagnostic::error(Problem::Config(t!(
                "`{name}` cannot be an audience: it is a device name on Windows (CON, PRN, AUX, NUL, COM1–9, LPT1–9), so a Windows share cannot hold the folder --all-audiences writes for it",
                name = *name
            )))
            .at(quoted_nth(name, 0))
            .with_help(t!(
                "give the audience another name, e.g. `{name}-team`, here and wherever site.toml and the pages name it",
                name = *name
            )));
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
    // Written as typed (not lowered): the user info and port are quoted back.
    let authority = &url[url.len() - rest.len()..][..host.len()];
    if let Some(at) = authority.rfind('@') {
        return Err(t!(
            "base_url `{url}` holds a user name or password (`{userinfo}`): it would be published in the sitemap, the feed and every page's canonical link",
            url = url,
            userinfo = &authority[..=at]
        ));
    }
    // After an IPv6 address's `]`, or the host's only `:`.
    let port = match authority.rfind(']') {
        Some(end) => authority[end + 1..].strip_prefix(':'),
        None => authority.split_once(':').map(|(_, port)| port),
    };
    if let Some(port) = port.filter(|p| {
        !p.bytes().all(|b| b.is_ascii_digit())
            || p.is_empty()
            || p.parse::<u32>().map_or(true, |n| n > 65_535)
    }) {
        return Err(t!(
            "base_url `{url}` has port `{port}`: a port is a number from 0 to 65535",
            url = url,
            port = port
        ));
    }
    if let Some(escape) = broken_escape(url) {
        return Err(t!(
            "base_url `{url}` has `{escape}`: a `%` in an address begins an escape of two hex digits (`%20`)",
            url = url,
            escape = escape
        ));
    }
    if let Some((decoded, why)) = crate::escape::hidden_in_escapes(url) {
        return Err(t!(
            "base_url `{url}` reads `{decoded}` once its %-escapes are decoded: {why}",
            url = url,
            decoded = decoded,
            why = why
        ));
    }
    // The 404 page links from the site's root path: a path opening with `//` made it
    // `//evil.test/js/search.js`, a script from another host.
    if rest[host.len()..].contains("//") {
        return Err(t!(
            "base_url `{url}` has `//` in its path: the pages that link from the site's root would load their scripts and styles from another host",
            url = url
        ));
    }
    Ok(())
}

/// The first `%` not followed by two hex digits, with what follows it (up to two
/// characters): a browser reads the address otherwise than it was meant, or not at all.
fn broken_escape(url: &str) -> Option<String> {
    url.match_indices('%').find_map(|(at, _)| {
        let next: String = url[at + 1..].chars().take(2).collect();
        let fine = next.len() == 2 && next.bytes().all(|b| b.is_ascii_hexdigit());
        (!fine).then(|| format!("%{next}"))
    })
}

/// A theme is a folder name under `themes/`: never a path that leads elsewhere.
pub(super) fn check_theme_name(name: &str) -> Result<(), Text> {
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

/// The contrast below which a series colour all but vanishes on the charts' white
/// background (WCAG's ratio; the theme's palette starts at 2.6, its amber).
const MIN_CHART_CONTRAST: f64 = 1.5;

/// Every `chart_colors` entry must be a colour a chart can show: a typo would otherwise
/// fall back silently, and white on the white chart background hides a series.
pub(super) fn check_chart_colors(
    config: &Config,
    path: &Path,
    source: &Arc<str>,
) -> Result<(), Diagnostic> {
    let (_, list_at) = super::key_place(source, "chart_colors");
    for colour in &config.chart_colors {
        let offset = source[list_at.min(source.len())..]
            .find(&format!("\"{colour}\""))
            .map_or(list_at, |i| list_at + i + 1);
        let at = Location::new(path, source, offset, colour.chars().count());
        let Some(rgb) = crate::colour::hex(colour) else {
            return Err(Diagnostic::error(Problem::Config(t!(
                "`{value}` in `chart_colors` is not a colour",
                value = colour
            )))
            .at(at)
            .with_help(t!(
                "write each colour as `#rrggbb` (or `#rgb`), e.g. chart_colors = [\"#9c2a2a\", \"#f2a900\"]"
            )));
        };
        let contrast = crate::colour::contrast_on_white(rgb);
        if contrast < MIN_CHART_CONTRAST {
            return Err(Diagnostic::error(Problem::Config(t!(
                "`{value}` in `chart_colors` would hardly show on the charts' white background (contrast {contrast}:1)",
                value = colour,
                contrast = format!("{contrast:.1}")
            )))
            .at(at)
            .with_help(t!("choose a darker colour: series need a contrast of {min}:1 or more against white", min = MIN_CHART_CONTRAST)));
        }
    }
    Ok(())
}

/// Each group of `search_synonyms` must name two words or more: a group of one (a list
/// written flat, `["乙方", "外协"]` split by mistake) would widen nothing, unsaid.
pub(super) fn check_search_synonyms(
    config: &Config,
    path: &Path,
    source: &Arc<str>,
) -> Result<(), Diagnostic> {
    let (_, list_at) = super::key_place(source, "search_synonyms");
    for group in &config.search_synonyms {
        let words: Vec<&String> = group
            .iter()
            .filter(|w| !crate::slugs::is_blank(w))
            .collect();
        let distinct = words
            .iter()
            .map(|w| {
                w.to_lowercase()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<std::collections::BTreeSet<_>>();
        if distinct.len() >= 2 {
            continue;
        }
        let shown = format!("{group:?}");
        let offset = words
            .first()
            .and_then(|w| source[list_at.min(source.len())..].find(&format!("\"{w}\"")))
            .map_or(list_at, |i| list_at + i);
        return Err(Diagnostic::error(Problem::Config(t!(
            "the group {group} in `search_synonyms` names fewer than two different words",
            group = shown
        )))
        .at(Location::new(path, source, offset, 1))
        .with_help(t!(
            "write each group as a list of the words that mean the same, inside the outer list: search_synonyms = [[\"vendor\", \"supplier\"], [\"Atlas\", \"AT platform\"]]"
        )));
    }
    Ok(())
}

/// The rates any two currencies of the world are between: the dearest unit buys some
/// 300,000 of the cheapest (a Kuwaiti dinar in Lebanese pounds), so a rate beyond is a
/// number typed wrong (`1e308` converted a project to infinity).
const RATE_RANGE: (f64, f64) = (1e-6, 1e6);

/// A rate as a reader can read it: `1e308`, not its 309 digits.
fn shown_rate(rate: f64) -> String {
    if (1e-4..1e9).contains(&rate) {
        rate.to_string()
    } else {
        format!("{rate:e}")
    }
}

/// Where the rate of `code` is written: its key and its value, in `[currency.rates]`
/// or an inline table `rates = { USD = 7.1 }`.
fn rate_place(source: &str, code: &str) -> (usize, usize) {
    let (_, value_at) = super::key_place(source, code);
    let key_at = match super::inline_key_at(source, code) {
        Some(at) if value_at == source.len() => at,
        _ => source[..value_at].rfind(code).unwrap_or(value_at),
    };
    let after_key = &source[key_at + code.len()..];
    let value_at = match after_key.find('=') {
        Some(eq) if value_at == source.len() => {
            let value = &after_key[eq + 1..];
            source.len() - value.trim_start().len()
        }
        _ => value_at,
    };
    (key_at, value_at)
}

/// The fixed rates: one per currency (`usd` is USD: `USD = 7.1, usd = 1` converted every
/// dollar at 1), the portfolio's own at 1 if given at all, each a positive number.
pub(super) fn check_rates(
    config: &Config,
    path: &Path,
    source: &Arc<str>,
) -> Result<(), Diagnostic> {
    let portfolio = config
        .currency
        .portfolio
        .as_deref()
        .map(crate::numbers::currency_code);
    let mut read_as: std::collections::BTreeMap<String, &str> = Default::default();
    for (code, rate) in &config.currency.rates {
        let (key_at, value_at) = rate_place(source, code);
        // `usd` is USD: two keys for one currency, one silently replacing the other
        // (`USD = 7.1, usd = 1` converted every dollar at 1).
        let read = crate::numbers::currency_code(code);
        if let Some(first) = read_as.insert(read.clone(), code) {
            return Err(Diagnostic::error(Problem::Config(t!(
                "`{code}` and `{first}` are one currency, {read}, given two rates",
                code = code,
                first = first,
                read = read.as_str()
            )))
            .at(Location::new(path, source, key_at, code.len()))
            .with_help(t!("keep one of the two lines")));
        }
        if portfolio.as_deref() == Some(read.as_str()) && *rate != 1.0 {
            return Err(Diagnostic::error(Problem::Config(t!(
                "`{code}` is the portfolio currency, so its rate is 1, not {rate}",
                code = code,
                rate = rate
            )))
            .at(Location::new(path, source, key_at, code.len()))
            .with_help(t!(
                "remove the line: amounts in the portfolio currency are not converted"
            )));
        }
        if !(rate.is_finite() && *rate > 0.0) {
            return Err(Diagnostic::error(Problem::Config(t!("the rate of `{code}` is {rate}, expected a positive number", code = code, rate = rate)))
            .at(Location::new(path, source, value_at, 0))
            .with_help(t!("write how many units of the portfolio currency one {code} is worth, e.g. {code} = 7.1", code = code)));
        }
        if !(RATE_RANGE.0..=RATE_RANGE.1).contains(rate) {
            return Err(Diagnostic::error(Problem::Config(t!(
                "the rate of `{code}` is {rate}: no currency is worth a million of another, or a millionth",
                code = code,
                rate = shown_rate(*rate)
            )))
            .at(Location::new(path, source, value_at, 0))
            .with_help(t!("write how many units of the portfolio currency one {code} is worth, e.g. {code} = 7.1 for yuan to the dollar", code = code)));
        }
    }
    Ok(())
}

/// The `[hygiene]` limits: a negative one made every project stale on its first day, a
/// huge one is out of any calendar's range.
pub(super) fn check_hygiene(
    config: &Config,
    path: &Path,
    source: &Arc<str>,
) -> Result<(), Diagnostic> {
    let h = &config.hygiene;
    for (key, value, max) in [
        ("practice_max_age_months", h.practice_max_age_months, 1200),
        ("data_stale_months", h.data_stale_months, 1200),
        ("draft_max_age_days", h.draft_max_age_days, 36_500),
    ] {
        if !(0..=max).contains(&value) {
            let (_, value_at) = super::key_place(source, key);
            return Err(Diagnostic::error(Problem::Config(t!(
                "`{key}` is {value}, but it counts months or days from 0 up to {max}",
                key = key,
                value = value,
                max = max
            )))
            .at(Location::new(path, source, value_at, value.to_string().len()))
            .with_help(t!("write a number of months (days for drafts) such as the default, e.g. data_stale_months = 3")));
        }
    }
    Ok(())
}
