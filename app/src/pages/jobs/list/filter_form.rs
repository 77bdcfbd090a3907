//! The jobs table's filters (`crate::list::FilterBar`): state, type, graph and text.

use leptos::prelude::*;

use crate::jobs_query::{JobsQuery, STATES, TYPES};
use crate::list::{FilterBar, FilterSearch, FilterSelect, ListUrl};
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
    let graph = query.graph.clone();
    view! {
        <FilterBar label="Job filters" action=JobsQuery::BASE clear=query.is_filtered()>
            <FilterSelect id="filter-state" name="state" label="State" any="Any state"
                values=to_strings(&STATES) current=query.state.clone() keep_current=true/>
            <FilterSelect id="filter-type" name="type" label="Type" any="Any type"
                values=to_strings(&TYPES) current=query.job_type.clone() keep_current=true/>
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
            <FilterSearch id="filter-text" label="Search" value=query.text.clone() placeholder="id prefix, graph or algorithm"/>
        </FilterBar>
    }
}

/// The graph filter: the project's graphs once loaded.
fn graph_field(names: Vec<String>, current: &str) -> impl IntoView + use<> {
    let current = current.to_string();
    view! {
        <FilterSelect id="filter-graph" name="graph" label="Graph" any="Any graph"
            values=names current keep_current=true/>
    }
}
