//! `GET /v3/{project_id}/traces`: the audit log as Huawei Cloud Cloud Trace Service's trace
//! list (`api::cts` has the shape and the field mapping), newest first.
//!
//! Query: `trace_type` (required, as in CTS: `system`; `data`, CTS's OBS data traces, is
//! always empty), `limit` (1–200, default 10), `from` / `to` (UTC ms, inclusive), `next` (the
//! `marker` of the page before), and exact filters `service_type`, `user` (the actor's name or
//! id), `access_key_id`, `resource_type`, `resource_name`, `resource_id`, `trace_name`,
//! `trace_id`, `trace_rating` (`normal`, `warning`, `incident`); `tracker_name` may only be
//! `system`, CTS's one management tracker. Parameters CTS has that say nothing here
//! (`enterprise_project_id`) are ignored.
//!
//! A bad value (a limit of 0 or above 200, a time that is not an integer, `from` after `to`,
//! an unknown `trace_type` or rating, a marker this list did not give) is refused with 400
//! `{"error_code":"CTS.0003","error_msg":"…"}` naming it: CTS.0003 is CTS's "the request is
//! empty or invalid", the one code it documents for a malformed request. A role below the
//! route's is 403 `CTS.0002` ("no permission").
//!
//! Least role: admin. The log names other people's actions, credentials and addresses, which
//! a viewer of the project's jobs need not see.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use engine::audit::{Rating, TraceQuery};

use super::auth::Project;
use crate::error::{ApiError, Surface};
use crate::state::AppState;

/// `GET /v3/{project_id}/traces`.
pub(crate) async fn list(
    State(state): State<AppState>,
    axum::Extension(Project(project)): axum::Extension<Project>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<api::cts::ListTracesResponse>, ApiError> {
    let (query, data) = parse(&params)?;
    if data {
        return Ok(Json(api::convert::trace_list(&Default::default())));
    }
    let page = state
        .engine
        .traces(&project, &query)
        .await
        .map_err(|e| ApiError::from_engine_on(Surface::Cts, e, "CTS.0003"))?;
    Ok(Json(api::convert::trace_list(&page)))
}

fn bad(message: String) -> ApiError {
    ApiError::bad_request("CTS.0003", message)
        .with_status(StatusCode::BAD_REQUEST)
        .on(Surface::Cts)
}

/// The query, and whether it asks for CTS's data traces (none here).
fn parse(params: &HashMap<String, String>) -> Result<(TraceQuery, bool), ApiError> {
    let get = |k: &str| params.get(k).map(String::as_str).filter(|v| !v.is_empty());
    let text = |k: &str| get(k).map(str::to_owned);
    let data = match get("trace_type") {
        Some("system") => false,
        Some("data") => true,
        Some(other) => {
            return Err(bad(format!(
                "trace_type [{other}] is invalid: system or data"
            )));
        }
        None => return Err(bad("trace_type is required: system or data".into())),
    };
    if let Some(t) = get("tracker_name").filter(|t| *t != "system") {
        return Err(bad(format!(
            "tracker_name [{t}] is invalid: the only tracker is system"
        )));
    }
    let int = |k: &str| -> Result<Option<i64>, ApiError> {
        get(k)
            .map(|v| {
                v.parse::<i64>()
                    .map_err(|_| bad(format!("{k} [{v}] must be an integer")))
            })
            .transpose()
    };
    let limit = match int("limit")? {
        None => engine::audit::DEFAULT_LIMIT,
        Some(n) => u32::try_from(n).map_err(|_| {
            bad(format!(
                "limit [{n}] must be between 1 and {}",
                engine::audit::MAX_LIMIT
            ))
        })?,
    };
    let rating = match get("trace_rating") {
        None => None,
        Some(r) => Some(Rating::parse(r).ok_or_else(|| {
            bad(format!(
                "trace_rating [{r}] is invalid: normal, warning or incident"
            ))
        })?),
    };
    let query = TraceQuery {
        from: int("from")?,
        to: int("to")?,
        limit,
        next: text("next"),
        service_type: text("service_type"),
        user: text("user"),
        access_key: text("access_key_id"),
        resource_type: text("resource_type"),
        resource_name: text("resource_name"),
        resource_id: text("resource_id"),
        trace_name: text("trace_name"),
        trace_id: text("trace_id"),
        rating,
    };
    query
        .check()
        .map_err(|e| ApiError::from_engine_on(Surface::Cts, e, "CTS.0003"))?;
    Ok((query, data))
}
