//! What a cheap rebuild leaves owed, and paying it. An edit to one lesson reloads the
//! browser with that lesson as soon as it is rendered; what reads every page comes after,
//! one step at a time, each given up as soon as another save arrives (that save's rebuild
//! comes first, and the step is owed again):
//!
//! 1. the lessons register's data (its filters read every lesson);
//! 2. the hygiene page and the figures' sanity warnings;
//! 3. related lessons, found again over every lesson; then the pages whose lists now
//!    read differently, rendered a few at a time;
//! 4. the search index.
//!
//! At 100,000 pages finding related lessons takes seconds and the index tens of seconds:
//! done before the reload, every save waited for them.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::{read, Workspace};
use crate::diagnostics::Diagnostic;
use crate::output::Collect;
use crate::related::Related;
use crate::render::{self, Job};
use crate::site::PageId;
use crate::BuildFailure;

/// Pages rendered again per step for their related lessons: a step stays short, so a
/// save made meanwhile waits little.
const PAGES_PER_STEP: usize = 64;

/// How long a step waits on its worker before asking again whether a save came.
const POLL: Duration = Duration::from_millis(5);

/// Asked while a long step runs: waits up to the given time for a save, and says
/// whether one came (the step is then given up).
pub type Interrupt<'a> = &'a mut dyn FnMut(Duration) -> bool;

/// What cheap rebuilds left to do.
#[derive(Debug, Default)]
pub(super) struct Owed {
    pub register: bool,
    pub checks: bool,
    pub related: bool,
    /// Lessons and projects edited, added or moved since related lessons were last found
    /// (source paths): every list showing one is rendered again, as it shows its summary.
    pub edited: BTreeSet<String>,
    /// Pages to render again for their related lessons (source paths; ids shift when
    /// pages come and go).
    pub rerender: BTreeSet<String>,
    pub search: bool,
}

impl Owed {
    /// Pages or tables changed: everything drawn from the whole site is owed.
    pub fn site_changed(&mut self) {
        self.register = true;
        self.checks = true;
        self.search = true;
    }

    fn nothing(&self) -> bool {
        !(self.register || self.checks || self.related || self.search || !self.rerender.is_empty())
    }
}

/// One step of settling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Register,
    Checks,
    Related,
    /// Pages rendered again for their related lessons.
    Pages(usize),
    Search,
}

/// A step done.
#[derive(Debug)]
pub struct Settled {
    pub step: Step,
    /// Output files new or changed.
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    /// The warnings, when this step looked at them again.
    pub warnings: Option<Vec<Diagnostic>>,
    pub elapsed: Duration,
}

impl Workspace {
    /// Whether nothing is owed: the files equal those of a clean build.
    pub fn settled(&self) -> bool {
        self.owed.nothing()
    }

    /// Does the next owed step. With `interrupt`, long work runs on a thread of its own
    /// while `interrupt` waits for a save; when one comes the work is told to stop and
    /// `Ok(None)` returned, with the step still owed. On a failure nothing more is owed,
    /// and the next rebuild is a full one.
    pub fn settle(
        &mut self,
        interrupt: Option<Interrupt>,
    ) -> Result<Option<Settled>, BuildFailure> {
        let started = Instant::now();
        let done = self.step(interrupt);
        if done.is_err() {
            self.owed = Owed::default();
            self.stale = true;
        }
        Ok(done?.map(|mut settled| {
            settled.elapsed = started.elapsed();
            settled
        }))
    }

    /// Every owed step, none interrupted: what each did.
    pub fn settle_all(&mut self) -> Result<Vec<Settled>, BuildFailure> {
        let mut steps = Vec::new();
        while !self.settled() {
            steps.extend(self.settle(None)?);
        }
        Ok(steps)
    }

    fn step(&mut self, interrupt: Option<Interrupt>) -> Result<Option<Settled>, BuildFailure> {
        let owed = &self.owed;
        if owed.register {
            self.register(interrupt)
        } else if owed.checks {
            self.checks(interrupt)
        } else if owed.related {
            self.related(interrupt)
        } else if !owed.rerender.is_empty() {
            self.rerender()
        } else if owed.search {
            self.search(interrupt)
        } else {
            Ok(None)
        }
    }

    fn register(&mut self, interrupt: Option<Interrupt>) -> Result<Option<Settled>, BuildFailure> {
        let renderer = self.renderer();
        let Some(written) = run(interrupt, |_| {
            let collect = Collect::default();
            renderer.write_register_data(&collect).map(|_| collect)
        }) else {
            return Ok(None);
        };
        let changed = self.merge(written?);
        self.owed.register = false;
        Ok(Some(done(Step::Register, changed)))
    }

