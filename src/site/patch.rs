//! Editing a linked site in place. `serve` uses it when an edit leaves every page where it
//! was — same URL, title, date, taxonomies and project — so sections, taxonomies and
//! projects stay as they are and only links need looking at again.

use crate::content::load::Loaded;
use crate::content::page::Page;
use crate::data::Data;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::{links, PageId, Site};

/// Whether `new` can replace `old` without changing the shape of the site: everything
/// that places a page in lists, menus and taxonomies, or orders those lists, is the same.
pub fn same_place(old: &Page, new: &Page) -> bool {
    old.kind == new.kind
        && old.rel_path == new.rel_path
        && old.url == new.url
        && old.title == new.title
        && old.date == new.date
        && old.tags == new.tags
        && old.category == new.category
        && old.weight == new.weight
        && old.draft == new.draft
        && old.extra == new.extra
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
        for (id, links) in resolved {
            self.links[id] = links;
        }
        let backlinks = links::backlinks(self, &self.links);
        let changed = backlinks
            .ids()
            .filter(|&i| backlinks[i] != self.backlinks[i])
            .collect();
        self.backlinks = backlinks;
        Ok(changed)
    }
}
