//! The agent's routes, each one call on the [`super::table::Table`], run off the runtime's
//! threads (the table locks, kills, reaps and removes dirs: blocking work).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use engine::distributed::agent::{PortReserved, ProcessReport, ProcessStarted, StartProcess};

use super::Agent;
use super::table::{Refusal, Table};

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Bad(why) => (StatusCode::BAD_REQUEST, why).into_response(),
            Refusal::Unknown => (StatusCode::NOT_FOUND, "no such process").into_response(),
            Refusal::Unavailable(why) => (StatusCode::SERVICE_UNAVAILABLE, why).into_response(),
        }
    }
}

/// Runs `work` on the table on a blocking thread.
async fn on_table<T: Send + 'static>(
    agent: Agent,
    work: impl FnOnce(&Table) -> Result<T, Refusal> + Send + 'static,
) -> Result<T, Refusal> {
    tokio::task::spawn_blocking(move || work(&agent.table))
        .await
        .map_err(|e| Refusal::Unavailable(format!("the agent's worker thread failed: {e}")))?
}

/// `POST /v1/ports`.
pub(super) async fn reserve(
    State(agent): State<Agent>,
) -> Result<(StatusCode, Json<PortReserved>), Refusal> {
    let port = on_table(agent, Table::reserve).await?;
    Ok((StatusCode::CREATED, Json(port)))
}

/// `DELETE /v1/ports/{address}`.
pub(super) async fn release(
    State(agent): State<Agent>,
    Path(address): Path<String>,
) -> Result<StatusCode, Refusal> {
    on_table(agent, move |t| t.release(&address)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /v1/processes`.
pub(super) async fn start(
    State(agent): State<Agent>,
    Json(req): Json<StartProcess>,
) -> Result<(StatusCode, Json<ProcessStarted>), Refusal> {
    let started = on_table(agent, move |t| t.start(&req)).await?;
    Ok((StatusCode::CREATED, Json(started)))
}

/// `GET /v1/processes/{id}`.
pub(super) async fn report(
    State(agent): State<Agent>,
    Path(id): Path<u64>,
) -> Result<Json<ProcessReport>, Refusal> {
    Ok(Json(on_table(agent, move |t| t.report(id)).await?))
}

/// `DELETE /v1/processes/{id}`.
pub(super) async fn stop(
    State(agent): State<Agent>,
    Path(id): Path<u64>,
) -> Result<StatusCode, Refusal> {
    on_table(agent, move |t| t.stop(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}
