//! Audiences: who may see which page, table and amount, decided right after loading.
//!
//! A static site cannot ask who is reading, so each audience gets a build of its own, and
//! what it may not see is taken out *before* the site is linked: every list, count,
//! backlink, feed, sitemap entry, search term and derived table is then made from the
//! visible pages alone, and cannot leak what it never held. Only links from a visible
//! page to a hidden one need care: they become plain text, with a warning.
//!
//! The audience of a page is, first found: its own front matter `audience:`; that of the
//! nearest `_index.md` or `index.md` above it that names one (a project's `index.md`
//! covers its whole folder); the longest folder of site.toml's `[audience_defaults]`
//! holding it; else the lowest audience. A lesson or review is never shown to more
//! people than its project. Attachments and project tables follow their folder, and a
//! file under `content/` or `static/` that only hidden pages link goes with them.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::config::Config;
use crate::content::load::Loaded;
use crate::content::page::{Extra, Page};
use crate::data::Data;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, Problem};
use crate::kinds::Kind;
use crate::t;

/// Columns of the derived `portfolio` table that hold amounts or figures computed from
/// them: a block over `portfolio` naming one is left out where money is restricted.
/// (`derive::tables` holds each to a column of the portfolio table.)
pub(crate) const MONEY_COLUMNS: &[&str] = &[
    "bac",
    "pv",
    "ev",
    "ac",
    "cv",
    "sv",
    "cpi",
    "spi",
    "eac",
    "etc",
    "vac",
    "tcpi",
    "percent_complete",
];

/// Each loaded page's, attachment's and project table's audience, resolved once and
/// shared by the builds of every audience.
#[derive(Debug)]
pub struct Plan {
    names: Vec<String>,
    /// Per page of the full load, its audience (an index into `names`).
    pages: Vec<usize>,
    assets: Vec<usize>,
    /// Per project slug, the audience of the project's folder (its tables).
    project_folders: HashMap<String, usize>,
    /// The lowest audience that sees amounts, if money is restricted.
    money: Option<usize>,
    money_tables: Vec<String>,
}

/// The audience `name` names, or an error listing the declared ones.
pub fn level_of(config: &Config, name: &str) -> Result<usize, Diagnostic> {
    let names: Vec<&str> = config.audiences.iter().map(String::as_str).collect();
    names
        .iter()
        .position(|n| *n == name)
        .ok_or_else(|| unknown(name, &names))
}

fn unknown(name: &str, names: &[&str]) -> Diagnostic {
    Diagnostic::error(Problem::Content(t!(
        "there is no audience `{name}`",
        name = name
    )))
    .with_help(crate::config::unknown_audience_help(name, names))
}

