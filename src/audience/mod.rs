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
use std::path::Path;

use crate::config::Config;
use crate::content::load::{Draft, Loaded};
use crate::data::Data;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, Problem};
use crate::kinds::Kind;
use crate::t;

mod lists;
mod view;

pub use view::View;
use view::{data_tables, linked_files};

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
                    let location =
                        Location::new(&page.path, &page.source.text(&page.path), *at, name.len());
                    diagnostics.push(unknown(name, &names).at(location));
                }
                found
            })
            .collect();
        if names.is_empty() {
            return None;
        }
        let level = |name: &String| names.iter().position(|n| n == name).unwrap_or(0);
        let mut defaults: Vec<(String, usize)> = Vec::new();
        for (key, name) in &config.audience_defaults {
            match plain_folder(key) {
                Some(folder) => defaults.push((folder, level(name))),
                None => diagnostics.push(
                    config
                        .at_key(
                            Diagnostic::error(Problem::Config(t!(
                                "[audience_defaults] key `{key}` steps out of its folder with `..`",
                                key = key.as_str()
                            ))),
                            key,
                        )
                        .with_help(t!(
                            "write the folder as it is under content/, e.g. \"practices/vendor\""
                        )),
                ),
            }
        }
        for (folder, _) in &defaults {
            let folder = folder.as_str();
            if !folder.is_empty() && !folder_as_written(content_dir, folder) {
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
                let d = Diagnostic::error(Problem::Config(t!(
                    "[audience_defaults] names `{folder}`, but there is no folder content/{folder}/",
                    folder = folder
                )));
                diagnostics.push(config.at_key(d, folder).with_help(help));
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
                .filter(|(f, _)| dir == f || dir.starts_with(&format!("{f}/")) || f.is_empty())
                .max_by_key(|(f, _)| f.len())
                .map_or(0, |(_, l)| *l)
        };
        let mut pages: Vec<usize> = loaded
            .pages
            .iter()
            .zip(&declared)
            .map(|(p, d)| d.unwrap_or_else(|| inherited(p.dir())))
            .collect();
        let at_audience = |page: &crate::content::page::Page| {
            let at = page.audience.as_ref().map_or(0, |(_, at)| *at);
            let len = page.audience.as_ref().map_or(0, |(name, _)| name.len());
            Location::new(&page.path, &page.source.text(&page.path), at, len)
        };
        for (page, d) in loaded.pages.iter().zip(&declared) {
            let folder = inherited(page.dir());
            let Some(own) = d.filter(|&own| own < folder && !page.dir().is_empty()) else {
                continue;
            };
            // The folder's name shows in the lower build as the page's section, and
            // folder names are often code names.
            diagnostics.push(
                Diagnostic::warning(Problem::Content(t!(
                    "this page is for `{own}`, inside content/{folder}/ which is for `{theirs}`: the `{own}` build shows the folder's name as this page's section",
                    own = names[own],
                    folder = page.dir(),
                    theirs = names[folder]
                )))
                .at(at_audience(page))
                .with_help(t!("move the page out of the folder, or, if the folder's name may be seen, leave it as it is")),
            );
        }
        let mut project_folders = HashMap::new();
        for (page, &l) in loaded.pages.iter().zip(&pages) {
            if let Some(info) = page.project() {
                project_folders.insert(info.slug.clone(), l);
            }
        }
        for ((page, l), d) in loaded.pages.iter().zip(pages.iter_mut()).zip(&declared) {
            if let (Kind::Lesson | Kind::Review, Some(slug)) = (page.kind, page.project_slug()) {
                let project = project_folders.get(slug).copied().unwrap_or(0);
                if d.is_some_and(|own| own < project) {
                    // The author's `audience:` is overruled: said, not done silently.
                    diagnostics.push(
                        Diagnostic::warning(Problem::Content(t!(
                            "this page is for `{own}`, but its project `{project}` is for `{theirs}`: it is shown only to `{theirs}` and above",
                            own = names[*l],
                            project = slug,
                            theirs = names[project]
                        )))
                        .at(at_audience(page))
                        .with_help(t!("a page about a project is seen by whoever sees the project: remove `audience:`, or lower the project's")),
                    );
                }
                *l = (*l).max(project);
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

    /// The `money_tables` entries of site.toml that name no table: each would leave the
    /// table it meant (`costs.csv` for `costs`) to every audience, amounts and all.
    /// A folder in data/ named as the table's file (`costs.xlsx/`) is the cause to tell,
    /// at that folder: site.toml names the table rightly.
    pub fn unknown_money_tables(
        &self,
        root: &Path,
        config: &Config,
        data: &Data,
    ) -> Vec<Diagnostic> {
        let names: BTreeSet<&str> = data.tables.keys().map(|name| table_part(name)).collect();
        let names: Vec<&str> = names.into_iter().collect();
        self.money_tables
            .iter()
            .filter(|m| !names.contains(&m.as_str()))
            .map(|m| {
                if let Some(d) = crate::data::folder_in_place(
                    root,
                    m,
                    t!("`money_tables` in site.toml keeps its amounts from some audiences"),
                ) {
                    return d;
                }
                let help = match crate::suggest::did_you_mean(m, &names) {
                    Some(s) => t!("did you mean `{s}`? An entry is a table's name: its file name without extension, for a data/ file or a project's table alike", s = s),
                    None => t!("an entry is a table's name: its file name without extension, for a data/ file or a project's table alike (`costs` for data/costs.csv)"),
                };
                config
                    .at_key(
                        Diagnostic::error(Problem::Config(t!(
                            "`money_tables` names `{name}`, but no table has that name: its amounts would reach every audience",
                            name = m.as_str()
                        ))),
                        "money_tables",
                    )
                    .with_help(help)
            })
            .collect()
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
    /// see left out (see [`View`], which is returned for `serve` to filter edits with).
    /// `static_files` loses the files only hidden pages link. Links across the line are
    /// warned of one by one when `list_links` (`check`), else in one warning that counts
    /// them: a portal whose practices cite lessons has thousands, which would bury every
    /// other warning of a build.
    pub fn view(
        &self,
        loaded: &Loaded,
        data: &Data,
        level: usize,
        static_files: &mut BTreeMap<String, crate::theme::Source>,
        list_links: bool,
        diagnostics: &Diagnostics,
    ) -> (Loaded, Data, View) {
        let shown = |l: usize| l <= level;
        let money_hidden = self.money_hidden(level);
        let mut hidden_pages = HashMap::new();
        let mut hidden_urls = HashMap::new();
        let mut pages = Vec::new();
        for (page, &l) in loaded.pages.iter().zip(&self.pages) {
            if shown(l) {
                let mut page = page.clone();
                page.restricted = (l > 0).then(|| self.names[l].clone());
                pages.push(page);
            } else {
                hidden_pages.insert(page.rel_path.clone(), self.names[l].clone());
                hidden_urls.insert(page.url.clone(), self.names[l].clone());
                // Its old addresses too: a link to one goes to the page.
                for alias in &page.aliases {
                    hidden_urls.insert(alias.url.clone(), self.names[l].clone());
                }
            }
        }
        // The lists only higher audiences' builds write, linked as their hidden pages.
        for (list, audience) in lists::above(&loaded.pages, &self.pages, level, &self.names) {
            hidden_urls.entry(list).or_insert(audience);
        }
        let hidden_assets: HashMap<String, String> = loaded
            .assets
            .iter()
            .zip(&self.assets)
            .filter(|(_, &l)| !shown(l))
            .map(|(a, &l)| (a.clone(), self.names[l].clone()))
            .collect();

        // Files linked only by hidden pages go with them.
        let linked_hidden = linked_files(
            loaded
                .pages
                .iter()
                .zip(&self.pages)
                .filter(|(_, &l)| !shown(l))
                .map(|(p, _)| p),
        );
        let linked_shown = linked_files(pages.iter());
        let only_hidden: HashSet<String> = linked_hidden
            .iter()
            .filter(|f| !linked_shown.contains(*f))
            .cloned()
            .collect();
        static_files.retain(|path, _| !only_hidden.contains(path.as_str()));

        let full_tables = data_tables(data);
        let data = self.data_view(data, level, money_hidden);
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
        // What a menu link of site.toml may name and this audience may not see.
        let out_of_sight = hidden_urls
            .keys()
            .chain(hidden_pages.keys())
            .chain(hidden_assets.keys())
            .chain(&only_hidden)
            .cloned()
            .collect();
        let view = View {
            build: self.names[level].clone(),
            hidden_pages,
            hidden_urls,
            hidden_assets,
            linked_hidden,
            full_tables,
            visible_tables: data_tables(&data),
            money_hidden,
        };
        let mut across = (0, 0);
        // The first page holding such a link, for the warning to name: "content" alone
        // left its reader to search (the fifth walk-through).
        let mut first: Option<std::path::PathBuf> = None;
        for page in &mut pages {
            let on_page = view.apply(page, list_links, diagnostics);
            across = (across.0 + on_page, across.1 + usize::from(on_page > 0));
            if on_page > 0 && first.is_none() {
                first = Some(page.path.clone());
            }
        }
        if !list_links && across.0 > 0 {
            diagnostics.push(
                Diagnostic::warning(Problem::Content(t!(
                    "{links} link(s) on {pages} page(s) lead to pages or files the `{build}` audience may not see: its build shows their text without the link",
                    links = across.0,
                    pages = across.1,
                    build = view.build.as_str()
                )))
                .in_file(first.as_deref().unwrap_or(std::path::Path::new("content")))
                .with_help(t!("`pmo check` lists each of them")),
            );
        }
        let loaded = Loaded {
            pages,
            assets,
            tables,
            drafts_skipped: loaded.drafts_skipped,
            // Drafts have no audience yet: only the audience that sees everything hears
            // of them (see `Draft::listed`).
            drafts: loaded
                .drafts
                .iter()
                .map(|d| Draft {
                    listed: level + 1 == self.names.len(),
                    ..d.clone()
                })
                .collect(),
            failed: loaded.failed.clone(),
            folders: loaded.folders.clone(),
            links: loaded.links.clone(),
            out_of_sight,
            reviewed_out_of_sight: loaded
                .pages
                .iter()
                .zip(&self.pages)
                .filter(|(_, &l)| !shown(l))
                .filter_map(|(p, _)| p.review())
                .filter(|r| r.review_type == crate::content::schema::ReviewType::Closure)
                .map(|r| r.project.clone())
                .collect(),
        };
        (loaded, data, view)
    }

    /// The tables and project data `level` may see.
    fn data_view(&self, data: &Data, level: usize, money_hidden: bool) -> Data {
        let project_shown = |slug: &str| self.project_folders.get(slug).is_none_or(|&l| l <= level);
        let is_money = |name: &str| {
            let table = table_part(name);
            (name.starts_with("projects/") && table == "budget")
                || self.money_tables.iter().any(|m| m == table)
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

/// The name of a table as `money_tables` gives it: a data/ file's name (`costs` of
/// `costs/Sheet2`), a project table's own (`budget` of `projects/erp/budget`).
fn table_part(name: &str) -> &str {
    match name.strip_prefix("projects/") {
        Some(rest) => rest.split('/').nth(1).unwrap_or(""),
        None => name.split('/').next().unwrap_or(""),
    }
}

/// Whether `folder` (`practices/vendor`) is a folder under `content_dir` named exactly
/// so, each part as its parent lists it. On a disk that ignores case (a Mac, Windows, a
/// file share) `practices/vendor` opens `practices/Vendor`, but pages match the key
/// as written, so a key passing an `is_dir` check restricted none of them and published
/// the folder to everyone (the ninth security hunt).
fn folder_as_written(content_dir: &std::path::Path, folder: &str) -> bool {
    let mut dir = content_dir.to_path_buf();
    for part in folder.split('/') {
        let listed = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| {
                e.file_name() == std::ffi::OsStr::new(part)
                    && e.file_type().is_ok_and(|t| t.is_dir())
            });
        if !listed {
            return false;
        }
        dir.push(part);
    }
    true
}

/// A key of `[audience_defaults]` as the folder under content/ it names, written plainly:
/// `./practices/vendor/`, `practices//vendor` and `practices/./vendor` passed the check
/// that the folder exists but then matched no page, which published it to everyone.
/// `None` for a key stepping out with `..`.
fn plain_folder(key: &str) -> Option<String> {
    let mut parts = Vec::new();
    for part in key.trim().split(['/', '\\']) {
        match part.trim() {
            "" | "." => {}
            ".." => return None,
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::view::{as_url, target};

    /// Checked by the names the folders list, not by opening the path, which a disk
    /// that ignores case or Unicode form opens for another spelling.
    #[test]
    fn a_default_folder_exists_only_as_its_parent_lists_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("practices/Vendor")).unwrap();
        std::fs::write(dir.path().join("practices/notes"), "").unwrap();
        assert!(super::folder_as_written(dir.path(), "practices/Vendor"));
        assert!(super::folder_as_written(dir.path(), "practices"));
        assert!(!super::folder_as_written(dir.path(), "practices/vendor"));
        assert!(!super::folder_as_written(dir.path(), "practices/notes"));
        assert!(!super::folder_as_written(dir.path(), "Practices"));
    }

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
