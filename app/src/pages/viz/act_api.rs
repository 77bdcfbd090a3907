//! The server functions a visualization job's action forms post to (stop, restart, delete:
//! `action_forms`, carried out by `actions`), apart from `api`, whose server functions render
//! those forms, so that the forms name their server functions by type without the two
//! modules importing each other.

use api::console::viz::VizRow;
use leptos::prelude::*;

use crate::error::AppError;

/// Stops a RUNNING job.
#[server(prefix = "/rpc", endpoint = "stop_visualization_job")]
pub(crate) async fn stop_viz_job(id: String) -> Result<VizRow, AppError> {
    let s = crate::session::session_as(engine::auth::Role::Operator).await?;
    let job = s.engine.stop_visualization_job(&s.project, &id).await;
    Ok(api::convert::viz::viz_row(
        &job.map_err(refusal)?,
        crate::session::now_ms(),
    ))
}

/// Restarts a finished job from INIT.
#[server(prefix = "/rpc", endpoint = "restart_visualization_job")]
pub(crate) async fn restart_viz_job(id: String) -> Result<VizRow, AppError> {
    let s = crate::session::session_as(engine::auth::Role::Operator).await?;
    let job = s.engine.restart_visualization_job(&s.project, &id).await;
    Ok(api::convert::viz::viz_row(
        &job.map_err(refusal)?,
        crate::session::now_ms(),
    ))
}

/// Deletes a job (refused while it is stopping).
#[server(prefix = "/rpc", endpoint = "delete_visualization_job")]
pub(crate) async fn delete_viz_job(id: String) -> Result<(), AppError> {
    let s = crate::session::session_as(engine::auth::Role::Operator).await?;
    s.engine
        .delete_visualization_job(&s.project, &id)
        .await
        .map_err(refusal)
}

/// Maps an engine error once, at this boundary: a refusal keeps its ModelArts code
/// (`api::convert::errors::modelarts_refusal`) in front of the message; everything else as
/// every console server function maps it.
#[cfg(feature = "ssr")]
pub(super) fn refusal(e: engine::Error) -> AppError {
    crate::session::reject(match e {
        engine::Error::InvalidArgument { kind, message } => {
            let code = api::convert::errors::modelarts_refusal(kind);
            AppError::Invalid(format!("{code}: {message}"))
        }
        other => AppError::from(other),
    })
}
