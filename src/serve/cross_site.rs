//! Which requests of other sites' pages `serve` answers. The search index and the
//! register's data are scripts (`search/x/0-0.js`, `lessons/data-0.js`) so that the
//! built site works from a file share; a page of any site open in the author's browser
//! could load them with `<script src="http://127.0.0.1:1111/…">` and a `PmoSearch` of its
//! own, and read the text of every page the preview shows, the highest audience's
//! included. The `Host:` check ([`super::hosts`]) does not see it: the browser names the
//! server itself. Browsers say who asks in `Sec-Fetch-Site`; what another site asks for
//! is refused, except a navigation (a link followed to the preview), whose page the
//! other site cannot read. Every answer also says `Cross-Origin-Resource-Policy:
//! same-origin`, for browsers that send no `Sec-Fetch-Site` but honour it.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::messages::Lang;
use crate::t;

/// Answers the request unless a page of another site asked for it, other than by
/// navigating to it.
pub async fn check(State(lang): State<Lang>, request: Request, next: Next) -> Response {
    // Read before the request moves on: a borrow of it held across the await would
    // make the handler's future unable to cross threads.
    let (from_elsewhere, navigates) = {
        let said = |name: &str| {
            request
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_ascii_lowercase)
        };
        let from_elsewhere =
            said("sec-fetch-site").is_some_and(|site| site != "same-origin" && site != "none");
        (
            from_elsewhere,
            said("sec-fetch-mode").as_deref() == Some("navigate"),
        )
    };
    if from_elsewhere && !navigates {
        let why = t!("pmo serve answers only its own pages: another site's page asked for this file, and it would read the preview's pages through it").render(lang);
        return (StatusCode::FORBIDDEN, format!("{why}\n")).into_response();
    }
    let mut response = next.run(request).await;
    response.headers_mut().insert(
        header::HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
    response
}
