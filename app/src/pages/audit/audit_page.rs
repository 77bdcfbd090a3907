//! The audit page: heading, the filter form (a GET form: the filters live in the URL and work
//! without wasm), then the table the server renders.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::audit_html;
use super::audit_query::AuditQuery;
use crate::server_html::ServerPart;

/// `/audit`.
#[component]
pub(crate) fn AuditLog() -> impl IntoView {
    let query = use_query_map().with_untracked(|m| AuditQuery::from_query(|k| m.get(k)));
    let load = {
        let query = query.clone();
        move || {
            let html = audit_html(query.clone());
            async move { html.await.map(Some) }
        }
    };
    view! {
        <Title text="Audit log"/>
        <div class="page-head">
            <h1>"Audit log"</h1>
        </div>
        <AuditFilters query/>
        <ServerPart load loading="Loading the audit log…" show_error=true/>
    }
}

/// The filters with Apply and Clear; applying starts again at the newest entry.
#[component]
fn AuditFilters(
    /// The filters now in the URL.
    query: AuditQuery,
) -> impl IntoView {
    let rating = query.rating.clone();
    let ratings = ["normal", "warning", "incident"]
        .into_iter()
        .map(|r| view! { <option value=r selected=rating == r>{r}</option> })
        .collect_view();
    let clear = query
        .is_filtered()
        .then(|| view! { <a class="button" href="/audit">"Clear filters"</a> });
    let field = |id: &'static str, label: &'static str, value: String, hint: &'static str| {
        view! {
            <div class="field">
                <label for=format!("audit-filter-{id}")>{label}</label>
                <input id=format!("audit-filter-{id}") name=id type="search" value=value placeholder=hint/>
            </div>
        }
    };
    view! {
        <div class="filters" role="search" aria-label="Audit log filters">
            <form method="get" action="/audit">
                {field("user", "Actor", query.user.clone(), "token id or name")}
                {field("trace_name", "Action", query.trace_name.clone(), "cancelJob, importGraph…")}
                {field("resource_type", "Target type", query.resource_type.clone(), "job, graph…")}
                {field("resource_id", "Target id", query.resource_id.clone(), "a job id…")}
                <div class="field">
                    <label for="audit-filter-rating">"Outcome"</label>
                    <select id="audit-filter-rating" name="rating">
                        <option value="" selected=rating.is_empty()>"Any outcome"</option>
                        {ratings}
                    </select>
                </div>
                <div class="filter-actions">
                    <button type="submit" class="primary">"Apply filters"</button>
                    {clear}
                </div>
            </form>
        </div>
    }
}
