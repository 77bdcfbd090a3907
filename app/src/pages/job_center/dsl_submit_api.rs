//! The server function the dsl form posts to (`dsl_form`), apart from `dsl_api`, whose server
//! function renders that form, so that the form names it by type without the two modules
//! importing each other.

use leptos::prelude::*;

use super::dsl_fields::DslFields;
use crate::error::AppError;

/// Queues the script as a HyG dsl job and sends the browser to the job's page; a refused
/// script sends it back to the form, filled as it was, with the reason.
#[server(prefix = "/rpc", endpoint = "submit_dsl")]
pub(crate) async fn submit_dsl(fields: DslFields) -> Result<(), AppError> {
    use crate::session::{redirect_queued, session_as};
    let s = session_as(engine::auth::Role::Operator).await?;
    let queued = match fields.timeout_s() {
        Ok(timeout) => s
            .engine
            .hyg_dsl_text(
                &s.project,
                &fields.graph,
                &fields.script,
                timeout,
                engine::SubmitOptions::default(),
            )
            .await
            .map_err(AppError::from),
        Err(reason) => Err(AppError::Invalid(reason)),
    };
    redirect_queued(queued, |reason| fields.refused_url(reason))
}
