//! Watching the site's sources for `serve`. Editors save in many ways — write in place,
//! write a temporary file and rename it over the old one, delete and create, leave swap
//! files about — so events are debounced into batches of changed paths and the rebuild
//! decides what each path means (a path that no longer exists and was never a source is
//! ignored there).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use crate::messages::Text;
use crate::t;

use notify_debouncer_full::notify::event::{CreateKind, EventKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

/// How long a burst of events must be quiet before it is handed on. Editors' save dances
/// take well under this; the reload waits for it, so it is short.
pub const DEBOUNCE: Duration = Duration::from_millis(15);

pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: BTreeSet<PathBuf>,
}

/// What the watcher hands on: a batch of changed paths, or why watching failed.
pub type Batch = Result<Vec<PathBuf>, Text>;

impl Watcher {
    /// Starts watching `root` (absolute). Batches arrive on the returned receiver.
    pub fn start(root: &Path) -> Result<(Watcher, mpsc::Receiver<Batch>), Text> {
        let (tx, rx) = mpsc::channel();
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let batch = match result {
                Ok(events) => Ok(changed_paths(&events)),
                // The first error says what went wrong; the rest are usually its echoes.
                Err(errors) => Err(t!(
                    "watching the sources: {why}",
                    why = errors
                        .first()
                        .map_or_else(|| t!("an unknown error"), crate::messages::reason)
                )),
            };
            // The receiver is gone only when serve is shutting down.
            let _ = tx.send(batch);
        })
        .map_err(|e| crate::messages::reason(&e))?;
        let mut watcher = Watcher {
            debouncer,
            root: root.to_path_buf(),
            watched: BTreeSet::new(),
        };
        watcher
            .debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| {
                t!(
                    "cannot watch {dir}: {why}",
                    dir = root.display().to_string(),
                    why = crate::messages::reason(&e)
                )
            })?;
        watcher.watch_sources()?;
        Ok((watcher, rx))
    }

    /// Watches each source folder that exists and is not watched yet (one may appear
    /// after serve started: the first file under a new `static/`).
    pub fn watch_sources(&mut self) -> Result<(), Text> {
        // `site.toml` is watched through the root itself.
        for name in crate::layout::watched_folders() {
            let dir = self.root.join(name);
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.debouncer
                    .watch(&dir, RecursiveMode::Recursive)
                    .map_err(|e| {
                        t!(
                            "cannot watch {dir}: {why}",
                            dir = dir.display().to_string(),
                            why = crate::messages::reason(&e)
                        )
                    })?;
                self.watched.insert(dir);
            }
        }
        Ok(())
    }
}

/// The paths a batch of events touched. Reading a file fires access events, which would
/// loop forever if they counted. A new folder may arrive with files whose own creation
/// was never reported, so its files are listed too.
fn changed_paths(events: &[notify_debouncer_full::DebouncedEvent]) -> Vec<PathBuf> {
    let mut paths = BTreeSet::new();
    for event in events {
        if matches!(event.kind, EventKind::Access(_)) {
            continue;
        }
        for path in &event.paths {
            let new_folder = matches!(event.kind, EventKind::Create(CreateKind::Folder))
                || (matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_))
                    && path.is_dir());
            if new_folder {
                for entry in walkdir::WalkDir::new(path).into_iter().flatten() {
                    if entry.file_type().is_file() {
                        paths.insert(entry.into_path());
                    }
                }
            }
            paths.insert(path.clone());
        }
    }
    paths.into_iter().collect()
}
