//! The cheap rebuilds: edited pages and data tables patched into the linked site.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{add_jobs, Workspace};
use crate::charts;
use crate::content::load::{declares_draft, load_page};
use crate::content::page::Page;
use crate::data::read::read as read_table;
use crate::diagnostics::Diagnostics;
use crate::kinds::Kind;
use crate::render::{self, Job};
use crate::site::{same_place, PageId};
use crate::BuildFailure;

/// The files `jobs` write.
fn outputs(site: &crate::site::Site, jobs: &[Job]) -> BTreeSet<String> {
    jobs.iter().map(|j| j.output_path(&j.url(site))).collect()
}

/// What patching edited pages calls for.
pub(super) struct Patched {
    pub jobs: Vec<Job>,
    /// Output files no page makes any more (a term page nobody is tagged with now).
    pub removed: Vec<String>,
    /// Pages moved: the sitemap's dates and list pages may differ.
    pub moved: bool,
}

impl Workspace {
    /// Parses the edited pages and puts them into the site: patched in place when they
    /// kept their places, or with the site linked again when they moved (new title, date,
    /// tags, project …). `None` when only a full rebuild is right: a page turned draft, or
    /// a project's or a section's own page moved (every page shows those).
    pub(super) fn patch_pages(
        &mut self,
        pages: Vec<(PageId, String)>,
    ) -> Result<Option<Patched>, BuildFailure> {
        let root = &self.options.root;
        let content = root.join("content");
        let mut edits = Vec::new();
        let mut problems = Vec::new();
        for (id, rel) in pages {
            match load_page(&content, root, &rel) {
                Ok(page) if page.draft && !self.options.drafts => return Ok(None),
                Ok(page) => edits.push((id, page)),
                // Like a clean build, skip a draft too unfinished to parse.
                Err(_) if !self.options.drafts && declares_draft(&content.join(&rel)) => {
                    return Ok(None)
                }
                Err(p) => problems.extend(p),
            }
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
        let site = &self.state.site;
        if edits
            .iter()
            .any(|(id, page)| !same_place(site.page(*id), page))
        {
            let movable = edits.iter().all(|(id, _)| {
                !matches!(
                    site.page(*id).kind,
                    Kind::Project | Kind::Section | Kind::Home
                )
            });
            return if movable {
                self.relink_pages(edits).map(Some)
            } else {
                Ok(None)
            };
        }
        let ids: Vec<PageId> = edits.iter().map(|(id, _)| *id).collect();
        let site = &mut self.state.site;
        let moved_backlinks = site.patch(edits).map_err(BuildFailure::from)?;

        let mut block_problems = Vec::new();
        for &id in &ids {
            match charts::blocks_of(site, id, &self.state.i18n) {
                Ok(html) => self.state.figures.blocks[id] = html,
                Err(p) => block_problems.extend(p),
            }
        }
        if !block_problems.is_empty() {
            self.stale = true;
            return Err(block_problems.into());
        }

        let site = &self.state.site;
        let mut jobs = Vec::new();
        for &id in &ids {
            add_jobs(&mut jobs, render::showing(site, id));
            if self.cache.refresh_summary(site, &self.state.i18n, id)
                || site.page(id).kind.is_index()
            {
                add_jobs(&mut jobs, render::listing(site, id, false));
            }
        }
        for target in moved_backlinks {
            add_jobs(&mut jobs, render::showing(site, target));
        }
        Ok(Some(Patched {
            jobs,
            removed: Vec::new(),
            moved: false,
        }))
    }

    /// Edited pages that moved: linked again from the pages in memory (nothing else is
    /// read or parsed), then every list they were in or are in now is rendered again.
    fn relink_pages(&mut self, edits: Vec<(PageId, Page)>) -> Result<Patched, BuildFailure> {
        let ids: Vec<PageId> = edits.iter().map(|(id, _)| *id).collect();
        let (old_outputs, mut wanted) = {
            let renderer = self.renderer();
            let site = &self.state.site;
            let before: Vec<Job> = ids
                .iter()
                .flat_map(|&id| [render::showing(site, id), render::listing(site, id, true)])
                .flatten()
                .collect();
            (outputs(site, &renderer.plan()), outputs(site, &before))
        };

        let mut previous = Vec::new();
        for (id, page) in edits {
            previous.push((id, std::mem::replace(&mut self.state.site.pages[id], page)));
        }
        let diagnostics = Diagnostics::default();
        self.relink(&diagnostics);
        if diagnostics.has_errors() {
            // Back to the last good pages, which linked without errors before.
            for (id, page) in previous {
                self.state.site.pages[id] = page;
            }
            self.relink(&Diagnostics::default());
            return Err(diagnostics.into_sorted().into());
        }

        // The derived tables are new: so are the charts drawn from them.
        self.redraw_from_tables(&[], &ids)?;
        let site = &self.state.site;
        self.cache.refresh_all(site, &self.state.i18n);

        let renderer = self.renderer();
        let after: Vec<Job> = ids
            .iter()
            .flat_map(|&id| [render::showing(site, id), render::listing(site, id, true)])
            .flatten()
            .collect();
        wanted.extend(outputs(site, &after));
        let plan = renderer.plan();
        let new_outputs = outputs(site, &plan);
        let jobs = plan
            .into_iter()
            .filter(|job| wanted.contains(&job.output_path(&job.url(site))))
            .collect();
        let removed = old_outputs.difference(&new_outputs).cloned().collect();
        Ok(Patched {
            jobs,
            removed,
            moved: true,
        })
    }

    /// Reads changed data tables again and puts them, their projects' typed rows, the
    /// derived tables and the charts drawn from them in place. `None` when a file now
    /// makes other tables than before (a sheet added or renamed): a full rebuild then.
    pub(super) fn patch_tables(
        &mut self,
        rels: &[PathBuf],
    ) -> Result<Option<Vec<Job>>, BuildFailure> {
        let root = &self.options.root;
        let site = &mut self.state.site;
        let mut fresh = Vec::new();
        let mut problems = Vec::new();
        for rel in rels {
            let text = rel.to_string_lossy().replace('\\', "/");
            match read_table(&root.join(rel), rel, crate::data::table_name(&text)) {
                Ok(tables) => {
                    let mut before: Vec<&str> = site
                        .tables
                        .values()
                        .filter(|t| t.path == *rel)
                        .map(|t| t.name.as_str())
                        .collect();
                    let mut after: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
                    before.sort_unstable();
                    after.sort_unstable();
                    if before != after {
                        return Ok(None);
                    }
                    fresh.extend(tables);
                }
                Err(d) => problems.push(d),
            }
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
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
        let mut projects = Vec::new();
        let bases = crate::data::Bases::new(&site.pages, site.config.budget.basis);
        for slug in &slugs {
            let (data, p) = crate::data::project_data(&site.tables, slug, bases.of(slug));
            problems.extend(p);
            projects.push((slug.clone(), data));
        }
        if !problems.is_empty() {
            for old in previous {
                site.tables.insert(old.name.clone(), old);
            }
            return Err(problems.into());
        }
        let mut ids = Vec::new();
        for (slug, data) in projects {
            if let Some(&id) = site.projects.get(&slug) {
                ids.push(id);
            }
            site.project_data.insert(slug, data);
        }
        // A rates table or a budget's last month decides which rates apply: a currency
        // left without one fails here as in a clean build. The site already holds the new
        // tables, so only a full rebuild can be trusted after this failure.
        let currency = crate::derive::currency::check(site);
        if !currency.is_empty() {
            self.stale = true;
            return Err(currency.into());
        }
        crate::derive::tables::attach(site, &self.state.i18n, &Diagnostics::default());

        self.redraw_from_tables(&ids, &[])?;
        Ok(Some(render::showing_data(&self.state.site, &ids)))
    }

    /// The link and derive stages again, over the pages in memory.
    fn relink(&mut self, diagnostics: &Diagnostics) {
        self.state.site.relink(diagnostics);
        crate::derive::tables::attach(&mut self.state.site, &self.state.i18n, diagnostics);
    }

    /// Draws again what reads the tables: the charts of `projects`, the dashboard, every
    /// page's chart and table blocks, and those of `pages` (edited, with or without
    /// blocks). The site already holds the new tables, so when a chart cannot be drawn
    /// only a full rebuild can be trusted next.
    fn redraw_from_tables(
        &mut self,
        projects: &[PageId],
        pages: &[PageId],
    ) -> Result<(), BuildFailure> {
        let site = &self.state.site;
        let i18n = &self.state.i18n;
        let figures = &mut self.state.figures;
        let mut problems = Vec::new();
        for &id in projects {
            let slug = site.page(id).project().map_or("", |p| p.slug.as_str());
            match charts::project_figures(site, slug, id, i18n) {
                Ok(f) => {
                    figures.projects.insert(id, f);
                }
                Err(d) => problems.push(d),
            }
        }
        match charts::dashboard_figures(site, i18n) {
            Ok(f) => figures.dashboard = f,
            Err(p) => problems.extend(p),
        }
        for (id, page) in site.pages.iter().enumerate() {
            if !page.blocks.is_empty() || pages.contains(&id) {
                match charts::blocks_of(site, id, i18n) {
                    Ok(html) => figures.blocks[id] = html,
                    Err(p) => problems.extend(p),
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            self.stale = true;
            Err(problems.into())
        }
    }
}
