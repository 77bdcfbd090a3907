//! The audit page's server function: a page of the audit log as the table's HTML. Admin only,
//! as the REST trace list.

use leptos::prelude::*;

use super::audit_query::AuditQuery;
use crate::error::AppError;

/// Entries a page of the console's audit table shows.
#[cfg(feature = "ssr")]
const PAGE: u32 = 50;

/// The entries `query` selects, newest first, as the table's HTML (with the next page's link).
#[server(prefix = "/rpc", endpoint = "audit_html")]
pub(crate) async fn audit_html(query: AuditQuery) -> Result<String, AppError> {
    use crate::session::{reject, session_as};
    let s = session_as(engine::auth::Role::Admin).await?;
    let text = |v: &str| (!v.is_empty()).then(|| v.to_owned());
    let rating = match query.rating.as_str() {
        "" => None,
        r => Some(engine::audit::Rating::parse(r).ok_or_else(|| {
            reject(AppError::Invalid(format!(
                "rating [{r}] is invalid: normal, warning or incident"
            )))
        })?),
    };
    let traces = engine::audit::TraceQuery {
        limit: PAGE,
        next: text(&query.next),
        user: text(&query.user),
        trace_name: text(&query.trace_name),
        resource_type: text(&query.resource_type),
        resource_id: text(&query.resource_id),
        rating,
        ..Default::default()
    };
    let page = s.engine.traces(&s.project, &traces).await.map_err(reject)?;
    Ok(super::audit_table::render(
        api::convert::trace_list(&page),
        query,
    ))
}
