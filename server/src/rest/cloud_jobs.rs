//! The generic cloud job query `GET /v1/{project_id}/jobs/{job_id}` for every job.
//! Unknown jobs: HTTP 404 `{"error":{"code":"GES.7007",…}}` (graphjobs' job-not-found code; the
//! cloud services each use their own).

use axum::Json;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;

use super::auth::Project;
use crate::error::{ApiError, Surface};
use crate::state::AppState;

/// One job with its sub-jobs.
pub(crate) async fn show(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, job_id)): Path<(String, String)>,
) -> Result<Json<api::cloud::Job>, ApiError> {
    match state.engine.job_for_status(&project, &job_id).await {
        Ok(job) => Ok(Json(api::convert::cloud_job(&job))),
        Err(engine::Error::NotFound { .. }) => Err(ApiError::bad_request(
            "GES.7007",
            format!("job [{job_id}] does not exist"),
        )
        .with_status(StatusCode::NOT_FOUND)
        .on(Surface::Cloud)),
        Err(e) => Err(ApiError::from_engine_on(Surface::Cloud, e, "GES.7007")),
    }
}
