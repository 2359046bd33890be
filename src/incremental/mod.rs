//! Rebuilding after edits, for `serve`: the last good build stays in memory (its linked
//! site, charts, templates and every output file), and an edit redoes only what depends
//! on it. A rebuild either succeeds as a whole — and then its files equal those a clean
//! build of the same sources would write — or changes nothing.
//!
//! Edits come in three cheap shapes, anything else rebuilds everything:
//! - **pages** whose place in the site is unchanged ([`crate::site::same_place`]): the
//!   pages are parsed again and patched into the site; the jobs showing them, and those
//!   listing them when their summary changed, are rendered again;
//! - **templates**: the jobs using them are rendered again (all jobs for `base.html` and
//!   partials, which every page includes);
//! - **static files** and content attachments: copied again.
//!
//! What reads the whole site — related lessons, the register's data, the hygiene page
//! and the figures' sanity warnings, the search index — is owed, not done, by a cheap
//! rebuild: the reload comes first, and [`Workspace::settle`] pays what is owed while no
//! save waits. Once settled, the files equal those of a clean build.

mod classify;
mod patch;
mod settle;

use crate::t;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Problem};
use crate::output::{Collect, Held};
use crate::render::{self, Job, RenderCache, Renderer};
use crate::site::PageId;
use crate::{BuildFailure, Options, Prepared};
use classify::Change;
use settle::Owed;
pub use settle::{Interrupt, Settled, Step};

/// Every file of the site by its path (`lessons/x/index.html`), packed.
pub type Files = HashMap<String, Arc<Held>>;

/// The files, shared with whoever serves them. A rebuild takes the write lock once, to put
/// all its files in place together, so a reader sees the site before or after a rebuild,
/// never between.
pub type SharedFiles = Arc<RwLock<Files>>;

/// What a rebuild had to redo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Edited pages patched in place; the number of pages rendered again.
    Pages(usize),
    /// Data tables changed; the number of pages rendered again.
    Data(usize),
    /// Templates changed; the number of pages rendered again.
    Templates(usize),
    /// Static files or attachments copied again.
    Static,
    /// Nothing the build reads changed (an editor's swap file, say).
    Nothing,
    /// The whole site.
    Full,
}

/// The outcome of a successful rebuild.
#[derive(Debug)]
pub struct Rebuild {
    pub scope: Scope,
    /// Output files that are new or whose bytes changed.
    pub changed: Vec<String>,
    /// Output files that are gone.
    pub removed: Vec<String>,
    /// The warnings, when this rebuild looked at them again; `None` leaves those shown
    /// as they were (a cheap rebuild owes them to [`Workspace::settle`]).
    pub warnings: Option<Vec<Diagnostic>>,
    pub elapsed: Duration,
}

/// The last good build, held in memory.
pub struct Workspace {
    options: Options,
    state: Prepared,
    cache: RenderCache,
    files: SharedFiles,
    /// Bumped whenever the files change.
    version: u64,
    /// Sources changed since the last successful rebuild (absolute paths).
    pending: BTreeSet<PathBuf>,
    /// A cheap rebuild failed after changing the in-memory site: only a full rebuild can
    /// be trusted next.
    stale: bool,
    /// What cheap rebuilds left for [`Workspace::settle`].
    owed: Owed,
    /// The warnings about the templates' HTML among the state's stage warnings, replaced
    /// when a template is saved.
    markup: Vec<Diagnostic>,
}

impl Workspace {
    /// Builds the whole site into memory.
    pub fn open(options: Options) -> Result<(Workspace, Rebuild), BuildFailure> {
        Workspace::open_into(options, SharedFiles::default())
    }

    /// Builds the whole site into `files` (which a server may already be serving).
    pub fn open_into(
        mut options: Options,
        files: SharedFiles,
    ) -> Result<(Workspace, Rebuild), BuildFailure> {
        // Watchers report absolute paths; compare them with absolute sources.
        options.root = std::fs::canonicalize(&options.root).map_err(|e| {
            Diagnostic::error(Problem::Io(crate::messages::reason(&e)))
                .in_file(&options.root)
                .with_help(t!("run `pmo serve` in the site folder, or pass --root"))
        })?;
        let started = Instant::now();
        let (state, cache, built, markup) = full(&options)?;
        let (changed, removed) = diff(&read(&files), &built);
        *write(&files) = built;
        let rebuild = Rebuild {
            scope: Scope::Full,
            changed,
            removed,
            warnings: Some(state.warnings.clone()),
            elapsed: started.elapsed(),
        };
        let workspace = Workspace {
            options,
            state,
            cache,
            files,
            version: 1,
            pending: BTreeSet::new(),
            stale: false,
            owed: Owed::default(),
            markup,
        };
        Ok((workspace, rebuild))
    }

    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// Whether the site built last trusts its authors' HTML (`trust_html`): `serve`'s
    /// Content-Security-Policy then lets their scripts run.
    pub fn trusts_html(&self) -> bool {
        self.state.site.config.trust_html
    }

