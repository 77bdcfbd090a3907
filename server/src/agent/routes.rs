//! The agent's four routes, each one call on the [`super::table::Table`].

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use engine::distributed::agent::{PortReserved, ProcessReport, ProcessStarted, StartProcess};

use super::Agent;
use super::table::Refusal;

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Bad(why) => (StatusCode::BAD_REQUEST, why).into_response(),
            Refusal::Unknown => (StatusCode::NOT_FOUND, "no such process").into_response(),
            Refusal::Unavailable(why) => (StatusCode::SERVICE_UNAVAILABLE, why).into_response(),
        }
    }
}

/// `POST /v1/ports`.
pub(super) async fn reserve(
    State(agent): State<Agent>,
) -> Result<(StatusCode, Json<PortReserved>), Refusal> {
    Ok((StatusCode::CREATED, Json(agent.table.reserve()?)))
}

/// `POST /v1/processes`.
pub(super) async fn start(
    State(agent): State<Agent>,
    Json(req): Json<StartProcess>,
) -> Result<(StatusCode, Json<ProcessStarted>), Refusal> {
    Ok((StatusCode::CREATED, Json(agent.table.start(&req)?)))
}

/// `GET /v1/processes/{id}`.
pub(super) async fn report(
    State(agent): State<Agent>,
    Path(id): Path<u64>,
) -> Result<Json<ProcessReport>, Refusal> {
    Ok(Json(agent.table.report(id)?))
}

/// `DELETE /v1/processes/{id}`.
pub(super) async fn stop(
    State(agent): State<Agent>,
    Path(id): Path<u64>,
) -> Result<StatusCode, Refusal> {
    agent.table.stop(id)?;
    Ok(StatusCode::NO_CONTENT)
}
