//! Cross-site request refusal for the console: a state-changing request to a server function
//! (`/rpc/…`) or the console's own routes must come from a page of this server. The session
//! cookie is `SameSite=Strict` already, so a cross-site request carries no session; this layer
//! refuses it outright (403) whenever the browser says where it comes from — `Sec-Fetch-Site:
//! cross-site`, or an `Origin` whose host is not this request's `Host` — so even a browser
//! without SameSite support cannot be used against a signed-in user.
//!
//! The REST APIs are not covered: they authenticate every request by token or signature, not
//! by cookie, so another site's page cannot borrow a user's credentials for them.

use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The middleware.
pub async fn refuse_cross_site(req: Request, next: Next) -> Response {
    let guarded =
        req.uri().path().starts_with("/rpc/") || req.uri().path().starts_with("/console/");
    if guarded && req.method() != Method::GET && is_cross_site(req.headers()) {
        return (
            StatusCode::FORBIDDEN,
            "cross-site requests to the console are refused",
        )
            .into_response();
    }
    next.run(req).await
}

/// Whether the browser says the request comes from another site.
fn is_cross_site(h: &HeaderMap) -> bool {
    if h.get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("cross-site"))
    {
        return true;
    }
    let Some(origin) = h.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let host = h.get(header::HOST).and_then(|v| v.to_str().ok());
    // `Origin: null` (sandboxed frames, file://) names no page of ours either.
    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
    origin_host.is_none() || origin_host != host
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn same_origin_and_originless_requests_pass() {
        assert!(!is_cross_site(&headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000")
        ])));
        assert!(!is_cross_site(&headers(&[("host", "127.0.0.1:3000")])));
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
    }

    #[test]
    fn other_origins_null_and_cross_site_fetches_are_refused() {
        assert!(is_cross_site(&headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "https://evil.example")
        ])));
        assert!(is_cross_site(&headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "null")
        ])));
        assert!(is_cross_site(&headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3001")
        ])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
    }
}