    /// The files of the last good build.
    pub fn files(&self) -> SharedFiles {
        Arc::clone(&self.files)
    }

    /// Changes each time the files do.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Rebuilds after `changed` source files (absolute paths) were written, created or
    /// deleted. On failure nothing changes, and the files stay pending: the next rebuild
    /// looks at them again.
    pub fn rebuild(
        &mut self,
        changed: impl IntoIterator<Item = PathBuf>,
    ) -> Result<Rebuild, BuildFailure> {
        let started = Instant::now();
        self.pending.extend(changed);
        let changes: Vec<Change> = self.pending.iter().map(|p| self.classify(p)).collect();
        let mut rebuild = if self.stale || changes.iter().any(|c| matches!(c, Change::Full)) {
            self.rebuild_full()?
        } else {
            self.rebuild_cheap(changes)?
        };
        self.pending.clear();
        self.stale = false;
        rebuild.elapsed = started.elapsed();
        Ok(rebuild)
    }

    fn rebuild_full(&mut self) -> Result<Rebuild, BuildFailure> {
        let (state, cache, files, markup) = full(&self.options)?;
        let (changed, removed) = diff(&read(&self.files), &files);
        self.state = state;
        self.cache = cache;
        self.markup = markup;
        *write(&self.files) = files;
        self.version += 1;
        // A full build does everything itself.
        self.owed = Owed::default();
        Ok(Rebuild {
            scope: Scope::Full,
            changed,
            removed,
            warnings: Some(self.state.warnings.clone()),
            elapsed: Duration::ZERO,
        })
    }

    fn rebuild_cheap(&mut self, changes: Vec<Change>) -> Result<Rebuild, BuildFailure> {
        let Some(sorted) = Sorted::of(changes) else {
            return self.rebuild_full();
        };
        match self.redo(sorted)? {
            Some(redo) => self.render_redo(redo),
            None => self.rebuild_full(),
        }
    }

    /// Hands the changes to the prepared site (pages added and gone first, as their ids
    /// shift, then edited pages, then tables, then templates) and gathers what to render
    /// again. `None` when a change turns out to call for a full rebuild.
    fn redo(&mut self, sorted: Sorted) -> Result<Option<Redo>, BuildFailure> {
        let Sorted {
            mut pages,
            mut added,
            mut gone,
            tables,
            templates,
            statics,
        } = sorted;
        let mut redo = Redo {
            jobs: Vec::new(),
            edited: Vec::new(),
            removed: Vec::new(),
            moved: false,
            scope: if statics {
                Scope::Static
            } else {
                Scope::Nothing
            },
            statics,
            tables: !tables.is_empty(),
        };
        if !added.is_empty() || !gone.is_empty() {
            // Ids shift as pages come and go: pages edited beside are taken away and added
            // again, which is what an edit that moves a page amounts to.
            for (_, rel) in pages.drain(..) {
                gone.push(rel.clone());
                added.push(rel);
            }
            let Some(patched) = self.add_remove_pages(&added, &gone)? else {
                return Ok(None);
            };
            redo.scope = Scope::Pages(patched.jobs.len());
            redo.jobs = patched.jobs;
            redo.removed = patched.removed;
            redo.moved = true;
            self.owed.site_changed();
            // The site changed: a failure from here on calls for a full rebuild.
            self.stale = true;
        }
        if !pages.is_empty() {
            redo.edited = pages.iter().map(|(id, _)| *id).collect();
            let Some(patched) = self.patch_pages(pages)? else {
                return Ok(None);
            };
            redo.scope = Scope::Pages(patched.jobs.len());
            redo.jobs = patched.jobs;
            redo.removed = patched.removed;
            redo.moved = patched.moved;
            self.owed.site_changed();
        }
        if !tables.is_empty() {
            // Pages may already be patched in: a failure from here on leaves the site
            // ahead of the files served, which only a full rebuild puts right.
            self.stale |= !redo.edited.is_empty();
            let Some(patched) = self.patch_tables(&tables)? else {
                return Ok(None);
            };
            add_jobs(&mut redo.jobs, patched.jobs);
            redo.removed.extend(patched.removed);
            redo.scope = Scope::Data(redo.jobs.len());
            // The index holds a project's risks and milestones and the cells of
            // ```table blocks: what the edited table shows.
            self.owed.site_changed();
        }
        if !templates.is_empty() {
            let earlier = !redo.edited.is_empty() || !tables.is_empty();
            let using = self
                .template_jobs(&templates)
                .inspect_err(|_| self.stale |= earlier)?;
            add_jobs(&mut redo.jobs, using);
            redo.scope = Scope::Templates(redo.jobs.len());
        }
        Ok(Some(redo))
    }

