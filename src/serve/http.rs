//! The HTTP side of `serve`: the site straight from memory (so a browser never sees a
//! half-written page), the live-reload script, and the server-sent events that drive it.

use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use crate::escape::percent_decode;
use crate::incremental::{read, Files, SharedFiles};
use crate::messages::Lang;
use crate::t;

/// Where the live-reload script and its event stream live; no site path starts with `__`.
pub const LIVE_JS: &str = "/__pmo/live.js";
pub const EVENTS: &str = "/__pmo/events";

/// What the browsers are told.
#[derive(Debug, Clone)]
pub enum LiveEvent {
    /// Pages changed after a save: reload.
    Reload { version: u64 },
    /// Owed work after a save changed these files: the browsers showing one of them (or
    /// a page whose data beside it changed) reload.
    Update { version: u64, paths: Vec<String> },
    /// Only stylesheets changed: swap them in place.
    Css { version: u64, paths: Vec<String> },
    /// The last save broke the build: show its errors over the page.
    Broken { errors: Vec<String> },
    /// The build works again.
    Fixed,
    /// The warnings of the last good build changed: show them in a corner panel.
    Warnings { warnings: Vec<String> },
}

/// The state the server and the rebuild thread share.
pub struct Shared {
    files: SharedFiles,
    status: RwLock<Status>,
    events: broadcast::Sender<LiveEvent>,
    /// The language of the page shown before any build succeeded.
    lang: Lang,
    /// Whether the site served trusts its authors' HTML: the policy sent with each
    /// answer lets their scripts run then (`super::headers`).
    trusts_html: AtomicBool,
}

#[derive(Debug, Clone, Default, Serialize)]
struct Status {
    /// Bumped by every rebuild that changed files.
    version: u64,
    /// The reports of the failing build, if the last one failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<Vec<String>>,
    /// The warnings of the last good build (shown without hiding the page).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

impl Shared {
    pub fn new(files: SharedFiles, lang: Lang) -> Arc<Shared> {
        let (events, _) = broadcast::channel(64);
        Arc::new(Shared {
            files,
            status: RwLock::new(Status::default()),
            events,
            lang,
            trusts_html: AtomicBool::new(false),
        })
    }

