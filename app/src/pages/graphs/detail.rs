//! `/graphs/:name`: one graph — its facts, label counts, schema and most recent jobs — with
//! "Clear data" and "Delete graph", each confirmed first; both queue a job and go to its page.
//!
//! Everything below the heading is server HTML (`crate::server_html`), the two actions being
//! forms in it (`components::ActConfirm`); the island carries them out and goes to the job.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

use super::act_api::{ClearGraph, DeleteGraph};
use super::api::graph_html;
use crate::components::ErrorNotice;
use crate::server_html::{Act, LivePart, ServerPart};

/// The route's `:name`.
#[derive(Params, Clone, Debug, PartialEq, Eq)]
struct GraphParams {
    /// Graph name.
    name: Option<String>,
}

/// The graph detail page: breadcrumb and heading, then the island with the graph rendered
/// inside it (server only).
#[component]
pub(crate) fn GraphDetail() -> impl IntoView {
    let name = use_params::<GraphParams>()
        .with_untracked(|p| p.as_ref().ok().and_then(|p| p.name.clone()))
        .unwrap_or_default();
    let load = {
        let name = name.clone();
        move || {
            let html = graph_html(name.clone());
            async move { html.await.map(Some) }
        }
    };
    view! {
        <Title text=format!("Graph {name}")/>
        <p class="breadcrumb"><a href="/graphs">"← Graphs"</a></p>
        <h1>"Graph " <code>{name}</code></h1>
        <crate::areas::GraphsArea view=crate::areas::GraphsView::Detail>
            <ServerPart load loading="Loading the graph…" show_error=true/>
        </crate::areas::GraphsArea>
    }
}

/// The graph page's interactive part (hydrated in `crate::areas`): `parts`, the graph as the
/// server rendered it, whose "Clear data" and "Delete graph" are carried out here; on success
/// the browser goes to the job, on a refusal the page says why.
#[component]
pub(crate) fn GraphDetailBody(
    /// The graph's page below its heading, rendered by the server.
    parts: Children,
) -> impl IntoView {
    let clear = ServerAction::<ClearGraph>::new();
    let delete = ServerAction::<DeleteGraph>::new();
    // Both actions' values are read on every run, so both are tracked.
    let outcomes = move || [clear.value().get(), delete.value().get()];
    Effect::new(move |_| {
        if let Some(Ok(id)) = outcomes().into_iter().flatten().find(Result::is_ok) {
            crate::navigate::go(&format!("/jobs/{id}"));
        }
    });
    let failures = move || {
        outcomes()
            .into_iter()
            .flatten()
            .filter_map(Result::err)
            .map(|error| view! { <ErrorNotice error/> })
            .collect_view()
    };
    let part = LivePart::new();
    let on_act = move |act: Act| {
        if act.is::<ClearGraph>() {
            clear.dispatch(ClearGraph { name: act.id });
        } else if act.is::<DeleteGraph>() {
            delete.dispatch(DeleteGraph { name: act.id });
        }
    };
    view! {
        {failures}
        {part.acting("graph-part", parts, on_act)}
    }
}
