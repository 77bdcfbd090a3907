//! The jobs table's filters: a GET form whose fields become the URL's query string, so the
//! filters survive a reload (the browser loads the filtered page). Changing a filter starts
//! again at page 1 (the form has no `page` field).

use leptos::prelude::*;

use crate::jobs_query::{JobsQuery, STATES, TYPES};
use crate::page_data::frame_data;
use crate::pages::run::list_graphs;

/// State, type, graph and text filters with Apply and Clear.
#[component]
pub(crate) fn FilterForm(
    /// The filters now in the URL.
    query: JobsQuery,
) -> impl IntoView {
    // Rendered on the server only (the jobs island's `children`): never hydrated.
    let graphs = frame_data(|| (), |_| list_graphs());
    let to_strings = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let state_options = options("Any state", to_strings(&STATES), &query.state);
    let type_options = options("Any type", to_strings(&TYPES), &query.job_type);
    let graph = query.graph.clone();
    let clear = query
        .is_filtered()
        .then(|| view! { <a class="button" href="/jobs">"Clear filters"</a> });
    view! {
        <div class="filters" role="search" aria-label="Job filters">
            <form method="get" action="/jobs">
                <div class="field">
                    <label for="filter-state">"State"</label>
                    <select id="filter-state" name="state">{state_options}</select>
                </div>
                <div class="field">
                    <label for="filter-type">"Type"</label>
                    <select id="filter-type" name="type">{type_options}</select>
                </div>
                <Transition fallback=move || graph_field(Vec::new(), &graph)>
                    {
                        let graph = query.graph.clone();
                        move || {
                            let graph = graph.clone();
                            Suspend::new(async move {
                                let names = graphs
                                    .await
                                    .map(|gs| gs.into_iter().map(|g| g.name).collect())
                                    .unwrap_or_default();
                                graph_field(names, &graph)
                            })
                        }
                    }
                </Transition>
                <div class="field">
                    <label for="filter-text">"Search"</label>
                    <input id="filter-text" name="q" type="search" value=query.text.clone() placeholder="id prefix, graph or algorithm"/>
                </div>
                <div class="filter-actions">
                    <button type="submit" class="primary">"Apply filters"</button>
                    {clear}
                </div>
            </form>
        </div>
    }
    .into_any()
}

/// `<option>`s: "any" first, then `values` (plus `current` if it is not among them, so the
/// URL's filter is always shown), with `current` selected.
fn options(all: &'static str, mut values: Vec<String>, current: &str) -> impl IntoView + use<> {
    if !current.is_empty() && !values.iter().any(|v| v == current) {
        values.push(current.to_string());
    }
    let current = current.to_string();
    view! {
        <option value="" selected=current.is_empty()>{all}</option>
        {values
            .into_iter()
            .map(|v| {
                let selected = v == current;
                let text = v.clone();
                view! { <option value=v selected=selected>{text}</option> }
            })
            .collect_view()}
    }
}

/// The graph filter: the project's graphs once loaded.
fn graph_field(names: Vec<String>, current: &str) -> impl IntoView + use<> {
    let options = options("Any graph", names, current);
    view! {
        <div class="field">
            <label for="filter-graph">"Graph"</label>
            <select id="filter-graph" name="graph">{options}</select>
        </div>
    }
}