    /// Renders what `redo` gathered, with the feeds, the register's data and the static
    /// files it touches, and puts the changed bytes in place of the served ones.
    fn render_redo(&mut self, redo: Redo) -> Result<Rebuild, BuildFailure> {
        let collect = Collect::default();
        let renderer = self.renderer();
        let rendered = renderer.render_jobs(&redo.jobs, &collect).and_then(|()| {
            if redo.moved {
                renderer.write_feeds(&collect)?;
            } else {
                // Pages kept their places, so the sitemap is as it was.
                renderer.write_feed_of(&redo.edited, &collect)?;
            }
            if redo.statics {
                renderer.copy_files(&collect)?;
            }
            Ok(())
        });
        if let Err(diagnostics) = rendered {
            // The site may already hold the edited pages: trust only a full rebuild now.
            self.stale = true;
            return Err(diagnostics.into());
        }
        let changed = self.merge(collect);
        self.remove(&redo.removed);
        Ok(Rebuild {
            scope: redo.scope,
            changed,
            removed: redo.removed,
            // The sanity warnings follow every edit to a project's data: an edited table
            // shows its own before the reload. After other edits they are owed.
            warnings: redo.tables.then(|| {
                crate::with_sanity(
                    &self.state.stage_warnings,
                    &self.state.site,
                    &self.state.i18n,
                )
            }),
            elapsed: Duration::ZERO,
        })
    }

    /// Loads the templates again and returns the jobs that use the changed ones (every
    /// job for `base.html`, a partial or any template a theme need not have).
    fn template_jobs(&mut self, templates: &[String]) -> Result<Vec<Job>, BuildFailure> {
        self.cache.templates = RenderCache::templates(
            &self.state.site,
            &self.state.theme,
            &self.state.i18n,
            &self.options.root,
        )?;
        if !self.state.site.config.trust_html {
            let fresh = render::template_scripts::warnings(&self.state.theme, &self.options.root);
            render::template_scripts::replace(
                &mut self.state.stage_warnings,
                &self.state.theme,
                &self.options.root,
                fresh,
            );
            self.owed.checks = true;
        }
        self.replace_markup_warnings();
        let everything = templates
            .iter()
            .any(|t| !render::templates::is_required(t) || t == "base.html");
        let site = &self.state.site;
        Ok(self
            .renderer()
            .plan()
            .into_iter()
            .filter(|job| everything || templates.iter().any(|t| t == job.template(site)))
            .collect())
    }

    /// Reads one page of each template again, as a full build does, after a template
    /// was saved: a stray `</div>` just typed is told, and one just mended stops being.
    fn replace_markup_warnings(&mut self) {
        let fresh = self.renderer().markup_warnings();
        let told = |d: &Diagnostic| (d.position(), d.problem.to_string());
        let old: std::collections::HashSet<_> = self.markup.iter().map(told).collect();
        let warnings = &mut self.state.stage_warnings;
        warnings.retain(|d| !old.contains(&told(d)));
        warnings.extend(fresh.iter().cloned());
        crate::diagnostics::sort(warnings);
        self.markup = fresh;
        self.owed.checks = true;
    }

    pub(super) fn renderer(&self) -> Renderer<'_> {
        Renderer::new(
            &self.state.site,
            &self.state.drawings,
            &self.state.related,
            &self.cache,
            &self.state.i18n,
            &self.options.root,
        )
    }

    pub(super) fn remove(&mut self, paths: &[String]) {
        if paths.is_empty() {
            return;
        }
        let mut files = write(&self.files);
        for path in paths {
            files.remove(path);
        }
        drop(files);
        self.version += 1;
    }

    /// Puts newly written files in place; returns those whose bytes changed.
    pub(super) fn merge(&mut self, collect: Collect) -> Vec<String> {
        let mut files = write(&self.files);
        let mut changed = Vec::new();
        for (path, held) in collect.into_files() {
            if files.get(&path).is_some_and(|old| **old == held) {
                continue;
            }
            files.insert(path.clone(), Arc::new(held));
            changed.push(path);
        }
        changed.sort();
        if !changed.is_empty() {
            self.version += 1;
        }
        changed
    }
}

