//! serve's accept loop. axum's own `serve` sets no timer on its connections, so a client
//! that opened a connection and never finished its request (slowloris) held a task and a
//! file descriptor for as long as it liked; with `--bind 0.0.0.0` any machine on the
//! network could open enough to leave serve without descriptors. Here hyper closes a
//! connection whose request headers are not complete in time (an idle kept-alive one
//! too: its next request's headers are awaited with the same limit), and the number of
//! connections open at once is capped. A response being written, such as the endless
//! live-reload stream, is not subject to the limit.

use std::sync::Arc;
use std::time::Duration;

use axum::serve::Listener;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::sync::Semaphore;

/// How long a request's headers may take to arrive, counted from the connection's
/// opening or from the end of its previous response.
pub(super) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections served at once: far more than the browsers previewing a site open (about
/// six each, one of them the reload stream), and far fewer than the usual limit of 1024
/// descriptors, which the watcher and the rebuilds need too. Past it, new connections
/// wait in the listener's queue until one closes.
const MAX_CONNECTIONS: usize = 512;

/// Serves `router` on `listener` until the process ends.
pub(super) async fn run<L: Listener>(mut listener: L, router: Router) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        // The semaphore is never closed; this ends only if it were.
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        // axum's listener retries on its own when accepting fails (out of descriptors).
        let (io, _) = listener.accept().await;
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            // A connection ends in an error when the client leaves or times out:
            // nothing anyone needs to hear about.
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(io), service)
                .await;
            drop(slot);
        });
    }
}
