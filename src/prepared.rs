//! Changing a prepared site after an edit, for `serve`. The prepared site is the one owner
//! of its state: replacing pages or tables re-links, re-derives the tables, redraws the
//! charts and checks currencies here, in the order `prepare` runs them, so the caller
//! (`incremental::Workspace`) only classifies edits, asks what depends on them, renders and
//! compares files.
//!
//! Every operation ends one of two ways, and says which: done, or refused with the site
//! either as it was before the call (`intact`) or holding part of the change (then only a
//! full build can be trusted). That flag is the one rollback convention of the crate.

use std::collections::BTreeSet;

use crate::charts;
use crate::content::page::Page;
use crate::data::Table;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ids::{Id, IdVec};
use crate::kinds::Kind;
use crate::site::PageId;
use crate::{BuildFailure, Prepared};

/// How replaced pages went in.
#[derive(Debug)]
pub enum Replaced {
    /// Every page kept its place: the pages whose backlinks changed.
    InPlace { backlinks_changed: Vec<PageId> },
    /// Pages kept their lists but have new titles, which order pages of one date (or
    /// weight) within them: the lists were sorted again and the derived tables made
    /// again. `shifted`: the pages whose place in a list changed, and the retitled ones;
    /// `redrawn`: the pages whose chart and table blocks were drawn again.
    Retitled {
        backlinks_changed: Vec<PageId>,
        shifted: Vec<PageId>,
        redrawn: Vec<PageId>,
    },
    /// A page moved (new title, date, tags, project …): the site was linked again, its
    /// derived tables and every chart drawn from them made again.
    Relinked,
}

/// A change the prepared site did not take.
#[derive(Debug)]
pub struct Refused {
    pub failure: BuildFailure,
    /// The site is exactly as before the call; when false it holds part of the change.
    pub intact: bool,
}

impl Refused {
    fn intact(problems: Vec<Diagnostic>) -> Refused {
        Refused {
            failure: problems.into(),
            intact: true,
        }
    }

    fn broken(problems: Vec<Diagnostic>) -> Refused {
        Refused {
            failure: problems.into(),
            intact: false,
        }
    }
}

impl Prepared {
    /// Puts freshly parsed pages in place of pages `id`. Pages that kept their places
    /// are patched in (links re-resolved, their chart blocks redrawn); otherwise the site
    /// is linked again from the pages in memory and everything drawn from it redone.
    /// Related lessons are left as they were: finding them reads every lesson, which
    /// `serve` does after the reload ([`crate::incremental::Workspace::settle`]).
    pub fn replace_pages(&mut self, edits: Vec<(PageId, Page)>) -> Result<Replaced, Refused> {
        let ids: Vec<PageId> = edits.iter().map(|(id, _)| *id).collect();
        let in_place = edits
            .iter()
            .all(|(id, page)| crate::site::same_place(self.site.page(*id), page));
        if in_place {
            let backlinks_changed = self.site.patch(edits).map_err(Refused::intact)?;
            self.redraw_blocks(&ids).map_err(Refused::broken)?;
            return Ok(Replaced::InPlace { backlinks_changed });
        }
        let retitled = edits
            .iter()
            .all(|(id, page)| crate::site::same_lists(self.site.page(*id), page));
        if retitled {
            // Linking again would cost the whole site; sorting the lists again does not.
            let backlinks_changed = self.site.patch(edits).map_err(Refused::intact)?;
            let shifted = self.site.reorder(&ids);
            // The derived `lessons` table lists lessons' titles (a project's new title
            // calls for a full rebuild before this).
            let lessons = ids
                .iter()
                .any(|&id| self.site.page(id).kind == Kind::Lesson);
            if lessons {
                crate::derive::tables::retitle_lessons(&mut self.site, &self.i18n, &ids);
            }
            // Only blocks reading the lessons table can show a title. The dashboard's
            // charts count lessons by category, phase and impact and name projects: a
            // retitled lesson or practice changes none of them, so they are kept (at
            // 100,000 pages drawing them again was a quarter of a title edit).
            let redrawn: Vec<PageId> = self
                .site
                .pages
                .iter_enumerated()
                .filter(|&(id, page)| {
                    ids.contains(&id)
                        || (lessons && page.blocks.iter().any(|b| b.data() == "lessons"))
                })
                .map(|(id, _)| id)
                .collect();
            self.redraw_blocks(&redrawn).map_err(Refused::broken)?;
            return Ok(Replaced::Retitled {
                backlinks_changed,
                shifted,
                redrawn,
            });
        }
        let mut previous = Vec::with_capacity(edits.len());
        for (id, page) in edits {
            previous.push((id, std::mem::replace(&mut self.site.pages[id], page)));
        }
        let diagnostics = Diagnostics::default();
        self.relink(&diagnostics);
        if diagnostics.has_errors() {
            // Back to the last good pages, which linked without errors before.
            for (id, page) in previous {
                self.site.pages[id] = page;
            }
            self.relink(&Diagnostics::default());
            return Err(Refused::intact(diagnostics.into_sorted()));
        }
        self.redraw_from_tables(&[], &ids)
            .map_err(Refused::broken)?;
        Ok(Replaced::Relinked)
    }

