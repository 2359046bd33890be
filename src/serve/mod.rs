//! `pmo serve`: builds the site into memory, serves it over HTTP, watches the sources and
//! rebuilds what an edit touches, then tells every open browser to reload (or to swap its
//! stylesheets, or to show the build's errors until the next good save).
//!
//! Three threads of work: the HTTP server (tokio), the watcher (notify's own thread,
//! which hands batches of paths over a channel) and the rebuild loop, which owns the
//! [`Workspace`] and publishes each good build to the server at once.

mod connections;
mod cross_site;
mod headers;
mod hosts;
pub(crate) mod http;
mod watch;

use crate::t;
use std::collections::VecDeque;
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{mpsc, Arc};
use std::time::Duration;

use crate::content::load::display_path;
use crate::diagnostics::{self, Diagnostic, Problem};
use axum::serve::ListenerExt;

use crate::incremental::{Rebuild, Settled, SharedFiles, Workspace};
use crate::messages::Text;
use crate::{BuildFailure, Options};
use http::Shared;
use watch::{Batch, Watcher};

/// Ports tried after the one asked for is taken.
const PORT_ATTEMPTS: u16 = 20;

pub struct ServeOptions {
    pub build: Options,
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Host names besides the bound address that requests may use (`--allow-host`).
    pub allow_hosts: Vec<String>,
}

/// What `serve` tells the person running it; the CLI prints these.
pub enum Note<'a> {
    PortTaken {
        port: u16,
    },
    Listening {
        url: &'a str,
        /// The address other machines open, when serve listens on every address.
        others: Option<&'a str>,
    },
    Built {
        rebuild: &'a Rebuild,
        sources: &'a [PathBuf],
    },
    Failed {
        failure: &'a BuildFailure,
        sources: &'a [PathBuf],
        /// Whether a last good version is still served (none before the first good build).
        served: bool,
    },
    /// A step of what a rebuild left owed is done (see [`Workspace::settle`]).
    Settled {
        settled: &'a Settled,
    },
    Trouble(Text),
}

