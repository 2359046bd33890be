//! `[[menu]]` in site.toml: links of the site's own in the header's menu, after the
//! entries the portal makes (home, dashboard, sections, tags), without overriding
//! `base.html` for one more link.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use super::Config;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::Text;
use crate::t;

/// One link of the header's menu.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MenuEntry {
    /// The link's text.
    pub name: String,
    /// A page of the site by its address (`/lessons/`, `/templates/risk.xlsx`) or an
    /// `http(s)://` address elsewhere.
    pub url: String,
    /// Lighter first; entries without one follow, in the order written.
    pub weight: Option<i64>,
}

/// Where a menu link points, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An address under the site's root, without its leading `/` (with any `?query` or
    /// `#fragment` as written).
    Site(String),
    /// An address elsewhere, as written.
    Elsewhere(String),
}

/// `url` as a menu target, or what is wrong with it and how to write it.
pub fn target(url: &str) -> Result<Target, (Text, Text)> {
    let url = url.trim();
    let example = || {
        t!("write a page's address on this site (`/lessons/`, `/about/`) or a whole address elsewhere (`https://wiki.example.com/pmo`)")
    };
    if url.is_empty() {
        return Err((t!("a menu entry's `url` is empty"), example()));
    }
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) || url.contains('\\') {
        return Err((
            t!(
                "the menu address `{url}` holds a space, a backslash or a control character",
                url = crate::escape::controls_escaped(url).into_owned()
            ),
            example(),
        ));
    }
    if let Some(scheme) = crate::markdown::scheme_of(url) {
        let lower = scheme.to_ascii_lowercase();
        return match lower.as_str() {
            "http" | "https" => {
                let rest = &url[scheme.len() + 1..];
                let host = rest
                    .strip_prefix("//")
                    .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
                match host {
                    Some(h) if !h.is_empty() => Ok(Target::Elsewhere(url.to_string())),
                    _ => Err((
                        t!("the menu address `{url}` names no host", url = url),
                        t!("write the whole address, e.g. `https://wiki.example.com/pmo`"),
                    )),
                }
            }
            "mailto" | "tel" => Ok(Target::Elsewhere(url.to_string())),
            _ => Err((
                t!(
                    "the menu address `{url}` is a `{scheme}:` address, which a menu may not link",
                    url = url,
                    scheme = scheme
                ),
                t!("a menu links pages of the site and http, https, mailto and tel addresses: a `javascript:` or `data:` address would run or show whatever it holds"),
            )),
        };
    }
    if url.starts_with("//") {
        return Err((
            t!(
                "the menu address `{url}` names a host without its scheme",
                url = url
            ),
            t!(
                "write the whole address, `https:{url}`, or a path on this site starting with one `/`",
                url = url
            ),
        ));
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    // What the plain form is refused for, written in escapes (`/%2e%2e/`,
    // `javascript%3a…`): browsers and servers decode them.
    if let Some((decoded, why)) = crate::escape::hidden_in_escapes(path) {
        return Err((
            t!(
                "the menu address `{url}` reads `{decoded}` once its %-escapes are decoded: {why}",
                url = url,
                decoded = decoded,
                why = why
            ),
            t!("write the address plainly (`/lessons/`): escape only what a path cannot hold as it is, such as a space (`%20`)"),
        ));
    }
    if path.split('/').any(|part| part == "..") {
        return Err((
            t!(
                "the menu address `{url}` holds `..`, which would climb out of the site",
                url = url
            ),
            t!("write the whole path from the site's root, e.g. `/lessons/`"),
        ));
    }
    Ok(Target::Site(url.trim_start_matches('/').to_string()))
}

