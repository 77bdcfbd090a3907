//! The server functions a graph's action forms post to (clear, delete: `detail_html`'s
//! `GraphActions`, carried out by the page's island), apart from `api`, whose server function
//! renders those forms, so that the forms name their server functions by type without the two
//! modules importing each other.

use leptos::prelude::*;

use crate::error::AppError;

/// Queues a job removing every vertex and edge of `name` (its schema stays). Returns its id.
#[server(prefix = "/rpc", endpoint = "clear_graph")]
pub(crate) async fn clear_graph(name: String) -> Result<String, AppError> {
    submit_as_admin(api::convert::graphs::clear_job(&name)).await
}

/// Queues a job deleting graph `name`. Returns its id.
#[server(prefix = "/rpc", endpoint = "delete_graph")]
pub(crate) async fn delete_graph(name: String) -> Result<String, AppError> {
    submit_as_admin(api::convert::graphs::delete_job(&name)).await
}

/// Queues `spec` for an admin of the session's project; returns the job's id.
#[cfg(feature = "ssr")]
async fn submit_as_admin(spec: engine::JobSpec) -> Result<String, AppError> {
    let s = crate::session::session_as(engine::auth::Role::Admin).await?;
    Ok(s.engine
        .submit(&s.project, spec)
        .await
        .map_err(refused)?
        .id
        .0)
}

/// [`reject`](crate::session::reject), with the service plane's code of a refusal
/// (`api::convert::errors::ges_refusal`) kept in front of its message.
#[cfg(feature = "ssr")]
pub(super) fn refused(err: engine::Error) -> AppError {
    use crate::session::reject;
    match err {
        engine::Error::InvalidArgument { kind, message } => {
            let code = api::convert::errors::ges_refusal(kind);
            reject(AppError::Invalid(format!("{code}: {message}")))
        }
        other => reject(other),
    }
}
