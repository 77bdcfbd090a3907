//! `/overview`: the project at a glance.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::get_overview;
use super::{
    graph_sizes::GraphSizes, recent_failures::RecentFailures, running_jobs::RunningJobs,
    state_counts::StateCounts,
};
use crate::components::{ErrorNotice, is_active};
use crate::live::use_live_tick;
use crate::page_data::page_data;

/// The overview page.
#[component]
pub(crate) fn OverviewPage() -> impl IntoView {
    view! {
        <Title text="Overview"/>
        <crate::areas::JobsArea view=crate::areas::JobsView::Overview/>
    }
}

/// The page's interactive part (hydrated in `crate::areas`).
#[component]
pub(crate) fn OverviewPageBody() -> impl IntoView {
    let live = RwSignal::new(false);
    let tick = use_live_tick(live.into());
    let overview = page_data(move || tick.get(), |_| get_overview());
    // A failed refresh leaves `live` as it was, so polling retries through a server restart.
    Effect::new(move |_| {
        if let Some(Ok(o)) = overview.get() {
            live.set(o.counts.iter().any(|c| c.count > 0 && is_active(&c.state)));
        }
    });
    view! {
        <h1>"Overview"</h1>
        <Transition fallback=|| view! { <p class="muted" role="status">"Loading the overview…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => view! {
                        <StateCounts counts=o.counts/>
                        <div class="overview-grid">
                            <RunningJobs jobs=o.running total=o.running_total now_ms=o.now_ms/>
                            <RecentFailures failures=o.failures/>
                        </div>
                        <GraphSizes graphs=o.graphs/>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