/// Refuses Hugo's form, `[menu]` with `[[menu.main]]`, which would be read as an
/// entry named `main`, and tells the form pmo reads.
pub(super) fn check_form(path: &Path, source: &Arc<str>) -> Result<(), Diagnostic> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let written = line.trim();
        let header = written.trim_start_matches('[');
        let name = header.split(']').next().unwrap_or("").trim();
        if written.starts_with('[')
            && (name.starts_with("menu.") || (name == "menu" && !written.starts_with("[[")))
        {
            let indent = line.len() - line.trim_start().len();
            return Err(Diagnostic::error(Problem::Config(t!(
                "`{header}` is not how site.toml writes the menu",
                header = written
            )))
            .at(Location::new(path, source, offset + indent, written.len()))
            .with_help(t!("write each link as its own `[[menu]]` entry, with `name`, `url` and an optional `weight`:\n[[menu]]\nname = \"Wiki\"\nurl = \"https://wiki.example.com/pmo\"")));
        }
        offset += line.len();
    }
    Ok(())
}

/// Checks every entry's name and address when site.toml is read.
pub(super) fn check(config: &Config, path: &Path, source: &Arc<str>) -> Result<(), Diagnostic> {
    for (n, entry) in config.menu.iter().enumerate() {
        if crate::slugs::is_blank(&entry.name) {
            return Err(
                Diagnostic::error(Problem::Config(t!("a menu entry's `name` is empty")))
                    .at(menu_place(source, path, n, "name"))
                    .with_help(t!("write the link's text, e.g. name = \"Wiki\"")),
            );
        }
        if let Err((problem, help)) = target(&entry.url) {
            return Err(Diagnostic::error(Problem::Config(problem))
                .at(menu_place(source, path, n, "url"))
                .with_help(help));
        }
    }
    Ok(())
}

/// Where `key` of menu entry `n` is written: on its line after the entry's `[[menu]]`
/// header, or (written inline, `menu = [{ … }]`) the file's `menu` line.
fn menu_place(source: &Arc<str>, path: &Path, n: usize, key: &str) -> Location {
    let mut offset = 0;
    let mut entry = None;
    let mut fallback = None;
    for line in source.split_inclusive('\n') {
        let written = line.trim_start();
        let indent = line.len() - written.len();
        if written.starts_with('[') {
            entry = written.starts_with("[[menu]]").then(|| {
                source[..offset]
                    .lines()
                    .filter(|l| l.trim_start().starts_with("[[menu]]"))
                    .count()
            });
        } else if entry == Some(n) {
            if let Some(rest) = written.strip_prefix(key) {
                if rest.trim_start().starts_with('=') {
                    return Location::new(path, source, offset + indent, line.trim().len());
                }
            }
        } else if fallback.is_none() && written.starts_with("menu") {
            fallback = Some(Location::new(path, source, offset + indent, 4));
        }
        offset += line.len();
    }
    fallback.unwrap_or_else(|| Location::new(path, source, 0, 0))
}

impl Config {
    /// `d` placed at `key` of menu entry `n` in site.toml, for a problem found once the
    /// site is known (a link to no page).
    pub fn at_menu(&self, d: Diagnostic, n: usize, key: &str) -> Diagnostic {
        d.at(menu_place(&self.source, Path::new("site.toml"), n, key))
    }

    /// The menu's entries in the order they are shown: by weight, lighter first, then
    /// those without one as written; each with its place in site.toml.
    pub fn menu_in_order(&self) -> Vec<(usize, &MenuEntry)> {
        let mut entries: Vec<(usize, &MenuEntry)> = self.menu.iter().enumerate().collect();
        entries.sort_by_key(|(_, e)| (e.weight.is_none(), e.weight));
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menu_addresses_are_site_paths_or_whole_addresses_elsewhere() {
        assert_eq!(target("/lessons/"), Ok(Target::Site("lessons/".into())));
        assert_eq!(
            target("about/#联系"),
            Ok(Target::Site("about/#联系".into()))
        );
        assert_eq!(target("/"), Ok(Target::Site(String::new())));
        assert_eq!(
            target("https://wiki.example.com/pmo"),
            Ok(Target::Elsewhere("https://wiki.example.com/pmo".into()))
        );
        for bad in [
            "",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "//evil.example/",
            "https:///x",
            "/a/../../x",
            "/a b/",
            "a\\b",
        ] {
            assert!(target(bad).is_err(), "{bad}");
        }
    }
}
