//! Server functions of the dsl page: the form as HTML, and queuing the script.

use leptos::prelude::*;

use super::dsl_fields::DslFields;
use crate::error::AppError;

/// The dsl form, filled with `fields` and showing `error` (empty: none), as HTML.
#[server(prefix = "/rpc", endpoint = "dsl_form_html")]
pub(crate) async fn dsl_form_html(fields: DslFields, error: String) -> Result<String, AppError> {
    use crate::session::{reject, session};
    let s = session().await?;
    let views = s.engine.hyg_views(&s.project).await.map_err(reject)?;
    let synced = views
        .into_iter()
        .filter(|v| v.synced)
        .map(|v| v.name)
        .collect();
    Ok(super::dsl_form::render(synced, &fields, &error))
}

/// Queues the script as a HyG dsl job and sends the browser to the job's page; a refused
/// script sends it back to the form, filled as it was, with the reason.
#[server(prefix = "/rpc", endpoint = "submit_dsl")]
pub(crate) async fn submit_dsl(fields: DslFields) -> Result<(), AppError> {
    use crate::session::{reject, session_as};
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
    match queued {
        Ok(job) => leptos_axum::redirect(&format!("/jobs/{}", job.id.0)),
        Err(e @ (AppError::Invalid(_) | AppError::NotFound(_) | AppError::Busy(_))) => {
            leptos_axum::redirect(&fields.refused_url(&e.to_string()))
        }
        Err(e) => return Err(reject(e)),
    }
    Ok(())
}