    /// Adds new pages to the site and takes away those at `gone` (paths under `content/`),
    /// then links it again from the pages in memory, as a page that moved does. Page ids
    /// shift with the sorted paths: the drawings and related lessons per page follow
    /// their pages (related lessons are found again after the reload, as for an edit).
    /// Returns the ids of the added pages, and the pages whose related lessons lost one
    /// that is gone.
    pub fn add_remove_pages(
        &mut self,
        added: Vec<Page>,
        gone: &[String],
    ) -> Result<(Vec<PageId>, Vec<PageId>), Refused> {
        let old_paths: Vec<String> = self.site.pages.iter().map(|p| p.rel_path.clone()).collect();
        let added_paths: Vec<String> = added.iter().map(|p| p.rel_path.clone()).collect();
        let (mut kept, removed): (Vec<Page>, Vec<Page>) = std::mem::take(&mut self.site.pages)
            .into_iter()
            .partition(|p| !gone.contains(&p.rel_path));
        kept.extend(added);
        // Linking sorts the pages by path again and hands out their new ids.
        self.site.pages = IdVec::from_raw(kept);
        let diagnostics = Diagnostics::default();
        self.relink(&diagnostics);
        if diagnostics.has_errors() {
            // Back to the last good pages, which linked without errors before.
            let mut pages = std::mem::take(&mut self.site.pages).into_raw();
            pages.retain(|p| !added_paths.contains(&p.rel_path));
            pages.extend(removed);
            self.site.pages = IdVec::from_raw(pages);
            self.relink(&Diagnostics::default());
            return Err(Refused::intact(diagnostics.into_sorted()));
        }
        let new_id = |path: &str| self.site.page_at(path);
        let mut blocks = IdVec::filled(Vec::new(), self.site.pages.len());
        for (old, html) in std::mem::take(&mut self.drawings.blocks)
            .into_iter()
            .enumerate()
        {
            if let Some(id) = old_paths.get(old).and_then(|p| new_id(p)) {
                blocks[id] = html;
            }
        }
        self.drawings.blocks = blocks;
        if let Some(kept) = &mut self.drawings.projects {
            *kept = std::mem::take(kept)
                .into_iter()
                .filter_map(|(old, f)| Some((new_id(old_paths.get(old.index())?)?, f)))
                .collect();
        }
        let shortened = self
            .related
            .renumber(|old| new_id(old_paths.get(old.index())?));
        let ids: Vec<PageId> = added_paths.iter().filter_map(|p| new_id(p)).collect();
        self.redraw_from_tables(&[], &ids)
            .map_err(Refused::broken)?;
        Ok((ids, shortened))
    }

