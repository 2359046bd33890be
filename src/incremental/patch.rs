//! The cheap rebuilds: edited pages and data tables patched into the linked site.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{add_jobs, Workspace};
use crate::content::load::declares_draft;
use crate::content::page_file::load_page;
use crate::data::read::read as read_table;
use crate::kinds::Kind;
use crate::prepared::Replaced;
use crate::render::{self, Job};
use crate::site::{same_place, PageId};
use crate::BuildFailure;

/// The pages `ids` and every list they are in, as if they had moved.
fn lists_of(site: &crate::site::Site, ids: &[PageId]) -> Vec<Job> {
    ids.iter()
        .flat_map(|&id| [render::showing(site, id), render::listing(site, id, true)])
        .flatten()
        .collect()
}

/// What shows pages `ids` after new titles sorted their lists again (`shifted`: the
/// pages whose place in a list changed, and `ids`): each shifted page's own list pages,
/// which together are every list page whose slice of a list changed; the lists showing
/// the titles (home, the project, the pages linked to); the practices before and after
/// a shifted practice, which name it; and the pages whose blocks were drawn again (those
/// reading the derived `lessons` table, which lists titles).
fn retitled_jobs(
    site: &crate::site::Site,
    ids: &[PageId],
    shifted: &[PageId],
    backlinks_changed: &[PageId],
    redrawn: &[PageId],
) -> Vec<Job> {
    let mut jobs = Vec::new();
    for &id in shifted {
        add_jobs(&mut jobs, render::showing(site, id));
        add_jobs(&mut jobs, render::listing(site, id, false));
        if site.page(id).kind == Kind::Practice {
            let list = &site.section(site.page_section[id]).pages;
            if let Some(at) = list.iter().position(|&p| p == id) {
                let around = at.saturating_sub(1)..(at + 2).min(list.len());
                add_jobs(&mut jobs, list[around].iter().map(|&p| Job::Page(p)));
            }
        }
    }
    for &id in backlinks_changed {
        add_jobs(&mut jobs, render::showing(site, id));
    }
    for &id in redrawn {
        add_jobs(&mut jobs, render::showing(site, id));
    }
    debug_assert!(ids.iter().all(|id| shifted.contains(id)));
    jobs
}

/// The files `jobs` write.
fn outputs(site: &crate::site::Site, jobs: &[Job]) -> BTreeSet<String> {
    jobs.iter().map(|j| j.output_path(&j.url(site))).collect()
}

