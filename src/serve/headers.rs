//! The headers every answer of `pmo serve` carries, whatever it answers (a page, a
//! script, a refusal): `X-Content-Type-Options: nosniff`, so that a browser runs or shows
//! a file only as the type it is served as — an attachment served as
//! `application/octet-stream` is never read for HTML — and the site's
//! Content-Security-Policy (`render::policy`), so that a script an author slipped past
//! the build's checks would still not run in the preview. The live-reload script is a
//! file of the server's own (`/__pmo/live.js`), which the policy allows.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use super::http::Shared;
use crate::render::policy::policy_for;

pub async fn add(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // The policy is ASCII: it always makes a header value.
    if let Ok(policy) = HeaderValue::from_str(&policy_for(shared.trusts_html())) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}
