//! Editing a linked site in place. `serve` uses it when an edit leaves every page where it
//! was — same URL, title, date, taxonomies and project — so sections, taxonomies and
//! projects stay as they are and only links need looking at again.

use crate::content::load::Loaded;
use crate::content::page::{Extra, Page};
use crate::data::Data;
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::cmp::Ordering;
use std::collections::BTreeSet;

use crate::site::{links, sections, PageId, Site};

/// Whether `new` can replace `old` without changing the shape of the site: everything
/// that places a page in lists, menus and taxonomies, or orders those lists, is the same.
pub fn same_place(old: &Page, new: &Page) -> bool {
    old.title == new.title && same_lists(old, new)
}

/// Whether `new` stays in every list `old` is in: all [`same_place`] compares but the
/// title. A new title moves a page within a list only among pages of its date (or, for
/// practices, its weight), which lists order by title next.
pub fn same_lists(old: &Page, new: &Page) -> bool {
    old.kind == new.kind
        && old.rel_path == new.rel_path
        && old.url == new.url
        && old.date == new.date
        && old.tags == new.tags
        && old.category == new.category
        && old.weight == new.weight
        && old.draft == new.draft
        && same_aliases(old, new)
        && untitled(&old.extra) == untitled(&new.extra)
}

/// Whether the page keeps its old addresses: a new one, or one gone, links the site
/// again (its clashes are checked over the whole site, and a redirect comes or goes).
fn same_aliases(old: &Page, new: &Page) -> bool {
    old.aliases.len() == new.aliases.len()
        && old
            .aliases
            .iter()
            .zip(&new.aliases)
            .all(|(a, b)| a.url == b.url)
}

/// A page's own fields without its title (compared on its own) and without where in the
/// file they sit (which a longer title shifts; it only points errors at their line).
fn untitled(extra: &Extra) -> Extra {
    let mut extra = extra.clone();
    match &mut extra {
        Extra::Lesson(info) => {
            info.meta.title.clear();
            info.project_at = 0;
        }
        Extra::Review(info) => {
            info.meta.title.clear();
            info.project_at = 0;
        }
        Extra::Project(info) => info.meta.title.clear(),
        Extra::Practice(meta) => meta.title.clear(),
        Extra::None => {}
    }
    extra
}

impl Site {
    /// Links the site again from the pages it holds (some of them replaced): the shape
    /// changes (a page moved to other lists) without reading or parsing any file again.
    /// The derived tables are the derive stage's to attach again afterwards.
    pub fn relink(&mut self, diagnostics: &Diagnostics) {
        let tables = std::mem::take(&mut self.tables);
        let loaded = Loaded {
            pages: std::mem::take(&mut self.pages).into_raw(),
            assets: std::mem::take(&mut self.assets),
            tables: Vec::new(),
            drafts_skipped: 0,
            drafts: std::mem::take(&mut self.drafts),
            failed: Vec::new(),
            folders: self.link_index.folders.drain().collect(),
            links: Vec::new(),
            reviewed_out_of_sight: self.reviewed_out_of_sight.iter().cloned().collect(),
            out_of_sight: self.out_of_sight.iter().cloned().collect(),
        };
        let data = Data {
            tables,
            projects: std::mem::take(&mut self.project_data),
        };
        let statics = std::mem::take(&mut self.static_files);
        let money_shown = self.money_shown;
        *self = super::link(self.config.clone(), loaded, data, statics, diagnostics);
        self.money_shown = money_shown;
    }

    /// Puts edited pages in place (each must be [`same_place`] as the page it replaces)
    /// and re-resolves their links and the links pointing into them (anchors may have
    /// gone). On a broken link nothing changes and the problems are returned. On success,
    /// returns the pages whose backlinks changed.
    pub fn patch(&mut self, edits: Vec<(PageId, Page)>) -> Result<Vec<PageId>, Vec<Diagnostic>> {
        let mut recheck: Vec<PageId> = Vec::new();
        let mut old_pages = Vec::with_capacity(edits.len());
        for (id, page) in edits {
            recheck.push(id);
            recheck.extend(&self.backlinks[id]);
            old_pages.push((id, std::mem::replace(&mut self.pages[id], page)));
        }
        recheck.sort_unstable();
        recheck.dedup();
        let (resolved, problems) = links::resolve_some(self, &recheck);
        if problems.iter().any(Diagnostic::is_error) {
            for (id, page) in old_pages {
                self.pages[id] = page;
            }
            return Err(problems);
        }
        let changed = links::patch_backlinks(&mut self.backlinks, &self.links, &resolved);
        for (id, links) in resolved {
            self.links[id] = links;
        }
        Ok(changed)
    }

    /// Sorts again the lists holding pages `ids` (their section's pages, their kind's
    /// newest-first list, their terms' pages, their project's lists) after the pages
    /// were [`patch`](Site::patch)ed in with new titles. Returns the pages whose place
    /// in some list changed, and `ids` themselves: what the list pages showing them, and
    /// the neighbours of a practice, need.
    pub fn reorder(&mut self, ids: &[PageId]) -> Vec<PageId> {
        let pages = &self.pages;
        let mut shifted: BTreeSet<PageId> = ids.iter().copied().collect();
        let mut sort = |list: &mut Vec<PageId>, order: fn(&Page, &Page) -> Ordering| {
            if !list.iter().any(|p| ids.contains(p)) {
                return;
            }
            let before = list.clone();
            list.sort_by(|&a, &b| order(&pages[a], &pages[b]));
            for (old, new) in before.iter().zip(list.iter()) {
                if old != new {
                    shifted.insert(*old);
                    shifted.insert(*new);
                }
            }
        };
        for section in &mut self.sections {
            sort(&mut section.pages, sections::listing_order);
        }
        for list in self.newest.values_mut() {
            sort(list, Page::cmp_newest);
        }
        for taxonomy in &mut self.taxonomies {
            for term in &mut taxonomy.terms {
                sort(&mut term.pages, Page::cmp_newest);
            }
        }
        for links in self.project_links.values_mut() {
            for list in [&mut links.lessons, &mut links.reviews, &mut links.related] {
                sort(list, Page::cmp_newest);
            }
        }
        shifted.into_iter().collect()
    }
}
