//! `/graphs`: the project's graphs with their sizes, label counts and versions.

mod graphs_table;

use leptos::prelude::*;
use leptos_meta::Title;

use self::graphs_table::GraphsTable;
use super::api::list_graph_rows;
use crate::components::ErrorNotice;
use crate::page_data::page_data;

/// The graphs table page.
#[component]
pub(crate) fn GraphList() -> impl IntoView {
    view! {
        <Title text="Graphs"/>
        <crate::areas::GraphsArea view=crate::areas::GraphsView::List/>
    }
}

/// The page's interactive part (hydrated in `crate::areas`).
#[component]
pub(crate) fn GraphListBody() -> impl IntoView {
    let graphs = page_data(|| (), |_| list_graph_rows());
    view! {
        <div class="page-head">
            <h1>"Graphs"</h1>
            <a class="button primary" href="/graphs/import">"Import graph"</a>
        </div>
        <Transition fallback=|| view! { <p class="muted" role="status">"Loading graphs…"</p> }>
            {move || Suspend::new(async move {
                match graphs.await {
                    Ok(rows) => view! { <GraphsTable rows/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
