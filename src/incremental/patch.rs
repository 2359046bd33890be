//! The cheap rebuilds: edited pages and data tables patched into the linked site.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{add_jobs, Workspace};
use crate::content::load::{declares_draft, load_page};
use crate::data::read::read as read_table;
use crate::kinds::Kind;
use crate::prepared::Replaced;
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
        let moves = edits
            .iter()
            .any(|(id, page)| !same_place(site.page(*id), page));
        // Every page shows a project's, a section's or the home page's title: one that
        // moved calls for everything.
        if moves
            && edits.iter().any(|(id, _)| {
                matches!(
                    site.page(*id).kind,
                    Kind::Project | Kind::Section | Kind::Home
                )
            })
        {
            return Ok(None);
        }
        let ids: Vec<PageId> = edits.iter().map(|(id, _)| *id).collect();
        // What the moved pages were listed in, before they move.
        let before = moves.then(|| {
            let renderer = self.renderer();
            let site = &self.state.site;
            let lists: Vec<Job> = ids
                .iter()
                .flat_map(|&id| [render::showing(site, id), render::listing(site, id, true)])
                .flatten()
                .collect();
            (outputs(site, &renderer.plan()), outputs(site, &lists))
        });
        let related_before = self.state.related.clone();
        let replaced = self.state.replace_pages(edits).map_err(|refused| {
            self.stale |= !refused.intact;
            refused.failure
        })?;
        // Pages whose related lessons changed, or that show an edited one.
        let related: Vec<Job> = self
            .state
            .related
            .changed_since(&related_before, &ids)
            .into_iter()
            .map(Job::Page)
            .collect();
        let site = &self.state.site;
        match (replaced, before) {
            (Replaced::InPlace { backlinks_changed }, _) => {
                let mut jobs = Vec::new();
                for &id in &ids {
                    add_jobs(&mut jobs, render::showing(site, id));
                    if self.cache.refresh_summary(site, &self.state.i18n, id)
                        || site.page(id).kind.is_index()
                    {
                        add_jobs(&mut jobs, render::listing(site, id, false));
                    }
                }
                for target in backlinks_changed {
                    add_jobs(&mut jobs, render::showing(site, target));
                }
                add_jobs(&mut jobs, related);
                Ok(Some(Patched {
                    jobs,
                    removed: Vec::new(),
                    moved: false,
                }))
            }
            (Replaced::Relinked, before) => {
                let (old_outputs, mut wanted) = before.unwrap_or_default();
                self.cache.refresh_all(site, &self.state.i18n);
                let renderer = self.renderer();
                let after: Vec<Job> = ids
                    .iter()
                    .flat_map(|&id| [render::showing(site, id), render::listing(site, id, true)])
                    .flatten()
                    .collect();
                wanted.extend(outputs(site, &after));
                wanted.extend(outputs(site, &related));
                let plan = renderer.plan();
                let new_outputs = outputs(site, &plan);
                let jobs = plan
                    .into_iter()
                    .filter(|job| wanted.contains(&job.output_path(&job.url(site))))
                    .collect();
                let removed = old_outputs.difference(&new_outputs).cloned().collect();
                Ok(Some(Patched {
                    jobs,
                    removed,
                    moved: true,
                }))
            }
        }
    }

    /// Reads changed data tables again and puts them, their projects' typed rows, the
    /// derived tables and the charts drawn from them in place. `None` when a file now
    /// makes other tables than before (a sheet added or renamed): a full rebuild then.
    pub(super) fn patch_tables(
        &mut self,
        rels: &[PathBuf],
    ) -> Result<Option<Vec<Job>>, BuildFailure> {
        let root = &self.options.root;
        let site = &self.state.site;
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
        let ids = self.state.replace_tables(fresh).map_err(|refused| {
            self.stale |= !refused.intact;
            refused.failure
        })?;
        Ok(Some(render::showing_data(&self.state.site, &ids)))
    }
}
