//! One audience's filter over single pages: links across the line made text, blocks over
//! tables the audience may not see left out, amounts taken off. A build puts every visible
//! page through it; `serve` keeps it to put an edited page through the same filter
//! without loading the whole site again.

use std::collections::{BTreeSet, HashMap};

use super::MONEY_COLUMNS;
use crate::content::page::{Extra, Page};
use crate::data::Data;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, Problem};
use crate::t;

/// What one audience's build leaves out.
#[derive(Debug, Clone)]
pub struct View {
    /// The audience built for.
    pub(super) build: String,
    /// Hidden pages by path under `content/`, and by URL, each with the audience that
    /// sees it; hidden attachments likewise.
    pub(super) hidden_pages: HashMap<String, String>,
    pub(super) hidden_urls: HashMap<String, String>,
    pub(super) hidden_assets: HashMap<String, String>,
    /// Everything hidden pages link: whether such a file is published depends on whether
    /// a visible page links it too.
    pub(super) linked_hidden: BTreeSet<String>,
    /// The tables of the full site, and those this audience sees.
    pub(super) full_tables: BTreeSet<String>,
    pub(super) visible_tables: BTreeSet<String>,
    pub(super) money_hidden: bool,
}

impl View {
    /// Fits a visible page to this build; returns how many of its links it made text.
    /// Each is warned of at its place when `list_links` (`check`).
    pub fn apply(&self, page: &mut Page, list_links: bool, diagnostics: &Diagnostics) -> usize {
        let build = self.build.as_str();
        let mut across = 0;
        for n in 0..page.body.links.len() {
            let link = &page.body.links[n];
            let Some(target) = target(page.dir(), &link.dest) else {
                continue;
            };
            let url = as_url(&target);
            // A hidden page's old `.html` file, or its old `.md` file whose address it
            // keeps, is the page as much as its own address is.
            let old_file = || {
                self.hidden_urls.get(&target).or_else(|| {
                    target.ends_with(".md").then_some(())?;
                    self.hidden_urls
                        .get(&crate::content::page_file::url_of(&target))
                })
            };
            let audience = self
                .hidden_pages
                .get(&target)
                .or_else(|| self.hidden_urls.get(&url))
                .or_else(old_file)
                .or_else(|| self.hidden_assets.get(&target));
            let Some(audience) = audience else { continue };
            across += 1;
            if list_links {
                diagnostics.push(
                    Diagnostic::warning(Problem::Content(t!(
                        "this links to {target}, which only the `{audience}` audience and above may see: the `{build}` build shows the link's text without the link",
                        target = &link.dest,
                        audience = audience.as_str(),
                        build = build
                    )))
                    .at(Location::new(
                        &page.path,
                        &page.source.text(&page.path),
                        link.span.start,
                        link.span.len(),
                    ))
                    .with_help(t!(
                        "fine if intended; otherwise link to a page `{build}` may see, or give this page the audience of its target",
                        build = build
                    )),
                );
            }
            page.body.html = crate::markdown::unlink(&page.body.html.unpack(), n).into();
            page.body.links[n].dest = String::new();
        }
        if self.money_hidden {
            if let Extra::Project(info) = &mut page.extra {
                info.meta.bac = None;
            }
        }
        drop_blocks(
            page,
            &self.full_tables,
            &self.visible_tables,
            self.money_hidden,
        );
        across
    }

    /// Whether this build's reader may not see amounts.
    pub fn money_hidden(&self) -> bool {
        self.money_hidden
    }

    /// Whether an edit that turned `old` into `new` (both through [`View::apply`]) is
    /// one this filter alone can take: the page keeps its audience and project (which
    /// decide who sees it), links no other file that hidden pages link (which decides
    /// whether such a file is published), and brings no list only higher audiences had
    /// (a tag only hidden pages carried: links to it are links now). Anything else needs
    /// the whole site filtered.
    pub fn admits(&self, old: &Page, new: &Page) -> bool {
        let audience = |p: &Page| p.audience.as_ref().map(|(name, _)| name.clone());
        let shared = |p: &Page| -> BTreeSet<String> {
            linked_files(std::iter::once(p))
                .into_iter()
                .filter(|f| self.linked_hidden.contains(f))
                .collect()
        };
        audience(old) == audience(new)
            && old.project_slug() == new.project_slug()
            && shared(old) == shared(new)
            && !super::lists::lists_of(new)
                .iter()
                .any(|list| self.hidden_urls.contains_key(list))
    }
}

/// Leaves out the ```chart and ```table blocks of `page` over tables this build does not
/// hold, and, where money is restricted, those over `portfolio` naming one of its
/// amounts. A block over a table no build holds stays, to be reported as usual.
fn drop_blocks(
    page: &mut Page,
    full: &BTreeSet<String>,
    visible: &BTreeSet<String>,
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
                .find(|n| full.contains(*n));
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
    let mut html = page.body.html.unpack();
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
    page.body.html = html.into();
    let mut flags = keep.iter();
    page.body.blocks.retain(|_| *flags.next().unwrap_or(&true));
    let mut flags = keep.iter();
    page.blocks.retain(|_| *flags.next().unwrap_or(&true));
}

pub(super) fn data_tables(data: &Data) -> BTreeSet<String> {
    data.tables.keys().cloned().collect()
}

/// The files and pages `pages` link to (paths under `content/`, or the site root).
pub(super) fn linked_files<'a>(pages: impl Iterator<Item = &'a Page>) -> BTreeSet<String> {
    pages
        .flat_map(|p| p.body.links.iter().filter_map(|l| target(p.dir(), &l.dest)))
        .collect()
}

/// The file or page a link points at, relative to `content/` (or the site root for a
/// leading `/`), without its `#fragment` or `?query`.
pub(super) fn target(dir: &str, dest: &str) -> Option<String> {
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
pub(super) fn as_url(target: &str) -> String {
    let trimmed = target.trim_end_matches("index.html");
    if trimmed.is_empty() || trimmed.ends_with('/') {
        trimmed.to_string()
    } else {
        format!("{trimmed}/")
    }
}