    /// Puts re-read data tables in place of those of the same name, then remakes what
    /// reads them: the projects' typed rows, the derived tables, the currency check and
    /// the charts. Returns the project pages whose data changed.
    pub fn replace_tables(&mut self, fresh: Vec<Table>) -> Result<Vec<PageId>, Refused> {
        let site = &mut self.site;
        let slugs: BTreeSet<String> = fresh
            .iter()
            .filter_map(|t| crate::data::project_table(&t.name).map(|(slug, _)| slug.to_string()))
            .collect();
        let mut previous = Vec::new();
        for table in fresh {
            if let Some(old) = site.tables.insert(table.name.clone(), table) {
                previous.push(old);
            }
        }
        let mut problems = Vec::new();
        let mut projects = Vec::new();
        let bases = crate::data::Bases::new(site.pages.as_slice(), site.config.budget.basis);
        for slug in &slugs {
            let (mut data, p) = crate::data::project_data(&site.tables, slug, bases.of(slug));
            data.as_of = Some(site.config.as_of());
            problems.extend(p);
            projects.push((slug.clone(), data));
        }
        if !problems.is_empty() {
            for old in previous {
                site.tables.insert(old.name.clone(), old);
            }
            return Err(Refused::intact(problems));
        }
        let mut ids = Vec::new();
        for (slug, data) in projects {
            if let Some(&id) = site.projects.get(&slug) {
                ids.push(id);
            }
            site.project_data.insert(slug, data);
        }
        // A rates table or a budget's last month decides which rates apply: a currency
        // left without one fails here as in a clean build.
        let currency = crate::derive::currency::check(site);
        if !currency.is_empty() {
            return Err(Refused::broken(currency));
        }
        crate::derive::tables::attach(site, &self.i18n, &Diagnostics::default());
        self.redraw_from_tables(&ids, &[])
            .map_err(Refused::broken)?;
        Ok(ids)
    }

    /// The link and derive stages again, over the pages in memory.
    fn relink(&mut self, diagnostics: &Diagnostics) {
        self.site.relink(diagnostics);
        crate::derive::tables::attach(&mut self.site, &self.i18n, diagnostics);
    }

    /// The ```chart and ```table blocks of `pages` drawn again.
    fn redraw_blocks(&mut self, pages: &[PageId]) -> Result<(), Vec<Diagnostic>> {
        let mut problems = Vec::new();
        for (id, drawn) in charts::blocks_of(&self.site, pages, &self.i18n) {
            match drawn {
                Ok(html) => self.drawings.blocks[id] = html,
                Err(p) => problems.extend(p),
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Draws again what reads the tables: the charts of `projects`, the dashboard, every
    /// page's chart and table blocks, and those of `pages` (edited, with or without
    /// blocks).
    fn redraw_from_tables(
        &mut self,
        projects: &[PageId],
        pages: &[PageId],
    ) -> Result<(), Vec<Diagnostic>> {
        let site = &self.site;
        let i18n = &self.i18n;
        let mut problems = Vec::new();
        for &id in projects {
            let slug = site.page(id).project().map_or("", |p| p.slug.as_str());
            match charts::project_drawings(site, slug, id, i18n) {
                Ok(f) => {
                    if let Some(kept) = &mut self.drawings.projects {
                        kept.insert(id, f);
                    }
                }
                Err(d) => problems.push(d),
            }
        }
        match charts::dashboard_drawings(site, i18n) {
            Ok(f) => self.drawings.dashboard = f,
            Err(p) => problems.extend(p),
        }
        let with_blocks: Vec<PageId> = site
            .pages
            .iter_enumerated()
            .filter(|&(id, page)| !page.blocks.is_empty() || pages.contains(&id))
            .map(|(id, _)| id)
            .collect();
        if let Err(p) = self.redraw_blocks(&with_blocks) {
            problems.extend(p);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}
