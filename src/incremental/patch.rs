//! The cheap rebuilds: edited pages and data tables patched into the linked site.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{failure, Workspace};
use crate::charts;
use crate::content::load::{declares_draft, load_page};
use crate::content::page::Kind;
use crate::data::read::read as read_table;
use crate::render::{self, Job};
use crate::site::{same_place, PageId};
use crate::BuildFailure;

impl Workspace {
    /// Parses the edited pages and patches them into the site. `None` when an edit moves
    /// a page (new title, date, tags …): then only a full rebuild is right.
    pub(super) fn patch_pages(
        &mut self,
        pages: Vec<(PageId, String)>,
    ) -> Result<Option<Vec<Job>>, BuildFailure> {
        let root = &self.options.root;
        let content = root.join("content");
        let mut edits = Vec::new();
        let mut problems = Vec::new();
        for (id, rel) in pages {
            match load_page(&content, root, &rel) {
                Ok(page) if page.draft && !self.options.drafts => return Ok(None),
                Ok(page) if !same_place(self.state.site.page(id), &page) => return Ok(None),
                Ok(page) => edits.push((id, page)),
                // Like a clean build, skip a draft too unfinished to parse.
                Err(_) if !self.options.drafts && declares_draft(&content.join(&rel)) => {
                    return Ok(None)
                }
                Err(p) => problems.extend(p),
            }
        }
        if !problems.is_empty() {
            return Err(failure(problems));
        }
        let ids: Vec<PageId> = edits.iter().map(|(id, _)| *id).collect();
        let site = &mut self.state.site;
        let moved_backlinks = site.patch(edits).map_err(failure)?;

        let mut block_problems = Vec::new();
        for &id in &ids {
            match charts::blocks_of(site, id, &self.state.i18n) {
                Ok(html) => self.state.figures.blocks[id] = html,
                Err(p) => block_problems.extend(p),
            }
        }
        if !block_problems.is_empty() {
            self.stale = true;
            return Err(failure(block_problems));
        }

        let site = &self.state.site;
        let mut jobs = Vec::new();
        let mut add = |new: Vec<Job>| {
            for job in new {
                if !jobs.contains(&job) {
                    jobs.push(job);
                }
            }
        };
        for &id in &ids {
            add(render::showing(site, id));
            if self.cache.refresh_summary(site, &self.state.i18n, id)
                || matches!(site.page(id).kind, Kind::Section | Kind::Home)
            {
                add(render::listing(site, id));
            }
        }
        for target in moved_backlinks {
            add(render::showing(site, target));
        }
        Ok(Some(jobs))
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
            let inner = text
                .strip_prefix("content/")
                .or_else(|| text.strip_prefix("data/"))
                .unwrap_or(&text);
            let name = inner.rsplit_once('.').map_or(inner, |(stem, _)| stem);
            match read_table(&root.join(rel), rel, name) {
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
            return Err(failure(problems));
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
        for slug in &slugs {
            let (data, p) = crate::data::project_data(&site.tables, slug);
            problems.extend(p);
            projects.push((slug.clone(), data));
        }
        if !problems.is_empty() {
            for old in previous {
                site.tables.insert(old.name.clone(), old);
            }
            return Err(failure(problems));
        }
        let mut ids = Vec::new();
        for (slug, data) in projects {
            if let Some(&id) = site.projects.get(&slug) {
                ids.push(id);
            }
            site.project_data.insert(slug, data);
        }
        for (name, table) in crate::derive::tables::all(site, &self.state.i18n) {
            site.tables.insert(name, table);
        }

        // The tables are in place; a chart that cannot be drawn now leaves the site
        // holding them, so only a full rebuild can be trusted after it.
        let site = &self.state.site;
        let i18n = &self.state.i18n;
        let figures = &mut self.state.figures;
        let mut drawn = Vec::new();
        for &id in &ids {
            let slug = site.page(id).project().map_or("", |p| p.slug.as_str());
            match charts::project_figures(site, slug, id, i18n) {
                Ok(f) => {
                    figures.projects.insert(id, f);
                }
                Err(d) => drawn.push(d),
            }
        }
        match charts::dashboard_figures(site, i18n) {
            Ok(f) => figures.dashboard = f,
            Err(p) => drawn.extend(p),
        }
        for (id, page) in site.pages.iter().enumerate() {
            if !page.blocks.is_empty() {
                match charts::blocks_of(site, id, i18n) {
                    Ok(html) => figures.blocks[id] = html,
                    Err(p) => drawn.extend(p),
                }
            }
        }
        if !drawn.is_empty() {
            self.stale = true;
            return Err(failure(drawn));
        }
        Ok(Some(render::showing_data(site, &ids)))
    }
}
