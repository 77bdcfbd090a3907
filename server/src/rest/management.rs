//! GES management plane v2 job center: `GET /v2/{project_id}/graphs/jobs` and
//! `GET /v2/{project_id}/graphs/{graph_id}/jobs/{job_id}/status`.
//!
//! Choices (DECISIONS.md leaves them open): the job center lists graph-management jobs
//! (imports today; export and clear follow), not algorithm runs; graphs have no separate ids
//! yet, so `{graph_id}` is the graph name; `limit` defaults to 10 and is capped at 100000.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use time::Duration;

use super::auth::Project;
use super::extract::query_u64;
use crate::error::{ApiError, Surface};
use crate::state::AppState;

/// `GET /v2/{project_id}/graphs/jobs?start_time&end_time&graph_name&status&limit&offset`.
pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<api::management::JobList>, ApiError> {
    let bad = |e: ApiError| e.on(Surface::Management);
    let mut filter = engine::JobFilter {
        offset: query_u64(&q, "offset", 0, u64::MAX).map_err(bad)?,
        limit: query_u64(&q, "limit", 10, api::ges::MAX_LIMIT).map_err(bad)?,
        graph: q.get("graph_name").filter(|g| !g.is_empty()).cloned(),
        job_types: engine::JobType::MANAGEMENT.to_vec(),
        created_from: date(&q, "start_time")?,
        created_before: date(&q, "end_time")?.map(|d| d + Duration::days(1)),
        ..Default::default()
    };
    match q.get("status").map(String::as_str).unwrap_or("") {
        "" => {}
        word => match api::convert::status::management_filter(word) {
            Some((states, partial)) => (filter.states, filter.partial) = (states, partial),
            None => {
                return Err(bad(ApiError::bad_request(
                    "GES.0001",
                    format!(
                        "parameter [status] is invalid: {word} (running, waiting, success, failed, partiallyFailed)"
                    ),
                )));
            }
        },
    }
    let page = state
        .engine
        .jobs(&project, &filter)
        .await
        .map_err(|e| ApiError::from_engine_on(Surface::Management, e, "GES.0001"))?;
    Ok(Json(api::management::JobList {
        job_count: page.total,
        job_list: page.jobs.iter().map(api::convert::management_job).collect(),
    }))
}

/// `GET /v2/{project_id}/graphs/{graph_id}/jobs/{job_id}/status`: the job flat; GES.7007 if unknown.
pub(crate) async fn show(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph, job_id)): Path<(String, String, String)>,
) -> Result<Json<api::management::Job>, ApiError> {
    let not_found = || {
        ApiError::bad_request("GES.7007", format!("job [{job_id}] does not exist"))
            .on(Surface::Management)
    };
    match state.engine.job_for_status(&project, &job_id).await {
        Ok(job) if job.graph == graph => Ok(Json(api::convert::management_job(&job))),
        Ok(_) | Err(engine::Error::NotFound { .. }) => Err(not_found()),
        Err(e) => Err(ApiError::from_engine_on(Surface::Management, e, "GES.7007")),
    }
}

fn date(q: &HashMap<String, String>, name: &str) -> Result<Option<time::OffsetDateTime>, ApiError> {
    match q.get(name).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => engine::time_fmt::parse_date(s).map(Some).ok_or_else(|| {
            ApiError::bad_request(
                "GES.0001",
                format!("parameter [{name}] must be a date yyyy-MM-dd"),
            )
            .on(Surface::Management)
        }),
    }
}
