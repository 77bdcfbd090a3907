//! The server function the query form posts to (`query_form`), apart from `api`, whose server
//! function renders that form, so that the form names it by type without the two modules
//! importing each other.

use leptos::prelude::*;

use super::query_fields::QueryFields;
use crate::error::AppError;

/// Queues the query the form describes and sends the browser to the new job's page; a
/// refused query sends it back to the form, filled as it was, with the reason.
#[server(prefix = "/rpc", endpoint = "submit_query")]
pub(crate) async fn submit_query(fields: QueryFields) -> Result<(), AppError> {
    use crate::session::{reject, session_as};
    let s = session_as(engine::auth::Role::Operator).await?;
    let queued = match super::query_body::build(&fields) {
        Ok((kind, raw)) => {
            let spec = engine::JobSpec::new(&fields.graph, kind, raw);
            s.engine
                .submit(&s.project, spec)
                .await
                .map_err(AppError::from)
        }
        Err(reason) => Err(AppError::Invalid(reason)),
    };
    match queued {
        Ok(job) => leptos_axum::redirect(&format!("/jobs/{}", job.id.0)),
        Err(e @ (AppError::Invalid(_) | AppError::NotFound(_) | AppError::Busy(_))) => {
            leptos_axum::redirect(&fields.refused_url(&e.to_string()))
        }
        Err(e) => return Err(reject(e)),
    }
    Ok(())
}
