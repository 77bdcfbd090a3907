//! `/graphs/:name`: one graph — its facts, label counts, schema and most recent jobs — with
//! "Clear data" and "Delete graph", each confirmed first; both queue a job and go to its page.

mod facts;
mod graph_actions;
mod label_counts;
mod recent_jobs;
mod schema;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

use self::{
    facts::GraphFacts, graph_actions::GraphActions, label_counts::LabelCounts,
    recent_jobs::RecentJobs, schema::SchemaCards,
};
use super::api::{ClearGraph, DeleteGraph, get_graph};
use crate::components::ErrorNotice;
use crate::page_data::page_data;

/// The route's `:name`.
#[derive(Params, Clone, Debug, PartialEq, Eq)]
struct GraphParams {
    /// Graph name.
    name: Option<String>,
}

/// The graph detail page.
#[component]
pub(crate) fn GraphDetail() -> impl IntoView {
    let name = use_params::<GraphParams>()
        .with_untracked(|p| p.as_ref().ok().and_then(|p| p.name.clone()))
        .unwrap_or_default();
    view! {
        <Title text=format!("Graph {name}")/>
        <crate::areas::GraphsArea view=crate::areas::GraphsView::Detail { name }/>
    }
}

/// The graph page's interactive part.
#[component]
pub(crate) fn GraphDetailBody(
    /// Graph name.
    name: String,
) -> impl IntoView {
    let name = Signal::stored(name);
    let clear = ServerAction::<ClearGraph>::new();
    let delete = ServerAction::<DeleteGraph>::new();
    let confirming = RwSignal::new(None::<&'static str>);
    let graph = page_data(move || name.get(), get_graph);

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

    view! {
        <p class="breadcrumb"><a href="/graphs">"← Graphs"</a></p>
        <h1>"Graph " <code>{move || name.get()}</code></h1>
        {failures}
        <Transition fallback=|| view! { <p class="muted" role="status">"Loading the graph…"</p> }>
            {move || Suspend::new(async move {
                match graph.await {
                    Ok(data) => {
                        let name = data.detail.row.name.clone();
                        view! {
                            <GraphActions name=name.clone() confirming clear delete/>
                            <GraphFacts detail=data.detail.clone()/>
                            <LabelCounts labels=data.detail.labels.clone()/>
                            <SchemaCards labels=data.detail.labels/>
                            <RecentJobs graph=name jobs=data.recent_jobs total=data.total_jobs now_ms=data.now_ms/>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
