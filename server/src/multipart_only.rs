//! The console's import upload (`/rpc/upload_import`) is a server function reading a multipart
//! body, and server_fn panics on a request without a multipart boundary before the function
//! runs (dropping the connection unanswered). This layer answers such a request itself: 415,
//! whatever the method or session.

use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The upload server function's path (`app`'s `upload_import`).
pub const UPLOAD_PATH: &str = "/rpc/upload_import";

/// The middleware.
pub async fn require_multipart(req: Request, next: Next) -> Response {
    if req.uri().path() == UPLOAD_PATH && !has_boundary(req.headers()) {
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the import form must be sent as multipart/form-data",
        )
            .into_response();
    }
    next.run(req).await
}

/// Whether the request says it is multipart with a boundary (what server_fn needs).
fn has_boundary(h: &HeaderMap) -> bool {
    h.get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| multer::parse_boundary(ct).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_multipart_with_a_boundary_passes() {
        let with = |ct: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, ct.parse().unwrap());
            has_boundary(&h)
        };
        assert!(with("multipart/form-data; boundary=----x"));
        assert!(!with("multipart/form-data"));
        assert!(!with("application/json"));
        assert!(!with("application/x-www-form-urlencoded"));
        assert!(!has_boundary(&HeaderMap::new()));
    }
}