    fn status(&self) -> Status {
        self.status
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Tells the browsers that the files changed: reload, or swap stylesheets when they
    /// are all that changed.
    pub fn publish(&self, changed: &[String], removed: &[String]) {
        let was_broken = self.set_errors(None);
        if was_broken {
            let _ = self.events.send(LiveEvent::Fixed);
        }
        if changed.is_empty() && removed.is_empty() {
            return;
        }
        let version = self.bump();
        let css_only = removed.is_empty() && changed.iter().all(|p| p.ends_with(".css"));
        let event = if css_only {
            LiveEvent::Css {
                version,
                paths: changed.to_vec(),
            }
        } else {
            LiveEvent::Reload { version }
        };
        // No browser listening is fine.
        let _ = self.events.send(event);
    }

    /// As [`Shared::publish`], after owed work that touched some pages only: the
    /// browsers showing other pages stay as they are. The search index is read afresh by
    /// each query, so its files alone reload nothing.
    pub fn publish_pages(&self, changed: &[String], removed: &[String]) {
        let paths: Vec<String> = changed
            .iter()
            .chain(removed)
            .filter(|p| !p.starts_with("search/"))
            .cloned()
            .collect();
        if paths.is_empty() {
            return;
        }
        let version = self.bump();
        let _ = self.events.send(LiveEvent::Update { version, paths });
    }

    /// A new version of the files.
    fn bump(&self) -> u64 {
        let mut status = self.status.write().unwrap_or_else(|e| e.into_inner());
        status.version += 1;
        status.version
    }

    /// Shows a failed build's reports in every browser. Returns whether they differ from
    /// those already shown: the same errors again are not worth printing again, and a
    /// log that printing them writes into the site folder must not start another rebuild.
    pub fn broken(&self, errors: Vec<String>) -> bool {
        let mut status = self.status.write().unwrap_or_else(|e| e.into_inner());
        let new = status.errors.as_ref() != Some(&errors);
        status.errors = Some(errors.clone());
        drop(status);
        let _ = self.events.send(LiveEvent::Broken { errors });
        new
    }

    /// Shows the last good build's warnings in every browser, when they changed.
    pub fn warnings(&self, warnings: Vec<String>) {
        let mut status = self.status.write().unwrap_or_else(|e| e.into_inner());
        if status.warnings != warnings {
            status.warnings = warnings.clone();
            let _ = self.events.send(LiveEvent::Warnings { warnings });
        }
    }

    /// Sets the errors; returns whether there were errors before.
    fn set_errors(&self, errors: Option<Vec<String>>) -> bool {
        let mut status = self.status.write().unwrap_or_else(|e| e.into_inner());
        std::mem::replace(&mut status.errors, errors).is_some()
    }

    /// Whether a good build is being served: before the first one, a failed build has
    /// no last good version to fall back on, and the terminal must not say it has.
    pub fn serves_a_build(&self) -> bool {
        !read(&self.files).is_empty()
    }

    /// Called after each good build with its `trust_html`.
    pub fn set_trusts_html(&self, trusts: bool) {
        self.trusts_html.store(trusts, Ordering::Relaxed);
    }

    pub fn trusts_html(&self) -> bool {
        self.trusts_html.load(Ordering::Relaxed)
    }

    /// The files being served.
    pub fn files(&self) -> SharedFiles {
        Arc::clone(&self.files)
    }

    /// A receiver of the live events (for tests and tools).
    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.events.subscribe()
    }
}

pub fn router(shared: Arc<Shared>, hosts: super::hosts::AllowedHosts) -> Router {
    let lang = shared.lang;
    Router::new()
        .route(LIVE_JS, get(live_js))
        .route(EVENTS, get(events))
        .fallback(get(site_file))
        .with_state(Arc::clone(&shared))
        .layer(axum::middleware::from_fn_with_state(
            lang,
            super::cross_site::check,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(hosts),
            super::hosts::check,
        ))
        // Outermost, so that the refusals of the checks above carry them too.
        .layer(axum::middleware::from_fn_with_state(
            shared,
            super::headers::add,
        ))
}

async fn live_js() -> Response {
    let mut response = include_str!("live.js").into_response();
    set_type(&mut response, "text/javascript; charset=utf-8");
    response
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe before reading the status, so no event falls between the two.
    let receiver = shared.subscribe();
    let hello = event("hello", &shared.status());
    let live = BroadcastStream::new(receiver).filter_map(|e| match e.ok()? {
        LiveEvent::Reload { version } => Some(event("reload", &Version { version })),
        LiveEvent::Update { version, paths } => Some(event("update", &Update { version, paths })),
        LiveEvent::Css { version, paths } => Some(event("css", &Css { version, paths })),
        LiveEvent::Broken { errors } => Some(event("broken", &Errors { errors })),
        LiveEvent::Fixed => Some(Event::default().event("fixed").data("{}")),
        LiveEvent::Warnings { warnings } => Some(event("warnings", &Warnings { warnings })),
    });
    let stream = tokio_stream::once(hello).chain(live).map(Ok);
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

#[derive(Serialize)]
struct Version {
    version: u64,
}

#[derive(Serialize)]
struct Update {
    version: u64,
    paths: Vec<String>,
}

#[derive(Serialize)]
struct Css {
    version: u64,
    paths: Vec<String>,
}

#[derive(Serialize)]
struct Errors {
    errors: Vec<String>,
}

#[derive(Serialize)]
struct Warnings {
    warnings: Vec<String>,
}

fn event(name: &str, data: &impl Serialize) -> Event {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "{}".into());
    Event::default().event(name).data(json)
}

async fn site_file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let (found, bytes, unbuilt) = {
        let files = read(&shared.files);
        let found = lookup(&files, uri.path());
        let bytes = match &found {
            Lookup::File(path) => files.get(path).cloned(),
            _ => files.get("404.html").cloned(),
        };
        (found, bytes, files.is_empty())
    };
    if unbuilt {
        return unbuilt_page(shared.lang);
    }
    match (found, bytes) {
        (Lookup::File(path), Some(held)) => file_response(&path, held.to_vec(), StatusCode::OK),
        (Lookup::Redirect(to), _) => {
            let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(value) = HeaderValue::from_str(&to) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        (_, Some(page)) => file_response("404.html", page.to_vec(), StatusCode::NOT_FOUND),
        (_, None) => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

/// What a browser is shown while no build has succeeded yet (`serve` started on a site
/// with an error): a page that loads the live script, so the errors show over it and the
/// site replaces it by itself once a fix is saved — not a bare "not found".
fn unbuilt_page(lang: Lang) -> Response {
    let (code, title) = match lang {
        Lang::ZhCn => ("zh-CN", "站点尚未生成"),
        Lang::En => ("en", "The site has not been built yet"),
    };
    let text = t!("the first build failed, so there is no page to show yet: the errors are listed over this page; save a fix and the site appears here by itself").render(lang);
    let mut escaped = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = crate::escape::html_for_templates(&text, &mut escaped);
    let mut html = format!(
        "<!doctype html>\n<html lang=\"{code}\">\n<head><meta charset=\"utf-8\"><meta name=\"pmo-serve\" content=\"unbuilt\"><title>pmo serve: {title}</title></head>\n<body><h1>{title}</h1><p>"
    )
    .into_bytes();
    html.extend_from_slice(&escaped);
    html.extend_from_slice(b"</p></body>\n</html>\n");
    file_response("index.html", html, StatusCode::SERVICE_UNAVAILABLE)
}

#[derive(Debug, PartialEq, Eq)]
enum Lookup {
    File(String),
    /// A folder asked for without its final `/`: relative links need it.
    Redirect(String),
    Missing,
}

fn lookup(files: &Files, raw: &str) -> Lookup {
    let path = percent_decode(raw.trim_start_matches('/'));
    if path.split('/').any(|s| s == "..") {
        return Lookup::Missing;
    }
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    if files.contains_key(&key) {
        return Lookup::File(key);
    }
    if !path.ends_with('/') && files.contains_key(&format!("{path}/index.html")) {
        // One leading slash only: `//host/x` in a Location header sends the browser to
        // another host (and browsers read `/\` as `//`).
        return Lookup::Redirect(format!("/{}/", raw.trim_start_matches(['/', '\\'])));
    }
    Lookup::Missing
}

fn file_response(path: &str, bytes: Vec<u8>, status: StatusCode) -> Response {
    let kind = content_type(path);
    let body = if kind.starts_with("text/html") {
        with_live_script(&bytes)
    } else {
        bytes
    };
    let mut response = (status, body).into_response();
    set_type(&mut response, kind);
    response
}

fn set_type(response: &mut Response, kind: &'static str) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    // Authors must always see their latest save.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

/// The page with the live-reload script before `</body>`.
fn with_live_script(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVE_JS}\" defer></script>");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Held;

    fn files(paths: &[&str]) -> Files {
        paths
            .iter()
            .map(|p| (p.to_string(), Arc::new(Held::new(b"x"))))
            .collect()
    }

    #[test]
    fn paths_map_to_files_folders_redirect_and_nothing_escapes() {
        let f = files(&["index.html", "tags/供应商/index.html", "css/style.css"]);
        assert_eq!(lookup(&f, "/"), Lookup::File("index.html".into()));
        assert_eq!(
            lookup(&f, "/tags/%E4%BE%9B%E5%BA%94%E5%95%86/"),
            Lookup::File("tags/供应商/index.html".into())
        );
        assert_eq!(
            lookup(&f, "/tags/%E4%BE%9B%E5%BA%94%E5%95%86"),
            Lookup::Redirect("/tags/%E4%BE%9B%E5%BA%94%E5%95%86/".into())
        );
        assert_eq!(
            lookup(&f, "/css/style.css"),
            Lookup::File("css/style.css".into())
        );
        assert_eq!(lookup(&f, "/../etc/passwd"), Lookup::Missing);
        // Never a protocol-relative address, which would leave the server.
        let f = files(&["css/index.html"]);
        assert_eq!(lookup(&f, "//css"), Lookup::Redirect("/css/".into()));
        assert_eq!(lookup(&f, "///css"), Lookup::Redirect("/css/".into()));
        for raw in ["/\\css", "//\\css", "/%2F/css", "//%5Ccss"] {
            if let Lookup::Redirect(to) = lookup(&f, raw) {
                assert!(
                    !to.starts_with("//") && !to.starts_with("/\\"),
                    "{raw} → {to}"
                );
            }
        }
        assert_eq!(lookup(&f, "/nope/"), Lookup::Missing);
    }

    #[test]
    fn the_live_script_goes_before_the_last_body_end() {
        let out = with_live_script(b"<html><body><p>x</p></BODY></html>");
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("</p><script src=\"/__pmo/live.js\" defer></script></BODY>"));
        let bare = String::from_utf8(with_live_script(b"<p>x</p>")).unwrap();
        assert!(bare.ends_with("defer></script>"));
    }
}