    fn checks(&mut self, interrupt: Option<Interrupt>) -> Result<Option<Settled>, BuildFailure> {
        let renderer = self.renderer();
        let state = &self.state;
        let page = state.site.config.hygiene.page;
        let Some((rendered, warnings)) = run(interrupt, |_| {
            let collect = Collect::default();
            let rendered = if page {
                renderer.render_jobs(&[Job::Hygiene], &collect)
            } else {
                Ok(())
            };
            let warnings = crate::with_sanity(&state.stage_warnings, &state.site, &state.i18n);
            (rendered.map(|()| collect), warnings)
        }) else {
            return Ok(None);
        };
        let changed = self.merge(rendered?);
        self.owed.checks = false;
        Ok(Some(Settled {
            warnings: Some(warnings),
            ..done(Step::Checks, changed)
        }))
    }

    /// Finds related lessons again, and owes the pages whose lists now read differently.
    fn related(&mut self, interrupt: Option<Interrupt>) -> Result<Option<Settled>, BuildFailure> {
        let site = &self.state.site;
        let Some(Some(related)) = run(interrupt, |stop| Related::until(site, stop)) else {
            return Ok(None);
        };
        let edited: Vec<PageId> = self
            .owed
            .edited
            .iter()
            .filter_map(|path| site.page_at(path))
            .collect();
        let changed = related.changed_since(&self.state.related, &edited);
        self.owed
            .rerender
            .extend(changed.iter().map(|&id| site.page(id).rel_path.clone()));
        self.state.related = related;
        self.owed.related = false;
        self.owed.edited.clear();
        Ok(Some(done(Step::Related, Vec::new())))
    }

    /// Renders a few of the pages owed for their related lessons; short enough not to
    /// need interrupting.
    fn rerender(&mut self) -> Result<Option<Settled>, BuildFailure> {
        let mut paths = Vec::with_capacity(PAGES_PER_STEP);
        while paths.len() < PAGES_PER_STEP {
            let Some(path) = self.owed.rerender.pop_first() else {
                break;
            };
            paths.push(path);
        }
        let site = &self.state.site;
        let mut jobs = Vec::new();
        for id in paths.iter().filter_map(|path| site.page_at(path)) {
            super::add_jobs(&mut jobs, render::showing(site, id));
        }
        let collect = Collect::default();
        self.renderer().render_jobs(&jobs, &collect)?;
        let changed = self.merge(collect);
        Ok(Some(done(Step::Pages(jobs.len()), changed)))
    }

    /// Writes the search index again; returns the index files that changed and those it
    /// no longer has (a text cut short has fewer excerpt blocks).
    fn search(&mut self, interrupt: Option<Interrupt>) -> Result<Option<Settled>, BuildFailure> {
        let state = &self.state;
        if !state.site.config.search {
            // `search = false`: the site has no index to keep.
            self.owed.search = false;
            return Ok(Some(done(Step::Search, Vec::new())));
        }
        let written = run(interrupt, |stop| {
            let collect = Collect::default();
            crate::search::index::write_until(
                &state.site,
                &state.i18n,
                &state.words,
                &collect,
                stop,
            )
            .map(|files| files.map(|_| collect))
        });
        let Some(Some(collect)) = written.transpose()? else {
            return Ok(None);
        };
        let paths: BTreeSet<String> = collect.paths().collect();
        let removed: Vec<String> = read(&self.files)
            .keys()
            .filter(|p| super::is_index_file(p) && !paths.contains(*p))
            .cloned()
            .collect();
        let changed = self.merge(collect);
        self.remove(&removed);
        self.owed.search = false;
        Ok(Some(Settled {
            removed,
            ..done(Step::Search, changed)
        }))
    }
}

fn done(step: Step, changed: Vec<String>) -> Settled {
    Settled {
        step,
        changed,
        removed: Vec::new(),
        warnings: None,
        elapsed: Duration::ZERO,
    }
}

/// Runs `work`. With `interrupt`, on a thread of its own while `interrupt` waits for a
/// save: when one comes, `work` is told to stop (through the flag it is given) and its
/// result dropped (`None`); when one is waiting already, `work` is not started. A panic
/// in `work` goes on in the caller.
fn run<T: Send>(
    interrupt: Option<Interrupt>,
    work: impl FnOnce(&AtomicBool) -> T + Send,
) -> Option<T> {
    let stop = AtomicBool::new(false);
    let Some(interrupt) = interrupt else {
        return Some(work(&stop));
    };
    // A save already waiting: not worth starting.
    if interrupt(Duration::ZERO) {
        return None;
    }
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| work(&stop));
        while !worker.is_finished() {
            if interrupt(POLL) {
                stop.store(true, Ordering::Relaxed);
                break;
            }
        }
        let given_up = stop.load(Ordering::Relaxed);
        match worker.join() {
            Ok(value) => (!given_up).then_some(value),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}
