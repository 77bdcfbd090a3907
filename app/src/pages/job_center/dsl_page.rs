//! `/hyg/dsl`: runs a HyG dsl script (REFERENCE §13 #7) typed in the browser on a synced HyG
//! view, as a job whose per-partition output pages on the job's page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::dsl_api::dsl_form_html;
use super::dsl_fields::DslFields;
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
    view! {
        <Title text="HyG script"/>
        <h1>"Run a HyG script"</h1>
        <p class="muted">
            "A Python script written against HyG's Pregel API runs as a HyG job on the view's "
            "synced graph; what it prints pages on the job's page, one row per line and partition."
        </p>
        <ServerPart load loading="Loading the form…" show_error=true/>
    }
}
