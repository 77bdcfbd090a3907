//! Two `/v3` routes a cloud client may call that graphjobs does not serve, answered in the
//! cloud job envelope (`{"error":{"code","message"}}`, HTTP 400, `GES.7009` "operation not
//! supported", REFERENCE §8) with the reason and what to use instead:
//! - `GET /v3/{project_id}/jobs/{job_id}`, CFW's job query (REFERENCE §10's neighbouring
//!   variant, not to be merged into the v1 shape): graphjobs runs no CFW jobs. Token-checked
//!   like the v1 query, so the answer says nothing to a caller without a credential.
//! - `POST /v3/auth/tokens`, IAM's token issue (§11 suggests a stand-in): public, as IAM's is.
//!   graphjobs issues no tokens over HTTP; its CLI makes tokens and AK/SK keys.

use axum::extract::Path;

use crate::error::{ApiError, Surface};

use super::instance_actions::NOT_SUPPORTED;

/// `GET /v3/{project_id}/jobs/{job_id}`.
pub(crate) async fn cfw_job(Path((project, job)): Path<(String, String)>) -> ApiError {
    ApiError::bad_request(
        NOT_SUPPORTED,
        format!(
            "CFW job queries are not supported: graphjobs runs no CFW jobs; its jobs answer at \
             GET /v1/{project}/jobs/{job}"
        ),
    )
    .on(Surface::Cloud)
}

/// `POST /v3/auth/tokens`.
pub(crate) async fn iam_tokens() -> ApiError {
    ApiError::bad_request(
        NOT_SUPPORTED,
        "IAM token issue is not supported: graphjobs issues no tokens over HTTP. An operator \
         of the server makes them: `graphjobs token create --project <project_id> [--role \
         viewer|operator|admin]` prints an X-Auth-Token, `graphjobs keys create --project \
         <project_id>` an AK/SK pair for SDK signing",
    )
    .on(Surface::Cloud)
}