/// The files for reading. A poisoned lock means a panic while swapping files in, which
/// takes the write lock only to insert ready values: the map is whole either way.
pub fn read(files: &SharedFiles) -> std::sync::RwLockReadGuard<'_, Files> {
    files.read().unwrap_or_else(|e| e.into_inner())
}

fn write(files: &SharedFiles) -> std::sync::RwLockWriteGuard<'_, Files> {
    files.write().unwrap_or_else(|e| e.into_inner())
}

/// Whether `path` is a file of the search index (the results page beside it is not).
fn is_index_file(path: &str) -> bool {
    path.starts_with("search/") && path.ends_with(".js")
}

/// A clean build into memory, and the warnings about its templates' HTML (also among
/// the state's warnings).
fn full(
    options: &Options,
) -> Result<(Prepared, RenderCache, Files, Vec<Diagnostic>), BuildFailure> {
    let sources = crate::load_keeping_sources(options)?;
    let level = sources.level(options)?;
    let mut state = sources.prepare(level)?;
    let cache = RenderCache::new(&state.site, &state.theme, &state.i18n, &state.root)
        .map_err(BuildFailure::from)?;
    let collect = Collect::default();
    let (_, _, markup) = state.write_with(&cache, &collect, &render::Silent)?;
    for warnings in [&mut state.stage_warnings, &mut state.warnings] {
        warnings.extend(markup.iter().cloned());
        crate::diagnostics::sort(warnings);
    }
    let files = collect
        .into_files()
        .into_iter()
        .map(|(path, held)| (path, Arc::new(held)))
        .collect();
    Ok((state, cache, files, markup))
}

/// Paths new or changed in `new`, and paths gone from it, each sorted.
fn diff(old: &Files, new: &Files) -> (Vec<String>, Vec<String>) {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(path, bytes)| old.get(*path) != Some(*bytes))
        .map(|(path, _)| path.clone())
        .collect();
    let mut removed: Vec<String> = old
        .keys()
        .filter(|path| !new.contains_key(*path))
        .cloned()
        .collect();
    changed.sort();
    removed.sort();
    (changed, removed)
}

/// Adds the jobs not in `jobs` yet, keeping their order.
fn add_jobs(jobs: &mut Vec<Job>, new: impl IntoIterator<Item = Job>) {
    // An added or deleted page asks for every lesson and project page: a set keeps that
    // linear.
    let mut seen: std::collections::HashSet<Job> = jobs.iter().cloned().collect();
    for job in new {
        if seen.insert(job.clone()) {
            jobs.push(job);
        }
    }
}

/// The changes of one rebuild, sorted by what each calls for.
#[derive(Default)]
struct Sorted {
    pages: Vec<(PageId, String)>,
    added: Vec<String>,
    gone: Vec<String>,
    tables: Vec<PathBuf>,
    templates: Vec<String>,
    statics: bool,
}

impl Sorted {
    /// `None` when one of the changes calls for a full rebuild.
    fn of(changes: Vec<Change>) -> Option<Sorted> {
        let mut sorted = Sorted::default();
        for change in changes {
            match change {
                Change::Page(id, rel) => sorted.pages.push((id, rel)),
                Change::Added(rel) => sorted.added.push(rel),
                Change::Removed(rel) => sorted.gone.push(rel),
                Change::Table(rel) => sorted.tables.push(rel),
                Change::Template(name) => sorted.templates.push(name),
                Change::Static => sorted.statics = true,
                Change::Ignored => {}
                Change::Full => return None,
            }
        }
        Some(sorted)
    }
}

/// What a cheap rebuild renders again and takes away.
struct Redo {
    jobs: Vec<Job>,
    /// Pages edited in place (the feed entries to refresh when nothing moved).
    edited: Vec<PageId>,
    /// Output files no longer made.
    removed: Vec<String>,
    /// Some page changed its place in the lists: feeds and the register are rewritten.
    moved: bool,
    scope: Scope,
    statics: bool,
    /// Data tables changed.
    tables: bool,
}
