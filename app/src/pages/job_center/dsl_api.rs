//! Server functions of the dsl page: the form as HTML (queuing the script: `dsl_submit_api`).

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
