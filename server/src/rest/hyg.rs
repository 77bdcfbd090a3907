//! HyG routes (REFERENCE §13) under `/ges/v1.0/{project_id}/hyg…`: create, sync, summary, list,
//! delete, algorithm, dsl, export-result, cancel one, cancel all queued.
//! Job status and results come from the service plane's `/graphs/{g}/jobs/{id}/status`, as in
//! GES, in HyG's words (`complete` + `result`, `api::convert::status`). Choices are documented
//! in `engine::hyg`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Extension, Path, State};
use serde_json::{Map, Value, json};

use super::auth::Project;
use super::job_options::JobOptions;
use crate::error::ApiError;
use crate::state::AppState;

fn object(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    super::body::json(body)
}

async fn submit(
    state: &AppState,
    project: &str,
    graph: &str,
    kind: engine::JobKind,
    raw: Map<String, Value>,
    options: &engine::SubmitOptions,
) -> Result<Json<Value>, ApiError> {
    let spec = engine::JobSpec::new(graph, kind, Value::Object(raw));
    let job = state
        .engine
        .submit_with(project, spec, options.clone())
        .await?;
    Ok(Json(json!({"jobId": job.id.0, "result": "success"})))
}

/// `POST …/hyg/{graph_name}`: `{"result":"success"}`.
pub(crate) async fn create(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph)): Path<(String, String)>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let body = super::body::bytes(body)?;
    let req: api::ges::HygCreateRequest = if body.iter().all(u8::is_ascii_whitespace) {
        Default::default()
    } else {
        super::body::json(&body)?
    };
    state
        .engine
        .hyg_create(&project, &graph, req.policy.as_deref(), req.in_edge)
        .await?;
    Ok(Json(json!({"result": "success"})))
}

/// `POST …/hyg/{graph_name}/sync`: a job.
pub(crate) async fn sync(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph)): Path<(String, String)>,
    JobOptions(options): JobOptions,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let raw = object(&super::body::bytes(body)?)?;
    let sync = engine::hyg::HygSync::from_request(&raw)?;
    submit(
        &state,
        &project,
        &graph,
        engine::JobKind::HygSync(sync),
        raw,
        &options,
    )
    .await
}

/// `GET …/hyg/{graph_name}/summary`.
pub(crate) async fn summary(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph)): Path<(String, String)>,
) -> Result<Json<api::ges::HygSummaryResponse>, ApiError> {
    let view = state.engine.hyg_view(&project, &graph).await?;
    Ok(Json(api::ges::HygSummaryResponse {
        status: if view.synced { "complete" } else { "pending" }.into(),
        data: api::convert::hyg_summary(&view, false),
        result: "success".into(),
    }))
}

/// `GET /ges/v1.0/{project_id}/hyg`.
pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
) -> Result<Json<api::ges::HygListResponse>, ApiError> {
    let views = state.engine.hyg_views(&project).await?;
    Ok(Json(api::ges::HygListResponse {
        data: views
            .iter()
            .map(|v| api::convert::hyg_summary(v, true))
            .collect(),
        result: "success".into(),
    }))
}

/// `DELETE …/hyg/{graph_name}`: a job dropping the view (the graph stays).
pub(crate) async fn delete(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph)): Path<(String, String)>,
    JobOptions(options): JobOptions,
) -> Result<Json<Value>, ApiError> {
    submit(
        &state,
        &project,
        &graph,
        engine::JobKind::HygDelete,
        Map::new(),
        &options,
    )
    .await
}

/// `POST …/hyg/{graph_name}/algorithm`: a job.
pub(crate) async fn algorithm(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph)): Path<(String, String)>,
    JobOptions(options): JobOptions,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let raw = object(&super::body::bytes(body)?)?;
    let spec = engine::hyg::HygAlgorithm::from_request(&raw)?;
    submit(
        &state,
        &project,
        &graph,
        engine::JobKind::HygAlgorithm(spec),
        raw,
        &options,
    )
    .await
}

/// `POST …/hyg/{graph_name}/dsl`: a job running the script at `scriptPath` (read and checked
/// at submit; GES.8005 when refused, see `engine::hyg::dsl`).
pub(crate) async fn dsl(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph)): Path<(String, String)>,
    JobOptions(options): JobOptions,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let raw = object(&super::body::bytes(body)?)?;
    let job = state.engine.hyg_dsl(&project, &graph, raw, options).await?;
    Ok(Json(json!({"jobId": job.id.0, "result": "success"})))
}

/// `POST …/hyg/{graph_name}/jobs/{job_id}/export-result`: a dump job (`erase` default true).
pub(crate) async fn export_result(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph, job_id)): Path<(String, String, String)>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let body = super::body::bytes(body)?;
    super::export::export_result(&state, &project, &graph, job_id, &body).await
}

/// `DELETE …/hyg/{graph_name}/jobs/{job_id}`: `{"result":"success"}`; a queued job is
/// cancelled at once, a running one cooperatively. GES.8303 for an unknown or finished job.
/// The reason is `X-Cancel-Reason`'s, if sent.
pub(crate) async fn cancel(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph, job_id)): Path<(String, String, String)>,
    reason: super::cancel_reason::CancelReason,
) -> Result<Json<Value>, ApiError> {
    let reason = reason.or("cancelled through the HyG API");
    super::jobs::cancel_in_graph(&state, &project, &graph, &job_id, reason).await?;
    Ok(Json(json!({"result": "success"})))
}

/// `DELETE …/hyg/{graph_name}/jobs` (also routed as `DELETE …/graphs/{graph_name}/jobs`, the
/// path of the EN docs' examples): cancels every queued HyG job of the graph (other jobs of it
/// are left alone; GES.8000 when the graph has no HyG view);
/// `{"result":"success","jobId":…,"jobIds":[…]}`: the bulk action's parent job (its sub-jobs
/// in the generic job query) and the cancelled jobs, oldest first.
pub(crate) async fn cancel_queued(
    State(state): State<AppState>,
    Extension(Project(project)): Extension<Project>,
    Path((_, graph)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let (parent, cancelled) = state
        .engine
        .hyg_cancel_queued(&project, &graph, "api")
        .await?;
    let ids: Vec<&str> = cancelled.iter().map(|j| j.id.0.as_str()).collect();
    Ok(Json(
        json!({"result": "success", "jobId": parent.id.0, "jobIds": ids}),
    ))
}
