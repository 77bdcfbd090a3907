//! `X-Cancel-Reason`: why a caller cancels a job, on the cancel routes (`DELETE
//! …/graphs/{g}/jobs/{id}` and HyG's). Not in the cloud APIs, which take no body on a cancel;
//! optional, like `X-Job-Priority`. The reason is kept with the job (its cancel reason, which a
//! cancel that misses its deadline reports as the failure) and is the audit entry's message,
//! as the console's cancel reason is.
//!
//! UTF-8, at most 200 characters after trimming, no control characters; anything else is
//! refused with GES.8000 naming the header, before the job is touched.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::error::ApiError;

/// The header.
pub(crate) const CANCEL_REASON_HEADER: &str = "x-cancel-reason";
/// The longest reason kept, in characters.
const MAX_CHARS: usize = 200;

/// The reason a cancel request gave, if any.
#[derive(Debug, Clone, Default)]
pub(crate) struct CancelReason(pub Option<String>);

impl CancelReason {
    /// The reason given, or `default`.
    pub(crate) fn or<'a>(&'a self, default: &'a str) -> &'a str {
        self.0.as_deref().unwrap_or(default)
    }
}

/// The reason in `headers`: `Ok(None)` when there is none (or only blanks), `Err` with what is
/// wrong with it.
pub(crate) fn reason(headers: &HeaderMap) -> Result<Option<String>, String> {
    let Some(value) = headers.get(CANCEL_REASON_HEADER) else {
        return Ok(None);
    };
    let text = std::str::from_utf8(value.as_bytes())
        .map_err(|_| format!("header [{CANCEL_REASON_HEADER}] must be UTF-8"))?
        .trim();
    if text.chars().any(char::is_control) {
        return Err(format!(
            "header [{CANCEL_REASON_HEADER}] must not hold control characters"
        ));
    }
    if text.chars().count() > MAX_CHARS {
        return Err(format!(
            "header [{CANCEL_REASON_HEADER}] is longer than {MAX_CHARS} characters"
        ));
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

impl<S: Send + Sync> FromRequestParts<S> for CancelReason {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        reason(&parts.headers)
            .map(CancelReason)
            .map_err(|why| ApiError::bad_request("GES.8000", why))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with(value: &[u8]) -> Result<Option<String>, String> {
        let mut headers = HeaderMap::new();
        headers.insert(
            CANCEL_REASON_HEADER,
            HeaderValue::from_bytes(value).unwrap(),
        );
        reason(&headers)
    }

    #[test]
    fn keeps_a_trimmed_reason_and_refuses_what_it_cannot_show() {
        assert_eq!(reason(&HeaderMap::new()), Ok(None));
        assert_eq!(with(b"  "), Ok(None));
        assert_eq!(with(b" wrong graph "), Ok(Some("wrong graph".into())));
        assert_eq!(with("zu groß".as_bytes()), Ok(Some("zu groß".into())));
        assert!(with(b"\xff\xfe").unwrap_err().contains("UTF-8"));
        assert!(with(b"a\tb").unwrap_err().contains("control"));
        assert_eq!(
            with("é".repeat(200).as_bytes()).map(|r| r.map(|r| r.chars().count())),
            Ok(Some(200))
        );
        assert!(
            with("é".repeat(201).as_bytes())
                .unwrap_err()
                .contains("200")
        );
    }
}
