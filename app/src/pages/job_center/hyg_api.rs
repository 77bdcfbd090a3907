//! The server function HyG's "Cancel all queued" forms post to (`hyg_table`, carried out by
//! `hyg_page`'s island), apart from `api`, whose server function renders those forms, so that
//! the forms name it by type without the two modules importing each other.

use leptos::prelude::*;

use crate::error::AppError;

/// Cancels every queued HyG job of `graph`; returns the recording `CancelJobs` job's id and
/// how many jobs it cancelled.
#[server(prefix = "/rpc", endpoint = "cancel_queued_hyg")]
pub(crate) async fn cancel_queued_hyg(graph: String) -> Result<(String, u64), AppError> {
    use crate::session::{reject, session_as};
    let s = session_as(engine::auth::Role::Operator).await?;
    let (parent, cancelled) = s
        .engine
        .hyg_cancel_queued(&s.project, &graph, "console")
        .await
        .map_err(reject)?;
    Ok((parent.id.0, cancelled.len() as u64))
}