pub type Notify = Arc<dyn Fn(Note<'_>) + Send + Sync>;

/// Runs until the process is stopped. Returns only on a setup error (no free port, an
/// unreadable site folder, no way to watch it).
pub fn serve(mut options: ServeOptions, notify: Notify) -> Result<(), Diagnostic> {
    // Started where there is no site at all (the wrong folder, or one inside the site),
    // there is nothing to build or watch: told as `build` tells it, and serve ends. A
    // site.toml that is there but broken is served as any broken site, fixed by a save.
    let config = options.build.root.join(crate::layout::CONFIG_FILE);
    if std::fs::symlink_metadata(&config).is_err() {
        crate::config::Config::load_site(&options.build.root)?;
    }
    let root = std::fs::canonicalize(&options.build.root).map_err(|e| {
        Diagnostic::error(Problem::Io(crate::messages::reason(&e)))
            .in_file(&options.build.root)
            .with_help(t!("run `pmo serve` in the site folder, or pass --root"))
    })?;
    options.build.root = root.clone();
    let listener = bind(options.bind, options.port, &notify)?;
    let addr = listener.local_addr().map_err(io_problem)?;
    let (url, others) = hosts::addresses(addr);
    // Links in feeds and the sitemap point at this server, as authors click them here
    // (by the address colleagues use, when they are let in).
    options.build.base_url = Some(others.clone().unwrap_or_else(|| url.clone()));

    let (watcher, batches) = Watcher::start(&root).map_err(|e| {
        Diagnostic::error(Problem::Io(e))
            .in_file(&root)
            .with_help(t!(
                "on Linux, raise fs.inotify.max_user_watches if the site is large"
            ))
    })?;
    let (workspace, shared) = first_build(&options.build, &notify)?;
    {
        let shared = Arc::clone(&shared);
        let notify = Arc::clone(&notify);
        let build = options.build.clone();
        std::thread::spawn(move || {
            rebuild_loop(workspace, build, watcher, batches, &shared, &notify);
        });
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(io_problem)?;
    runtime
        .block_on(async move {
            listener.set_nonblocking(true)?;
            // Live-reload events are a few bytes each: sent at once, not held back until
            // the browser acknowledges the one before (Nagle's algorithm).
            let listener = tokio::net::TcpListener::from_std(listener)?.tap_io(|tcp| {
                let _ = tcp.set_nodelay(true);
            });
            notify(Note::Listening {
                url: &url,
                others: others.as_deref(),
            });
            if options.open {
                open_browser(&url, &notify);
            }
            let hosts = hosts::AllowedHosts::new(
                options.bind,
                &options.allow_hosts,
                crate::messages::Lang::for_site(&root),
            );
            connections::run(listener, http::router(shared, hosts)).await;
            Ok(())
        })
        .map_err(io_problem)
}

/// Binds `port`, or the next free one when it is taken.
fn bind(ip: IpAddr, port: u16, notify: &Notify) -> Result<TcpListener, Diagnostic> {
    let mut port = port;
    for _ in 0..PORT_ATTEMPTS {
        match TcpListener::bind(SocketAddr::new(ip, port)) {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == io::ErrorKind::AddrInUse && port != 0 => {
                notify(Note::PortTaken { port });
                port = port.saturating_add(1);
            }
            Err(e) => {
                return Err(Diagnostic::error(Problem::Io(t!(
                    "cannot listen on {ip}:{port}: {e}",
                    ip = ip,
                    port = port,
                    e = e
                )))
                .with_help(t!(
                    "choose another address with --bind, or another port with --port"
                )))
            }
        }
    }
    Err(Diagnostic::error(Problem::Io(t!(
        "ports {first}–{last} are all taken",
        first = port - PORT_ATTEMPTS,
        last = port
    )))
    .with_help(t!("stop the other servers, or choose a port with --port")))
}

/// The first build; when it fails the server still starts, showing the errors, and the
/// next save tries again — unless the command line itself is wrong (`--audience
/// intenral`), which no save can mend: then serve stops with the error.
fn first_build(
    build: &Options,
    notify: &Notify,
) -> Result<(Option<Workspace>, Arc<Shared>), Diagnostic> {
    let files = SharedFiles::default();
    let shared = Shared::new(
        Arc::clone(&files),
        crate::messages::Lang::for_site(&build.root),
    );
    match Workspace::open_into(build.clone(), files) {
        Ok((workspace, rebuild)) => {
            shared.set_trusts_html(workspace.trusts_html());
            if let Some(warnings) = &rebuild.warnings {
                shared.warnings(rendered(warnings, &build.root));
            }
            notify(Note::Built {
                rebuild: &rebuild,
                sources: &[],
            });
            Ok((Some(workspace), shared))
        }
        Err(failure) => {
            let flag = std::path::Path::new("--audience");
            if let Some(d) = failure
                .diagnostics
                .iter()
                .find(|d| d.path.as_deref() == Some(flag))
            {
                return Err(d.clone());
            }
            notify(Note::Failed {
                failure: &failure,
                served: shared.serves_a_build(),
                sources: &[],
            });
            // Nothing was shown before: the errors are new.
            let _ = shared.broken(reports(&failure, &build.root));
            Ok((None, shared))
        }
    }
}

/// Rebuilds after each burst of saves, and between saves pays what the rebuilds left
/// owed, a step at a time; a save arriving during a step is served first.
fn rebuild_loop(
    mut workspace: Option<Workspace>,
    build: Options,
    mut watcher: Watcher,
    batches: mpsc::Receiver<Batch>,
    shared: &Shared,
    notify: &Notify,
) {
    // Saves that came while a step was running, which gave it up.
    let mut waiting: VecDeque<Batch> = VecDeque::new();
    loop {
        let owing = workspace.as_ref().is_some_and(|w| !w.settled());
        let first = match waiting.pop_front() {
            Some(batch) => batch,
            None if owing => match batches.try_recv() {
                Ok(batch) => batch,
                Err(mpsc::TryRecvError::Empty) => {
                    let broke = workspace
                        .as_mut()
                        .is_some_and(|w| settle(w, &batches, &mut waiting, &build, shared, notify));
                    if broke {
                        // Half-updated by a bug: the next save builds afresh.
                        workspace = None;
                    }
                    continue;
                }
                Err(mpsc::TryRecvError::Disconnected) => return,
            },
            None => match batches.recv() {
                Ok(batch) => batch,
                Err(_) => return,
            },
        };
        let mut sources = Vec::new();
        // Take every batch already waiting: one rebuild for a burst of saves.
        let queued: Vec<Batch> = waiting.drain(..).collect();
        for batch in std::iter::once(first)
            .chain(queued)
            .chain(batches.try_iter())
        {
            match batch {
                Ok(paths) => sources.extend(paths),
                Err(e) => notify(Note::Trouble(e)),
            }
        }
        if let Err(e) = watcher.watch_sources() {
            notify(Note::Trouble(e));
        }
        // Only what the build reads: a log written into the site folder changes with
        // every failed rebuild's report, and would otherwise start the next one.
        sources.retain(|p| {
            p.strip_prefix(&build.root)
                .is_ok_and(crate::layout::is_input)
        });
        sources.sort();
        sources.dedup();
        if sources.is_empty() {
            continue;
        }
        let result = crate::guarded(|| match &mut workspace {
            Some(w) => w.rebuild(sources.iter().cloned()),
            None => Workspace::open_into(build.clone(), shared.files()).map(|(w, r)| {
                workspace = Some(w);
                r
            }),
        });
        if result.as_ref().is_err_and(BuildFailure::is_internal) {
            // The workspace may be half-patched: the next save builds afresh.
            workspace = None;
        }
        let shown: Vec<PathBuf> = sources
            .iter()
            .map(|p| display_path(&build.root, p))
            .collect();
        match result {
            Ok(rebuild) => {
                if let Some(w) = &workspace {
                    shared.set_trusts_html(w.trusts_html());
                }
                // Before the reload, so reloaded pages are greeted with the new warnings.
                if let Some(warnings) = &rebuild.warnings {
                    shared.warnings(rendered(warnings, &build.root));
                }
                shared.publish(&rebuild.changed, &rebuild.removed);
                notify(Note::Built {
                    rebuild: &rebuild,
                    sources: &shown,
                });
            }
            Err(failure) => {
                // The same errors as those on screen are not printed again: the terminal
                // already shows them, and printing them into a log the site folder holds
                // would be a change that starts the next rebuild.
                if shared.broken(reports(&failure, &build.root)) {
                    notify(Note::Failed {
                        failure: &failure,
                        served: shared.serves_a_build(),
                        sources: &shown,
                    });
                }
            }
        }
    }
}

/// One owed step. A save that arrives meanwhile gives the step up and waits in `waiting`
/// for the loop. The pages a step changes are reloaded only in the browsers showing
/// them (a lesson's related lessons, say); the index is fetched afresh by each search.
/// Returns whether the workspace is to be dropped (a bug left it half-updated).
fn settle(
    workspace: &mut Workspace,
    batches: &mpsc::Receiver<Batch>,
    waiting: &mut VecDeque<Batch>,
    build: &Options,
    shared: &Shared,
    notify: &Notify,
) -> bool {
    let mut interrupt = |wait: Duration| match batches.recv_timeout(wait) {
        Ok(batch) => {
            waiting.push_back(batch);
            true
        }
        Err(mpsc::RecvTimeoutError::Timeout) => false,
        // Serve is shutting down.
        Err(mpsc::RecvTimeoutError::Disconnected) => true,
    };
    match crate::guarded(|| workspace.settle(Some(&mut interrupt))) {
        Ok(Some(settled)) => {
            if let Some(warnings) = &settled.warnings {
                shared.warnings(rendered(warnings, &build.root));
            }
            shared.publish_pages(&settled.changed, &settled.removed);
            notify(Note::Settled { settled: &settled });
            false
        }
        Ok(None) => false,
        Err(failure) => {
            if shared.broken(reports(&failure, &build.root)) {
                notify(Note::Failed {
                    failure: &failure,
                    served: shared.serves_a_build(),
                    sources: &[],
                });
            }
            failure.is_internal()
        }
    }
}

/// The reports for the overlay: the same text the CLI prints, without colours.
/// In the site's language, read again each time as site.toml may have changed.
fn reports(failure: &BuildFailure, root: &std::path::Path) -> Vec<String> {
    rendered(failure.errors(), root)
}

/// Diagnostics as the CLI prints them, without colours, in the site's language.
fn rendered<'a>(
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    root: &std::path::Path,
) -> Vec<String> {
    let lang = crate::messages::Lang::for_site(root);
    diagnostics
        .into_iter()
        .map(|d| diagnostics::render(d, lang, false))
        .collect()
}

fn io_problem(e: io::Error) -> Diagnostic {
    Diagnostic::error(Problem::Io(crate::messages::reason(&e)))
}

fn open_browser(url: &str, notify: &Notify) {
    let command = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(e) = command {
        notify(Note::Trouble(t!(
            "could not open a browser ({why}); open {url} yourself",
            why = crate::messages::reason(&e),
            url = url
        )));
    }
}
