//! The query page: the form, filled from the URL after a refusal.

use api::console::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::query_form_html;
use super::query_fields::QueryFields;
use crate::components::RoleNotice;
use crate::server_html::ServerPart;

/// `/query`.
#[component]
pub(crate) fn QueryPage() -> impl IntoView {
    let (fields, error) = use_query_map().with_untracked(|q| {
        let fields = QueryFields::from_query(|name| q.get(name));
        (fields, q.get("error").unwrap_or_default())
    });
    let load = move || {
        let html = query_form_html(fields.clone(), error.clone());
        async move { html.await.map(Some) }
    };
    let role = crate::page_role::page_role();
    let form = if role.may_operate() {
        view! { <ServerPart load loading="Loading the form…" show_error=true/> }.into_any()
    } else {
        view! { <RoleNotice role needs=Role::Operator what="run queries"/> }.into_any()
    };
    view! {
        <Title text="Query"/>
        <h1>"Query"</h1>
        <p class="muted">
            "Finds vertices or edges by label and property, or walks paths from start vertices, "
            "as a job; its rows page on the job's page."
        </p>
        {form}
    }
}