impl Plan {
    /// Resolves every page's audience. A name site.toml does not declare is an error at
    /// its place. `None` when the site declares no audiences: it is built whole.
    pub fn new(
        config: &Config,
        loaded: &Loaded,
        content_dir: &std::path::Path,
        diagnostics: &Diagnostics,
    ) -> Option<Plan> {
        let names: Vec<&str> = config.audiences.iter().map(String::as_str).collect();
        let declared: Vec<Option<usize>> = loaded
            .pages
            .iter()
            .map(|page| {
                let (name, at) = page.audience.as_ref()?;
                let found = names.iter().position(|n| n == name);
                if found.is_none() {
                    let location = Location::new(&page.path, &page.source, *at, name.len());
                    diagnostics.push(unknown(name, &names).at(location));
                }
                found
            })
            .collect();
        if names.is_empty() {
            return None;
        }
        let level = |name: &String| names.iter().position(|n| n == name).unwrap_or(0);
        let defaults: Vec<(&str, usize)> = config
            .audience_defaults
            .iter()
            .map(|(folder, name)| (folder.trim_matches('/'), level(name)))
            .collect();
        for (folder, _) in &defaults {
            if !folder.is_empty() && !content_dir.join(folder).is_dir() {
                // A misspelt folder would publish to everyone what it meant to restrict.
                let tops: Vec<&str> = loaded
                    .pages
                    .iter()
                    .map(|p| p.dir())
                    .filter(|d| !d.is_empty())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                let help = match crate::suggest::did_you_mean(folder, &tops) {
                    Some(s) => t!("did you mean `{s}`? Keys of [audience_defaults] are folders under content/", s = s),
                    None => t!("keys of [audience_defaults] are folders under content/, e.g. projects = \"internal\""),
                };
                diagnostics.push(
                    Diagnostic::error(Problem::Config(t!(
                        "[audience_defaults] names `{folder}`, but there is no folder content/{folder}/",
                        folder = *folder
                    )))
                    .in_file(std::path::Path::new("site.toml"))
                    .with_help(help),
                );
            }
        }
        let folders: HashMap<&str, usize> = loaded
            .pages
            .iter()
            .zip(&declared)
            .filter(|(p, _)| {
                let file = p.rel_path.rsplit('/').next().unwrap_or("");
                file == "_index.md" || file == "index.md"
            })
            .filter_map(|(p, d)| Some((p.dir(), (*d)?)))
            .collect();
        let inherited = |dir: &str| -> usize {
            let mut at = dir;
            loop {
                if let Some(&l) = folders.get(at) {
                    return l;
                }
                match at.rsplit_once('/') {
                    Some((up, _)) => at = up,
                    None if !at.is_empty() => at = "",
                    None => break,
                }
            }
            defaults
                .iter()
                .filter(|(f, _)| dir == *f || dir.starts_with(&format!("{f}/")) || f.is_empty())
                .max_by_key(|(f, _)| f.len())
                .map_or(0, |(_, l)| *l)
        };
        let mut pages: Vec<usize> = loaded
            .pages
            .iter()
            .zip(&declared)
            .map(|(p, d)| d.unwrap_or_else(|| inherited(p.dir())))
            .collect();
        let mut project_folders = HashMap::new();
        for (page, &l) in loaded.pages.iter().zip(&pages) {
            if let Some(info) = page.project() {
                project_folders.insert(info.slug.clone(), l);
            }
        }
        for (page, l) in loaded.pages.iter().zip(pages.iter_mut()) {
            if let (Kind::Lesson | Kind::Review, Some(slug)) = (page.kind, page.project_slug()) {
                *l = (*l).max(project_folders.get(slug).copied().unwrap_or(0));
            }
        }
        let assets = loaded
            .assets
            .iter()
            .map(|a| inherited(a.rsplit_once('/').map_or("", |(d, _)| d)))
            .collect();
        Some(Plan {
            names: config.audiences.clone(),
            pages,
            assets,
            project_folders,
            money: config.restrict.money.as_ref().map(level),
            money_tables: config.restrict.money_tables.clone(),
        })
    }

