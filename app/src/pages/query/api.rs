//! Server functions of the query page: the form as HTML (running the query: `submit_api`).

use leptos::prelude::*;

use super::query_fields::QueryFields;
use crate::error::AppError;

/// The query form, filled with `fields` and showing `error` (empty: none), as HTML.
#[server(prefix = "/rpc", endpoint = "query_form_html")]
pub(crate) async fn query_form_html(
    fields: QueryFields,
    error: String,
) -> Result<String, AppError> {
    let graphs = crate::pages::run::list_graphs().await?;
    Ok(super::query_form::render(graphs, &fields, &error))
}
