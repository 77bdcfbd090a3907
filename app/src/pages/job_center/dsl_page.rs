//! `/hyg/dsl`: runs a HyG dsl script (REFERENCE §13 #7) typed in the browser on a synced HyG
//! view, as a job whose per-partition output pages on the job's page.

use api::console::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::dsl_api::dsl_form_html;
use super::dsl_fields::DslFields;
use crate::components::RoleNotice;
use crate::server_html::ServerPart;

/// The dsl page.
#[component]
pub(crate) fn DslPage() -> impl IntoView {
    let (fields, error) = use_query_map().with_untracked(|q| {
        let fields = DslFields::from_query(|name| q.get(name));
        (fields, q.get("error").unwrap_or_default())
    });
    let load = move || {
        let html = dsl_form_html(fields.clone(), error.clone());
        async move { html.await.map(Some) }
    };
    let role = crate::page_role::page_role();
    let form = if role.may_operate() {
        view! { <ServerPart load loading="Loading the form…" show_error=true/> }.into_any()
    } else {
        view! { <RoleNotice role needs=Role::Operator what="run scripts"/> }.into_any()
    };
    view! {
        <Title text="HyG script"/>
        <h1>"Run a HyG script"</h1>
        <p class="muted">
            "A Python script written against HyG's Pregel API runs as a HyG job on the view's "
            "synced graph; what it prints pages on the job's page, one row per line and partition."
        </p>
        {form}
    }
}
