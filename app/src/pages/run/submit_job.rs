//! `/run`: loads the graphs and the algorithm catalogue, then shows the form.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{list_algorithms, list_graphs};
use super::run_form::RunForm;
use crate::components::ErrorNotice;
use crate::page_data::page_data;

/// The run-algorithm page.
#[component]
pub(crate) fn SubmitJob() -> impl IntoView {
    view! {
        <Title text="Run algorithm"/>
        <crate::areas::CenterArea view=crate::areas::CenterView::Run>""</crate::areas::CenterArea>
    }
}

/// The page's interactive part (hydrated in `crate::areas`).
#[component]
pub(crate) fn SubmitJobBody() -> impl IntoView {
    let graphs = page_data(|| (), |_| list_graphs());
    let algorithms = page_data(|| (), |_| list_algorithms());
    view! {
        <h1>"Run algorithm"</h1>
        <Transition fallback=|| view! { <p class="muted" role="status">"Loading the catalogue…"</p> }>
            {move || Suspend::new(async move {
                match (graphs.await, algorithms.await) {
                    (Ok(graphs), Ok(algorithms)) => view! { <RunForm graphs algorithms/> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