/// What patching edited pages or data tables calls for.
pub(super) struct Patched {
    pub jobs: Vec<Job>,
    /// Output files no page makes any more (a term page nobody is tagged with now, the
    /// last page of a RAG status's list of projects).
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
            match load_page(&content, root, &rel, !self.state.site.config.trust_html) {
                Ok((page, _)) if page.draft && !self.options.drafts => return Ok(None),
                // Its warnings are told by a full build, as serve's window lists them.
                Ok((_, warnings)) if !warnings.is_empty() => return Ok(None),
                Ok((page, _)) => edits.push((id, page)),
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
        if let Some(view) = &self.state.view {
            // Its warnings are counted by the full build, which serve's window shows.
            let quiet = crate::diagnostics::Diagnostics::default();
            for (id, page) in &mut edits {
                view.apply(page, false, &quiet);
                let old = self.state.site.page(*id);
                if !view.admits(old, page) {
                    return Ok(None);
                }
                // Same audience and project, so the same audience the page is kept for.
                page.restricted.clone_from(&old.restricted);
            }
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
        // A wiki link names a page by its title: one taken or given up may send links
        // elsewhere from pages this edit does not touch.
        if edits
            .iter()
            .any(|(id, page)| crate::site::retitles_a_target(site, site.page(*id), page))
        {
            return Ok(None);
        }
        let ids: Vec<PageId> = edits.iter().map(|(id, _)| *id).collect();
        // Related lessons are drawn from lessons and projects alone.
        let relates = edits.iter().any(|(id, page)| {
            [page.kind, site.page(*id).kind]
                .iter()
                .any(|k| matches!(k, Kind::Lesson | Kind::Project))
        });
        // New titles alone keep every page in its lists, which are only sorted again.
        let retitled = edits
            .iter()
            .all(|(id, page)| crate::site::same_lists(site.page(*id), page));
        // What the moved pages were listed in, before they move.
        let before = (moves && !retitled).then(|| self.listed(&ids));
        let replaced = self.state.replace_pages(edits).map_err(|refused| {
            self.stale |= !refused.intact;
            refused.failure
        })?;
        let site = &self.state.site;
        if relates {
            self.owed.related = true;
            // Lists that show an edited lesson show its new summary.
            self.owed
                .edited
                .extend(ids.iter().map(|&id| site.page(id).rel_path.clone()));
        }
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
                Ok(Some(Patched {
                    jobs,
                    removed: Vec::new(),
                    moved: false,
                }))
            }
            (
                Replaced::Retitled {
                    backlinks_changed,
                    shifted,
                    redrawn,
                },
                _,
            ) => {
                for &id in &ids {
                    self.cache.refresh_summary(site, &self.state.i18n, id);
                }
                Ok(Some(Patched {
                    jobs: retitled_jobs(site, &ids, &shifted, &backlinks_changed, &redrawn),
                    removed: Vec::new(),
                    moved: false,
                }))
            }
            (Replaced::Relinked, before) => {
                Ok(Some(self.relisted(before.unwrap_or_default(), &ids)))
            }
        }
    }

    /// The files of the whole plan, and of the pages `ids` and every list they are in.
    fn listed(&self, ids: &[PageId]) -> (BTreeSet<String>, BTreeSet<String>) {
        let site = &self.state.site;
        (
            outputs(site, &self.renderer().plan()),
            outputs(site, &lists_of(site, ids)),
        )
    }

    /// After the site was linked again: every summary made again, and the jobs of what
    /// [`Workspace::listed`] found `before` and of pages `ids` and their lists now; the
    /// files no job makes any more are gone.
    fn relisted(
        &mut self,
        before: (BTreeSet<String>, BTreeSet<String>),
        ids: &[PageId],
    ) -> Patched {
        let (old_outputs, mut wanted) = before;
        let site = &self.state.site;
        self.cache.refresh_all(site, &self.state.i18n);
        wanted.extend(outputs(site, &lists_of(site, ids)));
        let plan = self.renderer().plan();
        let new_outputs = outputs(site, &plan);
        let jobs = plan
            .into_iter()
            .filter(|job| wanted.contains(&job.output_path(&job.url(site))))
            .collect();
        let removed = old_outputs.difference(&new_outputs).cloned().collect();
        Patched {
            jobs,
            removed,
            moved: true,
        }
    }

    /// Adds the new pages at `added` and takes away those at `gone` (paths under
    /// `content/`; an edited page may be in both), linking the site again as for a page
    /// that moved: a page added or deleted no longer rebuilds the whole site. `None` when
    /// only a full rebuild is right: a project's, a section's or the home page's own page
    /// comes or goes (every page shows those).
    pub(super) fn add_remove_pages(
        &mut self,
        added: &[String],
        gone: &[String],
    ) -> Result<Option<Patched>, BuildFailure> {
        let root = &self.options.root;
        let content = root.join("content");
        let whole_site = |kind: Kind| matches!(kind, Kind::Project | Kind::Section | Kind::Home);
        let mut pages = Vec::new();
        let mut problems = Vec::new();
        for rel in added {
            if crate::output::has_twin_on_disk(&content, rel) {
                // Two names told apart by their Unicode form alone: refused by the walk.
                return Ok(None);
            }
            match load_page(&content, root, rel, !self.state.site.config.trust_html) {
                // A draft is left out, as a clean build leaves it out.
                Ok((page, _)) if page.draft && !self.options.drafts => {}
                Ok((page, warnings)) if whole_site(page.kind) || !warnings.is_empty() => {
                    return Ok(None)
                }
                Ok((page, _)) => pages.push(page),
                Err(_) if !self.options.drafts && declares_draft(&content.join(rel)) => {}
                Err(p) => problems.extend(p),
            }
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
        let site = &self.state.site;
        let mut gone_ids = Vec::new();
        for rel in gone {
            if let Some(id) = site.page_at(rel) {
                if whole_site(site.page(id).kind) {
                    return Ok(None);
                }
                gone_ids.push(id);
            }
        }
        let before = self.listed(&gone_ids);
        let (ids, shortened) = self
            .state
            .add_remove_pages(pages, gone)
            .map_err(|refused| {
                self.stale |= !refused.intact;
                refused.failure
            })?;
        let patched = self.relisted(before, &ids);
        // Lists that lost a lesson gone are rendered again after the reload, with the
        // related lessons found again.
        let site = &self.state.site;
        self.owed.related = true;
        self.owed
            .rerender
            .extend(shortened.iter().map(|&id| site.page(id).rel_path.clone()));
        self.owed
            .edited
            .extend(ids.iter().map(|&id| site.page(id).rel_path.clone()));
        Ok(Some(patched))
    }

    /// Reads changed data tables again and puts them, their projects' typed rows, the
    /// derived tables and the charts drawn from them in place: the jobs to render again
    /// and the listing pages gone. `None` when a file now makes other tables than before
    /// (a sheet added or renamed): a full rebuild then.
    pub(super) fn patch_tables(
        &mut self,
        rels: &[PathBuf],
    ) -> Result<Option<Patched>, BuildFailure> {
        let root = &self.options.root;
        let site = &self.state.site;
        // A project's new RAG status can shorten a status's list by a page.
        let before = outputs(site, &render::showing_data(site, &[]));
        let mut fresh = Vec::new();
        let mut problems = Vec::new();
        for rel in rels {
            let text = rel.to_string_lossy().replace('\\', "/");
            match read_table(&root.join(rel), rel, crate::data::table_name(&text)) {
                Ok((tables, cells)) if !cells.is_empty() => {
                    drop(tables);
                    problems.extend(cells);
                }
                Ok((tables, _)) => {
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
        let jobs = render::showing_data(&self.state.site, &ids);
        let after = outputs(&self.state.site, &jobs);
        Ok(Some(Patched {
            jobs,
            removed: before.difference(&after).cloned().collect(),
            moved: false,
        }))
    }
}
