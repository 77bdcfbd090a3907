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
    use crate::session::{redirect_queued, session_as};
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
    redirect_queued(queued, |reason| fields.refused_url(reason))
}