    /// Whether audience `level` is below the one that sees amounts.
    pub fn money_hidden(&self, level: usize) -> bool {
        self.money.is_some_and(|m| level < m)
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// What audience `level` may see: its pages, attachments, tables and amounts, with
    /// links to what it may not see made plain text and blocks over tables it may not
    /// see left out. `static_files` loses the files only hidden pages link. Links across
    /// the line are warned of one by one when `list_links` (`check`), else in one warning
    /// that counts them: a portal whose practices cite lessons has thousands, which
    /// would bury every other warning of a build.
    pub fn view(
        &self,
        loaded: &Loaded,
        data: &Data,
        level: usize,
        static_files: &mut BTreeMap<String, crate::theme::Source>,
        list_links: bool,
        diagnostics: &Diagnostics,
    ) -> (Loaded, Data) {
        let shown = |l: usize| l <= level;
        let money_hidden = self.money_hidden(level);
        let mut hidden_pages: HashMap<&str, &str> = HashMap::new();
        let mut hidden_urls: HashMap<&str, &str> = HashMap::new();
        let mut pages = Vec::new();
        for (page, &l) in loaded.pages.iter().zip(&self.pages) {
            if shown(l) {
                pages.push(page.clone());
            } else {
                hidden_pages.insert(&page.rel_path, &self.names[l]);
                hidden_urls.insert(&page.url, &self.names[l]);
            }
        }
        let hidden_assets: HashMap<&str, &str> = loaded
            .assets
            .iter()
            .zip(&self.assets)
            .filter(|(_, &l)| !shown(l))
            .map(|(a, &l)| (a.as_str(), self.names[l].as_str()))
            .collect();

        // Files linked only by hidden pages go with them.
        let files = |pages: &mut dyn Iterator<Item = &Page>| -> BTreeSet<String> {
            pages
                .flat_map(|p| p.body.links.iter().filter_map(|l| target(p.dir(), &l.dest)))
                .collect()
        };
        let linked_hidden = files(
            &mut loaded
                .pages
                .iter()
                .zip(&self.pages)
                .filter(|(_, &l)| !shown(l))
                .map(|(p, _)| p),
        );
        let linked_shown = files(&mut pages.iter());
        let only_hidden: HashSet<&str> = linked_hidden
            .iter()
            .filter(|f| !linked_shown.contains(*f))
            .map(String::as_str)
            .collect();
        static_files.retain(|path, _| !only_hidden.contains(path.as_str()));

        let full_tables = data_tables(data);
        let data = self.data_view(data, level, money_hidden);
        let build = &self.names[level];
        let visible_tables = data_tables(&data);
        let mut across = (0, 0);
        for page in &mut pages {
            let mut on_page = 0;
            for n in 0..page.body.links.len() {
                let link = &page.body.links[n];
                let Some(target) = target(page.dir(), &link.dest) else {
                    continue;
                };
                let url = as_url(&target);
                let audience = hidden_pages
                    .get(target.as_str())
                    .or_else(|| hidden_urls.get(url.as_str()))
                    .or_else(|| hidden_assets.get(target.as_str()));
                let Some(audience) = audience else { continue };
                on_page += 1;
                if !list_links {
                    page.body.html = crate::markdown::unlink(&page.body.html, n);
                    page.body.links[n].dest = String::new();
                    continue;
                }
                diagnostics.push(
                    Diagnostic::warning(Problem::Content(t!(
                        "this links to {target}, which only the `{audience}` audience and above may see: the `{build}` build shows the link's text without the link",
                        target = &link.dest,
                        audience = *audience,
                        build = build.as_str()
                    )))
                    .at(Location::new(
                        &page.path,
                        &page.source,
                        link.span.start,
                        link.span.len(),
                    ))
                    .with_help(t!(
                        "fine if intended; otherwise link to a page `{build}` may see, or give this page the audience of its target",
                        build = build.as_str()
                    )),
                );
                page.body.html = crate::markdown::unlink(&page.body.html, n);
                page.body.links[n].dest = String::new();
            }
            if money_hidden {
                if let Extra::Project(info) = &mut page.extra {
                    info.meta.bac = None;
                }
            }
            drop_blocks(page, &full_tables, &visible_tables, money_hidden);
            across = (across.0 + on_page, across.1 + usize::from(on_page > 0));
        }
        if !list_links && across.0 > 0 {
            diagnostics.push(
                Diagnostic::warning(Problem::Content(t!(
                    "{links} link(s) on {pages} page(s) lead to pages or files the `{build}` audience may not see: its build shows their text without the link",
                    links = across.0,
                    pages = across.1,
                    build = build.as_str()
                )))
                .in_file(std::path::Path::new("content"))
                .with_help(t!("`pmo check` lists each of them")),
            );
        }
        let assets = loaded
            .assets
            .iter()
            .zip(&self.assets)
            .filter(|(a, &l)| shown(l) && !only_hidden.contains(a.as_str()))
            .map(|(a, _)| a.clone())
            .collect();
        let tables = loaded
            .tables
            .iter()
            .filter(|t| {
                data.tables
                    .contains_key(t.rsplit_once('.').map_or(t.as_str(), |(s, _)| s))
            })
            .cloned()
            .collect();
        let view = Loaded {
            pages,
            assets,
            tables,
            drafts_skipped: loaded.drafts_skipped,
            failed: loaded.failed.clone(),
        };
        (view, data)
    }

    /// The tables and project data `level` may see.
    fn data_view(&self, data: &Data, level: usize, money_hidden: bool) -> Data {
        let project_shown = |slug: &str| self.project_folders.get(slug).is_none_or(|&l| l <= level);
        let is_money = |name: &str| {
            let (folder, table) = match name.strip_prefix("projects/") {
                Some(rest) => {
                    let mut parts = rest.splitn(3, '/');
                    let slug = parts.next().unwrap_or("");
                    (Some(slug), parts.next().unwrap_or(""))
                }
                None => (None, name.split('/').next().unwrap_or("")),
            };
            (folder.is_some() && table == "budget") || self.money_tables.iter().any(|m| m == table)
        };
        let tables = data
            .tables
            .iter()
            .filter(|(name, _)| {
                let slug = name
                    .strip_prefix("projects/")
                    .and_then(|r| r.split('/').next());
                slug.is_none_or(project_shown) && !(money_hidden && is_money(name))
            })
            .map(|(n, t)| (n.clone(), t.clone()))
            .collect();
        let projects = data
            .projects
            .iter()
            .filter(|(slug, _)| project_shown(slug))
            .map(|(slug, d)| {
                let mut d = d.clone();
                if money_hidden {
                    d.budget.clear();
                }
                (slug.clone(), d)
            })
            .collect();
        Data { tables, projects }
    }
}

/// Leaves out the ```chart and ```table blocks of `page` over tables this build does not
/// hold, and, where money is restricted, those over `portfolio` naming one of its
/// amounts. A block over a table no build holds stays, to be reported as usual.
fn drop_blocks(
    page: &mut Page,
    full: &BTreeSet<&str>,
    visible: &BTreeSet<&str>,
    money_hidden: bool,
) {
    let slug = page.project_slug().map(str::to_string).or_else(|| {
        let rest = page.rel_path.strip_prefix("projects/")?;
        Some(rest.split('/').next()?.to_string())
    });
    let keep: Vec<bool> = page
        .body
        .blocks
        .iter()
        .zip(&page.blocks)
        .map(|(raw, spec)| {
            let name = match spec {
                crate::blocks::BlockSpec::Chart(c) => &c.data,
                crate::blocks::BlockSpec::Table(t) => &t.data,
            };
            let own = slug.as_ref().map(|s| format!("projects/{s}/{name}"));
            // As `charts::find_table` looks: the name as written, then the page's
            // project's table of that name.
            let found = std::iter::once(name.as_str())
                .chain(own.as_deref())
                .find(|n| full.contains(n));
            let known = crate::layout::DERIVED_TABLES.contains(&name.as_str())
                || found.is_none_or(|n| visible.contains(n));
            let money = money_hidden
                && name == "portfolio"
                && raw
                    .text
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .any(|w| MONEY_COLUMNS.contains(&w));
            known && !money
        })
        .collect();
    if keep.iter().all(|k| *k) {
        return;
    }
    let mut html = std::mem::take(&mut page.body.html);
    let mut kept = 0;
    for (n, &k) in keep.iter().enumerate() {
        let marker = crate::markdown::block_marker(n);
        let now = if k {
            let renumbered = crate::markdown::block_marker(kept);
            kept += 1;
            renumbered
        } else {
            String::new()
        };
        html = html.replacen(&marker, &now, 1);
    }
    page.body.html = html;
    let mut flags = keep.iter();
    page.body.blocks.retain(|_| *flags.next().unwrap_or(&true));
    let mut flags = keep.iter();
    page.blocks.retain(|_| *flags.next().unwrap_or(&true));
}

fn data_tables(data: &Data) -> BTreeSet<&str> {
    data.tables.keys().map(String::as_str).collect()
}

/// The file or page a link points at, relative to `content/` (or the site root for a
/// leading `/`), without its `#fragment` or `?query`.
fn target(dir: &str, dest: &str) -> Option<String> {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() || crate::markdown::scheme_of(dest).is_some() {
        return None;
    }
    let path = crate::escape::percent_decode(path);
    match path.strip_prefix('/') {
        Some(abs) => Some(abs.to_string()),
        None => crate::layout::join(dir, &path),
    }
}

/// A link target written as a URL (`lessons/x/`, `lessons/x/index.html`) in the form
/// pages' URLs take.
fn as_url(target: &str) -> String {
    let trimmed = target.trim_end_matches("index.html");
    if trimmed.is_empty() || trimmed.ends_with('/') {
        trimmed.to_string()
    } else {
        format!("{trimmed}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_targets_are_paths_under_content_without_fragments() {
        assert_eq!(
            target("practices", "vendor/dispute.md#证据").as_deref(),
            Some("practices/vendor/dispute.md")
        );
        assert_eq!(
            target("lessons", "/files/%E6%B8%85%E5%8D%95.csv").as_deref(),
            Some("files/清单.csv")
        );
        assert_eq!(target("lessons", "https://example.com/a.md"), None);
        assert_eq!(target("lessons", "#top"), None);
        assert_eq!(target("", "../x.md"), None);
        assert_eq!(as_url("lessons/x/index.html"), "lessons/x/");
        assert_eq!(as_url("lessons/x"), "lessons/x/");
    }
}
